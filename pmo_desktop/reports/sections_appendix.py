"""The appendix: the RAG rules in force (printed from the pack's thresholds) and a glossary."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, Paragraph

from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.components import data_table, header_cells, spacer, titled
from pmo_desktop.reports.data import PortfolioPack, Section
from pmo_desktop.reports.i18n import N_, ReportText
from pmo_desktop.reports.markup import escape
from pmo_desktop.reports.sections_front import section_heading
from pmo_desktop.reports.style import PackStyle, paragraph_styles

#: Threshold keys printed by the rule rows below; any other key is listed as it is.
_KNOWN = {
    "spi_amber", "spi_red", "cpi_amber", "cpi_red", "budget_amber_percent",
    "budget_red_percent", "slip_amber_days", "slip_red_days", "high_risk_score",
}  # fmt: skip
GLOSSARY = (
    (N_("SPI"), N_("Schedule performance index = EV ÷ PV. Below 1: behind plan.")),
    (N_("CPI"), N_("Cost performance index = EV ÷ AC. Below 1: over cost.")),
    (N_("PV"), N_("Planned value: budgeted cost of the work scheduled to date (baseline).")),
    (N_("EV"), N_("Earned value: budgeted cost of the work actually performed to date.")),
    (N_("AC"), N_("Actual cost of the work performed to date.")),
    (N_("BAC"), N_("Budget at completion: the total baselined budget.")),
    (N_("EAC"), N_("Estimate at completion = BAC ÷ CPI.")),
    (N_("VAC"), N_("Variance at completion = BAC − EAC. Negative: expected overrun.")),
    (
        N_("Slip"),
        N_(
            "Forecast finish minus baseline finish of a milestone, in working days. Positive: late."
        ),
    ),
    (
        N_("Float"),
        N_("Working time a task can slip without delaying the project; zero float = critical."),
    ),
    (
        N_("RAG"),
        N_("Red / Amber / Green rating of a status dimension, set in the project's status report."),
    ),
)


def _rule_rows(thresholds: Mapping[str, float], text: ReportText) -> list[list[str]]:
    """(measure, green, amber, red) lines of the rules whose thresholds are present."""

    def number(key: str, decimals: int = 2) -> str:
        return text.number(thresholds[key], decimals)

    rows = []
    for name, label in (
        ("spi", text("Schedule performance (SPI)")),
        ("cpi", text("Cost performance (CPI)")),
    ):
        if f"{name}_amber" in thresholds and f"{name}_red" in thresholds:
            amber, red = number(f"{name}_amber"), number(f"{name}_red")
            rows.append([label, f"≥ {amber}", f"< {amber}", f"< {red}"])
    if "budget_amber_percent" in thresholds and "budget_red_percent" in thresholds:
        amber = text.percent(thresholds["budget_amber_percent"])
        red = text.percent(thresholds["budget_red_percent"])
        rows.append(
            [
                text("Forecast at completion vs budget"),
                text("at most {value} over", value=amber),
                text("more than {value} over", value=amber),
                text("more than {value} over", value=red),
            ]
        )
    if "slip_amber_days" in thresholds and "slip_red_days" in thresholds:
        amber, red = number("slip_amber_days", 0), number("slip_red_days", 0)
        rows.append(
            [
                text("Milestone slip (working days)"),
                f"≤ {amber}",
                f"> {amber}",
                f"> {red}",
            ]
        )
    if "high_risk_score" in thresholds:
        red = number("high_risk_score", 0)
        rows.append(
            [
                text("Risk score (probability × impact)"),
                "< 5",
                text("5 to {value}", value=text.number(thresholds["high_risk_score"] - 1)),
                f"≥ {red}",
            ]
        )
    return rows


def appendix(pack: PortfolioPack, text: ReportText, style: PackStyle) -> list:
    """RAG rules in force, the portfolio's overall rule, and the KPI glossary."""
    styles = paragraph_styles(style)
    width = style.frame_width
    story: list[Flowable] = [section_heading(text("Appendix"), Section.APPENDIX, style)]
    rows = [
        [Paragraph(escape(cell), styles.cell) for cell in row]
        for row in _rule_rows(pack.thresholds, text)
    ]
    extra: list[tuple] = []
    for index in range(1, len(rows) + 1):
        for column, rag in ((1, Rag.GREEN), (2, Rag.AMBER), (3, Rag.RED)):
            extra += [("LINEBEFORE", (column, index), (column, index), 3, style.rag_colour(rag))]
    header = header_cells(
        [text("Measure"), text.rag(Rag.GREEN), text.rag(Rag.AMBER), text.rag(Rag.RED)], style
    )
    other = sorted(set(pack.thresholds) - _KNOWN)
    body: list[Flowable] = []
    if rows:
        body.append(
            data_table(
                header,
                rows,
                [width * 0.34, width * 0.22, width * 0.22, width * 0.22],
                style,
                extra=extra,
            )
        )
    for key in other:
        body.append(
            Paragraph(escape(f"{key} = {text.number(pack.thresholds[key], 2)}"), styles.body)
        )
    if not body:
        body.append(Paragraph(escape(text("No threshold is recorded.")), styles.note))
    story += titled(Paragraph(escape(text("RAG rules in force")), styles.h2), body)
    story.append(spacer(style, 0.5))
    rule = text(
        "The portfolio is rated Red when at least {red} of its rated projects are Red; Amber "
        "when at least {amber} are Red or Amber; Green otherwise. Projects without a status "
        "report are not rated and not counted.",
        red=text.percent(pack.overall_red_share),
        amber=text.percent(pack.overall_amber_share),
    )
    story.append(Paragraph(escape(rule), styles.body))
    computed = text(
        "Dimension ratings are those of each project's latest status report up to the as-of "
        "date; the arrows compare them with the previous report. SPI, CPI, slips and the "
        "forecast are computed from the schedule, the baseline and the costs on the as-of date."
    )
    story.append(Paragraph(escape(computed), styles.body))
    story.append(spacer(style, 0.5))
    glossary = [
        [
            Paragraph(f"<b>{escape(text(term))}</b>", styles.cell),
            Paragraph(escape(text(meaning)), styles.cell),
        ]
        for term, meaning in GLOSSARY
    ]
    story += titled(
        Paragraph(escape(text("Glossary")), styles.h2),
        [
            data_table(
                header_cells([text("Term"), text("Meaning")], style),
                glossary,
                [width * 0.14, width * 0.86],
                style,
            )
        ],
    )
    return story
