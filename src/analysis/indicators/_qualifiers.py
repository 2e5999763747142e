"""Vectorised qualifier propagation over groups, built on the rules of ``analysis.quantities``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.quantities import combine_ratio, combine_sum

#: One bit per qualifier code; a group's qualifiers are the OR of its rows' bits.
BITS = {"exact": 1, "approx": 2, "at_least": 4, "at_most": 8}
#: Bit for a row whose value is missing (counted as "at least" in a sum of non-negative values).
MISSING = 16
MASK_COLUMN = "_qualifier_mask"
#: Up to this many rows, ratio qualifiers are combined in a plain loop.
_PER_ROW_LIMIT = 20_000


def bit_codes(qualifiers: pd.Series | None) -> tuple[np.ndarray | None, np.ndarray]:
    """Each row's code of a distinct qualifier, and the bit of each code (``row_bits``
    without the blank values): ``table[codes]``. No codes when there are no qualifiers.

    Examples:
        >>> codes, table = bit_codes(pd.Series(["approx", None, "approx"]))
        >>> table[codes].tolist()
        [2, 1, 2]
    """
    if qualifiers is None:
        return None, np.ones(1, dtype="int8")
    # Map the few distinct codes, not every row (fast for str, categorical and object).
    if isinstance(qualifiers.dtype, pd.CategoricalDtype):
        # A loaded qualifier column is categorical: its codes need no hashing.
        codes, uniques = qualifiers.cat.codes.to_numpy(), qualifiers.cat.categories
    else:
        codes, uniques = pd.factorize(qualifiers, use_na_sentinel=True)
    # Code -1 (a blank qualifier) picks the trailing 1: exact.
    return codes, np.array([BITS.get(str(u), 1) for u in uniques] + [1], dtype="int8")


def row_bits(values: pd.Series, qualifiers: pd.Series | None) -> pd.Series:
    """Return one int8 bit code per row: the row's qualifier bit, or ``MISSING``.

    A present value without a qualifier counts as exact.

    Examples:
        >>> row_bits(pd.Series([1.0, None, 3.0]), pd.Series(["approx", "exact", None])).tolist()
        [2, 16, 1]
    """
    codes, table = bit_codes(qualifiers)
    bits = table[codes] if codes is not None else np.ones(len(values), dtype="int8")
    bits = np.where(values.isna().to_numpy(), np.int8(MISSING), bits).astype("int8")
    return pd.Series(bits, index=values.index)


def _codes(mask: int) -> list[str]:
    return [code for code, bit in BITS.items() if mask & bit]


def mask_qualifier(masks: pd.Series, missing: str | None = "at_least") -> pd.Series:
    """Turn group masks into the qualifier of a sum, via ``combine_sum``.

    Args:
        masks: Per-group OR of ``row_bits`` (see ``Groups.masks``).
        missing: How a missing value in the group counts: ``"at_least"`` for sums of
            non-negative values (the true total can only be larger), ``None`` to ignore it
            (means and order statistics over the known values).

    Examples:
        >>> mask_qualifier(pd.Series([1, 1 | 4, 1 | MISSING])).tolist()
        ['exact', 'at_least', 'at_least']
        >>> mask_qualifier(pd.Series([1 | MISSING]), missing=None).tolist()
        ['exact']
    """
    index = masks.index if isinstance(masks, pd.Series) else None
    masks = np.asarray(masks, dtype="int64")
    if missing is None:
        effective = masks & ~MISSING
    else:
        effective = (masks & ~MISSING) | np.where(masks & MISSING, BITS[missing], 0)
    # Per distinct mask (a handful), not per group: numpy all the way for short tables.
    distinct, inverse = np.unique(effective, return_inverse=True)
    labels = np.array(
        [combine_sum(_codes(int(m))) if _codes(int(m)) else "exact" for m in distinct],
        dtype=object,
    )
    return pd.Series(labels[inverse.reshape(-1)], index=index, dtype="object")


def ratio_qualifier(numerator: pd.Series, denominator: pd.Series | str) -> pd.Series:
    """Qualifier of ``numerator / denominator`` row by row, via ``combine_ratio``.

    Examples:
        >>> ratio_qualifier(pd.Series(["at_least", "exact"]), "exact").tolist()
        ['at_least', 'exact']
    """
    num = numerator.astype("object").fillna("exact")
    if len(num) <= _PER_ROW_LIMIT:
        # Per-group tables are short: a loop with a memo beats building frames to map.
        if isinstance(denominator, str):
            den = [denominator] * len(num)
        else:
            den = denominator.astype("object").fillna("exact").tolist()
        memo: dict[tuple[str, str], str] = {}
        out = []
        for pair in zip(num.tolist(), den, strict=True):
            if pair not in memo:
                memo[pair] = combine_ratio(*pair)
            out.append(memo[pair])
        return pd.Series(out, index=num.index, dtype="object")
    if isinstance(denominator, str):
        den = pd.Series(denominator, index=num.index, dtype="object")
    else:
        den = denominator.astype("object").fillna("exact")
    pairs = pd.DataFrame({"n": num.to_numpy(), "d": den.to_numpy()}, index=num.index)
    table = {(n, d): combine_ratio(n, d) for n, d in pairs.drop_duplicates().itertuples(False)}
    return _map_pairs(pairs, table)


def _map_pairs(pairs: pd.DataFrame, table: dict) -> pd.Series:
    joined = pairs.iloc[:, 0].astype(str) + "|" + pairs.iloc[:, 1].astype(str)
    lookup = {f"{a}|{b}": value for (a, b), value in table.items()}
    return joined.map(lookup).astype("object")


#: The direction of a bound flips when a figure is subtracted.
NEGATED = {"exact": "exact", "approx": "approx", "at_least": "at_most", "at_most": "at_least"}


def difference_qualifier(minuend: pd.Series, subtrahend: pd.Series) -> pd.Series:
    """Qualifier of ``minuend - subtrahend`` row by row (a sum with the second bound flipped).

    Examples:
        >>> difference_qualifier(pd.Series(["at_least"]), pd.Series(["exact"])).tolist()
        ['at_least']
        >>> difference_qualifier(pd.Series(["exact"]), pd.Series(["at_least"])).tolist()
        ['at_most']
    """
    a = minuend.astype("object").fillna("exact")
    b = subtrahend.astype("object").fillna("exact").map(NEGATED)
    pairs = pd.DataFrame({"a": a.to_numpy(), "b": b.to_numpy()}, index=a.index)
    table = {(x, y): combine_sum([x, y]) for x, y in pairs.drop_duplicates().itertuples(False)}
    return _map_pairs(pairs, table)
