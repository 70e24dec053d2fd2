"""Answer cueing: can a learner find the correct option without reading the question?

Two cues are measured on single-choice questions, per quiz and over all quizzes:

- the correct option is the strictly longest one (authors tend to qualify the right answer and
  leave the distractors short);
- the correct options pile up in one position (authors tend to put the right answer in the
  middle, or first).

A quiz is over the limit when the correct option is the strictly longest in more than a third of
its single-choice questions, or when more than half of them have the correct option in the same
position. These are warnings for authors, not errors: the build never fails on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .model import Quiz
from .render import LETTERS

LONGEST_LIMIT = 1 / 3    # share of single-choice questions whose correct option is strictly longest
POSITION_LIMIT = 1 / 2   # share of single-choice questions whose correct option is in one position


@dataclass(frozen=True)
class Cueing:
    """The cueing figures of one quiz (or, as ``name``, of several together)."""

    name: str
    single: int                 # single-choice questions
    longest: int                # ... whose correct option is strictly longer than every other
    positions: tuple[int, ...]  # ... whose correct option is at A, B, C, ...

    @property
    def longest_share(self) -> float:
        return self.longest / self.single if self.single else 0.0

    @property
    def top_position(self) -> tuple[str, int]:
        """The position holding the most correct options, and how many."""
        if not self.positions:
            return "A", 0
        i = max(range(len(self.positions)), key=lambda k: (self.positions[k], -k))
        return LETTERS[i], self.positions[i]

    @property
    def over_longest(self) -> bool:
        return self.longest > LONGEST_LIMIT * self.single

    @property
    def over_position(self) -> bool:
        return self.top_position[1] > POSITION_LIMIT * self.single

    @property
    def over(self) -> bool:
        return self.over_longest or self.over_position

    def __str__(self) -> str:
        if not self.single:
            return f"{self.name}: no single-choice questions."
        spread = ", ".join(f"{LETTERS[i]} {n}" for i, n in enumerate(self.positions))
        letter, n = self.top_position
        problems = []
        if self.over_longest:
            problems.append("more than a third strictly longest")
        if self.over_position:
            problems.append(f"more than half at {letter}")
        verdict = f": over the limit ({'; '.join(problems)})" if problems else ""
        return (f"{'warning: ' if problems else ''}{self.name}: correct option strictly longest in "
                f"{self.longest} of {self.single} single-choice questions ({self.longest_share:.0%}); "
                f"correct options by position: {spread}{verdict}.")


def measure(quiz: Quiz, name: str = "") -> Cueing:
    """The cueing figures of one quiz."""
    return combine([quiz], name or (f"{quiz.file}: {quiz.id}" if quiz.file else quiz.id))


def combine(quizzes: Iterable[Quiz], name: str) -> Cueing:
    """The cueing figures of several quizzes taken together."""
    single = longest = 0
    positions: list[int] = []
    for quiz in quizzes:
        for q in quiz.questions:
            if q.type != "single" or len(q.correct_indices) != 1:
                continue
            (right,) = q.correct_indices
            single += 1
            lengths = [len(o.text) for o in q.options]
            longest += all(lengths[right] > n for i, n in enumerate(lengths) if i != right)
            positions += [0] * (right + 1 - len(positions))
            positions[right] += 1
    positions += [0] * (4 - len(positions))  # always show A to D, so an empty D is visible
    return Cueing(name, single, longest, tuple(positions))


def report(quizzes: Iterable[Quiz]) -> list[Cueing]:
    """One line per quiz, in file order, and one for all of them together."""
    quizzes = sorted(quizzes, key=lambda q: (q.file, q.line))
    return [measure(q) for q in quizzes] + [combine(quizzes, "all quizzes")]
