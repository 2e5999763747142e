"""Tests for analysis.load.layout: what marks a row as a total, footer, heading or title."""

from __future__ import annotations

import numpy as np

from analysis.load.layout import _BLANKS, may_skip, may_skip_each


def test_blanks_are_what_str_strip_takes() -> None:
    assert set(_BLANKS) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


def test_may_skip_each_equals_may_skip_one_by_one() -> None:
    """The column-at-once look gives what may_skip gives each text, on random texts built
    from marks, every kind of blank, 计, letters, digits and newlines (3,000 of them)."""
    rng = np.random.default_rng(4754)
    alphabet = list("合计小总共累填制审注备说一二三四五六七八九十（(第甲乙丙栏栏次")
    alphabet += list(_BLANKS) + list("计计计") + list("ABCxyz0123456789：:光伏组件") + ["\n"]
    texts = ["".join(rng.choice(alphabet, size=rng.integers(0, 14))) for _ in range(3000)] + [
        "合计",
        "  小计：",
        "\u3000填表人：张三",
        "光伏组件",
        "一、前期调研阶段",
        "甲",
        "第三阶段",
    ]
    values = np.array(list(dict.fromkeys(texts)), dtype=object)
    expected = [may_skip(v) for v in values] + [False]
    assert may_skip_each(values).tolist() == expected
    assert sum(expected) > 50  # the random texts do reach the full test (95 times)


def test_may_skip_each_on_mixed_cells_and_lone_surrogates() -> None:
    values = np.array(["合计", 5.0, None, "光伏"] * 20, dtype=object)
    assert may_skip_each(values).tolist() == [may_skip(v) for v in values] + [False]
    odd = np.array([f"S{i}" for i in range(70)] + ["\ud800合计", "合计"], dtype=object)
    assert may_skip_each(odd).tolist() == [may_skip(v) for v in odd] + [False]
