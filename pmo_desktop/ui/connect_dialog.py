"""Connect to a PostgreSQL server: host, port, database, user, password, "Remember password".

"Test connection" opens the database in the background (nothing is written: an empty or
older database is opened read-only for the test) and shows the server's answer in one line.
The accepted dialog gives a `ServerConnection`: the URL without its password, and the
password apart; the URL carries the chosen `sslmode` (an unencrypted connection to another
computer only with "Allow an unencrypted connection" ticked); the caller opens the database
and, once that worked, calls `remember_password()` so that only a password that worked is
kept in the keyring.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url

from pmo_desktop.errors import PmoError
from pmo_desktop.services.database import credentials, open_database
from pmo_desktop.storage.locations import ALLOW_INSECURE_PARAM, is_loopback_host
from pmo_desktop.ui.workers import Job, ProgressToken, WorkPool, default_pool

DEFAULT_PORT = 5432
DRIVER = "postgresql+psycopg"
#: libpq's sslmode values, safest last; "" leaves the choice to PMO Desktop's rule.
SSL_MODES = ("", "disable", "prefer", "require", "verify-ca", "verify-full")
_OK_STYLE = "color: #1B5E20;"
_ERROR_STYLE = "color: #B71C1C;"


@dataclass(frozen=True)
class ServerConnection:
    """What the dialog returns: where to connect, and the password kept apart from the URL."""

    url: str
    password: str
    remember: bool
    #: The user accepted an unencrypted connection to another computer (sslmode=disable).
    allow_insecure: bool = False

    def url_with_password(self) -> str:
        """The URL to hand to `open_database` (never to store or show)."""
        url = make_url(self.url)
        if self.password:
            url = url.set(password=self.password)
        if self.allow_insecure:
            url = url.update_query_dict({ALLOW_INSECURE_PARAM: "1"})
        return url.render_as_string(hide_password=False)

    def remember_password(self) -> None:
        """Store the password in the keyring if asked, else forget any stored one.

        Call it after the database opened. Raises `KeyringUnavailableError` when there is no
        keyring and the user asked to remember.
        """
        if self.remember and self.password:
            credentials.store_password(self.url, self.password)
        elif credentials.keyring_available():
            credentials.forget_password(self.url)


def one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class ProbeResult:
    """What a connection test found on the server."""

    server_version: str
    revision: str | None
    read_only: bool
    reason: str
    #: The user's role as the server enforces it ("" before the database is set up).
    role: str = ""


def probe_server(token: ProgressToken, url: str) -> ProbeResult:
    """Connect to `url` and say what is there, changing nothing (runs in a worker)."""
    token.progress(0, 1, "")
    database = open_database(url, create=True, upgrade=False)
    try:
        token.raise_if_cancelled()
        with database.session() as session:
            version = session.connection().dialect.server_version_info or ()
        return ProbeResult(
            ".".join(str(part) for part in version[:2]),
            database.revision,
            database.read_only,
            database.read_only_reason,
            database.server_role,
        )
    finally:
        database.close()


class ConnectDialog(QDialog):
    """The server connection form; `connection` holds the answer once accepted."""

    #: Emitted (ok, one-line message) when a connection test ends.
    test_finished = Signal(bool, str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        url: str | None = None,
        pool: WorkPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to a PostgreSQL server"))
        self._pool = pool
        self._job: Job | None = None
        self._warned = False
        self.connection: ServerConnection | None = None
        self.keyring_available = credentials.keyring_available()

        self.host_edit = QLineEdit("localhost")
        self.port_spin = QSpinBox()
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.port_spin.setGroupSeparatorShown(False)
        self.port_spin.setFixedWidth(self.port_spin.fontMetrics().horizontalAdvance("65535") + 48)
        self.database_edit = QLineEdit("pmo")
        self.user_edit = QLineEdit(_login_name())
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("empty if the server does not ask"))
        self.sslmode_combo = QComboBox()
        for mode in SSL_MODES:
            self.sslmode_combo.addItem(self._sslmode_label(mode), mode)
        self.insecure_check = QCheckBox(self.tr("&Allow an unencrypted connection"))
        self.insecure_check.setToolTip(
            self.tr(
                "Only on a network you trust: the password and all data cross it in plain text."
            )
        )
        self.remember_check = QCheckBox(self.tr("Re&member password"))
        self.keyring_note = QLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: palette(placeholder-text);")
        if self.keyring_available:
            self.keyring_note.setText(self.tr("Kept in the system keyring, never in a file."))
        else:
            self.remember_check.setEnabled(False)
            self.keyring_note.setText(
                self.tr(
                    "This computer has no system keyring: the password cannot be remembered "
                    "and will be asked for each time."
                )
            )

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in (
            (self.tr("&Host:"), self.host_edit),
            (self.tr("&Port:"), self.port_spin),
            (self.tr("&Database:"), self.database_edit),
            (self.tr("&User:"), self.user_edit),
            (self.tr("Pass&word:"), self.password_edit),
            (self.tr("&Encryption:"), self.sslmode_combo),
        ):
            form.addRow(label, field)
        form.addRow("", self.insecure_check)
        remember_box = QVBoxLayout()
        remember_box.setSpacing(2)
        remember_box.addWidget(self.remember_check)
        remember_box.addWidget(self.keyring_note)
        form.addRow("", remember_box)

        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test_connection)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("&Connect"))
        self.connect_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        button_row = QHBoxLayout()
        button_row.addWidget(self.test_button)
        button_row.addStretch(1)
        button_row.addWidget(self.buttons)
        layout.addLayout(button_row)
        self.setMinimumWidth(480)

        for edit in (self.host_edit, self.database_edit, self.user_edit):
            edit.textChanged.connect(self._on_edited)
        self.port_spin.valueChanged.connect(self._on_edited)
        self.sslmode_combo.currentIndexChanged.connect(self._on_edited)
        self.insecure_check.toggled.connect(self._on_edited)
        if url:
            self.set_url(url)
        self._on_edited()
        self.host_edit.setFocus()
        self.host_edit.selectAll()

    # Plain values, for callers and tests (no exec needed).
    @property
    def host(self) -> str:
        return self.host_edit.text().strip()

    @host.setter
    def host(self, value: str) -> None:
        self.host_edit.setText(value)

    @property
    def port(self) -> int:
        return self.port_spin.value()

    @port.setter
    def port(self, value: int) -> None:
        self.port_spin.setValue(value)

    @property
    def database(self) -> str:
        return self.database_edit.text().strip()

    @database.setter
    def database(self, value: str) -> None:
        self.database_edit.setText(value)

    @property
    def user(self) -> str:
        return self.user_edit.text().strip()

    @user.setter
    def user(self, value: str) -> None:
        self.user_edit.setText(value)

    @property
    def password(self) -> str:
        return self.password_edit.text()

    @password.setter
    def password(self, value: str) -> None:
        self.password_edit.setText(value)

    @property
    def remember(self) -> bool:
        return self.remember_check.isChecked()

    @remember.setter
    def remember(self, value: bool) -> None:
        self.remember_check.setChecked(value and self.keyring_available)

    @property
    def sslmode(self) -> str:
        """The chosen libpq sslmode ("" : PMO Desktop's default, `require` to other hosts)."""
        return str(self.sslmode_combo.currentData() or "")

    @sslmode.setter
    def sslmode(self, value: str) -> None:
        index = self.sslmode_combo.findData(value)
        self.sslmode_combo.setCurrentIndex(max(index, 0))

    @property
    def allow_insecure(self) -> bool:
        return self.insecure_check.isChecked()

    @allow_insecure.setter
    def allow_insecure(self, value: bool) -> None:
        self.insecure_check.setChecked(value)

    @property
    def insecure(self) -> bool:
        """Whether the connection would cross a network unencrypted."""
        return self.sslmode == "disable" and not is_loopback_host(self.host or None)

    def _sslmode_label(self, mode: str) -> str:
        labels = {
            "": self.tr("Default (required to other computers)"),
            "disable": self.tr("None (disable)"),
            "prefer": self.tr("If the server offers it (prefer)"),
            "require": self.tr("Required (require)"),
            "verify-ca": self.tr("Required, certificate checked (verify-ca)"),
            "verify-full": self.tr("Required, certificate and name checked (verify-full)"),
        }
        return labels[mode]

    @property
    def testing(self) -> bool:
        return self._job is not None

    def url(self) -> str:
        """The connection URL without password (`postgresql+psycopg://user@host:port/db`)."""
        url = URL.create(
            DRIVER,
            username=self.user or None,
            host=self.host or None,
            port=self.port,
            database=self.database or None,
            query={"sslmode": self.sslmode} if self.sslmode else {},
        )
        return url.render_as_string(hide_password=False)

    def set_url(self, url: str) -> None:
        """Fill the fields from a server URL; a remembered password fills the password field."""
        parsed = make_url(url)
        self.host = parsed.host or "localhost"
        self.port = parsed.port or DEFAULT_PORT
        self.database = parsed.database or ""
        self.user = parsed.username or ""
        self.password = parsed.password or ""
        mode = parsed.query.get("sslmode", "")
        self.sslmode = mode if isinstance(mode, str) else (mode[-1] if mode else "")
        flag = parsed.query.get(ALLOW_INSECURE_PARAM, "")
        self.allow_insecure = bool(flag) and flag not in ("0", ("0",))
        if not self.password and self.keyring_available:
            try:
                stored = credentials.get_password(self.url())
            except PmoError as exc:
                self.show_status(False, str(exc))
            else:
                if stored:
                    self.password = stored
                    self.remember = True

    def missing_field(self) -> str | None:
        """The first required field left empty, as its label, or None."""
        for name, value in (
            (self.tr("host"), self.host),
            (self.tr("database"), self.database),
            (self.tr("user"), self.user),
        ):
            if not value:
                return name
        return None

    def blocking_problem(self) -> str | None:
        """Why the form cannot be used as it stands (a missing field, an unsafe choice)."""
        missing = self.missing_field()
        if missing:
            return self.tr("Fill in the {field}.").format(field=missing)
        if self.insecure and not self.allow_insecure:
            return self.tr(
                "Without encryption, the password and all data would cross the network in "
                'plain text. Choose an encryption, or tick "Allow an unencrypted connection" '
                "if this network is trusted."
            )
        return None

    def server_connection(self) -> ServerConnection:
        """The form's answer (the password kept apart from the URL)."""
        return ServerConnection(
            self.url(), self.password, self.remember, self.insecure and self.allow_insecure
        )

    @Slot()
    def test_connection(self) -> Job | None:
        """Try the connection in the background; `test_finished` tells the outcome."""
        if self._job is not None:
            return self._job
        problem = self.blocking_problem()
        if problem:
            self.show_status(False, problem)
            return None
        connection = self.server_connection()
        self.show_status(None, self.tr("Connecting to {server}…").format(server=self.url()))
        self.test_button.setEnabled(False)
        job = (self._pool or default_pool()).submit(probe_server, connection.url_with_password())
        job.succeeded.connect(self._on_test_succeeded)
        job.failed.connect(self._on_test_failed)
        job.finished.connect(self._on_test_done)
        self._job = job
        return job

    def describe(self, result: ProbeResult) -> str:
        if result.revision is None:
            state = self.tr("the database is empty: PMO Desktop sets it up when you connect")
        elif not result.read_only:
            state = self.tr("a PMO Desktop database, schema {revision}").format(
                revision=result.revision
            )
        else:
            state = self.tr("PMO Desktop database, {reason}").format(reason=result.reason)
        message = self.tr("Connected to PostgreSQL {version}: {state}.").format(
            version=result.server_version, state=state
        )
        if result.role and "role" not in result.reason:
            role = {
                "viewer": self.tr("viewer (reads only)"),
                "editor": self.tr("editor"),
                "admin": self.tr("PMO admin"),
            }.get(result.role, result.role)
            message += " " + self.tr("Your role: {role}.").format(role=role)
        return message

    @Slot(object)
    def _on_test_succeeded(self, result: ProbeResult) -> None:
        message = self.describe(result)
        self.show_status(True, message)
        self.test_finished.emit(True, message)

    @Slot(object)
    def _on_test_failed(self, error: object) -> None:
        message = one_line(str(error)) or type(error).__name__
        if self.password:
            message = message.replace(self.password, "***")
        self.show_status(False, message)
        self.test_finished.emit(False, message)

    @Slot()
    def _on_test_done(self) -> None:
        self._job = None
        self.test_button.setEnabled(True)

    def show_status(self, ok: bool | None, message: str) -> None:
        self.status_label.setStyleSheet("" if ok is None else (_OK_STYLE if ok else _ERROR_STYLE))
        self.status_label.setText(message)

    @property
    def status_text(self) -> str:
        return self.status_label.text()

    @Slot()
    def _on_edited(self) -> None:
        self.insecure_check.setEnabled(self.insecure)  # always shown: no layout jump
        problem = self.blocking_problem()
        self.connect_button.setEnabled(problem is None)
        # Say at once why Connect is greyed out by an unsafe choice (not for empty fields).
        if self.insecure and problem is not None:
            self.show_status(False, problem)
            self._warned = True
        elif self._warned:
            self.show_status(None, "")
            self._warned = False

    def accept(self) -> None:
        problem = self.blocking_problem()
        if problem:
            self.show_status(False, problem)
            return
        if self._job is not None:
            self._job.cancel()
        self.connection = self.server_connection()
        super().accept()

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self.connection = None
        super().reject()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment
        return ""
