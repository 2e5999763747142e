"""Tests for analysis.indicators.deal_values."""

import pandas as pd
import pytest

from analysis.indicators import deal_values

from .conftest import by_measure, signing


@pytest.fixture
def ledger(make_ledger):
    return make_ledger(
        signings=[
            signing("S1", "signed", "transfer", value=1e6),
            signing("S2", "signed", "transfer", value=3e6, value_qualifier="approx"),
            signing("S3", "signed", "licence", value=2e6),
            signing("S4", "signed", "licence"),  # value not recorded
            signing("S5", "intention", "transfer", value=9e6),  # not signed: left out by default
            signing("S6", "signed", "equity", value=10e6, value_qualifier="at_least"),
        ],
        conversions=[
            dict(conversion_id="C1", signing_id="S1", date="2023-04-01", value=5e5),
            dict(conversion_id="C2", signing_id="S1", date="2023-06-01", value=3e5),
            dict(conversion_id="C3", signing_id="S3", date="2023-05-01"),  # amount blank
        ],
    )


def test_totals_and_order_statistics(ledger):
    out = by_measure(deal_values(ledger, by=()))
    # signed: S1, S2, S3, S4, S6; known values 1, 3, 2, 10 (×1e6)
    assert out["deals_valued"] == (4.0, "exact")
    # total 16e6: exact, approx, exact, blank, at_least → approx (approx wins)
    assert out["deal_value"] == (16e6, "approx")
    # mean over the 4 known values: 4e6; known qualifiers exact/approx/at_least → approx
    assert out["deal_value_mean"] == (4e6, "approx")
    # sorted 1, 2, 3, 10: Q1 = 1 + 0.75×1 = 1.75; median 2.5; Q3 = 3 + 0.25×7 = 4.75
    assert out["deal_value_q1"][0] == pytest.approx(1.75e6)
    assert out["deal_value_median"][0] == pytest.approx(2.5e6)
    assert out["deal_value_q3"][0] == pytest.approx(4.75e6)
    # top 10% of 4 deals = ceil(0.4) = 1 deal: 10 / 16 = 62.5%; at_least ÷ approx → approx
    assert out["top10_share"] == (62.5, "approx")


def test_by_mode(ledger):
    out = deal_values(ledger, by="mode")
    transfer = by_measure(out, mode="transfer")
    # S1 1e6 + S2 3e6≈ = 4e6 approx (S5 is only an intention); top deal 3 of 4 = 75%
    assert transfer["deal_value"] == (4e6, "approx")
    assert transfer["top10_share"][0] == pytest.approx(75.0)
    licence = by_measure(out, mode="licence")
    # S3 2e6 + S4 blank → at least 2e6; the mean over the one known value is exact
    assert licence["deal_value"] == (2e6, "at_least")
    assert licence["deal_value_mean"] == (2e6, "exact")
    assert licence["deals_valued"] == (1.0, "exact")
    equity = by_measure(out, mode="equity")
    # 1000万余 ÷ 1 deal stays a lower bound
    assert equity["deal_value_mean"] == (10e6, "at_least")


def test_include_intentions(ledger):
    out = by_measure(deal_values(ledger, by=(), include_intentions=True))
    # adds S5's 9e6: 16e6 + 9e6 = 25e6
    assert out["deal_value"][0] == 25e6


def test_converted_value(ledger):
    out = by_measure(deal_values(ledger, by=()))
    # S1: 5e5 + 3e5 = 8e5; S3 landed without an amount → total is at least 8e5
    assert out["converted_value"] == (8e5, "at_least")
    # mean over converted deals with an amount: 8e5 / 1, exact
    assert out["converted_value_mean"] == (8e5, "exact")


def test_statistics_guangzhou_trading_centre(seed_quotes):
    # Guangzhou technology-trading centre (seed 004): 117 deals worth 35.71亿元.
    seed_quotes("004", "促成技术成果转化交易117项，涉及金额35.71亿元")
    stats = pd.DataFrame(
        {
            "programme": ["广州国际技术交易服务中心"] * 2,
            "period": ["2020-2021"] * 2,
            "measure": ["deals_signed", "deal_value"],
            "value": [117.0, 35.71e8],
            "qualifier": ["exact", "exact"],
            "quantity_text": ["117项", "35.71亿元"],
            "source": ["004_70d010b94859217b.txt"] * 2,
            "quote": ["促成技术成果转化交易117项", "涉及金额35.71亿元"],
        }
    )
    out = deal_values(stats)
    mean = out[out.measure == "deal_value_mean"].iloc[0]
    # 3,571,000,000 ÷ 117 = 30,521,367.52 yuan ≈ 3,052万元 per deal, exact inputs → exact
    assert mean["value"] == pytest.approx(30_521_367.52, abs=0.01)
    assert round(mean["value"] / 1e4) == 3052
    assert mean["qualifier"] == "exact"
    assert mean["unit"] == "yuan"
    assert mean["source"] == "004_70d010b94859217b.txt"
    assert mean["quote"] == ""  # derived, not quoted
    # the reported figure keeps its quote
    assert out[out.measure == "deal_value"]["quote"].tolist() == ["涉及金额35.71亿元"]


def test_statistics_guangzhou_fair_converted_mean(seed_quotes):
    seed_quotes("004", "促成600多个项目转化落地，涉及金额近500亿元")
    stats = pd.DataFrame(
        {
            "programme": ["广州创交会"] * 2,
            "period": ["2015-2021"] * 2,
            "measure": ["deals_converted", "converted_value"],
            "value": [600.0, 500e8],
            "qualifier": ["at_least", "approx"],
            "source": ["004_70d010b94859217b.txt"] * 2,
        }
    )
    row = deal_values(stats).set_index("measure").loc["converted_value_mean"]
    # 近500亿 ÷ 600多 = 8,333.3万 per project, approximate
    assert row["value"] == pytest.approx(500e8 / 600)
    assert row["qualifier"] == "approx"


def test_statistics_national_anchor_transfer_mean():
    # shared/domain.md, 中国科技成果转化年度报告 (2023 data): transfer 23,006 contracts,
    # 106.1亿元, mean 46.1万 — the derived mean must reproduce the published one.
    stats = pd.DataFrame(
        {
            "programme": ["全国"] * 2,
            "period": ["2023"] * 2,
            "measure": ["deals_signed", "deal_value"],
            "breakdown": ["转让"] * 2,
            "value": [23006.0, 106.1e8],
            "source": ["domain.md"] * 2,
        }
    )
    row = deal_values(stats).set_index("measure").loc["deal_value_mean"]
    assert round(row["value"] / 1e4, 1) == 46.1
    assert row["breakdown"] == "转让"


def test_a_group_of_intentions_only_is_left_out(make_ledger):
    # Mode "other" has only an intention (S2, landed nowhere): by mode, only "transfer"
    # (S1, signed, 1e6) appears, as if S2 had never been in the ledger.
    ledger = make_ledger(
        signings=[
            signing("S1", "signed", "transfer", value=1e6),
            signing("S2", "intention", "other", value=9e6),
        ],
        conversions=[],
    )
    out = deal_values(ledger, by="mode")
    assert set(out["mode"].astype(str)) == {"transfer"}
    assert by_measure(out, mode="transfer")["deal_value"] == (1e6, "exact")
    assert set(deal_values(ledger, by="mode", include_intentions=True)["mode"].astype(str)) == {
        "transfer",
        "other",
    }
