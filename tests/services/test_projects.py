"""The project detail snapshot and the project view's edits, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date, datetime
from decimal import Decimal

import pytest

from pmo_desktop.errors import ConflictError, NotFoundError, ValidationError
from pmo_desktop.models import (
    Baseline,
    BaselineTask,
    CostCategory,
    CostLine,
    Method,
    Portfolio,
    Programme,
    Project,
    ProjectObjectiveScore,
    Rag,
    StatusReport,
    StrategicObjective,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.project_edits import (
    add_cost_line,
    delete_cost_line,
    delete_status_report,
    edit_cost_line,
    edit_project,
    edit_status_report,
    new_status_report,
    next_report_period,
    set_objective_score,
)
from pmo_desktop.services.projects import project_detail


@pytest.fixture
def project_id(database: Database) -> int:
    """A project with a programme, two objectives (one scored), reports, a baseline, costs."""
    portfolio = crud.create(database, Portfolio, name="Group IT")
    programme = crud.create(
        database, Programme, portfolio_id=portfolio.id, code="DW", name="Digital Workplace"
    )
    crud.create(database, Programme, portfolio_id=portfolio.id, code="CX", name="Customer")
    project = crud.create(
        database,
        Project,
        portfolio_id=portfolio.id,
        programme_id=programme.id,
        code="DW-01",
        name="Laptop refresh",
        budget=Decimal("850000"),
        start_date=date(2026, 1, 5),
        finish_date=date(2026, 9, 30),
        percent_complete=40.0,
    )
    growth = crud.create(
        database, StrategicObjective, portfolio_id=portfolio.id, code="S1", name="Growth", weight=2
    )
    crud.create(database, StrategicObjective, portfolio_id=portfolio.id, code="S2", name="Cost")
    crud.create(
        database, ProjectObjectiveScore, project_id=project.id, objective_id=growth.id, score=4
    )
    for month, rag in ((1, Rag.GREEN), (2, Rag.AMBER)):
        crud.create(
            database,
            StatusReport,
            project_id=project.id,
            period_start=date(2026, month, 1),
            period_end=date(2026, month, 28),
            rag_overall=rag,
            rag_cost=Rag.RED,
        )
    for number in range(3):
        crud.create(
            database,
            Task,
            project_id=project.id,
            name=f"Task {number}",
            start=datetime(2026, 1, 5 + number, 8),
            finish=datetime(2026, 1, 6 + number, 17),
            duration_minutes=960,
            cost=Decimal("100.50"),
        )
    baseline = crud.create(database, Baseline, project_id=project.id, number=0, name="Baseline")
    task = crud.list_rows(database, Task, project_id=project.id)[0]
    crud.create(database, BaselineTask, baseline_id=baseline.id, task_id=task.id)
    crud.create(
        database,
        CostLine,
        project_id=project.id,
        period=date(2026, 1, 1),
        budget=Decimal("1000"),
        actual=Decimal("900"),
        forecast=Decimal("950"),
    )
    return project.id


def test_detail_reads_everything_the_view_shows(database: Database, project_id: int) -> None:
    detail = project_detail(database, project_id)
    assert detail.properties.code == "DW-01"
    assert detail.properties.budget == Decimal("850000")
    assert detail.portfolio_name == "Group IT"
    assert [choice.code for choice in detail.programmes] == ["CX", "DW"]
    assert detail.programme is not None and detail.programme.code == "DW"
    assert [(o.code, o.score, o.score_id is not None) for o in detail.objectives] == [
        ("S1", 4, True),
        ("S2", 0, False),
    ]
    assert detail.strategic_score == pytest.approx(4 * 2 / 3)
    assert [r.period_end for r in detail.status_reports] == [date(2026, 2, 28), date(2026, 1, 28)]
    assert detail.status_reports[0].rag_overall is Rag.AMBER
    assert [(b.number, b.task_count) for b in detail.baselines] == [(0, 1)]
    assert [(c.period, c.actual) for c in detail.cost_lines] == [(date(2026, 1, 1), Decimal(900))]
    assert detail.task_count == 3
    with pytest.raises(FrozenInstanceError):
        detail.properties.name = "x"  # type: ignore[misc]
    with pytest.raises(NotFoundError):
        project_detail(database, 10_000)


def test_property_edit_undo_and_validation(database: Database, project_id: int) -> None:
    properties = project_detail(database, project_id).properties
    command = edit_project(properties, "Rename", name="  Laptops  ", method=Method.AGILE)
    command.apply(database)
    stored = crud.get(database, Project, project_id)
    assert (stored.name, stored.method) == ("Laptops", Method.AGILE)
    command.revert(database)
    stored = crud.get(database, Project, project_id)
    assert (stored.name, stored.method) == ("Laptop refresh", Method.WATERFALL)
    with pytest.raises(ValidationError, match="needs a name"):
        edit_project(properties, name=" ")
    with pytest.raises(ValidationError, match="before the start"):
        edit_project(properties, finish_date=date(2025, 1, 1))
    with pytest.raises(ValidationError, match="negative"):
        edit_project(properties, budget=Decimal("-1"))
    with pytest.raises(ValidationError, match="no editable property"):
        edit_project(properties, version=3)


def test_property_edit_on_a_stale_snapshot_is_a_conflict(
    database: Database, project_id: int
) -> None:
    seen = project_detail(database, project_id).properties
    crud.update(database, Project, project_id, seen.version, sponsor="Someone else")
    with pytest.raises(ConflictError) as caught:
        edit_project(seen, sponsor="Me").apply(database)
    assert caught.value.theirs is not None and caught.value.theirs["sponsor"] == "Someone else"
    assert crud.get(database, Project, project_id).sponsor == "Someone else"


def test_objective_scores_create_then_update(database: Database, project_id: int) -> None:
    unscored = project_detail(database, project_id).objectives[1]
    create = set_objective_score(project_id, unscored, 3)
    create.apply(database)
    assert project_detail(database, project_id).objectives[1].score == 3
    create.revert(database)
    assert project_detail(database, project_id).objectives[1].score_id is None
    scored = project_detail(database, project_id).objectives[0]
    update = set_objective_score(project_id, scored, 1)
    update.apply(database)
    assert project_detail(database, project_id).objectives[0].score == 1
    update.revert(database)
    assert project_detail(database, project_id).objectives[0].score == 4
    with pytest.raises(ValidationError):
        set_objective_score(project_id, scored, 6)


def test_status_report_new_edit_delete(database: Database, project_id: int) -> None:
    reports = project_detail(database, project_id).status_reports
    start, end = next_report_period(reports, date(2030, 1, 1))
    assert (start, end) == (date(2026, 3, 1), date(2026, 3, 31))
    create = new_status_report(database, project_id, start, end, author="PMO")
    create.apply(database)
    latest = project_detail(database, project_id).status_reports[0]
    # Ratings carry over from the latest earlier report.
    assert (latest.period_end, latest.rag_overall, latest.rag_cost) == (end, Rag.AMBER, Rag.RED)
    assert latest.percent_complete == 40.0
    with pytest.raises(ValidationError, match="already has a status report"):
        new_status_report(database, project_id, start, end)
    with pytest.raises(ValidationError, match="end before"):
        new_status_report(database, project_id, end, start)

    edit = edit_status_report(latest, rag_schedule="R", concerns="Supplier late")
    edit.apply(database)
    stored = crud.get(database, StatusReport, latest.id)
    assert (stored.rag_schedule, stored.concerns) == (Rag.RED, "Supplier late")
    edit.revert(database)
    stored = crud.get(database, StatusReport, latest.id)
    assert (stored.rag_schedule, stored.concerns) == (Rag.GREEN, "")
    with pytest.raises(ValidationError):
        edit_status_report(latest, percent_complete=120)

    removal = delete_status_report(project_detail(database, project_id).status_reports[0])
    removal.apply(database)
    assert len(project_detail(database, project_id).status_reports) == 2
    removal.revert(database)
    assert crud.get(database, StatusReport, latest.id).period_end == end
    create.revert(database)
    assert len(project_detail(database, project_id).status_reports) == 2


def test_cost_lines_add_edit_delete(database: Database, project_id: int) -> None:
    add = add_cost_line(database, project_id, date(2026, 2, 17), CostCategory.CAPEX)
    add.apply(database)
    lines = project_detail(database, project_id).cost_lines
    assert [(c.period, c.category) for c in lines][-1] == (date(2026, 2, 1), CostCategory.CAPEX)
    with pytest.raises(ValidationError, match="already has a capex cost line"):
        add_cost_line(database, project_id, date(2026, 2, 1), CostCategory.CAPEX)

    line = lines[0]
    edit = edit_cost_line(line, actual="1234.567", forecast=Decimal("2000"))
    edit.apply(database)
    stored = crud.get(database, CostLine, line.id)
    assert (stored.actual, stored.forecast) == (Decimal("1234.57"), Decimal("2000"))
    edit.revert(database)
    stored = crud.get(database, CostLine, line.id)
    assert (stored.actual, stored.forecast) == (Decimal("900"), Decimal("950"))
    with pytest.raises(ValidationError, match="negative"):
        edit_cost_line(line, budget=-5)
    with pytest.raises(ValidationError, match="amount of money"):
        edit_cost_line(line, budget="lots")

    removal = delete_cost_line(project_detail(database, project_id).cost_lines[0])
    removal.apply(database)
    assert len(project_detail(database, project_id).cost_lines) == 1
    removal.revert(database)
    assert crud.get(database, CostLine, line.id).budget == Decimal("1000")
    add.revert(database)
    assert len(project_detail(database, project_id).cost_lines) == 1


def test_successive_edits_of_one_row_undo_and_redo_in_turn(
    database: Database, project_id: int
) -> None:
    """Undoing an edit moves the row's version on; the earlier edit's undo still applies."""
    first = edit_project(project_detail(database, project_id).properties, name="First")
    first.apply(database)
    second = edit_project(project_detail(database, project_id).properties, phase="Build")
    second.apply(database)
    second.revert(database)
    first.revert(database)
    stored = crud.get(database, Project, project_id)
    assert (stored.name, stored.phase) == ("Laptop refresh", "")
    first.apply(database)
    second.apply(database)
    stored = crud.get(database, Project, project_id)
    assert (stored.name, stored.phase) == ("First", "Build")
    # Another user's write in between still stops the undo.
    crud.update(database, Project, project_id, stored.version, sponsor="Theirs")
    with pytest.raises(ConflictError):
        second.revert(database)
