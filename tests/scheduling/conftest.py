"""Scheduling test fixtures: the MPXJ oracle (Microsoft Project's scheduling, via Java).

`mpxj_oracle` is `mpxj_oracle.schedule_with_mpxj`: ScheduleInput → results per task id.
It needs Java and the `mpxj` + `JPype1` packages; without them the tests that use it skip,
unless PMO_REQUIRE_JAVA=1 (CI), where they fail.
"""

from __future__ import annotations

import os

import mpxj_oracle as oracle
import pytest
from mpxj_oracle import Oracle


def _java_required() -> bool:
    return os.environ.get("PMO_REQUIRE_JAVA", "") not in ("", "0")


@pytest.fixture(scope="session")
def mpxj_oracle() -> Oracle:
    """Schedule a ScheduleInput with MPXJ's MicrosoftScheduler (see mpxj_oracle.py)."""
    reason = oracle.unavailable_reason()
    if reason is None:
        try:
            oracle.start_jvm()
        except Exception as error:
            reason = f"MPXJ oracle: the JVM did not start: {error}"
    if reason is not None:
        if _java_required():
            pytest.fail(reason + " (PMO_REQUIRE_JAVA=1)")
        pytest.skip(reason)
    return oracle.schedule_with_mpxj
