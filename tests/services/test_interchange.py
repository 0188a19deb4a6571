"""MSPDI files into and out of the database, on SQLite files and PostgreSQL."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.mspdi import (
    MspdiAssignment,
    MspdiImport,
    MspdiLink,
    MspdiResource,
    MspdiTask,
    ProjectProperties,
    read_mspdi,
    write_mspdi,
)
from pmo_desktop.models import (
    Assignment,
    Base,
    Baseline,
    BaselineTask,
    Calendar,
    CalendarException,
    Dependency,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.scheduling.model import LinkSpec, TaskSpec
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.interchange import export_mspdi, import_mspdi

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mspdi"
LINKS = "project2019/task-links-project2019-mspdi.xml"
CALTEST = "legacy/caltest.xml"
ASSIGNMENTS = "project2019/assignment-assignments-project2019-mspdi.xml"
BASELINES = "project2019/task-baselines-project2019-mspdi.xml"
OUTLINE = "legacy/sample1.xml"  # three outline levels


def shared(name: str) -> Path:
    """A shared sample file; skip without the data (fail when it is required)."""
    path = SHARED / name
    if not path.is_file():
        reason = f"shared MSPDI sample {path} is absent"
        if os.environ.get("PMO_REQUIRE_SHARED_DATA", "") not in ("", "0"):
            pytest.fail(reason + " (PMO_REQUIRE_SHARED_DATA=1)")
        pytest.skip(reason)
    return path


def row_counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def test_links_file_gives_tasks_and_typed_links(database: Database) -> None:
    path = shared(LINKS)
    summary = import_mspdi(database, path)
    assert summary.counts["tasks"] == 16
    assert summary.counts["dependencies"] == 8
    imported = read_mspdi(path)
    with database.session() as session:
        # The WBS codes of the file are kept: they tell which row is which file UID.
        by_wbs = {t.wbs or t.outline_number: t.uid for t in imported.tasks if t.outline_level}
        rows = session.execute(
            select(Task.id, Task.wbs).where(Task.project_id == summary.project_id)
        ).all()
        uids = {task_id: by_wbs[wbs] for task_id, wbs in rows}
        assert len(uids) == 16
        stored = {
            (uids[dep.predecessor_id], uids[dep.successor_id]): (dep.type.value, dep.lag)
            for dep in session.scalars(select(Dependency))
        }
        project = session.get(Project, summary.project_id)
        assert project is not None and project.calendar_id is not None
        dated = session.scalar(
            select(func.count()).where(Task.project_id == project.id, Task.early_start.is_not(None))
        )
    assert stored == {
        (link.spec.predecessor, link.spec.successor): (link.spec.type, link.spec.lag)
        for link in imported.links
    }
    assert {kind for kind, _ in stored.values()} == {"FS", "SS", "FF", "SF"}
    assert sorted(lag for _, lag in stored.values()) == [0, 480, 960, 960, 960, 960, 2400, 4800]
    assert dated == 16  # rescheduled after the import
    assert all(isinstance(line, str) for line in summary.report)


def test_calendar_exceptions_are_imported(database: Database) -> None:
    summary = import_mspdi(database, shared(CALTEST))
    with database.session() as session:
        calendars = {
            calendar.name: calendar.id
            for calendar in session.scalars(select(Calendar).order_by(Calendar.id))
        }
        resource_three = next(cid for name, cid in calendars.items() if "Resource Three" in name)
        exceptions = session.scalars(
            select(CalendarException)
            .where(CalendarException.calendar_id == resource_three)
            .order_by(CalendarException.start_date)
        ).all()
        resource = session.scalars(select(Resource).where(Resource.name == "Resource Three")).one()
    assert len(calendars) == summary.counts["calendars"] == 5
    assert [(e.start_date, e.end_date, e.working) for e in exceptions] == [
        (date(2005, 11, 1), date(2005, 11, 4), False),
        (date(2005, 11, 21), date(2005, 11, 25), False),
    ]
    assert resource.calendar_id == resource_three


def test_resources_and_assignments_are_imported(database: Database) -> None:
    summary = import_mspdi(database, shared(ASSIGNMENTS))
    assert summary.counts["resources"] == 3
    assert summary.counts["assignments"] == 3
    with database.session() as session:
        rows = session.execute(
            select(Resource.name, Resource.code, Task.name, Assignment)
            .join(Assignment, Assignment.resource_id == Resource.id)
            .join(Task, Task.id == Assignment.task_id)
            .order_by(Resource.name)
        ).all()
    assert [(name, code) for name, code, _, _ in rows] == [
        ("Resource 1", "RESOURCE-1"),
        ("Resource 2", "RESOURCE-2"),
        ("Resource 3", "RESOURCE-3"),
    ]
    assert [(a.work_minutes, a.actual_work_minutes, a.units) for *_, a in rows] == [
        (4800, 0, 1.0),
        (4800, 1200, 1.0),
        (4800, 2400, 1.0),
    ]
    assert all(a.start is not None and a.finish is not None for *_, a in rows)


def test_baselines_are_imported(database: Database) -> None:
    path = shared(BASELINES)
    expected = sum(len(task.baselines) for task in read_mspdi(path).tasks)
    summary = import_mspdi(database, path)
    with database.session() as session:
        numbers = session.scalars(
            select(Baseline.number)
            .where(Baseline.project_id == summary.project_id)
            .order_by(Baseline.number)
        ).all()
        count = session.scalar(select(func.count()).select_from(BaselineTask))
    assert numbers == list(range(11))
    assert count == expected == summary.counts["baseline_tasks"] > 0


def test_outline_becomes_parents_and_positions(database: Database) -> None:
    path = shared(OUTLINE)
    imported = read_mspdi(path)
    summary = import_mspdi(database, path)
    with database.session() as session:
        rows = session.scalars(select(Task).where(Task.project_id == summary.project_id)).all()
    by_id = {row.id: row for row in rows}
    uid_of = {t.wbs or t.outline_number: t.uid for t in imported.tasks if t.outline_level}
    expected = {t.uid: t.spec.parent for t in imported.tasks if t.outline_level}
    stored = {
        uid_of[row.wbs]: uid_of[by_id[row.parent_id].wbs] if row.parent_id else None for row in rows
    }
    assert stored == {uid: (parent or None) for uid, parent in expected.items()}
    assert max(row.outline_level for row in rows) == 3
    for parent in {row.parent_id for row in rows}:
        siblings = sorted(row.position for row in rows if row.parent_id == parent)
        assert siblings == list(range(len(siblings)))
    assert {by_id[row.parent_id].is_summary for row in rows if row.parent_id} == {True}


def test_same_file_twice_gives_two_projects(database: Database) -> None:
    first = import_mspdi(database, shared(LINKS))
    second = import_mspdi(database, shared(LINKS))
    assert first.project_id != second.project_id
    assert first.portfolio_id == second.portfolio_id
    assert second.project_code == f"{first.project_code}-2"
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Task)) == 32
        assert session.scalar(select(func.count()).select_from(Calendar)) == 2


def test_named_portfolio_is_created_then_reused(database: Database) -> None:
    first = import_mspdi(database, shared(LINKS), portfolio_name="Imports")
    second = import_mspdi(database, shared(ASSIGNMENTS), portfolio_name="Imports")
    assert first.portfolio_id == second.portfolio_id
    with database.session() as session:
        assert session.scalars(select(Portfolio.name)).all() == ["Imports"]


def test_broken_file_changes_nothing(database: Database, tmp_path: Path) -> None:
    import_mspdi(database, shared(LINKS))
    before = row_counts(database)
    broken = tmp_path / "broken.xml"
    broken.write_bytes(shared(ASSIGNMENTS).read_bytes()[:20_000])
    with pytest.raises(InteropError, match=r"broken\.xml"):
        import_mspdi(database, broken)
    assert row_counts(database) == before


def test_export_round_trip(database: Database, tmp_path: Path) -> None:
    for name in (LINKS, ASSIGNMENTS, BASELINES, OUTLINE):
        source = read_mspdi(shared(name))
        summary = import_mspdi(database, shared(name))
        out = tmp_path / "out.xml"
        export = export_mspdi(database, summary.project_id, out)
        back = read_mspdi(out)
        assert export.dates == "engine"

        def outline(imported: MspdiImport) -> list[tuple[str, int]]:
            return [(t.spec.name, t.outline_level) for t in imported.tasks if t.outline_level > 0]

        def links(imported: MspdiImport) -> list[tuple[str, str, str, int, str]]:
            names = {task.uid: task.spec.name for task in imported.tasks}
            return sorted(
                (names[s.predecessor], names[s.successor], s.type, s.lag, s.lag_unit)
                for s in (link.spec for link in imported.links)
            )

        def work(imported: MspdiImport) -> list[tuple[str, str, float, int, int]]:
            tasks = {task.uid: task.spec.name for task in imported.tasks}
            resources = {resource.uid: resource.name for resource in imported.resources}
            return sorted(
                (tasks[a.task_uid], resources[a.resource_uid], a.units, a.work, a.actual_work)
                for a in imported.assignments
                if a.resource_uid in resources
            )

        def baselines(imported: MspdiImport) -> list[tuple[str, int, object, object]]:
            return sorted(
                (t.spec.name, b.number, b.start, b.finish)
                for t in imported.tasks
                for b in t.baselines
            )

        assert outline(back) == outline(source)
        assert links(back) == links(source)
        assert work(back) == work(source)
        assert {r.name for r in back.resources} == {
            r.name
            for r in source.resources
            if any(a.resource_uid == r.uid for a in source.assignments)
        }
        assert baselines(back) == baselines(source)
        assert all(t.saved.start is not None for t in back.tasks)


def test_export_demo_project(database: Database, tmp_path: Path) -> None:
    create_demo(database.write_engine, as_of=date(2026, 10, 30))
    with database.session() as session:
        project = session.scalars(select(Project).order_by(Project.id)).first()
        assert project is not None
        task_count = session.scalar(select(func.count()).where(Task.project_id == project.id))
        link_count = session.scalar(
            select(func.count())
            .select_from(Dependency)
            .join(Task, Task.id == Dependency.successor_id)
            .where(Task.project_id == project.id)
        )
        foreign = session.scalar(
            select(func.count())
            .select_from(Dependency)
            .join(Task, Task.id == Dependency.predecessor_id)
            .where(Task.project_id != project.id)
            .where(
                Dependency.successor_id.in_(select(Task.id).where(Task.project_id == project.id))
            )
        )
    out = tmp_path / "demo.xml"
    summary = export_mspdi(database, project.id, out)
    back = read_mspdi(out)
    assert len([task for task in back.tasks if task.outline_level > 0]) == task_count
    assert len(back.links) == summary.links == link_count - foreign
    assert task_count and summary.tasks == task_count


def _large_file(path: Path, count: int) -> None:
    """A synthetic plan: chains of tasks under summaries, one resource per chain."""
    start = datetime(2026, 1, 5, 8)
    tasks = [MspdiTask(spec=TaskSpec(id=0, name="Large"), outline_level=0, summary=True)]
    links: list[MspdiLink] = []
    resources = [MspdiResource(uid=n, name=f"Person {n}") for n in range(1, 51)]
    assignments: list[MspdiAssignment] = []
    uid = 0
    while uid < count:
        uid += 1
        summary_uid = uid
        tasks.append(MspdiTask(spec=TaskSpec(id=uid, name=f"Phase {uid}"), summary=True))
        previous = None
        for _ in range(19):
            uid += 1
            spec = TaskSpec(id=uid, name=f"Task {uid}", duration=480 * (uid % 5 + 1))
            spec.parent = summary_uid
            task = MspdiTask(spec=spec, outline_level=2)
            task.saved.start, task.saved.finish = start, start + timedelta(days=1)
            tasks.append(task)
            if previous is not None:
                links.append(MspdiLink(LinkSpec(previous, uid, "FS", 60 * (uid % 3))))
            resource = resources[uid % len(resources)].uid
            assignments.append(MspdiAssignment(uid, uid, resource, work=spec.duration))
            previous = uid
    props = ProjectProperties(name="Large", title="Large", start=start, calendar_uid=None)
    imported = MspdiImport(props, {}, tasks, links, resources, assignments)
    write_mspdi(imported, None, path)


def test_large_file_imports_whole(database: Database, tmp_path: Path) -> None:
    """5,000 tasks in one file: every task and assignment arrives (speed: bench/)."""
    path = tmp_path / "large.xml"
    _large_file(path, 5000)
    summary = import_mspdi(database, path)
    assert summary.counts["tasks"] == 5000
    assert summary.counts["assignments"] == 4750
