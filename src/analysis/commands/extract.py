"""``extract``: propose the statistics in a report (.txt or .docx) as CSV, JSON or Excel."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.export.safe import refuse_overwriting_inputs
from analysis.export.tables import FORMATS, output_format, write_table_file
from analysis.extract import COLUMNS, extract_statistics, read_report

#: Chinese headers for the Excel sheet, one per column of ``COLUMNS``.
ZH_HEADERS = {
    "quantity_text": "原文数值",
    "value": "数值",
    "unit": "单位",
    "qualifier": "限定",
    "start": "起始位置",
    "end": "结束位置",
    "sentence": "原文句子",
    "what": "统计对象",
    "measure": "指标代码",
    "low": "下限",
    "high": "上限",
}


def add_parser(subparsers) -> None:
    """Register ``extract`` on the command line's sub-parsers.

    Examples:
        >>> import argparse
        >>> sub = argparse.ArgumentParser(prog="analysis").add_subparsers()
        >>> add_parser(sub)
        >>> sorted(sub.choices)
        ['extract']
    """
    parser = subparsers.add_parser(
        "extract",
        help="提取报告中的统计数字 / extract statistics from a report",
        description=(
            "Read a report (.txt in UTF-8 or GB18030, or .docx) and list the statistics in it, "
            "one row each, with the place in the text it came from (docs/extraction.md)."
        ),
    )
    parser.add_argument("file", type=Path, help="report text (.txt) or Word document (.docx)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the suffix of -o, else csv)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, help="output file (default: standard output; xlsx needs it)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Extract the statistics of ``args.file`` and write them in ``args.format``."""
    fmt = output_format(args.format, args.output)
    refuse_overwriting_inputs(args.output, args.file)
    table = extract_statistics(read_report(args.file))
    headers = [f"{ZH_HEADERS[col]} {col}" for col in COLUMNS]
    write_table_file(table, args.output, fmt, sheet="统计", headers=headers, freeze=True)
    return 0
