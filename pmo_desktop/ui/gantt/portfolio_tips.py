"""What the portfolio Gantt says about a project beside and over its bar: slip and tooltip."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from pmo_desktop.services.portfolio_gantt import PortfolioGanttProject
from pmo_desktop.ui.formatting import format_date, format_percent, rag_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("PortfolioGanttChart", text)


def slip_days(project: PortfolioGanttProject) -> int | None:
    """Calendar days between the finish and the baseline finish (None without a baseline)."""
    if project.finish is None or project.baseline_finish is None:
        return None
    return (project.finish.date() - project.baseline_finish.date()).days


def slip_text(project: PortfolioGanttProject) -> str:
    """ "+23 d late" / "4 d early" / "" (on time or no baseline)."""
    days = slip_days(project)
    if not days:
        return ""
    if days > 0:
        return _tr("{days} d late").format(days=days)
    return _tr("{days} d early").format(days=-days)


def project_tooltip(project: PortfolioGanttProject) -> str:
    """Rich text: the project's name, then its dates, progress, RAG and baseline."""
    rows = [
        (_tr("Start"), format_date(project.start.date()) if project.start else "—"),
        (_tr("Finish"), format_date(project.finish.date()) if project.finish else "—"),
        (_tr("Complete"), format_percent(project.percent_complete)),
        (_tr("Overall RAG"), rag_label(project.rag)),
    ]
    if project.baseline_finish is not None:
        rows.append((_tr("Baseline finish"), format_date(project.baseline_finish.date())))
        slip = slip_text(project)
        if slip:
            rows.append((_tr("Slip"), slip))
    if project.manager:
        rows.append((_tr("Manager"), project.manager))
    rows.append((_tr("Critical tasks"), str(project.critical_count)))
    body = "".join(
        f"<tr><td>{escape(name)}&nbsp;&nbsp;</td><td>{escape(value)}</td></tr>"
        for name, value in rows
    )
    title = escape(f"{project.code}  {project.name}")
    hint = escape(_tr("Double-click to open its Gantt"))
    return f"<b>{title}</b><table>{body}</table><i>{hint}</i>"
