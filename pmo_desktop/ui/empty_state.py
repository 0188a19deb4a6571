"""What the window shows when the database holds no portfolio yet: a way to start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

_TEXT_WIDTH = 560


class EmptyState(QWidget):
    """A short explanation and a "Create demo portfolio" button."""

    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("This database has no portfolio yet"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.text = QLabel(
            self.tr(
                "Explore PMO Desktop with a demo portfolio: programmes, projects with their "
                "schedules, resources, risks and status reports, all made up."
            )
        )
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_button = QPushButton(self.tr("Create demo portfolio"))
        self.demo_button.setDefault(True)
        self.demo_button.setMinimumHeight(34)
        self.demo_button.clicked.connect(self.demo_requested)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason.hide()

        column = QWidget()
        column.setFixedWidth(_TEXT_WIDTH)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.title)
        inner.addSpacing(8)
        inner.addWidget(self.text)
        inner.addSpacing(16)
        inner.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.reason)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)

    def set_demo_available(self, available: bool, reason: str = "") -> None:
        """Disable the button with the reason shown (read-only database, demo running…)."""
        self.demo_button.setEnabled(available)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason) and not available)
