"""The board pack's compliance section: the checks at the as-of date and at the previous
status period end (for the trend), digested to counts and the worst findings per project."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pmo_desktop.reports.data import (
    ComplianceDigest,
    ComplianceFindingLine,
    ComplianceProjectLine,
    ComplianceRuleCount,
)
from pmo_desktop.services.compliance import (
    SEVERITIES,
    SEVERITY_RANK,
    ComplianceReport,
    Finding,
    check_compliance,
    previous_period_end,
    project_trend,
    weighted,
)
from pmo_desktop.services.dashboard import RagThresholds
from pmo_desktop.storage.database import Database

LANGUAGES = ("en", "fr")


def compliance_pair(
    database: Database,
    portfolio_id: int,
    as_of: date,
    *,
    project_ids: Sequence[int] | None = None,
    thresholds: RagThresholds | None = None,
) -> tuple[ComplianceReport, ComplianceReport]:
    """The findings at `as_of` and at the end of the previous status period."""
    current = check_compliance(
        database, portfolio_id, as_of, project_ids=project_ids, thresholds=thresholds
    )
    previous = check_compliance(
        database,
        portfolio_id,
        previous_period_end(as_of),
        project_ids=project_ids,
        thresholds=thresholds,
    )
    return current, previous


def _line(finding: Finding, titles: dict[str, dict[str, str]]) -> ComplianceFindingLine:
    return ComplianceFindingLine(
        rule=finding.rule,
        severity=finding.severity,
        rule_titles=titles[finding.rule],
        messages={language: finding.message(language) for language in LANGUAGES},
    )


def compliance_digest(
    current: ComplianceReport,
    previous: ComplianceReport | None,
    *,
    worst_per_project: int = 3,
    max_projects: int = 40,
) -> ComplianceDigest:
    """Counts per severity and rule (with the previous period's), and for each project with
    findings — worst first — its counts, trend and `worst_per_project` worst findings."""
    titles = {
        rule.code: {language: rule.definition.title_in(language) for language in LANGUAGES}
        for rule in current.rules
    }
    before = previous.by_rule() if previous is not None else {}
    rules = tuple(
        ComplianceRuleCount(
            rule=rule.code,
            severity=rule.severity,
            titles=titles[rule.code],
            enabled=rule.enabled,
            count=count,
            previous=before.get(rule.code) if previous is not None else None,
        )
        for rule, count in zip(current.rules, current.by_rule().values(), strict=True)
    )
    previous_by_project = previous.by_project() if previous is not None else {}
    grouped: dict[int | None, list[Finding]] = {}
    for finding in current.findings:  # already worst first
        grouped.setdefault(finding.project_id, []).append(finding)
    refs = {project.id: project for project in current.projects}
    lines: list[tuple[tuple[int, ...], ComplianceProjectLine]] = []
    for project_id, findings in grouped.items():
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in findings:
            counts[finding.severity] += 1
        earlier = previous_by_project.get(project_id)
        ref = refs.get(project_id) if project_id is not None else None
        line = ComplianceProjectLine(
            code=ref.code if ref else "",
            name=ref.name if ref else "",
            counts=counts,
            trend=project_trend(weighted(counts), weighted(earlier) if earlier else 0)
            if previous is not None
            else project_trend(weighted(counts), None),
            worst=tuple(_line(finding, titles) for finding in findings[:worst_per_project]),
            more=max(0, len(findings) - worst_per_project),
        )
        rank = tuple(-counts[severity] for severity in SEVERITIES)
        lines.append(((-max(SEVERITY_RANK[f.severity] for f in findings), *rank), line))
    lines.sort(key=lambda pair: (pair[0], pair[1].code == "", pair[1].code))
    kept = [line for _, line in lines[:max_projects]]
    return ComplianceDigest(
        as_of=current.as_of,
        previous_as_of=previous.as_of
        if previous is not None
        else previous_period_end(current.as_of),
        counts=current.by_severity(),
        previous_counts=previous.by_severity() if previous is not None else {},
        rules=rules,
        projects=tuple(kept),
        checked_projects=len(current.projects),
        projects_omitted=max(0, len(lines) - max_projects),
    )
