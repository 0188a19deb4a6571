"""`pmo-desktop gates`, `gate-review`, `prioritise` and `rules` on SQLite files and on
PostgreSQL: the database is read back after each command; the funded set of a budget and
capacity cap is checked against a brute force over every subset of a crafted portfolio."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pmo_desktop import cli
from pmo_desktop.models import (
    Assignment,
    AuditEntry,
    ComplianceSetting,
    CriterionKind,
    GateDecision,
    PmoMode,
    Portfolio,
    PortfolioRules,
    Project,
    ProjectObjectiveScore,
    ProjectStatus,
    Resource,
    ResourceKind,
    StrategicObjective,
    Task,
)
from pmo_desktop.services.database import open_database
from pmo_desktop.services.gates import project_gates
from pmo_desktop.services.template_projects import CreateProjectFromTemplate, NewProject
from pmo_desktop.services.templates import get_template

Capture = pytest.CaptureFixture[str]
REVIEW = "2027-02-01"
GATE_1_REQUIRED = (
    "Business case approved by the sponsor",
    "Objectives, scope and exclusions agreed",
    "Funding for the planning stage secured",
)
AS_OF = date(2027, 1, 15)
#: code, kind, weight, higher is better
CRITERIA = [
    ("OBJ", CriterionKind.OBJECTIVE, 3.0, True),
    ("VAL", CriterionKind.VALUE, 1.0, True),
    ("RSK", CriterionKind.RISK, 1.0, False),
]
#: code, status, budget, scores (OBJ, VAL, RSK; None: a gap), demand hours inside the horizon
PROJECTS = [
    ("P1", ProjectStatus.ACTIVE, 500_000, (5, 4, 1), 200),
    ("P2", ProjectStatus.ACTIVE, 400_000, (4, 4, 2), 100),
    ("P3", ProjectStatus.ON_HOLD, 300_000, (4, 2, 3), 0),
    ("P4", ProjectStatus.ACTIVE, 150_000, (3, 3, 2), 300),
    ("P5", ProjectStatus.ACTIVE, 250_000, (2, 4, 1), 0),
    ("P6", ProjectStatus.PROPOSED, 100_000, (5, 5, 0), 120),
    ("P7", ProjectStatus.PROPOSED, 350_000, (1, 1, 4), 0),
    ("P8", ProjectStatus.ACTIVE, 50_000, (2, None, 1), 80),
    ("P9", ProjectStatus.CLOSED, 10_000, (5, 5, 0), 0),
]


def _run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _audit_count(location: str, entity: str | None = None) -> int:
    database = open_database(location)
    try:
        with database.session() as session:
            query = select(func.count()).select_from(AuditEntry)
            if entity is not None:
                query = query.where(AuditEntry.entity == entity)
            return int(session.scalar(query) or 0)
    finally:
        database.close()


# Gates.


def _gated(location: str, mode: PmoMode) -> None:
    """A portfolio in `mode` with one waterfall project G-1 (four gates)."""
    database = open_database(location)
    try:
        with database.write_session() as session:
            portfolio = Portfolio(name="Gated", pmo_mode=mode, as_of_date=date(2027, 2, 1))
            session.add(portfolio)
            session.flush()
            portfolio_id = portfolio.id
        template = get_template(database, portfolio_id, "waterfall", "en")
        CreateProjectFromTemplate(
            portfolio_id, template, NewProject("G-1", "Gated project", date(2027, 1, 4))
        ).apply(database)
    finally:
        database.close()


def _gates_of(location: str) -> tuple[Project, list]:
    database = open_database(location)
    try:
        with database.session() as session:
            project = session.scalars(select(Project).where(Project.code == "G-1")).one()
        return project, project_gates(database, project.id).gates
    finally:
        database.close()


def _all_met() -> list[str]:
    criteria = [f"--criterion={text}=met" for text in GATE_1_REQUIRED]
    return [
        *criteria,
        "--evidence", "Business case=https://docs.example/bc?v=2",
        "--evidence", "Project brief=https://docs.example/brief",
    ]  # fmt: skip


@pytest.mark.parametrize("mode", [PmoMode.CONTROLLING, PmoMode.DIRECTIVE])
def test_a_go_with_open_required_items_is_refused_and_nothing_is_stored(
    db_location: str, mode: PmoMode, capsys: Capture
) -> None:
    _gated(db_location, mode)
    audit_before = _audit_count(db_location)
    review = ["gate-review", "--db", db_location, "--project", "g-1", "--gate", "1",
              "--by", "Steering committee", "--date", REVIEW]  # fmt: skip
    code, out, err = _run(
        capsys, *review, "--decision", "go", f"--criterion={GATE_1_REQUIRED[0]}=met",
        "--condition", "Sign the supplier contract;Bea;2027-03-01",
    )  # fmt: skip
    assert code == 1 and out == ""
    assert f"In {mode.value} mode" in err and "Nothing was recorded." in err
    assert "Funding for the planning stage secured" in err and "Project brief" in err
    assert "Traceback" not in err
    project, gates = _gates_of(db_location)
    assert (project.phase, project.status) == ("Initiation", ProjectStatus.ACTIVE)
    assert gates[0].decision is GateDecision.PENDING and not gates[0].conditions
    assert not any(c["met"] for c in gates[0].criteria)
    assert _audit_count(db_location) == audit_before

    # Everything required met and documented: GO passes, the phase moves on.
    code, out, err = _run(capsys, *review, "--decision", "go", *_all_met(), "--notes", "Fine.")
    assert code == 0, err
    assert f"Recorded G-1 Gate 1 – Business case approval: go on {REVIEW}" in out
    assert "phase Initiation → Planning" in out and "Flagged" not in out
    project, gates = _gates_of(db_location)
    assert project.phase == "Planning"
    gate = gates[0]
    assert (gate.decision, gate.review_date, gate.decided_by, gate.notes) == (
        GateDecision.GO, date(2027, 2, 1), "Steering committee", "Fine.",
    )  # fmt: skip
    met = {c["text"]: c["met"] for c in gate.criteria}
    assert all(met[text] for text in GATE_1_REQUIRED) and met["Stakeholders identified"] is False
    links = {e["title"]: e["link"] for e in gate.evidence}
    assert links == {
        "Business case": "https://docs.example/bc?v=2",
        "Project brief": "https://docs.example/brief",
    }
    assert _audit_count(db_location, "gate_reviews") >= 1


def test_controlling_mode_passes_with_conditions_and_gates_lists_them(
    db_location: str, capsys: Capture
) -> None:
    _gated(db_location, PmoMode.CONTROLLING)
    code, out, err = _run(
        capsys, "gate-review", "--db", db_location, "--project", "Gated project",
        "--gate", "gate 1", "--decision", "go-with-conditions", "--by", "Board",
        "--date", REVIEW, "--condition", "Sign the supplier contract;Bea;2027-03-01",
        "--criterion", "Budget owner named=met", "--evidence", "https://wiki.example/x?a=b",
    )  # fmt: skip
    assert code == 0, err
    assert "Added the criterion 'Budget owner named'" in out
    assert "Flagged (controlling PMO): Passed with open required items" in out
    project, gates = _gates_of(db_location)
    assert project.phase == "Planning"
    assert gates[0].decision is GateDecision.GO_WITH_CONDITIONS
    assert gates[0].conditions == [
        {"text": "Sign the supplier contract", "owner": "Bea", "due": "2027-03-01", "done": False}
    ]
    assert {"text": "Budget owner named", "required": False, "met": True} in gates[0].criteria
    assert {"title": "", "link": "https://wiki.example/x?a=b", "required": False} in (
        gates[0].evidence
    )

    code, out, _ = _run(capsys, "gates", "--db", db_location, "--as-of", "2027-03-20",
                        "--format", "json")  # fmt: skip
    assert code == 0
    [overview] = json.loads(out)
    assert overview["project"] == "G-1" and overview["phase"] == "Planning"
    assert overview["as_of"] == "2027-03-20"
    states = [(g["state"], g["overdue_days"]) for g in overview["gates"]]
    assert states == [("passed with conditions", 0), ("next", 3), ("upcoming", 0),
                      ("upcoming", 0)]  # fmt: skip
    assert overview["next_gate"] == "Gate 2 – Plan approval and baseline" and overview["overdue"]
    assert overview["last_decision"] == {
        "gate": "Gate 1 – Business case approval", "decision": "go_with_conditions",
        "date": REVIEW, "by": "Board",
    }  # fmt: skip
    assert overview["open_conditions"] == [
        {"gate": "Gate 1 – Business case approval", "text": "Sign the supplier contract",
         "owner": "Bea", "due": "2027-03-01", "overdue": True}
    ]  # fmt: skip

    # Text, judged at the portfolio's status date (1 February: gate 2 not due yet).
    code, out, _ = _run(capsys, "gates", "--db", db_location, "--project", "G-1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("G-1 Gated project — phase Planning, active, controlling PMO")
    assert "as of 2027-02-01" in lines[0]
    assert "OVERDUE" not in out and "PAST DUE" not in out
    assert "open condition: Sign the supplier contract (Bea, due 2027-03-01;" in out
    assert lines[-1] == (
        "1 project with gates: 0 gate reviews overdue, 1 open condition (0 past due)."
    )


def test_supportive_mode_passes_flagged(tmp_path: Path, capsys: Capture) -> None:
    location = str(tmp_path / "supportive.sqlite")
    _gated(location, PmoMode.SUPPORTIVE)
    code, out, err = _run(
        capsys, "gate-review", "--db", location, "--project", "G-1", "--gate", "1",
        "--decision", "go", "--by", "Sponsor", "--date", REVIEW,
    )  # fmt: skip
    assert code == 0, err
    assert "Flagged (supportive PMO): Passed with open required items: " in out
    assert "Business case approved by the sponsor" in out
    project, gates = _gates_of(location)
    assert project.phase == "Planning" and gates[0].decision is GateDecision.GO
    # Gates pass in order; a stop cancels the project.
    code, _, err = _run(
        capsys, "gate-review", "--db", location, "--project", "G-1", "--gate", "3",
        "--decision", "go", "--by", "Sponsor",
    )  # fmt: skip
    assert code == 1 and "Decide 'Gate 2 – Plan approval and baseline' first" in err
    code, out, err = _run(
        capsys, "gate-review", "--db", location, "--project", "G-1", "--gate", "Gate 2",
        "--decision", "stop", "--by", "Sponsor", "--date", "2027-03-01",
    )  # fmt: skip
    assert code == 0, err
    assert "status active → cancelled" in out
    assert _gates_of(location)[0].status is ProjectStatus.CANCELLED


def test_gate_review_user_errors(tmp_path: Path, capsys: Capture) -> None:
    location = str(tmp_path / "errors.sqlite")
    _gated(location, PmoMode.CONTROLLING)
    base = ["gate-review", "--db", location, "--project", "G-1", "--by", "X"]
    for extra, message in (
        (["--gate", "Gate 9", "--decision", "go"], "'Gate 9' is not one of its gates"),
        (["--gate", "Gate", "--decision", "go"], "'Gate' matches several gates"),
        (["--gate", "1", "--decision", "hold", "--criterion", "oops"], "TEXT=met"),
        (["--gate", "1", "--decision", "hold", "--condition", "a;b"], "three parts"),
        (["--gate", "1", "--decision", "hold", "--condition", "a;b;soon"], "'soon' is not a date"),
        (["--gate", "1", "--decision", "go-with-conditions"], "needs at least one condition"),
    ):
        code, out, err = _run(capsys, *base, *extra)
        assert code == 1 and message in err and out == "", (extra, err)
    _, gates = _gates_of(location)
    assert all(gate.decision is GateDecision.PENDING for gate in gates)


# Prioritisation.


def _crafted(location: str) -> None:
    database = open_database(location)
    try:
        with database.write_session() as session:
            portfolio = Portfolio(name="Strategy", as_of_date=AS_OF, currency="EUR")
            session.add(portfolio)
            session.flush()
            criteria = {}
            for code, kind, weight, higher in CRITERIA:
                row = StrategicObjective(
                    portfolio_id=portfolio.id, code=code, name=f"{code} goal", weight=weight,
                    kind=kind, higher_is_better=higher,
                )  # fmt: skip
                session.add(row)
                session.flush()
                criteria[code] = row.id
            person = Resource(
                portfolio_id=portfolio.id, code="DEV", name="Dev", kind=ResourceKind.PERSON,
                role="Developer", max_units=1.0,
            )  # fmt: skip
            session.add(person)
            session.flush()
            for code, status, budget, scores, hours in PROJECTS:
                project = Project(portfolio_id=portfolio.id, code=code, name=f"Project {code}",
                                  status=status, budget=Decimal(budget), priority=500)  # fmt: skip
                session.add(project)
                session.flush()
                for (criterion, *_), score in zip(CRITERIA, scores, strict=True):
                    if score is not None:
                        session.add(ProjectObjectiveScore(
                            project_id=project.id, objective_id=criteria[criterion], score=score
                        ))  # fmt: skip
                if hours:
                    start, finish = datetime(2027, 3, 1, 8), datetime(2027, 3, 26, 17)
                    task = Task(project_id=project.id, name="Work", start=start, finish=finish)
                    session.add(task)
                    session.flush()
                    session.add(Assignment(task_id=task.id, resource_id=person.id, start=start,
                                           finish=finish, work_minutes=hours * 60))  # fmt: skip
    finally:
        database.close()


def _by_hand(scores: tuple[int | None, ...]) -> float:
    """Σ weight × points / (5 × Σ weight) × 100; risk counts 5 − s; a gap earns nothing."""
    points = sum(
        weight * (score if higher else 5 - score)
        for (_, _, weight, higher), score in zip(CRITERIA, scores, strict=True)
        if score is not None
    )
    return 100 * points / (5 * sum(weight for _, _, weight, _ in CRITERIA))


def _brute_force(
    ranked: list[str], budget: float | None, hours: float | None, strict: bool
) -> set[str]:
    """Of every subset within the caps, the one that funds the better-ranked projects
    first (compared at the best-ranked project where two subsets differ); strict: the
    longest fitting run from the top."""
    facts = {code: (b, h) for code, _, b, _, h in PROJECTS}

    def fits(subset: tuple[str, ...]) -> bool:
        spent = sum(facts[code][0] for code in subset)
        used = sum(facts[code][1] for code in subset)
        return (budget is None or spent <= budget) and (hours is None or used <= hours)

    if strict:
        prefixes = [tuple(ranked[:n]) for n in range(len(ranked) + 1)]
        return set(max((p for p in prefixes if fits(p)), key=len))
    best: tuple[bool, ...] = ()
    for mask in itertools.product((True, False), repeat=len(ranked)):
        subset = tuple(code for code, taken in zip(ranked, mask, strict=True) if taken)
        if fits(subset) and mask > best:
            best = mask
    return {code for code, taken in zip(ranked, best, strict=True) if taken}


@pytest.mark.parametrize("include_proposed", [False, True])
def test_prioritise_funds_what_a_brute_force_funds(
    db_location: str, include_proposed: bool, capsys: Capture
) -> None:
    _crafted(db_location)
    statuses = {ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD}
    if include_proposed:
        statuses.add(ProjectStatus.PROPOSED)
    scores = {code: _by_hand(s) for code, status, _, s, _ in PROJECTS if status in statuses}
    ranked = sorted(scores, key=lambda code: -scores[code])
    assert len(set(scores.values())) == len(scores)  # no ties: the order is the scores'
    extra = ["--include-proposed"] if include_proposed else []
    for budget, hours, rule in (
        (1_000_000, None, "greedy"), (1_000_000, None, "strict"), (600_000, None, "greedy"),
        (1_200_000, 400, "greedy"), (None, 300, "greedy"), (0, None, "greedy"),
        (None, None, "greedy"),
    ):  # fmt: skip
        caps = [] if budget is None else ["--budget", str(budget)]
        caps += [] if hours is None else ["--capacity", str(hours)]
        code, out, err = _run(capsys, "prioritise", "--db", db_location, "--format", "json",
                              "--rule", rule, *caps, *extra)  # fmt: skip
        assert code == 0, err
        result = json.loads(out)
        assert [row["code"] for row in result["rows"]] == ranked
        assert {row["code"]: row["score"] for row in result["rows"]} == pytest.approx(scores)
        expected = _brute_force(ranked, budget, hours, rule == "strict")
        assert set(result["funded"]) == expected, (budget, hours, rule)
        first_out = next((i for i, row in enumerate(result["rows"]) if not row["fits"]), None)
        assert result["cut_off_rank"] == (None if first_out is None else first_out + 1)
        assert result["budget_used"] == sum(b for c, _, b, _, _ in PROJECTS if c in expected)
        assert result["saved"] is None
    gaps = {row["code"]: row["gaps"] for row in result["rows"]}
    assert gaps["P8"] == ["VAL"] and gaps["P1"] == []


def test_prioritise_move_shows_the_change_and_stores_only_with_save(
    db_location: str, capsys: Capture
) -> None:
    _crafted(db_location)

    def priorities() -> dict[str, int]:
        database = open_database(db_location)
        try:
            with database.session() as session:
                rows = session.execute(select(Project.code, Project.priority))
                return {code: priority for code, priority in rows}
        finally:
            database.close()

    before = priorities()
    args = ["prioritise", "--db", db_location, "--budget", "1M", "--move", "p4=1"]
    code, out, err = _run(capsys, *args)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Strategic prioritisation — Strategy: 6 projects (active, on hold)")
    assert "Caps: budget 1,000,000 EUR, capacity no cap; rule greedy" in out
    table = [line.split() for line in lines if line[:4].strip().isdigit()]
    assert [row[1:3] if row[1].startswith(("+", "-")) else row[1:2] for row in table] == [
        ["+3", "P4"], ["-1", "P1"], ["-1", "P2"], ["-1", "P3"], ["P5"], ["P8"],
    ]  # fmt: skip
    cut = lines.index(next(line for line in lines if "cut-off" in line and "---" in line))
    assert lines[cut + 1].split()[2] == "P2"
    assert "4 of 6 projects fit: budget 1,000,000 EUR of 1,000,000 EUR" in out
    assert "cut-off above #3 (P2)" in out
    assert (
        "With the moves, against the score order: entering P4, P3; leaving P2; "
        "budget +50,000 EUR; capacity +200 h." in out
    )
    assert lines[-1].startswith("Nothing stored")
    assert priorities() == before

    code, out, err = _run(capsys, *args, "--save")
    assert code == 0, err
    assert "Stored this order as the priorities of 6 projects (1000 for the first)." in out
    after = priorities()
    assert [after[c] for c in ("P4", "P1", "P2", "P3", "P5", "P8")] == [
        1000, 834, 668, 502, 336, 170,
    ]  # fmt: skip
    assert {c: after[c] for c in ("P6", "P7", "P9")} == {"P6": 500, "P7": 500, "P9": 500}
    assert _audit_count(db_location, "projects") >= 6
    code, out, _ = _run(capsys, *args, "--save")
    assert code == 0 and "already follow this order: nothing to store." in out

    for bad, message in (
        (["--move", "P9=1"], "P9 is not among the ranked projects"),
        (["--move", "P1"], "expected CODE=RANK"),
        (["--role", "Astronaut"], "No role 'Astronaut'"),
    ):
        code, _, err = _run(capsys, "prioritise", "--db", db_location, *bad)
        assert code == 1 and message in err


def test_prioritise_available_capacity_and_usage_errors(tmp_path: Path, capsys: Capture) -> None:
    location = str(tmp_path / "crafted.sqlite")
    _crafted(location)
    code, out, err = _run(capsys, "prioritise", "--db", location, "--capacity", "available",
                          "--role", "Developer", "--format", "json")  # fmt: skip
    assert code == 0, err
    result = json.loads(out)
    # One full-time developer over twelve months: far more hours than the 680 h demanded.
    assert result["caps"]["role"] == "Developer" and result["caps"]["hours"] > 1500
    assert len(result["funded"]) == len(result["rows"]) == 6
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["prioritise", "--db", location, "--budget", "lots"])
    assert exit_info.value.code == 2
    assert "expected an amount" in capsys.readouterr().err


# Rules.


def test_rules_export_edit_import(db_location: str, tmp_path: Path, capsys: Capture) -> None:
    _crafted(db_location)
    exported = tmp_path / "rules.json"
    code, out, err = _run(capsys, "rules", "--db", db_location, "--export", str(exported))
    assert code == 0, err and f"to {exported}" in out
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "pmo-desktop-rules" and document["version"] == 1
    assert document["rag_thresholds"]["spi_amber"] == 0.95
    assert document["risk_score_rule"]["kind"] == "max"
    assert [c["code"] for c in document["scoring_model"]] == ["OBJ", "VAL", "RSK"]
    # The same document on stdout with --format json.
    code, out, _ = _run(capsys, "rules", "--db", db_location, "--format", "json")
    assert json.loads(out) == document

    document["rag_thresholds"].update(spi_amber=0.9, spi_red=0.8, high_risk_score=12)
    document["risk_score_rule"] = {"kind": "weighted", "weights": {"schedule": 2, "cost": 1,
                                   "scope": 0, "quality": 1}}  # fmt: skip
    document["scoring_model"][0]["weight"] = 4
    urgency = {"code": "URG", "name": "Urgency", "kind": "urgency", "weight": 2}
    document["scoring_model"] = [*document["scoring_model"][:2], urgency]
    rules = {rule["rule"]: rule for rule in document["compliance_rules"]}
    rules["gate_overdue"].update(severity="error", parameters={"grace_days": 5})
    rules["baseline_missing"]["enabled"] = False
    exported.write_text(json.dumps(document), encoding="utf-8")
    audit_before = _audit_count(db_location)
    code, out, err = _run(capsys, "rules", "--db", db_location, "--import", str(exported))
    assert code == 0, err
    assert "RAG threshold spi_amber: 0.95 → 0.9" in out
    assert "criterion OBJ: weight 3.0 → 4.0" in out and "criterion URG: added" in out
    assert "kept (not in the file): criteria RSK" in out
    assert out.splitlines()[-1] == f"Imported {exported}: 8 changes stored."

    database = open_database(db_location)
    try:
        with database.session() as session:
            stored = session.scalars(select(PortfolioRules)).one()
            assert stored.thresholds["spi_amber"] == 0.9 and stored.thresholds["spi_red"] == 0.8
            assert stored.thresholds["high_risk_score"] == 12
            assert stored.risk_score_rule.value == "weighted"
            assert stored.score_weights == {"schedule": 2.0, "cost": 1.0, "scope": 0.0,
                                            "quality": 1.0}  # fmt: skip
            rows = session.execute(select(StrategicObjective.code, StrategicObjective.weight))
            weights = {code: weight for code, weight in rows}
            assert weights == {"OBJ": 4.0, "VAL": 1.0, "RSK": 1.0, "URG": 2.0}
            settings = {
                row.rule: (row.enabled, row.severity, row.parameters)
                for row in session.scalars(select(ComplianceSetting))
            }
            assert settings == {
                "gate_overdue": (True, "error", {"grace_days": 5}),
                "baseline_missing": (False, None, {}),
            }
            entities = set(
                session.scalars(select(AuditEntry.entity).where(AuditEntry.id > audit_before))
            )
        assert {"portfolio_rules", "strategic_objectives", "compliance_settings"} <= entities
    finally:
        database.close()

    # Importing it again changes nothing; the text view shows the new rules.
    code, out, _ = _run(capsys, "rules", "--db", db_location, "--import", str(exported))
    assert code == 0 and out.strip().endswith("matches the rules in force: nothing to change.")
    code, out, _ = _run(capsys, "rules", "--db", db_location)
    assert code == 0
    assert "  schedule  SPI amber below" in out and "0.9  (spi_amber)" in out
    assert "Risk score rule: probability × weighted mean impact (weights schedule 2" in out
    assert "  URG        Urgency" in out
    assert any(line.split()[:3] == ["gate_overdue", "on", "error"] for line in
               (line.strip() for line in out.splitlines()))  # fmt: skip


def test_a_malformed_rules_file_is_refused_and_nothing_is_stored(
    db_location: str, tmp_path: Path, capsys: Capture
) -> None:
    _crafted(db_location)
    good = tmp_path / "good.json"
    assert _run(capsys, "rules", "--db", db_location, "--export", str(good))[0] == 0
    valid = json.loads(good.read_text(encoding="utf-8"))

    def variant(**changes: object) -> dict:
        document = json.loads(json.dumps(valid))
        # Valid edits first, so a refusal must also drop them.
        document["scoring_model"][0]["weight"] = 9
        document["rag_thresholds"]["slip_red_days"] = 20
        document.update(changes)
        return document

    bad_rules = json.loads(json.dumps(valid["compliance_rules"]))
    bad_rules[-1]["severity"] = "fatal"
    cases: list[tuple[str, str]] = [
        ("{ not json", "is not valid JSON: Expecting property name"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps(variant(format="something")), 'its "format" must be "pmo-desktop-rules"'),
        (json.dumps(variant(version=7)), "Rules file version 7"),
        (json.dumps(variant(extra=1)), "unknown key extra"),
        (json.dumps(variant(rag_thresholds={"spi_amber": 0.8, "spi_red": 0.9})),
         "the SPI limits are inverted"),
        (json.dumps(variant(rag_thresholds={"cpi_red": "low"})),
         'rag_thresholds.cpi_red must be a number, not "low"'),
        (json.dumps(variant(risk_score_rule={"kind": "weighted", "weights": {"schedule": 0,
         "cost": 0, "scope": 0, "quality": 0}})), "at least one risk impact a weight"),
        (json.dumps(variant(risk_score_rule={"kind": "median"})), 'kind "median" is not one of'),
        (json.dumps(variant(scoring_model=[{"code": "OBJ", "weight": -1}])),
         "scoring_model[1] (OBJ): A weight cannot be negative."),
        (json.dumps(variant(scoring_model=[{"code": "A", "name": "x"}, {"code": "a"}])),
         "the code a is listed twice"),
        (json.dumps(variant(scoring_model=[{"code": "NEW"}])), "A criterion needs a name."),
        (json.dumps(variant(compliance_rules=[{"rule": "no_such_rule"}])),
         'unknown rule "no_such_rule"'),
        (json.dumps(variant(compliance_rules=bad_rules)), "Unknown severity 'fatal'"),
        (json.dumps(variant(compliance_rules=[{"rule": "gate_overdue",
         "parameters": {"grace_days": "x"}}])), "grace_days must be a number"),
    ]  # fmt: skip
    audit_before = _audit_count(db_location)
    for number, (text, message) in enumerate(cases):
        path = tmp_path / f"bad{number}.json"
        path.write_text(text, encoding="utf-8")
        code, out, err = _run(capsys, "rules", "--db", db_location, "--import", str(path))
        assert code == 1 and out == "", (text, err)
        assert message in err, (message, err)
        assert err.startswith("pmo-desktop: error: ") and "Traceback" not in err
    code, _, err = _run(capsys, "rules", "--db", db_location, "--import", str(tmp_path / "no"))
    assert code == 1 and "Cannot read" in err
    assert _audit_count(db_location) == audit_before
    database = open_database(db_location)
    try:
        with database.session() as session:
            assert session.scalar(select(func.count()).select_from(PortfolioRules)) == 0
            assert session.scalar(select(func.count()).select_from(ComplianceSetting)) == 0
            rows = session.execute(select(StrategicObjective.code, StrategicObjective.weight))
            weights = {code: weight for code, weight in rows}
        assert weights == {"OBJ": 3.0, "VAL": 1.0, "RSK": 1.0}
    finally:
        database.close()


# Errors and a real process.


def test_bad_database_is_a_clear_error(tmp_path: Path, capsys: Capture) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database")
    for argv, message in (
        (["gates", "--db", str(tmp_path / "missing.sqlite")], "There is no database at"),
        (["prioritise", "--db", str(junk)], "is not a PMO Desktop database"),
        (["rules", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/none"], "Cannot connect"),
        (["gate-review", "--db", str(tmp_path / "missing.sqlite"), "--project", "X",
          "--gate", "1", "--decision", "go", "--by", "Me"], "There is no database at"),
    ):  # fmt: skip
        code, out, err = _run(capsys, *argv)
        assert code == 1 and out == "" and message in err, (argv, err)
        assert err.startswith("pmo-desktop: error: ") and len(err.splitlines()) == 1
    assert not (tmp_path / "missing.sqlite").exists()


def test_a_real_process_prints_json(tmp_path: Path) -> None:
    location = str(tmp_path / "process.sqlite")
    _gated(location, PmoMode.CONTROLLING)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "pmo_desktop", "gates", "--db", location, "--format", "json"],
        capture_output=True, text=True, timeout=120, env=environment,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert [overview["project"] for overview in json.loads(result.stdout)] == ["G-1"]
    result = subprocess.run(
        [sys.executable, "-m", "pmo_desktop", "gate-review", "--db", location, "--project",
         "G-1", "--gate", "1", "--decision", "go", "--by", "Me"],
        capture_output=True, text=True, timeout=120, env=environment,
    )  # fmt: skip
    assert result.returncode == 1 and "In controlling mode" in result.stderr
