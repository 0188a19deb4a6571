"""The editor's lower panels and the register's small dialogs: the risk's score history,
its linked tasks (with a searchable task picker) and the escalation dialog."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.models import RiskLevel
from pmo_desktop.services.risks import AssessmentRow, LinkedTask
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.risks.table import status_label, zone_fill

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _item(text: str, centred: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if centred:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class HistoryTable(QTableView):
    """The risk's assessments, newest first: date, P, I, score, residual, status, by."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QStandardItemModel(0, 7, self)
        self.source.setHorizontalHeaderLabels(
            [
                self.tr("Date"), self.tr("P"), self.tr("I"), self.tr("Score"),
                self.tr("Residual"), self.tr("Status"), self.tr("By"),
            ]
        )  # fmt: skip
        self.setModel(self.source)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setFixedHeight(
            self.verticalHeader().defaultSectionSize() * 6 + header.sizeHint().height() + 4
        )

    def set_rows(self, rows: Sequence[AssessmentRow]) -> None:
        self.source.removeRows(0, self.source.rowCount())
        for row in rows:
            score = _item(str(row.score), centred=True)
            score.setBackground(zone_fill(row.probability, row.impact))
            score.setForeground(QColor("#1F1F1F"))
            residual = "" if row.residual_score is None else str(row.residual_score)
            self.source.appendRow(
                [
                    _item(format_date(row.assessed_on, compact=True)),
                    _item(str(row.probability), centred=True),
                    _item(str(row.impact), centred=True),
                    score,
                    _item(residual, centred=True),
                    _item(status_label(row.status)),
                    _item(row.assessed_by),
                ]
            )
        self.resizeColumnsToContents()

    def row_count(self) -> int:
        return self.source.rowCount()


class LinkedTasksPanel(QWidget):
    """The tasks a risk is linked to; double-click opens one in its Gantt."""

    add_requested = Signal()
    #: The link to remove (a `LinkedTask`).
    remove_requested = Signal(object)
    #: project id, task id
    open_requested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.links: tuple[LinkedTask, ...] = ()
        self.source = QStandardItemModel(self)
        self.list = QListView()
        self.list.setModel(self.source)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.list.setToolTip(self.tr("Double-click a task to open it in its Gantt chart"))
        self.list.doubleClicked.connect(self._on_double_clicked)
        self.add_button = QPushButton(self.tr("Link &task…"))
        self.remove_button = QPushButton(self.tr("&Unlink"))
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(self._on_remove)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def set_links(self, links: Sequence[LinkedTask], *, can_link: bool = True) -> None:
        self.links = tuple(links)
        self.source.clear()
        for link in self.links:
            text = f"{link.wbs}  {link.name}" if link.wbs else link.name
            item = _item(text)
            item.setData(link.task_id, _ID_ROLE)
            self.source.appendRow(item)
        if not self.links:
            placeholder = _item(self.tr("No linked task"))
            placeholder.setEnabled(False)
            self.source.appendRow(placeholder)
        self.add_button.setEnabled(can_link)
        self._update_buttons()

    def current_link(self) -> LinkedTask | None:
        index = self.list.currentIndex()
        if not index.isValid() or not self.links or index.row() >= len(self.links):
            return None
        return self.links[index.row()]

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.current_link() is not None)

    def _on_remove(self) -> None:
        link = self.current_link()
        if link is not None:
            self.remove_requested.emit(link)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if self.links and 0 <= index.row() < len(self.links):
            link = self.links[index.row()]
            self.open_requested.emit(link.project_id, link.task_id)


class TaskPickerDialog(QDialog):
    """Pick one task of a project, searching by WBS code or name."""

    def __init__(self, tasks: Sequence[tuple[int, str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Link a task"))
        self.source = QStandardItemModel(self)
        for task_id, wbs, name in tasks:
            item = _item(f"{wbs}  {name}" if wbs else name)
            item.setData(task_id, _ID_ROLE)
            self.source.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search tasks by WBS or name"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.doubleClicked.connect(lambda *_: self.accept())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 420)
        self._on_search("")

    def _on_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.proxy.rowCount() > 0
        )

    def chosen_task(self) -> int | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        value = index.data(_ID_ROLE)
        return int(value) if value is not None else None


class EscalateDialog(QDialog):
    """Escalate a risk to its programme or the portfolio, saying why."""

    def __init__(self, code: str, has_programme: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Escalate risk {code}").format(code=code))
        self.level_combo = QComboBox()
        if has_programme:
            self.level_combo.addItem(self.tr("Its programme"), RiskLevel.PROGRAMME)
        self.level_combo.addItem(self.tr("The portfolio"), RiskLevel.PORTFOLIO)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(
            self.tr("Why the project cannot manage it alone, and what is asked of the new owner")
        )
        self.note_edit.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Escalate"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note_edit.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("Escalate to"), self.level_combo)
        form.addRow(self.tr("Note"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The risk stays linked to its project.")))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.resize(460, 260)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.note_edit.toPlainText().strip())
        )

    def level(self) -> RiskLevel:
        return RiskLevel(self.level_combo.currentData())

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()
