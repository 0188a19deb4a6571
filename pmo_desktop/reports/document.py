"""The pack's document template: running header and footer, "Page x of y", PDF outline.

The total page count is only known after layout, so the document is built in passes
(reportlab's multiBuild): a zero-size indexing flowable keeps asking for another pass until
the total printed in the footers equals the real page count, as the contents page does for
its page numbers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from pmo_desktop.reports.components import Outline
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.markup import escape, fit_width, one_line
from pmo_desktop.reports.style import PackStyle

# Binary (Flate only) streams: reportlab's pure-Python ASCII85 encoder would spend seconds
# on each chart image of a large pack, for a PDF a third larger. Only the reports use reportlab.
rl_config.useA85 = 0
COVER_TEMPLATE = "cover"
BODY_TEMPLATE = "body"


@dataclass(frozen=True)
class RunningText:
    """What the header and footer print on every page."""

    title: str
    classification: str
    organisation: str
    as_of: date


class PageTotal(Flowable):
    """Zero-size indexing flowable: satisfied once footers print the real page total."""

    def __init__(self, document: PackDocument) -> None:
        super().__init__()
        self.document = document
        self.width = self.height = 0
        self._printed: int | None = None

    def isIndexing(self) -> int:  # noqa: N802 - reportlab's API
        return 1

    def isSatisfied(self) -> bool:  # noqa: N802
        return self._printed is not None and self._printed == self.document.page_total

    def beforeBuild(self) -> None:  # noqa: N802
        self._printed = self.document.page_total

    def afterBuild(self) -> None:  # noqa: N802
        self.document.page_total = self.document.page

    def notify(self, kind: str, stuff: object) -> None:
        """Contents entries are not this flowable's business."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        return None


def _skip_drawing(canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
    """Stand-in for Flowable.drawOn during the first layout pass."""


class PackDocument(BaseDocTemplate):
    """A4/A3/Letter pages with the pack's header, footer, bookmarks and contents entries."""

    def __init__(
        self,
        style: PackStyle,
        text: ReportText,
        running: RunningText,
        *,
        on_page: Callable[[int], None] | None = None,
        cover_decoration: Callable[[Canvas, PackStyle], None] | None = None,
    ) -> None:
        self.buffer = io.BytesIO()
        super().__init__(
            self.buffer,
            pagesize=style.page_size,
            leftMargin=style.margin,
            rightMargin=style.margin,
            topMargin=style.margin,
            bottomMargin=style.margin,
            title=one_line(running.title),
            author=one_line(running.organisation),
            subject=one_line(running.classification),
            creator="PMO Desktop",
            invariant=1,
        )
        self.pack_style = style
        self.text = text
        self.running = running
        self.page_total: int | None = None
        self._on_page = on_page
        self._cover_decoration = cover_decoration
        frame = Frame(
            style.margin,
            style.margin,
            style.frame_width,
            style.frame_height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates(
            [
                PageTemplate(COVER_TEMPLATE, [frame], onPage=self._draw_cover_page),
                PageTemplate(BODY_TEMPLATE, [frame], onPage=self._draw_body_page),
            ]
        )

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """Lay out the next flowable; during the first pass, which is never the last one
        (the page total is unknown), flowables are placed but not drawn: half the cost."""
        if self.page_total is not None or not flowables:
            super().handle_flowable(flowables)
            return
        flowable = flowables[0]
        flowable.drawOn = _skip_drawing
        try:
            super().handle_flowable(flowables)
        finally:
            flowable.__dict__.pop("drawOn", None)

    def page_total_marker(self) -> PageTotal:
        """The flowable to put in the story so that "Page x of y" is exact."""
        return PageTotal(self)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook
        outline: Outline | None = getattr(flowable, "outline", None)
        if outline is None:
            return
        canvas = self.canv
        canvas.bookmarkPage(outline.key)
        canvas.addOutlineEntry(one_line(outline.title), outline.key, outline.level, closed=True)
        if outline.in_contents:
            self.notify("TOCEntry", (outline.level, escape(outline.title), self.page, outline.key))

    def _draw_body_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        self._draw_header(canvas)
        self._draw_footer(canvas)
        if self._on_page is not None:
            self._on_page(self.page)

    def _draw_cover_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        if self._cover_decoration is not None:
            self._cover_decoration(canvas, self.pack_style)
        self._draw_footer(canvas)
        if self._on_page is not None:
            self._on_page(self.page)

    def _draw_header(self, canvas: Canvas) -> None:
        style = self.pack_style
        width, height = style.page_size
        size = style.small_size
        baseline = height - style.margin + size * 1.3
        right = self.text("Classification: {level}", level=one_line(self.running.classification))
        right = fit_width(right, style.bold_font, size, style.frame_width * 0.4)
        right_width = canvas.stringWidth(right, style.bold_font, size)
        left_room = style.frame_width - right_width - size * 2
        canvas.saveState()
        canvas.setFont(style.bold_font, size)
        canvas.setFillColor(style.primary)
        canvas.drawString(
            style.margin, baseline, fit_width(self.running.title, style.bold_font, size, left_room)
        )
        canvas.setFillColor(style.alert)
        canvas.drawRightString(width - style.margin, baseline, right)
        canvas.setStrokeColor(style.grid)
        canvas.setLineWidth(0.6)
        rule = height - style.margin + size * 0.6
        canvas.line(style.margin, rule, width - style.margin, rule)
        canvas.restoreState()

    def _draw_footer(self, canvas: Canvas) -> None:
        style = self.pack_style
        width = style.page_size[0]
        size = style.small_size
        baseline = style.margin - size * 2.2
        total = self.page_total if self.page_total is not None else self.page
        page = self.text("Page {page} of {total}", page=self.page, total=total)
        as_of = self.text("As of {date}", date=self.text.date(self.running.as_of))
        third = style.frame_width / 3
        canvas.saveState()
        canvas.setStrokeColor(style.grid)
        canvas.setLineWidth(0.6)
        rule = style.margin - size * 0.9
        canvas.line(style.margin, rule, width - style.margin, rule)
        canvas.setFont(style.font, size)
        canvas.setFillColor(style.muted)
        organisation = fit_width(self.running.organisation, style.font, size, third - size)
        canvas.drawString(style.margin, baseline, organisation)
        canvas.drawCentredString(width / 2, baseline, fit_width(as_of, style.font, size, third))
        canvas.setFont(style.bold_font, size)
        canvas.drawRightString(width - style.margin, baseline, page)
        canvas.restoreState()
