"""Tests for analysis.export.form: the exported workbook read back cell by cell."""

import hashlib
import zipfile

import pytest
from openpyxl import load_workbook

from analysis.assessment import assess
from analysis.export.form import (
    CELLS,
    FIRST_INDICATOR_ROW,
    FORM_SHEET,
    INDICATOR_COLUMNS,
    NOTES_SHEET,
    write_form,
)

INFO = {
    "name": "示例：产学融合会议",
    "department": "某省科学技术协会",
    "implementer": "某学会",
    "year": 2023,
    "budget_initial": 180000.0,
    "budget_full_year": 200000.0,
    "goal": "举办会议一次，线下参会≥300人。",
    "outcome": '=HYPERLINK("http://x")会议如期举办',  # user text that looks like a formula
}


@pytest.fixture
def workbook(tmp_path, stats, targets):
    targets.loc[targets["indicator_id"] == "T3", "reason"] = "=SUM(A1:A9)"
    result = assess(stats, targets, info=INFO)
    path = write_form(result, tmp_path / "form.xlsx")
    return load_workbook(path), result


def test_header_and_funding_block(workbook):
    wb, _ = workbook
    ws = wb[FORM_SHEET]
    assert ws[CELLS["title"]].value == "项目支出绩效自评表"
    assert ws[CELLS["year"]].value == "（2023年度）"
    assert ws[CELLS["programme"]].value == "示例：产学融合会议"
    assert ws[CELLS["department"]].value == "某省科学技术协会"
    assert ws[CELLS["implementer"]].value == "某学会"
    # 万元: 18万, 20万 planned, 19万 spent (fixture); 分值 10, 执行率 95%, 得分 9.50.
    assert ws[CELLS["budget_initial"]].value == 18.0
    assert ws[CELLS["budget_full_year"]].value == 20.0
    assert ws[CELLS["budget_spent"]].value == 19.0
    assert ws[CELLS["budget_weight"]].value == 10
    assert ws[CELLS["budget_rate"]].value == pytest.approx(0.95)
    assert ws[CELLS["budget_rate"]].number_format == "0.00%"
    assert ws[CELLS["budget_points"]].value == 9.5
    assert ws[CELLS["goal"]].value == INFO["goal"]
    assert [ws[f"{c}5"].value for c in "EFGHIJ"] == [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]


def test_indicator_rows_and_total(workbook):
    wb, result = workbook
    ws = wb[FORM_SHEET]
    header = FIRST_INDICATOR_ROW - 1
    assert [ws[f"{c}{header}"].value for c in "BCDEFGHI"] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    # Row T3 (third indicator line): ≥30项, 24项 from the statistics, 10 points, 8.00 earned.
    r = FIRST_INDICATOR_ROW + 2
    cols = INDICATOR_COLUMNS
    assert ws[f"{cols['level3']}{r}"].value == "签约项目数"
    assert ws[f"{cols['target']}{r}"].value == "≥30项"
    assert ws[f"{cols['actual']}{r}"].value == "24个"  # format_quantity(24, "item")
    assert ws[f"{cols['weight']}{r}"].value == 10
    assert ws[f"{cols['points']}{r}"].value == 8.0
    # Row T5: ≤5万元 against 6万元: 10 × 5 ÷ 6 = 8.33, with the typed reason.
    r5 = FIRST_INDICATOR_ROW + 4
    assert ws[f"{cols['points']}{r5}"].value == 8.33
    assert ws[f"{cols['reason']}{r5}"].value == "场地涨价"
    total_row = FIRST_INDICATOR_ROW + len(result.rows)
    assert ws[f"A{total_row}"].value == "总分"
    assert ws[f"G{total_row}"].value == 100
    assert ws[f"H{total_row}"].value == 91.83  # hand-worked in test_assess
    assert ws[f"I{total_row}"].value == "自评等级：优"


def test_merged_cells(workbook):
    wb, result = workbook
    ws = wb[FORM_SHEET]
    merged = {str(r) for r in ws.merged_cells.ranges}
    first, last = FIRST_INDICATOR_ROW, FIRST_INDICATOR_ROW + len(result.rows) - 1
    assert {"A1:J1", "C3:J3", "A5:B9", "B11:F11", "G11:J11"} <= merged
    assert f"A{first - 1}:A{last}" in merged  # the 绩效指标 label
    assert f"B{first}:B{first + 4}" in merged  # 产出指标 over its five rows
    assert f"C{first}:C{first + 2}" in merged  # 数量指标 over three rows


def test_user_text_never_becomes_a_formula(workbook):
    wb, _ = workbook
    ws = wb[FORM_SHEET]
    reason = ws[f"{INDICATOR_COLUMNS['reason']}{FIRST_INDICATOR_ROW + 2}"]
    assert reason.value == "=SUM(A1:A9)"
    assert reason.data_type == "s"
    assert reason.quotePrefix
    outcome = ws[CELLS["outcome"]]
    assert outcome.data_type == "s" and outcome.value.startswith("=HYPERLINK")


def test_print_setup_and_formats(workbook):
    wb, _ = workbook
    ws = wb[FORM_SHEET]
    assert int(ws.page_setup.paperSize) == 9  # OOXML paper code 9 = A4
    assert ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["D"].width == 20
    assert ws[CELLS["budget_full_year"]].number_format == "0.00"
    assert ws["A3"].border.left.style == "thin"


def test_notes_sheet_lists_flags(workbook):
    wb, result = workbook
    ws = wb[NOTES_SHEET]
    values = [cell.value for row in ws.iter_rows() for cell in row]
    assert "target_low" in values and "shortfall" in values
    assert len([v for v in values if v in set(result.flags["flag"])]) == len(result.flags)


def test_two_exports_are_byte_identical(tmp_path, stats, targets):
    result = assess(stats, targets, info=INFO)
    first = write_form(result, tmp_path / "a.xlsx").read_bytes()
    second = write_form(result, tmp_path / "b.xlsx").read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_merged_ranges_do_not_overlap(workbook):
    # Overlapping merges are what makes Excel offer to "repair" a workbook.
    wb, _ = workbook
    for sheet in wb.worksheets:
        cells = [set(r.cells) for r in sheet.merged_cells.ranges]
        for i, first in enumerate(cells):
            for second in cells[i + 1 :]:
                assert not first & second


def test_package_timestamps_are_fixed(tmp_path, stats, targets):
    path = write_form(assess(stats, targets, info=INFO), tmp_path / "f.xlsx")
    with zipfile.ZipFile(path) as package:
        core = package.read("docProps/core.xml").decode()
        assert {i.date_time for i in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    # The programme year 2023 → 2023-12-31, for both created and modified.
    assert core.count("2023-12-31T00:00:00Z") == 2
