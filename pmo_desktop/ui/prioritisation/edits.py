"""The prioritisation view's edits: criteria, scores and priorities, each one undoable
through the workspace; mixed into `PrioritisationView` (strings in its context)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableView, QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.models import CriterionKind
from pmo_desktop.services.commands import Command
from pmo_desktop.services.prioritisation import Criterion, PrioritisationData, ScoredProject
from pmo_desktop.services.prioritisation_edits import (
    add_criterion,
    apply_priorities,
    edit_criterion,
    next_code,
    remove_criterion,
    set_scores,
)
from pmo_desktop.services.prioritisation_whatif import WhatIf
from pmo_desktop.ui.prioritisation.criteria import CriteriaModel, kind_label

if TYPE_CHECKING:
    from pmo_desktop.ui.workspace import Workspace


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrioritisationView", text)


class PrioritisationEditsMixin:
    """Add, edit and remove criteria; save scores; apply the ranking as priorities."""

    if TYPE_CHECKING:
        workspace: Workspace
        data: PrioritisationData | None
        what_if: WhatIf | None
        portfolio_id: int | None
        criteria_model: CriteriaModel
        criteria_table: QTableView

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def _execute(self, build: Callable[[], Command | None], title: str) -> bool:
        try:
            command: Command | None = build()
        except PmoError as exc:
            self.workspace.dialogs.critical(self._widget(), title, str(exc))
            self.criteria_model.set_criteria(self.data.criteria if self.data else [])
            return False
        if command is None:
            return False
        return self.workspace.execute(command)

    def edit_criterion(self, criterion: Criterion, changes: dict[str, Any]) -> bool:
        if self.portfolio_id is None:
            return False
        portfolio_id = self.portfolio_id

        def build() -> Command | None:
            command = edit_criterion(self.workspace.database, portfolio_id, criterion, changes)
            return command if command.after else None

        return self._execute(build, _tr("Criterion not changed"))

    def add_criterion(self, kind: CriterionKind = CriterionKind.OBJECTIVE) -> bool:
        if self.portfolio_id is None:
            return False
        portfolio_id, database = self.portfolio_id, self.workspace.database
        prefix = {CriterionKind.OBJECTIVE: "OBJ"}.get(kind, kind.value[:3].upper())
        return self._execute(
            lambda: add_criterion(
                database, portfolio_id, next_code(database, portfolio_id, prefix),
                _tr("New {kind} criterion").format(kind=kind_label(kind).lower()), kind=kind,
            ),
            _tr("Criterion not added"),
        )  # fmt: skip

    def remove_current_criterion(self) -> bool:
        index = self.criteria_table.currentIndex()
        if not index.isValid():
            return False
        criterion = self.criteria_model.criterion_at(index.row())
        question = _tr("Remove criterion {code} “{name}” and every project's score on it?").format(
            code=criterion.code, name=criterion.name
        )
        if not self.workspace.dialogs.question(self._widget(), _tr("Remove criterion"), question):
            return False
        return self._execute(lambda: remove_criterion(criterion), _tr("Criterion not removed"))

    def save_scores(self, project: ScoredProject, changes: dict[int, int | None]) -> bool:
        if self.data is None:
            return False
        criteria = self.data.criteria
        label = _tr("Score {code}").format(code=project.candidate.code)
        return self._execute(
            lambda: set_scores(project.candidate, changes, criteria, label),
            _tr("Scores not saved"),
        )

    def apply_ranking(self) -> bool:
        """Write the what-if order as project priorities (1000 for the first), after asking."""
        if self.data is None or self.what_if is None:
            return False
        question = _tr(
            "Set the priority of the {count} ranked projects from this order (1000 for the "
            "first, lower below)? Levelling and the dashboard use the priority."
        ).format(count=len(self.what_if.rows))
        if not self.workspace.dialogs.question(self._widget(), _tr("Apply ranking"), question):
            return False
        candidates, order = self.data.candidates, self.what_if.order
        return self._execute(
            lambda: apply_priorities(candidates, order, _tr("Apply ranking as priorities")),
            _tr("Priorities not changed"),
        )
