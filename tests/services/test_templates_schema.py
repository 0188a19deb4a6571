"""Template definitions: the schema's clear errors, the shipped defaults, a portfolio's own
versions (save, reset, new) through undoable commands, on SQLite files and PostgreSQL."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import Method, Portfolio
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.template_schema import TemplateError, parse_definition
from pmo_desktop.services.templates import (
    definition_text,
    get_template,
    list_templates,
    new_template,
    read_definition_text,
    reset_template,
    save_template,
    shipped_templates,
)


def _minimal() -> dict[str, Any]:
    return {
        "stages": [{"name": "Only", "gate": {"name": "End", "criteria": [{"text": "Done"}]}}],
        "wbs": [
            {"name": "Only", "stage": "Only", "children": [{"name": "Work", "duration_days": 2}]}
        ],
    }


def test_every_shipped_template_is_valid_in_both_languages() -> None:
    shipped = shipped_templates()
    assert sorted((t.code, t.language) for t in shipped) == sorted(
        (code, lang) for code in ("waterfall", "agile", "hybrid") for lang in ("en", "fr")
    )
    for template in shipped:
        definition = template.parsed()
        assert definition.stages and all(stage.gate for stage in definition.stages)
        assert definition.risks and definition.raci and definition.milestones
        assert template.method is Method(template.code)
        assert (definition.iterations is None) == (template.code == "waterfall")


def test_minimal_definition_reads_with_defaults() -> None:
    definition = parse_definition(_minimal())
    gate = definition.stages[0].gate
    assert gate is not None and gate.next_phase == "Closed"
    assert gate.criteria[0].required is True
    assert [t.code for t in definition.tasks()] == ["1", "1.1"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(stages=[]), "at least one stage"),
        (lambda d: d.update(colour="red"), "unknown keys colour"),
        (lambda d: d["wbs"][0]["children"][0].update(duration_days=0), "duration_days"),
        (lambda d: d["wbs"][0]["children"][0].update(duration_days="ten"), "must be a number"),
        (
            lambda d: d["wbs"][0]["children"][0].update(predecessors=["9.9"]),
            "'9.9' is not a WBS code",
        ),
        (lambda d: d["wbs"][0]["children"][0].update(predecessors=["1"]), "own summary"),
        (lambda d: d["wbs"][0].update(stage="Other"), "not one of the stages"),
        (
            lambda d: d["wbs"].append(
                {"name": "Again", "stage": "Only", "children": d["wbs"][0]["children"]}
            ),
            "exactly one top-level",
        ),
        (lambda d: d.update(risks=[{"title": "R", "probability": 7}]), "between 1 and 5"),
        (lambda d: d.update(risks=[{"title": "R", "response": "pray"}]), "response 'pray'"),
        (
            lambda d: d.update(ceremonies=[{"name": "Review", "every_days": 10}]),
            "define 'iterations'",
        ),
        (
            lambda d: d.update(
                iterations={"stage": "Only", "length_days": 10, "count": 100},
                ceremonies=[{"name": "Daily", "every_days": 1}],
            ),
            "occurrences",
        ),
        (
            lambda d: d["stages"][0]["gate"]["criteria"].append({"required": True}),
            "'text' is missing",
        ),
    ],
)
def test_bad_definitions_say_where_and_what(change: Any, message: str) -> None:
    data = copy.deepcopy(_minimal())
    change(data)
    with pytest.raises(TemplateError, match=message):
        parse_definition(data)


def test_all_problems_are_listed_at_once() -> None:
    data = _minimal()
    data["wbs"][0]["children"][0]["duration_days"] = -1
    data["risks"] = [{"probability": 9}]
    with pytest.raises(TemplateError) as error:
        parse_definition(data)
    assert len(error.value.problems) == 3  # duration, risk title, probability


def test_editor_text_round_trip_and_json_errors() -> None:
    definition = shipped_templates("fr")[0].definition
    text = definition_text(definition)
    assert "é" in text  # readable French, not \u escapes
    assert read_definition_text(text) == definition
    with pytest.raises(ValidationError, match="line 1, column"):
        read_definition_text("{not json")


def test_portfolio_version_overrides_then_resets(database: Database) -> None:
    portfolio_id = crud.create(database, Portfolio, name="P").id
    other_id = crud.create(database, Portfolio, name="Other").id
    shipped = get_template(database, portfolio_id, "agile", "en")
    assert shipped.shipped and not shipped.customised
    edited = copy.deepcopy(shipped.definition)
    edited["iterations"]["count"] = 8
    save = save_template(
        database,
        portfolio_id,
        shipped,
        name="Our Scrum",
        description="Two-week sprints",
        definition=edited,
    )
    save.apply(database)
    mine = get_template(database, portfolio_id, "agile", "en")
    assert (mine.name, mine.customised, mine.parsed().iterations.count) == ("Our Scrum", True, 8)  # type: ignore[union-attr]
    assert get_template(database, other_id, "agile", "en").shipped  # other portfolios unchanged
    # Editing the portfolio's own row updates it (one row per code and language).
    update = save_template(
        database,
        portfolio_id,
        mine,
        name="Our Scrum v2",
        description="",
        definition=edited,
        active=False,
    )
    update.apply(database)
    assert [t.code for t in list_templates(database, portfolio_id, "en")] == ["waterfall", "hybrid"]
    hidden = get_template(database, portfolio_id, "agile", "en")
    assert (hidden.name, hidden.active) == ("Our Scrum v2", False)
    update.revert(database)
    assert get_template(database, portfolio_id, "agile", "en").name == "Our Scrum"
    reset = reset_template(database, get_template(database, portfolio_id, "agile", "en"))
    reset.apply(database)
    assert get_template(database, portfolio_id, "agile", "en").shipped
    reset.revert(database)
    assert get_template(database, portfolio_id, "agile", "en").name == "Our Scrum"
    with pytest.raises(ValidationError):
        reset_template(database, shipped)


def test_invalid_definition_or_name_is_refused(database: Database) -> None:
    portfolio_id = crud.create(database, Portfolio, name="P").id
    shipped = get_template(database, portfolio_id, "waterfall", "en")
    with pytest.raises(TemplateError):
        save_template(
            database, portfolio_id, shipped, name="X", description="", definition={"stages": []}
        )
    with pytest.raises(ValidationError, match="name"):
        save_template(
            database, portfolio_id, shipped, name=" ", description="", definition=shipped.definition
        )


def test_new_template_copies_a_base_under_a_new_code(database: Database) -> None:
    portfolio_id = crud.create(database, Portfolio, name="P").id
    base = get_template(database, portfolio_id, "hybrid", "fr")
    with pytest.raises(ValidationError, match="already used"):
        new_template(database, portfolio_id, base, "agile", "Copie")
    command = new_template(database, portfolio_id, base, "safe", "SAFe allégé")
    command.apply(database)
    copy_ = get_template(database, portfolio_id, "safe", "fr")
    assert (copy_.name, copy_.method, copy_.definition) == (
        "SAFe allégé",
        Method.HYBRID,
        base.definition,
    )
    assert "safe" not in {t.code for t in list_templates(database, portfolio_id, "en")}
