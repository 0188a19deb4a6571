"""Open the large reference database and show the portfolio dashboard (budget: < 1.5 s to
first paint, the GUI thread never blocked > 100 ms; DESIGN.md §7).

    pmo-desktop demo --db /tmp/large.sqlite --scale large --no-gui     # once
    python bench/bench_dashboard.py [--db /tmp/large.sqlite] [--repeat 3]

Each run is a fresh process (cold imports of matplotlib included, as for a user): the clock
starts before `open_database` (its quick_check deferred, as in the main window) and stops
at the first paint of the table with its rows, then when every figure and chart is in
(`loaded`) and painted. A 5 ms timer on the GUI thread measures the longest stall until
`loaded`; the charts' first paint is shown apart (matplotlib draws them into images in the
worker, so the GUI thread only paints two images). Prints the median of the runs.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time

CHILD = "--child"


def _child(path: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from pmo_desktop.services.database import open_database
    from pmo_desktop.services.portfolio import list_portfolios
    from pmo_desktop.ui.portfolio_view import PortfolioView
    from pmo_desktop.ui.workspace import Workspace

    app = QApplication([])
    marks: dict[str, float] = {}
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    started = time.perf_counter()
    # As the main window does: SQLite's quick_check runs after the first paint.
    database = open_database(path, verify=False)
    marks["open"] = time.perf_counter() - started
    portfolio = list_portfolios(database)[0]
    workspace = Workspace(database)
    workspace.set_as_of(portfolio.as_of_date or workspace.as_of)
    view = PortfolioView(workspace)
    view.resize(1600, 1000)
    view.show()

    class PaintSpy(QObject):
        """The first paint of the table with its rows (the tiles have their figures)."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and view.table_model.rowCount():
                marks.setdefault("first_paint", time.perf_counter() - started)
            return False

    spy = PaintSpy()
    view.table.viewport().installEventFilter(spy)
    loop = QEventLoop()
    view.loaded.connect(loop.quit)
    ticks.append(time.perf_counter())
    ticker.start()
    view.show_portfolio(portfolio.id)
    loop.exec()
    ticks.append(time.perf_counter())
    marks["longest_stall"] = max(b - a for a, b in itertools.pairwise(ticks))
    drawing = time.perf_counter()
    view.repaint()
    marks["chart_paint"] = time.perf_counter() - drawing
    marks["loaded"] = time.perf_counter() - started
    ticker.stop()
    marks["rows"] = view.table_model.rowCount()
    print(json.dumps(marks))
    database.close()
    app.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/large.sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(args.db):
        print(f"{args.db} does not exist: build it with 'pmo-desktop demo --db {args.db} "
              "--scale large --no-gui'", file=sys.stderr)  # fmt: skip
        return 1
    runs = []
    for _ in range(args.repeat):
        output = subprocess.run(
            [sys.executable, __file__, CHILD, args.db], check=True, capture_output=True, text=True
        ).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    print(f"dashboard on {args.db} ({runs[0]['rows']} projects), median of {len(runs)} runs:")
    for key, label in (
        ("open", "open the database"),
        ("first_paint", "first paint (tiles + table)"),
        ("loaded", "all figures and charts"),
        ("longest_stall", "longest GUI stall while loading"),
        ("chart_paint", "first paint of the two charts"),
    ):
        values = [run[key] for run in runs]
        print(f"  {label:<30} {statistics.median(values) * 1000:7.0f} ms"
              f"   (runs: {', '.join(f'{v * 1000:.0f}' for v in values)})")  # fmt: skip
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == CHILD:
        _child(sys.argv[2])
    else:
        sys.exit(main())
