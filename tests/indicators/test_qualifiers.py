"""Tests for analysis.indicators._qualifiers: group-wise qualifier propagation."""

import pandas as pd

from analysis.indicators._qualifiers import (
    MISSING,
    difference_qualifier,
    mask_qualifier,
    ratio_qualifier,
    row_bits,
)


def test_row_bits_marks_missing_values_and_defaults_to_exact():
    values = pd.Series([1.0, 2.0, None, 4.0])
    quals = pd.Series(["at_least", None, "approx", "at_most"])
    # bits: at_least=4, blank qualifier on a present value=exact=1, missing value=16, at_most=8
    assert row_bits(values, quals).tolist() == [4, 1, MISSING, 8]


def test_sum_rule_through_masks():
    masks = pd.Series([1, 1 | 4, 4 | 8, 2 | 1, 1 | MISSING, 8 | MISSING])
    # exact; exact+at_least → at_least; at_least+at_most → approx; approx wins;
    # a blank in a sum of non-negative values → at least; at_most + blank → approx
    assert mask_qualifier(masks).tolist() == [
        "exact",
        "at_least",
        "approx",
        "approx",
        "at_least",
        "approx",
    ]
    # ignoring blanks (means over the known values): the blank does not count
    assert mask_qualifier(masks, missing=None).tolist()[-2:] == ["exact", "at_most"]


def test_ratio_rule_rowwise():
    num = pd.Series(["at_least", "exact", "approx", "at_least", "exact"])
    den = pd.Series(["exact", "at_least", "exact", "at_least", "exact"])
    # at_least/exact → at_least; exact/at_least → at_most; approx → approx;
    # same-direction bounds → approx; exact/exact → exact
    assert ratio_qualifier(num, den).tolist() == [
        "at_least",
        "at_most",
        "approx",
        "approx",
        "exact",
    ]


def test_ratio_of_empty_series_is_empty():
    assert ratio_qualifier(pd.Series([], dtype="object"), "exact").empty


def test_difference_flips_the_bound_of_what_is_subtracted():
    a = pd.Series(["at_least", "exact", "at_least", "exact"])
    b = pd.Series(["exact", "at_least", "at_least", "at_most"])
    # x≥ − exact ≥; exact − y≥ ≤; x≥ − y≥ unknown direction → approx; exact − y≤ ≥
    assert difference_qualifier(a, b).tolist() == ["at_least", "at_most", "approx", "at_least"]
