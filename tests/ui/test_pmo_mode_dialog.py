"""Governance ▸ PMO operating mode… with real widgets on a real SQLite file (the small sample
portfolio) and on the PostgreSQL server: the change is stored and undone, the gate review
then follows the new mode, the compliance header shows it, a non-admin sees it read-only;
and the gate review keeps each condition's `done` flag when a review is recorded again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.engine import make_url
from view_teardown import close_view

from pmo_desktop.models import GateDecision, GateReview, PmoMode, Portfolio, Project
from pmo_desktop.models.enums import RoleName
from pmo_desktop.services import crud
from pmo_desktop.services.audit_log import object_history
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.gates import gate_overview, project_gates
from pmo_desktop.storage.locations import resolve_target
from pmo_desktop.storage.server_admin import add_user, init_server
from pmo_desktop.ui.compliance.view import ComplianceView
from pmo_desktop.ui.governance.gate_dialog import GateReviewDialog
from pmo_desktop.ui.governance.pmo_mode_dialog import PmoModeDialog
from pmo_desktop.ui.main_window import MainWindow
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

CRITERION = "Business case approved by the sponsor"


@pytest.fixture
def workspace(sample_db: tuple[Database, Any], dialogs: Any) -> Iterator[tuple[Workspace, Any]]:
    database, sample = sample_db
    pool = WorkPool()
    yield Workspace(database, dialogs=dialogs, pool=pool), sample
    pool.drain()


def _gate(database: Database, project_id: int, sequence: int = 1, **values: Any) -> int:
    """A gate of the project with one required criterion, still open."""
    fields: dict[str, Any] = {
        "name": f"Gate {sequence}",
        "next_phase": f"Phase {sequence + 1}",
        "planned_date": date(2026, 4, 1),
        "criteria": [{"text": CRITERION, "required": True, "met": False}],
        **values,
    }
    return crud.create(database, GateReview, project_id=project_id, sequence=sequence, **fields).id


def _review(qtbot: Any, space: Workspace, project_id: int, *, admin: bool) -> GateReviewDialog:
    dialog = GateReviewDialog(space, project_id, user_name="Sam", decider_is_pmo_admin=admin)
    qtbot.addWidget(dialog)
    return dialog


def _decide(dialog: GateReviewDialog, decision: GateDecision) -> str:
    dialog.decision.setCurrentIndex(dialog.decision.findData(decision.value))
    return dialog.status.text()


def _stored_mode(path: Any, portfolio_id: int) -> PmoMode:
    """The mode as another connection to the file reads it (what is on disk)."""
    other = open_database(path)
    try:
        return crud.get(other, Portfolio, portfolio_id).pmo_mode
    finally:
        other.close()


def test_the_dialog_changes_the_mode_undo_restores_and_gates_follow(
    qtbot: Any, workspace: Any, tmp_path: Any
) -> None:
    space, sample = workspace
    project_id = sample.projects["DW-01"]
    _gate(space.database, project_id)

    dialog = PmoModeDialog(space, sample.portfolio_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.reason == "" and dialog.note.isHidden()
    assert "Controlling" in dialog.current_label.text()
    assert dialog.chosen() is PmoMode.CONTROLLING
    assert not dialog.save_button.isEnabled()  # nothing changed yet
    # The texts say what services.gates enforces.
    assert "only as 'Go with conditions'" in dialog.mode_rule(PmoMode.CONTROLLING)
    assert "Only a PMO administrator" in dialog.mode_rule(PmoMode.DIRECTIVE)
    dialog.buttons_by_mode[PmoMode.DIRECTIVE].click()
    assert dialog.save_button.isEnabled()
    dialog.grab().save(str(tmp_path / "pmo-mode.png"))
    dialog.accept()
    assert dialog.result_command is not None and dialog.result() == dialog.DialogCode.Accepted
    assert _stored_mode(sample.path, sample.portfolio_id) is PmoMode.DIRECTIVE
    assert space.undo_stack.undoText() == "PMO mode Controlling → Directive"
    history = object_history(space.database, "portfolios", sample.portfolio_id)
    change = next(c for c in history[0].changes if c.name == "pmo_mode")
    assert (change.before, change.after) == ("controlling", "directive")

    # Directive: the open required criterion blocks the gate, even for a PMO admin; a
    # non-admin may not decide at all.
    admin = _review(qtbot, space, project_id, admin=True)
    assert "Directive PMO" in admin.header.text()
    assert _decide(admin, GateDecision.GO).startswith("Blocked: In directive mode the gate")
    close_view(admin, space.pool)
    other = _review(qtbot, space, project_id, admin=False)
    assert "only a PMO administrator" in _decide(other, GateDecision.HOLD)
    close_view(other, space.pool)

    # Undo: controlling again, on disk too; Go is refused, Go with conditions passes.
    space.undo_stack.undo()
    assert _stored_mode(sample.path, sample.portfolio_id) is PmoMode.CONTROLLING
    controlling = _review(qtbot, space, project_id, admin=False)
    assert _decide(controlling, GateDecision.GO).startswith("Blocked: In controlling mode")
    controlling._add_condition({"text": "Sign it", "owner": "Bea", "due": "2026-05-01"})
    assert _decide(controlling, GateDecision.GO_WITH_CONDITIONS).startswith("Warning:")
    close_view(controlling, space.pool)

    # Supportive: Go passes, flagged; recording it keeps the warning.
    supportive_dialog = PmoModeDialog(space, sample.portfolio_id)
    qtbot.addWidget(supportive_dialog)
    supportive_dialog.choose(PmoMode.SUPPORTIVE)
    supportive_dialog.accept()
    assert _stored_mode(sample.path, sample.portfolio_id) is PmoMode.SUPPORTIVE
    supportive = _review(qtbot, space, project_id, admin=False)
    assert _decide(supportive, GateDecision.GO).startswith("Warning: Passed with open required")
    supportive.accept()
    assert supportive.result_command is not None
    assert supportive.result_command.warnings == [f"Passed with open required items: {CRITERION}."]
    assert crud.get(space.database, Project, project_id).phase == "Phase 2"
    close_view(supportive, space.pool)


def test_unchanged_mode_saves_nothing_and_read_only_database_is_explained(
    qtbot: Any, workspace: Any
) -> None:
    space, sample = workspace
    dialog = PmoModeDialog(space, sample.portfolio_id)
    qtbot.addWidget(dialog)
    dialog.choose(PmoMode.CONTROLLING)
    assert dialog.command() is None
    dialog.accept()
    assert space.undo_stack.count() == 0

    database = space.database
    database.read_only, database.read_only_reason = True, "opened for inspection"
    try:
        shown = PmoModeDialog(space, sample.portfolio_id)
        qtbot.addWidget(shown)
        shown.show()
        assert "read-only (opened for inspection)" in shown.reason
        assert shown.note.isVisible() and shown.note.text() == shown.reason
        assert not shown.save_button.isVisible()
        assert not any(b.isEnabled() for b in shown.buttons_by_mode.values())
        assert shown.buttons_by_mode[PmoMode.CONTROLLING].isChecked()
        assert shown.command() is None
    finally:
        database.read_only = False
    assert crud.get(database, Portfolio, sample.portfolio_id).pmo_mode is PmoMode.CONTROLLING


def test_compliance_header_shows_the_mode_and_follows_a_change(qtbot: Any, workspace: Any) -> None:
    space, sample = workspace
    space.set_as_of(date(2026, 3, 31))
    view = ComplianceView(space)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.show_portfolio(sample.portfolio_id)
    assert view.subtitle.text().endswith(" · Controlling PMO")
    dialog = PmoModeDialog(space, sample.portfolio_id)
    qtbot.addWidget(dialog)
    dialog.choose(PmoMode.DIRECTIVE)
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        dialog.accept()  # the Portfolio change reloads the view
    assert view.subtitle.text().endswith(" · Directive PMO")
    close_view(view, space.pool)


def test_the_governance_menu_offers_the_mode(qtbot: Any, sample_db: Any, dialogs: Any) -> None:
    database, _sample = sample_db
    window = MainWindow(database, dialogs=dialogs, remember_layout=False, watch_changes=False)
    qtbot.addWidget(window)
    assert window.pmo_mode_action in window.governance_menu.actions()
    assert window.pmo_mode_action.isEnabled()
    database.read_only, database.read_only_reason = True, "opened for inspection"
    window._update_actions()
    assert window.pmo_mode_action.isEnabled()  # still shown: read-only, with the reason
    assert not window.rag_rules_action.isEnabled()
    database.read_only = False
    window.close()


def test_gate_review_keeps_each_conditions_done_flag(qtbot: Any, workspace: Any) -> None:
    space, sample = workspace
    project_id = sample.projects["DW-02"]
    conditions = [
        {"text": "Sign the contract", "owner": "Bea", "due": "2026-03-01", "done": True},
        {"text": "Hire the tester", "owner": "Ann", "due": "2026-04-15", "done": False},
    ]
    _gate(
        space.database,
        project_id,
        criteria=[{"text": CRITERION, "required": True, "met": True}],
        decision=GateDecision.GO_WITH_CONDITIONS,
        review_date=date(2026, 2, 1),
        decided_by="Steering committee",
        conditions=conditions,
    )
    _gate(space.database, project_id, sequence=2)
    dialog = _review(qtbot, space, project_id, admin=False)
    dialog.gate.setCurrentIndex(0)  # the passed gate, re-opened
    assert dialog.current_gate() is not None and dialog.current_gate().sequence == 1  # type: ignore[union-attr]
    done = [dialog.conditions.item(row, 3).checkState() for row in range(2)]
    assert done == [Qt.CheckState.Checked, Qt.CheckState.Unchecked]
    dialog.notes.setPlainText("Contract signed on time.")
    dialog.accept()
    assert dialog.result_command is not None
    stored = project_gates(space.database, project_id).gates[0]
    assert stored.notes == "Contract signed on time."
    assert [c["done"] for c in stored.conditions] == [True, False]
    overview = gate_overview(space.database, project_id=project_id)[0]
    assert [c.text for c in overview.open_conditions] == ["Hire the tester"]
    close_view(dialog, space.pool)

    # Ticking the second one closes it; undo opens it again.
    again = _review(qtbot, space, project_id, admin=False)
    again.gate.setCurrentIndex(0)
    again.conditions.item(1, 3).setCheckState(Qt.CheckState.Checked)
    again.accept()
    assert [c["done"] for c in project_gates(space.database, project_id).gates[0].conditions] == [
        True,
        True,
    ]
    assert gate_overview(space.database, project_id=project_id)[0].open_conditions == []
    space.undo_stack.undo()
    assert [c["done"] for c in project_gates(space.database, project_id).gates[0].conditions] == [
        True,
        False,
    ]
    close_view(again, space.pool)


@pytest.fixture
def server_users(server_db: str) -> dict[str, str]:
    """A server database with its roles, an editor and a viewer: their URLs by role."""
    postgres_url = server_db
    owner = open_database(postgres_url)
    try:
        crud.create(owner, Portfolio, name="Helios", currency="EUR")
    finally:
        owner.close()
    init_server(resolve_target(postgres_url))
    name = make_url(postgres_url).database or ""
    urls = {"admin": postgres_url}
    for role in (RoleName.EDITOR, RoleName.VIEWER):
        user = f"{name}_{role.value}"
        add_user(resolve_target(postgres_url), user, role)
        urls[role.value] = make_url(postgres_url).set(username=user).render_as_string(False)
    return urls


@pytest.mark.postgres
def test_on_a_server_only_a_pmo_admin_may_change_the_mode(
    qtbot: Any, server_users: dict[str, str], dialogs: Any
) -> None:
    reasons = {}
    for role in ("editor", "viewer", "admin"):
        database = open_database(server_users[role])
        pool = WorkPool()
        try:
            space = Workspace(database, dialogs=dialogs, pool=pool)
            portfolio_id = crud.list_rows(database, Portfolio)[0].id
            dialog = PmoModeDialog(space, portfolio_id)
            qtbot.addWidget(dialog)
            reasons[role] = dialog.reason
            locked = not any(b.isEnabled() for b in dialog.buttons_by_mode.values())
            assert locked == (role != "admin")
            if role != "admin":
                dialog.choose(PmoMode.SUPPORTIVE)
                assert dialog.command() is None and not dialog.save_button.isEnabled()
            else:
                dialog.choose(PmoMode.SUPPORTIVE)
                dialog.accept()
                assert dialog.result_command is not None
            dialog.close()
        finally:
            pool.drain()
            database.close()
    assert reasons["editor"].startswith("Only a PMO administrator may change the PMO mode")
    assert "is editor" in reasons["editor"]
    assert "read-only" in reasons["viewer"] and "viewer" in reasons["viewer"]
    assert reasons["admin"] == ""
    check = open_database(server_users["viewer"])
    try:
        assert crud.list_rows(check, Portfolio)[0].pmo_mode is PmoMode.SUPPORTIVE
    finally:
        check.close()
