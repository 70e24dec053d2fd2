"""The Python renderers' fixed words in the build's language (issue 21, item 3): the quiz's page
markup and answer key, the start page, the assessment's and the record's places. English stays
exactly as it was; Finnish and Swedish come from course-runtime.po (as runtime_text gives them)."""

from __future__ import annotations

import re

import pytest

from harness import ROOT
from procurement_course.course.render import (assessment_html, course_start_html, duration_text, module_cards_html,
                                              record_html)
from procurement_course.i18n.catalogue import runtime_text, translations
from procurement_course.quizzes.model import Option, Question, Quiz
from procurement_course.quizzes.render import answer_key_html, quiz_html

QUIZ = Quiz("demo", "Demo", (
    Question("q1", "single", "Which?", (Option("Yes", True, "Right"), Option("No", False, "Wrong")), "Because."),
    Question("q2", "multiple", "Which two?", (Option("A", True, ""), Option("B", False, ""), Option("C", True, "")), "So."),
))
COURSE = {"modules": [
    {"id": "m1", "title": "One", "pages": ["book/one"], "minutes": 45, "questions": 12, "case": "c1", "required": True},
    {"id": "m2", "title": "Two", "pages": ["book/two"], "minutes": 45, "questions": 8, "case": "", "required": False},
]}
POOL = {"size": 20, "passMark": 80, "modules": [{"module": "m1", "title": "One", "quiz": "demo", "questions": []}]}


def link(doc: str) -> str:
    return doc + ".html"


def words(html: str) -> str:
    """The text of some markup: tags out, attribute values (aria-label) kept."""
    labels = " ".join(re.findall(r'aria-label="([^"]*)"', html))
    return " ".join((re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S) + " " + labels).split())


def test_english_is_written_as_before():
    assert duration_text(355) == "5 h 55 min" and duration_text(355, about=True) == "about 6 hours"
    assert duration_text(60, about=True) == "about 1 hour" and duration_text(20, about=True) == "about 20 minutes"
    start = words(course_start_html(COURSE, link, "en", ROOT))
    assert start == "Two modules, about 1½ hours in all, at your own pace. Start the course"
    cards = words(module_cards_html(COURSE, link, "en", ROOT))
    assert "About 45 minutes · 12 quiz questions · a case to play" in cards
    assert "About 45 minutes · 8 quiz questions · optional" in cards and "0 of 1 modules done" in cards
    key = words(answer_key_html([QUIZ], language="en", root=ROOT))
    assert "Jump to: Quizzes: Demo" in key and "Answer: A, C" in key
    assert 'aria-label="Quiz: Demo"' in quiz_html(QUIZ, "en", ROOT)
    assert "The final assessment draws 20 questions from the 0 questions" in words(assessment_html(POOL, link, "en", ROOT))
    assert "Your record appears here when JavaScript is on." in words(record_html("en", ROOT))


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_fi_and_sv_write_their_own_words(language: str):
    html = {
        "start": course_start_html(COURSE, link, language, ROOT),
        "cards": module_cards_html(COURSE, link, language, ROOT),
        "quiz": quiz_html(QUIZ, language, ROOT),
        "key": answer_key_html([QUIZ], language=language, root=ROOT, cases=[("c1", "Case one")]),
        "assessment": assessment_html(POOL, link, language, ROOT),
        "record": record_html(language, ROOT),
    }
    english = ("module", "in all", "Start the course", "About", "quiz questions", "case to play", "optional",
               "modules done", "Not started", "Quiz:", "answers and feedback", "Jump to", "Quizzes", "Cases",
               "Answer:", "final assessment", "course website", "Your record", "appears here")
    # Not the words a translation writes itself (sv "Quiz: {title}" is "Quiz: {title}").
    written = " ".join(translations(str(ROOT), language, "course-runtime").values())
    english = [w for w in english if w not in written]
    for name, markup in html.items():
        text = words(markup).replace("Demo", "").replace("Case one", "")
        found = [w for w in english if re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text)]
        assert not found, f"{language} {name}: English {found} in {text!r}"
    start = words(html["start"])
    assert start.startswith({"fi": "Kaksi moduulia", "sv": "Två moduler"}[language]), start
    assert runtime_text("Start the course", language, ROOT) in start
    assert runtime_text("Answer: {letters}", language, ROOT, letters="A, C") in words(html["key"])
    # Paper's note on the assessment and record pages (handbook.css shows .course-paper only).
    for name in ("assessment", "record"):
        assert re.search(r'<p class="course-paper">[^<]{80,}</p>', html[name]), name
