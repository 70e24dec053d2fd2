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


def duration_text(minutes: int, about: bool = False) -> str:
    """5 h 55 min; with ``about``: "about 6 hours" (to the nearest half hour)."""
    if about:
        halves = max(1, round(minutes / 30))
        if halves < 2:
            return f"about {minutes} minutes"
        hours, half = divmod(halves, 2)
        number = f"{hours}\u00bd" if half else f"{hours}"
        return f"about {number} hour{'s' if halves > 2 else ''}"
    hours, rest = divmod(minutes, 60)
    return " ".join(part for part in (f"{hours} h" if hours else "", f"{rest} min" if rest else "") if part) or "0 min"


def total_minutes(course: dict) -> int:
    """The course's length: its modules' times, as the cards state them (so they add up)."""
    return sum(m["minutes"] for m in course["modules"])


NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def course_start_html(course: dict, link: Link) -> str:
    """The start page's first screen: the course's length and its one primary action. "Start the course"
    opens the first lesson; for a returning learner, the course shell puts "Continue where you left off"
    (``a[data-resume]``) in the slot and hides "Start the course"."""
    modules = course["modules"]
    if not modules:
        return ""
    count = len(modules)
    number = NUMBERS[count] if count < len(NUMBERS) else str(count)
    total = total_minutes(course)
    return (
        '<div class="course-start">'
        f'<p class="course-length">{number.capitalize()} module{"s" if count != 1 else ""}, '
        f'<span data-course-time>{duration_text(total, about=True)}</span> in all, at your own pace.</p>'
        '<p class="course-actions">'
        f'<a class="primary-action" data-start href="{escape(link(modules[0]["pages"][0]))}">Start the course</a>'
        '<span class="course-resume" data-resume-slot></span></p></div>'
    )


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
