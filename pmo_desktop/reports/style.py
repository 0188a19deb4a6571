"""The pack's look: paper, margins, type scale and colours, derived from PackOptions.

One PackStyle drives every page and graphic so that sizes and colours stay consistent;
A3 scales the type up so that a sheet read at arm's length keeps the same proportions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A3, A4, LETTER, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from pmo_desktop.errors import ValidationError
from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.data import ORIENTATIONS, PAPERS, PackOptions
from pmo_desktop.reports.fonts import register_fonts

_PAPER_SIZES = {"a4": A4, "a3": A3, "letter": LETTER}
#: (margin, body size) per paper: A3 is √2 larger than A4 in each direction.
_PAPER_SCALE = {"a4": (14 * mm, 9.0), "letter": (14 * mm, 9.0), "a3": (18 * mm, 12.0)}
RAG_COLOURS = {
    Rag.RED: colors.HexColor("#C00000"),
    Rag.AMBER: colors.HexColor("#FFBF00"),
    Rag.GREEN: colors.HexColor("#00A651"),
}
UNRATED_COLOUR = colors.HexColor("#A6A6A6")
SHADE = colors.HexColor("#F2F4F7")
TEXT = colors.HexColor("#1A1A1A")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class PackStyle:
    """Page geometry, fonts, type scale and palette of one pack."""

    page_size: tuple[float, float]
    margin: float
    font: str
    bold_font: str
    italic_font: str
    base_size: float
    primary: Color
    accent: Color
    muted: Color
    grid: Color
    #: Light fill for zebra rows and panels.
    shade: Color = SHADE
    text_colour: Color = TEXT
    #: Over-capacity and critical-path red (same as the red rating).
    alert: Color = RAG_COLOURS[Rag.RED]
    bold_italic_font: str = ""

    @property
    def frame_width(self) -> float:
        """Width of the text frame, inside the left and right margins."""
        return self.page_size[0] - 2 * self.margin

    @property
    def frame_height(self) -> float:
        """Height of the text frame, inside the top and bottom margins."""
        return self.page_size[1] - 2 * self.margin

    @property
    def landscape(self) -> bool:
        """True when the page is wider than tall."""
        return self.page_size[0] > self.page_size[1]

    @property
    def small_size(self) -> float:
        """Notes, captions, table footnotes, header and footer."""
        return round(self.base_size * 0.85, 2)

    @property
    def table_size(self) -> float:
        """Body text of dense tables."""
        return round(self.base_size * 0.92, 2)

    @property
    def h3_size(self) -> float:
        """Sub-headings inside a page (e.g. "Milestones")."""
        return round(self.base_size * 1.15, 2)

    @property
    def h2_size(self) -> float:
        """Project and section sub-titles."""
        return round(self.base_size * 1.45, 2)

    @property
    def h1_size(self) -> float:
        """Section titles."""
        return round(self.base_size * 2.0, 2)

    @property
    def title_size(self) -> float:
        """The cover's title."""
        return round(self.base_size * 3.4, 2)

    @property
    def gap(self) -> float:
        """The standard vertical space between blocks."""
        return self.base_size * 1.1

    def rag_colour(self, rag: Rag | None) -> Color:
        """Red #C00000, amber #FFBF00, green #00A651; grey for not rated."""
        return RAG_COLOURS[Rag(rag)] if rag is not None else UNRATED_COLOUR

    def rag_text_colour(self, rag: Rag | None) -> Color:
        """Legible text on a RAG fill: dark on amber, white on the others."""
        return TEXT if rag == Rag.AMBER else colors.white


def _colour(value: str, what: str) -> Color:
    if not _HEX.match(value or ""):
        raise ValidationError(f"The {what} colour {value!r} is not of the form #RRGGBB.")
    return colors.HexColor(value)


def page_size(paper: str, orientation: str) -> tuple[float, float]:
    """The oriented size in points of a paper name ("a4", "a3", "letter")."""
    if paper not in PAPERS:
        raise ValidationError(
            f"Paper {paper!r} is not supported: choose one of {', '.join(PAPERS)}."
        )
    if orientation not in ORIENTATIONS:
        raise ValidationError(
            f"Orientation {orientation!r} is not supported: choose one of "
            f"{', '.join(ORIENTATIONS)}."
        )
    size = _PAPER_SIZES[paper]
    oriented = landscape(size) if orientation == "landscape" else portrait(size)
    return (float(oriented[0]), float(oriented[1]))


def pack_style(options: PackOptions) -> PackStyle:
    """The style of a pack printed with `options` (registers the fonts on first use)."""
    family = register_fonts()
    margin, base_size = _PAPER_SCALE.get(options.paper, _PAPER_SCALE["a4"])
    return PackStyle(
        page_size=page_size(options.paper, options.orientation),
        margin=margin,
        font=family.regular,
        bold_font=family.bold,
        italic_font=family.italic,
        bold_italic_font=family.bold_italic,
        base_size=base_size,
        primary=_colour(options.branding.primary_colour, "primary"),
        accent=_colour(options.branding.accent_colour, "accent"),
        muted=colors.HexColor("#5F6670"),
        grid=colors.HexColor("#C5CAD3"),
    )


@dataclass(frozen=True)
class ParagraphStyles:
    """The named paragraph styles of the pack, all derived from one PackStyle."""

    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    #: h3 not kept with the next block: for headings of tables that may split (the caller
    #: asks for enough room first).
    h3_loose: ParagraphStyle
    h2_loose: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_header: ParagraphStyle
    cell_header_right: ParagraphStyle
    cell_header_centre: ParagraphStyle
    chip: ParagraphStyle
    toc_1: ParagraphStyle
    toc_2: ParagraphStyle


@functools.cache
def paragraph_styles(style: PackStyle) -> ParagraphStyles:
    """Paragraph styles on the pack's type scale (cached per style)."""
    size = style.base_size
    body = ParagraphStyle(
        "body",
        fontName=style.font,
        fontSize=size,
        leading=size * 1.35,
        textColor=style.text_colour,
        alignment=TA_LEFT,
        splitLongWords=1,
        spaceAfter=size * 0.4,
    )
    small = ParagraphStyle(
        "small",
        parent=body,
        fontSize=style.small_size,
        leading=style.small_size * 1.3,
        spaceAfter=0,
    )
    note = ParagraphStyle("note", parent=small, fontName=style.italic_font, textColor=style.muted)
    heading = ParagraphStyle(
        "heading",
        parent=body,
        fontName=style.bold_font,
        textColor=style.primary,
        keepWithNext=1,
        spaceAfter=0,
    )
    cell = ParagraphStyle(
        "cell",
        parent=body,
        fontSize=style.table_size,
        leading=style.table_size * 1.25,
        spaceAfter=0,
    )
    cell_header = ParagraphStyle(
        "cell_header", parent=cell, fontName=style.bold_font, textColor=colors.white
    )
    return ParagraphStyles(
        body=body,
        small=small,
        note=note,
        title=ParagraphStyle(
            "title",
            parent=heading,
            fontSize=style.title_size,
            leading=style.title_size * 1.15,
            spaceAfter=size,
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            parent=body,
            fontSize=style.h2_size,
            leading=style.h2_size * 1.3,
            textColor=style.muted,
        ),
        h1=ParagraphStyle(
            "h1",
            parent=heading,
            fontSize=style.h1_size,
            leading=style.h1_size * 1.2,
            spaceAfter=size * 0.8,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=heading,
            fontSize=style.h2_size,
            leading=style.h2_size * 1.25,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.4,
        ),
        h3=ParagraphStyle(
            "h3",
            parent=heading,
            fontSize=style.h3_size,
            leading=style.h3_size * 1.25,
            spaceBefore=size * 0.8,
            spaceAfter=size * 0.35,
        ),
        h3_loose=ParagraphStyle(
            "h3_loose",
            parent=heading,
            fontSize=style.h3_size,
            leading=style.h3_size * 1.25,
            spaceBefore=size * 0.8,
            spaceAfter=size * 0.35,
            keepWithNext=0,
        ),
        h2_loose=ParagraphStyle(
            "h2_loose",
            parent=heading,
            fontSize=style.h2_size,
            leading=style.h2_size * 1.25,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.4,
            keepWithNext=0,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=style.bold_font),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_centre=ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
        cell_header=cell_header,
        cell_header_right=ParagraphStyle(
            "cell_header_right", parent=cell_header, alignment=TA_RIGHT
        ),
        cell_header_centre=ParagraphStyle(
            "cell_header_centre", parent=cell_header, alignment=TA_CENTER
        ),
        chip=ParagraphStyle("chip", parent=cell, fontName=style.bold_font, alignment=TA_CENTER),
        toc_1=ParagraphStyle(
            "toc_1",
            parent=body,
            fontSize=style.h3_size,
            leading=style.h3_size * 1.6,
            fontName=style.bold_font,
        ),
        toc_2=ParagraphStyle(
            "toc_2",
            parent=body,
            leftIndent=size * 1.6,
            leading=size * 1.5,
            textColor=style.text_colour,
        ),
    )
