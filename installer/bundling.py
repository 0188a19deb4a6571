"""The `pyinstaller`, `linux`, `windows`, `macos` and `clean` commands of build.py.

    pyinstaller  dist/pmo-desktop/: the one-folder frozen application, then its smoke test
    linux        + dist/pmo-desktop-<version>-linux-<arch>.tar.gz (with install.sh), and an
                 AppImage when `appimagetool` is on PATH
    windows      + dist/installers/pmo-desktop-<version>-setup.exe (Inno Setup's ISCC.exe)
    macos        + dist/PMO Desktop.app (made by the spec) in dist/pmo-desktop-<version>.dmg
    clean        removes build/pyinstaller, build/linux, build/dmg and dist/

Run with the Python that has the application and PyInstaller installed
(`pip install -e ".[bundle]"`); PyInstaller cannot cross-build: each platform's
installer is made on that platform.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Sequence
from pathlib import Path

import bundle_names as names

SPEC = names.INSTALLER / "pmo_desktop.spec"
LINUX_FILES = names.INSTALLER / "linux"
ISS = names.INSTALLER / "windows" / "pmo_desktop.iss"
PYINSTALLER_WORK = names.WORK / "pyinstaller"
LINUX_WORK = names.WORK / "linux"
INNO_LOCATIONS = (
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6",
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "Inno Setup 6",
    Path(os.environ.get("LOCALAPPDATA", r"C:\Users\Default\AppData\Local"))
    / "Programs"
    / "Inno Setup 6",
)


class PackagingError(Exception):
    """A packaging step cannot run or failed (build.py reports it as its BuildError)."""


def _run(command: Sequence[str], **options: object) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    result = subprocess.run(list(command), cwd=names.ROOT, check=False, **options)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise PackagingError(
            f"{Path(command[0]).name} failed with exit status {result.returncode}."
        )


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MiB"


# --- pyinstaller ----------------------------------------------------------------------------
def pyinstaller(*, smoke_test: bool = True, reuse: bool = False) -> Path:
    """Freeze the application into dist/pmo-desktop/; smoke-test it; return the folder."""
    bundle = names.DIST / names.BUNDLE_NAME
    if reuse and names.executable(bundle).is_file():
        print(f"reusing {bundle} (built before)", flush=True)
        return bundle
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise PackagingError(
            f"PyInstaller is not installed in {sys.executable}: pip install -e '.[bundle]'"
        ) from None
    started = time.perf_counter()
    _run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level=WARN",
            "--distpath", str(names.DIST), "--workpath", str(PYINSTALLER_WORK), str(SPEC),
        ]
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    exe = names.executable(bundle)
    if not exe.is_file():
        raise PackagingError(f"PyInstaller finished but {exe} is missing.")
    print(
        f"built {bundle.relative_to(names.ROOT)} in {elapsed:.0f} s: "
        f"{_mib(folder_size(bundle))}, {sum(1 for _ in bundle.rglob('*'))} files",
        flush=True,
    )
    if smoke_test:
        import smoke_test as smoke

        if not smoke.run_smoke_test(names.executable(bundle, cli=True)):
            raise PackagingError("the frozen application failed its smoke test (above).")
    return bundle


# --- linux ----------------------------------------------------------------------------------
def linux(*, smoke_test: bool = True, reuse: bool = False) -> list[Path]:
    """The tarball (and an AppImage when appimagetool is installed) from the bundle."""
    if not sys.platform.startswith("linux"):
        raise PackagingError("build the Linux packages on Linux.")
    bundle = pyinstaller(smoke_test=smoke_test, reuse=reuse)
    stem = f"{names.BUNDLE_NAME}-{names.version()}-linux-{names.machine()}"
    tree = LINUX_WORK / stem
    stage_linux_tree(bundle, tree)
    tarball = names.DIST / f"{stem}.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(tree, arcname=stem)
    made = [tarball]
    print(f"wrote {tarball.relative_to(names.ROOT)} ({_mib(tarball.stat().st_size)})", flush=True)
    tool = shutil.which("appimagetool")
    if tool is None:
        print("appimagetool is not on PATH: no AppImage (the tarball is complete).", flush=True)
        return made
    image = names.DIST / f"PMO_Desktop-{names.version()}-{names.machine()}.AppImage"
    _run(
        [tool, "--no-appstream", str(tree), str(image)], env={**os.environ, "ARCH": names.machine()}
    )
    made.append(image)
    return made


def stage_linux_tree(bundle: Path, tree: Path) -> None:
    """Lay out an AppDir that is also the tarball's content:

    AppRun, install.sh, <id>.desktop, <id>.png, .DirIcon (AppImage's root files);
    usr/bin/pmo-desktop -> ../lib/pmo-desktop/pmo-desktop; usr/lib/pmo-desktop/ (the
    bundle); usr/share/{applications,metainfo,icons/hicolor/*/apps}.
    """
    if tree.exists():
        shutil.rmtree(tree)
    share = tree / "usr" / "share"
    for folder in ("applications", "metainfo"):
        (share / folder).mkdir(parents=True)
    (tree / "usr" / "bin").mkdir(parents=True)
    shutil.copytree(bundle, tree / "usr" / "lib" / names.BUNDLE_NAME, symlinks=True)
    (tree / "usr" / "bin" / names.EXE_NAME).symlink_to(
        Path("..") / "lib" / names.BUNDLE_NAME / names.EXE_NAME
    )
    desktop = f"{names.APP_ID}.desktop"
    metainfo = f"{names.APP_ID}.metainfo.xml"
    shutil.copyfile(LINUX_FILES / desktop, share / "applications" / desktop)
    shutil.copyfile(LINUX_FILES / desktop, tree / desktop)
    shutil.copyfile(LINUX_FILES / metainfo, share / "metainfo" / metainfo)
    for script in ("AppRun", "install.sh"):
        shutil.copyfile(LINUX_FILES / script, tree / script)
        (tree / script).chmod(0o755)
    for icon in hicolor_icons(share / "icons" / "hicolor"):
        if icon.parent.parent.name == "256x256":
            shutil.copyfile(icon, tree / f"{names.APP_ID}.png")
            (tree / ".DirIcon").symlink_to(f"{names.APP_ID}.png")


def hicolor_icons(theme: Path) -> list[Path]:
    """Render resources/icons/app.svg into <theme>/<n>x<n>/apps/<id>.png, copy it to scalable."""
    import build  # the icons command's Qt renderer

    source = build.ICON_SOURCES / "app.svg"
    written: list[Path] = []
    for size, image in build._render_svg(source, names.HICOLOR_SIZES).items():
        path = theme / f"{size}x{size}" / "apps" / f"{names.APP_ID}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise PackagingError(f"could not write {path}")
        written.append(path)
    scalable = theme / "scalable" / "apps" / f"{names.APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    return [*written, scalable]


# --- windows --------------------------------------------------------------------------------
def find_iscc() -> Path:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return Path(found)
    for folder in INNO_LOCATIONS:
        if (folder / "ISCC.exe").is_file():
            return folder / "ISCC.exe"
    raise PackagingError("Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org.")


def windows(*, smoke_test: bool = True, reuse: bool = False) -> list[Path]:
    if sys.platform != "win32":
        raise PackagingError(
            "build the Windows installer on Windows (PyInstaller cannot cross-build)."
        )
    iscc = find_iscc()
    bundle = pyinstaller(smoke_test=smoke_test, reuse=reuse)
    output = names.DIST / "installers"
    _run(
        [
            str(iscc), f"/DAppVersion={names.version()}", f"/DSourceDir={bundle}",
            f"/DOutputDir={output}", str(ISS),
        ]
    )  # fmt: skip
    setup = output / f"{names.BUNDLE_NAME}-{names.version()}-setup.exe"
    if not setup.is_file():
        raise PackagingError(f"ISCC finished but {setup} is missing.")
    print(f"wrote {setup} ({_mib(setup.stat().st_size)})", flush=True)
    return [setup]


# --- macos ----------------------------------------------------------------------------------
def macos(*, smoke_test: bool = True, reuse: bool = False) -> list[Path]:
    if sys.platform != "darwin":
        raise PackagingError("build the macOS application on macOS.")
    pyinstaller(smoke_test=smoke_test, reuse=reuse)
    app = names.DIST / names.MAC_APP
    if not (app / "Contents" / "Info.plist").is_file():
        raise PackagingError(f"{app} was not made (the spec's BUNDLE step).")
    # The disk image shows the application beside a link to /Applications: drag to install.
    stage = names.WORK / "dmg"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    shutil.copytree(app, stage / names.MAC_APP, symlinks=True)
    (stage / "Applications").symlink_to("/Applications")
    image = names.DIST / f"{names.BUNDLE_NAME}-{names.version()}.dmg"
    image.unlink(missing_ok=True)
    _run(
        [
            "hdiutil", "create", "-volname", names.APP_NAME, "-srcfolder", str(stage),
            "-ov", "-format", "UDZO", str(image),
        ]
    )  # fmt: skip
    return [app, image]


# --- clean ----------------------------------------------------------------------------------
def clean() -> None:
    for folder in (PYINSTALLER_WORK, LINUX_WORK, names.WORK / "dmg", names.DIST):
        if folder.exists():
            shutil.rmtree(folder)
            print(f"removed {folder.relative_to(names.ROOT)}", flush=True)
