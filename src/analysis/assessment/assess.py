"""Score a programme's targets against its actuals: rows, subtotals, budget line, total, grade."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from analysis.assessment.rules import BAND_LABELS, Rules
from analysis.assessment.score import Scored, evaluate, over_target, rule_points
from analysis.assessment.targets import Actual
from analysis.errors import UserError
from analysis.indicators import rollup
from analysis.ledger import Ledger
from analysis.measures import MEASURES
from analysis.quantities import format_quantity

#: Columns of ``Assessment.rows``, in order.
ROW_COLUMNS = (
    "indicator_id",
    "level1",
    "level2",
    "level3",
    "target",
    "actual",
    "weight",
    "points",
    "completion",
    "direction",
    "qualifier",
    "measure",
    "reason",
    "flags",
    "reason_required",
    "sign",
    "value",
    "unit",
)

#: Flag codes and what they ask of the evaluator.
FLAG_TEXT = {
    "shortfall": "未达到年度指标值，须写明偏差原因分析及改进措施",
    "shortfall_explained": "未达到年度指标值（已写偏差原因）",
    "target_low": "实际值达到目标的{ratio:.0%}（≥{bound:.0%}），年度指标值可能设定偏低，须说明",
    "approx": "实际值为约数（{text}），按数值计分",
    "at_least": "实际值为下限（{text}），按数值计分",
    "at_most": "实际值为上限（{text}），按数值计分",
    "qualitative_default": "定性指标未给出档内比例，按本档{position}计分，请评价人确认",
    "deadline_missed": "未按时完成",
    "budget_spent_missing": "全年执行数未知，预算执行得分按 0 计",
    "budget_total_missing": "全年预算数未知，预算执行得分按 0 计",
    "unit_from_target": "实际值“{written}”未写单位，按年度指标值的单位读作“{text}”",
    "units_loose": (
        "年度指标值以“{target_unit}”计、实际值以“{actual_unit}”计，二者不同（人≠人次），"
        "按数值计分，请核实"
    ),
    "phrase": "实际值为表述“{text}”而非数值或日期，按{band}计分，请评价人核实",
    "over_target_deduct": "实际值达到目标的{ratio:.0%}（≥{bound:.0%}），按规则扣{deduct:g}分",
    "reason_missing": "须填写偏差原因分析及改进措施（本规则要求），表中已标出",
    "not_applicable": "不适用，已从评分中去掉，其余指标分值按比例调整",
    "budget_initial_missing": "年初预算数未知，表中留空（不以全年预算数代替）",
    "budget_reason_missing": (
        "执行率 {rate:.2%} 低于 {bound:.0%}，须填写预算执行偏差原因，表中已标出"
    ),
    "execution_cap": "执行率 {rate:.2%}，总分按规则封顶为 {cap:g} 分（原为 {before:.2f}）",
    "header_missing": "表头“{field}”未知，表中留空：请用 {option} 或项目信息表给出",
}

#: Header fields of the form, the option that gives each one, and its label.
HEADER_FIELDS = (
    ("name", "项目名称", "--name"),
    ("department", "主管部门", "--department"),
    ("implementer", "实施单位", "--unit"),
    ("year", "年度", "--year"),
)

#: Actuals that mark an indicator as not applicable (不适用) this year.
NOT_APPLICABLE = frozenset({"不适用", "不涉及", "无此项", "N/A", "n/a", "NA", "/"})

_PROGRAMME_FIELDS = (
    "name",
    "department",
    "implementer",
    "year",
    "budget_initial",
    "budget_full_year",
    "budget_spent",
    "budget_reason",
    "goal",
    "outcome",
)


@dataclass(frozen=True)
class Budget:
    """The budget-execution line of the form; money in 元.

    Attributes:
        initial: 年初预算数.
        full_year: 全年预算数 (what the execution rate divides by).
        spent: 全年执行数.
        weight: 分值 of the line.
        rate: 执行率 = spent ÷ full_year (or ÷ initial, by ``Rules.execution_base``;
            ``None`` when either is unknown).
        points: 得分 = weight × rate, capped at the weight.
        reason: Written reason for the execution rate (``""`` when none).
        reason_missing: The rules require a reason here and none is written.
    """

    initial: float | None
    full_year: float | None
    spent: float | None
    weight: float
    rate: float | None
    points: float
    reason: str = ""
    reason_missing: bool = False


@dataclass
class Assessment:
    """A scored self-assessment (绩效自评) of one programme.

    Attributes:
        programme: Programme name.
        info: Header and goal fields: department, implementer, year, goal, outcome.
        rows: One row per indicator (columns ``ROW_COLUMNS``).
        subtotals: Weight and points per level-1 indicator, in form order.
        budget: The budget-execution line.
        total: Budget points plus indicator points, rounded by the rules.
        grade: 优/良/中/差.
        flags: One row per flag: indicator_id, flag code, message.
        rules: The rules used.
    """

    programme: str
    info: dict
    rows: pd.DataFrame
    subtotals: pd.DataFrame
    budget: Budget
    total: float
    grade: str
    flags: pd.DataFrame
    rules: Rules = field(default_factory=Rules)


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: object) -> str:
    return "" if _blank(value) else str(value).strip()


def _number(value: object, what: str = "数值") -> float | None:
    if _blank(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise UserError(f"{what}“{value}”不是数字") from None


def _row_name(row: Mapping) -> str:
    label = _text(row.get("level3")) or _text(row.get("target"))
    return f"指标 {_text(row.get('indicator_id')) or '?'}（{label}）"


def _statistics_from(data: object) -> tuple[pd.DataFrame, object | None]:
    """Return (statistics long table, ledger or None)."""
    if isinstance(data, pd.DataFrame):
        missing = {"programme", "measure", "value"} - set(data.columns)
        if missing:
            raise UserError(f"统计表缺少列：{'、'.join(sorted(missing))}")
        return data, None
    if isinstance(data, Ledger):
        return rollup(data), data
    raise UserError(f"无法评分：数据应为统计长表（DataFrame）或台账（Ledger），收到 {type(data)}")


def _pick_programme(targets: pd.DataFrame, programme: str | None) -> str:
    names = sorted({_text(p) for p in targets.get("programme", pd.Series(dtype=str))} - {""})
    if programme is not None:
        return programme
    if len(names) == 1:
        return names[0]
    if not names:
        raise UserError("绩效目标表没有“项目名称”，请用 programme 参数指定项目")
    raise UserError(f"绩效目标表含多个项目：{'、'.join(names)}；请指定其中一个")


def _lookup(stats: pd.DataFrame, code: str, breakdown: str, period: str | None) -> pd.DataFrame:
    rows = stats[stats["measure"] == code]
    if "breakdown" in rows.columns:
        wanted = rows["breakdown"].map(_text) == breakdown
        rows = rows[wanted]
    elif breakdown:
        rows = rows.iloc[0:0]
    if period is not None and "period" in rows.columns:
        rows = rows[rows["period"].map(_text) == period]
    return rows


def _measure_value(
    stats: pd.DataFrame, spec: str, period: str | None
) -> tuple[float, str | None, str, str]:
    """Look up ``code`` or ``code:breakdown``; return (value, unit, qualifier, text as written)."""
    code, _, breakdown = spec.partition(":")
    code, breakdown = code.strip(), breakdown.strip()
    if code not in MEASURES:
        raise UserError(f"未知的指标代码“{code}”（见 docs/measures.md）")
    rows = _lookup(stats, code, breakdown, period)
    if rows.empty:
        where = f"分项“{breakdown}”" if breakdown else "总量（分项为空）"
        raise UserError(f"统计数据中没有指标代码“{code}”的{where}")
    if len(rows) > 1:
        periods = sorted({_text(p) for p in rows.get("period", pd.Series(dtype=str))})
        raise UserError(
            f"指标代码“{code}”有 {len(rows)} 个取值（期间：{'、'.join(periods)}）；请指定期间"
        )
    row = rows.iloc[0]
    unit = _text(row.get("unit")) or MEASURES[code].unit
    return (
        float(row["value"]),
        unit or None,
        _text(row.get("qualifier")) or "exact",
        _text(row.get("quantity_text")),
    )


def _budget_from_stats(stats: pd.DataFrame, code: str, period: str | None) -> float | None:
    """A budget measure: the total row, else the sum of its phases."""
    rows = stats[stats["measure"] == code]
    if period is not None and "period" in rows.columns:
        rows = rows[rows["period"].map(_text) == period]
    if rows.empty:
        return None
    if "breakdown" in rows.columns:
        totals = rows[rows["breakdown"].map(_text) == ""]
        if not totals.empty:
            rows = totals
    return float(rows["value"].astype(float).sum())


def _info(ledger: object | None, programme: str, info: Mapping | None) -> dict:
    out: dict = dict.fromkeys(_PROGRAMME_FIELDS)
    if ledger is not None and not ledger.programmes.empty:
        match = ledger.programmes[ledger.programmes["programme"].map(_text) == programme]
        if not match.empty:
            out.update({k: match.iloc[0].get(k) for k in _PROGRAMME_FIELDS})
    if info:
        out.update({k: v for k, v in info.items() if not _blank(v)})
    out = {k: (None if _blank(v) else v) for k, v in out.items()}
    out["programme"] = programme
    if out["year"] is not None:
        out["year"] = int(_number(out["year"], "年度"))
    return out


def _default_period(stats: pd.DataFrame, period: str | None, year: object) -> str | None:
    """The period to read: the one asked for, else the programme's year when the data has it."""
    if period is not None or _blank(year) or "period" not in stats.columns:
        return period
    wanted = str(year)
    return wanted if (stats["period"].map(_text) == wanted).any() else None


def _budget(
    stats: pd.DataFrame, ledger: object | None, info: dict, rules: Rules, period: str | None
) -> tuple[Budget, list[str]]:
    planned = spent = None
    if ledger is not None and not ledger.budget.empty:
        lines = ledger.budget[ledger.budget["programme"].map(_text) == info["programme"]]
        if not _blank(info.get("year")) and "year" in lines.columns:
            same_year = pd.to_numeric(lines["year"], errors="coerce") == info["year"]
            lines = lines[same_year]
        if not lines.empty:
            planned = float(pd.to_numeric(lines["planned"]).sum())
            paid = pd.to_numeric(lines["spent"])
            spent = None if paid.isna().all() else float(paid.sum())
    if planned is None:
        planned = _budget_from_stats(stats, "budget_planned", period)
    if spent is None:
        spent = _budget_from_stats(stats, "budget_spent", period)
    full_year = _number(info.get("budget_full_year"), "全年预算数")
    full_year = planned if full_year is None else full_year
    given_spent = _number(info.get("budget_spent"), "全年执行数")
    spent = spent if given_spent is None else given_spent
    # 年初预算数 is never taken from 全年预算数: an unknown one stays blank and is flagged.
    initial = _number(info.get("budget_initial"), "年初预算数")
    flags = [] if initial is not None else ["budget_initial_missing"]
    base = initial if rules.execution_base == "initial" else full_year
    if not base:
        flags.append("budget_total_missing")
        rate = None
    elif spent is None:
        flags.append("budget_spent_missing")
        rate = None
    else:
        rate = spent / base
    points = (
        0.0 if rate is None else rules.round(min(rules.budget_weight * rate, rules.budget_weight))
    )
    reason = _text(info.get("budget_reason"))
    missing = (
        rules.reason_rate_below is not None
        and rate is not None
        and rate < rules.reason_rate_below
        and not reason
    )
    if missing:
        flags.append("budget_reason_missing")
    weight = rules.budget_weight
    return Budget(initial, full_year, spent, weight, rate, points, reason, missing), flags


def _not_applicable(row: Mapping) -> bool:
    return _text(row.get("actual")) in NOT_APPLICABLE


def _rescaled(kept: list[float], rules: Rules) -> list[float]:
    """Weights left after dropping not-applicable rows, scaled up to the same total."""
    if not sum(kept):
        raise UserError("去掉不适用指标后没有可计分的指标")
    factor = (rules.total_weight - rules.budget_weight) / sum(kept)
    return [w * factor for w in kept]


def _check_weights(targets: pd.DataFrame, rules: Rules) -> list[float]:
    errors, weights = [], []
    for _, row in targets.iterrows():
        try:
            weight = float(row.get("weight"))
            if math.isnan(weight) or weight < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors.append(f"{_row_name(row)}：分值“{_text(row.get('weight'))}”不是非负数")
            weight = 0.0
        weights.append(weight)
    if errors:
        raise UserError("；\n".join(errors))
    total = rules.budget_weight + sum(weights)
    if not math.isclose(total, rules.total_weight, abs_tol=1e-6):
        parts = "、".join(
            f"{_text(r.get('indicator_id'))}={w:g}"
            for (_, r), w in zip(targets.iterrows(), weights, strict=True)
        )
        raise UserError(
            f"分值合计为 {total:g}（预算执行 {rules.budget_weight:g} + 指标 {sum(weights):g}），"
            f"应为 {rules.total_weight:g}。各指标分值：{parts}"
        )
    return weights


def _no_data() -> pd.DataFrame:
    return pd.DataFrame(columns=["programme", "period", "measure", "breakdown", "value"])


def _header_flags(details: dict) -> list[tuple[str, str, str]]:
    flags = []
    for key, label, option in HEADER_FIELDS:
        if key == "name":
            continue  # the programme's own name stands in for a 项目全称
        if _blank(details.get(key)):
            message = FLAG_TEXT["header_missing"].format(field=label, option=option)
            flags.append(("header", "header_missing", message))
    return flags


def assess(
    data: object,
    targets: pd.DataFrame | None = None,
    rules: Rules | None = None,
    *,
    programme: str | None = None,
    period: str | None = None,
    info: Mapping | None = None,
) -> Assessment:
    """Score a programme's targets against actuals from statistics, a ledger or the targets.

    Args:
        data: The statistics long table (columns programme, period, measure,
            breakdown, value, unit, qualifier, ...), a ``Ledger`` (rolled up with
            ``analysis.indicators.rollup``; its budget and programmes tables are used), or
            ``None`` when the targets carry their actuals (实际完成值).
        targets: The targets table (``analysis.schema.TARGETS`` columns); a ledger's
            own targets table when ``None``.
        rules: Scoring options; ``Rules()`` when ``None``.
        programme: Which programme to score; needed only when the targets hold several.
        period: Which period of the statistics to read when a measure has several.
        info: Header and budget fields overriding the programmes table (name shown
            on the form, department, implementer, year, budget_initial,
            budget_full_year and budget_spent in 元, budget_reason, goal, outcome).

    Raises:
        UserError: weights that do not add up, unknown measures, unreadable targets
            or actuals, missing values; each message names the indicator row.

    Examples:
        >>> stats = pd.DataFrame({"programme": ["P"] * 3, "period": ["2023"] * 3,
        ...     "measure": ["attendees_onsite", "budget_planned", "budget_spent"],
        ...     "breakdown": [""] * 3, "value": [240.0, 2e5, 1.9e5],
        ...     "unit": ["person", "yuan", "yuan"], "qualifier": ["exact"] * 3})
        >>> targets = pd.DataFrame({"indicator_id": ["1", "2"], "programme": ["P", "P"],
        ...     "level1": ["产出指标", "满意度指标"], "level2": ["数量指标", "服务对象满意度"],
        ...     "level3": ["线下参会人数", "参会满意度"], "target": ["≥300人", "≥90%"],
        ...     "weight": [60, 30], "measure": ["attendees_onsite", ""], "actual": ["", "95%"]})
        >>> a = assess(stats, targets)
        >>> list(a.rows["points"]), a.budget.points, a.total, a.grade  # 60×240/300; 10×0.95
        ([48.0, 30.0], 9.5, 87.5, '良')
        >>> typed = targets.assign(measure="", actual=["5", "95%"], target=["≥5万元", "≥90%"])
        >>> b = assess(None, typed, info={"budget_full_year": 5e5, "budget_spent": 4e5})
        >>> list(b.rows["points"]), b.budget.points, b.total  # "5" is read as 5万元
        ([60.0, 30.0], 8.0, 98.0)
    """
    rules = rules or Rules()
    if data is None:
        stats, ledger = _no_data(), None
    else:
        stats, ledger = _statistics_from(data)
    if targets is None:
        if ledger is None:
            raise UserError("请提供绩效目标表（targets）")
        targets = ledger.targets
    if targets is None or targets.empty:
        raise UserError("绩效目标表为空")
    missing = {"indicator_id", "level1", "level2", "level3", "target", "weight"} - set(
        targets.columns
    )
    if missing:
        raise UserError(f"绩效目标表缺少列：{'、'.join(sorted(missing))}")
    name = _pick_programme(targets, programme)
    if "programme" in targets.columns:
        targets = targets[targets["programme"].map(_text).isin({name, ""})]
        if targets.empty:
            raise UserError(f"绩效目标表中没有项目“{name}”的指标")
    stats = stats[stats["programme"].map(_text) == name]
    weights = _check_weights(targets, rules)
    details = _info(ledger, name, info)
    period = _default_period(stats, period, details.get("year"))

    rows, flags, errors = [], [], []
    applicable = [not _not_applicable(row) for _, row in targets.iterrows()]
    if not all(applicable):
        dropped = [
            _row_name(row)
            for (_, row), ok in zip(targets.iterrows(), applicable, strict=True)
            if not ok
        ]
        if rules.not_applicable == "error":
            raise UserError(
                f"{'、'.join(dropped)}：实际完成值为“不适用”；"
                "如按规则去掉不适用指标并按比例调整分值，请用 --not-applicable drop"
            )
        for (_, row), ok in zip(targets.iterrows(), applicable, strict=True):
            if not ok:
                row_id = _text(row.get("indicator_id"))
                flags.append((row_id, "not_applicable", FLAG_TEXT["not_applicable"]))
        targets = targets[applicable]
        weights = _rescaled([w for w, ok in zip(weights, applicable, strict=True) if ok], rules)
    for (_, row), weight in zip(targets.iterrows(), weights, strict=True):
        where = _row_name(row)
        spec, typed = _text(row.get("measure")), row.get("actual")
        typed = None if _blank(typed) else typed
        try:
            if spec and typed is not None:
                raise UserError("同时填写了“指标代码”和“实际完成值”，只能填其一")
            if spec:
                if data is None:
                    raise UserError(f"指标代码“{spec}”需要台账或统计表：请给出数据文件")
                value, unit, qualifier, written = _measure_value(stats, spec, period)
                # "146 场" as written in a report reads "146场" on the form.
                shown = re.sub(r"(?<=\d)\s+|\s+(?=\d)", "", written).strip()
                shown = shown or format_quantity(value, unit, qualifier)
                actual = Actual(value, unit, qualifier, text=shown)
            elif typed is not None:
                actual = typed
            else:
                raise UserError("缺少实际完成值：请填写“指标代码”或“实际完成值”")
            direction = _text(row.get("direction")) or None
            scored = evaluate(_text(row.get("target")), actual, weight, direction, rules)
        except UserError as exc:
            errors.append(f"{where}：{exc}")
            continue
        row_id = _text(row.get("indicator_id"))
        reason = _text(row.get("reason"))
        codes = _flags(scored, reason, rules)
        points = rule_points(scored, rules)
        values = {
            "text": scored.actual.text,
            "written": _text(typed),
            "ratio": scored.completion or 0.0,
            "bound": rules.overachievement_flag,
            "position": _position_text(rules.qualitative_position),
            "deduct": rules.over_target_points,
            "target_unit": scored.target.unit_text or "",
            "actual_unit": scored.actual.unit_text or "",
            "band": BAND_LABELS.get(scored.actual.band or "", ""),
        }
        messages = [FLAG_TEXT[c].format(**values) for c in codes]
        flags.extend((row_id, c, m) for c, m in zip(codes, messages, strict=True))
        rows.append(
            {
                "indicator_id": row_id,
                "level1": _text(row.get("level1")),
                "level2": _text(row.get("level2")),
                "level3": _text(row.get("level3")),
                "target": _text(row.get("target")),
                "actual": scored.actual.text,
                "weight": weight,
                "points": points,
                "completion": scored.completion,
                "direction": scored.target.direction,
                "qualifier": scored.actual.qualifier,
                "measure": spec,
                "reason": reason,
                "flags": "；".join(messages),
                "reason_required": "reason_missing" in codes,
                "sign": _text(row.get("sign")),
                "value": _text(row.get("value")),
                "unit": _text(row.get("unit")),
            }
        )
    if errors:
        raise UserError("；\n".join(errors))

    table = pd.DataFrame(rows, columns=list(ROW_COLUMNS))
    table["completion"] = table["completion"].astype("float64")
    table["reason_required"] = table["reason_required"].astype(bool)
    subtotals = table.groupby("level1", sort=False)[["weight", "points"]].sum().reset_index()
    subtotals["points"] = subtotals["points"].map(rules.round)
    budget, budget_flags = _budget(stats, ledger, details, rules, period)
    for code in budget_flags:
        message = FLAG_TEXT[code].format(
            rate=budget.rate or 0.0, bound=rules.reason_rate_below or 0.0
        )
        flags.append(("budget", code, message))
    flags.extend(_header_flags(details))
    total = rules.round(budget.points + float(table["points"].sum()))
    cap = rules.cap(budget.rate)
    if cap is not None and total > cap:
        message = FLAG_TEXT["execution_cap"].format(rate=budget.rate, cap=cap, before=total)
        flags.append(("total", "execution_cap", message))
        total = rules.round(cap)
    return Assessment(
        programme=name,
        info=details,
        rows=table,
        subtotals=subtotals,
        budget=budget,
        total=total,
        grade=rules.grade(total),
        flags=pd.DataFrame(flags, columns=["indicator_id", "flag", "message"]),
        rules=rules,
    )


def _position_text(position: float) -> str:
    named = {1.0: "上限", 0.0: "下限", 0.5: "中点"}
    return named.get(position, f"{position:.0%}处")


def _flags(scored: Scored, reason: str, rules: Rules) -> list[str]:
    codes = []
    if scored.share < 1.0:
        if scored.target.deadline is not None:
            codes.append("deadline_missed")
        codes.append("shortfall_explained" if reason else "shortfall")
    if over_target(scored, rules):
        codes.append("target_low")
        if rules.over_target == "deduct":
            codes.append("over_target_deduct")
        if rules.reason_over_target and not reason:
            codes.append("reason_missing")
    actual, target = scored.actual, scored.target
    if actual.qualifier in ("approx", "at_least", "at_most"):
        codes.append(actual.qualifier)
    if target.qualitative and actual.share is None and scored.share < 1.0:
        codes.append("qualitative_default")
    if actual.unit_from_target and actual.unit_text:
        codes.append("unit_from_target")
    if target.unit and actual.unit and target.unit != actual.unit:
        codes.append("units_loose")
    if not target.qualitative and actual.band is not None and actual.value is None:
        codes.append("phrase")
    return codes
