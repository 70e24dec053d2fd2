"""What a printed material is, as a facilitator choosing what to print needs to know it: its
title, its number of pages and its size, read from the PDF itself (poppler's ``pdfinfo``, which
``tools/ensure-system-packages.sh`` installs with the other PDF tools)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


class MaterialError(Exception):
    """A material that cannot be listed, said in words a facilitator or author can act on."""


@dataclass(frozen=True)
class Material:
    path: Path
    title: str
    pages: int
    size: int  # bytes

    @property
    def size_text(self) -> str:
        return human_size(self.size)

    @property
    def pages_text(self) -> str:
        return "1 page" if self.pages == 1 else f"{self.pages} pages"


def human_size(size: int) -> str:
    """1536 -> '2 KB', 1_500_000 -> '1.4 MB' (binary units, as file managers show them)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def pdf_info(path: Path) -> Material:
    if not path.is_file():
        raise MaterialError(f"{path} is missing")
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        raise MaterialError("pdfinfo (Debian's poppler-utils) is needed to count the pages of the PDFs: "
                            "run tools/ensure-system-packages.sh, or apt-get install poppler-utils")
    result = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True)
    pages = re.search(r"^Pages:\s+(\d+)", result.stdout, re.M)
    if result.returncode != 0 or not pages:
        raise MaterialError(f"{path} is not a readable PDF: {result.stderr.strip() or 'no page count'}")
    title = re.search(r"^Title:\s+(.+)$", result.stdout, re.M)
    return Material(path, title.group(1).strip() if title else path.stem, int(pages.group(1)), path.stat().st_size)


def find_materials(root: Path, patterns: list[str]) -> list[Material]:
    """The PDFs matching each pattern (relative to ``root``), in the order of the patterns."""
    found: list[Material] = []
    for pattern in patterns:
        paths = sorted(root.glob(pattern))
        if not paths:
            raise MaterialError(f"no file matches {pattern}")
        found += [pdf_info(p) for p in paths if p not in {m.path for m in found}]
    return found
