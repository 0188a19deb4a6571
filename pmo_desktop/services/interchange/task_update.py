"""Re-import of an edited export of ours: the stored projects' tasks updated by their UIDs.

A workbook whose project UID (or task UIDs) name stored rows updates those projects
instead of adding new ones: the edited fields of each task are written, rows without a UID
are added where the outline puts them, the links between the sheet's tasks are rebuilt
from the Predecessors column, then the portfolio is rescheduled, all in one transaction.
Tasks of the project missing from the sheet are left alone (listed, never deleted).
Every problem is listed with its sheet and row, and then nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.interop.xlsx import SheetTask, Workbook, WorkbookError
from pmo_desktop.models import Assignment, Dependency, Project, Resource, Task
from pmo_desktop.models.enums import ConstraintType, LagUnit, LinkType
from pmo_desktop.services.scheduling import PlanError, reschedule_in
from pmo_desktop.storage import audit
from pmo_desktop.storage.database import Database

Key = tuple[str, int]  # (workbook project code, task ID)
Link = tuple[int, str, int, str]  # (predecessor, type, lag, lag unit); new tasks < 0
_BATCH = 5000
#: The fields a row of the sheet sets, compared with the stored task.
_FIELDS = (
    "name", "duration_minutes", "constraint_type", "constraint_date", "deadline", "priority",
    "percent_complete", "actual_start", "actual_finish", "is_milestone", "wbs",
)  # fmt: skip
_MOMENTS = {"constraint_date", "deadline", "actual_start", "actual_finish"}
_SHOWN = 20


@dataclass
class TaskUpdateSummary:
    """What a re-import changed (or, for a dry run, would change)."""

    portfolio_id: int
    projects: dict[str, int]
    updated: int = 0
    added: int = 0
    unchanged: int = 0
    links: int = 0
    dry_run: bool = False
    #: Tasks of the projects that the sheet does not hold (left as they are).
    not_in_workbook: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    schedule_warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.updated:,} tasks updated, {self.added:,} added, {self.unchanged:,} unchanged"

    def counts(self) -> dict[str, int]:
        return {
            "tasks_updated": self.updated,
            "tasks_added": self.added,
            "tasks_unchanged": self.unchanged,
            "links_rebuilt": self.links,
        }


def _batches(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for first in range(0, len(items), _BATCH):
        yield items[first : first + _BATCH]


def stored_projects(session: Session, book: Workbook) -> dict[str, int] | None:
    """Workbook project code → projects.id when the workbook updates stored projects (its
    project UIDs, or else its task UIDs, name them); None for a workbook to add as new.

    WorkbookError when only some of its projects are stored, or they are in different
    portfolios."""
    uids = [project.uid for project in book.projects if project.uid]
    by_uid: dict[str, int] = {}
    for batch in _batches(uids):
        statement = select(Project.uuid, Project.id).where(Project.uuid.in_(batch))
        by_uid.update((row.uuid, row.id) for row in session.execute(statement))
    found = {p.code: by_uid[p.uid] for p in book.projects if p.uid in by_uid}
    if len(found) < len(book.projects):  # a project without its UID: its tasks may say
        owners: dict[str, set[int]] = defaultdict(set)
        by_task = {task.uid: task.project for task in book.tasks if task.uid}
        for batch in _batches(list(by_task)):
            statement = select(Task.uuid, Task.project_id).where(Task.uuid.in_(batch))
            for row in session.execute(statement):
                owners[by_task[row.uuid]].add(row.project_id)
        for project in book.projects:
            if project.code not in found and len(owners[project.code]) == 1:
                found[project.code] = owners[project.code].pop()
    if not found:
        return None
    problems = [
        f"project {project.code!r}: its UID names no stored project while the workbook "
        "updates others (import it in a workbook of its own)"
        for project in book.projects
        if project.code not in found
    ]
    portfolios = set(
        session.scalars(select(Project.portfolio_id).where(Project.id.in_(found.values())))
    )
    if len(portfolios) > 1:
        problems.append("the workbook's projects are stored in different portfolios")
    if problems:
        raise WorkbookError("The workbook", problems)
    return found


def update_lines(path: object, summary: TaskUpdateSummary) -> list[str]:
    """What a re-import did (or would do), as lines for a terminal."""
    verb = "Checked (dry run, nothing written)" if summary.dry_run else "Updated"
    lines = [f"{verb} {path}: projects {', '.join(summary.projects)}; {summary.summary()}."]
    lines += [f"  warning: {warning}" for warning in summary.schedule_warnings[:20]]
    lines += [f"  note: {note}" for note in summary.notes]
    if summary.not_in_workbook:
        lines.append("Not in the workbook (left as they are):")
        lines += [f"  {name}" for name in summary.not_in_workbook]
    return lines


def update_tasks(
    database: Database,
    book: Workbook,
    projects: dict[str, int],
    *,
    source: str = "workbook",
    dry_run: bool = False,
) -> TaskUpdateSummary:
    """Update the stored `projects` (code → id) from `book`, in one transaction, then
    reschedule; with `dry_run`, only count. WorkbookError lists every problem (nothing
    written)."""
    if dry_run:
        with database.session() as session:
            return _Update(session, book, projects, source).plan(dry_run=True)
    with database.write_session() as session:
        update = _Update(session, book, projects, source)
        summary = update.plan(dry_run=False)
        if not update.writes():
            return summary  # nothing differs: no write, no reschedule, no new versions
        update.apply()
        audit.record_import(session, source, summary.counts(), portfolio_id=summary.portfolio_id)
        try:
            plan, result, _ = reschedule_in(session, summary.portfolio_id, set(projects.values()))
        except PlanError as error:  # a loop through links the sheet does not show
            raise WorkbookError(
                source, [f"the updated plan cannot be scheduled: {error}"]
            ) from None
        else:
            chosen = set(projects.values())
            names = tuple(f"'{spec.name}'" for spec in plan.tasks if spec.project in chosen)
            summary.schedule_warnings += [w for w in result.warnings if w.startswith(names)]
    return summary


def _same(field_name: str, stored: Any, wanted: Any) -> bool:
    if field_name in _MOMENTS:
        if stored is None or wanted is None:
            return stored is wanted
        assert isinstance(stored, datetime) and isinstance(wanted, datetime)
        return abs((stored - wanted).total_seconds()) < 1
    if field_name == "percent_complete":
        return abs(float(stored) - float(wanted)) < 0.006  # exported with 2 decimals
    return bool(stored == wanted)


class _Update:
    """The differences between the sheet and the stored tasks, then their writing."""

    def __init__(self, session: Session, book: Workbook, projects: dict[str, int], source: str):
        self.session, self.book, self.projects, self.source = session, book, projects, source
        self.problems: list[str] = []
        self.ids: dict[Key, int] = {}  # existing tasks; new ones get -1, -2, …
        self.changes: dict[int, dict[str, Any]] = {}  # tasks.id → fields to write
        self.structure: dict[int, dict[str, Any]] = {}  # parent/position/level/summary
        self.new_tasks: list[tuple[SheetTask, dict[str, Any]]] = []
        self.links: dict[int, list[Link]] = {}  # successor → its links to rebuild
        self.summary = TaskUpdateSummary(0, dict(projects))
        self.assignments: list[tuple[Key, int, Any]] = []  # added tasks' (task, resource, row)
        self.tasks: dict[int, Task] = {}  # the added tasks by their negative ids

    # -- planning -------------------------------------------------------------------------

    def plan(self, *, dry_run: bool) -> TaskUpdateSummary:
        summary = self.summary
        summary.dry_run = dry_run
        project_ids = list(self.projects.values())
        summary.portfolio_id = (
            self.session.scalar(select(Project.portfolio_id).where(Project.id == project_ids[0]))
            or 0
        )
        stored = self._stored(project_ids)
        by_code: dict[str, list[SheetTask]] = defaultdict(list)
        for task in self.book.tasks:
            by_code[task.project].append(task)
        for code, project_id in self.projects.items():
            self._match(code, project_id, by_code[code], stored)
        if not self.problems:
            by_project: dict[int, dict[int, Any]] = defaultdict(dict)
            for row in stored.values():
                by_project[row.project_id][row.id] = row
            for code, project_id in self.projects.items():
                self._diff(code, by_code[code], by_project[project_id])
            self._plan_links()
            self._plan_assignments()
        if self.problems:
            raise WorkbookError(self.source, self.problems)
        changed = set(self.changes) | set(self.links)
        sheet_ids = [value for value in self.ids.values() if value > 0]
        summary.updated = sum(1 for task_id in sheet_ids if task_id in changed)
        summary.added = len(self.new_tasks)
        summary.unchanged = len(sheet_ids) - summary.updated
        summary.links = sum(len(links) for links in self.links.values())
        in_sheet = set(sheet_ids)
        missing = [row for row in stored.values() if row.id not in in_sheet]
        for row in missing[:_SHOWN]:
            summary.not_in_workbook.append(f"{row.wbs or row.id} {row.name}".strip())
        if len(missing) > _SHOWN:
            summary.not_in_workbook.append(f"… and {len(missing) - _SHOWN} more")
        if missing:
            summary.notes.append(
                f"{len(missing):,} stored task(s) are not in the workbook: left as they are"
            )
        summary.notes.append("project properties, resources and calendars are not updated")
        return summary

    def _stored(self, project_ids: list[int]) -> dict[str, Any]:
        fields = (getattr(Task, name) for name in _FIELDS)
        columns = [Task.id, Task.uuid, Task.project_id, Task.parent_id, Task.position,
                   Task.outline_level, Task.is_summary, *fields]  # fmt: skip
        statement = select(*columns).where(Task.project_id.in_(project_ids))
        return {row.uuid: row for row in self.session.execute(statement)}

    def _match(
        self, code: str, project_id: int, tasks: list[SheetTask], stored: dict[str, Any]
    ) -> None:
        new = -len(self.new_tasks) - 1
        for task in tasks:
            if not task.uid:
                self.ids[code, task.id] = new
                new -= 1
                self.new_tasks.append((task, {}))
                continue
            row = stored.get(task.uid)
            if row is None or row.project_id != project_id:
                where = "a task of another project" if row is not None else "no stored task"
                self.problems.append(
                    f"Tasks row {task.row} (UID): it names {where} (deleted since the "
                    "export? empty the UID to add the row as a new task)"
                )
                continue
            self.ids[code, task.id] = row.id

    def _diff(self, code: str, tasks: list[SheetTask], rows: dict[int, Any]) -> None:
        # Children in the sheet's order; the stored ones the sheet lacks keep theirs, after.
        children: dict[int | None, list[int]] = defaultdict(list)
        outline: dict[int, str] = {}
        counters: dict[int | None, int] = defaultdict(int)
        for task in tasks:
            task_id = self.ids[code, task.id]
            parent = self.ids[code, task.parent] if task.parent is not None else None
            children[parent].append(task_id)
            counters[parent] += 1
            above = outline.get(parent, "") + "." if parent is not None else ""
            outline[task_id] = f"{above}{counters[parent]}"
            wanted = _fields(task)
            if task_id < 0:
                self.new_tasks[-task_id - 1] = (task, wanted)
                continue
            row = rows[task_id]
            if not row.wbs and task.wbs == outline[task_id]:
                wanted["wbs"] = ""  # the export wrote the outline number: nothing was typed
            changed = {
                name: value
                for name, value in wanted.items()
                if not _same(name, getattr(row, name), value)
            }
            if row.parent_id != parent:
                changed["parent_id"] = parent
            if changed:
                self.changes[task_id] = changed
        in_sheet = set(self.ids.values())
        for row in sorted(rows.values(), key=lambda row: (row.position, row.id)):
            if row.id not in in_sheet:
                kept = row.parent_id if row.parent_id in rows else None
                children[kept].append(row.id)
        before: dict[int | None, list[int]] = defaultdict(list)
        for row in sorted(rows.values(), key=lambda row: (row.position, row.id)):
            before[row.parent_id if row.parent_id in rows else None].append(row.id)
        for parent, kids in children.items():
            renumber = kids != before.get(parent)  # the siblings' order changed
            for position, task_id in enumerate(kids):
                if task_id < 0:
                    self.new_tasks[-task_id - 1][1].update(position=position, parent_id=parent)
                    continue
                wanted: dict[str, Any] = {"position": position} if renumber else {}
                level = outline[task_id].count(".") + 1 if task_id in outline else None
                if level is not None and level != rows[task_id].outline_level:
                    wanted["outline_level"] = level
                if wanted:
                    self.structure[task_id] = wanted
        parents = {parent for parent, kids in children.items() if kids}
        for row in rows.values():
            if row.is_summary != (row.id in parents):
                self.structure.setdefault(row.id, {})["is_summary"] = row.id in parents
        for task, wanted in self.new_tasks:
            if task.project == code:
                wanted["is_summary"] = self.ids[code, task.id] in parents

    def _plan_links(self) -> None:
        """Per successor of the sheet: its links from tasks of the sheet, if they changed."""
        codes = {project.code.casefold(): project.code for project in self.book.projects}
        wanted: dict[int, list[Link]] = defaultdict(list)
        for code, task, entry in self.book.links():
            other = codes[entry.project.casefold()] if entry.project else code
            predecessor = self.ids[other, entry.task_id]
            wanted[self.ids[code, task.id]].append(
                (predecessor, entry.type, entry.lag, entry.lag_unit)
            )
        existing = [value for value in self.ids.values() if value > 0]
        in_sheet = set(existing)
        stored: dict[int, list[Link]] = defaultdict(list)
        for batch in _batches(existing):
            statement = select(
                Dependency.predecessor_id, Dependency.successor_id, Dependency.type,
                Dependency.lag, Dependency.lag_unit,
            ).where(Dependency.successor_id.in_(batch))  # fmt: skip
            for row in self.session.execute(statement):
                if row.predecessor_id in in_sheet:
                    link = (row.predecessor_id, row.type.value, row.lag, row.lag_unit.value)
                    stored[row.successor_id].append(link)
        for successor in set(wanted) | set(stored):
            if successor < 0 or sorted(wanted[successor]) != sorted(stored[successor]):
                self.links[successor] = wanted[successor]

    def _plan_assignments(self) -> None:
        """The Assignments rows of the added tasks (resources named as in the portfolio)."""
        names = {
            name.casefold(): resource_id
            for name, resource_id in self.session.execute(
                select(Resource.name, Resource.id).where(
                    Resource.portfolio_id == self.summary.portfolio_id
                )
            )
        }
        added = {(task.project, task.id): wanted for task, wanted in self.new_tasks}
        given: list[tuple[int, str, float, int, int]] = []
        for item in self.book.assignments:
            key = (item.project, item.task_id)
            if key not in added:
                units = round(item.units, 4)
                given.append((self.ids[key], item.resource.casefold(), units, item.work,
                              item.actual_work))  # fmt: skip
                continue
            resource = names.get(item.resource.casefold())
            if resource is None:
                self.problems.append(
                    f"Assignments row {item.row} (Resource): {item.resource[:60]!r} is not a "
                    "resource of the portfolio"
                )
                continue
            self.assignments.append((key, resource, item))
            added[key]["work_minutes"] = added[key].get("work_minutes", 0) + max(item.work, 0)
        if given and sorted(given) != self._stored_assignments():
            self.summary.notes.append(
                "the assignments of stored tasks are not updated: edit them in the application"
            )

    def _stored_assignments(self) -> list[tuple[int, str, float, int, int]]:
        existing = [value for value in self.ids.values() if value > 0]
        found = []
        for batch in _batches(existing):
            statement = (
                select(Assignment.task_id, Resource.name, Assignment.units,
                       Assignment.work_minutes, Assignment.actual_work_minutes)
                .join(Resource, Resource.id == Assignment.resource_id)
                .where(Assignment.task_id.in_(batch))
            )  # fmt: skip
            for row in self.session.execute(statement):
                found.append((row.task_id, row.name.casefold(), round(row.units, 4),
                              row.work_minutes, row.actual_work_minutes))  # fmt: skip
        return sorted(found)

    # -- writing --------------------------------------------------------------------------

    def writes(self) -> bool:
        """Whether the sheet differs from the database at all."""
        return bool(self.changes or self.structure or self.new_tasks or self.links)

    def apply(self) -> None:
        session = self.session
        self._add_tasks()  # first: a stored task may move under an added one
        touched = sorted(set(self.changes) | set(self.structure))
        for batch in _batches(touched):
            for task in session.scalars(select(Task).where(Task.id.in_(batch))):
                for name, value in {**self.structure.get(task.id, {}),
                                    **self.changes.get(task.id, {})}.items():  # fmt: skip
                    if name == "parent_id" and value is not None:
                        value = self._id(value)
                    setattr(task, name, value)
        session.flush()
        rebuilt = [successor for successor in self.links if successor > 0]
        in_sheet = {value for value in self.ids.values() if value > 0}
        for batch in _batches(rebuilt):
            for link in session.scalars(
                select(Dependency).where(Dependency.successor_id.in_(batch))
            ):
                if link.predecessor_id in in_sheet:
                    session.delete(link)
        session.flush()
        for successor, links in self.links.items():
            for predecessor, kind, lag, unit in links:
                session.add(
                    Dependency(
                        predecessor_id=self._id(predecessor),
                        successor_id=self._id(successor),
                        type=LinkType(kind),
                        lag=lag,
                        lag_unit=LagUnit(unit),
                    )
                )
        for key, resource, item in self.assignments:
            task = self.tasks[self.ids[key]]
            session.add(
                Assignment(
                    task_id=task.id,
                    resource_id=resource,
                    units=item.units,
                    work_minutes=max(item.work, 0),
                    actual_work_minutes=item.actual_work,
                )
            )
        session.flush()

    def _add_tasks(self) -> None:
        """New tasks, parents first (one flush per outline depth)."""
        by_depth: dict[int, list[tuple[SheetTask, dict[str, Any]]]] = defaultdict(list)
        for task, wanted in self.new_tasks:
            by_depth[task.outline_level].append((task, wanted))
        for depth in sorted(by_depth):
            for task, wanted in by_depth[depth]:
                parent = wanted.pop("parent_id", None)
                row = Task(
                    project_id=self.projects[task.project],
                    parent_id=self._id(parent) if parent is not None else None,
                    outline_level=depth,
                    start=task.start,
                    finish=task.finish,
                    **wanted,
                )
                self.session.add(row)
                self.tasks[self.ids[task.project, task.id]] = row
            self.session.flush()

    def _id(self, task_id: int) -> int:
        return task_id if task_id > 0 else self.tasks[task_id].id


def _fields(task: SheetTask) -> dict[str, Any]:
    return {
        "name": task.name,
        "duration_minutes": task.duration,
        "constraint_type": ConstraintType(task.constraint),
        "constraint_date": task.constraint_date,
        "deadline": task.deadline,
        "priority": task.priority,
        "percent_complete": task.percent_complete,
        "actual_start": task.actual_start,
        "actual_finish": task.actual_finish,
        "is_milestone": task.milestone,
        "wbs": task.wbs,
    }
