"""A project's second page: the Gantt extract, the top risks with their heat maps, the
pending decisions and the escalated or urgent issues, cut down (and the cuts counted) so
that they share one page."""

from __future__ import annotations

import dataclasses
import functools
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
    maps = heat_maps(page, text, style, red_from)
    width = style.frame_width

    # Each trial layout reuses the parts (and their heights) already made and measured:
    # stacked parts take the sum of their heights.
    @functools.cache
    def risk_part(rows: int) -> tuple[list[Flowable], float]:
        part = _risks_part(page, text, style, maps, red_from, rows)
        return part, measure(part, width, frame)

    @functools.cache
    def list_part(rows: int) -> tuple[list[Flowable], float]:
        part = _lists_part(page, text, style, as_of, rows)
        return part, measure(part, width, frame)

    def height(rows: tuple[int, int]) -> float:
        return risk_part(rows[0])[1] + list_part(rows[1])[1]

    cuts = _cuts(risks, listed)
    chosen = next((rows for rows in cuts if height(rows) <= room), cuts[-1])
    tail = [*risk_part(chosen[0])[0], *list_part(chosen[1])[0]]
    if page.gantt is None:
        return tail
    return [_gantt_block(page.gantt, text, style, height(chosen)), *tail]


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


def _risks_part(
    page: ProjectPage,
    text: ReportText,
    style: PackStyle,
    maps: Table,
    red_from: int,
    risk_rows: int,
) -> list[Flowable]:
    """The top risks (the first `risk_rows`) beside the heat maps, the cut counted."""
    styles = paragraph_styles(style)
    part = _risk_block(page, text, style, maps, red_from=red_from, top_risks=risk_rows)
    if risk_rows < min(len(page.top_risks), 5):
        more = text(
            "{count} more of the top risks not listed here; the heat maps count every open risk.",
            count=len(page.top_risks) - risk_rows,
        )
        part.append(Paragraph(escape(more), styles.note))
    return part


def _lists_part(
    page: ProjectPage, text: ReportText, style: PackStyle, as_of: date, list_rows: int
) -> list[Flowable]:
    """Pending decisions and escalated or urgent issues (the first `list_rows` of each, side
    by side on a landscape page), the cuts counted."""
    styles = paragraph_styles(style)
    width = style.frame_width
    part: list[Flowable] = []
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
        part.append(spacer(style, 0.4))
        part += side_by_side(
            decisions, issues, (half, half), style, max_height=style.frame_height * 0.5, gap=gap
        )
    else:
        part += decisions_and_issues(shown, text, style, as_of, width=width)
    hidden_decisions = len(page.decisions) - len(shown.decisions)
    hidden_issues = len(page.issues) - len(shown.issues)
    if hidden_decisions:
        more = text(
            "{count} more pending decisions: see Decisions required.", count=hidden_decisions
        )
        part.append(Paragraph(escape(more), styles.note))
    if hidden_issues:
        more = text("{count} more issues in the issue log.", count=hidden_issues)
        part.append(Paragraph(escape(more), styles.note))
    return part


def _gantt_block(
    extract: GanttExtract, text: ReportText, style: PackStyle, below: float
) -> Flowable:
    """The Gantt extract with its heading, as tall as leaves room on its page for what
    follows it (`below` points: risks, decisions), within a third to a half of the page."""
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
    room = frame - below - style.h3_size * 2.2
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


def heat_maps(page: ProjectPage, text: ReportText, style: PackStyle, red_from: int) -> Table:
    """The inherent and residual heat maps side by side (made once per page: each of the
    second page's trial layouts reuses them)."""
    size = heat_map_size(style)
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
    return maps


def heat_map_size(style: PackStyle) -> float:
    """The side of each heat map on a project page."""
    wide = style.landscape
    return min(style.frame_height * 0.3, style.frame_width * (0.145 if wide else 0.3))


def _risk_block(
    page: ProjectPage,
    text: ReportText,
    style: PackStyle,
    maps: Table,
    *,
    red_from: int,
    top_risks: int,
) -> list[Flowable]:
    styles = paragraph_styles(style)
    if not page.top_risks and "risks" in page.missing:
        return []
    width = style.frame_width
    wide = style.landscape
    maps_width = 2 * (heat_map_size(style) + style.gap)
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
