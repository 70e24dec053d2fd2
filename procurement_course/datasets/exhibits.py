"""Exhibits: the tables a case scenario shows, computed from the SYNTHETIC datasets in data/.

``EXHIBITS`` maps an exhibit id to an ``Exhibit``; ``exhibit.table(data_dir)`` returns the table
as a DataFrame with readable column names (units in brackets), and
``exhibit_html(exhibit_id, data_dir)`` returns it as an accessible HTML table: a ``<caption>``
with the title, ``<th scope="col">`` headers, the first column as row headers, numbers in cells
with class ``num`` (right-aligned by the theme), every text escaped, and the note "Synthetic data:
fictional, for training." The output is the same on every run.

The figures come from ``procurement_course.datasets.analysis``. ASSUMED_MINIMUM_HOURLY_WAGE is an assumed
minimum for the exercise, not the rate of any real collective agreement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable

import pandas as pd

from . import analysis as an
from ..i18n.catalogue import data_text as _, local_number
from .package import find_data_dir

SYNTHETIC_NOTE = "Synthetic data: fictional, for training."
MINIMUM_NOTE = (f"The minimum used here, EUR {an.ASSUMED_MINIMUM_HOURLY_WAGE:.2f} an hour, is an assumed minimum "
                "for the exercise, not the rate of any real collective agreement.")


@dataclass(frozen=True)
class Exhibit:
    """One exhibit: ``table(data_dir)`` builds it from the data folder."""

    id: str
    title: str
    sector: str
    description: str  # one sentence, usable as alt text or a caption
    table: Callable[[Path], pd.DataFrame]
    resources: tuple[str, ...] = ()  # the data/ resources it reads (for rebuild dependencies)
    note: str = ""  # printed after the synthetic-data note


def _load(name: str, data_dir) -> pd.DataFrame:
    return an.load(name, data_dir)


# ---------------------------------------------------------------------------------------------
# Cleaning

def cleaning_hours(data_dir) -> pd.DataFrame:
    log, payslips = _load("cleaning_access_log", data_dir), _load("cleaning_payslips", data_dir)
    workers = _load("cleaning_workers", data_dir).set_index("worker_id")
    gap = an.unpaid_hours(log, payslips)
    on_site = an.hours_from_access_log(log).set_index("worker_id")["access_hours"]
    per_paid = an.effective_hourly_pay(payslips).set_index("worker_id")
    per_site = an.effective_hourly_pay(payslips, on_site).set_index("worker_id")
    ids = gap["worker_id"]
    return pd.DataFrame({
        "Worker": ids.to_numpy(),
        "Employer": ids.map(workers["employer"]).to_numpy(),
        "Hours on site, access log (h)": gap["access_hours"].round(1).to_numpy(),
        "Paid hours (h)": gap["paid_hours"].round(1).to_numpy(),
        "Gap (h)": gap["gap_hours"].round(1).to_numpy(),
        "Gross pay (EUR)": ids.map(per_paid["gross_pay_eur"]).round(2).to_numpy(),
        "Pay per paid hour (EUR)": ids.map(per_paid["hourly_eur"]).round(2).to_numpy(),
        "Pay per hour on site (EUR)": ids.map(per_site["hourly_eur"]).round(2).to_numpy(),
    })


def cleaning_overlaps(data_dir) -> pd.DataFrame:
    pairs = an.overlapping_presence(_load("cleaning_access_log", data_dir))

    def span(a, b):
        return f"{a:%H:%M}\u2013{b:%H:%M}" if b.date() == a.date() else f"{a:%H:%M}\u2013{b:%H:%M} (next day)"

    return pd.DataFrame({
        "Worker (badge)": pairs["worker_id"].to_numpy(),
        "Date": [f"{t:%Y-%m-%d}" for t in pairs["in_a"]],
        "Site A": pairs["site_a"].to_numpy(),
        "In and out at site A": [span(a, b) for a, b in zip(pairs["in_a"], pairs["out_a"])],
        "Site B": pairs["site_b"].to_numpy(),
        "In and out at site B": [span(a, b) for a, b in zip(pairs["in_b"], pairs["out_b"])],
        "Overlap (min)": pairs["overlap_minutes"].round(0).astype("int64").to_numpy(),
    })


# ---------------------------------------------------------------------------------------------
# Construction

def construction_chain(data_dir) -> pd.DataFrame:
    firms = _load("construction_firms", data_dir)
    depth = an.chain_depth(firms)
    docs = an.missing_or_stale_documents(firms, as_of=an.AS_OF)
    table = pd.DataFrame({
        "Firm": firms["firm_id"].to_numpy(),
        "Name": firms["name"].to_numpy(),
        "Contracted by": depth["parent_firm_id"].fillna("(the public buyer)").to_numpy(),
        "Level in chain": depth["depth"].astype("int64").to_numpy(),
        "Chain from the main contractor": depth["chain"].to_numpy(),
        "Contract value (EUR)": firms["subcontract_value_eur"].round(2).to_numpy(),
        f"Documents at the audit date {an.AS_OF:%Y-%m-%d}": docs["documents"].to_numpy(),
    })
    return table.sort_values("Chain from the main contractor", kind="mergesort").reset_index(drop=True)


def construction_workers(data_dir) -> pd.DataFrame:
    firms, workers = _load("construction_firms", data_dir), _load("construction_workers", data_dir)
    log = _load("construction_access_log", data_dir)
    depth = an.chain_depth(firms).set_index("firm_id")["depth"]
    candidates = an.bogus_self_employment_candidates(workers, log)
    flagged = candidates[candidates["candidate"].fillna(False).astype(bool)]
    rows = []
    for fid in firms["firm_id"]:
        mine = workers[workers["firm_id"] == fid]
        n = len(mine)
        self_emp = int((mine["employment_type"] == "self_employed").sum())
        rows.append([fid, int(depth[fid]), n, self_emp, round(100 * self_emp / n) if n else math.nan,
                     int((flagged["firm_id"] == fid).sum()),
                     int((~mine["tax_number_on_id_card"].fillna(False).astype(bool)).sum())])
    return pd.DataFrame(rows, columns=[
        "Firm", "Level in chain", "Workers on the site list", "Declared self-employed", "Self-employed (%)",
        "Self-employed on employees' fixed full days", "No tax number on ID card"])


# ---------------------------------------------------------------------------------------------
# Agriculture

def agriculture_net_pay(data_dir) -> pd.DataFrame:
    pickers = an.deduction_share(_load("agriculture_pickers", data_dir))
    rows = []
    for rec, g in pickers.groupby("recruiter", sort=True):
        rows.append([rec, len(g), round(float(g["gross_earnings_eur"].median()), 2),
                     round(float(100 * g["deduction_share"].median())),
                     round(float(g["net_eur"].median()), 2),
                     int(g["net_le_zero"].fillna(False).astype(bool).sum())])
    return pd.DataFrame(rows, columns=[
        "Recruiter", "Pickers", "Median gross earnings (EUR)", "Median deductions (% of gross)",
        "Median net pay (EUR)", "Pickers left with nothing or in debt (net \u2264 0 EUR)"])


# ---------------------------------------------------------------------------------------------
# Catering

def catering_accounts(data_dir) -> pd.DataFrame:
    shared = an.shared_accounts(_load("catering_transfers", data_dir))
    return pd.DataFrame({
        "Account (masked)": shared["account"].to_numpy(),
        "Workers paid into it": shared["workers"].astype("int64").to_numpy(),
        "Workers": shared["worker_ids"].to_numpy(),
        "Salary transfers": shared["payments"].astype("int64").to_numpy(),
        "Total transferred (EUR)": shared["total_eur"].astype("float64").round(2).to_numpy(),
    })


def catering_hours(data_dir) -> pd.DataFrame:
    hours = an.unpaid_overtime(_load("catering_payroll", data_dir))
    return pd.DataFrame({
        "Worker": hours["worker_id"].to_numpy(),
        "Months": hours["periods"].astype("int64").to_numpy(),
        "Rota hours (h)": hours["rota_hours"].round(1).to_numpy(),
        "Recorded and paid hours (h)": hours["recorded_hours"].round(1).to_numpy(),
        "Unpaid hours (h)": hours["unpaid_hours"].round(1).to_numpy(),
        "Unpaid hours a month (h)": hours["unpaid_hours_per_period"].round(1).to_numpy(),
        "Gross pay (EUR)": hours["gross_pay_eur"].round(2).to_numpy(),
        "Pay per rota hour (EUR)": hours["pay_per_rota_hour_eur"].round(2).to_numpy(),
    })


EXHIBITS: dict[str, Exhibit] = {e.id: e for e in [
    Exhibit("cleaning-hours", "Cleaning contract: hours on site against hours paid, September\u2013October 2025",
            "cleaning",
            "For each of the 30 cleaners, the hours the site access log shows against the hours paid on the "
            "payslips, and gross pay per paid hour and per hour on site, largest gap first.",
            cleaning_hours, ("cleaning_access_log", "cleaning_payslips", "cleaning_workers"), MINIMUM_NOTE),
    Exhibit("cleaning-overlaps", "Cleaning contract: one badge at two sites at the same time",
            "cleaning",
            "Visits in the site access log where the same worker's badge was in at two different sites at "
            "overlapping times, with the minutes of overlap.",
            cleaning_overlaps, ("cleaning_access_log",)),
    Exhibit("construction-chain", "Construction site: the subcontracting chain and its documents",
            "construction",
            "Every firm on the site with the firm that contracted it, its level in the chain (the main "
            "contractor is level 0), its contract value and which Contractor's Obligations Act documents are "
            "missing or older than three months at the audit date.",
            construction_chain, ("construction_firms",)),
    Exhibit("construction-workers", "Construction site: workers by firm",
            "construction",
            "For each firm, the workers on the site list, how many are declared self-employed, how many of those "
            "keep an employee's fixed full days at the gate, and how many have no tax number on their ID card.",
            construction_workers, ("construction_firms", "construction_workers", "construction_access_log")),
    Exhibit("agriculture-net-pay", "Seasonal pickers: what is left after deductions, by recruiter",
            "agriculture",
            "For each recruiter, the number of pickers, their median gross earnings, the median share taken by "
            "recruitment fees and deductions for housing, transport and equipment, the median net pay, and "
            "how many pickers ended the season with nothing or in debt.",
            agriculture_net_pay, ("agriculture_pickers",)),
    Exhibit("catering-accounts", "Catering: bank accounts receiving more than one worker's pay",
            "catering",
            "Accounts that received the salary transfers of more than one worker, April\u2013September 2025, "
            "with the workers, the number of transfers and the total paid in.",
            catering_accounts, ("catering_transfers",)),
    Exhibit("catering-hours", "Catering: rota hours against paid hours, April\u2013September 2025",
            "catering",
            "For each of the 25 workers, the hours on the rota against the hours recorded and paid, the unpaid "
            "difference, and gross pay per rota hour, largest unpaid difference first.",
            catering_hours, ("catering_payroll",), MINIMUM_NOTE),
]}


# ---------------------------------------------------------------------------------------------
# HTML

def _decimals(column: str) -> int:
    if "(EUR)" in column:
        return 2
    if "(h)" in column:
        return 1
    return 0 if ("(%" in column or "(min)" in column) else 2


def _cell(value, column: str) -> tuple[str, bool]:
    """(text, is_number) for one cell."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "n/a", False
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return ("yes" if value else "no"), False
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
        return f"{int(value):,}", True
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"):
        text = f"{float(value):,.{_decimals(column)}f}"
        return (text[1:] if text.startswith("-") and not text.strip("-0.,") else text), True
    return str(value), False


def exhibit_html(exhibit_id: str, data_dir: str | Path | None = None) -> str:
    """The exhibit as an accessible HTML table, with the synthetic-data note. ``data_dir`` is the
    course's data folder (default: found by walking up to ``_config.yml``)."""
    try:
        exhibit = EXHIBITS[exhibit_id]
    except KeyError:
        raise KeyError(f"no exhibit {exhibit_id!r}; the exhibits are: {', '.join(EXHIBITS)}") from None
    note = _(SYNTHETIC_NOTE) + (" " + _(exhibit.note) if exhibit.note else "")
    return table_html(exhibit.table(find_data_dir(data_dir)), exhibit.title, note, exhibit.id)


def table_html(table: pd.DataFrame, title: str, note: str = SYNTHETIC_NOTE, exhibit_id: str = "") -> str:
    """Any table as the exhibits are drawn: caption, column and row headers, numbers right-aligned,
    every text escaped, a scrollable region a keyboard can reach, and a note under it. Title, note and
    column headers are looked up in the ``course-data`` catalogue of the build's language, and
    numbers are written as that language writes them; the data's own values stay as they are."""
    title, note = _(title), _(note)
    columns = list(table.columns)
    numeric = [pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
               for c in columns]
    num_class = ' class="num"'
    head = "".join(f'<th scope="col"{num_class if num and i else ""}>{escape(_(str(c)))}</th>'
                   for i, (c, num) in enumerate(zip(columns, numeric)))
    body = []
    for row in table.itertuples(index=False, name=None):
        cells = []
        for i, (value, column) in enumerate(zip(row, columns)):
            text, is_number = _cell(value, column)
            text = local_number(text) if is_number else text
            cls = ' class="num"' if is_number else ""
            cells.append(f'<th scope="row"{cls}>{escape(text)}</th>' if i == 0 else f"<td{cls}>{escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(columns)}">{escape(_("No rows."))}</td></tr>')
    attr = f' data-exhibit="{escape(exhibit_id)}"' if exhibit_id else ""
    return (
        f'<div class="exhibit"{attr}>'
        f'<div class="exhibit-scroll" role="region" aria-label="{escape(title)}" tabindex="0">'
        f'<table class="exhibit-table"><caption>{escape(title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        f'<p class="exhibit-note">{escape(note)}</p></div>'
    )
