"""Write an assessment as the 项目支出绩效自评表 workbook (openpyxl), byte-for-byte reproducible."""

from __future__ import annotations

import datetime as dt
import importlib
import math
import os
import unicodedata
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analysis.assessment.assess import Assessment
from analysis.assessment.evidence import EVIDENCE_HEADERS
from analysis.assessment.rules import BAND_LABELS
from analysis.errors import UserError
from analysis.export.safe import set_text_cell
from analysis.export.xlsx import CREATOR, save_workbook, write_table
from analysis.words import FORM_REASON_NEEDED, FORM_UNKNOWN

#: Sheet names of the workbook.
FORM_SHEET = "绩效自评表"
NOTES_SHEET = "评分说明"

#: Column widths (characters) of columns A–J of the form.
WIDTHS = (7, 10, 12, 20, 13, 13, 7, 8, 13, 16)

#: Fixed cells of the form (see ``docs/assessment.md``), so tests and readers agree.
CELLS = {
    "title": "A1",
    "year": "A2",
    "programme": "C3",
    "department": "C4",
    "implementer": "H4",
    "budget_initial": "E6",
    "budget_full_year": "F6",
    "budget_spent": "G6",
    "budget_weight": "H6",
    "budget_rate": "I6",
    "budget_points": "J6",
    "goal": "B11",
    "outcome": "G11",
}
#: First row of indicator lines; its header row is the one above.
FIRST_INDICATOR_ROW = 13
#: Columns of an indicator line.
INDICATOR_COLUMNS = {
    "level1": "B",
    "level2": "C",
    "level3": "D",
    "target": "E",
    "actual": "F",
    "weight": "G",
    "points": "H",
    "reason": "I",
}

_FONT = "宋体"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
#: What an unknown header or budget field shows, so that it is seen and filled in by hand.
UNKNOWN = FORM_UNKNOWN
#: What an empty reason cell shows when the rules require a reason there.
REASON_NEEDED = FORM_REASON_NEEDED
_MARK_FONT = Font(name="宋体", size=10, bold=True, color="C00000")
_MARK_FILL = PatternFill("solid", fgColor="FFF2CC")


def _width(text: str) -> float:
    """Display width in column units: a CJK or full-width character of 10 pt is about 1.8."""
    return sum(1.8 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def _lines(text: str, columns: float) -> int:
    """How many lines ``text`` needs in a cell ``columns`` units wide (with cell padding)."""
    if not text:
        return 1
    usable = max(columns - 1.0, 1.0)
    return sum(max(1, math.ceil(_width(part) / usable)) for part in str(text).split("\n"))


def _put(ws: Worksheet, ref: str, value: object, *, bold=False, size=10, align=_CENTER, fmt=None):
    cell = ws[ref]
    set_text_cell(cell, value)
    cell.font = Font(name=_FONT, size=size, bold=bold)
    cell.alignment = align
    if fmt:
        cell.number_format = fmt
    return cell


def _box(ws: Worksheet, cells: str, value: object = None, **style) -> None:
    """Merge ``cells`` (e.g. "A3:B3"), write ``value`` in its first cell and border it."""
    first = cells.split(":")[0]
    if ":" in cells and cells.split(":")[0] != cells.split(":")[1]:
        ws.merge_cells(cells)
    _put(ws, first, value, **style)
    for row in ws[cells] if ":" in cells else ((ws[cells],),):
        for cell in row:
            cell.border = _BORDER


def _span_width(first: str, last: str, widths: tuple[int, ...] = WIDTHS) -> int:
    a, b = (ord(first) - ord("A"), ord(last) - ord("A"))
    return sum(widths[a : b + 1])


def _mark(ws: Worksheet, ref: str) -> None:
    """Colour a cell that holds a ``UNKNOWN`` or ``REASON_NEEDED`` marker."""
    ws[ref].font = _MARK_FONT
    ws[ref].fill = _MARK_FILL


def _known(ws: Worksheet, cells: str, value: object, **style) -> None:
    """A boxed header or budget value; an unknown one shows ``UNKNOWN``, marked."""
    if value is None or (isinstance(value, str) and not value.strip()):
        _box(ws, cells, UNKNOWN, **style)
        _mark(ws, cells.split(":")[0])
    else:
        _box(ws, cells, value, **style)


def _reason(ws: Worksheet, cells: str, row) -> None:
    """The reason cell of an indicator row, marked when the rules require a reason."""
    text = str(row.get("reason", "") or "")
    if not text and bool(row.get("reason_required", False)):
        _box(ws, cells, REASON_NEEDED, align=_LEFT)
        _mark(ws, cells.split(":")[0])
    else:
        _box(ws, cells, text, align=_LEFT)


def _year_text(info: dict) -> str:
    year = info.get("year")
    return f"（{int(float(year))}年度）" if year not in (None, "") else f"（年度{UNKNOWN}）"


def _height(ws: Worksheet, row: int, lines: int) -> None:
    ws.row_dimensions[row].height = max(20.0, 14.0 * lines + 6.0)


def _money(value: float | None) -> float | None:
    """元 → 万元 for the funding block."""
    return None if value is None else value / 1e4


def _points_format(assessment: Assessment) -> str:
    return "0" if assessment.rules.rounding == "integer" else "0.00"


def build_form(assessment: Assessment) -> Workbook:
    """Build the 项目支出绩效自评表 workbook of an assessment.

    Examples:
        >>> from analysis.assessment.assess import Assessment, Budget
        >>> import pandas as pd
        >>> rows = pd.DataFrame([{"indicator_id": "1", "level1": "产出指标",
        ...     "level2": "数量指标", "level3": "会议场次", "target": "=1次", "actual": "1次",
        ...     "weight": 90.0, "points": 90.0, "reason": ""}])
        >>> a = Assessment("示例项目", {"year": 2023}, rows, pd.DataFrame(),
        ...     Budget(2e5, 2e5, 2e5, 10.0, 1.0, 10.0), 100.0, "优", pd.DataFrame())
        >>> ws = build_form(a)[FORM_SHEET]
        >>> ws["C3"].value, ws["F6"].value, ws["H14"].value
        ('示例项目', 20.0, 100.0)
    """
    wb = Workbook()
    ws = wb.active
    ws.title = FORM_SHEET
    info, budget = assessment.info, assessment.budget
    points_fmt = _points_format(assessment)
    _form_top(ws, assessment, "项目支出绩效自评表", WIDTHS, year_end="J", department_end="E")

    # Funding block, in 万元.
    _box(ws, "A5:B9", "项目资金\n（万元）", bold=True)
    _box(ws, "C5:D5", "")
    for col, label in zip(
        "EFGHIJ", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), strict=True
    ):
        _box(ws, f"{col}5", label, bold=True)
    _box(ws, "C6:D6", "年度资金总额")
    _budget_amounts(ws, budget, "EFG", 6)
    _box(ws, "H6", budget.weight, fmt="0")
    _box(ws, "I6", budget.rate, fmt="0.00%")
    _box(ws, "J6", budget.points, fmt=points_fmt)
    for row, label in ((7, "其中：当年财政拨款"), (8, "上年结转资金"), (9, "其他资金")):
        _box(ws, f"C{row}:D{row}", label)
        for col in "EFG":
            _box(ws, f"{col}{row}", None, fmt="0.00")
        for col in "HIJ":
            _box(ws, f"{col}{row}", "—")
    for row in range(5, 10):
        _height(ws, row, 1 if row != 5 else 2)

    _goal_block(ws, info, 10, WIDTHS)

    # Indicator block.
    header = FIRST_INDICATOR_ROW - 1
    labels = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
    for col, label in zip("BCDEFGH", labels, strict=True):
        _box(ws, f"{col}{header}", label, bold=True)
    _box(ws, f"I{header}:J{header}", "偏差原因分析及改进措施", bold=True)
    _height(ws, header, 2)
    rows = assessment.rows.reset_index(drop=True)
    run1 = _run_lengths(rows, ["level1"])
    run2 = _run_lengths(rows, ["level1", "level2"])
    last = header + len(rows)
    _box(ws, f"A{header}:A{max(last, header)}", "绩\n效\n指\n标", bold=True)
    for offset, row in rows.iterrows():
        r = FIRST_INDICATOR_ROW + int(offset)
        for key in ("level1", "level2", "level3", "target", "actual"):
            _box(ws, f"{INDICATOR_COLUMNS[key]}{r}", str(row.get(key, "") or ""))
        _box(ws, f"G{r}", float(row["weight"]), fmt="0.##" if float(row["weight"]) % 1 else "0")
        _box(ws, f"H{r}", float(row["points"]), fmt=points_fmt)
        _reason(ws, f"I{r}:J{r}", row)
        needed = max(
            _lines(str(row.get("level3", "") or ""), WIDTHS[3]),
            _lines(str(row.get("target", "") or ""), WIDTHS[4]),
            _lines(str(row.get("actual", "") or ""), WIDTHS[5]),
            _lines(str(row.get("reason", "") or ""), _span_width("I", "J")),
            _level_lines(row, run1[offset], run2[offset], WIDTHS),
        )
        _height(ws, r, needed)
    _merge_levels(ws, rows, FIRST_INDICATOR_ROW)

    total_row = last + 1
    _box(ws, f"A{total_row}:F{total_row}", "总分", bold=True)
    weights = float(rows["weight"].sum()) + budget.weight if len(rows) else budget.weight
    _box(ws, f"G{total_row}", weights, fmt="0")
    _box(ws, f"H{total_row}", assessment.total, fmt=points_fmt, bold=True)
    _box(ws, f"I{total_row}:J{total_row}", f"自评等级：{assessment.grade}", bold=True)
    _height(ws, total_row, 1)

    _print_setup(ws, header, f"A1:J{total_row}")

    _notes_sheet(wb.create_sheet(NOTES_SHEET), assessment)
    wb.active = 0
    return wb


def _column(first: str, step: int) -> str:
    return chr(ord(first) + step)


def _form_top(
    ws: Worksheet,
    assessment: Assessment,
    heading: str,
    widths: tuple[int, ...],
    *,
    year_end: str,
    department_end: str,
) -> None:
    """Column widths, title, year and the 项目名称 / 主管部门 / 实施单位 rows (1–4)."""
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    info, last = assessment.info, get_column_letter(len(widths))
    ws.merge_cells(f"A1:{last}1")
    _put(ws, "A1", heading, bold=True, size=16)
    ws.row_dimensions[1].height = 30
    ws.merge_cells(f"A2:{year_end}2")
    _put(ws, "A2", _year_text(info), size=11)
    if info.get("year") in (None, ""):
        _mark(ws, "A2")
    ws.row_dimensions[2].height = 20
    label = _column(department_end, 1), _column(department_end, 2)
    _box(ws, "A3:B3", "项目名称", bold=True)
    title = str(info.get("name") or assessment.programme)
    _box(ws, f"C3:{last}3", title, align=_LEFT)
    _box(ws, "A4:B4", "主管部门", bold=True)
    _known(ws, f"C4:{department_end}4", info.get("department"), align=_LEFT)
    _box(ws, f"{label[0]}4:{label[1]}4", "实施单位", bold=True)
    start = _column(label[1], 1)
    _known(ws, f"{start}4:{last}4", info.get("implementer"), align=_LEFT)
    for row in (3, 4):
        longest = max(
            _lines(str(info.get("department") or ""), _span_width("C", department_end, widths)),
            _lines(str(info.get("implementer") or ""), _span_width(start, last, widths)),
            _lines(title, _span_width("C", last, widths)),
        )
        _height(ws, row, longest)


def _budget_amounts(ws: Worksheet, budget, columns: str, row: int) -> None:
    """年初预算数, 全年预算数 (调整后预算数) and 全年执行数 in 万元; unknown ones marked."""
    amounts = (budget.initial, budget.full_year, budget.spent)
    for col, amount in zip(columns, amounts, strict=True):
        _known(ws, f"{col}{row}", _money(amount), fmt="0.00")


def _goal_block(ws: Worksheet, info: dict, row: int, widths: tuple[int, ...]) -> None:
    """年度总体目标: 预期目标 (B–F) and 实际完成情况 (G–last) over two rows."""
    last = get_column_letter(len(widths))
    _box(ws, f"A{row}:A{row + 1}", "年度\n总体\n目标", bold=True)
    _box(ws, f"B{row}:F{row}", "预期目标", bold=True)
    _box(ws, f"G{row}:{last}{row}", "实际完成情况", bold=True)
    goal, outcome = str(info.get("goal") or ""), str(info.get("outcome") or "")
    _box(ws, f"B{row + 1}:F{row + 1}", goal, align=_LEFT)
    _box(ws, f"G{row + 1}:{last}{row + 1}", outcome, align=_LEFT)
    lines = max(
        _lines(goal, _span_width("B", "F", widths)),
        _lines(outcome, _span_width("G", last, widths)),
        3,
    )
    _height(ws, row + 1, lines)


def _level_lines(row, run1: int, run2: int, widths: tuple[int, ...]) -> int:
    """Lines a level-1/2 label alone on its row needs there (merged ones spread out)."""
    return max(
        _lines(str(row.get("level1", "") or ""), widths[1]) if run1 == 1 else 1,
        _lines(str(row.get("level2", "") or ""), widths[2]) if run2 == 1 else 1,
    )


def _merge_levels(ws: Worksheet, rows, first_row: int) -> None:
    """Merge runs of equal 一级 (column B) and 二级 (column C, within their 一级) labels."""
    _merge_runs(ws, rows, "level1", "B", [], first_row)
    _merge_runs(ws, rows, "level2", "C", ["level1"], first_row)


def _print_setup(ws: Worksheet, header: int, area: str) -> None:
    """A4 portrait, one page wide, the indicator header repeated, pages numbered."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{header}:{header}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.print_area = area


def _run_lengths(rows, keys: list[str]) -> list[int]:
    """For each row, how many consecutive rows share its labels in ``keys``."""
    values = [tuple(str(r.get(k, "")) for k in keys) for _, r in rows.iterrows()]
    lengths, start = [0] * len(values), 0
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            lengths[start:index] = [index - start] * (index - start)
            start = index
    return lengths


def _merge_runs(
    ws: Worksheet, rows, key: str, col: str, parents: list[str], first_row: int
) -> None:
    """Merge consecutive equal labels of one column (within the same parent labels)."""
    start = 0
    values = [tuple(str(r.get(k, "")) for k in [*parents, key]) for _, r in rows.iterrows()]
    for index in range(1, len(values) + 1):
        if index == len(values) or values[index] != values[start]:
            if index - start > 1:
                first = first_row + start
                ws.merge_cells(f"{col}{first}:{col}{first_row + index - 1}")
            start = index


def _notes_sheet(ws: Worksheet, assessment: Assessment) -> None:
    """Second sheet: the rule options used and every flag the evaluator must answer."""
    rules = assessment.rules
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 70
    _put(ws, "A1", "评分规则", bold=True, size=12, align=_LEFT)
    bands = "；".join(
        f"{BAND_LABELS[name]} {low:.0%}–{high:.0%}"
        for name, (low, high) in rules.qualitative_bands.items()
    )
    lines = [
        (
            "超目标值（≤）",
            "ratio：分值×目标÷实际" if rules.le_rule == "ratio" else "linear：分值×(1−超出÷目标)",
        ),
        (
            "取舍",
            {
                "round2": "四舍五入保留两位小数",
                "truncate2": "截断保留两位小数",
                "integer": "四舍五入取整",
            }[rules.rounding],
        ),
        ("等级分数线", "优≥{:g}，良≥{:g}，中≥{:g}，其余为差".format(*rules.grade_bounds)),
        ("预算执行分值", f"{rules.budget_weight:g}（分值×执行率，不超过分值）"),
        ("超额提示线", f"实际值≥目标的{rules.overachievement_flag:.0%}"),
        (
            "超额处理",
            "提示说明原因"
            if rules.over_target == "flag"
            else f"扣{rules.over_target_points:g}分并提示说明原因",
        ),
        (
            "执行率封顶",
            "；".join(f"执行率<{below:.0%}：总分≤{cap:g}" for below, cap in rules.execution_caps)
            or "不封顶",
        ),
        (
            "必填原因",
            "；".join(
                part
                for part in (
                    "实际值≥超额提示线" if rules.reason_over_target else "",
                    f"执行率<{rules.reason_rate_below:.0%}" if rules.reason_rate_below else "",
                )
                if part
            )
            or "未达目标时",
        ),
        ("不适用指标", "报错" if rules.not_applicable == "error" else "去掉并按比例调整分值"),
        ("执行率分母", "全年预算数" if rules.execution_base == "full_year" else "年初预算数"),
        ("定性指标档位", bands),
    ]
    for offset, (label, text) in enumerate(lines, start=2):
        _put(ws, f"A{offset}", label, align=_LEFT)
        ws.merge_cells(f"B{offset}:C{offset}")
        _put(ws, f"B{offset}", text, align=_LEFT)
    start = len(lines) + 3
    _put(ws, f"A{start}", "需说明事项", bold=True, size=12, align=_LEFT)
    for col, label in zip("ABC", ("指标编号", "提示", "说明"), strict=True):
        _box(ws, f"{col}{start + 1}", label, bold=True)
    for offset, flag in enumerate(assessment.flags.itertuples(index=False), start=start + 2):
        _box(ws, f"A{offset}", str(flag.indicator_id))
        _box(ws, f"B{offset}", str(flag.flag))
        _box(ws, f"C{offset}", str(flag.message), align=_LEFT)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


#: Form layouts ``write_form`` knows: name → module and builder.
LAYOUTS = {
    "central": ("analysis.export.form", "build_form"),
    "sichuan": ("analysis.export.form_sichuan", "build_sichuan_form"),
}


#: Sheet of the evidence behind each actual (``analysis.assessment.evidence``).
EVIDENCE_SHEET = "佐证"


#: Column widths of the 佐证 sheet (编号, 指标, 实际完成值, 来源, 位置, 规则, 原文).
_EVIDENCE_WIDTHS = (9, 20, 14, 7, 80, 30, 26)


def _evidence_sheet(ws: Worksheet, table: pd.DataFrame) -> None:
    """The 佐证 sheet: one wrapped row per actual, landscape, as wide as one page."""
    write_table(ws, table, headers=EVIDENCE_HEADERS, freeze=True)
    for index, width in enumerate(_EVIDENCE_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for row in ws.iter_rows():
        for cell in row:
            cell.font = Font(name=_FONT, size=10, bold=cell.row == 1)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = _BORDER
        # Spreadsheets do not grow a row for wrapped text on their own: size it here.
        needed = max(
            _lines("" if c.value is None else str(c.value), w)
            for c, w in zip(row, _EVIDENCE_WIDTHS, strict=False)
        )
        ws.row_dimensions[row[0].row].height = 14.0 * needed + 4.0
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def write_form(
    assessment: Assessment,
    path: str | os.PathLike,
    *,
    layout: str = "central",
    evidence: pd.DataFrame | None = None,
) -> Path:
    """Write the 项目支出绩效自评表 of ``assessment`` to ``path`` (.xlsx) and return the path.

    Saved with ``save_workbook``: the document is dated 31 December of the
    programme's year, so exporting the same assessment twice gives identical bytes.
    ``layout`` is ``central`` (财预〔2020〕10号) or ``sichuan`` (部门预算项目支出绩效自评表).
    ``evidence`` (``analysis.assessment.evidence.evidence``) adds a 佐证 sheet that traces
    every 实际完成值 to its ledger rows, statistics row or typed cell.

    Examples:
        >>> import tempfile, pathlib
        >>> from analysis.assessment.assess import Assessment, Budget
        >>> import pandas as pd
        >>> rows = pd.DataFrame(columns=["level1", "level2", "level3", "weight", "points"])
        >>> a = Assessment("示例", {}, rows, pd.DataFrame(), Budget(None, None, None, 10.0,
        ...     None, 0.0), 0.0, "差", pd.DataFrame(columns=["indicator_id", "flag", "message"]))
        >>> p = write_form(a, pathlib.Path(tempfile.mkdtemp()) / "f.xlsx")
        >>> p.read_bytes() == write_form(a, p.with_name("g.xlsx")).read_bytes()
        True
    """
    if layout not in LAYOUTS:
        raise UserError(f"未知的自评表式样“{layout}”：可选 {'、'.join(LAYOUTS)}")
    module, builder = LAYOUTS[layout]
    wb = getattr(importlib.import_module(module), builder)(assessment)
    if evidence is not None:
        _evidence_sheet(wb.create_sheet(EVIDENCE_SHEET), evidence)
    year = assessment.info.get("year")
    year = int(float(year)) if year not in (None, "") else 2000
    wb.properties.creator = CREATOR
    wb.properties.title = wb.active.cell(1, 1).value
    return save_workbook(wb, path, timestamp=dt.datetime(year, 12, 31))
