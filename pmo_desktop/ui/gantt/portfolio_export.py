"""The portfolio Gantt on paper: a multi-page vector PDF of the rows the view shows.

The page renderer of the project Gantt (`export.GanttPages`) draws it: each programme is a
summary row, each project a bar with its progress, baseline and manager, the tasks of an
expanded project below it. Pages run across the dates, then down the rows, and every page
repeats the programme and project names at its left. The links between projects are drawn
as the chart draws them: to a task's own row when it is shown, else from its date on the
row of its collapsed summary, project or programme.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPainter

from pmo_desktop.models import ConstraintType, LinkType
from pmo_desktop.services.gantt import GanttData, GanttTask
from pmo_desktop.services.portfolio_gantt import (
    PortfolioGanttData,
    PortfolioGanttProgramme,
    PortfolioGanttProject,
)
from pmo_desktop.ui.gantt import painting
from pmo_desktop.ui.gantt.export import GanttPages, GanttPrintOptions, write_pages_pdf
from pmo_desktop.ui.gantt.painting import LINK_ENDS
from pmo_desktop.ui.gantt.portfolio_tree import PortfolioRow, RowKind
from pmo_desktop.ui.gantt.timescale import DateAxis

translate = QCoreApplication.translate

#: One end of a link: task id, project id, start, finish.
_End = tuple[int, int, datetime | None, datetime | None]


def default_rows(data: PortfolioGanttData) -> list[PortfolioRow]:
    """Every programme with its projects, collapsed (what the view shows when it opens)."""
    rows = []
    for programme in data.programmes:
        rows.append(PortfolioRow(RowKind.PROGRAMME, programme=programme))
        rows += [
            PortfolioRow(RowKind.PROJECT, project.id, programme, project)
            for project in programme.projects
        ]
    return rows


def _row(
    row_id: int,
    level: int,
    name: str,
    item: PortfolioGanttProgramme | PortfolioGanttProject,
    *,
    summary: bool,
) -> GanttTask:
    """A programme or project as a row of the page renderer."""
    project = item if isinstance(item, PortfolioGanttProject) else None
    return GanttTask(
        id=row_id, version=0, parent_id=None, wbs="", outline_level=level, name=name, notes="",
        is_summary=summary, is_milestone=False, duration_minutes=0,
        start=item.start, finish=item.finish, early_start=None, early_finish=None,
        late_start=None, late_finish=None, total_slack_minutes=None, free_slack_minutes=None,
        critical=False, constraint_type=ConstraintType.ASAP, constraint_date=None,
        deadline=None, percent_complete=project.percent_complete if project else 0.0,
        number=0, has_notes=False,
        baseline_start=project.baseline_start if project else None,
        baseline_finish=project.baseline_finish if project else None,
        finish_variance_minutes=None, predecessors="",
        resources=(project.manager,) if project and project.manager else (),
    )  # fmt: skip


class PortfolioGanttPages(GanttPages):
    """The page plan and painter of the portfolio Gantt (see the module docstring).

    `rows` are the view's rows in order (default: programmes and collapsed projects);
    `projects` the tasks and links of the expanded projects, by project id.
    """

    def __init__(
        self,
        data: PortfolioGanttData,
        options: GanttPrintOptions,
        rows: Sequence[PortfolioRow] | None = None,
        projects: Mapping[int, GanttData] | None = None,
    ) -> None:
        self.portfolio = data
        self.projects = dict(projects or {})
        tasks: list[GanttTask] = []
        self._task_row: dict[int, int] = {}
        self._project_row: dict[int, int] = {}
        self._programme_row: dict[int | None, int] = {}
        for row in default_rows(data) if rows is None else rows:
            number = len(tasks)
            if row.kind is RowKind.PROGRAMME and row.programme is not None:
                programme = row.programme
                name = (
                    f"{programme.code}  {programme.name}"
                    if programme.id is not None
                    else translate("PortfolioGanttTree", "Projects outside a programme")
                )
                tasks.append(_row(-1 - number, 1, name, programme, summary=True))
                self._programme_row[programme.id] = number
            elif row.kind is RowKind.PROJECT and row.project is not None:
                project = row.project
                name = f"{project.code}  {project.name}"
                tasks.append(_row(-1 - number, 2, name, project, summary=False))
                self._project_row[project.id] = number
            elif row.kind is RowKind.TASK and row.task is not None:
                task = row.task
                tasks.append(replace(task, outline_level=task.outline_level + 2))
                self._task_row[task.id] = number
        tasks = [replace(task, number=number + 1) for number, task in enumerate(tasks)]
        self._project_of = {p.id: p.programme_id for p in data.projects}
        self._parent = {
            task.id: task.parent_id for gantt in self.projects.values() for task in gantt.tasks
        }
        sheet = GanttData(
            project_id=0,
            code=translate("PortfolioGanttExport", "Portfolio Gantt"),
            name=data.scope_name,
            tasks=tuple(tasks),
            links=(),
            calendar=data.calendar,
            status_date=data.status_date,
            as_of=data.status_date,
            baseline_number=0,
            baselines=(),
            start=data.start,
            finish=data.finish,
        )
        super().__init__(sheet, options)

    def name_heading(self) -> str:
        return translate("PortfolioGanttExport", "Programme / project")

    # Links.

    def _ends(self) -> list[tuple[LinkType, _End, _End, bool]]:
        ends: list[tuple[LinkType, _End, _End, bool]] = []
        for link in self.portfolio.links:
            before = (link.predecessor_id, link.predecessor_project_id,
                      link.predecessor_start, link.predecessor_finish)  # fmt: skip
            after = (link.successor_id, link.successor_project_id,
                     link.successor_start, link.successor_finish)  # fmt: skip
            ends.append((link.type, before, after, link.critical))
        for project_id, gantt in self.projects.items():
            by_id = {task.id: task for task in gantt.tasks}
            for own in gantt.links:
                first, second = by_id.get(own.predecessor_id), by_id.get(own.successor_id)
                if first is None or second is None:
                    continue
                ends.append((
                    own.type,
                    (first.id, project_id, first.start, first.finish),
                    (second.id, project_id, second.start, second.finish),
                    first.critical and second.critical,
                ))  # fmt: skip
        return ends

    def _anchor(self, task_id: int, project_id: int) -> tuple[int, bool] | None:
        """The printed row of a task: its own, a shown summary above it, its project's or its
        programme's (True when it is the task's own row)."""
        if task_id in self._task_row:
            return self._task_row[task_id], True
        parent = self._parent.get(task_id)
        while parent is not None:
            if parent in self._task_row:
                return self._task_row[parent], False
            parent = self._parent.get(parent)
        if project_id in self._project_row:
            return self._project_row[project_id], False
        if project_id in self._project_of:
            number = self._programme_row.get(self._project_of[project_id])
            return (number, False) if number is not None else None
        return None

    def _end_x(
        self, axis: DateAxis, row: int, own: bool, end: _End, first: int, at_finish: bool
    ) -> float | None:
        if own:
            geometry = self._geometry(axis, self.rows[row], self._row_top(row, first))
            if geometry is not None:
                return geometry[0].right() if at_finish else geometry[0].left()
        moment = end[3] if at_finish else end[2]
        return self._x(axis, moment) if moment is not None else None

    def _paint_links(self, painter: QPainter, axis: DateAxis, first: int, last: int) -> None:
        """The links with an end on this page's rows; the rest of the route is clipped."""
        routes = []
        for kind, before, after, critical in self._ends():
            source = self._anchor(before[0], before[1])
            target = self._anchor(after[0], after[1])
            if source is None or target is None or source[0] == target[0]:
                continue
            rp, rs = source[0], target[0]
            if max(rp, rs) < first or min(rp, rs) > last:
                continue
            from_finish, to_finish = LINK_ENDS[kind]
            exit_x = self._end_x(axis, rp, source[1], before, first, from_finish)
            entry_x = self._end_x(axis, rs, target[1], after, first, to_finish)
            if exit_x is None or entry_x is None:
                continue
            middle = (self._row_top(rp + 1, first) - self._row_top(rp, first)) * 0.45
            exit_y = self._row_top(rp, first) + middle
            entry_y = self._row_top(rs, first) + middle
            gap_y = self._row_top(rp + 1 if rs > rp else rp, first)
            points = painting.link_route(
                exit_x, exit_y, from_finish, entry_x, entry_y, not to_finish, gap_y
            )
            routes.append((points, not to_finish, critical))
        painting.draw_links(painter, routes, self.pens)


def portfolio_span(data: PortfolioGanttData) -> tuple[date, date]:
    """The first and last day of the shown projects (today when they have no dates)."""
    start = data.start.date() if data.start else date.today()
    finish = data.finish.date() if data.finish else start
    return start, max(start, finish)


def write_portfolio_gantt_pdf(
    data: PortfolioGanttData,
    path: Path,
    options: GanttPrintOptions | None = None,
    rows: Sequence[PortfolioRow] | None = None,
    projects: Mapping[int, GanttData] | None = None,
) -> int:
    """Write the portfolio Gantt to `path` as a PDF, whole or not at all; the page count."""
    pages = PortfolioGanttPages(data, options or GanttPrintOptions(), rows, projects)
    title = translate("PortfolioGanttExport", "Portfolio Gantt {scope}").format(
        scope=data.scope_name
    )
    return write_pages_pdf(pages, path, title)
