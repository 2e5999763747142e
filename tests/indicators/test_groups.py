"""Tests for analysis.indicators._groups (group numbers and numpy aggregates)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.indicators._groups import _DENSE_LIMIT, GroupedKnown, Groups
from analysis.indicators._qualifiers import row_bits
from analysis.quantities import combine_sum


def reference(frame, keys):
    """The pandas groupby the module must agree with (its documented contract)."""
    return frame.groupby(keys, observed=True, dropna=False, sort=True)


# --- group order ---------------------------------------------------------------------------


def test_categorical_keys_follow_category_order():
    # Categories declared z, a, m: groupby order is z then a (m never occurs, observed=True),
    # then the blank group; alphabetical order would have put a first.
    f = pd.DataFrame({"c": pd.Categorical(["a", "z", None, "a"], categories=["z", "a", "m"])})
    g = Groups(f, ["c"])
    assert g.keys["c"].astype(object).tolist()[:2] == ["z", "a"]
    assert pd.isna(g.keys["c"].iloc[2])
    assert list(g.keys["c"].cat.categories) == ["z", "a", "m"]
    # z: row 1; a: rows 0 and 3; blank: row 2
    assert g.size().tolist() == [1, 2, 1]
    assert g.gid.tolist() == [1, 0, 2, 1]
    assert g.n == 3


def test_int64_years_with_blank_year_last():
    f = pd.DataFrame({"year": pd.array([2024, None, 2023, 2024], dtype="Int64")})
    g = Groups(f, ["year"])
    # Sorted years 2023, 2024, then the blank year as its own last group.
    assert g.keys["year"].dtype == "Int64"
    assert g.keys["year"].tolist()[:2] == [2023, 2024]
    assert g.keys["year"].isna().tolist() == [False, False, True]
    # 2023: row 2; 2024: rows 0 and 3; blank: row 1
    assert g.size().tolist() == [1, 2, 1]
    assert g.gid.tolist() == [1, 2, 0, 1]


@pytest.mark.parametrize("dtype", ["object", "str"])
def test_text_keys_with_none(dtype):
    f = pd.DataFrame({"k": pd.Series(["乙", None, "甲", "乙", None], dtype=dtype)})
    g = Groups(f, ["k"])
    # Sorted by code point: 乙 (U+4E59) before 甲 (U+7532); blank last.
    assert g.keys["k"].tolist()[:2] == ["乙", "甲"]
    assert pd.isna(g.keys["k"].iloc[2])
    assert g.size().tolist() == [2, 1, 2]


def test_object_key_dtype_matches_pandas_without_blanks():
    # pandas groupby(...).size().reset_index() infers the str dtype for an object column of
    # text, blank or not; Groups gives object here (no blank) but str with a blank.
    f = pd.DataFrame({"k": pd.Series(["x", "y"], dtype="object")})
    want = reference(f, ["k"]).size().reset_index()[["k"]]
    assert want["k"].dtype == "str"
    assert Groups(f, ["k"]).keys["k"].dtype == want["k"].dtype


def test_object_key_dtype_with_a_blank_is_str():
    # The same column with a blank: both give str (documents the inconsistency above).
    f = pd.DataFrame({"k": pd.Series(["x", None], dtype="object")})
    assert Groups(f, ["k"]).keys["k"].dtype == "str"
    assert reference(f, ["k"]).size().reset_index()["k"].dtype == "str"


def test_single_all_key_int8():
    # The "no grouping" view: one constant int8 column, so every row is group 0.
    f = pd.DataFrame({"_all": np.zeros(4, dtype="int8")})
    g = Groups(f, ["_all"])
    assert g.n == 1
    assert g.keys["_all"].tolist() == [0]
    assert g.keys["_all"].dtype == np.int8
    assert g.size().tolist() == [4]


def test_two_keys_order_is_lexicographic_with_blanks_last_per_level():
    f = pd.DataFrame(
        {
            "c": pd.Categorical(["b", "a", "b", None, "a"], categories=["b", "a"]),
            "y": pd.array([2023, None, 2021, 2021, 2023], dtype="Int64"),
        }
    )
    g = Groups(f, ["c", "y"])
    # c in category order b, a, blank; within each, years ascending then blank:
    # (b,2021) row 2, (b,2023) row 0, (a,2023) row 4, (a,blank) row 1, (blank,2021) row 3
    got = [
        (None if pd.isna(c) else c, None if pd.isna(y) else int(y))
        for c, y in g.keys.itertuples(index=False)
    ]
    assert got == [("b", 2021), ("b", 2023), ("a", 2023), ("a", None), (None, 2021)]
    assert g.gid.tolist() == [1, 3, 0, 4, 2]


def test_empty_frame_has_no_groups():
    f = pd.DataFrame({"y": pd.array([], dtype="Int64")})
    g = Groups(f, ["y"])
    assert g.n == 0 and len(g.keys) == 0
    assert g.size().tolist() == []


# --- sums, counts and qualifiers -----------------------------------------------------------


@pytest.fixture
def groups_and_values():
    f = pd.DataFrame({"g": pd.Series(["a", "a", "b", "a", "c", "c"], dtype="str")})
    values = pd.Series([1.0, np.nan, np.nan, 2.0, 4.0, 0.5])
    return Groups(f, ["g"]), values


def test_sum_skips_blanks_and_is_nan_when_all_blank(groups_and_values):
    g, values = groups_and_values
    sums, count = g.sum(values)
    # a: 1 + 2 = 3 from 2 known (one blank); b: only a blank → NaN, 0 known; c: 4 + 0.5
    np.testing.assert_array_equal(sums, [3.0, np.nan, 4.5])
    assert count.tolist() == [2, 0, 2]


def test_sum_with_rows_mask(groups_and_values):
    g, values = groups_and_values
    rows = np.array([False, True, True, True, False, False])
    sums, count = g.sum(values, rows)
    # Kept rows 1 (a, blank), 2 (b, blank), 3 (a, 2.0): a = 2 from 1; b and c none known.
    np.testing.assert_array_equal(sums, [2.0, np.nan, np.nan])
    assert count.tolist() == [1, 0, 0]
    # count(): rows per group among the kept ones: a has rows 1 and 3, b row 2, c none.
    assert g.count(rows).tolist() == [2, 1, 0]


def test_sum_with_qualifier_hand_case():
    f = pd.DataFrame({"g": pd.Series(["a", "a", "b", "b", "c", "c", "d"], dtype="str")})
    values = pd.Series([1.0, 2.0, 3.0, np.nan, 5.0, 6.0, np.nan])
    quals = pd.Series(["exact", "at_least", "exact", None, "exact", "approx", None])
    out = Groups(f, ["g"]).sum_with_qualifier(values, quals, "v")
    # a: 1 + 2, exact + at_least → at_least (both readings)
    # b: 3 known of 2 rows; the blank row makes the sum at_least, ignored in the known one
    # c: 5 + 6, exact + approx → approx
    # d: only a blank: NaN sum, at_least (missing), exact when the blank is ignored
    np.testing.assert_array_equal(out["v"], [3.0, 3.0, 11.0, np.nan])
    assert out["v_n"].tolist() == [2, 1, 2, 0]
    assert list(out["v_qualifier"]) == ["at_least", "at_least", "approx", "at_least"]
    assert list(out["v_known_qualifier"]) == ["at_least", "exact", "approx", "exact"]


def test_sum_with_qualifier_missing_none_and_no_qualifier_column():
    f = pd.DataFrame({"g": pd.Series(["a", "a"], dtype="str")})
    out = Groups(f, ["g"]).sum_with_qualifier(pd.Series([7.0, np.nan]), None, "v", missing=None)
    # No qualifier column: present values are exact; with missing=None the blank is ignored.
    assert out["v"].tolist() == [7.0]
    assert list(out["v_qualifier"]) == ["exact"]


def test_sum_with_qualifier_rows_leave_a_group_empty():
    f = pd.DataFrame({"g": pd.Series(["a", "b", "b"], dtype="str")})
    values = pd.Series([1.0, 2.0, 3.0])
    quals = pd.Series(["exact", "at_most", "exact"])
    rows = np.array([False, True, True])
    out = Groups(f, ["g"]).sum_with_qualifier(values, quals, "v", rows=rows)
    # a keeps no row: NaN sum, 0 known, blank qualifiers; b: 2 + 3, at_most + exact → at_most
    assert np.isnan(out["v"][0]) and out["v"][1] == 5.0
    assert out["v_n"].tolist() == [0, 2]
    assert pd.isna(out["v_qualifier"][0]) and out["v_qualifier"][1] == "at_most"
    assert pd.isna(out["v_known_qualifier"][0]) and out["v_known_qualifier"][1] == "at_most"


def test_masks_or_the_bits():
    f = pd.DataFrame({"g": pd.Series(["a", "a", "b"], dtype="str")})
    bits = np.array([1, 4, 2], dtype="int8")
    # a: 1 | 4 = 5; b: 2. With rows keeping only row 2, a has no rows → 0.
    assert Groups(f, ["g"]).masks(bits).tolist() == [5, 2]
    rows = np.array([False, False, True])
    assert Groups(f, ["g"]).masks(bits[rows], rows).tolist() == [0, 2]


# --- quantiles and top shares --------------------------------------------------------------

LEVELS = {"q1": 0.25, "median": 0.5, "q3": 0.75}


def test_quantiles_of_one_two_and_four_values():
    f = pd.DataFrame({"g": pd.Series(["one", "two", "two", "four"] * 1 + ["four"] * 3)})
    values = pd.Series([5.0, 3.0, 1.0, 30.0, 10.0, 40.0, 20.0])
    q = Groups(f, ["g"]).quantiles(values, LEVELS)
    # Groups sorted: four, one, two.
    # four = 10, 20, 30, 40: position q × 3 → 0.75, 1.5, 2.25 →
    #   10 + 0.75 × 10 = 17.5; 20 + 0.5 × 10 = 25; 30 + 0.25 × 10 = 32.5
    # one = 5: every quantile is 5
    # two = 1, 3: position q × 1 → 1 + 0.25 × 2 = 1.5; 2; 1 + 0.75 × 2 = 2.5
    assert q["q1"].tolist() == [17.5, 5.0, 1.5]
    assert q["median"].tolist() == [25.0, 5.0, 2.0]
    assert q["q3"].tolist() == [32.5, 5.0, 2.5]


def test_quantiles_skip_blanks_and_rows():
    f = pd.DataFrame({"g": pd.Series(["a"] * 4 + ["b"], dtype="str")})
    values = pd.Series([4.0, np.nan, 8.0, 100.0, np.nan])
    rows = np.array([True, True, True, False, True])
    q = Groups(f, ["g"]).quantiles(values, {"median": 0.5, "max": 1.0}, rows)
    # a keeps 4, blank, 8 (100 is masked out): median of 4, 8 = 6, max 8; b: only blank → NaN
    np.testing.assert_array_equal(q["median"], [6.0, np.nan])
    np.testing.assert_array_equal(q["max"], [8.0, np.nan])


@pytest.mark.parametrize(
    "shift",
    # 0: whole days over a short range, counted per group (``_groups._counted``); 0.5: not
    # whole numbers; 1e9: whole but too wide a range. The last two are sorted instead.
    [0.0, 0.5, 1e9],
)
def test_quantiles_counted_or_sorted_equal_pandas(shift):
    rng = np.random.default_rng(7)
    n = 5_000
    days = rng.integers(-3, 400, n).astype("float64")
    days[rng.random(n) < 0.3] = np.nan
    days[-1] = days[-1] if np.isnan(days[-1]) else days[-1] + shift
    days[0] = 10.0 + shift  # every variant has a value the shift applies to
    f = pd.DataFrame({"g": rng.integers(0, 40, n), "v": days})
    got = Groups(f, ["g"]).quantiles(f["v"], {"q1": 0.25, "median": 0.5, "q3": 0.75, "p1": 0.01})
    for name, q in {"q1": 0.25, "median": 0.5, "q3": 0.75, "p1": 0.01}.items():
        want = f.groupby("g", sort=True)["v"].quantile(q).to_numpy()
        np.testing.assert_array_equal(got[name], want)


def test_counted_path_is_taken_only_for_whole_numbers_in_a_short_range():
    from analysis.indicators._groups import _counted

    gid = np.array([0, 0, 1])
    assert _counted(gid, np.array([1.0, 5.0, 2.0]), 2) is not None
    assert _counted(gid, np.array([1.0, 5.5, 2.0]), 2) is None  # not whole
    assert _counted(gid, np.array([1.0, 5e9, 2.0]), 2) is None  # too wide a range
    assert _counted(gid, np.array([1.0, np.inf, 2.0]), 2) is None


@pytest.mark.parametrize(
    ("n", "taken"),
    # ⌈10% × n⌉: 1 → ⌈0.1⌉ = 1; 10 → 1; 11 → ⌈1.1⌉ = 2; 30 → 3 (0.1 × 30 must not round
    # up to 4); 1000 → 100
    [(1, 1), (10, 1), (11, 2), (30, 3), (70, 7), (1000, 100)],
)
def test_top_takes_ceiling_of_share(n, taken):
    f = pd.DataFrame({"g": np.zeros(n, dtype="int8")})
    values = pd.Series(np.arange(n, dtype="float64"))
    ordered = Groups(f, ["g"]).sorted_known(values)
    top = ordered.top(0.10)
    assert int(top.sum()) == taken
    # The taken ones are the largest: n-1, n-2, ...
    assert sorted(ordered.values[top].tolist()) == [float(v) for v in range(n - taken, n)]


@settings(max_examples=150, deadline=None)
@given(
    groups=st.lists(st.integers(0, 4), min_size=1, max_size=60),
    values=st.lists(st.sampled_from([1.0, 2.0, 2.0, 3.0, 5.0, np.nan]), min_size=60, max_size=60),
    share=st.sampled_from([0.1, 0.25, 0.5, 1.0]),
)
def test_top_by_selection_takes_the_rows_the_sort_takes(groups, values, share):
    # GroupedKnown (few groups: a selection per group) against SortedGroups (one stable sort,
    # largest first): the same rows, ties taken in row order. Values repeat on purpose.
    f = pd.DataFrame({"g": np.array(groups, dtype="int64")})
    v = pd.Series(values[: len(groups)])
    g = Groups(f, ["g"])
    ranked, ordered = g.ranked_known(v), g.sorted_known(v)
    assert isinstance(ranked, GroupedKnown)
    assert sorted(ranked.rows[ranked.top(share)]) == sorted(ordered.rows[ordered.top(share)])


def test_sorted_known_largest_first_with_row_positions():
    f = pd.DataFrame({"g": pd.Series(["b", "a", "b", "a", "b"], dtype="str")})
    values = pd.Series([2.0, 9.0, np.nan, 1.0, 7.0])
    s = Groups(f, ["g"]).sorted_known(values)
    # a: rows 1 (9), 3 (1); b: rows 4 (7), 0 (2); row 2 is blank and left out
    assert s.values.tolist() == [9.0, 1.0, 7.0, 2.0]
    assert s.rows.tolist() == [1, 3, 4, 0]
    assert s.start.tolist() == [0, 2] and s.count.tolist() == [2, 2]
    # Top 10% of 2 values: ⌈0.2⌉ = 1 per group, the largest.
    assert s.top(0.10).tolist() == [True, False, True, False]


# --- property test against pandas ----------------------------------------------------------

CATEGORY_POOL = ["丙", "a", "b", "甲"]
QUALIFIER_POOL = [None, "exact", "approx", "at_least", "at_most"]


@st.composite
def frames(draw):
    n = draw(st.integers(0, 60))
    kinds = draw(st.lists(st.sampled_from(["cat", "year", "text"]), min_size=1, max_size=3))
    data = {}
    for i, kind in enumerate(kinds):
        name = f"k{i}"
        if kind == "cat":
            categories = draw(st.permutations(CATEGORY_POOL))
            cells = draw(st.lists(st.sampled_from([*categories[:3], None]), min_size=n, max_size=n))
            data[name] = pd.Categorical(cells, categories=categories)
        elif kind == "year":
            cells = draw(
                st.lists(st.sampled_from([2021, 2022, 2023, None]), min_size=n, max_size=n)
            )
            data[name] = pd.array(cells, dtype="Int64")
        else:
            cells = draw(st.lists(st.sampled_from(["x", "y", "乙", None]), min_size=n, max_size=n))
            data[name] = pd.Series(cells, dtype=draw(st.sampled_from(["str", "object"])))
    number = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))
    data["v"] = pd.Series(draw(st.lists(number, min_size=n, max_size=n)), dtype="float64")
    quals = draw(st.lists(st.sampled_from(QUALIFIER_POOL), min_size=n, max_size=n))
    data["q"] = pd.Series(quals, dtype="object")
    rows = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    return pd.DataFrame(data), [f"k{i}" for i in range(len(kinds))], rows


def expected_qualifier(values, quals, missing):
    """A group's sum qualifier, one row at a time (independent of the bit masks)."""
    codes = []
    for value, qual in zip(values, quals, strict=True):
        if math.isnan(value):
            if missing is not None:
                codes.append(missing)
        else:
            codes.append("exact" if qual is None else qual)
    return combine_sum(codes) if codes else "exact"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_groups_agree_with_pandas(case):
    frame, keys, rows = case
    groups = Groups(frame, keys)
    ref = reference(frame, keys)
    sizes = ref.size()
    want_keys = sizes.reset_index()[keys]

    # Same groups, same order, same key values and dtypes. An object-typed text key is the
    # one known dtype difference (see test_object_key_dtype_matches_pandas_without_blanks):
    # its values are still compared here.
    lenient = [k for k in keys if frame[k].dtype == object]
    strict = [k for k in keys if k not in lenient]
    pd.testing.assert_frame_equal(groups.keys[strict], want_keys[strict], check_column_type=False)
    pd.testing.assert_frame_equal(
        groups.keys[lenient], want_keys[lenient], check_dtype=False, check_column_type=False
    )
    assert groups.n == len(want_keys)
    np.testing.assert_array_equal(groups.size(), sizes.to_numpy())

    # Row numbering: every row's group holds its keys (checked via group sizes by gid).
    assert len(groups.gid) == len(frame)
    np.testing.assert_array_equal(np.bincount(groups.gid, minlength=groups.n), groups.size())

    sums, count = groups.sum(frame["v"])
    np.testing.assert_allclose(sums, ref["v"].sum(min_count=1).to_numpy(), rtol=1e-12)
    np.testing.assert_array_equal(count, ref["v"].count().to_numpy())

    for q in (0.0, 0.25, 0.5, 0.75, 1.0):
        got = groups.quantiles(frame["v"], {"q": q})["q"]
        np.testing.assert_allclose(got, ref["v"].quantile(q).to_numpy(), rtol=1e-12, atol=1e-9)

    kept_sums, kept_count = groups.sum(frame["v"], rows)
    # Qualifiers and top 10% per group, from plain Python over each group's rows.
    out = groups.sum_with_qualifier(frame["v"], frame["q"], "v")
    ordered = groups.sorted_known(frame["v"])
    top = ordered.top(0.10)
    top_sums = np.bincount(ordered.gid[top], weights=ordered.values[top], minlength=groups.n)
    parts = list(ref)  # groupby iterates its groups in the same order, blank groups too
    assert len(parts) == groups.n
    for number, (_, part) in enumerate(parts):
        values, quals = part["v"].tolist(), part["q"].tolist()
        assert out["v_qualifier"][number] == expected_qualifier(values, quals, "at_least")
        assert out["v_known_qualifier"][number] == expected_qualifier(values, quals, None)
        known = sorted((v for v in values if not math.isnan(v)), reverse=True)
        want_top = sum(known[: math.ceil(len(known) / 10)])
        assert top_sums[number] == pytest.approx(want_top, rel=1e-12, abs=1e-6)
        # rows=: only the kept rows count; a group that keeps no known value is NaN.
        kept = [v for v in part["v"][rows[part.index]] if not math.isnan(v)]
        assert kept_count[number] == len(kept)
        if kept:
            assert kept_sums[number] == pytest.approx(sum(kept), rel=1e-12, abs=1e-6)
        else:
            assert math.isnan(kept_sums[number])


def test_many_key_combinations_use_the_sorted_path():
    # Three keys of 300 distinct values each: (300 + 1)³ ≈ 27.3 million possible combinations,
    # above the 2²⁴ dense-table limit, so group numbers come from np.unique. The order must
    # still be pandas' (the keys sorted, level by level).
    rng = np.random.default_rng(7)
    n = 500
    f = pd.DataFrame({f"k{i}": rng.permutation(np.arange(n) % 300) for i in range(3)})
    f["v"] = rng.normal(size=n)
    g = Groups(f, ["k0", "k1", "k2"])
    ref = reference(f, ["k0", "k1", "k2"])
    assert _DENSE_LIMIT < 301**3
    want = ref.size().reset_index()[["k0", "k1", "k2"]]
    pd.testing.assert_frame_equal(g.keys, want, check_column_type=False)
    np.testing.assert_array_equal(g.size(), ref.size().to_numpy())
    np.testing.assert_allclose(g.sum(f["v"])[0], ref["v"].sum().to_numpy(), rtol=1e-12)


def test_keys_whose_combinations_overflow_int64_still_match_pandas():
    # Four keys of up to 2^20 values each: 2^80 combinations, more than an int64 holds, so
    # the group code is renumbered on the way; the groups must still be pandas' groups.
    rng = np.random.default_rng(0)
    f = pd.DataFrame({k: rng.integers(0, 2**20, 3000) for k in "abcd"})
    groups = Groups(f, list("abcd"))
    want = f.groupby(list("abcd"), sort=True).size().reset_index()
    pd.testing.assert_frame_equal(groups.keys, want[list("abcd")], check_column_type=False)
    assert groups.size().tolist() == want[0].tolist()


def test_chunked_passes_equal_one_pass(monkeypatch):
    """Above two chunks a view's row passes run chunk by chunk on threads; the counts are
    the same, the sums the same to rounding, and the same on every run."""
    import analysis.indicators._groups as module

    rng = np.random.default_rng(11)
    n = 10_001
    frame = pd.DataFrame({"g": rng.integers(0, 7, n), "v": rng.random(n) * 1e6})
    frame.loc[rng.random(n) < 0.2, "v"] = np.nan
    rows = rng.random(n) < 0.6
    bits = rng.integers(0, 8, n)
    groups = Groups(frame, ["g"])
    whole = (groups.size(), groups.count(rows), groups.sum(frame["v"], rows), groups.masks(bits))
    monkeypatch.setattr(module, "_CHUNK_ROWS", 97)  # 104 chunks
    chunked = (groups.size(), groups.count(rows), groups.sum(frame["v"], rows), groups.masks(bits))
    again = groups.sum(frame["v"], rows)
    np.testing.assert_array_equal(chunked[0], whole[0])
    np.testing.assert_array_equal(chunked[1], whole[1])
    np.testing.assert_allclose(chunked[2][0], whole[2][0], rtol=1e-12)
    np.testing.assert_array_equal(chunked[2][1], whole[2][1])
    np.testing.assert_array_equal(chunked[3], whole[3])
    np.testing.assert_array_equal(again[0], chunked[2][0])  # same chunks, same order
    # By hand from the rows: group 0's size and its known, kept values.
    in_zero = frame["g"].to_numpy() == 0
    assert chunked[0][0] == in_zero.sum()
    kept = in_zero & rows & frame["v"].notna().to_numpy()
    assert chunked[2][1][0] == kept.sum()


def test_chunked_group_numbers_equal_one_pass(monkeypatch):
    """Group numbers built chunk by chunk (ten million rows make several chunks) are the
    ones built in one pass, for categorical, integer (with blanks) and text keys."""
    import analysis.indicators._groups as module

    rng = np.random.default_rng(5)
    n = 5_003
    frame = pd.DataFrame(
        {
            "c": pd.Categorical(rng.choice(["甲", "乙", None], n), categories=["乙", "甲"]),
            "y": pd.array(rng.choice([2021, 2023, None], n), dtype="Int64"),
            "t": pd.Series(rng.choice(["x", "y", "z"], n), dtype="str"),
        }
    )
    for keys in (["c"], ["c", "y"], ["y", "t", "c"]):
        whole = Groups(frame, keys)
        monkeypatch.setattr(module, "_CHUNK_ROWS", 101)
        chunked = Groups(frame, keys)
        monkeypatch.undo()
        np.testing.assert_array_equal(chunked.gid, whole.gid)
        pd.testing.assert_frame_equal(chunked.keys, whole.keys)
        want = frame.groupby(keys, sort=True, dropna=False, observed=True).size()
        np.testing.assert_array_equal(chunked.size(), want.to_numpy())


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="no fork on this platform")
def test_a_forked_child_makes_its_own_row_threads(monkeypatch):
    """The rows' thread pool does not survive a fork (its threads stay in the parent): a
    child that groups many rows must not wait on threads it does not have."""
    import os

    import analysis.indicators._groups as module

    monkeypatch.setattr(module, "_CHUNK_ROWS", 4)
    frame = pd.DataFrame({"g": np.arange(40) % 3})
    assert Groups(frame, ["g"]).size().tolist() == [14, 13, 13]  # the pool now exists
    assert module._POOL
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        code = 0 if not module._POOL and Groups(frame, ["g"]).size().tolist() == [14, 13, 13] else 1
        os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), rows_kept=st.booleans(), categorical=st.booleans())
def test_sum_with_qualifier_in_one_pass_equals_its_parts(seed, rows_kept, categorical, monkeypatch):
    """The one-pass sum, count and masks (``_summed``) against ``sum`` and ``masks`` of
    ``row_bits``, on chunks of 50 rows so that several go to the threads: the same sums to
    the bit (the same chunks, added in the same order) and the same masks."""
    monkeypatch.setattr("analysis.indicators._groups._CHUNK_ROWS", 50)
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    values = pd.Series(np.where(rng.random(n) < 0.2, np.nan, rng.normal(size=n) * 1e6))
    codes = rng.choice(["exact", "approx", "at_least", "at_most", None], size=n)
    quals = pd.Series(pd.Categorical(codes) if categorical else codes.astype(object))
    frame = pd.DataFrame({"g": rng.integers(0, 7, size=n)})
    groups = Groups(frame, ["g"])
    rows = rng.random(n) < 0.6 if rows_kept else None
    sums, count, masks = groups._summed(values, quals, rows)
    want_sums, want_count = groups.sum(values, rows)
    np.testing.assert_array_equal(sums, want_sums)
    np.testing.assert_array_equal(count, want_count)
    np.testing.assert_array_equal(masks, groups.masks(row_bits(values, quals).to_numpy(), rows))
