"""Server passwords in the OS keyring, keyed by `user@host:port/database`.

Passwords never go to QSettings or any file of ours. When the system has no keyring (keyring's
`fail` or `null` backend), every call raises `KeyringUnavailableError` and the caller asks for
the password each time. Backends that keyring itself does not recommend (priority below 1, such
as keyrings.alt's plain-text file) are used only when chosen explicitly: by
`keyring.set_keyring`, `PYTHON_KEYRING_BACKEND` or keyring's configuration file.
keyring is imported on first use: it costs ~50 ms that no command without a server pays.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL, make_url

from pmo_desktop.errors import PmoError

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

#: The keyring "service" under which every PMO Desktop password is filed.
SERVICE = "pmo-desktop"
DEFAULT_HOST = "localhost"
DEFAULT_PORT = 5432


class KeyringUnavailableError(PmoError):
    """No usable keyring: the password cannot be remembered and must be typed each time."""


def credential_key(url: URL | str) -> str:
    """The keyring entry name of a server database: `user@host:port/database`."""
    parsed = make_url(url) if isinstance(url, str) else url
    user = parsed.username or ""
    host = parsed.host or DEFAULT_HOST
    port = parsed.port or DEFAULT_PORT
    return f"{user}@{host}:{port}/{parsed.database or ''}"


def _backend() -> KeyringBackend:
    """The keyring in use; on first use, auto-detection skips backends keyring does not
    recommend, so a plain-text file is never picked behind the user's back."""
    import keyring
    import keyring.core

    if getattr(keyring.core, "_keyring_backend", True) is None:
        keyring.core.init_backend(limit=keyring.core.recommended)
    return keyring.get_keyring()


def _is_missing(backend: KeyringBackend) -> bool:
    from keyring.backends import fail, null

    return isinstance(backend, fail.Keyring | null.Keyring)


def keyring_available() -> bool:
    """Whether passwords can be remembered on this computer."""
    return not _is_missing(_backend())


def keyring_name() -> str:
    """A short name of the keyring in use, for the About dialog and messages."""
    backend = _backend()
    return getattr(backend, "name", type(backend).__name__)


def _usable_backend() -> KeyringBackend:
    backend = _backend()
    if _is_missing(backend):
        raise KeyringUnavailableError(
            "Passwords cannot be remembered on this computer: no system keyring is available. "
            "You will be asked for the password each time."
        )
    return backend


def _keyring_failure(action: str, key: str, exc: Exception) -> KeyringUnavailableError:
    log.warning("Keyring %s for %s failed: %s", action, key, exc)
    return KeyringUnavailableError(
        f"The system keyring refused to {action} the password for {key} ({exc})."
    )


def get_password(url: URL | str) -> str | None:
    """The remembered password of `url`'s user and database, or None if none is stored."""
    from keyring.errors import KeyringError

    backend, key = _usable_backend(), credential_key(url)
    try:
        return backend.get_password(SERVICE, key)
    except KeyringError as exc:
        raise _keyring_failure("read", key, exc) from exc


def store_password(url: URL | str, password: str) -> None:
    """Remember `password` for `url`'s user and database (replaces any earlier one)."""
    from keyring.errors import KeyringError

    backend, key = _usable_backend(), credential_key(url)
    if not password:
        raise PmoError("An empty password is not remembered.")
    try:
        backend.set_password(SERVICE, key, password)
    except KeyringError as exc:
        raise _keyring_failure("store", key, exc) from exc


def forget_password(url: URL | str) -> bool:
    """Remove the remembered password; False if there was none."""
    from keyring.errors import KeyringError, PasswordDeleteError

    backend, key = _usable_backend(), credential_key(url)
    try:
        backend.delete_password(SERVICE, key)
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise _keyring_failure("forget", key, exc) from exc
    return True
