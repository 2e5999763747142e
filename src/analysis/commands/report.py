"""``report``: run the whole suite on the bundled data or on your own ledger."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands import MAP_HELP


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``report`` sub-command."""
    parser = sub.add_parser(
        "report",
        help="run every notebook on the data and write reports/ and figures/ (the main job)",
        description=(
            "Check the ledger, then execute every notebook in notebooks/ headless on it. "
            "Executed notebooks, self-assessment workbooks (自评表) and summaries go to "
            "--out (default reports/), figures to --figures (default figures/)."
        ),
    )
    parser.add_argument("--data", type=Path, help="ledger .xlsx or CSV folder (default: sample)")
    parser.add_argument("--out", type=Path, help="output folder (default: reports/)")
    parser.add_argument("--figures", type=Path, help="figure folder (default: figures/)")
    parser.add_argument("--programme", help="programme name in the ledger (default: all)")
    parser.add_argument("--period", help="year or year range, e.g. 2023 or 2021-2023")
    parser.add_argument("--map", type=Path, metavar="MAPPING.csv", help=MAP_HELP)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the report and return the exit code."""
    from analysis.report import build_report

    build_report(
        data=args.data,
        out_dir=args.out,
        figures_dir=args.figures,
        programme=args.programme,
        period=args.period,
        mapping=getattr(args, "map", None),
    )
    return 0
