"""The Sphinx side of the two editions (see ``publish/editions.py`` and the README).

Without the ``facilitator`` tag the build is the learner's edition: the facilitator's pages are
taken out of the table of contents and excluded from the build before any page is read, so
Sphinx never writes them, lists them or indexes them for search. Answer keys and answer sheets
refuse to appear in it at all, wherever an author places them.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import process_only_nodes

from ..publish.editions import FACILITATOR_TAG, matches


def is_facilitator_edition(app: Sphinx) -> bool:
    return app.tags.has(FACILITATOR_TAG)


def _drop(site_map, patterns) -> list[str]:
    """Take the pages matching ``patterns`` (and the pages under them) out of the site map."""
    removed: list[str] = []
    queue = [d for d in list(site_map) if matches(d, patterns)]
    while queue:
        docname = queue.pop()
        if docname in site_map and docname not in removed:
            queue += site_map[docname].child_files()
            removed.append(docname)
    for doc in site_map.values():
        for tree in doc.subtrees:
            tree.items[:] = [i for i in tree.items if str(i) not in removed]
        doc.subtrees[:] = [t for t in doc.subtrees if t.items]
    for docname in removed:
        del site_map[docname]
    return removed


def choose_edition(app: Sphinx, config) -> None:
    """Runs after sphinx-external-toc has read ``_toc.yml`` (priority 900)."""
    app.course_unlisted_pages = set()
    app.course_left_out_pages = []
    site_map = getattr(config, "external_site_map", None)
    if is_facilitator_edition(app) or site_map is None:
        return
    removed = _drop(site_map, config.course_facilitator_pages)
    unlisted = {d for d in removed if matches(d, config.course_participant_pages)}
    app.course_unlisted_pages = unlisted
    app.course_left_out_pages = [d for d in removed if d not in unlisted]
    excluded = [d + suffix for d in removed if d not in unlisted for suffix in config.source_suffix]
    config.exclude_patterns = list(config.exclude_patterns) + excluded


def mark_unlisted(app: Sphinx, doctree) -> None:
    """A participant page in the learner's edition is published outside the navigation
    (Sphinx's 'orphan'), so it is not reported as missing from every toctree."""
    if app.env.docname in getattr(app, "course_unlisted_pages", ()):
        app.env.metadata[app.env.docname]["orphan"] = True


def remove_stale_pages(app: Sphinx, exception) -> None:
    """Sphinx never deletes what an earlier build wrote: in a build folder that once held the
    facilitator's pages, remove them, so the learner's edition has no page of them at all."""
    if exception is not None or app.builder.format != "html":
        return
    for docname in getattr(app, "course_left_out_pages", ()):
        for stale in (Path(app.outdir) / f"{docname}.html", Path(app.outdir) / "_sources" / f"{docname}.md.txt"):
            stale.unlink(missing_ok=True)


class EarlyOnlyNodes(SphinxPostTransform):
    """Apply ``{only} facilitator`` before references are resolved (Sphinx does it after), so a
    link inside a block the learner's edition leaves out does not point at a page it never built."""

    default_priority = 5

    def run(self, **kwargs) -> None:
        process_only_nodes(self.document, self.app.builder.tags)


def facilitator_only(app: Sphinx, what: str, location) -> bool:
    """False, with a message, when ``what`` (an answer key ...) is placed in the learner's edition."""
    if is_facilitator_edition(app):
        return True
    from sphinx.util import logging

    logging.getLogger(__name__).error(
        "%s belongs to the facilitator's edition only, and this page is in the learner's edition. "
        "Place it on a page that course_facilitator_pages (in _config.yml) lists.", what, location=location)
    return False


def setup_editions(app: Sphinx) -> None:
    app.add_config_value("course_facilitator_pages", [], "env")
    app.add_config_value("course_participant_pages", [], "env")
    app.connect("config-inited", choose_edition, priority=950)
    app.connect("doctree-read", mark_unlisted, priority=900)
    app.connect("build-finished", remove_stale_pages)
    app.add_post_transform(EarlyOnlyNodes)


__all__ = ["facilitator_only", "is_facilitator_edition", "setup_editions"]
