"""Locale-aware display of money, dates and percentages, and labels for the domain's enums."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from pmo_desktop.models import Method, ProjectStatus, Rag

#: Symbols for the currencies a PMO meets most; any other shows as its ISO code.
CURRENCY_SYMBOLS = {
    "EUR": "€",
    "USD": "$",
    "GBP": "£",
    "JPY": "¥",
    "CHF": "CHF",
    "CAD": "CA$",
    "AUD": "A$",
}

_CONTEXT = "Labels"

_METHOD_LABELS = {
    Method.WATERFALL: QT_TRANSLATE_NOOP("Labels", "Waterfall"),
    Method.AGILE: QT_TRANSLATE_NOOP("Labels", "Agile"),
    Method.HYBRID: QT_TRANSLATE_NOOP("Labels", "Hybrid"),
}

_STATUS_LABELS = {
    ProjectStatus.PROPOSED: QT_TRANSLATE_NOOP("Labels", "Proposed"),
    ProjectStatus.ACTIVE: QT_TRANSLATE_NOOP("Labels", "Active"),
    ProjectStatus.ON_HOLD: QT_TRANSLATE_NOOP("Labels", "On hold"),
    ProjectStatus.CLOSED: QT_TRANSLATE_NOOP("Labels", "Closed"),
    ProjectStatus.CANCELLED: QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}

_RAG_LABELS = {
    Rag.RED: QT_TRANSLATE_NOOP("Labels", "Red"),
    Rag.AMBER: QT_TRANSLATE_NOOP("Labels", "Amber"),
    Rag.GREEN: QT_TRANSLATE_NOOP("Labels", "Green"),
}
_NO_REPORT = QT_TRANSLATE_NOOP("Labels", "No report")


def method_label(method: Method) -> str:
    return QCoreApplication.translate(_CONTEXT, _METHOD_LABELS[method])


def status_label(status: ProjectStatus) -> str:
    return QCoreApplication.translate(_CONTEXT, _STATUS_LABELS[status])


def rag_label(rag: Rag | None) -> str:
    """The rating's name, or "No report" for a project that never reported."""
    return QCoreApplication.translate(_CONTEXT, _RAG_LABELS[rag] if rag else _NO_REPORT)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def format_date(value: date | None, locale: QLocale | None = None, *, compact: bool = False) -> str:
    """The locale's short date; `compact` shows the year in two digits (dense tables)."""
    if value is None:
        return ""
    locale = locale or QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if compact:
        pattern = pattern.replace("yyyy", "yy")
    return locale.toString(to_qdate(value), pattern)


def format_long_date(value: date | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    return (locale or QLocale()).toString(to_qdate(value), QLocale.FormatType.LongFormat)


def format_money(
    amount: Decimal, currency: str, locale: QLocale | None = None, *, decimals: int = 0
) -> str:
    """The amount (whole units by default) with its symbol placed as the locale places it."""
    symbol = CURRENCY_SYMBOLS.get(currency.upper(), currency.upper())
    return (locale or QLocale()).toCurrencyString(float(amount), symbol, decimals)


def format_percent(value: float, locale: QLocale | None = None) -> str:
    """A whole percentage; French typography puts a narrow space before the sign."""
    locale = locale or QLocale()
    number = locale.toString(round(value))
    if locale.language() == QLocale.Language.French:
        return f"{number}\u202f%"
    return f"{number}%"


def format_integer(value: int, locale: QLocale | None = None) -> str:
    return (locale or QLocale()).toString(value)
