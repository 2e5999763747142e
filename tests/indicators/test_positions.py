"""Tests for analysis.indicators._positions (conversions matched to signings by row)."""

import numpy as np
import pandas as pd
import pytest

from analysis.errors import IndicatorInputError, UserError
from analysis.indicators._positions import (
    first_at_positions,
    signing_positions,
    sum_at_positions,
)
from analysis.schema import QUALIFIERS


@pytest.mark.parametrize("dtype", ["str", "object", "category"])
def test_positions_for_each_id_dtype(dtype):
    signings = pd.Series(["S1", "S2", "S3"], dtype=dtype)
    named = pd.Series(["S3", "S1", "S3", "S2"], dtype=dtype)
    # S3 is row 2, S1 row 0, S2 row 1 of the signings
    assert signing_positions(signings, named).tolist() == [2, 0, 2, 1]


@pytest.mark.parametrize(
    ("signing_dtype", "named_dtype"),
    [("category", "str"), ("str", "category"), ("category", "object"), ("object", "str")],
)
def test_mixed_dtypes_compare_as_text(signing_dtype, named_dtype):
    # The conversions' categorical has other categories (and another order) than the
    # signings' column: only the text counts. S2 is row 1, S1 row 0.
    signings = pd.Series(pd.Categorical(["S1", "S2"], categories=["S2", "S1"]))
    signings = signings.astype(signing_dtype) if signing_dtype != "category" else signings
    named = pd.Series(["S2", "S1"], dtype="object")
    named = (
        pd.Series(pd.Categorical(named, categories=["S1", "S2", "S9"]))
        if named_dtype == "category"
        else named.astype(named_dtype)
    )
    assert signing_positions(signings, named).tolist() == [1, 0]


def test_blank_signing_ids_are_skipped():
    # Row 1 of the signings has no id; S2 is then row 2 and the blank never matches.
    signings = pd.Series(["S1", None, "S2"], dtype="object")
    assert signing_positions(signings, pd.Series(["S2", "S1"])).tolist() == [2, 0]


def test_full_width_id_is_not_the_ascii_id():
    # The loader normalises ids (NFKC); this function compares the text as given, so a
    # full-width "Ｓ１" does not match "S1" and is reported as an orphan.
    signings = pd.Series(["S1", "S2"], dtype="str")
    with pytest.raises(IndicatorInputError, match="Ｓ１"):
        signing_positions(signings, pd.Series(["Ｓ１"], dtype="str"))


def test_orphan_id_is_named():
    signings = pd.Series(["S1", "S2"], dtype="str")
    with pytest.raises(IndicatorInputError, match="1 个签约编号在签约表中不存在（S9）") as info:
        signing_positions(signings, pd.Series(["S1", "S9", "S9"], dtype="str"))
    # A user-facing error: the CLI prints it without a traceback.
    assert isinstance(info.value, UserError)


def test_orphans_are_listed_sorted_and_capped_at_five():
    signings = pd.Series(["S1"], dtype="str")
    named = pd.Series(["X7", "X2", "X6", "X1", "X5", "X3", "X4"], dtype="str")
    # 7 orphans counted; the first five in sorted order are shown, X6 and X7 are not.
    with pytest.raises(IndicatorInputError, match=r"7 个.*（X1, X2, X3, X4, X5）"):
        signing_positions(signings, named)


def test_orphan_against_empty_signings():
    with pytest.raises(IndicatorInputError, match="（X）"):
        signing_positions(pd.Series([], dtype="str"), pd.Series(["X"], dtype="str"))


def test_repeated_signing_id_named_by_a_conversion():
    signings = pd.Series(["S1", "S2", "S2"], dtype="str")
    with pytest.raises(IndicatorInputError, match="签约编号重复（S2）"):
        signing_positions(signings, pd.Series(["S1", "S2"], dtype="str"))


def test_repeated_signing_id_no_conversion_names_is_not_an_error():
    # Documented: only named ids are looked up, so S1's repetition goes unseen here
    # (load_ledger rejects it earlier). S2 is row 2.
    signings = pd.Series(["S1", "S1", "S2"], dtype="str")
    assert signing_positions(signings, pd.Series(["S2"], dtype="str")).tolist() == [2]


@pytest.mark.parametrize("dtype", ["str", "object"])
def test_blank_named_id_is_an_error(dtype):
    signings = pd.Series(["S1", "S2"], dtype="str")
    # A blank id is an orphan; the message shows it as "nan" (str(NaN)) for a str column.
    with pytest.raises(IndicatorInputError, match="1 个签约编号在签约表中不存在"):
        signing_positions(signings, pd.Series(["S1", None], dtype=dtype))


def test_blank_named_id_does_not_match_the_text_nan():
    # A signing whose id is literally "nan" is not what a blank conversion id names.
    signings = pd.Series(["nan", "S1"], dtype="str")
    with pytest.raises(IndicatorInputError):
        signing_positions(signings, pd.Series([None], dtype="str"))
    # The text "nan" does match it: row 0.
    assert signing_positions(signings, pd.Series(["nan"], dtype="str")).tolist() == [0]


def test_empty_signings_and_conversions():
    out = signing_positions(pd.Series([], dtype="str"), pd.Series([], dtype="str"))
    assert out.tolist() == []
    assert out.dtype == np.int64


def test_no_conversions_gives_empty_positions():
    out = signing_positions(pd.Series(["S1"], dtype="str"), pd.Series([], dtype="object"))
    assert out.tolist() == []


def test_sum_at_positions_hand_case():
    positions = np.array([0, 0, 1, 1, 3, 3, 3])
    values = pd.Series([1.0, 2.0, np.nan, np.nan, 10.0, 20.0, np.nan])
    quals = pd.Series(["exact", "approx", None, None, "exact", "at_least", None])
    sums, qual = sum_at_positions(positions, 5, values, quals)
    # slot 0: 1 + 2 = 3, exact+approx → approx
    # slot 1: both blank → NaN, qualifier from the blank rows → at_least
    # slot 2: no row names it → NaN, no qualifier
    # slot 3: 10 + 20 = 30, exact+at_least+blank → at_least
    # slot 4: nobody → NaN, no qualifier
    np.testing.assert_array_equal(sums, [3.0, np.nan, np.nan, 30.0, np.nan])
    assert qual.astype(object).tolist()[:2] == ["approx", "at_least"]
    assert pd.isna(qual[2]) and pd.isna(qual[4])
    assert qual[3] == "at_least"
    assert list(qual.categories) == list(QUALIFIERS)


def test_sum_at_positions_missing_ignored():
    positions = np.array([0, 0, 1])
    values = pd.Series([5.0, np.nan, np.nan])
    quals = pd.Series(["exact", None, None])
    sums, qual = sum_at_positions(positions, 2, values, quals, missing=None)
    # slot 0: the blank row is ignored → 5 exact; slot 1: only a blank → NaN, exact
    np.testing.assert_array_equal(sums, [5.0, np.nan])
    assert qual.astype(object).tolist() == ["exact", "exact"]


def test_sum_at_positions_without_qualifiers_is_exact():
    sums, qual = sum_at_positions(np.array([1, 1]), 2, pd.Series([2.5, 0.5]), None)
    # slot 1: 2.5 + 0.5 = 3.0; no qualifier column → exact
    np.testing.assert_array_equal(sums, [np.nan, 3.0])
    assert pd.isna(qual[0]) and qual[1] == "exact"


def test_sum_at_positions_at_most_and_at_least_conflict():
    sums, qual = sum_at_positions(
        np.array([0, 0]), 1, pd.Series([1.0, 1.0]), pd.Series(["at_least", "at_most"])
    )
    # A lower and an upper bound summed: the error can go either way, so approx
    # (rule of analysis.quantities.combine_sum).
    assert sums.tolist() == [2.0]
    assert qual[0] == "approx"


def test_sum_at_positions_empty():
    sums, qual = sum_at_positions(
        np.array([], dtype="int64"), 2, pd.Series([], dtype="float64"), None
    )
    assert np.isnan(sums).all() and len(sums) == 2
    assert qual.isna().all()


def test_first_at_positions_hand_case():
    positions = np.array([0, 0, 1, 1, 3])
    dates = pd.Series(
        pd.to_datetime(["2023-05-01", "2023-02-01", None, None, "2022-12-31"]), dtype=object
    )
    out = first_at_positions(positions, 4, dates)
    # slot 0: earlier of 05-01 and 02-01; slot 1: only NaT rows → NaT;
    # slot 2: nobody → NaT; slot 3: its one date.
    expected = np.array(["2023-02-01", "NaT", "NaT", "2022-12-31"], dtype="datetime64[ns]")
    np.testing.assert_array_equal(out, expected)


def test_first_at_positions_nat_beside_a_date():
    positions = np.array([0, 0])
    dates = pd.Series([pd.NaT, pd.Timestamp("2024-01-02")])
    # The NaT row must not win the minimum (NaT is int64 min internally).
    out = first_at_positions(positions, 1, dates)
    assert out[0] == np.datetime64("2024-01-02")


def test_first_at_positions_empty():
    out = first_at_positions(np.array([], dtype="int64"), 3, pd.Series([], dtype="datetime64[ns]"))
    assert np.isnat(out).all() and len(out) == 3


def test_first_at_positions_date_beyond_nanosecond_range():
    # pandas 3 parses "2300-01-01" as datetime64[us]; in nanoseconds it overflows int64.
    dates = pd.to_datetime(pd.Series(["2300-01-01"]))
    assert dates.dtype == "datetime64[us]"
    # Refused, not wrapped around to 1715 as a cast to nanoseconds would do.
    with pytest.raises(pd.errors.OutOfBoundsDatetime):
        first_at_positions(np.array([0]), 1, dates)
