"""The undoable command behind every task edit: row steps plus the project's reschedule.

A `TaskEdit` is a list of row steps (update, insert, delete, outline change) applied in one
write transaction, followed by the project-scoped reschedule, so stored dates are never
stale and a failure (a loop of links, someone else's change) writes nothing. Undo reverts
the steps in reverse order and reschedules again. `moved` tells the views which tasks got
new dates. The outline (parents, positions, WBS codes, levels, summary flags) is derived
from a list of rows with their levels, as in Microsoft Project's task sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pmo_desktop.errors import ConflictError, NotFoundError, ValidationError
from pmo_desktop.models import Assignment, BaselineTask, Dependency, Entity, Task
from pmo_desktop.models.base import utcnow
from pmo_desktop.services import crud
from pmo_desktop.services.commands import Command, RowSnapshot, own_version, record_version
from pmo_desktop.services.project_schedule import Span, reschedule_in
from pmo_desktop.storage import audit
from pmo_desktop.storage.database import Database


class Step(Protocol):
    """One row change inside a TaskEdit's transaction."""

    def apply(self, session: Session, database: Database) -> None: ...

    def revert(self, session: Session, database: Database) -> None: ...


def load_task(session: Session, task_id: int) -> Task:
    """The task, or NotFoundError."""
    task = session.get(Task, task_id)
    if task is None:
        raise NotFoundError(f"Task {task_id} does not exist.")
    return task


def _check_version(entity: Entity | None, model: type[Entity], entity_id: int, expected: int,
                   mine: dict[str, Any]) -> Entity:  # fmt: skip
    if entity is None:
        raise ConflictError(model.__name__, entity_id, mine=mine, theirs=None,
                            expected_version=expected, their_version=None)  # fmt: skip
    if entity.version != expected:
        raise ConflictError(
            model.__name__, entity_id, mine=mine, theirs=crud.column_values(entity),
            expected_version=expected, their_version=entity.version,
            their_updated_at=entity.updated_at,
        )  # fmt: skip
    return entity


@dataclass
class RowUpdate:
    """Change some columns of one row the user saw at `version`."""

    model: type[Entity]
    entity_id: int
    version: int
    before: dict[str, Any]
    after: dict[str, Any]
    applied: bool = False

    def apply(self, session: Session, database: Database) -> None:
        self._write(session, database, self.after)
        self.applied = True

    def revert(self, session: Session, database: Database) -> None:
        self._write(session, database, self.before)

    def _write(self, session: Session, database: Database, values: dict[str, Any]) -> None:
        expected = self.version
        if self.applied:
            expected = own_version(database, self.model, self.entity_id, self.version)
        entity = _check_version(
            session.get(self.model, self.entity_id), self.model, self.entity_id, expected, values
        )
        for name, value in values.items():
            setattr(entity, name, value)
        session.flush()
        self.version = record_version(database, self.model, self.entity_id, entity.version)


#: Ids per locking read of `write_row_updates`.
_READ_CHUNK = 1000


def write_row_updates(
    session: Session, database: Database, steps: Sequence[RowUpdate], *, forward: bool
) -> None:
    """Apply (`forward`) or revert many row updates at once, as their `apply`/`revert` one
    by one would: the same version checks and ConflictError, versions moved on and
    remembered, audit rows; but one set-based UPDATE per table and set of columns
    (crud.write_rows) instead of one ORM flush per row. A row named twice goes one step
    after the other."""
    if len({(step.model, step.entity_id) for step in steps}) != len(steps):
        for step in steps:
            (step.apply if forward else step.revert)(session, database)
        return
    groups: dict[tuple[type[Entity], tuple[str, ...]], list[tuple[RowUpdate, int]]] = {}
    for step in steps:
        expected = step.version
        if step.applied:
            expected = own_version(database, step.model, step.entity_id, step.version)
        names = tuple(step.after if forward else step.before)
        groups.setdefault((step.model, names), []).append((step, expected))
    stamp = utcnow()
    for (model, _names), group in groups.items():
        table = model.__table__
        ids = [step.entity_id for step, _expected in group]
        stored: dict[int, Any] = {}
        for first in range(0, len(ids), _READ_CHUNK):
            chunk = ids[first : first + _READ_CHUNK]
            query = select(table).where(table.c.id.in_(chunk)).with_for_update()
            stored.update((row.id, row._mapping) for row in session.execute(query))
        writes: list[tuple[RowUpdate, int, dict[str, Any]]] = []
        for step, expected in group:
            values = step.after if forward else step.before
            row = stored.get(step.entity_id)
            if row is None or row["version"] != expected:
                current = session.get(model, step.entity_id, populate_existing=True)
                _check_version(current, model, step.entity_id, expected, values)
            if any(row[name] != value for name, value in values.items()):
                writes.append((step, expected, values))
            else:  # nothing to change: the ORM would not write the row either
                step.version = record_version(database, model, step.entity_id, expected)
        rows = [{"id": step.entity_id, "version": expected} | values
                for step, expected, values in writes]  # fmt: skip
        written = crud.write_rows(session, model, rows, also={"updated_at": stamp})
        crud.check_rowcount(session, model, written, {row["id"]: row["version"] for row in rows})
        audit.record_updates(
            session, table.name, [(stored[step.entity_id], values) for step, _e, values in writes]
        )
        for step, expected, _values in writes:
            step.version = record_version(database, model, step.entity_id, expected + 1)
    if forward:
        for step in steps:
            step.applied = True


@dataclass
class RowInsert:
    """Insert a row; undo deletes it, redo puts it back with the same id, uuid and version."""

    model: type[Entity]
    values: dict[str, Any]
    entity_id: int | None = None
    snapshot: dict[str, Any] | None = None

    def apply(self, session: Session, database: Database) -> None:
        if self.snapshot is None:
            values = {name: value.entity_id if isinstance(value, RowInsert) else value
                      for name, value in self.values.items()}  # fmt: skip
            entity = self.model(**values)
            session.add(entity)
            session.flush()
            self.entity_id, version = entity.id, entity.version
        else:
            session.execute(insert(self.model.__table__), [self.snapshot])
            version = self.snapshot["version"]
        assert self.entity_id is not None
        record_version(database, self.model, self.entity_id, version)

    def revert(self, session: Session, database: Database) -> None:
        assert self.entity_id is not None, "revert before apply"
        entity = session.get(self.model, self.entity_id)
        expected = own_version(database, self.model, self.entity_id, -1)
        entity = _check_version(entity, self.model, self.entity_id, expected, {})
        self.snapshot = crud.column_values(entity)
        session.expunge(entity)
        session.execute(delete(self.model.__table__).where(self.model.id == self.entity_id))


#: A row of the database: (entity class name, id), as `services.conflicts` names rows.
RowKey = tuple[str, int]
#: The rows a task's deletion takes along and that users edit (baseline rows are snapshots).
_TAKEN_ALONG: dict[str, type[Entity]] = {"Task": Task, "Dependency": Dependency,
                                         "Assignment": Assignment}  # fmt: skip


@dataclass
class RowsDelete:
    """Delete rows; tasks take their subtasks, links, assignments and baseline rows along.

    Every row that goes is checked against the version the user saw: the chosen rows
    (`versions`) and, when recorded (`seen`, see `rows_delete`), the subtasks, links and
    assignments taken along. A row another user changed meanwhile, or added under a task
    being deleted, is a conflict (nothing is deleted; `services.conflicts` lists them row by
    row). Undo re-inserts exactly what went (ids, uuids, versions), parents first.
    """

    model: type[Entity]
    versions: dict[int, int]
    snapshots: list[RowSnapshot] = field(default_factory=list)
    applied: bool = False
    #: The rows taken along, at the versions the user saw (None: not recorded, not checked).
    seen: dict[RowKey, int] | None = None
    #: The values the user saw of the rows that go (to tell what others changed since).
    read: dict[RowKey, dict[str, Any]] = field(default_factory=dict)

    def apply(self, session: Session, database: Database) -> None:
        model = self.model
        for entity_id, version in self.versions.items():
            expected = self._expected(database, model, entity_id, version)
            _check_version(session.get(model, entity_id), model, entity_id, expected, {})
        ids, along = self.taken_along(session)
        if self.seen is not None:
            for row in along:
                self._check_seen(database, row)
        snapshots = [
            RowSnapshot(model, crud.column_values(row)) for row in _rows(session, model, ids)
        ]
        if model is Task:
            order = {task_id: index for index, task_id in enumerate(ids)}
            snapshots.sort(key=lambda snapshot: order[snapshot.values["id"]])
            snapshots += [
                RowSnapshot(type(row), crud.column_values(row))
                for row in along
                if not isinstance(row, Task)
            ]
            rows = session.scalars(
                select(BaselineTask).where(BaselineTask.task_id.in_(ids)).order_by(BaselineTask.id)
            )
            snapshots += [RowSnapshot(BaselineTask, crud.column_values(row)) for row in rows]
        session.expunge_all()
        session.execute(delete(model.__table__).where(model.id.in_(ids)))
        self.snapshots = snapshots
        if self.seen is not None:  # redo checks every row that went against this client's
            chosen = {(model.__name__, entity_id) for entity_id in self.versions}
            self.seen = {
                (item.model.__name__, item.values["id"]): item.values["version"]
                for item in snapshots
                if item.model.__name__ in _TAKEN_ALONG
                and (item.model.__name__, item.values["id"]) not in chosen
            }
        self.applied = True

    def revert(self, session: Session, database: Database) -> None:
        for snapshot in self.snapshots:
            session.execute(insert(snapshot.model.__table__), [snapshot.values])
            values = snapshot.values
            record_version(database, snapshot.model, values["id"], values["version"])

    def taken_along(self, session: Session) -> tuple[list[int], list[Entity]]:
        """The ids of the rows that go (tasks: with every task under them, parents first)
        and, for tasks, the other rows users edit that go with them: subtasks, then links,
        then assignments."""
        ids = list(self.versions)
        if self.model is not Task:
            return ids, []
        ids = _with_descendants(session, ids)
        chosen = set(self.versions)
        order = {task_id: index for index, task_id in enumerate(ids)}
        subtasks = sorted(
            (task for task in _rows(session, Task, ids) if task.id not in chosen),
            key=lambda task: order[task.id],
        )
        links = list(session.scalars(select(Dependency).where(or_(
            Dependency.predecessor_id.in_(ids), Dependency.successor_id.in_(ids)
        )).order_by(Dependency.id)))  # fmt: skip
        assignments = list(
            session.scalars(
                select(Assignment).where(Assignment.task_id.in_(ids)).order_by(Assignment.id)
            )
        )
        return ids, [*subtasks, *links, *assignments]

    def unseen(self, session: Session) -> list[Entity]:
        """Rows the deletion would take along that the user never saw (added meanwhile)."""
        if self.seen is None:
            return []
        _ids, along = self.taken_along(session)
        return [row for row in along if (type(row).__name__, row.id) not in self.seen]

    def _expected(self, database: Database, model: type[Entity], entity_id: int,
                  version: int) -> int:  # fmt: skip
        if self.applied:
            return own_version(database, model, entity_id, version)
        return version

    def _check_seen(self, database: Database, row: Entity) -> None:
        assert self.seen is not None
        model = type(row)
        version = self.seen.get((model.__name__, row.id))
        if version is None:  # added by someone else meanwhile: never deleted unseen
            raise ConflictError(
                model.__name__, row.id, mine={}, theirs=crud.column_values(row),
                expected_version=0, their_version=row.version, their_updated_at=row.updated_at,
            )  # fmt: skip
        _check_version(row, model, row.id, self._expected(database, model, row.id, version), {})


def rows_delete(session: Session, model: type[Entity], rows: Sequence[Entity]) -> RowsDelete:
    """The `RowsDelete` of `rows` as the user sees them now: it will check the version of
    each, and of every subtask, link and assignment their deletion takes along."""
    step = RowsDelete(model, {row.id: row.version for row in rows}, seen={})
    _ids, along = step.taken_along(session)
    step.seen = {(type(row).__name__, row.id): row.version for row in along}
    step.read = {(type(row).__name__, row.id): crud.column_values(row) for row in [*rows, *along]}
    return step


def _rows(session: Session, model: type[Entity], ids: Sequence[int]) -> list[Entity]:
    return list(session.scalars(select(model).where(model.id.in_(ids)).order_by(model.id)))


def _with_descendants(session: Session, ids: list[int]) -> list[int]:
    """The tasks and every task under them, parents before children."""
    found = list(dict.fromkeys(ids))
    seen = set(found)
    frontier = found
    while frontier:
        children = session.scalars(
            select(Task.id).where(Task.parent_id.in_(frontier)).order_by(Task.position, Task.id)
        ).all()
        frontier = [child for child in children if child not in seen]
        seen.update(frontier)
        found += frontier
    return found


#: A row of the outline: a task id, or the insert step that creates the task.
RowRef = int | RowInsert


@dataclass
class OutlineChange:
    """The project's rows with their levels, before and after the edit."""

    project_id: int
    before: list[tuple[int, int]]
    after: list[tuple[RowRef, int]]
    #: The outline columns the last apply overwrote, put back by revert.
    previous: dict[int, dict[str, Any]] = field(default_factory=dict)

    def apply(self, session: Session, database: Database) -> None:
        known = {task_id for task_id, _level in self.before}
        # Rows and levels as the user saw them: another user's indent is not undone silently.
        if [row for row in current_outline(session, self.project_id) if row[0] in known] != [
            tuple(row) for row in self.before
        ]:
            raise ValidationError(
                "The task list was changed by someone else meanwhile: reload it and try again."
            )
        targets = derive_outline(_resolve(self.after))
        self.previous = write_outline(session, database, self.project_id, targets)

    def revert(self, session: Session, database: Database) -> None:
        write_outline(session, database, self.project_id, self.previous)


def _resolve(rows: list[tuple[RowRef, int]]) -> list[tuple[int, int]]:
    resolved = []
    for ref, level in rows:
        task_id = ref.entity_id if isinstance(ref, RowInsert) else ref
        assert task_id is not None
        resolved.append((task_id, level))
    return resolved


def current_outline(session: Session, project_id: int) -> list[tuple[int, int]]:
    """The project's tasks in row order (depth first by position), with their levels."""
    children: dict[int | None, list[int]] = {}
    for task_id, parent_id in session.execute(
        select(Task.id, Task.parent_id)
        .where(Task.project_id == project_id)
        .order_by(Task.position, Task.id)
    ):
        children.setdefault(parent_id, []).append(task_id)
    rows: list[tuple[int, int]] = []
    stack = [(task_id, 1) for task_id in reversed(children.get(None, []))]
    while stack:
        task_id, level = stack.pop()
        rows.append((task_id, level))
        stack += [(child, level + 1) for child in reversed(children.get(task_id, []))]
    return rows


def derive_outline(rows: list[tuple[int, int]]) -> dict[int, dict[str, Any]]:
    """Parent, position, WBS code, level and summary flag of each row, from the levels."""
    derived: dict[int, dict[str, Any]] = {}
    stack: list[tuple[int, int]] = []
    counts: dict[int | None, int] = {}
    for task_id, level in rows:
        while stack and stack[-1][1] >= level:
            stack.pop()
        depth = stack[-1][1] if stack else 0
        if level != depth + 1:
            raise ValidationError("A task can only be one level below the task above it.")
        parent = stack[-1][0] if stack else None
        position = counts[parent] = counts.get(parent, 0) + 1
        wbs = f"{derived[parent]['wbs']}.{position}" if parent is not None else str(position)
        derived[task_id] = {"parent_id": parent, "position": position, "wbs": wbs,
                            "outline_level": level, "is_summary": False}  # fmt: skip
        if parent is not None:
            derived[parent]["is_summary"] = True
        stack.append((task_id, level))
    return derived


OUTLINE_COLUMNS = frozenset(("parent_id", "position", "wbs", "outline_level", "is_summary"))


def write_outline(
    session: Session, database: Database, project_id: int, targets: dict[int, dict[str, Any]]
) -> dict[int, dict[str, Any]]:
    """Store the outline columns of the tasks whose values differ; returns their old values.

    A task that becomes a summary takes the duration its subtasks span at the reschedule:
    its own duration is among the old values, so that undo gives it back (a target holding
    `duration_minutes`, as such old values do, writes it too)."""
    table = Task.__table__
    names = OUTLINE_COLUMNS
    stored = session.execute(
        select(table.c.id, table.c.version, table.c.duration_minutes,
               *(table.c[name] for name in names))
        .where(table.c.project_id == project_id)
    ).all()  # fmt: skip
    changes: dict[bool, list[dict[str, Any]]] = {False: [], True: []}
    previous: dict[int, dict[str, Any]] = {}
    for row in stored:
        target = targets.get(row.id)
        if target is None:
            continue
        columns = names.union(target)
        if all(getattr(row, name) == target[name] for name in columns):
            continue
        previous[row.id] = {name: getattr(row, name) for name in names}
        if target["is_summary"] and not row.is_summary:
            previous[row.id]["duration_minutes"] = row.duration_minutes
        with_duration = "duration_minutes" in target
        changes[with_duration].append({"id": row.id, "version": row.version}
                                      | {name: target[name] for name in columns})  # fmt: skip
        record_version(database, Task, row.id, row.version + 1)
    for rows in changes.values():
        crud.update_rows(session, Task, rows)
    return previous


@dataclass
class TaskEdit:
    """Row steps and the reschedule of `project_id`, as one transaction and one undo step."""

    project_id: int
    steps: list[Step]
    text: str = ""
    #: Edits with the same non-empty key of the same fields of one row merge (a drag).
    merge_key: str = ""
    #: Tasks whose dates the last apply or revert changed, with their new span.
    moved: dict[int, Span] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def apply(self, database: Database) -> None:
        self._run(database, self.steps, forward=True)

    def revert(self, database: Database) -> None:
        self._run(database, list(reversed(self.steps)), forward=False)

    def _run(self, database: Database, steps: list[Step], *, forward: bool) -> None:
        registry: dict[Any, int] = vars(database).setdefault("_own_row_versions", {})
        saved_registry = dict(registry)
        saved_steps = [dict(vars(step)) for step in steps]
        try:
            with database.write_session() as session:
                for step in steps:
                    (step.apply if forward else step.revert)(session, database)
                session.flush()
                outcome = reschedule_in(session, database, self.project_id)
        except BaseException as exc:
            registry.clear()
            registry.update(saved_registry)
            for step, state in zip(steps, saved_steps, strict=True):
                vars(step).update(state)
            if isinstance(exc, StaleDataError):
                raise ConflictError("Task", 0, mine={}, theirs={}, expected_version=0,
                                    their_version=None) from None  # fmt: skip
            raise
        self.moved = outcome.moved
        self.warnings = outcome.warnings

    def merge(self, other: Command) -> bool:
        if not (
            isinstance(other, TaskEdit)
            and self.merge_key
            and other.merge_key == self.merge_key
            and other.project_id == self.project_id
        ):
            return False
        if not other.steps or not self.steps:
            # A mouse move that changed nothing, or a drag that began with one.
            self.steps = self.steps or other.steps
            self.moved = self.moved | other.moved
            return True
        if len(self.steps) != 1 or len(other.steps) != 1:
            return False
        mine, theirs = self.steps[0], other.steps[0]
        if not (
            isinstance(mine, RowUpdate)
            and isinstance(theirs, RowUpdate)
            and mine.model is theirs.model
            and mine.entity_id == theirs.entity_id
            and set(mine.after) == set(theirs.after)
        ):
            return False
        mine.after = dict(theirs.after)
        mine.version = theirs.version
        self.moved = self.moved | other.moved
        self.warnings = other.warnings
        return True

    def touched(self) -> set[type[Entity]]:
        return {Task, Dependency, Assignment}

    def combined(self, other: TaskEdit, text: str = "") -> TaskEdit:
        """This edit and `other` (of the same project) as one transaction."""
        return TaskEdit(self.project_id, [*self.steps, *other.steps], text or self.text)
