"""What a reader (and a screen reader) gets from a PDF the project makes, read with poppler's
tools: text per page, whether it is tagged, its title, language, bookmarks and structure."""

from __future__ import annotations

import re
import subprocess
import zlib
from html import unescape
from pathlib import Path


def info(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


def pages(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", info(pdf)).group(1))


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    raw = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return raw.split("\f")[: pages(pdf)]


def text_lines(page: str) -> int:
    """Lines of text on a page, its page number ("2 / 6", "17") not counted."""
    return sum(1 for line in page.splitlines() if line.strip() and not re.fullmatch(r"\s*\d+(\s*/\s*\d+)?\s*", line))


def language(pdf: Path) -> str | None:
    """The document's /Lang, from the catalog (which may sit in a compressed object stream)."""
    data = pdf.read_bytes()
    chunks = [data]
    for m in re.finditer(rb"stream\r?\n", data):
        try:
            chunks.append(zlib.decompress(data[m.end():data.find(b"endstream", m.end())]))
        except zlib.error:
            pass
    for chunk in chunks:
        found = re.search(rb"/Lang\s*\(([^)]*)\)", chunk)
        if found:
            return found.group(1).decode()
    return None


def bookmarks(pdf: Path) -> list[str]:
    """The titles of the PDF's outline (bookmarks), in order."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-f", "1", "-l", "1", str(pdf)],
                         capture_output=True, text=True, check=True).stdout
    return [re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", t))).strip() for t in re.findall(r"<item[^>]*>(.*?)</item>", xml, re.S)]


def structure(pdf: Path) -> str:
    """The structure tree (tags) as poppler prints it."""
    return subprocess.run(["pdfinfo", "-struct", str(pdf)], capture_output=True, text=True, check=True).stdout


def accessibility_problems(pdf: Path, title_starts: str, lang: str = "en") -> list[str]:
    """What keeps a PDF from being navigable with a screen reader, as a list of problems
    (``lang``: the language the PDF must say it is in)."""
    found = info(pdf)
    problems = []
    if not re.search(r"^Tagged:\s+yes$", found, re.M):
        problems.append("not tagged")
    title = re.search(r"^Title:\s+(.+)$", found, re.M)
    if not title or not title.group(1).startswith(title_starts):
        problems.append(f"title {title.group(1) if title else None!r}, expected {title_starts!r}...")
    if language(pdf) != lang:
        problems.append(f"language {language(pdf)!r}")
    if not bookmarks(pdf):
        problems.append("no bookmarks")
    return problems
