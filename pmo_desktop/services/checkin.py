"""Check-in of an offline copy (issue 8 §6): the copy's edits, additions and deletions
applied to the shared database in one transaction, rows matched by uuid, foreign keys
translated through the uuids, conflicts listed (and written only when resolved).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Row, Table, select
from sqlalchemy.orm import Session

from pmo_desktop.models import AuditAction, CheckoutRole, CheckoutRow, CheckoutState
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
    plain,
)
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.storage import audit

_Versions = Mapping[str, Mapping[str, int]]
_Bases = Mapping[str, Mapping[str, Mapping[str, Any]]]


class _AbandonError(Exception):
    """Rolls the check-in transaction back (dry run or unresolved conflicts)."""


def checkin(
    local_path: str | Path,
    shared: Database | None = None,
    *,
    resolution: Resolution | None = None,
    dry_run: bool = False,
) -> CheckinResult:
    """Apply a local copy's offline changes to the shared database in one transaction.

    Without `shared`, the database recorded at check-out is opened. Conflicts are listed
    in the result and nothing is written unless `resolution` decides them all ("mine":
    the copy's values win; "theirs": the shared database's). `dry_run` never writes.
    A check-in that cannot complete leaves both databases as they were.
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
                    f"{path} was already checked in on {copy.returned_at:%Y-%m-%d %H:%M} UTC."
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
            result = _apply(target, path, copy, (snapshot, bases), mine, resolution, dry_run)
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


def _apply(
    shared: Database,
    path: Path,
    copy: Row[Any],
    snapshot: tuple[_Versions, _Bases],
    mine: Mapping[str, list[dict[str, Any]]],
    resolution: Resolution | None,
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
            _Merge(session, snapshot, mine, resolution, result).run()
            if dry_run or (result.conflicts and resolution is None):
                raise _AbandonError
            now = utcnow()
            connection.execute(
                table.update()
                .where(table.c.id == master.id)
                .values(
                    state=CheckoutState.RETURNED,
                    returned_at=now,
                    returned_by=shared.user_name,
                    version=master.version + 1,
                    updated_at=now,
                )
            )
            counts = {
                "inserted": result.inserted,
                "updated": result.updated,
                "deleted": result.deleted,
                "conflicts": len(result.conflicts),
                "resolution": resolution or "",
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
        resolution: Resolution | None,
        result: CheckinResult,
    ) -> None:
        self.session = session
        self.connection = session.connection()
        self.snapshot, self.bases = snapshot
        self.mine = mine
        self.resolution = resolution
        self.result = result
        self.local_uuid = {name: {r["id"]: r["uuid"] for r in rows} for name, rows in mine.items()}
        self.shared_id: dict[str, dict[str, int]] = {}

    def run(self) -> None:
        gone: list[tuple[Table, list[str]]] = []
        for table in _tables():
            gone.append((table, self._merge_table(table)))
        for table, uuids in reversed(gone):
            self._delete(table, uuids)

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
            if base is None and server is None:
                new_rows.append(row)
                continue
            if base is not None and row["version"] == base:
                continue  # not edited offline: whatever the server has stays
            if server is None:
                self._conflict(name, uuid, "(row)", "changed", "deleted")
                if self.resolution == "mine":
                    new_rows.append(row)
                continue
            values = self._mapped(table, row)
            if base is not None and server["version"] == base:
                self._update(table, server, values)
                continue
            self._three_way(table, row, server, values)
        for row in _parents_first(new_rows, table):
            self._insert(table, row)
        return [uuid for uuid in known if uuid not in mine]

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
                self._conflict(table.name, row["uuid"], column, value, server[column])
            elif mine_changed:
                merged[column] = value
        if self.resolution == "mine":
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
                    "deleted in the shared database; nothing was checked in."
                )
            values[column] = shared_id
        return values

    def _conflict(self, table: str, uuid: str, column: str, mine: Any, theirs: Any) -> None:
        self.result.conflicts.append(Conflict(table, uuid, column, mine, theirs))

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
                self._conflict(table.name, row.uuid, "(row)", "deleted", "changed")
                if self.resolution != "mine":
                    continue
            self.connection.execute(table.delete().where(table.c.id == server["id"]))
            self._count(self.result.deleted, table.name)
            audit.record_rows(self.session, table.name, [server], AuditAction.DELETE)
