"""The buyer's toolkit and the theme in the Finnish and Swedish editions (issue 21, item 3): each
tool played in Chromium, its result in the page's language (risk level and reasons, the price
check's verdict and euros written the language's way, the clauses' annex wording, the visit's
count note), the search page in Finnish with results, and no English string of these runtimes
visible: the English msgids of course-runtime.po that come from the tools and the theme, and the
toolkit's data text (course-data), are looked for in the page's visible text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from harness import ROOT, file_url, fill_form, watch

pytestmark = pytest.mark.browser
NBSP = "\u00a0"
MINE = re.compile(r"static/tools[\w-]*\.js|toolkit/|theme/|sphinx/toolkit\.py|data/(toolkit_|sector_risks|ilo_indicators)")


def english_fragments(language: str) -> list[str]:
    """The English text of the tools' and the theme's strings as a page could show it: each msgid's
    pieces between {placeholders}, long enough to mean something (a word such as 'Sector' may be
    the same in a translation, 'Finland' is 'Finland' in Swedish), and different from the translation."""
    fragments = set()
    for domain in ("course-runtime", "course-data"):
        with (ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as f:
            for m in read_po(f):
                if not m.id or not any(MINE.search(where) for where, _ in m.locations):
                    continue
                for piece in re.split(r"\{\w+\}", m.id):
                    piece = piece.strip(" .:;,()+")
                    if len(piece) >= 14 and piece not in (m.string or ""):
                        fragments.add(piece)
    assert len(fragments) > 150, "the catalogue lists the tools' and the theme's strings"
    return sorted(fragments)


# What these runtimes draw: the tools, the theme's header, footer and page navigation, the search
# page's own text and forms, the sector modules' tool links, the charts' captions and alt texts.
# (Page prose is the page catalogues' business, and may still be English on a branch without them.)
ROOTS = ("header, footer, .tool, .tool-links, .prev-next, .lesson-place, article.body > p, form, "
         "figure.chart figcaption")


def assert_no_english(page, language: str) -> None:
    text = page.evaluate("""roots => Array.prototype.map.call(document.querySelectorAll(roots),
        e => e.innerText).concat(Array.prototype.map.call(document.querySelectorAll("figure.chart img"),
        e => e.alt)).join("\\n")""", ROOTS)
    assert len(text) > 200, "the runtimes drew something to look at"
    left = [f for f in english_fragments(language) if f in text]
    assert not left, f"English left on a {language} page: {left[:8]}"


def _open(context, editions: Path, language: str, name: str, query: str = ""):
    page = context.new_page()
    visit = watch(page, file_url(editions))
    page.goto(file_url(editions / language / "book" / "tools" / name) + query)
    return page, visit


WORDS = {  # what each edition must say, from its catalogue
    "fi": {"high": "korkea", "low": "matala", "source": "Lähde:", "below": "alle", "above": "yli",
           "gap": f"2{NBSP}479,18 euroa", "annex": "tämän sopimuksen liite [n]", "more": "2 henkilöä enemmän",
           "screen": "Seulo hankinta", "check": "Tarkista hinta", "assemble": "Kokoa teksti"},
    "sv": {"high": "hög", "low": "låg", "source": "Källa:", "below": "under", "above": "över",
           "gap": f"2{NBSP}479,18 euro", "annex": "bilaga [n] till detta avtal", "more": "2 personer fler",
           "screen": "Granska upphandlingen", "check": "Kontrollera priset", "assemble": "Sätt ihop texten"},
}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_each_tool_speaks_the_edition_language(editions: Path, context, language: str):
    w = WORDS[language]
    # Risk screen: an evening cleaning contract, two tiers, a price under the floor -> high.
    page, visit = _open(context, editions, language, "risk-screen.html", "?sector=cleaning")
    form = page.locator("[data-risk-screen] form")
    fill_form(form, labour="high", tiers=2, evening="yes", price="below", months=24, value=120000)
    form.get_by_role("button", name=w["screen"]).click()
    assert page.locator("[data-risk-level]").inner_text() == w["high"]
    assert page.locator("[data-risk-level]").get_attribute("data-risk-level") == "high"
    reasons = page.locator("[data-risk-reasons] li").all_inner_texts()
    assert len(reasons) >= 4 and all(w["source"] in r for r in reasons), reasons
    assert page.locator("[data-measures] li").count() >= 5
    assert_no_english(page, language)
    # A plain contract: low, and the level word follows.
    fill_form(form, sector="other", labour="low", tiers=0, evening="no", price="unknown", months=6, value=5000)
    form.get_by_role("button", name=w["screen"]).click()
    assert page.locator("[data-risk-level]").inner_text() == w["low"]
    assert not visit.problems(), "\n".join(visit.problems())

    # Price check: the worked case of test_toolkit_browser (below the floor by EUR 2,479.18, 14.2 %).
    page, visit = _open(context, editions, language, "price-check.html", "?sector=cleaning")
    form = page.locator("[data-price-check] form")
    fill_form(form, country="FI", hours="1000", wage="12", evening_hours="400", evening="1.5", night_hours="0",
          night="0", sunday_hours="50", sunday="100", holiday="10", price="15000", **{
              "stat-fi-tyel-employer": "17.10", "stat-fi-health": "1.91", "stat-fi-unemployment": "0.31",
              "stat-fi-accident": "1.00", "stat-fi-group-life": "0.06"})
    form.get_by_role("button", name=w["check"]).click()
    result = page.locator("[data-price-result]")
    assert page.locator("[data-verdict]").inner_text() == w["below"]
    assert page.locator("[data-verdict]").get_attribute("data-verdict") == "below"
    text = result.inner_text()
    assert w["gap"] in text and "(14,2 %)" in text, text[:400]
    assert_no_english(page, language)
    fill_form(form, price="30000")
    form.get_by_role("button", name=w["check"]).click()
    assert page.locator("[data-verdict]").inner_text() == w["above"]
    assert not visit.problems(), "\n".join(visit.problems())

    # Clause builder: the annex wording of the edition, legal numbers kept.
    page, visit = _open(context, editions, language, "clause-builder.html")
    page.get_by_role("button", name=w["assemble"]).click()
    clauses = page.locator("[data-clause-text]").inner_text()
    assert w["annex"] in clauses and "Annex" not in clauses, clauses[:400]
    assert "2014/24/EU" in clauses, "legal references keep their numbers"
    assert_no_english(page, language)

    # Site-visit checklist: the count note.
    page, visit = _open(context, editions, language, "visit-checklist.html", "?sector=cleaning")
    page.locator("[name=present]").fill("5")
    page.locator("[name=listed]").fill("3")
    assert w["more"] in page.locator("[data-count-note]").inner_text()
    assert_no_english(page, language)
    assert not visit.problems(), "\n".join(visit.problems())


def test_search_and_theme_in_finnish(editions: Path, context):
    page = context.new_page()
    # A name every edition writes the same way, so the page finds results whatever else is translated.
    page.goto(file_url(editions / "fi" / "search.html") + "?q=HEUNI")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 1
    assert page.get_by_role("button", name="Hae").count() >= 1
    assert_no_english(page, "fi")
    page.goto(file_url(editions / "fi" / "book" / "sectors" / "cleaning" / "case.html"))
    assert page.locator(".skip-link").text_content() == "Siirry pääsisältöön"
    assert "Oppitunti" in page.locator("[data-lesson-number]").inner_text()
    assert page.get_by_text("Näytä analyysi").count() >= 1, "the code cells' toggle speaks Finnish"
    alt = page.locator("figure.chart img").first.get_attribute("alt")
    assert alt.startswith("Pylväskaavio"), alt
    assert_no_english(page, "fi")
