"""Editors of the project view that commit once, when the user has finished editing.

Each editor remembers the value it was last shown (`show_value`) and emits `committed(value)`
only when the user leaves it with a different value, so a reload never writes anything and
a field being typed in is not overwritten by a reload (`is_dirty`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from pmo_desktop.models import Rag
from pmo_desktop.ui.formatting import CURRENCY_SYMBOLS, rag_label, to_qdate
from pmo_desktop.ui.rag import rag_icon

#: The QDateEdit's minimum stands for "no date" (shown as the special value text).
NO_DATE = QDate(1900, 1, 1)
MAX_MONEY = 9_999_999_999_999.0


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def currency_affixes(currency: str, locale: QLocale | None = None) -> tuple[str, str]:
    """(prefix, suffix) placing the currency symbol where the locale puts it."""
    locale = locale or QLocale()
    symbol = CURRENCY_SYMBOLS.get(currency.upper(), currency.upper())
    sample = locale.toCurrencyString(1.0, symbol, 0)
    if sample.startswith(symbol):
        spacer = "\u00a0" if sample[len(symbol) : len(symbol) + 1].isspace() else ""
        return symbol + spacer, ""
    return "", "\u00a0" + symbol


class MoneySpinBox(QDoubleSpinBox):
    """An amount in a currency: cents, grouped digits, the symbol where the locale wants it."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(2)
        self.setRange(0.0, MAX_MONEY)
        self.setGroupSeparatorShown(True)
        self.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setKeyboardTracking(False)
        self._shown = Decimal(0)
        self.editingFinished.connect(self._on_finished)

    def set_currency(self, currency: str) -> None:
        prefix, suffix = currency_affixes(currency, self.locale())
        self.setPrefix(prefix)
        self.setSuffix(suffix)

    def show_value(self, amount: Decimal) -> None:
        self._shown = amount
        self.setValue(float(amount))

    def amount(self) -> Decimal:
        return Decimal(str(round(self.value(), 2))).quantize(Decimal("0.01"))

    def is_dirty(self) -> bool:
        return self.amount() != self._shown

    def _on_finished(self) -> None:
        if self.is_dirty():
            self.committed.emit(self.amount())


class LineEdit(QLineEdit):
    """One line of text, committed on Enter or when the user leaves the field."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown = ""
        self.editingFinished.connect(self._on_finished)

    def show_value(self, text: str) -> None:
        self._shown = text
        if self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)

    def is_dirty(self) -> bool:
        return self.text() != self._shown

    def _on_finished(self) -> None:
        if self.is_dirty() and not self.isReadOnly():
            self._shown = self.text()
            self.committed.emit(self._shown)


class OptionalDateEdit(QWidget):
    """A date that may be empty: a QDateEdit whose minimum reads "None", and a clear button."""

    committed = Signal(object)

    def __init__(self, none_text: str, clear_tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDate(NO_DATE)
        self.edit.setSpecialValueText(none_text)
        self.edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        self.edit.setKeyboardTracking(False)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(clear_tip)
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self._clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self._shown: date | None = None
        self.edit.editingFinished.connect(self._on_finished)
        calendar = self.edit.calendarWidget()
        calendar.clicked.connect(lambda _day: self._on_finished())
        calendar.activated.connect(lambda _day: self._on_finished())

    def value(self) -> date | None:
        current = self.edit.date()
        return None if current == NO_DATE else from_qdate(current)

    def show_value(self, value: date | None) -> None:
        self._shown = value
        self.edit.setDate(NO_DATE if value is None else to_qdate(value))
        self.clear_button.setEnabled(value is not None)

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.clear_button.setVisible(not read_only)

    def is_dirty(self) -> bool:
        return self.value() != self._shown

    def set_value(self, value: date | None) -> None:
        """Set and commit, as the user would (tests, clear button)."""
        self.edit.setDate(NO_DATE if value is None else to_qdate(value))
        self._on_finished()

    def _clear(self) -> None:
        self.set_value(None)

    def _on_finished(self) -> None:
        self.clear_button.setEnabled(self.value() is not None)
        if self.is_dirty():
            self._shown = self.value()
            self.committed.emit(self.value())


class TextEdit(QPlainTextEdit):
    """Multi-line text that commits when it loses focus (QPlainTextEdit has no editingFinished)."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._shown = ""

    def show_value(self, text: str) -> None:
        self._shown = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def is_dirty(self) -> bool:
        return self.toPlainText() != self._shown

    def commit(self) -> None:
        if self.is_dirty():
            self._shown = self.toPlainText()
            self.committed.emit(self._shown)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.commit()


class ChoiceBox(QComboBox):
    """A closed choice (enum value or id) that commits when the user picks another item."""

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: Any = None
        self.activated.connect(self._on_activated)

    def show_value(self, value: Any) -> None:
        self._shown = value
        self.setCurrentIndex(self.findData(value))

    def value(self) -> Any:
        return self.currentData()

    def is_dirty(self) -> bool:
        return False  # a pick commits at once

    def choose(self, value: Any) -> None:
        """Pick as the user would (tests, keyboard)."""
        self.setCurrentIndex(self.findData(value))
        self._on_activated(self.currentIndex())

    def _on_activated(self, _position: int) -> None:
        if self.currentData() != self._shown:
            self._shown = self.currentData()
            self.committed.emit(self._shown)


class RagBox(ChoiceBox):
    """Green / amber / red with the coloured dot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
            self.addItem(rag_icon(rag), rag_label(rag), rag)


class MoneyDelegate(QStyledItemDelegate):
    """Edits a cost line amount with a `MoneySpinBox` in the row's currency."""

    def __init__(self, currency_of: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._currency_of = currency_of

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = MoneySpinBox(parent)
        editor.set_currency(self._currency_of(index))
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, MoneySpinBox)
        editor.show_value(Decimal(str(index.data(Qt.ItemDataRole.EditRole) or 0)))

    def setModelData(
        self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, MoneySpinBox)
        editor.interpretText()
        model.setData(index, float(editor.amount()), Qt.ItemDataRole.EditRole)
