"""``python -m analysis indicators PATH``: the indicator table of a ledger or statistics file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.commands import MAP_HELP
from analysis.errors import UserError
from analysis.export.tables import output_format, write_table_file
from analysis.indicators import indicator_table
from analysis.indicators.rollup import ENGINES
from analysis.load import load_data
from analysis.schema import STATISTICS


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``indicators`` sub-command.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> _ = add_parser(parser.add_subparsers())
        >>> parser.parse_args(["indicators", "ledger.xlsx", "--format", "xlsx"]).format
        'xlsx'
    """
    parser = subparsers.add_parser(
        "indicators",
        help="compute the indicator table (统计长表，含派生指标) of a ledger or statistics file",
        description=(
            "Write the indicator table in the statistics long form: a ledger workbook (or a "
            "folder of ledger CSV files) is rolled up; a statistics CSV gets its derived "
            "measures (rates, means, coverage, cost per output) added."
        ),
    )
    parser.add_argument(
        "path", type=Path, help="ledger workbook (.xlsx), folder, or statistics CSV"
    )
    parser.add_argument("--format", choices=("csv", "xlsx"), default=None, help="output format")
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="output file (CSV to stdout if omitted)"
    )
    parser.add_argument(
        "--basis",
        choices=("spent", "planned"),
        default="spent",
        help="money divided by outputs for cost per output (default: spent)",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="pandas",
        help="engine that rolls a ledger up: pandas (default) or duckdb (optional extra "
        "kechuang-eval[duckdb]; same results, for national-size ledgers)",
    )
    parser.add_argument("--map", type=Path, metavar="MAPPING.csv", help=MAP_HELP)
    parser.add_argument("--programme", help="programme of ledger rows that name none")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Compute and write the indicator table; return 1 when ledger rows were left out.

    Examples:
        >>> args = argparse.Namespace(path=Path("x.csv"), format="xlsx", output=None,
        ...                           basis="spent")
        >>> run(args)
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: --format xlsx 需要用 -o 指定输出文件: xlsx output needs -o OUT
    """
    fmt = output_format(args.format, args.output)
    if fmt == "json":
        raise UserError("indicators 只写 csv 或 xlsx (csv or xlsx only)")
    data = load_data(
        args.path, mapping=getattr(args, "map", None), programme=getattr(args, "programme", None)
    )
    table = indicator_table(data, basis=args.basis, engine=getattr(args, "engine", "pandas"))
    headers = {c.name: c.zh for c in STATISTICS.columns}
    write_table_file(table, args.output, fmt, sheet=STATISTICS.zh, headers=headers)
    if args.output is not None:
        print(f"{len(table)} 行指标 → {args.output}", file=sys.stderr)
    report = getattr(data, "report", None)
    if report is not None and not report.ok:
        print(
            f"注意：台账中有 {len(report.rejections)} 处问题，相关行未计入指标；"
            f"运行 `python -m analysis validate {args.path}` 查看 "
            "(rows were rejected and left out; run validate for the list)",
            file=sys.stderr,
        )
        return 1
    return 0
