"""The banner above the views: "Checked out by X on HOST since DATE" on a project someone
has out, or "Offline copy of project P from DB" in a checked-out copy.

It has the look of the read-only notice of a shared file (status bar: dark red, bold),
on a pale band with the lock icon, so that it is seen without being in the way.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from pmo_desktop.models import CheckoutState
from pmo_desktop.services.checkout import CheckoutInfo
from pmo_desktop.services.checkout_copies import CopyInfo
from pmo_desktop.ui.history.model import format_moment
from pmo_desktop.ui.icons import icon

translate = QCoreApplication.translate

#: A project another user has out: amber band (it can still be edited here).
OUT_STYLE = (
    "QFrame#checkoutBanner { background: #FFF4E5; border: 1px solid #F0B86E; border-radius: 4px; }"
    "QLabel { color: #7A3E00; }"
)
#: This file is an offline copy: blue band (informative).
COPY_STYLE = (
    "QFrame#checkoutBanner { background: #E8F1FB; border: 1px solid #8DB4E2; border-radius: 4px; }"
    "QLabel { color: #0D3C73; }"
)


def checked_out_text(info: CheckoutInfo, project_name: str = "") -> str:
    """The banner over a project that someone has checked out (shared database)."""
    project = f"{info.project_code} — {project_name}" if project_name else info.project_code
    return translate(
        "CheckoutBanner",
        "<b>{project} is checked out</b> by {user} on {host} since {when} to be edited "
        "offline. It can still be edited here, but a field changed both here and in their "
        "copy will be a conflict for them to decide at check-in.",
    ).format(
        project=escape(project),
        user=escape(info.checked_out_by or "?"),
        host=escape(info.host or "?"),
        when=format_moment(info.checked_out_at),
    )


def checked_out_note(info: CheckoutInfo) -> str:
    """The same in one plain sentence (the portfolio table's tooltip)."""
    return translate(
        "CheckoutBanner", "Checked out by {user} on {host} since {when} to be edited offline."
    ).format(
        user=info.checked_out_by or "?",
        host=info.host or "?",
        when=format_moment(info.checked_out_at),
    )


def stub_note(copy: CopyInfo) -> str:
    """The portfolio table's tooltip on another project of an offline copy."""
    return translate(
        "CheckoutBanner",
        "Not checked out: only its tasks linked to {code} are in this copy, read-only "
        "(changes to them are not checked in).",
    ).format(code=copy.project_code)


def copy_text(copy: CopyInfo) -> str:
    """The banner in an offline copy."""
    project = (
        f"{copy.project_code} — {copy.project_name}" if copy.project_name else copy.project_code
    )
    if copy.state is not CheckoutState.OPEN:
        when = format_moment(copy.returned_at) if copy.returned_at is not None else ""
        return translate(
            "CheckoutBanner",
            "<b>Offline copy of {project}, closed</b> on {when}: it was checked in or its "
            "check-out cancelled. Edits made here now go nowhere; open {source} to work on "
            "the project.",
        ).format(project=escape(project), when=when, source=escape(copy.source))
    return translate(
        "CheckoutBanner",
        "<b>Offline copy of {project}</b> from {source}, checked out on {when}. Edit it "
        "offline, then use File ▸ Check in… to apply your changes. Tasks of other projects "
        "linked to it are read-only copies: changes to them are not checked in.",
    ).format(
        project=escape(project),
        source=escape(copy.source),
        when=format_moment(copy.checked_out_at),
    )


class CheckoutBanner(QFrame):
    """A one-line (wrapping) band with an icon and a rich-text message; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutBanner")
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(QSize(20, 20))
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(10)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text_label, 1)
        self.hide()

    def text(self) -> str:
        """The message shown (rich text), "" when hidden."""
        return self.text_label.text() if not self.isHidden() else ""

    def show_checked_out(self, info: CheckoutInfo, project_name: str = "") -> None:
        self._show(checked_out_text(info, project_name), OUT_STYLE, "lock")

    def show_copy(self, copy: CopyInfo) -> None:
        self._show(copy_text(copy), COPY_STYLE, "info")

    def clear(self) -> None:
        self.text_label.clear()
        self.hide()

    def _show(self, text: str, style: str, icon_name: str) -> None:
        self.setStyleSheet(style)
        self.icon_label.setPixmap(icon(icon_name).pixmap(QSize(20, 20)))
        self.text_label.setText(text)
        self.show()
