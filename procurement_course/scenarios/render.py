"""Drawing a scenario: the worksheet every reader gets (situation, exhibits, decision points with
space to write; also what prints), the JSON the browser player steps through, and the
facilitator's answer sheet with every consequence and debrief. Text is escaped as for quizzes."""

from __future__ import annotations

from html import escape
from typing import Callable

from ..quizzes.render import LETTERS, html_text, json_for_script, runs
from .model import Scenario

OUTCOME_LABELS = {"better": "A better outcome", "mixed": "A mixed outcome", "poor": "A poor outcome"}

ExhibitHtml = Callable[[str], str]  # exhibit id -> HTML table, rendered at build time


def payload(sc: Scenario) -> dict:
    return {
        "id": sc.id,
        "title": runs(sc.title),
        "start": sc.start,
        "steps": {
            s.id: {"label": s.label, "prompt": runs(s.prompt), "exhibits": list(s.exhibits),
                   "choices": [{"text": runs(c.text), "consequence": runs(c.consequence), "next": c.next}
                               for c in s.choices]}
            for s in sc.steps
        },
        "endings": {
            e.id: {"title": runs(e.title), "outcome": OUTCOME_LABELS[e.outcome], "debrief": runs(e.debrief),
                   "indicators": list(e.indicators), "rules": runs(e.rules)}
            for e in sc.endings
        },
    }


def _exhibits(ids, exhibit_html: ExhibitHtml) -> str:
    return "".join(f"<div class=\"scenario-exhibit\" data-exhibit=\"{escape(i)}\">{exhibit_html(i)}</div>" for i in ids)


def scenario_html(sc: Scenario, exhibit_html: ExhibitHtml) -> str:
    steps = []
    for n, s in enumerate(sc.steps, 1):
        choices = "".join(f"<li>{html_text(c.text)}</li>" for c in s.choices)
        steps.append(
            f"<li class=\"scenario-static-step\" data-step=\"{escape(s.id)}\">"
            f"<p class=\"scenario-prompt\"><span class=\"scenario-num\">Decision point {n}.</span> {html_text(s.prompt)}</p>"
            f"{_exhibits(s.exhibits, exhibit_html)}"
            f"<ol class=\"scenario-static-choices\" type=\"A\">{choices}</ol>"
            "<p class=\"scenario-write\">Your choice and why:</p></li>"
        )
    return (
        f"<section class=\"scenario\" data-scenario=\"{escape(sc.id)}\" aria-label=\"Case scenario: {escape(sc.title)}\">"
        f"<p class=\"scenario-title\">{html_text(sc.title)}</p>"
        f"<div class=\"scenario-situation\"><p>{html_text(sc.situation)}</p>{_exhibits(sc.exhibits, exhibit_html)}</div>"
        f"<div class=\"scenario-static\"><ol class=\"scenario-static-steps\">{''.join(steps)}</ol>"
        "<p class=\"scenario-noscript\">With JavaScript on, you play the case here: each decision leads on "
        "to its consequences and ends in a debrief.</p></div>"
        f"<script type=\"application/json\" class=\"scenario-data\">{json_for_script(payload(sc))}</script>"
        "</section>"
    )


def answer_sheet_html(scenarios: list[Scenario]) -> str:
    """For facilitators: every decision point's choices with their consequences, and every debrief."""
    out = ["<div class=\"scenario-answer-sheet\">"]
    for sc in scenarios:
        names = {s.id: f"decision point {n}" for n, s in enumerate(sc.steps, 1)}
        names.update({e.id: f"ending “{e.title}”" for e in sc.endings})
        out.append(f"<section class=\"scenario-sheet\" data-scenario-sheet=\"{escape(sc.id)}\" "
                   f"aria-label=\"Debriefs: {escape(sc.title)}\"><p class=\"scenario-title\">{html_text(sc.title)}</p>")
        out.append("<ol class=\"scenario-sheet-steps\">")
        for s in sc.steps:
            items = "".join(
                f"<li><strong>{LETTERS[i]}.</strong> {html_text(c.text)} <em>Consequence:</em> {html_text(c.consequence)} "
                f"<em>Leads to {escape(names[c.next])}.</em></li>" for i, c in enumerate(s.choices))
            out.append(f"<li><p>{html_text(s.prompt)}</p><ul>{items}</ul></li>")
        out.append("</ol><dl class=\"scenario-sheet-endings\">")
        for e in sc.endings:
            out.append(
                f"<dt>{html_text(e.title)} ({escape(OUTCOME_LABELS[e.outcome].lower())})</dt>"
                f"<dd><p>{html_text(e.debrief)}</p><p><strong>Indicators:</strong> {escape(', '.join(e.indicators))}</p>"
                f"<p><strong>What the rules allow:</strong> {html_text(e.rules)}</p></dd>")
        out.append("</dl></section>")
    out.append("</div>")
    return "".join(out)
