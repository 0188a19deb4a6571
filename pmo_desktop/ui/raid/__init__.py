"""The RAID and governance logs view: issues, assumptions, decisions, change requests,
cross-project dependencies and lessons learned."""

from __future__ import annotations

from pmo_desktop.ui.raid.view import RaidView

__all__ = ["RaidView"]
