"""Rows of published 自评表 (as issue 16 reports them) re-scored to their published points."""

import pytest

from analysis.assessment import evaluate, score_indicator

# (target, actual, weight, published points, source)
PUBLISHED = [
    # issue 16: "5" typed against "≥5万元" means 5万元 and was published with 10 points.
    ("≥5万元", "5", 10, 10.0, "issue 16, county 自评表"),
    # issue 16: lengths once refused as unknown units; met targets score full points.
    ("≥266米", "266米", 10, 10.0, "issue 16, county 自评表"),
    ("≥50厘米", "50厘米", 10, 10.0, "issue 16, county 自评表"),
    # issue 16: a deadline row answered with the budget system's phrase, published full.
    ("2023年12月31日前", "达成预期指标", 10, 10.0, "issue 16, county 自评表"),
    # issue 16: "≤50万" read as ≥ gave 5.52 (= 10 × 27.6 ÷ 50); under ≤ it is met: 10.
    ("≤50万元", "27.6", 10, 10.0, "issue 16, budget-system export"),
]


@pytest.mark.parametrize(("target", "actual", "weight", "points", "source"), PUBLISHED)
def test_published_rows(target, actual, weight, points, source):
    assert score_indicator(target, actual, weight) == points, source


@pytest.mark.parametrize(
    ("target", "actual", "points"),
    [
        # Direction words and full-width signs (hand-worked: all met, or 10 × a ÷ t).
        ("＞＝９０％", "95", 10.0),
        ("不低于90%", "百分之九十五", 10.0),
        ("不少于10家", "8", 8.0),  # 10 × 8 ÷ 10
        ("大于等于5万元", "4", 8.0),  # 4万元: 10 × 4 ÷ 5
        ("不高于20万元", "25", 8.0),  # ratio 10 × 20 ÷ 25
        ("不超过 20 万元", "18.5万元", 10.0),
        ("≤10个工作日", "8", 10.0),  # an unknown unit compared with itself
        ("≥10家企业", "8家", 8.0),  # a count word before a noun counts as the word (家)
        ("≥3孔窑洞", "2孔窑洞", 6.67),  # an unknown word compared with itself: 10 × 2 ÷ 3
        # Conversions within one dimension.
        ("≥100亩", "6.67公顷", 10.0),  # 66700 m² ≥ 66666.67 m²
        ("≥2公里", "1500米", 7.5),  # 10 × 1500 ÷ 2000
        ("≥1年", "6个月", 5.0),
        ("≥30小时", "1天", 8.0),  # 10 × 24 ÷ 30
        ("≥100吨", "0.12万吨", 10.0),
        # Phrases on qualitative and deadline rows.
        ("11月底前", "按期完成", 10.0),
        ("11月底前", "如期完成", 10.0),
        ("11月底前", "未按期完成", 0.0),
        ("服务能力明显提升", "部分完成", 8.0),  # top of the 60–80% band
        ("服务能力明显提升", "基本完成", 8.0),
        ("服务能力明显提升", "全部完成", 10.0),
        ("达到预期", "达到预期", 10.0),
        ("服务及时", "不及时", 6.0),  # not met, top of the 0–60% band
        ("服务质量", "一般", 8.0),  # partly
        # Words before the sign, and ranges (met from the lower bound).
        ("满意度≥90%", "95", 10.0),
        ("参训人数不少于300人", "280人", 9.33),  # 10 × 280 ÷ 300
        ("90%-100%", "85%", 9.44),  # 10 × 85 ÷ 90
        ("2—3万元", "2.5", 10.0),
        # Words before the actual's number.
        ("≥90%", "完成95%", 10.0),
        ("≥500人次", "实际培训480人次", 9.6),
        ("≥3次", "已完成3次", 10.0),
        # Dates as targets, the sign in a column of its own.
        ("2023年12月", "2023年11月", 10.0),
        ("2023年12月", "2024年1月", 0.0),
        ("2023-12-31前", "2023-12-20", 10.0),
        ("2023.12.31", "2023年12月31日", 10.0),
    ],
)
def test_written_variants(target, actual, points):
    assert score_indicator(target, actual, 10) == points


def test_bare_actual_says_it_took_the_target_unit():
    scored = evaluate("≥5万元", "5", 10)
    assert scored.actual.unit_from_target and scored.actual.text == "5万元"
    assert scored.actual.value == 50000.0
