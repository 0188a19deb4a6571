"""Roles enforced by the PostgreSQL server: init-server, logins, read-only viewers, refusals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from server_team import Team, drop_roles, team_server
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from pmo_desktop.errors import (
    DatabaseUnreachableError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    UnsupportedDatabaseError,
    ValidationError,
)
from pmo_desktop.models import Portfolio, User
from pmo_desktop.models.enums import RoleName
from pmo_desktop.services import crud
from pmo_desktop.services.database import open_database
from pmo_desktop.storage import schema
from pmo_desktop.storage.locations import resolve_target
from pmo_desktop.storage.server_admin import add_user, init_server, list_users
from pmo_desktop.storage.server_roles import default_prefix, group_roles

pytestmark = pytest.mark.postgres


@pytest.fixture
def team(postgres_url: str) -> Iterator[Team]:
    yield from team_server(postgres_url)


def _refused(url: str, statement: str) -> str:
    """Run a hand-made statement as that login; the server's error message (must fail)."""
    engine = create_engine(url)
    try:
        with pytest.raises(ProgrammingError) as caught, engine.begin() as connection:
            connection.execute(text(statement))
        return str(caught.value.orig)
    finally:
        engine.dispose()


def _count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_init_server_creates_schema_groups_and_is_idempotent(team: Team) -> None:
    setup = team.setup
    assert setup.revision == schema.head_revision()
    assert setup.groups == group_roles(f"{team.database}_pmo")
    assert "projects" in setup.tables and "audit_entries" in setup.tables
    again = init_server(resolve_target(team.owner_url))
    assert again.groups == setup.groups and again.upgraded_from is None
    engine = create_engine(team.owner_url)
    with engine.connect() as connection:
        login = connection.execute(
            text("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(setup.groups.values())},
        ).all()
        public_rights = connection.execute(
            text("SELECT has_table_privilege('public', 'projects', 'SELECT')")
        ).scalar()
        rls = connection.execute(
            text("SELECT relrowsecurity FROM pg_class WHERE relname = 'audit_entries'")
        ).scalar()
    engine.dispose()
    assert sorted(login) == sorted((name, False) for name in setup.groups.values())
    assert public_rights is False
    assert rls is True


def test_viewer_opens_read_only_and_the_server_refuses_its_hand_made_sql(team: Team) -> None:
    viewer = open_database(team.logins[RoleName.VIEWER])
    try:
        assert viewer.server_role == "viewer"
        assert viewer.read_only and viewer.read_only_reason == "your role is viewer"
        with pytest.raises(ReadOnlyDatabaseError, match="your role is viewer"):
            crud.create(viewer, Portfolio, name="Not allowed")
        assert crud.list_rows(viewer, Portfolio) == []  # reading works
    finally:
        viewer.close()
    for statement in (
        "UPDATE roles SET description = 'hacked'",
        "INSERT INTO portfolios (uuid, version, name, description, organisation, created_at, "
        "updated_at) VALUES ('x', 1, 'x', '', '', now(), now())",
        "DELETE FROM roles",
        "INSERT INTO audit_entries (at, user_name, action, entity, entity_id, entity_uuid) "
        "VALUES (now(), 'x', 'update', 'x', 1, '')",
        "CREATE TABLE sneaky (id int)",
    ):
        message = _refused(team.logins[RoleName.VIEWER], statement)
        assert "permission denied" in message
    engine = create_engine(team.owner_url)
    with engine.connect() as connection:
        descriptions = connection.execute(text("SELECT description FROM roles")).scalars().all()
    engine.dispose()
    assert "hacked" not in descriptions


def test_editor_edits_data_but_not_users_audit_rows_or_schema(team: Team) -> None:
    editor = open_database(team.logins[RoleName.EDITOR])
    try:
        assert editor.server_role == "editor" and not editor.read_only
        portfolio = crud.create(editor, Portfolio, name="Team portfolio")
        crud.update(editor, Portfolio, portfolio.id, portfolio.version, name="Renamed")
        users = crud.list_rows(editor, User)
        assert users  # may read who is who
        with pytest.raises(ReadOnlyDatabaseError, match="your role does not allow it"):
            crud.update(editor, User, users[0].id, users[0].version, email="x@example.org")
    finally:
        editor.close()
    audit_rows = _count(team.owner_url, "audit_entries")
    assert audit_rows >= 2  # the editor's changes were audited (append allowed)
    for statement in (
        "UPDATE audit_entries SET user_name = 'someone else'",
        "DELETE FROM audit_entries",
        "TRUNCATE audit_entries",
        "UPDATE users SET email = 'x'",
        "UPDATE alembic_version SET version_num = '9999'",
        "CREATE TABLE sneaky (id int)",
        "ALTER TABLE projects ADD COLUMN sneaky int",
        "DROP TABLE risks",
    ):
        assert "permission denied" in _refused(team.logins[RoleName.EDITOR], statement) or (
            "must be owner" in _refused(team.logins[RoleName.EDITOR], statement)
        )
    assert _count(team.owner_url, "audit_entries") == audit_rows


def test_admin_manages_users_and_audit_rows_stay_append_only(team: Team) -> None:
    admin = open_database(team.logins[RoleName.ADMIN])
    try:
        assert admin.server_role == "admin" and not admin.read_only
        user = crud.list_rows(admin, User)[0]
        crud.update(admin, User, user.id, user.version, email="pmo@example.org")
    finally:
        admin.close()
    message = _refused(team.logins[RoleName.ADMIN], "DELETE FROM audit_entries")
    assert "permission denied" in message
    # Even a grant made by mistake later lets no audit row change: no policy allows it.
    engine = create_engine(team.owner_url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            f'GRANT UPDATE ON audit_entries TO "{team.setup.groups[RoleName.EDITOR]}"'
        )
    engine.dispose()
    editor = create_engine(team.logins[RoleName.EDITOR])
    with editor.begin() as connection:
        changed = connection.execute(text("UPDATE audit_entries SET user_name = 'forged'"))
        assert changed.rowcount == 0
    editor.dispose()


def test_add_user_moves_a_login_between_roles_and_lists_it(team: Team) -> None:
    owner = resolve_target(team.owner_url)
    name = f"{team.database}_viewer_user"
    assert add_user(owner, name, RoleName.EDITOR) is False
    database = open_database(team.logins[RoleName.VIEWER])  # same login, new role
    try:
        assert database.server_role == "editor" and not database.read_only
    finally:
        database.close()
    listed = {user.username: user for user in list_users(owner)}
    assert listed[name].role == "editor"
    assert listed[name].server_groups == (team.setup.groups[RoleName.EDITOR],)
    assert listed[name].can_login
    with pytest.raises(ValidationError, match="group role"):
        add_user(owner, team.setup.groups[RoleName.ADMIN], RoleName.ADMIN)
    with pytest.raises(ValidationError, match="User name"):
        add_user(owner, "bad name; DROP TABLE x", RoleName.EDITOR)


def test_password_is_stored_as_a_scram_verifier(team: Team) -> None:
    owner = resolve_target(team.owner_url)
    name = f"{team.database}_with_password"
    try:
        add_user(owner, name, RoleName.VIEWER, password="correct horse")
        engine = create_engine(team.owner_url)
        with engine.connect() as connection:
            stored = connection.execute(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = :name"), {"name": name}
            ).scalar_one()
        engine.dispose()
        assert stored.startswith("SCRAM-SHA-256$") and "correct horse" not in stored
    finally:
        drop_roles(team.owner_url, [name])


def test_two_databases_on_one_server_have_their_own_groups(
    team: Team,
) -> None:
    other_name = f"{team.database}_other"
    server = make_url(team.owner_url)
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{other_name}"')
    other_url = server.set(database=other_name).render_as_string(hide_password=False)
    setup = None
    try:
        setup = init_server(resolve_target(other_url))
        assert set(setup.groups.values()).isdisjoint(team.setup.groups.values())
        # The first database's viewer is nobody on the second.
        with pytest.raises(DatabaseUnreachableError, match="permission denied"):
            viewer = make_url(team.logins[RoleName.VIEWER]).set(database=other_name)
            open_database(viewer.render_as_string(hide_password=False))
    finally:
        if setup is not None:
            drop_roles(other_url, setup.groups.values())
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{other_name}" WITH (FORCE)')
        admin.dispose()


def test_init_server_refuses_sqlite_and_foreign_databases(
    tmp_path: Path, postgres_url: str
) -> None:
    with pytest.raises(UnsupportedDatabaseError, match="SQLite file"):
        init_server(resolve_target(tmp_path / "team.sqlite"))
    assert not (tmp_path / "team.sqlite").exists()
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE their_data (id int)")
    engine.dispose()
    with pytest.raises(NotADatabaseError, match="other tables"):
        init_server(resolve_target(postgres_url))
    engine = create_engine(postgres_url)
    with engine.connect() as connection:
        roles = connection.execute(
            text("SELECT count(*) FROM pg_roles WHERE rolname LIKE :prefix"),
            {"prefix": default_prefix(make_url(postgres_url).database or "") + "%"},
        ).scalar()
    engine.dispose()
    assert roles == 0  # one transaction: nothing was created


def test_default_prefix_makes_safe_role_names() -> None:
    assert default_prefix("pmo") == "pmo_pmo"
    assert default_prefix("Team-DB 2026") == "team_db_2026_pmo"
    assert default_prefix("2026") == "db_2026_pmo"
    assert all(len(name) <= 63 for name in group_roles(default_prefix("x" * 100)).values())
