"""Module notebooks: every page that places a quiz gets a Jupyter notebook to download.

The notebook holds the page's analysis (the code cells of a MyST notebook page, each under the
heading it sits in) and its quizzes as live widgets, and its first cell says how to run it after
``pip install`` of the project, which brings the package, the quiz banks and the data. It is
written beside the page (``book/sectors/cleaning/check.html`` gets ``book/sectors/cleaning/check.ipynb``;
for a module in lessons it holds the analysis of all the module's lessons),
and the page links to it just before its first quiz. Only the HTML site gets them: the handbook
(singlehtml) and other builders are left alone.

A translated edition's notebook speaks its language: its words from ``course-runtime``, the
analysis headings from the page's catalogue, and its quizzes as ``QuizWidget.from_id(...,
language="fi")`` (the quiz text from the catalogues, the structure and answers the English bank's).
The analysis code itself stays as written.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path

import nbformat
from docutils import nodes
from sphinx.application import Sphinx

from ..i18n.catalogue import gettext, runtime_text
from ..i18n.model import SOURCE_LANGUAGE
from .extension import _bank, quiz_node
from .languages import page_language

COURSE = "Labour exploitation in public procurement"
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`]*>)?`")  # {term}`Text <Target>` -> Text
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$", re.MULTILINE)


class notebook_link_node(nodes.General, nodes.Element):
    """The link to a page's notebook."""


def visit_notebook_link_html(self, node):
    language, root = page_language(self.builder.app), Path(self.builder.app.confdir)
    sentence = runtime_text("Prefer to work in Jupyter? {link} ({filename}, {size} KB): {contents}, to run in JupyterLab or Jupyter Notebook after installing the course package. Its first cell says how.", language, root)
    words = runtime_text("Download this module as a notebook", language, root)
    link = f'<a href="{escape(node["href"])}" download="{escape(node["filename"])}">{escape(words)}</a>'
    # The sentence is escaped before the link goes in (the catalogue's text is text, not markup).
    body = escape(sentence).format(link=link, filename=escape(node["filename"]), size=node["kilobytes"],
                                   contents=escape(node["contents"]))
    self.body.append(f'<p class="notebook-download">{body}</p>')
    raise nodes.SkipNode


def plain(text: str) -> str:
    """MyST roles reduced to their text: {term}`Forced labour` -> Forced labour."""
    return _ROLE.sub(lambda m: m.group(1), text).strip()


def analysis_cells(source: Path, language: str = SOURCE_LANGUAGE, root: Path | None = None,
                   docname: str = "") -> list:
    """The code cells of a MyST notebook page, each preceded by the heading it sits under (in
    ``language``: the heading from the page's catalogue ``docname``). A page that is not a MyST
    notebook (no jupytext front matter) has none."""
    text = source.read_text(encoding="utf-8")
    if not (text.startswith("---") and "jupytext:" in text.split("\n---", 1)[0]):
        return []
    import jupytext

    page = jupytext.reads(text, fmt="md:myst")
    cells, heading, shown = [], "", ""
    for cell in page.cells:
        if cell.cell_type == "markdown":
            found = _HEADING.findall(cell.source)
            if found:
                raw = found[-1][1]
                heading = plain(gettext(docname, raw, language, root) if docname else raw)
        elif cell.cell_type == "code" and cell.source.strip():
            if heading and heading != shown:
                about = runtime_text("The analysis from the module page, on the course's synthetic case data (fictional, for training). Run each cell; change it and run it again to explore.", language, root)
                cells.append(nbformat.v4.new_markdown_cell(f"## {heading}\n\n{about}"))
                shown = heading
            cells.append(nbformat.v4.new_code_cell(cell.source))
    return cells


def _has(analysis: bool, quizzes: int, language: str, root: Path | None) -> str:
    """What the notebook holds, in words (one literal per case, for the extractor)."""
    if analysis:
        return (runtime_text("its analysis of the case data and its quiz", language, root) if quizzes == 1
                else runtime_text("its analysis of the case data and its quizzes", language, root))
    return runtime_text("its quiz", language, root) if quizzes == 1 else runtime_text("its quizzes", language, root)


def module_notebook(title: str, page_html: str, analysis: list, quizzes: list[tuple[str, str]],
                    language: str = SOURCE_LANGUAGE, root: Path | None = None) -> nbformat.NotebookNode:
    """The notebook of one module page: how to run it, its analysis cells, its quizzes (id, title),
    in ``language`` (its words from the catalogues of ``root``)."""
    course = gettext("book/index", COURSE, language, root)  # the start page's heading
    heading = runtime_text("{title}: the module notebook", language, root, title=title)
    intro = runtime_text("From the course *{course}*: {has}, to run in JupyterLab or Jupyter Notebook. The module itself is the page `{page}` of the course site.", language, root,
                         course=course, has=_has(bool(analysis), len(quizzes), language, root), page=page_html)
    install = runtime_text("**Before the first run**, install the course package once, into the Python environment your notebooks use. In a terminal, in the folder of the course's source code (the folder with `pyproject.toml`; it comes with the course's sources, not with the website):", language, root)
    then = runtime_text("or, from a cell of this notebook, `%pip install path/to/the/course`. It brings the quiz banks, the case data and everything the cells use. Then run the cells from the top (**Run → Run All Cells**). Your answers are kept while the kernel runs: running a quiz's cell again keeps them.", language, root)
    cells = [nbformat.v4.new_markdown_cell(f"# {heading}\n\n{intro}\n\n{install}\n\n    python -m pip install .\n\n{then}")]
    cells += analysis
    answer = runtime_text("Answer in the quiz below, by mouse or keyboard. Your answers and score are reported back to Python: run the cell after the quiz to see them.", language, root)
    score = runtime_text("Score: {score} of {total}", language, root)
    in_language = "" if language == SOURCE_LANGUAGE else f', language="{language}"'
    for n, (quiz_id, quiz_title) in enumerate(quizzes, 1):
        name = "quiz" if n == 1 else f"quiz_{n}"
        cells.append(nbformat.v4.new_markdown_cell(f"## {quiz_title}\n\n{answer}"))
        import_line = "from procurement_course.widget import QuizWidget\n\n" if n == 1 else ""
        cells.append(nbformat.v4.new_code_cell(f'{import_line}{name} = QuizWidget.from_id("{quiz_id}"{in_language})\n{name}'))
        shown = score.replace('"', "'").format(score=f"{{{name}.score}}", total=f"{{len({name}.results())}}")
        cells.append(nbformat.v4.new_code_cell(f'print(f"{shown}")\n{name}.results()'))
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i + 1}"  # fixed ids: the same page always gives the same file
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(notebook)
    return notebook


def add_module_notebook(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write the notebook of a page with quizzes beside the page, and link to it."""
    if app.builder.name != "html":
        return
    placed = list(doctree.findall(quiz_node))
    if not placed:
        return
    bank = _bank(app)
    quizzes = [(n["item_id"], bank[n["item_id"]].title) for n in placed]
    title = app.env.titles[docname].astext() if docname in app.env.titles else docname
    page_html = app.builder.get_target_uri(docname)
    # A module in lessons: its quiz page's notebook holds the analysis of every lesson (the case's
    # data sits on another lesson than the quiz), under the module's title and the module's name.
    settings = getattr(app, "course_settings", None)
    module = next((m for m in settings.modules if docname in m.pages and len(m.pages) > 1), None) if settings else None
    pages = [p for p in module.pages if p in app.env.found_docs] if module else [docname]
    language, root = page_language(app), Path(app.confdir)
    analysis = [cell for page in pages for cell in analysis_cells(Path(app.env.doc2path(page)), language, root, page)]
    if module:
        title = module.title
    notebook = module_notebook(title, page_html, analysis, quizzes, language, root)
    target = Path(app.outdir) / f"{docname}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
    filename = posixpath.basename(docname) + ".ipynb"
    saved_as = f"{module.id}.ipynb" if module else filename  # not four "check.ipynb"
    if analysis:
        contents = (runtime_text("the module's analysis and its quiz", language, root) if len(quizzes) == 1
                    else runtime_text("the module's analysis and its quizzes", language, root))
    else:
        contents = (runtime_text("the module's quiz", language, root) if len(quizzes) == 1
                    else runtime_text("the module's quizzes", language, root))
    link = notebook_link_node(href=filename, filename=saved_as,
                              kilobytes=max(1, round(target.stat().st_size / 1024)), contents=contents)
    first = placed[0]
    first.parent.insert(first.parent.index(first), link)


def setup(app: Sphinx) -> dict:
    app.add_node(notebook_link_node, html=(visit_notebook_link_html, None))
    app.connect("doctree-resolved", add_module_notebook)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
