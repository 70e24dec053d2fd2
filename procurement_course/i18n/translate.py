"""The quiz, scenario and course-settings models with their text translated, and nothing else.

Each function returns a copy made with ``dataclasses.replace`` on the text fields only (the same
fields ``extract`` puts in the catalogues): ids, types, ``correct``, ``next``, outcomes, sources,
exhibits and numbers are copied from the English model, so a translation cannot change them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

Lookup = Callable[[str], str]


def quiz_bank(bank, t: Lookup):
    from ..quizzes.model import QuizBank

    def question(q):
        return replace(q, prompt=t(q.prompt), situation=t(q.situation), explanation=t(q.explanation),
                       options=tuple(replace(o, text=t(o.text), feedback=t(o.feedback)) for o in q.options))

    quizzes = {qid: replace(quiz, title=t(quiz.title), intro=t(quiz.intro),
                            objectives=tuple(replace(o, text=t(o.text)) for o in quiz.objectives),
                            questions=tuple(question(q) for q in quiz.questions))
               for qid, quiz in bank.quizzes.items()}
    return QuizBank(quizzes=quizzes, files=list(bank.files))


def scenario_bank(bank, t: Lookup):
    from ..scenarios.model import ScenarioBank

    def scenario(s):
        steps = tuple(replace(st, title=t(st.title), prompt=t(st.prompt),
                              choices=tuple(replace(c, text=t(c.text), consequence=t(c.consequence))
                                            for c in st.choices)) for st in s.steps)
        endings = tuple(replace(e, title=t(e.title), debrief=t(e.debrief), rules=t(e.rules)) for e in s.endings)
        return replace(s, title=t(s.title), situation=t(s.situation), steps=steps, endings=endings)

    return ScenarioBank(scenarios={sid: scenario(s) for sid, s in bank.scenarios.items()}, files=list(bank.files))


def course_settings(settings, t: Lookup):
    return replace(settings, modules=tuple(replace(m, title=t(m.title)) for m in settings.modules))
