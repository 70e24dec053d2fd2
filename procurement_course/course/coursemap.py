"""The course map: what the browser's learner record needs to know about the course, computed at
build time from the settings (``_config.yml``) and from what each page carries (which quiz, which
case). Written once per build as ``_static/course-map.js``; every page loads it.

It is also where the module rules are checked: a module's pages are in the table of contents,
it carries exactly one quiz (completion needs one), and at most one case scenario.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass

from ..source import SourceError
from .settings import CourseSettings

WORDS_PER_MINUTE = 200      # reading speed for the estimate on the start page
MINUTES_PER_QUESTION = 1.5
MINUTES_PER_CASE = 10


@dataclass(frozen=True)
class PageFacts:
    """What one built page carries."""

    title: str
    words: int
    quizzes: tuple[str, ...] = ()
    scenarios: tuple[str, ...] = ()


def estimate_minutes(words: int, questions: int, cases: int) -> int:
    raw = words / WORDS_PER_MINUTE + questions * MINUTES_PER_QUESTION + cases * MINUTES_PER_CASE
    return max(5, int(math.ceil(raw / 5.0) * 5))


def build_map(settings: CourseSettings, pages: dict[str, PageFacts], quiz_sizes: dict[str, int],
              special: dict[str, str], title: str, order: list[str] | None = None) -> tuple[dict, list[SourceError]]:
    """The course map (JSON-ready) and every mistake in the module definitions.

    ``pages``: facts of every page in the build, by docname; ``quiz_sizes``: questions per quiz;
    ``special``: docnames of the course's own pages (``assessment``, ``record``, ``start``);
    ``order``: the pages in the order of the table of contents (a module's lessons must follow it,
    so that "Lesson 2 of 5" and Previous / Next agree). Every page loads the map, so it holds only
    what the browser needs."""
    errors: list[SourceError] = []
    modules = []
    place = {p: i for i, p in enumerate(order or [])}
    for i, m in enumerate(settings.modules):
        field = f"sphinx.config.course.modules[{i}]"
        line = settings.module_line(i)
        missing = [p for p in m.pages if p not in pages]
        if missing:
            errors.append(SourceError(settings.file, line, f"{field}.pages",
                                      f"{', '.join(repr(p) for p in missing)} is not a page of this build.",
                                      "Write pages as in _toc.yml, without '.md'."))
            continue
        if place and [p for p in m.pages if p in place] != sorted((p for p in m.pages if p in place), key=place.get):
            errors.append(SourceError(settings.file, line, f"{field}.pages",
                                      "the pages are not in the order of _toc.yml, so the lessons would be "
                                      "numbered in another order than Previous / Next takes them.",
                                      "List them in the order of _toc.yml."))
            continue
        still = [p for p in m.former_pages if p in pages]
        if still:
            errors.append(SourceError(settings.file, line, f"{field}.former_pages",
                                      f"{', '.join(repr(p) for p in still)} is still a page of this build; the "
                                      "redirect page would overwrite it.", "Remove it from former_pages."))
            continue
        quizzes = [(p, q) for p in m.pages for q in pages[p].quizzes]
        cases = [s for p in m.pages for s in pages[p].scenarios]
        case_pages = [p for p in m.pages for _ in pages[p].scenarios]
        if len(quizzes) != 1:
            found = ", ".join(q for _, q in quizzes) or "none"
            errors.append(SourceError(settings.file, line, f"{field}.pages",
                                      f"a module needs exactly one quiz on its pages (its completion depends on it); "
                                      f"found {found}.", "Place one quiz on one of the module's pages."))
            continue
        if len(cases) > 1:
            errors.append(SourceError(settings.file, line, f"{field}.pages",
                                      f"a module has at most one case scenario; found {', '.join(cases)}."))
            continue
        page, quiz = quizzes[0]
        questions = quiz_sizes.get(quiz, 0)
        words = sum(pages[p].words for p in m.pages)
        modules.append({
            "id": m.id, "title": m.title, "pages": list(m.pages), "page": page, "quiz": quiz,
            "questions": questions, "case": cases[0] if cases else None,
            "casePage": case_pages[0] if cases else None,
            "minutes": m.minutes or estimate_minutes(words, questions, len(cases)),
            "required": m.required,
        })
    course = {
        "title": title,
        "passMark": settings.pass_mark,
        "tries": settings.tries,
        "assessment": {"page": special.get("assessment", ""), "size": settings.assessment_questions,
                       "afterModules": settings.assessment_after_modules},
        "record": special.get("record", ""),
        "start": special.get("start", ""),
        "modules": modules,
    }
    # A digest of the structure, so that a record kept by an LMS for another version is recognised.
    structure = json.dumps([[m["id"], m["quiz"], m["case"]] for m in modules], separators=(",", ":"))
    course["version"] = hashlib.sha256(structure.encode()).hexdigest()[:8]
    return course, errors


def map_script(course: dict) -> str:
    """``_static/course-map.js``: a classic script (file:// refuses to fetch JSON)."""
    data = json.dumps(course, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"globalThis.courseMap={data};\n"
