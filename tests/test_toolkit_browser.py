"""The buyer's toolkit in Chromium, as a buyer uses it: the risk screen's levels, the price
check's arithmetic, the clauses assembled and saved, the site-visit record saved and reopened,
offline after one visit (service worker over http) and from file://, accessible at 320 px."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from harness import ROOT, Served, axe_violations, describe, file_url, fill_form, watch

pytestmark = pytest.mark.browser
TOOLS = ROOT / "_build" / "html" / "book" / "tools"
SHOTS = ROOT / "test-artifacts"


def _open(context, site: Path, name: str, query: str = ""):
    page = context.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / "book" / "tools" / name) + query)
    return page, visit


def _screen(page, **answers) -> tuple[str, list[str], list[str]]:
    form = page.locator("[data-risk-screen] form")
    fill_form(form, **answers)
    form.get_by_role("button", name="Screen the procurement").click()
    level = page.locator("[data-risk-level]").inner_text()
    return (level, page.locator("[data-risk-reasons] li").all_inner_texts(),
            page.locator("[data-measures] li").all_inner_texts())


def test_risk_screen_levels_reasons_and_measures(site: Path, context):
    # From a sector's links ({tool-links}) to the tool, preset for the sector.
    page, visit = _open(context, site, "index.html")
    page.get_by_role("complementary", name="The toolkit for cleaning").get_by_role("link", name="Tender risk screen").click()
    assert page.url.endswith("risk-screen.html?sector=cleaning")
    assert page.locator("[name=sector]").input_value() == "cleaning", "?sector= presets the sector"
    # An evening cleaning contract with two subcontracting tiers and a price under the floor.
    level, reasons, measures = _screen(page, labour="high", tiers=2, evening="yes", price="below", months=24,
                                       value=120000)
    assert level == "high"
    assert any("Two or more subcontracting tiers" in r for r in reasons)
    assert any("below the lowest lawful labour cost" in r for r in reasons)
    assert all("Source:" in r for r in reasons)
    assert any(m.startswith("Reject the tender") for m in measures)
    assert any(m.startswith("Visit when the work is done") for m in measures)
    assert any("Contractor's Obligations Act documents" in m for m in measures), "EUR 120,000 is over EUR 9,000"
    assert all("Source:" in m and "Learn:" in m for m in measures)
    # Each measure links to the section that teaches it, and that section is there.
    for href in set(page.locator("[data-measures] a").evaluate_all("as => as.map(a => a.href)")):
        target, anchor = href.split("#")
        probe = context.new_page()
        probe.goto(target)
        assert probe.locator(f'[id="{anchor}"]').count() == 1, href
        probe.close()
    phases = page.locator("[data-measures] h4").all_inner_texts()
    assert phases == ["Selection and exclusion", "Award", "Contract clauses", "Contract management and audits"]
    page.set_viewport_size({"width": 1100, "height": 1400})
    SHOTS.mkdir(exist_ok=True)
    page.locator("[data-risk-result]").screenshot(path=str(SHOTS / "risk-screen-high.png"))

    # A low-labour service with no subcontracting.
    level, reasons, measures = _screen(page, sector="other", labour="low", tiers=0, evening="no", price="unknown",
                                       months=12, value=8000)
    assert level == "low" and reasons == []
    assert page.locator("[data-risk-reasons]").inner_text() == "None of the screen's risk factors applies."
    assert len(measures) == 2  # the exclusion grounds and compliance with labour law, for any contract
    # Construction, a large share of labour, no subcontracting: 2 + 1 points.
    level, reasons, _ = _screen(page, sector="construction", labour="medium")
    assert level == "medium" and len(reasons) == 2
    # Seasonal agriculture with agency workers, remote sites, abroad, with earlier findings.
    level, _, measures = _screen(page, sector="agriculture", labour="high", seasonal="yes", agency="yes",
                                 remote="yes", location="abroad", findings="yes")
    assert level == "high"
    assert not visit.problems(), visit.problems()


def test_tools_by_keyboard(site: Path, context):
    """Enter in a field submits; focus moves to the result, and the level is announced."""
    page, visit = _open(context, site, "risk-screen.html", "?sector=cleaning")
    page.locator("[name=tiers]").focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # 2 tiers
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # agency workers
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.tk-status').textContent.indexOf('Risk level') === 0")
    assert page.evaluate("document.activeElement.hasAttribute('data-risk-result')")
    reasons = page.locator("[data-risk-reasons] li").all_inner_texts()
    assert any(r.startswith("Two or more subcontracting tiers") for r in reasons)
    assert any(r.startswith("Workers hired through temporary-work agencies") for r in reasons)
    assert not visit.problems(), visit.problems()


def test_price_check_worked_case(site: Path, context):
    page, visit = _open(context, site, "price-check.html", "?sector=construction")
    form = page.locator("[data-price-check] form")
    # Defaults for construction come with their source and date; an ended period is flagged.
    assert form.locator("[name=wage]").input_value() == "11.94"
    assert "Rakennusliitto" in form.locator('[data-source-for="wage"]').inner_text()
    assert "This period has ended" in form.locator('[data-source-for="wage"]').inner_text()
    form.locator("[name=sector]").select_option("cleaning")
    assert form.locator("[name=wage]").input_value() == "", "no verified cleaning wage: the user enters it"
    # Hours from the supplier's plan: 2,000 m2 x 20 cleanings / 200 m2 an hour = 200 hours.
    form.locator('[name=hours_from][value="plan"]').check()
    form.locator("[name=area]").fill("2000")
    form.locator("[name=times]").fill("20")
    form.locator("[name=productivity]").fill("200")
    assert form.locator("[name=hours]").input_value() == "200"
    form.locator('[name=hours_from][value="entered"]').check()
    # The worked case:
    #   1,000 h x EUR 12.00                        = 12,000.00 basic wages
    #   400 evening h x EUR 1.50 + 50 Sunday h x EUR 12.00 x 100 % = 600.00 + 600.00 = 1,200.00
    #   holiday pay 10 % of 13,200.00              =  1,320.00   -> wages 14,520.00
    #   statutory 17.10 + 1.91 + 0.31 + 1.00 + 0.06 = 20.38 % of 14,520.00 = 2,959.18
    #   lowest lawful labour cost                  = 17,479.18
    #   tender EUR 15,000.00: below by 2,479.18, that is 14.2 % of 17,479.18
    values = {"hours": "1000", "wage": "12.00", "evening_hours": "400", "evening": "1.50", "night_hours": "0",
              "night": "0", "sunday_hours": "50", "sunday": "100", "holiday": "10", "stat-fi-tyel-employer": "17.10",
              "stat-fi-health": "1.91", "stat-fi-unemployment": "0.31", "stat-fi-accident": "1.00",
              "stat-fi-group-life": "0.06", "price": "15000"}
    for name, value in values.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.get_by_role("button", name="Check the price").click()
    result = page.locator("[data-price-result]")
    assert result.get_attribute("data-floor") == "17479.18"
    assert result.get_attribute("data-gap") == "-2479.18"
    assert result.get_attribute("data-gap-percent") == "-14.2"
    assert page.locator("[data-verdict]").inner_text() == "below"
    text = result.inner_text()
    assert "below the lowest lawful labour cost by EUR 2,479.18 (14.2 %)" in text
    assert "in writing" in text and "Reject the tender" in text and "s. 96" in text
    assert "Learn:" in text
    page.set_viewport_size({"width": 1100, "height": 1400})
    result.screenshot(path=str(SHOTS / "price-check-below.png"))
    form.locator("[name=price]").fill("20000")
    form.get_by_role("button", name="Check the price").click()
    assert page.locator("[data-verdict]").inner_text() == "above"
    assert result.get_attribute("data-gap") == "2520.82"
    assert not visit.problems(), visit.problems()


def test_clause_builder_assembles_and_saves(site: Path, context, tmp_path: Path):
    page, visit = _open(context, site, "clause-builder.html", "?sector=construction")
    form = page.locator("[data-clause-builder] form")
    assert form.locator('[value="photo-id"]').is_checked(), "the construction site's ID clause is preset"
    assert form.locator('[value="lou-17"]').is_hidden(), "a Swedish clause is for Swedish contracts"
    form.locator('[value="interviews"]').check()
    form.get_by_role("button", name="Assemble the text").click()
    text = page.locator("[data-clause-text]").inner_text()
    assert "Photo ID with tax number on shared construction sites" in text
    assert "Private interviews with an interpreter" in text
    assert "Annex [n] to this contract" in text and "Annex X" not in text
    assert text.count("Purpose:") == text.count("Source:") >= 6
    lessons = page.locator("[data-clause-learn] a").all_inner_texts()
    assert "Learn: Remediation before termination" in lessons and len(lessons) == len(set(lessons))
    with page.expect_download() as download:
        page.get_by_role("button", name="Save as a text file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "contract-clauses.txt"
    assert saved.read_text(encoding="utf-8").strip() == text.strip()
    form.locator("[name=country]").select_option("SE")
    assert form.locator('[value="lou-17"]').is_visible()
    page.set_viewport_size({"width": 1100, "height": 1400})
    page.locator("[data-clause-result]").screenshot(path=str(SHOTS / "clause-builder.png"))
    assert not visit.problems(), visit.problems()


def test_visit_checklist_saved_and_reopened(site: Path, context, tmp_path: Path):
    page, visit = _open(context, site, "visit-checklist.html", "?sector=cleaning")
    form = page.locator("[data-visit-checklist] form")
    assert form.locator('[data-item="access-cards"]').is_visible()
    assert form.locator('[data-item="id-tax-number"]').is_hidden(), "construction items are for construction"
    assert form.locator('[data-item="cleaning-pattern-2"]').is_visible(), "the sector's patterns (sector_risks)"
    assert form.locator('[data-item="ilo-11"]').is_visible(), "the ILO indicators"
    form.locator("[name=site]").fill("School S03")
    form.locator("[name=date]").fill("2026-12-01")
    form.locator("[name=present]").fill("7")
    form.locator("[name=listed]").fill("5")
    form.locator("[name=interviews]").fill("3")
    assert "2 more people present than on the list" in page.locator("[data-count-note]").inner_text()
    item = form.locator('[data-item="access-cards"]')
    item.locator("select").select_option("concern")
    item.locator("textarea").fill("=HYPERLINK(\"x\"); one card, three people")
    form.locator('[data-item="who-speaks"] select').select_option("ok")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save as JSON").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "site-visit-2026-12-01-cleaning.json"
    record = json.loads(saved.read_text(encoding="utf-8"))
    assert record["counts"] == {"present": "7", "listed": "5", "interviews": "3"}
    assert {i["id"]: i["status"] for i in record["items"]}["access-cards"] == "concern"
    with page.expect_download() as download:
        page.get_by_role("button", name="Save as CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    note = next(r for r in rows if r[1] == "access-cards")[4]
    assert note.startswith("'=HYPERLINK"), "a formula is neutralised in the CSV"
    page.set_viewport_size({"width": 375, "height": 812})  # a phone on site
    item.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "visit-checklist-phone.png"))
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.indexOf('visit') >= 0)")
    assert stored == [], "nothing is kept in the browser unless the user asks for a draft"
    page.close()

    # A fresh page, reopened from the file: the visit continues where it was.
    page, visit = _open(context, site, "visit-checklist.html")
    page.locator("[data-open]").set_input_files(str(saved))
    page.wait_for_function("document.querySelector('[name=site]').value === 'School S03'")
    assert page.locator("[name=sector]").input_value() == "cleaning"
    assert page.locator("[name=present]").input_value() == "7"
    assert page.locator('[data-item="access-cards"] select').input_value() == "concern"
    assert "one card, three people" in page.locator('[data-item="access-cards"] textarea').input_value()
    # The live region is filled a moment after the form (course.announce clears it first, so a repeat is read).
    page.wait_for_function("document.querySelector('[data-visit-checklist] .tk-status').textContent.indexOf('is open') >= 0")
    bad = tmp_path / "other.json"
    bad.write_text('{"kind": "something else"}')
    page.locator("[data-open]").set_input_files(str(bad))
    page.wait_for_function("document.querySelector('[data-visit-checklist] .tk-status').textContent.indexOf('Nothing was changed') >= 0")
    assert page.locator("[name=site]").input_value() == "School S03"
    assert not visit.problems(), visit.problems()


def test_offline_after_one_visit_over_http(site: Path, browser):
    """Served over http on 127.0.0.1: one visit installs the service worker; with the server gone,
    every tool page still opens and works."""
    served = Served(site)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served.url + "book/tools/visit-checklist.html")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # installed: the toolkit is cached
        base = served.url + "book/tools/"
        served.close()
        served = None  # the network is cut: nothing answers on that port any more
        for name in ("visit-checklist.html", "price-check.html", "clause-builder.html", "index.html"):
            page.goto(base + name)
            assert page.locator("h1").count() == 1, name
        page.goto(base + "risk-screen.html?sector=cleaning")
        assert page.locator("[name=sector]").input_value() == "cleaning", "the tool's scripts ran offline"
        assert _screen(page, labour="high", tiers=2, evening="yes", price="below")[0] == "high"
    finally:
        if served:
            served.close()
        context.close()


@pytest.mark.parametrize("name", ["index.html", "risk-screen.html", "price-check.html", "clause-builder.html",
                                  "visit-checklist.html"])
def test_tool_pages_accessible_at_320px(site: Path, browser, name: str):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    visit = watch(page, file_url(site))
    page.goto(file_url(site / "book" / "tools" / name) + "?sector=construction")
    button = page.locator(".tool form button[type=submit]")
    if button.count():  # with the result shown: axe checks it too
        if "price" in name:
            page.locator("[name=hours]").fill("100")
            page.locator("[name=price]").fill("1000")
        button.click()
    violations = axe_violations(page)
    page.emulate_media(color_scheme="dark")
    dark = axe_violations(page)
    sideways = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    loaded = page.evaluate("[...document.querySelectorAll('script[src], link[rel=stylesheet]')].map(e => e.src || e.href)")
    context.close()
    assert not visit.problems(), visit.problems()
    assert not violations, describe(violations)
    assert not dark, "dark scheme: " + describe(dark)
    assert sideways <= 0, f"the page scrolls sideways by {sideways}px at 320 CSS px"
    # The course's runtime as make bench counts it (our scripts and styles, not the theme's stylesheet).
    ours = {p.name for f in ("procurement_course/static", "procurement_course/theme/course/static")
            for p in (ROOT / f).glob("*.*s")} - {"course.css"}
    names = {u.split("?")[0].rsplit("/", 1)[-1] for u in loaded if "/_static/" in u}
    runtime = sum((site / "_static" / n).stat().st_size for n in names & ours)
    assert runtime <= 30 * 1024, f"the runtime on {name} is {runtime} bytes"
    assert name == "index.html" or "tools.js" in names, "the toolkit's runtime is loaded"
