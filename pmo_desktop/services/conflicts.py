"""Resolving a save conflict field by field: "mine or theirs" (issue 8 §2).

When someone else saved the row the user was editing, `ConflictError` carries the user's
values (`mine`) and the row as it is now (`theirs`, at `their_version`). This module says
which fields differ and which of them the user changed, who made the other change (the
object's latest audit entry), and builds the resolution: ONE undoable `UpdateFields` that
writes the chosen values on top of their version. Fields only the other user changed are
never in `mine`, so they keep their value: no lost update. Undoing the resolution puts
their values back. A command that writes several rows is resolved row by row
(`row_conflicts`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import AuditAction, AuditEntry, Entity
from pmo_desktop.services.commands import UpdateFields
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
