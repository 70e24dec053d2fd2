"""One CSV reader for the data check and the build: a file is read exactly as datapackage.json
declares it, or rejected with file, line and field; a mistake in the descriptor fails the check on
its own; a file over the size limit is refused before it is read.

Fixtures: tests/fixtures/data_package/ is a small valid package; each folder of
tests/fixtures/malformed_data/ holds files that replace or join the package's files."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest

from procurement_course.datasets import analysis as an
from procurement_course.datasets.package import validate_package
from procurement_course.datasets.tables import MAX_FILE_BYTES, DataError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MESSAGE = re.compile(r"^data/[\w.-]+(:\d+)?: \S")

EXPECTED = {
    "absolute-path": "data/datapackage.json:8: resources[0].path: '/etc/passwd.csv' points outside the data folder.",
    "bom": "data/workers.csv:1: the file starts with a byte order mark (BOM), which datapackage.json does not declare",
    "duplicate-resource": "data/datapackage.json:49: resources[1].name: the name 'workers' is already used by resources[0].",
    "not-a-number": "data/workers.csv:3: contract_hours: 'NaN' is not a number the course can use",
    "remote-path": "data/datapackage.json:50: resources[1].path: 'https://example.org/access_log.csv' is a web address",
    "semicolons": "data/access_log.csv:1: the columns are separated by semicolons, but datapackage.json declares ','.",
    "timezone": "data/access_log.csv:3: badge_in: '2025-09-01T05:23:00Z' is not a date and time written "
                "YYYY-MM-DDTHH:MM:SS, without a time zone",
    "undescribed-file": "data/extra.csv: this file is not described in datapackage.json, so nothing checks it.",
    "unknown-type": "data/datapackage.json:34: resources[0].schema.fields[2].type: unknown type 'numbr'. "
                    "Did you mean 'number'?",
    "windows-1252": "data/workers.csv:3: the line is not utf-8 text (byte 0xe4 at column 7).",
    # Issue 23: what a data keeper with Excel, or a hostile file, still got through.
    "decimal-comma": "data/access_log.csv:3: hours_paid: '100,50' is not a number with a point for decimals (e.g. "
                     "12.50). Use a point, not a comma, for decimals; or, if the whole column is written with decimal "
                     "commas (Excel set to Finnish), declare \"decimalChar\": \",\" for this field in datapackage.json.",
    "float-type": "data/datapackage.json:34: resources[0].schema.fields[2].type: unknown type 'float'.",
    "badge-out-first": "data/access_log.csv:3: badge_out: '2025-09-01T09:10:00' is before this row's badge_in, "
                       "'2025-09-01T17:00:00': a badge-out cannot come before its badge-in.",
    "formula": "data/workers.csv:2: name: '=HYPERLINK(\"http://example.org/payslip\",\"Open payslip\")' starts like a "
               "spreadsheet formula ('='). Excel or LibreOffice runs it when a buyer opens this file",
    "zero-width-space": "data/access_log.csv:2: worker_id: 'W001\\u200b' is not a worker_id in data/workers.csv.",
}


def package_with(tmp_path: Path, case: str | None = None) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data_package", data)
    if case:
        for f in (FIXTURES / "malformed_data" / case).iterdir():
            shutil.copy(f, data / f.name)
    return data


def test_the_sample_package_is_valid_and_loads_with_its_types(tmp_path):
    data = package_with(tmp_path)
    assert validate_package(data) == []
    log = an.load("access_log", data)
    assert [str(t) for t in log.dtypes] == ["str", "datetime64[us]", "datetime64[us]", "float64"]
    assert log["badge_out"].isna().tolist() == [False, True, False, False]
    assert an.load("workers", data)["contract_hours"].tolist() == [25.0, 37.5, 20.0]


def test_every_case_has_its_expectation():
    assert sorted(EXPECTED) == sorted(p.name for p in (FIXTURES / "malformed_data").iterdir())


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_mistake_fails_the_check_with_file_line_and_field(tmp_path, case):
    messages = validate_package(package_with(tmp_path, case))
    assert any(m.startswith(EXPECTED[case]) for m in messages), messages
    assert all(MESSAGE.match(m) for m in messages), messages


def test_a_descriptor_mistake_does_not_hide_the_files_mistakes_once_fixed(tmp_path):
    data = package_with(tmp_path, "unknown-type")  # also plants '37.5O' in workers.csv
    assert len(validate_package(data)) == 1
    descriptor = json.loads((data / "datapackage.json").read_text())
    descriptor["resources"][0]["schema"]["fields"][2]["type"] = "number"
    (data / "datapackage.json").write_text(json.dumps(descriptor))
    assert validate_package(data) == ["data/workers.csv:3: contract_hours: '37.5O' is not a number with a point "
                                      "for decimals (e.g. 12.50). Expected: Contract hours a week."]


@pytest.mark.parametrize("case, resource", [("bom", "workers"), ("not-a-number", "workers"),
                                            ("semicolons", "access_log"), ("timezone", "access_log"),
                                            ("windows-1252", "workers")])
def test_the_build_reads_with_the_same_reader_and_stops_with_the_same_message(tmp_path, case, resource):
    data = package_with(tmp_path, case)
    with pytest.raises(DataError) as caught:
        an.load(resource, data)
    file_messages = [m for m in validate_package(data) if m.startswith(f"data/{resource}.csv")]
    assert caught.value.messages == file_messages


def test_another_dialect_and_encoding_are_read_exactly_as_declared(tmp_path):
    data = package_with(tmp_path)
    for case in ("semicolons", "windows-1252"):
        for f in (FIXTURES / "malformed_data" / case).iterdir():
            shutil.copy(f, data / f.name)
    descriptor = json.loads((data / "datapackage.json").read_text())
    workers, log = descriptor["resources"]
    workers["encoding"] = "windows-1252"
    log["dialect"] = {"delimiter": ";"}
    log["schema"]["fields"][3]["decimalChar"] = ","
    (data / "datapackage.json").write_text(json.dumps(descriptor))
    assert validate_package(data) == []
    assert an.load("workers", data)["name"].tolist() == ["Aino (fictional)", "Järvinen (fictional)"]
    assert an.load("access_log", data)["hours_paid"].tolist()[0] == 5.0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    data = package_with(tmp_path)
    with (data / "access_log.csv").open("r+b") as f:  # 200 MB, sparse: made in no time
        f.truncate(200 * 2**20)
    start = time.perf_counter()
    messages = validate_package(data)
    assert time.perf_counter() - start < 5
    limit = f"{MAX_FILE_BYTES / 2**20:.0f} MB"
    assert messages == [f"data/access_log.csv: the file is 200.0 MB; the course reads data files of at most {limit} "
                        "(MAX_FILE_BYTES in procurement_course/datasets/tables.py). Use a sample of the data, or "
                        "split it into smaller resources."]
    with pytest.raises(DataError, match="the course reads data files of at most"):
        an.load("access_log", data)


def test_a_chain_within_a_file_that_loops_fails_the_check_not_the_build(tmp_path):
    """Before, a loop in the subcontracting chain passed the check and stopped the build with a
    traceback when the exhibit computed the chain."""
    root = Path(__file__).resolve().parents[1]
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    firms = data / "construction_firms.csv"
    lines = firms.read_text(encoding="utf-8").split("\n")
    assert lines[1].startswith("F01,") and lines[2].startswith("F02,") and ",F01," in lines[2]
    cells = lines[1].split(",")
    cells[2] = "F02"  # the main contractor now contracted by its own subcontractor
    lines[1] = ",".join(cells)
    firms.write_text("\n".join(lines), encoding="utf-8")
    assert validate_package(data) == ["data/construction_firms.csv:3: parent_firm_id: the chain loops back: "
                                      "F01 > F02 > F01. Each chain must lead up to a row whose parent_firm_id "
                                      "is empty."]


# Issue 23: a BOM that can be declared, a Finnish Excel export, every mistake in one run, data that
# passed but should not.

def test_a_finnish_excel_export_is_read_once_declared_as_such(tmp_path):
    """Excel set to Finnish, "CSV UTF-8": a byte order mark, ';' between columns, decimal commas,
    dates as 1.9.2025 5:22 and CRLF line ends, all declared in datapackage.json."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "excel_finnish", data)
    raw = (data / "access_log.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfworker_id;") and b"\r\n" in raw and b";100,50\r\n" in raw
    assert validate_package(data) == []
    log = an.load("access_log", data)
    assert log["hours_paid"].tolist()[0] == 5.25 and log["hours_paid"].tolist()[2] == 100.5
    assert str(log["badge_in"][0]) == "2025-09-01 05:22:00"
    assert an.load("workers", data)["name"].tolist()[1] == "Järvinen (fictional)"


def test_utf_8_sig_is_an_encoding_the_course_can_declare(tmp_path):
    """Before: "'utf-8-sig' is not an encoding the course can read", the very encoding the BOM
    message asks for (the probe encoded with a BOM). The BOM case's file passes once declared."""
    from procurement_course.datasets.tables import ascii_compatible

    assert ascii_compatible("utf-8-sig") and ascii_compatible("UTF_8_SIG") and ascii_compatible("windows-1252")
    assert not ascii_compatible("utf-16") and not ascii_compatible("cp500") and not ascii_compatible("rot13")
    data = package_with(tmp_path, "bom")
    descriptor = json.loads((data / "datapackage.json").read_text())
    descriptor["resources"][0]["encoding"] = "utf-8-sig"
    (data / "datapackage.json").write_text(json.dumps(descriptor))
    assert not [m for m in validate_package(data) if m.startswith(("data/workers.csv", "data/datapackage.json"))]
    assert an.load("workers", data)["worker_id"].tolist() == ["W001"]  # the header read without its BOM


def test_decimal_commas_in_a_field_declared_with_a_point_are_reported_at_their_rows(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "excel_finnish", data)
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    del descriptor["resources"][1]["schema"]["fields"][3]["decimalChar"]
    (data / "datapackage.json").write_text(json.dumps(descriptor))
    hint = ("Use a point, not a comma, for decimals; or, if the whole column is written with decimal commas "
            "(Excel set to Finnish), declare \"decimalChar\": \",\" for this field in datapackage.json. "
            "Expected: Hours paid for the visit.")
    assert validate_package(data) == [
        f"data/access_log.csv:2: hours_paid: '5,25' is not a number with a point for decimals (e.g. 12.50). {hint}",
        f"data/access_log.csv:4: hours_paid: '100,50' is not a number with a point for decimals (e.g. 12.50). {hint}"]


def test_one_wrong_field_type_does_not_hide_the_other_mistakes(tmp_path):
    """Before: the unknown type 'float' stopped the check of workers.csv and of access_log.csv,
    which links to it; the empty name and the two access-log mistakes came only on the next run."""
    messages = validate_package(package_with(tmp_path, "float-type"))
    assert messages == [
        "data/datapackage.json:34: resources[0].schema.fields[2].type: unknown type 'float'. Allowed here: boolean, "
        "date, datetime, integer, number, string, time. Its values are checked once the type is one of these.",
        "data/workers.csv:3: name: the cell is empty, and a value is required here. Expected: A fictional name.",
        "data/access_log.csv:4: hours_paid: 'six' is not a number with a point for decimals (e.g. 12.50). "
        "Expected: Hours paid for the visit.",
        "data/access_log.csv:3: worker_id: 'W009' is not a worker_id in data/workers.csv. Use one that is listed "
        "there, or add it there first.",
    ]


def test_a_faulty_key_field_leaves_the_references_to_it_unjudged(tmp_path):
    """A key whose field's type is unknown cannot be compared: the files that refer to it are
    still read and checked, but not accused of naming a worker that does not exist."""
    data = package_with(tmp_path, "float-type")
    descriptor = json.loads((data / "datapackage.json").read_text())
    descriptor["resources"][0]["schema"]["fields"][0]["type"] = "text"
    (data / "datapackage.json").write_text(json.dumps(descriptor))
    messages = validate_package(data)
    assert [m.split(": ")[0] for m in messages] == ["data/datapackage.json:1", "data/datapackage.json:1",
                                                   "data/workers.csv:3", "data/access_log.csv:4"]
    assert not any("W009" in m for m in messages)


def test_formula_cells_are_refused_and_say_why(tmp_path):
    messages = validate_package(package_with(tmp_path, "formula"))
    why = ("Excel or LibreOffice runs it when a buyer opens this file, or a CSV made from it: it can open a web "
           "page or start a program.")
    assert messages == [
        "data/workers.csv:2: name: '=HYPERLINK(\"http://example.org/payslip\",\"Open payslip\")' starts like a "
        f"spreadsheet formula ('='). {why} Write the text without the leading '=' (data cells hold values, never "
        "formulas).",
        f"data/workers.csv:3: name: '+cmd|' /C calc'!A0' starts like a spreadsheet formula ('+'). {why} Write the "
        "text without the leading '+' (data cells hold values, never formulas).",
    ]  # and row 4, '- see notes (fictional)', is ordinary text


@pytest.mark.parametrize("text, formula", [
    ('=HYPERLINK("http://x","y")', True), ("+cmd|' /C calc'!A0", True), ("-2+3+cmd|' /C calc'!A0", True),
    ("@SUM(A1:A9)", True), ("-HYPERLINK(\"x\")", True), (" \t=1+1", True),
    ("- see notes", False), ("-5", False), ("+358 40 123 4567", False), ("a = b", False), ("=", False),
    ("- see the report (2014)", False), ("W001", False),
])
def test_what_counts_as_a_formula_and_how_an_export_neutralises_it(text, formula):
    from procurement_course.datasets.tables import formula_like, spreadsheet_safe

    assert formula_like(text) is formula
    assert spreadsheet_safe(text) == ("'" + text if formula else text)


@pytest.mark.parametrize("case, resource", [("badge-out-first", "access_log"), ("formula", "workers"),
                                            ("decimal-comma", "access_log")])
def test_the_build_refuses_what_the_check_refuses(tmp_path, case, resource):
    data = package_with(tmp_path, case)
    with pytest.raises(DataError) as caught:
        an.load(resource, data)
    assert caught.value.messages == [m for m in validate_package(data) if m.startswith(f"data/{resource}.csv")]


def test_a_night_shift_in_a_log_of_times_of_day_is_not_a_badge_out_before_its_badge_in():
    """construction_access_log has a date, time_in and time_out: a time out earlier than the time in
    is a visit past midnight (analysis.visits counts it so), not a mistake. Full date-times are judged."""
    from procurement_course.datasets.tables import columns_of, in_out_pairs

    times = {"schema": {"fields": [{"name": "date", "type": "date"}, {"name": "time_in", "type": "time"},
                                   {"name": "time_out", "type": "time"}]}}
    stamps = {"schema": {"fields": [{"name": "badge_in", "type": "datetime"},
                                    {"name": "badge_out", "type": "datetime"}]}}
    assert in_out_pairs(columns_of(times)) == [] and in_out_pairs(columns_of(stamps)) == [(0, 1)]


def test_the_real_data_package_still_passes():
    assert validate_package(FIXTURES.parents[1] / "data") == []


def test_every_value_of_the_descriptor_in_every_wrong_shape_gives_messages_not_a_traceback(tmp_path):
    """Whatever a keeper writes in datapackage.json (a list for a name, a set of keys for a
    resource's name in a foreign key: that one was a TypeError), the check answers with messages."""
    import copy

    data = package_with(tmp_path)
    base = json.loads((data / "datapackage.json").read_text())
    shapes = [{"a": "b"}, ["x"], None, 12, True, ""]

    def paths(value, path=()):
        yield path
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            yield from paths(item, path + (key,))

    rejected = 0
    for path in list(paths(base))[1:]:
        for shape in shapes:
            variant = copy.deepcopy(base)
            parent = variant
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = shape
            (data / "datapackage.json").write_text(json.dumps(variant, indent=1))
            messages = validate_package(data)
            rejected += bool(messages)
            assert all(MESSAGE.match(m) for m in messages), (path, shape, messages)
    assert rejected > 300
