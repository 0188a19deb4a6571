"""`pmo-desktop checkout`, `checkin` and `checkouts`: a project taken offline and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

PROG_NAME = "pmo-desktop"
#: Exit status of a check-in refused because of conflicts (nothing was written).
EXIT_CONFLICTS = 3

_CHECKOUT_HELP = (
    "Copy one project, with its tasks, links, assignments, the resources and calendars it "
    "uses, baselines, RAID logs, status reports and cost lines, from the shared database "
    "into a new local file you can take offline. The shared database records who has it "
    "out (see `pmo-desktop checkouts`). Open the copy with `pmo-desktop --db LOCAL.sqlite`."
)
_CHECKIN_HELP = (
    "Apply the offline edits, additions and deletions of a checked-out copy to the shared "
    "database in one transaction. A row changed both offline and in the shared database "
    "is a conflict: the conflicts are listed and nothing is written, unless --mine (the "
    "copy's values win) or --theirs (the shared database's values are kept) decides them. "
    "Exit status 3 means conflicts were found and nothing was checked in."
)
_CANCEL_HELP = (
    "With --cancel: release a check-out without checking anything in. On the shared "
    "database (--db SHARED --project CODE), by whoever checked the project out or a PMO "
    "admin; or from the offline copy itself (--db LOCAL.sqlite), which also releases it "
    "in the shared database it came from. The copy's edits are abandoned: the file keeps "
    "them but can no longer be checked in."
)
_CHECKOUTS_HELP = "List the projects checked out of a shared database: who, where and since when."


def register(commands: Any) -> None:
    """Add the `checkout`, `checkin` and `checkouts` commands to the CLI's subparsers."""
    from pmo_desktop import cli

    out = commands.add_parser(
        "checkout",
        help="copy a project into a local file to edit offline",
        description=f"{_CHECKOUT_HELP} {_CANCEL_HELP}",
    )
    cli._add_db(
        out,
        "the shared database (file or postgresql:// URL); with --cancel, or the offline copy",
        required=True,
    )
    out.add_argument("--project", metavar="CODE", help="the project's code")
    out.add_argument("--out", type=Path, metavar="LOCAL.sqlite", help="the new local file")
    out.add_argument(
        "--force", action="store_true", help="check out even if someone already has it out"
    )
    out.add_argument(
        "--cancel",
        action="store_true",
        help="release the project's check-out (or the copy's) instead; nothing is checked in",
    )
    out.set_defaults(handler=_checkout)

    back = commands.add_parser(
        "checkin",
        help="apply an offline copy's changes to the shared database",
        description=_CHECKIN_HELP,
    )
    back.add_argument("local", type=Path, metavar="LOCAL.sqlite", help="the checked-out copy")
    cli._add_db(back, "the shared database (default: the one it was checked out of)")
    side = back.add_mutually_exclusive_group()
    side.add_argument("--mine", action="store_true", help="conflicts: keep the copy's values")
    side.add_argument(
        "--theirs", action="store_true", help="conflicts: keep the shared database's values"
    )
    back.add_argument(
        "--dry-run", action="store_true", help="show what would be checked in; write nothing"
    )
    back.set_defaults(handler=_checkin)

    listing = commands.add_parser(
        "checkouts",
        help="list the projects checked out of a shared database",
        description=_CHECKOUTS_HELP,
    )
    cli._add_db(listing, "the shared database (file or postgresql:// URL)", required=True)
    listing.add_argument("--all", action="store_true", help="include those checked back in")
    listing.set_defaults(handler=_checkouts)


def _checkout(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.services.checkout import checkout

    if args.cancel:
        if args.out is not None or args.force:
            parser.error("checkout --cancel takes no --out or --force")
        return _cancel(args)
    if args.project is None or args.out is None:
        parser.error("checkout needs --project and --out (or --cancel)")
    database = cli._open(args.db, create=False)
    try:
        info = checkout(database, args.project, args.out, force=args.force)
    finally:
        database.close()
    print(
        f"Checked out {info.project_code} into {args.out} "
        f"(by {info.checked_out_by} on {info.host}). "
        f"Check it back in with: pmo-desktop checkin {args.out}"
    )
    return 0


def _cancel(args: argparse.Namespace) -> int:
    """`checkout --cancel`: from the shared database (holder or PMO admin), or the copy."""
    from pmo_desktop import cli
    from pmo_desktop.services.checkout import CheckoutError, checked_out
    from pmo_desktop.services.checkout_copies import (
        cancel_checkout,
        copy_info,
        open_source,
        release_copy,
    )
    from pmo_desktop.services.gates import is_pmo_admin

    database = cli._open(args.db, create=False)
    try:
        copy = copy_info(database)
        if copy is not None:
            if args.project is not None and args.project != copy.project_code:
                raise CheckoutError(
                    f"{database.display} is the offline copy of {copy.project_code}, "
                    f"not of {args.project}."
                )
            shared = open_source(copy.source)
            try:
                release_copy(database, shared)
            finally:
                shared.close()
            print(
                f"Cancelled the check-out of {copy.project_code}: released in {copy.source}; "
                f"{database.display} can no longer be checked in."
            )
            return 0
        if args.project is None:
            raise CheckoutError(
                f"{database.display} is not an offline copy: give the --project whose "
                "check-out to cancel."
            )
        project_id = _project_id(database, args.project)
        info = checked_out(database, project_id)
        if info is None:
            raise CheckoutError(f"{args.project} is not checked out of {database.display}.")
        if info.checked_out_by != database.user_name and not is_pmo_admin(database):
            raise CheckoutError(
                f"Only {info.checked_out_by}, who checked {info.project_code} out, or a PMO "
                "admin can cancel the check-out; nothing was changed."
            )
        cancel_checkout(database, project_id, master_uuid=info.uuid)
    finally:
        database.close()
    print(
        f"Cancelled {info.checked_out_by}'s check-out of {info.project_code} (on {info.host}, "
        f"into {info.local_file}): that copy can no longer be checked in."
    )
    return 0


def _project_id(database: Any, code: str) -> int:
    from pmo_desktop.services.checkout import _find_project

    with database.session() as session:
        return int(_find_project(session.connection(), code).id)


def _value(value: Any) -> str:
    text = "" if value is None else str(getattr(value, "value", value))
    return text if len(text) <= 40 else text[:37] + "..."


def _checkin(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.services.checkin import checkin
    from pmo_desktop.services.checkout import copy_source

    resolution = "mine" if args.mine else "theirs" if args.theirs else None
    database = cli._open(args.db or copy_source(args.local), create=False)
    try:
        result = checkin(args.local, database, resolution=resolution, dry_run=args.dry_run)
    finally:
        database.close()
    for label, counts in (
        ("inserted", result.inserted),
        ("updated", result.updated),
        ("deleted", result.deleted),
    ):
        for table, count in sorted(counts.items()):
            print(f"{label:<9}{count:>6}  {table}")
    for table, count in sorted(result.ignored.items()):
        print(f"{'ignored':<9}{count:>6}  {table} (other projects' rows: never checked in)")
    if result.conflicts:
        print(f"{len(result.conflicts)} conflict(s): table, uuid, field, mine, theirs")
        for c in result.conflicts:
            print(f"  {c.table}  {c.uuid}  {c.field}  {_value(c.mine)!r}  {_value(c.theirs)!r}")
    if args.dry_run:
        print(f"Dry run: {result.changes} change(s) would be checked in; nothing was written.")
        return 0
    if not result.written:
        print(
            f"{PROG_NAME}: error: {len(result.conflicts)} conflict(s); nothing was checked in. "
            "Run again with --mine or --theirs to decide them.",
            file=sys.stderr,
        )
        return EXIT_CONFLICTS
    print(f"Checked in {result.changes} change(s); the check-out is closed.")
    return 0


def _checkouts(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.services.checkout import checkouts

    database = cli._open(args.db, create=False, acquire_lease=False)
    try:
        found = checkouts(database, include_returned=args.all)
    finally:
        database.close()
    if not found:
        print(f"No project is checked out of {database.display}.")
        return 0
    for info in found:
        print(
            f"{info.project_code:<12} {info.state.value:<9} {info.checked_out_by} on {info.host} "
            f"since {info.checked_out_at:%Y-%m-%d %H:%M} UTC  {info.local_file}"
        )
    return 0
