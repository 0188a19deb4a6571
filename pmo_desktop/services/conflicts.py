"""Resolving a save conflict field by field, or row by row: "mine or theirs" (issue 8 §2).

When someone else saved the row the user was editing, `ConflictError` carries the user's
values (`mine`) and the row as it is now (`theirs`, at `their_version`). This module says
which fields differ and which of them the user changed, who made the other change (the
object's latest audit entry), and builds the resolution: ONE undoable `UpdateFields` that
writes the chosen values on top of their version. Fields only the other user changed are
never in `mine`, so they keep their value: no lost update. Undoing the resolution puts
their values back.

A command that writes several rows (`CompositeCommand`, a Gantt `TaskEdit`, a levelling
`ApplyLevelling`) is resolved row by row: `row_conflicts` lists every row another user saved
since the command read it, with the fields that differ and who changed it; the user keeps
"mine" or "theirs" per row, and `resolve_rows` rebuilds the command ONE undoable command on
top of their versions (rows kept "theirs" are left out, the others apply as intended).
Derived columns (scheduled dates) are never a choice: the rebuilt command computes them again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import AuditAction, AuditEntry, Entity, Task
from pmo_desktop.services import crud
from pmo_desktop.services.commands import CompositeCommand, UpdateFields, own_version
from pmo_desktop.storage.database import Database

#: Columns the services derive from others (`crud.register_normaliser`): never a choice.
DERIVED_FIELDS: dict[str, frozenset[str]] = {
    "Risk": frozenset({"score", "residual_score"}),
    # Written by every reschedule of the project (and by levelling, from its delays).
    "Task": frozenset(
        (
            *("start", "finish", "early_start", "early_finish", "late_start", "late_finish"),
            *("total_slack_minutes", "free_slack_minutes", "critical"),
        )
    ),
    "Assignment": frozenset({"start", "finish"}),
}
#: Which side a field's value comes from.
MINE = "mine"
THEIRS = "theirs"


@dataclass(frozen=True)
class ConflictField:
    """One field whose saved value differs from the user's."""

    name: str
    mine: Any
    theirs: Any
    #: Whether the user changed this field (their value differs from what they had read).
    changed_by_me: bool
    #: Whether the other user changed this field (None: unknown, the value read is not known).
    changed_by_them: bool | None = None

    @property
    def default_choice(self) -> str:
        """Keep the user's own edits; take the other user's value for everything else."""
        return MINE if self.changed_by_me else THEIRS


@dataclass(frozen=True)
class LastChange:
    """Who last changed the object, and when (from the audit trail)."""

    user_name: str
    at: datetime | None
    deleted: bool = False


def model_named(name: str) -> type[Entity]:
    """The entity class a `ConflictError.entity` names (e.g. "Risk")."""
    for mapper in Entity.registry.mappers:
        cls = mapper.class_
        if cls.__name__ == name and issubclass(cls, Entity) and hasattr(cls, "__table__"):
            return cls
    raise LookupError(f"No entity is called {name}.")


def table_of(error: ConflictError) -> str:
    """The table (the audit trail's name for the kind of object) of the conflicting row."""
    return str(model_named(error.entity).__table__.name)


def conflict_fields(
    error: ConflictError, base: Mapping[str, Any] | None = None
) -> tuple[ConflictField, ...]:
    """The fields of `mine` whose stored value is now different, in the order the user set them.

    `base` holds the values the user had read (an `UpdateFields.before`); a field of `mine`
    equal to its base value was not changed by the user. Without `base`, every field of
    `mine` counts as changed by the user.
    """
    theirs = error.theirs or {}
    derived = DERIVED_FIELDS.get(error.entity, frozenset())
    fields: list[ConflictField] = []
    for name, mine in error.mine.items():
        if name in derived or name not in theirs or theirs[name] == mine:
            continue
        changed = base is None or name not in base or base[name] != mine
        by_them = None if base is None or name not in base else base[name] != theirs[name]
        fields.append(ConflictField(name, mine, theirs[name], changed, by_them))
    return tuple(fields)


def last_change(database: Database, error: ConflictError) -> LastChange | None:
    """The latest audit entry of the conflicting object; None when the trail has none."""
    try:
        table = table_of(error)
    except LookupError:
        return None
    statement = (
        select(AuditEntry.user_name, AuditEntry.at, AuditEntry.action)
        .where(AuditEntry.entity == table, AuditEntry.entity_id == error.entity_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    )
    with database.session() as session:
        row = session.execute(statement).first()
    if row is None:
        return None
    return LastChange(row.user_name or "", row.at, row.action == AuditAction.DELETE)


def resolution(
    error: ConflictError, choices: Mapping[str, Any], text: str = ""
) -> UpdateFields | None:
    """One undoable command writing the chosen values at the other user's version.

    `choices` maps field names to the values to store (the user's or theirs); fields whose
    chosen value is already stored are left out. None when nothing is left to write ("keep
    theirs"), or when the row was deleted. Undo puts their values back.
    """
    if error.theirs is None or error.their_version is None:
        return None
    unknown = sorted(set(choices) - set(error.theirs))
    if unknown:
        raise ValueError(f"{error.entity} has no field {', '.join(unknown)}.")
    derived = DERIVED_FIELDS.get(error.entity, frozenset())
    after = {
        name: value
        for name, value in choices.items()
        if name not in derived and error.theirs[name] != value
    }
    if not after:
        return None
    before = {name: error.theirs[name] for name in after}
    model = model_named(error.entity)
    return UpdateFields(
        model,
        error.entity_id,
        error.their_version,
        before,
        after,
        text or f"Resolve conflict on {error.entity} {error.entity_id}",
    )


def choices_for(fields: tuple[ConflictField, ...], picked: Mapping[str, str]) -> dict[str, Any]:
    """The values to store for the sides picked per field (default: each field's default)."""
    values: dict[str, Any] = {}
    for item in fields:
        side = picked.get(item.name, item.default_choice)
        values[item.name] = item.mine if side == MINE else item.theirs
    return values


# -- several rows: row by row ------------------------------------------------------------------

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

    @property
    def key(self) -> RowKey:
        return (self.entity, self.entity_id)

    @property
    def deleted(self) -> bool:
        return self.theirs is None

    @property
    def needs_choice(self) -> bool:
        """Deleted, or a field both users changed: the user decides. Otherwise the other
        user changed other fields (or only derived ones): both changes are kept."""
        return self.deleted or any(item.changed_by_them is not False for item in self.fields)


def row_edits(command: object) -> list[RowEdit] | None:
    """The existing rows a command writes with the values the user chose; None when the
    command cannot be resolved row by row (its conflicts get the plain message)."""
    from pmo_desktop.services.levelling_commands import ApplyLevelling
    from pmo_desktop.services.task_commands import RowUpdate, TaskEdit

    if isinstance(command, UpdateFields):
        return [_edit(command, command._applied)]
    if isinstance(command, CompositeCommand):
        found: list[RowEdit] = []
        for child in command.commands:
            found += row_edits(child) or []
        return found
    if isinstance(command, TaskEdit | ApplyLevelling):
        return [_edit(step, step.applied) for step in command.steps if isinstance(step, RowUpdate)]
    return None


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
                found.append(RowConflict(name, edit.entity_id, title, (), None, None, who))
                continue
            theirs = crud.column_values(entity)
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
    from pmo_desktop.services.task_commands import RowUpdate, TaskEdit

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
    if isinstance(command, CompositeCommand):
        children = []
        for child in command.commands:
            rebuilt = child
            if row_edits(child) is not None:
                rebuilt = resolve_rows(database, child, found, picked)
            if rebuilt is not None:
                children.append(rebuilt)
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
        for step in command.steps:
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
