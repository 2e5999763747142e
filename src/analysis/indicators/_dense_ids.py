"""Ids of one length read as numbers in a box of their bytes, for a match by direct lookup."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from analysis.indicators._groups import _CHUNK_ROWS, on_threads

#: The lookup table may hold this many slots per signing (or ``_FEW_SLOTS``, if more).
_SLOTS_PER_ID = 4
_FEW_SLOTS = 1 << 20
#: Rows coded at a time, so that a block's bytes and numbers stay in the CPU's caches.
_BLOCK = 1 << 16


class _Box(NamedTuple):
    """The smallest and largest byte at each position of the signing ids."""

    low: np.ndarray  # uint8, per position
    high: np.ndarray  # uint8, per position

    @property
    def varying(self) -> np.ndarray:
        return np.flatnonzero(self.high > self.low)

    def _radix(self) -> list[int]:
        return [int(self.high[j]) - int(self.low[j]) + 1 for j in self.varying]

    @property
    def size(self) -> int:
        """The number of ids the box holds (a Python integer: it can pass any int64)."""
        return math.prod(self._radix())

    def weights(self) -> np.ndarray:
        """Each varying position's place value (mixed radix, last position lowest); only
        for a box whose ``size`` fits in int64."""
        radix = self._radix()
        weights = [1] * len(radix)
        for k in range(len(radix) - 2, -1, -1):
            weights[k] = weights[k + 1] * radix[k + 1]
        return np.array(weights, dtype=np.int64)


def _byte_rows(ids: pa.ChunkedArray) -> list[np.ndarray] | None:
    """Each chunk's ids as the rows of a byte matrix (views of Arrow's buffers).

    None unless the ids are ``large_string``, none is missing or empty, and all are as long
    as the first.
    """
    if ids.type != pa.large_string():
        return None
    width, out = None, []
    for chunk in ids.chunks:
        if not len(chunk):
            continue
        if chunk.null_count:
            return None
        offsets = np.frombuffer(chunk.buffers()[1], np.int64, len(chunk) + 1, chunk.offset * 8)
        width = int(offsets[1] - offsets[0]) if width is None else width
        if width == 0 or offsets[-1] - offsets[0] != width * len(chunk):
            return None
        if np.any(np.diff(offsets) != width):
            return None
        data = np.frombuffer(chunk.buffers()[2], np.uint8, width * len(chunk), int(offsets[0]))
        out.append(data.reshape(len(chunk), width))
    return out or None


def _tasks(rows: list[np.ndarray]) -> list[tuple[np.ndarray, int]]:
    """The matrices cut into pieces of at most ``_CHUNK_ROWS`` rows, with each first row."""
    out, at = [], 0
    for matrix in rows:
        for start in range(0, len(matrix), _CHUNK_ROWS):
            piece = matrix[start : start + _CHUNK_ROWS]
            out.append((piece, at))
            at += len(piece)
    return out


def _box(tasks: list, rows: int) -> _Box:
    def part(task) -> tuple[np.ndarray, np.ndarray]:
        piece = task[0]
        # Column by column: numpy reduces a strided column fast, a short row slowly.
        low = np.array([piece[:, j].min() for j in range(piece.shape[1])], dtype=np.uint8)
        return low, np.array([piece[:, j].max() for j in range(piece.shape[1])], dtype=np.uint8)

    parts = on_threads(part, tasks, rows)
    return _Box(
        np.minimum.reduce([low for low, _ in parts]), np.maximum.reduce([h for _, h in parts])
    )


def _numbers(tasks: list, rows: int, box: _Box, *, check: bool) -> tuple[np.ndarray, bool]:
    """Each id's number in ``box``, and whether every id lies in it (``check``; else True).

    The numbers of ids outside the box mean nothing.
    """
    varying = box.varying
    weights = box.weights()
    fixed = np.flatnonzero(box.high == box.low)
    out = np.empty(rows, dtype=np.int64)
    inside = np.ones(len(tasks), dtype=bool)

    def part(k: int) -> None:
        piece, at = tasks[k]
        for start in range(0, len(piece), _BLOCK):
            block = piece[start : start + _BLOCK]
            number = np.zeros(len(block), dtype=np.int64)
            for j, weight in zip(varying, weights, strict=True):
                # Below the box's low byte wraps around to a large uint8: outside either way.
                offset = block[:, j] - box.low[j]
                number += offset.astype(np.int64) * weight
                if check and np.any(offset > box.high[j] - box.low[j]):
                    inside[k] = False
            if check and fixed.size and np.any(block[:, fixed] != box.low[fixed]):
                inside[k] = False
            out[at + start : at + start + len(block)] = number

    on_threads(part, range(len(tasks)), rows)
    return out, bool(inside.all())


def dense_positions(signing_ids: pa.ChunkedArray, named_ids: pa.ChunkedArray) -> np.ndarray | None:
    """Row position in ``signing_ids`` of each id in ``named_ids``, by a direct lookup table.

    The ids are read as numbers: each byte position of the signing ids spans the bytes
    from its smallest to its largest, and an id's number is its bytes' offsets in that box
    (mixed radix), one slot per possible id. That needs ids of one length (``S2023-0001``
    …), a box of at most four slots a signing (or 2^20), every named id inside it, no id
    missing and no signing id repeated. When one of those fails, None: the caller's
    general match decides (and says which ids are wrong).

    Examples:
        >>> s = pa.chunked_array([["S01", "S02", "S10"]], pa.large_string())
        >>> dense_positions(s, pa.chunked_array([["S10", "S01"]], pa.large_string())).tolist()
        [2, 0]
        >>> dense_positions(s, pa.chunked_array([["S11"]], pa.large_string())) is None
        True
    """
    signings, named = _byte_rows(signing_ids), _byte_rows(named_ids)
    if signings is None or named is None or signings[0].shape[1] != named[0].shape[1]:
        return None
    n, m = len(signing_ids), len(named_ids)
    tasks = _tasks(signings)
    box = _box(tasks, n)
    size = box.size
    if size > max(_SLOTS_PER_ID * n, _FEW_SLOTS) or n >= np.iinfo(np.int32).max:
        return None
    numbers, _ = _numbers(tasks, n, box, check=False)
    asked, inside = _numbers(_tasks(named), m, box, check=True)
    if not inside:
        return None
    table = np.full(size, -1, dtype=np.int32)
    order = np.arange(n, dtype=np.int32)
    table[numbers] = order
    # A repeated id leaves only its last row in the table; ids in rising order cannot repeat.
    if np.any(numbers[1:] <= numbers[:-1]) and np.any(table[numbers] != order):
        return None
    positions = table[asked]
    if np.any(positions < 0):
        return None  # a named id that no signing has
    return positions.astype(np.int64)
