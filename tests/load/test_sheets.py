"""Tests for analysis.load.sheets: parallel sheet parsing gives what one-by-one parsing gives."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from analysis.errors import UserError
from analysis.load import load_ledger
from analysis.load import sheets as sheet_reader
from analysis.load.sheets import read_sheets
from analysis.load.xlsx_scan import UncachedFormula, open_package


def _workbook(tmp_path, sheets: int = 6, rows: int = 300):
    """A workbook of ``sheets`` sheets whose cells say which sheet and row they are in."""
    wb = Workbook()
    wb.remove(wb.active)
    for s in range(sheets):
        ws = wb.create_sheet(f"表{s}")
        ws.append(["编号", "数值", "日期"])
        for r in range(rows):
            ws.append([f"S{s}-{r}", s * 1000 + r, dt.datetime(2023, 1, 1 + r % 28)])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


def _one_by_one(path, names):
    book = CalamineWorkbook.from_path(str(path))
    return [book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in names]


def test_parallel_read_equals_one_by_one_in_the_order_asked(tmp_path):
    path = _workbook(tmp_path)
    names = ["表5", "表0", "表3", "表1", "表4", "表2"]
    cells = read_sheets(
        CalamineWorkbook.from_path(str(path)), path, names, head=open_package(path), parallel=True
    )
    assert [c.name for c in cells] == names
    assert [c.rows for c in cells] == _one_by_one(path, names)
    # Spot check by hand: sheet 3, data row 7 (Excel row 9) holds S3-7 and 3007.
    assert cells[2].rows[8][:2] == ["S3-7", 3007]
    assert all(c.notes == [] for c in cells)


def test_serial_path_gives_the_same_cells(tmp_path):
    path = _workbook(tmp_path, sheets=3)
    names = ["表2", "表0"]
    book = CalamineWorkbook.from_path(str(path))
    assert [c.rows for c in read_sheets(book, path, names)] == _one_by_one(path, names)


def test_more_sheets_than_threads_reuse_workbooks(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_reader, "MAX_THREADS", 2)
    opened = []
    real = CalamineWorkbook.from_path

    class Counting:
        @staticmethod
        def from_path(p):
            opened.append(p)
            return real(p)

    monkeypatch.setattr("python_calamine.CalamineWorkbook", Counting)
    path = _workbook(tmp_path, sheets=6, rows=50)
    names = [f"表{s}" for s in range(6)]
    cells = read_sheets(real(str(path)), path, names, parallel=True)
    assert [c.rows for c in cells] == _one_by_one(path, names)
    # Two threads: the caller's workbook plus at most one more, not one per sheet.
    assert len(opened) <= 1


def test_uncached_formula_and_hidden_row_reach_the_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "活动"
    ws.append(["编号", "金额"])
    ws.append(["E1", "=1+1"])
    ws.row_dimensions[2].hidden = True
    path = tmp_path / "f.xlsx"
    wb.save(path)
    [cells] = read_sheets(
        CalamineWorkbook.from_path(str(path)), path, ["活动"], head=open_package(path)
    )
    assert cells.rows[1] == ["E1", UncachedFormula("1+1")]
    assert cells.notes == [
        "第 2 行在 Excel 中被隐藏或筛选掉，仍照常读取 (hidden or filtered rows are read)"
    ]


def test_unknown_sheet_is_a_user_error_naming_it(tmp_path):
    path = _workbook(tmp_path, sheets=2, rows=5)
    book = CalamineWorkbook.from_path(str(path))
    with pytest.raises(UserError, match="无法读取工作表“没有这张表”"):
        read_sheets(book, path, ["表0", "没有这张表"], parallel=True)


def test_unsafe_package_is_refused_before_the_reader_opens_it(tmp_path, prefixed_part, monkeypatch):
    path = _workbook(tmp_path, sheets=1, rows=5)
    doctype = b'<!DOCTYPE x [<!ENTITY a "b">]>'
    bad = prefixed_part(path, "docProps/app.xml", doctype, tmp_path / "bad.xlsx")
    opened = []
    monkeypatch.setattr(CalamineWorkbook, "from_path", lambda p: opened.append(p))
    with pytest.raises(UserError, match="实体声明"):
        load_ledger(bad)
    assert opened == []  # the scan runs first: the native reader never saw the file


class _Recording:
    """A calamine workbook that records the sheets it parses in ``log``."""

    def __init__(self, book, log):
        self.book, self.log = book, log

    def get_sheet_by_name(self, name):
        self.log.append(("parse", name))
        return self.book.get_sheet_by_name(name)

    def __getattr__(self, name):
        return getattr(self.book, name)


def _record_reads(monkeypatch, log):
    real_from_path = CalamineWorkbook.from_path
    real_reach, real_details = sheet_reader.check_reach, sheet_reader.scan_details

    class Opening:
        @staticmethod
        def from_path(p):
            return _Recording(real_from_path(p), log)

    def reach(head, name, **options):
        kept = real_reach(head, name, **options)
        log.append(("reach", name))
        return kept

    monkeypatch.setattr("python_calamine.CalamineWorkbook", Opening)
    monkeypatch.setattr(sheet_reader, "check_reach", reach)
    monkeypatch.setattr(sheet_reader, "scan_details", real_details)
    return real_from_path


@pytest.mark.parametrize("bands", [False, True], ids=["whole", "in bands"])
def test_each_sheet_is_checked_before_it_is_parsed_and_the_largest_starts(
    tmp_path, monkeypatch, bands
):
    """The reach check of a sheet comes before its parse, and the largest sheet goes first.

    Sheet sizes by construction: 表1 has 400 data rows, the others 20 each. In bands, each
    band of the largest is parsed after its check too.
    """
    monkeypatch.setattr(sheet_reader, "MIN_BAND_BYTES", 0 if bands else 1 << 62)
    monkeypatch.setattr(sheet_reader.os, "cpu_count", lambda: 2)  # two bands on any machine
    wb = Workbook()
    wb.remove(wb.active)
    for s, rows in enumerate([20, 400, 20, 20]):
        ws = wb.create_sheet(f"表{s}")
        for r in range(rows):
            ws.append([f"S{s}-{r}", r])
    path = tmp_path / "sizes.xlsx"
    wb.save(path)
    log: list[tuple[str, str]] = []
    real_from_path = _record_reads(monkeypatch, log)
    names = ["表0", "表1", "表2", "表3"]
    book = _Recording(real_from_path(str(path)), log)
    cells = read_sheets(book, path, names, head=open_package(path), parallel=True)
    assert [c.name for c in cells] == names
    assert [len(c.rows) for c in cells] == [20, 400, 20, 20]
    assert log[0] == ("reach", "表1")
    for name in names:
        assert log.index(("reach", name)) < log.index(("parse", name)), name
    parses = [i for i, entry in enumerate(log) if entry == ("parse", "表1")]
    assert len(parses) == (2 if bands else 1)
    assert log.index(("reach", "表1")) < min(parses)


@pytest.mark.parametrize("bands", [False, True], ids=["whole", "in bands"])
def test_a_sheet_reaching_too_far_is_never_parsed(tmp_path, monkeypatch, bands):
    """A stray cell at XFD1048576 would make the reader allocate 17 billion cells."""
    monkeypatch.setattr(sheet_reader, "MIN_BAND_BYTES", 0 if bands else 1 << 62)
    wb = Workbook()
    wb.active.title = "活动"
    wb.active.append(["编号", "名称"])
    far = wb.create_sheet("签约")
    far.append(["编号"])
    far["XFD1048576"] = 1
    path = tmp_path / "far.xlsx"
    wb.save(path)
    log: list[tuple[str, str]] = []
    real_from_path = _record_reads(monkeypatch, log)
    book = _Recording(real_from_path(str(path)), log)
    with pytest.raises(UserError, match="超过上限"):
        read_sheets(book, path, ["活动", "签约"], head=open_package(path), parallel=True)
    assert ("parse", "签约") not in log
