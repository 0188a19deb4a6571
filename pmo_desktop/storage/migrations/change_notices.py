"""PostgreSQL change notices for migrations: which rows a write transaction changed.

Every application table carries three statement triggers (AFTER INSERT, UPDATE, DELETE,
with transition tables) that call `pmo_notify_changes()`. It sends on the channel
`pmo_desktop_changes` one JSON notification per 500 ids changed by the statement:

    {"client": "<pmo.client_id of the writer>", "table": "risks", "op": "update",
     "ids": [12, 13]}

PostgreSQL delivers notifications when the transaction commits and drops them when it rolls
back; the payload stays far below its 8,000-byte limit (500 ids of at most 11 characters,
the client id cut to 64, a table name of at most 63). The writer names itself with
`set_config('pmo.client_id', …, true)` at the start of each write transaction (see
storage/change_feed.py), so a client can ignore its own notices.

A migration that creates a table calls `add_change_notices("new_table")` after
`op.create_table` (and `drop_change_notices` before dropping it); a table that must not be
announced goes into `NOT_NOTIFIED` with its reason. tests/storage/test_migration_0011.py
checks that every table of the models has its triggers. Everything here is a no-op on
SQLite, whose readers watch `PRAGMA data_version` instead.

Changing what the function sends means a new migration that calls
`create_notify_function()` again (it replaces the function in place).
"""

from __future__ import annotations

from alembic import op

#: The LISTEN channel (storage/change_feed.py CHANNEL: a test checks they agree).
CHANNEL = "pmo_desktop_changes"
FUNCTION = "pmo_notify_changes"
#: Ids per notification: 500 × 11 characters + the rest stays well under 8,000 bytes.
IDS_PER_NOTICE = 500
#: The triggers every notified table carries, by operation.
TRIGGERS = {
    "INSERT": "pmo_changes_insert",
    "UPDATE": "pmo_changes_update",
    "DELETE": "pmo_changes_delete",
}
#: Tables without notices, and why.
NOT_NOTIFIED = {
    # Alembic's stamp: changes only during an upgrade, which no open client survives.
    "alembic_version": "schema stamp",
    # One row per change, written in the same transaction as the change it records, which
    # is itself announced: its ids would double every notice (and every bulk import's) for
    # no view; the change log and history panels reload whenever anything changed.
    "audit_entries": "recorded with the change it describes",
    # SQLite's single-writer lease (its heartbeat rewrites the row every few seconds).
    "writer_lease": "lease heartbeat",
    # The snapshot of a checked-out project, written with its `checkouts` row (announced);
    # no view reads it and a large project would send thousands of ids for nothing.
    "checkout_rows": "written with its checkout",
}

_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
LANGUAGE plpgsql AS $body$
DECLARE
    sender text := left(coalesce(current_setting('pmo.client_id', true), ''), 64);
    ids json;
BEGIN
    IF TG_OP = 'INSERT' THEN
        FOR ids IN
            SELECT json_agg(id ORDER BY id) FROM (
                SELECT id, (row_number() OVER (ORDER BY id) - 1) / {IDS_PER_NOTICE} AS part
                FROM new_rows
            ) AS numbered GROUP BY part
        LOOP
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'client', sender, 'table', TG_TABLE_NAME, 'op', 'insert', 'ids', ids)::text);
        END LOOP;
    ELSIF TG_OP = 'UPDATE' THEN
        FOR ids IN
            SELECT json_agg(id ORDER BY id) FROM (
                SELECT id, (row_number() OVER (ORDER BY id) - 1) / {IDS_PER_NOTICE} AS part
                FROM (SELECT id FROM new_rows UNION SELECT id FROM old_rows) AS changed
            ) AS numbered GROUP BY part
        LOOP
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'client', sender, 'table', TG_TABLE_NAME, 'op', 'update', 'ids', ids)::text);
        END LOOP;
    ELSE
        FOR ids IN
            SELECT json_agg(id ORDER BY id) FROM (
                SELECT id, (row_number() OVER (ORDER BY id) - 1) / {IDS_PER_NOTICE} AS part
                FROM old_rows
            ) AS numbered GROUP BY part
        LOOP
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'client', sender, 'table', TG_TABLE_NAME, 'op', 'delete', 'ids', ids)::text);
        END LOOP;
    END IF;
    RETURN NULL;
END
$body$
"""

#: What each trigger may read: the rows as they are after, or were before, the statement.
_REFERENCING = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def _on_postgres() -> bool:
    return bool(op.get_bind().dialect.name == "postgresql")


def create_notify_function() -> None:
    """Create (or replace) the trigger function the notices come from."""
    if _on_postgres():
        op.execute(_FUNCTION_SQL)


def drop_notify_function() -> None:
    if _on_postgres():
        op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


def add_change_notices(*tables: str) -> None:
    """Give each table its three statement triggers (the function must exist)."""
    if not _on_postgres():
        return
    for table in tables:
        if table in NOT_NOTIFIED:
            raise ValueError(f"{table} is not announced: {NOT_NOTIFIED[table]}")
        for operation, trigger in TRIGGERS.items():
            op.execute(
                f'CREATE TRIGGER {trigger} AFTER {operation} ON "{table}" '
                f"REFERENCING {_REFERENCING[operation]} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )


def drop_change_notices(*tables: str) -> None:
    if not _on_postgres():
        return
    for table in tables:
        for trigger in TRIGGERS.values():
            op.execute(f'DROP TRIGGER IF EXISTS {trigger} ON "{table}"')
