"""Signing-to-conversion funnel: intention → signed → converted, rates and time to landing."""

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
from analysis.indicators._groups import Groups
from analysis.indicators._positions import (
    first_at_positions,
    signing_positions,
    sum_at_positions,
)
from analysis.indicators._statistics import Ratio, derive
from analysis.ledger import Ledger, signed_stage
from analysis.measures import MEASURES

#: Dimensions ``by`` may name (all taken from the signing, so a deal stays in its cohort).
DIMENSIONS = (
    "programme",
    "mode",
    "contract_type",
    "region",
    "field",
    "year",
    "quarter",
    "month",
)
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
    """Signings with ``signed``/``converted`` flags, first landing date and landed amount.

    A deal counts as signed when its stage is ``signed`` or when it has landed (a landing
    implies a contract); it counts as converted when the conversions table names it.
    ``converted_value`` sums the deal's landed amounts (all tranches; a blank tranche makes
    it "at least"), with ``converted_value_qualifier``.

    Raises:
        IndicatorInputError: when a conversion names a signing that is not in the ledger,
            or a signing id that two signings share. (Repeated ids no conversion names
            are not looked for here: ``load_ledger`` rejects every repeated id.)

    Examples:
        >>> s = pd.DataFrame({"signing_id": ["S1", "S2"], "stage": ["intention", "signed"],
        ...                   "date": pd.to_datetime(["2023-01-01", "2023-02-01"])})
        >>> c = pd.DataFrame({"signing_id": ["S2"], "date": pd.to_datetime(["2023-03-03"]),
        ...                   "value": [5e5]})
        >>> d = deal_stages(Ledger(signings=s, conversions=c))
        >>> d[["signed", "converted", "days_to_conversion", "converted_value"]].values.tolist()
        [[False, False, nan, nan], [True, True, 30.0, 500000.0]]
    """
    signings = ledger.signings
    conversions = ledger.conversions
    n = len(signings)
    pos = signing_positions(signings["signing_id"], conversions["signing_id"])
    if "value" in conversions:
        value = as_float(conversions["value"])
    else:
        value = pd.Series(np.nan, index=conversions.index)
    value, qualifier = sum_at_positions(pos, n, value, conversions.get("value_qualifier"))
    landing = first_at_positions(pos, n, conversions["date"])
    # A landing of unknown date (the ledger says 已落地 but not when) still converts the deal.
    converted = np.zeros(n, dtype=bool)
    converted[pos[pos >= 0]] = True
    # Whole days (floored, as Timedelta.days) for converted deals only: most deals are not.
    dates = signings["date"]
    if not pd.api.types.is_datetime64_dtype(dates.dtype):
        dates = pd.to_datetime(dates)
    signed_on = dates.to_numpy()[converted].astype("datetime64[ns]")
    elapsed = landing[converted] - signed_on
    days = np.full(n, np.nan)
    days[converted] = np.where(
        np.isnat(elapsed), np.nan, elapsed.view("int64") // 86_400_000_000_000
    )
    signed = signed_stage(signings["stage"]) | converted

    def column(values) -> pd.Series:
        # The arrays are new: wrapped as they are, not copied again (a deal column is
        # as long as the signings, ten million rows in a national roll-up).
        return pd.Series(values, index=signings.index, copy=False)

    return signings.assign(
        signed=column(signed),
        converted=column(converted),
        landing_date=column(landing),
        days_to_conversion=column(days),
        converted_value=column(value),
        converted_value_qualifier=column(qualifier),
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
    return funnel_from_stages(deal_stages(data), by)


def funnel_from_stages(stages: pd.DataFrame, by: str | Sequence[str] = ("programme", "year")):
    """``funnel`` on the output of ``deal_stages`` (reuse one ``deal_stages`` for many views).

    Examples:
        >>> s = pd.DataFrame({"signing_id": ["S1"], "stage": ["signed"],
        ...                   "date": pd.to_datetime(["2023-01-01"])})
        >>> stages = deal_stages(Ledger(signings=s))
        >>> funnel_from_stages(stages, by=()).set_index("measure")["value"]["deals_signed"]
        np.float64(1.0)
    """
    frame, keys = with_dims(stages, by, DIMENSIONS, "funnel")
    if frame.empty:
        return empty_long(keys)
    groups = Groups(frame, keys)
    agg = groups.keys.assign(
        deals_intention=groups.size(),
        deals_signed=groups.count(frame["signed"].to_numpy(dtype=bool)),
        deals_converted=groups.count(frame["converted"].to_numpy(dtype=bool)),
        **groups.quantiles(
            frame["days_to_conversion"],
            {
                "days_to_conversion_q1": 0.25,
                "days_to_conversion_median": 0.5,
                "days_to_conversion_q3": 0.75,
            },
        ),
    )
    return finish_funnel(agg, keys)


def finish_funnel(agg: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The funnel's long table from its per-group counts and day quartiles (any engine)."""
    agg["signing_rate"] = safe_ratio(agg["deals_signed"], agg["deals_intention"], 100)
    agg["conversion_rate"] = safe_ratio(agg["deals_converted"], agg["deals_signed"], 100)
    agg["intention_conversion_rate"] = safe_ratio(
        agg["deals_converted"], agg["deals_intention"], 100
    )
    # Counts and dates are exact, so every funnel figure from a ledger is exact.
    for code in MEASURE_CODES:
        agg[f"{code}_qualifier"] = "exact"
    return to_long(agg, keys, MEASURE_CODES)
