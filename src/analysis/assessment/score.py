"""Score one indicator: the points an actual earns against its target and weight."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.assessment.rules import Rules
from analysis.assessment.targets import Actual, Target, date_key, parse_actual, parse_target
from analysis.errors import UserError

# Year used to compare deadlines and dates that both leave the year out.
_ANY_YEAR = 2000


def completion(target: Target, actual: Actual) -> float | None:
    """Return actual ÷ target for a numeric target (``None`` when it has no meaning).

    Examples:
        >>> completion(parse_target("≥300人"), parse_actual("近300人", parse_target("≥300人")))
        1.0
    """
    if target.value is None or actual.value is None or target.value == 0:
        return None
    return actual.value / target.value


def deadline_met(target: Target, actual: Actual) -> bool:
    """Whether a completion date is on or before a deadline target.

    A date without a year takes the deadline's year (and the other way round).

    Examples:
        >>> t = parse_target("2023年11月底前")
        >>> deadline_met(t, parse_actual("10月", t)), deadline_met(t, parse_actual("2023年12月", t))
        (True, False)
    """
    year = target.deadline[0] or actual.date[0] or _ANY_YEAR
    return date_key(actual.date, year) <= date_key(target.deadline, year)


def _band_share(actual: Actual, rules: Rules) -> float:
    """Share of the weight of a band actual (达到 / 部分达到 70% / 未达到, or a bare share)."""
    band = actual.band
    if band is None:
        band = next(
            (
                name
                for name, (low, high) in rules.qualitative_bands.items()
                if low <= actual.share <= high
            ),
            None,
        )
        if band is None:
            raise UserError(f"定性评分 {actual.share:.0%} 不在 0–100% 之内")
    low, high = rules.qualitative_bands[band]
    if actual.share is None:
        return low + (high - low) * rules.qualitative_position
    if not low <= actual.share <= high:
        raise UserError(f"定性评分 {actual.share:.0%} 不在“{band}”档 {low:.0%}–{high:.0%} 之内")
    return actual.share


#: Unit codes that are scored against each other with a warning (人 is not 人次).
LOOSE_UNITS = frozenset({"person", "person_time"})


def check_units(target: Target, actual: Actual) -> None:
    """Refuse to compare quantities of different units (人 against 人次 passes, flagged).

    Examples:
        >>> t = parse_target("≥266米")
        >>> check_units(t, parse_actual("0.3公里", t))  # same dimension: converted
        >>> check_units(t, parse_actual("300平方米", t))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 单位不一致：...“平方米”，二者不能换算
    """
    if not (target.unit and actual.unit) or target.unit == actual.unit:
        return
    if {target.unit, actual.unit} <= LOOSE_UNITS:
        return
    raise UserError(
        f"单位不一致：年度指标值“{target.text}”的单位是“{target.unit_text or target.unit}”，"
        f"实际完成值“{actual.text}”的单位是“{actual.unit_text or actual.unit}”，二者不能换算"
    )


def _share(target: Target, actual: Actual, rules: Rules) -> float:
    """Share of the weight earned, before rounding."""
    if target.deadline is not None and actual.band is not None and actual.share is None:
        # 按期完成 / 达成预期指标 meet a deadline; 未按期完成 is a missed one.
        if actual.band == "achieved":
            return 1.0
        if actual.band == "not":
            return rules.late_share
    if target.qualitative or (actual.band is not None and actual.value is None):
        # A qualitative row, or a phrase (达成预期指标, 部分完成) typed for a number or deadline.
        return _band_share(actual, rules)
    if target.deadline is not None:
        if actual.date is None:
            raise UserError(f"时限指标“{target.text}”需要完成时间，收到“{actual.text}”")
        return 1.0 if deadline_met(target, actual) else rules.late_share
    if actual.value is None:
        raise UserError(f"指标“{target.text}”需要数值实际值，收到“{actual.text}”")
    check_units(target, actual)
    goal, value = target.value, max(actual.value, 0.0)
    if target.direction == "eq" and goal == 0:
        # An "= 0" target (e.g. 安全事故 =0起) is met only at 0 or below.
        return 1.0 if value <= 0 else 0.0
    if target.direction in ("ge", "eq"):
        # Over-achievement earns no extra; an exact target above its value counts as met.
        if value >= goal or goal <= 0:
            return 1.0
        return value / goal
    if value <= goal:
        return 1.0
    if goal <= 0:
        return 0.0
    if rules.le_rule == "ratio":
        return goal / value
    return max(0.0, 1.0 - (value - goal) / goal)


@dataclass(frozen=True)
class Scored:
    """One scored indicator: parsed target and actual, share of the weight, points.

    Attributes:
        target: The parsed target.
        actual: The parsed actual.
        weight: The indicator's points (分值).
        share: Share of the weight earned, before rounding (0–1).
        points: Points earned, rounded by the rules.
        completion: Actual ÷ target for numeric targets, else ``None``.
    """

    target: Target
    actual: Actual
    weight: float
    share: float
    points: float
    completion: float | None


def evaluate(
    target: str | Target,
    actual: object,
    weight: float,
    direction: str | None = None,
    rules: Rules | None = None,
) -> Scored:
    """Score one indicator and keep what was read on the way (see ``score_indicator``).

    Examples:
        >>> s = evaluate("≥300人", "600余人", 10)
        >>> s.points, s.completion, s.actual.qualifier
        (10.0, 2.0, 'at_least')
    """
    rules = rules or Rules()
    try:
        weight = float(weight)
    except (TypeError, ValueError):
        raise UserError(f"分值“{weight}”无效：须为非负数") from None
    if weight != weight or weight < 0:
        raise UserError(f"分值“{weight}”无效：须为非负数")
    if isinstance(target, Target):
        parsed = (
            target
            if direction in (None, target.direction)
            else parse_target(target.text, direction)
        )
    else:
        parsed = parse_target(target, direction)
    read = parse_actual(actual, parsed)
    share = _share(parsed, read, rules)
    return Scored(
        parsed, read, weight, share, rules.round(weight * share), completion(parsed, read)
    )


def over_target(scored: Scored, rules: Rules) -> bool:
    """Whether a ≥ or = indicator reached the over-achievement bound (130% by default).

    Examples:
        >>> [over_target(evaluate("≥2次", a, 10), Rules()) for a in ("3次", "2次")]
        [True, False]
    """
    ratio = scored.completion
    return (
        scored.target.direction in ("ge", "eq")
        and ratio is not None
        and ratio >= rules.overachievement_flag
    )


def rule_points(scored: Scored, rules: Rules) -> float:
    """The row's points under the local rules: ``over_target="deduct"`` takes
    ``over_target_points`` off a row at the bound (never below 0).

    Examples:
        >>> s = evaluate("≥2次", "3次", 10)
        >>> rule_points(s, Rules()), rule_points(s, Rules(over_target="deduct"))
        (10.0, 8.0)
    """
    if rules.over_target == "deduct" and over_target(scored, rules):
        return rules.round(max(0.0, scored.points - rules.over_target_points))
    return scored.points


def score_indicator(
    target: str | Target,
    actual: object,
    weight: float,
    direction: str | None = None,
    rules: Rules | None = None,
) -> float:
    """Return the points an indicator earns, rounded by ``rules.rounding``.

    Args:
        target: Target text (``≥300人``, ``≤20万元``, ``=1次``, ``100%``,
            ``2023年10月底前`` or a qualitative statement) or a parsed ``Target``.
        actual: Actual text (``近300人``, ``≥90%``, ``10月``, ``基本达到 70%``), a
            number, a date, a quantity or a parsed ``Actual``.
        weight: The indicator's points (分值).
        direction: ``ge``/``le``/``eq``/``qualitative``; read from the target when ``None``.
        rules: Scoring options; ``Rules()`` when ``None``.

    Raises:
        UserError: for an unreadable target or actual, a unit mismatch, a negative
            weight or a qualitative share outside its band.

    Examples:
        >>> score_indicator("≥300人", "240人", 10)       # 10 × 240 ÷ 300
        8.0
        >>> score_indicator("≥300人", "600余人", 10)     # over-achievement earns no extra
        10.0
        >>> score_indicator("≤20万元", "25万元", 10)      # 10 × 20 ÷ 25
        8.0
        >>> score_indicator("≤20万元", "25万元", 10, rules=Rules(le_rule="linear"))  # 10 × 0.75
        7.5
        >>> score_indicator("带动区域产业发展", "部分达到", 10)  # top of the 60–80% band
        8.0
        >>> score_indicator("11月底前", "10月", 5)
        5.0
    """
    return evaluate(target, actual, weight, direction, rules).points
