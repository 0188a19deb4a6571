"""The small dialog a double-click on a dependency line opens: its type, its lag, or delete it.

The dialog only collects the choice; `command()` turns it into the editing service's
command (`edit_link` or `delete_link`), which the view hands to `Workspace.execute`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from pmo_desktop.models import LagUnit, LinkType
from pmo_desktop.services import task_edits
from pmo_desktop.services.commands import Command
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import GanttLink

_ELAPSED_DAY = 24 * 60


class LinkDialog(QDialog):
    """Type and lag of one link (lag in working days, elapsed days or % of the predecessor)."""

    def __init__(
        self,
        link: GanttLink,
        names: tuple[str, str],
        minutes_per_day: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.link = link
        self.minutes_per_day = minutes_per_day
        self.deleted = False
        self.setWindowTitle(self.tr("Task dependency"))
        self.type_box = QComboBox()
        for kind, label in (
            (LinkType.FS, self.tr("Finish-to-start (FS)")),
            (LinkType.SS, self.tr("Start-to-start (SS)")),
            (LinkType.FF, self.tr("Finish-to-finish (FF)")),
            (LinkType.SF, self.tr("Start-to-finish (SF)")),
        ):
            self.type_box.addItem(label, kind.value)
        self.type_box.setCurrentIndex(self.type_box.findData(LinkType(link.type).value))
        self.unit_box = QComboBox()
        self.unit_box.addItem(self.tr("working days"), LagUnit.WORKING.value)
        self.unit_box.addItem(self.tr("elapsed days"), LagUnit.ELAPSED.value)
        self.unit_box.addItem(self.tr("% of the predecessor"), LagUnit.PERCENT.value)
        self.unit_box.setCurrentIndex(self.unit_box.findData(LagUnit(link.lag_unit).value))
        self.lag_box = QDoubleSpinBox()
        self.lag_box.setRange(-9999, 9999)
        self.lag_box.setDecimals(2)
        self.lag_box.setValue(link.lag / self._per_unit(LagUnit(link.lag_unit)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.delete_button = buttons.addButton(
            self.tr("Delete link"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self._delete)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QFormLayout(self)
        layout.addRow(self.tr("From:"), QLabel(names[0]))
        layout.addRow(self.tr("To:"), QLabel(names[1]))
        layout.addRow(self.tr("Type:"), self.type_box)
        layout.addRow(self.tr("Lag:"), self.lag_box)
        layout.addRow("", self.unit_box)
        layout.addRow(buttons)

    def _per_unit(self, unit: LagUnit) -> int:
        if unit is LagUnit.WORKING:
            return self.minutes_per_day
        return _ELAPSED_DAY if unit is LagUnit.ELAPSED else 1

    def _delete(self) -> None:
        self.deleted = True
        self.accept()

    def command(self, database: Database) -> Command | None:
        """What the accepted dialog asks for (None: nothing changed)."""
        if self.deleted:
            return task_edits.delete_link(database, self.link.id)
        unit = LagUnit(self.unit_box.currentData())
        kind = LinkType(self.type_box.currentData())
        lag = round(self.lag_box.value() * self._per_unit(unit))
        if (kind, lag, unit) == (self.link.type, self.link.lag, self.link.lag_unit):
            return None
        return task_edits.edit_link(database, self.link.id, kind, lag, unit)
