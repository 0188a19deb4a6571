"""The 5 × 5 risk heat map (probability × impact) as a vector drawing.

Cells are tinted by score zone (red / amber / green) and each non-empty cell prints its count
in a white disc, so that the counts stay legible on paper and in greyscale; empty cells print
nothing. A one-line legend names the zones by their score thresholds.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from pmo_desktop.errors import ValidationError
from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.data import HeatCounts
from pmo_desktop.reports.gantt_extract import fit_text
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.style import PackStyle

SCALE = 5
#: How much of its RAG colour a cell takes (the rest is white): three distinct greys on a
#: greyscale printer (amber lightest, green mid, red darkest).
_TINTS = {Rag.RED: 0.8, Rag.AMBER: 0.5, Rag.GREEN: 0.6}


def zone(probability: int, impact: int, red_from: int, amber_from: int) -> Rag:
    """The zone of a cell by its score p × i."""
    score = probability * impact
    if score >= red_from:
        return Rag.RED
    if score >= amber_from:
        return Rag.AMBER
    return Rag.GREEN


def tint(colour: Color, strength: float) -> Color:
    """`colour` mixed with white (strength 1 = the colour itself)."""
    return Color(
        1 - (1 - colour.red) * strength,
        1 - (1 - colour.green) * strength,
        1 - (1 - colour.blue) * strength,
    )


def _check(counts: HeatCounts) -> None:
    if len(counts) != SCALE or any(len(row) != SCALE for row in counts):
        raise ValidationError("A risk heat map needs 5 × 5 counts (probability × impact).")
    if any(count < 0 for row in counts for count in row):
        raise ValidationError("A risk heat map cannot count a negative number of risks.")


def heat_map(
    counts: HeatCounts,
    title: str,
    text: ReportText,
    style: PackStyle,
    size: float,
    *,
    red_from: int = 15,
    amber_from: int = 5,
) -> Drawing:
    """A `size` × `size` point drawing: probability up (5 at the top), impact across.

    `counts[p - 1][i - 1]` risks sit in the cell of probability p and impact i.
    """
    _check(counts)
    bold = style.bold_font
    label_size = max(7.0, style.small_size)
    drawing = Drawing(size, size)
    title_height = label_size * 1.9 if title else 0.0
    legend_height = label_size * 1.9
    axis_band = label_size * 1.6
    tick_band = label_size * 1.4
    left_band = axis_band + tick_band
    bottom_band = tick_band + axis_band + legend_height
    side = max(min(size - left_band - 2, size - title_height - bottom_band), 20.0)
    cell = side / SCALE
    grid_left = left_band + (size - left_band - side) / 2
    grid_bottom = bottom_band
    if title:
        centre = grid_left + side / 2
        drawing.add(
            String(
                centre,
                size - label_size * 1.3,
                fit_text(title, bold, label_size + 0.5, 2 * min(centre, size - centre)),
                fontName=bold,
                fontSize=label_size + 0.5,
                fillColor=style.primary,
                textAnchor="middle",
            )
        )
    fills = {rag: tint(style.rag_colour(rag), _TINTS[rag]) for rag in Rag}
    for probability in range(1, SCALE + 1):
        for impact in range(1, SCALE + 1):
            x = grid_left + (impact - 1) * cell
            y = grid_bottom + (probability - 1) * cell
            fill = fills[zone(probability, impact, red_from, amber_from)]
            drawing.add(
                Rect(x, y, cell, cell, fillColor=fill, strokeColor=colors.white, strokeWidth=1.2)
            )
            count = counts[probability - 1][impact - 1]
            if count:
                label = str(count)
                font_size = min(max(7.0, min(style.base_size + 1, cell * 0.36)), cell * 0.45)
                while font_size > 5 and stringWidth(label, bold, font_size) > cell * 0.8:
                    font_size -= 0.25
                radius = max(font_size * 0.8, stringWidth(label, bold, font_size) / 2 + 1.5)
                drawing.add(
                    Circle(
                        x + cell / 2,
                        y + cell / 2,
                        min(radius, cell * 0.46),
                        fillColor=colors.white,
                        strokeColor=style.text_colour,
                        strokeWidth=0.5,
                    )
                )
                drawing.add(
                    String(
                        x + cell / 2,
                        y + cell / 2 - font_size * 0.36,
                        label,
                        fontName=bold,
                        fontSize=font_size,
                        fillColor=style.text_colour,
                        textAnchor="middle",
                    )
                )
    drawing.add(
        Rect(
            grid_left,
            grid_bottom,
            side,
            side,
            fillColor=None,
            strokeColor=style.grid,
            strokeWidth=0.5,
        )
    )
    _axes(drawing, text, style, grid_left, grid_bottom, side, label_size, tick_band)
    _legend(drawing, text, style, size, label_size, red_from, amber_from, fills)
    return drawing


def _axes(
    drawing: Drawing,
    text: ReportText,
    style: PackStyle,
    grid_left: float,
    grid_bottom: float,
    side: float,
    label_size: float,
    tick_band: float,
) -> None:
    """Tick numbers 1–5 along both axes and the translated axis names with arrows."""
    font, bold = style.font, style.bold_font
    cell = side / SCALE
    for index in range(1, SCALE + 1):
        centre = (index - 0.5) * cell
        drawing.add(
            String(
                grid_left + centre,
                grid_bottom - tick_band + label_size * 0.35,
                str(index),
                fontName=font,
                fontSize=label_size,
                fillColor=style.muted,
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                grid_left - tick_band * 0.5,
                grid_bottom + centre - label_size * 0.35,
                str(index),
                fontName=font,
                fontSize=label_size,
                fillColor=style.muted,
                textAnchor="middle",
            )
        )
    impact = fit_text(text("Impact") + " →", bold, label_size, side)
    drawing.add(
        String(
            grid_left + side / 2,
            grid_bottom - tick_band - label_size * 1.05,
            impact,
            fontName=bold,
            fontSize=label_size,
            fillColor=style.text_colour,
            textAnchor="middle",
        )
    )
    probability = fit_text(text("Probability") + " →", bold, label_size, side)
    vertical = Group(
        String(
            0,
            0,
            probability,
            fontName=bold,
            fontSize=label_size,
            fillColor=style.text_colour,
            textAnchor="middle",
        )
    )
    vertical.rotate(90)
    vertical.translate(grid_bottom + side / 2, -(grid_left - tick_band - label_size * 0.3))
    drawing.add(vertical)
    drawing.add(
        Line(
            grid_left,
            grid_bottom,
            grid_left + side,
            grid_bottom,
            strokeColor=style.grid,
            strokeWidth=0.5,
        )
    )


def _legend(
    drawing: Drawing,
    text: ReportText,
    style: PackStyle,
    size: float,
    label_size: float,
    red_from: int,
    amber_from: int,
    fills: dict[Rag, Color],
) -> None:
    """Zones by score: "■ ≥ 15  ■ 5–14  ■ < 5", centred under the grid, shrunk to fit."""
    entries = [(Rag.RED, text("Score ≥ {value}", value=red_from))]
    if amber_from < red_from:
        entries.append((Rag.AMBER, f"{amber_from}–{red_from - 1}"))
    entries.append((Rag.GREEN, f"< {min(amber_from, red_from)}"))
    swatch = label_size * 0.9
    font_size = label_size
    gap = label_size * 0.9

    def width_at(font_size: float) -> float:
        return sum(swatch + 3 + stringWidth(label, style.font, font_size) for _, label in entries)

    while font_size > 6.0 and width_at(font_size) + 2 * gap > size:
        font_size -= 0.25
    total = width_at(font_size) + 2 * gap
    x = max((size - total) / 2, 0.0)
    y = label_size * 0.5
    for rag, label in entries:
        drawing.add(
            Rect(
                x, y, swatch, swatch, fillColor=fills[rag], strokeColor=style.grid, strokeWidth=0.4
            )
        )
        label = fit_text(label, style.font, font_size, size - x - swatch - 3)
        drawing.add(
            String(
                x + swatch + 3,
                y + swatch * 0.12,
                label,
                fontName=style.font,
                fontSize=font_size,
                fillColor=style.text_colour,
            )
        )
        x += swatch + 3 + stringWidth(label, style.font, font_size) + gap
