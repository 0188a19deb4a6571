"""Capacity planning in the loading view: for each role, small bars of demand against the
capacity line of its people for the next 12 months (the shortfall in red), and a table of
the figures below. Read in the workspace's pool; the newest request wins."""

from __future__ import annotations

import logging
import math
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.services.capacity import CapacityPlan, RoleCapacity, capacity_plan
from pmo_desktop.storage.database import Database
from pmo_desktop.ui.resources.histogram import CAPACITY_COLOUR, OVER_COLOUR
from pmo_desktop.ui.workers import Job, ProgressToken
from pmo_desktop.ui.workspace import Workspace

log = logging.getLogger(__name__)
_Index = QModelIndex | QPersistentModelIndex
DEMAND_COLOUR = QColor("#5B9BD5")
SHORT_BACKGROUND = QColor("#FAD2CF")
_TEXT = QColor("#3C4043")
_FRAME = QColor("#DADCE0")
#: One role's chart: width and height of a small multiple.
CELL_WIDTH, CELL_HEIGHT = 250, 118
CAPACITY, DEMAND, GAP = range(3)


def _read(
    token: ProgressToken,
    database: Database,
    portfolio_id: int,
    as_of: date,
    programme_id: int | None,
    include_proposed: bool,
) -> CapacityPlan:
    return capacity_plan(
        database, portfolio_id, as_of, programme_id=programme_id,
        include_proposed=include_proposed, progress=token,
    )  # fmt: skip


def _month_labels(plan: CapacityPlan) -> list[str]:
    locale = QLocale()
    return [locale.toString(day, "MMM yy") for day in plan.months[:-1]]


class CapacityChart(QWidget):
    """Small multiples: per role, demand bars (red above capacity) and the capacity line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan: CapacityPlan | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_plan(self, plan: CapacityPlan | None) -> None:
        self.plan = plan
        self.setMinimumHeight(self.heightForWidth(max(self.width(), CELL_WIDTH)))
        self.updateGeometry()
        self.update()

    def columns(self) -> int:
        return max(1, self.width() // CELL_WIDTH)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        count = len(self.plan.roles) if self.plan else 0
        return math.ceil(count / max(1, width // CELL_WIDTH)) * CELL_HEIGHT + 4

    def sizeHint(self) -> QSize:
        return QSize(CELL_WIDTH * 4, self.heightForWidth(CELL_WIDTH * 4))

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.setMinimumHeight(self.heightForWidth(self.width()))

    def paintEvent(self, event: QPaintEvent) -> None:
        plan = self.plan
        if plan is None:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            columns = self.columns()
            width = self.width() // columns
            for index, role in enumerate(plan.roles):
                cell = QRectF(
                    (index % columns) * width, (index // columns) * CELL_HEIGHT, width, CELL_HEIGHT
                )
                if cell.intersects(QRectF(event.rect())):
                    self._paint_role(painter, cell.adjusted(4, 4, -4, -4), role)
        finally:
            painter.end()

    def _paint_role(self, painter: QPainter, cell: QRectF, role: RoleCapacity) -> None:
        months = len(role.demand)
        painter.setPen(QPen(_FRAME))
        painter.setBrush(QBrush(QColor("#FFFFFF")))
        painter.drawRoundedRect(cell, 4, 4)
        metrics = painter.fontMetrics()
        name = role.role or QCoreApplication.translate("CapacityChart", "(no role)")
        head = QCoreApplication.translate("CapacityChart", "{role} · {people} people").format(
            role=name, people=role.people
        )
        months_short = sum(1 for k in range(months) if role.is_short(k))
        note = ""
        if months_short:
            note = QCoreApplication.translate("CapacityChart", "short {count} mo").format(
                count=months_short
            )
        text_rect = QRectF(cell.left() + 6, cell.top() + 2, cell.width() - 12, metrics.height())
        note_width = metrics.horizontalAdvance(note) + 8 if note else 0
        painter.setPen(QPen(OVER_COLOUR))
        painter.drawText(
            text_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), note
        )
        painter.setPen(QPen(_TEXT))
        painter.drawText(
            text_rect.adjusted(0, 0, -note_width, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(
                head, Qt.TextElideMode.ElideRight, int(text_rect.width() - note_width)
            ),
        )
        area = QRectF(
            cell.left() + 6,
            cell.top() + metrics.height() + 6,
            cell.width() - 12,
            cell.height() - metrics.height() - 12,
        )
        top = max(max(role.demand, default=0.0), max(role.capacity, default=0.0), 1.0) * 1.08
        slot = area.width() / max(1, months)
        scale = area.height() / top
        for k in range(months):
            left = area.left() + k * slot + slot * 0.15
            bar = slot * 0.7
            demand, capacity = role.demand[k], role.capacity[k]
            within = min(demand, capacity)
            painter.fillRect(
                QRectF(left, area.bottom() - within * scale, bar, within * scale), DEMAND_COLOUR
            )
            if demand > capacity:
                over = (demand - capacity) * scale
                painter.fillRect(
                    QRectF(left, area.bottom() - demand * scale, bar, over), OVER_COLOUR
                )
        pen = QPen(CAPACITY_COLOUR, 1.6)
        painter.setPen(pen)
        for k in range(months):
            y = area.bottom() - role.capacity[k] * scale
            painter.drawLine(
                QPointF(area.left() + k * slot, y), QPointF(area.left() + (k + 1) * slot, y)
            )
            if k:
                previous = area.bottom() - role.capacity[k - 1] * scale
                painter.drawLine(
                    QPointF(area.left() + k * slot, previous),
                    QPointF(area.left() + k * slot, y),
                )
        painter.setPen(QPen(_FRAME))
        painter.drawLine(area.bottomLeft(), area.bottomRight())


class CapacityTableModel(QAbstractTableModel):
    """Three rows per role (capacity, demand, gap) and one column per month, in hours."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: CapacityPlan | None = None
        self.labels: list[str] = []

    def set_plan(self, plan: CapacityPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self.labels = _month_labels(plan) if plan is not None else []
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.plan is None:
            return 0
        return 3 * len(self.plan.roles)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self.labels)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return QCoreApplication.translate("CapacityTableModel", "Role")
        if section == 1:
            return QCoreApplication.translate("CapacityTableModel", "Hours")
        return self.labels[section - 2]

    def value(self, row: int, month: int) -> float:
        assert self.plan is not None
        role = self.plan.roles[row // 3]
        figure = row % 3
        if figure == CAPACITY:
            return role.capacity[month]
        if figure == DEMAND:
            return role.demand[month]
        return role.gap(month)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.plan is None:
            return None
        row, column = index.row(), index.column()
        entry = self.plan.roles[row // 3]
        figure = row % 3
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return (entry.role or QCoreApplication.translate("CapacityTableModel", "(no role)")
                        ) if figure == CAPACITY else ""  # fmt: skip
            if column == 1:
                return (
                    QCoreApplication.translate("CapacityTableModel", "Capacity"),
                    QCoreApplication.translate("CapacityTableModel", "Demand"),
                    QCoreApplication.translate("CapacityTableModel", "Gap"),
                )[figure]
            value = self.value(row, column - 2)
            if figure == GAP and value <= 1e-6:
                return "–"
            return QLocale().toString(value, "f", 0)
        if role == Qt.ItemDataRole.EditRole and column >= 2:
            return self.value(row, column - 2)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        short = column >= 2 and figure == GAP and entry.is_short(column - 2)
        if role == Qt.ItemDataRole.BackgroundRole and short:
            return QBrush(SHORT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and short:
            return QBrush(OVER_COLOUR)
        return None


class CapacityPanel(QWidget):
    """Demand vs capacity by role for the next 12 months, read in the background."""

    loaded = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.plan: CapacityPlan | None = None
        self.error = ""
        self._request = 0
        self._job: Job | None = None
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.chart = CapacityChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.chart)
        self.model = CapacityTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.table)
        self.splitter.setSizes([240, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.splitter, 1)

    def load(self, portfolio_id: int, programme_id: int | None, include_proposed: bool) -> None:
        """Read the plan of a portfolio (one programme's demand if given) in the pool."""
        self.cancel()
        request = self._request
        workspace = self.workspace
        self.caption.setText(self.tr("Reading demand and capacity…"))
        job = workspace.pool.submit(
            _read, workspace.database, portfolio_id, workspace.as_of, programme_id,
            include_proposed,
        )  # fmt: skip
        job.succeeded.connect(lambda plan: self._on_loaded(request, plan))
        job.failed.connect(lambda error: self._on_failed(request, error))
        self._job = job

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._request += 1

    def clear(self) -> None:
        self.cancel()
        self.plan = None
        self.chart.set_plan(None)
        self.model.set_plan(None)
        self.caption.setText("")

    def _on_loaded(self, request: int, plan: CapacityPlan) -> None:
        if request != self._request:
            return
        self._job = None
        self.plan = plan
        self.error = ""
        self.chart.set_plan(plan)
        self.model.set_plan(plan)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.resizeSection(0, min(header.sectionSize(0), 190))
        short = {role for role, _, _ in plan.shortfalls()}
        first, _ = plan.months[0], plan.months[-1]
        text = self.tr(
            "Demand against the capacity of each role's people, hours per month from {month}: "
            "{short} of {roles} roles short in some month."
        ).format(month=QLocale().toString(first, "MMMM yyyy"), short=len(short),
                 roles=len(plan.roles))  # fmt: skip
        if plan.include_proposed:
            text += " " + self.tr("Proposed projects included.")
        self.caption.setText(text)
        self.loaded.emit()

    def _on_failed(self, request: int, error: object) -> None:
        if request != self._request:
            return
        self._job = None
        self.error = str(error) if isinstance(error, PmoError) else repr(error)
        log.warning("Capacity plan not read: %s", self.error)
        self.caption.setText(
            self.tr("The capacity plan could not be read: {error}").format(error=self.error)
        )
        self.loaded.emit()
