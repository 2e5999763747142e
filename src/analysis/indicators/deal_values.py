"""Deal values: totals, means, quartiles and concentration of signed contract values."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.indicators._common import (
    as_float,
    empty_long,
    group_quantiles,
    grouped,
    is_statistics,
    ledger_table,
    safe_ratio,
    sum_with_qualifier,
    to_long,
    with_dims,
)
from analysis.indicators._qualifiers import group_masks, mask_qualifier, ratio_qualifier, row_bits
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
    top sum's and the total's qualifiers).

    Examples:
        >>> f = pd.DataFrame({"g": ["a"] * 3, "v": [60.0, 30.0, 10.0]})
        >>> top_share(f, ["g"], "v")[["top10_share", "top10_share_qualifier"]].values.tolist()
        [[60.0, 'exact']]
    """
    values = as_float(frame[column])
    present = values.notna().to_numpy()
    columns = [*keys, column, *(c for c in [f"{column}_qualifier"] if c in frame)]
    known = frame[columns][present]
    g = grouped(known[list(keys)], keys)
    gid = g.ngroup().to_numpy()
    out = g.size().rename("_n").reset_index()  # group order = ngroup order (sort=True)
    v = values.to_numpy()[present]
    bits = row_bits(known[column], known.get(f"{column}_qualifier")).to_numpy()
    # Sort by group, then value descending, with numpy: no shuffling of the text columns.
    by_value = np.argsort(-v, kind="stable")
    order = by_value[np.argsort(gid[by_value], kind="stable")]
    gid_sorted = gid[order]
    n = np.bincount(gid, minlength=len(out))
    starts = np.concatenate([[0], np.cumsum(n)[:-1]])
    rank = np.arange(len(order)) - starts[gid_sorted]
    top = rank < np.ceil(TOP_SHARE * n[gid_sorted])
    out["_top"] = np.bincount(gid_sorted[top], weights=v[order][top], minlength=len(out))
    out["_total"] = np.bincount(gid, weights=v, minlength=len(out))
    top_bits = pd.Series(bits[order][top])
    all_bits = pd.Series(bits)
    ids = pd.DataFrame({"_g": gid_sorted[top]})
    top_masks = group_masks(ids, top_bits).set_index("_g")["_qualifier_mask"]
    all_masks = group_masks(pd.DataFrame({"_g": gid}), all_bits).set_index("_g")["_qualifier_mask"]
    out["_top_qualifier"] = mask_qualifier(top_masks.reindex(range(len(out))).fillna(1))
    out["_total_qualifier"] = mask_qualifier(all_masks.reindex(range(len(out))).fillna(1))
    out["top10_share"] = safe_ratio(out["_top"], out["_total"], 100)
    out["top10_share_qualifier"] = ratio_qualifier(out["_top_qualifier"], out["_total_qualifier"])
    return out[[*keys, "top10_share", "top10_share_qualifier"]]


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
    stages, keys = with_dims(stages, by, DIMENSIONS, "deal_values")
    # Keep only the columns used before filtering rows: long text columns are costly to copy.
    needed = ["value", "value_qualifier", "converted", "converted_value"]
    needed = [*keys, *(c for c in [*needed, "converted_value_qualifier"] if c in stages)]
    frame = stages[needed]
    if not include_intentions:
        frame = frame[stages["signed"].to_numpy()]
    if frame.empty:
        return empty_long(keys)
    agg = sum_with_qualifier(frame, keys, "value", out="deal_value")
    agg["deals_valued"] = agg["deal_value_n"].astype("float64")
    agg["deals_valued_qualifier"] = "exact"
    agg["deal_value_mean"] = safe_ratio(agg["deal_value"], agg["deal_value_n"])
    agg["deal_value_mean_qualifier"] = ratio_qualifier(agg["deal_value_known_qualifier"], "exact")
    quartiles = {"deal_value_q1": 0.25, "deal_value_median": 0.5, "deal_value_q3": 0.75}
    work = frame[keys].assign(_v=as_float(frame["value"]))
    agg = agg.merge(group_quantiles(work, keys, "_v", quartiles), on=keys, how="left")
    for code in quartiles:
        agg[f"{code}_qualifier"] = agg["deal_value_known_qualifier"]
    agg = agg.merge(top_share(frame, keys, "value"), on=keys, how="left")

    landed = frame[frame["converted"]]
    converted = sum_with_qualifier(landed, keys, "converted_value")
    converted["converted_value_mean"] = safe_ratio(
        converted["converted_value"], converted["converted_value_n"]
    )
    converted["converted_value_mean_qualifier"] = ratio_qualifier(
        converted["converted_value_known_qualifier"], "exact"
    )
    agg = agg.merge(
        converted[
            [
                *keys,
                "converted_value",
                "converted_value_qualifier",
                "converted_value_mean",
                "converted_value_mean_qualifier",
            ]
        ],
        on=keys,
        how="left",
    )
    return to_long(agg, keys, MEASURE_CODES)
