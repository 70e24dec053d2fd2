"""Scenarios in headless Chromium: played to a debrief by mouse and by keyboard, restartable."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import axe_violations, describe, file_url, watch

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]


def open_scenario(browser, site: Path):
    page = browser.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / "scenario.html"))
    page.wait_for_selector("section[data-scenario].scenario-ready")
    return page, visit


def test_play_to_a_debrief_by_mouse_and_restart(sample_site, browser):
    page, visit = open_scenario(browser, sample_site)
    root = page.locator("[data-scenario='sample-case']")
    root.get_by_role("button", name="Start the case").click()
    for choice in ["Secure the records", "Plan an unannounced visit", "Talk to workers privately with an independent interpreter"]:
        root.get_by_role("button", name=choice).click()
        assert root.locator("[aria-live='polite']").inner_text().startswith("What happens:")
        root.get_by_role("button", name="Continue").or_(root.get_by_role("button", name="See the debrief")).click()
    debrief = root.locator("[data-scenario-debrief]")
    assert debrief.get_attribute("data-scenario-debrief") == "better-end"
    assert "Workers paid what they are owed" in debrief.inner_text()
    assert "Withholding of wages, Excessive overtime" in debrief.inner_text()
    violations = axe_violations(page)
    root.get_by_role("button", name="Play the case again").click()
    assert root.locator("[data-scenario-debrief]").count() == 0
    assert "Decision point 1" in root.inner_text()
    problems = visit.problems()
    page.close()
    assert not violations, describe(violations)
    assert problems == []


def test_play_to_another_ending_by_keyboard(sample_site, browser):
    page, visit = open_scenario(browser, sample_site)
    root = page.locator("[data-scenario='sample-case']")
    root.get_by_role("button", name="Start the case").focus()
    page.keyboard.press("Enter")
    # Focus moves to the decision point; Tab reaches the choices in order.
    assert page.evaluate("document.activeElement.textContent") == "Decision point 1"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")                  # "Phone the owner"
    assert page.evaluate("document.activeElement.textContent") == "Continue"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")                  # "Accept them"
    page.keyboard.press("Enter")                  # "See the debrief" has focus
    debrief = root.locator("[data-scenario-debrief]")
    assert debrief.get_attribute("data-scenario-debrief") == "poor-end"
    assert page.evaluate("document.activeElement.textContent").startswith("Debrief: A poor outcome")
    assert visit.problems() == []
    page.close()


def test_worksheet_without_javascript_and_in_print(sample_site, browser):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(file_url(sample_site / "scenario.html"))
    text = page.locator("[data-scenario]").inner_text()
    ctx.close()
    assert "Decision point 1." in text and "Phone the owner" in text
    assert "The owner is warned." not in text
    page, _ = open_scenario(browser, sample_site)
    page.emulate_media(media="print")
    assert page.locator(".scenario-static").is_visible() and not page.locator(".scenario-live").is_visible()
    assert page.locator(".scenario-write").first.is_visible()
    page.close()


SECTOR_CASES = {
    "cleaning": "cleaning-evening-audit",
    "construction": "construction-chain-check",
    "agriculture": "agriculture-supplier-fees",
    "catering": "catering-cash-back",
}


def choices_along(scenario, path):
    """The index of the choice to press at each decision point to follow ``path``."""
    return [next(i for i, c in enumerate(scenario.step(a).choices) if c.next == b) for a, b in zip(path, path[1:])]


@pytest.mark.parametrize("sector", SECTOR_CASES)
def test_each_sector_case_plays_to_a_better_and_a_poor_debrief(site, browser, sector):
    from procurement_course.scenarios.load import load_course_scenarios

    scenario = load_course_scenarios(ROOT)[SECTOR_CASES[sector]]
    targets = {e.outcome: e.id for e in reversed(scenario.endings)}  # the first ending of each outcome
    page = browser.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / "book" / "sectors" / f"{sector}.html"))
    root = page.locator(f"[data-scenario='{SECTOR_CASES[sector]}'].scenario-ready")
    assert root.locator(".scenario-situation").inner_text().startswith("Fictional case")
    for outcome in ("better", "poor"):
        path = scenario.path_to(targets[outcome])
        root.get_by_role("button", name="Start the case").or_(root.get_by_role("button", name="Play the case again")).click()
        for index in choices_along(scenario, path):
            root.locator(".scenario-choices button").nth(index).click()
            root.locator(".scenario-said button").click()
        debrief = root.locator("[data-scenario-debrief]")
        assert debrief.get_attribute("data-scenario-debrief") == targets[outcome]
        assert "ILO indicators involved:" in debrief.inner_text()
    problems = visit.problems()
    page.close()
    assert problems == []


@pytest.mark.parametrize("sector", SECTOR_CASES)
def test_sector_exhibits_have_alt_text_and_hidden_analysis(site, browser, sector):
    page = browser.new_page()
    page.goto(file_url(site / "book" / "sectors" / f"{sector}.html"))
    images = page.locator("main img")
    alts = [images.nth(i).get_attribute("alt") or "" for i in range(images.count())]
    tables = page.locator("main .exhibit-table caption").count()
    analysis_open = page.evaluate("[...document.querySelectorAll('main details.hide')].some(d => d.open)")
    analysis_count = page.locator("main details.hide").count()
    page.close()
    assert alts, "the sector page has no chart"
    assert all(len(a) > 60 and a.startswith("Bar chart") for a in alts), alts
    assert tables >= 1
    assert analysis_count >= 2 and not analysis_open, "the analysis code is hidden by default"
