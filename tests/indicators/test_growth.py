"""Tests for analysis.indicators.growth."""

import math

import pandas as pd
import pytest

from analysis.errors import UserError
from analysis.indicators import growth


def test_year_on_year_with_qualifiers():
    table = pd.DataFrame(
        {
            "programme": ["P"] * 5,
            "period": ["2015-2021", "2021", "2022", "2023", "2025"],
            "measure": ["deals_signed"] * 5,
            "breakdown": [""] * 5,
            "value": [500.0, 100.0, 120.0, 90.0, 50.0],
            "qualifier": ["exact", "exact", "at_least", "exact", "exact"],
            "source": ["a", "b", "c", "d", "e"],
        }
    )
    out = growth(table).set_index("period")
    # 2015-2021 is not one year; 2021 has no 2020; 2025 has no 2024 → only 2022 and 2023
    assert out.index.tolist() == ["2022", "2023"]
    # 2022: 120余 − 100 = 20, at least; (120/100 − 1) = 20%, at least
    assert out.loc["2022", ["change", "change_qualifier"]].tolist() == [20.0, "at_least"]
    assert out.loc["2022", "change_pct"] == pytest.approx(20.0)
    assert out.loc["2022", "change_pct_qualifier"] == "at_least"
    # 2023: 90 − 120余 = −30, at most (the fall may be larger); 90/120 − 1 = −25%, at most
    assert out.loc["2023", ["change", "change_qualifier"]].tolist() == [-30.0, "at_most"]
    assert out.loc["2023", "change_pct"] == pytest.approx(-25.0)
    assert out.loc["2023", "change_pct_qualifier"] == "at_most"
    assert out.loc["2023", "previous"] == 120.0


def test_series_are_kept_apart_and_year_columns_work():
    table = pd.DataFrame(
        {
            "region": ["南昌", "南昌", "赣州", "赣州"],
            "year": pd.array([2022, 2023, 2022, 2023], dtype="Int64"),
            "measure": ["events_held"] * 4,
            "value": [4.0, 6.0, 0.0, 3.0],
            "unit": ["event"] * 4,
            "qualifier": ["exact"] * 4,
        }
    )
    out = growth(table).set_index("region")
    # 南昌 4 → 6: +2, +50%; 赣州 0 → 3: +3, percentage undefined (from zero)
    assert out.loc["南昌", "change_pct"] == pytest.approx(50.0)
    assert out.loc["赣州", "change"] == 3.0
    assert math.isnan(out.loc["赣州", "change_pct"])
    assert pd.isna(out.loc["赣州", "change_pct_qualifier"])


def test_empty_and_bad_input():
    empty = pd.DataFrame({"measure": [], "period": [], "value": [], "qualifier": []})
    out = growth(empty)
    assert out.empty and "change_pct" in out.columns
    with pytest.raises(UserError, match="period"):
        growth(pd.DataFrame({"value": [1.0]}))
