"""Tests for analysis.reference: bundled GB/T 4754-2017 divisions and MIIT milestones."""

import pytest

from analysis.errors import UserError
from analysis.reference import divisions, miit_5g_milestones


def test_divisions_shape():
    d = divisions()
    # GB/T 4754-2017: 97 two-digit divisions in 20 sections A–T; manufacturing C has 31 (13–43)
    assert len(d) == 97 and d["division_code"].is_unique
    assert d["section_code"].nunique() == 20
    assert (d["section_code"] == "C").sum() == 31
    assert d["division_code"].iloc[-1] == "97"


def test_divisions_is_a_copy():
    # the table is cached; a caller editing its copy must not change what the next caller gets
    first = divisions()
    first.loc[0, "division_name"] = "changed"
    assert divisions().loc[0, "division_name"] == "农业"


def test_miit_milestones_match_the_domain_brief():
    m = miit_5g_milestones()
    # shared/domain.md: 40 of 97 (mid-2022), 67 (Sep 2023), 74 (Jun 2024), 91 (Nov 2025)
    assert m["divisions_covered"].tolist() == [40, 67, 74, 91]
    assert m["date"].dt.strftime("%Y-%m").tolist() == ["2022-06", "2023-09", "2024-06", "2025-11"]
    assert m["coverage"].iloc[0] == pytest.approx(4000 / 97)
    assert m["source"].str.len().min() > 0


def test_missing_reference_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="参考表"):
        miit_5g_milestones(tmp_path / "none.csv")


def test_national_conversion_matches_the_domain_brief():
    from analysis.reference import national_conversion

    n = national_conversion()
    by_mode = n[n.data_year == 2023].set_index("mode")
    # shared/domain.md: 转让 23,006 items 106.1亿元 mean 46.1万; 许可 14,263, 90.6亿, 63.5万;
    # 作价投资 472, 44.6亿, 946.0万; the three together 37,741 items, 241.3亿元
    assert by_mode.loc[["transfer", "licence", "equity"], "contracts"].tolist() == [
        23006,
        14263,
        472,
    ]
    assert by_mode.loc["transfer", "contract_value_yuan"] == 106.1e8
    assert by_mode.loc["equity", "mean_value_yuan"] == 946.0e4
    three = by_mode.loc[["transfer", "licence", "equity"]]
    assert three["contracts"].sum() == by_mode.loc["three_modes", "contracts"] == 37741
    assert three["contract_value_yuan"].sum() == pytest.approx(241.3e8)
    # each published mean agrees with value ÷ contracts to the report's rounding (0.1亿元 totals)
    ratio = three["contract_value_yuan"] / three["contracts"]
    assert (abs(ratio - three["mean_value_yuan"]) / three["mean_value_yuan"] < 0.002).all()
    assert n["source"].str.len().min() > 0 and n["report"].str.contains("年度报告").all()
