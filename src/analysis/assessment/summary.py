"""Write an assessment as a short markdown summary (scores, flags, rule options)."""

from __future__ import annotations

from analysis.assessment.assess import Assessment
from analysis.assessment.rules import BAND_LABELS


def _cell(value: object) -> str:
    """Markdown table cell: no pipes or line breaks from user text."""
    return str(value if value is not None else "").replace("|", "｜").replace("\n", " ").strip()


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None or value != value else f"{value:.{digits}f}"


def summary_markdown(assessment: Assessment) -> str:
    """Return a markdown summary of an assessment.

    Examples:
        >>> from analysis.assessment.assess import Assessment, Budget
        >>> import pandas as pd
        >>> rows = pd.DataFrame([{"indicator_id": "1", "level1": "产出指标", "level2": "数量指标",
        ...     "level3": "会议场次", "target": "=1次", "actual": "1次", "weight": 90.0,
        ...     "points": 90.0, "flags": ""}])
        >>> a = Assessment("示例", {}, rows, pd.DataFrame({"level1": ["产出指标"], "weight": [90.0],
        ...     "points": [90.0]}), Budget(2e5, 2e5, 2e5, 10.0, 1.0, 10.0), 100.0, "优",
        ...     pd.DataFrame(columns=["indicator_id", "flag", "message"]))
        >>> print(summary_markdown(a).splitlines()[2])
        总分 **100.00**，等级 **优**。
    """
    info, budget, rules = assessment.info, assessment.budget, assessment.rules
    title = info.get("name") or assessment.programme
    year = info.get("year")
    heading = f"# 绩效自评：{_cell(title)}" + (f"（{int(float(year))}年度）" if year else "")
    lines = [heading, "", f"总分 **{assessment.total:.2f}**，等级 **{assessment.grade}**。", ""]
    lines += [
        "## 预算执行",
        "",
        "| 全年预算数（万元） | 全年执行数（万元） | 执行率 | 分值 | 得分 |",
        "|---:|---:|---:|---:|---:|",
        "| {} | {} | {} | {:g} | {:.2f} |".format(
            _num(None if budget.full_year is None else budget.full_year / 1e4),
            _num(None if budget.spent is None else budget.spent / 1e4),
            "—" if budget.rate is None else f"{budget.rate:.2%}",
            budget.weight,
            budget.points,
        ),
        "",
        "## 一级指标小计",
        "",
        "| 一级指标 | 分值 | 得分 |",
        "|---|---:|---:|",
    ]
    for row in assessment.subtotals.itertuples(index=False):
        lines.append(f"| {_cell(row.level1)} | {row.weight:g} | {row.points:.2f} |")
    lines += [
        "",
        "## 指标得分",
        "",
        "| 编号 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 提示 |",
        "|---|---|---|---|---|---|---:|---:|---|",
    ]
    for row in assessment.rows.itertuples(index=False):
        cells = (row.indicator_id, row.level1, row.level2, row.level3, row.target, row.actual)
        lines.append(
            "| "
            + " | ".join(_cell(c) for c in cells)
            + f" | {row.weight:g} | {row.points:.2f} | {_cell(row.flags)} |"
        )
    flags = assessment.flags
    lines += ["", "## 需说明事项", ""]
    if flags.empty:
        lines.append("无。")
    for flag in flags.itertuples(index=False):
        lines.append(f"- {_cell(flag.indicator_id)}：{_cell(flag.message)}")
    bands = "；".join(
        f"{BAND_LABELS[name]} {low:.0%}–{high:.0%}"
        for name, (low, high) in rules.qualitative_bands.items()
    )
    lines += [
        "",
        "## 评分规则",
        "",
        f"- 低于目标（≥）：分值×实际÷目标；超过目标不加分；实际≥目标的"
        f"{rules.overachievement_flag:.0%}时提示目标可能偏低。",
        "- 高于目标（≤）："
        + (
            "分值×目标÷实际。"
            if rules.le_rule == "ratio"
            else "分值×(1−超出÷目标)，两倍目标时为 0。"
        ),
        f"- 定性指标档位：{bands}。",
        "- 超额（≥提示线）："
        + (
            "提示说明原因。"
            if rules.over_target == "flag"
            else f"扣{rules.over_target_points:g}分并提示说明原因。"
        ),
        "- 执行率封顶："
        + (
            "；".join(f"执行率<{below:.0%}时总分≤{cap:g}" for below, cap in rules.execution_caps)
            or "不封顶"
        )
        + "。",
        f"- 取舍：{rules.rounding}；等级：优≥{rules.grade_bounds[0]:g}，"
        f"良≥{rules.grade_bounds[1]:g}，中≥{rules.grade_bounds[2]:g}，其余为差。",
        "",
    ]
    return "\n".join(lines)


def sensitivity_markdown(result, grade: str) -> str:
    """A markdown section on how firm the grade is (``sensitivity`` output).

    Examples:
        >>> import pandas as pd
        >>> from analysis.assessment.sensitivity import Sensitivity
        >>> s = Sensitivity(pd.DataFrame({"preset": ["表上规则"], "total": [91.83],
        ...     "grade": ["优"]}), pd.DataFrame({"total": [88.0, 92.0]}),
        ...     pd.Series({"优": 0.5, "良": 0.5, "中": 0.0, "差": 0.0}),
        ...     pd.DataFrame({"factor": ["定性指标档内位置"], "first_order": [0.9],
        ...     "total_order": [0.95]}), 91.83, 1, 0.2)
        >>> print(sensitivity_markdown(s, "优").splitlines()[2])
        重算 2 次（随机种子 1，同一级指标内权重 ±20%），总分 88.00–92.00；等级“优”的情形占 50%。
    """
    lines = [
        "## 评分稳健性",
        "",
        f"重算 {len(result.draws)} 次（随机种子 {result.seed}，同一级指标内权重"
        f" ±{result.spread:.0%}），总分 {result.low:.2f}–{result.high:.2f}；"
        f"等级“{grade}”的情形占 {float(result.grades.get(grade, 0.0)):.0%}。",
        "",
        "| 评分规则 | 总分 | 等级 |",
        "|---|---|---|",
    ]
    lines += [
        f"| {_cell(r.preset)} | {r.total:.2f} | {r.grade} |"
        for r in result.presets.itertuples(index=False)
    ]
    lines += ["", "| 等级 | 占重算次数 |", "|---|---|"]
    lines += [f"| {name} | {share:.1%} |" for name, share in result.grades.items()]
    lines += ["", "| 选择 | 一阶 Sobol 指数 | 总效应指数 |", "|---|---|---|"]
    lines += [
        f"| {_cell(r.factor)} | {_num(r.first_order, 3)} | {_num(r.total_order, 3)} |"
        for r in result.indices.itertuples(index=False)
    ]
    return "\n".join(lines) + "\n"


def evidence_markdown(table) -> str:
    """A markdown section listing where each actual came from (``evidence`` output).

    Examples:
        >>> import pandas as pd
        >>> t = pd.DataFrame({"indicator_id": ["T1"], "level3": ["活动场次"], "actual": ["12场"],
        ...     "kind": ["台账"], "where": ["a.xlsx［活动］第 2–13 行"],
        ...     "rule": ["活动的行数"], "quote": [""]})
        >>> print(evidence_markdown(t).splitlines()[-1])
        | T1 | 活动场次 | 12场 | 台账 | a.xlsx［活动］第 2–13 行 | 活动的行数 |
    """
    lines = [
        "## 实际完成值的来源（佐证）",
        "",
        "| 编号 | 指标 | 实际完成值 | 来源 | 位置 | 取值规则或原文 |",
        "|---|---|---|---|---|---|",
    ]
    for r in table.itertuples(index=False):
        rule = f"{r.rule}：“{r.quote}”" if r.quote else r.rule
        where = str(r.where)
        if len(where) > 120:  # every row is on the form's 佐证 sheet
            where = where[:120].rsplit("、", 1)[0] + "……（全部行号见自评表“佐证”工作表）"
        lines.append(
            f"| {_cell(r.indicator_id)} | {_cell(r.level3)} | {_cell(r.actual)} | {_cell(r.kind)}"
            f" | {_cell(where)} | {_cell(rule)} |"
        )
    return "\n".join(lines) + "\n"
