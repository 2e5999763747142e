"""``report``: run the whole suite on the bundled data or on your own ledger."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis.commands import MAP_HELP


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``report`` sub-command."""
    parser = sub.add_parser(
        "report",
        help="run every notebook on the data and write the report document (the main job)",
        description=(
            "Check the ledger, then execute the notebooks in notebooks/ headless on it, "
            "several at once. Executed notebooks, self-assessment workbooks (自评表), "
            "summary.md and the report document index.html (with index.pdf when Chromium "
            "is installed) go to --out; figures to --figures. Defaults: reports/ and "
            "figures/ for the bundled sample, reports/<file name>/ and its figures/ for "
            "your own ledger. A section without data says so and is left out; the run "
            "ends with a summary of what ran and what was left out. Exit 0 when every "
            "notebook ran, 1 when one failed (ANALYSIS_DEBUG=1 prints its traceback)."
        ),
    )
    parser.add_argument("--data", type=Path, help="ledger .xlsx or CSV folder (default: sample)")
    parser.add_argument("--out", type=Path, help="output folder (see above)")
    parser.add_argument("--figures", type=Path, help="figure folder (default: <out>/figures)")
    parser.add_argument("--programme", help="programme name in the ledger (default: all)")
    parser.add_argument("--period", help="year or year range, e.g. 2023 or 2021-2023")
    parser.add_argument("--map", type=Path, metavar="MAPPING.csv", help=MAP_HELP)
    parser.add_argument(
        "--seeds",
        action="store_true",
        help="also run the seed-programme notebook (08) on your own ledger",
    )
    parser.add_argument(
        "--jobs", type=int, metavar="N", help="notebooks at once (default: one per core)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the report and return the exit code."""
    from analysis.report import build_report

    result = build_report(
        data=args.data,
        out_dir=args.out,
        figures_dir=args.figures,
        programme=args.programme,
        period=args.period,
        mapping=getattr(args, "map", None),
        seeds=True if getattr(args, "seeds", False) else None,
        jobs=getattr(args, "jobs", None),
    )
    for failed in result.failed:
        print(f"错误 / error: {failed.line()}", file=sys.stderr)
        if os.environ.get("ANALYSIS_DEBUG") == "1" and failed.traceback:
            print(failed.traceback, file=sys.stderr)
    return 1 if result.failed else 0
