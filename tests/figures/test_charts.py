"""Tests for analysis.figures.charts: values, labels and languages of the chart helpers."""

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import paths, reference
from analysis.figures.charts import (
    amount_bars,
    axes_title,
    bar_by_category,
    budget_bars,
    coverage_bars,
    funnel_bars,
    line_over_time,
)
from analysis.figures.save import add_source_line, missing_glyphs

SEED_000 = "000_e7fb6761fbfb5854.txt"


def _texts(ax):
    return [t.get_text() for t in ax.texts if t.get_text()]


def _heights(ax):
    return [p.get_height() for p in ax.patches]


def _csaa_budget_phases() -> dict[str, float]:
    """Budget per phase in yuan from seed 000 (中国航空学会 low-altitude economy meeting)."""
    path = paths.SHARED_SEEDS / SEED_000
    if not path.is_file():
        pytest.skip(f"seed report {SEED_000} not found in {paths.SHARED_SEEDS}")
    text = path.read_text(encoding="utf-8")
    total = re.search(r"经费预算（共(\d+)万）", text)
    phases = re.findall(r"(第[一二三四五]阶段)（[^）]*），[^；。]*?，(\d+)万", text)
    assert total and len(phases) == 5, "seed 000 no longer has the five budget phases"
    values = {name: int(wan) * 10_000.0 for name, wan in phases}
    assert sum(values.values()) == int(total.group(1)) * 10_000  # 2+2+5+10+1 = 20万
    return values


def test_amount_bars_from_seed_budget(house_zh):
    phases = _csaa_budget_phases()
    # Seed 000: 第一阶段…2万；第二阶段…2万；第三阶段…5万；第四阶段…10万；第五阶段…1万
    assert list(phases.values()) == [20_000, 20_000, 50_000, 100_000, 10_000]
    fig, ax = amount_bars(phases, title="经费预算按阶段分配")
    add_source_line(fig, "中国航空学会会议总结")
    assert _heights(ax) == [20_000, 20_000, 50_000, 100_000, 10_000]
    assert _texts(ax) == ["2万元", "2万元", "5万元", "10万元", "1万元"]
    assert ax.get_ylabel() == "金额（万元）"
    assert next(t.get_text() for t in ax.get_xticklabels()) == "第一阶段"
    assert missing_glyphs(fig) == []


def test_amount_bars_switch_to_yi_yuan(house_zh):
    _fig, ax = amount_bars({"技术交易": 3_571_000_000}, lang="en")
    assert ax.get_ylabel() == "Amount (100 million yuan)"
    assert _texts(ax) == ["35.71亿元"]


def test_bar_by_category_translates_codes(house_zh):
    df = pd.DataFrame({"event_type": ["matchmaking", "roadshow"], "events_held": [12, 6]})
    _fig, ax = bar_by_category(df, "event_type", "events_held", lang="en")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["matchmaking meeting", "roadshow"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Event type", "events held")
    assert _texts(ax) == ["12", "6"]
    _fig, ax = bar_by_category(df, "event_type", "events_held", horizontal=True)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["对接会", "路演"]
    assert ax.get_xlabel() == "举办活动场次"


def test_funnel_shares_of_previous_stage(house_zh):
    # 18/40 = 45.0%, 9/18 = 50.0%
    _fig, ax = funnel_bars(
        pd.Series({"deals_intention": 40, "deals_signed": 18, "deals_converted": 9}), lang="en"
    )
    assert _texts(ax) == ["40", "18 (45.0% of previous stage)", "9 (50.0% of previous stage)"]
    assert [p.get_width() for p in ax.patches] == [40, 18, 9]


def test_budget_bars_execution_rate_and_missing_spending(house_zh):
    planned = pd.Series({"会务": 100_000.0, "宣传": 20_000.0, "总结": 10_000.0})
    spent = pd.Series({"会务": 92_000.0, "宣传": 21_000.0})
    _fig, ax = budget_bars(planned, spent)
    # 92,000/100,000 = 92.0%; 21,000/20,000 = 105.0%; 总结 has no spending yet: no rate.
    assert _texts(ax) == ["执行率 92.0%", "执行率 105.0%"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["会务", "宣传", "总结"]
    assert ax.get_ylabel() == "金额（万元）"


def test_coverage_bars_over_the_97_divisions(house_zh):
    divisions = reference.divisions()
    per_section = (
        divisions.groupby(["section_code", "section_name"])
        .size()
        .reset_index(name="total")
        .rename(columns={"section_code": "section"})
    )
    # GB/T 4754-2017 has 20 sections (A–T) and 97 divisions.
    assert len(per_section) == 20 and per_section["total"].sum() == 97
    covered = {"C": 10, "I": 3, "M": 2}
    per_section["covered"] = per_section["section"].map(covered).fillna(0).astype(int)
    fig, ax = coverage_bars(per_section)
    assert axes_title(ax) == "覆盖行业大类 15/97（15.5%）"  # 15/97 = 15.46%
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("A ") and labels[-1].startswith("T ")
    assert missing_glyphs(fig) == []


def test_coverage_bars_rejects_bad_tables(house_zh):
    with pytest.raises(ValueError, match="total"):
        coverage_bars(pd.DataFrame({"section": ["A"], "covered": [1]}))
    with pytest.raises(ValueError, match=r"\['A'\]"):
        coverage_bars(pd.DataFrame({"section": ["A"], "covered": [6], "total": [5]}))


def test_line_over_time_sorts_and_groups(house_zh):
    df = pd.DataFrame(
        {
            "year": [2023, 2022, 2022, 2023],
            "conversion_mode": ["transfer", "transfer", "licence", "licence"],
            "converted_value": [3.571e9, 1.2e9, 2e8, 5e8],
        }
    )
    _fig, ax = line_over_time(df, "year", "converted_value", hue="conversion_mode", yuan=True)
    assert ax.get_ylabel() == "落地金额（亿元）"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["许可", "转让"]  # groups in code order: licence, transfer
    assert ax.lines[1].get_ydata().tolist() == [1.2e9, 3.571e9]


def test_empty_input_is_a_clear_error():
    with pytest.raises(ValueError, match="empty"):
        amount_bars({})
    plt.close("all")


@pytest.mark.parametrize("draw", ["bars", "line"])
def test_an_empty_table_is_refused_rather_than_drawn_on_bare_axes(draw):
    # A figure from an empty table used to come out with −0.04…0.04 axes and no data.
    empty = pd.DataFrame({"year": pd.Series(dtype=int), "value": pd.Series(dtype=float)})
    chart = bar_by_category if draw == "bars" else line_over_time
    with pytest.raises(ValueError, match="nothing to draw"):
        chart(empty, "year", "value")
    blank = pd.DataFrame({"year": [2023], "value": [float("nan")]})
    with pytest.raises(ValueError, match="nothing to draw"):
        chart(blank, "year", "value")
