"""Engines for SQLite and PostgreSQL with the settings DESIGN.md §6 requires.

SQLite: foreign keys on, `synchronous=FULL`, a busy timeout, and transactions that pysqlite
does not start behind our back: reads begin DEFERRED, writes `BEGIN IMMEDIATE` so that a
writer takes the write lock up front instead of failing half-way through its transaction.

PostgreSQL: psycopg's executemany runs one statement per parameter set, and every statement
fires the tables' change-notice triggers (migration 0011): a 50,000-row Core
`execute(insert(table), rows)` would send 50,000 notices. `_insert_as_arrays` sends such an
INSERT as one `INSERT … SELECT * FROM unnest(%s::type[], …)` instead: one statement, one
notice per 500 rows, and less work for both sides (docs/BENCHMARKS.md). SQLAlchemy's own
remedy, "insertmanyvalues" without RETURNING (`dialect.use_insertmanyvalues_wo_returning`),
was measured and left off: psycopg parses every multi-row VALUES text anew (it caches only
short statements), which cost five times the client CPU of the executemany.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import URL

from pmo_desktop.storage.locations import DatabaseTarget

#: How long a writer waits for another writer's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 10_000
#: Execution option that marks a connection as a writer (BEGIN IMMEDIATE on SQLite).
WRITE_OPTION = "pmo_write"


def sqlite_url(target: DatabaseTarget, *, read_only: bool) -> URL:
    """The pysqlite URL of the file, opened through a `file:` URI when read-only."""
    assert target.path is not None
    if not read_only:
        return target.url
    return URL.create(
        "sqlite",
        database=f"file:{target.path.as_posix()}",
        query={"mode": "ro", "uri": "true"},
    )


def make_engine(
    target: DatabaseTarget, *, read_only: bool = False, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> Engine:
    """Create the engine for a target; no connection is made yet."""
    if target.is_sqlite:
        engine = create_engine(
            sqlite_url(target, read_only=read_only),
            connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
        )
        _configure_sqlite(engine, busy_timeout_ms)
        return engine
    engine = create_engine(
        target.url,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10, "application_name": "pmo-desktop"},
    )
    event.listen(engine, "do_executemany", _insert_as_arrays)
    if read_only:
        _configure_postgres_read_only(engine)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions announce themselves as writes."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Take transaction control away from pysqlite; the "begin" hook below issues BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def _configure_postgres_read_only(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        dbapi_connection.autocommit = autocommit


#: One bind per column, each perhaps with the bind cast psycopg's dialect renders.
_BIND = re.compile(r"%\((\w+)\)s")
_CAST = r"(?:::[A-Z ]+(?:\(\d+(?:, \d+)?\))?(?:\[\])?)?"
_PLAIN_VALUES = re.compile(rf"\(%\(\w+\)s{_CAST}(?:, %\(\w+\)s{_CAST})*\)")


def _insert_as_arrays(
    cursor: Any, statement: str, parameters: Sequence[Any], context: Any
) -> bool | None:
    """Run a Core INSERT executemany as one statement reading its rows from arrays.

    Only a plain `INSERT INTO t (columns) VALUES (one bind per column)` compiled by
    SQLAlchemy qualifies (no RETURNING, no ON CONFLICT, no SQL expression among the values):
    the parameters are already processed by the columns' types, so each column's values go
    as one array cast to the column's type. Anything else (None) runs as usual.
    """
    compiled = getattr(context, "compiled", None)
    if compiled is None or not context.isinsert or len(parameters) < 2:
        return None
    if not isinstance(parameters[0], Mapping) or compiled.effective_returning:
        return None
    table = compiled.statement.table
    head, values = statement.partition(" VALUES ")[::2]
    if not _PLAIN_VALUES.fullmatch(values.strip()):
        return None
    keys = _BIND.findall(values)
    if set(keys) != set(parameters[0]) or not all(key in table.c for key in keys):
        return None
    dialect = context.dialect
    named = head[head.find("(") + 1 : head.rfind(")")].split(", ")
    if named != [dialect.identifier_preparer.quote(table.c[key].name) for key in keys]:
        return None
    arrays = ", ".join(f"%s::{ARRAY(table.c[key].type).compile(dialect=dialect)}" for key in keys)
    cursor.execute(
        f"{head} SELECT * FROM unnest({arrays})",
        [[row[key] for row in parameters] for key in keys],
    )
    return True
