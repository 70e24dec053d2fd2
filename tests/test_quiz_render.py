"""Rendering: text stays text, the page carries readable questions without answers."""

from __future__ import annotations

import json
import re

from procurement_course.quizzes.model import Option, Question, Quiz
from procurement_course.quizzes.render import answer_key_html, html_text, json_for_script, payload, quiz_html, runs

QUIZ = Quiz("demo", "Demo <b>quiz</b>", (
    Question("q1", "single", "Is **this** *safe*?", (
        Option("<script>alert(1)</script>", True, "Right <img src=x onerror=alert(2)>"),
        Option("No", False, "Wrong"),
    ), "Because </script><script>alert(3)</script>"),
))


def test_runs_parse_only_bold_and_italic():
    assert runs("a **b** *c* d") == [["", "a "], ["b", "b"], ["", " "], ["i", "c"], ["", " d"]]
    assert runs("2 * 3 * 4") == [["", "2 * 3 * 4"]]
    assert runs("<b>x</b>") == [["", "<b>x</b>"]]


def test_html_text_escapes_everything_else():
    assert html_text("**<i>x</i>**") == "<strong>&lt;i&gt;x&lt;/i&gt;</strong>"


def test_page_markup_has_no_live_tags_from_quiz_text_and_no_answers_shown():
    html = quiz_html(QUIZ)
    static = html.split('<script type="application/json"', 1)[0]
    assert "<script>" not in static and "<img" not in static
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in static
    assert 'data-quiz="demo"' in html
    # Feedback and explanations are not in the readable part (print shows no answers).
    assert "Right" not in static and "Because" not in static
    assert '<ol class="quiz-static-options" type="A">' in static


def test_json_payload_cannot_close_its_script_element():
    html = quiz_html(QUIZ)
    data = html.split('class="quiz-data">', 1)[1].rsplit("</script>", 1)[0]
    assert "</script" not in data and "<" not in data
    assert json.loads(data) == payload(QUIZ)
    assert json.loads(json_for_script({"a": "</script>"})) == {"a": "</script>"}


def test_answer_key_gives_letters_and_explanations():
    key = answer_key_html([QUIZ])
    assert re.search(r"Answer: A</strong>", key)
    assert "Because &lt;/script&gt;" in key
