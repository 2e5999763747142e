"""Time ``report`` on the bundled sample with its notebooks in parallel and one after another."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from analysis import paths
from analysis.report import build_report, default_jobs


def time_report(jobs: int, folder: Path) -> float:
    """Seconds of one ``report`` on the sample with ``jobs`` notebooks at once (no PDF)."""
    os.environ["ANALYSIS_NO_PDF"] = "1"
    begin = time.perf_counter()
    result = build_report(
        data=paths.SAMPLE_LEDGER,
        out_dir=folder / f"reports_{jobs}",
        figures_dir=folder / f"figures_{jobs}",
        say=lambda _text: None,
        jobs=jobs,
    )
    seconds = time.perf_counter() - begin
    if result.failed:
        raise RuntimeError(f"report failed: {[r.line() for r in result.failed]}")
    return seconds


def bench_report() -> dict[str, float]:
    """Serial and parallel ``report`` in the same run, and their ratio (lower is better).

    The serial run goes first and the parallel second, each into a fresh folder, so
    both start from the same state (imports warm in the OS cache after a first run).
    """
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        folder = Path(tmp)
        time_report(default_jobs(), folder / "warm")  # caches warm for both timed runs
        serial = time_report(1, folder)
        parallel = time_report(default_jobs(), folder)
    return {
        "report_serial_s": serial,
        "report_parallel_s": parallel,
        "report_jobs": float(default_jobs()),
        "report_parallel_vs_serial": parallel / serial,
    }


if __name__ == "__main__":
    figures = bench_report()
    print(" ".join(f"{k}={v:.2f}" for k, v in figures.items()))
