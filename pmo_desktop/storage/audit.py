"""The audit trail: who changed what, when, with the values before and after (issue 8 §4).

Every ORM change flushed inside `Database.write_session()` gets one `audit_entries` row per
inserted, updated or deleted entity, written on the session's connection during the flush:
the row commits with the change or rolls back with it. Values are JSON-safe (dates ISO,
Decimal as text, enums as their value). Left out as noise: `id`, `uuid` (kept in
`entity_uuid`), `version`, `created_at`, `updated_at`, and the columns the scheduler computes
(early/late dates, slack, critical): a reschedule must not flood the trail. An update that
changes only such columns records nothing.

Each row's `after` (or `before`, for a delete) also carries reserved keys that are not
columns: `_label` (the object's code, name or title, readable after a delete), `_project`
and `_portfolio` (where the object belongs, resolved at write time), which the change log
filters on. Bulk Core writes (imports) record one summary row with `record_summary`.

PostgreSQL: `audit_privileges(role)` grants INSERT and SELECT only; SQLite has no roles,
`SQLITE_PROTECTION` holds the triggers proposed for a migration.
"""

from __future__ import annotations

import enum
import getpass
import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.state import InstanceState

from pmo_desktop.models import AuditAction, AuditEntry, Entity
from pmo_desktop.models.base import utcnow

#: Columns never recorded, on every table.
NOISE_COLUMNS = frozenset({"id", "uuid", "version", "created_at", "updated_at"})
#: Columns the scheduler computes, per table (the plan is the record, not its arithmetic).
COMPUTED_COLUMNS: Mapping[str, frozenset[str]] = {
    "tasks": frozenset(
        {
            "early_start",
            "early_finish",
            "late_start",
            "late_finish",
            "total_slack_minutes",
            "free_slack_minutes",
            "critical",
        }
    ),
}
#: Reserved keys of the before/after documents (never column names).
LABEL_KEY = "_label"
PROJECT_KEY = "_project"
PORTFOLIO_KEY = "_portfolio"
#: The entity name of an import's summary row.
IMPORT_ENTITY = "import"
#: Children whose project is their parent's: table → (foreign key column, parent table).
_PARENTS: Mapping[str, tuple[str, str]] = {
    "dependencies": ("successor_id", "tasks"),
    "assignments": ("task_id", "tasks"),
    "risk_actions": ("risk_id", "risks"),
    "risk_task_links": ("risk_id", "risks"),
    "risk_assessments": ("risk_id", "risks"),
    "baseline_tasks": ("baseline_id", "baselines"),
    "resource_rates": ("resource_id", "resources"),
}
_LABEL_ATTRIBUTES = ("code", "name", "title", "username", "description")
_INFO_USER = "audit_user"
_INFO_PLACES = "audit_places"


def login_name() -> str:
    """The operating system's name for the current user (the default author of changes)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown user"


def json_safe(value: Any) -> Any:
    """A column value as JSON can hold it: ISO dates, Decimal as text, enum values."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, enum.Enum):
        return json_safe(value.value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Mapping):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(item) for item in value]
    return str(value)


def track(session: Session, user_name: str) -> None:
    """Record every entity this write session flushes, by `user_name`."""
    session.info[_INFO_USER] = user_name or login_name()
    event.listen(session, "after_flush", _after_flush)


def record_summary(
    session: Session,
    entity: str,
    *,
    user_name: str | None = None,
    action: AuditAction = AuditAction.INSERT,
    entity_id: int = 0,
    after: Mapping[str, Any] | None = None,
    project_id: int | None = None,
    portfolio_id: int | None = None,
) -> None:
    """One explicit row for a bulk Core write (an import: `entity="import"`, `after` holds
    the file name and counts), in the caller's transaction."""
    document = dict(json_safe(dict(after or {})))
    if project_id is not None:
        document[PROJECT_KEY] = project_id
    if portfolio_id is not None:
        document[PORTFOLIO_KEY] = portfolio_id
    author = user_name or session.info.get(_INFO_USER) or login_name()
    session.connection().execute(
        insert(AuditEntry.__table__),
        [_row(author, action, entity, entity_id, "", None, document)],
    )


def record_import(
    session: Session,
    file_name: str,
    counts: Mapping[str, int],
    *,
    project_id: int | None = None,
    portfolio_id: int | None = None,
) -> None:
    """The summary row of one import: the file's name and the rows stored, by table."""
    record_summary(
        session,
        IMPORT_ENTITY,
        entity_id=project_id or 0,
        after={"file": file_name, "counts": dict(counts), LABEL_KEY: file_name},
        project_id=project_id,
        portfolio_id=portfolio_id,
    )


def record_rows(
    session: Session,
    table: str,
    rows: Iterable[Mapping[str, Any]],
    action: AuditAction = AuditAction.INSERT,
) -> None:
    """Rows written with Core statements (undo re-inserting deleted rows, say), recorded as
    the ORM hook would: full values after an insert, before a delete."""
    places = _Places(session)
    user = session.info.get(_INFO_USER) or login_name()
    entries = []
    for values in rows:
        document = {
            name: json_safe(value)
            for name, value in values.items()
            if name in recorded_columns(table, [name]) and value is not None
        }
        places.describe(document, table, values)
        inserted = action is not AuditAction.DELETE
        entries.append(
            _row(
                user,
                action,
                table,
                int(values.get("id") or 0),
                str(values.get("uuid") or ""),
                None if inserted else document,
                document if inserted else None,
            )
        )
    if entries:
        session.connection().execute(insert(AuditEntry.__table__), entries)


def record_updates(
    session: Session,
    table: str,
    rows: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
) -> None:
    """Rows updated with a Core statement, recorded as the ORM hook records an update: for
    each (the row's stored values, the values written), the recorded columns whose value
    changed, before and after, with the label and places in `after`; nothing for a row
    whose recorded columns did not change."""
    places = _Places(session)
    user = session.info.get(_INFO_USER) or login_name()
    entries = []
    for stored, written in rows:
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for name in recorded_columns(table, written):
            old, new = json_safe(stored.get(name)), json_safe(written[name])
            if old != new:
                before[name] = old
                after[name] = new
        if not after:
            continue
        values = {**stored, **written}
        places.describe(after, table, values)
        entries.append(
            _row(
                user,
                AuditAction.UPDATE,
                table,
                int(values.get("id") or 0),
                str(values.get("uuid") or ""),
                before,
                after,
            )
        )
    if entries:
        session.connection().execute(insert(AuditEntry.__table__), entries)


def recorded_columns(table: str, columns: Iterable[str]) -> list[str]:
    """The columns of `table` the trail records (noise and computed columns left out)."""
    skipped = NOISE_COLUMNS | COMPUTED_COLUMNS.get(table, frozenset())
    return [name for name in columns if name not in skipped]


class _Change:
    """One flushed entity before it becomes a row: what changed, and where it belongs."""

    __slots__ = ("action", "after", "before", "entity_id", "table", "uuid", "values")

    def __init__(
        self,
        table: str,
        action: AuditAction,
        state: InstanceState[Any],
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        self.table = table
        self.action = action
        self.values: dict[str, Any] = state.dict
        identity = state.identity
        self.entity_id = int(self.values.get("id") or (identity[0] if identity else 0))
        self.uuid = str(self.values.get("uuid") or "")
        self.before = before
        self.after = after


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    changes: list[_Change] = []
    for instance in session.new:
        change = _inserted(instance)
        if change is not None:
            changes.append(change)
    for instance in session.dirty:
        change = _updated(instance)
        if change is not None:
            changes.append(change)
    for instance in session.deleted:
        change = _deleted(instance)
        if change is not None:
            changes.append(change)
    if not changes:
        return
    places = _Places(session)
    user = session.info.get(_INFO_USER) or login_name()
    rows = []
    for change in changes:
        document = change.after if change.after is not None else change.before
        assert document is not None
        places.describe(document, change.table, change.values)
        rows.append(
            _row(
                user,
                change.action,
                change.table,
                change.entity_id,
                change.uuid,
                change.before,
                change.after,
            )
        )
    session.connection().execute(insert(AuditEntry.__table__), rows)


def _row(
    user: str,
    action: AuditAction,
    entity: str,
    entity_id: int,
    uuid: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "at": utcnow(),
        "user_name": user[:120],
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "entity_uuid": uuid,
        "before": before,
        "after": after,
    }


def _audited(instance: object) -> str | None:
    """The table name of an audited entity (None for the audit rows, leases and such)."""
    if not isinstance(instance, Entity):
        return None
    return str(type(instance).__table__.name)


def _columns(instance: Entity, table: str) -> list[str]:
    return recorded_columns(table, (attr.key for attr in inspect(type(instance)).column_attrs))


def _inserted(instance: object) -> _Change | None:
    table = _audited(instance)
    if table is None:
        return None
    assert isinstance(instance, Entity)
    state = inspect(instance)
    after = {
        name: json_safe(state.dict[name])
        for name in _columns(instance, table)
        if state.dict.get(name) is not None
    }
    return _Change(table, AuditAction.INSERT, state, None, after)


def _updated(instance: object) -> _Change | None:
    table = _audited(instance)
    if table is None:
        return None
    assert isinstance(instance, Entity)
    state = inspect(instance)
    if state.deleted or state.was_deleted:
        return None
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name in _columns(instance, table):
        history = state.attrs[name].history
        if not history.added:
            continue
        old = json_safe(history.deleted[0]) if history.deleted else None
        new = json_safe(history.added[0])
        if old != new:
            before[name] = old
            after[name] = new
    if not after:
        return None
    return _Change(table, AuditAction.UPDATE, state, before, after)


def _deleted(instance: object) -> _Change | None:
    table = _audited(instance)
    if table is None:
        return None
    assert isinstance(instance, Entity)
    state = inspect(instance)
    values = state.dict  # never load: the row is gone
    before = {
        name: json_safe(values[name])
        for name in _columns(instance, table)
        if values.get(name) is not None
    }
    return _Change(table, AuditAction.DELETE, state, before, None)


def _label(values: Mapping[str, Any]) -> str:
    """What people call the object: "CODE — name" when it has both, else the first text."""
    texts = [
        value.strip()
        for name in _LABEL_ATTRIBUTES
        if isinstance(value := values.get(name), str) and value.strip()
    ]
    if not texts:
        return ""
    code = values.get("code")
    if isinstance(code, str) and code.strip() and len(texts) > 1:
        return f"{texts[0]} — {texts[1]}"[:200]
    return texts[0][:200]


class _Places:
    """Which project and portfolio rows belong to, read at most once per parent per session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        #: (table, id) → (project id, portfolio id), kept for the whole write session.
        self.known: dict[tuple[str, int], tuple[int | None, int | None]] = session.info.setdefault(
            _INFO_PLACES, {}
        )

    def describe(self, document: dict[str, Any], table: str, values: Mapping[str, Any]) -> None:
        """Add the row's label and the project and portfolio it belongs to to `document`."""
        label = _label(values)
        if label:
            document[LABEL_KEY] = label
        project, portfolio = self.of(table, values)
        if project is not None:
            document[PROJECT_KEY] = project
        if portfolio is not None:
            document[PORTFOLIO_KEY] = portfolio

    def of(self, table: str, values: Mapping[str, Any]) -> tuple[int | None, int | None]:
        if table == "projects":
            project = values.get("id")
            return project, values.get("portfolio_id")
        if table == "portfolios":
            return None, values.get("id")
        project = values.get("project_id")
        if project is not None:
            return project, self._lookup("projects", project)[1]
        portfolio = values.get("portfolio_id")
        if portfolio is not None:
            return None, portfolio
        parent = _PARENTS.get(table)
        if parent is not None and values.get(parent[0]) is not None:
            return self._lookup(parent[1], int(values[parent[0]]))
        return None, None

    def _lookup(self, table: str, row_id: int) -> tuple[int | None, int | None]:
        key = (table, row_id)
        if key in self.known:
            return self.known[key]
        model_table = Entity.metadata.tables[table]
        columns = [
            column for column in ("id", "project_id", "portfolio_id") if column in model_table.c
        ]
        parent = _PARENTS.get(table)
        if parent is not None:
            columns.append(parent[0])
        row = (
            self.session.connection()
            .execute(
                select(*(model_table.c[name] for name in columns)).where(model_table.c.id == row_id)
            )
            .mappings()
            .first()
        )
        place: tuple[int | None, int | None] = (None, None)
        if row is not None:
            values = dict(row)
            if table == "projects":
                place = (row_id, values.get("portfolio_id"))
            else:
                place = self.of(table, values)
        self.known[key] = place
        return place


#: The sequence behind `audit_entries.id` on PostgreSQL (a SERIAL column).
AUDIT_SEQUENCE = "audit_entries_id_seq"


def audit_privileges(role: str) -> list[str]:
    """GRANTs that let an application role add and read audit rows, never change them.

    For `pmo-desktop admin init-server`, after the role's table grants (which must leave
    audit_entries out of any UPDATE/DELETE/TRUNCATE grant): the REVOKE makes sure of it.
    """
    quoted = '"' + role.replace('"', '""') + '"'
    return [
        f"REVOKE ALL ON TABLE audit_entries FROM {quoted}",
        f"GRANT SELECT, INSERT ON TABLE audit_entries TO {quoted}",
        f"GRANT USAGE, SELECT ON SEQUENCE {AUDIT_SEQUENCE} TO {quoted}",
    ]


#: SQLite has no roles: triggers refusing UPDATE and DELETE, proposed for a migration.
SQLITE_PROTECTION = (
    "CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries "
    "BEGIN SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END",
)
