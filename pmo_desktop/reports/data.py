"""What a board pack prints, as plain data: the services fill it, `reports` renders it.

Nothing here reads a database or imports Qt: a pack can be built from these objects alone,
which is how the renderer's tests build hostile or empty packs. Texts are user text (never
markup); amounts are Decimals in `currency`; dates are dates (datetimes only for Gantt bars).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

from pmo_desktop.models.enums import Rag

#: The rated dimensions of a status report, in print order (overall first).
DIMENSIONS = ("overall", "schedule", "cost", "scope", "resources", "benefits")
#: 5 × 5 counts, `counts[probability - 1][impact - 1]`.
HeatCounts = tuple[tuple[int, ...], ...]


class Section(enum.StrEnum):
    """The parts of a board pack, in print order; a pack template chooses a subset."""

    COVER = "cover"
    CONTENTS = "contents"
    SUMMARY = "summary"
    PORTFOLIO_TABLE = "portfolio_table"
    PROJECTS = "projects"
    RESOURCES = "resources"
    RISKS = "risks"
    DECISIONS = "decisions"
    COMPLIANCE = "compliance"
    APPENDIX = "appendix"


class Trend(enum.StrEnum):
    """A rating compared with the previous report of the same project."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"
    NEW = "new"


PAPERS = ("a4", "a3", "letter")
#: The classification printed when the user gave none (translated; a user's own is not).
DEFAULT_CLASSIFICATION = "Internal"
ORIENTATIONS = ("landscape", "portrait")
LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Branding:
    """The organisation's look: colours as '#RRGGBB', a logo as PNG or JPEG bytes."""

    primary_colour: str = "#1F3864"
    accent_colour: str = "#2E75B6"
    logo: bytes | None = None


@dataclass(frozen=True)
class PackOptions:
    """How to print: language, paper, orientation, sections, classification, branding."""

    language: str = "en"
    paper: str = "a4"
    orientation: str = "landscape"
    sections: frozenset[Section] = frozenset(Section)
    classification: str = DEFAULT_CLASSIFICATION
    title: str = ""
    branding: Branding = field(default_factory=Branding)
    #: Months shown before and after the as-of date in each project's Gantt extract.
    gantt_months_before: int = 1
    gantt_months_after: int = 3


@dataclass(frozen=True)
class ProjectSummary:
    """One project's line of the portfolio table (and the head of its page)."""

    id: int
    code: str
    name: str
    programme: str
    manager: str
    sponsor: str
    method: str
    phase: str
    status: str
    currency: str
    percent_complete: float
    #: Ratings of the latest status report up to the as-of date, keyed by DIMENSIONS;
    #: empty when the project has no report yet.
    ratings: Mapping[str, Rag] = field(default_factory=dict)
    trends: Mapping[str, Trend] = field(default_factory=dict)
    spi: Decimal | None = None
    cpi: Decimal | None = None
    budget: Decimal = Decimal(0)
    actual: Decimal = Decimal(0)
    #: Forecast at completion: actuals to date plus the forecast of later months.
    forecast: Decimal = Decimal(0)
    next_milestone: str = ""
    next_milestone_date: date | None = None
    next_milestone_slip_days: float | None = None
    start: date | None = None
    finish: date | None = None


@dataclass(frozen=True)
class MilestoneLine:
    """A milestone: baseline 0 finish vs current forecast, slip in working days."""

    name: str
    baseline_finish: date | None
    forecast_finish: date | None
    slip_days: float | None
    rag: Rag | None
    done: bool


@dataclass(frozen=True)
class GanttBar:
    """A task row of a Gantt extract (WBS order, `level` 1 = top)."""

    id: int
    wbs: str
    name: str
    level: int
    start: datetime | None
    finish: datetime | None
    baseline_start: datetime | None
    baseline_finish: datetime | None
    percent_complete: float
    is_summary: bool
    is_milestone: bool
    critical: bool
    #: The summary task above it (a GanttBar id when that summary is in the extract).
    parent: int | None = None


@dataclass(frozen=True)
class GanttLinkLine:
    """A link between two bars of the extract (ids of GanttBar)."""

    predecessor: int
    successor: int
    kind: str  # "FS", "SS", "FF", "SF"


@dataclass(frozen=True)
class GanttExtract:
    """The tasks of a project that overlap [window_start, window_end], with their links.

    `omitted` counts the tasks of the window left out to keep the page readable.
    """

    window_start: date
    window_end: date
    as_of: date
    bars: tuple[GanttBar, ...] = ()
    links: tuple[GanttLinkLine, ...] = ()
    omitted: int = 0


@dataclass(frozen=True)
class RiskLine:
    """An open risk, with its inherent and residual ratings (impact = worst dimension)."""

    code: str
    title: str
    project_code: str
    project_name: str
    owner: str
    category: str
    probability: int
    impact: int
    score: int
    residual_probability: int | None
    residual_impact: int | None
    residual_score: int | None
    response: str
    response_plan: str
    proximity: date | None
    #: Score trend against the previous status period (same risk, same rule).
    trend: Trend = Trend.NEW


@dataclass(frozen=True)
class EvmFigures:
    """Earned value at the as-of date (None where undefined: no baseline or no cost)."""

    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal
    spi: Decimal | None
    cpi: Decimal | None
    eac: Decimal | None
    vac: Decimal | None


@dataclass(frozen=True)
class CurvePoint:
    """Cumulative planned value, earned value and actual cost at the end of a month."""

    day: date
    pv: Decimal
    ev: Decimal | None
    ac: Decimal | None


@dataclass(frozen=True)
class DecisionLine:
    """A decision the committee is asked to take (pending), or one recorded."""

    code: str
    title: str
    project_code: str
    project_name: str
    owner: str
    needed_by: date | None
    status: str
    description: str = ""


@dataclass(frozen=True)
class IssueLine:
    """An escalated (or high-priority open) issue."""

    code: str
    title: str
    project_code: str
    project_name: str
    owner: str
    priority: str
    status: str
    due: date | None
    escalated: bool


@dataclass(frozen=True)
class ProjectPage:
    """Everything a project's page (or one-page status report) prints."""

    summary: ProjectSummary
    period_start: date | None
    period_end: date | None
    report_author: str
    commentary: str
    achievements: str
    concerns: str
    decisions_needed: str
    milestones: tuple[MilestoneLine, ...]
    gantt: GanttExtract | None
    top_risks: tuple[RiskLine, ...]
    heat_inherent: HeatCounts
    heat_residual: HeatCounts
    evm: EvmFigures | None
    curve: tuple[CurvePoint, ...]
    decisions: tuple[DecisionLine, ...]
    issues: tuple[IssueLine, ...]
    #: Milestones left out of `milestones` (the earliest open ones are kept).
    milestones_omitted: int = 0
    #: What the project lacks for a full page, as keys the renderer translates:
    #: "status_report", "baseline", "risks", "costs", "schedule".
    missing: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RoleLoad:
    """Demand and capacity of one role per month, in hours."""

    role: str
    demand: tuple[float, ...]
    capacity: tuple[float, ...]


@dataclass(frozen=True)
class RatingCounts:
    """Projects by overall rating (None = not rated)."""

    red: int = 0
    amber: int = 0
    green: int = 0
    unrated: int = 0


@dataclass(frozen=True)
class PortfolioPack:
    """The whole pack's data. `projects` is the portfolio table (selected projects in code
    order); `pages` are their pages in the same order."""

    organisation: str
    portfolio: str
    currency: str
    as_of: date
    period_start: date
    period_end: date
    overall: Rag | None
    previous_overall: Rag | None
    counts: RatingCounts
    previous_counts: RatingCounts
    #: (project code, text) pairs from the latest status reports.
    achievements: tuple[tuple[str, str], ...]
    concerns: tuple[tuple[str, str], ...]
    decisions: tuple[DecisionLine, ...]
    projects: tuple[ProjectSummary, ...]
    pages: tuple[ProjectPage, ...]
    months: tuple[date, ...]
    role_loads: tuple[RoleLoad, ...]
    heat_inherent: HeatCounts
    heat_residual: HeatCounts
    top_risks: tuple[RiskLine, ...]
    escalated_issues: tuple[IssueLine, ...]
    #: The RAG thresholds in force (RagThresholds' field names → values), printed in the
    #: appendix.
    thresholds: Mapping[str, float]
    #: Rule of the portfolio's overall rating, printed in the appendix: a share of red
    #: projects (percent) at or above `red_share` makes it red, of red or amber `amber_share`
    #: amber.
    overall_red_share: float = 25.0
    overall_amber_share: float = 25.0
    #: The compliance checks' findings (None: not checked, the section is left out).
    compliance: ComplianceDigest | None = None


@dataclass(frozen=True)
class ComplianceFindingLine:
    """A finding as the pack prints it; `messages` and rule titles by language code."""

    rule: str
    severity: str
    rule_titles: Mapping[str, str]
    messages: Mapping[str, str]


@dataclass(frozen=True)
class ComplianceRuleCount:
    """Findings of one rule now and at the previous period end (None: not computed)."""

    rule: str
    severity: str
    titles: Mapping[str, str]
    enabled: bool
    count: int
    previous: int | None = None


@dataclass(frozen=True)
class ComplianceProjectLine:
    """A project's (or the portfolio level's, `code` "") counts and worst findings."""

    code: str
    name: str
    counts: Mapping[str, int]
    trend: Trend
    worst: tuple[ComplianceFindingLine, ...]
    #: Findings of the project left out of `worst`.
    more: int = 0


@dataclass(frozen=True)
class ComplianceDigest:
    """The compliance section: counts per severity and rule, the worst findings per project
    (projects with findings only, worst first), and how many projects were left out."""

    as_of: date
    previous_as_of: date
    counts: Mapping[str, int]
    previous_counts: Mapping[str, int]
    rules: tuple[ComplianceRuleCount, ...]
    projects: tuple[ComplianceProjectLine, ...]
    checked_projects: int
    projects_omitted: int = 0


def trim_extract(extract: GanttExtract, max_rows: int) -> GanttExtract:
    """The extract cut to at most `max_rows` bars, keeping what a committee must see.

    Milestones, then critical tasks, then the others — each kind the ones not finished by
    the as-of date first, then by start — are kept, each with the summaries above it, until
    the next one does not fit (never a lesser task in place of a greater one); WBS order is
    kept, links between kept bars stay, and `omitted` grows by
    the bars left out.
    """
    if len(extract.bars) <= max_rows:
        return extract
    by_id = {bar.id: bar for bar in extract.bars}
    now = datetime.combine(extract.as_of, datetime.min.time())
    ranked = sorted(
        (bar for bar in extract.bars if not bar.is_summary),
        key=lambda bar: (
            0 if bar.is_milestone else 1 if bar.critical else 2,
            bar.finish is not None and bar.finish < now,
            bar.start or datetime.max,
            bar.id,
        ),
    )
    kept: set[int] = set()
    for bar in ranked:
        needed = [bar.id]
        parent = bar.parent
        while parent is not None and parent in by_id and parent not in kept:
            if parent in needed:
                break
            needed.append(parent)
            parent = by_id[parent].parent
        if len(kept) + len(needed) > max_rows:
            break
        kept.update(needed)
    if not ranked:
        # Only summaries overlap the window (their tasks lie outside): show the first ones.
        kept = {bar.id for bar in extract.bars[:max_rows]}
    bars = tuple(bar for bar in extract.bars if bar.id in kept)
    links = tuple(
        link for link in extract.links if link.predecessor in kept and link.successor in kept
    )
    omitted = extract.omitted + len(extract.bars) - len(bars)
    return replace(extract, bars=bars, links=links, omitted=omitted)


def empty_heat() -> HeatCounts:
    """A 5 × 5 grid of zeros."""
    return tuple((0,) * 5 for _ in range(5))
