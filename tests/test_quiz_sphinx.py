"""The quiz engine inside Sphinx: placing quizzes, failing loudly, rebuilding what changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "quiz_site"
SPHINX = Path(sys.executable).with_name("sphinx-build")

pytestmark = pytest.mark.build


def build(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(SPHINX), "-W", "--keep-going", "-b", "html", str(src), str(out)],
                          capture_output=True, text=True)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    return src


def test_sample_builds_with_quizzes_in_markdown_and_notebook_pages(sample: Path, tmp_path: Path):
    result = build(sample, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "html" / "index.html").read_text()
    notebook = (tmp_path / "html" / "notebook.html").read_text()
    assert 'data-quiz="sample-check"' in index
    assert 'data-quiz="notebook-check"' in notebook
    # The one-line role became a block, not a quiz inside a paragraph.
    assert '<p><section class="quiz"' not in index


def test_runtime_is_loaded_once_and_only_on_quiz_pages(sample: Path, tmp_path: Path):
    build(sample, tmp_path / "html")
    ten = (tmp_path / "html" / "ten.html").read_text()
    key = (tmp_path / "html" / "key.html").read_text()
    assert ten.count('data-quiz="') == 10
    assert ten.count("_static/quiz.js") == 1 and ten.count("_static/quiz.css") == 1
    assert "quiz.js" not in key and "quiz.css" in key
    genindex = (tmp_path / "html" / "genindex.html").read_text()
    assert "quiz.js" not in genindex
    assert (tmp_path / "html" / "_static" / "quiz.js").exists()


def test_answer_key_lists_answers(sample: Path, tmp_path: Path):
    build(sample, tmp_path / "html")
    key = (tmp_path / "html" / "key.html").read_text()
    assert "Answer: A</strong>" in key and "Answer: A, C</strong>" in key
    assert "Compare documents with reality." in key


def test_page_naming_an_unknown_quiz_fails_with_page_and_line(sample: Path, tmp_path: Path):
    (sample / "hostile.md").write_text("# Hostile quiz\n\nText.\n\n{quiz}`sample-chek`\n")
    result = build(sample, tmp_path / "html")
    assert result.returncode != 0
    assert "hostile.md:5: ERROR: no quiz has the id 'sample-chek'. Did you mean 'sample-check'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_quiz_inside_a_sentence_is_refused(sample: Path, tmp_path: Path):
    (sample / "hostile.md").write_text("# Hostile quiz\n\nTry {quiz}`sample-check` now.\n")
    result = build(sample, tmp_path / "html")
    assert result.returncode != 0
    assert "a quiz must stand on a line of its own" in result.stderr


def test_malformed_bank_fails_the_build_with_file_line_field(sample: Path, tmp_path: Path):
    shutil.copy(ROOT / "tests" / "fixtures" / "malformed" / "two-correct-single.yml", sample / "quizzes")
    result = build(sample, tmp_path / "html")
    assert result.returncode != 0
    assert ("quizzes/two-correct-single.yml:9: ERROR: quizzes[0].questions[0].options: a single-choice "
            "question needs exactly one correct option, found 2.") in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_editing_a_bank_rebuilds_exactly_the_pages_that_use_it(sample: Path, tmp_path: Path):
    out = tmp_path / "html"
    assert build(sample, out).returncode == 0
    bank = sample / "quizzes" / "sample.yml"
    bank.write_text(bank.read_text().replace("Unpaid hours", "Hours worked but not paid"))
    result = build(sample, out)
    assert result.returncode == 0, result.stderr
    reread = result.stdout.split("reading sources...", 1)[1].split("looking for now-outdated", 1)[0]
    # The pages that use a quiz from sample.yml, and no other.
    assert sorted(line.rsplit("] ", 1)[1] for line in reread.split("\n") if "] " in line) == ["index", "key", "notebook"]
    assert "Hours worked but not paid" in (out / "index.html").read_text()
    assert "Unpaid hours" not in (out / "index.html").read_text()


def test_scenario_page_and_answer_sheet(sample: Path, tmp_path: Path):
    result = build(sample, tmp_path / "html")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "html" / "scenario.html").read_text()
    sheet = (tmp_path / "html" / "sheet.html").read_text()
    assert 'data-scenario="sample-case"' in page
    assert page.count("_static/scenario.js") == 1 and "quiz.js" not in page
    static = page.split('<script type="application/json"', 1)[0]
    assert "Workers describe unpaid hours." not in static  # consequences only in play and on the sheet
    assert '<h3 class="scenario-step-label">3 · Step third</h3>' in static and "Your choice and why:" in static
    assert "Workers describe unpaid hours." in sheet and "Leads to the ending" in sheet
    assert "scenario.js" not in sheet


def test_malformed_scenario_fails_the_build(sample: Path, tmp_path: Path):
    shutil.copy(ROOT / "tests" / "fixtures" / "malformed_scenarios" / "loop.yml", sample / "scenarios")
    result = build(sample, tmp_path / "html")
    assert result.returncode != 0
    assert "scenarios/loop.yml:25: ERROR: scenarios[0].steps[2].choices[0].next: a path loops back" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_page_naming_an_unknown_scenario_fails(sample: Path, tmp_path: Path):
    (sample / "scenario.md").write_text("# A scenario\n\n{scenario}`sample-cas`\n")
    result = build(sample, tmp_path / "html")
    assert result.returncode != 0
    assert "scenario.md:3: ERROR: no scenario has the id 'sample-cas'. Did you mean 'sample-case'?" in result.stderr
