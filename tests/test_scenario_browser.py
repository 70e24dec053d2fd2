"""Scenarios in headless Chromium: played to a debrief by mouse and by keyboard, restartable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness import axe_violations, describe, file_url, watch

pytestmark = pytest.mark.browser
SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "quiz_site"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scenario_site") / "html"
    sphinx = Path(sys.executable).with_name("sphinx-build")
    result = subprocess.run([str(sphinx), "-W", "-b", "html", str(SAMPLE), str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


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
