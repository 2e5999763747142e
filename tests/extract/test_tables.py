"""Tests for analysis.extract.tables: tables found in text and their cells read at their unit."""

from __future__ import annotations

import pytest

from analysis.extract import extract_statistics
from analysis.extract.tables import find_text_tables, label_unit, layout, read_bare


def cells(text: str) -> list[list[str]]:
    (table,) = find_text_tables(text)
    return [[text[c.start : c.end] for c in row] for row in table.rows]


def rows(text: str) -> list[tuple]:
    df = extract_statistics(text)
    return [
        (r.quantity_text, r.value, None if r.unit in ("", "nan") or r.unit != r.unit else r.unit)
        for r in df.itertuples()
    ]


@pytest.mark.parametrize(
    "text",
    [
        "科目\t预算（万元）\n会务\t2\n",
        "科目        预算（万元）\n会务        2\n",
        "| 科目 | 预算（万元） |\n| --- | --- |\n| 会务 | 2 |\n",
        "　　科目\u3000预算（万元）\n　　会务\u30002\n",
    ],
    ids=["tabs", "spaces", "pipes", "ideographic-spaces"],
)
def test_every_text_layout_gives_the_same_cells(text):
    assert cells(text) == [["科目", "预算（万元）"], ["会务", "2"]]


def test_an_empty_tab_cell_keeps_its_column():
    assert cells("一级\t二级\t三级\n产出\t数量\t3场\n\t质量\t90%\n")[2] == ["", "质量", "90%"]


@pytest.mark.parametrize(
    "text",
    [
        "共举办活动3场，签约35项。\n近300人参加。\n",  # sentences
        "记者  王芳\n",  # one line with a wide space
        "联系人：张老师  电话：13812345678\n地址：科技路18号  邮编：330000\n",  # no numbers read
    ],
)
def test_prose_is_not_read_as_a_table_of_bare_numbers(text):
    assert all(u is not None for _, _, u in rows(text))


def test_header_units_scale_by_the_quantity_rules_and_yuan_is_never_rescaled():
    # 单位 in the header: 万元 multiplies by 10,000; 元 is kept as printed.
    text = "科目\t预算（万元）\t支出（元）\t执行率(%)\n会务\t85.00\t3,724,055.00\t96.85\n"
    assert rows(text) == [
        ("85.00", 850_000.0, "yuan"),
        ("3,724,055.00", 3_724_055.0, "yuan"),
        ("96.85", 96.85, "percent"),
    ]


def test_a_caption_unit_holds_for_money_columns_only():
    text = (
        "（金额单位：万元）\n"
        "科目\t年初预算数\t全年执行数\t执行率\t得分\n"
        "合计\t115\t108.95\t94.74\t9.47\n"
    )
    assert rows(text) == [
        ("115", 1_150_000.0, "yuan"),
        ("108.95", 1_089_500.0, "yuan"),
        ("94.74", 94.74, "percent"),  # a rate column without a unit is in percent
        ("9.47", 9.47, None),  # a score has no unit
    ]


def test_a_money_column_without_unit_takes_that_of_another_money_column():
    # The header of the issue: 年初预算数（万元）| 全年执行数 | 执行率(%)
    lay = layout(
        [["项目", "年初预算数（万元）", "全年执行数", "执行率(%)"], ["合计", "1", "2", "3"]]
    )
    assert lay.units == ("", "万元", "万元", "%")


def test_row_labels_give_the_unit_when_the_header_has_years():
    text = "| 指标 | 2021年 | 2022年 |\n| --- | --- | --- |\n| 培训（人次） | 3,200 | 4,150 |\n"
    assert rows(text) == [("3,200", 3200.0, "person_time"), ("4,150", 4150.0, "person_time")]


def test_row_numbers_years_and_phones_are_left_out():
    text = (
        "序号\t单位\t年份\t电话\t人数（人）\n1\t甲\t2023\t88886666\t12\n2\t乙\t2024\t88887777\t30\n"
    )
    assert rows(text) == [("12", 12.0, "person"), ("30", 30.0, "person")]


def test_cells_with_words_are_read_as_sentences_and_keep_qualifiers():
    text = (
        "三级指标\t年度指标值\t实际完成值\n参会人数\t≥300人\t近300人\n服务企业\t50家以上\t十余家\n"
    )
    df = extract_statistics(text)
    assert df[["quantity_text", "value", "qualifier"]].values.tolist() == [
        ["≥300人", 300.0, "at_least"],
        ["近300人", 300.0, "approx"],
        ["50家以上", 50.0, "at_least"],
        ["十余家", 10.0, "at_least"],
    ]
    assert df["location"].tolist()[0] == "文本表1第2行第2列"


def test_budget_rows_get_measures_and_breakdowns():
    text = "单位：万元\n项目\t年初预算数\t全年执行数\n会务费\t2\t1.5\n合计\t2\t1.5\n"
    df = extract_statistics(text)
    assert df[["measure", "breakdown", "value"]].values.tolist() == [
        ["budget_planned", "会务费", 20_000.0],
        ["budget_spent", "会务费", 15_000.0],
        ["budget_planned", "", 20_000.0],  # 合计 is the total: no breakdown
        ["budget_spent", "", 15_000.0],
    ]


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("预算数（万元）", "万元"),
        ("执行率(%)", "%"),
        ("金额单位：元", "元"),
        ("人数/人", "人"),
        ("年度", ""),
    ],
)
def test_label_unit(label, unit):
    assert label_unit(label) == unit


def test_read_bare_refuses_what_is_no_statistic():
    assert read_bare("2023", "") is None  # a year
    assert read_bare("13812345678", "") is None  # a phone number
    assert read_bare("—", "万元") is None
    assert read_bare("２０", "项").value == 20.0  # full-width digits


def test_a_header_that_names_a_count_gives_its_unit():
    text = "活动\t场次\t参与人数\t企业数\t得分\n对接会\t3\t300\t25\t9.5\n"
    assert rows(text) == [
        ("3", 3.0, "event"),
        ("300", 300.0, "person"),
        ("25", 25.0, "organization"),
        ("9.5", 9.5, None),
    ]
