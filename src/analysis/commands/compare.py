"""``python -m analysis compare A B …``: programmes, regions or years side by side."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.commands import MAP_HELP
from analysis.export.safe import refuse_overwriting_inputs
from analysis.export.tables import output_format, write_table_file
from analysis.indicators.compare import BY, PER, compare_sources, side_by_side
from analysis.load import load_data

#: Chinese headers of the workbook, one per column of ``COMPARISON_COLUMNS``.
ZH_HEADERS = {
    "programme": "项目",
    "period": "期间",
    "measure": "指标代码",
    "measure_zh": "指标",
    "breakdown": "分项",
    "value": "数值",
    "unit": "单位",
    "qualifier": "限定",
    "display": "数量（原文写法）",
    "previous_period": "上期",
    "previous": "上期数值",
    "previous_qualifier": "上期限定",
    "change_pct": "比上期增长（%）",
    "change_pct_qualifier": "增长限定",
    "per_unit": "每单位数值",
    "per_unit_qualifier": "每单位限定",
    "percentile": "同组百分位",
    "percentile_qualifier": "百分位限定",
    "peers": "同组个数",
    "national_mean": "全国高校院所平均合同金额（元）",
    "vs_national_pct": "相对全国均值（%）",
    "vs_national_pct_qualifier": "相对全国限定",
    "national_source": "全国数据来源",
    "source": "来源",
}

EXAMPLES = """\
examples:
  python -m analysis compare ledger_a.xlsx ledger_b.xlsx
  python -m analysis compare data/sample/sample_ledger.xlsx data/seeds/statistics.csv --period 2023
  python -m analysis compare ledger.xlsx --by year --per budget -o years.csv
  python -m analysis compare a.xlsx b.xlsx --by region --format xlsx -o regions.xlsx
  python -m analysis compare a.xlsx b.csv --wide

Figures sit side by side only on the same period: a year beside the same year, a span
(2021-2023) beside the same span, never a year beside a span. Without --period every
period that two or more programmes share is shown. Qualifiers are kept: 近 (about),
余/超 (at least), 不到 (at most). docs/indicators.md ("Comparing") defines growth, the
per-unit values, the percentile and the national means.
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``compare`` sub-command.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> _ = add_parser(parser.add_subparsers())
        >>> args = parser.parse_args(["compare", "a.xlsx", "b.csv", "--per", "event"])
        >>> [str(p) for p in args.paths], args.by, args.per
        (['a.xlsx', 'b.csv'], 'programme', 'event')
    """
    parser = subparsers.add_parser(
        "compare",
        help="compare programmes, regions or years side by side (项目、地区、年度对比)",
        description=(
            "Set ledgers and statistics files side by side on aligned periods, with growth on "
            "the previous year, per-unit values, each programme's percentile among the "
            "compared ones and, for the mean deal by mode, the national mean of the same year."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="ledger workbooks (.xlsx), ledger folders or statistics files (.csv, 统计 .xlsx)",
    )
    parser.add_argument(
        "--by",
        choices=BY,
        default="programme",
        help="what sits side by side (default: programme; region needs ledgers)",
    )
    parser.add_argument(
        "--period", help="only this period, e.g. 2023 or 2021-2023 (with --by year: those years)"
    )
    parser.add_argument(
        "--per",
        choices=tuple(PER),
        default=None,
        help="divide volumes by budget (per 万元), events held or deals signed",
    )
    parser.add_argument("--format", choices=("csv", "xlsx"), default=None, help="output format")
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="output file (CSV to stdout if omitted)"
    )
    parser.add_argument(
        "--wide",
        action="store_true",
        help="one column per programme (or year) with the figures as written (近300人)",
    )
    parser.add_argument("--map", type=Path, metavar="MAPPING.csv", help=MAP_HELP)
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Compare the inputs and write the table; return 1 if nothing aligned or rows were rejected.

    Examples:
        >>> args = argparse.Namespace(paths=[Path("a.csv")], format="xlsx", output=None)
        >>> run(args)
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: --format xlsx 需要用 -o 指定输出文件: xlsx output needs -o OUT
    """
    fmt = output_format(args.format, args.output)
    refuse_overwriting_inputs(args.output, *args.paths)
    loaded = [load_data(p, mapping=getattr(args, "map", None)) for p in args.paths]
    table = compare_sources(loaded, by=args.by, period=args.period, per=args.per)
    if args.wide:
        wide = side_by_side(table, by=args.by).reset_index()
        write_table_file(wide, args.output, fmt, sheet="对比")
    else:
        write_table_file(table, args.output, fmt, sheet="对比", headers=ZH_HEADERS)
    rejected = [
        str(p)
        for p, d in zip(args.paths, loaded, strict=True)
        if not _ok(getattr(d, "report", None))
    ]
    if args.output is not None:
        print(f"{len(table)} 行对比 → {args.output}", file=sys.stderr)
    if table.empty:
        print(
            "没有可对齐的期间：各输入没有相同期间的同一指标；用 --period 指定，或 --by year "
            "(no figure shares a period; name one with --period)",
            file=sys.stderr,
        )
        for name, periods in table.attrs.get("periods", {}).items():
            print(f"  {name}: {', '.join(periods)}", file=sys.stderr)
        return 1
    if rejected:
        print(
            f"注意：{', '.join(rejected)} 中有行未读入；运行 validate 查看 "
            "(rows were rejected and left out; run validate for the list)",
            file=sys.stderr,
        )
        return 1
    return 0


def _ok(report) -> bool:
    return report is None or report.ok


__all__ = ["add_parser", "run"]
