"""The demo portfolio generator: realistic small demo, exact large reference, determinism."""

from __future__ import annotations

import itertools
import os
import random
import re
import subprocess
import sys
import uuid
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import holidays
import pytest
import sqlalchemy as sa

from pmo_desktop.models import Base
from pmo_desktop.services.demo import DemoError, DemoSummary, create_demo, texts, texts_risks
from pmo_desktop.services.demo.writer import uuid_text

AS_OF = date(2025, 6, 11)
POSTGRES_URL_VARIABLE = "PMO_TEST_POSTGRES_URL"
STAMPS = ("created_at", "updated_at")
EIGHT, FIVE_PM = time(8, 0), time(17, 0)

FRENCH_PROJECTS = (
    "Refonte du portail client",
    "Application mobile Helios",
    "Migration ERP SAP S/4HANA",
    "Dématérialisation des factures fournisseurs",
    "Maintenance prédictive des sites",
    "Conformité NIS2",
    "Déménagement du siège de Lyon",
)
RISK_TITLES = {
    french: [
        re.compile(re.escape(t.title[french]).replace(r"\{item\}", ".+") + "$")
        for t in texts_risks.RISKS
    ]
    for french in (False, True)
}
Row = dict[str, Any]
Tables = dict[str, list[Row]]


def _sqlite_engine(path: Path) -> sa.Engine:
    """A SQLite file engine with foreign keys enforced, schema created."""
    engine = sa.create_engine(f"sqlite:///{path}")

    @sa.event.listens_for(engine, "connect")
    def _foreign_keys(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    Base.metadata.create_all(engine)
    return engine


@contextmanager
def _postgres_engine() -> Iterator[sa.Engine]:
    """A fresh, uniquely named PostgreSQL database with the schema; dropped afterwards."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        reason = f"{POSTGRES_URL_VARIABLE} is not set: PostgreSQL variant not run"
        if os.environ.get("PMO_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + " (PMO_REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    server_url = sa.make_url(url)
    name = f"pmo_demo_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine = sa.create_engine(server_url.set(database=name))
    try:
        Base.metadata.create_all(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def _fresh_engine(backend: str, directory: Path) -> Iterator[sa.Engine]:
    """An empty database of ``backend`` with the schema created."""
    if backend == "postgresql":
        with _postgres_engine() as engine:
            yield engine
        return
    engine = _sqlite_engine(directory / f"demo-{uuid.uuid4().hex[:8]}.sqlite")
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """An empty database (SQLite file, or PostgreSQL when PMO_TEST_POSTGRES_URL is set)."""
    with _fresh_engine(request.param, tmp_path) as engine:
        yield engine


@dataclass
class Demo:
    """A generated small demo and all its rows, loaded once per backend."""

    engine: sa.Engine
    summary: DemoSummary
    tables: Tables

    def by_id(self, table: str) -> dict[int, Row]:
        """The rows of ``table`` by id."""
        return {row["id"]: row for row in self.tables[table]}


def _load(engine: sa.Engine) -> Tables:
    """Every table's rows, in primary key order."""
    with engine.connect() as connection:
        return {
            name: [
                dict(r)
                for r in connection.execute(sa.select(t).order_by(*t.primary_key)).mappings()
            ]
            for name, t in Base.metadata.tables.items()
        }


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def small(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    """The small demo as of ``AS_OF``, generated once per backend for the read-only tests."""
    with _fresh_engine(request.param, tmp_path_factory.mktemp("demo")) as engine:
        summary = create_demo(engine, scale="small", seed=7, as_of=AS_OF)
        yield Demo(engine, summary, _load(engine))


class WorkCalendar:
    """The expected calendar, computed independently: weekdays minus French holidays."""

    def __init__(self, years: range) -> None:
        self.holidays = holidays.France(years=list(years))
        day, last = date(years.start, 1, 1), date(years.stop - 1, 12, 31)
        self.days: list[date] = []
        while day <= last:
            if day.weekday() < 5 and day not in self.holidays:
                self.days.append(day)
            day += timedelta(days=1)
        self.index = {d: i for i, d in enumerate(self.days)}

    def working(self, day: date) -> bool:
        return day in self.index

    def point(self, moment: datetime) -> int:
        """08:00 of working day k is point k; 17:00 of day k is point k + 1."""
        assert moment.time() in (EIGHT, FIVE_PM), moment
        return self.index[moment.date()] + (moment.time() == FIVE_PM)


CALENDAR = WorkCalendar(range(AS_OF.year - 4, AS_OF.year + 6))


def _matches(patterns: list[re.Pattern[str]], text: str) -> bool:
    return any(pattern.match(text) for pattern in patterns)


def _work_tasks(demo: Demo) -> list[Row]:
    return [t for t in demo.tables["tasks"] if not t["is_summary"] and not t["is_milestone"]]


def test_summary_counts_match_the_database(small: Demo) -> None:
    assert small.summary.portfolio_id == 1
    assert small.summary.as_of == AS_OF
    for table, count in small.summary.counts.items():
        assert len(small.tables[table]) == count, table
    assert small.tables["roles"] == [] and small.tables["audit_entries"] == []


def test_small_portfolio_content(small: Demo) -> None:
    tables = small.tables
    (portfolio,) = tables["portfolios"]
    assert (portfolio["currency"], portfolio["pmo_mode"]) == ("EUR", "controlling")
    assert portfolio["as_of_date"] == AS_OF and portfolio["organisation"] == "Groupe Helios"
    projects = tables["projects"]
    assert 10 <= len(projects) <= 15
    assert 3 <= len(tables["programmes"]) <= 4
    assert any(p["programme_id"] is None for p in projects)
    assert {p["status"] for p in projects} >= {"active", "on_hold", "proposed", "closed"}
    assert {p["method"] for p in projects} == {"waterfall", "agile", "hybrid"}
    assert all(200_000 <= p["budget"] <= 5_000_000 for p in projects)
    assert all(p["sponsor"] and p["manager"] and p["phase"] for p in projects)
    names = {p["name"] for p in projects}
    assert {"Refonte du portail client", "Migration ERP SAP S/4HANA"} <= names
    assert all(p["calendar_id"] == portfolio["calendar_id"] for p in projects)
    finished = [p for p in projects if p["finish_date"] < AS_OF]
    future = [p for p in projects if p["start_date"] > AS_OF]
    running = [p for p in projects if p["start_date"] <= AS_OF <= p["finish_date"]]
    assert len(finished) >= 2 and len(future) >= 2 and len(running) > len(projects) / 2
    assert all(p["status"] == "closed" for p in finished)
    assert len(tables["strategic_objectives"]) == 5 + len(texts.CRITERIA)
    scores = tables["project_objective_scores"]
    proposed = sum(p["status"] == "proposed" for p in projects)
    # Every project scored on every criterion, but proposed ones not yet on risk and cost.
    expected = (5 + len(texts.CRITERIA)) * len(projects) - 2 * proposed
    assert len(scores) == expected and all(0 <= s["score"] <= 5 for s in scores)
    assert len(tables["users"]) >= 3 and all(u["role_id"] is None for u in tables["users"])


def test_resources(small: Demo) -> None:
    resources = small.tables["resources"]
    assert 35 <= len(resources) <= 45
    kinds = [r["kind"] for r in resources]
    assert kinds.count("person") > 30 and kinds.count("role") >= 3 and kinds.count("material") == 1
    roles = {r["role"] for r in resources}
    assert {"Project Manager", "Business Analyst", "Architect", "Developer", "Tester"} <= roles
    assert all(45 <= r["cost_rate"] <= 150 for r in resources if r["kind"] != "material")
    units = [r["max_units"] for r in resources if r["kind"] == "person"]
    assert units.count(1.0) > len(units) / 2 and {0.5, 0.8} <= set(units)


def test_calendar_and_french_holidays(small: Demo) -> None:
    (calendar,) = small.tables["calendars"]
    assert calendar["name"] == "Standard (France)"
    intervals = sorted(
        (w["weekday"], w["start_minute"], w["end_minute"])
        for w in small.tables["calendar_working_times"]
    )
    assert intervals == [(d, s, e) for d in range(5) for s, e in ((480, 720), (780, 1020))]
    tasks = small.tables["tasks"]
    first = min(t["start"] for t in tasks).year
    last = max(t["finish"] for t in tasks).year
    exceptions = small.tables["calendar_exceptions"]
    assert all(not e["working"] and e["start_date"] == e["end_date"] for e in exceptions)
    expected = set(holidays.France(years=range(first, last + 1)))
    assert expected <= {e["start_date"] for e in exceptions}


def test_wbs_trees(small: Demo) -> None:
    tasks = small.by_id("tasks")
    children: dict[int | None, list[Row]] = defaultdict(list)
    top_level: dict[int, list[Row]] = defaultdict(list)
    for task in tasks.values():
        children[task["parent_id"]].append(task)
        if task["parent_id"] is None:
            top_level[task["project_id"]].append(task)
    for parent_id, siblings in [*children.items(), *((None, t) for t in top_level.values())]:
        if parent_id is None and siblings is children[None]:
            continue
        ordered = sorted(siblings, key=lambda t: t["position"])
        assert [t["position"] for t in ordered] == list(range(1, len(ordered) + 1))
        if parent_id is None:
            continue
        parent = tasks[parent_id]
        assert parent["is_summary"]
        for task in siblings:
            assert task["project_id"] == parent["project_id"]
            assert task["wbs"] == f"{parent['wbs']}.{task['position']}"
            assert task["outline_level"] == parent["outline_level"] + 1
    for task in tasks.values():
        assert task["is_summary"] == bool(children.get(task["id"]))
        if task["parent_id"] is None:
            assert task["wbs"] == str(task["position"]) and task["outline_level"] == 1
        if task["is_milestone"]:
            assert task["duration_minutes"] == 0 and task["start"] == task["finish"]
    projects = {p["id"]: p for p in small.tables["projects"]}
    for project in projects.values():
        tops = top_level[project["id"]]
        assert all(children[t["id"]][-1]["is_milestone"] for t in tops), project["code"]
        if project["method"] == "waterfall":
            assert len(tops) == 7
        else:
            sprints = [
                t
                for t in tasks.values()
                if t["project_id"] == project["id"] and re.fullmatch(r"Sprint \d+", t["name"])
            ]
            assert sprints and all(children[s["id"]][-1]["is_milestone"] for s in sprints)
            assert all(
                CALENDAR.point(s["finish"]) - CALENDAR.point(s["start"]) == 10 for s in sprints
            )


def test_links_types_lags_and_no_cycles(small: Demo) -> None:
    links = small.tables["dependencies"]
    tasks = small.by_id("tasks")
    assert {link["type"] for link in links} == {"FS", "SS", "FF", "SF"}
    assert any(link["lag"] > 0 for link in links) and any(link["lag"] < 0 for link in links)
    units = [link["lag_unit"] for link in links]
    assert units.count("elapsed") >= 3 and units.count("working") > 0.9 * len(units)
    assert len({(link["predecessor_id"], link["successor_id"]) for link in links}) == len(links)
    projects = {p["id"]: p for p in small.tables["projects"]}
    cross = [
        (tasks[link["predecessor_id"]], tasks[link["successor_id"]])
        for link in links
        if tasks[link["predecessor_id"]]["project_id"] != tasks[link["successor_id"]]["project_id"]
    ]
    assert len(cross) >= 2
    for pred, succ in cross:
        programme = projects[pred["project_id"]]["programme_id"]
        assert programme is not None and programme == projects[succ["project_id"]]["programme_id"]
    assert all(not tasks[link["successor_id"]]["is_summary"] for link in links)
    assert _topological_order_exists(links)


def _topological_order_exists(links: list[Row]) -> bool:
    """Kahn's algorithm: every task can be ordered before its successors."""
    successors: dict[int, list[int]] = defaultdict(list)
    incoming: dict[int, int] = defaultdict(int)
    nodes: set[int] = set()
    for link in links:
        successors[link["predecessor_id"]].append(link["successor_id"])
        incoming[link["successor_id"]] += 1
        nodes.update((link["predecessor_id"], link["successor_id"]))
    ready = deque(n for n in nodes if incoming[n] == 0)
    ordered = 0
    while ready:
        node = ready.popleft()
        ordered += 1
        for successor in successors[node]:
            incoming[successor] -= 1
            if incoming[successor] == 0:
                ready.append(successor)
    return ordered == len(nodes)


def test_every_link_holds_on_the_placed_dates(small: Demo) -> None:
    tasks = small.by_id("tasks")
    for link in small.tables["dependencies"]:
        pred, succ = tasks[link["predecessor_id"]], tasks[link["successor_id"]]
        kind = link["type"]
        if link["lag_unit"] == "working":
            assert link["lag"] % 480 == 0
            anchor = CALENDAR.point(pred["finish"] if kind[0] == "F" else pred["start"])
            side = CALENDAR.point(succ["start"] if kind[1] == "S" else succ["finish"])
            assert side >= anchor + link["lag"] // 480, link
        else:
            moment = (pred["finish"] if kind[0] == "F" else pred["start"]) + timedelta(
                minutes=link["lag"]
            )
            assert (succ["start"] if kind[1] == "S" else succ["finish"]) >= moment, link


def test_tasks_sit_on_working_time(small: Demo) -> None:
    for task in small.tables["tasks"]:
        start, finish = task["start"], task["finish"]
        assert CALENDAR.working(start.date()) and CALENDAR.working(finish.date()), task["name"]
        assert start.date() not in CALENDAR.holidays and start.weekday() < 5
        if task["is_milestone"]:
            assert start.time() == FIVE_PM
            continue
        assert (start.time(), finish.time()) == (EIGHT, FIVE_PM), task["name"]
        days = CALENDAR.point(finish) - CALENDAR.point(start)
        assert task["duration_minutes"] == days * 480
        assert task["early_start"] == start and task["early_finish"] == finish


def test_summaries_span_their_children(small: Demo) -> None:
    children: dict[int, list[Row]] = defaultdict(list)
    for task in small.tables["tasks"]:
        if task["parent_id"] is not None:
            children[task["parent_id"]].append(task)
    for task in small.tables["tasks"]:
        if task["is_summary"]:
            kids = children[task["id"]]
            assert task["start"] == min(k["start"] for k in kids)
            assert task["finish"] == max(k["finish"] for k in kids)
            assert task["work_minutes"] == sum(k["work_minutes"] for k in kids)


def test_progress_up_to_the_status_date(small: Demo) -> None:
    work = _work_tasks(small)
    done = [t for t in work if t["finish"].date() < AS_OF]
    assert done and all(t["percent_complete"] == 100 for t in done)
    assert all(t["actual_start"] == t["start"] and t["actual_finish"] == t["finish"] for t in done)
    assert all(t["remaining_minutes"] == 0 for t in done)
    future = [t for t in work if t["start"].date() > AS_OF]
    assert future and all(t["percent_complete"] == 0 and t["actual_start"] is None for t in future)
    spanning = [t for t in work if t["start"].date() <= AS_OF < t["finish"].date()]
    assert spanning and all(0 < t["percent_complete"] < 100 for t in spanning)
    assert all(t["actual_start"] is not None and t["actual_finish"] is None for t in spanning)
    assert all(0 < t["remaining_minutes"] < t["duration_minutes"] for t in spanning)
    tasks = small.by_id("tasks")
    for assignment in small.tables["assignments"]:
        task = tasks[assignment["task_id"]]
        expected = round(assignment["work_minutes"] * task["percent_complete"] / 100)
        assert assignment["actual_work_minutes"] == expected
    closed = {p["id"] for p in small.tables["projects"] if p["status"] == "closed"}
    assert all(t["percent_complete"] == 100 for t in tasks.values() if t["project_id"] in closed)


def test_assignments_and_costs(small: Demo) -> None:
    tasks = small.by_id("tasks")
    resources = small.by_id("resources")
    costs: dict[int, float] = defaultdict(float)
    for a in small.tables["assignments"]:
        task = tasks[a["task_id"]]
        assert not task["is_summary"] and not task["is_milestone"]
        assert a["work_minutes"] == round(a["units"] * task["duration_minutes"])
        assert (a["start"], a["finish"]) == (task["start"], task["finish"])
        rate = resources[a["resource_id"]]["cost_rate"]
        assert abs(float(a["cost"]) - a["work_minutes"] / 60 * float(rate)) < 0.01
        costs[task["id"]] += float(a["cost"])
    for task_id, cost in costs.items():
        assert abs(float(tasks[task_id]["cost"]) - cost) < 0.05
    staffed = {a["task_id"] for a in small.tables["assignments"]}
    assert all(t["id"] in staffed for t in _work_tasks(small))


def test_some_people_are_over_allocated_across_projects(small: Demo) -> None:
    tasks = small.by_id("tasks")
    people = {r["id"]: r for r in small.tables["resources"] if r["kind"] == "person"}
    load: dict[tuple[int, date], float] = defaultdict(float)
    projects: dict[tuple[int, date], set[int]] = defaultdict(set)
    for a in small.tables["assignments"]:
        if a["resource_id"] not in people:
            continue
        first, last = CALENDAR.index[a["start"].date()], CALENDAR.index[a["finish"].date()]
        for day in CALENDAR.days[first : last + 1]:
            load[a["resource_id"], day] += a["units"]
            projects[a["resource_id"], day].add(tasks[a["task_id"]]["project_id"])
    over = {
        person
        for (person, day), units in load.items()
        if units > people[person]["max_units"] + 1e-9 and len(projects[person, day]) > 1
    }
    assert len(over) >= 3
    assert len(over) < len(people)


def test_baselines_show_slip_and_replans(small: Demo) -> None:
    tables = small.tables
    projects = {p["id"]: p for p in tables["projects"]}
    baselines = tables["baselines"]
    numbers: dict[int, list[int]] = defaultdict(list)
    for b in baselines:
        numbers[b["project_id"]].append(b["number"])
        assert b["approved"]
    started = [p for p in projects.values() if p["status"] != "proposed"]
    assert sum(0 in numbers[p["id"]] for p in started) > len(started) / 2
    assert sum(not numbers[p["id"]] for p in started) >= 2
    replans = [b for b in baselines if b["number"] == 1]
    assert 1 <= len(replans) <= 2
    codes = {(c["project_id"], c["code"]) for c in tables["change_requests"]}
    for b in replans:
        code = b["name"].removeprefix("Re-plan after ")
        assert (b["project_id"], code) in codes
    tasks = small.by_id("tasks")
    by_baseline: dict[int, list[Row]] = defaultdict(list)
    for item in tables["baseline_tasks"]:
        by_baseline[item["baseline_id"]].append(item)
    slipping = 0
    for b in baselines:
        items = by_baseline[b["id"]]
        assert {i["task_id"] for i in items} == {
            t["id"] for t in tasks.values() if t["project_id"] == b["project_id"]
        }
        if b["number"] == 0:
            planned = max(i["finish"] for i in items)
            slipping += (
                datetime.combine(projects[b["project_id"]]["finish_date"], FIVE_PM) > planned
            )
    assert slipping >= 3


def test_monthly_status_reports(small: Demo) -> None:
    projects = {p["id"]: p for p in small.tables["projects"]}
    reports: dict[int, list[Row]] = defaultdict(list)
    for report in small.tables["status_reports"]:
        reports[report["project_id"]].append(report)
        assert report["period_start"].day == 1 and report["period_end"] <= AS_OF
        assert (report["period_end"] + timedelta(days=1)).day == 1
        ratings = [v for k, v in report.items() if k.startswith("rag_")]
        assert len(ratings) == 6 and set(ratings) <= {"R", "A", "G"}
        assert report["author"] == projects[report["project_id"]]["manager"]
    after = AS_OF + timedelta(days=1)
    last_month = AS_OF if after.day == 1 else date(AS_OF.year, AS_OF.month, 1) - timedelta(days=1)
    overdue = 0
    for project in projects.values():
        mine = sorted(reports[project["id"]], key=lambda r: r["period_start"])
        if project["status"] == "proposed":
            assert not mine
            continue
        assert 1 <= len(mine) <= 12
        for before, after in itertools.pairwise(mine):
            assert after["period_start"] == before["period_end"] + timedelta(days=1)
        latest_missing = project["status"] != "closed" and mine[-1]["period_end"] < last_month
        overdue += latest_missing
        year_ago = date(last_month.year - 1, last_month.month, 1)
        if project["start_date"] < year_ago and project["finish_date"] > last_month:
            assert len(mine) == (11 if latest_missing else 12)
        french = project["name"] in FRENCH_PROJECTS
        opening = ("Réalisé", "Ateliers") if french else ("Completed", "Workshops")
        assert all(r["achievements"].startswith(opening) for r in mine)
    assert 1 <= overdue <= 2
    trends = {
        (rs[0]["rag_overall"], rs[-1]["rag_overall"])
        for rs in (sorted(r, key=lambda x: x["period_start"]) for r in reports.values() if r)
    }
    assert ("G", "R") in trends and ("R", "G") in trends


def test_cost_lines(small: Demo) -> None:
    lines: dict[int, list[Row]] = defaultdict(list)
    for line in small.tables["cost_lines"]:
        lines[line["project_id"]].append(line)
        assert line["period"].day == 1
        if line["period"] > AS_OF:
            assert line["actual"] == 0
    over_budget = 0
    for project in small.tables["projects"]:
        mine = lines[project["id"]]
        assert {line["category"] for line in mine} == {"labour", "capex", "opex", "contingency"}
        assert sum(line["budget"] for line in mine) == project["budget"]
        over_budget += sum(line["forecast"] for line in mine) > project["budget"]
        if project["status"] == "proposed":
            assert all(line["actual"] == 0 for line in mine)
    assert over_budget >= 2


def test_risks(small: Demo) -> None:
    risks = small.tables["risks"]
    per_project: dict[int | None, int] = defaultdict(int)
    for risk in risks:
        per_project[risk["project_id"]] += 1
        impacts = [risk[f"impact_{n}"] for n in ("schedule", "cost", "scope", "quality")]
        assert risk["score"] == risk["probability"] * max(impacts)
        assert 1 <= risk["residual_score"] <= risk["score"]
        assert re.fullmatch(r"HEL-R-\d{3}", risk["code"])
    assert all(5 <= per_project[p["id"]] <= 15 for p in small.tables["projects"])
    assert per_project[None] >= 1
    assert len({r["code"] for r in risks}) == len(risks)
    open_risks = [r for r in risks if r["status"] == "open"]
    assert len(open_risks) > len(risks) / 2
    assert sum(r["owner"] == "" for r in risks) >= 2
    assert sum(r["response_plan"] == "" for r in risks) >= 2
    assert any(r["review_date"] < AS_OF for r in open_risks)
    actions: dict[int, int] = defaultdict(int)
    for action in small.tables["risk_actions"]:
        actions[action["risk_id"]] += 1
        assert action["owner"] and action["due_date"]
    assert all(1 <= actions[r["id"]] <= 3 for r in risks)
    languages = {p["id"]: p["name"] in FRENCH_PROJECTS for p in small.tables["projects"]}
    for risk in risks:
        if risk["project_id"] is not None:
            french = languages[risk["project_id"]]
            assert _matches(RISK_TITLES[french], risk["title"]), risk["title"]


def test_other_logs(small: Demo) -> None:
    tables = small.tables
    for table in ("issues", "assumptions", "decisions", "change_requests", "lessons"):
        rows = tables[table]
        assert rows and len({r["code"] for r in rows}) == len(rows), table
        assert any(r["project_id"] is None for r in rows) or table == "change_requests"
    pending = [d for d in tables["decisions"] if d["status"] == "pending"]
    assert pending and all(d["needed_by"] for d in pending)
    assert any(d["needed_by"] > AS_OF for d in pending)
    assert {c["status"] for c in tables["change_requests"]} >= {"approved", "implemented"}
    assert any(
        c["impact_schedule_days"] > 0 and c["impact_cost"] > 0 for c in tables["change_requests"]
    )
    assert all(lesson["category"] and lesson["recommendation"] for lesson in tables["lessons"])


def test_same_inputs_give_the_same_rows(demo_engine: sa.Engine, tmp_path: Path) -> None:
    backend = demo_engine.dialect.name
    first = create_demo(demo_engine, seed=11, as_of=AS_OF)
    with _fresh_engine(backend, tmp_path) as same, _fresh_engine(backend, tmp_path) as other:
        second = create_demo(same, seed=11, as_of=AS_OF)
        create_demo(other, seed=12, as_of=AS_OF)
        assert first.counts == second.counts
        rows = _without_stamps(_load(demo_engine))
        assert rows == _without_stamps(_load(same))
        assert rows != _without_stamps(_load(other))
    with pytest.raises(DemoError, match="not empty"):
        create_demo(demo_engine, seed=11, as_of=AS_OF)


def _without_stamps(tables: Tables) -> Tables:
    return {
        name: [{k: v for k, v in row.items() if k not in STAMPS} for row in rows]
        for name, rows in tables.items()
    }


def test_rows_do_not_depend_on_string_hashing(tmp_path: Path) -> None:
    """Two interpreters with different hash seeds write the same rows (no set-order leaks)."""
    script = (
        "import sys; from datetime import date; import sqlalchemy as sa;"
        "from pmo_desktop.models import Base; from pmo_desktop.services.demo import create_demo;"
        "engine = sa.create_engine('sqlite:///' + sys.argv[1]); Base.metadata.create_all(engine);"
        "create_demo(engine, as_of=date(2025, 6, 11))"
    )
    dumps = []
    for hash_seed in ("1", "2"):
        path = tmp_path / f"hash-{hash_seed}.sqlite"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        command = [sys.executable, "-c", script, str(path)]
        subprocess.run(command, env=env, check=True, timeout=120)
        engine = _sqlite_engine(path)
        dumps.append(_without_stamps(_load(engine)))
        engine.dispose()
    assert dumps[0] == dumps[1]


def test_progress_callback_and_rejections(tmp_path: Path) -> None:
    engine = _sqlite_engine(tmp_path / "progress.sqlite")
    calls: list[tuple[int, int, str]] = []
    with pytest.raises(DemoError, match="scale"):
        create_demo(engine, scale="huge", as_of=AS_OF)  # type: ignore[arg-type]
    create_demo(engine, as_of=AS_OF, progress=lambda d, t, label: calls.append((d, t, label)))
    assert len(calls) > 3 and len({total for _, total, _ in calls}) == 1
    done = [d for d, _, _ in calls]
    assert done == sorted(done) and done[-1] == calls[-1][1]
    empty = sa.create_engine(f"sqlite:///{tmp_path / 'no-schema.sqlite'}")
    with pytest.raises(DemoError, match="schema"):
        create_demo(empty, as_of=AS_OF)


def test_uuids_are_version_4() -> None:
    rng = random.Random(3)
    for _ in range(100):
        bits = rng.getrandbits(128)
        assert uuid_text(bits) == str(uuid.UUID(int=bits, version=4))
