"""Risk history (one assessment per day, recorded with every rating change, undone with it),
trends against the previous status period, escalation and links to tasks, on both backends."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, select

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import (
    Portfolio,
    Project,
    Risk,
    RiskAssessment,
    RiskLevel,
    RiskStatus,
    RiskTaskLink,
    Task,
)
from pmo_desktop.services.board_pack import assemble_board_pack
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.risk_register import (
    RiskRow,
    delete_risk,
    edit_risk,
    load_register,
    new_risk,
)
from pmo_desktop.services.risks import (
    Trend,
    assessed,
    de_escalate,
    escalate,
    history,
    link_task,
    linked_tasks,
    period_start,
    previous_scores,
    trend_of,
    unlink_task,
)

AS_OF = date(2026, 3, 31)


def _demo(database: Database) -> int:
    create_demo(database.write_engine, as_of=AS_OF)
    with database.session() as session:
        return session.scalars(select(Portfolio.id)).one()


def _assessments(database: Database, risk_id: int) -> list[tuple]:
    with database.session() as session:
        return [
            (*row[:5], str(row[5]), row[6])
            for row in session.execute(
                select(
                    RiskAssessment.assessed_on, RiskAssessment.probability, RiskAssessment.impact,
                    RiskAssessment.score, RiskAssessment.residual_score, RiskAssessment.status,
                    RiskAssessment.assessed_by,
                )
                .where(RiskAssessment.risk_id == risk_id)
                .order_by(RiskAssessment.assessed_on)
            )
        ]  # fmt: skip


def _clear_history(database: Database, risk_id: int) -> None:
    with database.write_session() as session:
        session.execute(delete(RiskAssessment).where(RiskAssessment.risk_id == risk_id))


def _add(database: Database, risk_id: int, day: date, score: int) -> None:
    """An assessment with this score (a rating that gives it, or near enough)."""
    probability = next((p for p in range(1, 6) if score % p == 0 and score // p <= 5), 5)
    impact = min(5, max(1, score // probability))
    with database.write_session() as session:
        session.add(
            RiskAssessment(
                risk_id=risk_id, assessed_on=day, probability=probability, impact=impact,
                score=score, status=RiskStatus.OPEN, assessed_by="test",
            )
        )  # fmt: skip


def _row(database: Database, portfolio_id: int, risk_id: int) -> RiskRow:
    rows = load_register(database, portfolio_id, AS_OF).rows
    return next(row for row in rows if row.id == risk_id)


def _open_project_risk(database: Database, portfolio_id: int) -> RiskRow:
    rows = load_register(database, portfolio_id, AS_OF).rows
    return next(
        row
        for row in rows
        if row.project_id is not None
        and row.status is RiskStatus.OPEN
        and row.level is RiskLevel.PROJECT
        and row.probability < 5
    )


def test_rating_edits_record_todays_assessment_and_undo_restores_it(database: Database) -> None:
    portfolio_id = _demo(database)
    row = _open_project_risk(database, portfolio_id)
    _clear_history(database, row.id)
    _add(database, row.id, date(2026, 2, 27), row.score)
    before = _assessments(database, row.id)

    first = assessed(edit_risk(row, probability=row.probability + 1), AS_OF, "Alice")
    first.apply(database)
    worst = row.impact
    expected = (AS_OF, row.probability + 1, worst, (row.probability + 1) * worst)
    after_first = _assessments(database, row.id)
    assert [line[:4] for line in after_first[1:]] == [expected]
    assert after_first[-1][5:] == (RiskStatus.OPEN.value, "Alice")
    assert after_first[:1] == before

    # A second change the same day replaces today's assessment (one row per risk and day).
    second = assessed(
        edit_risk(_row(database, portfolio_id, row.id), status=RiskStatus.CLOSED, today=AS_OF),
        AS_OF,
        "Bob",
    )
    second.apply(database)
    lines = _assessments(database, row.id)
    assert len(lines) == 2 and lines[-1][5:] == (RiskStatus.CLOSED.value, "Bob")
    assert [line.assessed_on for line in history(database, row.id)] == [AS_OF, date(2026, 2, 27)]

    second.revert(database)
    assert _assessments(database, row.id) == after_first
    first.revert(database)
    assert _assessments(database, row.id) == before
    first.apply(database)  # redo
    assert _assessments(database, row.id) == after_first

    # A change that touches no rating records nothing.
    untouched = assessed(edit_risk(_row(database, portfolio_id, row.id), owner="Zoé"), AS_OF)
    untouched.apply(database)
    assert _assessments(database, row.id) == after_first


def test_new_risk_is_assessed_and_delete_undo_brings_history_and_links_back(tmp_path) -> None:
    database = open_database(tmp_path / "demo.sqlite")
    portfolio_id = _demo(database)
    with database.session() as session:
        project_id, task_id = session.execute(
            select(Task.project_id, Task.id).order_by(Task.id).limit(1)
        ).one()
    create = new_risk(database, portfolio_id, "Supplier strike", project_id=project_id)
    command = assessed(create, AS_OF, "Alice")
    command.apply(database)
    risk_id = create.entity_id
    assert risk_id is not None
    assert _assessments(database, risk_id) == [(AS_OF, 3, 1, 3, None, "open", "Alice")]
    assert _row(database, portfolio_id, risk_id).trend is Trend.NEW
    command.revert(database)
    assert _assessments(database, risk_id) == []
    command.apply(database)
    assert len(_assessments(database, risk_id)) == 1

    link = link_task(database, risk_id, task_id)
    link.apply(database)
    deletion = delete_risk(_row(database, portfolio_id, risk_id))
    deletion.apply(database)
    with database.session() as session:
        assert session.get(Risk, risk_id) is None
    deletion.revert(database)
    assert len(_assessments(database, risk_id)) == 1
    assert [linked.task_id for linked in linked_tasks(database, risk_id)] == [task_id]
    database.close()


def test_trend_compares_with_the_last_assessment_before_the_period(database: Database) -> None:
    portfolio_id = _demo(database)
    rows = [
        row
        for row in load_register(database, portfolio_id, AS_OF).rows
        if 4 <= row.score <= 20 and row.project_id is not None
    ][:4]
    rising, falling, steady, fresh = rows
    for row in rows:
        _clear_history(database, row.id)
    # Rising: 2 points lower at the end of February (and a newer assessment in March that
    # does not count); falling: higher in January (the latest before March); steady: same.
    _add(database, rising.id, date(2026, 1, 30), 1)
    _add(database, rising.id, date(2026, 2, 27), rising.score - 2)
    _add(database, rising.id, date(2026, 3, 1), rising.score)
    _add(database, falling.id, date(2026, 1, 30), 25)
    _add(database, steady.id, date(2026, 2, 28), steady.score)
    _add(database, fresh.id, date(2026, 3, 1), fresh.score)  # only this period: new

    assert period_start(AS_OF) == date(2026, 3, 1)
    with database.session() as session:
        previous = previous_scores(session, AS_OF, [row.id for row in rows])
        everyone = previous_scores(session, AS_OF, portfolio_id=portfolio_id)
    assert previous == {rising.id: rising.score - 2, falling.id: 25, steady.id: steady.score}
    assert {key: everyone[key] for key in previous} == previous
    shown = {row.id: row for row in load_register(database, portfolio_id, AS_OF).rows}
    assert [shown[row.id].trend for row in rows] == [
        Trend.WORSE, Trend.BETTER, Trend.SAME, Trend.NEW,
    ]  # fmt: skip
    assert shown[rising.id].previous_score == rising.score - 2
    assert (trend_of(3, None), trend_of(3, 4), trend_of(4, 3)) == (
        Trend.NEW,
        Trend.BETTER,
        Trend.WORSE,
    )


def test_board_pack_shows_a_rising_risk(database: Database) -> None:
    portfolio_id = _demo(database)
    with database.session() as session:
        risk = session.scalars(
            select(Risk)
            .where(Risk.status == RiskStatus.OPEN, Risk.opportunity.is_(False))
            .order_by(Risk.score.desc(), Risk.code)
        ).first()
        assert risk is not None
        risk_id, code, score = risk.id, risk.code, risk.score
    _clear_history(database, risk_id)
    _add(database, risk_id, date(2026, 2, 27), max(1, score - 4))
    pack = assemble_board_pack(database, portfolio_id, AS_OF)
    line = next(line for line in pack.top_risks if line.code == code)
    assert line.trend is Trend.WORSE


def test_escalation_raises_and_hands_back_undoably(database: Database) -> None:
    portfolio_id = _demo(database)
    row = _open_project_risk(database, portfolio_id)
    with database.session() as session:
        programme_id = session.scalar(
            select(Project.programme_id).where(Project.id == row.project_id)
        )
    with pytest.raises(ValidationError):
        escalate(database, row.id, RiskLevel.PROGRAMME, "  ", AS_OF)
    with pytest.raises(ValidationError):
        escalate(database, row.id, RiskLevel.PROJECT, "why", AS_OF)
    up = escalate(database, row.id, RiskLevel.PROGRAMME, "Shared supplier", AS_OF)
    up.apply(database)
    escalated = _row(database, portfolio_id, row.id)
    assert (escalated.level, escalated.escalated_on) == (RiskLevel.PROGRAMME, AS_OF)
    with database.session() as session:
        saved = session.get(Risk, row.id)
        assert saved is not None
        assert (saved.programme_id, saved.escalation_note) == (programme_id, "Shared supplier")
    # Still in its project's register, and in its programme's.
    in_project = load_register(database, portfolio_id, AS_OF, project_id=row.project_id)
    assert row.id in {line.id for line in in_project.rows}
    down = de_escalate(database, row.id)
    down.apply(database)
    assert _row(database, portfolio_id, row.id).level is RiskLevel.PROJECT
    down.revert(database)
    assert _row(database, portfolio_id, row.id).level is RiskLevel.PROGRAMME
    up_again = _row(database, portfolio_id, row.id)
    assert up_again.escalated_on == AS_OF
    # From the programme on to the portfolio; undo goes back step by step.
    further = escalate(database, row.id, RiskLevel.PORTFOLIO, "Board must decide", AS_OF)
    further.apply(database)
    assert _row(database, portfolio_id, row.id).level is RiskLevel.PORTFOLIO
    further.revert(database)
    up.revert(database)
    restored = _row(database, portfolio_id, row.id)
    assert (restored.level, restored.escalated_on) == (RiskLevel.PROJECT, None)
    with pytest.raises(ValidationError):
        de_escalate(database, row.id)


def test_links_to_tasks_of_the_risks_project_only(database: Database) -> None:
    portfolio_id = _demo(database)
    row = _open_project_risk(database, portfolio_id)
    with database.session() as session:
        own = session.scalars(
            select(Task.id).where(Task.project_id == row.project_id).order_by(Task.id).limit(2)
        ).all()
        other = session.scalar(
            select(Task.id).where(Task.project_id != row.project_id).order_by(Task.id).limit(1)
        )
    with database.write_session() as session:
        session.execute(delete(RiskTaskLink).where(RiskTaskLink.risk_id == row.id))
    assert other is not None
    with pytest.raises(ValidationError):
        link_task(database, row.id, other)
    first = link_task(database, row.id, own[0])
    first.apply(database)
    second = link_task(database, row.id, own[1])
    second.apply(database)
    with pytest.raises(ValidationError):
        link_task(database, row.id, own[0])
    links = linked_tasks(database, row.id)
    assert {link.task_id for link in links} == set(own)
    assert all(link.project_id == row.project_id for link in links)
    removal = unlink_task(links[0])
    removal.apply(database)
    assert len(linked_tasks(database, row.id)) == 1
    removal.revert(database)
    assert {link.task_id for link in linked_tasks(database, row.id)} == set(own)
    second.revert(database)
    first.revert(database)
    assert linked_tasks(database, row.id) == ()
