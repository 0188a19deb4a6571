"""The "Others changed rows you were saving" dialog: keep mine or theirs, row by row.

Shown when a command writing several rows (a Gantt edit, a levelling, a ranking applied as
priorities…) meets other users' changes (issue 8 §2). Each conflicting row lists the fields
that differ, the user's value beside the other user's, and who changed it when; the user
keeps "Mine" or "Theirs" per row (or all at once). "Save my choices" returns the choices;
Cancel returns nothing (nothing is written). Rows another user deleted stay deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pmo_desktop.services.conflicts import MINE, THEIRS, model_named
from pmo_desktop.services.row_conflicts import RowConflict, RowKey
from pmo_desktop.ui.conflict_rows import ChoiceField, ChoiceRow, RowChoiceTable
from pmo_desktop.ui.history.model import entity_label, field_label, format_field, format_moment

__all__ = ["MINE", "THEIRS", "RowConflictDialog", "choice_rows"]


class RowConflictDialog(QDialog):
    """Choose, row by row, between the user's values and the other users'."""

    def __init__(
        self, rows: Sequence[RowConflict], text: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.conflicts = list(rows)
        #: The side kept per row ("Save my choices"); None when cancelled.
        self.picked: dict[RowKey, str] | None = None
        count = len(self.conflicts)
        if count == 1:
            title = self.tr("Someone else changed a row you were saving")
        else:
            title = self.tr("Others changed {count} rows you were saving").format(count=count)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.heading = QLabel(title)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        change = text or self.tr("your change")
        self.explanation = QLabel(
            self.tr(
                "Nothing has been overwritten: “{change}” was not saved. For each row, keep "
                "your values or theirs; the rows below are saved together as one change you "
                "can undo. Their other changes are kept in any case, and scheduled dates are "
                "computed again."
            ).format(change=change)
        )
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.choices = RowChoiceTable(choice_rows(self.conflicts), self)
        layout.addWidget(self.choices)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save my choices"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setToolTip(
            self.tr("Save the rows kept as yours on top of the other users' versions.")
        )
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(self.tr("Save nothing and show their version."))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(820)
        table = self.choices.table
        shown = sum(table.rowHeight(line) for line in range(min(table.rowCount(), 12)))
        table.setMaximumHeight(
            table.horizontalHeader().height() + shown + 2 * table.frameWidth()
            + (table.horizontalScrollBar().sizeHint().height() if table.rowCount() > 12 else 0)
        )  # fmt: skip
        self.resize(980, self.sizeHint().height())

    def _save(self) -> None:
        self.picked = cast(dict[RowKey, str], self.choices.choices())
        self.accept()


def choice_rows(rows: Sequence[RowConflict]) -> list[ChoiceRow]:
    """The generic rows of the choice table for these conflicts."""
    empty = QCoreApplication.translate("RowConflictDialog", "(empty)")
    found = []
    for row in rows:
        kind = _kind(row.entity)
        who = row.who
        name = who.user_name if who is not None and who.user_name else ""
        when = format_moment(who.at) if who is not None and who.at is not None else ""
        if row.deleted:
            note = (
                QCoreApplication.translate(
                    "RowConflictDialog", "Deleted by {user}: it stays deleted"
                ).format(user=name)
                if name
                else QCoreApplication.translate(
                    "RowConflictDialog", "Deleted by another user: it stays deleted"
                )
            )
        elif row.added:
            note = QCoreApplication.translate(
                "RowConflictDialog",
                "Added since you looked: “Mine” deletes it too, “Theirs” keeps it and its task",
            )
        else:
            note = ""
        # A row the user deletes: "Your value" is the deletion.
        gone = QCoreApplication.translate("RowConflictDialog", "(you delete it)")
        fields = tuple(
            ChoiceField(
                field_label(item.name),
                gone if row.deleting else format_field(item.name, item.mine, empty=empty),
                format_field(item.name, item.theirs, empty=empty),
            )
            for item in row.fields
        )
        found.append(
            ChoiceRow(
                key=row.key,
                title=f"{kind} · {row.title}",
                fields=fields,
                who="\n".join(
                    part
                    for part in (
                        name or QCoreApplication.translate("RowConflictDialog", "Another user"),
                        when,
                    )
                    if part
                ),
                note=note,
                can_keep_mine=not row.deleted,
                default=THEIRS if row.deleted else MINE,
            )
        )
    return found


def _kind(entity: str) -> str:
    try:
        return entity_label(str(model_named(entity).__table__.name))
    except LookupError:
        return entity
