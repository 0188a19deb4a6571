"""Many QPainter calls from Python must not corrupt None's reference count.

PySide6 6.12.0 returned None from painter calls without a new reference: after a few
thousand calls CPython 3.11 aborts in none_dealloc. pyproject.toml excludes that version;
this test fails loudly (or crashes) on any build with the same bug.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

RECTANGLES = 100_000
GRABS = 3


class RectangleField(QWidget):
    """Paints a grid of small rectangles, one drawRect call each."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0
        self.resize(400, 250)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QColor("#3B73B9"))
        width = self.width()
        for number in range(RECTANGLES):
            x = (number * 4) % width
            y = (number * 4 // width) % self.height()
            painter.drawRect(QRect(x, y, 3, 3))
        painter.end()
        self.paints += 1


def test_many_painter_calls_do_not_crash(qtbot) -> None:
    widget = RectangleField()
    qtbot.addWidget(widget)
    none_references = sys.getrefcount(None)
    for _ in range(GRABS):
        image = widget.grab()
        assert not image.isNull()
    assert widget.paints == GRABS
    # A binding that loses one reference per call would be RECTANGLES × GRABS short.
    assert sys.getrefcount(None) > none_references - RECTANGLES
