"""Setting up a team server: schema, group roles, privileges, row-level security, users.

`init_server` runs in one transaction (all or nothing) and is idempotent: it brings the
schema to head, creates the NOLOGIN group roles `<prefix>_viewer|editor|admin` (prefix
`<database>_pmo` by default: roles are global to the server, databases are not), revokes
everything from PUBLIC and grants exactly the plan of `server_roles.table_privileges`, plus
default privileges for tables created later by the same owner. Running it again (after an
upgrade, say) puts every privilege back to the plan. `add_user` creates or updates a LOGIN
role in one group and its row in `users`; a password is hashed (SCRAM) on this computer so
that it reaches neither the server's logs nor its statement statistics in clear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from pmo_desktop.errors import (
    DatabaseError,
    NotADatabaseError,
    UnsupportedDatabaseError,
    ValidationError,
)
from pmo_desktop.models.enums import RoleName
from pmo_desktop.storage import audit, schema
from pmo_desktop.storage.database import translate_errors_for
from pmo_desktop.storage.engine import make_engine
from pmo_desktop.storage.locations import DatabaseTarget
from pmo_desktop.storage.server_roles import (
    AUDIT_TABLE,
    check_prefix,
    default_prefix,
    group_roles,
    table_privileges,
)

#: Serialises two administrators running init-server at once (any constant will do).
_ADVISORY_LOCK = 0x504D4F5F494E4954  # "PMO_INIT"
_USER_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}")


@dataclass
class ServerSetup:
    """What init-server did."""

    database: str
    prefix: str
    groups: dict[RoleName, str]
    revision: str
    upgraded_from: str | None
    tables: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ServerUser:
    """A row of `admin users`: the application's user and the server's view of them."""

    username: str
    role: str
    #: The groups the login role belongs to on the server ("" : no login role).
    server_groups: tuple[str, ...]
    can_login: bool


def quote(identifier: str) -> str:
    """A PostgreSQL identifier, always quoted (exact case, no injection)."""
    return '"' + identifier.replace('"', '""') + '"'


@contextmanager
def _server_errors(target: DatabaseTarget) -> Iterator[None]:
    """The server's refusals as one readable line (the CLI prints it, exit 1)."""
    try:
        with translate_errors_for(target):
            yield
    except DBAPIError as exc:
        message = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        raise DatabaseError(f"{target.display}: {message}; nothing was changed.") from exc


def require_server(target: DatabaseTarget, command: str = "init-server") -> None:
    if target.is_sqlite:
        raise UnsupportedDatabaseError(
            f"admin {command} sets up a PostgreSQL server; {target.display} is an SQLite file, "
            "whose access is the file's own permissions. Give a server URL such as "
            "postgresql://admin@server/pmo."
        )


def init_server(target: DatabaseTarget, *, prefix: str | None = None) -> ServerSetup:
    """Schema at head, group roles and privileges, in one transaction (see the module doc)."""
    require_server(target)
    database = target.url.database or ""
    prefix = _prefix(database, prefix)
    groups = group_roles(prefix)
    engine = make_engine(target)
    try:
        with _server_errors(target), engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
            current = schema.current_revision(connection)
            if current is None and schema.user_tables(connection):
                raise NotADatabaseError(
                    f"{target.display} already holds other tables: it is not a PMO Desktop "
                    "database; nothing was changed."
                )
            if current is not None and current not in schema.known_revisions():
                raise DatabaseError(
                    f"{target.display} has schema {current}, newer than this version of PMO "
                    "Desktop knows; nothing was changed."
                )
            if current != schema.head_revision():
                from alembic import command

                command.upgrade(schema.alembic_config(connection), "head")
            tables = _tables(connection)
            _create_groups(connection, groups)
            _grant(connection, database, groups, tables)
            _audit_row_security(connection, prefix, groups)
    finally:
        engine.dispose()
    return ServerSetup(
        database,
        prefix,
        groups,
        schema.head_revision(),
        current if current != schema.head_revision() else None,
        tables,
    )


def _prefix(database: str, prefix: str | None) -> str:
    try:
        return check_prefix(prefix) if prefix else default_prefix(database)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def _tables(connection: Connection) -> list[str]:
    rows = connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    )
    return [row[0] for row in rows]


def _create_groups(connection: Connection, groups: dict[RoleName, str]) -> None:
    for name in groups.values():
        exists = connection.execute(
            text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :name"), {"name": name}
        ).first()
        if exists is None:
            connection.exec_driver_sql(f"CREATE ROLE {quote(name)} NOLOGIN")
        elif exists[0]:
            raise ValidationError(
                f"The server already has a login role {name!r}; a group role of that name "
                "cannot be created. Use another --role-prefix."
            )


def _grant(
    connection: Connection, database: str, groups: dict[RoleName, str], tables: Sequence[str]
) -> None:
    all_groups = ", ".join(quote(name) for name in groups.values())
    writers = ", ".join(quote(groups[role]) for role in (RoleName.EDITOR, RoleName.ADMIN))
    run = connection.exec_driver_sql
    run(f"REVOKE ALL ON DATABASE {quote(database)} FROM PUBLIC")
    run(f"GRANT CONNECT ON DATABASE {quote(database)} TO {all_groups}")
    run("REVOKE ALL ON SCHEMA public FROM PUBLIC")
    run(f"REVOKE CREATE ON SCHEMA public FROM {all_groups}")
    run(f"GRANT USAGE ON SCHEMA public TO {all_groups}")
    run("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC")
    run("REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC")
    run(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {all_groups}")
    run(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {all_groups}")
    for table in tables:
        for role, group in groups.items():
            privileges = table_privileges(role, table)
            run(f"GRANT {', '.join(privileges)} ON TABLE public.{quote(table)} TO {quote(group)}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {writers}")
    for role in (RoleName.EDITOR, RoleName.ADMIN):
        for statement in audit.audit_privileges(groups[role]):  # the audit trail's own rule
            run(statement)
    # Tables a later migration creates (run by the same owner) get the general plan; a new
    # table with special rules needs init-server again, which the upgrade notes say.
    viewer = quote(groups[RoleName.VIEWER])
    defaults = "ALTER DEFAULT PRIVILEGES IN SCHEMA public"
    run(f"{defaults} GRANT SELECT ON TABLES TO {viewer}")
    run(f"{defaults} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {writers}")
    run(f"{defaults} GRANT USAGE, SELECT ON SEQUENCES TO {writers}")
    run(f"{defaults} REVOKE ALL ON TABLES FROM PUBLIC")


def _audit_row_security(connection: Connection, prefix: str, groups: dict[RoleName, str]) -> None:
    """Audit rows: everyone reads, writers add, nobody changes or removes one.

    The GRANTs already say so; the row-level policies make it hold even if someone later
    grants UPDATE or DELETE on the table by mistake (no policy allows them, so no row
    qualifies). The owner who runs migrations is not subject to them (not FORCEd).
    """
    table = f"public.{quote(AUDIT_TABLE)}"
    all_groups = ", ".join(quote(name) for name in groups.values())
    writers = ", ".join(quote(groups[role]) for role in (RoleName.EDITOR, RoleName.ADMIN))
    read, append = quote(f"{prefix}_audit_read"), quote(f"{prefix}_audit_append")
    run = connection.exec_driver_sql
    run(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    run(f"DROP POLICY IF EXISTS {read} ON {table}")
    run(f"DROP POLICY IF EXISTS {append} ON {table}")
    run(f"CREATE POLICY {read} ON {table} FOR SELECT TO {all_groups} USING (true)")
    run(f"CREATE POLICY {append} ON {table} FOR INSERT TO {writers} WITH CHECK (true)")


def add_user(
    target: DatabaseTarget,
    username: str,
    role: RoleName,
    *,
    password: str | None = None,
    prefix: str | None = None,
    display_name: str = "",
) -> bool:
    """Create (or move) a login role in `role`'s group and its `users` row; True if new.

    Needs an account that may create roles (a superuser or CREATEROLE). The user leaves any
    other PMO group of this database, so a change of role is one command.
    """
    require_server(target, "add-user")
    if not _USER_NAME.fullmatch(username):
        raise ValidationError(
            f"User name {username!r}: use letters, digits and _ . @ - (at most 63 characters)."
        )
    groups = group_roles(_prefix(target.url.database or "", prefix))
    if username in groups.values():
        raise ValidationError(f"{username!r} is a group role; choose another user name.")
    engine = make_engine(target)
    try:
        with _server_errors(target), engine.begin() as connection:
            if schema.current_revision(connection) is None:
                raise NotADatabaseError(
                    f"{target.display} is not set up yet: run `pmo-desktop admin init-server` "
                    "first."
                )
            missing = [
                name
                for name in groups.values()
                if connection.execute(
                    text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
                ).first()
                is None
            ]
            if missing:
                raise ValidationError(
                    f"The group role {missing[0]} does not exist: run `pmo-desktop admin "
                    "init-server` on this database first (with the same --role-prefix)."
                )
            created = _login_role(connection, username, password)
            for other_role, group in groups.items():
                verb = "GRANT" if other_role is role else "REVOKE"
                link = "TO" if other_role is role else "FROM"
                connection.exec_driver_sql(f"{verb} {quote(group)} {link} {quote(username)}")
            _user_row(connection, username, role, display_name)
    finally:
        engine.dispose()
    return created


def _login_role(connection: Connection, username: str, password: str | None) -> bool:
    row = connection.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = :name"), {"name": username}
    ).first()
    if row is not None and row[0]:
        raise ValidationError(f"{username!r} is a superuser of the server; it is left alone.")
    secret = ""
    if password:
        hashed = _scram(connection, username, password)
        secret = " PASSWORD '" + hashed.replace("'", "''") + "'"
    if row is None:
        connection.exec_driver_sql(f"CREATE ROLE {quote(username)} LOGIN{secret}")
        return True
    connection.exec_driver_sql(f"ALTER ROLE {quote(username)} LOGIN{secret}")
    return False


def _scram(connection: Connection, username: str, password: str) -> str:
    """The password's SCRAM-SHA-256 verifier, computed by libpq on this computer."""
    driver_connection = connection.connection.driver_connection
    pgconn = driver_connection.pgconn  # type: ignore[union-attr]
    return bytes(
        pgconn.encrypt_password(password.encode(), username.encode(), b"scram-sha-256")
    ).decode("ascii")


def _user_row(connection: Connection, username: str, role: RoleName, display_name: str) -> None:
    role_id = connection.execute(
        text("SELECT id FROM roles WHERE name = :name"), {"name": role.value}
    ).scalar()
    existing = connection.execute(
        text("SELECT id FROM users WHERE username = :name"), {"name": username}
    ).scalar()
    if existing is None:
        import uuid

        connection.execute(
            text(
                "INSERT INTO users (uuid, version, username, display_name, email, role_id, "
                "created_at, updated_at) VALUES (:uuid, 1, :name, :display, '', :role, "
                "now(), now())"
            ),
            {
                "uuid": str(uuid.uuid4()),
                "name": username,
                "display": display_name or username,
                "role": role_id,
            },
        )
    else:
        connection.execute(
            text(
                "UPDATE users SET role_id = :role, version = version + 1, updated_at = now() "
                "WHERE id = :id"
            ),
            {"role": role_id, "id": existing},
        )


def list_users(target: DatabaseTarget, *, prefix: str | None = None) -> list[ServerUser]:
    """The application's users with the server groups their login role belongs to."""
    require_server(target, "users")
    groups = group_roles(_prefix(target.url.database or "", prefix))
    engine = make_engine(target)
    try:
        with _server_errors(target), engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT u.username, coalesce(r.name::text, ''), l.rolcanlogin, "
                    "coalesce((SELECT string_agg(g.rolname, ',' ORDER BY g.rolname) "
                    "  FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                    "  WHERE m.member = l.oid AND g.rolname = ANY(:groups)), '') "
                    "FROM users u LEFT JOIN roles r ON r.id = u.role_id "
                    "LEFT JOIN pg_roles l ON l.rolname = u.username ORDER BY u.username"
                ),
                {"groups": list(groups.values())},
            ).all()
    finally:
        engine.dispose()
    return [
        ServerUser(
            name, str(role), tuple(part for part in member_of.split(",") if part), bool(login)
        )
        for name, role, login, member_of in rows
    ]
