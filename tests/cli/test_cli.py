"""The command line as users and scripts run it: real processes, real files, real server."""

from __future__ import annotations

import graphlib
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from pmo_desktop import __version__
from pmo_desktop.services.database import open_database

AS_OF = "2026-10-30"


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )


def assert_user_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit 1, one line on stderr naming the problem, no traceback."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pmo-desktop: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    result = run("demo", "--db", str(path), "--no-gui", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert "Demo portfolio created" in result.stdout
    return path


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pmo-desktop {__version__}"


@pytest.mark.parametrize(
    "args",
    [("no-such-command",), ("check",), ("demo", "--scale", "huge"), ("--size", "big")],
)
def test_bad_usage_exits_2(args: tuple[str, ...]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_check_reports_schema_integrity_and_counts(demo_file: Path) -> None:
    result = run("check", "--db", str(demo_file))
    assert result.returncode == 0, result.stderr
    assert "Integrity:  ok" in result.stdout
    assert "(current;" in result.stdout
    assert "journal mode delete" in result.stdout
    counts = dict(line.split() for line in result.stdout.splitlines() if line.startswith("  "))
    assert int(counts["portfolios"]) == 1
    assert int(counts["projects"].replace(",", "")) >= 10
    assert int(counts["tasks"].replace(",", "")) > 100


def test_demo_refuses_a_database_that_has_data(demo_file: Path) -> None:
    before = demo_file.read_bytes()
    assert_user_error(run("demo", "--db", str(demo_file), "--no-gui"), "already holds a portfolio")
    assert demo_file.read_bytes() == before


def test_backup_and_refusal_to_overwrite(demo_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.sqlite"
    result = run("backup", "--db", str(demo_file), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (
        run("check", "--db", str(out)).stdout.split("Rows:")[1]
        == run("check", "--db", str(demo_file)).stdout.split("Rows:")[1]
    )
    assert_user_error(run("backup", "--db", str(demo_file), "--out", str(out)), "already exists")


def test_bad_database_locations(tmp_path: Path) -> None:
    assert_user_error(
        run("demo", "--no-gui", "--db", str(tmp_path / "missing" / "p.sqlite")), "does not exist"
    )
    assert_user_error(run("demo", "--no-gui", "--db", "/proc/pmo.sqlite"), "/proc/pmo.sqlite")
    assert_user_error(run("check", "--db", str(tmp_path / "absent.sqlite")), "no database")
    assert_user_error(run("check", "--db", "mysql://root@localhost/pmo"), "Unsupported database")
    assert_user_error(
        run("check", "--db", "postgresql://postgres@127.0.0.1:1/pmo"), "Cannot connect"
    )


def test_not_a_database_and_corrupt_file(tmp_path: Path, demo_file: Path) -> None:
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("not a database\n" * 50)
    assert_user_error(run("demo", "--no-gui", "--db", str(text_file)), "not an SQLite file")
    assert text_file.read_text() == "not a database\n" * 50

    damaged = tmp_path / "damaged.sqlite"
    data = bytearray(demo_file.read_bytes())
    for offset in range(16 * 4096, len(data) - 4096, 7 * 4096):
        data[offset : offset + 256] = b"\x00\xff" * 128
    damaged.write_bytes(bytes(data))
    assert_user_error(run("demo", "--no-gui", "--db", str(damaged)), "damaged")
    assert damaged.read_bytes() == bytes(data)
    result = run("check", "--db", str(damaged))
    assert result.returncode == 1
    assert "PROBLEMS FOUND" in result.stdout or "damaged" in result.stderr
    assert "Traceback" not in result.stderr


def test_newer_schema_is_opened_read_only(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    database = open_database(path)
    with database.write_session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    database.close()
    result = run("check", "--db", str(path))
    assert result.returncode == 0
    assert "newer than this application" in result.stdout
    assert "read-only" in result.stdout
    assert_user_error(run("demo", "--no-gui", "--db", str(path)), "read-only")


@pytest.mark.postgres
def test_demo_and_check_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    result = run("demo", "--db", postgres_url, "--no-gui", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    checked = run("check", "--db", postgres_url)
    assert checked.returncode == 0, checked.stderr
    assert "(postgresql)" in checked.stdout
    out = tmp_path / "offline.sqlite"
    assert run("backup", "--db", postgres_url, "--out", str(out)).returncode == 0
    assert (
        run("check", "--db", str(out)).stdout.split("Rows:")[1] == checked.stdout.split("Rows:")[1]
    )


def test_cli_does_not_import_qt(demo_file: Path) -> None:
    code = (
        "import sys; from pmo_desktop.cli import main; "
        f"rc = main(['check', '--db', {str(demo_file)!r}]); "
        "assert 'PySide6' not in sys.modules, 'Qt imported'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_screenshot_of_the_portfolio(demo_file: Path, tmp_path: Path) -> None:
    png = tmp_path / "portfolio.png"
    result = run(
        "--db",
        str(demo_file),
        "--show",
        "portfolio",
        "--size",
        "1200x800",
        "--screenshot",
        str(png),
    )
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_screenshot_of_an_unknown_project_is_a_user_error(demo_file: Path, tmp_path: Path) -> None:
    result = run(
        "--db", str(demo_file), "--show", "project", "--project", "NOPE-404",
        "--screenshot", str(tmp_path / "p.png"),
    )  # fmt: skip
    assert_user_error(result, "NOPE-404")


def test_gui_starts_and_stays_up(demo_file: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pmo_desktop", "--db", str(demo_file)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(5)  # a GUI process has no signal to await from outside
        assert process.poll() is None, process.communicate()[1]
    finally:
        process.terminate()
        process.wait(10)


def test_demo_on_a_new_machine_creates_the_default_database_folder(tmp_path: Path) -> None:
    """The README's first command, as a new user runs it: no data folder exists yet."""
    data_dir = tmp_path / "new-user" / "pmo-desktop"
    result = run("demo", "--no-gui", env={"PMO_DATA_DIR": str(data_dir)})
    assert result.returncode == 0, result.stderr
    assert (data_dir / "portfolio.sqlite").exists()
    checked = run("check", "--db", str(data_dir / "portfolio.sqlite"))
    assert checked.returncode == 0 and "(current;" in checked.stdout, checked


def test_a_named_file_in_a_missing_folder_is_still_refused(tmp_path: Path) -> None:
    result = run("demo", "--no-gui", "--db", str(tmp_path / "nowhere" / "x.sqlite"))
    assert_user_error(result, "does not exist")


def test_first_run_creates_the_default_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "user-data"
    process = subprocess.Popen(
        [sys.executable, "-m", "pmo_desktop"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PMO_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    database = data_dir / "portfolio.sqlite"
    try:
        deadline = time.monotonic() + 60
        checked = None
        while time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[1]
            if database.exists():
                checked = run("check", "--db", str(database))
                if checked.returncode == 0 and "(current;" in checked.stdout:
                    break
            time.sleep(0.5)
        assert checked is not None and "(current;" in checked.stdout, checked
        assert process.poll() is None  # waiting on the "create the demo?" question
    finally:
        process.terminate()
        process.wait(10)


@pytest.mark.slow
def test_large_demo_has_the_reference_counts(tmp_path: Path) -> None:
    path = tmp_path / "big.sqlite"
    result = run("demo", "--scale", "large", "--no-gui", "--db", str(path), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    checked = run("check", "--db", str(path))
    counts = {
        name: int(value.replace(",", ""))
        for name, value in (
            line.split() for line in checked.stdout.splitlines() if line.startswith("  ")
        )
    }
    expected = {
        "projects": 200, "tasks": 50_000, "dependencies": 75_000, "resources": 500,
        "assignments": 100_000, "risks": 5_000, "status_reports": 200 * 24,
        "cost_lines": 200 * 24 * 4,
    }  # fmt: skip
    assert {name: counts[name] for name in expected} == expected
    # Its shape (the only test that builds the reference portfolio: it takes a while): every
    # project reports monthly for two years, links are distinct, some cross projects, and
    # the whole network can be ordered (no cycle).
    with closing(sqlite3.connect(path)) as connection:
        per_project = connection.execute(
            "SELECT count(*) FROM projects p WHERE (SELECT count(*) FROM status_reports s "
            "WHERE s.project_id = p.id) = 24 AND (SELECT count(DISTINCT period) FROM "
            "cost_lines c WHERE c.project_id = p.id) = 24"
        ).fetchone()[0]
        links = connection.execute(
            "SELECT d.predecessor_id, d.successor_id, p.project_id, s.project_id "
            "FROM dependencies d JOIN tasks p ON p.id = d.predecessor_id "
            "JOIN tasks s ON s.id = d.successor_id"
        ).fetchall()
    assert per_project == 200
    assert len({(before, after) for before, after, _, _ in links}) == 75_000
    assert sum(first != second for _, _, first, second in links) >= 100
    graph: dict[int, set[int]] = {}
    for before, after, _, _ in links:
        graph.setdefault(after, set()).add(before)
    list(graphlib.TopologicalSorter(graph).static_order())  # raises CycleError on a cycle


def test_schedule_stores_dates_and_reports(tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite"
    assert run("demo", "--db", str(path), "--no-gui", "--as-of", AS_OF).returncode == 0
    result = run("schedule", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "Stored the dates of 1," in result.stdout and "critical" in result.stdout
    one = run("schedule", "--db", str(path), "--project", "erp-01")
    assert one.returncode == 0, one.stderr
    assert "Stored the dates of" in one.stdout
    assert all("ERP-01" in line for line in one.stdout.splitlines() if "warning:" in line)
    assert_user_error(run("schedule", "--db", str(path), "--project", "NOPE"), "NOPE")
    assert_user_error(run("schedule", "--db", str(tmp_path / "none.sqlite")), "no database")


def test_schedule_an_ms_project_file(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mspdi"
    links = source / "project2019" / "task-links-project2019-mspdi.xml"
    if not links.exists():
        if os.environ.get("PMO_REQUIRE_SHARED_DATA", "") not in ("", "0"):
            pytest.fail(f"shared data missing: {links}")
        pytest.skip(f"shared data not found at {links}")
    out = tmp_path / "scheduled.xml"
    result = run("schedule", str(links), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Scheduled 16 tasks" in result.stdout
    assert "Not imported" in result.stdout  # manual tasks and unmapped fields are listed
    written = out.read_text(encoding="utf-8")
    assert "<EarlyStart>" in written and "<TotalSlack>" in written
    broken = tmp_path / "broken.xml"
    broken.write_text("<Project><Tasks>")
    assert_user_error(run("schedule", str(broken), "--out", str(tmp_path / "x.xml")), "broken.xml")
    assert not (tmp_path / "x.xml").exists()
    assert run("schedule", str(links)).returncode == 2  # --out is required


def test_schedule_level_an_over_allocated_ms_project_file(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mspdi"
    sample = source / "legacy" / "sample1.xml"
    if not sample.exists():
        if os.environ.get("PMO_REQUIRE_SHARED_DATA", "") not in ("", "0"):
            pytest.fail(f"shared data missing: {sample}")
        pytest.skip(f"shared data not found at {sample}")
    plain, levelled = tmp_path / "plain.xml", tmp_path / "levelled.xml"
    assert run("schedule", str(sample), "--out", str(plain)).returncode == 0
    result = run("schedule", str(sample), "--out", str(levelled), "--level")
    assert result.returncode == 0, result.stderr
    assert "Levelled 22 tasks" in result.stdout and "1 delayed" in result.stdout
    assert "<LevelingDelay>" not in plain.read_text(encoding="utf-8")
    written = levelled.read_text(encoding="utf-8")
    assert "<LevelingDelay>" in written and "<LevelingDelayFormat>7<" in written
    assert run("schedule", "--db", str(tmp_path / "x.sqlite"), "--level").returncode == 2


def test_schedule_an_ms_project_file_at_a_status_date(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ElementTree

    sample = Path(__file__).resolve().parents[2].parent / "shared/data/mspdi/legacy/sample1.xml"
    if not sample.exists():
        if os.environ.get("PMO_REQUIRE_SHARED_DATA", "") not in ("", "0"):
            pytest.fail(f"shared data missing: {sample}")
        pytest.skip(f"shared data not found at {sample}")
    plain, tracked = tmp_path / "plain.xml", tmp_path / "tracked.xml"
    assert run("schedule", str(sample), "--out", str(plain)).returncode == 0
    result = run("schedule", str(sample), "--out", str(tracked), "--status-date", "2003-02-14")
    assert result.returncode == 0, result.stderr
    namespace = {"p": "http://schemas.microsoft.com/project"}

    def starts(path: Path) -> tuple[str | None, list[str]]:
        root = ElementTree.parse(path).getroot()
        found = [task.findtext("p:Start", namespaces=namespace) or ""
                 for task in root.findall("p:Tasks/p:Task", namespace)]  # fmt: skip
        return root.findtext("p:StatusDate", namespaces=namespace), found

    status, before = starts(plain)
    assert status is None and min(before) < "2003-02-17"
    status, after = starts(tracked)
    assert status == "2003-02-14T17:00:00"  # the end of that working day
    assert min(after) == "2003-02-17T08:00:00"  # nothing had started: all waits for Monday
    assert run("schedule", str(sample), "--out", str(tracked), "--status-date", "14/02/2003"
               ).returncode == 2  # fmt: skip


def test_import_then_export_a_project(tmp_path: Path) -> None:
    links = (
        Path(__file__).resolve().parents[2].parent
        / "shared" / "data" / "mspdi" / "project2019" / "task-links-project2019-mspdi.xml"
    )  # fmt: skip
    if not links.exists():
        if os.environ.get("PMO_REQUIRE_SHARED_DATA", "") not in ("", "0"):
            pytest.fail(f"shared data missing: {links}")
        pytest.skip(f"shared data not found at {links}")
    path = tmp_path / "imported.sqlite"
    result = run("import", str(links), "--db", str(path), "--portfolio", "Imports")
    assert result.returncode == 0, result.stderr
    assert "16 tasks, 8 dependencies" in result.stdout
    code = result.stdout.split(" as project ")[1].split(" ")[0]
    out = tmp_path / "out.xml"
    exported = run("export", "--db", str(path), "--project", code, "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "16 tasks, 8 links" in exported.stdout
    again = run("schedule", str(out), "--out", str(tmp_path / "again.xml"))
    assert again.returncode == 0 and "Scheduled 16 tasks" in again.stdout
    assert_user_error(run("import", str(tmp_path / "missing.xml"), "--db", str(path)), "missing")
    assert run("import", str(path), "--db", str(path)).returncode == 2  # not an .xml file


def test_export_and_import_excel_workbooks(demo_file: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "portfolio.xlsx"
    result = run("export", "--db", str(demo_file), "--portfolio", "Helios Transformation "
                 "Portfolio", "--out", str(book), "--sheets", "tasks")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "12 projects, 1,170 tasks, 1,172 links" in result.stdout
    copy = tmp_path / "copy.sqlite"
    imported = run("import", str(book), "--db", str(copy), "--portfolio", "Copy")
    assert imported.returncode == 0, imported.stderr
    assert "1,170 tasks, 1,172 dependencies, 40 resources, 781 assignments" in imported.stdout
    one = tmp_path / "dig.xlsx"
    exported = run("export", "--db", str(copy), "--project", "DIG-01", "--out", str(one),
                   "--sheets", "tasks")  # fmt: skip
    assert exported.returncode == 0 and "1 projects, 170 tasks" in exported.stdout
    assert "warning: Task 20 of DIG-01" in exported.stdout  # a link to another project
    master = tmp_path / "portfolio.xml"
    xml = run("export", "--db", str(copy), "--portfolio", "Copy", "--out", str(master))
    assert xml.returncode == 0 and "1,170 tasks, 1,172 links" in xml.stdout
    broken = load_workbook(one)
    broken["Tasks"]["E3"] = "three days"
    broken.save(one)
    before = (copy.stat().st_size, run("check", "--db", str(copy)).stdout)
    assert_user_error(
        run("import", str(one), "--db", str(copy)),
        "dig.xlsx: 1 problem, nothing imported: Tasks!E3 (Duration (days)): 'three days' is not",
    )
    assert (copy.stat().st_size, run("check", "--db", str(copy)).stdout) == before
    assert_user_error(run("export", "--db", str(copy), "--portfolio", "Nope", "--out", str(one)),
                      "No portfolio named 'Nope'")  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ("export", "--project", "A", "--portfolio", "B", "--out", "x.xlsx"),
        ("export", "--out", "x.xlsx"),
        ("export", "--project", "A", "--out", "x.csv"),
        ("import", "plan.csv"),
    ],
)
def test_export_and_import_usage_errors(args: tuple[str, ...], tmp_path: Path) -> None:
    result = run(*args, "--db", str(tmp_path / "none.sqlite"))
    assert result.returncode == 2
    assert "usage:" in result.stderr
