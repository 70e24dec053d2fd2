"""Completion rules, as an author writes them in ``_config.yml`` (``sphinx: config: course:``)::

    course:
      pass_mark: 80            # percent, for module quizzes and the final assessment
      tries: 2                 # tries at each quiz question before the answer is shown
      assessment_questions: 20 # questions drawn afresh for each attempt at the final assessment
      assessment_after_modules: true  # the final assessment opens once every required module is
                               # done (default); false: it can be taken at any time
      modules:                 # in course order
        - id: foundations
          title: Foundations
          pages: [book/foundations/exploitation-and-trafficking, book/foundations/indicators]
          required: true       # optional, default true: the course is complete when every
                               # required module is done
          minutes: 40          # optional: the time the course states for the module, on the
                               # start page, its total and the tables of durations (else estimated)
          former_pages: []     # optional: pages the module used to be (before it was split into
                               # lessons); each gets a page that sends old links to the right lesson

A module is done when its quiz is checked at or above the pass mark and its case scenario, if
it has one, reached an ending. Mistakes are reported with file, line and field like any source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..source import Checker, Document, SourceError, read_yaml, SourceErrors

COURSE_KEYS = {"pass_mark", "tries", "assessment_questions", "assessment_after_modules", "modules"}
MODULE_KEYS = {"id", "title", "pages", "required", "minutes", "former_pages"}


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    pages: tuple[str, ...]
    required: bool = True
    minutes: int | None = None
    line: int = 0
    former_pages: tuple[str, ...] = ()


@dataclass(frozen=True)
class CourseSettings:
    pass_mark: int = 80
    tries: int = 2
    assessment_questions: int = 20
    assessment_after_modules: bool = True
    modules: tuple[Module, ...] = ()
    file: str = "_config.yml"
    line: int = 1
    lines: dict = field(default_factory=dict, compare=False)  # field path -> line, for later messages

    def module_line(self, index: int) -> int:
        return self.modules[index].line or self.line


def _number(c: Checker, value, path, low: int, high: int, what: str) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        c.fail(path, f"expected {what}, a whole number from {low} to {high}, found '{value}'.")
        return None
    return value


def check_course(doc: Document, path: tuple) -> tuple[CourseSettings, list[SourceError]]:
    """The settings at ``path`` in ``doc`` (e.g. ("sphinx", "config", "course")), and every mistake."""
    c = Checker(doc, None)
    raw = doc.data
    for part in path:
        raw = raw.get(part) if isinstance(raw, dict) else None
    if raw is None:
        return CourseSettings(file=doc.file), []
    if not c.mapping(raw, path, COURSE_KEYS, [], "the course settings"):
        return CourseSettings(file=doc.file), c.errors
    settings = {}
    for key, low, high, what in (("pass_mark", 1, 100, "a percentage"), ("tries", 1, 9, "a number of tries"),
                                 ("assessment_questions", 1, 200, "a number of questions")):
        if key in raw:
            value = _number(c, raw[key], path + (key,), low, high, what)
            if value is not None:
                settings[key] = value
    if "assessment_after_modules" in raw:
        after = raw["assessment_after_modules"]
        if isinstance(after, bool):
            settings["assessment_after_modules"] = after
        else:
            c.fail(path + ("assessment_after_modules",), f"'assessment_after_modules' must be true or false, found '{after}'.",
                   "Write true (the assessment opens once the required modules are done) or false (at any time).")
    modules: list[Module] = []
    items = raw.get("modules", [])
    if not isinstance(items, list):
        c.fail(path + ("modules",), "expected a list of modules, each starting with '- id:'.")
        items = []
    seen: dict[str, int] = {}
    pages_seen: dict[str, str] = {}
    for i, m in enumerate(items):
        mp = path + ("modules", i)
        if not c.mapping(m, mp, MODULE_KEYS, ["id", "title", "pages"], "a module"):
            continue
        module_id = c.unique_id(m, mp, i, seen, "module", "modules", "Give every module its own id.")
        pages = m.get("pages")
        if not isinstance(pages, list) or not pages or not all(isinstance(p, str) and p.strip() for p in pages):
            c.fail(mp + ("pages",), "expected a list of pages, as in _toc.yml, e.g. [book/sectors/cleaning].")
            pages = []
        for j, page in enumerate(pages):
            if page in pages_seen:
                c.fail(mp + ("pages", j), f"the page '{page}' is already in the module '{pages_seen[page]}'.",
                       "A page belongs to one module at most.")
            pages_seen.setdefault(page, module_id)
        required = m.get("required", True)
        if not isinstance(required, bool):
            c.fail(mp + ("required",), f"'required' must be true or false, found '{required}'.")
            required = True
        minutes = _number(c, m["minutes"], mp + ("minutes",), 1, 1000, "minutes") if "minutes" in m else None
        former = m.get("former_pages", [])
        if not isinstance(former, list) or not all(isinstance(p, str) and p.strip() for p in former):
            c.fail(mp + ("former_pages",), "expected a list of pages the module used to be, e.g. [book/sectors/cleaning].")
            former = []
        for j, page in enumerate(former):
            if page in pages_seen or page in pages:
                c.fail(mp + ("former_pages", j), f"'{page}' is a page of a module; a former page is one that no longer exists.",
                       "Remove it from former_pages.")
        modules.append(Module(module_id, c.text(m.get("title"), mp + ("title",)), tuple(p.strip() for p in pages),
                              required, minutes, doc.line(mp + ("id",)), tuple(p.strip() for p in former)))
    lines = {"modules": doc.line(path + ("modules",))}
    return CourseSettings(modules=tuple(modules), file=doc.file, line=doc.line(path), lines=lines, **settings), c.errors


def load_course_settings(confdir: Path) -> CourseSettings:
    """The course settings of a Jupyter Book (``_config.yml``); defaults when there are none.
    Raises ``SourceErrors`` listing every mistake."""
    config = confdir / "_config.yml"
    if not config.is_file():
        return CourseSettings(file="conf.py")
    doc = read_yaml(config, "_config.yml")
    settings, errors = check_course(doc, ("sphinx", "config", "course"))
    if errors:
        raise SourceErrors(errors)
    return settings
