"""The front of the pack: cover, contents and executive summary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.components import (
    Chip,
    Heading,
    Outline,
    column_widths,
    data_table,
    emphasis,
    fitted_width,
    header_cells,
    hex_of,
    logo_image,
    rag_fill,
    side_by_side,
    spacer,
    split_table_block,
)
from pmo_desktop.reports.data import (
    DecisionLine,
    PackOptions,
    PortfolioPack,
    RatingCounts,
    Section,
    Trend,
)
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.markup import bold, escape, shorten
from pmo_desktop.reports.style import PackStyle, paragraph_styles

_RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}
#: Longest user text printed in a table cell: a table row must fit on a page.
CELL_TEXT_LIMIT = 400


def section_heading(title: str, key: Section | str, style: PackStyle) -> Heading:
    """A section title (h1) that is bookmarked and listed on the contents page."""
    return Heading(escape(title), paragraph_styles(style).h1, Outline(f"s-{key}", title, 0))


def pack_title(pack: PortfolioPack, options: PackOptions, text: ReportText) -> str:
    """The pack's title: the template's own or "Board pack — <portfolio>"."""
    return options.title.strip() or text("Board pack — {portfolio}", portfolio=pack.portfolio)


def trend_between(current: Rag | None, previous: Rag | None) -> Trend:
    """Better, worse or same between two ratings (new when either is missing)."""
    if current is None or previous is None:
        return Trend.NEW
    change = _RANK[Rag(current)] - _RANK[Rag(previous)]
    return Trend.SAME if change == 0 else Trend.WORSE if change > 0 else Trend.BETTER


def cover_decoration(canvas: Canvas, style: PackStyle) -> None:
    """A primary-coloured band down the cover's left edge and an accent rule."""
    height = style.page_size[1]
    canvas.saveState()
    canvas.setFillColor(style.primary)
    canvas.rect(0, 0, style.margin * 0.45, height, stroke=0, fill=1)
    canvas.setFillColor(style.accent)
    canvas.rect(style.margin * 0.45, 0, style.margin * 0.12, height, stroke=0, fill=1)
    canvas.restoreState()


def cover(pack: PortfolioPack, options: PackOptions, text: ReportText, style: PackStyle) -> list:
    """Logo, title, organisation and portfolio, then period, as-of date and classification."""
    styles = paragraph_styles(style)
    story: list[Flowable] = []
    logo_height = style.frame_height * 0.14
    if options.branding.logo:
        story.append(logo_image(options.branding.logo, style.frame_width * 0.3, logo_height))
    else:
        story.append(Spacer(1, logo_height))
    story.append(Spacer(1, style.frame_height * (0.16 if style.landscape else 0.22)))
    kicker = styles.h3.clone("kicker", textColor=style.accent, spaceBefore=0)
    story.append(Paragraph(escape(text("Steering committee board pack").upper()), kicker))
    story.append(Spacer(1, style.base_size * 0.6))
    story.append(Paragraph(escape(pack_title(pack, options, text)), styles.title))
    story.append(Paragraph(escape(pack.organisation), styles.subtitle))
    story.append(Spacer(1, style.frame_height * 0.08))
    period = text(
        "{start} – {end}", start=text.date(pack.period_start), end=text.date(pack.period_end)
    )
    facts = [
        (text("Portfolio"), pack.portfolio),
        (text("Reporting period"), period),
        (text("As of"), text.date(pack.as_of)),
        (text("Projects"), text.number(len(pack.projects))),
        (text("Classification"), text.classification(options.classification)),
    ]
    label_style = styles.body.clone("cover_label", textColor=style.muted)
    value_style = styles.body.clone("cover_value", fontName=style.bold_font)
    rows = [
        [Paragraph(escape(label), label_style), Paragraph(escape(value), value_style)]
        for label, value in facts
    ]
    table = Table(rows, colWidths=[style.base_size * 12, style.frame_width * 0.5], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, style.primary),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, style.grid),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), style.base_size * 0.45),
                ("BOTTOMPADDING", (0, 0), (-1, -1), style.base_size * 0.3),
                ("TEXTCOLOR", (1, -1), (1, -1), style.alert),
            ]
        )
    )
    story.append(table)
    return story


def contents(
    text: ReportText, style: PackStyle, entries: Sequence[tuple[int, str, str]] = ()
) -> list:
    """The contents page: sections and projects with their page numbers (clickable).

    `entries` (level, title, key) are the headings to come: listing them before the first
    layout pass gives the contents page its final size at once, saving a pass.
    """
    styles = paragraph_styles(style)
    toc = TableOfContents(dotsMinLevel=0)
    toc._entries = [(level, escape(title), 0, key) for level, title, key in entries]
    room = style.base_size * 4
    toc.levelStyles = [
        styles.toc_1.clone("toc_1r", rightIndent=room),
        styles.toc_2.clone("toc_2r", rightIndent=room),
    ]
    title = Heading(
        escape(text("Contents")),
        styles.h1,
        Outline("s-contents", text("Contents"), 0, in_contents=False),
    )
    return [title, toc]


def _counts_table(pack: PortfolioPack, text: ReportText, style: PackStyle, width: float) -> Table:
    current, previous = pack.counts, pack.previous_counts

    def values(counts: RatingCounts) -> list[int]:
        return [counts.red, counts.amber, counts.green, counts.unrated]

    labels = [text.rag(Rag.RED), text.rag(Rag.AMBER), text.rag(Rag.GREEN), text.rag(None)]
    rags: list[Rag | None] = [Rag.RED, Rag.AMBER, Rag.GREEN, None]
    header = header_cells(
        ["", text("Rating"), text("This period"), text("Last period"), text("Change")],
        style,
        "llrrr",
    )
    rows = []
    extra: list[tuple] = []
    for index, (label, now, before) in enumerate(
        zip(labels, values(current), values(previous), strict=True), start=1
    ):
        change = now - before
        rows.append(
            [
                "",
                label,
                text.number(now),
                text.number(before),
                ("+" if change > 0 else "") + text.number(change),
            ]
        )
        extra += rag_fill(0, index, rags[index - 1], style) + emphasis(2, index, style)
    total_now, total_before = sum(values(current)), sum(values(previous))
    rows.append(
        [
            "",
            text("Total"),
            text.number(total_now),
            text.number(total_before),
            "",
        ]
    )
    swatch = style.base_size * 1.4
    rest = width - swatch
    widths = [swatch, rest * 0.37, rest * 0.21, rest * 0.21, rest * 0.21]
    extra += emphasis(1, len(rows), style) + emphasis(2, len(rows), style)
    return data_table(header, rows, widths, style, extra=extra, zebra=False, align="llrrr")


def _overall_block(pack: PortfolioPack, text: ReportText, style: PackStyle, width: float) -> list:
    """The portfolio's rating this period as a big chip, last period's and the trend under."""
    styles = paragraph_styles(style)
    trend = trend_between(pack.overall, pack.previous_overall)
    chip_width = min(width, style.base_size * 20)
    caption = text("Overall portfolio rating — {period}", period=text.month(pack.as_of))
    big = Chip(
        pack.overall,
        text.rag(pack.overall),
        style,
        width=chip_width,
        height=style.h1_size * 2.6,
        font_size=style.h1_size * 1.15,
    )
    label = text("Last period")
    label_width = fitted_width([label], style)
    small_width = style.base_size * 8
    previous = Chip(
        pack.previous_overall,
        text.rag(pack.previous_overall),
        style,
        width=small_width,
        height=style.base_size * 2.1,
        font_size=style.table_size,
    )
    trend_text = f"{text.trend_arrow(trend)} {text.trend(trend)}"
    row = Table(
        [[label, previous, Paragraph(escape(trend_text), styles.cell_bold)]],
        colWidths=[label_width, small_width + style.base_size, None],
        hAlign="LEFT",
    )
    row.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (0, 0), style.font),
                ("FONTSIZE", (0, 0), (0, 0), style.table_size),
                ("TEXTCOLOR", (0, 0), (0, 0), style.muted),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Paragraph(escape(caption), styles.h3.clone("caption", spaceBefore=0)),
        big,
        Spacer(1, style.base_size * 0.8),
        row,
    ]


def bullets(items: Sequence[tuple[str, str]], style: PackStyle, empty: str) -> list:
    """One bullet per (project code, user text) pair; `empty` when there is none."""
    styles = paragraph_styles(style)
    bullet = styles.body.clone(
        "bullet", leftIndent=style.base_size * 1.4, bulletIndent=style.base_size * 0.3
    )
    if not items:
        return [Paragraph(escape(empty), styles.note)]
    return [
        Paragraph(f"{bold(escape(code))} — {escape(value)}", bullet, bulletText="•")
        for code, value in items
        if value.strip()
    ]


def decisions_table(
    decisions: Sequence[DecisionLine],
    text: ReportText,
    style: PackStyle,
    as_of: date,
    *,
    width: float | None = None,
    with_project: bool = True,
) -> Flowable:
    """Pending decisions: code, decision (and its detail), project, owner, needed by (bold
    red when already past)."""
    styles = paragraph_styles(style)
    width = width or style.frame_width
    if not decisions:
        return Paragraph(escape(text("No decision is pending.")), styles.note)
    rows = []
    extra: list[tuple] = []
    for index, decision in enumerate(decisions, start=1):
        detail = escape(shorten(decision.title, CELL_TEXT_LIMIT))
        if decision.description.strip():
            described = escape(shorten(decision.description, CELL_TEXT_LIMIT))
            detail += f'<br/><font size="{style.small_size}" color="{hex_of(style.muted)}">'
            detail += f"{described}</font>"
        row: list = [Paragraph(escape(decision.code), styles.cell), Paragraph(detail, styles.cell)]
        if with_project:
            project = decision.project_code or text("Portfolio")
            row.append(Paragraph(escape(project), styles.cell))
        row += [
            Paragraph(escape(shorten(decision.owner, 80)), styles.cell),
            text.date(decision.needed_by),
        ]
        rows.append(row)
        if decision.needed_by is not None and decision.needed_by < as_of:
            extra += emphasis(len(row) - 1, index, style, style.alert)
    labels = [text("Code"), text("Decision")] + ([text("Project")] if with_project else [])
    labels += [text("Owner"), text("Needed by")]
    fit = {
        0: [decision.code for decision in decisions],
        len(labels) - 2: [shorten(decision.owner, 80) for decision in decisions],
    }
    if with_project:
        fit[2] = [decision.project_code or text("Portfolio") for decision in decisions]
    widths = column_widths(width, labels, rows, {1: 1.0}, style, fit=fit)
    return data_table(header_cells(labels, style), rows, widths, style, extra=extra)


def executive_summary(pack: PortfolioPack, text: ReportText, style: PackStyle) -> list:
    """Overall rating this vs last period, counts, achievements, concerns, decisions."""
    styles = paragraph_styles(style)
    story: list[Flowable] = [section_heading(text("Executive summary"), Section.SUMMARY, style)]
    intro = text(
        "{portfolio}: {count} projects, reporting period {start} – {end}.",
        portfolio=pack.portfolio,
        count=text.number(len(pack.projects)),
        start=text.date(pack.period_start),
        end=text.date(pack.period_end),
    )
    story += [Paragraph(escape(intro), styles.subtitle), spacer(style)]
    width = style.frame_width
    left_width = width * (0.42 if style.landscape else 0.5)
    gap = style.base_size * 1.6
    caption = styles.h3.clone("caption", spaceBefore=0)
    counts = [
        Paragraph(escape(text("Projects by overall rating")), caption),
        _counts_table(pack, text, style, width - left_width - gap / 2),
    ]
    story += side_by_side(
        _overall_block(pack, text, style, left_width - gap / 2),
        counts,
        (left_width, width - left_width),
        style,
        max_height=style.frame_height * 0.6,
        gap=gap,
    )
    story.append(spacer(style, 0.6))
    half = width / 2
    achievements = [
        Paragraph(escape(text("Key achievements")), styles.h2),
        *bullets(pack.achievements, style, text("No achievement was reported this period.")),
    ]
    concerns = [
        Paragraph(escape(text("Key concerns")), styles.h2),
        *bullets(pack.concerns, style, text("No concern was reported this period.")),
    ]
    story += side_by_side(
        achievements, concerns, (half, half), style, max_height=style.frame_height * 0.45, gap=gap
    )
    story += split_table_block(
        text("Decisions required this meeting"),
        [decisions_table(pack.decisions, text, style, pack.as_of)],
        style,
        major=True,
    )
    return story
