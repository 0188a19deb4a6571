"""The organisation's look on the pack: two colour buttons and a logo picker with a preview.

The logo is read into bytes when chosen (PNG or JPEG, checked), so the build never reads
files and a template can carry it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pmo_desktop.ui.reports.choices import MAX_LOGO_BYTES, is_colour, is_image
from pmo_desktop.ui.reports.prompts import ReportPrompts

LOGO_PREVIEW = QSize(132, 52)


class ColourButton(QPushButton):
    """Shows a colour as a swatch and its hex code; a click opens the colour chooser."""

    colour_changed = Signal(str)

    def __init__(
        self, title: str, colour: str, prompts: ReportPrompts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._title = title
        self._prompts = prompts
        self._colour = ""
        self.setIconSize(QSize(40, 16))
        self.setFixedWidth(64)
        self.clicked.connect(self.choose)
        self.set_colour(colour)

    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        colour = colour.upper() if is_colour(colour) else self._colour or "#000000"
        if colour == self._colour:
            return
        self._colour = colour
        self.setToolTip(f"{self._title}: {colour}")
        self.setIcon(_swatch(colour, self.iconSize()))
        self.colour_changed.emit(colour)

    def choose(self) -> None:
        chosen = self._prompts.colour(self, self._title, self._colour)
        if chosen is not None:
            self.set_colour(chosen)


class LogoPicker(QWidget):
    """A logo thumbnail with Choose… and Remove; `error` says why a file was refused."""

    logo_changed = Signal()
    error = Signal(str)

    def __init__(self, prompts: ReportPrompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prompts = prompts
        self._logo: bytes | None = None
        self._directory = Path.home()
        self.preview = QLabel()
        self.preview.setFixedSize(LOGO_PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet("background: white; color: palette(placeholder-text);")
        self.choose_button = QPushButton(self.tr("C&hoose…"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(self.tr("R&emove"))
        self.remove_button.clicked.connect(lambda: self.set_logo(None))
        buttons = QVBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.set_logo(None)

    def logo(self) -> bytes | None:
        return self._logo

    def set_logo(self, data: bytes | None) -> None:
        image = QImage.fromData(data) if data else QImage()
        if data and image.isNull():
            data = None
        self._logo = data or None
        if self._logo is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No logo"))
        else:
            inner = LOGO_PREVIEW - QSize(8, 8)
            scaled = image.scaled(
                inner,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.preview.setPixmap(QPixmap.fromImage(scaled))
        self.remove_button.setEnabled(self._logo is not None)
        self.logo_changed.emit()

    def choose(self) -> None:
        path = self._prompts.open_image(self, self._directory)
        if path is None:
            return
        self._directory = path.parent
        self.load(path)

    def load(self, path: Path) -> bool:
        """Read `path` as the logo; False (and `error`) if it is not a usable PNG/JPEG."""
        try:
            size = path.stat().st_size
            if size > MAX_LOGO_BYTES:
                self.error.emit(
                    self.tr(
                        "{name} is too large for a logo ({size} MB; at most {limit} MB)."
                    ).format(
                        name=path.name,
                        size=round(size / 1048576, 1),
                        limit=MAX_LOGO_BYTES // 1048576,
                    )
                )
                return False
            data = path.read_bytes()
        except OSError as exc:
            self.error.emit(
                self.tr("Cannot read {name}: {reason}").format(
                    name=path.name, reason=exc.strerror or exc
                )
            )
            return False
        if not is_image(data) or QImage.fromData(data).isNull():
            self.error.emit(self.tr("{name} is not a PNG or JPEG picture.").format(name=path.name))
            return False
        self.set_logo(data)
        return True


def _swatch(colour: str, size: QSize) -> QIcon:
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setPen(QColor(colour).darker(150))
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(0, 0, size.width() - 1, size.height() - 1, 3, 3)
    finally:
        painter.end()
    return QIcon(pixmap)
