"""The loader's rules for ledgers it did not make: each rule on a small workbook of its own.

The workbooks are written here cell by cell, as an analyst would type them; every expected
number is worked out in the comment beside it.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.cli import main
from analysis.load import load_ledger

DEAL_HEADER = ["序号", "项目名称", "转化方式", "合同金额（万元）", "签约时间", "状态"]


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _deals(*rows: list[object]) -> list[list[object]]:
    return [DEAL_HEADER, *rows]


def test_a_deal_sheet_named_otherwise_is_read_by_its_headers(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {"Sheet1": _deals([1, "光伏封装", "技术转让", 120, "2023-03-05", "已签约"])},
    )
    ledger = load_ledger(path)
    assert len(ledger.signings) == 1
    assert any("工作表“Sheet1”按表头读作“签约”表" in w for w in ledger.report.warnings)


def test_a_sheet_matching_no_table_names_the_nearest(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "签约": _deals([1, "光伏封装", "技术转让", 120, "2023-03-05", "已签约"]),
            # Two 活动 headers only: too few to be sure, so it is named, not read.
            "我的活动": [["活动名称", "举办时间", "地点"], ["路演", "2023-05-06", "南昌"]],
        },
    )
    warnings = load_ledger(path).report.warnings
    assert any("只有 2 列与最接近的“活动”表相符" in w for w in warnings), warnings


def test_an_unknown_header_gets_a_did_you_mean(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "签约": [
                ["项目名称", "转化方式", "合同金额", "签约时刻", "状态"],
                ["a", "转让", 1, "2023-1-1", "签约"],
            ]
        },
    )
    warnings = load_ledger(path).report.warnings
    assert any("未知列“签约时刻”" in w and "是“签约日期”吗" in w for w in warnings), warnings


def test_sheet_unit_above_the_header_scales_bare_numbers(tmp_path):
    path = _workbook(
        tmp_path / "经费台账.xlsx",
        {
            "经费使用情况": [
                ["经费使用情况（单位：万元）"],
                ["序号", "支出科目", "预算数", "实际支出"],
                [1, "会议费", 5, 4.6],
                [2, "培训费", "3万元", "2.85"],  # its own unit: 3万元 = 30,000 yuan
            ]
        },
    )
    budget = load_ledger(path).budget
    # 5万 + 3万 = 80,000 yuan planned; 4.6万 + 2.85万 = 74,500 yuan spent.
    assert budget["planned"].sum() == pytest.approx(80_000)
    assert budget["spent"].sum() == pytest.approx(74_500)


def test_doubtful_amounts_are_flagged_with_their_rows(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "签约": _deals(
                [1, "a", "转让", 120, "2023-03-05", "签约"],
                [2, "b", "许可", "200亿元", "2023-03-06", "签约"],  # row 3: a deal above 100亿元
            ),
            "经费": [
                ["支出科目", "预算数（万元）"],
                ["会议费", 5],
                ["培训费", 3],
                ["宣传费", 20000],  # row 4: 2亿 beside lines of 3-5万: typed in 元?
            ],
        },
    )
    warnings = load_ledger(path).report.warnings
    assert any("第 3 行单项超过100亿元" in w for w in warnings), warnings
    assert any("第 4 行比其他行大上千倍" in w for w in warnings), warnings


def test_mapping_file_renames_sheets_headers_and_values(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "我的台账": [
                ["项目名称", "方式", "合同金额（万元）", "签订时刻", "状态"],
                ["a", "产业化", 120, "2023-03-05", "签约"],
            ]
        },
    )
    mapping = tmp_path / "映射.csv"
    mapping.write_text(
        "类型,表,原文,改为,列\n工作表,,我的台账,签约,\n表头,签约,签订时刻,签约日期,\n"
        "取值,签约,产业化,自行投资实施,转化方式\n",
        encoding="gb18030",
    )
    ledger = load_ledger(path, mapping=mapping)
    assert ledger.report.ok, ledger.report.problems()
    row = ledger.signings.iloc[0]
    assert (row["mode"], str(row["date"].date()), row["value"]) == (
        "self_implementation",
        "2023-03-05",
        1_200_000.0,
    )
    assert main(["validate", str(path), "--map", str(mapping)]) == 0
    # Without the mapping, 产业化 is no mode: the row is rejected and validate says so.
    assert main(["validate", str(path)]) == 1
    out = tmp_path / "indicators.csv"
    assert main(["indicators", str(path), "--map", str(mapping), "-o", str(out)]) == 0
    table = pd.read_csv(out, encoding="utf-8-sig")
    signed = table[(table["measure"] == "deals_signed") & (table["breakdown"] == "自行投资实施")]
    assert signed["value"].tolist() == [1.0]


def test_programme_from_the_only_row_of_project_info(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "项目信息": [["项目名称", "主管部门"], ["东湖区成果转化行动", "东湖区科协"]],
            "签约": _deals([1, "光伏封装", "技术转让", 120, "2023-03-05", "已签约"]),
        },
    )
    ledger = load_ledger(path, programme="别的名字")
    # 项目名称 on the deal sheet is the deal's title; the programme is 项目信息's.
    assert ledger.signings.loc[0, "title"] == "光伏封装"
    assert ledger.signings.loc[0, "programme"] == "东湖区成果转化行动"
    assert ledger.report.programme_source.startswith("东湖区成果转化行动（来自项目信息表")


def test_programme_from_the_argument_then_a_title_then_the_file_name(tmp_path):
    deals = _deals([1, "光伏封装", "技术转让", 120, "2023-03-05", "已签约"])
    titled = [["2023年西湖区“科创中国”技术交易台账"], *deals]
    path = _workbook(tmp_path / "西湖区台账.xlsx", {"签约": titled})
    assert load_ledger(path, programme="P").signings.loc[0, "programme"] == "P"
    assert load_ledger(path).signings.loc[0, "programme"] == "2023年西湖区“科创中国”技术交易"
    plain = _workbook(tmp_path / "湾里区科协2023年对接台账.xlsx", {"签约": deals})
    ledger = load_ledger(plain)
    assert ledger.signings.loc[0, "programme"] == "湾里区科协2023年对接"
    assert "文件名" in ledger.report.programme_source


def test_two_programmes_and_rows_that_name_none_are_refused(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "项目信息": [["项目名称"], ["甲项目"], ["乙项目"]],
            "签约": _deals([1, "光伏封装", "技术转让", 120, "2023-03-05", "已签约"]),
        },
    )
    report = load_ledger(path).report
    # Mixing two programmes' deals would be a silently wrong number: the table is refused.
    assert [(r.table, r.row, r.column) for r in report.rejections] == [
        ("signings", None, "所属项目")
    ]
    assert "每行须注明所属项目" in report.programme_source


def test_a_landed_deal_without_a_date_is_a_conversion_of_unknown_date(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "签约": [
                [*DEAL_HEADER, "到位金额（万元）"],
                [1, "a", "转让", 120, "2023-03-05", "已落地", 90],  # landed 90万 of 120万
                [2, "b", "许可", 50, "2023-04-01", "已转化", None],  # landed: its 50万
                [3, "c", "许可", 70, "2023-04-02", "已签约", None],
            ]
        },
    )
    ledger = load_ledger(path)
    conversions = ledger.conversions
    assert conversions["signing_id"].tolist() == ["行2", "行3"]
    assert conversions["value"].tolist() == [900_000.0, 500_000.0]
    assert conversions["date"].isna().all()
    assert any("2 项没有落地日期" in w for w in ledger.report.warnings)


def test_a_note_inside_the_data_hides_no_deal_below_it(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "签约": _deals(
                [1, "a", "转让", 120, "2023-03-05", "签约"],
                ["说明：以下为四季度新增"],  # row 3: a note, skipped
                [2, "b", "许可", 50, "2023-11-06", "签约"],
                [None, None, None, None, None, "合计"],  # row 5: a total typed in column F
                ["填表人：张三"],  # row 6
            )
        },
    )
    ledger = load_ledger(path)
    assert ledger.signings["title"].tolist() == ["a", "b"]
    assert [s.row for s in ledger.report.skipped] == [3, 5, 6]


def test_a_title_below_the_data_is_no_programme_name(tmp_path):
    rows = [*_deals([1, "a", "转让", 120, "2023-03-05", "签约"]), ["填报单位：某市科协（盖章）"]]
    ledger = load_ledger(_workbook(tmp_path / "湾里区台账.xlsx", {"签约": rows}))
    assert ledger.signings.loc[0, "programme"] == "湾里区"
    assert [s.row for s in ledger.report.skipped] == [3]


def test_programmes_not_in_project_info_are_named(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "项目信息": [["项目名称"], ["甲项目"], ["乙项目"]],
            "签约": [
                ["所属项目", *DEAL_HEADER],
                ["甲项目", 1, "a", "转让", 120, "2023-03-05", "签约"],
                ["丙项目", 2, "b", "转让", 30, "2023-03-06", "签约"],
            ],
        },
    )
    warnings = load_ledger(path).report.warnings
    assert any("第 3 行的项目“丙项目”不在项目信息表中" in w for w in warnings), warnings


def test_sheets_split_by_quarter_are_read_together_but_a_summary_is_not(tmp_path):
    path = _workbook(
        tmp_path / "台账.xlsx",
        {
            "一季度": _deals([1, "a", "转让", 120, "2023-03-05", "签约"]),
            "二季度": _deals([1, "b", "许可", 50, "2023-05-06", "签约"]),
            # The same headers, but a summary repeats the quarters' deals: not read again.
            "全年汇总": _deals(
                [1, "a", "转让", 120, "2023-03-05", "签约"],
                [2, "b", "许可", 50, "2023-05-06", "签约"],
            ),
        },
    )
    ledger = load_ledger(path)
    # 一季度 row 2 and 二季度 row 2: two deals, 120万 + 50万, with ids kept apart.
    assert ledger.signings["signing_id"].tolist() == ["行2", "二季度行2"]
    assert ledger.signings["value"].sum() == pytest.approx(1_700_000)
    assert any("“全年汇总”的表头像“签约”表" in w for w in ledger.report.warnings)
