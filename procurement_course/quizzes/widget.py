"""The same quiz, live in Jupyter: an anywidget whose front end is the site's own quiz runtime.

    from procurement_course.widget import QuizWidget
    quiz = QuizWidget.from_id("cleaning-check")
    quiz            # shows the quiz in JupyterLab or Notebook
    quiz.score      # questions right, reported back to Python
    quiz.percent    # the quiz's score in percent, as the site counts it (half credit after a wrong try)
    quiz.results()  # one row per question: options chosen, tries, done, correct, credit

The quiz banks come from the course folder the notebook is in (so authors see their edits), else
from the course the package was installed from, else from the copies shipped inside the package
(``pip install`` of the project brings them). Where widgets cannot run (a converter, a viewer,
a notebook saved without widget state) the output shows the questions without answers, as
printed. Answers survive re-running the cell in the same kernel.

``core.js`` and ``quiz.js`` are classic scripts (so the static site works from ``file://``, where
browsers refuse ES modules); the widget's module is those same files with a small notebook entry
added, which keeps JupyterLab's keyboard shortcuts away from the quiz, and its stylesheet maps
JupyterLab's theme onto the quiz's colours.
"""

from __future__ import annotations

import difflib
from html import escape
from pathlib import Path

import anywidget
import traitlets

from .load import load_bank, quiz_files
from .model import Quiz
from .render import LETTERS, html_text, payload
from ..course.settings import load_course_settings
from ..source import bibliography_keys

PACKAGE = Path(__file__).resolve().parents[1]
STATIC = PACKAGE / "static"
SHIPPED_BANKS = PACKAGE / "quiz_banks"  # the top-level quizzes/ folder, as `pip install` ships it

# The notebook entry. JupyterLab (Lumino) matches a keydown against its shortcuts starting from the
# focused element itself, and its notebook shortcuts (arrow keys move between cells, A and B insert
# cells, D D deletes one) match any focused element in command mode. Lumino skips an element that
# carries data-lm-suppress-shortcuts, so that attribute goes on whatever takes focus in the quiz,
# not only on the quiz's own element. Stopping keydown at the quiz covers hosts that listen in the
# bubbling phase.
NOTEBOOK_ENTRY = """
const renderQuiz = globalThis.courseQuiz.render;
const SUPPRESS = "data-lm-suppress-shortcuts";
function render(ctx) {
  const el = ctx.el;
  el.classList.add("course-quiz-widget");
  el.setAttribute(SUPPRESS, "true");
  const claimFocus = (event) => {
    if (event.target instanceof Element) event.target.setAttribute(SUPPRESS, "true");
  };
  const keepKeys = (event) => event.stopPropagation();
  el.addEventListener("focusin", claimFocus);
  el.addEventListener("keydown", keepKeys);
  const cleanup = renderQuiz(ctx);
  return () => {
    el.removeEventListener("focusin", claimFocus);
    el.removeEventListener("keydown", keepKeys);
    if (typeof cleanup === "function") cleanup();
  };
}
export default { render };
"""

# quiz.css colours everything with a few custom properties; here they come from JupyterLab's theme
# (light, dark and high contrast alike). Text colours are mixed from the theme's own text and
# background colours, so they keep their contrast in every theme, whatever its accent colours.
# Outside JupyterLab the fallbacks give the site's light colours.
THEME_CSS = """
.course-quiz-widget {
  --qw-fg: var(--jp-content-font-color0, #000);
  --paper: var(--jp-layout-color0, #fff);
  --ink: var(--jp-content-font-color1, #1b1b1b);
  --muted: color-mix(in srgb, var(--qw-fg) 75%, var(--paper));
  --tint: color-mix(in srgb, var(--qw-fg) 7%, var(--paper));
  --rule: color-mix(in srgb, var(--qw-fg) 40%, var(--paper));
  --accent: color-mix(in srgb, var(--jp-brand-color1, #1976d2) 72%, var(--qw-fg));
  --accent-dark: color-mix(in srgb, var(--jp-brand-color1, #1976d2) 55%, var(--qw-fg));
  --on-accent: var(--paper);
  --focus: color-mix(in srgb, var(--jp-warn-color0, #e65100) 80%, var(--qw-fg));
  --ok: color-mix(in srgb, var(--jp-success-color0, #1b5e20) 70%, var(--qw-fg));
  --bad: color-mix(in srgb, var(--jp-error-color0, #b71c1c) 70%, var(--qw-fg));
  --ok-bg: color-mix(in srgb, var(--ok) 12%, var(--paper));
  --bad-bg: color-mix(in srgb, var(--bad) 12%, var(--paper));
  color: var(--ink);
  background: var(--paper);
  accent-color: var(--accent);
}
body[data-jp-theme-light="false"] .course-quiz-widget { color-scheme: dark; }
/* Buttons and focus as on the site (its theme styles them there; here the host would). */
.course-quiz-widget button { font: inherit; padding: .3rem .8rem; border: 1px solid var(--accent); border-radius: 3px;
  background: var(--accent); color: var(--on-accent); cursor: pointer; }
.course-quiz-widget button:hover { background: var(--accent-dark); border-color: var(--accent-dark); }
.course-quiz-widget button.secondary { background: var(--paper); color: var(--accent); }
.course-quiz-widget button.secondary:hover { background: var(--tint); color: var(--accent-dark); }
.course-quiz-widget :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.course-quiz-widget [tabindex="-1"]:focus { outline: none; }
"""

# The site's own runtime (the shared helpers, then the quiz), then the notebook entry.
ESM = "".join((STATIC / name).read_text(encoding="utf-8") for name in ("core.js", "quiz.js")) + NOTEBOOK_ENTRY
CSS = THEME_CSS + (STATIC / "quiz.css").read_text(encoding="utf-8")

# The answers of every quiz shown in this kernel, by quiz id: re-running a cell brings them back.
_kept_answers: dict[str, dict] = {}


def tries_at(question, tries: int) -> int:
    """Tries at one question: true or false has two answers, so it gets one (as in quiz.js)."""
    return 1 if question.type == "true_false" else tries


def credit(question, answer: dict) -> float:
    """What a question earns, as quiz.js counts it: 1 right at the first try, 0.5 right only after
    a wrong try (the second try teaches; it does not show what the learner knew), else 0."""
    if not (answer.get("done") and question.is_correct(answer.get("selected") or ())):
        return 0.0
    return 0.5 if answer.get("tries", 0) > 1 else 1.0


class CourseNotFoundError(FileNotFoundError):
    """No quiz banks where the widget looked; the message says where it looked and what to do."""


class UnknownQuizError(KeyError):
    """No quiz has this id; the message names the nearest id and lists them all."""

    def __str__(self) -> str:  # KeyError would show the message quoted, as a repr
        return str(self.args[0])


def find_course_root(start: Path | None = None) -> Path:
    """The folder holding ``_config.yml`` and ``quizzes/``, from ``start`` (default: the working
    directory, i.e. the notebook's folder) upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "quizzes").is_dir() and (folder / "_config.yml").exists():
            return folder
    raise CourseNotFoundError(
        f"{here} is not inside the course folder (the folder with _config.yml and quizzes/). "
        "Open the notebook inside the course folder, or pass it: "
        "QuizWidget.from_id('cleaning-check', root='path/to/course')."
    )


def quiz_bank_folder(root: str | Path | None = None) -> Path:
    """Where the quiz banks are read from: ``root``/quizzes if given; else the course folder
    around the working directory; else the course this package was installed from (an editable
    install); else the banks shipped inside the package."""
    if root is not None:
        folder = Path(root).expanduser().resolve() / "quizzes"
        if not folder.is_dir():
            raise CourseNotFoundError(
                f"{Path(root)} has no quizzes/ folder. Pass the course folder itself, the one "
                "holding _config.yml and quizzes/ (for example root='~/procurement-course')."
            )
        return folder
    try:
        return find_course_root() / "quizzes"
    except CourseNotFoundError:
        pass
    source = PACKAGE.parent
    if (source / "_config.yml").exists() and (source / "quizzes").is_dir():
        return source / "quizzes"
    if quiz_files(SHIPPED_BANKS):
        return SHIPPED_BANKS
    raise CourseNotFoundError(
        f"no quiz banks found: {Path.cwd()} is not inside the course folder (the folder with "
        "_config.yml and quizzes/), and this installation of procurement_course has none. "
        "Open the notebook inside the course folder, pass it with "
        "QuizWidget.from_id('cleaning-check', root='path/to/course'), or install the course "
        "package with `pip install path/to/course`, which brings the quiz banks."
    )


def _unknown_quiz(quiz_id: str, known) -> UnknownQuizError:
    known = sorted(known)
    close = difflib.get_close_matches(str(quiz_id), known, n=1)
    nearest = f" Did you mean '{close[0]}'?" if close else ""
    return UnknownQuizError(f"no quiz has the id '{quiz_id}'.{nearest} The quizzes are: {', '.join(known)}.")


def fallback_html(quiz: Quiz) -> str:
    """The quiz as printed, for where the widget cannot run: numbered questions with lettered
    options, and no answers, feedback or explanations."""
    out = [f'<section class="course-quiz-fallback" data-quiz="{escape(quiz.id)}" '
           f'aria-label="Quiz: {escape(quiz.title)}">',
           f"<p><strong>{html_text(quiz.title)}</strong></p>"]
    if quiz.intro:
        out.append(f"<p>{html_text(quiz.intro)}</p>")
    out.append("<ol>")
    for q in quiz.questions:
        out.append("<li>")
        if q.situation:
            out.append(f"<p><em>{html_text(q.situation)}</em></p>")
        out.append(f"<p>{html_text(q.prompt)} ({escape(q.instruction)})</p><ol type=\"A\">")
        out += [f"<li>{html_text(o.text)}</li>" for o in q.options]
        out.append("</ol></li>")
    out.append("</ol><p>This is the quiz without its answers. To answer it and get feedback, run "
               "this notebook in JupyterLab or Jupyter Notebook with the course package installed. "
               "The answers are in the course's answer key.</p></section>")
    return "".join(out)


class QuizWidget(anywidget.AnyWidget):
    _esm = ESM
    _css = CSS
    quiz = traitlets.Dict().tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    score = traitlets.Int(0).tag(sync=True)   # questions right
    percent = traitlets.Int(0).tag(sync=True)  # the score as the site counts it: half credit after a wrong try
    tries = traitlets.Int(2).tag(sync=True)   # tries per question, as on the site
    pass_mark = traitlets.Int(80).tag(sync=True)  # percent, as on the site

    def __init__(self, quiz: Quiz, restore: bool = True, **kwargs):
        """Show ``quiz``; with ``restore`` (the default), start from the answers last given to
        the same quiz in this kernel, so re-running the cell keeps them."""
        self._quiz = quiz
        super().__init__(quiz=payload(quiz), **kwargs)
        if restore and quiz.id in _kept_answers:
            self.answers = _kept_answers[quiz.id]

    @classmethod
    def from_id(cls, quiz_id: str, root: str | Path | None = None, restore: bool = True,
                language: str | None = None) -> "QuizWidget":
        """Load the course's quiz banks (checked as the build checks them) and show one quiz.
        ``root`` is the course folder, when the notebook is not inside it. ``language`` ("fi",
        "sv") shows the quiz's text from that language's catalogue (``locale/``); its structure
        and answers are the English bank's."""
        folder = quiz_bank_folder(root)
        # Shipped banks come without the bibliography; the build has checked their sources.
        bib = folder.parent / "references.bib"
        bank = load_bank(quiz_files(folder), bibliography_keys([bib]) if bib.exists() else None,
                         root=folder.parent)
        if quiz_id not in bank:
            raise _unknown_quiz(quiz_id, bank.quizzes) from None
        # The course's own rules (_config.yml); the defaults for the banks shipped in the package.
        rules = load_course_settings(folder.parent)
        if language and language != "en":
            from ..i18n import translate
            from ..i18n.catalogue import gettext

            bank = translate.quiz_bank(bank, lambda text: gettext("course-quizzes", text, language, folder.parent))
        return cls(bank[quiz_id], restore=restore, tries=rules.tries, pass_mark=rules.pass_mark)

    @traitlets.validate("answers")
    def _keep_known_answers(self, proposal):
        """Answers come from the browser: keep only real questions and real option indices."""
        clean = {}
        for q in self._quiz.questions:
            a = proposal["value"].get(q.id)
            if not isinstance(a, dict):
                continue
            selected = sorted({i for i in a.get("selected", []) if isinstance(i, int) and 0 <= i < len(q.options)})
            most = tries_at(q, self.tries)
            tries = min(max(int(a.get("tries") or 0), 0), most) if selected else 0
            # Done when out of tries, or right as the learner's last check decided (as quiz.js's clean()).
            clean[q.id] = {"selected": selected, "tries": tries,
                           "done": tries > 0 and (tries >= most or a.get("done") is True and q.is_correct(selected))}
        return clean

    @traitlets.validate("score")
    def _score_from_answers(self, proposal):
        # The score is always computed here from the answers, never taken on trust from the front end.
        return self._quiz.score(self.answers)

    @traitlets.validate("percent")
    def _percent_from_answers(self, proposal):
        return self._percent(self.answers)

    def _percent(self, answers: dict) -> int:
        points = sum(credit(q, answers.get(q.id) or {}) for q in self._quiz.questions)
        total = len(self._quiz.questions)
        return int(100 * points / total + 0.5) if total else 0  # rounded half up, as Math.round in quiz.js

    @traitlets.observe("answers")
    def _rescore(self, change):
        _kept_answers[self._quiz.id] = change["new"]
        self.score = self._quiz.score(change["new"])
        self.percent = self._percent(change["new"])

    def results(self) -> list[dict]:
        """One row per question: its id, the options chosen (letters, in file order: the widget shows
        options in file order), tries, done (right, or no tries left), correct, and its credit."""
        rows = []
        for q in self._quiz.questions:
            a = self.answers.get(q.id, {})
            rows.append({
                "question": q.id,
                "chosen": "".join(LETTERS[i] for i in a.get("selected", [])),
                "tries": a.get("tries", 0),
                "done": a.get("done", False),
                "correct": a.get("done", False) and q.is_correct(a.get("selected", [])),
                "credit": credit(q, a),
            })
        return rows

    def reset(self) -> None:
        """Clear every answer, here and in every view (and for the next run of the cell)."""
        self.answers = {}

    def __repr__(self) -> str:
        total = len(self._quiz.questions)
        return (f"Quiz '{self._quiz.id}' ({self._quiz.title}): {total} questions, {self.score} of {total} "
                f"answered correctly, score {self.percent} %. Answer it in JupyterLab or Jupyter Notebook.")

    def _repr_mimebundle_(self, **kwargs):
        """The widget view, plus the printed quiz for front ends that cannot run widgets."""
        shown = super()._repr_mimebundle_(**kwargs)
        data, metadata = shown if isinstance(shown, tuple) else (shown or {}, {})
        data = {**data, "text/plain": repr(self), "text/html": fallback_html(self._quiz)}
        return data, metadata
