"""Grouping dimensions encoded once per loaded column (sorted integer codes), shared by views."""

from __future__ import annotations

import weakref
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.ledger import Ledger

#: id of a loaded text column's immutable Arrow array → (weak reference to the array,
#: (codes, sorted distinct values)). An entry goes when its column goes; every view over the
#: same column shares one encoding. (Arrow arrays compare by value, so they cannot be keys.)
_ENCODED: dict[int, tuple[weakref.ref, tuple[np.ndarray, pd.Index]]] = {}

#: Text columns a view may group by, per ledger table (what ``encode_dimensions`` prepares).
TEXT_DIMENSIONS = {
    "signings": ("programme", "region", "field"),
    "events": ("programme", "region"),
    "fiveg_cases": ("programme", "region", "division_code"),
}


def _arrow_key(column: pd.Series) -> object | None:
    """The column's Arrow array if it has one (stable while the column lives), else None."""
    array = getattr(column.array, "_pa_array", None)
    return array if array is not None else None


def factorized(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Codes (−1 for blank) and the sorted distinct values of a text column, computed once.

    A loaded Arrow-backed column is hashed the first time a view needs it; later views (and
    shallow copies such as ``DataFrame.assign``) reuse the result. Other columns are
    factorized each time.

    Examples:
        >>> codes, values = factorized(pd.Series(["b", "a", None, "b"], dtype="str"))
        >>> codes.tolist(), values.tolist()
        ([1, 0, -1, 1], ['a', 'b'])
    """
    key = _arrow_key(column)
    if key is not None:
        hit = _ENCODED.get(id(key))
        if hit is not None and hit[0]() is key:
            return hit[1]
    codes, uniques = pd.factorize(column, sort=True, use_na_sentinel=True)
    # The smallest signed type that holds the codes and −1: a byte a row for a few cities.
    width = next(
        t for t in (np.int8, np.int16, np.int32, np.int64) if len(uniques) < np.iinfo(t).max
    )
    result = (codes.astype(width, copy=False), pd.Index(uniques))
    if key is not None:
        number = id(key)
        _ENCODED[number] = (weakref.ref(key, lambda _ref: _ENCODED.pop(number, None)), result)
    return result


def as_category(column: pd.Series) -> pd.Series:
    """A text column as a categorical of its sorted values (as ``astype("category")``).

    Examples:
        >>> as_category(pd.Series(["南昌", "九江", "南昌"], dtype="str")).cat.codes.tolist()
        [1, 0, 1]
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column
    codes, values = factorized(column)
    dtype = pd.CategoricalDtype(values)
    return pd.Series(
        pd.Categorical.from_codes(codes, dtype=dtype, validate=False),
        index=column.index,
        name=column.name,
    )


def encode_dimensions(ledger: Ledger, tables: Iterable[str] | None = None) -> None:
    """Encode the ledger's text dimensions now, so that no view pays for it later.

    Optional: a view encodes what it needs on first use anyway. Calling this right after
    loading moves that cost to the load, as a database does when it stores a table.

    Examples:
        >>> s = pd.DataFrame({"region": pd.Series(["南昌"], dtype="str")})
        >>> encode_dimensions(Ledger(signings=s))
        >>> factorized(s["region"])[1].tolist()
        ['南昌']
    """
    for name in TEXT_DIMENSIONS if tables is None else tables:
        frame = getattr(ledger, name)
        for column in TEXT_DIMENSIONS.get(name, ()):
            if column in frame and _arrow_key(frame[column]) is not None:
                factorized(frame[column])
