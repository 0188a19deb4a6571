"""Checks across the rows of a workbook: IDs, outline, predecessors, loops, references.

Run once every row has been read; each problem names its sheet and row.
"""

from __future__ import annotations

from collections import defaultdict

from pmo_desktop.interop.xlsx.model import Workbook

Key = tuple[str, int]  # (project code, task ID)


def check_plan(book: Workbook, problems: list[str]) -> None:
    """Append to `problems` what makes `book` impossible to import; fill in parents and work."""
    projects = {project.code.casefold(): project.code for project in book.projects}
    calendars = {calendar.name for calendar in book.calendars}
    for project in book.projects:
        if project.calendar and project.calendar not in calendars:
            problems.append(
                f"project {project.code!r}: its calendar {project.calendar!r} is "
                "not in the Calendar sheet"
            )
    rows: dict[Key, int] = {}
    stacks: dict[str, list[tuple[int, int]]] = defaultdict(list)  # code → [(level, ID)]
    for task in book.tasks:
        key = (task.project, task.id)
        if key in rows:
            problems.append(
                f"Tasks row {task.row}: the ID {task.id} is already used in row {rows[key]}"
            )
            continue
        rows[key] = task.row
        stack = stacks[task.project]
        above = stack[-1][0] if stack else 0
        if task.outline_level > above + 1:
            problems.append(
                f"Tasks row {task.row}: outline level {task.outline_level} under level {above}; "
                "a level may grow by one"
            )
        while stack and stack[-1][0] >= task.outline_level:
            stack.pop()
        task.parent = stack[-1][1] if stack else None
        stack.append((task.outline_level, task.id))
    _check_links(book, projects, rows, problems)
    _check_assignments(book, rows, problems)


def _check_links(
    book: Workbook, projects: dict[str, str], rows: dict[Key, int], problems: list[str]
) -> None:
    successors: dict[Key, list[Key]] = defaultdict(list)
    predecessors: dict[Key, list[Key]] = defaultdict(list)
    names: dict[Key, str] = {}
    for task in book.tasks:
        names.setdefault((task.project, task.id), task.name)
    for code, task, entry in book.links():
        other = projects.get(entry.project.casefold(), "") if entry.project else code
        source = (other, entry.task_id)
        target = (code, task.id)
        found = predecessors.get(target, ())  # no empty entry: _find_loop counts them
        if other and source in rows and source != target and source not in found:
            successors[source].append(target)  # the usual link: no message to build
            predecessors[target].append(source)
            continue
        where = f"Tasks row {task.row} (Predecessors)"
        shown = f"{entry.project}:{entry.task_id}" if entry.project else str(entry.task_id)
        if not other:
            problems.append(f"{where}: the project {entry.project!r} is not in the workbook")
        elif source not in rows:
            problems.append(f"{where}: the predecessor {shown} is not a task ID of the sheet")
        elif source == target:
            problems.append(f"{where}: the task is its own predecessor")
        else:
            problems.append(f"{where}: the predecessor {shown} is given twice")
    loop = _find_loop(successors, predecessors)
    if loop:
        first = loop.index(min(loop, key=rows.__getitem__))
        loop = loop[first:] + loop[:first] + [loop[first]]
        steps = " → ".join(f"{names[key]!r} (row {rows[key]})" for key in loop[:13])
        more = " → …" if len(loop) > 13 else ""
        problems.append(f"Tasks (Predecessors): the links form a loop: {steps}{more}")


def _find_loop(successors: dict[Key, list[Key]], predecessors: dict[Key, list[Key]]) -> list[Key]:
    """One loop of links, in link order (empty if none): Kahn's sort, then a walk back."""
    waiting = {key: len(found) for key, found in predecessors.items()}
    ready = [key for key in successors if key not in waiting]
    while ready:
        key = ready.pop()
        for successor in successors[key]:
            waiting[successor] -= 1
            if waiting[successor] == 0:
                del waiting[successor]
                ready.append(successor)
    if not waiting:
        return []
    # Every task left has a predecessor left: walking back must come round.
    seen: dict[Key, int] = {}
    path: list[Key] = []
    key = next(iter(waiting))
    while key not in seen:
        seen[key] = len(path)
        path.append(key)
        key = next(found for found in predecessors[key] if found in waiting)
    return list(reversed(path[seen[key] :]))


def _check_assignments(book: Workbook, rows: dict[Key, int], problems: list[str]) -> None:
    resources = {resource.name.casefold() for resource in book.resources}
    durations = {(task.project, task.id): task.duration for task in book.tasks}
    projects = {project.code.casefold(): project.code for project in book.projects}
    seen: dict[tuple[Key, str], int] = {}
    for item in book.assignments:
        item.project = projects.get(item.project.casefold(), item.project)
        key = (item.project, item.task_id)
        if key not in rows:
            problems.append(
                f"Assignments row {item.row} (Task ID): {item.task_id} is not a task ID "
                "of the sheet"
            )
            continue
        resource = item.resource.casefold()
        if resource not in resources:
            problems.append(
                f"Assignments row {item.row} (Resource): {item.resource!r} is not in the "
                "Resources sheet"
            )
            continue
        pair = (key, resource)
        if pair in seen:
            problems.append(
                f"Assignments row {item.row}: the same resource on the same task as row "
                f"{seen[pair]}"
            )
            continue
        seen[pair] = item.row
        if item.work < 0:  # not given: the task's duration at these units
            item.work = round(durations[key] * item.units)
