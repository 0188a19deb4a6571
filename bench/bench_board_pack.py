"""Board pack build time and memory (budgets: 20 projects < 5 s; 200 projects < 60 s and
< 600 MB resident; DESIGN.md §7).

    pmo-desktop demo --db /tmp/large.sqlite --scale large --no-gui     # once
    python bench/bench_board_pack.py [--db /tmp/large.sqlite] [--repeat 3]

Each run is a fresh process, as `pmo-desktop report` is for a user (cold imports of
reportlab and matplotlib included): the clock covers reading the database, assembling the
figures, rendering and writing the PDF. The peak resident memory of the process is read from
`getrusage` at the end. Prints the median of the runs and the split of the last run.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = "--child"


def _child(path: str, projects: int, out: str) -> None:
    started = time.perf_counter()
    from pmo_desktop.reports.data import PackOptions
    from pmo_desktop.services.database import open_database
    from pmo_desktop.services.portfolio import list_portfolios, project_rows
    from pmo_desktop.services.reporting import PackRequest, write_board_pack

    imported = time.perf_counter() - started
    database = open_database(path, verify=False)
    portfolio = list_portfolios(database)[0]
    codes = tuple(row.code for row in project_rows(database, portfolio.id))[:projects]
    marks: dict[str, float] = {}

    def progress(done: int, total: int, label: str) -> None:
        marks.setdefault(label or "done", time.perf_counter() - started)

    request = PackRequest(portfolio=portfolio.name, projects=codes, options=PackOptions())
    result = write_board_pack(database, request, Path(out), progress=progress)
    database.close()
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": total,
                "imports": imported,
                "pages": result.pages,
                "projects": result.projects,
                "peak_mb": peak,
                "bytes": Path(out).stat().st_size,
                "marks": marks,
            }
        )
    )


def _run(path: str, projects: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "pack.pdf")
        done = subprocess.run(
            [sys.executable, __file__, CHILD, path, str(projects), out],
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/large.sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="20,200", help="project counts to pack")
    args = parser.parse_args()
    for size in (int(text) for text in args.sizes.split(",")):
        runs = [_run(args.db, size) for _ in range(args.repeat)]
        seconds = statistics.median(run["seconds"] for run in runs)
        peak = max(run["peak_mb"] for run in runs)
        last = runs[-1]
        each = ", ".join(f"{run['seconds']:.2f}" for run in runs)
        print(
            f"{last['projects']:>4} projects: {seconds:6.2f} s median of {args.repeat} "
            f"(runs {each}), "
            f"{last['pages']} pages, {last['bytes'] / 1e6:.1f} MB file, "
            f"peak RSS {peak:.0f} MB, imports {last['imports']:.2f} s"
        )
        marks = last["marks"]
        phases = {
            "figures assembled": marks.get("done"),
            "pages laid out": marks.get("Page 1 of " + str(last["pages"])),
            "written": marks.get("Done"),
        }
        print(
            "      last run, s from start: imports "
            f"{last['imports']:.2f}, "
            + ", ".join(f"{name} {value:.2f}" for name, value in phases.items() if value)
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == CHILD:
        _child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        main()
