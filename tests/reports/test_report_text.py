"""ReportText: translations from the .po catalog and babel formats, in English and French."""

from __future__ import annotations

import ast
import string
from datetime import date, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pmo_desktop.errors import ValidationError
from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.data import DIMENSIONS, Trend
from pmo_desktop.reports.i18n import ReportText

REPORTS = Path(__file__).resolve().parents[2] / "pmo_desktop" / "reports"
NNBSP, NBSP = "\u202f", "\u00a0"


def _catalog() -> dict[str, str]:
    path = resources.files("pmo_desktop.resources") / "translations" / "reports_fr.po"
    with path.open("rb") as stream:
        return {str(m.id): str(m.string) for m in read_po(stream) if m.id}


def _literals() -> dict[str, str]:
    """Every string literal passed first to text(…), self.text(…) or N_(…) under reports/."""
    found: dict[str, str] = {}
    for path in sorted(REPORTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in ("text", "N_"):
                found.setdefault(first.value, path.name)
    return found


def _fields(message: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(message) if field is not None}


def test_every_literal_has_a_french_translation() -> None:
    literals = _literals()
    catalog = _catalog()
    assert len(literals) > 150
    missing = {msgid: module for msgid, module in literals.items() if not catalog.get(msgid)}
    assert missing == {}


def test_placeholders_of_every_entry_match() -> None:
    mismatched = {
        msgid: translation
        for msgid, translation in _catalog().items()
        if _fields(msgid) != _fields(translation)
    }
    assert mismatched == {}


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValidationError, match="de"):
        ReportText("de")


def test_english_formats() -> None:
    text = ReportText("en")
    assert text.date(date(2026, 10, 30)) == "30 Oct 2026"
    assert text.date(datetime(2026, 1, 5, 17, 0)) == "5 Jan 2026"
    assert text.date(None) == "—"
    assert text.month(date(2026, 10, 1)) == "Oct 2026"
    assert text.money(Decimal("1234567.49"), "EUR") == "€1,234,567"
    assert text.money(-1234567, "USD") == "-$1,234,567"
    assert text.money(Decimal(1234567), "EUR", compact=True) == "€1.2M"
    assert text.money(None, "EUR") == "—"
    assert text.number(1234.5, 1) == "1,234.5"
    assert text.number(Decimal("0.956"), 2) == "0.96"
    assert text.percent(42) == "42%"
    assert text.rag(Rag.AMBER) == "Amber"
    assert text.rag(None) == "Not rated"


def test_french_formats_use_babel_spaces() -> None:
    text = ReportText("fr")
    assert text.date(date(2026, 10, 30)) == "30 oct. 2026"
    assert text.date(date(2026, 6, 3)) == "3 juin 2026"
    assert text.month(date(2026, 2, 1)) == "févr. 2026"
    assert text.money(Decimal("1234567"), "EUR") == f"1{NNBSP}234{NNBSP}567{NBSP}€"
    assert text.money(Decimal("1234567"), "EUR", compact=True).startswith("1,2")
    assert text.number(1234.5, 1) == f"1{NNBSP}234,5"
    assert text.percent(42) == f"42{NBSP}%"
    assert text.rag(Rag.RED) == "Rouge"
    assert text.rag(None) == "Non évalué"
    assert text("Executive summary") == "Synthèse"
    assert text("Page {page} of {total}", page=3, total=12) == "Page 3 sur 12"


def test_labels_cover_every_dimension_and_trend() -> None:
    english, french = ReportText("en"), ReportText("fr")
    assert [english.dimension(key) for key in DIMENSIONS] == [
        "Overall", "Schedule", "Cost", "Scope", "Resources", "Benefits",
    ]  # fmt: skip
    assert all(french.dimension(key) != english.dimension(key) for key in DIMENSIONS[1:])
    arrows = {trend: english.trend_arrow(trend) for trend in Trend}
    assert arrows == {Trend.BETTER: "▲", Trend.WORSE: "▼", Trend.SAME: "►", Trend.NEW: "•"}
    assert english.trend_arrow(None) == "•"


def test_stored_values_are_translated_or_printed_as_they_are() -> None:
    french = ReportText("fr")
    assert french.value("on_hold") == "En pause"
    assert french.value("mitigate") == "Atténuer"
    assert french.value("Something else") == "Something else"
    assert french.value(None) == "—"
