"""Board pack data on the demo portfolio against figures recomputed here with plain SQL,
on SQLite and PostgreSQL: ratings and trends, money, earned value, milestones, risks and
heat maps, decisions, issues, Gantt extracts, and a subset of the projects."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from pmo_desktop.errors import NotFoundError
from pmo_desktop.models import Rag
from pmo_desktop.reports.data import DIMENSIONS, GanttExtract, Trend
from pmo_desktop.services.board_pack import assemble_board_pack
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo

AS_OF = date(2026, 3, 31)
CENT = Decimal("0.01")
SEVERITY = {"G": 1, "A": 2, "R": 3}
PRIORITY = {"critical": 0, "high": 1, "medium": 2, "low": 3}


@pytest.fixture
def demo(database: Database) -> tuple[Database, int]:
    summary = create_demo(database.engine, as_of=AS_OF)
    return database, summary.portfolio_id


def _rows(database: Database, sql: str, **params: object) -> list[tuple]:
    with database.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def _money(value: object) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT)


def _moment(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _project_ids(database: Database, portfolio_id: int) -> dict[str, int]:
    return dict(
        (code, project_id)
        for project_id, code in _rows(
            database,
            "SELECT id, code FROM projects WHERE portfolio_id = :pid ORDER BY code",
            pid=portfolio_id,
        )
    )


def _expected_overall(
    ratings: list[str | None], red_share: float, amber_share: float
) -> Rag | None:
    rated = [rag for rag in ratings if rag]
    if not rated:
        return None
    if 100 * rated.count("R") / len(rated) >= red_share:
        return Rag.RED
    if 100 * (rated.count("R") + rated.count("A")) / len(rated) >= amber_share:
        return Rag.AMBER
    return Rag.GREEN


def _open_threats(database: Database, portfolio_id: int) -> list[tuple]:
    """(code, project id, p, worst impact, residual p, residual i, score, proximity)."""
    return [
        (code, project, p, max(i1, i2, i3, i4), rp, ri, score, _day(proximity))
        for code, project, p, i1, i2, i3, i4, rp, ri, score, proximity in _rows(
            database,
            """SELECT code, project_id, probability, impact_schedule, impact_cost, impact_scope,
                      impact_quality, residual_probability, residual_impact, score, proximity
               FROM risks WHERE portfolio_id = :pid AND status = 'open' AND NOT opportunity""",
            pid=portfolio_id,
        )
    ]


def _grid(cells: list[tuple[int, int]]) -> tuple[tuple[int, ...], ...]:
    counts = Counter(cells)
    return tuple(tuple(counts[(p, i)] for i in range(1, 6)) for p in range(1, 6))


def _risk_key(risk: tuple) -> tuple:
    return (-risk[6], risk[7] is None, risk[7] or date.max, risk[0])


def test_portfolio_figures_match_sql(demo: tuple[Database, int]) -> None:
    database, portfolio_id = demo
    pack = assemble_board_pack(database, portfolio_id, AS_OF)
    ids = _project_ids(database, portfolio_id)
    assert [summary.code for summary in pack.projects] == list(ids)
    assert [page.summary for page in pack.pages] == list(pack.projects)
    ((name, organisation, currency),) = _rows(
        database, "SELECT name, organisation, currency FROM portfolios WHERE id = :pid",
        pid=portfolio_id,
    )  # fmt: skip
    assert (pack.portfolio, pack.organisation, pack.currency) == (name, organisation, currency)
    assert (pack.period_start, pack.period_end, pack.as_of) == (date(2026, 3, 1), AS_OF, AS_OF)

    columns = ", ".join(f"rag_{name}" for name in DIMENSIONS)
    latest: list[str | None] = []
    previous: list[str | None] = []
    achievements, concerns = [], []
    for summary in pack.projects:
        reports = _rows(
            database,
            f"""SELECT {columns}, achievements, concerns FROM status_reports
                WHERE project_id = :id AND period_end <= :as_of
                ORDER BY period_end DESC LIMIT 2""",
            id=ids[summary.code],
            as_of=AS_OF,
        )
        latest.append(reports[0][0] if reports else None)
        previous.append(reports[1][0] if len(reports) > 1 else None)
        if not reports:
            assert summary.ratings == {} and summary.trends == {}
            continue
        assert summary.ratings == {name: Rag(reports[0][k]) for k, name in enumerate(DIMENSIONS)}
        for k, name in enumerate(DIMENSIONS):
            if len(reports) == 1:
                expected = Trend.NEW
            else:
                change = SEVERITY[reports[0][k]] - SEVERITY[reports[1][k]]
                expected = Trend.SAME if not change else Trend.WORSE if change > 0 else Trend.BETTER
            assert summary.trends[name] == expected
        achievement, concern = reports[0][len(DIMENSIONS) :]
        if achievement and achievement.strip():
            achievements.append((summary.code, achievement))
        if concern and concern.strip():
            concerns.append((summary.code, concern))
    assert list(pack.achievements) == achievements and achievements
    assert list(pack.concerns) == concerns and concerns

    def counted(ratings: list[str | None]) -> tuple[int, int, int, int]:
        found = Counter(ratings)
        return found["R"], found["A"], found["G"], found[None]

    counts, before = pack.counts, pack.previous_counts
    assert (counts.red, counts.amber, counts.green, counts.unrated) == counted(latest)
    assert (before.red, before.amber, before.green, before.unrated) == counted(previous)
    assert pack.overall == _expected_overall(latest, 25.0, 25.0)
    assert pack.previous_overall == _expected_overall(previous, 25.0, 25.0)
    strict = assemble_board_pack(
        database, portfolio_id, AS_OF, overall_red_share=60.0, overall_amber_share=90.0
    )
    assert strict.overall == _expected_overall(latest, 60.0, 90.0)
    assert (strict.overall_red_share, strict.overall_amber_share) == (60.0, 90.0)

    for summary in pack.projects:
        ((budget,),) = _rows(database, "SELECT budget FROM projects WHERE id = :id",
                             id=ids[summary.code])  # fmt: skip
        ((actual, later),) = _rows(
            database,
            """SELECT SUM(CASE WHEN period <= :as_of THEN actual ELSE 0 END),
                      SUM(CASE WHEN period > :as_of THEN forecast ELSE 0 END)
               FROM cost_lines WHERE project_id = :id""",
            id=ids[summary.code],
            as_of=AS_OF,
        )
        assert summary.budget == _money(budget)
        assert summary.actual == _money(actual)
        assert summary.forecast == _money(actual) + _money(later)

    threats = [risk for risk in _open_threats(database, portfolio_id)]
    assert pack.heat_inherent == _grid([(risk[2], risk[3]) for risk in threats])
    assert pack.heat_residual == _grid(
        [(risk[4], risk[5]) if risk[4] is not None else (risk[2], risk[3]) for risk in threats]
    )
    assert sum(map(sum, pack.heat_inherent)) == len(threats) > 0
    assert [risk.code for risk in pack.top_risks] == [
        risk[0] for risk in sorted(threats, key=_risk_key)[:10]
    ]
    # Trends: the score against the latest assessment before the month of AS_OF.
    previous = dict(
        _rows(
            database,
            """SELECT r.code, a.score FROM risk_assessments a JOIN risks r ON r.id = a.risk_id
               WHERE a.assessed_on = (SELECT max(b.assessed_on) FROM risk_assessments b
                                      WHERE b.risk_id = a.risk_id AND b.assessed_on < :start)""",
            start=AS_OF.replace(day=1),
        )
    )
    for risk in pack.top_risks:
        before = previous.get(risk.code)
        expected = (
            Trend.NEW if before is None else Trend.SAME if before == risk.score
            else Trend.WORSE if risk.score > before else Trend.BETTER
        )  # fmt: skip
        assert risk.trend is expected, risk.code
    assert any(risk.trend is not Trend.NEW for risk in pack.top_risks)

    decisions = _rows(
        database,
        """SELECT code, needed_by FROM decisions
           WHERE portfolio_id = :pid AND status = 'pending'""",
        pid=portfolio_id,
    )
    decisions.sort(key=lambda row: (row[1] is None, _day(row[1]) or date.max, row[0]))
    assert [line.code for line in pack.decisions] == [code for code, _ in decisions]
    assert any(line.project_code == "" for line in pack.decisions)
    escalated = _rows(
        database,
        """SELECT code, priority, due_date FROM issues WHERE portfolio_id = :pid
           AND escalated AND status IN ('open', 'in_progress')""",
        pid=portfolio_id,
    )
    escalated.sort(key=lambda row: (PRIORITY[row[1]], row[2] is None, _day(row[2]) or date.max,
                                    row[0]))  # fmt: skip
    assert [line.code for line in pack.escalated_issues] == [row[0] for row in escalated]
    assert escalated
    assert pack.thresholds == {
        "spi_amber": 0.95, "spi_red": 0.85, "cpi_amber": 0.95, "cpi_red": 0.85,
        "budget_amber_percent": 5.0, "budget_red_percent": 10.0, "slip_amber_days": 5.0,
        "slip_red_days": 15.0, "high_risk_score": 15.0,
    }  # fmt: skip
    assert pack.months == tuple(date(2026 + (2 + k) // 12, (2 + k) % 12 + 1, 1) for k in range(12))


def test_project_pages_match_sql(demo: tuple[Database, int]) -> None:
    database, portfolio_id = demo
    thresholds = RagThresholds()
    pack = assemble_board_pack(database, portfolio_id, AS_OF, thresholds=thresholds)
    ids = _project_ids(database, portfolio_id)
    threats = _open_threats(database, portfolio_id)
    cut = {page.summary.code: page.milestones_omitted for page in pack.pages}
    end_of_day = datetime.combine(AS_OF + timedelta(days=1), datetime.min.time())
    for page in pack.pages:
        project_id = ids[page.summary.code]
        report = _rows(
            database,
            """SELECT period_start, period_end, commentary, author FROM status_reports
               WHERE project_id = :id AND period_end <= :as_of ORDER BY period_end DESC
               LIMIT 1""",
            id=project_id,
            as_of=AS_OF,
        )
        if report:
            start, end, commentary, author = report[0]
            assert (page.period_start, page.period_end) == (_day(start), _day(end))
            assert (page.commentary, page.report_author) == (commentary, author)
        else:
            assert page.period_start is None and page.commentary == ""

        milestones = _rows(
            database,
            """SELECT t.name, t.finish, t.actual_finish, t.percent_complete, bt.finish
               FROM tasks t
               LEFT JOIN baselines b ON b.project_id = t.project_id AND b.number = 0
               LEFT JOIN baseline_tasks bt ON bt.baseline_id = b.id AND bt.task_id = t.id
               WHERE t.project_id = :id AND t.is_milestone""",
            id=project_id,
        )
        by_name = {row[0]: row for row in milestones}
        assert len(page.milestones) + cut.get(page.summary.code, 0) == len(milestones)
        assert len(page.milestones) == min(12, len(milestones))
        for line in page.milestones:
            _, finish, actual, percent, baseline = by_name[line.name]
            forecast = _moment(actual) if percent >= 100 and actual else _moment(finish)
            assert line.done is (percent >= 100)
            assert line.forecast_finish == forecast.date()
            if baseline is None:
                assert line.slip_days is None and line.rag is None
                continue
            baseline = _moment(baseline)
            assert line.baseline_finish == baseline.date()
            sign = (forecast > baseline) - (forecast < baseline)
            assert (line.slip_days > 0) - (line.slip_days < 0) == sign
            assert line.rag == thresholds.slip_rag(line.slip_days)
        open_kept = [line.forecast_finish for line in page.milestones if not line.done]
        open_all = sorted(_moment(row[1]).date() for row in milestones if row[3] < 100 and row[1])
        assert open_kept == open_all[: len(open_kept)]
        assert [line.forecast_finish for line in page.milestones] == sorted(
            line.forecast_finish for line in page.milestones
        )

        ((bac, ev, ac, ended, begun),) = _rows(
            database,
            """SELECT SUM(bt.cost), SUM(t.percent_complete * bt.cost / 100.0),
                      SUM(t.actual_cost),
                      SUM(CASE WHEN bt.finish <= :end THEN bt.cost ELSE 0 END),
                      SUM(CASE WHEN bt.start < :end THEN bt.cost ELSE 0 END)
               FROM tasks t
               LEFT JOIN baselines b ON b.project_id = t.project_id AND b.number = 0
               LEFT JOIN baseline_tasks bt ON bt.baseline_id = b.id AND bt.task_id = t.id
               WHERE t.project_id = :id AND NOT t.is_summary""",
            id=project_id,
            end=end_of_day,
        )
        evm = page.evm
        if not bac:
            assert evm is None and page.curve == () and page.summary.cpi is None
        else:
            assert evm is not None
            assert evm.bac == _money(bac)
            assert float(evm.ev) == pytest.approx(float(ev), abs=0.01)
            assert evm.ac == _money(ac)
            assert _money(ended) <= evm.pv <= _money(begun)
            if evm.ac:
                assert float(evm.cpi) == pytest.approx(float(ev) / float(ac), abs=1e-4)
            assert (page.summary.spi, page.summary.cpi) == (evm.spi, evm.cpi)
            _check_curve(page.curve, evm, _money(bac))

        own = sorted((risk for risk in threats if risk[1] == project_id), key=_risk_key)
        assert [risk.code for risk in page.top_risks] == [risk[0] for risk in own[:5]]
        assert page.heat_inherent == _grid([(risk[2], risk[3]) for risk in own])
        for line in page.top_risks:
            assert line.score == line.probability * line.impact
            assert (line.project_code, line.project_name) == (page.summary.code,
                                                              page.summary.name)  # fmt: skip
        pending = _rows(
            database,
            "SELECT code FROM decisions WHERE project_id = :id AND status = 'pending'",
            id=project_id,
        )
        assert sorted(line.code for line in page.decisions) == sorted(code for (code,) in pending)
        urgent = _rows(
            database,
            """SELECT code FROM issues WHERE project_id = :id
               AND status IN ('open', 'in_progress')
               AND (escalated OR priority IN ('high', 'critical'))""",
            id=project_id,
        )
        assert sorted(line.code for line in page.issues) == sorted(code for (code,) in urgent)

        ((tasks, baselines, costs),) = _rows(
            database,
            """SELECT (SELECT COUNT(*) FROM tasks WHERE project_id = :id),
                      (SELECT COUNT(*) FROM baselines WHERE project_id = :id AND number = 0),
                      (SELECT COUNT(*) FROM cost_lines WHERE project_id = :id)""",
            id=project_id,
        )
        expected = {
            "status_report": not report,
            "baseline": not baselines,
            "risks": not own,
            "costs": not costs,
            "schedule": not tasks,
        }
        assert page.missing == {key for key, absent in expected.items() if absent}
    assert any(page.missing for page in pack.pages)
    assert any(not page.missing for page in pack.pages)


def _check_curve(curve: tuple, evm: object, bac: Decimal) -> None:
    days = [point.day for point in curve]
    assert days == sorted(days) and len(set(days)) == len(days)
    at = [point for point in curve if point.day == AS_OF]
    assert len(at) == 1
    assert (at[0].pv, at[0].ev, at[0].ac) == (evm.pv, evm.ev, evm.ac)  # type: ignore[attr-defined]
    pvs = [point.pv for point in curve]
    assert pvs == sorted(pvs) and pvs[-1] == bac
    before = [point for point in curve if point.day < AS_OF]
    assert all(point.ev is not None and point.ac is not None for point in before)
    assert all(point.ev is None and point.ac is None for point in curve if point.day > AS_OF)
    for series in ([point.ev for point in before + at], [point.ac for point in before + at]):
        assert series == sorted(series)


def _wbs_key(tasks: dict[int, tuple], task_id: int) -> tuple:
    row = tasks[task_id]
    parent = row[1]
    own = ((row[2], task_id),)
    return (_wbs_key(tasks, parent) if parent in tasks else ()) + own


def _check_gantt(database: Database, project_id: int, extract: GanttExtract, rows: int) -> None:
    first = datetime.combine(extract.window_start, datetime.min.time())
    after = datetime.combine(extract.window_end + timedelta(days=1), datetime.min.time())
    tasks = {
        row[0]: row
        for row in _rows(
            database,
            """SELECT id, parent_id, position, start, finish, is_summary, is_milestone, critical
               FROM tasks WHERE project_id = :id""",
            id=project_id,
        )
    }
    overlapping = {
        task_id
        for task_id, row in tasks.items()
        if row[3] is not None and _moment(row[3]) < after and _moment(row[4]) >= first
    }
    kept = [bar.id for bar in extract.bars]
    assert set(kept) <= overlapping
    assert len(kept) <= rows
    assert extract.omitted == len(overlapping) - len(kept)
    for task_id in kept:
        parent = tasks[task_id][1]
        assert parent is None or parent in kept
    assert kept == sorted(kept, key=lambda task_id: _wbs_key(tasks, task_id))
    now = datetime.combine(extract.as_of, datetime.min.time())
    # Milestones, then critical tasks, then the rest; each kind unfinished ones first.
    ranked = sorted(
        (i for i in overlapping if not tasks[i][5]),
        key=lambda i: (
            0 if tasks[i][6] else 1 if tasks[i][7] else 2,
            _moment(tasks[i][4]) < now,
            _moment(tasks[i][3]),
            i,
        ),
    )
    leaves = [i for i in kept if not tasks[i][5]]
    assert set(leaves) == set(ranked[: len(leaves)])
    ancestors = set()
    for task_id in leaves:
        parent = tasks[task_id][1]
        while parent is not None:
            ancestors.add(parent)
            parent = tasks[parent][1]
    assert set(kept) == set(leaves) | ancestors
    if len(leaves) < len(ranked):
        following = ranked[len(leaves)]
        needed, parent = 1, tasks[following][1]
        while parent is not None and parent not in kept:
            needed, parent = needed + 1, tasks[parent][1]
        assert len(kept) + needed > rows
    links = set(
        _rows(
            database,
            """SELECT d.predecessor_id, d.successor_id, d.type FROM dependencies d
               JOIN tasks t ON t.id = d.successor_id WHERE t.project_id = :id""",
            id=project_id,
        )
    )
    expected = {link for link in links if link[0] in kept and link[1] in kept}
    assert {(link.predecessor, link.successor, link.kind) for link in extract.links} == expected


def test_gantt_extracts_keep_the_window_and_the_limit(demo: tuple[Database, int]) -> None:
    database, portfolio_id = demo
    pack = assemble_board_pack(
        database, portfolio_id, AS_OF, gantt_months_before=2, gantt_months_after=2,
        gantt_max_rows=20,
    )  # fmt: skip
    ids = _project_ids(database, portfolio_id)
    limited = 0
    for page in pack.pages:
        extract = page.gantt
        assert extract is not None
        assert (extract.window_start, extract.window_end) == (date(2026, 1, 1), date(2026, 5, 31))
        _check_gantt(database, ids[page.summary.code], extract, 20)
        limited += extract.omitted > 0
    assert limited > 0


def test_a_subset_of_projects_progress_and_cancel(demo: tuple[Database, int]) -> None:
    database, portfolio_id = demo
    ids = _project_ids(database, portfolio_id)
    chosen = ["DIG-02", "ERP-03", "OPS-02"]
    pack = assemble_board_pack(
        database, portfolio_id, AS_OF, project_ids=[ids[code] for code in reversed(chosen)]
    )
    assert [summary.code for summary in pack.projects] == chosen
    selected = {ids[code] for code in chosen}
    threats = [
        risk for risk in _open_threats(database, portfolio_id) if risk[1] in selected | {None}
    ]
    assert pack.heat_inherent == _grid([(risk[2], risk[3]) for risk in threats])
    assert {risk.project_code for risk in pack.top_risks} <= {*chosen, ""}
    pending = _rows(
        database,
        """SELECT d.code, p.code FROM decisions d LEFT JOIN projects p ON p.id = d.project_id
           WHERE d.portfolio_id = :pid AND d.status = 'pending'""",
        pid=portfolio_id,
    )
    assert sorted(line.code for line in pack.decisions) == sorted(
        code for code, project in pending if project is None or project in chosen
    )
    codes = {summary.code for summary in pack.projects}
    assert {code for code, _ in pack.achievements} <= codes
    assert {line.project_code for line in pack.escalated_issues} <= {*chosen, ""}
    calls: list[tuple[int, int, str]] = []
    everything = assemble_board_pack(
        database, portfolio_id, AS_OF, progress=lambda *call: calls.append(call)
    )
    assert calls[-1][0] == calls[-1][1] == 4 + len(everything.projects)
    assert [call[0] for call in calls] == sorted(call[0] for call in calls)
    assert {summary.code for summary in everything.projects} <= {call[2] for call in calls}
    for page in pack.pages:
        assert page == next(
            other for other in everything.pages if other.summary.code == page.summary.code
        )
    demand = {load.role: sum(load.demand) for load in pack.role_loads}
    total = {load.role: sum(load.demand) for load in everything.role_loads}
    assert all(demand[role] <= total[role] + 0.1 for role in demand)
    assert sum(demand.values()) < sum(total.values())
    with pytest.raises(NotFoundError, match="999"):
        assemble_board_pack(database, portfolio_id, AS_OF, project_ids=[ids["DIG-02"], 999])
    with pytest.raises(NotFoundError):
        assemble_board_pack(database, 999, AS_OF)

    class CancelledError(Exception):
        pass

    def cancel(done: int, total: int, label: str) -> None:
        if done >= 5:
            raise CancelledError

    with pytest.raises(CancelledError):
        assemble_board_pack(database, portfolio_id, AS_OF, progress=cancel)
