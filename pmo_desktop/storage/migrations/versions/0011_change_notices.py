"""PostgreSQL change notices: a trigger per table sends the ids a transaction changed

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 09:00:00

Live refresh on a server (issue 8 §3): each application table gets AFTER INSERT / UPDATE /
DELETE statement triggers that NOTIFY `pmo_desktop_changes` with the table, the operation
and the ids (migrations/change_notices.py). They replace the one anonymous NOTIFY per commit
the application sent until now. Nothing changes on SQLite, whose readers keep watching
`PRAGMA data_version`.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmo_desktop.storage.migrations.change_notices import (
    add_change_notices,
    create_notify_function,
    drop_change_notices,
    drop_notify_function,
)

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The tables at this revision, less change_notices.NOT_NOTIFIED (migrations are frozen:
#: a table created later gets its triggers in the migration that creates it).
TABLES = (
    "assignments", "assumptions", "baseline_tasks", "baselines",
    "calendar_exception_intervals", "calendar_exceptions", "calendar_working_times",
    "calendars", "change_requests", "checkouts", "compliance_settings", "cost_lines",
    "decisions", "dependencies", "gate_reviews", "issues", "lessons", "method_templates",
    "portfolio_rules", "portfolios", "programmes", "project_objective_scores", "projects",
    "report_templates", "resource_rates", "resources", "risk_actions", "risk_assessments",
    "risk_task_links", "risks", "roles", "status_reports", "strategic_objectives", "tasks",
    "users",
)  # fmt: skip


def upgrade() -> None:
    create_notify_function()
    add_change_notices(*TABLES)


def downgrade() -> None:
    drop_change_notices(*TABLES)
    drop_notify_function()
