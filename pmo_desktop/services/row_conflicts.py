"""Resolving a save conflict row by row: "mine or theirs" for each row (issue 8 §2).

A command that writes several rows (`CompositeCommand`, a Gantt `TaskEdit`, a levelling
`ApplyLevelling`) is resolved row by row: `row_conflicts` lists every row another user saved
since the command read it, with the fields that differ and who changed it; the user keeps
"mine" or "theirs" per row, and `resolve_rows` rebuilds the command ONE undoable command on
top of their versions (rows kept "theirs" are left out, the others apply as intended).
Derived columns (scheduled dates) are never a choice: the rebuilt command computes them again.

A deletion (`RowsDelete`: tasks with their subtasks, links and assignments) is resolved the
same way: each row another user changed since the user saw it, or added under a task being
deleted, is listed; "mine" deletes it anyway (at their version), "theirs" keeps it, and with
it the chosen task whose deletion would take it along. A re-costing (`SetAssignmentCosts`)
is listed per assignment; it is left out when the rate change it follows is kept "theirs".
Fields are compared and resolved as for one row (`conflicts`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import Assignment, AuditAction, AuditEntry, Entity, Task
from pmo_desktop.services import crud
from pmo_desktop.services.commands import CompositeCommand, UpdateFields, own_version
from pmo_desktop.services.conflicts import (
    DERIVED_FIELDS,
    MINE,
    THEIRS,
    ConflictField,
    LastChange,
    conflict_fields,
    model_named,
)
from pmo_desktop.storage.database import Database

#: A row of a multi-row command: (entity class name, id).
RowKey = tuple[str, int]


@dataclass(frozen=True)
class RowEdit:
    """One existing row a command writes: the version it expects, values read and wanted."""

    model: type[Entity]
    entity_id: int
    version: int
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    #: Whether the command was applied once (then the row is expected as this client left it).
    applied: bool = False
    #: The command deletes the row (`before`: the values the user saw; `after`: empty).
    deletes: bool = False

    @property
    def key(self) -> RowKey:
        return (self.model.__name__, self.entity_id)


@dataclass(frozen=True)
class RowConflict:
    """A row of a multi-row command that another user saved, or deleted, meanwhile."""

    entity: str
    entity_id: int
    #: What people call the row: "CODE — name", a name or a title ("#12" without one).
    title: str
    #: The fields of the user's edit whose stored value is now different (derived ones left out).
    fields: tuple[ConflictField, ...]
    #: The row as stored now; None when it was deleted.
    theirs: dict[str, Any] | None
    their_version: int | None
    who: LastChange | None = None
    #: The user's command deletes this row ("mine": delete it; "theirs": keep it). Its
    #: `fields` are those the other user changed (`mine`: the value the user saw).
    deleting: bool = False
    #: A row the user never saw, added meanwhile under a task being deleted.
    added: bool = False

    @property
    def key(self) -> RowKey:
        return (self.entity, self.entity_id)

    @property
    def deleted(self) -> bool:
        return self.theirs is None

    @property
    def needs_choice(self) -> bool:
        """Deleted, or a field both users changed: the user decides. Otherwise the other
        user changed other fields (or only derived ones): both changes are kept. A row the
        user deletes: when the other user added it or changed one of its fields (a row they
        deleted too, or whose scheduled dates only moved, just goes)."""
        if self.deleting:
            return not self.deleted and (self.added or bool(self.fields))
        return self.deleted or any(item.changed_by_them is not False for item in self.fields)


def row_edits(command: object) -> list[RowEdit] | None:
    """The existing rows a command writes with the values the user chose; None when the
    command cannot be resolved row by row (its conflicts get the plain message)."""
    from pmo_desktop.services.levelling_commands import ApplyLevelling
    from pmo_desktop.services.resource_pool_rates import SetAssignmentCosts
    from pmo_desktop.services.task_commands import RowsDelete, RowUpdate, TaskEdit

    if isinstance(command, UpdateFields):
        return [_edit(command, command._applied)]
    if isinstance(command, CompositeCommand):
        found: list[RowEdit] = []
        for child in command.commands:
            found += row_edits(child) or []
        return found
    if isinstance(command, TaskEdit | ApplyLevelling):
        edits: list[RowEdit] = []
        for step in command.steps:
            if isinstance(step, RowUpdate):
                edits.append(_edit(step, step.applied))
            elif isinstance(step, RowsDelete):
                edits += _delete_edits(step)
        return edits
    if isinstance(command, SetAssignmentCosts):
        return [
            RowEdit(Assignment, assignment_id, version, {"cost": before}, {"cost": after},
                    command._applied)
            for assignment_id, version, before, after in command.changes
        ]  # fmt: skip
    return None


def _delete_edits(step: Any) -> list[RowEdit]:
    """The rows a `RowsDelete` deletes at the versions the user saw them."""
    rows = [((step.model.__name__, entity_id), version)
            for entity_id, version in step.versions.items()]  # fmt: skip
    rows += list((step.seen or {}).items())
    return [
        RowEdit(model_named(name), entity_id, version, step.read.get((name, entity_id), {}), {},
                step.applied, deletes=True)
        for (name, entity_id), version in rows
    ]  # fmt: skip


def _delete_steps(command: object) -> list[Any]:
    """The `RowsDelete` steps of a command (of a task edit, or inside a group)."""
    from pmo_desktop.services.task_commands import RowsDelete, TaskEdit

    if isinstance(command, CompositeCommand):
        return [step for child in command.commands for step in _delete_steps(child)]
    if isinstance(command, TaskEdit):
        return [step for step in command.steps if isinstance(step, RowsDelete)]
    return []


def _changed_since_read(
    entity: str, read: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[ConflictField, ...]:
    """The fields of a row the user deletes that the other user changed since it was read."""
    derived = DERIVED_FIELDS.get(entity, frozenset()) | crud.PROTECTED_COLUMNS
    if entity == "Task":  # renumbered by others' inserts elsewhere: not a change to the task
        derived |= {"position", "wbs", "outline_level", "is_summary"}
    return tuple(
        ConflictField(name, value, theirs[name], changed_by_me=False, changed_by_them=True)
        for name, value in read.items()
        if name not in derived and name in theirs and theirs[name] != value
    )


def _edit(item: Any, applied: bool) -> RowEdit:
    return RowEdit(item.model, item.entity_id, item.version, item.before, item.after, applied)


def read_values(command: object) -> dict[RowKey, Mapping[str, Any]]:
    """What the user had read of each row (kept across rounds of resolution)."""
    return {edit.key: edit.before for edit in row_edits(command) or []}


def row_conflicts(
    database: Database, command: object, base: Mapping[RowKey, Mapping[str, Any]] | None = None
) -> list[RowConflict]:
    """Every row of the command whose stored version is not the one it expects, in order.

    `base` gives what the user had read of each row (default: the command's `before`), to
    tell the fields the user changed from those only the other user changed.
    """
    edits = row_edits(command) or []
    found: list[RowConflict] = []
    with database.session() as session:
        for edit in edits:
            expected = edit.version
            if edit.applied:
                expected = own_version(database, edit.model, edit.entity_id, edit.version)
            entity = session.get(edit.model, edit.entity_id)
            if entity is not None and entity.version == expected:
                continue
            name = edit.model.__name__
            who, label = _last_change(session, str(edit.model.__table__.name), edit.entity_id)
            if entity is None:
                title = label or f"#{edit.entity_id}"
                found.append(
                    RowConflict(name, edit.entity_id, title, (), None, None, who,
                                deleting=edit.deletes)
                )  # fmt: skip
                continue
            theirs = crud.column_values(entity)
            if edit.deletes:
                read = (base or {}).get(edit.key, edit.before)
                fields = _changed_since_read(name, read, theirs)
                title = _title(session, theirs) or f"#{edit.entity_id}"
                found.append(RowConflict(name, edit.entity_id, title, fields, theirs,
                                         entity.version, who, deleting=True))  # fmt: skip
                continue
            error = ConflictError(
                name, edit.entity_id, mine=edit.after, theirs=theirs,
                expected_version=expected, their_version=entity.version,
            )  # fmt: skip
            read = (base or {}).get(edit.key, edit.before)
            fields = conflict_fields(error, read)
            title = _title(session, theirs) or f"#{edit.entity_id}"
            found.append(
                RowConflict(name, edit.entity_id, title, fields, theirs, entity.version, who)
            )
        for step in _delete_steps(command):
            for row in step.unseen(session):
                name = type(row).__name__
                theirs = crud.column_values(row)
                who, _label = _last_change(session, str(row.__table__.name), row.id)
                title = _title(session, theirs) or f"#{row.id}"
                found.append(RowConflict(name, row.id, title, (), theirs, row.version, who,
                                         deleting=True, added=True))  # fmt: skip
    return found


def row_title(values: Mapping[str, Any]) -> str:
    """What people call a row: "CODE — name" when it has both, else its name or title."""
    texts = [
        value.strip()
        for name in ("code", "name", "title", "description")
        if isinstance(value := values.get(name), str) and value.strip()
    ]
    if not texts:
        return ""
    if isinstance(values.get("code"), str) and values["code"].strip() and len(texts) > 1:
        return f"{texts[0]} — {texts[1]}"
    return texts[0]


def _title(session: Any, values: Mapping[str, Any]) -> str:
    """A row's title; an assignment or a link is named by its tasks and resource."""
    from pmo_desktop.models import Resource

    if "resource_id" in values and "task_id" in values:
        task = session.get(Task, values["task_id"])
        resource = session.get(Resource, values["resource_id"])
        if task is not None and resource is not None:
            return f"{resource.name} — {task.name}"
    if "predecessor_id" in values and "successor_id" in values:
        first = session.get(Task, values["predecessor_id"])
        second = session.get(Task, values["successor_id"])
        if first is not None and second is not None:
            return f"{first.name} → {second.name}"
    return row_title(values)


def _last_change(session: Any, table: str, entity_id: int) -> tuple[LastChange | None, str]:
    """The row's latest audit entry, and the label the trail keeps (readable after a delete)."""
    statement = (
        select(AuditEntry.user_name, AuditEntry.at, AuditEntry.action, AuditEntry.before)
        .where(AuditEntry.entity == table, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    )
    row = session.execute(statement).first()
    if row is None:
        return None, ""
    label = (row.before or {}).get("_label", "") if row.action == AuditAction.DELETE else ""
    change = LastChange(row.user_name or "", row.at, row.action == AuditAction.DELETE)
    return change, str(label or "")


def resolve_rows(
    database: Database,
    command: object,
    found: Sequence[RowConflict],
    picked: Mapping[RowKey, str],
) -> Any:
    """The command rebuilt on top of the other users' versions, as ONE undoable command.

    `picked` maps conflicting rows to MINE or THEIRS (default MINE). A row kept "theirs",
    or deleted, is left out; a row kept "mine" writes the user's changed fields at their
    version (fields only they changed keep their value); rows without conflict apply as
    intended. Derived columns are computed again when the rebuilt command runs (a task
    edit reschedules; levelling schedules the plan with the chosen delays). None when
    nothing is left to write.
    """
    from pmo_desktop.services.levelling_commands import ApplyLevelling, relevel
    from pmo_desktop.services.resource_pool_rates import SetAssignmentCosts
    from pmo_desktop.services.task_commands import OutlineChange, RowsDelete, RowUpdate, TaskEdit

    rows = {row.key: row for row in found}
    unknown = sorted(str(key) for key in set(picked) - set(rows))
    if unknown:
        raise ValueError(f"No conflicting row {', '.join(unknown)}.")

    def rebase(edit: RowEdit) -> tuple[int, dict[str, Any], dict[str, Any]] | None:
        """(version, before, after) to write for a row; None to leave the row out."""
        row = rows.get(edit.key)
        if row is None:
            return edit.version, dict(edit.before), dict(edit.after)
        if row.theirs is None or row.their_version is None:
            return None
        if picked.get(edit.key, MINE) == THEIRS:
            return None
        derived = DERIVED_FIELDS.get(row.entity, frozenset())
        chosen = {item.name: item.mine if item.changed_by_me else item.theirs
                  for item in row.fields}  # fmt: skip
        after = {name: value for name, value in chosen.items()
                 if name not in derived and row.theirs[name] != value}  # fmt: skip
        if not after:
            return None
        return row.their_version, {name: row.theirs[name] for name in after}, after

    if isinstance(command, UpdateFields):
        return _rebased_update(command, rebase)
    if isinstance(command, SetAssignmentCosts):
        changes = []
        for assignment_id, version, before, after in command.changes:
            edit = RowEdit(Assignment, assignment_id, version, {"cost": before},
                           {"cost": after}, command._applied)  # fmt: skip
            if edit.key not in rows:
                expected = version
                if command._applied:
                    expected = own_version(database, Assignment, assignment_id, version)
                changes.append((assignment_id, expected, before, after))
                continue
            row = rows[edit.key]
            if row.theirs is None or row.their_version is None:
                continue
            if picked.get(edit.key, MINE) == THEIRS or row.theirs["cost"] == after:
                continue
            changes.append((assignment_id, row.their_version, row.theirs["cost"], after))
        return replace(command, changes=changes, _applied=False) if changes else None
    if isinstance(command, CompositeCommand):
        children = []
        dropped = False
        for child in command.commands:
            rebuilt = child
            if row_edits(child) is not None:
                rebuilt = resolve_rows(database, child, found, picked)
            if rebuilt is not None:
                children.append(rebuilt)
            else:
                dropped = True
        if dropped:  # a re-costing follows the rate change it comes from
            children = [child for child in children if not isinstance(child, SetAssignmentCosts)]
        return replace(command, commands=children) if children else None
    if isinstance(command, ApplyLevelling):
        delays: dict[int, int] = {}
        for step in command.steps:
            if step.model is not Task or "levelling_delay_minutes" not in step.after:
                continue
            edit = _edit(step, step.applied)
            row = rows.get(edit.key)
            mine = step.after["levelling_delay_minutes"]
            if row is not None:
                if row.deleted or picked.get(edit.key, MINE) == THEIRS:
                    continue
                theirs = row.theirs.get("levelling_delay_minutes") if row.theirs else None
                if step.before["levelling_delay_minutes"] == mine and theirs != mine:
                    continue  # the user did not change this delay; the other user did
            delays[step.entity_id] = mine
        rebuilt = relevel(database, delays, command.text)
        return rebuilt if rebuilt.steps else None
    if isinstance(command, TaskEdit):
        steps: list[Any] = []
        deletes = {
            id(step): _rebased_delete(database, step, rows, picked)
            for step in command.steps
            if isinstance(step, RowsDelete)
        }
        kept_tasks: set[int] = set()
        still_deleted: set[int] = set()
        for step in command.steps:
            if isinstance(step, RowsDelete) and step.model is Task:
                rebuilt_delete = deletes[id(step)]
                remaining = set(rebuilt_delete.versions if rebuilt_delete is not None else ())
                kept_tasks |= set(step.versions) - remaining
                still_deleted |= remaining
        for step in command.steps:
            if isinstance(step, RowsDelete):
                if deletes[id(step)] is not None:
                    steps.append(deletes[id(step)])
                continue
            if isinstance(step, OutlineChange) and kept_tasks:
                # The tasks kept (with their subtasks) stay in the outline.
                gone = set(_task_blocks(step.before, still_deleted))
                after = [row for row in step.before if row[0] not in gone]
                if after != step.before:
                    steps.append(OutlineChange(step.project_id, step.before, after))
                continue
            if not isinstance(step, RowUpdate):
                steps.append(step)
                continue
            edit = _edit(step, step.applied)
            if edit.key not in rows:
                steps.append(step)
                continue
            values = rebase(edit)
            if values is not None:
                steps.append(RowUpdate(step.model, step.entity_id, *values))
        if command.steps and not steps:
            return None
        return TaskEdit(command.project_id, steps, command.text)
    raise TypeError(f"{type(command).__name__} cannot be resolved row by row.")


def _task_blocks(outline: Sequence[tuple[int, int]], roots: set[int]) -> list[int]:
    """The tasks of `outline` (rows with levels) at or under one of `roots`."""
    found: list[int] = []
    index = 0
    while index < len(outline):
        task_id, level = outline[index]
        if task_id not in roots:
            index += 1
            continue
        found.append(task_id)
        index += 1
        while index < len(outline) and outline[index][1] > level:
            found.append(outline[index][0])
            index += 1
    return found


def _rebased_delete(
    database: Database, step: Any, rows: Mapping[RowKey, RowConflict], picked: Mapping[RowKey, str]
) -> Any:
    """A `RowsDelete` rebuilt on the other users' versions; None when nothing is left.

    A row kept "theirs" stays, and so does each chosen row whose deletion would take it
    along (a task with its subtasks, links and assignments); a row kept "mine" is deleted
    at their version; a row they deleted already is left out."""
    from pmo_desktop.services.task_commands import RowsDelete

    model = step.model
    name = model.__name__

    def expected(key: RowKey, version: int) -> int:
        if step.applied:
            return own_version(database, model_named(key[0]), key[1], version)
        return version

    with database.session() as session:
        taken: dict[RowKey, set[int]] = {}
        for entity_id in step.versions:
            single = RowsDelete(model, {entity_id: 0})
            _ids, along = single.taken_along(session)
            taken.setdefault((name, entity_id), set()).add(entity_id)
            for row in along:
                taken.setdefault((type(row).__name__, row.id), set()).add(entity_id)
        kept: set[int] = set()
        for key, row in rows.items():
            if key in taken and not row.deleted and picked.get(key, MINE) == THEIRS:
                kept |= taken[key]
        versions: dict[int, int] = {}
        for entity_id, version in step.versions.items():
            row = rows.get((name, entity_id))
            if entity_id in kept or (row is not None and row.deleted):
                continue
            mine = row.their_version if row is not None else expected((name, entity_id), version)
            assert mine is not None
            versions[entity_id] = mine
        if not versions:
            return None
        rebuilt = RowsDelete(model, versions, read=dict(step.read))
        if step.seen is not None:
            _ids, along = rebuilt.taken_along(session)
            seen: dict[RowKey, int] = {}
            for row in along:
                key = (type(row).__name__, row.id)
                conflict = rows.get(key)
                if conflict is not None and conflict.their_version is not None:
                    seen[key] = conflict.their_version
                elif key in step.seen:
                    seen[key] = expected(key, step.seen[key])
                # else: added after the user chose; the next apply lists it again
            rebuilt.seen = seen
    return rebuilt


def _rebased_update(
    command: UpdateFields,
    rebase: Callable[[RowEdit], tuple[int, dict[str, Any], dict[str, Any]] | None],
) -> UpdateFields | None:
    edit = _edit(command, command._applied)
    values = rebase(edit)
    if values is None:
        return None
    version, before, after = values
    if (version, after) == (edit.version, dict(edit.after)):
        return command
    return UpdateFields(command.model, command.entity_id, version, before, after, command.text)
