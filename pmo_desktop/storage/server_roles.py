"""Who may do what on a team server: the privilege plan and the role of the connected user.

PMO Desktop's roles are PostgreSQL group roles (NOLOGIN) named `<prefix>_viewer`,
`<prefix>_editor` and `<prefix>_admin`; people log in as LOGIN roles that are members of one
group. The server enforces the plan below with GRANTs, whatever the client does. At open the
application asks the server what the connected user may do (`has_table_privilege`), so a
viewer's window is read-only with a reason instead of failing at the first save.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from pmo_desktop.errors import DatabaseError, ReadOnlyDatabaseError
from pmo_desktop.models.enums import RoleName
from pmo_desktop.storage import schema

#: Longest PostgreSQL identifier (NAMEDATALEN - 1).
MAX_IDENTIFIER = 63
_GROUP_SUFFIXES = {RoleName.VIEWER: "viewer", RoleName.EDITOR: "editor", RoleName.ADMIN: "admin"}
_LONGEST_SUFFIX = max(len(suffix) for suffix in _GROUP_SUFFIXES.values()) + 1

#: Tables nobody edits through the application: the schema stamp and the SQLite-only lease.
SYSTEM_TABLES = frozenset({"alembic_version", "writer_lease"})
#: Reference and people tables that only a PMO admin changes.
ADMIN_TABLES = frozenset({"roles", "users"})
#: Append-only for everyone: rows are added by the application and never changed.
AUDIT_TABLE = "audit_entries"

SELECT = ("SELECT",)
READ_WRITE = ("SELECT", "INSERT", "UPDATE", "DELETE")
APPEND_ONLY = ("SELECT", "INSERT")


def default_prefix(database: str) -> str:
    """The group-role prefix of a database: `<database>_pmo`, made a safe identifier.

    Roles are global to a PostgreSQL server, so the database name keeps two PMO databases on
    one server apart (a viewer of one is nobody on the other).
    """
    cleaned = re.sub(r"[^a-z0-9_]", "_", database.lower()).strip("_") or "pmo"
    if cleaned[0].isdigit():
        cleaned = f"db_{cleaned}"
    return check_prefix(f"{cleaned[: MAX_IDENTIFIER - _LONGEST_SUFFIX - 4]}_pmo")


def check_prefix(prefix: str) -> str:
    """A prefix is lower-case letters, digits and `_`, and leaves room for the suffix."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", prefix):
        raise ValueError(f"Role prefix {prefix!r}: use lower-case letters, digits and _ only.")
    if len(prefix) + _LONGEST_SUFFIX > MAX_IDENTIFIER:
        raise ValueError(f"Role prefix {prefix!r} is too long for PostgreSQL role names.")
    return prefix


def group_roles(prefix: str) -> dict[RoleName, str]:
    """The three group roles of a prefix."""
    check_prefix(prefix)
    return {role: f"{prefix}_{suffix}" for role, suffix in _GROUP_SUFFIXES.items()}


def table_privileges(role: RoleName, table: str) -> tuple[str, ...]:
    """What a group may do on a table (empty: nothing beyond the schema's defaults)."""
    if role is RoleName.VIEWER or table in SYSTEM_TABLES:
        return SELECT
    if table == AUDIT_TABLE:
        return audit_privileges(role)
    if table in ADMIN_TABLES:
        return READ_WRITE if role is RoleName.ADMIN else SELECT
    return READ_WRITE


def audit_privileges(role: RoleName) -> tuple[str, ...]:
    """Audit rows are read by all and added by writers; nobody updates or deletes them.

    init-server applies storage/audit.py's `audit_privileges` statements for the writers.
    """
    return SELECT if role is RoleName.VIEWER else APPEND_ONLY


@dataclass(frozen=True)
class ServerAccess:
    """What the connected user may do on a server database."""

    #: viewer, editor or admin; None for a database without PMO tables yet (its creator).
    role: RoleName | None
    #: Why the database must open read-only ("" when it may be written).
    read_only_reason: str = ""
    #: Whether this user may change the schema (upgrade it).
    can_migrate: bool = False

    @property
    def label(self) -> str:
        return self.role.value if self.role is not None else ""


def detect_access(connection: Connection) -> ServerAccess:
    """Ask the server what the current user may do (runs on every open of a server database).

    Privileges decide, not group names: a superuser or the tables' owner is an admin, someone
    who may update `users` is an admin, who may update `projects` is an editor, who may only
    read is a viewer.
    """
    row = connection.execute(
        text(
            "SELECT to_regclass('public.projects') IS NOT NULL, "
            "to_regclass('public.users') IS NOT NULL, "
            "has_schema_privilege('public', 'CREATE'), "
            "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
        )
    ).one()
    has_projects, has_users, can_create, superuser = (bool(value) for value in row)
    if not has_projects:
        return ServerAccess(None, can_migrate=can_create or superuser)
    # Migrations alter tables: only their owner (or a superuser) may run them.
    owner = connection.execute(
        text(
            "SELECT pg_has_role(current_user, tableowner, 'MEMBER') FROM pg_tables "
            "WHERE schemaname = 'public' AND tablename = 'projects'"
        )
    ).scalar()
    can_migrate = superuser or bool(owner)
    read, write = connection.execute(
        text(
            "SELECT has_table_privilege('public.projects', 'SELECT'), "
            "has_table_privilege('public.projects', 'UPDATE')"
        )
    ).one()
    manage_users = has_users and bool(
        connection.execute(text("SELECT has_table_privilege('public.users', 'UPDATE')")).scalar()
    )
    if superuser or (write and manage_users):
        return ServerAccess(RoleName.ADMIN, can_migrate=can_migrate)
    if write:
        return ServerAccess(RoleName.EDITOR, can_migrate=can_migrate)
    if read:
        return ServerAccess(
            RoleName.VIEWER, read_only_reason="your role is viewer", can_migrate=can_migrate
        )
    return ServerAccess(
        None,
        read_only_reason="your database user has no PMO Desktop role; ask your PMO admin",
        can_migrate=can_migrate,
    )


def check_access(connection: Connection, display: str) -> ServerAccess:
    """`detect_access`, refusing a user who may not even read the database."""
    access = detect_access(connection)
    if access.role is None and access.read_only_reason:
        raise DatabaseError(f"Cannot open {display}: {access.read_only_reason}.")
    return access


def read_only_reason(access: ServerAccess, revision: str | None) -> str:
    """Why this user must open the database read-only ("" : they may write).

    A viewer reads; someone who may not migrate reads a database whose schema is behind
    (an empty one, too) until its owner runs `pmo-desktop admin init-server`.
    """
    if access.read_only_reason:
        return access.read_only_reason
    if access.can_migrate or revision == schema.head_revision():
        return ""
    if revision is None:
        return "it is empty and only its owner can set it up (pmo-desktop admin init-server)"
    if revision not in schema.known_revisions():
        return ""  # newer than this application: the usual rule says why
    return (
        f"its schema {revision} needs an upgrade that only its owner can run "
        "(pmo-desktop admin init-server)"
    )


#: SQLSTATE of "permission denied" (insufficient_privilege).
INSUFFICIENT_PRIVILEGE = "42501"


def privilege_error(display: str, exc: BaseException) -> ReadOnlyDatabaseError | None:
    """A server's "permission denied" as a readable error (None for any other error)."""
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
        return None
    message = str(orig).strip().splitlines()[0]
    return ReadOnlyDatabaseError(
        f"The server refused this change to {display}: your role does not allow it "
        f"({message}). Nothing was changed."
    )
