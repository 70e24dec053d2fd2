"""The live quiz in a real JupyterLab, as a learner meets it.

One JupyterLab per test session, started from the project's environment on 127.0.0.1 with no
token, a temporary root folder and temporary settings (plus the course's own, tools/jupyter, as
`make lab` uses them). Debian's Chromium opens a notebook with two quizzes; the learner answers in
the second, by mouse and arrow keys; Python, in that kernel, must see each quiz's own answers.
Also: a re-run cell keeps its answers, an unknown id names the nearest one, the saved notebook
shows the questions without answers where widgets cannot run, the quiz keeps its contrast in
JupyterLab's light, dark and high-contrast themes, and a MyST page opens as a notebook.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from harness import ROOT, describe

pytestmark = pytest.mark.browser
SAMPLE = ROOT / "tests" / "fixtures" / "quiz_site"
NOTEBOOK = "two-quizzes.ipynb"
MODULE_PAGE = "module-page.md"
JUPYTER_LAB = Path(sys.executable).with_name("jupyter-lab")

CELLS = [
    # 1: the first quiz (one multiple-choice question: checkboxes)
    "from procurement_course.widget import QuizWidget\n"
    f"first = QuizWidget.from_id('notebook-check', root={str(SAMPLE)!r})\nfirst",
    # 2: the second quiz (its first question is single choice: radio buttons)
    f"second = QuizWidget.from_id('sample-check', root={str(SAMPLE)!r})\nsecond",
    # 3: what Python holds
    "import json\n"
    "print(json.dumps({'first': first.answers, 'second': second.answers,\n"
    "                  'scores': [first.score, second.score]}, sort_keys=True))",
    # 4: a mistyped id (last: Run All stops at an error)
    f"QuizWidget.from_id('sample-chek', root={str(SAMPLE)!r})",
    # 5: answers set from Python (run on its own, after Run All has stopped at cell 4)
    "second.answers = {**second.answers, 'one-indicator': {'selected': [0], 'tries': 1, 'done': True}}",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a temporary folder holding the two-quiz notebook; yields its URL and folder."""
    base = tmp_path_factory.mktemp("jupyterlab")
    work = base / "work"
    work.mkdir()
    cells = [nbformat.v4.new_code_cell(source) for source in CELLS]
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i + 1}"
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}), work / NOTEBOOK)
    shutil.copy(SAMPLE / "notebook.md", work / MODULE_PAGE)  # a MyST notebook page, as in book/
    env = {
        **os.environ,
        # Nothing of the user's own Jupyter setup: temporary config, data, runtime and settings,
        # plus the course's settings, as `make lab` uses them.
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_CONFIG_PATH": str(ROOT / "tools" / "jupyter"),
        "JUPYTER_DATA_DIR": str(base / "data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "IPYTHONDIR": str(base / "ipython"),
    }
    port = _free_port()
    log = (base / "jupyterlab.log").open("w")
    server = subprocess.Popen(
        [str(JUPYTER_LAB), "--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
         f"--ServerApp.root_dir={work}", "--IdentityProvider.token=", "--ServerApp.password=",
         "--LabApp.expose_app_in_browser=True", "--ServerApp.allow_root=True"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=work,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail("JupyterLab did not start:\n" + (base / "jupyterlab.log").read_text()[-3000:])
            time.sleep(0.25)
    yield {"url": url, "work": work, "log": base / "jupyterlab.log"}
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


class Seen:
    """What the page did that a learner's JupyterLab must not: requests leaving 127.0.0.1,
    uncaught exceptions, console errors."""

    def __init__(self, page, url: str):
        self.outside: list[str] = []
        self.errors: list[str] = []
        # Recorded, not intercepted: routing every request through Playwright stalls JupyterLab's
        # many module requests, and this machine (like CI) has no route to the outside anyway.
        page.on("request", lambda r: None if r.url.startswith((url, "data:", "blob:", "about:"))
                else self.outside.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught exception: {e}"))
        page.on("console", lambda m: self.errors.append(f"console error: {m.text}") if m.type == "error" else None)


@pytest.fixture(scope="module")
def notebook(lab, browser):
    """The two-quiz notebook opened in JupyterLab and run from the top (Run All)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    seen = Seen(page, lab["url"])
    page.goto(f"{lab['url']}/lab/tree/{NOTEBOOK}")
    page.wait_for_function("window.jupyterapp && jupyterapp.shell.currentWidget"
                           " && jupyterapp.shell.currentWidget.sessionContext", polling=200)
    page.evaluate("""async () => {
        const panel = jupyterapp.shell.currentWidget;
        await panel.context.ready;
        await panel.sessionContext.ready;
        while (panel.sessionContext.session?.kernel?.status !== 'idle') await new Promise(r => setTimeout(r, 100));
        await jupyterapp.commands.execute('notebook:run-all-cells');
    }""")
    page.wait_for_selector(".course-quiz-widget >> nth=1")
    output(page, 4).locator("[data-mime-type='application/vnd.jupyter.stderr']").wait_for()
    yield page, seen
    context.close()


def cell(page, n: int):
    return page.locator(".jp-Notebook .jp-Cell").nth(n - 1)


def output(page, n: int):
    return cell(page, n).locator(".jp-OutputArea")


def run_cell(page, n: int) -> None:
    """Select cell n as a learner does (click its prompt) and run it with Ctrl+Enter."""
    prompt = cell(page, n).locator(".jp-InputPrompt")
    before = prompt.inner_text()
    prompt.click()
    page.keyboard.press("Control+Enter")
    page.wait_for_function(
        "([el, before]) => el.textContent !== before && !el.textContent.includes('*')",
        arg=[prompt.element_handle(), before], polling=100)


def python_answers(page) -> dict:
    """Run the cell that prints, from the kernel, what each quiz holds."""
    run_cell(page, 3)
    printed = output(page, 3).locator(".jp-OutputArea-output")
    printed.wait_for()  # the printed line travels apart from the reply that ends the run
    return json.loads(printed.inner_text())


def test_each_quiz_keeps_its_own_answers_by_mouse_and_arrow_keys(notebook):
    page, seen = notebook
    first, second = output(page, 1), output(page, 2)
    pay = second.locator("fieldset[data-question='pay']")
    pay.get_by_role("radio", name="Unpaid hours").click()
    # The arrow key moves the radio choice, as it does on any web page, and not JupyterLab to the next cell.
    page.keyboard.press("ArrowDown")
    assert pay.get_by_role("radio", name="Nothing unusual").is_checked()
    assert not pay.get_by_role("radio", name="Unpaid hours").is_checked()
    assert page.evaluate("document.activeElement.closest('.jp-Cell') === document.querySelectorAll('.jp-Cell')[1]")
    assert cell(page, 2).evaluate("el => el.classList.contains('jp-mod-active')")
    pay.get_by_role("button", name="Check answer").click()
    assert "Not quite." in pay.inner_text()
    assert first.locator("input:checked").count() == 0

    held = python_answers(page)
    assert held["first"] == {}
    assert held["second"] == {"pay": {"selected": [1], "tries": 1, "done": False}}
    assert held["scores"] == [0, 0]

    # Running the quiz's cell again (a new widget, a new view) keeps the learner's answers.
    run_cell(page, 2)
    pay = output(page, 2).locator("fieldset[data-question='pay']")
    pay.get_by_role("radio", name="Nothing unusual").wait_for()
    assert pay.get_by_role("radio", name="Nothing unusual").is_checked()
    assert python_answers(page)["second"] == held["second"]
    assert seen.outside == [] and seen.errors == []


def test_answers_set_from_python_show_in_the_quiz(notebook):
    page, seen = notebook
    run_cell(page, 5)
    question = output(page, 2).locator("fieldset[data-question='one-indicator']")
    # The change reaches the view by its own message, so these assertions wait for it.
    expect(question.get_by_role("radio", name="True")).to_be_checked()
    expect(question.get_by_role("radio", name="True")).to_be_disabled()  # done: right at the first try
    expect(question).to_contain_text("Correct.")
    expect(output(page, 2).locator(".quiz-score")).to_contain_text("Score so far: 1 of 3 correct")
    assert seen.outside == [] and seen.errors == []


def test_an_unknown_id_names_the_nearest_and_lists_the_quizzes(notebook):
    page, _ = notebook
    message = output(page, 4).inner_text()
    assert "UnknownQuizError" in message
    assert "no quiz has the id 'sample-chek'. Did you mean 'sample-check'?" in message
    assert "The quizzes are: hostile-check, notebook-check, sample-check, ten-1" in message


def test_the_saved_notebook_shows_the_questions_without_answers_where_widgets_cannot_run(notebook, lab):
    page, _ = notebook
    page.evaluate("() => jupyterapp.shell.currentWidget.context.save()")
    saved = nbformat.read(lab["work"] / NOTEBOOK, as_version=4)
    shown = saved.cells[1].outputs[-1]["data"]
    assert "application/vnd.jupyter.widget-view+json" in shown
    assert "Quiz 'sample-check'" in shown["text/plain"]

    from nbconvert import HTMLExporter

    html, _ = HTMLExporter().from_notebook_node(saved)  # as a converter or viewer shows it
    assert "widget" not in saved.metadata  # JupyterLab does not save widget state by default
    assert "application/vnd.jupyter.widget-view+json" not in html
    assert "payslip shows <strong>20 hours</strong>, the access log 35. What does it suggest?" in html
    assert "On an evening visit, a supervisor answers every question for the workers." in html
    for answer in ("Yes: hours worked but not paid.", "Compare documents with reality.",
                   "Right: retention of identity documents.", '"correct"'):
        assert answer not in html


@pytest.mark.parametrize("theme", ["JupyterLab Light", "JupyterLab Dark", "JupyterLab Dark High Contrast"])
def test_the_quiz_keeps_its_contrast_in_every_jupyterlab_theme(notebook, theme):
    page, seen = notebook
    page.evaluate("theme => jupyterapp.commands.execute('apputils:change-theme', {theme})", theme)
    page.wait_for_function("theme => document.body.dataset.jpThemeName === theme"
                           " && getComputedStyle(document.body).getPropertyValue('--jp-layout-color0') !== ''",
                           arg=theme, polling=100)
    page.wait_for_timeout(300)  # the theme's stylesheet applied
    if theme != "JupyterLab Light":  # the quiz takes the theme's dark background, not a white box
        assert page.evaluate("""() => {
            const c = getComputedStyle(document.querySelector('.course-quiz-widget .quiz-situation') ||
                                       document.querySelector('.course-quiz-widget')).backgroundColor;
            const [r, g, b] = c.match(/[\\d.]+/g).map(Number);
            return r + g + b < 3 * 128;
        }""")
    violations = widget_violations(page)
    assert violations == [], describe(violations)
    assert seen.outside == [] and seen.errors == []


def test_a_myst_page_opens_as_a_notebook_with_a_double_click(notebook):
    """What `make lab` promises: module pages open as notebooks (jupytext, with the course's settings)."""
    page, seen = notebook
    page.locator(".jp-DirListing-item", has_text=MODULE_PAGE).dblclick()
    opened = page.locator(".jp-NotebookPanel").filter(has=page.locator(".jp-CodeCell", has_text="x = 1"))
    opened.locator(".jp-MarkdownCell h1", has_text="A quiz in a MyST notebook").wait_for()  # rendered Markdown
    assert seen.outside == [] and seen.errors == []


def widget_violations(page) -> list[dict]:
    """axe-core's serious and critical violations inside the quizzes only (JupyterLab's own
    interface is not ours to judge)."""
    from harness import AXE_JS

    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    found = page.evaluate("""async () => {
        const r = await axe.run({include: [['.course-quiz-widget']]}, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || ''))}));
    }""")
    return [v for v in found if v["impact"] in ("serious", "critical")]
