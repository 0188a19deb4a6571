"""A project's second page: the Gantt extract, the top risks with their heat maps, the
pending decisions and the escalated or urgent issues, cut down (and the cuts counted) so
that they share one page."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from pmo_desktop.reports.components import measure, side_by_side, spacer
from pmo_desktop.reports.data import GanttExtract, ProjectPage
from pmo_desktop.reports.gantt_extract import gantt_extract
from pmo_desktop.reports.heatmap import heat_map
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.markup import escape
from pmo_desktop.reports.sections_front import decisions_table
from pmo_desktop.reports.sections_portfolio import issues_table, risks_table
from pmo_desktop.reports.style import PackStyle, paragraph_styles

#: The least share of the page the Gantt extract keeps.
GANTT_SHARE = 0.3


def second_page(
    page: ProjectPage,
    text: ReportText,
    style: PackStyle,
    *,
    as_of: date,
    red_from: int,
    top_risks: int,
) -> list[Flowable]:
    """The Gantt extract over the risks, decisions and issues, all on one page: the lists
    are shortened (risks last) until they leave the extract a third of the page."""
    frame = style.frame_height
    room = frame - (frame * GANTT_SHARE + style.h3_size * 2.2 if page.gantt is not None else 0)
    risks = min(top_risks, len(page.top_risks))
    listed = max(len(page.decisions), len(page.issues))
    tail: list[Flowable] = []
    for risk_rows, list_rows in _cuts(risks, listed):
        tail = _tail(page, text, style, as_of, red_from, risk_rows, list_rows)
        if measure(tail, style.frame_width, frame) <= room:
            break
    if page.gantt is None:
        return tail
    return [_gantt_block(page.gantt, text, style, tail), *tail]


def _cuts(risks: int, listed: int) -> list[tuple[int, int]]:
    """Ever shorter (risks, decisions-and-issues) limits, the decisions and issues first."""
    steps = [(risks, listed), (risks, 4), (risks, 3), (4, 3), (3, 3), (3, 2), (2, 2), (2, 1)]
    steps.append((1, 1))
    seen: list[tuple[int, int]] = []
    for step in steps:
        limited = (min(step[0], risks), min(step[1], listed))
        if limited not in seen:
            seen.append(limited)
    return seen


def _tail(
    page: ProjectPage,
    text: ReportText,
    style: PackStyle,
    as_of: date,
    red_from: int,
    risk_rows: int,
    list_rows: int,
) -> list[Flowable]:
    styles = paragraph_styles(style)
    width = style.frame_width
    tail = _risk_block(page, text, style, red_from=red_from, top_risks=risk_rows)
    if risk_rows < min(len(page.top_risks), 5):
        more = text(
            "{count} more of the top risks not listed here; the heat maps count every open risk.",
            count=len(page.top_risks) - risk_rows,
        )
        tail.append(Paragraph(escape(more), styles.note))
    shown = dataclasses.replace(
        page, decisions=page.decisions[:list_rows], issues=page.issues[:list_rows]
    )
    if style.landscape and shown.decisions and shown.issues:
        half = width / 2
        gap = style.base_size * 1.6
        decisions = decisions_and_issues(
            dataclasses.replace(shown, issues=()), text, style, as_of, width=half - gap / 2
        )
        issues = decisions_and_issues(
            dataclasses.replace(shown, decisions=()), text, style, as_of, width=half - gap / 2
        )
        tail.append(spacer(style, 0.4))
        tail += side_by_side(
            decisions, issues, (half, half), style, max_height=style.frame_height * 0.5, gap=gap
        )
    else:
        tail += decisions_and_issues(shown, text, style, as_of, width=width)
    hidden_decisions = len(page.decisions) - len(shown.decisions)
    hidden_issues = len(page.issues) - len(shown.issues)
    if hidden_decisions:
        more = text(
            "{count} more pending decisions: see Decisions required.", count=hidden_decisions
        )
        tail.append(Paragraph(escape(more), styles.note))
    if hidden_issues:
        more = text("{count} more issues in the issue log.", count=hidden_issues)
        tail.append(Paragraph(escape(more), styles.note))
    return tail


def _gantt_block(
    extract: GanttExtract, text: ReportText, style: PackStyle, below: Sequence[Flowable]
) -> Flowable:
    """The Gantt extract with its heading, as tall as leaves room on its page for what
    follows it (risks, decisions), within a third to a half of the page."""
    styles = paragraph_styles(style)
    heading = Paragraph(
        escape(
            text(
                "Schedule extract: {start} – {end}",
                start=text.date(extract.window_start),
                end=text.date(extract.window_end),
            )
        ),
        styles.h3,
    )
    frame = style.frame_height
    room = frame - measure(below, style.frame_width, frame) - style.h3_size * 2.2
    high = 0.55 if style.landscape else 0.42
    chart = gantt_extract(
        extract, text, style, style.frame_width, min(frame * high, max(frame * 0.3, room))
    )
    return KeepTogether([heading, chart])


def decisions_and_issues(
    page: ProjectPage, text: ReportText, style: PackStyle, as_of: date, *, width: float
) -> list[Flowable]:
    """The project's pending decisions and escalated issues (none: nothing printed)."""
    styles = paragraph_styles(style)
    story: list[Flowable] = []
    if page.decisions:
        story += [
            Paragraph(escape(text("Decisions required")), styles.h3),
            decisions_table(page.decisions, text, style, as_of, width=width, with_project=False),
        ]
    if page.issues:
        story += [
            Paragraph(escape(text("Escalated and urgent issues")), styles.h3),
            issues_table(page.issues, text, style, as_of, width=width, with_project=False),
        ]
    return story


def _risk_block(
    page: ProjectPage, text: ReportText, style: PackStyle, *, red_from: int, top_risks: int
) -> list[Flowable]:
    styles = paragraph_styles(style)
    if not page.top_risks and "risks" in page.missing:
        return []
    width = style.frame_width
    wide = style.landscape
    size = min(style.frame_height * 0.3, width * (0.145 if wide else 0.3))
    maps = Table(
        [
            [
                heat_map(
                    page.heat_inherent, text("Inherent"), text, style, size, red_from=red_from
                ),
                heat_map(
                    page.heat_residual, text("Residual"), text, style, size, red_from=red_from
                ),
            ]
        ],
        colWidths=[size + style.gap] * 2,
        hAlign="LEFT",
    )
    maps.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    maps_width = 2 * (size + style.gap)
    table_width = width - maps_width if wide else width
    table = risks_table(
        page.top_risks[:top_risks],
        text,
        style,
        width=table_width,
        red_from=red_from,
        with_project=False,
    )
    heading = Paragraph(escape(text("Top risks")), styles.h3)
    if wide:
        return [
            heading,
            *side_by_side(
                [table],
                [maps],
                (table_width, maps_width),
                style,
                max_height=style.frame_height * 0.8,
                gap=style.gap,
            ),
        ]
    return [KeepTogether([heading, table]), spacer(style, 0.5), maps]
