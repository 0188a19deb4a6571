"""The portfolio dashboard's parts: KPI tiles, charts and the grouping of the project table."""
