"""Two editions from one source: the learner's and the facilitator's.

``_toc.yml`` lists every page once. ``_config.yml`` says which pages only the facilitator's
edition publishes (``course_facilitator_pages``, patterns of page names such as
``book/facilitator/*``) and which of those participants use too (``course_participant_pages``,
e.g. the question form):

- the **learner's edition** (``make book``, ``_build/html``) leaves the facilitator's pages out of
  the build altogether: no page of them is written, so they are in no navigation and no search
  index. Participant pages are published but left out of the navigation.
- the **facilitator's edition** (``make facilitator``, ``_build/facilitator/html``) is everything.
  It is the same build with Sphinx's tag ``facilitator`` set, so a page may also say
  ```` ```{only} facilitator ```` or ```` ```{only} not facilitator ````.

A static site cannot keep a secret: the editions are separated by what is published, not by a
password. Whoever has the facilitator's files has the answer key.

    python -m procurement_course.publish.editions facilitator [--builder singlehtml]

A language is a dimension of its own, like the edition (see ``procurement_course/i18n``): the
same source built with Sphinx's ``language`` set, translated by the catalogues in ``locale/``, into
a folder of the English site (``_build/html/fi``), with its own doctrees and its own execution
cache (jupyter-cache keys a cell by its source, so a shared cache would reuse English charts):

    python -m procurement_course.publish.editions learner --language fi
    python -m procurement_course.publish.editions facilitator --builder gettext   # page templates
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
from pathlib import Path

import yaml

EDITIONS = ("learner", "facilitator")
SOURCE_LANGUAGE = "en"
FACILITATOR_TAG = "facilitator"


def matches(docname: str, patterns) -> bool:
    return any(fnmatch.fnmatchcase(docname, p) for p in patterns or ())


def output_dir(root: Path, edition: str, builder: str = "html", language: str = SOURCE_LANGUAGE) -> Path:
    """Where an edition is built: the learner's where ``make book`` has always put it; another
    language in a folder of it (``_build/html/fi``), so relative links between them work from file://."""
    if builder == "gettext":  # templates of every page of both editions, beside the extractor's
        return root / "_build" / "gettext"
    out = root / "_build" / builder if edition == "learner" else root / "_build" / edition / builder
    return out if language == SOURCE_LANGUAGE else out / language


def language_overrides(root: Path, language: str, out: Path) -> tuple[dict, Path | None]:
    """Sphinx settings and the doctree folder of a language's build (None: Jupyter Book's own,
    ``.doctrees`` beside the builder's folder). A language's doctrees sit beside that, one per
    edition (``_build/.doctrees-fi``, ``_build/facilitator/.doctrees-fi``); its execution cache is
    shared by the editions, as the English one is."""
    if language == SOURCE_LANGUAGE:
        return {}, None
    return ({"language": language, "locale_dirs": [str(root / "locale")], "gettext_compact": False,
             "nb_execution_cache_path": str(root / "_build" / f".jupyter_cache-{language}")},
            out.parent.parent / f".doctrees-{language}")


def edition_config(root: Path) -> tuple[list[str], list[str]]:
    """(facilitator-only patterns, participant patterns) from ``_config.yml``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    sphinx = ((config.get("sphinx") or {}).get("config")) or {}
    return list(sphinx.get("course_facilitator_pages") or []), list(sphinx.get("course_participant_pages") or [])


def toc_pages(root: Path) -> list[str]:
    """Every page of ``_toc.yml``, in order, the root page first."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))

    def walk(entries) -> list[str]:  # a chapter's sections (a module's lessons) follow it
        return [f for e in entries or [] for f in [e["file"]] + walk(e.get("sections"))]
    return [toc["root"]] + [f for part in toc.get("parts", []) for f in walk(part["chapters"])]


def edition_pages(root: Path, edition: str) -> tuple[list[str], list[str]]:
    """The pages an edition publishes: (in its navigation, published but not in it)."""
    pages = toc_pages(root)
    if edition == FACILITATOR_TAG:
        return pages, []
    facilitator, participant = edition_config(root)
    listed = [p for p in pages if not matches(p, facilitator)]
    unlisted = [p for p in pages if matches(p, facilitator) and matches(p, participant)]
    return listed, unlisted


def build(root: Path, edition: str, builder: str = "html", language: str = SOURCE_LANGUAGE) -> int:
    """Build an edition as ``jupyter-book build`` does (same configuration, warnings are errors,
    the same execution cache), with the edition's tag, in a language."""
    from jupyter_book.sphinx import build_sphinx

    out = output_dir(root, edition, builder, language)
    overrides, doctrees = language_overrides(root, language, out)
    if builder == "gettext":  # the page templates: every page, its msgids where the extractor's go
        overrides, doctrees = {"gettext_compact": False}, root / "_build" / ".doctrees-gettext"
    os.environ["COURSE_LANGUAGE"] = language  # for the kernels that run the code cells (charts)
    result = build_sphinx(
        root, out, doctreedir=doctrees,
        use_external_toc=True, noconfig=True, path_config=str(root / "_config.yml"),
        confoverrides={"external_toc_path": (root / "_toc.yml").as_posix(), "nitpicky": True,
                       "latex_individualpages": False, **overrides},
        builder=builder, warningiserror=True, keep_going=True,
        tags=[FACILITATOR_TAG] if edition == FACILITATOR_TAG else [],
    )
    if isinstance(result, Exception):
        print(f"editions: the {edition}'s edition did not build: {result}", file=sys.stderr)
        return 1
    if result:
        print(f"editions: the {edition}'s edition did not build: see the messages above.", file=sys.stderr)
        return 1
    print(f"editions: the {edition}'s edition ({language}) is in {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build one edition of the course.")
    parser.add_argument("edition", choices=EDITIONS)
    parser.add_argument("--builder", default="html", choices=("html", "singlehtml", "gettext"))
    parser.add_argument("--language", default=SOURCE_LANGUAGE, help="en (default), fi or sv")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    return build(args.root.resolve(), args.edition, args.builder, args.language)


if __name__ == "__main__":
    raise SystemExit(main())
