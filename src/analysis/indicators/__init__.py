"""Indicators: pure functions from a ledger or a statistics table to tidy indicator tables."""

from analysis.indicators.budget import budget_execution
from analysis.indicators.compare import compare_programmes
from analysis.indicators.deal_values import deal_values
from analysis.indicators.engagement import engagement
from analysis.indicators.fiveg import (
    compare_with_national,
    fiveg_coverage,
    fiveg_coverage_over_time,
)
from analysis.indicators.funnel import funnel
from analysis.indicators.growth import growth
from analysis.indicators.rollup import rollup, with_derived

__all__ = [
    "budget_execution",
    "compare_programmes",
    "compare_with_national",
    "deal_values",
    "engagement",
    "fiveg_coverage",
    "fiveg_coverage_over_time",
    "funnel",
    "growth",
    "rollup",
    "with_derived",
]
