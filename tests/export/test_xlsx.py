"""Tests for analysis.export.xlsx: the one deterministic save and the one table writer."""

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from analysis.export.xlsx import (
    FIXED_TIME,
    MAX_WIDTH,
    MIN_WIDTH,
    display_width,
    save_workbook,
    workbook_bytes,
    write_table,
)


def _workbook(frame: pd.DataFrame, **options) -> Workbook:
    wb = Workbook()
    write_table(wb.active, frame, **options)
    return wb


def test_display_width_counts_cjk_double():
    assert display_width("近300人") == 2 + 3 + 2


def test_save_is_reproducible_and_atomic(tmp_path):
    frame = pd.DataFrame({"what": ["签约", "=1+1"], "n": [1.5, None]})
    a = save_workbook(_workbook(frame), tmp_path / "a.xlsx").read_bytes()
    b = save_workbook(_workbook(frame), tmp_path / "b.xlsx").read_bytes()
    assert a == b
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]  # no temp files
    with zipfile.ZipFile(tmp_path / "a.xlsx") as package:
        infos = package.infolist()
        core = package.read("docProps/core.xml").decode()
    assert {i.date_time for i in infos} == {FIXED_TIME.timetuple()[:6]}
    assert {i.external_attr >> 16 for i in infos} == {0o644}
    assert core.count("2000-01-01T00:00:00Z") == 2


def test_timestamp_goes_to_the_document_properties_only():
    data = workbook_bytes(Workbook(), dt.datetime(2023, 12, 31))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = package.read("docProps/core.xml").decode()
        assert {i.date_time for i in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    assert core.count("2023-12-31T00:00:00Z") == 2


def test_write_table_header_values_and_missing_cells():
    frame = pd.DataFrame({"what": ["=HYPERLINK(1)", None, "签约"], "n": [1.0, float("nan"), 3.0]})
    ws = _workbook(frame, headers={"what": "统计对象"}).active
    assert [c.value for c in ws[1]] == ["统计对象", "n"]
    assert ws["A2"].value == "=HYPERLINK(1)" and ws["A2"].data_type == "s"
    assert ws["A2"].quotePrefix
    # Missing values leave no cell at all.
    assert ("A", 3) not in {(c.column_letter, c.row) for c in ws._cells.values()}
    assert ws["B3"].value is None and ws["B4"].value == 3.0
    assert ws.freeze_panes is None and ws.auto_filter.ref is None


def test_write_table_headers_as_a_sequence_must_match():
    frame = pd.DataFrame({"a": [1], "b": [2]})
    assert [c.value for c in _workbook(frame, headers=["甲", "乙"]).active[1]] == ["甲", "乙"]
    with pytest.raises(ValueError, match="1 headers for 2 columns"):
        _workbook(frame, headers=["甲"])


def test_write_table_widths_formats_freeze_and_filter():
    frame = pd.DataFrame(
        {
            "when": [dt.date(2023, 10, 28)],
            "value": [9460000],
            "name": ["很" * 100],
            "x": ["y"],
        }
    )
    ws = _workbook(
        frame,
        number_formats={"when": "yyyy-mm-dd", "value": "#,##0"},
        widths=True,
        min_widths={"x": 11},
        freeze=True,
        autofilter=True,
    ).active
    assert ws["A2"].number_format == "yyyy-mm-dd" and ws["B2"].number_format == "#,##0"
    widths = {k: ws.column_dimensions[k].width for k in "ABCD"}
    assert widths["A"] == display_width("2023-10-28") + 2
    assert widths["B"] == max(display_width("value") + 4, 7) + 2
    assert widths["C"] == MAX_WIDTH
    assert widths["D"] == 11 + 2 >= MIN_WIDTH
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D2"


def test_empty_table_writes_the_header_only(tmp_path):
    out = save_workbook(_workbook(pd.DataFrame(columns=["a", "b"])), tmp_path / "e.xlsx")
    ws = load_workbook(out).active
    assert ws.max_row == 1 and [c.value for c in ws[1]] == ["a", "b"]
