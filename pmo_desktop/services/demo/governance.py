"""Monthly status reports (RAG trends that tell each project's story) and cost lines."""

from __future__ import annotations

import bisect
from datetime import date, timedelta

from pmo_desktop.services.demo import texts_raid as words
from pmo_desktop.services.demo.dates import add_months, month_end, months_between
from pmo_desktop.services.demo.progress import project_percent
from pmo_desktop.services.demo.runtime import Context, ProjectRun, money
from pmo_desktop.services.demo.texts import tr

_SEVERITY = {"G": 0, "A": 1, "R": 2}
_CATEGORIES = ("labour", "capex", "opex", "contingency")
OPEX_SHARE, CONTINGENCY_SHARE = 0.08, 0.07


def _worst(*ratings: str) -> str:
    """The most severe of RAG ratings."""
    return max(ratings, key=_SEVERITY.__getitem__)


def rag_series(ctx: Context, profile: str, count: int) -> list[str]:
    """Overall RAG month by month, following the project's profile."""
    series = []
    for index in range(count):
        x = (index + 1) / count
        if profile == "deteriorating":
            rag = "G" if x <= 0.4 else "A" if x <= 0.75 else "R"
        elif profile == "recovering":
            rag = "R" if x <= 0.3 else "A" if x <= 0.65 else "G"
        elif profile == "slipping":
            rag = "G" if x <= 0.6 else "A"
        elif profile == "hold":
            rag = "A" if x <= 0.6 else "R"
        elif profile == "amber":
            rag = "A" if ctx.rng.random() < 0.75 else "G"
        else:
            rag = "A" if ctx.rng.random() < 0.12 else "G"
        series.append(rag)
    return series


def _dimensions(ctx: Context, run: ProjectRun, overall: str, previous: str) -> dict[str, str]:
    """Per-dimension RAG around the overall trend; overall is the worst of them."""
    rng = ctx.rng
    better = {"R": "A", "A": "G", "G": "G"}
    cost = (
        previous if run.spec.overrun >= 1.1 else overall if rng.random() < 0.5 else better[overall]
    )
    dims = {
        "rag_schedule": overall,
        "rag_cost": cost,
        "rag_scope": "A" if overall == "R" and rng.random() < 0.5 else "G",
        "rag_resources": ("A" if rng.random() < 0.5 else "G") if overall != "G" else "G",
        "rag_benefits": "A" if overall == "R" else "G",
    }
    dims["rag_overall"] = _worst(*dims.values())
    return dims


def _phase_at(run: ProjectRun, point: int) -> str:
    """The top-level WBS element in progress at ``point``."""
    tops = [i for i, task in enumerate(run.plan.tasks) if task.parent < 0]
    for local in tops:
        if run.start[local] <= point < run.finish[local]:
            return run.plan.tasks[local].name
    return run.plan.tasks[tops[-1] if point >= run.finish[tops[-1]] else tops[0]].name


def project_phase(ctx: Context, run: ProjectRun) -> str:
    """The ``phase`` text of a project at the status date."""
    if run.spec.status == "closed":
        return tr(words.CLOSED_PHASE, run.spec.lang)
    if not run.started:
        return tr(words.PROPOSED_PHASE, run.spec.lang)
    return _phase_at(run, ctx.cutoff)


def status_rows(ctx: Context, run: ProjectRun) -> None:
    """Monthly reports for the last 12 (large: 24) complete months of the project's life."""
    if not run.started:
        return
    lang, days = run.spec.lang, ctx.days
    first = days.day(run.project_start())
    last = min(ctx.as_of, days.day(run.project_finish() - 1))
    months = [m for m in months_between(first, last) if month_end(m) <= ctx.as_of]
    months = months[-(24 if ctx.large else 12) :]
    if run.spec.overdue:
        months = months[:-1]
    finished = sorted(
        (run.finish[i], run.plan.tasks[i].milestone, run.plan.tasks[i].name)
        for i in run.leaf_range()
    )
    finish_points = [item[0] for item in finished]
    slip = max(0, run.project_finish() - run.base_finish_point())
    previous = "G"
    rows = ctx.rows("status_reports")
    for index, (month, overall) in enumerate(
        zip(months, rag_series(ctx, run.spec.profile, len(months)), strict=True)
    ):
        end = month_end(month)
        point = days.points_through(end)
        latest = index == len(months) - 1
        percent = project_percent(run, point)
        if run.spec.status == "closed" and latest:
            percent = 100.0
        dims = _dimensions(ctx, run, overall, previous)
        previous = overall
        lo = bisect.bisect_right(finish_points, days.points_through(month - timedelta(days=1)))
        hi = bisect.bisect_right(finish_points, point)
        done = sorted(finished[lo:hi], key=lambda item: (not item[1], item[0]))[:3]
        late = round(slip * (index + 1) / len(months))
        choices = words.COMMENTARY[dims["rag_overall"]]
        if late < 3 and dims["rag_overall"] != "G":
            choices = choices[1:]
        commentary = tr(ctx.rng.choice(choices), lang).format(
            phase=_phase_at(run, point), pct=round(percent), slip=late
        )
        if run.spec.status == "on_hold" and index >= len(months) - 2:
            commentary = tr(words.ON_HOLD, lang)
        if run.spec.status == "closed" and latest:
            commentary = tr(words.CLOSED, lang)
        achievements = (
            tr(words.ACHIEVED, lang).format(tasks="; ".join(item[2] for item in done))
            if done
            else tr(words.NO_ACHIEVEMENT, lang)
        )
        risks = _top_risks(run, end) if dims["rag_overall"] != "G" else []
        concerns = tr(words.CONCERNS, lang).format(risks="; ".join(risks)) if risks else ""
        pending = run.pending_decisions if latest else []
        needed = tr(words.DECISIONS_NEEDED, lang).format(decisions="; ".join(pending))
        rows.append(
            {
                "id": len(rows) + 1,
                "project_id": run.id,
                "period_start": month,
                "period_end": end,
                **dims,
                "percent_complete": percent,
                "commentary": commentary,
                "achievements": achievements,
                "concerns": concerns,
                "decisions_needed": needed if pending else "",
                "author": run.spec.manager,
            }
        )


def _top_risks(run: ProjectRun, day: date) -> list[str]:
    """The two worst threats open on ``day``."""
    current = [
        (-score, raised, title)
        for raised, closed, score, title in run.risk_log
        if raised <= day and (closed is None or closed > day)
    ]
    return [title for _, _, title in sorted(current)[:2]]


def _month_weights(
    ctx: Context, run: ProjectRun, months: list[date], baseline: bool
) -> list[float]:
    """Working days of work planned in each month (baseline or current schedule)."""
    days = ctx.days
    bounds = [days.points_through(m - timedelta(days=1)) for m in months]
    bounds.append(days.points_through(month_end(months[-1])))
    starts = run.base_start if baseline else run.start
    finishes = run.base_finish if baseline else run.finish
    weights = [0.0] * len(months)
    for local in run.work_leaves():
        start, finish = starts[local], finishes[local]
        index = max(0, bisect.bisect_right(bounds, start) - 1)
        while index < len(months) and bounds[index] < finish:
            overlap = min(finish, bounds[index + 1]) - max(start, bounds[index])
            weights[index] += max(0, overlap)
            index += 1
    return weights


def _split(total_cents: int, weights: list[float]) -> list[int]:
    """``total_cents`` spread in whole euros by ``weights``, remainder on the largest share."""
    if not any(weights):
        weights = [1.0] * len(weights)
    scale = sum(weights)
    amounts = [round(total_cents * w / scale / 100) * 100 for w in weights]
    biggest = max(range(len(weights)), key=lambda i: (weights[i], -i))
    amounts[biggest] += total_cents - sum(amounts)
    return amounts


def cost_rows(ctx: Context, run: ProjectRun) -> None:
    """Budget per month and category; actuals in the past, forecasts for the rest."""
    rng, days, as_of = ctx.rng, ctx.days, ctx.as_of
    first = days.day(min(run.project_start(), min(run.base_start)))
    last = days.day(max(run.project_finish(), run.base_finish_point()) - 1)
    life = months_between(first, last)
    base = _month_weights(ctx, run, life, baseline=True)
    current = _month_weights(ctx, run, life, baseline=False)
    capex = run.spec.capex_ratio
    shares = (1 - capex - OPEX_SHARE - CONTINGENCY_SHARE, capex, OPEX_SHARE, CONTINGENCY_SHARE)
    budget_cents = run.spec.budget_k * 100_000
    flat_base = [1.0 if w else 0.0 for w in base]
    flat_current = [1.0 if w else 0.0 for w in current]
    profiles = {
        "labour": (base, current),
        "capex": ([w * w for w in base], [w * w for w in current]),
        "opex": (flat_base, flat_current),
        "contingency": (flat_base, flat_current),
    }
    window = set(range(len(life)))
    if ctx.large:
        wanted = [add_months(as_of, k - 23) for k in range(24)]
        window = {i for i, m in enumerate(life) if m in wanted}
        life_index = {m: i for i, m in enumerate(life)}
        missing = [m for m in wanted if m not in life_index]
        if missing:
            raise RuntimeError(f"{run.spec.code} does not cover its 24 months of cost history")
    overrun = run.spec.overrun
    drawn = min(1.0, max(0.0, (overrun - 1) * 4))
    rows = ctx.rows("cost_lines")
    for category, share in zip(_CATEGORIES, shares, strict=True):
        planned_weights, current_weights = profiles[category]
        total = round(budget_cents * share / 100) * 100
        budget = _split(total, planned_weights)
        if category == "contingency":
            expected = budget
        else:
            expected = _split(round(total * overrun / 100) * 100, current_weights)
        for index, month in enumerate(life):
            if index not in window:
                continue
            if not run.started or month > as_of:
                elapsed = 0.0
            elif month_end(month) < as_of:
                elapsed = 1.0
            else:
                elapsed = as_of.day / month_end(month).day
            noise = rng.uniform(0.9, 1.1) if elapsed else 1.0
            if category == "contingency":
                noise = drawn if index >= len(life) / 3 else 0.0
            actual = round(expected[index] * elapsed * noise / 100) * 100
            forecast = actual if elapsed == 1.0 else max(actual, expected[index])
            rows.append(
                {
                    "id": len(rows) + 1,
                    "project_id": run.id,
                    "period": month,
                    "category": category,
                    "budget": money(budget[index]),
                    "actual": money(actual),
                    "forecast": money(forecast),
                    "currency": "EUR",
                }
            )
