"""Create, read, update and delete for every entity, one short session per call.

Objects returned are detached snapshots with their columns loaded (no lazy loading):
callers keep ids and versions, never live sessions. Updates and deletes name the version
the user edited; if the row moved on since, ConflictError carries both versions and
nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import bindparam, cast, func, inspect, select
from sqlalchemy import update as update_statement
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from pmo_desktop.errors import ConflictError, NotFoundError, ValidationError
from pmo_desktop.models import Entity
from pmo_desktop.storage.database import Database

E = TypeVar("E", bound=Entity)

#: Columns the services own; callers cannot set them.
PROTECTED_COLUMNS = frozenset({"id", "uuid", "version", "created_at", "updated_at"})

#: Per-entity hooks that derive columns from others before every insert/update.
_normalisers: dict[type[Entity], Callable[[Any], None]] = {}


def register_normaliser(model: type[E], function: Callable[[E], None]) -> None:
    """Keep derived columns (a risk's score, say) right whoever edits the row."""
    _normalisers[model] = function


def column_values(entity: Entity) -> dict[str, Any]:
    """The entity's column values as a plain dict (for conflicts, audit and exports)."""
    return {attr.key: getattr(entity, attr.key) for attr in inspect(type(entity)).column_attrs}


def get(database: Database, model: type[E], entity_id: int) -> E:
    with database.session() as session:
        return _load(session, model, entity_id)


def list_rows(
    database: Database,
    model: type[E],
    *,
    order_by: Sequence[str] = ("id",),
    **filters: Any,
) -> list[E]:
    """Rows whose columns equal the given filters, in the given order."""
    statement = (
        select(model).filter_by(**filters).order_by(*(getattr(model, name) for name in order_by))
    )
    with database.session() as session:
        return list(session.scalars(statement))


def create(database: Database, model: type[E], **values: Any) -> E:
    _check_columns(model, values)
    entity = model(**values)
    _apply_scalar_defaults(entity)
    with database.write_session() as session:
        _normalise(entity)
        session.add(entity)
        _flush(session, model)
    return entity


def update(
    database: Database, model: type[E], entity_id: int, expected_version: int, **changes: Any
) -> E:
    """Apply `changes` to the row the user saw at `expected_version`."""
    _check_columns(model, changes)
    try:
        with database.write_session() as session:
            entity = session.get(model, entity_id)
            _check_version(model, entity_id, entity, expected_version, changes)
            assert entity is not None
            for name, value in changes.items():
                setattr(entity, name, value)
            _normalise(entity)
            _flush(session, model)
    except StaleDataError:
        # Another writer committed between our read and our UPDATE (server databases).
        raise _conflict(database, model, entity_id, expected_version, changes) from None
    return entity


def delete(database: Database, model: type[E], entity_id: int, expected_version: int) -> None:
    try:
        with database.write_session() as session:
            entity = session.get(model, entity_id)
            _check_version(model, entity_id, entity, expected_version, {})
            session.delete(entity)
            _flush(session, model)
    except StaleDataError:
        raise _conflict(database, model, entity_id, expected_version, {}) from None


def _load(session: Session, model: type[E], entity_id: int) -> E:
    entity = session.get(model, entity_id)
    if entity is None:
        raise NotFoundError(f"{model.__name__} {entity_id} does not exist.")
    return entity


def _check_columns(model: type[Entity], values: Mapping[str, Any]) -> None:
    known = {attr.key for attr in inspect(model).column_attrs}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValidationError(f"{model.__name__} has no field {', '.join(unknown)}.")
    protected = sorted(set(values) & PROTECTED_COLUMNS)
    if protected:
        raise ValidationError(f"{', '.join(protected)} cannot be set by hand.")


def _check_version(
    model: type[Entity],
    entity_id: int,
    entity: Entity | None,
    expected_version: int,
    changes: Mapping[str, Any],
) -> None:
    if entity is None:
        raise ConflictError(
            model.__name__,
            entity_id,
            mine=changes,
            theirs=None,
            expected_version=expected_version,
            their_version=None,
        )
    if entity.version != expected_version:
        raise ConflictError(
            model.__name__,
            entity_id,
            mine=changes,
            theirs=column_values(entity),
            expected_version=expected_version,
            their_version=entity.version,
            their_updated_at=entity.updated_at,
        )


def _conflict(
    database: Database,
    model: type[Entity],
    entity_id: int,
    expected_version: int,
    changes: Mapping[str, Any],
) -> ConflictError:
    with database.session() as session:
        current = session.get(model, entity_id)
        return ConflictError(
            model.__name__,
            entity_id,
            mine=changes,
            theirs=column_values(current) if current is not None else None,
            expected_version=expected_version,
            their_version=current.version if current is not None else None,
            their_updated_at=current.updated_at if current is not None else None,
        )


def _apply_scalar_defaults(entity: Entity) -> None:
    """Give unset columns their plain defaults now, so normalisers see real values."""
    for column in inspect(type(entity)).columns:
        default = column.default
        if (
            default is not None
            and default.is_scalar
            and column.key not in PROTECTED_COLUMNS
            and getattr(entity, column.key) is None
        ):
            setattr(entity, column.key, default.arg)


def _normalise(entity: Entity) -> None:
    normaliser = _normalisers.get(type(entity))
    if normaliser is not None:
        normaliser(entity)


def _flush(session: Session, model: type[Entity]) -> None:
    try:
        session.flush()
    except IntegrityError as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        raise ValidationError(f"{model.__name__} not saved: {detail}.") from None


#: Ids per statement when rows are checked in bulk.
_CHUNK = 1000


def check_versions(session: Session, model: type[Entity], versions: Mapping[int, int]) -> None:
    """Inside a write transaction, before a bulk UPDATE: lock the rows (FOR UPDATE on a
    server; SQLite's write transaction holds the whole file) and raise ConflictError for
    the first one, by id, whose stored version is not the one the caller read."""
    table = model.__table__
    ids = sorted(versions)
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        stored = dict(
            session.connection()
            .execute(
                select(table.c.id, table.c.version).where(table.c.id.in_(chunk)).with_for_update()
            )
            .all()
        )
        for entity_id in chunk:
            if stored.get(entity_id) != versions[entity_id]:
                current = session.get(model, entity_id, populate_existing=True)
                _check_version(model, entity_id, current, versions[entity_id], {})


def check_rowcount(
    session: Session, model: type[Entity], written: int, versions: Mapping[int, int]
) -> None:
    """After a bulk UPDATE guarded by `version = :expected`: every row must have been written."""
    if written != len(versions):
        check_versions(session, model, {key: value + 1 for key, value in versions.items()})
        raise ConflictError(
            model.__name__, 0, mine={}, theirs={}, expected_version=0, their_version=None
        )


#: Rows per set-based UPDATE on PostgreSQL: a multiple of the 500 ids per change notice
#: (storage/migrations/change_notices.py), so each statement sends full notices.
UPDATE_BATCH = 10_000


def update_rows(
    session: Session,
    model: type[Entity],
    rows: Sequence[Mapping[str, Any]],
    *,
    also: Mapping[str, Any] | None = None,
) -> int:
    """Write many rows at the versions the caller read, each moving to its next version.

    Each row is a dict with the same keys: `id`, `version` (as read) and the columns to
    write; `also` holds values written to every row (`updated_at`, say). Inside a write
    transaction: the rows are locked and checked first (`check_versions`), and the write
    must reach every row (`check_rowcount`), else ConflictError and the caller's
    transaction rolls back. Returns the number of rows written.
    """
    if not rows:
        return 0
    versions = {int(row["id"]): int(row["version"]) for row in rows}
    if len(versions) != len(rows):
        raise ValueError(f"{model.__name__}: a row appears twice in one bulk update.")
    _written_columns(model, rows, also)
    check_versions(session, model, versions)
    written = write_rows(session, model, rows, also=also)
    check_rowcount(session, model, written, versions)
    return written


def write_rows(
    session: Session,
    model: type[Entity],
    rows: Sequence[Mapping[str, Any]],
    *,
    also: Mapping[str, Any] | None = None,
) -> int:
    """`update_rows` without its checks: one guarded UPDATE per row; how many were written.

    SQLite: one executemany. PostgreSQL: psycopg's executemany runs one statement per row,
    and each fires the tables' statement triggers (one change notice per row, migration
    0011), so the rows go as arrays in one `UPDATE … FROM unnest(…) AS v(…) WHERE id =
    v.id AND version = v.version` per `UPDATE_BATCH` rows: one trigger call and
    ⌈rows / 500⌉ notices per statement. Both write the same values and versions.
    """
    if not rows:
        return 0
    table = model.__table__
    columns = _written_columns(model, rows, also)
    constants = {"version": table.c.version + 1} | dict(also or {})
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        statement = (
            update_statement(table)
            .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
            .values({name: bindparam(f"b_{name}") for name in columns} | constants)
        )
        params = [{f"b_{name}": value for name, value in row.items()} for row in rows]
        return int(connection.execute(statement, params).rowcount)  # type: ignore[attr-defined]
    names = ["id", "version", *columns]
    arrays = [
        cast(bindparam(f"b_{name}", type_=ARRAY(table.c[name].type)), ARRAY(table.c[name].type))
        for name in names
    ]
    given = func.unnest(*arrays).table_valued(*names).render_derived(name="v")
    statement = (
        update_statement(table)
        .where(table.c.id == given.c.id, table.c.version == given.c.version)
        .values({name: given.c[name] for name in columns} | constants)
    )
    written = 0
    for first in range(0, len(rows), UPDATE_BATCH):
        batch = rows[first : first + UPDATE_BATCH]
        params = {f"b_{name}": [row[name] for row in batch] for name in names}
        written += int(connection.execute(statement, params).rowcount)  # type: ignore[attr-defined]
    return written


def _written_columns(
    model: type[Entity], rows: Sequence[Mapping[str, Any]], also: Mapping[str, Any] | None
) -> list[str]:
    """The columns a bulk update writes from its rows (all rows name the same ones)."""
    table = model.__table__
    columns = [name for name in rows[0] if name not in ("id", "version")]
    keys = {"id", "version", *columns}
    if any(row.keys() != keys for row in rows):
        raise ValueError(f"{model.__name__}: every row of a bulk update names the same columns.")
    unknown = sorted((keys | set(also or ())) - set(table.c.keys()))
    if unknown:
        raise ValueError(f"{model.__name__} has no column {', '.join(unknown)}.")
    return columns
