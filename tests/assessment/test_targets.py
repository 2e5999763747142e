"""Tests for analysis.assessment.targets: reading target and actual texts."""

import datetime as dt

import pytest

from analysis.assessment.targets import parse_actual, parse_band, parse_target
from analysis.errors import UserError


@pytest.mark.parametrize(
    ("text", "direction", "value", "unit"),
    [
        ("≥300人", "ge", 300.0, "person"),
        ("不少于300人", "ge", 300.0, "person"),
        ("300人以上", "ge", 300.0, "person"),
        (">=5万人次", "ge", 50000.0, "person_time"),
        ("≤20万元", "le", 200000.0, "yuan"),
        ("不超过20万元", "le", 200000.0, "yuan"),
        ("控制在20万元以内", "le", 200000.0, "yuan"),
        ("=1次", "eq", 1.0, "event"),
        ("＝1次", "eq", 1.0, "event"),
        ("100%", "ge", 100.0, "percent"),  # a bare rate is "higher is better"
        ("146场", "ge", 146.0, "event"),  # a bare number too
        ("三次", "ge", 3.0, "event"),  # Chinese numerals go through parse_quantity
    ],
)
def test_numeric_targets(text, direction, value, unit):
    target = parse_target(text)
    assert (target.direction, target.value, target.unit) == (direction, value, unit)
    assert not target.qualitative and target.deadline is None


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2023年10月底前", (2023, 10, 31)),
        ("11月底前", (None, 11, 30)),
        ("2024年2月底前", (2024, 2, 29)),  # leap year
        ("2023年12月31日前", (2023, 12, 31)),
        ("2023年底前", (2023, 12, 31)),
        ("10月前", (None, 10, 31)),  # read leniently as "by the end of October"
        ("2023年内完成", (2023, 12, 31)),
        ("2023年10月中旬前完成", (2023, 10, 20)),
        ("9月下旬前", (None, 9, 30)),
    ],
)
def test_deadline_targets(text, deadline):
    target = parse_target(text)
    assert (target.direction, target.deadline) == ("le", deadline)


def test_qualitative_target():
    target = parse_target("形成低空经济行业定期政企沟通机制")
    assert target.qualitative and target.direction == "qualitative"


def test_direction_override():
    assert parse_target("≥300人", "le").direction == "le"
    assert parse_target("300人", "≤").direction == "le"
    assert parse_target("形成机制", "定性").qualitative
    assert parse_target("2023年12月底前", "qualitative").qualitative


@pytest.mark.parametrize("text", ["≥abc人", "≤", "≥300公顷亩", "2023年13月底前"])
def test_unreadable_targets_are_user_errors(text):
    with pytest.raises(UserError):
        parse_target(text)


def test_bad_direction_is_a_user_error():
    with pytest.raises(UserError, match="方向"):
        parse_target("≥300人", "gt")


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("600余人", 600.0, "at_least"),
        ("≥90%", 90.0, "at_least"),  # a typed sign is read as a qualifier
        ("近300人", 300.0, "approx"),
        ("不到280人", 280.0, "at_most"),
        ("≤18万元", 180000.0, "at_most"),
        ("240人", 240.0, "exact"),
    ],
)
def test_actual_texts(text, value, qualifier):
    actual = parse_actual(text, parse_target("≥300人" if "%" not in text else "≥90%"))
    assert (actual.value, actual.qualifier) == (value, qualifier)


def test_actual_dates():
    target = parse_target("2023年11月底前")
    assert parse_actual("10月", target).date == (None, 10, 31)
    assert parse_actual("2023年10月28日", target).date == (2023, 10, 28)
    assert parse_actual("2023-10-28", target).date == (2023, 10, 28)
    assert parse_actual("2023年12月中旬完成", target).date == (2023, 12, 20)
    assert parse_actual("10月上旬", target).date == (None, 10, 10)
    assert parse_actual(dt.date(2023, 12, 1), target).date == (2023, 12, 1)
    with pytest.raises(UserError, match="完成时间"):
        parse_actual("尚在进行", target)


@pytest.mark.parametrize(
    ("text", "band", "share"),
    [
        ("达到", "achieved", None),
        ("达到预期 95%", "achieved", 0.95),
        ("基本达到（70%）", "partly", 0.7),
        ("部分完成", "partly", None),
        ("未达到", "not", None),
        ("未完成，40%", "not", 0.4),
        ("不是", "not", None),  # "是" alone would be achieved
        ("75%", None, 0.75),
    ],
)
def test_bands(text, band, share):
    assert parse_band(text) == (band, share)


def test_unreadable_qualitative_actual():
    with pytest.raises(UserError, match="定性"):
        parse_actual("待定", parse_target("形成工作机制"))


def test_missing_actual():
    with pytest.raises(UserError, match="缺少"):
        parse_actual(None, parse_target("≥300人"))
