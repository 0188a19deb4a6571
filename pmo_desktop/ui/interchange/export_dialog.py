"""File ▸ Export…: what to write (the current project or the whole portfolio), in which
format (Excel workbook or Microsoft Project XML), which sheets, and where."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.ui.interchange.prompts import InterchangePrompts
from pmo_desktop.ui.reports.choices import safe_file_name

EXCEL = "xlsx"
MSPDI = "xml"


@dataclass(frozen=True)
class ExportChoice:
    """What the user asked for: `project_id` None means the whole portfolio."""

    path: Path
    format: str
    project_id: int | None
    sheets: tuple[str, ...] = ()


class ExportDialog(QDialog):
    """Scope, format, sheets and file of an export; `choice()` once accepted."""

    def __init__(
        self,
        *,
        portfolio: str,
        project: tuple[int, str] | None,
        folder: Path,
        prompts: InterchangePrompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self._prompts = prompts
        self._folder = folder
        self._portfolio = portfolio
        self._project = project

        scope = QGroupBox(self.tr("What"))
        self.project_button = QRadioButton(
            self.tr("Project {name}").format(name=project[1]) if project else self.tr("Project")
        )
        self.project_button.setEnabled(project is not None)
        self.portfolio_button = QRadioButton(
            self.tr("Whole portfolio {name}").format(name=portfolio)
        )
        self._scope = QButtonGroup(self)
        self._scope.addButton(self.project_button)
        self._scope.addButton(self.portfolio_button)
        (self.project_button if project else self.portfolio_button).setChecked(True)
        scope_layout = QVBoxLayout(scope)
        scope_layout.addWidget(self.project_button)
        scope_layout.addWidget(self.portfolio_button)

        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("Excel workbook (.xlsx)"), EXCEL)
        self.format_combo.addItem(self.tr("Microsoft Project XML (.xml)"), MSPDI)

        self.sheets_box = QGroupBox(self.tr("Sheets"))
        grid = QGridLayout(self.sheets_box)
        self.sheet_boxes: dict[str, QCheckBox] = {}
        for number, (name, label) in enumerate(self._sheet_labels().items()):
            box = QCheckBox(label)
            box.setChecked(True)
            box.toggled.connect(self._update_ok)
            self.sheet_boxes[name] = box
            grid.addWidget(box, number // 3, number % 3)

        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self._update_ok)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("&Format:"), self.format_combo)
        form.addRow(self.tr("F&ile:"), path_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scope)
        layout.addLayout(form)
        layout.addWidget(self.sheets_box)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self._scope.buttonToggled.connect(self._on_scope_changed)
        self._on_scope_changed()

    def _sheet_labels(self) -> dict[str, str]:
        return {
            "tasks": self.tr("Tasks, resources and assignments"),
            "resources": self.tr("Resource pool and rates"),
            "risks": self.tr("Risks and actions"),
            "issues": self.tr("Issues"),
            "assumptions": self.tr("Assumptions"),
            "decisions": self.tr("Decisions"),
            "changes": self.tr("Change requests"),
            "lessons": self.tr("Lessons learned"),
            "loading": self.tr("Resource loading (portfolio)"),
        }

    # ---------------------------------------------------------------- state
    def format(self) -> str:
        return str(self.format_combo.currentData())

    def project_scope(self) -> bool:
        return self.project_button.isChecked()

    def choice(self) -> ExportChoice:
        path = Path(self.path_edit.text().strip())
        suffix = "." + self.format()
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        sheets: tuple[str, ...] = ()
        if self.format() == EXCEL:
            usable = [name for name, box in self.sheet_boxes.items() if box.isEnabled()]
            chosen = [name for name in usable if self.sheet_boxes[name].isChecked()]
            sheets = () if chosen == usable else tuple(chosen)
        project_id = self._project[0] if self.project_scope() and self._project else None
        return ExportChoice(path, self.format(), project_id, sheets)

    def _default_name(self) -> str:
        name = self._project[1] if self.project_scope() and self._project else self._portfolio
        return f"{safe_file_name(name)}.{self.format()}"

    def _on_scope_changed(self, *_args: object) -> None:
        self.sheet_boxes["loading"].setEnabled(not self.project_scope())
        self._on_format_changed()

    def _on_format_changed(self, *_args: object) -> None:
        self.sheets_box.setEnabled(self.format() == EXCEL)
        current = Path(self.path_edit.text().strip()) if self.path_edit.text().strip() else None
        folder = current.parent if current is not None else self._folder
        self.path_edit.setText(str(folder / self._default_name()))
        self._update_ok()

    def _update_ok(self, *_args: object) -> None:
        any_sheet = any(box.isChecked() and box.isEnabled() for box in self.sheet_boxes.values())
        ok = bool(self.path_edit.text().strip()) and (self.format() == MSPDI or any_sheet)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _browse(self) -> None:
        filters = (
            self.tr("Excel workbooks (*.xlsx)")
            if self.format() == EXCEL
            else self.tr("Microsoft Project XML (*.xml)")
        )
        path = self._prompts.save_file(
            self, self.tr("Export to"), Path(self.path_edit.text().strip()), filters
        )
        if path is not None:
            self.path_edit.setText(str(path))
