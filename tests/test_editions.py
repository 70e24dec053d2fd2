"""Two editions from one source: the learner's has no answer key anywhere (pages, links, search),
the facilitator's has everything, with the printed materials linked; make dist ships both."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from harness import axe_violations, describe, file_url, watch
from procurement_course.publish.dist import gather, leaked_pages
from procurement_course.publish.editions import edition_config, edition_pages, matches, toc_pages
from procurement_course.publish.materials import pdf_info

ROOT = Path(__file__).resolve().parents[1]
FACILITATOR_ONLY = [p for p in toc_pages(ROOT) if matches(p, edition_config(ROOT)[0])
                    and not matches(p, edition_config(ROOT)[1])]
# What only an answer key or an answer sheet carries in its markup.
ANSWER_MARKS = ("quiz-answer-key", "data-quiz-key", "scenario-answer-sheet", "data-scenario-sheet")


def test_the_learner_edition_has_no_facilitator_page_link_or_answer_key(site: Path):
    assert "book/facilitator/answer-key" in FACILITATOR_ONLY and "book/facilitator/guide" in FACILITATOR_ONLY
    for docname in FACILITATOR_ONLY:
        assert not (site / f"{docname}.html").exists(), f"{docname} was written in the learner's edition"
    names = [Path(d).name for d in FACILITATOR_ONLY]
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for mark in ANSWER_MARKS:
            assert mark not in html, f"{page.relative_to(site)} carries {mark}"
        for name in names:
            assert not re.search(rf'href="[^"]*facilitator/{name}\.html', html), f"{page.relative_to(site)} links {name}"
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    for docname in FACILITATOR_ONLY:
        assert f'"{docname}"' not in index, f"{docname} is in the learner's search index"
    assert leaked_pages(site, ROOT) == []


def test_participant_pages_are_published_outside_the_learner_navigation(site: Path):
    listed, unlisted = edition_pages(ROOT, "learner")
    assert unlisted == ["book/facilitator/question-form"]
    assert (site / "book/facilitator/question-form.html").is_file()
    about = (site / "book/start/about.html").read_text(encoding="utf-8")
    start = about.index('class="site-nav"')
    nav = about[start:about.index("</nav>", start)]  # the header's language switch is a nav too
    assert "question-form.html" not in nav and "Facilitator guide" not in nav and "Sector modules" in nav


def _search(page, site: Path, query: str) -> list[str]:
    page.goto(file_url(site / "search.html") + f"?q={query}")
    page.wait_for_selector("#search-results p.search-summary, #search-results li", timeout=10000)
    page.wait_for_function("!document.querySelector('#search-results .search-summary') || "
                           "document.querySelector('#search-results .search-summary').textContent.trim() !== ''")
    return page.locator("#search-results li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.browser
def test_search_finds_the_answer_key_only_in_the_facilitator_edition(site: Path, facilitator_site: Path, browser):
    page = browser.new_page()
    learner_hits = _search(page, site, "answer+key")
    facilitator_hits = _search(page, facilitator_site, "answer+key")
    page.close()
    assert any("facilitator/answer-key" in h for h in facilitator_hits), facilitator_hits
    assert not any("facilitator/" in h and "question-form" not in h for h in learner_hits), learner_hits


# Facilitator pages with the kit's own components (the rest is prose, styled as every page is).
COMPONENT_PAGES = {"book/facilitator/answer-key", "book/facilitator/materials", "book/facilitator/collect-questions"}


@pytest.mark.browser
def test_facilitator_pages_are_offline_clean_and_accessible(facilitator_site: Path, browser):
    assert COMPONENT_PAGES <= set(FACILITATOR_ONLY)
    problems = {}
    for docname in FACILITATOR_ONLY:
        page = browser.new_page()
        visit = watch(page, file_url(facilitator_site))
        page.goto(file_url(facilitator_site / f"{docname}.html"), wait_until="load")
        found = visit.problems() + [describe([v]) for v in axe_violations(page)]
        if docname in COMPONENT_PAGES:
            page.emulate_media(color_scheme="dark")
            found += ["dark scheme: " + describe([v]) for v in axe_violations(page)]
        nav = page.locator("nav.site-nav").inner_text()
        page.close()
        if found:
            problems[docname] = found
        assert "Answer key" in nav and "Printed materials" in nav
    assert not problems, problems


def test_materials_page_links_each_pdf_with_its_pages_and_size(facilitator_site: Path, handbook_pdf: Path,
                                                               facilitator_handbook_pdf: Path, handouts_dir: Path):
    html = (facilitator_site / "book/facilitator/materials.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td><a href="([^"]+)">([^<]+)</a></td><td class="num">(\d+)</td>'
                      r'<td class="num">([^<]+)</td>', html)
    pdfs = [facilitator_handbook_pdf, handbook_pdf, *sorted(handouts_dir.glob("*-case-worksheet.pdf")),
            *sorted(handouts_dir.glob("*-red-flag-checklist.pdf"))]
    assert len(rows) == len(pdfs) == 10
    for (href, title, pages, size), pdf in zip(rows, pdfs):
        linked = (facilitator_site / "book/facilitator" / href).resolve()
        assert linked.name == pdf.name and linked.read_bytes() == pdf.read_bytes()
        info = pdf_info(pdf)
        assert int(pages) == info.pages and size == info.size_text
    assert unescape(rows[0][1]).startswith("Facilitator's handbook") and rows[1][1].startswith("Handbook")
    assert int(rows[0][2]) > int(rows[1][2]) >= 60, "the facilitator's handbook is the participant's and more"
    assert all(int(r[2]) == 1 for r in rows[-4:]), "a red-flag checklist is one page"


def test_an_answer_key_on_a_learner_page_stops_the_build(tmp_path: Path):
    sample = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "fixtures" / "quiz_site", sample)
    conf = sample / "conf.py"
    conf.write_text(conf.read_text().replace('tags.add("facilitator")', ""))
    result = subprocess.run([str(Path(sys.executable).with_name("sphinx-build")), "-W", "--keep-going", "-b", "html",
                             str(sample), str(tmp_path / "html")], capture_output=True, text=True)
    assert result.returncode != 0
    assert ("key.md:3: ERROR: the answer key belongs to the facilitator's edition only, and this page is in the "
            "learner's edition.") in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr


def test_dist_gathers_both_editions_and_the_pdfs(site: Path, facilitator_site: Path, handbook_pdf: Path,
                                                 facilitator_handbook_pdf: Path, handouts_dir: Path, tmp_path: Path):
    dist = tmp_path / "dist"
    lines = gather(ROOT, dist, languages=("en",))  # the other languages' PDFs: the next test
    assert (dist / "learner/index.html").is_file() and (dist / "facilitator/index.html").is_file()
    assert not (dist / "learner/book/facilitator/answer-key.html").exists()
    assert (dist / "facilitator/book/facilitator/answer-key.html").is_file()
    assert (dist / "handbook.pdf").read_bytes() == handbook_pdf.read_bytes()
    assert (dist / "handbook-facilitator.pdf").read_bytes() == facilitator_handbook_pdf.read_bytes()
    assert len(list((dist / "handouts").glob("*.pdf"))) == 8
    contents = (dist / "CONTENTS.txt").read_text(encoding="utf-8")
    assert contents == "\n".join(lines) + "\n" and " pages " in contents
    listed = {m.group(1) for m in (re.match(r"(\S+\.pdf)\s+\d+ pages?\s", line) for line in lines) if m}
    assert {"handbook.pdf", "handbook-facilitator.pdf"} <= listed, contents
    # A learner's copy holding a facilitator page is refused.
    planted = tmp_path / "learner"
    shutil.copytree(site, planted)
    (planted / "book/facilitator/answer-key.html").write_text("<p>stale</p>")
    assert leaked_pages(planted, ROOT) == ["book/facilitator/answer-key"]


def test_dist_ships_every_language_named_with_its_language(handouts_dir: Path, tmp_path: Path):
    """Three sites per edition, both handbooks and the handouts per language, six SCORM packages:
    gathered from a stand-in build (the real PDFs are printed by the tests above; one page is enough
    here), and a missing language refused with the target that makes it."""
    from procurement_course.publish.dist import DistError

    root = tmp_path / "course"
    (root / "_build").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", root / "_config.yml")
    for site in ("html", "facilitator/html"):
        for folder in ("", "fi/", "sv/"):
            page = root / "_build" / site / folder / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"<p>{site} {folder}</p>")
    pdf = handouts_dir / "cleaning-red-flag-checklist.pdf"
    handbooks = [f"handbook{kind}{lang}.pdf" for lang in ("", "-fi", "-sv") for kind in ("", "-facilitator")]
    for name in handbooks:
        shutil.copy(pdf, root / "_build" / name)
    (root / "_build/handouts").mkdir()
    handouts = [f"{sector}-{kind}{lang}.pdf" for lang in ("", "-fi", "-sv") for sector in ("cleaning", "catering")
                for kind in ("case-worksheet", "red-flag-checklist")]
    for name in handouts:
        shutil.copy(pdf, root / "_build/handouts" / name)
    (root / "_build/scorm").mkdir()
    packages = [f"course{lang}-scorm{v}.zip" for lang in ("", "-fi", "-sv") for v in ("12", "2004")]
    for name in packages:
        (root / "_build/scorm" / name).write_bytes(b"PK")
    dist = tmp_path / "dist"
    lines = gather(root, dist)
    shipped = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file())
    assert shipped == sorted(["CONTENTS.txt", *handbooks, *(f"handouts/{h}" for h in handouts),
                              *(f"scorm/{p}" for p in packages),
                              *(f"{e}/{f}index.html" for e in ("learner", "facilitator") for f in ("", "fi/", "sv/"))])
    listed = [m.group(1) for m in (re.match(r"(\S+\.pdf)\s+\d+ pages?\s", line) for line in lines) if m]
    by_language = [sorted(h for h in handouts if re.search(r"-(fi|sv)\.pdf$", h) is None),
                   sorted(h for h in handouts if h.endswith("-fi.pdf")), sorted(h for h in handouts if h.endswith("-sv.pdf"))]
    assert listed == [*handbooks, *(f"handouts/{h}" for group in by_language for h in group)], "English, then fi, then sv"
    assert any(line.startswith("scorm/course-fi-scorm12.zip") and line.endswith("(Suomi)") for line in lines)
    assert any(line.startswith("scorm/course-sv-scorm2004.zip") and line.endswith("(Svenska)") for line in lines)
    (root / "_build/handbook-facilitator-sv.pdf").unlink()
    with pytest.raises(DistError, match=r"_build/handbook-facilitator-sv\.pdf is missing: run `make handbook`"):
        gather(root, tmp_path / "dist2")
    shutil.rmtree(root / "_build/facilitator/html/fi")
    with pytest.raises(DistError, match=r"_build/facilitator/html/fi/index\.html is missing: run `make facilitator`"):
        gather(root, tmp_path / "dist2")


def test_a_translated_materials_page_lists_its_own_languages_pdfs(handouts_dir: Path):
    """The materials page's patterns, in Finnish, find the Finnish handouts (and only them), under
    the names `make handouts` gives them; the handbooks' as `make handbook` names them."""
    from procurement_course.sphinx.materials import language_patterns

    text = (ROOT / "book/facilitator/materials.md").read_text(encoding="utf-8")
    patterns = re.search(r"```\{course-materials\}\n(.*?)```", text, re.S).group(1).split()
    fi = language_patterns(patterns, "fi")
    assert "_build/handbook-fi.pdf" in fi and "_build/handbook-facilitator-fi.pdf" in fi
    found = sorted(p.name for pattern in fi if pattern.startswith("_build/handouts/") for p in ROOT.glob(pattern))
    assert found == sorted(p.name for p in handouts_dir.glob("*-fi.pdf")) and len(found) == 8
    assert language_patterns(patterns, "en") == patterns


def test_facilitator_pages_pass_the_nu_html_checker(facilitator_site: Path):
    """The learner's pages are checked by test_html_validity.py; these exist only here (branch maps
    as inline SVG, the materials table, the collecting page)."""
    from test_html_validity import nu_errors

    pages = [(facilitator_site / f"{docname}.html").resolve() for docname in FACILITATOR_ONLY]
    errors = nu_errors(pages)
    report = [f"{page.name}:{e}" for page, found in sorted(errors.items()) for e in found]
    assert report == [], "\n".join(report)
