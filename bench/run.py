"""Benchmarks of PMO Desktop against the budgets of DESIGN.md §7.

    python bench/run.py [--only NAME] [--repeat N] [--json FILE] [--workdir DIR]

Each benchmark runs the real thing (whole `pmo-desktop` processes where a user would wait
for one) several times and reports the median beside its budget. Figures go to
docs/BENCHMARKS.md by hand, with the machine they were measured on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

AS_OF = "2026-10-30"


@dataclass
class Result:
    name: str
    unit: str
    budget: float
    samples: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def within_budget(self) -> bool:
        return self.median <= self.budget


@dataclass
class Context:
    workdir: Path
    repeat: int

    @property
    def large_path(self) -> Path:
        return self.workdir / "large.sqlite"

    def large_database(self) -> Path:
        """The reference portfolio (`demo --scale large`), created once per work folder."""
        if not self.large_path.exists():
            pmo(
                "demo",
                "--scale",
                "large",
                "--no-gui",
                "--db",
                str(self.large_path),
                "--as-of",
                AS_OF,
            )
        return self.large_path


def pmo(*args: str) -> tuple[float, int]:
    """Run `pmo-desktop ARGS` in a fresh process: wall seconds and peak RSS in MiB."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "pmo_desktop", *args],
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
        )
        # wait4 gives this child's own peak RSS, which Popen.wait() does not.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"pmo-desktop {' '.join(args)} failed: {message}")
    return elapsed, usage.ru_maxrss // 1024


def bench_demo_large(context: Context) -> list[Result]:
    """`pmo-desktop demo --scale large --no-gui` on a new SQLite file, whole process."""
    result = Result("demo --scale large (SQLite, whole command)", "s", 60.0)
    for run in range(context.repeat):
        path = context.workdir / f"demo-large-{run}.sqlite"
        path.unlink(missing_ok=True)
        seconds, _ = pmo(
            "demo", "--scale", "large", "--no-gui", "--db", str(path), "--as-of", AS_OF
        )
        result.samples.append(seconds)
        if context.large_path.exists():
            path.unlink()
        else:
            path.rename(context.large_path)
    return [result]


def bench_demo_large_postgres(context: Context) -> list[Result]:
    """The same on PostgreSQL (server named by PMO_BENCH_POSTGRES_URL), a new database each run."""
    server = os.environ.get("PMO_BENCH_POSTGRES_URL")
    if not server:
        print("demo_large_postgres: PMO_BENCH_POSTGRES_URL not set, skipped", file=sys.stderr)
        return []
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(server).set(drivername="postgresql+psycopg")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    result = Result("demo --scale large (PostgreSQL, whole command)", "s", 60.0)
    try:
        for run in range(context.repeat):
            name = f"pmo_bench_{os.getpid()}_{run}"
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                target = url.set(database=name).render_as_string(hide_password=False)
                seconds, _ = pmo(
                    "demo", "--scale", "large", "--no-gui", "--db", target, "--as-of", AS_OF
                )
                result.samples.append(seconds)
            finally:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
    return [result]


def bench_open_large(context: Context) -> list[Result]:
    """Open the large database and show the portfolio window: process start to screenshot."""
    database = context.large_database()
    shown = Result("open large database + show portfolio window (whole process)", "s", 1.5)
    memory = Result("resident memory, large portfolio open in the window", "MiB", 600.0)
    loaded = Result("open large database + load tree and project list (in process)", "s", 1.5)
    png = context.workdir / "open-large.png"
    for _ in range(context.repeat):
        seconds, rss = pmo("--db", str(database), "--show", "portfolio", "--screenshot", str(png))
        shown.samples.append(seconds)
        memory.samples.append(rss)
        loaded.samples.append(_load_in_process(database))
    shown.note = "includes Python and Qt start-up"
    return [shown, loaded, memory]


def _load_in_process(database: Path) -> float:
    code = (
        "import time, sys\n"
        "t = time.perf_counter()\n"
        "from pmo_desktop.services.database import open_database\n"
        "from pmo_desktop.services.portfolio import list_portfolios, portfolio_tree, project_rows\n"
        f"db = open_database({str(database)!r})\n"
        "p = list_portfolios(db)[0]\n"
        "portfolio_tree(db, p.id); project_rows(db, p.id)\n"
        "print(time.perf_counter() - t)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return float(output.stdout.strip())


BENCHMARKS: dict[str, Callable[[Context], list[Result]]] = {
    "demo_large": bench_demo_large,
    "demo_large_postgres": bench_demo_large_postgres,
    "open_large": bench_open_large,
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(BENCHMARKS), action="append")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--workdir", type=Path, help="keep databases here (default: a temp dir)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pmo-bench-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        context = Context(workdir, args.repeat)
        results: list[Result] = []
        for name in args.only or list(BENCHMARKS):
            print(f"running {name} …", file=sys.stderr, flush=True)
            results += BENCHMARKS[name](context)

    print(f"Machine: {machine()}")
    print(f"{'benchmark':<66} {'median':>10} {'min':>9} {'max':>9} {'budget':>9}  ok")
    for result in results:
        print(
            f"{result.name:<66} {result.median:>8.2f}{result.unit:>2} {min(result.samples):>9.2f} "
            f"{max(result.samples):>9.2f} {result.budget:>7.1f}{result.unit:>2}  "
            f"{'yes' if result.within_budget else 'NO'}"
        )
    if args.json:
        payload = {
            "machine": machine(),
            "results": [asdict(r) | {"median": r.median} for r in results],
        }
        args.json.write_text(json.dumps(payload, indent=2))
    return 0 if all(result.within_budget for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
