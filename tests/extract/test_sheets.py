"""Tests for analysis.extract.sheets: workbooks read sheet by sheet, cells as Excel shows them."""

from openpyxl import Workbook

from analysis.extract import extract_document, read_document


def test_sheets_are_tables_and_cells_are_named(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "预算执行"
    ws.append(["（单位：万元）"])
    ws.append(["项目", "年初预算数", "全年执行数", "执行率"])
    ws.append(["合计", 115, 108.95, 0.9474])
    ws["D3"].number_format = "0.00%"
    hidden = wb.create_sheet("草稿")
    hidden.append(["签约", "99项"])
    hidden.sheet_state = "hidden"
    notes = wb.create_sheet("说明")
    notes.append(["全年共举办活动3场，近300人参加。"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    df = extract_document(read_document(path))
    # 单位：万元 in the first row holds for the money columns; the percent cell shows 94.74%.
    assert df[["quantity_text", "value", "unit", "location"]].values.tolist() == [
        ["115", 1_150_000.0, "yuan", "工作表“预算执行”B3"],
        ["108.95", 1_089_500.0, "yuan", "工作表“预算执行”C3"],
        ["94.74%", 94.74, "percent", "工作表“预算执行”D3"],
        ["3场", 3.0, "event", "工作表“说明”A1"],
        ["近300人", 300.0, "person", "工作表“说明”A1"],
    ]


def test_a_unit_row_inside_a_sheet_holds_for_the_section_below(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["项目支出绩效自评表"])
    ws.append(["项目名称", "某项目"])
    ws.append(["金额单位：万元"])
    ws.append(["项目资金", "年初预算数", "全年执行数", "分值"])
    ws.append(["年度资金总额", 372.41, 360.67, 10])
    path = tmp_path / "form.xlsx"
    wb.save(path)
    df = extract_document(read_document(path))
    assert df[["value", "unit"]].values.tolist()[:2] == [
        [3_724_100.0, "yuan"],
        [3_606_700.0, "yuan"],
    ]
