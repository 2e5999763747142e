"""Peer position: each programme's percentile among the programmes reporting the same figure."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.indicators._common import as_float
from analysis.indicators._statistics import normalise

#: A peer group: the same figure for the same period (never a year against a span).
PEER_KEYS = ("period", "measure", "breakdown")
PEER_COLUMNS = ("percentile", "percentile_qualifier", "peers", "rank")


def percentile_ranks(
    table: pd.DataFrame, keys: Sequence[str] = PEER_KEYS, entity: str = "programme"
) -> pd.DataFrame:
    """Add each row's percentile among the rows of its peer group (same ``keys``).

    Rule (mid-rank percentile): in a group of ``n`` ≥ 2 entities with a value, an entity with
    ``L`` peers strictly below it and ``T`` other peers equal to it has percentile
    ``100 × (L + T / 2) ÷ (n − 1)``: the lowest is 0, the highest 100, the middle of an odd
    group 50, and tied entities share the mean of the places they occupy (two tied at the
    top of three: 75 each). ``rank`` is 1 for the highest value (ties share the best rank).
    A group of one gets no percentile (blank) and ``peers`` 1. Values rank at the number
    written: a bound (5万余, 不到300) or an approximate value (近300) makes the percentile of
    every entity of its group ``approx``; an entity listed twice in a group counts once (its
    first row).

    Args:
        table: Rows with ``value``, ``qualifier``, ``entity`` and ``keys`` columns.
        keys: Columns that make a peer group.
        entity: The column naming who is ranked.

    Returns:
        ``table`` with ``percentile`` (0–100, float), ``percentile_qualifier``, ``peers``
        (group size, Int64) and ``rank`` (Int64) added; rows without a value get blanks.

    Examples:
        >>> t = pd.DataFrame({"programme": list("ABCD"), "period": "2023",
        ...     "measure": "deals_signed", "breakdown": "", "value": [10.0, 30.0, 30.0, 5.0],
        ...     "qualifier": ["exact", "exact", "exact", "exact"]})
        >>> r = percentile_ranks(t)
        >>> r.assign(percentile=r["percentile"].round(1))[
        ...     ["programme", "percentile", "rank", "peers"]].values.tolist()
        [['A', 33.3, 3, 4], ['B', 83.3, 1, 4], ['C', 83.3, 1, 4], ['D', 0.0, 4, 4]]
    """
    out = table.copy()
    value = as_float(out["value"])
    keys = list(keys)
    present = value.notna() & ~out.duplicated([*keys, entity], keep="first")
    work = out.loc[present, keys].assign(_v=value[present])
    groups = work.groupby(keys, sort=False, dropna=False)["_v"]
    # rank(method="min") counts the peers strictly below (+1); "max" adds the ties.
    low = groups.rank(method="min") - 1
    high = groups.rank(method="max") - 1
    n = groups.transform("size")
    ties = high - low
    pct = (low + ties / 2) / (n - 1) * 100
    out["percentile"] = pct.where(n >= 2).reindex(out.index)
    qual = out.loc[present, "qualifier"].astype("object").fillna("exact")
    bounded = (qual != "exact").groupby([work[k] for k in keys], sort=False, dropna=False)
    any_bound = bounded.transform("any")
    out["percentile_qualifier"] = (
        pd.Series(np.where(any_bound, "approx", "exact"), index=work.index)
        .where(n >= 2)
        .reindex(out.index)
    )
    out["peers"] = n.reindex(out.index).astype("Int64")
    best = groups.rank(method="min", ascending=False)
    out["rank"] = best.reindex(out.index).astype("Int64")
    return out


def peer_percentiles(
    statistics: pd.DataFrame,
    measures: Sequence[str] | None = None,
    *,
    period: str | None = None,
) -> pd.DataFrame:
    """Each programme's percentile on each figure among programmes reporting it (peer position).

    As benchmarking services such as AUTM's STATT set an institution among its peers: the
    peer group of a row is every programme with the same measure, breakdown and period (a
    2023 figure is ranked among 2023 figures only). The percentile rule, ties and qualifiers
    are those of ``percentile_ranks``.

    Args:
        statistics: A statistics long table of many programmes (pass ``with_derived`` output
            for rates and means).
        measures: Measure codes to rank (default: all).
        period: Only this period (``"2023"``, ``"2021-2023"``).

    Returns:
        Columns programme, period, measure, breakdown, value, unit, qualifier, percentile,
        percentile_qualifier, peers, rank; groups of one programme are left out.

    Examples:
        >>> s = pd.DataFrame({"programme": ["A", "B", "C"], "period": "2023",
        ...     "measure": "events_held", "value": [4.0, 12.0, 8.0], "source": "s"})
        >>> peer_percentiles(s)[["programme", "percentile"]].values.tolist()
        [['B', 100.0], ['C', 50.0], ['A', 0.0]]
    """
    stats = normalise(statistics)
    stats = stats[stats["value"].notna()]
    if measures is not None:
        stats = stats[stats["measure"].isin(list(measures))]
    if period is not None:
        stats = stats[stats["period"] == str(period)]
    ranked = percentile_ranks(stats)
    ranked = ranked[ranked["peers"].fillna(0) >= 2]
    ranked = ranked.sort_values([*PEER_KEYS, "rank"], kind="stable")
    columns = ["programme", *PEER_KEYS[:1], "measure", "breakdown", "value", "unit", "qualifier"]
    return ranked[[*columns, *PEER_COLUMNS]].reset_index(drop=True)
