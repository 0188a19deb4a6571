"""Item models of the Compliance view: findings, projects' counts, rules' counts, settings.

Rows are plain data from `services.compliance` (never ORM objects); messages and rule titles
are the catalogue's, in the interface's language.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from pmo_desktop.reports.data import Trend
from pmo_desktop.services.compliance import SEVERITIES, SEVERITY_RANK, Finding, RuleSettings

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Fill and text colours of a severity cell (the RAG red and amber; infos blue-grey).
SEVERITY_COLOURS = {
    "error": ("#C62828", "#FFFFFF"),
    "warning": ("#E69A00", "#1F1F1F"),
    "info": ("#607D8B", "#FFFFFF"),
}
TREND_ARROWS = {Trend.BETTER: "▲", Trend.WORSE: "▼", Trend.SAME: "►", Trend.NEW: "•"}


def severity_label(severity: str) -> str:
    labels = {
        "error": QCoreApplication.translate("ComplianceModels", "Error"),
        "warning": QCoreApplication.translate("ComplianceModels", "Warning"),
        "info": QCoreApplication.translate("ComplianceModels", "Info"),
    }
    return labels.get(severity, severity)


def trend_tip(trend: Trend) -> str:
    tips = {
        Trend.BETTER: QCoreApplication.translate("ComplianceModels", "Fewer findings than before"),
        Trend.WORSE: QCoreApplication.translate("ComplianceModels", "More findings than before"),
        Trend.SAME: QCoreApplication.translate("ComplianceModels", "As many findings as before"),
        Trend.NEW: QCoreApplication.translate("ComplianceModels", "Not checked before"),
    }
    return tips[trend]


def _severity_data(severity: str, role: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return severity_label(severity)
    if role == Qt.ItemDataRole.BackgroundRole:
        return QColor(SEVERITY_COLOURS[severity][0])
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor(SEVERITY_COLOURS[severity][1])
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return Qt.AlignmentFlag.AlignCenter
    if role == SORT_ROLE:
        return SEVERITY_RANK[severity]
    return None


class _Table(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return QCoreApplication.translate("ComplianceModels", self.headers[section])
        return None


class FindingColumn(enum.IntEnum):
    SEVERITY = 0
    PROJECT = 1
    RULE = 2
    OBJECT = 3
    MESSAGE = 4


class FindingsModel(_Table):
    """One row per finding."""

    headers = ("Severity", "Project", "Rule", "Object", "Finding")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = "en"
        self._rows: list[Finding] = []
        self._messages: list[str] = []
        self._titles: dict[str, str] = {}

    def set_rows(self, rows: Sequence[Finding], titles: dict[str, str], language: str) -> None:
        self.beginResetModel()
        self.language = language
        self._rows = list(rows)
        self._titles = dict(titles)
        self._messages = [finding.message(language) for finding in self._rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def finding(self, row: int) -> Finding:
        return self._rows[row]

    def message(self, row: int) -> str:
        return self._messages[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        finding = self._rows[index.row()]
        column = index.column()
        if column == FindingColumn.SEVERITY:
            return _severity_data(finding.severity, role)
        if role == Qt.ItemDataRole.ToolTipRole and column == FindingColumn.MESSAGE:
            return self._messages[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and column == FindingColumn.PROJECT:
            return finding.project_name or None
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return None
        if column == FindingColumn.PROJECT:
            if finding.project_code:
                return finding.project_code
            return QCoreApplication.translate("ComplianceModels", "Portfolio")
        if column == FindingColumn.RULE:
            return self._titles.get(finding.rule, finding.rule)
        if column == FindingColumn.OBJECT:
            return finding.object_name
        return self._messages[index.row()]


class FindingsFilter(QSortFilterProxyModel):
    """Severity, rule, project and text filters over the findings."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.severity: str | None = None
        self.rule: str | None = None
        #: A project id, or None for every project; PORTFOLIO_LEVEL for portfolio findings.
        self.project: int | None = None
        self.portfolio_level = False
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(
        self,
        *,
        severity: str | None,
        rule: str | None,
        project: int | None,
        portfolio_level: bool,
        text: str,
    ) -> None:
        self.beginFilterChange()
        self.severity, self.rule, self.project = severity, rule, project
        self.portfolio_level = portfolio_level
        self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, FindingsModel)
        finding = model.finding(source_row)
        if self.severity is not None and finding.severity != self.severity:
            return False
        if self.rule is not None and finding.rule != self.rule:
            return False
        if self.portfolio_level and finding.project_id is not None:
            return False
        if self.project is not None and not finding.involves(self.project):
            return False
        if self.text:
            haystack = f"{finding.project_code} {finding.object_name} {model.message(source_row)}"
            return self.text in haystack.casefold()
        return True


@dataclass(frozen=True)
class ProjectCounts:
    """A line of the projects table (`project_id` None: the portfolio level)."""

    project_id: int | None
    code: str
    name: str
    counts: dict[str, int]
    previous: int | None
    trend: Trend

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class ProjectCountsModel(_Table):
    """Findings per project and severity, with the trend since the previous period end."""

    headers = ("Project", "Errors", "Warnings", "Infos", "Trend")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ProjectCounts] = []

    def set_rows(self, rows: Sequence[ProjectCounts]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def line(self, row: int) -> ProjectCounts:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line = self._rows[index.row()]
        column = index.column()
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                code = line.code or QCoreApplication.translate("ComplianceModels", "Portfolio")
                return f"{code} — {line.name}" if line.name else code
            if role == SORT_ROLE:
                return (line.code == "", line.code)
            if role == Qt.ItemDataRole.ToolTipRole:
                return line.name or QCoreApplication.translate(
                    "ComplianceModels", "Portfolio-level risks and shared resources"
                )
            return None
        if 1 <= column <= 3:
            count = line.counts.get(SEVERITIES[column - 1], 0)
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return count
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            if role == Qt.ItemDataRole.ForegroundRole and count:
                return QColor(SEVERITY_COLOURS[SEVERITIES[column - 1]][0]).darker(110)
            if role == Qt.ItemDataRole.FontRole and count:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return TREND_ARROWS[line.trend]
        if role == SORT_ROLE:
            return list(Trend).index(line.trend)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = trend_tip(line.trend)
            if line.previous is not None:
                tip += " " + QCoreApplication.translate(
                    "ComplianceModels", "(weighted score {now}, before {before})"
                ).format(now=_weighted(line.counts), before=line.previous)
            return tip
        if role == Qt.ItemDataRole.ForegroundRole:
            colours = {Trend.BETTER: "#2E7D32", Trend.WORSE: "#C62828"}
            return QColor(colours[line.trend]) if line.trend in colours else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None


def _weighted(counts: dict[str, int]) -> int:
    return sum(SEVERITY_RANK[severity] * count for severity, count in counts.items())


class RuleColumn(enum.IntEnum):
    ENABLED = 0
    RULE = 1
    SEVERITY = 2
    FINDINGS = 3
    PREVIOUS = 4
    PARAMETERS = 5


class RulesModel(_Table):
    """The rules as the portfolio applies them, with their counts now and before."""

    headers = ("On", "Rule", "Severity", "Findings", "Before", "Parameters")
    #: The user ticked or unticked a rule: its code, enabled.
    toggle_requested = Signal(str, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = "en"
        self._rules: list[RuleSettings] = []
        self._counts: dict[str, int] = {}
        self._previous: dict[str, int] = {}

    def set_rules(
        self,
        rules: Sequence[RuleSettings],
        counts: dict[str, int],
        previous: dict[str, int],
        language: str,
    ) -> None:
        self.beginResetModel()
        self._rules, self._counts, self._previous = list(rules), dict(counts), dict(previous)
        self.language = language
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rules)

    def rule(self, row: int) -> RuleSettings:
        return self._rules[row]

    def row_of(self, code: str) -> int | None:
        for row, rule in enumerate(self._rules):
            if rule.code == code:
                return row
        return None

    def parameters_text(self, rule: RuleSettings) -> str:
        parts = []
        for name, value in rule.parameters.items():
            # The summary drops the label's explanation in brackets.
            label = rule.definition.parameter_label(name, self.language).split(" (")[0]
            if isinstance(value, bool):
                value = (
                    QCoreApplication.translate("ComplianceModels", "yes")
                    if value
                    else QCoreApplication.translate("ComplianceModels", "no")
                )
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            parts.append(f"{label}: {value}")
        return " · ".join(parts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rules):
            return None
        rule = self._rules[index.row()]
        column = index.column()
        if column == RuleColumn.ENABLED:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
            return None
        if column == RuleColumn.SEVERITY:
            return (
                _severity_data(rule.severity, role)
                if rule.enabled
                else (
                    severity_label(rule.severity) if role == Qt.ItemDataRole.DisplayRole else None
                )
            )
        if role == Qt.ItemDataRole.ForegroundRole and not rule.enabled:
            return QColor("#8A8A8A")
        if role == Qt.ItemDataRole.FontRole and column == RuleColumn.RULE and rule.customised:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == RuleColumn.RULE and rule.customised:
            return QCoreApplication.translate(
                "ComplianceModels", "Changed for this portfolio (Reset restores the default)"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            RuleColumn.FINDINGS,
            RuleColumn.PREVIOUS,
        ):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == RuleColumn.RULE:
            return rule.definition.title_in(self.language)
        if column == RuleColumn.FINDINGS:
            return self._counts.get(rule.code, 0) if rule.enabled else "—"
        if column == RuleColumn.PREVIOUS:
            return self._previous.get(rule.code, 0) if rule.enabled else "—"
        return self.parameters_text(rule)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (
            index.isValid()
            and index.column() == RuleColumn.ENABLED
            and role == Qt.ItemDataRole.CheckStateRole
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.toggle_requested.emit(self._rules[index.row()].code, checked)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == RuleColumn.ENABLED:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags
