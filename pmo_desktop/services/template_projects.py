"""New project from a method template, in one transaction, as one undoable command.

The project gets the template's WBS (durations in the portfolio calendar's days, links by
WBS code), a gate milestone closing each gated stage (after the stage's last tasks, before
the next stage's first ones), the template's milestones (offsets from their stage's start),
the iterations chained in their stage and the ceremonies as recurring milestones over them,
one GateReview per gate (planned on its milestone, the stage end), the standard risks (open,
with the template's ratings) and the portfolio's calendar; it is then scheduled from the
start date. Undo deletes the project and everything created with it; redo restores it with
the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pmo_desktop.errors import ConflictError, NotFoundError, ValidationError
from pmo_desktop.models import (
    Dependency,
    Entity,
    GateReview,
    LagUnit,
    LinkType,
    Portfolio,
    Programme,
    Project,
    ProjectStatus,
    Risk,
    RiskStatus,
    Task,
)
from pmo_desktop.services import crud
from pmo_desktop.services.commands import RowSnapshot, own_version, record_version, restore
from pmo_desktop.services.project_schedule import reschedule_in
from pmo_desktop.services.scheduling import load_calendar
from pmo_desktop.services.template_schema import Definition, WbsItem, ceremony_offsets
from pmo_desktop.services.templates import TemplateInfo
from pmo_desktop.storage.database import Database

#: Labels written into a gate's notes, in the template's language.
_NOTE_LABELS = {
    "en": ("Approver", "Decisions to take", "Ceremonies"),
    "fr": ("Approbateur", "Décisions à prendre", "Cérémonies"),
}


@dataclass(frozen=True)
class NewProject:
    """What the user types in the "New project from template" dialog."""

    code: str
    name: str
    start_date: date
    programme_id: int | None = None
    manager: str = ""
    status: ProjectStatus = ProjectStatus.ACTIVE


@dataclass(frozen=True)
class CreatedProject:
    project_id: int
    tasks: int
    links: int
    gates: int
    risks: int
    milestones: int
    finish: date | None
    warnings: list[str] = field(default_factory=list)


class _Builder:
    """Collects the template's rows for one project, then writes them with one flush per
    outline level (parents need their ids before their children) and one for the links."""

    def __init__(self, session: Session, project: Project, minutes_per_day: int) -> None:
        self.session = session
        self.project = project
        self.minutes_per_day = minutes_per_day
        self.by_code: dict[str, Task] = {}
        self.parents: dict[str, Task] = {}
        self.links: dict[tuple[str, str], tuple[Task, Task, LinkType, float]] = {}
        self.milestones = 0
        self.children: dict[str, int] = {}

    def task(self, parent: Task | None, position: int, code: str, name: str, *,
             days: float = 0.0, milestone: bool = False, summary: bool = False,
             notes: str = "") -> Task:  # fmt: skip
        row = Task(
            project_id=self.project.id, position=position, wbs=code,
            outline_level=code.count(".") + 1, name=name[:300], is_summary=summary,
            is_milestone=milestone, notes=notes,
            duration_minutes=0 if milestone or summary else round(days * self.minutes_per_day),
        )  # fmt: skip
        self.by_code[code] = row
        if parent is not None:
            self.parents[code] = parent
            self.children[parent.wbs] = self.children.get(parent.wbs, 0) + 1
        self.milestones += milestone
        return row

    def append(self, parent: Task, name: str, **options: Any) -> Task:
        """A new last child of `parent`, numbered after its other children."""
        position = self.children.get(parent.wbs, 0)
        return self.task(parent, position, f"{parent.wbs}.{position + 1}", name, **options)

    def link(self, predecessor: Task, successor: Task, kind: LinkType = LinkType.FS,
             lag_days: float = 0.0) -> None:  # fmt: skip
        pair = (predecessor.wbs, successor.wbs)
        if pair[0] != pair[1]:
            self.links.setdefault(pair, (predecessor, successor, kind, lag_days))

    def wbs(self, items: list[WbsItem], parent: Task | None) -> None:
        for position, item in enumerate(items):
            row = self.task(parent, position, item.code, item.name, days=item.duration_days,
                            milestone=item.milestone, summary=bool(item.children))  # fmt: skip
            self.wbs(item.children, row)

    def write(self) -> None:
        levels: dict[int, list[Task]] = {}
        for row in self.by_code.values():
            levels.setdefault(row.outline_level, []).append(row)
        for level in sorted(levels):
            for row in levels[level]:
                parent = self.parents.get(row.wbs)
                row.parent_id = parent.id if parent is not None else None
            self.session.add_all(levels[level])
            self.session.flush()
        self.session.add_all(
            Dependency(predecessor_id=before.id, successor_id=after.id, type=kind,
                       lag=round(lag_days * self.minutes_per_day), lag_unit=LagUnit.WORKING)
            for before, after, kind, lag_days in self.links.values()
        )  # fmt: skip


def _leaves(item: WbsItem) -> list[str]:
    return [node.code for node in item.walk() if not node.children]


def _inside(code: str, element: str) -> bool:
    return code == element or code.startswith(element + ".")


def build_project(
    session: Session, database: Database, portfolio_id: int, template: TemplateInfo,
    request: NewProject, *, raised_on: date | None = None,
) -> CreatedProject:  # fmt: skip
    """Create the project from the template inside the caller's write transaction."""
    definition = template.parsed()
    portfolio = session.get(Portfolio, portfolio_id)
    if portfolio is None:
        raise NotFoundError(f"Portfolio {portfolio_id} does not exist.")
    code, name = request.code.strip(), request.name.strip()
    if not code or not name:
        raise ValidationError("A project needs a code and a name.")
    taken = session.scalar(
        select(Project.id).where(Project.portfolio_id == portfolio_id, Project.code == code)
    )
    if taken is not None:
        raise ValidationError(f"The code '{code}' is already used by another project.")
    if request.programme_id is not None:
        programme = session.get(Programme, request.programme_id)
        if programme is None or programme.portfolio_id != portfolio_id:
            raise ValidationError("The programme is not one of this portfolio's.")
    calendar = load_calendar(session, portfolio.calendar_id)
    project = Project(
        portfolio_id=portfolio_id, programme_id=request.programme_id, code=code[:40],
        name=name[:200], manager=request.manager.strip(), method=template.method,
        phase=definition.stages[0].name, status=request.status, start_date=request.start_date,
        calendar_id=portfolio.calendar_id, currency=portfolio.currency,
        description=template.name,
    )  # fmt: skip
    session.add(project)
    session.flush()
    builder = _Builder(session, project, calendar.minutes_per_day)
    builder.wbs(definition.wbs, None)
    for item in definition.tasks():
        for ref in item.predecessors:
            builder.link(builder.by_code[ref.wbs], builder.by_code[item.code], ref.type,
                         ref.lag_days)  # fmt: skip
    gates = _stages(builder, definition, template.language)
    builder.write()
    session.flush()
    outcome = reschedule_in(session, database, project.id)
    for review, milestone in gates:
        session.refresh(milestone)
        review.planned_date = milestone.finish.date() if milestone.finish else None
    risks = _risks(session, project, definition, raised_on or date.today())
    if outcome.finish is not None:
        project.finish_date = max(outcome.finish.date(), request.start_date)
    session.flush()
    return CreatedProject(
        project_id=project.id, tasks=len(builder.by_code), links=len(builder.links),
        gates=len(gates), risks=risks, milestones=builder.milestones,
        finish=project.finish_date, warnings=outcome.warnings,
    )  # fmt: skip


def _stages(
    builder: _Builder, definition: Definition, language: str
) -> list[tuple[GateReview, Task]]:
    """Iterations, ceremonies, milestones and gates, stage by stage, chained in order."""
    gates: list[tuple[GateReview, Task]] = []
    previous_end: list[Task] = []
    labels = _NOTE_LABELS.get(language, _NOTE_LABELS["en"])
    for stage in definition.stages:
        element = definition.stage_item(stage.name)
        summary = builder.by_code[element.code]
        leaves = _leaves(element)
        inner = {code: [ref.wbs for ref in node.predecessors if _inside(ref.wbs, element.code)]
                 for node in element.walk() for code in [node.code]}  # fmt: skip
        has_successor = {pred for preds in inner.values() for pred in preds}
        starts = [builder.by_code[code] for code in leaves if not inner[code]]
        ends = [builder.by_code[code] for code in leaves if code not in has_successor]
        iterations = definition.iterations
        if iterations is not None and iterations.stage == stage.name:
            chain: list[Task] = []
            for number in range(1, iterations.count + 1):
                row = builder.append(summary, iterations.title(number), days=iterations.length_days)
                for before in chain[-1:] or [builder.by_code[c] for c in iterations.after]:
                    builder.link(before, row)
                chain.append(row)
            if not iterations.after or not any(_inside(c, element.code) for c in iterations.after):
                starts.append(chain[0])
            ends = [end for end in ends if end.wbs not in iterations.after] + [chain[-1]]
            if definition.ceremonies:
                group = builder.append(summary, labels[2], summary=True)
                _ceremonies(builder, definition, group, chain[0])
        for milestone in (m for m in definition.milestones if m.stage == stage.name):
            row = builder.append(summary, milestone.name, milestone=True)
            for start in starts:
                builder.link(start, row, LinkType.SS, milestone.offset_days)
        for end in previous_end:
            for start in starts:
                builder.link(end, start)
        if stage.gate is None:
            previous_end = ends
            continue
        gate = builder.append(summary, stage.gate.name, milestone=True)
        for end in ends:
            builder.link(end, gate)
        previous_end = [gate]
        notes = []
        if stage.gate.approver_role:
            notes.append(f"{labels[0]}: {stage.gate.approver_role}")
        if stage.gate.decisions:
            notes.append(f"{labels[1]}: " + "; ".join(stage.gate.decisions))
        review = GateReview(
            project_id=builder.project.id, sequence=len(gates) + 1, name=stage.gate.name[:200],
            next_phase=stage.gate.next_phase[:80],
            criteria=[{"text": c.text, "required": c.required, "met": False}
                      for c in stage.gate.criteria],
            evidence=[{"title": document, "link": "", "required": True}
                      for document in stage.gate.documents],
            conditions=[], notes="\n".join(notes),
        )  # fmt: skip
        builder.session.add(review)
        gates.append((review, gate))
    return gates


def _ceremonies(builder: _Builder, definition: Definition, group: Task, first: Task) -> None:
    assert definition.iterations is not None
    for ceremony in definition.ceremonies:
        for number, offset in enumerate(ceremony_offsets(ceremony, definition.iterations), 1):
            row = builder.append(group, ceremony.title(number), milestone=True,
                                 notes=f"{ceremony.duration_minutes} min")  # fmt: skip
            builder.link(first, row, LinkType.SS, offset)


def _risks(session: Session, project: Project, definition: Definition, raised_on: date) -> int:
    codes = list(
        session.scalars(select(Risk.code).where(Risk.portfolio_id == project.portfolio_id))
    )
    following = _risk_codes(codes)
    for spec in definition.risks:
        impact = max(spec.impact_schedule, spec.impact_cost, spec.impact_scope, spec.impact_quality)
        session.add(Risk(
            portfolio_id=project.portfolio_id, project_id=project.id, code=next(following),
            title=spec.title[:300], owner=project.manager, raised_on=raised_on,
            category=spec.category[:80], probability=spec.probability,
            impact_schedule=spec.impact_schedule, impact_cost=spec.impact_cost,
            impact_scope=spec.impact_scope, impact_quality=spec.impact_quality,
            score=spec.probability * impact, response=spec.response,
            response_plan=spec.response_plan, status=RiskStatus.OPEN,
        ))  # fmt: skip
    return len(definition.risks)


def _risk_codes(codes: list[str]) -> Iterable[str]:
    """The next free risk codes in the portfolio's usual numbering (R-001 when none)."""
    numbered: dict[str, list[str]] = {}
    for code in codes:
        match = re.fullmatch(r"(.*?)(\d+)", code)
        if match:
            numbered.setdefault(match.group(1), []).append(match.group(2))
    prefix, width, following = "R-", 3, 1
    if numbered:
        prefix = max(numbered, key=lambda key: len(numbered[key]))
        width = max(len(number) for number in numbered[prefix])
        following = max(int(number) for number in numbered[prefix]) + 1
    taken = set(codes)
    while True:
        code = f"{prefix}{following:0{width}d}"
        following += 1
        if code not in taken:
            yield code


@dataclass
class CreateProjectFromTemplate:
    """The undoable "New project from template": undo deletes the project, redo restores it."""

    portfolio_id: int
    template: TemplateInfo
    request: NewProject
    text: str = ""
    raised_on: date | None = None
    result: CreatedProject | None = None
    project_id: int | None = None
    version: int = 0
    _snapshot: RowSnapshot | None = None

    def __post_init__(self) -> None:
        self.text = self.text or f"New project {self.request.code} from template"

    def apply(self, database: Database) -> None:
        if self._snapshot is not None:
            restore(database, [self._snapshot])
            self.version = record_version(database, Project, self._snapshot.values["id"],
                                          self._snapshot.values["version"])  # fmt: skip
            return
        with database.write_session() as session:
            self.result = build_project(session, database, self.portfolio_id, self.template,
                                        self.request, raised_on=self.raised_on)  # fmt: skip
            self.project_id = self.result.project_id
            project = session.get(Project, self.project_id)
            assert project is not None
            self.version = project.version
        record_version(database, Project, self.project_id, self.version)

    def revert(self, database: Database) -> None:
        assert self.project_id is not None, "revert before apply"
        with database.write_session() as session:
            project = session.get(Project, self.project_id)
            expected = own_version(database, Project, self.project_id, self.version)
            if project is None or project.version != expected:
                raise ConflictError(
                    "Project", self.project_id, mine={}, expected_version=expected,
                    theirs=crud.column_values(project) if project else None,
                    their_version=project.version if project else None,
                )  # fmt: skip
            self._snapshot = _snapshot(session, project)
            session.delete(project)

    def merge(self, other: object) -> bool:
        return False

    def touched(self) -> set[type[Entity]]:
        return {Project, Task, Dependency, GateReview, Risk}


def _snapshot(session: Session, project: Project) -> RowSnapshot:
    """The project and its rows created from the template, parents before children."""
    tasks = list(session.scalars(
        select(Task).where(Task.project_id == project.id).order_by(Task.outline_level, Task.id)
    ))  # fmt: skip
    ids = [task.id for task in tasks]
    linked = Dependency.successor_id.in_(ids) | Dependency.predecessor_id.in_(ids)
    links = list(session.scalars(select(Dependency).where(linked).order_by(Dependency.id)))
    others: list[Entity] = [
        *session.scalars(select(GateReview).where(GateReview.project_id == project.id)),
        *session.scalars(select(Risk).where(Risk.project_id == project.id).order_by(Risk.id)),
    ]
    children = [
        RowSnapshot(type(row), crud.column_values(row)) for row in [*tasks, *others, *links]
    ]
    return RowSnapshot(Project, crud.column_values(project), children)
