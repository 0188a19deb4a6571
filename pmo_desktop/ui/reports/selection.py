"""Which projects a board pack covers: a checkable programme → project tree.

Checking a programme checks its projects; a programme shows partly checked when only some
are. By default every active or on-hold project is checked. The selection is given back as a
pack request wants it (`Selection`): empty when it is the default, a programme's code when
all its projects are checked, else project codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from pmo_desktop.models import ProjectStatus, Rag
from pmo_desktop.services.portfolio import PortfolioTree
from pmo_desktop.ui.formatting import rag_label, status_label
from pmo_desktop.ui.rag import rag_icon
from pmo_desktop.ui.reports.choices import Selection

#: The statuses a pack covers unless the user chooses otherwise.
DEFAULT_STATUSES = frozenset({ProjectStatus.ACTIVE, ProjectStatus.ON_HOLD})

CodeRole = Qt.ItemDataRole.UserRole + 1
#: True on a programme item (a real programme, not the "no programme" group).
ProgrammeRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class ProjectInfo:
    """What the tree shows of a project besides its code and name."""

    status: ProjectStatus
    rag: Rag | None


class ProjectSelectionModel(QStandardItemModel):
    """Programmes and their projects, each with a check box; column 1 shows the status."""

    #: The checked projects changed (once per user click or bulk change).
    selection_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._updating = False
        self.setHorizontalHeaderLabels([self.tr("Project"), self.tr("Status")])
        self.itemChanged.connect(self._on_item_changed)

    def set_projects(self, tree: PortfolioTree, info: Mapping[int, ProjectInfo]) -> None:
        """Show `tree`'s programmes and projects, the default selection checked.

        Each programme is filled before it joins the model: one insertion per programme.
        """
        self._updating = True
        try:
            self.removeRows(0, self.rowCount())
            for programme in tree.programmes:
                if programme.id is None:
                    label = self.tr("Projects outside any programme")
                else:
                    label = f"{programme.code} — {programme.name}"
                parent = _item(label, programme.code, checkable=True)
                parent.setToolTip(label)
                parent.setData(programme.id is not None, ProgrammeRole)
                for project in programme.projects:
                    details = info.get(project.id)
                    child = _item(f"{project.code}  {project.name}", project.code, checkable=True)
                    rag = details.rag if details else project.rag
                    child.setIcon(rag_icon(rag))
                    child.setToolTip(f"{project.code} {project.name} — {rag_label(rag)}")
                    status = details.status if details else ProjectStatus.ACTIVE
                    child.setData(status.value, StatusRole)
                    if status in DEFAULT_STATUSES:
                        child.setCheckState(Qt.CheckState.Checked)
                    status_item = _item(status_label(status), "", checkable=False)
                    parent.appendRow([child, status_item])
                parent.setCheckState(_summary_state(parent))
                self.appendRow([parent, _item("", "", checkable=False)])
        finally:
            self._updating = False
        self.selection_changed.emit()

    # ---------------------------------------------------------------- reading
    def programme_items(self) -> Iterator[QStandardItem]:
        for row in range(self.rowCount()):
            item = self.item(row, 0)
            if item is not None:
                yield item

    def project_items(self) -> Iterator[QStandardItem]:
        for parent in self.programme_items():
            yield from _children(parent)

    def project_codes(self) -> list[str]:
        return [str(item.data(CodeRole)) for item in self.project_items()]

    def checked_codes(self) -> list[str]:
        return [
            str(item.data(CodeRole))
            for item in self.project_items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def default_codes(self) -> list[str]:
        return [
            str(item.data(CodeRole))
            for item in self.project_items()
            if item.data(StatusRole) in DEFAULT_STATUSES
        ]

    def selection(self) -> Selection:
        """The checked projects as a pack request names them (see the module's docstring)."""
        checked = self.checked_codes()
        if checked and checked == self.default_codes():
            return Selection()
        programmes: list[str] = []
        projects: list[str] = []
        for parent in self.programme_items():
            children = list(_children(parent))
            ticked = [child for child in children if child.checkState() == Qt.CheckState.Checked]
            if parent.data(ProgrammeRole) and ticked and len(ticked) == len(children):
                programmes.append(str(parent.data(CodeRole)))
            else:
                projects.extend(str(child.data(CodeRole)) for child in ticked)
        return Selection(tuple(projects), tuple(programmes))

    # ---------------------------------------------------------------- writing
    def apply(self, selection: Selection) -> list[str]:
        """Check what `selection` names (the default when empty); the codes not found."""
        if selection.is_default:
            wanted = {code.casefold() for code in self.default_codes()}
            self._check(lambda code: code.casefold() in wanted)
            return []
        wanted = {code.casefold() for code in selection.projects}
        asked = {code.casefold() for code in selection.programmes}
        found: set[str] = set()
        for parent in self.programme_items():
            code = str(parent.data(CodeRole)).casefold()
            if parent.data(ProgrammeRole) and code in asked:
                found.add(code)
                wanted.update(str(child.data(CodeRole)).casefold() for child in _children(parent))
        known = {code.casefold() for code in self.project_codes()}
        unknown = [code for code in selection.projects if code.casefold() not in known]
        unknown += [code for code in selection.programmes if code.casefold() not in found]
        self._check(lambda code: code.casefold() in wanted)
        return unknown

    def set_all(self, checked: bool) -> None:
        self._check(lambda _code: checked)

    def _check(self, wanted: Callable[[str], bool]) -> None:
        """Set every check box at once, then tell the views once per programme."""
        self.blockSignals(True)
        try:
            for parent in self.programme_items():
                for item in _children(parent):
                    checked = wanted(str(item.data(CodeRole)))
                    item.setCheckState(
                        Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                    )
                parent.setCheckState(_summary_state(parent))
        finally:
            self.blockSignals(False)
        roles = [Qt.ItemDataRole.CheckStateRole]
        self._updating = True  # the model turns dataChanged into itemChanged per item
        try:
            for parent in self.programme_items():
                if parent.rowCount():
                    first, last = parent.child(0, 0), parent.child(parent.rowCount() - 1, 0)
                    if first is not None and last is not None:
                        self.dataChanged.emit(first.index(), last.index(), roles)
            if self.rowCount():
                last_row = self.rowCount() - 1
                self.dataChanged.emit(self.index(0, 0), self.index(last_row, 0), roles)
        finally:
            self._updating = False
        self.selection_changed.emit()

    def _on_item_changed(self, item: QStandardItem) -> None:
        if self._updating or item.column() != 0:
            return
        self._updating = True
        try:
            parent = item.parent()
            if parent is None:
                state = item.checkState()
                if state == Qt.CheckState.PartiallyChecked:
                    state = Qt.CheckState.Checked
                    item.setCheckState(state)
                for child in _children(item):
                    child.setCheckState(state)
            else:
                parent.setCheckState(_summary_state(parent))
        finally:
            self._updating = False
        self.selection_changed.emit()


def _item(text: str, code: str, *, checkable: bool) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setCheckable(checkable)
    if code:
        item.setData(code, CodeRole)
    return item


def _children(parent: QStandardItem) -> Iterator[QStandardItem]:
    for row in range(parent.rowCount()):
        child = parent.child(row, 0)
        if child is not None:
            yield child


def _summary_state(parent: QStandardItem) -> Qt.CheckState:
    states = {child.checkState() for child in _children(parent)}
    if states == {Qt.CheckState.Checked}:
        return Qt.CheckState.Checked
    if Qt.CheckState.Checked in states:
        return Qt.CheckState.PartiallyChecked
    return Qt.CheckState.Unchecked
