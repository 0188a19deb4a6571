"""Build steps for PMO Desktop's resources (run from anywhere: paths are repo-relative).

    python installer/build.py translations   refresh the .ts sources, compile the .qm files
    python installer/build.py icons          copy the SVG icons to the package, render the app icon
    python installer/build.py pyinstaller    freeze the app into dist/pmo-desktop/, smoke-test it
    python installer/build.py linux          + the tarball (and AppImage) in dist/
    python installer/build.py windows        + the Inno Setup installer in dist/installers/
    python installer/build.py macos          + dist/PMO Desktop.app in a .dmg
    python installer/build.py clean          remove build/ and dist/ outputs of the above

`translations` runs `pyside6-lupdate` over the Qt code (pmo_desktop/ui and
pmo_desktop/app.py) to bring every `resources/translations/*.ts` up to date with the
source strings, then `pyside6-lrelease` to compile each into
`pmo_desktop/resources/translations/*.qm`, the package data the application loads.

The packaging commands live in bundling.py (they need PyInstaller: the `bundle` extra);
`--reuse` skips the PyInstaller step when dist/pmo-desktop/ exists, `--no-smoke-test`
skips installer/smoke_test.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent
TS_FOLDER = ROOT / "resources" / "translations"
QM_FOLDER = ROOT / "pmo_desktop" / "resources" / "translations"
QT_SOURCES = (ROOT / "pmo_desktop" / "ui", ROOT / "pmo_desktop" / "app.py")
ICON_SOURCES = ROOT / "resources" / "icons"
ICON_PACKAGE = ROOT / "pmo_desktop" / "resources" / "icons"
APP_ICON_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


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


def icons() -> None:
    """Copy resources/icons/*.svg into the package; render the app mark as .png and .ico."""
    sources = sorted(ICON_SOURCES.glob("*.svg"))
    if not sources:
        raise BuildError(f"No .svg icon in {ICON_SOURCES}.")
    ICON_PACKAGE.mkdir(parents=True, exist_ok=True)
    for stale in set(ICON_PACKAGE.glob("*.svg")) - {ICON_PACKAGE / s.name for s in sources}:
        stale.unlink()
    for source in sources:
        shutil.copyfile(source, ICON_PACKAGE / source.name)
    print(f"copied {len(sources)} icons to {_relative(str(ICON_PACKAGE))}", flush=True)
    images = _render_svg(ICON_SOURCES / "app.svg", APP_ICON_SIZES)
    for folder in (ICON_SOURCES, ICON_PACKAGE):
        _replace_file(folder / "app.png", lambda path: images[256].save(str(path), "PNG"))
    try:
        from PIL import Image
    except ImportError:
        print("Pillow is not installed: resources/icons/app.ico left as it is.", flush=True)
        return
    frames = [
        Image.frombytes("RGBA", (size, size), bytes(images[size].constBits()))
        for size in APP_ICON_SIZES
    ]
    sizes = [frame.size for frame in frames]
    _replace_file(
        ICON_SOURCES / "app.ico",
        lambda path: frames[-1].save(path, "ICO", sizes=sizes, append_images=frames[:-1]),
    )


def _render_svg(path: Path, sizes: Sequence[int]) -> dict[int, QImage]:
    """QImages (RGBA8888, straight alpha) of an SVG drawing at each square size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _application = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        raise BuildError(f"{_relative(str(path))} is not a valid SVG drawing.")
    images: dict[int, QImage] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        images[size] = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return images


def _replace_file(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file then rename, so a failed step leaves the old file."""
    temporary = path.with_name(f".{path.stem}.tmp{path.suffix}")
    write(temporary)
    if not temporary.is_file():
        raise BuildError(f"Could not write {_relative(str(path))}.")
    os.replace(temporary, path)
    print(f"wrote {_relative(str(path))}", flush=True)


def _packaging() -> Any:
    """installer/bundling.py, imported only for the packaging commands."""
    folder = str(Path(__file__).resolve().parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    import bundling as module  # type: ignore[import-not-found]

    return module


def _package(command: str, *, smoke_test: bool, reuse: bool) -> None:
    module = _packaging()
    try:
        if command == "clean":
            module.clean()
        else:
            getattr(module, command)(smoke_test=smoke_test, reuse=reuse)
    except module.PackagingError as exc:
        raise BuildError(str(exc)) from None


COMMANDS = {"icons": icons, "translations": translations}
PACKAGING_COMMANDS = ("pyinstaller", "linux", "windows", "macos", "clean")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command", choices=[*sorted(COMMANDS), *PACKAGING_COMMANDS], help="what to build"
    )
    parser.add_argument(
        "--no-smoke-test", action="store_true", help="packaging: do not run smoke_test.py"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="packaging: keep an existing dist/pmo-desktop/"
    )
    args = parser.parse_args(argv)
    try:
        if args.command in COMMANDS:
            COMMANDS[args.command]()
        else:
            _package(args.command, smoke_test=not args.no_smoke_test, reuse=args.reuse)
    except BuildError as exc:
        print(f"build.py: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
