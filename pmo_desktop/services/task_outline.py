"""Undoable edits of a project's outline: indent, outdent, insert, delete, move, paste rows.

The outline is the list of rows with their levels (Microsoft Project's task sheet); each
edit computes the new list and an `OutlineChange` derives parents, positions, WBS codes
and summary flags from it. Each returns a `TaskEdit` that reschedules the project.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import NotFoundError, ValidationError
from pmo_desktop.models import Dependency, Project, Task
from pmo_desktop.services.task_commands import (
    OutlineChange,
    RowInsert,
    RowRef,
    Step,
    TaskEdit,
    current_outline,
    load_task,
    rows_delete,
)
from pmo_desktop.storage.database import Database

# -- the outline -----------------------------------------------------------------------------


def _block(outline: list[tuple[int, int]], index: int) -> int:
    """The index after the row at `index` and its subtree."""
    level = outline[index][1]
    end = index + 1
    while end < len(outline) and outline[end][1] > level:
        end += 1
    return end


def _project_of(session: Session, task_ids: Iterable[int]) -> tuple[int, list[Task]]:
    tasks = [load_task(session, task_id) for task_id in task_ids]
    if not tasks:
        raise ValidationError("Choose at least one task.")
    projects = {task.project_id for task in tasks}
    if len(projects) != 1:
        raise ValidationError("The tasks belong to different projects.")
    return projects.pop(), tasks


def _shift_levels(database: Database, task_ids: Sequence[int], delta: int, text: str) -> TaskEdit:
    with database.session() as session:
        project_id, tasks = _project_of(session, task_ids)
        outline = current_outline(session, project_id)
    chosen = set(task_ids)
    after = list(outline)
    index = 0
    while index < len(after):
        task_id, level = after[index]
        if task_id not in chosen:
            index += 1
            continue
        end = _block(after, index)
        name = next(task.name for task in tasks if task.id == task_id)
        if delta < 0 and level == 1:
            raise ValidationError(f"'{name}' is already at the top level.")
        above = after[index - 1][1] if index else 0
        if delta > 0 and level + delta > above + 1:
            raise ValidationError(f"'{name}' has no task above it at its level to go under.")
        after[index:end] = [(row, row_level + delta) for row, row_level in after[index:end]]
        index = end
    with database.session() as session:
        _check_links(session, project_id, list(after))
    return TaskEdit(project_id, [OutlineChange(project_id, outline, list(after))], text)


def _check_links(session: Session, project_id: int, rows: list[tuple[RowRef, int]]) -> None:
    """Refuse an outline where a link joins a summary task and one of its subtasks."""
    parent: dict[int, int | None] = {}
    stack: list[tuple[int, int]] = []
    for ref, level in rows:
        if not isinstance(ref, int):
            continue
        while stack and stack[-1][1] >= level:
            stack.pop()
        parent[ref] = stack[-1][0] if stack else None
        stack.append((ref, level))

    def ancestors(task_id: int) -> set[int]:
        found = set()
        while (task_id := parent.get(task_id)) is not None:  # type: ignore[assignment]
            found.add(task_id)
        return found

    own = select(Task.id).where(Task.project_id == project_id).scalar_subquery()
    for predecessor, successor in session.execute(
        select(Dependency.predecessor_id, Dependency.successor_id).where(
            Dependency.successor_id.in_(own), Dependency.predecessor_id.in_(own)
        )
    ):
        if predecessor in ancestors(successor) or successor in ancestors(predecessor):
            pair = select(Task.id, Task.name).where(Task.id.in_([predecessor, successor]))
            names = dict(session.execute(pair).all())
            raise ValidationError(
                f"'{names[successor]}' follows '{names[predecessor]}': one cannot become a "
                "subtask of the other. Remove the link first."
            )


def indent(database: Database, task_ids: Sequence[int]) -> TaskEdit:
    """Put each task (with its subtasks) under the task above it at its level."""
    return _shift_levels(database, task_ids, 1, "Indent")


def outdent(database: Database, task_ids: Sequence[int]) -> TaskEdit:
    """Move each task one level up; the tasks below it at its old level become its subtasks."""
    return _shift_levels(database, task_ids, -1, "Outdent")


def _insertion(outline: list[tuple[int, int]], after: int | None) -> tuple[int, int]:
    """Where rows go after task `after` (None: the top): the index and the level."""
    if after is None:
        return 0, 1
    index = next((number for number, (task_id, _) in enumerate(outline) if task_id == after), None)
    if index is None:
        raise ValidationError(f"Task {after} is not in this project.")
    return index + 1, outline[index][1]


def insert_task(
    database: Database, project_id: int, after: int | None, name: str, duration: int = 480
) -> TaskEdit:
    """A new task on the row below `after` (None: the first row); below a summary row it is
    its first subtask, otherwise a sibling of `after`."""
    name = name.strip()
    if not name:
        raise ValidationError("A task needs a name.")
    with database.session() as session:
        if session.get(Project, project_id) is None:
            raise NotFoundError(f"Project {project_id} does not exist.")
        outline = current_outline(session, project_id)
    index, level = _insertion(outline, after)
    if index < len(outline) and outline[index][1] > level:
        level = outline[index][1]
    insert = RowInsert(Task, {"project_id": project_id, "name": name,
                              "duration_minutes": max(int(duration), 0),
                              "is_milestone": duration == 0, "position": 0})  # fmt: skip
    rows: list[tuple[RowRef, int]] = [*outline[:index], (insert, level), *outline[index:]]
    return TaskEdit(project_id, [insert, OutlineChange(project_id, outline, rows)], "Insert task")


def delete_tasks(database: Database, task_ids: Sequence[int]) -> TaskEdit:
    """Delete tasks with their subtasks, links and assignments (all restored by undo)."""
    with database.session() as session:
        project_id, tasks = _project_of(session, task_ids)
        outline = current_outline(session, project_id)
        deleted = rows_delete(session, Task, tasks)
    chosen = {task.id for task in tasks}
    kept: list[tuple[int, int]] = []
    index = 0
    while index < len(outline):
        if outline[index][0] in chosen:
            index = _block(outline, index)
            continue
        kept.append(outline[index])
        index += 1
    steps: list[Step] = [
        OutlineChange(project_id, outline, list(kept)),
        deleted,
    ]
    return TaskEdit(project_id, steps, "Delete tasks")


def _take_blocks(
    outline: list[tuple[int, int]], chosen: set[int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The chosen rows with their subtrees (in row order), and the rows left."""
    taken: list[tuple[int, int]] = []
    left: list[tuple[int, int]] = []
    index = 0
    while index < len(outline):
        if outline[index][0] in chosen:
            end = _block(outline, index)
            base = outline[index][1]
            taken += [(task_id, level - base) for task_id, level in outline[index:end]]
            index = end
        else:
            left.append(outline[index])
            index += 1
    return taken, left


def _after_subtree(outline: list[tuple[int, int]], after: int | None) -> tuple[int, int]:
    if after is None:
        return 0, 1
    index, level = _insertion(outline, after)
    return _block(outline, index - 1), level


def move_rows(database: Database, task_ids: Sequence[int], after: int | None) -> TaskEdit:
    """Move tasks (with their subtasks) below task `after` and its subtasks, as its siblings
    (None: to the top)."""
    with database.session() as session:
        project_id, _tasks = _project_of(session, task_ids)
        outline = current_outline(session, project_id)
    taken, left = _take_blocks(outline, set(task_ids))
    if after is not None and after in {task_id for task_id, _ in taken}:
        raise ValidationError("Tasks cannot be moved below one of themselves.")
    index, level = _after_subtree(left, after)
    rows = [*left[:index], *((task_id, level + depth) for task_id, depth in taken), *left[index:]]
    with database.session() as session:
        _check_links(session, project_id, list(rows))
    return TaskEdit(project_id, [OutlineChange(project_id, outline, rows)], "Move tasks")


COPIED_FIELDS = ("name", "notes", "is_milestone", "duration_minutes", "work_minutes",
                 "constraint_type", "constraint_date", "deadline", "priority", "calendar_id",
                 "fixed_cost")  # fmt: skip


def paste_tasks(database: Database, task_ids: Sequence[int], after: int | None,
                project_id: int | None = None) -> TaskEdit:  # fmt: skip
    """Copies of tasks (with their subtasks and the links among them) below task `after`
    (None: at the top of `project_id`); progress, dates and assignments are not copied."""
    with database.session() as session:
        source_project, _tasks = _project_of(session, task_ids)
        target = project_id if project_id is not None else source_project
        if after is not None:
            target = load_task(session, after).project_id
        taken, _left = _take_blocks(current_outline(session, source_project), set(task_ids))
        sources = {task.id: task for task in session.scalars(
            select(Task).where(Task.id.in_([task_id for task_id, _ in taken])))}  # fmt: skip
        inside = Dependency.predecessor_id.in_(sources), Dependency.successor_id.in_(sources)
        links = list(session.scalars(select(Dependency).where(*inside)))
        outline = current_outline(session, target)
    copies = {
        task_id: RowInsert(Task, {name: getattr(sources[task_id], name) for name in COPIED_FIELDS}
                           | {"project_id": target, "position": 0})
        for task_id, _depth in taken
    }  # fmt: skip
    index, level = _after_subtree(outline, after)
    copied: list[tuple[RowRef, int]] = [
        (copies[task_id], level + depth) for task_id, depth in taken
    ]
    rows: list[tuple[RowRef, int]] = [*outline[:index], *copied, *outline[index:]]
    steps: list[Step] = list(copies.values())
    steps.append(OutlineChange(target, outline, rows))
    steps += [
        RowInsert(Dependency, {"predecessor_id": copies[link.predecessor_id],
                               "successor_id": copies[link.successor_id], "type": link.type,
                               "lag": link.lag, "lag_unit": link.lag_unit})
        for link in links
    ]  # fmt: skip
    return TaskEdit(target, steps, "Paste tasks")
