"""A team server for tests: init-server on a fresh database, one login per role, cleanup.

Roles live on the whole server, not in the test database: every role made here starts with
the test database's name and is dropped (after DROP OWNED BY) when the test ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pmo_desktop.models.enums import RoleName
from pmo_desktop.storage.locations import resolve_target
from pmo_desktop.storage.server_admin import ServerSetup, add_user, init_server


@dataclass
class Team:
    """The owner's URL, what init-server made, and a login URL per role."""

    owner_url: str
    setup: ServerSetup
    logins: dict[RoleName, str]

    @property
    def database(self) -> str:
        return self.setup.database


def login_url(owner_url: str, user: str) -> str:
    return make_url(owner_url).set(username=user, password=None).render_as_string(False)


def drop_roles(owner_url: str, names: Iterable[str]) -> None:
    """Revoke what the roles hold in the test database and drop them from the server."""
    engine = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for name in names:
                exists = connection.execute(
                    text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}
                ).first()
                if exists is not None:
                    connection.exec_driver_sql(f'DROP OWNED BY "{name}"')
                    connection.exec_driver_sql(f'DROP ROLE "{name}"')
    finally:
        engine.dispose()


def team_server(owner_url: str) -> Iterator[Team]:
    """Body of a fixture: set the database up, yield the team, drop every role made."""
    setup = init_server(resolve_target(owner_url))
    logins: dict[RoleName, str] = {}
    try:
        for role in RoleName:
            user = f"{setup.database}_{role.value}_user"
            add_user(resolve_target(owner_url), user, role)
            logins[role] = login_url(owner_url, user)
        yield Team(owner_url, setup, logins)
    finally:
        users = [f"{setup.database}_{role.value}_user" for role in RoleName]
        drop_roles(owner_url, [*users, *setup.groups.values()])
