"""A shared SQLite file: 1 writer holding the lease + 3 readers refreshing on data_version.

    python bench/bench_shared_sqlite.py [--seconds S] [--readers N] [--rate R] [--rows K]

All processes run with PMO_ASSUME_NETWORK_FS=1 on one file (journal mode DELETE, lease).
The writer commits batches as fast as it can (or R per second): each inserts K portfolio
rows, adds one to the ledger, and moves an amount between two account rows, in one
transaction. Each reader polls its change feed (PRAGMA data_version) every 5 ms and, on a
change, re-reads the state in one read transaction and checks the invariants:
rows = K x ledger and alpha + beta = constant. Reported: commits/s, refreshes, invariant
violations (must be 0), and the refresh latency (writer's commit stamp to the reader's read).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pmo_desktop.models import Portfolio
from pmo_desktop.services.database import Database, open_database

TOTAL = 1_000_000
ACCOUNTS = ("alpha", "beta", "ledger", "clock")


def _setup(path: Path) -> None:
    database = open_database(path)
    try:
        with database.write_session() as session:
            session.add_all(
                [
                    Portfolio(name="alpha", organisation=str(TOTAL)),
                    Portfolio(name="beta", organisation="0"),
                    Portfolio(name="ledger", organisation="0"),
                    Portfolio(name="clock", organisation="0"),
                ]
            )
    finally:
        database.close()


def _accounts(session: Session) -> dict[str, Portfolio]:
    rows = session.scalars(select(Portfolio).where(Portfolio.name.in_(ACCOUNTS)))
    return {row.name: row for row in rows}


def _writer(path: Path, seconds: float, rate: float, rows: int) -> dict[str, float]:
    database = open_database(path)
    assert database.lease is not None, database.read_only_reason
    _ready_then_wait()
    randomiser = random.Random(1)
    commits, started, durations = 0, time.perf_counter(), []
    next_beat = started + database.heartbeat_interval_s
    while time.perf_counter() - started < seconds:
        began = time.perf_counter()
        with database.write_session() as session:
            accounts = _accounts(session)
            amount = randomiser.randint(1, 1000)
            accounts["alpha"].organisation = str(int(accounts["alpha"].organisation) - amount)
            accounts["beta"].organisation = str(int(accounts["beta"].organisation) + amount)
            ledger = int(accounts["ledger"].organisation) + 1
            accounts["ledger"].organisation = str(ledger)
            session.add_all(
                Portfolio(name=f"row-{ledger}-{number}", description="bench")
                for number in range(rows)
            )
            accounts["clock"].organisation = repr(time.time())
        durations.append(time.perf_counter() - began)
        commits += 1
        if time.perf_counter() > next_beat:
            database.heartbeat()
            next_beat += database.heartbeat_interval_s
        if rate:
            time.sleep(max(0.0, 1 / rate - (time.perf_counter() - began)))
    elapsed = time.perf_counter() - started
    database.close()
    return {
        "commits": commits,
        "commits_per_s": commits / elapsed,
        "commit_ms_median": statistics.median(durations) * 1000,
        "commit_ms_p95": statistics.quantiles(durations, n=20)[-1] * 1000,
    }


def _read_state(database: Database, rows: int) -> tuple[bool, float]:
    with database.session() as session:
        accounts = _accounts(session)
        count = session.scalar(
            select(func.count()).select_from(Portfolio).where(Portfolio.description == "bench")
        )
        ledger = int(accounts["ledger"].organisation)
        total = int(accounts["alpha"].organisation) + int(accounts["beta"].organisation)
        stamp = float(accounts["clock"].organisation)
    return count == rows * ledger and total == TOTAL, stamp


def _reader(path: Path, seconds: float, rows: int) -> dict[str, float]:
    database = open_database(path)
    assert database.read_only and database.lease_holder is not None, (
        database.read_only,
        database.read_only_reason,
        database.lease,
    )
    feed = database.change_feed()
    _ready_then_wait()
    refreshes, violations, latencies = 0, 0, []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if feed.poll():
            consistent, stamp = _read_state(database, rows)
            seen = time.time()
            refreshes += 1
            violations += not consistent
            if stamp:
                latencies.append(seen - stamp)
        else:
            time.sleep(0.005)
    feed.close()
    database.close()
    latencies.sort()
    return {
        "refreshes": refreshes,
        "violations": violations,
        "latency_ms_median": statistics.median(latencies) * 1000 if latencies else 0.0,
        "latency_ms_p95": latencies[int(len(latencies) * 0.95)] * 1000 if latencies else 0.0,
    }


def _ready_then_wait() -> None:
    """Say the database is open, then start when the conductor says go (all at once)."""
    print("ready", flush=True)
    sys.stdin.readline()


def _spawn(role: str, path: Path, args: argparse.Namespace) -> subprocess.Popen[str]:
    command = [
        sys.executable,
        __file__,
        "--role",
        role,
        "--db",
        str(path),
        "--seconds",
        str(args.seconds),
        "--rate",
        str(args.rate),
        "--rows",
        str(args.rows),
    ]
    env = {**os.environ, "PMO_ASSUME_NETWORK_FS": "1"}
    return subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )


def _wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"


def _run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "shared.sqlite"
        os.environ["PMO_ASSUME_NETWORK_FS"] = "1"
        _setup(path)
        writer = _spawn("writer", path, args)
        _wait_ready(writer)  # it holds the lease: the readers open read-only
        readers = [_spawn("reader", path, args) for _ in range(args.readers)]
        for reader in readers:
            _wait_ready(reader)
        for process in [writer, *readers]:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        results = [json.loads(p.communicate()[0].strip()) for p in [writer, *readers]]
    written, read = results[0], results[1:]
    pace = f"{args.rate:g}/s" if args.rate else "unthrottled"
    print(
        f"writer ({pace}, {args.rows} rows/commit): {written['commits']} commits, "
        f"{written['commits_per_s']:.0f} commits/s, commit median "
        f"{written['commit_ms_median']:.1f} ms, p95 {written['commit_ms_p95']:.1f} ms"
    )
    for number, result in enumerate(read, 1):
        print(
            f"reader {number}: {result['refreshes']} refreshes, {result['violations']} "
            f"inconsistent, latency median {result['latency_ms_median']:.1f} ms, "
            f"p95 {result['latency_ms_p95']:.1f} ms"
        )
    if any(result["violations"] for result in read):
        sys.exit("A reader saw an inconsistent state.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--readers", type=int, default=3)
    parser.add_argument("--rate", type=float, default=0, help="writer commits/s (0: max)")
    parser.add_argument("--rows", type=int, default=10)
    parser.add_argument("--role", choices=("writer", "reader"))
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.role == "writer":
        print(json.dumps(_writer(args.db, args.seconds, args.rate, args.rows)))
    elif args.role == "reader":
        print(json.dumps(_reader(args.db, args.seconds, args.rows)))
    else:
        _run(args)


if __name__ == "__main__":
    main()
