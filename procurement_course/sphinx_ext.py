"""Sphinx extension for the course: registers the offline, accessible course theme and mends
the few bits of markup from docutils and myst-nb that fail accessibility checks."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from . import __version__

HERE = Path(__file__).parent

# Markup other tools emit, and what we emit instead. Each pair is a WCAG failure axe-core
# reports as serious or critical, found in the built site.
ACCESSIBILITY_FIXES = [
    # docutils: role="list" whose children are role="doc-biblioentry" (aria-required-children).
    ('<div role="list" class="citation-list">', '<div class="citation-list">'),
    # myst-nb hide-input: an aria-label that hides the visible "Show the analysis" text
    # (label-content-name-mismatch).
    ('<summary aria-label="Toggle hidden content">', "<summary>"),
]


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
    app.connect("html-page-context", mend_markup)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
