"""Governance ▸ PMO Operating Mode…: view and change the portfolio's PMO mode (issue 9).

The mode decides what a stage gate review requires (services/gates.py, `check_decision`):
the texts below say exactly what that code enforces. Only a PMO administrator
(`services.gates.is_pmo_admin`) may change it, on a writable database; everyone else sees
the mode and the rules read-only, with the reason. Save is one undoable step
(`services.commands.update_fields`, as `pmo-desktop pmo-mode --set` does), recorded in the
audit trail.

Tests choose a radio button and call `accept()` without running the dialog.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import PmoMode, Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.commands import UpdateFields, update_fields
from pmo_desktop.services.gates import is_pmo_admin
from pmo_desktop.ui.workspace import Workspace

_MODES = (PmoMode.SUPPORTIVE, PmoMode.CONTROLLING, PmoMode.DIRECTIVE)
_NOTE = "#8a5a00"


class PmoModeDialog(QDialog):
    """One portfolio's PMO mode; `result_command` is the command pushed after Save."""

    def __init__(
        self, workspace: Workspace, portfolio_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.portfolio_id = portfolio_id
        portfolio = crud.get(workspace.database, Portfolio, portfolio_id)
        self.portfolio_name = portfolio.name
        self.current: PmoMode = portfolio.pmo_mode
        self.result_command: UpdateFields | None = None
        #: Why the mode cannot be changed here ("" when it can).
        self.reason = self._read_only_reason()
        self.setWindowTitle(self.tr("PMO Operating Mode — {portfolio}").format(
            portfolio=self.portfolio_name
        ))  # fmt: skip

        intro = QLabel(
            self.tr(
                "The PMO operating mode of {portfolio} decides what a stage gate review "
                "(Governance ▸ Gate review…) requires when required criteria are not met or "
                "required documents have no link, and who may decide a gate. It applies to "
                "every project of the portfolio from its next gate review."
            ).format(portfolio=self.portfolio_name)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.current_label = QLabel()
        self.current_label.setText(
            self.tr("Current mode: <b>{mode}</b>").format(
                mode=html.escape(self.mode_name(self.current))
            )
        )

        self.group = QButtonGroup(self)
        self.buttons_by_mode: dict[PmoMode, QRadioButton] = {}
        choices = QVBoxLayout()
        choices.setSpacing(2)
        for index, mode in enumerate(_MODES):
            button = QRadioButton(self.mode_title(mode))
            font = button.font()
            font.setBold(True)
            button.setFont(font)
            self.group.addButton(button, index)
            self.buttons_by_mode[mode] = button
            rule = QLabel(self.mode_rule(mode))
            rule.setWordWrap(True)
            rule.setContentsMargins(24, 0, 0, 10)
            choices.addWidget(button)
            choices.addWidget(rule)
        self.buttons_by_mode[self.current].setChecked(True)
        self.group.idToggled.connect(self._update_buttons)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        common = QLabel(
            self.tr(
                "In every mode: recording the checklist without a decision (Pending) is "
                "always allowed; Go with conditions needs at least one condition with an "
                "owner and a due date; the compliance checks and the RAG rules are the same. "
                "The PMO administrator is the user of a database file; on a server, a user "
                "with the admin role."
            )
        )
        common.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {_NOTE}")
        self.note.setText(self.reason)
        self.note.setVisible(bool(self.reason))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if self.reason:
            for button in self.buttons_by_mode.values():
                button.setEnabled(False)
            self.save_button.hide()
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.current_label)
        layout.addSpacing(6)
        layout.addLayout(choices)
        layout.addWidget(line)
        layout.addWidget(common)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.resize(660, layout.totalHeightForWidth(660))  # the wrapped texts' height
        self._update_buttons()

    # Texts: what services.gates.check_decision enforces, mode by mode.

    def mode_name(self, mode: PmoMode) -> str:
        return {
            PmoMode.SUPPORTIVE: self.tr("Supportive"),
            PmoMode.CONTROLLING: self.tr("Controlling"),
            PmoMode.DIRECTIVE: self.tr("Directive"),
        }[mode]

    def mode_title(self, mode: PmoMode) -> str:
        return {
            PmoMode.SUPPORTIVE: self.tr("S&upportive — the PMO advises"),
            PmoMode.CONTROLLING: self.tr(
                "C&ontrolling — the PMO sets the standards and checks them"
            ),
            PmoMode.DIRECTIVE: self.tr("&Directive — the PMO runs the projects"),
        }[mode]

    def mode_rule(self, mode: PmoMode) -> str:
        return {
            PmoMode.SUPPORTIVE: self.tr(
                "A gate with required items still open may pass (Go or Go with conditions): "
                "the review is flagged with a warning. Anyone who may edit the database "
                "decides."
            ),
            PmoMode.CONTROLLING: self.tr(
                "A gate with required items still open passes only as 'Go with conditions', "
                "the conditions recorded with an owner and a due date; a plain Go is refused. "
                "Anyone who may edit the database decides."
            ),
            PmoMode.DIRECTIVE: self.tr(
                "A gate cannot pass (Go or Go with conditions) while a required item is "
                "open. Only a PMO administrator may decide a gate: Go, Go with conditions, "
                "Hold or Stop."
            ),
        }[mode]

    def _read_only_reason(self) -> str:
        database = self.workspace.database
        if database.read_only:
            return self.tr(
                "The database is read-only ({reason}): the mode cannot be changed."
            ).format(reason=database.read_only_reason)
        if not is_pmo_admin(database):
            return self.tr(
                "Only a PMO administrator may change the PMO mode; your role on {database} "
                "is {role}."
            ).format(database=database.display, role=database.server_role or self.tr("none"))
        return ""

    # What the form says.

    def chosen(self) -> PmoMode:
        return _MODES[max(self.group.checkedId(), 0)]

    def choose(self, mode: PmoMode) -> None:
        self.buttons_by_mode[mode].setChecked(True)

    def _update_buttons(self, *_args: object) -> None:
        self.save_button.setEnabled(not self.reason and self.chosen() is not self.current)

    def command(self) -> UpdateFields | None:
        """The change to save (None when the chosen mode is the current one)."""
        after = self.chosen()
        if self.reason or after is self.current:
            return None
        text = self.tr("PMO mode {before} → {after}").format(
            before=self.mode_name(self.current), after=self.mode_name(after)
        )
        return update_fields(
            self.workspace.database, Portfolio, self.portfolio_id, text, pmo_mode=after
        )

    def accept(self) -> None:
        try:
            command = self.command()
        except PmoError as exc:
            self.note.setText(str(exc))
            self.note.show()
            return
        if command is None:
            super().reject()
            return
        if self.workspace.execute(command):
            self.result_command = command
            super().accept()
