"""Resolving a save conflict field by field (issue 8 §2), on an SQLite file and PostgreSQL.

Two sessions (two "users") edit the same risk through the risk register's service; the
second save conflicts. The resolution writes the chosen mix at the other user's version
(a field only they changed keeps their value), "keep theirs" writes nothing, and undoing
the resolution puts their values back.
"""

from __future__ import annotations

from datetime import date

import pytest

from pmo_desktop.errors import ConflictError
from pmo_desktop.models import Portfolio, Risk
from pmo_desktop.services import crud
from pmo_desktop.services.commands import UpdateFields, update_fields
from pmo_desktop.services.conflicts import (
    MINE,
    THEIRS,
    choices_for,
    conflict_fields,
    last_change,
    model_named,
    resolution,
)
from pmo_desktop.services.database import Database
from pmo_desktop.services.risk_register import RiskRow, edit_risk, load_register

AS_OF = date(2026, 10, 30)


@pytest.fixture
def risk_id(database: Database) -> int:
    portfolio = crud.create(database, Portfolio, name="Group IT", as_of_date=AS_OF)
    risk = crud.create(
        database,
        Risk,
        portfolio_id=portfolio.id,
        code="R-001",
        title="Supplier failure",
        owner="",
        category="",
        probability=2,
        impact_cost=3,
    )
    return risk.id


def _row(database: Database, risk_id: int) -> RiskRow:
    register = load_register(database, crud.get(database, Risk, risk_id).portfolio_id, AS_OF)
    return next(row for row in register.rows if row.id == risk_id)


def _conflict(command: UpdateFields, database: Database) -> ConflictError:
    with pytest.raises(ConflictError) as caught:
        command.apply(database)
    return caught.value


def test_use_my_choices_stores_the_mix_at_their_version(
    database: Database, other: Database, risk_id: int
) -> None:
    database.user_name = "alice"
    mine = edit_risk(_row(database, risk_id), title="My title", owner="Alice", probability=4)
    theirs = edit_risk(_row(other, risk_id), title="Their title", category="Supply chain")
    theirs.apply(other)
    error = _conflict(mine, database)
    assert crud.get(database, Risk, risk_id).title == "Their title"  # nothing overwritten

    fields = {item.name: item for item in conflict_fields(error, mine.before)}
    # One row per field that differs; "category" (only they changed it) is no choice, nor
    # the score the services derive from the ratings.
    assert set(fields) == {"title", "owner", "probability"}
    assert (fields["title"].mine, fields["title"].theirs) == ("My title", "Their title")
    assert all(item.default_choice == MINE for item in fields.values())
    who = last_change(database, error)
    assert who is not None and who.user_name == "bruno" and not who.deleted

    values = choices_for(tuple(fields.values()), {"title": THEIRS})
    command = resolution(error, values, mine.text)
    assert command is not None and command.version == error.their_version
    assert set(command.after) == {"owner", "probability"}  # their title is already stored
    command.apply(database)
    stored = crud.get(database, Risk, risk_id)
    assert (stored.title, stored.owner, stored.category, stored.probability) == (
        "Their title",
        "Alice",
        "Supply chain",
        4,
    )
    assert stored.score == 4 * 3  # derived again from the stored ratings
    assert stored.version == error.their_version + 1

    command.revert(database)  # undo: their values, their category still there
    stored = crud.get(database, Risk, risk_id)
    assert (stored.title, stored.owner, stored.category, stored.probability, stored.score) == (
        "Their title",
        "",
        "Supply chain",
        2,
        6,
    )
    command.apply(database)  # redo
    assert crud.get(database, Risk, risk_id).owner == "Alice"


def test_keep_theirs_writes_nothing(database: Database, other: Database, risk_id: int) -> None:
    mine = edit_risk(_row(database, risk_id), title="My title")
    edit_risk(_row(other, risk_id), title="Their title").apply(other)
    error = _conflict(mine, database)
    before = crud.get(database, Risk, risk_id)
    fields = conflict_fields(error, mine.before)
    assert resolution(error, choices_for(fields, {"title": THEIRS})) is None
    assert resolution(error, {}) is None
    after = crud.get(database, Risk, risk_id)
    assert (after.title, after.version) == (before.title, before.version)


def test_a_field_only_they_changed_defaults_to_theirs(
    database: Database, other: Database, risk_id: int
) -> None:
    # A form that sends every field: "owner" is sent unchanged by me, changed by them.
    mine = update_fields(database, Risk, risk_id, "Edit risk", title="My title", owner="")
    edit_risk(_row(other, risk_id), owner="Bruno").apply(other)
    error = _conflict(mine, database)
    fields = {item.name: item for item in conflict_fields(error, mine.before)}
    assert set(fields) == {"title", "owner"}
    assert fields["owner"].default_choice == THEIRS and not fields["owner"].changed_by_me
    assert fields["title"].default_choice == MINE
    command = resolution(error, choices_for(tuple(fields.values()), {}))
    assert command is not None
    command.apply(database)
    stored = crud.get(database, Risk, risk_id)
    assert (stored.title, stored.owner) == ("My title", "Bruno")  # no lost update


def test_without_what_i_read_every_field_of_mine_counts_as_mine(
    database: Database, other: Database, risk_id: int
) -> None:
    mine = update_fields(database, Risk, risk_id, "Edit risk", owner="Alice")
    edit_risk(_row(other, risk_id), owner="Bruno").apply(other)
    error = _conflict(mine, database)
    (field,) = conflict_fields(error)
    assert (field.name, field.default_choice) == ("owner", MINE)


def test_a_resolution_that_meets_another_change_conflicts_again(
    database: Database, other: Database, risk_id: int
) -> None:
    mine = edit_risk(_row(database, risk_id), title="My title")
    edit_risk(_row(other, risk_id), title="Their title").apply(other)
    error = _conflict(mine, database)
    command = resolution(error, choices_for(conflict_fields(error, mine.before), {}))
    assert command is not None
    edit_risk(_row(other, risk_id), title="Their second title").apply(other)
    again = _conflict(command, database)
    assert again.their_version == error.their_version + 1  # type: ignore[operator]
    assert crud.get(database, Risk, risk_id).title == "Their second title"


def test_a_row_they_deleted_offers_nothing_to_save(
    database: Database, other: Database, risk_id: int
) -> None:
    mine = edit_risk(_row(database, risk_id), title="My title")
    crud.delete(other, Risk, risk_id, crud.get(other, Risk, risk_id).version)
    error = _conflict(mine, database)
    assert error.theirs is None
    assert conflict_fields(error, mine.before) == ()
    assert resolution(error, {"title": "My title"}) is None
    who = last_change(database, error)
    assert who is not None and who.deleted and who.user_name == "bruno"


def test_unknown_names() -> None:
    assert model_named("Risk") is Risk
    with pytest.raises(LookupError):
        model_named("NoSuchThing")
    error = ConflictError(
        "Risk", 1, mine={"title": "x"}, theirs={"title": "y"}, expected_version=1, their_version=2
    )
    with pytest.raises(ValueError, match="no field"):
        resolution(error, {"nonsense": 1})
