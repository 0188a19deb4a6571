"""`pmo-desktop gates`, `gate-review`, `prioritise` and `rules`: PMO governance (issue 9)
from the command line, through the services the GUI uses."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmo_desktop.services.database import Database
    from pmo_desktop.services.gates import GateOverview

DECISIONS = ("go", "go-with-conditions", "hold", "stop")

_GATES_HELP = (
    "List the stage gates of each project: state (passed, passed with conditions, on hold, "
    "stopped, next, upcoming), the planned date and whether the review is overdue, the last "
    "decision and the conditions still open. Dates are judged at --as-of, else the "
    "portfolio's status date, else today."
)
_REVIEW_HELP = (
    "Record a stage gate review as the Gate Review dialog does: the criteria checklist "
    "(criteria named by their text; one not in the gate's checklist is added), evidence "
    "links, the decision, who decided and the conditions. The project's phase moves only "
    "through GO or GO with conditions; HOLD puts it on hold, STOP cancels it. The portfolio's "
    "PMO mode decides what open required criteria (and required documents without a link) "
    "do: supportive, the gate passes flagged; controlling, only go-with-conditions passes; "
    "directive, the gate is blocked and only a PMO admin decides. A refused review exits 1 "
    "and records nothing."
)


def register(commands: Any) -> None:
    """Add the `gates`, `gate-review`, `prioritise` and `rules` commands."""
    from pmo_desktop import cli, cli_governance_rules

    gates = commands.add_parser(
        "gates", help="list the projects' stage gates and open conditions", description=_GATES_HELP
    )
    cli._add_db(gates, "database file or URL (default: your own portfolio database)")
    gates.add_argument("--project", metavar="NAME", help="only this project (code or name)")
    gates.add_argument("--portfolio", metavar="NAME", help="only this portfolio")
    gates.add_argument("--as-of", type=cli._date, metavar="YYYY-MM-DD", help="date to judge at")
    _add_format(gates)
    gates.set_defaults(handler=_gates)

    review = commands.add_parser(
        "gate-review", help="record a stage gate decision", description=_REVIEW_HELP
    )
    cli._add_db(review, "database file or URL (default: your own portfolio database)")
    review.add_argument("--project", required=True, metavar="NAME", help="code or name")
    review.add_argument(
        "--gate", required=True, metavar="NAME", help="the gate's number, name or start of name"
    )
    review.add_argument("--decision", required=True, choices=DECISIONS)
    review.add_argument("--by", required=True, metavar="PERSON", help="who decided")
    review.add_argument(
        "--date", type=cli._date, metavar="YYYY-MM-DD", help="review date (default today)"
    )
    review.add_argument(
        "--criterion", action="append", default=[], metavar="TEXT=met|open",
        help="tick (met) or untick (open) a criterion; repeat for each",
    )  # fmt: skip
    review.add_argument(
        "--evidence", action="append", default=[], metavar="[TITLE=]URL",
        help="a link; with the TITLE of a listed document it fills that document's link",
    )  # fmt: skip
    review.add_argument(
        "--condition", action="append", default=[], metavar="TEXT;OWNER;YYYY-MM-DD",
        help="a condition of the decision, its owner and due date; repeat for each",
    )  # fmt: skip
    review.add_argument("--notes", metavar="TEXT", help="replace the review's notes")
    review.set_defaults(handler=_gate_review)

    cli_governance_rules.register(commands)


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )


def _print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _portfolio_id(database: Database, name: str | None) -> int:
    from pmo_desktop.services.interchange.log_workbook import find_portfolio

    return find_portfolio(database, name)


# gates


def _gates(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.errors import ValidationError
    from pmo_desktop.services.gates import gate_overview
    from pmo_desktop.services.portfolio import find_project

    database = cli._open(args.db, create=False)
    try:
        portfolio_id = None if args.portfolio is None else _portfolio_id(database, args.portfolio)
        project_id = None
        if args.project is not None:
            project = find_project(database, args.project)
            if portfolio_id is not None and project.portfolio_id != portfolio_id:
                raise ValidationError(
                    f"Project {project.code} is not in the portfolio {args.portfolio!r}."
                )
            project_id = project.id
        overviews = gate_overview(
            database, portfolio_id=portfolio_id, project_id=project_id, as_of=args.as_of
        )
    finally:
        database.close()
    if args.format == "json":
        _print_json([_overview_json(overview) for overview in overviews])
        return 0
    if not overviews:
        print("No project has stage gates." if args.project is None else "It has no stage gates.")
        return 0
    for overview in overviews:
        _print_overview(overview)
    late = sum(status.overdue for overview in overviews for status in overview.gates)
    conditions = [c for overview in overviews for c in overview.open_conditions]
    print(
        f"{len(overviews)} project{'s' * (len(overviews) != 1)} with gates: "
        f"{late} gate review{'s' * (late != 1)} overdue, {len(conditions)} open "
        f"condition{'s' * (len(conditions) != 1)} "
        f"({sum(c.overdue for c in conditions)} past due)."
    )
    return 0


def _decision_label(decision: Any) -> str:
    return str(decision.value).replace("_", " ")


def _print_overview(overview: GateOverview) -> None:
    project = overview.project
    print(
        f"{project.code} {project.name} — phase {project.phase or '—'}, "
        f"{project.status.value.replace('_', ' ')}, {project.pmo_mode.value} PMO, "
        f"as of {overview.as_of}"
    )
    width = max(len(status.gate.name) for status in overview.gates)
    for status in overview.gates:
        gate = status.gate
        planned = gate.planned_date.isoformat() if gate.planned_date else "—"
        line = f"  {gate.sequence:>2}. {gate.name:<{width}}  {status.state:<22} due {planned}"
        if status.overdue:
            line += f"  OVERDUE {status.overdue_days} d"
        if gate.review_date is not None and gate.decision.value != "pending":
            line += f"  decided {gate.review_date} by {gate.decided_by}"
        print(line.rstrip())
    last = overview.last_decision
    if last is not None:
        print(
            f"  last decision: {_decision_label(last.decision)} at {last.name} "
            f"on {last.review_date or '—'} by {last.decided_by or '—'}"
        )
    for condition in overview.open_conditions:
        late = "  PAST DUE" if condition.overdue else ""
        print(
            f"  open condition: {condition.text} ({condition.owner}, due {condition.due}; "
            f"{condition.gate}){late}"
        )


def _overview_json(overview: GateOverview) -> dict[str, Any]:
    project = overview.project
    last = overview.last_decision
    following = overview.next_gate
    return {
        "project": project.code,
        "name": project.name,
        "phase": project.phase,
        "status": project.status.value,
        "pmo_mode": project.pmo_mode.value,
        "as_of": overview.as_of.isoformat(),
        "next_gate": following.gate.name if following else None,
        "overdue": any(status.overdue for status in overview.gates),
        "last_decision": None
        if last is None
        else {
            "gate": last.name,
            "decision": last.decision.value,
            "date": last.review_date.isoformat() if last.review_date else None,
            "by": last.decided_by,
        },
        "gates": [
            {
                "sequence": s.gate.sequence,
                "name": s.gate.name,
                "next_phase": s.gate.next_phase,
                "state": s.state,
                "planned_date": s.gate.planned_date.isoformat() if s.gate.planned_date else None,
                "overdue": s.overdue,
                "overdue_days": s.overdue_days,
                "decision": s.gate.decision.value,
                "review_date": s.gate.review_date.isoformat() if s.gate.review_date else None,
                "decided_by": s.gate.decided_by,
                "criteria_open": [
                    str(c.get("text", "")) for c in s.gate.criteria if not c.get("met")
                ],
            }
            for s in overview.gates
        ],
        "open_conditions": [
            {"gate": c.gate, "text": c.text, "owner": c.owner, "due": c.due, "overdue": c.overdue}
            for c in overview.open_conditions
        ],
    }


# gate-review


def _criteria(
    gate_criteria: list[dict[str, Any]], given: list[str]
) -> tuple[list[dict], list[str]]:
    from pmo_desktop.errors import ValidationError

    criteria = [dict(criterion) for criterion in gate_criteria]
    added: list[str] = []
    for item in given:
        text, sep, state = item.rpartition("=")
        text, state = " ".join(text.split()), state.strip().casefold()
        if not sep or not text or state not in ("met", "open"):
            raise ValidationError(f'--criterion {item!r}: expected "TEXT=met" or "TEXT=open".')
        found = next(
            (c for c in criteria if str(c.get("text", "")).casefold() == text.casefold()), None
        )
        if found is None:
            found = {"text": text, "required": False, "met": False}
            criteria.append(found)
            added.append(text)
        found["met"] = state == "met"
    return criteria, added


def _evidence(gate_evidence: list[dict[str, Any]], given: list[str]) -> list[dict[str, Any]]:
    from pmo_desktop.errors import ValidationError

    evidence = [dict(entry) for entry in gate_evidence]
    for item in given:
        title, sep, link = item.partition("=")
        if not sep or "://" in title or not title.strip():
            title, link = "", item  # a bare URL (its query string may hold "=")
        title, link = title.strip(), link.strip()
        if not link:
            raise ValidationError(f"--evidence {item!r}: the link is empty.")
        found = next(
            (
                e
                for e in evidence
                if title and str(e.get("title", "")).casefold() == title.casefold()
            ),
            None,
        )
        if found is None:
            evidence.append({"title": title, "link": link, "required": False})
        else:
            found["link"] = link
    return evidence


def _conditions(gate_conditions: list[dict[str, Any]], given: list[str]) -> list[dict[str, Any]]:
    from pmo_desktop.errors import ValidationError

    conditions = [dict(condition) for condition in gate_conditions]
    for item in given:
        parts = [part.strip() for part in item.split(";")]
        if len(parts) != 3:
            raise ValidationError(
                f'--condition {item!r}: expected "TEXT;OWNER;YYYY-MM-DD" (three parts).'
            )
        conditions.append({"text": parts[0], "owner": parts[1], "due": parts[2], "done": False})
    return conditions


def _gate_review(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.models import GateDecision, Project
    from pmo_desktop.services import crud
    from pmo_desktop.services.gates import (
        GateBlockedError,
        GateOutcome,
        find_gate,
        is_pmo_admin,
        project_gates,
        record_gate_review,
    )
    from pmo_desktop.services.portfolio import find_project

    decision = GateDecision(args.decision.replace("-", "_"))
    database = cli._open(args.db, create=False)
    try:
        project = project_gates(database, find_project(database, args.project).id)
        gate = find_gate(project, args.gate)
        criteria, added = _criteria(gate.criteria, args.criterion)
        outcome = GateOutcome(
            decision=decision,
            review_date=args.date or date.today(),
            decided_by=args.by,
            criteria=criteria,
            evidence=_evidence(gate.evidence, args.evidence),
            conditions=_conditions(gate.conditions, args.condition),
            notes=gate.notes if args.notes is None else args.notes,
        )
        try:
            command = record_gate_review(
                project, gate.id, outcome, decider_is_pmo_admin=is_pmo_admin(database)
            )
        except GateBlockedError as exc:
            raise GateBlockedError(f"{exc} Nothing was recorded.") from None
        command.apply(database)
        after = crud.get(database, Project, project.project_id)
    finally:
        database.close()
    for text in added:
        print(f"Added the criterion {text!r} (not in the gate's checklist).")
    print(
        f"Recorded {project.code} {gate.name}: {_decision_label(decision)} on "
        f"{outcome.review_date} by {outcome.decided_by.strip()}."
    )
    moves = [
        f"{what} {before or '—'} → {now or '—'}"
        for what, before, now in (
            ("phase", project.phase, after.phase),
            ("status", project.status.value, after.status.value),
        )
        if before != now
    ]
    if moves:
        print(f"Project {project.code}: {', '.join(moves)}.")
    for warning in command.warnings:
        print(f"Flagged ({project.pmo_mode.value} PMO): {warning}")
    return 0
