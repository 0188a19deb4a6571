"""WBS trees of waterfall, agile and hybrid projects, with their driving links.

The builder creates exactly the requested number of tasks in WBS (depth-first) order; every
link goes from an earlier task to a later one, so the order is a topological order and the
forward pass is one loop. Durations are working days; milestones have 0.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from pmo_desktop.services.demo import vocabulary
from pmo_desktop.services.demo.texts import Lang, tr

#: Working days of a sprint (two weeks); the large demo may stretch them to fit its spans.
ITERATION_DAYS = 10
#: Share of a waterfall project's span taken by each of the seven stages.
STAGE_SPAN = (0.05, 0.08, 0.17, 0.33, 0.17, 0.12, 0.08)
#: Share of the tasks given to the fixed-content stages (capped by their task lists).
FIXED_SHARE = {0: 0.05, 1: 0.06, 5: 0.07, 6: 0.04}
#: Share of a hybrid project's span in each phase, the iterative build taking the rest.
HYBRID_SPAN = (0.07, 0.16, 0.0, 0.14, 0.08)
_FAR = 1 << 40
#: Sequences of ``SPRINT_TASKS`` (by index) a feature goes through in one sprint.
SPRINT_LANES: tuple[tuple[int, ...], ...] = ((1, 2, 4), (2, 3, 4), (5, 4), (2, 4), (0,), (2,))


@dataclass(slots=True)
class PlanTask:
    """A task of a project plan: WBS place, kind, planned working days and role."""

    name: str
    parent: int
    level: int
    position: int
    wbs: str
    summary: bool = False
    milestone: bool = False
    days: int = 0
    role: str = ""
    in_sprint: bool = False


@dataclass(slots=True)
class PlanLink:
    """A dependency between two tasks; ``lag`` in minutes (working or elapsed)."""

    pred: int
    succ: int
    type: str = "FS"
    lag: int = 0
    unit: str = "working"


@dataclass
class ProjectPlan:
    """A project's WBS and links, in topological (WBS) order."""

    tasks: list[PlanTask] = field(default_factory=list)
    links: list[PlanLink] = field(default_factory=list)


def partition(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split ``total`` working days into ``parts`` durations of at least one day."""
    if parts <= 0:
        return []
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    sizes = [max(1, round(w * scale)) for w in weights]
    sizes[-1] = max(1, sizes[-1] + total - sum(sizes))
    return sizes


def spread(rng: random.Random, total: int, parts: int, minimum: int = 1) -> list[int]:
    """Split ``total`` items into ``parts`` near-equal counts of at least ``minimum``."""
    base, extra = divmod(total, parts)
    counts = [base] * parts
    for index in sorted(rng.sample(range(parts), extra)):
        counts[index] += 1
    if min(counts) < minimum:
        raise ValueError(f"cannot split {total} into {parts} parts of at least {minimum}")
    return counts


class _Builder:
    """Appends tasks in WBS order and links between them."""

    def __init__(self, rng: random.Random, lang: Lang, items: list[str]) -> None:
        self.rng = rng
        self.lang = lang
        self.items = items
        self.plan = ProjectPlan()
        self._children: list[int] = []
        self._top = 0
        self._item_cursor = 0

    def add(
        self,
        name: str,
        parent: int,
        *,
        summary: bool = False,
        milestone: bool = False,
        days: int = 0,
        role: str = "",
    ) -> int:
        """Append a task as the last child of ``parent`` (-1: top level)."""
        if parent < 0:
            self._top += 1
            position, wbs, level = self._top, str(self._top), 1
        else:
            self._children[parent] += 1
            position = self._children[parent]
            owner = self.plan.tasks[parent]
            wbs, level = f"{owner.wbs}.{position}", owner.level + 1
        self.plan.tasks.append(
            PlanTask(name, parent, level, position, wbs, summary, milestone, days, role)
        )
        self._children.append(0)
        return len(self.plan.tasks) - 1

    def link(self, pred: int, succ: int, kind: str = "FS", lag_days: int = 0) -> None:
        """A driving link with a lag in whole working days."""
        self.plan.links.append(PlanLink(pred, succ, kind, lag_days * 480))

    def next_feature(self) -> str:
        """The next scope item worked on in a sprint, cycling through the backlog."""
        item = self.items[self._item_cursor % len(self.items)]
        self._item_cursor += 1
        return item

    def chain(self, lane: list[int], entry: int | None, varied: bool) -> list[int]:
        """Link a lane of tasks in sequence from ``entry``; return the tasks a gate must follow.

        Varied lanes get some leads, lags, SS and FF links; a task whose finish is not
        pushed past by its successor (SS) stays an open end that the gate must wait for.
        """
        tasks = self.plan.tasks
        ends: list[int] = []
        previous: int | None = None
        for task in lane:
            if previous is None:
                if entry is not None:
                    lag = self.rng.randint(1, 2) if varied and self.rng.random() < 0.1 else 0
                    self.link(entry, task, "FS", lag)
            else:
                pred_days, succ_days = tasks[previous].days, tasks[task].days
                draw = self.rng.random() if varied else 1.0
                if draw < 0.08 and pred_days >= 3 and succ_days >= 2:
                    self.link(previous, task, "FS", -self.rng.randint(1, min(2, succ_days - 1)))
                elif draw < 0.15:
                    self.link(previous, task, "FS", self.rng.randint(1, 3))
                elif draw < 0.20 and pred_days >= 2:
                    self.link(previous, task, "SS", self.rng.randint(1, pred_days - 1))
                    ends.append(previous)
                elif draw < 0.24 and entry is not None:
                    self.link(previous, task, "FF", 0)
                    self.link(entry, task, "FS", 0)
                else:
                    self.link(previous, task, "FS", 0)
            previous = task
        if previous is not None:
            ends.append(previous)
        return ends

    def gate(self, name: str, parent: int, ends: list[int]) -> int:
        """A milestone after every open end."""
        milestone = self.add(name, parent, milestone=True)
        for end in ends:
            self.link(end, milestone)
        return milestone

    def fixed_stage(
        self, stage: int, parent: int, count: int, length: int, entry: int | None
    ) -> list[int]:
        """Tasks of a stage with a fixed task list, in one or two parallel lanes."""
        pool = vocabulary.FIXED_TASKS[stage]
        lanes = 1 if count <= 3 else 2
        sizes = spread(self.rng, count, lanes)
        ends: list[int] = []
        index = 0
        for lane_number, size in enumerate(sizes):
            lane_length = length if lane_number == 0 else max(1, round(length * 0.8))
            lane: list[int] = []
            for days in partition(self.rng, lane_length, size):
                name, role = pool[index % len(pool)]
                lane.append(self.add(tr(name, self.lang), parent, days=days, role=role))
                index += 1
            ends += self.chain(lane, entry, varied=True)
        return ends

    def item_stage(
        self, stage: int, parent: int, budget: int, length: int, entry: int | None
    ) -> list[int]:
        """Tasks of a stage broken down in work packages per scope item, run in parallel."""
        verbs = vocabulary.ITEM_TASKS[stage]
        if budget < 4:
            lane = []
            for index, days in enumerate(partition(self.rng, length, budget)):
                verb, role = verbs[index % len(verbs)]
                lane.append(self.add(tr(verb, self.lang), parent, days=days, role=role))
            return self.chain(lane, entry, varied=True)
        packages = max(1, math.ceil(budget / (len(verbs) + 1)))
        ends: list[int] = []
        for number, size in enumerate(spread(self.rng, budget - packages, packages)):
            item = self._numbered(self.items, number)
            package = self.add(item, parent, summary=True)
            lane_length = length if number == 0 else round(length * self.rng.uniform(0.6, 1))
            lane = []
            for index, days in enumerate(partition(self.rng, max(1, lane_length), size)):
                verb, role = verbs[index % len(verbs)]
                verb_name = self._numbered([tr(v, self.lang) for v, _ in verbs], index)
                name = f"{verb_name}{vocabulary.SEPARATOR}{item}"
                lane.append(self.add(name, package, days=days, role=role))
            ends += self.chain(lane, entry, varied=True)
        return ends

    def _numbered(self, names: list[str], index: int) -> str:
        """The name at ``index`` of a cycled list, with the part number once it wraps round."""
        name = names[index % len(names)]
        if index < len(names):
            return name
        return f"{name} ({tr(vocabulary.PART, self.lang).format(n=index // len(names) + 1)})"

    def sprint(self, number: int, parent: int, leaves: int, length: int, entry: int | None) -> int:
        """A sprint summary with feature lanes filling its length, closed by its review."""
        summary = self.add(tr(vocabulary.SPRINT, self.lang).format(n=number), parent, summary=True)
        lanes = spread(self.rng, leaves, math.ceil(leaves / 3))
        ends: list[int] = []
        for lane_number, size in enumerate(lanes):
            feature = self.next_feature()
            templates = [t for t in SPRINT_LANES if len(t) == size] or [SPRINT_LANES[0]]
            template = self.rng.choice(templates)
            lane_length = length if lane_number == 0 else self.rng.randint(length // 2, length)
            lane: list[int] = []
            for index, days in enumerate(partition(self.rng, lane_length, size)):
                verb, role = vocabulary.SPRINT_TASKS[template[index % len(template)]]
                name = f"{tr(verb, self.lang)}{vocabulary.SEPARATOR}{feature}"
                lane.append(self.add(name, summary, days=days, role=role))
                self.plan.tasks[-1].in_sprint = True
            ends += self.chain(lane, entry, varied=False)
        review = tr(vocabulary.SPRINT_REVIEW, self.lang).format(n=number)
        return self.gate(review, summary, ends)

    def sprints(
        self, parent: int, counts: list[int], length: int, entry: int | None, first: int
    ) -> int | None:
        """Consecutive sprints under ``parent``; returns the last review."""
        for offset, leaves in enumerate(counts):
            entry = self.sprint(first + offset, parent, leaves, length, entry)
        return entry


def _sprint_plan(
    n: int, span: int, iteration: int, flexible: bool, releases: bool
) -> tuple[int, int]:
    """How many sprints ``n`` tasks allow (two per sprint plus their work) and their length.

    With ``flexible``, fewer sprints than the span needs get longer (3 or 4 weeks) so that
    the project still lasts ``span`` working days.
    """
    wanted = max(2, round(span / iteration))
    per_sprint = 3 if flexible else 4
    sprints = wanted
    while (
        sprints > 2 and n - (_release_overhead(sprints) if releases else 0) < per_sprint * sprints
    ):
        sprints -= 1
    if flexible and sprints < wanted:
        iteration = max(10, math.ceil(span / sprints / 5) * 5)
    return sprints, iteration


def _release_overhead(sprints: int) -> int:
    """Tasks taken by releases: a summary and a go-live milestone each."""
    return 2 * max(1, round(sprints / 5))


def build_waterfall(b: _Builder, n: int, span: int) -> None:
    """Seven gated stages; Design, Build and Test broken down per scope item."""
    available = n - 14
    fixed = {
        s: max(2, min(len(vocabulary.FIXED_TASKS[s]), round(available * share)))
        for s, share in FIXED_SHARE.items()
    }
    rest = available - sum(fixed.values())
    design, test = max(2, round(rest * 0.3)), max(2, round(rest * 0.25))
    budgets = {**fixed, 2: design, 3: rest - design - test, 4: test}
    entry: int | None = None
    for stage in range(7):
        summary = b.add(tr(vocabulary.STAGES[stage], b.lang), -1, summary=True)
        length = max(1, round(span * STAGE_SPAN[stage]))
        if stage in vocabulary.FIXED_TASKS:
            ends = b.fixed_stage(stage, summary, budgets[stage], length, entry)
        else:
            ends = b.item_stage(stage, summary, budgets[stage], length, entry)
        entry = b.gate(tr(vocabulary.GATES[stage], b.lang), summary, ends)


def build_agile(b: _Builder, n: int, span: int, iteration: int, flexible: bool) -> None:
    """Releases of two-week sprints, each release ending with its go-live milestone."""
    sprints, iteration = _sprint_plan(n, span, iteration, flexible, releases=True)
    releases = _release_overhead(sprints) // 2
    leaves = spread(b.rng, n - 2 * releases - 2 * sprints, sprints)
    per_release = spread(b.rng, sprints, releases)
    entry: int | None = None
    first = 0
    for release, count in enumerate(per_release, start=1):
        label = vocabulary.RELEASE_FIRST if release == 1 else vocabulary.RELEASE
        summary = b.add(tr(label, b.lang).format(n=release), -1, summary=True)
        entry = b.sprints(summary, leaves[first : first + count], iteration, entry, first + 1)
        assert entry is not None
        live = b.add(tr(vocabulary.RELEASE_LIVE, b.lang).format(n=release), summary, milestone=True)
        b.link(entry, live, "FS", b.rng.choice((0, 0, 2, 3)))
        first += count


def build_hybrid(b: _Builder, n: int, span: int, iteration: int, flexible: bool) -> None:
    """Gated phases; the build phase is a run of sprints."""
    fixed = {s: max(2, min(len(vocabulary.FIXED_TASKS[s]), round(n * 0.05))) for s in (0, 5, 6)}
    design = max(4, round(n * 0.12))
    build = n - 10 - sum(fixed.values()) - design
    build_span = round(span * (1 - sum(HYBRID_SPAN)))
    sprints, iteration = _sprint_plan(build, build_span, iteration, flexible, releases=False)
    leaves = spread(b.rng, build - 2 * sprints, sprints)
    entry: int | None = None
    for phase, stage in enumerate(vocabulary.HYBRID_STAGE_INDEX):
        summary = b.add(tr(vocabulary.HYBRID_PHASES[phase], b.lang), -1, summary=True)
        length = max(1, round(span * HYBRID_SPAN[phase]))
        if stage == 3:
            last_review = b.sprints(summary, leaves, iteration, entry, 1)
            ends = [last_review] if last_review is not None else []
        elif stage in vocabulary.FIXED_TASKS:
            ends = b.fixed_stage(stage, summary, fixed[stage], length, entry)
        else:
            ends = b.item_stage(stage, summary, design, length, entry)
        entry = b.gate(tr(vocabulary.GATES[stage], b.lang), summary, ends)


def build_plan(
    rng: random.Random,
    *,
    method: str,
    lang: Lang,
    tasks: int,
    span_days: int,
    items: list[str],
    flexible_iterations: bool = False,
) -> ProjectPlan:
    """A project's WBS of exactly ``tasks`` tasks meant to last about ``span_days``."""
    builder = _Builder(rng, lang, items)
    if method == "agile":
        build_agile(builder, tasks, span_days, ITERATION_DAYS, flexible_iterations)
    elif method == "hybrid":
        build_hybrid(builder, tasks, span_days, ITERATION_DAYS, flexible_iterations)
    else:
        build_waterfall(builder, tasks, span_days)
    plan = builder.plan
    if len(plan.tasks) != tasks:
        raise AssertionError(f"built {len(plan.tasks)} tasks instead of {tasks}")
    return plan


def forward_pass(plan: ProjectPlan, days: list[int], start: int) -> tuple[list[int], list[int]]:
    """Early start and finish points of every task from the project start and the links.

    Only working-time lags of whole days occur in driving links, so this is integer
    arithmetic on points; summaries take the span of their children.
    """
    count = len(plan.tasks)
    preds: list[list[PlanLink]] = [[] for _ in range(count)]
    for link in plan.links:
        preds[link.succ].append(link)
    starts = [0] * count
    finishes = [0] * count
    for index, task in enumerate(plan.tasks):
        if task.summary:
            continue
        duration = days[index]
        early = start
        for link in preds[index]:
            lag = link.lag // 480
            if link.type == "FS":
                bound = finishes[link.pred] + lag
            elif link.type == "SS":
                bound = starts[link.pred] + lag
            elif link.type == "FF":
                bound = finishes[link.pred] + lag - duration
            else:
                bound = starts[link.pred] + lag - duration
            early = max(early, bound)
        starts[index] = early
        finishes[index] = early + duration
    for index, task in enumerate(plan.tasks):
        if task.summary:
            starts[index], finishes[index] = _FAR, -_FAR
    for index, task in enumerate(plan.tasks):
        if task.summary:
            continue
        parent = task.parent
        while parent >= 0:
            starts[parent] = min(starts[parent], starts[index])
            finishes[parent] = max(finishes[parent], finishes[index])
            parent = plan.tasks[parent].parent
    return starts, finishes
