"""`pmo-desktop lessons` and `pmo-mode`: the portfolio's lessons learned searched, its PMO
operating mode shown or changed (issue 9). Shares its helpers with `cli_templates`.
"""

from __future__ import annotations

import argparse
from typing import Any

from pmo_desktop.cli_templates import _dump, _portfolio_id

MODES = ("supportive", "controlling", "directive")
_MODE_TEXT = {
    "supportive": "the PMO advises: a gate with required items open may pass, with a warning",
    "controlling": "a gate with required items open passes only as 'Go with conditions'",
    "directive": "a gate is blocked until every required item is met; only a PMO "
    "administrator decides",
}

_LESSONS_HELP = (
    "Search the portfolio's lessons learned (every project's and the portfolio's own). "
    "--search keeps lessons holding every word given (in code, title, project, owner, "
    "category, phase, method, tags, description or recommendation); --phase, --category and "
    "--method keep those whose field is that value (case-insensitive)."
)
_PMO_MODE_HELP = (
    "Show the portfolio's PMO operating mode, or change it with --set: supportive (the PMO "
    "advises), controlling (gates with open required items pass only with conditions), "
    "directive (gates blocked until every required item is met, decided by a PMO "
    "administrator). The change is recorded in the audit trail. On a server only a PMO "
    "administrator may change it; a read-only database is refused."
)


def register(commands: Any) -> None:
    """Add the `lessons` and `pmo-mode` commands."""
    from pmo_desktop import cli

    db_help = "database file or URL (default: your own portfolio database)"
    fmt = {"choices": ("text", "json"), "default": "text", "help": "output format (default text)"}

    lessons = commands.add_parser(
        "lessons", help="search the portfolio's lessons learned", description=_LESSONS_HELP
    )
    cli._add_db(lessons, db_help)
    lessons.add_argument("--portfolio", metavar="NAME", help="needed when there are several")
    lessons.add_argument("--search", default="", metavar="TEXT", help="words to look for")
    lessons.add_argument("--phase", metavar="PHASE", help="e.g. Planning")
    lessons.add_argument("--category", metavar="CATEGORY", help="e.g. Resources")
    lessons.add_argument("--method", metavar="METHOD", help="waterfall, agile or hybrid")
    lessons.add_argument("--format", **fmt)
    lessons.set_defaults(handler=_lessons)

    mode = commands.add_parser(
        "pmo-mode", help="show or change the PMO operating mode", description=_PMO_MODE_HELP
    )
    cli._add_db(mode, db_help)
    mode.add_argument("--portfolio", metavar="NAME", help="needed when there are several")
    mode.add_argument("--set", choices=MODES, dest="mode", help="the new mode")
    mode.add_argument("--format", **fmt)
    mode.set_defaults(handler=_pmo_mode)


# --- lessons ------------------------------------------------------------------------------


def _lessons(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from datetime import date

    from pmo_desktop import cli
    from pmo_desktop.services.raid_logs import LogFilter, LogKind, filter_rows, load_log

    database = cli._open(args.db, create=False)
    try:
        portfolio_id = _portfolio_id(database, args.portfolio)
        log = load_log(database, LogKind.LESSONS, portfolio_id, date.today())
    finally:
        database.close()
    rows = filter_rows(log.rows, LogFilter(text=args.search))
    for field in ("phase", "category", "method"):
        wanted = getattr(args, field)
        if wanted is not None:
            wanted = wanted.strip().casefold()
            rows = [row for row in rows if str(row.values[field] or "").casefold() == wanted]
    if args.format == "json":
        _dump([
            {"code": row.code, "title": row.title, "project": row.project_code or None,
             "project_name": row.project_name or None, "owner": row.owner,
             "raised_on": row.raised_on.isoformat() if row.raised_on else None,
             **{name: row.values[name] or "" for name in
                ("category", "phase", "method", "tags", "description", "recommendation")}}
            for row in rows
        ])  # fmt: skip
        return 0
    for row in rows:
        where = row.project_code or "portfolio"
        tags = " · ".join(
            str(row.values[name]) for name in ("category", "phase", "method") if row.values[name]
        )
        print(f"{row.code:<10} {where:<12} {row.title}" + (f"  [{tags}]" if tags else ""))
        if row.values["recommendation"]:
            print(f"{'':<24}→ {row.values['recommendation']}")
    total = len(log.rows)
    print(f"{len(rows)} of {total} lesson{'s' * (total != 1)} in {log.scope_name}.")
    return 0


# --- pmo-mode -----------------------------------------------------------------------------


def _pmo_mode(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.errors import ValidationError
    from pmo_desktop.models import PmoMode, Portfolio
    from pmo_desktop.services import crud
    from pmo_desktop.services.commands import update_fields
    from pmo_desktop.services.gates import is_pmo_admin

    database = cli._open(args.db, create=False)
    try:
        portfolio_id = _portfolio_id(database, args.portfolio)
        portfolio = crud.get(database, Portfolio, portfolio_id)
        before = portfolio.pmo_mode
        after = before if args.mode is None else PmoMode(args.mode)
        if after is not before:
            if database.read_only:
                raise ValidationError(
                    f"{database.display} is read-only ({database.read_only_reason}); "
                    "the PMO mode was not changed."
                )
            if not is_pmo_admin(database):
                raise ValidationError(
                    f"Only a PMO administrator may change the PMO mode (your role on "
                    f"{database.display} is {database.server_role or 'none'}); nothing changed."
                )
            text = f"PMO mode {before.value} → {after.value}"
            update_fields(database, Portfolio, portfolio_id, text, pmo_mode=after).apply(database)
    finally:
        database.close()
    if args.format == "json":
        _dump({"portfolio": portfolio.name, "pmo_mode": after.value, "previous": before.value,
               "changed": after is not before})  # fmt: skip
        return 0
    if args.mode is None:
        print(f"PMO mode of {portfolio.name}: {after.value} — {_MODE_TEXT[after.value]}.")
    elif after is before:
        print(f"PMO mode of {portfolio.name} is already {after.value}; nothing changed.")
    else:
        print(
            f"PMO mode of {portfolio.name} changed from {before.value} to {after.value} — "
            f"{_MODE_TEXT[after.value]}."
        )
    return 0
