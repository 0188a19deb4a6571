"""The sheets of the RAID logs and the resource pool: which column holds which field.

One `Field` per column: its header, the ORM attribute it maps, how the cell is written and
read (kind), and for an enumeration its English labels (stored values are accepted too on
import). Export and import both walk these lists, so a column added here travels both ways.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from pmo_desktop.interop.xlsx.tables import HEAT_PRIORITY, HEAT_SCORE, TableColumn
from pmo_desktop.models import (
    Assumption,
    ChangeRequest,
    Decision,
    Issue,
    Lesson,
    Resource,
    ResourceRate,
    Risk,
    RiskAction,
)
from pmo_desktop.models.enums import (
    ActionStatus,
    AssumptionStatus,
    ChangeStatus,
    DecisionStatus,
    IssueStatus,
    Priority,
    ResourceKind,
    RiskLevel,
    RiskResponse,
    RiskStatus,
)

# Field kinds: how a value is written and read back.
TEXT, LONG, DATE, RATING, INTEGER, MONEY, FLAG, CHOICE, PERCENT = (
    "text", "long", "date", "rating", "integer", "money", "flag", "choice", "percent",
)  # fmt: skip
# Special attributes: the row's UUID, its project's code, its risk's or resource's code.
ID, PROJECT, RISK, RESOURCE, LINKED_TASKS = "uuid", "@project", "@risk", "@resource", "@tasks"


def label(value: enum.Enum) -> str:
    """The English label of a stored value: "in_progress" → "In progress"."""
    return str(value.value).replace("_", " ").capitalize()


def labels(kind: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(label(member) for member in kind)


@dataclass(frozen=True)
class Field:
    """A column of a log sheet. `length` bounds text; `read_only` columns are written for
    reading and ignored on import (computed); `required` ones must not be blank."""

    header: str
    attr: str
    kind: str = TEXT
    width: float = 14
    enum: type[enum.Enum] | None = None
    length: int = 0
    required: bool = False
    read_only: bool = False

    def column(self) -> TableColumn:
        cell_kind = {DATE: "date", MONEY: "decimal"}.get(self.kind, "plain")
        if self.kind in (TEXT, LONG, CHOICE, FLAG) or self.attr in (ID, PROJECT, RISK, RESOURCE):
            cell_kind = "text"
        choices: tuple[str, ...] = ()
        if self.enum is not None:
            choices = labels(self.enum)
        elif self.kind == FLAG:
            choices = ("Yes", "No")
        elif self.kind == RATING:
            choices = ("1", "2", "3", "4", "5")
        heat = HEAT_SCORE if self.attr in ("score", "residual_score") else ""
        heat = HEAT_PRIORITY if self.attr == "priority" else heat
        return TableColumn(self.header, cell_kind, self.width, choices, heat)


@dataclass(frozen=True)
class LogSheet:
    """A sheet of one entity: its title, model, fields, and the prefix of generated codes."""

    key: str
    title: str
    model: type[Any]
    fields: tuple[Field, ...]
    prefix: str = ""
    frozen_columns: int = 3

    def field(self, header: str) -> Field:
        return next(item for item in self.fields if item.header == header)


def _head(description: str = "Description") -> tuple[Field, ...]:
    return (
        Field("ID", ID, width=12),
        Field("Code", "code", width=11, length=40),
        Field("Project", PROJECT, width=11),
        Field("Title", "title", width=40, length=300, required=True),
        Field(description, "description", LONG, 40),
    )


def _tail() -> tuple[Field, ...]:
    return (
        Field("Owner", "owner", width=20, length=200),
        Field("Raised on", "raised_on", DATE, 12),
    )


RISKS = LogSheet("risks", "Risks", Risk, (
    Field("ID", ID, width=12), Field("Code", "code", width=11, length=40),
    Field("Project", PROJECT, width=11), Field("Title", "title", width=40, length=300,
                                                required=True),
    Field("Cause", "cause", LONG, 30), Field("Event", "description", LONG, 30),
    Field("Effect", "effect", LONG, 30), Field("Category", "category", width=16, length=80),
    Field("Opportunity", "opportunity", FLAG, 12),
    Field("Probability", "probability", RATING, 11),
    Field("Impact schedule", "impact_schedule", RATING, 10),
    Field("Impact cost", "impact_cost", RATING, 10),
    Field("Impact scope", "impact_scope", RATING, 10),
    Field("Impact quality", "impact_quality", RATING, 10),
    Field("Score", "score", INTEGER, 8, read_only=True),
    Field("Proximity", "proximity", DATE, 12), Field("Owner", "owner", width=20, length=200),
    Field("Response", "response", CHOICE, 12, RiskResponse),
    Field("Response plan", "response_plan", LONG, 30),
    Field("Residual probability", "residual_probability", RATING, 11),
    Field("Residual impact", "residual_impact", RATING, 10),
    Field("Residual score", "residual_score", INTEGER, 9, read_only=True),
    Field("Status", "status", CHOICE, 11, RiskStatus),
    Field("Review date", "review_date", DATE, 12), Field("Level", "level", CHOICE, 11, RiskLevel),
    Field("Raised on", "raised_on", DATE, 12), Field("Closed on", "closed_on", DATE, 12),
    Field("Escalated on", "escalated_on", DATE, 12),
    Field("Escalation note", "escalation_note", LONG, 24),
    Field("Linked tasks", LINKED_TASKS, width=24, read_only=True),
), "R-")  # fmt: skip
RISK_ACTIONS = LogSheet("risk_actions", "Risk actions", RiskAction, (
    Field("ID", ID, width=12), Field("Risk", RISK, width=11, required=True),
    Field("Description", "description", LONG, 50, required=True),
    Field("Owner", "owner", width=20, length=200), Field("Due date", "due_date", DATE, 12),
    Field("Status", "status", CHOICE, 11, ActionStatus),
), frozen_columns=3)  # fmt: skip
ISSUES = LogSheet("issues", "Issues", Issue, (*_head(),
    Field("Priority", "priority", CHOICE, 10, Priority),
    Field("Status", "status", CHOICE, 12, IssueStatus), *_tail(),
    Field("Due date", "due_date", DATE, 12), Field("Escalated", "escalated", FLAG, 10),
    Field("Resolution", "resolution", LONG, 30), Field("Resolved on", "resolved_on", DATE, 12),
), "I-")  # fmt: skip
ASSUMPTIONS = LogSheet("assumptions", "Assumptions", Assumption, (*_head(),
    Field("Status", "status", CHOICE, 11, AssumptionStatus), *_tail(),
    Field("Review date", "review_date", DATE, 12),
), "A-")  # fmt: skip
DECISIONS = LogSheet("decisions", "Decisions", Decision, (*_head(),
    Field("Status", "status", CHOICE, 11, DecisionStatus), *_tail(),
    Field("Needed by", "needed_by", DATE, 12), Field("Decided on", "decided_on", DATE, 12),
    Field("Decided by", "decided_by", width=20, length=200),
    Field("Options", "options", LONG, 30), Field("Rationale", "rationale", LONG, 30),
    Field("Outcome", "outcome", LONG, 30),
), "D-")  # fmt: skip
CHANGES = LogSheet("changes", "Change requests", ChangeRequest, (*_head(),
    Field("Status", "status", CHOICE, 12, ChangeStatus), *_tail(),
    Field("Requested by", "requested_by", width=20, length=200),
    Field("Impact schedule (days)", "impact_schedule_days", INTEGER, 12),
    Field("Impact cost", "impact_cost", MONEY, 12),
    Field("Impact scope", "impact_scope", LONG, 30),
    Field("Decided on", "decided_on", DATE, 12),
    Field("Decided by", "decided_by", width=20, length=200),
), "CR-")  # fmt: skip
LESSONS = LogSheet("lessons", "Lessons", Lesson, (*_head(),
    Field("Category", "category", width=16, length=80), *_tail(),
    Field("Phase", "phase", width=14, length=80), Field("Method", "method", width=10, length=20),
    Field("Tags", "tags", width=20, length=300),
    Field("Recommendation", "recommendation", LONG, 40),
), "L-")  # fmt: skip
#: The Resources sheet: the task workbook's columns first (its reader needs them), then more.
RESOURCES = LogSheet("resources", "Resources", Resource, (
    Field("Code", "code", width=14, length=40), Field("Name", "name", width=30, length=200,
                                                      required=True),
    Field("Kind", "kind", CHOICE, 10, ResourceKind), Field("Role", "role", width=24, length=120),
    Field("Department", "department", width=24, length=120),
    Field("Max units (%)", "max_units", PERCENT, 13),
    Field("Cost rate (per hour)", "cost_rate", MONEY, 16),
    Field("Overtime rate (per hour)", "overtime_rate", MONEY, 16),
    Field("Cost per use", "cost_per_use", MONEY, 12),
    Field("Currency", "currency", width=9, length=3),
    Field("Email", "email", width=28, length=200), Field("Active", "active", FLAG, 8),
    Field("ID", ID, width=12),
), "RES-", frozen_columns=3)  # fmt: skip
RATES = LogSheet("rates", "Resource rates", ResourceRate, (
    Field("ID", ID, width=12), Field("Resource", RESOURCE, width=14, required=True),
    Field("Effective from", "effective_from", DATE, 13, required=True),
    Field("Cost rate (per hour)", "cost_rate", MONEY, 16),
    Field("Overtime rate (per hour)", "overtime_rate", MONEY, 16),
    Field("Cost per use", "cost_per_use", MONEY, 12),
), frozen_columns=3)  # fmt: skip

#: Every sheet, in the order they are written and imported (referenced rows first).
LOG_SHEETS: tuple[LogSheet, ...] = (
    RESOURCES,
    RATES,
    RISKS,
    RISK_ACTIONS,
    ISSUES,
    ASSUMPTIONS,
    DECISIONS,
    CHANGES,
    LESSONS,
)
#: The names `--sheets` takes, and the sheets each stands for.
SHEET_CHOICES: dict[str, tuple[str, ...]] = {
    "tasks": ("Tasks",),
    "resources": ("Resources", "Resource rates"),
    "risks": ("Risks", "Risk actions"),
    "issues": ("Issues",),
    "assumptions": ("Assumptions",),
    "decisions": ("Decisions",),
    "changes": ("Change requests",),
    "lessons": ("Lessons",),
    "loading": ("Loading",),
}
