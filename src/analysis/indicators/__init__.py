"""Indicators: pure functions from a ledger or a statistics table to tidy indicator tables."""

from analysis.indicators.deal_values import deal_values
from analysis.indicators.engagement import engagement
from analysis.indicators.fiveg import (
    compare_with_national,
    fiveg_coverage,
    fiveg_coverage_over_time,
)
from analysis.indicators.funnel import funnel

__all__ = [
    "compare_with_national",
    "deal_values",
    "engagement",
    "fiveg_coverage",
    "fiveg_coverage_over_time",
    "funnel",
]
