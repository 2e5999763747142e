"""Tests for analysis.indicators.funnel."""

import pandas as pd
import pytest

from analysis.errors import UserError
from analysis.indicators import funnel
from analysis.indicators.funnel import deal_stages

from .conftest import signing


@pytest.fixture
def ledger(make_ledger):
    return make_ledger(
        signings=[
            signing("S1", "intention", "transfer", "2023-01-01"),
            signing("S2", "signed", "transfer", "2023-01-10"),
            signing("S3", "signed", "licence", "2023-02-01", region="赣州"),
            signing("S4", "intention", "licence", "2024-01-01"),
            signing("S5", "signed", "equity", "2024-06-01"),
        ],
        conversions=[
            # S2 lands 60 days after signing, then a second tranche later (the first counts)
            dict(conversion_id="C1", signing_id="S2", date="2023-03-11"),
            dict(conversion_id="C2", signing_id="S2", date="2023-05-01"),
            # S3: 20 days
            dict(conversion_id="C3", signing_id="S3", date="2023-02-21"),
            # S4 was recorded at intention but landed after 100 days: it was signed
            dict(conversion_id="C4", signing_id="S4", date="2024-04-10"),
        ],
    )


def table(out, **where):
    for column, value in where.items():
        out = out[out[column] == value]
    return out.set_index("measure")["value"].to_dict()


def test_total_funnel(ledger):
    got = table(funnel(ledger, by=()))
    # 5 signing rows; signed: S2, S3, S5 + S4 (landed) = 4; converted: S2, S3, S4 = 3
    assert got["deals_intention"] == 5
    assert got["deals_signed"] == 4
    assert got["deals_converted"] == 3
    # 4/5 = 80%; 3/4 = 75%; 3/5 = 60%
    assert got["signing_rate"] == pytest.approx(80.0)
    assert got["conversion_rate"] == pytest.approx(75.0)
    assert got["intention_conversion_rate"] == pytest.approx(60.0)
    # days 60, 20, 100 → sorted 20, 60, 100: median 60; Q1 = 20 + 0.5×40 = 40; Q3 = 80
    assert got["days_to_conversion_median"] == 60
    assert got["days_to_conversion_q1"] == 40
    assert got["days_to_conversion_q3"] == 80
    assert set(funnel(ledger, by=())["qualifier"]) == {"exact"}


def test_by_mode(ledger):
    out = funnel(ledger, by="mode")
    transfer = table(out, mode="transfer")
    # S1 (intention), S2 (signed, landed): 2 / 1 / 1 → 50%, 100%, 50%
    assert [transfer[k] for k in ("deals_intention", "deals_signed", "deals_converted")] == [
        2,
        1,
        1,
    ]
    assert transfer["signing_rate"] == 50.0 and transfer["conversion_rate"] == 100.0
    equity = table(out, mode="equity")
    # S5 signed, not landed: conversion rate 0; no landing → no days rows
    assert equity["conversion_rate"] == 0.0
    assert "days_to_conversion_median" not in equity
    # modes in the order of Article 16 as the schema lists them
    assert list(dict.fromkeys(out["mode"])) == ["transfer", "licence", "equity"]


def test_by_year_keeps_the_signing_cohort(ledger):
    out = funnel(ledger, by=("year",))
    # 2023: S1, S2, S3 → 3 / 2 / 2; 2024: S4, S5 → 2 / 2 / 1
    assert table(out, year=2023)["deals_converted"] == 2
    assert table(out, year=2024)["deals_signed"] == 2
    by_region = funnel(ledger, by=("region", "field"))
    assert table(by_region, region="赣州")["deals_intention"] == 1


def test_conversion_of_unknown_signing_is_an_error(make_ledger):
    ledger = make_ledger(
        signings=[signing("S1", "signed", "transfer", "2023-01-01")],
        conversions=[dict(conversion_id="C1", signing_id="S9", date="2023-02-01")],
    )
    with pytest.raises(UserError, match="S9"):
        funnel(ledger)


def test_deal_stages_flags(ledger):
    stages = deal_stages(ledger).set_index("signing_id")
    assert stages.loc["S4", "signed"] and stages.loc["S4", "converted"]
    assert stages.loc["S2", "days_to_conversion"] == 60


def test_statistics_guangzhou_fair_results_converted(seed_quotes):
    # Guangzhou fair (seed 004): 一万多 results released, 600多 projects converted.
    seed_quotes("004", "累计发布一万多个创新创业成果，促成600多个项目转化落地")
    stats = pd.DataFrame(
        {
            "programme": ["广州创交会"] * 2,
            "period": ["2015-2021"] * 2,
            "measure": ["results_released", "deals_converted"],
            "value": [10000.0, 600.0],
            "qualifier": ["at_least", "at_least"],
            "source": ["004_70d010b94859217b.txt"] * 2,
        }
    )
    out = funnel(stats)
    row = out[out.measure == "results_conversion_rate"].iloc[0]
    # 600 ÷ 10000 = 6%; both are lower bounds, so the ratio's direction is unknown: approx
    assert row["value"] == pytest.approx(6.0)
    assert row["qualifier"] == "approx"
    assert row["unit"] == "percent"


def test_statistics_signing_and_conversion_rates():
    stats = pd.DataFrame(
        {
            "programme": ["P"] * 3,
            "period": ["2023"] * 3,
            "measure": ["deals_intention", "deals_signed", "deals_converted"],
            "value": [40.0, 30.0, 12.0],
            "qualifier": ["exact", "exact", "at_least"],
            "source": ["s"] * 3,
        }
    )
    got = funnel(stats).set_index("measure")
    # 30/40 = 75% exact; 12余/30 = 40% at least; 12余/40 = 30% at least
    assert got.loc["signing_rate", "value"] == 75.0
    assert (got.loc["conversion_rate", "value"], got.loc["conversion_rate", "qualifier"]) == (
        40.0,
        "at_least",
    )
    assert got.loc["intention_conversion_rate", "value"] == 30.0
