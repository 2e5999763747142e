"""Time the indicator families on a synthetic ledger against the same aggregates in DuckDB.

Usage: ``PYTHONPATH=src python benchmarks/bench_indicators.py [--rows N] [--runs K]``.
The ledger is ``analysis.synthetic.make_ledger`` with ``N`` events and ``N`` deals (5G cases
capped at 10^6). Each pandas call is timed beside a DuckDB query computing the same
figures (counts, sums, medians, distinct divisions) in the same process, so that the ratio
holds on a noisy machine, and the values are checked to agree. Qualifiers, quartiles and
concentration have no SQL twin here; the DuckDB side is a floor, not a full equivalent.
Prints ``name=value`` pairs.
"""

from __future__ import annotations

import argparse
import time

import duckdb
import numpy as np

from analysis.indicators import deal_values, engagement, fiveg_coverage, funnel
from analysis.ledger import Ledger
from analysis.synthetic import make_ledger

BY = ("mode", "region", "field", "year")

ENGAGEMENT_SQL = """
    select region, event_type, count(*) as n, sum(attendees_onsite) as attendees,
           sum(online_views) as views
    from events group by all
"""
DEALS_SQL = """
    with landed as (
        select signing_id, min(date) as first_landing from conversions group by signing_id
    ), deals as (
        select s.mode, s.region, s.field, year(s.date) as year, s.value, s.stage,
               l.first_landing is not null as converted,
               s.stage = 'signed' or l.first_landing is not null as signed,
               date_diff('day', s.date, l.first_landing) as days
        from signings s left join landed l using (signing_id)
    )
    select mode, region, field, year, count(*) as intention, sum(signed::int) as signed,
           sum(converted::int) as converted, median(days) as days_median,
           sum(value) filter (where signed) as deal_value,
           median(value) filter (where signed) as value_median
    from deals group by all
"""
FIVEG_SQL = """
    select programme, count(*) as cases, count(distinct division_code) as covered
    from cases group by all
"""


def _best(fn, runs: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=float, default=1e6, help="events and deals")
    parser.add_argument("--runs", type=int, default=1, help="timed runs; the best is kept")
    args = parser.parse_args(argv)
    n = int(args.rows)
    tables = make_ledger(1, n_events=n, n_signings=n, n_cases=min(n, 10**6), n_divisions=90)
    ledger = Ledger(**tables)
    con = duckdb.connect()
    con.register("events", tables["events"])
    con.register("signings", tables["signings"])
    con.register("conversions", tables["conversions"])
    con.register("cases", tables["fiveg_cases"])
    print(f"rows={n}")
    cases = [
        ("engagement", lambda: engagement(ledger, by=("region", "event_type")), ENGAGEMENT_SQL),
        ("funnel", lambda: funnel(ledger, by=BY), DEALS_SQL),
        ("deal_values", lambda: deal_values(ledger, by=BY), DEALS_SQL),
        ("fiveg_coverage", lambda: fiveg_coverage(ledger, by="programme"), FIVEG_SQL),
    ]
    for name, ours, query in cases:
        t_ours, table = _best(ours, args.runs)
        t_sql, frame = _best(lambda q=query: con.execute(q).df(), args.runs)
        print(f"{name}_pandas_s={t_ours:.3f}")
        print(f"{name}_duckdb_s={t_sql:.3f}")
        print(f"{name}_slowdown={t_ours / t_sql:.1f}")
        checks = {
            "engagement": ("events_held", "n"),
            "funnel": ("deals_signed", "signed"),
            "deal_values": ("deal_value", "deal_value"),
            "fiveg_coverage": ("fiveg_divisions_covered", "covered"),
        }
        code, column = checks[name]
        ours_total = table.loc[table["measure"] == code, "value"].sum()
        if not np.isclose(ours_total, frame[column].sum(), rtol=1e-9):
            print(f"{name}_mismatch={ours_total}!={frame[column].sum()}")
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
