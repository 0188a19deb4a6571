"""The resource loading view: heat grid, histogram and drill-down (issue 6)."""
