"""The facilitator's materials page: each printed material (the handbook, the handouts) linked
with its page count and size, copied into the site so that the site on a USB stick carries them.

    ```{course-materials}
    _build/handbook.pdf
    _build/handouts/*-case-worksheet.pdf
    ```

One pattern per line, relative to the project root. ``make facilitator`` prints the PDFs before
it builds the site; a pattern that matches nothing stops the build with a message. The page is
read afresh on every build, so its counts and sizes are those of the PDFs of that build. In the
single-page build (the handbook itself) it prints as a short note: the handbook cannot list its
own page count before it is printed.
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..publish.materials import MaterialError, find_materials
from .editions import facilitator_only

logger = logging.getLogger(__name__)
MATERIALS_DIR = "_materials"  # inside the built site


class materials_node(nodes.General, nodes.Element):
    """The list of printed materials (patterns only: the files are read when the page is written)."""


class MaterialsDirective(SphinxDirective):
    has_content = True

    def run(self):
        if not facilitator_only(self.env.app, "the list of printed materials", (self.env.docname, self.lineno)):
            return []
        patterns = [line.strip() for line in self.content if line.strip()]
        if not patterns:
            logger.error("course-materials needs at least one file pattern, one per line, e.g. _build/handbook.pdf.",
                         location=(self.env.docname, self.lineno))
            return []
        self.env.__dict__.setdefault("course_materials_docs", set()).add(self.env.docname)
        node = materials_node(patterns=patterns)
        node.line = self.lineno
        return [node]


def visit_materials_html(self, node):
    if self.builder.name != "html":
        self.body.append('<p class="materials-note">The facilitator\'s site links each printed material '
                         "(this handbook, the case worksheets and the red-flag checklists) with its page count "
                         "and size.</p>")
        raise nodes.SkipNode
    root = Path(self.builder.app.confdir)
    try:
        materials = find_materials(root, node["patterns"])
    except MaterialError as exc:
        logger.error("%s. `make facilitator` prints the handbook and the handouts before it builds this site.",
                     exc, location=node)
        raise nodes.SkipNode from None
    target = Path(self.builder.outdir) / MATERIALS_DIR
    target.mkdir(parents=True, exist_ok=True)
    page_uri = self.builder.get_target_uri(self.builder.current_docname)
    rows = []
    for m in materials:
        shutil.copy2(m.path, target / m.path.name)
        href = relative_uri(page_uri, f"{MATERIALS_DIR}/{m.path.name}")
        rows.append(f'<tr><td><a href="{escape(href)}">{escape(m.title)}</a></td>'
                    f'<td class="num">{m.pages}</td><td class="num">{escape(m.size_text)}</td>'
                    f"<td><code>{escape(m.path.name)}</code></td></tr>")
    self.body.append(
        '<div class="exhibit-scroll"><table class="exhibit-table materials-table">'
        "<caption>Printed materials: PDF files, A4</caption>"
        '<thead><tr><th scope="col">Material</th><th scope="col">Pages</th><th scope="col">Size</th>'
        '<th scope="col">File</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>")
    raise nodes.SkipNode


def reread_materials(app: Sphinx, env, added, changed, removed) -> list[str]:
    """The PDFs change without their page changing: write the page afresh on every build."""
    return sorted(getattr(env, "course_materials_docs", set()) & (env.found_docs - added - changed))


def purge_materials(app: Sphinx, env, docname: str) -> None:
    getattr(env, "course_materials_docs", set()).discard(docname)


def merge_materials(app: Sphinx, env, docnames, other) -> None:
    env.__dict__.setdefault("course_materials_docs", set()).update(getattr(other, "course_materials_docs", set()))


def setup_materials(app: Sphinx) -> None:
    app.add_node(materials_node, html=(visit_materials_html, None))
    app.add_directive("course-materials", MaterialsDirective)
    app.connect("env-get-outdated", reread_materials)
    app.connect("env-purge-doc", purge_materials)
    app.connect("env-merge-info", merge_materials)
