"""Gate review ▸ Record a Lesson…: a lesson captured at a gate with real widgets on a real
SQLite file, tagged with the stage's phase and the project's method, found by the lessons
panel, and removed by undo."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import Lesson
from pmo_desktop.services.database import Database
from pmo_desktop.ui.governance.gate_dialog import GateReviewDialog
from pmo_desktop.ui.governance.new_project_dialog import NewProjectDialog
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def workspace(sample_db: tuple[Database, Any], dialogs: Any) -> Iterator[tuple[Workspace, int]]:
    database, sample = sample_db
    pool = WorkPool()
    yield Workspace(database, dialogs=dialogs, pool=pool), sample.portfolio_id
    pool.drain()


def test_a_lesson_recorded_at_a_gate_is_tagged_found_and_undone(qtbot: Any, workspace: Any) -> None:
    space, portfolio_id = workspace
    creator = NewProjectDialog(space, portfolio_id, manager="Ann Lee")
    qtbot.addWidget(creator)
    creator.language.setCurrentIndex(creator.language.findData("en"))
    creator.template.setCurrentIndex(creator.template.findData("waterfall"))
    qtbot.waitUntil(lambda: not creator.lessons.loading, timeout=5000)
    creator.code.setText("GATED")
    creator.name.setText("Gated project")
    creator.accept()
    project_id = creator.created_project_id
    assert project_id is not None
    close_view(creator, space.pool)

    dialog = GateReviewDialog(space, project_id, user_name="Steering committee")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.lessons.loading, timeout=5000)
    assert dialog.record_lesson_button.isEnabled()
    capture = dialog.lesson_dialog()
    assert capture is not None
    assert capture.phase.text() == "Initiation"
    assert not capture.ok_button.isEnabled()  # a lesson needs a title
    capture.title.setText("Sign the supplier contract before the gate")
    capture.category.setText("Suppliers")
    capture.recommendation.setPlainText("Start the procurement in the first month.")
    assert capture.ok_button.isEnabled()
    capture.grab().save("/tmp/R-lesson-capture.png")
    steps = space.undo_stack.count()
    capture.accept()
    assert capture.result_command is not None
    assert space.undo_stack.count() == steps + 1
    with space.database.session() as session:
        lesson = session.scalars(select(Lesson).where(Lesson.project_id == project_id)).one()
    assert (lesson.phase, lesson.method, lesson.category, lesson.owner) == (
        "Initiation", "waterfall", "Suppliers", "Steering committee",
    )  # fmt: skip
    assert lesson.code and lesson.raised_on is not None

    # The gate's lessons panel finds it (same method and phase).
    dialog._show_lessons()
    qtbot.waitUntil(lambda: not dialog.lessons.loading, timeout=5000)
    assert any(m.title == lesson.title for m in dialog.lessons.matches)

    space.undo_stack.undo()
    with space.database.session() as session:
        assert session.scalars(select(Lesson).where(Lesson.project_id == project_id)).all() == []
    capture.deleteLater()
    close_view(dialog, space.pool)
