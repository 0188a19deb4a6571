"""Inserting the generated rows: one transaction, Core executemany in large batches."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from pmo_desktop.models import Base

BATCH_SIZE = 10_000
#: Parents before children, so that foreign keys hold after every statement.
TABLE_ORDER = (
    "calendars",
    "calendar_working_times",
    "calendar_exceptions",
    "portfolios",
    "users",
    "strategic_objectives",
    "programmes",
    "projects",
    "project_objective_scores",
    "tasks",
    "dependencies",
    "resources",
    "assignments",
    "baselines",
    "baseline_tasks",
    "status_reports",
    "cost_lines",
    "risks",
    "risk_actions",
    "issues",
    "assumptions",
    "decisions",
    "change_requests",
    "lessons",
    # Added later: last, so that the UUIDs of the tables above stay as they were.
    "resource_rates",
    "risk_assessments",
    "risk_task_links",
)
_STAMPS = ("uuid", "version", "created_at", "updated_at")
_VERSION_4 = (0x4 << 76) | (0x2 << 62)
_VERSION_MASK = ~((0xF << 76) | (0x3 << 62))


def uuid_text(bits: int) -> str:
    """The text of ``uuid.UUID(int=bits, version=4)``, without building the object."""
    value = f"{(bits & _VERSION_MASK) | _VERSION_4:032x}"
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


def _template(table: sa.Table, sample: dict[str, object], now: datetime) -> dict[str, object]:
    """Values for the columns the generator leaves out: scalar defaults, NULL or stamps."""
    names = {column.name for column in table.columns}
    unknown = sorted(set(sample) - names)
    if unknown:
        raise ValueError(f"{table.name}: unknown columns {unknown}")
    template: dict[str, object] = {"version": 1, "created_at": now, "updated_at": now}
    for column in table.columns:
        if column.name in sample or column.name in _STAMPS:
            continue
        default = column.default
        if default is not None and default.is_scalar:
            template[column.name] = default.arg  # type: ignore[attr-defined]
        elif column.nullable:
            template[column.name] = None
        else:
            raise ValueError(f"{table.name}.{column.name} has no value and no default")
    return template


def write_rows(
    engine: sa.Engine,
    tables: dict[str, list[dict[str, object]]],
    rng: random.Random,
    progress: Callable[[int, int], None],
) -> dict[str, int]:
    """Insert every table in one transaction; returns the rows inserted per table.

    UUIDs come from ``rng`` in table and row order, so they are as deterministic as the
    rows. On PostgreSQL, each id sequence is moved past the explicit ids.
    """
    now = datetime.now(UTC)
    total = sum(len(rows) for rows in tables.values())
    done = 0
    counts: dict[str, int] = {}
    metadata = Base.metadata
    with engine.begin() as connection:
        for name in TABLE_ORDER:
            rows = tables.get(name, [])
            if not rows:
                continue
            table = metadata.tables[name]
            template = _template(table, rows[0], now)
            statement = sa.insert(table)
            for first in range(0, len(rows), BATCH_SIZE):
                batch = []
                for row in rows[first : first + BATCH_SIZE]:
                    values = template.copy()
                    values.update(row)
                    values["uuid"] = uuid_text(rng.getrandbits(128))
                    batch.append(values)
                connection.execute(statement, batch)
                done += len(batch)
                progress(done, total)
            counts[name] = len(rows)
        if connection.dialect.name == "postgresql":
            for name in counts:
                connection.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f'(SELECT max(id) FROM "{name}"))'
                    )
                )
    return counts
