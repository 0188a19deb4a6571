"""The date range of the one-project Gantt's PNG/PDF export: the presets, the dialog, and
files that honour it (the PDF read back: fewer pages for a shorter range, and only dates of
the range on its time scale)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from pmo_desktop.models import Project
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import gantt_data
from pmo_desktop.ui.formatting import format_date
from pmo_desktop.ui.gantt import output_actions
from pmo_desktop.ui.gantt.export import GanttPages, GanttPrintOptions
from pmo_desktop.ui.gantt.range_dialog import (
    ExportRangeDialog,
    RangePreset,
    add_months,
    preset_range,
)
from pmo_desktop.ui.gantt.view import GanttView

WHOLE = (date(2026, 1, 5), date(2027, 6, 30))
VISIBLE = (date(2026, 3, 2), date(2026, 5, 29))
TODAY = date(2026, 10, 30)
#: Where the time scale sits on a page (points from the top): the renderer's margins.
SCALE_TOP, SCALE_BOTTOM, CHART_LEFT = 62.0, 88.0, 248.0


def test_presets_give_the_project_the_view_or_the_next_three_months() -> None:
    assert preset_range(RangePreset.WHOLE, WHOLE, VISIBLE, TODAY) == WHOLE
    assert preset_range(RangePreset.VISIBLE, WHOLE, VISIBLE, TODAY) == VISIBLE
    assert preset_range(RangePreset.NEXT_3_MONTHS, WHOLE, VISIBLE, TODAY) == (
        TODAY,
        date(2027, 1, 29),
    )
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 15), 2) == date(2028, 1, 15)


def test_dialog_presets_and_custom_dates(qtbot) -> None:
    dialog = ExportRangeDialog(WHOLE, VISIBLE, TODAY, "Export")
    qtbot.addWidget(dialog)
    assert dialog.preset() is RangePreset.WHOLE and dialog.chosen_range() == WHOLE
    dialog.set_preset(RangePreset.VISIBLE)
    assert dialog.chosen_range() == VISIBLE
    dialog.set_preset(RangePreset.NEXT_3_MONTHS)
    assert dialog.chosen_range() == (TODAY, date(2027, 1, 29))
    dialog.set_range(date(2026, 2, 1), date(2026, 2, 20))
    assert dialog.preset() is RangePreset.CUSTOM
    assert dialog.chosen_range() == (date(2026, 2, 1), date(2026, 2, 20))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.set_range(date(2026, 3, 1), date(2026, 2, 1))
    assert not ok.isEnabled() and dialog.warning.text()


def _largest(database: Database) -> int:
    with database.session() as session:
        ids = [row[0] for row in session.query(Project.id).all()]
    return max(ids, key=lambda pid: len(gantt_data(database, pid).tasks))


@pytest.fixture
def opened(qtbot, gantt_view: GanttView, demo: Database) -> GanttView:
    with qtbot.waitSignal(gantt_view.loaded, timeout=10_000):
        gantt_view.show_project(_largest(demo))
    QApplication.processEvents()
    return gantt_view


def _scale_words(path: Path, page: int = 0) -> list[str]:
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[page].extract_words()
    return [
        w["text"] for w in words if SCALE_TOP <= w["top"] <= SCALE_BOTTOM and w["x0"] > CHART_LEFT
    ]


def _month_of(word: str) -> int | None:
    locale = QLocale()
    for month in range(1, 13):
        names = {
            locale.monthName(month, QLocale.FormatType.LongFormat),
            locale.monthName(month, QLocale.FormatType.ShortFormat),
        }
        if word in names:
            return month
    return None


def test_pdf_honours_the_range(opened: GanttView, tmp_path: Path) -> None:
    whole = output_actions.project_span(opened)
    data = opened.data
    assert data is not None and (whole[1] - whole[0]).days > 300
    long_path, short_path = tmp_path / "whole.pdf", tmp_path / "three-months.pdf"
    long_pages = output_actions.export_pdf(opened, long_path, *whole)
    first = whole[0] + timedelta(days=60)
    last = add_months(first, 3) - timedelta(days=1)
    short_pages = output_actions.export_pdf(opened, short_path, first, last)
    assert len(PdfReader(long_path).pages) == long_pages
    assert len(PdfReader(short_path).pages) == short_pages
    assert short_pages < long_pages
    plan = GanttPages(
        data, GanttPrintOptions(first=first, last=last), output_actions.visible_rows(opened)
    )
    assert (plan.first, plan.last) == (first, last) and plan.slices == 1
    text = " ".join(PdfReader(short_path).pages[0].extract_text().split())
    assert format_date(first) in text and format_date(last) in text
    words = _scale_words(short_path)
    months = {(d.year, d.month) for d in (first + timedelta(days=n) for n in range(100))}
    months = {ym for ym in months if date(*ym, 1) <= last}
    named = [m for m in map(_month_of, words) if m is not None]
    assert named, words
    assert set(named) <= {month for _, month in months}
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    assert all(first.year <= year <= last.year for year in years)
    # The whole project's scale reaches months the short range does not.
    assert len(set(map(_month_of, _scale_words(long_path))) - {None}) > len(set(named))


def test_png_shows_the_range_then_the_view_comes_back(opened: GanttView, tmp_path: Path) -> None:
    chart = opened.chart
    before = (chart.pixels_per_day, chart.horizontalScrollBar().value())
    first = output_actions.project_span(opened)[0] + timedelta(days=30)
    last = first + timedelta(days=45)
    path = tmp_path / "range.png"
    shown = opened.export_png(path, first, last)
    assert shown[0] <= first and last <= shown[1]
    assert (shown[1] - shown[0]).days <= (last - first).days + 10
    assert (chart.pixels_per_day, chart.horizontalScrollBar().value()) == before
    image = QImage(str(path))
    assert not image.isNull() and image.width() == opened.splitter.width()


def test_export_action_asks_for_the_range_first(
    qtbot, opened: GanttView, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "next.pdf"
    monkeypatch.setattr(
        output_actions.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "")
    )
    today = opened.workspace.as_of
    seen: list[tuple[date, date]] = []

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportRangeDialog)
        dialog.set_preset(RangePreset.NEXT_3_MONTHS)
        seen.append(dialog.chosen_range())
        dialog.accept()

    QTimer.singleShot(0, choose)
    opened.export_pdf_action.trigger()
    assert seen == [(today, add_months(today, 3) - timedelta(days=1))]
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert format_date(today) in text
