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
