"""The edges of the CPM network (links expanded to graph nodes), in flat columns, and the
topological order of the nodes (cpm_graph.py builds the network on them).

Edge `e` runs from node edge_source[e] to edge_target[e], with its link's type and lag
(a percent lag in minutes), whether that lag is elapsed time, its LinkSpec, and whether
the backward pass takes its general path for it (`slow`: an elapsed lag, or progress on
either end: Microsoft Project treats links to started or finished tasks apart). A link to
a summary has an edge to every task under it. edges_in and edges_out list each node's
edges in the order of the links (a node without any: one shared empty tuple); a removed
edge keeps its place in the columns. Integer columns instead of an object per edge: the
passes read an edge with a few list look-ups, and a portfolio's 75,000 edges are neither
made one by one nor freed as objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress
from operator import add, or_
from typing import Any

from pmo_desktop.scheduling.model import LinkSpec, TaskSpec, percent_lag

__all__ = ["CycleError", "Edges", "SchedulingError"]


class SchedulingError(ValueError):
    """The plan cannot be scheduled as given (a loop of links, an unknown task)."""


class CycleError(SchedulingError):
    """Links form a loop; `tasks` names the tasks in it, in order."""

    def __init__(self, tasks: Sequence[TaskSpec]) -> None:
        self.task_ids = [task.id for task in tasks]
        names = " → ".join(f"{task.name or task.id}" for task in [*tasks, tasks[0]])
        super().__init__(f"These tasks are linked in a loop: {names}.")


class Edges:
    """The edges and order of a Graph (a mixin: the nodes are the Graph's)."""

    tasks: list[TaskSpec]
    index: dict[int, int]
    numbers: list[int]
    children: list[Sequence[int]]
    parent_of: list[int | None]
    is_summary: list[bool]
    summaries: list[int]
    duration: list[int]
    simple: list[bool]
    started: list[bool]
    done: list[bool]
    progress_nodes: set[int]
    #: The edge columns and each node's edges (see the module's docstring).
    edge_source: list[int]
    edge_target: list[int]
    edge_type: list[str]
    edge_lag: list[int]
    edge_elapsed: list[bool]
    edge_link: list[LinkSpec]
    edge_slow: list[bool]
    edges_in: list[list[int]]
    edges_out: list[list[int]]
    #: Per node: whether both passes take their fast path (see `_quick_flags`).
    quick: list[bool]
    order: list[int]
    summary_order: list[int]

    def reorder(self) -> None:
        """The topological order (again, after a link was added against it), and the
        summaries in that order."""
        self.order = self._kahn_order()
        summary = self.is_summary
        self.summary_order = [node for node in self.order if summary[node]]

    def _outline(self, summaries: list[int]) -> bool:
        """Whether no link leaves a summary and each summary lies below its own summary in
        the plan (as a plan's outline lists them)."""
        edges_out, parent_of = self.edges_out, self.parent_of
        if any(map(edges_out.__getitem__, summaries)):
            return False
        parents = zip(map(parent_of.__getitem__, summaries), summaries, strict=True)
        return all(parent is None or parent < node for parent, node in parents)

    def mark_slow(self, node: int) -> None:
        """Recompute the `slow` flag of every edge touching `node`."""
        slow, sources = self.edge_slow, self.edge_source
        for edge in self.edges_in[node]:
            slow[edge] = self._is_slow(edge)
        for edge in self.edges_out[node]:
            slow[edge] = self._is_slow(edge)
        self.refresh_quick([node, *map(sources.__getitem__, self.edges_in[node])])

    def _is_slow(self, edge: int) -> bool:
        started, done = self.started, self.done
        source, target = self.edge_source[edge], self.edge_target[edge]
        return (
            self.edge_elapsed[edge]
            or started[source]
            or started[target]
            or done[source]
            or done[target]
        )

    def _quick_flags(self, summaries: list[int]) -> list[bool]:
        """Per node, whether both passes may take their fast path: a task on the project
        calendar with no constraint or progress, no elapsed lag in, no slow edge out
        (milestones take the forward pass's general path all the same). Its links' bounds
        are then plain integer arithmetic."""
        quick = self.simple[:]
        for node in summaries:
            quick[node] = False
        targets, sources, edges = self.edge_target, self.edge_source, range(len(self.edge_slow))
        # (Few plans have any: `any` reads the flags without making an int per edge.)
        if any(self.edge_elapsed):
            for edge in compress(edges, self.edge_elapsed):
                quick[targets[edge]] = False
        if any(self.edge_slow):
            for edge in compress(edges, self.edge_slow):
                quick[sources[edge]] = False
        return quick

    def refresh_quick(self, nodes: Iterable[int]) -> None:
        """`_quick_flags` again for `nodes`, after an edit of their task or edges."""
        simple, summary, quick = self.simple, self.is_summary, self.quick
        elapsed, slow = self.edge_elapsed, self.edge_slow
        for node in nodes:
            quick[node] = (
                simple[node]
                and not summary[node]
                and not any(map(elapsed.__getitem__, self.edges_in[node]))
                and not any(map(slow.__getitem__, self.edges_out[node]))
            )

    def leaves(self, node: int) -> list[int]:
        if not self.is_summary[node]:
            return [node]
        leaves: list[int] = []
        stack = [node]
        while stack:
            current = stack.pop()
            if self.is_summary[current]:
                stack.extend(self.children[current])
            else:
                leaves.append(current)
        return leaves

    def link_lag(self, link: LinkSpec, source: int) -> int:
        if link.lag_unit == "percent":
            return percent_lag(self.tasks[source].duration, link.lag)
        return link.lag

    def _add_all_edges(self, links: Sequence[LinkSpec]) -> bool:
        """The edges of every link, a column at a time (a portfolio has 75,000 links);
        whether every edge runs forward in the plan's order of tasks."""
        index, tasks = self.index, self.tasks
        try:
            sources = [index[link.predecessor] for link in links]
            targets = [index[link.successor] for link in links]
        except KeyError:
            for link in links:
                if link.predecessor not in index or link.successor not in index:
                    raise SchedulingError(
                        f"The link {link.predecessor} → {link.successor} names an unknown task."
                    ) from None
            raise
        lags = [link.lag for link in links]
        units = [link.lag_unit for link in links]
        elapsed = [False] * len(units)
        if units.count("working") != len(units):
            for at, unit in enumerate(units):
                if unit == "percent":
                    lags[at] = percent_lag(tasks[sources[at]].duration, lags[at])
                elif unit == "elapsed":
                    elapsed[at] = True
        types, kept = [link.type for link in links], list(links)
        forward = self._edge_columns(sources, targets, types, lags, elapsed, kept)
        if any(map(self.edges_in.__getitem__, self.summaries)):
            # Links to summaries (few plans have any): an edge to every task under them.
            columns: tuple[list[Any], ...] = ([], [], [], [], [], [])
            rows = zip(sources, targets, types, lags, elapsed, kept, strict=True)
            for source, target, *rest in rows:
                for leaf in self.leaves(target):
                    for column, value in zip(columns, (source, leaf, *rest), strict=True):
                        column.append(value)
            forward = self._edge_columns(*columns)
        return forward

    def _edge_columns(
        self,
        sources: list[int],
        targets: list[int],
        types: list[str],
        lags: list[int],
        elapsed: list[bool],
        kept: list[LinkSpec],
    ) -> bool:
        """Keep the edges' columns and list each node's edges (see `_add_all_edges`)."""
        self.edge_source, self.edge_target, self.edge_type = sources, targets, types
        self.edge_lag, self.edge_elapsed, self.edge_link = lags, elapsed, kept
        self.edge_slow = elapsed[:]
        if self.progress_nodes:
            tracked = list(map(or_, self.started, self.done))
            ends = zip(elapsed, sources, targets, strict=True)
            self.edge_slow = [slow or tracked[source] or tracked[target]
                              for slow, source, target in ends]  # fmt: skip
        count = len(self.tasks)
        edges_in: list[list[int]] = [()] * count  # type: ignore[list-item]
        edges_out: list[list[int]] = [()] * count  # type: ignore[list-item]
        forward = True
        numbers = self.numbers
        if len(numbers) < len(sources):  # links to summaries: more edges than links
            numbers = self.numbers = numbers + list(range(len(numbers), len(sources)))
        for edge, source, target in zip(numbers, sources, targets, strict=False):
            if source >= target:
                forward = False
            found = edges_out[source]
            if found:
                found.append(edge)
            else:
                edges_out[source] = [edge]
            found = edges_in[target]
            if found:
                found.append(edge)
            else:
                edges_in[target] = [edge]
        self.edges_in, self.edges_out = edges_in, edges_out
        return forward

    def add_edges(self, link: LinkSpec) -> list[int]:
        """Expand one link to edges (to every task under a summary successor)."""
        source = self.index.get(link.predecessor)
        target = self.index.get(link.successor)
        if source is None or target is None:
            raise SchedulingError(
                f"The link {link.predecessor} → {link.successor} names an unknown task."
            )
        lag = self.link_lag(link, source)
        elapsed = link.lag_unit == "elapsed"
        made = []
        for leaf in self.leaves(target):
            edge = len(self.edge_source)
            for column, value in (
                (self.edge_source, source),
                (self.edge_target, leaf),
                (self.edge_type, link.type),
                (self.edge_lag, lag),
                (self.edge_elapsed, elapsed),
                (self.edge_link, link),
                (self.edge_slow, False),
            ):
                column.append(value)  # type: ignore[attr-defined]
            self.edge_slow[edge] = self._is_slow(edge)
            for edges, node in ((self.edges_out, source), (self.edges_in, leaf)):
                if edges[node]:
                    edges[node].append(edge)
                else:
                    edges[node] = [edge]
            made.append(edge)
        self.refresh_quick([source, *map(self.edge_target.__getitem__, made)])
        return made

    def remove_edges(self, link: LinkSpec) -> list[int]:
        """Take out the edges of the first stored link equal to `link`; they are returned."""
        source = self.index.get(link.predecessor)
        if source is None:
            return []
        links = self.edge_link
        found = next((links[edge] for edge in self.edges_out[source] if links[edge] == link), None)
        if found is None:
            return []
        removed = [edge for edge in self.edges_out[source] if links[edge] is found]
        self.edges_out[source] = [e for e in self.edges_out[source] if links[e] is not found]
        targets = self.edge_target
        for edge in removed:
            target = targets[edge]
            self.edges_in[target] = [e for e in self.edges_in[target] if e != edge]
        self.refresh_quick([source, *map(targets.__getitem__, removed)])
        return removed

    def _kahn_order(self) -> list[int]:
        count = len(self.tasks)
        parent_of, edges_out, targets = self.parent_of, self.edges_out, self.edge_target
        indegree = list(map(add, map(len, self.edges_in), map(len, self.children)))
        # Breadth first: the list grows while it is read, as a queue would.
        order = [node for node, degree in enumerate(indegree) if not degree]
        append = order.append
        for node in order:
            for edge in edges_out[node]:
                target = targets[edge]
                degree = indegree[target] - 1
                indegree[target] = degree
                if not degree:
                    append(target)
            parent = parent_of[node]
            if parent is not None:
                degree = indegree[parent] - 1
                indegree[parent] = degree
                if not degree:
                    append(parent)
        if len(order) != count:
            raise CycleError([self.tasks[i] for i in self._find_cycle(indegree)])
        return order

    def _find_cycle(self, indegree: list[int]) -> list[int]:
        """Walk back along unresolved edges until a node repeats: that is the loop."""
        remaining = {i for i, degree in enumerate(indegree) if degree > 0}
        sources = self.edge_source
        node = min(remaining)
        seen: dict[int, int] = {}
        path: list[int] = []
        while node not in seen:
            seen[node] = len(path)
            path.append(node)
            before = [sources[edge] for edge in self.edges_in[node] if sources[edge] in remaining]
            before += [child for child in self.children[node] if child in remaining]
            node = min(before)
        return list(reversed(path[seen[node] :]))

    def predecessors(self, node: int, slow_only: bool = False) -> set[int]:
        """The nodes with an edge into `node` (across a slow edge only, if asked)."""
        edges = self.edges_in[node]
        if slow_only:
            edges = list(compress(edges, map(self.edge_slow.__getitem__, edges)))
        return set(map(self.edge_source.__getitem__, edges))

    def successors(self, node: int) -> set[int]:
        return set(map(self.edge_target.__getitem__, self.edges_out[node]))
