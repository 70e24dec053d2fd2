"""The three editions in Chromium (issue 21): each page's language, the language switch landing on
the same page, one learner record across languages, and search in Finnish finding Finnish text.
They pass fully once the catalogues are translated (the seeded strings already carry them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness import ROOT, answer_quiz, file_url, watch

PAGE = "book/sectors/cleaning/check.html"  # the cleaning module's quiz lesson


@pytest.fixture(scope="session")
def editions(site: Path) -> Path:
    """The Finnish and Swedish editions beside the English site, as `make book` builds them."""
    for language in ("fi", "sv"):
        result = subprocess.run([sys.executable, "-m", "procurement_course.publish.editions", "learner",
                                 "--language", language], cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            pytest.fail(f"the {language} edition does not build:\n" + result.stdout[-3000:] + result.stderr[-3000:])
    return site


def test_each_edition_says_its_language_on_every_page(editions: Path):
    for language, folder in (("en", editions), ("fi", editions / "fi"), ("sv", editions / "sv")):
        pages = [p for p in folder.rglob("*.html") if "_static" not in p.parts
                 and (language != "en" or p.relative_to(folder).parts[0] not in ("fi", "sv"))]
        assert len(pages) > 10, language
        wrong = [str(p) for p in pages if f'<html lang="{language}"' not in p.read_text(encoding="utf-8")[:400]]
        assert not wrong, f"{language}: {wrong[:5]}"


def test_the_language_switch_lands_on_the_same_page(editions: Path, context):
    page = context.new_page()
    visit = watch(page, file_url(editions))
    page.goto(file_url(editions / PAGE))
    for language in ("fi", "sv", "en"):
        switch = page.locator("nav[data-language-switch]")
        assert switch.locator("a[hreflang]").count() == 2
        switch.locator(f"a[hreflang='{language}']").click()
        page.wait_for_load_state()
        folder = "" if language == "en" else language + "/"
        assert page.url == file_url(editions / folder / PAGE), page.url
        assert page.evaluate("document.documentElement.lang") == language
    assert not visit.problems()


def test_one_record_across_languages(editions: Path, context):
    """A quiz answered in English is answered on the Finnish page; the progress speaks Finnish."""
    page = context.new_page()
    page.goto(file_url(editions / PAGE))
    answer_quiz(page, right=True)
    page.locator("nav[data-language-switch] a[hreflang='fi']").click()
    page.wait_for_load_state()
    quiz = page.locator("section[data-quiz]")
    assert quiz.locator(".quiz-score").is_visible()
    first = quiz.locator("fieldset.quiz-q").first.locator("input")
    assert all(first.nth(i).is_disabled() for i in range(first.count())), "answered questions are closed"
    assert page.locator(".site-nav a[data-page='book/sectors/cleaning/check']").get_attribute("data-status") != "not-started"
    mini = page.locator("[data-course-mini]").text_content()
    assert "oppituntia valmiina" in mini, mini  # the header counts the module's lessons


def test_search_in_finnish_finds_finnish_text(editions: Path, context):
    page = context.new_page()
    page.goto(file_url(editions / "fi" / "search.html") + "?q=kohdekäynnit")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("book/audits/site-visits.html" in h for h in hrefs), hrefs


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_translated_page_keeps_the_budgets(editions: Path, browser, language: str):
    """The heaviest kind of page (a sector: quiz, case, exhibits, charts) in each translated edition:
    nothing from elsewhere, no error, axe-core clean, nothing sideways at 320 CSS px."""
    from harness import axe_violations, describe

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = watch(page, file_url(editions))
    page.goto(file_url(editions / language / PAGE), wait_until="load")
    page.wait_for_timeout(100)
    violations = axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 640})
    sideways = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert not visit.problems(), "\n".join(visit.problems())
    assert not violations, describe(violations)
    assert sideways <= 0, f"the page scrolls sideways by {sideways}px at 320 CSS px"
