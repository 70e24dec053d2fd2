"""Sphinx glue for the course around the pages: the learner's shell on every HTML page (course map,
learner record, navigation status, progress, course menu), and the course's own pages placed by
directive::

    ```{course-modules}
    ```           the start page's module cards and progress
    ```{assessment}
    ```           the final assessment
    ```{course-record}
    ```           the learner's record: status, scores, export, import, record of completion

The completion rules come from ``_config.yml`` (``procurement_course.course.settings``).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..course.coursemap import PageFacts, build_map, map_script
from ..course.render import assessment_html, assessment_pool, module_cards_html, record_html
from ..course.settings import CourseSettings
from .editions import is_facilitator_edition
from .search import write_search_snippets

logger = logging.getLogger(__name__)

# Scripts of the course shell, on every page of the site, in this order (all deferred).
SHELL_JS = ["course-map.js", "core.js", "record.js", "course.js"]


class course_modules_node(nodes.General, nodes.Element):
    pass


class assessment_node(nodes.General, nodes.Element):
    pass


class course_record_node(nodes.General, nodes.Element):
    pass


SPECIAL = {"course-modules": ("start", course_modules_node), "assessment": ("assessment", assessment_node),
           "course-record": ("record", course_record_node)}


def _directive(name: str):
    kind, node_class = SPECIAL[name]

    class CourseDirective(SphinxDirective):
        has_content = False

        def run(self):
            # The page shows facts gathered from the module pages and the settings: rewrite it when they change.
            settings: CourseSettings = getattr(self.env.app, "course_settings", CourseSettings())
            for m in settings.modules:
                for page in m.pages:
                    if page in self.env.found_docs:
                        self.env.note_dependency(str(self.env.doc2path(page)))
            config = Path(self.env.app.confdir) / "_config.yml"
            if config.is_file():
                self.env.note_dependency(str(config))
            if kind == "assessment":
                for f in getattr(self.env.app, "course_quiz_bank").files:
                    self.env.note_dependency(f)
            return [node_class(kind=kind)]

    return CourseDirective


def _facts(env, docname: str) -> PageFacts:
    from .extension import quiz_node, scenario_node

    doctree = env.get_doctree(docname)
    title = env.titles[docname].astext() if docname in env.titles else docname
    words = len(re.findall(r"\w+", doctree.astext()))
    return PageFacts(title, words,
                     tuple(n["item_id"] for n in doctree.findall(quiz_node)),
                     tuple(n["item_id"] for n in doctree.findall(scenario_node)))


def gather_course(app: Sphinx, env) -> None:
    """After reading (every build, even a no-op): the course map, and the module rules checked."""
    special = {"start": app.config.root_doc}
    pages = {}
    for docname in sorted(env.found_docs):
        if docname not in env.all_docs:
            continue
        pages[docname] = _facts(env, docname)
        doctree = env.get_doctree(docname)
        for node_class, kind in ((assessment_node, "assessment"), (course_record_node, "record")):
            if doctree.next_node(node_class) is not None:
                special[kind] = docname
    bank = app.course_quiz_bank
    sizes = {qid: len(q.questions) for qid, q in bank.quizzes.items()}
    title = app.config.html_title or app.config.project
    course, errors = build_map(app.course_settings, pages, sizes, special, title)
    # Each edition keeps its own learner record in the browser (static/record.js reads this).
    course["edition"] = "facilitator" if is_facilitator_edition(app) else "learner"
    if not getattr(app, "course_source_errors", False):  # with broken sources, their errors come first
        for e in errors:
            logger.error("%s: %s %s", e.field, e.message, e.hint, location=f"{e.file}:{e.line}")
    app.course_map = course


def _link(app: Sphinx, from_doc: str):
    def link(target: str) -> str:
        doc, _, anchor = target.partition("#")
        uri = app.builder.get_relative_uri(from_doc, doc)
        return uri + (f"#{anchor}" if anchor else "")
    return link


def _sections(app: Sphinx):
    labels = app.env.get_domain("std").labels

    def find(label: str) -> tuple[str, str]:
        if label in labels:
            docname, anchor, title = labels[label]
            return f"{docname}#{anchor}" if anchor else docname, title
        return "", ""
    return find


def visit_course_node(self, node):
    app = self.builder.app
    course = getattr(app, "course_map", None) or {"modules": [], "assessment": {"size": 0}, "passMark": 80}
    link = _link(app, self.builder.current_docname)
    if node["kind"] == "start":
        self.body.append(module_cards_html(course, link))
    elif node["kind"] == "assessment":
        pool = assessment_pool(course, app.course_quiz_bank.quizzes, _sections(app))
        self.body.append(assessment_html(pool, link))
    else:
        self.body.append(record_html())
    raise nodes.SkipNode


# --- every page: the shell ---------------------------------------------------------------------

_NAV_LINK = re.compile(r'<a class="((?:current )?reference internal)" href="([^"]*)"')


def _tag_navigation(html: str, pagename: str, suffix: str) -> str:
    """Every navigation link to a course page carries the page's name and a status for the record
    to fill in (``data-status``: not-started, in-progress or done)."""
    def tag(m: re.Match) -> str:
        href = m.group(2)
        path = href.split("#", 1)[0]
        if not path:
            target = pagename
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(pagename), path))
            if target.endswith(suffix):
                target = target[: -len(suffix)]
        return f'<a class="{m.group(1)}" data-page="{target}" data-status="not-started" href="{href}"'
    return _NAV_LINK.sub(tag, html)


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name != "html":
        return
    for i, name in enumerate(SHELL_JS):
        app.add_js_file(name, priority=400 + i, loading_method="defer")
    for name in ("assessment", "record-page"):
        kind = {"assessment": assessment_node, "record-page": course_record_node}[name]
        if doctree is not None and doctree.next_node(kind) is not None:
            if name == "assessment":
                app.add_js_file("quiz.js", priority=500, loading_method="defer")
                app.add_css_file("quiz.css")
                app.add_css_file("assessment.css")
            app.add_js_file(f"{name}.js", priority=510, loading_method="defer")
    context["course_page"] = pagename
    context["course_root"] = "../" * pagename.count("/")
    course = getattr(app, "course_map", {}) or {}
    record = course.get("record")
    context["course_record_url"] = (app.builder.get_relative_uri(pagename, record) or "#") if record else ""
    toctree = context.get("toctree")
    if callable(toctree):
        suffix = app.builder.link_suffix
        context["toctree"] = lambda **kw: _tag_navigation(toctree(**kw), pagename, suffix)


_TABLE = re.compile(r'<table class="docutils[^"]*"[^>]*>.*?</table>', re.S)
_CAPTION = re.compile(r'<caption>.*?<span class="caption-text">(.*?)</span>', re.S)


def wrap_tables(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """A wide table scrolls inside its own region, so the page never scrolls sideways at 320 px
    (WCAG 1.4.10); the region can take focus, so keyboard users can scroll it too."""
    body = context.get("body")
    if not body or "<table" not in body:
        return
    count = 0

    def wrap(m: re.Match) -> str:
        nonlocal count
        count += 1
        caption = _CAPTION.search(m.group(0))
        label = re.sub(r"<[^>]+>", "", caption.group(1)).strip() if caption else f"Table {count}"
        return (f'<div class="scroll-region" role="region" tabindex="0" aria-label="{label}">'
                f"{m.group(0)}</div>")

    context["body"] = _TABLE.sub(wrap, body)


def write_course_map(app: Sphinx, exception) -> None:
    if exception is None and app.builder.name == "html" and getattr(app, "course_map", None) is not None:
        static = Path(app.outdir) / "_static"
        static.mkdir(exist_ok=True)
        (static / "course-map.js").write_text(map_script(app.course_map), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("course", {}, "env")
    for name in SPECIAL:
        app.add_directive(name, _directive(name))
        app.add_node(SPECIAL[name][1], html=(visit_course_node, None))
    app.connect("env-updated", gather_course)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", wrap_tables)
    app.connect("build-finished", write_course_map)
    app.connect("build-finished", write_search_snippets)
