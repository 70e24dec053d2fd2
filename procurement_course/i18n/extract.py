"""msgids from the course's sources into ``.pot`` templates, one per domain (``model.DOMAINS``),
beside the pages' templates that Sphinx's gettext builder writes (``_build/gettext``).

Only text is extracted: ids, types, which options are correct, where a choice leads, sources,
numbers in the data are never in a catalogue, so no translation can change them.

- ``course-quizzes``: every quiz's title, intro, objectives' text, and every question's situation,
  prompt, options' text and feedback, explanation; the question types' instructions.
- ``course-scenarios``: title, situation; each step's title, prompt, choices' text and
  consequence; each ending's title, debrief and rules.
- ``course-settings``: the module titles in ``_config.yml``.
- ``course-data``: exhibit titles, descriptions and notes, their column headers (computed from the
  data), and the string literals handed to ``flagged_bars``, ``figure_html`` and ``table_html``
  (and ``rename(columns=...)``) in the pages' code cells. An f-string is not extracted: it is made
  at run time (its numbers come from the data) and stays English until written with placeholders.
- ``course-runtime``: the first argument of every ``course.t("...")`` (or ``C.t("...")``) call in
  ``procurement_course/static/*.js``: a plain string literal, as the convention in README asks; the
  literal first argument of ``runtime_text("...")`` in ``sphinx/``, ``publish/`` and ``scenarios/``
  (the case renderer); and the words of every ``{question-form}`` in the book (its questions, hints
  and choices: directive content, which Sphinx's gettext builder does not see).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from ..source import read_yaml, yaml_files
from .model import DOMAINS, Message

PACKAGE = Path(__file__).resolve().parents[1]

QUIZ_TEXT = {
    "quiz": ("title", "intro"),
    "objective": ("text",),
    "question": ("situation", "prompt", "explanation"),
    "option": ("text", "feedback"),
}
SCENARIO_TEXT = {
    "scenario": ("title", "situation"),
    "step": ("title", "prompt"),
    "choice": ("text", "consequence"),
    "ending": ("title", "debrief", "rules"),
}


class Messages:
    """msgids in the order first met, each with all its locations."""

    def __init__(self):
        self.by_id: dict[str, Message] = {}

    def add(self, text, file: str, line: int, comment: str = "") -> None:
        if not isinstance(text, str) or not text.strip():
            return
        message = self.by_id.setdefault(text, Message(text, comment=comment))
        message.locations.append((file, line))


def _fields(messages: Messages, doc, item, path, names) -> None:
    for name in names:
        if isinstance(item, dict) and name in item:
            messages.add(item[name], doc.file, doc.line(path + (name,)), ".".join(map(str, path + (name,))))


def _list(item, key):
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, list) else []


def quizzes(root: Path) -> Messages:
    from ..quizzes.model import QUESTION_TYPES

    messages = Messages()
    for path in yaml_files(root / "quizzes"):
        doc = read_yaml(path, str(path.relative_to(root)))
        for i, quiz in enumerate(_list(doc.data, "quizzes")):
            qp = ("quizzes", i)
            _fields(messages, doc, quiz, qp, QUIZ_TEXT["quiz"])
            for j, objective in enumerate(_list(quiz, "objectives")):
                _fields(messages, doc, objective, qp + ("objectives", j), QUIZ_TEXT["objective"])
            for j, question in enumerate(_list(quiz, "questions")):
                _fields(messages, doc, question, qp + ("questions", j), QUIZ_TEXT["question"])
                for k, option in enumerate(_list(question, "options")):
                    _fields(messages, doc, option, qp + ("questions", j, "options", k), QUIZ_TEXT["option"])
    model = PACKAGE / "quizzes" / "model.py"
    for instruction in QUESTION_TYPES.values():
        messages.add(instruction, str(model.relative_to(PACKAGE.parent)), _line_of(model, instruction))
    return messages


def scenarios(root: Path) -> Messages:
    messages = Messages()
    for path in yaml_files(root / "scenarios"):
        doc = read_yaml(path, str(path.relative_to(root)))
        scenario_list = _list(doc.data, "scenarios") or ([doc.data] if isinstance(doc.data, dict) else [])
        prefix = ("scenarios",) if _list(doc.data, "scenarios") else ()
        for i, scenario in enumerate(scenario_list):
            sp = prefix + (i,) if prefix else ()
            _fields(messages, doc, scenario, sp, SCENARIO_TEXT["scenario"])
            for j, step in enumerate(_list(scenario, "steps")):
                _fields(messages, doc, step, sp + ("steps", j), SCENARIO_TEXT["step"])
                for k, choice in enumerate(_list(step, "choices")):
                    _fields(messages, doc, choice, sp + ("steps", j, "choices", k), SCENARIO_TEXT["choice"])
            for j, ending in enumerate(_list(scenario, "endings")):
                _fields(messages, doc, ending, sp + ("endings", j), SCENARIO_TEXT["ending"])
    return messages


def settings(root: Path) -> Messages:
    messages = Messages()
    doc = read_yaml(root / "_config.yml", "_config.yml")
    course = (((doc.data or {}).get("sphinx") or {}).get("config") or {}).get("course") or {}
    for i, module in enumerate(_list(course, "modules")):
        _fields(messages, doc, module, ("sphinx", "config", "course", "modules", i), ("title",))
    return messages


def _line_of(path: Path, text: str) -> int:
    source = path.read_text(encoding="utf-8")
    at = source.find(text[:40])
    return source.count("\n", 0, at) + 1 if at >= 0 else 1


DATA_CALLS = {"flagged_bars": ("title", "xlabel", "ylabel", "reference_label"),
              "figure_html": ("caption",), "table_html": ("title", "note"),
              "localized": (), "data_text": ()}  # sentences with {placeholders}; cell values
POSITIONAL = {"figure_html": {2}, "table_html": {1, 2}, "localized": {0}, "data_text": {0}}


def _code_cells(text: str):
    """(first line, code) of every ```{code-cell} block of a MyST page."""
    for match in re.finditer(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, re.M | re.S):
        body = match.group(1)
        body = re.sub(r"\A(---\n.*?\n---\n|(:\w[^\n]*\n)+)", lambda m: "\n" * m.group(0).count("\n"), body, flags=re.S)
        yield text.count("\n", 0, match.start(1)) + 1, body


def toolkit_texts(root: Path):
    """(text, file, line) of the buyer's toolkit's data text: rules' reasons, levels' meanings,
    measures, rate labels, clauses (title, purpose, text), checklist items, the sectors' patterns
    and the ILO indicators. Sources and numbers stay as written (they are citations and data)."""
    import csv

    fields = {"toolkit_risk_rules": ("reason",), "toolkit_risk_levels": ("meaning",),
              "toolkit_measures": ("text",), "toolkit_rates": ("label",),
              "toolkit_clauses": ("title", "purpose", "text"), "toolkit_checklist": ("text",),
              "sector_risks": ("pattern",), "ilo_indicators": ("indicator",)}
    for name, columns in fields.items():
        path = root / "data" / f"{name}.csv"
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            for row in reader:
                for column in columns:
                    yield row.get(column) or "", f"data/{name}.csv", reader.line_num


def data(root: Path) -> Messages:
    from ..datasets import charts, exhibits

    messages = Messages()
    exhibits_py = str((PACKAGE / "datasets" / "exhibits.py").relative_to(PACKAGE.parent))
    exhibit_source = PACKAGE / "datasets" / "exhibits.py"
    for note in (exhibits.SYNTHETIC_NOTE, exhibits.MINIMUM_NOTE):
        messages.add(note, exhibits_py, _line_of(exhibit_source, note))
    for exhibit in exhibits.EXHIBITS.values():
        for text in (exhibit.title, exhibit.description, exhibit.note):
            messages.add(text, exhibits_py, _line_of(exhibit_source, text))
        try:
            columns = exhibit.table(root / "data").columns
        except Exception:  # broken data is reported by the build's own checks
            columns = []
        for column in columns:
            messages.add(str(column), exhibits_py, _line_of(exhibit_source, f'"{column}"'))
    for module in sorted((PACKAGE / "datasets").glob("*.py")):  # _("...") where data_text is imported as _
        source = module.read_text(encoding="utf-8")
        if "data_text as _" in source:
            for match in re.finditer(r"""(?<![\w.])_\(("(?:[^"\\\n]|\\.)*")\)""", source):
                messages.add(json.loads(match.group(1)), str(module.relative_to(PACKAGE.parent)),
                             source.count("\n", 0, match.start()) + 1)
    for text, where, line in toolkit_texts(root):
        messages.add(text, where, line)
    charts_py = PACKAGE / "datasets" / "charts.py"
    for label in charts.LEGEND_LABELS:
        messages.add(label, str(charts_py.relative_to(PACKAGE.parent)), _line_of(charts_py, label))
    for page in sorted((root / "book").rglob("*.md")):
        rel = str(page.relative_to(root))
        for first, code in _code_cells(page.read_text(encoding="utf-8")):
            try:
                tree = ast.parse(code)
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                strings = []
                if name in DATA_CALLS:
                    strings += [k.value for k in node.keywords if k.arg in DATA_CALLS[name]]
                    strings += [a for i, a in enumerate(node.args) if i in POSITIONAL.get(name, ())]
                elif name == "rename":
                    for k in node.keywords:
                        if k.arg == "columns" and isinstance(k.value, ast.Dict):
                            strings += k.value.values
                for s in strings:
                    if isinstance(s, ast.Constant) and isinstance(s.value, str):
                        messages.add(s.value, rel, first + s.lineno - 1)
    return messages


# course.t("..."), C.t("...") (C: a runtime's local name for window.course), or t("...") inside core.js.
RUNTIME_CALL = re.compile(r"""(?:\b(?:course|C)\.|(?<![\w.$]))t\(\s*("(?:[^"\\\n]|\\.)*")""")


# The few runtime-domain strings the Python side writes itself (the language switch's label, the
# handbook's cover): gettext("course-runtime", "...") or runtime_text("...").
PYTHON_RUNTIME_CALL = re.compile(r"""(?:gettext\(\s*"course-runtime",\s*|(?:runtime|html)_text\(\s*)("(?:[^"\\\n]|\\.)*")""")


# The theme's own words: {{ course_t("Skip to main content") }} (sphinx/languages.py gives course_t).
THEME_CALL = re.compile(r"""course_t\(\s*("(?:[^"\\\n]|\\.)*")""")


def _question_forms(root: Path, messages: Messages) -> None:
    """The words of every question-form in the book (questions, hints, choices): directive content,
    which Sphinx's gettext builder does not extract; ``sphinx/question_form.py`` looks them up."""
    from ..sphinx.question_form import parse_questions

    for page in sorted((root / "book").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"^```\{question-form\}[^\n]*\n(.*?)^```", text, re.M | re.S):
            first = text.count("\n", 0, match.start(1)) + 1
            for q in parse_questions(match.group(1))[0]:
                for value in [q.get("ask"), q.get("hint"), *q.get("choices", [])]:
                    if value:
                        messages.add(value, str(page.relative_to(root)), first + _line_in(match.group(1), value))


def _line_in(body: str, value: str) -> int:
    at = body.find(value.split()[0]) if value.split() else -1
    return body.count("\n", 0, at) if at >= 0 else 0


def runtime(root: Path) -> Messages:
    messages = Messages()
    # Every module of the package that writes text outside the browser (renderers, directives, the
    # handbook): i18n/ itself only documents the calls.
    for module in sorted(p for p in PACKAGE.rglob("*.py") if "i18n" not in p.relative_to(PACKAGE).parts):
        source = module.read_text(encoding="utf-8")
        for match in PYTHON_RUNTIME_CALL.finditer(source):
            messages.add(json.loads(match.group(1)), str(module.relative_to(PACKAGE.parent)),
                         source.count("\n", 0, match.start()) + 1)
    _question_forms(root, messages)
    for template in sorted((PACKAGE / "theme").rglob("*.html")):  # {{ course_t("...") }} in the theme
        source = template.read_text(encoding="utf-8")
        for match in THEME_CALL.finditer(source):
            messages.add(json.loads(match.group(1)), str(template.relative_to(PACKAGE.parent)),
                         source.count("\n", 0, match.start()) + 1)
    for script in sorted([*(PACKAGE / "static").glob("*.js"), *(PACKAGE / "theme").rglob("*.js")]):
        source = script.read_text(encoding="utf-8")
        for match in RUNTIME_CALL.finditer(source):
            messages.add(json.loads(match.group(1)), str(script.relative_to(PACKAGE.parent)),
                         source.count("\n", 0, match.start()) + 1)
    return messages


EXTRACTORS = {"course-quizzes": quizzes, "course-scenarios": scenarios, "course-data": data,
              "course-settings": settings, "course-runtime": runtime}
assert set(EXTRACTORS) == set(DOMAINS)


def write_pot(messages: Messages, domain: str, path: Path) -> int:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalogue = Catalog(project="procurement-course", header_comment=f"# {DOMAINS[domain]}\n# Made by 'make i18n'; do not edit.")
    for message in messages.by_id.values():
        catalogue.add(message.msgid, locations=message.locations,
                      flags=("python-format",) if re.search(r"%\(?\w*\)?[sd]", message.msgid) else ())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalogue, width=100, omit_header=False, sort_output=False)
    return len(messages.by_id)


def extract_all(root: Path, out: Path) -> dict[str, int]:
    """Write every domain's template into ``out``; the number of msgids of each."""
    return {domain: write_pot(extractor(root), domain, out / f"{domain}.pot")
            for domain, extractor in EXTRACTORS.items()}
