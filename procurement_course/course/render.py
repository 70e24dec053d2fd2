"""The HTML of the course's own pages, as every reader gets it before any script runs: the module
cards on the start page, the final assessment's question pool, and the learner's record page.
The browser runtime (``static/course.js``, ``assessment.js``, ``record-page.js``) adds the learner's
status, scores and buttons to it. Text is escaped; quiz text travels as runs, as for quizzes.

The fixed words are in the build's language (``runtime_text`` from ``course-runtime``; ``language``
None is the language the build set, ``COURSE_LANGUAGE``), as the runtime's strings are."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Callable

from ..i18n.catalogue import current_language, runtime_text
from ..quizzes.model import Quiz
from ..quizzes.render import json_for_script, runs

Link = Callable[[str], str]  # docname (with an optional "#anchor") -> URL relative to the current page


def duration_text(minutes: int, about: bool = False, language: str | None = None, root: Path | None = None) -> str:
    """5 h 55 min; with ``about``: "about 6 hours" (to the nearest half hour)."""
    if about:
        halves = max(1, round(minutes / 30))
        if halves < 2:
            return runtime_text("about {minutes} minutes", language, root, minutes=minutes)
        hours, half = divmod(halves, 2)
        number = f"{hours}\u00bd" if half else f"{hours}"
        if halves > 2:
            return runtime_text("about {hours} hours", language, root, hours=number)
        return runtime_text("about {hours} hour", language, root, hours=number)
    hours, rest = divmod(minutes, 60)
    parts = (runtime_text("{hours} h", language, root, hours=hours) if hours else "",
             runtime_text("{minutes} min", language, root, minutes=rest) if rest else "")
    return " ".join(part for part in parts if part) or runtime_text("{minutes} min", language, root, minutes=0)


def total_minutes(course: dict) -> int:
    """The course's length: its modules' times, as the cards state them (so they add up)."""
    return sum(m["minutes"] for m in course["modules"])


# Small numbers in words, per language ("Six modules", "Kuusi moduulia", "Sex moduler"); from 13 on, digits.
NUMBERS = {
    "en": ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
    "fi": ["ei yhtään", "yksi", "kaksi", "kolme", "neljä", "viisi", "kuusi", "seitsemän", "kahdeksan", "yhdeksän",
           "kymmenen", "yksitoista", "kaksitoista"],
    "sv": ["inga", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"],
}


def course_start_html(course: dict, link: Link, language: str | None = None, root: Path | None = None) -> str:
    """The start page's first screen: the course's length and its one primary action. "Start the course"
    opens the first lesson; for a returning learner, the course shell puts "Continue where you left off"
    (``a[data-resume]``) in the slot and hides "Start the course"."""
    modules = course["modules"]
    if not modules:
        return ""
    count = len(modules)
    words = NUMBERS.get(language or current_language(), NUMBERS["en"])
    number = words[count] if count < len(words) else str(count)
    time = f'<span data-course-time>{escape(duration_text(total_minutes(course), True, language, root))}</span>'
    # The sentence is escaped as a whole, then the time's element goes into its {time} placeholder.
    length = (runtime_text("{count} module, {time} in all, at your own pace.", language, root) if count == 1 else
              runtime_text("{count} modules, {time} in all, at your own pace.", language, root))
    length = escape(length).format(count=escape(number), time=time)
    length = length[:1].upper() + length[1:]
    start = escape(runtime_text("Start the course", language, root))
    return (
        '<div class="course-start">'
        f'<p class="course-length">{length}</p>'
        '<p class="course-actions">'
        f'<a class="primary-action" data-start href="{escape(link(modules[0]["pages"][0]))}">{start}</a>'
        '<span class="course-resume" data-resume-slot></span></p></div>'
    )


def module_cards_html(course: dict, link: Link, language: str | None = None, root: Path | None = None) -> str:
    """The start page's course overview: progress, and a card per module (status filled in by script)."""
    cards = []
    for m in course["modules"]:
        parts = [runtime_text("{minutes} minutes", language, root, minutes=m["minutes"]),
                 runtime_text("{count} quiz questions", language, root, count=m["questions"])]
        if m["case"]:
            parts.append(runtime_text("a case to play", language, root))
        meta = runtime_text("About {parts}", language, root, parts=" · ".join(parts))
        if not m["required"]:
            meta += " · " + runtime_text("optional", language, root)
        cards.append(
            f'<li class="module-card" data-module="{escape(m["id"])}">'
            f'<h3 class="module-title"><a href="{escape(link(m["pages"][0]))}">{escape(m["title"])}</a></h3>'
            f'<p class="module-meta">{escape(meta)}</p>'
            f'<p class="module-status" data-module-status>{escape(runtime_text("Not started", language, root))}</p></li>')
    required = sum(1 for m in course["modules"] if m["required"])
    progress = runtime_text("{done} of {total} modules done", language, root, done=0, total=required)
    return (
        '<div class="course-overview">'
        f'<p class="course-progress" data-course-progress>{escape(progress)}</p>'
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


def assessment_html(pool: dict, link: Link, language: str | None = None, root: Path | None = None) -> str:
    """The assessment's place: a note for a browser without JavaScript, a note for paper
    (``course-paper``: hidden on screen by assessment.css, shown in the handbook) and the pool."""
    for module in pool["modules"]:
        for q in module["questions"]:
            q["teach"] = link(q["teach"])
    total = sum(len(m["questions"]) for m in pool["modules"])
    label = runtime_text("Final assessment", language, root)
    static = runtime_text("The final assessment draws {size} questions from the {total} questions of the module quizzes, afresh for each attempt. It needs JavaScript, which is off or has not loaded in this browser.",
                          language, root, size=pool["size"], total=total)
    paper = runtime_text("On the course website, this page holds the final assessment: each attempt draws a fresh set of questions from the module quizzes in this handbook, with the options shuffled, and gives the score and a review of every question when the learner submits. It is taken on the website, not on paper.",
                         language, root)
    return (
        f'<section class="assessment" data-assessment aria-label="{escape(label)}">'
        f'<p class="assessment-static">{escape(static)}</p>'
        f'<p class="course-paper">{escape(paper)}</p>'
        f'<script type="application/json" class="assessment-data">{json_for_script(pool)}</script></section>'
    )


def record_html(language: str | None = None, root: Path | None = None) -> str:
    label = runtime_text("Your record", language, root)
    static = runtime_text("Your record appears here when JavaScript is on. It is kept in this browser only.", language, root)
    paper = runtime_text("On the course website, this page shows the learner's own record: each module's status and quiz score, the assessment attempts, and a record of completion to print. The record is kept by the learner's browser, so it is shown on the website, not on paper.",
                         language, root)
    return (
        f'<section class="course-record" data-course-record aria-label="{escape(label)}">'
        f'<p class="record-static">{escape(static)}</p>'
        f'<p class="course-paper">{escape(paper)}</p></section>'
    )
