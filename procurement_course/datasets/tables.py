"""Reading the data package's CSV files: one reader, used by the check and by the build alike.

A file is read exactly as ``data/datapackage.json`` declares it, or not at all:

- its ``encoding`` (default UTF-8; only encodings that write plain ASCII as ASCII, such as
  ``utf-8``, ``utf-8-sig`` or ``windows-1252``); a byte order mark (BOM) only when the encoding is
  ``utf-8-sig``;
- its ``dialect``: ``delimiter`` (default ``,``), ``quoteChar`` (``"``), ``doubleQuote``,
  ``skipInitialSpace``; a header row whose names are the schema's fields, in order;
- every cell by its field: ``string``, ``integer``, ``number`` (finite, a point for decimals unless
  ``decimalChar`` says otherwise; never NaN or INF), ``boolean`` (``trueValues``/``falseValues``),
  ``date`` (YYYY-MM-DD), ``datetime`` (YYYY-MM-DDTHH:MM:SS, local time: no time zone) and ``time``
  (HH:MM:SS), or a ``format`` written with ``%`` codes such as ``%H:%M``; a cell in the schema's
  ``missingValues`` (default: the empty cell) is missing;
- a text cell that a spreadsheet would run as a formula (``formula_like``) is refused, and so is an
  ``X_out`` date or date-time before its row's ``X_in`` (``in_out_pairs``).

Anything else is reported as ``data/x.csv:LINE: field: what is wrong``, LINE being the line of the
file where the record starts (the header is line 1). A file larger than ``MAX_FILE_BYTES`` is
refused before it is read, so that no check or build spends minutes and gigabytes on it; the
first ``MAX_MESSAGES_PER_FILE`` mistakes of a file are listed, then how many more there are.
"""

from __future__ import annotations

import codecs
import csv
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Callable, Iterator

from ..source import escaped

# Course datasets are small samples an auditor reads (the largest is about 70 KB). 20 MB is about
# 400,000 rows of an access log: checked in a few seconds. A larger file should be sampled first.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MESSAGES_PER_FILE = 50

TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "time")
CONSTRAINTS = ("required", "unique", "minimum", "maximum", "pattern", "enum", "minLength", "maxLength")
DIALECT_KEYS = ("delimiter", "quoteChar", "doubleQuote", "skipInitialSpace", "header", "lineTerminator",
                "caseSensitiveHeader", "csvddfVersion")

TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number (e.g. 8)",
    "number": "a number with a point for decimals (e.g. 12.50)",
    "boolean": "true or false",
    "date": "a date written YYYY-MM-DD (e.g. 2025-09-01)",
    "datetime": "a date and time written YYYY-MM-DDTHH:MM:SS, without a time zone (e.g. 2025-09-01T17:05:00)",
    "time": "a time written HH:MM:SS",
}
_FORMAT_EXAMPLES = {"%H:%M": "07:05", "%H:%M:%S": "07:05:00", "%Y-%m-%d": "2025-09-01", "%d.%m.%Y": "01.09.2025"}
_DEFAULT_TRUE = ("true", "True", "TRUE", "1")
_DEFAULT_FALSE = ("false", "False", "FALSE", "0")
_INTEGER = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")
_TIME = re.compile(r"\d{2}:\d{2}:\d{2}")
_ZONE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


class DataError(ValueError):
    """Mistakes that stop a data file from being read; ``messages`` are ``file:line: field: ...``."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


def type_words(spec: dict | None) -> str:
    if not spec:
        return "a value of the right type"
    fmt = spec.get("format", "default")
    kind = spec.get("type", "string")
    if kind == "number" and spec.get("decimalChar", ".") != ".":
        mark = spec["decimalChar"]
        return f"a number with '{mark}' for decimals (e.g. 12{mark}50), as datapackage.json declares (decimalChar)"
    if isinstance(fmt, str) and "%" in fmt:
        example = _FORMAT_EXAMPLES.get(fmt)
        return f"{'a time' if kind == 'time' else 'a date'} written {fmt}" + (f" (e.g. {example})" if example else "")
    return TYPE_WORDS.get(kind, kind)


def field_hint(spec: dict | None) -> str:
    desc = (spec or {}).get("description", "")
    return f" Expected: {desc.strip()}" if isinstance(desc, str) and desc.strip() else ""


def ascii_compatible(encoding: str) -> bool:
    """True for an encoding Python knows that reads the CSV syntax characters from plain ASCII.

    The probe decodes rather than encodes: encoding a text with 'utf-8-sig' writes a byte order
    mark first, so an encoding probe refused the very encoding a file saved by Excel as "CSV UTF-8"
    must be declared with. Decoding is what the reader does, and 'utf-8-sig' decodes ASCII as ASCII."""
    probe = b'\n,;"\t.:-0123456789azAZ'
    try:
        codecs.lookup(encoding)
        return probe.decode(encoding) == probe.decode("ascii")
    except (LookupError, UnicodeError):
        return False


# ---------------------------------------------------------------------------------------------
# Spreadsheet formulas in text cells ("CSV injection")
#
# A buyer opens a data file, or a CSV exported from it, in Excel or LibreOffice: a cell that starts
# with '=' is run as a formula there, and so is one that starts with '+', '-' or '@' followed by a
# function call or a DDE command. '=HYPERLINK("http://...","Open")' sends the buyer to a web page,
# '+cmd|' /C calc'!A0' asks to start a program. Text fields are refused when they start like that
# (after any spaces, tabs or line breaks, which spreadsheets skip); a plain '- see notes' or a
# negative number in a text field is not a formula and passes.
_FORMULA = re.compile(r"""
    =.                               # '=' and anything: always a formula
  | [+\-@][\s+\-]*[A-Za-z_][\w.]*\(     # a function call: +SUM(, -HYPERLINK(, @IF(
  | [+\-@].*?[A-Za-z_]\w*\|            # a DDE command: +cmd|' /C calc'!A0, -2+3+cmd|...
""", re.VERBOSE | re.DOTALL)


def formula_like(text: str) -> bool:
    """True when a spreadsheet would run ``text`` as a formula (see _FORMULA)."""
    return _FORMULA.match(text.lstrip(" \t\r\n")) is not None


def spreadsheet_safe(text: str) -> str:
    """``text`` for a cell of a CSV file the course writes for spreadsheets: a formula-like text
    gets a leading apostrophe, which spreadsheets show as text and do not run (OWASP's advice for
    CSV exports). The course writes no such export today; whatever writes one calls this per cell."""
    return "'" + text if formula_like(text) else text


# ---------------------------------------------------------------------------------------------
# Cells

def _strptime_parser(fmt: str, kind: str) -> Callable[[str], Any]:
    if fmt == "%H:%M" and kind == "time":  # the course's access logs: quick and exact
        pattern = re.compile(r"\d{2}:\d{2}")

        def hhmm(text: str) -> time:
            if not pattern.fullmatch(text):
                raise ValueError
            return time(int(text[:2]), int(text[3:]))
        return hhmm

    def parse(text: str):
        value = datetime.strptime(text, fmt)
        return value.time() if kind == "time" else value.date() if kind == "date" else value
    return parse


def cell_parser(spec: dict) -> Callable[[str], Any]:
    """A function from a cell's text to its value (raising ValueError when the text is not one),
    for a field of the schema already checked by ``package.check_descriptor``."""
    kind = spec.get("type", "string")
    fmt = spec.get("format", "default")
    if isinstance(fmt, str) and "%" in fmt:
        return _strptime_parser(fmt, kind)
    if kind == "integer":
        def integer(text: str) -> int:
            if not _INTEGER.fullmatch(text):
                raise ValueError
            return int(text)
        return integer
    if kind == "number":
        decimal, group = spec.get("decimalChar", "."), spec.get("groupChar", "")

        def number(text: str) -> float:
            if group:
                text = text.replace(group, "")
            if decimal != ".":
                text = text.replace(".", "\0").replace(decimal, ".")
            if not _NUMBER.fullmatch(text):
                raise ValueError
            value = float(text)
            if not math.isfinite(value):
                raise ValueError
            return value
        return number
    if kind == "boolean":
        truth = {v: True for v in spec.get("trueValues", _DEFAULT_TRUE)}
        truth.update({v: False for v in spec.get("falseValues", _DEFAULT_FALSE)})

        def boolean(text: str) -> bool:
            return truth[text]  # KeyError is a ValueError here: see read_rows
        return boolean
    if kind == "date":
        def iso_date(text: str) -> date:
            if not _DATE.fullmatch(text):
                raise ValueError
            return date.fromisoformat(text)
        return iso_date
    if kind == "datetime":
        def iso_datetime(text: str) -> datetime:
            if not _DATETIME.fullmatch(text):
                raise ValueError
            return datetime.fromisoformat(text)
        return iso_datetime
    if kind == "time":
        def iso_time(text: str) -> time:
            if not _TIME.fullmatch(text):
                raise ValueError
            return time.fromisoformat(text)
        return iso_time
    return str


def _type_message(cell: str, spec: dict) -> str:
    words = f"'{cell}' is not {type_words(spec)}."
    kind = spec.get("type")
    if kind == "number" and cell.strip().lower().lstrip("+-") in ("nan", "inf", "infinity"):
        words = f"'{cell}' is not a number the course can use: write the value, or leave the cell empty if unknown."
    elif kind == "number" and spec.get("decimalChar", ".") == "." and re.fullmatch(r"[+-]?\d+,\d+", cell):
        words += (" Use a point, not a comma, for decimals; or, if the whole column is written with decimal "
                  "commas (Excel set to Finnish), declare \"decimalChar\": \",\" for this field in datapackage.json.")
    elif kind == "datetime" and _ZONE.search(cell) and "T" in cell:
        words += " The course's times are local times: leave out the time zone."
    return words + field_hint(spec)


@dataclass
class Column:
    """One field of a resource's schema, ready to read cells with."""

    name: str
    spec: dict
    parse: Callable[[str], Any]
    required: bool = False
    checks: list[tuple[str, Callable[[Any, str], bool], Any]] = field(default_factory=list)
    text: bool = False  # a text field: checked for spreadsheet formulas


def _constraint_checks(spec: dict, parse) -> list:
    """(name, test(value, text) -> ok, shown limit) for each constraint, unique excepted."""
    out = []
    cons = spec.get("constraints") or {}
    for name in ("minimum", "maximum"):
        if name in cons:
            limit = cons[name]
            limit_value = parse(limit) if isinstance(limit, str) else limit
            test = (lambda v, t, lim=limit_value: v >= lim) if name == "minimum" else \
                (lambda v, t, lim=limit_value: v <= lim)
            out.append((name, test, limit))
    if "pattern" in cons:
        pattern = re.compile(cons["pattern"])
        out.append(("pattern", lambda v, t, p=pattern: p.fullmatch(t) is not None, cons["pattern"]))
    if "enum" in cons:
        allowed = {parse(a) if isinstance(a, str) else a for a in cons["enum"]}
        out.append(("enum", lambda v, t, a=allowed: v in a, ", ".join(str(a) for a in cons["enum"])))
    if "minLength" in cons:
        out.append(("minLength", lambda v, t, n=cons["minLength"]: len(t) >= n, cons["minLength"]))
    if "maxLength" in cons:
        out.append(("maxLength", lambda v, t, n=cons["maxLength"]: len(t) <= n, cons["maxLength"]))
    return out


def _constraint_message(name: str, cell: str, limit, spec: dict) -> str:
    shown = f"'{cell}'"
    if name == "minimum":
        return f"{shown} is below the smallest allowed value, {limit}." + field_hint(spec)
    if name == "maximum":
        return f"{shown} is above the largest allowed value, {limit}." + field_hint(spec)
    if name == "pattern":
        return f"{shown} is not written in the expected form ({limit})." + field_hint(spec)
    if name == "enum":
        return f"{shown} is not one of the allowed values: {limit}."
    return f"{shown} is too {'short' if name == 'minLength' else 'long'} (limit {limit})."


def columns_of(resource: dict) -> list[Column]:
    out = []
    for spec in resource["schema"]["fields"]:
        parse = cell_parser(spec)
        cons = spec.get("constraints") or {}
        out.append(Column(spec["name"], spec, parse, bool(cons.get("required")), _constraint_checks(spec, parse),
                          spec.get("type", "string") == "string"))
    return out


def in_out_pairs(columns: list[Column]) -> list[tuple[int, int]]:
    """(in, out) column positions of an access log's date-times: ``badge_in``/``badge_out``, any
    ``X_in``/``X_out`` pair of dates or date-times. A pair of times of day (``time_in``/``time_out``
    with a ``date`` column) is left out: a time out earlier than the time in is a night shift."""
    index = {c.name: i for i, c in enumerate(columns)}
    pairs = []
    for c in columns:
        if c.name.endswith("_in") and c.spec.get("type") in ("date", "datetime"):
            out = index.get(c.name[:-3] + "_out")
            if out is not None and columns[out].spec.get("type") == c.spec.get("type"):
                pairs.append((index[c.name], out))
    return pairs


# ---------------------------------------------------------------------------------------------
# Rows

@dataclass
class Reading:
    """What reading one file gave: its mistakes (capped), and whether it could be read at all."""

    file: str
    messages: list[str] = field(default_factory=list)
    more: int = 0           # mistakes beyond MAX_MESSAGES_PER_FILE, counted, not listed
    unreadable: bool = False  # the file, its encoding or its header stopped the reading

    def add(self, line: int | None, field_name: str, text: str) -> None:
        if len(self.messages) >= MAX_MESSAGES_PER_FILE:
            self.more += 1
            return
        where = f"{self.file}:{line}" if line else self.file
        message = f"{where}: {field_name}: {text}" if field_name else f"{where}: {text}"
        self.messages.append(escaped(message))  # a tab or a zero-width space in a cell, shown

    def all_messages(self) -> list[str]:
        extra = [f"{self.file}: {self.more} more mistakes like these are not listed."] if self.more else []
        return self.messages + extra


def _decoded_lines(handle, encoding: str, reading: Reading) -> Iterator[str]:
    """The file's lines as text, decoded strictly; a line that is not ``encoding`` stops the reading
    with a message naming the line (the rest of the file cannot be trusted either)."""
    for number, raw in enumerate(handle, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8) and encoding.replace("_", "-").lower() != "utf-8-sig":
            reading.add(1, "", "the file starts with a byte order mark (BOM), which datapackage.json does not "
                               f"declare (its encoding is '{encoding}'). Save the file as UTF-8 without a BOM, or "
                               "declare \"encoding\": \"utf-8-sig\" for it.")
            reading.unreadable = True
            return
        try:
            yield raw.decode(encoding)
        except UnicodeDecodeError as exc:
            reading.add(number, "", f"the line is not {encoding} text (byte 0x{raw[exc.start]:02x} at column "
                                    f"{exc.start + 1}). Save the file as {encoding} (in Excel: 'CSV UTF-8'), or "
                                    "declare the encoding it has in datapackage.json.")
            reading.unreadable = True
            return


def read_rows(path: Path, shown: str, resource: dict, reading: Reading,
              columns: list[Column] | None = None) -> Iterator[tuple[int, list, bool]]:
    """Yield ``(line, values, ok)`` for every row of the file, values in the schema's order (None
    for a missing cell or one that is not of its type); ``ok`` is False when the row has a mistake,
    reported in ``reading``. A row's good cells still count, e.g. as keys other files refer to."""
    columns = columns if columns is not None else columns_of(resource)
    try:
        size = path.stat().st_size
    except OSError:
        reading.add(None, "", "the file is missing.")
        reading.unreadable = True
        return
    if size > MAX_FILE_BYTES:
        reading.add(None, "", f"the file is {size / 2**20:,.1f} MB; the course reads data files of at most "
                              f"{MAX_FILE_BYTES / 2**20:.0f} MB (MAX_FILE_BYTES in procurement_course/datasets/"
                              "tables.py). Use a sample of the data, or split it into smaller resources.")
        reading.unreadable = True
        return
    dialect = resource.get("dialect") or {}
    delimiter = dialect.get("delimiter", ",")
    missing = set(resource["schema"].get("missingValues", [""]))
    names = [c.name for c in columns]
    pairs = in_out_pairs(columns)
    with path.open("rb") as handle:
        lines = _decoded_lines(handle, resource.get("encoding", "utf-8"), reading)
        rows = csv.reader(lines, delimiter=delimiter, quotechar=dialect.get("quoteChar", '"'),
                          doublequote=dialect.get("doubleQuote", True),
                          skipinitialspace=dialect.get("skipInitialSpace", False), strict=True)
        line = 1
        try:
            header = next(rows, None)
            if header is None:
                if not reading.unreadable:
                    reading.add(1, "", "the file is empty: it needs a header row naming the columns "
                                       f"({', '.join(names)}).")
                    reading.unreadable = True
                return
            if header != names:
                _header_mistakes(header, names, delimiter, reading)
                reading.unreadable = True
                return
            line = rows.line_num
            for record in rows:
                start, line = line + 1, rows.line_num
                if not any(cell.strip() for cell in record):
                    reading.add(start, "", "the row is empty. Delete it.")
                    continue
                values, ok = _row_values(record, columns, missing, start, reading)
                if pairs and not _in_before_out(record, values, pairs, columns, start, reading):
                    ok = False
                yield start, values, ok
        except csv.Error as exc:
            reading.add(line + 1, "", f"the row cannot be read as CSV ({exc}). Check its quotes.")
            reading.unreadable = True


def _header_mistakes(header: list[str], names: list[str], delimiter: str, reading: Reading) -> None:
    joined = delimiter.join(header)
    for other, word in ((";", "semicolons"), ("\t", "tabs"), (",", "commas")):
        if other != delimiter and len(header) < len(names) and joined.count(other) >= len(names) - 1:
            reading.add(1, "", f"the columns are separated by {word}, but datapackage.json declares "
                               f"'{delimiter}'. Save the file with '{delimiter}' between columns (Excel set to "
                               "Finnish saves ';': choose 'CSV UTF-8 (comma delimited)'), or declare "
                               f"\"dialect\": {{\"delimiter\": \"{other}\"}} for it.".replace("\t", "\\t"))
            return
    for i in range(max(len(header), len(names))):
        got = header[i] if i < len(header) else None
        want = names[i] if i < len(names) else None
        if got == want:
            continue
        if want is None:
            reading.add(1, f"column {i + 1}", f"the header has a column '{got}' the schema does not describe.")
        elif got is None:
            reading.add(1, want, f"the header has no column '{want}' (expected as column {i + 1}).")
        else:
            reading.add(1, want, f"the header says '{got}' where the schema expects '{want}'.")
    reading.add(1, "", "the rows are not read until the header names the schema's fields, in order: "
                       f"{', '.join(names)}.")


def _in_before_out(record: list[str], values: list, pairs, columns: list[Column], line: int,
                   reading: Reading) -> bool:
    ok = True
    for i, o in pairs:
        if values[i] is not None and values[o] is not None and values[o] < values[i]:
            what = columns[i].name[:-3].replace("_", " ")
            reading.add(line, columns[o].name, f"'{record[o]}' is before this row's {columns[i].name}, '{record[i]}': "
                                               f"a {what}-out cannot come before its {what}-in. Check the date and the "
                                               "time (a visit past midnight ends on the next day).")
            ok = False
    return ok


def _row_values(record: list[str], columns: list[Column], missing: set, line: int,
                reading: Reading) -> tuple[list, bool]:
    ok = True
    if len(record) > len(columns):
        extra = record[len(columns)]
        reading.add(line, f"column {len(columns) + 1}",
                    f"the row has more cells than the header has columns (extra value '{extra}').")
        ok = False
    values = []
    for i, col in enumerate(columns):
        if i >= len(record):
            reading.add(line, col.name, "the row ends before this column: the cell is missing "
                                        "(check the separators on this line).")
            ok = False
            values.append(None)
            continue
        text = record[i]
        if text in missing:
            if col.required:
                reading.add(line, col.name, "the cell is empty, and a value is required here." + field_hint(col.spec))
                ok = False
            values.append(None)
            continue
        try:
            value = col.parse(text)
        except (ValueError, KeyError, OverflowError):
            reading.add(line, col.name, _type_message(text, col.spec))
            ok = False
            values.append(None)
            continue
        for name, test, limit in col.checks:
            if not test(value, text):
                reading.add(line, col.name, _constraint_message(name, text, limit, col.spec))
                ok = False
        if col.text and formula_like(text):
            first = text.lstrip(" \t\r\n")[0]
            reading.add(line, col.name, f"'{text}' starts like a spreadsheet formula ('{first}'). Excel or "
                                        "LibreOffice runs it when a buyer opens this file, or a CSV made from it: it "
                                        "can open a web page or start a program. Write the text without the leading "
                                        f"'{first}' (data cells hold values, never formulas).")
            ok = False
        values.append(value)
    return values, ok


def read_columns(path: Path, shown: str, resource: dict) -> dict[str, list]:
    """Every column of the file as a list of values (None where missing); raise ``DataError`` with
    every mistake (types, constraints, shape) when there is any. What the build computes from."""
    reading = Reading(shown)
    columns = columns_of(resource)
    data: dict[str, list] = {c.name: [] for c in columns}
    lists = [data[c.name] for c in columns]
    for _, values, _ok in read_rows(path, shown, resource, reading, columns):
        for target, value in zip(lists, values):
            target.append(value)
    if reading.messages:
        raise DataError(reading.all_messages())
    return data


def time_to_timedelta(value: time | None) -> timedelta | None:
    if value is None:
        return None
    return timedelta(hours=value.hour, minutes=value.minute, seconds=value.second)
