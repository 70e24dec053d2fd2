"""The printable handbooks: the whole course as one A4 PDF, in two editions.

- ``_build/handbook.pdf``, the **participant's handbook** (what a learner may keep): printed from
  the learner's edition built as one page (``_build/singlehtml``). That edition never holds the
  facilitator's pages, answer keys or answer sheets (the build refuses them), so neither does
  this PDF; it is checked again here before printing.
- ``_build/handbook-facilitator.pdf``, the **facilitator's handbook**: printed from the
  facilitator's edition built as one page, with the facilitator guide, the answer key, the case
  debriefs and branch maps.

Jupyter Book builds an edition as one HTML page (Sphinx's ``singlehtml`` builder). This module
adds a cover and a table of contents whose page numbers WeasyPrint fills in (CSS
``target-counter``), and prints it with the components' print stylesheets (quizzes, cases, the
question form) plus ``handbook.css``. Quizzes print as numbered questions with lettered options
and no answers; scenarios print as worksheets.

Every PDF is tagged as PDF/UA-1 (WeasyPrint's ``pdf_variant="pdf/ua-1"``): a structure tree a
screen reader can follow, the document's title shown as its title, its language (from
``<html lang>``), bookmarks from the headings, alternative text on figures and header cells in
tables.

    python -m procurement_course.publish.handbook _build/singlehtml/book/index.html _build/handbook.pdf
    python -m procurement_course.publish.handbook _build/facilitator/singlehtml/book/index.html \
        _build/handbook-facilitator.pdf --edition facilitator
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from html import escape
from pathlib import Path

import yaml

from .. import __version__
from .editions import EDITIONS, edition_config, matches
from ..i18n.catalogue import gettext, runtime_text

PDF_VARIANT = "pdf/ua-1"  # tagged, accessible PDF (every PDF the project makes)

HERE = Path(__file__).resolve().parents[1]  # the package folder: theme/ and static/
STATIC = HERE / "static"
HANDBOOK_CSS = STATIC / "handbook.css"
PRINT_CSS = ("quiz.css", "scenario.css", "question-form.css")  # each with its @media print rules


def kind_texts(edition: str, language: str, root: Path) -> tuple[str, str]:
    """(the PDF's title prefix, the cover's line) for an edition, in the page's language. Literal
    strings, so that the catalogue extractor finds them."""
    if edition == "learner":
        return (runtime_text("Handbook", language, root),
                runtime_text("Handbook: the whole course, with quizzes and case worksheets", language, root))
    return (runtime_text("Facilitator's handbook", language, root),
            runtime_text("Facilitator's handbook: the whole course, with quizzes, case worksheets, the facilitator guide and the answer key. Not for participants.", language, root))


class HandbookError(LookupError):
    """The single page cannot be printed as this edition's handbook, in words an author can act on."""


def toc_parts(root: Path, edition: str = "facilitator") -> list[tuple[str, list[str]]]:
    """(caption, chapters) of ``_toc.yml`` that the edition prints; the learner's leaves out the
    facilitator's pages (all of them: the question form participants use prints from its page)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    facilitator, _ = edition_config(root)
    parts = []
    for part in toc["parts"]:
        docs = [ch["file"] for ch in part["chapters"] if edition == "facilitator" or not matches(ch["file"], facilitator)]
        if docs:
            parts.append((part["caption"], docs))
    return parts


def check_edition(html: str, root: Path, edition: str) -> None:
    """The participant's handbook holds no facilitator page, answer key or answer sheet."""
    if edition == "facilitator":
        return
    facilitator, _ = edition_config(root)
    pages = [d for d in re.findall(r'<span id="document-([^"]+)"></span>', html) if matches(d, facilitator)]
    keys = [m for m in ("quiz-answer-key", "scenario-answer-sheet", "data-quiz-key") if m in html]
    if pages or keys:
        raise HandbookError(f"the participant's handbook would hold facilitator material ({', '.join(pages + keys)}): "
                            "print it from the learner's edition (`python -m procurement_course.publish.editions "
                            "learner --builder singlehtml`), as `make handbook` does")


def chapter_anchor(html: str, docname: str) -> tuple[str, str]:
    """The section id and the title of a chapter in the single page."""
    m = re.search(rf'<span id="document-{re.escape(docname)}"></span>\s*<section id="([^"]+)">\s*<h\d>(.*?)<a class="headerlink"',
                  html, re.S)
    if not m:
        raise HandbookError(f"{docname} (listed in _toc.yml) is not in the single-page build")
    return m.group(1), re.sub(r"<[^>]+>", "", m.group(2)).strip()


def front_matter(html: str, root: Path, title: str, edition: str = "facilitator", language: str = "en") -> str:
    """Cover and contents, in the page's language (catalogues ``course-runtime`` and, for the part
    captions, the start page's, where Sphinx put them)."""
    parts = []
    for caption, docs in toc_parts(root, edition):
        entries = "".join(
            f'<li><a href="#{sid}">{escape(chapter)}</a></li>'
            for sid, chapter in (chapter_anchor(html, d) for d in docs)
        )
        caption = gettext("book/index", caption, language, root)
        parts.append(f'<li class="toc-part"><span>{escape(caption)}</span><ol>{entries}</ol></li>')
    contents = runtime_text("Contents", language, root)
    return (
        '<div class="handbook-cover">'
        f'<p class="cover-title">{escape(title)}</p>'
        f'<p class="cover-subtitle">{escape(runtime_text("Identifying and preventing labour exploitation and human trafficking in public procurement", language, root))}</p>'
        f'<p class="cover-kind">{escape(kind_texts(edition, language, root)[1])}</p>'
        f'<p class="cover-note">{escape(runtime_text("Training material, not legal advice. Case data is synthetic and fictional. Edition {version}.", language, root, version=__version__))}</p></div>'
        f'<nav class="handbook-toc" aria-label="{escape(contents)}"><p class="toc-title">{escape(contents)}</p><ol>{"".join(parts)}</ol></nav>'
    )


def handbook_html(page: Path, root: Path, edition: str = "facilitator") -> str:
    html = page.read_text(encoding="utf-8")
    check_edition(html, root, edition)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).split("&#8212;")[0].strip()
    # The PDF's own title (what a file manager, a screen reader and the materials page show), in the
    # page's language; the PDF's language comes from <html lang>.
    match = re.search(r'<html[^>]*\blang="([A-Za-z-]+)"', html)
    language = match.group(1).split("-")[0] if match else "en"
    if not match:
        html = html.replace("<html", '<html lang="en"', 1)
    # The site's <title> is the configured (English) one: the start page's catalogue translates it.
    title = gettext("book/index", title, language, root)
    pdf_title = f"{kind_texts(edition, language, root)[0]}: {title}"
    html = re.sub(r"<title>.*?</title>", f"<title>{escape(pdf_title)}</title>", html, count=1, flags=re.S)
    # The page's own stylesheets are the site's (layout, navigation, notebook output, colours for
    # screens). Paper gets the components' print rules (quizzes, cases, the question form: what
    # is shown, what is screen-only) and handbook.css, named here, from the package.
    html = re.sub(r'<link rel="stylesheet"[^>]*>\s*', "", html)
    sheets = [STATIC / name for name in PRINT_CSS] + [HANDBOOK_CSS]
    links = "".join(f'<link rel="stylesheet" href="{css.as_uri()}" />\n' for css in sheets)
    # The contents' running header (handbook.css) in the page's language.
    header = re.sub(r'[\\"<>]', "", runtime_text("Contents", language, root))  # raw text inside <style>
    links += f'<style>@page toc {{ @top-left {{ content: "{header}"; }} }}</style>\n'
    html = html.replace("</head>", links + "</head>", 1)
    html = html.replace('<article class="body">', '<article class="body">' + front_matter(html, root, title, edition, language), 1)
    return html


class _MissingAlt(logging.Handler):
    """Collects WeasyPrint's complaints about images without alternative text (tagged PDF)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.found: list[str] = []

    def emit(self, record):
        if "alt description" in record.getMessage():
            self.found.append(record.getMessage())


def write_tagged_pdf(html, out: Path) -> None:
    """Print a WeasyPrint ``HTML`` as tagged PDF/UA-1; an image without alt text stops it."""
    watch = _MissingAlt()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(watch)
    try:
        document = html.render(pdf_variant=PDF_VARIANT)
        out.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(out, pdf_variant=PDF_VARIANT)
    finally:
        logger.removeHandler(watch)
    if watch.found:
        out.unlink(missing_ok=True)
        raise HandbookError(f"{out.name}: {'; '.join(watch.found)}. Give every image its alt text "
                            "(in MyST, ![what the image shows](file.png); for a chart, the alt of its figure)")


def build(page: Path, out: Path, root: Path, edition: str = "facilitator") -> float:
    from weasyprint import HTML

    start = time.perf_counter()
    write_tagged_pdf(HTML(string=handbook_html(page, root, edition), base_url=str(page.parent)), out)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the single-page course as the A4 handbook.")
    parser.add_argument("page", type=Path, nargs="?", default=Path("_build/singlehtml/book/index.html"))
    parser.add_argument("out", type=Path, nargs="?", default=Path("_build/handbook.pdf"))
    parser.add_argument("--edition", choices=EDITIONS,
                        help="learner: the participant's handbook; facilitator: with the guide and the answer key "
                             "(default: the edition the page was built for, from its path)")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    args.edition = args.edition or ("facilitator" if "facilitator" in args.page.parts else "learner")
    if not args.page.exists():
        print(f"{args.page} is missing: build it with `python -m procurement_course.publish.editions {args.edition} "
              "--builder singlehtml` (`make handbook` does).", file=sys.stderr)
        return 1
    try:
        seconds = build(args.page, args.out, args.root, args.edition)
    except LookupError as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return 1
    print(f"handbook: {args.out} ({args.out.stat().st_size // 1024} KB) in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
