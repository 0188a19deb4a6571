"""Compliance rules: each fires on a crafted case and not on a clean one, on both backends;
settings (enable, severity, parameters) come from the catalogue overridden by the portfolio."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from pmo_desktop.models import (
    Assignment,
    Baseline,
    BaselineTask,
    ChangeRequest,
    ChangeStatus,
    ComplianceSetting,
    CostLine,
    GateDecision,
    GateReview,
    Portfolio,
    Project,
    ProjectStatus,
    Resource,
    ResourceKind,
    Risk,
    RiskAction,
    RiskStatus,
    StatusReport,
    Task,
)
from pmo_desktop.reports.data import Trend
from pmo_desktop.services.compliance import (
    ComplianceReport,
    catalogue,
    check_compliance,
    load_rules,
    previous_period_end,
    project_trend,
    reset_rule_command,
    rule_setting_command,
)
from pmo_desktop.services.database import Database

AS_OF = date(2026, 10, 30)
RULES = (
    "baseline_missing",
    "status_report_overdue",
    "risk_without_owner",
    "risk_review_overdue",
    "high_risk_without_response",
    "milestone_slip_unapproved",
    "budget_over_tolerance",
    "resource_over_allocated",
    "gate_overdue",
)


def _at(day: date, hour: int = 17) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def _project(session, portfolio: Portfolio, code: str, status=ProjectStatus.ACTIVE) -> Project:  # type: ignore[no-untyped-def]
    project = Project(
        portfolio_id=portfolio.id,
        code=code,
        name=f"Project {code}",
        status=status,
        start_date=date(2026, 1, 5),
        budget=Decimal(100_000),
    )
    session.add(project)
    session.flush()
    return project


def _build(database: Database) -> dict[str, int]:
    """A clean project, a breaching one, and a closed one breaching everything (ignored)."""
    ids: dict[str, int] = {}
    with database.write_session() as session:
        portfolio = Portfolio(name="Governed", as_of_date=AS_OF)
        session.add(portfolio)
        session.flush()
        ids["portfolio"] = portfolio.id
        for code, status in (("CLEAN", None), ("BAD", None), ("OLD", ProjectStatus.CLOSED)):
            project = _project(session, portfolio, code, status or ProjectStatus.ACTIVE)
            ids[code] = project.id
            clean = code == "CLEAN"
            baseline = Baseline(project_id=project.id, number=0, name="B0", approved=clean)
            session.add(baseline)
            milestone = Task(
                project_id=project.id,
                name=f"Go-live {code}",
                is_milestone=True,
                start=_at(date(2026, 11, 30) if not clean else date(2026, 11, 2)),
                finish=_at(date(2026, 11, 30) if not clean else date(2026, 11, 2)),
            )
            work = Task(
                project_id=project.id,
                name=f"Build {code}",
                start=_at(date(2026, 11, 2), 8),
                finish=_at(date(2026, 12, 4)),
                duration_minutes=25 * 480,
            )
            session.add_all([milestone, work])
            session.flush()
            ids[f"milestone {code}"] = milestone.id
            ids[f"task {code}"] = work.id
            session.add(
                BaselineTask(
                    baseline_id=baseline.id,
                    task_id=milestone.id,
                    start=_at(date(2026, 11, 2)),
                    finish=_at(date(2026, 11, 2)),
                )
            )
            last_report = date(2026, 9, 30) if clean else date(2026, 8, 31)
            session.add(
                StatusReport(
                    project_id=project.id,
                    period_start=last_report.replace(day=1),
                    period_end=last_report,
                )
            )
            session.add_all(
                [
                    CostLine(
                        project_id=project.id,
                        period=date(2026, 9, 1),
                        actual=Decimal(50_000 if clean else 60_000),
                    ),
                    CostLine(
                        project_id=project.id,
                        period=date(2026, 11, 1),
                        forecast=Decimal(40_000 if clean else 60_000),
                    ),
                ]
            )
            session.add(
                GateReview(
                    project_id=project.id,
                    sequence=1,
                    name=f"Gate 2 {code}",
                    planned_date=date(2026, 10, 1),
                    decision=GateDecision.GO if clean else GateDecision.PENDING,
                )
            )
            risks = [
                Risk(
                    portfolio_id=portfolio.id,
                    project_id=project.id,
                    code=f"{code}-R1",
                    title="Unowned",
                    owner="" if not clean else "Ann",
                    review_date=date(2026, 11, 15),
                ),
                Risk(
                    portfolio_id=portfolio.id,
                    project_id=project.id,
                    code=f"{code}-R2",
                    title="Stale",
                    owner="Bob",
                    review_date=date(2026, 10, 1) if not clean else date(2026, 11, 1),
                ),
                Risk(
                    portfolio_id=portfolio.id,
                    project_id=project.id,
                    code=f"{code}-R3",
                    title="Severe",
                    owner="Cid",
                    probability=4,
                    impact_cost=5,
                    score=20,
                    response_plan="" if not clean else "Hedge the currency",
                ),
                Risk(
                    portfolio_id=portfolio.id,
                    project_id=project.id,
                    code=f"{code}-R4",
                    title="Closed unowned",
                    owner="",
                    status=RiskStatus.CLOSED,
                    review_date=date(2026, 1, 1),
                ),
            ]
            session.add_all(risks)
        session.flush()
        # A severe risk with an open action but no written plan counts as answered.
        answered = Risk(
            portfolio_id=portfolio.id,
            project_id=ids["CLEAN"],
            code="CLEAN-R5",
            title="Answered",
            owner="Dee",
            probability=5,
            impact_scope=5,
            score=25,
        )
        session.add(answered)
        session.flush()
        session.add(RiskAction(risk_id=answered.id, description="Escalate to sponsor"))
        overloaded = Resource(portfolio_id=portfolio.id, code="R1", name="Olga Overloaded")
        relaxed = Resource(portfolio_id=portfolio.id, code="R2", name="Rita Relaxed")
        material = Resource(
            portfolio_id=portfolio.id, code="M1", name="Crane", kind=ResourceKind.MATERIAL
        )
        session.add_all([overloaded, relaxed, material])
        session.flush()
        ids["overloaded"] = overloaded.id
        span = {"start": _at(date(2026, 11, 2), 8), "finish": _at(date(2026, 12, 4))}
        session.add_all(
            [
                Assignment(
                    task_id=ids["task BAD"],
                    resource_id=overloaded.id,
                    units=2.0,
                    work_minutes=2 * 25 * 480,
                    **span,
                ),
                Assignment(
                    task_id=ids["task CLEAN"],
                    resource_id=relaxed.id,
                    units=0.5,
                    work_minutes=25 * 240,
                    **span,
                ),
                Assignment(
                    task_id=ids["task CLEAN"],
                    resource_id=material.id,
                    units=5.0,
                    work_minutes=5 * 25 * 480,
                    **span,
                ),
            ]
        )
    return ids


def _fired(report: ComplianceReport) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in report.findings:
        found.setdefault(finding.rule, []).append(finding.project_code or finding.object_name)
    return found


def test_catalogue_lists_every_rule_with_both_languages() -> None:
    rules = catalogue().rules
    assert tuple(rule.code for rule in rules) == RULES
    for rule in rules:
        assert rule.severity in ("info", "warning", "error")
        assert rule.title["en"] and rule.title["fr"] and rule.message["fr"]
        for name in rule.parameters:
            assert rule.parameter_label(name, "fr") != name


def test_each_rule_fires_on_the_crafted_case_only(database: Database) -> None:
    ids = _build(database)
    report = check_compliance(database, ids["portfolio"], AS_OF)
    assert [project.code for project in report.projects] == ["BAD", "CLEAN"]
    fired = _fired(report)
    assert set(fired) == set(RULES)
    for rule in RULES:
        expected = ["Olga Overloaded"] if rule == "resource_over_allocated" else ["BAD"]
        assert fired[rule] == expected, rule
    by_rule = {finding.rule: finding for finding in report.findings}
    assert by_rule["baseline_missing"].message() == "Project BAD has no approved baseline."
    assert (
        "period ending 30 Sep 2026 (latest: 31 Aug 2026)"
        in by_rule["status_report_overdue"].message()
    )
    assert by_rule["risk_without_owner"].object_name == "BAD-R1 “Unowned”"
    assert "(29 days ago)" in by_rule["risk_review_overdue"].message()
    assert "scores 20" in by_rule["high_risk_without_response"].message()
    slip = by_rule["milestone_slip_unapproved"]
    assert slip.object_name == "Go-live BAD" and slip.values["slip"] == 20.0
    assert (
        "€120,000 is 20 % over the budget of €100,000" in by_rule["budget_over_tolerance"].message()
    )
    resource = by_rule["resource_over_allocated"]
    assert resource.project_id is None and resource.related_projects == (ids["BAD"],)
    assert resource.values["weeks"] == 5 and resource.values["peak"] == 200
    assert "Gate 2 BAD" in by_rule["gate_overdue"].message()
    # French messages, with French formats.
    assert by_rule["baseline_missing"].message("fr").startswith("Project BAD n’a pas")
    assert "120\u202f000\xa0€" in by_rule["budget_over_tolerance"].message("fr")
    # Worst first, then by project code.
    severities = [finding.severity for finding in report.findings]
    assert severities == sorted(severities, key=("error", "warning", "info").index)
    counts = report.by_project()
    assert sum(counts[ids["BAD"]].values()) == 8 and sum(counts[ids["CLEAN"]].values()) == 0
    assert sum(counts[None].values()) == 1
    assert report.by_severity() == {"error": 3, "warning": 6, "info": 0}


def test_a_selection_checks_only_its_projects(database: Database) -> None:
    ids = _build(database)
    clean = check_compliance(database, ids["portfolio"], AS_OF, project_ids=[ids["CLEAN"]])
    assert clean.findings == ()
    bad = check_compliance(database, ids["portfolio"], AS_OF, project_ids=[ids["BAD"]])
    assert len(bad.findings) == 9  # the shared resource involves BAD
    assert all(finding.involves(ids["BAD"]) for finding in bad.findings)


def test_an_approved_change_covers_a_slip(database: Database) -> None:
    ids = _build(database)
    with database.write_session() as session:
        session.add(
            ChangeRequest(
                portfolio_id=ids["portfolio"],
                project_id=ids["BAD"],
                code="CR-1",
                title="Later go-live",
                status=ChangeStatus.APPROVED,
                impact_schedule_days=10,
                decided_on=date(2026, 10, 1),
            )
        )
    rules = {"milestone_slip_unapproved"}
    report = check_compliance(database, ids["portfolio"], AS_OF)
    assert not rules & set(_fired(report))  # 20 days ≤ 15 tolerated + 10 approved
    with database.write_session() as session:
        change = session.scalars(select(ChangeRequest)).one()
        change.decided_on = date(2026, 11, 5)  # decided after the as-of date: not yet
    assert rules <= set(_fired(check_compliance(database, ids["portfolio"], AS_OF)))


def test_settings_override_the_catalogue_and_undo(database: Database) -> None:
    ids = _build(database)
    portfolio_id = ids["portfolio"]
    off = rule_setting_command(
        database, portfolio_id, "gate_overdue", enabled=False, severity=None, parameters={}
    )
    off.apply(database)
    louder = rule_setting_command(
        database,
        portfolio_id,
        "risk_without_owner",
        enabled=True,
        severity="error",
        parameters={},
    )
    louder.apply(database)
    graceful = rule_setting_command(
        database,
        portfolio_id,
        "status_report_overdue",
        enabled=True,
        severity=None,
        parameters={"grace_days": 31},
    )
    graceful.apply(database)
    report = check_compliance(database, portfolio_id, AS_OF)
    fired = _fired(report)
    assert "gate_overdue" not in fired
    assert "status_report_overdue" not in fired  # due: the period ending 31 Aug 2026
    assert {f.severity for f in report.findings if f.rule == "risk_without_owner"} == {"error"}
    rules = {rule.code: rule for rule in load_rules(database, portfolio_id)}
    assert rules["status_report_overdue"].parameters == {"grace_days": 31}
    assert rules["status_report_overdue"].customised
    assert rules["milestone_slip_unapproved"].parameters["max_slip_days"] == 15.0  # RAG red
    # Editing an existing row updates it; undo puts the previous values back.
    stricter = rule_setting_command(
        database,
        portfolio_id,
        "status_report_overdue",
        enabled=True,
        severity="info",
        parameters={"grace_days": 0},
    )
    stricter.apply(database)
    found = [
        f
        for f in check_compliance(database, portfolio_id, AS_OF).findings
        if f.rule == "status_report_overdue"
    ]
    assert [(f.severity, f.values["due"]) for f in found] == [("info", date(2026, 9, 30))]
    stricter.revert(database)
    assert load_rules(database, portfolio_id)[1].parameters == {"grace_days": 31}
    reset = reset_rule_command(load_rules(database, portfolio_id)[1])
    assert reset is not None
    reset.apply(database)
    assert not load_rules(database, portfolio_id)[1].customised
    reset.revert(database)
    off.revert(database)
    with database.session() as session:
        stored = {row.rule for row in session.scalars(select(ComplianceSetting))}
    assert stored == {"risk_without_owner", "status_report_overdue"}
    assert "gate_overdue" in _fired(check_compliance(database, portfolio_id, AS_OF))


def test_bad_settings_are_refused(database: Database) -> None:
    import pytest

    from pmo_desktop.errors import NotFoundError, ValidationError

    ids = _build(database)
    portfolio_id = ids["portfolio"]
    for severity, parameters in (
        ("fatal", {}),
        (None, {"grace_days": -1}),
        (None, {"grace_days": "ten"}),
        (None, {"unknown": 1}),
    ):
        with pytest.raises(ValidationError):
            rule_setting_command(
                database,
                portfolio_id,
                "gate_overdue",
                enabled=True,
                severity=severity,
                parameters=parameters,
            )
    with pytest.raises(NotFoundError):
        rule_setting_command(
            database, portfolio_id, "no_such_rule", enabled=True, severity=None, parameters={}
        )


def test_trend_compares_with_the_previous_period_end() -> None:
    assert previous_period_end(AS_OF) == date(2026, 9, 30)
    assert previous_period_end(date(2026, 1, 15)) == date(2025, 12, 31)
    assert project_trend(2, 5) is Trend.BETTER
    assert project_trend(5, 2) is Trend.WORSE
    assert project_trend(3, 3) is Trend.SAME
    assert project_trend(3, None) is Trend.NEW
