"""The risk register's rows, filters, heat maps and edits, checked against SQL of their own."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select, text

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import Portfolio, Programme, Risk, RiskResponse, RiskStatus
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.risk_register import (
    ACTIVE_STATUSES,
    RiskFilter,
    RiskRow,
    add_action,
    delete_risk,
    edit_risk,
    filter_rows,
    heat_counts,
    load_register,
    new_risk,
    next_code,
    owners,
    set_action_status,
    with_texts,
)

AS_OF = date(2026, 3, 31)


def _demo(database: Database) -> int:
    create_demo(database.write_engine, as_of=AS_OF)
    with database.session() as session:
        return session.scalars(select(Portfolio.id)).one()


def _sql(database: Database, query: str, **params: object) -> list[tuple]:
    with database.session() as session:
        return [tuple(row) for row in session.execute(text(query), params)]


def _worst_impact(database: Database) -> str:
    """The worst of the four impacts in the dialect's own words."""
    greatest = "GREATEST" if database.engine.dialect.name == "postgresql" else "MAX"
    return f"{greatest}(impact_schedule, impact_cost, impact_scope, impact_quality)"


def test_rows_match_the_database_on_both_backends(database: Database) -> None:
    portfolio_id = _demo(database)
    register = load_register(database, portfolio_id, AS_OF)
    expected = _sql(
        database,
        "SELECT r.code, COALESCE(p.code, ''), r.owner, r.score, r.status, r.review_date "
        "FROM risks r LEFT JOIN projects p ON p.id = r.project_id ORDER BY r.code",
    )
    assert len(register.rows) == len(expected) > 50
    assert [(row.code, row.project_code, row.owner, row.score) for row in register.rows] == [
        line[:4] for line in expected
    ]
    overdue = {
        code
        for code, _project, _owner, _score, status, review in expected
        if status in ("open", "occurred") and review is not None and _as_date(review) < AS_OF
    }
    assert overdue, "the demo should have overdue reviews at its as-of date"
    assert {row.code for row in register.rows if row.overdue_review} == overdue
    assert any(row.project_id is None and row.project_code == "" for row in register.rows)
    for row in register.rows:
        assert row.score == row.probability * row.impact


def test_heat_counts_equal_sql_counts_on_both_backends(database: Database) -> None:
    portfolio_id = _demo(database)
    rows = load_register(database, portfolio_id, AS_OF).rows
    kept = [rows[i] for i in filter_rows(rows, RiskFilter(statuses=frozenset({RiskStatus.OPEN})))]
    inherent = _sql(
        database,
        f"SELECT probability, {_worst_impact(database)} AS impact, COUNT(*) FROM risks "
        "WHERE status = 'open' GROUP BY probability, impact",
    )
    residual = _sql(
        database,
        "SELECT rp, ri, COUNT(*) FROM (SELECT "
        "CASE WHEN residual_probability IS NULL OR residual_impact IS NULL THEN probability "
        "ELSE residual_probability END AS rp, "
        "CASE WHEN residual_probability IS NULL OR residual_impact IS NULL "
        f"THEN {_worst_impact(database)} ELSE residual_impact END AS ri "
        "FROM risks WHERE status = 'open') cells GROUP BY rp, ri",
    )
    for counts, expected in ((heat_counts(kept), inherent), (heat_counts(kept, True), residual)):
        grid = {(p, i): n for p, i, n in expected}
        assert {
            (p, i): counts[p - 1][i - 1]
            for p in range(1, 6)
            for i in range(1, 6)
            if counts[p - 1][i - 1]
        } == grid
        assert sum(map(sum, counts)) == len(kept)


def test_filters_keep_what_sql_selects(tmp_path) -> None:
    from pmo_desktop.services.database import open_database

    database = open_database(tmp_path / "demo.sqlite")
    try:
        portfolio_id = _demo(database)
        rows = load_register(database, portfolio_id, AS_OF).rows

        def codes(risk_filter: RiskFilter) -> list[str]:
            return [rows[i].code for i in filter_rows(rows, risk_filter)]

        def sql_codes(where: str, **params: object) -> list[str]:
            return [
                code
                for (code,) in _sql(
                    database,
                    "SELECT r.code FROM risks r LEFT JOIN projects p ON p.id = r.project_id "
                    f"WHERE {where} ORDER BY r.code",
                    **params,
                )
            ]

        owner = Counter(row.owner for row in rows if row.owner).most_common(1)[0][0]
        assert owner in owners(rows)
        assert codes(RiskFilter(owner=owner)) == sql_codes("r.owner = :o", o=owner)
        category = rows[0].category
        assert codes(RiskFilter(category=category)) == sql_codes("r.category = :c", c=category)
        assert codes(RiskFilter(min_score=12)) == sql_codes("r.score >= 12")
        active = frozenset(ACTIVE_STATUSES)
        assert codes(RiskFilter(statuses=active, min_score=10)) == sql_codes(
            "r.status IN ('open', 'occurred') AND r.score >= 10"
        )
        before = AS_OF + timedelta(days=90)
        assert codes(RiskFilter(proximity_before=before)) == sql_codes(
            "r.proximity IS NOT NULL AND r.proximity <= :d", d=before
        )
        assert codes(RiskFilter(overdue_only=True)) == sql_codes(
            "r.status IN ('open', 'occurred') AND r.review_date < :d", d=AS_OF
        )
        project_id = next(row.project_id for row in rows if row.project_id is not None)
        assert codes(RiskFilter(project_id=project_id)) == sql_codes(
            "r.project_id = :p", p=project_id
        )
        word = next(
            word
            for row in rows[5:]
            for word in row.title.split()
            if word.isascii() and word.isalpha() and len(word) > 4
        )
        assert codes(RiskFilter(text=f"  {word.upper()} ")) == sql_codes(
            "LOWER(r.code || ' ' || r.title || ' ' || COALESCE(p.code, '') || ' ' || "
            "COALESCE(p.name, '') || ' ' || r.owner || ' ' || r.category) LIKE :w",
            w=f"%{word.lower()}%",
        )
        probability, impact = rows[0].probability, rows[0].impact
        in_cell = codes(RiskFilter(cell=(False, probability, impact)))
        assert in_cell == sql_codes(
            f"r.probability = :p AND {_worst_impact(database).replace('impact_', 'r.impact_')}"
            " = :i",
            p=probability,
            i=impact,
        )
        assert len(in_cell) == heat_counts(rows)[probability - 1][impact - 1]

        programme_id, programme_name = _sql(
            database, "SELECT id, name FROM programmes ORDER BY code"
        )[0]
        in_programme = load_register(database, portfolio_id, AS_OF, programme_id=programme_id)
        assert [row.code for row in in_programme.rows] == sql_codes(
            "p.programme_id = :g", g=programme_id
        )
        assert in_programme.scope_name == programme_name
        assert in_programme.rows and all(
            row.programme_id == programme_id for row in in_programme.rows
        )
        one_project = load_register(database, portfolio_id, AS_OF, project_id=project_id)
        assert [row.code for row in one_project.rows] == sql_codes(
            "r.project_id = :p", p=project_id
        )
        with pytest.raises(NotFoundError):
            load_register(database, portfolio_id + 99, AS_OF)
        with database.session() as session:
            missing = (session.scalar(select(Programme.id).order_by(Programme.id.desc())) or 0) + 1
        with pytest.raises(NotFoundError):
            load_register(database, portfolio_id, AS_OF, programme_id=missing)
    finally:
        database.close()


def _risk(database: Database, risk_id: int) -> Risk:
    with database.session() as session:
        risk = session.get(Risk, risk_id)
        assert risk is not None
        return risk


def _row(database: Database, portfolio_id: int, code: str) -> RiskRow:
    rows = load_register(database, portfolio_id, AS_OF).rows
    return next(row for row in rows if row.code == code)


def test_an_edit_keeps_the_score_rule_and_undoes_on_both_backends(database: Database) -> None:
    portfolio_id = _demo(database)
    listed = next(r for r in load_register(database, portfolio_id, AS_OF).rows if r.probability < 5)
    with pytest.raises(ValidationError):
        edit_risk(listed, cause="Unread texts cannot be undone")
    row = with_texts(database, listed)
    ((cause, plan),) = _sql(
        database, "SELECT cause, response_plan FROM risks WHERE id = :i", i=row.id
    )
    assert (row.cause, row.response_plan, row.texts_loaded) == (cause, plan, True)
    assert cause
    command = edit_risk(
        row,
        cause="A new cause",
        today=AS_OF,
        probability=row.probability + 1,
        impact_cost=5,
        residual_probability=2,
        residual_impact=1,
        title=f"  {row.title} (revised)  ",
        response=RiskResponse.TRANSFER.value,
        status=RiskStatus.CLOSED,
    )
    command.apply(database)
    saved = _risk(database, row.id)
    assert saved.probability == row.probability + 1
    assert saved.score == (row.probability + 1) * 5
    assert (saved.residual_score, saved.title) == (2, f"{row.title} (revised)")
    assert saved.cause == "A new cause"
    assert (saved.response, saved.status, saved.closed_on) == (
        RiskResponse.TRANSFER,
        RiskStatus.CLOSED,
        AS_OF,
    )
    command.revert(database)
    restored = _risk(database, row.id)
    assert restored.cause == cause
    assert (restored.probability, restored.impact_cost, restored.score, restored.title) == (
        row.probability,
        row.impact_cost,
        row.score,
        row.title,
    )
    assert (restored.status, restored.closed_on, restored.residual_score) == (
        row.status,
        row.closed_on,
        row.residual_score,
    )


def test_edits_refuse_bad_values_and_drop_unchanged_fields(tmp_path) -> None:
    from pmo_desktop.services.database import open_database

    database = open_database(tmp_path / "demo.sqlite")
    try:
        portfolio_id = _demo(database)
        row = load_register(database, portfolio_id, AS_OF).rows[0]
        for changes in (
            {"probability": 6},
            {"impact_scope": 0},
            {"probability": "high"},
            {"title": "   "},
            {"residual_probability": None},
            {"response": "ignore"},
            {"score": 3},
            {"review_date": "tomorrow"},
        ):
            with pytest.raises(ValidationError):
                edit_risk(row, **changes)
        command = edit_risk(row, owner=row.owner, category=f"{row.category} ")
        assert command.after == {}
        cleared = edit_risk(row, residual_probability=None, residual_impact=None)
        assert cleared.after == {
            "residual_probability": None,
            "residual_impact": None,
            "residual_score": None,
        }
        cleared.apply(database)
        assert _risk(database, row.id).residual_score is None
        reopened_row = _row(database, portfolio_id, row.code)
        close = edit_risk(reopened_row, status="closed", today=AS_OF)
        close.apply(database)
        closed_row = _row(database, portfolio_id, row.code)
        assert closed_row.closed_on == AS_OF and not closed_row.overdue_review
        reopen = edit_risk(closed_row, status=RiskStatus.OPEN)
        assert reopen.after == {"status": RiskStatus.OPEN, "closed_on": None}
    finally:
        database.close()


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def test_actions_are_read_added_and_closed(tmp_path) -> None:
    from pmo_desktop.services.database import open_database

    database = open_database(tmp_path / "demo.sqlite")
    try:
        portfolio_id = _demo(database)
        listed = load_register(database, portfolio_id, AS_OF).rows[2]
        assert listed.actions == () and not listed.texts_loaded
        row = with_texts(database, listed)
        expected = _sql(
            database,
            "SELECT description, owner, due_date, status FROM risk_actions WHERE risk_id = :i",
            i=row.id,
        )
        assert sorted(
            (a.description, a.owner, str(a.due_date) if a.due_date else None, str(a.status))
            for a in row.actions
        ) == sorted((d, o, str(_as_date(due)) if due else None, s) for d, o, due, s in expected)
        with pytest.raises(ValidationError):
            add_action(row, "   ")
        command = add_action(row, " Negotiate a fixed price ", " Ravi Kumar ", AS_OF)
        command.apply(database)
        row = with_texts(database, listed)
        added = next(a for a in row.actions if a.description == "Negotiate a fixed price")
        assert (added.owner, added.due_date, added.status) == ("Ravi Kumar", AS_OF, "open")
        done = set_action_status(added, "done")
        done.apply(database)
        assert _sql(database, "SELECT status FROM risk_actions WHERE id = :i", i=added.id) == [
            ("done",)
        ]
        with pytest.raises(ValidationError):
            set_action_status(added, "forgotten")
        done.revert(database)
        command.revert(database)
        assert len(with_texts(database, listed).actions) == len(expected)
        with pytest.raises(NotFoundError):
            with_texts(database, replace(listed, id=10**6))
    finally:
        database.close()


def test_new_risks_take_the_next_code_and_deleting_keeps_actions_for_undo(tmp_path) -> None:
    from pmo_desktop.services.database import open_database

    database = open_database(tmp_path / "demo.sqlite")
    try:
        portfolio_id = _demo(database)
        codes = [code for (code,) in _sql(database, "SELECT code FROM risks")]
        prefix = Counter(code.rstrip("0123456789") for code in codes).most_common(1)[0][0]
        suffixes = [code[len(prefix) :] for code in codes if code.startswith(prefix)]
        width = max(map(len, suffixes))
        expected = f"{prefix}{max(map(int, suffixes)) + 1:0{width}d}"
        assert next_code(database, portfolio_id) == expected
        with pytest.raises(ValidationError):
            new_risk(database, portfolio_id, "  ")
        command = new_risk(database, portfolio_id, " Key supplier exits the market ", owner="Ana")
        command.apply(database)
        created = _row(database, portfolio_id, expected)
        assert (created.title, created.owner, created.score, created.status) == (
            "Key supplier exits the market",
            "Ana",
            3,
            RiskStatus.OPEN,
        )
        assert next_code(database, portfolio_id) != expected
        row = next(
            r for r in load_register(database, portfolio_id, AS_OF).rows if r.code != expected
        )
        actions = _sql(database, "SELECT COUNT(*) FROM risk_actions WHERE risk_id = :i", i=row.id)
        assert actions[0][0] > 0
        delete = delete_risk(row)
        delete.apply(database)
        assert _sql(database, "SELECT COUNT(*) FROM risks WHERE id = :i", i=row.id) == [(0,)]
        delete.revert(database)
        assert (
            _sql(database, "SELECT COUNT(*) FROM risk_actions WHERE risk_id = :i", i=row.id)
            == actions
        )
    finally:
        database.close()
