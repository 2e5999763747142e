"""``python -m analysis assess``: score a programme, write the 绩效自评表 (xlsx) and a summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands import MAP_HELP
from analysis.errors import UserError


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``assess`` sub-command.

    Examples:
        >>> import argparse
        >>> sub = argparse.ArgumentParser().add_subparsers()
        >>> add_parser(sub).prog.endswith("assess")
        True
    """
    parser = subparsers.add_parser(
        "assess",
        help="score targets against actuals and write the 项目支出绩效自评表 (xlsx)",
        description=(
            "Score a programme's performance targets (绩效目标) against actuals read from a "
            "statistics CSV (long table) or a ledger workbook, and write the self-assessment "
            "form (项目支出绩效自评表) as .xlsx plus a markdown summary."
        ),
    )
    parser.add_argument("data", help="statistics CSV (long table) or ledger workbook (.xlsx)")
    parser.add_argument(
        "--targets", help="targets CSV (绩效目标); default: the ledger's 绩效目标 sheet"
    )
    parser.add_argument("--out", required=True, help="where to write the form (.xlsx)")
    parser.add_argument("--summary", help="where to write the markdown summary (.md)")
    parser.add_argument(
        "--programmes",
        help="programmes CSV for the header and budget (default: programmes.csv beside TARGETS)",
    )
    parser.add_argument("--programme", help="programme to score when the targets hold several")
    parser.add_argument("--period", help="period of the statistics to read (default: the year)")
    parser.add_argument("--le-rule", choices=("ratio", "linear"), help="≤ targets above target")
    parser.add_argument(
        "--rounding", choices=("round2", "truncate2", "integer"), help="rounding of points"
    )
    parser.add_argument("--budget-weight", type=float, help="points of the budget line (10)")
    parser.add_argument(
        "--grade-bounds",
        help="lowest totals of 优,良,中 as three numbers, e.g. 90,80,60",
    )
    parser.add_argument("--map", type=Path, metavar="MAPPING.csv", help=MAP_HELP)
    parser.set_defaults(run=run)
    return parser


def _grade_bounds(text: str | None) -> tuple[float, float, float] | None:
    if not text:
        return None
    try:
        bounds = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise UserError(f"--grade-bounds“{text}”应为三个数，如 90,80,60") from None
    if len(bounds) != 3:
        raise UserError(f"--grade-bounds“{text}”应为三个数，如 90,80,60")
    return bounds


def run(args: argparse.Namespace) -> int:
    """Run ``assess``; return 0 (flags that need a written reason are printed).

    Examples:
        >>> import argparse
        >>> run(argparse.Namespace(data="missing.csv", out="f.xlsx"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 找不到文件 missing.csv: no such file or folder
    """
    from analysis.assessment import Rules
    from analysis.report.assessment import assess_files

    def option(name):
        return getattr(args, name, None)

    rules = Rules().with_options(
        le_rule=option("le_rule"),
        rounding=option("rounding"),
        budget_weight=option("budget_weight"),
        grade_bounds=_grade_bounds(option("grade_bounds")),
    )
    done = assess_files(
        args.data,
        args.out,
        targets=option("targets"),
        programmes=option("programmes"),
        summary=option("summary"),
        programme=option("programme"),
        period=option("period"),
        rules=rules,
        mapping=option("map"),
    )
    result = done.assessment
    print(f"{result.programme}: 总分 {result.total:.2f}，等级 {result.grade} → {done.form}")
    if done.summary:
        print(f"summary → {done.summary}")
    for flag in result.flags.itertuples(index=False):
        print(f"  提示 {flag.indicator_id}: {flag.message}")
    return 0
