"""The governance dialogs with real widgets on a real SQLite file: new project from a
template (with matching lessons), the gate review (live PMO-mode check, undo), the
template editor (validation as you type, save, reset, copy)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select
from view_teardown import close_view

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import GateDecision, GateReview, Lesson, PmoMode, Portfolio, Project, Task
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.gates import project_gates
from pmo_desktop.ui.governance.gate_dialog import GateReviewDialog
from pmo_desktop.ui.governance.new_project_dialog import NewProjectDialog
from pmo_desktop.ui.governance.template_editor import TemplateEditorDialog
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def workspace(sample_db: tuple[Database, Any], dialogs: Any) -> Iterator[tuple[Workspace, int]]:
    database, sample = sample_db
    crud.create(
        database,
        Lesson,
        portfolio_id=sample.portfolio_id,
        code="L-1",
        title="Book the experts early",
        method="agile",
        tags="backlog",
        recommendation="Name them in the brief.",
    )
    pool = WorkPool()
    yield Workspace(database, dialogs=dialogs, pool=pool), sample.portfolio_id
    pool.drain()


def _new_project(
    qtbot: Any, workspace: Workspace, portfolio_id: int, template: str
) -> NewProjectDialog:
    dialog = NewProjectDialog(workspace, portfolio_id, manager="Ann Lee")
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.template.setCurrentIndex(dialog.template.findData(template))
    qtbot.waitUntil(lambda: not dialog.lessons.loading, timeout=5000)
    return dialog


def test_new_project_dialog_creates_and_undo_removes(
    qtbot: Any, workspace: Any, tmp_path: Path
) -> None:
    space, portfolio_id = workspace
    dialog = _new_project(qtbot, space, portfolio_id, "agile")
    assert "Sprint 0 review" in dialog.preview.toPlainText()
    assert "RACI" in dialog.preview.toPlainText()
    assert [m.code for m in dialog.lessons.matches] == ["L-1"]
    assert "Book the experts early" in dialog.lessons.browser.toPlainText()
    # Missing code: the dialog says so and stays open.
    dialog.accept()
    assert not dialog.error.isHidden() and "code and a name" in dialog.error.text()
    dialog.code.setText("DW-01")
    dialog.name.setText("Taken")
    with pytest.raises(ValidationError, match="already used"):
        dialog.command()
    dialog.code.setText("NEW-1")
    dialog.name.setText("Agile pilot")
    dialog.programme.setCurrentIndex(1)
    dialog.start.setDate(QDate(2027, 1, 4))
    dialog.accept()
    assert dialog.created_project_id is not None
    project = crud.get(space.database, Project, dialog.created_project_id)
    assert (project.code, project.start_date, project.manager, project.phase) == (
        "NEW-1",
        date(2027, 1, 4),
        "Ann Lee",
        "Inception",
    )
    assert project.programme_id is not None
    with space.database.session() as session:
        tasks = session.scalar(select(func.count()).where(Task.project_id == project.id))
    assert tasks and tasks > 30
    assert space.undo_stack.undoText() == "New project NEW-1 from template"
    space.undo_stack.undo()
    with space.database.session() as session:
        assert session.scalar(select(Project.id).where(Project.code == "NEW-1")) is None
    space.undo_stack.redo()
    assert crud.get(space.database, Project, project.id).code == "NEW-1"
    dialog.grab().save(str(tmp_path / "new-project.png"))
    close_view(dialog, space.pool)


def test_french_templates_are_offered_in_french(qtbot: Any, workspace: Any) -> None:
    space, portfolio_id = workspace
    dialog = NewProjectDialog(space, portfolio_id)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    names = [dialog.template.itemText(i) for i in range(dialog.template.count())]
    assert names[0].startswith("Cycle en V") and len(names) == 3
    assert "Jalon 1" in dialog.preview.toPlainText()
    close_view(dialog, space.pool)


def _gated_project(qtbot: Any, space: Workspace, portfolio_id: int, mode: PmoMode) -> int:
    portfolio = crud.get(space.database, Portfolio, portfolio_id)
    crud.update(space.database, Portfolio, portfolio_id, portfolio.version, pmo_mode=mode)
    dialog = _new_project(qtbot, space, portfolio_id, "waterfall")
    dialog.code.setText("GATED")
    dialog.name.setText("Gated project")
    dialog.accept()
    assert dialog.created_project_id is not None
    close_view(dialog, space.pool)
    return dialog.created_project_id


def _check_all(dialog: GateReviewDialog) -> None:
    for row in range(dialog.criteria.rowCount()):
        dialog.criteria.item(row, 0).setCheckState(Qt.CheckState.Checked)
    for row in range(dialog.evidence.rowCount()):
        dialog.evidence.item(row, 1).setText(f"https://docs.example/{row}")


def test_gate_dialog_checks_the_mode_live_and_records(
    qtbot: Any, workspace: Any, tmp_path: Path
) -> None:
    space, portfolio_id = workspace
    project_id = _gated_project(qtbot, space, portfolio_id, PmoMode.CONTROLLING)
    dialog = GateReviewDialog(space, project_id, user_name="Steering committee")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current_gate() is not None and dialog.current_gate().sequence == 1  # type: ignore[union-attr]
    assert dialog.decided_by.text() == "Steering committee"
    assert "Controlling PMO" in dialog.header.text()
    dialog.decision.setCurrentIndex(dialog.decision.findData(GateDecision.GO.value))
    assert dialog.status.text().startswith("Blocked:")
    dialog.accept()  # refused: stays open, nothing written
    assert dialog.result_command is None
    dialog.decision.setCurrentIndex(dialog.decision.findData(GateDecision.GO_WITH_CONDITIONS.value))
    dialog._add_condition({"text": "Sign the contract", "owner": "Bea", "due": "2027-03-01"})
    assert dialog.status.text().startswith("Warning:")
    _check_all(dialog)
    assert dialog.status.text() == "Ready to record."
    dialog.grab().save(str(tmp_path / "gate.png"))
    dialog.accept()
    assert dialog.result_command is not None
    gates = project_gates(space.database, project_id)
    assert gates.phase == "Planning"
    assert gates.gates[0].decision is GateDecision.GO_WITH_CONDITIONS
    assert gates.gates[0].conditions[0]["owner"] == "Bea"
    assert all(c["met"] for c in gates.gates[0].criteria)
    space.undo_stack.undo()
    assert project_gates(space.database, project_id).phase == "Initiation"
    close_view(dialog, space.pool)


def test_directive_gate_needs_a_pmo_admin(qtbot: Any, workspace: Any) -> None:
    space, portfolio_id = workspace
    project_id = _gated_project(qtbot, space, portfolio_id, PmoMode.DIRECTIVE)
    dialog = GateReviewDialog(space, project_id, user_name="Sam")
    qtbot.addWidget(dialog)
    _check_all(dialog)
    dialog.decision.setCurrentIndex(dialog.decision.findData(GateDecision.GO.value))
    assert "PMO administrator" in dialog.status.text()
    close_view(dialog, space.pool)
    admin = GateReviewDialog(space, project_id, user_name="Sam", decider_is_pmo_admin=True)
    qtbot.addWidget(admin)
    _check_all(admin)
    admin.decision.setCurrentIndex(admin.decision.findData(GateDecision.GO.value))
    admin.accept()
    assert admin.result_command is not None
    with space.database.session() as session:
        decided = session.scalar(
            select(GateReview.decided_by).where(
                GateReview.project_id == project_id, GateReview.sequence == 1
            )
        )
    assert decided == "Sam"
    close_view(admin, space.pool)


def test_template_editor_validates_saves_resets_and_copies(
    qtbot: Any, workspace: Any, tmp_path: Path
) -> None:
    space, portfolio_id = workspace
    editor = TemplateEditorDialog(space, portfolio_id)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.selected() is not None and editor.selected().code == "waterfall"  # type: ignore[union-attr]
    good = editor.definition.toPlainText()
    editor.definition.setPlainText("{broken")
    assert not editor.save_button.isEnabled() and "line 1" in editor.validation.text()
    editor.definition.setPlainText(good.replace('"duration_days": 10', '"duration_days": -3', 1))
    assert "between 0 and 10000" in editor.validation.text()
    editor.definition.setPlainText(good)
    assert editor.save_button.isEnabled()
    editor.name.setText("Our waterfall")
    assert editor.save()
    assert editor.selected().name == "Our waterfall" and editor.selected().customised  # type: ignore[union-attr]
    assert editor.reset_button.isEnabled()
    assert editor.reset()  # the scripted dialogs answer yes
    assert editor.selected().shipped  # type: ignore[union-attr]
    assert editor.copy_as_new("gov", "Public sector waterfall")
    assert editor.selected().code == "gov"  # type: ignore[union-attr]
    editor.grab().save(str(tmp_path / "editor.png"))
    close_view(editor, space.pool)
