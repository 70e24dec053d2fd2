"""`make bench`: build times and page weight, printed as figures (not asserted).

- clean build, no-op rebuild and rebuild after touching one page, in a scratch copy of the book
  (so the clean build really starts from nothing, execution cache included);
- bytes loaded by the start page and a module page, against a default Jupyter Book 1 page
  (`jupyter-book create`) built in the same run. Requests leaving the site are blocked, as
  offline, and counted.
"""

from __future__ import annotations

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
SOURCES = ["_config.yml", "_toc.yml", "references.bib", "book", "data", "quizzes", "scenarios"]


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
    static = ROOT / "procurement_course" / "static"
    js, css = (static / "quiz.js").stat().st_size, (static / "quiz.css").stat().st_size
    print("\nQuiz runtime")
    print(f"  quiz.js + quiz.css (uncompressed, loaded once per page)  {js + css:,} bytes "
          f"({js:,} + {css:,})")
    out = tmp / "quiz-sample"
    result = subprocess.run([str(JB.with_name("sphinx-build")), "-q", "-b", "html",
                             str(ROOT / "tests" / "fixtures" / "quiz_site"), str(out)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"sample quiz site failed to build:\n{result.stderr}")
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


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        tmp = Path(tmp)
        book = copy_book(tmp / "book")
        clean = timed_build(book)
        noop = timed_build(book)
        (book / "book" / "start" / "about.md").touch()
        touched = timed_build(book)
        print("Build times (this machine, this run)")
        print(f"  clean build                      {clean:6.1f} s")
        print(f"  no-op rebuild                    {noop:6.1f} s")
        print(f"  rebuild after touching one page  {touched:6.1f} s")
        single = timed_build(book, extra=["--builder", "singlehtml", *FLAGS])
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "procurement_course.publish.handbook",
                        str(book / "_build" / "singlehtml" / "book" / "index.html"), str(book / "_build" / "handbook.pdf"),
                        "--root", str(book)], check=True, capture_output=True)
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
                ("module page (book/sectors/cleaning.html)", ours, "book/sectors/cleaning.html"),
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
            quiz_runtime_figures(browser, tmp)
            browser.close()
        ours.close()
        theirs.close()


if __name__ == "__main__":
    main()
