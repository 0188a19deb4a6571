"""A deterministic demo portfolio: realistic for a PMO at small scale, the reference at large.

``create_demo`` fills an empty database (schema already created) in one transaction: the
same scale, seed and status date always give the same rows, UUIDs included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from pmo_desktop.errors import PmoError
from pmo_desktop.services.demo.generator import PORTFOLIO_ID, build_dataset
from pmo_desktop.services.demo.writer import write_rows
from pmo_desktop.services.scheduling import reschedule_in

__all__ = ["DemoError", "DemoSummary", "create_demo"]

#: Shares of the progress bar: building the rows, then inserting them, then scheduling.
_BUILD_SHARE = 300
_SCHEDULE_SHARE = 100
_PROGRESS_TOTAL = 1000


class DemoError(PmoError):
    """The demo cannot be created (the message is meant for the user)."""


@dataclass(frozen=True)
class DemoSummary:
    """What ``create_demo`` inserted."""

    portfolio_id: int
    counts: dict[str, int]
    as_of: date


def create_demo(
    engine: sa.Engine,
    *,
    scale: Literal["small", "large"] = "small",
    seed: int = 7,
    as_of: date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> DemoSummary:
    """Generate the demo portfolio into the empty database behind ``engine``.

    ``as_of`` (default: today) is the status date; ``progress(done, total, label)`` is
    called now and then with ``total`` fixed for the whole run.
    """
    if scale not in ("small", "large"):
        raise DemoError(f"unknown demo scale {scale!r}: use 'small' or 'large'")
    status_date = as_of or date.today()
    _check_empty(engine)

    def report(done: int, label: str) -> None:
        if progress is not None:
            progress(done, _PROGRESS_TOTAL, label)

    def building(fraction: float, label: str) -> None:
        report(round(_BUILD_SHARE * fraction), label)

    def inserting(done: int, total: int) -> None:
        share = _PROGRESS_TOTAL - _BUILD_SHARE - _SCHEDULE_SHARE
        report(_BUILD_SHARE + share * done // max(total, 1), "Inserting rows")

    ctx = build_dataset(scale, seed, status_date, building)
    counts = write_rows(engine, ctx.tables, ctx.rng, inserting)
    report(_PROGRESS_TOTAL - _SCHEDULE_SHARE, "Scheduling")
    # The generator places every task where a forward pass puts it; scheduling adds what a
    # user expects to see at once: late dates, slack and the critical path.
    with Session(engine) as session, session.begin():
        reschedule_in(session, PORTFOLIO_ID)
    report(_PROGRESS_TOTAL, "")
    return DemoSummary(portfolio_id=PORTFOLIO_ID, counts=counts, as_of=status_date)


def _check_empty(engine: sa.Engine) -> None:
    """Refuse a database that already holds a portfolio (explicit ids would collide)."""
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        if not inspector.has_table("portfolios") or not inspector.has_table("tasks"):
            raise DemoError("the database has no schema: create or upgrade it first")
        for table in ("portfolios", "tasks", "resources"):
            count = connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
            if count:
                raise DemoError(f"the database is not empty ({table} has {count} rows)")
