"""Read a targets table (绩效目标表) as users and budget systems write it: xlsx, xls or CSV."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.assessment.targets import DIRECTION_ALIASES, DIRECTIONS
from analysis.errors import UserError
from analysis.load.cells import cell_text, is_blank
from analysis.load.text import read_csv
from analysis.quantities import QuantityError, parse_number

#: Column → headers it is recognised by (compared without spaces, brackets or case).
HEADERS: dict[str, tuple[str, ...]] = {
    "indicator_id": ("指标编号", "编号", "序号", "指标序号", "indicatorid", "id", "no"),
    "programme": ("项目名称", "项目", "programme", "program", "project"),
    "level1": ("一级指标", "一级", "level1"),
    "level2": ("二级指标", "二级", "level2"),
    "level3": ("三级指标", "三级", "指标名称", "指标内容", "level3", "indicator"),
    "sign": (
        "指标方向",
        "指标性质",
        "计算符号",
        "方向",
        "符号",
        "比较符号",
        "sign",
        "direction",
        "operator",
    ),
    "target": (
        "年度指标值",
        "指标值",
        "目标值",
        "年度目标值",
        "绩效目标值",
        "预期指标值",
        "年度绩效指标值",
        "target",
        "targetvalue",
    ),
    "unit": ("度量单位", "计量单位", "单位", "unit"),
    "weight": ("分值", "权重", "指标分值", "权重分值", "weight", "points"),
    "actual": (
        "实际完成值",
        "完成值",
        "实际值",
        "全年实际值",
        "全年完成值",
        "实际完成",
        "actual",
        "actualvalue",
    ),
    "reason": (
        "偏差原因分析及改进措施",
        "偏差原因",
        "未完成原因分析",
        "原因分析",
        "偏差原因分析",
        "reason",
    ),
    "measure": ("指标代码", "数据来源", "measure"),
    "note": ("备注", "说明", "note"),
}

#: How a 度量单位 cell may write a percentage.
PERCENT_WORDS = frozenset({"%", "百分比", "百分率", "百分数", "百分点比例"})
#: Rows that sum the table up rather than name an indicator.
_TOTAL_WORDS = ("合计", "总计", "小计", "总分")
_BRACKETS = re.compile(r"[(（\[【].*?[)）\]】]")
_SIGNED = re.compile(r"^(?:[≥≤=<>＞＜＝≧≦]|大于|小于|等于|不少于|不低于|不超过|不高于|至少)")


@dataclass
class TargetSheet:
    """A targets table read from a file, and what the reader did on the way.

    Attributes:
        table: One row per indicator: the ``analysis.schema.TARGETS`` columns plus
            ``sign``, ``value`` and ``unit`` as the file wrote them (for the Sichuan form).
        notes: What was filled in or read in a particular way, each naming file, sheet, row.
    """

    table: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def _key(text: object) -> str:
    norm = unicodedata.normalize("NFKC", str(text or "")).casefold()
    norm = re.sub(r"\s+", "", norm)
    return _BRACKETS.sub("", norm).replace("_", "").replace("-", "") or norm


_LOOKUP = {_key(word): column for column, words in HEADERS.items() for word in words}


def _columns(row: list[object]) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, cell in enumerate(row):
        column = _LOOKUP.get(_key(cell))
        if column and column not in found.values():
            found[index] = column
    return found


def _grid(path: Path) -> list[tuple[str | None, list[list[object]], list[str]]]:
    """(sheet, rows, notes) of each sheet, read by content: a workbook or CSV text.

    Workbooks go through the loader's bounded reader (``load.sources.read_workbook``), so
    a targets file is as safe to open as a ledger.
    """
    from analysis.load.package import sniff
    from analysis.load.sources import read_workbook

    try:
        kind = sniff(path)
    except OSError as exc:
        raise UserError(f"无法读取文件 (cannot read file) {path}: {exc.strerror}") from exc
    if kind == "html":
        raise UserError(
            f"{path.name} 是网页（HTML/XML）而不是 Excel 工作簿或 CSV，"
            "常见于业务系统导出的“Excel”：请用 Excel 打开后另存为 .xlsx 再试"
        )
    if kind == "text":
        rows, _encoding = read_csv(path)
        return [(None, rows, [])]
    sheets, notes = read_workbook(path)
    grid = [(s.name, s.rows, list(s.notes)) for s in sheets]
    if grid and notes:
        name, rows, first = grid[0]
        grid[0] = (name, rows, [*notes, *first])
    return grid


def _where(path: Path, sheet: str | None, row: int, column: str | None = None) -> str:
    place = f"{path.name}" + (f"，工作表“{sheet}”" if sheet else "") + f"，第{row}行"
    return place + (f"“{column}”列" if column else "")


def _weight(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("分")
    return parse_number(text)


def _unit(text: str) -> str:
    return "%" if text in PERCENT_WORDS else text


def _value_text(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日前"
    text = cell_text(value) or ""
    return unicodedata.normalize("NFKC", text).strip() if text[:1].isdigit() else text.strip()


def _target_text(value: str, sign: str, unit: str) -> str:
    """The target as one text: sign column + value + 度量单位 ("≥" "5" "万元" → "≥5万元")."""
    text = value
    if unit and text and re.fullmatch(r"[0-9.,，万亿千百]+", text):
        text += unit
    deadline = re.search(r"[年月日]|前$|底$", text)
    if sign in ("≥", "≤", "=", ">", "<") and not _SIGNED.match(text) and not deadline:
        text = sign + text
    return text


def _sign(raw: object) -> tuple[str, str | None]:
    """(symbol shown, direction code) of a 指标方向/指标性质/计算符号 cell."""
    text = unicodedata.normalize("NFKC", str(raw or "")).strip()
    if not text or text in ("定量", "定量指标"):
        return "", None
    code = text.lower()
    direction = code if code in DIRECTIONS else DIRECTION_ALIASES.get(text)
    if direction is None:
        raise ValueError(text)
    symbol = {"ge": "≥", "le": "≤", "eq": "=", "qualitative": ""}[direction]
    return symbol, direction


def _actual(value: object) -> object:
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return cell_text(value)
    return str(value).strip()


def read_target_sheet(path: str | Path) -> TargetSheet:
    """Read a targets table from .xlsx/.xls (by content, whatever the suffix) or CSV.

    The header row is found among the first 20 rows, in Chinese or English (``HEADERS``).
    Blank or merged 一级/二级 cells take the value above (said in ``notes``); a separate
    指标方向/指标性质/计算符号 column gives the direction (≥, ≤, =, 正向, 反向, 定性 …) and a
    度量单位 column the unit of a bare value (``%`` or ``百分比``); 实际完成值 is kept as
    typed. Rows that sum up (合计, 总分) and blank rows are skipped.

    Raises:
        UserError: no header row, or rows that cannot be read, each named with file,
            sheet, row, column, value and reason.

    Examples:
        >>> import tempfile, pathlib
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "绩效目标.csv"
        >>> head = "一级指标,二级指标,三级指标,指标方向,指标值,度量单位,分值,实际完成值\\n"
        >>> _ = file.write_text(head +
        ...     "产出指标,数量指标,培训人数,≥,300,人,50,320\\n,,培训场次,≥,5,场,40,5\\n",
        ...     encoding="gb18030")
        >>> sheet = read_target_sheet(file)
        >>> list(sheet.table["target"]), list(sheet.table["level2"])
        (['≥300人', '≥5场'], ['数量指标', '数量指标'])
        >>> sheet.notes[0]
        '绩效目标.csv，第3行：一级指标为空，沿用上一行“产出指标”（合并或留空的单元格）'
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到绩效目标表 {path}: no such file")
    for sheet, rows, sheet_notes in _grid(path):
        for index, row in enumerate(rows[:20]):
            columns = _columns(row)
            if {"level3", "target"} <= set(columns.values()):
                return _read_rows(path, sheet, rows, index, columns, sheet_notes)
    raise UserError(
        f"{path.name} 中找不到绩效目标表的表头：需要“三级指标”和“年度指标值”（或“指标值”）两列"
    )


def _read_rows(path, sheet, rows, header, columns, sheet_notes) -> TargetSheet:
    notes = [f"{path.name}，工作表“{sheet}”：{n}" for n in sheet_notes]
    if "weight" not in columns.values():
        raise UserError(f"{_where(path, sheet, header + 1)}：表头缺少“分值”（或“权重”）列")
    records, errors = [], []
    last = {"level1": "", "level2": ""}
    for offset, row in enumerate(rows[header + 1 :], start=header + 2):
        cells = {name: row[i] if i < len(row) else None for i, name in columns.items()}
        if all(is_blank(v) for v in cells.values()):
            continue
        texts = {k: (cell_text(v) or "").strip() for k, v in cells.items()}
        first = texts.get("level1") or texts.get("indicator_id") or ""
        if not texts.get("level3") and any(w in first for w in _TOTAL_WORDS):
            continue
        for level, label in (("level1", "一级指标"), ("level2", "二级指标")):
            if texts.get(level):
                if level == "level1" and texts[level] != last["level1"]:
                    last["level2"] = ""  # a new 一级 starts its own 二级 groups
                last[level] = texts[level]
            elif last[level]:
                texts[level] = last[level]
                notes.append(
                    f"{_where(path, sheet, offset)}：{label}为空，沿用上一行“{last[level]}”"
                    "（合并或留空的单元格）"
                )
            else:
                errors.append(f"{_where(path, sheet, offset, label)}：为空，且上方没有可沿用的值")
        if not texts.get("level3"):
            errors.append(f"{_where(path, sheet, offset, '三级指标')}：为空")
            continue
        try:
            symbol, direction = _sign(cells.get("sign"))
        except ValueError as exc:
            errors.append(
                f"{_where(path, sheet, offset, '指标方向')}：“{exc}”不是方向"
                "（可写 ≥、≤、=、正向、反向、定性，或 ge、le、eq、qualitative）"
            )
            continue
        value = _value_text(cells.get("target"))
        if not value:
            errors.append(f"{_where(path, sheet, offset, '年度指标值')}：为空")
            continue
        unit = _unit(unicodedata.normalize("NFKC", texts.get("unit", "")).strip())
        try:
            weight = _weight(cells.get("weight"))
        except (QuantityError, ValueError):
            errors.append(
                f"{_where(path, sheet, offset, '分值')}：“{texts.get('weight', '')}”不是数字"
            )
            continue
        records.append(
            {
                "indicator_id": texts.get("indicator_id") or f"第{offset}行",
                "programme": texts.get("programme", ""),
                "level1": texts["level1"],
                "level2": texts["level2"],
                "level3": texts["level3"],
                "target": _target_text(value, symbol, unit),
                "weight": weight,
                "measure": texts.get("measure", ""),
                "actual": _actual(cells.get("actual")),
                "direction": direction or "",
                "reason": texts.get("reason", ""),
                "note": texts.get("note", ""),
                "sign": symbol,
                "value": value,
                "unit": unit,
            }
        )
    seen: dict[tuple[str, str], int] = {}
    for number, record in enumerate(records):
        key = (record["programme"], record["indicator_id"])
        if key in seen:
            errors.append(
                f"{path.name}：指标编号“{key[1]}”重复（第{seen[key] + 1}个与第{number + 1}个指标）"
            )
        seen.setdefault(key, number)
    if errors:
        raise UserError("绩效目标表有误：\n" + "\n".join(errors))
    if not records:
        raise UserError(f"{path.name} 的绩效目标表没有指标行")
    return TargetSheet(pd.DataFrame(records), notes)
