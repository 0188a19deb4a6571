"""RAID logs, change requests and lessons, per project and at portfolio level.

A few risks deliberately have no owner or no response plan, some reviews are past due and
some decisions are pending: the compliance checks and the board pack have work to do.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from pmo_desktop.services.demo import texts_raid as words
from pmo_desktop.services.demo import texts_risks as risk_words
from pmo_desktop.services.demo.dates import WORKING_WEEKDAYS
from pmo_desktop.services.demo.runtime import Context, ProjectRun, money
from pmo_desktop.services.demo.texts import CODE_PREFIX, Lang, tr
from pmo_desktop.services.demo.vocabulary import STAGES

LARGE_RISKS = 5_000
PMO_HEAD = "Isabelle Fontaine"
_MAIN_IMPACT = {
    "Resources": "impact_schedule",
    "Supplier": "impact_schedule",
    "Schedule": "impact_schedule",
    "Commercial": "impact_cost",
    "Financial": "impact_cost",
    "Scope": "impact_scope",
    "Regulatory": "impact_scope",
}
_IMPACTS = ("impact_schedule", "impact_cost", "impact_scope", "impact_quality")


def _day_between(rng: random.Random, first: date, last: date) -> date:
    """A random weekday between two dates (``first`` if the range is empty)."""
    if last <= first:
        return first
    day = first + timedelta(days=rng.randint(0, (last - first).days))
    while day.weekday() not in WORKING_WEEKDAYS:
        day -= timedelta(days=1)
    return max(day, first)


class _Codes:
    """Portfolio-wide codes per log: HEL-R-001, HEL-I-001, ..."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.counters: dict[str, int] = {}

    def next(self, letter: str) -> str:
        """The next code of the log ``letter`` (R, I, A, D, CR, L)."""
        number = self.counters.get(letter, 0) + 1
        self.counters[letter] = number
        return f"{CODE_PREFIX}-{letter}-{number:0{self.width}d}"


class _Raid:
    """Builds the log rows of one project (or of the portfolio when ``run`` is None)."""

    def __init__(self, ctx: Context, codes: _Codes, portfolio_id: int) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.codes = codes
        self.portfolio_id = portfolio_id

    def window(self, run: ProjectRun | None) -> tuple[date, date]:
        """When entries of this project can have been raised."""
        as_of = self.ctx.as_of
        if run is None or not run.started:
            return as_of - timedelta(days=60), as_of - timedelta(days=5)
        first = self.ctx.days.day(run.project_start())
        last = min(as_of, self.ctx.days.day(run.project_finish() - 1))
        return first, last

    def entry(self, table: str, letter: str, run: ProjectRun | None, title: str) -> dict:
        """A new log row with the columns every log shares; the caller adds the rest."""
        first, last = self.window(run)
        row: dict[str, object] = {
            "id": self.ctx.next_id(table),
            "portfolio_id": self.portfolio_id,
            "project_id": run.id if run else None,
            "code": self.codes.next(letter),
            "title": title,
            "raised_on": _day_between(self.rng, first, last),
        }
        self.ctx.rows(table).append(row)
        return row

    def soon_after(self, day: date, days: int) -> date:
        """A weekday within ``days`` after ``day``, never after the status date."""
        return _day_between(self.rng, day, min(self.ctx.as_of, day + timedelta(days=days)))

    def owner(self, run: ProjectRun | None) -> str:
        """Someone of the project (its manager or team), or the PMO head."""
        if run is None:
            return PMO_HEAD
        return self.rng.choice([run.spec.manager, *run.team[:8]])

    def risk(
        self, run: ProjectRun | None, lang: Lang, items: tuple[str, ...], actions: bool = True
    ) -> dict:
        """A risk (or opportunity) rated P x worst impact, with residual rating and actions."""
        rng, as_of = self.rng, self.ctx.as_of
        template = rng.choice(risk_words.RISKS)
        item = rng.choice(items) if items else ""
        row = self.entry("risks", "R", run, tr(template.title, lang).format(item=item))
        raised: date = row["raised_on"]  # type: ignore[assignment]
        cause = tr(template.cause, lang).format(item=item)
        effect = tr(template.effect, lang).format(item=item)
        probability = rng.choices((1, 2, 3, 4, 5), weights=(8, 25, 32, 25, 10))[0]
        impacts = {name: rng.randint(1, 3) for name in _IMPACTS}
        impacts[_MAIN_IMPACT.get(template.category, "impact_quality")] = rng.choices(
            (2, 3, 4, 5), weights=(15, 35, 35, 15)
        )[0]
        worst = max(impacts.values())
        closed = run is not None and run.spec.status == "closed"
        status = "closed" if closed else rng.choices(("open", "closed", "occurred"), (78, 14, 8))[0]
        if run is not None and not run.started:
            status = "open"
        closed_on = _day_between(rng, raised, as_of) if status == "closed" else None
        if status == "open":
            late = rng.random() < 0.3
            review = as_of - timedelta(days=rng.randint(5, 75)) if late else None
            review = max(review, raised) if review else as_of + timedelta(days=rng.randint(7, 45))
        else:
            review = closed_on or as_of + timedelta(days=14)
        residual_probability = max(1, probability - rng.randint(0, 2))
        residual_impact = max(1, worst - rng.randint(0, 2))
        row.update(
            {
                "description": f"{cause} {effect}",
                "owner": self.owner(run) if rng.random() > 0.03 else "",
                "category": template.category,
                "cause": cause,
                "effect": effect,
                "opportunity": template.opportunity,
                "probability": probability,
                **impacts,
                "score": probability * worst,
                "proximity": raised + timedelta(days=rng.randint(30, 180)),
                "response": template.response,
                "response_plan": tr(template.plan, lang) if rng.random() > 0.03 else "",
                "residual_probability": residual_probability,
                "residual_impact": residual_impact,
                "residual_score": residual_probability * residual_impact,
                "status": status,
                "review_date": review,
                "closed_on": closed_on,
            }
        )
        if actions:
            for description in template.actions[: rng.randint(1, 3)]:
                self.action(row, tr(description, lang), run)
        return row

    def action(self, risk: dict, description: str, run: ProjectRun | None) -> None:
        """A mitigation action, done or overdue depending on its due date."""
        rng, as_of = self.rng, self.ctx.as_of
        due = risk["raised_on"] + timedelta(days=rng.randint(14, 120))
        if risk["status"] == "closed":
            status = "done"
        elif due < as_of:
            status = rng.choices(("done", "open", "cancelled"), (75, 20, 5))[0]
        else:
            status = "open"
        rows = self.ctx.rows("risk_actions")
        rows.append(
            {
                "id": len(rows) + 1,
                "risk_id": risk["id"],
                "description": description,
                "owner": risk["owner"] or self.owner(run),
                "due_date": due,
                "status": status,
            }
        )

    def issue(self, run: ProjectRun | None, lang: Lang, item: str) -> None:
        """An issue; high-priority open ones are sometimes escalated."""
        rng = self.rng
        title, description, resolution = rng.choice(words.ISSUES)
        row = self.entry("issues", "I", run, tr(title, lang).format(item=item))
        priority = rng.choices(("low", "medium", "high", "critical"), (20, 40, 30, 10))[0]
        closed = run is not None and run.spec.status == "closed"
        status = (
            "closed"
            if closed
            else rng.choices(("open", "in_progress", "resolved", "closed"), (35, 30, 20, 15))[0]
        )
        if run is not None and not run.started:
            status = "open"
        solved = status in ("resolved", "closed")
        raised: date = row["raised_on"]
        row.update(
            {
                "description": tr(description, lang).format(item=item),
                "owner": self.owner(run),
                "priority": priority,
                "status": status,
                "due_date": raised + timedelta(days=rng.randint(7, 60)),
                "escalated": priority in ("high", "critical") and not solved and rng.random() < 0.5,
                "resolution": tr(resolution, lang) if solved else "",
                "resolved_on": self.soon_after(raised, 60) if solved else None,
            }
        )

    def assumption(self, run: ProjectRun | None, title: str) -> None:
        """A planning assumption to validate by its review date."""
        rng = self.rng
        row = self.entry("assumptions", "A", run, title)
        row.update(
            {
                "description": "",
                "owner": self.owner(run),
                "status": rng.choices(("open", "validated", "invalid"), (50, 40, 10))[0],
                "review_date": self.ctx.as_of + timedelta(days=rng.randint(-20, 60)),
            }
        )

    def decision(
        self, run: ProjectRun | None, title: str, outcome: str, status: str | None = None
    ) -> None:
        """A decision: taken, or pending with the date the board must decide by."""
        rng, as_of = self.rng, self.ctx.as_of
        row = self.entry("decisions", "D", run, title)
        if status is None:
            if run is not None and run.spec.status == "closed":
                status = rng.choice(("approved", "approved", "rejected"))
            elif run is not None and not run.started:
                status = "pending"
            else:
                status = rng.choices(
                    ("pending", "approved", "rejected", "deferred"), (40, 45, 8, 7)
                )[0]
        raised: date = row["raised_on"]
        decided = status != "pending"
        late = rng.random() < 0.15
        needed_by = as_of - timedelta(days=rng.randint(3, 20)) if late else None
        needed_by = needed_by or as_of + timedelta(days=rng.randint(5, 45))
        row.update(
            {
                "description": "",
                "owner": self.owner(run),
                "status": status,
                "needed_by": needed_by if not decided else raised + timedelta(days=45),
                "decided_on": self.soon_after(raised, 45) if decided else None,
                "decided_by": (run.spec.sponsor if run else PMO_HEAD) if decided else "",
                "outcome": outcome if status == "approved" else "",
            }
        )
        if run is not None and status == "pending":
            run.pending_decisions.append(title)

    def change(self, run: ProjectRun, lang: Lang, item: str, first: bool) -> None:
        """A change request with its assessed impact; a project's first one varies status."""
        rng = self.rng
        title, scope = rng.choice(words.CHANGES)
        row = self.entry("change_requests", "CR", run, tr(title, lang).format(item=item))
        if run.spec.status == "closed":
            status = rng.choice(("implemented", "rejected"))
        elif not run.started:
            status = "submitted"
        elif first:
            status = ("approved", "assessed", "implemented", "submitted")[run.id % 4]
        else:
            status = rng.choices(
                ("submitted", "assessed", "approved", "rejected", "implemented"),
                (20, 25, 25, 10, 20),
            )[0]
        decided = status in ("approved", "rejected", "implemented")
        raised: date = row["raised_on"]
        row.update(
            {
                "description": tr(scope, lang),
                "owner": run.spec.manager,
                "status": status,
                "requested_by": rng.choice((run.spec.sponsor, run.spec.manager)),
                "impact_schedule_days": rng.choice((0, 5, 10, 15, 20, 30, 40)),
                "impact_cost": money(rng.randint(0, 50) * 500_000),
                "impact_scope": tr(scope, lang),
                "decided_on": self.soon_after(raised, 45) if decided else None,
                "decided_by": run.spec.sponsor if decided else "",
            }
        )

    def replan(self, run: ProjectRun, lang: Lang) -> None:
        """The approved change request that led to the project's re-plan (baseline 1)."""
        title, scope = words.REPLAN_CHANGE
        row = self.entry("change_requests", "CR", run, tr(title, lang))
        start = self.ctx.days.day(run.project_start())
        decided = max(start + timedelta(days=90), self.ctx.as_of - timedelta(days=120))
        while decided.weekday() not in WORKING_WEEKDAYS:
            decided += timedelta(days=1)
        overrun = max(0.0, run.spec.overrun - 1) * run.spec.budget_k * 1000
        row.update(
            {
                "raised_on": decided - timedelta(days=21),
                "description": tr(scope, lang),
                "owner": run.spec.manager,
                "status": "implemented",
                "requested_by": run.spec.manager,
                "impact_schedule_days": run.project_finish() - run.base_finish_point(),
                "impact_cost": money(round(overrun) * 100),
                "impact_scope": tr(scope, lang),
                "decided_on": decided,
                "decided_by": run.spec.sponsor,
            }
        )
        run.replan = (str(row["code"]), decided)

    def lesson(self, run: ProjectRun | None, lang: Lang) -> None:
        """A lesson learned, tagged by category, phase and method."""
        rng = self.rng
        title, category, tags, recommendation = rng.choice(words.LESSONS)
        row = self.entry("lessons", "L", run, tr(title, lang))
        row.update(
            {
                "description": "",
                "owner": run.spec.manager if run else PMO_HEAD,
                "category": category,
                "phase": tr(rng.choice(STAGES), lang),
                "method": run.spec.method if run else "",
                "tags": tags,
                "recommendation": tr(recommendation, lang),
            }
        )


def _risk_counts(ctx: Context, runs: list[ProjectRun], portfolio_risks: int) -> list[int]:
    """Risks per project: 5 to 15 (fewer once closed); large: exactly 5,000 in all."""
    rng = ctx.rng
    if not ctx.large:
        return [rng.randint(5, 8) if not run.started else rng.randint(5, 15) for run in runs]
    total = LARGE_RISKS - portfolio_risks
    counts = [total // len(runs)] * len(runs)
    for index in rng.sample(range(len(runs)), total % len(runs)):
        counts[index] += 1
    for _ in range(1000):
        giver, taker = rng.randrange(len(runs)), rng.randrange(len(runs))
        amount = rng.randint(1, 5)
        if counts[giver] - amount >= 10 and counts[taker] + amount <= 40:
            counts[giver] -= amount
            counts[taker] += amount
    return counts


def raid_rows(ctx: Context, runs: list[ProjectRun], portfolio_id: int) -> None:
    """Every log of every project, then the portfolio-level entries (no project)."""
    rng = ctx.rng
    raid = _Raid(ctx, _Codes(4 if ctx.large else 3), portfolio_id)
    for run, risk_count in zip(
        runs, _risk_counts(ctx, runs, len(risk_words.PORTFOLIO_RISKS)), strict=True
    ):
        lang, items = run.spec.lang, run.spec.items
        risks = [raid.risk(run, lang, items) for _ in range(risk_count)]
        run.risk_log = [
            (r["raised_on"], r["closed_on"], r["score"], r["title"])
            for r in risks
            if not r["opportunity"]
        ]
        low, high = (2, 4) if ctx.large else (2, 5)
        for _ in range(rng.randint(low, high)):
            raid.issue(run, lang, rng.choice(items))
        for assumption in rng.sample(words.ASSUMPTIONS, rng.randint(low, high - 1)):
            raid.assumption(run, tr(assumption, lang))
        for title, outcome in rng.sample(words.DECISIONS, rng.randint(low - 1, high - 1)):
            item = rng.choice(items)
            raid.decision(run, tr(title, lang).format(item=item), tr(outcome, lang))
        if run.spec.replan:
            raid.replan(run, lang)
        for number in range(rng.randint(1, 2 if ctx.large else 3)):
            raid.change(run, lang, rng.choice(items), first=number == 0)
        lessons = rng.randint(3, 5) if run.spec.status == "closed" else rng.randint(0, 2)
        for _ in range(lessons):
            raid.lesson(run, lang)
    _portfolio_entries(raid)
    _deliberate_gaps(ctx)


def _portfolio_entries(raid: _Raid) -> None:
    """Entries that belong to no single project, written by the PMO in French."""
    lang: Lang = "fr"
    for title, category in risk_words.PORTFOLIO_RISKS:
        row = raid.risk(None, lang, (), actions=False)
        text = tr(title, lang)
        row.update({"title": text, "category": category, "description": text})
        plan = tr(risk_words.PORTFOLIO_ACTION, lang)
        row.update({"cause": "", "effect": "", "opportunity": False, "response": "reduce"})
        row["response_plan"] = plan
        raid.action(row, plan, None)
    title, description = words.PORTFOLIO_ISSUE
    raid.issue(None, lang, "")
    issues = raid.ctx.rows("issues")
    issues[-1].update({"title": tr(title, lang), "description": tr(description, lang)})
    raid.assumption(None, tr(words.PORTFOLIO_ASSUMPTION, lang))
    for decision in words.PORTFOLIO_DECISIONS:
        raid.decision(None, tr(decision, lang), "", status="pending")
    raid.lesson(None, lang)


def _deliberate_gaps(ctx: Context) -> None:
    """Make sure a few open risks have no owner and a few no response plan."""
    candidates = [row for row in ctx.rows("risks") if row["status"] == "open"]
    chosen = ctx.rng.sample(candidates, 4)
    for row in chosen[:2]:
        row["owner"] = ""
    for row in chosen[2:]:
        row["response_plan"] = ""
