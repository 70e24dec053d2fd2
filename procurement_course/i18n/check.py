"""A translation may change words, never what the build or the reader relies on. Each finished
entry (translated, not fuzzy) of a catalogue must keep, as in its English msgid:

- placeholders: ``{name}`` (Python and the runtime's ``course.t``), ``%s``, ``%d``, ``%(name)s``;
- MyST markup: roles with the same names and targets (``{cite:p}`key```, ``{ref}`label```), and as
  many ``**`` and backticks. A glossary link, ``{term}`...```, is the one role whose target may
  change: Sphinx resolves the term as the translated glossary writes it (``{term}`pakkotyö```) as
  well as the English one (``{term}`pakkotyön <Forced labour>```), and a term in neither stops the
  build (nitpicky) with the page and line;
- links and targets: ``[text](target)`` targets, ``<https://...>``, bare URLs, ``(label)=``;
- figures as written: legal references (487/2021, 47:3a, 4:1b, 52a; "52 a §" is 52a), amounts,
  years and decimals (thousands separators and the decimal mark may follow the language: 9,000.5
  may be written 9 000,5; a clock time 21:00 may be written 21.00). A small whole number may be
  written in words, and a number the translation adds is not judged.

Every mistake is reported as ``file:line: msgid "...": what is wrong. How to fix.``
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .catalogue import read_catalogue

PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|%[sdif]|\{[A-Za-z_]\w*\}(?!`)")
ROLE = re.compile(r"\{([A-Za-z][\w:.-]*)\}`([^`]*)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
AUTOLINK = re.compile(r"<(https?://[^>\s]+)>|(?<![<(])\bhttps?://[^\s)>\]]+")
TARGET = re.compile(r"^\(([\w:.-]+)\)=", re.M)
# A number as written: digits, with the separators of legal references (487/2021, 47:3a, 4:1b),
# thousands groups (9,000 or 9 000) and a decimal part.
NUMBER = re.compile(r"(?:\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+|\d+)(?:[.,]\d+)?(?:[:/]\d+[a-z]?)*[a-z]?(?![\w])")


def _number_key(text: str) -> str:
    """The value of a number however its language groups thousands and marks decimals."""
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3})", "", text)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):    # English thousands: 9,000 or 9,000.5
        text = text.replace(",", "")
    return re.sub(r"(?<=\d),(?=\d)", ".", text) if ":" not in text and "/" not in text else text


def _without_roles(text: str) -> str:
    return ROLE.sub("", text)


def _numbers(text: str) -> Counter:
    text = _without_roles(text)
    text = LINK.sub("", AUTOLINK.sub("", text))
    text = PLACEHOLDER.sub("", text)
    # Finnish and Swedish write a section's letter apart: "52 a §", "4:1 b" are 52a and 4:1b.
    text = re.sub(r"(\d) ([a-z]) ?§", r"\1\2 §", text)
    text = re.sub(r"(\d+:\d+) ([a-z])\b", r"\1\2", text)
    # A clock time or an agenda's elapsed time: 21:00 is 21.00 in Finnish and Finland-Swedish.
    text = re.sub(r"\b0?(\d{1,2}):(\d{2})\b(?![:/])", r"\1.\2", text)
    text = re.sub(r"\b0(\d)\.(\d{2})\b", r"\1.\2", text)  # 09.00 is 9.00
    return Counter(_number_key(m.group(0)) for m in NUMBER.finditer(text))


def _must_keep(number: str) -> bool:
    """A figure a translation must carry as written: a legal reference (487/2021, 47:3a, 52a), an
    amount or a year (three digits or more), a decimal. A small whole number (three, 24-hour, the
    day of a date written 14.6.) may be written in words or run into a date, as the language reads."""
    return bool(re.search(r"[/:a-z]|\d{3}|\d[.,]\d", number))


def _diff(source: Counter, translation: Counter) -> str:
    missing = list((source - translation).elements())
    extra = list((translation - source).elements())
    parts = []
    if missing:
        parts.append("missing " + ", ".join(repr(x) for x in missing))
    if extra:
        parts.append("not in the source " + ", ".join(repr(x) for x in extra))
    return "; ".join(parts)


def problems(msgid: str, msgstr: str) -> list[str]:
    """What is wrong with ``msgstr`` as a translation of ``msgid``: 'what. How to fix.' sentences."""
    found = []
    diff = _diff(Counter(PLACEHOLDER.findall(_without_roles(msgid))),
                 Counter(PLACEHOLDER.findall(_without_roles(msgstr))))
    if diff:
        found.append(f"placeholders differ ({diff}). Keep every placeholder exactly as in the source; "
                     "only move it within the sentence.")
    # A term's target is the glossary term in the translation's language: only the role is compared.
    # A role written `text <target>` (a {ref} or {doc} with its own words) keeps its target; its text
    # is prose and is translated.
    def roles(text):
        def key(name, content):
            if name == "term":
                return "{term}`...`"
            shown = re.fullmatch(r"(.*?)\s*<([^<>]+)>", content, re.S)
            return f"{{{name}}}`... <{shown.group(2)}>`" if shown else f"{{{name}}}`{content}`"
        return Counter(key(name, content) for name, content in ROLE.findall(text))

    diff = _diff(roles(msgid), roles(msgstr))
    if diff:
        found.append(f"roles differ ({diff}). Keep each role as in the source, with its target unchanged; a "
                     "{term} link may name the term as this language's glossary writes it: {term}`pakkotyö`.")
    for mark, name in (("**", "bold markers '**'"), ("`", "backticks")):
        a, b = _without_roles(msgid).count(mark), _without_roles(msgstr).count(mark)
        if a != b:
            found.append(f"{name} differ ({a} in the source, {b} in the translation). Keep the markup as in the source.")
    for pattern, what in ((LINK, "link targets"), (AUTOLINK, "web addresses"), (TARGET, "targets '(label)='")):
        diff = _diff(Counter(m.group(0) if pattern is AUTOLINK else m.group(1) for m in pattern.finditer(msgid)),
                     Counter(m.group(0) if pattern is AUTOLINK else m.group(1) for m in pattern.finditer(msgstr)))
        if diff:
            found.append(f"{what} differ ({diff}). Keep every link target and address exactly as in the source.")
    source = Counter({n: k for n, k in _numbers(msgid).items() if _must_keep(n)})
    # Only what the source holds is required: a figure the translation writes in digits where the
    # English has words ("three to five" as 3–5) or a date's parts (14.6.) is not a mistake.
    diff = _diff(source, source & _numbers(msgstr))
    if diff:
        found.append(f"numbers differ ({diff}). Keep every number as in the source (487/2021, 47:3a, BrB 4:1b); "
                     "only thousands separators and the decimal mark may follow the language.")
    return found


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def check_file(path: Path, display: str | None = None) -> list[str]:
    """Every mistake in one ``.po`` file, as 'file:line: msgid "...": what. How to fix.'"""
    name = display or str(path)
    try:
        catalogue = read_catalogue(path)
    except Exception as exc:  # babel's PoFileError, or a file that is not UTF-8
        return [f"{name}:1: the catalogue cannot be read: {exc}. Fix the syntax (msgid/msgstr pairs in quotes) "
                "or regenerate it with 'make i18n'."]
    errors = []
    for message in catalogue or ():
        if not message.id or message.fuzzy or not message.string:
            continue
        pairs = ([(message.id, message.string)] if isinstance(message.id, str)
                 else list(zip(message.id, message.string)))
        for msgid, msgstr in pairs:
            if not msgstr:
                continue
            for problem in problems(msgid, msgstr):
                errors.append(f'{name}:{message.lineno}: msgid "{_short(msgid)}": {problem}')
    return errors


def check_locale(locale: Path, languages=None) -> list[str]:
    """Every mistake in every catalogue under ``locale/`` (or of the ``languages`` given)."""
    errors = []
    for lang_dir in sorted(p for p in locale.iterdir() if p.is_dir() and (p / "LC_MESSAGES").is_dir()):
        if languages and lang_dir.name not in languages:
            continue
        for po in sorted((lang_dir / "LC_MESSAGES").rglob("*.po")):
            errors += check_file(po, str(po.relative_to(locale.parent)))
    return errors
