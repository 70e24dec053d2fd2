"""Each tool's HTML: a plain form that reads well without scripts, and the tool's data as a JSON
island the runtime reads (``static/tools*.js``). ``link(label)`` gives ``(href, title)`` of a
course section, resolved by the build, so a link follows its section wherever it moves."""

from __future__ import annotations

import json
from dataclasses import asdict
from html import escape
from typing import Callable

from .model import PHASES, SECTORS, Toolkit

Link = Callable[[str], tuple[str, str]]
TOOLS = {"risk-screen": "Tender risk screen", "price-check": "Labour-cost floor check",
         "clause-builder": "Clause builder", "visit-checklist": "Site-visit checklist"}
GROUPS = {"documents": "Compare documents with reality", "observe": "Observe", "talk": "Talk to workers",
          "record": "Record", "patterns": "Patterns known in the sector", "indicators": "ILO indicators of forced labour"}


def _data(payload: dict) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" class="tool-data">{text}</script>'


def _learn(link: Link, label: str) -> dict:
    href, title = link(label)
    return {"href": href, "title": title}


def _sector_select(name: str = "sector", other: str | None = None) -> str:
    opts = "".join(f'<option value="{k}">{escape(v)}</option>' for k, v in SECTORS.items())
    if other:
        opts += f'<option value="other">{escape(other)}</option>'
    return (f'<p><label for="tk-{name}">Sector</label> <select id="tk-{name}" name="{name}" data-sector-field>'
            f'{opts}</select></p>')


def _radios(name: str, legend: str, options: list[tuple[str, str]], checked: str) -> str:
    items = "".join(f'<label><input type="radio" name="{name}" value="{v}"{" checked" if v == checked else ""}> '
                    f'{escape(t)}</label>' for v, t in options)
    return f'<fieldset class="tk-choice"><legend>{escape(legend)}</legend>{items}</fieldset>'


def _check(name: str, text: str) -> str:
    return f'<label class="tk-check"><input type="checkbox" name="{name}" value="yes"> {escape(text)}</label>'


def _number(name: str, label: str, attrs: str = 'min="0" step="any"', value: str = "") -> str:
    return (f'<p><label for="tk-{name}">{escape(label)}</label> '
            f'<input type="number" id="tk-{name}" name="{name}" {attrs} value="{value}" inputmode="decimal"></p>')


def _result(attr: str, heading: str) -> str:
    return (f'<div class="tk-result" {attr} tabindex="-1" hidden><h2>{escape(heading)}</h2></div>'
            '<p class="tk-status" role="status" aria-live="polite"></p>')


def risk_screen_html(kit: Toolkit, link: Link) -> str:
    data = {"rules": [{"id": r.id, "q": r.when.question, "test": r.when.test, "value": r.when.value,
                       "points": r.points, "reason": r.reason, "source": r.source} for r in kit.rules],
            "levels": [asdict(lv) for lv in kit.levels],
            "phases": PHASES,
            "measures": [{"id": m.id, "phase": m.phase, "from": m.from_level,
                          "q": m.when.question if m.when else None, "test": m.when.test if m.when else None,
                          "value": m.when.value if m.when else None, "text": m.text, "source": m.source,
                          "learn": _learn(link, m.section)} for m in kit.measures]}
    form = (
        '<form class="tk-form" novalidate>'
        '<fieldset><legend>The procurement</legend>' + _sector_select(other="Another service") +
        _radios("labour", "How much of the price is labour?", [("high", "Most of it (labour-intensive)"),
                ("medium", "A large share"), ("low", "A small share")], "medium") +
        _number("months", "Contract length in months", 'min="0" step="1"') +
        _number("value", "Estimated value in euros (VAT excluded)", 'min="0" step="any"') + '</fieldset>'
        '<fieldset><legend>Subcontracting and workforce</legend>' +
        _number("tiers", "Subcontracting tiers allowed below the supplier (0: none)", 'min="0" max="9" step="1"', "0") +
        _check("agency", "Agency workers likely") + _check("seasonal", "Seasonal or temporary workers likely") +
        _check("posted", "Posted or foreign workers likely") + '</fieldset>'
        '<fieldset><legend>Where and when the work is done</legend>' +
        _check("evening", "Evening or night work") + _check("remote", "Remote or scattered sites") +
        '<p><label for="tk-location">Where the work is done</label> <select id="tk-location" name="location">'
        '<option value="finland">Finland</option><option value="sweden">Sweden</option>'
        '<option value="abroad">Abroad</option></select></p></fieldset>'
        '<fieldset><legend>Price and history</legend>' +
        _radios("price", "What do the tenders' prices show?", [("unknown", "Not known yet"),
                ("above", "All cover the lowest lawful labour cost"), ("below", "A tender is below it"),
                ("spread", "A large spread between tenders")], "unknown") +
        _check("findings", "Earlier findings (pay, working time, missing reports) in this kind of contract") +
        '</fieldset><p><button type="submit">Screen the procurement</button></p></form>')
    return f'<section class="tool" data-risk-screen>{form}{_result("data-risk-result", "Result")}{_data(data)}</section>'


def price_check_html(kit: Toolkit, link: Link) -> str:
    data = {"rates": [asdict(r) for r in kit.rates],
            "learn": [_learn(link, "lever-directive")],
            "sectorLearn": {s: _learn(link, f"{s}-requirements") for s in SECTORS}}

    def rate(name: str, label: str) -> str:
        return (f'<div class="tk-rate"><p><label for="tk-{name}">{escape(label)}</label> '
                f'<input type="number" id="tk-{name}" name="{name}" min="0" step="any" inputmode="decimal" '
                f'aria-describedby="tk-{name}-src"></p><p class="tk-src" id="tk-{name}-src" data-source-for="{name}">'
                'No default: enter the rate of the agreement in force.</p></div>')

    form = (
        '<form class="tk-form" novalidate>'
        '<fieldset><legend>Country and sector</legend>'
        '<p><label for="tk-country">Country</label> <select id="tk-country" name="country">'
        '<option value="FI">Finland</option><option value="SE">Sweden</option></select></p>' +
        _sector_select() + '</fieldset>'
        '<fieldset><legend>Hours the work needs in the period</legend>' +
        _radios("hours_from", "Hours", [("entered", "I enter the hours"), ("plan", "From the supplier's plan")],
                "entered") +
        _number("hours", "Working hours in the period") +
        '<div data-plan><p class="tk-note">From the supplier\'s own plan: area to clean × cleanings in the '
        'period ÷ the productivity the plan assumes (m² an hour). The course gives no default productivity.</p>' +
        _number("area", "Area in m²") + _number("times", "Cleanings in the period") +
        _number("productivity", "Productivity in the plan, m² an hour") + '</div></fieldset>'
        '<fieldset><legend>Pay under the collective agreement</legend>' +
        rate("wage", "Minimum hourly wage") + _number("evening_hours", "Evening hours in the period") +
        rate("evening", "Evening supplement an hour") + _number("night_hours", "Night hours in the period") +
        rate("night", "Night supplement an hour") + _number("sunday_hours", "Sunday hours in the period") +
        rate("sunday", "Sunday supplement, % of the hourly wage") +
        rate("holiday", "Holiday pay and bonus, % of wages") + '</fieldset>'
        '<fieldset data-statutory><legend>Employer\'s statutory costs, % of wages</legend></fieldset>'
        '<fieldset><legend>The tender</legend>' +
        _number("price", "Tendered price for the same period and work, VAT excluded") +
        '</fieldset><p><button type="submit">Check the price</button></p></form>')
    return (f'<section class="tool" data-price-check>{form}{_result("data-price-result", "Result")}'
            f'{_data(data)}</section>')


def clause_builder_html(kit: Toolkit, link: Link) -> str:
    data = {"clauses": [dict(asdict(c), learn=_learn(link, c.section)) for c in kit.clauses]}
    boxes = "".join(
        f'<div class="tk-clause" data-country="{c.country or ""}" data-sectors="{c.sectors or ""}">'
        f'<label class="tk-check"><input type="checkbox" name="clause" value="{c.id}"'
        f'{" checked" if c.preset else ""}> <strong>{escape(c.title)}</strong></label>'
        f'<p class="tk-src">{escape(c.purpose)}. <a href="{escape(_learn(link, c.section)["href"])}">'
        f'Learn: {escape(_learn(link, c.section)["title"])}</a></p></div>' for c in kit.clauses)
    form = ('<form class="tk-form" novalidate><fieldset><legend>The contract</legend>'
            '<p><label for="tk-country">Country</label> <select id="tk-country" name="country">'
            '<option value="FI">Finland</option><option value="SE">Sweden</option></select></p>' +
            _sector_select(other="Another service") + '</fieldset>'
            f'<fieldset><legend>Clauses to include</legend>{boxes}</fieldset>'
            '<p><button type="submit">Assemble the text</button></p></form>')
    out = ('<div class="tk-result" data-clause-result tabindex="-1" hidden><h2>The clauses</h2>'
           '<pre class="tk-text" data-clause-text></pre>'
           '<p class="tk-actions"><button type="button" data-copy>Copy</button> '
           '<button type="button" data-print>Print</button> '
           '<button type="button" data-save>Save as a text file</button></p>'
           '<h3>The lessons behind these clauses</h3><ul data-clause-learn></ul></div>'
           '<p class="tk-status" role="status" aria-live="polite"></p>')
    return f'<section class="tool" data-clause-builder>{form}{out}{_data(data)}</section>'


def checklist_items(kit: Toolkit) -> list[dict]:
    """Every item of the checklist, in the order shown: the general and sector items of
    toolkit_checklist, then each sector's patterns (sector_risks), then the ILO indicators."""
    items = [{"id": i.id, "sector": i.sector, "group": i.group, "text": i.text, "section": i.section,
              "source": i.source} for i in kit.checklist]
    for sector, patterns in kit.patterns.items():
        for n, (pattern, related, source) in enumerate(patterns, 1):
            items.append({"id": f"{sector}-pattern-{n}", "sector": sector, "group": "patterns",
                          "text": f"Look for: {pattern}", "section": f"{sector}-red-flags",
                          "source": f"data/sector_risks.csv ({source.replace(';', ', ')})"})
    for n, name in enumerate(kit.indicators, 1):
        items.append({"id": f"ilo-{n}", "sector": "all", "group": "indicators", "text": f"Signs of: {name}",
                      "section": "indicators-where", "source": "ILO Indicators of Forced Labour (2012)"})
    return items


def visit_checklist_html(kit: Toolkit, link: Link) -> str:
    items = checklist_items(kit)
    parts = []
    for group, heading in GROUPS.items():
        rows = [i for i in items if i["group"] == group]
        if not rows:
            continue
        parts.append(f'<h2>{escape(heading)}</h2>')
        for i in rows:
            href, title = link(i["section"])
            iid = f"tk-item-{i['id']}"
            parts.append(
                f'<fieldset class="tk-item" data-item="{i["id"]}" data-sector="{i["sector"]}">'
                f'<legend>{escape(i["text"])}</legend>'
                f'<p><label for="{iid}-s">Finding</label> <select id="{iid}-s" name="status">'
                '<option value="">Not checked</option><option value="ok">Checked, no concern</option>'
                '<option value="concern">Concern</option></select></p>'
                f'<p><label for="{iid}-n">Notes</label><textarea id="{iid}-n" name="note" rows="2"></textarea></p>'
                f'<p class="tk-src">{escape(i["source"])}. <a href="{escape(href)}">Learn: {escape(title)}</a></p>'
                '</fieldset>')
    visit = ('<fieldset><legend>The visit</legend>' + _sector_select() +
             '<p><label for="tk-site">Site</label> <input type="text" id="tk-site" name="site" autocomplete="off"></p>'
             '<p><label for="tk-date">Date</label> <input type="date" id="tk-date" name="date"></p>'
             '<p><label for="tk-team">Visitors</label> <input type="text" id="tk-team" name="team" autocomplete="off"></p>'
             '</fieldset><fieldset><legend>Counts</legend>' +
             _number("present", "Workers present", 'min="0" step="1"') +
             _number("listed", "Workers on the list", 'min="0" step="1"') +
             _number("interviews", "Interviews held", 'min="0" step="1"') +
             '<p class="tk-note" data-count-note aria-live="polite"></p></fieldset>')
    actions = ('<fieldset class="tk-files"><legend>The visit record</legend>'
               '<p class="tk-note">Nothing you type leaves this device, and nothing is kept in the browser '
               'unless you keep a draft. Save the record as a file, and open it again to continue.</p>'
               '<p class="tk-actions"><button type="button" data-save-json>Save as JSON</button> '
               '<button type="button" data-save-csv>Save as CSV</button> '
               '<button type="button" data-print>Print</button></p>'
               '<p><label for="tk-open">Open a saved visit (.json)</label> '
               '<input type="file" id="tk-open" accept=".json,application/json" data-open></p>'
               '<p class="tk-actions"><button type="button" data-draft-keep>Keep a draft on this device</button> '
               '<button type="button" data-draft-delete>Delete the draft</button></p></fieldset>')
    return (f'<section class="tool" data-visit-checklist><form class="tk-form" novalidate>{visit}'
            f'{"".join(parts)}{actions}</form><p class="tk-status" role="status" aria-live="polite"></p>'
            f'{_data({"items": [{"id": i["id"], "text": i["text"]} for i in items]})}</section>')


RENDERERS = {"risk-screen": risk_screen_html, "price-check": price_check_html,
             "clause-builder": clause_builder_html, "visit-checklist": visit_checklist_html}


def tool_links_html(sector: str, hrefs: dict[str, str]) -> str:
    """The end of a sector module: each tool, preset for the sector."""
    items = "".join(f'<li><a href="{escape(hrefs[t])}?sector={escape(sector)}">{escape(name)}</a></li>' if t in hrefs
                    else f'<li>{escape(name)}</li>' for t, name in TOOLS.items())
    name = escape(SECTORS.get(sector, sector).lower())
    return (f'<aside class="tool-links admonition tip" aria-label="The toolkit for {name}">'
            f'<p class="admonition-title">The buyer\'s toolkit for {name}</p>'
            f'<p>Use what this module teaches in your own procurement, with each tool preset for {name}:</p>'
            f'<ul>{items}</ul></aside>')
