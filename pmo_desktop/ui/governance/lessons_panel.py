"""Lessons learned matching a project being created or a gate being reviewed (issue 9 §6).

The lessons are read in the background (a large portfolio holds thousands); a serial
number drops the answer of an older request when the user has changed the template since.
The same lesson recorded by several projects shows once, with the projects it comes from.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from pmo_desktop.services.template_lessons import LessonMatch, group_lessons, matching_lessons
from pmo_desktop.ui.workers import ProgressToken
from pmo_desktop.ui.workspace import Workspace


def _find(
    token: ProgressToken,
    workspace: Workspace,
    portfolio_id: int,
    method: str,
    phase: str,
    words: Sequence[str],
) -> list[LessonMatch]:
    token.raise_if_cancelled()
    return matching_lessons(
        workspace.database, portfolio_id, method=method, phase=phase, words=words
    )


class LessonsPanel(QWidget):
    """A titled, read-only list of matching lessons: title, recommendation, origin."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._serial = 0
        self._pending = False
        self.matches: list[LessonMatch] = []
        self.title = QLabel(self.tr("Lessons learned"))
        self.title.setStyleSheet("font-weight: bold")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.browser)

    @property
    def loading(self) -> bool:
        return self._pending

    def search(
        self, portfolio_id: int, *, method: str, phase: str = "", words: Sequence[str] = ()
    ) -> None:
        """Look for lessons in the background; the list fills in when they arrive."""
        self._serial += 1
        serial = self._serial
        self._pending = True
        waiting = self.tr("Looking for lessons…")
        self.browser.setHtml(f"<p><i>{html.escape(waiting)}</i></p>")
        job = self.workspace.pool.submit(
            _find, self.workspace, portfolio_id, method, phase, list(words)
        )
        job.succeeded.connect(lambda found: self._show(serial, found))
        job.failed.connect(lambda _error: self._show(serial, []))

    def cancel(self) -> None:
        """Forget the pending search (its answer is dropped when it arrives)."""
        self._serial += 1
        self._pending = False

    def _show(self, serial: int, found: object) -> None:
        if serial != self._serial:
            return
        self._pending = False
        self.matches = list(found) if isinstance(found, list) else []
        grouped = group_lessons(self.matches)
        self.title.setText(self.tr("Lessons learned ({count})").format(count=len(grouped)))
        if not grouped:
            text = self.tr("No lesson of earlier projects matches yet.")
            self.browser.setHtml(f"<p><i>{html.escape(text)}</i></p>")
            return
        parts = []
        for group in grouped:
            origins = sorted({project or self.tr("Portfolio") for project in group.projects})
            tags = " · ".join(part for part in (group.category, group.phase) if part)
            origin = ", ".join(origins) + (f" — {tags}" if tags else "")
            parts.append(
                f"<p><b>{html.escape(group.title)}</b><br>{html.escape(group.recommendation)}<br>"
                f"<span style='color:#666'>{html.escape(origin)}</span></p>"
            )
        self.browser.setHtml("".join(parts))
