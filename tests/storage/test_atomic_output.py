"""Files written whole or not at all, readable by others as any new file is."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pmo_desktop.errors import InteropError
from pmo_desktop.storage.atomic import atomic_output


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_umask_permissions_not_the_temporary_ones(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        with atomic_output(tmp_path / "pack.pdf") as stream:
            stream.write(b"%PDF-1.4")
    finally:
        os.umask(previous)
    assert (tmp_path / "pack.pdf").read_bytes() == b"%PDF-1.4"
    assert _mode(tmp_path / "pack.pdf") == 0o644
    assert [path.name for path in tmp_path.iterdir()] == ["pack.pdf"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "table.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o664)
    with atomic_output(target) as stream:
        stream.write(b"new")
    assert target.read_bytes() == b"new" and _mode(target) == 0o664


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "plan.xml"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write(b"half")
        raise RuntimeError("the build failed")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["plan.xml"]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with (
        pytest.raises(InteropError, match="Cannot write"),
        atomic_output(tmp_path / "gone" / "pack.pdf") as stream,
    ):
        stream.write(b"x")
