"""Where each 实际完成值 of an assessment came from: ledger rows, a statistics row, or typed."""

from __future__ import annotations

import pandas as pd

from analysis.assessment.assess import (
    Assessment,
    _default_period,
    _lookup,
    _no_data,
    _statistics_from,
    _text,
)
from analysis.indicators.provenance import Tracer, rows_text
from analysis.measures import MEASURES
from analysis.quantities import format_quantity
from analysis.schema import TABLES

#: Columns of the evidence table, in order.
EVIDENCE_COLUMNS = ("indicator_id", "level3", "actual", "kind", "where", "rule", "quote")

#: Runs of rows named in one cell before the list is cut (keeps it under Excel's 32,767).
MOST_RUNS = 2500

#: Chinese headers of the evidence table (the 佐证 sheet).
EVIDENCE_HEADERS = {
    "indicator_id": "指标编号",
    "level3": "三级指标",
    "actual": "实际完成值",
    "kind": "来源",
    "where": "位置",
    "rule": "取值规则",
    "quote": "原文",
}


def _where(ledger, table: str, rows: tuple[int, ...]) -> str:
    """Where rows of ``table`` are, e.g. "a.xlsx［活动］第 2–35 行（34 行）"."""
    count = ledger.report.counts.get(table) if ledger is not None else None
    # Every row is named (a cell holds 32,767 characters: about 3,000 runs of rows); a
    # longer list is cut by rows_text with its count ("… 等 695 行").
    shown = rows_text(rows, most=MOST_RUNS)
    rows_part = f"第 {shown}" if shown.endswith("行") else f"第 {shown} 行（{len(rows)} 行）"
    if count is None or not count.file:
        name = TABLES[table].zh if table in TABLES else table
        return f"{name}表 {rows_part}"
    sheet = f"［{count.sheet}］" if count.sheet else ""
    return f"{count.file}{sheet}{rows_part}"


def _typed(
    ledger, row: pd.Series, targets: pd.DataFrame | None, source: str | None
) -> tuple[str, str]:
    """Where a typed-in actual sits: the targets file or sheet and its Excel row, when known."""
    excel_row = None
    if targets is not None and "_row" in targets.columns and "indicator_id" in targets.columns:
        match = targets[targets["indicator_id"].map(_text) == row["indicator_id"]]
        if len(match) and pd.notna(match["_row"].iloc[0]):
            excel_row = int(match["_row"].iloc[0])
    count = ledger.report.counts.get("targets") if ledger is not None else None
    place = source or "绩效目标表"
    if count is not None and count.file:
        place = f"{count.file}［{count.sheet}］" if count.sheet else count.file
    if excel_row is not None:
        place += f"第 {excel_row} 行"
    return place, "评价人在“实际完成值”一栏填写"


def evidence(
    assessment: Assessment,
    data: object,
    *,
    targets: pd.DataFrame | None = None,
    period: str | None = None,
    targets_source: str | None = None,
) -> pd.DataFrame:
    """Trace every actual of ``assessment`` and its budget figures to their source.

    Args:
        assessment: The result of ``assess`` on ``data``.
        data: The same statistics table or ``Ledger`` that was assessed (``None`` when
            the targets carried their actuals).
        targets: The targets table used (for the Excel row of typed actuals); a
            ledger's own when ``None``.
        period: The period passed to ``assess``, if any.
        targets_source: The targets file's name, shown for typed actuals.

    Returns:
        One row per indicator, then one per budget figure, with ``EVIDENCE_COLUMNS``:
        ``kind`` is 台账 (ledger rows), 统计表 (a statistics row: its source document and
        quote) or 填写 (typed on the targets table); ``where`` names the file, sheet and
        Excel rows; ``rule`` says how the rows were combined.

    Examples:
        >>> from analysis.assessment import assess
        >>> stats = pd.DataFrame({"programme": ["P"] * 3, "period": ["2023"] * 3,
        ...     "measure": ["attendees_onsite", "budget_planned", "budget_spent"],
        ...     "breakdown": [""] * 3, "value": [240.0, 2e5, 1.9e5],
        ...     "unit": ["person", "yuan", "yuan"], "qualifier": ["exact"] * 3,
        ...     "source": ["report.txt"] * 3, "quote": ["现场参会240人", "预算20万", "支出19万"]})
        >>> targets = pd.DataFrame({"indicator_id": ["1", "2"], "programme": ["P", "P"],
        ...     "level1": ["产出指标", "满意度指标"], "level2": ["数量指标", "服务对象满意度"],
        ...     "level3": ["线下参会人数", "参会满意度"], "target": ["≥300人", "≥90%"],
        ...     "weight": [60, 30], "measure": ["attendees_onsite", ""], "actual": ["", "95%"]})
        >>> table = evidence(assess(stats, targets), stats, targets=targets)
        >>> table[["kind", "where", "quote"]].values.tolist()[:2]
        [['统计表', 'report.txt', '现场参会240人'], ['填写', '绩效目标表', '']]
    """
    stats, ledger = (_no_data(), None) if data is None else _statistics_from(data)
    if targets is None and ledger is not None:
        targets = ledger.targets
    programme = assessment.programme
    stats = stats[stats["programme"].map(_text) == programme]
    period = _default_period(stats, period, assessment.info.get("year"))
    tracer = Tracer(ledger) if ledger is not None else None
    lines = []
    for _, row in assessment.rows.iterrows():
        spec = _text(row.get("measure"))
        base = {
            "indicator_id": row["indicator_id"],
            "level3": row["level3"],
            "actual": row["actual"],
        }
        if not spec:
            where, rule = _typed(ledger, row, targets, targets_source)
            lines.append({**base, "kind": "填写", "where": where, "rule": rule, "quote": ""})
            continue
        lines.append({**base, **_from_statistics(stats, spec, period, ledger, tracer, programme)})
    budget = assessment.budget
    for code, value in (("budget_planned", budget.full_year), ("budget_spent", budget.spent)):
        if value is None:
            continue
        base = {
            "indicator_id": "预算执行",
            "level3": MEASURES[code].zh,
            "actual": format_quantity(value, "yuan"),
        }
        lines.append({**base, **_from_statistics(stats, code, period, ledger, tracer, programme)})
    return pd.DataFrame(lines, columns=list(EVIDENCE_COLUMNS))


def _from_statistics(stats, spec: str, period, ledger, tracer, programme: str) -> dict:
    code, _, breakdown = spec.partition(":")
    code, breakdown = code.strip(), breakdown.strip()
    found = _lookup(stats, code, breakdown, period)
    label = MEASURES[code].zh if code in MEASURES else code
    if found.empty:
        return {"kind": "", "where": "", "rule": f"统计数据中没有“{label}”", "quote": ""}
    stat = found.iloc[0]
    source = _text(stat.get("source"))
    if source == "ledger" and tracer is not None and not breakdown:
        traced = tracer.trace(code, programme, _text(stat.get("period")))
        if traced is not None:
            return {
                "kind": "台账",
                "where": _where(ledger, traced.table, traced.rows),
                "rule": traced.rule,
                "quote": "",
            }
        return {
            "kind": "台账",
            "where": "",
            "rule": f"由台账汇总“{label}”（逐行来源未列出，定义见 docs/indicators.md）",
            "quote": "",
        }
    part = f"（{breakdown}）" if breakdown else ""
    rule = f"统计表“{label}”{part}，期间 {_text(stat.get('period'))}"
    return {"kind": "统计表", "where": source, "rule": rule, "quote": _text(stat.get("quote"))}


__all__ = ["EVIDENCE_COLUMNS", "EVIDENCE_HEADERS", "evidence"]
