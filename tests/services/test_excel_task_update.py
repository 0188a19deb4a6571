"""Re-importing an edited Excel export of ours updates the stored tasks by their UIDs
(never duplicates them), on SQLite files and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select

from pmo_desktop.errors import InteropError
from pmo_desktop.models import Base, Dependency, Project, Task
from pmo_desktop.services.database import Database
from pmo_desktop.services.demo import create_demo
from pmo_desktop.services.interchange import export_excel, import_excel
from pmo_desktop.services.interchange.log_workbook import import_workbook

AS_OF = date(2026, 10, 30)
CODE = "DIG-01"


@pytest.fixture
def demo(database: Database) -> int:
    return create_demo(database.engine, as_of=AS_OF).portfolio_id


def project_id(database: Database) -> int:
    with database.session() as session:
        return session.scalars(select(Project.id).where(Project.code == CODE)).one()


def snapshot(database: Database) -> dict[str, Any]:
    """Row counts of every table and each task's stored fields and dates."""
    with database.session() as session:
        counts = {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
            if not name.startswith("audit")
        }
        fields = ("uuid", "name", "duration_minutes", "parent_id", "start", "finish",
                  "early_start", "version")  # fmt: skip
        tasks = {
            row.id: tuple(getattr(row, name) for name in fields)
            for row in session.scalars(select(Task))
        }
        links = sorted(
            session.execute(select(Dependency.predecessor_id, Dependency.successor_id)).all()
        )
    return {"counts": counts, "tasks": tasks, "links": links}


def export(database: Database, tmp_path: Path) -> Path:
    path = tmp_path / "dig.xlsx"
    export_excel(database, path, project_id=project_id(database), sheets=["tasks"])
    return path


def columns(sheet: Worksheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def row_of(sheet: Worksheet, uid: str) -> int:
    column = columns(sheet)["UID"]
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, column).value == uid:
            return row
    raise AssertionError(uid)


def a_link_to_push(database: Database) -> tuple[Any, Any]:
    """A not-started leaf task of the project with a not-started successor (FS)."""
    with database.session() as session:
        own = select(Task.id).where(Task.project_id == project_id(database))
        for link in session.scalars(
            select(Dependency)
            .where(Dependency.predecessor_id.in_(own), Dependency.successor_id.in_(own))
            .order_by(Dependency.id)
        ):
            before, after = (
                session.get(Task, link.predecessor_id),
                session.get(Task, link.successor_id),
            )
            assert before is not None and after is not None
            idle = before.percent_complete == 0 and after.actual_start is None
            if idle and not before.is_summary and link.type.value == "FS" and link.lag == 0:
                return before, after
    raise AssertionError("no link to push")


def test_the_export_carries_grey_uid_columns(database: Database, demo: int, tmp_path: Path) -> None:
    path = export(database, tmp_path)
    book = load_workbook(path)
    tasks = book["Tasks"]
    header = columns(tasks)
    assert list(header)[:2] == ["ID", "WBS"] and list(header)[-1] == "UID"
    uid = tasks.cell(2, header["UID"])
    with database.session() as session:
        first = session.scalar(select(Task.uuid).where(Task.uuid == uid.value))
        stored = session.scalar(select(Project.uuid).where(Project.code == CODE))
    assert first == uid.value and tasks.cell(2, header["ID"]).value == 1  # numbering kept
    assert uid.font.color.rgb.endswith("808080")
    assert tasks.column_dimensions[uid.column_letter].width <= 12
    properties = {row[0].value: row[1] for row in book["Project"].iter_rows(min_row=2)}
    assert properties["UID"].value == stored and properties["UID"].font.color.rgb.endswith("808080")


def test_an_unchanged_export_changes_nothing(database: Database, demo: int, tmp_path: Path) -> None:
    path = export(database, tmp_path)
    before = snapshot(database)
    dry = import_workbook(database, path, dry_run=True)
    assert dry.ok and "0 tasks updated, 0 added, 170 unchanged" in dry.lines[0], dry.lines
    summary = import_excel(database, path)
    assert summary.update is not None and summary.projects == {CODE: project_id(database)}
    assert (summary.update.updated, summary.update.added, summary.update.unchanged) == (0, 0, 170)
    after = snapshot(database)
    assert after["counts"] == before["counts"]  # no project, task or link added
    assert after["links"] == before["links"]
    assert after["tasks"] == before["tasks"]  # same fields, same dates, same versions


def test_an_edited_name_and_duration_update_the_task(
    database: Database, demo: int, tmp_path: Path
) -> None:
    predecessor, successor = a_link_to_push(database)
    path = export(database, tmp_path)
    book = load_workbook(path)
    tasks = book["Tasks"]
    header = columns(tasks)
    row = row_of(tasks, predecessor.uuid)
    tasks.cell(row, header["Name"]).value = "Renamed in Excel"
    days = tasks.cell(row, header["Duration (days)"]).value
    tasks.cell(row, header["Duration (days)"]).value = days + 60
    book.save(path)
    before = snapshot(database)
    outcome = import_workbook(database, path)
    assert outcome.ok and "1 tasks updated, 0 added, 169 unchanged" in outcome.lines[0]
    after = snapshot(database)
    assert after["counts"] == before["counts"]  # updated in place: no duplicate
    uid, name, minutes, *_ = after["tasks"][predecessor.id]
    assert (uid, name) == (predecessor.uuid, "Renamed in Excel")
    assert minutes == predecessor.duration_minutes + 60 * 480
    assert after["tasks"][successor.id][4] > before["tasks"][successor.id][4]  # rescheduled
    assert after["links"] == before["links"]


def test_a_row_without_uid_is_added_and_missing_rows_are_kept(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export(database, tmp_path)
    book = load_workbook(path)
    tasks = book["Tasks"]
    header = columns(tasks)
    last = tasks.max_row
    dropped = tasks.cell(last, header["UID"]).value  # a leaf at the end of the outline
    assert tasks.cell(last, header["Outline level"]).value >= 1
    values = {"ID": 500, "Outline level": 1, "Name": "Go-live review", "Duration (days)": 2,
              "Predecessors": str(tasks.cell(2, header["ID"]).value)}  # fmt: skip
    for name, value in values.items():
        tasks.cell(last, header[name]).value = value
    for name in ("UID", "WBS", "Start", "Finish", "Milestone", "Constraint type"):
        tasks.cell(last, header[name]).value = None
    book.save(path)
    before = snapshot(database)
    outcome = import_workbook(database, path)
    assert outcome.ok and "0 tasks updated, 1 added, 169 unchanged" in outcome.lines[0]
    assert any("not in the workbook" in line for line in outcome.lines)
    after = snapshot(database)
    assert after["counts"]["tasks"] == before["counts"]["tasks"] + 1
    with database.session() as session:
        added = session.scalars(select(Task).where(Task.name == "Go-live review")).one()
        first = session.scalars(
            select(Task).where(Task.uuid == tasks.cell(2, header["UID"]).value)
        ).one()
        kept = session.scalars(select(Task).where(Task.uuid == dropped)).one()  # not deleted
        link = session.scalars(select(Dependency).where(Dependency.successor_id == added.id)).one()
        siblings = session.scalars(
            select(Task.position).where(
                Task.project_id == added.project_id, Task.parent_id.is_(None)
            )
        ).all()
    assert added.parent_id is None and added.duration_minutes == 2 * 480
    assert added.early_start is not None  # rescheduled
    assert link.predecessor_id == first.id
    assert kept.name and len(siblings) == len(set(siblings))  # positions stay distinct


def test_bad_cells_are_listed_and_nothing_is_written(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export(database, tmp_path)
    book = load_workbook(path)
    tasks = book["Tasks"]
    header = columns(tasks)
    tasks.cell(4, header["Name"]).value = "Edited but refused"
    tasks.cell(5, header["Predecessors"]).value = "9999"
    tasks.cell(6, header["UID"]).value = "not-a-uid"
    tasks.cell(7, header["UID"]).value = "00000000-0000-4000-8000-000000000000"
    book.save(path)
    before = snapshot(database)
    dry = import_workbook(database, path, dry_run=True)
    assert not dry.ok
    assert any("Tasks row 5 (Predecessors): the predecessor 9999" in e for e in dry.errors)
    letter = tasks.cell(1, header["UID"]).column_letter
    assert any(f"Tasks!{letter}6 (UID): 'not-a-uid' is not a UID" in e for e in dry.errors)
    with pytest.raises(InteropError, match="nothing imported"):
        import_workbook(database, path)
    tasks.cell(5, header["Predecessors"]).value = None
    tasks.cell(6, header["UID"]).value = None
    book.save(path)
    with pytest.raises(InteropError, match=r"Tasks row 7 \(UID\): it names no stored task"):
        import_excel(database, path)
    assert snapshot(database) == before


def test_a_dry_run_writes_nothing(database: Database, demo: int, tmp_path: Path) -> None:
    path = export(database, tmp_path)
    book = load_workbook(path)
    tasks = book["Tasks"]
    header = columns(tasks)
    tasks.cell(3, header["Name"]).value = "Only checked"
    tasks.cell(3, header["Priority"]).value = 900
    book.save(path)
    before = snapshot(database)
    outcome = import_workbook(database, path, dry_run=True)
    assert outcome.ok
    assert outcome.lines[0].startswith("Checked (dry run, nothing written)")
    assert "1 tasks updated, 0 added, 169 unchanged" in outcome.lines[0]
    assert snapshot(database) == before


def test_a_workbook_without_uids_adds_a_new_project(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export(database, tmp_path)
    book = load_workbook(path)
    tasks = book["Tasks"]
    tasks.delete_cols(columns(tasks)["UID"])
    project = book["Project"]
    for row in range(2, project.max_row + 1):
        if project.cell(row, 1).value == "UID":
            project.cell(row, 2).value = None
    book.save(path)
    before = snapshot(database)
    summary = import_excel(database, path)
    assert summary.update is None and list(summary.projects) == [CODE]
    assert snapshot(database)["counts"]["tasks"] == before["counts"]["tasks"] + 170
    with database.session() as session:
        codes = set(session.scalars(select(Project.code)))
    assert f"{CODE}-2" in codes


def test_a_whole_export_updates_its_logs_and_its_tasks(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = tmp_path / "portfolio.xlsx"
    export_excel(database, path, portfolio_id=demo)  # every sheet, every project
    book = load_workbook(path)
    tasks = book["Tasks"]
    header = columns(tasks)
    uid = tasks.cell(3, header["UID"]).value
    tasks.cell(3, header["Name"]).value = "Renamed with the risks"
    book.save(path)
    before = snapshot(database)
    dry = import_workbook(database, path, dry_run=True)
    assert dry.ok and any("1 tasks updated, 0 added, 1,169 unchanged" in x for x in dry.lines)
    assert snapshot(database) == before
    done = import_workbook(database, path)
    assert done.ok and "Risks: 0 new, 0 updated" in done.lines[0], done.lines
    assert not any("tasks are not updated" in line for line in done.lines)
    assert snapshot(database)["counts"] == before["counts"]
    with database.session() as session:
        assert session.scalar(select(Task.name).where(Task.uuid == uid)) == "Renamed with the risks"


def test_a_stored_task_moves_under_an_added_summary(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export(database, tmp_path)
    book = load_workbook(path)
    tasks = book["Tasks"]
    header = columns(tasks)
    last = tasks.max_row
    moved = [cell.value for cell in tasks[last]]
    uid = moved[header["UID"] - 1]
    tasks.delete_rows(last)
    summary = [None] * len(moved)
    summary[header["ID"] - 1], summary[header["Name"] - 1] = 900, "Phase added in Excel"
    summary[header["Outline level"] - 1], summary[header["Duration (days)"] - 1] = 1, 0
    moved[header["Outline level"] - 1] = 2
    moved[header["Predecessors"] - 1] = None
    tasks.append(summary)
    tasks.append(moved)
    book.save(path)
    outcome = import_workbook(database, path)
    assert outcome.ok and "added" in outcome.lines[0], outcome.lines
    with database.session() as session:
        added = session.scalars(select(Task).where(Task.name == "Phase added in Excel")).one()
        task = session.scalars(select(Task).where(Task.uuid == uid)).one()
    assert task.parent_id == added.id and task.outline_level == 2
    assert added.is_summary and added.parent_id is None


def test_as_new_imports_a_copy_even_with_uids(
    database: Database, demo: int, tmp_path: Path
) -> None:
    path = export(database, tmp_path)
    before = snapshot(database)
    outcome = import_workbook(database, path, as_new=True)
    assert outcome.ok and outcome.lines[0].startswith("Imported"), outcome.lines
    after = snapshot(database)
    assert after["counts"]["tasks"] == before["counts"]["tasks"] + 170
    assert all(after["tasks"][key][0] == value[0] for key, value in before["tasks"].items())
