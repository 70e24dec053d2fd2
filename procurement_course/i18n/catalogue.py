"""Catalogues at build time: ``.po`` files read with Babel (which ships with Sphinx), looked up by
their English msgid. An entry that is untranslated or fuzzy gives the English text back, so a
half-translated catalogue builds (``make i18n`` and ``tests/test_i18n.py`` say what is missing).

Code cells (charts, exhibits) run in a Jupyter kernel: they learn the language from the
environment variable the build sets (``COURSE_LANGUAGE``), and find the catalogues by walking up
from the working folder to the book's ``_config.yml``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from .model import LANGUAGE_VARIABLE, SOURCE_LANGUAGE, catalogue_path


def current_language() -> str:
    return os.environ.get(LANGUAGE_VARIABLE) or SOURCE_LANGUAGE


def find_root(start: Path | None = None) -> Path | None:
    """The book's root folder (the one with ``_config.yml``), from ``start`` or the working folder up."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file():
            return folder
    return None


def read_catalogue(path: Path):
    """A Babel catalogue, or None when the file does not exist."""
    from babel.messages.pofile import read_po

    if not path.is_file():
        return None
    with path.open("rb") as f:
        return read_po(f, abort_invalid=True)


@lru_cache(maxsize=None)
def translations(root: str, language: str, domain: str) -> dict[str, str]:
    """msgid -> msgstr of the finished entries (translated, not fuzzy) of one catalogue."""
    catalogue = read_catalogue(catalogue_path(Path(root), language, domain))
    if catalogue is None:
        return {}
    found = {m.id: m.string for m in catalogue
             if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}
    # A YAML block scalar (``prompt: |``) ends in a newline, which the extractor keeps in the msgid
    # while the loaded models strip it: look those up by their stripped text too.
    for msgid, msgstr in list(found.items()):
        if msgid != msgid.strip():
            found.setdefault(msgid.strip(), msgstr.strip())
    return found


def gettext(domain: str, text: str, language: str | None = None, root: Path | None = None) -> str:
    """``text`` in ``language`` (default: the build's), or ``text`` itself when there is no
    finished translation."""
    language = language or current_language()
    if language == SOURCE_LANGUAGE or not text:
        return text
    root = root or find_root()
    if root is None:
        return text
    return translations(str(root), language, domain).get(text, text)


def runtime_text(text: str, language: str | None = None, root: Path | None = None, **values) -> str:
    """A string the course writes itself outside the browser (the handbook's cover, the language
    switch's label), from ``course-runtime``, with ``{name}`` placeholders filled from ``values``.
    The extractor reads the first argument of every ``runtime_text("...")`` call."""
    out = gettext("course-runtime", text, language, root)
    return out.format(**values) if values else out


def data_text(text: str) -> str:
    """An exhibit's, chart's or table's label in the build's language (domain ``course-data``)."""
    return gettext("course-data", text)


# How each language writes numbers: thousands separator (a no-break space in Finnish and Swedish)
# and decimal mark. The runtime's course.number() follows the same table (static/core.js).
NUMBER_FORMAT = {"en": (",", "."), "fi": ("\u00a0", ","), "sv": ("\u00a0", ",")}


def local_number(text: str, language: str | None = None) -> str:
    """A number written the English way ('1,234.5', '-12') as ``language`` writes it ('1 234,5')."""
    thousands, decimal = NUMBER_FORMAT.get(language or current_language(), NUMBER_FORMAT["en"])
    if thousands == "," and decimal == ".":
        return text
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
