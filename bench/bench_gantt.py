"""The Gantt view at scale: open a project, then repaint while scrolling and zooming.

    python bench/bench_gantt.py [--db /tmp/large.sqlite] [--big PATH] [--opens 5] [--step 1]

Two projects: the largest project of the large reference portfolio (read only) and a
generated 10,000-task project (bench/gantt_project.py, rescheduled by the real engine; built
once in a temporary folder unless --big names an existing file). The view is shown at
1400×900 (offscreen).

- open: a new GanttView, from `show_project` until `loaded` and the paint events it queued
  are processed (budget 1 s); the worker-side read (`gantt_data`) is printed too;
- scroll: at each zoom level, a scripted scroll through the whole project one page at a time
  (`--step` pages), the chart following the first visible task's start; each step is one
  `repaint()` of the chart (and of its time scale) timed with QElapsedTimer (budget 16 ms),
  the table's repaint (a stock QTreeView) timed apart, just before;
- zoom: 30 Ctrl+wheel steps out then in, around a row in the middle, each one repaint.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

OPEN_BUDGET_MS = 1000.0
REPAINT_BUDGET_MS = 16.0


def _big_project(path: str | None) -> Path:
    from gantt_project import build_large_project

    from pmo_desktop.services.database import open_database

    if path and Path(path).exists():
        return Path(path)
    target = Path(path) if path else Path(tempfile.mkdtemp()) / "gantt-10k.sqlite"
    database = open_database(target)
    try:
        build_large_project(database)
    finally:
        database.close()
    return target


def _largest(database: object) -> int:
    from sqlalchemy import func, select

    from pmo_desktop.models import Task

    with database.session() as session:  # type: ignore[attr-defined]
        return session.execute(
            select(Task.project_id).group_by(Task.project_id).order_by(func.count().desc())
        ).first()[0]


def _figures(samples: list[float]) -> str:
    return f"median {statistics.median(samples):6.2f} ms   max {max(samples):6.2f} ms"


def bench_project(label: str, path: Path, opens: int, step: float) -> bool:
    import time

    from PySide6.QtCore import QElapsedTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    from pmo_desktop.services.database import open_database
    from pmo_desktop.services.gantt import gantt_data
    from pmo_desktop.ui.gantt.view import GanttView
    from pmo_desktop.ui.workspace import Workspace

    app = QApplication.instance()
    database = open_database(path, create=False, upgrade=False)
    project_id = _largest(database)
    workspace = Workspace(database)
    reads, open_times = [], []
    for _ in range(opens):
        started = time.perf_counter()
        data = gantt_data(database, project_id)
        reads.append((time.perf_counter() - started) * 1000)
    view = None
    for _ in range(opens):
        if view is not None:
            view.deleteLater()
            app.processEvents()
        view = GanttView(workspace)
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        loop = QEventLoop()
        view.loaded.connect(loop.quit)
        started = time.perf_counter()
        view.show_project(project_id)
        loop.exec()
        app.processEvents()
        open_times.append((time.perf_counter() - started) * 1000)
    assert view is not None
    print(f"\n{label}: {len(data.tasks):,} tasks, {len(data.links):,} links ({path})")
    print(f"  read (worker)     {_figures(reads)}")
    print(f"  open in the view  {_figures(open_times)}   budget {OPEN_BUDGET_MS:.0f} ms")
    ok = statistics.median(open_times) < OPEN_BUDGET_MS

    chart, table = view.chart, view.table
    timer = QElapsedTimer()
    scrollbar = table.verticalScrollBar()
    page = max(1, round(table.viewport().height() * step))
    for level in view.zoom_levels():
        chart.set_pixels_per_day(level.pixels_per_day)
        chart_samples, table_samples = [], []
        for value in range(0, scrollbar.maximum() + page, page):
            scrollbar.setValue(min(value, scrollbar.maximum()))
            row = chart.row_at(0)
            if row is not None:
                task = view.model.task_at(table.rows[row])
                if task.start is not None:
                    chart.scroll_to(task.start)
            timer.start()
            table.viewport().repaint()
            table_samples.append(timer.nsecsElapsed() / 1e6)
            timer.start()
            chart.viewport().repaint()
            chart.header.repaint()
            chart_samples.append(timer.nsecsElapsed() / 1e6)
        ok &= statistics.median(chart_samples) < REPAINT_BUDGET_MS
        name = level.name.ljust(20)
        print(f"  scroll {name} chart {_figures(chart_samples)}   "
              f"table {_figures(table_samples)}   ({len(chart_samples)} steps)")  # fmt: skip
    scrollbar.setValue(scrollbar.maximum() // 2)
    app.processEvents()
    samples = []
    for factor in [1 / 1.2] * 30 + [1.2] * 30:
        timer.start()
        chart.zoom(factor, 500)
        chart.viewport().repaint()
        chart.header.repaint()
        samples.append(timer.nsecsElapsed() / 1e6)
    ok &= statistics.median(samples) < REPAINT_BUDGET_MS
    print(f"  zoom (Ctrl+wheel)                 chart {_figures(samples)}   ({len(samples)} steps)")
    view.cancel_loading()
    workspace.pool.drain()
    database.close()
    return ok


def main() -> int:
    from PySide6.QtWidgets import QApplication

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="/tmp/large.sqlite", help="the large reference portfolio")
    parser.add_argument("--big", help="the generated 10,000-task project (built if missing)")
    parser.add_argument("--opens", type=int, default=5)
    parser.add_argument("--step", type=float, default=1.0, help="scroll step, in pages")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("PMO Desktop bench")
    ok = True
    if Path(args.db).exists():
        ok &= bench_project("Largest project of the reference portfolio", Path(args.db),
                            args.opens, args.step)  # fmt: skip
    else:
        print(f"{args.db} is missing: build it with `pmo-desktop demo --db {args.db} "
              "--scale large --no-gui`")  # fmt: skip
    ok &= bench_project("Generated project", _big_project(args.big), args.opens, args.step)
    print("\nwithin budget" if ok else "\nOVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
