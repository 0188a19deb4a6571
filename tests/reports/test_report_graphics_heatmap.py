"""The 5 × 5 risk heat map, drawn into a real PDF and read back with pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from reportlab.platypus import SimpleDocTemplate

from pmo_desktop.errors import ValidationError
from pmo_desktop.reports.data import HeatCounts, PackOptions, empty_heat
from pmo_desktop.reports.heatmap import heat_map
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.style import pack_style

#: counts[p - 1][i - 1]: a different count in every non-empty cell, so that a count printed in
#: the wrong cell cannot pass; three digits where the cell is smallest.
COUNTS: HeatCounts = (
    (3, 0, 1, 0, 0),
    (0, 2, 0, 0, 0),
    (1, 0, 12, 0, 7),
    (0, 0, 0, 4, 0),
    (0, 9, 0, 0, 128),
)


def build(tmp_path: Path, flowables: list, language: str = "en") -> Path:
    out = tmp_path / "heat.pdf"
    style = pack_style(PackOptions(language=language))
    SimpleDocTemplate(str(out), pagesize=style.page_size).build(flowables)
    return out


def make(counts: HeatCounts, size: float = 220.0, title: str = "Inherent", lang: str = "en", **kw):
    style = pack_style(PackOptions(language=lang))
    return heat_map(counts, title, ReportText(lang), style, size, **kw)


def grid_of(page: pdfplumber.page.Page) -> tuple[float, float, float]:
    """(left, top, cell) of the 5 × 5 grid: the bounding box of the 25 equal filled cells."""
    sides = {}
    for rect in page.rects:
        if rect["fill"] and abs(rect["width"] - rect["height"]) < 0.01 and rect["width"] > 5:
            sides.setdefault(round(rect["width"], 2), []).append(rect)
    cells = next(rects for rects in sides.values() if len(rects) == 25)
    left = min(r["x0"] for r in cells)
    top = min(r["top"] for r in cells)
    return left, top, cells[0]["width"]


def printed_cells(page: pdfplumber.page.Page) -> dict[tuple[int, int], int]:
    """{(probability, impact): number} of the numbers printed inside the grid, placed by
    the centre of each printed number (probability 5 is the top row)."""
    left, top, cell = grid_of(page)
    found: dict[tuple[int, int], int] = {}
    for word in page.extract_words():
        x = (word["x0"] + word["x1"]) / 2
        y = (word["top"] + word["bottom"]) / 2
        if not (left < x < left + 5 * cell and top < y < top + 5 * cell):
            continue
        impact = int((x - left) // cell) + 1
        probability = 5 - int((y - top) // cell)
        assert (probability, impact) not in found
        found[(probability, impact)] = int(word["text"])
    return found


def expected_cells(counts: HeatCounts) -> dict[tuple[int, int], int]:
    return {
        (p, i): counts[p - 1][i - 1]
        for p in range(1, 6)
        for i in range(1, 6)
        if counts[p - 1][i - 1]
    }


@pytest.mark.parametrize("size", [220.0, 130.0])
def test_prints_exactly_the_non_zero_counts_in_their_cells(tmp_path: Path, size: float) -> None:
    path = build(tmp_path, [make(COUNTS, size)])
    with pdfplumber.open(path) as pdf:
        assert printed_cells(pdf.pages[0]) == expected_cells(COUNTS)


def test_counts_stay_inside_their_cells(tmp_path: Path) -> None:
    path = build(tmp_path, [make(COUNTS, 120.0)])
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        left, top, cell = grid_of(page)
        for word in page.extract_words():
            x = (word["x0"] + word["x1"]) / 2
            y = (word["top"] + word["bottom"]) / 2
            if left < x < left + 5 * cell and top < y < top + 5 * cell:
                column = int((x - left) // cell)
                row = int((y - top) // cell)
                assert (
                    left + column * cell <= word["x0"] <= word["x1"] <= left + (column + 1) * cell
                )
                assert top + row * cell <= word["top"] <= word["bottom"] <= top + (row + 1) * cell


def test_an_empty_map_prints_no_count(tmp_path: Path) -> None:
    path = build(tmp_path, [make(empty_heat())])
    with pdfplumber.open(path) as pdf:
        assert printed_cells(pdf.pages[0]) == {}


def _zone_of(colour: tuple[float, ...]) -> str:
    red, green, blue = colour
    if red > 0.95 and green > 0.8 and blue < 0.65:
        return "amber"
    if red > green + 0.3:
        return "red"
    if green > red + 0.2:
        return "green"
    return "?"


@pytest.mark.parametrize(("red_from", "amber_from"), [(15, 5), (12, 4), (20, 10)])
def test_cell_colours_follow_the_score_thresholds(
    tmp_path: Path, red_from: int, amber_from: int
) -> None:
    path = build(tmp_path, [make(empty_heat(), red_from=red_from, amber_from=amber_from)])
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        left, top, cell = grid_of(page)
        zones = {}
        for rect in page.rects:
            if rect["fill"] and abs(rect["width"] - cell) < 0.01:
                impact = round((rect["x0"] - left) / cell) + 1
                probability = 5 - round((rect["top"] - top) / cell)
                zones[(probability, impact)] = _zone_of(rect["non_stroking_color"])
    for probability in range(1, 6):
        for impact in range(1, 6):
            score = probability * impact
            expected = "red" if score >= red_from else "amber" if score >= amber_from else "green"
            assert zones[(probability, impact)] == expected, (probability, impact)


def test_axes_title_and_legend_are_labelled(tmp_path: Path) -> None:
    path = build(tmp_path, [make(COUNTS, title="Residual — après réponse")])
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Residual — après réponse" in text
    assert "Impact" in text
    assert "Score ≥ 15" in text and "5–14" in text and "< 5" in text
    with pdfplumber.open(path) as pdf:
        vertical = "".join(c["text"] for c in pdf.pages[0].chars if not c["upright"])
    assert "Probability" in vertical


def test_french_axis_labels(tmp_path: Path) -> None:
    french = ReportText("fr")
    path = build(tmp_path, [make(COUNTS, lang="fr")], language="fr")
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        vertical = "".join(c["text"] for c in page.chars if not c["upright"])
    assert french("Impact") in text
    assert french("Probability") in vertical
    assert french("Score ≥ {value}", value=15) in text


def test_drawing_fits_its_size(tmp_path: Path) -> None:
    size = 150.0
    drawing = make(COUNTS, size, title="A title far too long to fit above a small heat map")
    assert (drawing.width, drawing.height) == (size, size)
    style = pack_style(PackOptions())
    out = tmp_path / "fit.pdf"
    SimpleDocTemplate(str(out), pagesize=style.page_size, leftMargin=50, topMargin=50).build(
        [drawing]
    )
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        objects = page.chars + page.rects + page.lines + page.curves
    assert objects
    origin = 50 + 6  # margin plus the frame's padding
    for item in objects:
        assert origin - 0.01 <= item["x0"] <= item["x1"] <= origin + size + 0.01, item
        assert origin - 0.01 <= item["top"] <= item["bottom"] <= origin + size + 0.01, item


@pytest.mark.parametrize(
    "counts",
    [((0,) * 5,) * 4, ((0,) * 4,) * 5, ((-1, 0, 0, 0, 0),) + ((0,) * 5,) * 4],
)
def test_malformed_counts_are_refused(counts: HeatCounts) -> None:
    with pytest.raises(ValidationError):
        make(counts)
