"""Reading the course's YAML sources with line numbers, and reporting mistakes in them.

Authors are not programmers, so a mistake is reported as ``file:line: field.path: what is wrong.
How to fix it.`` and never as a traceback. ``read_yaml`` keeps, for every value, the line it was
written on, so validators can point at the exact place.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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
        return f"{where}: {what}" + (f" {self.hint}" if self.hint else "")


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


_constructor = yaml.SafeLoader(b"")  # only used to turn scalar nodes into Python values


def _convert(node: yaml.Node, path: Path_, lines: dict, raw: dict, errors: list, file: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in out:
                errors.append(SourceError(file, key_node.start_mark.line + 1, field_name(path + (key,)),
                                          f"'{key}' is given twice here.", "Keep one of them."))
            out[key] = _convert(value_node, path + (key,), lines, raw, errors, file)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines, raw, errors, file) for i, item in enumerate(node.value)]
    raw[path] = node.value
    return _constructor.construct_object(node, deep=True)


def read_yaml(path: Path, display_name: str | None = None) -> Document:
    """Parse ``path``; raise ``SourceErrors`` for a YAML syntax error or a duplicated key."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceErrors([SourceError(name, 1, "", f"the file is not UTF-8 text ({exc.reason}).",
                                        "Save it as UTF-8.")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        raise SourceErrors([SourceError(
            name, line, "", f"this is not valid YAML: {problem}.",
            "Check the indentation and quote any text that contains ': ' or starts with a special "
            "character such as '*', '&', '[' or '{'.")]) from None
    except yaml.YAMLError as exc:
        raise SourceErrors([SourceError(name, 1, "", f"this is not valid YAML: {exc}.")]) from None
    lines: dict = {}
    raw: dict = {}
    errors: list = []
    data = _convert(node, (), lines, raw, errors, name) if node is not None else None
    if errors:
        raise SourceErrors(errors)
    return Document(name, data, lines, raw)


def unknown_key_hint(key: str, allowed: Iterable[str]) -> str:
    allowed = sorted(allowed)
    close = difflib.get_close_matches(key, allowed, n=1)
    suggestion = f"Did you mean '{close[0]}'? " if close else ""
    return f"{suggestion}Allowed here: {', '.join(allowed)}."


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
            self.fail(path, f"expected {what} (a set of 'key: value' lines), found {kind_of(value)}.")
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

    def ident(self, value, path) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.fail(path, f"'{value}' is not a valid id.",
                      "Use lowercase letters, digits and hyphens, e.g. 'cleaning-check'.")
            return str(value)
        return value


def kind_of(value) -> str:
    if value is None:
        return "nothing"
    return {dict: "a set of keys", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def load_files(files: Iterable[Path], check, what: str, root: Path | None = None) -> tuple[dict, list[str]]:
    """Read and check every file with ``check(doc) -> (items, errors)``; items have ``id``, ``file``,
    ``line`` and ``field``. Returns (items by id, the files read); raises ``SourceErrors`` listing
    every mistake in all the files, an id used twice among them."""
    items: dict = {}
    read: list[str] = []
    errors: list[SourceError] = []
    for path in sorted(files):
        shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
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


def yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml"))
