"""The printed handbook, checked as a reader gets it: the PDF's own text, pages and fonts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from procurement_course.quizzes.load import load_bank, quiz_files

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def handbook(handbook_pdf: Path) -> Path:
    return handbook_pdf


@pytest.fixture(scope="session")
def text(handbook: Path) -> str:
    raw = subprocess.run(["pdftotext", "-layout", str(handbook), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", raw)


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\*\*?", "", s)).strip()


def test_every_module_title_is_in_the_handbook(text: str):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            page = (ROOT / f"{chapter['file']}.md").read_text()
            title = re.search(r"^# (.+)$", page, re.M).group(1)
            assert title in text, f"module title {title!r} missing from the handbook"


def test_every_quiz_question_and_the_answer_key_are_printed(text: str):
    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    for quiz in bank.quizzes.values():
        for q in quiz.questions:
            assert squash(q.prompt)[:60] in text, f"{quiz.id}/{q.id} is missing from the handbook"
    assert "Answer key" in text and "Answer: A" in text


def test_glossary_references_and_nordic_letters(text: str):
    assert "Glossary" in text and "Debt bondage" in text and "References" in text
    assert "työsuojeluviranomainen" in text and "arbetarskyddsmyndigheten" in text


def test_pages_fonts_and_a_page_to_look_at(handbook: Path):
    info = subprocess.run(["pdfinfo", str(handbook)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 60
    assert "A4" in info or "595.28 x 841.89" in info
    fonts = subprocess.run(["pdffonts", str(handbook)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        assert line.split()[-5] == "yes", f"font not embedded: {line}"
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", str(handbook), str(ARTIFACTS / "handbook-page")],
                   check=True)
    assert list(ARTIFACTS.glob("handbook-page*.png"))
    shutil.copy(handbook, ARTIFACTS / "handbook.pdf")


def test_quizzes_print_without_answers(text: str):
    # A feedback sentence appears only in the answer key, once, not beside its question.
    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    q = bank["cleaning-check"].questions[0]
    feedback = squash(next(o.feedback for o in q.options if o.correct))[:50]
    assert text.count(feedback) == 0, "option feedback must not be printed"


def test_options_are_lettered_as_the_answer_key_names_them(text: str):
    """The reader of the printed handbook finds option C where the answer key says 'Answer: C'."""
    from procurement_course.quizzes.render import LETTERS

    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    for quiz in bank.quizzes.values():
        for q in quiz.questions:
            for i, option in enumerate(q.options):
                assert f"{LETTERS[i]}. {squash(option.text)[:40]}" in text, f"{quiz.id}/{q.id}: option {LETTERS[i]}"
            assert f"1. {squash(q.options[0].text)[:40]}" not in text, f"{quiz.id}/{q.id}: options numbered, not lettered"
            correct = sorted(q.correct_indices)
            key = f"Answer: {', '.join(LETTERS[i] for i in correct)} ({squash(q.options[correct[0]].text)[:40]}"
            assert key in text, f"{quiz.id}/{q.id}: the answer key does not say {key!r}"


def test_nothing_meant_for_the_screen_is_printed(text: str):
    # Words only the screen shows (the pages' prose may name a button, as the facilitator guide does).
    for screen_only in ("Check each answer", "stay in this browser", "Keep a draft on this device",
                        "Nothing you write here is sent anywhere", "Choose the files participants"):
        assert screen_only not in text, f"{screen_only!r} is printed"


def test_cases_print_with_their_step_labels_and_lettered_choices(text: str):
    from procurement_course.scenarios.load import load_course_scenarios

    for scenario in load_course_scenarios(ROOT).scenarios.values():
        for step in scenario.steps:
            # Once on the worksheet, once on the answer sheet, and where other steps lead to it.
            assert text.count(step.label) >= 2, f"{scenario.id}: {step.label!r}"
            assert f"A. {squash(step.choices[0].text)[:40]}" in text, f"{scenario.id}/{step.id}: choice A"
        assert f"Branch map of “{scenario.title}”" in text
