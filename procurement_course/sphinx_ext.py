"""Sphinx extension for the course.

- Registers the offline, accessible course theme and mends the few bits of markup from
  docutils and myst-nb that fail accessibility checks.
- Quizzes: loads and checks every bank in ``quizzes/`` at the start of each build (a mistake
  stops the build with file, line and field), places a quiz on a page by its id, declares the
  bank file as a dependency of the page (editing it rebuilds exactly the pages that use it),
  and adds the small quiz runtime only to pages that have a quiz.

Placing a quiz, in MyST Markdown or a MyST notebook, on a line of its own::

    {quiz}`cleaning-check`

or as a directive (```` ```{quiz} cleaning-check ```` followed by a closing fence).
The answer key of all quizzes, or of the ones named: ```` ```{quiz-answer-key} ````.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from . import __version__
from .quiz_load import load_bank, quiz_files
from .quiz_model import QuizBank
from .quiz_render import answer_key_html, quiz_html
from .source import SourceErrors, bibliography_keys, unknown_key_hint

HERE = Path(__file__).parent
logger = logging.getLogger(__name__)

# Markup other tools emit, and what we emit instead. Each pair is a WCAG failure axe-core
# reports as serious or critical, found in the built site.
ACCESSIBILITY_FIXES = [
    # docutils: role="list" whose children are role="doc-biblioentry" (aria-required-children).
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
    # myst-nb hide-input: an aria-label that hides the visible "Show the analysis" text
    # (label-content-name-mismatch).
    ('<summary aria-label="Toggle hidden content">', "<summary>"),
]


class quiz_node(nodes.General, nodes.Element):
    """A quiz placed on a page; only its id is stored, so the doctree never holds stale text."""


class quiz_answer_key_node(nodes.General, nodes.Element):
    """The answer key of some or all quizzes."""


def _bank(app: Sphinx) -> QuizBank:
    return getattr(app, "course_quiz_bank", None) or QuizBank()


def _place_quiz(env, quiz_id: str, docname: str, lineno: int) -> list[nodes.Node]:
    bank = _bank(env.app)
    if quiz_id not in bank:
        # Depend on every bank, so the page is read again once the quiz exists.
        for f in bank.files:
            env.note_dependency(f)
        hint = unknown_key_hint(quiz_id, bank.quizzes) if bank.quizzes else "No quiz banks were loaded."
        logger.error("no quiz has the id '%s'. %s", quiz_id, hint, location=(docname, lineno))
        return []
    env.note_dependency(str(Path(env.app.confdir) / bank[quiz_id].file))
    node = quiz_node(quiz_id=quiz_id)
    node.line = lineno
    return [node]


class QuizDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self):
        return _place_quiz(self.env, self.arguments[0].strip(), self.env.docname, self.lineno)


class QuizRole(SphinxRole):
    """``{quiz}`id``` on a line of its own; the transform below lifts it out of its paragraph."""

    def run(self):
        return _place_quiz(self.env, self.text.strip(), self.env.docname, self.lineno), []


class LiftQuizzes(SphinxTransform):
    """A quiz is a block: a paragraph holding only a quiz becomes the quiz."""

    default_priority = 200

    def apply(self):
        for node in list(self.document.findall(quiz_node)):
            parent = node.parent
            if isinstance(parent, nodes.paragraph):
                if len(parent.children) == 1:
                    parent.replace_self(node)
                else:
                    logger.error("a quiz must stand on a line of its own, with a blank line before and after.",
                                 location=node)
                    node.parent.remove(node)


class QuizAnswerKeyDirective(SphinxDirective):
    optional_arguments = 100
    has_content = False
    option_spec = {"class": directives.class_option}

    def run(self):
        bank = _bank(self.env.app)
        ids = self.arguments or list(bank.quizzes)
        missing = [i for i in ids if i not in bank]
        if missing:
            for f in bank.files:
                self.env.note_dependency(f)
            logger.error("the answer key names quizzes that do not exist: %s.", ", ".join(missing),
                         location=(self.env.docname, self.lineno))
            return []
        for i in ids:
            self.env.note_dependency(str(Path(self.env.app.confdir) / bank[i].file))
        return [quiz_answer_key_node(quiz_ids=ids)]


def visit_quiz_html(self, node):
    bank = _bank(self.builder.app)
    self.body.append(quiz_html(bank[node["quiz_id"]]))
    raise nodes.SkipNode


def visit_answer_key_html(self, node):
    bank = _bank(self.builder.app)
    self.body.append(answer_key_html([bank[i] for i in node["quiz_ids"]]))
    raise nodes.SkipNode


class QuizBankError(Exception):
    """Raised after every mistake in the quiz banks has been reported with its location."""


def load_quizzes(app: Sphinx) -> None:
    """Read every bank afresh at the start of each build, so nothing stale survives."""
    root = Path(app.confdir)
    folder = root / app.config.course_quiz_dir
    bibfiles = [root / b for b in getattr(app.config, "bibtex_bibfiles", []) or []]
    bib = bibliography_keys(bibfiles) if bibfiles else None
    try:
        app.course_quiz_bank = load_bank(quiz_files(folder), bib, root=root)
    except SourceErrors as exc:
        for e in exc.errors:
            logger.error("%s: %s %s", e.field or "file", e.message, e.hint, location=f"{e.file}:{e.line}")
        app.course_quiz_bank = QuizBank(files=[str(f) for f in quiz_files(folder)])
        raise QuizBankError(
            f"{len(exc.errors)} mistake(s) in the quiz banks in {app.config.course_quiz_dir}/, listed above."
        ) from None


def _toc_digest(app: Sphinx) -> str:
    toc = Path(app.confdir) / "_toc.yml"
    return hashlib.sha256(toc.read_bytes()).hexdigest() if toc.exists() else ""


def outdated_when_toc_changes(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Every page shows the whole course in its navigation, so a change to the table of contents
    (``_toc.yml``) must rewrite every page, not only the ones whose text changed. The digest of
    the last built toc is kept beside the doctrees (the environment is not saved on a no-op build)."""
    stamp = Path(app.doctreedir) / "course-toc.sha256"
    previous = stamp.read_text().strip() if stamp.exists() else None
    if previous is not None and previous != _toc_digest(app):
        return sorted(env.found_docs - added - changed)
    return []


def remember_toc(app: Sphinx, exception) -> None:
    if exception is None:
        (Path(app.doctreedir) / "course-toc.sha256").write_text(_toc_digest(app))


def add_static_path(app: Sphinx, config) -> None:
    config.html_static_path.append(str(HERE / "static"))


def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Add the quiz runtime to pages with a quiz (once per page, however many quizzes)."""
    if doctree is None:
        return
    has_quiz = doctree.next_node(quiz_node) is not None
    if has_quiz or doctree.next_node(quiz_answer_key_node) is not None:
        app.add_css_file("quiz.css")
    if has_quiz:
        app.add_js_file("quiz.js", loading_method="defer")


def mend_markup(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if body:
        for old, new in ACCESSIBILITY_FIXES:
            body = body.replace(old, new)
        context["body"] = body


def setup(app: Sphinx) -> dict:
    app.add_html_theme("course", str(HERE / "theme" / "course"))
    # Jupyter Book always passes its `html.comments` setting on as `comments_config`, which only
    # sphinx-comments declares. We leave that extension out (it loads scripts from elsewhere), so
    # declare the value here, unused, rather than let Sphinx warn on every build.
    app.add_config_value("comments_config", {}, "html")
    app.add_config_value("course_quiz_dir", "quizzes", "env")

    app.add_node(quiz_node, html=(visit_quiz_html, None))
    app.add_node(quiz_answer_key_node, html=(visit_answer_key_html, None))
    app.add_directive("quiz", QuizDirective)
    app.add_role("quiz", QuizRole())
    app.add_directive("quiz-answer-key", QuizAnswerKeyDirective)
    app.add_transform(LiftQuizzes)

    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", load_quizzes)
    app.connect("env-get-outdated", outdated_when_toc_changes)
    app.connect("build-finished", remember_toc)
    app.connect("html-page-context", page_assets)
    app.connect("html-page-context", mend_markup)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
