"""Task edits: each one rescheduled with the project, one undo step, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from pmo_desktop.errors import ConflictError, ValidationError
from pmo_desktop.models import (
    Assignment,
    ConstraintType,
    Dependency,
    LagUnit,
    LinkType,
    Portfolio,
    Project,
    Resource,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.project_schedule import reschedule_project
from pmo_desktop.services.scheduling import PlanError
from pmo_desktop.services.task_edits import (
    create_link,
    delete_link,
    delete_tasks,
    edit_link,
    edit_task,
    indent,
    insert_task,
    move_rows,
    move_task,
    outdent,
    paste_tasks,
    predecessors_text,
    project_rows,
    set_duration,
    set_link_lag,
    set_predecessors_text,
    set_progress,
    set_task_fields,
)

DAY = 480


@pytest.fixture
def plan(database: Database) -> dict[str, int]:
    """Build (summary) over Design 2d → Code 3d → Test 1d, then a Launch milestone."""
    portfolio = crud.create(database, Portfolio, name="P")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="A", name="Alpha",
                          start_date=date(2026, 5, 11))  # fmt: skip
    ids = {"project": project.id}

    def task(name: str, position: int, parent: str | None = None, days: int = 0) -> None:
        ids[name] = crud.create(
            database, Task, project_id=project.id, name=name, position=position,
            parent_id=ids[parent] if parent else None, duration_minutes=days * DAY,
            is_milestone=days == 0 and name == "Launch",
        ).id  # fmt: skip

    task("Build", 1)
    task("Design", 1, "Build", 2)
    task("Code", 2, "Build", 3)
    task("Test", 3, "Build", 1)
    task("Launch", 2)
    for predecessor, successor in (("Design", "Code"), ("Code", "Test"), ("Test", "Launch")):
        crud.create(database, Dependency, predecessor_id=ids[predecessor],
                    successor_id=ids[successor])  # fmt: skip
    reschedule_project(database, project.id)
    return ids


def spans(database: Database, project_id: int) -> dict[int, tuple[datetime, datetime]]:
    with database.session() as session:
        rows = session.execute(
            select(Task.id, Task.start, Task.finish).where(Task.project_id == project_id)
        )
        return {row.id: (row.start, row.finish) for row in rows}


def test_move_sets_snet_moves_successors_and_undo_puts_them_back(
    database: Database, plan: dict[str, int]
) -> None:
    before = spans(database, plan["project"])
    assert before[plan["Code"]][0] == datetime(2026, 5, 13, 8)
    command = move_task(database, plan["Code"], datetime(2026, 5, 18, 8))
    command.apply(database)
    after = spans(database, plan["project"])
    assert after[plan["Code"]] == (datetime(2026, 5, 18, 8), datetime(2026, 5, 20, 17))
    assert after[plan["Test"]] == (datetime(2026, 5, 21, 8), datetime(2026, 5, 21, 17))
    assert {plan["Code"], plan["Test"], plan["Launch"], plan["Build"]} <= set(command.moved)
    assert plan["Design"] not in command.moved
    code = crud.get(database, Task, plan["Code"])
    assert code.constraint_type == ConstraintType.SNET
    command.revert(database)
    assert spans(database, plan["project"]) == before
    assert crud.get(database, Task, plan["Code"]).constraint_type == ConstraintType.ASAP
    command.apply(database)
    assert spans(database, plan["project"]) == after


def test_a_drag_clears_a_levelling_delay_so_the_bar_lands_where_dropped(
    database: Database, plan: dict[str, int]
) -> None:
    seen = crud.get(database, Task, plan["Code"]).version
    crud.update(database, Task, plan["Code"], seen, levelling_delay_minutes=2 * DAY)
    command = move_task(database, plan["Code"], datetime(2026, 5, 18, 8))
    command.apply(database)
    code = crud.get(database, Task, plan["Code"])
    assert (code.start, code.levelling_delay_minutes) == (datetime(2026, 5, 18, 8), 0)
    command.revert(database)
    assert crud.get(database, Task, plan["Code"]).levelling_delay_minutes == 2 * DAY


def test_a_drag_merges_into_one_undo_step(database: Database, plan: dict[str, int]) -> None:
    before = spans(database, plan["project"])
    # Every mouse move of one drag merges into the first command.
    first = move_task(database, plan["Code"], datetime(2026, 5, 13, 8), merge_key="drag-1")
    first.apply(database)
    stay = move_task(database, plan["Code"], datetime(2026, 5, 14, 8), merge_key="drag-1")
    stay.apply(database)
    assert first.merge(stay)
    for day in (15, 18, 19):
        later = move_task(database, plan["Code"], datetime(2026, 5, day, 8), merge_key="drag-1")
        later.apply(database)
        assert first.merge(later)
    assert spans(database, plan["project"])[plan["Code"]][0] == datetime(2026, 5, 19, 8)
    first.revert(database)
    assert spans(database, plan["project"]) == before
    first.apply(database)
    assert spans(database, plan["project"])[plan["Code"]][0] == datetime(2026, 5, 19, 8)
    other = set_duration(database, plan["Code"], DAY, merge_key="drag-1")
    assert not first.merge(other)


def test_duration_progress_and_fields(database: Database, plan: dict[str, int]) -> None:
    command = set_duration(database, plan["Design"], 4 * DAY)
    command.apply(database)
    assert spans(database, plan["project"])[plan["Code"]][0] == datetime(2026, 5, 15, 8)
    command.revert(database)
    assert spans(database, plan["project"])[plan["Code"]][0] == datetime(2026, 5, 13, 8)
    milestone = set_duration(database, plan["Test"], 0)
    milestone.apply(database)
    assert crud.get(database, Task, plan["Test"]).is_milestone
    progress = set_progress(database, plan["Design"], 100)
    progress.apply(database)
    design = crud.get(database, Task, plan["Design"])
    assert (design.percent_complete, design.actual_start) == (100.0, datetime(2026, 5, 11, 8))
    assert design.actual_finish == datetime(2026, 5, 12, 17)
    progress.revert(database)
    assert crud.get(database, Task, plan["Design"]).actual_start is None
    fields = set_task_fields(
        database, plan["Launch"], name="Go live", notes="Board sign-off",
        constraint_type="MSO", constraint_date=datetime(2026, 6, 1, 8), priority=900,
        deadline=datetime(2026, 6, 5, 17),
    )  # fmt: skip
    fields.apply(database)
    launch = crud.get(database, Task, plan["Launch"])
    assert (launch.name, launch.start, launch.priority) == (
        "Go live", datetime(2026, 6, 1, 8), 900)  # fmt: skip
    fields.revert(database)
    assert crud.get(database, Task, plan["Launch"]).name == "Launch"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "needs a name"),
        ({"priority": 2000}, "between 0 and 1000"),
        ({"constraint_type": "MSO"}, "needs a date"),
        ({"colour": "red"}, "no editable field colour"),
    ],
)
def test_bad_fields_are_refused(
    database: Database, plan: dict[str, int], changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        set_task_fields(database, plan["Code"], **changes)


def test_summary_tasks_cannot_be_moved_or_sized(database: Database, plan: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="summary"):
        move_task(database, plan["Build"], datetime(2026, 6, 1, 8))
    with pytest.raises(ValidationError, match="summary"):
        set_duration(database, plan["Build"], DAY)


def test_links_create_edit_delete(database: Database, plan: dict[str, int]) -> None:
    with database.session() as session:
        link_id = session.scalar(
            select(Dependency.id).where(Dependency.successor_id == plan["Code"])
        )
    edit = edit_link(database, link_id, kind="SS", lag=DAY)
    edit.apply(database)
    assert spans(database, plan["project"])[plan["Code"]][0] == datetime(2026, 5, 12, 8)
    edit.revert(database)
    remove = delete_link(database, link_id)
    remove.apply(database)
    assert spans(database, plan["project"])[plan["Code"]][0] == datetime(2026, 5, 11, 8)
    remove.revert(database)
    assert spans(database, plan["project"])[plan["Code"]][0] == datetime(2026, 5, 13, 8)
    assert crud.get(database, Dependency, link_id).successor_id == plan["Code"]
    with pytest.raises(ValidationError, match="already follows"):
        create_link(database, plan["Design"], plan["Code"])
    with pytest.raises(ValidationError, match="summary task and one of its subtasks"):
        create_link(database, plan["Build"], plan["Code"])


def test_set_link_lag_moves_the_successor_clears_its_snet_and_undoes_in_one_step(
    database: Database, plan: dict[str, int]
) -> None:
    with database.session() as session:
        link_id = session.scalar(
            select(Dependency.id).where(Dependency.successor_id == plan["Code"])
        )
    # A previous plain drag left an SNET constraint; the lag drag replaces it.
    move_task(database, plan["Code"], datetime(2026, 5, 14, 8)).apply(database)
    before = spans(database, plan["project"])
    command = set_link_lag(database, link_id, -DAY)
    assert command.text == "Change link lag"
    command.apply(database)
    after = spans(database, plan["project"])
    # Design finishes 12/05 17:00; one working day before that: Code starts 12/05 08:00.
    assert after[plan["Code"]] == (datetime(2026, 5, 12, 8), datetime(2026, 5, 14, 17))
    assert after[plan["Test"]][0] == datetime(2026, 5, 15, 8)
    link = crud.get(database, Dependency, link_id)
    assert (link.lag, link.lag_unit) == (-DAY, LagUnit.WORKING)
    code = crud.get(database, Task, plan["Code"])
    assert (code.constraint_type, code.constraint_date) == (ConstraintType.ASAP, None)
    command.revert(database)
    assert spans(database, plan["project"]) == before
    assert crud.get(database, Dependency, link_id).lag == 0
    assert crud.get(database, Task, plan["Code"]).constraint_type == ConstraintType.SNET
    with pytest.raises(ValidationError, match="summary task"):
        bad = crud.create(database, Dependency, predecessor_id=plan["Launch"],
                          successor_id=plan["Build"])  # fmt: skip
        set_link_lag(database, bad.id, DAY)


def test_a_loop_is_refused_with_the_task_names_and_nothing_written(
    database: Database, plan: dict[str, int]
) -> None:
    before = spans(database, plan["project"])
    command = create_link(database, plan["Test"], plan["Design"])
    with pytest.raises(PlanError, match=r"loop: .*(Design.*Code.*Test|Test.*Design)"):
        command.apply(database)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Dependency)) == 3
    assert spans(database, plan["project"]) == before
    # The failed attempt left nothing behind: the next edit works.
    move_task(database, plan["Code"], datetime(2026, 5, 18, 8)).apply(database)


def test_predecessors_as_text(database: Database, plan: dict[str, int]) -> None:
    rows = project_rows(database, plan["project"])
    assert [(row.row, row.level, row.name) for row in rows] == [
        (1, 1, "Build"), (2, 2, "Design"), (3, 2, "Code"), (4, 2, "Test"),
        (5, 1, "Launch")]  # fmt: skip
    assert predecessors_text(database, plan["Test"]) == "3"
    command = set_predecessors_text(database, plan["Test"], "2SS+1d; 3FF+2ed")
    command.apply(database)
    assert predecessors_text(database, plan["Test"]) == "2SS+1d;3FF+2ed"
    with database.session() as session:
        links = session.scalars(select(Dependency).where(Dependency.successor_id == plan["Test"]))
        stored = {(link.predecessor_id, link.type, link.lag, link.lag_unit) for link in links}
    assert stored == {(plan["Design"], LinkType.SS, DAY, LagUnit.WORKING),
                      (plan["Code"], LinkType.FF, 2 * 1440, LagUnit.ELAPSED)}  # fmt: skip
    command.revert(database)
    assert predecessors_text(database, plan["Test"]) == "3"
    set_predecessors_text(database, plan["Test"], "").apply(database)
    assert predecessors_text(database, plan["Test"]) == ""
    with pytest.raises(ValidationError, match="no task with ID 9"):
        set_predecessors_text(database, plan["Test"], "2;9FS")
    with pytest.raises(ValidationError, match="'3XX': unknown link type 'XX'"):
        set_predecessors_text(database, plan["Test"], "3XX")
    with pytest.raises(ValidationError, match="linked to itself"):
        set_predecessors_text(database, plan["Test"], "4")


def outline(database: Database, project_id: int) -> list[tuple[str, int, str, bool]]:
    rows = project_rows(database, project_id)
    with database.session() as session:
        found = {task.id: task for task in session.scalars(
            select(Task).where(Task.project_id == project_id))}  # fmt: skip
    return [(row.name, found[row.task_id].outline_level, found[row.task_id].wbs,
             found[row.task_id].is_summary) for row in rows]  # fmt: skip


def test_indent_and_outdent_keep_the_outline_right(
    database: Database, plan: dict[str, int]
) -> None:
    start = outline(database, plan["project"])
    with pytest.raises(ValidationError, match="'Test' follows 'Code'"):
        outdent(database, [plan["Code"]])
    command = outdent(database, [plan["Test"]])
    command.apply(database)
    assert outline(database, plan["project"]) == [
        ("Build", 1, "1", True), ("Design", 2, "1.1", False), ("Code", 2, "1.2", False),
        ("Test", 1, "2", False), ("Launch", 1, "3", False)]  # fmt: skip
    command.revert(database)
    assert outline(database, plan["project"]) == start
    deeper = indent(database, [plan["Launch"]])
    deeper.apply(database)
    assert outline(database, plan["project"])[-1] == ("Launch", 2, "1.4", False)
    assert crud.get(database, Task, plan["Launch"]).parent_id == plan["Build"]
    deeper.revert(database)
    with pytest.raises(ValidationError, match="'Design' has no task above"):
        indent(database, [plan["Design"]])
    with pytest.raises(ValidationError, match="'Build' is already at the top level"):
        outdent(database, [plan["Build"]])


def durations(database: Database, project_id: int) -> dict[int, int]:
    with database.session() as session:
        query = select(Task.id, Task.duration_minutes).where(Task.project_id == project_id)
        return dict(session.execute(query).all())  # type: ignore[arg-type]


def test_a_summary_shows_the_working_time_its_subtasks_span_and_undo_gives_back_its_own(
    database: Database, plan: dict[str, int]
) -> None:
    # Build spans Design 2d → Code 3d → Test 1d: 6 working days, not the 0 it was made with.
    assert durations(database, plan["project"])[plan["Build"]] == 6 * DAY
    with database.session() as session:
        link_id = session.scalar(
            select(Dependency.id).where(Dependency.successor_id == plan["Test"])
        )
    delete_link(database, link_id).apply(database)
    # Test under Code: Code becomes a summary of Test (1 day, after Design like Code was).
    deeper = indent(database, [plan["Test"]])
    deeper.apply(database)
    found = durations(database, plan["project"])
    assert (found[plan["Code"]], found[plan["Build"]]) == (1 * DAY, 3 * DAY)
    assert spans(database, plan["project"])[plan["Code"]] == (
        datetime(2026, 5, 13, 8),
        datetime(2026, 5, 13, 17),
    )
    # Undo: Code is a task again, with its own 3 days; Build spans Design and Code again.
    deeper.revert(database)
    found = durations(database, plan["project"])
    assert (found[plan["Code"]], found[plan["Build"]]) == (3 * DAY, 5 * DAY)
    deeper.apply(database)
    assert durations(database, plan["project"])[plan["Code"]] == 1 * DAY


def test_insert_delete_move_and_paste_rows(database: Database, plan: dict[str, int]) -> None:
    start = outline(database, plan["project"])
    before = spans(database, plan["project"])
    inserted = insert_task(database, plan["project"], plan["Build"], "Kick-off", DAY)
    inserted.apply(database)
    names = [row[0] for row in outline(database, plan["project"])]
    assert names == ["Build", "Kick-off", "Design", "Code", "Test", "Launch"]
    new_id = inserted.steps[0].entity_id  # type: ignore[attr-defined]
    assert crud.get(database, Task, new_id).start == datetime(2026, 5, 11, 8)
    inserted.revert(database)
    assert outline(database, plan["project"]) == start
    inserted.apply(database)
    assert crud.get(database, Task, new_id).name == "Kick-off"
    inserted.revert(database)

    portfolio_id = crud.list_rows(database, Portfolio)[0].id
    resource = crud.create(database, Resource, portfolio_id=portfolio_id, code="R1", name="Ana")
    crud.create(database, Assignment, task_id=plan["Code"], resource_id=resource.id, units=1.0)
    removal = delete_tasks(database, [plan["Code"]])
    removal.apply(database)
    assert [row[0] for row in outline(database, plan["project"])] == [
        "Build", "Design", "Test", "Launch"]  # fmt: skip
    assert spans(database, plan["project"])[plan["Test"]][0] == datetime(2026, 5, 11, 8)
    removal.revert(database)
    assert outline(database, plan["project"]) == start
    assert spans(database, plan["project"]) == before
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Assignment)) == 1
        assert session.scalar(select(func.count()).select_from(Dependency)) == 3

    whole = delete_tasks(database, [plan["Build"]])
    whole.apply(database)
    assert [row[0] for row in outline(database, plan["project"])] == ["Launch"]
    whole.revert(database)
    assert outline(database, plan["project"]) == start

    moved = move_rows(database, [plan["Launch"]], None)
    moved.apply(database)
    assert [row[:3] for row in outline(database, plan["project"])][:2] == [
        ("Launch", 1, "1"), ("Build", 1, "2")]  # fmt: skip
    moved.revert(database)
    assert outline(database, plan["project"]) == start

    pasted = paste_tasks(database, [plan["Build"]], plan["Launch"])
    pasted.apply(database)
    names = [row[0] for row in outline(database, plan["project"])]
    assert names == ["Build", "Design", "Code", "Test", "Launch", "Build", "Design", "Code", "Test"]
    assert predecessors_text(database, pasted.steps[3].entity_id) == "8"  # type: ignore[attr-defined]
    pasted.revert(database)
    assert outline(database, plan["project"]) == start


def test_dialog_edit_is_one_command(database: Database, plan: dict[str, int]) -> None:
    with database.session() as session:
        portfolio_id = session.scalar(select(Portfolio.id))
    resource = crud.create(database, Resource, portfolio_id=portfolio_id, code="R1", name="Ana")
    command = edit_task(
        database, plan["Test"],
        fields={"name": "Acceptance", "duration_minutes": 2 * DAY, "percent_complete": 0.0},
        predecessors="2", assignments={resource.id: 0.5},
    )  # fmt: skip
    command.apply(database)
    test = crud.get(database, Task, plan["Test"])
    assert (test.name, test.start, test.finish) == (
        "Acceptance", datetime(2026, 5, 13, 8), datetime(2026, 5, 14, 17))  # fmt: skip
    assignment = crud.list_rows(database, Assignment)[0]
    assert (assignment.units, assignment.start) == (0.5, datetime(2026, 5, 13, 8))
    command.revert(database)
    assert crud.get(database, Task, plan["Test"]).name == "Test"
    assert crud.list_rows(database, Assignment) == []
    assert predecessors_text(database, plan["Test"]) == "3"


def test_undo_after_someone_else_changed_the_task_is_a_conflict(
    database: Database, plan: dict[str, int]
) -> None:
    command = set_task_fields(database, plan["Code"], name="Build it")
    command.apply(database)
    theirs = crud.get(database, Task, plan["Code"])
    crud.update(database, Task, plan["Code"], theirs.version, name="Their name")
    with pytest.raises(ConflictError):
        command.revert(database)
    assert crud.get(database, Task, plan["Code"]).name == "Their name"


def test_edits_on_the_demo_portfolio(database: Database) -> None:
    create_demo(database.write_engine, as_of=date(2026, 10, 30))
    with database.session() as session:
        project_id = session.scalar(select(Project.id).order_by(Project.id))
    reschedule_project(database, project_id)
    rows = project_rows(database, project_id)
    with database.session() as session:
        leaf = session.scalar(
            select(Task).where(Task.project_id == project_id, Task.is_summary.is_(False),
                               Task.percent_complete == 0, Task.duration_minutes > 0)
            .order_by(Task.start.desc())
        )  # fmt: skip
    assert leaf is not None and len(rows) > 20
    before = spans(database, project_id)
    start = leaf.start
    assert start is not None
    command = move_task(database, leaf.id, start)
    command.apply(database)
    assert command.moved == {}
    later = move_task(database, leaf.id, datetime(start.year + 1, 1, 7, 8))
    later.apply(database)
    assert leaf.id in later.moved and spans(database, project_id) != before
    later.revert(database)
    command.revert(database)
    assert spans(database, project_id) == before
