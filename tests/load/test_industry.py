"""Industry cells of 5G case lists read into GB/T 4754-2017 divisions (analysis.load.industry)."""

from pathlib import Path

import pytest

from analysis.load import load_ledger
from analysis.load.industry import MISMATCH, SECTION, UNKNOWN, resolve_industry

LISTS = Path(__file__).resolve().parents[1] / "data" / "fiveg_lists"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        # Codes from data/reference/gbt4754_2017_divisions.csv.
        ("汽车制造业", "36"),
        ("水的生产和供应业", "46"),
        ("卫生", "84"),
        ("教育", "83"),
        ("汽车制造", "36"),  # the name without its 业
        ("电信", "63"),  # first part of 电信、广播电视和卫星传输服务, in no other name
        ("医疗卫生", "84"),
        ("C38电气机械和器材制造业", "38"),
        ("D46", "46"),
        ("G59 装卸搬运和仓储业", "59"),
        ("38 电气机械和器材制造业", "38"),
        ("36-汽车制造业", "36"),
        ("C38 制造业", "38"),  # the code's own section name beside it
        (6, "06"),  # Excel stored 06 as the number 6
        (1.0, "01"),
        ("Ｃ３８", "38"),
        (" 38 ", "38"),
        ("C-36", "36"),
        ("汽车制造业（36）", "36"),
        ("教育行业", "83"),
        ("制造业-汽车制造业", "36"),  # the section, then its division
        ("C3670汽车零部件及配件制造", "36"),  # class 3670 of division 36
        ("C367", "36"),
    ],
)
def test_a_division_named_without_doubt(typed, code):
    found = resolve_industry(typed)
    assert (found.code, found.problem) == (code, None)


@pytest.mark.parametrize(
    ("typed", "problem", "candidates"),
    [
        ("制造业", SECTION, "C"),
        ("采矿业", SECTION, "B"),
        ("C 制造业", SECTION, "C"),
        ("C", SECTION, "C"),
        ("38 汽车制造业", MISMATCH, "38/36"),
        ("C46", MISMATCH, "C/D"),  # 46 水的生产和供应业 is in section D
        ("智慧城市", UNKNOWN, ""),
        ("其他", UNKNOWN, ""),
        ("石油", UNKNOWN, ""),  # 07 石油和天然气开采业 or 25 石油、煤炭及其他燃料加工业
        ("电子信息", UNKNOWN, ""),  # 39 or 65
        ("98", UNKNOWN, ""),
        ("36、38", UNKNOWN, ""),  # two divisions in one cell: which one is the case's?
        ("3670", UNKNOWN, ""),  # a bare four-digit number may as well be a typo
        ("采矿业/汽车制造业", MISMATCH, "B/C"),
        ("3670 电气机械和器材制造业", MISMATCH, "36/38"),
    ],
)
def test_what_names_no_division_is_said_not_guessed(typed, problem, candidates):
    found = resolve_industry(typed)
    assert (found.code, found.problem, found.candidates) == (None, problem, candidates)
    assert found.reason


def test_a_mapping_file_settles_a_section_only_row(tmp_path):
    # 江西 row 13 says only 制造业 (its expected.toml); the analyst knows it is 38.
    listed = LISTS / "江西省2024年“5G+”应用案例清单.xlsx"
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("类型,表,原文,改为,列\n取值,5G应用案例,制造业,38,行业大类代码\n", "utf-8")
    before = load_ledger(listed)
    after = load_ledger(listed, mapping=mapping)
    row = before.fiveg_cases["_row"] == 13
    assert before.fiveg_cases.loc[row, "division_code"].isna().all()
    assert after.fiveg_cases.loc[after.fiveg_cases["_row"] == 13, "division_code"].tolist() == [
        "38"
    ]
    assert any("第 13 行“制造业”" in w for w in before.report.warnings)
    assert not any("第 13 行“制造业”" in w for w in after.report.warnings)


def test_a_case_list_whose_case_name_is_headed_项目名称(tmp_path):
    # Case lists head the case's name 项目名称; on a deal sheet the same header is the deal's
    # title, and neither is the programme. Typed by hand; the divisions are hand-read.
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["2024年全省5G+应用典型案例名单"])
    ws.append(["序号", "项目名称", "申报单位", "所属行业", "所属地市", "是否国家级"])
    ws.append([1, "5G+智慧矿山", "某煤业", "煤炭开采和洗选业", "萍乡市", "是"])  # 06
    ws.append([2, "5G+智能工厂", "某汽车", "C3670汽车零部件及配件制造", "南昌市", None])  # 36
    ws.append([3, "5G+智慧医院", "某医院", "卫生", "赣州市", "是"])  # 84
    ws.append([4, "5G+智慧物流", "某物流", "制造业", "九江市", None])  # section C only
    path = tmp_path / "案例名单.xlsx"
    wb.save(path)
    ledger = load_ledger(path)
    cases = ledger.fiveg_cases
    assert cases["name"].tolist() == ["5G+智慧矿山", "5G+智能工厂", "5G+智慧医院", "5G+智慧物流"]
    assert set(cases["programme"]) == {"2024年全省5G+应用典型案例名单"}
    assert cases["division_code"].fillna("-").tolist() == ["06", "36", "84", "-"]
    assert cases["national_pilot"].tolist() == [True, False, True, False]
    assert cases["year"].tolist() == [2024] * 4


@pytest.mark.parametrize(("title", "year"), [("某市5G案例清单（2024年）", 2024),
                                             ("某市2023—2024年5G案例清单", None)])  # fmt: skip
def test_a_case_list_takes_the_one_year_its_title_names(tmp_path, title, year):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "案例"
    ws.append([title])
    ws.append(["案例名称", "所属行业", "地区"])
    ws.append(["5G+智慧矿山", "06", "萍乡市"])
    path = tmp_path / "案例.xlsx"
    wb.save(path)
    years = load_ledger(path).fiveg_cases["year"]
    assert (years.tolist() == [year]) if year else years.isna().all()
