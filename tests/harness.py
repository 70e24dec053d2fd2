"""Real-browser harness: Playwright for Python driving Debian's Chromium, headless.

Every visit records what a learner's browser would do wrong: a request that leaves the site,
a console error, an uncaught exception. ``axe_violations`` runs axe-core (from the npm registry,
injected into the page) and returns the serious and critical violations.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Chromium's own background traffic is switched off: the machine (like a closed intranet) has
# no network, and such requests would otherwise show up as noise, not as the site's requests.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError(
            "Debian's chromium is needed for the browser tests: run `make test`, which installs it, "
            "or `apt-get install chromium`."
        )
    return path


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
    )


@dataclass
class Visit:
    """What happened while a page was open."""

    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"request leaving the site: {u}" for u in self.outside_requests]
            + [f"console error: {m}" for m in self.console_errors]
            + [f"uncaught exception: {m}" for m in self.page_errors]
        )


def is_inside(url: str, site_root: str) -> bool:
    """True when ``url`` belongs to the site served at ``site_root`` (a file:// or http URL)."""
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return url.startswith(site_root)


def watch(page, site_root: str) -> Visit:
    """Record, and block, every request that leaves the site; record console errors."""
    visit = Visit()

    def route(route):
        url = route.request.url
        if is_inside(url, site_root):
            route.continue_()
        else:
            visit.outside_requests.append(url)
            route.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda msg: visit.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")
        if msg.type == "error"
        else None,
    )
    page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
    return visit


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core on the page; return violations of the given impacts."""
    if not AXE_JS.exists():
        raise RuntimeError("axe-core is missing: run `npm ci` (make test does).")
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            // preload off: axe would re-fetch stylesheets by XHR, which file:// pages refuse.
            const r = await axe.run(document, {resultTypes: ['violations'], preload: false});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in result if v["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=1)


def site_pages(site_dir: Path) -> list[Path]:
    """Every HTML page of the built site, the redirecting root index included."""
    return sorted(p for p in site_dir.rglob("*.html") if "_static" not in p.parts)


def file_url(path: Path) -> str:
    return path.resolve().as_uri()



class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test and benchmark output readable
        pass


class Served:
    """A static web server for one folder on 127.0.0.1 (an intranet, as far as the page knows)."""

    def __init__(self, folder: Path):
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- What learners do, for tests that walk through the course -------------------------------------

# Clicks inside the page, one call for the whole quiz: the same DOM events (click, input, change)
# reach the quiz as from a mouse, without a Playwright round trip per click. For tests whose
# subject is what happens to the answers afterwards (the LMS), not the clicking itself.
_ANSWER_IN_PAGE = """(right) => {
  const section = document.querySelector("section[data-quiz]");
  const data = JSON.parse(section.querySelector("script.quiz-data").textContent);
  section.querySelectorAll("fieldset.quiz-q").forEach((fs, n) => {
    const q = data.questions[n], wrongFirst = !right && n === 0;
    q.options.forEach((o, i) => {
      const input = fs.querySelector(`input[value="${i}"]`);  // by option index, whatever the order shown
      const want = wrongFirst ? i === q.options.findIndex((x) => !x.correct) : o.correct;
      if (input.checked !== want) input.click();
    });
    const check = [...fs.querySelectorAll("button")].find((b) => b.textContent === "Check answer");
    for (let t = 0; t < (wrongFirst ? 2 : 1); t++) check.click();  // a click after the last try does nothing
  });
}"""


def answer_quiz(page, right: bool = True, in_page: bool = False) -> None:
    """Answer every question of the quiz on ``page`` (a Page or a Frame): all right, or the first
    one wrong at both tries. ``in_page`` clicks from inside the page, in one call."""
    if in_page:
        page.evaluate(_ANSWER_IN_PAGE, right)
        return
    data = json.loads(page.locator("section[data-quiz] script.quiz-data").text_content())
    for n, q in enumerate(data["questions"]):
        fs = page.locator("section[data-quiz] fieldset.quiz-q").nth(n)
        correct = [i for i, o in enumerate(q["options"]) if o["correct"]]
        wrong = [i for i, o in enumerate(q["options"]) if not o["correct"]]
        chosen, checks = ([wrong[0]], 2) if (not right and n == 0) else (correct, 1)
        for i in chosen:
            fs.locator(f"input[value='{i}']").check()  # by option index, whatever the order shown
        check = fs.get_by_role("button", name="Check answer")
        for _ in range(checks):
            if check.is_visible():  # a true-or-false question has one try
                check.click()


def play_case(page) -> None:
    """Play the case scenario on ``page`` to an ending, always taking the first choice."""
    case = page.locator("section[data-scenario]")
    case.get_by_role("button", name="Start the case").click()
    for _ in range(30):
        if case.locator("[data-scenario-debrief]").count():
            return
        case.locator(".scenario-choices button:not([disabled])").first.click()
        case.locator("button.scenario-next").click()
    raise AssertionError("the case did not reach an ending in 30 steps")



def fill_form(form, **answers) -> None:
    """Fill a tool's form by field name as a user would: radio by value, checkbox "yes"/"no",
    select by value, anything else typed."""
    for name, value in answers.items():
        field = form.locator(f'[name="{name}"]').first
        kind = field.get_attribute("type")
        if kind == "radio":
            form.locator(f'[name="{name}"][value="{value}"]').check()
        elif kind == "checkbox":
            field.set_checked(value == "yes")
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(str(value))
