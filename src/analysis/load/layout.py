"""Where a sheet's data is: title and unit rows above the header, totals and footers below."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.load.cells import cell_text, is_blank
from analysis.quantities import MONEY_UNITS

#: A cell that makes its row a total: 合计, 小计, 总计 … alone or followed by a colon or
#: a bracket (合计（万元）), never a title that merely starts so (合计划 is not a total).
_TOTAL = re.compile(r"^.{0,6}?(合计|小计|总计|共计|累计)\s*(?:[:：(（].*)?$")
#: A group heading inside the data: 一、前期调研阶段, （二）, 第三阶段 alone in its row.
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+(?:[、.．]|$)|[(（][一二三四五六七八九十]+[)）]"
    r"|第[一二三四五六七八九十]+(?:阶段|部分|类|批))"
)
#: A row of column codes under a header (栏次: 甲 乙 丙 … or 1 2 3 …).
_CODES = set("甲乙丙丁戊己庚辛壬癸") | {"栏次"}
#: The first text of a footer row (填表人：张三  审核：李四  填表日期：…).
_FOOTER = re.compile(
    r"^(填表人|填报人|制表人|制表|填表|审核人|审核|审批|负责人|单位负责人|分管领导|联系人|"
    r"联系电话|填表日期|填报日期|制表日期|报送日期|报送时间|填报单位|报送单位|签字|盖章|"
    r"注[:：]|备注[:：]|说明[:：]|共\s*\d+\s*条)"
)
#: A money unit stated for a whole sheet: 单位：万元, （单位：元）, 金额单位：万元.
_SHEET_UNIT = re.compile(r"单位\s*[:：]\s*(亿元|万元|千元|元)")
_TITLE_UNIT = re.compile(r"[(（]\s*(亿元|万元|元)\s*[)）]\s*$")
_SPACE = re.compile(r"\s+")

SKIP_TITLE = "表头上方的标题或说明行 (title or note above the header)"
SKIP_BLANK = "空行 (blank row)"
SKIP_TOTAL = "合计或小计行，不是一条记录 (total or subtotal row, not a record)"
SKIP_FOOTER = "表尾的填表人、审核或日期 (footer: who filled in and checked the sheet)"
SKIP_HEADING = "分组标题行，不是一条记录 (group heading, not a record)"
SKIP_CODES = "栏次行（甲、乙、丙…），不是一条记录 (row of column codes)"


def _texts(row: list[object]) -> list[str]:
    return [
        _SPACE.sub("", unicodedata.normalize("NFKC", cell_text(c))) for c in row if not is_blank(c)
    ]


def first_text(row: list[object], limit: int = 40) -> str | None:
    """The row's first non-blank cell as text, shortened for the load report.

    Examples:
        >>> first_text(["", "合计", 120.0]), first_text(["", None])
        ('合计', None)
    """
    for cell in row:
        if not is_blank(cell):
            text = cell_text(cell).strip()
            return text if len(text) <= limit else text[:limit] + "…"
    return None


def skip_reason(row: list[object], after_footer: bool = False) -> str | None:
    """Why a row below the header is not a record, or None when it is one.

    A row is a total when one of its first three filled cells is 合计/小计/总计…; a footer
    when its first filled cell starts with 填表人, 审核, 填表日期, 填报单位 …
    (``after_footer`` makes any filled row a footer).

    Examples:
        >>> skip_reason(["", "合计", "", 44634.0], False) == SKIP_TOTAL
        True
        >>> skip_reason(["填表人：张三  审核：李四"], False) == SKIP_FOOTER
        True
        >>> skip_reason([1.0, "合计划生育宣传", 3.0], False) is None
        True
        >>> skip_reason(["甲", "乙", "丙", "1", "2"]) == SKIP_CODES
        True
        >>> skip_reason(["一", "前期调研阶段"]) == SKIP_HEADING
        True
        >>> skip_reason(["三创大赛", "2023-5-1"]) is None
        True
    """
    texts = _texts(row)
    if not texts:
        return SKIP_BLANK
    if after_footer or _FOOTER.match(texts[0]):
        return SKIP_FOOTER
    if any(_TOTAL.match(t) for t in texts[:3]):
        return SKIP_TOTAL
    stems = sum(t in _CODES for t in texts)
    if stems >= 2 and all(t in _CODES or t.isdigit() for t in texts):
        return SKIP_CODES
    numbers = [c for c in row if isinstance(c, int | float) and not isinstance(c, bool)]
    # A heading names a group of the rows below it: a numeral and a name, nothing else.
    if not numbers and len(set(texts)) <= 2 and _HEADING.match(texts[0]):
        return SKIP_HEADING
    return None


#: First characters of footer words, headings and 栏次 codes (totals are found by their 计).
_MARK_STARTS = set("填制审负单分联报签盖注备说共一二三四五六七八九十（(第甲乙丙丁戊己庚辛壬癸栏")


#: The characters ``str.strip`` takes for blanks (``str.isspace``), for a pattern.
_BLANKS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(
    map(chr, [*range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
)
#: ``may_skip``'s first look as one pattern for a whole column: a mark after any leading
#: blanks, or 计 among the first ten characters.
_MAY_SKIP = (
    "(?s)^(?:["
    + "".join(f"\\x{{{ord(c):x}}}" for c in _BLANKS)
    + "]*["
    + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(_MARK_STARTS))
    + "]|.{0,9}计)"
)


def may_skip_each(values: np.ndarray) -> np.ndarray:
    """``may_skip`` of each value, and ``False`` in one slot more (for a missing cell).

    A column of distinct texts (ids, names) is looked at in Arrow first; only the texts
    that pass the first look go through ``may_skip``.

    Examples:
        >>> may_skip_each(np.array(["合计", "光伏组件", 3.0], dtype=object)).tolist()
        [True, False, False, False]
    """
    out = np.zeros(len(values) + 1, dtype=bool)
    if len(values) > 64 and pd.api.types.infer_dtype(values, skipna=False) == "string":
        try:
            looked = pc.match_substring_regex(pa.array(values, pa.string()), _MAY_SKIP)
        except (pa.ArrowException, UnicodeEncodeError):  # a lone surrogate: look one by one
            looked = None
        if looked is not None:
            for i in np.flatnonzero(looked.to_numpy(zero_copy_only=False)):
                out[i] = may_skip(values[i])
            return out
    out[:-1] = [may_skip(v) for v in values]
    return out


def may_skip(value: object) -> bool:
    """Whether a cell could make its row a total, footer, heading or 栏次 row (cheap test).

    Examples:
        >>> may_skip("合计"), may_skip("甲"), may_skip("光伏组件")
        (True, True, False)
    """
    if not isinstance(value, str):
        return False
    head = value.lstrip()[:1]
    # Most cells are names and ids: one look at the first character settles them.
    if head not in _MARK_STARTS and "计" not in value[:10]:
        return False
    text = _SPACE.sub("", unicodedata.normalize("NFKC", value))
    return text in _CODES or skip_reason([text]) in (SKIP_TOTAL, SKIP_FOOTER, SKIP_HEADING)


def sheet_unit(rows: list[list[object]]) -> str | None:
    """The money unit rows above a header state for the whole sheet (单位：万元), if any.

    Examples:
        >>> sheet_unit([["经费使用情况（单位：万元）"]]), sheet_unit([["2023年台账（元）"]])
        ('万元', '元')
        >>> sheet_unit([["2023年台账"], ["说明：金额为合同约定金额"]]) is None
        True
    """
    for row in rows:
        for text in _texts(row):
            match = _SHEET_UNIT.search(text) or _TITLE_UNIT.search(text)
            if match and match.group(1) in MONEY_UNITS:
                return match.group(1)
    return None


def titles(rows: list[list[object]]) -> list[str]:
    """The texts of the rows above a header that hold one text only (a merged title).

    A note such as 填报单位：… or 单位：万元 is no title.

    Examples:
        >>> titles([["2023年西湖区技术交易台账", "", ""], ["序号", "项目名称"]])
        ['2023年西湖区技术交易台账']
    """
    out = []
    for row in rows:
        texts = [cell_text(c).strip() for c in row if not is_blank(c)]
        # Merged titles are filled across the row by the reader: one distinct text.
        if texts and len(set(texts)) == 1:
            text = texts[0]
            plain = _SPACE.sub("", unicodedata.normalize("NFKC", text))
            if not (_FOOTER.match(plain) or (_SHEET_UNIT.search(plain) and len(plain) < 12)):
                out.append(text)
    return out


def vertical_pairs(
    rows: list[list[object]], known: set[str], normalise
) -> tuple[list[list[object]], list[int] | None]:
    """A label/value table (项目名称 | 某项目 on each row) turned into header and data rows.

    Returns:
        ``(rows, None)`` unless at least two rows have a known label in their first filled
        cell and a value after it; then ``([labels], [values]), indexes of those rows``.

    Examples:
        >>> rows = [["项目信息"], ["项目名称", "P"], ["主管部门", "某局"], ["年度", "2023年"]]
        >>> vertical_pairs(rows, {"项目名称", "主管部门", "年度"}, str)
        ([['项目名称', '主管部门', '年度'], ['P', '某局', '2023年']], [1, 2, 3])
    """
    pairs, used = [], []
    for i, row in enumerate(rows):
        filled = [c for c in row if not is_blank(c)]
        if len(filled) >= 2 and normalise(filled[0]) in known:
            pairs.append((filled[0], filled[1]))
            used.append(i)
    if len(pairs) < 2:
        return rows, None
    return [[label for label, _ in pairs], [value for _, value in pairs]], used
