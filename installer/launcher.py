"""The entry point of the frozen application (PyInstaller's script, see pmo_desktop.spec).

It runs `pmo_desktop.cli.main`, after turning what a file manager passes on a double-click
into the command line's own spelling:

    pmo-desktop /path/portfolio.sqlite   ->  pmo-desktop --db /path/portfolio.sqlite
    pmo-desktop /path/plan.xml           ->  pmo-desktop import /path/plan.xml, then the GUI

A file manager passes one path and nothing else (the `.desktop` file's `%f`, the Windows
registry's `"%1"`); anything else goes to the command line unchanged.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path

#: Endings of the files a double-click imports into the user's own database, then opens it.
IMPORTED_SUFFIXES = (".xml", ".xlsx")
_SQLITE_HEADER = b"SQLite format 3\x00"


def opened_file_arguments(argv: Sequence[str]) -> list[list[str]]:
    """The command lines to run, in order, for the arguments `argv` (without the program)."""
    if len(argv) != 1 or argv[0].startswith("-"):
        return [list(argv)]
    path = Path(argv[0])
    if not path.is_file():
        return [list(argv)]
    if path.suffix.lower() in IMPORTED_SUFFIXES:
        return [["import", str(path)], []]
    if _is_sqlite(path):
        return [["--db", str(path)]]
    return [list(argv)]


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def _console_streams() -> None:
    """A windowed executable (Windows, macOS .app) has no stdout/stderr: write nowhere."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def main() -> int:
    multiprocessing.freeze_support()
    _console_streams()
    from pmo_desktop.cli import main as cli_main

    # An import that fails still opens the application (its error is on stderr and in the log).
    status = 0
    for arguments in opened_file_arguments(sys.argv[1:]):
        status = cli_main(arguments)
    return status


if __name__ == "__main__":
    sys.exit(main())
