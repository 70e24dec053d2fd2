"""Every built page passes the W3C Nu HTML checker (vnu-jar from the npm registry, run with Java):
one JVM start for all pages, every error reported with its page and line.

A page known to be invalid is checked in the same run, so the test fails if the checker stops
reporting (a checker that finds nothing because it checked nothing would pass any site)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from harness import ROOT, site_pages

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INVALID_PAGE = """<html><head></head><body>
<details><summary><p>Show the analysis</p></summary></details>
<form action="" method="get"></form>
</body></html>
"""


def nu_errors(pages: list[Path]) -> dict[Path, list[str]]:
    """The checker's errors for each page, as 'line: message'."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail("The Nu HTML checker needs Java and vnu-jar: run `make test`, which installs Debian's "
                    "default-jre-headless (tools/ensure-system-packages.sh) and vnu-jar (npm ci).")
    # A short run: the quick compiler and the simple collector halve the checker's CPU time.
    done = subprocess.run([java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
                           "--exit-zero-always", *map(str, pages)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    errors: dict[Path, list[str]] = {}
    for m in json.loads(done.stdout)["messages"]:
        if m.get("type") == "error" or m.get("subType") == "fatal":
            page = Path(unquote(urlparse(m["url"]).path)).resolve()
            errors.setdefault(page, []).append(f"{m.get('lastLine', '?')}: {m['message']}")
    return errors


def test_every_built_page_passes_the_nu_html_checker(site, tmp_path):
    pages = site_pages(site)
    assert len(pages) > 20
    invalid = tmp_path / "invalid.html"
    invalid.write_text(INVALID_PAGE, encoding="utf-8")
    errors = nu_errors([invalid, *pages])
    caught = " ".join(errors.pop(invalid.resolve(), []))
    assert "doctype" in caught and "“summary”" in caught and "“action”" in caught, caught
    report = [f"{page.relative_to(site.resolve())}:{e}" for page, found in sorted(errors.items()) for e in found]
    assert report == [], "\n".join(report)
