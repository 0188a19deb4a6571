"""Switching projects in the project view on the large reference portfolio (budget 200 ms).

    python bench/bench_project_view.py [--db /tmp/large.sqlite] [--switches 40]

Opens the database, shows the project view at 1400×900 (offscreen) and switches between
projects picked at random (seeded): each switch is timed from `show_project` until the view
has emitted `loaded` and the events it queued (layout, paint) are processed. Also printed:
the read alone (`project_detail`, worker side), the GUI-thread part (showing a loaded
detail) and the longest GUI-thread stall seen by a 10 ms timer during the switches (budget
100 ms). Without --db the portfolio is built once in a temporary folder (a few minutes).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SWITCH_BUDGET_MS = 200.0
STALL_BUDGET_MS = 100.0


def _large_database(path: str | None) -> str:
    if path:
        return path
    from pmo_desktop.services.database import open_database
    from pmo_desktop.services.demo import create_demo

    target = Path(tempfile.mkdtemp()) / "large.sqlite"
    database = open_database(target)
    create_demo(database.write_engine, scale="large")
    database.close()
    return str(target)


def _summary(name: str, values: list[float], budget: float | None = None) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    verdict = ""
    if budget is not None:
        verdict = "  (budget {:.0f} ms: {})".format(
            budget, "ok" if statistics.median(values) < budget else "OVER"
        )
    return (
        f"{name:<34} median {statistics.median(values):7.1f} ms   p90 {p90:7.1f} ms   "
        f"max {ordered[-1]:7.1f} ms{verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="the large reference database (built if omitted)")
    parser.add_argument("--switches", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from pmo_desktop.models import Project, Task
    from pmo_desktop.services.database import open_database
    from pmo_desktop.services.projects import project_detail
    from pmo_desktop.ui.project_view import ProjectView
    from pmo_desktop.ui.workspace import Workspace

    app = QApplication.instance() or QApplication(sys.argv)
    database = open_database(_large_database(arguments.db))
    with database.session() as session:
        projects = list(session.scalars(select(Project.id).order_by(Project.id)))
        tasks = session.scalar(select(func.count()).select_from(Task))
    print(f"{database.display}: {len(projects)} projects, {tasks:,} tasks")
    rng = random.Random(arguments.seed)
    picks = [rng.choice(projects) for _ in range(arguments.switches + 1)]

    workspace = Workspace(database)
    view = ProjectView(workspace)
    view.resize(1400, 900)
    view.show()

    longest_stall = 0.0
    ticker = QElapsedTimer()
    ticker.start()
    last_tick = [0.0]

    def tick() -> None:
        nonlocal longest_stall
        now = ticker.nsecsElapsed() / 1e6
        longest_stall = max(longest_stall, now - last_tick[0] - 10.0)
        last_tick[0] = now

    def switch(project_id: int) -> float:
        loop = QEventLoop()
        view.loaded.connect(loop.quit)
        started = time.perf_counter()
        view.show_project(project_id)
        if not view.is_loaded():
            loop.exec()
        view.loaded.disconnect(loop.quit)
        QApplication.processEvents()  # the layout and paint the new data asked for
        return (time.perf_counter() - started) * 1000

    switch(picks[0])  # warm-up: imports, first layout, caches
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    last_tick[0] = ticker.nsecsElapsed() / 1e6
    timer.start()
    for page in range(view.tabs.count()):  # every page laid out once
        view.tabs.setCurrentIndex(page)
        app.processEvents()
    view.tabs.setCurrentIndex(1)  # the status reports: the busiest page
    switches = [switch(project_id) for project_id in picks[1:]]
    timer.stop()

    reads = []
    shows = []
    for project_id in picks[1:]:
        started = time.perf_counter()
        detail = project_detail(database, project_id)
        reads.append((time.perf_counter() - started) * 1000)
        view._detail = detail
        started = time.perf_counter()
        view._show_detail()
        view.repaint()
        shows.append((time.perf_counter() - started) * 1000)

    print(_summary("switch project (show → loaded)", switches, SWITCH_BUDGET_MS))
    print(_summary("  read project_detail (worker)", reads))
    print(_summary("  show + paint (GUI thread)", shows, STALL_BUDGET_MS))
    verdict = "ok" if longest_stall < STALL_BUDGET_MS else "OVER"
    print(
        f"{'longest GUI-thread stall':<34} {max(longest_stall, 0.0):7.1f} ms"
        f"  (budget {STALL_BUDGET_MS:.0f} ms: {verdict})"
    )
    database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
