"""The anonymous question form (for participants) and the page that collects the saved answers
(for the facilitator). One list of questions is both the form on screen and the paper form:
printing the page prints the same questions, numbered, with lines to write on.

    ```{question-form} pre-workshop
    - ask: Which sector do you buy or audit?
      hint: Tick all that apply.
      choices: [Cleaning, Construction and maintenance, Other sector]
    - ask: What would you like to learn?
      lines: 3                 # ruled lines on paper (default 3)
    - ask: Is there a topic to handle with particular care?
      optional: true
    ```

    ```{question-collect}
    ```

Nothing typed is sent anywhere, and nothing is kept in the browser unless the participant ticks
"Keep a draft on this device" (``static/question-form.js``). The form id may be any text: it is
never used to build a CSS selector, and HTML ids are made from it safely.
"""

from __future__ import annotations

import hashlib
import re
from html import escape
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..i18n.catalogue import gettext, runtime_text
from ..source import unknown_key_hint

logger = logging.getLogger(__name__)
QUESTION_KEYS = {"ask", "hint", "choices", "lines", "optional"}
SAVED_FILE = "workshop-questions.txt"


class question_form_node(nodes.General, nodes.Element):
    """An anonymous question form: the questions, checked, and the form's id."""


class question_collect_node(nodes.General, nodes.Element):
    """The facilitator's page that merges the saved answer files into one list."""


def html_id(form_id: str) -> str:
    """A safe, stable HTML id prefix for any form id ("participant's form" -> "qf-participant-s-form-1c2f")."""
    slug = re.sub(r"[^a-z0-9]+", "-", form_id.lower()).strip("-")[:40] or "form"
    return f"qf-{slug}-{hashlib.sha1(form_id.encode('utf-8')).hexdigest()[:4]}"


def parse_questions(text: str) -> tuple[list[dict], list[tuple[int, str]]]:
    """The questions of a form's body, and the mistakes as (line in the body, message)."""
    errors: list[tuple[int, str]] = []
    try:
        for token in yaml.scan(text):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)):
                return [], [(token.start_mark.line, "anchors, aliases and tags are not allowed in a question form.")]
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [(mark.line if mark else 0, f"this is not a list of questions: {getattr(exc, 'problem', exc)}.")]
    if not isinstance(root, yaml.SequenceNode) or not root.value:
        return [], [(0, "a question form needs a list of questions, each starting with '- ask:'.")]
    questions = []
    for i, item in enumerate(root.value, 1):
        line = item.start_mark.line
        if not isinstance(item, yaml.MappingNode):
            errors.append((line, f"question {i}: write it as '- ask: the question', not as plain text."))
            continue
        q: dict = {}
        for key_node, value_node in item.value:
            key = key_node.value
            where = f"question {i}: {key}"
            if key not in QUESTION_KEYS:
                errors.append((key_node.start_mark.line, f"question {i}: unknown key '{key}'. "
                                                         f"{unknown_key_hint(key, QUESTION_KEYS)}"))
            elif key == "choices":
                if not isinstance(value_node, yaml.SequenceNode) or not value_node.value or not all(
                        isinstance(v, yaml.ScalarNode) and v.value.strip() for v in value_node.value):
                    errors.append((value_node.start_mark.line, f"{where}: a list of at least one choice, "
                                                               "e.g. [Cleaning, Catering]."))
                else:
                    q["choices"] = [v.value.strip() for v in value_node.value]
            elif not isinstance(value_node, yaml.ScalarNode):
                errors.append((value_node.start_mark.line, f"{where}: one value was expected, not a list or mapping."))
            elif key == "lines":
                if not re.fullmatch(r"[1-9]|1[0-9]|20", value_node.value.strip()):
                    errors.append((value_node.start_mark.line, f"{where}: a whole number from 1 to 20."))
                else:
                    q["lines"] = int(value_node.value)
            elif key == "optional":
                if value_node.value not in ("true", "false"):
                    errors.append((value_node.start_mark.line, f"{where}: true or false."))
                q["optional"] = value_node.value == "true"
            else:
                q[key] = " ".join(value_node.value.split())
        if not q.get("ask"):
            errors.append((line, f"question {i}: 'ask' (the question itself) is missing or empty."))
        questions.append(q)
    return questions, errors


class QuestionFormDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True  # a form id is text: "participant's form" works
    has_content = True

    def run(self):
        questions, errors = parse_questions("\n".join(self.content))
        for line, message in errors:
            # In MyST the list starts on the line after the directive's opening fence.
            logger.error("question-form: %s", message, location=(self.env.docname, self.lineno + 1 + line))
        if errors:
            return []
        node = question_form_node(form_id=self.arguments[0].strip(), questions=questions)
        self.set_source_info(node)
        return [node]


def _where(translator) -> tuple[str, Path]:
    """(the page's language, the book's folder): where runtime_text looks the form's words up."""
    from .languages import page_language

    app = translator.builder.app
    return page_language(app), Path(app.confdir)


def translated_question(q: dict, language: str, root: Path) -> dict:
    """A question with its words (ask, hint, choices) from ``course-runtime``, where the extractor
    puts them (``i18n.extract.runtime`` reads every question-form in the book). A choice's text is
    also its value in the saved file, so a form's answers are counted in the language it was filled in."""
    def text(value):
        return gettext("course-runtime", value, language, root)
    out = dict(q, ask=text(q["ask"]))
    if q.get("hint"):
        out["hint"] = text(q["hint"])
    if "choices" in q:
        out["choices"] = [text(c) for c in q["choices"]]
    return out


def _question_html(prefix: str, n: int, q: dict, where: tuple[str, Path] = ("en", Path("."))) -> str:
    qid = f"{prefix}-{n}"
    optional = runtime_text("(optional)", *where) if q.get("optional") else ""
    hint_text = " ".join(filter(None, [q.get("hint", ""), optional]))
    hint = f'<span class="qf-hint" id="{qid}-hint">{escape(hint_text)}</span>' if hint_text else ""
    ask = f'<span class="qf-num">{n}.</span> {escape(q["ask"])}'
    if "choices" in q:
        boxes = "".join(
            f'<div class="qf-choice"><input type="checkbox" id="{qid}-{j}" name="q{n}" value="{escape(c)}">'
            f'<label for="{qid}-{j}">{escape(c)}</label></div>' for j, c in enumerate(q["choices"], 1))
        return (f'<fieldset class="qf-q qf-q-choices" data-question="{n}" data-ask="{escape(q["ask"])}"><legend>{ask} {hint}</legend>'
                f"{boxes}</fieldset>")
    described = f' aria-describedby="{qid}-hint"' if hint else ""
    lines = q.get("lines", 3)
    return (f'<div class="qf-q" data-question="{n}" data-ask="{escape(q["ask"])}"><label for="{qid}">{ask}</label> {hint}'
            f'<textarea id="{qid}" name="q{n}" rows="{max(3, lines + 1)}" autocomplete="off"{described}></textarea>'
            f'<div class="qf-print" aria-hidden="true" style="min-height: {lines * 2.2:.1f}em"></div></div>')


def visit_question_form_html(self, node):
    prefix = html_id(node["form_id"])
    keep = f"{prefix}-keep"
    where = _where(self)
    # Each sentence one literal for the extractor (i18n.extract.runtime), with {file} a placeholder.
    intro = runtime_text("Nothing you write here is sent anywhere. When you have finished, save your answers as a file ({file}) or print them, and hand them in as your facilitator asks. Unless you choose to keep a draft, nothing you type stays on this computer: the form empties when you save it or leave the page.", *where, file="\0")
    parts = [
        f'<form class="question-form" data-question-form="{escape(node["form_id"])}" autocomplete="off">',
        f'<p class="qf-screen-only qf-intro">{escape(intro).replace(chr(0), f"<code>{SAVED_FILE}</code>")}</p>',
    ]
    parts += [_question_html(prefix, n, translated_question(q, *where), where) for n, q in enumerate(node["questions"], 1)]
    parts.append(
        f'<div class="qf-keep qf-screen-only"><input type="checkbox" id="{keep}" data-keep-draft>'
        f'<label for="{keep}">{escape(runtime_text("Keep a draft on this device", *where))}</label> '
        f'<span class="qf-keep-note" id="{keep}-note">'
        f'{escape(runtime_text("Only on a computer that is yours alone: the next person to use this browser could read it.", *where))}</span></div>'
        '<div class="qf-actions qf-screen-only">'
        f'<button type="button" data-action="save">{escape(runtime_text("Save as a file", *where))}</button>'
        f'<button type="button" data-action="print">{escape(runtime_text("Print", *where))}</button>'
        f'<button type="button" data-action="clear">{escape(runtime_text("Clear my answers", *where))}</button></div>'
        '<p class="qf-status qf-screen-only" role="status"></p>'
        '<p class="qf-noscript qf-screen-only">'
        f'{escape(runtime_text("Without JavaScript this form cannot be saved as a file: print the page and write your answers on paper.", *where))}</p></form>')
    self.body.append("".join(parts))
    raise nodes.SkipNode


class QuestionCollectDirective(SphinxDirective):
    has_content = False

    def run(self):
        from .editions import facilitator_only

        if not facilitator_only(self.env.app, "the page that collects answers", (self.env.docname, self.lineno)):
            return []
        node = question_collect_node()
        self.set_source_info(node)
        return [node]


def visit_question_collect_html(self, node):
    level = min(5, max(3, self.section_level + 1))
    where = _where(self)
    intro = runtime_text("Choose the files participants saved with the question form (you can choose many at once; each is called {file} or similar). They are read here, in this browser: nothing is sent anywhere and nothing is kept. Reloading or leaving the page forgets them.", *where, file="\0")
    self.body.append(
        f'<div class="question-collect" data-question-collect data-heading-level="{level}">'
        f'<p class="qf-screen-only">{escape(intro).replace(chr(0), f"<code>{SAVED_FILE}</code>")}</p>'
        f'<div class="qc-pick qf-screen-only"><label for="qc-files">{escape(runtime_text("Saved answer files", *where))}</label>'
        '<input type="file" id="qc-files" multiple accept=".txt,text/plain"></div>'
        '<p class="qc-status qf-screen-only" role="status"></p>'
        '<ul class="qc-problems qf-screen-only"></ul>'
        '<div class="qc-result"></div>'
        '<div class="qc-actions qf-screen-only">'
        f'<button type="button" data-action="print">{escape(runtime_text("Print the list", *where))}</button>'
        f'<button type="button" data-action="clear">{escape(runtime_text("Clear the list", *where))}</button></div>'
        f'<p class="qf-noscript qf-screen-only">{escape(runtime_text("This page needs JavaScript to read the files.", *where))}</p></div>')
    raise nodes.SkipNode


def setup_question_forms(app) -> None:
    app.add_node(question_form_node, html=(visit_question_form_html, None))
    app.add_node(question_collect_node, html=(visit_question_collect_html, None))
    app.add_directive("question-form", QuestionFormDirective)
    app.add_directive("question-collect", QuestionCollectDirective)


def needs_form_assets(doctree) -> bool:
    return doctree.next_node(lambda n: isinstance(n, (question_form_node, question_collect_node))) is not None
