"""One project's pages: head with RAG chips, commentary, milestones, S-curve and EVM,
Gantt extract, top risks with heat maps, decisions and escalated issues."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date

from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak, Paragraph, Table, TableStyle

from pmo_desktop.reports.charts import s_curve_chart
from pmo_desktop.reports.components import (
    Anchor,
    Chip,
    Deferred,
    Outline,
    column_widths,
    data_table,
    first_fitting,
    header_cells,
    hex_of,
    measure,
    note_box,
    rag_cell,
    rag_fill,
    side_by_side,
    spacer,
    split_table_block,
    titled,
)
from pmo_desktop.reports.data import DIMENSIONS, EvmFigures, MilestoneLine, ProjectPage
from pmo_desktop.reports.i18n import N_, ReportText
from pmo_desktop.reports.markup import bold, escape, shorten
from pmo_desktop.reports.project_second_page import second_page
from pmo_desktop.reports.sections_portfolio import (
    CELL_LIMIT,
    ratio_colour,
    slip_text,
)
from pmo_desktop.reports.style import PackStyle, paragraph_styles

MISSING_NOTES = {
    "status_report": N_(
        "No status report up to the as-of date: ratings and commentary are not available."
    ),
    "baseline": N_("No baseline: slip and earned value cannot be computed."),
    "risks": N_("No open risk is recorded for this project."),
    "costs": N_("No cost data: budget, actual cost and the S-curve cannot be shown."),
    "schedule": N_("No schedule: milestones and the Gantt extract cannot be shown."),
}
_MISSING_ORDER = ("status_report", "schedule", "baseline", "costs", "risks")


def missing_notes(page: ProjectPage, text: ReportText) -> list[str]:
    """The translated sentences saying what the project lacks, in a stable order."""
    rank = {key: position for position, key in enumerate(_MISSING_ORDER)}
    keys = sorted(page.missing, key=lambda key: (rank.get(key, len(rank)), key))
    return [
        text(MISSING_NOTES[key]) if key in MISSING_NOTES else text("Missing: {what}", what=key)
        for key in keys
    ]


def project_head(
    page: ProjectPage,
    text: ReportText,
    style: PackStyle,
    thresholds: Mapping[str, float] | None = None,
) -> list[Flowable]:
    """Code and programme, name, people and phase, then the overall and dimension chips."""
    styles = paragraph_styles(style)
    summary = page.summary
    kicker = " · ".join(part for part in (summary.code, summary.programme) if part.strip())
    facts = [
        (text("Manager"), summary.manager),
        (text("Sponsor"), summary.sponsor),
        (text("Phase"), summary.phase),
        (text("Method"), text.value(summary.method)),
        (text("Status"), text.value(summary.status)),
    ]
    meta = " · ".join(
        f'<font color="{hex_of(style.muted)}">{escape(label)}</font> {escape(shorten(value, 80))}'
        for label, value in facts
        if value and value.strip() and value != "—"
    )
    period = ""
    if page.period_start is not None or page.period_end is not None:
        period = text(
            "Report for {start} – {end}",
            start=text.date(page.period_start),
            end=text.date(page.period_end),
        )
        if page.report_author.strip():
            period += " · " + text("by {author}", author=shorten(page.report_author, 80))
    name_style = styles.h1.clone("project_name", spaceAfter=style.base_size * 0.2)
    left: list[Flowable] = [
        Paragraph(escape(kicker), styles.h3.clone("kicker", spaceBefore=0, textColor=style.muted)),
        Paragraph(escape(shorten(summary.name, 300)), name_style),
        Paragraph(meta, styles.small),
    ]
    if period:
        left.append(Paragraph(escape(period), styles.small))
    overall = summary.ratings.get("overall")
    chip_width = style.base_size * 11
    trend = summary.trends.get("overall")
    overall_label = text.rag(overall) + (f" {text.trend_arrow(trend)}" if trend else "")
    right = Chip(
        overall,
        overall_label,
        style,
        width=chip_width,
        height=style.h2_size * 2.4,
        font_size=style.h2_size,
        caption=text("Overall"),
    )
    head = Table(
        [[left, right]],
        colWidths=[style.frame_width - chip_width - style.gap, chip_width + style.gap],
        hAlign="LEFT",
    )
    head.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [head, spacer(style, 0.5), _dimension_strip(page, text, style, thresholds or {})]


def _dimension_strip(
    page: ProjectPage, text: ReportText, style: PackStyle, thresholds: Mapping[str, float]
) -> Table:
    """Dimension chips and the headline figures in one band."""
    styles = paragraph_styles(style)
    summary = page.summary
    cells: list = []
    chip_column = min(style.base_size * 9, (style.frame_width - style.base_size * 15) / 5)
    chip_width = chip_column - style.base_size * 0.8
    for key in DIMENSIONS[1:]:
        rag = summary.ratings.get(key)
        label = text.rag(rag)
        if summary.trends.get(key):
            label += f" {text.trend_arrow(summary.trends.get(key))}"
        cells.append(
            Chip(
                rag,
                label,
                style,
                width=chip_width,
                height=style.base_size * 2.1,
                font_size=style.table_size,
                caption=text.dimension(key),
            )
        )
    figures = [
        (text("% complete"), text.percent(summary.percent_complete), None),
        (
            text("SPI"),
            text.number(summary.spi, 2) if summary.spi is not None else "—",
            ratio_colour(summary.spi, thresholds, "spi"),
        ),
        (
            text("CPI"),
            text.number(summary.cpi, 2) if summary.cpi is not None else "—",
            ratio_colour(summary.cpi, thresholds, "cpi"),
        ),
    ]
    for label, value, colour in figures:
        value_markup = bold(escape(value))
        if colour is not None:
            value_markup = f'<font color="{hex_of(colour)}">{value_markup}</font>'
        cells.append(
            Paragraph(
                f'<font size="{style.small_size}" color="{hex_of(style.muted)}">'
                f"{escape(label)}</font><br/>{value_markup}",
                styles.cell_centre.clone(
                    "figure", fontSize=style.h3_size, leading=style.h3_size * 1.25
                ),
            )
        )
    figure_width = max(style.base_size * 5, (style.frame_width - chip_column * 5) / 3)
    table = Table([cells], colWidths=[chip_column] * 5 + [figure_width] * 3, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, style.grid),
                ("BOTTOMPADDING", (0, 0), (-1, -1), style.base_size * 0.6),
            ]
        )
    )
    return table


def commentary(page: ProjectPage, text: ReportText, style: PackStyle) -> list[Flowable]:
    """Status commentary, achievements, concerns and decisions needed (non-empty ones)."""
    styles = paragraph_styles(style)
    blocks = (
        (text("Status commentary"), page.commentary),
        (text("Key achievements"), page.achievements),
        (text("Key concerns"), page.concerns),
        (text("Decisions needed"), page.decisions_needed),
    )
    story: list[Flowable] = []
    for title, value in blocks:
        if value and value.strip():
            story += titled(
                Paragraph(escape(title), styles.h3), [Paragraph(escape(value), styles.body)]
            )
    return story


def evm_table(
    evm: EvmFigures,
    currency: str,
    text: ReportText,
    style: PackStyle,
    width: float,
    thresholds: Mapping[str, float] | None = None,
) -> Table:
    """BAC, PV, EV, AC on one line, SPI, CPI, EAC, VAC on the next."""
    thresholds = thresholds or {}
    styles = paragraph_styles(style)

    def cell(label: str, value: str, colour: object = None) -> Paragraph:
        markup = bold(escape(value))
        if colour is not None:
            markup = f'<font color="{hex_of(colour)}">{markup}</font>'
        return Paragraph(
            f'<font size="{style.small_size}" color="{hex_of(style.muted)}">{escape(label)}'
            f"</font><br/>{markup}",
            styles.cell,
        )

    def money(amount: object) -> str:
        return text.money(amount, currency, compact=width < 320)  # type: ignore[arg-type]

    def ratio(value: object) -> str:
        return text.number(value, 2) if value is not None else "—"  # type: ignore[arg-type]

    vac_colour = style.alert if evm.vac is not None and evm.vac < 0 else None
    rows = [
        [
            cell(text("BAC"), money(evm.bac)),
            cell(text("PV"), money(evm.pv)),
            cell(text("EV"), money(evm.ev)),
            cell(text("AC"), money(evm.ac)),
        ],
        [
            cell(text("SPI"), ratio(evm.spi), ratio_colour(evm.spi, thresholds, "spi")),
            cell(text("CPI"), ratio(evm.cpi), ratio_colour(evm.cpi, thresholds, "cpi")),
            cell(text("EAC"), money(evm.eac)),
            cell(text("VAC"), money(evm.vac), vac_colour),
        ],
    ]
    table = Table(rows, colWidths=[width / 4] * 4, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), style.shade),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.white),
                ("LINEAFTER", (0, 0), (-2, -1), 0.6, colors.white),
                ("TOPPADDING", (0, 0), (-1, -1), style.base_size * 0.35),
                ("BOTTOMPADDING", (0, 0), (-1, -1), style.base_size * 0.45),
            ]
        )
    )
    return table


def fitted_milestones(
    page: ProjectPage, text: ReportText, style: PackStyle, width: float, room: float
) -> list[Flowable]:
    """The milestone table with as many rows as fit `room` (at least three: beyond that the
    table splits onto the next page rather than hide more)."""
    limits = list(range(len(page.milestones), 2, -1)) or [len(page.milestones)]
    return first_fitting(
        limits,
        lambda limit: milestones_table(page, text, style, width, limit),
        width,
        room,
        style.frame_height,
    )


def kept_milestones(lines: Sequence[MilestoneLine], limit: int | None) -> tuple[MilestoneLine, ...]:
    """At most `limit` milestones, in their order, chosen for a committee: the latest one
    completed, then the open ones soonest first, then earlier completed ones."""
    if limit is None or len(lines) <= limit:
        return tuple(lines)
    done = [index for index, line in enumerate(lines) if line.done]
    still_open = [index for index, line in enumerate(lines) if not line.done]
    ranked = done[-1:] + still_open + done[-2::-1]
    return tuple(lines[index] for index in sorted(ranked[:limit]))


def milestones_table(
    page: ProjectPage,
    text: ReportText,
    style: PackStyle,
    width: float,
    limit: int | None = None,
    *,
    elsewhere: bool = False,
) -> list[Flowable]:
    """Milestones: baseline vs forecast finish, slip in working days, RAG, done or open.

    Rows beyond `limit` are counted in a note (`elsewhere`: they are in the board pack)."""
    styles = paragraph_styles(style)
    lines = kept_milestones(page.milestones, limit)
    if not lines:
        return [Paragraph(escape(text("No milestone in the schedule.")), styles.note)]
    labels = [
        text("Milestone"),
        text("Baseline"),
        text("Forecast"),
        text("Slip (d)"),
        text("RAG"),
        text("Status"),
    ]
    header = header_cells(labels, style, "lllrcl")
    rows = []
    extra: list[tuple] = []
    for index, line in enumerate(lines, start=1):
        rows.append(
            [
                Paragraph(escape(shorten(line.name, CELL_LIMIT)), styles.cell),
                text.date(line.baseline_finish),
                text.date(line.forecast_finish),
                slip_text(text, line.slip_days),
                rag_cell(text, line.rag),
                text("Done") if line.done else text("Open"),
            ]
        )
        extra += rag_fill(4, index, line.rag, style)
    widths = column_widths(width, labels, rows, {0: 1.0}, style)
    table = data_table(header, rows, widths, style, extra=extra, align="lllrcl")
    cut = len(page.milestones) - len(lines)
    if elsewhere and cut:
        more = text("{count} more milestones in the board pack.", count=cut)
        return [table, Paragraph(escape(more), styles.note)]
    if cut + page.milestones_omitted:
        more = text(
            "{count} more milestones, later or completed earlier, not listed.",
            count=cut + page.milestones_omitted,
        )
        return [table, Paragraph(escape(more), styles.note)]
    return [table]


def _evm_column(
    page: ProjectPage,
    text: ReportText,
    style: PackStyle,
    width: float,
    height: float,
    thresholds: Mapping[str, float],
    as_of: date | None = None,
) -> list[Flowable]:
    styles = paragraph_styles(style)
    currency = page.summary.currency
    column: list[Flowable] = [Paragraph(escape(text("Budget and earned value")), styles.h3)]
    if page.curve:
        as_of = as_of or page.period_end or page.curve[-1].day
        column.append(
            Deferred(
                functools.partial(
                    s_curve_chart,
                    page.curve,
                    page.evm,
                    currency,
                    as_of,
                    text,
                    style,
                    width,
                    height,
                ),
                width,
                height,
            )
        )
        column.append(spacer(style, 0.4))
    if page.evm is not None:
        column.append(evm_table(page.evm, currency, text, style, width, thresholds))
    budget = text(
        "Budget {budget} · actual {actual} · forecast at completion {forecast}",
        budget=text.money(page.summary.budget, currency),
        actual=text.money(page.summary.actual, currency),
        forecast=text.money(page.summary.forecast, currency),
    )
    column.append(spacer(style, 0.3))
    column.append(Paragraph(escape(budget), styles.small))
    return column


def project_story(
    page: ProjectPage,
    index: int,
    text: ReportText,
    style: PackStyle,
    *,
    thresholds: Mapping[str, float] | None = None,
    top_risks: int = 5,
    as_of: date | None = None,
) -> list[Flowable]:
    """The flowables of one project (its pages start with a bookmark under "Projects")."""
    thresholds = thresholds or {}
    red_from = int(thresholds.get("high_risk_score", 15))
    summary = page.summary
    title = f"{summary.code} — {summary.name}" if summary.code else summary.name
    story: list[Flowable] = [Anchor(Outline(f"p-{index}", shorten(title, 200), 1))]
    story += project_head(page, text, style, thresholds)
    notes = missing_notes(page, text)
    if notes:
        story.append(spacer(style, 0.6))
        story.append(note_box("<br/>".join(escape(note) for note in notes), style))
    width = style.frame_width
    wide = style.landscape
    as_of = as_of or page.period_end or date.min
    story.append(spacer(style, 0.3))
    if wide:
        gap = style.base_size * 1.6
        left_width = width * 0.55
        left = commentary(page, text, style)
        right = _evm_column(
            page,
            text,
            style,
            width - left_width - gap / 2,
            style.frame_height * 0.28,
            thresholds,
            as_of,
        )
        story += side_by_side(
            left,
            right,
            (left_width, width - left_width),
            style,
            max_height=style.frame_height * 0.7,
            gap=gap,
        )
    else:
        story += commentary(page, text, style)
        story += _evm_column(
            page, text, style, width * 0.7, style.frame_height * 0.24, thresholds, as_of
        )
    if page.milestones or "schedule" not in page.missing:
        # Page 1 ends with the milestones, as many as fit; page 2 holds the schedule,
        # the risks and the decisions.
        heading_room = style.h3_size * 3
        room = style.frame_height - measure(story, width, style.frame_height) - heading_room
        story += split_table_block(
            text("Milestones"), fitted_milestones(page, text, style, width, room), style
        )
    second = second_page(page, text, style, as_of=as_of, red_from=red_from, top_risks=top_risks)
    if second:
        story += [PageBreak(), *second]
    return story
