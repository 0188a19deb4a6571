"""Whole-process comparison: pmo-desktop vs MPXJ vs TaskJuggler on the same 50,000-task plan.

    python bench/bench_whole_process.py [--tasks N] [--links M] [--runs R]
        [--tj-sizes 1000,2000,5000,10000] [--tj-limit SECONDS] [--workdir DIR] [--markdown]

Writes the reference-shaped portfolio plan (`bench_scheduling.build_plan`: 200 projects of
~250 tasks, here each under a project summary task; all four link types with lags and
leads; a calendar with French public holidays) as Microsoft Project XML, and the same plan
as TaskJuggler 3 (.tjp, `bench/tjp.py` says what TaskJuggler cannot express). Then times,
each as a separate OS process, wall clock from spawn to exit, median of R runs:
- `pmo-desktop schedule IN.xml --out OUT.xml` (the installed console script);
- MPXJ: `java -cp ... MpxjWholeProcess IN.xml OUT.xml` — JVM start, `MSPDIReader`,
  `MicrosoftScheduler`, `MSPDIWriter` — a driver class compiled once with `javac` (not
  timed); without `javac`, the same steps through JPype in `python -c` (interpreter start
  included);
- `tj3 plan.tjp` (scheduling plus a CSV task report; each size also once without the
  report), on smaller plans of the same shape (`--tj-sizes`), then on N tasks unless the
  growth between the two largest sizes predicts more than `--tj-limit` seconds (a run that
  outlasts it is stopped): then N is extrapolated. Skipped, with a message, without `tj3`.
It also counts the tasks whose start and finish agree between our output and MPXJ's, and
first checks on a small FS-only plan that tj3 accepts the .tjp and finds our dates.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_scheduling import PROJECTS, build_plan  # noqa: E402
from tjp import read_tj_csv, write_tjp  # noqa: E402

from pmo_desktop.interop.mspdi import (  # noqa: E402
    MspdiCalendar,
    MspdiImport,
    MspdiLink,
    MspdiTask,
    ProjectProperties,
    read_mspdi,
    to_schedule_input,
    write_mspdi,
)
from pmo_desktop.scheduling.calendar import WorkingCalendar  # noqa: E402
from pmo_desktop.scheduling.cpm import schedule  # noqa: E402
from pmo_desktop.scheduling.model import LinkSpec, ScheduleInput, TaskSpec  # noqa: E402

#: Tasks per project in the reference shape (50,000 / 200).
PER_PROJECT = 250

MPXJ_DRIVER = """\
import org.mpxj.Duration;
import org.mpxj.ProjectFile;
import org.mpxj.Task;
import org.mpxj.cpm.MicrosoftScheduler;
import org.mpxj.mspdi.MSPDIReader;
import org.mpxj.mspdi.MSPDIWriter;

/** Read an MSPDI file, schedule it as Microsoft Project would, write it back. */
public class MpxjWholeProcess {
    public static void main(String[] args) throws Exception {
        ProjectFile project = new MSPDIReader().read(args[0]);
        for (Task task : project.getTasks()) {
            // The scheduler wants the progress fields Microsoft Project always saves.
            if (task.getActualDuration() == null && task.getDuration() != null) {
                Duration duration = task.getDuration();
                task.setActualDuration(Duration.getInstance(0, duration.getUnits()));
                task.setRemainingDuration(duration);
            }
        }
        new MicrosoftScheduler().schedule(project, project.getProjectProperties().getStartDate());
        new MSPDIWriter().write(project, args[1]);
    }
}
"""

MPXJ_JPYPE = """\
import sys, jpype, mpxj
jpype.startJVM()
from org.mpxj.cpm import MicrosoftScheduler
from org.mpxj.mspdi import MSPDIReader, MSPDIWriter
project = MSPDIReader().read(sys.argv[1])
Duration = jpype.JClass("org.mpxj.Duration")
for task in project.getTasks():
    if task.getActualDuration() is None and task.getDuration() is not None:
        task.setActualDuration(Duration.getInstance(0, task.getDuration().getUnits()))
        task.setRemainingDuration(task.getDuration())
MicrosoftScheduler().schedule(project, project.getProjectProperties().getStartDate())
MSPDIWriter().write(project, sys.argv[2])
"""


@dataclass
class Row:
    """One line of the result table."""

    tool: str
    tasks: int
    samples: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def portfolio_plan(tasks: int, links: int, seed: int = 1) -> ScheduleInput:
    """`build_plan`'s portfolio with one summary task per project above its phases.

    Smaller plans keep the reference shape (~250 tasks per project, fewer projects).
    """
    projects = max(1, min(PROJECTS, tasks // PER_PROJECT))
    plan = build_plan(tasks, links, seed=seed, projects=projects)
    next_id = max(task.id for task in plan.tasks) + 1
    summaries = [
        TaskSpec(id=next_id + number, name=f"Project {number + 1}", project=number)
        for number in range(projects)
    ]
    by_project: dict[int, list[TaskSpec]] = {number: [] for number in range(projects)}
    for task in plan.tasks:
        if task.parent is None:
            task.parent = summaries[task.project].id
        by_project[task.project].append(task)
    plan.tasks = [task for summary in summaries for task in (summary, *by_project[summary.project])]
    return plan


def fs_only(plan: ScheduleInput) -> ScheduleInput:
    """The same plan with every link FS and no leads: what TaskJuggler expresses exactly."""
    links = [
        LinkSpec(link.predecessor, link.successor, "FS", max(link.lag, 0)) for link in plan.links
    ]
    return replace(plan, links=links)


def to_mspdi(plan: ScheduleInput) -> MspdiImport:
    """The plan as an MSPDI file's content: project summary (UID 0), tasks in outline order."""
    levels: dict[int | None, int] = {None: 0}
    tasks = [MspdiTask(spec=TaskSpec(id=0, name="Benchmark portfolio"), outline_level=0)]
    parents = {task.parent for task in plan.tasks}
    for task in plan.tasks:
        levels[task.id] = levels[task.parent] + 1
        tasks.append(
            MspdiTask(spec=task, outline_level=levels[task.id], summary=task.id in parents)
        )
    calendar = MspdiCalendar(
        uid=1,
        name=plan.calendar.name,
        exceptions=dict(plan.calendar.exceptions),
        spec=plan.calendar,
    )
    properties = ProjectProperties(
        name="Benchmark portfolio", title="Benchmark portfolio", start=plan.start, calendar_uid=1
    )
    links = [MspdiLink(link) for link in plan.links]
    return MspdiImport(properties, {1: calendar}, tasks, links, [], [])


def run_process(
    command: list[str], workdir: Path, label: str, timeout: float | None = None
) -> float | None:
    """Wall-clock seconds from spawn to exit, None if stopped at `timeout`.

    A failure stops the benchmark with the end of the process's output.
    """
    log = workdir / f"{label}.log"
    with log.open("wb") as stream:
        started = time.perf_counter()
        try:
            completed = subprocess.run(
                command, stdout=stream, stderr=subprocess.STDOUT, cwd=workdir, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return None
        elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise SystemExit(f"{label} failed (exit {completed.returncode}):\n{tail}")
    return elapsed


def time_runs(
    row: Row, command: list[str], workdir: Path, runs: int, label: str, timeout: float | None = None
) -> Row:
    """`runs` timed runs into `row`; stops at the first run that outlasts `timeout`."""
    for number in range(runs):
        row.load.append(os.getloadavg()[0])
        elapsed = run_process(command, workdir, label, timeout)
        if elapsed is None:
            row.load.pop()
            row.note = f"run {number + 1} stopped after {timeout:.0f} s"
            print(f"  {row.tool}, {row.tasks:,} tasks: {row.note}", flush=True)
            break
        row.samples.append(elapsed)
        print(f"  {row.tool}, {row.tasks:,} tasks, run {number + 1}: {elapsed:.2f} s", flush=True)
    return row


def mpxj_command(workdir: Path) -> tuple[list[str], str]:
    """The MPXJ driver's command line (compiled Java if `javac` is here, else JPype)."""
    import mpxj

    classpath = os.pathsep.join([str(workdir), str(Path(mpxj.__file__).parent / "lib" / "*")])
    if shutil.which("javac") and shutil.which("java"):
        source = workdir / "MpxjWholeProcess.java"
        source.write_text(MPXJ_DRIVER, encoding="utf-8")
        subprocess.run(["javac", "-cp", classpath, "-d", str(workdir), str(source)], check=True)
        return ["java", "-cp", classpath, "MpxjWholeProcess"], "java driver (javac)"
    return [sys.executable, "-c", MPXJ_JPYPE], "python -c + JPype"


def our_phases(source: Path, workdir: Path) -> str:
    """Where our process spends its time: one in-process run, step by step."""
    marks = [time.perf_counter()]
    imported = read_mspdi(source)
    marks.append(time.perf_counter())
    plan = to_schedule_input(imported)
    result = schedule(plan)
    marks.append(time.perf_counter())
    write_mspdi(imported, result, workdir / "phases.xml")
    marks.append(time.perf_counter())
    read, scheduled, written = (after - before for before, after in itertools.pairwise(marks))
    return (
        f"pmo-desktop in process: read {read:.1f} s, convert + CPM {scheduled:.1f} s, "
        f"write {written:.1f} s"
    )


def agreement(ours: Path, theirs: Path) -> tuple[int, int, int]:
    """(tasks compared, equal starts, equal finishes) between two scheduled MSPDI files."""
    mine = {task.uid: task.saved for task in read_mspdi(ours).tasks if task.outline_level > 0}
    other = {task.uid: task.saved for task in read_mspdi(theirs).tasks if task.outline_level > 0}
    common = mine.keys() & other.keys()
    starts = sum(1 for uid in common if mine[uid].start == other[uid].start)
    finishes = sum(1 for uid in common if mine[uid].finish == other[uid].finish)
    return len(common), starts, finishes


def validate_tj(workdir: Path, tasks: int = 500) -> str:
    """tj3 on a small FS-only plan vs our engine: leaf tasks with equal start and finish.

    TaskJuggler reports a start that follows a predecessor's end at that moment even in
    non-working time (17:00, a lunch break); it is compared at the next working minute,
    where the work begins, as Microsoft Project shows it.
    """
    plan = fs_only(portfolio_plan(tasks, tasks * 3 // 2, seed=3))
    path = workdir / "validate.tjp"
    result = schedule(plan)
    write_tjp(plan, path, "validate_out", horizon(result.finish))
    run_process(["tj3", "--silent", "--no-color", path.name], workdir, "tj3-validate")
    found = read_tj_csv(workdir / "validate_out.csv")
    calendar = WorkingCalendar(plan.calendar, plan.start.date())
    parents = {task.parent for task in plan.tasks}
    leaves = [task for task in plan.tasks if task.id not in parents]
    equal = 0
    for task in leaves:
        start, end = found[task.id]
        if not (task.milestone or task.duration == 0):
            start = calendar.next_start(start)
        ours = result.tasks[task.id]
        equal += (start, end) == (ours.start, ours.finish)
    return (
        f"tj3 check on a {len(plan.tasks):,}-task FS-only plan ({len(plan.links):,} links, no "
        f"leads): {equal:,} of {len(leaves):,} leaf tasks have our start and finish"
    )


def horizon(finish: datetime) -> date:
    """The end of TaskJuggler's project interval: our finish plus three months."""
    return (finish + timedelta(days=92)).date()


def tj_rows(sizes: list[int], target: int, limit: float, workdir: Path, runs: int) -> list[Row]:
    """tj3 on plans of `sizes` tasks, then on `target` unless its growth says it would
    outlast `limit` seconds (or it does): then the target's figure is extrapolated.

    Each size also runs once without the CSV report, to show what scheduling alone costs.
    """
    rows: list[Row] = []
    bare_rows: list[Row] = []
    for size in [*sizes, target]:
        plan = portfolio_plan(size, size * 3 // 2)
        final = size == target
        estimate = extrapolated(rows, len(plan.tasks)) if final and len(rows) >= 2 else None
        if estimate is not None and estimate.median > limit:
            return [*rows, estimate, *bare_rows]
        end = horizon(schedule(plan).finish)
        path = workdir / f"plan-{size}.tjp"
        report = write_tjp(plan, path, f"tj_{size}", end)
        if size == sizes[0]:
            print("  the .tjp leaves out: " + "; ".join(report.lines()), flush=True)
        bare = workdir / f"plan-{size}-no-report.tjp"
        write_tjp(plan, bare, None, end)
        command = ["tj3", "--silent", "--no-color", bare.name]
        bare_row = Row("tj3, no report", len(plan.tasks))
        time_runs(bare_row, command, workdir, 1, f"tj3-{size}-no-report", timeout=limit)
        row = Row("tj3", len(plan.tasks))
        if bare_row.samples:
            bare_rows.append(bare_row)
            command = ["tj3", "--silent", "--no-color", path.name]
            time_runs(row, command, workdir, runs if final else 1, f"tj3-{size}", limit)
        else:
            row.note = bare_row.note + " (without the report)"
        if not row.samples:
            if estimate is not None:
                estimate.note = f"{row.note}; {estimate.note}"
                return [*rows, estimate, *bare_rows]
            return [*rows, *bare_rows]
        rows.append(row)
    return [*rows, *bare_rows]


def extrapolated(rows: list[Row], target: int) -> Row:
    """A power law through the two largest (tasks, median seconds) rows, at `target` tasks.

    tj3's growth steepens with size, so the local slope is the fairer guess (still low).
    """
    (small, large) = rows[-2:]
    exponent = math.log(large.median / small.median) / math.log(large.tasks / small.tasks)
    predicted = large.median * (target / large.tasks) ** exponent
    print(f"  tj3 at {target:,} tasks: ~{predicted / 60:.1f} min predicted "
          f"(t ∝ n^{exponent:.2f} from {small.tasks:,} and {large.tasks:,} tasks)",
          flush=True)  # fmt: skip
    note = f"t ∝ n^{exponent:.2f} from the {small.tasks:,}- and {large.tasks:,}-task runs"
    return Row("tj3 (extrapolated)", target, [predicted], note=note)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def print_table(rows: list[Row], markdown: bool) -> None:
    header = ("tool", "tasks", "median s", "runs", "min – max s", "load avg (1 min)", "note")
    lines = []
    for row in rows:
        extrapolated = "extrapolated" in row.tool
        lines.append((
            row.tool,
            f"{row.tasks:,}",
            f"{row.median:.1f}" if row.median >= 10 else f"{row.median:.2f}",
            "–" if extrapolated else str(len(row.samples)),
            "–" if extrapolated else f"{min(row.samples):.2f} – {max(row.samples):.2f}",
            "–" if not row.load else f"{min(row.load):.1f} – {max(row.load):.1f}",
            row.note,
        ))  # fmt: skip
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for line in lines:
            print("| " + " | ".join(line) + " |")
        return
    widths = [max(len(line[i]) for line in (header, *lines)) for i in range(len(header))]
    for line in (header, *lines):
        print("  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=50_000)
    parser.add_argument("--links", type=int, default=75_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tj-sizes", default="1000,2000,5000,10000", help="'' to skip TaskJuggler")
    parser.add_argument(
        "--tj-limit",
        type=float,
        default=900.0,
        help="run tj3 on the full plan only if predicted below this many seconds",
    )
    parser.add_argument("--workdir", type=Path, help="keep the files here (default: temporary)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="pmo-whole-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}; started {datetime.now():%Y-%m-%d %H:%M}; files in {workdir}")

    plan = portfolio_plan(args.tasks, args.links)
    source = workdir / "plan.xml"
    write_mspdi(to_mspdi(plan), None, source)
    print(f"plan: {len(plan.tasks):,} tasks ({len(plan.tasks) - args.tasks} project summaries "
          f"added), {len(plan.links):,} links; {source.name} "
          f"{source.stat().st_size / 2**20:.0f} MiB", flush=True)  # fmt: skip

    rows = []
    ours = Path(sys.executable).with_name("pmo-desktop")
    if not ours.exists():
        ours = Path(shutil.which("pmo-desktop") or "pmo-desktop")
    command = [str(ours), "schedule", str(source), "--out", str(workdir / "ours.xml")]
    rows.append(time_runs(Row("pmo-desktop schedule", len(plan.tasks)), command, workdir,
                          args.runs, "pmo-desktop"))  # fmt: skip

    mpxj, how = mpxj_command(workdir)
    command = [*mpxj, str(source), str(workdir / "mpxj.xml")]
    rows.append(time_runs(Row("MPXJ MicrosoftScheduler", len(plan.tasks), note=how), command,
                          workdir, args.runs, "mpxj"))  # fmt: skip
    compared, starts, finishes = agreement(workdir / "ours.xml", workdir / "mpxj.xml")
    print(f"ours vs MPXJ: {compared:,} tasks compared, {starts:,} equal starts, "
          f"{finishes:,} equal finishes", flush=True)  # fmt: skip
    print(our_phases(source, workdir), flush=True)

    sizes = [int(size) for size in args.tj_sizes.split(",") if size.strip()]
    sizes = [size for size in sizes if size < args.tasks]
    if not sizes:
        print("TaskJuggler: skipped (no --tj-sizes below --tasks)")
    elif shutil.which("tj3") is None:
        print("TaskJuggler: `tj3` not found on PATH, skipped (Debian: apt-get install tj3)")
    else:
        print(validate_tj(workdir), flush=True)
        rows += tj_rows(sizes, args.tasks, args.tj_limit, workdir, args.runs)

    print()
    print(f"whole process, wall clock from spawn to exit ({date.today()}, {machine()}):")
    print_table(rows, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
