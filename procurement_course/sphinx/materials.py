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

A translated edition lists its own language's PDFs: each pattern's ``.pdf`` becomes ``-fi.pdf``
(``_build/handbook-fi.pdf``, ``_build/handouts/*-case-worksheet-fi.pdf``), as ``make handbook``
and ``make handouts`` name them; the table's words come from the catalogues.
"""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ..i18n.catalogue import local_number, runtime_text
from ..publish.materials import MaterialError, find_materials
from .editions import facilitator_only
from .languages import page_language

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


def language_patterns(patterns: list[str], language: str) -> list[str]:
    """The patterns of a language's PDFs: ``x.pdf`` -> ``x-fi.pdf`` (English: as written)."""
    if language == "en":
        return list(patterns)
    return [re.sub(r"\.pdf$", f"-{language}.pdf", p) for p in patterns]


def visit_materials_html(self, node):
    root = Path(self.builder.app.confdir)
    language = page_language(self.builder.app)

    if self.builder.name != "html":
        note = runtime_text("The facilitator's site links each printed material (this handbook, the case worksheets and the red-flag checklists) with its page count and size.", language, root)
        self.body.append(f'<p class="materials-note">{escape(note)}</p>')
        raise nodes.SkipNode
    try:
        materials = find_materials(root, language_patterns(node["patterns"], language))
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
                    f'<td class="num">{m.pages}</td><td class="num">{escape(local_number(m.size_text, language))}</td>'
                    f"<td><code>{escape(m.path.name)}</code></td></tr>")
    words = [escape(w) for w in (  # literal calls, for the extractor
        runtime_text("Printed materials: PDF files, A4", language, root), runtime_text("Material", language, root),
        runtime_text("Pages", language, root), runtime_text("Size", language, root), runtime_text("File", language, root))]
    self.body.append(
        '<div class="exhibit-scroll"><table class="exhibit-table materials-table">'
        f"<caption>{words[0]}</caption>"
        f'<thead><tr><th scope="col">{words[1]}</th><th scope="col">{words[2]}</th>'
        f'<th scope="col">{words[3]}</th><th scope="col">{words[4]}</th></tr></thead>'
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
