"""Tests for analysis.extract.long_table: extracted rows as the statistics long table."""

import pytest

from analysis.errors import UserError
from analysis.extract import extract_statistics
from analysis.extract.long_table import UNCLASSIFIED, period_of, statistics_table
from analysis.schema import STATISTICS


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("某市科协2024年度科技成果转化工作总结", "2024"),
        ("2024年上半年技术转移服务中心工作汇报", "2024"),
        ("“十四五”（2021—2023年）工作总结", "2021-2023"),
        ("关于召开推进会的通知", None),
    ],
)
def test_period_from_the_title(title, period):
    assert period_of(f"\n{title}\n正文2019年……") == period


def test_columns_measures_and_quotes():
    text = "单位：万元\n项目\t年初预算数\n会务费\t2\n另有一家联盟成立。\n"
    table = statistics_table(extract_statistics(text), programme="P", period="2023", source="r")
    assert list(table.columns[: len(STATISTICS.names)]) == list(STATISTICS.names)
    assert table[["measure", "breakdown", "value", "quote"]].values.tolist() == [
        ["budget_planned", "会务费", 20_000.0, "会务费 年初预算数：2"],
    ]
    assert table["location"].tolist() == ["文本表1第2行第2列"]


def test_rows_without_a_measure_are_marked_for_the_analyst():
    table = statistics_table(
        extract_statistics("梳理企业需求460余条。"), programme="P", period="2023", source="r"
    )
    assert table["measure"].tolist() == [UNCLASSIFIED]
    assert table["qualifier"].tolist() == ["at_least"]


def test_no_period_anywhere_is_a_user_error():
    with pytest.raises(UserError, match="--period"):
        statistics_table(
            extract_statistics("共3场"), programme="P", period=None, source="r", text="共3场"
        )
