"""What a case scenario is: a situation, decision points whose choices lead on, and endings
with a debrief. The typed model every rendering (site, print worksheet, answer sheet) starts from."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

SECTORS = ("cleaning", "construction", "agriculture", "catering")
OUTCOMES = ("better", "mixed", "poor")


@dataclass(frozen=True)
class Choice:
    text: str
    consequence: str
    next: str


@dataclass(frozen=True)
class Step:
    id: str
    prompt: str
    choices: tuple[Choice, ...]
    exhibits: tuple[str, ...] = ()
    title: str = ""         # a short title, e.g. "New shift lists"
    number: int = 0         # its place in the file, from 1: stable, whatever path a learner takes

    @property
    def label(self) -> str:
        """The one label of this step in the player, on the worksheet and on the answer sheet."""
        return f"{self.number} · {self.title}"


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    outcome: str
    debrief: str
    indicators: tuple[str, ...]
    rules: str
    source: str = ""


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    sector: str
    situation: str
    start: str
    steps: tuple[Step, ...]
    endings: tuple[Ending, ...]
    exhibits: tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    field: str = ""

    def step(self, step_id: str) -> Step:
        return self._steps()[step_id]

    def ending(self, ending_id: str) -> Ending:
        return next(e for e in self.endings if e.id == ending_id)

    # The questions a checker, a test or a rendering asks of the step graph. Each is answered by a
    # graph walk without recursion, in time linear in the number of steps and choices: listing
    # every path instead doubles the work each time two choices lead to the same step.

    def next_ids(self, node: str) -> list[str]:
        """Where the choices of step ``node`` lead, in order (nothing for an ending)."""
        step = self._steps().get(node)
        return [c.next for c in step.choices] if step else []

    def _steps(self) -> dict[str, Step]:
        cache = self.__dict__.get("_step_index")
        if cache is None:
            cache = {s.id: s for s in self.steps}
            object.__setattr__(self, "_step_index", cache)
        return cache

    def reachable(self) -> set[str]:
        """Every step and ending some path from the start reaches."""
        seen, todo = {self.start}, [self.start]
        while todo:
            for nxt in self.next_ids(todo.pop()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    def endings_reachable(self) -> set[str]:
        ending_ids = {e.id for e in self.endings}
        return self.reachable() & ending_ids

    def find_loop(self) -> list[str] | None:
        """A loop a learner can reach from the start, as step ids (the first repeated at the end),
        or None. Depth-first, with an explicit stack: a step is "open" while it is on the path."""
        state: dict[str, str] = {self.start: "open"}
        trail = [self.start]
        stack = [iter(self.next_ids(self.start))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[trail.pop()] = "done"
                stack.pop()
            elif state.get(nxt) == "open":
                return trail[trail.index(nxt):] + [nxt]
            elif nxt not in state:
                state[nxt] = "open"
                trail.append(nxt)
                stack.append(iter(self.next_ids(nxt)))
        return None

    def longest_path(self) -> list[str]:
        """A path from the start with the most decision points (step ids, then the ending id).
        The graph must have no loop (``find_loop`` is None). Decisions along it: ``len(path) - 1``."""
        order: list[str] = []  # every reachable node after all the nodes it leads to
        seen = {self.start}
        stack = [(self.start, iter(self.next_ids(self.start)))]
        while stack:
            node, rest = stack[-1]
            nxt = next(rest, None)
            if nxt is None:
                order.append(node)
                stack.pop()
            elif nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, iter(self.next_ids(nxt))))
        length: dict[str, int] = {}
        best: dict[str, str | None] = {}
        for node in order:  # the nodes a node leads to come first, so their lengths are known
            options = [(length[n] + 1, n) for n in self.next_ids(node) if n in length]
            length[node], best[node] = max(options, key=lambda o: o[0]) if options else (0, None)
        path, node = [], self.start
        while node is not None:
            path.append(node)
            node = best.get(node)
        return path

    def path_to(self, target: str) -> list[str] | None:
        """A shortest path from the start to ``target`` (a step or an ending id), or None."""
        came_from: dict[str, str | None] = {self.start: None}
        queue = deque([self.start])
        while queue:
            node = queue.popleft()
            if node == target:
                path = []
                while node is not None:
                    path.append(node)
                    node = came_from[node]
                return path[::-1]
            for nxt in self.next_ids(node):
                if nxt not in came_from:
                    came_from[nxt] = node
                    queue.append(nxt)
        return None

    @property
    def exhibit_ids(self) -> tuple[str, ...]:
        ids = list(self.exhibits)
        for s in self.steps:
            ids += [e for e in s.exhibits if e not in ids]
        return tuple(dict.fromkeys(ids))


@dataclass
class ScenarioBank:
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def __contains__(self, scenario_id: str) -> bool:
        return scenario_id in self.scenarios

    def __getitem__(self, scenario_id: str) -> Scenario:
        return self.scenarios[scenario_id]
