"""Throughput of extract_statistics in MB of UTF-8 text per second, against a bare regex.

Usage: ``PYTHONPATH=src python benchmarks/bench_extract.py [--repeat N] [--runs K]``.
The text is the five seed reports (shared/seeds) concatenated ``--repeat`` times; the
reference is ``re.finditer`` of digit runs over the same text, timed in the same process, so
that the ratio holds on a noisy machine. Prints ``name=value`` pairs.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from analysis.extract import extract_statistics, find_statistics
from analysis.paths import SHARED_SEEDS

_DIGITS = re.compile(r"[0-9]+")


def _best(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SHARED_SEEDS)
    parser.add_argument("--repeat", type=int, default=40, help="copies of the seed texts")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; the best is kept")
    args = parser.parse_args(argv)
    files = sorted(Path(args.seeds).glob("*.txt"))
    if not files:
        print(f"no seed texts in {args.seeds} (set ANALYSIS_SHARED_SEEDS)", file=sys.stderr)
        return 2
    one = "\n".join(p.read_text(encoding="utf-8") for p in files)
    text = "\n".join([one] * args.repeat)
    mb = len(text.encode("utf-8")) / 1e6
    rows = len(extract_statistics(text))
    t_table = _best(lambda: extract_statistics(text), args.runs)
    t_find = _best(lambda: find_statistics(text), args.runs)
    t_ref = _best(lambda: sum(1 for _ in _DIGITS.finditer(text)), args.runs)
    print(f"text_mb={mb:.3f}")
    print(f"chars={len(text)}")
    print(f"rows={rows}")
    print(f"extract_statistics_s={t_table:.4f}")
    print(f"extract_statistics_mb_per_s={mb / t_table:.3f}")
    print(f"find_statistics_mb_per_s={mb / t_find:.3f}")
    print(f"reference_finditer_digits_mb_per_s={mb / t_ref:.3f}")
    print(f"slowdown_vs_reference={t_table / t_ref:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
