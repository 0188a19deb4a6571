"""The text a planner reads when hovering a bar: dates, duration, progress, slack, baseline."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from pmo_desktop.services.gantt import GanttData, GanttTask
from pmo_desktop.ui.formatting import format_percent
from pmo_desktop.ui.itemmodels.task_tree import date_text, duration_text

_CONTEXT = "GanttChart"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def task_tooltip(task: GanttTask, data: GanttData) -> str:
    """Rich text: the task's name, then one line per figure it has."""
    per_day = data.minutes_per_day
    rows: list[tuple[str, str]] = [
        (_tr("Start"), date_text(task.start)),
        (_tr("Finish"), date_text(task.finish)),
        (_tr("Duration"), duration_text(task.duration_minutes, per_day)),
        (_tr("Complete"), format_percent(task.percent_complete)),
    ]
    if task.total_slack_minutes is not None:
        rows.append((_tr("Total slack"), duration_text(task.total_slack_minutes, per_day)))
    if task.free_slack_minutes is not None:
        rows.append((_tr("Free slack"), duration_text(task.free_slack_minutes, per_day)))
    if task.baseline_start is not None:
        rows.append(
            (
                _tr("Baseline"),
                f"{date_text(task.baseline_start)} – {date_text(task.baseline_finish)}",
            )
        )
    if task.finish_variance_minutes:
        rows.append(
            (
                _tr("Finish variance"),
                duration_text(task.finish_variance_minutes, per_day, signed=True),
            )
        )
    if task.deadline is not None:
        rows.append((_tr("Deadline"), date_text(task.deadline)))
    if task.resources:
        rows.append((_tr("Resources"), ", ".join(task.resources)))
    title = escape(f"{task.wbs}  {task.name}")
    if task.critical:
        title += f' <span style="color:#C62828">({escape(_tr("critical"))})</span>'
    body = "".join(
        f"<tr><td>{escape(label)}&nbsp;&nbsp;</td><td>{escape(value)}</td></tr>"
        for label, value in rows
    )
    return f"<b>{title}</b><table>{body}</table>"
