"""The buyer's toolkit in the site.

    ```{toolkit} risk-screen
    ```                       (or price-check, clause-builder, visit-checklist)

    ```{tool-links} cleaning
    ```                       (at the end of a sector module: each tool preset for the sector)

The toolkit's data (``data/toolkit_*.csv``) is read and checked at the start of each build; a
measure's, clause's or item's ``section`` is checked against the course's labels once every page
is read, and turned into a link when the page is written, so it follows its section wherever the
section moves. Pages with a tool get its runtime, and the site gets an offline app for them: a web
manifest and a service worker beside the tool pages, caching the tool pages and what they load.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..i18n.catalogue import gettext, runtime_text
from ..toolkit.load import ToolkitError, load_toolkit
from ..toolkit.model import SECTORS, Toolkit
from ..toolkit.render import RENDERERS, TOOLS, tool_links_html, translated
from .languages import page_language

logger = logging.getLogger(__name__)
TOOL_FOLDER = "book/tools"  # the tool pages; the manifest and service worker are written beside them
RUNTIME = {"risk-screen": "tools-risk.js", "price-check": "tools-price.js",
           "clause-builder": "tools-clauses.js", "visit-checklist": "tools-visit.js"}
SW_FILE = "tools-sw.js"
MANIFEST = "manifest.webmanifest"


class toolkit_node(nodes.General, nodes.Element):
    """A tool placed on a page, by name."""


class tool_links_node(nodes.General, nodes.Element):
    """Links to every tool, preset for one sector."""


def _kit(app: Sphinx) -> Toolkit:
    return getattr(app, "course_toolkit", None) or Toolkit()


class ToolkitDirective(SphinxDirective):
    required_arguments = 1

    def run(self):
        tool = self.arguments[0].strip()
        if tool not in TOOLS:
            logger.error("no tool is called '%s'. The tools are: %s.", tool, ", ".join(TOOLS),
                         location=(self.env.docname, self.lineno))
            return []
        for f in _kit(self.env.app).files:  # edit a toolkit file: the tool pages are read again
            self.env.note_dependency(str(Path(self.env.app.confdir) / f))
        node = toolkit_node(tool=tool)
        self.set_source_info(node)
        return [node]


class ToolLinksDirective(SphinxDirective):
    required_arguments = 1

    def run(self):
        sector = self.arguments[0].strip()
        if sector not in SECTORS:
            logger.error("'%s' is not a sector. The sectors are: %s.", sector, ", ".join(SECTORS),
                         location=(self.env.docname, self.lineno))
            return []
        node = tool_links_node(sector=sector)
        self.set_source_info(node)
        return [node]


def load(app: Sphinx) -> None:
    try:
        kit = load_toolkit(Path(app.confdir) / "data")
        language, root = page_language(app), Path(app.confdir)
        # The data's text in the edition's language (domain course-data); ids, numbers, sources as written.
        app.course_toolkit = translated(kit, lambda text: gettext("course-data", text, language, root))
    except ToolkitError as exc:
        app.course_toolkit = Toolkit()
        for message in exc.messages:
            where, _, what = message.partition(": ")
            logger.error("%s", what, location=where)
    except (FileNotFoundError, KeyError):
        app.course_toolkit = Toolkit()  # a project without the toolkit's data (e.g. a sample site)


def check_sections(app: Sphinx, env) -> None:
    """Every section a tool links to must exist once all pages are read."""
    try:
        load_toolkit(Path(app.confdir) / "data", labels=set(env.get_domain("std").labels))
    except ToolkitError as exc:
        for message in exc.messages:
            where, _, what = message.partition(": ")
            logger.error("%s", what, location=where)
    except (FileNotFoundError, KeyError):
        pass


def _linker(translator):
    builder, env = translator.builder, translator.builder.env
    labels = env.get_domain("std").labels
    here = builder.current_docname

    def link(label: str) -> tuple[str, str]:
        docname, anchor, title = labels.get(label.lower(), (None, "", ""))
        if docname is None:
            return "#", label  # reported by check_sections
        return builder.get_relative_uri(here, docname) + (f"#{anchor}" if anchor else ""), title or label

    return link


def visit_toolkit_html(self, node):
    if self.builder.name == "singlehtml":  # the printed handbook: a form on paper helps no one
        self.body.append('<p class="tool-print">' + runtime_text(
            "{tool}: this tool works in the course's site, under Toolkit, on screen and offline.",
            tool=runtime_text(TOOLS[node["tool"]])) + '</p>')
    else:
        self.body.append(RENDERERS[node["tool"]](_kit(self.builder.app), _linker(self)))
    raise nodes.SkipNode


def visit_tool_links_html(self, node):
    here = self.builder.current_docname
    hrefs = {t: self.builder.get_relative_uri(here, f"{TOOL_FOLDER}/{t}") for t in TOOLS
             if f"{TOOL_FOLDER}/{t}" in self.builder.env.found_docs and self.builder.name != "singlehtml"}
    self.body.append(tool_links_html(node["sector"], hrefs))
    raise nodes.SkipNode


def page_assets(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is None:
        return
    if pagename.startswith(TOOL_FOLDER + "/"):  # the installable app's pages
        context["metatags"] = context.get("metatags", "") + (
            f'\n<link rel="manifest" href="{MANIFEST}">\n<meta name="theme-color" content="#1f4e79">')
    tools = sorted({n["tool"] for n in doctree.findall(toolkit_node)})
    if not tools:
        return
    app.add_css_file("tools.css")
    app.add_js_file("tools.js", priority=520, loading_method="defer")
    for tool in tools:
        app.add_js_file(RUNTIME[tool], priority=530, loading_method="defer")


_LOCAL_REF = re.compile(r'(?:src|href)="([^"#?:]+)(?:[?#][^"]*)?"')


def write_offline_app(app: Sphinx, exception) -> None:
    """The manifest and the service worker of the tool pages, after the runtime is written (so the
    cache's name changes whenever any file it holds changes, and an old cache is replaced)."""
    if exception is not None or app.builder.name != "html":
        return
    out = Path(app.outdir)
    folder = out / TOOL_FOLDER
    pages = sorted(folder.glob("*.html")) if folder.is_dir() else []
    if not pages:
        return
    files: set[Path] = set(pages)
    for page in pages:
        for ref in _LOCAL_REF.findall(page.read_text(encoding="utf-8")):
            target = (page.parent / ref).resolve()
            if target.is_file() and target.suffix != ".html" and out in target.parents:
                files.add(target)
    digest = hashlib.sha256()
    for f in sorted(files):
        digest.update(f.read_bytes())
    urls = sorted(Path(os.path.relpath(f, folder)).as_posix() for f in files)
    sw = SW_TEMPLATE.replace("%CACHE%", "course-tools-" + digest.hexdigest()[:12]).replace(
        "%FILES%", json.dumps(urls))
    (folder / SW_FILE).write_text(sw, encoding="utf-8")
    icon = "../../_static/tools-icon.svg"
    language, root = page_language(app), Path(app.confdir)
    manifest = {"name": runtime_text("{title}: the buyer's toolkit", language, root,
                                     title=app.config.html_title or app.config.project),
                "short_name": runtime_text("Buyer's toolkit", language, root), "lang": language,
                "start_url": "index.html", "scope": "./",
                "display": "standalone", "background_color": "#ffffff", "theme_color": "#1f4e79",
                "icons": [{"src": icon, "sizes": "any", "type": "image/svg+xml"}]}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


# Cache first, then the network: after one visit the tool pages open with no network at all. Only
# this site's own files are cached; a query such as ?sector=cleaning finds the page it belongs to.
SW_TEMPLATE = """/* The buyer's toolkit offline: written by the build (procurement_course/sphinx/toolkit.py). */
var CACHE = "%CACHE%";
var FILES = %FILES%;
self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(FILES); })
    .then(function () { return self.skipWaiting(); }));
});
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("course-tools-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(caches.match(request, { ignoreSearch: true }).then(function (hit) {
    return hit || fetch(request);
  }));
});
"""


def setup(app: Sphinx) -> dict:
    app.add_node(toolkit_node, html=(visit_toolkit_html, None))
    app.add_node(tool_links_node, html=(visit_tool_links_html, None))
    app.add_directive("toolkit", ToolkitDirective)
    app.add_directive("tool-links", ToolLinksDirective)
    app.connect("builder-inited", load)
    app.connect("env-check-consistency", check_sections)
    app.connect("html-page-context", page_assets)
    app.connect("build-finished", write_offline_app, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
