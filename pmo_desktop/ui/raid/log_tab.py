"""One log's tab of the RAID view: filter bar, sortable table, editor, count line.

Filtering runs in memory on the rows the view read (`LogFilter`); edits go through
`workspace.execute` as undoable commands of `services.raid_logs`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.services.raid_logs import (
    PORTFOLIO_LEVEL,
    SPECS,
    LogData,
    LogFilter,
    LogKind,
    LogRow,
    delete_entry,
    edit_entry,
    new_entry,
    owners,
    projects,
)
from pmo_desktop.ui.formatting import format_integer
from pmo_desktop.ui.list_table import make_list_table
from pmo_desktop.ui.raid.editor import LogEditor
from pmo_desktop.ui.raid.table import IdFilterProxy, LogTableModel, value_label
from pmo_desktop.ui.workspace import Workspace

log = logging.getLogger(__name__)
_ACTIVE = "__active__"


def make_table(model: IdFilterProxy, row_height: int) -> QTableView:
    """A sortable, read-only, row-selecting table."""
    return make_list_table(model, row_height, stretch_last=True)


class LogTab(QWidget):
    """The entries of one log with its filters and editor."""

    #: The number of shown and total entries changed.
    counts_changed = Signal()

    def __init__(self, kind: LogKind, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.workspace = workspace
        self.data: LogData | None = None
        self.portfolio_id: int | None = None
        self.project_id: int | None = None
        self._select_after_load: int | None = None
        self.model = LogTableModel(kind, self)
        self.proxy = IdFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        spec = SPECS[kind]

        self.text_edit = QLineEdit()
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setPlaceholderText(
            self.tr("Search lessons in every project: title, description, tags, recommendation…")
            if kind is LogKind.LESSONS
            else self.tr("Filter by text")
        )
        self.status_combo = QComboBox()
        if spec.status is not None:
            if spec.active:
                self.status_combo.addItem(self.tr("Still open"), _ACTIVE)
            self.status_combo.addItem(self.tr("All statuses"), None)
            for member in spec.status:
                self.status_combo.addItem(value_label(member), str(member))
        self.status_combo.setVisible(spec.status is not None)
        self.owner_combo = QComboBox()
        self.project_combo = QComboBox()
        for combo in (self.owner_combo, self.project_combo):
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.overdue_check = QCheckBox(self.tr("Overdue only"))
        self.overdue_check.setVisible(spec.due_field is not None)
        self.count_label = QLabel()
        self.editor = LogEditor(kind)
        self.editor.save_requested.connect(self.save_editor)
        self._fill_choices([])

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(self.text_edit, 3 if kind is LogKind.LESSONS else 2)
        for widget in (self.status_combo, self.owner_combo, self.project_combo):
            bar.addWidget(widget)
        bar.addWidget(self.overdue_check)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        if kind is LogKind.LESSONS:
            font = self.text_edit.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            self.text_edit.setFont(font)
            self.text_edit.setMinimumWidth(460)

        self.table = make_table(self.proxy, self.fontMetrics().height() + 6)
        self._size_columns()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.editor)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([1000, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.text_edit.textChanged.connect(self.apply_filter)
        for combo in (self.status_combo, self.owner_combo, self.project_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.overdue_check.toggled.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._quiet = False
        self.apply_filter()

    def _size_columns(self) -> None:
        width = self.fontMetrics().horizontalAdvance
        header = self.table.horizontalHeader()
        sizes = {
            "code": width("HEL-CR-0000") + 16, "title": width("M") * 30,
            "project_id": width("PRJ-000") + 24, "owner": width("Isabelle Fontaine") + 12,
            "requested_by": width("Isabelle Fontaine") + 12,
            "decided_by": width("Isabelle Fontaine") + 12, "tags": width("M") * 14,
            "category": width("Change management") + 12, "phase": width("Déploiement") + 16,
            "escalated": width("⚑ Escalated") + 16, "impact_cost": width("1 000 000") + 16,
            "impact_schedule_days": width("Schedule (days)") + 16,
        }  # fmt: skip
        for column, name in enumerate(self.model.columns):
            header.resizeSection(column, sizes.get(name, width("30/12/2026") + 28))

    # Data.

    def set_data(self, data: LogData | None) -> None:
        """Show a newly read log, keeping the selection and the filters."""
        selected = None if self.editor.row is None else self.editor.row.id
        self.data = data
        rows = data.rows if data is not None else ()
        self._fill_choices(rows)
        self.model.set_rows(rows)
        self.apply_filter()
        created, self._select_after_load = self._select_after_load, None
        if created is not None:
            if not self.select_entry(created):
                self.clear_filters()
                self.select_entry(created)
            self.editor.title_edit.setFocus()
            self.editor.title_edit.selectAll()
        elif selected is None or not self.select_entry(selected):
            self.editor.set_row(None)

    def _fill_choices(self, rows: tuple[LogRow, ...] | list[LogRow]) -> None:
        self._quiet = True
        try:
            chosen = self.owner_combo.currentData()
            self.owner_combo.clear()
            self.owner_combo.addItem(self.tr("All owners"), None)
            for owner in owners(list(rows)):
                self.owner_combo.addItem(owner, owner)
            self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(chosen), 0))
            chosen = self.project_combo.currentData()
            self.project_combo.clear()
            self.project_combo.addItem(self.tr("All projects"), None)
            self.project_combo.addItem(self.tr("Portfolio level"), PORTFOLIO_LEVEL)
            found = projects(list(rows))
            for project_id, code, name in found:
                self.project_combo.addItem(code, project_id)
                self.project_combo.setItemData(
                    self.project_combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole
                )
            self.project_combo.setCurrentIndex(max(self.project_combo.findData(chosen), 0))
            self.editor.set_projects(found)
        finally:
            self._quiet = False

    # Filtering.

    def current_filter(self) -> LogFilter:
        choice = self.status_combo.currentData()
        spec = SPECS[self.kind]
        if choice == _ACTIVE:
            statuses = frozenset(str(status) for status in spec.active)
        elif choice is None:
            statuses = frozenset()
        else:
            statuses = frozenset({choice})
        return LogFilter(
            text=self.text_edit.text(),
            statuses=statuses,
            owner=self.owner_combo.currentData(),
            project_id=self.project_combo.currentData(),
            overdue_only=self.overdue_check.isChecked(),
        )

    def apply_filter(self, *_args: object) -> None:
        if getattr(self, "_quiet", False):
            return
        log_filter = self.current_filter()
        rows = self.data.rows if self.data is not None else ()
        self.proxy.set_accepted(frozenset(row.id for row in rows if log_filter.matches(row)))
        self._update_count()
        if not self.table.currentIndex().isValid() and self.editor.row is not None:
            self.editor.set_row(None)

    def clear_filters(self) -> None:
        self._quiet = True
        try:
            self.text_edit.clear()
            self.status_combo.setCurrentIndex(0)
            self.owner_combo.setCurrentIndex(0)
            self.project_combo.setCurrentIndex(0)
            self.overdue_check.setChecked(False)
        finally:
            self._quiet = False
        self.apply_filter()

    def counts(self) -> tuple[int, int]:
        """(shown, total) entries."""
        return self.proxy.rowCount(), self.model.rowCount()

    def count_text(self) -> str:
        shown, total = self.counts()
        nouns = {
            LogKind.ISSUES: self.tr("{shown} of {total} issues"),
            LogKind.ASSUMPTIONS: self.tr("{shown} of {total} assumptions"),
            LogKind.DECISIONS: self.tr("{shown} of {total} decisions"),
            LogKind.CHANGES: self.tr("{shown} of {total} change requests"),
            LogKind.LESSONS: self.tr("{shown} of {total} lessons"),
        }
        return nouns[self.kind].format(shown=format_integer(shown), total=format_integer(total))

    def _update_count(self) -> None:
        self.count_label.setText(self.count_text())
        self.counts_changed.emit()

    def shown_rows(self) -> list[LogRow]:
        """The entries the table shows, in its order."""
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row())
            for row in range(self.proxy.rowCount())
        ]

    # Selection and editing.

    def select_entry(self, entry_id: int) -> bool:
        position = self.model.position_of(entry_id)
        if position is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(position, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.editor.set_row(self.model.row_at(position))
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.editor.set_row(None)
            return
        row = self.model.row_at(self.proxy.mapToSource(current).row())
        if self.editor.row != row:
            self.editor.set_row(row)

    def new_entry(self) -> bool:
        """Add an entry (to the project shown, if any) with the next code; select it."""
        if self.portfolio_id is None:
            return False
        titles = {
            LogKind.ISSUES: self.tr("New issue"),
            LogKind.ASSUMPTIONS: self.tr("New assumption"),
            LogKind.DECISIONS: self.tr("New decision"),
            LogKind.CHANGES: self.tr("New change request"),
            LogKind.LESSONS: self.tr("New lesson"),
        }
        try:
            command = new_entry(
                self.workspace.database, self.kind, self.portfolio_id, titles[self.kind],
                project_id=self.project_id, raised_on=self.workspace.as_of,
                today=self.workspace.as_of,
            )  # fmt: skip
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Entry not added"), str(exc))
            return False
        if not self.workspace.execute(command):
            return False
        self._select_after_load = command.entity_id
        return True

    def delete_current(self) -> bool:
        """Delete the selected entry after asking (undoable)."""
        row = self.editor.row
        if row is None:
            return False
        question = self.tr("Delete {code} “{title}”?").format(code=row.code, title=row.title)
        if not self.workspace.dialogs.question(self, self.tr("Delete entry"), question):
            return False
        return self.workspace.execute(delete_entry(row))

    def save_editor(self) -> bool:
        """Save what the editor changed as one undoable edit; False if nothing was saved."""
        row = self.editor.row
        changes = self.editor.changes()
        if row is None or not changes:
            return False
        try:
            command = edit_entry(
                self.workspace.database, row, today=self.workspace.as_of, **changes
            )
        except PmoError as exc:
            self.workspace.dialogs.critical(self, self.tr("Change not saved"), str(exc))
            return False
        if not command.after:
            return False
        return self.workspace.execute(command)
