"""Filling an empty database with the demo portfolio, in the background, one run at a time."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.services.database import Database
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.workers import Job, ProgressToken, WorkPool, default_pool, run_with_progress

log = logging.getLogger(__name__)

#: `create_demo(engine, *, scale, seed, as_of, progress) -> DemoSummary` or a stand-in.
DemoFactory = Callable[..., Any]


def _load_demo_factory() -> DemoFactory:
    from pmo_desktop.services.demo import create_demo

    return create_demo


def _create_demo_work(token: ProgressToken, factory: DemoFactory, database: Database) -> Any:
    """Runs in a worker thread: the demo service opens its own connections on the engine."""
    return factory(database.write_engine, scale="small", progress=token)


class DemoCreation(QObject):
    """Starts the demo job with its progress dialog and reports failures to the user."""

    #: Emitted once the job is over, whatever its outcome; True when the demo was created.
    finished = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        dialogs: Dialogs,
        *,
        pool: WorkPool | None = None,
        factory: DemoFactory | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._dialogs = dialogs
        self._pool = pool
        self._factory = factory
        self.job: Job | None = None
        self._created = False

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, database: Database) -> Job | None:
        """Start filling `database`; None when it cannot start (the user was told why)."""
        if self.job is not None:
            return self.job
        title = self.tr("Demo portfolio")
        if database.read_only:
            self._dialogs.critical(
                self._window,
                title,
                self.tr("{name} is read-only ({reason}).").format(
                    name=database.display, reason=database.read_only_reason
                ),
            )
            return None
        try:
            factory = self._factory or _load_demo_factory()
        except ImportError:
            log.exception("The demo service cannot be imported")
            self._dialogs.critical(
                self._window, title, self.tr("The demo portfolio is not available in this version.")
            )
            return None
        job = run_with_progress(
            self._window,
            _create_demo_work,
            factory,
            database,
            title=title,
            label=self.tr("Creating the demo portfolio…"),
            pool=self._pool or default_pool(),
        )
        self._created = False
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(self._on_finished)
        self.job = job
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _on_succeeded(self, _summary: object) -> None:
        self._created = True

    def _on_failed(self, error: object) -> None:
        if not isinstance(error, PmoError):
            log.error("Creating the demo portfolio failed: %r", error)
        self._dialogs.critical(
            self._window,
            self.tr("Demo portfolio"),
            self.tr("The demo portfolio could not be created: {error}").format(error=error),
        )

    def _on_finished(self) -> None:
        self.job = None
        self.finished.emit(self._created)
