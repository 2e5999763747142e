"""The scale benchmark (benchmarks/run.py) end to end at a tiny size, so that it keeps working."""

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _module(name):
    # benchmarks/ is a folder of scripts, not a package: load its modules by path.
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def run():
    return _module("run")


def test_run_end_to_end_at_tiny_size(run, data, capsys):
    sizes = {"small": 2000, "large": 4000, "xlsx": 600, "repeat": 1, "load_repeat": 1}
    results = run.run(sizes, data)
    line = run.summary_line(results, quick=True)
    pairs = dict(item.split("=") for item in line.split())
    # the six goal figures lead the line, in this order
    goals = ["indicators_vs_duckdb", "worst_step_vs_duckdb", "scaling_100k_to_1m"]
    goals += ["load_vs_openpyxl", "peak_rss_ratio", "report_parallel_vs_serial"]
    assert list(pairs)[:6] == goals
    for name in goals[:5]:
        assert float(pairs[name]) > 0
    # the worst step is one of the suite's; no report stage at this size
    assert pairs["worst_step"] in run.SUITE_STEPS
    assert pairs["report_parallel_vs_serial"] == "skipped"
    # ledger_sizes(4000): 4000 signings; the workbook sizes add up to about 600 rows
    assert pairs["rows_large"] == "4000"
    assert 540 <= int(pairs["xlsx_rows"]) <= 660
    # the Parquet ledger holds the generated row counts: 400 events, 4000 deals and cases
    ledger = run.generate.read_ledger(run.generate.ledger_dir(4000, data))
    assert (len(ledger.events), len(ledger.signings), len(ledger.fiveg_cases)) == (400, 4000, 4000)


def test_library_and_duckdb_agree_and_compare_catches_a_difference(run, data):
    ledger = run.generate.read_ledger(run.generate.ensure_parquet(2000, data))
    ours = run.run_suite(ledger)
    con = run.duckdb_engine.connect(ledger.tables())
    theirs = run.run_sql_suite(con)
    run.check_suite(ours, theirs)
    # the comparison is not vacuous: most of the 6 modes × 6 cities × 3 years are there
    # (equity is 2% of 2000 deals, so a few of its groups are empty)
    assert theirs["funnel"].groupby(["mode", "region", "year"]).ngroups > 90
    assert len(theirs["budget_execution"]) > 0
    broken = {**theirs, "deal_values": theirs["deal_values"].copy()}
    broken["deal_values"].loc[0, "value"] *= 1.001
    with pytest.raises(AssertionError, match="deal_values"):
        run.check_suite(ours, broken)


def test_engagement_is_checked_against_duckdb(run, data):
    ledger = run.generate.read_ledger(run.generate.ensure_parquet(2000, data))
    queries = run.duckdb_engine.extra_calls()
    times = {}
    ours = run.run_extras(ledger, times)
    theirs = run.run_sql_extras(run.duckdb_engine.connect(ledger.tables()))
    run.check_suite(ours, theirs, queries)
    assert list(times) == ["engagement"]
    # ledger_sizes(2000): 200 events, all counted once in events_held
    held = theirs["engagement"].query("measure == 'events_held'")["value"].sum()
    assert held == len(ledger.events) == 200
    # the per-event means are compared too, not only the counts
    assert "attendees_onsite_per_event" in set(theirs["engagement"]["measure"])
    broken = {"engagement": theirs["engagement"].copy()}
    broken["engagement"].loc[0, "value"] += 1
    with pytest.raises(AssertionError, match="engagement"):
        run.check_suite(ours, broken, queries)


def test_openpyxl_route_reads_the_same_tables(run, data):
    path = run.generate.ensure_xlsx(600, data)
    ours = run.load_ledger(path)
    theirs = run.load_with_openpyxl(path)
    run.check_same_tables(ours, theirs)
    assert ours.report.ok and len(ours.signings) == run.generate.xlsx_sizes(600)["n_signings"]
    # the generator's qualified texts are parsed: “近500万元” is 5e6 yuan, approx
    approx = ours.signings[ours.signings["value_qualifier"] == "approx"]
    assert (approx["value"] == 5_000_000.0).any()


def test_loaded_parquet_has_the_loader_dtypes(run, data):
    from analysis.ledger import empty_frame
    from analysis.schema import TABLES

    ledger = run.generate.read_ledger(run.generate.ensure_parquet(2000, data))
    for name, frame in ledger.tables().items():
        expected = empty_frame(TABLES[name]).dtypes
        assert list(frame.columns) == list(expected.index), name
        for column, dtype in expected.items():
            assert pd.api.types.pandas_dtype(frame[column].dtype) == dtype, (name, column)
