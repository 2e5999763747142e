"""Tests for analysis.assessment.target_sheet: budget-system target exports read as typed."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.assessment import Rules, assess
from analysis.assessment.rules import EXECUTION_CAPS, preset
from analysis.assessment.target_sheet import read_target_sheet
from analysis.errors import UserError

DATA = Path(__file__).parents[1] / "data" / "targets"
XLSX = DATA / "预算系统绩效目标表.xlsx"
CSV = DATA / "预算系统绩效目标表.csv"
XLS = DATA / "预算系统绩效目标表.xls"  # the xlsx saved by LibreOffice as Excel 97–2003
# 全年预算数 50万元, 全年执行数 37.5万元 (tests/data/targets/README.md).
BUDGET = {"budget_full_year": 500000.0, "budget_spent": 375000.0, "year": 2023}


def _scored(path, rules=None):
    table = read_target_sheet(path).table.assign(programme="某县科技成果转化服务项目")
    return assess(None, table, rules, info=BUDGET)


@pytest.mark.parametrize("path", [XLSX, CSV, XLS])
def test_export_is_read_with_levels_signs_and_units(path):
    table = read_target_sheet(path).table
    assert len(table) == 9  # the 合计 row and the title rows are not indicators
    assert list(table["level1"]) == ["产出指标"] * 6 + ["效益指标"] * 2 + ["满意度指标"]
    assert list(table["level2"][:3]) == ["数量指标"] * 3
    assert list(table["target"]) == [
        "≥5场",
        "≥500人次",
        "≥100亩",
        "≥95%",
        "2023年12月31日前",
        "≤20万元",
        "≥5万元",
        "≥100万元",
        "≥90%",  # 度量单位 "百分比"
    ]
    assert list(table["direction"][:6]) == ["ge", "ge", "ge", "ge", "le", "le"]
    assert table.loc[6, "actual"] == "5"


def test_filled_levels_are_said():
    xlsx_notes = read_target_sheet(XLSX).notes
    assert any("合并单元格" in n and "B4:B9" in n for n in xlsx_notes)
    csv_notes = read_target_sheet(CSV).notes
    assert "预算系统绩效目标表.csv，第3行：一级指标为空，沿用上一行“产出指标”" in csv_notes[0]
    # Blank 一级: rows 2–6 and 8 of the table (6); blank 二级: rows 2, 3 and 8 (3).
    assert len(csv_notes) == 9


@pytest.mark.parametrize("path", [XLSX, CSV, XLS])
def test_hand_worked_totals(path):
    # Working in tests/data/targets/README.md.
    central = _scored(path)
    assert list(central.rows["points"]) == [10, 9.6, 10, 10, 10, 8, 10, 10, 10]
    assert central.budget.points == 7.5
    assert (central.total, central.grade) == (95.1, "优")
    deduct = _scored(path, Rules(over_target="deduct"))
    assert deduct.rows["points"].iloc[7] == 8.0
    assert (deduct.total, deduct.grade) == (93.1, "优")
    capped = _scored(path, Rules(execution_caps=EXECUTION_CAPS))
    assert (capped.total, capped.grade) == (89.0, "良")
    assert "execution_cap" in set(capped.flags["flag"])
    assert _scored(path, preset("platform-2022")).total == 89.0


def test_flags_of_the_export():
    flags = _scored(XLSX).flags
    by_row = flags.groupby("indicator_id")["flag"].apply(set)
    assert "units_loose" in by_row["2"]
    assert "phrase" in by_row["5"]
    assert "unit_from_target" in by_row["7"]
    assert "target_low" in by_row["8"]
    assert "budget_initial_missing" in by_row["budget"]
    assert {"header_missing"} == by_row["header"]


def test_english_headers_and_a_bad_sign(tmp_path):
    file = tmp_path / "targets.csv"
    file.write_text(
        "No,Level1,Level2,Level3,Sign,Target,Unit,Weight,Actual\n"
        "1,产出指标,数量指标,Length of road,>=,266,米,45,270\n"
        "2,,,Cost,≤,50,万元,45,27.6\n",
        encoding="utf-8",
    )
    table = read_target_sheet(file).table
    assert list(table["target"]) == ["≥266米", "≤50万元"]
    # issue 16: a ≤50万 cost target read as ≥ scored 5.52; with the sign column it is 10.
    result = assess(None, table.assign(programme="P"))
    assert list(result.rows["points"]) == [45.0, 45.0]
    file.write_text(
        "Level1,Level2,Level3,Sign,Target,Weight\n产出指标,数量指标,道路长度,约,266,90\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match=r"targets\.csv，第2行“指标方向”列：“约”不是方向"):
        read_target_sheet(file)


def test_xlsx_named_csv_is_read_by_content(tmp_path):
    misnamed = tmp_path / "targets.csv"
    misnamed.write_bytes(XLSX.read_bytes())
    assert len(read_target_sheet(misnamed).table) == 9


def test_no_header_row_is_a_clear_error(tmp_path):
    file = tmp_path / "x.csv"
    file.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UserError, match="找不到绩效目标表的表头"):
        read_target_sheet(file)


def test_blank_first_level_cannot_be_filled(tmp_path):
    file = tmp_path / "t.csv"
    pd.DataFrame(
        {
            "一级指标": [""],
            "二级指标": ["数量指标"],
            "三级指标": ["x"],
            "指标值": ["≥1次"],
            "分值": [90],
        }
    ).to_csv(file, index=False)
    with pytest.raises(UserError, match="第2行“一级指标”列：为空"):
        read_target_sheet(file)


@pytest.mark.parametrize("name", ["csaa_low_altitude_2023", "changzhou_518_2019"])
def test_our_own_targets_read_as_the_loader_reads_them(name):
    # The seed targets (direction codes ge/qualitative, measure codes, notes) give the same
    # scores through this reader as through analysis.load.load_table.
    from analysis import paths
    from analysis.load import load_statistics, load_table

    file = paths.DATA / "seeds" / "targets" / f"{name}.csv"
    stats = load_statistics(paths.DATA / "seeds" / "statistics.csv")
    ours = assess(stats, read_target_sheet(file).table)
    loaders = assess(stats, load_table(file, "targets"))
    assert ours.total == loaders.total
    assert list(ours.rows["points"]) == list(loaders.rows["points"])
    assert list(ours.rows["direction"]) == list(loaders.rows["direction"])


def test_duplicate_ids_are_an_error(tmp_path):
    file = tmp_path / "t.csv"
    file.write_text(
        "序号,一级指标,二级指标,三级指标,指标值,分值\n1,产出指标,数量指标,a,≥1次,45\n"
        "1,产出指标,数量指标,b,≥1次,45\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="指标编号“1”重复"):
        read_target_sheet(file)


def test_html_saved_as_xls_is_named(tmp_path):
    # Business systems often export an HTML table with an .xls name.
    file = tmp_path / "绩效目标表.xls"
    file.write_text("<html><table><tr><td>三级指标</td></tr></table></html>", encoding="utf-8")
    with pytest.raises(UserError, match="是网页"):
        read_target_sheet(file)
