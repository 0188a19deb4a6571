"""The "Someone else changed this …" dialog: the user's values beside the other user's.

One row per field that differs, with a choice of "Your value" or "Their value" (the user's
own edits are picked by default, the other user's value for fields only they changed).
"Use my choices" returns the chosen values, to be saved on top of the other user's version;
"Keep theirs" and Cancel return nothing (nothing is overwritten). When the other user
deleted the object the dialog says so and offers only to keep it deleted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import ConflictError
from pmo_desktop.services.conflicts import (
    MINE,
    THEIRS,
    ConflictField,
    LastChange,
    choices_for,
    conflict_fields,
    table_of,
)
from pmo_desktop.ui.history.model import entity_label, field_label, format_field, format_moment

#: Columns of the table.
FIELD_COLUMN, MINE_COLUMN, THEIRS_COLUMN = range(3)


class ConflictDialog(QDialog):
    """Choose, field by field, between the user's values and the other user's."""

    def __init__(
        self,
        error: ConflictError,
        who: LastChange | None,
        base: Mapping[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.error = error
        self.who = who
        self.fields: tuple[ConflictField, ...] = conflict_fields(error, base)
        #: The values to save ("Use my choices"); None: keep theirs, or cancelled.
        self.values: dict[str, Any] | None = None
        self._groups: dict[str, QButtonGroup] = {}
        self.radios: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self.deleted = error.theirs is None
        thing = self._thing()
        if self.deleted:
            self.setWindowTitle(self.tr("Someone else deleted this {thing}").format(thing=thing))
        else:
            self.setWindowTitle(self.tr("Someone else changed this {thing}").format(thing=thing))

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.heading = QLabel(self.windowTitle())
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.who_label = QLabel(self._who_text())
        self.who_label.setWordWrap(True)
        layout.addWidget(self.who_label)
        self.explanation = QLabel(self._explanation())
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)

        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Your value"), self.tr("Their value")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FIELD_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MINE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(THEIRS_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setStyleSheet("QTableWidget::item { padding: 0 10px; }")
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._fill_table()
        self.table.setVisible(not self.deleted and bool(self.fields))
        layout.addWidget(self.table)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(self)
        self.use_mine_button: QPushButton | None = None
        if self.deleted:
            self.keep_theirs_button = self.buttons.addButton(
                self.tr("Keep it deleted"), QDialogButtonBox.ButtonRole.RejectRole
            )
            self.keep_theirs_button.setDefault(True)
        else:
            self.keep_theirs_button = self.buttons.addButton(
                self.tr("Keep theirs"), QDialogButtonBox.ButtonRole.RejectRole
            )
            self.keep_theirs_button.setToolTip(
                self.tr("Discard your changes and keep what the other user saved.")
            )
            self.use_mine_button = self.buttons.addButton(
                self.tr("Use my choices"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.use_mine_button.setToolTip(
                self.tr("Save the values chosen above on top of the other user's version.")
            )
            self.use_mine_button.setDefault(True)
            self.use_mine_button.setEnabled(bool(self.fields))
            self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._use_choices)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self.resize(680, self.sizeHint().height())

    # What the user chose.

    def choice(self, name: str) -> str:
        """MINE or THEIRS for a field of the table."""
        mine, _theirs = self.radios[name]
        return MINE if mine.isChecked() else THEIRS

    def choose(self, name: str, side: str) -> None:
        mine, theirs = self.radios[name]
        (mine if side == MINE else theirs).setChecked(True)

    def chosen_values(self) -> dict[str, Any]:
        """The value to store for every field of the table, as chosen now."""
        return choices_for(self.fields, {item.name: self.choice(item.name) for item in self.fields})

    def _use_choices(self) -> None:
        self.values = self.chosen_values()
        self.accept()

    # Building.

    def _thing(self) -> str:
        return thing_label(self.error)

    def _who_text(self) -> str:
        who = self.who
        name = who.user_name if who is not None and who.user_name else ""
        moment = who.at if who is not None and who.at is not None else self.error.their_updated_at
        when = format_moment(moment) if moment is not None else ""
        if self.deleted:
            if name and when:
                return self.tr("{user} deleted it on {when}.").format(user=name, when=when)
            if name:
                return self.tr("{user} deleted it.").format(user=name)
            return self.tr("Another user deleted it.")
        if name and when:
            return self.tr("{user} saved a change on {when}, while you were editing.").format(
                user=name, when=when
            )
        if name:
            return self.tr("{user} saved a change while you were editing.").format(user=name)
        if when:
            return self.tr("Another user saved a change on {when}, while you were editing.").format(
                when=when
            )
        return self.tr("Another user saved a change while you were editing.")

    def _explanation(self) -> str:
        if self.deleted:
            return self.tr("Your change was not saved: the {thing} stays deleted.").format(
                thing=self._thing()
            )
        if not self.fields:
            return self.tr(
                "They saved the same values as yours: there is nothing to choose. "
                "Nothing has been overwritten."
            )
        return self.tr(
            "Nothing has been overwritten. Choose, field by field, which value to keep; "
            "their other changes are kept in any case."
        )

    def _fill_table(self) -> None:
        if self.deleted:
            return
        self.table.setRowCount(len(self.fields))
        empty = self.tr("(empty)")
        for row, item in enumerate(self.fields):
            label = QTableWidgetItem(field_label(item.name))
            label.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            if item.changed_by_me:
                label.setToolTip(self.tr("You changed this field."))
            else:
                label.setToolTip(self.tr("Only the other user changed this field."))
            self.table.setItem(row, FIELD_COLUMN, label)
            group = QButtonGroup(self)
            mine = self._radio(format_field(item.name, item.mine, empty=empty), group)
            theirs = self._radio(format_field(item.name, item.theirs, empty=empty), group)
            mine.setAccessibleName(
                self.tr("Your value for {field}").format(field=field_label(item.name))
            )
            theirs.setAccessibleName(
                self.tr("Their value for {field}").format(field=field_label(item.name))
            )
            self.table.setCellWidget(row, MINE_COLUMN, mine)
            self.table.setCellWidget(row, THEIRS_COLUMN, theirs)
            self._groups[item.name] = group
            self.radios[item.name] = (mine, theirs)
            (mine if item.default_choice == MINE else theirs).setChecked(True)

    def _radio(self, text: str, group: QButtonGroup) -> QRadioButton:
        button = QRadioButton(text)
        button.setToolTip(text)
        button.setStyleSheet("QRadioButton { padding-left: 6px; }")
        group.addButton(button)
        return button


def thing_label(error: ConflictError) -> str:
    """The kind of object in a sentence: "risk", "status report"."""
    try:
        label = entity_label(table_of(error))
    except LookupError:
        label = error.entity
    return label[:1].lower() + label[1:]
