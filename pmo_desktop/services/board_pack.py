"""The board pack's data (`reports.data.PortfolioPack`) assembled from the database.

One read session with a few bulk queries (tasks, links, reports, RAID logs, assignments),
then pure computation per project: the dashboard's project rows and RAG thresholds, earned
value and S-curves, milestones and Gantt extracts, risk heat maps, role loading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from datetime import date
from typing import TypeVar

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import Rag
from pmo_desktop.reports.data import (
    EvmFigures,
    PortfolioPack,
    ProjectPage,
    ProjectSummary,
    RatingCounts,
)
from pmo_desktop.scheduling.earned_value import earned_value
from pmo_desktop.services.board_pack_compliance import compliance_digest, compliance_pair
from pmo_desktop.services.board_pack_loading import board_months, role_loads
from pmo_desktop.services.board_pack_raid import (
    heat_counts,
    inherent_cells,
    read_raid,
    residual_cells,
)
from pmo_desktop.services.board_pack_read import (
    ReportRow,
    TaskRow,
    projects_with_baseline,
    projects_with_costs,
    read_links,
    read_reports,
    read_tasks,
    select_projects,
)
from pmo_desktop.services.board_pack_schedule import (
    GanttWindow,
    SlipMeter,
    WorkingCalendars,
    cost_curve,
    earned_value_task,
    evm_figures,
    gantt_extract,
    milestone_lines,
    month_start,
)
from pmo_desktop.services.dashboard import (
    DashboardRow,
    RagThresholds,
    dashboard_overview,
    portfolio_thresholds,
)
from pmo_desktop.storage.database import Database

Progress = Callable[[int, int, str], None]
Line = TypeVar("Line")
#: Steps before the per-project ones: overview, bulk reads, RAID, loading.
_STEPS = 4


def overall_rating(
    ratings: Iterable[Rag | None], red_share: float, amber_share: float
) -> Rag | None:
    """The portfolio's rating: red if at least `red_share` % of the rated projects are red,
    amber if at least `amber_share` % are red or amber, else green; None if none is rated."""
    rated = [rag for rag in ratings if rag is not None]
    if not rated:
        return None
    red = sum(1 for rag in rated if rag is Rag.RED) * 100 / len(rated)
    amber = sum(1 for rag in rated if rag is not Rag.GREEN) * 100 / len(rated)
    if red >= red_share:
        return Rag.RED
    return Rag.AMBER if amber >= amber_share else Rag.GREEN


def rating_counts(ratings: Iterable[Rag | None]) -> RatingCounts:
    counts = {Rag.RED: 0, Rag.AMBER: 0, Rag.GREEN: 0, None: 0}
    for rag in ratings:
        counts[rag] += 1
    return RatingCounts(counts[Rag.RED], counts[Rag.AMBER], counts[Rag.GREEN], counts[None])


def assemble_board_pack(
    database: Database,
    portfolio_id: int,
    as_of: date,
    *,
    project_ids: Sequence[int] | None = None,
    thresholds: RagThresholds | None = None,
    gantt_months_before: int = 1,
    gantt_months_after: int = 3,
    gantt_max_rows: int = 28,
    top_risks: int = 5,
    loading_months: int = 12,
    progress: Progress | None = None,
    portfolio_top_risks: int = 10,
    max_milestones: int = 12,
    overall_red_share: float = 25.0,
    overall_amber_share: float = 25.0,
    compliance: bool = True,
) -> PortfolioPack:
    """Everything the board pack prints for the selected projects (all for None) at the
    end of `as_of`; the reporting period is the calendar month of `as_of` up to that day.

    `progress(done, total, label)` is called between steps and may raise to cancel.
    With `compliance`, the compliance checks run at `as_of` and at the previous period end.
    """
    with database.session() as session:
        thresholds = portfolio_thresholds(session, portfolio_id, thresholds)
    thresholds.validate()
    limits = (gantt_max_rows - 1, top_risks, loading_months, portfolio_top_risks, max_milestones)
    if min(limits) < 0:
        raise ValidationError(
            "Board pack: the Gantt extract needs at least one row, and the risk, milestone "
            "and month counts cannot be negative."
        )
    period_start = month_start(as_of)
    months = board_months(as_of, loading_months)

    def step(done: int, total: int, label: str) -> None:
        if progress is not None:
            progress(done, total, label)

    with database.session() as session:
        selection = select_projects(session, portfolio_id, project_ids)
    total = _STEPS + len(selection.project_ids)
    step(0, total, "Portfolio overview")
    overview = dashboard_overview(database, portfolio_id, as_of, thresholds)
    with database.session() as session:
        step(1, total, "Schedules and status reports")
        tasks = read_tasks(session, selection)
        links = read_links(session, selection)
        latest, previous = read_reports(session, selection, as_of)
        with_baseline = projects_with_baseline(session, selection)
        with_costs = projects_with_costs(session, selection)
        step(2, total, "Risks, decisions and issues")
        raid = read_raid(session, selection, period_start)
        step(3, total, "Resource loading")
        loads = role_loads(session, selection, months)
    rows = {row.id: row for row in overview.rows}
    report = earned_value(
        (earned_value_task(task) for group in tasks.values() for task in group
         if not task.is_summary),
        as_of,
        project_calendars=selection.project_calendars,
        default_calendar=selection.default_calendar,
    )  # fmt: skip
    calendars = WorkingCalendars(as_of)
    window = GanttWindow.around(as_of, gantt_months_before, gantt_months_after)
    links_by_project = _links_by_project(links, tasks)
    risks = _by_project(raid.risks)
    decisions = _by_project(raid.decisions)
    issues = _by_project(raid.issues)
    pages: list[ProjectPage] = []
    for index, project_id in enumerate(selection.project_ids):
        row = rows[project_id]
        step(_STEPS + index, total, row.code)
        value = report.projects.get(project_id)
        evm = evm_figures(value) if value is not None and value.bac else None
        project_tasks = tasks[project_id]
        spec = selection.calendar(project_id)
        calendar = calendars.get(spec)
        milestones, cut = milestone_lines(
            project_tasks, SlipMeter(calendar, spec.minutes_per_day), thresholds, max_milestones
        )
        project_risks = risks.get(project_id, [])
        report_row = latest.get(project_id)
        gantt = (
            gantt_extract(
                project_tasks, links_by_project.get(project_id, ()), window, as_of, gantt_max_rows
            )
            if project_tasks
            else None
        )
        pages.append(
            ProjectPage(
                summary=_summary(row, selection.sponsors[project_id], evm),
                period_start=report_row.period_start if report_row else None,
                period_end=report_row.period_end if report_row else None,
                report_author=report_row.author if report_row else "",
                commentary=report_row.commentary if report_row else "",
                achievements=report_row.achievements if report_row else "",
                concerns=report_row.concerns if report_row else "",
                decisions_needed=report_row.decisions_needed if report_row else "",
                milestones=milestones,
                milestones_omitted=cut,
                gantt=gantt,
                top_risks=tuple(project_risks[:top_risks]),
                heat_inherent=heat_counts(inherent_cells(project_risks)),
                heat_residual=heat_counts(residual_cells(project_risks)),
                evm=evm,
                curve=cost_curve(project_tasks, as_of, spec, calendar, evm) if evm else (),
                decisions=tuple(decisions.get(project_id, ())),
                issues=tuple(issues.get(project_id, ())),
                missing=_missing(
                    report_row is None,
                    project_id not in with_baseline,
                    not project_risks,
                    project_id not in with_costs,
                    not project_tasks,
                ),
            )
        )
    digest = None
    if compliance:
        step(total - 1, total, "Compliance checks")
        now, before_now = compliance_pair(
            database, portfolio_id, as_of, project_ids=project_ids, thresholds=thresholds
        )
        digest = compliance_digest(now, before_now)
    step(total, total, "")
    current = [_overall(latest.get(pid)) for pid in selection.project_ids]
    before = [_overall(previous.get(pid)) for pid in selection.project_ids]
    every_risk = [line for _, line in raid.risks]
    return PortfolioPack(
        organisation=selection.organisation,
        portfolio=selection.name,
        currency=selection.currency,
        as_of=as_of,
        period_start=period_start,
        period_end=as_of,
        overall=overall_rating(current, overall_red_share, overall_amber_share),
        previous_overall=overall_rating(before, overall_red_share, overall_amber_share),
        counts=rating_counts(current),
        previous_counts=rating_counts(before),
        achievements=_texts(pages, "achievements"),
        concerns=_texts(pages, "concerns"),
        decisions=tuple(line for _, line in raid.decisions),
        projects=tuple(page.summary for page in pages),
        pages=tuple(pages),
        months=months,
        role_loads=loads,
        heat_inherent=heat_counts(inherent_cells(every_risk)),
        heat_residual=heat_counts(residual_cells(every_risk)),
        top_risks=tuple(every_risk[:portfolio_top_risks]),
        escalated_issues=tuple(line for _, line in raid.issues if line.escalated),
        thresholds={name: float(number) for name, number in asdict(thresholds).items()},
        overall_red_share=overall_red_share,
        overall_amber_share=overall_amber_share,
        compliance=digest,
    )


def _overall(report: ReportRow | None) -> Rag | None:
    return report.ratings["overall"] if report is not None else None


def _by_project(entries: Iterable[tuple[int | None, Line]]) -> dict[int | None, list[Line]]:
    grouped: dict[int | None, list[Line]] = {}
    for project_id, line in entries:
        grouped.setdefault(project_id, []).append(line)
    return grouped


def _links_by_project(
    links: Sequence[tuple[int, int, str]], tasks: dict[int, list[TaskRow]]
) -> dict[int, list[tuple[int, int, str]]]:
    """The links whose two tasks belong to the same selected project, per project."""
    owner = {task.id: project_id for project_id, rows in tasks.items() for task in rows}
    grouped: dict[int, list[tuple[int, int, str]]] = {}
    for link in links:
        project_id = owner.get(link[1])
        if project_id is not None and owner.get(link[0]) == project_id:
            grouped.setdefault(project_id, []).append(link)
    return grouped


def _summary(row: DashboardRow, sponsor: str, evm: EvmFigures | None) -> ProjectSummary:
    """The dashboard's project row as the pack prints it (same figures, same rules)."""
    return ProjectSummary(
        id=row.id,
        code=row.code,
        name=row.name,
        programme=row.programme,
        manager=row.manager,
        sponsor=sponsor,
        method=str(row.method),
        phase=row.phase,
        status=str(row.status),
        currency=row.currency,
        percent_complete=row.percent_complete,
        ratings={str(dimension): rag for dimension, rag in row.ratings.items()},
        trends={str(dimension): trend for dimension, trend in row.trends.items()},
        spi=evm.spi if evm is not None else None,
        cpi=evm.cpi if evm is not None else None,
        budget=row.budget,
        actual=row.actual,
        forecast=row.forecast,
        next_milestone=row.next_milestone,
        next_milestone_date=row.next_milestone_date,
        next_milestone_slip_days=row.milestone_slip_days,
        start=row.start,
        finish=row.finish,
    )


def _missing(
    report: bool, baseline: bool, risks: bool, costs: bool, schedule: bool
) -> frozenset[str]:
    """Keys of what a project lacks for a full page (the renderer says so)."""
    flags = {
        "status_report": report,
        "baseline": baseline,
        "risks": risks,
        "costs": costs,
        "schedule": schedule,
    }
    return frozenset(key for key, absent in flags.items() if absent)


def _texts(pages: Sequence[ProjectPage], field: str) -> tuple[tuple[str, str], ...]:
    """(project code, text) of the latest reports whose `field` is not blank."""
    return tuple(
        (page.summary.code, text) for page in pages if (text := getattr(page, field)).strip()
    )
