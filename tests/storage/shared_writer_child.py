"""A PMO Desktop process on a shared file, driven by the lease tests (and the benchmark).

Usage: python shared_writer_child.py DB [--ttl S] [--take-over] [--loop ROWS]
Prints `ready <token|-> <read_only>` once open. Then, without --loop, reads commands from
stdin: `write ROWS` (one batch, answers `ok <batch>` or `lost <message>`), `heartbeat`
(answers `beat <True|False>`), `quit`. With --loop it writes batches until killed.

A batch inserts ROWS portfolios whose description names the batch and, in the same
transaction, increments the ledger row's counter: after any crash, every batch must be
whole or absent and the ledger must equal the number of whole batches.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid

from sqlalchemy import select

from pmo_desktop.errors import LeaseLostError
from pmo_desktop.models import Portfolio
from pmo_desktop.services.database import Database, open_database

LEDGER = "ledger"


def write_batch(database: Database, rows: int, pause: float = 0.0) -> str:
    """One all-or-nothing batch; returns its tag."""
    tag = f"batch-{uuid.uuid4().hex[:10]}"
    with database.write_session() as session:
        ledger = session.scalars(select(Portfolio).where(Portfolio.name == LEDGER)).first()
        if ledger is None:
            ledger = Portfolio(name=LEDGER, organisation="0")
            session.add(ledger)
        for number in range(rows):
            session.add(Portfolio(name=f"{tag}-{number}", description=tag))
            if pause and number % 20 == 19:
                session.flush()
                time.sleep(pause)
        ledger.organisation = str(int(ledger.organisation) + 1)
    return tag


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--ttl", type=int, default=120)
    parser.add_argument("--take-over", action="store_true")
    parser.add_argument("--loop", type=int, default=0)
    args = parser.parse_args()
    database = open_database(args.db, lease_ttl_s=args.ttl, take_over=args.take_over)
    token = database.lease.token if database.lease is not None else "-"
    print(f"ready {token} {database.read_only}", flush=True)
    if args.loop:
        batch = 0
        while True:
            write_batch(database, args.loop, pause=0.002)
            batch += 1
            print(f"ok {batch}", flush=True)
    batch = 0
    for line in sys.stdin:
        command, *rest = line.split()
        if command == "write":
            try:
                write_batch(database, int(rest[0]) if rest else 10)
            except LeaseLostError as exc:
                print(f"lost {exc}", flush=True)
                continue
            batch += 1
            print(f"ok {batch}", flush=True)
        elif command == "heartbeat":
            print(f"beat {database.heartbeat()}", flush=True)
        elif command == "quit":
            break
    database.close()
    print("closed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
