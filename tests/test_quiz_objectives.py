"""Learning objectives in the built course: a page states them from the quiz bank, the answer key
names each question's objective, and an objective's section must be a label of the course."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "quiz_site"
SPHINX = Path(sys.executable).with_name("sphinx-build")

pytestmark = pytest.mark.build

OBJECTIVE = "Compare documents with reality and read the signs together."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of the sample project (keeps the suite lean): sample-check's objective is taught
    in a labelled section of a page that states it; notebook-check's objective names a section
    that no page has, so the build must fail with that mistake and still write the pages."""
    tmp = tmp_path_factory.mktemp("objectives")
    src = tmp / "src"
    shutil.copytree(SAMPLE, src)
    bank = src / "quizzes" / "sample.yml"
    text = bank.read_text().replace(f'        text: "{OBJECTIVE}"\n',
                                    f'        text: "{OBJECTIVE}"\n        section: records\n', 1)
    text = text.replace('        text: "Choose the documents to compare."\n',
                        '        text: "Choose the documents to compare."\n        section: recrods\n', 1)
    bank.write_text(text)
    (src / "ten.md").write_text(
        "# Ten quizzes\n\n```{quiz-objectives} sample-check\nAfter this page you will be able to:\n```\n\n"
        "(records)=\n## Reading records\n\nText.\n")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "section: recrods" in t)
    result = subprocess.run([str(SPHINX), "-W", "--keep-going", "-b", "html", str(src), str(tmp / "html")],
                            capture_output=True, text=True)
    return result, tmp / "html", line


def test_page_states_objectives_and_key_names_them(built):
    _, html, _ = built
    page = BeautifulSoup((html / "ten.html").read_text(), "html.parser")
    box = page.select_one("div.admonition.learning-objectives")
    assert box.select_one(".admonition-title").get_text() == "Learning objectives"
    assert "After this page you will be able to:" in box.get_text()
    assert [li.get_text(strip=True) for li in box.select("ol > li")] == [OBJECTIVE]
    key = BeautifulSoup((html / "key.html").read_text(), "html.parser")
    objectives = [p.get_text() for p in key.select(".quiz-key-objective")]
    assert objectives == [f"Objective: {OBJECTIVE}"] * 3  # one per question of sample-check


def test_objective_naming_a_missing_section_fails_with_file_line_field(built):
    result, _, line = built
    assert result.returncode != 0
    assert (f"quizzes/sample.yml:{line}: ERROR: quizzes[1].objectives[0].section: no section is labelled "
            "'recrods'. Did you mean 'records'?") in result.stderr
    assert "Traceback" not in result.stderr
    assert "'records'" not in result.stderr.replace("Did you mean 'records'", "")  # the existing label passes
