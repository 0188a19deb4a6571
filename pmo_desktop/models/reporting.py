"""Saved board pack choices: a named pack template per portfolio ("next month is one click")."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import Entity

#: Longest template name accepted (the column's length).
TEMPLATE_NAME_LENGTH = 120


class ReportTemplate(Entity):
    """A board pack's selection and options under a name; never its as-of date.

    `request` holds plain JSON (projects, programmes, sections, language, paper, branding
    colours...); the logo's bytes live in their own column.
    """

    __tablename__ = "report_templates"
    __table_args__ = (UniqueConstraint("portfolio_id", "name"),)

    portfolio_id: Mapped[int] = mapped_column(ForeignKey("portfolios.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(TEMPLATE_NAME_LENGTH))
    request: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
