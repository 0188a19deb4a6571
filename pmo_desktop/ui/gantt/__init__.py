"""The Gantt view: task table and chart sharing one row layout (DESIGN.md §2)."""
