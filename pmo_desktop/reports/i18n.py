"""The pack's language: translated labels (a gettext .po catalog) and babel formats.

English msgids are the source; French comes from resources/translations/reports_fr.po,
read with babel so no compilation step is needed. Formats (dates, money, numbers) follow
the language's locale: "30 Oct 2026" / "30 oct. 2026", "€1,234,567" / "1 234 567 €".
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from decimal import Decimal
from importlib import resources

from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_compact_currency, format_currency, format_decimal

from pmo_desktop.errors import ValidationError
from pmo_desktop.models.enums import Rag
from pmo_desktop.reports.data import DEFAULT_CLASSIFICATION, LANGUAGES, Trend

#: Printed wherever a value is absent (no baseline, no cost, no date).
DASH = "—"
CATALOG_NAME = "reports_{language}.po"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a literal for the catalog without translating it here."""
    return message


_RAG_LABELS = {Rag.RED: N_("Red"), Rag.AMBER: N_("Amber"), Rag.GREEN: N_("Green")}
_DIMENSION_LABELS = {
    "overall": N_("Overall"),
    "schedule": N_("Schedule"),
    "cost": N_("Cost"),
    "scope": N_("Scope"),
    "resources": N_("Resources"),
    "benefits": N_("Benefits"),
}
#: Stored vocabularies (statuses, methods, priorities, responses) and their printed words.
_VALUES = {
    "proposed": N_("Proposed"),
    "active": N_("Active"),
    "on_hold": N_("On hold"),
    "closed": N_("Closed"),
    "cancelled": N_("Cancelled"),
    "waterfall": N_("Waterfall"),
    "agile": N_("Agile"),
    "hybrid": N_("Hybrid"),
    "low": N_("Low"),
    "medium": N_("Medium"),
    "high": N_("High"),
    "critical": N_("Critical"),
    "open": N_("Open"),
    "in_progress": N_("In progress"),
    "resolved": N_("Resolved"),
    "occurred": N_("Occurred"),
    "pending": N_("Pending"),
    "approved": N_("Approved"),
    "rejected": N_("Rejected"),
    "deferred": N_("Deferred"),
    "avoid": N_("Avoid"),
    "reduce": N_("Reduce"),
    "mitigate": N_("Mitigate"),
    "transfer": N_("Transfer"),
    "accept": N_("Accept"),
    "share": N_("Share"),
    "exploit": N_("Exploit"),
    "enhance": N_("Enhance"),
    "fallback": N_("Fallback"),
}
_TREND_ARROWS = {Trend.BETTER: "▲", Trend.WORSE: "▼", Trend.SAME: "►", Trend.NEW: "•"}
_LOCALES = {"en": "en", "fr": "fr_FR"}


@functools.cache
def catalog(language: str) -> dict[str, str]:
    """msgid → translation of one language's catalog (empty for English, the source)."""
    if language == "en":
        return {}
    source = resources.files("pmo_desktop.resources") / "translations"
    with (source / CATALOG_NAME.format(language=language)).open("rb") as stream:
        messages = read_po(stream, locale=language)
    return {
        str(message.id): str(message.string)
        for message in messages
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


class ReportText:
    """Translate labels and format values for one language of the pack."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValidationError(
                f"Report language {language!r} is not supported: choose one of "
                f"{', '.join(LANGUAGES)}."
            )
        self.language = language
        self.locale = Locale.parse(_LOCALES[language])
        self._catalog = catalog(language)
        pattern = self.locale.currency_formats["standard"].pattern
        self._money_pattern = pattern.split(";")[0].replace(".00", "")

    def __call__(self, message: str, /, **values: object) -> str:
        """The translation of `message`, with `{name}` placeholders filled from `values`."""
        translated = self._catalog.get(message, message)
        return translated.format(**values) if values else translated

    def date(self, day: date | datetime | None) -> str:
        """A day as "30 Oct 2026" / "30 oct. 2026"; "—" for no date."""
        if day is None:
            return DASH
        if isinstance(day, datetime):
            day = day.date()
        return format_date(day, "d MMM y", locale=self.locale)

    def month(self, day: date) -> str:
        """A month as "Oct 2026" / "oct. 2026"."""
        return format_date(day, "MMM y", locale=self.locale)

    def money(self, amount: Decimal | float | None, currency: str, *, compact: bool = False) -> str:
        """An amount rounded to units ("€1,234,567"), or compact ("€1.2M"); "—" for none."""
        if amount is None:
            return DASH
        if not currency:
            return self.number(amount)
        if compact:
            return format_compact_currency(amount, currency, locale=self.locale, fraction_digits=1)
        return format_currency(
            round(Decimal(str(amount))),
            currency,
            format=self._money_pattern,
            locale=self.locale,
            currency_digits=False,
        )

    def number(self, value: float | Decimal | None, decimals: int = 0) -> str:
        """A number with the locale's grouping and exactly `decimals` decimals."""
        if value is None:
            return DASH
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, value: float | None) -> str:
        """A percentage given as 0..100: "42%" / "42 %"."""
        if value is None:
            return DASH
        number = self.number(value)
        return f"{number}\u00a0%" if self.language == "fr" else f"{number}%"

    def rag(self, rag: Rag | None) -> str:
        """ "Red" / "Rouge"…; "Not rated" / "Non évalué" for no rating."""
        if rag is None:
            return self(N_("Not rated"))
        return self(_RAG_LABELS[Rag(rag)])

    def classification(self, level: str) -> str:
        """The classification as printed: ours (the default) translated, a user's as typed."""
        return self(N_("Internal")) if level == DEFAULT_CLASSIFICATION else level

    def dimension(self, key: str) -> str:
        """The label of a rated dimension (DIMENSIONS keys)."""
        return self(_DIMENSION_LABELS.get(key, key))

    def value(self, stored: str | None) -> str:
        """The printed word of a stored vocabulary value ("on_hold" → "On hold"); unknown
        values print as stored, "—" for none."""
        if not stored:
            return DASH
        return self(_VALUES.get(stored.lower(), stored))

    def trend_arrow(self, trend: Trend | None) -> str:
        """▲ better, ▼ worse, ► same, • new or unknown (all glyphs DejaVu Sans has)."""
        return _TREND_ARROWS.get(Trend(trend), "•") if trend is not None else "•"

    def trend(self, trend: Trend | None) -> str:
        """The word for a trend, for legends and screen readers."""
        labels = {
            Trend.BETTER: N_("Improving"),
            Trend.WORSE: N_("Worsening"),
            Trend.SAME: N_("Unchanged"),
            Trend.NEW: N_("New"),
        }
        return self(labels.get(Trend(trend), labels[Trend.NEW]) if trend else labels[Trend.NEW])
