"""The project view (properties, status reports, baselines, cost lines) and its pages."""

from __future__ import annotations

from pmo_desktop.ui.project_view.view import ProjectView

__all__ = ["ProjectView"]
