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


def test_shared_measures_side_by_side(stats):
    out = compare_programmes(stats)
    # measures of ≥ 2 programmes: events_held, attendees_onsite, signing_rate (catalogue order)
    assert list(dict.fromkeys(out["measure"])) == [
        "events_held",
        "attendees_onsite",
        "signing_rate",
    ]
    events = out[out.measure == "events_held"].set_index("programme")
    # A's latest period (2023) wins over 2022
    assert events.loc["A", ["period", "value"]].tolist() == ["2023", 4.0]
    # per 10,000 yuan of budget: 4 ÷ (200,000 ÷ 10,000) = 0.2 events; B has no budget
    assert events.loc["A", "per_10k_budget"] == pytest.approx(0.2)
    assert math.isnan(events.loc["B", "per_10k_budget"])
    attendees = out[out.measure == "attendees_onsite"].set_index("programme")
    # 近300 ÷ 20 = 15 persons per 10,000 yuan, approximate
    assert attendees.loc["A", ["per_10k_budget", "per_10k_budget_qualifier"]].tolist() == [
        15.0,
        "approx",
    ]
    # a rate is not divided by money
    assert out[out.measure == "signing_rate"]["per_10k_budget"].isna().all()
    wide = out.pivot(index="measure", columns="programme", values="value")
    assert wide.loc["events_held", "B"] == 146.0


def test_chosen_measures(stats):
    out = compare_programmes(stats, measures=["deal_value"])
    assert out[["programme", "period", "value"]].values.tolist() == [["C", "2015-2021", 35.71e8]]


def test_empty():
    out = compare_programmes(pd.DataFrame(columns=["programme", "period", "measure", "value"]))
    assert out.empty and "per_10k_budget" in out.columns
