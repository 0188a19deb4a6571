"""Reading the audit trail: one object's history, and the portfolio's change log.

Rows come back as frozen plain records, newest first, each with its field changes
(before → after) and the reserved context keys of `storage.audit` taken out: the object's
label, project and portfolio. The change log filters by author, kind of object, project (or
programme), date range and text, and is read a page at a time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from pmo_desktop.models import AuditAction, AuditEntry, Programme, Project
from pmo_desktop.storage.audit import IMPORT_ENTITY, LABEL_KEY, PORTFOLIO_KEY, PROJECT_KEY
from pmo_desktop.storage.database import Database

#: Rows per change-log page.
PAGE_SIZE = 200
#: At most this many entries in one object's history.
HISTORY_LIMIT = 1000
_RESERVED = frozenset({LABEL_KEY, PROJECT_KEY, PORTFOLIO_KEY})


@dataclass(frozen=True)
class FieldChange:
    """One field of one change: its value before and after (None: no value)."""

    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class AuditRecord:
    """One audit row as the History panel and the change log show it."""

    id: int
    at: datetime
    user_name: str
    action: AuditAction
    entity: str
    entity_id: int
    entity_uuid: str
    label: str
    project_id: int | None
    portfolio_id: int | None
    changes: tuple[FieldChange, ...]

    @property
    def is_import(self) -> bool:
        return self.entity == IMPORT_ENTITY


@dataclass(frozen=True)
class ChangeLogFilter:
    """What the change log keeps; None or empty means "any"."""

    portfolio_id: int | None = None
    programme_id: int | None = None
    project_id: int | None = None
    user_name: str | None = None
    entity: str | None = None
    since: date | None = None
    until: date | None = None
    text: str = ""


@dataclass(frozen=True)
class ChangeLogPage:
    """One page of the change log, and how many rows the filter keeps in all."""

    records: tuple[AuditRecord, ...]
    total: int
    offset: int
    page_size: int

    @property
    def has_newer(self) -> bool:
        return self.offset > 0

    @property
    def has_older(self) -> bool:
        return self.offset + len(self.records) < self.total


@dataclass(frozen=True)
class ChangeLogChoices:
    """What the filter bar offers: authors, kinds of object, and the portfolio's projects."""

    users: tuple[str, ...]
    entities: tuple[str, ...]
    projects: tuple[tuple[int, str, str], ...]  # id, code, name


def object_history(
    database: Database, entity: str, entity_id: int, *, limit: int = HISTORY_LIMIT
) -> list[AuditRecord]:
    """Every recorded change of one object (table name and id), newest first."""
    statement = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    with database.session() as session:
        return [to_record(entry) for entry in session.scalars(statement)]


def change_log(
    database: Database,
    log_filter: ChangeLogFilter,
    *,
    offset: int = 0,
    page_size: int = PAGE_SIZE,
) -> ChangeLogPage:
    """One page of the changes the filter keeps, newest first."""
    with database.session() as session:
        conditions = _conditions(session, log_filter)
        total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions))
        statement = (
            select(AuditEntry)
            .where(*conditions)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
            .offset(max(0, offset))
            .limit(page_size)
        )
        records = tuple(to_record(entry) for entry in session.scalars(statement))
    return ChangeLogPage(records, int(total or 0), max(0, offset), page_size)


def change_log_choices(database: Database, portfolio_id: int | None) -> ChangeLogChoices:
    """The authors and kinds of object found in the trail, and the portfolio's projects."""
    with database.session() as session:
        users = session.scalars(select(AuditEntry.user_name).distinct()).all()
        entities = session.scalars(select(AuditEntry.entity).distinct()).all()
        projects = select(Project.id, Project.code, Project.name).order_by(Project.code)
        if portfolio_id is not None:
            projects = projects.where(Project.portfolio_id == portfolio_id)
        rows = tuple((row.id, row.code, row.name) for row in session.execute(projects))
    return ChangeLogChoices(
        tuple(sorted({user for user in users if user}, key=str.casefold)),
        tuple(sorted(set(entities))),
        rows,
    )


def to_record(entry: AuditEntry) -> AuditRecord:
    """An audit row as a plain record: field changes, with the context keys taken out."""
    before = dict(entry.before or {})
    after = dict(entry.after or {})
    context = after if entry.after is not None else before
    label = str(context.get(LABEL_KEY) or before.get(LABEL_KEY) or "")
    project = _int_or_none(context.get(PROJECT_KEY))
    portfolio = _int_or_none(context.get(PORTFOLIO_KEY))
    names = [name for name in after if name not in _RESERVED]
    names += [name for name in before if name not in _RESERVED and name not in after]
    changes = tuple(FieldChange(name, before.get(name), after.get(name)) for name in names)
    return AuditRecord(
        id=entry.id,
        at=entry.at,
        user_name=entry.user_name,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        entity_uuid=entry.entity_uuid,
        label=label,
        project_id=project,
        portfolio_id=portfolio,
        changes=changes,
    )


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _context(key: str) -> ColumnElement[Any]:
    """A context key of the row, from `after` or else `before` (a delete's)."""
    return func.coalesce(AuditEntry.after[key].as_integer(), AuditEntry.before[key].as_integer())


def _conditions(session: Session, log_filter: ChangeLogFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if log_filter.project_id is not None:
        conditions.append(_context(PROJECT_KEY) == log_filter.project_id)
    elif log_filter.programme_id is not None:
        project_ids = select(Project.id).where(Project.programme_id == log_filter.programme_id)
        conditions.append(
            or_(
                _context(PROJECT_KEY).in_(project_ids),
                and_(
                    AuditEntry.entity == Programme.__tablename__,
                    AuditEntry.entity_id == log_filter.programme_id,
                ),
            )
        )
    if log_filter.portfolio_id is not None:
        # Rows of no portfolio (calendars, users, imports into none) belong to every one.
        portfolio = _context(PORTFOLIO_KEY)
        conditions.append(or_(portfolio == log_filter.portfolio_id, portfolio.is_(None)))
    if log_filter.user_name:
        conditions.append(AuditEntry.user_name == log_filter.user_name)
    if log_filter.entity:
        conditions.append(AuditEntry.entity == log_filter.entity)
    if log_filter.since is not None:
        conditions.append(AuditEntry.at >= _local_midnight(log_filter.since))
    if log_filter.until is not None:
        conditions.append(AuditEntry.at < _local_midnight(log_filter.until + timedelta(days=1)))
    text = log_filter.text.strip()
    if text:
        conditions.append(_text_matches(text))
    return conditions


def _local_midnight(day: date) -> datetime:
    """The start of `day` on this computer's clock, in UTC (the trail stores UTC)."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def _text_matches(text: str) -> ColumnElement[bool]:
    """The text in the author, the kind of object, or any value before or after.

    JSON documents may hold non-ASCII text as \\uXXXX escapes: the escaped spelling of the
    text is searched too."""
    variants = {text, text.lower(), text.upper()}  # SQLite folds the case of ASCII only
    spellings = variants | {json.dumps(variant)[1:-1] for variant in variants}
    documents = (cast(AuditEntry.after, String), cast(AuditEntry.before, String))
    matches = [AuditEntry.user_name.ilike(f"%{_escape(text)}%", escape="\\")]
    matches.append(AuditEntry.entity.ilike(f"%{_escape(text)}%", escape="\\"))
    for spelling in spellings:
        pattern = f"%{_escape(spelling)}%"
        matches.extend(document.ilike(pattern, escape="\\") for document in documents)
    return or_(*matches)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def summary_counts(record: AuditRecord) -> Mapping[str, int]:
    """An import row's stored rows by table (empty for other rows)."""
    for change in record.changes:
        if change.name == "counts" and isinstance(change.after, dict):
            return {str(key): int(value) for key, value in change.after.items()}
    return {}
