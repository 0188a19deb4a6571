"""The "Status reports" page: the reports by period, and the selected report's editor.

Beside each RAG picker stands the rule for that dimension in words, built from the RAG
thresholds in force (SPI/CPI, budget overrun, milestone slip), so that ratings are given
against written criteria, as a steering committee expects.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QByteArray, QDate, QItemSelectionModel, QLocale, Qt, Signal
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.models import Rag
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.projects import RAG_DIMENSIONS, REPORT_TEXT_FIELDS, StatusReportRow
from pmo_desktop.ui.delegates import RagDelegate
from pmo_desktop.ui.formatting import format_percent, rag_label
from pmo_desktop.ui.itemmodels.status_reports import (
    FIRST_RAG,
    PERCENT,
    PERIOD,
    StatusReportTableModel,
    period_label,
)
from pmo_desktop.ui.project_view.editors import LineEdit, RagBox, TextEdit
from pmo_desktop.ui.rag import RAG_COLOURS


class PercentBox(QDoubleSpinBox):
    """% complete of a report, committed when the user has finished editing."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0.0, 100.0)
        self.setDecimals(0)
        self.setSuffix("\u202f%")
        self.setKeyboardTracking(False)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._shown = 0.0
        self.valueChanged.connect(self._on_finished)

    def show_value(self, value: float) -> None:
        self._shown = float(round(value))
        self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(False)

    def is_dirty(self) -> bool:
        return self.value() != self._shown

    def _on_finished(self, _value: float | None = None) -> None:
        if self.is_dirty() and not self.isReadOnly():
            self._shown = self.value()
            self.committed.emit(self._shown)


class StatusReportsPage(QWidget):
    """List of reports on the left, the selected report's ratings and commentary on the right."""

    #: (report id, column → new value, undo label)
    report_edited = Signal(int, dict, str)
    new_requested = Signal()
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = StatusReportTableModel(self)
        self._thresholds = RagThresholds()
        self._cost_overrun: float | None = None

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._set_column_widths()
        self._rag_delegate = RagDelegate(StatusReportTableModel.RagRole, self.table)
        for column in range(FIRST_RAG, PERCENT):
            self.table.setItemDelegateForColumn(column, self._rag_delegate)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())

        self.new_button = QPushButton(self.tr("New report"))
        self.new_button.clicked.connect(self.new_requested)
        self.delete_button = QPushButton(self.tr("Delete report"))
        self.delete_button.clicked.connect(self._request_delete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)

        self.period_title = QLabel()
        font = self.period_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.period_title.setFont(font)
        self.rag_boxes: dict[str, RagBox] = {}
        self.rule_labels: dict[str, QLabel] = {}
        ratings = QGroupBox(self.tr("Ratings"))
        grid = QGridLayout(ratings)
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(2, 1)
        for row, name in enumerate(RAG_DIMENSIONS):
            box = RagBox()
            box.setMinimumContentsLength(7)
            box.committed.connect(lambda value, field=name: self._edit(field, value))
            rule = QLabel()
            rule.setWordWrap(True)
            rule.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(QLabel(self._dimension_label(name)), row, 0)
            grid.addWidget(box, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(rule, row, 2)
            self.rag_boxes[name] = box
            self.rule_labels[name] = rule
        self.percent = PercentBox()
        self.percent.committed.connect(lambda value: self._edit("percent_complete", value))
        self.author = LineEdit()
        self.author.setMaxLength(200)
        self.author.committed.connect(lambda value: self._edit("author", value))
        facts = QHBoxLayout()
        facts.addWidget(QLabel(self.tr("% complete")))
        facts.addWidget(self.percent)
        facts.addSpacing(16)
        facts.addWidget(QLabel(self.tr("Author")))
        facts.addWidget(self.author, 1)

        self.texts: dict[str, TextEdit] = {}
        texts = QGridLayout()
        titles = {
            "commentary": self.tr("Commentary"),
            "achievements": self.tr("Achievements this period"),
            "concerns": self.tr("Concerns"),
            "decisions_needed": self.tr("Decisions needed"),
        }
        for position, name in enumerate(REPORT_TEXT_FIELDS):
            edit = TextEdit()
            edit.setMinimumHeight(70)
            edit.committed.connect(lambda value, field=name: self._edit(field, value))
            box = QGroupBox(titles[name])
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(6, 6, 6, 6)
            box_layout.addWidget(edit)
            texts.addWidget(box, position // 2, position % 2)
            self.texts[name] = edit

        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addWidget(self.period_title)
        editor_layout.addLayout(facts)
        editor_layout.addWidget(ratings)
        editor_layout.addLayout(texts, 1)
        self.empty_label = QLabel(
            self.tr("No status report yet. Use “New report” to write the first one.")
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.empty_label)
        right_layout.addWidget(scroll, 1)
        self._scroll = scroll

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        self._update_rules()
        self._show_current()
        self._sized = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized and self.model.rowCount():
            self._sized = True
            self._fit_splitter()

    def restore_splitter(self, state: QByteArray) -> None:
        self._sized = self.splitter.restoreState(state)

    def _fit_splitter(self) -> None:
        """Give the list the width of its columns (at most 55 %), the editor the rest."""
        total = self.splitter.width()
        wanted = self._natural_width + self.table.frameWidth() * 2 + 4
        scrollbar = self.table.verticalScrollBar()
        if scrollbar.isVisible():
            wanted += scrollbar.width()
        left = min(wanted, int(total * 0.6))
        self.splitter.setSizes([left, max(total - left, 1)])

    def _set_column_widths(self) -> None:
        """Widths from the texts a column can hold, not from the rows (no per-row measuring)."""
        metrics = self.table.fontMetrics()
        bold = self.table.font()
        bold.setBold(True)
        pill = max(QFontMetrics(bold).horizontalAdvance(rag_label(rag)) for rag in Rag) + 30
        header = self.table.horizontalHeader()
        self._natural_width = 0
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = metrics.horizontalAdvance(title) + 16
            if FIRST_RAG <= column < PERCENT:
                width = max(width, pill)
            elif column == PERIOD:
                sample = self.locale().toString(QDate(2026, 9, 30), "MMMM yyyy")
                width = max(width, metrics.horizontalAdvance(sample + "W") + 12)
            elif column == PERCENT:
                width = max(width, metrics.horizontalAdvance("100%") + 16)
            else:
                width = max(width, metrics.averageCharWidth() * 16)
            header.resizeSection(column, width)
            self._natural_width += width

    def _dimension_label(self, name: str) -> str:
        return {
            "rag_overall": self.tr("Overall"),
            "rag_schedule": self.tr("Schedule"),
            "rag_cost": self.tr("Cost"),
            "rag_scope": self.tr("Scope"),
            "rag_resources": self.tr("Resources"),
            "rag_benefits": self.tr("Benefits"),
        }[name]

    def set_thresholds(self, thresholds: RagThresholds | Any) -> None:
        """Any object with RagThresholds' fields (services.dashboard's or Preferences')."""
        self._thresholds = thresholds
        self._update_rules()

    def set_reports(
        self, reports: Sequence[StatusReportRow], budget: Decimal, forecast: Decimal
    ) -> None:
        """Show the reports, keeping the selected one (the latest when none was)."""
        selected = self.selected_id()
        scroll = self.table.verticalScrollBar().value()
        self._cost_overrun = float((forecast - budget) * 100 / budget) if budget > 0 else None
        self.model.set_rows(reports)
        self.table.verticalScrollBar().setValue(scroll)
        self.select(selected if selected is not None else None)
        if not self._sized and self.isVisible() and reports:
            self._sized = True
            self._fit_splitter()
        self._update_rules()
        self._show_current()

    def set_read_only(self, read_only: bool) -> None:
        self.new_button.setEnabled(not read_only)
        self.delete_button.setEnabled(not read_only and self.selected_id() is not None)
        for box in self.rag_boxes.values():
            box.setEnabled(not read_only)
        for edit in self.texts.values():
            edit.setReadOnly(read_only)
        self.percent.setReadOnly(read_only)
        self.author.setReadOnly(read_only)

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(StatusReportTableModel.IdRole) if index.isValid() else None

    def selected_report(self) -> StatusReportRow | None:
        selected = self.selected_id()
        return self.model.row_by_id(selected) if selected is not None else None

    def select(self, report_id: int | None) -> None:
        """Select the report (the latest if `report_id` is None or gone)."""
        position = self.model.row_of_id(report_id) if report_id is not None else None
        if position is None:
            position = 0 if self.model.rowCount() else None
        if position is None:
            return
        index = self.model.index(position, 0)
        if index != self.table.currentIndex():
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _request_delete(self) -> None:
        selected = self.selected_id()
        if selected is not None:
            self.delete_requested.emit(selected)

    def _edit(self, name: str, value: object) -> None:
        report = self.selected_report()
        if report is not None:
            self.report_edited.emit(report.id, {name: value}, self._edit_label(name))

    def _edit_label(self, name: str) -> str:
        if name in RAG_DIMENSIONS:
            return self.tr("Rate {dimension}").format(dimension=self._dimension_label(name).lower())
        if name == "percent_complete":
            return self.tr("Change report % complete")
        return self.tr("Edit status report")

    def _show_current(self) -> None:
        report = self.selected_report()
        self.empty_label.setVisible(report is None)
        self._scroll.setVisible(report is not None)
        self.delete_button.setEnabled(report is not None and self.new_button.isEnabled())
        if report is None:
            return
        self.period_title.setText(
            self.tr("Report for {period}").format(
                period=period_label(report.period_start, report.period_end)
            )
        )
        for name, box in self.rag_boxes.items():
            box.show_value(getattr(report, name))
        for name, edit in self.texts.items():
            if not (edit.hasFocus() and edit.is_dirty()):
                edit.show_value(getattr(report, name))
        if not (self.percent.hasFocus() and self.percent.is_dirty()):
            self.percent.show_value(report.percent_complete)
        if not (self.author.hasFocus() and self.author.is_dirty()):
            self.author.show_value(report.author)

    def commit_pending(self) -> None:
        """Commit a text being typed (before switching report or project)."""
        for edit in self.texts.values():
            edit.commit()

    def _update_rules(self) -> None:
        """The rule in words beside each RAG picker, from the thresholds in force."""
        t = self._thresholds
        locale = QLocale()

        def number(value: float) -> str:
            return locale.toString(float(value), "f", 2)

        def whole(value: float) -> str:
            return locale.toString(float(value), "g", 4)

        def dot(rag: Rag) -> str:
            return f'<span style="color:{RAG_COLOURS[rag]}">●</span> {rag_label(rag)}'

        green, amber, red = dot(Rag.GREEN), dot(Rag.AMBER), dot(Rag.RED)
        rules = {
            "rag_overall": self.tr(
                "The worst of the dimensions below, unless the commentary says why not."
            ),
            "rag_schedule": self.tr(
                "{green}: SPI ≥ {spi_a} and milestones ≤ {slip_a} days late · "
                "{amber}: SPI ≥ {spi_r} or slip ≤ {slip_r} days · {red}: worse"
            ).format(
                green=green,
                amber=amber,
                red=red,
                spi_a=number(t.spi_amber),
                spi_r=number(t.spi_red),
                slip_a=whole(t.slip_amber_days),
                slip_r=whole(t.slip_red_days),
            ),
            "rag_cost": self.tr(
                "{green}: CPI ≥ {cpi_a} and forecast ≤ {over_a}% over budget · "
                "{amber}: CPI ≥ {cpi_r} or overrun ≤ {over_r}% · {red}: worse"
            ).format(
                green=green,
                amber=amber,
                red=red,
                cpi_a=number(t.cpi_amber),
                cpi_r=number(t.cpi_red),
                over_a=whole(t.budget_amber_percent),
                over_r=whole(t.budget_red_percent),
            ),
            "rag_scope": self.tr(
                "{green}: agreed scope · {amber}: changes awaiting a decision · "
                "{red}: scope cannot be delivered as approved"
            ).format(green=green, amber=amber, red=red),
            "rag_resources": self.tr(
                "{green}: staffed as planned · {amber}: gaps the project can absorb · "
                "{red}: gaps that need the steering committee"
            ).format(green=green, amber=amber, red=red),
            "rag_benefits": self.tr(
                "{green}: benefits on track · {amber}: benefits at risk · "
                "{red}: benefits will not be realised as approved"
            ).format(green=green, amber=amber, red=red),
        }
        if self._cost_overrun is not None:
            overrun = Decimal(str(self._cost_overrun))
            # Only the threshold fields are read: Preferences' RagThresholds has the same ones.
            suggested = (
                Rag.RED
                if overrun > Decimal(str(t.budget_red_percent))
                else Rag.AMBER
                if overrun > Decimal(str(t.budget_amber_percent))
                else Rag.GREEN
            )
            rules["rag_cost"] += "<br>" + self.tr(
                "Cost lines: forecast {overrun} against budget → {rag}"
            ).format(
                overrun=("+" if overrun >= Decimal("0.5") else "")
                + format_percent(float(overrun), locale).replace("-", "\u2212"),
                rag=dot(suggested),
            )
        for name, label in self.rule_labels.items():
            # Each "colour: criterion" clause stays on one line; lines break between clauses.
            lines = rules[name].split("<br>")
            label.setText(
                "<br>".join(
                    " · ".join(
                        f'<span style="white-space:nowrap">{clause}</span>'
                        for clause in line.split(" · ")
                    )
                    if " · " in line
                    else line
                    for line in lines
                )
            )
