"""Each tool's HTML: a plain form that reads well without scripts, and the tool's data as a JSON
island the runtime reads (``static/tools*.js``). ``link(label)`` gives ``(href, title)`` of a
course section, resolved by the build, so a link follows its section wherever it moves."""

from __future__ import annotations

import json
from dataclasses import asdict
from html import escape
from typing import Callable

from ..i18n.catalogue import runtime_text
from .model import SECTORS, Toolkit

Link = Callable[[str], tuple[str, str]]
TOOLS = {"risk-screen": "Tender risk screen", "price-check": "Labour-cost floor check",
         "clause-builder": "Clause builder", "visit-checklist": "Site-visit checklist"}
GROUPS = {"documents": "Compare documents with reality", "observe": "Observe", "talk": "Talk to workers",
          "record": "Record", "patterns": "Patterns known in the sector", "indicators": "ILO indicators of forced labour"}


def html_text(text: str, **values) -> str:
    """A label of the tools in the build's language (course-runtime), escaped for HTML. The first
    argument is always a plain string literal: the extractor reads it (i18n/extract.py)."""
    return escape(runtime_text(text, **values))


def tool_names() -> dict[str, str]:
    return {"risk-screen": html_text("Tender risk screen"), "price-check": html_text("Labour-cost floor check"),
            "clause-builder": html_text("Clause builder"), "visit-checklist": html_text("Site-visit checklist")}


def sector_names() -> dict[str, str]:
    return {"cleaning": html_text("Cleaning"), "construction": html_text("Construction and maintenance"),
            "agriculture": html_text("Agriculture and food"), "catering": html_text("Restaurants and catering")}


def phase_names() -> dict[str, str]:
    return {"selection": runtime_text("Selection and exclusion"), "award": runtime_text("Award"),
            "clauses": runtime_text("Contract clauses"), "management": runtime_text("Contract management and audits")}


def group_names() -> dict[str, str]:
    return {"documents": html_text("Compare documents with reality"), "observe": html_text("Observe"),
            "talk": html_text("Talk to workers"), "record": html_text("Record"),
            "patterns": html_text("Patterns known in the sector"),
            "indicators": html_text("ILO indicators of forced labour")}


def translated(kit: Toolkit, t: Callable[[str], str]) -> Toolkit:
    """The toolkit with its text (reasons, meanings, measures, rate labels, clauses, checklist items,
    patterns, indicators) put through ``t``; ids, conditions, numbers and sources unchanged."""
    from dataclasses import replace

    return replace(
        kit, rules=[replace(r, reason=t(r.reason)) for r in kit.rules],
        levels=[replace(lv, meaning=t(lv.meaning)) for lv in kit.levels],
        measures=[replace(m, text=t(m.text)) for m in kit.measures],
        rates=[replace(r, label=t(r.label)) for r in kit.rates],
        clauses=[replace(c, title=t(c.title), purpose=t(c.purpose), text=t(c.text)) for c in kit.clauses],
        checklist=[replace(i, text=t(i.text)) for i in kit.checklist],
        patterns={s: [(t(p), rel, src) for p, rel, src in ps] for s, ps in kit.patterns.items()},
        indicators=[t(i) for i in kit.indicators])


def _data(payload: dict) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" class="tool-data">{text}</script>'


def _learn(link: Link, label: str) -> dict:
    href, title = link(label)
    return {"href": href, "title": title}


def _sector_select(name: str = "sector", other: str | None = None) -> str:
    opts = "".join(f'<option value="{k}">{v}</option>' for k, v in sector_names().items())
    if other:
        opts += f'<option value="other">{other}</option>'
    return (f'<p><label for="tk-{name}">{html_text("Sector")}</label> <select id="tk-{name}" name="{name}" data-sector-field>'
            f'{opts}</select></p>')


def _radios(name: str, legend: str, options: list[tuple[str, str]], checked: str) -> str:
    items = "".join(f'<label><input type="radio" name="{name}" value="{v}"{" checked" if v == checked else ""}> '
                    f'{t}</label>' for v, t in options)
    return f'<fieldset class="tk-choice"><legend>{legend}</legend>{items}</fieldset>'


def _check(name: str, text: str) -> str:
    return f'<label class="tk-check"><input type="checkbox" name="{name}" value="yes"> {text}</label>'


def _number(name: str, label: str, attrs: str = 'min="0" step="any"', value: str = "") -> str:
    return (f'<p><label for="tk-{name}">{label}</label> '
            f'<input type="number" id="tk-{name}" name="{name}" {attrs} value="{value}" inputmode="decimal"></p>')


def _result(attr: str, heading: str) -> str:
    return (f'<div class="tk-result" {attr} tabindex="-1" hidden><h2>{heading}</h2></div>'
            '<p class="tk-status" role="status" aria-live="polite"></p>')


def risk_screen_html(kit: Toolkit, link: Link) -> str:
    data = {"rules": [{"id": r.id, "q": r.when.question, "test": r.when.test, "value": r.when.value,
                       "points": r.points, "reason": r.reason, "source": r.source} for r in kit.rules],
            "levels": [asdict(lv) for lv in kit.levels],
            "phases": phase_names(),
            "measures": [{"id": m.id, "phase": m.phase, "from": m.from_level,
                          "q": m.when.question if m.when else None, "test": m.when.test if m.when else None,
                          "value": m.when.value if m.when else None, "text": m.text, "source": m.source,
                          "learn": _learn(link, m.section)} for m in kit.measures]}
    form = (
        '<form class="tk-form" novalidate>'
        f'<fieldset><legend>{html_text("The procurement")}</legend>' + _sector_select(other=html_text("Another service")) +
        _radios("labour", html_text("How much of the price is labour?"), [("high", html_text("Most of it (labour-intensive)")),
                ("medium", html_text("A large share")), ("low", html_text("A small share"))], "medium") +
        _number("months", html_text("Contract length in months"), 'min="0" step="1"') +
        _number("value", html_text("Estimated value in euros (VAT excluded)"), 'min="0" step="any"') + '</fieldset>'
        f'<fieldset><legend>{html_text("Subcontracting and workforce")}</legend>' +
        _number("tiers", html_text("Subcontracting tiers allowed below the supplier (0: none)"), 'min="0" max="9" step="1"', "0") +
        _check("agency", html_text("Agency workers likely")) + _check("seasonal", html_text("Seasonal or temporary workers likely")) +
        _check("posted", html_text("Posted or foreign workers likely")) + '</fieldset>'
        f'<fieldset><legend>{html_text("Where and when the work is done")}</legend>' +
        _check("evening", html_text("Evening or night work")) + _check("remote", html_text("Remote or scattered sites")) +
        f'<p><label for="tk-location">{html_text("Where the work is done")}</label> <select id="tk-location" name="location">'
        f'<option value="finland">{html_text("Finland")}</option><option value="sweden">{html_text("Sweden")}</option>'
        f'<option value="abroad">{html_text("Abroad")}</option></select></p></fieldset>'
        f'<fieldset><legend>{html_text("Price and history")}</legend>' +
        _radios("price", html_text("What do the tenders' prices show?"), [("unknown", html_text("Not known yet")),
                ("above", html_text("All cover the lowest lawful labour cost")), ("below", html_text("A tender is below it")),
                ("spread", html_text("A large spread between tenders"))], "unknown") +
        _check("findings", html_text("Earlier findings (pay, working time, missing reports) in this kind of contract")) +
        f'</fieldset><p><button type="submit">{html_text("Screen the procurement")}</button></p></form>')
    return f'<section class="tool" data-risk-screen>{form}{_result("data-risk-result", html_text("Result"))}{_data(data)}</section>'


def _country_select() -> str:
    return (f'<p><label for="tk-country">{html_text("Country")}</label> <select id="tk-country" name="country">'
            f'<option value="FI">{html_text("Finland")}</option><option value="SE">{html_text("Sweden")}</option></select></p>')


def price_check_html(kit: Toolkit, link: Link) -> str:
    data = {"rates": [asdict(r) for r in kit.rates],
            "learn": [_learn(link, "lever-directive")],
            "sectorLearn": {s: _learn(link, f"{s}-requirements") for s in SECTORS}}

    def rate(name: str, label: str) -> str:
        return (f'<div class="tk-rate"><p><label for="tk-{name}">{label}</label> '
                f'<input type="number" id="tk-{name}" name="{name}" min="0" step="any" inputmode="decimal" '
                f'aria-describedby="tk-{name}-src"></p><p class="tk-src" id="tk-{name}-src" data-source-for="{name}">'
                f'{html_text("No default: enter the rate of the agreement in force.")}</p></div>')

    form = (
        '<form class="tk-form" novalidate>'
        f'<fieldset><legend>{html_text("Country and sector")}</legend>' + _country_select() +
        _sector_select() + '</fieldset>'
        f'<fieldset><legend>{html_text("Hours the work needs in the period")}</legend>' +
        _radios("hours_from", html_text("Hours"), [("entered", html_text("I enter the hours")),
                                                   ("plan", html_text("From the supplier's plan"))], "entered") +
        _number("hours", html_text("Working hours in the period")) +
        '<div data-plan><p class="tk-note">' +
        html_text("From the supplier's own plan: area to clean × cleanings in the period ÷ the productivity the plan assumes (m² an hour). The course gives no default productivity.") +
        '</p>' + _number("area", html_text("Area in m²")) + _number("times", html_text("Cleanings in the period")) +
        _number("productivity", html_text("Productivity in the plan, m² an hour")) + '</div></fieldset>'
        f'<fieldset><legend>{html_text("Pay under the collective agreement")}</legend>' +
        rate("wage", html_text("Minimum hourly wage")) + _number("evening_hours", html_text("Evening hours in the period")) +
        rate("evening", html_text("Evening supplement an hour")) + _number("night_hours", html_text("Night hours in the period")) +
        rate("night", html_text("Night supplement an hour")) + _number("sunday_hours", html_text("Sunday hours in the period")) +
        rate("sunday", html_text("Sunday supplement, % of the hourly wage")) +
        rate("holiday", html_text("Holiday pay and bonus, % of wages")) + '</fieldset>'
        '<fieldset data-statutory><legend>' + html_text("Employer's statutory costs, % of wages") + '</legend></fieldset>'
        f'<fieldset><legend>{html_text("The tender")}</legend>' +
        _number("price", html_text("Tendered price for the same period and work, VAT excluded")) +
        f'</fieldset><p><button type="submit">{html_text("Check the price")}</button></p></form>')
    return (f'<section class="tool" data-price-check>{form}{_result("data-price-result", html_text("Result"))}'
            f'{_data(data)}</section>')


def clause_builder_html(kit: Toolkit, link: Link) -> str:
    data = {"clauses": [dict(asdict(c), learn=_learn(link, c.section)) for c in kit.clauses]}
    boxes = "".join(
        f'<div class="tk-clause" data-country="{c.country or ""}" data-sectors="{c.sectors or ""}">'
        f'<label class="tk-check"><input type="checkbox" name="clause" value="{c.id}"'
        f'{" checked" if c.preset else ""}> <strong>{escape(c.title)}</strong></label>'
        f'<p class="tk-src">{escape(c.purpose)}. <a href="{escape(_learn(link, c.section)["href"])}">'
        f'{html_text("Learn: {title}", title=_learn(link, c.section)["title"])}</a></p></div>' for c in kit.clauses)
    form = (f'<form class="tk-form" novalidate><fieldset><legend>{html_text("The contract")}</legend>' +
            _country_select() + _sector_select(other=html_text("Another service")) + '</fieldset>'
            f'<fieldset><legend>{html_text("Clauses to include")}</legend>{boxes}</fieldset>'
            f'<p><button type="submit">{html_text("Assemble the text")}</button></p></form>')
    out = (f'<div class="tk-result" data-clause-result tabindex="-1" hidden><h2>{html_text("The clauses")}</h2>'
           '<pre class="tk-text" data-clause-text></pre>'
           f'<p class="tk-actions"><button type="button" data-copy>{html_text("Copy")}</button> '
           f'<button type="button" data-print>{html_text("Print")}</button> '
           f'<button type="button" data-save>{html_text("Save as a text file")}</button></p>'
           f'<h3>{html_text("The lessons behind these clauses")}</h3><ul data-clause-learn></ul></div>'
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
                          "text": runtime_text("Look for: {pattern}", pattern=pattern), "section": f"{sector}-red-flags",
                          "source": f"data/sector_risks.csv ({source.replace(';', ', ')})"})
    for n, name in enumerate(kit.indicators, 1):
        items.append({"id": f"ilo-{n}", "sector": "all", "group": "indicators",
                      "text": runtime_text("Signs of: {name}", name=name),
                      "section": "indicators-where", "source": "ILO Indicators of Forced Labour (2012)"})
    return items


def visit_checklist_html(kit: Toolkit, link: Link) -> str:
    items = checklist_items(kit)
    parts = []
    finding, unchecked, ok = html_text("Finding"), html_text("Not checked"), html_text("Checked, no concern")
    concern, notes = html_text("Concern"), html_text("Notes")
    for group, heading in group_names().items():
        rows = [i for i in items if i["group"] == group]
        if not rows:
            continue
        parts.append(f'<h2>{heading}</h2>')
        for i in rows:
            href, title = link(i["section"])
            iid = f"tk-item-{i['id']}"
            parts.append(
                f'<fieldset class="tk-item" data-item="{i["id"]}" data-sector="{i["sector"]}">'
                f'<legend>{escape(i["text"])}</legend>'
                f'<p><label for="{iid}-s">{finding}</label> <select id="{iid}-s" name="status">'
                f'<option value="">{unchecked}</option><option value="ok">{ok}</option>'
                f'<option value="concern">{concern}</option></select></p>'
                f'<p><label for="{iid}-n">{notes}</label><textarea id="{iid}-n" name="note" rows="2"></textarea></p>'
                f'<p class="tk-src">{escape(i["source"])}. <a href="{escape(href)}">{html_text("Learn: {title}", title=title)}</a></p>'
                '</fieldset>')
    visit = (f'<fieldset><legend>{html_text("The visit")}</legend>' + _sector_select() +
             f'<p><label for="tk-site">{html_text("Site")}</label> <input type="text" id="tk-site" name="site" autocomplete="off"></p>'
             f'<p><label for="tk-date">{html_text("Date")}</label> <input type="date" id="tk-date" name="date"></p>'
             f'<p><label for="tk-team">{html_text("Visitors")}</label> <input type="text" id="tk-team" name="team" autocomplete="off"></p>'
             f'</fieldset><fieldset><legend>{html_text("Counts")}</legend>' +
             _number("present", html_text("Workers present"), 'min="0" step="1"') +
             _number("listed", html_text("Workers on the list"), 'min="0" step="1"') +
             _number("interviews", html_text("Interviews held"), 'min="0" step="1"') +
             '<p class="tk-note" data-count-note aria-live="polite"></p></fieldset>')
    actions = (f'<fieldset class="tk-files"><legend>{html_text("The visit record")}</legend>'
               '<p class="tk-note">' + html_text("Nothing you type leaves this device, and nothing is kept in the browser unless you keep a draft. Save the record as a file, and open it again to continue.") + '</p>'
               f'<p class="tk-actions"><button type="button" data-save-json>{html_text("Save as JSON")}</button> '
               f'<button type="button" data-save-csv>{html_text("Save as CSV")}</button> '
               f'<button type="button" data-print>{html_text("Print")}</button></p>'
               f'<p><label for="tk-open">{html_text("Open a saved visit (.json)")}</label> '
               '<input type="file" id="tk-open" accept=".json,application/json" data-open></p>'
               f'<p class="tk-actions"><button type="button" data-draft-keep>{html_text("Keep a draft on this device")}</button> '
               f'<button type="button" data-draft-delete>{html_text("Delete the draft")}</button></p></fieldset>')
    return (f'<section class="tool" data-visit-checklist><form class="tk-form" novalidate>{visit}'
            f'{"".join(parts)}{actions}</form><p class="tk-status" role="status" aria-live="polite"></p>'
            f'{_data({"items": [{"id": i["id"], "text": i["text"]} for i in items]})}</section>')


RENDERERS = {"risk-screen": risk_screen_html, "price-check": price_check_html,
             "clause-builder": clause_builder_html, "visit-checklist": visit_checklist_html}


def tool_links_html(sector: str, hrefs: dict[str, str]) -> str:
    """The end of a sector module: each tool, preset for the sector."""
    items = "".join(f'<li><a href="{escape(hrefs[t])}?sector={escape(sector)}">{name}</a></li>' if t in hrefs
                    else f'<li>{name}</li>' for t, name in tool_names().items())
    name = sector_names().get(sector, escape(sector)).lower()
    title = html_text("The buyer's toolkit for {sector}", sector=name)
    return (f'<aside class="tool-links admonition tip" aria-label="{html_text("The toolkit for {sector}", sector=name)}">'
            f'<p class="admonition-title">{title}</p>'
            f'<p>{html_text("Use what this module teaches in your own procurement, with each tool preset for {sector}:", sector=name)}</p>'
            f'<ul>{items}</ul></aside>')
