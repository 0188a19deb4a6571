"""Board packs, status reports and portfolio tables written to real files from the demo
portfolio, read back with pypdf and openpyxl; failed and cancelled builds leave nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from pmo_desktop.errors import InteropError, NotFoundError, ValidationError
from pmo_desktop.models import Programme, Project, ProjectStatus
from pmo_desktop.reports.data import PackOptions, Section
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.reporting import (
    PackRequest,
    write_board_pack,
    write_portfolio_table,
    write_project_report,
)

AS_OF = date(2026, 10, 30)
#: A short pack: enough to prove selection, progress and atomicity quickly.
LEAN = PackOptions(
    sections=frozenset({Section.COVER, Section.PORTFOLIO_TABLE, Section.PROJECTS}),
    classification="Restricted",
)


class CancelledError(Exception):
    """What a GUI's progress callback raises when the user presses Cancel."""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    create_demo(database.write_engine, as_of=AS_OF)
    yield database
    database.close()


def reported_projects(database: Database) -> list[Project]:
    """The default selection, computed from the tables: active or on hold, code order."""
    with database.session() as session:
        return list(
            session.scalars(
                select(Project)
                .where(Project.status.in_([ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD]))
                .order_by(Project.code)
            )
        )


def pdf_text(path: Path) -> tuple[int, list[str]]:
    reader = PdfReader(path)
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    return len(reader.pages), pages


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_board_pack_of_the_demo_portfolio(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    calls: list[tuple[int, int, str]] = []

    result = write_board_pack(demo, PackRequest(as_of=AS_OF), out, lambda *call: calls.append(call))

    expected = reported_projects(demo)
    count, pages = pdf_text(out)
    assert result.path == out and result.pages == count > len(expected)
    assert result.projects == len(expected) and result.seconds > 0
    document = " ".join(pages)
    assert "Helios Transformation Portfolio" in document
    for project in expected:
        assert project.name in document, project.name
    with demo.session() as session:
        closed = session.scalars(
            select(Project.name).where(Project.status == ProjectStatus.CLOSED)
        ).all()
    assert closed and not any(name in document for name in closed)
    # One progress scale over assembling and rendering, ending at its total.
    assert {total for _, total, _ in calls} == {1000}
    done = [value for value, _, _ in calls]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 1000
    assert any(0 < value < 400 for value in done) and any(400 < value < 1000 for value in done)
    assert leftovers(tmp_path) == []


def test_selected_projects_and_programmes_only(demo: Database, tmp_path: Path) -> None:
    everything = reported_projects(demo)
    with demo.session() as session:
        programme = session.scalars(select(Programme).order_by(Programme.code)).first()
    assert programme is not None
    chosen = [p for p in everything if p.programme_id == programme.id]
    lone = next(p for p in everything if p.programme_id != programme.id)
    request = PackRequest(projects=(lone.name.upper(),), programmes=(programme.code,), options=LEAN)

    result = write_board_pack(demo, request, tmp_path / "some.pdf")

    _, pages = pdf_text(result.path)
    document = " ".join(pages)
    assert result.projects == len(chosen) + 1
    for project in [*chosen, lone]:
        assert project.name in document
    for project in everything:
        if project not in chosen and project is not lone:
            assert project.name not in document, project.name


def test_a_cancelled_build_leaves_no_file_and_keeps_the_old_one(
    demo: Database, tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    out.write_bytes(b"last month's pack")

    def cancel_while_rendering(done: int, total: int, label: str) -> None:
        if done > 400:
            raise CancelledError

    with pytest.raises(CancelledError):
        write_board_pack(demo, PackRequest(options=LEAN), out, cancel_while_rendering)
    assert out.read_bytes() == b"last month's pack"
    assert leftovers(tmp_path) == []

    def cancel_while_assembling(done: int, total: int, label: str) -> None:
        if done > 0:
            raise CancelledError

    fresh = tmp_path / "new.pdf"
    with pytest.raises(CancelledError):
        write_board_pack(demo, PackRequest(options=LEAN), fresh, cancel_while_assembling)
    assert not fresh.exists() and leftovers(tmp_path) == []


def test_unknown_names_are_refused_before_any_file(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    with pytest.raises(NotFoundError) as caught:
        write_board_pack(demo, PackRequest(projects=("NOPE-1", "DIG-01", "Nope 2")), out)
    assert "'NOPE-1'" in str(caught.value) and "'Nope 2'" in str(caught.value)
    with pytest.raises(NotFoundError, match="programme 'Ghost'"):
        write_board_pack(demo, PackRequest(programmes=("Ghost",)), out)
    with pytest.raises(NotFoundError, match="No portfolio named 'Elsewhere'"):
        write_board_pack(demo, PackRequest(portfolio="Elsewhere"), out)
    with pytest.raises(ValidationError, match="language"):
        write_board_pack(demo, PackRequest(options=PackOptions(language="de")), out)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_outputs_are_clear_errors(demo: Database, tmp_path: Path) -> None:
    with pytest.raises(InteropError, match="does not exist"):
        write_board_pack(demo, PackRequest(options=LEAN), tmp_path / "missing" / "pack.pdf")
    with pytest.raises(InteropError, match="is a folder"):
        write_board_pack(demo, PackRequest(options=LEAN), tmp_path)


def test_project_status_report_is_one_page(demo: Database, tmp_path: Path) -> None:
    project = reported_projects(demo)[0]
    out = tmp_path / "status.pdf"

    result = write_project_report(demo, project.code.lower(), out, as_of=AS_OF)

    count, pages = pdf_text(out)
    assert count == result.pages == 1 and result.projects == 1
    assert project.name in pages[0] and project.code in pages[0]
    with pytest.raises(NotFoundError, match="'Ghost'"):
        write_project_report(demo, "Ghost", tmp_path / "ghost.pdf")
    assert not (tmp_path / "ghost.pdf").exists()


def test_portfolio_table_workbook(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "table.xlsx"

    result = write_portfolio_table(demo, PackRequest(as_of=AS_OF), out)

    expected = reported_projects(demo)
    sheet = load_workbook(out).worksheets[0]
    headings = {cell.value: cell.column for cell in sheet[1]}
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert result.projects == len(rows) == len(expected) and result.pages == 0
    assert [row[headings["Code"] - 1] for row in rows] == [p.code for p in expected]
    assert [row[headings["Project"] - 1] for row in rows] == [p.name for p in expected]
    budgets = [row[headings["Budget"] - 1] for row in rows]
    assert budgets == [pytest.approx(float(p.budget)) for p in expected]
    assert leftovers(tmp_path) == []


def test_french_portfolio_table(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "tableau.xlsx"
    request = PackRequest(options=PackOptions(language="fr"))
    write_portfolio_table(demo, request, out)
    sheet = load_workbook(out).worksheets[0]
    assert any(re.search(r"#,##0 \"€\"", cell.number_format) for cell in sheet[2])


@pytest.mark.postgres
def test_board_pack_from_postgresql(postgres_url: str, tmp_path: Path) -> None:
    database = open_database(postgres_url)
    try:
        create_demo(database.write_engine, as_of=AS_OF)
        result = write_board_pack(database, PackRequest(options=LEAN), tmp_path / "pg.pdf")
        _, pages = pdf_text(result.path)
        document = " ".join(pages)
        assert result.projects == len(reported_projects(database))
        assert all(project.name in document for project in reported_projects(database))
    finally:
        database.close()
