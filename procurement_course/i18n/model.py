"""What is translated, and where it lives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SOURCE_LANGUAGE = "en"
LANGUAGES = ("fi", "sv")          # the translated editions, each built into _build/html/<lang>/
ALL_LANGUAGES = (SOURCE_LANGUAGE,) + LANGUAGES
LANGUAGE_NAMES = {"en": "English", "fi": "Suomi", "sv": "Svenska"}  # each in its own language
LANGUAGE_VARIABLE = "COURSE_LANGUAGE"   # set by the build for code cells (charts, exhibits)

# Our own catalogues, beside Sphinx's page catalogues (one per page, book/...po).
DOMAINS = {
    "course-quizzes": "quiz banks (quizzes/*.yml): titles, intros, objectives, prompts, options, feedback",
    "course-scenarios": "case scenarios (scenarios/*.yml): situations, steps, choices, consequences, endings",
    "course-data": "exhibits, charts and tables: captions, titles, axis labels, column headers, notes",
    "course-settings": "_config.yml: the module titles of the completion rules",
    "course-runtime": "strings the browser runtime shows (course.t(...) in procurement_course/static/*.js)",
}


@dataclass
class Message:
    """One msgid, with every place in the sources it comes from (file, line)."""

    msgid: str
    locations: list[tuple[str, int]] = field(default_factory=list)
    comment: str = ""


def locale_dir(root: Path) -> Path:
    return root / "locale"


def templates_dir(root: Path) -> Path:
    """Where the .pot templates are written: Sphinx's gettext builder writes the pages' there, the
    extractor ours, so that one ``sphinx-intl update`` brings every catalogue up to date."""
    return root / "_build" / "gettext"


def catalogue_path(root: Path, language: str, domain: str) -> Path:
    return locale_dir(root) / language / "LC_MESSAGES" / f"{domain}.po"
