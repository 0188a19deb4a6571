"""`pmo-desktop templates | new-project | lessons | pmo-mode` (issue 9 from the command line),
run in-process through `cli.main` and as real processes, on SQLite files and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from pmo_desktop import cli
from pmo_desktop.models import (
    AuditEntry,
    Calendar,
    CalendarException,
    GateReview,
    Lesson,
    MethodTemplate,
    PmoMode,
    Portfolio,
    Programme,
    Project,
    Risk,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.audit_log import object_history
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.template_projects import CreateProjectFromTemplate, NewProject
from pmo_desktop.services.templates import get_template, shipped_templates, template_document

START = date(2027, 1, 4)  # a Monday
HOLIDAY = date(2027, 1, 6)
Capture = pytest.CaptureFixture[str]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def main(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def assert_user_error(code: int, err: str, *fragments: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err
    assert err.startswith("pmo-desktop: error: ")
    for fragment in fragments:
        assert fragment in err


def _portfolio(database: Database) -> int:
    """Helios: a calendar with a holiday in the first week, a programme and three lessons."""
    calendar = crud.create(database, Calendar, name="Office")
    crud.create(
        database, CalendarException, calendar_id=calendar.id, name="Holiday",
        start_date=HOLIDAY, end_date=HOLIDAY, working=False,
    )  # fmt: skip
    portfolio_id = crud.create(database, Portfolio, name="Helios", calendar_id=calendar.id).id
    crud.create(database, Programme, portfolio_id=portfolio_id, code="DIG", name="Digital")
    for code, title, category, phase, method, recommendation in (
        ("LES-001", "Book the steering committee early", "Governance", "Initiation",
         "waterfall", "Put the gate dates in diaries at kick-off."),
        ("LES-002", "Sprint zero pays off", "Delivery", "Inception", "agile",
         "Plan a sprint zero before committing to a velocity."),
        ("LES-003", "Vendors slip on integration", "Suppliers", "Delivery", "hybrid",
         "Put integration milestones in the contract."),
    ):  # fmt: skip
        crud.create(
            database, Lesson, portfolio_id=portfolio_id, code=code, title=title,
            category=category, phase=phase, method=method, recommendation=recommendation,
        )  # fmt: skip
    return portfolio_id


@pytest.fixture
def helios(database: Database) -> int:
    return _portfolio(database)


def _plan(database: Database, project_id: int) -> dict[str, Any]:
    """What a project from a template holds, as comparable plain values."""
    with database.session() as session:
        tasks = session.scalars(
            select(Task).where(Task.project_id == project_id).order_by(Task.wbs)
        ).all()
        gates = session.scalars(
            select(GateReview).where(GateReview.project_id == project_id)
            .order_by(GateReview.sequence)
        ).all()  # fmt: skip
        risks = session.scalars(
            select(Risk).where(Risk.project_id == project_id).order_by(Risk.id)
        ).all()
        return {
            "tasks": [(t.wbs, t.name, t.is_milestone, t.is_summary, t.duration_minutes,
                       t.start, t.finish) for t in tasks],
            "gates": [(g.name, g.next_phase, g.planned_date, g.criteria, g.evidence, g.notes)
                      for g in gates],
            "risks": [(r.title, r.category, r.probability, r.score, r.status) for r in risks],
        }  # fmt: skip


# --- new-project --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_new_project_from_every_shipped_template(
    database: Database, db_location: str, helios: int, language: str, capsys: Capture
) -> None:
    for number, template in enumerate(shipped_templates(language), 1):
        code = f"{template.code.upper()}-{number}"
        exit_code, out, err = main(
            capsys, "new-project", "--db", db_location, "--template", template.code,
            "--name", f"{template.name} pilot", "--code", code, "--start", START.isoformat(),
            "--lang", language, "--manager", "Ann Lee", "--format", "json",
        )  # fmt: skip
        assert exit_code == 0, err
        created = json.loads(out)
        definition = template.parsed()
        with database.session() as session:
            project = session.scalars(select(Project).where(Project.code == code)).one()
            project_id = project.id
            assert (project.method, project.phase, project.manager, project.start_date) == (
                template.method,
                definition.stages[0].name,
                "Ann Lee",
                START,
            )
        plan = _plan(database, project_id)
        tasks = {wbs: row for wbs, *row in plan["tasks"]}
        # The template's WBS under its own codes and names (English or French), durations
        # in days of the portfolio calendar.
        for item in definition.tasks():
            name, milestone, summary, minutes, _start, _finish = tasks[item.code]
            assert (name, milestone, summary) == (item.name, item.milestone, bool(item.children))
            if not item.children and not item.milestone:
                assert minutes == round(item.duration_days * 480)
        # The first task starts on the start date; a task over the holiday skips it.
        first = tasks[definition.wbs[0].children[0].code]
        assert first[4] == datetime(2027, 1, 4, 8)
        working_days = first[3] / 480
        if working_days >= 3:
            assert first[5].date() > date(2027, 1, 4 + int(working_days) - 1)
        # One gate per gated stage, planned on its milestone: the end of the stage's work.
        gated = [stage for stage in definition.stages if stage.gate is not None]
        assert [gate[0] for gate in plan["gates"]] == [stage.gate.name for stage in gated]  # type: ignore[union-attr]
        for stage, (name, _next, planned, criteria, evidence, _notes) in zip(
            gated, plan["gates"], strict=True
        ):
            stage_code = definition.stage_item(stage.name).code
            milestone = next(
                row for wbs, *row in plan["tasks"]
                if row[0] == name and row[1] and wbs.startswith(stage_code + ".")
            )  # fmt: skip
            work = [
                row[5] for wbs, *row in plan["tasks"]
                if wbs.startswith(stage_code + ".") and not row[1] and not row[2]
            ]  # fmt: skip
            assert milestone[5] == max(work)
            assert planned == milestone[5].date()
            assert [c["text"] for c in criteria] == [c.text for c in stage.gate.criteria]  # type: ignore[union-attr]
            assert [e["title"] for e in evidence] == list(stage.gate.documents)  # type: ignore[union-attr]
        # Stages follow one another: each gate comes before the next stage's first task.
        planned_dates = [gate[2] for gate in plan["gates"]]
        assert planned_dates == sorted(planned_dates)
        milestone_names = {m.name for m in definition.milestones}
        assert milestone_names <= {row[0] for row in tasks.values() if row[1]}
        assert [risk[0] for risk in plan["risks"]] == [r.title for r in definition.risks]
        # What the command printed is what is stored.
        assert (
            created["finish"]
            == planned_dates[-1].isoformat()
            == (
                project.finish_date.isoformat()  # type: ignore[union-attr]
            )
        )
        assert [(g["name"], g["planned"]) for g in created["gates"]] == [
            (gate[0], gate[2].isoformat()) for gate in plan["gates"]
        ]
        assert created["tasks"] == len(plan["tasks"]) and created["risks"] == len(plan["risks"])
        assert created["milestones"] == sum(1 for row in tasks.values() if row[1])
        assert created["language"] == language and created["template"] == template.code


def test_new_project_is_the_guis_project(
    database: Database, db_location: str, helios: int, capsys: Capture
) -> None:
    """The CLI builds exactly what the dialog's command builds from the same template."""
    exit_code, out, err = main(
        capsys, "new-project", "--db", db_location, "--template", "hybrid",
        "--name", "CRM renewal", "--start", START.isoformat(), "--programme", "digital",
    )  # fmt: skip
    assert exit_code == 0, err
    assert out.startswith("Created project CRM-RENEWAL 'CRM renewal' in Helios from the template")
    template = get_template(database, helios, "hybrid", "en")
    gui = CreateProjectFromTemplate(helios, template, NewProject("GUI-1", "Same", START))
    gui.apply(database)
    with database.session() as session:
        cli_project = session.scalars(select(Project).where(Project.code == "CRM-RENEWAL")).one()
        programme = session.scalars(select(Programme.id)).one()
    assert cli_project.programme_id == programme
    assert gui.project_id is not None
    ours, theirs = _plan(database, cli_project.id), _plan(database, gui.project_id)
    assert ours == theirs
    finish = max(row[-1] for row in ours["tasks"]).date()
    assert f"finishes {finish:%Y-%m-%d}." in out.splitlines()[0]
    # The lessons that match the template, as the dialog lists them (hybrid: LES-003).
    lessons = out[out.index("Lessons learned") :]
    assert "Vendors slip on integration" in lessons
    assert "Put integration milestones in the contract." in lessons
    # A second project with the same name gets a free code of its own.
    exit_code, out, err = main(
        capsys, "new-project", "--db", db_location, "--template", "agile",
        "--name", "CRM renewal", "--start", START.isoformat(),
    )  # fmt: skip
    assert exit_code == 0, err
    assert out.startswith("Created project CRM-RENEWAL-2 'CRM renewal'")


def test_new_project_refusals_write_nothing(
    database: Database, db_location: str, helios: int, capsys: Capture
) -> None:
    def projects() -> int:
        with database.session() as session:
            return session.scalar(select(func.count()).select_from(Project)) or 0

    base = ["new-project", "--db", db_location, "--name", "X", "--start", START.isoformat()]
    assert_user_error(*main(capsys, *base, "--template", "kanban")[::2], "no template 'kanban'")
    refused = main(capsys, *base, "--template", "agile", "--programme", "Nope")
    assert_user_error(refused[0], refused[2], "No programme 'Nope'", "DIG (Digital)")
    assert main(capsys, *base, "--template", "agile", "--code", "X-1")[0] == 0
    assert_user_error(*main(capsys, *base, "--template", "agile", "--code", "X-1")[::2],
                      "already used")  # fmt: skip
    refused = main(capsys, *base, "--template", "agile", "--portfolio", "Nowhere")
    assert_user_error(refused[0], refused[2], "No portfolio named 'Nowhere'")
    assert projects() == 1


# --- templates ----------------------------------------------------------------------------


def test_templates_list_and_show(
    database: Database, db_location: str, helios: int, capsys: Capture
) -> None:
    exit_code, out, err = main(capsys, "templates", "--db", db_location, "--format", "json")
    assert exit_code == 0, err
    listed = json.loads(out)
    assert {(t["code"], t["language"]) for t in listed} == {
        (code, lang) for code in ("waterfall", "agile", "hybrid") for lang in ("en", "fr")
    }
    waterfall = next(t for t in listed if (t["code"], t["language"]) == ("waterfall", "en"))
    assert waterfall | {"name": ""} == {
        "code": "waterfall", "language": "en", "method": "waterfall", "name": "",
        "origin": "shipped", "active": True, "stages": 4, "gates": 4, "milestones": 3,
        "tasks": 16, "risks": 6,
    }  # fmt: skip
    exit_code, out, _ = main(capsys, "templates", "--db", db_location, "--lang", "fr")
    assert exit_code == 0
    assert "Cycle en V (phases et jalons de type PRINCE2) (shipped)" in out
    assert len(out.splitlines()) == 4  # heading + three French templates

    exit_code, out, _ = main(capsys, "templates", "--db", db_location, "--show", "agile")
    assert exit_code == 0
    for expected in (
        "Agile (Scrum) — agile (en), agile, shipped",
        "gate: Sprint 0 review – go to delivery → Delivery (approver: Sponsor)",
        "[required] Product vision shared with the team",
        "document: Release notes",
        "1.2 Initial product backlog (5 d; after 1.1)",
        "Iterations: 6 × 10 working days in Delivery",
        "ceremony: Sprint review every 10 days from day 10, 120 min",
        "Product owner not available enough [Organisational]: P3 × 3/2/3/3, reduce",
        "Sprint delivery: R Development team; A Product owner;",
    ):
        assert expected in out
    exit_code, out, _ = main(
        capsys, "templates", "--db", db_location, "--show", "hybrid", "--lang", "fr",
        "--format", "json",
    )  # fmt: skip
    shown = json.loads(out)
    assert shown["definition"] == get_template(database, helios, "hybrid", "fr").definition
    assert (shown["origin"], shown["name"]) == (
        "shipped",
        "Hybride (phases jalonnées et itérations)",
    )
    assert_user_error(
        *main(capsys, "templates", "--db", db_location, "--show", "nope")[::2], "no template"
    )


def test_export_edit_import_then_new_project(
    database: Database, db_location: str, helios: int, tmp_path: Path, capsys: Capture
) -> None:
    exported = tmp_path / "waterfall.fr.json"
    exit_code, out, err = main(
        capsys, "templates", "--db", db_location, "--export", "waterfall", "--lang", "fr",
        "--out", str(exported),
    )  # fmt: skip
    assert exit_code == 0, err
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert "Étude d'opportunité" in exported.read_text(encoding="utf-8")  # readable French
    assert set(document) == {"code", "language", "method", "name", "description", "definition"}
    # The PMO admin edits it: a new required criterion on gate 1, a longer first task.
    gate = document["definition"]["stages"][0]["gate"]
    gate["criteria"].append({"text": "Avis de la DSI", "required": True})
    document["definition"]["wbs"][0]["children"][0]["duration_days"] = 8
    document["name"] = "Cycle en V (secteur public)"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    exit_code, out, err = main(capsys, "templates", "--db", db_location, "--import", str(edited))
    assert exit_code == 0, err
    assert "as the portfolio's version (the shipped one stays for reset)" in out
    stored = get_template(database, helios, "waterfall", "fr")
    assert stored.customised and stored.name == "Cycle en V (secteur public)"
    assert stored.definition == document["definition"]
    # The same file under a new code: a new template of the portfolio.
    document["code"] = "public-v"
    edited.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    exit_code, out, err = main(capsys, "templates", "--db", db_location, "--import", str(edited))
    assert exit_code == 0, err
    assert "as a new template of the portfolio" in out
    exit_code, out, _ = main(capsys, "templates", "--db", db_location, "--lang", "fr")
    assert "public-v" in out and "Cycle en V (secteur public) (portfolio)" in out

    exit_code, out, err = main(
        capsys, "new-project", "--db", db_location, "--template", "public-v", "--lang", "fr",
        "--name", "Portail usagers", "--code", "PU-1", "--start", START.isoformat(),
    )  # fmt: skip
    assert exit_code == 0, err
    with database.session() as session:
        project_id = session.scalars(select(Project.id).where(Project.code == "PU-1")).one()
    plan = _plan(database, project_id)
    assert plan["gates"][0][3][-1] == {"text": "Avis de la DSI", "required": True, "met": False}
    first = next(row for row in plan["tasks"] if row[0] == "1.1")
    assert first[1] == "Lettre de mission et note de cadrage" and first[4] == 8 * 480
    # 8 working days from Mon 4 Jan, the 6th a holiday: Thu 14 Jan.
    assert first[6] == datetime(2027, 1, 14, 17)


def test_malformed_template_file_is_refused_and_nothing_stored(
    database: Database, db_location: str, helios: int, tmp_path: Path, capsys: Capture
) -> None:
    document = template_document(shipped_templates("en")[0])
    document = json.loads(json.dumps(document)) | {
        "language": "de", "method": "kanban", "colour": "blue"
    }  # fmt: skip
    document["definition"]["wbs"][0]["children"][0]["duration_days"] = -3
    document["definition"]["stages"][1]["name"] = "Nope"
    cases = [
        ("{not json", ["The JSON is not valid at line 1, column 2"]),
        ("[1, 2]", ["must hold one JSON object"]),
        (json.dumps(document), [
            "template: unknown keys colour",
            "template: method 'kanban' is not one of waterfall, agile, hybrid",
            "template: language 'de' is not one of en, fr",
            "WBS 1.1: 'duration_days' must be between 0 and 10000 (not -3)",
            "Stage 'Nope': needs exactly one top-level WBS task",
        ]),
    ]  # fmt: skip

    def stored() -> tuple[int, int]:
        with database.session() as session:
            return (
                session.scalar(select(func.count()).select_from(MethodTemplate)) or 0,
                session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            )

    before = stored()
    bad = tmp_path / "bad.json"
    for content, fragments in cases:
        bad.write_text(content, encoding="utf-8")
        exit_code, _, err = main(capsys, "templates", "--db", db_location, "--import", str(bad))
        assert_user_error(
            exit_code, err, f"{bad} is not a valid template; nothing was stored", *fragments
        )
    assert stored() == before


# --- lessons ------------------------------------------------------------------------------


def test_lessons_search_and_filters(
    database: Database, db_location: str, helios: int, capsys: Capture
) -> None:
    exit_code, out, err = main(capsys, "lessons", "--db", db_location, "--format", "json")
    assert exit_code == 0, err
    assert [lesson["code"] for lesson in json.loads(out)] == ["LES-001", "LES-002", "LES-003"]

    def codes(*options: str) -> list[str]:
        code, out, err = main(capsys, "lessons", "--db", db_location, "--format", "json",
                              *options)  # fmt: skip
        assert code == 0, err
        return [lesson["code"] for lesson in json.loads(out)]

    assert codes("--search", "SPRINT velocity") == ["LES-002"]
    assert codes("--search", "contract") == ["LES-003"]
    assert codes("--method", "Waterfall") == ["LES-001"]
    assert codes("--phase", "delivery") == ["LES-003"]
    assert codes("--category", "governance", "--phase", "Initiation") == ["LES-001"]
    assert codes("--category", "governance", "--phase", "Delivery") == []
    exit_code, out, _ = main(capsys, "lessons", "--db", db_location, "--search", "integration")
    assert out.splitlines() == [
        "LES-003    portfolio    Vendors slip on integration  [Suppliers · Delivery · hybrid]",
        f"{'':<24}→ Put integration milestones in the contract.",
        "1 of 3 lessons in Helios.",
    ]


# --- pmo-mode -----------------------------------------------------------------------------


def test_pmo_mode_show_and_change_is_audited(
    database: Database, db_location: str, helios: int, capsys: Capture
) -> None:
    exit_code, out, err = main(capsys, "pmo-mode", "--db", db_location)
    assert exit_code == 0, err
    assert out.startswith("PMO mode of Helios: controlling — ")
    exit_code, out, err = main(capsys, "pmo-mode", "--db", db_location, "--set", "directive")
    assert exit_code == 0, err
    assert out.startswith("PMO mode of Helios changed from controlling to directive")
    assert crud.get(database, Portfolio, helios).pmo_mode is PmoMode.DIRECTIVE
    history = object_history(database, "portfolios", helios)
    change = next(c for c in history[0].changes if c.name == "pmo_mode")
    assert (change.before, change.after) == ("controlling", "directive")
    exit_code, out, _ = main(
        capsys, "pmo-mode", "--db", db_location, "--set", "directive", "--format", "json"
    )
    assert json.loads(out) == {
        "portfolio": "Helios", "pmo_mode": "directive", "previous": "directive", "changed": False
    }  # fmt: skip
    assert len(object_history(database, "portfolios", helios)) == len(history)


@pytest.mark.postgres
def test_viewer_and_editor_may_not_change_the_pmo_mode(server_db: str, capsys: Capture) -> None:
    assert main(capsys, "admin", "init-server", "--db", server_db)[0] == 0
    owner = open_database(server_db)
    try:
        portfolio_id = _portfolio(owner)
    finally:
        owner.close()
    name = make_url(server_db).database
    urls = {}
    for role in ("viewer", "editor"):
        user = f"{name}_{role}"
        assert main(capsys, "admin", "add-user", "--db", server_db, user, "--role", role)[0] == 0
        urls[role] = make_url(server_db).set(username=user).render_as_string(hide_password=False)

    exit_code, out, err = main(capsys, "pmo-mode", "--db", urls["viewer"])
    assert exit_code == 0, err
    assert "controlling" in out  # reading is fine
    refused = main(capsys, "pmo-mode", "--db", urls["viewer"], "--set", "supportive")
    assert_user_error(refused[0], refused[2], "read-only (your role is viewer)", "not changed")
    refused = main(capsys, "pmo-mode", "--db", urls["editor"], "--set", "supportive")
    assert_user_error(refused[0], refused[2], "Only a PMO administrator", "your role", "is editor")
    refused = main(capsys, "new-project", "--db", urls["viewer"], "--template", "agile",
                   "--name", "X", "--start", START.isoformat())  # fmt: skip
    assert_user_error(refused[0], refused[2], "read-only", "no project was created")
    owner = open_database(server_db)
    try:
        assert crud.get(owner, Portfolio, portfolio_id).pmo_mode is PmoMode.CONTROLLING
        with owner.session() as session:
            assert session.scalar(select(func.count()).select_from(Project)) == 0
    finally:
        owner.close()
    # The owner (an admin) may.
    assert main(capsys, "pmo-mode", "--db", server_db, "--set", "supportive")[0] == 0


# --- wrong databases, real processes ------------------------------------------------------


def test_bad_database_gives_a_clear_error(tmp_path: Path, capsys: Capture) -> None:
    missing = tmp_path / "nowhere" / "portfolio.sqlite"
    # A real process: one line on stderr, exit status 1, nothing on stdout.
    result = run("new-project", "--db", str(missing), "--template", "agile", "--name", "X",
                 "--start", "2027-01-04")  # fmt: skip
    assert_user_error(result.returncode, result.stderr, str(missing))
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1
    for args in (
        ("templates", "--db", str(missing)),
        ("lessons", "--db", str(missing)),
        ("pmo-mode", "--db", str(missing), "--set", "directive"),
    ):
        exit_code, out, err = main(capsys, *args)
        assert_user_error(exit_code, err, str(missing))
        assert out == ""
    assert not missing.parent.exists()
    unreachable = main(capsys, "pmo-mode", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/pmo")
    assert_user_error(unreachable[0], unreachable[2], "127.0.0.1")
    empty = tmp_path / "empty.sqlite"
    open_database(empty).close()
    refused = main(capsys, "new-project", "--db", str(empty), "--template", "agile",
                   "--name", "X", "--start", "2027-01-04")  # fmt: skip
    assert_user_error(refused[0], refused[2], "holds no portfolio yet")
    exit_code, out, err = main(capsys, "templates", "--db", str(empty), "--format", "json")
    assert exit_code == 0, err
    assert len(json.loads(out)) == 6  # no portfolio yet: the shipped templates
    with pytest.raises(SystemExit) as usage:
        cli.main(["new-project", "--db", str(empty), "--template", "agile", "--name", "X",
                  "--start", "4/1/2027"])  # fmt: skip
    assert usage.value.code == 2 and "expected a date YYYY-MM-DD" in capsys.readouterr().err
