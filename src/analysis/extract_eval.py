"""Score extracted statistics against hand-made ground truth (precision, recall, qualifiers)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

__all__ = ["Score", "score_extraction"]


@dataclass(frozen=True)
class Score:
    """Agreement of extracted rows with ground-truth rows.

    Attributes:
        predicted: Rows extracted.
        gold: Rows in the ground truth.
        matched: Pairs whose spans overlap and whose (value, unit) agree.
        qualifier_agree: Matched pairs whose qualifier also agrees.
    """

    predicted: int
    gold: int
    matched: int
    qualifier_agree: int

    @property
    def precision(self) -> float:
        """Share of extracted rows that are in the ground truth (1.0 when none extracted)."""
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of ground-truth rows that were extracted (1.0 when there are none)."""
        return self.matched / self.gold if self.gold else 1.0

    @property
    def qualifier_accuracy(self) -> float:
        """Share of matched pairs with the right qualifier (1.0 when nothing matched)."""
        return self.qualifier_agree / self.matched if self.matched else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.matched + other.matched,
            self.qualifier_agree + other.qualifier_agree,
        )


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def score_extraction(predicted: pd.DataFrame, gold: pd.DataFrame) -> Score:
    """Match extracted rows to ground-truth rows one to one and count agreements.

    A predicted row matches a gold row when their ``[start, end)`` spans overlap and their
    ``value`` and ``unit`` agree (missing units agree with each other). Each row matches at
    most once, taken in order of position.

    Args:
        predicted: Rows with start, end, value, unit, qualifier.
        gold: Rows with the same columns.

    Returns:
        The counts; ``Score`` derives precision, recall and qualifier accuracy.

    Examples:
        >>> gold = pd.DataFrame({"start": [0, 10], "end": [4, 13], "value": [300.0, 3.0],
        ...                      "unit": ["person", "event"], "qualifier": ["approx", "exact"]})
        >>> pred = pd.DataFrame({"start": [0, 20], "end": [4, 22], "value": [300.0, 2.0],
        ...                      "unit": ["person", "event"], "qualifier": ["exact", "exact"]})
        >>> s = score_extraction(pred, gold)
        >>> s.precision, s.recall, s.qualifier_accuracy
        (0.5, 0.5, 0.0)
    """

    def rows(df: pd.DataFrame) -> list[tuple[int, int, float, object, str]]:
        units = [None if pd.isna(u) or u == "" else u for u in df["unit"]]
        return sorted(
            zip(
                df["start"].astype(int),
                df["end"].astype(int),
                df["value"].astype(float),
                units,
                df["qualifier"].astype(str),
                strict=True,
            ),
            key=lambda r: (r[0], r[1]),
        )

    pred_rows, gold_rows = rows(predicted), rows(gold)
    used: set[int] = set()
    matched = agree = 0
    for start, end, value, unit, qualifier in pred_rows:
        for i, (g_start, g_end, g_value, g_unit, g_qualifier) in enumerate(gold_rows):
            if i in used or g_start >= end or start >= g_end:
                continue
            if unit == g_unit and _same(value, g_value):
                used.add(i)
                matched += 1
                agree += qualifier == g_qualifier
                break
    return Score(len(pred_rows), len(gold_rows), matched, agree)
