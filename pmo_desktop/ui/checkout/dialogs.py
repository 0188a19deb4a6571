"""The check-out dialog (which project, into which file) and the check-in dialog (what will
be applied, per kind of row, and the true conflicts decided row by row).

The check-in dialog follows the look of the form conflict dialog (ui/conflicts.py): a
bold heading, who changed what, and a table whose radio buttons carry the values. Nothing
is chosen for the user: "Check in" is enabled once every conflicting row has a side.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmo_desktop.services.checkin import Decisions
from pmo_desktop.services.checkout import CheckinResult, CheckoutInfo, Conflict
from pmo_desktop.services.checkout_copies import CopyInfo
from pmo_desktop.ui.history.model import entity_label, field_label, format_field, format_moment

#: Columns of the check-in summary table.
KIND_COLUMN, ADDED_COLUMN, CHANGED_COLUMN, DELETED_COLUMN = range(4)
#: Columns of the conflicts table.
ITEM_COLUMN, MINE_COLUMN, THEIRS_COLUMN, WHO_COLUMN = range(4)
MINE = "mine"
THEIRS = "theirs"


def _bold_heading(label: QLabel) -> None:
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)


@dataclass(frozen=True)
class ProjectChoice:
    """A project the check-out dialog lists."""

    id: int
    code: str
    name: str
    #: Its open check-out, if someone has it out.
    out: CheckoutInfo | None = None

    @property
    def label(self) -> str:
        return f"{self.code} — {self.name}" if self.name else self.code


class CheckoutDialog(QDialog):
    """File ▸ Check out project…: the project and the new local file."""

    def __init__(
        self,
        projects: Sequence[ProjectChoice],
        current: int | None,
        folder: Path,
        choose_file: Callable[[QWidget, Path], Path | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check out a project"))
        self.projects = list(projects)
        self.folder = folder
        self._choose_file = choose_file
        self._path_edited = False

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(self.windowTitle())
        _bold_heading(heading)
        layout.addWidget(heading)
        explanation = QLabel(
            self.tr(
                "A copy of the project — tasks, links, assignments, the resources and calendars "
                "it uses, baselines, RAID logs, status reports and costs — is written to a new "
                "file you can take offline. Others see the project as checked out until you "
                "check it back in (File ▸ Check in…, from the copy)."
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        form = QFormLayout()
        self.project_combo = QComboBox()
        for project in self.projects:
            self.project_combo.addItem(project.label, project.id)
        if current is not None:
            index = self.project_combo.findData(current)
            if index >= 0:
                self.project_combo.setCurrentIndex(index)
        self.project_combo.currentIndexChanged.connect(self._on_project_changed)
        form.addRow(self.tr("Project:"), self.project_combo)
        self.path_edit = QLineEdit()
        self.path_edit.textEdited.connect(self._on_path_edited)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow(self.tr("Offline copy:"), row)
        layout.addLayout(form)

        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #B71C1C;")
        layout.addWidget(self.warning)
        self.force_check = QCheckBox(self.tr("Check it out anyway (a second offline copy)"))
        self.force_check.toggled.connect(self._update)
        layout.addWidget(self.force_check)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.checkout_button = self.buttons.addButton(
            self.tr("Check out"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.checkout_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self._on_project_changed()

    # What the user chose.

    def project(self) -> ProjectChoice | None:
        index = self.project_combo.currentIndex()
        return self.projects[index] if 0 <= index < len(self.projects) else None

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix else path.with_suffix(".sqlite")

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self._path_edited = True
        self._update()

    def choice(self) -> tuple[int, Path, bool]:
        """(project id, local file, force) once accepted."""
        project, path = self.project(), self.path()
        assert project is not None and path is not None
        return project.id, path, self.force_check.isChecked()

    # Reacting.

    def _on_project_changed(self) -> None:
        project = self.project()
        if project is not None and not self._path_edited:
            safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in project.code)
            self.path_edit.setText(str(self.folder / f"{safe or 'project'}-offline.sqlite"))
        self.force_check.setChecked(False)
        self._update()

    def _on_path_edited(self) -> None:
        self._path_edited = True
        self._update()

    def _browse(self) -> None:
        if self._choose_file is None:
            return
        current = self.path() or self.folder
        chosen = self._choose_file(self, current)
        if chosen is not None:
            self.set_path(chosen)

    def _update(self) -> None:
        project, path = self.project(), self.path()
        problems = []
        out = project.out if project is not None else None
        self.force_check.setVisible(out is not None)
        if out is not None:
            problems.append(
                self.tr("{code} is already checked out by {user} on {host} since {when}.").format(
                    code=out.project_code,
                    user=out.checked_out_by,
                    host=out.host,
                    when=format_moment(out.checked_out_at),
                )
            )
        if path is not None and path.exists():
            problems.append(self.tr("{path} already exists: choose a new file.").format(path=path))
        self.warning.setText("\n".join(problems))
        self.warning.setVisible(bool(problems))
        ok = (
            project is not None
            and path is not None
            and not path.exists()
            and (out is None or self.force_check.isChecked())
        )
        self.checkout_button.setEnabled(ok)


class CheckinDialog(QDialog):
    """File ▸ Check in…: what will be applied, and a side for every conflicting row."""

    def __init__(
        self, preview: CheckinResult, copy: CopyInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.copy = copy
        self.rows: list[tuple[str, str]] = preview.conflicting_rows
        self.radios: dict[tuple[str, str], tuple[QRadioButton, QRadioButton]] = {}
        self._groups: list[QButtonGroup] = []
        project = (
            f"{copy.project_code} — {copy.project_name}"
            if copy.project_name
            else (copy.project_code)
        )
        self.setWindowTitle(self.tr("Check in {project}").format(project=project))

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.heading = QLabel(self.windowTitle())
        _bold_heading(self.heading)
        layout.addWidget(self.heading)
        self.source_label = QLabel(
            self.tr("Into {source}, checked out on {when} by {user}.").format(
                source=copy.source,
                when=format_moment(copy.checked_out_at),
                user=copy.checked_out_by,
            )
        )
        self.source_label.setWordWrap(True)
        layout.addWidget(self.source_label)

        self.summary = self._summary_table()
        layout.addWidget(self.summary)
        self.summary_label = QLabel(self._summary_text())
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        self.conflicts_heading = QLabel()
        self.conflicts_heading.setWordWrap(True)
        layout.addWidget(self.conflicts_heading)
        self.conflicts = self._conflicts_table()
        layout.addWidget(self.conflicts, 1)
        choose_all = QHBoxLayout()
        self.all_mine_button = QPushButton(self.tr("All mine"))
        self.all_mine_button.clicked.connect(lambda: self.choose_all(MINE))
        self.all_theirs_button = QPushButton(self.tr("All theirs"))
        self.all_theirs_button.clicked.connect(lambda: self.choose_all(THEIRS))
        choose_all.addWidget(self.all_mine_button)
        choose_all.addWidget(self.all_theirs_button)
        choose_all.addStretch(1)
        layout.addLayout(choose_all)
        has_conflicts = bool(self.rows)
        self.conflicts.setVisible(has_conflicts)
        self.all_mine_button.setVisible(has_conflicts)
        self.all_theirs_button.setVisible(has_conflicts)

        self.note = QLabel(
            self.tr(
                "Nothing is written until you press Check in; then everything is applied in "
                "one transaction and the check-out is closed."
            )
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.checkin_button = self.buttons.addButton(
            self.tr("Check in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.checkin_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self._update()
        self.resize(820, min(760, self.sizeHint().height()))

    # What the user chose.

    def choice(self, row: tuple[str, str]) -> str | None:
        mine, theirs = self.radios[row]
        return MINE if mine.isChecked() else THEIRS if theirs.isChecked() else None

    def choose(self, row: tuple[str, str], side: str) -> None:
        mine, theirs = self.radios[row]
        (mine if side == MINE else theirs).setChecked(True)

    def choose_all(self, side: str) -> None:
        for row in self.rows:
            self.choose(row, side)

    def decisions(self) -> Decisions:
        """The side chosen for every conflicting row (all of them once "Check in" is enabled)."""
        chosen: dict[tuple[str, str], Any] = {}
        for row in self.rows:
            side = self.choice(row)
            if side is not None:
                chosen[row] = side
        return chosen

    def undecided(self) -> int:
        return sum(1 for row in self.rows if self.choice(row) is None)

    # Building.

    def _summary_table(self) -> QTableWidget:
        preview = self.preview
        kinds = sorted(
            set(preview.inserted) | set(preview.updated) | set(preview.deleted),
            key=lambda name: entity_label(name).casefold(),
        )
        table = QTableWidget(len(kinds), 4, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Added"), self.tr("Changed"), self.tr("Deleted")]
        )
        self._plain(table)
        header = table.horizontalHeader()
        header.setSectionResizeMode(KIND_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in (ADDED_COLUMN, CHANGED_COLUMN, DELETED_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for position, name in enumerate(kinds):
            table.setItem(position, KIND_COLUMN, QTableWidgetItem(entity_label(name)))
            for column, counts in (
                (ADDED_COLUMN, preview.inserted),
                (CHANGED_COLUMN, preview.updated),
                (DELETED_COLUMN, preview.deleted),
            ):
                count = counts.get(name, 0)
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(position, column, item)
        table.setVisible(bool(kinds))
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        rows = sum(table.rowHeight(position) for position in range(len(kinds)))
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth()
        )
        return table

    def _summary_text(self) -> str:
        preview = self.preview
        parts = []
        if self.rows:
            parts.append(
                self.tr(
                    "{count} change(s) made offline will be applied, with the rows decided below."
                ).format(count=preview.changes)
            )
        elif preview.changes:
            parts.append(
                self.tr("{count} change(s) made offline will be applied.").format(
                    count=preview.changes
                )
            )
        else:
            parts.append(
                self.tr("No change made offline needs applying; checking in closes the check-out.")
            )
        ignored = sum(preview.ignored.values())
        if ignored:
            parts.append(
                self.tr(
                    "{count} change(s) to tasks of other projects (read-only copies at the end "
                    "of cross-project links) are not checked in."
                ).format(count=ignored)
            )
        return " ".join(parts)

    def _conflicts_table(self) -> QTableWidget:
        by_row: dict[tuple[str, str], list[Conflict]] = {}
        for conflict in self.preview.conflicts:
            by_row.setdefault(conflict.row, []).append(conflict)
        table = QTableWidget(len(self.rows), 4, self)
        table.setHorizontalHeaderLabels(
            [
                self.tr("Changed on both sides"),
                self.tr("Mine (offline copy)"),
                self.tr("Theirs (shared database)"),
                self.tr("Their change"),
            ]
        )
        self._plain(table)
        header = table.horizontalHeader()
        header.setSectionResizeMode(ITEM_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MINE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(THEIRS_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHO_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        for position, row in enumerate(self.rows):
            conflicts = by_row[row]
            first = conflicts[0]
            kind = entity_label(first.table)
            item = QTableWidgetItem(f"{kind} · {first.label}" if first.label else kind)
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(first.uuid)
            table.setItem(position, ITEM_COLUMN, item)
            group = QButtonGroup(self)
            mine = self._radio("\n".join(self._side(c, MINE) for c in conflicts), group)
            theirs = self._radio("\n".join(self._side(c, THEIRS) for c in conflicts), group)
            mine.setAccessibleName(self.tr("Keep mine: {item}").format(item=item.text()))
            theirs.setAccessibleName(self.tr("Keep theirs: {item}").format(item=item.text()))
            table.setCellWidget(position, MINE_COLUMN, mine)
            table.setCellWidget(position, THEIRS_COLUMN, theirs)
            table.setItem(position, WHO_COLUMN, QTableWidgetItem(self._who(first)))
            self._groups.append(group)
            self.radios[row] = (mine, theirs)
        table.resizeRowsToContents()
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        return table

    def _side(self, conflict: Conflict, side: str) -> str:
        value = conflict.mine if side == MINE else conflict.theirs
        if conflict.field == "(row)":
            return {
                (MINE, "changed"): self.tr("Changed offline"),
                (MINE, "deleted"): self.tr("Deleted offline"),
                (THEIRS, "changed"): self.tr("Changed in the shared database"),
                (THEIRS, "deleted"): self.tr("Deleted in the shared database"),
            }.get((side, str(value)), str(value))
        shown = format_field(conflict.field, value, empty=self.tr("(empty)"))
        return self.tr("{field}: {value}").format(field=field_label(conflict.field), value=shown)

    def _who(self, conflict: Conflict) -> str:
        when = format_moment(conflict.changed_at) if conflict.changed_at is not None else ""
        if conflict.changed_by and when:
            return self.tr("{user}, {when}").format(user=conflict.changed_by, when=when)
        return conflict.changed_by or when or self.tr("unknown")

    def _radio(self, text: str, group: QButtonGroup) -> QRadioButton:
        button = QRadioButton(text)
        button.setToolTip(text)
        button.setStyleSheet("QRadioButton { padding: 4px 6px; }")
        group.addButton(button)
        button.toggled.connect(self._update)
        return button

    @staticmethod
    def _plain(table: QTableWidget) -> None:
        table.verticalHeader().setVisible(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        table.setStyleSheet("QTableWidget::item { padding: 0 8px; }")
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)

    def _update(self) -> None:
        left = self.undecided()
        if self.rows:
            self.conflicts_heading.setText(
                self.tr(
                    "<b>{count} row(s) were changed both offline and in the shared database.</b> "
                    "Choose, row by row, which version to keep ({left} left to decide). Their "
                    "other changes, and yours to other fields, are kept in any case."
                ).format(count=len(self.rows), left=left)
            )
        else:
            self.conflicts_heading.setText(self.tr("No conflicts."))
        self.checkin_button.setEnabled(left == 0)
