"""Periodic status: status reports with RAG ratings, and time-phased cost lines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import CURRENCY_LENGTH, DEFAULT_CURRENCY, Entity, str_enum
from pmo_desktop.models.enums import CostCategory, Rag


def _rag(name: str) -> Mapped[Rag]:
    return mapped_column(str_enum(Rag, f"rag_{name}"), default=Rag.GREEN)


class StatusReport(Entity):
    """A project's status for one reporting period: RAG per dimension and commentary."""

    __tablename__ = "status_reports"
    __table_args__ = (
        UniqueConstraint("project_id", "period_end"),
        CheckConstraint("period_end >= period_start", name="period_ordered"),
        CheckConstraint("percent_complete BETWEEN 0 AND 100", name="percent_complete_range"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    rag_overall: Mapped[Rag] = _rag("overall")
    rag_schedule: Mapped[Rag] = _rag("schedule")
    rag_cost: Mapped[Rag] = _rag("cost")
    rag_scope: Mapped[Rag] = _rag("scope")
    rag_resources: Mapped[Rag] = _rag("resources")
    rag_benefits: Mapped[Rag] = _rag("benefits")
    percent_complete: Mapped[float] = mapped_column(Float, default=0.0)
    commentary: Mapped[str] = mapped_column(Text, default="")
    achievements: Mapped[str] = mapped_column(Text, default="")
    concerns: Mapped[str] = mapped_column(Text, default="")
    decisions_needed: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")


class CostLine(Entity):
    """Budget, actual and forecast of one cost category for one month of a project."""

    __tablename__ = "cost_lines"
    __table_args__ = (UniqueConstraint("project_id", "period", "category"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    # First day of the month the amounts belong to.
    period: Mapped[date] = mapped_column(Date)
    category: Mapped[CostCategory] = mapped_column(
        str_enum(CostCategory, "cost_category"), default=CostCategory.LABOUR
    )
    budget: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    actual: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    forecast: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(CURRENCY_LENGTH), default=DEFAULT_CURRENCY)
