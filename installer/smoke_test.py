"""Smoke test of a frozen PMO Desktop (the PyInstaller one-folder build).

    python installer/smoke_test.py [EXECUTABLE]

Default executable: dist/pmo-desktop/pmo-desktop (pmo-desktop-cli.exe on Windows). Runs it
the way a user would, in a throw-away folder that also holds its settings, data and logs:

  --version; demo --no-gui; report (French: the .po catalog and DejaVu fonts) read back with
  pypdf; --show portfolio --screenshot under QT_QPA_PLATFORM=offscreen (French: the .qm);
  export --portfolio to .xlsx read back with openpyxl; export a project to MS Project XML
  and import it into a new database (interop and the Alembic migrations of a new file);
  and checks that the bundle holds the files loaded by path at run time.

Exit status 0 when every step passed; each step prints one line. Needs pypdf, openpyxl and
Pillow in the Python that runs it (the project's test dependencies) to read the outputs.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_names as names

AS_OF = "2026-10-30"
STEP_TIMEOUT = 600


class SmokeError(Exception):
    """A step failed; the message says what was expected and what happened."""


class Smoke:
    def __init__(self, exe: Path, folder: Path) -> None:
        self.exe = exe
        self.folder = folder
        self.database = folder / "demo.sqlite"
        home = folder / "home"
        self.env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PMO_DATA_DIR": str(home / "data"),
            "PMO_LOG_DIR": str(home / "logs"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "share"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "MPLCONFIGDIR": str(home / "matplotlib"),
            "LANG": "C.UTF-8",
        }
        for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
            self.env.pop(name, None)

    def run(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.exe), *arguments],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=STEP_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            raise SmokeError(
                f"`{' '.join(arguments)}` exited with {result.returncode}:\n"
                f"{result.stdout[-2000:]}{result.stderr[-4000:]}"
            )
        return result

    # --- the steps ----------------------------------------------------------------------
    def version(self) -> str:
        output = self.run("--version").stdout.strip()
        expected = f"pmo-desktop {names.version()}"
        if output != expected:
            raise SmokeError(f"--version printed {output!r}, expected {expected!r}")
        return output

    def demo(self) -> str:
        self.run("demo", "--db", str(self.database), "--no-gui", "--as-of", AS_OF)
        if not self.database.is_file():
            raise SmokeError(f"demo did not create {self.database}")
        return f"{self.database.stat().st_size // 1024} KiB database"

    def report(self) -> str:
        out = self.folder / "pack-fr.pdf"
        self.run("report", "--db", str(self.database), "--out", str(out), "--lang", "fr")
        from pypdf import PdfReader

        reader = PdfReader(str(out))
        text = " ".join(page.extract_text() or "" for page in reader.pages[:3])
        if "Portefeuille" not in text and "Sommaire" not in text:
            raise SmokeError("the French board pack has no French heading (catalog not found?)")
        fonts = _pdf_fonts(reader)
        if not any("DejaVuSans" in font for font in fonts):
            raise SmokeError(f"the board pack does not embed DejaVu Sans: {sorted(fonts)}")
        return f"{len(reader.pages)} pages, French, DejaVu Sans embedded"

    def screenshot(self) -> str:
        out = self.folder / "portfolio.png"
        self.run(
            "--db", str(self.database), "--lang", "fr", "--show", "portfolio",
            "--size", "1280x800", "--screenshot", str(out),
        )  # fmt: skip
        from PIL import Image

        with Image.open(out) as image:
            size = image.size
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000) or []
        if len(colours) < 20:
            raise SmokeError(f"the screenshot {out} looks blank ({len(colours)} colours)")
        return f"{size[0]}x{size[1]} PNG, {len(colours)} colours"

    def export_excel(self) -> str:
        name = _first_portfolio(self.database)
        out = self.folder / "portfolio.xlsx"
        self.run("export", "--db", str(self.database), "--portfolio", name, "--out", str(out))
        from openpyxl import load_workbook

        book = load_workbook(out, read_only=True)
        try:
            sheets = list(book.sheetnames)
        finally:
            book.close()
        if not sheets:
            raise SmokeError(f"{out} has no worksheet")
        return f"{len(sheets)} sheets ({', '.join(sheets[:4])}…)"

    def xml_round_trip(self) -> str:
        code = _first_project(self.database)
        out = self.folder / "project.xml"
        self.run("export", "--db", str(self.database), "--project", code, "--out", str(out))
        fresh = self.folder / "imported.sqlite"
        self.run("import", str(out), "--db", str(fresh))
        with sqlite3.connect(fresh) as connection:
            (tasks,) = connection.execute("SELECT count(*) FROM tasks").fetchone()
        if tasks == 0:
            raise SmokeError(f"importing {out} into a new database gave no task")
        return f"project {code}: {tasks} tasks re-imported into a new database"

    def bundle_files(self) -> str:
        missing = [path for path in bundled_files(self.exe.parent) if not path.exists()]
        if missing:
            raise SmokeError("missing from the bundle: " + ", ".join(map(str, missing)))
        return "translations, icons, migrations, fonts and Qt plugins present"


def bundled_files(folder: Path) -> list[Path]:
    """Files the application loads by path: they must be real files in the bundle."""
    internal = folder / "_internal"
    package = internal / "pmo_desktop"
    # PySide6's wheels keep Qt's plugins and translations in PySide6/ on Windows, else PySide6/Qt/.
    qt = internal / "PySide6" if sys.platform == "win32" else internal / "PySide6" / "Qt"
    plugin = "{}.dll" if sys.platform == "win32" else "lib{}.so"
    if sys.platform == "darwin":
        plugin = "lib{}.dylib"
    return [
        package / "resources" / "translations" / "pmo_desktop_fr.qm",
        package / "resources" / "translations" / "reports_fr.po",
        package / "resources" / "icons" / "app.svg",
        package / "resources" / "icons" / "app.png",
        package / "storage" / "migrations" / "env.py",
        package / "storage" / "migrations" / "script.py.mako",
        package / "storage" / "migrations" / "versions" / "0001_initial_schema.py",
        internal / "matplotlib" / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf",
        internal / "matplotlib" / "mpl-data" / "fonts" / "ttf" / "DejaVuSans-Bold.ttf",
        qt / "translations" / "qtbase_fr.qm",
        qt / "plugins" / "platforms" / plugin.format("qoffscreen"),
        qt / "plugins" / "imageformats" / plugin.format("qsvg"),
        qt / "plugins" / "iconengines" / plugin.format("qsvgicon"),
    ]


def _pdf_fonts(reader: object) -> set[str]:
    fonts: set[str] = set()
    for page in reader.pages[:3]:  # type: ignore[attr-defined]
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    return fonts


def _first_portfolio(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT name FROM portfolios ORDER BY id LIMIT 1").fetchone()
    if row is None:
        raise SmokeError(f"{database} holds no portfolio")
    return str(row[0])


def _first_project(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT code FROM projects ORDER BY id LIMIT 1").fetchone()
    if row is None:
        raise SmokeError(f"{database} holds no project")
    return str(row[0])


def run_smoke_test(exe: Path) -> bool:
    """Run every step against `exe`, printing one line each; True when all passed."""
    if not exe.is_file():
        print(f"smoke test: no executable at {exe}: run `python installer/build.py pyinstaller`")
        return False
    passed = failures = 0
    with tempfile.TemporaryDirectory(prefix="pmo-smoke-") as temporary:
        smoke = Smoke(exe.resolve(), Path(temporary))
        steps: list[tuple[str, Callable[[], str]]] = [
            ("bundle files", smoke.bundle_files),
            ("--version", smoke.version),
            ("demo --no-gui", smoke.demo),
            ("report (PDF)", smoke.report),
            ("--screenshot", smoke.screenshot),
            ("export .xlsx", smoke.export_excel),
            ("XML export/import", smoke.xml_round_trip),
        ]
        for title, step in steps:
            started = time.perf_counter()
            try:
                detail = step()
            except (SmokeError, OSError, subprocess.SubprocessError, sqlite3.Error) as exc:
                failures += 1
                print(f"FAIL {title}: {exc}", flush=True)
                if title == "demo --no-gui":
                    print("     (the later steps need the demo database: stopping)")
                    break
                continue
            passed += 1
            print(f"ok   {title} ({time.perf_counter() - started:.1f} s): {detail}", flush=True)
    if passed == len(steps):
        print(f"smoke test of {exe}: all {passed} steps succeeded")
        return True
    print(f"smoke test of {exe}: FAILED ({passed} of {len(steps)} steps succeeded)")
    return False


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "executable", nargs="?", type=Path, default=names.executable(cli=True),
        help="the frozen executable (default: %(default)s)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    return 0 if run_smoke_test(args.executable) else 1


if __name__ == "__main__":
    sys.exit(main())
