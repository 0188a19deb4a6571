"""The portfolio-wide sections: portfolio table, resource loading, risks, decisions."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.charts import role_loading_chart
from pmo_desktop.reports.components import (
    Deferred,
    RotatedLabel,
    column_widths,
    data_table,
    emphasis,
    header_cells,
    hex_of,
    rag_cell,
    rag_fill,
    spacer,
    split_table_block,
)
from pmo_desktop.reports.data import (
    DIMENSIONS,
    IssueLine,
    PortfolioPack,
    ProjectSummary,
    RiskLine,
    RoleLoad,
    Section,
)
from pmo_desktop.reports.heatmap import heat_map
from pmo_desktop.reports.i18n import ReportText
from pmo_desktop.reports.markup import bold, escape, shorten
from pmo_desktop.reports.sections_front import (
    CELL_TEXT_LIMIT,
    decisions_table,
    section_heading,
)
from pmo_desktop.reports.style import PackStyle, paragraph_styles

OVER_FILL = colors.HexColor("#F9DEDE")
AMBER_TEXT = colors.HexColor("#9C6500")
CELL_LIMIT = CELL_TEXT_LIMIT


def slip_text(text: ReportText, days: float | None) -> str:
    """ "+6", "-2", "0", "—": working days, signed, one decimal only when fractional."""
    if days is None:
        return "—"
    decimals = 0 if float(days).is_integer() else 1
    value = text.number(days, decimals)
    return f"+{value}" if days > 0 else value


def ratio_colour(value: Decimal | None, thresholds: Mapping[str, float], name: str) -> object:
    """Red/amber text colour of an SPI or CPI by the thresholds in force (None if fine)."""
    if value is None:
        return None
    if value < Decimal(str(thresholds.get(f"{name}_red", 0.85))):
        return colors.HexColor("#C00000")
    if value < Decimal(str(thresholds.get(f"{name}_amber", 0.95))):
        return AMBER_TEXT
    return None


def _coloured(markup: str, colour: object) -> str:
    if colour is None:
        return markup
    return f'<font color="{hex_of(colour)}">{bold(markup)}</font>'


def portfolio_table(pack: PortfolioPack, text: ReportText, style: PackStyle) -> list:
    """One row per project: RAG per dimension with trend, progress, SPI/CPI, money, milestone."""
    styles = paragraph_styles(style)
    story: list[Flowable] = [
        section_heading(text("Portfolio overview"), Section.PORTFOLIO_TABLE, style)
    ]
    wide = style.frame_width >= 700
    rag_header_height = (
        max(
            stringWidth(text.dimension(key), style.bold_font, style.small_size)
            for key in DIMENSIONS
        )
        + style.small_size
    )
    header: list = header_cells([text("Project")], style)
    header += [
        RotatedLabel(text.dimension(key), style, style.small_size, rag_header_height)
        for key in DIMENSIONS
    ]
    labels = [
        text("% done"),
        text("SPI"),
        text("CPI"),
        text("Budget"),
        text("Actual"),
        text("Forecast"),
    ]
    header += header_cells(labels, style, "rrrrrr")
    if wide:
        header += header_cells([text("Next milestone"), text("Slip (d)")], style, "lr")
    rows = []
    extra: list[tuple] = [
        ("VALIGN", (1, 0), (len(DIMENSIONS), 0), "BOTTOM"),
        ("LEFTPADDING", (1, 0), (len(DIMENSIONS), -1), 1),
        ("RIGHTPADDING", (1, 0), (len(DIMENSIONS), -1), 1),
        ("LINEBEFORE", (1, 1), (len(DIMENSIONS), -1), 0.6, colors.white),
        ("VALIGN", (1, 1), (len(DIMENSIONS), -1), "MIDDLE"),
    ]
    thresholds = pack.thresholds
    compact: list[list[str]] = []
    for row_index, project in enumerate(pack.projects, start=1):
        name = f"{bold(escape(project.code))} {escape(shorten(project.name, 160))}"
        name += f'<br/><font size="{style.small_size}" color="{hex_of(style.muted)}">'
        name += f"{escape(shorten(project.manager, 60))}</font>"
        milestone = _milestone_markup(project, text, style, with_slip=not wide)
        if not wide and milestone:
            name += f'<br/><font size="{style.small_size}">{milestone}</font>'
        row: list = [Paragraph(name, styles.cell)]
        for column, key in enumerate(DIMENSIONS, start=1):
            rag = project.ratings.get(key)
            row.append(rag_cell(text, rag, trend=project.trends.get(key), short=True))
            extra += rag_fill(column, row_index, rag, style)
        over = project.budget > 0 and project.forecast > project.budget * (
            1 + Decimal(str(thresholds.get("budget_red_percent", 10.0))) / 100
        )
        amounts = (project.budget, project.actual, project.forecast)
        money = [text.money(amount, project.currency) for amount in amounts]
        compact.append([text.money(amount, project.currency, compact=True) for amount in amounts])
        first = len(DIMENSIONS) + 1
        spi_colour = ratio_colour(project.spi, thresholds, "spi")
        cpi_colour = ratio_colour(project.cpi, thresholds, "cpi")
        row += [
            text.percent(project.percent_complete),
            text.number(project.spi, 2),
            text.number(project.cpi, 2),
            *money,
        ]
        if spi_colour is not None:
            extra += emphasis(first + 1, row_index, style, spi_colour)
        if cpi_colour is not None:
            extra += emphasis(first + 2, row_index, style, cpi_colour)
        if over:
            extra += emphasis(first + 5, row_index, style, style.alert)
        if wide:
            late = (project.next_milestone_slip_days or 0) > thresholds.get("slip_red_days", 15)
            row += [
                Paragraph(milestone or "—", styles.cell),
                slip_text(text, project.next_milestone_slip_days),
            ]
            if late:
                extra += emphasis(first + 7, row_index, style, style.alert)
        rows.append(row)
    if not rows:
        story.append(Paragraph(escape(text("No project is selected.")), styles.note))
        return story
    names = [text("Project")] + [""] * len(DIMENSIONS) + labels
    shares = {0: 1.0}
    if wide:
        names += [text("Next milestone"), text("Slip (d)")]
        shares = {0: 0.55, len(names) - 2: 0.45}
    widths = column_widths(style.frame_width, names, rows, shares, style)
    if widths[0] < style.frame_width * 0.22:
        money_at = len(DIMENSIONS) + 4
        for row, short in zip(rows, compact, strict=True):
            row[money_at : money_at + 3] = short
        widths = column_widths(style.frame_width, names, rows, shares, style)
    align = "l" + "c" * len(DIMENSIONS) + "rrrrrr" + ("lr" if wide else "")
    story.append(data_table(header, rows, widths, style, extra=extra, align=align))
    story.append(spacer(style, 0.4))
    legend = text(
        "Ratings: {red}, {amber}, {green}, – not rated; ▲ improving, ▼ worsening, ► unchanged, "
        "• new since the last report. Slip in working days. Amounts in {currency}; forecast at "
        "completion = actual to date + forecast of later months.",
        red=f"{text.rag(Rag.RED)[:1]} = {text.rag(Rag.RED)}",
        amber=f"{text.rag(Rag.AMBER)[:1]} = {text.rag(Rag.AMBER)}",
        green=f"{text.rag(Rag.GREEN)[:1]} = {text.rag(Rag.GREEN)}",
        currency=pack.currency,
    )
    story.append(Paragraph(escape(legend), styles.note))
    return story


def _milestone_markup(
    project: ProjectSummary, text: ReportText, style: PackStyle, *, with_slip: bool
) -> str:
    if not project.next_milestone and project.next_milestone_date is None:
        return ""
    markup = escape(shorten(project.next_milestone, 120))
    markup += f'<br/><font color="{hex_of(style.muted)}">{text.date(project.next_milestone_date)}'
    if with_slip and project.next_milestone_slip_days is not None:
        slip = slip_text(text, project.next_milestone_slip_days)
        markup += " · " + escape(text("slip {days} d", days=slip))
    return markup + "</font>"


def resource_loading(pack: PortfolioPack, text: ReportText, style: PackStyle) -> list:
    """Demand vs capacity per role: a chart, then the table with over-capacity in red."""
    styles = paragraph_styles(style)
    story: list[Flowable] = [
        section_heading(text("Resource loading by role"), Section.RESOURCES, style)
    ]
    if not pack.months or not pack.role_loads:
        story.append(
            Paragraph(
                escape(text("No assignment in the selected projects for these months.")),
                styles.note,
            )
        )
        return story
    intro = text(
        "Demand of the selected projects vs capacity, in hours per month, {first} – {last}.",
        first=text.month(pack.months[0]),
        last=text.month(pack.months[-1]),
    )
    story.append(Paragraph(escape(intro), styles.body))
    height = style.frame_height * (0.62 if style.landscape else 0.42)
    story.append(
        Deferred(
            functools.partial(
                role_loading_chart,
                pack.months,
                pack.role_loads,
                text,
                style,
                style.frame_width,
                height,
            ),
            style.frame_width,
            height,
        )
    )
    story.append(spacer(style))
    story += split_table_block(
        text("Demand and capacity per role (hours)"),
        [loading_table(pack.months, pack.role_loads, text, style)],
        style,
        major=True,
    )
    return story


def loading_table(
    months: Sequence[date], loads: Sequence[RoleLoad], text: ReportText, style: PackStyle
) -> Flowable:
    """Two rows per role (demand, capacity), one column per month; over-capacity in red."""
    styles = paragraph_styles(style)
    role_width = style.frame_width * (0.16 if style.landscape else 0.17)
    measure_width = style.frame_width * 0.09
    month_width = (style.frame_width - role_width - measure_width) / max(1, len(months))
    header = header_cells([text("Role"), ""], style) + [
        Paragraph(
            "<br/>".join(escape(part) for part in text.month(month).rsplit(" ", 1)),
            styles.cell_header_right,
        )
        for month in months
    ]
    rows = []
    extra: list[tuple] = []
    for number, load in enumerate(loads):
        demand_row, capacity_row = 1 + 2 * number, 2 + 2 * number
        shade = style.shade if number % 2 else colors.white
        extra += [
            ("SPAN", (0, demand_row), (0, capacity_row)),
            ("BACKGROUND", (0, demand_row), (-1, capacity_row), shade),
            ("LINEBELOW", (0, capacity_row), (-1, capacity_row), 0.6, style.grid),
        ]
        demand: list = [
            Paragraph(bold(escape(shorten(load.role, 80))), styles.cell),
            text("Demand"),
        ]
        capacity: list = ["", text("Capacity")]
        extra += [
            ("TEXTCOLOR", (1, capacity_row), (-1, capacity_row), style.muted),
            ("FONTNAME", (1, capacity_row), (1, capacity_row), style.italic_font),
        ]
        for index in range(len(months)):
            need = load.demand[index] if index < len(load.demand) else 0.0
            have = load.capacity[index] if index < len(load.capacity) else 0.0
            value = text.number(need)
            demand.append(value)
            capacity.append(text.number(have))
            if need > have + 0.5:
                cell = (index + 2, demand_row)
                extra += [("BACKGROUND", cell, cell, OVER_FILL)]
                extra += emphasis(index + 2, demand_row, style, style.alert)
        rows += [demand, capacity]
    widths = [role_width, measure_width] + [month_width] * len(months)
    return data_table(
        header, rows, widths, style, extra=extra, zebra=False, align="ll" + "r" * len(months)
    )


def risks_table(
    risks: Sequence[RiskLine],
    text: ReportText,
    style: PackStyle,
    *,
    width: float,
    red_from: int,
    amber_from: int = 5,
    with_project: bool = True,
    compact: bool = False,
) -> Flowable:
    """Top risks: code, risk and response plan, project, owner, scores, trend, proximity
    (compact: code, risk, score and trend only)."""
    styles = paragraph_styles(style)
    if not risks:
        return Paragraph(escape(text("No open risk.")), styles.note)
    labels = [text("Code"), text("Risk and response")]
    shares = {1: 1.0}
    fit: dict[int, list[str]] = {0: [risk.code for risk in risks]}
    if with_project and not compact:
        fit[len(labels)] = [risk.project_code for risk in risks]
        labels.append(text("Project"))
    if not compact:
        fit[len(labels)] = [shorten(risk.owner, 80) for risk in risks]
        labels.append(text("Owner"))
    score_column = len(labels)
    labels += [text("Score")] + ([] if compact else [text("Residual")]) + [text("Trend")]
    if not compact:
        labels.append(text("Proximity"))
    rows = []
    extra: list[tuple] = []
    for index, risk in enumerate(risks, start=1):
        detail = bold(escape(shorten(risk.title, CELL_LIMIT)))
        plan = shorten(risk.response_plan, CELL_LIMIT)
        response = text.value(risk.response) if risk.response else ""
        if plan or response:
            sub = escape(f"{response}: {plan}" if response and plan else response or plan)
            detail += f'<br/><font size="{style.small_size}" color="{hex_of(style.muted)}">'
            detail += f"{sub}</font>"
        row: list = [Paragraph(escape(risk.code), styles.cell), Paragraph(detail, styles.cell)]
        if with_project and not compact:
            row.append(Paragraph(escape(risk.project_code), styles.cell))
        if not compact:
            row.append(Paragraph(escape(shorten(risk.owner, 80)), styles.cell))
        row.append(f"{risk.probability}×{risk.impact} = {risk.score}")
        if not compact:
            row.append(
                f"{risk.residual_probability}×{risk.residual_impact} = {risk.residual_score}"
                if risk.residual_score is not None
                else "—"
            )
        row.append(text.trend_arrow(risk.trend))
        if not compact:
            row.append(text.date(risk.proximity))
        rows.append(row)
        zone = Rag.GREEN
        if risk.score >= red_from:
            zone = Rag.RED
        elif risk.score >= amber_from:
            zone = Rag.AMBER
        extra += rag_fill(score_column, index, zone, style)
    align = "l" * score_column + "c" * (len(labels) - score_column - (0 if compact else 1))
    align += "" if compact else "l"
    widths = column_widths(width, labels, rows, shares, style, fit=fit)
    header = header_cells(labels, style, align)
    return data_table(header, rows, widths, style, extra=extra, align=align)


def portfolio_risks(pack: PortfolioPack, text: ReportText, style: PackStyle) -> list:
    """Inherent and residual heat maps across the portfolio, then the top risks."""
    red_from = int(pack.thresholds.get("high_risk_score", 15))
    story: list[Flowable] = [section_heading(text("Portfolio risks"), Section.RISKS, style)]
    size = min(style.frame_width / 2 - style.gap * 2, style.frame_height * 0.4)
    maps = [
        heat_map(pack.heat_inherent, text("Inherent"), text, style, size, red_from=red_from),
        heat_map(pack.heat_residual, text("Residual"), text, style, size, red_from=red_from),
    ]
    story.append(_pair(maps, style))
    story.append(spacer(style))
    story += split_table_block(
        text("Top risks across the portfolio"),
        [risks_table(pack.top_risks, text, style, width=style.frame_width, red_from=red_from)],
        style,
        major=True,
    )
    return story


def _pair(flowables: list[Flowable], style: PackStyle) -> Flowable:
    table = Table([flowables], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), style.gap * 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def issues_table(
    issues: Sequence[IssueLine],
    text: ReportText,
    style: PackStyle,
    as_of: date,
    *,
    width: float | None = None,
    with_project: bool = True,
) -> Flowable:
    """Escalated issues: code, issue, project, owner, priority, due date, status."""
    styles = paragraph_styles(style)
    width = width or style.frame_width
    if not issues:
        return Paragraph(escape(text("No escalated issue.")), styles.note)
    rows = []
    extra: list[tuple] = []
    for index, issue in enumerate(issues, start=1):
        row: list = [
            Paragraph(escape(issue.code), styles.cell),
            Paragraph(escape(shorten(issue.title, CELL_LIMIT)), styles.cell),
        ]
        if with_project:
            row.append(Paragraph(escape(issue.project_code), styles.cell))
        row += [
            Paragraph(escape(shorten(issue.owner, 80)), styles.cell),
            shorten(text.value(issue.priority), 24),
            text.date(issue.due),
            shorten(text.value(issue.status), 24),
        ]
        rows.append(row)
        if issue.due is not None and issue.due < as_of:
            extra += emphasis(len(row) - 2, index, style, style.alert)
    labels = [text("Code"), text("Issue")] + ([text("Project")] if with_project else [])
    labels += [text("Owner"), text("Priority"), text("Due"), text("Status")]
    fit = {0: [issue.code for issue in issues], len(labels) - 4: [issue.owner for issue in issues]}
    if with_project:
        fit[2] = [issue.project_code for issue in issues]
    widths = column_widths(width, labels, rows, {1: 1.0}, style, fit=fit)
    header = header_cells(labels, style)
    return data_table(header, rows, widths, style, extra=extra)


def decisions_section(pack: PortfolioPack, text: ReportText, style: PackStyle) -> list:
    """Every pending decision, then the escalated issues the committee should know."""
    story: list[Flowable] = [
        section_heading(text("Decisions required"), Section.DECISIONS, style),
        decisions_table(pack.decisions, text, style, pack.as_of),
        spacer(style),
    ]
    story += split_table_block(
        text("Escalated issues"),
        [issues_table(pack.escalated_issues, text, style, pack.as_of)],
        style,
        major=True,
    )
    return story
