"""The indicator suite written in DuckDB SQL, as a reference for values and for speed.

Each query computes, for the same groups, the measures ``analysis.indicators`` computes
from a ledger (the definitions are those of ``docs/indicators.md``): the funnel, deal values,
5G coverage and budget execution (the suite the goals are set on), and engagement.
Results are long tables (keys + ``measure`` + ``value``) so that they can be compared with
the library's output row by row (``compare``).
Qualifiers are not computed here: the synthetic ledgers are nearly all exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from analysis.indicators.engagement import QUANTITIES
from analysis.indicators.fiveg import DIVISION_COUNT
from analysis.schema import LEDGER_TABLES

#: Deals with their stage flags, first landing date and landed amount (``deal_stages``),
#: built once per suite into a temporary table that the queries read.
DEALS_TABLE = """
    create or replace temp table deals as
    with landed as (
        select signing_id, min(date) as first_landing, sum(value) as landed_value,
               count(value) as landed_n
        from conversions group by signing_id
    )
        select s.mode, s.region, s.field, s.programme, coalesce(s.year, year(s.date)) as year,
               s.value, l.first_landing is not null as converted,
               s.stage = 'signed' or l.first_landing is not null as signed,
               date_diff('day', s.date, l.first_landing) as days,
               case when l.landed_n > 0 then l.landed_value end as converted_value
        from signings s left join landed l using (signing_id)
"""


def _keys(by: Sequence[str]) -> str:
    return ", ".join(by)


def funnel_sql(by: Sequence[str]) -> str:
    """Funnel counts, rates and days-to-conversion quartiles per group of ``by``.

    Examples:
        >>> "quantile_cont(days, 0.5)" in funnel_sql(["mode"])
        True
    """
    keys = _keys(by)
    return f"""
    select {keys}, count(*)::double as deals_intention,
           sum(signed::int)::double as deals_signed,
           sum(converted::int)::double as deals_converted,
           100.0 * sum(signed::int) / nullif(count(*), 0) as signing_rate,
           100.0 * sum(converted::int) / nullif(sum(signed::int), 0) as conversion_rate,
           100.0 * sum(converted::int) / nullif(count(*), 0) as intention_conversion_rate,
           quantile_cont(days, 0.25) as days_to_conversion_q1,
           quantile_cont(days, 0.5) as days_to_conversion_median,
           quantile_cont(days, 0.75) as days_to_conversion_q3
    from deals group by {keys}
    """


def deal_values_sql(by: Sequence[str]) -> str:
    """Values of signed deals per group: total, mean, quartiles, top-10% share, landed.

    Examples:
        >>> "row_number()" in deal_values_sql(["mode"])
        True
    """
    keys = _keys(by)
    return f"""
    with signed as (
        select * from deals where signed
    ), ranked as (
        select {keys}, value,
               row_number() over (partition by {keys} order by value desc) as rank,
               count(*) over (partition by {keys}) as n
        from signed where value is not null
    ), top as (
        select {keys}, 100.0 * sum(value) filter (where rank <= ceil(0.1 * n))
                       / nullif(sum(value), 0) as top10_share
        from ranked group by {keys}
    ), main as (
        select {keys}, count(value)::double as deals_valued, sum(value) as deal_value,
               sum(value) / nullif(count(value), 0) as deal_value_mean,
               quantile_cont(value, 0.25) as deal_value_q1,
               quantile_cont(value, 0.5) as deal_value_median,
               quantile_cont(value, 0.75) as deal_value_q3,
               sum(converted_value) filter (where converted) as converted_value,
               sum(converted_value) filter (where converted)
                 / nullif(count(converted_value) filter (where converted), 0)
                 as converted_value_mean
        from signed group by {keys}
    )
    select main.*, top.top10_share from main left join top using ({keys})
    """


def fiveg_sql(by: Sequence[str]) -> str:
    """5G cases, divisions covered, coverage of the 97 divisions and national pilots.

    Examples:
        >>> "count(distinct division_code)" in fiveg_sql(["year"])
        True
    """
    keys = _keys(by)
    return f"""
    select {keys}, count(*)::double as fiveg_cases,
           count(distinct division_code)::double as fiveg_divisions_covered,
           100.0 * count(distinct division_code) / {DIVISION_COUNT} as fiveg_division_coverage,
           coalesce(sum(national_pilot::int), 0)::double as fiveg_national_pilots,
           100.0 * coalesce(sum(national_pilot::int), 0) / count(*)
             as fiveg_national_pilot_share
    from fiveg_cases group by {keys}
    """


def budget_sql() -> str:
    """Budget by year and phase (phase '' = the year's total) with costs per output.

    Examples:
        >>> "cost_per_10k_deal_value" in budget_sql()
        True
    """
    return """
    with lines as (
        select year, coalesce(phase, '') as phase, planned, coalesce(spent, 0) as spent
        from budget
    ), total as (
        select year, '' as phase, sum(planned) as budget_planned, sum(spent) as budget_spent
        from lines group by year
    ), by_phase as (
        select year, phase, sum(planned) as budget_planned, sum(spent) as budget_spent
        from lines where phase <> '' group by year, phase
    ), attendees as (
        select coalesce(year, year(date)) as year, sum(attendees_onsite) as attendees
        from events group by 1
    ), outputs as (
        select year, count(*) as deals_signed, sum(value) as deal_value
        from deals where signed group by year
    )
    select t.year, t.phase, t.budget_planned, t.budget_spent,
           100.0 * t.budget_spent / nullif(t.budget_planned, 0) as budget_execution_rate,
           null::double as budget_phase_share,
           t.budget_spent / nullif(a.attendees, 0) as cost_per_attendee,
           t.budget_spent / nullif(o.deals_signed, 0) as cost_per_deal,
           t.budget_spent / nullif(o.deal_value, 0) * 10000 as cost_per_10k_deal_value
    from total t left join attendees a using (year) left join outputs o using (year)
    union all
    select p.year, p.phase, p.budget_planned, p.budget_spent,
           100.0 * p.budget_spent / nullif(p.budget_planned, 0),
           100.0 * p.budget_planned / nullif(t.budget_planned, 0),
           null, null, null
    from by_phase p join total t using (year)
    """


def engagement_sql(by: Sequence[str]) -> str:
    """Events held, each participation figure's sum and its mean per event that recorded it.

    Examples:
        >>> "sum(firms) / nullif(count(firms), 0) as firms_per_event" in engagement_sql(["region"])
        True
    """
    keys = _keys(by)
    sums = ",\n           ".join(
        f"sum({q}) as {q}, sum({q}) / nullif(count({q}), 0) as {q}_per_event" for q in QUANTITIES
    )
    return f"""
    select {keys}, count(*)::double as events_held,
           {sums}
    from events group by {keys}
    """


#: The suite: name → (query, keys of its output).
SUITE_BY = ("mode", "region", "year")
#: Engagement's groups: the events table has neither mode nor a deal's year.
ENGAGEMENT_BY = ("region", "event_type")


def suite_queries() -> dict[str, tuple[str, list[str]]]:
    """The four queries of the benchmark suite with the keys of their results.

    Examples:
        >>> list(suite_queries())
        ['funnel', 'deal_values', 'fiveg_coverage', 'budget_execution']
    """
    return {
        "funnel": (funnel_sql(SUITE_BY), list(SUITE_BY)),
        "deal_values": (deal_values_sql(SUITE_BY), list(SUITE_BY)),
        "fiveg_coverage": (fiveg_sql(("region", "year")), ["region", "year"]),
        "budget_execution": (budget_sql(), ["year", "phase"]),
    }


def extra_queries() -> dict[str, tuple[str, list[str]]]:
    """Families timed and checked beside the suite but outside its goal (engagement).

    Examples:
        >>> list(extra_queries())
        ['engagement']
    """
    return {"engagement": (engagement_sql(ENGAGEMENT_BY), list(ENGAGEMENT_BY))}


def connect(tables: dict[str, pd.DataFrame], threads: int | None = None):
    """An in-memory DuckDB database holding ``tables`` as native tables.

    The tables are copied into DuckDB's own storage once, as the loaded ledger is in
    memory once for pandas; the timings then compare the aggregations alone.
    """
    con = duckdb.connect()
    if threads is not None:
        con.execute(f"set threads = {int(threads)}")
    for name, frame in tables.items():
        con.register("_frame", frame)
        con.execute(f"create table {name} as select * from _frame")
        con.unregister("_frame")
    return con


def connect_parquet(folder: Path, threads: int | None = None):
    """An in-memory DuckDB database holding the Parquet tables of ``folder`` (one per table).

    The files are the ones ``generate.read_ledger`` reads, so both sides see the same data.
    """
    con = duckdb.connect()
    if threads is not None:
        con.execute(f"set threads = {int(threads)}")
    for name in LEDGER_TABLES:
        path = str(folder / f"{name}.parquet").replace("'", "''")
        con.execute(f"create table {name} as select * from read_parquet('{path}')")
    return con


def run_query(con, query: str, keys: list[str]) -> pd.DataFrame:
    """Run one query and return its result as a long table: keys, measure, value."""
    wide = con.execute(query).df()
    return to_long(wide, keys)


def to_long(wide: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Wide per-group results as keys + measure + value, undefined (NaN) values dropped.

    Examples:
        >>> w = pd.DataFrame({"k": ["a"], "x": [1.0], "y": [float("nan")]})
        >>> to_long(w, ["k"]).values.tolist()
        [['a', 'x', 1.0]]
    """
    long = wide.melt(id_vars=keys, var_name="measure", value_name="value")
    long["value"] = pd.to_numeric(long["value"], errors="coerce").astype("float64")
    return long[long["value"].notna()].reset_index(drop=True)


def normalise(long: pd.DataFrame, keys: list[str], measures: Sequence[str]) -> pd.DataFrame:
    """Keys as text, only ``measures``, sorted: ready for ``assert_frame_equal``.

    Examples:
        >>> t = pd.DataFrame({"year": [2023, 2022], "measure": ["m", "m"], "value": [1.0, 2.0]})
        >>> normalise(t, ["year"], ["m"])["year"].tolist()
        ['2022', '2023']
    """
    frame = long[long["measure"].isin(list(measures))][[*keys, "measure", "value"]].copy()
    for key in keys:
        column = frame[key]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            column = pd.to_numeric(column).astype("Int64")
        frame[key] = column.astype("object").map(lambda v: "" if pd.isna(v) else str(v))
    frame["measure"] = frame["measure"].astype(str)
    frame = frame.sort_values([*keys, "measure"], kind="stable").reset_index(drop=True)
    return frame


def compare(ours: pd.DataFrame, theirs: pd.DataFrame, keys: list[str], rtol: float = 1e-9):
    """Assert that the library's long table equals DuckDB's on the measures DuckDB computes.

    Raises:
        AssertionError: a group, a measure or a value differs (beyond ``rtol``).
    """
    measures = sorted(set(theirs["measure"]))
    left = normalise(ours, keys, measures)
    right = normalise(theirs, keys, measures)
    pd.testing.assert_frame_equal(left, right, check_dtype=False, rtol=rtol, atol=1e-9)
