"""Tests for analysis.load.xlsx_scan: formulas without cached values, found by reading the XML."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from analysis.load.xlsx_scan import UncachedFormula, UnsafeWorkbookError, uncached_formulas


def _workbook(tmp_path: Path, sheet_xml: bytes | None = None) -> Path:
    wb = Workbook()
    wb.active.title = "活动"
    wb.active.append([1, 2])
    wb.create_sheet("签约").append(["=SUM(1,2)"])
    buffer = io.BytesIO()
    wb.save(buffer)
    path = tmp_path / "book.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(path, "w") as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if sheet_xml is not None and info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            dst.writestr(info.filename, data)
    return path


def _sheet(cells: str, prefix: str = "") -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    root = f"{prefix}:worksheet xmlns:{prefix}" if prefix else "worksheet xmlns"
    close = f"{prefix}:" if prefix else ""
    p = close
    return (
        f'<{root}="{ns}"><{p}sheetData><{p}row r="1">{cells}</{p}row></{p}sheetData>'
        f"</{close}worksheet>"
    ).encode()


def test_second_sheet_found_by_name(tmp_path: Path) -> None:
    found = uncached_formulas(_workbook(tmp_path))
    assert found == {"签约": {(0, 0): UncachedFormula("SUM(1,2)")}}


def test_cached_results_and_empty_string_results_are_not_flagged(tmp_path: Path) -> None:
    cells = (
        '<c r="A1"><f>1+1</f><v>2</v></c>'  # computed: 2
        '<c r="B1" t="str"><f>""</f><v></v></c>'  # computed: the empty string
        '<c r="C1"><f t="shared" ref="C1:C2" si="0">A1*2</f></c>'  # never computed
        '<c r="D1"><f t="shared" si="0"/><v></v></c>'  # shared, never computed
    )
    found = uncached_formulas(_workbook(tmp_path, _sheet(cells)))["活动"]
    assert found == {(0, 2): UncachedFormula("A1*2"), (0, 3): UncachedFormula("")}


def test_prefixed_namespace(tmp_path: Path) -> None:
    cells = '<x:c r="AB1"><x:f>1+1</x:f></x:c>'
    found = uncached_formulas(_workbook(tmp_path, _sheet(cells, prefix="x")))["活动"]
    assert found == {(0, 27): UncachedFormula("1+1")}  # AB is the 28th column


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    xml = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>' + _sheet(
        '<c r="A1"><f>1</f><v>&a;</v></c>'
    )
    with pytest.raises(UnsafeWorkbookError):
        uncached_formulas(_workbook(tmp_path, xml))


def test_sheets_whose_formulas_all_have_values_are_not_parsed(tmp_path: Path, monkeypatch) -> None:
    import analysis.load.xlsx_scan as module

    parsed = []
    real = module._scan_sheet
    monkeypatch.setattr(module, "_scan_sheet", lambda a, m: parsed.append(m) or real(a, m))
    cells = '<c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f t="shared" si="0"/><v>3</v></c>'
    assert uncached_formulas(_workbook(tmp_path, _sheet(cells))) == {
        "签约": {(0, 0): UncachedFormula("SUM(1,2)")}
    }
    # Only the second sheet (openpyxl's uncalculated =SUM) was parsed.
    assert parsed == ["xl/worksheets/sheet2.xml"]


def test_doctype_in_any_part_is_refused(tmp_path: Path, prefixed_part) -> None:
    doctype = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    patched = prefixed_part(
        _workbook(tmp_path), "docProps/app.xml", doctype, tmp_path / "patched.xlsx"
    )
    with pytest.raises(UnsafeWorkbookError, match=r"docProps/app\.xml"):
        uncached_formulas(patched)
