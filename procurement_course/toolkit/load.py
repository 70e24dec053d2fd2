"""Read the toolkit's files through the data package's own reader (``datasets.tables.read_rows``,
by the schema in ``data/datapackage.json``), then check what a table schema cannot say. Every
mistake is reported as ``data/x.csv:LINE: field: what is wrong. How to fix.``, all at once."""

from __future__ import annotations

from pathlib import Path

from ..datasets import package, tables
from .model import (LEVELS, QUESTIONS, ChecklistItem, Clause, Condition, Level, Measure, Rate, Rule,
                    Toolkit)

RESOURCES = ("toolkit_risk_rules", "toolkit_risk_levels", "toolkit_measures", "toolkit_rates",
             "toolkit_clauses", "toolkit_checklist")


class ToolkitError(ValueError):
    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


class _Rows:
    """The rows of one resource as dicts, each with its line; mistakes gathered in ``messages``."""

    def __init__(self, data_dir: Path, name: str, messages: list[str]):
        res = package.resource_descriptor(name, data_dir)
        self.shown = package._shown(data_dir, res["path"])  # the checker's own way of naming a file
        self.messages = messages
        reading = tables.Reading(self.shown)
        names = [f["name"] for f in res["schema"]["fields"]]
        self.rows = [(line, dict(zip(names, values)))
                     for line, values, ok in tables.read_rows(data_dir / res["path"], self.shown, res, reading)]
        messages += reading.all_messages()

    def fail(self, line: int, field_name: str, text: str) -> None:
        self.messages.append(f"{self.shown}:{line}: {field_name}: {text}")


def _condition(rows: _Rows, line: int, row: dict, optional: bool) -> Condition | None:
    question, test, value = row.get("question"), row.get("test"), row.get("value")
    if optional and not (question or test or value):
        return None
    for name, cell in (("question", question), ("test", test), ("value", value)):
        if not cell:
            rows.fail(line, name, "a condition needs question, test and value together. Fill in all three, "
                                  "or leave all three empty for a measure that always applies.")
            return None
    choices = QUESTIONS.get(question)
    if test == "at_least":
        if choices is not None:
            rows.fail(line, "test", f"'{question}' is answered with a choice, not a number: use 'is' or 'in'.")
            return None
        try:
            float(value)
        except ValueError:
            rows.fail(line, "value", f"'{value}' is not a number, and 'at_least' compares numbers. Write e.g. 2.")
            return None
    elif choices is None:
        rows.fail(line, "test", f"'{question}' is answered with a number: use 'at_least'.")
        return None
    else:
        for v in (value.split(";") if test == "in" else [value]):
            if v.strip() not in choices:
                rows.fail(line, "value", f"'{v.strip()}' is not an answer to '{question}'. "
                                         f"Its answers are: {', '.join(choices)}.")
                return None
    return Condition(question, test, value)


def read_patterns(data_dir: Path) -> tuple[dict[str, list[tuple[str, str, str]]], list[str]]:
    """The sector patterns (``sector_risks``) and the ILO indicators, for the site-visit checklist."""
    cols = tables.read_columns(data_dir / "sector_risks.csv", "data/sector_risks.csv",
                               package.resource_descriptor("sector_risks", data_dir))
    patterns: dict[str, list[tuple[str, str, str]]] = {}
    for sector, pattern, related, source in zip(cols["sector"], cols["pattern"], cols["related_indicators"],
                                                cols["source_key"]):
        patterns.setdefault(sector, []).append((pattern, related or "", source or ""))
    ilo = tables.read_columns(data_dir / "ilo_indicators.csv", "data/ilo_indicators.csv",
                              package.resource_descriptor("ilo_indicators", data_dir))
    indicators = [name for _, name in sorted(zip(ilo["number"], ilo["indicator"]))]
    return patterns, indicators


def load_toolkit(data_dir: str | Path | None = None, labels: set[str] | None = None) -> Toolkit:
    """The toolkit's data, checked. ``labels``: the section labels of the built course; when given,
    every ``section`` must be one of them. Raises ``ToolkitError`` with every mistake."""
    data_dir = package.find_data_dir(data_dir)
    messages: list[str] = []
    kit = Toolkit()
    rows = _Rows(data_dir, "toolkit_risk_rules", messages)
    kit.files.append(rows.shown)
    for line, r in rows.rows:
        when = _condition(rows, line, r, optional=False)
        if when and r["points"] is not None:
            kit.rules.append(Rule(r["rule_id"], when, r["points"], r["reason"] or "", r["source"] or "", line))

    levels = _Rows(data_dir, "toolkit_risk_levels", messages)
    kit.files.append(levels.shown)
    kit.levels = [Level(r["level"], r["min_points"], r["meaning"] or "", r["source"] or "")
                  for _, r in levels.rows if r["level"] and r["min_points"] is not None]
    by_level = {lv.level: lv for lv in kit.levels}
    if set(by_level) != set(LEVELS):
        levels.fail(1, "level", f"the levels must be exactly {', '.join(LEVELS)}, each on one row.")
    elif not by_level["low"].min_points == 0 < by_level["medium"].min_points < by_level["high"].min_points:
        line = next(line for line, r in levels.rows if r["level"] == "medium")
        levels.fail(line, "min_points", "low must start at 0 and medium and high at ever higher scores.")

    measures = _Rows(data_dir, "toolkit_measures", messages)
    kit.files.append(measures.shown)
    for line, r in measures.rows:
        when = _condition(measures, line, r, optional=True)
        kit.measures.append(Measure(r["measure_id"], r["phase"], r["from_level"] or "low", when, r["text"] or "",
                                    r["section"] or "", r["source"] or "", line))

    rates = _Rows(data_dir, "toolkit_rates", messages)
    kit.files.append(rates.shown)
    for line, r in rates.rows:
        percent = r["kind"] in ("statutory", "sunday_percent", "holiday_percent")
        if r["unit"] and percent != (r["unit"] == "percent"):
            rates.fail(line, "unit", f"a {r['kind']} rate is {'a percentage: write percent' if percent else 'an amount an hour: write EUR/h or SEK/h'}.")
        if r["valid_from"] and r["valid_to"] and r["valid_to"] < r["valid_from"]:
            rates.fail(line, "valid_to", "the rate ends before it starts. Check the two dates.")
        fmt = lambda d: d.isoformat() if d else None  # noqa: E731
        kit.rates.append(Rate(r["rate_id"], r["country"], r["sector"], r["kind"], r["label"] or "",
                              r["value"] if r["value"] is not None else 0.0, r["unit"] or "", fmt(r["valid_from"]),
                              fmt(r["valid_to"]), r["source"] or "", fmt(r["source_date"]) or "", r["confidence"] or ""))

    clauses = _Rows(data_dir, "toolkit_clauses", messages)
    kit.files.append(clauses.shown)
    for line, r in clauses.rows:
        text = r["text"] or ""
        if "annex x" in text.lower():
            clauses.fail(line, "text", "'Annex X' reads as the procurement directive's Annex X. "
                                       "Write 'Annex [n] to this contract'.")
        kit.clauses.append(Clause(r["clause_id"], r["title"] or "", r["purpose"] or "", text, r["country"],
                                  r["sectors"], r["preset"] == "yes", r["section"] or "", r["source"] or ""))

    items = _Rows(data_dir, "toolkit_checklist", messages)
    kit.files.append(items.shown)
    kit.checklist = [ChecklistItem(r["item_id"], r["sector"], r["group"], r["text"] or "", r["section"] or "",
                                   r["source"] or "") for _, r in items.rows]
    if labels is not None:
        for table, things in ((measures, kit.measures), (clauses, kit.clauses), (items, kit.checklist)):
            lines = [line for line, _ in table.rows]
            for line, thing in zip(lines, things):
                if thing.section and thing.section.lower() not in labels:
                    table.fail(line, "section", f"no section of the course is labelled '{thing.section}'. "
                                                "Use a label written '(label)=' before a heading.")
    try:
        kit.patterns, kit.indicators = read_patterns(data_dir)
    except tables.DataError as exc:
        messages += exc.messages
    if messages:
        raise ToolkitError(messages)
    return kit
