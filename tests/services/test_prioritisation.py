"""Prioritisation on a hand-made portfolio, on SQLite and PostgreSQL: weighted scores and
the ranking equal a computation by hand, demand hours, caps, moves, and the undoable edits of
the scoring model, the scores and the priorities."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import (
    Assignment,
    CriterionKind,
    Portfolio,
    Project,
    ProjectObjectiveScore,
    ProjectStatus,
    Resource,
    ResourceKind,
    StrategicObjective,
    Task,
)
from pmo_desktop.services.database import Database
from pmo_desktop.services.prioritisation import PrioritisationData, load_prioritisation, rank
from pmo_desktop.services.prioritisation_edits import (
    add_criterion,
    apply_priorities,
    edit_criterion,
    remove_criterion,
    set_score,
    set_scores,
)
from pmo_desktop.services.prioritisation_whatif import Caps, FitRule, Reason, compare, move, walk

AS_OF = date(2026, 3, 4)
#: code, kind, weight, higher is better
CRITERIA = [
    ("OBJ-1", CriterionKind.OBJECTIVE, 2.0, True),
    ("VAL", CriterionKind.VALUE, 1.0, True),
    ("RSK", CriterionKind.RISK, 1.0, False),
]
#: code, status, budget, priority, scores (OBJ-1, VAL, RSK; None = gap)
PROJECTS = [
    ("A", ProjectStatus.ACTIVE, "400000", 500, (5, 3, 1)),
    ("B", ProjectStatus.PROPOSED, "300000", 500, (4, 4, 2)),
    ("C", ProjectStatus.PROPOSED, "200000", 700, (3, None, 0)),
    ("D", ProjectStatus.ON_HOLD, "100000", 500, (1, 2, 5)),
    ("X", ProjectStatus.CLOSED, "900000", 900, (5, 5, 0)),
]
#: project, role, start, finish, hours (an assignment)
ASSIGNMENTS = [
    ("A", "Developer", datetime(2026, 3, 2, 8), datetime(2026, 3, 13, 17), 300),
    ("B", "Developer", datetime(2026, 4, 1, 8), datetime(2026, 4, 30, 17), 200),
    ("B", "Analyst", datetime(2026, 4, 1, 8), datetime(2026, 4, 30, 17), 100),
    ("C", "Analyst", datetime(2026, 5, 1, 8), datetime(2026, 5, 29, 17), 50),
    ("D", "Developer", datetime(2026, 6, 1, 8), datetime(2026, 6, 30, 17), 400),
    # Half its elapsed time falls after the 12-month horizon (ends 1 March 2027).
    ("D", "Analyst", datetime(2027, 2, 1), datetime(2027, 3, 29), 80),
]


def _build(database: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    with database.write_session() as session:
        portfolio = Portfolio(name="Strategy", as_of_date=AS_OF, currency="EUR")
        session.add(portfolio)
        session.flush()
        ids["portfolio"] = portfolio.id
        for code, kind, weight, higher in CRITERIA:
            criterion = StrategicObjective(
                portfolio_id=portfolio.id, code=code, name=f"Criterion {code}", weight=weight,
                kind=kind, higher_is_better=higher,
            )  # fmt: skip
            session.add(criterion)
            session.flush()
            ids[code] = criterion.id
        people = {}
        for role in ("Developer", "Analyst"):
            person = Resource(portfolio_id=portfolio.id, code=role[:3].upper(), name=role,
                              kind=ResourceKind.PERSON, role=role, max_units=1.0)  # fmt: skip
            session.add(person)
            session.flush()
            people[role] = person.id
        for code, status, budget, priority, scores in PROJECTS:
            project = Project(portfolio_id=portfolio.id, code=code, name=f"Project {code}",
                              status=status, budget=Decimal(budget), priority=priority)  # fmt: skip
            session.add(project)
            session.flush()
            ids[code] = project.id
            for (criterion, *_), score in zip(CRITERIA, scores, strict=True):
                if score is not None:
                    session.add(
                        ProjectObjectiveScore(
                            project_id=project.id, objective_id=ids[criterion], score=score
                        )
                    )
        for number, (code, role, start, finish, hours) in enumerate(ASSIGNMENTS):
            task = Task(project_id=ids[code], name=f"T{number}", start=start, finish=finish)
            session.add(task)
            session.flush()
            session.add(Assignment(task_id=task.id, resource_id=people[role], start=start,
                                   finish=finish, work_minutes=hours * 60))  # fmt: skip
    return ids


def _data(database: Database, ids: dict[str, int]) -> PrioritisationData:
    return load_prioritisation(database, ids["portfolio"], AS_OF)


def _by_hand(scores: tuple[int | None, ...]) -> float:
    """Σ weight × points / (5 × Σ weight) × 100; risk counts 5 − s; a gap earns nothing."""
    obj, val, rsk = scores
    points = 2 * (obj or 0) + 1 * (val or 0) + 1 * (5 - rsk if rsk is not None else 0)
    return 100 * points / (5 * 4)


def test_scores_and_ranking_equal_a_computation_by_hand(database: Database) -> None:
    ids = _build(database)
    data = _data(database, ids)
    assert [criterion.code for criterion in data.criteria] == ["OBJ-1", "VAL", "RSK"]
    # Closed projects are not ranked.
    assert sorted(c.code for c in data.candidates) == ["A", "B", "C", "D"]
    ranked = rank(data.criteria, data.candidates)
    expected = {code: _by_hand(scores) for code, *_, scores in PROJECTS[:4]}
    assert expected == {"A": 85.0, "B": 75.0, "C": 55.0, "D": 20.0}
    assert {p.candidate.code: p.score for p in ranked} == pytest.approx(expected)
    assert [p.candidate.code for p in ranked] == ["A", "B", "C", "D"]
    gaps = {p.candidate.code: p.gaps for p in ranked}
    assert gaps == {"A": (), "B": (), "C": (ids["VAL"],), "D": ()}


def test_demand_hours_by_role_inside_the_horizon(database: Database) -> None:
    ids = _build(database)
    data = _data(database, ids)
    assert data.horizon == (date(2026, 3, 1), date(2027, 3, 1))
    demand = {c.code: c.demand_by_role for c in data.candidates}
    assert demand["A"] == pytest.approx({"Developer": 300})
    assert demand["B"] == pytest.approx({"Developer": 200, "Analyst": 100})
    assert demand["C"] == pytest.approx({"Analyst": 50})
    # 28 of the 56 elapsed days of the last assignment fall inside the horizon.
    assert demand["D"] == pytest.approx({"Developer": 400, "Analyst": 40})
    assert data.roles == ["Analyst", "Developer"]
    assert set(data.capacity_by_role) == {"Analyst", "Developer"}
    assert data.capacity_by_role["Developer"] > 1000  # 12 months of one person


def test_caps_greedy_and_strict_and_a_move(database: Database) -> None:
    ids = _build(database)
    data = _data(database, ids)
    ranked = rank(data.criteria, data.candidates)
    # Budgets A 400k, B 300k, C 200k, D 100k; a 650k cap funds A, then B does not fit.
    greedy = walk(ranked, Caps(budget=650_000), FitRule.GREEDY)
    assert [row.fits for row in greedy.rows] == [True, False, True, False]
    assert greedy.cut_off == 1
    assert greedy.budget_used == 600_000
    assert [row.reason for row in greedy.rows][1] is Reason.BUDGET
    strict = walk(ranked, Caps(budget=650_000), FitRule.STRICT)
    assert [row.fits for row in strict.rows] == [True, False, False, False]
    assert strict.rows[2].reason is Reason.STOPPED
    # Capacity of the developers only: A 300 h, B 200 h, D 400 h.
    developers = walk(ranked, Caps(hours=550, role="Developer"), FitRule.GREEDY)
    assert developers.funded == {ids["A"], ids["B"], ids["C"]}
    assert developers.hours_used == pytest.approx(500)
    assert developers.rows[3].reason is Reason.CAPACITY
    # Move B to the top: A no longer fits after it, D now does.
    order = move(greedy.order, ids["B"], -1)
    moved = walk(ranked, Caps(budget=650_000), FitRule.GREEDY, order)
    assert moved.order == [ids["B"], ids["A"], ids["C"], ids["D"]]
    assert [row.moved for row in moved.rows] == [1, -1, 0, 0]
    assert moved.funded == {ids["B"], ids["C"], ids["D"]}
    change = compare(greedy, moved)
    assert sorted(p.candidate.code for p in change.entering) == ["B", "D"]
    assert [p.candidate.code for p in change.leaving] == ["A"]
    assert change.budget_delta == 0
    assert change.hours_delta == pytest.approx(300 + 50 + 440 - 300 - 50)


def test_editing_the_model_is_undoable(database: Database) -> None:
    ids = _build(database)
    data = _data(database, ids)
    command = add_criterion(
        database, ids["portfolio"], "URG", "Urgency", kind=CriterionKind.URGENCY
    )
    command.apply(database)
    data = _data(database, ids)
    urgency = next(c for c in data.criteria if c.code == "URG")
    assert urgency.higher_is_better and urgency.weight == 1.0
    with pytest.raises(ValidationError):
        add_criterion(database, ids["portfolio"], "urg", "Twice")
    with pytest.raises(ValidationError):
        edit_criterion(database, ids["portfolio"], urgency, {"weight": -1})
    risk = next(c for c in data.criteria if c.code == "RSK")
    assert not add_criterion(database, ids["portfolio"], "CST", "Cost",
                             kind=CriterionKind.COST).values["higher_is_better"]  # fmt: skip
    # Weight of the risk to 0: A (5, 3, 1) scores 2×5 + 3 out of 3 × 5 × 5 points.
    edit = edit_criterion(database, ids["portfolio"], risk, {"weight": 0})
    edit.apply(database)
    data = _data(database, ids)
    scores = {p.candidate.code: p.score for p in rank(data.criteria, data.candidates)}
    assert scores["A"] == pytest.approx(100 * 13 / 20)
    edit.revert(database)
    # Removing a criterion removes its scores; undo brings them back.
    removal = remove_criterion(next(c for c in _data(database, ids).criteria if c.code == "RSK"))
    removal.apply(database)
    with database.session() as session:
        assert session.scalars(select(ProjectObjectiveScore).where(
            ProjectObjectiveScore.objective_id == ids["RSK"])).all() == []  # fmt: skip
    removal.revert(database)
    data = _data(database, ids)
    # A's 17 points again, out of 25 now (the urgency criterion, unscored, is a gap).
    scores = {p.candidate.code: p.score for p in rank(data.criteria, data.candidates)}
    assert scores["A"] == pytest.approx(100 * 17 / 25)
    command.revert(database)
    assert [c.code for c in _data(database, ids).criteria] == ["OBJ-1", "VAL", "RSK"]


def test_scores_are_set_cleared_and_undone(database: Database) -> None:
    ids = _build(database)
    data = _data(database, ids)
    by_code = {c.code: c for c in data.criteria}
    c = data.candidate(ids["C"])
    assert c is not None
    assert set_score(c, by_code["OBJ-1"], 3) is None  # unchanged
    with pytest.raises(ValidationError):
        set_score(c, by_code["OBJ-1"], 6)
    command = set_scores(c, {by_code["VAL"].id: 5, by_code["OBJ-1"].id: None}, data.criteria)
    assert command is not None
    command.apply(database)
    c2 = _data(database, ids).candidate(ids["C"])
    assert c2 is not None
    assert {key: cell.score for key, cell in c2.scores.items()} == {
        by_code["VAL"].id: 5, by_code["RSK"].id: 0,
    }  # fmt: skip
    command.revert(database)
    c3 = _data(database, ids).candidate(ids["C"])
    assert c3 is not None
    assert {key: cell.score for key, cell in c3.scores.items()} == {
        by_code["OBJ-1"].id: 3, by_code["RSK"].id: 0,
    }  # fmt: skip


def test_applying_a_ranking_writes_priorities_undoably(database: Database) -> None:
    ids = _build(database)
    data = _data(database, ids)
    ranked = rank(data.criteria, data.candidates)
    order = move([p.id for p in ranked], ids["D"], -10)
    command = apply_priorities(data.candidates, order)
    assert command is not None
    command.apply(database)

    def priorities() -> dict[str, int]:
        with database.session() as session:
            return {
                code: priority
                for code, priority in session.execute(select(Project.code, Project.priority))
            }

    assert priorities() == {"D": 1000, "A": 750, "B": 500, "C": 250, "X": 900}
    # Re-applying the same order changes nothing.
    assert apply_priorities(_data(database, ids).candidates, order) is None
    command.revert(database)
    assert priorities() == {"A": 500, "B": 500, "C": 700, "D": 500, "X": 900}
