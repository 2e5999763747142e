"""Tests for analysis.indicators.rollup: ledger → statistics long table, and with_derived."""

import pandas as pd
import pytest

from analysis.indicators import rollup, with_derived
from analysis.schema import STATISTICS

from .conftest import budget_line, event, fiveg_case, signing


@pytest.fixture
def ledger(make_ledger):
    return make_ledger(
        events=[
            event(
                "E1",
                "会",
                "conference",
                "2023-10-28",
                attendees_onsite=300,
                attendees_onsite_qualifier="approx",
            ),
            event("E2", "调研", "field_trip", "2022-05-01"),
            event(
                "E3",
                "座谈",
                "symposium",
                "2023-06-01",
                programme="Q",
                region="赣州",
                attendees_onsite=40,
            ),
        ],
        signings=[
            signing("S1", "signed", "transfer", "2023-01-01", title="a", value=1e6),
        ],
        fiveg_cases=[
            fiveg_case("F1", "38", 2023, True, name="x"),
        ],
        budget=[
            budget_line("1", "第二阶段", 5e4, spent=5e4),
            budget_line("2", "第一阶段", 5e4),
        ],
    )


def lookup(table, programme, period, measure, breakdown=""):
    rows = table[
        (table.programme == programme)
        & (table.period == period)
        & (table.measure == measure)
        & (table.breakdown == breakdown)
    ]
    assert len(rows) == 1, (programme, period, measure, breakdown, len(rows))
    return rows.iloc[0]["value"], rows.iloc[0]["qualifier"]


def test_columns_and_sources(ledger):
    out = rollup(ledger)
    assert list(out.columns) == list(STATISTICS.names)
    assert set(out["source"]) == {"ledger"}
    assert set(out["quote"]) == {""} and set(out["quantity_text"]) == {""}


def test_periods_years_and_span(ledger):
    out = rollup(ledger)
    # P has events in 2022 and 2023: per-year rows and a 2022-2023 span
    assert lookup(out, "P", "2022", "events_held") == (1.0, "exact")
    assert lookup(out, "P", "2023", "events_held") == (1.0, "exact")
    assert lookup(out, "P", "2022-2023", "events_held") == (2.0, "exact")
    # Q only 2023: one set of rows, period "2023", no duplicate span rows
    assert lookup(out, "Q", "2023", "events_held") == (1.0, "exact")
    assert set(out.loc[out.programme == "Q", "period"]) == {"2023"}


def test_breakdowns_and_narrative_codes(ledger):
    out = rollup(ledger)
    # events per type, labelled in Chinese
    assert lookup(out, "P", "2022-2023", "events_held", "调研") == (1.0, "exact")
    # field trips and symposia under the codes narrative reports use
    assert lookup(out, "P", "2022-2023", "field_trips") == (1.0, "exact")
    assert lookup(out, "Q", "2023", "symposia") == (1.0, "exact")
    # funnel and deal values per conversion mode
    assert lookup(out, "P", "2023", "deal_value", "转让") == (1e6, "exact")
    # 5G per section, labelled with code and name
    assert lookup(out, "P", "2023", "fiveg_divisions_covered", "C 制造业") == (1.0, "exact")
    assert lookup(out, "P", "2023", "fiveg_section_coverage", "C 制造业")[0] == pytest.approx(
        100 / 31
    )
    # budget: planned 10万, spent 5万 (blank = nothing spent) → 50%
    assert lookup(out, "P", "2023", "budget_execution_rate") == (50.0, "exact")
    assert lookup(out, "P", "2023", "budget_planned", "第一阶段") == (5e4, "exact")


def test_breakdown_order_follows_the_ledger(ledger):
    out = rollup(ledger)
    phases = out[(out.measure == "budget_planned") & (out.period == "2022-2023")]
    # ledger order (第二 before 第一 in this ledger), total first — never re-sorted as text
    assert phases["breakdown"].tolist() == ["", "第二阶段", "第一阶段"]


def test_qualifiers_survive(ledger):
    out = rollup(ledger)
    # P 2022-2023 attendees: 近300 + blank → 300, approx
    assert lookup(out, "P", "2022-2023", "attendees_onsite") == (300.0, "approx")
    # cost per attendee: 5万 spent ÷ 近300 → approx
    value, qualifier = lookup(out, "P", "2022-2023", "cost_per_attendee")
    assert value == pytest.approx(5e4 / 300) and qualifier == "approx"


def test_deterministic(ledger):
    pd.testing.assert_frame_equal(rollup(ledger), rollup(ledger))


def test_with_derived_adds_every_family():
    stats = pd.DataFrame(
        {
            "programme": ["GZ", "GZ", "JX", "JX", "CSAA", "CSAA"],
            "period": ["2020-2021", "2020-2021", "2023", "2023", "2023", "2023"],
            "measure": [
                "deals_signed",
                "deal_value",
                "fiveg_divisions_covered",
                "base_stations",  # not in the catalogue: kept as it is
                "budget_planned",
                "attendees_onsite",
            ],
            "value": [117.0, 35.71e8, 50.0, 9e4, 2e5, 300.0],
            "qualifier": ["exact", "exact", "at_least", "exact", "exact", "approx"],
            "source": ["004", "004", "001", "001", "000", "000"],
        }
    )
    out = with_derived(stats, basis="planned")
    derived = out[out.quote == ""].set_index(["programme", "measure"])
    assert round(derived.loc[("GZ", "deal_value_mean"), "value"] / 1e4) == 3052
    assert derived.loc[("JX", "fiveg_division_coverage"), "qualifier"] == "at_least"
    assert derived.loc[("CSAA", "cost_per_attendee"), "value"] == pytest.approx(2e5 / 300)
    # every input row is still there
    assert len(out[out.measure == "base_stations"]) == 1
    assert len(out) == len(stats) + 3
