"""Cross-check indicator values against the same aggregates written in SQL (DuckDB)."""

import duckdb
import pytest

from analysis.indicators import deal_values, engagement, fiveg_coverage, funnel
from analysis.ledger import Ledger
from analysis.synthetic import make_ledger


@pytest.fixture(scope="module")
def tables():
    # a seeded synthetic ledger big enough for every group to have several rows
    return make_ledger(7, n_events=2000, n_signings=5000, n_cases=800, n_divisions=70)


@pytest.fixture(scope="module")
def ledger(tables):
    return Ledger(**tables)


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


def test_funnel_and_values_by_mode_and_year(ledger, tables):
    query = """
        with landed as (
            select signing_id, min(date) as first_landing from conversions group by signing_id
        ), deals as (
            select s.*, l.first_landing is not null as converted,
                   s.stage = 'signed' or l.first_landing is not null as signed,
                   date_diff('day', s.date, l.first_landing) as days
            from signings s left join landed l using (signing_id)
        )
        select mode, year(date) as year, count(*) as intention,
               sum(signed::int) as signed, sum(converted::int) as converted,
               median(days) as days_median,
               sum(value) filter (where signed) as deal_value,
               median(value) filter (where signed) as value_median,
               quantile_cont(value, 0.75) filter (where signed) as value_q3
        from deals group by all
    """
    theirs = sql(query, signings=tables["signings"], conversions=tables["conversions"])
    theirs = theirs.set_index(["mode", "year"]).sort_index()
    fn = funnel(ledger, by=("mode", "year"))
    dv = deal_values(ledger, by=("mode", "year"))
    keys = ["mode", "year"]
    assert len(theirs) == 18  # six modes × three years, so the comparisons below are not empty
    for code, column in [
        ("deals_intention", "intention"),
        ("deals_signed", "signed"),
        ("deals_converted", "converted"),
        ("days_to_conversion_median", "days_median"),
    ]:
        ours = measure(fn, code, keys)
        assert ours.to_dict() == pytest.approx(theirs[column].dropna().astype(float).to_dict())
    for code, column in [
        ("deal_value", "deal_value"),
        ("deal_value_median", "value_median"),
        ("deal_value_q3", "value_q3"),
    ]:
        ours = measure(dv, code, keys)
        assert ours.to_dict() == pytest.approx(theirs[column].dropna().to_dict())


def test_fiveg_coverage_by_year(ledger, tables):
    theirs = sql(
        "select year, count(*) as cases, count(distinct division_code) as covered "
        "from cases group by all",
        cases=tables["fiveg_cases"],
    ).set_index("year")
    ours = fiveg_coverage(ledger, by="year")
    assert measure(ours, "fiveg_cases", ["year"]).to_dict() == pytest.approx(
        theirs["cases"].astype(float).to_dict()
    )
    covered = measure(ours, "fiveg_divisions_covered", ["year"])
    assert len(covered) == 3  # 2021–2023
    assert covered.to_dict() == pytest.approx(theirs["covered"].astype(float).to_dict())
