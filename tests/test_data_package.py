"""The data package: valid against its Frictionless schema, mistakes reported as file:row: field,
and the synthetic datasets reproduced byte for byte by tools/generate_data.py."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from frictionless import validate

from procurement_course.datasets.package import validate_package
from procurement_course.toolkit.load import RESOURCES as TOOLKIT_RESOURCES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GENERATOR = ROOT / "tools" / "generate_data.py"
PUBLISHED = {"ilo_indicators", "sector_risks"} | set(TOOLKIT_RESOURCES)  # the toolkit's tables cite their sources


def descriptor() -> dict:
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def broken_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return data


def replace_line(path: Path, line_number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line_number - 1], lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_package_is_valid_with_the_python_api():
    report = validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert validate_package(DATA) == []


def test_package_is_valid_with_the_command_line():
    cli = Path(sys.executable).with_name("frictionless")
    if not cli.exists():
        pytest.skip("the frictionless command is not installed next to this Python")
    done = subprocess.run([str(cli), "validate", "datapackage.json"], cwd=DATA, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_every_csv_is_a_described_resource():
    pkg = descriptor()
    paths = {r["path"] for r in pkg["resources"]}
    assert paths == {p.name for p in DATA.glob("*.csv")}
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    for res in pkg["resources"]:
        assert res["title"] and res["description"] and res["sources"], res["name"]
        assert res["schema"]["primaryKey"], res["name"]
        synthetic = "SYNTHETIC" in res["description"]
        assert synthetic == (res["name"] not in PUBLISHED), res["name"]
        for field in res["schema"]["fields"]:
            assert field.get("description"), f"{res['name']}.{field['name']} has no description"
            if field["name"].endswith("_eur"):
                assert "EUR" in field["description"], field["name"]
            if field["name"].endswith("_hours") or field["name"].startswith("contract_hours"):
                assert "hours" in field["description"], field["name"]
    ilo = next(r for r in pkg["resources"] if r["name"] == "ilo_indicators")
    assert "2012" in ilo["sources"][0]["title"]


def test_a_wrong_type_is_reported_with_file_row_and_field(tmp_path):
    data = broken_copy(tmp_path)
    path = data / "cleaning_payslips.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    row = lines[6].split(",")
    row[3] = "12O0.50"  # a letter O instead of a zero, on line 7 of the file
    lines[6] = ",".join(row)
    lines[4] = lines[4].rsplit(",", 1)[0]  # line 5 loses its last cell
    path.write_text("\n".join(lines), encoding="utf-8")
    assert not validate(str(data / "datapackage.json")).valid
    messages = validate_package(data)
    assert any(m.startswith("data/cleaning_payslips.csv:7: gross_pay_eur: '12O0.50' is not a number")
               for m in messages), messages
    assert any(m.startswith("data/cleaning_payslips.csv:5: gross_pay_eur: the row ends before this column")
               for m in messages), messages
    assert all(m.startswith("data/cleaning_payslips.csv:") for m in messages), messages


def test_constraint_and_key_errors_name_file_row_and_field(tmp_path):
    data = broken_copy(tmp_path)
    replace_line(data / "cleaning_payslips.csv", 3, "W001,", "W999,")
    replace_line(data / "construction_workers.csv", 4, ",employee,", ",freelancer,")
    replace_line(data / "construction_firms.csv", 3, ",F01,", ",F77,")
    replace_line(data / "catering_payroll.csv", 2, "FIxx ****", "FI12 3456 ")
    messages = validate_package(data)
    expected = [
        "data/cleaning_payslips.csv:3: worker_id: 'W999' is not a worker_id in data/cleaning_workers.csv.",
        "data/construction_workers.csv:4: employment_type: 'freelancer' is not one of the allowed values: "
        "employee, self_employed.",
        "data/construction_firms.csv:3: parent_firm_id: 'F77' is not a firm_id in data/construction_firms.csv.",
        "data/catering_payroll.csv:2: bank_account: ",
    ]
    for start in expected:
        assert any(m.startswith(start) for m in messages), (start, messages)


def test_sector_risks_must_name_ilo_indicators_and_bibliography_keys(tmp_path):
    data = broken_copy(tmp_path)
    replace_line(data / "sector_risks.csv", 4, "Excessive overtime", "Excessive over-time")
    replace_line(data / "sector_risks.csv", 2, "ollus2014lined", "ollus2014")
    messages = validate_package(data)
    assert ("data/sector_risks.csv:4: related_indicators: 'Excessive over-time' is not an indicator in "
            "data/ilo_indicators.csv. Use the ILO name exactly, separated by ';'.") in messages
    assert "data/sector_risks.csv:2: source_key: 'ollus2014' is not a key of references.bib." in messages


def test_sector_risks_cover_the_four_sectors_with_the_brief_sources():
    with (DATA / "sector_risks.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["sector"] for r in rows} == {"cleaning", "construction", "agriculture", "catering"}
    keys = {k for r in rows for k in r["source_key"].split(";")}
    # Sources named in the content brief, sections 8 and 9 (verified corrections) included.
    assert keys == {"ollus2014lined", "lietonen2021procurement", "fi2006contractor", "fipolice2023berry",
                    "jokinen2011work", "fi2002osh", "fi2021berry", "fi2017seasonal", "kko2022berry",
                    "tem2024berry", "tem2025berry", "tem2025permits", "migri2025housing",
                    "yle2024berrytrial", "fi2024he169"}


def test_generator_check_passes_on_the_committed_data():
    done = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_generator_check_fails_when_a_file_differs(tmp_path):
    data = broken_copy(tmp_path)
    replace_line(data / "agriculture_pickers.csv", 2, ",", ";")
    done = subprocess.run([sys.executable, str(GENERATOR), "--check", "--out", str(data)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1
    assert "data/agriculture_pickers.csv: differs" in done.stdout


def test_generator_output_is_byte_identical_and_plain(tmp_path):
    for run in ("a", "b"):
        subprocess.run([sys.executable, str(GENERATOR), "--out", str(tmp_path / run)], check=True,
                       capture_output=True, cwd=ROOT)
    names = sorted(p.name for p in (tmp_path / "a").glob("*.csv"))
    assert len(names) == 11
    for name in names:
        first, second = (tmp_path / "a" / name).read_bytes(), (tmp_path / "b" / name).read_bytes()
        assert first == second, name
        assert first == (DATA / name).read_bytes(), name
        assert b"\r" not in first and first.endswith(b"\n"), name


def test_money_has_two_decimals_and_no_real_names():
    pkg = descriptor()
    for res in pkg["resources"]:
        money = [f["name"] for f in res["schema"]["fields"] if f["name"].endswith("_eur")]
        if not money:
            continue
        with (DATA / res["path"]).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                for col in money:
                    whole, _, cents = row[col].lstrip("-").partition(".")
                    assert whole.isdigit() and len(cents) == 2, (res["path"], col, row[col])
    with (DATA / "construction_firms.csv").open(encoding="utf-8", newline="") as f:
        assert all(r["name"].endswith("(fictional)") for r in csv.DictReader(f))
