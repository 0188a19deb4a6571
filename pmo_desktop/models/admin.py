"""Users, roles and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import Base, Entity, UtcDateTime, str_enum, utcnow
from pmo_desktop.models.enums import AuditAction, RoleName


class Role(Entity):
    """An application role: viewer, editor or PMO admin."""

    __tablename__ = "roles"

    name: Mapped[RoleName] = mapped_column(str_enum(RoleName, "role_name"), unique=True)
    description: Mapped[str] = mapped_column(String(300), default="")


class User(Entity):
    """A person who uses the application (login name as on their machine or server)."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id", ondelete="SET NULL"))


class AuditEntry(Base):
    """Who changed what, when, with the values before and after. Never edited."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_entity", "entity", "entity_id"),
        Index("ix_audit_entries_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    user_name: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[AuditAction] = mapped_column(str_enum(AuditAction, "audit_action"))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[int] = mapped_column(Integer)
    entity_uuid: Mapped[str] = mapped_column(String(36), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class WriterLease(Base):
    """The one editing lease of a shared SQLite file (a single row, id 1).

    The holder's user, host and process, since when and its last heartbeat; `fencing_token`
    grows with every acquisition, and a holder's write transaction commits only while the
    row still carries its token (a frozen ex-holder cannot overwrite its successor's work).
    """

    __tablename__ = "writer_lease"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    holder_user: Mapped[str] = mapped_column(String(120), default="")
    holder_host: Mapped[str] = mapped_column(String(255), default="")
    holder_pid: Mapped[int] = mapped_column(Integer, default=0)
    since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    heartbeat: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ttl_seconds: Mapped[int] = mapped_column(Integer, default=120)
    fencing_token: Mapped[int] = mapped_column(Integer, default=0)
