"""Tests for analysis.indicators._dense_ids (ids of one length matched by a lookup table)."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis.indicators._dense_ids as dense_ids
from analysis.errors import IndicatorInputError
from analysis.indicators._dense_ids import dense_positions
from analysis.indicators._positions import signing_positions


def _text(values, chunks: int = 1) -> pa.ChunkedArray:
    cut = np.array_split(np.array(values, dtype=object), chunks)
    return pa.chunked_array([pa.array(list(c), pa.large_string()) for c in cut])


def test_positions_by_hand():
    signings = _text(["S2021-0003", "S2022-0001", "S2021-0001", "S2023-0002"])
    named = _text(["S2023-0002", "S2021-0001", "S2021-0001", "S2021-0003"])
    # S2023-0002 is row 3, S2021-0001 row 2 (twice), S2021-0003 row 0
    assert dense_positions(signings, named).tolist() == [3, 2, 2, 0]


@pytest.mark.parametrize(
    ("signings", "named", "why"),
    [
        (["S01", "S02"], ["S1"], "a named id of another length"),
        (["S01", "S2"], ["S01"], "signing ids of two lengths"),
        (["S01", "S03"], ["S02"], "inside the box, but no signing has it"),
        (["S01", "S03"], ["S04"], "a byte above the box"),
        (["S11", "S13"], ["S10"], "a byte below the box"),
        (["S01", "S02"], ["T01"], "a position every signing id has the same byte at"),
        (["S01", "S01", "S02"], ["S02"], "a repeated signing id"),
        (["S02", "S01", "S02"], ["S01"], "a repeated signing id, out of order"),
        (["S01", None], ["S01"], "a missing signing id"),
        (["S01", "S02"], ["S01", None], "a missing named id"),
        (["", ""], [""], "empty ids"),
    ],
)
def test_leaves_to_the_general_match(signings, named, why):
    assert dense_positions(_text(signings), _text(named)) is None, why


def test_a_box_too_wide_for_a_table(monkeypatch):
    # Two signings whose ids differ in all three bytes span a box of 26 × 10 × 10 = 2,600
    # slots: more than four a signing once the floor of 2^20 slots is lowered.
    monkeypatch.setattr(dense_ids, "_FEW_SLOTS", 16)
    assert dense_positions(_text(["A00", "Z99"]), _text(["Z99"])) is None
    monkeypatch.setattr(dense_ids, "_FEW_SLOTS", 4096)
    assert dense_positions(_text(["A00", "Z99"]), _text(["Z99"])).tolist() == [1]


def test_a_box_beyond_any_integer():
    # Forty positions each spanning A..z (58 bytes): 58^40 ids, far past int64, is too
    # wide, and not a number that wrapped around to a small one.
    signings = ["A" * 40, "z" * 40]
    assert dense_positions(_text(signings), _text(["z" * 40])) is None
    assert dense_ids._Box(np.full(40, 65, np.uint8), np.full(40, 122, np.uint8)).size == 58**40


def test_many_rows_on_threads(monkeypatch):
    # Pieces of 1,000 rows and blocks of 64, so that 20,000 ids take the threads' path.
    monkeypatch.setattr(dense_ids, "_CHUNK_ROWS", 1000)
    monkeypatch.setattr("analysis.indicators._groups._CHUNK_ROWS", 1000)
    monkeypatch.setattr(dense_ids, "_BLOCK", 64)
    rng = np.random.default_rng(7)
    numbers = rng.permutation(20_000)
    signings = [f"S{n:06d}" for n in numbers]
    asked = rng.integers(0, 20_000, size=5_000)
    named = [f"S{n:06d}" for n in asked]
    expected = np.argsort(numbers)[asked]  # the row holding each asked number
    got = dense_positions(_text(signings, chunks=3), _text(named, chunks=2))
    assert got.tolist() == expected.tolist()


def _general(signings: pd.Series, named: pd.Series, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr("analysis.indicators._positions.dense_positions", lambda *a: None)
        return _outcome(signings, named)


def _outcome(signings: pd.Series, named: pd.Series):
    try:
        return signing_positions(signings, named).tolist()
    except IndicatorInputError as exc:
        return str(exc)


_ids = st.lists(
    st.text(alphabet="AS019-", min_size=3, max_size=3), min_size=1, max_size=30, unique=True
) | st.lists(st.text(alphabet="AS019-", min_size=2, max_size=3) | st.none(), min_size=1)


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(signings=_ids, picks=st.lists(st.integers(0, 199), min_size=1, max_size=30))
def test_same_as_the_general_match(signings, picks, monkeypatch):
    """signing_positions with the lookup table against Arrow's hash match, on short ids
    of one or two lengths, repeated, missing and unknown ones (positions or the error).
    About two in five examples take the table (all ids of one length, none repeated)."""
    extra = ["S9", "A00", "S99", None]  # picked by 196–199: an unknown or missing id
    named = [extra[p - 196] if p >= 196 else signings[p % len(signings)] for p in picks]
    named = pd.Series(named, dtype="str")
    signing_ids = pd.Series(signings, dtype="str")
    assert _outcome(signing_ids, named) == _general(signing_ids, named, monkeypatch)
