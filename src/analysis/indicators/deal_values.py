"""Deal values: totals, means, quartiles and concentration of signed contract values."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.indicators._common import (
    as_float,
    empty_long,
    is_statistics,
    ledger_table,
    safe_ratio,
    to_long,
    with_dims,
)
from analysis.indicators._groups import GroupedKnown, Groups, SortedGroups
from analysis.indicators._qualifiers import mask_qualifier, ratio_qualifier, row_bits
from analysis.indicators._statistics import Ratio, derive
from analysis.indicators.funnel import DIMENSIONS, deal_stages
from analysis.ledger import Ledger
from analysis.measures import MEASURES

MEASURE_CODES = (
    "deals_valued",
    "deal_value",
    "deal_value_mean",
    "deal_value_q1",
    "deal_value_median",
    "deal_value_q3",
    "top10_share",
    "converted_value",
    "converted_value_mean",
)
#: Share of deals counted as "the top" for ``top10_share``.
TOP_SHARE = 0.10
#: Ratios derived from a statistics table.
RULES = (
    Ratio("deal_value_mean", "deal_value", "deals_signed"),
    Ratio("converted_value_mean", "converted_value", "deals_converted"),
)


def top_share(frame: pd.DataFrame, keys: Sequence[str], column: str) -> pd.DataFrame:
    """Share (percent) of the group's known total held by its largest ⌈10% × n⌉ values.

    Returns keys + ``top10_share`` and ``top10_share_qualifier`` (``combine_ratio`` of the
    top sum's and the total's qualifiers); groups without a known value are left out.

    Examples:
        >>> f = pd.DataFrame({"g": ["a"] * 3, "v": [60.0, 30.0, 10.0]})
        >>> top_share(f, ["g"], "v")[["top10_share", "top10_share_qualifier"]].values.tolist()
        [[60.0, 'exact']]
    """
    groups = Groups(frame, keys)
    values = as_float(frame[column])
    ordered = groups.ranked_known(values)
    out = groups.keys.assign(
        **_top_share(groups, ordered, values, frame.get(f"{column}_qualifier"))
    )
    out = out[ordered.count > 0].reset_index(drop=True)
    return out[[*keys, "top10_share", "top10_share_qualifier"]]


def _top_share(
    groups: Groups,
    ordered: SortedGroups | GroupedKnown,
    values,
    qualifiers,
    rows: np.ndarray | None = None,
) -> dict[str, object]:
    """``rows``: the mask ``ordered`` was ranked among (its positions count those rows)."""
    top = ordered.top(TOP_SHARE)
    top_sum = np.bincount(ordered.gid[top], weights=ordered.values[top], minlength=groups.n)
    total = np.bincount(ordered.gid, weights=ordered.values, minlength=groups.n)
    bits = row_bits(values, qualifiers).to_numpy()
    bits = (bits if rows is None else bits[rows])[ordered.rows]
    masks = np.zeros(groups.n, dtype="int8"), np.zeros(groups.n, dtype="int8")
    np.bitwise_or.at(masks[0], ordered.gid[top], bits[top])
    np.bitwise_or.at(masks[1], ordered.gid, bits)
    # A group without known values has no qualifier bits: read it as exact (its share is NaN).
    top_q, total_q = (mask_qualifier(pd.Series(np.where(m == 0, 1, m))) for m in masks)
    return {
        "top10_share": safe_ratio(pd.Series(top_sum), pd.Series(total), 100).to_numpy(),
        "top10_share_qualifier": ratio_qualifier(top_q, total_q).to_numpy(),
    }


def deal_values(
    data: Ledger | pd.DataFrame,
    by: str | Sequence[str] = ("programme", "year"),
    *,
    include_intentions: bool = False,
) -> pd.DataFrame:
    """Contract values of signed deals per group: total, mean, quartiles, concentration.

    From a ``Ledger`` (values in yuan; the figures layer shows 万元/亿元):
    ``deals_valued`` counts deals with a value; ``deal_value`` sums them (a blank value
    makes the total "at least"); ``deal_value_mean`` = total of known values ÷
    ``deals_valued``; ``deal_value_q1``/``median``/``q3`` are quartiles with linear
    interpolation (qualifier by the sum rule, as order statistics move with every input);
    ``top10_share`` is the percent of the known total held by the largest ⌈10% × n⌉ deals;
    ``converted_value`` sums landed amounts of converted deals and
    ``converted_value_mean`` divides it by the converted deals with a landed amount.

    From a statistics long table: the deal-value measures as reported plus
    ``deal_value_mean`` = deal_value ÷ deals_signed and ``converted_value_mean`` =
    converted_value ÷ deals_converted.

    Args:
        data: A ``Ledger`` or a statistics long table.
        by: Ledger only: among ``programme``, ``mode``, ``region``, ``field``, ``year``,
            ``quarter``, ``month``; ``()`` for one total.
        include_intentions: Also count deals still at the intention stage.

    Examples:
        >>> s = pd.DataFrame({"signing_id": ["S1", "S2"], "stage": ["signed", "signed"],
        ...     "date": pd.to_datetime(["2023-01-01", "2023-02-01"]),
        ...     "value": [1e6, 3e6], "value_qualifier": ["exact", "approx"]})
        >>> out = deal_values(Ledger(signings=s), by=()).set_index("measure")
        >>> float(out.loc["deal_value_mean", "value"]), out.loc["deal_value_mean", "qualifier"]
        (2000000.0, 'approx')
    """
    if is_statistics(data):
        codes = [c for c, m in MEASURES.items() if m.group == "deal_values"]
        return derive(data, codes, RULES)
    ledger_table(data, "signings", "deal_values")
    return deal_values_from_stages(deal_stages(data), by, include_intentions=include_intentions)


def deal_values_from_stages(
    stages: pd.DataFrame,
    by: str | Sequence[str] = ("programme", "year"),
    *,
    include_intentions: bool = False,
) -> pd.DataFrame:
    """``deal_values`` on the output of ``deal_stages`` (reuse one for many views).

    Examples:
        >>> s = pd.DataFrame({"signing_id": ["S1"], "stage": ["signed"], "value": [2e6],
        ...                   "date": pd.to_datetime(["2023-01-01"])})
        >>> out = deal_values_from_stages(deal_stages(Ledger(signings=s)), by=())
        >>> out.set_index("measure")["value"]["deal_value"]
        np.float64(2000000.0)
    """
    frame, keys = with_dims(stages, by, DIMENSIONS, "deal_values")
    # The deals counted are picked by a mask, not copied out: at ten million deals the
    # copy of their columns cost more than the sums over them.
    counted = np.ones(len(frame), dtype=bool)
    if not include_intentions:
        counted = frame["signed"].to_numpy(dtype=bool)
    if not counted.any():
        return empty_long(keys)
    groups = Groups(frame, keys)
    value = as_float(frame["value"])
    quals = frame.get("value_qualifier")
    agg = groups.keys.assign(**groups.sum_with_qualifier(value, quals, "deal_value", rows=counted))
    # One ranking by group (a selection in each of few groups, else one sort) serves the
    # quartiles and the top-10% share.
    ordered = groups.ranked_known(value, rows=counted)
    quartiles = {"deal_value_q1": 0.25, "deal_value_median": 0.5, "deal_value_q3": 0.75}
    for code, level in quartiles.items():
        agg[code] = ordered.quantile(level)
    for name, column in _top_share(groups, ordered, value, quals, rows=counted).items():
        agg[name] = column
    landed = groups.sum_with_qualifier(
        frame["converted_value"],
        frame.get("converted_value_qualifier"),
        "converted_value",
        rows=frame["converted"].to_numpy(dtype=bool) & counted,
    )
    for name, column in landed.items():
        agg[name] = column
    # Only groups with a deal counted, as if the other deals had never been there.
    agg = agg[groups.count(counted) > 0].reset_index(drop=True)
    return finish_deal_values(agg, keys)


def finish_deal_values(agg: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Deal values' long table from per-group sums, qualifiers, quartiles and top shares.

    ``agg`` holds the keys, ``deal_value``/``converted_value`` with their ``_n``,
    ``_qualifier`` and ``_known_qualifier`` columns, the three quartiles and
    ``top10_share`` with its qualifier (any engine).
    """
    agg["deals_valued"] = agg["deal_value_n"].astype("float64")
    agg["deals_valued_qualifier"] = "exact"
    agg["deal_value_mean"] = safe_ratio(agg["deal_value"], agg["deal_value_n"])
    agg["deal_value_mean_qualifier"] = ratio_qualifier(agg["deal_value_known_qualifier"], "exact")
    for code in ("deal_value_q1", "deal_value_median", "deal_value_q3"):
        agg[f"{code}_qualifier"] = agg["deal_value_known_qualifier"]
    agg["converted_value_mean"] = safe_ratio(
        agg["converted_value"], pd.Series(agg["converted_value_n"].to_numpy())
    )
    agg["converted_value_mean_qualifier"] = ratio_qualifier(
        pd.Series(agg["converted_value_known_qualifier"].to_numpy()), "exact"
    ).to_numpy()
    return to_long(agg, keys, MEASURE_CODES)
