"""The three editions in Chromium (issue 21): each page's language, the language switch landing on
the same page, one learner record across languages, and search in Finnish finding Finnish text.
They pass fully once the catalogues are translated (the seeded strings already carry them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import ROOT, answer_quiz, file_url, watch

PAGE = "book/sectors/cleaning/check.html"  # the cleaning module's quiz lesson


def test_each_edition_says_its_language_on_every_page(editions: Path):
    for language, folder in (("en", editions), ("fi", editions / "fi"), ("sv", editions / "sv")):
        pages = [p for p in folder.rglob("*.html") if "_static" not in p.parts
                 and (language != "en" or p.relative_to(folder).parts[0] not in ("fi", "sv"))]
        assert len(pages) > 10, language
        wrong = [str(p) for p in pages if f'<html lang="{language}"' not in p.read_text(encoding="utf-8")[:400]]
        assert not wrong, f"{language}: {wrong[:5]}"


def test_the_navigation_names_the_parts_in_the_page_language(editions: Path):
    """The side navigation's part captions come from _toc.yml (English) and must be translated on
    every translated page, as the rest of the page is."""
    import re

    import yaml

    english = [part["caption"] for part in yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["parts"]]
    for language in ("fi", "sv"):
        html = (editions / language / PAGE).read_text(encoding="utf-8")
        nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
        shown = re.findall(r'<span class="caption-text">([^<]*)</span>', nav)
        assert shown and not set(shown) & set(english), f"{language}: {shown}"


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


# ---- The quiz, the final assessment and My record speak the page's language (issue 21, item 3) ----

# The sources whose course-runtime strings these runtimes draw (core.js: the confirm dialog's Cancel).
QUIZ_RECORD_SOURCES = ("static/quiz.js", "static/assessment.js", "static/record-page.js", "static/record.js",
                       "static/core.js", "static/course.js", "quizzes/render.py", "course/render.py")


def runtime_words(language: str) -> tuple[dict[str, str], list[str]]:
    """The language's course-runtime entries, and the English words of our sources' entries that a page
    in that language must not show: each msgid's text between its {placeholders}, where that text is
    not also what the translations themselves write (sv "Status" is "Status")."""
    import re

    from procurement_course.i18n.catalogue import read_catalogue
    from procurement_course.i18n.model import catalogue_path

    catalogue = [m for m in read_catalogue(catalogue_path(ROOT, language, "course-runtime")) if m.id]
    table = {m.id: m.string for m in catalogue}
    written = " ".join(m.string for m in catalogue if m.string)
    english = set()
    for m in catalogue:
        if any(place.endswith(QUIZ_RECORD_SOURCES) for place, _ in m.locations):
            for part in re.split(r"\{\w+\}", m.id):
                part = part.strip(" .:;,()?")
                if len(part) >= 4 and re.search("[A-Za-z]{3}", part) and part not in written:
                    english.add(part)
    return table, sorted(english)


def english_shown(text: str, foreign: list[str], english: list[str]) -> list[str]:
    """The English runtime words in ``text`` once the course's own content (quiz text, module and
    course titles: other catalogues) is taken out."""
    import re

    text = " ".join(text.split())
    for s in sorted({" ".join(s.split()) for s in foreign if s and s.strip()}, key=len, reverse=True):
        text = text.replace(s, " ")
    return [w for w in english if re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text)]


def quiz_strings(data: dict) -> list[str]:
    """Every text of a quiz's or the assessment's data (runs joined), and the question types' instructions."""
    plain = lambda runs: "".join(r[1] for r in runs) if isinstance(runs, list) else runs  # noqa: E731
    out = [plain(data.get("title", "")), plain(data.get("intro", []))]
    for q in data["questions"]:
        out += [q["instruction"], plain(q["prompt"]), plain(q["situation"]), plain(q["explanation"]),
                q.get("objective", ""), q.get("teachTitle", "")]
        out += [plain(o["text"]) for o in q["options"]] + [plain(o.get("feedback", [])) for o in q["options"]]
    return out


def head(text: str) -> str:
    """The words of a translation before its first placeholder."""
    return text.split("{")[0].strip()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_quiz_assessment_and_record_speak_the_page_language(editions: Path, context, language: str):
    import json

    words, english = runtime_words(language)
    assert len(english) > 100, "the English words of the quiz's, assessment's and record's strings"
    folder = editions / language
    page = context.new_page()
    visit = watch(page, file_url(editions))

    # The start page: its length, its one action and the module cards, from the renderer and course.js.
    page.goto(file_url(folder / "book/index.html"))
    page.wait_for_function("document.querySelector('.site-nav a[data-page] .nav-mark') !== null")
    titles = page.evaluate("[courseRecord.map.title].concat(courseRecord.map.modules.map(m => m.title))")
    start = page.locator(".course-start").inner_text() + " " + page.locator(".course-overview").inner_text()
    assert words["Start the course"] in start and head(words["About {parts}"]) in start, start
    assert english_shown(start, titles, english) == [], start

    # A module quiz: a question wrong and then right, the others right, the last one out of tries.
    page.goto(file_url(folder / "book/sectors/cleaning/check.html"))
    quiz = page.locator("section[data-quiz]")
    data = json.loads(quiz.locator("script.quiz-data").text_content())
    quiz.locator("fieldset.quiz-q").first.wait_for()
    last = len(data["questions"]) - 1
    for n, q in enumerate(data["questions"]):
        fs = quiz.locator("fieldset.quiz-q").nth(n)
        right = [i for i, o in enumerate(q["options"]) if o["correct"]]
        wrong = [i for i, o in enumerate(q["options"]) if not o["correct"]]
        check = fs.locator("button.quiz-check")
        assert check.inner_text() == words["Check answer"]
        if n == 0:  # wrong, then right at the second try
            fs.locator(f"input[value='{wrong[0]}']").check()
            check.click()
            assert words["Not quite."].rstrip(".") in fs.locator(".quiz-result").inner_text()
            assert words["not right"] in fs.locator(".quiz-opt.is-wrong .quiz-mark").inner_text()
            if q["type"] != "single":
                fs.locator(f"input[value='{wrong[0]}']").uncheck()
        for i in (wrong[:1] if n == last else right):
            fs.locator(f"input[value='{i}']").check()
        while check.is_visible():  # the last question: wrong until its tries are used
            check.click()
        if n == 0:
            assert words["Correct, after a wrong try: it counts half."] in fs.locator(".quiz-result").inner_text()
    fs = quiz.locator("fieldset.quiz-q").nth(last)
    fs.locator("button.quiz-show").click()
    said = words["Question {n}: the right answer is {letters}."].replace("{n}", str(last + 1)).split("{letters}")[0]
    page.wait_for_function("s => document.querySelector('section[data-quiz] .quiz-said').textContent.indexOf(s) === 0", arg=said)
    assert words["right answer"] in fs.locator(".quiz-opt.is-key .quiz-mark").first.inner_text()
    assert head(words["Quiz complete: {right} of {total} correct ({late} after a wrong try, counted half); score {percent} %."]) \
        in quiz.locator(".quiz-score").inner_text()
    quiz.locator("button.quiz-reset").click()
    assert quiz.locator("[data-confirm]").inner_text().startswith(words["Clear every answer in this quiz, and its score?"])
    shown = quiz.inner_text() + " " + quiz.locator(".quiz-said").text_content()
    assert english_shown(shown, quiz_strings(data) + titles, english) == [], shown
    quiz.locator("[data-confirm] button.confirm-cancel").click()

    # The final assessment, once the modules are done: one answer, submit (warned), submit, the review.
    page.goto(file_url(folder / "book/course/assessment.html"))
    page.wait_for_function("window.courseRecord && document.querySelector('.assessment-live') !== null")
    page.evaluate("""() => courseRecord.update(r => courseRecord.map.modules.forEach(m => {
        r.quizzes[m.quiz] = { answers: {}, score: 100, done: true, at: new Date().toISOString() };
        if (m.case) r.cases[m.case] = { p: [0], seen: ["x-end"] };
    }))""")
    page.reload()
    root = page.locator("[data-assessment]")
    pool = json.loads(root.locator("script.assessment-data").text_content())
    assert words["Before you start"] in root.inner_text()
    root.locator("button.assessment-start").click()
    root.locator("fieldset[data-question] input").first.check()
    drawn = root.locator("fieldset[data-question]").count()
    root.locator("button.assessment-submit").click()
    warning = words["{n} questions have no answer and will count as wrong. Select Submit answers again to submit anyway."]
    assert root.locator(".assessment-note").inner_text() == warning.replace("{n}", str(drawn - 1))
    during = root.inner_text()
    root.locator("button.assessment-submit").click()
    result = root.locator("[data-assessment-result]").inner_text()
    assert words["Result: {score} %, not passed"].split("{score}")[0] in result, result
    foreign = [s for m in pool["modules"] for s in quiz_strings(m)] + titles
    shown = during + " " + root.inner_text()
    assert english_shown(shown, foreign, english) == [], shown

    # My record: the tables and texts, a refused file, and the question before Start afresh.
    page.goto(file_url(folder / "book/course/record.html"))
    record = page.locator("[data-course-record]")
    record.locator(".record-summary").wait_for()
    record.locator("input[type=file]").set_input_files(
        files=[{"name": "x.json", "mimeType": "application/json", "buffer": b"not json"}])
    said = record.locator(".record-said")
    page.wait_for_function("document.querySelector('.record-said').textContent.length > 0")
    assert said.text_content() == words["{problem} Nothing was changed."].replace(
        "{problem}", words["The file is not a progress file: it is not JSON."]), said.text_content()
    record.get_by_role("button", name=words["Start afresh"]).click()
    assert words["Erase my record"] in record.locator("[data-confirm]").inner_text()
    shown = record.inner_text() + " " + said.text_content() + " " + record.locator(".certificate").text_content()
    assert words["Final assessment attempts"] in shown and words["Record of progress"] in shown
    assert english_shown(shown, titles, english) == [], shown
    assert not visit.problems(), "\n".join(visit.problems())
