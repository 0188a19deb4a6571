"""Import entry points for the RAID logs and the resource pool: a workbook of ours, or a
user's own sheet of risks with a column mapping (for the GUI's mapping dialog; the mapping
part is shared with a user's task and resource sheets: `user_sheets`).

Both check the file before openpyxl opens it (size, zip ratio: `safety`), then go through
`log_import.import_sheets` (one transaction, dry run, every row error listed).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.interop.xlsx.tables import read_sheets
from pmo_desktop.services.interchange.log_import import ImportReport, import_sheets
from pmo_desktop.services.interchange.log_rows import SheetReader
from pmo_desktop.services.interchange.log_sheets import LOG_SHEETS, RISKS
from pmo_desktop.services.interchange.user_sheets import (
    RISK_COLUMNS,
    RISK_SHEET,
    UserSheet,
    map_sheet,
    read_user_sheet,
)
from pmo_desktop.services.portfolio import list_portfolios
from pmo_desktop.storage.database import Database

__all__ = [
    "RISK_COLUMNS",
    "ImportOutcome",
    "UserSheet",
    "find_portfolio",
    "import_log_workbook",
    "import_risks",
    "import_workbook",
    "is_log_workbook",
    "read_user_sheet",
]

#: Sheets only a log workbook holds (a task workbook of ours has a Resources sheet too).
_LOG_ONLY = {sheet.title.casefold() for sheet in LOG_SHEETS if sheet.title != "Resources"}
#: Sheets written for reading only.
_READ_ONLY = ("Loading",)
_TASK_SHEETS = ("Project", "Projects", "Tasks", "Assignments", "Calendar")


def is_log_workbook(sheet_names: list[str]) -> bool:
    """True for a workbook to import into a portfolio (RAID or pool sheets), False for a
    project workbook (a Tasks sheet and no log sheet: imported as a new project)."""
    keys = {name.strip().casefold() for name in sheet_names}
    return bool(keys & _LOG_ONLY) or ("resources" in keys and "tasks" not in keys)


def find_portfolio(database: Database, name: str | None) -> int:
    """The portfolio named `name` (case-insensitive), or the only one when `name` is None."""
    portfolios = list_portfolios(database)
    if name is None:
        if len(portfolios) == 1:
            return portfolios[0].id
        raise ValidationError(
            f"{database.display} holds {len(portfolios)} portfolios: name one with --portfolio."
        )
    wanted = name.strip().casefold()
    for portfolio in portfolios:
        if portfolio.name.casefold() == wanted:
            return portfolio.id
    raise NotFoundError(f"No portfolio named {name!r} in {database.display}.")


def import_log_workbook(
    database: Database, path: str | os.PathLike[str], portfolio_id: int, *, dry_run: bool = False
) -> ImportReport:
    """The log and pool sheets of a workbook of ours into the portfolio (update by ID)."""
    names, sheets = read_sheets(path, [sheet.title for sheet in LOG_SHEETS])
    report = ImportReport(portfolio_id, dry_run)
    keys = {name.strip().casefold(): name for name in names}
    for title in _READ_ONLY + _TASK_SHEETS:
        if title.casefold() in keys:
            why = "written for reading" if title in _READ_ONLY else "tasks are not updated"
            report.notes.append(f"sheet {keys[title.casefold()]!r} not imported ({why})")
    readers = [
        SheetReader.ours(sheet, sheets[sheet.title], report.errors, report.notes)
        for sheet in LOG_SHEETS
        if sheet.title in sheets
    ]
    if not readers:
        raise ValidationError("The workbook holds none of the sheets Risks, Issues, Assumptions, "
                              "Decisions, Change requests, Lessons, Resources.")  # fmt: skip
    return import_sheets(database, portfolio_id, readers, dry_run=dry_run, report=report)


def import_risks(
    database: Database,
    path: str | os.PathLike[str],
    portfolio_id: int,
    *,
    mapping: Mapping[str, str],
    sheet: str | None = None,
    dry_run: bool = True,
) -> ImportReport:
    """Risks from a user's sheet: `mapping` says which of their headers holds each of our
    columns (`RISK_COLUMNS`; "Title" at least). Rows with an ID of ours update, others are
    created with the next free code when Code is not mapped or blank."""
    mapped = map_sheet(path, RISK_SHEET, mapping, sheet)
    columns = {ours.casefold(): index for ours, index in mapped.columns.items()}
    report = ImportReport(portfolio_id, dry_run)
    reader = SheetReader(RISKS, mapped.rows, columns, report.errors, report.notes)
    return import_sheets(database, portfolio_id, [reader], dry_run=dry_run, report=report)


@dataclass(frozen=True)
class ImportOutcome:
    """What `import_workbook` did, as lines for a terminal: `ok` False when nothing was
    imported because of `errors` (each naming sheet, row and column)."""

    ok: bool
    lines: list[str]
    errors: list[str]
    report: ImportReport | None = None


def import_workbook(
    database: Database,
    path: str | os.PathLike[str],
    *,
    portfolio_name: str | None = None,
    dry_run: bool = False,
    as_new: bool = False,
) -> ImportOutcome:
    """Import an .xlsx of ours: RAID and pool sheets update the portfolio (by ID); a project
    workbook (Tasks sheet, no log sheet) is added as new project(s). The Tasks sheet of an
    export of stored projects (its project or task UIDs are in the database) updates those
    projects' tasks instead (`task_update`): checked with the other sheets, nothing written
    if any row is wrong. `as_new` adds the projects as copies even so."""
    from pmo_desktop.interop.xlsx import WorkbookError, read_workbook
    from pmo_desktop.services.interchange.excel import import_excel
    from pmo_desktop.services.interchange.task_update import (
        stored_projects,
        update_lines,
        update_tasks,
    )

    names, _ = read_sheets(path, [])
    keys = {name.strip().casefold() for name in names}
    log = is_log_workbook(names)
    book, stored, update = None, None, None
    name = os.path.basename(path)
    if "tasks" in keys and keys & {"project", "projects"} and not as_new:
        try:  # an export of stored projects (UIDs) updates their tasks: checked first
            book = read_workbook(path)
            with database.session() as session:
                stored = stored_projects(session, book)
            if stored is not None:
                update = update_tasks(database, book, stored, source=name, dry_run=True)
        except WorkbookError as error:
            if not (log or dry_run):
                raise
            return ImportOutcome(False, [], [*error.problems, "nothing imported."])
    if log:
        portfolio_id = find_portfolio(database, portfolio_name)
        report = import_log_workbook(database, path, portfolio_id, dry_run=dry_run)
        kept = [note for note in report.notes if update is None or "tasks are not" not in note]
        notes = [f"  note: {note}" for note in kept]
        if not report.ok:
            errors = [str(error) for error in report.errors]
            errors.append(f"{len(report.errors)} row error(s): nothing imported.")
            return ImportOutcome(False, notes, errors, report)
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        lines = [f"{verb} {path}: {report.summary()}.", *notes]
        if update is not None and book is not None and stored is not None:
            if not dry_run:  # the log sheets are stored: now the tasks, checked above
                update = update_tasks(database, book, stored, source=name)
            lines += update_lines(path, update)
        return ImportOutcome(True, lines, [], report)
    if update is not None and book is not None and stored is not None:
        if not dry_run:
            update = update_tasks(database, book, stored, source=name)
        return ImportOutcome(True, update_lines(path, update), [])
    if dry_run:
        if book is None:
            try:
                book = read_workbook(path)
            except WorkbookError as error:
                return ImportOutcome(False, [], [*error.problems, "nothing imported."])
        count = f"{len(book.projects)} project(s), {len(book.tasks):,} tasks"
        return ImportOutcome(True, [f"Checked (dry run, nothing written) {path}: {count}."], [])
    summary = import_excel(database, path, portfolio_name=portfolio_name, as_new=as_new)
    counts = ", ".join(
        f"{summary.counts.get(name, 0):,} {name}"
        for name in ("tasks", "dependencies", "resources", "assignments")
    )
    lines = [f"Imported {path}: projects {', '.join(summary.projects)}; {counts}."]
    lines += [f"  warning: {warning}" for warning in summary.schedule_warnings[:20]]
    if summary.report:
        lines.append(f"Not imported ({len(summary.report)}):")
        lines += [f"  {line}" for line in summary.report[:30]]
    return ImportOutcome(True, lines, [])
