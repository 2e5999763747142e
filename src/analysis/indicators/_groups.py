"""Group numbers computed once per view, and the aggregates every indicator family needs."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.indicators._qualifiers import MISSING, bit_codes, mask_qualifier, row_bits

#: Above this many possible key combinations, group numbers come from a sort, not a table.
_DENSE_LIMIT = 1 << 24
#: Up to this many groups, quantiles sort each group's values on their own (a loop per group).
_SEGMENT_LIMIT = 4096
#: Row-wise passes over more rows than two of these run chunk by chunk on several threads
#: (numpy lets go of the GIL in them). The chunks are fixed, and their results are added in
#: order, so a sum is the same number on any machine; their temporaries are small enough
#: for the C allocator to reuse instead of mapping new memory for each.
_CHUNK_ROWS = 1 << 20
_POOL: list[ThreadPoolExecutor] = []
# A forked child (the guarded .xls reader) has none of the parent's threads: it makes its own.
os.register_at_fork(after_in_child=_POOL.clear)


def _by_chunks(rows: int, part: Callable[[slice], object]) -> list:
    """``part`` of each ``_CHUNK_ROWS`` slice of ``rows`` rows, in order (one slice if few).

    Examples:
        >>> _by_chunks(5, lambda s: s)
        [slice(0, 5, None)]
        >>> len(_by_chunks(3 * _CHUNK_ROWS + 1, lambda s: s.stop - s.start))
        4
    """
    if rows < 2 * _CHUNK_ROWS:
        return [part(slice(0, rows))]
    chunks = [slice(i, min(i + _CHUNK_ROWS, rows)) for i in range(0, rows, _CHUNK_ROWS)]
    return on_threads(part, chunks, rows)


def on_threads(work: Callable, tasks: Sequence, rows: int) -> list:
    """``work`` of each task, in order: on the rows' threads when the tasks cover at least
    two ``_CHUNK_ROWS`` of ``rows`` in all, else one after another here.

    Examples:
        >>> on_threads(len, ["ab", "c"], 3)
        [2, 1]
    """
    if rows < 2 * _CHUNK_ROWS or len(tasks) < 2:
        return [work(task) for task in tasks]
    if not _POOL:
        _POOL.append(
            ThreadPoolExecutor(max_workers=min(os.cpu_count() or 1, 8), thread_name_prefix="rows")
        )
    return list(_POOL[0].map(work, tasks))


def _added(parts: list) -> object:
    """The chunks' results added in chunk order (tuples element by element)."""
    if isinstance(parts[0], tuple):
        return tuple(functools.reduce(np.add, column) for column in zip(*parts, strict=True))
    return functools.reduce(np.add, parts)


class _Coder(NamedTuple):
    """One key's codes in groupby order, blank last (``size - 1``), made slice by slice."""

    codes: Callable[[slice], np.ndarray]  # a new int64 array for the rows of a slice
    labels: object
    size: int


def _from_small(small: np.ndarray, labels: object, size: int) -> _Coder:
    """Codes from small integer codes where -1 is blank (categorical or factorized)."""

    def codes(s: slice) -> np.ndarray:
        part = small[s]
        out = part.astype("int64")
        blank = part < 0
        if blank.any():
            out[blank] = size
        return out

    return _Coder(codes, labels, size + 1)


def _integer_coder(column: pd.Series) -> _Coder | None:
    """The coder of integer keys (``Int64`` or plain) spanning a small range, else None.

    The code is the offset from the smallest value, blank last: no hashing (values that do
    not occur take no group, as only occurring combinations are kept).
    """
    if not pd.api.types.is_integer_dtype(column.dtype) or not len(column):
        return None
    if column.isna().all():
        return None
    low, high = int(column.min()), int(column.max())
    if high - low >= _DENSE_LIMIT:
        return None
    size = high - low + 1
    blank = np.iinfo("int64").min
    array = column.array

    def codes(s: slice) -> np.ndarray:
        values = np.asarray(array[s].to_numpy(dtype="int64", na_value=blank))
        out = values - low
        missing = values == blank
        if missing.any():
            out[missing] = size
        return out

    return _Coder(codes, pd.array(np.arange(low, high + 1), dtype=column.dtype), size + 1)


def _key_coder(column: pd.Series) -> _Coder:
    """Codes in groupby order (categories in their order, values sorted), blank last."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        small = column.cat.codes.to_numpy()
        return _from_small(small, column.dtype, len(column.cat.categories))
    if (integers := _integer_coder(column)) is not None:
        return integers
    small, uniques = pd.factorize(column, sort=True, use_na_sentinel=True)
    return _from_small(small, uniques, len(uniques))


#: Up to this many possible groups, each chunk counts the groups it holds as it is coded.
_COUNT_IN_CHUNKS = 1 << 16


def _labels(codes: np.ndarray, labels: object, size: int) -> object:
    blank = codes == size - 1
    if isinstance(labels, pd.CategoricalDtype):
        return pd.Categorical.from_codes(np.where(blank, -1, codes), dtype=labels)
    # Through a Series either way, so that text keys get the dtype pandas' groupby gives.
    if not blank.any():
        return pd.Series(labels).take(codes).array
    return pd.Series(labels).reindex(np.where(blank, -1, codes)).array


class Groups:
    """Rows of a frame numbered by their group of ``keys``, in ``groupby(sort=True)`` order.

    Every aggregate of a view (sizes, sums, qualifier masks, quantiles, top shares) works
    on the same group numbers with numpy, so the keys are hashed once per view and not
    once per aggregate. Blank keys form their own group, placed last (``dropna=False``);
    only combinations that occur are groups (``observed=True``).

    Examples:
        >>> f = pd.DataFrame({"g": ["b", "a", "b", None], "v": [1.0, 2.0, 3.0, 4.0]})
        >>> groups = Groups(f, ["g"])
        >>> groups.keys["g"].tolist(), groups.size().tolist()
        (['a', 'b', nan], [1, 2, 1])
        >>> groups.sum(f["v"])[0].tolist()
        [2.0, 4.0, 4.0]
    """

    def __init__(self, frame: pd.DataFrame, keys: Sequence[str]) -> None:
        self.names = list(keys)
        coders = [_key_coder(frame[name]) for name in self.names]
        rows = len(frame)
        capacity = int(np.prod([coder.size for coder in coders], dtype=object))
        if capacity <= _DENSE_LIMIT:
            # Each chunk's mixed-radix numbers are built in its own small arrays (on the
            # rows' threads) and written into the one array of all rows.
            combined = np.empty(rows, dtype="int64")
            counted = capacity <= _COUNT_IN_CHUNKS

            def part(s: slice) -> np.ndarray | None:
                number = np.zeros(s.stop - s.start, dtype="int64")
                for coder in coders:
                    number *= coder.size
                    number += coder.codes(s)
                combined[s] = number
                return np.bincount(number, minlength=capacity) if counted else None

            parts = _by_chunks(rows, part)
            occupied = _added(parts) if counted else np.bincount(combined, minlength=capacity)
            present = np.flatnonzero(occupied)
            if len(present) and present[-1] != len(present) - 1:
                renumber = np.zeros(capacity, dtype="int64")
                renumber[present] = np.arange(len(present))

                def place(s: slice) -> None:
                    combined[s] = renumber[combined[s]]

                _by_chunks(rows, place)
            self.gid = combined  # the occurring numbers are 0..n-1 now
            # No renumbering happened below this size: each group's key codes are the
            # digits of its mixed-radix number.
            digits, rest = [], present
            for coder in reversed(coders):
                digits.append(rest % coder.size)
                rest = rest // coder.size
            key_codes = digits[::-1]
        else:
            every = slice(0, rows)
            codes_of = [coder.codes(every) for coder in coders]
            combined = np.zeros(rows, dtype="int64")
            capacity = 1
            for codes, coder in zip(codes_of, coders, strict=True):
                if capacity * coder.size >= 1 << 62:
                    # Renumber before the mixed-radix code could overflow int64 (order kept).
                    combined = np.unique(combined, return_inverse=True)[1].astype("int64")
                    capacity = int(combined.max()) + 1 if len(combined) else 1
                combined = combined * coder.size + codes
                capacity *= coder.size
            present, self.gid = np.unique(combined, return_inverse=True)
            self.gid = self.gid.astype("int64", copy=False)
            # One row of each group tells its keys (assigning in reverse leaves the first row).
            first = np.zeros(len(present), dtype="int64")
            first[self.gid[::-1]] = np.arange(len(self.gid) - 1, -1, -1)
            key_codes = [codes[first] for codes in codes_of]
        self.n = len(present)
        columns = {
            name: _labels(codes, coder.labels, coder.size)
            for name, codes, coder in zip(self.names, key_codes, coders, strict=True)
        }
        self.keys = pd.DataFrame({name: columns[name] for name in self.names})

    def size(self) -> np.ndarray:
        """Rows per group."""
        gid, n = self.gid, self.n
        return _added(_by_chunks(len(gid), lambda s: np.bincount(gid[s], minlength=n)))

    def count(self, rows: np.ndarray) -> np.ndarray:
        """Rows per group among those ``rows`` (a boolean mask) marks."""
        gid, n, rows = self.gid, self.n, np.asarray(rows, dtype=bool)

        def part(s: slice) -> np.ndarray:
            # Weights, not a selection: one pass and no copy of the selected group numbers.
            return np.bincount(gid[s], weights=rows[s].astype("float64"), minlength=n)

        return _added(_by_chunks(len(gid), part)).astype("int64")

    def sum(
        self, values: pd.Series, rows: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Sum of the known ``values`` per group (NaN where none is known) and their count.

        ``rows`` (a boolean mask) keeps only some rows.
        """
        numbers = pd.Series(values).to_numpy(dtype="float64", na_value=np.nan)
        gid, n = self.gid, self.n

        def part(s: slice) -> tuple[np.ndarray, np.ndarray]:
            known = ~np.isnan(numbers[s])
            if rows is not None:
                known &= rows[s]
            # Weights instead of selections: no copies of the selected rows.
            count = np.bincount(gid[s], weights=known, minlength=n)
            return count, np.bincount(gid[s], weights=np.where(known, numbers[s], 0.0), minlength=n)

        count, sums = _added(_by_chunks(len(gid), part))
        count = count.astype("int64")
        sums = sums.astype(float)
        sums[count == 0] = np.nan
        return sums, count

    def distinct(self, column: pd.Series) -> np.ndarray:
        """Distinct non-blank values of a categorical ``column`` per group (``nunique``)."""
        codes = column.cat.codes.to_numpy().astype("int64")
        width = max(len(column.cat.categories), 1)
        named = codes >= 0
        pairs = self.gid[named] * width + codes[named]
        if self.n * width <= _DENSE_LIMIT:
            seen = np.zeros(self.n * width, dtype=bool)
            seen[pairs] = True
            return seen.reshape(self.n, width).sum(axis=1)
        return np.bincount(np.unique(pairs) // width, minlength=self.n)

    def masks(self, bits: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """OR of the rows' qualifier bits per group (0 for a group without rows).

        ``bits`` are given for every row, or only for the rows ``rows`` (a boolean mask) marks.
        """
        out = np.zeros(self.n, dtype="int64")
        if rows is not None and len(bits) != len(self.gid):
            # ``bits`` of the selected rows only: spread them back over every row.
            spread = np.zeros(len(self.gid), dtype=bits.dtype)
            spread[rows] = bits
            bits = spread
        elif rows is not None:
            bits = np.where(rows, bits, 0)
        if self.n * 32 <= _DENSE_LIMIT and (len(bits) == 0 or int(bits.max()) < 32):
            # Which of the 32 possible masks occur in each group, from one count.
            gid, n = self.gid, self.n

            def part(s: slice) -> np.ndarray:
                return np.bincount(gid[s] * 32 + bits[s], minlength=n * 32)

            seen = _added(_by_chunks(len(gid), part)).reshape(self.n, 32)
            occurring = np.where(seen > 0, np.arange(32), 0)
            occurring[:, 0] = 0  # rows left out (bits 0) add nothing
            return np.bitwise_or.reduce(occurring, axis=1).astype("int64")
        any_bits = int(np.bitwise_or.reduce(bits)) if len(bits) else 0
        # One count per qualifier bit that occurs (a few), not an unbuffered OR per row.
        for bit in (1 << k for k in range(8)):
            if any_bits & bit:
                has = np.bincount(self.gid, weights=(bits & bit) != 0, minlength=self.n) > 0
                out[has] |= bit
        return out

    def sum_with_qualifier(
        self,
        values: pd.Series,
        qualifiers: pd.Series | None,
        out: str,
        *,
        rows: np.ndarray | None = None,
        missing: str | None = "at_least",
    ) -> dict[str, object]:
        """``sum_with_qualifier``'s columns (``out``, ``_n``, ``_qualifier``,
        ``_known_qualifier``) as arrays over the groups; a group without rows has a NaN sum
        and blank qualifiers."""
        if self.n * 32 <= _DENSE_LIMIT:
            sums, count, masks = self._summed(values, qualifiers, rows)
        else:
            sums, count = self.sum(values, rows)
            masks = self.masks(row_bits(values, qualifiers).to_numpy(), rows)
        empty = masks == 0
        qualifier = mask_qualifier(pd.Series(masks), missing=missing).where(~empty)
        known = mask_qualifier(pd.Series(masks), missing=None).where(~empty)
        return {
            out: sums,
            f"{out}_n": count,
            f"{out}_qualifier": qualifier.to_numpy(),
            f"{out}_known_qualifier": known.to_numpy(),
        }

    def _summed(
        self, values: pd.Series, qualifiers: pd.Series | None, rows: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``sum``, and ``masks`` of ``row_bits``, in one pass over each chunk of rows.

        The same numbers: the chunks are ``sum``'s, added in the same order.
        """
        numbers = pd.Series(values).to_numpy(dtype="float64", na_value=np.nan)
        codes, table = bit_codes(qualifiers)
        gid, n = self.gid, self.n

        def part(s: slice) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            chunk = numbers[s]
            blank = np.isnan(chunk)
            bits = table[codes[s]] if codes is not None else np.ones(len(chunk), "int8")
            bits[blank] = MISSING
            known = ~blank
            if rows is not None:
                kept = rows[s]
                known &= kept
                bits = np.where(kept, bits, np.int8(0))
            group = gid[s]
            count = np.bincount(group, weights=known, minlength=n)
            sums = np.bincount(group, weights=np.where(known, chunk, 0.0), minlength=n)
            seen = np.bincount(group * 32 + bits, minlength=n * 32)
            return count, sums, seen

        count, sums, seen = _added(_by_chunks(len(gid), part))
        count = count.astype("int64")
        sums = sums.astype(float)
        sums[count == 0] = np.nan
        occurring = np.where(seen.reshape(n, 32) > 0, np.arange(32), 0)
        occurring[:, 0] = 0  # rows left out (bits 0) add nothing
        return sums, count, np.bitwise_or.reduce(occurring, axis=1).astype("int64")

    def sorted_known(self, values: pd.Series, rows: np.ndarray | None = None) -> SortedGroups:
        """The known values in group order, largest first within a group (ties keep their
        row order), for quantiles and top shares from one sort."""
        return self._sorted(*self._known(values, rows))

    def _sorted(self, gid: np.ndarray, numbers: np.ndarray, known: np.ndarray) -> SortedGroups:
        order = np.argsort(-numbers, kind="stable")
        # A stable sort of small integers is a radix sort in numpy: fast at any row count.
        small = gid.astype(np.min_scalar_type(max(self.n - 1, 0)))
        order = order[np.argsort(small[order], kind="stable")]
        count = np.bincount(gid, minlength=self.n)
        return SortedGroups(
            numbers[order], gid[order], np.cumsum(count) - count, count, known[order]
        )

    def ranked_known(
        self, values: pd.Series, rows: np.ndarray | None = None
    ) -> SortedGroups | GroupedKnown:
        """The known values by group, for quantiles and top shares: ``sorted_known``, or,
        with few groups, the same figures from a selection in each group (``GroupedKnown``).

        A selection is linear in the rows where the sort of all values is not; both give
        the same order statistics and the same top rows (ties keep their row order).
        """
        gid, numbers, known = self._known(values, rows)
        if self.n > _SEGMENT_LIMIT:
            return self._sorted(gid, numbers, known)
        # A stable sort of small integers is a radix sort: rows keep their order in a group.
        order = np.argsort(gid.astype(np.min_scalar_type(max(self.n - 1, 0))), kind="stable")
        count = np.bincount(gid, minlength=self.n)
        return GroupedKnown(
            numbers[order], gid[order], np.cumsum(count) - count, count, known[order]
        )

    def quantiles(
        self, values: pd.Series, levels: dict[str, float], rows: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Quantiles of the known values per group, linear interpolation (as pandas).

        A group without known values gets NaN.
        """
        gid, numbers, known = self._known(values, rows)
        counted = _counted(gid, numbers, self.n)
        if counted is not None:
            # Whole numbers over a short range (days, headcounts): counted, not sorted.
            return {name: counted.quantile(q) for name, q in levels.items()}
        if self.n > _SEGMENT_LIMIT:
            ordered = self._sorted(gid, numbers, known)
            segments = ordered.values, ordered.start, ordered.count
        else:
            segments = self._segments_sorted(gid, numbers)
        return {name: _quantile(*segments, q) for name, q in levels.items()}

    def _segments_sorted(
        self, gid: np.ndarray, numbers: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Known values by group, largest first, their starts and counts (no row order kept).

        A radix sort by group number, then each group's values sorted on their own: far
        cheaper than a stable sort of all values when only the values matter (quantiles).
        """
        small = gid.astype(np.min_scalar_type(max(self.n - 1, 0)))
        numbers = numbers[np.argsort(small, kind="stable")]
        count = np.bincount(gid, minlength=self.n)
        start = np.cumsum(count) - count
        for begin, size in zip(start.tolist(), count.tolist(), strict=True):
            if size > 1:
                numbers[begin : begin + size] = np.sort(numbers[begin : begin + size])[::-1]
        return numbers, start, count

    def _known(
        self, values: pd.Series, rows: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The group numbers and values of the known values (among ``rows``), and their
        positions among the rows given."""
        numbers = pd.Series(values).to_numpy(dtype="float64", na_value=np.nan)
        gid = self.gid
        if rows is not None:
            gid, numbers = gid[rows], numbers[rows]
        known = np.flatnonzero(~np.isnan(numbers))
        return gid[known], numbers[known], known


class _Counted(NamedTuple):
    """Known whole numbers counted per (group, value): ``cumulative`` runs over the groups
    in order, each group's values ascending, so that a rank within a group is a search."""

    cumulative: np.ndarray
    start: np.ndarray
    count: np.ndarray
    low: float
    span: int

    def at_rank(self, rank: np.ndarray) -> np.ndarray:
        """The value at each global rank (0-based, groups in order, values ascending)."""
        bins = np.searchsorted(self.cumulative, rank, side="right")
        return (bins % self.span).astype("float64") + self.low

    def quantile(self, q: float) -> np.ndarray:
        """As ``_quantile``: pandas' linear interpolation, NaN for a group without values."""

        def at(has: np.ndarray, below: np.ndarray, above: np.ndarray):
            start = self.start[has]
            return self.at_rank(start + below), self.at_rank(start + above)

        return _interpolated(q, self.count, at)


#: At most this many (group, value) counters for counting instead of sorting (32 MiB).
_COUNTED_LIMIT = 1 << 22


def _counted(gid: np.ndarray, numbers: np.ndarray, n: int) -> _Counted | None:
    """Known values counted per group and value, when they are whole numbers over a range
    short enough (``_COUNTED_LIMIT`` counters for all groups); None otherwise.

    Counting is linear in the rows, where sorting is not, and it gives the same order
    statistics, so the quantiles are the same numbers.

    Examples:
        >>> c = _counted(np.array([0, 0, 0, 1]), np.array([3.0, 1.0, 2.0, 7.0]), 2)
        >>> c.quantile(0.5).tolist(), c.quantile(0.25).tolist()
        ([2.0, 7.0], [1.5, 7.0])
        >>> _counted(np.array([0]), np.array([0.5]), 1) is None
        True
    """
    if not len(numbers):
        return None
    low, high = float(numbers.min()), float(numbers.max())
    span = high - low + 1
    if not np.isfinite(span) or span * n > _COUNTED_LIMIT or low != np.floor(low):
        return None
    offsets = numbers - low
    whole = offsets.astype("int64")
    if not np.array_equal(whole, offsets):
        return None
    span = int(span)
    counts = np.bincount(gid * span + whole, minlength=n * span)
    count = np.bincount(gid, minlength=n)
    return _Counted(np.cumsum(counts), np.cumsum(count) - count, count, low, span)


def _quantile(values: np.ndarray, start: np.ndarray, count: np.ndarray, q: float) -> np.ndarray:
    """The ``q`` quantile of each largest-first segment, pandas' linear interpolation.

    Examples:
        >>> _quantile(np.array([3.0, 1.0, 5.0]), np.array([0, 2]), np.array([2, 1]), 0.5)
        array([2., 5.])
    """

    def at(has: np.ndarray, below: np.ndarray, above: np.ndarray):
        # Ascending rank i sits at start + count - 1 - i in a largest-first segment.
        last = start[has] + count[has] - 1
        return values[last - below], values[last - above]

    return _interpolated(q, count, at)


def _interpolated(
    q: float,
    count: np.ndarray,
    at: Callable[[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
) -> np.ndarray:
    """The ``q`` quantile per group, pandas' linear interpolation; NaN for an empty group.

    ``at(has, below, above)`` gives, for the groups ``has`` marks, their values at the
    ascending ranks ``below`` and ``above`` (the ranks either side of ``q × (count - 1)``).

    Examples:
        >>> ranked = np.array([[1.0, 3.0], [5.0, 5.0]])  # each group's values, ascending
        >>> at = lambda has, b, a: (ranked[has, b], ranked[has, a])
        >>> _interpolated(0.25, np.array([2, 1]), at).tolist()
        [1.5, 5.0]
    """
    out = np.full(len(count), np.nan)
    has = count > 0
    n = count[has]
    position = q * (n - 1)
    below = np.floor(position).astype("int64")
    fraction = position - below
    low, high = at(has, below, np.minimum(below + 1, n - 1))
    out[has] = np.where(fraction == 0, low, low + (high - low) * fraction)
    return out


class GroupedKnown(NamedTuple):
    """Known values by group, in row order within a group; ``rows`` are their positions
    among the rows given. Order statistics come from a selection in each group (a loop
    over the groups, so for few groups: ``Groups.ranked_known``)."""

    values: np.ndarray
    gid: np.ndarray
    start: np.ndarray
    count: np.ndarray
    rows: np.ndarray

    def _ascending(self, ranks: list[np.ndarray]) -> list[np.ndarray]:
        """For each array of 0-based ascending ranks (one per group, below its count), the
        value at that rank in each group; NaN for a group without values."""
        out = [np.full(len(self.count), np.nan) for _ in ranks]
        for g in np.flatnonzero(self.count).tolist():
            begin, size = int(self.start[g]), int(self.count[g])
            wanted = sorted({int(r[g]) for r in ranks})
            part = np.partition(self.values[begin : begin + size], wanted)
            for o, r in zip(out, ranks, strict=True):
                o[g] = part[int(r[g])]
        return out

    def quantile(self, q: float) -> np.ndarray:
        """The ``q`` quantile per group with pandas' linear interpolation (NaN if empty).

        Examples:
            >>> k = GroupedKnown(np.array([3.0, 1.0, 2.0]), np.array([0, 0, 0]),
            ...                  np.array([0]), np.array([3]), np.arange(3))
            >>> k.quantile(0.25).tolist(), k.quantile(0.5).tolist()
            ([1.5], [2.0])
        """

        def at(has: np.ndarray, below: np.ndarray, above: np.ndarray):
            ranks = [np.zeros(len(self.count), dtype="int64") for _ in range(2)]
            ranks[0][has], ranks[1][has] = below, above
            low, high = self._ascending(ranks)  # one selection per group for both ranks
            return low[has], high[has]

        return _interpolated(q, self.count, at)

    def top(self, share: float) -> np.ndarray:
        """Mask of the largest ⌈share × n⌉ values of each group; among values equal to the
        smallest one taken, the first rows are taken (as the stable sort of ``sorted_known``).

        Examples:
            >>> k = GroupedKnown(np.array([5.0, 9.0, 5.0, 1.0]), np.zeros(4, dtype="int64"),
            ...                  np.array([0]), np.array([4]), np.arange(4))
            >>> k.top(0.5).tolist()
            [True, True, False, False]
        """
        taken = np.ceil(share * self.count).astype("int64")
        has = taken > 0
        rank = np.where(has, self.count - taken, 0)  # ascending rank of the smallest taken
        (threshold,) = self._ascending([rank])
        limit = threshold[self.gid]
        top = self.values > limit
        # Ties are taken in row order until the group has its ⌈share × n⌉. They are few
        # (values equal to a group's threshold), so they are ranked alone, not every value.
        tied = np.flatnonzero(self.values == limit)
        room = taken - np.bincount(self.gid[top], minlength=len(self.count))
        group = self.gid[tied]
        # A group's values are one run: the ties before it are those before its start.
        tied_before = np.arange(len(tied)) - np.searchsorted(tied, self.start[group])
        top[tied] = tied_before < room[group]
        return top


class SortedGroups(NamedTuple):
    """Known values sorted by group, largest first; ``rows`` are their positions among the
    rows the sort was given."""

    values: np.ndarray
    gid: np.ndarray
    start: np.ndarray
    count: np.ndarray
    rows: np.ndarray

    def quantile(self, q: float) -> np.ndarray:
        """The ``q`` quantile per group with pandas' linear interpolation (NaN if empty)."""
        return _quantile(self.values, self.start, self.count, q)

    def top(self, share: float) -> np.ndarray:
        """Mask of the largest ⌈share × n⌉ values of each group."""
        rank = np.arange(len(self.values)) - self.start[self.gid]
        return rank < np.ceil(share * self.count)[self.gid]
