"""Tests for analysis.indicators.engagement."""

import pandas as pd
import pytest

from analysis.errors import UserError
from analysis.indicators import engagement
from analysis.ledger import Ledger

from .conftest import by_measure, event


@pytest.fixture
def ledger(make_ledger):
    return make_ledger(
        events=[
            event(
                "E1",
                "会议",
                "conference",
                "2023-10-28",
                attendees_onsite=300,
                attendees_onsite_qualifier="approx",
                online_views=50000,
                online_views_qualifier="at_least",
                academicians=2,
            ),
            event("E2", "调研", "field_trip", "2023-05-12"),
            event(
                "E3",
                "座谈",
                "symposium",
                "2022-07-01",
                region="赣州",
                attendees_onsite=40,
                academicians=1,
            ),
        ]
    )


def test_by_year_sums_and_means(ledger):
    out = engagement(ledger, by="year")
    assert list(out.columns) == ["year", "measure", "value", "unit", "qualifier"]
    v2023 = by_measure(out, year=2023)
    # 2023: E1 and E2 → 2 events
    assert v2023["events_held"] == (2.0, "exact")
    # attendees: 300 (approx) + blank (counts as "at least") → 300, approx wins over at_least
    assert v2023["attendees_onsite"] == (300.0, "approx")
    # per event over events that recorded attendees: 300 / 1, approx
    assert v2023["attendees_onsite_per_event"] == (300.0, "approx")
    # online views: 50000 at_least + blank → 50000 at_least; per event 50000 / 1
    assert v2023["online_views"] == (50000.0, "at_least")
    assert v2023["online_views_per_event"] == (50000.0, "at_least")
    # academicians 2 (exact) + blank → at least 2; the mean over the one known event is exact
    assert v2023["academicians"] == (2.0, "at_least")
    assert v2023["academicians_per_event"] == (2.0, "exact")
    v2022 = by_measure(out, year=2022)
    assert v2022["attendees_onsite"] == (40.0, "exact")
    # no figure at all for firms → no row, not a zero
    assert "firms" not in v2022


def test_by_type_region_and_period(ledger):
    by_type = engagement(ledger, by="event_type")
    counts = by_type[by_type.measure == "events_held"].set_index("event_type")["value"]
    # one event of each type; order follows the schema's categories
    assert counts.to_dict() == {"conference": 1.0, "field_trip": 1.0, "symposium": 1.0}
    by_region = engagement(ledger, by=("region",))
    held = by_region[by_region.measure == "events_held"].set_index("region")["value"]
    assert held.to_dict() == {"南昌": 2.0, "赣州": 1.0}
    by_quarter = engagement(ledger, by="quarter")
    held = by_quarter[by_quarter.measure == "events_held"].set_index("quarter")["value"]
    # 2022-07-01 → 2022Q3; 2023-05-12 → 2023Q2; 2023-10-28 → 2023Q4
    assert held.to_dict() == {"2022Q3": 1.0, "2023Q2": 1.0, "2023Q4": 1.0}
    by_month = engagement(ledger, by="month")
    assert sorted(by_month["month"].unique()) == ["2022-07", "2023-05", "2023-10"]


def test_total_with_empty_by(ledger):
    out = by_measure(engagement(ledger, by=()))
    # 3 events; attendees 300≈ + 40 + blank = 340, approx; mean over 2 known events = 170
    assert out["events_held"] == (3.0, "exact")
    assert out["attendees_onsite"] == (340.0, "approx")
    assert out["attendees_onsite_per_event"] == (170.0, "approx")
    # academicians 2 + 1 + blank → at least 3; mean over 2 known events = 1.5 exact
    assert out["academicians"] == (3.0, "at_least")
    assert out["academicians_per_event"] == (1.5, "exact")


def test_at_least_plus_at_most_is_approx(make_ledger):
    ledger = make_ledger(
        events=[
            event(
                "A", "a", "training", "2023-01-01", region="R", firms=50, firms_qualifier="at_least"
            ),
            event(
                "B", "b", "training", "2023-01-02", region="R", firms=20, firms_qualifier="at_most"
            ),
        ]
    )
    # 50余 + 不到20: the bounds point opposite ways, so the sum 70 is only approximate
    assert by_measure(engagement(ledger, by=()))["firms"] == (70.0, "approx")


def test_unknown_dimension_is_a_user_error(ledger):
    with pytest.raises(UserError, match="cannot group by 'mode'"):
        engagement(ledger, by="mode")


def test_not_a_ledger_is_a_user_error():
    with pytest.raises(UserError, match="takes a Ledger"):
        engagement(pd.DataFrame({"x": [1]}))


def test_statistics_csaa_per_event(seed_quotes):
    # CSAA conference (seed 000): "近300人参加了线下会议", "5万余人次" online; one conference.
    seed_quotes("000", "近300人参加了线下会议", "线上累计观看人数达到5万余人次")
    stats = pd.DataFrame(
        {
            "programme": ["CSAA"] * 3,
            "period": ["2023"] * 3,
            "measure": ["events_held", "attendees_onsite", "online_views"],
            "value": [1.0, 300.0, 50000.0],
            "qualifier": ["exact", "approx", "at_least"],
            "source": ["000_e7fb6761fbfb5854.txt"] * 3,
        }
    )
    out = engagement(stats)
    assert list(out.columns) == [
        "programme",
        "period",
        "measure",
        "breakdown",
        "value",
        "unit",
        "qualifier",
        "quantity_text",
        "source",
        "quote",
    ]
    got = out.set_index("measure")[["value", "qualifier"]].apply(tuple, axis=1).to_dict()
    # 近300 ÷ 1 event = 300, approx; 5万余 ÷ 1 = 50000, at least (at_least ÷ exact)
    assert got["attendees_onsite_per_event"] == (300.0, "approx")
    assert got["online_views_per_event"] == (50000.0, "at_least")
    # reported rows come back unchanged
    assert got["attendees_onsite"] == (300.0, "approx")


def test_statistics_reported_figure_is_not_overwritten():
    stats = pd.DataFrame(
        {
            "programme": ["P"] * 3,
            "period": ["2023"] * 3,
            "measure": ["events_held", "attendees_onsite", "attendees_onsite_per_event"],
            "value": [2.0, 300.0, 120.0],
            "source": ["s"] * 3,
        }
    )
    out = engagement(stats)
    per_event = out[out.measure == "attendees_onsite_per_event"]
    # the report says 120 per event; 300 ÷ 2 = 150 would contradict it, so only 120 stays
    assert per_event["value"].tolist() == [120.0]


def test_missing_grouping_column_is_a_user_error():
    events = pd.DataFrame({"event_type": ["training"]})
    with pytest.raises(UserError, match="no column 'region'"):
        engagement(Ledger(events=events), by="region")
