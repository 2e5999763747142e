"""``extract``: propose the statistics in a report (.txt or .docx) as CSV, JSON or Excel."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pandas as pd

from analysis.errors import UserError
from analysis.export.safe import csv_text, refuse_overwriting_inputs, write_text_atomic
from analysis.extract import COLUMNS, extract_statistics, read_report

FORMATS = ("csv", "json", "xlsx")

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


def _write_xlsx(df: pd.DataFrame, path: Path) -> None:
    from openpyxl import Workbook

    from analysis.export.xlsx import save_workbook, write_table

    wb = Workbook()
    ws = wb.active
    ws.title = "统计"
    write_table(ws, df, headers=[f"{ZH_HEADERS[col]} {col}" for col in COLUMNS], freeze=True)
    # Fixed timestamps: the same report gives the same workbook, byte for byte.
    save_workbook(wb, path)


def _to_json(df: pd.DataFrame) -> str:
    records = [
        {k: (None if pd.isna(v) else v) for k, v in row.items()}
        for row in df.to_dict(orient="records")
    ]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def run(args: argparse.Namespace) -> int:
    """Extract the statistics of ``args.file`` and write them in ``args.format``."""
    fmt = args.format
    if fmt is None:
        suffix = args.output.suffix.lower().lstrip(".") if args.output else ""
        fmt = suffix if suffix in FORMATS else "csv"
    if fmt == "xlsx" and args.output is None:
        raise UserError("xlsx 格式需要用 -o 指定输出文件")
    refuse_overwriting_inputs(args.output, args.file)
    df = extract_statistics(read_report(args.file))
    if fmt == "xlsx":
        _write_xlsx(df, args.output)
        return 0
    if fmt == "json":
        text = _to_json(df)
    else:
        buf = io.StringIO()
        # Sentences are quoted from the report: keep formula-like text inert in Excel.
        text_columns = ["quantity_text", "sentence", "what"]
        safe = df.assign(**{c: df[c].map(csv_text) for c in text_columns})
        safe.to_csv(buf, index=False, lineterminator="\n")
        text = buf.getvalue()
    if args.output is None:
        sys.stdout.write(text)
    else:
        # utf-8-sig so that Excel on Windows opens the CSV with the right characters.
        write_text_atomic(args.output, text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    return 0
