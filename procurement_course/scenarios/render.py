"""Drawing a scenario: the worksheet every reader gets (situation, exhibits, decision points with
space to write; also what prints), the JSON the browser player steps through, and the
facilitator's answer sheet with every consequence and debrief and the case's branch map.

Every step carries one label, its place in the file and its title ("6 · New shift lists"), as a
heading in the player, on the worksheet and on the answer sheet, whatever path a group took.
Choices are lettered A, B, C in all three. Text is escaped as for quizzes.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from html import escape
from typing import Callable

from ..i18n.catalogue import runtime_text
from ..quizzes.render import LETTERS, html_text, json_for_script, runs
from .model import Scenario

# English, as the source and the tests name them; outcome_label() and outcome_short() give them in
# the build's language. The fixed words below go through runtime_text() (catalogue course-runtime,
# in the language the build sets: COURSE_LANGUAGE), each a literal for the extractor.
OUTCOME_LABELS = {"better": "A better outcome", "mixed": "A mixed outcome", "poor": "A poor outcome"}
OUTCOME_SHORT = {"better": "Better", "mixed": "Mixed", "poor": "Poor"}


def outcome_label(outcome: str) -> str:
    return {"better": runtime_text("A better outcome"), "mixed": runtime_text("A mixed outcome"),
            "poor": runtime_text("A poor outcome")}[outcome]


def outcome_short(outcome: str) -> str:
    return {"better": runtime_text("Better"), "mixed": runtime_text("Mixed"), "poor": runtime_text("Poor")}[outcome]


def indicator_name(name: str) -> str:
    """An ILO indicator's name (data/ilo_indicators.csv) in the build's language; the English name
    stays the id (the data check compares it)."""
    names = {
        "Abuse of vulnerability": runtime_text("Abuse of vulnerability"),
        "Deception": runtime_text("Deception"),
        "Restriction of movement": runtime_text("Restriction of movement"),
        "Isolation": runtime_text("Isolation"),
        "Physical and sexual violence": runtime_text("Physical and sexual violence"),
        "Intimidation and threats": runtime_text("Intimidation and threats"),
        "Retention of identity documents": runtime_text("Retention of identity documents"),
        "Withholding of wages": runtime_text("Withholding of wages"),
        "Debt bondage": runtime_text("Debt bondage"),
        "Abusive working and living conditions": runtime_text("Abusive working and living conditions"),
        "Excessive overtime": runtime_text("Excessive overtime"),
    }
    return names.get(name, name)

ExhibitHtml = Callable[[str], str]  # exhibit id -> HTML table, rendered at build time


class BranchMapError(Exception):
    """The branch map cannot be drawn (Graphviz missing or failing), in words an author can act on."""


def _level(level: int) -> int:
    """Headings stay within h3-h5 (the player's contract), below the page's own h1 and h2."""
    return min(5, max(3, level))


def letter(index: int) -> str:
    return LETTERS[index] if index < len(LETTERS) else str(index + 1)


def decisions_left(sc: Scenario) -> dict[str, int]:
    """For each step, the most decisions still to make from it to an ending, itself included:
    a longest path in the step graph (no cycles: the loader refuses them), found iteratively."""
    steps = {s.id: s for s in sc.steps}
    left: dict[str, int] = {}
    for first in steps:
        stack, on_stack = [first], {first}
        while stack:
            node = stack[-1]
            if node in left:
                stack.pop()
                on_stack.discard(node)
                continue
            pending = [c.next for c in steps[node].choices
                       if c.next in steps and c.next not in left and c.next not in on_stack]
            if pending:
                stack += pending
                on_stack.update(pending)
            else:
                left[node] = 1 + max((left.get(c.next, 0) for c in steps[node].choices), default=0)
                stack.pop()
                on_stack.discard(node)
    return left


def payload(sc: Scenario) -> dict:
    left = decisions_left(sc)
    return {
        "id": sc.id,
        "title": runs(sc.title),
        "start": sc.start,
        "exhibits": list(sc.exhibits),
        "steps": {
            s.id: {"label": s.label, "number": s.number, "left": left.get(s.id, 1), "prompt": runs(s.prompt),
                   "exhibits": list(s.exhibits),
                   "choices": [{"text": runs(c.text), "consequence": runs(c.consequence), "next": c.next}
                               for c in s.choices]}
            for s in sc.steps
        },
        "endings": {
            e.id: {"title": runs(e.title), "outcome": e.outcome, "rating": OUTCOME_LABELS[e.outcome],
                   "debrief": runs(e.debrief), "indicators": list(e.indicators),
                   "indicatorNames": [indicator_name(i) for i in e.indicators], "rules": runs(e.rules)}
            for e in sc.endings
        },
    }


def _exhibits(ids, exhibit_html: ExhibitHtml) -> str:
    return "".join(f"<div class=\"scenario-exhibit\" data-exhibit=\"{escape(i)}\">{exhibit_html(i)}</div>" for i in ids)


def scenario_html(sc: Scenario, exhibit_html: ExhibitHtml, level: int = 3) -> str:
    """The case as the page carries it: a worksheet (no consequences, no debriefs) that the player
    replaces on screen, and the player's data. ``level`` is the heading level of a step's label."""
    h = _level(level)
    steps = []
    write = escape(runtime_text("Your choice and why:"))
    label = escape(runtime_text("Case scenario: {title}", title=sc.title))
    noscript = escape(runtime_text("With JavaScript on, you play the case here: each decision leads on to its consequences and ends in a debrief."))
    for s in sc.steps:
        choices = "".join(f"<li>{html_text(c.text)}</li>" for c in s.choices)
        steps.append(
            f"<li class=\"scenario-static-step\" data-step=\"{escape(s.id)}\">"
            f"<h{h} class=\"scenario-step-label\">{escape(s.label)}</h{h}>"
            f"<p class=\"scenario-prompt\">{html_text(s.prompt)}</p>"
            f"{_exhibits(s.exhibits, exhibit_html)}"
            f"<ol class=\"scenario-static-choices\" type=\"A\">{choices}</ol>"
            f"<p class=\"scenario-write\">{write}</p></li>"
        )
    return (
        f"<section class=\"scenario\" data-scenario=\"{escape(sc.id)}\" data-heading-level=\"{h}\" "
        f"aria-label=\"{label}\">"
        f"<p class=\"scenario-title\">{html_text(sc.title)}</p>"
        f"<div class=\"scenario-situation\"><p>{html_text(sc.situation)}</p>{_exhibits(sc.exhibits, exhibit_html)}</div>"
        f"<div class=\"scenario-static\"><ol class=\"scenario-static-steps\">{''.join(steps)}</ol>"
        f"<p class=\"scenario-noscript\">{noscript}</p></div>"
        f"<script type=\"application/json\" class=\"scenario-data\">{json_for_script(payload(sc))}</script>"
        "</section>"
    )


# --- The branch map: a directed graph drawn by Graphviz at build time, inlined as SVG. ---

def _dot_text(text: str, width: int = 26) -> str:
    """A label for dot: quoted, wrapped onto lines of about ``width`` characters."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    quoted = [ln.replace("\\", "\\\\").replace('"', '\\"') for ln in lines]
    return '"' + "\\n".join(quoted) + '"'


def branch_map_dot(sc: Scenario) -> str:
    """The case as a graph: a box per step (its label), an ending per outcome style, arrows
    lettered with the choice that takes them. Outcomes differ by words and line style, not
    only by colour."""
    styles = {"better": 'peripheries=2, style="rounded,filled", fillcolor="#e3f1e6"',
              "mixed": 'style="rounded,dashed,filled", fillcolor="#fdf3d9"',
              "poor": 'style="rounded,bold,filled", fillcolor="#f8e1e1"'}
    out = ["digraph branches {",
           '  graph [rankdir=TB, nodesep=0.25, ranksep=0.35, fontname="DejaVu Sans"];',
           '  node [fontname="DejaVu Sans", fontsize=10, shape=box, margin="0.12,0.06"];',
           '  edge [fontname="DejaVu Sans", fontsize=10, arrowsize=0.7];',
           f'  start [shape=plaintext, label={_dot_text(runtime_text("Start"))}];',
           f'  start -> "{sc.start}";']
    for s in sc.steps:
        out.append(f'  "{s.id}" [label={_dot_text(s.label)}];')
    for e in sc.endings:
        out.append(f'  "{e.id}" [label={_dot_text(outcome_short(e.outcome) + ": " + e.title, 24)}, {styles[e.outcome]}];')
    for s in sc.steps:
        for i, c in enumerate(s.choices):
            out.append(f'  "{s.id}" -> "{c.next}" [label=" {letter(i)} "];')
    out.append("}")
    return "\n".join(out)


_SVG_CACHE: dict[str, str] = {}


def branch_map_svg(sc: Scenario) -> str:
    """The branch map as inline SVG (no file to load: it works offline and prints), with the ids
    Graphviz gives every shape removed so that several maps can share a page."""
    dot_source = branch_map_dot(sc)
    key = hashlib.sha256(dot_source.encode()).hexdigest()
    if key not in _SVG_CACHE:
        dot = shutil.which("dot")
        if dot is None:
            raise BranchMapError("the branch map needs Graphviz's dot: run tools/ensure-system-packages.sh "
                                 "(or apt-get install graphviz)")
        result = subprocess.run([dot, "-Tsvg"], input=dot_source, capture_output=True, text=True, timeout=60)
        if result.returncode != 0 or "<svg" not in result.stdout:
            raise BranchMapError(f"Graphviz could not draw the branch map: {result.stderr.strip()[:300]}")
        svg = result.stdout[result.stdout.index("<svg"):]
        svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
        svg = re.sub(r'\s(?:id|xmlns:xlink)="[^"]*"', "", svg)
        _SVG_CACHE[key] = svg.strip()
    return _SVG_CACHE[key]


def _branch_map_figure(sc: Scenario, draw: Callable[[Scenario], str]) -> str:
    caption_id = f"scenario-map-{sc.id}"
    svg = draw(sc).replace("<svg", f'<svg class="scenario-map-svg" role="img" aria-labelledby="{caption_id}"', 1)
    # A <title> first inside the <svg>: the alternative text of the figure in a tagged PDF.
    title = escape(runtime_text("Branch map of “{title}”", title=sc.title))
    svg = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + f"<title>{title}</title>", svg, count=1)
    caption = escape(runtime_text("Branch map of “{title}”: each arrow is lettered with the choice that takes it; endings are marked better, mixed or poor. The same links are listed step by step below.", title=sc.title))
    return f"<figure class=\"scenario-map\">{svg}<figcaption id=\"{caption_id}\">{caption}</figcaption></figure>"


def answer_sheet_html(scenarios: list[Scenario], level: int = 3,
                      draw: Callable[[Scenario], str] | None = branch_map_svg) -> str:
    """For facilitators: each case's branch map, every step (by its label) with the consequence
    of each lettered choice and where it leads, and every debrief. ``level`` is the heading level
    of a case's title; its steps are one below. ``draw=None`` leaves the maps out."""
    h = _level(level)
    sub = _level(h + 1)
    out = ["<div class=\"scenario-answer-sheet\">"]
    consequence = escape(runtime_text("Consequence:"))
    starts_here = escape(runtime_text("The case starts here."))
    endings_title = escape(runtime_text("Endings"))
    indicators_word = escape(runtime_text("Indicators:"))
    rules_word = escape(runtime_text("What the rules allow:"))
    for sc in scenarios:
        names = {s.id: s.label for s in sc.steps}
        names.update({e.id: runtime_text("the ending “{title}” ({outcome})", title=e.title, outcome=outcome_short(e.outcome).lower())
                      for e in sc.endings})
        leads = {k: escape(runtime_text("Leads to {name}.", name=v)) for k, v in names.items()}
        out.append(f"<section class=\"scenario-sheet\" data-scenario-sheet=\"{escape(sc.id)}\" "
                   f"aria-labelledby=\"debriefs-{escape(sc.id)}\">"
                   f"<h{h} class=\"scenario-title\" id=\"debriefs-{escape(sc.id)}\">{html_text(sc.title)}</h{h}>")
        if draw is not None:
            out.append(_branch_map_figure(sc, draw))
        for s in sc.steps:
            items = "".join(
                f"<li><strong>{letter(i)}.</strong> {html_text(c.text)} <em>{consequence}</em> {html_text(c.consequence)} "
                f"<em>{leads[c.next]}</em></li>" for i, c in enumerate(s.choices))
            start = (f"<p class=\"scenario-start-mark\">{starts_here}</p>"
                     if s.id == sc.start else "")
            out.append(f"<div class=\"scenario-sheet-step\" data-step=\"{escape(s.id)}\">"
                       f"<h{sub} class=\"scenario-step-label\">{escape(s.label)}</h{sub}>{start}"
                       f"<p>{html_text(s.prompt)}</p><ul class=\"scenario-sheet-choices\">{items}</ul></div>")
        out.append(f"<h{sub} class=\"scenario-endings-title\">{endings_title}</h{sub}>"
                   "<dl class=\"scenario-sheet-endings\">")
        for e in sc.endings:
            out.append(
                f"<dt data-ending=\"{escape(e.id)}\">{html_text(e.title)} ({escape(outcome_label(e.outcome).lower())})</dt>"
                f"<dd><p>{html_text(e.debrief)}</p><p><strong>{indicators_word}</strong> "
                f"{escape(', '.join(indicator_name(i) for i in e.indicators))}</p>"
                f"<p><strong>{rules_word}</strong> {html_text(e.rules)}</p></dd>")
        out.append("</dl></section>")
    out.append("</div>")
    return "".join(out)
