"""View switching and the Reports menu of the main window: which page shows, the current
project, the jumps between views.

A mixin of `MainWindow` (it uses the window's views, actions and dialogs); its strings are
translated in the "MainWindow" context, where lupdate files the window's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pmo_desktop.errors import PmoError
from pmo_desktop.models import Project
from pmo_desktop.services import crud
from pmo_desktop.services.gates import is_pmo_admin
from pmo_desktop.ui.interchange.commands import InterchangeContext
from pmo_desktop.ui.reports.commands import ReportContext

if TYPE_CHECKING:
    from pmo_desktop.ui.main_window import MainWindow

translate = QCoreApplication.translate

#: Views of the whole portfolio (not of the current project), by their `--show` name.
PORTFOLIO_WIDE_VIEWS = (
    "portfolio-gantt", "resources", "risks", "raid", "pool", "prioritisation", "compliance",
    "changes",
)  # fmt: skip


class ViewCommands:
    """Pages, the current project, and the report commands (mixed into MainWindow)."""

    # ------------------------------------------------------------- navigation
    def _show_page(self: MainWindow, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        view = self.current_view()
        for name, action in self.view_actions.items():
            action.setChecked(view == name)
        shown_menu = self.view_menus.get(view)
        for name, menu in self.view_menus.items():
            menu.setEnabled(menu is shown_menu or menu in self.permanent_menus)
            # A shared menu shows the section of the view on screen (else its first one).
            first = next(other for other, owner in self.view_menus.items() if owner is menu)
            visible = name == view if menu is shown_menu else name == first
            for action in self.view_sections[name]:
                action.setVisible(visible)
        self.view_changed.emit(view)

    def show_dashboard(self: MainWindow) -> None:
        if self._portfolio_id is not None:
            self._show_page(self.portfolio_view)
        else:
            self._show_page(self.empty_state)

    def _show_current_gantt(self: MainWindow) -> None:
        if self._project_id is None:
            self._no_project_chosen()
            return
        self.open_gantt(self._project_id)

    def show_resources(self: MainWindow) -> None:
        """Resource loading across the portfolio's projects (View ▸ Resource loading, Ctrl+4)."""
        self.show_portfolio_wide("resources")

    def show_risks(self: MainWindow) -> None:
        """The risk register of the portfolio (View ▸ Risk register, Ctrl+5)."""
        self.show_portfolio_wide("risks")

    def show_portfolio_wide(self: MainWindow, name: str) -> None:
        """A view of the whole portfolio (one of PORTFOLIO_WIDE_VIEWS), loaded for it; the
        welcome page when the database holds no portfolio."""
        if self._portfolio_id is None:
            self._show_page(self.empty_state)
            return
        view: Any = self.named_pages[name]
        view.show_portfolio(self._portfolio_id)
        self._show_page(view)

    def open_task(self: MainWindow, project_id: int, task_id: int) -> None:
        """The Gantt chart of `project_id` with `task_id` selected once it is loaded."""

        def select() -> None:
            self.gantt_view.loaded.disconnect(select)
            if self.gantt_view.project_id == project_id:
                self.gantt_view.table.select_task(task_id)

        self.gantt_view.loaded.connect(select)
        self.open_gantt(project_id)

    def open_gantt(self: MainWindow, project_id: int) -> None:
        """Show the Gantt chart of `project_id` (View ▸ Gantt chart, Ctrl+3)."""
        self._project_id = project_id
        self.navigation.select_project(project_id)
        self.gantt_view.show_project(project_id)
        self._show_page(self.gantt_view)
        self._update_actions()

    def edit_task(self: MainWindow, task_id: int) -> bool:
        """The task dialog (double-click on a bar); its changes are one undoable step."""
        if self.database.read_only:
            return False
        try:
            command = self.dialogs.edit_task(self, self.database, task_id)
        except PmoError as exc:
            self.dialogs.critical(self, translate("MainWindow", "Cannot edit the task"), str(exc))
            return False
        return command is not None and self.workspace.execute(command)

    def _no_project_chosen(self: MainWindow) -> None:
        self.dialogs.information(
            self,
            translate("MainWindow", "No project chosen"),
            translate(
                "MainWindow",
                "Choose a project in the portfolio tree or the project list first.",
            ),
        )
        self._show_page(self.pages.currentWidget())

    def _show_current_project(self: MainWindow) -> None:
        if self._project_id is None:
            self._no_project_chosen()
            return
        self.open_project(self._project_id)

    def open_project(self: MainWindow, project_id: int) -> None:
        """Show the project view on `project_id` (double-click, Enter, or View ▸ Project)."""
        self._project_id = project_id
        self.navigation.select_project(project_id)
        self.project_view.show_project(project_id)
        self._show_page(self.project_view)
        self._update_actions()

    def _on_project_selected(self: MainWindow, project_id: int) -> None:
        self._project_id = project_id
        self.portfolio_view.select_project(project_id)
        if self.pages.currentWidget() is self.project_view:
            self.project_view.show_project(project_id)
        elif self.pages.currentWidget() is self.gantt_view:
            self.gantt_view.show_project(project_id)
        self._update_actions()

    def _on_scope_changed(self: MainWindow, project_ids: object, label: str) -> None:
        ids = frozenset(project_ids) if isinstance(project_ids, frozenset | set | list) else None
        self.portfolio_view.set_scope(ids, label)

    # ----------------------------------------------------------------- reports
    def _report_context(self: MainWindow) -> ReportContext:
        portfolio = self._current_portfolio()
        return ReportContext(
            database=self.database,
            portfolio_id=portfolio.id if portfolio is not None else None,
            portfolio=portfolio.name if portfolio is not None else None,
            as_of=self.workspace.as_of,
            project_id=self._project_id,
            paper=self.preferences.paper,
            thresholds=self.preferences.thresholds,
        )

    def show_board_pack(self: MainWindow) -> None:
        """Reports ▸ Board pack…: the pack's options, build, progress and page previews."""
        self.reports.show_board_pack(self._report_context())

    def write_status_report(self: MainWindow) -> None:
        """Reports ▸ Project status report…: the current project on one PDF page."""
        self.reports.write_status_report(self._report_context())

    def export_portfolio_table(self: MainWindow) -> None:
        """Reports ▸ Export portfolio table to Excel…"""
        self.reports.export_portfolio_table(self._report_context())

    # ------------------------------------------------------------- interchange
    def _interchange_context(self: MainWindow) -> InterchangeContext:
        portfolio = self._current_portfolio()
        project: tuple[int, str] | None = None
        if self._project_id is not None:
            try:
                row = crud.get(self.database, Project, self._project_id)
                project = (row.id, f"{row.code} — {row.name}")
            except PmoError:
                project = None
        return InterchangeContext(
            database=self.database,
            portfolio_id=portfolio.id if portfolio is not None else None,
            portfolio=portfolio.name if portfolio is not None else None,
            as_of=self.workspace.as_of,
            project=project,
        )

    def export_file(self: MainWindow) -> None:
        """File ▸ Export…: the project or the portfolio as a workbook or MS Project XML."""
        self.interchange.export(self._interchange_context())

    def import_file(self: MainWindow) -> None:
        """File ▸ Import…: an MS Project XML file or a workbook, checked before it is stored."""
        self.interchange.import_file(self._interchange_context())

    # -------------------------------------------------------------- governance
    def new_project_from_template(self: MainWindow) -> None:
        """File ▸ New project from template…: the new project opens in its Gantt chart."""
        from pmo_desktop.ui.governance import new_project_from_template

        if self._portfolio_id is None:
            return
        project_id = new_project_from_template(
            self, self.workspace, self._portfolio_id, manager=self.preferences.user_name
        )
        if project_id is not None:
            self.reload()
            self.open_gantt(project_id)

    def gate_review(self: MainWindow) -> None:
        """Governance ▸ Gate review…: the current project's next stage gate."""
        from pmo_desktop.ui.governance import gate_review

        if self._project_id is None:
            self._no_project_chosen()
            return
        gate_review(
            self,
            self.workspace,
            self._project_id,
            decider_is_pmo_admin=self._is_pmo_admin(),
            user_name=self.preferences.user_name,
        )

    def edit_method_templates(self: MainWindow) -> None:
        """Governance ▸ Method templates…"""
        from pmo_desktop.ui.governance import edit_method_templates

        if self._portfolio_id is not None:
            edit_method_templates(self, self.workspace, self._portfolio_id)

    def _is_pmo_admin(self: MainWindow) -> bool:
        """Who may decide a gate in a directive PMO: on a file, its user (the file is theirs);
        on a server, a user whose server role is the PMO admin's."""
        return is_pmo_admin(self.database)

    def open_object(self: MainWindow, entity: str, entity_id: int) -> None:
        """Change log ▸ Open changed item: a task in its Gantt, a risk in the register, a
        project in the project view; anything else in the History dock."""
        from pmo_desktop.models import Task

        try:
            if entity == "tasks":
                task = crud.get(self.database, Task, entity_id)
                self.open_task(task.project_id, entity_id)
                return
            if entity == "projects":
                crud.get(self.database, Project, entity_id)
                self.open_project(entity_id)
                return
        except PmoError:  # deleted since: its history still tells what happened
            pass
        else:
            if entity == "risks":
                self.show_risks()
                risks = self.risks_view

                def select() -> None:
                    risks.loaded.disconnect(select)
                    risks.select_risk(entity_id)

                if risks.is_loaded():
                    risks.select_risk(entity_id)
                else:
                    risks.loaded.connect(select)
                return
        self.audit_history.show_object(entity, entity_id)

    def edit_rag_rules(self: MainWindow) -> None:
        """Governance ▸ RAG rules and risk scoring…"""
        from pmo_desktop.ui.governance_rules import edit_portfolio_rules

        if self._portfolio_id is not None:
            edit_portfolio_rules(self, self.workspace, self._portfolio_id)
            self._apply_portfolio_thresholds()

    def edit_pmo_mode(self: MainWindow) -> None:
        """Governance ▸ PMO operating mode…: read-only with the reason for a non-admin."""
        from pmo_desktop.ui.governance import edit_pmo_mode

        if self._portfolio_id is not None:
            try:
                edit_pmo_mode(self, self.workspace, self._portfolio_id)
            except PmoError as exc:
                self.dialogs.critical(
                    self, translate("MainWindow", "Cannot read the database"), str(exc)
                )

    def _apply_portfolio_thresholds(self: MainWindow) -> None:
        """The project view rates with the portfolio's RAG rules (a PMO admin's), else with
        the thresholds of Preferences; the dashboard, pack and compliance resolve it alike."""
        from pmo_desktop.services.portfolio_rules import load_rules

        thresholds = self.preferences.thresholds
        if self._portfolio_id is not None:
            try:
                rules = load_rules(self.database, self._portfolio_id)
            except PmoError:
                rules = None
            if rules is not None and rules.stored:
                thresholds = rules.values.thresholds
        self.project_view.set_thresholds(thresholds)
