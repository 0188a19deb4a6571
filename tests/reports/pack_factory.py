"""Board-pack data built directly (no database) for the renderer's tests.

`make_pack(n)` gives a realistic portfolio of n projects; keyword arguments replace parts so
that a test can build hostile or empty packs. Deterministic: same arguments, same pack.
"""

from __future__ import annotations

import calendar
import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal

from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.data import (
    DIMENSIONS,
    CurvePoint,
    DecisionLine,
    EvmFigures,
    GanttBar,
    GanttExtract,
    GanttLinkLine,
    IssueLine,
    MilestoneLine,
    PortfolioPack,
    ProjectPage,
    ProjectSummary,
    RatingCounts,
    RiskLine,
    RoleLoad,
    Trend,
    empty_heat,
)

AS_OF = date(2026, 10, 30)
CURRENCY = "EUR"
_RAGS = (Rag.GREEN, Rag.AMBER, Rag.RED)
_TRENDS = (Trend.SAME, Trend.BETTER, Trend.WORSE, Trend.NEW)
ROLES = ("Business analyst", "Developer", "Tester", "Architect", "Project manager")
THRESHOLDS = {
    "spi_amber": 0.95,
    "spi_red": 0.85,
    "cpi_amber": 0.95,
    "cpi_red": 0.85,
    "budget_amber_percent": 5.0,
    "budget_red_percent": 10.0,
    "slip_amber_days": 5.0,
    "slip_red_days": 15.0,
    "high_risk_score": 15,
}


def month_starts(first: date, count: int) -> tuple[date, ...]:
    """`count` first-of-month dates from `first`'s month."""
    months = []
    year, month = first.year, first.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def month_ends(first: date, count: int) -> tuple[date, ...]:
    """The last day of `count` months from `first`'s month."""
    return tuple(
        start.replace(day=calendar.monthrange(start.year, start.month)[1])
        for start in month_starts(first, count)
    )


def make_summary(index: int, **changes: object) -> ProjectSummary:
    """Project number `index` (1-based) of the portfolio table."""
    code = f"PRJ-{index:03d}"
    ratings = {key: _RAGS[(index + position) % 3] for position, key in enumerate(DIMENSIONS)}
    trends = {key: _TRENDS[(index + position) % 4] for position, key in enumerate(DIMENSIONS)}
    budget = Decimal(250_000 + 37_500 * index)
    summary = ProjectSummary(
        id=index,
        code=code,
        name=f"Project {index} — Réseau d'agences",
        programme="Transformation",
        manager=f"Manager {index}",
        sponsor="Élise Dupont",
        method="hybrid",
        phase="Delivery",
        status="active",
        currency=CURRENCY,
        percent_complete=float((index * 17) % 100),
        ratings=ratings,
        trends=trends,
        spi=Decimal("0.92") + Decimal(index % 5) / 50,
        cpi=Decimal("1.03") - Decimal(index % 4) / 40,
        budget=budget,
        actual=budget * Decimal("0.45"),
        forecast=budget * Decimal("1.06"),
        next_milestone=f"Go-live wave {index}",
        next_milestone_date=AS_OF + timedelta(days=20 + index),
        next_milestone_slip_days=float(index % 7),
        start=date(2026, 1, 5),
        finish=date(2027, 6, 30),
    )
    return dataclasses.replace(summary, **changes)  # type: ignore[arg-type]


def make_risks(summary: ProjectSummary, count: int = 5) -> tuple[RiskLine, ...]:
    """Open risks of a project, highest score first."""
    risks = []
    for number in range(count):
        probability = 5 - number % 5
        impact = 5 - (number * 2) % 5
        risks.append(
            RiskLine(
                code=f"R-{summary.id}-{number + 1}",
                title=f"Risk {number + 1} of {summary.code}: supplier delay",
                project_code=summary.code,
                project_name=summary.name,
                owner="Jean Martin",
                category="Supply",
                probability=probability,
                impact=impact,
                score=probability * impact,
                residual_probability=max(1, probability - 2),
                residual_impact=impact,
                residual_score=max(1, probability - 2) * impact,
                response="mitigate",
                response_plan="Second supplier qualified; weekly follow-up.",
                proximity=AS_OF + timedelta(days=30 * (number + 1)),
                trend=_TRENDS[number % 4],
            )
        )
    return tuple(sorted(risks, key=lambda risk: -risk.score))


def heat_of(risks: tuple[RiskLine, ...], residual: bool = False) -> tuple[tuple[int, ...], ...]:
    """5 × 5 counts of the risks (counts[p-1][i-1])."""
    grid = [list(row) for row in empty_heat()]
    for risk in risks:
        p, i = (
            (risk.residual_probability, risk.residual_impact)
            if residual
            else (risk.probability, risk.impact)
        )
        if p and i:
            grid[p - 1][i - 1] += 1
    return tuple(tuple(row) for row in grid)


def make_gantt(summary: ProjectSummary, rows: int = 12) -> GanttExtract:
    """A window of four months around the as-of date with summaries, tasks and a milestone."""
    start = datetime(2026, 9, 1, 8)
    bars = [
        GanttBar(
            1,
            "1",
            "Delivery",
            1,
            start,
            start + timedelta(days=100),
            start,
            start + timedelta(days=90),
            40.0,
            True,
            False,
            False,
        )
    ]
    for number in range(2, rows + 1):
        begin = start + timedelta(days=7 * (number - 2))
        bars.append(
            GanttBar(
                number,
                f"1.{number - 1}",
                f"Task {number - 1} of {summary.code}",
                2,
                begin,
                begin + timedelta(days=12),
                begin - timedelta(days=3),
                begin + timedelta(days=9),
                min(100.0, 10.0 * number),
                False,
                False,
                number % 3 == 0,
            )
        )
    finish = start + timedelta(days=95)
    bars.append(
        GanttBar(
            rows + 1,
            f"1.{rows}",
            summary.next_milestone,
            2,
            finish,
            finish,
            finish - timedelta(days=5),
            finish - timedelta(days=5),
            0.0,
            False,
            True,
            True,
        )
    )
    links = tuple(GanttLinkLine(number, number + 1, "FS") for number in range(2, rows))
    return GanttExtract(date(2026, 10, 1), date(2027, 1, 31), AS_OF, tuple(bars), links, 3)


def make_page(summary: ProjectSummary, **changes: object) -> ProjectPage:
    """A complete page for `summary` (commentary, milestones, Gantt, risks, EVM, decisions)."""
    risks = make_risks(summary)
    bac = summary.budget
    curve = []
    for position, day in enumerate(month_ends(date(2026, 1, 1), 18)):
        planned = bac * Decimal(min(1.0, (position + 1) / 18))
        curve.append(
            CurvePoint(
                day,
                planned.quantize(Decimal(1)),
                (planned * Decimal("0.93")).quantize(Decimal(1)) if day <= AS_OF else None,
                (planned * Decimal("0.97")).quantize(Decimal(1)) if day <= AS_OF else None,
            )
        )
    milestones = tuple(
        MilestoneLine(
            name=f"Milestone {number} of {summary.code}",
            baseline_finish=date(2026, 3 * number, 15),
            forecast_finish=date(2026, 3 * number, 15) + timedelta(days=number * 3),
            slip_days=float(number * 2),
            rag=_RAGS[number % 3],
            done=number == 1,
        )
        for number in range(1, 5)
    )
    page = ProjectPage(
        summary=summary,
        period_start=date(2026, 10, 1),
        period_end=AS_OF,
        report_author=summary.manager,
        commentary=(
            f"{summary.name} progressed on the data migration; the second wave of branch "
            "roll-outs is being prepared with the regional teams. Testing started on time."
        ),
        achievements="Pilot branches live.\nTraining of 120 staff completed.",
        concerns="Supplier capacity for hardware in November.",
        decisions_needed="Approve the change request for wave 3.",
        milestones=milestones,
        gantt=make_gantt(summary),
        top_risks=risks,
        heat_inherent=heat_of(risks),
        heat_residual=heat_of(risks, residual=True),
        evm=EvmFigures(
            bac=bac,
            pv=bac * Decimal("0.5"),
            ev=bac * Decimal("0.46"),
            ac=bac * Decimal("0.48"),
            spi=summary.spi,
            cpi=summary.cpi,
            eac=bac * Decimal("1.04"),
            vac=bac * Decimal("-0.04"),
        ),
        curve=tuple(curve),
        decisions=(
            DecisionLine(
                f"D-{summary.id}",
                f"Approve wave 3 of {summary.code}",
                summary.code,
                summary.name,
                "Élise Dupont",
                AS_OF + timedelta(days=10),
                "pending",
                "Extra budget of 40 k€ for the third wave.",
            ),
        ),
        issues=(
            IssueLine(
                f"I-{summary.id}",
                f"Issue escalated on {summary.code}",
                summary.code,
                summary.name,
                "Jean Martin",
                "high",
                "open",
                AS_OF + timedelta(days=5),
                True,
            ),
        ),
    )
    return dataclasses.replace(page, **changes)  # type: ignore[arg-type]


def bare_page(summary: ProjectSummary) -> ProjectPage:
    """A page for a project without status report, baseline, risks, costs or schedule."""
    return ProjectPage(
        summary=summary,
        period_start=None,
        period_end=None,
        report_author="",
        commentary="",
        achievements="",
        concerns="",
        decisions_needed="",
        milestones=(),
        gantt=None,
        top_risks=(),
        heat_inherent=empty_heat(),
        heat_residual=empty_heat(),
        evm=None,
        curve=(),
        decisions=(),
        issues=(),
        missing=frozenset({"status_report", "baseline", "risks", "costs", "schedule"}),
    )


def counts_of(summaries: tuple[ProjectSummary, ...], previous: bool = False) -> RatingCounts:
    """Projects by overall rating (previous = shifted by one to differ)."""
    tally = {Rag.RED: 0, Rag.AMBER: 0, Rag.GREEN: 0, None: 0}
    for summary in summaries:
        rag = summary.ratings.get("overall")
        if previous and rag is not None:
            rag = _RAGS[(_RAGS.index(rag) + 1) % 3]
        tally[rag] += 1
    return RatingCounts(tally[Rag.RED], tally[Rag.AMBER], tally[Rag.GREEN], tally[None])


def make_pack(
    projects: int = 3, *, pages: tuple[ProjectPage, ...] | None = None, **changes: object
) -> PortfolioPack:
    """A portfolio pack of `projects` full projects (or of the given pages)."""
    if pages is None:
        pages = tuple(make_page(make_summary(index)) for index in range(1, projects + 1))
    summaries = tuple(page.summary for page in pages)
    risks = tuple(
        sorted((risk for page in pages for risk in page.top_risks), key=lambda risk: -risk.score)
    )[:10]
    months = month_starts(AS_OF, 12)
    loads = tuple(
        RoleLoad(
            role,
            tuple(float(120 * (number + 1) + 40 * (month % 4)) for month in range(12)),
            tuple(float(160 * (number + 1)) for _ in range(12)),
        )
        for number, role in enumerate(ROLES)
    )
    all_risks = tuple(risk for page in pages for risk in page.top_risks)
    pack = PortfolioPack(
        organisation="Banque Régionale",
        portfolio="Agences 2026",
        currency=CURRENCY,
        as_of=AS_OF,
        period_start=date(2026, 10, 1),
        period_end=AS_OF,
        overall=Rag.AMBER,
        previous_overall=Rag.GREEN,
        counts=counts_of(summaries),
        previous_counts=counts_of(summaries, previous=True),
        achievements=tuple(
            (page.summary.code, page.achievements) for page in pages if page.achievements
        ),
        concerns=tuple((page.summary.code, page.concerns) for page in pages if page.concerns),
        decisions=tuple(decision for page in pages for decision in page.decisions),
        projects=summaries,
        pages=pages,
        months=months,
        role_loads=loads,
        heat_inherent=heat_of(all_risks),
        heat_residual=heat_of(all_risks, residual=True),
        top_risks=risks,
        escalated_issues=tuple(issue for page in pages for issue in page.issues),
        thresholds=dict(THRESHOLDS),
    )
    return dataclasses.replace(pack, **changes)  # type: ignore[arg-type]
