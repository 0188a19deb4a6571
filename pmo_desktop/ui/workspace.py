"""What every view shares: the open database, the undo stack, background work, refresh signals.

Views never write the database themselves: they build a domain command
(`services.commands`) and hand it to `Workspace.execute`, which applies it and puts it on
the undo stack. After any change — the user's own edit, undo, redo, or another user's
commit seen by the change watcher — `data_changed` tells the views what to reload.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from pmo_desktop.errors import ConflictError, PmoError
from pmo_desktop.models import Base, Entity
from pmo_desktop.services import conflicts, row_conflicts
from pmo_desktop.services.commands import Command, UpdateFields
from pmo_desktop.services.database import Database
from pmo_desktop.ui.dialogs import Dialogs
from pmo_desktop.ui.workers import ProgressToken, WorkPool, default_pool

log = logging.getLogger(__name__)

#: How many times the conflict dialog may come back for one save before a plain message.
_CONFLICT_ROUNDS = 2
#: QUndoCommand ids: mergeable commands share one id per merge key.
_merge_ids: dict[str, int] = {}


def _merge_id(command: Command) -> int:
    key = getattr(command, "merge_key", "")
    if not key:
        return -1
    return _merge_ids.setdefault(key, len(_merge_ids) + 1)


class UndoAdapter(QUndoCommand):
    """A domain command on the QUndoStack. The first redo is skipped: it was already applied."""

    def __init__(self, workspace: Workspace, command: Command) -> None:
        super().__init__(command.text)
        self.workspace = workspace
        self.command = command
        self._applied = True

    def id(self) -> int:
        return _merge_id(self.command)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UndoAdapter) or not self.command.merge(other.command):
            return False
        self.setText(other.text())
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.workspace._run(
            self, self.command.apply, QCoreApplication.translate("Workspace", "Cannot redo")
        )

    def undo(self) -> None:
        self.workspace._run(
            self, self.command.revert, QCoreApplication.translate("Workspace", "Cannot undo")
        )


class Workspace(QObject):
    """The open database and everything the views share about it."""

    #: Another database replaced the open one (the undo history was cleared).
    database_changed = Signal()
    #: Data changed: a set of entity classes, or None when anything may have changed.
    data_changed = Signal(object)

    def __init__(
        self,
        database: Database,
        *,
        dialogs: Dialogs | None = None,
        pool: WorkPool | None = None,
        parent_widget: QWidget | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self._database = database
        self.dialogs = dialogs or Dialogs(self)
        self.pool = pool or default_pool()
        self.parent_widget = parent_widget
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self._as_of = date.today()
        #: Saves running in the worker pool (`execute_in_background`).
        self._background = 0

    @property
    def database(self) -> Database:
        return self._database

    @property
    def as_of(self) -> date:
        """The date figures are computed at: the portfolio's as-of date or the user's override."""
        return self._as_of

    def set_as_of(self, as_of: date) -> None:
        if as_of != self._as_of:
            self._as_of = as_of
            self.data_changed.emit(None)

    @property
    def read_only(self) -> bool:
        return self._database.read_only

    def set_database(self, database: Database) -> None:
        """Switch databases; undo never reaches past opening a database."""
        self._database = database
        self._background = 0  # clear() drops the open macro of a save still running
        self.undo_stack.clear()
        self.database_changed.emit()

    def execute(self, command: Command) -> bool:
        """Apply `command` and put it on the undo stack; on error tell the user, return False."""
        if self.read_only:
            self._report(
                self.tr("Read-only database"),
                self.tr("The database is read-only: {reason}.").format(
                    reason=self._database.read_only_reason
                ),
            )
            return False
        try:
            command.apply(self._database)
        except ConflictError as exc:
            resolved = self._resolve_conflict(command, exc)
            self.data_changed.emit(None)
            return resolved
        except PmoError as exc:
            self._report(self.tr("Change not saved"), str(exc))
            return False
        self.undo_stack.push(UndoAdapter(self, command))
        self.data_changed.emit(command.touched())
        return True

    def execute_in_background(self, command: Command, done: Callable[[bool], None]) -> bool:
        """`execute` with the write in the worker pool (a drag's save with its reschedule).

        The same read-only check (refused at once: False, and `done` is not called), then
        the same outcome when the write ends: the command goes on the undo stack and the
        views reload; a conflict goes to the conflict dialog, another refusal to an error
        message; `done(ok)` follows. While a save runs, undo and redo are disabled (an
        undo-stack macro is open: the stack's actions and history view follow it).
        """
        if self.read_only:
            self._report(
                self.tr("Read-only database"),
                self.tr("The database is read-only: {reason}.").format(
                    reason=self._database.read_only_reason
                ),
            )
            return False
        database = self._database
        if self._background == 0:
            self.undo_stack.beginMacro(command.text)
        self._background += 1

        def end() -> bool:
            """Close the macro after the last save; False if the database was switched."""
            if database is not self._database or self._background == 0:
                return False
            self._background -= 1
            if self._background == 0:
                self.undo_stack.endMacro()
                macro = self.undo_stack.command(self.undo_stack.index() - 1)
                if macro is not None and macro.childCount() == 0:
                    macro.setObsolete(True)  # nothing saved: undoing drops it from history
                    self.undo_stack.undo()
                elif macro is not None and macro.childCount() == 1:
                    macro.setText(macro.child(0).text())
            return True

        def succeeded(_result: object) -> None:
            if database is self._database:
                self.undo_stack.push(UndoAdapter(self, command))
            end()
            self.data_changed.emit(command.touched())
            done(True)

        def failed(error: object) -> None:
            ok = False
            if end():
                if isinstance(error, ConflictError):
                    ok = self._resolve_conflict(command, error)
                elif isinstance(error, PmoError):
                    self._report(self.tr("Change not saved"), str(error))
                else:
                    log.error("Background save failed: %r", error)
                    self._report(self.tr("Change not saved"), str(error))
            self.data_changed.emit(None)
            done(ok)

        job = self.pool.submit(_apply_in_worker, database, command)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        return True

    def _resolve_conflict(self, command: Command, error: ConflictError) -> bool:
        """Someone else saved the row: let the user choose, field by field (issue 8 §2).

        Only a plain field edit of one row (`UpdateFields`) is resolved this way; the choice
        is saved as one undoable command at the other user's version. If that save meets yet
        another change, the user chooses again, at most `_CONFLICT_ROUNDS` times in all.
        """
        if not isinstance(command, UpdateFields) and row_conflicts.row_edits(command) is not None:
            return self._resolve_rows(command, error)
        if not (
            isinstance(command, UpdateFields)
            and error.theirs is not None
            and error.entity == command.model.__name__
            and error.entity_id == command.entity_id
        ):
            self._report(self.tr("Change not saved"), self._conflict_message(error))
            return False
        base: Mapping[str, Any] = command.before
        for _round in range(_CONFLICT_ROUNDS):
            who = conflicts.last_change(self._database, error)
            choices = self.dialogs.resolve_conflict(self.parent_widget, error, who, base)
            if choices is None:
                return False
            resolution = conflicts.resolution(error, choices, command.text)
            if resolution is None:
                return False
            try:
                resolution.apply(self._database)
            except ConflictError as again:
                if again.theirs is None:
                    self._report(self.tr("Change not saved"), self._conflict_message(again))
                    return False
                error = again
                continue
            except PmoError as exc:
                self._report(self.tr("Change not saved"), str(exc))
                return False
            self.undo_stack.push(UndoAdapter(self, resolution))
            return True
        self._report(self.tr("Change not saved"), str(error))
        return False

    def _resolve_rows(self, command: Command, error: ConflictError) -> bool:
        """A command writing several rows met other users' changes: choose row by row.

        Rows where both changed a field go to the dialog ("keep mine" or "keep theirs" per
        row); rows they changed elsewhere merge; derived dates are computed again. The
        choice is saved as one undoable command; Cancel writes nothing.
        """
        base = row_conflicts.read_values(command)
        current: Any = command
        for _round in range(_CONFLICT_ROUNDS):
            found = row_conflicts.row_conflicts(self._database, current, base)
            choosing = [row for row in found if row.needs_choice]
            picked: Mapping[row_conflicts.RowKey, str] = {}
            if choosing:
                answer = self.dialogs.resolve_row_conflicts(
                    self.parent_widget, choosing, command.text
                )
                if answer is None:
                    return False
                picked = answer
            resolved = row_conflicts.resolve_rows(self._database, current, found, picked)
            if resolved is None:
                return False
            try:
                resolved.apply(self._database)
            except ConflictError as again:
                current, error = resolved, again
                continue
            except PmoError as exc:
                self._report(self.tr("Change not saved"), str(exc))
                return False
            self.undo_stack.push(UndoAdapter(self, resolved))
            return True
        self._report(self.tr("Change not saved"), self._conflict_message(error))
        return False

    def _conflict_message(self, error: ConflictError) -> str:
        """The plain message for a conflict the dialog does not resolve, naming who if known."""
        from pmo_desktop.ui.conflicts import thing_label  # ui.history imports this module

        who = conflicts.last_change(self._database, error)
        if error.theirs is None and who is not None and who.deleted and who.user_name:
            return self.tr("{user} deleted this {entity}; your change was not saved.").format(
                user=who.user_name, entity=thing_label(error)
            )
        if error.theirs is not None and who is not None and who.user_name:
            return self.tr(
                "{user} changed this {entity} while you were editing it; your change was not "
                "saved. The view now shows their version."
            ).format(user=who.user_name, entity=thing_label(error))
        return str(error)

    def refresh(self, tables: Iterable[str] | None = None) -> None:
        """Tell the views to read the database again: every view (F5, a full refresh), or
        the views showing one of `tables` (another user's commit, by the change feed)."""
        self.data_changed.emit(None if tables is None else models_of_tables(tables))

    def _run(self, adapter: UndoAdapter, step: Any, title: str) -> None:
        try:
            step(self._database)
        except PmoError as exc:
            # The step cannot be replayed (someone else changed the row): drop it from history.
            adapter.setObsolete(True)
            self._report(title, str(exc))
            self.data_changed.emit(None)
            return
        self.data_changed.emit(adapter.command.touched())

    def _report(self, title: str, message: str) -> None:
        log.info("%s: %s", title, message)
        self.dialogs.critical(self.parent_widget, title, message)


def _apply_in_worker(token: ProgressToken, database: Database, command: Command) -> Command:
    """Worker side of `execute_in_background`: the command's write, in one transaction."""
    token.raise_if_cancelled()
    command.apply(database)
    return command


def models_of_tables(tables: Iterable[str]) -> set[type[Base]] | None:
    """The ORM classes stored in `tables` (None, "anything", for a table we do not map:
    a newer version's, say). Views name what they show by class (`touches`)."""
    by_table = {
        mapper.local_table.name: mapper.class_
        for mapper in Base.registry.mappers
        if mapper.local_table is not None
    }
    models: set[type[Base]] = set()
    for table in tables:
        if table not in by_table:
            return None
        models.add(by_table[table])
    return models


def touches(models: set[type[Entity]] | None, *wanted: type[Entity]) -> bool:
    """Whether a `data_changed` payload concerns any of `wanted` (None concerns everything)."""
    return models is None or any(model in models for model in wanted)
