"""The printed handbooks, checked as a reader gets them: the PDF's own text, pages, fonts and tags.

Two handbooks, each printed once a session (conftest): the participant's (``handbook.pdf``, from
the learner's edition) and the facilitator's (``handbook-facilitator.pdf``, with the guide and the
answer key)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from pdfcheck import accessibility_problems, bookmarks, page_texts, structure
from procurement_course.publish.editions import edition_config, matches
from procurement_course.quizzes.load import load_bank, quiz_files

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.build


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\*\*?", "", s)).strip()


def pdf_text(pdf: Path) -> str:
    return squash(" ".join(page_texts(pdf)))


@pytest.fixture(scope="session")
def handbook(handbook_pdf: Path) -> Path:
    return handbook_pdf


@pytest.fixture(scope="session")
def text(handbook: Path) -> str:
    """The participant's handbook."""
    return pdf_text(handbook)


@pytest.fixture(scope="session")
def ftext(facilitator_handbook_pdf: Path) -> str:
    """The facilitator's handbook."""
    return pdf_text(facilitator_handbook_pdf)


def chapter_titles() -> dict[str, str]:
    """Every page of _toc.yml (chapters and, where a module is split, its sections) -> its title."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    titles, todo = {}, [ch for part in toc["parts"] for ch in part["chapters"]]
    while todo:
        entry = todo.pop(0)
        todo += entry.get("sections", [])
        source = next((ROOT / f"{entry['file']}{ext}" for ext in (".md", ".ipynb") if (ROOT / f"{entry['file']}{ext}").exists()))
        title = re.search(r"^# (.+)$", source.read_text(), re.M)
        if title:
            titles[entry["file"]] = squash(title.group(1))
    return titles


def facilitator_pages() -> set[str]:
    patterns, _ = edition_config(ROOT)
    return {doc for doc in chapter_titles() if matches(doc, patterns)}


def test_every_page_title_is_in_its_handbook(text: str, ftext: str):
    only = facilitator_pages()
    assert only, "no facilitator page in _toc.yml"
    # Sphinx prints typographic apostrophes (The Contractor’s ...); the titles in the sources are typed plainly.
    text, ftext = text.replace("\u2019", "'"), ftext.replace("\u2019", "'")
    for doc, title in chapter_titles().items():
        assert title in ftext, f"{title!r} missing from the facilitator's handbook"
        if doc not in only:
            assert title in text, f"{title!r} missing from the participant's handbook"


def test_participants_handbook_has_no_answer_key_and_no_facilitator_page(handbook: Path, text: str, ftext: str):
    assert "Answer:" not in text and "Answer key" not in bookmarks(handbook)
    assert not re.search(r"Answer: [A-Z]", text)
    marks = bookmarks(handbook)
    for doc in facilitator_pages():
        title = chapter_titles()[doc]
        assert title not in marks, f"the facilitator's page {title!r} is in the participant's handbook"
        assert f"{title} ...." not in text, f"the contents list {title!r}"
    assert "Handbook: the whole course, with quizzes and case worksheets" in text
    # The facilitator's has them.
    assert "Answer: A" in ftext and "Branch map of" in ftext and "Not for participants" in ftext


def test_every_quiz_question_is_printed_and_the_key_numbers_them_as_the_quiz(text: str, ftext: str):
    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    for quiz in bank.quizzes.values():
        for n, q in enumerate(quiz.questions, 1):
            prompt = squash(q.prompt)[:60]
            assert prompt in text and prompt in ftext, f"{quiz.id}/{q.id} is missing"
            # The same number before the question on the quiz (before its situation, if it has
            # one) and in the key (before the prompt).
            first = squash(q.situation)[:60] if q.situation else prompt
            assert f"{n}. {first}" in text and f"{n}. {first}" in ftext, f"{quiz.id}/{q.id}: not numbered {n} on the quiz"
            assert ftext.count(f"{n}. {prompt}") >= (1 if q.situation else 2), f"{quiz.id}/{q.id}: not numbered {n} in the key"


def test_glossary_references_and_nordic_letters(text: str):
    assert "Glossary" in text and "Debt bondage" in text and "References" in text
    assert "työsuojeluviranomainen" in text and "arbetarskyddsmyndigheten" in text


@pytest.mark.parametrize("which", ["participant", "facilitator"])
def test_tagged_titled_in_english_with_bookmarks_alt_text_and_table_headers(which, handbook_pdf, facilitator_handbook_pdf):
    pdf = handbook_pdf if which == "participant" else facilitator_handbook_pdf
    kind = "Handbook: " if which == "participant" else "Facilitator's handbook: "
    assert accessibility_problems(pdf, kind) == []
    marks = bookmarks(pdf)
    assert len(marks) >= 30 and "Glossary" in marks and "References" in marks
    tree = structure(pdf)
    assert "TH" in tree and "Table" in tree and "Figure" in tree and re.search(r"^\s+H1\b", tree, re.M)


def test_pages_fonts_and_a_page_to_look_at(handbook: Path, facilitator_handbook_pdf: Path):
    for pdf in (handbook, facilitator_handbook_pdf):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 60
        assert "A4" in info or "595.28 x 841.89" in info
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert fonts, "no fonts listed"
        for line in fonts:
            assert line.split()[-5] == "yes", f"font not embedded: {line}"
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", str(handbook), str(ARTIFACTS / "handbook-page")],
                   check=True)
    assert list(ARTIFACTS.glob("handbook-page*.png"))
    shutil.copy(handbook, ARTIFACTS / "handbook.pdf")
    shutil.copy(facilitator_handbook_pdf, ARTIFACTS / "handbook-facilitator.pdf")


def test_quizzes_print_without_answers(text: str, ftext: str):
    # A feedback sentence appears only in the answer key, once, not beside its question.
    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    q = bank["cleaning-check"].questions[0]
    feedback = squash(next(o.feedback for o in q.options if o.correct))[:50]
    assert text.count(feedback) == 0 and ftext.count(feedback) == 0, "option feedback must not be printed"


def test_options_are_lettered_as_the_answer_key_names_them(text: str, ftext: str):
    """The reader of the printed handbook finds option C where the answer key says 'Answer: C'."""
    from procurement_course.quizzes.render import LETTERS

    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    for quiz in bank.quizzes.values():
        for q in quiz.questions:
            for i, option in enumerate(q.options):
                assert f"{LETTERS[i]}. {squash(option.text)[:40]}" in text, f"{quiz.id}/{q.id}: option {LETTERS[i]}"
            # "1. True" would be a numbered option; "11. True or false: ..." is the next question's number.
            numbered = re.search(rf"(?<!\d)1\. {re.escape(squash(q.options[0].text)[:40])}", text)
            assert not numbered, f"{quiz.id}/{q.id}: options numbered, not lettered"
            correct = sorted(q.correct_indices)
            key = f"Answer: {', '.join(LETTERS[i] for i in correct)} ({squash(q.options[correct[0]].text)[:40]}"
            assert key in ftext, f"{quiz.id}/{q.id}: the answer key does not say {key!r}"


def test_answer_key_has_a_heading_per_quiz_and_case_and_a_jump_list(facilitator_handbook_pdf: Path, ftext: str):
    from procurement_course.scenarios.load import load_course_scenarios

    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    titles = [squash(q.title) for q in bank.quizzes.values()] + \
             [squash(s.title) for s in load_course_scenarios(ROOT).scenarios.values()]
    marks = bookmarks(facilitator_handbook_pdf)
    key = marks.index("Answer key")
    for title in titles:
        assert title in marks[key:], f"{title!r} is not a heading (bookmark) of the answer key"
    jump = ftext[ftext.index("Jump to:"):][:3000]
    assert all(t in jump for t in titles), "the jump list does not name every quiz and case"


def test_nothing_meant_for_the_screen_is_printed(text: str, ftext: str):
    # Learner state, buttons and notices about scripts are the screen's (the pages' prose may name
    # a button, as the facilitator guide does).
    for screen_only in ("modules done", "Not started", "JavaScript", "Check each answer", "stay in this browser",
                        "Keep a draft on this device", "Nothing you write here is sent anywhere",
                        "Choose the files participants", "Continue where you left off"):
        assert screen_only not in text, f"{screen_only!r} is printed in the participant's handbook"
        assert screen_only not in ftext, f"{screen_only!r} is printed in the facilitator's handbook"
    # Where the screen shows an interactive record, paper says what the page is for.
    for t in (text, ftext):
        assert "On the course website, this page holds the final assessment" in t
        assert "On the course website, this page shows the learner's own record" in t


def test_cases_print_with_their_step_labels_once_and_lettered_choices(text: str, ftext: str):
    from procurement_course.scenarios.load import load_course_scenarios

    assert not re.search(r"\b\d+\. \d+ ·", text + ftext), "a step label is numbered twice"
    for scenario in load_course_scenarios(ROOT).scenarios.values():
        for step in scenario.steps:
            assert step.label in text, f"{scenario.id}: {step.label!r}"
            # Once on the worksheet, once on the answer sheet, and where other steps lead to it.
            assert ftext.count(step.label) >= 2, f"{scenario.id}: {step.label!r}"
            assert f"A. {squash(step.choices[0].text)[:40]}" in text, f"{scenario.id}/{step.id}: choice A"
        assert f"Branch map of “{scenario.title}”" in ftext and f"Branch map of “{scenario.title}”" not in text


def test_no_bibtex_key_is_printed(text: str, ftext: str):
    from procurement_course.source import bibliography_keys

    for key in sorted(bibliography_keys([ROOT / "references.bib"])):
        assert not re.search(rf"\b{re.escape(key)}\b", text + " " + ftext), f"the key {key!r} is printed"


def test_the_browser_prints_the_record_page_as_a_tagged_pdf(site: Path, browser, tmp_path: Path):
    """The records of progress and completion are printed by the learner's browser, not by the
    build: Chromium's own PDF (what "Save as PDF" makes; Playwright's page.pdf with tagged=True)
    is tagged, titled and in the page's language, and holds no notice about scripts."""
    from harness import file_url

    from pdfcheck import info, language

    record = next(p for p in sorted(site.rglob("*.html")) if "data-course-record" in p.read_text(encoding="utf-8"))
    page = browser.new_page()
    page.goto(file_url(record))
    page.wait_for_selector("[data-course-record]")
    out = tmp_path / "record.pdf"
    page.pdf(path=str(out), format="A4", tagged=True, outline=True)
    page.close()
    found = info(out)
    assert re.search(r"^Tagged:\s+yes$", found, re.M) and re.search(r"^Title:\s+\S", found, re.M), found
    assert language(out) == "en"
    assert "JavaScript" not in pdf_text(out)


def test_the_participants_handbook_refuses_a_page_with_facilitator_material(tmp_path: Path):
    """A second guard behind the learner's edition: printed as the participant's handbook, a single
    page holding a facilitator page or an answer key stops with a message; as the facilitator's, it prints."""
    from procurement_course.publish.handbook import HandbookError, check_edition

    page = ('<span id="document-book/facilitator/answer-key"></span><section id="answer-key"><h2>Answer key</h2>'
            '<div class="quiz-answer-key"></div></section>')
    with pytest.raises(HandbookError, match=r"book/facilitator/answer-key, quiz-answer-key.*learner --builder singlehtml"):
        check_edition(page, ROOT, "learner")
    check_edition(page, ROOT, "facilitator")
    check_edition('<span id="document-book/sectors/cleaning"></span>', ROOT, "learner")


def test_an_image_without_alt_text_stops_the_print(tmp_path: Path):
    from weasyprint import HTML

    from procurement_course.publish.handbook import HandbookError, write_tagged_pdf

    pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    out = tmp_path / "x.pdf"
    with pytest.raises(HandbookError, match="has no required alt description. Give every image its alt text"):
        write_tagged_pdf(HTML(string=f'<html lang="en"><title>x</title><img src="{pixel}">'), out)
    assert not out.exists()
    write_tagged_pdf(HTML(string=f'<html lang="en"><title>x</title><img src="{pixel}" alt="A dot">'), out)
    assert out.exists()
