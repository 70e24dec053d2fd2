"""The quiz model and validator: real banks load; every malformed file is rejected clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from procurement_course.quizzes import cueing
from procurement_course.quizzes.load import load_bank, main, quiz_files
from procurement_course.quizzes.model import Option, Question, Quiz
from procurement_course.source import SourceErrors, bibliography_keys

ROOT = Path(__file__).resolve().parents[1]
MALFORMED = sorted((ROOT / "tests" / "fixtures" / "malformed").glob("*.yml"))
CUEING = ROOT / "tests" / "fixtures" / "cueing"
BIB = bibliography_keys([ROOT / "references.bib"])


@pytest.fixture(scope="module")
def course_bank():
    return load_bank(quiz_files(ROOT / "quizzes"), BIB, root=ROOT)


def test_the_course_banks_are_valid(course_bank):
    for quiz in course_bank.quizzes.values():
        kinds = {q.type for q in quiz.questions}
        assert quiz.questions, quiz.id
        assert kinds <= {"single", "multiple", "true_false", "red_flags"}


def test_every_objective_of_the_course_is_taught_somewhere_and_tested_twice(course_bank):
    """The final assessment draws fresh questions per objective and sends a learner to the section
    that teaches it: every objective needs two questions and a section."""
    for quiz in course_bank.quizzes.values():
        assert len(quiz.objectives) >= 2, quiz.id
        for o in quiz.objectives:
            assert o.section, f"{quiz.id}: objective '{o.id}' names no section"
            assert sum(q.objective == o.id for q in quiz.questions) >= 2, f"{quiz.id}: {o.id}"
        assert {q.objective for q in quiz.questions} == {o.id for o in quiz.objectives}, quiz.id


def test_the_banks_are_large_enough_for_fresh_draws(course_bank):
    sizes = {quiz.id: len(quiz.questions) for quiz in course_bank.quizzes.values()}
    assert sum(sizes.values()) >= 120, sizes
    assert min(sizes.values()) >= 12, sizes


def test_the_course_banks_give_nothing_away_by_length_or_position(course_bank):
    lines = cueing.report(course_bank.quizzes.values())
    over = [str(line) for line in lines if line.over]
    assert not over, "\n".join(over)
    total = lines[-1]
    assert total.name == "all quizzes" and total.single >= 40
    assert total.longest <= total.single / 3


def test_cueing_report_counts_longest_and_positions():
    cued = load_bank([CUEING / "over.yml"], None, root=CUEING)["cued-check"]
    fair = load_bank([CUEING / "under.yml"], None, root=CUEING)["fair-check"]
    over, under = cueing.measure(cued), cueing.measure(fair)
    assert (over.single, over.longest, over.positions) == (3, 2, (0, 3, 0, 0))
    assert over.over_longest and over.over_position
    assert str(over) == ("warning: over.yml: cued-check: correct option strictly longest in 2 of 3 single-choice "
                         "questions (67%); correct options by position: A 0, B 3, C 0, D 0; absolute word in a "
                         "distractor only in 0 of 3 (0%); test-wise score in the module quiz 83%: over the limit "
                         "(more than a third strictly longest; more than half at B; test-wise quiz score 50% or more).")
    assert (under.single, under.longest, under.positions) == (4, 1, (1, 1, 1, 1))
    assert not under.over
    assert str(under) == ("under.yml: fair-check: correct option strictly longest in 1 of 4 single-choice "
                          "questions (25%); correct options by position: A 1, B 1, C 1, D 1; absolute word in a "
                          "distractor only in 0 of 4 (0%); test-wise score in the module quiz 34%.")
    both = cueing.combine([cued, fair], "both")
    assert (both.single, both.longest, both.positions) == (7, 3, (1, 4, 1, 1))
    assert both.over_longest and both.over_position  # 3 of 7 > a third; 4 of 7 at B > half


def test_cueing_limits_are_strict_at_a_third_and_a_half():
    def quiz(rights_and_longest):
        qs = []
        for n, (right, longest) in enumerate(rights_and_longest):
            texts = ["bb", "bb", "bb", "bb"]
            texts[right] = "aaa" if longest else "bb"
            qs.append(Question(f"q{n}", "single", "p", tuple(Option(t, i == right, "") for i, t in
                                                           enumerate(texts)), "e"))
        return Quiz("limits", "t", tuple(qs))

    at_limit = cueing.measure(quiz([(0, True), (0, True), (1, False), (2, False), (3, False), (1, False)]))
    assert at_limit.longest == 2 and at_limit.single == 6 and not at_limit.over_longest  # exactly a third
    half = cueing.measure(quiz([(0, False), (0, False), (1, False), (2, False)]))
    assert not half.over_position  # exactly half at A
    more = cueing.measure(quiz([(0, False), (0, False), (0, False), (2, False)]))
    assert more.over_position and more.top_position == ("A", 3)


def test_sample_bank_loads_into_the_model():
    site = ROOT / "tests" / "fixtures" / "quiz_site"
    bank = load_bank(quiz_files(site / "quizzes"), bibliography_keys([site / "references.bib"]), root=site)
    quiz = bank["sample-check"]
    assert quiz.title == "Check your understanding: sample"
    assert [q.type for q in quiz.questions] == ["single", "red_flags", "true_false"]
    # YAML reads a bare True as a boolean; the author meant the text "True".
    assert [o.text for o in quiz.question("one-indicator").options] == ["True", "False"]
    assert quiz.question("signs").correct_indices == {0, 2}
    assert quiz.file == "quizzes/sample.yml"
    assert [o.id for o in quiz.objectives] == ["read-records"]
    assert {q.objective for q in quiz.questions} == {"read-records"}


def test_scoring_counts_only_done_exact_answers():
    """A question scores when it is done (answered right, or no tries left) with exactly the right options."""
    q = Question("a", "multiple", "p", (Option("x", True, ""), Option("y", True, ""), Option("z", False, "")), "e")
    quiz = Quiz("quiz", "t", (q,))
    assert quiz.score({"a": {"selected": [0, 1], "tries": 1, "done": True}}) == 1
    assert quiz.score({"a": {"selected": [0, 1], "tries": 0, "done": False}}) == 0
    assert quiz.score({"a": {"selected": [0], "tries": 2, "done": True}}) == 0
    assert quiz.score({"a": {"selected": [0, 1, 2], "tries": 2, "done": True}}) == 0
    assert quiz.score({}) == 0


@pytest.mark.parametrize("path", MALFORMED, ids=[p.name for p in MALFORMED])
def test_malformed_bank_is_rejected_with_file_line_and_field(path: Path):
    expected = re.match(r"# expect: (.*)", path.read_text().splitlines()[0] if path.read_text() else "")
    expected = expected.group(1) if expected else path.read_text().split("# expect: ", 1)[1].strip()
    with pytest.raises(SourceErrors) as caught:
        load_bank([path], BIB, root=path.parent)
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith(expected) for m in messages), f"expected {expected!r} in:\n" + "\n".join(messages)
    for m in messages:
        assert re.match(r"^[\w./-]+\.yml:\d+: ", m), f"no file:line in {m!r}"
        assert "Traceback" not in m


def test_the_corpus_covers_the_promised_mistakes():
    names = {p.stem for p in MALFORMED}
    assert {"syntax", "unknown-key", "missing-text", "no-correct", "duplicate-question-id",
            "duplicate-quiz-id", "unknown-source", "no-objectives", "question-without-objective",
            "unknown-objective", "duplicate-objective-id", "objective-tested-once"} <= names


def test_duplicate_quiz_ids_across_files_name_both_places(tmp_path: Path):
    question = ("      - id: {}\n        type: true_false\n        prompt: P\n        options: [{{text: 'True', "
                "correct: true, feedback: F}}, {{text: 'False', correct: false, feedback: F}}]\n        explanation: E\n"
                "        objective: o\n")
    body = ("quizzes:\n  - id: same\n    title: T\n    objectives: [{id: o, text: O}]\n    questions:\n"
            + question.format("a") + question.format("b"))
    (tmp_path / "a.yml").write_text(body)
    (tmp_path / "b.yml").write_text(body)
    with pytest.raises(SourceErrors) as caught:
        load_bank(quiz_files(tmp_path), None, root=tmp_path)
    assert str(caught.value) == ("b.yml:2: quizzes[0].id: the quiz id 'same' is already used in a.yml:2. "
                                 "Give every quiz its own id.")


def test_command_line_check_reports_and_fails(capsys):
    assert main([str(ROOT / "tests" / "fixtures" / "malformed" / "bad-type.yml"), "--bib", str(ROOT / "references.bib")]) == 1
    assert "unknown question type 'essay'" in capsys.readouterr().out
    assert main([str(ROOT / "quizzes"), "--bib", str(ROOT / "references.bib")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("no mistakes found.")
    assert all(re.match(r"^\S*quizzes/[\w-]+\.yml: [a-z-]+: correct option", line) for line in out[1:-1])
    assert len(out) == 2 + 8 and out[-1].startswith("all quizzes: ")
    assert not any(line.startswith("warning:") for line in out)


def test_command_line_warns_about_a_cued_bank_and_still_passes(capsys):
    assert main([str(CUEING)]) == 0
    lines = capsys.readouterr().out.splitlines()
    cued = [line for line in lines if "cued-check:" in line]
    fair = [line for line in lines if "fair-check:" in line]
    assert cued[0].startswith("warning: ") and "strictly longest in 2 of 3" in cued[0]
    assert not fair[0].startswith("warning: ") and "strictly longest in 1 of 4" in fair[0]
