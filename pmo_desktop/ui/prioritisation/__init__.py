"""Strategic prioritisation: scoring model, ranked portfolio with a budget/capacity what-if."""

from __future__ import annotations

from pmo_desktop.ui.prioritisation.view import PrioritisationView

__all__ = ["PrioritisationView"]
