"""Tools ▸ Method templates… (PMO admin): edit a template's name, description, method and
JSON definition, validated as you type; save stores the portfolio's version (undoable),
"Reset to default" brings the shipped one back, "Copy as new…" makes a new template.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.errors import PmoError
from pmo_desktop.models import Method
from pmo_desktop.services.commands import Command
from pmo_desktop.services.templates import (
    TemplateInfo,
    definition_text,
    list_templates,
    new_template,
    read_definition_text,
    reset_template,
    save_template,
)
from pmo_desktop.ui.workspace import Workspace

_RED, _GREEN = "#b00020", "#1b6e20"


class TemplateEditorDialog(QDialog):
    """The portfolio's method templates: a list on the left, the selected one's editor."""

    def __init__(
        self, workspace: Workspace, portfolio_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Method Templates"))
        self.workspace = workspace
        self.portfolio_id = portfolio_id
        self.templates: list[TemplateInfo] = []

        self.list_model = QStandardItemModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.list_model)
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.method = QComboBox()
        for method, label in (
            (Method.WATERFALL, self.tr("Waterfall")),
            (Method.AGILE, self.tr("Agile")),
            (Method.HYBRID, self.tr("Hybrid")),
        ):
            self.method.addItem(label, method.value)
        self.active = QCheckBox(self.tr("Offered for new projects"))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 4 + 12)
        self.definition = QPlainTextEdit()
        self.definition.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.definition.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.origin = QLabel()
        self.validation = QLabel()
        self.validation.setWordWrap(True)
        self.validation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("Reset to &default"))
        self.reset_button.clicked.connect(self.reset)
        self.copy_button = QPushButton(self.tr("&Copy as new…"))
        self.copy_button.clicked.connect(self.copy_as_new)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Method:"), self.method)
        form.addRow("", self.active)
        form.addRow(self.tr("&Description:"), self.description)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.origin)
        editor_layout.addLayout(form)
        definition_label = QLabel(
            self.tr(
                "De&finition (JSON: stages, gates, WBS, milestones, "
                "risks, RACI, iterations, ceremonies):"
            )
        )
        definition_label.setBuddy(self.definition)
        editor_layout.addWidget(definition_label)
        editor_layout.addWidget(self.definition, 1)
        editor_layout.addWidget(self.validation)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.reset_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        editor_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_view)
        splitter.addWidget(editor)
        splitter.setSizes([340, 720])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        self.resize(1080, 700)

        self.definition.textChanged.connect(self.validate)
        self.list_view.selectionModel().currentChanged.connect(lambda *_: self._show_selected())
        self.reload()

    def cancel_loading(self) -> None:
        """Nothing runs in the background here (the templates are a few rows)."""

    def reload(self, select: tuple[str, str] | None = None) -> None:
        self.templates = list_templates(
            self.workspace.database, self.portfolio_id, include_inactive=True
        )
        self.list_model.clear()
        for info in self.templates:
            label = f"{info.name}  [{info.language.upper()}]"
            item = QStandardItem(label)
            if info.customised:
                item.setToolTip(self.tr("Edited for this portfolio"))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            if not info.active:
                item.setForeground(Qt.GlobalColor.gray)
            self.list_model.appendRow(item)
        index = 0
        if select is not None:
            index = next(
                (
                    i
                    for i, info in enumerate(self.templates)
                    if (info.code, info.language) == select
                ),
                0,
            )
        if self.templates:
            self.list_view.setCurrentIndex(self.list_model.index(index, 0))
        self._show_selected()

    def selected(self) -> TemplateInfo | None:
        row = self.list_view.currentIndex().row()
        return self.templates[row] if 0 <= row < len(self.templates) else None

    def _show_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        self.name.setText(info.name)
        self.method.setCurrentIndex(self.method.findData(info.method.value))
        self.active.setChecked(info.active)
        self.description.setPlainText(info.description)
        self.definition.setPlainText(definition_text(info.definition))
        if info.customised:
            origin = self.tr("Code {code}, {language}: edited for this portfolio.")
        elif info.shipped:
            origin = self.tr(
                "Code {code}, {language}: shipped default (saving makes a copy for this portfolio)."
            )
        else:
            origin = self.tr("Code {code}, {language}: organisation template.")
        self.origin.setText(origin.format(code=info.code, language=info.language.upper()))
        self.reset_button.setEnabled(info.customised)
        self.validate()

    def validate(self) -> bool:
        """Check the JSON as typed; the message says where it is wrong."""
        try:
            read_definition_text(self.definition.toPlainText())
        except PmoError as exc:
            self.validation.setStyleSheet(f"color: {_RED}")
            self.validation.setText(str(exc))
            self.save_button.setEnabled(False)
            return False
        self.validation.setStyleSheet(f"color: {_GREEN}")
        self.validation.setText(self.tr("The definition is valid."))
        self.save_button.setEnabled(True)
        return True

    def save_command(self) -> Command:
        info = self.selected()
        if info is None:
            raise PmoError(self.tr("Choose a template."))
        return save_template(
            self.workspace.database,
            self.portfolio_id,
            info,
            name=self.name.text(),
            description=self.description.toPlainText(),
            definition=read_definition_text(self.definition.toPlainText()),
            active=self.active.isChecked(),
            method=Method(self.method.currentData()),
        )

    def _run(self, build: object) -> bool:
        info = self.selected()
        try:
            command = build() if callable(build) else None
        except PmoError as exc:
            self.validation.setStyleSheet(f"color: {_RED}")
            self.validation.setText(str(exc))
            return False
        if command is None or not self.workspace.execute(command):
            return False
        self.reload((info.code, info.language) if info else None)
        return True

    def save(self) -> bool:
        return self._run(self.save_command)

    def reset(self) -> bool:
        info = self.selected()
        if info is None or not self.workspace.dialogs.question(
            self,
            self.tr("Reset template"),
            self.tr("Discard this portfolio's changes to {name} and use the default again?").format(
                name=info.name
            ),
        ):
            return False
        return self._run(lambda: reset_template(self.workspace.database, info))

    def copy_as_new(self, code: str = "", name: str = "") -> bool:
        info = self.selected()
        if info is None:
            return False
        if not code:
            code, ok = QInputDialog.getText(
                self, self.tr("Copy as New Template"), self.tr("Code of the new template:")
            )
            if not ok:
                return False
            name = name or self.tr("{name} (copy)").format(name=info.name)
        done = self._run(
            lambda: new_template(
                self.workspace.database, self.portfolio_id, info, code, name or info.name
            )
        )
        if done:
            self.reload((code.strip().lower(), info.language))
        return done
