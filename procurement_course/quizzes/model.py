"""What a quiz is: the typed model every rendering (site, live notebook, print) starts from."""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_TYPES = {
    "single": "Choose one answer.",
    "multiple": "Select all that apply.",
    "true_false": "True or false?",
    "red_flags": "Select every warning sign.",
}


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Objective:
    """A learning objective of a module; every question of its quiz tests one. ``section`` is the
    MyST label of the section that teaches it (checked against the built course)."""

    id: str
    text: str
    section: str = ""
    line: int = field(default=0, compare=False)   # where ``section`` (or the objective) is written


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    options: tuple[Option, ...]
    explanation: str
    situation: str = ""
    source: str = ""
    objective: str = ""     # the id of one of its quiz's objectives

    @property
    def instruction(self) -> str:
        """In the build's language (catalogue ``course-quizzes``)."""
        from ..i18n.catalogue import gettext

        return gettext("course-quizzes", QUESTION_TYPES[self.type])

    @property
    def correct_indices(self) -> frozenset[int]:
        return frozenset(i for i, o in enumerate(self.options) if o.correct)

    def is_correct(self, selected) -> bool:
        """A question is answered correctly when exactly the correct options are selected."""
        return frozenset(selected) == self.correct_indices


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    questions: tuple[Question, ...]
    intro: str = ""
    file: str = ""          # the bank it came from, for messages and Sphinx dependencies
    line: int = 0
    field: str = ""         # where in the bank, e.g. "quizzes[1]"
    objectives: tuple[Objective, ...] = ()

    def objective(self, objective_id: str) -> Objective:
        for o in self.objectives:
            if o.id == objective_id:
                return o
        raise KeyError(objective_id)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def score(self, answers: dict) -> int:
        """Number of questions answered correctly. ``answers`` maps question id to a dict with
        ``selected`` (option indices), ``tries`` (checks used) and ``done`` (right, or no tries left)."""
        total = 0
        for q in self.questions:
            a = answers.get(q.id) or {}
            if a.get("done") and q.is_correct(a.get("selected") or ()):
                total += 1
        return total


@dataclass
class QuizBank:
    """Every quiz of a course, by id."""

    quizzes: dict[str, Quiz] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def __contains__(self, quiz_id: str) -> bool:
        return quiz_id in self.quizzes

    def __getitem__(self, quiz_id: str) -> Quiz:
        return self.quizzes[quiz_id]
