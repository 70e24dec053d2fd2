"""Quizzes in headless Chromium, as learners use them: mouse, keyboard, reload, reset, blocked
storage, hostile text, no JavaScript, print. Runs on a small sample site built for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from harness import axe_violations, describe, file_url, watch

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
RECORD_KEY = "procurement-course:record:v1"
OLD_KEY = "procurement-course:quiz:sample-check"  # where the first version kept a quiz's answers


def open_page(context, site: Path, name: str):
    page = context.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / name))
    page.wait_for_selector("section[data-quiz].quiz-ready")
    return page, visit


def question(page, qid: str):
    return page.locator(f"fieldset[data-question='{qid}']")


def feedback(page, qid: str):
    return question(page, qid).locator(".quiz-feedback")


def said(page):
    """What the quiz's one live region says."""
    return page.locator("[data-quiz='sample-check'] [aria-live='polite']")


def count_announcements(page):
    """Start counting the non-empty messages the quiz's live region receives."""
    page.evaluate("""() => { window.__said = [];
        const region = document.querySelector("[data-quiz='sample-check'] [aria-live='polite']");
        new MutationObserver(() => { if (region.textContent) window.__said.push(region.textContent); })
            .observe(region, {childList: true, characterData: true, subtree: true}); }""")


def test_markup_hooks_are_native_and_accessible(sample_site, context):
    page, visit = open_page(context, sample_site, "index.html")
    quiz = page.locator("[data-quiz='sample-check']")
    assert quiz.locator("fieldset").count() == 3
    assert quiz.locator("fieldset > legend").count() == 3
    assert quiz.locator("fieldset[data-question='pay'] input[type='radio']").count() == 2
    assert quiz.locator("fieldset[data-question='signs'] input[type='checkbox']").count() == 3
    for label in quiz.locator("input").all():
        assert page.locator(f"label[for='{label.get_attribute('id')}']").count() == 1
    check = question(page, "pay").get_by_role("button", name="Check answer")
    assert check.count() == 1
    assert visit.problems() == []


def test_right_answer_by_mouse_shows_feedback_explanation_and_no_retry(sample_site, context):
    page, visit = open_page(context, sample_site, "index.html")
    score = page.locator("[data-quiz='sample-check'] .quiz-score")
    assert not score.is_visible(), "no score line before the first answer"
    count_announcements(page)
    q = question(page, "pay")
    q.get_by_label("Unpaid hours").check()
    q.get_by_role("button", name="Check answer").click()
    shown = feedback(page, "pay").inner_text()
    assert "Correct." in shown
    assert "Yes: hours worked but not paid." in shown
    assert "Explanation: Compare documents with reality." in shown
    assert "right choice" in q.locator(".quiz-opt").first.inner_text()  # words, not only colour
    assert q.get_by_role("button", name="Try again").count() == 0
    assert not q.get_by_role("button", name="Show answer").is_visible()
    assert not q.get_by_role("button", name="Check answer").is_visible()
    assert score.inner_text().startswith("Score so far: 1 of 3 correct")
    page.wait_for_timeout(150)
    assert page.evaluate("window.__said") == ["Question 1: correct."], "one announcement per action"
    assert visit.problems() == []


def test_a_wrong_try_keeps_the_explanation_back_and_a_second_try_can_be_right(sample_site, context):
    page, _ = open_page(context, sample_site, "index.html")
    count_announcements(page)
    q = question(page, "signs")
    q.get_by_label("Workers wear uniforms").check()
    q.get_by_role("button", name="Check answer").click()
    shown = feedback(page, "signs").inner_text()
    assert "Not quite: you found 0 of 2 and chose 1 that is not right." in shown
    assert "one try left" in shown
    assert "Uniforms are ordinary." in shown
    assert "Explanation" not in shown, "the explanation gives the answer away after one wrong try"
    assert not q.locator("input").first.is_disabled()
    q.get_by_label("Workers wear uniforms").uncheck()
    assert feedback(page, "signs").inner_text().strip() == "Change your answer and check it again: one try left."
    q.get_by_label("Someone speaks for the workers").check()
    q.get_by_label("The supervisor holds the workers' passports").check()
    q.get_by_role("button", name="Check answer").click()
    assert "Correct." in feedback(page, "signs").inner_text()
    assert "Explanation:" in feedback(page, "signs").inner_text()
    page.wait_for_timeout(150)
    messages = page.evaluate("window.__said")
    assert len(messages) == 2, messages  # one per check, none for changing an option
    assert messages[1] == "Question 2: correct."


def test_after_the_last_try_the_explanation_and_show_answer(sample_site, context):
    page, _ = open_page(context, sample_site, "index.html")
    q = question(page, "pay")
    q.get_by_label("Nothing unusual").check()
    for _ in range(2):
        q.get_by_role("button", name="Check answer").click()
    shown = feedback(page, "pay").inner_text()
    assert "Not quite." in shown and "Explanation: Compare documents with reality." in shown
    assert q.locator("input").first.is_disabled()
    assert q.get_by_role("button", name="Try again").count() == 0
    q.get_by_role("button", name="Show answer").click()
    assert "right answer" in q.locator(".quiz-opt").first.inner_text()
    expect(said(page)).to_have_text("Question 1: the right answer is A.")  # announce() writes after 50 ms
    assert not q.get_by_role("button", name="Show answer").is_visible()


def test_checking_with_nothing_chosen_asks_for_an_answer(sample_site, context):
    page, _ = open_page(context, sample_site, "index.html")
    question(page, "pay").get_by_role("button", name="Check answer").click()
    page.wait_for_timeout(150)
    expect(said(page)).to_have_text("Question 1: choose an answer first, then check it.")


def test_keyboard_alone(sample_site, context):
    page, visit = open_page(context, sample_site, "index.html")
    first = question(page, "pay").locator("input").first
    first_id = first.get_attribute("id")
    for _ in range(40):  # Tab from the top of the page to the first option
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == first_id:
            break
    else:
        pytest.fail("the first option cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("ArrowDown")  # radio group: arrow keys move and select
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    page.keyboard.press("Enter")
    assert "Correct." in feedback(page, "pay").inner_text()
    assert page.evaluate("document.activeElement.className") == "quiz-feedback", "focus moves to the feedback"
    page.keyboard.press("Tab")  # on to the next question
    assert page.evaluate("document.activeElement.name") == question(page, "signs").locator("input").first.get_attribute("name")
    assert visit.problems() == []


def test_answers_survive_a_reload_and_reset_clears_them(sample_site, context):
    page, _ = open_page(context, sample_site, "index.html")
    q = question(page, "pay")
    q.get_by_label("Nothing unusual").check()
    q.get_by_role("button", name="Check answer").click()
    q.get_by_role("button", name="Check answer").click()
    question(page, "signs").get_by_label("Someone speaks for the workers").check()
    page.reload()
    page.wait_for_selector("section[data-quiz].quiz-ready")
    q = question(page, "pay")
    assert q.get_by_label("Nothing unusual").is_checked()
    assert "Not quite." in feedback(page, "pay").inner_text()
    assert question(page, "signs").get_by_label("Someone speaks for the workers").is_checked()
    kept = page.evaluate(f"JSON.parse(localStorage.getItem('{RECORD_KEY}')).quizzes['sample-check']")
    assert kept["answers"]["pay"] == {"selected": [1], "tries": 2, "done": True}
    page.get_by_role("button", name="Reset quiz answers").click()
    assert not q.get_by_label("Nothing unusual").is_checked()
    assert feedback(page, "pay").inner_text().strip() == ""
    page.reload()
    page.wait_for_selector("section[data-quiz].quiz-ready")
    assert not question(page, "pay").get_by_label("Nothing unusual").is_checked()
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{RECORD_KEY}')).quizzes['sample-check']") is None


def test_blocked_storage_still_works(sample_site, browser):
    ctx = browser.new_context()
    # As Chromium does with storage blocked: reading window.localStorage throws.
    ctx.add_init_script("""Object.defineProperty(window, 'localStorage', { configurable: true,
        get() { throw new DOMException('storage is blocked', 'SecurityError'); } });""")
    page, visit = open_page(ctx, sample_site, "index.html")
    q = question(page, "pay")
    q.get_by_label("Unpaid hours").check()
    q.get_by_role("button", name="Check answer").click()
    assert "Correct." in feedback(page, "pay").inner_text()
    page.get_by_role("button", name="Reset quiz answers").click()
    problems = visit.problems()
    ctx.close()
    assert problems == []


@pytest.mark.parametrize("key, stored", [
    (RECORD_KEY, "{not json"),
    (RECORD_KEY, '{"v":1,"quizzes":"nonsense","pages":[1,2]}'),
    (RECORD_KEY, '{"v":1,"quizzes":{"sample-check":{"answers":{"pay":{"selected":[0,0,9,"x",-1],"tries":"many"}}},'
                 '"__proto__":{"polluted":1}},"__proto__":{"polluted":1}}'),
    (RECORD_KEY, '{"v":99,"something":"from a later version"}'),
    (RECORD_KEY, "null"),
    (OLD_KEY, "{not json"),
    (OLD_KEY, '{"v":1,"answers":{"pay":{"selected":[0,0,9,"x",-1],"checked":"yes"},"gone":{"selected":[1]}}}'),
])
def test_corrupt_storage_is_ignored_not_fatal(sample_site, browser, key, stored):
    ctx = browser.new_context()
    ctx.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); localStorage.setItem({key!r}, {stored!r}); }}")
    page, visit = open_page(ctx, sample_site, "index.html")
    q = question(page, "pay")
    q.get_by_label("Unpaid hours").check()
    q.get_by_role("button", name="Check answer").click()
    shown = feedback(page, "pay").inner_text()
    polluted = page.evaluate("({}).polluted")
    problems = visit.problems()
    ctx.close()
    assert "Correct." in shown
    assert polluted is None
    assert problems == []


def test_answers_kept_by_the_first_version_are_moved_into_the_record(sample_site, browser):
    ctx = browser.new_context()
    old = '{"v":1,"answers":{"pay":{"selected":[0],"checked":true,"correct":true},"signs":{"selected":[0],"checked":false}}}'
    ctx.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1'); localStorage.setItem({OLD_KEY!r}, {old!r}); }}")
    page, visit = open_page(ctx, sample_site, "index.html")
    assert question(page, "pay").get_by_label("Unpaid hours").is_checked()
    assert "Correct." in feedback(page, "pay").inner_text()
    assert question(page, "signs").get_by_label("Someone speaks for the workers").is_checked()
    moved = page.evaluate(f"[localStorage.getItem({OLD_KEY!r}), JSON.parse(localStorage.getItem({RECORD_KEY!r})).quizzes['sample-check'].answers]")
    problems = visit.problems()
    ctx.close()
    assert moved[0] is None, "the old key is removed once its answers are in the record"
    assert moved[1] == {"pay": {"selected": [0], "tries": 1, "done": True}, "signs": {"selected": [0], "tries": 0, "done": False}}
    assert problems == []


def test_hostile_quiz_text_never_runs(sample_site, context):
    page, visit = open_page(context, sample_site, "hostile.html")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    q = question(page, "xss")
    q.locator("input").first.check()
    q.get_by_role("button", name="Check answer").click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("section[data-quiz] img, section[data-quiz] svg, section[data-quiz] iframe").count() == 0
    assert '<img src=x onerror="window.__pwned=\'prompt\'">' in q.locator("legend").inner_text()
    if q.get_by_role("button", name="Check answer").is_visible():
        q.get_by_role("button", name="Check answer").click()  # the last try shows the explanation
    assert "<script>window.__pwned='explanation'</script>Explained" in feedback(page, "xss").inner_text()
    assert visit.outside_requests == []


@pytest.mark.parametrize("name", ["index.html", "ten.html", "hostile.html", "key.html"])
def test_quiz_pages_have_no_serious_accessibility_violations(sample_site, context, name):
    page = context.new_page()
    page.goto(file_url(sample_site / name))
    checks = page.get_by_role("button", name="Check answer")
    if checks.count():  # also check the state after an answer was checked
        page.locator("section[data-quiz] input").first.check()
        checks.first.click()
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_without_javascript_questions_and_options_are_readable(sample_site, browser):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(file_url(sample_site / "index.html"))
    static = page.locator("[data-quiz='sample-check'] .quiz-static")
    visible = static.is_visible()
    text = static.inner_text()
    ctx.close()
    assert visible
    assert "A cleaner's payslip shows 20 hours" in text and "Unpaid hours" in text
    assert "Yes: hours worked but not paid." not in text  # no answers without asking


def test_print_shows_numbered_questions_lettered_options_and_no_answers(sample_site, context):
    page, _ = open_page(context, sample_site, "index.html")
    q = question(page, "pay")
    q.get_by_label("Unpaid hours").check()
    q.get_by_role("button", name="Check answer").click()
    page.emulate_media(media="print")
    quiz = page.locator("[data-quiz='sample-check']")
    assert not quiz.locator(".quiz-live").is_visible()
    assert quiz.locator(".quiz-static").is_visible()
    styles = page.evaluate("""() => {
        const q = document.querySelector("[data-quiz='sample-check'] .quiz-static-questions");
        const o = q.querySelector('ol');
        return [getComputedStyle(q).listStyleType, o.type];
    }""")
    assert styles == ["decimal", "A"]
    assert "Yes: hours worked but not paid." not in quiz.inner_text()
