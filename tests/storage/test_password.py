"""A wrong password is refused with a clear message (a real server with password auth).

The shared test server trusts local connections, so this test starts a throw-away
PostgreSQL cluster of its own with scram-sha-256 authentication.
"""

from __future__ import annotations

import glob
import os
import pwd
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmo_desktop.errors import DatabaseUnreachableError
from pmo_desktop.services.database import open_database

PASSWORD = "correct horse battery staple"


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def password_server() -> Iterator[str]:
    """URL (without password) of a private cluster that demands a password."""
    binaries = _postgres_bin()
    if binaries is None or os.geteuid() != 0 or not _has_user("postgres"):
        reason = "needs PostgreSQL's initdb and root to run it as the postgres user"
        if os.environ.get("PMO_REQUIRE_POSTGRES", "") not in ("", "0"):
            pytest.fail(reason)
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="pmo-pg-"))
    shutil.chown(folder, "postgres")
    data, pwfile, port = folder / "data", folder / "pw", _free_port()
    pwfile.write_text(PASSWORD + "\n")
    shutil.chown(pwfile, "postgres")
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_postgres, str(binaries / "initdb"), "-D", str(data), "-U", "pmo",
         "--auth=scram-sha-256", f"--pwfile={pwfile}"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l",
         str(folder / "log"), "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1",
         "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    try:
        yield f"postgresql+psycopg://pmo@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.mark.postgres
def test_wrong_password_is_refused(password_server: str) -> None:
    url = password_server.replace("pmo@", "pmo:wrong-password@")
    with pytest.raises(DatabaseUnreachableError, match="password authentication failed") as caught:
        open_database(url)
    assert "wrong-password" not in str(caught.value)


@pytest.mark.postgres
def test_right_password_opens(password_server: str) -> None:
    url = password_server.replace("pmo@", f"pmo:{PASSWORD.replace(' ', '%20')}@")
    database = open_database(url)
    assert not database.read_only
    database.close()


@pytest.mark.postgres
def test_cli_asks_for_the_password_at_a_terminal(password_server: str) -> None:
    """No password in the URL, a terminal on stdin: the CLI prompts instead of failing."""
    terminal, child_side = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "pmo_desktop", "demo", "--no-gui", "--db", password_server],
        stdin=child_side,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    os.close(child_side)
    assert process.stderr is not None
    prompt = ""
    try:
        # Type only once the prompt is up: getpass flushes what was typed before it.
        deadline = time.monotonic() + 60
        while "Password for" not in prompt and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stderr], [], [], 1)
            if ready:
                prompt += os.read(process.stderr.fileno(), 4096).decode()
        assert "Password for pmo@127.0.0.1" in prompt
        os.write(terminal, (PASSWORD + "\n").encode())
        out, err = process.communicate(timeout=120)
    finally:
        os.close(terminal)
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, prompt + err
    assert PASSWORD not in out + prompt + err
    assert "Demo portfolio created" in out


@pytest.mark.postgres
def test_cli_without_a_terminal_reports_the_missing_password(password_server: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pmo_desktop", "check", "--db", password_server],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "password" in result.stderr
    assert "Traceback" not in result.stderr
