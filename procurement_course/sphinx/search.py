"""Search that works offline: the text the search page shows under each result, written at build time.

Sphinx's search page fetches every result's page to cut a summary from it; from ``file://`` the
browser refuses (results show titles only and the console says "Failed to fetch"). Instead, each
build writes ``_static/search-snippets.js``: per page, per section, its anchor, title and the start of
its own text. ``static/course-search.js`` turns Sphinx's fetch off, shows a snippet from the section
that matches the query, and links each result to that section.

Each section keeps at most ``SNIPPET_CHARS`` characters, so that the search page stays light (the
whole course's text is about 340 KB; this file under a quarter of that). The search page also
leaves out the stylesheets of notebook output and code (``light_search_page``): it has neither.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

SNIPPET_CHARS = 240  # the result shows at most 80 characters before a match and 160 after


def _own_text(section: nodes.section) -> str:
    """The section's text without its title and without its subsections (they have their own entry)."""
    parts = [child.astext() for child in section.children
             if not isinstance(child, (nodes.title, nodes.section, nodes.raw, nodes.comment))]
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def page_sections(doctree: nodes.document) -> list[list[str]]:
    """[anchor, title, start of text] for every section of a page, in reading order."""
    out = []
    for section in doctree.findall(nodes.section):
        if not section["ids"]:
            continue
        title = section.next_node(nodes.title)
        text = _own_text(section)
        if len(text) > SNIPPET_CHARS:  # cut at a word, and say that it goes on
            text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " \u2026"
        out.append([section["ids"][0], title.astext() if title else "", text])
    return out


def snippets_script(snippets: dict) -> str:
    """A classic script (file:// refuses to fetch JSON); "<" escaped so no text can end the script."""
    data = json.dumps(snippets, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"globalThis.courseSnippets={data};\n"


def write_search_snippets(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.name != "html":
        return
    out = Path(app.outdir)
    snippets = {}
    for docname in sorted(app.env.found_docs):
        # Only pages this edition wrote: the learner's edition leaves the facilitator's pages out.
        if not (out / (docname + app.builder.out_suffix)).is_file():
            continue
        try:
            doctree = app.env.get_doctree(docname)
        except (OSError, KeyError):
            continue
        snippets[docname] = page_sections(doctree)
    static = out / "_static"
    static.mkdir(exist_ok=True)
    (static / "search-snippets.js").write_text(snippets_script(snippets), encoding="utf-8")


def light_search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The search page shows no notebook output and no code: myst-nb's and Pygments' stylesheets (about
    48 KB) are left off it, so the page with the search index stays within the page-weight budget."""
    if pagename != "search" or "css_files" not in context:
        return
    context["css_files"] = [css for css in context["css_files"]
                            if not re.search(r"(^|/)(mystnb\.[^/]*|pygments)\.css$", str(getattr(css, "filename", css)))]
