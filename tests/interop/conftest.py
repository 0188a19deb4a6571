"""Interop fixtures: the shared MSPDI corpus and MPXJ's file reader (Java, via JPype).

The corpus lives outside the repository (`../shared/data/mspdi`); without it the tests
that need it skip, unless PMO_REQUIRE_SHARED_DATA=1. MPXJ needs Java; without it the
read-back tests skip, unless PMO_REQUIRE_JAVA=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

MSPDI_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mspdi"
_ORACLE_DIR = Path(__file__).resolve().parents[1] / "scheduling"


def _required(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


@pytest.fixture(scope="session")
def mspdi_dir() -> Path:
    """The shared corpus of files written by Microsoft Project."""
    if not (MSPDI_DIR / "project2019").is_dir():
        reason = f"shared MSPDI data not found at {MSPDI_DIR}"
        if _required("PMO_REQUIRE_SHARED_DATA"):
            pytest.fail(reason + " (PMO_REQUIRE_SHARED_DATA=1)")
        pytest.skip(reason)
    return MSPDI_DIR


@pytest.fixture(scope="session")
def mpxj_read() -> Callable[[Path], Any]:
    """Read a file with MPXJ's UniversalProjectReader; returns the Java ProjectFile."""
    if str(_ORACLE_DIR) not in sys.path:
        sys.path.insert(0, str(_ORACLE_DIR))
    import mpxj_oracle

    reason = mpxj_oracle.unavailable_reason()
    if reason is None:
        try:
            mpxj_oracle.start_jvm()
        except Exception as error:
            reason = f"MPXJ: the JVM did not start: {error}"
    if reason is not None:
        if _required("PMO_REQUIRE_JAVA"):
            pytest.fail(reason + " (PMO_REQUIRE_JAVA=1)")
        pytest.skip(reason)
    import jpype

    reader_class = jpype.JClass("org.mpxj.reader.UniversalProjectReader")

    def read(path: Path) -> Any:
        project = reader_class().read(str(path))
        if project is None:
            raise AssertionError(f"MPXJ did not recognise {path} as a project file")
        return project

    return read
