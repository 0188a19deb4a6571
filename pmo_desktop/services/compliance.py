"""Compliance checks: the PMO's rules as data, run over a whole portfolio in a few queries.

The rule catalogue ships in `resources/compliance_rules.json` (code, default severity,
default parameters, English and French titles and messages). A portfolio overrides a rule
row by row (`ComplianceSetting`: enabled, severity, parameters); a parameter left empty
takes the RAG threshold the catalogue names (the portfolio's `RagThresholds`). The checks
themselves live in `services.compliance_rules`.

The trend compares the findings at the as-of date with those the same rules give at the
end of the previous status period (the last day of the month before): the data is
today's, judged at that earlier date (who owned a risk then is not recorded, for example).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources
from typing import Any

from sqlalchemy import select

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import ComplianceSetting, Portfolio
from pmo_desktop.reports.data import Trend
from pmo_desktop.reports.i18n import DASH, ReportText
from pmo_desktop.services.commands import Command, CreateRow, DeleteRow, update_fields
from pmo_desktop.services.dashboard import RagThresholds, portfolio_thresholds
from pmo_desktop.storage.database import Database

#: Severities, worst first.
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
CATALOGUE_FILE = "compliance_rules.json"
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class RuleDefinition:
    """A rule of the shipped catalogue."""

    code: str
    severity: str
    parameters: Mapping[str, Any]
    parameter_labels: Mapping[str, Mapping[str, str]]
    thresholds: Mapping[str, str]
    title: Mapping[str, str]
    message: Mapping[str, str]

    def title_in(self, language: str) -> str:
        return self.title.get(language) or self.title["en"]

    def parameter_label(self, name: str, language: str) -> str:
        labels = self.parameter_labels.get(name, {})
        return labels.get(language) or labels.get("en") or name


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[RuleDefinition, ...]
    checked_statuses: tuple[str, ...]

    def rule(self, code: str) -> RuleDefinition:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise NotFoundError(f"There is no compliance rule {code!r}.")


@functools.cache
def catalogue() -> Catalogue:
    """The rules PMO Desktop ships, in the catalogue's order."""
    source = resources.files("pmo_desktop.resources") / CATALOGUE_FILE
    document = json.loads(source.read_text(encoding="utf-8"))
    rules = tuple(
        RuleDefinition(
            code=entry["code"],
            severity=entry["severity"],
            parameters=dict(entry.get("parameters", {})),
            parameter_labels=dict(entry.get("parameter_labels", {})),
            thresholds=dict(entry.get("thresholds", {})),
            title=dict(entry["title"]),
            message=dict(entry["message"]),
        )
        for entry in document["rules"]
    )
    return Catalogue(rules, tuple(document.get("checked_statuses", ("active", "on_hold"))))


@dataclass(frozen=True)
class RuleSettings:
    """A rule as a portfolio applies it: the catalogue's defaults with its overrides.

    `parameters` are the effective values; `overrides` what the portfolio's row holds.
    """

    definition: RuleDefinition
    enabled: bool
    severity: str
    parameters: Mapping[str, Any]
    overrides: Mapping[str, Any] = field(default_factory=dict)
    setting_id: int | None = None
    setting_version: int | None = None

    @property
    def code(self) -> str:
        return self.definition.code

    @property
    def customised(self) -> bool:
        return self.setting_id is not None

    def parameter(self, name: str) -> Any:
        return self.parameters[name]


def _threshold_value(definition: RuleDefinition, name: str, thresholds: RagThresholds) -> Any:
    field_name = definition.thresholds.get(name)
    return getattr(thresholds, field_name) if field_name else None


def effective_rules(
    rows: Sequence[ComplianceSetting], thresholds: RagThresholds | None = None
) -> list[RuleSettings]:
    """Every catalogue rule with the portfolio's settings rows applied."""
    thresholds = thresholds or RagThresholds()
    by_rule = {row.rule: row for row in rows}
    result: list[RuleSettings] = []
    for definition in catalogue().rules:
        row = by_rule.get(definition.code)
        overrides = (
            {
                name: value
                for name, value in (row.parameters or {}).items()
                if name in definition.parameters
            }
            if row is not None
            else {}
        )
        parameters: dict[str, Any] = {}
        for name, default in definition.parameters.items():
            value = overrides.get(name, default)
            if value is None:
                value = _threshold_value(definition, name, thresholds)
            parameters[name] = value
        severity = row.severity if row is not None and row.severity in SEVERITIES else None
        result.append(
            RuleSettings(
                definition=definition,
                enabled=row.enabled if row is not None else True,
                severity=severity or definition.severity,
                parameters=parameters,
                overrides=overrides,
                setting_id=row.id if row is not None else None,
                setting_version=row.version if row is not None else None,
            )
        )
    return result


def load_rules(
    database: Database, portfolio_id: int, thresholds: RagThresholds | None = None
) -> list[RuleSettings]:
    """The rules as the portfolio applies them (catalogue order)."""
    with database.session() as session:
        thresholds = portfolio_thresholds(session, portfolio_id, thresholds)
        rows = list(
            session.scalars(
                select(ComplianceSetting).where(ComplianceSetting.portfolio_id == portfolio_id)
            )
        )
        session.expunge_all()
    return effective_rules(rows, thresholds)


@dataclass(frozen=True)
class Money:
    """An amount in a currency, formatted in the reader's language."""

    amount: Decimal
    currency: str


@dataclass(frozen=True)
class Finding:
    """One breach of one rule by one object (a project, risk, milestone, resource, gate).

    `project_id` is None for portfolio-level objects (a portfolio risk, a shared resource);
    `related_projects` are the projects a portfolio-level finding involves. `values` fill
    the rule's message placeholders and are formatted in the reader's language.
    """

    rule: str
    severity: str
    project_id: int | None
    project_code: str
    project_name: str
    object_kind: str
    object_id: int | None
    object_name: str
    values: Mapping[str, object] = field(default_factory=dict)
    related_projects: tuple[int, ...] = ()

    def message(self, language: str = "en") -> str:
        """The rule's plain-language message about this object."""
        template = catalogue().rule(self.rule).message
        text = _report_text(language if language in ("en", "fr") else "en")
        values = {name: _format(text, value) for name, value in self.values.items()}
        return (template.get(language) or template["en"]).format(object=self.object_name, **values)

    def involves(self, project_id: int) -> bool:
        return self.project_id == project_id or project_id in self.related_projects

    def as_json(self, language: str = "en") -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "project": self.project_code or None,
            "project_name": self.project_name or None,
            "object": self.object_name,
            "object_type": self.object_kind,
            "message": self.message(language),
        }


@functools.cache
def _report_text(language: str) -> ReportText:
    return ReportText(language)


def _format(text: ReportText, value: object) -> str:
    if value is None:
        return DASH
    if isinstance(value, Money):
        return text.money(value.amount, value.currency)
    if isinstance(value, date):
        return text.date(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return text.number(value, 0 if value.is_integer() else 1)
    if isinstance(value, int | Decimal):
        return text.number(value)
    return str(value)


@dataclass(frozen=True)
class ProjectRef:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class ComplianceReport:
    """The findings of a portfolio (or of some of its projects) at `as_of`."""

    portfolio_id: int
    portfolio_name: str
    as_of: date
    rules: tuple[RuleSettings, ...]
    projects: tuple[ProjectRef, ...]
    findings: tuple[Finding, ...]
    seconds: float = 0.0

    def by_severity(self) -> dict[str, int]:
        counts = Counter(finding.severity for finding in self.findings)
        return {severity: counts.get(severity, 0) for severity in SEVERITIES}

    def by_rule(self) -> dict[str, int]:
        counts = Counter(finding.rule for finding in self.findings)
        return {rule.code: counts.get(rule.code, 0) for rule in self.rules}

    def by_project(self) -> dict[int | None, dict[str, int]]:
        """Counts per severity for each checked project (None: portfolio level)."""
        counts: dict[int | None, dict[str, int]] = {
            project.id: dict.fromkeys(SEVERITIES, 0) for project in self.projects
        }
        for finding in self.findings:
            counts.setdefault(finding.project_id, dict.fromkeys(SEVERITIES, 0))
            counts[finding.project_id][finding.severity] += 1
        return counts

    def for_project(self, project_id: int) -> list[Finding]:
        return [finding for finding in self.findings if finding.involves(project_id)]


def previous_period_end(as_of: date) -> date:
    """The end of the status period before the one holding `as_of` (monthly periods)."""
    return as_of.replace(day=1) - timedelta(days=1)


def project_trend(current: int, previous: int | None) -> Trend:
    """Fewer findings than at the previous period end is better."""
    if previous is None:
        return Trend.NEW
    if current == previous:
        return Trend.SAME
    return Trend.BETTER if current < previous else Trend.WORSE


def weighted(counts: Mapping[str, int]) -> int:
    """One number per project for trends: errors weigh 3, warnings 2, infos 1."""
    return sum(SEVERITY_RANK[severity] * counts.get(severity, 0) for severity in SEVERITIES)


def check_compliance(
    database: Database,
    portfolio_id: int,
    as_of: date,
    *,
    project_ids: Sequence[int] | None = None,
    thresholds: RagThresholds | None = None,
    progress: Progress | None = None,
) -> ComplianceReport:
    """Run every enabled rule over the portfolio (or `project_ids` of it) at `as_of`."""
    from pmo_desktop.services.compliance_rules import run_rules

    with database.session() as session:
        portfolio = session.get(Portfolio, portfolio_id)
        if portfolio is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
        name = portfolio.name
    rules = load_rules(database, portfolio_id, thresholds)
    projects, findings, seconds = run_rules(
        database, portfolio_id, as_of, rules, catalogue().checked_statuses, project_ids, progress
    )
    order = {rule.code: index for index, rule in enumerate(rules)}
    findings.sort(
        key=lambda finding: (
            -SEVERITY_RANK[finding.severity],
            finding.project_code == "",
            finding.project_code,
            order[finding.rule],
            finding.object_name.casefold(),
        )
    )
    return ComplianceReport(
        portfolio_id, name, as_of, tuple(rules), tuple(projects), tuple(findings), seconds
    )


# Settings edits (undoable commands).


def _check_parameters(definition: RuleDefinition, parameters: Mapping[str, Any]) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for name, value in parameters.items():
        if name not in definition.parameters:
            raise ValidationError(f"Rule {definition.code} has no parameter {name!r}.")
        default = definition.parameters[name]
        if value is None:
            if default is None:
                checked[name] = None
            continue
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValidationError(f"{definition.code}: {name} must be true or false.")
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(f"{definition.code}: {name} must be a number.")
        elif value < 0:
            raise ValidationError(f"{definition.code}: {name} cannot be negative.")
        checked[name] = value
    return checked


def rule_setting_command(
    database: Database,
    portfolio_id: int,
    rule: str,
    *,
    enabled: bool,
    severity: str | None,
    parameters: Mapping[str, Any],
    text: str = "",
) -> Command:
    """Set a rule's enabled flag, severity (None: the default) and parameters for the
    portfolio; parameters equal to the defaults are not stored."""
    definition = catalogue().rule(rule)
    if severity is not None and severity not in SEVERITIES:
        raise ValidationError(f"Unknown severity {severity!r}: use {', '.join(SEVERITIES)}.")
    checked = _check_parameters(definition, parameters)
    stored = {
        name: value for name, value in checked.items() if value != definition.parameters[name]
    }
    if severity == definition.severity:
        severity = None
    label = text or f"Compliance rule {rule}"
    with database.session() as session:
        existing = session.scalars(
            select(ComplianceSetting).where(
                ComplianceSetting.portfolio_id == portfolio_id, ComplianceSetting.rule == rule
            )
        ).first()
        existing_id = existing.id if existing is not None else None
    if existing_id is not None:
        return update_fields(
            database,
            ComplianceSetting,
            existing_id,
            label,
            enabled=enabled,
            severity=severity,
            parameters=stored,
        )
    values = {
        "portfolio_id": portfolio_id,
        "rule": rule,
        "enabled": enabled,
        "severity": severity,
        "parameters": stored,
    }
    return CreateRow(ComplianceSetting, values, label)


def reset_rule_command(settings: RuleSettings, text: str = "") -> Command | None:
    """Back to the shipped defaults: delete the portfolio's row (None if it has none)."""
    if settings.setting_id is None or settings.setting_version is None:
        return None
    label = text or f"Reset compliance rule {settings.code}"
    return DeleteRow(ComplianceSetting, settings.setting_id, settings.setting_version, label)
