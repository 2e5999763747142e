"""``python -m analysis assess``: score a programme, write the 绩效自评表 (xlsx) and a summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands import MAP_HELP
from analysis.errors import UserError

#: Names of the rule presets (analysis.assessment.rules.PRESETS), kept here so that
#: ``--help`` does not import the assessment.
PRESET_NAMES = ("central", "guangxi", "platform-2022", "sichuan")


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
    local = parser.add_argument_group("local rules (docs/assessment.md gives each source)")
    local.add_argument(
        "--rules",
        choices=PRESET_NAMES,
        default="central",
        help="named preset: central (财预〔2020〕10号, default); guangxi (reason required at "
        "≥ 130%% of target); platform-2022 (−2 points at ≥ 130%%, total capped by 执行率); "
        "sichuan (budget reason required below 90%% 执行率)",
    )
    local.add_argument(
        "--over-target",
        choices=("flag", "deduct"),
        help="actual ≥ bound × target: flag for a reason, or deduct points too",
    )
    local.add_argument("--over-target-points", type=float, help="points deducted (2)")
    local.add_argument("--over-target-bound", type=float, help="bound as a ratio (1.3)")
    local.add_argument(
        "--execution-caps",
        action="store_true",
        default=None,
        help="cap the total by 执行率: <80%% → 89, <70%% → 79, <60%% → 69, <50%% → 59",
    )
    local.add_argument(
        "--reason-over-target",
        action="store_true",
        default=None,
        help="a written reason is required at ≥ bound × target (marked on the form)",
    )
    local.add_argument(
        "--reason-rate-below",
        type=float,
        help="a budget reason is required below this 执行率, e.g. 0.9",
    )
    local.add_argument(
        "--not-applicable",
        choices=("error", "drop"),
        help="rows whose actual is 不适用: an error, or dropped with the rest rescaled",
    )
    local.add_argument(
        "--execution-base",
        choices=("full_year", "initial"),
        help="执行率 on 全年预算数 (= 调整后预算数, default) or on 年初预算数",
    )
    parser.add_argument(
        "--layout",
        choices=("central", "sichuan"),
        default="central",
        help="form layout: central 财预〔2020〕10号 or sichuan 部门预算项目支出绩效自评表",
    )
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
    from analysis.assessment.rules import EXECUTION_CAPS, preset
    from analysis.report.assessment import assess_files

    def option(name):
        return getattr(args, name, None)

    rules = preset(option("rules") or "central").with_options(
        le_rule=option("le_rule"),
        rounding=option("rounding"),
        budget_weight=option("budget_weight"),
        grade_bounds=_grade_bounds(option("grade_bounds")),
        over_target=option("over_target"),
        over_target_points=option("over_target_points"),
        overachievement_flag=option("over_target_bound"),
        execution_caps=EXECUTION_CAPS if option("execution_caps") else None,
        reason_over_target=option("reason_over_target"),
        reason_rate_below=option("reason_rate_below"),
        not_applicable=option("not_applicable"),
        execution_base=option("execution_base"),
    )
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
    )
    result = done.assessment
    for note in done.notes:
        print(f"  读取 {note}")
    print(f"{result.programme}: 总分 {result.total:.2f}，等级 {result.grade} → {done.form}")
    if done.summary:
        print(f"summary → {done.summary}")
    for flag in result.flags.itertuples(index=False):
        print(f"  提示 {flag.indicator_id}: {flag.message}")
    return 0
