"""Checks on an untrusted .xlsx before openpyxl opens it (DESIGN.md §9).

A workbook is a zip of XML: refuse a file that is too large, not a zip, or a zip bomb (an
entry that expands more than `MAX_RATIO` times, or entries that expand past
`MAX_UNCOMPRESSED_BYTES` together), judged from the zip's directory, before any inflation.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.xlsx.model import MAX_FILE_BYTES, MAX_RATIO, MAX_UNCOMPRESSED_BYTES

#: Entries smaller than this may have any ratio (a tiny XML part compresses very well).
_RATIO_FLOOR = 1024 * 1024
_MAX_ENTRIES = 10_000


def check_workbook_file(path: Path) -> None:
    """Raise InteropError unless `path` is a plausible, reasonably sized .xlsx file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InteropError(f"{path} does not exist.") from None
    except OSError as error:
        raise InteropError(f"Cannot read {path}: {error.strerror or error}.") from None
    if not path.is_file():
        raise InteropError(f"{path} is not a file.")
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise InteropError(f"{path.name} is {size / 1024 / 1024:.0f} MB; the limit is {limit} MB.")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InteropError(f"{path.name} is not an Excel workbook (.xlsx).") from None
    if len(entries) > _MAX_ENTRIES:
        raise InteropError(f"{path.name} holds {len(entries)} parts: not a workbook.")
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
            raise InteropError(
                f"{path.name} is refused: its part {entry.filename} expands {ratio:.0f} times "
                f"(more than {MAX_RATIO}), as a zip bomb does."
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InteropError(
            f"{path.name} is refused: it expands to {total / 1024 / 1024:.0f} MB "
            f"(more than {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB)."
        )
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        raise InteropError(f"{path.name} is not an Excel workbook (.xlsx).")
