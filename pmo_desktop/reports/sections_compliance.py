"""The compliance section: findings per rule (now and at the previous period end), then
the worst findings of each project, worst projects first; tables split across pages with
their header repeated."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, Paragraph

from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.components import (
    column_widths,
    data_table,
    emphasis,
    fitted_width,
    header_cells,
    rag_fill,
    spacer,
    split_table_block,
)
from pmo_desktop.reports.data import ComplianceDigest, PortfolioPack, Section
from pmo_desktop.reports.i18n import N_, ReportText
from pmo_desktop.reports.markup import escape, shorten
from pmo_desktop.reports.sections_front import section_heading
from pmo_desktop.reports.style import PackStyle, paragraph_styles

SEVERITY_LABELS = {"error": N_("Error"), "warning": N_("Warning"), "info": N_("Info")}
#: Severities coloured as ratings: errors red, warnings amber; infos stay plain.
SEVERITY_RAG = {"error": Rag.RED, "warning": Rag.AMBER}
MESSAGE_LIMIT = 400


def _in(language: str, values: Mapping[str, str]) -> str:
    return values.get(language) or values.get("en", "")


def _counts_sentence(text: ReportText, counts: Mapping[str, int]) -> str:
    return text(
        "{errors} errors, {warnings} warnings, {infos} infos",
        errors=text.number(counts.get("error", 0)),
        warnings=text.number(counts.get("warning", 0)),
        infos=text.number(counts.get("info", 0)),
    )


def compliance_section(pack: PortfolioPack, text: ReportText, style: PackStyle) -> list:
    """The section's flowables (a note only when the checks did not run)."""
    styles = paragraph_styles(style)
    story: list[Flowable] = [section_heading(text("Compliance"), Section.COMPLIANCE, style)]
    digest = pack.compliance
    if digest is None:
        story.append(Paragraph(escape(text("The compliance checks were not run.")), styles.note))
        return story
    summary = text(
        "{counts} in {projects} checked projects on {date}; {previous_counts} on {previous}.",
        counts=_counts_sentence(text, digest.counts),
        projects=text.number(digest.checked_projects),
        date=text.date(digest.as_of),
        previous_counts=_counts_sentence(text, digest.previous_counts),
        previous=text.date(digest.previous_as_of),
    )
    story.append(Paragraph(escape(summary), styles.body))
    story.append(spacer(style, 0.5))
    story += split_table_block(text("Findings by rule"), [_rules_table(digest, text, style)], style)
    story.append(spacer(style))
    story += split_table_block(
        text("Worst findings per project"), [_projects_table(digest, text, style)], style
    )
    notes = [
        text(
            "Trend: the project's findings (errors weigh 3, warnings 2, infos 1) against "
            "those the same rules give on {previous}.",
            previous=text.date(digest.previous_as_of),
        )
    ]
    if digest.projects_omitted:
        notes.append(
            text(
                "{count} more projects with findings are not listed: see the Compliance view.",
                count=text.number(digest.projects_omitted),
            )
        )
    story += [Paragraph(escape(note), styles.note) for note in notes]
    return story


def _severity_cell(
    text: ReportText, severity: str, column: int, row: int, style: PackStyle
) -> tuple[str, list[tuple]]:
    label = text(SEVERITY_LABELS.get(severity, severity))
    rag = SEVERITY_RAG.get(severity)
    return label, rag_fill(column, row, rag, style) if rag is not None else []


def _rules_table(digest: ComplianceDigest, text: ReportText, style: PackStyle) -> Flowable:
    styles = paragraph_styles(style)
    rows: list[list[object]] = []
    extra: list[tuple] = []
    for index, rule in enumerate(digest.rules, start=1):
        severity, commands = _severity_cell(text, rule.severity, 1, index, style)
        previous = "—" if rule.previous is None else text.number(rule.previous)
        if not rule.enabled:
            count, previous = text("Off"), "—"
            extra.append(("TEXTCOLOR", (0, index), (-1, index), style.muted))
        else:
            count = text.number(rule.count)
            extra += commands
            if rule.count:
                extra += emphasis(2, index, style)
        rows.append(
            [
                Paragraph(escape(_in(text.language, rule.titles)), styles.cell),
                severity,
                count,
                previous,
                _trend(text, rule.count, rule.previous) if rule.enabled else "",
            ]
        )
    labels = [
        text("Rule"),
        text("Severity"),
        text("Findings"),
        text("On {date}", date=text.date(digest.previous_as_of)),
        text("Trend"),
    ]
    width = min(style.frame_width, style.frame_width * 0.75 if style.landscape else 1e9)
    widths = column_widths(width, labels, rows, {0: 1.0}, style)
    # The previous period's date on one header line, taken from the rule column.
    dated = fitted_width([labels[3]], style, bold_font=True)
    widths[0] -= max(0.0, dated - widths[3])
    widths[3] = max(widths[3], dated)
    return data_table(
        header_cells(labels, style, "lcrrc"), rows, widths, style, extra=extra, align="lcrrc"
    )


def _trend(text: ReportText, now: int, before: int | None) -> str:
    if before is None:
        return ""
    arrow = "▲" if now < before else "▼" if now > before else "►"
    return arrow


def _projects_table(digest: ComplianceDigest, text: ReportText, style: PackStyle) -> Flowable:
    styles = paragraph_styles(style)
    if not digest.projects:
        return Paragraph(
            escape(text("No finding: every checked project follows the rules.")), styles.note
        )
    rows: list[list[object]] = []
    extra: list[tuple] = []
    codes: list[str] = []
    for project in digest.projects:
        first = len(rows) + 1
        code = project.code or text("Portfolio")
        codes.append(code)
        name = project.name if project.code else text("Portfolio-level risks and resources")
        counts = " · ".join(
            text.number(project.counts.get(severity, 0))
            for severity in ("error", "warning", "info")
        )
        for position, finding in enumerate(project.worst):
            index = first + position
            severity, commands = _severity_cell(text, finding.severity, 3, index, style)
            extra += commands
            head: list[object] = (
                [
                    Paragraph(
                        f"<b>{escape(code)}</b><br/>{escape(shorten(name, 80))}", styles.cell
                    ),
                    counts,
                    text.trend_arrow(project.trend),
                ]
                if position == 0
                else ["", "", ""]
            )
            message = shorten(_in(text.language, finding.messages), MESSAGE_LIMIT)
            rows.append([*head, severity, Paragraph(escape(message), styles.cell)])
        if project.more:
            rows.append(
                [
                    "",
                    "",
                    "",
                    "",
                    Paragraph(
                        escape(text("… and {count} more", count=text.number(project.more))),
                        styles.cell,
                    ),
                ]
            )
            extra.append(("TEXTCOLOR", (4, len(rows)), (4, len(rows)), style.muted))
        # A line above each project's first row groups its findings.
        extra.append(("LINEABOVE", (0, first), (-1, first), 0.8, style.grid))
    labels = [
        text("Project"),
        text("Errors · warnings · infos"),
        text("Trend"),
        text("Severity"),
        text("Finding"),
    ]
    widths = column_widths(
        style.frame_width, labels, rows, {4: 1.0}, style, fit={0: codes}, fit_cap=0.18
    )
    widths[0] = max(widths[0], style.frame_width * 0.16)
    widths[4] = style.frame_width - sum(widths[:4])
    return data_table(
        header_cells(labels, style, "lccc"),
        rows,
        widths,
        style,
        extra=extra,
        zebra=False,
        align="lccc",
    )
