"""The benchmark's reference: the suite on the library's DuckDB engine, and the comparison.

The SQL itself lives in ``analysis.indicators.engine_duckdb`` (``indicators --engine
duckdb``); here are the suite's calls of it and the check that both engines agree on every
row: keys, measure, value (relative tolerance 1e-9), unit and qualifier.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.indicators.engine_duckdb import DuckDBEngine
from analysis.ledger import Ledger

#: Groups of the funnel and deal values in the suite.
SUITE_BY = ("mode", "region", "year")
#: Groups of 5G coverage (the cases table has no mode).
FIVEG_BY = ("region", "year")
#: Engagement's groups: the events table has neither mode nor a deal's year.
ENGAGEMENT_BY = ("region", "event_type")

Call = Callable[[DuckDBEngine], pd.DataFrame]


def suite_calls() -> dict[str, tuple[Call, list[str]]]:
    """The four families of the suite on the engine, with the keys of their results.

    Examples:
        >>> list(suite_calls())
        ['funnel', 'deal_values', 'fiveg_coverage', 'budget_execution']
    """
    return {
        "funnel": (lambda e: e.funnel(SUITE_BY), list(SUITE_BY)),
        "deal_values": (lambda e: e.deal_values(SUITE_BY), list(SUITE_BY)),
        "fiveg_coverage": (lambda e: e.fiveg_coverage(FIVEG_BY), list(FIVEG_BY)),
        "budget_execution": (lambda e: e.budget_execution("year"), ["year", "phase"]),
    }


def extra_calls() -> dict[str, tuple[Call, list[str]]]:
    """Families timed and checked beside the suite but outside its goal (engagement).

    Examples:
        >>> list(extra_calls())
        ['engagement']
    """
    return {"engagement": (lambda e: e.engagement(ENGAGEMENT_BY), list(ENGAGEMENT_BY))}


def connect(tables: dict[str, pd.DataFrame], threads: int | None = None) -> DuckDBEngine:
    """The engine over ``tables`` copied into DuckDB's storage once."""
    return DuckDBEngine.from_ledger(Ledger(**tables), threads)


def connect_parquet(folder: Path, threads: int | None = None) -> DuckDBEngine:
    """The engine over the Parquet tables of ``folder`` (the files ``generate`` writes)."""
    return DuckDBEngine.from_parquet(folder, threads)


def normalise(long: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Keys as text, sorted by keys and measure: ready for ``assert_frame_equal``.

    Examples:
        >>> t = pd.DataFrame({"year": [2023, 2022], "measure": ["m", "m"], "value": [1.0, 2.0],
        ...                   "unit": ["item"] * 2, "qualifier": ["exact"] * 2})
        >>> normalise(t, ["year"])["year"].tolist()
        ['2022', '2023']
    """
    frame = long[[*keys, "measure", "value", "unit", "qualifier"]].copy()
    for key in keys:
        column = frame[key]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            column = pd.to_numeric(column).astype("Int64")
        frame[key] = column.astype("object").map(lambda v: "" if pd.isna(v) else str(v))
    for name in ("measure", "unit", "qualifier"):
        frame[name] = frame[name].astype("object").map(lambda v: "" if pd.isna(v) else str(v))
    frame = frame.sort_values([*keys, "measure"], kind="stable").reset_index(drop=True)
    return frame


def compare(ours: pd.DataFrame, theirs: pd.DataFrame, keys: list[str], rtol: float = 1e-9):
    """Assert that both engines' long tables hold the same rows, qualifiers included.

    Raises:
        AssertionError: a group, a measure, a value (beyond ``rtol``), a unit or a
            qualifier differs.
    """
    left = normalise(ours, keys)
    right = normalise(theirs, keys)
    pd.testing.assert_frame_equal(left, right, check_dtype=False, rtol=rtol, atol=1e-9)
