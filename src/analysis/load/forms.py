"""Read filled 项目支出绩效自评表 workbooks back into tidy rows, by their labels, any layout."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import UserError
from analysis.load.sheets import SheetCells
from analysis.words import FORM_REASON_NEEDED, FORM_UNKNOWN

#: Header labels of the indicator block, by field; each list longest/most specific first.
INDICATOR_LABELS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标名称"),
    "direction": ("指标性质", "指标方向", "计算符号"),
    "target": ("年度指标值", "年度目标值", "全年指标值", "指标值", "目标值", "年度目标"),
    "unit": ("度量单位", "计量单位", "单位"),
    "actual": (
        "实际完成值",
        "全年实际完成值",
        "年度实际完成值",
        "全年实际值",
        "完成值",
        "实际值",
        "实际完成情况",
    ),
    "weight": ("分值", "权重", "指标分值", "指标权重"),
    "score": ("得分", "自评得分"),
    "reason": (
        "偏差原因分析及改进措施",
        "未完成原因分析",
        "偏差原因分析",
        "原因分析",
        "原因",
        "备注",
    ),
}

#: Header labels of the funding block (项目资金 / 预算执行情况).
BUDGET_LABELS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数", "年初预算"),
    "full_year": ("全年预算数", "全年预算"),
    "adjusted": ("调整后预算数", "调整后预算"),
    "spent": ("全年执行数", "预算执行数", "执行数"),
    "weight": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "score": ("得分",),
    "reason": ("原因", "偏差原因"),
}

#: Labels of the one scored funding row.
BUDGET_ROW_LABELS = ("年度资金总额", "资金总额", "总额", "合计")
#: Labels that end the indicator block.
END_LABELS = ("总分", "合计", "总计", "评价结论", "存在问题", "改进措施", "自评结论")
#: Header fields and their labels.
HEADER_LABELS = {
    "programme": ("项目名称",),
    "department": ("主管部门", "主管部门及代码"),
    "implementer": ("实施单位", "项目实施单位"),
}

_GRADE = re.compile(r"(?:自评)?等级\s*[:：]?\s*(优秀|良好|合格|不合格|优|良|中|差)")
_YEAR = re.compile(r"[（(]?\s*(\d{4})\s*年度?\s*[）)]?")
_POINTS_IN_LABEL = re.compile(r"^(?P<name>.*?)\s*[（(]?\s*(?P<points>\d+(?:\.\d+)?)\s*分\s*[）)]?$")
_GRADE_WORDS = {"优秀": "优", "良好": "良", "合格": "中", "不合格": "差"}
for _word in ("优", "良", "中", "差"):
    _GRADE_WORDS[_word] = _word
#: Labels of a cell whose neighbour holds the grade alone ("评价结论 | 良").
_GRADE_LABELS = ("自评等级", "等级", "评价等级", "评价结论", "自评结论")


@dataclass
class FormRow:
    """One indicator line of a filled form, as written (texts kept, numbers read).

    Attributes:
        excel_row: The row's number in Excel (1-based).
        level1: 一级指标, without points written into it ("产出指标(50分)" → "产出指标").
        level1_points: Points written into the 一级 label, if any.
        level2: 二级指标.
        level3: 三级指标.
        target: 年度指标值 as written (with the 度量单位 and 指标性质 added when the
            layout keeps them in columns of their own).
        actual: 实际完成值 as written (with the 度量单位 when in its own column).
        direction: 指标性质 (≥, ≤, =, 定性) when the layout has such a column.
        weight: 分值 (权重), ``None`` when blank or unreadable.
        score: 得分, ``None`` when blank or unreadable.
        reason: 偏差原因分析及改进措施 (or 未完成原因分析).
        filled: Which of level1/level2 were blank and taken from the row above.
    """

    excel_row: int
    level1: str
    level1_points: float | None
    level2: str
    level3: str
    target: str
    actual: str
    direction: str | None
    weight: float | None
    score: float | None
    reason: str
    filled: tuple[str, ...] = ()


@dataclass
class FormBudget:
    """The scored funding row (年度资金总额 / 总额), amounts as written (万元).

    Attributes:
        excel_row: The row's number in Excel, ``None`` when the form has no funding block.
        initial: 年初预算数.
        full_year: 全年预算数.
        adjusted: 调整后预算数 (Sichuan layout).
        spent: 全年执行数 / 预算执行数.
        weight: 分值 / 权重.
        rate: 执行率 as a share (96.85% → 0.9685), ``None`` when blank.
        rate_text: 执行率 as the cell showed it.
        score: 得分.
        reason: 原因 (Sichuan layout), else empty.
    """

    excel_row: int | None = None
    initial: float | None = None
    full_year: float | None = None
    adjusted: float | None = None
    spent: float | None = None
    weight: float | None = None
    rate: float | None = None
    rate_text: str = ""
    score: float | None = None
    reason: str = ""


@dataclass
class FilledForm:
    """One filled self-assessment form: a sheet of a workbook.

    Attributes:
        file: The workbook's file name.
        sheet: The sheet's name.
        layout: ``central`` (财预〔2020〕10号) or ``sichuan`` (部门预算项目支出绩效自评表).
        programme: 项目名称.
        department: 主管部门.
        implementer: 实施单位.
        year: The year in the title ("（2023年度）"), if any.
        budget: The funding row.
        rows: The indicator lines, in order.
        total_weight: 分值 written on the 总分 row, if any.
        total_score: 得分 written on the 总分 row, if any.
        grade: The grade written on the form (优/良/中/差), if any.
        notes: What the reader noticed (filled-down levels, unreadable numbers).
    """

    file: str
    sheet: str
    layout: str
    programme: str = ""
    department: str = ""
    implementer: str = ""
    year: int | None = None
    budget: FormBudget = field(default_factory=FormBudget)
    rows: list[FormRow] = field(default_factory=list)
    total_weight: float | None = None
    total_score: float | None = None
    grade: str | None = None
    notes: list[str] = field(default_factory=list)


def label(value: object) -> str:
    """A cell's text as a label: NFKC, no spaces or line breaks, no trailing colon.

    Examples:
        >>> label(" 一级\\n指标：")
        '一级指标'
    """
    if value is None or (isinstance(value, float | int) and not isinstance(value, bool)):
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return re.sub(r"\s+", "", text).rstrip(":")


def _text(value: object) -> str:
    """A cell as text; the markers our own forms put in blank fields read as blank."""
    if value is None:
        return ""
    if isinstance(value, str) and value.strip() in (FORM_UNKNOWN, FORM_REASON_NEEDED):
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value)}"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value).strip()


def _number(value: object) -> float | None:
    """A number cell, or a text cell holding only a number ("10", "9.5分", "96.85%")."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value) if value == value else None
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    match = re.fullmatch(r"([-+]?\d+(?:\.\d+)?)\s*(分|%)?", text)
    if not match:
        return None
    number = float(match[1])
    return number / 100.0 if match[2] == "%" else number


def _match(text: str, aliases: Sequence[str]) -> int | None:
    """Rank of the alias a label matches exactly (0 = first alias), else ``None``."""
    for rank, alias in enumerate(aliases):
        if text == alias or (text.endswith(")") and text.split("(")[0] == alias):
            return rank
    return None


#: Words that name a column when no label matches exactly ("偏差原因及整改措施" → reason).
_CONTAINS = {"reason": "原因", "actual": "实际完成", "target": "指标值"}


def _columns(row: list[object], labels: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Map each field to the first column of ``row`` whose label names it.

    An exact label (or one followed by its unit in brackets, "权重(%)") wins; a field
    no label names exactly takes the first unclaimed label containing its word.
    """
    found: dict[str, tuple[int, int]] = {}
    texts = [label(value) for value in row]
    for col, text in enumerate(texts):
        if not text:
            continue
        for name, aliases in labels.items():
            rank = _match(text, aliases)
            if rank is not None and (name not in found or rank < found[name][0]):
                found[name] = (rank, col)
                break
    taken = {col for _, col in found.values()}
    for name, word in _CONTAINS.items():
        if name in labels and name not in found:
            col = next((c for c, t in enumerate(texts) if word in t and c not in taken), None)
            if col is not None:
                found[name] = (len(labels[name]), col)
                taken.add(col)
    return {name: col for name, (_, col) in found.items()}


def _find_row(rows: list[list[object]], needed: Iterable[str], labels, start: int = 0):
    needed = tuple(needed)
    for index in range(start, len(rows)):
        columns = _columns(rows[index], labels)
        if all(name in columns for name in needed):
            return index, columns
    return None, {}


def _value_right_of(rows: list[list[object]], aliases: Sequence[str]) -> str:
    """The first non-label text to the right of a header label ("项目名称 | XX项目")."""
    for row in rows[:12]:
        for col, value in enumerate(row):
            if _match(label(value), aliases) is None:
                continue
            for other in row[col + 1 :]:
                text = _text(other)
                if text and _match(label(other), aliases) is None:
                    if any(_match(label(other), a) is not None for a in HEADER_LABELS.values()):
                        return ""  # the next label: the field is blank
                    return text
            return ""
    return ""


def _year(rows: list[list[object]]) -> int | None:
    for row in rows[:4]:
        for value in row:
            text = label(value)
            match = _YEAR.fullmatch(text) or (
                _YEAR.search(text) if "年度" in text and len(text) < 40 else None
            )
            if match:
                return int(match[1])
    return None


def _grade(rows: list[list[object]], start: int) -> str | None:
    for row in rows[start:]:
        for col, value in enumerate(row):
            text = label(value)
            match = _GRADE.search(text)
            if match:
                return _GRADE_WORDS.get(match[1], match[1])
            if text in _GRADE_LABELS:
                for other in row[col + 1 :]:
                    word = label(other)
                    if word in _GRADE_WORDS or word in _GRADE_WORDS.values():
                        return _GRADE_WORDS.get(word, word)
    return None


def _rate(value: object) -> float | None:
    """执行率 as a share: a percent-formatted cell is already one; "96.85%" and 96.85 are not."""
    number = _number(value)
    if number is None:
        return None
    if isinstance(value, str) and "%" not in value and number > 2:
        return number / 100.0
    if not isinstance(value, str) and number > 2:
        return number / 100.0
    return number


#: Labels of the funding rows that split the total by source (其中：当年财政拨款 …).
BUDGET_PART_LABELS = (
    "其中:当年财政拨款",
    "其中:本年财政拨款",
    "当年财政拨款",
    "本年财政拨款",
    "财政拨款",
    "上年结转资金",
    "上年结转",
    "其他资金",
    "财政资金",
    "财政专户管理资金",
    "单位资金",
)

_AMOUNTS = ("initial", "full_year", "adjusted", "spent")


def _budget_line(row: list[object], columns: dict[str, int], excel_row: int) -> FormBudget:
    def get(name: str):
        col = columns.get(name)
        return row[col] if col is not None and col < len(row) else None

    rate = get("rate")
    return FormBudget(
        excel_row=excel_row,
        initial=_number(get("initial")),
        full_year=_number(get("full_year")),
        adjusted=_number(get("adjusted")),
        spent=_number(get("spent")),
        weight=_number(get("weight")),
        rate=_rate(rate),
        rate_text=_text(rate),
        score=_number(get("score")),
        reason=_text(get("reason")) if "reason" in columns else "",
    )


def _budget(rows: list[list[object]], end: int) -> tuple[FormBudget, list[str]]:
    """The scored funding row; when its amounts are all blank or 0 but the rows by source
    below it hold amounts (seen on published county forms), their sums, said in a note."""
    index, columns = _find_row(rows[:end], ("rate",), BUDGET_LABELS)
    if index is None or not ({"full_year", "adjusted"} & set(columns)):
        return FormBudget(), []
    total, parts = None, []
    for r in range(index + 1, min(index + 9, end)):
        labels = [label(v) for v in rows[r]]
        if total is None and any(_match(t, BUDGET_ROW_LABELS) is not None for t in labels):
            total = _budget_line(rows[r], columns, r + 1)
        elif total is not None and any(
            t.startswith(BUDGET_PART_LABELS) or _match(t, BUDGET_PART_LABELS) is not None
            for t in labels
        ):
            parts.append(_budget_line(rows[r], columns, r + 1))
    if total is None:
        return FormBudget(), []
    if all(not getattr(total, name) for name in _AMOUNTS) and any(
        getattr(part, name) for part in parts for name in _AMOUNTS
    ):
        for name in _AMOUNTS:
            values = [getattr(part, name) for part in parts if getattr(part, name) is not None]
            setattr(total, name, sum(values) if values else None)
        shown = "、".join(
            str(part.excel_row) for part in parts if any(getattr(part, n) for n in _AMOUNTS)
        )
        return total, [
            f"第 {total.excel_row} 行资金总额的金额为空或为 0，按第 {shown} 行（分来源）之和读取"
            " (funding total blank: read as the sum of the rows by source)"
        ]
    return total, []


def _level1(text: str) -> tuple[str, float | None]:
    """ "产出指标(50分)" → ("产出指标", 50.0).

    Examples:
        >>> _level1("产出指标（50分）"), _level1("效益指标")
        (('产出指标', 50.0), ('效益指标', None))
    """
    cleaned = label(text)
    match = _POINTS_IN_LABEL.match(cleaned)
    if match and match["name"]:
        return match["name"], float(match["points"])
    return cleaned, None


def _is_end(row: list[object]) -> bool:
    first = next((label(v) for v in row if label(v)), "")
    return _match(first, END_LABELS) is not None or first.startswith(("总分", "自评等级"))


def read_form(cells: SheetCells, file: str) -> FilledForm | None:
    """Read one sheet as a filled form, or ``None`` when it has no indicator block.

    Labels are found wherever they are (a few rows or columns off is fine); merged
    一级/二级 cells, and blank ones below a label as budget systems export them, take
    the label above (said in ``notes``).

    Examples:
        >>> rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "示例项目"],
        ...     ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ...     ["产出指标(50分)", "数量指标", "场次", "≥2场", "3场", 50, 50],
        ...     ["", "", "人数", "≥100人", "80人", 40, 32],
        ...     ["总分", "", "", "", "", 90, 82]]
        >>> form = read_form(SheetCells("表1", rows), "f.xlsx")
        >>> form.programme, form.year, [(r.level1, r.level2, r.score) for r in form.rows]
        ('示例项目', 2023, [('产出指标', '数量指标', 50.0), ('产出指标', '数量指标', 32.0)])
        >>> form.total_score, form.notes[0].split(" (")[0]
        (82.0, '第 6 行的一级指标、二级指标为空，按上一行填充')
    """
    rows = cells.rows
    header, columns = _find_row(rows, ("level3", "weight", "score"), INDICATOR_LABELS)
    if header is None or ("target" not in columns and "actual" not in columns):
        return None
    layout = "sichuan" if "direction" in columns or "unit" in columns else "central"
    form = FilledForm(file, cells.name, layout)
    for name, aliases in HEADER_LABELS.items():
        setattr(form, name, _value_right_of(rows, aliases))
    form.year = _year(rows)
    form.budget, notes = _budget(rows, header)
    form.notes.extend(notes)

    def get(row: list[object], name: str) -> object:
        col = columns.get(name)
        return row[col] if col is not None and col < len(row) else None

    last = {"level1": "", "level2": ""}
    last_points: float | None = None
    end = len(rows)
    for r in range(header + 1, len(rows)):
        row = rows[r]
        if _is_end(row):
            end = r
            break
        if not any(_text(v) for v in row):
            continue
        level3 = _text(get(row, "level3"))
        target = _text(get(row, "target"))
        weight = get(row, "weight")
        if not level3 and not target and _number(weight) is None:
            continue  # a label-only line (a 二级 heading row, a blank bordered row)
        filled = []
        level1_raw = _text(get(row, "level1"))
        if level1_raw:
            level1, points = _level1(level1_raw)
            if level1 != last["level1"]:
                last["level2"] = ""
            last["level1"], last_points = level1, points
        elif last["level1"]:
            filled.append("level1")
        level2 = label(get(row, "level2"))
        if level2:
            last["level2"] = level2
        elif last["level2"]:
            filled.append("level2")
        unit = _text(get(row, "unit"))
        direction = _text(get(row, "direction")) or None
        actual = _text(get(row, "actual"))
        if unit:
            target = _with_unit(target, unit)
            actual = _with_unit(actual, unit)
        if direction and target and not target.startswith(("≥", "≤", "=", ">", "<", "＝")):
            sign = {"正向": "≥", "反向": "≤", "定性": ""}.get(direction, direction)
            target = f"{sign}{target}" if sign in ("≥", "≤", "=") else target
        form.rows.append(
            FormRow(
                excel_row=r + 1,
                level1=last["level1"],
                level1_points=last_points,
                level2=last["level2"],
                level3=level3,
                target=target,
                actual=actual,
                direction=direction,
                weight=_number(weight),
                score=_number(get(row, "score")),
                reason=_text(get(row, "reason")),
                filled=tuple(filled),
            )
        )
    filled_rows = [row.excel_row for row in form.rows if row.filled]
    if filled_rows:
        shown = "、".join(map(str, filled_rows[:5])) + (
            f" 等 {len(filled_rows)} 行" if len(filled_rows) > 5 else " 行"
        )
        form.notes.append(
            f"第 {shown}的一级指标、二级指标为空，按上一行填充 (blank levels filled down)"
        )
    total = _total_row(rows, end)
    if total is not None:
        form.total_weight = _number(get(total, "weight"))
        form.total_score = _number(get(total, "score"))
        if form.total_score is None:
            numbers = [n for n in (_number(v) for v in total) if n is not None]
            form.total_score = numbers[-1] if numbers else None
    form.grade = _grade(rows, end if end < len(rows) else header)
    return form


def _total_row(rows: list[list[object]], end: int) -> list[object] | None:
    """The 总分 (合计) row: the end of the indicator block or one of the rows after it
    (the Sichuan layout puts 评价结论 first)."""
    for row in rows[end : end + 8]:
        first = next((label(v) for v in row if label(v)), "")
        if first.startswith(("总分", "合计", "总计")):
            return row
    return None


def _with_unit(text: str, unit: str) -> str:
    """Join a value and its 度量单位 column ("5" + "万元" → "5万元"), unless it has one."""
    if not text or unit in text or not re.search(r"\d", text):
        return text
    return f"{text}{unit}"


def read_forms(path: str | Path) -> list[FilledForm]:
    """Read every sheet of a workbook that holds a filled 自评表.

    Raises:
        UserError: The file cannot be read as a workbook, or no sheet holds a form.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> wb = Workbook(); ws = wb.active
        >>> ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
        ...     "分值", "得分"])
        >>> ws.append(["产出指标", "数量指标", "场次", "≥2场", "3场", 90, 90])
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "form.xlsx"; wb.save(file)
        >>> [form] = read_forms(file)
        >>> form.rows[0].actual, form.layout
        ('3场', 'central')
    """
    from analysis.load.sources import read_workbook

    path = Path(path)
    sheets, _notes = read_workbook(path)
    forms = [form for sheet in sheets if (form := read_form(sheet, path.name)) is not None]
    if not forms:
        raise UserError(
            f"{path.name} 中没有找到自评表：没有一张工作表含“三级指标”“分值”“得分”表头"
            " (no sheet holds a self-assessment form)"
        )
    return forms


__all__ = ["FilledForm", "FormBudget", "FormRow", "label", "read_form", "read_forms"]
