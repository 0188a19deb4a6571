"""Excel interchange at the reference scale: export and import of 50,000 tasks.

    python bench/bench_excel.py [--db /tmp/large.sqlite] [--repeat R] [--workdir DIR]
                                [--profile FILE] [--export-only]

Copies the large demo database (`pmo-desktop demo --scale large`) to a temporary file,
times `export_excel` of its whole portfolio (200 projects, 50,000 tasks, 75,000 links,
100,000 assignments), then `read_workbook` alone (open, check and validate every row) and
`import_excel` of that workbook into a new empty database (read, store in one
transaction, reschedule). Budgets (DESIGN.md §7): export < 10 s, import < 15 s.
Wall and CPU (process) times are both printed: on a shared, loaded machine the CPU time
is the better estimate of the wall time on an idle one. `--profile FILE` also writes the
cProfile statistics of the (last) import to FILE (`python -m pstats FILE` to read them).
`--export-only` times the export alone (each run, with --repeat R: median over R runs).
"""

from __future__ import annotations

import argparse
import cProfile
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pmo_desktop.interop.xlsx import read_workbook
from pmo_desktop.services.database import open_database
from pmo_desktop.services.interchange import export_excel, import_excel
from pmo_desktop.services.portfolio import list_portfolios

EXPORT_BUDGET, IMPORT_BUDGET = 10.0, 15.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/large.sqlite"))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--export-only", action="store_true")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"{args.db} not found: run `pmo-desktop demo --scale large --no-gui --db {args.db}`")
        return 1
    with tempfile.TemporaryDirectory(dir=args.workdir) as folder:
        work = Path(folder)
        source = work / "large.sqlite"
        shutil.copyfile(args.db, source)  # the shared file stays untouched
        database = open_database(source, create=False)
        portfolio = list_portfolios(database)[0]
        book = work / "portfolio.xlsx"
        exports: list[tuple[float, float]] = []
        reads: list[tuple[float, float]] = []
        imports: list[tuple[float, float]] = []

        def clock() -> tuple[float, float]:
            return time.perf_counter(), time.process_time()

        def since(start: tuple[float, float]) -> tuple[float, float]:
            wall, cpu = clock()
            return wall - start[0], cpu - start[1]

        for run in range(args.repeat):
            started = clock()
            summary = export_excel(database, book, portfolio_id=portfolio.id)
            exports.append(since(started))
            if args.export_only:
                continue
            started = clock()
            read_workbook(book)
            reads.append(since(started))
            target = open_database(work / f"imported-{run}.sqlite")
            profile = cProfile.Profile() if args.profile else None
            started = clock()
            if profile is not None:
                profile.enable()
            imported = import_excel(target, book)
            if profile is not None:
                profile.disable()
            imports.append(since(started))
            if profile is not None:
                profile.dump_stats(args.profile)
            target.close()
        database.close()
        size = book.stat().st_size / 1024 / 1024
        print(
            f"workbook: {summary.projects} projects, {summary.tasks:,} tasks, "
            f"{summary.links:,} links, {summary.resources:,} resources, "
            f"{summary.assignments:,} assignments; {size:.1f} MB"
        )
        if not args.export_only:
            print(f"imported: {dict(imported.counts)}")
        for label, times, budget in (
            ("export_excel (query + write)", exports, EXPORT_BUDGET),
            ("read_workbook (check + validate)", reads, None),
            ("import_excel (read + store + reschedule)", imports, IMPORT_BUDGET),
        ):
            if not times:
                continue
            wall = statistics.median(wall for wall, _ in times)
            cpu = statistics.median(cpu for _, cpu in times)
            verdict = "" if budget is None else (" ok" if cpu < budget else " OVER BUDGET")
            limit = "" if budget is None else f" (budget {budget:.0f} s){verdict}"
            print(
                f"{label:<42} median wall {wall:6.2f} s, cpu {cpu:6.2f} s "
                f"over {len(times)} run(s){limit}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
