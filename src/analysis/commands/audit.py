"""``python -m analysis audit``: check filled 自评表 forms against the scoring rules."""

from __future__ import annotations

import argparse

from analysis.commands.rule_options import add_rule_options, rules_from_args
from analysis.export.tables import output_format


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``audit`` sub-command.

    Examples:
        >>> import argparse
        >>> sub = argparse.ArgumentParser().add_subparsers()
        >>> args = add_parser(sub).parse_args(["a.xlsx", "b.xlsx", "--format", "md"])
        >>> args.forms, args.format
        (['a.xlsx', 'b.xlsx'], 'md')
    """
    parser = subparsers.add_parser(
        "audit",
        help="核查已填写的自评表 (check filled 项目支出绩效自评表 forms)",
        description=(
            "Read filled self-assessment forms (项目支出绩效自评表, .xlsx/.xls; one form per "
            "sheet, labels found wherever they are, merged or blank 一级/二级 cells filled "
            "down) and re-score every indicator and the budget line under the rules. Writes "
            "one row per indicator, one for the budget line and one for each form's total, "
            "with the columns form, excel_row, level1, level2, level3, target, actual, "
            "weight, score, score_recomputed, finding. Findings: a score that differs from "
            "the rule, weights that do not add up (per 一级 block and to 100), a qualitative "
            "score outside its band, a missing required reason, a wrong 执行率 or budget "
            "points, a wrong total or grade. Exit 0 when every form is consistent, 1 with "
            "findings. See docs/assessment.md."
        ),
        epilog=(
            "examples:\n"
            "  python -m analysis audit 自评表.xlsx\n"
            "  python -m analysis audit forms/*.xlsx --format xlsx -o 核查.xlsx\n"
            "  python -m analysis audit 自评表.xlsx --rules sichuan --format md"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("forms", nargs="+", metavar="FORM", help="filled forms (.xlsx/.xls)")
    parser.add_argument(
        "--format", choices=("csv", "xlsx", "md"), help="output format (default: from -o, else csv)"
    )
    parser.add_argument("-o", "--output", help="output file (csv or md to stdout if omitted)")
    add_rule_options(parser)
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Audit the forms, write the table, print a one-line summary; 1 when anything is found."""
    import sys

    from analysis.assessment.audit import audit_forms
    from analysis.export.audit_report import write_audit
    from analysis.export.safe import refuse_overwriting_inputs

    fmt = output_format(args.format, args.output)
    if fmt == "json":
        fmt = "csv"
    refuse_overwriting_inputs(args.output, *args.forms)
    rules = rules_from_args(args)
    audit = audit_forms(args.forms, rules)
    for note in audit.notes:
        print(f"注意 / note: {note}", file=sys.stderr)
    write_audit(audit, args.output, fmt)
    forms = audit.table["form"].nunique()
    print(
        f"核查 {forms} 张自评表，{audit.findings} 处问题 ({audit.findings} findings)",
        file=sys.stderr,
    )
    return 1 if audit.findings else 0
