"""`pmo-desktop admin …`: set up a PostgreSQL server for a team and manage its users."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

_ADMIN_HELP = (
    "Set up and manage a PostgreSQL server for a team. Run these as the database's owner "
    "(or a superuser): init-server creates the schema and the group roles, add-user the "
    "people's logins."
)
_INIT_HELP = (
    "In one transaction: create or upgrade the PMO Desktop schema, create the group roles "
    "PREFIX_viewer, PREFIX_editor and PREFIX_admin (PREFIX is DATABASE_pmo unless "
    "--role-prefix says otherwise), revoke everything from PUBLIC and grant each group "
    "exactly its rights: viewers read; editors change project data and add audit rows; "
    "admins also manage users. Safe to run again, e.g. after upgrading PMO Desktop."
)
_ADD_USER_HELP = (
    "Create a login for NAME in the group of --role (or move an existing login to that "
    "role) and record the user. --password-prompt asks for the password at the terminal; "
    "it is hashed on this computer and never appears on the command line."
)
_INSECURE_HELP = (
    "allow sslmode=disable to a server on another computer (data and passwords in plain text)"
)


def register(commands: Any) -> None:
    """Add the `admin` command and its subcommands to the CLI's subparsers."""
    from pmo_desktop import cli

    admin = commands.add_parser(
        "admin", help="set up a PostgreSQL server and its users", description=_ADMIN_HELP
    )
    admin.set_defaults(handler=_usage(admin))
    actions = admin.add_subparsers(title="admin commands", metavar="ACTION")

    init = actions.add_parser(
        "init-server", help="create the schema, roles and privileges", description=_INIT_HELP
    )
    cli._add_db(init, "server URL, e.g. postgresql://owner@server/pmo", required=True)
    _common(init)
    init.set_defaults(handler=_init_server)

    add = actions.add_parser(
        "add-user", help="give a person a login with a role", description=_ADD_USER_HELP
    )
    cli._add_db(add, "server URL, e.g. postgresql://owner@server/pmo", required=True)
    add.add_argument("name", metavar="NAME", help="the person's login name on the server")
    add.add_argument("--role", required=True, choices=("viewer", "editor", "admin"))
    add.add_argument(
        "--password-prompt", action="store_true", help="ask for the new login's password"
    )
    add.add_argument("--display-name", default="", metavar="TEXT", help="name shown in the app")
    _common(add)
    add.set_defaults(handler=_add_user)

    users = actions.add_parser("users", help="list the users, their roles and server groups")
    cli._add_db(users, "server URL, e.g. postgresql://owner@server/pmo", required=True)
    _common(users)
    users.set_defaults(handler=_users)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--role-prefix", metavar="PREFIX", help="group role prefix (default: DATABASE_pmo)"
    )
    parser.add_argument("--force-insecure", action="store_true", help=_INSECURE_HELP)


def _usage(parser: argparse.ArgumentParser) -> Any:
    def handler(_args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
        parser.print_help(sys.stderr)
        return 2

    return handler


def _target(args: argparse.Namespace) -> Any:
    """The server target, with the password prompted for when the server asks for one."""
    from dataclasses import replace

    from pmo_desktop.errors import DatabaseUnreachableError
    from pmo_desktop.storage.engine import make_engine
    from pmo_desktop.storage.locations import resolve_target
    from pmo_desktop.storage.server_admin import require_server

    target = resolve_target(args.db, allow_insecure=args.force_insecure)
    require_server(target, args.admin_command)
    if target.url.password:
        return target
    engine = make_engine(target)
    try:
        with engine.connect():
            return target
    except Exception as exc:  # the driver's error: turned into ours below
        message = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if "password" not in message or not sys.stdin.isatty():
            raise DatabaseUnreachableError(
                f"Cannot connect to {target.display}: {message}."
            ) from None
    finally:
        engine.dispose()
    password = getpass.getpass(f"Password for {target.url.username or ''}@{target.url.host}: ")
    return replace(target, url=target.url.set(password=password))


def _init_server(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.storage.server_admin import init_server

    args.admin_command = "init-server"
    setup = init_server(_target(args), prefix=args.role_prefix)
    done = f"upgraded from {setup.upgraded_from} to" if setup.upgraded_from else "schema at"
    print(f"Database {setup.database}: {done} revision {setup.revision}.")
    for role, group in setup.groups.items():
        print(f"  {role.value:<7} group role {group}")
    print(
        f"Privileges set on {len(setup.tables)} tables; audit entries are append-only. "
        f"Next: pmo-desktop admin add-user --db URL NAME --role viewer|editor|admin"
    )
    return 0


def _add_user(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.errors import ValidationError
    from pmo_desktop.models.enums import RoleName
    from pmo_desktop.storage.server_admin import add_user

    args.admin_command = "add-user"
    target = _target(args)
    password = None
    if args.password_prompt:
        password = getpass.getpass(f"New password for {args.name}: ")
        if not password:
            raise ValidationError("An empty password was given; the user was not added.")
        if getpass.getpass("Repeat the password: ") != password:
            raise ValidationError("The two passwords differ; the user was not added.")
    created = add_user(
        target,
        args.name,
        RoleName(args.role),
        password=password,
        prefix=args.role_prefix,
        display_name=args.display_name,
    )
    verb = "Added" if created else "Updated"
    print(f"{verb} {args.name} as {args.role} on {target.display}.")
    return 0


def _users(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    from pmo_desktop.storage.server_admin import list_users

    args.admin_command = "users"
    users = list_users(_target(args), prefix=args.role_prefix)
    if not users:
        print("No users yet.")
        return 0
    width = max(len("user"), *(len(user.username) for user in users))
    print(f"{'user':<{width}}  {'role':<7}  login  server groups")
    for user in users:
        login = "yes" if user.can_login else "no"
        groups = ", ".join(user.server_groups) or "-"
        print(f"{user.username:<{width}}  {user.role or '-':<7}  {login:<5}  {groups}")
    return 0
