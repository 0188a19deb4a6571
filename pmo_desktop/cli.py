"""The command line (DESIGN.md §5). Qt is imported only when the GUI is asked for.

Exit codes: 0 success; 1 a user error, printed as one line on stderr (no traceback);
2 bad usage (argparse).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmo_desktop import __version__
from pmo_desktop.errors import PmoError, ValidationError

if TYPE_CHECKING:
    from pmo_desktop.services.database import Database

PROG = "pmo-desktop"
VIEWS = (
    "portfolio", "project", "gantt", "portfolio-gantt", "resources", "risks", "raid", "pool",
    "prioritisation", "compliance", "changes",
)  # fmt: skip
#: The board pack's choices (reports.data's, spelled here so parsing imports nothing).
LANGUAGES, PAPERS, ORIENTATIONS = ("en", "fr"), ("a4", "a3", "letter"), ("landscape", "portrait")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format=f"{PROG}: %(message)s")
    try:
        return int(args.handler(args, parser))
    except PmoError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="PMO Desktop: portfolio, schedule, resource and risk management for a PMO. "
        "Without a command, opens the desktop application.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_db(parser, "database file or URL to open (default: your own portfolio database)")
    parser.add_argument("--lang", choices=("en", "fr"), help="language of the user interface")
    parser.add_argument("--show", choices=VIEWS, help="view to show (with --screenshot)")
    parser.add_argument("--project", metavar="NAME", help="project (code or name) to show")
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1400x900")
    parser.add_argument(
        "--screenshot", type=Path, metavar="FILE.png", help="save the view as a PNG and exit"
    )
    parser.set_defaults(handler=_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = commands.add_parser(
        "demo", help="create the demo portfolio (and open it)", description=_DEMO_HELP
    )
    _add_db(demo, "where to create it (default: your own portfolio database)")
    demo.add_argument("--scale", choices=("small", "large"), default="small")
    demo.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    demo.add_argument(
        "--as-of", type=_date, metavar="YYYY-MM-DD", help="status date of the demo (default today)"
    )
    demo.add_argument("--no-gui", action="store_true", help="create the data only")
    demo.set_defaults(handler=_demo)

    check = commands.add_parser(
        "check", help="schema version, integrity and row counts of a database"
    )
    _add_db(check, "database file or URL to check", required=True)
    check.set_defaults(handler=_check)

    schedule = commands.add_parser(
        "schedule",
        help="reschedule the projects of a database and store their dates",
        description=_SCHEDULE_HELP,
    )
    schedule.add_argument(
        "file", nargs="?", type=Path, metavar="IN.xml", help="an MS Project XML file to schedule"
    )
    schedule.add_argument(
        "--out", type=Path, metavar="OUT.xml", help="where to write the scheduled XML file"
    )
    _add_db(schedule, "database file or URL (default: your own portfolio database)")
    schedule.add_argument(
        "--project", metavar="NAME", help="store only this project's dates (code or name)"
    )
    schedule.add_argument(
        "--status-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="progress is recorded up to the end of this day; work not done is not planned "
        "before it (default with IN.xml: the file's own status date, if any)",
    )
    schedule.add_argument(
        "--level",
        action="store_true",
        help="with IN.xml: level resources (delay tasks so nobody exceeds max units); the "
        "levelled dates become the start/finish and each delay the levelling delay",
    )
    schedule.set_defaults(handler=_schedule)

    report = commands.add_parser(
        "report", help="write the board pack (PDF) or the portfolio table", description=_REPORT_HELP
    )
    _add_db(report, "database file or URL (default: your own portfolio database)")
    for flag, settings in _REPORT_FLAGS:
        report.add_argument(flag, **settings)
    report.set_defaults(handler=_report)

    backup = commands.add_parser(
        "backup", help="back a database up into a new SQLite file", description=_BACKUP_HELP
    )
    _add_db(backup, "database file or URL to back up", required=True)
    backup.add_argument("--out", type=Path, required=True, metavar="FILE", help="new backup file")
    backup.set_defaults(handler=_backup)
    _register_command_modules(commands)
    return parser


#: Modules that add their own commands: each has `register(commands)`, and imports what its
#: handlers need inside them (the CLI starts without loading the application).
COMMAND_MODULES: tuple[str, ...] = (
    "pmo_desktop.cli_interchange",
    "pmo_desktop.cli_restore",
    "pmo_desktop.cli_admin",
    "pmo_desktop.cli_compliance",
    "pmo_desktop.cli_checkout",
    "pmo_desktop.cli_governance",
    "pmo_desktop.cli_templates",
    "pmo_desktop.cli_lessons",
    # one module per line, e.g. "pmo_desktop.cli_admin",
)


def _register_command_modules(commands: Any) -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)


_DEMO_HELP = (
    "Create a realistic demo portfolio: programmes, projects of every method with their "
    "schedules, resources, status reports, costs and RAID logs. --scale large creates the "
    "reference portfolio of 200 projects and 50,000 tasks used by the benchmarks."
)
_SCHEDULE_HELP = (
    "Compute every task's dates with the critical path method (Microsoft Project's rules: "
    "links, lags, constraints, calendars and holidays, progress) and store them with early "
    "and late dates, slack and critical flags. Each portfolio is scheduled in one pass, so "
    "links between projects are honoured; --project stores only that project's dates."
)
_REPORT_HELP = (
    "Write the steering committee's board pack (.pdf), or its portfolio table (.xlsx), or with "
    "--project-report one project's one-page status report (.pdf). Flags given override the "
    "--template's values (--projects or --programmes replace its whole selection). The file "
    "appears whole or not at all."
)
_BACKUP_HELP = (
    "Back a database up into a new SQLite file with SQLite's online backup API. For a "
    "PostgreSQL database the data is copied into the new file, which doubles as an offline copy."
)


def _add_db(parser: argparse.ArgumentParser, text: str, *, required: bool = False) -> None:
    # Subcommands accept --db too; SUPPRESS keeps `pmo-desktop --db X demo` working.
    default = None if parser.prog == PROG else argparse.SUPPRESS
    parser.add_argument("--db", metavar="PATH|URL", help=text, default=default, required=required)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    if not (200 <= width <= 10_000 and 200 <= height <= 10_000):
        raise argparse.ArgumentTypeError("width and height must be between 200 and 10000")
    return width, height


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _names(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError("expected one or more names separated by commas")
    return names


_REPORT_FLAGS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("--out", {"type": Path, "required": True, "metavar": "PACK.pdf|TABLE.xlsx"}),
    # SUPPRESS: `pmo-desktop --lang fr report …` (the global flag) is not reset to None.
    ("--lang", {"choices": LANGUAGES, "default": argparse.SUPPRESS,
                "help": "default: the template's, else en"}),
    ("--paper", {"choices": PAPERS, "help": "default: the template's, else a4"}),
    ("--orientation", {"choices": ORIENTATIONS, "help": "default: the template's, else landscape"}),
    ("--as-of", {"type": _date, "metavar": "YYYY-MM-DD", "help": "default: the portfolio's"}),
    ("--portfolio", {"metavar": "NAME", "help": "needed when the database holds several"}),
    ("--projects", {"type": _names, "metavar": "A,B", "help": "codes or names (default: every "
                    "active or on-hold project)"}),
    ("--programmes", {"type": _names, "metavar": "X,Y", "help": "adds their active/on-hold ones"}),
    ("--template", {"metavar": "NAME", "help": "start from this saved pack template"}),
    ("--save-template", {"metavar": "NAME", "help": "save the choices (not --as-of) as NAME"}),
    ("--project-report", {"metavar": "NAME", "help": "write this project's status report instead"}),
)  # fmt: skip


def _gui(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.show and not args.screenshot:
        parser.error("--show needs --screenshot FILE.png")
    if args.show in ("project", "gantt") and not args.project:
        parser.error(f"--show {args.show} needs --project NAME")
    from pmo_desktop.app import run_gui

    return run_gui(
        args.db,
        lang=args.lang,
        show=args.show or ("portfolio" if args.screenshot else None),
        project=args.project,
        size=args.size,
        screenshot=args.screenshot,
    )


def _demo(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.services.demo import create_demo
    from pmo_desktop.services.portfolio import list_portfolios

    database = _open(args.db)
    try:
        if list_portfolios(database):
            if args.no_gui:
                raise ValidationError(
                    f"{database.display} already holds a portfolio; "
                    "give the demo a new file with --db PATH."
                )
            print(f"{database.display} already holds a portfolio: opening it.", file=sys.stderr)
            return _open_gui(database)
        if database.read_only:
            raise ValidationError(f"{database.display} is read-only ({database.read_only_reason}).")
        started = time.perf_counter()
        summary = create_demo(
            database.engine,
            scale=args.scale,
            seed=args.seed,
            as_of=args.as_of,
            progress=_progress_printer("Creating the demo portfolio"),
        )
        elapsed = time.perf_counter() - started
    finally:
        database.close()
    counts = ", ".join(
        f"{summary.counts.get(name, 0):,} {name}"
        for name in ("projects", "tasks", "dependencies", "resources", "assignments", "risks")
    )
    print(f"Demo portfolio created in {database.display} in {elapsed:.1f} s: {counts}.")
    return 0 if args.no_gui else _open_gui(database)


def _open_gui(database: Database) -> int:
    from pmo_desktop.app import run_gui

    return run_gui(database.target.url.render_as_string(hide_password=False))


def _check(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.services.database import check_database

    database = _open(args.db, create=False, upgrade=False, verify=False, acquire_lease=False)
    try:
        report = check_database(database)
    finally:
        database.close()
    journal = f", journal mode {report.journal_mode}" if report.journal_mode else ""
    access = f"read-only: {report.read_only_reason}" if report.read_only else "read-write"
    lines = [
        f"Database:   {report.database} ({report.backend}{journal})",
        f"Schema:     {report.revision or 'none'} ({report.schema_status}; "
        f"this version knows {report.head})",
        f"Access:     {access}",
        f"Integrity:  {'ok' if report.ok else 'PROBLEMS FOUND'}",
    ]
    lines += [f"  {problem}" for problem in report.integrity if not report.ok]
    lines += report.sharing_lines()
    if report.counts:
        lines.append("Rows:")
        width = max(len(name) for name in report.counts)
        lines += [f"  {name:<{width}}  {count:>10,}" for name, count in report.counts.items()]
    print("\n".join(lines))
    return 0 if report.ok else 1


def _schedule(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.services.portfolio import find_project, list_portfolios
    from pmo_desktop.services.scheduling import reschedule

    if args.file is not None:
        if args.out is None:
            parser.error("schedule IN.xml needs --out OUT.xml")
        if args.db is not None or args.project:
            parser.error("schedule takes either IN.xml or --db, not both")
        if args.level:
            if args.status_date is not None:
                parser.error("--status-date does not go with --level yet")
            return _level_file(args.file, args.out)
        return _schedule_file(args.file, args.out, args.status_date)
    if args.out is not None:
        parser.error("--out goes with an IN.xml file")
    if args.level:
        parser.error("--level goes with an IN.xml file")

    database = _open(args.db, create=False)
    try:
        started = time.perf_counter()
        if args.project:
            project = find_project(database, args.project)
            targets = [(project.portfolio_id, [project.id])]
        else:
            targets = [(portfolio.id, None) for portfolio in list_portfolios(database)]
        summaries = [
            reschedule(database, portfolio, projects, args.status_date)
            for portfolio, projects in targets
        ]
        elapsed = time.perf_counter() - started
    finally:
        database.close()
    stored = sum(summary.stored for summary in summaries)
    critical = sum(summary.critical for summary in summaries)
    warnings = [warning for summary in summaries for warning in summary.warnings]
    finishes = [summary.finish for summary in summaries if summary.finish is not None]
    print(
        f"Stored the dates of {stored:,} tasks in {elapsed:.1f} s; {critical:,} critical"
        + (f"; latest finish {max(finishes):%Y-%m-%d %H:%M}" if finishes else "")
        + "."
    )
    _print_warnings(warnings)
    return 0


def _schedule_file(source: Path, destination: Path, status_date: date | None = None) -> int:
    from pmo_desktop.services.scheduling import schedule_file

    started = time.perf_counter()
    summary = schedule_file(source, destination, status_date)
    finish = f"; finish {summary.finish:%Y-%m-%d %H:%M}" if summary.finish else ""
    print(
        f"Scheduled {summary.tasks:,} tasks of {source} in {time.perf_counter() - started:.1f} s"
        f"{finish}; {summary.critical:,} critical; written to {destination}."
    )
    _print_warnings(summary.warnings)
    _print_not_imported(summary.not_imported)
    return 0


def _level_file(source: Path, destination: Path) -> int:
    from pmo_desktop.services.levelling import level_file

    started = time.perf_counter()
    summary = level_file(source, destination)
    finish = f"; finish {summary.finish:%Y-%m-%d %H:%M}" if summary.finish else ""
    before = f" (was {summary.finish_before:%Y-%m-%d %H:%M})" if summary.finish_before else ""
    print(
        f"Levelled {summary.tasks:,} tasks of {source} in {time.perf_counter() - started:.1f} s: "
        f"{summary.delayed:,} delayed{finish}{before}; written to {destination}."
    )
    _print_warnings(summary.warnings + summary.over_allocations)
    _print_not_imported(summary.not_imported)
    return 0


def _report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.services import reporting

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        parser.error("report writes a PDF (.pdf) or an Excel workbook (.xlsx)")
    choices = (args.projects, args.programmes, args.template, args.save_template)
    if args.project_report is not None and (suffix != ".pdf" or choices != (None,) * 4):
        parser.error("--project-report writes one project's PDF, without a selection or template")
    database = _open(args.db, create=False)
    try:
        request = reporting.PackRequest()
        if args.template is not None:
            request = reporting.load_template(database, args.template, args.portfolio).request
        request = reporting.with_overrides(
            request, portfolio=args.portfolio, projects=args.projects, programmes=args.programmes,
            as_of=args.as_of, language=args.lang, paper=args.paper, orientation=args.orientation,
        )  # fmt: skip
        if args.save_template is not None:
            saved = reporting.save_template(database, args.save_template, request)
            print(f"Saved the pack template {saved.name!r}.")
        progress = _progress_printer("Building the report")
        result = reporting.write_report(database, request, args.out, args.project_report, progress)
    finally:
        database.close()
    projects = f"{result.projects:,} project{'s' * (result.projects != 1)}"
    pages = f"{result.pages:,} page{'s' * (result.pages != 1)}"
    what = "the portfolio table" if suffix == ".xlsx" else pages
    print(f"Wrote {what} for {projects} to {result.path} in {result.seconds:.1f} s")
    return 0


def _backup(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.services.database import backup_database

    out = args.out.expanduser().absolute()
    if out.exists():
        raise ValidationError(f"{out} already exists; choose a new file for the backup.")
    database = _open(args.db, create=False, upgrade=False, verify=False)
    try:
        started = time.perf_counter()
        backup_database(
            database.engine, database.target, out, progress=_progress_printer("Backing up")
        )
    finally:
        database.close()
    print(
        f"Backup of {database.display} written to {out} in {time.perf_counter() - started:.1f} s."
    )
    return 0


def _open(location: str | None, **options: Any) -> Database:
    """Open a database; a server that wants a password gets one typed at a terminal prompt.

    Passwords are never read from a settings file: from the URL, libpq's ~/.pgpass or
    PGPASSWORD, or this prompt.
    """
    from pmo_desktop.errors import DatabaseUnreachableError
    from pmo_desktop.services.database import open_database, resolve_target

    target = resolve_target(location)
    try:
        return open_database(target, **options)
    except DatabaseUnreachableError as exc:
        if target.is_sqlite or target.url.password or "password" not in str(exc):
            raise
        if not sys.stdin.isatty():
            raise
        prompt = f"Password for {target.url.username or ''}@{target.url.host or 'localhost'}: "
        password = getpass.getpass(prompt)
        return open_database(replace(target, url=target.url.set(password=password)), **options)


def _print_warnings(warnings: Sequence[str], limit: int = 20) -> None:
    for warning in warnings[:limit]:
        print(f"  warning: {warning}")
    if len(warnings) > limit:
        print(f"  … and {len(warnings) - limit} more warnings.")


def _print_not_imported(lines: Sequence[str], limit: int = 30) -> None:
    """What a Project file held that was not imported: listed, never dropped silently."""
    if not lines:
        return
    print(f"Not imported ({len(lines)}):")
    for line in lines[:limit]:
        print(f"  {line}")
    if len(lines) > limit:
        print(f"  … and {len(lines) - limit} more.")


def _progress_printer(label: str) -> Callable[[int, int, str], None] | None:
    """Progress on stderr, only when it is a terminal (scripts get clean output)."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int, step: str) -> None:
        percent = 100 * done // total if total else 100
        sys.stderr.write(f"\r{label}: {percent:3d}% {step[:40]:<40}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report
