"""Cross-check indicator values against the same aggregates written in SQL (DuckDB)."""

import importlib.util
from pathlib import Path

import duckdb
import pytest

from analysis.devtools.synthetic import make_ledger
from analysis.indicators import budget_execution, deal_values, engagement, fiveg_coverage, funnel
from analysis.indicators.deal_values import MEASURE_CODES as DEAL_VALUE_CODES
from analysis.indicators.funnel import MEASURE_CODES as FUNNEL_CODES
from analysis.ledger import Ledger

# The SQL is shared with the scale benchmark (benchmarks/duckdb_sql.py), a script folder.
_SQL = Path(__file__).resolve().parents[2] / "benchmarks" / "duckdb_sql.py"
_spec = importlib.util.spec_from_file_location("duckdb_sql", _SQL)
duckdb_sql = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(duckdb_sql)


@pytest.fixture(scope="module")
def tables():
    # a seeded synthetic ledger big enough for every group to have several rows
    return make_ledger(7, n_events=2000, n_signings=5000, n_cases=800, n_divisions=70)


@pytest.fixture(scope="module")
def ledger(tables):
    return Ledger(**tables)


@pytest.fixture(scope="module")
def con(tables):
    con = duckdb_sql.connect(tables)
    con.execute(duckdb_sql.DEALS_TABLE)
    yield con
    con.close()


def sql(query, **frames):
    con = duckdb.connect()
    for name, frame in frames.items():
        con.register(name, frame)
    return con.execute(query).df()


def measure(table, code, keys):
    rows = table[table["measure"] == code]
    return rows.set_index(keys)["value"].sort_index()


def test_engagement_sums_by_region_and_type(ledger, tables):
    ours = engagement(ledger, by=("region", "event_type"))
    theirs = sql(
        "select region, event_type, count(*) as n, sum(attendees_onsite) as att, "
        "avg(attendees_onsite) as mean_att from events group by all",
        events=tables["events"],
    ).set_index(["region", "event_type"])
    keys = ["region", "event_type"]
    held = measure(ours, "events_held", keys)
    assert held.to_dict() == pytest.approx(theirs["n"].astype(float).to_dict())
    att = measure(ours, "attendees_onsite", keys)
    assert att.to_dict() == pytest.approx(theirs["att"].dropna().to_dict())
    mean = measure(ours, "attendees_onsite_per_event", keys)
    assert mean.to_dict() == pytest.approx(theirs["mean_att"].dropna().to_dict())


def test_funnel_and_values_by_mode_and_year(ledger, con):
    keys = ["mode", "year"]
    theirs = duckdb_sql.run_query(con, duckdb_sql.funnel_sql(keys), keys)
    # six modes × three years, so the comparisons below are not empty
    assert theirs.groupby(keys).ngroups == 18
    # every funnel measure is computed on both sides and compared (rtol 1e-9)
    assert set(theirs["measure"]) == set(FUNNEL_CODES)
    duckdb_sql.compare(funnel(ledger, by=keys), theirs, keys)
    theirs = duckdb_sql.run_query(con, duckdb_sql.deal_values_sql(keys), keys)
    assert set(theirs["measure"]) == set(DEAL_VALUE_CODES)
    duckdb_sql.compare(deal_values(ledger, by=keys), theirs, keys)


def test_fiveg_coverage_by_year(ledger, con):
    theirs = duckdb_sql.run_query(con, duckdb_sql.fiveg_sql(["year"]), ["year"])
    assert sorted(theirs["year"].unique()) == [2021, 2022, 2023]
    duckdb_sql.compare(fiveg_coverage(ledger, by="year"), theirs, ["year"])


def test_budget_execution_by_year(ledger, con):
    theirs = duckdb_sql.run_query(con, duckdb_sql.budget_sql(), ["year", "phase"])
    # three years × (a total and five phases)
    assert theirs.groupby(["year", "phase"]).ngroups == 18
    duckdb_sql.compare(budget_execution(ledger, by="year"), theirs, ["year", "phase"])
