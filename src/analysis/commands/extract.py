"""``extract``: the statistics of a report (text, Word, PDF, Excel) as the statistics long table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import UserError
from analysis.export.safe import refuse_overwriting_inputs
from analysis.export.tables import FORMATS, output_format, write_table_file
from analysis.extract import extract_document, read_document
from analysis.extract.forms import form_rows
from analysis.extract.long_table import EXTRA_COLUMNS, statistics_table
from analysis.schema import STATISTICS, TARGETS


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
            "Read a report (.txt/.md in UTF-8 or GB18030, .docx, .pdf with a text layer, or "
            ".xlsx) and write the statistics in it, sentences and tables alike, as the "
            "statistics long table that `indicators`, `assess` and `compare` read: one row "
            "per number, with its location (page, paragraph, line or table cell) and quote. "
            "A number whose measure is not recognised gets the measure code 'unclassified' "
            "for you to replace (docs/extraction.md)."
        ),
    )
    parser.add_argument("file", type=Path, help="the report (.txt, .md, .docx, .pdf, .xlsx)")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: from the suffix of -o, else csv)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, help="output file (default: standard output; xlsx needs it)"
    )
    parser.add_argument(
        "--programme", help="programme code for the 项目 column (default: the file's name)"
    )
    parser.add_argument(
        "--period",
        help="period for the 期间 column, e.g. 2023 or 2021-2023 (default: the year in the title)",
    )
    parser.add_argument(
        "--forms",
        type=Path,
        metavar="TARGETS.csv",
        help="also write the rows of any 自评表 in the report as a 绩效目标 table (csv or xlsx)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Extract the statistics of ``args.file`` and write them in ``args.format``."""
    fmt = output_format(args.format, args.output)
    refuse_overwriting_inputs(args.output, args.file)
    forms = getattr(args, "forms", None)
    if forms is not None:
        refuse_overwriting_inputs(forms, args.file)
        if forms.suffix.lower() not in (".csv", ".xlsx"):
            raise UserError(f"--forms 只写 .csv 或 .xlsx：{forms} (csv or xlsx only)")
    doc = read_document(args.file)
    programme = getattr(args, "programme", None) or args.file.stem
    table = statistics_table(
        extract_document(doc),
        programme=programme,
        period=getattr(args, "period", None),
        source=args.file.name,
        text=doc.text,
    )
    if fmt == "xlsx":
        zh = {c.name: c.zh for c in STATISTICS.columns} | EXTRA_COLUMNS
        headers = [f"{zh[col]} {col}" if col in EXTRA_COLUMNS else zh[col] for col in table]
    else:
        headers = None
    write_table_file(table, args.output, fmt, sheet=STATISTICS.zh, headers=headers, freeze=True)
    if forms is not None:
        rows = form_rows(doc, programme)
        form_fmt = forms.suffix.lower().lstrip(".")
        zh = [c.zh for c in TARGETS.columns]
        write_table_file(rows, forms, form_fmt, sheet=TARGETS.zh, headers=zh, freeze=True)
        print(f"{len(rows)} 行自评表指标 → {forms}", file=sys.stderr)
    return 0
