"""The KPI tiles across the top of the dashboard: one headline figure and a line of detail.

Figures still being computed show "…"; nothing here reads the database.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from pmo_desktop.models import Rag
from pmo_desktop.services.dashboard import DashboardTiles, RagThresholds
from pmo_desktop.ui.formatting import format_money, format_percent, rag_label
from pmo_desktop.ui.rag import RAG_COLOURS

PENDING = "…"


def _coloured(text: str, rag: Rag | None) -> str:
    colour = RAG_COLOURS[rag] if rag is not Rag.AMBER else "#B26A00"
    return f'<span style="color:{colour}">{escape(text)}</span>'


class KpiTile(QFrame):
    """A titled card: a large value (rich text) over a smaller detail line."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = QLabel(title)
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        placeholder = palette.color(QPalette.ColorRole.PlaceholderText).name()
        self.title.setStyleSheet(f"color: {placeholder};")
        self.value = QLabel(PENDING)
        self.value.setTextFormat(Qt.TextFormat.RichText)
        value_font = self.value.font()
        value_font.setPointSizeF(value_font.pointSizeF() * 1.9)
        value_font.setBold(True)
        self.value.setFont(value_font)
        self.detail = QLabel(PENDING)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def set_figures(self, value: str, detail: str, tooltip: str = "") -> None:
        """`value` and `detail` are rich text (escape user text before)."""
        self.value.setText(value)
        self.detail.setText(detail)
        self.setToolTip(tooltip)

    def value_text(self) -> str:
        """The value as plain text (for tests and accessibility)."""
        return self.value.text() if "<" not in self.value.text() else _plain(self.value.text())


def _plain(rich: str) -> str:
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(rich).toPlainText()


class KpiTiles(QWidget):
    """The row of five tiles: RAG, money, milestones, high risks, over-allocation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rag = KpiTile(self.tr("Projects by overall RAG"))
        self.money = KpiTile(self.tr("Budget · actual · forecast"))
        self.milestones = KpiTile(self.tr("Milestones due, next 90 days"))
        self.risks = KpiTile(self.tr("Open high risks"))
        self.resources = KpiTile(self.tr("Over-allocated resources"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for tile in self.tiles():
            layout.addWidget(tile)
        layout.setStretch(1, 2)
        for position in (0, 2, 3, 4):
            layout.setStretch(position, 1)
        self.clear()

    def tiles(self) -> list[KpiTile]:
        return [self.rag, self.money, self.milestones, self.risks, self.resources]

    def clear(self) -> None:
        for tile in self.tiles():
            tile.set_figures(PENDING, PENDING)

    def show_tiles(self, tiles: DashboardTiles, thresholds: RagThresholds) -> None:
        locale = QLocale()
        counts = tiles.rag_counts
        self.rag.set_figures(
            "&nbsp;&nbsp;".join(
                _coloured(locale.toString(counts.get(rag, 0)), rag)
                for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)
            ),
            " · ".join(
                [escape(rag_label(rag)).lower() for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)]
                + [self.tr("{count} no report").format(count=locale.toString(counts.get(None, 0)))]
            ),
        )
        self._show_money(tiles, thresholds, locale)
        slipped = tiles.milestones_slipped
        self.milestones.set_figures(
            locale.toString(tiles.milestones_due),
            (_coloured if slipped else lambda text, _rag: escape(text))(
                self.tr("{count} slipped vs baseline").format(count=locale.toString(slipped)),
                Rag.RED,
            ),
        )
        self.risks.set_figures(
            _coloured(locale.toString(tiles.high_risks), Rag.RED if tiles.high_risks else None)
            if tiles.high_risks
            else "0",
            escape(self.tr("score ≥ {score} of 25").format(score=thresholds.high_risk_score)),
        )
        over = tiles.over_allocated_resources
        self.resources.set_figures(
            PENDING if over is None else locale.toString(over),
            escape(self.tr("in some week of the next 90 days")),
        )

    def _show_money(
        self, tiles: DashboardTiles, thresholds: RagThresholds, locale: QLocale
    ) -> None:
        currency = tiles.currency

        def money(amount: Decimal) -> str:
            return escape(format_money(amount, currency, locale))

        overrun = thresholds.overrun_rag(tiles.budget, tiles.forecast)
        change = ""
        if tiles.budget > 0:
            percent = float((tiles.forecast - tiles.budget) * 100 / tiles.budget)
            sign = "+" if percent > 0 else ""
            change = f" ({sign}{format_percent(percent, locale)})"
        if tiles.spi is None and tiles.cpi is None and tiles.over_allocated_resources is None:
            indices = self.tr("SPI {spi} · CPI {cpi}").format(spi=PENDING, cpi=PENDING)
        else:
            indices = self.tr("SPI {spi} · CPI {cpi}").format(
                spi=_index(tiles.spi, locale), cpi=_index(tiles.cpi, locale)
            )
        detail = self.tr("Actual {actual} · Forecast {forecast}").format(
            actual=money(tiles.actual),
            forecast=_coloured(format_money(tiles.forecast, currency, locale) + change, overrun)
            if overrun in (Rag.RED, Rag.AMBER)
            else money(tiles.forecast) + escape(change),
        )
        if tiles.other_currency_projects:
            detail += "<br>" + escape(
                self.tr("{count} projects in other currencies not included").format(
                    count=tiles.other_currency_projects
                )
            )
        self.money.set_figures(
            money(tiles.budget),
            f"{detail}<br>{escape(indices)}",
            self.tr("Budget of the projects; actual cost up to the as-of date; forecast at "
                    "completion = actual to date + forecast of the later periods"),
        )  # fmt: skip


def _index(value: Decimal | None, locale: QLocale) -> str:
    return "—" if value is None else locale.toString(float(value), "f", 2)
