"""Tests for ``python -m analysis compare``: the sample ledger against the seed statistics.

Expected numbers are counted from the sample workbook with pandas (not our loader) or taken
from the seed reports as data/seeds/statistics.csv quotes them.
"""

import pandas as pd
import pytest

from analysis.cli import main

SAMPLE = "data/sample/sample_ledger.xlsx"
SEEDS = "data/seeds/statistics.csv"
SAMPLE_NAME = "示例：某省“科创中国”产学研对接行动（合成数据）"
CSAA = "csaa_low_altitude_2023"


def _raw(sheet):
    return pd.read_excel(SAMPLE, sheet_name=sheet, engine="openpyxl")


@pytest.fixture(scope="module")
def sample_vs_seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("compare") / "compare.csv"
    assert main(["compare", SAMPLE, SEEDS, "--per", "budget", "-o", str(out)]) == 0
    return _read(out)


def _read(path):
    return pd.read_csv(path, encoding="utf-8-sig", dtype={"period": str, "previous_period": str})


def test_sample_and_seeds_align_on_2023(sample_vs_seeds):
    got = sample_vs_seeds
    # The sample spans 2021-2023, the seeds 2019, 2023, 2015-2021 …: only CSAA's 2023 meets
    # the sample's 2023; no span and no other year is set beside them.
    assert set(got["period"]) == {"2023"}
    assert set(got["programme"]) == {SAMPLE_NAME, CSAA}
    assert (got.groupby(["measure", "breakdown"])["programme"].nunique() == 2).all()


def test_numbers_by_hand(sample_vs_seeds):
    got = sample_vs_seeds.set_index(["measure", "programme"])
    events = _raw("活动")
    trips = int(((events["年度"] == 2023) & (events["活动类型"] == "调研")).sum())
    talks = {
        y: int(((events["年度"] == y) & (events["活动类型"] == "座谈")).sum()) for y in (2022, 2023)
    }
    assert trips == 17 and talks == {2022: 12, 2023: 14}  # the counts the expectations use
    assert got.loc[("field_trips", SAMPLE_NAME), "value"] == trips
    budget = _raw("经费")
    planned = float(budget.loc[budget["年度"] == 2023, "预算金额"].sum())
    assert got.loc[("budget_planned", SAMPLE_NAME), "value"] == planned == 2.4e6
    # per 万元 of the same year's budget: 17 ÷ 240 and, for CSAA (3 trips, 20万元), 3 ÷ 20
    assert got.loc[("field_trips", SAMPLE_NAME), "per_unit"] == pytest.approx(17 / 240)
    assert got.loc[("field_trips", CSAA), "per_unit"] == pytest.approx(0.15)
    # growth on the previous year: symposia 14 against 12 → +16.7 %; CSAA has no 2022
    talks_row = got.loc[("symposia", SAMPLE_NAME)]
    assert talks_row["previous_period"] == "2022" and talks_row["change_pct"] == pytest.approx(
        100 * (14 / 12 - 1)
    )
    assert pd.isna(got.loc[("symposia", CSAA), "change_pct"])
    # qualifiers kept: CSAA's 近300人 on site (approx) and 5万余人次 online (at least)
    assert got.loc[("attendees_onsite", CSAA), ["display", "qualifier"]].tolist() == [
        "近300人",
        "approx",
    ]
    assert got.loc[("online_views", CSAA), "display"] == "5万余人次"
    # 近300 ÷ 20 (万元) = 15 persons per 万元, approximate
    assert got.loc[("attendees_onsite", CSAA), ["per_unit", "per_unit_qualifier"]].tolist() == [
        15.0,
        "approx",
    ]
    # two peers: the larger has percentile 100, the smaller 0
    assert got.loc[("field_trips", SAMPLE_NAME), "percentile"] == 100.0
    assert got.loc[("field_trips", CSAA), "percentile"] == 0.0


def test_mean_deal_against_the_national_mean(tmp_path):
    out = tmp_path / "c.csv"
    assert main(["compare", SAMPLE, "--by", "year", "-o", str(out)]) == 0
    got = _read(out)
    row = got[
        (got.measure == "deal_value_mean") & (got.breakdown == "转让") & (got.period == "2023")
    ]
    signings = _raw("签约")
    signed = signings[
        (signings["年度"] == 2023) & (signings["转化方式"] == "转让") & (signings["阶段"] != "意向")
    ]
    mean = signed["合同金额"].mean()  # 282 signed 转让 deals of 2023, mean 489,118.1 元
    assert len(signed) == 282 and row["value"].iloc[0] == pytest.approx(mean)
    # national 2023 转让 mean: 46.1万元 (中国科技成果转化2024年度报告)
    assert row["national_mean"].iloc[0] == 461000
    assert row["vs_national_pct"].iloc[0] == pytest.approx(mean / 461000 * 100)
    assert "年度报告" in row["national_source"].iloc[0]
    # 2021 and 2022 have no national figure by mode: blank
    older = got[
        (got.measure == "deal_value_mean") & (got.breakdown == "转让") & (got.period < "2023")
    ]
    assert len(older) == 2 and older["national_mean"].isna().all()


def test_statistics_written_by_indicators_compare_like_the_ledger(tmp_path):
    stats, a, b = tmp_path / "s.csv", tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["indicators", SAMPLE, "-o", str(stats)]) == 0
    assert main(["compare", SAMPLE, SEEDS, "-o", str(a)]) == 0
    assert main(["compare", str(stats), SEEDS, "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_xlsx_and_wide(tmp_path, capsys):
    book = tmp_path / "c.xlsx"
    assert main(["compare", SAMPLE, SEEDS, "--format", "xlsx", "-o", str(book)]) == 0
    sheet = pd.read_excel(book, sheet_name="对比", engine="openpyxl")
    assert {"项目", "期间", "数量（原文写法）", "同组百分位"} <= set(sheet.columns)
    capsys.readouterr()
    assert main(["compare", SAMPLE, SEEDS, "--wide"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == f"period,measure_zh,breakdown,{SAMPLE_NAME},{CSAA}"
    assert "近300人" in text


def test_nothing_aligned_says_so(tmp_path, capsys):
    a = tmp_path / "a.csv"
    a.write_text(
        "项目,期间,指标代码,数值,来源\n甲,2021,events_held,3,x\n乙,2022,events_held,5,y\n",
        encoding="gb18030",
    )
    assert main(["compare", str(a)]) == 1
    err = capsys.readouterr().err
    assert "--period" in err and "甲: 2021" in err and "乙: 2022" in err


def test_region_needs_ledgers(capsys):
    assert main(["compare", SEEDS, "--by", "region"]) == 2
    assert "no region" in capsys.readouterr().err


def test_user_text_never_becomes_a_formula(tmp_path, capsys):
    a = tmp_path / "a.csv"
    a.write_text(
        "项目,期间,指标代码,数值,来源\n=HYPERLINK(1),2023,events_held,3,x\n乙,2023,events_held,5,y\n",
        encoding="utf-8",
    )
    assert main(["compare", str(a)]) == 0
    assert "'=HYPERLINK(1)" in capsys.readouterr().out


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    assert "examples:" in capsys.readouterr().out


FOREIGN = "tests/data/ledgers/市科协2023年科创中国试点项目台账.xlsx"
LOW_ALTITUDE = "“科创中国”低空经济产学研融合项目"
HUNDRED = "“百校千企”成果转化行动"


def test_two_programmes_of_a_foreign_ledger(tmp_path):
    """A ledger our writer did not make; expectations from its .expected.toml (counted by hand).

    低空: 6 signed deals, 4450万元, events 近465人 (近300 + 20 + 45 + 100多), budget 20万元;
    百校千企: 7 signed deals, 17,750.5万元, 1490人, budget 20万元.
    """
    out = tmp_path / "c.csv"
    assert main(["compare", FOREIGN, "--per", "budget", "-o", str(out)]) == 0
    got = _read(out)
    got = got[got.breakdown.isna()].set_index(["measure", "programme"])
    assert set(got["period"]) == {"2023"}
    assert got.loc[("deals_signed", LOW_ALTITUDE), "value"] == 6
    assert got.loc[("deals_signed", HUNDRED), "value"] == 7
    assert got.loc[("deal_value", LOW_ALTITUDE), "value"] == 4450e4
    assert got.loc[("deal_value", HUNDRED), "value"] == 17750.5e4
    # deals per 万元 of budget: 6 ÷ 20 and 7 ÷ 20
    assert got.loc[("deals_signed", LOW_ALTITUDE), "per_unit"] == pytest.approx(0.3)
    assert got.loc[("deals_signed", HUNDRED), "per_unit"] == pytest.approx(0.35)
    assert got.loc[("deals_signed", HUNDRED), "percentile"] == 100.0
    # 465 with 近300 and 100多 in it: neither a bound nor exact → approx, written 近465人
    assert got.loc[("attendees_onsite", LOW_ALTITUDE), ["value", "display"]].tolist() == [
        465.0,
        "近465人",
    ]


def test_regions_of_a_foreign_ledger(tmp_path):
    # Signed deals by region (expected.toml): 低空 红谷滩区 3, 青云谱区 1, 新建区 1, 南昌县 1;
    # 百校千企 青山湖区 1, 东湖区 1, 经开区 2, 南昌县 1, 高新区 2.
    out = tmp_path / "r.csv"
    # --period: every region's 2023 figures, even those only one "region" reports
    assert main(["compare", FOREIGN, "--by", "region", "--period", "2023", "-o", str(out)]) == 0
    got = _read(out)
    signed = got[(got.measure == "deals_signed") & got.breakdown.isna()]
    signed = signed.set_index("programme")
    # both programmes' regions are pooled: 南昌县 has one deal of each programme
    assert signed.loc["南昌县", "value"] == 2
    assert signed.loc["经开区", "value"] == 2 and signed.loc["东湖区", "value"] == 1
    # pooled: 红谷滩区 3, 南昌县 2, 经开区 2, 高新区 2, 新建区 1, 青云谱区 1, 青山湖区 1, 东湖区 1;
    # 红谷滩区 is the top of 8 → 100; 南昌县 has 4 below and 2 ties → 100 × (4 + 1) ÷ 7
    assert signed.loc["红谷滩区", "percentile"] == 100.0
    assert signed.loc["南昌县", "percentile"] == pytest.approx(500 / 7)
    # events name no region in this ledger: shown as 未写明地区, never ranked
    events = got[(got.measure == "events_held") & got.breakdown.isna()].set_index("programme")
    assert events.loc["未写明地区", "value"] == 8 and pd.isna(
        events.loc["未写明地区", "percentile"]
    )
