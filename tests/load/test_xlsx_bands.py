"""Tests for analysis.load.xlsx_bands: a sheet read in bands of rows is the sheet read whole.

The reference is python-calamine reading the same sheet in one piece
(``to_python(skip_empty_area=False)``), which is what the loader reads without bands.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from analysis.load import load_ledger
from analysis.load import sheets as sheet_reader
from analysis.load.xlsx_bands import Band, join_bands, read_in_bands, row_cuts
from analysis.load.xlsx_scan import Inflated, check_reach, open_package

DATA = Path(__file__).resolve().parents[1] / "data"


def _whole(path: Path, name: str):
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name)
    return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or []


def _in_bands(path: Path, name: str, parts: int):
    head = open_package(path)
    xml = check_reach(head, name, keep=True)
    return read_in_bands(path, head.sheets[name], name, xml, parts)


def _save(wb: Workbook, tmp_path: Path, name: str = "book.xlsx") -> Path:
    path = tmp_path / name
    wb.save(path)
    return path


def _rewrite_sheet(path: Path, member: str, change) -> Path:
    """A copy of ``path`` whose sheet XML is ``change(xml)``."""
    out = path.with_name("changed.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, change(data) if info.filename == member else data)
    return out


# ------------------------------------------------------------------ Inflated (chunked XML)


@settings(max_examples=200, deadline=None)
@given(
    text=st.binary(min_size=0, max_size=60).map(lambda b: bytes(c % 3 + 97 for c in b)),
    cuts=st.lists(st.integers(0, 60), max_size=6),
    needle=st.sampled_from([b"a", b"ab", b"abc", b"cab", b"bbb"]),
    start=st.integers(0, 60),
    end=st.integers(0, 60),
)
def test_inflated_searches_and_slices_as_the_joined_bytes_do(text, cuts, needle, start, end):
    # Chunks of any sizes (some empty) behave as the one bytes object they join into.
    points = sorted({min(c, len(text)) for c in cuts})
    chunks = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    xml = Inflated(chunks)
    assert len(xml) == len(text)
    assert xml.find(needle, start, end) == text.find(needle, start, end)
    assert xml.find(needle, start) == text.find(needle, start)
    assert xml.rfind(needle) == text.rfind(needle)
    assert b"".join(xml.views(start, end)) == text[start:end]


# ------------------------------------------------------------------ cutting and joining


def test_row_cuts_start_bands_only_at_rows_that_give_their_number():
    xml = b'<w><sheetData><row r="1"/><row/><row r="3"/><row/></sheetData><m/></w>'
    cuts = row_cuts(Inflated([xml]), 4)
    # Only two rows say which they are: two bands, cut before <row r="3"/>.
    assert cuts == [xml.index(b"<row"), xml.index(b'<row r="3"'), xml.index(b"</sheetData>")]


def test_row_cuts_refuse_a_prefixed_or_empty_sheet():
    prefixed = b'<x:sheetData><x:row r="1"/><x:row r="2"/></x:sheetData>'
    assert row_cuts(Inflated([prefixed]), 2) is None
    assert row_cuts(Inflated([b"<w><sheetData/></w>"]), 2) is None
    assert row_cuts(Inflated([b'<sheetData><row r="1"/></sheetData>']), 2) is None  # one row


def test_join_bands_pads_each_band_to_the_sheet_rectangle():
    # Band 1 starts in column B and stops at column B; band 2 is one row lower, A to C.
    bands = [
        Band([["x"], ["y"]], (1, 1), (2, 1), []),
        Band([[1.0, "", True]], (4, 0), (4, 2), []),
        Band([], None, None, []),  # a band with no values
    ]
    assert join_bands(bands) == [
        ["", "", ""],
        ["", "x", ""],
        ["", "y", ""],
        ["", "", ""],
        [1.0, "", True],
    ]


def test_join_bands_refuses_bands_out_of_order():
    assert (
        join_bands([Band([["b"]], (5, 0), (5, 0), []), Band([["a"]], (2, 0), (2, 0), [])]) is None
    )


# ------------------------------------------------------------------ whole sheets


def _varied_workbook(tmp_path: Path) -> Path:
    """Shared strings, numbers, dates, booleans, gaps, a ragged right edge, merged cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "签约"
    ws.append(["编号", "金额", "日期", "是否", "备注"])
    for r in range(400):
        if r % 37 == 5:
            ws.append([])  # a blank row inside the table
            continue
        row = [f"S-{r:04d}", r * 1.5, dt.datetime(2023, 1 + r % 12, 1 + r % 28), r % 2 == 0]
        if r < 150:
            row.append("只在上面的行里")  # the last column is filled in the first band only
        ws.append(row)
    for r in range(420, 430):  # the last rows fill column C only: a band without column A
        ws.cell(row=r, column=3, value=f"尾{r}")
    ws.merge_cells("E2:E4")
    return _save(wb, tmp_path)


@pytest.mark.parametrize("parts", [2, 3, 7])
def test_bands_read_what_the_whole_sheet_reads(tmp_path, parts):
    path = _varied_workbook(tmp_path)
    got = _in_bands(path, "签约", parts)
    assert got is not None
    assert got == _whole(path, "签约")


def test_a_sheet_starting_below_and_right_of_a1_reads_as_whole(tmp_path):
    wb = Workbook()
    for r in range(5, 200):
        wb.active.cell(row=r, column=4, value=r)
    path = _save(wb, tmp_path)
    assert _in_bands(path, "Sheet", 3) == _whole(path, "Sheet")


def test_rows_without_numbers_read_as_whole_or_not_in_bands(tmp_path):
    # openpyxl writes r on every row; take it off every other row: a row without r is
    # numbered after the one before it, so bands must start only at rows that keep it.
    wb = Workbook()
    for r in range(300):
        wb.active.append([f"E{r}", r])
    path = _save(wb, tmp_path)
    member = "xl/worksheets/sheet1.xml"

    def drop_every_other_r(xml: bytes) -> bytes:
        even = re.compile(rb'<row r="(\d+)"')
        return even.sub(lambda m: b"<row" if int(m.group(1)) % 2 == 0 else m.group(0), xml)

    changed = _rewrite_sheet(path, member, drop_every_other_r)
    whole = _whole(changed, "Sheet")
    assert whole == _whole(path, "Sheet")  # the same cells, numbered as before
    assert _in_bands(changed, "Sheet", 4) == whole


def test_rows_out_of_order_fall_back_to_the_whole_sheet(tmp_path):
    wb = Workbook()
    for r in range(100):
        wb.active.append([f"E{r}"])
    path = _save(wb, tmp_path)
    member = "xl/worksheets/sheet1.xml"

    def last_row_first(xml: bytes) -> bytes:
        head, body = xml.split(b"<sheetData>")
        rows, tail = body.split(b"</sheetData>")
        parts = rows.split(b"<row ")[1:]
        moved = [parts[-1], *parts[:-1]]
        return (
            head + b"<sheetData>" + b"".join(b"<row " + p for p in moved) + b"</sheetData>" + tail
        )

    changed = _rewrite_sheet(path, member, last_row_first)
    assert _in_bands(changed, "Sheet", 2) is None


# ------------------------------------------------------------------ through the loader


def _frames_and_report(path: Path):
    ledger = load_ledger(path)
    return ledger.tables(), ledger.report


@pytest.mark.parametrize(
    "name",
    [
        "ledgers/东湖区科协2023年成果转化台账.xlsx",
        "ledgers/高新区2023年成果转化台账（WPS版）.xlsx",
        "report_ledgers/两个项目合并台账.xlsx",
    ],
)
def test_a_ledger_loads_the_same_in_bands(monkeypatch, name):
    # Analysts' workbooks from tests/data (their own layouts), every sheet read in bands
    # against every sheet read whole: the same tables and the same load report.
    path = DATA / name
    monkeypatch.setattr(sheet_reader, "MIN_BAND_BYTES", 1 << 62)
    whole_tables, whole_report = _frames_and_report(path)
    monkeypatch.setattr(sheet_reader, "MIN_BAND_BYTES", 0)
    calls = []
    real = sheet_reader.read_in_bands
    monkeypatch.setattr(
        sheet_reader, "read_in_bands", lambda *a, **k: calls.append(a[1]) or real(*a, **k)
    )
    band_tables, band_report = _frames_and_report(path)
    assert calls, "the largest sheet was not read in bands"
    for table, frame in whole_tables.items():
        pd.testing.assert_frame_equal(band_tables[table], frame, check_exact=True, obj=table)
    assert band_report == whole_report
