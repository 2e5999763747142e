"""Tests for analysis.indicators.peers: the percentile rule, ties, groups and qualifiers."""

import pandas as pd
import pytest

from analysis.indicators.peers import peer_percentiles, percentile_ranks


def _table(values, qualifiers=None, period="2023"):
    n = len(values)
    return pd.DataFrame(
        {
            "programme": [f"P{i}" for i in range(n)],
            "period": period,
            "measure": "deals_signed",
            "breakdown": "",
            "value": values,
            "qualifier": qualifiers or ["exact"] * n,
        }
    )


def test_rule_by_hand():
    # five values 1..5: L = 0..4 below, n − 1 = 4 → 0, 25, 50, 75, 100
    out = percentile_ranks(_table([3.0, 1.0, 5.0, 2.0, 4.0]))
    assert out["percentile"].tolist() == [50.0, 0.0, 100.0, 25.0, 75.0]
    assert out["rank"].tolist() == [3, 5, 1, 4, 2]


def test_ties_share_the_mean_place():
    # [7, 7, 1]: each 7 has L = 1, T = 1 → (1 + 0.5) ÷ 2 = 75; all equal → 50 each
    assert percentile_ranks(_table([7.0, 7.0, 1.0]))["percentile"].tolist() == [75.0, 75.0, 0.0]
    assert percentile_ranks(_table([2.0, 2.0]))["percentile"].tolist() == [50.0, 50.0]


def test_group_of_one_and_missing_values():
    out = percentile_ranks(_table([4.0]))
    assert out["percentile"].isna().all() and out["peers"].tolist() == [1]
    out = percentile_ranks(_table([4.0, None, 6.0]))
    assert out["percentile"].tolist()[0::2] == [0.0, 100.0] and pd.isna(out["percentile"][1])


def test_bounds_make_the_group_approximate():
    out = percentile_ranks(_table([10.0, 20.0], ["exact", "at_least"]))
    assert out["percentile_qualifier"].tolist() == ["approx", "approx"]


def test_peers_are_of_the_same_period_only():
    s = pd.concat([_table([1.0, 2.0]), _table([5.0], period="2021-2023")]).assign(source="s")
    out = peer_percentiles(s)
    assert out["period"].unique().tolist() == ["2023"]  # the lone span has no peer
    assert out["percentile"].tolist() == pytest.approx([100.0, 0.0])
