"""`make bench`: build times, page weight and the checkers' budgets, printed as figures (not asserted).

- clean build, no-op rebuild and rebuild after touching one page, in a scratch copy of the book
  (so the clean build really starts from nothing, execution cache included);
- bytes loaded by the start page and a module page, against a default Jupyter Book 1 page
  (`jupyter-book create`) built in the same run. Requests leaving the site are blocked, as
  offline, and counted;
- the course's budgets (issue 9), on every page of the learner's edition: its bytes against the
  default page (at most 0.15 x), the course's own runtime (scripts and stylesheets it serves from
  ``_static``, as served, at most 30 KB; the theme's stylesheet shown apart), requests leaving the
  site (none), and axe-core's serious or critical violations in the light and the dark scheme (none);
- the checkers' budgets (also alone: `tools/bench.py --checks`): checking a valid 200-step
  scenario whose choices rejoin, and a bank of 2,000 questions, each within 2 s and 200 MB; the
  data check on a file at the size limit, and on a 200 MB access log (refused). Inputs are
  generated here, not committed; each check runs in a fresh Python process that reports its own
  time and peak memory (``resource.getrusage``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from harness import Served, launch  # noqa: E402

JB = Path(sys.executable).with_name("jupyter-book")
FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]
SOURCES = ["_config.yml", "_toc.yml", "references.bib", "book", "data", "quizzes", "scenarios", "locale"]


def copy_book(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy(src, dest / name)
    return dest


def timed_build(book: Path, extra=FLAGS) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(JB), "build", str(book), *extra], cwd=book, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"build of {book} failed:\n{result.stdout[-3000:]}")
    return elapsed


def page_weight(browser, url: str, site_root: str) -> tuple[int, int, int]:
    """(bytes of everything loaded from the site, bytes of it that is JavaScript, requests blocked)."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[tuple[str, int]] = []
    blocked = []

    def route(r):
        if r.request.url.startswith(site_root) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    def on_response(resp):
        try:
            sizes.append((resp.request.resource_type, len(resp.body())))
        except Exception:  # a redirect or aborted response has no body
            pass

    page.route("**/*", route)
    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    context.close()
    total = sum(n for _, n in sizes)
    js = sum(n for kind, n in sizes if kind == "script")
    return total, js, len(blocked)


def quiz_runtime_figures(browser, tmp: Path) -> None:
    """Bytes of the quiz runtime, and time until every quiz on a page with ten quizzes is interactive."""
    out = tmp / "quiz-sample"
    result = subprocess.run([str(JB.with_name("sphinx-build")), "-q", "-b", "html",
                             str(ROOT / "tests" / "fixtures" / "quiz_site"), str(out)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"sample quiz site failed to build:\n{result.stderr}")
    static = ROOT / "procurement_course" / "static"
    served = [(out / "_static" / name).stat().st_size for name in ("quiz.js", "quiz.css")]
    source = [(static / name).stat().st_size for name in ("quiz.js", "quiz.css")]
    print("\nQuiz runtime")
    print(f"  quiz.js + quiz.css as served (loaded once per page)  {sum(served):,} bytes "
          f"({served[0]:,} + {served[1]:,}; sources with comments {sum(source):,})")
    samples = []
    for _ in range(5):
        page = browser.new_page()
        # Record when DOMContentLoaded fires and when the last of the ten quizzes becomes interactive.
        page.add_init_script("""
            window.__bench = {};
            document.addEventListener('DOMContentLoaded', () => { window.__bench.dcl = performance.now(); });
            new MutationObserver(() => {
                const ready = document.querySelectorAll('section[data-quiz].quiz-ready').length;
                if (ready === 10 && !window.__bench.ready) window.__bench.ready = performance.now();
            }).observe(document, {subtree: true, attributes: true, attributeFilter: ['class']});
        """)
        page.goto((out / "ten.html").as_uri())
        page.wait_for_function("window.__bench.ready && window.__bench.dcl")
        samples.append(page.evaluate("[window.__bench.dcl, window.__bench.ready]"))
        page.close()
    dcl = sorted(s[0] for s in samples)[2]
    ready = sorted(s[1] for s in samples)[2]
    print(f"  page with 10 quizzes: all interactive {ready:.1f} ms after navigation start, "
          f"DOMContentLoaded at {dcl:.1f} ms (median of 5)")
    print(f"  milliseconds from DOMContentLoaded until every quiz is interactive: {max(0.0, ready - dcl):.1f} "
          "(the deferred runtime finishes before DOMContentLoaded fires)" if ready <= dcl else
          f"  milliseconds from DOMContentLoaded until every quiz is interactive: {ready - dcl:.1f}")


# ---------------------------------------------------------------------------------------------
# The checkers' budgets

BUDGET_SECONDS = 2.0
BUDGET_MB = 200
MAX_BYTES_MADE_ROW_BY_ROW = 20 * 2**20


def scenario_text(n_steps: int) -> str:
    """A valid scenario of ``n_steps`` decision points whose choices rejoin: from each step one
    choice leads to the next step, one skips a step, one ends the case (2^n paths from start)."""
    lines = ["scenarios:", "  - id: bench-case", "    title: Bench case", "    sector: cleaning",
             "    situation: A fictional case for the benchmark.", "    start: s0", "    steps:"]
    for i in range(n_steps):
        after, skip = (f"s{i + 1}", f"s{min(i + 2, n_steps - 1)}") if i < n_steps - 1 else ("better", "better")
        if skip == after:
            skip = "better" if i >= n_steps - 2 else skip
        lines += [f"      - id: s{i}", f"        title: Step {i}", f"        prompt: What do you do at decision {i}?",
                  "        choices:",
                  f"          - {{text: Go on, consequence: You go on., next: {after}}}",
                  f"          - {{text: Skip ahead, consequence: You skip a step., next: {skip}}}",
                  "          - {text: Stop here, consequence: You stop., next: poorer}"]
    lines += ["    endings:",
              "      - {id: better, title: Better, outcome: better, debrief: Why., indicators: [Deception], rules: Rules.}",
              "      - {id: poorer, title: Poorer, outcome: poor, debrief: Why not., indicators: [Deception], rules: Rules.}"]
    return "\n".join(lines) + "\n"


def bank_text(n_questions: int, per_quiz: int = 100) -> str:
    """A valid quiz bank of ``n_questions`` single-choice questions with four options each."""
    from procurement_course.quizzes.load import QUIZ_KEYS

    objectives = "objectives" in QUIZ_KEYS  # quiz-level learning objectives, once the schema has them
    lines = ["quizzes:"]
    for q in range(0, n_questions, per_quiz):
        lines += [f"  - id: bench-{q // per_quiz}", f"    title: Bench quiz {q // per_quiz}"]
        if objectives:
            lines += ["    objectives:", "      - id: judge", "        text: Judge a situation."]
        lines.append("    questions:")
        for i in range(q, min(q + per_quiz, n_questions)):
            lines += [f"      - id: q{i}", "        type: single", f"        prompt: 'Question {i}: what do you do?'"]
            if objectives:
                lines.append("        objective: judge")
            lines.append("        options:")
            lines += [f"          - {{text: Option {k} of question {i}, correct: {str(k == i % 4).lower()}, "
                      f"feedback: Feedback {k}.}}" for k in range(4)]
            lines.append(f"        explanation: Explanation {i}.")
    return "\n".join(lines) + "\n"


def write_access_log(path: Path, target_bytes: int) -> None:
    """Valid rows for data/cleaning_access_log.csv (one visit a minute, workers in turn), about
    ``target_bytes`` long, written as they are made (the benchmark itself stays small)."""
    from datetime import datetime, timedelta

    start = datetime(2020, 1, 1)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("worker_id,site_id,badge_in,badge_out\n")
        n = 0
        while f.tell() < min(target_bytes, 2 * MAX_BYTES_MADE_ROW_BY_ROW):
            t = start + timedelta(minutes=n)
            f.write(f"W{1 + n % 30:03d},S0{1 + n % 5},{t:%Y-%m-%dT%H:%M:%S},{t + timedelta(hours=4):%Y-%m-%dT%H:%M:%S}\n")
            n += 1
    if path.stat().st_size < target_bytes:  # past the size limit the rows repeat: a file that big is
        block = path.read_bytes().split(b"\n", 1)[1]  # refused by its size, before any row is read
        with path.open("ab") as f:
            while f.tell() < target_bytes:
                f.write(block)
            f.truncate(target_bytes)


# Peak memory is the process's high-water mark (VmHWM): unlike ru_maxrss, which Linux carries over
# from the parent across exec, it counts this process only. Time is the check's, after start-up.
MEASURE = """
import json, resource, sys, time
start = time.perf_counter()
outcome = "passed"
{body}
seconds, cpu = time.perf_counter() - start, time.process_time()
try:
    peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "cpu": cpu, "outcome": outcome, "peak_mb": peak}}))
"""
SCENARIO_CHECK = """
from pathlib import Path
from procurement_course.scenarios.load import load_scenarios
from procurement_course.source import SourceErrors
try:
    load_scenarios([Path(sys.argv[1])], None, None, {"Deception"})
except SourceErrors as exc:
    outcome = "rejected: " + str(exc.errors[0])[:120]
"""
BANK_CHECK = """
from pathlib import Path
from procurement_course.quizzes.load import load_bank
from procurement_course.source import SourceErrors
try:
    load_bank([Path(sys.argv[1])], None)
except SourceErrors as exc:
    outcome = "rejected: " + str(exc.errors[0])[:120]
"""
DATA_CHECK = """
from procurement_course.datasets.package import validate_package
messages = validate_package(sys.argv[1])
outcome = ("rejected: " + messages[0][:150]) if messages else "passed"
"""


MEMORY_CAP = 4 * 2**30  # a runaway check (an older version's) stops here rather than take the machine


def _cap_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def measured(body: str, argument: Path, code: Path | None = None, timeout: float = 120) -> dict:
    """Run a check in a fresh Python: its own time and peak memory, or how it failed. ``code``
    runs another copy of the package (e.g. an older commit) for a before/after comparison."""
    env = dict(os.environ, PYTHONPATH=str(code)) if code else None
    try:
        done = subprocess.run([sys.executable, "-c", MEASURE.format(body=body), str(argument)], cwd=code or ROOT,
                              capture_output=True, text=True, timeout=timeout, env=env, preexec_fn=_cap_memory)
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "cpu": float("nan"), "outcome": f"stopped after {timeout:.0f} s",
                "peak_mb": float("nan")}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"seconds": float("nan"), "cpu": float("nan"), "outcome": f"crashed: {last[:120]}",
                "peak_mb": float("nan")}
    return json.loads(done.stdout.strip().splitlines()[-1])


def budget_figures(tmp: Path, code: Path | None = None) -> None:
    """The checkers on inputs an author or a spreadsheet could produce, against their budgets."""
    from procurement_course.datasets.tables import MAX_FILE_BYTES

    scenario = tmp / "scenario-200.yml"
    scenario.write_text(scenario_text(200), encoding="utf-8")
    bank = tmp / "bank-2000.yml"
    bank.write_text(bank_text(2000), encoding="utf-8")
    rows = []
    for label, body, path in (("scenario check, 200 steps, choices rejoining", SCENARIO_CHECK, scenario),
                              ("quiz check, 2,000 questions", BANK_CHECK, bank)):
        r = measured(body, path, code, timeout=60)
        within = r["cpu"] <= BUDGET_SECONDS and r["peak_mb"] <= BUDGET_MB
        rows.append((label, r, "within budget" if within else "OVER BUDGET"))
    for label, size in (("data check, access log at the size limit", MAX_FILE_BYTES - 2**16),
                        ("data check, 200 MB access log", 200 * 2**20)):
        data = tmp / f"data-{size}"
        shutil.copytree(ROOT / "data", data / "data")
        shutil.copy(ROOT / "_config.yml", data / "_config.yml")
        write_access_log(data / "data" / "cleaning_access_log.csv", size)
        rows.append((label, measured(DATA_CHECK, data / "data", code, timeout=600), ""))
    print(f"\nCheckers' budgets: each check within {BUDGET_SECONDS:.0f} s of CPU and {BUDGET_MB} MB (a fresh "
          "Python process, start-up included; wall time too, which a busy machine stretches)")
    for label, r, verdict in rows:
        print(f"  {label:46s} {r['cpu']:6.2f} s CPU {r['seconds']:6.2f} s wall {r['peak_mb']:6.0f} MB  {verdict}"
              f"  ({r['outcome']})")


OURS = {p.name for folder in ("procurement_course/static", "procurement_course/theme/course/static")
        for p in (ROOT / folder).glob("*")} | {"course-map.js"}
THEME_CSS = "course.css"


def course_budgets(browser, server: Served, site: Path, base: int) -> None:
    """Issue 9's budgets on every page of the learner's edition, worst page first."""
    from harness import axe_violations

    rows = []
    for html in sorted(p for p in site.rglob("*.html") if "_static" not in p.parts):
        path = html.relative_to(site).as_posix()
        text = html.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text or "location.replace((m[k]||" in text:
            continue  # a redirect (the root's, a module's former page): not a page, its body is gone once it moves on
        context = browser.new_context()
        page = context.new_page()
        loaded: list[tuple[str, int]] = []
        blocked: list[str] = []
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server.url) else (blocked.append(r.request.url), r.abort()))
        page.on("response", lambda resp: loaded.append((resp.url, len(resp.body()))) if resp.ok else None)
        page.goto(server.url + path, wait_until="networkidle")
        light = len(axe_violations(page))
        page.emulate_media(color_scheme="dark")
        dark = len(axe_violations(page))
        context.close()
        names = {url.split("?")[0].rsplit("/", 1)[-1]: n for url, n in loaded if "/_static/" in url}
        runtime = sum(n for name, n in names.items() if name in OURS and name != THEME_CSS)
        rows.append((sum(n for _, n in loaded), runtime, names.get(THEME_CSS, 0), len(blocked), light, dark, path))
    rows.sort(reverse=True)
    print(f"\nCourse budgets on all {len(rows)} pages of the learner's edition, three languages (worst first; uncompressed bytes)")
    print("  page weight <= 0.15 x the default page; course runtime <= 30 KB; no outside request; no serious axe issue")
    for total, runtime, theme, blocked, light, dark, path in rows[:8]:
        print(f"  {path:44s} {kb(total):>7s} ({total / base:.2f} x)  runtime {runtime / 1024:5.1f} KB + theme CSS "
              f"{theme / 1024:.1f} KB  outside {blocked}  axe light {light} dark {dark}")
    for language in ("en", "fi", "sv"):
        mine = [r for r in rows if (r[6].split("/", 1)[0] if r[6].split("/", 1)[0] in ("fi", "sv") else "en") == language]
        if not mine:
            continue
        worst = max(mine, key=lambda r: r[1])
        print(f"  {language}: {len(mine)} pages; heaviest page {max(r[0] for r in mine) / base:.2f} x the default page; "
              f"heaviest runtime {worst[1] / 1024:.1f} KB ({worst[6]}); requests leaving the site: "
              f"{sum(r[3] for r in mine)}; axe serious or critical: light {sum(r[4] for r in mine)}, dark {sum(r[5] for r in mine)}")


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", action="store_true", help="only the checkers' budgets (no builds)")
    parser.add_argument("--code", type=Path, help="measure the budgets of another copy of the package")
    args = parser.parse_args()
    if args.checks or args.code:
        with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
            budget_figures(Path(tmp), args.code)
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        tmp = Path(tmp)
        budget_figures(tmp)
        book = copy_book(tmp / "book")
        clean = timed_build(book)
        noop = timed_build(book)
        (book / "book" / "start" / "about.md").touch()
        touched = timed_build(book)
        print("Build times (this machine, this run)")
        print(f"  clean build                      {clean:6.1f} s")
        print(f"  no-op rebuild                    {noop:6.1f} s")
        print(f"  rebuild after touching one page  {touched:6.1f} s")
        # `make book` builds the three languages: English (above) and each translation, clean, with its
        # own doctrees and execution cache (publish/editions.py --language).
        translated = {}
        for language in ("fi", "sv"):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "procurement_course.publish.editions", "learner", "--language", language,
                            "--root", str(book)], check=True, capture_output=True, cwd=book)
            translated[language] = time.perf_counter() - start
        print(f"  make book, three languages, clean {clean + sum(translated.values()):6.1f} s "
              f"(en {clean:.1f} s, fi {translated['fi']:.1f} s, sv {translated['sv']:.1f} s; budget 300 s)")
        last = ROOT / "_build" / "test-session.json"  # written by tests/conftest.py at the end of each run
        if last.is_file():
            run = json.loads(last.read_text(encoding="utf-8"))
            print(f"  last make test (pytest, this machine): {run['seconds'] / 60:5.1f} min, {run['tests']} tests, "
                  f"{run['when']} (budget 20 min from a fresh clone, installs included)")
        start = time.perf_counter()  # the handbook is printed from the facilitator's edition, as make handbook does
        subprocess.run([sys.executable, "-m", "procurement_course.publish.editions", "facilitator", "--builder",
                        "singlehtml", "--root", str(book)], check=True, capture_output=True, cwd=book)
        single = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "procurement_course.publish.handbook",
                        str(book / "_build" / "facilitator" / "singlehtml" / "book" / "index.html"),
                        str(book / "_build" / "handbook.pdf"), "--root", str(book)], check=True, capture_output=True)
        printed = time.perf_counter() - start
        pages = subprocess.run(["pdfinfo", str(book / "_build" / "handbook.pdf")], capture_output=True, text=True).stdout
        n_pages = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
        print(f"  handbook: single-page build      {single:6.1f} s, PDF printing {printed:.1f} s ({n_pages} A4 pages)")

        default = tmp / "default-jb"
        subprocess.run([str(JB), "create", str(default)], check=True, capture_output=True)
        timed_build(default, extra=[])

        ours = Served(book / "_build" / "html")
        theirs = Served(default / "_build" / "html")
        with sync_playwright() as p:
            browser = launch(p)
            rows = [
                ("start page (book/index.html)", ours, "book/index.html"),
                ("module lesson (book/sectors/cleaning/case.html)", ours, "book/sectors/cleaning/case.html"),
                ("default Jupyter Book 1 page (intro.html)", theirs, "intro.html"),
            ]
            print("\nBytes loaded by one page (uncompressed; requests leaving the site blocked)")
            results = {}
            for label, server, path in rows:
                total, js, blocked = page_weight(browser, server.url + path, server.url)
                results[label] = total
                print(f"  {label:44s} {kb(total):>9s}  (JavaScript {kb(js)}, blocked outside requests: {blocked})")
            base = results["default Jupyter Book 1 page (intro.html)"]
            for label, total in results.items():
                if "default" not in label:
                    print(f"  {label:44s} {100 * total / base:5.1f} % of the default page")
            course_budgets(browser, ours, book / "_build" / "html", base)
            quiz_runtime_figures(browser, tmp)
            browser.close()
        ours.close()
        theirs.close()


if __name__ == "__main__":
    main()
