"""Stage gate reviews: the PMO mode's rules, the phase moving only through a gate decision,
HOLD/STOP/closure, gates in order, undo; on SQLite files and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import GateDecision, PmoMode, Portfolio, Project, ProjectStatus
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database
from pmo_desktop.services.gates import (
    GateBlockedError,
    GateOutcome,
    project_gates,
    record_gate_review,
)
from pmo_desktop.services.template_projects import CreateProjectFromTemplate, NewProject
from pmo_desktop.services.templates import get_template

REVIEW = date(2027, 2, 1)
CONDITION = {"text": "Sign the supplier contract", "owner": "Bea", "due": "2027-03-01"}


def _project(database: Database, mode: PmoMode, code: str = "waterfall") -> int:
    portfolio_id = crud.create(database, Portfolio, name="P", pmo_mode=mode).id
    template = get_template(database, portfolio_id, code, "en")
    command = CreateProjectFromTemplate(
        portfolio_id, template, NewProject("G-1", "Gated", date(2027, 1, 4))
    )
    command.apply(database)
    assert command.project_id is not None
    return command.project_id


def _outcome(
    database: Database,
    project_id: int,
    decision: GateDecision,
    *,
    met: bool,
    conditions: list[dict[str, str]] | None = None,
    gate: int = 0,
) -> GateOutcome:
    gates = project_gates(database, project_id).gates
    criteria = [dict(c, met=met or not c["required"]) for c in gates[gate].criteria]
    evidence = [
        dict(e, link=f"https://docs/{i}" if met else "") for i, e in enumerate(gates[gate].evidence)
    ]
    return GateOutcome(decision, REVIEW, "Steering committee", criteria, evidence, conditions or [])


def _decide(
    database: Database, project_id: int, outcome: GateOutcome, gate: int = 0, admin: bool = False
) -> list[str]:
    project = project_gates(database, project_id)
    command = record_gate_review(
        project, project.gates[gate].id, outcome, decider_is_pmo_admin=admin
    )
    command.apply(database)
    return command.warnings


def _state(database: Database, project_id: int) -> tuple[str, ProjectStatus]:
    project = crud.get(database, Project, project_id)
    return project.phase, project.status


def test_supportive_mode_passes_open_items_with_a_warning(database: Database) -> None:
    project_id = _project(database, PmoMode.SUPPORTIVE)
    warnings = _decide(
        database, project_id, _outcome(database, project_id, GateDecision.GO, met=False)
    )
    assert warnings and "Business case approved by the sponsor" in warnings[0]
    assert _state(database, project_id) == ("Planning", ProjectStatus.ACTIVE)
    gate = project_gates(database, project_id).gates[0]
    assert (gate.decision, gate.review_date, gate.decided_by) == (
        GateDecision.GO,
        REVIEW,
        "Steering committee",
    )


def test_controlling_mode_needs_conditions_for_open_items(database: Database) -> None:
    project_id = _project(database, PmoMode.CONTROLLING)
    with pytest.raises(GateBlockedError, match="Go with conditions"):
        _decide(database, project_id, _outcome(database, project_id, GateDecision.GO, met=False))
    assert _state(database, project_id) == ("Initiation", ProjectStatus.ACTIVE)
    with pytest.raises(ValidationError, match="at least one condition"):
        _decide(
            database,
            project_id,
            _outcome(database, project_id, GateDecision.GO_WITH_CONDITIONS, met=False),
        )
    with pytest.raises(ValidationError, match="owner and a due date"):
        _decide(
            database,
            project_id,
            _outcome(
                database,
                project_id,
                GateDecision.GO_WITH_CONDITIONS,
                met=False,
                conditions=[{"text": "Do it"}],
            ),
        )
    warnings = _decide(
        database,
        project_id,
        _outcome(
            database, project_id, GateDecision.GO_WITH_CONDITIONS, met=False, conditions=[CONDITION]
        ),
    )
    assert warnings
    assert _state(database, project_id) == ("Planning", ProjectStatus.ACTIVE)
    gate = project_gates(database, project_id).gates[0]
    assert gate.conditions == [CONDITION | {"done": False}]


def test_controlling_mode_passes_a_clean_gate_with_go(database: Database) -> None:
    project_id = _project(database, PmoMode.CONTROLLING)
    assert (
        _decide(database, project_id, _outcome(database, project_id, GateDecision.GO, met=True))
        == []
    )
    assert _state(database, project_id)[0] == "Planning"


def test_directive_mode_blocks_open_items_and_non_admins(database: Database) -> None:
    project_id = _project(database, PmoMode.DIRECTIVE)
    with pytest.raises(GateBlockedError, match="PMO administrator"):
        _decide(database, project_id, _outcome(database, project_id, GateDecision.GO, met=True))
    with pytest.raises(GateBlockedError, match="required items are open"):
        _decide(
            database,
            project_id,
            _outcome(
                database,
                project_id,
                GateDecision.GO_WITH_CONDITIONS,
                met=False,
                conditions=[CONDITION],
            ),
            admin=True,
        )
    _decide(
        database, project_id, _outcome(database, project_id, GateDecision.GO, met=True), admin=True
    )
    assert _state(database, project_id)[0] == "Planning"


def test_gates_pass_in_order_and_the_last_one_closes(database: Database) -> None:
    project_id = _project(database, PmoMode.CONTROLLING, "agile")
    with pytest.raises(GateBlockedError, match="in order"):
        _decide(
            database,
            project_id,
            _outcome(database, project_id, GateDecision.GO, met=True, gate=1),
            gate=1,
        )
    phases = []
    for index in range(3):
        _decide(
            database,
            project_id,
            _outcome(database, project_id, GateDecision.GO, met=True, gate=index),
            gate=index,
        )
        phases.append(_state(database, project_id))
    assert phases == [
        ("Delivery", ProjectStatus.ACTIVE),
        ("Release and closure", ProjectStatus.ACTIVE),
        ("Closed", ProjectStatus.CLOSED),
    ]
    with pytest.raises(GateBlockedError, match="decided already"):
        _decide(database, project_id, _outcome(database, project_id, GateDecision.HOLD, met=True))


def test_hold_then_go_and_stop(database: Database) -> None:
    project_id = _project(database, PmoMode.SUPPORTIVE)
    _decide(database, project_id, _outcome(database, project_id, GateDecision.HOLD, met=False))
    assert _state(database, project_id) == ("Initiation", ProjectStatus.ON_HOLD)
    _decide(database, project_id, _outcome(database, project_id, GateDecision.GO, met=True))
    assert _state(database, project_id) == ("Planning", ProjectStatus.ACTIVE)
    _decide(
        database,
        project_id,
        _outcome(database, project_id, GateDecision.STOP, met=False, gate=1),
        gate=1,
    )
    assert _state(database, project_id) == ("Planning", ProjectStatus.CANCELLED)


def test_a_decision_needs_who_and_when(database: Database) -> None:
    project_id = _project(database, PmoMode.SUPPORTIVE)
    outcome = _outcome(database, project_id, GateDecision.GO, met=True)
    outcome.decided_by = " "
    with pytest.raises(ValidationError, match="who decided"):
        _decide(database, project_id, outcome)
    outcome.decided_by, outcome.review_date = "Sponsor", None
    with pytest.raises(ValidationError, match="review date"):
        _decide(database, project_id, outcome)
    # Recording the checklist without a decision is allowed and does not move the phase.
    pending = _outcome(database, project_id, GateDecision.PENDING, met=True)
    _decide(database, project_id, pending)
    assert _state(database, project_id)[0] == "Initiation"
    assert all(c["met"] for c in project_gates(database, project_id).gates[0].criteria)


def test_undo_restores_gate_phase_and_status(database: Database) -> None:
    project_id = _project(database, PmoMode.CONTROLLING)
    project = project_gates(database, project_id)
    outcome = _outcome(database, project_id, GateDecision.GO, met=True)
    command = record_gate_review(project, project.gates[0].id, outcome, decider_is_pmo_admin=False)
    command.apply(database)
    assert _state(database, project_id)[0] == "Planning"
    command.revert(database)
    assert _state(database, project_id) == ("Initiation", ProjectStatus.ACTIVE)
    gate = project_gates(database, project_id).gates[0]
    assert gate.decision is GateDecision.PENDING and not any(c["met"] for c in gate.criteria)
    command.apply(database)
    assert _state(database, project_id)[0] == "Planning"
