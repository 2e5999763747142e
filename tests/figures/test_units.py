"""Tests for analysis.figures.units: amounts in 万元 and 亿元."""

import math

import matplotlib.pyplot as plt
import pytest

from analysis.figures.units import (
    YuanFormatter,
    choose_yuan_scale,
    format_number,
    format_yuan,
    yuan_formatter,
)


@pytest.mark.parametrize(
    ("yuan", "text"),
    [
        (3_571_000_000, "35.71亿元"),  # seed 004: 涉及金额35.71亿元
        (190_000_000_000, "1,900亿元"),  # seed 001: 主营业务收入超1900亿元
        (200_000, "20万元"),  # seed 000: 经费预算（共20万）
        (30_520_000, "3,052万元"),
        (25_000, "2.5万元"),
        (100_000_000, "1亿元"),  # 1亿 is the switch point
        (99_990_000, "9,999万元"),
        (5_000, "5,000元"),
        (-2_000_000, "-200万元"),
        (0, "0元"),
    ],
)
def test_format_yuan_auto(yuan, text):
    assert format_yuan(yuan) == text


def test_format_yuan_fixed_unit_and_missing_values():
    assert format_yuan(3_571_000_000, unit="万元") == "357,100万元"
    assert format_yuan(12_345, unit="万元", decimals=1) == "1.2万元"
    assert format_yuan(math.nan) == "—"
    with pytest.raises(ValueError, match="千元"):
        format_yuan(1, unit="千元")


def test_format_number_groups_thousands_and_trims_zeros():
    assert format_number(1234567.891) == "1,234,567.89"
    assert format_number(0.004) == "0"
    assert format_number(-0.004) == "0"


def test_choose_yuan_scale():
    assert choose_yuan_scale([20_000, 20_000, 50_000, 100_000, 10_000]) == ("万元", 1e4)
    assert choose_yuan_scale([3_571_000_000, 1e6]) == ("亿元", 1e8)
    assert choose_yuan_scale([-2e8]) == ("亿元", 1e8)
    assert choose_yuan_scale([]) == ("万元", 1e4)
    assert choose_yuan_scale([math.nan, None]) == ("万元", 1e4)


def test_tick_labels_on_a_real_axis():
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [20_000, 100_000])
    ax.set_ylim(0, 100_000)
    ax.yaxis.set_major_formatter(yuan_formatter("万元"))
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # Default locator on 0–100,000 puts ticks every 20,000 yuan = 2万元.
    assert labels == ["0", "2", "4", "6", "8", "10"]


def test_auto_formatter_follows_the_axis_range():
    _fig, ax = plt.subplots()
    formatter = YuanFormatter("auto")
    ax.yaxis.set_major_formatter(formatter)
    ax.set_ylim(0, 4e9)
    assert formatter.current_unit == "亿元"
    assert formatter(3.5e9) == "35"
    ax.set_ylim(0, 5e5)
    assert formatter.current_unit == "万元"
    assert formatter(2.5e5) == "25"


def test_unknown_formatter_unit():
    with pytest.raises(ValueError, match="unknown unit"):
        yuan_formatter("元每年")
