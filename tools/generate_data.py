"""Generate the course's SYNTHETIC case datasets into data/.

    .venv/bin/python tools/generate_data.py           # (re)write the CSV files in data/
    .venv/bin/python tools/generate_data.py --check   # regenerate into a temporary folder and
                                                       # exit 1 if any file differs from data/

Everything here is invented for training. Firms are "Firm A Oy (fictional)" or codes (F01,
SUB-A, REC-A), workers are codes (W001, B001, P001, R001), sites are codes (S01). No real company
or person is described.

The output is byte-identical on every run and every machine: each dataset has its own fixed
seed (random.Random), money is computed in whole cents, numbers are written with fixed decimals,
rows are written in a fixed order, and lines end in '\\n'.

ASSUMED_MINIMUM_HOURLY_WAGE is an assumed minimum for the exercise, not the rate of any real
collective agreement. The course never states what a real collective agreement pays.

The planted patterns (what the exercises ask learners to find) are listed in data/README.md,
in the section for authors.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import io
import random
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

SEED = 20251015
# An assumed minimum for the exercise, not the rate of any real collective agreement.
ASSUMED_MINIMUM_HOURLY_WAGE = 12.50
# The date of the (fictional) construction audit: certificates are judged against it.
AS_OF = date(2025, 10, 15)

# Files this script writes (sector_risks.csv and ilo_indicators.csv are published/derived
# reference tables, edited by hand, and are not generated).
GENERATED = (
    "cleaning_sites.csv", "cleaning_workers.csv", "cleaning_shifts.csv", "cleaning_access_log.csv",
    "cleaning_payslips.csv",
    "construction_firms.csv", "construction_workers.csv", "construction_access_log.csv",
    "agriculture_pickers.csv",
    "catering_payroll.csv", "catering_transfers.csv",
)


# ---------------------------------------------------------------------------------------------
# Formatting: every value is written the same way on every run.

def eur(cents: int) -> str:
    """Whole cents -> '1234.50' (exactly two decimals, minus sign for negatives)."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def hours(quarters: int) -> str:
    """Hours counted in quarter hours -> '7.25'."""
    return f"{quarters // 4}.{(quarters % 4) * 25:02d}"


def to_cents(value: float) -> int:
    """EUR as float -> whole cents, rounding half away from zero (deterministic)."""
    scaled = value * 100
    return int(scaled + 0.5) if scaled >= 0 else -int(-scaled + 0.5)


def boolean(value: bool) -> str:
    return "true" if value else "false"


def iso(d: date) -> str:
    return d.isoformat()


def dt(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S")


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def days(start: date, end: date):
    d = start
    while d <= end:
        yield d
        d += timedelta(days=1)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# Cleaning: five municipal sites, 30 workers of four subcontractors, September-October 2025.

CLEANING_START, CLEANING_END = date(2025, 9, 1), date(2025, 10, 31)
CLEANING_SITES = [
    ("S01", "school", "Fictional school A"),
    ("S02", "school", "Fictional school B"),
    ("S03", "office", "Fictional city office building"),
    ("S04", "library", "Fictional library"),
    ("S05", "health centre", "Fictional health centre"),
]
CLEANING_UNPAID = ("W004", "W013", "W027")   # stay hours after the rostered end, and on Saturdays
CLEANING_OVERLAP = "W021"                   # badge used at a second site at the same time
CLEANING_OVERLAP_SITE = "S05"
CLEANING_LOW_RATE = {"W009": 1080, "W024": 1120}  # cents per paid hour, below the assumed minimum


def cleaning(out: Path) -> None:
    rng = random.Random(SEED + 1)
    employers = ["SUB-A"] * 10 + ["SUB-B"] * 9 + ["SUB-C"] * 7 + ["SUB-D"] * 4
    # Place the planted workers at their employers: W004, W013, W021, W027 work for SUB-C,
    # W009 and W024 for SUB-D; the others are shuffled over the remaining places.
    fixed = {"W004": "SUB-C", "W013": "SUB-C", "W021": "SUB-C", "W027": "SUB-C",
             "W009": "SUB-D", "W024": "SUB-D"}
    pool = employers[:]
    for emp in fixed.values():
        pool.remove(emp)
    rng.shuffle(pool)
    workers = []
    rates = [1340, 1365, 1390, 1420, 1460, 1510]  # cents an hour
    contract_choices = [(80, 4), (100, 5), (120, 6), (150, 7.5)]  # (quarter hours a week, hours a day)
    site_ids = [s[0] for s in CLEANING_SITES]
    for n in range(1, 31):
        wid = f"W{n:03d}"
        employer = fixed.get(wid) or pool.pop()
        weekly_q, daily = rng.choice(contract_choices)
        if wid in CLEANING_UNPAID or wid == CLEANING_OVERLAP:
            weekly_q, daily = (100, 5)
        rate = CLEANING_LOW_RATE.get(wid, rng.choice(rates))
        # Shift pattern: evening (most), early morning, or split across two sites.
        kind = rng.choices(["evening", "morning", "split"], weights=[6, 3, 1])[0]
        if wid in CLEANING_UNPAID or wid == CLEANING_OVERLAP:
            kind = "evening"
        site = rng.choice(site_ids[:4]) if wid != CLEANING_OVERLAP else "S03"
        second = rng.choice([s for s in site_ids if s != site])
        saturday = rng.random() < 0.15 and wid not in CLEANING_UNPAID
        workers.append(dict(id=wid, employer=employer, weekly_q=weekly_q, daily=daily, rate=rate,
                            kind=kind, site=site, second=second, saturday=saturday))

    shifts, log = [], []
    paid_q: dict[tuple[str, str], int] = {}
    for w in workers:
        day_q = int(w["daily"] * 4)
        for d in days(CLEANING_START, CLEANING_END):
            weekday = d.weekday()
            if weekday == 6 or (weekday == 5 and not w["saturday"]):
                if weekday == 5 and w["id"] in CLEANING_UNPAID:
                    # Planted: unrostered, unpaid Saturday work seen only in the access log.
                    start = 9 * 60 + rng.randrange(0, 20)
                    length = 240 + rng.randrange(0, 75)
                    log.append([w["id"], w["site"], dt(datetime.combine(d, datetime.min.time()) + timedelta(minutes=start)),
                                dt(datetime.combine(d, datetime.min.time()) + timedelta(minutes=start + length))])
                continue
            if rng.random() < 0.035:  # sick day or holiday: no shift, no badge
                continue
            if weekday == 5:
                parts = [(w["site"], 8 * 60, 16)]  # four hours on Saturday morning
            elif w["kind"] == "evening":  # ends by 22:30 at the latest
                parts = [(w["site"], min(17 * 60, 22 * 60 + 30 - day_q * 15 - 30), day_q)]
            elif w["kind"] == "morning":
                parts = [(w["site"], 5 * 60 + 30, day_q)]
            else:  # split: a morning at one site and an evening at another, never overlapping
                first_q = day_q // 2
                parts = [(w["site"], 6 * 60, first_q), (w["second"], 16 * 60 + 30, day_q - first_q)]
            for site, start, q in parts:
                recorded_q = q + (2 if rng.random() < 0.04 else 0)  # now and then a paid extra half hour
                end = start + recorded_q * 15
                shifts.append([w["id"], site, iso(d), hhmm(start), hhmm(end), hours(recorded_q)])
                key = (w["id"], d.strftime("%Y-%m"))
                paid_q[key] = paid_q.get(key, 0) + recorded_q
                midnight = datetime.combine(d, datetime.min.time())
                badge_in = midnight + timedelta(minutes=start - rng.randrange(0, 9))
                if w["id"] in CLEANING_UNPAID:
                    badge_out = midnight + timedelta(minutes=end + rng.randrange(95, 175))
                else:
                    badge_out = midnight + timedelta(minutes=end + rng.randrange(0, 11))
                forgot = w["id"] not in CLEANING_UNPAID and w["id"] != CLEANING_OVERLAP and rng.random() < 0.006
                log.append([w["id"], site, dt(badge_in), "" if forgot else dt(badge_out)])
                if w["id"] == CLEANING_OVERLAP and weekday in (1, 3) and d >= date(2025, 9, 9):
                    # Planted: the same badge at another site during the same evening.
                    other_in = midnight + timedelta(minutes=17 * 60 + 25 + rng.randrange(0, 20))
                    other_out = other_in + timedelta(minutes=180 + rng.randrange(0, 40))
                    log.append([w["id"], CLEANING_OVERLAP_SITE, dt(other_in), dt(other_out)])

    payslips = []
    for w in workers:
        for period in ("2025-09", "2025-10"):
            q = paid_q.get((w["id"], period), 0)
            gross = (q * w["rate"] + 2) // 4  # quarter hours x cents an hour, rounded to the cent
            payslips.append([w["id"], period, hours(q), eur(gross)])

    write_csv(out / "cleaning_sites.csv", ["site_id", "site_type", "description"],
              [list(s) for s in CLEANING_SITES])
    write_csv(out / "cleaning_workers.csv", ["worker_id", "employer", "contract_hours_per_week"],
              [[w["id"], w["employer"], hours(w["weekly_q"])] for w in workers])
    shifts.sort(key=lambda r: (r[0], r[2], r[3]))
    write_csv(out / "cleaning_shifts.csv",
              ["worker_id", "site_id", "date", "start", "end", "recorded_hours"], shifts)
    log.sort(key=lambda r: (r[2], r[0], r[1]))
    write_csv(out / "cleaning_access_log.csv", ["worker_id", "site_id", "badge_in", "badge_out"], log)
    write_csv(out / "cleaning_payslips.csv", ["worker_id", "period", "paid_hours", "gross_pay_eur"], payslips)


# ---------------------------------------------------------------------------------------------
# Construction: a main contractor and eleven subcontractors in a chain up to five levels deep,
# 62 workers, four weeks of site access records before the audit date AS_OF.

CONSTRUCTION_START, CONSTRUCTION_END = date(2025, 9, 15), date(2025, 10, 10)
# firm_id, letter, parent, role, subcontract value (EUR), workers, self-employed, missing tax numbers
FIRMS = [
    ("F01", "A", "", "main contractor", 4_800_000, 8, 0, 0),
    ("F02", "B", "F01", "concrete frame", 1_250_000, 7, 0, 1),
    ("F03", "C", "F01", "heating, plumbing and ventilation", 640_000, 5, 1, 0),
    ("F04", "D", "F01", "electrical installation", 410_000, 6, 0, 0),
    ("F05", "E", "F02", "formwork", 310_000, 5, 0, 0),
    ("F06", "F", "F02", "concrete pumping", 58_000, 5, 2, 0),
    ("F07", "G", "F03", "insulation", 120_000, 4, 0, 0),
    ("F08", "H", "F05", "reinforcement", 96_000, 4, 0, 0),
    ("F09", "I", "F07", "pipe installation", 84_000, 8, 6, 0),
    ("F10", "J", "F08", "installation work", 41_000, 4, 0, 2),
    ("F11", "K", "F10", "labour hire", 28_500, 4, 0, 4),
    ("F12", "L", "F01", "site cleaning", 7_500, 2, 0, 0),
]
STALE_FIRM = "F08"       # certificates older than three months at AS_OF
UNDOCUMENTED_FIRM = "F11"  # not registered, no documents
BOGUS_FIRM = "F09"       # "self-employed" workers on employees' fixed full days
FIRM_ACTIVE_FROM = {"F04": date(2025, 9, 22), "F07": date(2025, 9, 29), "F12": date(2025, 9, 15)}


def construction(out: Path) -> None:
    rng = random.Random(SEED + 2)
    firms, workers, log = [], [], []
    number = 0
    for fid, letter, parent, role, value, n_workers, n_self, n_missing in FIRMS:
        if fid == UNDOCUMENTED_FIRM:
            firms.append([fid, f"Firm {letter} Oy (fictional)", parent, role, "false", "false", "", "",
                          "false", "false", eur(value * 100)])
        else:
            if fid == STALE_FIRM:
                tax_date = AS_OF - timedelta(days=225)
                pension_date = AS_OF - timedelta(days=107)
            else:
                tax_date = AS_OF - timedelta(days=rng.randrange(8, 80))
                pension_date = AS_OF - timedelta(days=rng.randrange(8, 80))
            firms.append([fid, f"Firm {letter} Oy (fictional)", parent, role, "true", "true",
                          iso(tax_date), iso(pension_date), "true", "true", eur(value * 100)])
        active_from = FIRM_ACTIVE_FROM.get(fid, CONSTRUCTION_START)
        for k in range(n_workers):
            number += 1
            wid = f"B{number:03d}"
            self_employed = k >= n_workers - n_self
            has_tax_number = k >= n_missing
            workers.append([wid, fid, "self_employed" if self_employed else "employee", boolean(has_tax_number)])
            bogus = fid == BOGUS_FIRM
            for d in days(active_from, CONSTRUCTION_END):
                if d.weekday() >= 5:
                    continue
                if bogus:
                    # Planted: everyone at the firm, "self-employed" or not, works the same full day.
                    t_in = 7 * 60 - 5 + rng.randrange(0, 11)
                    t_out = 15 * 60 + 25 + rng.randrange(0, 11)
                elif self_employed:
                    # A genuine specialist: some days a week, at hours that vary.
                    if rng.random() < 0.5:
                        continue
                    t_in = 8 * 60 + rng.randrange(0, 180)
                    t_out = t_in + 150 + rng.randrange(0, 240)
                else:
                    if rng.random() < 0.05:
                        continue
                    t_in = 6 * 60 + 45 + rng.randrange(0, 36)
                    t_out = 15 * 60 + 15 + rng.randrange(0, 50)
                    if rng.random() < 0.1:
                        t_out += 60 + rng.randrange(0, 60)
                forgot = not bogus and rng.random() < 0.004
                log.append([wid, fid, iso(d), hhmm(t_in), "" if forgot else hhmm(t_out)])

    write_csv(out / "construction_firms.csv",
              ["firm_id", "name", "parent_firm_id", "role", "business_id_present", "in_prepayment_register",
               "tax_debt_certificate_date", "pension_insurance_certificate_date", "collective_agreement_named",
               "accident_insurance_proof", "subcontract_value_eur"], firms)
    write_csv(out / "construction_workers.csv",
              ["worker_id", "firm_id", "employment_type", "tax_number_on_id_card"], workers)
    log.sort(key=lambda r: (r[2], r[0], r[3]))
    write_csv(out / "construction_access_log.csv", ["worker_id", "firm_id", "date", "time_in", "time_out"], log)


# ---------------------------------------------------------------------------------------------
# Agriculture: 80 third-country pickers of the 2025 wild-berry season, brought by five recruiters.
# Since February 2025 such pickers must be employees on a seasonal work permit (Seasonal Workers
# Act 907/2017), with housing rent agreed in writing and never deducted automatically. One
# recruiter's pickers are recorded as independent pickers who sell their berries, have no written
# housing agreement, and are left with nothing or in debt by its fees and deductions.

RECRUITERS = [("REC-A", 20), ("REC-B", 16), ("REC-C", 14), ("REC-D", 18), ("REC-E", 12)]
EXPLOITATIVE_RECRUITER = "REC-D"
PRICE_CENTS_PER_KG = {"REC-A": 185, "REC-B": 190, "REC-C": 175, "REC-D": 155, "REC-E": 180}


def agriculture(out: Path) -> None:
    rng = random.Random(SEED + 3)
    order = [rec for rec, n in RECRUITERS for _ in range(n)]
    rng.shuffle(order)
    rows = []
    for i, rec in enumerate(order, start=1):
        weeks = rng.randrange(6, 11)
        if rec != EXPLOITATIVE_RECRUITER and rng.random() < 0.08:
            weeks = rng.randrange(2, 4)  # left early: little picked, little earned
        if rec == EXPLOITATIVE_RECRUITER:
            kg_tenths = weeks * rng.randrange(2600, 4800)
            fee = rng.randrange(1900, 2801, 50) * 100
            housing = weeks * rng.randrange(19000, 23001, 500)
            transport = rng.randrange(950, 1301, 10) * 100
            equipment = rng.randrange(280, 421, 5) * 100
        else:
            kg_tenths = weeks * rng.randrange(2600, 6600)
            fee = 25000 if rec == "REC-C" else 0
            housing = weeks * rng.randrange(5500, 8501, 500)
            transport = 0 if rec == "REC-E" else rng.randrange(250, 451, 10) * 100
            equipment = rng.randrange(0, 61, 5) * 100
        gross = (kg_tenths * PRICE_CENTS_PER_KG[rec] + 5) // 10
        net = gross - fee - housing - transport - equipment
        # No random draw below: adding these columns left every earlier value unchanged.
        engagement = "independent picker" if rec == EXPLOITATIVE_RECRUITER else "employee"
        rent_in_writing = rec != EXPLOITATIVE_RECRUITER
        rows.append([f"P{i:03d}", rec, str(weeks), f"{kg_tenths // 10}.{kg_tenths % 10}", eur(gross), eur(fee),
                     eur(housing), eur(transport), eur(equipment), eur(net), engagement, boolean(rent_in_writing)])
    write_csv(out / "agriculture_pickers.csv",
              ["picker_id", "recruiter", "season_weeks", "kg_picked", "gross_earnings_eur", "recruitment_fee_eur",
               "housing_deduction_eur", "transport_deduction_eur", "equipment_deduction_eur", "net_pay_eur",
               "engagement", "rent_agreed_in_writing"], rows)


# ---------------------------------------------------------------------------------------------
# Catering: 25 workers, six months of payroll and the salary transfers made from it.

CATERING_PERIODS = ["2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09"]
CATERING_SHARED = ("R005", "R011", "R016", "R019", "R023")  # pay into one account; long unpaid rota hours
CATERING_SHARED_ACCOUNT = "FIxx ****4417"
CATERING_PAIR = ("R008", "R009")  # share an account too: perhaps a household's joint account; ask
CATERING_PAIR_ACCOUNT = "FIxx ****2290"
CATERING_MODERATE = "R014"        # rota somewhat above recorded hours
CATERING_JOINED = {"R020": "2025-06"}
CATERING_LEFT = {"R002": "2025-07"}
CATERING_LEAVE = {("R012", "2025-07")}  # a month of unpaid leave: zero hours, no pay


def catering(out: Path) -> None:
    rng = random.Random(SEED + 4)
    used_accounts = {"4417", "2290"}
    payroll, transfers = [], []
    transfer_no = 0
    workers = []
    for n in range(1, 26):
        wid = f"R{n:03d}"
        while True:
            digits = f"{rng.randrange(0, 10000):04d}"
            if digits not in used_accounts:
                used_accounts.add(digits)
                break
        account = f"FIxx ****{digits}"
        if wid in CATERING_SHARED:
            account = CATERING_SHARED_ACCOUNT
        elif wid in CATERING_PAIR:
            account = CATERING_PAIR_ACCOUNT
        full_time = wid in CATERING_SHARED or rng.random() < 0.6
        workers.append(dict(id=wid, account=account, full_time=full_time,
                            rate=rng.randrange(1300, 1551, 5), withholding=rng.randrange(18, 31)))
    for period in CATERING_PERIODS:
        year, month = map(int, period.split("-"))
        payday = date(year + (month == 12), month % 12 + 1, 5)
        while payday.weekday() >= 5:
            payday += timedelta(days=1)
        for w in workers:
            wid = w["id"]
            if wid in CATERING_JOINED and period < CATERING_JOINED[wid]:
                continue
            if wid in CATERING_LEFT and period > CATERING_LEFT[wid]:
                continue
            if wid in CATERING_SHARED:
                recorded_q = rng.randrange(600, 641)          # 150-160 h recorded and paid
                rota_q = recorded_q + rng.randrange(280, 441)  # 70-110 h more on the rota
            else:
                base = rng.randrange(600, 661) if w["full_time"] else rng.randrange(320, 481)
                rota_q = base
                recorded_q = base + rng.randrange(-8, 13)
                if wid == CATERING_MODERATE:
                    rota_q = recorded_q + rng.randrange(80, 121)
            if (wid, period) in CATERING_LEAVE:
                rota_q = recorded_q = 0
            gross = (recorded_q * w["rate"] + 2) // 4
            net = gross - (gross * w["withholding"] + 50) // 100
            payroll.append([wid, period, hours(recorded_q), hours(rota_q), eur(gross), eur(net), w["account"]])
            if net > 0:
                transfer_no += 1
                transfers.append([f"T{transfer_no:04d}", wid, iso(payday), eur(net), w["account"]])
    write_csv(out / "catering_payroll.csv",
              ["worker_id", "period", "recorded_hours", "rota_hours", "gross_pay_eur", "net_pay_eur", "bank_account"],
              sorted(payroll, key=lambda r: (r[0], r[1])))
    write_csv(out / "catering_transfers.csv", ["transfer_id", "worker_id", "date", "amount_eur", "to_account"],
              transfers)


# ---------------------------------------------------------------------------------------------

def generate(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    cleaning(out)
    construction(out)
    agriculture(out)
    catering(out)


def check(data: Path = DATA) -> list[str]:
    """Regenerate into a temporary folder; return the generated files that differ from data/."""
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        return [name for name in GENERATED
                if not (data / name).exists() or not filecmp.cmp(Path(tmp) / name, data / name, shallow=False)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the course's synthetic case datasets into data/.")
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and exit 1 if any file differs from data/")
    parser.add_argument("--out", type=Path, default=DATA, help="where to write the files (default: data/)")
    args = parser.parse_args(argv)
    if args.check:
        differ = check(args.out)
        for name in differ:
            print(f"data/{name}: differs from what tools/generate_data.py produces. "
                  "Run .venv/bin/python tools/generate_data.py and review the change.")
        if not differ:
            print(f"{len(GENERATED)} generated files are up to date.")
        return 1 if differ else 0
    generate(args.out)
    print(f"wrote {len(GENERATED)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
