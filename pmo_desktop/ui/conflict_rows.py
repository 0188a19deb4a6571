"""A table of rows to choose between "mine" and "theirs", row by row (issue 8 §2).

Generic: each `ChoiceRow` has a title ("Task · Design"), the fields that differ with the
user's value and the other user's as display text, and who changed theirs and when. The
fields of a row sit on consecutive lines; the row's title, who/when and its "Keep" choice
(Mine / Theirs) span them. "All mine" and "All theirs" set every row at once. A row that
cannot keep the user's values (the other user deleted it) offers only "Theirs".
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: The two sides of a choice (the same strings as `services.conflicts`).
MINE = "mine"
THEIRS = "theirs"

#: Columns of the table.
ROW_COLUMN, FIELD_COLUMN, MINE_COLUMN, THEIRS_COLUMN, WHO_COLUMN, KEEP_COLUMN = range(6)
#: The least height of a line of the table, in pixels.
LINE_HEIGHT = 30


@dataclass(frozen=True)
class ChoiceField:
    """A field that differs: its label, the user's value and the other user's, as text."""

    label: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class ChoiceRow:
    """One row to decide: a key the caller knows it by, a title, its differing fields."""

    key: Hashable
    title: str
    fields: tuple[ChoiceField, ...]
    #: Who changed theirs and when, as display text ("bruno · 29/10/2026 14:05").
    who: str = ""
    #: Shown instead of fields when there are none (e.g. "Deleted by bruno").
    note: str = ""
    #: False when only "theirs" is possible (the row was deleted).
    can_keep_mine: bool = True
    default: str = MINE


class RowChoiceTable(QWidget):
    """The rows with a Mine/Theirs choice each, plus "All mine" / "All theirs" buttons."""

    #: A choice changed (the row's key, MINE or THEIRS).
    choice_changed = Signal(object, str)

    def __init__(self, rows: Sequence[ChoiceRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = list(rows)
        self.radios: dict[Hashable, tuple[QRadioButton, QRadioButton]] = {}
        self._groups: list[QButtonGroup] = []
        self._cells: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Row"),
                self.tr("Field"),
                self.tr("Your value"),
                self.tr("Their value"),
                self.tr("Changed by"),
                self.tr("Keep"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(LINE_HEIGHT)
        self.table.setStyleSheet("QTableWidget::item { padding: 0 8px; }")
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, mode in (
            (ROW_COLUMN, QHeaderView.ResizeMode.Interactive),
            (FIELD_COLUMN, QHeaderView.ResizeMode.ResizeToContents),
            (MINE_COLUMN, QHeaderView.ResizeMode.Stretch),
            (THEIRS_COLUMN, QHeaderView.ResizeMode.Stretch),
            (WHO_COLUMN, QHeaderView.ResizeMode.Interactive),
            (KEEP_COLUMN, QHeaderView.ResizeMode.ResizeToContents),
        ):
            header.setSectionResizeMode(column, mode)
        self._fill()
        self.table.resizeColumnToContents(ROW_COLUMN)
        self.table.resizeColumnToContents(WHO_COLUMN)
        header.resizeSection(ROW_COLUMN, min(max(header.sectionSize(ROW_COLUMN), 140), 230))
        # The Keep cells are widgets: ResizeToContents does not see them.
        header.setSectionResizeMode(KEEP_COLUMN, QHeaderView.ResizeMode.Fixed)
        keep = max((cell.sizeHint().width() for cell in self._cells), default=120)
        header.resizeSection(KEEP_COLUMN, max(keep + 24, header.sectionSizeHint(KEEP_COLUMN)))
        self.table.resizeRowsToContents()
        for line in range(self.table.rowCount()):
            self.table.setRowHeight(line, max(self.table.rowHeight(line) + 6, LINE_HEIGHT))
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.table)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.all_mine_button = QPushButton(self.tr("All mine"), self)
        self.all_mine_button.setToolTip(self.tr("Keep your values in every row."))
        self.all_mine_button.clicked.connect(lambda: self.choose_all(MINE))
        self.all_theirs_button = QPushButton(self.tr("All theirs"), self)
        self.all_theirs_button.setToolTip(self.tr("Keep the other users' values in every row."))
        self.all_theirs_button.clicked.connect(lambda: self.choose_all(THEIRS))
        self.all_mine_button.setEnabled(any(row.can_keep_mine for row in self.rows))
        buttons.addWidget(self.all_mine_button)
        buttons.addWidget(self.all_theirs_button)
        layout.addLayout(buttons)

    # The choices.

    def choice(self, key: Hashable) -> str:
        mine, _theirs = self.radios[key]
        return MINE if mine.isChecked() else THEIRS

    def choose(self, key: Hashable, side: str) -> None:
        mine, theirs = self.radios[key]
        if side == MINE and not mine.isEnabled():
            return
        (mine if side == MINE else theirs).setChecked(True)

    def choose_all(self, side: str) -> None:
        for row in self.rows:
            self.choose(row.key, side)

    def choices(self) -> dict[Hashable, str]:
        """MINE or THEIRS for every row, as chosen now."""
        return {row.key: self.choice(row.key) for row in self.rows}

    # Building.

    def _fill(self) -> None:
        lines = sum(max(len(row.fields), 1) for row in self.rows)
        self.table.setRowCount(lines)
        line = 0
        for row in self.rows:
            span = max(len(row.fields), 1)
            title = self._item(row.title, bold=True)
            title.setToolTip(row.title)
            self.table.setItem(line, ROW_COLUMN, title)
            self.table.setItem(line, WHO_COLUMN, self._item(row.who))
            if row.fields:
                for offset, item in enumerate(row.fields):
                    self.table.setItem(line + offset, FIELD_COLUMN, self._item(item.label))
                    mine = self._item(item.mine)
                    mine.setToolTip(item.mine)
                    theirs = self._item(item.theirs)
                    theirs.setToolTip(item.theirs)
                    self.table.setItem(line + offset, MINE_COLUMN, mine)
                    self.table.setItem(line + offset, THEIRS_COLUMN, theirs)
            else:
                note = self._item(row.note)
                note.setFont(_italic(note.font()))
                self.table.setItem(line, FIELD_COLUMN, note)
                self.table.setSpan(line, FIELD_COLUMN, 1, 3)
            if span > 1:
                for column in (ROW_COLUMN, WHO_COLUMN, KEEP_COLUMN):
                    self.table.setSpan(line, column, span, 1)
            self.table.setCellWidget(line, KEEP_COLUMN, self._keep(row))
            line += span

    def _keep(self, row: ChoiceRow) -> QWidget:
        cell = QWidget(self.table)
        layout = QHBoxLayout(cell)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.setSpacing(12)
        group = QButtonGroup(cell)
        mine = QRadioButton(self.tr("Mine"), cell)
        theirs = QRadioButton(self.tr("Theirs"), cell)
        mine.setAccessibleName(self.tr("Keep your values for {row}").format(row=row.title))
        theirs.setAccessibleName(self.tr("Keep their values for {row}").format(row=row.title))
        mine.setEnabled(row.can_keep_mine)
        for button in (mine, theirs):
            group.addButton(button)
            layout.addWidget(button)
        (mine if row.default == MINE and row.can_keep_mine else theirs).setChecked(True)
        mine.toggled.connect(
            lambda checked, key=row.key: self.choice_changed.emit(key, MINE if checked else THEIRS)
        )
        self._groups.append(group)
        self._cells.append(cell)
        self.radios[row.key] = (mine, theirs)
        return cell

    @staticmethod
    def _item(text: str, *, bold: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        return item


def _italic(font: QFont) -> QFont:
    font = QFont(font)
    font.setItalic(True)
    return font
