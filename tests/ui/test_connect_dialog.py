"""The server connection dialog against the real PostgreSQL server: test, errors, keyring."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from pmo_desktop.services.database import credentials, open_database
from pmo_desktop.ui.connect_dialog import ConnectDialog, ServerConnection
from pmo_desktop.ui.workers import WorkPool


@pytest.fixture
def pool(qtbot) -> Iterator[WorkPool]:
    work_pool = WorkPool()
    yield work_pool
    assert work_pool.drain(20_000)


def _fill(dialog: ConnectDialog, url: str) -> None:
    parsed = make_url(url)
    dialog.host = parsed.host or "localhost"
    dialog.port = parsed.port or 5432
    dialog.database = parsed.database or ""
    dialog.user = parsed.username or ""
    dialog.password = parsed.password or ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run_test(qtbot, dialog: ConnectDialog) -> tuple[bool, str]:
    with qtbot.waitSignal(dialog.test_finished, timeout=30_000) as outcome:
        assert dialog.test_connection() is not None
    qtbot.waitUntil(lambda: not dialog.testing)
    return outcome.args[0], outcome.args[1]


@pytest.mark.postgres
def test_test_connection_reaches_the_server(
    qtbot, pool, file_keyring, postgres_server_url: str
) -> None:
    dialog = ConnectDialog(pool=pool)
    qtbot.addWidget(dialog)
    _fill(dialog, postgres_server_url)
    ok, message = _run_test(qtbot, dialog)
    assert ok, message
    assert message.startswith("Connected to PostgreSQL ")
    assert dialog.status_text == message
    assert dialog.test_button.isEnabled()


@pytest.mark.postgres
def test_a_pmo_database_is_named_with_its_schema(
    qtbot, pool, file_keyring, postgres_url: str
) -> None:
    open_database(postgres_url).close()
    dialog = ConnectDialog(pool=pool)
    qtbot.addWidget(dialog)
    _fill(dialog, postgres_url)
    ok, message = _run_test(qtbot, dialog)
    assert ok
    assert "a PMO Desktop database, schema" in message


@pytest.mark.postgres
def test_testing_an_empty_database_writes_nothing(
    qtbot, pool, file_keyring, postgres_url: str
) -> None:
    dialog = ConnectDialog(pool=pool)
    qtbot.addWidget(dialog)
    _fill(dialog, postgres_url)
    ok, message = _run_test(qtbot, dialog)
    assert ok
    assert "empty" in message
    engine = create_engine(make_url(postgres_url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            assert inspect(connection).get_table_names() == []
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_wrong_port_gives_the_server_reason_in_one_line(
    qtbot, pool, file_keyring, postgres_server_url: str
) -> None:
    dialog = ConnectDialog(pool=pool)
    qtbot.addWidget(dialog)
    _fill(dialog, postgres_server_url)
    port = _free_port()
    dialog.port = port
    ok, message = _run_test(qtbot, dialog)
    assert not ok
    assert "Cannot connect to" in message
    assert f"port {port} failed" in message
    assert "refused" in message.lower()
    assert "\n" not in message and "Traceback" not in message
    assert dialog.status_text == message
    assert "#B71C1C" in dialog.status_label.styleSheet()


@pytest.mark.postgres
def test_a_wrong_database_name_says_so(qtbot, pool, file_keyring, postgres_server_url: str) -> None:
    dialog = ConnectDialog(pool=pool)
    qtbot.addWidget(dialog)
    _fill(dialog, postgres_server_url)
    dialog.database = "no_such_database_here"
    ok, message = _run_test(qtbot, dialog)
    assert not ok
    assert 'database "no_such_database_here" does not exist' in message


@pytest.mark.postgres
def test_accept_returns_the_url_without_password_and_the_password_apart(
    qtbot, file_keyring, postgres_url: str
) -> None:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    _fill(dialog, postgres_url)
    dialog.password = "pa:ss@word"
    dialog.remember = True
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    connection = dialog.connection
    assert isinstance(connection, ServerConnection)
    assert "pa:ss" not in connection.url
    assert connection.url.startswith("postgresql+psycopg://")
    assert make_url(connection.url).database == make_url(postgres_url).database
    assert connection.password == "pa:ss@word"
    assert make_url(connection.url_with_password()).password == "pa:ss@word"
    assert connection.remember


@pytest.mark.postgres
def test_the_accepted_connection_opens_the_database(qtbot, file_keyring, postgres_url: str) -> None:
    dialog = ConnectDialog(url=postgres_url)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.connection is not None
    database = open_database(dialog.connection.url_with_password())
    try:
        assert not database.read_only
        assert database.display == make_url(dialog.connection.url).render_as_string()
    finally:
        database.close()


def test_a_remembered_password_is_offered_next_time(qtbot, file_keyring) -> None:
    url = "postgresql+psycopg://alice@db.example.org:6543/pmo"
    ServerConnection(url, "s3cret", remember=True).remember_password()
    assert credentials.get_password(url) == "s3cret"
    dialog = ConnectDialog(url=url)
    qtbot.addWidget(dialog)
    assert (dialog.host, dialog.port, dialog.database, dialog.user) == (
        "db.example.org",
        6543,
        "pmo",
        "alice",
    )
    assert dialog.password == "s3cret"
    assert dialog.remember
    assert dialog.url() == url
    # Unticking "Remember password" forgets it once the connection is used.
    ServerConnection(url, "s3cret", remember=False).remember_password()
    assert credentials.get_password(url) is None


def test_without_a_keyring_the_dialog_says_the_password_cannot_be_kept(qtbot, no_keyring) -> None:
    dialog = ConnectDialog(url="postgresql+psycopg://bob@server/pmo")
    qtbot.addWidget(dialog)
    assert not dialog.remember_check.isEnabled()
    dialog.remember = True
    assert not dialog.remember
    assert "cannot be remembered" in dialog.keyring_note.text()
    dialog.password = "typed"
    dialog.accept()
    assert dialog.connection == ServerConnection(
        "postgresql+psycopg://bob@server:5432/pmo", "typed", remember=False
    )
    dialog.connection.remember_password()  # nothing to keep, nothing raised
    with pytest.raises(credentials.KeyringUnavailableError):
        ServerConnection(dialog.connection.url, "typed", remember=True).remember_password()


def test_required_fields_and_keyboard(qtbot, file_keyring) -> None:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.connect_button.isDefault()
    assert not dialog.test_button.autoDefault()
    dialog.database = ""
    assert not dialog.connect_button.isEnabled()
    dialog.accept()
    assert dialog.isVisible() and dialog.connection is None
    assert dialog.status_text == "Fill in the database."
    assert dialog.test_connection() is None
    dialog.database = "pmo"
    assert dialog.connect_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.connection is None


def test_the_password_never_reaches_the_settings(qtbot, file_keyring, tmp_path: Path) -> None:
    url = "postgresql+psycopg://alice@db.example.org/pmo"
    dialog = ConnectDialog(url=url)
    qtbot.addWidget(dialog)
    dialog.password = "do-not-write-me"
    dialog.remember = True
    dialog.accept()
    assert dialog.connection is not None
    dialog.connection.remember_password()
    keyring_file = Path(file_keyring.file_path)
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != keyring_file:
            assert b"do-not-write-me" not in path.read_bytes(), path
