"""Tests for analysis.assessment.inputs and the targets/programmes/statistics files it gets."""

import pytest

from analysis.assessment.inputs import programme_info
from analysis.errors import UserError
from analysis.load import LedgerError, load_statistics, load_table


def test_chinese_headers_in_gb18030(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "序号,项目名称,一级指标,二级指标,三级指标,目标值,权重,数据来源,完成值,偏差原因\n"
        "1,P,产出指标,数量指标,场次,≥1次,90,,1次,\n",
        encoding="gb18030",
    )
    frame = load_table(path, "targets")
    assert frame.loc[0, "target"] == "≥1次"  # alias 目标值 → target
    assert frame.loc[0, "weight"] == 90.0  # alias 权重 → weight, read as a number
    assert frame.loc[0, "actual"] == "1次"  # alias 完成值 → actual


def test_missing_required_column_is_named(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("指标编号,项目名称,一级指标,二级指标,三级指标,分值\n1,P,产出,数量,场次,90\n")
    with pytest.raises(LedgerError, match="缺少必填列“年度指标值”"):
        load_table(path, "targets")


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="找不到文件"):
        load_table(tmp_path / "none.csv", "targets")


def test_statistics_value_not_a_number_names_the_line(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        "programme,period,measure,value,source\nP,2023,symposia,2,x\nP,2023,field_trips,若干,x\n",
        encoding="utf-8",
    )
    with pytest.raises(LedgerError) as caught:
        load_statistics(path)
    [problem] = caught.value.report.rejections
    assert (problem.row, problem.column, problem.value) == (3, "value", "若干")


def test_programme_info_from_a_programmes_file(tmp_path):
    path = tmp_path / "programmes.csv"
    path.write_text(
        "项目名称,主管部门,年度,年初预算数,全年预算数\nP,某局,2023,18万,200000\nQ,,,,\n",
        encoding="utf-8-sig",
    )
    table = load_table(path, "programmes")
    assert programme_info(table, "P") == {
        "programme": "P",
        "department": "某局",
        "year": 2023,
        "budget_initial": 180000.0,  # 18万 read as 180,000 yuan
        "budget_initial_qualifier": "exact",
        "budget_full_year": 200000.0,
        "budget_full_year_qualifier": "exact",
    }
    assert programme_info(table, "Q") == {"programme": "Q"}
    assert programme_info(table, "R") == {}
