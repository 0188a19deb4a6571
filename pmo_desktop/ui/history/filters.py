"""The change log's filter bar: text, author, kind of object, project and date range."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from pmo_desktop.services.audit_log import ChangeLogChoices, ChangeLogFilter
from pmo_desktop.ui.history.model import entity_label

#: A date edit at its minimum means "no limit".
_NO_DATE = QDate(2000, 1, 1)
_TYPING_PAUSE_MS = 300


class _OptionalDateEdit(QDateEdit):
    """A date box whose "no date" (its minimum) opens the calendar on this month, not 2000."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.date() <= _NO_DATE and self.calendarWidget() is not None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())


class ChangeLogFilterBar(QWidget):
    """Emits `changed` when a filter changes (text after a short pause in typing)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("Search changes…"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(_TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.changed)
        self.text_edit.textChanged.connect(lambda _text: self._typing.start())
        self.text_edit.returnPressed.connect(self._text_now)

        self.user_combo = QComboBox()
        self.entity_combo = QComboBox()
        self.project_combo = QComboBox()
        for combo in (self.user_combo, self.entity_combo, self.project_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.project_combo.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 22)
        self.since_edit = self._date_edit(self.tr("Any date"))
        self.until_edit = self._date_edit(self.tr("Any date"))
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for label, widget in (
            (self.tr("Who:"), self.user_combo),
            (self.tr("Object:"), self.entity_combo),
            (self.tr("Project:"), self.project_combo),
            (self.tr("From:"), self.since_edit),
            (self.tr("To:"), self.until_edit),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
            layout.addSpacing(6)
        layout.addStretch(1)
        layout.addWidget(self.clear_button)
        self.fill_choices(ChangeLogChoices((), (), ()))

    def _date_edit(self, special: str) -> QDateEdit:
        edit = _OptionalDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(special)
        edit.setDate(_NO_DATE)
        edit.dateChanged.connect(lambda _day: self.changed.emit())
        return edit

    def _text_now(self) -> None:
        if self._typing.isActive():
            self._typing.stop()
            self.changed.emit()

    def fill_choices(self, choices: ChangeLogChoices) -> None:
        """Offer what the trail holds, keeping the current choices where they still exist."""
        users = [(user, user) for user in choices.users]
        entities = sorted(
            ((entity_label(entity), entity) for entity in choices.entities),
            key=lambda pair: pair[0].casefold(),
        )
        projects = [(f"{code} — {name}", project_id) for project_id, code, name in choices.projects]
        self._fill(self.user_combo, self.tr("Anyone"), users)
        self._fill(self.entity_combo, self.tr("Any object"), entities)
        self._fill(self.project_combo, self.tr("All projects"), projects)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        with QSignalBlocker(combo):
            combo.clear()
            combo.addItem(everything, None)
            for text, data in items:
                combo.addItem(text, data)
            position = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(position, 0))

    def log_filter(
        self, portfolio_id: int | None = None, programme_id: int | None = None
    ) -> ChangeLogFilter:
        """The bar's choices, within a portfolio (and programme)."""
        return ChangeLogFilter(
            portfolio_id=portfolio_id,
            programme_id=programme_id,
            project_id=self.project_combo.currentData(),
            user_name=self.user_combo.currentData(),
            entity=self.entity_combo.currentData(),
            since=_day(self.since_edit),
            until=_day(self.until_edit),
            text=self.text_edit.text().strip(),
        )

    def is_filtering(self) -> bool:
        return self.log_filter() != ChangeLogFilter()

    def clear(self) -> None:
        """Every filter back to "any" (one `changed`)."""
        widgets = (
            self.text_edit, self.user_combo, self.entity_combo, self.project_combo,
            self.since_edit, self.until_edit,
        )  # fmt: skip
        blockers = [QSignalBlocker(widget) for widget in widgets]
        self.text_edit.clear()
        self._typing.stop()
        for combo in (self.user_combo, self.entity_combo, self.project_combo):
            combo.setCurrentIndex(0)
        self.since_edit.setDate(_NO_DATE)
        self.until_edit.setDate(_NO_DATE)
        del blockers
        self.changed.emit()

    def set_dates(self, since: date | None, until: date | None) -> None:
        """Limit the range (None: no limit), as the user would with the date boxes."""
        for edit, day in ((self.since_edit, since), (self.until_edit, until)):
            edit.setDate(QDate(day.year, day.month, day.day) if day else _NO_DATE)

    def focus_text(self) -> None:
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_edit.selectAll()


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value <= _NO_DATE:
        return None
    return date(value.year(), value.month(), value.day())
