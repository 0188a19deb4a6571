"""The risk register's trends, history, escalation and task links on the demo portfolio."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select
from view_teardown import close_view

from pmo_desktop.models import (
    Portfolio,
    Project,
    RiskAssessment,
    RiskLevel,
    RiskStatus,
    RiskTaskLink,
    Task,
)
from pmo_desktop.services.database import Database
from pmo_desktop.services.risk_register import load_register
from pmo_desktop.services.risks import TREND_ARROWS, Trend
from pmo_desktop.ui.risks import RiskRegisterView
from pmo_desktop.ui.risks.panels import EscalateDialog, TaskPickerDialog
from pmo_desktop.ui.risks.table import Column
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def view(qtbot: Any, demo: Database, dialogs: Any) -> Iterator[RiskRegisterView]:
    with demo.session() as session:
        portfolio_id, as_of = session.execute(select(Portfolio.id, Portfolio.as_of_date)).one()
    pool = WorkPool()
    workspace = Workspace(demo, dialogs=dialogs, pool=pool)
    workspace.set_as_of(as_of)
    widget = RiskRegisterView(workspace)
    widget.user_name = "Tester"
    widget.resize(1600, 950)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=10_000):
        widget.show_portfolio(portfolio_id)
    yield widget
    close_view(widget, pool)


def _assessment_count(database: Database, risk_id: int) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).where(RiskAssessment.risk_id == risk_id))  # type: ignore[return-value]


def _cell(view: RiskRegisterView, risk_id: int, column: Column) -> str:
    position = view.model.position_of(risk_id)
    assert position is not None
    return str(view.model.index(position, column).data())


def test_trend_arrows_follow_the_history(view: RiskRegisterView) -> None:
    assert view.register is not None
    register = load_register(
        view.workspace.database, view.register.portfolio_id, view.workspace.as_of
    )
    trends = {row.id: row.trend for row in register.rows}
    assert {Trend.WORSE, Trend.BETTER} <= set(trends.values()), "the demo has rising and falling"
    for row in view.model.rows():
        assert _cell(view, row.id, Column.TREND) == TREND_ARROWS[trends[row.id]]
    rising = next(row for row in view.model.rows() if row.trend is Trend.WORSE)
    position = view.model.position_of(rising.id)
    tip = view.model.index(position, Column.TREND).data(Qt.ItemDataRole.ToolTipRole)
    assert str(rising.previous_score) in tip


def test_a_rating_edit_adds_today_to_the_history_and_undo_removes_it(
    qtbot: Any, view: RiskRegisterView
) -> None:
    database = view.workspace.database
    row = next(
        row for row in view.shown_rows() if row.probability < 5 and row.project_id is not None
    )
    assert view.select_risk(row.id)
    count = _assessment_count(database, row.id)
    shown = view.editor.history_table.row_count()
    assert shown == count
    view.editor.set_field("probability", row.probability + 1)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.save_editor()
    today = view.workspace.as_of
    with database.session() as session:
        saved = session.execute(
            select(RiskAssessment.score, RiskAssessment.assessed_by).where(
                RiskAssessment.risk_id == row.id, RiskAssessment.assessed_on == today
            )
        ).one()
    assert saved == ((row.probability + 1) * row.impact, "Tester")
    history = view.editor.history_table.source
    assert history.item(0, 3).text() == str(saved[0])
    assert view.workspace.undo_stack.count() == 1
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _assessment_count(database, row.id) == count
    assert view.editor.history_table.row_count() == count


def test_escalate_filter_and_de_escalate(
    qtbot: Any, view: RiskRegisterView, monkeypatch: pytest.MonkeyPatch
) -> None:
    row = next(
        row
        for row in view.shown_rows()
        if row.level is RiskLevel.PROJECT and row.programme_id is not None
    )
    assert view.select_risk(row.id)
    assert view.escalate_action.isEnabled() and not view.de_escalate_action.isEnabled()
    # The dialog: a note is needed before OK.
    dialog = EscalateDialog(row.code, True, view)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.note_edit.setPlainText("Shared supplier across the programme")
    assert ok.isEnabled() and dialog.level() is RiskLevel.PROGRAMME
    dialog.deleteLater()

    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert view.escalate_current(RiskLevel.PROGRAMME, "Shared supplier")
    assert _cell(view, row.id, Column.LEVEL) == "Programme"
    assert view.editor.row is not None and view.editor.row.level is RiskLevel.PROGRAMME
    assert "Shared supplier" in view.editor.escalation_label.text()
    assert view.de_escalate_action.isEnabled() and not view.escalate_action.isEnabled()

    view.filters.status_combo.setCurrentIndex(view.filters.status_combo.findData("all"))
    view.filters.set_level("escalated")
    shown = view.shown_rows()
    assert row.id in {line.id for line in shown}
    assert all(line.level is not RiskLevel.PROJECT for line in shown)
    expected = {line.id for line in view.model.rows() if line.level is not RiskLevel.PROJECT}
    assert {line.id for line in shown} == expected
    view.filters.set_level("project")
    assert row.id not in {line.id for line in view.shown_rows()}
    view.filters.set_level("all")
    assert view.select_risk(row.id)

    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert view.de_escalate_current()
    assert _cell(view, row.id, Column.LEVEL) == "Project"
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _cell(view, row.id, Column.LEVEL) == "Programme"
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert _cell(view, row.id, Column.LEVEL) == "Project"


def test_a_project_register_includes_its_escalated_risks(
    qtbot: Any, view: RiskRegisterView
) -> None:
    assert view.register is not None
    escalated = [row for row in view.model.rows() if row.level is not RiskLevel.PROJECT]
    assert escalated and all(row.project_id is not None for row in escalated)
    target = escalated[0]
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.show_project(view.register.portfolio_id, target.project_id)
    assert target.id in {row.id for row in view.model.rows()}


def test_link_open_and_unlink_tasks(
    qtbot: Any, view: RiskRegisterView, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = view.workspace.database
    row = next(
        row
        for row in view.shown_rows()
        if row.project_id is not None and row.status is RiskStatus.OPEN
    )
    assert view.select_risk(row.id)
    before = len(view.editor.links_panel.links)
    with database.session() as session:
        linked = set(
            session.scalars(select(RiskTaskLink.task_id).where(RiskTaskLink.risk_id == row.id))
        )
        task_id, name = session.execute(
            select(Task.id, Task.name)
            .where(Task.project_id == row.project_id, Task.id.not_in(linked or {0}))
            .order_by(Task.id)
            .limit(1)
        ).one()
        other_project = session.scalar(
            select(Project.id).where(Project.id != row.project_id).limit(1)
        )
    assert other_project is not None

    # The picker searches the project's tasks by name.
    picked: list[int | None] = []

    def choose(dialog: TaskPickerDialog) -> int:
        dialog.search.setText(name[:12])
        assert dialog.proxy.rowCount() >= 1
        match = dialog.proxy.match(dialog.proxy.index(0, 0), Qt.ItemDataRole.UserRole + 1, task_id)
        dialog.list.setCurrentIndex(match[0])
        picked.append(dialog.chosen_task())
        return TaskPickerDialog.DialogCode.Accepted

    monkeypatch.setattr(TaskPickerDialog, "exec", choose)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        assert view.link_task()
    assert picked == [task_id]
    links = view.editor.links_panel.links
    assert len(links) == before + 1 and task_id in {link.task_id for link in links}

    position = [link.task_id for link in links].index(task_id)
    index = view.editor.links_panel.source.index(position, 0)
    with qtbot.waitSignal(view.open_task, timeout=2_000) as opened:
        view.editor.links_panel.list.doubleClicked.emit(index)
    assert opened.args == [row.project_id, task_id]

    view.editor.links_panel.list.setCurrentIndex(index)
    assert view.editor.links_panel.remove_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.mouseClick(view.editor.links_panel.remove_button, Qt.MouseButton.LeftButton)
    assert task_id not in {link.task_id for link in view.editor.links_panel.links}
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.workspace.undo_stack.undo()
    assert task_id in {link.task_id for link in view.editor.links_panel.links}


def test_the_editor_lists_the_history_newest_first(view: RiskRegisterView) -> None:
    row = max(
        (row for row in view.shown_rows() if row.trend is Trend.WORSE),
        key=lambda row: row.score,
    )
    assert view.select_risk(row.id)
    table = view.editor.history_table.source
    assert table.rowCount() >= 2
    assert table.item(0, 3).text() == str(row.score)
    assert int(table.item(table.rowCount() - 1, 3).text()) != row.score or table.rowCount() > 2
