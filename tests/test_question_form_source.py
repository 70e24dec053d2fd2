"""The question form's one list of questions: read as written, and every mistake named with its
line in the page, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from procurement_course.sphinx.question_form import html_id, parse_questions

ROOT = Path(__file__).resolve().parents[1]


def test_questions_are_read_as_written():
    questions, errors = parse_questions(
        "- ask: Which sector?\n  hint: Tick all that apply.\n  choices: [Cleaning, Catering]\n"
        "- ask: What would you like   to learn?\n  lines: 4\n- ask: Anything else?\n  optional: true\n")
    assert errors == []
    assert questions == [{"ask": "Which sector?", "hint": "Tick all that apply.", "choices": ["Cleaning", "Catering"]},
                         {"ask": "What would you like to learn?", "lines": 4},
                         {"ask": "Anything else?", "optional": True}]


def test_every_mistake_is_named_with_its_line():
    _, errors = parse_questions("- ask: One?\n  chioces: [A]\n- Two?\n- hint: no question\n- ask: Four?\n  lines: lots\n")
    assert errors == [
        (1, "question 1: unknown key 'chioces'. Did you mean 'choices'? Allowed here: ask, choices, hint, lines, optional."),
        (2, "question 2: write it as '- ask: the question', not as plain text."),
        (3, "question 3: 'ask' (the question itself) is missing or empty."),
        (5, "question 4: lines: a whole number from 1 to 20."),
    ]
    assert parse_questions("- ask: &a One?\n- ask: *a\n")[1][0][1].startswith("anchors, aliases and tags")
    assert parse_questions("ask: [unclosed\n")[1][0][1].startswith("this is not a list of questions")
    assert parse_questions("")[1] == [(0, "a question form needs a list of questions, each starting with '- ask:'.")]


def test_any_form_id_gives_safe_distinct_html_ids():
    assert html_id("participant's \"first\" form").startswith("qf-participant-s-first-form-")
    assert html_id("a'b") != html_id("a b")


def test_a_mistake_stops_the_build_with_page_and_line(tmp_path: Path):
    sample = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "fixtures" / "quiz_site", sample)
    (sample / "form.md").write_text("# A form\n\n```{question-form} f\n- ask: One?\n  lines: many\n```\n")
    result = subprocess.run([str(Path(sys.executable).with_name("sphinx-build")), "-W", "--keep-going", "-b", "html",
                             str(sample), str(tmp_path / "html")], capture_output=True, text=True)
    assert result.returncode != 0
    assert "form.md:5: ERROR: question-form: question 1: lines: a whole number from 1 to 20." in result.stderr
    assert "Traceback" not in result.stderr
