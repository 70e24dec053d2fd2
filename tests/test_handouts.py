"""Participant handouts: built from the same sources, one page where promised, and no answers."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from pdfcheck import accessibility_problems, page_texts, structure, text_lines
from procurement_course.scenarios.load import load_course_scenarios
from procurement_course.scenarios.model import SECTORS

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def handouts(handouts_dir: Path) -> Path:
    return handouts_dir


def pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", raw)


def pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\*\*?", "", s)).strip()


@pytest.mark.parametrize("sector", SECTORS)
def test_case_worksheet_has_the_case_and_no_answers(handouts: Path, sector: str):
    scenario = next(s for s in load_course_scenarios(ROOT).scenarios.values() if s.sector == sector)
    text = pdf_text(handouts / f"{sector}-case-worksheet.pdf")
    assert squash(scenario.situation)[:60] in text
    for step in scenario.steps:
        assert squash(step.prompt)[:50] in text, step.id
    for step in scenario.steps:
        for choice in step.choices:
            assert squash(choice.consequence)[:50] not in text, f"a consequence leaked: {step.id}"
    for ending in scenario.endings:
        assert squash(ending.debrief)[:50] not in text, f"a debrief leaked: {ending.id}"
    assert "Synthetic data" in text


@pytest.mark.parametrize("sector", SECTORS)
def test_red_flag_checklist_is_one_page_with_the_sector_patterns(handouts: Path, sector: str):
    path = handouts / f"{sector}-red-flag-checklist.pdf"
    assert pages(path) == 1
    text = pdf_text(path)
    import csv

    with (ROOT / "data" / "sector_risks.csv").open(encoding="utf-8") as f:
        patterns = [r["pattern"] for r in csv.DictReader(f) if r["sector"] == sector]
    assert patterns
    for p in patterns:
        assert squash(p)[:40] in text
    assert "independent interpreter" in text


@pytest.mark.parametrize("sector", SECTORS)
def test_case_worksheet_labels_and_letters_match_the_answer_sheet(handouts: Path, sector: str):
    scenario = next(s for s in load_course_scenarios(ROOT).scenarios.values() if s.sector == sector)
    text = pdf_text(handouts / f"{sector}-case-worksheet.pdf")
    for step in scenario.steps:
        assert step.label in text, step.label
        for i, choice in enumerate(step.choices):
            assert f"{'ABCDEFGHIJ'[i]}. {squash(choice.text)[:40]}" in text, f"{step.id}: choice {i}"


def english(handouts: Path) -> list[Path]:
    """The English handouts (the Finnish and Swedish ones end in -fi.pdf, -sv.pdf)."""
    return [p for p in sorted(handouts.glob("*.pdf")) if not re.search(r"-(fi|sv)$", p.stem)]


def test_every_handout_is_tagged_titled_in_english_with_bookmarks(handouts: Path):
    made = english(handouts)
    assert len(made) == 2 * len(SECTORS)
    for pdf in made:
        kind = "Case worksheet: " if "worksheet" in pdf.name else "Red-flag checklist: "
        assert accessibility_problems(pdf, kind) == [], pdf.name
    # The exhibits keep their header cells.
    assert "TH" in structure(handouts / "cleaning-case-worksheet.pdf")


@pytest.mark.parametrize("sector", SECTORS)
def test_no_nearly_empty_page_and_each_step_label_once(handouts: Path, sector: str):
    for pdf in (handouts / f"{sector}-case-worksheet.pdf", handouts / f"{sector}-red-flag-checklist.pdf"):
        texts = page_texts(pdf)
        for number, page in enumerate(texts[:-1], 1):
            assert text_lines(page) >= 3, f"{pdf.name}: page {number} of {len(texts)} holds {text_lines(page)} lines"
        assert not re.search(r"\b\d+\. \d+ ·", " ".join(texts)), f"{pdf.name}: a step label is numbered twice"


def test_sources_are_cited_by_author_and_year_never_by_key(handouts: Path):
    from procurement_course.source import bibliography_keys

    keys = bibliography_keys([ROOT / "references.bib"])
    for pdf in sorted(handouts.glob("*.pdf")):  # every language's
        text = pdf_text(pdf)
        assert not [k for k in keys if re.search(rf"\b{re.escape(k)}\b", text)], pdf.name
    assert "(Ollus and Jokinen, 2014" in pdf_text(handouts / "cleaning-red-flag-checklist.pdf")


# Fixed words of the handouts as the Finnish and Swedish catalogues have them (course-runtime).
TRANSLATED = {"fi": ("Varoitusmerkkien tarkistuslista: ", "Tapauksen työkirja: ", "Jokaisella kohdekäynnillä"),
              "sv": ("Checklista över varningssignaler: ", "Arbetsblad för fallet: ", "Vid varje platsbesök")}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_each_handout_exists_in_finnish_and_swedish_tagged_in_its_language(handouts: Path, language: str):
    from procurement_course.i18n import translate
    from procurement_course.i18n.catalogue import gettext

    checklist_title, worksheet_title, visit_heading = TRANSLATED[language]
    made = sorted(handouts.glob(f"*-{language}.pdf"))
    assert {p.name for p in made} == {f"{s}-{kind}-{language}.pdf" for s in SECTORS
                                      for kind in ("case-worksheet", "red-flag-checklist")}
    for pdf in made:
        title = worksheet_title if "worksheet" in pdf.name else checklist_title
        assert accessibility_problems(pdf, title, lang=language) == [], pdf.name
    checklist = handouts / f"cleaning-red-flag-checklist-{language}.pdf"
    text = pdf_text(checklist)
    assert pages(checklist) == 1
    assert visit_heading in text and "On every site visit" not in text and "independent interpreter" not in text
    # The worksheet is the translated case: its situation and prompts from the scenario catalogue,
    # its letters and step labels as the English one has them.
    scenario = next(s for s in load_course_scenarios(ROOT).scenarios.values() if s.sector == "cleaning")
    local = translate.scenario_bank(load_course_scenarios(ROOT),
                                    lambda t: gettext("course-scenarios", t, language, ROOT)).scenarios[scenario.id]
    text = pdf_text(handouts / f"cleaning-case-worksheet-{language}.pdf")
    assert squash(local.situation)[:60] in text and squash(scenario.situation)[:60] not in text
    for step in local.steps:
        assert squash(step.prompt)[:50] in text, step.id
        assert f"A. {squash(step.choices[0].text)[:30]}" in text, step.id
    assert "TH" in structure(handouts / f"cleaning-case-worksheet-{language}.pdf")
