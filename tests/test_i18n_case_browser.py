"""The case player, present mode and the anonymous question form speak the page's language
(issue 21, item 3): played in Chromium on the Finnish and Swedish editions, none of their English
runtime strings (the course-runtime msgids whose source is scenario.js, present.js,
question-form.js, scenarios/render.py or sphinx/question_form.py) is left visible, and the
buttons are named as the translated facilitator pages name them. The SCORM launch page's note
(lms.js) follows the language of the course page in its frame."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from harness import ROOT, file_url, watch

pytestmark = pytest.mark.browser
CASE = "book/sectors/cleaning/case.html"
FORM = "book/facilitator/question-form.html"
# Each runtime is checked for its own strings: the case's for a case, the form's for the form (a
# form's choice "Cleaning" is also a word a case may use in its own text).
CASE_SOURCES = ("static/scenario.js", "static/present.js", "scenarios/render.py")
FORM_SOURCES = ("static/question-form.js", "sphinx/question_form.py", "book/facilitator/question-form.md")
BUTTONS = {"fi": ("Esitä tämä tapaus", "Aloita tapaus", "Pelaa tapaus uudelleen", "Tallenna tiedostoksi"),
           "sv": ("Presentera fallet", "Starta fallet", "Spela fallet igen", "Spara som fil")}

# The visible text and accessible names inside a root, without the exhibits' tables (synthetic
# case data, e.g. company names, stays as it is in every language).
TEXT = """root => {
  const out = [];
  const walk = e => {
    if (e.closest('table') || e.hidden || getComputedStyle(e).display === 'none') return;
    for (const a of ['aria-label', 'title', 'placeholder']) if (e.getAttribute(a)) out.push(e.getAttribute(a));
    for (const n of e.childNodes) {
      if (n.nodeType === 3) out.push(n.textContent);
      else if (n.nodeType === 1) walk(n);
    }
  };
  walk(root);
  return out.join('\\n');
}"""


def english_patterns(language: str, sources: tuple[str, ...]) -> list[tuple[str, re.Pattern]]:
    """A pattern per English msgid of these runtimes, as whole words, its placeholders standing for
    any text on one line ("Part {n} of {total}" finds "Part 1 of 3"); left out where the translation
    says the same (sv "Start")."""
    catalogue = read_po(open(ROOT / "locale" / language / "LC_MESSAGES" / "course-runtime.po", "rb"))
    out = []
    for m in catalogue:
        if not m.id or not any(s in f for f, _ in m.locations for s in sources):
            continue
        assert m.string and not m.fuzzy, f"{language}: untranslated: {m.id}"
        if m.id == m.string:
            continue
        body = r"[^\n]{1,200}?".join(re.escape(piece) for piece in re.split(r"\{\w+\}", m.id.rstrip(".")))
        out.append((m.id, re.compile(r"(?<!\w)" + body + r"(?!\w)")))
    assert len(out) > 30, "the course-runtime catalogue lost these runtimes' entries"
    return out


def english_left(text: str, patterns) -> list[str]:
    return sorted({msgid for msgid, p in patterns if p.search(text)})


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_case_played_to_its_debrief_speaks_the_page_language(editions: Path, context, language: str):  # noqa: F811
    patterns, (present, start, again, _) = english_patterns(language, CASE_SOURCES), BUTTONS[language]
    page = context.new_page()
    visit = watch(page, file_url(editions))
    page.goto(file_url(editions / language / CASE))
    case = page.locator("section[data-scenario].scenario-ready")
    seen = [page.evaluate(TEXT, case.element_handle())]  # the worksheet behind, the toolbar
    case.get_by_role("button", name=start, exact=True).click()
    for _ in range(30):
        if case.locator("[data-scenario-debrief]").count():
            break
        toggle = case.locator(".scenario-exhibit-toggle")
        if toggle.count():
            toggle.first.click()  # "Show the exhibit" then "Hide the exhibit"
            seen.append(page.evaluate(TEXT, case.element_handle()))
            toggle.first.click()
        case.locator(".scenario-choices button:not([disabled])").last.click()  # a consequence, shown
        seen.append(page.evaluate(TEXT, case.element_handle()))
        case.locator("button.scenario-next").click()
    debrief = case.locator("[data-scenario-debrief]")
    assert debrief.count(), "the case did not reach a debrief"
    seen.append(page.evaluate(TEXT, case.element_handle()))
    assert "ILO" in debrief.inner_text()
    # Another path: the note about the last choice, and the trail of decisions.
    case.locator(".scenario-actions button").first.click()
    seen.append(page.evaluate(TEXT, case.element_handle()))
    page.reload()  # the welcome back note
    seen.append(page.evaluate(TEXT, page.locator("section[data-scenario].scenario-ready").element_handle()))
    text = "\n".join(seen)
    assert not english_left(text, patterns), english_left(text, patterns)
    assert case.get_by_role("button", name=present, exact=True).count() == 1
    # The debrief's own buttons, by the names the facilitator pages use.
    case.locator(".scenario-choices button:not([disabled])").first.click()
    case.locator("button.scenario-next").click()
    while not case.locator("[data-scenario-debrief]").count():
        case.locator(".scenario-choices button:not([disabled])").first.click()
        case.locator("button.scenario-next").click()
    assert case.get_by_role("button", name=again, exact=True).count() == 1
    assert not visit.problems()


def test_present_mode_speaks_finnish(editions: Path, browser):  # noqa: F811
    patterns = english_patterns("fi", CASE_SOURCES)
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page.goto(file_url(editions / "fi" / CASE))
    case = page.locator("section[data-scenario].scenario-ready")
    case.get_by_role("button", name="Esitä tämä tapaus", exact=True).click()
    dialog = page.locator("dialog.scenario-present[open]")
    dialog.wait_for()
    seen = [page.evaluate(TEXT, dialog.element_handle())]
    shown = dialog.locator(".scenario-show-exhibit")
    if shown.count():
        shown.first.click()
        exhibit = page.locator("dialog.scenario-exhibit-dialog[open]")
        seen.append(page.evaluate(TEXT, exhibit.element_handle()))
        page.keyboard.press("Escape")
    dialog.get_by_role("button", name="Aloita tapaus", exact=True).click()
    page.keyboard.press("a")  # a choice by its key: the consequence in the dialog
    seen.append(page.evaluate(TEXT, dialog.element_handle()))
    assert dialog.get_attribute("aria-label").startswith("Esitettävä tapaus: ")
    text = "\n".join(seen)
    assert not english_left(text, patterns), english_left(text, patterns)


def test_the_question_form_speaks_finnish(editions: Path, browser, tmp_path: Path):  # noqa: F811
    patterns = english_patterns("fi", FORM_SOURCES)
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    page.goto(file_url(editions / "fi" / FORM))
    form = page.locator("form[data-question-form].qf-ready")
    seen = [page.evaluate(TEXT, form.element_handle())]
    assert form.locator("legend").first.inner_text().startswith("1. Minkä alan")
    form.get_by_label("Siivous").check()
    form.locator("textarea").first.fill("Kulkulokien lukeminen.")
    form.get_by_label("Säilytä luonnos tällä laitteella").check()
    seen.append(page.evaluate(TEXT, form.element_handle()))
    with page.expect_download() as download:
        form.get_by_role("button", name="Tallenna tiedostoksi").click()
    saved = tmp_path / "saved.txt"
    download.value.save_as(saved)
    assert "> [x] Siivous" in saved.read_text(encoding="utf-8")
    seen.append(page.evaluate(TEXT, form.element_handle()))
    form.get_by_role("button", name="Tyhjennä vastaukseni").click()
    seen.append(page.evaluate(TEXT, form.element_handle()))  # the question before clearing
    form.get_by_role("button", name="Kyllä, tyhjennä vastaukseni").click()
    seen.append(page.evaluate(TEXT, form.element_handle()))
    text = "\n".join(seen)
    assert not english_left(text, patterns), english_left(text, patterns)
    ctx.close()
