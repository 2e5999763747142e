"""Tests for analysis.indicators.compare."""

import math

import pandas as pd
import pytest

from analysis.indicators import compare_programmes


@pytest.fixture
def stats():
    rows = [
        # programme, period, measure, value, qualifier
        ("A", "2022", "events_held", 3.0, "exact"),
        ("A", "2023", "events_held", 4.0, "exact"),
        ("A", "2023", "attendees_onsite", 300.0, "approx"),
        ("A", "2023", "budget_planned", 2e5, "exact"),
        ("A", "2023", "signing_rate", 50.0, "exact"),
        ("B", "2019", "events_held", 146.0, "exact"),
        ("B", "2019", "attendees_onsite", 500.0, "at_least"),
        ("B", "2019", "signing_rate", 60.0, "exact"),
        ("C", "2015-2021", "deal_value", 35.71e8, "exact"),
    ]
    return pd.DataFrame(
        {
            "programme": [r[0] for r in rows],
            "period": [r[1] for r in rows],
            "measure": [r[2] for r in rows],
            "value": [r[3] for r in rows],
            "qualifier": [r[4] for r in rows],
            "source": "s",
        }
    )


def test_default_aligns_periods(stats):
    """The default never sets one programme's year beside another's year or span.

    Before, A's 2023 stood beside B's 2019 (each programme's latest row); now a measure is
    shown for the latest period two programmes share, and only for those programmes.
    """
    shared = stats.copy()
    shared.loc[len(shared)] = ["B", "2023", "events_held", 12.0, "exact", "s"]
    out = compare_programmes(shared)
    assert out[["programme", "period", "measure", "value"]].values.tolist() == [
        ["A", "2023", "events_held", 4.0],
        ["B", "2023", "events_held", 12.0],
    ]
    # per 10,000 yuan of budget (A's 2023 budget 200,000): 4 ÷ 20 = 0.2; B has no 2023 budget
    assert out["per_10k_budget"].iloc[0] == pytest.approx(0.2)
    assert math.isnan(out["per_10k_budget"].iloc[1])
    # nothing else is shared in one period: attendees and signing rate are A 2023 vs B 2019
    assert compare_programmes(stats).empty


def test_latest_shows_each_programme_own_period(stats):
    out = compare_programmes(stats, period="latest")
    events = out[out.measure == "events_held"].set_index("programme")
    # A's latest period (2023) wins over 2022; B's is 2019: the period column says so
    assert events.loc["A", ["period", "value"]].tolist() == ["2023", 4.0]
    assert events.loc["B", "period"] == "2019"
    attendees = out[out.measure == "attendees_onsite"].set_index("programme")
    # 近300 ÷ 20 = 15 persons per 10,000 yuan, approximate
    assert attendees.loc["A", ["per_10k_budget", "per_10k_budget_qualifier"]].tolist() == [
        15.0,
        "approx",
    ]
    # a rate is not divided by money
    assert out[out.measure == "signing_rate"]["per_10k_budget"].isna().all()


def test_budget_of_another_period_is_not_used(stats):
    # A's events of 2022 have no 2022 budget: the 2023 budget must not divide them
    out = compare_programmes(stats, period="2022", measures=["events_held"])
    assert out["value"].tolist() == [3.0] and math.isnan(out["per_10k_budget"].iloc[0])


def test_chosen_measures(stats):
    out = compare_programmes(stats, measures=["deal_value"], period="latest")
    assert out[["programme", "period", "value"]].values.tolist() == [["C", "2015-2021", 35.71e8]]


def test_empty():
    out = compare_programmes(pd.DataFrame(columns=["programme", "period", "measure", "value"]))
    assert out.empty and "per_10k_budget" in out.columns


# --- compare(): aligned periods, growth, per-unit values, peers, national means -------------

from analysis.indicators.compare import (  # noqa: E402
    by_region,
    combine_statistics,
    compare,
    normalise_period,
    side_by_side,
    statistics_of,
)
from analysis.ledger import Ledger  # noqa: E402


def _stats(rows):
    return pd.DataFrame(
        rows, columns=["programme", "period", "measure", "breakdown", "value", "qualifier"]
    ).assign(source="s")


def test_compare_never_sets_a_year_beside_a_span():
    s = _stats(
        [
            ("A", "2023", "deals_signed", "", 40.0, "exact"),
            ("A", "2021-2023", "deals_signed", "", 100.0, "exact"),
            ("B", "2021—2023", "deals_signed", "", 90.0, "at_least"),  # a long dash, same span
            ("C", "2022", "deals_signed", "", 30.0, "exact"),
        ]
    )
    out = compare(s)
    # only the span is shared (A and B); A's 2023 and C's 2022 have no partner
    assert out[["programme", "period", "value"]].values.tolist() == [
        ["A", "2021-2023", 100.0],
        ["B", "2021-2023", 90.0],
    ]
    # B's 90余 ranks at 90: below A; a bound in the group makes both percentiles approximate
    assert out["percentile"].tolist() == [100.0, 0.0]
    assert set(out["percentile_qualifier"]) == {"approx"}
    assert out["display"].tolist() == ["100个", "90余个"]  # format_quantity writes items 个
    # asked for 2023, A's year is shown alone, never beside B's span
    assert compare(s, period="2023")[["programme", "value"]].values.tolist() == [["A", 40.0]]


def test_compare_growth_per_unit_and_qualifiers():
    s = _stats(
        [
            ("A", "2022", "attendees_onsite", "", 200.0, "exact"),
            ("A", "2023", "attendees_onsite", "", 300.0, "approx"),
            ("A", "2023", "budget_planned", "", 2e5, "exact"),
            ("A", "2023", "events_held", "", 4.0, "exact"),
            ("B", "2023", "attendees_onsite", "", 5e4, "at_least"),
            ("B", "2023", "budget_planned", "", 1e6, "exact"),
            ("B", "2023", "events_held", "", 10.0, "at_least"),
        ]
    )
    out = compare(s, per="budget", measures=["attendees_onsite"]).set_index("programme")
    # A: 近300 against 200 the year before: +50 %, approximate
    assert out.loc["A", ["previous_period", "previous", "change_pct"]].tolist() == [
        "2022",
        200.0,
        50.0,
    ]
    assert out.loc["A", "change_pct_qualifier"] == "approx"
    # per 万元: 300 ÷ (200,000 ÷ 10,000) = 15 (approx); 50,000 ÷ 100 = 500 (at least)
    assert out.loc["A", ["per_unit", "per_unit_qualifier"]].tolist() == [15.0, "approx"]
    assert out.loc["B", ["per_unit", "per_unit_qualifier"]].tolist() == [500.0, "at_least"]
    assert out.loc["B", "display"] == "5万余人"
    per_event = compare(s, per="event", measures=["attendees_onsite"]).set_index("programme")
    # 5万余 ÷ 10余 events: the "at least" divisor makes the mean "at most" → neither bound holds
    assert per_event.loc["A", "per_unit"] == 75.0
    assert per_event.loc["B", "per_unit"] == 5000.0
    assert per_event.loc["B", "per_unit_qualifier"] == "approx"


def test_compare_by_year():
    s = _stats(
        [
            ("A", "2021", "events_held", "", 5.0, "exact"),
            ("A", "2022", "events_held", "", 8.0, "exact"),
            ("A", "2023", "events_held", "", 6.0, "exact"),
            ("A", "2021-2023", "events_held", "", 19.0, "exact"),
        ]
    )
    out = compare(s, by="year")
    assert out["period"].tolist() == ["2021", "2022", "2023"]  # the span is left out
    assert out["change_pct"].tolist()[1:] == [60.0, -25.0]  # 8 ÷ 5 − 1, 6 ÷ 8 − 1
    assert out["percentile"].tolist() == [0.0, 100.0, 50.0]
    wide = side_by_side(out, by="year")
    assert list(wide.columns) == ["2021", "2022", "2023"]
    assert compare(s, by="year", period="2022-2023")["period"].tolist() == ["2022", "2023"]


def test_compare_sets_mean_deal_against_the_national_mean_of_that_year():
    s = _stats(
        [
            ("A", "2023", "deal_value_mean", "转让", 92.2e4, "exact"),
            ("B", "2023", "deal_value_mean", "转让", 46.1e4, "approx"),
            ("A", "2022", "deal_value_mean", "转让", 50e4, "exact"),
            ("B", "2022", "deal_value_mean", "转让", 50e4, "exact"),
        ]
    )
    out = compare(s)
    y2023 = out[out.period == "2023"].set_index("programme")
    # national 2023 转让 mean 46.1万元: 92.2 ÷ 46.1 = 200 %, 46.1 ÷ 46.1 = 100 % (approx)
    assert y2023["vs_national_pct"].tolist() == pytest.approx([200.0, 100.0])
    assert y2023.loc["B", "vs_national_pct_qualifier"] == "approx"
    assert y2023["national_source"].str.contains("年度报告").all()
    # no national figure for 2022 by mode: left blank, not the 2023 one
    assert out[out.period == "2022"]["national_mean"].isna().all()


def test_by_region_rolls_up_regions():
    events = pd.DataFrame(
        {
            "programme": ["P", "P", "P"],
            "region": ["甲市", "乙市", "甲市"],
            "event_type": ["symposium"] * 3,
            "date": pd.to_datetime(["2023-01-02", "2023-02-03", "2023-03-04"]),
        }
    )
    stats = statistics_of(Ledger(events=events), by="region")
    held = stats[(stats.measure == "events_held") & (stats.breakdown == "")]
    assert held.set_index("programme")["value"].to_dict() == {"乙市": 1.0, "甲市": 2.0}
    assert by_region(Ledger(events=events)).budget.empty
    # a record without a region is shown as 未写明地区 and not ranked among the regions
    unnamed = events.assign(region=["甲市", None, "乙市"])
    regional = statistics_of(Ledger(events=unnamed), by="region")
    out = compare(regional, by="region", measures=["events_held"])
    total = out[out.breakdown == ""].set_index("programme")
    assert list(total.index) == ["乙市", "甲市", "未写明地区"] or set(total.index) == {
        "乙市",
        "甲市",
        "未写明地区",
    }
    assert total.loc["未写明地区", "value"] == 1.0 and pd.isna(
        total.loc["未写明地区", "percentile"]
    )
    assert total.loc[["乙市", "甲市"], "percentile"].tolist() == [50.0, 50.0]  # 1 and 1: a tie
    with pytest.raises(Exception, match="no region"):
        statistics_of(stats, by="region")


def test_combine_keeps_the_first_input():
    a = _stats([("A", "2023", "events_held", "", 4.0, "exact")])
    both = combine_statistics([a, a.assign(value=9.0)])
    assert both["value"].tolist() == [4.0]


def test_normalise_period_keeps_dates():
    assert normalise_period(pd.Series(["2023-10-28", "2021~2023"])).tolist() == [
        "2023-10-28",
        "2021-2023",
    ]
