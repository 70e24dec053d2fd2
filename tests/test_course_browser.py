"""The course around the pages, in headless Chromium on the real book, as a learner meets it:
progress and status in the navigation and on the start page, "Continue where you left off", the
final assessment, the record page (export, import, record of completion), phones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from harness import ROOT, answer_quiz, file_url, watch
from procurement_course.quizzes.load import load_bank, quiz_files

pytestmark = pytest.mark.browser
RECORD_KEY = "procurement-course:record:v1"


def open_page(context, site: Path, name: str):
    page = context.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / name))
    page.wait_for_function("document.querySelector('.site-nav a[data-page] .nav-mark') !== null")
    return page, visit


def nav_status(page, name: str) -> tuple[str, str]:
    link = page.locator(f".site-nav a[data-page='{name}']")
    return link.get_attribute("data-status"), link.evaluate("a => a.textContent")


def test_progress_status_and_resume_follow_the_learner(site: Path, context):
    page, visit = open_page(context, site, "book/index.html")
    assert page.locator("[data-course-progress]").inner_text().startswith("0 of 8 modules done")
    assert page.locator("a[data-resume]").count() == 0, "nothing to resume before the learner starts"
    assert nav_status(page, "book/foundations/indicators")[0] == "not-started"

    page.goto(file_url(site / "book/foundations/exploitation-and-trafficking.html"))
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.goto(file_url(site / "book/foundations/indicators.html"))  # leaving the page writes what was read
    page.wait_for_selector("section[data-quiz].quiz-ready")
    assert nav_status(page, "book/foundations/exploitation-and-trafficking")[0] == "done"  # read to the end: done
    status, name = nav_status(page, "book/foundations/indicators")
    assert status == "in-progress" and name.endswith("(in progress)"), name  # the quiz is still to do
    answer_quiz(page, right=True)
    status, name = nav_status(page, "book/foundations/indicators")
    assert status == "done" and "(done, 100 %)" in name, name
    assert page.locator("[data-course-mini]").inner_text().startswith("Foundations: 2 of 2 lessons done")

    page.goto(file_url(site / "book/sectors/cleaning/check.html"))
    page.wait_for_selector("section[data-quiz].quiz-ready")
    answer_quiz(page, right=True)  # the quiz alone does not finish a sector module: its case is still to play
    # The quiz's lesson is done once its quiz is passed; the module is not (its card, below).
    assert nav_status(page, "book/sectors/cleaning/check")[0] == "done"

    page.goto(file_url(site / "book/index.html"))
    page.wait_for_selector("a[data-resume]")
    assert page.locator("[data-course-progress]").inner_text().startswith("1 of 8 modules done")
    assert re.search(r"sectors/cleaning/check\.html(#[\w-]+)?$", page.locator("a[data-resume]").get_attribute("href"))
    cards = {c.get_attribute("data-module"): (c.get_attribute("data-status"), c.inner_text())
             for c in page.locator(".module-card").all()}
    assert cards["foundations"][0] == "done" and "Done: quiz 100 %" in cards["foundations"][1]
    assert cards["cleaning"][0] == "in-progress" and cards["audits"][0] == "not-started"
    page.locator("a[data-resume]").click()
    assert "book/sectors/cleaning/check.html" in page.url
    assert visit.problems() == []


def test_final_assessment_draws_fresh_spread_questions_and_scores_on_submit(site: Path, context):
    page, visit = open_page(context, site, "book/course/assessment.html")
    page.evaluate("""() => courseRecord.update(r => courseRecord.map.modules.forEach(m => {
        r.quizzes[m.quiz] = { answers: {}, score: 100, done: true, at: new Date().toISOString() };
        if (m.case) r.cases[m.case] = { p: [0], seen: ["x-end"] };
    }))""")  # the assessment opens once the required modules are done (assessment_after_modules)
    page.reload()
    pool = json.loads(page.locator("[data-assessment] script.assessment-data").text_content())
    key = {f"{m['quiz']}/{q['id']}": q for m in pool["modules"] for q in m["questions"]}
    root = page.locator("[data-assessment]")
    root.get_by_role("button", name="Start the assessment").click()
    drawn = [f.get_attribute("data-question") for f in root.locator("fieldset[data-question]").all()]
    assert len(drawn) == pool["size"] == 20 and len(set(drawn)) == 20
    assert {ref.split("/")[0] for ref in drawn} == {m["quiz"] for m in pool["modules"]}, "spread over every module"
    assert root.locator(".quiz-feedback, [data-assessment-result]").count() == 0, "no feedback before submitting"

    # Answer all right but one, and the answers survive a reload before submitting.
    for n, ref in enumerate(drawn):
        fs = root.locator(f"fieldset[data-question='{ref}']")
        for input_ in fs.locator("input").all():
            right = key[ref]["options"][int(input_.get_attribute("value"))]["correct"]
            if right != (n == 0):
                input_.check()
    page.reload()
    page.wait_for_selector("[data-assessment] fieldset[data-question]")
    assert [f.get_attribute("data-question") for f in root.locator("fieldset[data-question]").all()] == drawn
    root.get_by_role("button", name="Submit answers").click()
    result = root.locator("[data-assessment-result]")
    assert "95 %" in result.inner_text() and "passed" in result.inner_text() and "not passed" not in result.inner_text()
    review = root.locator(".assessment-review > li")
    assert review.count() == 20
    assert "Not right" in review.first.inner_text() and "Explanation:" in review.first.inner_text()
    link = review.first.locator(".review-link a").get_attribute("href")
    assert link.endswith(".html") or ".html#" in link

    # A new attempt: a fresh draw (the previous questions last), no answers, then a fail.
    root.get_by_role("button", name="Start a new attempt").click()
    second = [f.get_attribute("data-question") for f in root.locator("fieldset[data-question]").all()]
    assert not set(second) & set(drawn), "a new attempt draws questions the learner has not just seen"
    root.get_by_role("button", name="Submit answers").click()
    assert "no answer" in root.locator(".assessment-note").inner_text()
    root.get_by_role("button", name="Submit answers").click()
    assert "0 %, not passed" in root.locator("[data-assessment-result]").inner_text()
    page.reload()
    page.wait_for_selector("[data-assessment-result]")
    rows = root.locator("table.assessment-attempts tbody tr").all_inner_texts()
    assert len(rows) == 2 and "95 %" in rows[0] and "not passed" in rows[1]
    assert visit.problems() == []


def test_record_exports_and_imports_and_refuses_a_bad_file(site: Path, browser, tmp_path: Path):
    learner = browser.new_context(accept_downloads=True)
    page, _ = open_page(learner, site, "book/foundations/indicators.html")
    page.wait_for_selector("section[data-quiz].quiz-ready")
    answer_quiz(page, right=False)
    page.goto(file_url(site / "book/course/record.html"))
    root = page.locator("[data-course-record]")
    root.wait_for()
    with page.expect_download() as download:
        root.get_by_role("button", name="Export progress").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    learner.close()
    exported = json.loads(saved.read_text())
    assert exported["format"] == "procurement-course-record"
    n = len(load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)["foundations-check"].questions)
    one_wrong = int(100 * (n - 1) / n + 0.5)  # answer_quiz(right=False) gets the first question wrong
    assert exported["record"]["quizzes"]["foundations-check"]["score"] == one_wrong

    other = browser.new_context()  # another browser: empty storage
    page, visit = open_page(other, site, "book/course/record.html")
    root = page.locator("[data-course-record]")
    assert "Not started" in root.locator("table").first.inner_text().split("Foundations")[1].split("\n")[0]
    bad = {
        "not-json.json": "{this is not json",
        "foreign.json": json.dumps({"format": "something-else", "record": {}}),
        "tampered.json": json.dumps({**exported, "record": {**exported["record"],
                                     "quizzes": {"foundations-check": {"score": "100", "__proto__": {"x": 1}}}}}),
        "hostile.json": json.dumps({**exported, "record": {**exported["record"], "last": "<img src=x onerror=alert(1)>"}}),
    }
    for name, text in bad.items():
        path = tmp_path / name
        path.write_text(text)
        root.locator("input[type=file]").set_input_files(str(path))
        page.wait_for_function("document.querySelector('.record-said').textContent.includes('Nothing was changed')")
        assert "Not started" in root.locator("table").first.inner_text().split("Foundations")[1].split("\n")[0], name
        assert page.evaluate(f"localStorage.getItem({RECORD_KEY!r})").count('"foundations-check"') == 0, name
    root.get_by_role("button", name="Import progress")  # the button the input belongs to
    root.locator("input[type=file]").set_input_files(str(saved))
    page.wait_for_function("document.querySelector('.record-said').textContent.includes('restored')")
    assert "In progress" not in root.locator("table").first.inner_text().split("Foundations")[1].split("\n")[0]
    assert f"{one_wrong} %" in root.locator("table").first.inner_text()
    # The record of completion carries the typed name, which is never stored.
    root.get_by_label("Your name").fill("Aino Virtanen")
    assert "Aino Virtanen" in root.locator(".certificate").inner_text()
    assert "Self-reported" in root.locator(".certificate").inner_text()
    stored = page.evaluate(f"localStorage.getItem({RECORD_KEY!r})")
    page.emulate_media(media="print")
    printed = page.evaluate("[...document.querySelectorAll('.content *')].filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)")
    problems = visit.problems()
    other.close()
    assert "Aino" not in stored
    assert "certificate" in printed and "site-nav" not in printed and not any(c == "record-summary" for c in printed)
    assert problems == []


def test_with_storage_blocked_the_course_works_and_says_nothing_is_kept(site: Path, browser):
    ctx = browser.new_context()
    ctx.add_init_script("""Object.defineProperty(window, 'localStorage', { configurable: true,
        get() { throw new DOMException('storage is blocked', 'SecurityError'); } });""")
    page = ctx.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / "book/foundations/indicators.html"))
    page.wait_for_selector("section[data-quiz].quiz-ready")
    answer_quiz(page, right=True)
    status = nav_status(page, "book/foundations/indicators")[0]
    page.goto(file_url(site / "book/course/record.html"))
    page.wait_for_selector("[data-course-record] .record-summary")
    text = page.locator("[data-course-record]").inner_text()
    problems = visit.problems()
    ctx.close()
    assert status == "done"
    assert "lasts only while this page is open" in text
    assert problems == []


def test_a_corrupt_record_is_set_aside_and_the_course_starts_afresh(site: Path, browser):
    ctx = browser.new_context()
    ctx.add_init_script(f"""if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');
        localStorage.setItem({RECORD_KEY!r}, '{{"v":1,"pages":"oops","quizzes":{{"foundations-check":7}},"assessment":{{"attempts":[null,5]}}}}'); }}""")
    page, visit = open_page(ctx, site, "book/index.html")
    progress = page.locator("[data-course-progress]").inner_text()
    page.goto(file_url(site / "book/course/assessment.html"))
    page.wait_for_selector("[data-assessment] [data-assessment-rules]")  # drawn, not broken
    problems = visit.problems()
    ctx.close()
    assert progress.startswith("0 of 8 modules done")
    assert problems == []


def test_on_a_phone_the_menu_folds_and_options_keep_their_text_beside_them(site: Path, browser):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    page, visit = open_page(ctx, site, "book/sectors/construction/check.html")
    nav = page.locator("nav.site-nav")
    button = page.get_by_role("button", name="Course menu")
    assert not nav.is_visible() and button.get_attribute("aria-expanded") == "false"
    button.click()
    assert nav.is_visible() and button.get_attribute("aria-expanded") == "true"
    nav.locator("a").first.focus()
    page.keyboard.press("Escape")
    assert not nav.is_visible() and page.evaluate("document.activeElement.className") == "menu-toggle"
    rows = page.locator("section[data-quiz] .quiz-opt").all()[:8]
    for row in rows:
        box_input = row.locator("input").bounding_box()
        box_label = row.locator("label").bounding_box()
        assert abs(box_input["y"] - box_label["y"]) < 12 and box_label["x"] > box_input["x"], "input and text on one line"
    problems = visit.problems()
    ctx.close()
    assert problems == []
