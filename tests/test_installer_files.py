"""The installer scripts agree with each other and with what the PyInstaller build makes.

The spec, the Inno Setup script, the Linux .desktop/AppStream files and the staging of the
Linux tarball all spell the names in installer/bundle_names.py; the launcher turns a
double-clicked file into the command line's spelling. The frozen build itself is checked
by installer/smoke_test.py (`build.py pyinstaller`, `.ci/build-bundle`).
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path, PureWindowsPath
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
ISS = INSTALLER / "windows" / "pmo_desktop.iss"
SPEC = INSTALLER / "pmo_desktop.spec"


@pytest.fixture
def installer(monkeypatch: pytest.MonkeyPatch) -> dict[str, ModuleType]:
    """installer/'s modules, imported the way build.py and the spec import them."""
    monkeypatch.syspath_prepend(str(INSTALLER))
    import bundle_names
    import bundling
    import launcher

    return {"names": bundle_names, "bundling": bundling, "launcher": launcher}


def _iss_defines() -> dict[str, str]:
    text = ISS.read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*#define\s+(\w+)\s+"([^"]*)"', text, re.MULTILINE))


def _iss_setup() -> dict[str, str]:
    values: dict[str, str] = {}
    section = ""
    for line in ISS.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            section = line.strip()
        elif section == "[Setup]" and "=" in line and not line.startswith(";"):
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def _from_iss(relative: str) -> Path:
    """A Windows path of the .iss (relative to its folder) as a path on this machine."""
    return (ISS.parent / Path(*PureWindowsPath(relative).parts)).resolve()


def test_version_agrees_with_the_package(installer: dict[str, ModuleType]) -> None:
    import pmo_desktop

    names = installer["names"]
    assert names.version() == pmo_desktop.__version__
    assert names.version_tuple()[:3] == tuple(int(n) for n in pmo_desktop.__version__.split("."))


def test_spec_names_files_that_exist() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert '"launcher.py"' in text and (INSTALLER / "launcher.py").is_file()
    for icon in ("app.ico", "app.png"):
        assert f'"{icon}"' in text and (ROOT / "resources" / "icons" / icon).is_file()
    # Alembic finds the migrations on disk: they must ship as files, .py included.
    assert 'collect_data_files(\n        "pmo_desktop.storage.migrations",' in text
    assert "include_py_files=True" in text
    assert (ROOT / "pmo_desktop" / "storage" / "migrations" / "env.py").is_file()
    # The macOS bundle declares the database and import document types.
    assert "BUNDLE(" in text and "CFBundleDocumentTypes" in text
    for kind in ("names.DATABASE_SUFFIXES", '"xml"', '"xlsx"'):
        assert kind in text


def test_inno_script_installs_what_pyinstaller_makes(installer: dict[str, ModuleType]) -> None:
    names = installer["names"]
    defines = _iss_defines()
    assert defines["AppExe"] == f"{names.EXE_NAME}.exe"
    assert defines["CliExe"] == f"{names.CLI_EXE_NAME}.exe"
    assert defines["AppName"] == names.APP_NAME
    assert defines["AppVersion"] == names.version()
    # The default source folder is the spec's COLLECT output, the default output dist/.
    assert _from_iss(defines["SourceDir"]) == names.DIST / names.BUNDLE_NAME
    assert _from_iss(defines["OutputDir"]) == names.DIST / "installers"
    spec = SPEC.read_text(encoding="utf-8")
    assert "name=names.BUNDLE_NAME" in spec and "executable(names.CLI_EXE_NAME" in spec
    setup = _iss_setup()
    assert _from_iss(setup["SetupIconFile"]).is_file()
    assert setup["OutputBaseFilename"] == "pmo-desktop-{#AppVersion}-setup"
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog commandline"
    assert setup["ChangesAssociations"] == "yes"
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])


def test_inno_script_registers_the_file_types(installer: dict[str, ModuleType]) -> None:
    names = installer["names"]
    text = ISS.read_text(encoding="utf-8")
    for suffix in names.DATABASE_SUFFIXES:
        assert f'Subkey: "Software\\Classes\\{suffix}\\OpenWithProgids"' in text
    for suffix in names.IMPORT_SUFFIXES:
        assert f'Subkey: "Software\\Classes\\{suffix}\\OpenWithProgids"' in text
        # "Open with" only: an import type never becomes the default of its extension.
        assert f'Subkey: "Software\\Classes\\{suffix}"; ValueType' not in text
    assert text.count('""{app}\\{#AppExe}"" ""%1""') == 3
    assert "{autoprograms}\\{#AppName}" in text
    assert "[UninstallDelete]" in text


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(INSTALLER / "linux" / "org.pmodesktop.PMODesktop.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file(installer: dict[str, ModuleType]) -> None:
    names = installer["names"]
    path = INSTALLER / "linux" / f"{names.APP_ID}.desktop"
    entry = _desktop_entry()
    assert entry["Name"] == names.APP_NAME
    assert entry["Icon"] == names.APP_ID
    assert entry["Exec"] == f"{names.EXE_NAME} %f"
    from pmo_desktop.app import DESKTOP_FILE_NAME

    assert names.APP_ID == DESKTOP_FILE_NAME  # the running app names its desktop entry
    assert "application/vnd.sqlite3" in entry["MimeType"].split(";")
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        _missing_tool("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([validator, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def _missing_tool(reason: str) -> None:
    """Skip on a user's machine; in CI (which installs the tool) a missing tool fails."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def test_appstream_metainfo(installer: dict[str, ModuleType]) -> None:
    names = installer["names"]
    path = INSTALLER / "linux" / f"{names.APP_ID}.metainfo.xml"
    component = ET.parse(path).getroot()
    assert component.tag == "component" and component.get("type") == "desktop-application"
    assert component.findtext("id") == names.APP_ID
    assert component.findtext("launchable") == f"{names.APP_ID}.desktop"
    assert component.findtext("icon") == names.APP_ID
    assert component.findtext("provides/binary") == names.EXE_NAME
    releases = [release.get("version") for release in component.iter("release")]
    assert releases[0] == names.version(), "add a <release> for the new version"
    tool = shutil.which("appstreamcli")
    if tool is None:
        _missing_tool("appstreamcli is not installed (apt-get install appstream)")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_launcher_turns_a_double_clicked_file_into_arguments(
    installer: dict[str, ModuleType], tmp_path: Path
) -> None:
    arguments = installer["launcher"].opened_file_arguments
    database = tmp_path / "team portfolio.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE t (x)")
    plan = tmp_path / "plan.XML"
    plan.write_text("<Project/>", encoding="utf-8")
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")

    assert arguments([str(database)]) == [["--db", str(database)]]
    assert arguments([str(plan)]) == [["import", str(plan)], []]
    # Anything else reaches the command line untouched.
    assert arguments([]) == [[]]
    assert arguments(["--version"]) == [["--version"]]
    assert arguments(["demo"]) == [["demo"]]
    assert arguments([str(text)]) == [[str(text)]]
    assert arguments([str(tmp_path / "missing.sqlite")]) == [[str(tmp_path / "missing.sqlite")]]
    assert arguments(["--db", str(database)]) == [["--db", str(database)]]


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux tree needs symlinks and sh")
def test_linux_tree_installs_and_uninstalls(
    installer: dict[str, ModuleType], tmp_path: Path, qapp: object
) -> None:
    """Stage the tarball's tree from a stand-in bundle, then run its install.sh for real."""
    names, bundling = installer["names"], installer["bundling"]
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    program = bundle / names.EXE_NAME
    program.write_text('#!/bin/sh\necho frozen pmo-desktop "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    tree = tmp_path / "pmo-desktop-linux"
    bundling.stage_linux_tree(bundle, tree)

    from PySide6.QtGui import QImage

    for size in names.HICOLOR_SIZES:
        icon = tree / f"usr/share/icons/hicolor/{size}x{size}/apps/{names.APP_ID}.png"
        assert QImage(str(icon)).size().width() == size
    assert (tree / f"usr/share/icons/hicolor/scalable/apps/{names.APP_ID}.svg").is_file()
    assert QImage(str(tree / ".DirIcon")).width() == 256
    assert (tree / f"{names.APP_ID}.desktop").is_file()
    for launcher in ("AppRun", "usr/bin/pmo-desktop"):
        result = subprocess.run([str(tree / launcher), "--version"], capture_output=True, text=True)
        assert result.stdout == "frozen pmo-desktop --version\n"

    home = tmp_path / "home"
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    subprocess.run(["sh", str(tree / "install.sh")], env=env, check=True, capture_output=True)
    installed = home / "data" / "pmo-desktop" / "app" / names.EXE_NAME
    assert (home / ".local" / "bin" / "pmo-desktop").resolve() == installed.resolve()
    entry = (home / "data" / "applications" / f"{names.APP_ID}.desktop").read_text()
    assert f'Exec="{installed}" %f' in entry
    assert (home / "data" / "icons/hicolor/48x48/apps" / f"{names.APP_ID}.png").is_file()
    assert (home / "data" / "metainfo" / f"{names.APP_ID}.metainfo.xml").is_file()

    subprocess.run(
        ["sh", str(tree / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True
    )
    assert not installed.exists() and not (home / ".local" / "bin" / "pmo-desktop").exists()
    assert not list((home / "data").rglob(f"{names.APP_ID}*"))
