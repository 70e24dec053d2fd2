"""The course's datasets as a Frictionless Data Package (``data/datapackage.json``).

- ``find_data_dir()``: the ``data/`` folder of the course, found by walking up to ``_config.yml``
  (or, installed with pip, the copy shipped inside the package).
- ``validate_package(path)``: check every CSV against its table schema (types, required cells,
  patterns, keys, foreign keys) and the course's own cross-checks, and return author-facing
  messages ``data/x.csv:ROW: field: message`` (an empty list when all is well).

``python -m procurement_course.data_package [data/datapackage.json]`` prints the messages and
exits 1 when there are any.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

PACKAGE_FILE = "datapackage.json"
# An assumed minimum for the exercise, not the rate of any real collective agreement.
ASSUMED_MINIMUM_HOURLY_WAGE = 12.50

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number (e.g. 8)",
    "number": "a number with a point for decimals (e.g. 12.50)",
    "boolean": "true or false",
    "date": "a date written YYYY-MM-DD (e.g. 2025-09-01)",
    "datetime": "a date and time written YYYY-MM-DDTHH:MM:SS (e.g. 2025-09-01T17:05:00)",
    "time": "a time written HH:MM:SS",
}
_FORMAT_WORDS = {"%H:%M": "a time written HH:MM (e.g. 07:05)"}


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
# Validation

def _shown(data_dir: Path, file: str) -> str:
    """How a file is named in messages: relative to the course folder when inside it, else
    ``<folder name>/<file>`` (so a package in any folder called data/ reads ``data/x.csv``)."""
    try:
        root = find_root(data_dir)
        return (data_dir / file).resolve().relative_to(root).as_posix()
    except (FileNotFoundError, ValueError):
        return f"{data_dir.name}/{file}"


def _field_hint(field: dict | None) -> str:
    if not field:
        return ""
    desc = field.get("description", "").strip()
    return f" Expected: {desc}" if desc else ""


def _type_words(field: dict | None) -> str:
    if not field:
        return "a value of the right type"
    fmt = field.get("format")
    if fmt in _FORMAT_WORDS:
        return _FORMAT_WORDS[fmt]
    return _TYPE_WORDS.get(field.get("type", "string"), field.get("type", "string"))


def _constraint_message(cell, note: str, field: dict | None) -> str:
    m = re.match(r'constraint "(\w+)" is "(.*)"', note or "")
    name, value = (m.group(1), m.group(2)) if m else ("", "")
    shown = f"'{cell}'"
    if name == "required":
        return "the cell is empty, and a value is required here." + _field_hint(field)
    if name == "minimum":
        return f"{shown} is below the smallest allowed value, {value}." + _field_hint(field)
    if name == "maximum":
        return f"{shown} is above the largest allowed value, {value}." + _field_hint(field)
    if name == "pattern":
        return f"{shown} is not written in the expected form ({value})." + _field_hint(field)
    if name == "enum":
        allowed = ", ".join((field or {}).get("constraints", {}).get("enum", [])) or value
        return f"{shown} is not one of the allowed values: {allowed}."
    if name == "unique":
        return f"{shown} appears more than once, and each value must be unique."
    if name in ("minLength", "maxLength"):
        return f"{shown} is too {'short' if name == 'minLength' else 'long'} (limit {value})."
    return f"{shown} breaks the rule {note}."


def _frictionless_messages(data_dir: Path, descriptor: dict) -> list[str]:
    from frictionless import validate

    report = validate(str(data_dir / PACKAGE_FILE))
    by_name = {r["name"]: r for r in descriptor.get("resources", [])}
    messages: list[str] = []
    for task in report.tasks:
        res = by_name.get(task.name, {})
        file = _shown(data_dir, res.get("path", task.place or task.name))
        fields = {f["name"]: f for f in res.get("schema", {}).get("fields", [])}
        missing = {(e.row_number, e.field_name) for e in task.errors if e.type == "missing-cell"}
        for e in task.errors:
            row = getattr(e, "row_number", None)
            field_name = getattr(e, "field_name", None) or ""
            field = fields.get(field_name)
            cell = getattr(e, "cell", None)
            if e.type == "constraint-error" and (row, field_name) in missing:
                continue  # reported once, as a missing cell
            if e.type == "type-error":
                text = f"'{cell}' is not {_type_words(field)}." + _field_hint(field)
            elif e.type == "constraint-error":
                text = _constraint_message(cell, e.note, field)
            elif e.type == "missing-cell":
                text = "the row ends before this column: the cell is missing (check the commas on this line)."
            elif e.type == "extra-cell":
                text = f"the row has more cells than the header has columns (extra value '{cell}')."
                field_name = f"column {getattr(e, 'field_number', '?')}"
            elif e.type == "foreign-key":
                m = re.match(r'for "([^"]+)": values "([^"]*)" not found in the lookup table "([^"]*)" as "([^"]+)"',
                             e.note or "")
                if m:
                    field_name = m.group(1)
                    target = by_name.get(m.group(3) or task.name, {}).get("path", m.group(3) or res.get("path"))
                    text = (f"'{m.group(2)}' is not a {m.group(4)} in {_shown(data_dir, target)}. "
                            f"Use one that is listed there, or add it there first.")
                else:
                    text = e.note or e.message
            elif e.type == "primary-key":
                key = res.get("schema", {}).get("primaryKey", [])
                key = [key] if isinstance(key, str) else key
                field_name = ", ".join(key)
                other = re.search(r"position (\d+)", e.note or "")
                text = (f"this row repeats the key of row {other.group(1)}. " if other else "this row repeats a key. ") \
                    + f"Each row needs its own combination of {field_name}."
            elif e.type in ("incorrect-label", "missing-label", "blank-label", "duplicate-label", "extra-label"):
                row = 1
                label = getattr(e, "label", "")
                text = (f"the header says '{label}' where the schema expects '{field_name}'."
                        if e.type == "incorrect-label" else e.message)
            elif e.type == "blank-row":
                text = "the row is empty. Delete it."
            else:
                text = e.message
            where = f"{file}:{row}" if row else file
            messages.append(f"{where}: {field_name}: {text}" if field_name else f"{where}: {text}")
    return messages


def _bib_keys(bib: Path) -> set[str]:
    return set(re.findall(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", bib.read_text(encoding="utf-8"), flags=re.M))


def _cross_checks(data_dir: Path) -> list[str]:
    """The course's own rules: sector_risks names real ILO indicators and bibliography keys."""
    messages: list[str] = []
    indicators_csv, risks_csv = data_dir / "ilo_indicators.csv", data_dir / "sector_risks.csv"
    if not (indicators_csv.is_file() and risks_csv.is_file()):
        return messages
    with indicators_csv.open(encoding="utf-8", newline="") as f:
        indicators = {row.get("indicator", "") for row in csv.DictReader(f)}
    bib = data_dir.parent / "references.bib"
    keys = _bib_keys(bib) if bib.is_file() else None
    shown = _shown(data_dir, "sector_risks.csv")
    with risks_csv.open(encoding="utf-8", newline="") as f:
        for row_number, row in enumerate(csv.DictReader(f), start=2):
            for name in filter(None, (s.strip() for s in (row.get("related_indicators") or "").split(";"))):
                if name not in indicators:
                    messages.append(f"{shown}:{row_number}: related_indicators: '{name}' is not an indicator in "
                                    f"{_shown(data_dir, 'ilo_indicators.csv')}. Use the ILO name exactly, "
                                    "separated by ';'.")
            if keys is not None:
                for key in filter(None, (s.strip() for s in (row.get("source_key") or "").split(";"))):
                    if key not in keys:
                        messages.append(f"{shown}:{row_number}: source_key: '{key}' is not a key of references.bib.")
    return messages


def validate_package(path: str | Path | None = None) -> list[str]:
    """Validate the data package at ``path`` (its folder or its datapackage.json; default: the
    course's data/). Returns author-facing messages, ``data/x.csv:ROW: field: message``, where
    ROW is the line of the CSV file (the header is line 1); an empty list means valid."""
    data_dir = find_data_dir(path)
    package_file = data_dir / PACKAGE_FILE
    shown = _shown(data_dir, PACKAGE_FILE)
    try:
        descriptor = json.loads(package_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [f"{shown}: the file is missing."]
    except json.JSONDecodeError as exc:
        return [f"{shown}:{exc.lineno}: not valid JSON: {exc.msg}."]
    try:
        messages = _frictionless_messages(data_dir, descriptor)
    except Exception as exc:  # a broken descriptor: frictionless refuses to read it
        return [f"{shown}: {getattr(getattr(exc, 'error', None), 'message', None) or exc}"]
    return messages + _cross_checks(data_dir)


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
