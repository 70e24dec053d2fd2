"""The anonymous pre-workshop form: answers stay in the browser, can be saved and printed, never sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import axe_violations, describe, file_url, watch

pytestmark = pytest.mark.browser
PAGE = "book/facilitator/question-form.html"


def test_answers_stay_save_print_and_clear(site: Path, browser, tmp_path: Path):
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / PAGE))
    first = page.get_by_label("What would you most like to learn in this workshop?")
    first.fill("How to read a site access log. Ääkköset: äöå")
    page.reload()
    first = page.get_by_label("What would you most like to learn in this workshop?")
    assert first.input_value() == "How to read a site access log. Ääkköset: äöå"
    with page.expect_download() as download:
        page.get_by_role("button", name="Save as a file").click()
    saved = tmp_path / "answers.txt"
    download.value.save_as(saved)
    content = saved.read_text(encoding="utf-8")
    assert "What would you most like to learn in this workshop?\nHow to read a site access log. Ääkköset: äöå" in content
    assert "workshop-questions.txt" in page.locator(".qf-status").inner_text()
    page.emulate_media(media="print")
    assert page.locator(".qf-print").first.inner_text().startswith("How to read a site access log")
    assert not first.is_visible()
    page.emulate_media(media="screen")
    violations = axe_violations(page)
    page.get_by_role("button", name="Clear my answers").click()
    page.reload()
    assert page.get_by_label("What would you most like to learn in this workshop?").input_value() == ""
    problems = visit.problems()
    ctx.close()
    assert problems == [], problems  # includes: no request leaves the site
    assert not violations, describe(violations)
