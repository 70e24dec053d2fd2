"""The quiz model and validator: real banks load; every malformed file is rejected clearly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from procurement_course.quizzes.load import load_bank, main, quiz_files
from procurement_course.quizzes.model import Option, Question, Quiz
from procurement_course.source import SourceErrors, bibliography_keys

ROOT = Path(__file__).resolve().parents[1]
MALFORMED = sorted((ROOT / "tests" / "fixtures" / "malformed").glob("*.yml"))
BIB = bibliography_keys([ROOT / "references.bib"])


def test_the_course_banks_are_valid():
    bank = load_bank(quiz_files(ROOT / "quizzes"), BIB, root=ROOT)
    for quiz in bank.quizzes.values():
        kinds = {q.type for q in quiz.questions}
        assert quiz.questions, quiz.id
        assert kinds <= {"single", "multiple", "true_false", "red_flags"}


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


def test_scoring_counts_only_checked_exact_answers():
    q = Question("a", "multiple", "p", (Option("x", True, ""), Option("y", True, ""), Option("z", False, "")), "e")
    quiz = Quiz("quiz", "t", (q,))
    assert quiz.score({"a": {"selected": [0, 1], "checked": True}}) == 1
    assert quiz.score({"a": {"selected": [0, 1], "checked": False}}) == 0
    assert quiz.score({"a": {"selected": [0], "checked": True}}) == 0
    assert quiz.score({"a": {"selected": [0, 1, 2], "checked": True}}) == 0
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
            "duplicate-quiz-id", "unknown-source"} <= names


def test_duplicate_quiz_ids_across_files_name_both_places(tmp_path: Path):
    body = ("quizzes:\n  - id: same\n    title: T\n    questions:\n      - id: a\n        type: true_false\n"
            "        prompt: P\n        options: [{text: 'True', correct: true, feedback: F},"
            " {text: 'False', correct: false, feedback: F}]\n        explanation: E\n")
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
