"""PostgreSQL change notices (migration 0011): what the triggers cost the writer, and what
reading the notices costs a listening client.

    PMO_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        python bench/bench_change_notices.py [--rows N] [--repeat R]

On a scratch database (created and dropped): N tasks inserted by one Core executemany,
then one bulk UPDATE of all of them, then 500 single-row ORM updates (one statement each,
as the GUI's edits), each timed with the tasks' triggers enabled and disabled (median of R
runs, wall clock: the work is the server's, and noisy on a shared machine), and the time
the server spent in the trigger function (pg_stat_xact_user_functions: the steady
figure). Then a listening feed polls the notices of
one bulk UPDATE: its CPU time (time.process_time) and the number of notices. Needs a
superuser (CREATE DATABASE, ALTER TABLE … DISABLE TRIGGER).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid

from sqlalchemy import create_engine, insert, text, update
from sqlalchemy.engine import make_url

from pmo_desktop.models import Portfolio, Project, Task
from pmo_desktop.services.database import Database, open_database

_FUNCTION_MS = text(
    "SELECT coalesce(sum(total_time), 0) FROM pg_stat_xact_user_functions "
    "WHERE funcname = 'pmo_notify_changes'"
)


def _round(database: Database, project_id: int, rows: int) -> dict[str, tuple[float, float]]:
    """Each operation: (wall seconds, milliseconds spent in the trigger function)."""
    engine = database.write_engine
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM tasks"))

    def bulk_insert(connection) -> None:
        connection.execute(
            insert(Task),
            [{"project_id": project_id, "wbs": str(n), "name": f"T{n}"} for n in range(rows)],
        )

    def bulk_update(connection) -> None:
        connection.execute(update(Task).values(notes="bulk"))

    def single_updates(connection) -> None:
        ids = connection.execute(text("SELECT id FROM tasks ORDER BY id LIMIT 500")).scalars()
        for task_id in list(ids):
            connection.execute(update(Task).where(Task.id == task_id).values(notes="one"))

    figures: dict[str, tuple[float, float]] = {}
    for label, action in (
        ("insert", bulk_insert),
        ("bulk update", bulk_update),
        ("500 single updates", single_updates),
    ):
        with engine.begin() as connection:
            connection.execute(text("SET LOCAL track_functions = 'pl'"))
            start = time.perf_counter()
            action(connection)
            function_ms = float(connection.execute(_FUNCTION_MS).scalar_one())
        figures[label] = (time.perf_counter() - start, function_ms)
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
        for _ in range(args.repeat):
            for state in ("off", "on"):
                verb = "ENABLE" if state == "on" else "DISABLE"
                with database.write_engine.begin() as connection:
                    connection.execute(text(f"ALTER TABLE tasks {verb} TRIGGER USER"))
                for label, (wall, spent) in _round(database, project_id, args.rows).items():
                    walls[state].setdefault(label, []).append(wall)
                    if state == "on":
                        function_ms.setdefault(label, []).append(spent)
        print(f"{args.rows:,} tasks, median of {args.repeat}")
        print(
            f"{'operation':<20}{'wall, off (s)':>15}{'wall, on (s)':>14}"
            f"{'trigger function (ms)':>23}"
        )
        for label in walls["on"]:
            off = statistics.median(walls["off"][label])
            on = statistics.median(walls["on"][label])
            spent = statistics.median(function_ms[label])
            print(f"{label:<20}{off:>15.3f}{on:>14.3f}{spent:>23.1f}")

        feed = database.change_feed()
        feed.poll()
        with other.write_engine.begin() as connection:
            connection.execute(update(Task).values(notes="seen"))
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
            f"listener: {len(seen):,} ids of one bulk UPDATE read in {polls} polls, "
            f"{cpu * 1000:.1f} ms CPU ({args.rows // 500 + (args.rows % 500 > 0)} notices)"
        )
        feed.close()
        other.close()
        database.close()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
