"""What the load report says of cells read in a way the sheet's keeper should check."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.load.cells import Coerced, date_note
from analysis.schema import Column

#: One deal above this (100亿元) is flagged: over 200 times the national mean equity deal
#: of 2023 (946.0万元; 中国科技成果转化年度报告, 高等院校与科研院所篇), so far likelier a
#: unit slip (万元 typed in a 元 column) than a real contract.
DEAL_DOUBT = 1e10


def rows_text(rows: np.ndarray, most: int = 10) -> str:
    """Excel rows for a message: the first ``most``, then how many in all.

    Examples:
        >>> rows_text(np.array([3, 5])), rows_text(np.arange(1, 13), most=2)
        ('3、5', '1、2 等 12 行')
    """
    shown = "、".join(str(int(r)) for r in rows[:most])
    return shown + (f" 等 {len(rows)} 行" if len(rows) > most else "")


def cell_notes(
    table: str, column: Column, header: str, raw: pd.Series, result: Coerced, rows: np.ndarray
) -> list[str]:
    """What the load report says of cells read in a way a reader should know about.

    Cells that say there is no value yet (待定), dates that are a month or a span, and
    amounts a person would doubt (``amount_notes``), each with the Excel rows.

    Examples:
        >>> from analysis.load.cells import coerce_column
        >>> from analysis.schema import TABLES
        >>> column = TABLES["events"].column("date")
        >>> raw = pd.Series(["2023年8月", "2023-08-02"], dtype=object)
        >>> result = coerce_column(raw, column, frozenset())
        >>> cell_notes("events", column, "举办时间", raw, result, np.array([3, 4]))
        ['“举办时间”列第 3 行只写了月份，按当月1日计']
    """
    out: list[str] = []
    excel_rows = rows
    if result.unknown is not None:
        rows = rows_text(excel_rows[result.unknown])
        out.append(f"“{header}”列第 {rows} 行写的是待定/暂无等，按空值读取 (read as blank)")
    if column.kind == "date":
        notes: dict[str, list[int]] = {}
        for value in pd.unique(raw.dropna().to_numpy(dtype=object)):
            note = date_note(value)
            if note:
                hit = (raw == value).to_numpy()
                notes.setdefault(note, []).extend(int(r) for r in excel_rows[hit])
        for note, rows in notes.items():
            out.append(f"“{header}”列第 {rows_text(np.array(sorted(rows)))} 行{note}")
    if column.kind == "quantity" and column.unit == "yuan":
        out += amount_notes(table, header, result, excel_rows)
    if column.kind == "division":
        out += industry_notes(header, result, excel_rows)
    return out


def industry_notes(header: str, result: Coerced, excel_rows: np.ndarray) -> list[str]:
    """Cases whose industry names no division: each value with its rows and candidates.

    Such a row stays a case (it counts in ``fiveg_cases``) but covers no division; a mapping
    file (``--map``) can name the division.

    Examples:
        >>> from analysis.load.cells import coerce_column
        >>> from analysis.schema import TABLES
        >>> column = TABLES["fiveg_cases"].column("division_code")
        >>> raw = pd.Series(["制造业", "38", None], dtype=object)
        >>> result = coerce_column(raw, column, frozenset())
        >>> section, blank = industry_notes("所属行业", result, np.array([4, 5, 6]))
        >>> section[:section.index("。")]
        '“所属行业”列第 4 行“制造业”只写了门类 C（制造业，31 个大类），没有写明大类；候选大类 13–43'
        >>> blank
        '“所属行业”列第 6 行没有写行业：计为案例，不计入覆盖的大类 (no industry)'
    """
    out: list[str] = []
    tail = "计为案例，不计入覆盖的大类"
    if result.unresolved is not None:
        reasons = pd.Series(result.unresolved)
        for reason in pd.unique(reasons.dropna()):
            rows = rows_text(excel_rows[(reasons == reason).to_numpy()])
            out.append(
                f"“{header}”列第 {rows} 行{reason}。{tail}；可用 --map 写明大类"
                " (industry names no division)"
            )
    blank = result.blank & (result.errors == None)  # noqa: E711
    if blank.any():
        rows = rows_text(excel_rows[blank])
        out.append(f"“{header}”列第 {rows} 行没有写行业：{tail} (no industry)")
    return out


def amount_notes(table: str, header: str, result: Coerced, excel_rows: np.ndarray) -> list[str]:
    """Amounts a person would doubt: one deal above 100亿元, one budget line 1000× the rest.

    Examples:
        >>> from analysis.load.cells import coerce_column
        >>> from analysis.schema import TABLES
        >>> column = TABLES["budget"].column("planned")
        >>> raw = pd.Series([5.0, 3.0, 20000.0, 4.0])
        >>> result = coerce_column(raw, column, frozenset(), scale=1e4)
        >>> amount_notes("budget", "预算数", result, np.array([3, 4, 5, 6]))[0][:20]
        '“预算数”列第 5 行比其他行大上千倍，'
    """
    out: list[str] = []
    values = result.values.to_numpy(dtype="float64")
    known = np.isfinite(values) & (result.errors == None)  # noqa: E711
    if table == "signings":
        big = known & (values > DEAL_DOUBT)
        if big.any():
            out.append(
                f"“{header}”列第 {rows_text(excel_rows[big])} 行单项超过100亿元，请核对单位"
                " (a deal above 10 billion yuan: check the unit)"
            )
    if table == "budget" and known.sum() >= 3:
        median = float(np.median(values[known]))
        odd = known & (values > 1000 * median) if median > 0 else np.zeros_like(known)
        if odd.any():
            out.append(
                f"“{header}”列第 {rows_text(excel_rows[odd])} 行比其他行大上千倍，"
                "可能是以元填在万元列中 (1000× the others: 元 in a 万元 column?)"
            )
    return out
