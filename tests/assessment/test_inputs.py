"""Tests for analysis.assessment.inputs: reading targets, programmes and statistics CSV files."""

import pytest

from analysis.assessment.inputs import read_csv_table, read_programme_info, read_statistics
from analysis.errors import UserError


def test_chinese_headers_in_gb18030(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "序号,项目名称,一级指标,二级指标,三级指标,目标值,权重,数据来源,完成值,偏差原因\n"
        "1,P,产出指标,数量指标,场次,≥1次,90,,1次,\n",
        encoding="gb18030",
    )
    frame = read_csv_table(path, "targets")
    assert frame.loc[0, "target"] == "≥1次"  # alias 目标值 → target
    assert frame.loc[0, "weight"] == "90"  # alias 权重 → weight
    assert frame.loc[0, "actual"] == "1次"  # alias 完成值 → actual


def test_missing_required_column_is_named(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("指标编号,项目名称,一级指标,二级指标,三级指标,分值\n", encoding="utf-8")
    with pytest.raises(UserError, match="年度指标值（target）"):
        read_csv_table(path, "targets")


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="找不到文件"):
        read_csv_table(tmp_path / "none.csv", "targets")


def test_statistics_value_not_a_number_names_the_line(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "programme,period,measure,value,source\nP,2023,symposia,2,x\nP,2023,field_trips,三,x\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="第 3 行：数值“三”不是数字"):
        read_statistics(path)


def test_programme_info(tmp_path):
    path = tmp_path / "programmes.csv"
    path.write_text(
        "项目名称,主管部门,年度,年初预算数,全年预算数\nP,某局,2023,180000,200000\nQ,,,,\n",
        encoding="utf-8-sig",
    )
    info = read_programme_info(path, "P")
    assert info == {
        "programme": "P",
        "department": "某局",
        "year": 2023.0,
        "budget_initial": 180000.0,
        "budget_full_year": 200000.0,
    }
    assert read_programme_info(path, "Q") == {"programme": "Q"}
    assert read_programme_info(path, "R") == {}
