"""What a case scenario is: a situation, decision points whose choices lead on, and endings
with a debrief. The typed model every rendering (site, print worksheet, answer sheet) starts from."""

from __future__ import annotations

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
        return next(s for s in self.steps if s.id == step_id)

    def ending(self, ending_id: str) -> Ending:
        return next(e for e in self.endings if e.id == ending_id)

    def paths(self) -> list[list[str]]:
        """Every path from the start to an ending, as lists of step ids followed by the ending id."""
        steps = {s.id: s for s in self.steps}
        out: list[list[str]] = []

        def walk(node: str, trail: list[str]) -> None:
            if node not in steps:
                out.append(trail + [node])
                return
            for choice in steps[node].choices:
                walk(choice.next, trail + [node])

        walk(self.start, [])
        return out

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
