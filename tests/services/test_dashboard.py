"""Dashboard figures against values recomputed here with plain SQL, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest
from sqlalchemy import text

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import Rag
from pmo_desktop.services.dashboard import (
    Dimension,
    RagThresholds,
    Trend,
    dashboard_overview,
    portfolio_dashboard,
)
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.kpis import trend_months

AS_OF = date(2026, 3, 31)


@pytest.fixture
def demo(database: Database) -> tuple[Database, int]:
    summary = create_demo(database.engine, as_of=AS_OF)
    return database, summary.portfolio_id


def _rows(database: Database, sql: str, **params: object) -> list[tuple]:
    with database.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def _money(value: object) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def _as_datetime(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def test_tiles_match_sql(demo: tuple[Database, int]) -> None:
    database, portfolio_id = demo
    dashboard = portfolio_dashboard(database, portfolio_id, AS_OF)
    tiles = dashboard.tiles

    latest = _rows(
        database,
        """SELECT p.id, (SELECT r.rag_overall FROM status_reports r WHERE r.project_id = p.id
                          AND r.period_end <= :as_of ORDER BY r.period_end DESC LIMIT 1)
           FROM projects p WHERE p.portfolio_id = :pid""",
        as_of=AS_OF,
        pid=portfolio_id,
    )
    expected = Counter(Rag(rag) if rag else None for _, rag in latest)
    assert {rag: tiles.rag_counts[rag] for rag in expected} == dict(expected)
    assert sum(tiles.rag_counts.values()) == len(latest)

    ((budget,),) = _rows(
        database, "SELECT SUM(budget) FROM projects WHERE portfolio_id = :pid", pid=portfolio_id
    )
    ((actual, later),) = _rows(
        database,
        """SELECT SUM(CASE WHEN c.period <= :as_of THEN c.actual ELSE 0 END),
                  SUM(CASE WHEN c.period > :as_of THEN c.forecast ELSE 0 END)
           FROM cost_lines c JOIN projects p ON p.id = c.project_id
           WHERE p.portfolio_id = :pid""",
        as_of=AS_OF,
        pid=portfolio_id,
    )
    assert tiles.budget == _money(budget)
    assert tiles.actual == _money(actual)
    assert tiles.forecast == _money(actual) + _money(later)

    ((high,),) = _rows(
        database,
        "SELECT COUNT(*) FROM risks WHERE portfolio_id = :pid AND status = 'open' AND score >= 15",
        pid=portfolio_id,
    )
    assert tiles.high_risks == high > 0

    milestones = _rows(
        database,
        """SELECT t.finish, bt.finish FROM tasks t JOIN projects p ON p.id = t.project_id
           LEFT JOIN baselines b ON b.project_id = t.project_id AND b.number = 0
           LEFT JOIN baseline_tasks bt ON bt.baseline_id = b.id AND bt.task_id = t.id
           WHERE p.portfolio_id = :pid AND t.is_milestone AND t.percent_complete < 100
             AND t.finish IS NOT NULL""",
        pid=portfolio_id,
    )
    window_end = AS_OF + timedelta(days=90)
    due = [
        (_as_datetime(finish), baseline and _as_datetime(baseline))
        for finish, baseline in milestones
        if AS_OF <= _as_datetime(finish).date() <= window_end
    ]
    assert tiles.milestones_due == len(due) > 0
    # Milestones sit at 17:00 of working days: later date = slipped by working days.
    assert tiles.milestones_slipped == sum(
        1 for finish, baseline in due if baseline is not None and finish > baseline
    )
    assert tiles.over_allocated_resources is not None and tiles.over_allocated_resources > 0
    assert tiles.spi is not None and tiles.cpi is not None


def test_rows_match_sql(demo: tuple[Database, int]) -> None:
    database, portfolio_id = demo
    dashboard = portfolio_dashboard(database, portfolio_id, AS_OF)
    rows = {row.code: row for row in dashboard.rows}
    projects = _rows(
        database,
        "SELECT id, code FROM projects WHERE portfolio_id = :pid ORDER BY code",
        pid=portfolio_id,
    )
    assert list(rows) == [code for _, code in projects]
    for project_id, code in projects:
        row = rows[code]
        reports = _rows(
            database,
            """SELECT rag_overall, rag_schedule, rag_cost FROM status_reports
               WHERE project_id = :id AND period_end <= :as_of ORDER BY period_end DESC LIMIT 2""",
            id=project_id,
            as_of=AS_OF,
        )
        if reports:
            assert row.rag_overall == Rag(reports[0][0])
            assert row.ratings[Dimension.COST] == Rag(reports[0][2])
            severity = {"G": 1, "A": 2, "R": 3}
            if len(reports) == 2:
                change = severity[reports[0][1]] - severity[reports[1][1]]
                expected = Trend.SAME if not change else Trend.WORSE if change > 0 else Trend.BETTER
                assert row.trends[Dimension.SCHEDULE] == expected
            else:
                assert row.trends[Dimension.SCHEDULE] == Trend.NEW
        else:
            assert row.rag_overall is None and not row.ratings
        ((top, exposure),) = _rows(
            database,
            "SELECT MAX(score), SUM(score) FROM risks WHERE project_id = :id AND status = 'open'",
            id=project_id,
        )
        assert (row.top_risk_score, row.risk_exposure) == (top, exposure or 0)
        ((value,),) = _rows(
            database,
            """SELECT SUM(s.score * o.weight) FROM project_objective_scores s
               JOIN strategic_objectives o ON o.id = s.objective_id
               WHERE s.project_id = :id AND o.kind = 'objective'""",
            id=project_id,
        )
        assert row.strategic_value == pytest.approx(float(value or 0), abs=1e-3)
        _check_milestone(database, project_id, row)
        _check_earned_value(database, project_id, row)


def _check_milestone(database: Database, project_id: int, row: object) -> None:
    found = _rows(
        database,
        """SELECT t.name, t.finish, bt.finish FROM tasks t
           LEFT JOIN baselines b ON b.project_id = t.project_id AND b.number = 0
           LEFT JOIN baseline_tasks bt ON bt.baseline_id = b.id AND bt.task_id = t.id
           WHERE t.project_id = :id AND t.is_milestone AND t.percent_complete < 100
             AND t.finish IS NOT NULL ORDER BY t.finish, t.id LIMIT 1""",
        id=project_id,
    )
    if not found:
        assert row.next_milestone == "" and row.milestone_slip_days is None  # type: ignore[attr-defined]
        return
    name, finish, baseline = found[0]
    assert row.next_milestone == name  # type: ignore[attr-defined]
    assert row.next_milestone_date == _as_datetime(finish).date()  # type: ignore[attr-defined]
    if baseline is None:
        assert row.milestone_slip_days is None  # type: ignore[attr-defined]
        return
    # Working days between two 17:00 milestones: weekdays, minus the demo's French holidays.
    import holidays

    start, end = _as_datetime(baseline).date(), _as_datetime(finish).date()
    low, high = min(start, end), max(start, end)
    french = holidays.France(years=range(low.year, high.year + 1))
    days = int(np.busday_count(low + timedelta(days=1), high + timedelta(days=1),
                               holidays=list(french)))  # fmt: skip
    assert row.milestone_slip_days == (days if end >= start else -days)  # type: ignore[attr-defined]


def _check_earned_value(database: Database, project_id: int, row: object) -> None:
    """CPI = EV / AC with EV = % complete × baseline cost, over the work tasks."""
    ((ev, ac, bac),) = _rows(
        database,
        """SELECT SUM(t.percent_complete * bt.cost / 100.0), SUM(t.actual_cost), SUM(bt.cost)
           FROM tasks t
           LEFT JOIN baselines b ON b.project_id = t.project_id AND b.number = 0
           LEFT JOIN baseline_tasks bt ON bt.baseline_id = b.id AND bt.task_id = t.id
           WHERE t.project_id = :id AND NOT t.is_summary""",
        id=project_id,
    )
    cpi = row.cpi  # type: ignore[attr-defined]
    if not bac:
        assert cpi is None and row.spi is None  # type: ignore[attr-defined]
    elif ac:
        assert float(cpi) == pytest.approx(float(ev) / float(ac), abs=1e-3)


def test_trend_counts_reports_and_milestones(demo: tuple[Database, int]) -> None:
    database, portfolio_id = demo
    trend = portfolio_dashboard(database, portfolio_id, AS_OF).trend
    assert [point.month for point in trend] == trend_months(AS_OF)
    assert trend[-1].month == date(2026, 3, 1) and trend[0].month == date(2025, 4, 1)
    for point in trend:
        following = (point.month + timedelta(days=32)).replace(day=1)
        counts = Counter(
            rag
            for (rag,) in _rows(
                database,
                """SELECT r.rag_overall FROM status_reports r JOIN projects p
                   ON p.id = r.project_id WHERE p.portfolio_id = :pid
                   AND r.period_end >= :first AND r.period_end < :following""",
                pid=portfolio_id,
                first=point.month,
                following=following,
            )
        )
        assert (point.red, point.amber, point.green) == (counts["R"], counts["A"], counts["G"])
        ((completed,),) = _rows(
            database,
            """SELECT COUNT(*) FROM tasks t JOIN projects p ON p.id = t.project_id
               WHERE p.portfolio_id = :pid AND t.is_milestone
               AND t.actual_finish >= :first AND t.actual_finish < :following""",
            pid=portfolio_id,
            first=datetime.combine(point.month, datetime.min.time()),
            following=datetime.combine(following, datetime.min.time()),
        )
        assert point.milestones_completed == completed
    assert sum(point.milestones_completed for point in trend) > 0
    assert sum(point.green + point.amber + point.red for point in trend) > 0


def test_thresholds_rate_figures_and_refuse_nonsense() -> None:
    thresholds = RagThresholds()
    assert thresholds.spi_rag(Decimal("0.96")) is Rag.GREEN
    assert thresholds.spi_rag(0.9) is Rag.AMBER
    assert thresholds.cpi_rag(0.8) is Rag.RED
    assert thresholds.spi_rag(None) is None
    assert thresholds.overrun_rag(Decimal(100), Decimal(105)) is Rag.GREEN
    assert thresholds.overrun_rag(Decimal(100), Decimal(108)) is Rag.AMBER
    assert thresholds.overrun_rag(Decimal(100), Decimal(111)) is Rag.RED
    assert thresholds.overrun_rag(Decimal(0), Decimal(5)) is None
    assert thresholds.slip_rag(5) is Rag.GREEN
    assert thresholds.slip_rag(6) is Rag.AMBER
    assert thresholds.slip_rag(16) is Rag.RED
    with pytest.raises(ValidationError, match="inverted"):
        RagThresholds(spi_amber=0.8, spi_red=0.9).validate()
    with pytest.raises(ValidationError, match="high-risk"):
        RagThresholds(high_risk_score=30).validate()


def test_high_risk_threshold_is_data(demo: tuple[Database, int]) -> None:
    database, portfolio_id = demo
    strict = dashboard_overview(database, portfolio_id, AS_OF, RagThresholds(high_risk_score=25))
    ((count,),) = _rows(
        database,
        "SELECT COUNT(*) FROM risks WHERE portfolio_id = :pid AND status = 'open' AND score >= 25",
        pid=portfolio_id,
    )
    assert strict.tiles.high_risks == count


def test_unknown_portfolio(database: Database) -> None:
    with pytest.raises(NotFoundError):
        dashboard_overview(database, 999, AS_OF)
