"""The closed vocabularies of the domain, stored as their string values."""

from __future__ import annotations

import enum


class Method(enum.StrEnum):
    """How a project is run."""

    WATERFALL = "waterfall"
    AGILE = "agile"
    HYBRID = "hybrid"


class PmoMode(enum.StrEnum):
    """The authority of the PMO over the portfolio's projects."""

    SUPPORTIVE = "supportive"
    CONTROLLING = "controlling"
    DIRECTIVE = "directive"


class ProjectStatus(enum.StrEnum):
    """Where a project stands in the PMO's pipeline."""

    PROPOSED = "proposed"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Rag(enum.StrEnum):
    """Red / amber / green rating of one status dimension."""

    RED = "R"
    AMBER = "A"
    GREEN = "G"


class LinkType(enum.StrEnum):
    """Dependency types, as Microsoft Project names them."""

    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


class LagUnit(enum.StrEnum):
    """How a link's lag is measured: working minutes, elapsed minutes or % of the predecessor."""

    WORKING = "working"
    ELAPSED = "elapsed"
    PERCENT = "percent"


class ConstraintType(enum.StrEnum):
    """Task date constraints (Microsoft Project's set)."""

    ASAP = "ASAP"
    ALAP = "ALAP"
    SNET = "SNET"
    SNLT = "SNLT"
    FNET = "FNET"
    FNLT = "FNLT"
    MSO = "MSO"
    MFO = "MFO"


class ResourceKind(enum.StrEnum):
    """A named person, a generic role (e.g. "Developer"), or a consumable material."""

    PERSON = "person"
    ROLE = "role"
    MATERIAL = "material"


class RiskStatus(enum.StrEnum):
    OPEN = "open"
    OCCURRED = "occurred"
    CLOSED = "closed"


class RiskLevel(enum.StrEnum):
    """Who owns a risk: its project, or (once escalated) the programme or the portfolio."""

    PROJECT = "project"
    PROGRAMME = "programme"
    PORTFOLIO = "portfolio"


class RiskResponse(enum.StrEnum):
    """Risk response strategies (threats and opportunities)."""

    AVOID = "avoid"
    REDUCE = "reduce"
    TRANSFER = "transfer"
    ACCEPT = "accept"
    SHARE = "share"
    EXPLOIT = "exploit"
    ENHANCE = "enhance"
    FALLBACK = "fallback"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class Priority(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class IssueStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class AssumptionStatus(enum.StrEnum):
    OPEN = "open"
    VALIDATED = "validated"
    INVALID = "invalid"


class DecisionStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    DEFERRED = "deferred"


class ChangeStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    ASSESSED = "assessed"
    APPROVED = "approved"
    REJECTED = "rejected"
    IMPLEMENTED = "implemented"


class CostCategory(enum.StrEnum):
    LABOUR = "labour"
    CAPEX = "capex"
    OPEX = "opex"
    CONTINGENCY = "contingency"


class AuditAction(enum.StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


class RoleName(enum.StrEnum):
    """Application roles, enforced on PostgreSQL by the server's GRANTs (`pmo-desktop admin
    init-server`)."""

    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


class GateDecision(enum.StrEnum):
    """A stage gate's outcome (PRINCE2's end-stage assessment, a phase gate)."""

    PENDING = "pending"
    GO = "go"
    GO_WITH_CONDITIONS = "go_with_conditions"
    HOLD = "hold"
    STOP = "stop"


class CriterionKind(enum.StrEnum):
    """What a prioritisation criterion measures; objectives come from the strategy."""

    OBJECTIVE = "objective"
    VALUE = "value"
    RISK = "risk"
    COST = "cost"
    URGENCY = "urgency"
