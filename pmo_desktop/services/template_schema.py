"""The method template definition: its JSON schema, read into typed parts, with clear errors.

A template's `definition` (MethodTemplate.definition, or a shipped JSON file) is a JSON object:

```
{
  "schema": 1,
  "stages": [                          # in order; the project starts in the first one
    {"name": "Initiation",
     "gate": {                         # optional: the stage gate ending the stage
       "name": "Gate 1 – Business case approval",
       "next_phase": "Planning",       # optional: default the next stage's name ("Closed"
                                       # after the last one)
       "criteria": [{"text": "Business case approved", "required": true}],
       "documents": ["Business case"],         # required documents (evidence to attach)
       "decisions": ["Authorise the planning stage"],
       "approver_role": "Steering committee"}}
  ],
  "wbs": [                             # the starter WBS; codes are outline numbers ("1.2")
    {"name": "Initiation", "stage": "Initiation",   # each stage: exactly one top-level task
     "children": [
       {"name": "Business case", "duration_days": 10,
        "predecessors": ["1.1", {"wbs": "1.3", "type": "SS", "lag_days": 2}]},
       {"name": "Sign-off", "milestone": true}]}
  ],
  "milestones": [{"name": "Kick-off", "stage": "Initiation", "offset_days": 0}],
                                       # working days after the stage starts
  "iterations": {"stage": "Delivery", "name": "Sprint {n}", "length_days": 10,
                 "count": 6, "after": ["2.1"]},     # agile / hybrid: chained iterations
  "ceremonies": [{"name": "Sprint review {n}", "every_days": 10, "offset_days": 10,
                  "duration_minutes": 120}],        # recurring milestones over the
                                                    # iterations (working days from their start)
  "risks": [{"title": "Key staff unavailable", "category": "Resources", "probability": 3,
             "impact_schedule": 4, "impact_cost": 2, "impact_scope": 1, "impact_quality": 2,
             "response": "reduce", "response_plan": "..."}],
  "raci": [{"activity": "Business case", "responsible": "Project manager",
            "accountable": "Sponsor", "consulted": ["Finance"], "informed": ["Steering committee"]}]
}
```
Durations and offsets are working days of the project's calendar. Every stage with a gate gets
a gate milestone at its end (after the stage's last tasks, before the next stage's first ones).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pmo_desktop.errors import ValidationError
from pmo_desktop.models import LinkType, RiskResponse

SCHEMA_VERSION = 1
MAX_TASKS = 2000
MAX_OCCURRENCES = 100
_KEYS = {"schema", "stages", "wbs", "milestones", "iterations", "ceremonies", "risks", "raci"}


class TemplateError(ValidationError):
    """A template definition breaks the schema; the message lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("The template is not valid:\n" + "\n".join(f"• {p}" for p in problems))


@dataclass(frozen=True)
class Criterion:
    text: str
    required: bool = True


@dataclass(frozen=True)
class GateSpec:
    name: str
    next_phase: str
    criteria: tuple[Criterion, ...] = ()
    documents: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    approver_role: str = ""


@dataclass(frozen=True)
class StageSpec:
    name: str
    gate: GateSpec | None


@dataclass(frozen=True)
class LinkRef:
    """A link from the task with WBS code `wbs` (the predecessor)."""

    wbs: str
    type: LinkType = LinkType.FS
    lag_days: float = 0.0


@dataclass
class WbsItem:
    code: str
    name: str
    duration_days: float = 0.0
    milestone: bool = False
    stage: str = ""
    predecessors: list[LinkRef] = field(default_factory=list)
    children: list[WbsItem] = field(default_factory=list)

    def walk(self) -> Iterator[WbsItem]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class MilestoneSpec:
    name: str
    stage: str
    offset_days: float


@dataclass(frozen=True)
class IterationSpec:
    stage: str
    name: str
    length_days: float
    count: int
    after: tuple[str, ...] = ()

    def title(self, number: int) -> str:
        return self.name.replace("{n}", str(number))


@dataclass(frozen=True)
class CeremonySpec:
    name: str
    every_days: float
    offset_days: float = 0.0
    duration_minutes: int = 60

    def title(self, number: int) -> str:
        name = self.name if "{n}" in self.name else self.name + " {n}"
        return name.replace("{n}", str(number))


@dataclass(frozen=True)
class RiskSpec:
    title: str
    category: str = ""
    probability: int = 3
    impact_schedule: int = 1
    impact_cost: int = 1
    impact_scope: int = 1
    impact_quality: int = 1
    response: RiskResponse = RiskResponse.REDUCE
    response_plan: str = ""


@dataclass(frozen=True)
class RaciRow:
    activity: str
    responsible: str
    accountable: str
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()


@dataclass
class Definition:
    stages: list[StageSpec]
    wbs: list[WbsItem]
    milestones: list[MilestoneSpec] = field(default_factory=list)
    iterations: IterationSpec | None = None
    ceremonies: list[CeremonySpec] = field(default_factory=list)
    risks: list[RiskSpec] = field(default_factory=list)
    raci: list[RaciRow] = field(default_factory=list)

    def tasks(self) -> Iterator[WbsItem]:
        for item in self.wbs:
            yield from item.walk()

    def stage_item(self, stage: str) -> WbsItem:
        return next(item for item in self.wbs if item.stage == stage)


class _Reader:
    """Collects every problem instead of stopping at the first one."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def text(self, data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            self.fail(where, f"'{key}' must be text")
            return ""
        if required and not value.strip():
            self.fail(where, f"'{key}' is missing")
        return value.strip()

    def number(self, data: dict[str, Any], key: str, where: str, default: float,
               low: float, high: float) -> float:  # fmt: skip
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, f"'{key}' must be a number")
            return default
        if not low <= value <= high:
            self.fail(where, f"'{key}' must be between {low:g} and {high:g} (not {value:g})")
            return default
        return float(value)

    def flag(self, data: dict[str, Any], key: str, where: str, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.fail(where, f"'{key}' must be true or false")
            return default
        return value

    def objects(self, data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(where, f"'{key}' must be a list")
            return []
        good = []
        for index, entry in enumerate(value, 1):
            if isinstance(entry, dict):
                good.append(entry)
            else:
                self.fail(f"{where}{key} {index}", "must be an object")
        return good

    def texts(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
            self.fail(where, f"'{key}' must be a list of texts")
            return ()
        return tuple(entry.strip() for entry in value if entry.strip())


def _gate(reader: _Reader, data: Any, where: str, next_phase: str) -> GateSpec | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        reader.fail(where, "'gate' must be an object")
        return None
    criteria = []
    for index, entry in enumerate(reader.objects(data, "criteria", where + " "), 1):
        spot = f"{where} criterion {index}"
        criteria.append(Criterion(reader.text(entry, "text", spot),
                                  reader.flag(entry, "required", spot, True)))  # fmt: skip
    return GateSpec(
        name=reader.text(data, "name", where),
        next_phase=reader.text(data, "next_phase", where, required=False) or next_phase,
        criteria=tuple(criteria),
        documents=reader.texts(data, "documents", where),
        decisions=reader.texts(data, "decisions", where),
        approver_role=reader.text(data, "approver_role", where, required=False),
    )


def _links(reader: _Reader, data: dict[str, Any], where: str) -> list[LinkRef]:
    value = data.get("predecessors", [])
    if not isinstance(value, list):
        reader.fail(where, "'predecessors' must be a list")
        return []
    links = []
    for entry in value:
        if isinstance(entry, str):
            links.append(LinkRef(entry.strip()))
        elif isinstance(entry, dict) and isinstance(entry.get("wbs"), str):
            kind = str(entry.get("type", "FS")).upper()
            if kind not in LinkType.__members__:
                reader.fail(where, f"link type '{kind}' is not FS, SS, FF or SF")
                kind = "FS"
            lag = reader.number(entry, "lag_days", where, 0.0, -1000, 1000)
            links.append(LinkRef(entry["wbs"].strip(), LinkType(kind), lag))
        else:
            reader.fail(where, 'a predecessor is a WBS code or {"wbs": code, "type", "lag_days"}')
    return links


def _wbs(reader: _Reader, entries: list[dict[str, Any]], prefix: str) -> list[WbsItem]:
    items = []
    for index, entry in enumerate(entries, 1):
        code = f"{prefix}{index}"
        where = f"WBS {code}"
        milestone = reader.flag(entry, "milestone", where, False)
        children = _wbs(reader, reader.objects(entry, "children", where + " "), code + ".")
        known = len(reader.problems)
        duration = reader.number(entry, "duration_days", where, 0.0, 0, 10000)
        if not milestone and not children and duration <= 0 and len(reader.problems) == known:
            reader.fail(where, "a task needs 'duration_days' above 0 (or \"milestone\": true)")
        items.append(WbsItem(
            code=code, name=reader.text(entry, "name", where), duration_days=duration,
            milestone=milestone and not children,
            stage=reader.text(entry, "stage", where, required=False) if not prefix else "",
            predecessors=_links(reader, entry, where), children=children,
        ))  # fmt: skip
    return items


def parse_definition(data: Any) -> Definition:
    """The definition as typed parts; TemplateError lists every problem found."""
    reader = _Reader()
    if not isinstance(data, dict):
        raise TemplateError(["the definition must be a JSON object"])
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        reader.fail("definition", "unknown keys " + ", ".join(unknown))
    if data.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        reader.fail("definition", f"'schema' must be {SCHEMA_VERSION}")
    stage_data = reader.objects(data, "stages", "")
    if not stage_data:
        reader.fail("stages", "a template needs at least one stage")
    names = [reader.text(entry, "name", f"Stage {i}") for i, entry in enumerate(stage_data, 1)]
    stages = []
    for index, entry in enumerate(stage_data):
        following = names[index + 1] if index + 1 < len(names) else "Closed"
        gate = _gate(reader, entry.get("gate"), f"Stage '{names[index]}' gate", following)
        stages.append(StageSpec(names[index], gate))
    if len(set(names)) != len(names):
        reader.fail("stages", "two stages have the same name")
    definition = Definition(stages, _wbs(reader, reader.objects(data, "wbs", ""), ""))
    _check_wbs(reader, definition, names)
    for index, entry in enumerate(reader.objects(data, "milestones", ""), 1):
        where = f"Milestone {index}"
        milestone = MilestoneSpec(
            reader.text(entry, "name", where),
            reader.text(entry, "stage", where),
            reader.number(entry, "offset_days", where, 0.0, 0, 10000),
        )
        if milestone.stage and milestone.stage not in names:
            reader.fail(where, f"stage '{milestone.stage}' is not one of the stages")
        definition.milestones.append(milestone)
    definition.iterations = _iterations(reader, data.get("iterations"), names, definition)
    for index, entry in enumerate(reader.objects(data, "ceremonies", ""), 1):
        where = f"Ceremony {index}"
        ceremony = CeremonySpec(
            reader.text(entry, "name", where),
            reader.number(entry, "every_days", where, 10, 1, 1000),
            reader.number(entry, "offset_days", where, 0, 0, 10000),
            int(reader.number(entry, "duration_minutes", where, 60, 0, 1440)),
        )  # fmt: skip
        if definition.iterations is None:
            reader.fail(where, "ceremonies recur over the iterations: define 'iterations'")
        elif _occurrences(ceremony, definition.iterations) > MAX_OCCURRENCES:
            reader.fail(where, f"more than {MAX_OCCURRENCES} occurrences: make it less frequent")
        definition.ceremonies.append(ceremony)
    risks = reader.objects(data, "risks", "")
    definition.risks = [_risk(reader, entry, f"Risk {i}") for i, entry in enumerate(risks, 1)]
    for index, entry in enumerate(reader.objects(data, "raci", ""), 1):
        where = f"RACI {index}"
        definition.raci.append(RaciRow(
            reader.text(entry, "activity", where), reader.text(entry, "responsible", where),
            reader.text(entry, "accountable", where), reader.texts(entry, "consulted", where),
            reader.texts(entry, "informed", where),
        ))  # fmt: skip
    if reader.problems:
        raise TemplateError(reader.problems)
    return definition


def _check_wbs(reader: _Reader, definition: Definition, stages: list[str]) -> None:
    codes = {item.code for item in definition.tasks()}
    if len(codes) > MAX_TASKS:
        reader.fail("wbs", f"more than {MAX_TASKS} tasks")
    for item in definition.tasks():
        for link in item.predecessors:
            if link.wbs not in codes:
                reader.fail(f"WBS {item.code}", f"predecessor '{link.wbs}' is not a WBS code")
            elif (
                link.wbs == item.code
                or item.code.startswith(link.wbs + ".")
                or (link.wbs.startswith(item.code + "."))
            ):
                reader.fail(
                    f"WBS {item.code}",
                    f"cannot be linked to its own summary or subtask '{link.wbs}'",
                )
    for item in definition.wbs:
        if item.stage and item.stage not in stages:
            reader.fail(f"WBS {item.code}", f"stage '{item.stage}' is not one of the stages")
        if item.stage and not item.children:
            reader.fail(f"WBS {item.code}", "a stage's top-level task needs subtasks")
    for stage in stages:
        count = sum(1 for item in definition.wbs if item.stage == stage)
        if count != 1:
            reader.fail(f"Stage '{stage}'", f"needs exactly one top-level WBS task with \"stage\": "
                        f"\"{stage}\" (found {count})")  # fmt: skip


def _iterations(reader: _Reader, data: Any, stages: list[str],
                definition: Definition) -> IterationSpec | None:  # fmt: skip
    if data is None:
        return None
    if not isinstance(data, dict):
        reader.fail("iterations", "must be an object")
        return None
    spec = IterationSpec(
        stage=reader.text(data, "stage", "iterations"),
        name=reader.text(data, "name", "iterations", required=False) or "Iteration {n}",
        length_days=reader.number(data, "length_days", "iterations", 10, 1, 200),
        count=int(reader.number(data, "count", "iterations", 1, 1, MAX_OCCURRENCES)),
        after=reader.texts(data, "after", "iterations"),
    )
    if spec.stage and spec.stage not in stages:
        reader.fail("iterations", f"stage '{spec.stage}' is not one of the stages")
    codes = {item.code for item in definition.tasks()}
    for code in spec.after:
        if code not in codes:
            reader.fail("iterations", f"'after' names '{code}', which is not a WBS code")
    return spec


def _occurrences(ceremony: CeremonySpec, iterations: IterationSpec) -> int:
    return len(ceremony_offsets(ceremony, iterations))


def ceremony_offsets(ceremony: CeremonySpec, iterations: IterationSpec) -> list[float]:
    """Working days after the first iteration starts at which the ceremony takes place.

    An occurrence at the very end of the iterations counts only for an offset above zero
    (a review closes the last sprint; a planning does not open a sprint that never comes).
    """
    span = iterations.length_days * iterations.count
    offsets = []
    at = ceremony.offset_days
    while at < span or (at == span and ceremony.offset_days > 0):
        offsets.append(at)
        at += ceremony.every_days
    return offsets


def _risk(reader: _Reader, data: dict[str, Any], where: str) -> RiskSpec:
    def scale(key: str, default: int) -> int:
        return int(reader.number(data, key, where, default, 1, 5))

    response = str(data.get("response", "reduce")).lower()
    if response not in {member.value for member in RiskResponse}:
        reader.fail(where, f"response '{response}' is not one of "
                    + ", ".join(member.value for member in RiskResponse))  # fmt: skip
        response = "reduce"
    return RiskSpec(
        title=reader.text(data, "title", where), category=reader.text(data, "category", where,
                                                                      required=False),
        probability=scale("probability", 3), impact_schedule=scale("impact_schedule", 1),
        impact_cost=scale("impact_cost", 1), impact_scope=scale("impact_scope", 1),
        impact_quality=scale("impact_quality", 1), response=RiskResponse(response),
        response_plan=reader.text(data, "response_plan", where, required=False),
    )  # fmt: skip
