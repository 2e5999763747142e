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


# ---------------------------------------------------------------------------- issue 20


def _corpus():
    import importlib.util
    import sys

    here = Path(__file__).resolve().parents[1] / "bad_inputs" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("scan_make_corpus", here)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "book.xlsx"
    path.write_bytes(data)
    return path


def test_error_cells_and_strict_namespaces_are_found(tmp_path: Path) -> None:
    from analysis.load.xlsx_scan import ErrorValue, scan_package

    corpus = _corpus()
    rows = corpus.sheet_rows([["a", corpus.Error("#SPILL!")], [corpus.Formula("1+1"), 2]])
    for strict in (False, True):
        scan = scan_package(_write(tmp_path, corpus.minimal_xlsx(rows, strict=strict)))
        sheet = scan.sheets["活动"]
        assert sheet.errors == {(0, 1): ErrorValue("#SPILL!")}
        assert sheet.formulas == {(1, 0): UncachedFormula("1+1")}


def test_date1904_is_read_from_the_workbook(tmp_path: Path) -> None:
    from analysis.load.xlsx_scan import scan_package

    corpus = _corpus()
    rows = corpus.sheet_rows([["a"]])
    for pr, expected in (('<workbookPr date1904="1"/>', True), ("<workbookPr/>", False)):
        path = _write(tmp_path, corpus.minimal_xlsx(rows, workbook_pr=pr))
        assert scan_package(path).date1904 is expected


def test_extent_counts_the_rectangle_the_reader_allocates(tmp_path: Path, monkeypatch) -> None:
    import analysis.load.xlsx_scan as module

    corpus = _corpus()
    # A1 and J100: 100 rows × 10 columns = 1,000 cells; the bound at 999 refuses them.
    rows = corpus.sheet_rows([["a"]]) + '<row r="100"><c r="J100"><v>1</v></c></row>'
    path = _write(tmp_path, corpus.minimal_xlsx(rows))
    module.scan_package(path)
    monkeypatch.setattr(module, "MAX_CELLS", 999)
    with pytest.raises(module.UnsafePackageError, match="共 1000 格"):
        module.scan_package(path)


def test_shared_string_count_is_held_against_the_part(tmp_path: Path) -> None:
    from analysis.load.xlsx_scan import UnsafePackageError, scan_package

    corpus = _corpus()
    row = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    honest = corpus.minimal_xlsx(row, shared=["E1"])
    scan_package(_write(tmp_path, honest))
    lying = corpus.minimal_xlsx(row, shared=["E1"], sst_attributes='count="1" uniqueCount="99999"')
    with pytest.raises(UnsafePackageError, match="99999"):
        scan_package(_write(tmp_path, lying))


def test_readable_copy_keeps_codes_calamine_knows(tmp_path: Path) -> None:
    import zipfile

    from analysis.load.xlsx_scan import readable_copy, scan_package

    corpus = _corpus()
    rows = corpus.sheet_rows([[corpus.Error("#CALC!"), corpus.Error("#REF!"), "#CALC!"]])
    path = _write(tmp_path, corpus.minimal_xlsx(rows))
    copy = readable_copy(path, scan_package(path))
    sheet = zipfile.ZipFile(io.BytesIO(copy)).read("xl/worksheets/sheet1.xml")
    # The error cells become codes calamine reads; the text cell keeps what was typed.
    assert sheet.count(b"<v>#N/A</v>") == 1 and b"<v>#REF!</v>" in sheet
    assert b"<t>#CALC!</t>" in sheet


@pytest.mark.parametrize(
    "far_cell",
    [
        '<c r="XFD99999"><v>1</v></c>',  # found by the quick look: a wide column
        "<c r = 'XFD99999'><v>1</v></c>",  # spelt otherwise: counted in full
        '<c\nr="XFD99999"><v>1</v></c>',
    ],
)
def test_far_cell_is_found_however_its_reference_is_spelt(tmp_path: Path, far_cell) -> None:
    from analysis.load.xlsx_scan import UnsafePackageError, scan_package

    corpus = _corpus()
    rows = corpus.sheet_rows([["a"]]) + f'<row r="99999">{far_cell}</row>'
    with pytest.raises(UnsafePackageError, match="第 99999 行第 16384 列"):
        scan_package(_write(tmp_path, corpus.minimal_xlsx(rows)))


def test_numpy_hints_answer_as_the_byte_searches_they_replace() -> None:
    """_reach_hints and _detail_hints against the plain byte searches (and _ODD), on 4,000
    random windows built from the bytes those searches look for, at every position,
    including the first and last byte."""
    import numpy as np

    from analysis.load.xlsx_scan import _ODD, _detail_hints, _reach_hints, _row_ends

    rng = np.random.default_rng(29500)
    pieces = [b"<", b"!", b"f", b"/", b">", b":", b"e", b"'", b'"', b"=", b"r", b" ", b"\t"]
    pieces += [b"\n", b"\r", b"a", b"<c ", b'r="A1"', b"</f>", b"<x:f/>", b't="e"', b"ef"]
    pieces += [b"w", b"o", b"ro", b"<row>", b"</row>", b"<row ", b"row/>", b"w>"]
    checked = 0
    for _ in range(4000):
        window = b"".join(rng.choice(pieces, size=rng.integers(0, 12)))
        doctype, odd = _reach_hints(window)
        formula, error = _detail_hints(window)
        assert doctype == (b"<!" in window), window
        assert formula == (b"<f" in window or b"/f>" in window or b":f" in window), window
        assert error == (b"'e'" in window or b'"e"' in window), window
        assert odd or not _ODD.search(window), window  # a superset: never misses one
        assert _row_ends(window) == window.count(b"row>") - window.count(b"<row>"), window
        checked += doctype + formula + error + odd
    assert checked > 1500  # the windows hold what the searches look for, often (2,000 here)


def test_numpy_reach_equals_the_regular_expressions() -> None:
    """_reach_refs against _BIG_ROW and _WIDE_REF's matches, on 4,000 random windows of
    references: letters from none to six, digit runs from none to twenty, other bytes
    between, and references cut at the window's end."""
    import numpy as np

    from analysis.load.xlsx_scan import _BIG_ROW, _WIDE_REF, _reach_refs, column_index

    rng = np.random.default_rng(1048576)
    alphabet = np.array(list("ABCXYZ"))
    reached = 0
    for _ in range(4000):
        parts = []
        for _ in range(rng.integers(0, 8)):
            letters = "".join(rng.choice(alphabet, size=rng.integers(0, 7)))
            digits = "".join(rng.choice(list("0123456789"), size=rng.integers(0, 21)))
            parts.append(rng.choice(['<c r="', 'r="', ' x="', "r='"]) + letters + digits)
            parts.append(rng.choice(['"/>', '">', "", "a", '"']))
        window = "".join(parts).encode()
        rows = [int(n) for n in _BIG_ROW.findall(window)]
        columns = [column_index(c.decode()) + 1 for c in _WIDE_REF.findall(window)]
        expected = (max(rows, default=0), max(columns, default=0))
        assert _reach_refs(window) == expected, window
        reached += expected != (0, 0)
    assert reached > 1000  # most windows reach far (1,000 of 4,000 at least)


def test_numpy_reach_keeps_references_at_the_edge_of_its_quick_filter() -> None:
    """The shortest references that reach (six digits alone, seven bytes after a letter,
    two letters and a digit) are not filtered out before they are read; one byte fewer
    each does not reach. Values worked out by hand from _BIG_ROW and _WIDE_REF."""
    from analysis.load.xlsx_scan import _reach_refs

    assert _reach_refs(b'<row r="123456">') == (123456, 0)
    assert _reach_refs(b'<row r="12345">') == (0, 0)
    assert _reach_refs(b'<c r="A123456"/>') == (123456, 0)
    assert _reach_refs(b'<c r="A12345"/>') == (0, 0)
    assert _reach_refs(b'<c r="AB1"/>') == (0, 28)
    assert _reach_refs(b'<c r="A1"/>') == (0, 0)
    # No closing quote: the reference runs to the window's end.
    assert _reach_refs(b'<c r="XFD1048576') == (1048576, 16384)


def test_details_from_the_kept_xml_are_those_from_the_package(tmp_path: Path, monkeypatch) -> None:
    # check_reach(keep=True) hands its XML to scan_details (the sheet read in bands): the
    # same uncached formulas, error cells and hidden rows and columns as a second inflate.
    # Chunks of 64 bytes put every marker near a chunk's edge somewhere.
    from analysis.load import xlsx_scan
    from analysis.load.xlsx_scan import check_reach, open_package, scan_details

    monkeypatch.setattr(xlsx_scan, "_CHUNK", 64)
    wb = Workbook()
    ws = wb.active
    for r in range(1, 40):
        ws.append([f"E{r}", r, f"=B{r}*2" if r % 7 == 0 else r])
    ws["D5"] = "#N/A"
    ws.row_dimensions[9].hidden = True
    ws.column_dimensions["C"].hidden = True
    path = tmp_path / "details.xlsx"
    wb.save(path)
    head = open_package(path)
    kept = check_reach(head, "Sheet", keep=True)
    assert len(kept.chunks) > 10
    from_kept, from_package = scan_details(head, "Sheet", kept), scan_details(head, "Sheet")
    assert from_kept == from_package
    assert from_kept.hidden_rows == (9,) and from_kept.hidden_columns == (3,)
    assert len(from_kept.formulas) == 5 and list(from_kept.errors) == [(4, 3)]
