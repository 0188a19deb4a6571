"""The resource pool view: resources, cost rates with effective dates, vacations."""

from pmo_desktop.ui.pool.view import ResourcePoolView

__all__ = ["ResourcePoolView"]
