"""Build steps for PMO Desktop's resources (run from anywhere: paths are repo-relative).

    python installer/build.py translations   refresh the .ts sources, compile the .qm files

`translations` runs `pyside6-lupdate` over the Qt code (pmo_desktop/ui and
pmo_desktop/app.py) to bring every `resources/translations/*.ts` up to date with the
source strings, then `pyside6-lrelease` to compile each into
`pmo_desktop/resources/translations/*.qm`, the package data the application loads.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_FOLDER = ROOT / "resources" / "translations"
QM_FOLDER = ROOT / "pmo_desktop" / "resources" / "translations"
QT_SOURCES = (ROOT / "pmo_desktop" / "ui", ROOT / "pmo_desktop" / "app.py")


class BuildError(Exception):
    """A build step cannot run or failed; the message says which and why."""


def find_tool(name: str) -> str:
    """A PySide6 tool installed beside this Python (a virtualenv), else one on PATH."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Scripts" / f"{name}.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BuildError(f"{name} not found next to {sys.executable} nor on PATH.")
    return found


def python_sources() -> list[Path]:
    files: list[Path] = []
    for source in QT_SOURCES:
        files += sorted(source.rglob("*.py")) if source.is_dir() else [source]
    return files


def run(command: Sequence[str]) -> None:
    print("+", " ".join(_relative(part) for part in command), flush=True)
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise BuildError(f"{Path(command[0]).name} failed with exit status {result.returncode}.")


def _relative(part: str) -> str:
    try:
        return str(Path(part).relative_to(ROOT))
    except ValueError:
        return part


def translations() -> None:
    """Refresh every .ts from the sources, then compile each to its .qm."""
    ts_files = sorted(TS_FOLDER.glob("pmo_desktop_*.ts"))
    if not ts_files:
        raise BuildError(f"No pmo_desktop_<lang>.ts file in {TS_FOLDER}.")
    sources = [str(path) for path in python_sources()]
    lupdate, lrelease = find_tool("pyside6-lupdate"), find_tool("pyside6-lrelease")
    QM_FOLDER.mkdir(parents=True, exist_ok=True)
    for ts_file in ts_files:
        run([lupdate, "-locations", "none", "-no-obsolete", *sources, "-ts", str(ts_file)])
        qm_file = QM_FOLDER / ts_file.with_suffix(".qm").name
        run([lrelease, "-removeidentical", str(ts_file), "-qm", str(qm_file)])


COMMANDS = {"translations": translations}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=sorted(COMMANDS), help="what to build")
    args = parser.parse_args(argv)
    try:
        COMMANDS[args.command]()
    except BuildError as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
