"""Tests for analysis.indicators._dims: text dimensions encoded once and shared by views."""

import numpy as np
import pandas as pd

from analysis.indicators import _dims, encode_dimensions, funnel
from analysis.indicators._dims import as_category, factorized
from analysis.indicators._groups import Groups
from analysis.ledger import Ledger

from .conftest import signing


def test_as_category_is_astype_category():
    column = pd.Series(["南昌", "九江", None, "南昌", "赣州"], dtype="str")
    pd.testing.assert_series_equal(as_category(column), column.astype("category"))


def test_a_column_is_hashed_once_and_shared_by_shallow_copies(monkeypatch):
    column = pd.Series(["b", "a", "b"], dtype="str")
    frame = pd.DataFrame({"region": column, "v": [1, 2, 3]})
    first = factorized(frame["region"])
    calls = []
    real = pd.factorize
    monkeypatch.setattr(pd, "factorize", lambda *a, **k: calls.append(1) or real(*a, **k))
    # assign (what with_dims and deal_stages do) keeps the column's Arrow array
    again = factorized(frame.assign(x=0)["region"])
    assert again is first and calls == []
    # a different column with the same values is hashed on its own
    factorized(pd.Series(["b", "a", "b"], dtype="str"))
    assert calls == [1]


def test_the_cache_lets_go_of_a_column_that_is_gone():
    column = pd.Series(["x", "y"], dtype="str")
    factorized(column)
    key = id(column.array._pa_array)
    assert key in _dims._ENCODED
    del column
    assert key not in _dims._ENCODED


def test_object_columns_are_not_cached():
    column = pd.Series(["b", "a"], dtype="object")
    codes, values = factorized(column)
    assert codes.tolist() == [1, 0] and values.tolist() == ["a", "b"]
    assert not any(ref() is column for ref, _ in _dims._ENCODED.values())


def test_encoded_ledger_gives_the_same_funnel(make_ledger):
    rows = [signing(f"S{i}", "signed", "transfer", region=r) for i, r in enumerate("甲乙甲丙")]
    ledger = make_ledger(signings=rows)
    loaded = Ledger(signings=ledger.signings.astype({"region": "str"}))
    before = funnel(loaded, by="region")
    encode_dimensions(loaded)
    pd.testing.assert_frame_equal(funnel(loaded, by="region"), before)
    # 甲 has two deals, 乙 and 丙 one each (regions sorted as text: 丙 < 乙 < 甲 by code point)
    counts = before[before.measure == "deals_intention"].set_index("region")["value"]
    assert counts.to_dict() == {"丙": 1.0, "乙": 1.0, "甲": 2.0}


def test_quantiles_by_sorting_groups_alone_equal_the_one_sort(monkeypatch):
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"g": rng.integers(0, 40, 3000), "v": rng.normal(size=3000)})
    frame.loc[rng.integers(0, 3000, 300), "v"] = np.nan
    levels = {"q1": 0.25, "median": 0.5, "q3": 0.75, "max": 1.0}
    groups = Groups(frame, ["g"])
    alone = groups.quantiles(frame["v"], levels)
    monkeypatch.setattr("analysis.indicators._groups._SEGMENT_LIMIT", 0)
    one_sort = groups.quantiles(frame["v"], levels)
    for name in levels:
        np.testing.assert_array_equal(alone[name], one_sort[name])
    expected = frame.groupby("g")["v"].quantile(0.5).to_numpy()
    np.testing.assert_allclose(alone["median"], expected, rtol=1e-12)
