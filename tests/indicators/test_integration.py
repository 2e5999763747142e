"""Indicators on the bundled sample ledger and the seed statistics (through the real loader)."""

import warnings

import pandas as pd
import pytest

from analysis import paths
from analysis.indicators import (
    budget_execution,
    compare_programmes,
    deal_values,
    engagement,
    fiveg_coverage,
    fiveg_coverage_over_time,
    funnel,
    growth,
    rollup,
    with_derived,
)
from analysis.load import load_ledger, load_statistics
from analysis.schema import QUALIFIERS, STATISTICS


@pytest.fixture(scope="module")
def sample():
    if not paths.SAMPLE_LEDGER.is_file():
        pytest.skip(f"sample ledger not found at {paths.SAMPLE_LEDGER}")
    return load_ledger(paths.SAMPLE_LEDGER)


@pytest.fixture(scope="module")
def seeds():
    if not paths.SEED_STATISTICS_CSV.is_file():
        pytest.skip(f"seed statistics not found at {paths.SEED_STATISTICS_CSV}")
    return load_statistics(paths.SEED_STATISTICS_CSV)


def total(table, measure):
    return table.set_index("measure").loc[measure, ["value", "qualifier"]].tolist()


def test_sample_counts_match_its_readme(sample):
    # data/sample/README.md: 300 events; 3000 deals of which 1932 signed; 300 5G cases over
    # 60 of the 97 divisions, 21 national pilots
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ev = engagement(sample, by=())
        fn = funnel(sample, by=())
        fg = fiveg_coverage(sample, by=())
    assert total(ev, "events_held") == [300.0, "exact"]
    assert total(fn, "deals_intention")[0] == 3000
    assert total(fn, "deals_signed")[0] == 1932
    # converted = distinct signings in the conversions table, counted with plain pandas
    assert total(fn, "deals_converted")[0] == sample.conversions["signing_id"].nunique()
    assert total(fg, "fiveg_cases")[0] == 300
    assert total(fg, "fiveg_divisions_covered")[0] == 60
    assert total(fg, "fiveg_division_coverage")[0] == pytest.approx(6000 / 97)
    assert total(fg, "fiveg_national_pilots")[0] == 21


def test_sample_sums_agree_with_plain_pandas(sample):
    ev = engagement(sample, by=())
    assert total(ev, "attendees_onsite")[0] == pytest.approx(
        sample.events["attendees_onsite"].sum()
    )
    signed = sample.signings[
        (sample.signings["stage"] == "signed")
        | sample.signings["signing_id"].isin(sample.conversions["signing_id"])
    ]
    dv = deal_values(sample, by=())
    assert total(dv, "deal_value")[0] == pytest.approx(signed["value"].sum())
    assert total(dv, "deal_value_median")[0] == pytest.approx(signed["value"].median())
    by_mode = deal_values(sample, by="mode")
    per_mode = by_mode[by_mode.measure == "deal_value"].set_index("mode")["value"]
    assert per_mode.sum() == pytest.approx(signed["value"].sum())


def test_sample_budget_execution_in_readme_range(sample):
    out = budget_execution(sample, by=("programme", "year"))
    rates = out[(out.measure == "budget_execution_rate") & (out.phase == "")]["value"]
    # README: execution 90.7–92.4% a year
    assert len(rates) == 3
    assert rates.between(90.7 - 0.05, 92.4 + 0.05).all()


def test_sample_rollup_and_growth(sample):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = rollup(sample)
        changes = growth(table)
        over_time = fiveg_coverage_over_time(sample)
    assert list(table.columns) == list(STATISTICS.names)
    assert set(table["qualifier"]) <= set(QUALIFIERS)
    assert not table.duplicated(["programme", "period", "measure", "breakdown"]).any()
    events = table[(table.measure == "events_held") & (table.breakdown == "")]
    # per-year counts add up to the span's count
    span = events[events.period.str.contains("-")]["value"].sum()
    assert events[~events.period.str.contains("-")]["value"].sum() == span == 300
    assert not changes.empty
    covered = over_time[over_time.measure == "fiveg_divisions_covered"]["value"]
    assert covered.is_monotonic_increasing and covered.iloc[-1] <= 60


def test_seed_statistics_derived(seeds):
    out = with_derived(seeds, basis="planned")
    derived = out[out.quote.fillna("") == ""]

    def row(programme, measure, breakdown=""):
        hit = derived[
            (derived.programme == programme)
            & (derived.measure == measure)
            & (derived.breakdown == breakdown)
        ]
        assert len(hit) == 1, (programme, measure, breakdown)
        return hit.iloc[0]

    # Guangzhou trading centre: 35.71亿元 ÷ 117 ≈ 3,052万元 per converted deal
    centre = row("guangzhou_cast_2015_2021", "converted_value_mean", "交易中心")
    assert round(centre["value"] / 1e4) == 3052 and centre["qualifier"] == "exact"
    # Jiangxi: 50余 of 97 → ≥ 51.5%
    coverage = row("jiangxi_03_5g", "fiveg_division_coverage")
    assert coverage["value"] >= 51.5 and coverage["qualifier"] == "at_least"
    # CSAA: the first phase is 2万 of 20万 = 10%; cost per attendee 20万 ÷ 近300
    share = derived[
        (derived.programme == "csaa_low_altitude_2023") & (derived.measure == "budget_phase_share")
    ]
    assert share["value"].tolist() == pytest.approx([10.0, 10.0, 25.0, 50.0, 5.0])
    cost = row("csaa_low_altitude_2023", "cost_per_attendee")
    assert cost["value"] == pytest.approx(2e5 / 300) and cost["qualifier"] == "approx"
    # every reported row is kept
    assert len(out) - len(derived) == len(seeds)


def test_seed_programmes_compared(seeds):
    # The five seeds share no total measure (each reports different things), so nothing is
    # "shared"; asked for engagement measures, CSAA and Changzhou sit side by side.
    assert compare_programmes(with_derived(seeds)).empty
    # Each measure is shown for one period: CSAA's 2023 and Changzhou's 2019 sit side by side
    # only on request (period="latest").
    one = compare_programmes(with_derived(seeds), min_programmes=1)
    assert (one.groupby("measure")["period"].nunique() == 1).all()
    compared = compare_programmes(
        with_derived(seeds),
        measures=["events_held", "organizations", "attendees_onsite"],
        period="latest",
    )
    got = compared.set_index(["measure", "programme"])
    # Changzhou 2019: 146 activities, 120余 organisations; no budget in its report
    assert got.loc[("events_held", "changzhou_518_2019"), "value"] == 146
    assert got.loc[("organizations", "changzhou_518_2019"), "qualifier"] == "at_least"
    assert pd.isna(got.loc[("events_held", "changzhou_518_2019"), "per_10k_budget"])
    # CSAA: 近300 on site per 20万 of budget → 15 persons per 10,000 yuan, approx
    csaa = got.loc[("attendees_onsite", "csaa_low_altitude_2023")]
    assert csaa["per_10k_budget"] == pytest.approx(15.0)
    assert csaa["per_10k_budget_qualifier"] == "approx"
