"""The RAID and governance logs: issues, assumptions, decisions, change requests, lessons.

One description per log (`LogSpec`: its table, its own fields, its status and the date that
makes an entry overdue) drives everything: `load_log` reads a log of a portfolio, programme
or project in one query as frozen plain rows; `LogFilter` narrows them in memory (text,
status, owner, project, overdue); `new_entry`, `edit_entry` and `delete_entry` build the
undoable commands of `services.commands`. Codes are generated per log when left blank.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import (
    Assumption,
    AssumptionStatus,
    ChangeRequest,
    ChangeStatus,
    Decision,
    DecisionStatus,
    Entity,
    Issue,
    IssueStatus,
    Lesson,
    Portfolio,
    Priority,
    Programme,
    Project,
)
from pmo_desktop.services.commands import CreateRow, DeleteRow, UpdateFields
from pmo_desktop.storage.database import Database

#: `LogFilter.project_id` value for the entries of the portfolio itself (no project).
PORTFOLIO_LEVEL = 0


class LogKind(enum.StrEnum):
    ISSUES = "issues"
    ASSUMPTIONS = "assumptions"
    DECISIONS = "decisions"
    CHANGES = "change_requests"
    LESSONS = "lessons"


class FieldKind(enum.StrEnum):
    """How a field is edited and checked."""

    LINE = "line"
    TEXT = "text"
    DATE = "date"
    CHOICE = "choice"
    FLAG = "flag"
    INTEGER = "integer"
    MONEY = "money"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: FieldKind
    #: The enumeration of a CHOICE field.
    choices: type[enum.StrEnum] | None = None


@dataclass(frozen=True, slots=True)
class LogSpec:
    """What differs from one log to another."""

    kind: LogKind
    model: type[Entity]
    #: Code prefix when the log has no numbered code yet: ISS-001.
    prefix: str
    #: The log's own fields, in editor order (after code, title, project, owner, raised on).
    fields: tuple[FieldSpec, ...]
    status: type[enum.StrEnum] | None = None
    #: Statuses whose entries still need managing: only those can be overdue.
    active: frozenset[str] = frozenset()
    #: The date an active entry is overdue after (None: the log has no due date).
    due_field: str | None = None
    #: Status → the date field stamped with today when an entry enters that status.
    stamps: Mapping[str, str] = field(default_factory=dict)
    #: The date field cleared when the entry leaves the stamped statuses.
    stamp_field: str | None = None


_F = FieldSpec
_K = FieldKind
SPECS: dict[LogKind, LogSpec] = {
    LogKind.ISSUES: LogSpec(
        LogKind.ISSUES, Issue, "ISS",
        (
            _F("priority", _K.CHOICE, Priority), _F("status", _K.CHOICE, IssueStatus),
            _F("due_date", _K.DATE), _F("escalated", _K.FLAG), _F("description", _K.TEXT),
            _F("resolution", _K.TEXT), _F("resolved_on", _K.DATE),
        ),
        IssueStatus, frozenset({IssueStatus.OPEN, IssueStatus.IN_PROGRESS}), "due_date",
        {IssueStatus.RESOLVED: "resolved_on", IssueStatus.CLOSED: "resolved_on"}, "resolved_on",
    ),
    LogKind.ASSUMPTIONS: LogSpec(
        LogKind.ASSUMPTIONS, Assumption, "ASM",
        (
            _F("status", _K.CHOICE, AssumptionStatus), _F("review_date", _K.DATE),
            _F("description", _K.TEXT),
        ),
        AssumptionStatus, frozenset({AssumptionStatus.OPEN}), "review_date",
    ),
    LogKind.DECISIONS: LogSpec(
        LogKind.DECISIONS, Decision, "DEC",
        (
            _F("status", _K.CHOICE, DecisionStatus), _F("needed_by", _K.DATE),
            _F("decided_on", _K.DATE), _F("decided_by", _K.LINE), _F("description", _K.TEXT),
            _F("options", _K.TEXT), _F("rationale", _K.TEXT), _F("outcome", _K.TEXT),
        ),
        DecisionStatus, frozenset({DecisionStatus.PENDING, DecisionStatus.DEFERRED}), "needed_by",
        {DecisionStatus.APPROVED: "decided_on", DecisionStatus.REJECTED: "decided_on"},
        "decided_on",
    ),
    LogKind.CHANGES: LogSpec(
        LogKind.CHANGES, ChangeRequest, "CR",
        (
            _F("status", _K.CHOICE, ChangeStatus), _F("requested_by", _K.LINE),
            _F("impact_schedule_days", _K.INTEGER), _F("impact_cost", _K.MONEY),
            _F("impact_scope", _K.TEXT), _F("decided_on", _K.DATE), _F("decided_by", _K.LINE),
            _F("description", _K.TEXT),
        ),
        ChangeStatus, frozenset({ChangeStatus.SUBMITTED, ChangeStatus.ASSESSED}),
        None,
        {ChangeStatus.APPROVED: "decided_on", ChangeStatus.REJECTED: "decided_on",
         ChangeStatus.IMPLEMENTED: "decided_on"},
        "decided_on",
    ),
    LogKind.LESSONS: LogSpec(
        LogKind.LESSONS, Lesson, "LES",
        (
            _F("category", _K.LINE), _F("phase", _K.LINE), _F("method", _K.LINE),
            _F("tags", _K.LINE), _F("description", _K.TEXT), _F("recommendation", _K.TEXT),
        ),
    ),
}  # fmt: skip
COMMON_FIELDS = ("code", "title", "project_id", "owner", "raised_on")
_NO_STRIP = frozenset({"code"})


@dataclass(frozen=True, slots=True)
class LogRow:
    """One log entry as a table shows and the editor edits it (at the version the user saw)."""

    kind: LogKind
    id: int
    version: int
    code: str
    title: str
    project_id: int | None
    project_code: str
    project_name: str
    programme_id: int | None
    owner: str
    raised_on: date | None
    #: The log's own fields (`LogSpec.fields`) by name; `description` is one of them.
    values: Mapping[str, Any]
    overdue: bool = False
    #: Lower-case text the search looks through (every text field and the project).
    haystack: str = field(default="", repr=False, compare=False)

    @property
    def status(self) -> str:
        return str(self.values.get("status", ""))

    @property
    def due(self) -> date | None:
        name = SPECS[self.kind].due_field
        return None if name is None else self.values.get(name)

    @property
    def escalated(self) -> bool:
        return bool(self.values.get("escalated", False))

    def value(self, name: str) -> Any:
        """A common column (code, title, owner…) or one of the log's own fields."""
        if name in self.values:
            return self.values[name]
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class LogData:
    """One log of one scope, read at `as_of` (which decides what is overdue)."""

    kind: LogKind
    portfolio_id: int
    scope_name: str
    programme_id: int | None
    project_id: int | None
    as_of: date
    rows: tuple[LogRow, ...]


@dataclass(frozen=True, slots=True)
class LogFilter:
    """What the user narrowed a log to; empty fields do not filter. `project_id` may be
    `PORTFOLIO_LEVEL` (entries without a project)."""

    text: str = ""
    statuses: frozenset[str] = frozenset()
    owner: str | None = None
    project_id: int | None = None
    overdue_only: bool = False
    _words: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_words", tuple(self.text.casefold().split()))

    def matches(self, row: LogRow) -> bool:
        if self.statuses and row.status not in self.statuses:
            return False
        if self.owner is not None and row.owner != self.owner:
            return False
        if self.project_id is not None and (row.project_id or PORTFOLIO_LEVEL) != self.project_id:
            return False
        if self.overdue_only and not row.overdue:
            return False
        return all(word in row.haystack for word in self._words)


def filter_rows(rows: Sequence[LogRow], log_filter: LogFilter) -> list[LogRow]:
    return [row for row in rows if log_filter.matches(row)]


def owners(rows: Sequence[LogRow]) -> list[str]:
    """The distinct non-empty owners, sorted case-insensitively (for the filter bar)."""
    return sorted({row.owner for row in rows if row.owner}, key=str.casefold)


def projects(rows: Sequence[LogRow]) -> list[tuple[int, str, str]]:
    """(id, code, name) of the projects the rows belong to, by code."""
    found = {row.project_id: (row.project_code, row.project_name) for row in rows}
    return sorted(
        ((pid, code, name) for pid, (code, name) in found.items() if pid is not None),
        key=lambda item: item[1].casefold(),
    )


def is_overdue(spec: LogSpec, values: Mapping[str, Any], as_of: date) -> bool:
    if spec.due_field is None or values.get("status") not in spec.active:
        return False
    due = values.get(spec.due_field)
    return due is not None and due < as_of


def _scope_name(
    session: Any, portfolio_id: int, programme_id: int | None, project_id: int | None
) -> str:
    name = session.scalar(select(Portfolio.name).where(Portfolio.id == portfolio_id))
    if name is None:
        raise NotFoundError(f"Portfolio {portfolio_id} does not exist (any more).")
    if programme_id is not None:
        programme = session.get(Programme, programme_id)
        if programme is None:
            raise NotFoundError(f"Programme {programme_id} does not exist (any more).")
        return str(programme.name)
    if project_id is not None:
        project = session.get(Project, project_id)
        if project is None:
            raise NotFoundError(f"Project {project_id} does not exist (any more).")
        return f"{project.code} {project.name}"
    return str(name)


def load_log(
    database: Database,
    kind: LogKind,
    portfolio_id: int,
    as_of: date,
    *,
    programme_id: int | None = None,
    project_id: int | None = None,
) -> LogData:
    """Every entry of one log of the portfolio (portfolio-level ones included), of one
    programme's projects or of one project; one query, ordered by code."""
    spec = SPECS[kind]
    model: Any = spec.model
    own = [f.name for f in spec.fields]
    columns = (
        model.id, model.version, model.code, model.title, model.project_id, Project.code,
        Project.name, Project.programme_id, model.owner, model.raised_on,
        *(getattr(model, name) for name in own),
    )  # fmt: skip
    with database.session() as session:
        scope_name = _scope_name(session, portfolio_id, programme_id, project_id)
        query = (
            select(*columns)
            .outerjoin(Project, Project.id == model.project_id)
            .where(model.portfolio_id == portfolio_id)
            .order_by(model.code)
        )
        if programme_id is not None:
            query = query.where(Project.programme_id == programme_id)
        if project_id is not None:
            query = query.where(model.project_id == project_id)
        records = session.execute(query).all()
    texts = [f.name for f in spec.fields if f.kind in (FieldKind.LINE, FieldKind.TEXT)]
    rows = []
    for record in records:
        values = dict(zip(own, record[10:], strict=True))
        code, title, project_code, project_name, owner = (
            record[2], record[3], record[5] or "", record[6] or "", record[8],
        )  # fmt: skip
        haystack = "\n".join(
            [code, title, project_code, project_name, owner, *(values[n] or "" for n in texts)]
        ).casefold()
        rows.append(
            LogRow(
                kind,
                record[0],
                record[1],
                code,
                title,
                record[4],
                project_code,
                project_name,
                record[7],
                owner,
                record[9],
                values,
                is_overdue(spec, values, as_of),
                haystack,
            )
        )
    return LogData(kind, portfolio_id, scope_name, programme_id, project_id, as_of, tuple(rows))


def load_logs(
    database: Database,
    portfolio_id: int,
    as_of: date,
    *,
    programme_id: int | None = None,
    project_id: int | None = None,
) -> dict[LogKind, LogData]:
    """Every log of the scope (five queries)."""
    return {
        kind: load_log(
            database, kind, portfolio_id, as_of, programme_id=programme_id, project_id=project_id
        )
        for kind in LogKind
    }


def next_code(database: Database, kind: LogKind, portfolio_id: int) -> str:
    """The code a new entry gets: the log's usual prefix ("HEL-I-") and the next number, as
    wide as the others; "ISS-001" (ASM-, DEC-, CR-, LES-) for a log without codes yet."""
    model: Any = SPECS[kind].model
    with database.session() as session:
        codes = set(session.scalars(select(model.code).where(model.portfolio_id == portfolio_id)))
    numbered: dict[str, list[str]] = {}
    for code in codes:
        match = re.fullmatch(r"(.*?)(\d+)", code)
        if match:
            numbered.setdefault(match.group(1), []).append(match.group(2))
    if not numbered:
        prefix, width, following = f"{SPECS[kind].prefix}-", 3, 1
    else:
        prefix = max(numbered, key=lambda key: (len(numbered[key]), key))
        width = max(len(number) for number in numbered[prefix])
        following = max(int(number) for number in numbered[prefix]) + 1
    while f"{prefix}{following:0{width}d}" in codes:
        following += 1
    return f"{prefix}{following:0{width}d}"


def _code_taken(database: Database, kind: LogKind, portfolio_id: int, code: str) -> bool:
    model: Any = SPECS[kind].model
    with database.session() as session:
        found = session.scalar(
            select(model.id).where(model.portfolio_id == portfolio_id, model.code == code)
        )
    return found is not None


def _clean(spec: LogSpec, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Check and convert the values of `changes` to the column types."""
    kinds = {f.name: f for f in spec.fields}
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name in ("code", "title", "owner"):
            cleaned[name] = str(value or "").strip()
        elif name == "project_id":
            cleaned[name] = None if value in (None, PORTFOLIO_LEVEL) else int(value)
        elif name == "raised_on":
            cleaned[name] = _date(value, name)
        elif name not in kinds:
            noun = spec.kind.value.replace("_", " ")
            raise ValidationError(f"The {noun} log has no field {name}.")
        else:
            cleaned[name] = _convert(kinds[name], value)
    if "title" in cleaned and not cleaned["title"]:
        raise ValidationError("An entry needs a title.")
    if len(cleaned.get("code", "")) > 40:
        raise ValidationError("A code has at most 40 characters.")
    return cleaned


def _convert(spec: FieldSpec, value: Any) -> Any:
    label = spec.name.replace("_", " ")
    match spec.kind:
        case FieldKind.LINE | FieldKind.TEXT:
            return str(value or "").strip()
        case FieldKind.DATE:
            return _date(value, spec.name)
        case FieldKind.FLAG:
            return bool(value)
        case FieldKind.INTEGER:
            try:
                return int(value or 0)
            except (TypeError, ValueError):
                raise ValidationError(f"The {label} must be a whole number.") from None
        case FieldKind.MONEY:
            try:
                return Decimal(str(value or 0)).quantize(Decimal("0.01"))
            except InvalidOperation:
                raise ValidationError(f"The {label} must be an amount.") from None
        case FieldKind.CHOICE:
            assert spec.choices is not None
            try:
                return spec.choices(value)
            except ValueError:
                raise ValidationError(f"{value!r} is not a valid {label}.") from None
    raise AssertionError(spec.kind)


def _date(value: Any, name: str) -> date | None:
    if value is not None and not isinstance(value, date):
        raise ValidationError(f"The {name.replace('_', ' ')} must be a date.")
    return value


def _stamp(
    spec: LogSpec, old_status: str | None, cleaned: dict[str, Any], current: Mapping[str, Any],
    today: date,
) -> None:  # fmt: skip
    """Date a status change (resolved on, decided on) unless the user set the date."""
    status = cleaned.get("status")
    if spec.stamp_field is None or status is None or status == old_status:
        return
    if spec.stamp_field in cleaned:
        return
    if status in spec.stamps:
        if current.get(spec.stamp_field) is None:
            cleaned[spec.stamp_field] = today
    elif old_status in spec.stamps and current.get(spec.stamp_field) is not None:
        cleaned[spec.stamp_field] = None


def new_entry(
    database: Database,
    kind: LogKind,
    portfolio_id: int,
    title: str,
    *,
    code: str = "",
    project_id: int | None = None,
    owner: str = "",
    raised_on: date | None = None,
    today: date | None = None,
    text: str = "",
    **values: Any,
) -> CreateRow:
    """A new entry of the log; a blank code gets the log's next one, a code in use is
    refused. Entering a decided or resolved status dates it (`today`)."""
    spec = SPECS[kind]
    cleaned = _clean(
        spec,
        {"title": title, "code": code, "owner": owner, "project_id": project_id,
         "raised_on": raised_on, **values},
    )  # fmt: skip
    if not cleaned["code"]:
        cleaned["code"] = next_code(database, kind, portfolio_id)
    elif _code_taken(database, kind, portfolio_id, cleaned["code"]):
        raise ValidationError(f"The code {cleaned['code']} is already used in this log.")
    _stamp(spec, None, cleaned, {}, today or date.today())
    row = {"portfolio_id": portfolio_id, **cleaned}
    return CreateRow(spec.model, row, text or f"New {_noun(kind)} {cleaned['code']}")


def edit_entry(
    database: Database, row: LogRow, *, today: date | None = None, text: str = "", **changes: Any
) -> UpdateFields:
    """The undoable change of some fields of the entry the user sees (at `row.version`).

    A blank code means "give it the next code"; a code another entry has is refused."""
    spec = SPECS[row.kind]
    cleaned = _clean(spec, changes)
    if "code" in cleaned and cleaned["code"] != row.code:
        with database.session() as session:
            portfolio_id = session.scalar(
                select(spec.model.portfolio_id).where(spec.model.id == row.id)  # type: ignore[attr-defined]
            )
        if portfolio_id is None:
            raise NotFoundError(f"{row.code} does not exist (any more).")
        if not cleaned["code"]:
            cleaned["code"] = next_code(database, row.kind, portfolio_id)
        elif _code_taken(database, row.kind, portfolio_id, cleaned["code"]):
            raise ValidationError(f"The code {cleaned['code']} is already used in this log.")
    _stamp(spec, row.status or None, cleaned, row.values, today or date.today())
    cleaned = {name: value for name, value in cleaned.items() if row.value(name) != value}
    before = {name: row.value(name) for name in cleaned}
    return UpdateFields(
        spec.model, row.id, row.version, before, cleaned, text or f"Edit {row.code}"
    )


def delete_entry(row: LogRow, text: str = "") -> DeleteRow:
    """Delete the entry; undo brings it back with its id, code and history stamps."""
    return DeleteRow(SPECS[row.kind].model, row.id, row.version, text or f"Delete {row.code}")


def _noun(kind: LogKind) -> str:
    return {
        LogKind.ISSUES: "issue", LogKind.ASSUMPTIONS: "assumption",
        LogKind.DECISIONS: "decision", LogKind.CHANGES: "change request",
        LogKind.LESSONS: "lesson",
    }[kind]  # fmt: skip


def log_models() -> tuple[type[Entity], ...]:
    """The tables of the logs (what a view reloads on)."""
    return tuple(spec.model for spec in SPECS.values())
