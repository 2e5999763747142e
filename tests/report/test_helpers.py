"""Tests for analysis.report: scope filters, Chinese tables, source lines, sample counts."""

import shutil

import pandas as pd
import pytest

from analysis import paths
from analysis.errors import UserError
from analysis.load import load_ledger
from analysis.report import (
    in_scope,
    ledger_source,
    ledger_years,
    load_scoped,
    period_years,
    qualifier_counts,
    scoped_ledger,
    section_coverage,
    seed_source,
    wide_table,
    years_text,
)


@pytest.fixture(scope="module")
def sample():
    return load_ledger(paths.SAMPLE_LEDGER)


@pytest.mark.parametrize("text", ["23", "2023-21", "二〇二三", "2023/13/01"])
def test_period_years_rejects_bad_text(text):
    with pytest.raises(UserError, match="period"):
        period_years(text)


def test_in_scope_names_the_programmes_there_are():
    table = pd.DataFrame({"programme": ["B项目", "A项目"], "year": [2023, 2023]})
    with pytest.raises(UserError, match="A项目、B项目"):
        in_scope(table, "C项目")


def test_wide_table_units_in_labels():
    long = pd.DataFrame(
        {
            "year": [2023, 2023, 2023],
            "measure": ["deal_value", "conversion_rate", "cost_per_deal"],
            "value": [2.5e8, 31.84, 2709.45],
        }
    )
    # 2.5e8 yuan = 2.5 亿元 = 25,000 万元; percent and yuan-per-item keep their values.
    table = wide_table(long, "year", money="亿元")
    assert table.to_dict("records") == [
        {"签约金额（亿元）": 2.5, "签约落地率（%）": 31.84, "每签约项目成本（元）": 2709.45}
    ]
    assert wide_table(long, "year").iloc[0, 0] == 25000.0
    with pytest.raises(ValueError, match="money"):
        wide_table(long, "year", money="千元")


def test_sources_say_synthetic_only_for_the_sample(tmp_path):
    assert "合成数据" in ledger_source(paths.SAMPLE_LEDGER)
    own = ledger_source(tmp_path / "台账2023.xlsx")
    assert own == "工作台账 台账2023.xlsx"
    assert str(tmp_path) not in own


def test_seed_source_names_programme_and_organiser():
    # data/seeds/programmes.csv: CSAA row, organiser 中国航空学会（承办）.
    text = seed_source("csaa_low_altitude_2023")
    assert "低空数字经济产学融合会议" in text and "中国航空学会" in text and "2023" in text
    with pytest.raises(UserError):
        seed_source("no_such_programme")


def test_years_text_and_sample_years(sample):
    # data/sample/README.md: events and deals 2021–2023.
    assert ledger_years(sample) == [2021, 2022, 2023]
    assert years_text(ledger_years(sample)) == "2021–2023年"


def test_section_coverage_of_the_sample(sample):
    from analysis.indicators import fiveg_coverage

    table = section_coverage(fiveg_coverage(sample, by=("section",)))
    # GB/T 4754-2017: 20 sections, 97 divisions, 31 in manufacturing (C).
    assert len(table) == 20
    assert table["total"].sum() == 97
    assert table.set_index("section").loc["C", "total"] == 31
    # data/sample/README.md: the 300 cases cover 60 of the 97 divisions.
    assert table["covered"].sum() == 60
    assert (table["covered"] <= table["total"]).all()


def test_qualifier_counts_of_the_sample(sample):
    counts = qualifier_counts(sample)
    # data/sample/README.md lists the typed texts: 近300人, 约1000人, 近3万人次 (approx) and
    # 500多人, 200余人, 5万余人次, 超10万人次 (at least) in 活动; 近500万元 (approx) in 签约.
    assert counts.loc["活动", "约数"] == 3
    assert counts.loc["活动", "下限"] == 4
    assert counts.loc["签约", "约数"] == 1
    assert counts.loc["签约", "下限"] == 0


def test_scoped_ledger_keeps_one_year_and_its_conversions(sample):
    scoped = scoped_ledger(sample, period="2023")
    year = pd.to_numeric(sample.signings["year"], errors="coerce")
    assert len(scoped.signings) == int((year == 2023).sum())
    assert set(scoped.signings["year"]) == {2023}
    kept = set(scoped.signings["signing_id"])
    assert set(scoped.conversions["signing_id"]) <= kept
    expected = sample.conversions["signing_id"].isin(kept).sum()
    assert len(scoped.conversions) == expected
    # The sample programme's budget has five phases a year (data/sample/README.md).
    assert len(scoped.budget) == 5
    assert scoped_ledger(sample) is sample


def test_load_scoped_loads_scopes_and_names_the_source(tmp_path):
    # data/sample/README.md: 15 budget lines, five phases a year 2021–2023; the programme is
    # 示例：某省“科创中国”产学研对接行动（合成数据）.
    everything, source = load_scoped(paths.SAMPLE_LEDGER)
    assert len(everything.budget) == 15
    assert source == "示例工作台账 sample_ledger.xlsx（合成数据，非真实项目）"
    one_year, _ = load_scoped(paths.SAMPLE_LEDGER, period="2023")
    assert one_year.budget["year"].tolist() == [2023] * 5
    own = tmp_path / "2023台账.xlsx"
    shutil.copyfile(paths.SAMPLE_LEDGER, own)
    name = "示例：某省“科创中国”产学研对接行动（合成数据）"
    ledger, source = load_scoped(own, name, "2022-2023")
    assert source == f"{name} 工作台账 2023台账.xlsx"
    assert ledger.budget["year"].tolist() == [2022] * 5 + [2023] * 5
    with pytest.raises(UserError, match="C项目"):
        load_scoped(own, "C项目")
