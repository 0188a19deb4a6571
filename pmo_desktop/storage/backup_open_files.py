"""Which processes have a database file open (before a restore replaces it).

Linux answers through /proc/<pid>/fd (processes of other users are not readable and are
not listed). Elsewhere the answer is empty: on Windows, replacing a file another program
has open fails anyway, and the restore reports that failure.
"""

from __future__ import annotations

import os
from pathlib import Path

_PROC = Path("/proc")
#: SQLite's own files beside the database: a program with any of them open uses it.
SIDE_SUFFIXES = ("", "-journal", "-wal", "-shm")


def processes_using(path: Path) -> set[int]:
    """Process ids that hold `path` (or its journal files) open; empty where unknown."""
    if not (_PROC / "self" / "fd").is_dir():
        return set()
    resolved = str(path.expanduser().resolve())
    wanted = {resolved + suffix for suffix in SIDE_SUFFIXES}
    users: set[int] = set()
    for entry in os.scandir(_PROC):
        if not entry.name.isdigit():
            continue
        folder = f"{entry.path}/fd"
        try:
            descriptors = os.listdir(folder)
        except OSError:
            continue  # gone meanwhile, or another user's
        for descriptor in descriptors:
            try:
                target = os.readlink(f"{folder}/{descriptor}")
            except OSError:
                continue
            if target in wanted:
                users.add(int(entry.name))
                break
    return users
