"""The red-flag functions on small hand-made tables, edge cases included: missing values, zero
hours, empty tables, a cycle in the subcontracting chain."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from procurement_course.datasets import analysis as an

ROOT = Path(__file__).resolve().parents[1]


def frame(rows, columns):
    return pd.DataFrame(rows, columns=columns)


def flag(value):
    """A nullable boolean cell as True, False or None (NA)."""
    return None if value is pd.NA else bool(value)


# --- load ------------------------------------------------------------------------------------

def test_load_uses_the_package_types():
    payslips = an.load("cleaning_payslips", ROOT / "data")
    assert payslips["paid_hours"].dtype == "float64"
    firms = an.load("construction_firms", ROOT / "data")
    assert str(firms["business_id_present"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(firms["tax_debt_certificate_date"])
    assert firms["tax_debt_certificate_date"].isna().sum() == 1  # the undocumented firm
    assert firms.loc[0, "parent_firm_id"] is np.nan or pd.isna(firms.loc[0, "parent_firm_id"])
    log = an.load("construction_access_log", ROOT / "data")
    assert pd.api.types.is_timedelta64_dtype(log["time_in"])
    pickers = an.load("agriculture_pickers", ROOT / "data")
    assert str(pickers["season_weeks"].dtype) == "Int64"


def test_load_finds_the_data_folder_from_a_subfolder(monkeypatch):
    monkeypatch.chdir(ROOT / "book")
    assert len(an.load("ilo_indicators")) == 11


def test_load_names_the_known_resources_for_an_unknown_one():
    with pytest.raises(KeyError, match="cleaning_payslips"):
        an.load("cleaning_payslip", ROOT / "data")


# --- access logs -----------------------------------------------------------------------------

LOG_COLUMNS = ["worker_id", "site_id", "badge_in", "badge_out"]


def test_hours_from_access_log_counts_complete_visits_and_reports_open_ones():
    log = frame([
        ["W1", "S1", "2025-09-01T17:00:00", "2025-09-01T21:00:00"],
        ["W1", "S1", "2025-09-02T17:00:00", None],                    # no badge-out
        ["W1", "S1", "2025-09-03T22:00:00", "2025-09-04T01:30:00"],   # past midnight
        ["W2", "S2", "2025-09-01T06:00:00", "2025-09-01T05:00:00"],   # out before in: unknown
    ], LOG_COLUMNS)
    out = an.hours_from_access_log(log).set_index("worker_id")
    assert out.loc["W1", "access_hours"] == pytest.approx(7.5)
    assert out.loc["W1", "open_visits"] == 1 and out.loc["W1", "visits"] == 3
    assert out.loc["W2", "access_hours"] == 0 and out.loc["W2", "open_visits"] == 1


def test_hours_from_access_log_reads_construction_style_logs_and_night_shifts():
    log = frame([["B1", "F1", "2025-09-15", "22:00", "06:00"], ["B1", "F1", "2025-09-16", "07:00", ""]],
                ["worker_id", "firm_id", "date", "time_in", "time_out"])
    out = an.hours_from_access_log(log)
    assert out.loc[0, "access_hours"] == pytest.approx(8.0) and out.loc[0, "open_visits"] == 1


def test_hours_from_access_log_on_an_empty_log():
    out = an.hours_from_access_log(frame([], LOG_COLUMNS))
    assert out.empty and list(out.columns) == ["worker_id", "access_hours", "visits", "open_visits"]


def test_hours_from_access_log_by_period():
    log = frame([["W1", "S1", "2025-09-30T17:00:00", "2025-09-30T19:00:00"],
                 ["W1", "S1", "2025-10-01T17:00:00", "2025-10-01T20:00:00"]], LOG_COLUMNS)
    out = an.hours_from_access_log(log, by_period=True)
    assert list(out["period"]) == ["2025-09", "2025-10"] and list(out["access_hours"]) == [2.0, 3.0]


def test_unpaid_hours_flags_a_large_gap_and_handles_zero_and_missing_pay():
    log = frame([
        ["W1", "S1", "2025-09-01T17:00:00", "2025-09-01T23:00:00"],
        ["W1", "S1", "2025-09-02T17:00:00", "2025-09-02T23:00:00"],
        ["W2", "S1", "2025-09-01T17:00:00", "2025-09-01T21:00:00"],
        ["W3", "S1", "2025-09-01T17:00:00", "2025-09-01T21:00:00"],
        ["W4", "S1", "2025-09-01T17:00:00", "2025-09-01T21:00:00"],
    ], LOG_COLUMNS)
    payslips = frame([["W1", "2025-09", 1.0, 14.0], ["W2", "2025-09", 4.0, 56.0], ["W3", "2025-09", 0.0, 0.0],
                      ["W4", "2025-09", None, 50.0], ["W5", "2025-09", 10.0, 140.0]],
                     ["worker_id", "period", "paid_hours", "gross_pay_eur"])
    out = an.unpaid_hours(log, payslips, min_gap_hours=3).set_index("worker_id")
    assert out.loc["W1", "gap_hours"] == pytest.approx(11.0) and flag(out.loc["W1", "flag"]) is True
    assert flag(out.loc["W2", "flag"]) is False and out.loc["W2", "ratio"] == pytest.approx(1.0)
    assert math.isnan(out.loc["W3", "ratio"]) and flag(out.loc["W3", "flag"]) is True  # on site, nothing paid
    assert flag(out.loc["W4", "flag"]) is None and math.isnan(out.loc["W4", "gap_hours"])  # paid hours unknown
    assert math.isnan(out.loc["W5", "access_hours"]) and flag(out.loc["W5", "flag"]) is None  # never badged in
    assert list(out.index[:1]) == ["W1"]  # largest gap first


def test_effective_hourly_pay_by_paid_hours_and_by_other_hours():
    payslips = frame([["W1", "2025-09", 100.0, 1000.0], ["W1", "2025-10", 100.0, 1000.0],
                      ["W2", "2025-09", 0.0, 0.0], ["W3", "2025-09", None, 500.0], ["W4", "2025-09", 10, None]],
                     ["worker_id", "period", "paid_hours", "gross_pay_eur"])
    out = an.effective_hourly_pay(payslips).set_index("worker_id")
    assert out.loc["W1", "hourly_eur"] == pytest.approx(10.0) and flag(out.loc["W1", "below_minimum"]) is True
    for w in ("W2", "W3", "W4"):
        assert math.isnan(out.loc[w, "hourly_eur"]) and flag(out.loc[w, "below_minimum"]) is None
    on_site = pd.Series({"W1": 100.0})
    out = an.effective_hourly_pay(payslips, on_site, minimum=12.5).set_index("worker_id")
    assert out.loc["W1", "hourly_eur"] == pytest.approx(20.0) and flag(out.loc["W1", "below_minimum"]) is False
    assert flag(out.loc["W2", "below_minimum"]) is None  # no hours on site known
    as_frame = an.effective_hourly_pay(payslips, frame([["W1", 400.0]], ["worker_id", "access_hours"]))
    assert as_frame.set_index("worker_id").loc["W1", "hourly_eur"] == pytest.approx(5.0)


def test_effective_hourly_pay_on_empty_payslips():
    out = an.effective_hourly_pay(frame([], ["worker_id", "period", "paid_hours", "gross_pay_eur"]))
    assert out.empty and "below_minimum" in out


def test_overlapping_presence_finds_two_sites_at_once_only():
    log = frame([
        ["W1", "S1", "2025-09-01T17:00:00", "2025-09-01T21:00:00"],
        ["W1", "S2", "2025-09-01T18:00:00", "2025-09-01T20:00:00"],   # inside the S1 visit
        ["W1", "S3", "2025-09-01T21:00:00", "2025-09-01T22:00:00"],   # starts as S1 ends: no overlap
        ["W2", "S1", "2025-09-01T06:00:00", "2025-09-01T10:00:00"],
        ["W2", "S2", "2025-09-01T16:00:00", "2025-09-01T20:00:00"],   # same day, different times
        ["W3", "S1", "2025-09-01T06:00:00", None],                    # open visit: unknown length
        ["W3", "S2", "2025-09-01T07:00:00", "2025-09-01T08:00:00"],
        ["W4", "S1", "2025-09-01T06:00:00", "2025-09-01T08:00:00"],
        ["W4", "S1", "2025-09-01T07:00:00", "2025-09-01T09:00:00"],   # same site twice
    ], LOG_COLUMNS)
    out = an.overlapping_presence(log)
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["worker_id"], row["site_a"], row["site_b"], row["overlap_minutes"]) == ("W1", "S1", "S2", 120)
    same_site = an.overlapping_presence(log, different_sites_only=False)
    assert set(same_site["worker_id"]) == {"W1", "W4"}


def test_overlapping_presence_on_an_empty_log():
    out = an.overlapping_presence(frame([], LOG_COLUMNS))
    assert out.empty and "overlap_minutes" in out


# --- construction ----------------------------------------------------------------------------

FIRM_COLUMNS = ["firm_id", "parent_firm_id"]


def test_chain_depth_counts_links_from_the_main_contractor():
    firms = frame([["F3", "F2"], ["F1", None], ["F2", "F1"], ["F4", ""], ["F5", np.nan], ["F6", "F3"]],
                  FIRM_COLUMNS)
    out = an.chain_depth(firms).set_index("firm_id")
    assert out["depth"].to_dict() == {"F3": 2, "F1": 0, "F2": 1, "F4": 0, "F5": 0, "F6": 3}
    assert out.loc["F6", "chain"] == "F1 > F2 > F3 > F6"


def test_chain_depth_raises_a_clear_error_on_a_cycle():
    firms = frame([["F1", None], ["F2", "F4"], ["F3", "F2"], ["F4", "F3"], ["F5", "F1"]], FIRM_COLUMNS)
    with pytest.raises(ValueError, match=r"cycle .*F2 -> F4 -> F3 -> F2"):
        an.chain_depth(firms)
    with pytest.raises(ValueError, match="cycle"):
        an.chain_depth(frame([["F1", "F1"]], FIRM_COLUMNS))


def test_chain_depth_rejects_an_unknown_parent_and_duplicate_ids():
    with pytest.raises(ValueError, match="F2 names parent F9, which is not in the table"):
        an.chain_depth(frame([["F1", None], ["F2", "F9"]], FIRM_COLUMNS))
    with pytest.raises(ValueError, match="more than once: F1"):
        an.chain_depth(frame([["F1", None], ["F1", None]], FIRM_COLUMNS))


def test_chain_depth_of_no_firms():
    assert an.chain_depth(frame([], FIRM_COLUMNS)).empty


def test_missing_or_stale_documents():
    columns = ["firm_id", "business_id_present", "in_prepayment_register", "tax_debt_certificate_date",
               "pension_insurance_certificate_date", "collective_agreement_named", "accident_insurance_proof",
               "subcontract_value_eur"]
    firms = frame([
        ["F1", True, True, "2025-09-01", "2025-08-01", True, True, 100000.0],
        ["F2", True, True, "2025-03-01", "2025-10-20", "true", None, 5000.0],
        ["F3", "false", False, None, np.nan, False, False, None],
    ], columns)
    out = an.missing_or_stale_documents(firms, as_of="2025-10-15").set_index("firm_id")
    assert out.loc["F1", "documents"] == "complete" and out.loc["F1", "n_problems"] == 0
    assert out.loc["F2", "problems"] == ["tax-debt certificate 228 days old",
                                         "pension insurance certificate dated after the audit date",
                                         "no proof of accident insurance"]
    assert out.loc["F3", "n_problems"] == 6
    assert "tax-debt certificate missing" in out.loc["F3", "problems"]
    assert [flag(v) for v in out["act_applies"]] == [True, False, None]
    # exactly 92 days is still fresh; 93 is stale
    edge = frame([["F9", "2025-07-15"], ["F8", "2025-07-14"]], ["firm_id", "tax_debt_certificate_date"])
    edge_out = an.missing_or_stale_documents(edge, as_of=pd.Timestamp("2025-10-15")).set_index("firm_id")
    assert edge_out.loc["F9", "documents"] == "complete"
    assert edge_out.loc["F8", "documents"] == "tax-debt certificate 93 days old"


def test_bogus_self_employment_candidates():
    workers = frame([["B1", "F1", "self_employed", True], ["B2", "F1", "self_employed", True],
                     ["B3", "F1", "employee", True], ["B4", "F2", "self_employed", False]],
                    ["worker_id", "firm_id", "employment_type", "tax_number_on_id_card"])
    rows = []
    for d in range(1, 11):
        day = f"2025-09-{d:02d}"
        rows.append(["B1", "F1", day, "07:00", "15:30"])         # every day, fixed full day
        rows.append(["B3", "F1", day, "07:00", "15:30"])
        if d % 3 == 0:
            rows.append(["B2", "F1", day, f"{8 + d // 3:02d}:00", "12:00"])  # some days, varying
    log = frame(rows, ["worker_id", "firm_id", "date", "time_in", "time_out"])
    out = an.bogus_self_employment_candidates(workers, log).set_index("worker_id")
    assert list(out.index) == ["B1", "B2", "B4"]
    assert flag(out.loc["B1", "candidate"]) is True and out.loc["B1", "share_of_site_days"] == 1.0
    assert flag(out.loc["B2", "candidate"]) is False
    assert flag(out.loc["B4", "candidate"]) is None  # no gate records for the firm: cannot judge
    none = an.bogus_self_employment_candidates(workers[workers["employment_type"] == "employee"], log)
    assert none.empty


# --- agriculture -----------------------------------------------------------------------------

PICKER_COLUMNS = ["picker_id", "recruiter", "gross_earnings_eur", "recruitment_fee_eur", "housing_deduction_eur",
                  "transport_deduction_eur", "equipment_deduction_eur", "net_pay_eur"]


def test_deduction_share_and_net_pay_flags():
    pickers = frame([
        ["P1", "R1", 1000.0, 0.0, 100.0, 100.0, 0.0, 800.0],
        ["P2", "R2", 1000.0, 800.0, 300.0, 100.0, 50.0, -250.0],
        ["P3", "R2", 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],          # earned nothing
        ["P4", "R1", 500.0, None, 100.0, None, 0.0, None],    # deductions and net missing
        ["P5", "R1", 500.0, 0.0, 100.0, 0.0, 0.0, 450.0],     # stated net does not add up
    ], PICKER_COLUMNS)
    out = an.deduction_share(pickers).set_index("picker_id")
    assert out.loc["P1", "deduction_share"] == pytest.approx(0.2) and flag(out.loc["P1", "net_le_zero"]) is False
    assert out.loc["P2", "deduction_share"] == pytest.approx(1.25) and flag(out.loc["P2", "net_le_zero"]) is True
    assert math.isnan(out.loc["P3", "deduction_share"]) and flag(out.loc["P3", "net_le_zero"]) is True
    assert out.loc["P4", "missing_deductions"] == 2 and out.loc["P4", "net_eur"] == 400.0
    assert flag(out.loc["P4", "net_mismatch"]) is None
    assert flag(out.loc["P5", "net_mismatch"]) is True and flag(out.loc["P1", "net_mismatch"]) is False
    assert "deduction_share" not in pickers  # the input is not changed


def test_deduction_share_on_no_pickers():
    assert an.deduction_share(frame([], PICKER_COLUMNS)).empty


# --- catering --------------------------------------------------------------------------------

def test_shared_accounts_on_transfers_and_payroll():
    transfers = frame([["T1", "R1", "2025-05-05", 1000.0, "FIxx ****1111"],
                       ["T2", "R2", "2025-05-05", 900.0, "FIxx ****1111"],
                       ["T3", "R1", "2025-06-05", 1000.0, "FIxx ****1111"],
                       ["T4", "R3", "2025-05-05", 800.0, "FIxx ****2222"],
                       ["T5", "R4", "2025-05-05", 800.0, None],
                       ["T6", "R5", "2025-05-05", 800.0, None]],
                      ["transfer_id", "worker_id", "date", "amount_eur", "to_account"])
    out = an.shared_accounts(transfers)
    assert out.to_dict("records") == [{"account": "FIxx ****1111", "workers": 2, "worker_ids": "R1, R2",
                                       "payments": 3, "total_eur": 2900.0}]
    payroll = frame([["R1", "2025-05", "FIxx ****9"], ["R2", "2025-05", "FIxx ****9"]],
                    ["worker_id", "period", "bank_account"])
    out = an.shared_accounts(payroll)
    assert out.loc[0, "workers"] == 2 and math.isnan(out.loc[0, "total_eur"])
    assert an.shared_accounts(transfers.iloc[:0]).empty


def test_unpaid_overtime_with_zero_and_missing_hours():
    payroll = frame([
        ["R1", "2025-04", 150.0, 240.0, 2000.0], ["R1", "2025-05", 150.0, 230.0, 2000.0],
        ["R2", "2025-04", 150.0, 151.0, 2100.0], ["R2", "2025-05", 0.0, 0.0, 0.0],     # on leave
        ["R3", "2025-04", None, 100.0, 1400.0],                                        # hours missing
    ], ["worker_id", "period", "recorded_hours", "rota_hours", "gross_pay_eur"])
    out = an.unpaid_overtime(payroll).set_index("worker_id")
    assert out.loc["R1", "unpaid_hours"] == 170.0 and out.loc["R1", "unpaid_hours_per_period"] == 85.0
    assert flag(out.loc["R1", "flag"]) is True and flag(out.loc["R1", "below_minimum"]) is True
    assert flag(out.loc["R2", "flag"]) is False and out.loc["R2", "periods"] == 2
    assert out.loc["R3", "periods"] == 0 and out.loc["R3", "periods_missing_hours"] == 1
    assert flag(out.loc["R3", "flag"]) is None and math.isnan(out.loc["R3", "pay_per_rota_hour_eur"])
    assert list(out.index[:1]) == ["R1"]
    assert an.unpaid_overtime(payroll.iloc[:0]).empty


def test_the_assumed_minimum_is_a_parameter():
    assert an.ASSUMED_MINIMUM_HOURLY_WAGE == 12.50
    assert "not the rate of any real collective agreement" in an.__doc__
