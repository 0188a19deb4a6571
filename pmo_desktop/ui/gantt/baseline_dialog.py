"""The "Set baseline" dialog: which of the 11 baselines, for the project or selected tasks."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.models import MAX_BASELINES


class BaselineDialog(QDialog):
    """Like Microsoft Project's Set Baseline: a baseline number, then the scope."""

    def __init__(self, has_selection: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set baseline"))
        self.number_box = QComboBox()
        for number in range(MAX_BASELINES):
            label = self.tr("Baseline") if number == 0 else self.tr("Baseline {n}").format(n=number)
            self.number_box.addItem(label, number)
        self.whole_project = QRadioButton(self.tr("&Entire project"))
        self.selected_tasks = QRadioButton(self.tr("&Selected tasks"))
        self.selected_tasks.setEnabled(has_selection)
        self.whole_project.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.whole_project)
        group.addButton(self.selected_tasks)
        form = QFormLayout()
        form.addRow(self.tr("&Baseline:"), self.number_box)
        form.addRow(self.tr("For:"), self.whole_project)
        form.addRow("", self.selected_tasks)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choice(self) -> tuple[int, bool]:
        return int(self.number_box.currentData()), self.selected_tasks.isChecked()
