"""`pmo-desktop prioritise` and `rules` (registered by `cli_governance`): the ranked
portfolio and its what-if, and the PMO's rules as data, through the GUI's services."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmo_desktop.cli_governance import _add_format, _portfolio_id, _print_json

if TYPE_CHECKING:
    from pmo_desktop.services.prioritisation import PrioritisationData
    from pmo_desktop.services.prioritisation_whatif import WhatIf, WhatIfChange

_PRIORITISE_HELP = (
    "Rank the projects by their weighted score against the strategic objectives and show "
    "which fit within the budget and capacity caps, with the cut-off line above the first "
    "that does not. By default active and on-hold projects are ranked; --include-proposed "
    "adds the proposed ones (the GUI's view ranks all three). --move CODE=RANK shows what "
    "changes when a project is moved (the GUI's manual order); nothing is stored unless "
    "--save, which writes the order as project priorities (1000 for the first)."
)
_RULES_HELP = (
    "Show the rules a PMO admin edits as data: the RAG thresholds per dimension, the risk "
    "score rule, the scoring model of the prioritisation (criteria and weights) and the "
    "compliance rules (on/off, severity, parameters). --export writes them as a JSON file "
    "to edit; --import checks a whole file first and stores it as one change, recorded in "
    "the audit trail like the GUI's edits, or stores nothing. Sections, criteria and rules "
    "left out of the file are kept as they are."
)


def register(commands: Any) -> None:
    """Add the `prioritise` and `rules` commands."""
    from pmo_desktop import cli

    prioritise = commands.add_parser(
        "prioritise", help="rank the portfolio and see what the caps fund",
        description=_PRIORITISE_HELP,
    )  # fmt: skip
    cli._add_db(prioritise, "database file or URL (default: your own portfolio database)")
    prioritise.add_argument("--portfolio", metavar="NAME", help="needed when there are several")
    prioritise.add_argument(
        "--budget", type=_amount, metavar="AMOUNT", help="budget cap, e.g. 2500000 or 2.5M"
    )
    prioritise.add_argument(
        "--capacity", type=_capacity, metavar="HOURS|available",
        help="capacity cap in person-hours over the horizon; 'available': what the active "
        "people can give (the GUI's default)",
    )  # fmt: skip
    prioritise.add_argument("--role", metavar="ROLE", help="cap only this role's hours")
    prioritise.add_argument(
        "--months", type=int, default=12, metavar="N", help="horizon of the demand (default 12)"
    )
    prioritise.add_argument(
        "--rule", choices=("greedy", "strict"), default="greedy",
        help="greedy: skip what does not fit and go on (default); strict: stop at the first",
    )  # fmt: skip
    prioritise.add_argument(
        "--include-proposed", action="store_true", help="rank the proposed projects too"
    )
    prioritise.add_argument(
        "--move", action="append", default=[], metavar="CODE=RANK",
        help="move a project to this rank (1 = top) and show what changes; repeatable",
    )  # fmt: skip
    prioritise.add_argument(
        "--save", action="store_true", help="store the order shown as the project priorities"
    )
    prioritise.add_argument(
        "--as-of", type=cli._date, metavar="YYYY-MM-DD",
        help="start of the horizon (default: the portfolio's status date, else today)",
    )  # fmt: skip
    _add_format(prioritise)
    prioritise.set_defaults(handler=_prioritise)

    rules = commands.add_parser(
        "rules", help="show, export or import the PMO's governance rules", description=_RULES_HELP
    )
    cli._add_db(rules, "database file or URL (default: your own portfolio database)")
    rules.add_argument("--portfolio", metavar="NAME", help="needed when there are several")
    side = rules.add_mutually_exclusive_group()
    side.add_argument("--export", type=Path, metavar="F.json", help="write the rules to a file")
    side.add_argument("--import", dest="import_file", type=Path, metavar="F.json",
                      help="store the rules of a file (checked whole first)")  # fmt: skip
    _add_format(rules)
    rules.set_defaults(handler=_rules)


def _amount(text: str) -> float:
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    factor = {"k": 1e3, "m": 1e6, "b": 1e9}.get(cleaned[-1:].lower(), 1.0)
    if factor != 1.0:
        cleaned = cleaned[:-1]
    try:
        value = float(cleaned) * factor
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an amount, e.g. 2500000 or 2.5M, got {text!r}"
        ) from None
    if value < 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected an amount of zero or more, got {text!r}")
    return value


def _capacity(text: str) -> float | str:
    if text.strip().lower() == "available":
        return "available"
    try:
        return _amount(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"expected person-hours (e.g. 12000) or 'available', got {text!r}"
        ) from None


# prioritise


def _prioritise(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.errors import ValidationError
    from pmo_desktop.models import Portfolio, ProjectStatus
    from pmo_desktop.services.prioritisation import RANKED_STATUSES, load_prioritisation, rank
    from pmo_desktop.services.prioritisation_edits import apply_priorities
    from pmo_desktop.services.prioritisation_whatif import Caps, FitRule, compare, move, walk

    if not 1 <= args.months <= 120:
        parser.error("--months goes from 1 to 120")
    statuses = [
        s for s in RANKED_STATUSES if args.include_proposed or s is not ProjectStatus.PROPOSED
    ]
    database = cli._open(args.db, create=False)
    try:
        portfolio_id = _portfolio_id(database, args.portfolio)
        with database.session() as session:
            portfolio = session.get(Portfolio, portfolio_id)
            stored = portfolio.as_of_date if portfolio is not None else None
        as_of = args.as_of or stored or date.today()
        data = load_prioritisation(
            database, portfolio_id, as_of, months=args.months, statuses=statuses
        )
        if args.role is not None and args.role not in data.roles:
            known = ", ".join(repr(role) for role in data.roles) or "none"
            raise ValidationError(
                f"No role {args.role!r} in the demand or capacity (roles: {known})."
            )
        hours = args.capacity
        if hours == "available":
            capacity = data.capacity_by_role
            hours = (
                capacity.get(args.role, 0.0) if args.role is not None else sum(capacity.values())
            )
        caps = Caps(budget=args.budget, hours=hours, role=args.role)
        rule = FitRule(args.rule)
        ranked = rank(data.criteria, data.candidates)
        order = [project.id for project in ranked]
        by_code = {project.candidate.code.casefold(): project for project in ranked}
        for item in args.move:
            code, sep, place = item.rpartition("=")
            project = by_code.get(code.strip().casefold())
            if not sep or not place.strip().isdigit():
                raise ValidationError(f"--move {item!r}: expected CODE=RANK, e.g. P-07=1.")
            if project is None:
                raise ValidationError(
                    f"--move {item!r}: {code.strip()} is not among the ranked projects."
                )
            target = min(max(1, int(place)), len(order)) - 1
            order = move(order, project.id, target - order.index(project.id))
        base = walk(ranked, caps, rule)
        what_if = walk(ranked, caps, rule, order) if args.move else base
        change = compare(base, what_if) if args.move else None
        saved = None
        if args.save:
            command = apply_priorities(data.candidates, what_if.order)
            saved = 0
            if command is not None:
                command.apply(database)
                saved = len(command.commands)
    finally:
        database.close()
    if args.format == "json":
        _print_json(_whatif_json(data, what_if, change, saved))
        return 0
    _print_whatif(data, what_if, change, statuses)
    if saved is None:
        print("Nothing stored (--save writes this order as the project priorities).")
    elif saved:
        print(
            f"Stored this order as the priorities of {saved} "
            f"project{'s' * (saved != 1)} (1000 for the first)."
        )
    else:
        print("The priorities already follow this order: nothing to store.")
    return 0


def _money(amount: float | None, currency: str) -> str:
    return "no cap" if amount is None else f"{amount:,.0f} {currency}"


def _hours(hours: float | None) -> str:
    return "no cap" if hours is None else f"{hours:,.0f} h"


def _print_whatif(
    data: PrioritisationData, what_if: WhatIf, change: WhatIfChange | None, statuses: list[Any]
) -> None:
    names = {criterion.id: criterion.code for criterion in data.criteria}
    first, following = data.horizon
    kinds = ", ".join(status.value.replace("_", " ") for status in statuses)
    print(
        f"Strategic prioritisation — {data.scope_name}: {len(what_if.rows)} projects ({kinds}); "
        f"demand from {first:%Y-%m} to {date.fromordinal(following.toordinal() - 1):%Y-%m}"
    )
    model = "; ".join(
        f"{c.code} {c.name} ×{c.weight:g}{'' if c.higher_is_better else ' (lower is better)'}"
        for c in data.criteria
    )
    print(f"Scoring model: {model or 'no criteria: every score is 0'}")
    caps = what_if.caps
    role = f" of {caps.role or '(no role)'}" if caps.role is not None else ""
    print(
        f"Caps: budget {_money(caps.budget, data.currency)}, capacity {_hours(caps.hours)}{role}; "
        f"rule {what_if.rule.value}"
    )
    code_width = max([len(row.project.candidate.code) for row in what_if.rows] + [4])
    header = (
        f"{'Rank':>4} {'Move':>4}  {'Code':<{code_width}} {'Score':>6}  {'Budget':>14} "
        f"{'Hours':>8}  {'Σ budget':>14} {'Σ hours':>8}  Fits"
    )
    print(header)
    for row in what_if.rows:
        if row.position == what_if.cut_off:
            print("-" * 20 + " cut-off " + "-" * (len(header) - 29))
        candidate = row.project.candidate
        moved = f"{row.moved:+d}" if row.moved else ""
        gaps = ", ".join(names[gap] for gap in row.project.gaps)
        fits = "yes" if row.fits else f"no ({row.reason.value})"
        print(
            f"{row.position + 1:>4} {moved:>4}  {candidate.code:<{code_width}} "
            f"{row.project.score:>6.1f}  "
            f"{candidate.budget:>14,.0f} {row.hours:>8,.0f}  "
            f"{(f'{row.cumulative_budget:,.0f}' if row.fits else ''):>14} "
            f"{(f'{row.cumulative_hours:,.0f}' if row.fits else ''):>8}  {fits}"
            + (f"  (no score on {gaps})" if gaps else "")
        )
    cut = ""
    if what_if.cut_off is not None:
        below = what_if.rows[what_if.cut_off].project.candidate.code
        cut = f"; cut-off above #{what_if.cut_off + 1} ({below})"
    print(
        f"{len(what_if.funded)} of {len(what_if.rows)} projects fit: budget "
        f"{_money(what_if.budget_used, data.currency)} of {_money(caps.budget, data.currency)}, "
        f"capacity {_hours(what_if.hours_used)} of {_hours(caps.hours)}{cut}."
    )
    if change is not None:
        if change.is_empty:
            print("With the moves the funded set is the same.")
        else:
            entering = ", ".join(p.candidate.code for p in change.entering) or "—"
            leaving = ", ".join(p.candidate.code for p in change.leaving) or "—"
            print(
                f"With the moves, against the score order: entering {entering}; leaving "
                f"{leaving}; budget {change.budget_delta:+,.0f} {data.currency}; "
                f"capacity {change.hours_delta:+,.0f} h."
            )


def _whatif_json(
    data: PrioritisationData, what_if: WhatIf, change: WhatIfChange | None, saved: int | None
) -> dict[str, Any]:
    codes = {criterion.id: criterion.code for criterion in data.criteria}
    cut = what_if.cut_off
    return {
        "portfolio": data.scope_name,
        "as_of": data.as_of.isoformat(),
        "currency": data.currency,
        "horizon": [data.horizon[0].isoformat(), data.horizon[1].isoformat()],
        "caps": {
            "budget": what_if.caps.budget,
            "hours": what_if.caps.hours,
            "role": what_if.caps.role,
        },
        "rule": what_if.rule.value,
        "criteria": [
            {
                "code": c.code,
                "name": c.name,
                "kind": c.kind.value,
                "weight": c.weight,
                "higher_is_better": c.higher_is_better,
            }
            for c in data.criteria
        ],
        "rows": [
            {
                "rank": row.position + 1,
                "score_rank": row.score_position + 1,
                "code": row.project.candidate.code,
                "name": row.project.candidate.name,
                "status": row.project.candidate.status.value,
                "score": round(row.project.score, 4),
                "gaps": [codes[gap] for gap in row.project.gaps],
                "budget": row.project.candidate.budget,
                "hours": round(row.hours, 2),
                "fits": row.fits,
                "reason": row.reason.value or None,
                "cumulative_budget": row.cumulative_budget if row.fits else None,
                "cumulative_hours": round(row.cumulative_hours, 2) if row.fits else None,
            }
            for row in what_if.rows
        ],
        "cut_off_rank": None if cut is None else cut + 1,
        "cut_off_above": None if cut is None else what_if.rows[cut].project.candidate.code,
        "funded": [row.project.candidate.code for row in what_if.rows if row.fits],
        "budget_used": what_if.budget_used,
        "hours_used": round(what_if.hours_used, 2),
        "moves": None
        if change is None
        else {
            "entering": [p.candidate.code for p in change.entering],
            "leaving": [p.candidate.code for p in change.leaving],
            "budget_delta": change.budget_delta,
            "hours_delta": round(change.hours_delta, 2),
        },
        "saved": saved,
    }


# rules


def _rules(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop import cli
    from pmo_desktop.models import Portfolio
    from pmo_desktop.services.gates import is_pmo_admin
    from pmo_desktop.services.rules_file import export_rules, plan_import, read_rules_file

    document = read_rules_file(args.import_file) if args.import_file is not None else None
    database = cli._open(args.db, create=False)
    try:
        portfolio_id = _portfolio_id(database, args.portfolio)
        if document is not None:
            plan = plan_import(
                database, portfolio_id, document, is_pmo_admin=is_pmo_admin(database)
            )
            command = plan.command()
            if command is not None:
                command.apply(database)
            for line in plan.changes:
                print(f"  {line}")
            if plan.kept:
                print(f"  kept (not in the file): criteria {', '.join(plan.kept)}")
            count = len(plan.changes)
            print(
                f"Imported {args.import_file}: {count} change{'s' * (count != 1)} stored."
                if command is not None
                else f"{args.import_file} matches the rules in force: nothing to change."
            )
            return 0
        rules = export_rules(database, portfolio_id)
        with database.session() as session:
            portfolio = session.get(Portfolio, portfolio_id)
            mode = portfolio.pmo_mode.value if portfolio is not None else ""
    finally:
        database.close()
    if args.export is not None:
        _write_file(args.export, rules)
        print(f"Wrote the rules of {rules['portfolio']} to {args.export}.")
        return 0
    if args.format == "json":
        _print_json(rules)
        return 0
    _print_rules(rules, mode)
    return 0


def _write_file(path: Path, document: dict[str, Any]) -> None:
    """The file appears whole or not at all."""
    import os
    import tempfile

    from pmo_desktop.errors import ValidationError

    target = path.expanduser().absolute()
    try:
        handle, temporary = tempfile.mkstemp(prefix=".rules-", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(document, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        os.replace(temporary, target)
    except OSError as exc:
        raise ValidationError(f"Cannot write {target}: {exc.strerror or exc}.") from None


_THRESHOLD_LABELS = {
    "spi_amber": "SPI amber below", "spi_red": "SPI red below",
    "slip_amber_days": "milestone slip amber above (working days)",
    "slip_red_days": "milestone slip red above (working days)",
    "cpi_amber": "CPI amber below", "cpi_red": "CPI red below",
    "budget_amber_percent": "forecast over budget amber above (%)",
    "budget_red_percent": "forecast over budget red above (%)",
    "high_risk_score": "a risk is high from score",
}  # fmt: skip
_SCORE_RULES = {
    "max": "probability × worst impact",
    "mean": "probability × mean impact",
    "weighted": "probability × weighted mean impact",
}


def _print_rules(rules: dict[str, Any], mode: str) -> None:
    from pmo_desktop.services.rules_file import THRESHOLD_DIMENSIONS

    print(f"Governance rules of {rules['portfolio']} ({mode} PMO)")
    print("RAG thresholds:")
    thresholds = rules["rag_thresholds"]
    for dimension, names in THRESHOLD_DIMENSIONS.items():
        for name in names:
            print(f"  {dimension:<9} {_THRESHOLD_LABELS[name]:<44} {thresholds[name]:g}  ({name})")
    score = rules["risk_score_rule"]
    weights = ""
    if score["kind"] == "weighted":
        weights = " (weights " + ", ".join(f"{k} {v:g}" for k, v in score["weights"].items()) + ")"
    print(f"Risk score rule: {_SCORE_RULES.get(score['kind'], score['kind'])}{weights}")
    model = rules["scoring_model"]
    total = sum(c["weight"] for c in model) or 1.0
    print(f"Scoring model ({len(model)} criteria):")
    for c in model:
        better = "higher is better" if c["higher_is_better"] else "lower is better"
        print(
            f"  {c['code']:<10} {c['name']:<36} {c['kind']:<9} weight {c['weight']:g} "
            f"({100 * c['weight'] / total:.0f} %), {better}"
        )
    print("Compliance rules:")
    for rule in rules["compliance_rules"]:
        state = "on " if rule["enabled"] else "off"
        default = "" if rule["severity"] == rule["default_severity"] else " (changed)"
        parameters = ", ".join(f"{k}={v}" for k, v in rule["effective_parameters"].items())
        print(
            f"  {rule['rule']:<28} {state} {rule['severity']:<8}{default:<10} {rule['title']}"
            + (f"  [{parameters}]" if parameters else "")
        )
