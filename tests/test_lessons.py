"""Lessons a learner finishes in one sitting, and a course that says how long it takes.

On the real book: no learner page over the reading limit; every module lesson with its place
("Lesson 2 of 5") and Previous / Next; "On this page" on every page with three or more sections;
the old one-page module URLs sending each #fragment to the lesson that holds it (with and without
JavaScript); the start page's first screen (total time, "Start the course", "Continue where you left
off"); every duration from the modules' minutes in _config.yml."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from harness import ROOT, file_url, watch
from procurement_course.course.coursemap import PageFacts, build_map
from procurement_course.course.render import duration_text
from procurement_course.i18n.catalogue import runtime_text
from procurement_course.course.settings import load_course_settings

READING_LIMIT = 2500  # words of reading text on one page a learner reads (issue 18)
# Not reading text: what the learner does rather than reads, and the page's own navigation.
NOT_READING = "[data-quiz], [data-scenario], [data-exhibit], .exhibit, div.cell, pre, nav, script, a.headerlink"
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def course_map(site: Path) -> dict:
    text = (site / "_static" / "course-map.js").read_text(encoding="utf-8").strip()
    return json.loads(text[text.index("=") + 1:].rstrip(";"))


def learner_pages(site: Path) -> list[Path]:
    """Every page of the learner's edition that has content (the redirect pages have none)."""
    return [p for p in sorted(site.rglob("book/**/*.html")) if 'class="body"' in p.read_text(encoding="utf-8")]


def reading_words(html: str) -> int:
    article = BeautifulSoup(html, "lxml").select_one("article.body")
    for el in article.select(NOT_READING):
        el.decompose()
    return len(WORD.findall(article.get_text(" ")))


def test_no_learner_page_is_over_the_reading_limit(site: Path):
    words = {str(p.relative_to(site)): reading_words(p.read_text(encoding="utf-8")) for p in learner_pages(site)}
    assert len(words) > 30
    over = {page: n for page, n in words.items() if n > READING_LIMIT}
    assert not over, f"pages over {READING_LIMIT} words of reading text (split them into lessons): {over}"
    # The counter counts: a sector lesson has real reading text, a case lesson little besides its case.
    assert words["book/sectors/cleaning/requirements.html"] > 800
    assert words["book/sectors/cleaning/case.html"] < 400


def test_every_module_lesson_has_its_place_and_previous_next(site: Path):
    course = course_map(site)
    settings = load_course_settings(ROOT)
    assert [m["pages"] for m in course["modules"]] == [list(m.pages) for m in settings.modules]
    for module in course["modules"]:
        total = len(module["pages"])
        for n, page in enumerate(module["pages"], 1):
            soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "lxml")
            place = soup.select_one("[data-lesson-place]")
            assert place is not None and f"Lesson {n} of {total}" in place.get_text(), page
            assert module["title"] in place.get_text(), page
            pn = soup.select_one("nav.prev-next")
            assert pn.select_one("a[rel=prev]") and pn.select_one("a[rel=next]"), f"{page}: Previous / Next"
            assert f"lesson {n} of {total}" in pn.get_text(), page
            if n < total:  # Next leads to the module's next lesson, as its number says
                href = pn.select_one("a[rel=next]")["href"]
                nxt = (site / page).parent.joinpath(href.split("#")[0]).resolve()
                assert nxt == (site / f"{module['pages'][n]}.html").resolve(), f"{page}: Next goes to {href}"
    sectors = [m for m in course["modules"] if m["pages"][0].startswith("book/sectors/")]
    assert len(sectors) == 4 and all(5 <= len(m["pages"]) <= 7 for m in sectors)


def test_pages_with_three_or_more_sections_list_them(site: Path):
    checked = 0
    for path in learner_pages(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        article = soup.select_one("article.body")
        top = article.find("section")
        sections = [s for s in top.find_all("section") if s.find_parent("section") is top
                    or s.find_parent("section").find_parent("section") is top] if top else []
        sections = [s for s in sections if s.find(re.compile("^h[23]$"), recursive=False)]
        toc = soup.select_one("nav[data-page-toc]")
        if len(sections) >= 3:
            checked += 1
            assert toc is not None, f"{path.relative_to(site)}: {len(sections)} sections and no 'On this page'"
            label = soup.find(id=toc["aria-labelledby"])
            language = path.relative_to(site).parts[0] if path.relative_to(site).parts[0] in ("fi", "sv") else "en"
            assert label.get_text() == runtime_text("On this page", language, ROOT), path.relative_to(site)
            targets = [a["href"] for a in toc.select("a")]
            assert targets == [f"#{s['id']}" for s in sections], path
        else:
            assert toc is None, f"{path.relative_to(site)}: a list of {len(sections)} sections"
    assert checked > 20


@pytest.mark.browser
def test_old_module_urls_send_each_fragment_to_its_lesson(site: Path, browser):
    """book/sectors/cleaning.html#<id> opens the lesson holding <id>, from file://; an unknown
    fragment opens the module's first lesson; without JavaScript, the lessons are a list of links."""
    context = browser.new_context()
    page = context.new_page()
    visit = watch(page, file_url(site))
    for old, fragment, lesson in (("cleaning", "cleaning-requirements", "cleaning/requirements"),
                                  ("cleaning", "talk-to-workers-safely", "cleaning/audits"),
                                  ("construction", "the-contractor-s-obligations-act-checks", "construction/contractor-act"),
                                  ("agriculture", "check-your-understanding", "agriculture/check"),
                                  ("catering", "no-such-place", "catering/index")):
        page.goto(file_url(site / f"book/sectors/{old}.html") + f"#{fragment}")
        page.wait_for_url(re.compile(re.escape(f"book/sectors/{lesson}.html#{fragment}") + "$"))
        if fragment != "no-such-place":
            assert page.locator(f"[id='{fragment}']").count() == 1, f"{lesson} has no #{fragment}"
    assert not visit.problems(), visit.problems()
    context.close()

    static = browser.new_context(java_script_enabled=False)
    page = static.new_page()
    page.goto(file_url(site / "book/sectors/cleaning.html") + "#cleaning-requirements")
    links = page.locator("main ol a")
    assert page.url.endswith("book/sectors/cleaning.html#cleaning-requirements")
    assert links.count() == 5
    links.nth(2).click()
    assert page.url.endswith("book/sectors/cleaning/requirements.html")
    static.close()


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1366, 768), (375, 812)])
def test_start_page_first_screen_has_the_time_and_one_primary_action(site: Path, browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / "book/index.html"))
    page.wait_for_function("document.querySelector('.site-nav a[data-page] .nav-mark') !== null")

    def on_first_screen(selector: str) -> bool:
        box = page.locator(selector).bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height

    start = page.locator("a[data-start]")
    assert start.is_visible() and start.inner_text() == "Start the course" and on_first_screen("a[data-start]")
    assert page.locator("a[data-resume]").count() == 0
    assert on_first_screen("[data-course-time]") and on_first_screen("main h1")
    page.locator("a[data-start]").click()
    course = course_map(site)
    assert page.url.endswith(course["modules"][0]["pages"][0] + ".html")

    page.goto(file_url(site / "book/sectors/cleaning/requirements.html"))
    page.goto(file_url(site / "book/index.html"))
    page.wait_for_selector("a[data-resume]")
    assert not start.is_visible(), "a returning learner is offered one primary action: resume"
    assert on_first_screen("a[data-resume]")
    assert "sectors/cleaning/requirements.html" in page.locator("a[data-resume]").get_attribute("href")
    assert not visit.problems(), visit.problems()
    context.close()


def test_every_duration_comes_from_the_module_minutes(site: Path):
    settings = load_course_settings(ROOT)
    minutes = {m.title: m.minutes for m in settings.modules}
    assert all(minutes.values()), "every module states its minutes in _config.yml"
    total = sum(minutes.values())

    start = BeautifulSoup((site / "book/index.html").read_text(encoding="utf-8"), "lxml")
    cards = [int(re.search(r"About (\d+) minutes", c.get_text()).group(1)) for c in start.select(".module-card")]
    assert cards == list(minutes.values()), "the module cards"
    assert start.select_one("[data-course-time]").get_text() == duration_text(total, about=True), "cards and total agree"

    ways = BeautifulSoup((site / "book/start/ways-to-use.html").read_text(encoding="utf-8"), "lxml")
    rows = [[c.get_text(strip=True) for c in tr.select("td")] for tr in ways.select("table.course-durations tbody tr")]
    assert rows[:-1] == [[title, f"{m} minutes"] for title, m in minutes.items()]
    assert rows[-1] == ["All modules", f"{duration_text(total)} ({duration_text(total, about=True)})"]
    # No duration typed by hand beside the table.
    assert not re.search(r"\d+ to \d+ minutes", ways.select_one("article.body").get_text())


def test_module_pages_must_follow_the_table_of_contents():
    settings = load_course_settings(ROOT)
    module = settings.modules[-1]
    pages = {p: PageFacts(p, 100) for m in settings.modules for p in m.pages}
    for m in settings.modules:
        pages[m.pages[-1]] = PageFacts(m.pages[-1], 100, quizzes=(m.id,))
    order = [p for m in settings.modules for p in m.pages]
    _, errors = build_map(settings, pages, {}, {}, "t", order)
    assert errors == []
    swapped = order[:]
    i, j = swapped.index(module.pages[0]), swapped.index(module.pages[1])
    swapped[i], swapped[j] = swapped[j], swapped[i]
    _, errors = build_map(settings, pages, {}, {}, "t", swapped)
    assert len(errors) == 1 and "not in the order of _toc.yml" in errors[0].message
    assert errors[0].file == "_config.yml" and errors[0].line == settings.module_line(len(settings.modules) - 1)
    still = dict(pages, **{module.former_pages[0]: PageFacts("old", 10)})
    _, errors = build_map(settings, still, {}, {}, "t", order)
    assert len(errors) == 1 and "former_pages" in errors[0].field
