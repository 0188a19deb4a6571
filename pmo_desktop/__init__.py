"""PMO Desktop: portfolio, schedule, resource and risk management for a PMO."""

from __future__ import annotations

__version__ = "0.1.0"
