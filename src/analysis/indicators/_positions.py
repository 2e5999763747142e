"""Conversions matched to their signings by row position, and per-signing sums over them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from analysis.errors import IndicatorInputError
from analysis.indicators._dense_ids import dense_positions
from analysis.indicators._qualifiers import MISSING, mask_qualifier, row_bits
from analysis.ledger import id_text
from analysis.schema import QUALIFIERS


def signing_positions(signing_ids: pd.Series, named_ids: pd.Series) -> np.ndarray:
    """Row position in ``signing_ids`` of each id in ``named_ids``.

    Ids of one length are read as numbers and looked up in a table (``dense_positions``).
    Otherwise only the distinct named ids are hashed, and the signing ids are looked up
    among them (Arrow's ``index_in``), so that a national ledger of ten million signings
    is not hashed into a table of its own.

    Raises:
        IndicatorInputError: a named id that no signing has, or that two signings share.

    Examples:
        >>> s = pd.Series(["S1", "S2", "S3"], dtype="str")
        >>> signing_positions(s, pd.Series(["S3", "S1", "S3"])).tolist()
        [2, 0, 2]
    """
    signing_text, named_text = id_text(signing_ids), id_text(named_ids)
    if (positions := dense_positions(signing_text, named_text)) is not None:
        return positions  # ids of one length, all found: no hashing at all
    encoded = pc.dictionary_encode(named_text.combine_chunks())
    codes = pc.fill_null(encoded.indices, -1).to_numpy().astype("int64", copy=False)
    uniques = encoded.dictionary
    found = np.full(len(uniques) + 1, -1, dtype="int64")  # last slot: blank ids
    if len(signing_ids):
        hit = pc.index_in(signing_text, value_set=uniques)
        hit = pc.fill_null(hit, -1).to_numpy().astype("int64", copy=False)
        rows = np.flatnonzero(hit >= 0)
        matched = hit[rows]
        counts = np.bincount(matched, minlength=len(uniques))
        if (counts > 1).any():
            repeated = [str(u) for u in np.asarray(uniques)[counts > 1][:5]]
            raise IndicatorInputError(
                f"签约表中签约编号重复（{', '.join(repeated)}）: signing_id must be unique"
            )
        found[matched] = rows
    positions = found[codes]  # code -1 (blank id) reads the trailing -1
    if (positions < 0).any():
        missing = named_ids.to_numpy(dtype=object)[positions < 0]
        orphans = sorted({str(v) for v in missing})
        raise IndicatorInputError(
            f"转化落地表中 {len(orphans)} 个签约编号在签约表中不存在（{', '.join(orphans[:5])}）: "
            "each conversion must name a signing_id of the signings table"
        )
    return positions


def sum_at_positions(
    positions: np.ndarray,
    size: int,
    values: pd.Series,
    qualifiers: pd.Series | None,
    *,
    missing: str | None = "at_least",
) -> tuple[np.ndarray, pd.Categorical]:
    """Sum ``values`` into ``size`` slots by ``positions``, with the qualifier of each sum.

    The integer counterpart of ``sum_with_qualifier`` for keys that are row positions:
    a slot no row names is NaN with no qualifier; a slot whose rows are all blank is NaN;
    a blank value makes the slot's sum "at least" (see ``mask_qualifier``).

    Examples:
        >>> v = pd.Series([1.0, 2.0, None, 4.0])
        >>> q = pd.Series(["exact", "approx", None, "exact"])
        >>> sums, quals = sum_at_positions(np.array([0, 0, 2, 3]), 4, v, q)
        >>> sums.tolist(), list(quals.astype(object))
        ([3.0, nan, nan, 4.0], ['approx', nan, 'at_least', 'exact'])
    """
    numbers = values.to_numpy(dtype="float64", na_value=np.nan)
    known = ~np.isnan(numbers)
    # float already, but for no known value at all (numpy's bincount then counts in int).
    sums = np.bincount(positions[known], weights=numbers[known], minlength=size)
    sums = sums.astype(float, copy=False)
    masks = np.zeros(size, dtype="int8")
    np.bitwise_or.at(masks, positions, row_bits(values, qualifiers).to_numpy())
    # A known value sets a qualifier bit, a blank one only MISSING: a slot without any
    # qualifier bit has no known value, and no sum.
    sums[(masks & ~MISSING) == 0] = np.nan
    categories = list(QUALIFIERS)
    # Label the few masks that occur (of 32), then look every slot's code up (mask 0, a
    # slot no row names, has none).
    occurring = np.flatnonzero(np.bincount(masks, minlength=2 * MISSING)[1:]) + 1
    lookup = np.full(2 * MISSING, -1, dtype="int8")
    labels = mask_qualifier(pd.Series(occurring), missing=missing)
    lookup[occurring] = [categories.index(label) for label in labels]
    return sums, pd.Categorical.from_codes(lookup[masks], categories=categories)


def first_at_positions(positions: np.ndarray, size: int, dates: pd.Series) -> np.ndarray:
    """Earliest of ``dates`` in each of ``size`` slots (``NaT`` where no row names a slot).

    Examples:
        >>> d = pd.to_datetime(pd.Series(["2023-03-01", "2023-01-01", None]))
        >>> first_at_positions(np.array([1, 1, 0]), 3, d).astype(str).tolist()
        ['NaT', '2023-01-01T00:00:00.000000000', 'NaT']
    """
    # as_unit refuses (OutOfBoundsDatetime) a date nanoseconds cannot hold, where a cast
    # would wrap it around silently.
    stamps = pd.Series(pd.to_datetime(dates)).dt.as_unit("ns").to_numpy().view("int64")
    latest = np.iinfo("int64").max
    # NaT is the smallest int64, so blank dates are lifted above every real date first.
    stamps = np.where(stamps == np.iinfo("int64").min, latest, stamps)
    first = np.full(size, latest, dtype="int64")
    np.minimum.at(first, positions, stamps)
    first[first == latest] = np.iinfo("int64").min
    return first.view("datetime64[ns]")
