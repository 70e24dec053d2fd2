"""Participant handouts, one PDF each (``make handouts``):

- ``<sector>-case-worksheet.pdf``: the sector's case as a worksheet: the situation, the exhibits,
  the decision points with space to write. No consequences and no debriefs: those are for the
  facilitator (the answer key pages).
- ``<sector>-red-flag-checklist.pdf``: one page to take on a site visit: the sector's risk
  patterns (from ``data/sector_risks.csv``, each with its source) and the checks every visit makes.

Rendered by WeasyPrint from the same sources the site uses, as tagged PDF/UA-1 (title, language,
bookmarks, table header cells), as the handbook is. Sources are cited as the site cites them
(author, year), never by their BibTeX keys.

Each handout exists per language: English as above, Finnish and Swedish with the language before
the extension (``cleaning-case-worksheet-fi.pdf``), printed from the translated scenarios, exhibits
and sector patterns (the catalogues), the fixed words through ``runtime_text``, ``<html lang>`` (so
the PDF's language) set to the handout's.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from contextlib import contextmanager
from html import escape
from pathlib import Path

from ..datasets.exhibits import exhibit_html
from ..i18n import translate
from ..i18n.catalogue import gettext, runtime_text, translations
from ..i18n.model import ALL_LANGUAGES, LANGUAGE_VARIABLE, SOURCE_LANGUAGE
from .handbook import HandbookError, write_tagged_pdf
from ..scenarios.load import load_course_scenarios
from ..source import author_year
from ..scenarios.model import SECTORS
from ..scenarios.render import scenario_html

HERE = Path(__file__).resolve().parents[1]  # the package folder: theme/ and static/
# The sectors' names are the sector modules' titles (_config.yml), translated by course-settings.
SECTOR_NAMES = {"cleaning": "Cleaning", "construction": "Construction and maintenance",
                "agriculture": "Agriculture and food", "catering": "Catering and restaurants"}

def visit_checks(language: str, root: Path) -> list[str]:
    """What every site visit checks (Lietonen & Ollus 2021; ILO indicators of forced labour 2012).
    Literal calls, one per check, for the extractor."""
    return [
        runtime_text("Names on the lists and ID cards match the people present.", language, root),
        runtime_text("Hours seen on site and in the access records match timesheets and payslips.", language, root),
        runtime_text("Pay matches at least the applicable collective agreement.", language, root),
        runtime_text("Who speaks for the workers? Does anyone else hold their ID documents?", language, root),
        runtime_text("Where and how do the workers live and travel? Who provides it, at what price?", language, root),
        runtime_text("Talk to workers privately, without supervisors, with an independent interpreter.", language, root),
        runtime_text("Do no harm: promise nothing you cannot deliver; write down facts, not conclusions.", language, root),
    ]

def sector_name(sector: str, language: str, root: Path) -> str:
    return gettext("course-settings", SECTOR_NAMES[sector], language, root)

def handout_name(stem: str, language: str) -> str:
    """``cleaning-case-worksheet.pdf`` in English, ``cleaning-case-worksheet-fi.pdf`` in Finnish."""
    return f"{stem}.pdf" if language == SOURCE_LANGUAGE else f"{stem}-{language}.pdf"

@contextmanager
def build_language(language: str):
    """The renderers the site shares (exhibits, the scenario's fixed words) read the build's language
    from the environment, as they do inside a Sphinx build."""
    before = os.environ.get(LANGUAGE_VARIABLE)
    os.environ[LANGUAGE_VARIABLE] = language
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(LANGUAGE_VARIABLE, None)
        else:
            os.environ[LANGUAGE_VARIABLE] = before

CSS = """
@page { size: A4; margin: 16mm 16mm 18mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.4; color: #1b1b1b; }
h1 { font-size: 15pt; margin: 0 0 3mm; color: #073763; }
.kind { font-size: 8.5pt; color: #4a4a4a; margin: 0 0 4mm; }
script, .scenario-noscript, .scenario-title { display: none; }
ol[type="A"] { list-style-type: upper-alpha; }  /* lettered as on the answer sheet; WeasyPrint ignores type="A" */
.scenario-situation { background: #f3f5f7; border-left: 3px solid #0b5394; padding: 1mm 4mm; }
/* A step may break across pages (an exhibit can be longer than what is left of a page: kept
   whole, it would push the step on and leave a page nearly empty), but its label stays with its
   prompt, and its choices stay with the space to write. */
.scenario-static-steps { list-style: none; padding: 0; }
.scenario-static-steps > li { margin: 4mm 0; }
.scenario-step-label { font-size: 11pt; margin: 0 0 1mm; break-after: avoid; }
.scenario-prompt { break-after: avoid; }
.scenario-static-choices { break-inside: avoid; break-after: avoid; }
.scenario-write { break-inside: avoid; }
.exhibit-table tr { break-inside: avoid; }
.scenario-write { border-bottom: 1px solid #000; padding-bottom: 14mm; margin-top: 2mm; }
.exhibit-table { border-collapse: collapse; font-size: 7.5pt; margin: 2mm 0; }
.exhibit-table caption { text-align: left; font-weight: bold; }
.exhibit-table th, .exhibit-table td { border: 0.5pt solid #888; padding: 0.5mm 1.5mm; }
.exhibit-table .num { text-align: right; }
.exhibit-note { font-size: 7.5pt; color: #4a4a4a; }
ul.checklist { list-style: none; padding: 0; margin: 0; }
ul.checklist li { margin: 1.6mm 0; padding-left: 6mm; text-indent: -6mm; }
ul.checklist li::before { content: "\\2610  "; font-size: 11pt; }
.source { font-size: 7.5pt; color: #4a4a4a; }
h2 { font-size: 11pt; margin: 5mm 0 1mm; }
.footer { font-size: 7.5pt; color: #4a4a4a; margin-top: 4mm; }
"""

def _page(title: str, kind: str, body: str, language: str = SOURCE_LANGUAGE) -> str:
    return (f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1><p class=\"kind\">{escape(kind)}</p>"
            f"{body}</body></html>")

def worksheet_html(root: Path, sector: str, language: str = SOURCE_LANGUAGE) -> str:
    bank = load_course_scenarios(root)
    if language != SOURCE_LANGUAGE:  # text only: ids, choices' order and exhibits stay the source's
        bank = translate.scenario_bank(bank, lambda text: gettext("course-scenarios", text, language, root))
    scenario = next(s for s in bank.scenarios.values() if s.sector == sector)
    with build_language(language):
        body = scenario_html(scenario, lambda i: exhibit_html(i, root / "data"))
    # The player's data (consequences and endings) never goes on paper.
    body = re.sub(r'<script type="application/json" class="scenario-data">.*?</script>', "", body, flags=re.S)
    return _page(runtime_text("Case worksheet: {title}", language, root, title=scenario.title),
                 runtime_text("{sector}. Fictional case, synthetic data. For each decision point, choose what you would do and write down why.", language, root, sector=sector_name(sector, language, root)),
                 body, language)

def indicator_text(name: str, language: str, root: Path) -> str:
    """An ILO indicator's name: from the data catalogue (the toolkit's), else the case player's."""
    found = gettext("course-data", name, language, root)
    return found if found != name else gettext("course-runtime", name, language, root)

def checklist_html(root: Path, sector: str, language: str = SOURCE_LANGUAGE) -> str:
    from procurement_course.datasets.analysis import load

    # The same reader as the site and the data check, so a mistake in the file is named the same way.
    risks = load("sector_risks", root / "data").fillna("")
    bib = root / "references.bib"  # the data check has checked that every source key is in it
    rows = risks[risks["sector"] == sector].to_dict("records")
    def t(text):  # the sector patterns are translated in course-data (as the toolkit shows them)
        return gettext("course-data", text, language, root)

    def may_point_to(indicators: str) -> str:
        names = ", ".join(indicator_text(i.strip(), language, root) for i in indicators.split(";"))
        return escape(runtime_text("May point to: {indicators}.", language, root, indicators=names))

    patterns = "".join(
        f"<li>{escape(t(r['pattern']))}"
        + (f" <span class=\"source\">{may_point_to(r['related_indicators'])}</span>"
           if r["related_indicators"] else "")
        + (f" <span class=\"source\">({escape(author_year(r['source_key'], bib))})</span>" if r["source_key"] else "")
        + "</li>"
        for r in rows)
    checks = "".join(f"<li>{escape(c)}</li>" for c in visit_checks(language, root))

    headings = [escape(h) for h in (  # literal calls, for the extractor
        runtime_text("Warning signs in this sector", language, root), runtime_text("On every site visit", language, root),
        runtime_text("If something does not add up", language, root))]
    body = (f"<h2>{headings[0]}</h2><ul class=\"checklist\">{patterns}</ul>"
            f"<h2>{headings[1]}</h2><ul class=\"checklist\">{checks}</ul>"
            f"<h2>{headings[2]}</h2><p>"
            + escape(runtime_text(
                "Write down what you saw, when and where. Do not confront anyone or investigate yourself. Tell your contract manager and legal unit. In an emergency call 112. In Finland: the police (suspected crime), the occupational safety and health authority (terms of employment), the Assistance System for Victims of Human Trafficking (it advises anyone who asks; a worker is admitted on their own application or with their consent, so tell them about it rather than refer them).",
                language, root))
            + "</p><p class=\"footer\">"
            + escape(runtime_text("Sources (author, year) are listed in the course's references. Training material, not legal advice.", language, root))
            + "</p>")
    return _page(runtime_text("Red-flag checklist: {sector}", language, root, sector=sector_name(sector, language, root)),
                 runtime_text("For site visits and audits. One page.", language, root), body, language)

def build(root: Path, out_dir: Path, languages=ALL_LANGUAGES) -> list[Path]:
    """Every handout in each of ``languages`` (English's names as ever, the others' with the language)."""
    from weasyprint import HTML

    out_dir.mkdir(parents=True, exist_ok=True)
    translations.cache_clear()  # the catalogues as they are now
    made = []
    for language in languages:
        for sector in SECTORS:
            for name, html in ((handout_name(f"{sector}-case-worksheet", language), worksheet_html(root, sector, language)),
                               (handout_name(f"{sector}-red-flag-checklist", language), checklist_html(root, sector, language))):
                write_tagged_pdf(HTML(string=html, base_url=str(root)), out_dir / name)
                made.append(out_dir / name)
    return made

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the participant handouts as PDFs.")
    parser.add_argument("out", type=Path, nargs="?", default=Path("_build/handouts"))
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--language", action="append", choices=ALL_LANGUAGES,
                        help="only this language (repeatable; default: en, fi and sv)")
    args = parser.parse_args(argv)
    try:
        made = build(args.root, args.out, tuple(args.language or ALL_LANGUAGES))
    except HandbookError as exc:
        print(f"handouts: {exc}", file=sys.stderr)
        return 1
    for path in made:
        print(f"handout: {path}")
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
