"""The portfolio Gantt at scale: open the 200 projects of the large reference portfolio, then
repaint while scrolling and zooming, collapsed and with projects expanded.

    python bench/bench_portfolio_gantt.py [--db /tmp/F-large.sqlite] [--opens 5]

The view is shown at 1600×1000 (offscreen).

- read: `portfolio_gantt_data` alone (the worker side), with the number of SQL statements;
- open: a new PortfolioGanttView, from `show_portfolio` until `loaded` and the first paint of
  the tree, the chart and its time scale (`repaint()`), waiting in a QEventLoop as the
  application does (budget 1.5 s);
- scroll: a scripted scroll through every row one page at a time, at each zoom level; each
  step is one `repaint()` of the chart and its time scale timed with QElapsedTimer (budget
  16 ms), the tree's repaint (a stock QTreeWidget) timed apart; then the same with the ten
  largest projects expanded into their tasks (their reads timed too);
- zoom: 30 Ctrl+wheel steps out then in, each one repaint (the links in view only: the
  whole set is rebuilt 150 ms after the last step).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OPEN_BUDGET_MS = 1500.0
REPAINT_BUDGET_MS = 16.0


def _figures(samples: list[float]) -> str:
    return f"median {statistics.median(samples):7.2f} ms   max {max(samples):7.2f} ms"


def _wait(signal: object, app: object) -> None:
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    loop.exec()
    signal.disconnect(loop.quit)  # type: ignore[attr-defined]


def _scroll(view: object, label: str) -> bool:
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtTest import QTest

    from pmo_desktop.ui.gantt.timescale import ZOOM_LEVELS

    chart, tree = view.chart, view.tree  # type: ignore[attr-defined]
    timer = QElapsedTimer()
    scrollbar = tree.verticalScrollBar()
    page = max(1, tree.viewport().height())
    ok = True
    for level in ZOOM_LEVELS:
        chart.set_pixels_per_day(level.pixels_per_day)
        QTest.qWait(300)  # the user pauses: the links of the new scale are built once
        chart_samples, tree_samples = [], []
        for value in range(0, scrollbar.maximum() + page, page):
            scrollbar.setValue(min(value, scrollbar.maximum()))
            timer.start()
            tree.viewport().repaint()
            tree_samples.append(timer.nsecsElapsed() / 1e6)
            timer.start()
            chart.viewport().repaint()
            chart.header.repaint()
            chart_samples.append(timer.nsecsElapsed() / 1e6)
        ok &= statistics.median(chart_samples) < REPAINT_BUDGET_MS
        print(f"  scroll {label} {level.name.ljust(20)} chart {_figures(chart_samples)}   "
              f"tree {_figures(tree_samples)}   ({len(chart_samples)} steps)")  # fmt: skip
    return ok


def bench(path: Path, opens: int) -> bool:
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event, select

    from pmo_desktop.models import Portfolio
    from pmo_desktop.services.database import open_database
    from pmo_desktop.services.portfolio_gantt import portfolio_gantt_data
    from pmo_desktop.ui.gantt.portfolio_view import PortfolioGanttView
    from pmo_desktop.ui.workspace import Workspace

    app = QApplication.instance()
    database = open_database(path, create=False, upgrade=False)
    with database.session() as session:
        portfolio_id = session.scalars(select(Portfolio.id)).first()
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    reads = []
    for number in range(opens):
        if number == 0:
            event.listen(database.engine, "before_cursor_execute", count)
        started = time.perf_counter()
        data = portfolio_gantt_data(database, portfolio_id)
        reads.append((time.perf_counter() - started) * 1000)
        if number == 0:
            event.remove(database.engine, "before_cursor_execute", count)
    workspace = Workspace(database)
    open_times = []
    view = None
    for _ in range(opens):
        if view is not None:
            view.cancel_loading()
            view.deleteLater()
            app.processEvents()
        view = PortfolioGanttView(workspace)
        view.resize(1600, 1000)
        view.show()
        app.processEvents()
        started = time.perf_counter()
        view.show_portfolio(portfolio_id)
        _wait(view.loaded, app)
        view.tree.viewport().repaint()
        view.chart.viewport().repaint()
        view.chart.header.repaint()
        open_times.append((time.perf_counter() - started) * 1000)
    assert view is not None
    print(f"\nPortfolio Gantt: {len(data.projects):,} projects, {len(data.programmes)} programmes, "
          f"{len(data.links):,} links between projects ({path})")  # fmt: skip
    print(f"  read (worker)     {_figures(reads)}   ({len(statements)} SQL statements)")
    print(f"  open + 1st paint  {_figures(open_times)}   budget {OPEN_BUDGET_MS:.0f} ms")
    ok = statistics.median(open_times) < OPEN_BUDGET_MS
    ok &= _scroll(view, "collapsed")
    largest = sorted(data.projects, key=lambda p: p.task_count, reverse=True)[:10]
    expand_times = []
    for project in largest:
        started = time.perf_counter()
        view.expand_project(project.id)
        _wait(view.project_loaded, app)
        expand_times.append((time.perf_counter() - started) * 1000)
    print(f"  expand a project  {_figures(expand_times)}   "
          f"({sum(p.task_count for p in largest):,} tasks in 10 projects)")  # fmt: skip
    ok &= _scroll(view, "expanded ")
    chart = view.chart
    timer = QElapsedTimer()
    view.tree.verticalScrollBar().setValue(view.tree.verticalScrollBar().maximum() // 2)
    samples = []
    for factor in [1 / 1.2] * 30 + [1.2] * 30:
        timer.start()
        chart.zoom(factor, 500)
        chart.viewport().repaint()
        chart.header.repaint()
        samples.append(timer.nsecsElapsed() / 1e6)
    ok &= statistics.median(samples) < REPAINT_BUDGET_MS
    print(f"  zoom (Ctrl+wheel)                         chart {_figures(samples)}   "
          f"({len(samples)} steps)")  # fmt: skip
    view.cancel_loading()
    workspace.pool.drain()
    database.close()
    return ok


def main() -> int:
    from PySide6.QtWidgets import QApplication

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="/tmp/F-large.sqlite", help="the large portfolio")
    parser.add_argument("--opens", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("PMO Desktop bench")
    if not Path(args.db).exists():
        print(f"{args.db} is missing: build it with `pmo-desktop demo --db {args.db} "
              "--scale large --no-gui`")  # fmt: skip
        return 2
    ok = bench(Path(args.db), args.opens)
    print("\nwithin budget" if ok else "\nOVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
