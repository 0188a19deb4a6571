"""PostgreSQL team server: N editor processes x M edits on overlapping tasks, no lost update.

    python bench/bench_postgres_editors.py [--editors 10] [--edits 500] [--tasks 20]
        [--projects 5] [--think-ms 0] [--server URL]

A fresh database is set up with `admin init-server` and one editor login per process (roles
enforced by the server). Each editor repeatedly picks a random task among `--tasks` spread
over `--projects` projects, reads it, and saves `work_minutes + 1` at the version it read
(services.crud.update, optimistic locking); on a conflict it re-reads and tries again until
accepted. Checked afterwards: each task's counter equals the edits accepted on it (no lost
update: every conflict was detected), its version moved once per accepted edit, and the
audit trail holds one row per accepted edit (none for refused ones). Reported: accepted
edits/s, attempts/s, conflicts, latency of an accepted edit (read + save, retries included).
The database and its roles are dropped at the end. Server: --server, else
PMO_TEST_POSTGRES_URL (a URL with a database to connect to, as the tests use).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import AuditEntry, Portfolio, Project, Task
from pmo_desktop.models.enums import AuditAction, RoleName
from pmo_desktop.services import crud
from pmo_desktop.services.database import open_database
from pmo_desktop.storage.locations import resolve_target
from pmo_desktop.storage.server_admin import add_user, init_server


def _setup(url: str, editors: int, projects: int, tasks: int) -> tuple[list[str], list[int]]:
    """Schema, roles, one editor login per process, and the tasks to fight over."""
    setup = init_server(resolve_target(url))
    logins = []
    for number in range(editors):
        user = f"{setup.database}_editor_{number}"
        add_user(resolve_target(url), user, RoleName.EDITOR)
        logins.append(make_url(url).set(username=user).render_as_string(hide_password=False))
    database = open_database(url)
    try:
        portfolio = crud.create(database, Portfolio, name="Bench")
        plans = [
            crud.create(
                database, Project, portfolio_id=portfolio.id, code=f"P{number}", name=f"P {number}"
            )
            for number in range(projects)
        ]
        task_ids = [
            crud.create(
                database, Task, project_id=plans[number % projects].id, name=f"Task {number}",
                position=number,
            ).id
            for number in range(tasks)
        ]  # fmt: skip
    finally:
        database.close()
    return logins, task_ids


def _editor(url: str, task_ids: list[int], edits: int, think_ms: float, seed: int) -> dict:
    """One editor process: `edits` accepted increments, retrying each conflict after a re-read."""
    database = open_database(url)
    assert database.server_role == "editor" and not database.read_only
    rng = random.Random(seed)
    accepted: Counter[int] = Counter()
    conflicts = attempts = 0
    latencies: list[float] = []
    print("ready", flush=True)
    sys.stdin.readline()  # the start signal: every editor begins together
    started = time.perf_counter()
    try:
        for _ in range(edits):
            task_id = rng.choice(task_ids)
            begun = time.perf_counter()
            while True:
                attempts += 1
                task = crud.get(database, Task, task_id)
                if think_ms:
                    time.sleep(rng.uniform(0, think_ms) / 1000)
                try:
                    crud.update(
                        database, Task, task_id, task.version, work_minutes=task.work_minutes + 1
                    )
                except ConflictError:
                    conflicts += 1
                    continue
                break
            accepted[task_id] += 1
            latencies.append(time.perf_counter() - begun)
    finally:
        database.close()
    return {
        "seconds": time.perf_counter() - started,
        "accepted": {str(key): value for key, value in accepted.items()},
        "conflicts": conflicts,
        "attempts": attempts,
        "latencies": latencies,
    }


def _check(url: str, task_ids: list[int], accepted: Counter[int]) -> dict[str, int]:
    database = open_database(url)
    try:
        with database.session() as session:
            rows = {
                row.id: (row.work_minutes, row.version)
                for row in session.scalars(select(Task).where(Task.id.in_(task_ids)))
            }
            audit_rows = session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(
                    AuditEntry.entity.in_(("tasks", "Task")),
                    AuditEntry.entity_id.in_(task_ids),
                    AuditEntry.action == AuditAction.UPDATE,
                )
            )
    finally:
        database.close()
    lost = sum(max(accepted[task_id] - rows[task_id][0], 0) for task_id in task_ids)
    wrong_counter = sum(rows[task_id][0] != accepted[task_id] for task_id in task_ids)
    wrong_version = sum(rows[task_id][1] != 1 + accepted[task_id] for task_id in task_ids)
    return {
        "tasks_with_wrong_counter": wrong_counter,
        "tasks_with_wrong_version": wrong_version,
        "lost_updates": lost,
        "counter_total": sum(value for value, _ in rows.values()),
        "audit_update_rows": int(audit_rows or 0),
    }


def _run(args: argparse.Namespace) -> int:
    server = args.server or os.environ.get("PMO_TEST_POSTGRES_URL")
    if not server:
        print("Give --server URL or set PMO_TEST_POSTGRES_URL.", file=sys.stderr)
        return 2
    base = make_url(server).set(drivername="postgresql+psycopg")
    name = f"pmo_bench_editors_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = base.set(database=name).render_as_string(hide_password=False)
    try:
        logins, task_ids = _setup(url, args.editors, args.projects, args.tasks)
        children = [_spawn(login, task_ids, args, number) for number, login in enumerate(logins)]
        for child in children:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        results = [json.loads(child.communicate()[0]) for child in children]
        wall = time.perf_counter() - started
        accepted: Counter[int] = Counter()
        for result in results:
            accepted.update({int(key): value for key, value in result["accepted"].items()})
        checks = _check(url, task_ids, accepted)
        _report(args, wall, results, accepted, checks)
        ok = (
            checks["lost_updates"] == 0
            and checks["tasks_with_wrong_counter"] == 0
            and checks["tasks_with_wrong_version"] == 0
            and checks["counter_total"] == sum(accepted.values())
        )
        return 0 if ok else 1
    finally:
        _drop(admin, base, name)
        admin.dispose()


def _spawn(
    login: str, task_ids: list[int], args: argparse.Namespace, seed: int
) -> subprocess.Popen[str]:
    command = [sys.executable, __file__, "--child", login, "--task-ids", json.dumps(task_ids)]
    command += ["--edits", str(args.edits), "--think-ms", str(args.think_ms), "--seed", str(seed)]
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _report(
    args: argparse.Namespace,
    wall: float,
    results: list[dict],
    accepted: Counter[int],
    checks: dict[str, int],
) -> None:
    total = sum(accepted.values())
    conflicts = sum(result["conflicts"] for result in results)
    attempts = sum(result["attempts"] for result in results)
    latencies = sorted(value for result in results for value in result["latencies"])
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else 0.0
    print(
        f"{args.editors} editors x {args.edits} edits on {args.tasks} tasks in "
        f"{args.projects} projects (think {args.think_ms} ms): {wall:.1f} s"
    )
    print(
        f"  accepted edits     {total} ({total / wall:.0f}/s); attempts {attempts} "
        f"({attempts / wall:.0f}/s)"
    )
    print(f"  conflicts detected {conflicts} ({conflicts / max(attempts, 1):.1%} of attempts)")
    print(
        f"  accepted-edit latency median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms (read + save, retries included)"
    )
    print(
        f"  final counters total {checks['counter_total']} (accepted {total}); tasks with a "
        f"wrong counter {checks['tasks_with_wrong_counter']}, wrong version "
        f"{checks['tasks_with_wrong_version']}; lost updates {checks['lost_updates']}"
    )
    print(f"  audit rows for task updates {checks['audit_update_rows']} (accepted {total})")


def _drop(admin: object, base: object, name: str) -> None:
    with admin.connect() as connection:  # type: ignore[attr-defined]
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        roles = connection.execute(
            text("SELECT rolname FROM pg_roles WHERE starts_with(rolname, :name)"), {"name": name}
        ).scalars()
        for role in list(roles):
            connection.exec_driver_sql(f'DROP ROLE "{role}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=10)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=20)
    parser.add_argument("--projects", type=int, default=5)
    parser.add_argument("--think-ms", type=float, default=0.0)
    parser.add_argument("--server", help="PostgreSQL server URL (default PMO_TEST_POSTGRES_URL)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--task-ids", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        task_ids = json.loads(args.task_ids)
        print(json.dumps(_editor(args.child, task_ids, args.edits, args.think_ms, args.seed)))
        return 0
    return _run(args)


if __name__ == "__main__":
    sys.exit(main())
