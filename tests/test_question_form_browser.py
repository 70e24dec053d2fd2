"""The anonymous question form, as participants use it on a shared computer: nothing typed stays
unless they keep a draft, the page says where answers are kept and when they cannot be, saving
gives a file; and the facilitator's page that merges many saved files, keeping and sending nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from harness import axe_violations, describe, file_url, watch

pytestmark = pytest.mark.browser
PAGE = "book/facilitator/question-form.html"
LEARN = "What would you like to learn?"
ANSWER = "How to read a site access log.\nÄäkköset: äöå"
BLOCKED = """Object.defineProperty(window, 'localStorage', { configurable: true,
    get() { throw new DOMException('storage is blocked', 'SecurityError'); } });"""


def stored_text(page) -> str:
    return page.evaluate("Object.keys(localStorage).map(k => k + '=' + localStorage.getItem(k)).join('\\n')")


def save(page, tmp_path: Path, name: str) -> str:
    with page.expect_download() as download:
        page.get_by_role("button", name="Save as a file").click()
    assert download.value.suggested_filename == "workshop-questions.txt"
    path = tmp_path / name
    download.value.save_as(path)
    return path.read_text(encoding="utf-8")


def test_the_form_leaves_nothing_behind(site: Path, browser, tmp_path: Path):
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / PAGE))
    form = page.locator("form[data-question-form]")
    assert "the form empties when you save it or leave the page" in form.inner_text()
    page.get_by_label(LEARN).fill(ANSWER)
    page.get_by_label("Cleaning").check()
    assert "access log" not in stored_text(page), "typed answers were kept without being asked to"
    # Saving gives the file, then empties the form.
    content = save(page, tmp_path, "one.txt")
    assert content.startswith("Questions before the workshop\nForm: pre-workshop\n")
    assert "\n1. Which sector do you buy or audit?\n> [x] Cleaning\n" in content
    assert f"\n2. {LEARN}\n> How to read a site access log.\n> Ääkköset: äöå\n" in content
    assert "5. Is there a topic you would like the workshop to handle with particular care?" in content
    assert "The form is now empty" in page.locator(".qf-status").inner_text()
    assert page.get_by_label(LEARN).input_value() == "" and not page.get_by_label("Cleaning").is_checked()
    # Leaving the page and coming back (Back, or the page cache) shows nothing either.
    page.get_by_label(LEARN).fill("Typed, then left")
    page.goto(file_url(site / "book/start/about.html"))
    page.go_back()
    assert page.get_by_label(LEARN).input_value() == ""
    assert "Typed, then left" not in stored_text(page)
    # A draft is kept only when asked for, and removed on request.
    page.get_by_label("Keep a draft on this device").check()
    page.get_by_label(LEARN).fill(ANSWER)
    page.reload()
    assert page.get_by_label(LEARN).input_value() == ANSWER
    assert page.get_by_label("Keep a draft on this device").is_checked()
    page.emulate_media(media="print")
    printed = page.locator(".qf-print").first.inner_text()
    screen_only_visible = page.locator(".qf-actions").is_visible() or page.locator(".qf-keep").is_visible()
    textarea_visible = page.get_by_label(LEARN).is_visible()
    page.emulate_media(media="screen")
    assert printed.startswith("How to read a site access log") and not screen_only_visible and not textarea_visible
    violations = axe_violations(page)
    page.get_by_label("Keep a draft on this device").uncheck()
    assert "access log" not in stored_text(page)
    page.reload()
    assert page.get_by_label(LEARN).input_value() == ""
    problems = visit.problems()
    ctx.close()
    assert problems == [], problems  # includes: no request leaves the site
    assert not violations, describe(violations)


def test_the_form_leaves_no_trace_in_the_record_and_clearing_asks_first(site: Path, browser):
    """Issue 23: opening the anonymous form records no visit and no "continue here" place (a record an
    LMS would receive); only a draft the participant chooses to keep is stored."""
    ctx = browser.new_context()
    page = ctx.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / PAGE))
    page.wait_for_selector("form[data-question-form].qf-ready")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(2500)  # longer than the shell's pause between writes of the reading place
    assert "other files on this computer opened in the same browser can read it" in page.locator(".qf-keep-note").inner_text()
    page.get_by_label(LEARN).fill(ANSWER)
    clear = page.get_by_role("button", name="Clear my answers")
    clear.click()
    ask = page.locator("[data-confirm]")
    assert "Clear every answer" in ask.inner_text() and ask.get_attribute("role") == "group"
    ask.get_by_role("button", name="Cancel").click()
    assert page.get_by_label(LEARN).input_value() == ANSWER, "cancelling changes nothing"
    assert page.evaluate("document.activeElement.textContent") == "Clear my answers"
    clear.click()
    page.locator("[data-confirm]").get_by_role("button", name="Yes, clear my answers").click()
    assert page.get_by_label(LEARN).input_value() == ""
    assert stored_text(page) == "", "nothing of the participant in this browser's storage"
    page.goto(file_url(site / "book/start/about.html"))  # leaving: the shell writes here, not on the form
    page.wait_for_selector(".site-nav a[data-page] .nav-mark")
    record = page.evaluate("JSON.parse(localStorage.getItem('procurement-course:record:v1'))")
    problems = visit.problems()
    ctx.close()
    form_page = PAGE[: -len(".html")]
    assert form_page not in json.dumps(record), "the form's page is in the learner record"
    assert not record["last"].startswith(form_page)
    assert problems == []


def test_with_storage_blocked_the_form_says_it_cannot_keep_a_draft(site: Path, browser, tmp_path: Path):
    ctx = browser.new_context(accept_downloads=True)
    ctx.add_init_script(BLOCKED)
    page = ctx.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / PAGE))
    keep = page.get_by_label("Keep a draft on this device")
    assert keep.is_disabled()
    assert "This browser cannot keep a draft" in page.locator(".qf-keep").inner_text()
    page.get_by_label(LEARN).fill(ANSWER)
    assert "Ääkköset" in save(page, tmp_path, "blocked.txt")
    assert visit.problems() == []
    ctx.close()


def test_a_draft_over_the_storage_quota_is_not_lost_silently(site: Path, browser):
    ctx = browser.new_context()
    ctx.add_init_script("""const set = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) {
          if (String(v).length > 2000) throw new DOMException('quota', 'QuotaExceededError');
          return set.call(this, k, v); };""")
    page = ctx.new_page()
    page.goto(file_url(site / PAGE))
    page.get_by_label("Keep a draft on this device").check()
    long_answer = "A long answer. " * 300
    page.get_by_label(LEARN).fill(long_answer)
    status = page.locator(".qf-status").inner_text()
    assert "too long for this browser to keep" in status and "save them as a file" in status
    assert page.get_by_label(LEARN).input_value() == long_answer
    page.get_by_label(LEARN).fill("Short again.")
    assert "kept in this browser again" in page.locator(".qf-status").inner_text()
    ctx.close()


def test_a_form_id_with_quotes_and_an_apostrophe_works(sample_site: Path, browser, tmp_path: Path):
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    visit = watch(page, file_url(sample_site))
    page.goto(file_url(sample_site / "form.html"))
    form = page.locator("form.qf-ready")
    assert form.get_attribute("data-question-form") == "participant's \"first\" form"
    page.get_by_label("Keep a draft on this device").check()
    page.get_by_label(LEARN).fill("Something")
    page.get_by_label("Catering").check()
    page.reload()
    assert page.get_by_label(LEARN).input_value() == "Something" and page.get_by_label("Catering").is_checked()
    content = save(page, tmp_path, "apostrophe.txt")
    assert "Form: participant's \"first\" form\n" in content and "> [x] Catering" in content
    ids = page.evaluate("[...document.querySelectorAll('form [id]')].map(e => e.id)")
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids) and len(ids) == len(set(ids))
    assert visit.problems() == []
    ctx.close()


def _saved(form: str, sectors: list[str], learn: str, care: str = "") -> str:
    lines = ["Questions before the workshop", f"Form: {form}", "Anonymous answers.", "",
             "1. Which sector do you buy or audit?", *[f"> [x] {s}" for s in sectors], "",
             f"2. {LEARN}", *[f"> {line}" for line in learn.splitlines()], ""]
    if care:
        lines += ["5. Is there a topic you would like the workshop to handle with particular care?", f"> {care}", ""]
    return "\n".join(lines)


def test_collecting_merges_shuffles_drops_duplicates_and_keeps_nothing(facilitator_site: Path, browser,
                                                                       tmp_path: Path):
    files = {
        "a.txt": _saved("pre-workshop", ["Cleaning"], "Reading access logs.\nSecond line."),
        "b.txt": _saved("pre-workshop", ["Cleaning", "Catering and restaurants"], "Subcontracting chains.",
                        care="Past contracts"),
        "a-again.txt": _saved("pre-workshop", ["Cleaning"], "Reading access logs.\nSecond line."),
        "c.txt": _saved("pre-workshop", [], "  subcontracting   chains. "),  # the same answer as b, differently typed
        "notes.txt": "My shopping list\nmilk\nbread\n\n\n\n",
    }
    files.update({f"many-{i}.txt": _saved("pre-workshop", [], f"Distinct answer number {i}.") for i in range(6)})
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    page = browser.new_page()
    visit = watch(page, file_url(facilitator_site))
    page.goto(file_url(facilitator_site / "book/facilitator/collect-questions.html"))
    root = page.locator("[data-question-collect].qf-ready")
    picker = root.locator("input[type=file]")
    assert picker.get_attribute("multiple") is not None
    orders = []
    for _ in range(3):
        root.get_by_role("button", name="Clear the list").click()
        picker.set_input_files(paths)
        page.wait_for_function("document.querySelector('.qc-status').textContent.includes('forms read')")
        answers = root.locator(".qc-answers").nth(1).locator("li").all_inner_texts()
        orders.append(answers)
    status = root.locator(".qc-status").inner_text()
    assert "9 forms read" in status and "1 duplicate file left out" in status and "1 duplicate answer left out" in status
    assert "1 file not read" in status
    assert "notes.txt: line 5: this is not a file saved from the question form" in root.locator(".qc-problems").inner_text()
    headings = root.locator(".qc-question").all_inner_texts()
    assert headings == ["1. Which sector do you buy or audit?", f"2. {LEARN}",
                        "5. Is there a topic you would like the workshop to handle with particular care?"]
    assert root.locator(".qc-question").first.evaluate("h => h.tagName") in ("H3", "H4", "H5")
    assert root.locator(".qc-answers").first.locator("li").all_inner_texts() == [
        "Cleaning: 2 forms", "Catering and restaurants: 1 form"]
    assert sorted(orders[0]) == sorted(["Reading access logs.\nSecond line.", "Subcontracting chains.",
                                        *[f"Distinct answer number {i}." for i in range(6)]])
    assert len({tuple(o) for o in orders}) > 1, "the answers are not shuffled"
    page.emulate_media(media="print")
    printed = root.locator(".qc-result").is_visible() and not picker.is_visible()
    page.emulate_media(media="screen")
    violations = axe_violations(page)
    kept = stored_text(page) + page.evaluate("Object.values(sessionStorage).join()")
    root.get_by_role("button", name="Clear the list").click()
    assert root.locator(".qc-answers").count() == 0
    problems = visit.problems()
    page.close()
    assert printed
    assert "Distinct answer" not in kept and "access logs" not in kept, "the collecting page kept answers"
    assert problems == [], problems  # nothing is sent anywhere
    assert not violations, describe(violations)
