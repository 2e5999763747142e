"""Scale benchmark: indicator suite against DuckDB, loading against openpyxl, scaling, memory.

Usage: ``PYTHONPATH=src python benchmarks/run.py [--quick] [--repeat N]`` (``make bench``,
``make bench-quick``). Data come from ``benchmarks/generate.py`` (generated on first use
into ``benchmarks/data/``). In one run:

1. the indicator suite (``funnel`` and ``deal_values`` by mode × region × year,
   ``fiveg_coverage`` by region × year, ``budget_execution`` by year) on the loaded ledger,
   against the library's DuckDB engine (``duckdb_engine``) on the same tables, at the
   small and the large size, results checked equal; each step (the shared
   ``deal_stages`` join, then each family) is timed too, and ``engagement`` by region ×
   event type is timed and checked beside the suite but not counted in its total;
2. ``load_ledger`` on the big workbook against ``pandas.read_excel(engine="openpyxl")``
   followed by the same coercion, tables checked identical;
3. the scaling of the suite's time from the small to the large size;
4. peak RSS of a fresh process that reads the large ledger and runs the suite, against the
   in-memory size of its tables (``memory_usage(deep=True)``).

Times are medians of ``--repeat`` runs. The last line printed is ``name=value`` pairs.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import duckdb_engine
import generate

from analysis.indicators import (
    budget_execution,
    deal_stages,
    deal_values_from_stages,
    encode_dimensions,
    engagement,
    fiveg_coverage,
    funnel_from_stages,
)
from analysis.ledger import Ledger
from analysis.load import load_ledger
from analysis.load import sources as load_sources

FULL = {"small": 1_000_000, "large": 10_000_000, "xlsx": 200_000, "repeat": 3, "load_repeat": 3,
        "report": True}  # fmt: skip
QUICK = {"small": 100_000, "large": 1_000_000, "xlsx": 20_000, "repeat": 3, "load_repeat": 3,
         "report": True}  # fmt: skip


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls of ``fn``, and the last result.

    Examples:
        >>> seconds, result = median_time(lambda: 42, 3)
        >>> result, seconds >= 0
        (42, True)
    """
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


#: Steps of the suite in the order they run; ``deal_stages`` is the join the others share.
SUITE_STEPS = ("deal_stages", "funnel", "deal_values", "fiveg_coverage", "budget_execution")


def _step(times: dict[str, float], name: str, fn: Callable[..., object], *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    times[name] = time.perf_counter() - t0
    return out


def run_suite(ledger: Ledger, times: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """The indicator suite of the benchmark, from the library; each step's time into ``times``.

    Examples:
        >>> from analysis.devtools.synthetic import make_ledger
        >>> tables = generate.as_loaded(make_ledger(3, n_events=50, n_signings=200, n_cases=50))
        >>> times = {}
        >>> sorted(run_suite(Ledger(**tables), times))
        ['budget_execution', 'deal_values', 'fiveg_coverage', 'funnel']
        >>> tuple(times) == SUITE_STEPS
        True
    """
    times = {} if times is None else times
    by = duckdb_engine.SUITE_BY
    # Deal stages (the signing-conversion join) once for the three views that need them,
    # as rollup does; the SQL suite likewise builds its deals table once.
    stages = _step(times, "deal_stages", deal_stages, ledger)
    return {
        "funnel": _step(times, "funnel", funnel_from_stages, stages, by=by),
        "deal_values": _step(times, "deal_values", deal_values_from_stages, stages, by=by),
        "fiveg_coverage": _step(
            times, "fiveg_coverage", fiveg_coverage, ledger, by=duckdb_engine.FIVEG_BY
        ),
        "budget_execution": _step(
            times, "budget_execution", budget_execution, ledger, by="year", stages=stages
        ),
    }


def run_extras(ledger: Ledger, times: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """Families outside the suite's goal, timed the same way (engagement)."""
    times = {} if times is None else times
    by = duckdb_engine.ENGAGEMENT_BY
    return {"engagement": _step(times, "engagement", engagement, ledger, by=by)}


def run_sql_suite(engine, times: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """The same suite on the library's DuckDB engine (``duckdb_engine.connect*``).

    Its deals table is built again in every run, as the pandas side computes its deal
    stages again.
    """
    times = {} if times is None else times
    _step(times, "deal_stages", engine.build_deals)
    return {
        name: _step(times, name, call, engine)
        for name, (call, _) in duckdb_engine.suite_calls().items()
    }


def run_sql_extras(engine, times: dict[str, float] | None = None) -> dict[str, pd.DataFrame]:
    """The extra families on the DuckDB engine."""
    times = {} if times is None else times
    return {
        name: _step(times, name, call, engine)
        for name, (call, _) in duckdb_engine.extra_calls().items()
    }


def median_steps(
    fn: Callable[[dict[str, float]], object], repeat: int
) -> tuple[dict[str, float], object]:
    """Median over ``repeat`` runs of each step's time and of their ``total``; last result.

    Examples:
        >>> steps, out = median_steps(lambda times: times.update(a=1.0, b=2.0) or "x", 3)
        >>> steps, out
        ({'a': 1.0, 'b': 2.0, 'total': 3.0}, 'x')
    """
    runs, result = [], None
    for _ in range(repeat):
        times: dict[str, float] = {}
        result = fn(times)
        runs.append({**times, "total": sum(times.values())})
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}, result


def check_suite(
    ours: dict[str, pd.DataFrame],
    theirs: dict[str, pd.DataFrame],
    calls: dict[str, tuple[object, list[str]]] | None = None,
) -> None:
    """Assert both engines agree on every row, qualifiers included (default: the suite)."""
    for name, (_, keys) in (calls or duckdb_engine.suite_calls()).items():
        try:
            duckdb_engine.compare(ours[name], theirs[name], keys)
        except AssertionError as exc:
            raise AssertionError(f"{name}: library and DuckDB differ: {exc}") from exc


def table_bytes(ledger: Ledger) -> int:
    """In-memory size of the ledger's tables, ``memory_usage(deep=True)``, in bytes.

    Examples:
        >>> table_bytes(Ledger()) > 0
        True
    """
    return int(sum(f.memory_usage(deep=True).sum() for f in ledger.tables().values()))


# ---------------------------------------------------------------------------- loading


def _openpyxl_workbook(path, lookup, report, fallback, recogniser, found):
    """``_start_workbook`` with pandas + openpyxl as the reader (same sheets, same rows).

    The sheets are read whole before any table is loaded, as ``pd.read_excel`` reads them.
    """
    from analysis.load.cells import normalise_header
    from analysis.schema import TABLES

    sheets = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl", dtype=object)
    sources = {}
    for sheet, frame in sheets.items():
        name = lookup.get(normalise_header(sheet))
        if name is None or name in sources:
            continue
        rows = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
        sources[name] = load_sources.Source(TABLES[name], Path(path).name, sheet, None, rows)
    return load_sources.Reading(lambda: found(sources))


def load_with_openpyxl(path: Path) -> Ledger:
    """``load_ledger`` reading the workbook through ``pandas.read_excel(engine="openpyxl")``.

    The cells go through the loader's own coercion, checks and report, so that only the
    reader differs from ``load_ledger``.
    """
    with mock.patch.object(load_sources, "_start_workbook", _openpyxl_workbook):
        return load_ledger(path)


def check_same_tables(a: Ledger, b: Ledger) -> None:
    """Assert two ledgers hold identical tables (values and dtypes)."""
    for name, frame in a.tables().items():
        pd.testing.assert_frame_equal(frame, getattr(b, name), check_exact=True, obj=name)


def bench_load(path: Path, repeat: int) -> dict[str, float]:
    """Time ``load_ledger`` and the openpyxl route on the workbook; check equal tables.

    The two take turns (ours, theirs, ours …), the median of each: a slow spell of the
    shared machine then falls on both, not on the three short loads of one side only.
    """
    ours_s, theirs_s = [], []
    for _ in range(repeat):
        seconds, ours = median_time(lambda: load_ledger(path), 1)
        ours_s.append(seconds)
        seconds, theirs = median_time(lambda: load_with_openpyxl(path), 1)
        theirs_s.append(seconds)
    check_same_tables(ours, theirs)
    ours_s, theirs_s = statistics.median(ours_s), statistics.median(theirs_s)
    rows = sum(len(f) for f in ours.tables().values())
    return {"load_s": ours_s, "openpyxl_s": theirs_s, "rows": rows}


# ---------------------------------------------------------------------------- a size in a child


def _library_part(
    folder: Path, repeat: int
) -> tuple[dict, dict[str, pd.DataFrame], int, int, float]:
    ledger = generate.read_ledger(folder)
    tables = table_bytes(ledger)
    # At load, as DuckDB stores its tables: the text dimensions are hashed once here (timed
    # and printed, not counted in the suite; a view would otherwise do it on first use).
    begin = time.perf_counter()
    encode_dimensions(ledger)
    encode_s = time.perf_counter() - begin
    steps, ours = median_steps(lambda times: run_suite(ledger, times), repeat)
    extra_steps, extras = median_steps(lambda times: run_extras(ledger, times), repeat)
    # ru_maxrss is the high-water mark so far, in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    extra_steps.pop("total")
    return {**steps, **extra_steps}, {**ours, **extras}, tables, peak, encode_s


def measure_size(folder: Path, repeat: int) -> dict[str, object]:
    """In this process: read the ledger, time both sides step by step, take the peak RSS.

    The suite's time is the median of its runs' totals (``deal_stages`` and the four
    families); engagement is timed beside it but not counted in it. Peak RSS is read after
    the library's runs and before DuckDB loads the same Parquet files (once the pandas
    tables are freed), so it covers reading the ledger and the indicators, and nothing from
    earlier stages of the benchmark.
    """
    ours_s, ours, tables, peak, encode_s = _library_part(folder, repeat)
    begin = time.perf_counter()
    con = duckdb_engine.connect_parquet(folder)
    duckdb_load_s = time.perf_counter() - begin
    sql_s, theirs = median_steps(lambda times: run_sql_suite(con, times), repeat)
    extra_s, extras = median_steps(lambda times: run_sql_extras(con, times), repeat)
    con.close()
    check_suite(ours, theirs)
    check_suite(ours, extras, duckdb_engine.extra_calls())
    suite_s, duckdb_s = ours_s.pop("total"), sql_s.pop("total")
    extra_s.pop("total")
    sql_steps = {**sql_s, **extra_s}
    return {
        "suite_s": suite_s,
        "duckdb_s": duckdb_s,
        # step → [library s, DuckDB s], suite steps then engagement
        "steps": {name: [ours_s[name], sql_steps[name]] for name in ours_s},
        "peak_rss_bytes": peak,
        "table_bytes": tables,
        # outside both suites' times: the library's dimension encoding, DuckDB's tables
        "at_load": [encode_s, duckdb_load_s],
    }


def measure_size_in_child(folder: Path, repeat: int) -> dict[str, float]:
    """``measure_size`` in a fresh Python process, so that earlier stages do not count."""
    return _in_child(["--child", str(folder)], repeat)


def bench_load_in_child(path: Path, repeat: int) -> dict[str, float]:
    """``bench_load`` in a fresh Python process: both readers start from the same state,
    not from what the 10M-deal stages left in this one."""
    return _in_child(["--load-child", str(path)], repeat)


def _in_child(args: list[str], repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, *args, "--repeat", str(repeat)],
        check=False,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RuntimeError(f"benchmark child failed on {args[-1]}:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- driver


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(sizes: dict[str, int], root: Path = generate.DATA) -> dict[str, float]:
    """Run every stage at ``sizes`` and return the figures by name."""
    repeat = sizes["repeat"]
    results: dict[str, float] = {}
    measured = {}
    for label in ("small", "large"):
        rows = sizes[label]
        folder = generate.ensure_parquet(rows, root)
        measured[label] = figures = measure_size_in_child(folder, repeat)
        log(
            f"indicators {rows:>10,} rows: library {figures['suite_s']:.2f} s, "
            f"DuckDB {figures['duckdb_s']:.2f} s (equal results); "
            f"peak RSS {figures['peak_rss_bytes'] / 2**30:.2f} GiB, "
            f"tables {figures['table_bytes'] / 2**30:.2f} GiB"
        )
        log(step_table(figures["steps"]))
        encode_s, duckdb_load_s = figures["at_load"]
        log(
            f"  at load (not in the suite): library encodes its dimensions {encode_s:.3f} s, "
            f"DuckDB makes its tables from Parquet {duckdb_load_s:.3f} s"
        )
        results[f"suite_{label}_s"] = figures["suite_s"]
        results[f"duckdb_{label}_s"] = figures["duckdb_s"]
    path = generate.ensure_xlsx(sizes["xlsx"], root)
    load = bench_load_in_child(path, sizes["load_repeat"])
    log(
        f"load {load['rows']:,}-row workbook: load_ledger {load['load_s']:.2f} s, "
        f"openpyxl {load['openpyxl_s']:.2f} s (identical tables)"
    )
    if sizes.get("report"):
        from bench_report import bench_report

        timed = bench_report()
        log(
            f"report on the sample: {timed['report_jobs']:.0f} notebooks at once "
            f"{timed['report_parallel_s']:.1f} s, "
            f"one after another {timed['report_serial_s']:.1f} s"
        )
        results.update(timed)
    memory = measured["large"]
    results.update(
        {
            "rows_small": sizes["small"],
            "rows_large": sizes["large"],
            "xlsx_rows": load["rows"],
            "load_s": load["load_s"],
            "openpyxl_s": load["openpyxl_s"],
            "peak_rss_gib": memory["peak_rss_bytes"] / 2**30,
            "tables_gib": memory["table_bytes"] / 2**30,
            "indicators_vs_duckdb": results["suite_large_s"] / results["duckdb_large_s"],
            "scaling": results["suite_large_s"] / results["suite_small_s"],
            "load_vs_openpyxl": load["openpyxl_s"] / load["load_s"],
            "peak_rss_ratio": memory["peak_rss_bytes"] / memory["table_bytes"],
            "engagement_vs_duckdb": ratio(*memory["steps"]["engagement"]),
            **worst_step(memory["steps"]),
        }
    )
    return results


def worst_step(steps: dict[str, list[float]]) -> dict[str, object]:
    """The suite's step slowest against its DuckDB twin (engagement is outside the suite).

    Examples:
        >>> worst_step({"funnel": [2.0, 1.0], "deal_values": [1.0, 2.0], "engagement": [9, 1]})
        {'worst_step_vs_duckdb': 2.0, 'worst_step': 'funnel'}
    """
    ratios = {name: ratio(*steps[name]) for name in SUITE_STEPS if name in steps}
    name = max(ratios, key=ratios.get)
    return {"worst_step_vs_duckdb": ratios[name], "worst_step": name}


def ratio(ours: float, theirs: float) -> float:
    """``ours / theirs``, or infinity when DuckDB's time rounds to zero.

    Examples:
        >>> ratio(3.0, 2.0), ratio(1.0, 0.0)
        (1.5, inf)
    """
    return ours / theirs if theirs > 0 else float("inf")


def step_table(steps: dict[str, list[float]]) -> str:
    """One line per step: library and DuckDB seconds and their ratio.

    Examples:
        >>> print(step_table({"funnel": [0.5, 0.25]}))
          funnel                library   0.500 s   DuckDB   0.250 s   2.00x
    """
    return "\n".join(
        f"  {name:<20s}  library {ours:7.3f} s   DuckDB {theirs:7.3f} s  "
        f"{ratio(ours, theirs):5.2f}x"
        for name, (ours, theirs) in steps.items()
    )


def summary_line(results: dict[str, float], quick: bool) -> str:
    """The closing ``name=value`` line: the six goal figures first, then the seconds.

    Examples:
        >>> r = dict(indicators_vs_duckdb=1.5, worst_step_vs_duckdb=1.8, worst_step="funnel",
        ...          scaling=10.0, load_vs_openpyxl=9.0, peak_rss_ratio=2.0,
        ...          report_parallel_vs_serial=0.6, report_parallel_s=6.0, report_serial_s=10.0,
        ...          engagement_vs_duckdb=1.2, suite_large_s=3.0, duckdb_large_s=2.0,
        ...          suite_small_s=0.3, load_s=1.0, openpyxl_s=9.0, peak_rss_gib=2.0,
        ...          tables_gib=1.0, rows_small=10, rows_large=100, xlsx_rows=5)
        >>> summary_line(r, quick=True).split()[:6]  # doctest: +NORMALIZE_WHITESPACE
        ['indicators_vs_duckdb=1.50', 'worst_step_vs_duckdb=1.80', 'scaling_100k_to_1m=10.00',
         'load_vs_openpyxl=9.00', 'peak_rss_ratio=2.00', 'report_parallel_vs_serial=0.60']
    """
    scaling = "scaling_100k_to_1m" if quick else "scaling_1m_to_10m"
    report = results.get("report_parallel_vs_serial")
    pairs = {
        "indicators_vs_duckdb": f"{results['indicators_vs_duckdb']:.2f}",
        "worst_step_vs_duckdb": f"{results['worst_step_vs_duckdb']:.2f}",
        scaling: f"{results['scaling']:.2f}",
        "load_vs_openpyxl": f"{results['load_vs_openpyxl']:.2f}",
        "peak_rss_ratio": f"{results['peak_rss_ratio']:.2f}",
        # "skipped" when the report stage did not run (sizes without "report")
        "report_parallel_vs_serial": "skipped" if report is None else f"{report:.2f}",
        "worst_step": str(results["worst_step"]),
        "engagement_vs_duckdb": f"{results['engagement_vs_duckdb']:.2f}",
        "suite_large_s": f"{results['suite_large_s']:.2f}",
        "duckdb_large_s": f"{results['duckdb_large_s']:.2f}",
        "suite_small_s": f"{results['suite_small_s']:.2f}",
        "load_s": f"{results['load_s']:.2f}",
        "openpyxl_s": f"{results['openpyxl_s']:.2f}",
        "peak_rss_gib": f"{results['peak_rss_gib']:.2f}",
        "tables_gib": f"{results['tables_gib']:.2f}",
        "rows_small": str(int(results["rows_small"])),
        "rows_large": str(int(results["rows_large"])),
        "xlsx_rows": str(int(results["xlsx_rows"])),
    }
    if report is not None:
        pairs["report_parallel_s"] = f"{results['report_parallel_s']:.1f}"
        pairs["report_serial_s"] = f"{results['report_serial_s']:.1f}"
    return " ".join(f"{k}={v}" for k, v in pairs.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k and 1M rows, 20k-row xlsx")
    parser.add_argument("--repeat", type=int, help="repetitions per timing (median)")
    parser.add_argument("--data", type=Path, default=generate.DATA, help="data folder")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--load-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(measure_size(args.child, args.repeat or 1)))
        return 0
    if args.load_child is not None:
        print(json.dumps(bench_load(args.load_child, args.repeat or 1)))
        return 0
    sizes = dict(QUICK if args.quick else FULL)
    if args.repeat is not None:
        sizes["repeat"] = sizes["load_repeat"] = args.repeat
    started = time.perf_counter()
    results = run(sizes, args.data)
    log(f"total {time.perf_counter() - started:.0f} s")
    print(summary_line(results, args.quick))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
