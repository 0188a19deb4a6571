"""What the register's history features need: risk assessments over the last status
periods (some risks rising, some falling), links from risks to tasks, one risk escalated to
its programme and one to the portfolio, decisions with options and rationale, and a couple
of resources whose cost rate changes.

Runs after every other table is built, with an RNG of its own (from the seed), so the rows
and UUIDs of the other tables stay exactly as they were.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from pmo_desktop.services.demo.dates import add_months, month_start
from pmo_desktop.services.demo.raid import PMO_HEAD
from pmo_desktop.services.demo.runtime import Context, ProjectRun, money
from pmo_desktop.services.demo.texts import Lang, tr

#: Status periods of history before the current one (small demo / large).
_PERIODS = (6, 3)
_IMPACTS = ("impact_schedule", "impact_cost", "impact_scope", "impact_quality")
_OPTIONS = (
    (
        "A: proceed as planned; B: phase the scope over two releases; C: stop and re-plan.",
        "A : poursuivre comme prévu ; B : phaser le périmètre sur deux lots ; "
        "C : arrêter et replanifier.",
    ),
    (
        "A: extend the current supplier; B: tender again; C: bring the work in-house.",
        "A : prolonger le fournisseur actuel ; B : relancer un appel d'offres ; C : internaliser.",
    ),
    (
        "A: add two contractors for three months; B: move the go-live by one month.",
        "A : ajouter deux prestataires pendant trois mois ; B : décaler la mise en "
        "service d'un mois.",
    ),
)
_RATIONALE = (
    (
        "Lowest risk to the go-live date for a cost within the contingency.",
        "Risque le plus faible sur la date de mise en service, pour un coût couvert par la "
        "provision.",
    ),
    (
        "Keeps the benefits case intact; the steering committee accepted the extra cost.",
        "Préserve le dossier de bénéfices ; le comité de pilotage accepte le surcoût.",
    ),
    (
        "The other options break the regulatory deadline.",
        "Les autres options ne tiennent pas l'échéance réglementaire.",
    ),
)
_ESCALATION_NOTES = (
    (
        "Shared supplier across the programme: the project cannot negotiate alone.",
        "Fournisseur commun au programme : le projet ne peut pas négocier seul.",
    ),
    (
        "Exposure beyond the project's contingency: the board must decide on funding.",
        "Exposition au-delà de la provision du projet : le comité doit arbitrer le financement.",
    ),
)


def _month_end(first_of_month: date) -> date:
    return add_months(first_of_month, 1) - timedelta(days=1)


def _rating(risk: dict) -> tuple[int, int]:
    return int(risk["probability"]), max(int(risk[name]) for name in _IMPACTS)  # type: ignore[call-overload]


def _step(probability: int, change: int) -> int:
    return min(5, max(1, probability + change))


def history_rows(ctx: Context, runs: list[ProjectRun], seed: int) -> None:
    """Every extra row of this module (see the module docstring)."""
    rng = random.Random(seed * 7_919 + 17)
    langs: dict[int | None, Lang] = {run.id: run.spec.lang for run in runs}
    langs[None] = "fr"
    _assessments(ctx, rng)
    _links(ctx, rng)
    _escalations(ctx, runs, langs)
    _decisions(ctx, rng, langs)
    _rates(ctx, rng)


def _assessments(ctx: Context, rng: random.Random) -> None:
    """One assessment per risk at the end of each of the last status periods it was open,
    and one this period for the risks whose rating changed (or that were raised) since."""
    as_of = ctx.as_of
    current = month_start(as_of)
    periods = _PERIODS[1] if ctx.large else _PERIODS[0]
    ends = [_month_end(add_months(current, -k)) for k in range(periods, 0, -1)]
    rows = ctx.rows("risk_assessments")
    for risk in ctx.rows("risks"):
        raised: date = risk["raised_on"]  # type: ignore[assignment]
        closed: date | None = risk["closed_on"]  # type: ignore[assignment]
        probability, impact = _rating(risk)
        by = str(risk["owner"] or PMO_HEAD)
        residual = risk["residual_score"]
        # This period's move: rising (the previous period was lower), falling or steady.
        move = rng.choices((1, -1, 0), weights=(25, 20, 55))[0]
        earlier = _step(probability, -move)
        if earlier == probability:
            move = 0
        path: list[int] = []
        level = earlier
        for _ in ends:
            path.append(level)
            level = _step(level, rng.choices((0, 1, -1), weights=(70, 15, 15))[0])
        path.reverse()  # oldest first; the last one is the previous period's
        days: set[date] = set()
        for end, past in zip(ends, path, strict=True):
            if end < raised or (closed is not None and end > closed):
                continue
            days.add(end)
            rows.append(
                {
                    "id": len(rows) + 1, "risk_id": risk["id"], "assessed_on": end,
                    "probability": past, "impact": impact, "score": past * impact,
                    "residual_score": residual, "status": "open", "assessed_by": by,
                }
            )  # fmt: skip
        if raised >= current:
            day = raised
        elif closed is not None:
            day = closed
        elif move or not days:
            day = min(as_of, current + timedelta(days=rng.randint(0, 20)))
        else:
            continue
        if day in days:
            rows.pop()
        rows.append(
            {
                "id": len(rows) + 1, "risk_id": risk["id"], "assessed_on": min(day, as_of),
                "probability": probability, "impact": impact, "score": probability * impact,
                "residual_score": residual, "status": risk["status"], "assessed_by": by,
            }
        )  # fmt: skip


def _links(ctx: Context, rng: random.Random) -> None:
    """About one open project risk in three threatens one or two of its project's tasks."""
    tasks: dict[int, list[int]] = {}
    for task in ctx.rows("tasks"):
        if not task["is_summary"]:
            tasks.setdefault(task["project_id"], []).append(task["id"])  # type: ignore[arg-type]
    rows = ctx.rows("risk_task_links")
    for risk in ctx.rows("risks"):
        candidates = tasks.get(risk["project_id"], [])  # type: ignore[arg-type]
        if risk["status"] != "open" or not candidates or rng.random() > 0.33:
            continue
        for task_id in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
            rows.append({"id": len(rows) + 1, "risk_id": risk["id"], "task_id": task_id})


def _escalations(ctx: Context, runs: list[ProjectRun], langs: dict[int | None, Lang]) -> None:
    """The worst open threat of a programme's project goes to the portfolio, the next one
    (of another project) to its programme."""
    programmes = {run.id: run.programme_id for run in runs if run.programme_id is not None}
    for risk in ctx.rows("risks"):  # every row has the same columns (one executemany)
        risk.update(level="project", programme_id=None, escalated_on=None, escalation_note="")
    open_threats = sorted(
        (
            risk
            for risk in ctx.rows("risks")
            if risk["status"] == "open"
            and not risk["opportunity"]
            and risk["project_id"] in programmes
        ),
        key=lambda risk: (-int(risk["score"]), str(risk["code"])),  # type: ignore[call-overload]
    )
    if not open_threats:
        return
    portfolio = open_threats[0]
    programme = next(
        (risk for risk in open_threats[1:] if risk["project_id"] != portfolio["project_id"]),
        None,
    )
    for risk, level, note, days in (
        (portfolio, "portfolio", _ESCALATION_NOTES[1], 12),
        (programme, "programme", _ESCALATION_NOTES[0], 26),
    ):
        if risk is None:
            continue
        risk.update(
            {
                "level": level,
                "programme_id": programmes[risk["project_id"]],  # type: ignore[index]
                "escalated_on": max(risk["raised_on"], ctx.as_of - timedelta(days=days)),  # type: ignore[type-var]
                "escalation_note": tr(note, langs.get(risk["project_id"], "fr")),  # type: ignore[call-overload]
            }
        )


def _decisions(ctx: Context, rng: random.Random, langs: dict[int | None, Lang]) -> None:
    """Every decision lists its options; a decided one says why."""
    for decision in ctx.rows("decisions"):
        lang = langs.get(decision["project_id"], "fr")  # type: ignore[call-overload]
        decision["options"] = tr(rng.choice(_OPTIONS), lang)
        decided = decision["status"] != "pending"
        decision["rationale"] = tr(rng.choice(_RATIONALE), lang) if decided else ""


def _rates(ctx: Context, rng: random.Random) -> None:
    """Two people get a new cost rate (+4 to +8 %) from the first of next month."""
    people = [row for row in ctx.rows("resources") if row.get("kind") == "person"]
    if not people:
        return
    rows = ctx.rows("resource_rates")
    effective = add_months(month_start(ctx.as_of), 1)
    chosen = sorted(rng.sample(range(len(people)), min(2, len(people))))
    for resource in (people[index] for index in chosen):
        cents = round(float(resource["cost_rate"]) * 100)  # type: ignore[arg-type]
        raise_pct = rng.randint(4, 8)
        rows.append(
            {
                "id": len(rows) + 1, "resource_id": resource["id"],
                "effective_from": effective,
                "cost_rate": money(cents * (100 + raise_pct) // 100),
                "overtime_rate": money(round(cents * 1.25) * (100 + raise_pct) // 100),
                "cost_per_use": money(0),
            }
        )  # fmt: skip
