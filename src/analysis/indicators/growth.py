"""Year-on-year change of any measure in a long indicator or statistics table."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.errors import IndicatorInputError
from analysis.indicators._common import as_float, safe_ratio
from analysis.indicators._qualifiers import difference_qualifier, ratio_qualifier

#: Columns that never identify a series (they describe one observation).
_NOT_KEYS = ("value", "qualifier", "quantity_text", "source", "quote")
GROWTH_COLUMNS = (
    "value",
    "qualifier",
    "previous",
    "previous_qualifier",
    "change",
    "change_qualifier",
    "change_pct",
    "change_pct_qualifier",
)


def _years(period: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(period):
        return period.astype("Float64").round().astype("Int64")
    text = period.astype("string").str.strip()
    single = text.str.fullmatch(r"\d{4}").fillna(False).astype(bool)
    return pd.to_numeric(text.where(single), errors="coerce").astype("Int64")


def growth(
    table: pd.DataFrame,
    *,
    period: str | None = None,
    keys: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Change of each series from the previous calendar year.

    A series is a set of rows sharing ``keys`` (by default every column except the period,
    value, qualifier and text columns: e.g. programme, measure, breakdown, unit). For each
    row whose period is a single year Y and whose series also has year Y − 1:
    ``change`` = value − previous (qualifier: a sum with the previous bound flipped, so
    "at least" minus exact is "at least" and exact minus "at least" is "at most") and
    ``change_pct`` = (value ÷ previous − 1) × 100 (``combine_ratio``; blank when the previous
    value is 0). Periods that are not one year (``2015-2021``, ``2023-10-28``) are skipped.

    Args:
        table: A statistics long table (``period`` column) or an indicator table
            (``year`` column), with ``value`` and ``qualifier``.
        period: The period column; ``period`` or ``year`` is found by default.
        keys: Columns identifying a series.

    Returns:
        ``keys`` + the period column + value, qualifier, previous, previous_qualifier,
        change, change_qualifier, change_pct, change_pct_qualifier; sorted by keys, period.

    Examples:
        >>> t = pd.DataFrame({"measure": ["deals_signed"] * 2, "year": [2022, 2023],
        ...                   "value": [100.0, 120.0], "qualifier": ["exact", "at_least"]})
        >>> g = growth(t)
        >>> g[["year", "change", "change_qualifier", "change_pct"]].values.tolist()
        [[2023, 20.0, 'at_least', 20.0]]
    """
    if period is None:
        period = next((c for c in ("period", "year") if c in table), None)
    if period is None or period not in table or "value" not in table:
        raise IndicatorInputError(
            "growth(): the table needs a value column and a period (or year) column; "
            f"got columns {', '.join(map(str, table.columns))}"
        )
    if keys is None:
        keys = [c for c in table.columns if c not in (*_NOT_KEYS, period)]
    keys = list(keys)
    quals = table["qualifier"] if "qualifier" in table else pd.Series("exact", table.index)
    work = table[keys].assign(
        _year=_years(table[period]),
        _period=table[period],
        value=as_float(table["value"]),
        qualifier=quals.astype("object").fillna("exact"),
    )
    work = work[work["_year"].notna()]
    prev = work[[*keys, "_year", "value", "qualifier"]].rename(
        columns={"value": "previous", "qualifier": "previous_qualifier"}
    )
    prev = prev.assign(_year=prev["_year"] + 1)
    # merge matches a blank key with a blank key, so totals (blank breakdown) pair up too.
    joined = work.merge(prev, on=[*keys, "_year"], how="inner")
    joined["change"] = joined["value"] - joined["previous"]
    joined["change_qualifier"] = difference_qualifier(
        joined["qualifier"], joined["previous_qualifier"]
    )
    joined["change_pct"] = safe_ratio(joined["change"], joined["previous"], 100)
    joined["change_pct_qualifier"] = ratio_qualifier(
        joined["qualifier"], joined["previous_qualifier"]
    ).where(joined["change_pct"].notna())
    joined = joined.sort_values([*keys, "_year"], kind="stable", na_position="last")
    joined = joined.rename(columns={"_period": period}).reset_index(drop=True)
    return joined[[*keys, period, *GROWTH_COLUMNS]]
