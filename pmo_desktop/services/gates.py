"""Stage gate reviews: checklist, evidence, decision, conditions; the phase moves only here.

A gate review records its date, the criteria checklist (met or not), evidence links, the
decision (go / go with conditions / hold / stop), who decided and the conditions (text,
owner, due date). The project's phase advances only through GO or GO with conditions (to
the gate's `next_phase`); HOLD puts the project on hold; STOP cancels it; GO on a gate whose
next phase is the last ("Closed") closes it. Gates are passed in order.

What the portfolio's PMO mode makes mandatory when required criteria (or required
documents, i.e. evidence without a link) are still open:
- supportive: the PMO advises; the gate may pass, with a warning;
- controlling: the gate may pass only as GO with conditions, the conditions recorded;
- directive: the gate is blocked until every required item is met, and only a PMO admin
  decides any gate (`decider_is_pmo_admin`, which the GUI derives from the user's role:
  the application role "admin" of services/roles, or the preferences on a local file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import GateDecision, GateReview, Method, PmoMode, Portfolio, Project
from pmo_desktop.models.enums import ProjectStatus
from pmo_desktop.services.commands import CompositeCommand, UpdateFields
from pmo_desktop.storage.database import Database

PASSING = (GateDecision.GO, GateDecision.GO_WITH_CONDITIONS)
CLOSED_PHASES = {"closed", "clôturé", "clôture", "closure complete"}


class GateBlockedError(ValidationError):
    """The PMO mode forbids this decision now; the message says what is missing."""


@dataclass(frozen=True)
class GateRow:
    id: int
    version: int
    sequence: int
    name: str
    next_phase: str
    planned_date: date | None
    review_date: date | None
    decision: GateDecision
    decided_by: str
    criteria: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    conditions: list[dict[str, Any]]
    notes: str


@dataclass(frozen=True)
class ProjectGates:
    """A project's gates with what the gate dialog needs to know about the project."""

    project_id: int
    project_version: int
    portfolio_id: int
    code: str
    name: str
    method: Method
    phase: str
    status: ProjectStatus
    pmo_mode: PmoMode
    gates: list[GateRow]

    def gate(self, gate_id: int) -> GateRow:
        return next(gate for gate in self.gates if gate.id == gate_id)

    def current(self) -> GateRow | None:
        """The first gate not yet passed (the one to review next)."""
        return next((gate for gate in self.gates if gate.decision not in PASSING), None)


def project_gates(database: Database, project_id: int) -> ProjectGates:
    with database.session() as session:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFoundError(f"Project {project_id} does not exist.")
        portfolio = session.get(Portfolio, project.portfolio_id)
        query = select(GateReview).where(GateReview.project_id == project_id)
        rows = session.scalars(query.order_by(GateReview.sequence))
        gates = [_gate_row(row) for row in rows]
        return ProjectGates(
            project.id, project.version, project.portfolio_id, project.code, project.name,
            project.method, project.phase, project.status,
            portfolio.pmo_mode if portfolio else PmoMode.CONTROLLING, gates,
        )  # fmt: skip


def _gate_row(row: GateReview) -> GateRow:
    return GateRow(
        row.id, row.version, row.sequence, row.name, row.next_phase, row.planned_date,
        row.review_date, row.decision, row.decided_by, [dict(c) for c in row.criteria],
        [dict(e) for e in row.evidence], [dict(c) for c in row.conditions], row.notes,
    )  # fmt: skip


def find_gate(project: ProjectGates, name: str) -> GateRow:
    """The gate named `name`: its sequence number, its whole name, or the start of its
    name when only one gate's name starts so (case-insensitive)."""
    wanted = " ".join(name.split()).casefold()
    if wanted.isdigit():
        found = [gate for gate in project.gates if gate.sequence == int(wanted)]
    else:
        found = [gate for gate in project.gates if gate.name.casefold() == wanted]
        found = found or [g for g in project.gates if g.name.casefold().startswith(wanted)]
    if len(found) == 1 and wanted:
        return found[0]
    names = "; ".join(f"{gate.sequence}. {gate.name}" for gate in project.gates) or "none"
    problem = "matches several gates" if len(found) > 1 else "is not one of its gates"
    raise NotFoundError(f"{name!r} {problem} of project {project.code} (gates: {names}).")


def is_pmo_admin(database: Database) -> bool:
    """Who may decide a gate in a directive PMO and edit the RAG rules: on a file, its user
    (the file is theirs); on a server, a user whose server role is the PMO admin's, or the
    one who opened it empty and so created (owns) its tables (no role yet: "")."""
    return database.is_sqlite or database.server_role in ("admin", "")


@dataclass(frozen=True)
class GateStatus:
    """One gate as the overview shows it at `as_of`."""

    gate: GateRow
    #: passed, passed with conditions, on hold, stopped, next (the one to review), upcoming.
    state: str
    overdue_days: int

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


@dataclass(frozen=True)
class OpenCondition:
    """A condition of a passed gate not yet done."""

    gate: str
    text: str
    owner: str
    due: str
    overdue: bool


@dataclass(frozen=True)
class GateOverview:
    """A project's gates, its next and last decided gate and its open conditions."""

    project: ProjectGates
    as_of: date
    gates: list[GateStatus]
    open_conditions: list[OpenCondition]

    @property
    def next_gate(self) -> GateStatus | None:
        return next((status for status in self.gates if status.state == "next"), None)

    @property
    def last_decision(self) -> GateRow | None:
        decided = [s.gate for s in self.gates if s.gate.decision is not GateDecision.PENDING]
        return decided[-1] if decided else None


_STATES = {
    GateDecision.GO: "passed",
    GateDecision.GO_WITH_CONDITIONS: "passed with conditions",
    GateDecision.HOLD: "on hold",
    GateDecision.STOP: "stopped",
}


def _overview(project: ProjectGates, as_of: date) -> GateOverview:
    current = project.current()
    statuses = []
    for gate in project.gates:
        state = _STATES.get(gate.decision) or (
            "next" if current is not None and gate.id == current.id else "upcoming"
        )
        late = gate.decision is GateDecision.PENDING and gate.planned_date is not None
        days = (as_of - gate.planned_date).days if late and gate.planned_date else 0
        statuses.append(GateStatus(gate, state, max(0, days)))
    conditions = [
        OpenCondition(
            gate.name, str(c.get("text", "")), str(c.get("owner", "")), str(c.get("due", "")),
            str(c.get("due", "")) < as_of.isoformat(),
        )
        for gate in project.gates
        for c in gate.conditions
        if not c.get("done")
    ]  # fmt: skip
    return GateOverview(project, as_of, statuses, conditions)


def gate_overview(
    database: Database,
    *,
    portfolio_id: int | None = None,
    project_id: int | None = None,
    as_of: date | None = None,
) -> list[GateOverview]:
    """The gates of every project that has some (of one portfolio, or one project), by
    project code; `as_of` None: each portfolio's status date, else today."""
    with database.session() as session:
        query = select(Project, Portfolio).join(Portfolio, Portfolio.id == Project.portfolio_id)
        if portfolio_id is not None:
            query = query.where(Project.portfolio_id == portfolio_id)
        if project_id is not None:
            query = query.where(Project.id == project_id)
        projects = {
            project.id: (project, portfolio) for project, portfolio in session.execute(query)
        }
        gates: dict[int, list[GateRow]] = {}
        rows = session.scalars(
            select(GateReview)
            .where(GateReview.project_id.in_(list(projects)))
            .order_by(GateReview.project_id, GateReview.sequence)
        )
        for row in rows:
            gates.setdefault(row.project_id, []).append(_gate_row(row))
    overviews = []
    for key, (project, portfolio) in projects.items():
        if key not in gates:
            continue
        summary = ProjectGates(
            project.id, project.version, project.portfolio_id, project.code, project.name,
            project.method, project.phase, project.status, portfolio.pmo_mode, gates[key],
        )  # fmt: skip
        overviews.append(_overview(summary, as_of or portfolio.as_of_date or date.today()))
    overviews.sort(key=lambda overview: overview.project.code.casefold())
    return overviews


@dataclass
class GateOutcome:
    """What the user records at the review."""

    decision: GateDecision
    review_date: date | None
    decided_by: str
    criteria: list[dict[str, Any]]
    evidence: list[dict[str, Any]] = field(default_factory=list)
    conditions: list[dict[str, Any]] = field(default_factory=list)
    notes: str = ""


def open_items(criteria: list[dict[str, Any]], evidence: list[dict[str, Any]]) -> list[str]:
    """Required criteria not met and required documents without a link."""
    missing = [str(c.get("text", "")) for c in criteria if c.get("required") and not c.get("met")]
    missing += [
        str(e.get("title", ""))
        for e in evidence
        if e.get("required") and not str(e.get("link", "")).strip()
    ]
    return missing


def _check_conditions(conditions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for index, condition in enumerate(conditions, 1):
        text = str(condition.get("text", "")).strip()
        owner = str(condition.get("owner", "")).strip()
        due = condition.get("due")
        if not text and not owner and not due:
            continue
        if not text or not owner or not due:
            raise ValidationError(f"Condition {index} needs a text, an owner and a due date.")
        if isinstance(due, date):
            due = due.isoformat()
        try:
            date.fromisoformat(str(due))
        except ValueError:
            raise ValidationError(f"Condition {index}: '{due}' is not a date.") from None
        cleaned.append({"text": text, "owner": owner, "due": str(due),
                        "done": bool(condition.get("done", False))})  # fmt: skip
    return cleaned


def check_decision(
    mode: PmoMode, outcome: GateOutcome, *, decider_is_pmo_admin: bool
) -> tuple[list[dict[str, Any]], list[str]]:
    """The cleaned conditions and the warnings; GateBlockedError when the mode forbids it."""
    conditions = _check_conditions(outcome.conditions)
    if outcome.decision is GateDecision.PENDING:
        return conditions, []
    if not outcome.decided_by.strip():
        raise ValidationError("Say who decided.")
    if outcome.review_date is None:
        raise ValidationError("A decision needs the review date.")
    if mode is PmoMode.DIRECTIVE and not decider_is_pmo_admin:
        raise GateBlockedError("In directive mode only a PMO administrator may decide a gate.")
    if outcome.decision is GateDecision.GO_WITH_CONDITIONS and not conditions:
        raise ValidationError("Go with conditions needs at least one condition.")
    missing = open_items(outcome.criteria, outcome.evidence)
    if outcome.decision not in PASSING or not missing:
        return conditions, []
    listed = "; ".join(missing)
    if mode is PmoMode.DIRECTIVE:
        raise GateBlockedError(
            f"In directive mode the gate cannot pass while required items are open: {listed}."
        )
    if mode is PmoMode.CONTROLLING and outcome.decision is not GateDecision.GO_WITH_CONDITIONS:
        raise GateBlockedError(
            "In controlling mode a gate with open required items passes only as "
            f"'Go with conditions', with the conditions recorded: {listed}."
        )
    return conditions, [f"Passed with open required items: {listed}."]


def _phase_and_status(
    project: ProjectGates, gate: GateRow, decision: GateDecision
) -> dict[str, Any]:
    """The project columns the decision changes."""
    if decision in PASSING:
        closing = gate.sequence == max(g.sequence for g in project.gates) and (
            gate.next_phase.casefold() in CLOSED_PHASES
        )
        status = ProjectStatus.CLOSED if closing else ProjectStatus.ACTIVE
        if project.status not in (ProjectStatus.ON_HOLD, ProjectStatus.PROPOSED) and not closing:
            status = project.status
        return {"phase": gate.next_phase or project.phase, "status": status}
    if decision is GateDecision.HOLD:
        return {"status": ProjectStatus.ON_HOLD}
    if decision is GateDecision.STOP:
        return {"status": ProjectStatus.CANCELLED}
    return {}


@dataclass
class GateReviewCommand(CompositeCommand):
    """The gate's update and the project's phase/status change, as one undo step."""

    warnings: list[str] = field(default_factory=list)


def record_gate_review(
    project: ProjectGates, gate_id: int, outcome: GateOutcome, *, decider_is_pmo_admin: bool
) -> GateReviewCommand:
    """The undoable command recording the review; checks the order of gates and the mode."""
    gate = project.gate(gate_id)
    if outcome.decision is not GateDecision.PENDING:
        earlier = [
            g for g in project.gates if g.sequence < gate.sequence and g.decision not in PASSING
        ]
        if earlier:
            raise GateBlockedError(f"Decide '{earlier[0].name}' first: gates are passed in order.")
    later = [
        g
        for g in project.gates
        if g.sequence > gate.sequence and g.decision is not GateDecision.PENDING
    ]
    if later and outcome.decision is not gate.decision:
        raise GateBlockedError(
            f"'{later[0].name}' is decided already: this decision can no longer change."
        )
    conditions, warnings = check_decision(
        project.pmo_mode, outcome, decider_is_pmo_admin=decider_is_pmo_admin
    )
    after = {
        "decision": outcome.decision, "review_date": outcome.review_date,
        "decided_by": outcome.decided_by.strip(), "criteria": outcome.criteria,
        "evidence": outcome.evidence, "conditions": conditions, "notes": outcome.notes,
    }  # fmt: skip
    before = {name: getattr(gate, name) for name in after}
    label = f"Gate review {gate.name}"
    commands: list[Any] = [UpdateFields(GateReview, gate.id, gate.version, before, after, label)]
    changes = _phase_and_status(project, gate, outcome.decision)
    if gate.decision in PASSING and outcome.decision not in PASSING:
        # Reversing an earlier GO: back to the phase before this gate.
        previous = [g for g in project.gates if g.sequence < gate.sequence]
        changes.setdefault("phase", previous[-1].next_phase if previous else project.phase)
    current = {"phase": project.phase, "status": project.status}
    changes = {name: value for name, value in changes.items() if current[name] != value}
    if changes:
        commands.append(UpdateFields(
            Project, project.project_id, project.project_version,
            {name: current[name] for name in changes}, changes, label,
        ))  # fmt: skip
    return GateReviewCommand(commands, label, warnings)
