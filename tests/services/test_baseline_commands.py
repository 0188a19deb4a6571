"""Baseline commands: set, undo restores the previous baseline exactly, rename, clear."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from pmo_desktop.errors import ConflictError, ValidationError
from pmo_desktop.models import Baseline, BaselineTask, Portfolio, Project, Task
from pmo_desktop.services import crud
from pmo_desktop.services.baselines import (
    clear_baseline,
    rename_baseline,
    set_baseline,
)
from pmo_desktop.services.database import Database
from pmo_desktop.services.projects import project_detail


@pytest.fixture
def project_id(database: Database) -> int:
    portfolio = crud.create(database, Portfolio, name="Portfolio")
    project = crud.create(database, Project, portfolio_id=portfolio.id, code="P", name="Plan")
    for number in range(4):
        crud.create(
            database,
            Task,
            project_id=project.id,
            name=f"Task {number}",
            start=datetime(2026, 3, 2 + number, 8),
            finish=datetime(2026, 3, 3 + number, 17),
            duration_minutes=960 + number,
            work_minutes=480 * number,
            cost=Decimal("1000.25") * number,
        )
    return project.id


def _state(database: Database, project_id: int) -> list[tuple[Any, ...]]:
    """Every baseline and baseline task row of the project, all columns."""
    with database.session() as session:
        baselines = session.scalars(
            select(Baseline).where(Baseline.project_id == project_id).order_by(Baseline.id)
        ).all()
        rows: list[tuple[Any, ...]] = []
        for baseline in baselines:
            rows.append(tuple(sorted(crud.column_values(baseline).items())))
            for task in session.scalars(
                select(BaselineTask)
                .where(BaselineTask.baseline_id == baseline.id)
                .order_by(BaselineTask.id)
            ):
                rows.append(tuple(sorted(crud.column_values(task).items())))
        return rows


def _shift_tasks(database: Database, project_id: int) -> None:
    for task in crud.list_rows(database, Task, project_id=project_id):
        crud.update(
            database,
            Task,
            task.id,
            task.version,
            start=task.start.replace(month=4),
            finish=task.finish.replace(month=4),
            cost=task.cost + 1,
        )


def test_set_copies_every_task(database: Database, project_id: int) -> None:
    command = set_baseline(database, project_id, 0, "")
    command.apply(database)
    tasks = {task.id: task for task in crud.list_rows(database, Task, project_id=project_id)}
    rows = crud.list_rows(database, BaselineTask, baseline_id=command.baseline_id)
    assert len(rows) == len(tasks) == 4
    for row in rows:
        task = tasks[row.task_id]
        assert (row.start, row.finish, row.duration_minutes, row.work_minutes, row.cost) == (
            task.start,
            task.finish,
            task.duration_minutes,
            task.work_minutes,
            task.cost,
        )
    baseline = project_detail(database, project_id).baselines[0]
    assert (baseline.number, baseline.name, baseline.task_count) == (0, "Baseline", 4)
    assert baseline.taken_at is not None
    command.revert(database)
    assert _state(database, project_id) == []
    command.apply(database)  # redo: the same snapshot, same ids
    assert project_detail(database, project_id).baselines[0].id == baseline.id


def test_overwriting_a_baseline_and_undo_restore_it_exactly(
    database: Database, project_id: int
) -> None:
    set_baseline(database, project_id, 3, "Re-plan").apply(database)
    before = _state(database, project_id)
    _shift_tasks(database, project_id)
    command = set_baseline(database, project_id, 3, "Re-plan April")
    command.apply(database)
    after = _state(database, project_id)
    assert after != before
    assert {row.start.month for row in crud.list_rows(database, BaselineTask)} == {4}
    command.revert(database)
    assert _state(database, project_id) == before
    command.apply(database)
    assert _state(database, project_id) == after
    command.revert(database)
    assert _state(database, project_id) == before


def test_undo_refused_when_someone_changed_the_baseline(
    database: Database, project_id: int
) -> None:
    command = set_baseline(database, project_id, 1, "First")
    command.apply(database)
    baseline = crud.get(database, Baseline, command.baseline_id)
    crud.update(database, Baseline, baseline.id, baseline.version, name="Theirs")
    with pytest.raises(ConflictError):
        command.revert(database)
    assert crud.get(database, Baseline, baseline.id).name == "Theirs"


def test_rename_and_clear(database: Database, project_id: int) -> None:
    set_baseline(database, project_id, 2, "Gate 2").apply(database)
    before = _state(database, project_id)
    row = project_detail(database, project_id).baselines[0]
    rename = rename_baseline(row, "Gate 2 (approved)")
    rename.apply(database)
    assert project_detail(database, project_id).baselines[0].name == "Gate 2 (approved)"
    rename.revert(database)
    assert project_detail(database, project_id).baselines[0].name == "Gate 2"
    with pytest.raises(ValidationError):
        rename_baseline(row, "  ")

    row = project_detail(database, project_id).baselines[0]
    clear = clear_baseline(row)
    clear.apply(database)
    assert project_detail(database, project_id).baselines == ()
    assert crud.list_rows(database, BaselineTask) == []
    clear.revert(database)
    restored = _state(database, project_id)
    # Same rows; only the baseline's version moved with the rename and its undo.
    assert len(restored) == len(before)
    assert restored[1:] == before[1:]


def test_set_refuses_bad_numbers(database: Database, project_id: int) -> None:
    with pytest.raises(ValidationError, match="0 to 10"):
        set_baseline(database, project_id, 11, "")
    with pytest.raises(ValidationError, match="does not exist"):
        set_baseline(database, 9999, 0, "")


def test_set_for_selected_tasks_keeps_the_others(database: Database, project_id: int) -> None:
    set_baseline(database, project_id, 0, "Approved plan").apply(database)
    before = _state(database, project_id)
    _shift_tasks(database, project_id)
    tasks = sorted(crud.list_rows(database, Task, project_id=project_id), key=lambda t: t.id)
    chosen = {tasks[1].id}
    command = set_baseline(database, project_id, 0, task_ids=chosen)
    assert command.text == "Set baseline for selected tasks"
    command.apply(database)
    rows = {row.task_id: row for row in crud.list_rows(database, BaselineTask)}
    assert rows[tasks[1].id].start.month == 4  # taken now
    assert {rows[task.id].start.month for task in tasks if task.id not in chosen} == {3}
    assert project_detail(database, project_id).baselines[0].name == "Approved plan"
    command.revert(database)
    assert _state(database, project_id) == before


def test_set_for_selected_tasks_refuses_strangers(database: Database, project_id: int) -> None:
    with pytest.raises(ValidationError, match="Choose the tasks"):
        set_baseline(database, project_id, 0, task_ids=[])
    with pytest.raises(ValidationError, match="are not tasks of project"):
        set_baseline(database, project_id, 0, task_ids=[987_654])
