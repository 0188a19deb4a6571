"""Writing a grabbed view to a PNG file, whole or not at all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QSaveFile
from PySide6.QtGui import QPixmap

from pmo_desktop.errors import PmoError


def _tr(text: str) -> str:
    return QCoreApplication.translate("GanttExport", text)


def save_png(pixmap: QPixmap, path: Path) -> None:
    """Encode, then write through a QSaveFile: a failed write leaves no half file."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if pixmap.isNull() or not pixmap.save(buffer, "PNG"):
        raise PmoError(_tr("The picture could not be made."))
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise PmoError(
            _tr("Cannot write {path}: {error}").format(path=path, error=target.errorString())
        )
    target.write(buffer.data())
    if not target.commit():
        raise PmoError(
            _tr("Cannot write {path}: {error}").format(path=path, error=target.errorString())
        )
