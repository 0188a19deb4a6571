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
#: Every kind of placeholder a source may hold: str.format fields, Qt's %1…%99, %L1 and %n.
ANY_PLACEHOLDER = re.compile(r"\{\w*\}|%L?\d{1,2}|%n")
TAG = re.compile(r"</?(?:a|b|br|div|em|font|i|li|p|small|span|strong|u|ul)(?=[\s>/{])[^<>]*>")
MNEMONIC = re.compile(r"&([^&\s])")
#: French typography: a no-break space (U+00A0, U+202F) before these signs when a space follows.
DOUBLE_SIGN = re.compile(r"(?<![\u00a0\u202f])[:;?!](?=\s|$)")
#: Items shown together (one menu, menu bar or dialog), by source text: their `&` letters
#: must differ in French too. Show/Hide details share one button, so only one is listed.
MNEMONIC_GROUPS = {
    "menu bar": (
        "&File", "&Edit", "&View", "&Project", "&Gantt", "Re&sources", "R&isks", "RAI&D",
        "Gover&nance", "&Reports", "&Help",
    ),
    "Reports menu": (
        "&Board pack…", "Project &status report…", "Export portfolio table to &Excel…",
    ),
    "File menu": (
        "&New database…", "&Open database…", "&Connect to server…", "Open &Recent",
        "New project from &template…", "&Import…", "&Export…", "&Backups…",
        "Create the &demo portfolio", "&Reload", "&Quit",
    ),
    "Edit menu": ("&Undo", "&Redo", "&Preferences…"),
    "Governance menu": (
        "New project from &template…", "&Gate review…", "&Method templates…",
        "&RAG rules and risk scoring…", "&PMO operating mode…",
    ),
    "View menu": (
        "Portfolio &dashboard", "&Project", "&Gantt chart", "Portfolio G&antt",
        "Resource &loading", "Ris&k register", "RA&ID logs", "Re&source pool",
        "Priori&tisation", "Co&mpliance", "C&hange log",
        "P&ortfolio", "&Filter projects", "&Expand all", "&Collapse programmes",
        "&Reset column widths",
    ),
    "Open Recent menu": ("Remove &missing files", "&Clear list"),
    "project table menu": (
        "&Filter projects", "&Open project", "&Reset column widths", "&Expand all groups",
        "&Collapse all groups",
    ),
    "ConnectDialog": (
        "&Host:", "&Port:", "&Database:", "&User:", "Pass&word:", "Re&member password",
        "&Test connection", "&Connect",
    ),
    "PreferencesDialog": (
        "&Language:", "&Paper size:", "&User name shown to others:", "&Today", "&Fixed date:",
        "&SPI below:", "&CPI below:", "&Budget overrun above:", "Sc&hedule slip above:",
        "Open risk is &high from score:",
    ),
    "WelcomeDialog": (
        "Open the &demo portfolio", "Create a &new database…", "&Connect to a server…",
        "&Open a database file…", "&Recent databases", "&Skip",
    ),
    "CrashDialog": ("Show &details", "&Copy details", "Open log &folder"),
    "Risks menu": ("&New risk", "&Delete risk…", "&Filter risks", "&Clear risk filters"),
    "RiskEditor": ("&Add action", "&Save", "Re&vert"),
    "ResourceLoadingView menu": (
        "Loading by &Week", "Loading by &Month", "Group by &Role", "Group by &Department",
    ),
    "BoardPackDialog": (
        "&Build", "&Classification:", "&Load", "&Open", "&Paper:", "&Save to:", "As-of &date:",
        "Bro&wse…", "C&hoose…", "Dele&te", "Lan&guage:", "O&rientation:", "R&emove",
        "Reset colo&urs", "Sa&ve as…", "Select &all", "Select &none", "Show in &folder",
        "T&itle:", "Te&mplate:",
    ),
}  # fmt: skip


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name", ""), message.findtext("source", ""), message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _translations(message: ET.Element) -> list[str]:
    """The translated text, or each plural form of a numerus message."""
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


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
        for text in _translations(message):
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
        if message.get("numerus") == "yes":
            singular, plural = _translations(message)
            assert translator.translate(context, source, None, 1) == singular, "rebuild the .qm"
            assert translator.translate(context, source, None, 2) == plural, "rebuild the .qm"
            continue
        text = message.findtext("translation", "")
        if text != source:  # lrelease drops the ones equal to their source
            assert translator.translate(context, source) == text, "rebuild the .qm"


def test_every_context_is_a_class_name() -> None:
    """tr() looks a string up under its class's name: lupdate files `tr = window.tr` calls
    under "" and `self.workspace.tr(...)` under "self.workspace", where nothing finds them."""
    misplaced = {
        (context, source) for context, source, _ in _messages(TS_FILE) if not context.isidentifier()
    }
    assert not misplaced, "use self.tr() or QCoreApplication.translate('Class', '...')"


def test_no_message_is_left_unfinished() -> None:
    assert 'type="unfinished"' not in TS_FILE.read_text(encoding="utf-8")
    for context, source, message in _messages(TS_FILE):
        forms = _translations(message)
        assert forms and all(form.strip() for form in forms), (context, source)


def test_placeholders_markup_and_mnemonics_are_kept() -> None:
    for context, source, message in _messages(TS_FILE):
        forms = _translations(message)
        if message.get("numerus") == "yes":
            assert len(forms) == 2, (context, source)  # French: singular (0, 1), plural
        for text in forms:
            where = (context, source, text)
            assert sorted(ANY_PLACEHOLDER.findall(text)) == sorted(
                ANY_PLACEHOLDER.findall(source)
            ), where
            assert sorted(TAG.findall(text)) == sorted(TAG.findall(source)), where
            assert len(MNEMONIC.findall(text)) == len(MNEMONIC.findall(source)), where
            assert text.endswith("…") == source.endswith("…"), where


def test_french_typography() -> None:
    """A no-break space before « : ; ? ! » and inside guillemets; no English quotes left."""
    for context, source, message in _messages(TS_FILE):
        for text in _translations(message):
            where = (context, source, text)
            assert not DOUBLE_SIGN.search(text), where
            assert "« " not in text and " »" not in text, where
            assert not set("“”") & set(text), where


def test_mnemonics_are_unique_where_shown_together() -> None:
    translated: dict[str, str] = {}
    for _context, source, message in _messages(TS_FILE):
        translated.setdefault(source, _translations(message)[0])
    for group, sources in MNEMONIC_GROUPS.items():
        present = [translated[source] for source in sources if source in translated]
        assert present, group
        letters = [MNEMONIC.search(text).group(1).lower() for text in present]  # type: ignore[union-attr]
        assert len(letters) == len(set(letters)), (group, present)
