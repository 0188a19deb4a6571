"""Baseline commands: set (snapshot the plan), rename and clear baselines 0–10, all undoable.

Setting baseline N copies every task's current start, finish, duration, work and cost into
it, in one transaction. Whatever baseline N held before is kept (the row and its task
rows, ids and versions included) so that undo puts it back exactly; redo puts back exactly
the snapshot first taken, not a new one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, inspect, select
from sqlalchemy.orm import Session

from pmo_desktop.errors import ConflictError, ValidationError
from pmo_desktop.models import MAX_BASELINES, Baseline, BaselineTask, Entity, Project, Task
from pmo_desktop.services.commands import DeleteRow, UpdateFields, own_version, record_version
from pmo_desktop.services.projects import BaselineRow
from pmo_desktop.storage.database import Database

#: What a baseline copies from each task: task column → baseline task column.
COPIED_COLUMNS = {
    "start": "start",
    "finish": "finish",
    "duration_minutes": "duration_minutes",
    "work_minutes": "work_minutes",
    "cost": "cost",
}


def baseline_label(number: int) -> str:
    """Microsoft Project's names: "Baseline", then "Baseline 1" … "Baseline 10"."""
    return "Baseline" if number == 0 else f"Baseline {number}"


@dataclass
class _Stored:
    """A baseline row and its task rows, as plain column values."""

    values: dict[str, Any]
    tasks: list[dict[str, Any]]


@dataclass
class SetBaseline:
    """Snapshot the project's tasks into baseline `number`, replacing what it held."""

    project_id: int
    number: int
    name: str
    text: str = ""
    #: Only these tasks take their current values; the others keep what the baseline held
    #: (Microsoft Project's "Set baseline for selected tasks"). None: every task.
    task_ids: frozenset[int] | None = None
    _previous: _Stored | None = None
    _created: _Stored | None = None

    def apply(self, database: Database) -> None:
        with database.write_session() as session:
            current = _baseline(session, self.project_id, self.number)
            if self._created is None:
                if session.get(Project, self.project_id) is None:
                    raise _gone(Project, self.project_id)
                previous = _read(session, current) if current is not None else None
                _remove(session, current)
                created = _take(
                    session, self.project_id, self.number, self.name, self.task_ids, previous
                )
            else:
                previous, created = self._previous, self._created
                _check_unchanged(database, current, previous, self.project_id, self.number)
                _remove(session, current)
                _insert(session, created)
        self._previous, self._created = previous, created
        _record(database, created)

    def revert(self, database: Database) -> None:
        assert self._created is not None, "revert before apply"
        with database.write_session() as session:
            current = _baseline(session, self.project_id, self.number)
            _check_unchanged(database, current, self._created, self.project_id, self.number)
            _remove(session, current)
            if self._previous is not None:
                _insert(session, self._previous)
        _record(database, self._previous)

    def merge(self, other: object) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {Baseline, BaselineTask}

    @property
    def baseline_id(self) -> int | None:
        """The id of the baseline this command wrote (after the first apply)."""
        return self._created.values["id"] if self._created is not None else None


def set_baseline(
    database: Database,
    project_id: int,
    number: int,
    name: str = "",
    text: str = "",
    task_ids: Iterable[int] | None = None,
) -> SetBaseline:
    """A command that sets baseline `number` (0–10) of the project from its current plan;
    with `task_ids`, only those tasks' values are taken (the others keep the old ones)."""
    if not 0 <= number < MAX_BASELINES:
        raise ValidationError(f"Baselines are numbered 0 to {MAX_BASELINES - 1}, not {number}.")
    chosen = frozenset(task_ids) if task_ids is not None else None
    if chosen is not None and not chosen:
        raise ValidationError("Choose the tasks whose baseline is to be set.")
    with database.session() as session:
        if session.get(Project, project_id) is None:
            raise ValidationError(f"Project {project_id} does not exist (any more).")
        current = _baseline(session, project_id, number)
        if chosen is not None:
            found = set(
                session.scalars(
                    select(Task.id).where(Task.project_id == project_id, Task.id.in_(chosen))
                )
            )
            if found != chosen:
                raise ValidationError(
                    f"Tasks {sorted(chosen - found)} are not tasks of project {project_id}."
                )
    # Keep the name the baseline already has when only some tasks are refreshed.
    if not name.strip() and chosen is not None and current is not None:
        name = current.name
    name = name.strip() or baseline_label(number)
    label = baseline_label(number).lower()
    default_text = f"Set {label}" if chosen is None else f"Set {label} for selected tasks"
    return SetBaseline(project_id, number, name, text or default_text, chosen)


def rename_baseline(baseline: BaselineRow, name: str, text: str = "") -> UpdateFields:
    name = name.strip()
    if not name:
        raise ValidationError("A baseline needs a name.")
    return UpdateFields(
        Baseline,
        baseline.id,
        baseline.version,
        {"name": baseline.name},
        {"name": name},
        text or "Rename baseline",
    )


def approve_baseline(baseline: BaselineRow, approved: bool, text: str = "") -> UpdateFields:
    """Mark the baseline approved (by the steering committee, say) or not."""
    return UpdateFields(
        Baseline,
        baseline.id,
        baseline.version,
        {"approved": baseline.approved},
        {"approved": bool(approved)},
        text or ("Approve baseline" if approved else "Withdraw baseline approval"),
    )


def clear_baseline(baseline: BaselineRow, text: str = "") -> DeleteRow:
    """Delete the baseline and its task rows; undo restores them all."""
    return DeleteRow(
        Baseline,
        baseline.id,
        baseline.version,
        text or f"Clear {baseline_label(baseline.number).lower()}",
        children=[(BaselineTask, "baseline_id")],
    )


def _baseline(session: Session, project_id: int, number: int) -> Baseline | None:
    return session.scalars(
        select(Baseline).where(Baseline.project_id == project_id, Baseline.number == number)
    ).first()


def _columns(model: type[Entity]) -> list[str]:
    return [attr.key for attr in inspect(model).column_attrs]


def _read(session: Session, baseline: Baseline) -> _Stored:
    names = _columns(BaselineTask)
    table = BaselineTask.__table__
    rows = session.execute(
        select(*(table.c[name] for name in names))
        .where(table.c.baseline_id == baseline.id)
        .order_by(table.c.id)
    )
    values = {name: getattr(baseline, name) for name in _columns(Baseline)}
    return _Stored(values, [dict(row._mapping) for row in rows])


def _remove(session: Session, baseline: Baseline | None) -> None:
    if baseline is None:
        return
    session.execute(delete(BaselineTask.__table__).where(BaselineTask.baseline_id == baseline.id))
    session.delete(baseline)
    session.flush()


def _insert(session: Session, stored: _Stored) -> None:
    session.execute(insert(Baseline.__table__), [stored.values])
    if stored.tasks:
        session.execute(insert(BaselineTask.__table__), stored.tasks)
    session.flush()


def _take(
    session: Session,
    project_id: int,
    number: int,
    name: str,
    task_ids: frozenset[int] | None = None,
    previous: _Stored | None = None,
) -> _Stored:
    """Insert a new baseline copied from the project's tasks (only `task_ids`, the others
    from `previous`, when given); return what was written."""
    baseline = Baseline(
        project_id=project_id,
        number=number,
        name=name,
        taken_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
        approved=False,
    )
    session.add(baseline)
    session.flush()
    task = Task.__table__
    rows = session.execute(
        select(task.c.id, *(task.c[column] for column in COPIED_COLUMNS))
        .where(task.c.project_id == project_id)
        .order_by(task.c.id)
    )
    kept = {row["task_id"]: row for row in (previous.tasks if previous is not None else [])}
    values = []
    for row in rows:
        if task_ids is None or row.id in task_ids:
            copied = {target: getattr(row, source) for source, target in COPIED_COLUMNS.items()}
        elif row.id in kept:
            copied = {target: kept[row.id][target] for target in COPIED_COLUMNS.values()}
        else:
            continue  # never baselined, and not chosen now
        values.append({"baseline_id": baseline.id, "task_id": row.id} | copied)
    if values:
        session.execute(insert(BaselineTask.__table__), values)
    return _read(session, baseline)


def _record(database: Database, stored: _Stored | None) -> None:
    if stored is not None:
        record_version(database, Baseline, stored.values["id"], stored.values["version"])


def _check_unchanged(
    database: Database,
    current: Baseline | None,
    expected: _Stored | None,
    project_id: int,
    number: int,
) -> None:
    """Refuse to replace baseline `number` if someone changed it since this command wrote it."""
    if expected is None:
        if current is None:
            return
        raise ConflictError(
            "Baseline",
            current.id,
            mine={},
            theirs={"number": number, "name": current.name},
            expected_version=0,
            their_version=current.version,
            their_updated_at=current.updated_at,
        )
    if current is None:
        raise ConflictError(
            "Baseline",
            expected.values["id"],
            mine={},
            theirs=None,
            expected_version=expected.values["version"],
            their_version=None,
        )
    version = own_version(database, Baseline, current.id, expected.values["version"])
    if current.id != expected.values["id"] or current.version != version:
        raise ConflictError(
            "Baseline",
            current.id,
            mine={},
            theirs={"number": number, "name": current.name, "project_id": project_id},
            expected_version=expected.values["version"],
            their_version=current.version,
            their_updated_at=current.updated_at,
        )


def _gone(model: type[Entity], entity_id: int) -> ConflictError:
    return ConflictError(
        model.__name__, entity_id, mine={}, theirs=None, expected_version=0, their_version=None
    )
