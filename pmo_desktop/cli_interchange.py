"""`pmo-desktop import` and `pmo-desktop export`: MS Project XML and Excel workbooks."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

_IMPORT_HELP = (
    "Add a Microsoft Project XML file (File › Save As › XML in Microsoft Project) as a new "
    "project — calendars, outline, durations, constraints, links, resources, assignments, "
    "baselines, progress — then schedule it; what PMO Desktop does not use is listed. An "
    "Excel workbook (.xlsx) of ours with RAID or resource sheets updates the portfolio (rows "
    "with an ID update that row, others are added); one with only project sheets adds its "
    "projects. Every row is checked first: any problem changes nothing (exit 1, problems on "
    "stderr); --dry-run only checks."
)
_SHEETS = "comma-separated among tasks, risks, issues, assumptions, decisions, changes, lessons, "
_SHEETS += "resources, loading"
_EXPORT_HELP = (
    "Write one project (--project) or a portfolio's projects (--portfolio) as Microsoft "
    "Project XML (.xml; a portfolio becomes a master project) or an Excel workbook (.xlsx): "
    "tasks with computed dates, links, assignments; risks and actions, issues, assumptions, "
    "decisions, change requests, lessons; the resource pool and rates; the loading grid (a "
    "portfolio's next 26 weeks). --sheets picks some."
)


def register(commands: Any) -> None:
    """Add the `import` and `export` commands to the CLI's subparsers."""
    from pmo_desktop import cli

    importer = commands.add_parser(
        "import",
        help="import a Microsoft Project XML file or an Excel workbook",
        description=_IMPORT_HELP,
    )
    importer.add_argument(
        "file", type=Path, metavar="FILE", help="MS Project XML (.xml) or Excel (.xlsx) file"
    )
    cli._add_db(importer, "database file or URL (default: your own portfolio database)")
    importer.add_argument("--portfolio", metavar="NAME", help="portfolio to update or add to")
    importer.add_argument("--dry-run", action="store_true", help="check every row; write nothing")
    importer.add_argument(
        "--as-new",
        action="store_true",
        help="Excel: add the workbook's projects as new ones even when its UIDs are stored "
        "(by default a re-imported export updates its tasks)",
    )
    importer.set_defaults(handler=_import)

    exporter = commands.add_parser(
        "export",
        help="export a project or a portfolio as MS Project XML or Excel",
        description=_EXPORT_HELP,
    )
    cli._add_db(exporter, "database file or URL (default: your own portfolio database)")
    which = exporter.add_mutually_exclusive_group(required=True)
    which.add_argument("--project", metavar="NAME", help="project code or name")
    which.add_argument("--portfolio", metavar="NAME", help="portfolio name: all its projects")
    exporter.add_argument(
        "--out", type=Path, required=True, metavar="FILE.xml|FILE.xlsx", help="file to write"
    )
    exporter.add_argument("--sheets", metavar="LIST", help="Excel only (default: all): " + _SHEETS)
    exporter.set_defaults(handler=_export)


def _import(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.services.interchange import import_mspdi
    from pmo_desktop.services.interchange.log_workbook import import_workbook

    suffix = args.file.suffix.lower()
    if suffix not in (".xml", ".xlsx"):
        parser.error("import reads Microsoft Project XML (.xml) or Excel (.xlsx) files")
    if suffix == ".xml" and args.dry_run:
        parser.error("--dry-run applies to Excel workbooks (.xlsx)")
    database = cli._open(args.db)
    try:
        started = time.perf_counter()
        if suffix == ".xlsx":
            outcome = import_workbook(
                database,
                args.file,
                portfolio_name=args.portfolio,
                dry_run=args.dry_run,
                as_new=args.as_new,
            )
        else:
            summary = import_mspdi(database, args.file, portfolio_name=args.portfolio)
        elapsed = time.perf_counter() - started
    finally:
        database.close()
    if suffix == ".xlsx":
        print("\n".join([*outcome.lines, f"({elapsed:.1f} s)"]))
        sys.stderr.write("".join(f"{cli.PROG}: {error}\n" for error in outcome.errors))
        return 0 if outcome.ok else 1
    counts = ", ".join(
        f"{summary.counts.get(name, 0):,} {name}"
        for name in ("tasks", "dependencies", "resources", "assignments", "baselines")
    )
    print(f"Imported {args.file} as project {summary.project_code} in {elapsed:.1f} s: {counts}.")
    cli._print_warnings(summary.schedule_warnings)
    cli._print_not_imported(summary.report)
    return 0


def _export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.services.interchange import export_excel, export_mspdi, export_mspdi_portfolio
    from pmo_desktop.services.interchange.log_workbook import find_portfolio
    from pmo_desktop.services.portfolio import find_project

    suffix = args.out.suffix.lower()
    if suffix not in (".xml", ".xlsx"):
        parser.error("export writes Microsoft Project XML (.xml) or Excel (.xlsx) files")
    if suffix == ".xml" and args.sheets:
        parser.error("--sheets applies to Excel workbooks (.xlsx); MS Project XML has tasks only")
    sheets = [name.strip().casefold() for name in (args.sheets or "").split(",") if name.strip()]
    out = args.out.expanduser().absolute()
    database = cli._open(args.db, create=False)
    try:
        if args.portfolio is not None:
            name, project_id = args.portfolio, None
            portfolio_id = find_portfolio(database, args.portfolio)
        else:
            project = find_project(database, args.project)
            name, portfolio_id, project_id = project.code, None, project.id
        if suffix == ".xlsx":
            book = export_excel(
                database, out, project_id=project_id, portfolio_id=portfolio_id, sheets=sheets
            )
        elif portfolio_id is not None:
            summary = export_mspdi_portfolio(database, portfolio_id, out)
        else:
            summary = export_mspdi(database, project.id, out)
    finally:
        database.close()
    if suffix == ".xlsx":
        rows = ", ".join(f"{title} {count:,}" for title, count in book.sheets.items())
        plan = f"{book.projects:,} projects, {book.tasks:,} tasks, {book.links:,} links; "
        print(f"Exported {name} to {args.out}: {plan * (book.tasks > 0)}rows: {rows}.")
        cli._print_warnings(book.warnings)
        return 0
    print(
        f"Exported {name} to {args.out}: {summary.tasks:,} tasks, {summary.links:,} "
        f"links, {summary.resources:,} resources, {summary.assignments:,} assignments."
    )
    cli._print_warnings(summary.warnings)
    return 0
