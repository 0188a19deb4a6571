"""The French translation: complete, faithful to placeholders, up to date, and shipped."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "pmo_desktop_fr.ts"
QM_FILE = ROOT / "pmo_desktop" / "resources" / "translations" / "pmo_desktop_fr.qm"
PLACEHOLDER = re.compile(r"\{\w+\}")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name", ""), message.findtext("source", ""), message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pmo_build", ROOT / "installer" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_string_is_translated() -> None:
    messages = _messages(TS_FILE)
    assert len(messages) > 50
    for context, source, message in messages:
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), (
            context,
            source,
        )
        text = translation.text or ""
        assert text.strip(), (context, source)
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), source
        assert ("&" in source) == ("&" in text.replace("&amp;", "&")), source


def test_translation_sources_are_up_to_date(tmp_path: Path) -> None:
    """Running lupdate on the code finds no string that the .ts does not have."""
    build = _build_script()
    try:
        lupdate = build.find_tool("pyside6-lupdate")
    except build.BuildError as exc:
        pytest.skip(str(exc))
    fresh = tmp_path / "fresh_fr.ts"
    shutil.copy(TS_FILE, fresh)
    sources = [str(path) for path in build.python_sources()]
    subprocess.run(
        [lupdate, "-locations", "none", "-no-obsolete", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    committed = {(context, source) for context, source, _ in _messages(TS_FILE)}
    current = {(context, source) for context, source, _ in _messages(fresh)}
    assert current == committed, "run `python installer/build.py translations`"


def test_compiled_translation_is_shipped(qapp) -> None:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    assert translator.translate("MainWindow", "&File") == "&Fichier"
    assert translator.translate("ProjectTableModel", "Manager") == "Chef de projet"
    assert translator.translate("PortfolioTreeModel", "Portfolio") == "Portefeuille"
    assert translator.translate("ProjectTableModel", "%\ncomplete") == "Avancement"
    for context, source, message in _messages(TS_FILE):
        text = message.findtext("translation", "")
        if text != source:  # lrelease drops the ones equal to their source
            assert translator.translate(context, source) == text, "rebuild the .qm"
