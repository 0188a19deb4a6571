"""The audit records as a two-level tree: one row per change, one child per changed field.

A change of a single field shows it on its own row (no children); a change of several fields
says how many and lists them underneath. Values are shown readable: dates in the locale's
format, booleans as Yes/No, an import's counts as "tasks: 120, …". The model holds the plain
records of `services.audit_log`, never ORM rows.
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from pmo_desktop.models import AuditAction
from pmo_desktop.services.audit_log import AuditRecord, FieldChange
from pmo_desktop.ui.formatting import format_date

_CONTEXT = "AuditTreeModel"
NO_PARENT = QModelIndex()
AnyIndex = QModelIndex | QPersistentModelIndex
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2})?)?$")
_SHOWN_TEXT = 90
#: Old values are quieter than new ones.
_BEFORE_COLOUR = QColor("#6b7280")

#: Kinds of object by table name (others show their table name, made readable).
_ENTITY_LABELS = {
    "portfolios": QT_TRANSLATE_NOOP("AuditTreeModel", "Portfolio"),
    "programmes": QT_TRANSLATE_NOOP("AuditTreeModel", "Programme"),
    "projects": QT_TRANSLATE_NOOP("AuditTreeModel", "Project"),
    "strategic_objectives": QT_TRANSLATE_NOOP("AuditTreeModel", "Strategic objective"),
    "project_objective_scores": QT_TRANSLATE_NOOP("AuditTreeModel", "Objective score"),
    "tasks": QT_TRANSLATE_NOOP("AuditTreeModel", "Task"),
    "dependencies": QT_TRANSLATE_NOOP("AuditTreeModel", "Link"),
    "baselines": QT_TRANSLATE_NOOP("AuditTreeModel", "Baseline"),
    "baseline_tasks": QT_TRANSLATE_NOOP("AuditTreeModel", "Baseline task"),
    "calendars": QT_TRANSLATE_NOOP("AuditTreeModel", "Calendar"),
    "calendar_working_times": QT_TRANSLATE_NOOP("AuditTreeModel", "Working time"),
    "calendar_exceptions": QT_TRANSLATE_NOOP("AuditTreeModel", "Calendar exception"),
    "calendar_exception_intervals": QT_TRANSLATE_NOOP("AuditTreeModel", "Exception hours"),
    "resources": QT_TRANSLATE_NOOP("AuditTreeModel", "Resource"),
    "resource_rates": QT_TRANSLATE_NOOP("AuditTreeModel", "Resource rate"),
    "assignments": QT_TRANSLATE_NOOP("AuditTreeModel", "Assignment"),
    "risks": QT_TRANSLATE_NOOP("AuditTreeModel", "Risk"),
    "risk_actions": QT_TRANSLATE_NOOP("AuditTreeModel", "Risk action"),
    "risk_task_links": QT_TRANSLATE_NOOP("AuditTreeModel", "Risk–task link"),
    "risk_assessments": QT_TRANSLATE_NOOP("AuditTreeModel", "Risk assessment"),
    "issues": QT_TRANSLATE_NOOP("AuditTreeModel", "Issue"),
    "assumptions": QT_TRANSLATE_NOOP("AuditTreeModel", "Assumption"),
    "decisions": QT_TRANSLATE_NOOP("AuditTreeModel", "Decision"),
    "change_requests": QT_TRANSLATE_NOOP("AuditTreeModel", "Change request"),
    "lessons": QT_TRANSLATE_NOOP("AuditTreeModel", "Lesson"),
    "status_reports": QT_TRANSLATE_NOOP("AuditTreeModel", "Status report"),
    "cost_lines": QT_TRANSLATE_NOOP("AuditTreeModel", "Cost line"),
    "report_templates": QT_TRANSLATE_NOOP("AuditTreeModel", "Report template"),
    "users": QT_TRANSLATE_NOOP("AuditTreeModel", "User"),
    "roles": QT_TRANSLATE_NOOP("AuditTreeModel", "Role"),
    "import": QT_TRANSLATE_NOOP("AuditTreeModel", "Import"),
}
_ACTION_LABELS = {
    AuditAction.INSERT: QT_TRANSLATE_NOOP("AuditTreeModel", "Created"),
    AuditAction.UPDATE: QT_TRANSLATE_NOOP("AuditTreeModel", "Changed"),
    AuditAction.DELETE: QT_TRANSLATE_NOOP("AuditTreeModel", "Deleted"),
}
_ACTION_COLOURS = {
    AuditAction.INSERT: QColor("#1b7a3a"),
    AuditAction.UPDATE: QColor("#1d5fa8"),
    AuditAction.DELETE: QColor("#b42318"),
}
#: Field names that read better than their column name made readable.
_FIELD_LABELS = {
    "duration_minutes": QT_TRANSLATE_NOOP("AuditTreeModel", "Duration"),
    "work_minutes": QT_TRANSLATE_NOOP("AuditTreeModel", "Work"),
    "remaining_minutes": QT_TRANSLATE_NOOP("AuditTreeModel", "Remaining duration"),
    "levelling_delay_minutes": QT_TRANSLATE_NOOP("AuditTreeModel", "Levelling delay"),
    "percent_complete": QT_TRANSLATE_NOOP("AuditTreeModel", "% complete"),
    "counts": QT_TRANSLATE_NOOP("AuditTreeModel", "Rows stored"),
    "file": QT_TRANSLATE_NOOP("AuditTreeModel", "File"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def entity_label(entity: str) -> str:
    """A kind of object as people name it ("Task" for `tasks`)."""
    known = _ENTITY_LABELS.get(entity)
    return _tr(known) if known else entity.replace("_", " ").capitalize()


def action_label(record: AuditRecord) -> str:
    if record.is_import:
        return QCoreApplication.translate("AuditTreeModel", "Imported")
    return _tr(_ACTION_LABELS[record.action])


def field_label(name: str) -> str:
    """A column as a field name: `percent_complete` → "% complete", `owner_id` → "Owner"."""
    known = _FIELD_LABELS.get(name)
    if known:
        return _tr(known)
    if name.endswith("_id"):
        name = name[:-3]
    return name.replace("_", " ").capitalize()


def object_label(record: AuditRecord) -> str:
    """ "Task · Design review", or "Task #12" when the row had no name."""
    if record.label:
        return f"{entity_label(record.entity)} · {record.label}"
    return f"{entity_label(record.entity)} #{record.entity_id}"


def format_moment(moment: datetime, locale: QLocale | None = None) -> str:
    """A UTC moment on this computer's clock: short date and hours:minutes."""
    local = moment.astimezone()
    return f"{format_date(local.date(), locale)} {local:%H:%M}"


def format_field(name: str, value: Any, *, empty: str = "") -> str:
    """A field's value: durations (stored in minutes) in hours, percentages with "%"."""
    if value is None or value == "":
        return empty
    if isinstance(value, int | float) and not isinstance(value, bool):
        if name.endswith("_id"):
            return f"#{value}"
        if name.endswith("_minutes"):
            hours = format_value(round(value / 60, 2))
            return QCoreApplication.translate("AuditTreeModel", "{hours} h").format(hours=hours)
        if name.startswith("percent_"):
            return f"{format_value(float(value))}%"
    return format_value(value)


def format_value(value: Any, locale: QLocale | None = None) -> str:
    """A recorded value as a reader expects it (None: empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("AuditTreeModel", "Yes")
        return QCoreApplication.translate("AuditTreeModel", "No")
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, float):
        return (
            (locale or QLocale())
            .toString(value, "f", 2)
            .rstrip("0")
            .rstrip((locale or QLocale()).decimalPoint())
        )
    if isinstance(value, dict):
        return ", ".join(f"{key}: {format_value(item, locale)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(format_value(item, locale) for item in value)
    text = str(value)
    if _ISO_MOMENT.match(text):
        return _format_iso(text, locale)
    first_line = text.splitlines()[0] if text else ""
    if len(first_line) > _SHOWN_TEXT or first_line != text:
        return first_line[: _SHOWN_TEXT - 1].rstrip() + "…"
    return text


def _format_iso(text: str, locale: QLocale | None) -> str:
    try:
        if "T" not in text:
            return format_date(date.fromisoformat(text), locale)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    shown = format_date(moment.date(), locale)
    return shown if (moment.hour, moment.minute) == (0, 0) else f"{shown} {moment:%H:%M}"


def shown_changes(record: AuditRecord) -> tuple[FieldChange, ...]:
    """The fields worth a line: a creation's empty values are left out."""
    if record.action is AuditAction.INSERT and not record.is_import:
        return tuple(change for change in record.changes if change.after not in ("", None))
    return record.changes


class AuditTreeModel(QAbstractItemModel):
    """Changes (top level) and their fields (children), newest first."""

    WHEN, WHO, ACTION, OBJECT, FIELD, BEFORE, AFTER = range(7)
    #: The record of a row (children answer their parent's).
    RecordRole = Qt.ItemDataRole.UserRole + 1

    _HEADERS = (
        QT_TRANSLATE_NOOP("AuditTreeModel", "When"),
        QT_TRANSLATE_NOOP("AuditTreeModel", "Who"),
        QT_TRANSLATE_NOOP("AuditTreeModel", "Action"),
        QT_TRANSLATE_NOOP("AuditTreeModel", "Object"),
        QT_TRANSLATE_NOOP("AuditTreeModel", "Field"),
        QT_TRANSLATE_NOOP("AuditTreeModel", "Before"),
        QT_TRANSLATE_NOOP("AuditTreeModel", "After"),
    )

    #: Compact (the History dock): columns Field, Before, After; each change is a heading
    #: row ("when · who · action", meant to span the row) over its fields.
    _COMPACT = (FIELD, BEFORE, AFTER)

    def __init__(self, parent: QObject | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.compact = compact
        self._records: list[AuditRecord] = []
        self._fields: list[tuple[FieldChange, ...]] = []

    def set_records(self, records: list[AuditRecord] | tuple[AuditRecord, ...]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._fields = [shown_changes(record) for record in self._records]
        self.endResetModel()

    def record_at(self, index: AnyIndex) -> AuditRecord | None:
        if not index.isValid():
            return None
        parent_row = index.internalId() - 1 if index.internalId() else index.row()
        return self._records[parent_row] if 0 <= parent_row < len(self._records) else None

    @property
    def records(self) -> list[AuditRecord]:
        return list(self._records)

    # QAbstractItemModel.

    def index(self, row: int, column: int, parent: AnyIndex = NO_PARENT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: AnyIndex = NO_PARENT) -> Any:  # type: ignore[override]
        if not child.isValid() or not child.internalId():
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = NO_PARENT) -> int:
        if not parent.isValid():
            return len(self._records)
        if parent.internalId() or parent.column() != 0:
            return 0
        fields = self._fields[parent.row()]
        return len(fields) if len(fields) > 1 or self.compact else 0

    def columnCount(self, parent: AnyIndex = NO_PARENT) -> int:
        return len(self._COMPACT) if self.compact else len(self._HEADERS)

    def _column(self, column: int) -> int:
        """A view column as a full-model column."""
        return self._COMPACT[column] if self.compact else column

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self._HEADERS[self._column(section)])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        record = self.record_at(index)
        if record is None:
            return None
        if role == self.RecordRole:
            return record
        if index.internalId():
            change = self._fields[index.internalId() - 1][index.row()]
            return self._field_data(record, change, index, role)
        if self.compact:
            return self._heading_data(record, index.column(), role)
        return self._record_data(record, self._fields[index.row()], index.column(), role)

    def _heading_data(self, record: AuditRecord, column: int, role: int) -> Any:
        if column != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            parts = [format_moment(record.at), record.user_name, action_label(record)]
            return " · ".join(part for part in parts if part)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _ACTION_COLOURS[record.action]
        if role == Qt.ItemDataRole.FontRole:
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return object_label(record)
        return None

    def _record_data(
        self, record: AuditRecord, fields: tuple[FieldChange, ...], column: int, role: int
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return format_moment(record.at)
            if column == self.WHO:
                return record.user_name
            if column == self.ACTION:
                return action_label(record)
            if column == self.OBJECT:
                return object_label(record)
            if column == self.FIELD:
                if len(fields) == 1:
                    return field_label(fields[0].name)
                if not fields:
                    return ""
                return QCoreApplication.translate("AuditTreeModel", "{count} fields").format(
                    count=len(fields)
                )
            if len(fields) == 1 and column in (self.BEFORE, self.AFTER):
                change = fields[0]
                value = change.before if column == self.BEFORE else change.after
                return format_field(change.name, value, empty=_empty(record))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.OBJECT:
                return f"{object_label(record)}\n{record.entity_uuid}".strip()
            if len(fields) == 1 and column in (self.BEFORE, self.AFTER):
                change = fields[0]
                return _full(change.before if column == self.BEFORE else change.after)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ACTION:
            return _ACTION_COLOURS[record.action]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.BEFORE:
            return _BEFORE_COLOUR
        return None

    def _field_data(
        self, record: AuditRecord, change: FieldChange, index: AnyIndex, role: int
    ) -> Any:
        column = self._column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.FIELD:
                return field_label(change.name)
            if column == self.BEFORE:
                return format_field(change.name, change.before, empty=_empty(record))
            if column == self.AFTER:
                return format_field(change.name, change.after, empty=_empty(record))
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.BEFORE, self.AFTER):
            return _full(change.before if column == self.BEFORE else change.after)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.BEFORE:
            return _BEFORE_COLOUR
        return None


def _empty(record: AuditRecord) -> str:
    """How a changed field with no value reads: a dash, where it was (or became) empty."""
    return "—" if record.action is AuditAction.UPDATE else ""


def _full(value: Any) -> str | None:
    """The whole value for a tooltip (long texts are cut in the cell)."""
    if value is None:
        return None
    text = str(value) if not isinstance(value, bool | dict | list) else format_value(value)
    return text if len(text) > _SHOWN_TEXT or "\n" in text else None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
