"""The HTML of the course's own pages, as every reader gets it before any script runs: the module
cards on the start page, the final assessment's question pool, and the learner's record page.
The browser runtime (``static/course.js``, ``assessment.js``, ``record-page.js``) adds the learner's
status, scores and buttons to it. Text is escaped; quiz text travels as runs, as for quizzes."""

from __future__ import annotations

from html import escape
from typing import Callable

from ..quizzes.model import Quiz
from ..quizzes.render import json_for_script, runs

Link = Callable[[str], str]  # docname (with an optional "#anchor") -> URL relative to the current page


def module_cards_html(course: dict, link: Link) -> str:
    """The start page's course overview: progress, and a card per module (status filled in by script)."""
    cards = []
    for m in course["modules"]:
        parts = [f"{m['minutes']} minutes", f"{m['questions']} quiz questions"]
        if m["case"]:
            parts.append("a case to play")
        need = "" if m["required"] else " · optional"
        cards.append(
            f'<li class="module-card" data-module="{escape(m["id"])}">'
            f'<h3 class="module-title"><a href="{escape(link(m["pages"][0]))}">{escape(m["title"])}</a></h3>'
            f'<p class="module-meta">About {" · ".join(parts)}{need}</p>'
            f'<p class="module-status" data-module-status>Not started</p></li>')
    required = sum(1 for m in course["modules"] if m["required"])
    return (
        '<div class="course-overview">'
        f'<p class="course-progress" data-course-progress>0 of {required} modules done</p>'
        '<div class="progress-bar" aria-hidden="true"><span style="width:0%"></span></div>'
        '<p class="course-resume" data-resume-slot></p>'
        f'<ol class="module-cards">{"".join(cards)}</ol></div>'
    )


def assessment_pool(course: dict, quizzes: dict[str, Quiz], sections: Callable[[str], tuple[str, str]]) -> dict:
    """The questions the final assessment draws from, by module. Each question names the section that
    teaches it (its objective's section, else the module's quiz page): ``sections(label)`` gives
    (docname#anchor, title) for a label, or ("", "")."""
    pool = []
    for m in course["modules"]:
        quiz = quizzes[m["quiz"]]
        objectives = {o.id: o for o in getattr(quiz, "objectives", ())}
        questions = []
        for q in quiz.questions:
            objective = objectives.get(q.objective)
            target, title = sections(objective.section) if objective and objective.section else ("", "")
            questions.append({
                "id": q.id, "type": q.type, "instruction": q.instruction, "prompt": runs(q.prompt),
                "situation": runs(q.situation), "explanation": runs(q.explanation),
                "options": [{"text": runs(o.text), "correct": o.correct} for o in q.options],
                "objective": objective.text if objective else q.objective,
                "teach": target or m["page"], "teachTitle": title or m["title"],
            })
        pool.append({"module": m["id"], "title": m["title"], "quiz": quiz.id, "questions": questions})
    return {"size": course["assessment"]["size"], "passMark": course["passMark"], "modules": pool}


def assessment_html(pool: dict, link: Link) -> str:
    for module in pool["modules"]:
        for q in module["questions"]:
            q["teach"] = link(q["teach"])
    total = sum(len(m["questions"]) for m in pool["modules"])
    return (
        '<section class="assessment" data-assessment aria-label="Final assessment">'
        f'<p class="assessment-static">The final assessment draws {pool["size"]} questions from the {total} '
        f'questions of the module quizzes, afresh for each attempt. It needs JavaScript, which is off or '
        'has not loaded in this browser.</p>'
        f'<script type="application/json" class="assessment-data">{json_for_script(pool)}</script></section>'
    )


def record_html() -> str:
    return (
        '<section class="course-record" data-course-record aria-label="Your record">'
        '<p class="record-static">Your record appears here when JavaScript is on. It is kept in this '
        'browser only.</p></section>'
    )
