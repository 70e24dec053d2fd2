"""Sphinx glue for the course around the pages: the learner's shell on every HTML page (course map,
learner record, navigation status, progress, course menu), and the course's own pages placed by
directive::

    ```{course-modules}
    ```           the start page's module cards and progress
    ```{assessment}
    ```           the final assessment
    ```{course-record}
    ```           the learner's record: status, scores, export, import, record of completion
    ```{course-start}
    ```           the start page's first screen: the course's total time, "Start the course"
                  for a new learner and "Continue where you left off" for a returning one
    ```{course-durations}
    ```           a table of each module's time and the total, from _config.yml
    {course-time}`cleaning`   a module's time ("50 minutes"); {course-time}`total`: the course's

Every duration the course states comes from the modules' ``minutes`` in ``_config.yml``: the cards,
the total on the start page, the durations table and the role agree because they read one number.
Module lessons get their place ("Lesson 2 of 5") and every page with three or more sections an
"On this page" list (``nav[data-page-toc]``), both rendered at build time; a module that used to be
one page keeps its old URL as a small page that sends each old ``#fragment`` to the lesson holding it.

The completion rules come from ``_config.yml`` (``procurement_course.course.settings``).
"""

from __future__ import annotations

import json
import posixpath
import re
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..course.coursemap import PageFacts, build_map, map_script
from ..course.render import (assessment_html, assessment_pool, course_start_html, duration_text, module_cards_html,
                             record_html)
from ..course.settings import CourseSettings
from ..i18n.catalogue import runtime_text
from .editions import is_facilitator_edition
from .search import light_search_page, write_search_snippets

logger = logging.getLogger(__name__)

# Scripts of the course shell, on every page of the site, in this order (all deferred).
SHELL_JS = ["course-map.js", "core.js", "record.js", "course.js"]


class course_modules_node(nodes.General, nodes.Element):
    pass


class assessment_node(nodes.General, nodes.Element):
    pass


class course_record_node(nodes.General, nodes.Element):
    pass


class course_start_node(nodes.General, nodes.Element):
    pass


SPECIAL = {"course-modules": ("start", course_modules_node), "assessment": ("assessment", assessment_node),
           "course-record": ("record", course_record_node), "course-start": ("begin", course_start_node)}


def _module_minutes(settings: CourseSettings, module_id: str) -> int | None:
    for m in settings.modules:
        if m.id == module_id:
            return m.minutes
    return None


def course_time_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{course-time}`cleaning`: "50 minutes", the module's time from _config.yml; {course-time}`total`:
    the course's ("about 6 hours"). Text, so that it reads the same in search, print and the site."""
    env = inliner.document.settings.env
    settings: CourseSettings = getattr(env.app, "course_settings", CourseSettings())
    key = text.strip()
    if key == "total":
        minutes = [m.minutes for m in settings.modules]
        if minutes and all(minutes):
            return [nodes.inline(rawtext, duration_text(sum(minutes), about=True), classes=["course-time"])], []
    else:
        minutes = _module_minutes(settings, key)
        if minutes:
            return [nodes.inline(rawtext, f"{minutes} minutes", classes=["course-time"])], []
    ids = ", ".join(m.id for m in settings.modules) or "none"
    msg = inliner.reporter.error(
        f"{{course-time}}`{key}`: no time for '{key}'. Give 'total' or a module id ({ids}); every module "
        "needs 'minutes' in _config.yml (sphinx.config.course.modules).", line=lineno)
    return [inliner.problematic(rawtext, rawtext, msg)], [msg]


class CourseDurationsDirective(SphinxDirective):
    """```{course-durations}```: each module's time, and the total, as a table (from _config.yml)."""

    has_content = False

    def run(self):
        settings: CourseSettings = getattr(self.env.app, "course_settings", CourseSettings())
        missing = [m.id for m in settings.modules if not m.minutes]
        if missing or not settings.modules:
            raise self.error(f"course-durations: no 'minutes' for {', '.join(missing) or 'any module'} in _config.yml "
                             "(sphinx.config.course.modules). Give every module its minutes.")
        rows = [(m.title + ("" if m.required else " (optional)"), f"{m.minutes} minutes") for m in settings.modules]
        total = sum(m.minutes for m in settings.modules)
        rows.append(("All modules", f"{duration_text(total)} ({duration_text(total, about=True)})"))
        table = nodes.table(classes=["course-durations"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=3)
        group += nodes.colspec(colwidth=2)
        head = nodes.thead()
        group += head
        body = nodes.tbody()
        group += body
        for section, cells in ((head, [("Module", "Self-paced")]), (body, rows)):
            for a, b in cells:
                row = nodes.row()
                for text in (a, b):
                    entry = nodes.entry()
                    entry += nodes.paragraph(text=text)
                    row += entry
                section += row
        return [table]


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


def toc_order(env, root: str) -> list[str]:
    """Every page in the order of the table of contents (the order Previous / Next takes)."""
    order: list[str] = []

    def walk(doc: str) -> None:
        if doc in order:
            return
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)
    walk(root)
    return order


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
    title = getattr(app, "course_source_title", None) or app.config.html_title or app.config.project
    course, errors = build_map(app.course_settings, pages, sizes, special, title,
                               toc_order(env, app.config.root_doc))
    # Each edition keeps its own learner record in the browser (static/record.js reads this).
    course["edition"] = "facilitator" if is_facilitator_edition(app) else "learner"
    course["displayTitle"] = app.config.html_title or title  # in the page's language (certificate)
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
    elif node["kind"] == "begin":
        self.body.append(course_start_html(course, link))
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
    context["course_lesson"] = lesson_place(course, pagename)
    toctree = context.get("toctree")
    if callable(toctree):
        suffix = app.builder.link_suffix
        context["toctree"] = lambda **kw: _tag_navigation(toctree(**kw), pagename, suffix)


def lesson_place(course: dict, pagename: str) -> dict | None:
    """Where a module's page sits in its module: {"module", "number", "total"}, or None."""
    for m in course.get("modules", []):
        if pagename in m["pages"]:
            return {"module": m["title"], "number": m["pages"].index(pagename) + 1, "total": len(m["pages"])}
    return None


PAGE_TOC_MIN = 3  # sections a page needs before it lists them


def page_sections(doctree) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """The page's sections under its title: (id, title, [(id, title) of its subsections])."""
    top = doctree.next_node(nodes.section) if doctree is not None else None
    if top is None:
        return []

    def title(section) -> str:
        return section[0].astext() if section.children and isinstance(section[0], nodes.title) else ""
    found = []
    for sec in (c for c in top.children if isinstance(c, nodes.section) and c["ids"]):
        subs = [(s["ids"][0], title(s)) for s in sec.children if isinstance(s, nodes.section) and s["ids"]]
        found.append((sec["ids"][0], title(sec), subs))
    return found


def page_toc_html(sections, language: str = "en") -> str:
    """``nav[data-page-toc]``: the sections of the page (and theirs), when there are enough to need it."""
    count = sum(1 + len(subs) for _, _, subs in sections)
    if count < PAGE_TOC_MIN:
        return ""
    items = []
    for sid, text, subs in sections:
        inner = "".join(f'<li><a href="#{escape(i)}">{escape(t)}</a></li>' for i, t in subs)
        items.append(f'<li><a href="#{escape(sid)}">{escape(text)}</a>' + (f"<ol>{inner}</ol>" if inner else "") + "</li>")
    return ('<nav class="page-toc" data-page-toc aria-labelledby="page-toc-title">'
            f'<p class="page-toc-title" id="page-toc-title">{escape(runtime_text("On this page", language))}</p>'
            f'<ol>{"".join(items)}</ol></nav>')


_H1_END = re.compile(r"</h1>")


def add_page_toc(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """"On this page", placed right after the page's title (on phones as on desktops)."""
    body = context.get("body")
    if app.builder.name != "html" or not body or doctree is None:
        return
    toc = page_toc_html(page_sections(doctree), app.config.language or "en")
    if toc:
        context["body"] = _H1_END.sub(lambda m: m.group(0) + toc, body, count=1)


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


_ID = re.compile(r'\sid="([^"]+)"')


def redirect_html(module: dict, targets: dict[str, str], lessons: list[tuple[str, str]], language: str = "en") -> str:
    """The page at a module's old URL: a script sends ``#fragment`` to the lesson holding it (the map is
    written here, so it works from file:// too); without script, the lessons as a plain list of links."""
    first = lessons[0][0]
    data = json.dumps(targets, separators=(",", ":")).replace("<", "\\u003c")
    script = ("(function(){var m=" + data + ",h=location.hash.slice(1),k=h;try{k=decodeURIComponent(h)}catch(e){}"
              "location.replace((m[k]||" + json.dumps(first) + ")+(h?'#'+h:''));})();")
    items = "".join(f'<li><a href="{escape(href)}">{escape(title)}</a></li>' for href, title in lessons)
    title = escape(module["title"])
    heading = runtime_text("{module}: the module's lessons", language, module=module["title"])
    intro = runtime_text("This module is now in {n} lessons. Open the one you need:", language, n=len(lessons))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(heading)}</title>\n"
        f"<script>{script}</script>\n</head>\n<body>\n<main>\n"
        f"<h1>{title}</h1>\n<p>{escape(intro)}</p>\n"
        f"<ol>{items}</ol>\n</main>\n</body>\n</html>\n")


def write_redirects(app: Sphinx, exception) -> None:
    """A page at each former page of a module (``_config.yml``: ``former_pages``)."""
    if exception is not None or app.builder.name != "html" or not getattr(app, "course_map", None):
        return
    out = Path(app.outdir)
    suffix = app.builder.out_suffix
    modules = {m["id"]: m for m in app.course_map["modules"]}
    for setting in app.course_settings.modules:
        module = modules.get(setting.id)
        if module is None:
            continue
        for old in setting.former_pages:
            base = posixpath.dirname(old)
            found: dict[str, set[str]] = {}
            lessons = []
            for page in module["pages"]:
                href = posixpath.relpath(page, base) + suffix
                built = out / (page + suffix)
                html = built.read_text(encoding="utf-8") if built.is_file() else ""
                main = html.split('id="main-content"', 1)[-1]  # the lesson's own ids, not the shell's
                for anchor in _ID.findall(main):
                    found.setdefault(anchor, set()).add(href)
                title = app.env.titles[page].astext() if page in app.env.titles else page
                lessons.append((href, title))
            # Only ids that name one place: "id3" (a citation) or the page's own widgets recur in lessons.
            targets = {anchor: hrefs.pop() for anchor, hrefs in found.items() if len(hrefs) == 1}
            target = out / (old + suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(redirect_html(module, targets, lessons, app.config.language or "en"), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("course", {}, "env")
    for name in SPECIAL:
        app.add_directive(name, _directive(name))
        app.add_node(SPECIAL[name][1], html=(visit_course_node, None))
    app.connect("env-updated", gather_course)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", wrap_tables)
    app.connect("html-page-context", add_page_toc)
    app.connect("build-finished", write_course_map)
    app.connect("build-finished", write_search_snippets)
    app.connect("html-page-context", light_search_page, priority=900)
    app.connect("build-finished", write_redirects)
    app.add_role("course-time", course_time_role)
    app.add_directive("course-durations", CourseDurationsDirective)
