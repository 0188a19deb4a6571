"""The Rules tab of the Compliance view: the rules table and the editor of one rule's
settings, saved for the portfolio through `workspace.execute` (undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QSplitter, QTableView, QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.services.compliance import RuleSettings, reset_rule_command, rule_setting_command
from pmo_desktop.ui.compliance.models import RuleColumn, RulesModel
from pmo_desktop.ui.compliance.rule_editor import RuleEditor

if TYPE_CHECKING:
    from pmo_desktop.ui.workspace import Workspace


class RulesTabMixin:
    """Rules tab behaviour of ComplianceView (which provides the attributes below)."""

    workspace: Workspace
    portfolio_id: int | None
    language: str
    rules_model: RulesModel
    rules_table: QTableView
    rules_splitter: QSplitter
    editor: RuleEditor

    def _rules_page(self) -> QWidget:
        width = self.fontMetrics().horizontalAdvance  # type: ignore[attr-defined]
        header = self.rules_table.horizontalHeader()
        sizes = {
            RuleColumn.ENABLED: width("On") + 30,
            RuleColumn.RULE: width("M") * 27,
            RuleColumn.SEVERITY: width("Warning") + 28,
            RuleColumn.FINDINGS: width("Findings") + 18,
            RuleColumn.PREVIOUS: width("Before") + 18,
        }
        for column, size in sizes.items():
            header.resizeSection(column, size)
        self.rules_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.rules_splitter.addWidget(self.rules_table)
        self.rules_splitter.addWidget(self.editor)
        self.rules_splitter.setChildrenCollapsible(False)
        self.rules_splitter.setStretchFactor(0, 3)
        self.rules_splitter.setStretchFactor(1, 2)
        self.rules_splitter.setSizes([1000, 520])
        return self.rules_splitter

    def _current_rule_code(self) -> str | None:
        index = self.rules_table.currentIndex()
        return self.rules_model.rule(index.row()).code if index.isValid() else None

    def _on_rule_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rule = self.rules_model.rule(current.row()) if current.isValid() else None
        self.editor.set_rule(rule, self.language)

    def _rule(self, code: str) -> RuleSettings | None:
        row = self.rules_model.row_of(code)
        return self.rules_model.rule(row) if row is not None else None

    def save_rule(
        self, code: str, enabled: bool, severity: str, parameters: dict[str, Any]
    ) -> bool:
        """Store a rule's settings for the portfolio (undoable)."""
        if self.portfolio_id is None:
            return False
        rule = self._rule(code)
        title = rule.definition.title_in(self.language) if rule else code
        try:
            command = rule_setting_command(
                self.workspace.database,
                self.portfolio_id,
                code,
                enabled=enabled,
                severity=severity,
                parameters=parameters,
                text=QCoreApplication.translate(
                    "ComplianceView", "Change compliance rule “{rule}”"
                ).format(rule=title),
            )
        except PmoError as exc:
            self.workspace.dialogs.critical(
                self, QCoreApplication.translate("ComplianceView", "Rule not changed"), str(exc)
            )
            return False
        return self.workspace.execute(command)

    def set_rule_enabled(self, code: str, enabled: bool) -> bool:
        """Tick or untick a rule in the table: the rest of its settings stay."""
        rule = self._rule(code)
        if rule is None:
            return False
        return self.save_rule(code, enabled, rule.severity, dict(rule.overrides))

    def reset_rule(self, code: str) -> bool:
        """Back to the shipped defaults for this portfolio (undoable)."""
        rule = self._rule(code)
        if rule is None:
            return False
        title = rule.definition.title_in(self.language)
        command = reset_rule_command(
            rule,
            QCoreApplication.translate("ComplianceView", "Reset compliance rule “{rule}”").format(
                rule=title
            ),
        )
        return command is not None and self.workspace.execute(command)
