"""File ▸ Import… of a user's own workbook: the column-mapping dialog guesses the kind of
sheet and its columns, checks, lists the bad rows, then imports tasks into the chosen
project (scheduled) or resources into the pool. A real .xlsx, a small SQLite portfolio."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import select

from pmo_desktop.models import Resource, Task
from pmo_desktop.ui.interchange.commands import InterchangeCommands, InterchangeContext
from pmo_desktop.ui.interchange.prompts import InterchangePrompts
from pmo_desktop.ui.workers import WorkPool

JOB_TIMEOUT_MS = 60_000


class Prompts(InterchangePrompts):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []

    def critical(self, parent: Any, title: str, text: str) -> None:
        self.messages.append((title, text))

    def information(self, parent: Any, title: str, text: str) -> None:
        self.messages.append((title, text))


@pytest.fixture
def commands(qtbot, sample_db) -> Iterator[tuple[InterchangeCommands, InterchangeContext]]:
    database, sample = sample_db
    window = QMainWindow()
    qtbot.addWidget(window)
    pool = WorkPool()
    found = InterchangeCommands(window, pool=pool, prompts=Prompts())
    project = min(sample.projects.values())
    context = InterchangeContext(
        database, sample.portfolio_id, "Group IT", date(2026, 3, 31), (project, "")
    )
    yield found, context
    pool.drain()


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    tasks = book.active
    tasks.title = "Tâches"
    tasks.append(["Durée", "Nom de la tâche", "N°", "Prédécesseurs", "Début", "Ressources"])
    tasks.append(["2 jours", "Cadrage", 1, None, datetime(2026, 4, 6), "Léa Roux"])
    tasks.append([None, None, None, None, None, None])
    tasks.append(["3j", "Atelier", 2, "1", None, "Léa Roux[50%]"])
    tasks.append(["1 sem", "Recette", 3, "2FS+1j;7", None, None])
    team = book.create_sheet("Équipe")
    team.append(["Nom", "Type", "Taux standard", "Capacité max."])
    team.append(["Léa Roux", "Personne", "75 €/h", "80 %"])
    team.append(["Banc de test", "Matériel", 20, 1])
    book.save(path)


def _wait(qtbot, found: InterchangeCommands) -> None:
    qtbot.waitUntil(lambda: found.job is None, timeout=JOB_TIMEOUT_MS)


def test_tasks_then_resources_through_the_mapping_dialog(qtbot, commands, tmp_path: Path) -> None:
    found, context = commands
    database = context.database
    project_id = context.project[0]
    path = tmp_path / "plan utilisateur.xlsx"
    _workbook(path)
    found.start_import(context, path)
    _wait(qtbot, found)
    dialog = found.mapping
    assert dialog is not None and dialog.isVisible()
    assert dialog.kind().key == "tasks" and dialog.project_id() == project_id
    assert dialog.mapping() == {
        "ID": "N°", "Name": "Nom de la tâche", "Duration": "Durée", "Start": "Début",
        "Predecessors": "Prédécesseurs", "Resources": "Ressources",
    }  # fmt: skip
    assert not dialog.import_button.isEnabled()

    dialog.check_button.click()
    _wait(qtbot, found)
    assert "Problems found: 1." in dialog.result.text()
    table = dialog.errors_host.itemAt(0).widget()
    cells = [table.item(0, column).text() for column in range(3)]
    assert cells == ["Tâches", "5", "D (Predecessors)"] and "no task 7" in table.item(0, 3).text()
    assert not dialog.import_button.isEnabled()
    dialog.resize(1100, 640)
    qtbot.wait(50)
    dialog.grab().save(str(tmp_path / "mapping-errors.png"))

    book = openpyxl.load_workbook(path)
    book["Tâches"]["D5"] = "2FS+1j"
    book.save(path)
    dialog.check_button.click()
    _wait(qtbot, found)
    assert "Tâches: 3 new" in dialog.result.text(), dialog.result.text()
    assert "1 resource(s) added to the pool: Léa Roux" in dialog.result.text()
    assert dialog.import_button.isEnabled()
    dialog.combos["Start"].setCurrentIndex(0)  # changed since the check: check again
    assert not dialog.import_button.isEnabled()
    dialog.combos["Start"].setCurrentIndex(dialog.combos["Start"].findData("Début"))
    dialog.check_button.click()
    _wait(qtbot, found)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(found.imported, timeout=JOB_TIMEOUT_MS):
        dialog.import_button.click()
    _wait(qtbot, found)
    with database.session() as session:
        tasks = {
            task.name: task
            for task in session.scalars(select(Task).where(Task.project_id == project_id))
        }
    assert tasks["Cadrage"].start == datetime(2026, 4, 6, 8)
    assert tasks["Cadrage"].finish == datetime(2026, 4, 7, 17)
    assert tasks["Atelier"].start == datetime(2026, 4, 8, 8)  # the next working morning
    assert tasks["Recette"].start == datetime(2026, 4, 14, 8)  # after Atelier and a day of lag

    found.start_import(context, path)
    _wait(qtbot, found)
    dialog = found.mapping
    assert dialog is not None
    dialog.sheet_combo.setCurrentText("Équipe")
    assert dialog.kind().key == "resources" and not dialog.project_combo.isVisible()
    assert dialog.mapping() == {"Name": "Nom", "Type": "Type", "Standard rate": "Taux standard",
                                "Max units": "Capacité max."}  # fmt: skip
    dialog.check_button.click()
    _wait(qtbot, found)
    assert "Équipe: 1 new, 1 updated" in dialog.result.text(), dialog.result.text()
    dialog.resize(1100, 640)
    qtbot.wait(50)
    dialog.grab().save(str(tmp_path / "mapping-resources.png"))
    with qtbot.waitSignal(found.imported, timeout=JOB_TIMEOUT_MS):
        dialog.import_button.click()
    _wait(qtbot, found)
    with database.session() as session:
        pool = {resource.name: resource for resource in session.scalars(select(Resource))}
    assert pool["Léa Roux"].max_units == 0.8 and pool["Banc de test"].max_units == 1.0
    assert str(pool["Léa Roux"].cost_rate) == "75.00"
