"""The desktop shell on the large reference portfolio (DESIGN.md §7, issue 4).

    python bench/bench_app.py [--db LARGE.sqlite] [--repeat 3] [--switches 20]

Each repeat is a fresh process (QT_QPA_PLATFORM=offscreen) that imports the application,
opens the database, shows the main window on the dashboard and reports:
- first paint: from process start to the first paint of the window's dashboard, and to
  the first paint showing the tiles and project table (budget 1.5 s);
- loaded: until every dashboard figure has arrived from the background;
- longest GUI-thread stall while loading, seen by a 10 ms timer from its first tick, when
  the window is on screen (budget 100 ms); `startup_block_ms` is the time before that
  tick (opening the database, building and showing the window: nothing is on screen yet);
- switching projects: opening the project view on another project until it is loaded
  (median of `--switches` projects; budget 200 ms);
- resident memory with the portfolio and the project view loaded (budget 600 MB).
Without --db the reference portfolio is built once in a temporary folder (a few minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGETS = {"data_paint_s": 1.5, "max_stall_ms": 100.0, "switch_ms": 200.0, "rss_mb": 600.0}


def _child(db: str, started: float, switches: int) -> dict[str, float]:
    """Runs in the measured process: everything from here on counts."""
    import psutil
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from pmo_desktop.app import _application
    from pmo_desktop.services.database import open_database
    from pmo_desktop.services.portfolio import list_portfolios, project_rows
    from pmo_desktop.ui.main_window import MainWindow

    app = _application(offscreen=True)
    figures: dict[str, float] = {}

    class PaintSpy(QObject):
        """First paint of the dashboard, then first paint of the table with its rows (the
        tiles are painted by then: they get their figures first)."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                figures.setdefault("first_paint_s", time.time() - started)
                view = window.portfolio_view
                if watched is view.table.viewport() and view.table_model.rowCount():
                    figures.setdefault("data_paint_s", time.time() - started)
            return False

    stall = {"last": time.perf_counter(), "max": 0.0, "ticks": 0}

    def tick() -> None:
        now = time.perf_counter()
        if stall["ticks"]:
            stall["max"] = max(stall["max"], now - stall["last"])
        else:
            figures["startup_block_ms"] = (now - stall["last"]) * 1000
        stall["ticks"] += 1
        stall["last"] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()

    database = open_database(db, verify=False)
    window = MainWindow(database, remember_layout=False, watch_changes=False)
    spy = PaintSpy()
    window.portfolio_view.installEventFilter(spy)
    window.portfolio_view.table.viewport().installEventFilter(spy)
    window.resize(1600, 1000)
    window.show()
    _wait(window.portfolio_view, QEventLoop)
    figures["loaded_s"] = time.time() - started
    figures["max_stall_ms"] = stall["max"] * 1000
    timer.stop()

    portfolio = list_portfolios(database)[0]
    projects = [row.id for row in project_rows(database, portfolio.id)][:switches]
    times = []
    for project_id in projects:
        begin = time.perf_counter()
        window.open_project(project_id)
        _wait(window.project_view, QEventLoop)
        times.append((time.perf_counter() - begin) * 1000)
    figures["switch_ms"] = statistics.median(times)
    figures["switch_max_ms"] = max(times)
    QApplication.processEvents()
    figures["rss_mb"] = psutil.Process().memory_info().rss / 2**20
    window.close()
    database.close()
    del app
    return figures


def _wait(view: object, loop_type: type) -> None:
    if view.is_loaded():  # type: ignore[attr-defined]
        return
    loop = loop_type()
    view.loaded.connect(loop.quit)  # type: ignore[attr-defined]
    if not view.is_loaded():  # type: ignore[attr-defined]
        loop.exec()


def _reference_database(workdir: Path) -> Path:
    path = workdir / "large.sqlite"
    if not path.exists():
        subprocess.run(
            [sys.executable, "-m", "pmo_desktop", "demo", "--db", str(path), "--scale", "large",
             "--no-gui", "--as-of", "2026-10-30"],
            check=True,
        )  # fmt: skip
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the large reference database (built if omitted)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--switches", type=int, default=20)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        started = float(os.environ["PMO_BENCH_STARTED"])
        print(json.dumps(_child(args.child, started, args.switches)))
        return 0
    db = Path(args.db) if args.db else _reference_database(Path(tempfile.mkdtemp()))
    runs = []
    for _ in range(args.repeat):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PMO_BENCH_STARTED=str(time.time()))
        output = subprocess.run(
            [sys.executable, __file__, "--child", str(db), "--switches", str(args.switches)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    print(f"{'figure':<16}{'median':>10}{'budget':>10}   samples")
    names = ("first_paint_s", "data_paint_s", "loaded_s", "startup_block_ms", "max_stall_ms",
             "switch_ms", "switch_max_ms", "rss_mb")  # fmt: skip
    for name in names:
        samples = [run[name] for run in runs]
        budget = BUDGETS.get(name)
        shown = ", ".join(f"{value:.3g}" for value in samples)
        print(f"{name:<16}{statistics.median(samples):>10.3g}{budget or '':>10}   {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
