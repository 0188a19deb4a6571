"""The dashboard charts: drawn in a worker into images, hover and double-click by hit-testing
the bubbles' positions, a new image after a resize, and the dashboard wiring them up."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip

from pmo_desktop.services.dashboard import DashboardRow, portfolio_dashboard
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.ui.dashboard.charts import (
    BubbleChart,
    ChartImage,
    ChartStyle,
    TrendChart,
    bubble_texts,
    render_bubble,
    render_trend,
    trend_texts,
)
from pmo_desktop.ui.portfolio_view import PortfolioView
from pmo_desktop.ui.workers import WorkPool
from pmo_desktop.ui.workspace import Workspace

AS_OF = date(2026, 3, 31)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("charts") / "demo.sqlite"
    database = open_database(path)
    create_demo(database.engine, as_of=AS_OF)
    database.close()
    return path


@pytest.fixture
def database(demo_path: Path) -> Iterator[Database]:
    database = open_database(demo_path)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def pool() -> Iterator[WorkPool]:
    pool = WorkPool(max_threads=2)
    yield pool
    pool.drain()


def _rows(database: Database) -> tuple[DashboardRow, ...]:
    return portfolio_dashboard(database, 1, AS_OF).rows


def _style(texts: dict[str, str], width: int = 500, height: int = 320) -> ChartStyle:
    return ChartStyle(width, height, 1.0, "#ffffff", "#000000", texts)


def _pixel(image: ChartImage, x: float, y: float) -> tuple[int, ...]:
    offset = (int(y) * image.width + int(x)) * 4
    return tuple(image.rgba[offset : offset + 4])


def _apart(chart: BubbleChart, rows: tuple[DashboardRow, ...]) -> DashboardRow:
    """A project whose bubble centre no other bubble shares (hovering it names it)."""
    positions = {row.id: chart.bubble_position(row.id) for row in rows}
    for row in rows:
        mine = positions[row.id]
        others = (p for key, p in positions.items() if key != row.id and p is not None)
        if mine is not None and all((p - mine).manhattanLength() > 30 for p in others):
            return row
    raise AssertionError("every bubble overlaps another")


def test_bubble_image_off_the_gui_thread(database: Database) -> None:
    rows = _rows(database)
    found: list[ChartImage] = []
    worker = threading.Thread(target=lambda: found.append(render_bubble(rows, _style({}))))
    worker.start()
    worker.join()
    image = found[0]
    assert (image.width, image.height) == (500, 320)
    assert len(image.rgba) == 500 * 320 * 4
    assert {project_id for *_, project_id in image.points} == {row.id for row in rows}
    for x, y, _ in image.points:
        assert 0 <= x < image.width and 0 <= y < image.height
        assert _pixel(image, x, y)[:3] != (255, 255, 255)  # a bubble is drawn there


def test_trend_image_and_month_labels(database: Database) -> None:
    trend = portfolio_dashboard(database, 1, AS_OF).trend
    texts = trend_texts(AS_OF)
    assert texts[trend[0].month.isoformat()].endswith(str(trend[0].month.year))
    image = render_trend(trend, _style(texts, 420, 300))
    assert (image.width, image.height) == (420, 300) and not image.points
    assert len(set(image.rgba[::4096])) > 1  # not a blank canvas


def test_empty_bubble_chart() -> None:
    image = render_bubble((), _style(bubble_texts()))
    assert image.points == () and image.width == 500


def test_hover_names_a_bubble_and_double_click_opens_it(qtbot, database, pool) -> None:
    rows = _rows(database)
    chart = BubbleChart(pool)
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    qtbot.waitExposed(chart)
    with qtbot.waitSignal(chart.rendered, timeout=30_000):
        chart.set_rows(rows)
    image = chart.chart_image()
    assert image is not None and (image.width, image.height) == (600, 400)
    target = _apart(chart, rows)
    position = chart.bubble_position(target.id)
    assert position is not None
    assert chart.project_at(position) == target
    assert chart.project_at(QPointF(-50, -50)) is None
    QTest.mouseMove(chart, position.toPoint())
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=5_000)
    assert QToolTip.text().startswith(f"{target.code} — {target.name}")
    with qtbot.waitSignal(chart.project_activated, timeout=5_000) as activated:
        QTest.mouseDClick(chart, Qt.MouseButton.LeftButton, pos=position.toPoint())
    assert activated.args == [target.id]
    with qtbot.assertNotEmitted(chart.project_activated):
        QTest.mouseDClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    # While a resize waits for its new image, the hit-test follows the scaled old one.
    chart.resize(300, 200)
    moved = chart.bubble_position(target.id)
    assert moved is not None
    assert moved.x() == pytest.approx(position.x() / 2) and chart.project_at(moved) == target


def test_resize_renders_at_the_new_size(qtbot, database, pool) -> None:
    chart = TrendChart(pool)
    qtbot.addWidget(chart)
    chart.resize(400, 300)
    chart.show()
    qtbot.waitExposed(chart)
    with qtbot.waitSignal(chart.rendered, timeout=30_000):
        chart.set_trend(portfolio_dashboard(database, 1, AS_OF).trend)
    with qtbot.waitSignal(chart.rendered, timeout=30_000):
        chart.resize(700, 350)
    image = chart.chart_image()
    assert image is not None and (image.width, image.height) == (700, 350)


def test_dashboard_shows_both_charts_and_opens_a_bubble(qtbot, database, dialogs, pool) -> None:
    workspace = Workspace(database, dialogs=dialogs, pool=pool)
    workspace.set_as_of(AS_OF)
    view = PortfolioView(workspace)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        view.show_portfolio(1)
    assert not view.error
    for chart in (view.bubble_chart, view.trend_chart):
        image = chart.chart_image()
        assert image is not None and image.width >= 260
    row = _apart(view.bubble_chart, view.dashboard.rows)
    position = view.bubble_chart.bubble_position(row.id)
    assert position is not None
    with qtbot.waitSignal(view.project_activated, timeout=5_000) as activated:
        QTest.mouseDClick(view.bubble_chart, Qt.MouseButton.LeftButton, pos=position.toPoint())
    assert activated.args == [row.id]
    style = view.bubble_chart.style_for({})
    assert QColor(style.background).isValid() and style.width == view.bubble_chart.width()
