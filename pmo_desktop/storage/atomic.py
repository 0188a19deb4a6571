"""Files that appear whole or not at all: exported workbooks, XML, board packs.

The content goes to a temporary file beside the target, is flushed to disk, and replaces the
target in one rename; on any error the temporary file is removed and an older file of the
same name stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pmo_desktop.errors import InteropError


def _new_file_mode(target: Path) -> int:
    """The replaced file's permissions, else those of any new file (0666 less the umask):
    a temporary file is private (0600), which a pack on a shared folder must not stay."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(target.stat().st_mode)
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_output(target: Path | str) -> Iterator[IO[bytes]]:
    """A binary stream whose content replaces `target` when the block ends without error.

    OSErrors (missing folder, no permission, disk full) become an InteropError naming the
    file; any other exception propagates; either way nothing is left behind.
    """
    path = Path(target)
    directory = path.parent if str(path.parent) else Path(".")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _new_file_mode(path))
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise InteropError(f"Cannot write {path}: {error.strerror or error}.") from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
