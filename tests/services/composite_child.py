"""A PMO Desktop process applying a grouped command that stops halfway (killed by a test).

Usage: python composite_child.py DB PROJECT_ID OTHER_PROJECT_ID
Applies ONE `CompositeCommand`: rename project PROJECT_ID, add a status report to it, then
a step that prints `halfway` and sleeps, then rename OTHER_PROJECT_ID. The test kills the
process while it sleeps: nothing of the group may be left in the database.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import date

from pmo_desktop.models import Entity, Project, StatusReport
from pmo_desktop.services.commands import Command, CompositeCommand, CreateRow, update_fields
from pmo_desktop.services.database import Database, open_database


@dataclass
class Pause:
    """A slow step in the middle of the group (as a long reschedule would be)."""

    text: str = "pause"

    def apply(self, database: Database) -> None:
        with database.session() as session:  # the group's transaction: sees its writes
            renamed = session.get(Project, int(sys.argv[2]))
            assert renamed is not None
            print(f"halfway {renamed.name}", flush=True)
        time.sleep(120)

    def revert(self, database: Database) -> None:
        pass

    def merge(self, other: Command) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return set()


def main() -> int:
    database = open_database(sys.argv[1], create=False)
    first, second = int(sys.argv[2]), int(sys.argv[3])
    command = CompositeCommand(
        [
            update_fields(database, Project, first, "Rename", name="Renamed by the group"),
            CreateRow(
                StatusReport,
                {
                    "project_id": first,
                    "period_start": date(2026, 1, 1),
                    "period_end": date(2026, 1, 31),
                },
            ),
            Pause(),
            update_fields(database, Project, second, "Rename", name="Renamed too"),
        ],
        "Group",
    )
    command.apply(database)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
