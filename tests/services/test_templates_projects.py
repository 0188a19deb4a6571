"""New project from template: WBS, links, gates, milestones, risks on the right dates,
on SQLite files and PostgreSQL; undo deletes everything, redo restores the same rows."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from pmo_desktop.errors import ConflictError, ValidationError
from pmo_desktop.models import (
    Calendar,
    CalendarException,
    Dependency,
    GateReview,
    Lesson,
    Method,
    Portfolio,
    Programme,
    Project,
    Risk,
    RiskStatus,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.commands import update_fields
from pmo_desktop.services.database import Database
from pmo_desktop.services.template_lessons import matching_lessons
from pmo_desktop.services.template_projects import CreateProjectFromTemplate, NewProject
from pmo_desktop.services.template_schema import ceremony_offsets
from pmo_desktop.services.templates import get_template, shipped_templates

START = date(2027, 1, 4)  # a Monday
HOLIDAY = date(2027, 1, 6)


def _working_minutes(start: datetime, finish: datetime) -> int:
    """Minutes of 08:00–12:00 and 13:00–17:00, Monday to Friday but the holiday, counted
    minute by minute (the test's own arithmetic, not the engine's calendar)."""
    minutes, moment = 0, start
    while moment < finish:
        hour, working_day = moment.hour, moment.weekday() < 5 and moment.date() != HOLIDAY
        if working_day and (8 <= hour < 12 or 13 <= hour < 17):
            minutes += 1
        moment += timedelta(minutes=1)
    return minutes


def _portfolio(database: Database) -> int:
    """A portfolio whose calendar has one holiday in the first week."""
    calendar = crud.create(database, Calendar, name="Office")
    crud.create(
        database,
        CalendarException,
        calendar_id=calendar.id,
        name="Holiday",
        start_date=HOLIDAY,
        end_date=HOLIDAY,
        working=False,
    )
    portfolio = crud.create(database, Portfolio, name="P", calendar_id=calendar.id)
    return portfolio.id


def _create(
    database: Database,
    portfolio_id: int,
    code: str,
    language: str = "en",
    project: str = "NEW-1",
    **options: object,
) -> CreateProjectFromTemplate:
    template = get_template(database, portfolio_id, code, language)
    request = NewProject(project, "New project", START, manager="Ann Lee", **options)  # type: ignore[arg-type]
    command = CreateProjectFromTemplate(portfolio_id, template, request, raised_on=START)
    command.apply(database)
    return command


def _tasks(database: Database, project_id: int) -> dict[str, Task]:
    with database.session() as session:
        rows = session.scalars(select(Task).where(Task.project_id == project_id))
        return {task.wbs: task for task in rows}


def _gates(database: Database, project_id: int) -> list[GateReview]:
    with database.session() as session:
        query = select(GateReview).where(GateReview.project_id == project_id)
        return list(session.scalars(query.order_by(GateReview.sequence)))


def _counts(database: Database) -> tuple[int, ...]:
    with database.session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Project, Task, Dependency, GateReview, Risk)
        )


def test_waterfall_project_gets_wbs_gates_and_risks_on_the_calendar(database: Database) -> None:
    portfolio_id = _portfolio(database)
    command = _create(database, portfolio_id, "waterfall")
    result = command.result
    assert result is not None and command.project_id is not None
    tasks = _tasks(database, command.project_id)
    template = get_template(database, portfolio_id, "waterfall", "en").parsed()
    assert result.gates == len(template.stages) == 4
    # The starter WBS keeps its codes and names; a task's duration is the template's (in
    # working days), a summary's the working time its subtasks span (never 0 days).
    for item in template.tasks():
        assert tasks[item.code].name == item.name
        if item.children:
            children = [t for t in tasks.values() if t.wbs.rsplit(".", 1)[0] == item.code]
            first = min(t.start for t in children)  # type: ignore[type-var]
            last = max(t.finish for t in children)  # type: ignore[type-var]
            assert (tasks[item.code].start, tasks[item.code].finish) == (first, last)
            assert tasks[item.code].duration_minutes == _working_minutes(first, last) > 0
        else:
            assert tasks[item.code].duration_minutes == round(item.duration_days * 480)
    # 1.1 (5 days) starts on the start date and skips the holiday: Mon 4 .. Mon 11 Jan.
    first = tasks["1.1"]
    assert first.start == datetime(2027, 1, 4, 8) and first.finish == datetime(2027, 1, 11, 17)
    assert tasks["1.2"].start == datetime(2027, 1, 12, 8)  # FS after 1.1
    # The kick-off milestone sits at the stage start; each gate after its stage's last task.
    kick_off = next(t for t in tasks.values() if t.name == "Project kick-off")
    assert kick_off.is_milestone and kick_off.start == datetime(2027, 1, 4, 8)
    gates = _gates(database, command.project_id)
    gate_tasks = {t.name: t for t in tasks.values() if t.is_milestone}
    for gate, stage in zip(gates, template.stages, strict=True):
        assert stage.gate is not None and gate.name == stage.gate.name
        milestone = gate_tasks[gate.name]
        stage_tasks = [
            t
            for t in tasks.values()
            if t.wbs.startswith(milestone.wbs.rsplit(".", 1)[0] + ".") and not t.is_milestone
        ]
        assert milestone.finish == max(t.finish for t in stage_tasks)  # type: ignore[type-var]
        assert gate.planned_date == milestone.finish.date()  # type: ignore[union-attr]
        assert [c["text"] for c in gate.criteria] == [c.text for c in stage.gate.criteria]
        assert all(c["met"] is False for c in gate.criteria)
        assert [e["title"] for e in gate.evidence] == list(stage.gate.documents)
        assert stage.gate.approver_role in gate.notes
    # The next stage starts after the gate.
    assert tasks["2.1"].start > gate_tasks[gates[0].name].finish  # type: ignore[operator]
    assert [g.next_phase for g in gates] == ["Planning", "Delivery", "Closure", "Closed"]
    with database.session() as session:
        project = session.get(Project, command.project_id)
        assert project is not None
        assert (project.method, project.phase, project.manager) == (
            Method.WATERFALL,
            "Initiation",
            "Ann Lee",
        )
        assert project.finish_date == gates[-1].planned_date
        risks = list(session.scalars(select(Risk).where(Risk.project_id == project.id)))
    assert [r.title for r in risks] == [r.title for r in template.risks]
    for risk, spec in zip(risks, template.risks, strict=True):
        assert risk.status is RiskStatus.OPEN and risk.owner == "Ann Lee"
        assert risk.score == spec.probability * max(
            spec.impact_schedule, spec.impact_cost, spec.impact_scope, spec.impact_quality
        )
    assert len({r.code for r in risks}) == len(risks)


@pytest.mark.parametrize("code", ["agile", "hybrid"])
def test_iterations_and_ceremonies(database: Database, code: str) -> None:
    portfolio_id = _portfolio(database)
    command = _create(database, portfolio_id, code)
    assert command.project_id is not None
    tasks = _tasks(database, command.project_id)
    template = get_template(database, portfolio_id, code, "en").parsed()
    iterations = template.iterations
    assert iterations is not None
    sprints = sorted(
        (
            t
            for t in tasks.values()
            if t.name in {iterations.title(n) for n in range(1, iterations.count + 1)}
        ),
        key=lambda t: t.start,
    )  # type: ignore[arg-type,return-value]
    assert len(sprints) == iterations.count
    for before, after in itertools.pairwise(sprints):
        assert after.start > before.finish  # type: ignore[operator]
        assert after.duration_minutes == iterations.length_days * 480
    for ceremony in template.ceremonies:
        occurrences = [
            t
            for t in tasks.values()
            if t.is_milestone and t.name in {ceremony.title(n) for n in range(1, 200)}
        ]
        assert len(occurrences) == len(ceremony_offsets(ceremony, iterations)) > 0
        assert all(sprints[0].start <= t.start <= sprints[-1].finish for t in occurrences)  # type: ignore[operator]
    # Every gate of a method with iterations still lands on its stage's end.
    gates = _gates(database, command.project_id)
    assert len(gates) == len(template.stages)
    assert gates[-1].planned_date is not None and sprints[-1].finish is not None
    assert gates[-1].planned_date > sprints[-1].finish.date()


def test_french_templates_mirror_the_english_ones(database: Database) -> None:
    portfolio_id = _portfolio(database)
    for code in ("waterfall", "agile", "hybrid"):
        english = get_template(database, portfolio_id, code, "en").parsed()
        french = get_template(database, portfolio_id, code, "fr").parsed()
        assert [t.code for t in english.tasks()] == [t.code for t in french.tasks()]
        assert [t.duration_days for t in english.tasks()] == [
            t.duration_days for t in french.tasks()
        ]
        assert [t.name for t in english.tasks()] != [t.name for t in french.tasks()]
    command = _create(database, portfolio_id, "waterfall", "fr", project="FR-1")
    assert command.project_id is not None
    gates = _gates(database, command.project_id)
    assert gates[0].name.startswith("Jalon 1")
    assert gates[0].notes.startswith("Approbateur: Comité de pilotage")
    assert gates[0].next_phase == "Planification"
    names = {t.name for t in _tasks(database, command.project_id).values()}
    assert {"Étude d'opportunité", "Lancement du projet"} <= names
    assert {t.language for t in shipped_templates()} == {"en", "fr"}


def test_undo_deletes_the_project_and_redo_restores_the_same_rows(database: Database) -> None:
    portfolio_id = _portfolio(database)
    before = _counts(database)
    command = _create(database, portfolio_id, "hybrid")
    assert command.project_id is not None
    created = _counts(database)
    tasks = _tasks(database, command.project_id)
    command.revert(database)
    assert _counts(database) == before
    command.apply(database)
    assert _counts(database) == created
    again = _tasks(database, command.project_id)
    assert {w: (t.id, t.uuid, t.start, t.parent_id) for w, t in again.items()} == {
        w: (t.id, t.uuid, t.start, t.parent_id) for w, t in tasks.items()
    }
    # A later edit of the project by this client is undone first, then creation undoes too.
    edit = update_fields(database, Project, command.project_id, "Rename", name="Renamed")
    edit.apply(database)
    edit.revert(database)
    command.revert(database)
    assert _counts(database) == before


def test_undo_refused_when_someone_else_changed_the_project(database: Database) -> None:
    portfolio_id = _portfolio(database)
    command = _create(database, portfolio_id, "waterfall")
    assert command.project_id is not None
    with database.write_session() as session:  # another user's edit, not through commands
        project = session.get(Project, command.project_id)
        assert project is not None
        project.name = "Theirs"
    with pytest.raises(ConflictError):
        command.revert(database)
    assert _counts(database)[0] == 1


def test_bad_requests_write_nothing(database: Database) -> None:
    portfolio_id = _portfolio(database)
    _create(database, portfolio_id, "waterfall", project="DUP")
    before = _counts(database)
    with pytest.raises(ValidationError, match="already used"):
        _create(database, portfolio_id, "agile", project="DUP")
    other = crud.create(database, Portfolio, name="Other")
    alien = crud.create(database, Programme, portfolio_id=other.id, code="X", name="X")
    with pytest.raises(ValidationError, match="programme"):
        _create(database, portfolio_id, "agile", project="NEW-2", programme_id=alien.id)
    with pytest.raises(ValidationError, match="code and a name"):
        _create(database, portfolio_id, "agile", project="  ")
    assert _counts(database) == before


def test_risk_codes_follow_the_portfolio_numbering(database: Database) -> None:
    portfolio_id = _portfolio(database)
    crud.create(database, Risk, portfolio_id=portfolio_id, code="HEL-R-041", title="Old")
    command = _create(database, portfolio_id, "agile")
    with database.session() as session:
        codes = list(
            session.scalars(
                select(Risk.code).where(Risk.project_id == command.project_id).order_by(Risk.id)
            )
        )
    assert codes[:2] == ["HEL-R-042", "HEL-R-043"]


def test_matching_lessons_rank_method_phase_and_words(database: Database) -> None:
    portfolio_id = _portfolio(database)

    def lesson(code: str, **values: str) -> None:
        crud.create(database, Lesson, portfolio_id=portfolio_id, code=code, title=code, **values)

    lesson("L1", method="agile", phase="Delivery", tags="velocity;backlog")
    lesson("L2", method="agile")
    lesson("L3", method="waterfall", category="Technical", tags="integration")
    lesson("L4", method="waterfall", category="Finance")
    found = matching_lessons(
        database, portfolio_id, method="agile", phase="Delivery", words=["Backlog", "Technical"]
    )
    assert [match.code for match in found] == ["L1", "L2", "L3"]
    assert found[0].score == 3 + 2 + 1
