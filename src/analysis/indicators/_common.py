"""Shared plumbing for the indicator families: inputs, grouping dimensions, long output."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from analysis.errors import IndicatorInputError
from analysis.indicators._dims import as_category
from analysis.indicators._groups import Groups
from analysis.ledger import Ledger
from analysis.measures import MEASURES
from analysis.schema import TABLES

#: Columns every indicator table ends with, after its grouping columns.
LONG_COLUMNS = ("measure", "value", "unit", "qualifier")
#: Columns of the statistics long table.
STAT_COLUMNS = TABLES["statistics"].names
_ALL = "_all"


def is_statistics(data: object) -> bool:
    """Whether ``data`` is a statistics long table rather than a ledger.

    Examples:
        >>> is_statistics(pd.DataFrame(columns=list(STAT_COLUMNS)))
        True
        >>> is_statistics(Ledger())
        False
    """
    return isinstance(data, pd.DataFrame) and {"measure", "value", "programme", "period"} <= set(
        data.columns
    )


def ledger_table(data: object, name: str, function: str) -> pd.DataFrame:
    """Return table ``name`` of a ``Ledger``, or raise a clear error for anything else.

    Examples:
        >>> ledger_table(Ledger(), "events", "engagement").empty
        True
    """
    if isinstance(data, Ledger):
        return getattr(data, name)
    raise IndicatorInputError(
        f"{function}() takes a Ledger or a statistics long table "
        f"(columns {', '.join(STAT_COLUMNS)}); got {type(data).__name__}"
    )


def as_float(column: pd.Series) -> pd.Series:
    """Return a quantity column as float64 (empty ledger tables hold object columns).

    Examples:
        >>> as_float(pd.Series([], dtype="object")).dtype
        dtype('float64')
    """
    if column.dtype == "float64":
        return column
    return pd.to_numeric(column, errors="coerce").astype("float64")


def year_of(frame: pd.DataFrame) -> pd.Series:
    """Return the ``year`` column as Int64, filled from ``date`` where it is blank.

    Examples:
        >>> f = pd.DataFrame({"year": [pd.NA, 2021], "date": pd.to_datetime(["2023-10-28", None])})
        >>> year_of(f).tolist()
        [2023, 2021]
    """
    if "year" not in frame:
        year = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    elif frame["year"].dtype == "Int64":
        year = frame["year"]
    else:
        year = pd.to_numeric(frame["year"], errors="coerce").astype("Int64")
    blank = year.isna().to_numpy()
    if "date" in frame and blank.any():
        # Only the blank years are read from the date: a loaded ledger has few of them.
        dates = pd.to_datetime(frame["date"][blank])
        year = year.copy()
        year[blank] = dates.dt.year.astype("Int64").to_numpy()
    return year


def _period_text(frame: pd.DataFrame, freq: str) -> pd.Series:
    dates = pd.to_datetime(frame["date"]) if "date" in frame else pd.Series(pd.NaT, frame.index)
    year = dates.dt.year.astype("Int64").astype("string")
    if freq == "quarter":
        return year + "Q" + dates.dt.quarter.astype("Int64").astype("string")
    return year + "-" + dates.dt.month.astype("Int64").astype("string").str.zfill(2)


def with_dims(
    frame: pd.DataFrame, by: str | Sequence[str], allowed: Iterable[str], function: str
) -> tuple[pd.DataFrame, list[str]]:
    """Add the grouping columns named in ``by`` and return the frame with the key list.

    ``year`` is filled from ``date`` where blank; ``quarter`` (``2023Q4``) and ``month``
    (``2023-10``) are derived from ``date``. With ``by=()`` everything is one group.

    Raises:
        IndicatorInputError: naming a dimension the table does not have.

    Examples:
        >>> f = pd.DataFrame({"date": pd.to_datetime(["2023-10-28"]), "year": [pd.NA]})
        >>> out, keys = with_dims(f, "quarter", ["year", "quarter"], "engagement")
        >>> keys, out["quarter"].tolist()
        (['quarter'], ['2023Q4'])
    """
    names = [by] if isinstance(by, str) else list(by)
    allowed = tuple(allowed)
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise IndicatorInputError(
            f"{function}(): cannot group by {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(allowed)}"
        )
    if len(set(names)) != len(names):
        raise IndicatorInputError(f"{function}(): by={names!r} repeats a dimension")
    extra: dict[str, pd.Series] = {}
    for name in names:
        if name == "year":
            extra[name] = year_of(frame)
        elif name in ("quarter", "month"):
            extra[name] = _period_text(frame, name)
    for name in names:
        column = extra[name] if name in extra else frame.get(name)
        if column is None:
            raise IndicatorInputError(f"{function}(): the table has no column {name!r}")
        if pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column):
            # Text keys become integer codes, hashed once per loaded column and shared by
            # every view (see _dims); every aggregate after this works on the codes.
            extra[name] = as_category(column)
    if not names:
        extra[_ALL] = pd.Series(0, index=frame.index, dtype="int8")
        names = [_ALL]
    return (frame.assign(**extra) if extra else frame), names


def public_keys(keys: Sequence[str]) -> list[str]:
    """Drop the internal single-group key.

    Examples:
        >>> public_keys(["_all"]), public_keys(["region"])
        ([], ['region'])
    """
    return [k for k in keys if k != _ALL]


def grouped(frame: pd.DataFrame, keys: Sequence[str]):
    """``frame.groupby(keys)`` with the options every family uses.

    Examples:
        >>> grouped(pd.DataFrame({"g": ["b", "a"], "v": [1, 2]}), ["g"])["v"].sum().tolist()
        [2, 1]
    """
    return frame.groupby(list(keys), observed=True, dropna=False, sort=True)


def sum_with_qualifier(
    frame: pd.DataFrame,
    keys: Sequence[str],
    column: str,
    *,
    out: str | None = None,
    missing: str | None = "at_least",
) -> pd.DataFrame:
    """Sum ``column`` per group: keys + ``<out>``, ``<out>_qualifier``, ``<out>_n``.

    The sum is NaN when no row of the group has a value. ``<out>_n`` counts the rows with a
    value. A missing value makes the sum "at least" (quantities here are non-negative)
    unless ``missing=None``; ``<out>_known_qualifier`` ignores missing rows (for means).

    Examples:
        >>> f = pd.DataFrame({"g": ["a", "a", "b"], "v": [1.0, None, 2.0],
        ...                   "v_qualifier": ["exact", "exact", "approx"]})
        >>> s = sum_with_qualifier(f, ["g"], "v")
        >>> s[["g", "v", "v_qualifier", "v_n"]].values.tolist()
        [['a', 1.0, 'at_least', 1], ['b', 2.0, 'approx', 1]]
    """
    return sums_with_qualifiers(frame, keys, {column: out or column}, missing=missing)


def sums_with_qualifiers(
    frame: pd.DataFrame,
    keys: Sequence[str],
    columns: dict[str, str],
    *,
    missing: str | None = "at_least",
) -> pd.DataFrame:
    """``sum_with_qualifier`` for several columns, on group numbers computed once.

    Args:
        frame: Rows with the key columns, the value columns and their ``_qualifier`` columns.
        keys: Grouping columns.
        columns: Value column → output name.
        missing: See ``sum_with_qualifier``.

    Examples:
        >>> f = pd.DataFrame({"g": ["a", "a"], "x": [1.0, 2.0], "y": [5.0, None],
        ...                   "x_qualifier": ["exact", "at_least"]})
        >>> s = sums_with_qualifiers(f, ["g"], {"x": "x", "y": "y"})
        >>> s[["x", "x_qualifier", "y", "y_qualifier", "y_known_qualifier"]].values.tolist()
        [[3.0, 'at_least', 5.0, 'at_least', 'exact']]
    """
    groups = Groups(frame, keys)
    parts: dict[str, object] = {}
    for column, out in columns.items():
        parts.update(
            groups.sum_with_qualifier(
                as_float(frame[column]), frame.get(f"{column}_qualifier"), out, missing=missing
            )
        )
    return groups.keys.assign(**parts)


def safe_ratio(numerator: pd.Series, denominator: pd.Series, scale: float = 1.0) -> pd.Series:
    """``numerator / denominator * scale``, NaN where the denominator is 0 or missing.

    Examples:
        >>> safe_ratio(pd.Series([1.0, 1.0]), pd.Series([4.0, 0.0]), 100).tolist()
        [25.0, nan]
    """
    num = as_float(numerator)
    den = as_float(denominator)
    den = den.where(den != 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return num / den * scale


def to_long(agg: pd.DataFrame, keys: Sequence[str], measures: Sequence[str]) -> pd.DataFrame:
    """Melt wide per-group results into keys + measure, value, unit, qualifier.

    ``agg`` holds, for each measure code ``m``, columns ``m`` and ``m_qualifier``. Rows whose
    value is undefined (NaN: no data, or a zero denominator) are left out. Order: keys, then
    the order of ``measures``.

    Examples:
        >>> a = pd.DataFrame({"g": ["x"], "events_held": [2.0], "events_held_qualifier": ["exact"]})
        >>> to_long(a, ["g"], ["events_held"]).values.tolist()
        [['x', 'events_held', 2.0, 'event', 'exact']]
    """
    keys = public_keys(keys)
    measures = list(measures)
    if not len(agg) or not measures:
        return _melted(agg, keys, measures)
    flat = agg.reset_index(drop=True)
    # One row per group: the groups in key order (blank last), each with its measures in
    # the given order, is the stable sort of the melted table by keys and measure order.
    order = np.arange(len(flat))
    if keys:
        order = flat[keys].sort_values(keys, kind="stable", na_position="last").index.to_numpy()
    width = len(measures)
    values = np.column_stack([as_float(flat[code]).to_numpy() for code in measures])[order]
    qualifiers = np.column_stack(
        [flat[f"{code}_qualifier"].astype("object").to_numpy() for code in measures]
    )[order]
    which = np.tile(np.arange(width), len(order))
    values, qualifiers = values.ravel(), qualifiers.ravel()
    keep = ~np.isnan(values)
    long = flat[keys].take(np.repeat(order, width)[keep]).reset_index(drop=True)
    which = which[keep]
    long["measure"] = pd.Series(np.array(measures, dtype=object)[which], dtype="object")
    long["value"] = values[keep]
    units = np.array([MEASURES[code].unit for code in measures], dtype=object)
    long["unit"] = pd.Series(units[which], dtype="object")
    long["qualifier"] = pd.Series(qualifiers[keep], dtype="object")
    return long[[*keys, *LONG_COLUMNS]]


def _melted(agg: pd.DataFrame, keys: list[str], measures: list[str]) -> pd.DataFrame:
    """``to_long`` by concatenating one part per measure (for empty inputs)."""
    parts = []
    for order, code in enumerate(measures):
        part = agg[keys].copy()
        part["measure"] = code
        part["value"] = as_float(agg[code]).to_numpy()
        part["unit"] = MEASURES[code].unit
        part["qualifier"] = agg[f"{code}_qualifier"].astype("object").to_numpy()
        part["_order"] = order
        parts.append(part)
    if parts:
        long = pd.concat(parts, ignore_index=True)
    else:
        long = (
            agg[keys]
            .iloc[:0]
            .assign(measure=pd.Series(dtype="object"), value=pd.Series(dtype="float64"), _order=0)
        )
    long = long[long["value"].notna()]
    long = long.sort_values([*keys, "_order"], kind="stable", na_position="last")
    long = long.drop(columns="_order").reset_index(drop=True)
    for name in ("measure", "unit", "qualifier"):
        long[name] = long[name].astype("object") if name in long else pd.Series(dtype="object")
    long["value"] = long["value"].astype("float64")
    return long[[*keys, *LONG_COLUMNS]]


def empty_long(keys: Sequence[str]) -> pd.DataFrame:
    """An empty indicator table with ``keys`` + measure, value, unit, qualifier.

    Examples:
        >>> list(empty_long(["region"]).columns)
        ['region', 'measure', 'value', 'unit', 'qualifier']
    """
    columns = {k: pd.Series(dtype="object") for k in public_keys(keys)}
    columns.update({c: pd.Series(dtype="object") for c in LONG_COLUMNS})
    columns["value"] = pd.Series(dtype="float64")
    return pd.DataFrame(columns)
