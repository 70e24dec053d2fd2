"""Participant handouts, one PDF each (``make handouts``):

- ``<sector>-case-worksheet.pdf``: the sector's case as a worksheet: the situation, the exhibits,
  the decision points with space to write. No consequences and no debriefs: those are for the
  facilitator (the answer key pages).
- ``<sector>-red-flag-checklist.pdf``: one page to take on a site visit: the sector's risk
  patterns (from ``data/sector_risks.csv``, each with its source) and the checks every visit makes.

Rendered by WeasyPrint from the same sources the site uses, as tagged PDF/UA-1 (title, language,
bookmarks, table header cells), as the handbook is. Sources are cited as the site cites them
(author, year), never by their BibTeX keys.
"""

from __future__ import annotations

import argparse
import re
import sys
from html import escape
from pathlib import Path

from ..datasets.exhibits import exhibit_html
from .handbook import HandbookError, write_tagged_pdf
from ..scenarios.load import load_course_scenarios
from ..source import author_year
from ..scenarios.model import SECTORS
from ..scenarios.render import scenario_html

HERE = Path(__file__).resolve().parents[1]  # the package folder: theme/ and static/
SECTOR_NAMES = {"cleaning": "Cleaning", "construction": "Construction and maintenance",
                "agriculture": "Agriculture and food", "catering": "Catering and restaurants"}

# What every site visit checks (Lietonen & Ollus 2021; ILO indicators of forced labour 2012).
VISIT_CHECKS = [
    "Names on the lists and ID cards match the people present.",
    "Hours seen on site and in the access records match timesheets and payslips.",
    "Pay matches at least the applicable collective agreement.",
    "Who speaks for the workers? Does anyone else hold their ID documents?",
    "Where and how do the workers live and travel? Who provides it, at what price?",
    "Talk to workers privately, without supervisors, with an independent interpreter.",
    "Do no harm: promise nothing you cannot deliver; write down facts, not conclusions.",
]

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


def _page(title: str, kind: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1><p class=\"kind\">{escape(kind)}</p>"
            f"{body}</body></html>")


def worksheet_html(root: Path, sector: str) -> str:
    bank = load_course_scenarios(root)
    scenario = next(s for s in bank.scenarios.values() if s.sector == sector)
    body = scenario_html(scenario, lambda i: exhibit_html(i, root / "data"))
    # The player's data (consequences and endings) never goes on paper.
    body = re.sub(r'<script type="application/json" class="scenario-data">.*?</script>', "", body, flags=re.S)
    return _page(f"Case worksheet: {scenario.title}", f"{SECTOR_NAMES[sector]}. Fictional case, synthetic data. "
                 "For each decision point, choose what you would do and write down why.", body)


def checklist_html(root: Path, sector: str) -> str:
    from procurement_course.datasets.analysis import load

    # The same reader as the site and the data check, so a mistake in the file is named the same way.
    risks = load("sector_risks", root / "data").fillna("")
    bib = root / "references.bib"  # the data check has checked that every source key is in it
    rows = risks[risks["sector"] == sector].to_dict("records")
    patterns = "".join(
        f"<li>{escape(r['pattern'])}"
        + (f" <span class=\"source\">May point to: {escape(r['related_indicators'].replace(';', ', '))}.</span>"
           if r["related_indicators"] else "")
        + (f" <span class=\"source\">({escape(author_year(r['source_key'], bib))})</span>" if r["source_key"] else "")
        + "</li>"
        for r in rows)
    checks = "".join(f"<li>{escape(c)}</li>" for c in VISIT_CHECKS)
    body = (f"<h2>Warning signs in this sector</h2><ul class=\"checklist\">{patterns}</ul>"
            f"<h2>On every site visit</h2><ul class=\"checklist\">{checks}</ul>"
            "<h2>If something does not add up</h2><p>Write down what you saw, when and where. Do not confront "
            "anyone or investigate yourself. Tell your contract manager and legal unit. In an emergency call 112. "
            "In Finland: the police (suspected crime), the occupational safety and health authority (terms of "
            "employment), the Assistance System for Victims of Human Trafficking (it advises anyone who asks; a "
            "worker is admitted on their own application or with their consent, so tell them about it rather "
            "than refer them).</p>"
            "<p class=\"footer\">Sources (author, year) are listed in the course's references. Training material, not "
            "legal advice.</p>")
    return _page(f"Red-flag checklist: {SECTOR_NAMES[sector]}", "For site visits and audits. One page.", body)


def build(root: Path, out_dir: Path) -> list[Path]:
    from weasyprint import HTML

    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for sector in SECTORS:
        for name, html in ((f"{sector}-case-worksheet.pdf", worksheet_html(root, sector)),
                           (f"{sector}-red-flag-checklist.pdf", checklist_html(root, sector))):
            write_tagged_pdf(HTML(string=html, base_url=str(root)), out_dir / name)
            made.append(out_dir / name)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the participant handouts as PDFs.")
    parser.add_argument("out", type=Path, nargs="?", default=Path("_build/handouts"))
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    try:
        made = build(args.root, args.out)
    except HandbookError as exc:
        print(f"handouts: {exc}", file=sys.stderr)
        return 1
    for path in made:
        print(f"handout: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
