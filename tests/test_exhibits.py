"""Exhibits: each builds from the real (synthetic) data, surfaces its planted pattern, and renders
as an accessible, escaped, deterministic HTML table."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from procurement_course.datasets import exhibits as ex
from procurement_course.datasets.exhibits import EXHIBITS, Exhibit, exhibit_html

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
IDS = ["cleaning-hours", "cleaning-overlaps", "construction-chain", "construction-workers",
       "agriculture-net-pay", "catering-accounts", "catering-hours"]


def table(exhibit_id):
    return EXHIBITS[exhibit_id].table(DATA)


def test_exactly_the_agreed_exhibits():
    assert list(EXHIBITS) == IDS
    for eid, e in EXHIBITS.items():
        assert isinstance(e, Exhibit) and e.id == eid
        assert e.sector in {"cleaning", "construction", "agriculture", "catering"} and eid.startswith(e.sector)
        assert e.title and e.description.endswith(".") and e.description.count(". ") == 0
        with pytest.raises(dataclasses.FrozenInstanceError):
            e.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("exhibit_id", IDS)
def test_each_exhibit_builds_with_readable_columns(exhibit_id):
    t = table(exhibit_id)
    assert len(t) > 0
    assert all(c[0].isupper() and "_" not in c for c in t.columns), list(t.columns)
    for column in t.columns:
        if any(word in column for word in ("pay", "earnings", "value", "transferred")):
            assert "(EUR)" in column, column
        if "hours" in column.lower() and "days" not in column:
            assert "(h)" in column, column


def test_cleaning_hours_puts_the_unpaid_workers_first():
    t = table("cleaning-hours")
    assert len(t) == 30
    assert set(t["Worker"].head(3)) == {"W004", "W013", "W027"}
    assert (t["Gap (h)"].head(3) > 100).all() and (t["Gap (h)"].iloc[4:] < 20).all()
    assert (t["Pay per hour on site (EUR)"].head(3) < 12.5).all()
    low = t[t["Pay per paid hour (EUR)"] < 12.5]
    assert set(low["Worker"]) == {"W009", "W024"}  # paid below the assumed minimum on the payslip itself
    assert list(t["Gap (h)"]) == sorted(t["Gap (h)"], reverse=True)


def test_cleaning_overlaps_shows_one_badge_at_two_sites():
    t = table("cleaning-overlaps")
    assert set(t["Worker (badge)"]) == {"W021"}
    assert set(t["Site A"]) == {"S03"} and set(t["Site B"]) == {"S05"}
    assert len(t) >= 10 and (t["Overlap (min)"] > 120).all()


def test_construction_chain_shows_depth_and_documents():
    t = table("construction-chain").set_index("Firm")
    documents = [c for c in t.columns if c.startswith("Documents")][0]
    assert t["Level in chain"].max() == 5 and t.loc["F01", "Level in chain"] == 0
    assert set(t.index[t["Level in chain"] > 3]) == {"F10", "F11"}
    assert "225 days old" in t.loc["F08", documents]
    assert "not in the prepayment register" in t.loc["F11", documents]
    complete = t.index[t[documents] == "complete"]
    assert len(complete) == 10
    assert t.loc["F11", "Chain from the main contractor"] == "F01 > F02 > F05 > F08 > F10 > F11"


def test_construction_workers_shows_bogus_self_employment_and_missing_tax_numbers():
    t = table("construction-workers").set_index("Firm")
    assert t["Workers on the site list"].sum() == 62
    column = "Self-employed on employees' fixed full days"
    assert t[column].to_dict() == {f: (6 if f == "F09" else 0) for f in t.index}
    assert t.loc["F06", "Declared self-employed"] == 2  # genuine specialists: not flagged
    assert t["No tax number on ID card"].sum() == 7 and t.loc["F11", "No tax number on ID card"] == 4


def test_agriculture_net_pay_singles_out_one_recruiter():
    t = table("agriculture-net-pay").set_index("Recruiter")
    assert t["Pickers"].sum() == 80
    net_le_zero = t.columns[-1]
    assert t.loc["REC-D", net_le_zero] >= 12 and t.drop("REC-D")[net_le_zero].sum() == 0
    assert t.loc["REC-D", "Median deductions (% of gross)"] > 100
    assert (t.drop("REC-D")["Median deductions (% of gross)"] < 25).all()


def test_catering_accounts_lists_the_shared_accounts():
    t = table("catering-accounts")
    assert t.loc[0, "Workers paid into it"] == 5 and t.loc[0, "Account (masked)"] == "FIxx ****4417"
    assert t.loc[0, "Workers"] == "R005, R011, R016, R019, R023"
    assert list(t["Workers paid into it"]) == [5, 2]


def test_catering_hours_puts_unpaid_overtime_first():
    t = table("catering-hours")
    assert len(t) == 25
    assert set(t["Worker"].head(5)) == {"R005", "R011", "R016", "R019", "R023"}
    assert (t["Unpaid hours a month (h)"].head(5) > 60).all()
    assert t.loc[5, "Worker"] == "R014" and 15 < t.loc[5, "Unpaid hours a month (h)"] < 40
    assert (t["Unpaid hours a month (h)"].iloc[6:] < 5).all()


@pytest.mark.parametrize("exhibit_id", IDS)
def test_html_is_an_accessible_table(exhibit_id):
    html = exhibit_html(exhibit_id, DATA)
    assert html == exhibit_html(exhibit_id, DATA)  # deterministic
    soup = BeautifulSoup(html, "html.parser")
    tables = soup.find_all("table")
    assert len(tables) == 1
    assert tables[0].caption.get_text() == EXHIBITS[exhibit_id].title
    headers = soup.thead.find_all("th")
    assert headers and all(th.get("scope") == "col" for th in headers)
    rows = soup.tbody.find_all("tr")
    assert len(rows) == len(table(exhibit_id))
    assert all(r.find("th").get("scope") == "row" for r in rows)
    numbers = soup.tbody.select("td.num")
    assert numbers, "numbers are marked for right alignment"
    assert all(any(ch.isdigit() for ch in td.get_text()) or td.get_text() == "n/a" for td in numbers)
    note = soup.select_one("p.exhibit-note").get_text()
    assert note.startswith("Synthetic data: fictional, for training.")
    region = soup.select_one("[role=region]")
    assert region["aria-label"] == EXHIBITS[exhibit_id].title and region["tabindex"] == "0"


def test_money_and_hours_are_formatted_and_the_minimum_is_explained():
    html = exhibit_html("cleaning-hours", DATA)
    soup = BeautifulSoup(html, "html.parser")
    first = [c.get_text() for c in soup.tbody.tr.find_all(["th", "td"])]
    assert first[0] == "W004" and first[5].count(".") == 1 and len(first[5].split(".")[1]) == 2
    assert len(first[2].split(".")[1]) == 1  # hours to a tenth
    assert "not the rate of any real collective agreement" in soup.select_one("p.exhibit-note").get_text()


def test_html_escapes_every_text(monkeypatch):
    import pandas as pd

    hostile = "<script>alert('x')</script> & \"quotes\""
    exhibit = Exhibit("cleaning-hostile", f"Title {hostile}", "cleaning", "A hostile test exhibit.",
                      lambda data_dir: pd.DataFrame({f"Col {hostile}": [hostile], "Amount (EUR)": [1234.5],
                                                     "Missing (h)": [float("nan")]}))
    monkeypatch.setitem(ex.EXHIBITS, exhibit.id, exhibit)
    html = exhibit_html(exhibit.id, DATA)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp;" in html and "&quot;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.caption.get_text() == f"Title {hostile}"
    assert [td.get_text() for td in soup.tbody.find_all("td")] == ["1,234.50", "n/a"]


def test_an_empty_table_still_renders(monkeypatch):
    import pandas as pd

    exhibit = Exhibit("cleaning-empty", "Empty", "cleaning", "Nothing to show.",
                      lambda data_dir: pd.DataFrame({"Worker": [], "Gap (h)": []}))
    monkeypatch.setitem(ex.EXHIBITS, exhibit.id, exhibit)
    soup = BeautifulSoup(exhibit_html(exhibit.id, DATA), "html.parser")
    assert soup.tbody.get_text() == "No rows."


def test_unknown_exhibit_names_the_known_ones():
    with pytest.raises(KeyError, match="cleaning-hours"):
        exhibit_html("cleaning-hour", DATA)
