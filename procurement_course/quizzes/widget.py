"""The same quiz, live in Jupyter: an anywidget whose front end is the site's own quiz runtime.

    from procurement_course.widget import QuizWidget
    w = QuizWidget.from_id("cleaning-check")
    w            # shows the quiz in JupyterLab or Notebook
    w.score      # the learner's score, reported back to Python
    w.results()  # one row per question: answered, checked, correct

``quiz.js`` is a classic script (so the static site works from ``file://``, where browsers refuse
ES modules); the widget's module is that same file with one ``export`` line added.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from .load import load_bank, quiz_files
from .model import Quiz
from .render import payload
from ..source import bibliography_keys

STATIC = Path(__file__).resolve().parents[1] / "static"
# The site's own runtime: the shared helpers, then the quiz, then the one line that makes it a module.
ESM = "".join((STATIC / name).read_text(encoding="utf-8") for name in ("core.js", "quiz.js")) \
    + "\nexport default { render: globalThis.courseQuiz.render };\n"
CSS = (STATIC / "quiz.css").read_text(encoding="utf-8")


def find_course_root(start: Path | None = None) -> Path:
    """The folder holding ``_config.yml`` and ``quizzes/``, from the notebook's folder upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "quizzes").is_dir() and (folder / "_config.yml").exists():
            return folder
    raise FileNotFoundError(f"no course folder (with _config.yml and quizzes/) at or above {here}")


class QuizWidget(anywidget.AnyWidget):
    _esm = ESM
    _css = CSS
    quiz = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    score = traitlets.Int(0).tag(sync=True)
    tries = traitlets.Int(2).tag(sync=True)   # tries per question, as on the site

    def __init__(self, quiz: Quiz, **kwargs):
        self._quiz = quiz
        super().__init__(quiz=payload(quiz), **kwargs)

    @classmethod
    def from_id(cls, quiz_id: str, root: Path | None = None) -> "QuizWidget":
        """Load the course's quiz banks (checked as the build checks them) and show one quiz."""
        root = root or find_course_root()
        bank = load_bank(quiz_files(root / "quizzes"), bibliography_keys([root / "references.bib"]), root=root)
        return cls(bank[quiz_id])

    @traitlets.validate("answers")
    def _keep_known_answers(self, proposal):
        """Answers come from the browser: keep only real questions and real option indices."""
        clean = {}
        for q in self._quiz.questions:
            a = proposal["value"].get(q.id)
            if not isinstance(a, dict):
                continue
            selected = sorted({i for i in a.get("selected", []) if isinstance(i, int) and 0 <= i < len(q.options)})
            tries = min(max(int(a.get("tries") or 0), 0), self.tries) if selected else 0
            # 'done' is what the learner's last check decided; kept only where it fits the rules.
            clean[q.id] = {"selected": selected, "tries": tries,
                           "done": a.get("done") is True and tries > 0 and (q.is_correct(selected) or tries >= self.tries)}
        return clean

    @traitlets.validate("score")
    def _score_from_answers(self, proposal):
        # The score is always computed here from the answers, never taken on trust from the front end.
        return self._quiz.score(self.answers)

    @traitlets.observe("answers")
    def _rescore(self, change):
        self.score = self._quiz.score(change["new"])

    def results(self) -> list[dict]:
        """One row per question: its id, the options chosen (letters), done (right, or no tries left), correct."""
        rows = []
        for q in self._quiz.questions:
            a = self.answers.get(q.id, {})
            rows.append({
                "question": q.id,
                "chosen": "".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i] for i in a.get("selected", [])),
                "tries": a.get("tries", 0),
                "done": a.get("done", False),
                "correct": a.get("done", False) and q.is_correct(a.get("selected", [])),
            })
        return rows

    def reset(self) -> None:
        self.answers = {}
