"""Tests for analysis.assessment.rules: rounding policies, grade boundaries, option checks."""

import pytest

from analysis.assessment.rules import Rules
from analysis.errors import UserError


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        # 89.995 read as the decimal 89.995: half-up to 2 places gives 90.00,
        # cutting to 2 places gives 89.99, half-up to a whole point gives 90.
        ("round2", 90.0),
        ("truncate2", 89.99),
        ("integer", 90.0),
    ],
)
def test_rounding_of_89_995(rounding, expected):
    assert Rules(rounding=rounding).round(89.995) == expected


@pytest.mark.parametrize(
    ("rounding", "grade"),
    # 89.995 → 90.00 (优), 89.99 (良), 90 (优) under the three policies above.
    [("round2", "优"), ("truncate2", "良"), ("integer", "优")],
)
def test_grade_of_89_995_under_each_policy(rounding, grade):
    assert Rules(rounding=rounding).grade(89.995) == grade


@pytest.mark.parametrize(
    ("rounding", "value", "expected"),
    [
        ("round2", 12.344, 12.34),  # third decimal 4 → down
        ("round2", 12.345, 12.35),  # half up, not banker's rounding (which gives 12.34)
        ("truncate2", 12.349, 12.34),
        ("integer", 79.5, 80.0),  # half up
        ("integer", 79.49, 79.0),
    ],
)
def test_rounding_policies_by_hand(rounding, value, expected):
    assert Rules(rounding=rounding).round(value) == expected


@pytest.mark.parametrize(
    ("total", "grade"),
    # domain.md: 优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60.
    [(100, "优"), (90, "优"), (89.99, "良"), (80, "良"), (79.99, "中"), (60, "中"), (59.99, "差")],
)
def test_default_grade_boundaries(total, grade):
    assert Rules().grade(total) == grade


def test_configurable_grade_boundaries():
    rules = Rules(grade_bounds=(85, 75, 60))
    assert [rules.grade(t) for t in (85, 84.99, 75, 74.99)] == ["优", "良", "良", "中"]


def test_integer_policy_moves_79_5_into_the_next_grade():
    # 79.5 is 中 as a decimal, but rounds to 80 (良) when the form keeps whole points.
    assert Rules().grade(79.5) == "中"
    assert Rules(rounding="integer").grade(79.5) == "良"


@pytest.mark.parametrize(
    "options",
    [
        {"le_rule": "square"},
        {"rounding": "round3"},
        {"grade_bounds": (80, 90, 60)},
        {"qualitative_position": 1.5},
        {"qualitative_bands": {"achieved": (0.8, 1.0)}},
    ],
)
def test_bad_options_are_user_errors(options):
    with pytest.raises(UserError):
        Rules(**options)


def test_with_options_ignores_none():
    rules = Rules().with_options(le_rule="linear", rounding=None, budget_weight=None)
    assert (rules.le_rule, rules.rounding, rules.budget_weight) == ("linear", "round2", 10.0)


def test_execution_caps_by_hand():
    # 预算管理一体化平台 2022 manual: 70–80% → 89, 60–70% → 79, < 60% → 69, < 50% → 59.
    from analysis.assessment.rules import EXECUTION_CAPS

    rules = Rules(execution_caps=EXECUTION_CAPS)
    cases = {0.9: None, 0.8: None, 0.7999: 89.0, 0.7: 89.0, 0.69: 79.0, 0.6: 79.0}
    cases |= {0.59: 69.0, 0.5: 69.0, 0.49: 59.0, None: None}
    for rate, cap in cases.items():
        assert rules.cap(rate) == cap, rate
    assert Rules().cap(0.1) is None


def test_presets_and_their_names():
    from analysis.assessment.rules import PRESETS, preset
    from analysis.commands.assess import PRESET_NAMES

    assert tuple(PRESETS) == PRESET_NAMES
    assert preset("central") == Rules()
    assert preset("guangxi").reason_over_target
    assert preset("sichuan").reason_rate_below == 0.9
    with pytest.raises(UserError, match="未知的规则组合"):
        preset("beijing")


@pytest.mark.parametrize(
    "options",
    [
        {"over_target": "cut"},
        {"not_applicable": "ignore"},
        {"execution_base": "adjusted"},
        {"overachievement_flag": 0.9},
        {"over_target_points": -1},
    ],
)
def test_bad_local_options(options):
    with pytest.raises(UserError):
        Rules(**options)
