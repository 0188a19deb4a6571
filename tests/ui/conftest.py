"""GUI test fixtures: offscreen Qt, settings and data folder in tmp_path, a sample portfolio."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pmo_desktop.models import (
    Method,
    Portfolio,
    Programme,
    Project,
    ProjectStatus,
    Rag,
    Risk,
    StatusReport,
)
from pmo_desktop.services import crud
from pmo_desktop.services.database import Database, open_database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.scheduling import reschedule
from pmo_desktop.ui.dialogs import Dialogs

# Before pytest-qt creates the QApplication: no window ever reaches a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Settings, the default database folder and the locale never leak between tests."""
    QCoreApplication.setOrganizationName("PMO Desktop")
    QCoreApplication.setApplicationName("PMO Desktop")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt"))
    monkeypatch.setenv("PMO_DATA_DIR", str(tmp_path / "data"))
    # No daily backup behind the tests' backs; tests/ui/test_backups_in_window.py turns it on.
    monkeypatch.setenv("PMO_NO_DAILY_BACKUP", "1")
    previous = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    yield
    QLocale.setDefault(previous)


@dataclass
class Sample:
    """The sample portfolio: ids by code, so that tests can name what they look for."""

    path: Path
    portfolio_id: int
    programmes: dict[str, int]
    projects: dict[str, int]


#: code, name, programme, start, finish, budget, % complete, RAG, manager, method, status
SAMPLE_PROJECTS = [
    ("DW-01", "Laptop refresh", "DW", date(2025, 9, 1), date(2026, 6, 30), "850000", 60, Rag.GREEN,
     "Alice Martin", Method.WATERFALL, ProjectStatus.ACTIVE),
    ("DW-02", "Intranet redesign", "DW", date(2026, 1, 12), date(2026, 11, 30), "420000", 15,
     Rag.AMBER, "Bruno Petit", Method.AGILE, ProjectStatus.ACTIVE),
    ("DW-03", "Unified communications", "DW", date(2024, 11, 4), date(2026, 2, 27), "1200000", 95,
     Rag.RED, "Chloé Durand", Method.HYBRID, ProjectStatus.ACTIVE),
    ("CX-01", "Customer portal", "CX", date(2025, 3, 3), date(2027, 3, 31), "2300000", 35,
     Rag.AMBER, "David Moreau", Method.AGILE, ProjectStatus.ACTIVE),
    ("CX-02", "CRM replacement", "CX", date(2026, 5, 4), date(2027, 12, 17), "3100000", 0, None,
     "Emma Laurent", Method.WATERFALL, ProjectStatus.PROPOSED),
    ("OT-01", "Data centre exit", None, date(2023, 6, 1), date(2025, 12, 19), "975000", 100,
     Rag.GREEN, "Farid Benali", Method.WATERFALL, ProjectStatus.CLOSED),
]  # fmt: skip


def build_sample(database: Database, path: Path) -> Sample:
    """Two programmes, six projects (one outside any programme), reports and risks."""
    portfolio = crud.create(
        database, Portfolio, name="Group IT", currency="EUR", as_of_date=date(2026, 3, 31)
    )
    programmes = {
        code: crud.create(database, Programme, portfolio_id=portfolio.id, code=code, name=name).id
        for code, name in (("DW", "Digital Workplace"), ("CX", "Customer Experience"))
    }
    projects: dict[str, int] = {}
    for index, (code, name, programme, start, finish, budget, percent, rag, manager, method,
                status) in enumerate(SAMPLE_PROJECTS):  # fmt: skip
        project = crud.create(
            database,
            Project,
            portfolio_id=portfolio.id,
            programme_id=programmes[programme] if programme else None,
            code=code,
            name=name,
            start_date=start,
            finish_date=finish,
            budget=Decimal(budget),
            percent_complete=float(percent),
            manager=manager,
            method=method,
            status=status,
            phase="Delivery",
        )
        projects[code] = project.id
        if rag is not None:
            crud.create(
                database,
                StatusReport,
                project_id=project.id,
                period_start=date(2026, 3, 1),
                period_end=date(2026, 3, 31 - index),
                rag_overall=rag,
            )
        for number in range(index % 3):
            crud.create(
                database,
                Risk,
                portfolio_id=portfolio.id,
                project_id=project.id,
                code=f"R-{code}-{number}",
                title=f"Risk {number} of {name}",
                probability=2 + number,
                impact_cost=3 + index % 3,
            )
    return Sample(path, portfolio.id, programmes, projects)


@pytest.fixture
def sample_db(tmp_path: Path) -> Iterator[tuple[Database, Sample]]:
    """An open SQLite database holding the sample portfolio."""
    path = tmp_path / "sample.sqlite"
    database = open_database(path)
    try:
        yield database, build_sample(database, path)
    finally:
        database.close()


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """A closed SQLite file holding the sample portfolio (for run_gui)."""
    path = tmp_path / "sample-file.sqlite"
    database = open_database(path)
    try:
        build_sample(database, path)
    finally:
        database.close()
    return path


class ScriptedDialogs(Dialogs):
    """Answers questions and file choosers from a script and records every message."""

    def __init__(self, *, answer: bool = True, path: Path | None = None) -> None:
        super().__init__()
        self.answer = answer
        self.path = path
        self.messages: list[tuple[str, str, str]] = []
        #: What the connect-to-server, preferences and welcome dialogs "return".
        self.connection: Any = None
        self.new_preferences: Any = None
        self.welcome_choice: Any = None
        #: Builds the task dialog's command: a function of (database, task_id), or None.
        self.task_edit: Any = None
        #: The "Set baseline" dialog's answer: (number, selected tasks only), or None.
        self.baseline_choice: Any = None
        #: The conflict dialog's answer: a function of (error, who, base) giving the values to
        #: save, or None; unscripted, it keeps theirs and records the plain error message.
        self.conflict_answer: Any = None
        #: Every conflict dialog shown: (error, who, base).
        self.conflicts: list[tuple[Any, Any, Any]] = []
        #: The row-by-row conflict dialog's answer: a function of (rows, text) giving the
        #: side kept per row, or None; unscripted, it cancels and records a message.
        self.row_conflict_answer: Any = None
        #: Every row-by-row conflict dialog shown: (rows, text).
        self.row_conflicts: list[tuple[Any, Any]] = []

    def critical(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(("critical", title, text))

    def information(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(("information", title, text))

    def about(self, parent: QWidget | None, title: str, text: str) -> None:
        self.messages.append(("about", title, text))

    def question(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.messages.append(("question", title, text))
        return self.answer

    def open_database_file(self, parent: QWidget | None, directory: Path) -> Path | None:
        return self.path

    def new_database_file(self, parent: QWidget | None, directory: Path) -> Path | None:
        return self.path

    def about_application(self, parent: QWidget | None, database_location: str) -> None:
        self.messages.append(("about", "About PMO Desktop", database_location))

    def connect_to_server(self, parent: QWidget | None) -> Any:
        return self.connection

    def preferences(self, parent: QWidget | None) -> Any:
        return self.new_preferences

    def welcome(self, parent: QWidget | None) -> Any:
        return self.welcome_choice

    def choose_baseline(self, parent: QWidget | None, has_selection: bool) -> Any:
        self.messages.append(("question", "Set baseline", str(has_selection)))
        return self.baseline_choice

    def edit_task(self, parent: QWidget | None, database: Database, task_id: int) -> Any:
        return self.task_edit(database, task_id) if self.task_edit is not None else None

    def resolve_conflict(
        self, parent: QWidget | None, error: Any, who: Any, base: Any = None
    ) -> Any:
        self.conflicts.append((error, who, base))
        if self.conflict_answer is None:
            self.critical(parent, "Change not saved", str(error))
            return None
        return self.conflict_answer(error, who, base)

    def resolve_row_conflicts(self, parent: QWidget | None, rows: Any, text: str = "") -> Any:
        self.row_conflicts.append((rows, text))
        if self.row_conflict_answer is None:
            self.critical(parent, "Change not saved", f"{len(rows)} rows changed by others")
            return None
        return self.row_conflict_answer(rows, text)


@pytest.fixture
def dialogs() -> ScriptedDialogs:
    return ScriptedDialogs()


def fake_demo(
    engine: Engine,
    *,
    scale: str = "small",
    seed: int = 7,
    as_of: date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> SimpleNamespace:
    """Stands in for services.demo.create_demo: a small portfolio, with progress reports."""
    with Session(engine) as session, session.begin():
        portfolio = Portfolio(name="Demo portfolio", as_of_date=as_of or date(2026, 3, 31))
        session.add(portfolio)
        session.flush()
        for number in range(1, 4):
            session.add(
                Project(portfolio_id=portfolio.id, code=f"D-{number}", name=f"Demo {number}")
            )
            if progress is not None:
                progress(number, 3, f"Project {number}")
    return SimpleNamespace(counts={"projects": 3})


@pytest.fixture
def demo_factory() -> Callable[..., SimpleNamespace]:
    return fake_demo


@pytest.fixture
def sample_builder() -> Callable[[Database, Path], Sample]:
    return build_sample


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portfolio, rescheduled so that slack and the critical path are the engine's."""
    path = tmp_path_factory.mktemp("scheduled-demo") / "demo.sqlite"
    database = open_database(path)
    try:
        create_demo(database.write_engine, seed=7)
        with database.session() as session:
            portfolio_id = session.scalars(select(Portfolio.id)).one()
        reschedule(database, portfolio_id)
    finally:
        database.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A copy of the scheduled demo portfolio that a test may change."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    database = open_database(path)
    yield database
    database.close()


@pytest.fixture
def gantt_view(qtbot, demo: Database, dialogs: ScriptedDialogs) -> Iterator[Any]:
    """A shown Gantt view on the scheduled demo, with its own work pool."""
    from pmo_desktop.ui.gantt.view import GanttView
    from pmo_desktop.ui.workers import WorkPool
    from pmo_desktop.ui.workspace import Workspace

    pool = WorkPool()
    widget = GanttView(Workspace(demo, dialogs=dialogs, pool=pool))
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    yield widget
    widget.cancel_loading()
    pool.drain()
