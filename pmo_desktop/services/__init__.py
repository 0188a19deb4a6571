"""Use cases shared by the GUI and the command line; each call opens its own short session."""

from __future__ import annotations

# Domain rules that hook into every save must be registered before any service runs.
from pmo_desktop.services import risks as _risks  # noqa: F401
