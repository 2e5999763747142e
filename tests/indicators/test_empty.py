"""Every indicator runs on an empty ledger and an empty statistics table, silently."""

import warnings

import pandas as pd
import pytest

from analysis.indicators import (
    budget_execution,
    compare_programmes,
    deal_values,
    engagement,
    fiveg_coverage,
    fiveg_coverage_over_time,
    funnel,
    growth,
    rollup,
    with_derived,
)
from analysis.ledger import Ledger
from analysis.schema import LEDGER_TABLES, STATISTICS

from .conftest import budget_line

FAMILIES = [engagement, funnel, deal_values, fiveg_coverage, budget_execution]


@pytest.fixture(params=["untyped", "typed"])
def empty_ledger(request, make_ledger):
    # untyped: Ledger() as built with object columns; typed: as the loader types them
    if request.param == "untyped":
        return Ledger()
    return make_ledger(**{name: [] for name in LEDGER_TABLES})


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.__name__)
def test_family_on_empty_ledger(family, empty_ledger):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = family(empty_ledger)
    assert out.empty
    assert list(out.columns[-4:]) == ["measure", "value", "unit", "qualifier"]


def test_other_functions_on_empty_ledger(empty_ledger):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = rollup(empty_ledger)
        over_time = fiveg_coverage_over_time(empty_ledger)
        changes = growth(table)
        compared = compare_programmes(table)
        derived = with_derived(table)
    assert table.empty and list(table.columns) == list(STATISTICS.names)
    assert over_time.empty and changes.empty and compared.empty and derived.empty


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.__name__)
def test_family_on_empty_statistics(family):
    stats = pd.DataFrame({c: [] for c in STATISTICS.names})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = family(stats)
    assert out.empty and list(out.columns) == list(STATISTICS.names)


def test_zero_denominators_leave_no_row_and_no_warning(make_ledger):
    # planned 0 and no events: execution rate and per-event means are undefined, not inf
    ledger = make_ledger(budget=[budget_line("1", "一", 0.0, spent=0.0)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = budget_execution(ledger)
    assert "budget_execution_rate" not in set(out["measure"])
    assert out.loc[out.measure == "budget_planned", "value"].tolist() == [0.0, 0.0]
