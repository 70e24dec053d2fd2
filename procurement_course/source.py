"""Reading the course's YAML sources with line numbers, and reporting mistakes in them.

Authors are not programmers, so a mistake is reported as ``file:line: field.path: what is wrong.
How to fix it.`` and never as a traceback. ``read_yaml`` keeps, for every value, the line it was
written on, so validators can point at the exact place.

It is the one YAML loader for quiz banks and scenarios, and it reads any file in bounded time and
memory, without recursion: tags (``!include``), a second document, nesting deeper than MAX_DEPTH,
an alias inside itself, aliases repeating more than MAX_ALIAS_VALUES values and files over
MAX_SOURCE_BYTES are refused with their line. ``source_files`` lists a source folder so that no
file an author meant as a source is skipped without a word; ``Checker`` turns every unexpected
shape (a list where one value was expected, a colon that made text a set of keys) into a message.
"""

from __future__ import annotations

import copy
import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # matched with fullmatch: '$' would let "case\n" in
# Options of a question and choices of a step are lettered A to Z, on screen, in print and in the
# answer key, so there are at most 26 (a question with more would be better split anyway).
MAX_CHOICES = 26
Path_ = tuple  # a field path inside a document, e.g. ("quizzes", 0, "questions", 3, "options")


@dataclass(frozen=True)
class SourceError:
    """One mistake in a source file, with where it is and how to fix it."""

    file: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return escaped(f"{where}: {what}" + (f" {self.hint}" if self.hint else ""))


# Characters an author cannot see in an editor or a message: control characters, format characters
# (zero-width space, joiners, direction marks, a BOM inside the text) and spaces other than the
# plain one. A message shows them escaped ('three\u200b'), so "'three' is not ... did you mean
# 'three'?" never happens: the author sees what differs.
_SHOWN_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROL_NAMES = {"\x00": "null", "\x07": "bell", "\x08": "backspace", "\x0b": "vertical tab",
                  "\x0c": "form feed", "\x1b": "escape", "\x7f": "delete", "\x85": "next line",
                  "\n": "line break", "\r": "carriage return", "\t": "tab"}


def invisible(char: str) -> bool:
    """True for a character that shows as nothing, or as a plain space, where it is not one."""
    return char != " " and unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn")


def escaped(text: str) -> str:
    """``text`` with every invisible character written as an escape (``\u200b``, ``\n``)."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_SHOWN_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}")
                   if invisible(c) else c for c in text)


def char_name(char: str) -> str:
    """'U+200B (zero width space)': how a message names an invisible character."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "").lower() or "a control character"
    return f"U+{ord(char):04X} ({name})"


class SourceErrors(Exception):
    """All the mistakes found in one or more files."""

    def __init__(self, errors: Iterable[SourceError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def field_name(path: Path_) -> str:
    """("quizzes", 0, "questions", 3, "options") -> "quizzes[0].questions[3].options"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class Document:
    """A parsed YAML file: its data, and the line of every value in it."""

    def __init__(self, file: str, data: Any, lines: dict[Path_, int], raw: dict[Path_, str]):
        self.file = file
        self.data = data
        self._lines = lines
        self._raw = raw

    def line(self, path: Path_) -> int:
        """The line of the value at ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path and path not in self._lines:
            path = path[:-1]
        return self._lines.get(path, 1)

    def raw(self, path: Path_) -> str | None:
        """The scalar as the author wrote it (``True`` stays ``"True"``, ``1.0`` stays ``"1.0"``)."""
        return self._raw.get(tuple(path))

    def error(self, path: Path_, message: str, hint: str = "") -> SourceError:
        return SourceError(self.file, self.line(path), field_name(path), message, hint)


# Limits no course file comes near (the deepest value nests seven levels: scenarios[0].steps[2]
# .choices[1].text), so that no file, however written, exhausts the checker's time or memory.
MAX_DEPTH = 32
# An alias (*name) repeats what its anchor (&name) holds. A few repeats of a shared text are fine;
# aliases of aliases of aliases (an "alias bomb") would expand a small file to billions of values.
MAX_ALIAS_VALUES = 1000
# A course's largest bank is about 20 KB; 5 MB is a few thousand questions, checked in a few
# seconds. A larger file is refused before it is read, so no file can keep a check busy for minutes.
MAX_SOURCE_BYTES = 5 * 2**20

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed: faster
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()  # turns one plain scalar into int, float, bool, date or None
_IMPLICIT = _resolver.yaml_implicit_resolvers  # first character -> [(tag, pattern)], as YAML 1.1 resolves
_KEY_HINT = "Write each key as 'name:' on a line of its own, with its value after the colon."


class _Refused(Exception):
    """Something YAML allows that course files do not use, or that would exhaust the checker."""

    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def _scalar(event) -> Any:
    """The value of a scalar as YAML 1.1 reads it (``12`` a number, ``true`` a boolean; quoted text
    stays text). A value YAML would read as something impossible, such as the date 2025-13-45 or a
    number 5,000 digits long, stays the text the author wrote, so the checker can say what is wrong."""
    text = event.value
    if not event.implicit[0]:  # quoted, or a block of text
        return text
    candidates = _IMPLICIT.get(text[:1])  # most text starts with a letter no other type starts with
    if not candidates:
        return text
    tag = next((tag for tag, pattern in candidates if pattern.match(text)), None)
    if tag is None:
        return text
    construct = _constructor.yaml_constructors.get(tag)
    if construct is None:  # a tag with no plain value ('<<' merges, '=' is YAML's "value" key): text
        return text
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return construct(_constructor, node)
    except (ValueError, OverflowError, TypeError, yaml.YAMLError):
        return event.value


def _size(value) -> int:
    """How many values ``value`` holds, itself included."""
    count, todo = 0, [value]
    while todo:
        item = todo.pop()
        count += 1
        if isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return count


class _Open:
    """A mapping or sequence whose events are being read."""

    __slots__ = ("value", "path", "line", "anchor", "key", "key_line")

    def __init__(self, value, path, line, anchor):
        self.value, self.path, self.line, self.anchor = value, path, line, anchor
        self.key = self.key_line = None


def _read_events(events, file: str) -> tuple[Any, dict, dict, list]:
    """The document's data from YAML parser events, built without recursion, with the line of every
    value and the text of every scalar as written. Refuses tags, a second document, nesting deeper
    than MAX_DEPTH, an alias inside itself and aliases repeating more than MAX_ALIAS_VALUES values."""
    lines: dict = {}
    raw: dict = {}
    errors: list = []
    anchors: dict[str, Any] = {}
    open_anchors: set[str] = set()
    alias_values = 0
    stack: list[_Open] = []
    root: list = [None]
    documents = 0

    def next_path() -> tuple:
        """Where the next value goes; a value in a mapping needs its key first."""
        if not stack:
            return ()
        top = stack[-1]
        return top.path + ((len(top.value),) if isinstance(top.value, list) else (top.key,))

    def attach(value, line: int, text: str | None, plain: bool = False) -> None:
        if stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:  # this value is a key
            top = stack[-1]
            if text is None:
                raise _Refused(line, f"a key must be a word or text, found {kind_of(value)}.", _KEY_HINT)
            if plain and text == "<<":
                raise _Refused(line, "the merge key '<<' (which copies the keys of another set of keys) is not "
                                     "used in course files.",
                               "Write the keys out in full here; an alias ('*name') may repeat a single value.")
            if text in top.value:
                errors.append(SourceError(file, line, field_name(top.path + (text,)),
                                          f"'{text}' is given twice here.", "Keep one of them."))
            top.key, top.key_line = text, line
            return
        path = next_path()
        if not stack:
            root[0] = value
        elif isinstance(stack[-1].value, list):
            stack[-1].value.append(value)
        else:
            top = stack[-1]
            top.value[top.key] = value
            line = top.key_line  # a key's value is reported on the key's line
            top.key = None
        lines[path] = line
        if text is not None:
            raw[path] = text

    scalar_event = yaml.ScalarEvent
    for event in events:
        line = event.start_mark.line + 1 if event.start_mark else 1
        if type(event) is scalar_event and event.tag is None:  # most events: checked first
            value = _scalar(event)
            if event.anchor:
                anchors[event.anchor] = value
            attach(value, line, event.value, event.implicit[0])
            continue
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(line, "the file holds a second YAML document (after a second '---').",
                               "Keep one document per file: remove the second '---', or move what follows "
                               "it to a file of its own.")
            continue
        if not isinstance(event, (yaml.NodeEvent, yaml.CollectionEndEvent)):
            continue
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(line, f"tags such as '{shown}' are not used in course files.",
                           f"Remove '{shown}'; to keep a value as text, put it in quotes.")
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise _Refused(line, f"lists and sets of keys are nested more than {MAX_DEPTH} deep here.",
                               "Course files nest a few levels at most: check the indentation and brackets.")
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
            if stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
                raise _Refused(line, f"a key must be a word or text, found {kind_of(value)}.", _KEY_HINT)
            if event.anchor:
                open_anchors.add(event.anchor)
            stack.append(_Open(value, next_path(), line, event.anchor))
        elif isinstance(event, yaml.CollectionEndEvent):
            done = stack.pop()
            if done.anchor:
                anchors[done.anchor] = done.value
                open_anchors.discard(done.anchor)
            attach(done.value, done.line, None)
        elif isinstance(event, yaml.AliasEvent):
            name = event.anchor
            if name in open_anchors:
                raise _Refused(line, f"the alias '*{name}' is inside the value it repeats.",
                               "An alias cannot contain itself: write the value out.")
            if name not in anchors:
                raise _Refused(line, f"the alias '*{name}' has no anchor '&{name}' before it.",
                               f"Write '&{name}' before the value to repeat, or write the value out.")
            value = anchors[name]
            alias_values += _size(value)
            if alias_values > MAX_ALIAS_VALUES:
                raise _Refused(line, f"aliases ('*name') repeat more than {MAX_ALIAS_VALUES} values in this file.",
                               "Write the values out: a course file needs few aliases, if any.")
            if isinstance(value, (dict, list)):
                attach(copy.deepcopy(value), line, None)
            else:
                attach(value, line, value if isinstance(value, str) else str(value))
        else:  # a scalar
            value = _scalar(event)
            if event.anchor:
                anchors[event.anchor] = value
            attach(value, line, event.value, event.implicit[0])
    return root[0], lines, raw, errors


def read_yaml(path: Path, display_name: str | None = None) -> Document:
    """Parse ``path``; raise ``SourceErrors`` for a YAML syntax error, a duplicated key, or anything
    YAML allows that course files do not use (tags, deep nesting, runaway aliases, two documents)."""
    name = display_name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceErrors([SourceError(name, 1, "", f"the file is {size / 2**20:,.1f} MB; a course source file "
                                                         f"may be at most {MAX_SOURCE_BYTES // 2**20} MB "
                                                         "(MAX_SOURCE_BYTES in procurement_course/source.py).",
                                            "Split it into several files.")])
        data = path.read_bytes()
    except OSError as exc:
        raise SourceErrors([SourceError(name, 1, "", f"the file cannot be read ({exc.strerror}).")]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise SourceErrors([SourceError(name, line, "", f"the file is not UTF-8 text ({exc.reason}).",
                                        "Save it as UTF-8.")]) from None
    return read_yaml_text(text, name)


# Characters YAML does not allow in a file (control characters other than tab and line ends), and
# the line breaks editors do not show as one (NEL, LINE and PARAGRAPH SEPARATOR): the parser would
# report them at "position 31" of the file; they are reported here at their line and column.
_NOT_ALLOWED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
MAX_CHARACTER_MESSAGES = 20


def _line_and_column(text: str, at: int) -> tuple[int, int]:
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _characters_not_allowed(text: str, name: str) -> list[SourceError]:
    errors = []
    for n, found in enumerate(_NOT_ALLOWED.finditer(text)):
        if n == MAX_CHARACTER_MESSAGES:
            more = len(_NOT_ALLOWED.findall(text)) - n
            errors.append(SourceError(name, 1, "", f"{more} more such characters are not listed."))
            break
        line, column = _line_and_column(text, found.start())
        kind = "the control character" if unicodedata.category(found.group()) == "Cc" else "the character"
        errors.append(SourceError(
            name, line, "", f"column {column} holds {kind} {char_name(found.group())}, which "
            "YAML does not allow (it often comes with text pasted from a PDF or a word processor).",
            "Delete it; to start a new line, press Enter."))
    return errors


def _tab_at(text: str, name: str, mark) -> SourceError | None:
    """The message for a tab in the indentation of the line where the parser stopped (or at the
    place it stopped): libyaml says "found character that cannot start any token" without naming
    the character, which an editor shows as spaces."""
    lines = text.split("\n")
    if mark is None or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    indent = line[:len(line) - len(line.lstrip(" \t-"))]
    if "\t" in indent:
        column = indent.index("\t") + 1
    elif line[mark.column:mark.column + 1] == "\t":
        column = mark.column + 1
    else:
        return None
    return SourceError(name, mark.line + 1, "", f"a tab is used for indentation here (column {column}); YAML "
                                               "indents with spaces only.",
                       "Replace the tab with spaces (set your editor to insert spaces for Tab).")


def read_yaml_text(text: str, name: str) -> Document:
    """Parse YAML ``text`` as the file called ``name`` in messages (see ``read_yaml``)."""
    refused = _characters_not_allowed(text, name)
    if refused:
        raise SourceErrors(refused)
    try:
        data, lines, raw, errors = _read_events(yaml.parse(text, Loader=_Parser), name)
    except _Refused as exc:
        raise SourceErrors([SourceError(name, exc.line, "", exc.message, exc.hint)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        tab = _tab_at(text, name, mark)
        if tab:
            raise SourceErrors([tab]) from None
        line = mark.line + 1 if mark else 1
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise SourceErrors([SourceError(
            name, line, "", f"this is not valid YAML: {problem}.",
            "Check the indentation and quote any text that contains ': ' or starts with a special "
            "character such as '*', '&', '!', '[' or '{'.")]) from None
    except yaml.YAMLError as exc:
        raise SourceErrors([SourceError(name, 1, "", f"this is not valid YAML: {exc}.")]) from None
    if errors:
        raise SourceErrors(errors)
    return Document(name, data, lines, raw)


def unknown_key_hint(key: str, allowed: Iterable[str]) -> str:
    allowed = sorted(allowed)
    close = difflib.get_close_matches(key, allowed, n=1)
    suggestion = f"Did you mean '{close[0]}'? " if close else ""
    return f"{suggestion}Allowed here: {', '.join(allowed)}."


_BIB_CACHE: dict[Path, Any] = {}


def author_year(keys: str, bibfile: Path) -> str:
    """Sources as the site's citations print them (sphinxcontrib-bibtex, ``author_year``), never as
    keys: "ollus2014lined;fi2002osh" -> "Ollus and Jokinen, 2014; Finland, 2002". One author by
    name, two joined by "and", three or more as "First et al."; "n.d." without a year."""
    from pybtex.database import parse_file

    path = Path(bibfile).resolve()
    if path not in _BIB_CACHE:
        _BIB_CACHE[path] = parse_file(str(path)).entries
    entries, labels = _BIB_CACHE[path], []
    for key in (k.strip() for k in keys.split(";") if k.strip()):
        people = entries[key].persons.get("author") or entries[key].persons.get("editor") or []
        names = [re.sub(r"[{}]", "", " ".join(p.prelast_names + p.last_names)) for p in people]
        who = names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2 else f"{names[0]} et al."
        labels.append(f"{who}, {entries[key].fields.get('year', 'n.d.')}")
    return "; ".join(labels)


def bibliography_keys(bibfiles: Iterable[Path]) -> set[str]:
    """The citation keys defined in BibTeX files (``@type{key,``)."""
    keys: set[str] = set()
    for bib in bibfiles:
        if bib.exists():
            keys.update(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", bib.read_text(encoding="utf-8")))
    return keys


class Checker:
    """Checks one parsed document, collecting every mistake with its place."""

    def __init__(self, doc: Document, bib_keys: set[str] | None):
        self.doc = doc
        self.bib_keys = bib_keys
        self.errors: list[SourceError] = []

    def fail(self, path, message, hint=""):
        self.errors.append(self.doc.error(path, message, hint))

    def mapping(self, value, path, allowed, required, what) -> bool:
        if not isinstance(value, dict):
            self.fail(path, f"expected {what} (a set of 'key: value' lines), found {self.written(value, path)}.")
            return False
        for key in value:
            if key not in allowed:
                self.fail(path + (key,), f"unknown key '{key}' in {what}.", unknown_key_hint(key, allowed))
        for key in required:
            if key not in value:
                self.fail(path, f"{what} has no '{key}'.", f"Add '{key}:'.")
        return True

    def text(self, value, path, required=True) -> str:
        """Text fields: strings; a bare YAML scalar such as True or 12 is kept as written."""
        if value is None:
            if required and path[-1] in self._present(path):
                self.fail(path, "the text is empty.", "Write the text after the colon.")
            return ""
        if isinstance(value, (dict, list)):
            self.fail(path, f"expected text, found {kind_of(value)}.")
            return ""
        text = value if isinstance(value, str) else (self.doc.raw(path) or str(value))
        if required and not text.strip():
            self.fail(path, "the text is empty.", "Write the text after the colon.")
        return text.strip()

    def _present(self, path):
        parent = self.doc.data
        for part in path[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                return {}
        return parent if isinstance(parent, dict) else {}

    def one_of(self, value, path, allowed, what) -> str:
        """A value that must be one of ``allowed`` (a question type, a sector, an outcome)."""
        if not isinstance(value, str) or isinstance(value, bool):
            article = "an" if what[0] in "aeiou" else "a"
            self.fail(path, f"expected {article} {what}, found {self.written(value, path)}.",
                      f"Allowed here: {', '.join(sorted(allowed))}.")
            return ""
        if value not in allowed:
            self.fail(path, f"unknown {what} '{value}'.", unknown_key_hint(value, allowed))
            return ""
        return value

    def bib_key(self, value, path) -> str:
        """An optional ``source``: a key of the bibliography."""
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            self.fail(path, f"expected a key of the bibliography, found {self.written(value, path)}.",
                      "Write one key, e.g. 'source: ilo2012indicators'.")
            return ""
        if self.bib_keys is not None and value not in self.bib_keys:
            self.fail(path, f"'{value}' is not a key of the bibliography.", unknown_key_hint(value, self.bib_keys))
        return value

    def at_most_lettered(self, items: list, path, what: str, hint: str) -> bool:
        """False (and a message) when ``items`` has more than MAX_CHOICES entries."""
        if len(items) > MAX_CHOICES:
            self.fail(path, f"there are {len(items)} {what}; at most {MAX_CHOICES} can be lettered A to Z.", hint)
            return False
        return True

    def distinct_texts(self, texts: list[tuple[Path_, str]], what: str) -> None:
        """Report a text that repeats an earlier one of the same list (paths end ``(list, i, "text")``),
        ignoring case, spaces and a final full stop: a learner cannot tell two such options apart."""
        first: dict[str, Path_] = {}
        for path, text in texts:
            key = " ".join(text.casefold().split()).rstrip(".")
            if not key:
                continue
            if key in first:
                earlier = first[key]
                self.fail(path, f"the same text as {field_name(earlier[-3:-1])} above.", f"Give every {what} its own text.")
            else:
                first[key] = path

    def written(self, value, path) -> str:
        """A value that should have been text, as the author typed it: "'no', which YAML reads as
        false", "'2025', which YAML reads as a number"; or what it is ("a list")."""
        raw = self.doc.raw(path)
        if isinstance(value, (dict, list)) or raw is None or isinstance(value, str):
            return kind_of(value) if not isinstance(value, str) else f"'{value}'"
        if value is None:
            return "nothing" if not raw else f"'{raw}', which YAML reads as nothing"
        if isinstance(value, bool):  # YAML 1.1: yes/no, on/off, y/n and true/false in any case
            return (f"'{raw}', which YAML reads as {str(value).lower()} (yes/no and on/off are true/false to "
                    "YAML), not as text")
        return f"'{raw}', which YAML reads as {kind_of(value)}, not as text"

    def quote_hint(self, value, path) -> str:
        """For a bare word YAML turned into true/false, a number, a date or nothing: quote it."""
        raw = self.doc.raw(path)
        if isinstance(value, (str, dict, list)) or not raw:
            return ""
        return f"Put it in quotes: {path[-1]}: \"{raw}\"."

    def invisible_in(self, value: str, path) -> bool:
        """False, or True with a message, when ``value`` holds a character that cannot be seen (a
        line break, a zero-width space, a non-breaking space): an id that looks right but is not."""
        at = next((i for i, char in enumerate(value) if invisible(char)), None)
        if at is None:
            return False
        where = f"after '{value[:at]}'" if at else "at the start"
        self.fail(path, f"'{value}' holds an invisible character, {char_name(value[at])}, {where}.",
                  "Delete it: retype the id with lowercase letters, digits and hyphens only.")
        return True

    def ident(self, value, path) -> str:
        if isinstance(value, str) and ID_PATTERN.fullmatch(value):
            return value
        if isinstance(value, str):
            if not self.invisible_in(value, path):
                self.fail(path, f"'{value}' is not a valid id.",
                          "Use lowercase letters, digits and hyphens, e.g. 'cleaning-check'.")
            return value
        hint = self.quote_hint(value, path)
        raw = self.doc.raw(path)
        if hint and not ID_PATTERN.fullmatch(raw):
            hint = "Use lowercase letters, digits and hyphens, e.g. 'cleaning-check'."
        self.fail(path, f"expected an id, found {self.written(value, path)}.",
                  hint or "Use lowercase letters, digits and hyphens, e.g. 'cleaning-check'.")
        return str(raw if raw is not None else value)

    def id_ref(self, value, path, what: str) -> str:
        """A reference to an id (a choice's 'next', a scenario's 'start'): text without invisible
        characters; whether the id exists is checked by the caller."""
        if isinstance(value, str):
            return "" if self.invisible_in(value, path) else value
        self.fail(path, f"expected the id of {what}, found {self.written(value, path)}.", self.quote_hint(value, path))
        return ""

    def unique_id(self, item: dict, path, index: int, seen: dict[str, int], what: str, listed: str,
                  hint: str) -> str:
        """The id of the ``index``-th item of a list (``<what>-<n>`` while it has none: mapping() has
        already reported the missing key), reported when an earlier item of ``listed`` has it too."""
        item_id = self.ident(item.get("id"), path + ("id",)) if "id" in item else f"{what}-{index + 1}"
        if item_id in seen:
            self.fail(path + ("id",), f"the {what} id '{item_id}' is already used by {listed}[{seen[item_id]}].", hint)
        seen.setdefault(item_id, index)
        return item_id


def kind_of(value) -> str:
    if value is None:
        return "nothing"
    return {dict: "a set of keys", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number", datetime.date: "a date", datetime.datetime: "a date and time",
            bytes: "binary data"}.get(type(value), type(value).__name__)


def load_files(files: Iterable[Path], check, what: str, root: Path | None = None) -> tuple[dict, list[str]]:
    """Read and check every file with ``check(doc) -> (items, errors)``; items have ``id``, ``file``,
    ``line`` and ``field``. Returns (items by id, the files read); raises ``SourceErrors`` listing
    every mistake in all the files, an id used twice among them."""
    items: dict = {}
    read: list[str] = []
    errors: list[SourceError] = []
    for path in sorted(files):
        shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        refused = not_read(path, shown)
        if refused:
            errors.append(refused)
            continue
        read.append(str(path))
        try:
            doc = read_yaml(path, shown)
        except SourceErrors as exc:
            errors += exc.errors
            continue
        found, problems = check(doc)
        errors += problems
        for item in found:
            if item.id in items:
                first = items[item.id]
                errors.append(SourceError(shown, item.line, f"{item.field}.id",
                                          f"the {what} id '{item.id}' is already used in {first.file}:{first.line}.",
                                          f"Give every {what} its own id."))
            else:
                items[item.id] = item
    if errors:
        raise SourceErrors(errors)
    return items, read


SOURCE_SUFFIXES = (".yml", ".yaml")


def _meant_as_source(path: Path) -> bool:
    """A name an author may have meant as a YAML source: 'x.YML', 'x.yml.txt', 'x.yml~', 'x.ymal'."""
    name = path.name.lower()
    if "yml" in name or "yaml" in name:
        return True
    return bool(difflib.get_close_matches(path.suffix.lower(), SOURCE_SUFFIXES, n=1, cutoff=0.6))


def source_files(folder: Path) -> list[Path]:
    """The YAML sources in ``folder`` (``*.yml`` and ``*.yaml``), and every other path in it that
    looks meant as one (another case, an extra suffix, a misspelt suffix, a subfolder holding YAML
    files): ``load_files`` reports those as not read, so no file an author wrote is skipped without
    a word. Hidden files (editor swap files, .DS_Store) and documentation are not sources."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() in (".md", ".txt", ".rst") and \
                "yml" not in path.stem.lower() and "yaml" not in path.stem.lower():
            continue
        if path.is_dir():
            if any(p.suffix.lower() in SOURCE_SUFFIXES for p in path.rglob("*")):
                found.append(path)
        elif path.suffix in SOURCE_SUFFIXES or _meant_as_source(path):
            found.append(path)
    return found


def not_read(path: Path, shown: str) -> SourceError | None:
    """Why a path ``source_files`` found is not read, or None when it is a source."""
    if path.is_dir():
        return SourceError(shown, 1, "", "this folder is not read: sources in subfolders are not loaded.",
                           f"Move its files up into {path.parent.name}/.")
    if path.suffix in SOURCE_SUFFIXES:
        return None
    return SourceError(shown, 1, "", "this file is not read: only files whose names end in '.yml' or '.yaml' "
                                     "(in lowercase) are.",
                       f"Rename it to '{_suggested_name(path)}', or move it out of {path.parent.name}/.")


def _suggested_name(path: Path) -> str:
    name = path.name
    for spelling in (".yaml", ".yml"):
        at = name.lower().find(spelling)
        if at > 0:
            return name[:at] + spelling
    return path.stem + ".yml"


yaml_files = source_files  # the name older code uses


def files_from_arguments(paths: Iterable[Path], what: str) -> tuple[list[Path], list[str]]:
    """The files a checker's command line names (folders expanded with ``source_files``), and a
    message for each path that does not exist or holds nothing to check: never a silent pass."""
    files: list[Path] = []
    problems: list[str] = []
    for p in paths:
        if p.is_dir():
            found = source_files(p)
            if not found:
                problems.append(f"{p}: no {what} files (.yml) in this folder.")
            files += found
        elif p.exists():
            files.append(p)
        else:
            problems.append(f"{p}: no such file or folder.")
    return files, problems
