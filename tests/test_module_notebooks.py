"""Module notebooks: made by the build for every page with a quiz, linked from the page, and
runnable anywhere after `pip install` of the project (which must bring the quiz banks and data)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest


ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def sources(nb) -> list[str]:
    return [c.source for c in nb.cells]


def test_a_page_with_a_quiz_links_to_its_notebook_before_the_quiz(sample_site):
    page = (sample_site / "notebook.html").read_text(encoding="utf-8")
    link = page.index('<p class="notebook-download">')
    assert link < page.index('data-quiz="notebook-check"')
    assert '<a href="notebook.ipynb" download="notebook.ipynb">Download this module as a notebook</a>' in page
    assert "the module&#x27;s analysis and its quiz" in page[link:link + 400]

    nb = nbformat.read(sample_site / "notebook.ipynb", as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert nb.cells[0].cell_type == "markdown" and "python -m pip install ." in nb.cells[0].source
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code == [
        "x = 1",
        'from procurement_course.widget import QuizWidget\n\nquiz = QuizWidget.from_id("notebook-check")\nquiz',
        'print(f"Score: {quiz.score} of {len(quiz.results())}")\nquiz.results()',
    ]


def test_a_page_of_ten_quizzes_gets_one_notebook_with_all_ten(sample_site):
    nb = nbformat.read(sample_site / "ten.ipynb", as_version=4)
    assert sum("QuizWidget.from_id" in s for s in sources(nb)) == 10
    assert 'quiz_10 = QuizWidget.from_id("ten-10")\nquiz_10' in sources(nb)
    page = (sample_site / "ten.html").read_text(encoding="utf-8")
    assert page.count('class="notebook-download"') == 1
    size = round((sample_site / "ten.ipynb").stat().st_size / 1024)
    assert f"(ten.ipynb, {size} KB): the module&#x27;s quizzes, to run in JupyterLab" in page


def test_pages_without_a_quiz_have_no_notebook(sample_site):
    for page in ("scenario", "key", "sheet"):
        assert not (sample_site / f"{page}.ipynb").exists()
        assert "notebook-download" not in (sample_site / f"{page}.html").read_text(encoding="utf-8")


def test_every_course_page_with_a_quiz_offers_its_notebook(site):
    pages = [p for p in site.rglob("*.html") if 'class="quiz" data-quiz=' in p.read_text(encoding="utf-8")]
    assert len(pages) >= 8
    for page in pages:
        assert 'class="notebook-download"' in page.read_text(encoding="utf-8"), page
        assert page.with_suffix(".ipynb").is_file(), page


def test_a_module_in_lessons_gets_one_notebook_with_the_analysis_of_its_lessons(site):
    """The case's analysis sits on one lesson, the quiz on another: the notebook beside the quiz page
    holds both, under the module's title, and downloads under the module's name."""
    nb = nbformat.read(site / "book/sectors/cleaning/check.ipynb", as_version=4)
    assert nb.cells[0].source.startswith("# Cleaning: the module notebook")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert any("an.unpaid_hours(" in s for s in code), "the case lesson's analysis"
    assert any('QuizWidget.from_id("cleaning-check")' in s for s in code)
    page = (site / "book/sectors/cleaning/check.html").read_text(encoding="utf-8")
    assert '<a href="check.ipynb" download="cleaning.ipynb">' in page
    assert not (site / "book/sectors/cleaning/case.ipynb").exists()


def test_every_folder_of_the_package_is_listed_in_pyproject():
    """pyproject.toml lists the packages (so it can map quizzes/ and data/ into the package):
    a new folder that is not listed would be missing from `pip install`."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {".".join(p.relative_to(ROOT).parts) for p in [ROOT / "procurement_course",
               *(ROOT / "procurement_course").rglob("*")] if p.is_dir() and p.name != "__pycache__"}
    assert folders <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(folders - listed)}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The project as a learner installs it: `pip install` (a built wheel, not an editable
    install) of a copy of the sources, into a folder of its own."""
    base = tmp_path_factory.mktemp("installed")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("procurement_course", "quizzes", "data", "locale"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    target = base / "site-packages"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile",
                             "--target", str(target), str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return target


def test_a_downloaded_module_notebook_runs_anywhere_after_pip_install(site, installed, tmp_path, monkeypatch):
    from nbclient import NotebookClient

    nb = nbformat.read(site / "book" / "sectors" / "cleaning" / "check.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import procurement_course\nprint(procurement_course.__file__)"))
    monkeypatch.setenv("PYTHONPATH", str(installed))  # the installed copy, not this working tree
    monkeypatch.chdir(tmp_path)                        # a folder outside the course
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()

    assert nb.cells[-1].outputs[0]["text"].startswith(str(installed))
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert '<img src="data:image/png;base64,' in html          # the analysis ran on the shipped data
    quiz_cell = next(c for c in nb.cells if 'QuizWidget.from_id("cleaning-check")' in c.source)
    shown = quiz_cell.outputs[0]["data"]
    assert WIDGET_VIEW in shown and 'class="course-quiz-fallback" data-quiz="cleaning-check"' in shown["text/html"]
    questions = len(shown["text/html"].split('<ol type="A">')) - 1   # as many as the bank has
    assert questions >= 5 and f"Score: 0 of {questions}" in "".join(o.get("text", "") for o in outputs)


def test_after_pip_install_a_quiz_shows_in_finnish_and_swedish(installed, tmp_path):
    """The Finnish notebook's QuizWidget.from_id(..., language="fi") finds the catalogues in the
    installed package (its own domains, not the pages')."""
    from procurement_course.i18n.catalogue import gettext
    from procurement_course.quizzes.load import load_bank, quiz_files

    english = load_bank(quiz_files(ROOT / "quizzes"), None, root=ROOT)["cleaning-check"]
    script = ("from procurement_course.widget import QuizWidget\n"
              "for lang in ('en', 'fi', 'sv'):\n"
              "    q = QuizWidget.from_id('cleaning-check', language=lang)._quiz\n"
              "    print(q.title, '|', q.questions[0].prompt[:40])\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == f"{english.title} | {english.questions[0].prompt[:40]}"
    for line, lang in zip(lines[1:], ("fi", "sv")):
        title = gettext("course-quizzes", english.title, lang, ROOT)
        prompt = gettext("course-quizzes", english.questions[0].prompt, lang, ROOT)
        assert title != english.title and line == f"{title} | {prompt[:40]}", lang
    packaged = sorted(p.relative_to(installed).as_posix() for p in (installed / "procurement_course/locale").rglob("*.po"))
    assert "procurement_course/locale/fi/LC_MESSAGES/course-quizzes.po" in packaged
    assert not [p for p in packaged if "/book/" in p], "the pages' catalogues stay behind"


def test_the_finnish_quiz_lesson_gets_a_finnish_notebook(editions: Path):  # noqa: F811
    """Beside a Finnish quiz lesson: the quiz in Finnish (language="fi"), the notebook's words and
    the analysis headings in Finnish, the page's link in Finnish; the code is the English page's."""
    nb = nbformat.read(editions / "fi/book/sectors/cleaning/check.ipynb", as_version=4)
    nbformat.validate(nb)
    english = nbformat.read(editions / "book/sectors/cleaning/check.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert any('QuizWidget.from_id("cleaning-check", language="fi")' in s for s in code)
    assert not any('from_id("cleaning-check")' in s for s in code)
    assert [s for s in code if "QuizWidget" not in s and "results()" not in s] == \
           [c.source for c in english.cells if c.cell_type == "code" and "QuizWidget" not in c.source
            and "results()" not in c.source], "the same analysis code"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert nb.cells[0].source.startswith("# Siivous: moduulin muistikirja")
    assert "Ennen ensimmäistä ajoa" in text and "python -m pip install ." in text
    for sentence in ("Before the first run", "Answer in the quiz below", "The analysis from the module page",
                     "the module notebook", "From the course"):
        assert sentence not in text, sentence
    headings = [c.source.split("\n", 1)[0] for c in nb.cells[1:] if c.cell_type == "markdown"]
    english_headings = [c.source.split("\n", 1)[0] for c in english.cells[1:] if c.cell_type == "markdown"]
    assert len(headings) == len(english_headings) and not set(headings) & set(english_headings)
    page = (editions / "fi/book/sectors/cleaning/check.html").read_text(encoding="utf-8")
    assert '<a href="check.ipynb" download="cleaning.ipynb">Lataa tämä moduuli Jupyter-muistikirjana</a>' in page
