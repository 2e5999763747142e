"""Tests for analysis.export.ledger_workbook: headers, cell types, formula-proof text, bytes."""

import datetime as dt
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.export.ledger_workbook import (
    DIVISIONS_SHEET,
    NOTES_SHEET,
    write_ledger_workbook,
    write_template,
)
from analysis.schema import LEDGER_TABLES, TABLES


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["E1", "E2"],
            "programme": ["P", "P"],
            "name": ["=1+1", "+cmd"],
            "event_type": ["matchmaking", "对接会"],
            "region": ["甲市", "乙市"],
            "date": pd.to_datetime(["2023-10-28", None]),
            "year": [2023, 2023],
            "attendees_onsite": [300.0, 120.0],
            "attendees_onsite_qualifier": ["approx", "exact"],
            "attendees_onsite_text": ["近300人", None],
            "online_views": [50000.0, float("nan")],
            "online_views_qualifier": ["at_least", None],
        }
    )


def _cell_by_header(ws, header: str, row: int):
    headers = [c.value for c in ws[1]]
    return ws.cell(row=row, column=headers.index(header) + 1)


def test_sheets_and_headers_follow_the_schema(tmp_path):
    out = write_ledger_workbook({"events": _events()}, tmp_path / "l.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == [TABLES[n].zh for n in LEDGER_TABLES] + [NOTES_SHEET]
    for name in LEDGER_TABLES:
        ws = wb[TABLES[name].zh]
        assert [c.value for c in ws[1]] == [c.zh for c in TABLES[name].columns]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref is not None
        assert ws["A1"].font.bold


def test_cells_are_written_as_their_kind(tmp_path):
    ws = load_workbook(write_ledger_workbook({"events": _events()}, tmp_path / "l.xlsx"))["活动"]
    # Category code and label both end up as the Chinese label (schema.EVENT_TYPES).
    assert _cell_by_header(ws, "活动类型", 2).value == "对接会"
    assert _cell_by_header(ws, "活动类型", 3).value == "对接会"
    date = _cell_by_header(ws, "日期", 2)
    assert date.value == dt.datetime(2023, 10, 28) and date.number_format == "yyyy-mm-dd"
    assert _cell_by_header(ws, "日期", 3).value is None
    # The analyst's text wins over the number; without text a qualifier becomes a prefix.
    assert _cell_by_header(ws, "线下参会人数", 2).value == "近300人"
    assert _cell_by_header(ws, "线下参会人数", 3).value == 120
    assert _cell_by_header(ws, "线下参会人数", 3).data_type == "n"
    assert _cell_by_header(ws, "线上观看人次", 2).value == "超50000"
    assert _cell_by_header(ws, "线上观看人次", 3).value is None


def test_formula_looking_text_stays_text(tmp_path):
    ws = load_workbook(write_ledger_workbook({"events": _events()}, tmp_path / "l.xlsx"))["活动"]
    for row, text in ((2, "=1+1"), (3, "+cmd")):
        cell = _cell_by_header(ws, "活动名称", row)
        assert (cell.value, cell.data_type) == (text, "s")


def test_money_division_and_bool_formats(tmp_path):
    signings = pd.DataFrame({"signing_id": ["S1"], "mode": ["equity"], "value": [9_460_000.0]})
    cases = pd.DataFrame({"case_id": ["G1"], "division_code": [5], "national_pilot": [True]})
    wb = load_workbook(
        write_ledger_workbook({"signings": signings, "fiveg_cases": cases}, tmp_path / "l.xlsx")
    )
    value = _cell_by_header(wb["签约"], "合同金额", 2)
    assert (value.value, value.number_format) == (9_460_000, "#,##0")
    assert _cell_by_header(wb["签约"], "转化方式", 2).value == "作价投资"
    # Division 05 (GB/T 4754-2017: 农、林、牧、渔专业及辅助性活动) keeps its leading zero as text.
    division = _cell_by_header(wb["5G应用案例"], "行业大类代码", 2)
    assert (division.value, division.data_type) == ("05", "s")
    assert _cell_by_header(wb["5G应用案例"], "国家级试点", 2).value == "是"


def test_notes_sheet_marks_required_columns(tmp_path):
    wb = load_workbook(write_ledger_workbook({}, tmp_path / "l.xlsx", title="T"))
    rows = list(wb[NOTES_SHEET].iter_rows(values_only=True))
    assert rows[0][0] == "T"
    by_header = {(r[0], r[1]): r for r in rows if r[0] and r[1]}
    # schema.SIGNINGS: 签约编号 is required, 承接企业 is not.
    assert by_header[("签约", "签约编号")][2] == "必填"
    assert by_header[("签约", "承接企业")][2] is None
    assert (
        by_header[("签约", "转化方式")][5] == "自行投资实施、转让、许可、合作实施、作价投资、其他"
    )
    n_columns = sum(len(TABLES[n].columns) for n in LEDGER_TABLES)
    assert len(by_header) - 1 == n_columns  # minus the header row of the column table


def test_no_notes_sheet_when_notes_false(tmp_path):
    wb = load_workbook(write_ledger_workbook({}, tmp_path / "l.xlsx", notes=False))
    assert NOTES_SHEET not in wb.sheetnames


def test_unknown_table_or_column_is_refused(tmp_path):
    with pytest.raises(ValueError, match="not ledger tables"):
        write_ledger_workbook({"statistics": pd.DataFrame()}, tmp_path / "l.xlsx")
    with pytest.raises(ValueError, match="valeu"):
        write_ledger_workbook({"signings": pd.DataFrame({"valeu": [1]})}, tmp_path / "l.xlsx")
    assert not (tmp_path / "l.xlsx").exists()


def test_same_tables_give_identical_bytes(tmp_path):
    a = write_ledger_workbook({"events": _events()}, tmp_path / "a.xlsx").read_bytes()
    b = write_ledger_workbook({"events": _events()}, tmp_path / "b.xlsx").read_bytes()
    assert a == b
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core and "kechuang-eval" in core


def test_template_has_dropdowns_and_divisions(tmp_path):
    out = write_template(tmp_path / "t.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames[-2:] == [NOTES_SHEET, DIVISIONS_SHEET]
    assert all(wb[TABLES[n].zh].max_row == 1 for n in LEDGER_TABLES)
    divisions = list(wb[DIVISIONS_SHEET].iter_rows(min_row=2, values_only=True))
    # GB/T 4754-2017 has 97 divisions, 01 农业 to 97 国际组织.
    assert len(divisions) == 97
    assert divisions[0][:2] == ("01", "农业") and divisions[-1][0] == "97"
    formulas = {str(v.sqref): v.formula1 for v in wb["活动"].data_validations.dataValidation}
    assert formulas["D2:D1001"] == '"会议,展洽会,对接会,路演,调研,座谈,培训,其他"'
    case_formulas = [v.formula1 for v in wb["5G应用案例"].data_validations.dataValidation]
    assert "'行业大类'!$A$2:$A$98" in case_formulas
    assert write_template(tmp_path / "t2.xlsx").read_bytes() == out.read_bytes()
