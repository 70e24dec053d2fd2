"""Red flags in the course's case data: small pandas functions an auditor could run.

Every function takes plain DataFrames (as ``load`` returns them, or as read from a CSV file) and
returns a new DataFrame; none changes its input. Missing values are allowed everywhere: an
interval without an end, a payslip without hours or a firm without a certificate is reported as
such, never turned into a silent zero. A ratio whose denominator is zero or missing is NaN, and
the flag that depends on it is NA (unknown), never True or False by accident.

The data are SYNTHETIC (fictional, for training). ``ASSUMED_MINIMUM_HOURLY_WAGE`` is an assumed
minimum for the exercise, not the rate of any real collective agreement.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from .package import ASSUMED_MINIMUM_HOURLY_WAGE, _shown, find_data_dir, resource_descriptor, validate_package
from .tables import read_columns, time_to_timedelta

__all__ = [
    "ASSUMED_MINIMUM_HOURLY_WAGE", "AS_OF", "MAX_DOCUMENT_AGE_DAYS", "OBLIGATIONS_ACT_THRESHOLD_EUR",
    "load", "validate_package", "visits", "hours_from_access_log", "unpaid_hours", "effective_hourly_pay",
    "overlapping_presence", "chain_depth", "missing_or_stale_documents", "bogus_self_employment_candidates",
    "deduction_share", "shared_accounts", "unpaid_overtime",
]

# The audit date of the construction case: documents are judged against it.
AS_OF = date(2025, 10, 15)
# "At most three months old" (Act 1233/2006), counted as 92 days.
MAX_DOCUMENT_AGE_DAYS = 92
# The Act applies to subcontracts over EUR 9,000, VAT excluded.
OBLIGATIONS_ACT_THRESHOLD_EUR = 9000.0

_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}


# ---------------------------------------------------------------------------------------------
# Loading

def load(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Read one resource of ``data/datapackage.json`` by name, with the types its schema gives.

    ``data_dir`` is the data folder; by default the ``data/`` folder of the course, found by
    walking up from the working directory to ``_config.yml``. Types: integer -> ``Int64``,
    number -> ``float64``, boolean -> ``boolean``, date and datetime -> ``datetime64``, time ->
    ``timedelta64`` (time of day since midnight), string -> text. Empty cells are missing (NA).

    >>> payslips = load("cleaning_payslips")
    """
    folder = find_data_dir(data_dir)
    res = resource_descriptor(name, folder)
    columns = read_columns(folder / res["path"], _shown(folder, res["path"]), res)
    frame = pd.DataFrame(index=pd.RangeIndex(len(next(iter(columns.values()), []))))
    for field in res["schema"]["fields"]:
        col, kind = field["name"], field.get("type", "string")
        values = columns[col]
        if kind == "integer":
            frame[col] = pd.array(values, dtype="Int64")
        elif kind == "number":
            frame[col] = pd.array([np.nan if v is None else v for v in values], dtype="float64")
        elif kind == "boolean":
            frame[col] = pd.array([pd.NA if v is None else v for v in values], dtype="boolean")
        elif kind in ("date", "datetime"):
            frame[col] = pd.to_datetime(pd.Series([pd.NaT if v is None else pd.Timestamp(v) for v in values],
                                                  dtype="datetime64[us]"))
        elif kind == "time":
            frame[col] = pd.Series([pd.NaT if v is None else time_to_timedelta(v) for v in values],
                                   dtype="timedelta64[ns]")
        else:
            frame[col] = pd.Series(values, dtype="str")
    return frame


# ---------------------------------------------------------------------------------------------
# Helpers

def _time_of_day(s: pd.Series) -> pd.Series:
    """'07:05', '07:05:00', a Timedelta or a datetime.time -> Timedelta since midnight (NaT if missing)."""
    if pd.api.types.is_timedelta64_dtype(s):
        return s

    def one(v):
        if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v is pd.NaT:
            return pd.NaT
        if isinstance(v, pd.Timedelta):
            return v
        if hasattr(v, "hour") and hasattr(v, "minute"):
            return pd.Timedelta(hours=v.hour, minutes=v.minute, seconds=getattr(v, "second", 0))
        text = str(v).strip()
        if not text:
            return pd.NaT
        parts = text.split(":")
        try:
            h, m = int(parts[0]), int(parts[1])
            sec = int(parts[2]) if len(parts) > 2 else 0
        except (ValueError, IndexError):
            return pd.NaT
        return pd.Timedelta(hours=h, minutes=m, seconds=sec)

    return pd.Series([one(v) for v in s], index=s.index, dtype="timedelta64[ns]")


def _datetime(s: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(s):
        return s
    return pd.to_datetime(s, errors="coerce", format="ISO8601")


def _numeric(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").astype("float64")


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, NaN where the denominator is zero or missing."""
    num, den = _numeric(numerator), _numeric(denominator)
    return num.div(den.where(den != 0))


def _flag(condition: pd.Series, known: pd.Series) -> pd.Series:
    """A nullable boolean: the condition where ``known`` is True, NA elsewhere."""
    out = pd.Series(condition.to_numpy(dtype=bool, na_value=False), index=condition.index, dtype="boolean")
    out[~known.to_numpy(dtype=bool, na_value=False)] = pd.NA
    return out


def _as_date(value) -> pd.Timestamp:
    if isinstance(value, str):
        return pd.Timestamp(value).normalize()
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return pd.Timestamp(value).normalize()
    raise TypeError(f"as_of must be a date, got {value!r}")


def _is_blank(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip())


def _to_bool(v):
    if _is_blank(v):
        return pd.NA
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, str):
        return True if v.strip() in _TRUE else False if v.strip() in _FALSE else pd.NA
    return bool(v)


# ---------------------------------------------------------------------------------------------
# Access logs and hours

def visits(access_log: pd.DataFrame) -> pd.DataFrame:
    """One row per visit, with ``start`` and ``end`` as timestamps and ``hours`` on site.

    Reads either a log with ``badge_in``/``badge_out`` date-times (cleaning) or one with ``date``,
    ``time_in`` and ``time_out`` (construction). A time out earlier than the time in is taken to
    be on the next day (a night shift). A visit without an end has ``end`` NaT and ``hours`` NaN;
    a visit whose end is before its start has ``hours`` NaN too. Other columns are kept.
    """
    out = access_log.copy()
    if "badge_in" in out:
        start, end = _datetime(out["badge_in"]), _datetime(out["badge_out"]) if "badge_out" in out else None
        if end is None:
            end = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    elif {"date", "time_in"} <= set(out):
        day = _datetime(out["date"]).dt.normalize()
        start = day + _time_of_day(out["time_in"])
        t_out = _time_of_day(out["time_out"]) if "time_out" in out else pd.Series(pd.NaT, index=out.index,
                                                                                   dtype="timedelta64[ns]")
        end = day + t_out
        end = end.where(~(end < start), end + pd.Timedelta(days=1))
    else:
        raise ValueError("an access log needs columns badge_in and badge_out, or date, time_in and time_out; "
                         f"got {list(out.columns)}")
    out["start"], out["end"] = start, end
    length = (end - start).dt.total_seconds() / 3600
    out["hours"] = length.where(length >= 0)
    return out


def hours_from_access_log(log: pd.DataFrame, by: str | list[str] = "worker_id",
                          by_period: bool = False) -> pd.DataFrame:
    """Hours on site per worker (or per ``by``), from an access log.

    Columns: the ``by`` columns (and ``period``, YYYY-MM of the visit's start, when
    ``by_period``), ``access_hours`` (sum over complete visits), ``visits`` and ``open_visits``
    (visits with no recorded end, not counted in the hours: look at them separately).
    An empty log gives an empty frame with these columns.
    """
    keys = [by] if isinstance(by, str) else list(by)
    v = visits(log)
    if by_period:
        v["period"] = v["start"].dt.strftime("%Y-%m")
        keys = keys + ["period"]
    columns = keys + ["access_hours", "visits", "open_visits"]
    if v.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "access_hours" else "object") for c in columns})
    v["_open"] = v["hours"].isna()
    grouped = v.groupby(keys, sort=True, dropna=False)
    out = pd.DataFrame({
        "access_hours": grouped["hours"].sum(min_count=0),
        "visits": grouped["hours"].size(),
        "open_visits": grouped["_open"].sum(),
    }).reset_index()
    out["visits"] = out["visits"].astype("int64")
    out["open_visits"] = out["open_visits"].astype("int64")
    return out[columns]


def unpaid_hours(access_log: pd.DataFrame, payslips: pd.DataFrame, by_period: bool = False,
                 min_gap_hours: float = 10.0, min_ratio: float = 1.2) -> pd.DataFrame:
    """Hours on site (access log) against hours paid (payslips), per worker.

    Columns: ``worker_id`` (and ``period`` when ``by_period``), ``access_hours``, ``paid_hours``,
    ``gap_hours`` = access - paid, ``ratio`` = access / paid (NaN when paid hours are zero or
    missing), ``open_visits``, and ``flag``: True when the gap is at least ``min_gap_hours`` and
    the ratio at least ``min_ratio`` (or hours on site with none paid); NA when either side is
    unknown. A worker missing from one side gets NaN there (an outer join), never zero.
    Sorted by gap, largest first.
    """
    keys = ["worker_id"] + (["period"] if by_period else [])
    access = hours_from_access_log(access_log, by="worker_id", by_period=by_period)
    paid = payslips.copy()
    paid["paid_hours"] = _numeric(paid["paid_hours"])
    paid = paid.groupby(keys, sort=True)["paid_hours"].sum(min_count=1).reset_index()
    merged = access.merge(paid, on=keys, how="outer")
    merged["access_hours"] = _numeric(merged["access_hours"])
    merged["gap_hours"] = merged["access_hours"] - merged["paid_hours"]
    merged["ratio"] = _ratio(merged["access_hours"], merged["paid_hours"])
    known = merged["access_hours"].notna() & merged["paid_hours"].notna()
    big = (merged["gap_hours"] >= min_gap_hours) & ((merged["ratio"] >= min_ratio) | (merged["paid_hours"] == 0))
    merged["flag"] = _flag(big, known)
    merged["open_visits"] = merged["open_visits"].fillna(0).astype("int64")
    merged = merged.sort_values(["gap_hours"] + keys, ascending=[False] + [True] * len(keys),
                                na_position="last", kind="mergesort").reset_index(drop=True)
    return merged[keys + ["access_hours", "paid_hours", "gap_hours", "ratio", "open_visits", "flag"]]


def effective_hourly_pay(payslips: pd.DataFrame, hours: pd.Series | pd.DataFrame | None = None,
                         minimum: float = ASSUMED_MINIMUM_HOURLY_WAGE) -> pd.DataFrame:
    """Gross pay per hour, per worker, against a minimum.

    ``hours`` are the hours to divide by: by default the paid hours on the payslips; or a Series
    indexed by worker_id (e.g. hours on site from ``hours_from_access_log``), or a DataFrame
    with ``worker_id`` and one of ``hours`` / ``access_hours``. Columns: ``worker_id``,
    ``gross_pay_eur``, ``hours``, ``hourly_eur`` (NaN when hours are zero or missing) and
    ``below_minimum`` (NA when the hourly pay is unknown). The default minimum is
    ASSUMED_MINIMUM_HOURLY_WAGE, an assumed minimum for the exercise, not the rate of any real
    collective agreement.
    """
    p = payslips.copy()
    p["gross_pay_eur"] = _numeric(p["gross_pay_eur"])
    agg = {"gross_pay_eur": ("gross_pay_eur", lambda s: s.sum(min_count=1))}
    if hours is None:
        p["paid_hours"] = _numeric(p["paid_hours"])
        agg["hours"] = ("paid_hours", lambda s: s.sum(min_count=1))
    out = p.groupby("worker_id", sort=True).agg(**agg).reset_index() if not p.empty else \
        pd.DataFrame({"worker_id": pd.Series(dtype="object"), "gross_pay_eur": pd.Series(dtype="float64"),
                      "hours": pd.Series(dtype="float64")})
    if hours is not None:
        if isinstance(hours, pd.DataFrame):
            col = "hours" if "hours" in hours else "access_hours"
            hours = hours.set_index("worker_id")[col]
        out["hours"] = _numeric(out["worker_id"].map(hours)) if len(out) else pd.Series(dtype="float64")
    out["hours"] = _numeric(out["hours"])
    out["hourly_eur"] = _ratio(out["gross_pay_eur"], out["hours"])
    out["below_minimum"] = _flag(out["hourly_eur"] < minimum, out["hourly_eur"].notna())
    return out[["worker_id", "gross_pay_eur", "hours", "hourly_eur", "below_minimum"]]


def overlapping_presence(access_log: pd.DataFrame, different_sites_only: bool = True,
                         site: str | None = None) -> pd.DataFrame:
    """The same worker (badge) present at two places at once: pairs of overlapping visits.

    Two visits overlap when each starts before the other ends. Visits without an end are left
    out (their length is unknown). ``site`` names the place column (default ``site_id``, else
    ``firm_id``). Columns: ``worker_id``, ``site_a``, ``in_a``, ``out_a``, ``site_b``, ``in_b``,
    ``out_b``, ``overlap_minutes``; one row per overlapping pair, visit A the earlier one.
    """
    site = site or ("site_id" if "site_id" in access_log else "firm_id")
    columns = ["worker_id", "site_a", "in_a", "out_a", "site_b", "in_b", "out_b", "overlap_minutes"]
    v = visits(access_log)
    v = v[v["start"].notna() & v["end"].notna() & (v["end"] >= v["start"])]
    rows = []
    for worker, group in v.sort_values(["worker_id", "start", site], kind="mergesort").groupby("worker_id", sort=True):
        items = list(zip(group[site], group["start"], group["end"]))
        for i, (site_a, in_a, out_a) in enumerate(items):
            for site_b, in_b, out_b in items[i + 1:]:
                if in_b >= out_a:
                    break  # sorted by start: no later visit can overlap visit A
                if different_sites_only and site_a == site_b:
                    continue
                minutes = (min(out_a, out_b) - max(in_a, in_b)).total_seconds() / 60
                if minutes > 0:
                    rows.append([worker, site_a, in_a, out_a, site_b, in_b, out_b, minutes])
    out = pd.DataFrame(rows, columns=columns)
    if out.empty:
        out = out.astype({"in_a": "datetime64[ns]", "out_a": "datetime64[ns]", "in_b": "datetime64[ns]",
                          "out_b": "datetime64[ns]", "overlap_minutes": "float64"})
    return out


# ---------------------------------------------------------------------------------------------
# Construction

def chain_depth(firms: pd.DataFrame) -> pd.DataFrame:
    """Where each firm sits in the subcontracting chain.

    ``depth`` is the number of links from the top: a firm without a parent (the main
    contractor) is at depth 0, its direct subcontractors at 1, theirs at 2, and so on. ``chain``
    spells the path, e.g. ``F01 > F02 > F05``. Raises ValueError, naming the firms, if the chain
    loops back on itself (a cycle), if a firm names a parent that is not in the table, or if a
    firm id appears twice. Rows keep the order of ``firms``.
    """
    ids = [str(v) for v in firms["firm_id"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"firm id(s) listed more than once: {', '.join(duplicates)}")
    parent = {}
    for fid, p in zip(ids, firms["parent_firm_id"]):
        parent[fid] = None if _is_blank(p) else str(p).strip()
    for fid, p in parent.items():
        if p is not None and p not in parent:
            raise ValueError(f"firm {fid} names parent {p}, which is not in the table of firms")
    depth: dict[str, int] = {}
    chains: dict[str, list[str]] = {}
    for fid in ids:
        path = [fid]
        seen = {fid}
        current = fid
        while parent[current] is not None and parent[current] not in depth:
            current = parent[current]
            if current in seen:
                loop = path[path.index(current):] + [current]
                raise ValueError("the subcontracting chain has a cycle (each firm -> the firm that contracted it): "
                                 + " -> ".join(loop))
            path.append(current)
            seen.add(current)
        top = parent[current]
        base = depth[top] + 1 if top is not None else 0
        prefix = chains[top] if top is not None else []
        for k, firm in enumerate(reversed(path)):
            depth[firm] = base + k
            chains[firm] = prefix + list(reversed(path))[:k + 1]
    out = firms[["firm_id"]].copy()
    out["parent_firm_id"] = [parent[i] for i in ids]
    out["depth"] = [depth[i] for i in ids]
    out["chain"] = [" > ".join(chains[i]) for i in ids]
    return out.reset_index(drop=True)


_DOCUMENTS = [
    # (column, kind, what is wrong when it is False/missing)
    ("business_id_present", "bool", "no business ID"),
    ("in_prepayment_register", "bool", "not in the prepayment register"),
    ("tax_debt_certificate_date", "date", "tax-debt certificate"),
    ("pension_insurance_certificate_date", "date", "pension insurance certificate"),
    ("collective_agreement_named", "bool", "no collective agreement named"),
    ("accident_insurance_proof", "bool", "no proof of accident insurance"),
]


def missing_or_stale_documents(firms: pd.DataFrame, as_of=AS_OF, max_age_days: int = MAX_DOCUMENT_AGE_DAYS,
                               threshold_eur: float = OBLIGATIONS_ACT_THRESHOLD_EUR) -> pd.DataFrame:
    """The Contractor's Obligations Act documents each firm has not given, or gave too long ago.

    A certificate dated more than ``max_age_days`` before ``as_of`` is stale (the Act asks for
    documents at most three months old); one dated after ``as_of`` is reported as such; a
    missing date is a missing certificate. A yes/no column that is False or missing is a missing
    document. Columns: ``firm_id``, ``name`` (if present), ``problems`` (a list of short texts),
    ``n_problems``, ``documents`` ("complete" or the problems joined by "; "), ``act_applies``
    (contract value over ``threshold_eur``, EUR 9,000 VAT excluded; NA when the value is
    unknown). Only columns present in ``firms`` are checked.
    """
    day = _as_date(as_of)
    rows = []
    for _, firm in firms.iterrows():
        problems = []
        for column, kind, text in _DOCUMENTS:
            if column not in firms:
                continue
            value = firm[column]
            if kind == "bool":
                if _to_bool(value) is not True:
                    problems.append(text)
            else:
                if _is_blank(value) or pd.isna(value):
                    problems.append(f"{text} missing")
                    continue
                issued = pd.Timestamp(value).normalize()
                age = (day - issued).days
                if age < 0:
                    problems.append(f"{text} dated after the audit date")
                elif age > max_age_days:
                    problems.append(f"{text} {age} days old")
        rows.append(problems)
    out = pd.DataFrame({"firm_id": firms["firm_id"].to_numpy()})
    if "name" in firms:
        out["name"] = firms["name"].to_numpy()
    out["problems"] = rows
    out["n_problems"] = [len(p) for p in rows]
    out["documents"] = ["complete" if not p else "; ".join(p) for p in rows]
    if "subcontract_value_eur" in firms:
        value = _numeric(firms["subcontract_value_eur"]).reset_index(drop=True)
        out["act_applies"] = _flag(value > threshold_eur, value.notna())
    return out


def bogus_self_employment_candidates(workers: pd.DataFrame, access_log: pd.DataFrame,
                                     min_share_of_days: float = 0.8, min_hours_per_day: float = 7.0,
                                     max_start_spread_minutes: float = 30.0) -> pd.DataFrame:
    """Workers declared self-employed whose site hours look like an employee's.

    For each ``self_employed`` worker: ``days_on_site``, ``share_of_site_days`` (days on site /
    days the site's gate log shows any worker of the same firm; NaN if the firm has none),
    ``mean_hours_per_day`` (complete visits only), ``start_spread_minutes`` (the range of
    usual start times: 90th minus 10th percentile), and ``candidate``: True when the worker is
    there nearly every day (``min_share_of_days``), for full days (``min_hours_per_day``) at a
    fixed start (``max_start_spread_minutes``); NA when there are no records to judge by. A
    candidate is a question to ask, not proof: see who directs the work and who owns the tools.
    """
    columns = ["worker_id", "firm_id", "days_on_site", "share_of_site_days", "mean_hours_per_day",
               "start_spread_minutes", "candidate"]
    self_emp = workers[workers["employment_type"].astype("string").str.strip() == "self_employed"]
    if self_emp.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    v = visits(access_log)
    v["day"] = v["start"].dt.normalize()
    v["start_minutes"] = (v["start"] - v["day"]).dt.total_seconds() / 60
    firm_col = "firm_id" if "firm_id" in v else None
    rows = []
    for _, w in self_emp.iterrows():
        mine = v[v["worker_id"] == w["worker_id"]]
        firm = w.get("firm_id")
        firm_days = v.loc[v[firm_col] == firm, "day"].nunique() if firm_col else v["day"].nunique()
        days_on_site = mine["day"].nunique()
        per_day = mine.groupby("day")["hours"].sum(min_count=1)
        mean_hours = float(per_day.mean()) if per_day.notna().any() else np.nan
        spread = (float(mine["start_minutes"].quantile(0.9) - mine["start_minutes"].quantile(0.1))
                  if len(mine) else np.nan)
        share = days_on_site / firm_days if firm_days else np.nan
        rows.append([w["worker_id"], firm, days_on_site, share, mean_hours, spread])
    out = pd.DataFrame(rows, columns=columns[:-1])
    known = out["share_of_site_days"].notna() & out["mean_hours_per_day"].notna() & out["start_spread_minutes"].notna()
    cond = ((out["share_of_site_days"] >= min_share_of_days) & (out["mean_hours_per_day"] >= min_hours_per_day)
            & (out["start_spread_minutes"] <= max_start_spread_minutes))
    out["candidate"] = _flag(cond, known)
    return out


# ---------------------------------------------------------------------------------------------
# Agriculture

DEDUCTION_COLUMNS = ["recruitment_fee_eur", "housing_deduction_eur", "transport_deduction_eur",
                     "equipment_deduction_eur"]


def deduction_share(pickers: pd.DataFrame) -> pd.DataFrame:
    """What is deducted from each picker's earnings, and what is left.

    Adds ``deductions_eur`` (the sum of the deduction columns present; a missing deduction counts
    as none, and ``missing_deductions`` counts them so they can be checked), ``deduction_share``
    (deductions / gross; NaN when gross is zero or missing), ``net_eur`` (``net_pay_eur`` if given,
    else gross - deductions), ``net_le_zero`` (NA when net is unknown) and ``net_mismatch`` (the
    stated net differs from gross - deductions by more than a cent).
    """
    out = pickers.copy()
    present = [c for c in DEDUCTION_COLUMNS if c in out]
    parts = pd.DataFrame({c: _numeric(out[c]) for c in present}, index=out.index)
    out["deductions_eur"] = parts.sum(axis=1, min_count=0) if present else 0.0
    out["missing_deductions"] = parts.isna().sum(axis=1).astype("int64") if present else 0
    gross = _numeric(out["gross_earnings_eur"])
    out["deduction_share"] = _ratio(out["deductions_eur"], gross)
    computed = gross - out["deductions_eur"]
    stated = _numeric(out["net_pay_eur"]) if "net_pay_eur" in out else pd.Series(np.nan, index=out.index)
    out["net_eur"] = stated.fillna(computed)
    out["net_le_zero"] = _flag(out["net_eur"] <= 0, out["net_eur"].notna())
    out["net_mismatch"] = _flag((stated - computed).abs() > 0.011, stated.notna() & computed.notna())
    return out


# ---------------------------------------------------------------------------------------------
# Catering

def shared_accounts(frame: pd.DataFrame, account: str | None = None) -> pd.DataFrame:
    """Bank accounts that receive pay for more than one worker.

    Works on transfers (``to_account``, ``amount_eur``) or on payroll (``bank_account``,
    ``net_pay_eur``); ``account`` names the column explicitly. Missing accounts are ignored.
    Columns: ``account``, ``workers`` (how many), ``worker_ids`` (comma-separated, sorted),
    ``payments`` (rows), ``total_eur`` (sum of the amount column, NaN if there is none).
    Sorted by number of workers, then account. Two workers sharing an account may be a
    household; several is a red flag for control of wages.
    """
    account = account or ("to_account" if "to_account" in frame else "bank_account")
    amount = next((c for c in ("amount_eur", "net_pay_eur") if c in frame), None)
    columns = ["account", "workers", "worker_ids", "payments", "total_eur"]
    f = frame[frame[account].map(lambda v: not _is_blank(v))] if len(frame) else frame
    if f.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    rows = []
    for acc, group in f.groupby(account, sort=True):
        ids = sorted({str(i) for i in group["worker_id"] if not _is_blank(i)})
        if len(ids) > 1:
            total = float(_numeric(group[amount]).sum(min_count=1)) if amount else np.nan
            rows.append([acc, len(ids), ", ".join(ids), len(group), round(total, 2)])
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["workers", "account"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def unpaid_overtime(payroll: pd.DataFrame, min_gap_hours_per_period: float = 10.0,
                    minimum: float = ASSUMED_MINIMUM_HOURLY_WAGE) -> pd.DataFrame:
    """Rota hours against recorded (paid) hours, per worker.

    Columns: ``worker_id``, ``periods``, ``rota_hours``, ``recorded_hours``, ``unpaid_hours``
    (rota - recorded, summed), ``unpaid_hours_per_period``, ``gross_pay_eur``,
    ``pay_per_rota_hour_eur`` (NaN when rota hours are zero or missing), ``below_minimum`` (pay
    per rota hour below ``minimum``, an assumed minimum for the exercise, not the rate of any
    real collective agreement) and ``flag`` (unpaid hours per period at least
    ``min_gap_hours_per_period``). Months with missing hours are left out of the sums and
    counted in ``periods_missing_hours``. Sorted by unpaid hours, largest first.
    """
    p = payroll.copy()
    for c in ("rota_hours", "recorded_hours", "gross_pay_eur"):
        p[c] = _numeric(p[c]) if c in p else np.nan
    p["_complete"] = p["rota_hours"].notna() & p["recorded_hours"].notna()
    columns = ["worker_id", "periods", "periods_missing_hours", "rota_hours", "recorded_hours", "unpaid_hours",
               "unpaid_hours_per_period", "gross_pay_eur", "pay_per_rota_hour_eur", "below_minimum", "flag"]
    if p.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    complete = p[p["_complete"]]
    g = complete.groupby("worker_id", sort=True)
    out = pd.DataFrame({
        "periods": g.size(),
        "rota_hours": g["rota_hours"].sum(),
        "recorded_hours": g["recorded_hours"].sum(),
        "gross_pay_eur": g["gross_pay_eur"].sum(min_count=1),
    })
    out = out.reindex(sorted(p["worker_id"].dropna().unique()))
    out.index.name = "worker_id"
    out["periods"] = out["periods"].fillna(0).astype("int64")
    out["periods_missing_hours"] = (~p["_complete"]).groupby(p["worker_id"]).sum().reindex(out.index).astype("int64")
    out["unpaid_hours"] = out["rota_hours"] - out["recorded_hours"]
    out["unpaid_hours_per_period"] = _ratio(out["unpaid_hours"], out["periods"])
    out["pay_per_rota_hour_eur"] = _ratio(out["gross_pay_eur"], out["rota_hours"])
    out["below_minimum"] = _flag(out["pay_per_rota_hour_eur"] < minimum, out["pay_per_rota_hour_eur"].notna())
    out["flag"] = _flag(out["unpaid_hours_per_period"] >= min_gap_hours_per_period,
                        out["unpaid_hours_per_period"].notna())
    out = out.reset_index()
    out = out.sort_values(["unpaid_hours", "worker_id"], ascending=[False, True], na_position="last",
                          kind="mergesort").reset_index(drop=True)
    return out[columns]
