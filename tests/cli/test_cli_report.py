"""`pmo-desktop report`: board packs, status reports and portfolio tables from the command
line, with pack templates; real processes and real files read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select, update

from pmo_desktop import cli
from pmo_desktop.models import Project, ProjectStatus
from pmo_desktop.reports import data
from pmo_desktop.services.database import open_database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.reporting import list_templates

AS_OF = date(2026, 10, 30)
HOSTILE = '=HYPERLINK("http://x")'
A3_PORTRAIT = (842, 1191)  # points, rounded
Capture = pytest.CaptureFixture[str]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portfolio; its first project renamed to text Excel would run as a formula."""
    path = tmp_path_factory.mktemp("report") / "demo.sqlite"
    database = open_database(path)
    create_demo(database.write_engine, as_of=AS_OF)
    with database.write_session() as session:
        first = session.scalars(
            select(Project)
            .where(Project.status == ProjectStatus.ACTIVE)
            .order_by(Project.code)
            .limit(1)
        ).one()
        session.execute(update(Project).where(Project.id == first.id).values(name=HOSTILE))
    database.close()
    return path


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> Path:
    """A copy of the (closed) demo file this test may change."""
    return Path(shutil.copy(demo_file, tmp_path / "mine.sqlite"))


@pytest.fixture
def projects(demo_file: Path) -> dict[str, Project]:
    """The demo's projects by code (read, then the file is left alone)."""
    database = open_database(demo_file)
    try:
        with database.session() as session:
            return {p.code: p for p in session.scalars(select(Project).order_by(Project.code))}
    finally:
        database.close()


def call(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_error_line(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pmo-desktop: error: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


def table_codes(path: Path) -> list[str]:
    sheet = load_workbook(path).worksheets[0]
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_choices_are_the_board_packs() -> None:
    assert cli.LANGUAGES == data.LANGUAGES
    assert cli.PAPERS == data.PAPERS
    assert cli.ORIENTATIONS == data.ORIENTATIONS


def test_board_pack_in_french_on_a3_portrait(
    demo_file: Path, projects: dict[str, Project], tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    result = run(
        "report", "--db", str(demo_file), "--out", str(out), "--lang", "fr", "--paper", "a3",
        "--orientation", "portrait", "--as-of", "2026-10-30",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    reported = [p for p in projects.values() if p.status in ("active", "on_hold")]
    assert result.stdout.strip() == (
        f"Wrote {len(reader.pages)} pages for {len(reported)} projects to {out} in "
        + result.stdout.split(" in ")[-1].strip()
    )
    assert result.stdout.strip().endswith(" s")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A3_PORTRAIT
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "30 oct. 2026" in text  # French date format
    for project in reported:
        assert project.name in text


def test_portfolio_table_keeps_hostile_text_as_text(
    demo_file: Path, projects: dict[str, Project], tmp_path: Path
) -> None:
    out = tmp_path / "table.xlsx"
    result = run("report", "--db", str(demo_file), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote the portfolio table for ")
    sheet = load_workbook(out).worksheets[0]
    reported = [p for p in projects.values() if p.status in ("active", "on_hold")]
    rows = list(sheet.iter_rows(min_row=2))
    assert [row[0].value for row in rows] == [p.code for p in reported]
    name = rows[0][1]
    assert (name.value, name.data_type, name.quotePrefix) == (HOSTILE, "s", True)
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref.startswith("A1:")
    overall = rows[0][6]
    assert overall.fill.fill_type == "solid"


def test_save_then_use_a_template_with_overrides(
    demo_copy: Path,
    projects: dict[str, Project],
    tmp_path: Path,
    capsys: Capture,
) -> None:
    first, second, third = list(projects)[:3]
    code, out, err = call(
        capsys, "report", "--db", str(demo_copy), "--out", str(tmp_path / "a.xlsx"),
        "--projects", f"{first}, {projects[second].name}", "--lang", "fr",
        "--save-template", "Monthly", "--as-of", "2026-09-30",
    )  # fmt: skip
    assert code == 0, err
    assert "Saved the pack template 'Monthly'." in out
    assert table_codes(tmp_path / "a.xlsx") == [first, second]

    database = open_database(demo_copy)
    try:
        (template,) = list_templates(database)
    finally:
        database.close()
    assert template.request.projects == (first, projects[second].name)
    assert template.request.options.language == "fr" and template.request.as_of is None

    code, _, err = call(
        capsys, "report", "--db", str(demo_copy), "--template", "monthly",
        "--out", str(tmp_path / "b.xlsx"),
    )  # fmt: skip
    assert code == 0, err
    assert table_codes(tmp_path / "b.xlsx") == [first, second]
    french = load_workbook(tmp_path / "b.xlsx").worksheets[0]
    assert any("#,##0 " in cell.number_format for cell in french[2])  # French money format

    code, _, err = call(
        capsys, "report", "--db", str(demo_copy), "--template", "Monthly", "--projects", third,
        "--lang", "en", "--out", str(tmp_path / "c.xlsx"),
    )  # fmt: skip
    assert code == 0, err
    assert table_codes(tmp_path / "c.xlsx") == [third]
    english = load_workbook(tmp_path / "c.xlsx").worksheets[0]
    assert any(cell.number_format.startswith('"€"') for cell in english[2])


def test_template_pdf_pack(
    demo_copy: Path,
    projects: dict[str, Project],
    tmp_path: Path,
    capsys: Capture,
) -> None:
    chosen = next(p for p in projects.values() if p.status == "active" and p.name != HOSTILE)
    code, _, err = call(
        capsys, "report", "--db", str(demo_copy), "--out", str(tmp_path / "one.pdf"),
        "--projects", chosen.code, "--save-template", "Just one", "--paper", "letter",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = call(
        capsys, "report", "--db", str(demo_copy), "--out", str(tmp_path / "again.pdf"),
        "--template", "Just one",
    )  # fmt: skip
    assert code == 0, err
    assert "for 1 project to" in out
    reader = PdfReader(tmp_path / "again.pdf")
    box = reader.pages[0].mediabox
    assert sorted((round(float(box.width)), round(float(box.height)))) == [612, 792]
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert chosen.name in text
    others = [p.name for p in projects.values() if p.code != chosen.code and len(p.name) > 12]
    assert not any(name in text for name in others)


def test_project_status_report(
    demo_file: Path,
    projects: dict[str, Project],
    tmp_path: Path,
    capsys: Capture,
) -> None:
    project = next(p for p in projects.values() if p.status == "active" and p.name != HOSTILE)
    out = tmp_path / "status.pdf"
    code, stdout, err = call(
        capsys, "report", "--db", str(demo_file), "--out", str(out),
        "--project-report", project.name, "--as-of", "2026-10-30",
    )  # fmt: skip
    assert code == 0, err
    assert stdout.startswith(f"Wrote 1 page for 1 project to {out} in ")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert project.name in " ".join((reader.pages[0].extract_text() or "").split())


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("--projects", "NOPE-1,Nowhere"), ("'NOPE-1'", "'Nowhere'")),
        (("--programmes", "Ghost"), ("programme 'Ghost'",)),
        (("--portfolio", "Elsewhere"), ("No portfolio named 'Elsewhere'",)),
        (("--template", "Unknown"), ("no pack template 'Unknown'",)),
        (("--project-report", "Ghost"), ("'Ghost'",)),
        (("--save-template", " "), ("needs a name",)),
    ],
)
def test_user_errors_are_one_line_and_leave_no_file(
    demo_copy: Path,
    tmp_path: Path,
    capsys: Capture,
    args: tuple[str, ...],
    fragments: tuple[str, ...],
) -> None:
    out = tmp_path / "out" / "pack.pdf"
    out.parent.mkdir()
    code, _, err = call(capsys, "report", "--db", str(demo_copy), "--out", str(out), *args)
    assert code == 1
    one_error_line(err, *fragments)
    assert list(out.parent.iterdir()) == []


def test_unwritable_output_and_missing_database(
    demo_file: Path, tmp_path: Path, capsys: Capture
) -> None:
    missing = tmp_path / "no" / "pack.pdf"
    code, _, err = call(capsys, "report", "--db", str(demo_file), "--out", str(missing))
    assert code == 1
    one_error_line(err, "does not exist")
    code, _, err = call(
        capsys, "report", "--db", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "x.pdf")
    )
    assert code == 1
    one_error_line(err)
    assert not (tmp_path / "none.sqlite").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("--out", "pack.docx"),
        ("--out", "t.xlsx", "--project-report", "A"),
        ("--out", "p.pdf", "--project-report", "A", "--projects", "B"),
        ("--out", "p.pdf", "--project-report", "A", "--template", "T"),
        ("--out", "p.pdf", "--paper", "a5"),
        ("--out", "p.pdf", "--as-of", "30/10/2026"),
        ("--out", "p.pdf", "--projects", " , "),
        (
            "--lang",
            "fr",
        ),
    ],
)
def test_bad_usage_exits_2(args: tuple[str, ...], capsys: Capture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["report", *args])
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_global_language_flag_reaches_the_report(
    demo_file: Path, tmp_path: Path, capsys: Capture
) -> None:
    """`pmo-desktop --lang fr report …`: the flag before the command is not reset."""
    out = tmp_path / "pack.pdf"
    code, _, err = call(
        capsys, "--lang", "fr", "report", "--db", str(demo_file), "--out", str(out),
        "--as-of", "2026-10-30", "--projects", "CYB-01",
    )  # fmt: skip
    assert code == 0, err
    text = " ".join((page.extract_text() or "") for page in PdfReader(out).pages)
    assert "Synthèse" in text and "30 oct. 2026" in text
