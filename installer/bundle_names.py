"""Names shared by the PyInstaller spec, build.py and the installer scripts (stdlib only).

The Inno Setup script (windows/pmo_desktop.iss), the Linux files (linux/) and the macOS
Info.plist (in the spec) spell the same names; tests/test_installer_files.py checks that
they agree with these.
"""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
DIST = ROOT / "dist"
WORK = ROOT / "build"

APP_NAME = "PMO Desktop"
#: The one-folder bundle: dist/<BUNDLE_NAME>/ holds the executables and _internal/.
BUNDLE_NAME = "pmo-desktop"
#: The executable: windowed on Windows and macOS (the start menu, double-clicks).
EXE_NAME = "pmo-desktop"
#: Windows only: the same program as a console executable, for the command line.
CLI_EXE_NAME = "pmo-desktop-cli"
#: Reverse-DNS id: the .desktop file, AppStream metainfo, icon name, macOS bundle id.
APP_ID = "org.pmodesktop.PMODesktop"
MAC_APP = f"{APP_NAME}.app"
PUBLISHER = "PMO Desktop team"
#: Database files the application opens (storage/locations.py: portfolio.sqlite; the
#: open dialog offers *.sqlite and *.db).
DATABASE_SUFFIXES = (".sqlite", ".db")
#: Files offered "Open with" (imported into the user's database, then shown).
IMPORT_SUFFIXES = (".xml", ".xlsx")
#: Sizes of the hicolor PNG icons installed on Linux.
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def version() -> str:
    """pmo_desktop.__version__, read without importing the package."""
    text = (ROOT / "pmo_desktop" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise RuntimeError("pmo_desktop/__init__.py has no __version__ line.")
    return found.group(1)


def version_tuple() -> tuple[int, int, int, int]:
    """The version as four integers (Windows version resources); suffixes are dropped."""
    numbers = [int(part) for part in re.findall(r"\d+", version().split("+")[0])[:4]]
    return (*numbers, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def machine() -> str:
    """x86_64 / aarch64 / arm64…, as AppImage and archive names spell it."""
    name = platform.machine().lower()
    return {"amd64": "x86_64", "x64": "x86_64"}.get(name, name) or "unknown"


def executable(folder: Path | None = None, *, cli: bool = False) -> Path:
    """The frozen executable inside a one-folder bundle (the console one with `cli`)."""
    folder = folder or DIST / BUNDLE_NAME
    if sys.platform == "win32":
        return folder / f"{CLI_EXE_NAME if cli else EXE_NAME}.exe"
    return folder / EXE_NAME
