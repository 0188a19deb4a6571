"""PostgreSQL change notices (migration 0011): what the triggers cost the writer, and what
reading the notices costs a listening client.

    PMO_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        python bench/bench_change_notices.py [--rows N] [--repeat R]

On a scratch database (created and dropped), each operation on N tasks: a Core INSERT
executemany as psycopg runs it (a plain engine: one statement per row), as SQLAlchemy's
"insertmanyvalues" would (`use_insertmanyvalues_wo_returning`: multi-row VALUES of 500
rows) and as the application's engine runs it (storage/engine.py: one INSERT … SELECT
FROM unnest(arrays)); the scheduler's guarded UPDATE of every task as it was (check_versions
+ executemany: one statement per row) and as it is (crud.update_rows: one UPDATE … FROM
unnest(…) per 10,000 rows); one plain bulk UPDATE; 500 single-row updates (the GUI's
edits). Each is timed with the tasks' triggers enabled and disabled (median of R runs,
wall clock: noisy on a shared machine), with the trigger function's calls and server time
(pg_stat_xact_user_functions: the steady figures; one call per statement, one notice per
500 ids of a statement). Then a listening feed polls the notices of one bulk update
through crud.update_rows: its CPU time (time.process_time) and the number of notices.
Needs a superuser (CREATE DATABASE, ALTER TABLE … DISABLE TRIGGER).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid
from datetime import datetime, timedelta

from sqlalchemy import Engine, bindparam, create_engine, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from pmo_desktop.models import Portfolio, Project, Task
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database

_FUNCTION = text(
    "SELECT coalesce(sum(calls), 0), coalesce(sum(total_time), 0) "
    "FROM pg_stat_xact_user_functions WHERE funcname = 'pmo_notify_changes'"
)
_COLUMNS = ("start", "finish", "early_start", "early_finish", "total_slack_minutes", "critical")


def _schedule_rows(connection, shift: int) -> list[dict[str, object]]:
    """Every task with new dates, at the version stored (what the scheduler writes)."""
    day = datetime(2026, 5, 11, 8) + timedelta(days=shift)
    return [
        {"id": task_id, "version": version, "start": day, "finish": day + timedelta(hours=9),
         "early_start": day, "early_finish": day + timedelta(hours=9),
         "total_slack_minutes": shift, "critical": shift % 2 == 0}
        for task_id, version in connection.execute(select(Task.id, Task.version))
    ]  # fmt: skip


def _round(
    database: Database, row_by_row: Engine, many_values: Engine, project_id: int, rows: int
) -> dict[str, tuple[float, float, int, float]]:
    """Each operation: (wall seconds, client CPU seconds, trigger calls, milliseconds in the
    trigger function)."""
    engine = database.write_engine
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM tasks"))
    new_tasks = [{"project_id": project_id, "wbs": str(n), "name": f"T{n}"} for n in range(rows)]

    def insert_row_by_row(connection) -> None:
        connection.execute(insert(Task), new_tasks)

    def insert_again(connection) -> None:
        connection.execute(insert(Task), new_tasks)

    def update_executemany(connection) -> None:
        """The scheduler's store before: check_versions, then one executemany."""
        table = Task.__table__
        given = [
            {f"b_{name}": value for name, value in row.items()}
            for row in _schedule_rows(connection, 1)
        ]
        with Session(connection) as session:
            versions = {row["b_id"]: row["b_version"] for row in given}
            crud.check_versions(session, Task, versions)
            written = connection.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
                .values(
                    {name: bindparam(f"b_{name}") for name in _COLUMNS}
                    | {"version": table.c.version + 1, "updated_at": datetime.now().astimezone()}
                ),
                given,
            )
            crud.check_rowcount(session, Task, written.rowcount, versions)

    def update_rows(connection) -> None:
        with Session(connection) as session:
            crud.update_rows(session, Task, _schedule_rows(connection, 2),
                             also={"updated_at": datetime.now().astimezone()})  # fmt: skip

    def bulk_update(connection) -> None:
        connection.execute(update(Task).values(notes="bulk"))

    def single_updates(connection) -> None:
        ids = connection.execute(text("SELECT id FROM tasks ORDER BY id LIMIT 500")).scalars()
        for task_id in list(ids):
            connection.execute(update(Task).where(Task.id == task_id).values(notes="one"))

    figures: dict[str, tuple[float, float, int, float]] = {}
    for label, using, action in (
        ("INSERT, executemany", row_by_row, insert_row_by_row),
        ("INSERT, 500-row VALUES", many_values, insert_again),
        ("INSERT, unnest arrays", engine, insert_again),
        ("UPDATE, executemany", engine, update_executemany),
        ("UPDATE, update_rows", engine, update_rows),
        ("bulk UPDATE", engine, bulk_update),
        ("500 single updates", engine, single_updates),
    ):
        if action is insert_again:  # the same rows again, inserted another way
            with engine.begin() as connection:
                connection.execute(text("DELETE FROM tasks"))
        with using.begin() as connection:
            connection.execute(text("SET LOCAL track_functions = 'pl'"))
            # the view also holds the backend's earlier transactions until their counts
            # are flushed (PostgreSQL 15+ flushes at most once a second): take the delta
            calls_before, ms_before = connection.execute(_FUNCTION).one()
            start, cpu = time.perf_counter(), time.process_time()
            action(connection)
            cpu = time.process_time() - cpu
            calls, function_ms = connection.execute(_FUNCTION).one()
        figures[label] = (
            time.perf_counter() - start,
            cpu,
            int(calls - calls_before),
            float(function_ms - ms_before),
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    server = make_url(
        os.environ.get("PMO_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1/test")
    )
    name = f"pmo_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name).render_as_string(hide_password=False)
    # psycopg's own executemany, as every engine ran INSERTs before storage/engine.py did
    row_by_row = create_engine(url)
    many_values = create_engine(url, insertmanyvalues_page_size=500)
    many_values.dialect.use_insertmanyvalues_wo_returning = True
    try:
        database = open_database(url)
        other = open_database(url)
        with database.write_engine.begin() as connection:
            portfolio_id = connection.execute(
                insert(Portfolio).values(name="Bench").returning(Portfolio.id)
            ).scalar_one()
            project_id = connection.execute(
                insert(Project)
                .values(portfolio_id=portfolio_id, code="B", name="Bench")
                .returning(Project.id)
            ).scalar_one()
        walls: dict[str, dict[str, list[float]]] = {"on": {}, "off": {}}
        function_ms: dict[str, list[float]] = {}
        client_cpu: dict[str, list[float]] = {}
        calls: dict[str, int] = {}
        for _ in range(args.repeat):
            for state in ("off", "on"):
                verb = "ENABLE" if state == "on" else "DISABLE"
                with database.write_engine.begin() as connection:
                    connection.execute(text(f"ALTER TABLE tasks {verb} TRIGGER USER"))
                figures = _round(database, row_by_row, many_values, project_id, args.rows)
                for label, (wall, cpu, count, spent) in figures.items():
                    walls[state].setdefault(label, []).append(wall)
                    if state == "on":
                        client_cpu.setdefault(label, []).append(cpu)
                        function_ms.setdefault(label, []).append(spent)
                        calls[label] = count
        print(f"{args.rows:,} tasks, median of {args.repeat}")
        print(
            f"{'operation':<24}{'wall, off (s)':>15}{'wall, on (s)':>14}"
            f"{'client CPU (s)':>16}{'trigger calls':>15}{'trigger function (ms)':>23}"
        )
        for label in walls["on"]:
            off = statistics.median(walls["off"][label])
            on = statistics.median(walls["on"][label])
            spent = statistics.median(function_ms[label])
            cpu = statistics.median(client_cpu[label])
            print(
                f"{label:<24}{off:>15.3f}{on:>14.3f}{cpu:>16.3f}{calls[label]:>15,}{spent:>23.1f}"
            )

        feed = database.change_feed()
        feed.poll()
        with other.write_session() as session:
            crud.update_rows(session, Task, _schedule_rows(session.connection(), 3))
        cpu = time.process_time()
        seen: set[int] = set()
        polls = 0
        while len(seen) < args.rows and polls < 10_000:
            polls += 1
            changes = feed.poll()
            seen |= set(changes.tables.get("tasks", ()))
            if len(seen) < args.rows:
                time.sleep(0.001)
        cpu = time.process_time() - cpu
        print(
            f"listener: {len(seen):,} ids of one crud.update_rows read in {polls} polls, "
            f"{cpu * 1000:.1f} ms CPU ({args.rows // 500 + (args.rows % 500 > 0)} notices)"
        )
        feed.close()
        other.close()
        database.close()
    finally:
        row_by_row.dispose()
        many_values.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
