"""The Compliance view on the demo portfolio: counts, projects with trend, filters, opening a
project, and undoable rule settings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester
from sqlalchemy import select
from view_teardown import close_view

from pmo_desktop.models import ComplianceSetting, Portfolio
from pmo_desktop.reports.data import Trend
from pmo_desktop.services.compliance import check_compliance, previous_period_end
from pmo_desktop.services.database import Database
from pmo_desktop.ui.compliance.models import FindingColumn, RuleColumn
from pmo_desktop.ui.compliance.view import ComplianceView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace


@pytest.fixture
def view(qtbot: Any, demo: Database, dialogs: Any) -> Iterator[ComplianceView]:
    with demo.session() as session:
        portfolio_id, as_of = session.execute(select(Portfolio.id, Portfolio.as_of_date)).one()
    pool = WorkPool()
    workspace = Workspace(demo, dialogs=dialogs, pool=pool)
    workspace.set_as_of(as_of)
    widget = ComplianceView(workspace)
    widget.resize(1500, 900)
    widget.show()
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.show_portfolio(portfolio_id)
    yield widget
    close_view(widget, pool)


def test_counts_match_the_service_and_models_are_sound(view: ComplianceView) -> None:
    workspace = view.workspace
    assert view.error == ""
    expected = check_compliance(workspace.database, view.portfolio_id or 0, workspace.as_of)
    assert view.current is not None and view.previous is not None
    assert view.previous.as_of == previous_period_end(workspace.as_of)
    assert len(view.shown_findings()) == len(expected.findings) > 10
    counts = expected.by_severity()
    assert view.severity_chips["error"].text() == f"{counts['error']} errors"
    assert view.severity_chips["warning"].text() == f"{counts['warning']:,} warnings"
    for model in (view.findings_model, view.projects_model, view.rules_model):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    # Worst first: errors on top of the findings table.
    top = view.findings_proxy.index(0, FindingColumn.SEVERITY).data()
    assert top == "Error"
    # The projects table: one line per checked project (and the portfolio level).
    lines = [view.projects_model.line(row) for row in range(view.projects_model.rowCount())]
    assert {line.code for line in lines if line.code} == {p.code for p in expected.projects}
    by_project = Counter(f.project_code for f in expected.findings)
    for line in lines:
        assert line.total == by_project[line.code]
        assert line.trend in (Trend.BETTER, Trend.WORSE, Trend.SAME)
    # Per-rule counts on the Rules tab.
    for row in range(view.rules_model.rowCount()):
        rule = view.rules_model.rule(row)
        shown = view.rules_model.index(row, RuleColumn.FINDINGS).data()
        assert shown == expected.by_rule()[rule.code]


def test_filters_and_opening_a_project(view: ComplianceView, qtbot: Any) -> None:
    total = view.findings_model.rowCount()
    view.severity_combo.setCurrentIndex(view.severity_combo.findData("error"))
    assert {f.severity for f in view.shown_findings()} == {"error"}
    view.rule_combo.setCurrentIndex(view.rule_combo.findData("baseline_missing"))
    assert {f.project_code for f in view.shown_findings()} == {"DIG-02", "STD-01"}
    view.clear_filters()
    assert len(view.shown_findings()) == total
    view.text_edit.setText("HEL-R-0")
    assert view.shown_findings() and all("HEL-R-0" in f.object_name for f in view.shown_findings())
    view.clear_filters()
    # Selecting a project keeps its findings only.
    for row in range(view.projects_proxy.rowCount()):
        source = view.projects_proxy.mapToSource(view.projects_proxy.index(row, 0)).row()
        if view.projects_model.line(source).code == "CYB-01":
            view.projects_table.selectRow(row)
    shown = view.shown_findings()
    assert shown and {f.project_code for f in shown} == {"CYB-01"}
    assert view.count_label.text() == f"{len(shown)} of {total:,} findings"
    # Double-click (or Ctrl+Return) opens the finding's project.
    index = view.findings_proxy.index(0, FindingColumn.MESSAGE)
    view.findings_table.setCurrentIndex(index)
    with qtbot.waitSignal(view.open_project, timeout=2_000) as opened:
        view.findings_table.doubleClicked.emit(index)
    assert opened.args == [shown[0].project_id]
    with qtbot.waitSignal(view.open_project, timeout=2_000):
        view.open_action.trigger()


def test_rule_settings_are_undoable(view: ComplianceView, qtbot: Any) -> None:
    workspace = view.workspace
    row = view.rules_model.row_of("risk_review_overdue")
    assert row is not None
    before = view.rules_model.index(row, RuleColumn.FINDINGS).data()
    assert before > 0
    # Untick the rule in the table: its findings go, undo brings them back.
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        assert view.rules_model.setData(
            view.rules_model.index(row, RuleColumn.ENABLED),
            Qt.CheckState.Unchecked.value,
            Qt.ItemDataRole.CheckStateRole,
        )
    assert not any(f.rule == "risk_review_overdue" for f in view.shown_findings())
    assert view.rules_model.index(row, RuleColumn.FINDINGS).data() == "—"
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        workspace.undo_stack.undo()
    assert view.rules_model.index(row, RuleColumn.FINDINGS).data() == before
    # The editor: severity and a parameter, then Reset.
    view.tabs.setCurrentIndex(1)
    view.rules_table.selectRow(row)
    editor = view.editor
    assert editor.rule is not None and editor.rule.code == "risk_review_overdue"
    editor.severity_combo.setCurrentIndex(editor.severity_combo.findData("info"))
    editor.parameter_widgets["grace_days"].setValue(30)  # type: ignore[union-attr]
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        editor.apply_button.click()
    fewer = view.rules_model.index(row, RuleColumn.FINDINGS).data()
    assert 0 < fewer < before
    assert {f.severity for f in view.current.findings if f.rule == "risk_review_overdue"} == {
        "info"
    }  # type: ignore[union-attr]
    assert view.editor.rule is not None and view.editor.rule.customised
    assert view.editor.reset_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.editor.reset_button.click()
    assert view.rules_model.index(row, RuleColumn.FINDINGS).data() == before
    with workspace.database.session() as session:
        assert session.scalars(select(ComplianceSetting)).all() == []
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        workspace.undo_stack.undo()  # the reset
    with workspace.database.session() as session:
        stored = session.scalars(select(ComplianceSetting)).one()
    assert (stored.severity, stored.parameters) == ("info", {"grace_days": 30})
    # A threshold-backed parameter shows the RAG threshold until changed.
    view.rules_table.selectRow(view.rules_model.row_of("budget_over_tolerance") or 0)
    spin = view.editor.parameter_widgets["tolerance_percent"]
    assert spin.text() == "RAG threshold (10)"  # type: ignore[union-attr]
    assert view.editor.parameters() == {"tolerance_percent": None}


def test_state_round_trip_and_database_change(
    view: ComplianceView, tmp_path: Any, qtbot: Any
) -> None:
    settings = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    view.tabs.setCurrentIndex(1)
    view.save_state(settings)
    view.tabs.setCurrentIndex(0)
    view.restore_state(settings)
    assert view.tabs.currentIndex() == 1
    assert {action.text() for action in view.actions_for_menu()} == {
        "&Open the finding's project",
        "&Filter findings",
        "&Clear compliance filters",
    }
    view.grab().save("/tmp/O-compliance-rules.png")
    view.tabs.setCurrentIndex(0)
    view.grab().save("/tmp/O-compliance-findings.png")
    view.workspace.database_changed.emit()
    assert view.findings_model.rowCount() == 0 and view.title.text() == ""
