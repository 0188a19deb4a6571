"""Server passwords in a keyring: stored, found, forgotten; a clear error with no keyring.

The keyring is keyrings.alt's real file backend on a tmp path (never the user's keyring).
"""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backends import fail, null
from keyrings.alt.file import PlaintextKeyring

from pmo_desktop.storage import credentials
from pmo_desktop.storage.credentials import (
    KeyringUnavailableError,
    credential_key,
    forget_password,
    get_password,
    keyring_available,
    store_password,
)

URL = "postgresql+psycopg://alice@db.example.org:6543/portfolio"


def test_the_key_names_user_host_port_and_database() -> None:
    assert credential_key(URL) == "alice@db.example.org:6543/portfolio"
    assert credential_key("postgresql+psycopg://bob@server/pmo") == "bob@server:5432/pmo"
    assert credential_key("postgresql://carol:secret@127.0.0.1/x") == "carol@127.0.0.1:5432/x"


def test_store_get_forget(file_keyring: PlaintextKeyring) -> None:
    assert keyring_available()
    assert get_password(URL) is None
    store_password(URL, "s3cret pass")
    assert get_password(URL) == "s3cret pass"
    # The same database named with a password in its URL finds the same entry.
    assert get_password("postgresql+psycopg://alice:other@db.example.org:6543/portfolio") == (
        "s3cret pass"
    )
    assert get_password(URL.replace("6543", "5432")) is None
    store_password(URL, "changed")
    assert get_password(URL) == "changed"
    assert forget_password(URL)
    assert get_password(URL) is None
    assert not forget_password(URL)


def test_the_password_is_filed_under_the_app_service(file_keyring: PlaintextKeyring) -> None:
    store_password(URL, "pw-123")
    assert Path(file_keyring.file_path).is_file()
    assert file_keyring.get_password(credentials.SERVICE, credential_key(URL)) == "pw-123"


def test_an_empty_password_is_not_stored(file_keyring: PlaintextKeyring) -> None:
    with pytest.raises(Exception, match="empty password"):
        store_password(URL, "")
    assert get_password(URL) is None


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring])
def test_without_a_keyring_every_call_says_so(backend: type) -> None:
    previous = keyring.core._keyring_backend
    keyring.set_keyring(backend())
    try:
        assert not keyring_available()
        for call in (lambda: get_password(URL), lambda: store_password(URL, "x"),
                     lambda: forget_password(URL)):  # fmt: skip
            with pytest.raises(KeyringUnavailableError, match="cannot be remembered"):
                call()
    finally:
        keyring.core._keyring_backend = previous


def test_auto_detection_never_picks_a_plain_text_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """keyrings.alt is installed here: keyring alone would choose its plain-text file."""
    previous = keyring.core._keyring_backend
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no keyringrc.cfg
    keyring.core._keyring_backend = None
    try:
        assert keyring_available() == keyring.core.recommended(keyring.get_keyring())
        assert not isinstance(keyring.get_keyring(), PlaintextKeyring)
    finally:
        keyring.core._keyring_backend = previous


def test_no_password_reaches_the_qt_settings_or_data_folder(
    file_keyring: PlaintextKeyring, tmp_path: Path
) -> None:
    store_password(URL, "never-in-a-file-of-ours")
    keyring_file = Path(file_keyring.file_path)
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != keyring_file:
            assert b"never-in-a-file-of-ours" not in path.read_bytes()
