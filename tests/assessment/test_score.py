"""Tests for analysis.assessment.score: each scoring rule on hand-worked rows."""

import pytest

from analysis.assessment.rules import Rules
from analysis.assessment.score import evaluate, score_indicator
from analysis.errors import UserError


def test_partial_completion_ge():
    # 10 × 240 ÷ 300 = 8.00
    assert score_indicator("≥300人", "240人", 10) == 8.0


def test_partial_completion_with_rounding_policies():
    # 16 × 200 ÷ 300 = 10.666… → round2 10.67, truncate2 10.66, integer 11
    assert score_indicator("≥300人", "200人", 16) == 10.67
    assert score_indicator("≥300人", "200人", 16, rules=Rules(rounding="truncate2")) == 10.66
    assert score_indicator("≥300人", "200人", 16, rules=Rules(rounding="integer")) == 11.0
    # 7 × 2 ÷ 3 = 4.666… → 4.67, 4.66, 5
    assert score_indicator("≥3次", "2次", 7) == 4.67
    assert score_indicator("≥3次", "2次", 7, rules=Rules(rounding="truncate2")) == 4.66
    assert score_indicator("≥3次", "2次", 7, rules=Rules(rounding="integer")) == 5.0


def test_truncation_is_not_fooled_by_float_noise():
    # 3 × 9 ÷ 30 = 0.9 exactly, although the float product is 0.8999999999999999.
    assert score_indicator("≥30次", "9次", 3, rules=Rules(rounding="truncate2")) == 0.9


def test_over_achievement_earns_no_extra():
    # 600 of 300 is 200%: still the full 10 points.
    scored = evaluate("≥300人", "600余人", 10)
    assert scored.points == 10.0 and scored.completion == 2.0


def test_le_met_and_above_target_ratio_rule():
    assert score_indicator("≤20万元", "18万元", 10) == 10.0
    assert score_indicator("≤20万元", "20万元", 10) == 10.0
    # ratio (default): 10 × 20 ÷ 25 = 8.00
    assert score_indicator("≤20万元", "25万元", 10) == 8.0
    # 10 × 20 ÷ 30 = 6.666… → 6.67
    assert score_indicator("≤20万元", "30万元", 10) == 6.67


def test_le_above_target_linear_rule():
    linear = Rules(le_rule="linear")
    # 10 × (1 − (25 − 20) ÷ 20) = 7.50
    assert score_indicator("≤20万元", "25万元", 10, rules=linear) == 7.5
    # twice the target and beyond: 0
    assert score_indicator("≤20万元", "40万元", 10, rules=linear) == 0.0
    assert score_indicator("≤20万元", "50万元", 10, rules=linear) == 0.0


def test_exact_target():
    assert score_indicator("=1次", "1次", 10) == 10.0
    assert score_indicator("=2次", "1次", 10) == 5.0  # short of the count: 10 × 1 ÷ 2


def test_bare_rate_is_ge():
    # "100%" and an actual of 95%: 10 × 95 ÷ 100 = 9.50
    assert score_indicator("100%", "95%", 10) == 9.5


def test_typed_at_least_actual():
    # "≥90%" is scored on 90: met against ≥90%, 10 × 90 ÷ 95 = 9.47 against ≥95%
    assert score_indicator("≥90%", "≥90%", 10) == 10.0
    assert score_indicator("≥95%", "≥90%", 10) == 9.47


@pytest.mark.parametrize(
    ("actual", "points"),
    [
        ("达到", 10.0),  # default position: top of the 80–100% band
        ("部分达到", 8.0),  # top of 60–80%
        ("未达到", 6.0),  # top of 0–60%
        ("达到 85%", 8.5),  # evaluator's choice inside the band
        ("基本达到 65%", 6.5),
        ("未达到 30%", 3.0),
        ("72%", 7.2),  # a bare share picks its band
    ],
)
def test_qualitative_bands(actual, points):
    assert score_indicator("形成定期政企沟通机制", actual, 10) == points


def test_qualitative_position_option():
    bottom = Rules(qualitative_position=0.0)
    middle = Rules(qualitative_position=0.5)
    assert score_indicator("形成机制", "达到", 10, rules=bottom) == 8.0
    assert score_indicator("形成机制", "部分达到", 10, rules=middle) == 7.0  # (60 + 80) ÷ 2
    assert score_indicator("形成机制", "未达到", 10, rules=middle) == 3.0


def test_qualitative_share_outside_band_is_an_error():
    with pytest.raises(UserError, match="不在"):
        score_indicator("形成机制", "部分达到 90%", 10)


def test_deadline():
    assert score_indicator("11月底前", "10月", 5) == 5.0
    assert score_indicator("2023年10月底前", "2023年10月28日", 5) == 5.0
    assert score_indicator("2023年10月底前", "2023年11月2日", 5) == 0.0
    assert score_indicator("2023年10月底前", "2023年11月2日", 5, rules=Rules(late_share=0.5)) == 2.5
    # Without a year on either side the months are compared in the same year.
    assert score_indicator("11月底前", "12月", 5) == 0.0


def test_direction_given_overrides_text():
    # A bare "300人" read as "lower is better": 10 × 300 ÷ 400 = 7.50
    assert score_indicator("300人", "400人", 10, direction="le") == 7.5


def test_unit_mismatch_is_an_error():
    with pytest.raises(UserError, match=r"单位不一致.*米.*平方米"):
        score_indicator("≥266米", "300平方米", 10)
    with pytest.raises(UserError, match=r"单位不一致.*千瓦时.*千瓦"):
        score_indicator("≥100千瓦时", "120千瓦", 10)
    with pytest.raises(UserError, match=r"单位不一致.*户.*台"):
        score_indicator("≥3户", "3台", 10)


def test_persons_against_person_times_are_scored():
    # Issue 16: "≥500人次" against an attendee count in 人 is scored (and flagged in assess).
    assert score_indicator("≥500人次", "480人", 10) == 9.6


@pytest.mark.parametrize("weight", [-1, "十", float("nan")])
def test_bad_weight(weight):
    with pytest.raises(UserError, match="分值"):
        score_indicator("≥300人", "300人", weight)


def test_zero_actual_scores_zero():
    assert score_indicator("≥300人", "0人", 10) == 0.0
