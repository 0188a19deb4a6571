"""Reader of PSPLIB single-mode RCPSP instances (.sm) and their optimum tables.

Files are untrusted input: anything malformed raises ValueError naming the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from pmo_desktop.scheduling.rcpsp import RcpspProblem, critical_path_bound

__all__ = ["read_optimum", "read_sm"]

_COUNT = re.compile(r"^\s*(jobs|- renewable|- nonrenewable|- doubly constrained)[^:]*:\s*(\d+)")


class _Lines:
    """Numbered non-blank lines of a file, with errors that say where."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            text = path.read_text(encoding="ascii")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{path.name}: not a PSPLIB text file ({exc.reason})") from None
        self.lines = text.splitlines()
        self.i = 0

    def error(self, message: str, lineno: int | None = None) -> ValueError:
        return ValueError(f"{self.path.name}:{lineno or self.i}: {message}")

    def next(self, what: str) -> tuple[int, str]:
        while self.i < len(self.lines):
            line = self.lines[self.i]
            self.i += 1
            if line.strip():
                return self.i, line
        raise self.error(f"unexpected end of file, expected {what}", len(self.lines))

    def ints(self, what: str, minimum: int) -> tuple[int, list[int]]:
        lineno, line = self.next(what)
        try:
            values = [int(x) for x in line.split()]
        except ValueError:
            raise self.error(f"expected {what}, got {line.strip()!r}", lineno) from None
        if len(values) < minimum:
            raise self.error(f"expected {what} ({minimum}+ numbers), got {line.strip()!r}", lineno)
        if any(v < 0 for v in values):
            raise self.error(f"negative number in {what}", lineno)
        return lineno, values

    def seek(self, header: str) -> None:
        while self.i < len(self.lines):
            self.i += 1
            if self.lines[self.i - 1].strip().upper().startswith(header):
                return
        raise self.error(f"missing section {header!r}", len(self.lines))


def read_sm(path: str | Path) -> tuple[RcpspProblem, str]:
    """Parse a single-mode PSPLIB .sm file; returns the problem and its name (the file name)."""
    path = Path(path)
    src = _Lines(path)
    counts: dict[str, int] = {}
    for line in src.lines:
        if line.strip().upper().startswith("PRECEDENCE RELATIONS"):
            break
        m = _COUNT.match(line)
        if m:
            counts[m.group(1)] = int(m.group(2))
    for key in ("jobs", "- renewable"):
        if key not in counts:
            raise src.error(f"missing the number of {key.lstrip('- ')}", 1)
    n, k = counts["jobs"], counts["- renewable"]
    n_other = counts.get("- nonrenewable", 0) + counts.get("- doubly constrained", 0)
    if counts.get("- doubly constrained", 0):
        raise src.error("doubly constrained resources are not supported", 1)
    if n < 1 or n > 100_000 or k > 1000:
        raise src.error(f"implausible size: {n} jobs, {k} renewable resources", 1)

    src.seek("PRECEDENCE RELATIONS")
    src.next("the precedence header")
    successors: list[list[int]] = []
    for j in range(1, n + 1):
        lineno, row = src.ints(f"precedence line of job {j}", 3)
        if row[0] != j:
            raise src.error(f"expected job {j}, got {row[0]}", lineno)
        if row[1] != 1:
            raise src.error(f"job {j} has {row[1]} modes; only single-mode is supported", lineno)
        if len(row) != 3 + row[2]:
            raise src.error(f"job {j} announces {row[2]} successors, lists {len(row) - 3}", lineno)
        for s in row[3:]:
            if not 1 <= s <= n or s == j:
                raise src.error(f"job {j} has an invalid successor {s}", lineno)
        successors.append([s - 1 for s in row[3:]])

    src.seek("REQUESTS/DURATIONS")
    src.next("the requests header")
    lineno, dashes = src.next("the dashed line")
    if not dashes.strip().startswith("-"):
        src.i -= 1
    durations: list[int] = []
    demands: list[list[int]] = []
    for j in range(1, n + 1):
        lineno, row = src.ints(f"request line of job {j}", 3 + k + n_other)
        if row[0] != j or row[1] != 1:
            raise src.error(f"expected job {j} in mode 1, got {row[0]} {row[1]}", lineno)
        if len(row) != 3 + k + n_other:
            raise src.error(f"job {j} has {len(row) - 3} requests, expected {k + n_other}", lineno)
        durations.append(row[2])
        demands.append(row[3 : 3 + k])

    src.seek("RESOURCEAVAILABILITIES")
    src.next("the resource names")
    lineno, caps = src.ints("resource availabilities", k + n_other)
    capacities = caps[:k]
    for j, row in enumerate(demands):
        for r, q in enumerate(row):
            if q > capacities[r]:
                raise src.error(
                    f"job {j + 1} requests {q} of R{r + 1}, more than its availability "
                    f"{capacities[r]}",
                    lineno,
                )
    problem = RcpspProblem(
        durations=durations, successors=successors, capacities=capacities, demands=demands
    )
    try:
        critical_path_bound(problem)
    except ValueError as exc:
        raise src.error(str(exc), 1) from None
    return problem, path.name


def read_optimum(csv_path: str | Path) -> dict[str, tuple[int, int]]:
    """Map problem name to (lower, upper) makespan bounds; equal when the optimum is known.

    Open instances read `lb..ub`; a missing lower bound (`..ub`) reads as 0.
    """
    path = Path(csv_path)
    src = _Lines(path)
    result: dict[str, tuple[int, int]] = {}
    for lineno, line in enumerate(src.lines, 1):
        text = line.strip()
        if not text or (lineno == 1 and text.lower().startswith("problem")):
            continue
        parts = [p.strip() for p in text.split(",")]
        if len(parts) != 2 or not parts[0]:
            raise src.error(f"expected 'problem,optimum', got {text!r}", lineno)
        name, value = parts
        try:
            if ".." in value:
                lo_s, hi_s = value.split("..", 1)
                lo, hi = int(lo_s) if lo_s.strip() else 0, int(hi_s)
            else:
                lo = hi = int(value)
        except ValueError:
            raise src.error(f"bad makespan {value!r}", lineno) from None
        if lo < 0 or hi < lo:
            raise src.error(f"bad bounds {value!r}", lineno)
        if name in result:
            raise src.error(f"duplicate problem {name!r}", lineno)
        result[name] = (lo, hi)
    return result
