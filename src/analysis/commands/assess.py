"""``python -m analysis assess``: score a programme, write the 绩效自评表 (xlsx) and a summary."""

from __future__ import annotations

import argparse
from pathlib import Path

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


def _load(data: Path):
    """Statistics CSV → DataFrame; workbook → Ledger via ``analysis.load``."""
    from analysis.assessment.inputs import read_statistics

    if data.suffix.lower() == ".csv":
        return read_statistics(data), None
    if not data.exists():
        raise UserError(f"找不到文件 {data}")
    try:
        from analysis.load import load_ledger
    except ImportError:
        raise UserError("读取台账工作簿需要 analysis.load 模块，但它不可用") from None
    ledger = load_ledger(data)
    return ledger, ledger


def run(args: argparse.Namespace) -> int:
    """Run ``assess``; return 0, or 1 when some rows carry flags that need a written reason.

    Examples:
        >>> import argparse
        >>> run(argparse.Namespace(data="missing.csv"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 找不到文件 missing.csv
    """
    from analysis.assessment import Rules, assess
    from analysis.assessment.inputs import read_csv_table, read_programme_info
    from analysis.assessment.summary import summary_markdown
    from analysis.export.form import write_form
    from analysis.export.safe import refuse_overwriting_inputs, write_text_atomic

    inputs = [getattr(args, name, None) for name in ("data", "targets", "programmes")]
    for name in ("out", "summary"):
        refuse_overwriting_inputs(getattr(args, name, None), *inputs)
    data, ledger = _load(Path(args.data))
    targets = None
    programmes = Path(args.programmes) if args.programmes else None
    if args.targets:
        targets = read_csv_table(args.targets, "targets")
        beside = Path(args.targets).with_name("programmes.csv")
        if programmes is None and beside.is_file():
            programmes = beside
    elif ledger is None:
        raise UserError("统计表没有绩效目标：请用 --targets 指定绩效目标表")
    rules = Rules().with_options(
        le_rule=args.le_rule,
        rounding=args.rounding,
        budget_weight=args.budget_weight,
        grade_bounds=_grade_bounds(args.grade_bounds),
    )
    source = targets if targets is not None else ledger.targets
    names = sorted({str(p).strip() for p in source.get("programme", [])} - {""})
    name = args.programme or (names[0] if len(names) == 1 else None)
    info = read_programme_info(programmes, name) if programmes and name else None
    result = assess(data, targets, rules, programme=args.programme, period=args.period, info=info)
    out = write_form(result, args.out)
    print(f"{result.programme}: 总分 {result.total:.2f}，等级 {result.grade} → {out}")
    if args.summary:
        write_text_atomic(args.summary, summary_markdown(result))
        print(f"summary → {args.summary}")
    for flag in result.flags.itertuples(index=False):
        print(f"  提示 {flag.indicator_id}: {flag.message}")
    return 0
