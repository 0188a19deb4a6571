"""`pmo-desktop compliance`: the PMO's compliance checks, findings on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

_HELP = (
    "Check the portfolio's projects against the PMO's compliance rules (approved baseline, "
    "status reports on time, risk owners and reviews, responses to high risks, milestone "
    "slips covered by approved changes, budget tolerance, resource over-allocation, gates "
    "held on time) and print the findings, worst first. Rules, severities and thresholds "
    "are the portfolio's (Compliance view › Rules). Exit 0 whatever is found: the findings "
    "are the output; --format json prints a list of objects with rule, severity, project, "
    "object and message."
)


def register(commands: Any) -> None:
    """Add the `compliance` command to the CLI's subparsers."""
    from pmo_desktop import cli

    parser = commands.add_parser(
        "compliance", help="check projects against the PMO's rules", description=_HELP
    )
    cli._add_db(parser, "database file or URL (default: your own portfolio database)")
    parser.add_argument("--project", metavar="NAME", help="only this project (code or name)")
    parser.add_argument("--portfolio", metavar="NAME", help="portfolio to check")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    parser.add_argument(
        "--as-of", type=cli._date, metavar="YYYY-MM-DD",
        help="date to check at (default: the portfolio's status date, else today)",
    )  # fmt: skip
    parser.add_argument(
        "--lang", choices=cli.LANGUAGES, default="en", help="language of the messages"
    )
    parser.set_defaults(handler=_compliance)


def _compliance(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from datetime import date

    from pmo_desktop import cli
    from pmo_desktop.errors import ValidationError
    from pmo_desktop.models import Portfolio
    from pmo_desktop.services.compliance import check_compliance
    from pmo_desktop.services.interchange.log_workbook import find_portfolio
    from pmo_desktop.services.portfolio import find_project

    database = cli._open(args.db, create=False)
    try:
        project_ids = None
        if args.project is not None:
            project = find_project(database, args.project)
            portfolio_id = project.portfolio_id
            if args.portfolio is not None and find_portfolio(database, args.portfolio) != (
                portfolio_id
            ):
                raise ValidationError(
                    f"Project {project.code} is not in the portfolio {args.portfolio!r}."
                )
            project_ids = [project.id]
        else:
            portfolio_id = find_portfolio(database, args.portfolio)
        with database.session() as session:
            portfolio = session.get(Portfolio, portfolio_id)
            stored = portfolio.as_of_date if portfolio is not None else None
        as_of = args.as_of or stored or date.today()
        report = check_compliance(database, portfolio_id, as_of, project_ids=project_ids)
    finally:
        database.close()
    findings = report.findings
    if project_ids is not None:
        findings = tuple(finding for finding in findings if finding.involves(project_ids[0]))
    if args.format == "json":
        json.dump(
            [finding.as_json(args.lang) for finding in findings],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    for finding in findings:
        where = finding.project_code or "portfolio"
        print(
            f"{finding.severity.upper():8} {where:12} {finding.rule}: {finding.message(args.lang)}"
        )
    counts = report.by_severity() if project_ids is None else _counts(findings)
    summary = ", ".join(
        f"{count} {severity}{'s' * (count != 1)}" for severity, count in counts.items()
    )
    scope = f"{len(report.projects)} project{'s' * (len(report.projects) != 1)}"
    print(f"{len(findings)} findings ({summary}) in {scope} of {report.portfolio_name} at {as_of}.")
    return 0


def _counts(findings: Any) -> dict[str, int]:
    from pmo_desktop.services.compliance import SEVERITIES

    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
