"""`pmo-desktop compliance`: findings as text or JSON, exit 0; the demo's deliberate breaches
are found; on an SQLite file (a real process) and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pmo_desktop import cli
from pmo_desktop.services.database import open_database
from pmo_desktop.services.demo import create_demo

AS_OF = date(2026, 10, 30)
Capture = pytest.CaptureFixture[str]


def _demo(location: str) -> None:
    database = open_database(location)
    create_demo(database.write_engine, as_of=AS_OF)
    database.close()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compliance") / "demo.sqlite"
    _demo(str(path))
    return path


def test_json_lists_the_demos_deliberate_breaches(demo_file: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pmo_desktop",
            "compliance",
            "--db",
            str(demo_file),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert findings and all(
        {"rule", "severity", "project", "object", "message"} <= set(finding) for finding in findings
    )
    missing = {f["project"] for f in findings if f["rule"] == "baseline_missing"}
    assert missing == {"DIG-02", "STD-01"}
    overdue = {f["project"] for f in findings if f["rule"] == "status_report_overdue"}
    assert overdue == {"CYB-01", "OPS-02"}
    over = [f for f in findings if f["rule"] == "budget_over_tolerance"]
    assert {f["project"] for f in over} == {"ERP-01", "STD-01"}
    assert all(f["severity"] == "error" for f in over)
    # Closed and proposed projects are not checked; portfolio risks have no project.
    assert not {"ERP-02", "CYB-02", "ERP-03", "STD-02"} & {f["project"] for f in findings}
    assert any(f["project"] is None and f["rule"] == "risk_without_owner" for f in findings)
    ranks = [("error", "warning", "info").index(f["severity"]) for f in findings]
    assert ranks == sorted(ranks)


def test_text_for_one_project_in_french(demo_file: Path, capsys: Capture) -> None:
    code = cli.main(["compliance", "--db", str(demo_file), "--project", "cyb-01", "--lang", "fr"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[-1].startswith(f"{len(out) - 1} findings (")
    assert "1 project of Helios Transformation Portfolio at 2026-10-30" in out[-1]
    assert all(" CYB-01 " in line for line in out[:-1])
    assert any(
        "aucun rapport d’avancement pour la période se terminant le 30 sept. 2026" in line
        for line in out
    )


def test_clean_as_of_and_user_errors(demo_file: Path, capsys: Capture) -> None:
    # At an early date nothing is overdue yet: fewer findings, still exit 0.
    assert cli.main(["compliance", "--db", str(demo_file), "--as-of", "2025-01-15"]) == 0
    early = capsys.readouterr().out.splitlines()[-1]
    assert "status_report_overdue" not in early
    assert cli.main(["compliance", "--db", str(demo_file), "--project", "NOPE"]) == 1
    assert "No project with the code or name 'NOPE'" in capsys.readouterr().err
    code = cli.main(
        ["compliance", "--db", str(demo_file), "--project", "DIG-01", "--portfolio", "Other"]
    )
    assert code == 1
    assert (
        cli.main(["compliance", "--db", str(demo_file), "--format", "json", "--project", "ERP-02"])
        == 0
    )
    assert json.loads(capsys.readouterr().out) == []  # a closed project is not checked


@pytest.mark.postgres
def test_postgresql(postgres_url: str, capsys: Capture) -> None:
    _demo(postgres_url)
    assert cli.main(["compliance", "--db", postgres_url, "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert {f["project"] for f in findings if f["rule"] == "baseline_missing"} == {
        "DIG-02",
        "STD-01",
    }
