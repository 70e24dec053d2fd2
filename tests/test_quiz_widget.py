"""The live-notebook rendering: the Python side of the quiz widget (the browser side runs in a real
JupyterLab in test_jupyterlab_browser.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from procurement_course.quizzes import widget as widget_module
from procurement_course.quizzes.widget import (ESM, NOTEBOOK_ENTRY, CourseNotFoundError, QuizWidget,
                                               UnknownQuizError, fallback_html, find_course_root)

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "tests" / "fixtures" / "quiz_site"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(autouse=True)
def fresh_kernel(monkeypatch):
    """Each test starts as in a new kernel: no answers kept from an earlier run of a cell."""
    monkeypatch.setattr(widget_module, "_kept_answers", {})


@pytest.fixture
def widget():
    return QuizWidget.from_id("sample-check", root=SITE)


def test_widget_carries_the_same_quiz_data_as_the_site(widget):
    assert widget.quiz["id"] == "sample-check"
    assert [q["id"] for q in widget.quiz["questions"]] == ["pay", "signs", "one-indicator"]
    assert widget.score == 0


def test_answers_from_the_browser_are_scored_in_python(widget):
    widget.answers = {
        "pay": {"selected": [0], "tries": 1, "done": True},      # right at the first try
        "signs": {"selected": [0], "tries": 2, "done": True},    # one of two warning signs, no tries left: wrong
        "one-indicator": {"selected": [1], "tries": 0, "done": False},  # chosen, not checked yet
    }
    assert widget.score == 1 and widget.percent == 33
    assert widget.results() == [
        {"question": "pay", "chosen": "A", "tries": 1, "done": True, "correct": True, "credit": 1.0},
        {"question": "signs", "chosen": "A", "tries": 2, "done": True, "correct": False, "credit": 0.0},
        {"question": "one-indicator", "chosen": "B", "tries": 0, "done": False, "correct": False, "credit": 0.0},
    ]


def test_right_only_after_a_wrong_try_counts_half_and_true_or_false_has_one_try(widget):
    """The site's rules (quiz.js): the browser test checks the same numbers on the page."""
    widget.answers = {
        "pay": {"selected": [0], "tries": 1, "done": True},                 # right at once: 1
        "signs": {"selected": [0, 2], "tries": 2, "done": True},            # right at the second try: 0.5
        "one-indicator": {"selected": [1], "tries": 2, "done": False},      # true/false: one try, wrong, done
    }
    assert widget.answers["one-indicator"] == {"selected": [1], "tries": 1, "done": True}
    assert [r["credit"] for r in widget.results()] == [1.0, 0.5, 0.0]
    assert widget.score == 2 and widget.percent == 50  # 1.5 of 3
    widget.percent = 100  # what a tampered front end might send
    assert widget.percent == 50


def test_a_claimed_score_is_not_trusted_and_bad_answers_are_dropped(widget):
    widget.answers = {"pay": {"selected": [1, 7, "x"], "tries": 5, "done": True}, "nope": {"selected": [0]},
                      "signs": {"selected": [0, 2], "tries": 0, "done": True}}   # done without a check: not done
    assert widget.answers == {"pay": {"selected": [1], "tries": 2, "done": True},
                              "signs": {"selected": [0, 2], "tries": 0, "done": False}}
    widget.score = 3  # what a tampered front end might send
    assert widget.score == 0 and widget.percent == 0


def test_reset_clears_answers_and_score(widget):
    widget.answers = {"pay": {"selected": [0], "tries": 1, "done": True}}
    assert widget.score == 1
    widget.reset()
    assert widget.answers == {} and widget.score == 0


def test_the_widget_module_is_the_site_runtime_plus_an_export():
    static = ROOT / "procurement_course" / "static"
    assert ESM.startswith((static / "core.js").read_text() + (static / "quiz.js").read_text())
    assert ESM.endswith(NOTEBOOK_ENTRY) and NOTEBOOK_ENTRY.rstrip().endswith("export default { render };")


def test_course_root_is_found_from_a_page_folder():
    assert find_course_root(ROOT / "book" / "sectors") == ROOT
    with pytest.raises(FileNotFoundError):
        find_course_root(Path("/"))


def test_an_unknown_id_names_the_nearest_and_lists_every_quiz():
    with pytest.raises(UnknownQuizError) as caught:
        QuizWidget.from_id("sample-chek", root=SITE)
    assert isinstance(caught.value, KeyError)  # `except KeyError` still catches it
    assert str(caught.value) == (
        "no quiz has the id 'sample-chek'. Did you mean 'sample-check'? The quizzes are: hostile-check, "
        "notebook-check, sample-check, ten-1, ten-10, ten-2, ten-3, ten-4, ten-5, ten-6, ten-7, ten-8, ten-9, wide-check.")


def test_a_folder_that_is_not_the_course_says_how_to_point_at_it(tmp_path):
    with pytest.raises(CourseNotFoundError) as caught:
        QuizWidget.from_id("sample-check", root=tmp_path)
    message = str(caught.value)
    assert f"{tmp_path} has no quizzes/ folder" in message
    assert "the one holding _config.yml and quizzes/" in message


def test_outside_the_course_folder_the_installed_course_is_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert QuizWidget.from_id("cleaning-check").quiz["id"] == "cleaning-check"


def test_with_no_quiz_banks_anywhere_the_message_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(widget_module, "PACKAGE", tmp_path / "site-packages" / "procurement_course")
    monkeypatch.setattr(widget_module, "SHIPPED_BANKS", tmp_path / "site-packages" / "procurement_course" / "quiz_banks")
    with pytest.raises(CourseNotFoundError) as caught:
        QuizWidget.from_id("cleaning-check")
    message = str(caught.value)
    assert f"{tmp_path} is not inside the course folder" in message
    assert "root='path/to/course'" in message and "pip install path/to/course" in message


def test_where_widgets_cannot_run_the_output_is_the_printed_quiz_without_answers(widget):
    data, _ = widget._repr_mimebundle_()
    assert set(data) == {"text/plain", "text/html", WIDGET_VIEW}
    assert data["text/plain"] == ("Quiz 'sample-check' (Check your understanding: sample): 3 questions, 0 of 3 "
                                  "answered correctly, score 0 %. Answer it in JupyterLab or Jupyter Notebook.")
    html = data["text/html"]
    assert "A cleaner&#x27;s payslip shows <strong>20 hours</strong>, the access log 35." in html
    assert "<li>Unpaid hours</li><li>Nothing unusual</li>" in html
    assert "On an evening visit, a supervisor answers every question for the workers." in html
    for answer in ("Yes: hours worked but not paid.", "Compare documents with reality.", "correct"):
        assert answer not in html


def test_the_fallback_escapes_everything_an_author_wrote():
    html = fallback_html(QuizWidget.from_id("hostile-check", root=SITE)._quiz)
    assert "<script" not in html and "<img" not in html and "<svg" not in html and "<a " not in html
    assert "&lt;script&gt;window.__pwned = &#x27;title&#x27;&lt;/script&gt;Hostile" in html
    assert "Feedback A" not in html and "Explained" not in html


def test_answers_come_back_when_the_cell_is_run_again_in_the_same_kernel(widget):
    widget.answers = {"pay": {"selected": [1], "tries": 1, "done": False}}
    again = QuizWidget.from_id("sample-check", root=SITE)
    assert again.answers == {"pay": {"selected": [1], "tries": 1, "done": False}}
    assert QuizWidget.from_id("sample-check", root=SITE, restore=False).answers == {}
    assert QuizWidget.from_id("notebook-check", root=SITE).answers == {}  # each quiz keeps its own
    again.reset()
    assert QuizWidget.from_id("sample-check", root=SITE).answers == {}


def test_the_course_rules_come_from_its_config(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(SITE / "quizzes", course / "quizzes")
    (course / "_config.yml").write_text("sphinx:\n  config:\n    course:\n      pass_mark: 60\n      tries: 3\n")
    quiz = QuizWidget.from_id("sample-check", root=course)
    assert (quiz.tries, quiz.pass_mark) == (3, 60)
    quiz.answers = {"pay": {"selected": [1], "tries": 2, "done": True}}  # a third try is still to come
    assert quiz.answers["pay"]["done"] is False
