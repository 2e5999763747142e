"""Signing-to-conversion funnel: intention → signed → converted, rates and time to landing."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.indicators._common import (
    IndicatorInputError,
    empty_long,
    group_quantiles,
    grouped,
    is_statistics,
    ledger_table,
    safe_ratio,
    to_long,
    with_dims,
)
from analysis.indicators._statistics import Ratio, derive
from analysis.ledger import Ledger
from analysis.measures import MEASURES

#: Dimensions ``by`` may name (all taken from the signing, so a deal stays in its cohort).
DIMENSIONS = ("programme", "mode", "region", "field", "year", "quarter", "month")
MEASURE_CODES = (
    "deals_intention",
    "deals_signed",
    "deals_converted",
    "signing_rate",
    "conversion_rate",
    "intention_conversion_rate",
    "days_to_conversion_q1",
    "days_to_conversion_median",
    "days_to_conversion_q3",
)
#: Ratios derived from a statistics table (percent).
RULES = (
    Ratio("signing_rate", "deals_signed", "deals_intention", scale=100),
    Ratio("conversion_rate", "deals_converted", "deals_signed", scale=100),
    Ratio("intention_conversion_rate", "deals_converted", "deals_intention", scale=100),
    Ratio("results_conversion_rate", "deals_converted", "results_released", scale=100),
)


def deal_stages(ledger: Ledger) -> pd.DataFrame:
    """Signings with ``signed``/``converted`` flags and the first landing date.

    A deal counts as signed when its stage is ``signed`` or when it has landed (a landing
    implies a contract); it counts as converted when the conversions table names it.

    Raises:
        IndicatorInputError: when a conversion names a signing that is not in the ledger.

    Examples:
        >>> s = pd.DataFrame({"signing_id": ["S1", "S2"], "stage": ["intention", "signed"],
        ...                   "date": pd.to_datetime(["2023-01-01", "2023-02-01"])})
        >>> c = pd.DataFrame({"signing_id": ["S2"], "date": pd.to_datetime(["2023-03-03"])})
        >>> d = deal_stages(Ledger(signings=s, conversions=c))
        >>> d[["signed", "converted", "days_to_conversion"]].values.tolist()
        [[False, False, nan], [True, True, 30.0]]
    """
    signings = ledger.signings
    conversions = ledger.conversions
    landed = (
        conversions.assign(landing_date=pd.to_datetime(conversions["date"]))
        .groupby("signing_id", observed=True, sort=False)["landing_date"]
        .min()
    )
    ids = signings["signing_id"].astype("object")
    orphans = landed.index[~landed.index.isin(ids)]
    if len(orphans):
        shown = ", ".join(map(str, sorted(orphans)[:5]))
        raise IndicatorInputError(
            f"转化落地表中 {len(orphans)} 行的签约编号在签约表中不存在（{shown}）: "
            "each conversion must name a signing_id of the signings table"
        )
    landing = ids.map(landed) if len(landed) else pd.Series(pd.NaT, index=signings.index)
    landing = pd.to_datetime(landing)
    converted = landing.notna()
    stage = signings["stage"].astype("object")
    days = (landing - pd.to_datetime(signings["date"])).dt.days.astype("float64")
    return signings.assign(
        signed=(stage == "signed") | converted,
        converted=converted,
        landing_date=landing,
        days_to_conversion=days,
    )


def funnel(
    data: Ledger | pd.DataFrame, by: str | Sequence[str] = ("programme", "year")
) -> pd.DataFrame:
    """Deals at each stage, stage-to-stage rates and days from signing to landing.

    From a ``Ledger``: ``deals_intention`` counts every signing row (each reached at least
    the intention stage), ``deals_signed`` those signed or landed, ``deals_converted`` those
    named in the conversions table. ``signing_rate`` = signed ÷ intention × 100,
    ``conversion_rate`` = converted ÷ signed × 100, ``intention_conversion_rate`` =
    converted ÷ intention × 100 (percent; left out when the denominator is 0).
    ``days_to_conversion_*`` are the quartiles (linear interpolation) of the days from the
    signing date to the first landing date of converted deals. Groups follow the signing
    (its mode, region, field and year), so a deal landing a year later stays in its cohort.

    From a statistics long table: the funnel measures as reported plus the same rates where
    both counts are reported, and ``results_conversion_rate`` = converted ÷ results released.

    Args:
        data: A ``Ledger`` or a statistics long table.
        by: Ledger only: among ``programme``, ``mode``, ``region``, ``field``, ``year``,
            ``quarter``, ``month``; ``()`` for one total.

    Returns:
        Ledger: the ``by`` columns + measure, value, unit, qualifier. Statistics: the
        statistics columns.

    Examples:
        >>> s = pd.DataFrame({"signing_id": ["S1", "S2"], "stage": ["intention", "signed"],
        ...                   "date": pd.to_datetime(["2023-01-01", "2023-02-01"])})
        >>> out = funnel(Ledger(signings=s), by=())
        >>> out.set_index("measure")["value"].to_dict()
        {'deals_intention': 2.0, 'deals_signed': 1.0, 'deals_converted': 0.0, \
'signing_rate': 50.0, 'conversion_rate': 0.0, 'intention_conversion_rate': 0.0}
    """
    if is_statistics(data):
        codes = [c for c, m in MEASURES.items() if m.group == "funnel"]
        return derive(data, codes, RULES)
    ledger_table(data, "signings", "funnel")
    frame, keys = with_dims(deal_stages(data), by, DIMENSIONS, "funnel")
    if frame.empty:
        return empty_long(keys)
    work = frame[keys].assign(
        _signed=frame["signed"].astype("int64"),
        _converted=frame["converted"].astype("int64"),
        _days=frame["days_to_conversion"],
    )
    g = grouped(work, keys)
    agg = g.agg(
        deals_intention=("_signed", "size"),
        deals_signed=("_signed", "sum"),
        deals_converted=("_converted", "sum"),
    ).reset_index()
    days = group_quantiles(
        work,
        keys,
        "_days",
        {
            "days_to_conversion_q1": 0.25,
            "days_to_conversion_median": 0.5,
            "days_to_conversion_q3": 0.75,
        },
    )
    agg = agg.merge(days, on=keys, how="left", validate="one_to_one")
    agg["signing_rate"] = safe_ratio(agg["deals_signed"], agg["deals_intention"], 100)
    agg["conversion_rate"] = safe_ratio(agg["deals_converted"], agg["deals_signed"], 100)
    agg["intention_conversion_rate"] = safe_ratio(
        agg["deals_converted"], agg["deals_intention"], 100
    )
    # Counts and dates are exact, so every funnel figure from a ledger is exact.
    for code in MEASURE_CODES:
        agg[f"{code}_qualifier"] = "exact"
    return to_long(agg, keys, MEASURE_CODES)
