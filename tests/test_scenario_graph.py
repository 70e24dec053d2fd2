"""Graph questions on a scenario's steps (loops, reachability, longest path) are answered by walks
linear in its size, without recursion. Before, the checker listed every path: a 60-step case whose
choices rejoin has 2^60 of them, and a chain of a few hundred steps overflowed Python's stack.
Behaviour is checked here, not time (make bench measures the budgets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from procurement_course.scenarios.load import load_scenarios
from procurement_course.source import SourceErrors

ENDINGS = """    endings:
      - {id: better, title: Better, outcome: better, debrief: Why., indicators: [Deception], rules: Rules.}
      - {id: poorer, title: Poorer, outcome: poor, debrief: Why not., indicators: [Deception], rules: Rules.}
"""


def scenario_file(tmp_path: Path, steps: list[list[str]], name="case.yml") -> Path:
    """A scenario whose step i (ids s0, s1, ...) has one choice to each id in steps[i]."""
    lines = ["scenarios:", "  - id: case", "    title: A case", "    sector: cleaning",
             "    situation: Fictional case.", "    start: s0", "    steps:"]
    for i, targets in enumerate(steps):
        lines += [f"      - id: s{i}", f"        title: Step {i}", f"        prompt: Decision {i}?", "        choices:"]
        lines += [f"          - {{text: Choice {j}, consequence: c, next: {t}}}" for j, t in enumerate(targets)]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n" + ENDINGS, encoding="utf-8")
    return path


def load(path: Path):
    return load_scenarios([path], None, None, {"Deception"}, root=path.parent)["case"]


def test_sixty_rejoining_steps_check_without_listing_two_to_the_sixty_paths(tmp_path):
    n = 60
    steps = [[f"s{i + 1}", f"s{i + 1}", "poorer"] for i in range(n - 1)] + [["better", "poorer"]]
    for i, targets in enumerate(steps[:-1]):
        targets[1] = f"s{min(i + 2, n - 1)}"  # skipping one step rejoins the path
    sc = load(scenario_file(tmp_path, steps))
    longest = sc.longest_path()
    assert len(longest) - 1 == n and longest[0] == "s0" and longest[-1] == "better"
    assert sc.endings_reachable() == {"better", "poorer"} and sc.find_loop() is None
    assert len(sc.path_to("better")) == n // 2 + 2  # skipping every other step


def test_a_chain_of_a_thousand_steps_needs_no_recursion(tmp_path):
    n = 1000
    steps = [[f"s{i + 1}", "poorer"] for i in range(n - 1)] + [["better", "poorer"]]
    sc = load(scenario_file(tmp_path, steps))
    assert len(sc.longest_path()) == n + 1


def test_a_loop_far_down_a_long_chain_is_reported_at_the_choice_that_closes_it(tmp_path):
    n = 800
    steps = [[f"s{i + 1}", "poorer"] for i in range(n - 1)] + [["s797", "better"]]
    with pytest.raises(SourceErrors) as caught:
        load(scenario_file(tmp_path, steps))
    [message] = [str(e) for e in caught.value.errors]
    assert message.startswith("case.yml:") and f"steps[{n - 1}].choices[0].next: a path loops back" in message
    assert "798 · Step 797 → 799 · Step 798 → 800 · Step 799 → 798 · Step 797." in message


def test_unreachable_parts_are_found_without_a_path_listing(tmp_path):
    steps = [["s1", "s1"], ["s2", "poorer"], ["better", "poorer"], ["s2", "better"]]  # nothing leads to s3
    with pytest.raises(SourceErrors) as caught:
        load(scenario_file(tmp_path, steps))
    assert [e.field for e in caught.value.errors] == ["scenarios[0].steps[3].id"]
