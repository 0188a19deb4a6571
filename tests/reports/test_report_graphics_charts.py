"""The board pack's charts (S-curve, role loading): real PDFs read back, real PNG pixels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy
import pdfplumber
import pytest
from PIL import Image as PilImage
from reportlab.platypus import Image, SimpleDocTemplate

from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.charts import (
    PRINT_DPI,
    ChartImage,
    grid_shape,
    peak_utilisation,
    role_loading_chart,
    s_curve_chart,
)
from pmo_desktop.reports.data import CurvePoint, EvmFigures, PackOptions, RoleLoad
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.style import pack_style

AS_OF = date(2026, 10, 30)
MONTH_ENDS = (
    date(2026, 6, 30),
    date(2026, 7, 31),
    date(2026, 8, 31),
    date(2026, 9, 30),
    date(2026, 10, 31),
    date(2026, 11, 30),
    date(2026, 12, 31),
)
MONTHS = tuple(date(2026 + (9 + n) // 12, (9 + n) % 12 + 1, 1) for n in range(12))
ALERT = (0xC0, 0x00, 0x00)  # PackStyle.alert, the over-capacity red


def curve(ev: bool = True, ac: bool = True) -> tuple[CurvePoint, ...]:
    points = []
    for n, day in enumerate(MONTH_ENDS):
        pv = Decimal(100_000 * (n + 1))
        known = day <= AS_OF
        points.append(
            CurvePoint(
                day,
                pv,
                pv * Decimal("0.9") if ev and known else None,
                pv * Decimal("1.05") if ac and known else None,
            )
        )
    return tuple(points)


EVM = EvmFigures(
    bac=Decimal(700_000),
    pv=Decimal(400_000),
    ev=Decimal(360_000),
    ac=Decimal(420_000),
    spi=Decimal("0.90"),
    cpi=Decimal("0.857"),
    eac=Decimal(816_000),
    vac=Decimal(-116_000),
)


def build(tmp_path: Path, flowables: list, name: str = "chart.pdf") -> Path:
    style = pack_style(PackOptions())
    out = tmp_path / name
    SimpleDocTemplate(str(out), pagesize=style.page_size, leftMargin=40, topMargin=40).build(
        flowables
    )
    return out


def s_curve(points, evm=EVM, width=380.0, height=220.0, lang="en") -> Image:
    style = pack_style(PackOptions(language=lang))
    return s_curve_chart(points, evm, "EUR", AS_OF, ReportText(lang), style, width, height)


def loading(loads, width=700.0, height=420.0, months=MONTHS, lang="en") -> Image:
    style = pack_style(PackOptions(language=lang))
    return role_loading_chart(months, loads, ReportText(lang), style, width, height)


def pixels(chart: Image) -> PilImage.Image:
    assert isinstance(chart, ChartImage)
    return chart.picture.convert("RGB")


def red_pixels(image: PilImage.Image) -> int:
    """Pixels of the over-capacity red under the legend band (whose sample is red too)."""
    legend = round(24 / 72 * PRINT_DPI)
    rgb = numpy.asarray(image).astype(int)[legend:]
    near = (abs(rgb[:, :, 0] - ALERT[0]) < 12) & (rgb[:, :, 1] < 20) & (rgb[:, :, 2] < 20)
    return int(near.sum())


def count_colour(image: PilImage.Image, colour: tuple[int, int, int]) -> int:
    return int((numpy.asarray(image) == colour).all(axis=2).sum())


def check_embedded(path: Path, width: float, height: float) -> pdfplumber.page.Page:
    """The single image is placed at the size asked and carries at least PRINT_DPI."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        (image,) = page.images
        assert image["width"] == pytest.approx(width, abs=0.01)
        assert image["height"] == pytest.approx(height, abs=0.01)
        pixel_width, pixel_height = image["srcsize"]
        assert pixel_width / (width / 72) >= 199.5
        assert pixel_height / (height / 72) >= 199.5
        for char in page.chars:
            assert image["x0"] - 0.01 <= char["x0"] <= char["x1"] <= image["x1"] + 0.01, char
            assert image["top"] - 0.01 <= char["top"] <= char["bottom"] <= image["bottom"] + 0.01
            assert "DejaVuSans" in char["fontname"]
        return page


def test_s_curve_is_a_200_dpi_image_of_the_size_asked_with_its_labels(tmp_path: Path) -> None:
    path = build(tmp_path, [s_curve(curve(), width=460, height=220)])
    check_embedded(path, 460, 220)
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
        vertical = "".join(c["text"] for c in pdf.pages[0].chars if not c["upright"])
    english = ReportText("en")
    assert vertical == "Cumulative cost"
    assert "Planned value (PV) Earned value (EV) Actual cost (AC)" in text
    assert english("As of {date}", date=english.date(AS_OF)) in text
    assert "BAC " + english.money(EVM.bac, "EUR", compact=True) in text
    assert "SPI 0.90" in text and "CPI 0.86" in text
    for month in ("Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"):
        assert month in text


def test_s_curve_paints_each_series_in_its_colour(tmp_path: Path) -> None:
    style = pack_style(PackOptions())
    image = pixels(s_curve(curve()))
    colours = [
        tuple(round(c * 255) for c in colour.rgb())
        for colour in (style.primary, style.rag_colour(Rag.GREEN), style.rag_colour(Rag.RED))
    ]
    for colour in colours:
        assert count_colour(image, colour) > 50, colour
    no_actuals = pixels(s_curve(curve(ev=False, ac=False), evm=None))
    assert count_colour(no_actuals, colours[0]) > 50
    assert count_colour(no_actuals, colours[1]) == count_colour(no_actuals, colours[2]) == 0


@pytest.mark.parametrize(
    "points",
    [
        (),
        curve()[:1],
        curve(ev=False, ac=False),
        tuple(CurvePoint(p.day, Decimal(0), None, None) for p in curve()),
    ],
    ids=["empty", "single-point", "no-ev-ac", "all-zero"],
)
def test_s_curve_edge_cases_build(tmp_path: Path, points: tuple[CurvePoint, ...]) -> None:
    path = build(tmp_path, [s_curve(points, evm=None, width=300, height=160)])
    check_embedded(path, 300, 160)
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    if not points:
        assert "No cost baseline or actual costs to chart." in text
    else:
        assert "Planned value (PV)" in text or "PV" in text


def test_s_curve_in_french(tmp_path: Path) -> None:
    french = ReportText("fr")
    path = build(tmp_path, [s_curve(curve(), lang="fr", width=460)])
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    assert french("As of {date}", date=french.date(AS_OF)) in text
    assert french.money(Decimal(200_000), "EUR", compact=True).replace("\xa0", " ") in text
    assert "SPI 0,90" in text


def test_narrow_s_curve_shortens_its_legend(tmp_path: Path) -> None:
    path = build(tmp_path, [s_curve(curve(), width=200, height=140)])
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Planned value (PV)" not in text
    assert "PV" in text and "EV" in text and "AC" in text


def load(role: str, demand: list[float], capacity: list[float]) -> RoleLoad:
    return RoleLoad(role, tuple(demand), tuple(capacity))


def test_loading_chart_names_roles_with_their_peak_utilisation(tmp_path: Path) -> None:
    loads = [
        load("Developer", [100.0] * 11 + [140.0], [100.0] * 12),
        load("Zero capacity", [80.0] * 12, [0.0] * 12),
        load("No demand", [0.0] * 12, [160.0] * 12),
        load("Tester", [40.0, 60.0] * 6, [160.0] * 12),
    ]
    path = build(tmp_path, [loading(loads, 700, 420)])
    check_embedded(path, 700, 420)
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    for role in ("Developer", "Zero capacity", "No demand", "Tester"):
        assert role in text
    assert "peak 140%" in text
    assert "peak 38%" in text  # 60 / 160
    assert "peak 0%" in text
    assert "no capacity" in text
    assert "Demand within capacity" in text and "Demand over capacity" in text
    assert "Capacity" in text
    assert "Oct" in text and "2026" in text and "2027" in text


def test_only_demand_over_capacity_is_red(tmp_path: Path) -> None:
    within = pixels(loading([load("Fine", [50.0, 100.0] * 6, [100.0] * 12)], 400, 200))
    assert red_pixels(within) == 0
    over = pixels(loading([load("Late", [50.0, 150.0] * 6, [100.0] * 12)], 400, 200))
    more = pixels(loading([load("Late", [50.0, 200.0] * 6, [100.0] * 12)], 400, 200))
    assert 0 < red_pixels(over) < red_pixels(more)
    no_capacity = pixels(loading([load("Nobody", [50.0] * 12, [0.0] * 12)], 400, 200))
    assert red_pixels(no_capacity) > red_pixels(over)


def test_many_roles_are_cut_to_readable_panels_and_counted(tmp_path: Path) -> None:
    loads = [load(f"Role {n:02d}", [float(50 + n)] * 12, [100.0] * 12) for n in range(1, 41)]
    path = build(tmp_path, [loading(loads, 700, 300)])
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    printed = [one.role for one in loads if one.role in text]
    assert 4 <= len(printed) < 40
    assert f"{40 - len(printed)} more roles not shown (least loaded)" in text
    # The most loaded roles are the ones kept.
    assert printed == [one.role for one in loads[-len(printed) :]]


def test_twelve_roles_all_fit_a_landscape_page(tmp_path: Path) -> None:
    loads = [load(f"Role {n}", [float(40 * n)] * 12, [200.0] * 12) for n in range(1, 13)]
    path = build(tmp_path, [loading(loads, 760, 460)])
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    assert all(one.role in text for one in loads)
    assert "not shown" not in text


@pytest.mark.parametrize(
    ("months", "loads"),
    [((), [load("A", [], [])]), (MONTHS, []), (MONTHS[:1], [load("A", [10.0], [5.0])])],
    ids=["no-months", "no-roles", "one-month"],
)
def test_loading_edge_cases_build(tmp_path: Path, months, loads) -> None:
    path = build(tmp_path, [loading(loads, 400, 200, months=months)])
    check_embedded(path, 400, 200)
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    if not months or not loads:
        assert "No resource demand or capacity in this period." in text


def test_hostile_role_names_print_literally(tmp_path: Path) -> None:
    names = ["Dev <b>bold", "<font color=red>QA</font>", "R&D", "x" * 200]
    path = build(tmp_path, [loading([load(n, [1.0] * 12, [2.0] * 12) for n in names])])
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Dev <b>bold" in text and "R&D" in text and "<font color=red>QA</font>" in text
    assert "x" * 200 not in text and "xxxxxxxx…" in text


def test_chart_png_is_200_dpi_rgb() -> None:
    chart = s_curve(curve(), width=144, height=72)
    image = pixels(chart)
    assert image.size == (144 * PRINT_DPI // 72, 72 * PRINT_DPI // 72)
    assert chart.picture.mode == "RGB"


def test_peak_utilisation_and_grid_shape() -> None:
    assert peak_utilisation([50, 120], [100, 100]) == pytest.approx(120)
    assert peak_utilisation([0, 0], [0, 0]) is None
    assert peak_utilisation([10, 0], [0, 100]) is None
    assert peak_utilisation([0, 0], [10, 10]) == 0
    columns, rows, shown = grid_shape(12, 740, 420)
    assert shown == 12 and columns * rows >= 12
    columns, rows, shown = grid_shape(50, 300, 160)
    assert shown == columns * rows < 50
