"""`pmo-desktop export --sheets` and `import` of RAID/pool workbooks: exit codes and the
row errors on stderr (issue 6 §5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

PORTFOLIO = "Helios Transformation Portfolio"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("logs") / "demo.sqlite"
    result = run("demo", "--db", str(path), "--no-gui", "--as-of", "2026-10-30")
    assert result.returncode == 0, result.stderr
    return path


def test_export_sheets_then_import_updates(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "raid.xlsx"
    result = run("export", "--db", str(demo_db), "--portfolio", PORTFOLIO, "--out", str(out),
                 "--sheets", "risks,issues,lessons")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Risks 131" in result.stdout and "Tasks" not in result.stdout
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == [
        "Risks", "Risk actions", "Issues", "Lessons"
    ]  # fmt: skip
    book = openpyxl.load_workbook(out)
    book["Risks"]["D2"] = "Renamed in Excel"
    book.save(out)
    dry = run("import", str(out), "--db", str(demo_db), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "dry run" in dry.stdout and "Risks: 0 new, 1 updated, 130 unchanged" in dry.stdout
    again = run("import", str(out), "--db", str(demo_db), "--dry-run")
    assert "1 updated" in again.stdout  # the dry run wrote nothing
    done = run("import", str(out), "--db", str(demo_db), "--portfolio", PORTFOLIO)
    assert done.returncode == 0 and "Imported" in done.stdout
    assert "0 updated, 131 unchanged" in run("import", str(out), "--db", str(demo_db)).stdout


def test_bad_rows_exit_1_with_every_error(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "bad.xlsx"
    assert run("export", "--db", str(demo_db), "--portfolio", PORTFOLIO, "--out", str(out),
               "--sheets", "risks").returncode == 0  # fmt: skip
    book = openpyxl.load_workbook(out)
    book["Risks"]["J3"] = 9  # Probability
    book["Risks"]["W4"] = "Sometimes"  # Status
    book.save(out)
    for extra in ((), ("--dry-run",)):
        result = run("import", str(out), "--db", str(demo_db), *extra)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert lines[0].startswith("pmo-desktop: Risks!J (Probability) row 3: 9 is not a rating")
        assert lines[1].startswith("pmo-desktop: Risks!W (Status) row 4: 'Sometimes' is not")
        assert "nothing imported" in lines[-1]


def test_usage_errors(demo_db: Path, tmp_path: Path) -> None:
    xml = run("export", "--db", str(demo_db), "--portfolio", PORTFOLIO,
              "--out", str(tmp_path / "x.xml"), "--sheets", "risks")  # fmt: skip
    assert xml.returncode == 2 and "--sheets applies to Excel" in xml.stderr
    bad = run("export", "--db", str(demo_db), "--portfolio", PORTFOLIO,
              "--out", str(tmp_path / "x.xlsx"), "--sheets", "risks,bogus")  # fmt: skip
    assert bad.returncode == 1 and "Unknown sheet 'bogus'" in bad.stderr
    assert not (tmp_path / "x.xlsx").exists()
    bomb = tmp_path / "bomb.xlsx"
    import zipfile

    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    refused = run("import", str(bomb), "--db", str(demo_db), "--dry-run")
    assert refused.returncode == 1 and "zip bomb" in refused.stderr
