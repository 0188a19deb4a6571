"""The Gantt view's output and baseline commands: PNG and PDF export, printing, set baseline.

Each is a function of the view, called by its actions; the date range, file choosers and
questions go through dialogs here, the rendering through `ui/gantt/export.py` (PDF, print)
and `ui/gantt/picture.py` (PNG).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog, QFileDialog

from pmo_desktop.errors import PmoError
from pmo_desktop.services.baselines import set_baseline
from pmo_desktop.services.gantt import GanttTask
from pmo_desktop.ui.gantt.export import GanttPrintOptions, print_gantt_with_dialog, write_gantt_pdf
from pmo_desktop.ui.gantt.picture import save_png
from pmo_desktop.ui.gantt.range_dialog import ExportRangeDialog
from pmo_desktop.ui.preferences import Preferences

if TYPE_CHECKING:
    from pmo_desktop.ui.gantt.view import GanttView

translate = QCoreApplication.translate


def visible_rows(view: GanttView) -> list[GanttTask]:
    """The rows the view shows, in its order (collapsed and filtered-out rows left out)."""
    return [view.model.task_at(position) for position in view.table.rows]


def _preferred_paper() -> str:
    return Preferences.load(QSettings()).paper


def project_span(view: GanttView) -> tuple[date, date]:
    """The project's first and last day (today and 90 days on when it has no dates)."""
    data = view.model.gantt
    start = data.start.date() if data and data.start else date.today()
    finish = data.finish.date() if data and data.finish else start
    return start, max(start, finish)


def choose_range(view: GanttView, title: str) -> tuple[date, date] | None:
    """The export's dates (presets: whole project, visible range, next 3 months)."""
    dialog = ExportRangeDialog(
        project_span(view), view.chart.visible_dates(), view.workspace.as_of, title, view
    )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen_range()
    finally:
        dialog.deleteLater()


def export_png(
    view: GanttView, path: Path, first: date | None = None, last: date | None = None
) -> tuple[date, date]:
    """The table and the chart as a picture, the chart zoomed to `first`..`last` for the
    picture only (default: as shown); returns the dates the picture shows."""
    chart = view.chart
    pixels, offset = chart.pixels_per_day, chart.horizontalScrollBar().value()
    try:
        if first is not None and last is not None:
            chart.show_dates(first, last)
        shown = chart.visible_dates()
        save_png(view.splitter.grab(), path)
    finally:
        if first is not None and last is not None:
            chart.set_pixels_per_day(pixels)
            chart.horizontalScrollBar().setValue(offset)
    return shown


def export_png_chosen(view: GanttView) -> None:
    """The view's "Export as picture…": the dates, then a file chooser."""
    data = view.model.gantt
    if data is None:
        return
    dates = choose_range(view, translate("GanttExport", "Export the Gantt chart"))
    if dates is None:
        return
    name, _ = QFileDialog.getSaveFileName(
        view, translate("GanttExport", "Export the Gantt chart"), f"{data.code} Gantt.png",
        translate("GanttExport", "PNG pictures (*.png)"),
    )  # fmt: skip
    if not name:
        return
    try:
        export_png(view, Path(name), *dates)
    except PmoError as exc:
        view.workspace.dialogs.critical(view, translate("GanttExport", "Export failed"), str(exc))


def export_pdf(view: GanttView, path: Path, first: date, last: date) -> int:
    """The visible rows over `first`..`last` on the preferred paper; returns the page count."""
    data = view.model.gantt
    if data is None:
        return 0
    options = GanttPrintOptions(paper=_preferred_paper(), first=first, last=last)
    return write_gantt_pdf(data, path, options, visible_rows(view))


def export_pdf_chosen(view: GanttView) -> None:
    """The view's "Export as PDF…": the dates, a file chooser, then the visible rows."""
    data = view.model.gantt
    if data is None:
        return
    dates = choose_range(view, translate("GanttExport", "Export the Gantt chart as PDF"))
    if dates is None:
        return
    name, _ = QFileDialog.getSaveFileName(
        view, translate("GanttExport", "Export the Gantt chart as PDF"), f"{data.code} Gantt.pdf",
        translate("GanttExport", "PDF documents (*.pdf)"),
    )  # fmt: skip
    if not name:
        return
    try:
        export_pdf(view, Path(name), *dates)
    except PmoError as exc:
        view.workspace.dialogs.critical(view, translate("GanttExport", "Export failed"), str(exc))


def print_chosen(view: GanttView) -> None:
    """The view's "Print…": the dates, the system print dialog, then the visible rows."""
    data = view.model.gantt
    if data is None:
        return
    dates = choose_range(view, translate("GanttExport", "Print the Gantt chart"))
    if dates is None:
        return
    options = GanttPrintOptions(paper=_preferred_paper(), first=dates[0], last=dates[1])
    try:
        print_gantt_with_dialog(view, data, options, visible_rows(view))
    except PmoError as exc:
        view.workspace.dialogs.critical(view, translate("GanttExport", "Printing failed"), str(exc))


def set_baseline_chosen(view: GanttView) -> bool:
    """The view's "Set baseline…": which baseline, for the project or the selected tasks."""
    data = view.model.gantt
    if data is None or view.project_id is None:
        return False
    selected = view.table.selected_task_ids()
    choice = view.workspace.dialogs.choose_baseline(view, bool(selected))
    if choice is None:
        return False
    number, selected_only = choice
    try:
        command = set_baseline(
            view.workspace.database,
            view.project_id,
            number,
            task_ids=selected if selected_only else None,
            text=translate("GanttView", "Set baseline"),
        )
    except PmoError as exc:
        view.workspace.dialogs.critical(view, translate("GanttView", "Change not saved"), str(exc))
        return False
    return view.workspace.execute(command)
