"""The risk register's read model, filters, 5 × 5 heat maps and edits.

`load_register` reads every risk of a portfolio (or of one programme or project) in one
query as frozen plain rows; `RiskFilter` narrows them in memory (5,000 risks filter in a few
milliseconds, so the view re-filters on every keystroke without going back to the database);
`heat_counts` counts the filtered rows per (probability, impact) cell. `edit_risk` builds the
undoable command for a change of the editor, keeping the score rule of `services.risks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import String, select, type_coerce

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    ActionStatus,
    Portfolio,
    Programme,
    Project,
    Risk,
    RiskAction,
    RiskAssessment,
    RiskLevel,
    RiskResponse,
    RiskStatus,
    RiskTaskLink,
)
from pmo_desktop.reports.data import Trend
from pmo_desktop.services.commands import CreateRow, DeleteRow, UpdateFields
from pmo_desktop.services.risks import period_start, trend_of
from pmo_desktop.storage.database import Database

SCALE = 5
#: Score zones of the heat map, as in the board pack (`reports.heatmap`).
RED_FROM = 15
AMBER_FROM = 5
IMPACT_FIELDS = ("impact_schedule", "impact_cost", "impact_scope", "impact_quality")
RATING_FIELDS = ("probability", *IMPACT_FIELDS)
RESIDUAL_FIELDS = ("residual_probability", "residual_impact")
TEXT_FIELDS = ("title", "cause", "effect", "category", "owner", "response_plan")
DATE_FIELDS = ("proximity", "review_date")
#: What the editor may change.
EDITABLE_FIELDS = (
    *TEXT_FIELDS,
    *RATING_FIELDS,
    *RESIDUAL_FIELDS,
    *DATE_FIELDS,
    "response",
    "status",
)
#: Statuses whose risks still need managing (reviews can be overdue).
ACTIVE_STATUSES = frozenset({RiskStatus.OPEN, RiskStatus.OCCURRED})

HeatCounts = tuple[tuple[int, ...], ...]
#: What `load_register` reads, in `RiskRow` field order (up to `closed_on`); the long texts
#: (1 MB on 5,000 risks) are read for the one risk the editor shows (`with_texts`).
_COLUMNS = (
    Risk.id, Risk.version, Risk.code, Risk.title, Risk.project_id, Project.code, Project.name,
    Project.programme_id, Risk.category, Risk.owner, Risk.opportunity, Risk.probability,
    Risk.impact_schedule, Risk.impact_cost, Risk.impact_scope, Risk.impact_quality, Risk.score,
    Risk.residual_probability, Risk.residual_impact, Risk.residual_score, Risk.response,
    Risk.proximity, Risk.status, Risk.review_date, Risk.closed_on, Risk.level,
    Risk.escalated_on,
)  # fmt: skip


#: Each stored enum value's member: the three enum columns are read as their text and
#: looked up here (SQLAlchemy's Enum processing, row by row, was a tenth of the read).
_MEMBERS: dict[type[Any], dict[str, Any]] = {
    kind: {member.value: member for member in kind}
    for kind in (RiskResponse, RiskStatus, RiskLevel)
}
_READ_COLUMNS = tuple(
    type_coerce(column, String()).label(column.key)
    if any(column is enum for enum in (Risk.response, Risk.status, Risk.level))
    else column
    for column in _COLUMNS
)

_ACTION_COLUMNS = (
    RiskAction.id, RiskAction.version, RiskAction.description, RiskAction.owner,
    RiskAction.due_date, RiskAction.status,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RiskActionRow:
    """A mitigation action of a risk."""

    id: int
    version: int
    description: str
    owner: str
    due_date: date | None
    status: ActionStatus


@dataclass(frozen=True, slots=True)
class RiskRow:
    """One risk as the register shows and edits it (with the version the user saw)."""

    id: int
    version: int
    code: str
    title: str
    project_id: int | None
    project_code: str
    project_name: str
    programme_id: int | None
    category: str
    owner: str
    opportunity: bool
    probability: int
    impact_schedule: int
    impact_cost: int
    impact_scope: int
    impact_quality: int
    score: int
    residual_probability: int | None
    residual_impact: int | None
    residual_score: int | None
    response: RiskResponse
    proximity: date | None
    status: RiskStatus
    review_date: date | None
    closed_on: date | None
    overdue_review: bool
    #: Who owns the risk now: its project, or (escalated) its programme or the portfolio.
    level: RiskLevel = RiskLevel.PROJECT
    escalated_on: date | None = None
    #: The score the previous status period closed with (None: no history then).
    previous_score: int | None = None
    cause: str = ""
    effect: str = ""
    response_plan: str = ""
    actions: tuple[RiskActionRow, ...] = ()
    #: Whether cause, effect, response plan and actions were read (`with_texts`).
    texts_loaded: bool = False

    @property
    def impact(self) -> int:
        """The worst of the four impact ratings (what the score multiplies)."""
        return max(self.impact_schedule, self.impact_cost, self.impact_scope, self.impact_quality)

    @property
    def trend(self) -> Trend:
        """The score against the previous status period's (`services.risks.trend_of`)."""
        return trend_of(self.score, self.previous_score)

    def cell(self, residual: bool = False) -> tuple[int, int]:
        """The heat-map cell (probability, impact); an unrated residual stays at inherent."""
        if residual and self.residual_probability is not None and self.residual_impact is not None:
            return self.residual_probability, self.residual_impact
        return self.probability, self.impact


@dataclass(frozen=True, slots=True)
class RiskRegister:
    """The risks of one scope, read at `as_of` (which decides what review is overdue)."""

    portfolio_id: int
    portfolio_name: str
    #: What the register covers: the portfolio's, programme's or project's name.
    scope_name: str
    programme_id: int | None
    project_id: int | None
    as_of: date
    rows: tuple[RiskRow, ...]


@dataclass(frozen=True, slots=True)
class RiskFilter:
    """What the user narrowed the register to; empty fields do not filter."""

    statuses: frozenset[RiskStatus] = frozenset()
    owner: str | None = None
    category: str | None = None
    min_score: int = 0
    proximity_before: date | None = None
    overdue_only: bool = False
    project_id: int | None = None
    text: str = ""
    #: A clicked heat-map cell: (residual map?, probability, impact).
    cell: tuple[bool, int, int] | None = None
    #: Risk levels to keep (empty: every level).
    levels: frozenset[RiskLevel] = frozenset()
    _needle: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_needle", self.text.strip().casefold())

    def matches(self, row: RiskRow) -> bool:
        if self.statuses and row.status not in self.statuses:
            return False
        if self.owner is not None and row.owner != self.owner:
            return False
        if self.category is not None and row.category != self.category:
            return False
        if row.score < self.min_score:
            return False
        if self.proximity_before is not None and (
            row.proximity is None or row.proximity > self.proximity_before
        ):
            return False
        if self.overdue_only and not row.overdue_review:
            return False
        if self.project_id is not None and row.project_id != self.project_id:
            return False
        if self.levels and row.level not in self.levels:
            return False
        if self.cell is not None:
            residual, probability, impact = self.cell
            if row.cell(residual) != (probability, impact):
                return False
        if self._needle:
            haystack = f"{row.code}\n{row.title}\n{row.project_code}\n{row.project_name}"
            if self._needle not in f"{haystack}\n{row.owner}\n{row.category}".casefold():
                return False
        return True

    def without_cell(self) -> RiskFilter:
        return RiskFilter(
            self.statuses,
            self.owner,
            self.category,
            self.min_score,
            self.proximity_before,
            self.overdue_only,
            self.project_id,
            self.text,
            levels=self.levels,
        )


def load_register(
    database: Database,
    portfolio_id: int,
    as_of: date,
    *,
    programme_id: int | None = None,
    project_id: int | None = None,
) -> RiskRegister:
    """Every risk (open, occurred and closed) of the portfolio, programme or project.

    A programme's register holds its projects' risks; the portfolio's holds every risk,
    portfolio-level ones (without a project) included. One query; ordered by code.
    """
    with database.session() as session:
        name = session.scalar(select(Portfolio.name).where(Portfolio.id == portfolio_id))
        if name is None:
            raise NotFoundError(f"Portfolio {portfolio_id} does not exist (any more).")
        scope_name = name
        if programme_id is not None:
            programme = session.get(Programme, programme_id)
            if programme is None:
                raise NotFoundError(f"Programme {programme_id} does not exist (any more).")
            scope_name = programme.name
        if project_id is not None:
            project = session.get(Project, project_id)
            if project is None:
                raise NotFoundError(f"Project {project_id} does not exist (any more).")
            scope_name = f"{project.code} {project.name}"
        # The score the previous status period closed with (`risks.previous_scores`: the
        # latest assessment before this period), one index seek per risk in the same query.
        previous = (
            select(RiskAssessment.score)
            .where(
                RiskAssessment.risk_id == Risk.id, RiskAssessment.assessed_on < period_start(as_of)
            )
            .order_by(RiskAssessment.assessed_on.desc())
            .limit(1)
            .correlate(Risk)
            .scalar_subquery()
        )
        query = (
            select(*_READ_COLUMNS, previous)
            .outerjoin(Project, Project.id == Risk.project_id)
            .where(Risk.portfolio_id == portfolio_id)
            .order_by(Risk.code)
        )
        if programme_id is not None:
            query = query.where(Project.programme_id == programme_id)
        if project_id is not None:
            query = query.where(Risk.project_id == project_id)
        # Core rows, not ORM ones: the same values without the ORM's per-row loading.
        records = session.connection().execute(query).all()
    responses, statuses, levels = _MEMBERS[RiskResponse], _MEMBERS[RiskStatus], _MEMBERS[RiskLevel]
    rows = []
    for record in records:
        status = statuses[record[22]]
        rows.append(
            RiskRow(
                *record[:5],
                record[5] or "",
                record[6] or "",
                *record[7:20],
                responses[record[20]],
                record[21],
                status,
                *record[23:25],
                overdue_review=_overdue(status, record[23], as_of),
                level=levels[record[25]],
                escalated_on=record[26],
                previous_score=record[27],
            )
        )
    return RiskRegister(
        portfolio_id, name, scope_name, programme_id, project_id, as_of, tuple(rows)
    )


def with_texts(database: Database, row: RiskRow) -> RiskRow:
    """`row` with its cause, effect, response plan and actions (two reads by key)."""
    with database.session() as session:
        found = session.execute(
            select(Risk.cause, Risk.effect, Risk.response_plan).where(Risk.id == row.id)
        ).first()
        actions = session.execute(
            select(*_ACTION_COLUMNS)
            .where(RiskAction.risk_id == row.id)
            .order_by(RiskAction.due_date.is_(None), RiskAction.due_date, RiskAction.id)
        ).all()
    if found is None:
        raise NotFoundError(f"Risk {row.code} does not exist (any more).")
    cause, effect, plan = found
    return replace(
        row,
        cause=cause,
        effect=effect,
        response_plan=plan,
        actions=tuple(RiskActionRow(*action) for action in actions),
        texts_loaded=True,
    )


def add_action(
    row: RiskRow, description: str, owner: str = "", due_date: date | None = None, text: str = ""
) -> CreateRow:
    """A new open mitigation action of the risk."""
    description = description.strip()
    if not description:
        raise ValidationError("A risk action needs a description.")
    values = {
        "risk_id": row.id,
        "description": description,
        "owner": owner.strip(),
        "due_date": due_date,
        "status": ActionStatus.OPEN,
    }
    return CreateRow(RiskAction, values, text or f"Add action to {row.code}")


def next_code(database: Database, portfolio_id: int) -> str:
    """The code a new risk gets: the portfolio's usual prefix ("HEL-R-") and the next number,
    as wide as the others (R-001 without any risk yet)."""
    with database.session() as session:
        codes = session.scalars(select(Risk.code).where(Risk.portfolio_id == portfolio_id)).all()
    numbered: dict[str, list[str]] = {}
    for code in codes:
        match = re.fullmatch(r"(.*?)(\d+)", code)
        if match:
            numbered.setdefault(match.group(1), []).append(match.group(2))
    if not numbered:
        return "R-001"
    prefix = max(numbered, key=lambda key: len(numbered[key]))
    numbers = numbered[prefix]
    width = max(len(number) for number in numbers)
    following = max(int(number) for number in numbers) + 1
    taken = set(codes)
    while f"{prefix}{following:0{width}d}" in taken:
        following += 1
    return f"{prefix}{following:0{width}d}"


def new_risk(
    database: Database,
    portfolio_id: int,
    title: str,
    *,
    project_id: int | None = None,
    owner: str = "",
    raised_on: date | None = None,
    text: str = "",
) -> CreateRow:
    """A new open risk (probability 3, impacts 1: score 3) with the next free code."""
    title = title.strip()
    if not title:
        raise ValidationError("A risk needs a title.")
    values: dict[str, Any] = {
        "portfolio_id": portfolio_id,
        "project_id": project_id,
        "code": next_code(database, portfolio_id),
        "title": title,
        "owner": owner.strip(),
        "raised_on": raised_on,
        "probability": 3,
        "score": 3,
    }
    return CreateRow(Risk, values, text or f"New risk {values['code']}")


def delete_risk(row: RiskRow, text: str = "") -> DeleteRow:
    """Delete the risk, its actions, history and task links; undo brings them all back."""
    return DeleteRow(
        Risk, row.id, row.version, text or f"Delete risk {row.code}",
        children=((RiskAction, "risk_id"), (RiskAssessment, "risk_id"), (RiskTaskLink, "risk_id")),
    )  # fmt: skip


def set_action_status(action: RiskActionRow, status: Any, text: str = "") -> UpdateFields:
    """Mark an action done, cancelled or open again."""
    new = _enum(ActionStatus, status, "action status")
    return UpdateFields(
        RiskAction, action.id, action.version, {"status": action.status}, {"status": new},
        text or "Change action status",
    )  # fmt: skip


def _overdue(status: RiskStatus, review_date: date | None, as_of: date) -> bool:
    return status in ACTIVE_STATUSES and review_date is not None and review_date < as_of


def filter_rows(rows: tuple[RiskRow, ...] | list[RiskRow], risk_filter: RiskFilter) -> list[int]:
    """The positions in `rows` of the risks `risk_filter` keeps."""
    return [position for position, row in enumerate(rows) if risk_filter.matches(row)]


def heat_counts(rows: Any, residual: bool = False) -> HeatCounts:
    """5 × 5 counts `[probability - 1][impact - 1]` of `rows` (inherent or residual rating)."""
    grid = [[0] * SCALE for _ in range(SCALE)]
    for row in rows:
        probability, impact = row.cell(residual)
        grid[probability - 1][impact - 1] += 1
    return tuple(tuple(line) for line in grid)


def zone(probability: int, impact: int) -> str:
    """The heat-map zone of a cell by its score: "red", "amber" or "green"."""
    score = probability * impact
    if score >= RED_FROM:
        return "red"
    if score >= AMBER_FROM:
        return "amber"
    return "green"


def owners(rows: Any) -> list[str]:
    """The distinct non-empty owners, sorted case-insensitively (for the filter bar)."""
    return sorted({row.owner for row in rows if row.owner}, key=str.casefold)


def categories(rows: Any) -> list[str]:
    return sorted({row.category for row in rows if row.category}, key=str.casefold)


def edit_risk(
    row: RiskRow, text: str = "", *, today: date | None = None, **changes: Any
) -> UpdateFields:
    """The undoable change of some fields of the risk the user sees (at `row.version`).

    Ratings are checked (1–5; a residual rating needs both probability and impact, or
    neither), the score and residual score follow `services.risks.rate`, and closing a risk
    dates it (`today`) while reopening clears that date.
    """
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError(f"A risk has no editable field {', '.join(unknown)}.")
    if not row.texts_loaded and {"cause", "effect", "response_plan"} & set(changes):
        raise ValidationError("Read the risk's texts (with_texts) before editing them.")
    cleaned = dict(changes)
    for name in TEXT_FIELDS:
        if name in cleaned:
            cleaned[name] = str(cleaned[name] or "").strip()
    if "title" in cleaned and not cleaned["title"]:
        raise ValidationError("A risk needs a title.")
    for name in RATING_FIELDS:
        if name in cleaned:
            cleaned[name] = _rating(cleaned[name], name)
    for name in RESIDUAL_FIELDS:
        if name in cleaned and cleaned[name] is not None:
            cleaned[name] = _rating(cleaned[name], name)
    for name in DATE_FIELDS:
        if name in cleaned and cleaned[name] is not None and not isinstance(cleaned[name], date):
            raise ValidationError(f"The {name.replace('_', ' ')} must be a date.")
    if "response" in cleaned:
        cleaned["response"] = _enum(RiskResponse, cleaned["response"], "response strategy")
    if "status" in cleaned:
        cleaned["status"] = _enum(RiskStatus, cleaned["status"], "status")
        if cleaned["status"] is RiskStatus.CLOSED and row.status is not RiskStatus.CLOSED:
            cleaned["closed_on"] = today or date.today()
        elif cleaned["status"] is not RiskStatus.CLOSED and row.closed_on is not None:
            cleaned["closed_on"] = None
    residual = (
        cleaned.get("residual_probability", row.residual_probability),
        cleaned.get("residual_impact", row.residual_impact),
    )
    if (residual[0] is None) != (residual[1] is None):
        raise ValidationError(
            "A residual rating needs both a probability and an impact (or neither)."
        )
    if any(name in cleaned for name in RATING_FIELDS):
        impact = max(cleaned.get(name, getattr(row, name)) for name in IMPACT_FIELDS)
        cleaned["score"] = cleaned.get("probability", row.probability) * impact
    if any(name in cleaned for name in RESIDUAL_FIELDS):
        cleaned["residual_score"] = None if residual[0] is None else residual[0] * residual[1]
    cleaned = {name: value for name, value in cleaned.items() if getattr(row, name) != value}
    before = {name: getattr(row, name) for name in cleaned}
    return UpdateFields(Risk, row.id, row.version, before, cleaned, text or f"Edit risk {row.code}")


def _rating(value: Any, name: str) -> int:
    label = name.replace("_", " ")
    try:
        rating = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"The {label} must be a whole number from 1 to 5.") from None
    if not 1 <= rating <= SCALE:
        raise ValidationError(f"The {label} goes from 1 to 5, not {rating}.")
    return rating


def _enum(kind: Any, value: Any, label: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise ValidationError(f"{value!r} is not a risk {label}.") from None
