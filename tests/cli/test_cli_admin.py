"""`pmo-desktop admin init-server | add-user | users` as a user runs them (real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pmo_desktop.services.database import open_database


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pmo_desktop", *args],
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def assert_user_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("pmo-desktop: error: ")
    for fragment in fragments:
        assert fragment in line


@pytest.mark.postgres
def test_init_server_add_user_and_users(server_db: str) -> None:
    database = make_url(server_db).database
    first = run("admin", "init-server", "--db", server_db)
    assert first.returncode == 0, first.stderr
    assert f"group role {database}_pmo_viewer" in first.stdout
    again = run("admin", "init-server", "--db", server_db)  # idempotent
    assert again.returncode == 0, again.stderr

    viewer, editor = f"{database}_vera", f"{database}_eddie"
    added = run("admin", "add-user", "--db", server_db, viewer, "--role", "viewer")
    assert added.returncode == 0, added.stderr
    assert f"Added {viewer} as viewer" in added.stdout
    prompted = run(
        "admin", "add-user", "--db", server_db, editor, "--role", "editor", "--password-prompt",
        stdin="tr0ub4dor&3\ntr0ub4dor&3\n",
    )  # fmt: skip
    assert prompted.returncode == 0, prompted.stderr
    listing = run("admin", "users", "--db", server_db)
    assert listing.returncode == 0, listing.stderr
    rows = {line.split()[0]: line.split() for line in listing.stdout.splitlines()[1:]}
    assert rows[viewer][1:3] == ["viewer", "yes"] and rows[viewer][3] == f"{database}_pmo_viewer"
    assert rows[editor][1] == "editor"

    engine = create_engine(server_db)
    with engine.connect() as connection:
        verifier = connection.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :name"), {"name": editor}
        ).scalar_one()
    engine.dispose()
    assert verifier.startswith("SCRAM-SHA-256$")

    url = make_url(server_db).set(username=viewer).render_as_string(hide_password=False)
    opened = open_database(url)
    try:
        assert opened.read_only and opened.read_only_reason == "your role is viewer"
    finally:
        opened.close()


@pytest.mark.postgres
def test_password_prompt_mismatch_adds_nobody(server_db: str) -> None:
    assert run("admin", "init-server", "--db", server_db).returncode == 0
    name = f"{make_url(server_db).database}_typo"
    result = run(
        "admin", "add-user", "--db", server_db, name, "--role", "editor", "--password-prompt",
        stdin="first\nsecond\n",
    )  # fmt: skip
    assert_user_error(result, "passwords differ")
    assert name not in run("admin", "users", "--db", server_db).stdout


@pytest.mark.postgres
def test_add_user_before_init_server_says_what_to_do(server_db: str) -> None:
    result = run("admin", "add-user", "--db", server_db, "someone", "--role", "viewer")
    assert_user_error(result, "admin init-server")


def test_init_server_refuses_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "team.sqlite"
    assert_user_error(run("admin", "init-server", "--db", str(path)), "SQLite file")
    assert not path.exists()


def test_unencrypted_remote_server_is_refused_unless_forced() -> None:
    # Refused before any connection is tried: the host need not exist.
    url = "postgresql://admin@pmo.invalid:5432/pmo?sslmode=disable"
    assert_user_error(
        run("admin", "init-server", "--db", url), "sslmode=disable", "--force-insecure"
    )
    forced = run("admin", "init-server", "--db", url, "--force-insecure")
    assert_user_error(forced, "Cannot connect to")  # allowed: it went on to connect
    assert "Refusing" not in forced.stderr


def test_admin_without_action_prints_usage() -> None:
    result = run("admin")
    assert result.returncode == 2 and "init-server" in result.stderr


@pytest.mark.postgres
def test_a_team_member_cannot_run_the_admin_commands(server_db: str) -> None:
    assert run("admin", "init-server", "--db", server_db).returncode == 0
    name = f"{make_url(server_db).database}_member"
    assert run("admin", "add-user", "--db", server_db, name, "--role", "admin").returncode == 0
    member = make_url(server_db).set(username=name).render_as_string(hide_password=False)
    assert_user_error(run("admin", "init-server", "--db", member), "Nothing was changed")
    refused = run("admin", "add-user", "--db", member, f"{name}_2", "--role", "admin")
    assert_user_error(refused, "permission denied")
    assert f"{name}_2" not in run("admin", "users", "--db", server_db).stdout
