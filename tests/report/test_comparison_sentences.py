"""Tests for analysis.report.comparison_sentences: numbers in the sentences come from the rows."""

import pandas as pd

from analysis.report.comparison_sentences import growth_sentence, national_sentence, peer_sentence


def test_growth_without_previous_year():
    rows = pd.DataFrame({"period": ["2021"], "change_pct": [float("nan")]})
    assert growth_sentence(rows) == "没有上一年的数字可比，增长率从略。"


def test_peer_sentence_ties_and_bounds():
    rows = pd.DataFrame(
        {
            "programme": ["甲", "乙"],
            "period": "2023",
            "measure_zh": "签约项目数",
            "value": [5.0, 5.0],
            "display": ["5个", "5个"],
            "percentile": [50.0, 50.0],
            "percentile_qualifier": "exact",
        }
    )
    assert peer_sentence(rows) == "2023年签约项目数：2个项目相同（5个）。"
    rows = rows.assign(value=[8.0, 5.0], display=["8余个", "5个"], percentile=[100.0, 0.0])
    rows["percentile_qualifier"] = "approx"
    assert "百分位约100" in peer_sentence(rows) and "乙最低" in peer_sentence(rows)
    assert peer_sentence(rows.iloc[:1]) == "可比的项目不足两个，百分位从略。"


def test_national_sentence_keeps_qualifiers():
    rows = pd.DataFrame(
        {
            "period": ["2023"],
            "breakdown": ["许可"],
            "value": [722650.3],
            "qualifier": ["approx"],
            "deals": [151.0],
            "national_mean": [635000.0],
            "vs_national_pct": [113.8],
            "vs_national_pct_qualifier": ["approx"],
        }
    )
    # 722,650.3 元 = 72.27万元 (近, approximate); 113.8 % rounds to 114
    assert national_sentence(rows) == (
        "2023年平均每项合同金额：许可近72.27万元（151项），为全国高校院所均值63.5万元的约114%。"
    )
    assert "从略" in national_sentence(rows.iloc[:0])
