"""Builds every row of the demo portfolio in memory, in plain dicts, before any insert."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from pmo_desktop.services.demo import catalogue, texts
from pmo_desktop.services.demo.dates import WORKING_INTERVALS, WORKING_WEEKDAYS, WorkingDays
from pmo_desktop.services.demo.governance import cost_rows, project_phase, status_rows
from pmo_desktop.services.demo.history import history_rows
from pmo_desktop.services.demo.progress import (
    assignment_rows,
    baseline_rows,
    cost_work,
    measure_progress,
    project_percent,
    task_rows,
)
from pmo_desktop.services.demo.raid import raid_rows
from pmo_desktop.services.demo.runtime import Context, ProjectRun, money
from pmo_desktop.services.demo.scheduling import dependency_rows, place_projects
from pmo_desktop.services.demo.staffing import resource_rows, staff_large, staff_small

PORTFOLIO_ID = 1
CALENDAR_ID = 1
#: Years of working days computed around the status date (projects never leave them).
YEARS_BEFORE, YEARS_AFTER = 4, 6

Step = Callable[[float, str], None]


def build_dataset(scale: str, seed: int, as_of: date, step: Step) -> Context:
    """All rows of the demo, by table, from one seeded RNG (same inputs, same rows)."""
    rng = random.Random(seed)
    ctx = Context(
        rng, scale, as_of, WorkingDays(as_of.year - YEARS_BEFORE, as_of.year + YEARS_AFTER)
    )
    step(0.0, "Planning projects")
    _portfolio_rows(ctx)
    resources = catalogue.large_resources(rng) if ctx.large else catalogue.small_resources()
    resource_rows(ctx, resources, PORTFOLIO_ID, CALENDAR_ID)
    programmes = catalogue.large_programmes() if ctx.large else list(texts.PROGRAMMES)
    programme_ids = _programme_rows(ctx, programmes)
    if ctx.large:
        managers = [r.name for r in resources if r.kind == "person" and r.role == texts.PM]
        specs = catalogue.large_projects(rng, managers)
    else:
        specs = list(texts.PROJECTS)
    runs = place_projects(ctx, specs, programme_ids)
    step(0.35, "Staffing tasks")
    if ctx.large:
        staff_large(ctx, runs, resources)
    else:
        staff_small(ctx, runs, resources)
    step(0.5, "Linking tasks")
    dependency_rows(ctx, runs)
    for run in runs:
        measure_progress(ctx, run)
        cost_work(run, resources)
    step(0.65, "Writing logs and reports")
    raid_rows(ctx, runs, PORTFOLIO_ID)
    for run in runs:
        task_rows(ctx, run, resources)
        assignment_rows(ctx, run, resources)
        baseline_rows(ctx, run)
        status_rows(ctx, run)
        cost_rows(ctx, run)
    _project_rows(ctx, runs)
    _calendar_rows(ctx, runs)
    history_rows(ctx, runs, seed)
    step(1.0, "Rows ready")
    return ctx


def _portfolio_rows(ctx: Context) -> None:
    """The portfolio, its strategic objectives and the application users."""
    ctx.rows("portfolios").append(
        {
            "id": PORTFOLIO_ID,
            "name": texts.PORTFOLIO_NAME,
            "description": texts.PORTFOLIO_DESCRIPTION,
            "organisation": texts.COMPANY,
            "currency": "EUR",
            "pmo_mode": "controlling",
            "as_of_date": ctx.as_of,
            "calendar_id": CALENDAR_ID,
        }
    )
    objectives = ctx.rows("strategic_objectives")
    for code, name, description, weight in texts.OBJECTIVES:
        objectives.append(
            {
                "id": len(objectives) + 1,
                "portfolio_id": PORTFOLIO_ID,
                "code": code,
                "name": name,
                "description": description,
                "weight": weight,
            }
        )
    for code, name, description, weight, kind, higher_is_better in texts.CRITERIA:
        objectives.append(
            {
                "id": len(objectives) + 1,
                "portfolio_id": PORTFOLIO_ID,
                "code": code,
                "name": name,
                "description": description,
                "weight": weight,
                "kind": kind,
                "higher_is_better": higher_is_better,
            }
        )
    users = ctx.rows("users")
    for username, display_name, email in texts.USERS:
        users.append(
            {
                "id": len(users) + 1,
                "username": username,
                "display_name": display_name,
                "email": email,
                "role_id": None,
            }
        )


def _programme_rows(ctx: Context, programmes: list[texts.ProgrammeSpec]) -> dict[str, int]:
    """The programmes; returns their ids by code."""
    rows = ctx.rows("programmes")
    ids: dict[str, int] = {}
    for spec in programmes:
        ids[spec.code] = len(rows) + 1
        rows.append(
            {
                "id": ids[spec.code],
                "portfolio_id": PORTFOLIO_ID,
                "code": spec.code,
                "name": spec.name,
                "description": spec.description,
                "sponsor": spec.sponsor,
                "manager": spec.manager,
            }
        )
    return ids


def _project_rows(ctx: Context, runs: list[ProjectRun]) -> None:
    """Projects with their current dates, progress and phase, and objective scores."""
    rows = ctx.rows("projects")
    scores = ctx.rows("project_objective_scores")
    for run in runs:
        spec = run.spec
        rows.append(
            {
                "id": run.id,
                "portfolio_id": PORTFOLIO_ID,
                "programme_id": run.programme_id,
                "code": spec.code,
                "name": spec.name,
                "description": spec.description,
                "sponsor": spec.sponsor,
                "manager": spec.manager,
                "method": spec.method,
                "phase": project_phase(ctx, run),
                "status": spec.status,
                "start_date": ctx.days.day(run.project_start()),
                "finish_date": ctx.days.day(run.project_finish() - 1),
                "status_date": ctx.as_of if run.started else None,
                "calendar_id": CALENDAR_ID,
                "budget": money(spec.budget_k * 100_000),
                "currency": "EUR",
                "percent_complete": project_percent(run) if run.started else 0.0,
                "priority": spec.priority,
            }
        )
        for objective, score in enumerate(spec.scores + _criteria_scores(run), start=1):
            if score is None:
                continue  # not scored yet: the prioritisation view shows the gap
            scores.append(
                {
                    "id": len(scores) + 1,
                    "project_id": run.id,
                    "objective_id": objective,
                    "score": score,
                }
            )


def _criteria_scores(run: ProjectRun) -> tuple[int | None, ...]:
    """Scores against texts.CRITERIA, from their own seeded stream (the other random draws
    of the demo stay as they were); a proposed project is not yet scored on risk and cost."""
    draw = random.Random(f"criteria-{run.id}")
    scores: list[int | None] = [draw.randint(1, 5) for _ in texts.CRITERIA]
    if run.spec.status == "proposed":
        scores[1] = scores[2] = None
    return tuple(scores)


def _calendar_rows(ctx: Context, runs: list[ProjectRun]) -> None:
    """Standard (France): weekdays 08:00-12:00 and 13:00-17:00, French holidays as exceptions."""
    ctx.rows("calendars").append(
        {
            "id": CALENDAR_ID,
            "name": texts.CALENDAR_NAME,
            "base_calendar_id": None,
            "minutes_per_day": 480,
            "minutes_per_week": 2400,
            "days_per_month": 20,
            "country": "FR",
        }
    )
    times = ctx.rows("calendar_working_times")
    for weekday in WORKING_WEEKDAYS:
        for start, end in WORKING_INTERVALS:
            times.append(
                {
                    "id": len(times) + 1,
                    "calendar_id": CALENDAR_ID,
                    "weekday": weekday,
                    "start_minute": start,
                    "end_minute": end,
                }
            )
    first = min(min(run.start) for run in runs)
    first = min(first, *(min(run.base_start) for run in runs))
    last = max(max(run.finish) for run in runs)
    last = max(last, *(max(run.base_finish) for run in runs))
    first_day = min(ctx.days.day(first), ctx.as_of)
    last_day = max(ctx.days.day(last - 1), ctx.as_of)
    exceptions = ctx.rows("calendar_exceptions")
    for day, name in ctx.days.holidays_between(first_day, last_day):
        exceptions.append(
            {
                "id": len(exceptions) + 1,
                "calendar_id": CALENDAR_ID,
                "name": name,
                "start_date": day,
                "end_date": day,
                "working": False,
            }
        )
