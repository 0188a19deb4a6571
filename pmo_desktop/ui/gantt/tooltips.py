"""The text a planner reads when hovering a bar: dates, duration, progress, slack, baseline."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from pmo_desktop.services.gantt import GanttData, GanttTask
from pmo_desktop.ui.formatting import format_percent
from pmo_desktop.ui.itemmodels.task_tree import date_text, duration_text


def task_tooltip(task: GanttTask, data: GanttData) -> str:
    """Rich text: the task's name, then one line per figure it has."""
    per_day = data.minutes_per_day
    rows: list[tuple[str, str]] = [
        (QCoreApplication.translate("GanttChart", "Start"), date_text(task.start)),
        (QCoreApplication.translate("GanttChart", "Finish"), date_text(task.finish)),
        (
            QCoreApplication.translate("GanttChart", "Duration"),
            duration_text(task.duration_minutes, per_day),
        ),
        (
            QCoreApplication.translate("GanttChart", "Complete"),
            format_percent(task.percent_complete),
        ),
    ]
    if task.total_slack_minutes is not None:
        rows.append(
            (
                QCoreApplication.translate("GanttChart", "Total slack"),
                duration_text(task.total_slack_minutes, per_day),
            )
        )
    if task.free_slack_minutes is not None:
        rows.append(
            (
                QCoreApplication.translate("GanttChart", "Free slack"),
                duration_text(task.free_slack_minutes, per_day),
            )
        )
    if task.baseline_start is not None:
        rows.append(
            (
                QCoreApplication.translate("GanttChart", "Baseline"),
                f"{date_text(task.baseline_start)} – {date_text(task.baseline_finish)}",
            )
        )
    if task.finish_variance_minutes:
        rows.append(
            (
                QCoreApplication.translate("GanttChart", "Finish variance"),
                duration_text(task.finish_variance_minutes, per_day, signed=True),
            )
        )
    if task.deadline is not None:
        rows.append(
            (QCoreApplication.translate("GanttChart", "Deadline"), date_text(task.deadline))
        )
    if task.resources:
        rows.append(
            (QCoreApplication.translate("GanttChart", "Resources"), ", ".join(task.resources))
        )
    title = escape(f"{task.wbs}  {task.name}")
    if task.critical:
        critical = escape(QCoreApplication.translate("GanttChart", "critical"))
        title += f' <span style="color:#C62828">({critical})</span>'
    body = "".join(
        f"<tr><td>{escape(label)}&nbsp;&nbsp;</td><td>{escape(value)}</td></tr>"
        for label, value in rows
    )
    return f"<b>{title}</b><table>{body}</table>"
