"""Indicators: pure functions from a ledger or a statistics table to tidy indicator tables."""

from analysis.indicators._dims import encode_dimensions
from analysis.indicators.budget import budget_execution
from analysis.indicators.compare import compare, compare_programmes, compare_sources
from analysis.indicators.deal_values import deal_values, deal_values_from_stages
from analysis.indicators.engagement import engagement
from analysis.indicators.fiveg import (
    compare_with_national,
    fiveg_coverage,
    fiveg_coverage_over_time,
)
from analysis.indicators.funnel import deal_stages, funnel, funnel_from_stages
from analysis.indicators.growth import growth
from analysis.indicators.national import against_national
from analysis.indicators.peers import peer_percentiles
from analysis.indicators.rollup import indicator_table, rollup, with_derived

__all__ = [
    "against_national",
    "budget_execution",
    "compare",
    "compare_programmes",
    "compare_sources",
    "compare_with_national",
    "deal_stages",
    "deal_values",
    "deal_values_from_stages",
    "encode_dimensions",
    "engagement",
    "fiveg_coverage",
    "fiveg_coverage_over_time",
    "funnel",
    "funnel_from_stages",
    "growth",
    "indicator_table",
    "peer_percentiles",
    "rollup",
    "with_derived",
]
