"""The one-page project status report: the head of the project's board-pack page, its
commentary, milestones, top risks and earned value, always on exactly one page.

Long texts are cut with an explicit "(continued in the board pack)" marker and long
tables keep their first rows with a "n more" note: never silently, never a second page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import BinaryIO

from reportlab.platypus import Flowable, Paragraph

from pmo_desktop.errors import PmoError, ValidationError
from pmo_desktop.reports.components import measure, note_box, side_by_side, spacer
from pmo_desktop.reports.data import PackOptions, PortfolioPack, ProjectPage
from pmo_desktop.reports.document import BODY_TEMPLATE, PackDocument, RunningText
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.markup import ELLIPSIS, escape, plain, shorten
from pmo_desktop.reports.project_page import (
    evm_table,
    milestones_table,
    missing_notes,
    project_head,
)
from pmo_desktop.reports.project_second_page import decisions_and_issues
from pmo_desktop.reports.sections_portfolio import risks_table
from pmo_desktop.reports.style import PackStyle, pack_style, paragraph_styles

#: Shortest a cut text gets before the report gives up cutting it further.
MIN_TEXT = 160
#: Rows kept of each table, from generous to terse, until the page fits.
_ROW_LIMITS = (
    (10, 5, 5), (8, 5, 4), (6, 4, 3), (5, 3, 2), (4, 3, 1), (3, 2, 1), (2, 1, 1), (1, 1, 0),
)  # fmt: skip


def _blocks(page: ProjectPage, text: ReportText) -> list[tuple[str, str]]:
    return [
        (title, plain(value).strip())
        for title, value in (
            (text("Status commentary"), page.commentary),
            (text("Key achievements"), page.achievements),
            (text("Key concerns"), page.concerns),
            (text("Decisions needed"), page.decisions_needed),
        )
        if value and value.strip()
    ]


def _text_column(
    blocks: Sequence[tuple[str, str]], limits: Sequence[int], text: ReportText, style: PackStyle
) -> list[Flowable]:
    styles = paragraph_styles(style)
    marker = f" {ELLIPSIS} " + text("(continued in the board pack)")
    story: list[Flowable] = []
    for (title, value), limit in zip(blocks, limits, strict=True):
        shown = value if len(value) <= limit else shorten(value, limit, "") + marker
        story += [Paragraph(escape(title), styles.h3), Paragraph(escape(shown), styles.body)]
    return story


def _fit_texts(
    blocks: Sequence[tuple[str, str]],
    text: ReportText,
    style: PackStyle,
    width: float,
    max_height: float,
) -> list[Flowable] | None:
    """The commentary blocks cut (longest first) until they fit `max_height`; None if even
    the shortest cut does not fit."""
    limits = [len(value) for _, value in blocks]
    for _ in range(200):
        story = _text_column(blocks, limits, text, style)
        if measure(story, width, max_height) <= max_height:
            return story
        longest = max(range(len(limits)), key=lambda index: limits[index])
        if limits[longest] <= MIN_TEXT:
            return None
        limits[longest] = max(MIN_TEXT, int(limits[longest] * 0.8))
    return None


def _facts_column(
    page: ProjectPage,
    pack: PortfolioPack,
    text: ReportText,
    style: PackStyle,
    width: float,
    rows: tuple[int, int, int],
) -> list[Flowable]:
    """Milestones, top risks and earned value, each table cut to its row limit."""
    styles = paragraph_styles(style)
    milestone_rows, risk_rows, _ = rows
    red_from = int(pack.thresholds.get("high_risk_score", 15))
    story: list[Flowable] = []
    if page.milestones:
        story += [
            Paragraph(escape(text("Milestones")), styles.h3),
            *milestones_table(page, text, style, width, limit=milestone_rows, elsewhere=True),
        ]
    if page.top_risks:
        risks = page.top_risks[:risk_rows]
        story += [
            Paragraph(escape(text("Top risks")), styles.h3),
            risks_table(
                risks,
                text,
                style,
                width=width,
                red_from=red_from,
                with_project=False,
                compact=True,
            ),
        ]
        if len(page.top_risks) > risk_rows:
            more = text(
                "{count} more risks in the board pack.", count=len(page.top_risks) - risk_rows
            )
            story.append(Paragraph(escape(more), styles.note))
    if page.evm is not None:
        story += [
            Paragraph(escape(text("Budget and earned value")), styles.h3),
            evm_table(page.evm, page.summary.currency, text, style, width, pack.thresholds),
        ]
    return story


def _decisions_column(
    page: ProjectPage,
    pack: PortfolioPack,
    text: ReportText,
    style: PackStyle,
    width: float,
    count: int,
) -> list[Flowable]:
    """Pending decisions and escalated issues, at most `count` of each."""
    styles = paragraph_styles(style)
    kept = dataclasses.replace(page, decisions=page.decisions[:count], issues=page.issues[:count])
    story = decisions_and_issues(kept, text, style, pack.as_of, width=width)
    left_out = len(page.decisions) + len(page.issues) - len(kept.decisions) - len(kept.issues)
    if left_out:
        more = text("{count} more decisions and issues in the board pack.", count=left_out)
        story.append(Paragraph(escape(more), styles.note))
    return story


def _story(
    pack: PortfolioPack, page: ProjectPage, text: ReportText, style: PackStyle, slack: float
) -> list[Flowable]:
    """The page's flowables, cut to fit the frame less `slack` points."""
    head: list[Flowable] = project_head(page, text, style, pack.thresholds)
    notes = missing_notes(page, text)
    if notes:
        head += [spacer(style, 0.5), note_box("<br/>".join(escape(n) for n in notes), style)]
    head.append(spacer(style, 0.3))
    width = style.frame_width
    room = style.frame_height - measure(head, width, style.frame_height) - slack
    blocks = _blocks(page, text)
    wide = style.landscape
    gap = style.base_size * 1.6
    left_width = width * 0.48 if wide else width
    right_width = width - left_width if wide else width
    inner_left = left_width - gap / 2 if wide else width
    inner_right = right_width - gap / 2 if wide else width
    for rows in _ROW_LIMITS:
        facts = _facts_column(page, pack, text, style, inner_right, rows)
        decisions = _decisions_column(page, pack, text, style, inner_left, rows[2])
        facts_height = measure(facts, inner_right, room)
        text_room = room - measure(decisions, inner_left, room)
        if not wide:
            text_room -= facts_height
        if facts_height > room or text_room <= 0:
            continue
        texts = _fit_texts(blocks, text, style, inner_left, text_room) if blocks else []
        if texts is None:
            continue
        if wide:
            return head + side_by_side(
                texts + decisions,
                facts,
                (left_width, right_width),
                style,
                max_height=room,
                gap=gap,
            )
        return head + texts + decisions + facts
    return head


def render_project_status(pack: PortfolioPack, options: PackOptions, out: BinaryIO) -> int:
    """Write the one-page status report of `pack.pages[0]` to `out`; returns 1."""
    if not pack.pages:
        raise ValidationError("The status report needs a project: the pack has none.")
    page = pack.pages[0]
    text = ReportText(options.language)
    style = pack_style(options)
    summary = page.summary
    title = options.title.strip() or text(
        "Status report — {project}", project=f"{summary.code} {summary.name}".strip()
    )
    running = RunningText(
        title, text.classification(options.classification), pack.organisation, pack.as_of
    )
    for slack in (style.base_size, style.base_size * 4, style.frame_height * 0.1):
        document = PackDocument(style, text, running)
        document.pageTemplates.sort(key=lambda template: template.id != BODY_TEMPLATE)
        story = [document.page_total_marker(), *_story(pack, page, text, style, slack)]
        document.multiBuild(story)
        if document.page_total == 1:
            out.write(document.buffer.getvalue())
            return 1
    raise PmoError(f"The status report of {summary.code} does not fit on one page.")
