"""Answer cueing: can a learner pass without knowing the answers?

The figures, per quiz (bank) and for all quizzes together:

- **length**: the correct option of a single-choice question is the strictly longest one
  (authors tend to qualify the right answer and leave the distractors short);
- **position**: the correct options of single-choice questions pile up at one letter;
- **true/false balance**: the share of true/false items keyed "True" (authors tend to write false
  statements, so "False" wins);
- **file order**: the share of multiple-answer and red-flag items whose correct options all come
  before every distractor in the bank (module quizzes shuffle the options per learner, but the
  handbook prints them in file order);
- **absolute words**: the share of single-choice questions where some distractor holds an absolute
  word (``ABSOLUTE``: only, never, always, nothing, all, at once, any, ...) and the key holds none;
- **test-wise score**: the score a learner who knows nothing expects by following the cues, under
  the course's own rules (below).

The test-wise learner (``TESTWISE``, exact expectations, no simulation). Options are seen in a
random order (per learner in module quizzes, per attempt in the assessment), so position and file
order do not help on screen; ties are broken at random and the expectation averages over them.

- *single choice*: rank the options, first those without an absolute word, then those with one;
  within each, longest first. Answer the first; on a second try, the second.
- *true/false*: a statement with an absolute word is "False"; else one with a hedge (``HEDGE``:
  may, can, usually, often, some, ...) is "True"; else answer the key most common in the bank
  (on a tie, either, so half right).
- *multiple answer and red flags*: rank the options as for single choice (without an absolute
  word first; length does not count) and select the top *k*, where *k* is the number of right
  options most common among the bank's multiple-answer items; on a second try, the second most
  common number. Right only when exactly the right options are selected.

Credit, as the runtime gives it: in a module quiz a true/false item has one try and every other
item ``tries`` tries (``_config.yml``, 2 by default); right at the first try is a full point, right
only after a wrong try half a point. The final assessment draws its questions evenly over the
modules (at random within each module), shuffles the options and takes one submission: only a
first try counts, and each module weighs the same in the expectation.

Limits (``over``): length more than a third; position more than half at one letter; true/false
outside 35 %-65 % "True"; absolute words 35 % or more; a test-wise score of 50 % or more in a
module quiz or in the final assessment. The build only reports them (never fails); a test keeps
the course's banks within them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from math import comb
from typing import Iterable, Sequence

from .model import Question, Quiz
from .render import LETTERS

LONGEST_LIMIT = 1 / 3    # share of single-choice questions whose correct option is strictly longest
POSITION_LIMIT = 1 / 2   # share of single-choice questions whose correct option is in one position
TRUE_LOW, TRUE_HIGH = 0.35, 0.65   # share of true/false items keyed "True"
ABSOLUTE_LIMIT = 0.35    # share of single-choice questions with the absolute-word cue (strictly below)
SCORE_LIMIT = 0.50       # expected test-wise score, module quiz and final assessment (strictly below)

ABSOLUTE = re.compile(r"\b(only|never|always|nothing|none|all|any|anyone|anything|every|everyone|everything|"
                      r"no one|nobody|at once|immediately|whatever|entirely|completely)\b", re.I)
HEDGE = re.compile(r"\b(may|might|can|could|usually|often|some|sometimes|possibly|probably|likely|generally|"
                   r"typically|normally)\b", re.I)

TESTWISE = __doc__[__doc__.index("The test-wise learner"):__doc__.index("Credit, as")].strip()


def absolute(text: str) -> bool:
    return bool(ABSOLUTE.search(text))


# --- exact probabilities of a ranking with random tie-breaks ---------------------------------------

def _groups(ranks: Sequence) -> list[list[int]]:
    """Option indices grouped by rank (lowest first); within a group the order is random."""
    by: dict = {}
    for i, r in enumerate(ranks):
        by.setdefault(r, []).append(i)
    return [by[r] for r in sorted(by)]


def _at(ranks: Sequence, index: int, place: int) -> float:
    """The probability that option ``index`` comes at ``place`` (0-based) of the ranking."""
    start = 0
    for g in _groups(ranks):
        if index in g:
            return 1 / len(g) if start <= place < start + len(g) else 0.0
        start += len(g)
    return 0.0


def _top_is(ranks: Sequence, right: frozenset[int], k: int) -> float:
    """The probability that the top ``k`` of the ranking are exactly the ``right`` options."""
    if k != len(right) or k == 0:
        return 0.0
    taken = 0
    for g in _groups(ranks):
        if taken + len(g) <= k:          # wholly selected
            if not set(g) <= right:
                return 0.0
            taken += len(g)
            if taken == k:
                return 1.0
            continue
        need = k - taken                  # the boundary group: ``need`` of its members, at random
        inside = len(right & set(g))
        return 1 / comb(len(g), need) if inside == need and inside + taken == k else 0.0
    return 0.0


# --- the test-wise learner ------------------------------------------------------------------------

def _bank_habits(questions: Iterable[Question]) -> tuple[str | None, tuple[int, ...]]:
    """What a test-wise learner reads from a bank: its majority true/false key (None on a tie) and
    its numbers of right options in multiple-answer items, most common first (ties: smaller first)."""
    qs = list(questions)
    keys = Counter(q.options[min(q.correct_indices)].text.lower() for q in qs
                   if q.type == "true_false" and q.correct_indices)
    majority = None if keys["true"] == keys["false"] else max(keys, key=keys.get)
    counts = Counter(len(q.correct_indices) for q in qs if q.type in ("multiple", "red_flags"))
    return majority, tuple(sorted(counts, key=lambda k: (-counts[k], k)))


def chances(q: Question, majority: str | None, counts: tuple[int, ...]) -> tuple[float, float]:
    """The test-wise learner's probability of being right at the first try, and right at the second
    try (after a wrong first), on one question (see ``TESTWISE``)."""
    right = q.correct_indices
    if q.type == "true_false":
        key = q.options[min(right)].text.lower() if right else ""
        if absolute(q.prompt):
            guess = "false"
        elif HEDGE.search(q.prompt):
            guess = "true"
        elif majority is None:
            return 0.5, 0.0
        else:
            guess = majority
        return float(guess == key), 0.0
    if q.type == "single":
        ranks = [(absolute(o.text), -len(o.text)) for o in q.options]
        (key,) = right
        return _at(ranks, key, 0), _at(ranks, key, 1)
    ranks = [absolute(o.text) for o in q.options]
    first = _top_is(ranks, right, counts[0]) if counts else 0.0
    second = _top_is(ranks, right, counts[1]) if len(counts) > 1 else 0.0
    return first, second


def quiz_score(questions: Sequence[Question], tries: int = 2) -> float:
    """Expected module-quiz score (0-1) of the test-wise learner: a full point at the first try,
    half a point at a later try; true/false one try."""
    if not questions:
        return 0.0
    majority, counts = _bank_habits(questions)
    total = 0.0
    for q in questions:
        first, second = chances(q, majority, counts)
        total += first + (0.5 * second if tries > 1 and q.type != "true_false" else 0.0)
    return total / len(questions)


def first_try(questions: Sequence[Question]) -> float:
    """Expected share right at one submission without tries (the final assessment's rule)."""
    if not questions:
        return 0.0
    majority, counts = _bank_habits(questions)
    return sum(chances(q, majority, counts)[0] for q in questions) / len(questions)


# --- the figures ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cueing:
    """The cueing figures of one quiz (or, as ``name``, of several together)."""

    name: str
    single: int                 # single-choice questions
    longest: int                # ... whose correct option is strictly longer than every other
    positions: tuple[int, ...]  # ... whose correct option is at A, B, C, ...
    absolute: int = 0           # ... where a distractor has an absolute word and the key none
    true_false: int = 0         # true/false items
    keyed_true: int = 0         # ... keyed "True"
    multiple: int = 0           # multiple-answer and red-flag items
    in_front: int = 0           # ... whose correct options all come before every distractor (file order)
    score: float | None = None  # expected test-wise score in the module quiz (one quiz only)
    final: float | None = None  # expected test-wise score in the final assessment (all quizzes only)

    @property
    def longest_share(self) -> float:
        return self.longest / self.single if self.single else 0.0

    @property
    def absolute_share(self) -> float:
        return self.absolute / self.single if self.single else 0.0

    @property
    def true_share(self) -> float:
        return self.keyed_true / self.true_false if self.true_false else 0.5

    @property
    def in_front_share(self) -> float:
        return self.in_front / self.multiple if self.multiple else 0.0

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
    def over_true_false(self) -> bool:
        return bool(self.true_false) and not TRUE_LOW <= self.true_share <= TRUE_HIGH

    @property
    def over_absolute(self) -> bool:
        return bool(self.single) and self.absolute_share >= ABSOLUTE_LIMIT

    @property
    def over_score(self) -> bool:
        return self.score is not None and self.score >= SCORE_LIMIT

    @property
    def over_final(self) -> bool:
        return self.final is not None and self.final >= SCORE_LIMIT

    @property
    def problems(self) -> list[str]:
        letter, _ = self.top_position
        found = [(self.over_longest, "more than a third strictly longest"),
                 (self.over_position, f"more than half at {letter}"),
                 (self.over_true_false, "true/false keyed True outside 35-65%"),
                 (self.over_absolute, "absolute-word cue 35% or more"),
                 (self.over_score, "test-wise quiz score 50% or more"),
                 (self.over_final, "test-wise assessment score 50% or more")]
        return [text for over, text in found if over]

    @property
    def over(self) -> bool:
        return bool(self.problems)

    def __str__(self) -> str:
        parts = []
        if self.single:
            spread = ", ".join(f"{LETTERS[i]} {n}" for i, n in enumerate(self.positions))
            parts.append(f"correct option strictly longest in {self.longest} of {self.single} single-choice "
                         f"questions ({self.longest_share:.0%}); correct options by position: {spread}")
            parts.append(f"absolute word in a distractor only in {self.absolute} of {self.single} "
                         f"({self.absolute_share:.0%})")
        else:
            parts.append("no single-choice questions")
        if self.true_false:
            parts.append(f"true/false keyed True {self.keyed_true} of {self.true_false} ({self.true_share:.0%})")
        if self.multiple:
            parts.append(f"multiple-answer items with every correct option first in file order {self.in_front} "
                         f"of {self.multiple} ({self.in_front_share:.0%})")
        if self.score is not None:
            parts.append(f"test-wise score in the module quiz {self.score:.0%}")
        if self.final is not None:
            parts.append(f"test-wise score in the final assessment {self.final:.0%}")
        problems = self.problems
        verdict = f": over the limit ({'; '.join(problems)})" if problems else ""
        return f"{'warning: ' if problems else ''}{self.name}: {'; '.join(parts)}{verdict}."


def _count(questions: Iterable[Question]) -> dict:
    n = Counter()
    positions: list[int] = []
    for q in questions:
        right = q.correct_indices
        if q.type == "true_false":
            n["true_false"] += 1
            n["keyed_true"] += any(q.options[i].text.lower() == "true" for i in right)
        elif q.type in ("multiple", "red_flags"):
            n["multiple"] += 1
            wrong = [i for i in range(len(q.options)) if i not in right]
            n["in_front"] += bool(right) and bool(wrong) and max(right) < min(wrong)
        elif q.type == "single" and len(right) == 1:
            (key,) = right
            n["single"] += 1
            lengths = [len(o.text) for o in q.options]
            n["longest"] += all(lengths[key] > m for i, m in enumerate(lengths) if i != key)
            n["absolute"] += (not absolute(q.options[key].text)
                              and any(absolute(o.text) for i, o in enumerate(q.options) if i != key))
            positions += [0] * (key + 1 - len(positions))
            positions[key] += 1
    positions += [0] * (4 - len(positions))  # always show A to D, so an empty D is visible
    return dict(n, positions=tuple(positions))


def measure(quiz: Quiz, name: str = "", tries: int = 2) -> Cueing:
    """The cueing figures of one quiz, with its expected test-wise score."""
    n = _count(quiz.questions)
    return Cueing(name or (f"{quiz.file}: {quiz.id}" if quiz.file else quiz.id), score=quiz_score(quiz.questions, tries),
                  **{k: n.get(k, 0) for k in ("single", "longest", "absolute", "true_false", "keyed_true",
                                              "multiple", "in_front")}, positions=n["positions"])


def final_score(quizzes: Iterable[Quiz]) -> float:
    """Expected test-wise score in the final assessment: each module (quiz) weighs the same, since the
    draw spreads the questions evenly over the modules, at random within each."""
    per_quiz = [first_try(q.questions) for q in quizzes if q.questions]
    return sum(per_quiz) / len(per_quiz) if per_quiz else 0.0


def combine(quizzes: Iterable[Quiz], name: str, final: bool = False) -> Cueing:
    """The cueing figures of several quizzes taken together (with the final assessment's expected
    test-wise score when ``final``)."""
    quizzes = list(quizzes)
    n = _count(q for quiz in quizzes for q in quiz.questions)
    return Cueing(name, final=final_score(quizzes) if final else None,
                  **{k: n.get(k, 0) for k in ("single", "longest", "absolute", "true_false", "keyed_true",
                                              "multiple", "in_front")}, positions=n["positions"])


def report(quizzes: Iterable[Quiz], tries: int = 2) -> list[Cueing]:
    """One line per quiz, in file order, and one for all of them together (with the final
    assessment's expected test-wise score)."""
    quizzes = sorted(quizzes, key=lambda q: (q.file, q.line))
    return [measure(q, tries=tries) for q in quizzes] + [combine(quizzes, "all quizzes", final=True)]
