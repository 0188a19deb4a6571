"""Building blocks shared by the pack's pages: headings with bookmarks, RAG chips, tables.

Every table goes through `data_table` so that all tables of the pack share one look:
primary-coloured header repeated on each page, thin grid, zebra rows, the same paddings.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from PIL import Image as PilImage
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import KeepTogether

from pmo_desktop.errors import ValidationError
from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.data import Trend
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.markup import escape, fit_width
from pmo_desktop.reports.style import PackStyle, paragraph_styles

T = TypeVar("T")

#: Largest logo accepted, in pixels (a decompression bomb must not exhaust memory).
MAX_LOGO_PIXELS = 16_000_000
Cell = Flowable | str


@dataclass(frozen=True)
class Outline:
    """Where a flowable sits in the PDF outline and the contents page."""

    key: str
    title: str
    level: int
    in_contents: bool = True


class Heading(Paragraph):
    """A heading paragraph that registers a bookmark (and a contents entry) when drawn."""

    def __init__(self, markup: str, style: object, outline: Outline | None = None) -> None:
        super().__init__(markup, style)
        self.outline = outline


class Anchor(Flowable):
    """An invisible flowable carrying an outline entry (e.g. a project's bookmark)."""

    def __init__(self, outline: Outline) -> None:
        super().__init__()
        self.outline = outline
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        return None


class Deferred(Flowable):
    """A flowable of known size made only when drawn, then dropped: a 200-project pack must
    not hold 200 chart rasters in memory, and layout passes that do not draw never make it."""

    def __init__(self, make: Callable[[], Flowable], width: float, height: float) -> None:
        super().__init__()
        self.make = make
        self.width = width
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (self.width, self.height)

    def draw(self) -> None:
        flowable = self.make()
        flowable.wrapOn(self.canv, self.width, self.height)
        flowable.drawOn(self.canv, 0, 0)


def hex_of(colour: Color) -> str:
    """ "#RRGGBB" of a reportlab colour, for Paragraph font tags."""
    return "#" + colour.hexval()[2:].upper()


class Chip(Flowable):
    """A rounded RAG chip: a filled box with a centred label (and an optional caption above)."""

    def __init__(
        self,
        rag: Rag | None,
        label: str,
        style: PackStyle,
        *,
        width: float,
        height: float,
        font_size: float | None = None,
        caption: str = "",
    ) -> None:
        super().__init__()
        self.rag = rag
        self.label = label
        self.style = style
        self.width = width
        self.box_height = height
        self.font_size = font_size or style.base_size
        self.caption = caption
        self.caption_size = style.small_size
        self.height = height + (self.caption_size * 1.5 if caption else 0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (self.width, self.height)

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        canvas.saveState()
        canvas.setFillColor(style.rag_colour(self.rag))
        canvas.setStrokeColor(style.rag_colour(self.rag))
        canvas.roundRect(0, 0, self.width, self.box_height, min(4, self.box_height / 4), 1, 1)
        canvas.setFillColor(style.rag_text_colour(self.rag))
        canvas.setFont(style.bold_font, self.font_size)
        label = fit_width(self.label, style.bold_font, self.font_size, self.width - 6)
        baseline = (self.box_height - self.font_size * 0.72) / 2
        canvas.drawCentredString(self.width / 2, baseline, label)
        if self.caption:
            canvas.setFillColor(style.muted)
            canvas.setFont(style.font, self.caption_size)
            caption = fit_width(self.caption, style.font, self.caption_size, self.width)
            canvas.drawCentredString(
                self.width / 2, self.box_height + self.caption_size * 0.45, caption
            )
        canvas.restoreState()


class RotatedLabel(Flowable):
    """A header label written bottom-to-top, for narrow rating columns."""

    def __init__(self, label: str, style: PackStyle, size: float, height: float) -> None:
        super().__init__()
        self.label = label
        self.style = style
        self.size = size
        self.width = size * 1.3
        self.height = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (self.width, self.height)

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.white)
        canvas.setFont(self.style.bold_font, self.size)
        canvas.rotate(90)
        label = fit_width(self.label, self.style.bold_font, self.size, self.height)
        canvas.drawString(0, -self.size * 0.95, label)
        canvas.restoreState()


def rag_label(text: ReportText, rag: Rag | None, trend: Trend | None = None) -> str:
    """ "Amber ▲" — the rating's word and, when known, its trend arrow."""
    label = text.rag(rag)
    return f"{label} {text.trend_arrow(trend)}" if trend is not None else label


def rag_letter(text: ReportText, rag: Rag | None) -> str:
    """The first letter of the translated rating ("R", "A", "G" / "R", "O", "V"); "–" unrated."""
    return text.rag(rag)[:1] if rag is not None else "–"


def data_table(
    header: Sequence[Cell],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    style: PackStyle,
    *,
    extra: Sequence[tuple] = (),
    zebra: bool = True,
    header_rows: int = 1,
    align: str = "",
) -> Table:
    """A pack table: header repeated on every page, thin grid, zebra rows, cells on top.

    Cells are Paragraphs for user text (wrapped) and plain strings for our own short values
    (dates, amounts, ratings): strings cost nothing to lay out; `align` gives each column's
    "l", "r" or "c" alignment of those strings.
    """
    data = [list(header), *[list(row) for row in rows]]
    pad = style.base_size * 0.4
    commands: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), style.primary),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("FONTNAME", (0, 0), (-1, -1), style.font),
        ("FONTSIZE", (0, 0), (-1, -1), style.table_size),
        ("LEADING", (0, 0), (-1, -1), style.table_size * 1.25),
        ("TEXTCOLOR", (0, header_rows), (-1, -1), style.text_colour),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.75),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LINEBELOW", (0, header_rows - 1), (-1, -1), 0.4, style.grid),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, style.primary),
    ]
    names = {"l": "LEFT", "r": "RIGHT", "c": "CENTER"}
    commands += [
        ("ALIGN", (column, header_rows), (column, -1), names[code])
        for column, code in enumerate(align)
        if code in names
    ]
    if zebra:
        for index in range(header_rows, len(data)):
            if (index - header_rows) % 2 == 1:
                commands.append(("BACKGROUND", (0, index), (-1, index), style.shade))
    commands.extend(extra)
    table = Table(data, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def header_cells(text_labels: Sequence[str], style: PackStyle, align: Sequence[str] = ()) -> list:
    """Header paragraphs (escaped) aligned "l", "r" or "c" per column."""
    styles = paragraph_styles(style)
    by_align = {
        "l": styles.cell_header,
        "r": styles.cell_header_right,
        "c": styles.cell_header_centre,
    }
    return [
        Paragraph(escape(label), by_align[align[index] if index < len(align) else "l"])
        for index, label in enumerate(text_labels)
    ]


def rag_fill(column: int, row: int, rag: Rag | None, style: PackStyle) -> list[tuple]:
    """Table commands colouring one cell by its rating, with a bold centred label."""
    cell = (column, row)
    return [
        ("BACKGROUND", cell, cell, style.rag_colour(rag)),
        ("TEXTCOLOR", cell, cell, style.rag_text_colour(rag)),
        ("FONTNAME", cell, cell, style.bold_font),
        ("ALIGN", cell, cell, "CENTER"),
    ]


def rag_cell(
    text: ReportText,
    rag: Rag | None,
    *,
    trend: Trend | None = None,
    short: bool = False,
) -> str:
    """The label of a cell coloured with `rag_fill`: "Amber ▲", or "A ▲" when short."""
    label = rag_letter(text, rag) if short else text.rag(rag)
    return f"{label} {text.trend_arrow(trend)}" if trend is not None else label


def emphasis(column: int, row: int, style: PackStyle, colour: Color | None = None) -> list[tuple]:
    """Table commands making a plain-text cell bold (and coloured)."""
    cell = (column, row)
    commands: list[tuple] = [("FONTNAME", cell, cell, style.bold_font)]
    if colour is not None:
        commands.append(("TEXTCOLOR", cell, cell, colour))
    return commands


def fitted_width(values: Sequence[str], style: PackStyle, *, bold_font: bool = False) -> float:
    """The width of a column that shows each of `values` on one line (header words too)."""
    font = style.bold_font if bold_font else style.font
    widest = max((stringWidth(value, font, style.table_size) for value in values), default=0.0)
    return widest + style.base_size * 0.8 + 1


def header_words(labels: Sequence[str]) -> list[str]:
    """The words of header labels: a column must be at least as wide as its longest word."""
    return [word for label in labels for word in label.split()]


def column_widths(
    width: float,
    labels: Sequence[str],
    rows: Sequence[Sequence[object]],
    shares: Mapping[int, float],
    style: PackStyle,
    *,
    fit: Mapping[int, Sequence[str]] | None = None,
    fit_cap: float = 0.2,
) -> list[float]:
    """Column widths: columns of plain strings fit their widest value (and header words);
    the columns in `fit` (short wrapped texts such as codes and names) fit their values up to
    `fit_cap` of the width; the columns in `shares` (long user text) split the rest."""
    minimum = [fitted_width(header_words([label]), style, bold_font=True) for label in labels]
    widths = list(minimum)
    fit = fit or {}
    for column in range(len(labels)):
        if column in shares:
            continue
        if column in fit:
            fitted = fitted_width(list(fit[column]), style)
            widths[column] = max(minimum[column], min(fitted, width * fit_cap))
            continue
        values = [str(row[column]) for row in rows if isinstance(row[column], str)]
        widths[column] = max(minimum[column], fitted_width(values, style, bold_font=True))
    rest = width - sum(widths[column] for column in range(len(labels)) if column not in shares)
    total = sum(shares.values()) or 1.0
    for column, share in shares.items():
        widths[column] = max(minimum[column], rest * share / total)
    return widths


def note_box(markup: str, style: PackStyle, *, colour: Color | None = None) -> Table:
    """A highlighted note (e.g. what a project lacks): a coloured bar and shaded text."""
    paragraph = Paragraph(markup, paragraph_styles(style).body)
    bar = colour or style.rag_colour(Rag.AMBER)
    table = Table([[paragraph]], colWidths=[style.frame_width], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF8E5")),
                ("LINEBEFORE", (0, 0), (0, -1), 3, bar),
                ("LEFTPADDING", (0, 0), (-1, -1), style.base_size),
                ("TOPPADDING", (0, 0), (-1, -1), style.base_size * 0.4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), style.base_size * 0.2),
            ]
        )
    )
    return table


def measure(flowables: Sequence[Flowable], width: float, max_height: float) -> float:
    """The height the flowables take stacked in a column `width` points wide."""
    total = 0.0
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            total += measure(flowable._content, width, max_height)
            continue
        _, used = flowable.wrapOn(_measuring_canvas(), width, max_height)
        total += used + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def first_fitting(
    candidates: Sequence[T],
    build: Callable[[T], list[Flowable]],
    width: float,
    room: float,
    max_height: float,
) -> list[Flowable]:
    """The flowables of the first candidate that fits `room` (the candidates go from the
    most to the least content, so their heights never grow): the first is tried, then the
    rest searched by halves; the last candidate's when none fits."""

    def fitting(index: int) -> tuple[list[Flowable], bool]:
        flowables = build(candidates[index])
        return flowables, measure(flowables, width, max_height) <= room

    flowables, fits = fitting(0)
    if fits or len(candidates) == 1:
        return flowables
    low, high, found = 1, len(candidates) - 1, None
    while low <= high:
        middle = (low + high) // 2
        flowables, fits = fitting(middle)
        if fits:
            found, high = flowables, middle - 1
        else:
            low = middle + 1
    return found if found is not None else build(candidates[-1])


def side_by_side(
    left: Sequence[Flowable],
    right: Sequence[Flowable],
    widths: tuple[float, float],
    style: PackStyle,
    *,
    max_height: float,
    gap: float | None = None,
) -> list[Flowable]:
    """Two columns in one row when both fit `max_height`, else the two stacked (never clipped).

    A table row cannot split across pages, so content that may be long is only placed side
    by side after measuring it.
    """
    gap = style.base_size * 1.6 if gap is None else gap
    inner = (widths[0] - gap / 2, widths[1] - gap / 2)

    fits = measure(left, inner[0], max_height) <= max_height
    if fits and measure(right, inner[1], max_height) <= max_height:
        table = Table([[list(left), list(right)]], colWidths=list(widths), hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), gap / 2),
                    ("LEFTPADDING", (1, 0), (1, -1), gap / 2),
                    ("RIGHTPADDING", (1, 0), (1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [table]
    return [*left, *right]


@functools.cache
def _measuring_canvas() -> Canvas:
    """A throw-away canvas to measure flowables before layout (never saved)."""
    return Canvas(io.BytesIO())


def titled(title: Flowable, body: Sequence[Flowable]) -> list[Flowable]:
    """A sub-heading and its blocks; heading styles keep with the next block (no orphans)."""
    return [title, *body]


def split_table_block(
    title: str, body: Sequence[Flowable], style: PackStyle, *, major: bool = False
) -> list[Flowable]:
    """A heading (h3, or h2 when `major`) over a table that may split across pages: a new
    page only when less than the heading and a few rows fit, never the whole table pushed
    over to leave a half-empty page."""
    styles = paragraph_styles(style)
    heading = styles.h2_loose if major else styles.h3_loose
    room = heading.fontSize * 2.5 + style.table_size * 1.25 * 8
    return [CondPageBreak(room), Paragraph(escape(title), heading), *body]


def logo_image(data: bytes, max_width: float, max_height: float) -> Image:
    """The organisation's logo (PNG or JPEG bytes) scaled to fit, aspect kept."""
    try:
        with PilImage.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_LOGO_PIXELS:
                raise ValidationError("The logo image is too large (more than 16 megapixels).")
            probe.verify()
    except ValidationError:
        raise
    except Exception as error:
        raise ValidationError("The logo is not a readable PNG or JPEG image.") from error
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale, hAlign="LEFT")


def spacer(style: PackStyle, factor: float = 1.0) -> Spacer:
    """Vertical white space in multiples of the standard gap."""
    return Spacer(1, style.gap * factor)
