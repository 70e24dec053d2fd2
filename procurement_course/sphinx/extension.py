"""Sphinx extension for the course.

- Registers the offline, accessible course theme and mends the few bits of markup from
  docutils and myst-nb that fail accessibility checks.
- Quizzes and case scenarios: loads and checks every file in ``quizzes/`` and ``scenarios/`` at
  the start of each build (a mistake stops the build with file, line and field), places one on
  a page by its id, declares its source file as a dependency of the page (editing it rebuilds
  exactly the pages that use it), and adds the small runtime only to pages that need it.

Placing a quiz or a scenario, in MyST Markdown or a MyST notebook, on a line of its own::

    {quiz}`cleaning-check`
    {scenario}`cleaning-evening-audit`

or as a directive (```` ```{quiz} cleaning-check ```` followed by a closing fence). For
facilitators: ```` ```{quiz-answer-key} ```` and ```` ```{scenario-answer-sheet} ```` list the
answers and debriefs of the ids given, or of all. A module page states its learning objectives
from its quiz bank with ```` ```{quiz-objectives} cleaning-check ```` (optionally followed by the
ids of some of them), so the page and the quiz share one list.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .. import __version__
from ..quizzes import cueing
from ..quizzes.load import load_bank, quiz_files
from ..quizzes.model import QuizBank
from ..quizzes.render import answer_key_html, quiz_html
from ..scenarios.load import ilo_indicator_names, known_exhibits, load_scenarios, scenario_files
from ..scenarios.model import ScenarioBank
from ..scenarios.render import BranchMapError, answer_sheet_html, scenario_html
from ..course.settings import CourseSettings, load_course_settings
from ..source import SourceErrors, bibliography_keys, unknown_key_hint
from . import assets, course
from .editions import facilitator_only, setup_editions
from .languages import setup_languages, translate_sources
from .materials import setup_materials
from .question_form import needs_form_assets, setup_question_forms

HERE = Path(__file__).resolve().parents[1]  # the package folder: theme/ and static/
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

# Markup other tools emit that the W3C Nu HTML checker reports as an error, and what we emit
# instead (tests/test_html_validity.py checks every built page).
VALIDITY_FIXES = [
    # myst-nb hide-input: the "Show/Hide the analysis" labels are <p> inside <summary>, where only
    # phrasing content is allowed. As spans, styled by static/hide-input.css.
    (re.compile(r'<p class="(collapsed|expanded) admonition-title">(.*?)</p>'),
     r'<span class="\1 admonition-title">\2</span>'),
]


class quiz_node(nodes.General, nodes.Element):
    """A quiz placed on a page; only its id is stored, so the doctree never holds stale text."""


class quiz_answer_key_node(nodes.General, nodes.Element):
    """The answer key of some or all quizzes."""


class scenario_node(nodes.General, nodes.Element):
    """A case scenario placed on a page, by id."""


class scenario_sheet_node(nodes.General, nodes.Element):
    """The facilitator's answer sheet (consequences and debriefs) of some or all scenarios."""


# What an author can place on a page by id: the bank it comes from, and the node that stands for it.
PLACEABLE = {
    "quiz": ("course_quiz_bank", "quizzes", quiz_node, quiz_answer_key_node),
    "scenario": ("course_scenario_bank", "scenarios", scenario_node, scenario_sheet_node),
}


def _bank(app: Sphinx, kind: str = "quiz"):
    return getattr(app, PLACEABLE[kind][0], None) or (QuizBank() if kind == "quiz" else ScenarioBank())


def _items(bank):
    return bank.quizzes if isinstance(bank, QuizBank) else bank.scenarios


def _place(env, kind: str, item_id: str, docname: str, lineno: int) -> list[nodes.Node]:
    bank = _bank(env.app, kind)
    items = _items(bank)
    if item_id not in items:
        # Depend on every bank file, so the page is read again once the id exists.
        for f in bank.files:
            env.note_dependency(f)
        if getattr(env.app, "course_source_errors", False):
            hint = "Its file may have one of the mistakes listed above."
        else:
            hint = unknown_key_hint(item_id, items) if items else f"No {PLACEABLE[kind][1]} were loaded."
        logger.error("no %s has the id '%s'. %s", kind, item_id, hint, location=(docname, lineno))
        return []
    env.note_dependency(str(Path(env.app.confdir) / items[item_id].file))
    if kind == "scenario":  # its exhibits are computed from the datasets
        for csv in sorted((Path(env.app.confdir) / "data").glob("*.csv")):
            env.note_dependency(str(csv))
    node = PLACEABLE[kind][2](item_id=item_id)
    node.line = lineno
    return [node]


def placing_directive(kind: str):
    class PlaceDirective(SphinxDirective):
        required_arguments = 1
        has_content = False

        def run(self):
            return _place(self.env, kind, self.arguments[0].strip(), self.env.docname, self.lineno)

    return PlaceDirective


class PlacingRole(SphinxRole):
    """``{quiz}`id``` or ``{scenario}`id``` on a line of its own; LiftBlocks lifts it out of its paragraph."""

    def __init__(self, kind: str):
        self.kind = kind

    def run(self):
        return _place(self.env, self.kind, self.text.strip(), self.env.docname, self.lineno), []


class LiftBlocks(SphinxTransform):
    """Quizzes and scenarios are blocks: a paragraph holding only one becomes it."""

    default_priority = 200

    def apply(self):
        for node in list(self.document.findall(lambda n: isinstance(n, (quiz_node, scenario_node)))):
            parent = node.parent
            if isinstance(parent, nodes.paragraph):
                if len(parent.children) == 1:
                    parent.replace_self(node)
                else:
                    kind = "quiz" if isinstance(node, quiz_node) else "scenario"
                    logger.error("a %s must stand on a line of its own, with a blank line before and after.",
                                 kind, location=node)
                    node.parent.remove(node)


def collecting_directive(kind: str):
    """The answer key (quizzes) or answer sheet (scenarios) of the ids given, or of all."""

    class CollectDirective(SphinxDirective):
        optional_arguments = 100
        has_content = False

        def run(self):
            what = "the answer key" if kind == "quiz" else "the case answer sheet"
            if not facilitator_only(self.env.app, what, (self.env.docname, self.lineno)):
                return []
            bank = _bank(self.env.app, kind)
            items = _items(bank)
            ids = self.arguments or list(items)
            missing = [i for i in ids if i not in items]
            if missing:
                for f in bank.files:
                    self.env.note_dependency(f)
                logger.error("this names %s that do not exist: %s.", PLACEABLE[kind][1], ", ".join(missing),
                             location=(self.env.docname, self.lineno))
                return []
            for i in ids:
                self.env.note_dependency(str(Path(self.env.app.confdir) / items[i].file))
            node = PLACEABLE[kind][3](item_ids=ids)
            self.set_source_info(node)
            return [node]

    return CollectDirective


class QuizObjectivesDirective(SphinxDirective):
    """```{quiz-objectives} cleaning-check [objective-id ...]
    After this module you will be able to:
    ```

    The learning objectives of a quiz (all, or the ids given, in that order) as a list in a
    "Learning objectives" box. The text comes from the quiz bank, so a page and its quiz never
    disagree. The optional content is the sentence before the list."""

    required_arguments = 1
    optional_arguments = 50
    has_content = True

    def run(self):
        bank = _bank(self.env.app)
        quiz_id, wanted = self.arguments[0], self.arguments[1:]
        where = (self.env.docname, self.lineno)
        if quiz_id not in bank.quizzes:
            for f in bank.files:
                self.env.note_dependency(f)
            hint = unknown_key_hint(quiz_id, bank.quizzes) if bank.quizzes else "No quizzes were loaded."
            logger.error("no quiz has the id '%s'. %s", quiz_id, hint, location=where)
            return []
        quiz = bank[quiz_id]
        self.env.note_dependency(str(Path(self.env.app.confdir) / quiz.file))
        by_id = {o.id: o for o in quiz.objectives}
        unknown = [i for i in wanted if i not in by_id]
        if unknown:
            logger.error("'%s' is not an objective of the quiz '%s'. %s", unknown[0], quiz_id,
                         unknown_key_hint(unknown[0], by_id), location=where)
            return []
        box = nodes.admonition(classes=["tip", "learning-objectives"])
        box += nodes.title(text="Learning objectives")
        intro = " ".join(line.strip() for line in self.content) or "After this module you will be able to:"
        box += nodes.paragraph(text=intro)
        items = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
        for o in (by_id[i] for i in wanted) if wanted else quiz.objectives:
            items += nodes.list_item("", nodes.paragraph(text=o.text))
        box += items
        return [box]


def check_objective_sections(app: Sphinx, env) -> None:
    """Every objective's ``section`` must name a label of the built course (``(label)=`` before
    a heading), so the final assessment can send a learner to the section that teaches it."""
    labels = env.get_domain("std").labels
    for quiz in _bank(app).quizzes.values():
        for i, o in enumerate(quiz.objectives):
            if o.section and o.section.lower() not in labels:
                close = difflib.get_close_matches(o.section.lower(), list(labels), n=1)
                hint = (f"Did you mean '{close[0]}'?" if close else
                        "Put '(label)=' on the line before the heading of the section that teaches it.")
                logger.error("%s.objectives[%d].section: no section is labelled '%s'. %s", quiz.field, i,
                             o.section, hint, location=f"{quiz.file}:{o.line}")


def visit_quiz_html(self, node):
    self.body.append(quiz_html(_bank(self.builder.app)[node["item_id"]]))
    raise nodes.SkipNode


def visit_answer_key_html(self, node):
    app = self.builder.app
    bank, cases = _bank(app), _bank(app, "scenario")
    # The jump list at the top names the cases of the page's answer sheet too.
    sheets = [i for sheet in self.document.findall(scenario_sheet_node) for i in sheet["item_ids"]]
    self.body.append(answer_key_html([bank[i] for i in node["item_ids"]], level=self.section_level + 1,
                                     cases=[(i, cases[i].title) for i in sheets]))
    raise nodes.SkipNode


def visit_scenario_html(self, node):
    app = self.builder.app
    # A step's label is a heading one level below the section the case is placed in.
    self.body.append(scenario_html(_bank(app, "scenario")[node["item_id"]], lambda i: _exhibit(app, i),
                                   level=self.section_level + 1))
    raise nodes.SkipNode


def visit_scenario_sheet_html(self, node):
    bank = _bank(self.builder.app, "scenario")
    scenarios = [bank[i] for i in node["item_ids"]]
    try:
        html = answer_sheet_html(scenarios, level=self.section_level + 1)
    except BranchMapError as exc:
        logger.error("%s.", exc, location=node)
        html = answer_sheet_html(scenarios, level=self.section_level + 1, draw=None)
    self.body.append(html)
    raise nodes.SkipNode


def _exhibit(app: Sphinx, exhibit_id: str) -> str:
    """An exhibit's HTML table, computed from the datasets once per build. With mistakes in the
    data (already reported), the exhibit is left out rather than computed from broken data."""
    cache = app.__dict__.setdefault("course_exhibit_cache", {})
    if exhibit_id not in cache:
        if getattr(app, "course_source_errors", False):
            return '<p class="exhibit-missing">Exhibit left out: the sources have mistakes, listed in the build log.</p>'
        from ..datasets.exhibits import exhibit_html

        try:
            cache[exhibit_id] = exhibit_html(exhibit_id, Path(app.confdir) / "data")
        except (ValueError, KeyError) as exc:  # data the checks let through but the analysis cannot use
            logger.error("exhibit '%s' cannot be computed from the data: %s", exhibit_id, exc)
            cache[exhibit_id] = '<p class="exhibit-missing">Exhibit left out: see the build log.</p>'
    return cache[exhibit_id]


def _report(app: Sphinx, errors) -> None:
    """Report every mistake with its place. The build then fails (warnings are errors) with the
    messages, not a traceback: Jupyter Book prints a traceback for any exception, so none is raised.
    Notebook pages are not executed, so broken data cannot cascade into failing cells."""
    for e in errors:
        if isinstance(e, str):  # data package messages come as "file:row: field: message"
            where, _, what = e.partition(": ")
            logger.error("%s", what, location=where)
        else:
            logger.error("%s: %s %s", e.field or "file", e.message, e.hint, location=f"{e.file}:{e.line}")
    app.course_source_errors = True
    nb_config = getattr(app.env, "mystnb_config", None)  # myst-nb's settings, made just before ours run
    if nb_config is not None:
        app.env.mystnb_config = nb_config.copy(execution_mode="off")


def load_sources(app: Sphinx) -> None:
    """Read every quiz bank and scenario, and check the data package, afresh at the start of each
    build: nothing stale survives, and every mistake is reported before any page is read."""
    root = Path(app.confdir)
    bibfiles = [root / b for b in getattr(app.config, "bibtex_bibfiles", []) or []]
    bib = bibliography_keys(bibfiles) if bibfiles else None
    quiz_folder = root / app.config.course_quiz_dir
    scenario_folder = root / app.config.course_scenario_dir
    errors = []
    try:
        app.course_quiz_bank = load_bank(quiz_files(quiz_folder), bib, root=root)
        for line in cueing.report(app.course_quiz_bank.quizzes.values()):  # for authors; never fails
            logger.info("answer cueing: %s", line)
    except SourceErrors as exc:
        app.course_quiz_bank = QuizBank(files=[str(f) for f in quiz_files(quiz_folder)])
        errors += exc.errors
    try:
        app.course_scenario_bank = load_scenarios(
            scenario_files(scenario_folder), bib, known_exhibits(), ilo_indicator_names(root / "data"), root=root)
    except SourceErrors as exc:
        app.course_scenario_bank = ScenarioBank(files=[str(f) for f in scenario_files(scenario_folder)])
        errors += exc.errors
    try:
        app.course_settings = load_course_settings(root)
    except SourceErrors as exc:
        app.course_settings = CourseSettings()
        errors += exc.errors
    package = root / "data" / "datapackage.json"
    if package.exists():  # the datasets the exhibits are computed from
        from ..datasets.package import validate_package

        errors += validate_package(package)
    translate_sources(app)  # fi/sv: the same models with their text from the catalogues
    app.course_source_errors = False
    if errors:
        _report(app, errors)


def _toc_digest(app: Sphinx) -> str:
    """A digest of what every page is written with: the table of contents, the theme's templates and
    the course's own Python code (an upgraded package rewrites every page)."""
    digest = hashlib.sha256()
    toc = Path(app.confdir) / "_toc.yml"
    for path in [toc] + sorted((HERE / "theme").rglob("*.html")) + sorted(HERE.rglob("*.py")):
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def outdated_when_toc_changes(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Every page shows the whole course in its navigation, so a change to the table of contents
    (``_toc.yml``), the theme's templates or the extension must rewrite every page, not only the ones
    whose text changed. The digest of the last build is kept beside the doctrees (the environment is not saved
    on a no-op build), one per builder: the html and single-page builds share the doctrees, not their output."""
    stamp = _toc_stamp(app)
    previous = stamp.read_text().strip() if stamp.exists() else None
    if previous != _toc_digest(app):  # on a fresh build every page is new anyway
        return sorted(env.found_docs - added - changed)
    return []


def _toc_stamp(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"course-toc.{app.builder.name}.sha256"


def remember_toc(app: Sphinx, exception) -> None:
    if exception is None:
        _toc_stamp(app).write_text(_toc_digest(app))


def add_static_path(app: Sphinx, config) -> None:
    config.html_static_path.append(str(HERE / "static"))


def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Add the quiz runtime to pages with a quiz (once per page, however many quizzes)."""
    if doctree is None:
        return
    if needs_form_assets(doctree):
        app.add_css_file("question-form.css")
        app.add_js_file("question-form.js", loading_method="defer")
    for name, player, sheet in (("quiz", quiz_node, quiz_answer_key_node),
                                ("scenario", scenario_node, scenario_sheet_node)):
        has_player = doctree.next_node(player) is not None
        if has_player or doctree.next_node(sheet) is not None:
            app.add_css_file(f"{name}.css")
        if has_player:
            app.add_js_file(f"{name}.js", loading_method="defer")


def mend_markup(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    body = context.get("body")
    if body:
        for old, new in ACCESSIBILITY_FIXES:
            body = body.replace(old, new)
        mended = body
        for pattern, replacement in VALIDITY_FIXES:
            mended = pattern.sub(replacement, mended)
        if mended != body and "admonition-title" in mended:
            app.add_css_file("hide-input.css")
        context["body"] = mended


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p><a href="{url}">{title}</a></p>
</body>
</html>
"""


def write_root_redirect(app: Sphinx, exception) -> None:
    """The root index.html that leads to the first page (from a file:// USB stick or a web
    server), as a valid HTML page with a doctype, a language and a title. Runs before
    sphinx-external-toc's handler, which then leaves it alone (it writes a bare <meta> only when
    there is no index.html); a redirect page left by an earlier build is rewritten."""
    from html import escape

    if exception is not None or "html" not in app.builder.format or app.config.root_doc == "index":
        return
    index = Path(app.outdir) / "index.html"
    if index.exists() and 'http-equiv="refresh"' not in index.read_text(encoding="utf-8", errors="replace").lower():
        return  # a real page, not a redirect
    root = app.config.root_doc
    url = f"{root}/index.html" if app.builder.name == "dirhtml" else f"{root}.html"
    title = app.config.html_title or app.config.project or "Home"
    index.write_text(REDIRECT_PAGE.format(lang=escape(app.config.language or "en"), title=escape(title),
                                          url=escape(url)), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.add_html_theme("course", str(HERE / "theme" / "course"))
    # Jupyter Book always passes its `html.comments` setting on as `comments_config`, which only
    # sphinx-comments declares. We leave that extension out (it loads scripts from elsewhere), so
    # declare the value here, unused, rather than let Sphinx warn on every build.
    app.add_config_value("comments_config", {}, "html")
    app.add_config_value("course_quiz_dir", "quizzes", "env")
    app.add_config_value("course_scenario_dir", "scenarios", "env")
    setup_editions(app)
    setup_languages(app)
    setup_materials(app)

    app.add_node(quiz_node, html=(visit_quiz_html, None))
    app.add_node(quiz_answer_key_node, html=(visit_answer_key_html, None))
    app.add_node(scenario_node, html=(visit_scenario_html, None))
    app.add_node(scenario_sheet_node, html=(visit_scenario_sheet_html, None))
    for kind in PLACEABLE:
        app.add_directive(kind, placing_directive(kind))
        app.add_role(kind, PlacingRole(kind))
    app.add_directive("quiz-answer-key", collecting_directive("quiz"))
    app.add_directive("scenario-answer-sheet", collecting_directive("scenario"))
    app.add_directive("quiz-objectives", QuizObjectivesDirective)
    app.add_transform(LiftBlocks)
    setup_question_forms(app)
    app.setup_extension("procurement_course.sphinx.notebooks")  # a notebook to download per page with a quiz
    app.setup_extension("procurement_course.sphinx.toolkit")  # the buyer's toolkit: {toolkit}, {tool-links}

    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", load_sources)
    app.connect("env-get-outdated", outdated_when_toc_changes)
    app.connect("env-check-consistency", check_objective_sections)
    app.connect("build-finished", remember_toc)
    app.connect("build-finished", write_root_redirect, priority=400)
    app.connect("html-page-context", page_assets)
    app.connect("html-page-context", mend_markup)
    course.setup(app)
    assets.setup(app, [HERE / "static", HERE / "theme" / "course" / "static"])
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
