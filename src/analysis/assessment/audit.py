"""Check filled 自评表 forms: re-score every row under the rules and name each inconsistency."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.assessment.rules import BAND_LABELS, Rules
from analysis.assessment.score import evaluate, rule_points
from analysis.assessment.targets import DIRECTION_ALIASES, DIRECTIONS
from analysis.errors import UserError
from analysis.load.forms import FilledForm, FormRow, read_forms

#: Columns of the audit table, in order.
AUDIT_COLUMNS = (
    "form",
    "excel_row",
    "level1",
    "level2",
    "level3",
    "target",
    "actual",
    "weight",
    "score",
    "score_recomputed",
    "finding",
)

#: Chinese headers of the audit table.
AUDIT_HEADERS = {
    "form": "自评表",
    "excel_row": "行号",
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "score_recomputed": "重算得分",
    "finding": "问题",
}

#: Points closer than this count as equal (forms round to two decimals).
TOLERANCE = 0.005


@dataclass
class Audit:
    """What ``audit_forms`` found.

    Attributes:
        table: One row per indicator, one for the budget line and one for the total
            of each form (``AUDIT_COLUMNS``); ``finding`` is empty where all is consistent.
        forms: The forms read, in order.
        notes: What the reader noticed on the way (filled-down levels and the like).
    """

    table: pd.DataFrame
    forms: list[FilledForm] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def findings(self) -> int:
        """How many rows have a finding.

        Examples:
            >>> Audit(pd.DataFrame({"finding": ["", "得分不符"]})).findings
            1
        """
        return int((self.table["finding"] != "").sum())


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, abs_tol=TOLERANCE)


def _fmt(value: float | None) -> str:
    return "空" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def reasons_required(rules: Rules) -> tuple[float | None, float | None]:
    """Completion ratio and execution rate at which a written reason is required.

    ``Rules.reason_over_target`` asks for one at ``overachievement_flag`` × target (the
    Guangxi practice), ``Rules.reason_rate_below`` below an execution rate (Sichuan: 90%);
    the central rules flag an actual at 130% of target but require no written reason.

    Examples:
        >>> from analysis.assessment.rules import preset
        >>> reasons_required(Rules()), reasons_required(preset("guangxi"))
        ((None, None), (1.3, None))
        >>> reasons_required(preset("sichuan"))
        (None, 0.9)
    """
    over = rules.overachievement_flag if rules.reason_over_target else None
    return over, rules.reason_rate_below


def _direction(row: FormRow) -> str | None:
    """The 指标性质 column's direction, when it names one (定性 → qualitative)."""
    text = (row.direction or "").strip()
    code = DIRECTION_ALIASES.get(text, text.lower())
    return code if code in DIRECTIONS else None


def _indicator(row: FormRow, rules: Rules) -> tuple[float | None, list[str]]:
    """Recomputed points of one indicator line and what is wrong with it."""
    findings: list[str] = []
    if row.weight is None:
        return None, ["分值为空或不是数字"]
    if row.score is None:
        findings.append("得分为空或不是数字")
    elif row.score > row.weight + TOLERANCE:
        findings.append(f"得分 {_fmt(row.score)} 超过分值 {_fmt(row.weight)}")
    try:
        scored = evaluate(row.target, row.actual, row.weight, _direction(row), rules)
    except UserError as exc:
        return None, [*findings, f"无法按规则重算：{exc}"]
    recomputed = rule_points(scored, rules)
    if scored.target.qualitative:
        # The evaluator picks a point inside the band of the stated level; check the band.
        band = scored.actual.band
        if band is None:
            band = next(
                (b for b, (lo, hi) in rules.qualitative_bands.items() if lo <= scored.share <= hi),
                None,
            )
        if scored.actual.share is None and band is not None and row.score is not None:
            low, high = rules.qualitative_bands[band]
            lowest, highest = rules.round(row.weight * low), rules.round(row.weight * high)
            recomputed = min(max(row.score, lowest), highest)
            if not lowest - TOLERANCE <= row.score <= highest + TOLERANCE:
                findings.append(
                    f"定性得分 {_fmt(row.score)} 不在“{BAND_LABELS[band]}”档"
                    f" {low:.0%}–{high:.0%}（{_fmt(lowest)}–{_fmt(highest)} 分）之内"
                )
            return recomputed, findings
    if row.score is not None and not _close(row.score, recomputed) and row.score <= row.weight:
        findings.append(
            f"得分 {_fmt(row.score)} 与规则算出的 {_fmt(recomputed)} 不符"
            f"（相差 {row.score - recomputed:+.2f}）"
        )
    over, _ = reasons_required(rules)
    ratio = scored.completion
    if (
        over is not None
        and scored.target.direction in ("ge", "eq")
        and ratio is not None
        and ratio >= over
        and not row.reason
    ):
        findings.append(f"实际值为目标的 {ratio:.0%}，达到 {over:.0%}，须填写偏差原因，但为空")
    return recomputed, findings


def _basis_name(rules: Rules, budget) -> str:
    if rules.execution_base == "initial":
        return "年初预算数"
    return "调整后预算数" if budget.adjusted is not None else "全年预算数"


def _budget_row(form: FilledForm, rules: Rules) -> tuple[dict, float | None, float | None]:
    """The audit line of the funding row, its recomputed points and execution rate."""
    budget = form.budget
    line = {
        "form": "",
        "excel_row": budget.excel_row,
        "level1": "预算执行",
        "level2": "",
        "level3": "执行率",
        "target": _fmt(budget.full_year if budget.adjusted is None else budget.adjusted),
        "actual": _fmt(budget.spent),
        "weight": budget.weight,
        "score": budget.score,
    }
    findings: list[str] = []
    if rules.execution_base == "initial":
        basis = budget.initial
    else:
        basis = budget.adjusted if budget.adjusted is not None else budget.full_year
    if budget.excel_row is None:
        return (
            {
                **line,
                "score_recomputed": None,
                "finding": "表上没有预算执行（项目资金）一栏",
            },
            None,
            None,
        )
    if budget.weight is None or basis in (None, 0) or budget.spent is None:
        return (
            {
                **line,
                "score_recomputed": None,
                "finding": "预算数、执行数或分值为空，无法重算执行率",
            },
            None,
            None,
        )
    rate = budget.spent / basis
    points = rules.round(min(budget.weight * rate, budget.weight))
    if budget.rate is not None and not math.isclose(budget.rate, rate, abs_tol=5e-5):
        findings.append(
            f"执行率 {budget.rate_text or _fmt(budget.rate)} 与 执行数÷{_basis_name(rules, budget)}"
            f" = {_fmt(budget.spent)}÷{_fmt(basis)} = {rate:.2%} 不符"
        )
    if budget.score is not None and not _close(budget.score, points):
        findings.append(
            f"预算执行得分 {_fmt(budget.score)} 与 分值×执行率 = {_fmt(points)} 不符"
            f"（相差 {budget.score - points:+.2f}）"
        )
    _, below = reasons_required(rules)
    if below is not None and rate < below and not budget.reason:
        findings.append(f"执行率 {rate:.2%} 低于 {below:.0%}，须填写原因，但为空")
    return {**line, "score_recomputed": points, "finding": "；".join(findings)}, points, rate


def _weights(form: FilledForm, rules: Rules) -> list[str]:
    """Weight sums: each 一级 block against the points in its label, and the whole to 100."""
    findings = []
    blocks: dict[str, tuple[float | None, float]] = {}
    for row in form.rows:
        declared, summed = blocks.get(row.level1, (row.level1_points, 0.0))
        blocks[row.level1] = (declared, summed + (row.weight or 0.0))
    for name, (declared, summed) in blocks.items():
        if declared is not None and not _close(declared, summed):
            findings.append(f"{name}标明 {_fmt(declared)} 分，其下各指标分值合计 {_fmt(summed)}")
    indicators = sum(row.weight or 0.0 for row in form.rows)
    budget = form.budget.weight or 0.0
    total = indicators + budget
    if not _close(total, rules.total_weight):
        findings.append(
            f"分值合计 {_fmt(total)}（预算执行 {_fmt(budget)} + 指标 {_fmt(indicators)}），"
            f"应为 {_fmt(rules.total_weight)}"
        )
    elif form.total_weight is not None and not _close(form.total_weight, total):
        findings.append(f"总分行的分值 {_fmt(form.total_weight)} 与各项分值合计 {_fmt(total)} 不符")
    return findings


def _total_row(
    form: FilledForm, rules: Rules, recomputed: float | None, rate: float | None
) -> dict:
    findings = _weights(form, rules)
    stated = [row.score for row in form.rows] + [form.budget.score]
    summed = rules.round(sum(s for s in stated if s is not None))
    # Local rules may cap the total by the execution rate (Rules.execution_caps).
    cap = rules.cap(rate if rate is not None else form.budget.rate)
    expected_total = summed if cap is None else min(summed, cap)
    if recomputed is not None and cap is not None:
        recomputed = min(recomputed, cap)
    if form.total_score is None:
        findings.append("总分为空")
    elif not _close(form.total_score, expected_total):
        capped = f"（按执行率封顶 {_fmt(cap)} 分）" if cap is not None and cap < summed else ""
        findings.append(
            f"总分 {_fmt(form.total_score)} 与各项得分之和 {_fmt(expected_total)}{capped} 不符"
        )
    # A form without a grade (the 财预〔2020〕10号 template has none) is not a finding.
    if form.total_score is not None and form.grade is not None:
        expected = rules.grade(form.total_score)
        if form.grade != expected:
            findings.append(
                f"自评等级“{form.grade}”与总分 {_fmt(form.total_score)} 不符，应为“{expected}”"
            )
    return {
        "form": "",
        "excel_row": None,
        "level1": "总分",
        "level2": "",
        "level3": "",
        "target": "",
        "actual": form.grade or "",
        "weight": form.total_weight,
        "score": form.total_score,
        "score_recomputed": None if recomputed is None else rules.round(recomputed),
        "finding": "；".join(findings),
    }


def audit_form(
    form: FilledForm, rules: Rules | None = None, name: str | None = None
) -> pd.DataFrame:
    """Re-score one filled form and return its audit lines (``AUDIT_COLUMNS``).

    Examples:
        >>> from analysis.load.forms import FilledForm, FormBudget, FormRow
        >>> form = FilledForm("f.xlsx", "表", "central", budget=FormBudget(6, None, 20.0,
        ...     None, 19.0, 10.0, 0.95, "95%", 9.5), total_weight=100.0, total_score=89.5,
        ...     grade="良")
        >>> form.rows = [FormRow(13, "产出指标", None, "数量指标", "参会人数", "≥300人",
        ...     "240人", None, 90.0, 80.0, "")]
        >>> table = audit_form(form)
        >>> list(table["score_recomputed"]), table["finding"].iloc[0]
        ([72.0, 9.5, 81.5], '得分 80 与规则算出的 72 不符（相差 +8.00）')
    """
    rules = rules or Rules()
    name = name or form.file
    lines, recomputed_total = [], 0.0
    complete = True
    for row in form.rows:
        points, findings = _indicator(row, rules)
        complete = complete and points is not None
        recomputed_total += points or 0.0
        lines.append(
            {
                "form": name,
                "excel_row": row.excel_row,
                "level1": row.level1,
                "level2": row.level2,
                "level3": row.level3,
                "target": row.target,
                "actual": row.actual,
                "weight": row.weight,
                "score": row.score,
                "score_recomputed": points,
                "finding": "；".join(findings),
            }
        )
    budget_line, budget_points, rate = _budget_row(form, rules)
    lines.append({**budget_line, "form": name})
    complete = complete and budget_points is not None
    recomputed_total += budget_points or 0.0
    total = _total_row(form, rules, recomputed_total if complete else None, rate)
    lines.append({**total, "form": name})
    table = pd.DataFrame(lines, columns=list(AUDIT_COLUMNS))
    table["excel_row"] = table["excel_row"].astype("Int64")
    for column in ("weight", "score", "score_recomputed"):
        table[column] = table[column].astype("float64")
    return table


def audit_forms(paths: Iterable[str | Path], rules: Rules | None = None) -> Audit:
    """Read every form in ``paths`` and audit each (one form per sheet or file).

    A form is named by its file, and by file and sheet when a workbook holds several.

    Raises:
        UserError: A file cannot be read, or holds no form.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> wb = Workbook(); ws = wb.active
        >>> ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
        ...     "分值", "得分"])
        >>> ws.append(["产出指标", "数量指标", "场次", "≥2场", "3场", 90, 90])
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "form.xlsx"; wb.save(file)
        >>> result = audit_forms([file])
        >>> result.findings, result.table["finding"].iloc[1]
        (2, '表上没有预算执行（项目资金）一栏')
    """
    rules = rules or Rules()
    tables, forms, notes = [], [], []
    for path in paths:
        found = read_forms(path)
        for form in found:
            name = form.file if len(found) == 1 else f"{form.file}［{form.sheet}］"
            notes.extend(f"{name}：{note}" for note in form.notes)
            tables.append(audit_form(form, rules, name))
            forms.append(form)
    if not tables:
        raise UserError("没有给出自评表 (no forms given)")
    return Audit(pd.concat(tables, ignore_index=True), forms, notes)


__all__ = ["AUDIT_COLUMNS", "AUDIT_HEADERS", "Audit", "audit_form", "audit_forms"]
