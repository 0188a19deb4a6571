"""The connection dialog's server security: encryption choice, forced plain text, role shown.

(A Qt test kept beside the server tests it belongs with; it drives the real dialog.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from server_team import Team, team_server
from sqlalchemy.engine import make_url

from pmo_desktop.errors import DatabaseLocationError
from pmo_desktop.models.enums import RoleName
from pmo_desktop.services.database import open_database
from pmo_desktop.ui.connect_dialog import ConnectDialog, ServerConnection
from pmo_desktop.ui.workers import WorkPool


@pytest.fixture
def pool(qtbot) -> Iterator[WorkPool]:
    work_pool = WorkPool()
    yield work_pool
    assert work_pool.drain(20_000)


@pytest.fixture
def team(postgres_url: str) -> Iterator[Team]:
    yield from team_server(postgres_url)


def _dialog(qtbot, url: str, pool: WorkPool | None = None) -> ConnectDialog:
    dialog = ConnectDialog(url=url, pool=pool)
    qtbot.addWidget(dialog)
    return dialog


def test_sslmode_round_trips_through_the_form(qtbot, no_keyring) -> None:
    dialog = _dialog(qtbot, "postgresql://ann@db.example.org:6432/pmo?sslmode=verify-full")
    assert dialog.sslmode == "verify-full"
    assert make_url(dialog.url()).query == {"sslmode": "verify-full"}
    dialog.sslmode = ""
    assert make_url(dialog.url()).query == {}  # PMO Desktop's default: require remotely


def test_unencrypted_remote_connection_needs_the_checkbox(qtbot, no_keyring) -> None:
    dialog = _dialog(qtbot, "postgresql://ann@db.example.org/pmo")
    dialog.show()
    assert dialog.connect_button.isEnabled()
    assert not dialog.insecure_check.isEnabled()
    dialog.sslmode = "disable"
    assert dialog.insecure_check.isEnabled()
    assert not dialog.connect_button.isEnabled()
    assert "plain text" in dialog.status_text  # says why Connect is greyed out
    dialog.accept()
    assert dialog.connection is None and dialog.isVisible()

    dialog.allow_insecure = True
    assert dialog.connect_button.isEnabled() and dialog.status_text == ""
    dialog.accept()
    connection = dialog.connection
    assert connection == ServerConnection(dialog.url(), "", False, allow_insecure=True)
    # The consent travels with the URL the window opens, and is stripped before the driver.
    with pytest.raises(DatabaseLocationError):
        open_database(connection.url, create=False)
    assert "pmo_allow_insecure=1" in connection.url_with_password()


def test_unencrypted_on_this_computer_needs_no_consent(qtbot, no_keyring) -> None:
    dialog = _dialog(qtbot, "postgresql://ann@127.0.0.1/pmo?sslmode=disable")
    dialog.show()
    assert not dialog.insecure_check.isEnabled()
    assert dialog.connect_button.isEnabled()
    dialog.accept()
    assert dialog.connection is not None and not dialog.connection.allow_insecure


@pytest.mark.postgres
def test_connection_test_shows_the_role_the_server_enforces(
    qtbot, pool, no_keyring, team: Team
) -> None:
    for role, expected in (
        (RoleName.VIEWER, "your role is viewer"),
        (RoleName.EDITOR, "Your role: editor."),
        (RoleName.ADMIN, "Your role: PMO admin."),
    ):
        dialog = _dialog(qtbot, team.logins[role], pool)
        with qtbot.waitSignal(dialog.test_finished, timeout=30_000) as outcome:
            assert dialog.test_connection() is not None
        qtbot.waitUntil(lambda dialog=dialog: not dialog.testing)
        ok, message = outcome.args
        assert ok and expected in message, message
