"""Every built page, opened in headless Chromium as a learner would: offline, clean, accessible."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness import Served, axe_violations, describe, file_url, site_pages, watch

pytestmark = pytest.mark.browser


def pytest_generate_tests(metafunc):
    if "page_path" in metafunc.fixturenames:
        # Pages are listed from the _toc so that the test ids are stable before the build.
        from conftest import ROOT
        from procurement_course.publish.editions import edition_pages

        names = [n for group in edition_pages(ROOT, "learner") for n in group]
        metafunc.parametrize("page_path", [f"{n}.html" for n in names] + ["search.html", "genindex.html"])


def test_every_built_page_is_visited(site: Path):
    """The parametrised list below covers every HTML page the build wrote."""
    from conftest import ROOT
    from procurement_course.publish.editions import edition_pages

    listed = {f"{n}.html" for group in edition_pages(ROOT, "learner") for n in group}
    listed |= {"search.html", "genindex.html", "index.html"}
    # A module's former page only forwards to its lessons (tested in test_lessons.py).
    from procurement_course.course.settings import load_course_settings
    listed |= {f"{p}.html" for m in load_course_settings(ROOT).modules for p in m.former_pages}
    # The translated editions (fi/, sv/) are the same pages: tests/test_i18n_browser.py visits them.
    built = {str(p.relative_to(site)) for p in site_pages(site) if p.relative_to(site).parts[0] not in ("fi", "sv")}
    assert built <= listed, f"pages the browser tests do not visit: {sorted(built - listed)}"


def test_page_offline_clean_and_accessible(site: Path, browser, page_path: str):
    """Each page, as a learner meets it: nothing from elsewhere, no errors, no serious or critical
    axe-core violation in the light or the dark colour scheme; the course shell's hooks; on a
    375 x 812 phone the page's title is on the first screen; at 320 CSS px nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / page_path), wait_until="load")
    page.wait_for_timeout(100)  # let late scripts run and log
    violations = axe_violations(page)
    page.emulate_media(color_scheme="dark")
    dark = axe_violations(page)
    # The page declares its language and has a skip link to the main content.
    lang = page.evaluate("document.documentElement.lang")
    skip = page.locator("a.skip-link").get_attribute("href")
    main_count = page.locator("main#main-content").count()
    nav_links = page.locator(".site-nav a").all()
    statuses = {a.get_attribute("data-status") for a in nav_links}
    mini = page.locator("[data-course-mini]").inner_text() if page.locator("[data-course-mini]").count() else ""
    page.set_viewport_size({"width": 375, "height": 812})
    title_bottom = page.evaluate("document.querySelector('main h1') ? document.querySelector('main h1').getBoundingClientRect().bottom : 0")
    page.set_viewport_size({"width": 320, "height": 640})
    sideways = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert not visit.problems(), "\n".join(visit.problems())
    assert not violations, describe(violations)
    assert not dark, "dark scheme: " + describe(dark)
    assert lang == "en"
    assert skip == "#main-content" and main_count == 1
    if page_path not in ("index.html",):  # the root page only forwards to the start page
        assert len(nav_links) > 10 and statuses <= {"not-started", "in-progress", "done"} and None not in statuses
        assert re.search(r"modules done|lessons? done", mini), "the compact progress indicator (course, or inside a module)"
        if page_path not in ("genindex.html", "search.html"):
            assert 0 < title_bottom <= 812, f"the title ends at {title_bottom}px, below a phone's first screen"
    assert sideways <= 0, f"the page scrolls sideways by {sideways}px at 320 CSS px"


def test_skip_link_is_first_and_visible_on_focus(site: Path, browser):
    page = browser.new_page()
    page.goto(file_url(site / "book/start/about.html"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    box = page.locator("a.skip-link").bounding_box()
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash")
    page.close()
    assert focused == "skip-link"
    assert box is not None and box["y"] >= 0, "the skip link stays off-screen when focused"
    assert target == "#main-content"


def test_print_shows_content_not_navigation(site: Path, browser):
    page = browser.new_page()
    page.goto(file_url(site / "book/foundations/exploitation-and-trafficking.html"))
    page.emulate_media(media="print")
    nav_visible = page.locator("nav.site-nav").is_visible()
    header_visible = page.locator("header.site-header").is_visible()
    h1_visible = page.locator("main h1").is_visible()
    page.close()
    assert not nav_visible and not header_visible
    assert h1_visible


@pytest.fixture(scope="module")
def http_site(site: Path):
    """The site from a static web server on 127.0.0.1, as on an intranet."""
    server = Served(site)
    yield server.url
    server.close()


@pytest.mark.parametrize("path", ["", "book/sectors/cleaning/case.html", "search.html?q=subcontracting"])
def test_pages_from_a_static_web_server(http_site: str, browser, path: str):
    context = browser.new_context()
    page = context.new_page()
    visit = watch(page, http_site)
    page.goto(http_site + path, wait_until="load")
    page.wait_for_timeout(300)
    title = page.title()
    context.close()
    assert not visit.problems(), "\n".join(visit.problems())
    assert title


def test_search_works_offline(site: Path, browser):
    page = browser.new_page()
    page.goto(file_url(site / "search.html") + "?q=subcontracting")
    page.wait_for_selector("#search-results li", timeout=10000)
    hits = page.locator("#search-results li a").all_inner_texts()
    page.close()
    assert any("Cleaning" in h or "Construction" in h for h in hits), hits


def test_every_course_quiz_is_placed_and_interactive(site: Path, browser):
    """Each bank's quiz appears on a page of the real book and comes alive in the browser."""
    from procurement_course.quizzes.load import load_bank, quiz_files
    from conftest import ROOT

    bank = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)
    placed = {}
    for html in site.rglob("*.html"):
        for quiz_id in bank.quizzes:
            if f'data-quiz="{quiz_id}"' in html.read_text(encoding="utf-8"):
                placed.setdefault(quiz_id, html)
    assert set(placed) == set(bank.quizzes), f"quizzes on no page: {set(bank.quizzes) - set(placed)}"
    page = browser.new_page()
    for quiz_id, html in placed.items():
        page.goto(file_url(html))
        quiz = page.locator(f"section[data-quiz='{quiz_id}'].quiz-ready")
        assert quiz.locator("fieldset").count() == len(bank[quiz_id].questions)
    page.close()
