"""Microsoft Project XML (MSPDI): import into plain data, schedule, export.

`read_mspdi` parses a file (untrusted: defusedxml, size cap) into an `MspdiImport`,
`to_schedule_input` turns it into the engine's `ScheduleInput`, and `write_mspdi` writes
the plan back, with a `ScheduleResult`'s dates when one is given.
"""

from __future__ import annotations

from pmo_desktop.errors import InteropError
from pmo_desktop.interop.mspdi.convert import (
    levelling_delays,
    not_stored_in_database,
    to_schedule_input,
)
from pmo_desktop.interop.mspdi.model import (
    MAX_FILE_BYTES,
    Baseline,
    MspdiAssignment,
    MspdiCalendar,
    MspdiImport,
    MspdiLink,
    MspdiResource,
    MspdiTask,
    ProjectProperties,
    ReportEntry,
    SavedDates,
)
from pmo_desktop.interop.mspdi.reader import read_mspdi
from pmo_desktop.interop.mspdi.writer import write_mspdi

__all__ = [
    "MAX_FILE_BYTES",
    "Baseline",
    "InteropError",
    "MspdiAssignment",
    "MspdiCalendar",
    "MspdiImport",
    "MspdiLink",
    "MspdiResource",
    "MspdiTask",
    "ProjectProperties",
    "ReportEntry",
    "SavedDates",
    "levelling_delays",
    "not_stored_in_database",
    "read_mspdi",
    "to_schedule_input",
    "write_mspdi",
]
