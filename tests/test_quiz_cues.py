"""Cues a learner could pass on: the course's banks stay within the limits, and a bank that breaks
each limit is caught (so the limits can fail). Expected scores are exact, checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from procurement_course.quizzes import cueing
from procurement_course.quizzes.load import load_bank, quiz_files
from procurement_course.quizzes.model import Option, Question
from procurement_course.course.settings import load_course_settings
from procurement_course.source import bibliography_keys

ROOT = Path(__file__).resolve().parents[1]
CUES = ROOT / "tests" / "fixtures" / "cues"


@pytest.fixture(scope="module")
def course_lines():
    bank = load_bank(quiz_files(ROOT / "quizzes"), bibliography_keys([ROOT / "references.bib"]), root=ROOT)
    return cueing.report(bank.quizzes.values(), tries=load_course_settings(ROOT).tries)


def test_every_module_quiz_and_the_assessment_are_within_the_limits(course_lines):
    over = [str(line) for line in course_lines if line.over]
    assert not over, "\n".join(over)
    *quizzes, total = course_lines
    assert len(quizzes) == 8 and all(q.score is not None and q.score < 0.5 for q in quizzes)
    assert total.final is not None and total.final < 0.5
    assert total.true_false >= 16 and 0.35 <= total.true_share <= 0.65
    assert total.absolute_share < 0.35
    # Not a checker limit, but item 3 of the review: correct options mixed among the distractors.
    assert total.in_front_share <= 1 / 3, str(total)


def test_red_flag_and_multiple_answer_items_vary_how_many_are_right(course_lines):
    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    counts = {len(q.correct_indices) for quiz in bank.quizzes.values() for q in quiz.questions
              if q.type in ("multiple", "red_flags")}
    assert {1, 2, 3, 4} <= counts, counts


def test_a_cued_bank_breaks_every_limit():
    quiz = load_bank([CUES / "cued.yml"], None, root=CUES)["cued-bank"]
    cues = cueing.measure(quiz)
    assert (cues.true_false, cues.keyed_true, cues.single, cues.absolute, cues.multiple, cues.in_front) == \
        (2, 0, 2, 2, 1, 1)
    assert cues.score == 1.0  # every cue points to the key
    assert cues.over_true_false and cues.over_absolute and cues.over_score
    total = cueing.report([quiz])[-1]
    assert total.final == 1.0 and total.over_final
    assert str(cues).startswith("warning: cued.yml: cued-bank: ") and "test-wise score in the module quiz 100%" in str(cues)


def test_a_fair_bank_is_within_every_limit():
    quiz = load_bank([CUES / "fair.yml"], None, root=CUES)["fair-bank"]
    cues = cueing.measure(quiz)
    assert (cues.true_false, cues.keyed_true, cues.absolute, cues.in_front) == (2, 1, 0, 0)
    # s1, s2: key ranked last / third: 0. t1 has "all": guessed False, keyed True: 0. t2: no cue and a
    # tie between the keys: 1/2. r1: 2 right of 4 with no absolute word: 1 in C(4, 2) = 6.
    assert cues.score == pytest.approx((0.5 + 1 / 6) / 5)
    assert not cues.over
    assert cueing.report([quiz])[-1].final == pytest.approx((0.5 + 1 / 6) / 5)


def single(texts, right):
    return Question("q", "single", "p", tuple(Option(t, i == right, "") for i, t in enumerate(texts)), "e")


def test_a_second_try_earns_half_and_true_false_has_one():
    second = single(["a longer distractor", "the key", "x"], 1)  # ranked second by length
    assert cueing.chances(second, None, ()) == (0.0, 1.0)
    assert cueing.quiz_score([second], tries=2) == 0.5
    assert cueing.quiz_score([second], tries=1) == 0.0
    tied = single(["same", "sama", "only"], 0)  # two tied at the top: 1/2 first, 1/2 second
    assert cueing.chances(tied, None, ()) == (0.5, 0.5)


def test_top_k_with_random_ties_is_exact():
    # ranks: two without an absolute word, three with; right = one of each kind
    ranks = [False, True, False, True, True]
    assert cueing._top_is(ranks, frozenset({0, 2}), 2) == 1.0
    assert cueing._top_is(ranks, frozenset({0, 2, 3}), 3) == pytest.approx(1 / 3)
    assert cueing._top_is(ranks, frozenset({0, 1}), 2) == 0.0
    assert cueing._top_is(ranks, frozenset({0, 2}), 3) == 0.0
    assert cueing._at([0, 0, 1], 2, 2) == 1.0 and cueing._at([0, 0, 1], 0, 1) == 0.5


def test_the_strategy_is_stated():
    assert "single choice" in cueing.TESTWISE and "true/false" in cueing.TESTWISE
