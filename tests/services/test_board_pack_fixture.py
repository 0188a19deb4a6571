"""Board pack data on a small hand-built portfolio whose figures are counted by hand, on
SQLite and PostgreSQL: a project with nothing yet, role loading month by month, the Gantt
extract's choice of rows, earned value and its S-curve, milestone slip, risk trends from
the audit trail, decisions, issues and the portfolio's overall rating."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal

import numpy as np
import pytest
from sqlalchemy.orm import Session

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import (
    Assignment,
    AuditAction,
    AuditEntry,
    Baseline,
    BaselineTask,
    Decision,
    DecisionStatus,
    Dependency,
    Issue,
    IssueStatus,
    LinkType,
    Portfolio,
    Priority,
    Project,
    ProjectStatus,
    Rag,
    Resource,
    ResourceKind,
    Risk,
    RiskStatus,
    StatusReport,
    Task,
)
from pmo_desktop.reports.data import (
    CurvePoint,
    EvmFigures,
    MilestoneLine,
    PortfolioPack,
    ProjectPage,
    RatingCounts,
    Trend,
    empty_heat,
)
from pmo_desktop.services.board_pack import assemble_board_pack, overall_rating
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.database import Database

AS_OF = date(2026, 3, 15)
Hand = tuple[Database, dict[str, int], PortfolioPack]
Builder = Callable[..., None]


def at(day: date, hour: int = 8) -> datetime:
    return datetime.combine(day, time(hour))


def _build(database: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    with database.write_session() as session:
        portfolio = Portfolio(name="Hand", organisation="Hand & Co", as_of_date=AS_OF)
        session.add(portfolio)
        session.flush()
        ids["portfolio"] = portfolio.id

        def add(key: str, row: object) -> object:
            session.add(row)
            session.flush()
            ids[key] = row.id  # type: ignore[attr-defined]
            return row

        for code in ("BARE", "GANTT", "MAIN", "OTHER"):
            add(code, Project(portfolio_id=portfolio.id, code=code, name=f"{code} project",
                              status=ProjectStatus.PROPOSED if code == "BARE" else
                              ProjectStatus.ACTIVE))  # fmt: skip

        levels: dict[str, int] = {}

        def task(key: str, project: str, parent: str | None, position: int, **fields) -> None:
            levels[key] = levels[parent] + 1 if parent else 1
            add(key, Task(project_id=ids[project], parent_id=ids[parent] if parent else None,
                          position=position, wbs=key, name=key, outline_level=levels[key],
                          **fields))  # fmt: skip

        _gantt_tasks(task)
        _main_tasks(task)
        for predecessor, successor in (("C1", "M1"), ("A1", "A2"), ("X1", "A1")):
            session.add(Dependency(predecessor_id=ids[predecessor], successor_id=ids[successor],
                                   type=LinkType.FS))  # fmt: skip
        task("O1", "OTHER", None, 1)
        base = Baseline(project_id=ids["MAIN"], number=0, name="Baseline")
        add("baseline", base)
        for key, start, finish, cost in (
            ("W", at(date(2026, 2, 2)), at(date(2026, 3, 27), 17), "4000"),
            ("MM1", None, at(date(2026, 3, 20), 17), "0"),
            ("MM2", None, at(date(2026, 4, 10), 17), "0"),
            ("MM3", None, at(date(2026, 2, 20), 17), "0"),
            ("MM4", None, at(date(2026, 4, 1), 17), "0"),
        ):
            session.add(BaselineTask(baseline_id=base.id, task_id=ids[key], start=start or finish,
                                     finish=finish, cost=Decimal(cost)))  # fmt: skip
        _resources(session, portfolio.id, ids)
        _status(session, ids)
        _raid(session, portfolio.id, ids)
    return ids


def _gantt_tasks(task: Builder) -> None:
    """S1 (A1..A6 in March), S2 > S21 > (M1, critical C1), S2 > B1; X1 in January; M2."""
    task("S1", "GANTT", None, 1, is_summary=True, start=at(date(2026, 3, 2)),
         finish=at(date(2026, 3, 27), 17))  # fmt: skip
    for k in range(1, 7):
        task(f"A{k}", "GANTT", "S1", k, start=at(date(2026, 3, 1 + k)),
             finish=at(date(2026, 3, 20 + k % 5), 17))  # fmt: skip
    task("S2", "GANTT", None, 2, is_summary=True, start=at(date(2026, 3, 9)),
         finish=at(date(2026, 4, 10), 17))  # fmt: skip
    task("S21", "GANTT", "S2", 1, is_summary=True, start=at(date(2026, 3, 9)),
         finish=at(date(2026, 3, 20), 17))  # fmt: skip
    task("M1", "GANTT", "S21", 1, is_milestone=True, start=at(date(2026, 3, 20), 17),
         finish=at(date(2026, 3, 20), 17))  # fmt: skip
    task("C1", "GANTT", "S21", 2, critical=True, start=at(date(2026, 3, 9)),
         finish=at(date(2026, 3, 13), 17))  # fmt: skip
    task("B1", "GANTT", "S2", 2, start=at(date(2026, 4, 6)), finish=at(date(2026, 4, 10), 17))
    task("X1", "GANTT", None, 3, start=at(date(2026, 1, 5)), finish=at(date(2026, 1, 9), 17))
    task("M2", "GANTT", None, 4, is_milestone=True, start=at(date(2026, 4, 30), 17),
         finish=at(date(2026, 4, 30), 17))  # fmt: skip


def _main_tasks(task: Builder) -> None:
    """W: 8 weeks of baseline work, half done at the as-of date; four milestones; three
    undated tasks that only carry assignments."""
    task("W", "MAIN", None, 1, start=at(date(2026, 2, 2)), finish=at(date(2026, 3, 27), 17),
         actual_start=at(date(2026, 2, 2)), percent_complete=50.0,
         actual_cost=Decimal("3000"))  # fmt: skip
    for position, (key, finish, done) in enumerate(
        (
            ("MM1", date(2026, 3, 25), False),
            ("MM2", date(2026, 4, 3), False),
            ("MM3", date(2026, 3, 2), True),
            ("MM4", date(2026, 5, 5), False),
        ),
        start=2,
    ):
        task(key, "MAIN", None, position, is_milestone=True, start=at(finish, 17),
             finish=at(finish, 17), percent_complete=100.0 if done else 0.0,
             actual_finish=at(finish, 17) if done else None)  # fmt: skip
    for position, key in enumerate(("T1", "T2", "T3", "T4"), start=6):
        task(key, "MAIN", None, position)


def _resources(session: Session, portfolio_id: int, ids: dict[str, int]) -> None:
    """Developers R1 (full time) and R2 (half), a generic Tester pool of two, a material and
    an inactive developer; assignments counted by hand in the test."""
    specs = {
        "R1": dict(kind=ResourceKind.PERSON, role="Developer", max_units=1.0),
        "R2": dict(kind=ResourceKind.PERSON, role="Developer", max_units=0.5),
        "R3": dict(kind=ResourceKind.ROLE, role="", max_units=2.0, name="Tester"),
        "R4": dict(kind=ResourceKind.MATERIAL, role="Developer", max_units=1.0),
        "R5": dict(kind=ResourceKind.PERSON, role="Developer", max_units=1.0, active=False),
    }
    for code, fields in specs.items():
        fields.setdefault("name", code)
        resource = Resource(portfolio_id=portfolio_id, code=code, **fields)
        session.add(resource)
        session.flush()
        ids[code] = resource.id
    for task, resource, start, finish, minutes in (
        ("T1", "R1", at(date(2026, 3, 2)), at(date(2026, 3, 6), 17), 40 * 60),
        ("T2", "R2", at(date(2026, 3, 30)), at(date(2026, 4, 3), 17), 20 * 60),
        ("T3", "R3", at(date(2026, 5, 28)), at(date(2026, 6, 3), 17), 50 * 60),
        ("T4", "R1", at(date(2026, 2, 2)), at(date(2026, 2, 6), 17), 40 * 60),
        ("T1", "R4", at(date(2026, 3, 2)), at(date(2026, 3, 6), 17), 40 * 60),
        ("T2", "R5", at(date(2026, 3, 2)), at(date(2026, 3, 6), 17), 40 * 60),
        ("O1", "R1", at(date(2026, 3, 9)), at(date(2026, 3, 13), 17), 40 * 60),
    ):
        session.add(Assignment(task_id=ids[task], resource_id=ids[resource], start=start,
                               finish=finish, work_minutes=minutes))  # fmt: skip


def _status(session: Session, ids: dict[str, int]) -> None:
    """MAIN: amber in January, red in February; GANTT: one green report; OTHER: green twice;
    a MAIN report after the as-of date that the pack must not see."""
    for project, month, end, rag, texts in (
        ("MAIN", 1, 31, Rag.AMBER, ("Old news", "")),
        ("MAIN", 2, 28, Rag.RED, ("Design signed <b>off</b> & approved", "Vendor late")),
        ("MAIN", 3, 31, Rag.GREEN, ("Future", "Future")),
        ("GANTT", 2, 28, Rag.GREEN, ("   ", "Testers scarce")),
        ("OTHER", 1, 31, Rag.GREEN, ("", "")),
        ("OTHER", 2, 28, Rag.GREEN, ("", "")),
    ):
        session.add(StatusReport(project_id=ids[project], period_start=date(2026, month, 1),
                                 period_end=date(2026, month, end), rag_overall=rag,
                                 rag_cost=rag, achievements=texts[0], concerns=texts[1],
                                 commentary=f"{project} in month {month}",
                                 author="PM"))  # fmt: skip


def _raid(session: Session, portfolio_id: int, ids: dict[str, int]) -> None:
    def risk(code: str, p: int, impact: int, **fields) -> Risk:
        row = Risk(portfolio_id=portfolio_id, project_id=fields.pop("project", ids["MAIN"]),
                   code=code, title=f"Risk {code}", probability=p, impact_cost=impact,
                   score=p * impact, **fields)  # fmt: skip
        session.add(row)
        session.flush()
        ids[code] = row.id
        return row

    risk("R-1", 3, 4, proximity=date(2026, 5, 1), residual_probability=2, residual_impact=2,
         residual_score=4)  # fmt: skip
    risk("R-2", 2, 3)
    risk("R-3", 3, 3)
    risk("R-4", 2, 2)
    risk("R-5", 2, 5)
    risk("R-6", 4, 5, opportunity=True)
    risk("R-7", 5, 5, status=RiskStatus.CLOSED)
    risk("R-8", 4, 3, proximity=date(2026, 4, 1))
    risk("R-9", 2, 3, project=None)  # the portfolio's own risk
    risk("R-10", 3, 4)  # no proximity
    for code, moment, action, before, after in (
        ("R-1", datetime(2026, 2, 10, tzinfo=UTC), AuditAction.UPDATE, {"score": 6}, {"score": 8}),
        ("R-2", datetime(2026, 3, 5, tzinfo=UTC), AuditAction.UPDATE, {"score": 20},
         {"score": 6}),
        ("R-4", datetime(2026, 3, 3, tzinfo=UTC), AuditAction.INSERT, None, {"score": 4}),
        ("R-5", datetime(2026, 1, 20, tzinfo=UTC), AuditAction.UPDATE, {"score": 4},
         {"score": 10}),
        ("R-5", datetime(2026, 3, 10, tzinfo=UTC), AuditAction.UPDATE, {"owner": ""},
         {"owner": "Zoé"}),
    ):  # fmt: skip
        session.add(AuditEntry(at=moment, user_name="pm", action=action, entity="risks",
                               entity_id=ids[code], before=before, after=after))  # fmt: skip
    for code, project, status, needed in (
        ("D-1", "MAIN", DecisionStatus.PENDING, date(2026, 4, 10)),
        ("D-2", "MAIN", DecisionStatus.PENDING, None),
        ("D-3", None, DecisionStatus.PENDING, date(2026, 3, 20)),
        ("D-4", "MAIN", DecisionStatus.APPROVED, date(2026, 3, 1)),
        ("D-5", "OTHER", DecisionStatus.PENDING, date(2026, 3, 1)),
    ):
        session.add(Decision(portfolio_id=portfolio_id, code=code, title=f"Decide {code}",
                             project_id=ids[project] if project else None, status=status,
                             needed_by=needed))  # fmt: skip
    for code, escalated, priority, status in (
        ("I-1", True, Priority.MEDIUM, IssueStatus.OPEN),
        ("I-2", False, Priority.HIGH, IssueStatus.IN_PROGRESS),
        ("I-3", True, Priority.CRITICAL, IssueStatus.CLOSED),
        ("I-4", False, Priority.LOW, IssueStatus.OPEN),
        ("I-5", True, Priority.CRITICAL, IssueStatus.OPEN),
    ):
        session.add(Issue(portfolio_id=portfolio_id, project_id=ids["MAIN"], code=code,
                          title=f"Issue {code}", escalated=escalated, priority=priority,
                          status=status))  # fmt: skip


@pytest.fixture
def hand(database: Database) -> Hand:
    ids = _build(database)
    pack = assemble_board_pack(
        database,
        ids["portfolio"],
        AS_OF,
        project_ids=[ids["MAIN"], ids["BARE"], ids["GANTT"]],
        gantt_months_before=1,
        gantt_months_after=1,
        gantt_max_rows=7,
        loading_months=3,
    )
    return database, ids, pack


def _page(pack: PortfolioPack, code: str) -> ProjectPage:
    return next(page for page in pack.pages if page.summary.code == code)


def test_a_project_with_nothing_yet_still_has_a_page(hand: Hand) -> None:
    _, _, pack = hand
    assert [summary.code for summary in pack.projects] == ["BARE", "GANTT", "MAIN"]
    page = _page(pack, "BARE")
    assert page.missing == {"status_report", "baseline", "risks", "costs", "schedule"}
    assert page.gantt is None and page.evm is None and page.curve == ()
    assert page.milestones == () and page.top_risks == () and page.decisions == ()
    assert page.issues == () and page.heat_inherent == empty_heat()
    assert (page.period_start, page.commentary, page.report_author) == (None, "", "")
    summary = page.summary
    assert summary.ratings == {} and summary.trends == {}
    assert (summary.spi, summary.cpi, summary.next_milestone) == (None, None, "")
    assert summary.status == "proposed"
    assert _page(pack, "GANTT").missing == {"baseline", "risks", "costs"}
    assert _page(pack, "MAIN").missing == {"costs"}


def test_overall_rating_counts_and_texts(hand: Hand) -> None:
    _, _, pack = hand
    # Latest up to 15 March: BARE none, GANTT green, MAIN red (February); before: MAIN amber.
    assert pack.counts == RatingCounts(red=1, amber=0, green=1, unrated=1)
    assert pack.previous_counts == RatingCounts(red=0, amber=1, green=0, unrated=2)
    assert (pack.overall, pack.previous_overall) == (Rag.RED, Rag.AMBER)
    main = _page(pack, "MAIN")
    assert main.summary.ratings["overall"] is Rag.RED
    assert main.summary.trends["overall"] is Trend.WORSE
    assert main.summary.trends["cost"] is Trend.WORSE
    assert (main.period_start, main.period_end) == (date(2026, 2, 1), date(2026, 2, 28))
    assert main.commentary == "MAIN in month 2"
    assert pack.achievements == (("MAIN", "Design signed <b>off</b> & approved"),)
    assert pack.concerns == (("GANTT", "Testers scarce"), ("MAIN", "Vendor late"))
    assert (pack.organisation, pack.portfolio, pack.currency) == ("Hand & Co", "Hand", "EUR")


def test_overall_rule_at_its_boundaries() -> None:
    red, amber, green = Rag.RED, Rag.AMBER, Rag.GREEN
    assert overall_rating([], 25, 25) is None
    assert overall_rating([None, None], 25, 25) is None
    assert overall_rating([red, green, green, green], 25, 25) is red
    assert overall_rating([red, green, green, green, green], 25, 25) is green
    assert overall_rating([red, green, green, green, green, None], 20, 50) is red
    assert overall_rating([amber, green, green, green], 25, 25) is amber
    assert overall_rating([red, amber, green, green, green, green], 25, 30) is amber
    assert overall_rating([red, amber, green, green, green, green], 25, 40) is green


def test_role_loading_counted_by_hand(hand: Hand) -> None:
    _, _, pack = hand
    assert pack.months == (date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1))
    loads = {load.role: load for load in pack.role_loads}
    assert set(loads) == {"Developer", "Tester"}
    # R1: 40 h in the week of 2 March. R2: 20 h over Mon 30 Mar..Fri 3 Apr, 4 h a day:
    # 2 days in March, 3 in April. R1's February task, OTHER's task, the material and the
    # inactive developer do not count.
    assert loads["Developer"].demand == (48.0, 12.0, 0.0)
    # Tester pool: 50 h over Thu 28 May..Wed 3 Jun, 10 h a working day: 2 days in May.
    assert loads["Tester"].demand == (0.0, 0.0, 20.0)
    weekdays = [
        int(np.busday_count(first, date(2026, first.month + 1, 1))) for first in pack.months
    ]
    assert loads["Developer"].capacity == tuple(8.0 * 1.5 * days for days in weekdays)
    assert loads["Tester"].capacity == tuple(8.0 * 2.0 * days for days in weekdays)


def test_gantt_extract_keeps_milestones_and_critical_first(hand: Hand) -> None:
    database, ids, pack = hand
    extract = _page(pack, "GANTT").gantt
    assert (extract.window_start, extract.window_end) == (date(2026, 2, 1), date(2026, 4, 30))
    # In the window: S1, A1..A6, S2, S21, M1, C1, B1, M2 (X1 is in January). Seven rows:
    # M1 with S21 and S2, M2, C1, then A1 with S1; A2 would be an eighth.
    assert [bar.name for bar in extract.bars] == ["S1", "A1", "S2", "S21", "M1", "C1", "M2"]
    assert extract.omitted == 6
    assert [bar.level for bar in extract.bars] == [1, 2, 1, 2, 3, 3, 1]
    assert {bar.name for bar in extract.bars if bar.critical} == {"C1"}
    assert {bar.name for bar in extract.bars if bar.is_milestone} == {"M1", "M2"}
    assert [(link.predecessor, link.successor, link.kind) for link in extract.links] == [
        (ids["C1"], ids["M1"], "FS")
    ]
    roomy = assemble_board_pack(
        database, ids["portfolio"], AS_OF, project_ids=[ids["GANTT"]],
        gantt_months_before=1, gantt_months_after=1,
    ).pages[0].gantt  # fmt: skip
    assert [bar.name for bar in roomy.bars] == [
        "S1", "A1", "A2", "A3", "A4", "A5", "A6", "S2", "S21", "M1", "C1", "B1", "M2",
    ]  # fmt: skip
    assert roomy.omitted == 0
    assert {(link.predecessor, link.successor) for link in roomy.links} == {
        (ids["C1"], ids["M1"]), (ids["A1"], ids["A2"]),
    }  # fmt: skip
    with pytest.raises(ValidationError):
        assemble_board_pack(database, ids["portfolio"], AS_OF, gantt_max_rows=0)


def test_earned_value_and_s_curve_by_hand(hand: Hand) -> None:
    _, _, pack = hand
    page = _page(pack, "MAIN")
    # W: 4000 over the 40 working days 2 Feb..27 Mar (100 a day); 50 % done and 3000 spent
    # over the 30 working days from 2 Feb to the as-of date (Sunday 15 March).
    assert page.evm == EvmFigures(
        bac=Decimal("4000.00"), pv=Decimal("3000.00"), ev=Decimal("2000.00"),
        ac=Decimal("3000.00"), spi=Decimal("0.6667"), cpi=Decimal("0.6667"),
        eac=Decimal("6000.00"), vac=Decimal("-2000.00"),
    )  # fmt: skip
    assert (page.summary.spi, page.summary.cpi) == (Decimal("0.6667"), Decimal("0.6667"))
    assert page.curve == (
        CurvePoint(date(2026, 2, 28), Decimal("2000.00"), Decimal("1333.33"), Decimal("2000.00")),
        CurvePoint(AS_OF, Decimal("3000.00"), Decimal("2000.00"), Decimal("3000.00")),
        CurvePoint(date(2026, 3, 31), Decimal("4000.00"), None, None),
        CurvePoint(date(2026, 4, 30), Decimal("4000.00"), None, None),
    )


def test_milestone_slip_in_working_days(hand: Hand) -> None:
    database, ids, pack = hand
    green, amber, red = Rag.GREEN, Rag.AMBER, Rag.RED
    assert _page(pack, "MAIN").milestones == (
        # Done 2 Mar against 20 Feb: 23..27 Feb and 2 Mar.
        MilestoneLine("MM3", date(2026, 2, 20), date(2026, 3, 2), 6.0, amber, True),
        # 25 Mar against 20 Mar: 23, 24, 25 Mar.
        MilestoneLine("MM1", date(2026, 3, 20), date(2026, 3, 25), 3.0, green, False),
        # 3 Apr against 10 Apr: a week early.
        MilestoneLine("MM2", date(2026, 4, 10), date(2026, 4, 3), -5.0, green, False),
        # 5 May against 1 Apr: 2..30 April (21 days), 1, 4 and 5 May.
        MilestoneLine("MM4", date(2026, 4, 1), date(2026, 5, 5), 24.0, red, False),
    )
    summary = _page(pack, "MAIN").summary
    assert (summary.next_milestone, summary.next_milestone_slip_days) == ("MM1", 3.0)
    tight = assemble_board_pack(
        database, ids["portfolio"], AS_OF, project_ids=[ids["MAIN"]],
        max_milestones=2, thresholds=RagThresholds(slip_amber_days=2.0, slip_red_days=4.0),
    )  # fmt: skip
    lines = tight.pages[0].milestones
    # Two rows: the most recent completed one, then the next open one.
    assert [(line.name, line.rag) for line in lines] == [("MM3", red), ("MM1", amber)]
    assert tight.pages[0].milestones_omitted == 2


def test_risks_heat_maps_and_trends(hand: Hand) -> None:
    _, _, pack = hand
    page = _page(pack, "MAIN")
    # Open threats of MAIN: R-1 12, R-2 6, R-3 9, R-4 4, R-5 10, R-8 12, R-10 12
    # (R-6 is an opportunity, R-7 closed). Ties: nearest proximity first, none last.
    assert [risk.code for risk in page.top_risks] == ["R-8", "R-1", "R-10", "R-5", "R-3"]
    trends = {risk.code: risk.trend for risk in pack.top_risks}
    assert trends == {
        "R-8": Trend.NEW, "R-1": Trend.WORSE, "R-10": Trend.NEW, "R-5": Trend.SAME,
        "R-3": Trend.NEW, "R-2": Trend.BETTER, "R-9": Trend.NEW, "R-4": Trend.NEW,
    }  # fmt: skip
    inherent = [[0] * 5 for _ in range(5)]
    for p, impact in ((3, 4), (2, 3), (3, 3), (2, 2), (2, 5), (4, 3), (3, 4)):
        inherent[p - 1][impact - 1] += 1
    assert page.heat_inherent == tuple(map(tuple, inherent))
    inherent[3 - 1][4 - 1] -= 1  # R-1's residual rating is 2 × 2
    inherent[2 - 1][2 - 1] += 1
    assert page.heat_residual == tuple(map(tuple, inherent))
    # The portfolio adds its own risk R-9 (2 × 3).
    portfolio = [list(row) for row in page.heat_inherent]
    portfolio[1][2] += 1
    assert pack.heat_inherent == tuple(map(tuple, portfolio))
    assert next(risk for risk in pack.top_risks if risk.code == "R-9").project_code == ""


def test_decisions_and_issues(hand: Hand) -> None:
    _, _, pack = hand
    assert [line.code for line in pack.decisions] == ["D-3", "D-1", "D-2"]
    page = _page(pack, "MAIN")
    assert [line.code for line in page.decisions] == ["D-1", "D-2"]
    assert [line.code for line in page.issues] == ["I-5", "I-1", "I-2"]
    assert [line.code for line in pack.escalated_issues] == ["I-5", "I-1"]
    assert all(line.project_code == "MAIN" for line in pack.escalated_issues)
