"""The course's datasets as a Frictionless Data Package (``data/datapackage.json``).

- ``find_data_dir()``: the ``data/`` folder of the course, found by walking up to ``_config.yml``
  (or, installed with pip, the copy shipped inside the package).
- ``validate_package(path)``: check the descriptor (a mistake in it fails the check, and does not
  hide the files' mistakes: see ``check_descriptor``), then every CSV, read by the same reader as
  the build (``tables.read_rows``: the declared encoding and dialect, types, constraints, size
  limit), its unique values, primary and foreign keys, and the course's own cross-checks; return author-facing messages
  ``data/x.csv:LINE: field: message`` (an empty list when all is well).

``python -m procurement_course.data_package [data/datapackage.json]`` prints the messages and
exits 1 when there are any.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import tables
from ..source import escaped

PACKAGE_FILE = "datapackage.json"
# An assumed minimum for the exercise, not the rate of any real collective agreement.
ASSUMED_MINIMUM_HOURLY_WAGE = 12.50


def find_root(start: str | Path | None = None) -> Path:
    """The course folder: the nearest folder, from ``start`` (default: the working directory) up,
    holding ``_config.yml`` and ``data/datapackage.json``; failing that, the folder this package
    was installed from."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "data" / PACKAGE_FILE).is_file():
            return folder
    fallback = Path(__file__).resolve().parents[2]
    if (fallback / "data" / PACKAGE_FILE).is_file():
        return fallback
    raise FileNotFoundError(
        f"no course folder (with _config.yml and data/{PACKAGE_FILE}) found from {here} upwards. "
        "Pass the data folder explicitly.")


def find_data_dir(data_dir: str | Path | None = None) -> Path:
    """``data_dir`` if given (a folder, or the path of its datapackage.json), else ``<root>/data``."""
    if data_dir is not None:
        data_dir = Path(data_dir)
        return data_dir.parent if data_dir.name == PACKAGE_FILE else data_dir
    try:
        return find_root() / "data"
    except FileNotFoundError:
        # Installed with `pip install` of the project (a module notebook run anywhere): the data
        # package ships inside procurement_course (see pyproject.toml).
        shipped = Path(__file__).resolve().parents[1] / "course_data"
        if (shipped / PACKAGE_FILE).is_file():
            return shipped
        raise


def read_descriptor(data_dir: str | Path | None = None) -> dict:
    """The parsed datapackage.json."""
    path = find_data_dir(data_dir) / PACKAGE_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def resource_descriptor(name: str, data_dir: str | Path | None = None) -> dict:
    """The descriptor of one resource, by name (e.g. ``"cleaning_payslips"``)."""
    resources = read_descriptor(data_dir)["resources"]
    for res in resources:
        if res["name"] == name:
            return res
    known = ", ".join(r["name"] for r in resources)
    raise KeyError(f"no resource named {name!r} in {PACKAGE_FILE}; the resources are: {known}")


# ---------------------------------------------------------------------------------------------
# Validation: the descriptor first (a mistake there fails the check), then every file, as far as it
# can be read, through the one reader (tables.read_rows), then keys across files and the course's own rules.

def _shown(data_dir: Path, file: str) -> str:
    """How a file is named in messages: relative to the course folder when inside it, else
    ``<folder name>/<file>`` (so a package in any folder called data/ reads ``data/x.csv``)."""
    try:
        root = find_root(data_dir)
        return (data_dir / file).resolve().relative_to(root).as_posix()
    except (FileNotFoundError, ValueError):
        return f"{data_dir.name}/{file}"


class _Descriptor:
    """datapackage.json's data, and the line of each value in it (JSON is read as YAML for the
    lines; when that fails, mistakes are reported on line 1)."""

    def __init__(self, text: str, data: dict, shown: str):
        from ..source import SourceErrors, read_yaml_text

        self.data, self.shown = data, shown
        try:
            self.doc = read_yaml_text(text, shown)
        except SourceErrors:
            self.doc = None
        self.messages: list[str] = []

    def fail(self, path: tuple, message: str) -> None:
        from ..source import field_name

        line = self.doc.line(path) if self.doc else 1
        where = f"{self.shown}:{line}"
        self.messages.append(f"{where}: {field_name(path)}: {message}" if path else f"{where}: {message}")


def _is_list_of_strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def check_descriptor(data_dir: Path, text: str, descriptor) -> tuple[list[str], list[dict]]:
    """Every mistake in datapackage.json (each fails the check, whatever the files hold), and the
    resources as far as their files can still be read, so that one mistake does not hide the rest:

    - a field whose description has a mistake (an unknown type, a format the course cannot read)
      is read as text and its values are not judged (marked ``UNJUDGED``); a faulty constraint,
      primary key or foreign key is left out, the rest of the resource is checked;
    - a resource whose file cannot be found, or read as described (its path, encoding, dialect,
      or the names of its fields, which the header must match), is left out, and keys in other
      files that refer to it are not judged."""
    d = _Descriptor(text, descriptor, _shown(data_dir, PACKAGE_FILE))
    if not isinstance(descriptor, dict):
        d.fail((), "expected an object with 'resources'.")
        return d.messages, []
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        d.fail(("resources",), "expected a list of resources, one per CSV file.")
        return d.messages, []
    readable: dict[int, dict] = {}
    names: dict[str, int] = {}
    for i, res in enumerate(resources):
        at = ("resources", i)
        if not isinstance(res, dict):
            d.fail(at, "expected an object describing one CSV file.")
            continue
        before = len(d.messages)
        name = res.get("name")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9._-]+", name):
            d.fail(at + ("name",), f"'{name}' is not a resource name: use lowercase letters, digits, '-', '_' or '.'.")
        elif name in names:
            d.fail(at + ("name",), f"the name '{name}' is already used by resources[{names[name]}]. "
                                   "Give every resource its own name.")
        else:
            names[name] = i
        _check_path(d, data_dir, res.get("path"), at + ("path",))
        if res.get("format", "csv") != "csv":
            d.fail(at + ("format",), f"the course reads CSV files only, not '{res.get('format')}'.")
        encoding = res.get("encoding", "utf-8")
        if not isinstance(encoding, str) or not tables.ascii_compatible(encoding):
            d.fail(at + ("encoding",), f"'{encoding}' is not an encoding the course can read. Use 'utf-8' "
                                       "(or 'utf-8-sig' for a file with a BOM, 'windows-1252' for an old Excel file).")
        _check_dialect(d, res.get("dialect"), at + ("dialect",))
        cannot_read = len(d.messages) > before
        schema = _check_schema(d, res.get("schema"), at + ("schema",))
        if schema is not None and not cannot_read and names.get(name) == i:
            readable[i] = dict(res, schema=schema)
    fields_of = {r["name"]: r["schema"]["fields"] for r in readable.values()}
    for i, res in readable.items():  # foreign keys, once every resource's fields are known
        res["schema"]["foreignKeys"] = _check_foreign_keys(d, res, fields_of, ("resources", i, "schema", "foreignKeys"),
                                                           names)
    described = {Path(r["path"]).name for r in resources if isinstance(r, dict) and isinstance(r.get("path"), str)}
    for csv_file in sorted(data_dir.glob("*.csv")):
        if csv_file.name not in described:
            d.messages.append(f"{_shown(data_dir, csv_file.name)}: this file is not described in "
                              f"{PACKAGE_FILE}, so nothing checks it. Describe it as a resource, or move it out.")
    return d.messages, list(readable.values())


# A field whose description has a mistake is read as text, its values not judged: set on the copy
# of the field that check_descriptor hands to the reader, never written to datapackage.json.
UNJUDGED = "course:unjudged"


def _check_path(d: _Descriptor, data_dir: Path, path, at: tuple) -> None:
    if not isinstance(path, str) or not path:
        d.fail(at, "expected the file name of the CSV file, e.g. \"path\": \"cleaning_payslips.csv\" "
                   "(one file per resource).")
    elif "://" in path or path.startswith("//"):
        d.fail(at, f"'{path}' is a web address; the course works offline and reads files in the data "
                   "folder only. Save the file there and give its name.")
    elif Path(path).is_absolute() or "\\" in path or ".." in Path(path).parts:
        d.fail(at, f"'{path}' points outside the data folder. Give the file's name inside the data folder.")
    elif not path.endswith(".csv"):
        d.fail(at, f"'{path}' is not a .csv file.")
    elif not (data_dir / path).is_file():
        d.fail(at, f"there is no file '{path}' in the data folder.")


def _check_dialect(d: _Descriptor, dialect, at: tuple) -> None:
    if dialect is None:
        return
    if not isinstance(dialect, dict):
        d.fail(at, "expected an object such as {\"delimiter\": \";\"}.")
        return
    for key, value in dialect.items():
        if key not in tables.DIALECT_KEYS:
            d.fail(at + (key,), f"the course does not read the dialect setting '{key}'. "
                                f"It reads: {', '.join(tables.DIALECT_KEYS)}.")
        elif key in ("delimiter", "quoteChar") and not (isinstance(value, str) and len(value) == 1):
            d.fail(at + (key,), "expected one character.")
        elif key == "header" and value is not True:
            d.fail(at + (key,), "every course file has a header row naming its columns.")
        elif key in ("doubleQuote", "skipInitialSpace", "caseSensitiveHeader") and not isinstance(value, bool):
            d.fail(at + (key,), "expected true or false.")


def _check_schema(d: _Descriptor, schema, at: tuple) -> dict | None:
    """The schema as far as the file can be read by it (see check_descriptor), or None when the
    header cannot be matched: no list of fields, or a field without a name or with a name used twice."""
    if not isinstance(schema, dict):
        d.fail(at, "expected the table schema here, as an object with 'fields'.")
        return None
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        d.fail(at + ("fields",), "expected a list of fields, one per column.")
        return None
    readable = {"fields": []}
    if "missingValues" in schema:
        if _is_list_of_strings(schema["missingValues"]):
            readable["missingValues"] = schema["missingValues"]
        else:
            d.fail(at + ("missingValues",), "expected a list of texts, e.g. [\"\"].")
    names: list[str] = []
    header_known = True
    for j, spec in enumerate(fields):
        fat = at + ("fields", j)
        if not isinstance(spec, dict):
            d.fail(fat, "expected an object describing one column.")
            header_known = False
            continue
        name = spec.get("name")
        if not isinstance(name, str) or not name:
            d.fail(fat + ("name",), "every field needs a name, the column's header.")
            header_known = False
        elif name in names:
            d.fail(fat + ("name",), f"the field '{name}' is already described.")
            header_known = False
        names.append(name if isinstance(name, str) else "")
        before = len(d.messages)
        kind = spec.get("type", "string")
        if kind not in tables.TYPES:
            from ..source import unknown_key_hint

            d.fail(fat + ("type",), f"unknown type '{kind}'. {unknown_key_hint(str(kind), tables.TYPES)} "
                                    "Its values are checked once the type is one of these.")
            readable["fields"].append({"name": name, "type": "string", UNJUDGED: True})
            continue
        fmt = spec.get("format", "default")
        if fmt != "default" and not (kind in ("date", "datetime", "time") and isinstance(fmt, str) and "%" in fmt):
            d.fail(fat + ("format",), f"the course cannot read the format '{fmt}' for a {kind} "
                                      "(use the default, or a date or time pattern such as '%H:%M').")
        for key in ("trueValues", "falseValues"):
            if key in spec and (kind != "boolean" or not _is_list_of_strings(spec[key])):
                d.fail(fat + (key,), "expected a list of texts, on a boolean field.")
        for key in ("decimalChar", "groupChar"):
            if key in spec and (kind != "number" or not isinstance(spec[key], str) or len(spec[key]) != 1):
                d.fail(fat + (key,), "expected one character, on a number field.")
        if len(d.messages) > before:
            readable["fields"].append({"name": name, "type": "string", UNJUDGED: True})
            continue
        bad = _check_constraints(d, spec, fat + ("constraints",))
        cons = spec.get("constraints")
        readable["fields"].append(dict(spec, constraints={k: v for k, v in cons.items() if k not in bad})
                                  if isinstance(cons, dict) else {k: v for k, v in spec.items() if k != "constraints"})
    key = schema.get("primaryKey")
    if key is not None:
        key_fields = [key] if isinstance(key, str) else key
        if not _is_list_of_strings(key_fields) or not key_fields:
            d.fail(at + ("primaryKey",), "expected a field name or a list of field names.")
        else:
            for k in key_fields:
                if k not in names:
                    d.fail(at + ("primaryKey",), f"'{k}' is not a field of this resource.")
            if set(key_fields) <= set(names):
                readable["primaryKey"] = key_fields
    if "foreignKeys" in schema:
        readable["foreignKeys"] = schema["foreignKeys"]
    return readable if header_known else None


def _check_constraints(d: _Descriptor, spec: dict, at: tuple) -> set:
    """The names of the field's constraints that have a mistake (each reported)."""
    cons = spec.get("constraints")
    if cons is None:
        return set()
    if not isinstance(cons, dict):
        d.fail(at, "expected an object such as {\"required\": true}.")
        return set()
    bad = set()
    parse = tables.cell_parser(spec)
    for key, value in cons.items():
        before = len(d.messages)
        if key not in tables.CONSTRAINTS:
            d.fail(at + (key,), f"unknown constraint '{key}'. The course checks: {', '.join(tables.CONSTRAINTS)}.")
        elif key in ("required", "unique") and not isinstance(value, bool):
            d.fail(at + (key,), "expected true or false.")
        elif key in ("minLength", "maxLength") and (not isinstance(value, int) or isinstance(value, bool)):
            d.fail(at + (key,), "expected a whole number.")
        elif key == "pattern":
            try:
                re.compile(value)
            except (re.error, TypeError):
                d.fail(at + (key,), f"'{value}' is not a regular expression.")
        elif key in ("minimum", "maximum", "enum"):
            for limit in (value if key == "enum" and isinstance(value, list) else [value]):
                try:
                    if isinstance(limit, str):
                        parse(limit)
                    elif isinstance(limit, bool) or not isinstance(limit, (int, float)) \
                            or spec.get("type") not in ("integer", "number"):
                        raise ValueError
                except (ValueError, KeyError):
                    d.fail(at + (key,), f"'{limit}' is not {tables.type_words(spec)}, as the field's values are.")
                    break
            if key == "enum" and not isinstance(value, list):
                d.fail(at + (key,), "expected a list of the allowed values.")
        if len(d.messages) > before:
            bad.add(key)
    return bad


def _check_foreign_keys(d: _Descriptor, res: dict, fields_of: dict, at: tuple, all_names=()) -> list:
    """The resource's foreign keys that can be judged; each mistake reported. A key that refers to
    a resource whose file cannot be read, or to a field whose values are not judged, is left out
    without a word: the mistake that stops it is reported where it is."""
    keys = res["schema"].get("foreignKeys")
    if keys is None:
        return []
    if not isinstance(keys, list):
        d.fail(at, "expected a list of foreign keys.")
        return []
    judged = []
    for k, fk in enumerate(keys):
        kat = at + (k,)
        before = len(d.messages)
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict):
            d.fail(kat, "expected {\"fields\": [...], \"reference\": {\"resource\": ..., \"fields\": [...]}}.")
            continue
        own = [fk.get("fields")] if isinstance(fk.get("fields"), str) else fk.get("fields")
        other = [ref.get("fields")] if isinstance(ref.get("fields"), str) else ref.get("fields")
        target = ref.get("resource", "") or res["name"]
        if not isinstance(target, str):
            d.fail(kat + ("reference", "resource"), "expected the name of a resource, or \"\" for this one.")
            continue
        if target not in fields_of:
            if target not in all_names:
                d.fail(kat + ("reference", "resource"), f"there is no resource named '{target}'.")
            continue  # otherwise its own mistakes are reported: not judged, not repeated
        unjudged = False
        for names, owner, path in ((own, res["name"], kat + ("fields",)),
                                   (other, target, kat + ("reference", "fields"))):
            if not _is_list_of_strings(names) or not names:
                d.fail(path, "expected a field name or a list of field names.")
                continue
            specs = {f["name"]: f for f in fields_of[owner]}
            for n in names:
                if n not in specs:
                    d.fail(path, f"'{n}' is not a field of the resource '{owner}'.")
                elif specs[n].get(UNJUDGED):
                    unjudged = True
        if _is_list_of_strings(own) and _is_list_of_strings(other) and len(own) != len(other):
            d.fail(kat, "the key and the reference name different numbers of fields.")
        if len(d.messages) == before and not unjudged:
            judged.append(fk)
    return judged


def _key_fields(res: dict) -> list[str]:
    key = res["schema"].get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def _foreign_keys(res: dict) -> list[tuple[list[str], str, list[str]]]:
    out = []
    for fk in res["schema"].get("foreignKeys") or []:
        own = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        ref = fk["reference"]
        other = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
        out.append((own, ref.get("resource", "") or res["name"], other))
    return out


def _check_files(data_dir: Path, resources: list[dict]) -> list[str]:
    """Every row of every file through the one reader, with unique values, primary keys and
    foreign keys. Keeps only keys in memory, never the files."""
    by_name = {r["name"]: r for r in resources}
    wanted: dict[tuple[str, tuple], set] = {}  # (resource, fields) -> the values other files refer to
    for res in resources:
        for own, target, other in _foreign_keys(res):
            if target in by_name:
                wanted[(target, tuple(other))] = set()
    references: list[tuple[str, str, list[str], str, list[str], dict]] = []
    messages: list[str] = []
    for res in resources:
        shown = _shown(data_dir, res["path"])
        reading = tables.Reading(shown)
        columns = tables.columns_of(res)
        unjudged = [i for i, c in enumerate(columns) if c.spec.get(UNJUDGED)]
        index = {c.name: i for i, c in enumerate(columns)}
        unique = [(c.name, index[c.name], {}) for c in columns if (c.spec.get("constraints") or {}).get("unique")]
        key_names = _key_fields(res)
        key_at = [index[k] for k in key_names]
        keys_seen: dict[tuple, int] = {}
        collect = [(positions, wanted[(res["name"], fields)]) for (name, fields) in wanted if name == res["name"]
                   for positions in [[index[f] for f in fields]]]
        refs = [(own, target, other, [index[f] for f in own], {}) for own, target, other in _foreign_keys(res)]
        for line, values, _ok in tables.read_rows(data_dir / res["path"], shown, res, reading, columns):
            for i in unjudged:  # read as text for the rest of the row's sake; its values are unknown
                values[i] = None
            for name, i, seen in unique:
                value = values[i]
                if value is not None:
                    if value in seen:
                        reading.add(line, name, f"'{value}' appears more than once (first on line {seen[value]}), "
                                                "and each value must be unique.")
                    else:
                        seen[value] = line
            if key_at:
                key = tuple(values[i] for i in key_at)
                if None in key:
                    pass  # a key cell that is missing or unreadable is already reported
                elif key in keys_seen:
                    reading.add(line, ", ".join(key_names), f"this row repeats the key of row {keys_seen[key]}. "
                                                           f"Each row needs its own combination of {', '.join(key_names)}.")
                else:
                    keys_seen[key] = line
            for positions, values_wanted in collect:
                values_wanted.add(tuple(values[i] for i in positions))
            for own, target, other, positions, first_line in refs:
                value = tuple(values[i] for i in positions)
                if None not in value and value not in first_line:
                    first_line[value] = line
        for own, target, other, positions, first_line in refs:
            references.append((shown, target, own, res["path"], other, first_line))
        messages += _reading_messages(reading)
        if reading.unreadable:
            for (name, fields), values_wanted in wanted.items():
                if name == res["name"]:
                    values_wanted.add(None)  # unknown: references to it are not judged
    for shown, target, own, path, other, first_line in references:
        known = wanted.get((target, tuple(other)), set())
        if None in known:
            continue
        target_shown = _shown(data_dir, by_name[target]["path"])
        reading = tables.Reading(shown)
        for value, line in sorted(first_line.items(), key=lambda item: item[1]):
            if value not in known:
                shown_value = ", ".join(str(v) for v in value)
                reading.add(line, ", ".join(own), f"'{shown_value}' is not a {', '.join(other)} in {target_shown}. "
                                                  "Use one that is listed there, or add it there first.")
        messages += _reading_messages(reading)
    return messages


def _reading_messages(reading: tables.Reading) -> list[str]:
    return reading.all_messages()


def _bib_keys(bib: Path) -> set[str]:
    return set(re.findall(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", bib.read_text(encoding="utf-8"), flags=re.M))


def _chains_without_loops(data_dir: Path, resources: list[dict]) -> list[str]:
    """A foreign key within one file (``"resource": ""``, e.g. each firm names the firm that
    contracted it) must not loop back: a chain F03 > F05 > F03 has no top, and the analysis of the
    chain could not be computed. Followed link by link, each row once: linear in the rows."""
    messages: list[str] = []
    for res in resources:
        for own, target, other in _foreign_keys(res):
            if target != res["name"] or len(own) != 1:
                continue
            shown = _shown(data_dir, res["path"])
            columns = tables.read_columns(data_dir / res["path"], shown, res)
            lines = _record_lines(data_dir / res["path"], res)
            link = {key: (parent, line) for key, parent, line in zip(columns[other[0]], columns[own[0]], lines)}
            state: dict = {}
            for start in link:
                trail = []
                node = start
                while node in link and node not in state:
                    state[node] = "open"
                    trail.append(node)
                    node = link[node][0]
                if node in link and state.get(node) == "open":  # back on this trail: a loop
                    loop = trail[trail.index(node):] + [node]
                    messages.append(f"{shown}:{link[loop[-2]][1]}: {own[0]}: the chain loops back: "
                                    f"{' > '.join(str(n) for n in loop)}. Each chain must lead up to a row "
                                    f"whose {own[0]} is empty.")
                for n in trail:
                    state[n] = "done"
    return messages


def _cross_checks(data_dir: Path, resources: list[dict]) -> list[str]:
    """The course's own rules: chains within a file do not loop; sector_risks names real ILO
    indicators and bibliography keys."""
    try:
        messages = _chains_without_loops(data_dir, resources)
    except tables.DataError:
        messages = []  # already reported by the file checks
    by_name = {r["name"]: r for r in resources}
    if not {"ilo_indicators", "sector_risks"} <= set(by_name):
        return messages
    try:
        indicators = set(tables.read_columns(data_dir / by_name["ilo_indicators"]["path"],
                                             _shown(data_dir, by_name["ilo_indicators"]["path"]),
                                             by_name["ilo_indicators"])["indicator"])
        risks_res = by_name["sector_risks"]
        shown = _shown(data_dir, risks_res["path"])
        risks = tables.read_columns(data_dir / risks_res["path"], shown, risks_res)
    except (tables.DataError, KeyError):
        return messages  # already reported by the file checks
    bib = data_dir.parent / "references.bib"
    keys = _bib_keys(bib) if bib.is_file() else None
    reading_lines = _record_lines(data_dir / risks_res["path"], risks_res)
    for row, (related, source) in enumerate(zip(risks.get("related_indicators", []), risks.get("source_key", []))):
        line = reading_lines[row]
        for name in filter(None, (s.strip() for s in (related or "").split(";"))):
            if name not in indicators:
                messages.append(f"{shown}:{line}: related_indicators: '{name}' is not an indicator in "
                                f"{_shown(data_dir, by_name['ilo_indicators']['path'])}. Use the ILO name exactly, "
                                "separated by ';'.")
        if keys is not None:
            for key in filter(None, (s.strip() for s in (source or "").split(";"))):
                if key not in keys:
                    messages.append(f"{shown}:{line}: source_key: '{key}' is not a key of references.bib.")
    return messages


def _record_lines(path: Path, resource: dict) -> list[int]:
    reading = tables.Reading(str(path))
    return [line for line, _, _ok in tables.read_rows(path, str(path), resource, reading)]


def validate_package(path: str | Path | None = None) -> list[str]:
    """Validate the data package at ``path`` (its folder or its datapackage.json; default: the
    course's data/). Returns author-facing messages, ``data/x.csv:LINE: field: message``, where
    LINE is the line of the CSV file (the header is line 1); an empty list means valid. Every file
    is read by the same reader the build uses (``tables.read_rows``)."""
    data_dir = find_data_dir(path)
    package_file = data_dir / PACKAGE_FILE
    shown = _shown(data_dir, PACKAGE_FILE)
    try:
        text = package_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [f"{shown}: the file is missing."]
    except UnicodeDecodeError as exc:
        return [f"{shown}: the file is not UTF-8 text ({exc.reason}). Save it as UTF-8."]
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        return [f"{shown}:{exc.lineno}: not valid JSON: {exc.msg}."]
    messages, readable = check_descriptor(data_dir, text, descriptor)
    messages += _check_files(data_dir, readable)
    if not messages:
        messages += _cross_checks(data_dir, readable)
    return [escaped(m) for m in messages]  # a zero-width space or a tab in a value, shown


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Check the course's data package and report every mistake.")
    parser.add_argument("path", nargs="?", default=None, help="data/ or data/datapackage.json (default: the course's)")
    args = parser.parse_args(argv)
    messages = validate_package(args.path)
    for message in messages:
        print(message)
    if not messages:
        print("data package: no mistakes found.")
    return 1 if messages else 0


if __name__ == "__main__":
    raise SystemExit(main())
