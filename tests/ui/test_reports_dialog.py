"""The board pack dialog on the real scheduled demo portfolio: it lists the programmes and
projects, builds a PDF in the background (read back with pypdf) with one thumbnail per page,
cancels without leaving a file, shows errors keeping the choices, saves and loads templates
and remembers the last choices."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale, QObject, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage
from sqlalchemy import select

from pmo_desktop.models import Portfolio, Programme, Project, ProjectStatus
from pmo_desktop.reports.data import PackOptions, Section
from pmo_desktop.services.database import Database
from pmo_desktop.ui.reports.dialog import BoardPackDialog
from pmo_desktop.ui.reports.prompts import ReportPrompts
from pmo_desktop.ui.reports.selection import CodeRole
from pmo_desktop.ui.workers import WorkPool

BUILD_TIMEOUT_MS = 180_000
#: Fewer sections and projects keep each build to a few seconds.
QUICK_SECTIONS = frozenset({Section.COVER, Section.PORTFOLIO_TABLE, Section.PROJECTS})


class ScriptedPrompts(ReportPrompts):
    """Answers the file, colour and name choosers from a script; records every message."""

    def __init__(self) -> None:
        super().__init__()
        self.save_path: Path | None = None
        self.image_path: Path | None = None
        self.colours: list[str] = []
        self.texts: list[str | None] = []
        self.answer = True
        self.messages: list[tuple[str, str, str]] = []

    def save_file(self, parent: Any, title: str, default: Path, filters: str) -> Path | None:
        self.messages.append(("save", title, str(default)))
        return self.save_path

    def open_image(self, parent: Any, directory: Path) -> Path | None:
        return self.image_path

    def colour(self, parent: Any, title: str, initial: str) -> str | None:
        return self.colours.pop(0) if self.colours else None

    def text(self, parent: Any, title: str, label: str, default: str) -> str | None:
        return self.texts.pop(0) if self.texts else None

    def question(self, parent: Any, title: str, text: str) -> bool:
        self.messages.append(("question", title, text))
        return self.answer

    def critical(self, parent: Any, title: str, text: str) -> None:
        self.messages.append(("critical", title, text))

    def information(self, parent: Any, title: str, text: str) -> None:
        self.messages.append(("information", title, text))


@pytest.fixture
def pool() -> Iterator[WorkPool]:
    work = WorkPool()
    yield work
    work.drain()


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


def _portfolio(database: Database) -> Portfolio:
    with database.session() as session:
        return session.scalars(select(Portfolio)).one()


def _open_dialog(
    qtbot, database: Database, pool: WorkPool, prompts: ScriptedPrompts
) -> BoardPackDialog:
    portfolio = _portfolio(database)
    assert portfolio.as_of_date is not None
    dialog = BoardPackDialog(
        database, portfolio.id, portfolio.name, portfolio.as_of_date, pool=pool, prompts=prompts
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_loading, timeout=30_000)
    return dialog


@pytest.fixture
def dialog(
    qtbot, demo: Database, pool: WorkPool, prompts: ScriptedPrompts
) -> Iterator[BoardPackDialog]:
    opened = _open_dialog(qtbot, demo, pool, prompts)
    yield opened
    opened.shutdown()
    opened.close()


def _choose(dialog: BoardPackDialog, codes: set[str]) -> None:
    """Tick exactly `codes`, as a user clicking the check boxes would."""
    model = dialog.selection_model
    for item in model.project_items():
        state = Qt.CheckState.Checked if item.data(CodeRole) in codes else Qt.CheckState.Unchecked
        model.setData(item.index(), state, Qt.ItemDataRole.CheckStateRole)


def _quick(dialog: BoardPackDialog, codes: set[str], out: Path) -> None:
    _choose(dialog, codes)
    for section, box in dialog.form.section_boxes.items():
        box.setChecked(section in QUICK_SECTIONS)
    dialog.output_edit.setText(str(out))


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pdf_text(path: Path) -> str:
    return _words(" ".join(page.extract_text() for page in PdfReader(path).pages))


def _projects(database: Database) -> list[tuple[str, str, str | None, ProjectStatus]]:
    with database.session() as session:
        rows = session.execute(
            select(Project.code, Project.name, Programme.code, Project.status).outerjoin(
                Programme, Programme.id == Project.programme_id
            )
        ).all()
    return [(code, name, programme, status) for code, name, programme, status in rows]


# --------------------------------------------------------------------------- listing


def test_lists_programmes_and_projects_with_the_active_ones_checked(dialog, demo) -> None:
    projects = _projects(demo)
    model = dialog.selection_model
    shown = {
        (str(child.data(CodeRole)), str(parent.data(CodeRole)) if parent.data(CodeRole) else None)
        for parent in model.programme_items()
        for child in (parent.child(row, 0) for row in range(parent.rowCount()))
    }
    assert shown == {(code, programme) for code, _name, programme, _status in projects}
    active = {
        code
        for code, _name, _programme, status in projects
        if status in (ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD)
    }
    assert set(model.checked_codes()) == active
    assert 0 < len(active) < len(projects)  # the demo has closed and proposed projects too
    texts = {item.text() for item in model.project_items()}
    for code, name, _programme, _status in projects:
        assert f"{code}  {name}" in texts
    assert dialog.count_label.text() == f"{len(active)} of {len(projects)} selected"
    assert dialog.selection_model.selection().is_default


def test_programme_check_box_checks_its_projects(dialog, demo) -> None:
    model = dialog.selection_model
    parent = next(item for item in model.programme_items() if item.rowCount() >= 2)
    model.setData(parent.index(), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    children = [parent.child(row, 0) for row in range(parent.rowCount())]
    assert all(child.checkState() == Qt.CheckState.Unchecked for child in children)
    model.setData(children[0].index(), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert parent.checkState() == Qt.CheckState.PartiallyChecked
    model.setData(parent.index(), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert all(child.checkState() == Qt.CheckState.Checked for child in children)
    selection = model.selection()
    assert parent.data(CodeRole) in selection.programmes  # a whole programme is named once
    dialog.select_none_button.click()
    assert model.checked_codes() == []
    dialog.select_all_button.click()
    assert len(model.checked_codes()) == len(_projects(demo))


# ---------------------------------------------------------------------------- build


class _UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def test_build_writes_the_pack_and_shows_a_thumbnail_per_page(
    qtbot, dialog, demo, tmp_path
) -> None:
    projects = {code: name for code, name, _programme, _status in _projects(demo)}
    chosen = {"DIG-01", "ERP-01"}
    out = tmp_path / "out" / "pack.pdf"
    out.parent.mkdir()
    _quick(dialog, chosen, out)
    dialog.form.title_edit.setText("Comité de pilotage — novembre")
    values: list[int] = []
    dialog.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(dialog.build_finished, timeout=BUILD_TIMEOUT_MS) as finished:
        assert dialog.build() is not None
        assert dialog.is_building and not dialog.build_button.isEnabled()
        assert dialog.cancel_button.isEnabled()
    assert dialog.message == ""
    assert values[-1] == dialog.progress.maximum()
    assert any(0 < value < dialog.progress.maximum() for value in values)  # fed while building
    assert values == sorted(values)
    built = finished.args[0]
    reader = PdfReader(out)
    assert built.result.path == out and built.result.pages == len(reader.pages) > 0
    text = _pdf_text(out)
    for code in chosen:
        assert _words(projects[code]) in text
    assert "Comité de pilotage — novembre" in text
    for code, name in projects.items():
        assert (_words(name) in text) == (code in chosen), code
    assert [path.name for path in out.parent.iterdir()] == ["pack.pdf"]  # no temporary left

    thumbnails = dialog.preview.thumbnails
    assert thumbnails.count() == len(reader.pages)
    assert [thumbnails.item(row).text() for row in range(thumbnails.count())] == [
        str(number) for number in range(1, len(reader.pages) + 1)
    ]
    width, height = (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height))
    assert width > height  # landscape by default
    icon = thumbnails.item(0).icon().pixmap(thumbnails.iconSize()).toImage()
    assert abs(icon.width() / icon.height() - width / height) < 0.05
    with qtbot.waitSignal(dialog.preview.page_shown, timeout=30_000) as shown:
        thumbnails.setCurrentRow(len(reader.pages) - 1)
    assert shown.args == [len(reader.pages)]
    large = dialog.preview.page.image()
    assert large.width() >= 1000 and abs(large.width() / large.height() - width / height) < 0.01
    assert _has_ink(large)
    assert dialog.open_button.isEnabled() and dialog.folder_button.isEnabled()
    assert f"{len(reader.pages)} pages for 2 projects" in dialog.status_label.text()

    catcher = _UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        dialog.open_button.click()
        dialog.folder_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in catcher.urls] == [out, out.parent]


def _has_ink(image: QImage) -> bool:
    """Some pixels are far from white: a page was drawn, not an empty picture."""
    step = max(1, image.width() // 60)
    dark = 0
    for x in range(0, image.width(), step):
        for y in range(0, image.height(), step):
            if QColor(image.pixel(x, y)).lightness() < 128:
                dark += 1
    return dark > 10


def test_cancel_leaves_no_file(qtbot, dialog, tmp_path) -> None:
    out = tmp_path / "cancelled" / "pack.pdf"
    out.parent.mkdir()
    _quick(dialog, {"DIG-01"}, out)
    with qtbot.waitSignal(dialog.build_cancelled, timeout=BUILD_TIMEOUT_MS):
        assert dialog.build() is not None
        dialog.cancel_button.click()
    assert list(out.parent.iterdir()) == []
    assert not dialog.is_building and dialog.build_button.isEnabled()
    assert dialog.status_label.text() == "Cancelled: no file was written."
    assert dialog.preview.thumbnails.count() == 0
    assert not dialog.open_button.isEnabled()


def test_an_error_is_shown_in_the_dialog_and_the_choices_are_kept(qtbot, dialog, tmp_path) -> None:
    out = tmp_path / "no such folder" / "pack.pdf"
    _quick(dialog, {"DIG-01", "OPS-01"}, out)
    dialog.form.title_edit.setText("Monthly pack")
    dialog.form.language_combo.setCurrentIndex(dialog.form.language_combo.findData("fr"))
    before = dialog.request()
    with qtbot.waitSignal(dialog.build_failed, timeout=BUILD_TIMEOUT_MS) as failed:
        dialog.build()
    assert "no such folder" in failed.args[0] and "does not exist" in failed.args[0]
    assert dialog.message == failed.args[0]
    assert dialog.message_label.styleSheet() == "color: #B71C1C;"
    assert not out.parent.exists()
    assert dialog.request() == before
    assert dialog.output_edit.text() == str(out)
    assert dialog.build_button.isEnabled() and not dialog.open_button.isEnabled()


def test_choices_that_cannot_build_are_refused_before_starting(dialog, tmp_path) -> None:
    dialog.output_edit.setText(str(tmp_path / "pack.pdf"))
    dialog.select_none_button.click()
    assert dialog.build() is None
    assert dialog.message == "Choose at least one project."
    dialog.select_all_button.click()
    for box in dialog.form.section_boxes.values():
        box.setChecked(False)
    assert dialog.build() is None
    assert dialog.message == "Choose at least one section."
    dialog.form.section_boxes[Section.COVER].setChecked(True)
    dialog.output_edit.setText(str(tmp_path))
    assert dialog.build() is None
    assert dialog.message == f"{tmp_path} is a folder: add a file name."
    assert not dialog.is_building


def test_an_existing_file_is_replaced_only_when_the_user_agrees(dialog, prompts, tmp_path) -> None:
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"last month")
    _quick(dialog, {"DIG-01"}, out)
    prompts.answer = False
    assert dialog.build() is None
    assert prompts.messages[-1] == (
        "question",
        "Board pack",
        "pack.pdf already exists. Replace it?",
    )
    assert out.read_bytes() == b"last month"


# ------------------------------------------------------------------------ templates


def _logo(tmp_path: Path) -> Path:
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#C00000"))
    path = tmp_path / "logo.png"
    assert image.save(str(path))
    return path


def test_template_saved_then_loaded_in_a_new_dialog(
    qtbot, dialog, demo, pool, prompts, tmp_path
) -> None:
    form = dialog.form
    _choose(dialog, {"DIG-01", "OPS-02"})
    for section, box in form.section_boxes.items():
        box.setChecked(section in {Section.COVER, Section.PROJECTS, Section.RISKS})
    form.language_combo.setCurrentIndex(form.language_combo.findData("fr"))
    form.paper_combo.setCurrentIndex(form.paper_combo.findData("a3"))
    form.orientation_combo.setCurrentIndex(form.orientation_combo.findData("portrait"))
    form.title_edit.setText("Comité de pilotage")
    form.classification_edit.setText("Confidentiel")
    prompts.colours = ["#112233", "#AA5500"]
    form.primary_button.click()
    form.accent_button.click()
    prompts.image_path = _logo(tmp_path)
    form.logo_picker.choose_button.click()
    logo = prompts.image_path.read_bytes()
    assert form.logo_picker.logo() == logo
    assert not form.logo_picker.preview.pixmap().isNull()
    wanted = dialog.request()

    prompts.texts = ["  Monthly   steering  "]
    with qtbot.waitSignal(dialog.templates.changed, timeout=30_000) as changed:
        dialog.templates.save_button.click()
    assert changed.args == ["Template “Monthly steering” saved."]
    assert dialog.templates.names() == ["Monthly steering"]
    assert dialog.templates.current_name() == "Monthly steering"
    dialog.close()

    reopened = _open_dialog(qtbot, demo, pool, prompts)
    try:
        reopened.select_all_button.click()
        reopened.form.set_options(PackOptions())
        assert reopened.request().options != wanted.options
        assert reopened.templates.names() == ["Monthly steering"]
        reopened.templates.load_button.click()
        assert reopened.status_label.text() == "Template “Monthly steering” loaded."
        restored = reopened.request()
        assert restored.options == wanted.options
        assert restored.options.branding.logo == logo
        assert (restored.projects, restored.programmes) == (wanted.projects, wanted.programmes)
        assert set(reopened.selection_model.checked_codes()) == {"DIG-01", "OPS-02"}
        assert restored.as_of == wanted.as_of  # the date is the dialog's, never the template's

        prompts.answer = True
        with qtbot.waitSignal(reopened.templates.changed, timeout=30_000):
            reopened.templates.delete_button.click()
        assert prompts.messages[-1][2] == "Delete the template “Monthly steering”?"
        assert reopened.templates.names() == []
        assert not reopened.templates.load_button.isEnabled()
    finally:
        reopened.shutdown()
        reopened.close()


def test_template_errors_are_shown_in_the_dialog(qtbot, dialog, prompts) -> None:
    prompts.texts = ["   "]
    job = dialog.templates.save_as()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    assert dialog.message.startswith("The template was not changed.")
    assert "name" in dialog.message
    assert dialog.templates.names() == []
    prompts.texts = [None]  # the user cancelled the name
    assert dialog.templates.save_as() is None


def test_logo_is_read_when_chosen_and_can_be_removed(dialog, prompts, tmp_path) -> None:
    picker = dialog.form.logo_picker
    fake = tmp_path / "fake.png"
    fake.write_text("not a picture")
    prompts.image_path = fake
    picker.choose_button.click()
    assert picker.logo() is None
    assert dialog.message == "fake.png is not a PNG or JPEG picture."
    prompts.image_path = _logo(tmp_path)
    picker.choose_button.click()
    data = prompts.image_path.read_bytes()
    prompts.image_path.unlink()  # the build needs the bytes, never the file
    assert dialog.request().options.branding.logo == data
    preview = picker.preview.pixmap()
    assert not preview.isNull() and preview.width() <= picker.preview.width()
    assert picker.remove_button.isEnabled()
    picker.remove_button.click()
    assert dialog.request().options.branding.logo is None
    assert picker.preview.text() == "No logo" and not picker.remove_button.isEnabled()


def test_first_run_defaults_follow_the_interface_and_preferences(
    qtbot, demo, pool, prompts
) -> None:
    portfolio = _portfolio(demo)
    assert portfolio.as_of_date is not None
    previous = QLocale()
    QLocale.setDefault(QLocale("fr_FR"))
    try:
        opened = BoardPackDialog(
            demo, portfolio.id, portfolio.name, portfolio.as_of_date, pool=pool, prompts=prompts,
            paper="letter",
        )  # fmt: skip
    finally:
        QLocale.setDefault(previous)
    qtbot.addWidget(opened)
    options = opened.form.options()
    assert (options.language, options.paper) == ("fr", "letter")
    assert options.sections == frozenset(Section)
    assert opened.form.as_of() == portfolio.as_of_date
    qtbot.waitUntil(lambda: not opened.is_loading, timeout=30_000)
    opened.shutdown()


def test_last_choices_are_remembered_across_runs(qtbot, dialog, demo, pool, prompts) -> None:
    _choose(dialog, {"CYB-02", "DIG-03"})  # a closed project too
    dialog.form.paper_combo.setCurrentIndex(dialog.form.paper_combo.findData("letter"))
    dialog.form.classification_edit.setText("Restricted")
    dialog.form.section_boxes[Section.APPENDIX].setChecked(False)
    dialog.close()
    assert QSettings().value("reports/board_pack/paper") == "letter"

    reopened = _open_dialog(qtbot, demo, pool, prompts)
    try:
        options = reopened.form.options()
        assert options.paper == "letter" and options.classification == "Restricted"
        assert Section.APPENDIX not in options.sections and Section.COVER in options.sections
        assert set(reopened.selection_model.checked_codes()) == {"CYB-02", "DIG-03"}
        portfolio = _portfolio(demo)
        assert reopened.form.as_of() == portfolio.as_of_date
        assert Path(reopened.output_edit.text()).name == (
            f"{portfolio.name} board pack {portfolio.as_of_date.isoformat()}.pdf"
        )
    finally:
        reopened.shutdown()
        reopened.close()


def test_output_file_name_follows_the_as_of_date(qtbot, dialog, demo, prompts, tmp_path) -> None:
    portfolio = _portfolio(demo)
    dialog.form.set_as_of(date(2026, 12, 31))
    assert Path(dialog.output_edit.text()).name == f"{portfolio.name} board pack 2026-12-31.pdf"
    dialog.output_edit.clear()
    qtbot.keyClicks(dialog.output_edit, str(tmp_path / "custom"))
    dialog.form.set_as_of(date(2027, 1, 31))
    assert dialog.output_edit.text() == str(tmp_path / "custom")  # the user's own name is kept
    assert dialog.output_path() == tmp_path / "custom.pdf"
    prompts.save_path = tmp_path / "chosen"
    dialog.browse_button.click()
    assert dialog.output_edit.text() == str(tmp_path / "chosen.pdf")
    assert prompts.messages[-1] == ("save", "Save the board pack as", str(tmp_path / "custom.pdf"))
