"""Check-in of an offline copy (issue 8 §6): the copy's edits, additions and deletions
applied to the shared database in one transaction, rows matched by uuid, foreign keys
translated through the uuids, conflicts listed (and written only when resolved: for all
rows at once with `resolution`, or row by row with `decisions`).

Rows of other projects in the copy (the stubs at the other end of cross-project links, or
anything added to another project offline) are never written: their offline changes are
counted in `CheckinResult.ignored`. Links between the project and other projects merge by
uuid like the project's own rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Row, Table, select
from sqlalchemy.orm import Session

from pmo_desktop.models import AuditAction, AuditEntry, CheckoutRole, CheckoutRow, CheckoutState
from pmo_desktop.models.base import utcnow
from pmo_desktop.services.checkout import (
    _BOOKKEEPING,
    CheckinResult,
    CheckoutError,
    Conflict,
    Resolution,
    _copy_row,
    _parents_first,
    _references,
    _rows_where_in,
    _table,
    _tables,
    mark_returned,
    plain,
)
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.storage import audit

_Versions = Mapping[str, Mapping[str, int]]
_Bases = Mapping[str, Mapping[str, Mapping[str, Any]]]
#: A decision per conflicting row: (table, uuid) -> "mine" or "theirs".
Decisions = Mapping[tuple[str, str], Resolution]


class _AbandonError(Exception):
    """Rolls the check-in transaction back (dry run or unresolved conflicts)."""


def checkin(
    local_path: str | Path,
    shared: Database | None = None,
    *,
    resolution: Resolution | None = None,
    decisions: Decisions | None = None,
    dry_run: bool = False,
) -> CheckinResult:
    """Apply a local copy's offline changes to the shared database in one transaction.

    Without `shared`, the database recorded at check-out is opened. Conflicts are listed
    in the result and nothing is written unless every conflicting row is decided: by
    `decisions[(table, uuid)]`, else by `resolution` ("mine": the copy's values win;
    "theirs": the shared database's). `dry_run` never writes. A check-in that cannot
    complete leaves both databases as they were.
    """
    path = Path(local_path)
    if not path.is_file():
        raise CheckoutError(f"There is no local copy at {path}.")
    local = open_database(path, create=False)
    try:
        with local.engine.connect() as connection:
            copy = _copy_row(connection, path)
            if copy.state != CheckoutState.OPEN:
                raise CheckoutError(
                    f"{path} was already checked in (or its check-out cancelled) on "
                    f"{copy.returned_at:%Y-%m-%d %H:%M} UTC."
                )
            snapshot: dict[str, dict[str, int]] = {}
            bases: dict[str, dict[str, dict[str, Any]]] = {}
            for name, uuid, version, values in connection.execute(
                select(
                    CheckoutRow.table_name,
                    CheckoutRow.row_uuid,
                    CheckoutRow.version,
                    CheckoutRow.base_values,
                ).where(CheckoutRow.checkout_id == copy.id)
            ):
                snapshot.setdefault(name, {})[uuid] = version
                bases.setdefault(name, {})[uuid] = values
            mine = {
                table.name: [dict(row._mapping) for row in connection.execute(select(table))]
                for table in _tables()
            }
        target = shared if shared is not None else open_database(copy.source, create=False)
        try:
            decide = _Decider(resolution, decisions or {})
            result = _apply(target, path, copy, (snapshot, bases), mine, decide, dry_run)
        finally:
            if shared is None:
                target.close()
        if result.written:
            with local.write_engine.begin() as connection:
                connection.execute(
                    _table("checkouts")
                    .update()
                    .where(_table("checkouts").c.id == copy.id)
                    .values(
                        state=CheckoutState.RETURNED,
                        returned_at=utcnow(),
                        returned_by=target.user_name,
                        version=copy.version + 1,
                    )
                )
        return result
    finally:
        local.close()


class _Decider:
    """The side chosen for a conflicting row: its own decision, else the global one."""

    def __init__(self, resolution: Resolution | None, decisions: Decisions) -> None:
        self.resolution = resolution
        self.decisions = decisions

    def __call__(self, table: str, uuid: str) -> Resolution | None:
        return self.decisions.get((table, uuid), self.resolution)

    def summary(self) -> str:
        sides = set(self.decisions.values()) | ({self.resolution} if self.resolution else set())
        return "/".join(sorted(sides))


def _apply(
    shared: Database,
    path: Path,
    copy: Row[Any],
    snapshot: tuple[_Versions, _Bases],
    mine: Mapping[str, list[dict[str, Any]]],
    decide: _Decider,
    dry_run: bool,
) -> CheckinResult:
    result = CheckinResult()
    table = _table("checkouts")
    try:
        with shared.write_session() as session:
            connection = session.connection()
            master = connection.execute(
                select(table).where(
                    table.c.uuid == copy.master_uuid, table.c.role == CheckoutRole.MASTER.value
                )
            ).first()
            if master is None:
                raise CheckoutError(f"{path} was not checked out of {shared.display}.")
            if master.state != CheckoutState.OPEN:
                raise CheckoutError(f"This check-out of {shared.display} was already checked in.")
            _Merge(session, snapshot, mine, decide, result, master.project_id).run()
            undecided = [row for row in result.conflicting_rows if decide(*row) is None]
            if dry_run or undecided:
                raise _AbandonError
            mark_returned(connection, master, shared.user_name)
            counts = {
                "inserted": result.inserted,
                "updated": result.updated,
                "deleted": result.deleted,
                "conflicts": len(result.conflicts),
                "resolution": decide.summary(),
                "ignored": result.ignored,
                audit.LABEL_KEY: Path(master.local_file).name,
            }
            audit.record_summary(
                session,
                "checkin",
                action=AuditAction.UPDATE,
                entity_id=master.project_id,
                after=counts,
                project_id=master.project_id,
            )
            result.written = True
    except _AbandonError:
        result.written = False
    return result


class _Merge:
    """One check-in's walk over the tables, writing on the shared session's connection."""

    def __init__(
        self,
        session: Session,
        snapshot: tuple[_Versions, _Bases],
        mine: Mapping[str, list[dict[str, Any]]],
        decide: _Decider,
        result: CheckinResult,
        project_id: int,
    ) -> None:
        self.session = session
        self.connection = session.connection()
        self.snapshot, self.bases = snapshot
        self.mine = mine
        self.decide = decide
        self.result = result
        self.local_uuid = {name: {r["id"]: r["uuid"] for r in rows} for name, rows in mine.items()}
        self.shared_id: dict[str, dict[str, int]] = {}
        #: The checked-out project: its id in the shared database and (kept) in the copy.
        projects = _table("projects")
        self.project_id = project_id
        self.project_uuid = self.connection.execute(
            select(projects.c.uuid).where(projects.c.id == project_id)
        ).scalar_one()
        self.local_project_id = next(
            (r["id"] for r in mine.get("projects", []) if r["uuid"] == self.project_uuid),
            project_id,
        )
        self.task_project = {r["id"]: r["project_id"] for r in mine.get("tasks", [])}
        self.task_name = {r["id"]: r["name"] for r in mine.get("tasks", [])}
        #: Per conflicting row: (label, shared id, shared updated_at).
        self.about: dict[tuple[str, str], tuple[str, int | None, Any]] = {}

    def run(self) -> None:
        gone: list[tuple[Table, list[str]]] = []
        for table in _tables():
            gone.append((table, self._merge_table(table)))
        for table, uuids in reversed(gone):
            self._delete(table, uuids)
        self._name_conflicts()

    # Rows of other projects: read-only stubs in the copy.

    def _foreign(self, name: str, row: Mapping[str, Any]) -> bool:
        """Whether a row of the copy belongs to another project (never written)."""
        if name == "projects":
            return bool(row["uuid"] != self.project_uuid)
        if name == "dependencies":
            return all(
                self.task_project.get(row[end]) != self.local_project_id
                for end in ("predecessor_id", "successor_id")
            )
        owner = row.get("project_id")
        return owner is not None and owner != self.local_project_id

    def _foreign_base(self, name: str, uuid: str) -> bool:
        """Whether a row deleted offline belonged to another project at check-out."""
        if name == "projects":
            return uuid != self.project_uuid
        owner = self.bases.get(name, {}).get(uuid, {}).get("project_id")
        return owner is not None and owner != self.project_id

    def _ignore(self, name: str) -> None:
        self._count(self.result.ignored, name)

    def _merge_table(self, table: Table) -> list[str]:
        name = table.name
        mine = {row["uuid"]: row for row in self.mine.get(name, [])}
        known = self.snapshot.get(name, {})
        theirs = {
            row.uuid: dict(row._mapping)
            for row in _rows_where_in(self.connection, table, "uuid", set(mine) | set(known))
        }
        self.shared_id[name] = {uuid: row["id"] for uuid, row in theirs.items()}
        new_rows = []
        for uuid, row in mine.items():
            base = known.get(uuid)
            server = theirs.get(uuid)
            if base is not None and row["version"] == base:
                continue  # not edited offline: whatever the server has stays
            if self._foreign(name, row):
                self._ignore(name)  # another project's row: never written from here
                continue
            if base is None and server is None:
                new_rows.append(row)
                continue
            if server is None:
                self._conflict(name, uuid, "(row)", "changed", "deleted", row)
                if self.decide(name, uuid) == "mine":
                    new_rows.append(row)
                continue
            values = self._mapped(table, row)
            if base is not None and server["version"] == base:
                self._update(table, server, values)
                continue
            self._three_way(table, row, server, values)
        for row in _parents_first(new_rows, table):
            self._insert(table, row)
        gone = []
        for uuid in known:
            if uuid in mine:
                continue
            if self._foreign_base(name, uuid):
                self._ignore(name)
            else:
                gone.append(uuid)
        return gone

    def _three_way(
        self,
        table: Table,
        row: Mapping[str, Any],
        server: Mapping[str, Any],
        values: dict[str, Any],
    ) -> None:
        """A row changed on both sides: fields changed on one side only merge; a field
        changed on both to different values is a conflict (decided by the resolution)."""
        base = self.bases.get(table.name, {}).get(row["uuid"])
        merged: dict[str, Any] = {}
        conflicting: dict[str, Any] = {}
        for column, value in values.items():
            if value == server[column]:
                continue
            mine_changed = base is None or plain(row[column]) != base.get(column)
            theirs_changed = base is None or plain(server[column]) != base.get(column)
            if mine_changed and theirs_changed:
                conflicting[column] = value
                self._conflict(table.name, row["uuid"], column, value, server[column], row, server)
            elif mine_changed:
                merged[column] = value
        if self.decide(table.name, row["uuid"]) == "mine":
            merged.update(conflicting)
        if merged:
            self._update(table, server, merged)

    def _mapped(self, table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
        values = {c.name: row[c.name] for c in table.columns if c.name not in _BOOKKEEPING}
        for column, target in _references(table):
            local_id = values[column]
            if local_id is None:
                continue
            uuid = self.local_uuid.get(target, {}).get(local_id)
            shared_id = self.shared_id.get(target, {}).get(uuid or "")
            if shared_id is None:
                raise CheckoutError(
                    f"A {table.name} row ({row['uuid']}) refers to a {target} row that was "
                    "deleted in the shared database (or added offline to another project); "
                    "nothing was checked in."
                )
            values[column] = shared_id
        return values

    def _conflict(
        self,
        table: str,
        uuid: str,
        column: str,
        mine: Any,
        theirs: Any,
        local: Mapping[str, Any] | None = None,
        server: Mapping[str, Any] | None = None,
    ) -> None:
        self.result.conflicts.append(Conflict(table, uuid, column, mine, theirs))
        if (table, uuid) not in self.about:
            shown = local if local is not None else server or {}
            self.about[(table, uuid)] = (
                self._label(table, shown, local is not None),
                server["id"] if server is not None else None,
                server["updated_at"] if server is not None else None,
            )

    def _label(self, table: str, row: Mapping[str, Any], local: bool) -> str:
        if table == "dependencies" and local:
            return " → ".join(
                str(self.task_name.get(row[end], "?")) for end in ("predecessor_id", "successor_id")
            )
        parts = [str(row[key]) for key in ("code", "name", "title") if row.get(key)]
        return " — ".join(parts)

    def _name_conflicts(self) -> None:
        """Label each conflict, with who last changed the shared row and when (audit)."""
        named = []
        for conflict in self.result.conflicts:
            label, shared_id, updated_at = self.about.get(conflict.row, ("", None, None))
            who, when = "", updated_at
            if shared_id is not None:
                last = self.connection.execute(
                    select(AuditEntry.user_name, AuditEntry.at)
                    .where(AuditEntry.entity == conflict.table, AuditEntry.entity_id == shared_id)
                    .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                    .limit(1)
                ).first()
                if last is not None:
                    who, when = last.user_name or "", last.at or updated_at
            named.append(
                Conflict(
                    conflict.table,
                    conflict.uuid,
                    conflict.field,
                    conflict.mine,
                    conflict.theirs,
                    label=label,
                    changed_by=who,
                    changed_at=when,
                )
            )
        self.result.conflicts[:] = named

    def _count(self, counts: dict[str, int], table: str) -> None:
        counts[table] = counts.get(table, 0) + 1

    def _update(self, table: Table, server: Mapping[str, Any], values: dict[str, Any]) -> None:
        done = self.connection.execute(
            table.update()
            .where(table.c.id == server["id"], table.c.version == server["version"])
            .values(**values, version=server["version"] + 1, updated_at=utcnow())
        )
        if done.rowcount != 1:
            raise CheckoutError(
                f"A {table.name} row changed in the shared database during the check-in; "
                "nothing was checked in, try again."
            )
        self._count(self.result.updated, table.name)
        recorded = {**values, "id": server["id"], "uuid": server["uuid"]}
        audit.record_rows(self.session, table.name, [recorded], AuditAction.UPDATE)

    def _insert(self, table: Table, row: Mapping[str, Any]) -> None:
        values = self._mapped(table, row)
        values.update(
            uuid=row["uuid"],
            version=row["version"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )
        new_id = self.connection.execute(table.insert().values(**values)).inserted_primary_key[0]
        self.shared_id[table.name][row["uuid"]] = new_id
        self._count(self.result.inserted, table.name)
        audit.record_rows(self.session, table.name, [{**values, "id": new_id}])

    def _delete(self, table: Table, uuids: list[str]) -> None:
        known = self.snapshot.get(table.name, {})
        for row in _rows_where_in(self.connection, table, "uuid", uuids):
            server = dict(row._mapping)
            if server["version"] != known[row.uuid]:
                self._conflict(table.name, row.uuid, "(row)", "deleted", "changed", None, server)
                if self.decide(table.name, row.uuid) != "mine":
                    continue
            self.connection.execute(table.delete().where(table.c.id == server["id"]))
            self._count(self.result.deleted, table.name)
            audit.record_rows(self.session, table.name, [server], AuditAction.DELETE)
