"""A portfolio's governance rules as one JSON document, to read, export, edit and import.

What a PMO admin edits as data: the RAG thresholds and the risk score rule
(`portfolio_rules`), the scoring model of the prioritisation (`prioritisation_edits`) and
the compliance rules' switches, severities and parameters (`compliance`). `export_rules`
writes the document; `plan_import` checks a whole document first and returns the commands
that make it the portfolio's rules (the same undoable commands the GUI's editors push, so
the audit trail records them alike), or raises `ValidationError` and nothing is written.

Sections left out of a document are not changed; a criterion or rule left out of its list
is kept as it is (removing a criterion deletes every project's score on it: the GUI asks
first). Criteria are matched by code, compliance rules by their catalogue code.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import CriterionKind, Portfolio, ScoreRule
from pmo_desktop.services import compliance
from pmo_desktop.services.commands import Command, CompositeCommand, CreateRow, UpdateFields
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.services.portfolio_rules import (
    DIMENSIONS,
    RiskScoreRule,
    RuleValues,
    load_rules,
    save_rules,
)
from pmo_desktop.services.prioritisation import load_criteria
from pmo_desktop.services.prioritisation_edits import add_criterion, edit_criterion
from pmo_desktop.storage.database import Database

FORMAT = "pmo-desktop-rules"
VERSION = 1
SECTIONS = ("rag_thresholds", "risk_score_rule", "scoring_model", "compliance_rules")
#: The RAG thresholds by dimension, for people reading them.
THRESHOLD_DIMENSIONS: Mapping[str, tuple[str, ...]] = {
    "schedule": ("spi_amber", "spi_red", "slip_amber_days", "slip_red_days"),
    "cost": ("cpi_amber", "cpi_red", "budget_amber_percent", "budget_red_percent"),
    "risk": ("high_risk_score",),
}
_CRITERION_KEYS = ("code", "name", "description", "kind", "weight", "higher_is_better")
_RULE_KEYS = ("rule", "enabled", "severity", "parameters")
#: Written for the reader, ignored on import.
_RULE_INFO_KEYS = ("title", "default_severity", "effective_parameters")


def export_rules(database: Database, portfolio_id: int) -> dict[str, Any]:
    """The portfolio's rules in force (defaults included) as a JSON-ready document."""
    values = load_rules(database, portfolio_id).values
    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        name = portfolio.name if portfolio is not None else ""
    return {
        "format": FORMAT,
        "version": VERSION,
        "portfolio": name,
        "rag_thresholds": {
            f.name: getattr(values.thresholds, f.name) for f in fields(RagThresholds)
        },
        "risk_score_rule": {
            "kind": values.score_rule.kind.value,
            "weights": {
                name: float(values.score_rule.weights.get(name, 0.0)) for name in DIMENSIONS
            },
        },
        "scoring_model": [
            {
                "code": c.code,
                "name": c.name,
                "description": c.description,
                "kind": c.kind.value,
                "weight": c.weight,
                "higher_is_better": c.higher_is_better,
            }
            for c in load_criteria(database, portfolio_id)
        ],
        "compliance_rules": [
            {
                "rule": rule.code,
                "title": rule.definition.title_in("en"),
                "enabled": rule.enabled,
                "severity": rule.severity,
                "default_severity": rule.definition.severity,
                "parameters": dict(rule.overrides),
                "effective_parameters": dict(rule.parameters),
            }
            for rule in compliance.load_rules(database, portfolio_id, values.thresholds)
        ],
    }


def read_rules_file(path: Path) -> dict[str, Any]:
    """The document in a rules file; a clear ValidationError when it is not one."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path} is not a UTF-8 text file.") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from None
    if not isinstance(document, dict):
        raise ValidationError(f"{path}: expected a JSON object with the rules.")
    return document


@dataclass
class RulesImport:
    """The checked commands of a document and what each changes (empty: nothing to do)."""

    commands: list[Command] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    #: Criteria the portfolio has and the document does not list (kept).
    kept: list[str] = field(default_factory=list)

    def command(self) -> Command | None:
        """One undo step for the whole import (None when nothing changes)."""
        if not self.commands:
            return None
        return CompositeCommand(list(self.commands), "Import the governance rules")


def _number(where: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValidationError(f"{where} must be a number, not {json.dumps(value)}.")
    return float(value)


def _object(where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(f"{where} must be a JSON object.")
    return value


def _unknown(where: str, found: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    extra = sorted(set(found) - set(allowed))
    if extra:
        raise ValidationError(
            f"{where}: unknown key {', '.join(extra)} (expected {', '.join(allowed)})."
        )


def _rule_values(document: dict[str, Any], current: RuleValues) -> RuleValues:
    thresholds = current.thresholds
    if "rag_thresholds" in document:
        given = _object("rag_thresholds", document["rag_thresholds"])
        names = tuple(f.name for f in fields(RagThresholds))
        _unknown("rag_thresholds", given, names)
        changes: dict[str, Any] = {}
        for name, value in given.items():
            number = _number(f"rag_thresholds.{name}", value)
            if name == "high_risk_score":
                if number != int(number):
                    raise ValidationError("rag_thresholds.high_risk_score must be a whole number.")
                changes[name] = int(number)
            else:
                changes[name] = number
        thresholds = RagThresholds(**{**{n: getattr(thresholds, n) for n in names}, **changes})
    rule = current.score_rule
    if "risk_score_rule" in document:
        given = _object("risk_score_rule", document["risk_score_rule"])
        _unknown("risk_score_rule", given, ("kind", "weights"))
        kind = rule.kind
        if "kind" in given:
            try:
                kind = ScoreRule(given["kind"])
            except ValueError:
                choices = ", ".join(item.value for item in ScoreRule)
                raise ValidationError(
                    f"risk_score_rule.kind {json.dumps(given['kind'])} is not one of {choices}."
                ) from None
        weights = dict(rule.weights)
        if "weights" in given:
            given_weights = _object("risk_score_rule.weights", given["weights"])
            _unknown("risk_score_rule.weights", given_weights, DIMENSIONS)
            for name, value in given_weights.items():
                weights[name] = _number(f"risk_score_rule.weights.{name}", value)
        rule = RiskScoreRule(kind, weights)
    values = RuleValues(thresholds, rule)
    values.validate()
    return values


def _criteria_commands(
    database: Database, portfolio_id: int, entries: Any, plan: RulesImport
) -> None:
    if not isinstance(entries, list):
        raise ValidationError("scoring_model must be a list of criteria.")
    existing = {c.code.casefold(): c for c in load_criteria(database, portfolio_id)}
    seen: set[str] = set()
    for index, entry in enumerate(entries, 1):
        where = f"scoring_model[{index}]"
        entry = _object(where, entry)
        _unknown(where, entry, _CRITERION_KEYS)
        code = str(entry.get("code", "")).strip()
        if not code:
            raise ValidationError(f"{where} needs a code.")
        if code.casefold() in seen:
            raise ValidationError(f"{where}: the code {code} is listed twice.")
        seen.add(code.casefold())
        if "weight" in entry:
            _number(f"{where}.weight", entry["weight"])
        if "kind" in entry and entry["kind"] not in {kind.value for kind in CriterionKind}:
            choices = ", ".join(kind.value for kind in CriterionKind)
            raise ValidationError(
                f"{where}.kind {json.dumps(entry['kind'])} is not one of {choices}."
            )
        if "higher_is_better" in entry and not isinstance(entry["higher_is_better"], bool):
            raise ValidationError(f"{where}.higher_is_better must be true or false.")
        for name in ("name", "description"):
            if name in entry and not isinstance(entry[name], str):
                raise ValidationError(f"{where}.{name} must be a text.")
        criterion = existing.get(code.casefold())
        try:
            if criterion is None:
                plan.commands.append(
                    add_criterion(
                        database, portfolio_id, code, str(entry.get("name", "")),
                        kind=CriterionKind(entry.get("kind", CriterionKind.OBJECTIVE.value)),
                        weight=entry.get("weight", 1.0),
                        higher_is_better=entry.get("higher_is_better"),
                        description=str(entry.get("description", "")),
                    )
                )  # fmt: skip
                plan.changes.append(f"criterion {code}: added")
                continue
            changes = {name: entry[name] for name in _CRITERION_KEYS[1:] if name in entry}
            command = edit_criterion(database, portfolio_id, criterion, changes)
        except ValidationError as exc:
            raise ValidationError(f"{where} ({code}): {exc}") from None
        if command.after:
            plan.commands.append(command)
            listed = ", ".join(f"{name} {command.before[name]!r} → {value!r}"
                               for name, value in command.after.items())  # fmt: skip
            plan.changes.append(f"criterion {criterion.code}: {listed}")
    plan.kept = [c.code for key, c in existing.items() if key not in seen]


def _unchanged(command: Command) -> bool:
    if isinstance(command, UpdateFields):
        return all(command.before.get(name) == value for name, value in command.after.items())
    if isinstance(command, CreateRow):
        values = command.values
        return bool(values["enabled"]) and values["severity"] is None and not values["parameters"]
    return False


def _compliance_commands(
    database: Database, portfolio_id: int, entries: Any, plan: RulesImport
) -> None:
    if not isinstance(entries, list):
        raise ValidationError("compliance_rules must be a list of rules.")
    current = {rule.code: rule for rule in compliance.load_rules(database, portfolio_id)}
    seen: set[str] = set()
    for index, entry in enumerate(entries, 1):
        where = f"compliance_rules[{index}]"
        entry = _object(where, entry)
        _unknown(where, entry, _RULE_KEYS + _RULE_INFO_KEYS)
        code = entry.get("rule")
        if code not in current:
            known = ", ".join(current)
            raise ValidationError(f"{where}: unknown rule {json.dumps(code)} (rules: {known}).")
        if code in seen:
            raise ValidationError(f"{where}: the rule {code} is listed twice.")
        seen.add(code)
        rule = current[code]
        enabled = entry.get("enabled", rule.enabled)
        if not isinstance(enabled, bool):
            raise ValidationError(f"{where}.enabled must be true or false.")
        severity = entry.get("severity", rule.severity)
        parameters = _object(f"{where}.parameters", entry.get("parameters", dict(rule.overrides)))
        try:
            command = compliance.rule_setting_command(
                database, portfolio_id, code, enabled=enabled, severity=severity,
                parameters=parameters,
            )  # fmt: skip
        except ValidationError as exc:
            raise ValidationError(f"{where} ({code}): {exc}") from None
        if _unchanged(command):
            continue
        plan.commands.append(command)
        state = "on" if enabled else "off"
        shown = ", ".join(f"{k}={v}" for k, v in parameters.items()) or "defaults"
        plan.changes.append(f"compliance rule {code}: {state}, {severity}, parameters {shown}")


def plan_import(
    database: Database, portfolio_id: int, document: Mapping[str, Any], *, is_pmo_admin: bool
) -> RulesImport:
    """Check the whole document and build the commands (nothing is written here).

    Changing the RAG thresholds or the risk score rule is a PMO administrator's decision,
    as in the GUI; the scoring model and compliance rules follow the database's rights."""
    document = _object("The rules file", dict(document))
    if document.get("format") != FORMAT:
        raise ValidationError(f'Not a rules file: its "format" must be "{FORMAT}".')
    if document.get("version") != VERSION:
        raise ValidationError(
            f"Rules file version {json.dumps(document.get('version'))}: "
            f"this version of PMO Desktop reads version {VERSION}."
        )
    _unknown("The rules file", document, ("format", "version", "portfolio", *SECTIONS))
    plan = RulesImport()
    current = load_rules(database, portfolio_id)
    values = _rule_values(document, current.values)
    if values != current.values:
        if not is_pmo_admin:
            raise ValidationError(
                "Only a PMO administrator changes the RAG thresholds and the risk score rule."
            )
        plan.commands.append(save_rules(database, portfolio_id, values))
        for f in fields(RagThresholds):
            before, after = (
                getattr(current.values.thresholds, f.name),
                getattr(values.thresholds, f.name),
            )
            if before != after:
                plan.changes.append(f"RAG threshold {f.name}: {before} → {after}")
        if values.score_rule != current.values.score_rule:
            plan.changes.append(f"risk score rule: {values.score_rule.kind.value}")
    if "scoring_model" in document:
        _criteria_commands(database, portfolio_id, document["scoring_model"], plan)
    if "compliance_rules" in document:
        _compliance_commands(database, portfolio_id, document["compliance_rules"], plan)
    return plan
