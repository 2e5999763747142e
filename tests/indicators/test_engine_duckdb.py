"""The duckdb engine gives the pandas engine's tables, qualifiers included, on the same ledgers."""

from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.devtools.synthetic import make_ledger
from analysis.errors import IndicatorInputError
from analysis.indicators import (
    budget_execution,
    deal_values,
    engagement,
    fiveg_coverage,
    funnel,
    rollup,
)
from analysis.ledger import Ledger
from analysis.load import load_ledger

from .conftest import budget_line, event, fiveg_case, signing

pytest.importorskip("duckdb")

from analysis.indicators.engine_duckdb import DuckDBEngine


def same(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    """Equal tables: the same rows in the same order, values to 1e-9, keys compared as text."""
    assert list(ours.columns) == list(theirs.columns)
    assert len(ours) == len(theirs)
    left, right = ours.copy(), theirs.copy()
    for column in left.columns:
        if column != "value":
            left[column] = left[column].astype("object").astype(str)
            right[column] = right[column].astype("object").astype(str)
    pd.testing.assert_frame_equal(left, right, check_dtype=False, rtol=1e-9, atol=1e-9)


@pytest.fixture(scope="module")
def synthetic():
    # the fixture of test_against_duckdb: every group of mode × region × year has rows
    return Ledger(**make_ledger(7, n_events=2000, n_signings=5000, n_cases=800, n_divisions=70))


@pytest.fixture
def qualified(make_ledger):
    """A small ledger whose figures carry every qualifier, blanks, ties and a blank key."""
    return make_ledger(
        events=[
            event("E1", "会", "conference", "2023-10-28", attendees_onsite=300,
                  attendees_onsite_qualifier="approx", firms=12),
            event("E2", "调研", "field_trip", "2022-05-01", firms=3,
                  firms_qualifier="at_least"),
            event("E3", "座谈", "symposium", "2023-06-01", region="赣州", attendees_onsite=40),
            event("E4", "座谈", "symposium", "2023-07-01", region=None, online_views=1e4,
                  online_views_qualifier="at_most"),
        ],
        signings=[
            signing("S1", "signed", "transfer", "2023-01-01", value=1e6),
            signing("S2", "signed", "transfer", "2023-02-01", value=1e6,
                    value_qualifier="approx"),
            signing("S3", "landed", "licence", "2023-03-01", value=5e5,
                    value_qualifier="at_least"),
            signing("S4", "intention", "transfer", "2023-04-01"),
            signing("S5", "signed", "licence", "2022-04-01", region="赣州"),
            signing("S6", "signed", None, "2023-05-01", value=2e5, field=None),
        ],
        conversions=[
            dict(conversion_id="C1", signing_id="S3", date="2023-06-01", value=3e5),
            dict(conversion_id="C2", signing_id="S3", date="2023-09-01"),
            dict(conversion_id="C3", signing_id="S1", date="2023-02-15", value=2e5,
                 value_qualifier="approx"),
            dict(conversion_id="C4", signing_id="S4", date=None, value=1e5),
        ],
        fiveg_cases=[
            fiveg_case("F1", "38", 2023, True),
            fiveg_case("F2", "38", 2023, None),
            fiveg_case("F3", "13", 2022, False, region="赣州"),
            fiveg_case("F4", "1", 2023, False),
        ],
        budget=[
            budget_line("1", "第二阶段", 5e4, spent=5e4),
            budget_line("2", "第一阶段", 5e4, planned_qualifier="approx"),
            budget_line("3", "第一阶段", None, year=2022),
        ],
    )  # fmt: skip


FAMILIES = {
    "funnel": (funnel, "funnel", ("mode", "region", "year")),
    "deal_values": (deal_values, "deal_values", ("mode", "region", "year")),
    "engagement": (engagement, "engagement", ("region", "event_type")),
    "fiveg_coverage": (fiveg_coverage, "fiveg_coverage", ("region", "year")),
}
BYS = [(), ("year",), ("programme", "field"), ("contract_type", "year")]


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_each_family_equals_pandas_on_the_synthetic_ledger(synthetic, name):
    pandas_fn, method, by = FAMILIES[name]
    engine = DuckDBEngine.from_ledger(synthetic)
    theirs = getattr(engine, method)(by)
    # the comparison is not vacuous: 18+ groups (6 cities × 3 years or more), 5+ measures
    assert len(theirs) > 80 and theirs["measure"].nunique() >= 5
    same(pandas_fn(synthetic, by=by), theirs)


@pytest.mark.parametrize("by", BYS)
def test_deal_families_equal_pandas_by_other_dimensions(synthetic, by):
    engine = DuckDBEngine.from_ledger(synthetic)
    same(funnel(synthetic, by=by), engine.funnel(by))
    same(deal_values(synthetic, by=by), engine.deal_values(by))


def test_budget_equals_pandas(synthetic):
    engine = DuckDBEngine.from_ledger(synthetic)
    for by in ("year", (), ("programme", "year")):
        same(budget_execution(synthetic, by=by), engine.budget_execution(by))


@pytest.mark.parametrize("by", [(), ("year",), ("region",), ("programme", "year")])
def test_qualifiers_blanks_and_ties_equal_pandas(qualified, by):
    engine = DuckDBEngine.from_ledger(qualified)
    same(funnel(qualified, by=by), engine.funnel(by))
    same(deal_values(qualified, by=by), engine.deal_values(by))
    same(engagement(qualified, by=by), engine.engagement(by))
    same(fiveg_coverage(qualified, by=by), engine.fiveg_coverage(by))
    if "region" not in by:
        same(budget_execution(qualified, by=by), engine.budget_execution(by))


def test_qualified_ledger_figures_by_hand(qualified):
    out = DuckDBEngine.from_ledger(qualified).deal_values(())
    got = out.set_index("measure")[["value", "qualifier"]].apply(tuple, axis=1).to_dict()
    # signed or landed: S1 1e6 exact, S2 1e6 approx, S3 5e5 at least, S5 blank, S6 2e5,
    # and S4 (an intention, but landed by C4): blank. 2.7e6; approximate parts and a
    # blank make the sum approximate (combine_sum: approx wins over a lower bound)
    assert got["deal_value"] == (2.7e6, "approx")
    assert got["deals_valued"] == (4.0, "exact")
    # landed: S1 2e5 approx, S3 3e5 + a blank tranche (at least), S4 1e5 → 6e5, approx
    assert got["converted_value"] == (6e5, "approx")
    # top ⌈10% × 4⌉ = 1 deal: the first of the two 1e6 deals, S1 (exact), of 2.7e6
    assert got["top10_share"][0] == pytest.approx(100 * 1e6 / 2.7e6)


def test_rollup_equals_pandas_on_the_sample_and_the_qualified_ledger(qualified):
    sample = load_ledger(paths.SAMPLE_LEDGER)
    for ledger in (sample, qualified):
        same(rollup(ledger), rollup(ledger, engine="duckdb"))


def test_parquet_engine_equals_pandas_on_the_loaded_sample(tmp_path):
    # Parquet files of a loaded ledger (the loader's dtypes), as the benchmark writes them
    sample = load_ledger(paths.SAMPLE_LEDGER)
    for name, frame in sample.tables().items():
        frame.to_parquet(tmp_path / f"{name}.parquet")
    engine = DuckDBEngine.from_parquet(tmp_path)
    for by in (("mode", "year"), ("programme",)):
        same(funnel(sample, by=by), engine.funnel(by))
        same(deal_values(sample, by=by), engine.deal_values(by))
    same(engagement(sample, by="event_type"), engine.engagement("event_type"))
    same(fiveg_coverage(sample, by="year"), engine.fiveg_coverage("year"))
    same(budget_execution(sample, by="year"), engine.budget_execution("year"))


def test_errors_as_the_pandas_engine(make_ledger):
    orphan = make_ledger(
        signings=[signing("S1", "signed", "transfer")],
        conversions=[dict(conversion_id="C1", signing_id="S9", date="2023-02-01")],
    )
    with pytest.raises(IndicatorInputError, match="S9"):
        DuckDBEngine.from_ledger(orphan).funnel(())
    with pytest.raises(IndicatorInputError, match="quarter"):
        DuckDBEngine.from_ledger(orphan).funnel("quarter")
    unknown = make_ledger(fiveg_cases=[fiveg_case("F1", "99", 2023)])
    with pytest.raises(IndicatorInputError, match="99"):
        DuckDBEngine.from_ledger(unknown).fiveg_coverage(())
    with pytest.raises(IndicatorInputError, match="engine"):
        rollup(orphan, engine="spark")


LEDGERS = sorted(
    p
    for p in (Path(__file__).resolve().parents[1] / "data" / "ledgers").iterdir()
    if p.suffix == ".xlsx" or p.name.endswith("_csv")
)


@pytest.mark.parametrize("path", LEDGERS, ids=lambda p: p.name)
def test_rollup_equals_pandas_on_other_peoples_ledgers(path):
    # Workbooks laid out by others (tests/data/ledgers/README.md): their own headers,
    # units, blanks and qualifiers; the two engines must agree on every row.
    ledger = load_ledger(path)
    same(rollup(ledger), rollup(ledger, engine="duckdb"))


def test_indicators_command_with_the_duckdb_engine(tmp_path):
    from analysis.cli import main

    path = LEDGERS[0]
    outputs = {}
    for engine in ("pandas", "duckdb"):
        out = tmp_path / f"{engine}.csv"
        main(["indicators", str(path), "--engine", engine, "-o", str(out)])
        outputs[engine] = out.read_bytes()
    assert len(outputs["duckdb"]) > 1000
    assert outputs["duckdb"] == outputs["pandas"]


def test_a_repeated_signing_id_that_a_conversion_names_is_refused(make_ledger):
    repeated = make_ledger(
        signings=[signing("S1", "signed", "transfer"), signing("S1", "signed", "licence")],
        conversions=[dict(conversion_id="C1", signing_id="S1", date="2023-02-01")],
    )
    with pytest.raises(IndicatorInputError, match="S1"):
        DuckDBEngine.from_ledger(repeated).deal_values(())


PARTIAL = {
    "nothing": {},
    "events only": {"events": [event("E1", "会", "conference", "2023-01-01", attendees_onsite=3)]},
    "signings only": {"signings": [signing("S1", "signed", "transfer", value=5.0)]},
    "budget only": {"budget": [budget_line("1", "一", 5.0)]},
    "5G cases only": {"fiveg_cases": [fiveg_case("F1", "13", 2023)]},
}


@pytest.mark.parametrize("tables", PARTIAL.values(), ids=list(PARTIAL))
def test_ledgers_with_empty_tables_roll_up_alike(make_ledger, tables):
    ledger = make_ledger(**tables)
    ours = rollup(ledger)
    theirs = rollup(ledger, engine="duckdb")
    pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)
    # a filled table gives rows: one event, one deal, one budget line, one case
    assert (len(ours) > 0) == bool(tables)
