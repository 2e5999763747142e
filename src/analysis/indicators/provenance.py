"""Which ledger rows a rolled-up figure comes from, and the rule that combined them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.indicators._common import year_of
from analysis.indicators.engagement import QUANTITIES
from analysis.indicators.fiveg import DIVISION_COUNT, division_codes
from analysis.indicators.funnel import deal_stages
from analysis.indicators.rollup import _spans as programme_spans
from analysis.ledger import Ledger
from analysis.measures import MEASURES
from analysis.schema import TABLES


@dataclass(frozen=True)
class Trace:
    """Where one rolled-up figure comes from.

    Attributes:
        table: The ledger table (schema name, e.g. ``events``).
        rows: Excel row numbers of the rows that make the figure, in order.
        rule: How the rows were combined, in Chinese.
        value: The figure recomputed from those rows (``None`` when none has a value).
    """

    table: str
    rows: tuple[int, ...]
    rule: str
    value: float | None


def rows_text(rows: tuple[int, ...], most: int = 12) -> str:
    """Excel rows as ranges: (2, 3, 4, 9) → "2–4、9"; long lists are cut with a count.

    Examples:
        >>> rows_text((2, 3, 4, 9)), rows_text(tuple(range(2, 40, 2)), most=3)
        ('2–4、9', '2、4、6 等 19 行')
    """
    if not rows:
        return "无"
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    shown = [f"{a}–{b}" if b > a else f"{a}" for a, b in runs]
    if len(shown) > most:
        return "、".join(shown[:most]) + f" 等 {len(rows)} 行"
    return "、".join(shown)


def _in_period(frame: pd.DataFrame, programme: str, period: str, span: str | None) -> np.ndarray:
    """Rows of ``programme`` whose year lies in ``period`` ("2023", "2021-2023", "全部").

    The programme's whole span (``span``, as ``rollup`` names it) holds every row of
    the programme, those without a year too, as the rollup's span rows do.
    """
    mask = np.ones(len(frame), dtype=bool)
    if "programme" in frame:
        mask &= (frame["programme"].astype("object") == programme).to_numpy()
    text = str(period)
    if text != span and text[:4].isdigit():
        first, _, last = text.partition("-")
        years = year_of(frame)
        low, high = int(first), int(last or first)
        mask &= ((years >= low) & (years <= high)).fillna(False).to_numpy(dtype=bool)
    return mask


def _excel_rows(frame: pd.DataFrame) -> tuple[int, ...]:
    if "_row" not in frame:
        return ()
    return tuple(int(r) for r in frame["_row"].dropna())


def _zh(measure: str, table: str | None = None) -> str:
    """Chinese name of a measure, else of a column of ``table`` (its template header)."""
    if measure in MEASURES:
        return MEASURES[measure].zh
    if table in TABLES:
        for column in TABLES[table].columns:
            if column.name == measure:
                return column.zh
    return measure


def _count(table: str, frame: pd.DataFrame, what: str) -> Trace:
    return Trace(
        table, _excel_rows(frame), f"{TABLES[table].zh}表中{what}的行数", float(len(frame))
    )


def _sum(table: str, frame: pd.DataFrame, column: str, what: str) -> Trace:
    values = pd.to_numeric(frame[column], errors="coerce") if column in frame else pd.Series()
    known = frame[values.notna().to_numpy()] if len(values) else frame.iloc[:0]
    total = float(values.sum()) if values.notna().any() else None
    blank = len(frame) - len(known)
    more = f"；另有 {blank} 行此栏为空，未计入" if blank else ""
    return Trace(
        table,
        _excel_rows(known),
        f"{TABLES[table].zh}表{what}“{_zh(column, table)}”之和{more}",
        total,
    )


def _ratio(num: Trace, den: Trace, rule: str, scale: float = 1.0) -> Trace:
    value = None
    if num.value is not None and den.value:
        value = num.value / den.value * scale
    rows = tuple(sorted(set(num.rows) | set(den.rows)))
    return Trace(den.table, rows, rule, value)


def _events(ledger: Ledger, measure: str, programme: str, period: str, span=None):
    events = ledger.events
    frame = events[_in_period(events, programme, period, span)]
    if measure == "events_held":
        return _count("events", frame, "该项目该期间的活动")
    kinds = {"field_trips": "field_trip", "symposia": "symposium"}
    if measure in kinds:
        chosen = frame[frame["event_type"].astype("object") == kinds[measure]]
        return _count("events", chosen, f"类型为“{_zh(measure)[:2]}”的活动")
    for quantity in QUANTITIES:
        if measure == quantity:
            return _sum("events", frame, quantity, "")
        if measure == f"{quantity}_per_event":
            total = _sum("events", frame, quantity, "")
            known = Trace("events", total.rows, "", float(len(total.rows)))
            return _ratio(total, known, f"“{_zh(quantity)}”之和 ÷ 填了此栏的活动数")
    return None


def _deals(ledger: Ledger, measure: str, programme: str, period: str, span=None, stages=None):
    stages = deal_stages(ledger) if stages is None else stages
    frame = stages[_in_period(stages, programme, period, span)]
    signed = frame[frame["signed"].to_numpy(dtype=bool)]
    converted = frame[frame["converted"].to_numpy(dtype=bool)]
    counts: dict[str, Callable[[], Trace]] = {
        "deals_intention": lambda: _count("signings", frame, "该项目该期间的签约台账"),
        "deals_signed": lambda: _count("signings", signed, "已签约（含已落地）的项目"),
        "deals_converted": lambda: _count("signings", converted, "在转化落地表中有记录的项目"),
    }
    if measure in counts:
        return counts[measure]()
    rates = {
        "signing_rate": ("deals_signed", "deals_intention", "签约项目数 ÷ 意向项目数 × 100"),
        "conversion_rate": ("deals_converted", "deals_signed", "转化落地项目数 ÷ 签约项目数 × 100"),
        "intention_conversion_rate": (
            "deals_converted",
            "deals_intention",
            "转化落地项目数 ÷ 意向项目数 × 100",
        ),
    }
    if measure in rates:
        num, den, rule = rates[measure]
        return _ratio(counts[num](), counts[den](), rule, 100.0)
    if measure == "deal_value":
        return _sum("signings", signed, "value", "已签约项目")
    if measure == "deal_value_mean":
        total = _sum("signings", signed, "value", "已签约项目")
        known = Trace("signings", total.rows, "", float(len(total.rows)))
        return _ratio(total, known, "已签约项目“签约金额”之和 ÷ 填了金额的签约项目数")
    if measure == "deals_valued":
        total = _sum("signings", signed, "value", "已签约项目")
        return Trace("signings", total.rows, "填了签约金额的已签约项目数", float(len(total.rows)))
    quartiles = {"deal_value_q1": 0.25, "deal_value_median": 0.5, "deal_value_q3": 0.75}
    if measure in quartiles:
        total = _sum("signings", signed, "value", "已签约项目")
        values = pd.to_numeric(signed["value"], errors="coerce").dropna()
        value = float(values.quantile(quartiles[measure])) if len(values) else None
        rule = f"已签约项目“签约金额”的{_zh(measure)}（线性插值）"
        return Trace("signings", total.rows, rule, value)
    if measure == "converted_value_mean":
        total = _deals(ledger, "converted_value", programme, period, span, stages)
        known = Trace("signings", total.rows, "", float(len(total.rows)))
        return _ratio(total, known, "落地金额之和 ÷ 有到位金额的落地项目数")
    if measure == "converted_value":
        values = pd.to_numeric(converted["converted_value"], errors="coerce")
        known = converted[values.notna().to_numpy()]
        total = float(values.sum()) if values.notna().any() else None
        return Trace(
            "signings",
            _excel_rows(known),
            "已落地项目在转化落地表中各笔到位金额之和",
            total,
        )
    return None


def _cases(ledger: Ledger, measure: str, programme: str, period: str, span=None):
    cases = ledger.fiveg_cases
    frame = cases[_in_period(cases, programme, period, span)]
    if measure == "fiveg_cases":
        return _count("fiveg_cases", frame, "该项目该期间的5G应用案例")
    if measure == "fiveg_national_pilots" and "national_pilot" in frame:
        pilots = frame[frame["national_pilot"].fillna(False).astype(bool).to_numpy()]
        return _count("fiveg_cases", pilots, "入选国家级试点示范的案例")
    if measure == "fiveg_national_pilot_share":
        pilots = _cases(ledger, "fiveg_national_pilots", programme, period, span)
        every = _count("fiveg_cases", frame, "")
        if pilots is None:
            return None
        return _ratio(pilots, every, "国家级试点示范案例数 ÷ 案例数 × 100", 100.0)
    if measure in ("fiveg_divisions_covered", "fiveg_division_coverage"):
        codes = division_codes(frame["division_code"]) if "division_code" in frame else None
        known = frame[codes.notna().to_numpy()] if codes is not None else frame.iloc[:0]
        distinct = float(codes.dropna().nunique()) if codes is not None else 0.0
        if measure == "fiveg_divisions_covered":
            rule = "5G应用案例所属国民经济行业大类的个数（去重）"
            return Trace("fiveg_cases", _excel_rows(known), rule, distinct)
        rule = f"覆盖的行业大类数 ÷ {DIVISION_COUNT} × 100"
        return Trace("fiveg_cases", _excel_rows(known), rule, distinct / DIVISION_COUNT * 100)
    return None


def _budget(ledger: Ledger, measure: str, programme: str, period: str, span=None):
    budget = ledger.budget
    frame = budget[_in_period(budget, programme, period, span)]
    if measure == "budget_planned":
        return _sum("budget", frame, "planned", "各行")
    if measure == "budget_spent":
        return _sum("budget", frame, "spent", "各行")
    if measure == "budget_execution_rate":
        spent = _sum("budget", frame, "spent", "各行")
        planned = _sum("budget", frame, "planned", "各行")
        return _ratio(spent, planned, "经费表“执行”之和 ÷ “预算”之和 × 100", 100.0)
    return None


class Tracer:
    """Traces figures of one ledger, its deal stages and spans computed once.

    Examples:
        >>> budget = pd.DataFrame({"programme": ["P", "P"], "year": [2023, 2023],
        ...     "planned": [1e5, 1e5], "spent": [9e4, 5e4], "_row": [3, 4]})
        >>> Tracer(Ledger(budget=budget)).trace("budget_execution_rate", "P", "2023").value
        70.0
    """

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.spans = programme_spans(ledger)
        self._stages: pd.DataFrame | None = None

    def trace(self, measure: str, programme: str, period: str) -> Trace | None:
        """The ledger rows behind ``measure`` (see ``trace``)."""
        ledger, span = self.ledger, self.spans.get(programme)
        if len(ledger.events):
            found = _events(ledger, measure, programme, period, span)
            if found is not None:
                return found
        if len(ledger.signings):
            if self._stages is None:
                self._stages = deal_stages(ledger)
            found = _deals(ledger, measure, programme, period, span, self._stages)
            if found is not None:
                return found
        if len(ledger.fiveg_cases):
            found = _cases(ledger, measure, programme, period, span)
            if found is not None:
                return found
        if len(ledger.budget):
            return _budget(ledger, measure, programme, period, span)
        return None


def trace(ledger: Ledger, measure: str, programme: str, period: str) -> Trace | None:
    """The ledger rows behind ``measure`` for ``programme`` in ``period`` (totals only).

    Covers the counts, sums, means, quartiles and rates rolled up from events, signings,
    5G cases and budget lines; ``None`` for a measure it does not cover (the cost per
    output, the days to conversion and the top-10% share), never a guess. A period equal
    to the programme's whole span holds all its rows, those without a year too, as the
    rollup's span rows do. Use ``Tracer`` to trace many figures of one ledger.

    Examples:
        >>> events = pd.DataFrame({"programme": ["P", "P", "Q"], "year": [2023, 2023, 2023],
        ...     "event_type": ["symposium", "roadshow", "roadshow"],
        ...     "attendees_onsite": [300.0, None, 50.0], "_row": [2, 3, 4]})
        >>> t = trace(Ledger(events=events), "attendees_onsite", "P", "2023")
        >>> t.rows, t.value, t.rule
        ((2,), 300.0, '活动表“线下参会人数”之和；另有 1 行此栏为空，未计入')
    """
    return Tracer(ledger).trace(measure, programme, period)


__all__ = ["Trace", "Tracer", "rows_text", "trace"]
