"""The real book builds warning-free, offline, and a broken page fails the build loudly."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import JB, ROOT

pytestmark = pytest.mark.build

# Anything a page could fetch from elsewhere: a src/href to another host, or a url() in CSS.
OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.I)


def toc_files() -> list[str]:
    from procurement_course.publish.editions import toc_pages

    return toc_pages(ROOT)  # chapters, and their sections (a module's lessons)


def test_every_toc_page_is_built(site: Path):
    """Every page of the learner's edition (the facilitator's pages are tested in test_editions.py)."""
    from procurement_course.publish.editions import edition_pages

    for f in [n for group in edition_pages(ROOT, "learner") for n in group]:
        assert (site / f"{f}.html").is_file(), f"{f} is in _toc.yml but was not built"


def test_content_folders_mirror_the_toc():
    listed = {ROOT / f"{f}.md" for f in toc_files()}
    # JupyterLab (make lab) keeps copies of opened pages in .ipynb_checkpoints/: not pages.
    on_disk = {p for p in (ROOT / "book").rglob("*.md") if ".ipynb_checkpoints" not in p.parts}
    assert on_disk == listed, f"pages not in _toc.yml: {sorted(on_disk - listed)}"


def test_no_page_asset_points_outside_the_site(site: Path):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css"} or (path.suffix == ".js" and path.name != "searchindex.js"):
            for line_no, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                # Citations may show a source's address as a plain link a reader can follow.
                if OUTSIDE.search(line) and 'class="reference external"' not in line:
                    offenders.append(f"{path.relative_to(site)}:{line_no}: {line.strip()[:160]}")
    assert not offenders, "\n".join(offenders)


def test_executed_pages_are_cached_not_rerun(site: Path):
    """A second build of an unchanged book executes no notebook (jupyter-cache)."""
    rebuild = subprocess.run(
        [str(JB), "build", str(ROOT), "--warningiserror", "--nitpick", "--keep-going"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert rebuild.returncode == 0, rebuild.stdout[-3000:]
    assert "Executing notebook" not in rebuild.stdout + rebuild.stderr


def _scratch_book(tmp_path: Path, site: Path) -> Path:
    """A copy of the real book in tmp_path, to break on purpose.

    It starts with the real build's execution cache (jupyter-cache matches a notebook by its
    code, not its path), so only a page whose code a test changes is executed again: what the
    tests check is the build's verdict, and the copy costs seconds rather than a full execution.
    """
    book = tmp_path / "book-copy"
    book.mkdir()
    for name in ("_config.yml", "_toc.yml", "references.bib"):
        shutil.copy(ROOT / name, book / name)
    for folder in ("book", "data", "quizzes", "scenarios"):
        if (ROOT / folder).exists():
            shutil.copytree(ROOT / folder, book / folder)
    cache = site.parent / ".jupyter_cache"
    if cache.is_dir():
        shutil.copytree(cache, book / "_build" / ".jupyter_cache")
    return book


def _build(book: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(JB), "build", str(book), "--warningiserror", "--nitpick", "--keep-going"],
        cwd=book, capture_output=True, text=True,
    )


def test_broken_internal_reference_fails_the_build(tmp_path: Path, site: Path):
    book = _scratch_book(tmp_path, site)
    page = book / "book" / "start" / "about.md"
    page.write_text(page.read_text() + "\nSee {ref}`no-such-label` and [this](no-such-page.md).\n")
    result = _build(book)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "no-such-label" in out and "about" in out


def test_cell_that_raises_fails_the_build(tmp_path: Path, site: Path):
    book = _scratch_book(tmp_path, site)
    page = book / "book" / "reference" / "data-and-sources.md"
    page.write_text(page.read_text() + '\n```{code-cell} python3\nraise ValueError("planted failure")\n```\n')
    result = _build(book)
    assert result.returncode != 0
    assert "planted failure" in result.stdout + result.stderr


def test_changing_the_toc_rewrites_the_navigation_of_every_page(tmp_path: Path, site: Path):
    book = _scratch_book(tmp_path, site)
    assert _build(book).returncode == 0
    new_page = book / "book" / "start" / "new-page.md"
    new_page.write_text("# A page added later\n\nText.\n")
    toc = book / "_toc.yml"
    toc.write_text(toc.read_text().replace("      - file: book/start/ways-to-use\n",
                                           "      - file: book/start/ways-to-use\n      - file: book/start/new-page\n"))
    assert _build(book).returncode == 0
    untouched = (book / "_build" / "html" / "book" / "sectors" / "cleaning" / "requirements.html").read_text()
    assert "A page added later" in untouched, "the navigation of an unchanged page is stale"


def test_malformed_dataset_fails_the_build_with_file_row_field(tmp_path: Path, site: Path):
    book = _scratch_book(tmp_path, site)
    payslips = book / "data" / "cleaning_payslips.csv"
    lines = payslips.read_text().splitlines()
    header = lines[0].split(",")
    cells = lines[6].split(",")
    cells[header.index("gross_pay_eur")] = "12O0.50"
    lines[6] = ",".join(cells)
    payslips.write_text("\n".join(lines) + "\n")
    result = _build(book)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/cleaning_payslips.csv:7: ERROR: gross_pay_eur: '12O0.50'" in out, out[-2000:]
    assert "Traceback" not in out
