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


def sample_with_sections(tmp_path: Path, section: str) -> Path:
    """The sample project, its objective taught in a labelled section of a page that states it."""
    src = tmp_path / "src"
    shutil.copytree(SAMPLE, src)
    bank = src / "quizzes" / "sample.yml"
    bank.write_text(bank.read_text().replace(
        f'        text: "{OBJECTIVE}"\n', f'        text: "{OBJECTIVE}"\n        section: {section}\n', 1))
    (src / "ten.md").write_text(
        "# Ten quizzes\n\n```{quiz-objectives} sample-check\nAfter this page you will be able to:\n```\n\n"
        "(records)=\n## Reading records\n\nText.\n")
    return src


def build(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(SPHINX), "-W", "--keep-going", "-b", "html", str(src), str(out)],
                          capture_output=True, text=True)


def test_page_states_objectives_and_key_names_them(tmp_path: Path):
    result = build(sample_with_sections(tmp_path, "records"), tmp_path / "html")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "html" / "ten.html").read_text(), "html.parser")
    box = page.select_one("div.admonition.learning-objectives")
    assert box.select_one(".admonition-title").get_text() == "Learning objectives"
    assert "After this page you will be able to:" in box.get_text()
    assert [li.get_text(strip=True) for li in box.select("ol > li")] == [OBJECTIVE]
    key = BeautifulSoup((tmp_path / "html" / "key.html").read_text(), "html.parser")
    objectives = [p.get_text() for p in key.select(".quiz-key-objective")]
    assert objectives == [f"Objective: {OBJECTIVE}"] * 3  # one per question of sample-check


def test_objective_naming_a_missing_section_fails_with_file_line_field(tmp_path: Path):
    src = sample_with_sections(tmp_path, "recrods")
    line = next(n for n, text in enumerate((src / "quizzes" / "sample.yml").read_text().splitlines(), 1)
                if "section: recrods" in text)
    result = build(src, tmp_path / "html")
    assert result.returncode != 0
    assert (f"quizzes/sample.yml:{line}: ERROR: quizzes[0].objectives[0].section: no section is labelled "
            "'recrods'. Did you mean 'records'?") in result.stderr
    assert "Traceback" not in result.stderr
