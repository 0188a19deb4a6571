"""The Gantt on paper, on the real rescheduled demo portfolio: a vector PDF whose pages split
the rows and the dates, repeat the ID/name columns and the header, and read back as text;
printing through QPrinter with the same renderer; the view's "Export as PDF…" action."""

from __future__ import annotations

import math
import shutil
import subprocess
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from pmo_desktop.errors import PmoError, ValidationError
from pmo_desktop.models import Project
from pmo_desktop.services.database import Database
from pmo_desktop.services.gantt import GanttData, gantt_data
from pmo_desktop.ui.gantt import output_actions
from pmo_desktop.ui.gantt.export import (
    GanttPages,
    GanttPrintOptions,
    print_gantt,
    write_gantt_pdf,
)
from pmo_desktop.ui.gantt.range_dialog import ExportRangeDialog, RangePreset
from pmo_desktop.ui.gantt.view import GanttView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

A4_LANDSCAPE = (842, 595)


def _largest(database: Database) -> GanttData:
    with database.session() as session:
        ids = [row[0] for row in session.query(Project.id).all()]
    return max((gantt_data(database, pid) for pid in ids), key=lambda data: len(data.tasks))


def _accept_range_dialog() -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ExportRangeDialog)
    assert dialog.preset() is RangePreset.WHOLE
    dialog.accept()


def _words(text: str) -> str:
    """pypdf separates words with tabs or newlines: compare on single spaces, ligatures undone."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pages_text(path: Path) -> list[str]:
    return [_words(page.extract_text()) for page in PdfReader(path).pages]


def test_long_project_splits_rows_and_dates_and_repeats_names(qtbot, demo, tmp_path) -> None:
    data = _largest(demo)
    assert len(data.tasks) > 100
    target = tmp_path / "gantt.pdf"
    options = GanttPrintOptions(paper="a4")
    count = write_gantt_pdf(data, target, options)
    plan = GanttPages(data, options)
    reader = PdfReader(target)
    assert len(reader.pages) == count == plan.page_count
    # A4 landscape holds 33 rows; a 16-month project does not fit one page's width readably.
    assert plan.rows_per_page == 33
    assert plan.row_blocks == math.ceil(len(data.tasks) / 33)
    assert plan.slices >= 2
    assert count == plan.row_blocks * plan.slices
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == A4_LANDSCAPE
    texts = _pages_text(target)
    for number, text in enumerate(texts):
        assert _words(data.name) in text and data.code in text
        assert f"Page {number + 1} of {count}" in text
        rows = plan.page_rows(number)
        block = number // plan.slices
        assert rows[0] is data.tasks[block * 33]
        for task in rows[:3]:
            assert f"{task.number} {_words(task.name)[:18]}" in text
    # Every slice of the same rows repeats their names; the last block holds the last task.
    assert texts[0].count(_words(data.tasks[1].name)) >= 1
    assert _words(data.tasks[1].name) in texts[1]
    assert _words(data.tasks[-1].name)[:18] in texts[-1]


def test_fixed_scale_and_chosen_dates_give_more_slices(qtbot, demo, tmp_path) -> None:
    data = _largest(demo)
    first = data.start.date()
    options = GanttPrintOptions(
        paper="a3", first=first, last=first + timedelta(days=199), points_per_day=10.0
    )
    plan = GanttPages(data, options)
    # A3 landscape: 1191 pt wide, chart = 1191 - 2×28 - 220 = 915 pt → 91 days a page.
    assert plan.days_per_slice == 91 and plan.slices == 3
    assert plan.page_dates(0) == (first, first + timedelta(days=90))
    assert plan.page_dates(2) == (first + timedelta(days=182), first + timedelta(days=199))
    target = tmp_path / "a3.pdf"
    assert write_gantt_pdf(data, target, options) == plan.page_count
    page = PdfReader(target).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1191, 842)


def test_visible_rows_only(qtbot, demo, tmp_path) -> None:
    data = _largest(demo)
    top_level = [task for task in data.tasks if task.outline_level == 1]
    target = tmp_path / "top.pdf"
    count = write_gantt_pdf(data, target, GanttPrintOptions(paper="letter"), top_level)
    plan = GanttPages(data, GanttPrintOptions(paper="letter"), top_level)
    assert plan.row_blocks == 1 and count == plan.slices
    text = _pages_text(target)[0]
    assert all(_words(task.name) in text for task in top_level)
    hidden = next(task for task in data.tasks if task.outline_level == 3)
    assert _words(hidden.name) not in text
    page = PdfReader(target).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (792, 612)


def test_bad_input_writes_nothing(qtbot, demo, tmp_path) -> None:
    data = _largest(demo)
    target = tmp_path / "bad.pdf"
    with pytest.raises(ValidationError):
        write_gantt_pdf(data, target, GanttPrintOptions(paper="a5"))
    first = data.start.date()
    with pytest.raises(ValidationError):
        write_gantt_pdf(data, target, GanttPrintOptions(first=first, last=first - timedelta(1)))
    with pytest.raises(PmoError):
        write_gantt_pdf(data, tmp_path / "missing" / "x.pdf")
    assert not target.exists() and not (tmp_path / "missing").exists()
    # A failed export leaves an earlier file untouched.
    target.write_bytes(b"earlier")
    with pytest.raises(ValidationError):
        write_gantt_pdf(data, target, GanttPrintOptions(paper="tabloid"))
    assert target.read_bytes() == b"earlier"


def test_printing_uses_the_same_pages(qtbot, demo, tmp_path) -> None:
    data = _largest(demo)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    count = print_gantt(printer, data)
    texts = _pages_text(tmp_path / "printed.pdf")
    assert len(texts) == count == GanttPages(data, GanttPrintOptions()).page_count
    assert _words(data.tasks[0].name) in texts[0] and f"Page 1 of {count}" in texts[0]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_page_renders_as_a_picture(qtbot, demo, tmp_path) -> None:
    data = _largest(demo)
    target = tmp_path / "render.pdf"
    write_gantt_pdf(data, target)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(target), str(tmp_path / "p")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    assert not image.isNull() and image.width() > image.height()
    # Bars are drawn in the chart area: some pixel there is the bar blue or critical red.
    coloured = 0
    for y in range(130, image.height() - 60, 4):
        for x in range(round(image.width() * 0.3), image.width() - 40, 4):
            colour = image.pixelColor(x, y)
            if colour.saturation() > 80:
                coloured += 1
    assert coloured > 20


def test_view_exports_the_visible_rows_on_the_preferred_paper(
    qtbot, demo, dialogs, tmp_path, monkeypatch
) -> None:
    QSettings().setValue("preferences/paper", "a3")
    pool = WorkPool()
    view = GanttView(Workspace(demo, dialogs=dialogs, pool=pool))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    try:
        data = _largest(demo)
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            view.show_project(data.project_id)
        QApplication.processEvents()
        assert view.export_pdf_action in view.actions_for_menu()
        assert view.print_action in view.actions_for_menu()
        view.table.collapse_to_level(1)
        shown = output_actions.visible_rows(view)
        assert [task.outline_level for task in shown] == [1] * len(shown)
        target = tmp_path / "chosen.pdf"
        # The operating system's file chooser is the one thing scripted here.
        monkeypatch.setattr(
            output_actions.QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "")
        )
        # The date range dialog comes first: accepted as offered (the whole project).
        QTimer.singleShot(0, _accept_range_dialog)
        view.export_pdf_action.trigger()
        reader = PdfReader(target)
        page = reader.pages[0]
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            1191,
            842,
        )
        text = _words(page.extract_text())
        assert all(_words(task.name) in text for task in shown)
        assert not dialogs.calls if hasattr(dialogs, "calls") else True
    finally:
        view.cancel_loading()
        pool.drain()
