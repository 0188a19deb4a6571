"""Levelling proposals for a stored portfolio: delays returned, nothing stored."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import select

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import Task
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.levelling import propose_levelling
from pmo_desktop.services.scheduling import reschedule

AS_OF = date(2026, 10, 30)


def test_propose_levelling_on_the_demo_portfolio(database: Database) -> None:
    create_demo(database.write_engine, as_of=AS_OF)
    reschedule(database, 1)
    with database.session() as session:
        before = {task.id: (task.start, task.version) for task in session.scalars(select(Task))}
    seen: list[int] = []
    proposal = propose_levelling(
        database, 1, time_limit_s=1.0, progress=lambda done, total, label: seen.append(done)
    )
    assert proposal.delays, "the demo portfolio has over-allocated people"
    assert seen and seen[-1] == 1000
    for task_id, minutes in proposal.delays.items():
        assert minutes > 0
        assert proposal.starts[task_id] > before[task_id][0]
    assert proposal.finish_after is not None and proposal.finish_before is not None
    assert proposal.finish_after >= proposal.finish_before
    for message in proposal.over_allocations:
        assert "over-allocated" in message or "summary" in message
    with database.session() as session:
        after = {task.id: (task.start, task.version) for task in session.scalars(select(Task))}
    assert after == before  # a proposal only: nothing is stored

    inside = propose_levelling(database, 1, within_slack=True, time_limit_s=0.5)
    assert inside.finish_after == inside.finish_before
    stop = threading.Event()
    stop.set()
    cancelled = propose_levelling(database, 1, time_limit_s=30, cancel=stop)
    assert cancelled.cancelled


def test_propose_levelling_bad_input(database: Database) -> None:
    with pytest.raises(NotFoundError):
        propose_levelling(database, 99)
    with pytest.raises(ValidationError):
        propose_levelling(database, 1, time_limit_s=0)
