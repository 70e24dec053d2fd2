"""The live-notebook rendering: the Python side of the quiz widget."""

from __future__ import annotations

from pathlib import Path

import pytest

from procurement_course.quizzes.widget import ESM, NOTEBOOK_ENTRY, QuizWidget, find_course_root

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "tests" / "fixtures" / "quiz_site"


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
        "one-indicator": {"selected": [0], "tries": 1, "done": False},  # right after a wrong try, not checked yet
    }
    assert widget.score == 1
    assert widget.results() == [
        {"question": "pay", "chosen": "A", "tries": 1, "done": True, "correct": True},
        {"question": "signs", "chosen": "A", "tries": 2, "done": True, "correct": False},
        {"question": "one-indicator", "chosen": "A", "tries": 1, "done": False, "correct": False},
    ]


def test_a_claimed_score_is_not_trusted_and_bad_answers_are_dropped(widget):
    widget.answers = {"pay": {"selected": [1, 7, "x"], "tries": 5, "done": True}, "nope": {"selected": [0]},
                      "signs": {"selected": [0, 2], "tries": 0, "done": True}}   # done without a check: not done
    assert widget.answers == {"pay": {"selected": [1], "tries": 2, "done": True},
                              "signs": {"selected": [0, 2], "tries": 0, "done": False}}
    widget.score = 3  # what a tampered front end might send
    assert widget.score == 0


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


def test_unknown_quiz_id_is_a_clear_key_error():
    with pytest.raises(KeyError):
        QuizWidget.from_id("no-such-quiz", root=SITE)
