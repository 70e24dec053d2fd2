"""The printable handbook: the whole course as one A4 PDF.

Jupyter Book builds the course as one HTML page (Sphinx's ``singlehtml`` builder). This module
adds a cover and a table of contents whose page numbers WeasyPrint fills in (CSS
``target-counter``), and prints it with the components' print stylesheets (quizzes, cases, the
question form) plus ``handbook.css``. Quizzes print as numbered questions with lettered options and no answers; scenarios print as
worksheets; the answers and debriefs are in the answer-key pages of the facilitator part.

    python -m procurement_course.publish.handbook _build/facilitator/singlehtml/book/index.html _build/handbook.pdf
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from html import escape
from pathlib import Path

import yaml

from .. import __version__
from ..i18n.catalogue import gettext, runtime_text

HERE = Path(__file__).resolve().parents[1]  # the package folder: theme/ and static/
STATIC = HERE / "static"
HANDBOOK_CSS = STATIC / "handbook.css"
PRINT_CSS = ("quiz.css", "scenario.css", "question-form.css")  # each with its @media print rules


def toc_parts(root: Path) -> list[tuple[str, list[str]]]:
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [(part["caption"], [ch["file"] for ch in part["chapters"]]) for part in toc["parts"]]


def chapter_anchor(html: str, docname: str) -> tuple[str, str]:
    """The section id and the title of a chapter in the single page."""
    m = re.search(rf'<span id="document-{re.escape(docname)}"></span>\s*<section id="([^"]+)">\s*<h\d>(.*?)<a class="headerlink"',
                  html, re.S)
    if not m:
        raise LookupError(f"{docname} (listed in _toc.yml) is not in the single-page build")
    return m.group(1), re.sub(r"<[^>]+>", "", m.group(2)).strip()


def front_matter(html: str, root: Path, title: str, language: str = "en") -> str:
    """Cover and contents, in the page's language (catalogues ``course-runtime`` and, for the part
    captions, the start page's, where Sphinx put them)."""
    parts = []
    for caption, docs in toc_parts(root):
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
        f'<p class="cover-kind">{escape(runtime_text("Handbook: the whole course, with quizzes, case worksheets and an answer key", language, root))}</p>'
        f'<p class="cover-note">{escape(runtime_text("Training material, not legal advice. Case data is synthetic and fictional. Edition {version}.", language, root, version=__version__))}</p></div>'
        f'<nav class="handbook-toc" aria-label="{escape(contents)}"><p class="toc-title">{escape(contents)}</p><ol>{"".join(parts)}</ol></nav>'
    )


def handbook_html(page: Path, root: Path) -> str:
    html = page.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).split("&#8212;")[0].strip()
    # The PDF's own title (what a file manager and the materials page show).
    match = re.search(r'<html[^>]*\blang="([A-Za-z-]+)"', html)
    language = match.group(1).split("-")[0] if match else "en"
    pdf_title = runtime_text("Handbook: {title}", language, root, title=title)
    html = re.sub(r"<title>.*?</title>", f"<title>{pdf_title}</title>", html, count=1, flags=re.S)
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
    html = html.replace('<article class="body">', '<article class="body">' + front_matter(html, root, title, language), 1)
    return html


def build(page: Path, out: Path, root: Path) -> float:
    from weasyprint import HTML

    start = time.perf_counter()
    document = HTML(string=handbook_html(page, root), base_url=str(page.parent)).render()
    out.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(out)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the single-page course as the A4 handbook.")
    parser.add_argument("page", type=Path, nargs="?", default=Path("_build/facilitator/singlehtml/book/index.html"))
    parser.add_argument("out", type=Path, nargs="?", default=Path("_build/handbook.pdf"))
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    if not args.page.exists():
        print(f"{args.page} is missing: build it with `python -m procurement_course.publish.editions facilitator "
              "--builder singlehtml` (`make handbook` does).", file=sys.stderr)
        return 1
    try:
        seconds = build(args.page, args.out, args.root)
    except LookupError as exc:
        print(f"handbook: {exc}", file=sys.stderr)
        return 1
    print(f"handbook: {args.out} ({args.out.stat().st_size // 1024} KB) in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
