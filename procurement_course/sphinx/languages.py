"""The Sphinx side of the course's languages (see ``procurement_course/i18n`` and the README).

A language is a dimension of the build, like the edition: the same source built with Sphinx's
``language`` set to ``fi`` or ``sv`` (by ``publish/editions.py``). This module then

- refuses the build when a catalogue of that language breaks a rule of ``i18n.check``
  (placeholders, markup, links, numbers), with file, line and msgid;
- tells code cells and exhibits the language (``COURSE_LANGUAGE``, which kernels inherit);
- translates the quiz banks, scenarios and module titles (text only, ``i18n.translate``);
- puts the page language's runtime catalogue (``course-runtime.po``) into every page as a small
  JSON object read by ``course.t()`` in ``static/core.js``;
- gives the theme the links of the language switch: the same page in each other language.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ..i18n import translate
from ..i18n.catalogue import gettext, runtime_text, translations
from ..i18n.check import check_locale
from ..i18n.model import ALL_LANGUAGES, LANGUAGE_NAMES, LANGUAGE_VARIABLE, LANGUAGES, SOURCE_LANGUAGE, catalogue_path

logger = logging.getLogger(__name__)


def page_language(app: Sphinx) -> str:
    language = app.config.language or SOURCE_LANGUAGE
    return language if language in ALL_LANGUAGES else SOURCE_LANGUAGE


def start_language(app: Sphinx, config) -> None:
    """Before any page is read: the language for code cells, and the catalogues' check."""
    language = page_language(app)
    os.environ[LANGUAGE_VARIABLE] = language
    translations.cache_clear()
    if language == SOURCE_LANGUAGE:
        return
    # The course's name in every page's <title>, the header and the course map (certificate, import).
    # The course map keeps the English title as the course's identity (an exported record names it,
    # and a record moves between languages); the translated one is for display.
    app.course_source_title = config.html_title
    if config.html_title == "Labour exploitation in public procurement":
        config.html_title = runtime_text("Labour exploitation in public procurement", language, Path(app.confdir))
    locale = Path(app.confdir) / "locale"
    if locale.is_dir():
        for error in check_locale(locale, [language]):
            where, _, what = error.partition(": ")
            # Sphinx writes "location:message": the space makes it read "file:line: msgid ...".
            logger.error(" %s", what, location=where)


def translate_sources(app: Sphinx) -> None:
    """Called by ``extension.load_sources`` once the English banks are loaded and checked."""
    language = page_language(app)
    if language == SOURCE_LANGUAGE:
        return
    root = Path(app.confdir)

    def lookup(domain):
        return lambda text: gettext(domain, text, language, root)

    if getattr(app, "course_quiz_bank", None) is not None:
        app.course_quiz_bank = translate.quiz_bank(app.course_quiz_bank, lookup("course-quizzes"))
    if getattr(app, "course_scenario_bank", None) is not None:
        app.course_scenario_bank = translate.scenario_bank(app.course_scenario_bank, lookup("course-scenarios"))
    if getattr(app, "course_settings", None) is not None:
        app.course_settings = translate.course_settings(app.course_settings, lookup("course-settings"))


def switch_style(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("language-switch.css")


def _runtime_strings_by_script(root: Path, language: str) -> dict[str, dict[str, str]]:
    """The finished entries of ``course-runtime``, by the script that shows them (the .po's ``#:``
    locations): a page carries only its own scripts' words."""
    from ..i18n.catalogue import read_catalogue

    by_script: dict[str, dict[str, str]] = {}
    catalogue = read_catalogue(catalogue_path(root, language, "course-runtime"))
    for m in catalogue or []:
        if not (m.id and isinstance(m.id, str) and m.string and not m.fuzzy):
            continue
        for location, _ in m.locations:
            if str(location).endswith(".js"):
                by_script.setdefault(Path(str(location)).name, {})[m.id] = m.string
    return by_script


# Scripts whose words a page needs although it does not load them itself: present mode is loaded
# on demand by the case player; the LMS launch page's note is rewritten by the page in its frame.
_ALSO = {"scenario.js": ["present.js"]}
_ALWAYS = ["core.js", "lms.js"]


def runtime_catalogue(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The runtime's strings in the page language, for the scripts this page loads: a JSON object in
    the page (``<script type="application/json" id="course-i18n">``). Connected late, so that every
    runtime a page adds (quiz, case player, tools ...) is in ``script_files`` already."""
    language = page_language(app)
    if language == SOURCE_LANGUAGE or app.builder.format != "html":
        return
    cache = app.__dict__.setdefault("course_runtime_by_script", {})
    if language not in cache:
        cache[language] = _runtime_strings_by_script(Path(app.confdir), language)
    by_script = cache[language]
    scripts = [Path(str(getattr(js, "filename", js) or "")).name for js in context.get("script_files", [])]
    wanted = set(scripts) | set(_ALWAYS)
    for script in scripts:
        wanted.update(_ALSO.get(script, []))
    strings: dict[str, str] = {}
    for script in sorted(wanted):
        strings.update(by_script.get(script, {}))
    body = json.dumps(strings, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    app.add_js_file(None, body=body, type="application/json", id="course-i18n", priority=1)


def language_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``course_languages``: (code, name, relative href, is this page) for the switch. The English
    edition is the site's root, each other one a folder beside its pages (``fi/``, ``sv/``)."""
    if app.builder.name != "html":
        context["course_languages"] = []
        return
    language = page_language(app)
    up = "../" * pagename.count("/") + ("../" if language != SOURCE_LANGUAGE else "")
    links = []
    for code in ALL_LANGUAGES:
        folder = "" if code == SOURCE_LANGUAGE else code + "/"
        links.append((code, LANGUAGE_NAMES[code], f"{up}{folder}{pagename}.html", code == language))
    context["course_languages"] = links
    context["course_language_label"] = gettext("course-runtime", "Language", language, Path(app.confdir))


def runtime_catalogue_dependency(app: Sphinx, docname: str, source: list) -> None:
    """Every page carries the runtime catalogue and the renderers' words (quiz, assessment, record):
    a changed course-runtime.po makes every page outdated, else Sphinx keeps the pages it wrote
    with the old strings."""
    language = page_language(app)
    if language != SOURCE_LANGUAGE:
        app.env.note_dependency(str(catalogue_path(Path(app.confdir), language, "course-runtime")))


def theme_text(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``course_t("English {name}", name=x)`` for the theme's templates: its own words (skip link,
    search, footer) in the page language, from course-runtime (extracted from theme/**/*.html)."""
    language, root = page_language(app), Path(app.confdir)
    context["course_t"] = lambda text, **values: runtime_text(text, language, root, **values)


def notebook_labels(app: Sphinx, config) -> None:
    """The code cells' toggle (myst-nb's nb_code_prompt_show/hide, set in _config.yml) in the page
    language; before myst-nb reads its configuration (priority 400)."""
    language, root = page_language(app), Path(app.confdir)
    if config.nb_code_prompt_show == "Show the analysis":
        config.nb_code_prompt_show = runtime_text("Show the analysis", language, root)
    if config.nb_code_prompt_hide == "Hide the analysis":
        config.nb_code_prompt_hide = runtime_text("Hide the analysis", language, root)


def unique_ids(app: Sphinx, doctree, docname: str) -> None:
    """A translated paragraph is parsed on its own, so the ids docutils gives its citations (id4,
    id6 ...) can repeat ids elsewhere on the page; an id is unique on a page (HTML), so a repeat gets
    a suffix."""
    if page_language(app) == SOURCE_LANGUAGE:
        return
    from docutils import nodes

    seen: set[str] = set()
    for node in doctree.findall(nodes.Element):
        ids = node.get("ids")
        if not ids:
            continue
        kept = []
        for i in ids:
            if i in seen:
                n = 2
                while f"{i}-{n}" in seen:
                    n += 1
                i = f"{i}-{n}"
            seen.add(i)
            kept.append(i)
        node["ids"] = kept


class TranslateTocCaptions(SphinxTransform):
    """The parts' captions in the side navigation ("Start here", "Sector modules"), in the page's
    language. Sphinx translates a toctree's caption in its Locale transform (priority 20), but
    sphinx-external-toc inserts the toctrees from _toc.yml later (priority 100): translated here,
    right after, from the root page's catalogue, where Sphinx's gettext builder put them."""
    default_priority = 101

    def apply(self, **kwargs) -> None:
        language = page_language(self.app)
        if language == SOURCE_LANGUAGE:
            return
        from sphinx import addnodes

        for node in self.document.findall(addnodes.toctree):
            caption = node.get("caption")
            if caption:
                node["caption"] = gettext(self.env.docname, caption, language, Path(self.app.confdir))


def setup_languages(app: Sphinx) -> None:
    app.add_transform(TranslateTocCaptions)
    app.connect("source-read", runtime_catalogue_dependency)
    app.add_config_value("course_languages", list(LANGUAGES), "html")
    app.connect("config-inited", start_language, priority=960)
    app.connect("html-page-context", runtime_catalogue, priority=900)
    app.connect("builder-inited", switch_style)
    app.connect("html-page-context", language_links)
    app.connect("html-page-context", theme_text)
    app.connect("config-inited", notebook_labels, priority=400)
    app.connect("doctree-resolved", unique_ids)


__all__ = ["page_language", "setup_languages", "translate_sources"]
