"""Declarative base, naming convention and the columns every editable row carries."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import DateTime, Dialect, Enum, Integer, MetaData, Numeric, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Deterministic constraint names, so that Alembic migrations can alter them on SQLite
# (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Money: 18 digits, 2 decimals; always paired with an ISO 4217 currency column.
Money = Numeric(18, 2, asdecimal=True)
CURRENCY_LENGTH = 3
DEFAULT_CURRENCY = "EUR"


class UtcDateTime(TypeDecorator[datetime]):
    """A moment in time, always returned timezone-aware in UTC (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC) if value is not None else None


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (stored as such on PostgreSQL)."""
    return datetime.now(UTC)


def new_uuid() -> str:
    """A fresh random UUID in its canonical text form (stable id for interchange)."""
    return str(uuid.uuid4())


def str_enum(enum_cls: type[enum.StrEnum], name: str) -> Enum:
    """A portable enum column: stored as its value in a VARCHAR with a CHECK constraint."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
        length=max(len(member.value) for member in enum_cls),
    )


class Base(DeclarativeBase):
    """Root of the ORM: every table shares one metadata with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {Decimal: Money}  # noqa: RUF012 - SQLAlchemy reads it as is


class Entity(Base):
    """An editable row: integer id, stable UUID, optimistic-lock version and stamps."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-30)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid, sort_order=-20)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, sort_order=-10)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, sort_order=90)
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, default=utcnow, onupdate=utcnow, sort_order=91
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805 - SQLAlchemy API
        return {"version_id_col": cls.__table__.c.version}

    def __repr__(self) -> str:
        label = getattr(self, "code", None) or getattr(self, "name", None) or ""
        return f"<{type(self).__name__} id={self.id} {label!s}>"
