"""The encryption rule for server URLs: sslmode=disable only on this computer or when forced.

Pure URL rules (no TLS server needed): resolving a URL applies them before any connection.
"""

from __future__ import annotations

import pytest

from pmo_desktop.errors import DatabaseLocationError
from pmo_desktop.storage.locations import (
    ALLOW_INSECURE_ENV,
    is_loopback_host,
    resolve_target,
)


def sslmode(url: str, **options: bool) -> str | None:
    mode = resolve_target(url, **options).url.query.get("sslmode")
    assert mode is None or isinstance(mode, str)
    return mode


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.4.5.6", "localhost", "LOCALHOST", "[::1]", "db.localhost"]
)
def test_loopback_hosts_may_go_unencrypted(host: str) -> None:
    assert sslmode(f"postgresql://u@{host}:5432/pmo?sslmode=disable") == "disable"


def test_unix_sockets_and_no_host_are_local() -> None:
    assert sslmode("postgresql://u@/pmo?host=/var/run/postgresql&sslmode=disable") == "disable"
    assert sslmode("postgresql://u@/pmo?sslmode=disable") == "disable"
    assert is_loopback_host(None) and is_loopback_host("/tmp")


@pytest.mark.parametrize("mode", ["disable", "allow", "DISABLE"])
@pytest.mark.parametrize(
    "host", ["db.example.org", "10.0.0.5", "192.168.1.20", "[2001:db8::1]", "127.0.0.1.nip.io"]
)
def test_unencrypted_remote_hosts_are_refused(mode: str, host: str) -> None:
    url = f"postgresql+psycopg://admin:s3cret@{host}/pmo?sslmode={mode}"
    with pytest.raises(DatabaseLocationError, match="unencrypted") as caught:
        resolve_target(url)
    assert "s3cret" not in str(caught.value)  # the message never shows the password


def test_a_loopback_host_among_remote_ones_does_not_excuse_them() -> None:
    with pytest.raises(DatabaseLocationError):
        resolve_target("postgresql://u@localhost/pmo?host=db.example.org&sslmode=disable")


def test_forcing_allows_it_three_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql://u@db.example.org/pmo?sslmode=disable"
    assert sslmode(url, allow_insecure=True) == "disable"
    flagged = resolve_target(url + "&pmo_allow_insecure=1").url
    assert flagged.query.get("sslmode") == "disable"
    assert "pmo_allow_insecure" not in flagged.query  # never passed on to the driver
    monkeypatch.setenv(ALLOW_INSECURE_ENV, "1")
    assert sslmode(url) == "disable"
    monkeypatch.setenv(ALLOW_INSECURE_ENV, "0")
    with pytest.raises(DatabaseLocationError):
        resolve_target(url)


def test_remote_hosts_default_to_required_encryption_and_keep_a_given_mode() -> None:
    assert sslmode("postgresql://u@db.example.org/pmo") == "require"
    assert sslmode("postgresql://u@db.example.org/pmo?sslmode=verify-full") == "verify-full"
    assert sslmode("postgresql://u@db.example.org/pmo?sslmode=prefer") == "prefer"
    assert sslmode("postgresql://u@localhost/pmo") is None  # libpq's default on this computer
