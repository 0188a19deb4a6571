"""A user's own sheet (not a workbook of ours), read through a column mapping: the part
the risk, task and resource imports share, and the column-mapping dialog calls.

A `SheetKind` names our columns for one kind of row (risks, tasks, resources), the ones a
mapping needs, and the header names that usually hold each (English and French), so the
dialog can guess the obvious ones. `map_sheet` checks a mapping (our column → their header)
against the sheet and reads it; `MappedSheet` hands each row's cells to the importer and
names a cell the way every import error does: "C (Duration)". The file is checked before
openpyxl opens it (size, zip ratio: `interop.xlsx.safety`), formulas are read as text and
never evaluated.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.interop.xlsx import values
from pmo_desktop.interop.xlsx.tables import SheetRows, read_sheets
from pmo_desktop.services.interchange.log_rows import text
from pmo_desktop.services.interchange.log_sheets import LONG, RISKS, TEXT, Field


@dataclass(frozen=True)
class UserSheet:
    """A first look at a user's workbook: its sheets, and one sheet's header and first rows."""

    sheet_names: list[str]
    sheet: str
    header: list[str]
    rows: list[list[Any]]


def read_user_sheet(
    path: str | os.PathLike[str], sheet: str | None = None, samples: int = 5
) -> UserSheet:
    """The sheet names, and the header row and `samples` first rows of `sheet` (the first
    sheet by default), for a column-mapping dialog."""
    names, _ = read_sheets(path, [])
    if not names:
        raise ValidationError("The workbook has no sheet.")
    title = sheet if sheet is not None else names[0]
    _, found = read_sheets(path, [title], limit=samples)
    if title not in found:
        raise NotFoundError(f"The workbook has no sheet named {title!r}.")
    rows = found[title]
    return UserSheet(names, title, rows.header, [values for _, values in rows.rows])


@dataclass(frozen=True)
class SheetKind:
    """What a user's sheet may hold: our columns (in the dialog's order), the ones a
    mapping must include, and usual header names for each (lower case; first wins)."""

    key: str
    noun: str
    columns: tuple[str, ...]
    required: tuple[str, ...]
    synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def guess(self, header: Sequence[Any]) -> dict[str, str]:
        """Our column → their header, for every column whose header is an obvious name;
        a header is given to one column at most."""
        choices = [str(value) for value in header if str(value or "").strip()]
        folded: dict[str, str] = {}
        for choice in choices:
            folded.setdefault(choice.strip().casefold(), choice)
        taken: set[str] = set()
        found: dict[str, str] = {}
        for ours in self.columns:
            for name in (ours.casefold(), *self.synonyms.get(ours, ())):
                theirs = folded.get(name)
                if theirs is not None and theirs not in taken:
                    found[ours] = theirs
                    taken.add(theirs)
                    break
        return found


#: The risk columns a user's sheet may map (computed ones excluded).
RISK_COLUMNS = tuple(item.header for item in RISKS.fields if not item.read_only)

RISK_SHEET = SheetKind("risks", "risk", RISK_COLUMNS, ("Title",), {
    "Title": ("title", "risk", "risk title", "name", "titre", "risque", "intitulé"),
    "Owner": ("owner", "risk owner", "responsable", "propriétaire"),
    "Probability": ("probability", "likelihood", "probabilité", "p"),
    "Impact schedule": ("impact schedule", "schedule impact", "impact délai", "impact"),
    "Impact cost": ("impact cost", "cost impact", "impact coût"),
    "Category": ("category", "type", "catégorie"),
    "Status": ("status", "state", "statut"),
    "Response": ("response", "strategy", "response strategy", "réponse"),
    "Response plan": ("response plan", "mitigation", "actions", "plan de réponse"),
    "Review date": ("review date", "next review", "date de revue"),
    "Proximity": ("proximity", "due", "proximité"),
})  # fmt: skip

TASK_SHEET = SheetKind("tasks", "task", (
    "ID", "Name", "Outline level", "WBS", "Parent", "Duration", "Start", "Finish",
    "% complete", "Predecessors", "Resources", "Notes", "Milestone",
), ("Name",), {
    "ID": ("id", "#", "no", "no.", "n°", "num", "number", "task id", "numéro", "n° tâche"),
    "Name": ("name", "task name", "task", "title", "activity", "description", "nom",
             "nom de la tâche", "tâche", "activité", "libellé", "intitulé", "titre"),
    "Outline level": ("outline level", "level", "indent", "niveau", "niveau hiérarchique"),
    "WBS": ("wbs", "wbs code", "outline number", "edt", "code wbs", "numéro hiérarchique"),
    "Parent": ("parent", "parent id", "parent task", "summary task", "tâche parente",
               "tâche mère", "tâche récapitulative"),
    "Duration": ("duration", "dur.", "length", "durée", "durée (j)"),
    "Start": ("start", "start date", "begin", "begins", "début", "date de début"),
    "Finish": ("finish", "finish date", "end", "end date", "fin", "date de fin", "échéance"),
    "% complete": ("% complete", "percent complete", "% done", "progress", "complete",
                   "% achevé", "% d'achèvement", "avancement", "% avancement", "% réalisé"),
    "Predecessors": ("predecessors", "predecessor", "depends on", "dependencies",
                     "prédécesseurs", "prédécesseur", "antécédents", "dépendances"),
    "Resources": ("resources", "resource names", "resource", "assigned to", "who",
                  "ressources", "noms ressources", "noms des ressources", "ressource",
                  "affecté à", "qui"),
    "Notes": ("notes", "note", "comments", "comment", "remarks", "commentaires",
              "commentaire", "remarques"),
    "Milestone": ("milestone", "is milestone", "jalon"),
})  # fmt: skip

RESOURCE_SHEET = SheetKind("resources", "resource", (
    "Name", "Type", "Role", "Team", "Max units", "Standard rate", "Overtime rate",
    "Cost per use", "Calendar", "Email", "Code",
), ("Name",), {
    "Name": ("name", "resource name", "resource", "full name", "person", "nom",
             "nom de la ressource", "ressource", "nom complet"),
    "Type": ("type", "kind", "resource type", "type de ressource", "genre"),
    "Role": ("role", "job title", "job", "function", "position", "rôle", "fonction",
             "poste", "métier"),
    "Team": ("team", "department", "group", "dept", "dept.", "équipe", "service",
             "département", "groupe"),
    "Max units": ("max units", "max. units", "maximum units", "capacity", "availability",
                  "fte", "unités max.", "unités max", "capacité max.", "capacité max",
                  "capacité", "disponibilité"),
    "Standard rate": ("standard rate", "std. rate", "rate", "cost rate", "hourly rate",
                      "taux standard", "taux std.", "taux", "taux horaire"),
    "Overtime rate": ("overtime rate", "ovt. rate", "taux heures sup.", "taux heures supp.",
                      "taux heures supplémentaires", "taux hs"),
    "Cost per use": ("cost per use", "cost/use", "coût par utilisation", "coût/utilisation"),
    "Calendar": ("calendar", "base calendar", "calendrier", "calendrier de base"),
    "Email": ("email", "e-mail", "email address", "e-mail address", "mail", "courriel",
              "adresse de messagerie", "adresse e-mail"),
    "Code": ("code", "initials", "initiales", "matricule"),
})  # fmt: skip

#: Every kind of row a user's sheet can be imported as, by key.
SHEET_KINDS: dict[str, SheetKind] = {
    kind.key: kind for kind in (TASK_SHEET, RESOURCE_SHEET, RISK_SHEET)
}


def guess_kind(header: Sequence[Any]) -> SheetKind:
    """The kind whose columns the header names best (tasks on a tie: the usual case)."""
    scores = {
        key: len(kind.guess(header)) - (0 if set(kind.required) <= set(kind.guess(header)) else 9)
        for key, kind in SHEET_KINDS.items()
    }
    best = max(scores, key=lambda key: scores[key])
    return SHEET_KINDS[best]


@dataclass
class MappedSheet:
    """A user's sheet as read, and the column index of each of our mapped columns."""

    kind: SheetKind
    rows: SheetRows
    columns: dict[str, int]

    @property
    def title(self) -> str:
        return self.rows.title

    def where(self, ours: str) -> str:
        """How an error names the column: its letter and our column, "C (Duration)"."""
        index = self.columns.get(ours)
        letter = get_column_letter(index + 1) if index is not None else "?"
        return f"{letter} ({ours})"

    def cell(self, row: Sequence[Any], ours: str) -> Any:
        """The raw value of our column in a row (None when unmapped or past the row's end)."""
        index = self.columns.get(ours)
        if index is None or index >= len(row):
            return None
        return row[index]


def check_mapping(kind: SheetKind, mapping: Mapping[str, str]) -> None:
    """ValidationError unless `mapping` names only our columns and all the required ones."""
    unknown = [ours for ours in mapping if ours not in kind.columns]
    if unknown:
        raise ValidationError(f"{unknown[0]!r} is not a {kind.noun} column; use one of "
                              f"{', '.join(kind.columns)}.")  # fmt: skip
    for needed in kind.required:
        if needed not in mapping:
            raise ValidationError(f"Map a column of your sheet to the {kind.noun}'s {needed}.")


def map_sheet(
    path: str | os.PathLike[str],
    kind: SheetKind,
    mapping: Mapping[str, str],
    sheet: str | None = None,
) -> MappedSheet:
    """Read `sheet` (the first by default) and find each mapped header in it."""
    check_mapping(kind, mapping)
    title = sheet if sheet is not None else read_user_sheet(path, samples=0).sheet
    _, found = read_sheets(path, [title])
    if title not in found:
        raise NotFoundError(f"The workbook has no sheet named {title!r}.")
    rows = found[title]
    index = rows.index()
    columns: dict[str, int] = {}
    for ours, theirs in mapping.items():
        position = index.get(theirs.strip().casefold())
        if position is None:
            raise ValidationError(f"The sheet {title!r} has no column {theirs!r}.")
        columns[ours] = position
    return MappedSheet(kind, rows, columns)


# ----------------------------------------------------------------- cells of a user's sheet
#: Duration and lag units a user may write, English and French → MS Project's letter.
DURATION_UNITS: dict[str, str] = {
    "m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "heure": "h", "heures": "h",
    "d": "d", "dy": "d", "day": "d", "days": "d", "j": "d", "jr": "d", "jrs": "d",
    "jour": "d", "jours": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w", "sem": "w", "sem.": "w",
    "semaine": "w", "semaines": "w",
    "mo": "mo", "mon": "mo", "month": "mo", "months": "mo", "mois": "mo",
}  # fmt: skip
_DURATION = re.compile(r"^([0-9]+(?:[.,][0-9]+)?)\s*([^\d\s?]*)\s*\??$")


def duration(raw: Any, unit: str, minutes_per_unit: Callable[[str], int]) -> int | None:
    """Working minutes of a duration cell: "5d", "3 days", "2w", "1,5 j", "4 hrs"; a bare
    number is in `unit` ("d", "h", "w", "mo", "m"). None when the cell is blank."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not a duration")
    if isinstance(raw, int | float):
        amount, word = Decimal(repr(float(raw))), unit
    else:
        found = values.text(raw)
        if found.startswith("="):
            raise ValueError(f"a formula ({found[:40]}) where a duration is expected; type "
                             "the duration itself")  # fmt: skip
        match = _DURATION.match(found.casefold())
        if match is None:
            raise ValueError(f"{found[:40]!r} is not a duration (write 5d, 3 days, 2w or 4h)")
        amount = Decimal(match[1].replace(",", "."))
        word = DURATION_UNITS.get(match[2].rstrip("."), DURATION_UNITS.get(match[2], ""))
        if not match[2]:
            word = unit
        if not word:
            raise ValueError(
                f"{found[:40]!r}: unknown unit {match[2]!r} (use m, h, d, w or mo: minutes, "
                "hours, days, weeks, months)"
            )
    if amount < 0:
        raise ValueError(f"{values.text(raw)} is negative")
    return int((amount * minutes_per_unit(word)).to_integral_value())


def share(raw: Any, *, percent_above: float) -> float | None:
    """A share as a fraction (0.5 for half): "50 %" or "50%" is a percentage, and so is a
    bare number above `percent_above`; a bare number up to it is the fraction itself
    (an Excel cell formatted as a percentage holds the fraction). None when blank."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    amount = values.number(raw)
    if amount is None:
        return None
    if amount < 0:
        raise ValueError(f"{values.text(raw)} is negative")
    if (isinstance(raw, str) and "%" in raw) or amount > percent_above:
        return amount / 100
    return amount


def short_text(raw: Any, length: int, *, long: bool = False) -> str:
    """A text cell as stored (control characters refused, `length` characters at most;
    0 for no limit): trimmed, or exactly as typed when `long`. A formula stays text."""
    return text(Field("", "", LONG if long else TEXT, length=length), raw)


def blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())
