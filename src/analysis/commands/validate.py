"""``validate`` sub-command: load a ledger and list every rejected row."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.commands import MAP_HELP
from analysis.export.load_report import render_csv, render_text
from analysis.export.safe import refuse_overwriting_inputs, write_text_atomic
from analysis.load import LedgerError, LoadReport, is_statistics_file, load_ledger, load_table

HELP = "检查台账并列出每一条被拒绝的行 (check a ledger, list every rejected row)"


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``validate`` on the command line.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> sub = parser.add_subparsers()
        >>> args = add_parser(sub).parse_args(["ledger.xlsx", "--format", "csv"])
        >>> args.path, args.format, args.strict
        ('ledger.xlsx', 'csv', False)
    """
    parser = subparsers.add_parser(
        "validate",
        help=HELP,
        description=(
            f"{HELP}. PATH is a workbook (.xlsx), a folder of CSV files or one CSV file. "
            "Prints rows read/accepted/rejected per table, then every rejection with file, "
            "sheet, row, column, value and reason. Exit 1 when anything was rejected."
        ),
    )
    parser.add_argument("path", metavar="PATH", help="台账工作簿、CSV 文件夹或 CSV 文件")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="任何问题都作为错误（退出码 2）(treat any rejection as an input error, exit 2)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "csv"),
        default="text",
        help="text: 可读报告 (readable report); csv: 每条拒绝一行 (one rejection per line)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="写入文件而不是屏幕 (write to FILE instead of stdout)",
    )
    parser.add_argument("--map", metavar="MAPPING.csv", help=MAP_HELP)
    parser.add_argument(
        "--programme", help="项目名称，用于没有注明项目的行 (programme of rows that name none)"
    )
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Load ``args.path``, print the report, return 1 if rows were rejected else 0."""
    refuse_overwriting_inputs(args.output, args.path)
    # With --strict a rejection raises LedgerError, a UserError: the CLI prints it, exit 2.
    if is_statistics_file(args.path):
        # A statistics table (as indicators/extract write it) is checked like a ledger table.
        frame = load_table(args.path, "statistics", strict=False)
        report: LoadReport = frame.attrs["load_report"]
        if args.strict and not report.ok:
            raise LedgerError(report)
    else:
        ledger = load_ledger(
            args.path,
            strict=args.strict,
            mapping=getattr(args, "map", None),
            programme=getattr(args, "programme", None),
        )
        report = ledger.report
    text = render_csv(report) if args.format == "csv" else render_text(report)
    if args.output:
        # UTF-8 with BOM so that Excel opens the CSV with the Chinese intact.
        encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
        write_text_atomic(Path(args.output), text, encoding=encoding)
    else:
        sys.stdout.write(text)
    return 0 if report.ok else 1


__all__ = ["add_parser", "run"]
