"""``python -m analysis assess``: score a programme, write the 绩效自评表 (xlsx) and a summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands import MAP_HELP
from analysis.commands.rule_options import PRESET_NAMES, add_rule_options, rules_from_args
from analysis.errors import UserError

__all__ = ["PRESET_NAMES", "add_parser", "run"]


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
    parser.add_argument(
        "data",
        nargs="?",
        help="statistics CSV (long table) or ledger workbook (.xlsx); leave out when the "
        "targets carry their actuals (实际完成值)",
    )
    parser.add_argument(
        "--targets",
        help="targets table (绩效目标表) as .xlsx, .xls or .csv, e.g. a budget-system export "
        "with merged 一级/二级 cells, 指标方向 and 度量单位 columns; default: the ledger's sheet",
    )
    parser.add_argument("--out", required=True, help="where to write the form (.xlsx)")
    parser.add_argument("--summary", help="where to write the markdown summary (.md)")
    parser.add_argument(
        "--programmes",
        help="programmes CSV for the header and budget (default: programmes.csv beside TARGETS)",
    )
    parser.add_argument("--programme", help="programme to score when the targets hold several")
    parser.add_argument("--period", help="period of the statistics to read (default: the year)")
    parser.add_argument("--map", type=Path, metavar="MAPPING.csv", help=MAP_HELP)
    header = parser.add_argument_group(
        "form header and budget (over the programmes table; money with its unit, e.g. 50万元)"
    )
    header.add_argument("--name", help="项目名称 on the form")
    header.add_argument("--department", help="主管部门")
    header.add_argument("--unit", help="实施单位")
    header.add_argument("--year", type=int, help="年度")
    header.add_argument("--budget", help="全年预算数 (调整后预算数), e.g. 50万元")
    header.add_argument("--spent", help="全年执行数, e.g. 37.5万元")
    header.add_argument("--budget-initial", help="年初预算数 (never taken from --budget)")
    header.add_argument("--budget-reason", help="reason written for the execution rate")
    add_rule_options(parser)
    parser.add_argument(
        "--layout",
        choices=("central", "sichuan"),
        default="central",
        help="form layout: central 财预〔2020〕10号 or sichuan 部门预算项目支出绩效自评表",
    )
    parser.add_argument(
        "--sensitivity",
        action="store_true",
        help="how firm the grade is: re-score under every rule preset and 2000 seeded random "
        "changes of weights and qualitative positions; adds a section to the summary and "
        "writes FORM_稳健性.png (docs/audit.md)",
    )
    parser.set_defaults(run=run)
    return parser


def _money(text: str | None, option: str) -> float | None:
    """An amount given with its unit ("50万元") in 元; a bare number is refused."""
    if text is None:
        return None
    from analysis.quantities import QuantityError, parse_quantity

    try:
        amount = parse_quantity(text)
    except QuantityError as exc:
        raise UserError(f"{option}“{text}”无法读取：{exc}") from None
    if amount.unit != "yuan" or amount.qualifier != "exact":
        raise UserError(f"{option}“{text}”须为带单位的确数金额，如 50万元 或 500000元")
    return amount.value


def run(args: argparse.Namespace) -> int:
    """Run ``assess``; return 0 (flags that need a written reason are printed).

    Examples:
        >>> import argparse
        >>> run(argparse.Namespace(data="missing.csv", out="f.xlsx"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 找不到文件 missing.csv: no such file or folder
    """
    from analysis.report.assessment import assess_files

    def option(name):
        return getattr(args, name, None)

    rules = rules_from_args(args)
    info = {
        "name": option("name"),
        "department": option("department"),
        "implementer": option("unit"),
        "year": option("year"),
        "budget_full_year": _money(option("budget"), "--budget"),
        "budget_spent": _money(option("spent"), "--spent"),
        "budget_initial": _money(option("budget_initial"), "--budget-initial"),
        "budget_reason": option("budget_reason"),
    }
    done = assess_files(
        option("data"),
        args.out,
        targets=option("targets"),
        programmes=option("programmes"),
        summary=option("summary"),
        programme=option("programme"),
        period=option("period"),
        rules=rules,
        mapping=option("map"),
        info=info,
        layout=option("layout") or "central",
        sensitivity_figure=bool(option("sensitivity")),
    )
    result = done.assessment
    for note in done.notes:
        print(f"  读取 {note}")
    print(f"{result.programme}: 总分 {result.total:.2f}，等级 {result.grade} → {done.form}")
    if done.summary:
        print(f"summary → {done.summary}")
    if done.sensitivity is not None:
        from analysis.report.sentences import sensitivity_sentence

        firm = done.sensitivity
        print(
            sensitivity_sentence(
                result.total, result.grade, firm.low, firm.high, firm.grades, firm.strongest
            )
        )
        print(f"figure → {done.figure}")
    for flag in result.flags.itertuples(index=False):
        print(f"  提示 {flag.indicator_id}: {flag.message}")
    return 0
