"""Tables in a report: found in text laid out with tabs, spaces or pipes, and read cell by cell."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from analysis.extract import rules
from analysis.extract.documents import Cell, Table
from analysis.quantities import QuantityError, parse_number, parse_quantity

__all__ = ["TableLayout", "find_text_tables", "label_unit", "layout", "sections"]

# Cell separators in a text line without tabs: two or more spaces, or an ideographic one.
_GAP = re.compile(r"[ \u3000]{2,}|\u3000")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^[\s|:：\-—=+]+$")
# A unit written in a header or label: （万元）, (%), 单位：元, /人次.
_PAREN_UNIT = re.compile(r"[（(]\s*(?:单位\s*[：:]\s*)?([^（）()]{1,6}?)\s*[）)]")
_UNIT_PREFIX = re.compile(r"(?:金额)?单位\s*[：:]\s*([万亿千]?元|%|[^\s，,。；;）)]{1,4})")
_SLASH_UNIT = re.compile(r"[/／]\s*([^\s/／]{1,4})\s*$")
#: A cell holding one bare number, with at most a comparison or a qualifier before it.
BARE = re.compile(
    r"^\s*(?P<qual>≥|≤|>=|<=|>|<|＞|＜|≧|≦|不少于|不低于|不超过|不足|不到|超过|约|近|超)?\s*"
    r"(?P<num>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\s*$"
)
_YEARISH = re.compile(r"^(?:19|20)[0-9]{2}$")
_BARE_QUALIFIERS = {
    "≥": "at_least",
    ">=": "at_least",
    ">": "at_least",
    "＞": "at_least",
    "≧": "at_least",
    "≤": "at_most",
    "<=": "at_most",
    "<": "at_most",
    "＜": "at_most",
    "≦": "at_most",
}


@dataclass(frozen=True)
class TableLayout:
    """How a table is read: which row is the header and the unit of each column.

    Attributes:
        header: Index of the header row, or ``None`` when the table has none.
        columns: Header text of each column (empty when none).
        units: Unit word of each column (``万元``, ``%``, ``项``) or '' when none is given.
        skip: Columns that hold numbers that are not statistics (序号, 年份, 电话 …).
        money_unit: The table's money unit (a caption's 单位：万元 or a money column's own).
    """

    header: int | None
    columns: tuple[str, ...]
    units: tuple[str, ...]
    skip: frozenset[int]
    money_unit: str


def _unit_word(word: str) -> str:
    """``word`` if it is a unit the quantity rules know (万元, 元, %, 项 …), else ''."""
    word = word.strip().replace("％", "%")
    if not word:
        return ""
    try:
        q = parse_quantity("1" + word)
    except QuantityError:
        return ""
    return word if q.unit is not None else ""


def label_unit(label: str) -> str:
    """The unit a header or row label gives its numbers: （万元）, (%), 单位：元, /人次.

    Examples:
        >>> label_unit("年初预算数（万元）"), label_unit("执行率(%)"), label_unit("农民（人次）")
        ('万元', '%', '人次')
        >>> label_unit("金额单位：元"), label_unit("全年执行数"), label_unit("2022年")
        ('元', '', '')
    """
    for pattern in (_PAREN_UNIT, _UNIT_PREFIX, _SLASH_UNIT):
        for m in pattern.finditer(label):
            word = _unit_word(m.group(1))
            if word:
                return word
    return ""


def caption_unit(caption: str) -> str:
    """The money unit a caption sets for a table: ``单位：万元`` or a short line ``（万元）``.

    A unit in a sentence above the table (``年度资金总额（元）：…``) is that figure's, not the
    table's.

    Examples:
        >>> caption_unit("（金额单位：万元）"), caption_unit("单位：元"), caption_unit("（万元）")
        ('万元', '元', '万元')
        >>> caption_unit("项目资金情况：年度资金总额（元）：3,724,055.00。")
        ''
    """
    for line in caption.split("\n"):
        m = _UNIT_PREFIX.search(line)
        word = _unit_word(m.group(1)) if m else ""
        if not word and len(line.strip()) <= 12:
            word = label_unit(line)
        if word.endswith("元"):
            return word
    return ""


def _is_money_header(header: str) -> bool:
    return any(w in header for w in (*rules.MONEY_CONTEXT, *rules.MONEY_HEADER_WORDS))


def _is_rate_header(header: str) -> bool:
    return any(w in header for w in rules.RATE_HEADER_WORDS)


def is_bare(cell: str) -> bool:
    """Whether a cell holds one number without a unit (``3,724,055.00``, ``≥300``).

    Examples:
        >>> is_bare("3,724,055.00"), is_bare(" ≥60 "), is_bare("60人"), is_bare("2023年")
        (True, True, False, False)
    """
    return BARE.match(cell) is not None


def _header_like(row: list[str]) -> bool:
    """A row of labels: no cell is a bare number (a year header, 2021年, is a label)."""
    filled = [c for c in row if c.strip()]
    return bool(filled) and not any(is_bare(c) for c in filled)


def layout(rows: list[list[str]], caption: str = "") -> TableLayout:
    """Decide the header row and each column's unit from the header and the caption.

    A column's unit is the one in its header (``年初预算数（万元）``); a money column without
    one (``全年执行数``) takes the table's money unit (a caption's ``单位：万元``, else that of
    another money column); a rate column without one (``执行率``) is in percent.

    Examples:
        >>> t = layout([["项目", "年初预算数（万元）", "全年执行数", "执行率", "得分"],
        ...             ["合计", "3,724,055.00", "3,606,000.00", "96.85", "9.68"]])
        >>> t.header, t.units
        (0, ('', '万元', '万元', '%', ''))
    """
    header = None
    for i, row in enumerate(rows[:3]):
        filled = [c for c in row if c.strip()]
        if len(filled) == 1 and label_unit(filled[0]) and len(rows) > i + 1:
            caption += filled[0]  # a title row inside the table: 单位：万元
            continue
        if _header_like(row):
            header = i
        break
    n = max(len(r) for r in rows)
    columns = [""] * n
    if header is not None:
        for c, text in enumerate(rows[header]):
            columns[c] = text.strip()
    units = [label_unit(h) for h in columns]
    money = caption_unit(caption)
    if not money:
        money = next((u for u, h in zip(units, columns, strict=True) if u.endswith("元") and h), "")
    for c, h in enumerate(columns):
        if units[c] or not h:
            continue
        if _is_rate_header(h):
            units[c] = "%"
        elif money and _is_money_header(h):
            units[c] = money
        else:
            # 参与人数, 场次, 企业数: the header names what its numbers count.
            units[c] = next((u for w, u in rules.HEADER_COUNT_UNITS if h.endswith(w)), "")
    skip = {c for c, h in enumerate(columns) if h and re.search(rules.SKIP_COLUMNS, h)}
    if not units[0]:
        skip.add(0)  # the first column labels the rows (or numbers them: 1, 2, 3)
    return TableLayout(header, tuple(columns), tuple(units), frozenset(skip), money)


def _is_section_header(row: list[str]) -> bool:
    """A header row inside a table (项目资金（元）| 年初预算数 | …, then 一级指标 | …)."""
    filled = [c for c in row if c.strip()]
    return (
        len(filled) >= 3
        and _header_like(row)
        and any(w in c for c in filled for w in rules.HEADER_WORDS)
    )


def sections(rows: list[list[str]], caption: str = "") -> list[tuple[int, TableLayout]]:
    """The table's sections, each from the row it starts at, with the layout of its header.

    A 项目支出绩效自评表 is one table with a budget part and an indicator part, each with
    its own header row; the caption's unit (单位：万元) holds for all of them.

    Examples:
        >>> rows = [["项目名称", "某项目"], ["项目资金（元）", "年初预算数", "分值"],
        ...         ["年度资金总额", "3,724,055.00", "10"], ["一级指标", "三级指标", "分值"],
        ...         ["产出指标", "活动场次", "20"]]
        >>> [(start, lay.header, lay.units) for start, lay in sections(rows)]
        [(0, 0, ('', '', '')), (1, 1, ('元', '元', '')), (3, 3, ('', '', ''))]
    """
    first = layout(rows, caption)
    out = [(0, first)]
    begin = (first.header + 1) if first.header is not None else 0
    for r in range(begin, len(rows)):
        filled = [c for c in rows[r] if c.strip()]
        if len(filled) == 1 and "单位" in filled[0]:
            caption += "\n" + filled[0]  # a unit row inside the table holds for what follows
        if _is_section_header(rows[r]):
            lay = layout(rows[r:], caption)
            out.append((r, TableLayout(r, lay.columns, lay.units, lay.skip, lay.money_unit)))
    return out


@dataclass(frozen=True)
class BareValue:
    """A bare number in a table cell read at the scale its header, caption or row label give."""

    value: float
    unit: str | None
    qualifier: str


def read_bare(cell: str, unit_word: str) -> BareValue | None:
    """Read a bare cell with ``unit_word`` by the quantity rules (85.00 and 万元 → 850,000 元).

    Returns ``None`` for what is no statistic: a year or a phone number without a unit.

    Examples:
        >>> read_bare("85.00", "万元"), read_bare("≥300", "人")
        (BareValue(value=850000.0, unit='yuan', qualifier='exact'), \
BareValue(value=300.0, unit='person', qualifier='at_least'))
        >>> read_bare("9.68", ""), read_bare("2023", "")
        (BareValue(value=9.68, unit=None, qualifier='exact'), None)
    """
    m = BARE.match(cell)
    if m is None:
        return None
    num = m.group("num").translate(rules.FULLWIDTH).replace("，", ",")
    if not unit_word and (_YEARISH.match(num) or (len(num) >= 11 and num.isdigit())):
        return None
    qual = m.group("qual") or ""
    qualifier = _BARE_QUALIFIERS.get(qual)
    try:
        if unit_word:
            q = parse_quantity(num + unit_word)
            value, unit = q.value, q.unit
        else:
            value, unit = parse_number(num), None
    except QuantityError:
        return None
    if qualifier is None:
        qualifier = rules.QUALIFIERS_BEFORE.get(qual, "exact") if qual else "exact"
    return BareValue(float(value), unit, qualifier)


def _split_line(line: str, offset: int) -> list[tuple[int, int]] | None:
    """Spans of the cells of a table line, or ``None`` when the line is not a table row."""
    if _PIPE_ROW.match(line):
        if _PIPE_RULE.match(line):
            return []
        spans = []
        bars = [m.start() for m in re.finditer(r"\|", line)]
        for a, b in itertools.pairwise(bars):
            s, e = a + 1, b
            while s < e and line[s] in " \t\u3000":
                s += 1
            while e > s and line[e - 1] in " \t\u3000":
                e -= 1
            spans.append((offset + s, offset + e))
        return spans if len(spans) >= 2 else None
    if not line.strip():
        return None
    spans = []
    if "\t" in line:
        # Tabs separate cells one for one: an empty cell (a merged one) keeps its column.
        pos = 0
        for cell in line.rstrip("\r").split("\t"):
            s, e = pos, pos + len(cell)
            while s < e and line[s] in " \u3000":
                s += 1
            while e > s and line[e - 1] in " \u3000\r":
                e -= 1
            spans.append((offset + s, offset + e))
            pos += len(cell) + 1
        while spans and spans[-1][0] == spans[-1][1]:
            spans.pop()
        if sum(1 for s, e in spans if e > s) < 2:
            return None
    else:
        stripped = line.lstrip(" \u3000")
        lead = len(line) - len(stripped)
        stripped = stripped.rstrip()
        pos = 0
        for m in _GAP.finditer(stripped):
            if m.start() > pos:
                spans.append((offset + lead + pos, offset + lead + m.start()))
            pos = m.end()
        spans.append((offset + lead + pos, offset + lead + len(stripped)))
    if len(spans) < 2:
        return None
    # A sentence with a wide space in it is no table row: rows hold short cells.
    if max(e - s for s, e in spans) > 40:
        return None
    return spans


def find_text_tables(text: str, taken: list[tuple[int, int]] = ()) -> list[Table]:
    """Tables laid out in text: two or more consecutive lines split by tabs, runs of spaces,
    or pipes (Markdown), and one of them with a number in it.

    Args:
        text: The document text.
        taken: Spans already known as tables (from a Word or PDF reader): not searched.

    Returns:
        The tables, each named ``文本表N``, cells as spans of ``text``.

    Examples:
        >>> text = "经费如下：\\n科目\\t金额（万元）\\n会务\\t2\\n\\n完。"
        >>> t = find_text_tables(text)[0]
        >>> [[text[c.start:c.end] for c in row] for row in t.rows], t.location
        ([['科目', '金额（万元）'], ['会务', '2']], '文本表1')
    """
    tables: list[Table] = []
    run: list[list[tuple[int, int]]] = []
    run_start = run_end = 0
    run_kind = ""

    def close() -> None:
        rows = [r for r in run if r]
        digits = any(any(ch.isdigit() for ch in text[s:e]) for r in rows for s, e in r)
        ok = len(rows) >= 2 and digits
        if ok and run_kind == "spaced":
            # Cells split by single spaces only when every row has as many and some row
            # holds two bare numbers: prose with spaces around numbers does not.
            ok = len({len(r) for r in rows}) == 1 and any(
                sum(is_bare(text[s:e]) for s, e in r) >= 2 for r in rows
            )
        if ok:
            n = len(tables) + 1
            cells = tuple(
                tuple(Cell(i, j, s, e) for j, (s, e) in enumerate(r)) for i, r in enumerate(rows)
            )
            tables.append(Table(run_start, run_end, cells, f"文本表{n}"))
        run.clear()

    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        inside = any(a <= pos < b for a, b in taken)
        kind, spans = "", None
        if not inside:
            spans = _split_line(line, pos)
            kind = "gaps"
            if spans is None:
                spans, kind = _split_spaced(line, pos), "spaced"
        if spans is None or (run and kind != run_kind):
            close()
        if spans is not None:
            if not run:
                run_start, run_kind = pos, kind
            run.append(spans)
            run_end = end
        pos = end + 1
    close()
    return tables


def _split_spaced(line: str, offset: int) -> list[tuple[int, int]] | None:
    """Cells of a line split by single spaces (a table copied from a PDF), if it may be one.

    Examples:
        >>> _split_spaced("合计 372.41 360.67", 0), _split_spaced("共举办 3 场活动，近 300 人。", 0)
        ([(0, 2), (3, 9), (10, 16)], None)
    """
    spans = [(offset + m.start(), offset + m.end()) for m in re.finditer(r"[^ ]+", line.rstrip())]
    if len(spans) < 3:
        return None
    tokens = [line[s - offset : e - offset] for s, e in spans]
    if any(len(t) > 20 or any(ch in t for ch in "，。；！？、,;") for t in tokens):
        return None
    return spans
