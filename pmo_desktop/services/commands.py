"""Domain commands: every edit knows how to undo itself (DESIGN.md §2).

A command is plain data plus `apply(database)` and `revert(database)`. The GUI wraps it in a
QUndoCommand (`ui/undo.py`); scripts and tests call it directly. Each call is one transaction
through `services.crud` (a `CompositeCommand`: one for the whole group), so a conflict with
another user's commit raises `ConflictError` and writes nothing. A command remembers the row
versions it wrote, so undo is refused (with a conflict) when someone else changed the row since.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, is_dataclass
from typing import Any, Protocol

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import Entity
from pmo_desktop.services import crud
from pmo_desktop.storage import audit
from pmo_desktop.storage.database import Database


class Command(Protocol):
    """An edit that can be applied and reverted, with a label for the Edit menu."""

    text: str

    def apply(self, database: Database) -> None: ...

    def revert(self, database: Database) -> None: ...

    def merge(self, other: Command) -> bool:
        """Absorb `other` (a later edit of the same thing, e.g. a drag); True if merged."""
        ...

    def touched(self) -> set[type[Entity]]:
        """The entity types this command writes, so views know what to reload."""
        ...


@dataclass
class UpdateFields:
    """Change some columns of one row; undo puts the previous values back."""

    model: type[Entity]
    entity_id: int
    version: int
    before: dict[str, Any]
    after: dict[str, Any]
    text: str = ""
    #: Edits with the same non-empty key on the same row merge (one undo step per drag).
    merge_key: str = ""
    _applied: bool = field(default=False, repr=False)

    def apply(self, database: Database) -> None:
        # First apply: the version the user saw; redo: the row as this client left it.
        expected = self.version
        if self._applied:
            expected = own_version(database, self.model, self.entity_id, self.version)
        entity = crud.update(database, self.model, self.entity_id, expected, **self.after)
        self.version = record_version(database, self.model, self.entity_id, entity.version)
        self._applied = True

    def revert(self, database: Database) -> None:
        expected = own_version(database, self.model, self.entity_id, self.version)
        entity = crud.update(database, self.model, self.entity_id, expected, **self.before)
        self.version = record_version(database, self.model, self.entity_id, entity.version)

    def merge(self, other: Command) -> bool:
        if not (
            isinstance(other, UpdateFields)
            and self.merge_key
            and other.merge_key == self.merge_key
            and other.model is self.model
            and other.entity_id == self.entity_id
            and set(other.after) == set(self.after)
        ):
            return False
        self.after = dict(other.after)
        self.version = other.version
        return True

    def touched(self) -> set[type[Entity]]:
        return {self.model}


def update_fields(
    database: Database,
    model: type[Entity],
    entity_id: int,
    text: str,
    merge_key: str = "",
    **changes: Any,
) -> UpdateFields:
    """An `UpdateFields` for `changes`, reading the current values and version to undo to."""
    entity = crud.get(database, model, entity_id)
    before = {name: getattr(entity, name) for name in changes}
    return UpdateFields(model, entity_id, entity.version, before, dict(changes), text, merge_key)


@dataclass
class RowSnapshot:
    """A row's full column values (id and uuid included) and the snapshots of its children."""

    model: type[Entity]
    values: dict[str, Any]
    children: list[RowSnapshot] = field(default_factory=list)


@dataclass
class CreateRow:
    """Insert a row; undo deletes it, redo puts it back with the same id and uuid."""

    model: type[Entity]
    values: dict[str, Any]
    text: str = ""
    entity_id: int | None = None
    _snapshot: RowSnapshot | None = None

    def apply(self, database: Database) -> None:
        if self._snapshot is None:
            entity = crud.create(database, self.model, **self.values)
            self.entity_id = entity.id
        else:
            restore(database, [self._snapshot])

    def revert(self, database: Database) -> None:
        assert self.entity_id is not None, "revert before apply"
        with database.session() as session:
            entity = session.get(self.model, self.entity_id)
            if entity is None:
                raise _gone(self.model, self.entity_id)
            self._snapshot = RowSnapshot(self.model, crud.column_values(entity))
        crud.delete(database, self.model, self.entity_id, self._snapshot.values["version"])

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {self.model}


@dataclass
class DeleteRow:
    """Delete a row (and the child rows the database cascades); undo restores them all.

    `children` names the child tables to keep: (model, foreign key column) pairs, e.g.
    `(BaselineTask, "baseline_id")`, so undo brings back exactly what the cascade removed.
    """

    model: type[Entity]
    entity_id: int
    version: int
    text: str = ""
    children: Sequence[tuple[type[Entity], str]] = ()
    _snapshot: RowSnapshot | None = None

    def apply(self, database: Database) -> None:
        with database.session() as session:
            entity = session.get(self.model, self.entity_id)
            if entity is None:
                raise _gone(self.model, self.entity_id)
            snapshot = RowSnapshot(self.model, crud.column_values(entity))
            for child_model, column in self.children:
                rows = session.scalars(
                    select(child_model)
                    .where(getattr(child_model, column) == self.entity_id)
                    .order_by(child_model.id)
                )
                snapshot.children += [
                    RowSnapshot(child_model, crud.column_values(row)) for row in rows
                ]
        expected = self.version
        if self._snapshot is not None:  # redo: the row as this client restored it
            expected = own_version(database, self.model, self.entity_id, self.version)
        crud.delete(database, self.model, self.entity_id, expected)
        self._snapshot = snapshot

    def revert(self, database: Database) -> None:
        assert self._snapshot is not None, "revert before apply"
        restore(database, [self._snapshot])
        self.version = record_version(
            database, self.model, self.entity_id, self._snapshot.values["version"]
        )

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {self.model} | {model for model, _column in self.children}


@dataclass
class CompositeCommand:
    """Several commands as one undo step (applied in order, reverted in reverse order).

    The whole group is ONE write transaction (`Database.one_transaction`): the commands'
    own sessions join it, so a conflict, an error, a lost connection or a killed program
    halfway leaves the database exactly as before, audit trail included. On failure the
    commands' own state (versions, snapshots) is put back too, so undo and redo still work.
    """

    commands: list[Command]
    text: str = ""

    def apply(self, database: Database) -> None:
        self._run(database, list(self.commands), forward=True)

    def revert(self, database: Database) -> None:
        self._run(database, list(reversed(self.commands)), forward=False)

    def _run(self, database: Database, commands: list[Command], *, forward: bool) -> None:
        registry = _own_versions(database)
        saved_registry = dict(registry)
        saved = _Memento(commands)
        try:
            with database.one_transaction():
                for command in commands:
                    (command.apply if forward else command.revert)(database)
        except BaseException:
            registry.clear()
            registry.update(saved_registry)
            saved.restore()
            raise

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        models: set[type[Entity]] = set()
        for command in self.commands:
            models |= command.touched()
        return models


class _Memento:
    """The state of some commands and of the steps and snapshots they hold, to put back
    when their transaction rolls back (every dataclass instance, list and dict reachable
    from them: a command's version, `_applied` flag, snapshots, sub-commands...)."""

    def __init__(self, roots: Sequence[object]) -> None:
        self._objects: list[tuple[object, dict[str, Any]]] = []
        self._lists: list[tuple[list[Any], list[Any]]] = []
        self._dicts: list[tuple[dict[Any, Any], dict[Any, Any]]] = []
        seen: set[int] = set()
        pending: list[object] = list(roots)
        while pending:
            item = pending.pop()
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, list):
                self._lists.append((item, list(item)))
                pending += item
            elif isinstance(item, dict):
                self._dicts.append((item, dict(item)))
                pending += list(item.values())
            elif isinstance(item, tuple | set | frozenset):
                pending += list(item)
            elif _is_state(item):
                state = dict(vars(item))
                self._objects.append((item, state))
                pending += list(state.values())

    def restore(self) -> None:
        for item, state in self._objects:
            vars(item).clear()
            vars(item).update(state)
        for items, saved in self._lists:
            items[:] = saved
        for mapping, content in self._dicts:
            mapping.clear()
            mapping.update(content)


def _is_state(item: object) -> bool:
    """A command, step or snapshot (a dataclass instance; not a database, not an ORM row)."""
    return (
        is_dataclass(item)
        and not isinstance(item, type | Database)
        and not hasattr(item, "_sa_instance_state")
        and hasattr(item, "__dict__")
    )


def own_version(database: Database, model: type[Entity], entity_id: int, version: int) -> int:
    """The version to expect for a row: the last one this client's commands wrote, if any.

    A command remembers the version it wrote, but a later command on the same row (and its
    undo) moves the version on; the row is still as this client left it, so undoing the
    earlier command must expect that latest version. Another user's write still conflicts.
    """
    return _own_versions(database).get((model.__name__, entity_id), version)


def record_version(database: Database, model: type[Entity], entity_id: int, version: int) -> int:
    """Remember the version a command of this client just wrote; returns it."""
    _own_versions(database)[(model.__name__, entity_id)] = version
    return version


def _own_versions(database: Database) -> dict[tuple[str, int], int]:
    registry: dict[tuple[str, int], int] = vars(database).setdefault("_own_row_versions", {})
    return registry


def restore(database: Database, snapshots: Sequence[RowSnapshot]) -> None:
    """Re-insert deleted rows exactly as they were (ids, uuids, versions), in one transaction."""
    with database.write_session() as session:
        _insert_rows(session, snapshots)


def _insert_rows(session: Session, snapshots: Sequence[RowSnapshot]) -> None:
    """Core inserts (the ORM would renumber the version column), parents before children."""
    by_model: dict[type[Entity], list[RowSnapshot]] = {}
    for snapshot in snapshots:
        by_model.setdefault(snapshot.model, []).append(snapshot)
    for model, group in by_model.items():
        rows = [snapshot.values for snapshot in group]
        session.execute(insert(model.__table__), rows)
        audit.record_rows(session, model.__tablename__, rows)  # undo of a delete: logged too
        children = [child for snapshot in group for child in snapshot.children]
        if children:
            _insert_rows(session, children)


def _gone(model: type[Entity], entity_id: int) -> ConflictError:
    """Someone else deleted the row this command would touch."""
    return ConflictError(
        model.__name__, entity_id, mine={}, theirs=None, expected_version=0, their_version=None
    )
