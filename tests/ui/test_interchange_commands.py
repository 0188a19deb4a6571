"""File ▸ Export… and File ▸ Import… in the main window, on the scheduled demo: real files
written and read back (openpyxl, the MSPDI reader), the views reloaded after an import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from pmo_desktop.interop.mspdi import read_mspdi
from pmo_desktop.models import Project, Risk, Task
from pmo_desktop.services.database import Database
from pmo_desktop.ui.interchange.export_dialog import EXCEL, MSPDI, ExportChoice, ExportDialog
from pmo_desktop.ui.interchange.prompts import InterchangePrompts
from pmo_desktop.ui.main_window import MainWindow
from pmo_desktop.ui.workers import WorkPool

JOB_TIMEOUT_MS = 120_000


class FilePrompts(InterchangePrompts):
    """Answers the file choosers from the test; records messages instead of showing them."""

    def __init__(self) -> None:
        super().__init__()
        self.open_path: Path | None = None
        self.messages: list[tuple[str, str, str]] = []

    def open_file(self, parent: Any, title: str, directory: Path, filters: str) -> Path | None:
        self.messages.append(("open", title, filters))
        return self.open_path

    def critical(self, parent: Any, title: str, text: str) -> None:
        self.messages.append(("critical", title, text))

    def information(self, parent: Any, title: str, text: str) -> None:
        self.messages.append(("information", title, text))


@pytest.fixture
def window(qtbot, demo: Database, dialogs) -> Iterator[MainWindow]:
    pool = WorkPool()
    main = MainWindow(demo, dialogs=dialogs, pool=pool, remember_layout=False, watch_changes=False)
    main.interchange.prompts = FilePrompts()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(main.portfolio_view.is_loaded, timeout=30_000)
    yield main
    main.close()
    pool.drain()


def _first_project(database: Database) -> tuple[int, str, int]:
    with database.session() as session:
        project = session.scalars(select(Project).order_by(Project.code)).first()
        assert project is not None
        tasks = session.scalar(select(func.count()).where(Task.project_id == project.id))
        return project.id, project.code, int(tasks or 0)


def _run(qtbot, window: MainWindow, job: Any) -> None:
    assert job is not None
    with qtbot.waitSignal(window.interchange.done, timeout=JOB_TIMEOUT_MS):
        pass
    qtbot.waitUntil(lambda: window.interchange.job is None, timeout=JOB_TIMEOUT_MS)


def test_export_dialog_defaults_scope_format_and_sheets(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(
        portfolio="Group IT",
        project=(7, "ERP — ERP upgrade"),
        folder=tmp_path,
        prompts=FilePrompts(),
    )
    qtbot.addWidget(dialog)
    assert dialog.project_scope()
    assert dialog.choice() == ExportChoice(tmp_path / "ERP — ERP upgrade.xlsx", EXCEL, 7, ())
    # The loading grid is a portfolio sheet: off for a project, on for the portfolio.
    assert not dialog.sheet_boxes["loading"].isEnabled()
    dialog.sheet_boxes["issues"].setChecked(False)
    assert "issues" not in dialog.choice().sheets
    assert "loading" not in dialog.choice().sheets
    dialog.portfolio_button.setChecked(True)
    assert dialog.sheet_boxes["loading"].isEnabled()
    assert dialog.choice().project_id is None
    assert dialog.choice().path == tmp_path / "Group IT.xlsx"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(MSPDI))
    assert not dialog.sheets_box.isEnabled()
    assert dialog.choice().path.suffix == ".xml"
    assert dialog.choice().sheets == ()
    for box in dialog.sheet_boxes.values():
        box.setChecked(False)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(EXCEL))
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()  # no sheet chosen: nothing to export


def test_export_a_project_workbook_with_chosen_sheets(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    project_id, code, tasks = _first_project(window.database)
    window.select_project(code)
    context = window._interchange_context()
    assert context.project is not None and context.project[0] == project_id
    out = tmp_path / "project.xlsx"
    choice = ExportChoice(out, EXCEL, project_id, ("tasks", "risks"))
    _run(qtbot, window, window.interchange.start_export(context, choice))
    book = load_workbook(out, read_only=True)
    assert {"Tasks", "Risks", "Risk actions"} <= set(book.sheetnames)
    assert "Issues" not in book.sheetnames
    rows = sum(1 for _ in book["Tasks"].iter_rows(min_row=2)) if "Tasks" in book else 0
    assert rows == tasks
    book.close()
    assert str(out) in window.statusBar().currentMessage()


def test_export_the_portfolio_as_mspdi_then_import_it_as_a_new_project(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    context = window._interchange_context()
    out = tmp_path / "portfolio.xml"
    _run(qtbot, window, window.interchange.start_export(context, ExportChoice(out, MSPDI, None)))
    exported = read_mspdi(out)
    with window.database.session() as session:
        stored = session.scalar(select(func.count()).select_from(Task))
        projects_before = session.scalar(select(func.count()).select_from(Project))
    # Every stored task, one summary task per project, and MS Project's task 0.
    assert len(exported.tasks) == int(stored or 0) + int(projects_before or 0) + 1

    prompts = window.interchange.prompts
    assert isinstance(prompts, FilePrompts)
    prompts.open_path = out
    with qtbot.waitSignal(window.interchange.imported, timeout=JOB_TIMEOUT_MS):
        window.import_action.trigger()
    qtbot.waitUntil(lambda: window.interchange.job is None, timeout=JOB_TIMEOUT_MS)
    with window.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Project)) == projects_before + 1
    assert "Imported project" in window.statusBar().currentMessage()


def test_import_refuses_other_files_and_read_only_databases(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    prompts = window.interchange.prompts
    assert isinstance(prompts, FilePrompts)
    text = tmp_path / "notes.txt"
    text.write_text("not a plan")
    prompts.open_path = text
    window.import_action.trigger()
    assert prompts.messages[-1][0] == "critical"
    assert "notes.txt" in prompts.messages[-1][2]
    assert window.interchange.job is None


def _risk_workbook(window: MainWindow, path: Path) -> None:
    from pmo_desktop.services.interchange import export_excel

    assert window.portfolio_id is not None
    export_excel(window.database, path, portfolio_id=window.portfolio_id, sheets=("risks",))


def _open_and_check(qtbot, window: MainWindow, path: Path) -> None:
    prompts = window.interchange.prompts
    assert isinstance(prompts, FilePrompts)
    prompts.open_path = path
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.interchange.job is None, timeout=JOB_TIMEOUT_MS)


def test_a_workbook_of_ours_is_checked_then_updates_its_rows(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "risks.xlsx"
    _risk_workbook(window, path)
    book = load_workbook(path)
    sheet = book["Risks"]
    header = [cell.value for cell in sheet[1]]
    code = sheet.cell(row=2, column=header.index("Code") + 1).value
    sheet.cell(row=2, column=header.index("Title") + 1).value = '=HYPERLINK("x") renamed'
    book.save(path)
    with window.database.session() as session:
        before = session.scalar(select(func.count()).select_from(Risk))

    _open_and_check(qtbot, window, path)
    preview = window.interchange.preview
    assert preview is not None and preview.isVisible()
    assert preview.import_button.isEnabled() and preview.errors_table is None
    with qtbot.waitSignal(window.interchange.imported, timeout=JOB_TIMEOUT_MS):
        preview.import_button.click()
    qtbot.waitUntil(lambda: window.interchange.job is None, timeout=JOB_TIMEOUT_MS)
    with window.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Risk)) == before
        title = session.scalar(select(Risk.title).where(Risk.code == code))
    assert title == '=HYPERLINK("x") renamed'  # text, never a formula


def test_bad_cells_are_listed_and_nothing_is_imported(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "bad.xlsx"
    _risk_workbook(window, path)
    book = load_workbook(path)
    sheet = book["Risks"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=header.index("Probability") + 1).value = 9
    sheet.cell(row=2, column=header.index("Title") + 1).value = "Changed but not imported"
    book.save(path)

    _open_and_check(qtbot, window, path)
    preview = window.interchange.preview
    assert preview is not None and not preview.import_button.isEnabled()
    table = preview.errors_table
    assert table is not None and table.rowCount() == 1
    cells = [table.item(0, column).text() for column in range(3)]
    assert cells == ["Risks", "3", "J (Probability)"]
    preview.reject()
    with window.database.session() as session:
        titles = set(session.scalars(select(Risk.title)))
    assert "Changed but not imported" not in titles


def test_a_users_own_risk_sheet_is_mapped_checked_and_imported(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    path = tmp_path / "my risks.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.title = "Risk log"
    sheet.append(["Risk", "Likelihood", "Owner", "Remarks"])
    sheet.append(["Key supplier goes bankrupt", 4, "Ann", "watch"])
    sheet.append(["Data centre move slips", 7, "Bob", ""])
    book.save(path)

    _open_and_check(qtbot, window, path)
    dialog = window.interchange.mapping
    assert dialog is not None and dialog.isVisible()
    assert dialog.mapping() == {"Title": "Risk", "Probability": "Likelihood", "Owner": "Owner"}
    assert not dialog.import_button.isEnabled()  # not checked yet

    dialog.check_button.click()
    qtbot.waitUntil(lambda: window.interchange.job is None, timeout=JOB_TIMEOUT_MS)
    assert not dialog.import_button.isEnabled()  # Likelihood 7 is out of 1-5
    assert "Problems found: 1." in dialog.result.text()

    dialog.combos["Probability"].setCurrentIndex(0)  # not imported: the default applies
    dialog.check_button.click()
    qtbot.waitUntil(lambda: window.interchange.job is None, timeout=JOB_TIMEOUT_MS)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.interchange.imported, timeout=JOB_TIMEOUT_MS):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: window.interchange.job is None, timeout=JOB_TIMEOUT_MS)
    with window.database.session() as session:
        owners = dict(
            session.execute(
                select(Risk.title, Risk.owner).where(
                    Risk.title.in_(["Key supplier goes bankrupt", "Data centre move slips"])
                )
            ).all()
        )
    assert owners == {"Key supplier goes bankrupt": "Ann", "Data centre move slips": "Bob"}
