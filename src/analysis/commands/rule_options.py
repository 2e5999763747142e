"""The scoring-rule options that ``assess`` and ``audit`` share, and the Rules they make."""

from __future__ import annotations

import argparse

from analysis.errors import UserError

#: Names of the rule presets (analysis.assessment.rules.PRESETS), kept here so that
#: ``--help`` does not import the assessment.
PRESET_NAMES = ("central", "guangxi", "platform-2022", "sichuan")


def add_rule_options(parser: argparse.ArgumentParser) -> None:
    """Add the rule options (preset, ≤ rule, rounding, local rules) to ``parser``.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> add_rule_options(parser)
        >>> parser.parse_args(["--rules", "sichuan"]).rules
        'sichuan'
    """
    parser.add_argument("--le-rule", choices=("ratio", "linear"), help="≤ targets above target")
    parser.add_argument(
        "--rounding", choices=("round2", "truncate2", "integer"), help="rounding of points"
    )
    parser.add_argument("--budget-weight", type=float, help="points of the budget line (10)")
    parser.add_argument(
        "--grade-bounds",
        help="lowest totals of 优,良,中 as three numbers, e.g. 90,80,60",
    )
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


def grade_bounds(text: str | None) -> tuple[float, float, float] | None:
    """``"90,80,60"`` → ``(90.0, 80.0, 60.0)``.

    Examples:
        >>> grade_bounds("95,85,60")
        (95.0, 85.0, 60.0)
    """
    if not text:
        return None
    try:
        bounds = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise UserError(f"--grade-bounds“{text}”应为三个数，如 90,80,60") from None
    if len(bounds) != 3:
        raise UserError(f"--grade-bounds“{text}”应为三个数，如 90,80,60")
    return bounds


def rules_from_args(args: argparse.Namespace):
    """The ``Rules`` the options ask for: the preset, then each option given.

    Examples:
        >>> args = argparse.Namespace(rules="platform-2022", le_rule="linear")
        >>> r = rules_from_args(args)
        >>> r.over_target, r.le_rule, r.execution_caps[0]
        ('deduct', 'linear', (0.8, 89.0))
    """
    from analysis.assessment.rules import EXECUTION_CAPS, preset

    def option(name):
        return getattr(args, name, None)

    return preset(option("rules") or "central").with_options(
        le_rule=option("le_rule"),
        rounding=option("rounding"),
        budget_weight=option("budget_weight"),
        grade_bounds=grade_bounds(option("grade_bounds")),
        over_target=option("over_target"),
        over_target_points=option("over_target_points"),
        overachievement_flag=option("over_target_bound"),
        execution_caps=EXECUTION_CAPS if option("execution_caps") else None,
        reason_over_target=option("reason_over_target"),
        reason_rate_below=option("reason_rate_below"),
        not_applicable=option("not_applicable"),
        execution_base=option("execution_base"),
    )


__all__ = ["PRESET_NAMES", "add_rule_options", "grade_bounds", "rules_from_args"]
