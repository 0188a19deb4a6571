"""The Gantt view's output and baseline commands: PDF export, printing, set baseline.

Each is a function of the view, called by its actions; file choosers and questions go
through Qt's dialogs here, the rendering through `ui/gantt/export.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QFileDialog

from pmo_desktop.errors import PmoError
from pmo_desktop.services.baselines import set_baseline
from pmo_desktop.services.gantt import GanttTask
from pmo_desktop.ui.gantt.export import GanttPrintOptions, print_gantt_with_dialog, write_gantt_pdf
from pmo_desktop.ui.preferences import Preferences

if TYPE_CHECKING:
    from pmo_desktop.ui.gantt.view import GanttView

translate = QCoreApplication.translate


def visible_rows(view: GanttView) -> list[GanttTask]:
    """The rows the view shows, in its order (collapsed and filtered-out rows left out)."""
    return [view.model.task_at(position) for position in view.table.rows]


def _preferred_paper() -> str:
    return Preferences.load(QSettings()).paper


def export_pdf_chosen(view: GanttView) -> None:
    """The view's "Export as PDF…": a file chooser, then the visible rows on the chosen paper."""
    data = view.model.gantt
    if data is None:
        return
    name, _ = QFileDialog.getSaveFileName(
        view, translate("GanttExport", "Export the Gantt chart as PDF"), f"{data.code} Gantt.pdf",
        translate("GanttExport", "PDF documents (*.pdf)"),
    )  # fmt: skip
    if not name:
        return
    try:
        write_gantt_pdf(
            data, Path(name), GanttPrintOptions(paper=_preferred_paper()), visible_rows(view)
        )
    except PmoError as exc:
        view.workspace.dialogs.critical(view, translate("GanttExport", "Export failed"), str(exc))


def print_chosen(view: GanttView) -> None:
    """The view's "Print…": the system print dialog, then the visible rows."""
    data = view.model.gantt
    if data is None:
        return
    try:
        print_gantt_with_dialog(
            view, data, GanttPrintOptions(paper=_preferred_paper()), visible_rows(view)
        )
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
