"""The pack's pages on screen: a strip of thumbnails and a large view of the chosen page.

Thumbnails come with the build; the large page is drawn by pdfium in a worker when chosen,
sharp at the pane's size, so the GUI thread only scales and paints pictures.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.ui.reports.jobs import render_preview
from pmo_desktop.ui.reports.pages import PageImage
from pmo_desktop.ui.workers import Job, WorkPool

#: Height of a thumbnail in the strip (pixels); its width follows the page's shape.
THUMBNAIL_HEIGHT = 120
#: The large page is drawn at least this wide, so that it stays sharp when the pane grows.
MIN_PREVIEW_WIDTH = 1400
_BACKGROUND = QColor("#E9ECEF")


class PageView(QWidget):
    """One page, scaled to fit, centred on a grey desk with a thin shadow; or a message."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._message = ""
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def image(self) -> QImage:
        return self._image

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._message = ""
        self.update()

    def set_message(self, message: str) -> None:
        self._image = QImage()
        self._message = message
        self.update()

    def message(self) -> str:
        return self._message

    def page_rect(self) -> QRectF:
        """Where the page is painted (empty without a page)."""
        if self._image.isNull():
            return QRectF()
        area = QRectF(self.rect()).adjusted(16, 16, -16, -16)
        size = self._image.size().toSizeF().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = area.left() + (area.width() - size.width()) / 2
        top = area.top() + (area.height() - size.height()) / 2
        return QRectF(left, top, size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), _BACKGROUND)
            if self._image.isNull():
                painter.setPen(self.palette().placeholderText().color())
                painter.drawText(
                    self.rect().adjusted(24, 24, -24, -24),
                    int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                    self._message,
                )
                return
            target = self.page_rect()
            painter.fillRect(target.translated(3, 3), QColor(0, 0, 0, 40))
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._image)
            painter.setPen(QColor("#ADB5BD"))
            painter.drawRect(target)
        finally:
            painter.end()


class PreviewPane(QWidget):
    """Thumbnails of every page below the chosen page, large."""

    #: The large picture of page `number` is shown.
    page_shown = Signal(int)

    def __init__(self, pool: WorkPool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._path: Path | None = None
        self._job: Job | None = None
        self._cache: dict[int, QImage] = {}
        self.page = PageView()
        self.thumbnails = QListWidget()
        self.thumbnails.setViewMode(QListView.ViewMode.IconMode)
        self.thumbnails.setFlow(QListView.Flow.LeftToRight)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListView.Movement.Static)
        self.thumbnails.setResizeMode(QListView.ResizeMode.Adjust)
        self.thumbnails.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.thumbnails.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.thumbnails.setSpacing(6)
        self.thumbnails.setIconSize(QSize(THUMBNAIL_HEIGHT * 3 // 2, THUMBNAIL_HEIGHT))
        self.thumbnails.setFixedHeight(THUMBNAIL_HEIGHT + 58)
        self.thumbnails.setFrameShape(QFrame.Shape.NoFrame)
        self.thumbnails.setStyleSheet(
            f"QListWidget {{ background: {_BACKGROUND.name()}; }}"
            " QListWidget::item { padding: 3px; }"
            " QListWidget::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); border-radius: 3px; }"
        )
        self.thumbnails.currentRowChanged.connect(self._on_current_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.thumbnails)
        self.clear(self.tr("Build the pack to see its pages here."))

    @property
    def path(self) -> Path | None:
        return self._path

    def clear(self, message: str) -> None:
        self.cancel()
        self._path = None
        self._cache.clear()
        self.thumbnails.clear()
        self.thumbnails.setVisible(False)
        self.page.set_message(message)

    def set_pages(self, path: Path, thumbnails: Sequence[PageImage], page_count: int) -> None:
        """Show the thumbnails of the pack at `path` and its first page, large."""
        self.clear("")
        self._path = path
        for thumbnail in thumbnails:
            image = thumbnail.to_qimage()
            pixmap = QPixmap.fromImage(image)
            icon = QIcon(pixmap)
            icon.addPixmap(pixmap, QIcon.Mode.Selected)  # no tint: the frame shows the choice
            item = QListWidgetItem(icon, str(thumbnail.number))
            item.setData(Qt.ItemDataRole.UserRole, thumbnail.number)
            item.setToolTip(
                self.tr("Page {number} of {count}").format(
                    number=thumbnail.number, count=page_count
                )
            )
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.thumbnails.addItem(item)
        if thumbnails:
            first = thumbnails[0]
            height = THUMBNAIL_HEIGHT
            self.thumbnails.setIconSize(QSize(round(first.width * height / first.height), height))
        self.thumbnails.setVisible(bool(thumbnails))
        if thumbnails:
            self.thumbnails.setCurrentRow(0)
        else:
            self.page.set_message(self.tr("The pack was written; its previews were not drawn."))

    def current_page(self) -> int | None:
        item = self.thumbnails.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _on_current_row(self, row: int) -> None:
        number = self.current_page()
        if self._path is None or number is None:
            return
        cached = self._cache.get(number)
        if cached is not None:
            self.page.set_image(cached)
            self.page_shown.emit(number)
            return
        self.cancel()
        item = self.thumbnails.item(row)
        self.page.set_image(item.icon().pixmap(self.thumbnails.iconSize()).toImage())
        width = max(MIN_PREVIEW_WIDTH, round(self.page.width() * self.devicePixelRatioF()))
        job = self._pool.submit(render_preview, self._path, number, width)
        job.succeeded.connect(lambda image, job=job: self._on_rendered(job, image))
        job.failed.connect(lambda error, job=job: self._on_failed(job, error))
        self._job = job

    def _on_rendered(self, job: Job, page: object) -> None:
        if job is not self._job or not isinstance(page, PageImage):
            return
        self._job = None
        image = page.to_qimage()
        if len(self._cache) >= 4:
            self._cache.pop(next(iter(self._cache)))
        self._cache[page.number] = image
        if self.current_page() == page.number:
            self.page.set_image(image)
            self.page_shown.emit(page.number)

    def _on_failed(self, job: Job, error: object) -> None:
        if job is self._job:
            self._job = None
            self.page.set_message(self.tr("This page cannot be shown: {error}").format(error=error))
