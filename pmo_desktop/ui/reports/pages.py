"""Pictures of a PDF's pages for the previews: pdfium renders them in a worker thread.

A worker makes `PageImage`s (plain RGB bytes: no Qt object crosses the thread); the GUI
thread turns them into QImages. pdfium is not thread-safe, so one lock serialises its calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

from pmo_desktop.errors import PmoError

if TYPE_CHECKING:
    import pypdfium2 as pdfium

_PDFIUM = threading.Lock()
#: The widest picture a page is rendered to (pixels): enough for a sharp large preview.
MAX_WIDTH = 2400


@dataclass(frozen=True)
class PageImage:
    """Page `number` (from 1) as RGB888 pixels, `width` × `height`, rows packed."""

    number: int
    width: int
    height: int
    pixels: bytes

    def to_qimage(self) -> QImage:
        """A QImage owning a copy of the pixels (call it on the GUI thread)."""
        image = QImage(
            self.pixels, self.width, self.height, self.width * 3, QImage.Format.Format_RGB888
        )
        return image.copy()


def page_count(path: Path) -> int:
    with _open(path) as document, _PDFIUM:
        return len(document)


def render_pages(
    path: Path, width: int, *, stop: Callable[[int, int], bool] | None = None
) -> Iterator[PageImage]:
    """Each page of `path`, `width` pixels wide; `stop(done, total)` True ends early."""
    width = max(16, min(width, MAX_WIDTH))
    with _open(path) as document:
        with _PDFIUM:
            total = len(document)
        for index in range(total):
            if stop is not None and stop(index, total):
                return
            with _PDFIUM:
                image = _render(document, index, width)
            yield image


def render_page(path: Path, number: int, width: int) -> PageImage:
    """Page `number` (from 1) of `path`, `width` pixels wide."""
    width = max(16, min(width, MAX_WIDTH))
    with _open(path) as document, _PDFIUM:
        if not 1 <= number <= len(document):
            raise PmoError(f"{path.name} has no page {number}.")
        return _render(document, number - 1, width)


@contextmanager
def _open(path: Path) -> Iterator[pdfium.PdfDocument]:
    """A pdfium document, closed after use; a file pdfium cannot read becomes a PmoError.

    pdfium is imported here, in the worker, on first use: the dialog opens without it.
    """
    import pypdfium2 as pdfium

    try:
        with _PDFIUM:
            document = pdfium.PdfDocument(str(path))
    except (OSError, pdfium.PdfiumError) as exc:
        raise PmoError(f"Cannot read {path}: {exc}") from exc
    try:
        yield document
    finally:
        with _PDFIUM:
            document.close()


def _render(document: pdfium.PdfDocument, index: int, width: int) -> PageImage:
    page = document[index]
    try:
        page_width, _page_height = page.get_size()
        bitmap = page.render(scale=width / page_width, rev_byteorder=True)
        image = bitmap.to_pil().convert("RGB")
        return PageImage(index + 1, image.width, image.height, image.tobytes())
    finally:
        page.close()
