"""The Gantt read model on SQLite and PostgreSQL: WBS order, IDs, predecessors text,
resources, baseline and variance, calendar shading, engine dates and critical path."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import (
    Assignment,
    Baseline,
    BaselineTask,
    Calendar,
    CalendarException,
    CalendarWorkingTime,
    Dependency,
    LagUnit,
    LinkType,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.scheduling.cpm import schedule
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import gantt_data, link_suffix
from pmo_desktop.services.scheduling import load_plan, reschedule


def _build(database: Database) -> dict[str, int]:
    """Two phases (created in a shuffled order), links of every type, a holiday, a baseline."""
    ids: dict[str, int] = {}
    with database.write_session() as session:
        calendar = Calendar(name="Paris")
        session.add(calendar)
        session.flush()
        for weekday in range(5):
            for start, end in ((480, 720), (780, 1020)):
                session.add(CalendarWorkingTime(calendar_id=calendar.id, weekday=weekday,
                                                start_minute=start, end_minute=end))  # fmt: skip
        easter = date(2026, 4, 6)
        session.add(CalendarException(calendar_id=calendar.id, name="Easter Monday",
                                      start_date=easter, end_date=easter))  # fmt: skip
        portfolio = Portfolio(
            name="Group IT", calendar_id=calendar.id, as_of_date=date(2026, 4, 30)
        )
        session.add(portfolio)
        session.flush()
        project = Project(portfolio_id=portfolio.id, code="P1", name="Pilot",
                          start_date=date(2026, 3, 30), status_date=date(2026, 4, 15))  # fmt: skip
        session.add(project)
        session.flush()
        ids["project"] = project.id
        ids["portfolio"] = portfolio.id

        def task(key: str, parent: str | None, position: int, wbs: str, **fields) -> None:
            row = Task(project_id=project.id, parent_id=ids[parent] if parent else None,
                       position=position, wbs=wbs, name=key, **fields)  # fmt: skip
            session.add(row)
            session.flush()
            ids[key] = row.id

        # Phase 2 first, so that id order is not WBS order.
        task("Build", None, 2, "2", is_summary=True)
        task("Code", "Build", 1, "2.1", duration_minutes=5 * 480)
        task("Design", None, 1, "1", is_summary=True)
        task("Specify", "Design", 2, "1.2", duration_minutes=3 * 480, notes="Ask legal")
        task("Interview", "Design", 1, "1.1", duration_minutes=2 * 480, percent_complete=100)
        task("Test", "Build", 2, "2.2", duration_minutes=4 * 480)
        task("Go live", None, 3, "3", is_milestone=True)
        links = [
            ("Interview", "Specify", LinkType.FS, 0, LagUnit.WORKING),
            ("Specify", "Code", LinkType.FS, 2 * 480, LagUnit.WORKING),
            ("Code", "Test", LinkType.SS, 480, LagUnit.WORKING),
            ("Code", "Test", LinkType.FF, 0, LagUnit.WORKING),
            ("Test", "Go live", LinkType.FS, -1440, LagUnit.ELAPSED),
        ]
        for before, after, kind, lag, unit in links[:3] + links[4:]:
            session.add(Dependency(predecessor_id=ids[before], successor_id=ids[after],
                                   type=kind, lag=lag, lag_unit=unit))  # fmt: skip
        for name, tasks in (("Zoé Roux", ("Code", "Test")), ("Adam Bell", ("Code",))):
            resource = Resource(portfolio_id=portfolio.id, code=name[:3], name=name)
            session.add(resource)
            session.flush()
            for key in tasks:
                session.add(Assignment(task_id=ids[key], resource_id=resource.id))
    reschedule(database, ids["portfolio"])
    with database.write_session() as session:
        baseline = Baseline(project_id=ids["project"], number=0, name="Approved")
        session.add(baseline)
        session.flush()
        for row in session.scalars(select(Task).where(Task.project_id == ids["project"])):
            finish = row.finish
            if row.name == "Test":  # the plan has slipped two days since the baseline
                finish = datetime(finish.year, finish.month, finish.day - 2, 17)
            session.add(BaselineTask(baseline_id=baseline.id, task_id=row.id, start=row.start,
                                     finish=finish))  # fmt: skip
    return ids


def test_tasks_come_in_wbs_order_with_ids_predecessors_and_resources(database: Database) -> None:
    ids = _build(database)
    data = gantt_data(database, ids["project"])
    assert [task.name for task in data.tasks] == [
        "Design", "Interview", "Specify", "Build", "Code", "Test", "Go live",
    ]  # fmt: skip
    assert [task.number for task in data.tasks] == list(range(1, 8))
    by_name = {task.name: task for task in data.tasks}
    assert by_name["Specify"].predecessors == "2"
    assert by_name["Code"].predecessors == "3FS+2d"
    assert by_name["Test"].predecessors == "5SS+1d"
    assert by_name["Go live"].predecessors == "6FS-1ed"
    assert by_name["Code"].resources == ("Adam Bell", "Zoé Roux")
    assert by_name["Test"].resources == ("Zoé Roux",)
    assert by_name["Specify"].has_notes and not by_name["Code"].has_notes
    assert by_name["Code"].parent_id == ids["Build"]
    assert {(link.predecessor_id, link.successor_id) for link in data.links} == {
        (ids["Interview"], ids["Specify"]),
        (ids["Specify"], ids["Code"]),
        (ids["Code"], ids["Test"]),
        (ids["Test"], ids["Go live"]),
    }
    assert (data.code, data.name, data.status_date) == ("P1", "Pilot", date(2026, 4, 15))


def test_dates_slack_and_critical_are_the_engines(database: Database) -> None:
    ids = _build(database)
    data = gantt_data(database, ids["project"])
    with database.session() as session:
        result = schedule(load_plan(session, ids["portfolio"]))
    for task in data.tasks:
        engine = result.tasks[task.id]
        assert (task.start, task.finish) == (engine.start, engine.finish)
        assert task.total_slack_minutes == engine.total_slack
        assert task.critical == engine.critical
    # Specify ends Fri 3 April; a 2-day lag skips Easter Monday (a holiday): Code starts Thu 9.
    code = next(task for task in data.tasks if task.name == "Code")
    assert code.start == datetime(2026, 4, 9, 8)
    assert data.start == datetime(2026, 3, 30, 8)


def test_baseline_variance_and_calendar(database: Database) -> None:
    ids = _build(database)
    data = gantt_data(database, ids["project"])
    test = next(task for task in data.tasks if task.name == "Test")
    assert test.baseline_finish is not None and test.finish is not None
    assert test.finish_variance_minutes == 2 * 480
    assert next(t for t in data.tasks if t.name == "Code").finish_variance_minutes == 0
    assert data.baselines == (0,)
    assert data.non_working(date(2026, 4, 6))  # the holiday
    assert data.non_working(date(2026, 4, 4))  # a Saturday
    assert not data.non_working(date(2026, 4, 7))
    other = gantt_data(database, ids["project"], baseline_number=3)
    assert all(task.baseline_start is None for task in other.tasks)
    assert all(task.finish_variance_minutes is None for task in other.tasks)


def test_unknown_project_is_a_clear_error(database: Database) -> None:
    with pytest.raises(NotFoundError, match="Project 999 does not exist"):
        gantt_data(database, 999)


def test_empty_project(database: Database) -> None:
    with database.write_session() as session:
        portfolio = Portfolio(name="Empty")
        session.add(portfolio)
        session.flush()
        project = Project(portfolio_id=portfolio.id, code="E", name="Nothing yet")
        session.add(project)
        session.flush()
        project_id = project.id
    data = gantt_data(database, project_id)
    assert data.tasks == () and data.links == ()
    assert data.start is None and data.finish is None


@pytest.mark.parametrize(
    ("kind", "lag", "unit", "expected"),
    [
        (LinkType.FS, 0, LagUnit.WORKING, ""),
        (LinkType.SS, 0, LagUnit.WORKING, "SS"),
        (LinkType.FF, 240, LagUnit.WORKING, "FF+0.5d"),
        (LinkType.SF, -960, LagUnit.WORKING, "SF-2d"),
        (LinkType.FS, 2880, LagUnit.ELAPSED, "FS+2ed"),
        (LinkType.FS, 50, LagUnit.PERCENT, "FS+50%"),
    ],
)
def test_predecessor_notation(kind: LinkType, lag: int, unit: LagUnit, expected: str) -> None:
    assert link_suffix(kind, lag, unit, 480) == expected
