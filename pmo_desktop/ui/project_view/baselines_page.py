"""The "Baselines" page: the project's saved baselines (0–10); set, rename, approve, clear.

Renaming is done in place (double-click the name); setting and clearing are buttons. The
view asks before overwriting or clearing a baseline: both are undoable, but they change
what every variance is measured against.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.models import MAX_BASELINES
from pmo_desktop.services.projects import BaselineRow
from pmo_desktop.ui.itemmodels.baselines import NAME, BaselineTableModel, baseline_title


class BaselinesPage(QWidget):
    """The baselines table and the controls to set and clear them."""

    #: (number, name)
    set_requested = Signal(int, str)
    clear_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BaselineTableModel(self)
        self._task_count = 0

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.number = QComboBox()
        self.number.setMinimumContentsLength(24)
        self.number.currentIndexChanged.connect(self._on_number)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name, e.g. “Approved at gate 2”"))
        self.name.setMaxLength(200)
        self.set_button = QPushButton(self.tr("Set baseline"))
        self.set_button.clicked.connect(self._request_set)
        self.clear_button = QPushButton(self.tr("Clear baseline"))
        self.clear_button.clicked.connect(self._request_clear)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Baseline")))
        controls.addWidget(self.number)
        controls.addWidget(self.name, 1)
        controls.addWidget(self.set_button)
        controls.addSpacing(24)
        controls.addWidget(self.clear_button)

        hint = QLabel(self.tr("Double-click a name to rename the baseline."))
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.explanation)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self._fill_numbers()
        self._update_buttons()

    def set_baselines(self, baselines: Sequence[BaselineRow], task_count: int) -> None:
        selected = self.selected_id()
        self._task_count = task_count
        self.model.set_rows(baselines)
        self.explanation.setText(
            self.tr(
                "Setting a baseline copies the current start, finish, duration, work and cost "
                "of the project's {count} tasks; the Gantt chart and the variances compare the "
                "plan with it. Microsoft Project's numbering: Baseline, then Baseline 1 to 10."
            ).format(count=self.locale().toString(task_count))
        )
        self._fill_numbers()
        if selected is not None:
            self.select(selected)
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self.model.editable = not read_only
        self.set_button.setEnabled(not read_only)
        self.name.setReadOnly(read_only)
        self._update_buttons()

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(BaselineTableModel.IdRole) if index.isValid() else None

    def select(self, baseline_id: int) -> None:
        position = self.model.row_of_id(baseline_id)
        if position is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(position, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def baseline_by_number(self, number: int) -> BaselineRow | None:
        return next((row for row in self.model.rows() if row.number == number), None)

    def choose_number(self, number: int) -> None:
        self.number.setCurrentIndex(self.number.findData(number))

    def _fill_numbers(self) -> None:
        current = self.number.currentData()
        self.number.blockSignals(True)
        self.number.clear()
        for number in range(MAX_BASELINES):
            existing = self.baseline_by_number(number)
            label = baseline_title(number)
            if existing is not None:
                label = self.tr("{baseline} — {name} (in use)").format(
                    baseline=label, name=existing.name
                )
            self.number.addItem(label, number)
        if current is None:
            free = next((n for n in range(MAX_BASELINES) if self.baseline_by_number(n) is None), 0)
            current = free
        self.number.setCurrentIndex(self.number.findData(current))
        self.number.blockSignals(False)

    def _on_number(self, _position: int) -> None:
        number = self.number.currentData()
        existing = self.baseline_by_number(number) if number is not None else None
        self.set_button.setText(
            self.tr("Replace baseline") if existing is not None else self.tr("Set baseline")
        )

    def _request_set(self) -> None:
        number = self.number.currentData()
        if number is not None:
            self.set_requested.emit(int(number), self.name.text().strip())
            self.name.clear()

    def _request_clear(self) -> None:
        selected = self.selected_id()
        if selected is not None:
            self.clear_requested.emit(selected)

    def _update_buttons(self) -> None:
        self.clear_button.setEnabled(self.model.editable and self.selected_id() is not None)
        self._on_number(self.number.currentIndex())
