"""The first-run welcome: open the demo, create a database, connect to a server, or reopen one.

`WelcomePage` is a widget (for a central area or a stacked page) that only emits signals;
`WelcomeDialog` wraps it and records which one the user picked in `choice`.
"""

from __future__ import annotations

import enum
import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.ui.recent import RecentDatabases

_LOCATION_ROLE = Qt.ItemDataRole.UserRole


class WelcomeAction(enum.Enum):
    DEMO = "demo"
    NEW_DATABASE = "new"
    CONNECT = "connect"
    OPEN_FILE = "open-file"
    OPEN_RECENT = "open-recent"


@dataclass(frozen=True)
class WelcomeChoice:
    """What the user picked; `location` is set for OPEN_RECENT only."""

    action: WelcomeAction
    location: str | None = None


class WelcomePage(QWidget):
    """Three big buttons, a smaller "Open a file…", and the recent databases."""

    demo_requested = Signal()
    new_database_requested = Signal()
    connect_requested = Signal()
    open_file_requested = Signal()
    open_requested = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, recent: RecentDatabases | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.recent = recent or RecentDatabases()
        style = self.style()

        title = QLabel(self.tr("Welcome to PMO Desktop"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        subtitle = QLabel(
            self.tr(
                "Portfolio dashboards, Gantt charts, resources, risks and board packs. "
                "How would you like to start?"
            )
        )
        subtitle.setWordWrap(True)

        self.demo_button = self._big_button(
            self.tr("Open the &demo portfolio"),
            self.tr("A realistic sample portfolio to explore every view"),
            style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
        )
        self.new_button = self._big_button(
            self.tr("Create a &new database…"),
            self.tr("An empty database file for your own portfolio"),
            style.standardIcon(QStyle.StandardPixmap.SP_FileIcon),
        )
        self.connect_button = self._big_button(
            self.tr("&Connect to a server…"),
            self.tr("Work with your team on a PostgreSQL server"),
            style.standardIcon(QStyle.StandardPixmap.SP_DriveNetIcon),
        )
        self.demo_button.clicked.connect(self.demo_requested)
        self.new_button.clicked.connect(self.new_database_requested)
        self.connect_button.clicked.connect(self.connect_requested)
        big_buttons = QHBoxLayout()
        big_buttons.setSpacing(12)
        for button in (self.demo_button, self.new_button, self.connect_button):
            big_buttons.addWidget(button, 1)

        self.open_file_button = QPushButton(self.tr("&Open a database file…"))
        self.open_file_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon))
        self.open_file_button.clicked.connect(self.open_file_requested)
        self.recent_label = QLabel(self.tr("&Recent databases"))
        font = self.recent_label.font()
        font.setBold(True)
        self.recent_label.setFont(font)
        self.recent_list = QTreeWidget()
        self.recent_list.setColumnCount(2)
        self.recent_list.setHeaderLabels([self.tr("Name"), self.tr("Location")])
        self.recent_list.setRootIsDecorated(False)
        self.recent_list.setUniformRowHeights(True)
        self.recent_list.setAlternatingRowColors(True)
        self.recent_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent_list.header().setStretchLastSection(True)
        self.recent_list.itemActivated.connect(self._on_item_activated)
        self.recent_label.setBuddy(self.recent_list)
        self.empty_label = QLabel(self.tr("No database opened yet."))
        self.empty_label.setStyleSheet("color: palette(placeholder-text);")
        recent_header = QHBoxLayout()
        recent_header.addWidget(self.recent_label)
        recent_header.addStretch(1)
        recent_header.addWidget(self.open_file_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(16)
        layout.addLayout(big_buttons)
        layout.addSpacing(16)
        layout.addLayout(recent_header)
        layout.addWidget(self.recent_list, 1)
        layout.addWidget(self.empty_label, 1, Qt.AlignmentFlag.AlignTop)
        self.setTabOrder(self.demo_button, self.new_button)
        self.setTabOrder(self.new_button, self.connect_button)
        self.setTabOrder(self.connect_button, self.open_file_button)
        self.setTabOrder(self.open_file_button, self.recent_list)
        self.refresh()

    def _big_button(self, text: str, description: str, icon: QIcon) -> QPushButton:
        """A tall button: icon, title (with its mnemonic) and a wrapped description."""
        button = QPushButton()
        button.setAccessibleName(text.replace("&&", "\0").replace("&", "").replace("\0", "&"))
        button.setAccessibleDescription(description)
        button.setToolTip(description)
        button.setShortcut(QKeySequence.mnemonic(text))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setMinimumSize(200, 128)
        icon_label = QLabel()
        icon_label.setPixmap(icon.pixmap(40, 40))
        icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(_with_underlined_mnemonic(text))
        title.setTextFormat(Qt.TextFormat.RichText)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        detail = QLabel(description)
        detail.setWordWrap(True)
        detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for label in (icon_label, title, detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        inner = QVBoxLayout(button)
        inner.setContentsMargins(10, 12, 10, 12)
        inner.setSpacing(4)
        inner.addWidget(icon_label)
        inner.addWidget(title)
        inner.addWidget(detail, 1)
        return button

    @Slot()
    def refresh(self) -> None:
        """Reload the recent list from the settings (missing files shown disabled)."""
        self.recent_list.clear()
        entries = self.recent.entries()
        for entry in entries:
            name = entry.name
            if not entry.available:
                name = self.tr("{name} (missing)").format(name=name)
            item = QTreeWidgetItem([name, entry.detail])
            item.setData(0, _LOCATION_ROLE, entry.location)
            item.setToolTip(0, entry.location)
            item.setToolTip(1, entry.location)
            item.setIcon(0, self.style().standardIcon(
                QStyle.StandardPixmap.SP_FileIcon if entry.is_file
                else QStyle.StandardPixmap.SP_DriveNetIcon))  # fmt: skip
            if not entry.available:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent_list.addTopLevelItem(item)
        self.recent_list.resizeColumnToContents(0)
        self.recent_list.setColumnWidth(0, min(self.recent_list.columnWidth(0) + 16, 320))
        if entries:
            self.recent_list.setCurrentItem(self.recent_list.topLevelItem(0))
        self.recent_list.setVisible(bool(entries))
        self.empty_label.setVisible(not entries)

    def recent_locations(self) -> list[str]:
        return [
            str(self.recent_list.topLevelItem(row).data(0, _LOCATION_ROLE))
            for row in range(self.recent_list.topLevelItemCount())
        ]

    def activate_recent(self, row: int) -> None:
        """Open the `row`-th recent entry, as a double-click or Enter would."""
        self._on_item_activated(self.recent_list.topLevelItem(row))

    def _on_item_activated(self, item: QTreeWidgetItem | None, _column: int = 0) -> None:
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.open_requested.emit(str(item.data(0, _LOCATION_ROLE)))


class WelcomeDialog(QDialog):
    """The welcome page in a dialog; `choice` says what the user picked (None: closed)."""

    def __init__(
        self, parent: QWidget | None = None, *, recent: RecentDatabases | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to PMO Desktop"))
        self.choice: WelcomeChoice | None = None
        self.page = WelcomePage(self, recent=recent)
        page = self.page
        page.demo_requested.connect(lambda: self._choose(WelcomeAction.DEMO))
        page.new_database_requested.connect(lambda: self._choose(WelcomeAction.NEW_DATABASE))
        page.connect_requested.connect(lambda: self._choose(WelcomeAction.CONNECT))
        page.open_file_requested.connect(lambda: self._choose(WelcomeAction.OPEN_FILE))
        page.open_requested.connect(
            lambda location: self._choose(WelcomeAction.OPEN_RECENT, location)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("&Skip"))
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 12)
        layout.addWidget(page, 1)
        layout.addWidget(buttons)
        self.resize(760, 520)
        page.demo_button.setFocus()

    def _choose(self, action: WelcomeAction, location: str | None = None) -> None:
        self.choice = WelcomeChoice(action, location)
        self.accept()


def _with_underlined_mnemonic(text: str) -> str:
    """Rich text of a "&File"-style label, its mnemonic letter underlined as on buttons."""
    parts = html.escape(text).split("&amp;&amp;")
    shown = []
    for part in parts:
        index = part.find("&amp;")
        if 0 <= index < len(part) - 5:
            part = f"{part[:index]}<u>{part[index + 5]}</u>{part[index + 6 :]}"
        shown.append(part)
    return "&amp;".join(shown)
