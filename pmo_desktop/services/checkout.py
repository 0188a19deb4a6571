"""Offline check-out and check-in of one project (issue 8 §6).

`checkout` copies a project, with everything it uses, from the shared database into a new
local SQLite file, keeping every row's uuid, id and version, and records the check-out in
both databases (others see the project as checked out). `checkin` applies the offline
edits, additions and deletions back in ONE transaction of the shared database: a row
changed on both sides is a conflict, and nothing is written unless every conflict is
resolved (`resolution="mine"` or `"theirs"`, or a decision per row). Rows are matched by
uuid; ids differ between databases and foreign keys are translated through the uuids.

Cross-project links: a link between a task of the project and a task of another project
comes along, with the other end copied as a read-only stub (pinned where the shared
database has it, without its outline), so that the offline schedule still feels the link.
Check-in never writes rows of other projects (their offline edits are counted as ignored);
the links themselves merge by uuid like any row of the project. Cancelling a check-out and
what a copy records about itself: `services.checkout_copies`.
"""

from __future__ import annotations

import enum
import socket
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Row, Table, select

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import (
    Base,
    Checkout,
    CheckoutRole,
    CheckoutState,
    ConstraintType,
    Project,
)
from pmo_desktop.models.base import utcnow
from pmo_desktop.services.database import Database, open_database

Resolution = Literal["mine", "theirs"]
#: `progress(done, total, label)`: told as the work goes; raising stops it.
Progress = Callable[[int, int, str], None]

#: Rows a project owns, by table: (column, parent table) pairs that must all point into
#: the copy. Walked in dependency order, so parents are selected before their children.
_OWNED: Mapping[str, tuple[tuple[str, str], ...]] = {
    "tasks": (("project_id", "projects"),),
    "baselines": (("project_id", "projects"),),
    "cost_lines": (("project_id", "projects"),),
    "status_reports": (("project_id", "projects"),),
    "gate_reviews": (("project_id", "projects"),),
    "project_objective_scores": (("project_id", "projects"),),
    "risks": (("project_id", "projects"),),
    "issues": (("project_id", "projects"),),
    "assumptions": (("project_id", "projects"),),
    "decisions": (("project_id", "projects"),),
    "change_requests": (("project_id", "projects"),),
    "lessons": (("project_id", "projects"),),
    "dependencies": (("predecessor_id", "tasks"), ("successor_id", "tasks")),
    "assignments": (("task_id", "tasks"),),
    "baseline_tasks": (("baseline_id", "baselines"), ("task_id", "tasks")),
    "risk_actions": (("risk_id", "risks"),),
    "risk_assessments": (("risk_id", "risks"),),
    "risk_task_links": (("risk_id", "risks"), ("task_id", "tasks")),
}
#: Rows that come with a row the copy uses (a calendar's hours, a resource's rates).
_COMPANIONS: Mapping[str, tuple[str, str]] = {
    "calendar_working_times": ("calendar_id", "calendars"),
    "calendar_exceptions": ("calendar_id", "calendars"),
    "calendar_exception_intervals": ("exception_id", "calendar_exceptions"),
    "resource_rates": ("resource_id", "resources"),
}
#: Never copied: people, rights, the audit trail, the lease and portfolio-wide settings.
_NOT_COPIED = frozenset(
    {
        "audit_entries",
        "roles",
        "users",
        "writer_lease",
        "checkouts",
        "checkout_rows",
        "compliance_settings",
        "method_templates",
        "portfolio_rules",
        "report_templates",
        "alembic_version",
    }
)
#: Columns never compared nor copied over on check-in.
_BOOKKEEPING = frozenset({"id", "uuid", "version", "created_at", "updated_at"})
_CHUNK = 2000


class CheckoutError(ValidationError):
    """A check-out or check-in that cannot be done; nothing was changed."""


@dataclass(frozen=True)
class CheckoutInfo:
    """Who has a project out, and where."""

    project_id: int
    project_code: str
    checked_out_by: str
    host: str
    checked_out_at: Any
    local_file: str
    state: CheckoutState
    uuid: str


@dataclass(frozen=True)
class Conflict:
    """A row changed on both sides (or changed on one, deleted on the other)."""

    table: str
    uuid: str
    field: str
    mine: Any
    theirs: Any
    #: The row as a person names it (a task's name, a risk's code and title).
    label: str = field(default="", compare=False)
    #: Who last changed the shared row, and when (the audit trail; "" / None if unknown).
    changed_by: str = field(default="", compare=False)
    changed_at: datetime | None = field(default=None, compare=False)

    @property
    def row(self) -> tuple[str, str]:
        """The (table, uuid) a per-row decision is keyed by."""
        return (self.table, self.uuid)


@dataclass
class CheckinResult:
    """What a check-in did (or would do, when nothing was written)."""

    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    #: Offline changes to rows of other projects (cross-project link stubs): never written.
    ignored: dict[str, int] = field(default_factory=dict)
    written: bool = False

    @property
    def conflicting_rows(self) -> list[tuple[str, str]]:
        """The (table, uuid) of the conflicting rows, each once, in the order found."""
        return list(dict.fromkeys(conflict.row for conflict in self.conflicts))

    @property
    def changes(self) -> int:
        return sum(self.inserted.values()) + sum(self.updated.values()) + sum(self.deleted.values())


def _tables() -> list[Table]:
    return [table for table in Base.metadata.sorted_tables if table.name not in _NOT_COPIED]


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def mark_returned(connection: Connection, master: Row[Any], by: str) -> None:
    """The shared database's check-out row `master` is over (checked in or cancelled)."""
    now = utcnow()
    table = _table("checkouts")
    connection.execute(
        table.update()
        .where(table.c.id == master.id)
        .values(
            state=CheckoutState.RETURNED,
            returned_at=now,
            returned_by=by,
            version=master.version + 1,
            updated_at=now,
        )
    )


def plain(value: Any) -> Any:
    """A value as the snapshot stores it (JSON-safe), for comparing across databases."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _rows_where_in(
    connection: Connection, table: Table, column: str, values: Iterable[Any]
) -> list[Row[Any]]:
    found: list[Row[Any]] = []
    for chunk in _chunks(set(values)):
        found.extend(connection.execute(select(table).where(table.c[column].in_(chunk))).all())
    return found


def _references(table: Table) -> list[tuple[str, str]]:
    """(column, referenced table) for every foreign key of `table`."""
    return [
        (column.name, next(iter(column.foreign_keys)).column.table.name)
        for column in table.columns
        if column.foreign_keys
    ]


def _parents_first(rows: Sequence[Mapping[str, Any]], table: Table) -> list[Mapping[str, Any]]:
    """Rows of a self-referencing table (task outline, base calendars), parents first."""
    own = [column for column, target in _references(table) if target == table.name]
    if not own:
        return list(rows)
    pending = list(rows)
    present = {row["id"] for row in rows}
    placed: set[Any] = set()
    ordered: list[Mapping[str, Any]] = []
    while pending:
        ready = [
            row
            for row in pending
            if all(row[c] is None or row[c] not in present or row[c] in placed for c in own)
        ]
        if not ready:  # a cycle cannot be stored anyway; keep the rest as they are
            ready = pending
        ordered.extend(ready)
        placed.update(row["id"] for row in ready)
        ready_ids = {id(row) for row in ready}
        pending = [row for row in pending if id(row) not in ready_ids]
    return ordered


def _find_project(connection: Connection, project: str | int) -> Row[Any]:
    projects = _table("projects")
    if isinstance(project, int):
        found = connection.execute(select(projects).where(projects.c.id == project)).all()
    else:
        found = connection.execute(select(projects).where(projects.c.code == project)).all()
    if not found:
        raise CheckoutError(f"There is no project {project!r} in the shared database.")
    if len(found) > 1:
        raise CheckoutError(f"Several projects have the code {project!r}; give its id.")
    return found[0]


def _select_copy(
    connection: Connection, project_id: int
) -> tuple[dict[str, list[Row[Any]]], set[int]]:
    """Every row the copy of a project needs, by table, and the ids of the stub tasks (the
    other ends of its cross-project links)."""
    rows: dict[str, dict[int, Row[Any]]] = {
        "projects": {
            row.id: row
            for row in _rows_where_in(connection, _table("projects"), "id", [project_id])
        }
    }

    def ids(name: str) -> set[int]:
        return set(rows.get(name, {}))

    def add(name: str, found: Iterable[Row[Any]]) -> bool:
        bucket = rows.setdefault(name, {})
        before = len(bucket)
        bucket.update((row.id, row) for row in found)
        return len(bucket) != before

    for table in _tables():
        links = _OWNED.get(table.name)
        if not links:
            continue
        if table.name == "dependencies":  # every link with one end in the project
            own = ids("tasks")
            add(table.name, _rows_where_in(connection, table, "predecessor_id", own))
            add(table.name, _rows_where_in(connection, table, "successor_id", own))
            continue
        column, parent = links[0]
        found = _rows_where_in(connection, table, column, ids(parent))
        add(table.name, [r for r in found if all(getattr(r, c) in ids(p) for c, p in links)])
    own_tasks = ids("tasks")
    stubs = {
        end
        for link in rows.get("dependencies", {}).values()
        for end in (link.predecessor_id, link.successor_id)
    } - own_tasks
    add("tasks", _rows_where_in(connection, _table("tasks"), "id", stubs))

    def close_upwards() -> None:
        changed = True
        while changed:
            changed = False
            for table in _tables():
                for column, target in _references(table):
                    wanted = {
                        getattr(r, column)
                        for r in rows.get(table.name, {}).values()
                        # A stub comes without its outline (its summary tasks).
                        if not (table.name == "tasks" and column == "parent_id" and r.id in stubs)
                    }
                    missing = {value for value in wanted if value is not None} - ids(target)
                    if missing:
                        found = _rows_where_in(connection, _table(target), "id", missing)
                        changed = add(target, found) or changed

    close_upwards()
    for name, (column, parent) in _COMPANIONS.items():  # in dependency order
        add(name, _rows_where_in(connection, _table(name), column, ids(parent)))
    close_upwards()
    return {name: list(bucket.values()) for name, bucket in rows.items() if bucket}, stubs


def _as_stub(row: dict[str, Any]) -> dict[str, Any]:
    """A task of another project as the copy holds it: no outline, pinned where it is."""
    pinned = dict(row, parent_id=None, is_summary=False)
    if row.get("start") is not None:
        pinned.update(constraint_type=ConstraintType.MSO, constraint_date=row["start"])
    return pinned


def _display_source(database: Database) -> str:
    if database.target.path is not None:
        return str(database.target.path.resolve())
    return database.target.url.set(password=None).render_as_string(hide_password=False)


def checkout(
    shared: Database,
    project: str | int,
    local_path: str | Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> CheckoutInfo:
    """Copy one project into a new local SQLite file and mark it checked out.

    A project already out is refused unless `force`. The local file must not exist.
    `progress(done, total, table)` is told each table copied; if it raises (the user
    cancelled), nothing is recorded and the local file is removed.
    """
    path = Path(local_path)
    if path.exists():
        raise CheckoutError(f"{path} already exists; choose a new file for the copy.")
    who, host, now = shared.user_name, socket.gethostname(), utcnow()
    with shared.write_session() as session:
        connection = session.connection()
        found = _find_project(connection, project)
        current = checked_out(shared, found.id, connection=connection)
        if current is not None and not force:
            raise CheckoutError(
                f"Project {found.code} is already checked out by {current.checked_out_by} "
                f"on {current.host} since {current.checked_out_at:%Y-%m-%d %H:%M} UTC "
                f"({current.local_file})."
            )
        rows, stubs = _select_copy(connection, found.id)
        master = Checkout(
            project_id=found.id,
            role=CheckoutRole.MASTER,
            state=CheckoutState.OPEN,
            checked_out_by=who,
            host=host,
            checked_out_at=now,
            local_file=str(path.resolve()),
            source="",
            master_uuid="",
            returned_by="",
        )
        session.add(master)
        session.flush()
        try:
            _write_copy(path, rows, stubs, master, found.id, _display_source(shared), progress)
        except BaseException:
            _remove(path)
            raise
    return _info(master, found.code)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _write_copy(
    path: Path,
    rows: Mapping[str, list[Row[Any]]],
    stubs: set[int],
    master: Checkout,
    project_id: int,
    source: str,
    progress: Progress | None = None,
) -> None:
    local = open_database(path)
    tables = [table for table in _tables() if rows.get(table.name)]
    try:
        with local.write_engine.begin() as connection:
            for done, table in enumerate(tables):
                if progress is not None:
                    progress(done, len(tables) + 1, table.name)
                found = [dict(row._mapping) for row in rows.get(table.name, [])]
                if table.name == "tasks":
                    found = [_as_stub(row) if row["id"] in stubs else row for row in found]
                if found:
                    connection.execute(table.insert(), _parents_first(found, table))
            copy_id = connection.execute(
                _table("checkouts")
                .insert()
                .values(
                    uuid=master.uuid,
                    version=1,
                    project_id=project_id,
                    role=CheckoutRole.COPY,
                    state=CheckoutState.OPEN,
                    checked_out_by=master.checked_out_by,
                    host=master.host,
                    checked_out_at=master.checked_out_at,
                    local_file=master.local_file,
                    source=source,
                    master_uuid=master.uuid,
                    returned_by="",
                    created_at=master.checked_out_at,
                    updated_at=master.checked_out_at,
                )
            ).inserted_primary_key[0]
            snapshot = [
                {
                    "checkout_id": copy_id,
                    "table_name": name,
                    "row_uuid": row.uuid,
                    "version": row.version,
                    "base_values": {
                        column: plain(value)
                        for column, value in row._mapping.items()
                        if column not in _BOOKKEEPING
                    },
                }
                for name, found in rows.items()
                for row in found
            ]
            for chunk in _chunks(snapshot):
                connection.execute(_table("checkout_rows").insert(), chunk)
            if progress is not None:
                progress(len(tables), len(tables) + 1, "checkout_rows")
    finally:
        local.close()


def _info(row: Any, code: str) -> CheckoutInfo:
    return CheckoutInfo(
        project_id=row.project_id,
        project_code=code,
        checked_out_by=row.checked_out_by,
        host=row.host,
        checked_out_at=row.checked_out_at,
        local_file=row.local_file,
        state=CheckoutState(row.state),
        uuid=row.uuid,
    )


def checkouts(database: Database, *, include_returned: bool = False) -> list[CheckoutInfo]:
    """The check-outs recorded in a shared database (open ones unless `include_returned`)."""
    query = (
        select(Checkout, Project.code)
        .join(Project, Project.id == Checkout.project_id)
        .where(Checkout.role == CheckoutRole.MASTER)
        .order_by(Checkout.checked_out_at)
    )
    if not include_returned:
        query = query.where(Checkout.state == CheckoutState.OPEN)
    with database.session() as session:
        return [_info(row, code) for row, code in session.execute(query).all()]


def checked_out(
    database: Database, project_id: int, *, connection: Connection | None = None
) -> CheckoutInfo | None:
    """The open check-out of a project, or None when nobody has it out."""
    table = _table("checkouts")
    projects = _table("projects")
    query = (
        select(table, projects.c.code)
        .join(projects, projects.c.id == table.c.project_id)
        .where(
            table.c.project_id == project_id,
            table.c.role == CheckoutRole.MASTER.value,
            table.c.state == CheckoutState.OPEN.value,
        )
        .order_by(table.c.checked_out_at.desc())
    )
    if connection is None:
        with database.session() as session:
            row = session.execute(query).first()
    else:
        row = connection.execute(query).first()
    return None if row is None else _info(row, row.code)


def copy_source(local_path: str | Path) -> str:
    """The shared database a local copy came from (as recorded at check-out)."""
    local = open_database(Path(local_path), create=False)
    try:
        with local.engine.connect() as connection:
            return str(_copy_row(connection, Path(local_path)).source)
    finally:
        local.close()


def _copy_row(connection: Connection, path: Path) -> Row[Any]:
    table = _table("checkouts")
    row = connection.execute(select(table).where(table.c.role == CheckoutRole.COPY.value)).first()
    if row is None:
        raise CheckoutError(f"{path} is not a checked-out copy of a project.")
    return row
