"""Write an assessment as Sichuan's 部门预算项目支出绩效自评表 (报表编号 510000_0013zp)."""

from __future__ import annotations

import re

from openpyxl import Workbook

from analysis.assessment.assess import Assessment
from analysis.export.form import (
    _CENTER,
    _LEFT,
    NOTES_SHEET,
    REASON_NEEDED,
    _box,
    _budget_amounts,
    _form_top,
    _goal_block,
    _height,
    _level_lines,
    _lines,
    _mark,
    _merge_levels,
    _notes_sheet,
    _points_format,
    _print_setup,
    _put,
    _reason,
    _run_lengths,
)

#: Sheet name of the Sichuan form.
SICHUAN_SHEET = "部门预算项目支出绩效自评表"
#: Report number printed on the form (四川省预算管理一体化系统).
REPORT_NUMBER = "510000_0013zp"
#: Column widths (characters) of columns A–K.
SICHUAN_WIDTHS = (9, 9, 10, 18, 6, 9, 7, 11, 6, 7, 16)
#: First row of indicator lines; its header row is the one above.
SICHUAN_FIRST_ROW = 14
#: Columns of an indicator line.
SICHUAN_COLUMNS = {
    "level1": "B",
    "level2": "C",
    "level3": "D",
    "sign": "E",
    "value": "F",
    "unit": "G",
    "actual": "H",
    "weight": "I",
    "points": "J",
    "reason": "K",
}
_SIGNS = {"ge": "≥", "le": "≤", "eq": "=", "qualitative": "定性"}
_SIGN_WORDS = re.compile(
    r"^(?:≥|≤|=|＝|>=|<=|>|<|大于等于|小于等于|不少于|不低于|不超过|不高于|至少|等于)"
)
_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(.*)$")


def split_target(row) -> tuple[str, str, str]:
    """(指标性质, 指标值, 度量单位) of a scored row: as the targets file gave them, else read.

    Examples:
        >>> split_target({"target": "≥5万元", "direction": "ge"})
        ('≥', '5', '万元')
        >>> split_target({"target": "2023年10月底前", "direction": "le"})
        ('≤', '2023年10月底前', '')
    """
    sign, value, unit = (str(row.get(k, "") or "") for k in ("sign", "value", "unit"))
    if value:
        return sign or _SIGNS.get(str(row.get("direction", "")), ""), value, unit
    target = str(row.get("target", "") or "")
    sign = _SIGNS.get(str(row.get("direction", "")), "")
    bare = _SIGN_WORDS.sub("", target)
    match = _NUMBER.match(bare)
    if match and sign != "定性" and not re.search(r"[0-9年月日]", match[2]):
        return sign, match[1], match[2]
    return sign, bare or target, ""


def build_sichuan_form(assessment: Assessment) -> Workbook:
    """Build the Sichuan 部门预算项目支出绩效自评表 workbook of an assessment.

    Columns follow the form of 四川省 (shared/domain.md): 预算执行情况 with 年初预算,
    调整后预算数, 预算执行数, 预算执行率, 权重, 得分, 原因 and rows 总额 … 其他资金;
    绩效指标 with 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 未完成原因分析;
    then 评价结论, 存在问题, 改进措施.

    Examples:
        >>> from analysis.assessment.assess import Assessment, Budget
        >>> import pandas as pd
        >>> rows = pd.DataFrame([{"indicator_id": "1", "level1": "产出指标",
        ...     "level2": "数量指标", "level3": "培训人数", "target": "≥300人", "actual": "320人",
        ...     "weight": 90.0, "points": 90.0, "reason": "", "direction": "ge"}])
        >>> a = Assessment("示例项目", {"year": 2023}, rows, pd.DataFrame(),
        ...     Budget(2e5, 2e5, 1.5e5, 10.0, 0.75, 7.5), 97.5, "优", pd.DataFrame())
        >>> ws = build_sichuan_form(a)[SICHUAN_SHEET]
        >>> ws["E6"].value, ws["E14"].value, ws["F14"].value, ws["G14"].value, ws["J15"].value
        (20.0, '≥', '300', '人', 97.5)
    """
    wb = Workbook()
    ws = wb.active
    ws.title = SICHUAN_SHEET
    widths = SICHUAN_WIDTHS
    info, budget = assessment.info, assessment.budget
    points_fmt = _points_format(assessment)
    _form_top(
        ws, assessment, "部门预算项目支出绩效自评表", widths, year_end="H", department_end="F"
    )
    ws.merge_cells("I2:K2")
    _put(ws, "I2", f"报表编号：{REPORT_NUMBER}", size=9)

    # 预算执行情况, in 万元; only 总额 is scored.
    _box(ws, "A5:A10", f"预算执行情况（{budget.weight:g}分）", bold=True)
    _box(ws, "B5:C5", "（万元）")
    labels = ("年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分")
    for col, label in zip("DEFGHI", labels, strict=True):
        _box(ws, f"{col}5", label, bold=True)
    _box(ws, "J5:K5", "原因", bold=True)
    _box(ws, "B6:C6", "总额")
    _budget_amounts(ws, budget, "DEF", 6)
    _box(ws, "G6", budget.rate, fmt="0.00%")
    _box(ws, "H6", budget.weight, fmt="0")
    _box(ws, "I6", budget.points, fmt=points_fmt)
    if budget.reason_missing:
        _box(ws, "J6:K6", REASON_NEEDED, align=_LEFT)
        _mark(ws, "J6")
    else:
        _box(ws, "J6:K6", budget.reason, align=_LEFT)
    for row, label in zip(
        range(7, 11), ("财政资金", "财政专户管理资金", "单位资金", "其他资金"), strict=True
    ):
        _box(ws, f"B{row}:C{row}", label)
        for col in "DEF":
            _box(ws, f"{col}{row}", None, fmt="0.00")
        for col in "GHI":
            _box(ws, f"{col}{row}", "—")
        _box(ws, f"J{row}:K{row}", None)
    for row in range(5, 11):
        _height(ws, row, 2 if row in (5, 6) else 1)

    _goal_block(ws, info, 11, widths)

    header = SICHUAN_FIRST_ROW - 1
    heads = ("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值")
    for col, label in zip("BCDEFGH", heads, strict=True):
        _box(ws, f"{col}{header}", label, bold=True)
    for col, label in zip("IJK", ("权重", "得分", "未完成原因分析"), strict=True):
        _box(ws, f"{col}{header}", label, bold=True)
    _height(ws, header, 2)
    rows = assessment.rows.reset_index(drop=True)
    run1 = _run_lengths(rows, ["level1"])
    run2 = _run_lengths(rows, ["level1", "level2"])
    last = header + len(rows)
    weights = float(rows["weight"].sum()) if len(rows) else 0.0
    _box(ws, f"A{header}:A{max(last, header)}", f"绩效指标（{weights:g}分）", bold=True)
    for offset, row in rows.iterrows():
        r = SICHUAN_FIRST_ROW + int(offset)
        sign, value, unit = split_target(row)
        cells = {
            "level1": row.get("level1"),
            "level2": row.get("level2"),
            "level3": row.get("level3"),
            "sign": sign,
            "value": value,
            "unit": unit,
            "actual": row.get("actual"),
        }
        for key, text in cells.items():
            _box(ws, f"{SICHUAN_COLUMNS[key]}{r}", str(text or ""))
        weight = float(row["weight"])
        _box(ws, f"I{r}", weight, fmt="0.##" if weight % 1 else "0")
        _box(ws, f"J{r}", float(row["points"]), fmt=points_fmt)
        _reason(ws, f"K{r}", row)
        needed = max(
            _lines(str(row.get("level3", "") or ""), widths[3]),
            _lines(value, widths[5]),
            _lines(str(row.get("actual", "") or ""), widths[7]),
            _lines(str(row.get("reason", "") or ""), widths[10]),
            _level_lines(row, run1[offset], run2[offset], widths),
        )
        _height(ws, r, needed)
    _merge_levels(ws, rows, SICHUAN_FIRST_ROW)

    total_row = last + 1
    _box(ws, f"A{total_row}:H{total_row}", "总分", bold=True)
    _box(ws, f"I{total_row}", weights + budget.weight, fmt="0")
    _box(ws, f"J{total_row}", assessment.total, fmt=points_fmt, bold=True)
    _box(ws, f"K{total_row}", f"等级：{assessment.grade}", bold=True)
    _height(ws, total_row, 1)
    conclusion = f"自评得分 {assessment.total:.2f} 分，等级“{assessment.grade}”。"
    closing = (("评价结论", conclusion), ("存在问题", ""), ("改进措施", ""))
    for offset, (label, text) in enumerate(closing, start=total_row + 1):
        _box(ws, f"A{offset}:B{offset}", label, bold=True, align=_CENTER)
        _box(ws, f"C{offset}:K{offset}", text, align=_LEFT)
        _height(ws, offset, 2)
    end = total_row + len(closing)

    _print_setup(ws, header, f"A1:K{end}")

    _notes_sheet(wb.create_sheet(NOTES_SHEET), assessment)
    wb.active = 0
    return wb
