"""PMO governance: method templates, stage gate reviews, compliance rule settings.

Templates and rules are data: a template's stages, gates, milestones, starter WBS, standard
risks, RACI and ceremonies are one JSON document (`definition`) that a PMO admin edits; the
compliance checks ship with defaults and a portfolio overrides them row by row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import Entity, str_enum
from pmo_desktop.models.enums import GateDecision, Method


class MethodTemplate(Entity):
    """A project method (waterfall/PRINCE2, agile, hybrid) as a reusable template.

    `portfolio_id` None: shipped with the application (the defaults, in English and French);
    a portfolio's own templates are copies the PMO admin edited.
    """

    __tablename__ = "method_templates"
    __table_args__ = (UniqueConstraint("portfolio_id", "code", "language"),)

    portfolio_id: Mapped[int | None] = mapped_column(
        ForeignKey("portfolios.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8), default="en")
    name: Mapped[str] = mapped_column(String(200))
    method: Mapped[Method] = mapped_column(str_enum(Method, "method"), default=Method.WATERFALL)
    description: Mapped[str] = mapped_column(Text, default="")
    #: Stages, gates (criteria, required documents and decisions), milestones, starter WBS,
    #: standard risks, RACI, ceremonies: see services/templates.py for the schema.
    definition: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class GateReview(Entity):
    """A project's stage gate: its criteria checklist, evidence, decision and conditions.

    The project's phase advances only through a decision of GO (or GO with conditions).
    """

    __tablename__ = "gate_reviews"
    __table_args__ = (
        UniqueConstraint("project_id", "sequence"),
        Index("ix_gate_reviews_project_decision", "project_id", "decision"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    sequence: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    #: The phase a GO decision moves the project into.
    next_phase: Mapped[str] = mapped_column(String(80), default="")
    planned_date: Mapped[date | None] = mapped_column(Date)
    review_date: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[GateDecision] = mapped_column(
        str_enum(GateDecision, "gate_decision"), default=GateDecision.PENDING
    )
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    #: [{"text": ..., "met": bool, "required": bool}]
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: [{"title": ..., "link": ...}] documents and other evidence.
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: [{"text": ..., "owner": ..., "due": "YYYY-MM-DD", "done": bool}]
    conditions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")


class ComplianceSetting(Entity):
    """A portfolio's choice for one compliance rule: on or off, severity, threshold."""

    __tablename__ = "compliance_settings"
    __table_args__ = (UniqueConstraint("portfolio_id", "rule"),)

    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(60))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    #: "info", "warning" or "error" (None: the rule's default).
    severity: Mapped[str | None] = mapped_column(String(10))
    #: The rule's parameters (e.g. {"days": 10}); missing keys take the defaults.
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
