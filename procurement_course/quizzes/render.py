"""Drawing a quiz: the static HTML every reader gets (screen without JavaScript, and print),
the JSON the browser runtime and the live widget build the interactive quiz from, and the
answer key.

Quiz text is text. The only formatting is ``**bold**`` and ``*italic*``; it is parsed here into
runs of (style, text), and every run is escaped (HTML) or set as ``textContent`` (browser), so
nothing an author writes can become markup or script in a learner's browser.

The fixed words around the quiz ("Answer:", the note shown without JavaScript) are in the build's
language (``runtime_text``: ``language`` None is the language the build set, ``COURSE_LANGUAGE``);
the quiz text itself arrives translated (``i18n/translate.py``).
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from ..i18n.catalogue import runtime_text
from .model import Question, Quiz

_EMPHASIS = re.compile(r"\*\*(?P<b>[^*]+?)\*\*|\*(?P<i>[^*\s][^*]*?)\*")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def runs(text: str) -> list[list[str]]:
    """'a **b** *c*' -> [["", "a "], ["b", "b"], ["", " "], ["i", "c"]]."""
    out: list[list[str]] = []
    pos = 0
    for m in _EMPHASIS.finditer(text):
        if m.start() > pos:
            out.append(["", text[pos:m.start()]])
        style = "b" if m.group("b") is not None else "i"
        out.append([style, m.group(style)])
        pos = m.end()
    if pos < len(text):
        out.append(["", text[pos:]])
    return out


def html_text(text: str) -> str:
    tags = {"b": "strong", "i": "em"}
    return "".join(
        f"<{tags[s]}>{escape(t)}</{tags[s]}>" if s else escape(t) for s, t in runs(text)
    )


def payload(quiz: Quiz) -> dict:
    """What the browser runtime and the live widget need, answers included (they give feedback)."""
    return {
        "id": quiz.id,
        "title": runs(quiz.title),
        "intro": runs(quiz.intro),
        "questions": [
            {
                "id": q.id,
                "type": q.type,
                "instruction": q.instruction,
                "prompt": runs(q.prompt),
                "situation": runs(q.situation),
                "explanation": runs(q.explanation),
                "options": [
                    {"text": runs(o.text), "correct": o.correct, "feedback": runs(o.feedback)}
                    for o in q.options
                ],
            }
            for q in quiz.questions
        ],
    }


def json_for_script(data: dict) -> str:
    """JSON safe inside <script type="application/json">: no '<' can close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _question_static(q: Question) -> str:
    parts = ["<li class=\"quiz-static-q\">"]
    if q.situation:
        parts.append(f"<p class=\"quiz-situation\">{html_text(q.situation)}</p>")
    # The instruction ("Choose one answer.") once, even when the author also wrote it in the prompt.
    hint = "" if q.prompt.rstrip().endswith(q.instruction) else f" <span class=\"quiz-hint\">{escape(q.instruction)}</span>"
    parts.append(f"<p class=\"quiz-prompt\">{html_text(q.prompt)}{hint}</p>")
    parts.append("<ol class=\"quiz-static-options\" type=\"A\">")
    parts += [f"<li>{html_text(o.text)}</li>" for o in q.options]
    parts.append("</ol></li>")
    return "".join(parts)


def quiz_html(quiz: Quiz, language: str | None = None, root: Path | None = None) -> str:
    """The quiz as the page carries it: readable questions (no answers shown), plus the data the
    runtime turns into the interactive quiz."""
    intro = f"<p class=\"quiz-intro\">{html_text(quiz.intro)}</p>" if quiz.intro else ""
    questions = "".join(_question_static(q) for q in quiz.questions)
    label = runtime_text("Quiz: {title}", language, root, title=quiz.title)
    note = runtime_text("The answers and feedback appear when JavaScript is on; the answer key is in the facilitator guide.", language, root)
    return (
        f"<section class=\"quiz\" data-quiz=\"{escape(quiz.id)}\" aria-label=\"{escape(label)}\">"
        f"<p class=\"quiz-title\">{html_text(quiz.title)}</p>{intro}"
        f"<div class=\"quiz-static\"><ol class=\"quiz-static-questions\">{questions}</ol>"
        f"<p class=\"quiz-noscript\">{escape(note)}</p></div>"
        f"<script type=\"application/json\" class=\"quiz-data\">{json_for_script(payload(quiz))}</script>"
        "</section>"
    )


def answer_key_html(quizzes: list[Quiz], level: int = 3, cases: list[tuple[str, str]] | None = None,
                    language: str | None = None, root: Path | None = None) -> str:
    """Every answer with its explanation, quiz by quiz, each quiz under a heading (``level``) and
    each question numbered as on the printed quiz, options lettered as there. ``cases`` (id, title)
    adds the cases of the same page's answer sheet to the jump list at the top."""
    h = min(6, max(2, level))
    jump = [(f"answers-{q.id}", html_text(q.title)) for q in quizzes]
    case_links = [(f"debriefs-{i}", html_text(t)) for i, t in cases or ()]
    words = {"nav": runtime_text("Jump to a quiz or a case", language, root), "jump": runtime_text("Jump to:", language, root),
             "quizzes": runtime_text("Quizzes:", language, root), "cases": runtime_text("Cases:", language, root),
             "objective": runtime_text("Objective:", language, root)}
    words = {k: escape(v) for k, v in words.items()}
    out = ["<div class=\"quiz-answer-key\">",
           f"<nav class=\"answer-key-jump\" aria-label=\"{words['nav']}\"><p>{words['jump']}</p><ul>",
           f"<li>{words['quizzes']} " + " · ".join(f"<a href=\"#{a}\">{t}</a>" for a, t in jump) + "</li>"]
    if case_links:
        out.append(f"<li>{words['cases']} " + " · ".join(f"<a href=\"#{a}\">{t}</a>" for a, t in case_links) + "</li>")
    out.append("</ul></nav>")
    for quiz in quizzes:
        out.append(f"<section class=\"quiz-key\" data-quiz-key=\"{escape(quiz.id)}\" "
                   f"aria-labelledby=\"answers-{escape(quiz.id)}\">")
        out.append(f"<h{h} class=\"quiz-title\" id=\"answers-{escape(quiz.id)}\">{html_text(quiz.title)}</h{h}>"
                   "<ol class=\"quiz-key-questions\">")
        objectives = {o.id: o.text for o in quiz.objectives}
        for n, q in enumerate(quiz.questions, 1):
            letters = ", ".join(LETTERS[i] for i in sorted(q.correct_indices))
            correct_texts = "; ".join(html_text(q.options[i].text) for i in sorted(q.correct_indices))
            objective = (f"<p class=\"quiz-key-objective\">{words['objective']} {html_text(objectives[q.objective])}</p>"
                         if q.objective in objectives else "")
            answer = escape(runtime_text("Answer: {letters}", language, root, letters=letters))
            # value=: the number the question has on the printed quiz, stated, not left to the list.
            out.append(
                f"<li value=\"{n}\"><p class=\"quiz-prompt\">{html_text(q.prompt)}</p>"
                f"<p><strong>{answer}</strong> ({correct_texts})</p>"
                f"<p>{html_text(q.explanation)}</p>{objective}</li>"
            )
        out.append("</ol></section>")
    out.append("</div>")
    return "".join(out)
