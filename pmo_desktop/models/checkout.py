"""Offline check-out: a project copied into a local file, edited on a laptop, checked in.

The shared database keeps one `checkouts` row per check-out (role "master") so that others
see who has the project; the local copy keeps one (role "copy") naming the shared
database and that check-out, plus a `checkout_rows` snapshot: every copied row's table,
uuid and version, from which the check-in tells offline edits, additions and deletions.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pmo_desktop.models.base import Base, Entity, UtcDateTime, str_enum


class CheckoutState(enum.StrEnum):
    """Whether a check-out is still out or has been checked back in."""

    OPEN = "open"
    RETURNED = "returned"


class CheckoutRole(enum.StrEnum):
    """Which side of a check-out a row describes."""

    #: In the shared database: the project is out on someone's laptop.
    MASTER = "master"
    #: In the local copy: where it came from.
    COPY = "copy"


class Checkout(Entity):
    """One project checked out of a shared database into a local SQLite file."""

    __tablename__ = "checkouts"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[CheckoutRole] = mapped_column(
        str_enum(CheckoutRole, "checkout_role"), default=CheckoutRole.MASTER
    )
    state: Mapped[CheckoutState] = mapped_column(
        str_enum(CheckoutState, "checkout_state"), default=CheckoutState.OPEN
    )
    checked_out_by: Mapped[str] = mapped_column(String(200), default="")
    host: Mapped[str] = mapped_column(String(200), default="")
    checked_out_at: Mapped[datetime] = mapped_column(UtcDateTime)
    local_file: Mapped[str] = mapped_column(Text, default="")
    #: The copy: the shared database it came from (URL without password, or a path).
    source: Mapped[str] = mapped_column(Text, default="")
    #: The copy: the uuid of the master row in the shared database.
    master_uuid: Mapped[str] = mapped_column(String(36), default="")
    returned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    returned_by: Mapped[str] = mapped_column(String(200), default="")


class CheckoutRow(Base):
    """A row as it was checked out (local copy only): table, uuid, version and values."""

    __tablename__ = "checkout_rows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    checkout_id: Mapped[int] = mapped_column(
        ForeignKey("checkouts.id", ondelete="CASCADE"), index=True
    )
    table_name: Mapped[str] = mapped_column(String(60))
    row_uuid: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    #: The row's values at check-out (JSON-safe, without id/uuid/version/stamps): the base
    #: of the three-way merge that tells a true conflict from edits of different fields.
    base_values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
