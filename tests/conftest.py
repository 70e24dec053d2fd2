"""Shared fixtures: the real book, built once per test session, and a headless Chromium."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness import ROOT, launch

SITE = ROOT / "_build" / "html"
JB = Path(sys.executable).with_name("jupyter-book")


def build_book() -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(JB), "build", str(ROOT), "--warningiserror", "--nitpick", "--keep-going"],
        cwd=ROOT, capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def book_build() -> subprocess.CompletedProcess:
    """The real book, built as `make book` builds it (execution cached in _build)."""
    return build_book()


@pytest.fixture(scope="session")
def site(book_build) -> Path:
    if book_build.returncode != 0:
        pytest.fail("the book does not build:\n" + book_build.stdout[-4000:] + book_build.stderr[-4000:])
    return SITE


@pytest.fixture(scope="session")
def editions(site: Path) -> Path:
    """The Finnish and Swedish editions beside the English site, as `make book` builds them."""
    for language in ("fi", "sv"):
        result = subprocess.run([sys.executable, "-m", "procurement_course.publish.editions", "learner",
                                 "--language", language], cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            pytest.fail(f"the {language} edition does not build:\n" + result.stdout[-3000:] + result.stderr[-3000:])
    return site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The small sample project (tests/fixtures/quiz_site: quizzes, a scenario, a hostile bank),
    built once with plain sphinx-build for the browser tests."""
    out = tmp_path_factory.mktemp("sample_site") / "html"
    sphinx = Path(sys.executable).with_name("sphinx-build")
    result = subprocess.run([str(sphinx), "-W", "-b", "html", str(ROOT / "tests" / "fixtures" / "quiz_site"), str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def _run(args: list[str], what: str) -> None:
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"{what} failed:\n" + result.stdout[-3000:] + result.stderr[-3000:])


def _print_handbook(edition: str, name: str) -> Path:
    """One handbook, made as `make handbook` makes it: the edition built as one page, then printed."""
    _run([sys.executable, "-m", "procurement_course.publish.editions", edition, "--builder", "singlehtml"],
         f"the {edition}'s single-page build")
    page = ROOT / "_build" / ("singlehtml" if edition == "learner" else f"{edition}/singlehtml") / "book" / "index.html"
    out = ROOT / "_build" / name
    _run([sys.executable, "-m", "procurement_course.publish.handbook", str(page), str(out), "--edition", edition,
          "--root", str(ROOT)], f"printing the {edition}'s handbook")
    return out


@pytest.fixture(scope="session")
def handbook_pdf() -> Path:
    """_build/handbook.pdf, the participant's handbook (the learner's edition, one page), printed once a session."""
    return _print_handbook("learner", "handbook.pdf")


@pytest.fixture(scope="session")
def facilitator_handbook_pdf() -> Path:
    """_build/handbook-facilitator.pdf (the facilitator's edition, one page), printed once a session."""
    return _print_handbook("facilitator", "handbook-facilitator.pdf")


@pytest.fixture(scope="session")
def handouts_dir() -> Path:
    """_build/handouts, made as `make handouts` makes them."""
    out = ROOT / "_build" / "handouts"
    _run([sys.executable, "-m", "procurement_course.publish.handouts", str(out), "--root", str(ROOT)], "the handouts")
    return out


@pytest.fixture(scope="session")
def facilitator_site(handbook_pdf, facilitator_handbook_pdf, handouts_dir) -> Path:
    """The facilitator's edition, made as `make facilitator` makes it (its materials page lists the PDFs)."""
    _run([sys.executable, "-m", "procurement_course.publish.editions", "facilitator"], "the facilitator's edition")
    return ROOT / "_build" / "facilitator" / "html"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    """A fresh browser context (empty storage) per test; downloads allowed, for the record's export."""
    ctx = browser.new_context(accept_downloads=True)
    yield ctx
    ctx.close()


_SESSION_START = time.time()


def pytest_sessionfinish(session, exitstatus):
    """How long this run took, for `make bench` to print (a figure, never a test)."""
    out = ROOT / "_build" / "test-session.json"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"seconds": round(time.time() - _SESSION_START, 1), "tests": session.testscollected,
                                   "when": time.strftime("%Y-%m-%d %H:%M"), "exit": int(exitstatus)}), encoding="utf-8")
    except OSError:
        pass
