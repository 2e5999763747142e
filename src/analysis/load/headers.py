"""Match a sheet's headers to a table's columns, tell which table a sheet is, and suggest."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from analysis.load.cells import is_blank, normalise_header
from analysis.load.text import repair_mojibake
from analysis.schema import TABLES, Table

#: How many rows from the top of a sheet are searched for the header row.
HEADER_SEARCH_ROWS = 10
#: Distinct columns a sheet's header must match before the sheet is read as a table whose
#: name it does not carry (技术交易台账 read as 签约).
MIN_RECOGNISED = 3
#: On a deal sheet or a 5G case list 项目名称 names each row (the deal, the case), unless
#: another column already holds that name: the column it then fills, per table.
_DEAL_TITLE = normalise_header("项目名称")
_ROW_TITLE = {"signings": "title", "fiveg_cases": "name"}


def header_lookup(table: Table, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Normalised header → column name, for every header ``table`` accepts.

    Args:
        table: The table.
        extra: More headers from a mapping file (header as written → column name).

    Examples:
        >>> lookup = header_lookup(TABLES["signings"])
        >>> lookup["签约时间"], lookup["合同金额"], lookup["状态"]
        ('date', 'value', 'stage')
    """
    lookup = {normalise_header(h): c.name for c in table.columns for h in c.headers}
    for header, name in (extra or {}).items():
        lookup[normalise_header(header)] = name
    return lookup


def match_row(row: Iterable[object], table: Table, lookup: Mapping[str, str]) -> dict[int, str]:
    """Position in ``row`` → column name, first header of each column only.

    On the signings table a 项目名称 header is each deal's title when no other header of the
    row is the title (an analyst's deal sheet), and the programme otherwise (our template,
    which has 成果名称 for the title); on a 5G case list it is likewise the case's name.

    Examples:
        >>> match_row(["序号", "项目名称", "签约时间"], TABLES["signings"],
        ...           header_lookup(TABLES["signings"]))
        {1: 'title', 2: 'date'}
        >>> match_row(["项目名称", "所属行业"], TABLES["fiveg_cases"],
        ...           header_lookup(TABLES["fiveg_cases"]))
        {0: 'name', 1: 'division_code'}
    """
    cells = [normalise_header(c) if not is_blank(c) else "" for c in row]
    names = [lookup.get(c) for c in cells]
    own = _ROW_TITLE.get(table.name)
    if own is not None and own not in names:
        names = [own if c == _DEAL_TITLE else n for c, n in zip(cells, names, strict=True)]
    positions: dict[int, str] = {}
    for j, name in enumerate(names):
        if name is not None and name not in positions.values():
            positions[j] = name
    return positions


def find_header_row(
    rows: list[list[object]], table: Table, lookup: Mapping[str, str]
) -> tuple[int, int] | None:
    """``(row index, columns matched)`` of the best header row among the first rows.

    Examples:
        >>> rows = [["2023年台账"], ["单位：万元"], ["序号", "项目名称", "合同金额", "状态"]]
        >>> find_header_row(rows, TABLES["signings"], header_lookup(TABLES["signings"]))
        (2, 3)
    """
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = len(match_row(row, table, lookup))
        if score > best_score:
            best, best_score = i, score
    return None if best is None else (best, best_score)


def recognise(
    rows: list[list[object]], tables: Iterable[str], extra: Mapping[str, Mapping[str, str]]
) -> tuple[str | None, str]:
    """Which of ``tables`` a sheet's headers say it is, and a sentence saying why.

    A sheet is a table when its best header row matches at least ``MIN_RECOGNISED`` of
    the table's columns and more than it matches any other table's.

    Returns:
        ``(table name or None, explanation)``; the explanation names the nearest table
        when there is no clear one.

    Examples:
        >>> rows = [["序号", "项目名称", "转化方式", "合同金额（万元）", "签约时间", "状态"]]
        >>> recognise(rows, ["events", "signings", "budget"], {})[0]
        'signings'
        >>> recognise([["填报说明"], ["1.本表每季度更新"]], ["events", "signings"], {})
        (None, '表头与任何表都对不上 (headers match no table)')
    """
    scores = []
    for name in tables:
        found = find_header_row(rows, TABLES[name], header_lookup(TABLES[name], extra.get(name)))
        scores.append((found[1] if found else 0, name))
    scores.sort(reverse=True)
    (best, name), runner_up = scores[0], (scores[1][0] if len(scores) > 1 else 0)
    zh = TABLES[name].zh
    if best >= MIN_RECOGNISED and best > runner_up:
        return name, f"表头有 {best} 列与“{zh}”表相符 ({best} headers match {name})"
    if best == 0:
        return None, "表头与任何表都对不上 (headers match no table)"
    if best >= MIN_RECOGNISED:
        return None, f"表头同样像“{zh}”和另一张表，无法判断 (headers match two tables equally)"
    if best == 1 or best == runner_up:
        return None, f"表头只有 {best} 列像已知的列 (only {best} known header)"
    return None, (
        f"表头只有 {best} 列与最接近的“{zh}”表相符；可把工作表改名为“{zh}”或用 --map 指定"
        f" (only {best} headers match the nearest table, {name})"
    )


def suggest(header: object, table: Table, taken: Iterable[str] = ()) -> str | None:
    """The header of ``table`` nearest to an unknown one, to offer as "did you mean".

    Examples:
        >>> suggest("签约时刻", TABLES["signings"]), suggest("参会者人数", TABLES["events"])
        ('签约日期', '线下参会人数')
        >>> suggest("地点", TABLES["events"]) is None
        True
    """
    text = normalise_header(header)
    if not text:
        return None
    taken = set(taken)
    candidates = {}
    for column in table.columns:
        if column.name in taken:
            continue
        for h in (column.zh, *column.aliases):
            candidates.setdefault(normalise_header(h), column.zh)
    close = difflib.get_close_matches(text, list(candidates), n=1, cutoff=0.6)
    if close:
        return candidates[close[0]]
    # A header that contains a known one (参会者人数 ⊃ 人数) or is contained in one.
    inner = [c for c in candidates if len(c) >= 2 and (c in text or text in c)]
    if inner:
        return candidates[max(inner, key=len)]
    return None


def garbled_hint(table: Table, rows: list[list[object]]) -> str:
    """Explain a missing header that is really text garbled by a wrong encoding."""
    known = {normalise_header(h): h for c in table.columns for h in c.headers}
    for row in rows[:HEADER_SEARCH_ROWS]:
        for cell in row:
            if not isinstance(cell, str) or not cell.strip():
                continue
            if "\ufffd" in cell:
                return (
                    "；表头含有乱码字符“\ufffd”，文件曾用错误的编码打开并保存，原文已无法恢复"
                    " (garbled text: the file was saved in the wrong encoding)"
                )
            repaired = repair_mojibake(cell.strip())
            if repaired is not None and normalise_header(repaired) in known:
                return (
                    f"；表头是乱码（“{cell.strip()}”应为“{repaired}”），文件曾用错误的编码"
                    "打开并保存，请从原始 UTF-8 文件重新导出"
                    " (garbled header: the file was re-saved in the wrong encoding)"
                )
    return ""
