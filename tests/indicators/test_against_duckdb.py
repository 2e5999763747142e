"""Cross-check indicator values against the same aggregates in SQL (DuckDB).

The engagement check is written here in plain SQL; the other families are checked against
the library's DuckDB engine (``analysis.indicators.engine_duckdb``), whose SQL the scale
benchmark uses too.
"""

import pandas as pd
import pytest

from analysis.devtools.synthetic import make_ledger
from analysis.indicators import budget_execution, deal_values, engagement, fiveg_coverage, funnel
from analysis.indicators.deal_values import MEASURE_CODES as DEAL_VALUE_CODES
from analysis.indicators.funnel import MEASURE_CODES as FUNNEL_CODES
from analysis.ledger import Ledger

duckdb = pytest.importorskip("duckdb")

from analysis.indicators.engine_duckdb import DuckDBEngine  # noqa: E402


def compare(ours, theirs, keys):
    """Same rows (keys as text, sorted), values to 1e-9, units and qualifiers equal."""

    def tidy(long):
        frame = long[[*keys, "measure", "value", "unit", "qualifier"]].copy()
        for column in [*keys, "measure", "unit", "qualifier"]:
            frame[column] = frame[column].astype("object").astype(str)
        return frame.sort_values([*keys, "measure"], kind="stable").reset_index(drop=True)

    pd.testing.assert_frame_equal(tidy(ours), tidy(theirs), check_dtype=False, rtol=1e-9)


@pytest.fixture(scope="module")
def tables():
    # a seeded synthetic ledger big enough for every group to have several rows
    return make_ledger(7, n_events=2000, n_signings=5000, n_cases=800, n_divisions=70)


@pytest.fixture(scope="module")
def ledger(tables):
    return Ledger(**tables)


@pytest.fixture(scope="module")
def con(ledger):
    engine = DuckDBEngine.from_ledger(ledger)
    yield engine
    engine.close()


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
    theirs = con.funnel(keys)
    # six modes × three years, so the comparisons below are not empty
    assert theirs.groupby(keys, observed=True).ngroups == 18
    # every funnel measure is computed on both sides and compared (rtol 1e-9)
    assert set(theirs["measure"]) == set(FUNNEL_CODES)
    compare(funnel(ledger, by=keys), theirs, keys)
    theirs = con.deal_values(keys)
    assert set(theirs["measure"]) == set(DEAL_VALUE_CODES)
    compare(deal_values(ledger, by=keys), theirs, keys)


def test_fiveg_coverage_by_year(ledger, con):
    theirs = con.fiveg_coverage(["year"])
    assert sorted(theirs["year"].unique()) == [2021, 2022, 2023]
    compare(fiveg_coverage(ledger, by="year"), theirs, ["year"])


def test_budget_execution_by_year(ledger, con):
    theirs = con.budget_execution("year")
    # three years × (a total and five phases)
    assert theirs.groupby(["year", "phase"]).ngroups == 18
    compare(budget_execution(ledger, by="year"), theirs, ["year", "phase"])
