"""Parse one large ``.xlsx`` sheet as bands of rows, side by side, and join them as one sheet."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from analysis.load.xlsx_scan import Inflated

#: A sheet whose XML inflates to less than this is parsed whole: cutting it and writing the
#: bands out costs more than the second core saves (about 0.1 s for 8 MiB).
MIN_BAND_BYTES = 8 << 20
_OPEN, _CLOSE = b"<sheetData>", b"</sheetData>"


@dataclass
class Band:
    """What python-calamine read from one band: its cells and where they lie in the sheet.

    Attributes:
        rows: ``to_python(skip_empty_area=True)``: from the band's first filled row and
            column to its last.
        start: The 0-based (row, column) of the first of them; None for a band with none.
        end: The 0-based (row, column) of the last.
        merged: The sheet's merged ranges (every band carries the sheet's end, where they are).
    """

    rows: list[list[object]]
    start: tuple[int, int] | None
    end: tuple[int, int] | None
    merged: list


def row_cuts(xml: Inflated, parts: int) -> list[int] | None:
    """Where to cut a sheet's ``<sheetData>`` into ``parts`` bands of whole rows, or None.

    A band starts at a ``<row r="`` tag: inside ``<sheetData>`` a ``<`` opens an element
    (text holds ``&lt;``), rows are its only children, and a row that gives its number
    starts the band where the whole sheet has it (a row without one is numbered after the
    row before it, in a band as in the whole sheet). None when the element is prefixed or
    absent, or there is no such row to cut at. The cuts start with the first row and end at
    ``</sheetData>``.

    Examples:
        >>> xml = b'<sheetData><row r="1"><c/></row><row r="2"><c/></row></sheetData>'
        >>> row_cuts(Inflated([xml[:20], xml[20:]]), 2)
        [11, 32, 53]
        >>> row_cuts(Inflated([xml.replace(b'<row r="2"', b"<row")]), 2) is None
        True
    """
    start = xml.find(_OPEN)
    end = xml.rfind(_CLOSE)
    if start < 0 or end < start:
        return None
    start += len(_OPEN)
    cuts = [start]
    for k in range(1, parts):
        at = xml.find(b'<row r="', max(start + (end - start) * k // parts, cuts[-1] + 1), end)
        if at < 0:
            break
        cuts.append(at)
    cuts.append(end)
    return cuts if len(cuts) > 2 else None


def band_parts(path: Path, member: str) -> list[tuple[str, bytes]]:
    """The parts every band's workbook holds: the package's XML but its sheets.

    Other sheets, and parts that are no XML (images, VBA), are left out: the reader does
    not need them to read one sheet.
    """
    with zipfile.ZipFile(path) as source:
        return [
            (info.filename, source.read(info))
            for info in source.infolist()
            if info.filename != member
            and info.filename.endswith((".xml", ".rels"))
            and not info.filename.startswith("xl/worksheets/")
        ]


def write_band(
    file: Path, parts: list[tuple[str, bytes]], member: str, xml: Inflated, cuts: list[int], k: int
) -> Path:
    """Band ``k``'s workbook: ``parts``, and the sheet cut to the band.

    The band's sheet is the XML before ``<sheetData>``, the band's rows, and the rest after
    them (merged ranges, page set-up), so python-calamine reads it as that sheet. It is
    stored, not deflated: the reader would only inflate it again.
    """
    with zipfile.ZipFile(file, "w", zipfile.ZIP_STORED) as out:
        for name, data in parts:
            out.writestr(name, data)
        with out.open(member, "w", force_zip64=True) as sheet:
            for start, end in ((0, cuts[0]), (cuts[k], cuts[k + 1]), (cuts[-1], len(xml))):
                for view in xml.views(start, end):
                    sheet.write(view)
    return file


def join_bands(bands: list[Band]) -> list[list[object]] | None:
    """The rows ``to_python(skip_empty_area=False)`` gives for the whole sheet, from its bands.

    From the first row and column to the last filled ones, ``""`` where nothing is. None
    when the bands' rows overlap (a sheet whose rows are out of order): read it whole.

    Examples:
        >>> join_bands([Band([["a"]], (0, 1), (0, 1), []), Band([[1.0, 2.0]], (2, 0), (2, 1), [])])
        [['', 'a'], ['', ''], [1.0, 2.0]]
        >>> join_bands([Band([["a"]], (3, 0), (3, 0), []), Band([["b"]], (1, 0), (1, 0), [])])
    """
    filled = [b for b in bands if b.start is not None and b.end is not None]
    width = max((b.end[1] + 1 for b in filled), default=0)
    out: list[list[object]] = []
    for band in filled:
        (top, left), (bottom, right) = band.start, band.end
        if top < len(out):
            return None
        out.extend([""] * width for _ in range(top - len(out)))
        before, after = [""] * left, [""] * (width - right - 1)
        if before or after:
            out.extend(before + row + after for row in band.rows)
        else:
            out.extend(band.rows)
        if len(out) != bottom + 1:
            return None
    return out


def read_band(file: Path, name: str) -> Band:
    """Sheet ``name`` of one band's workbook, as python-calamine reads it.

    Examples:
        >>> import pathlib, tempfile
        >>> from openpyxl import Workbook
        >>> wb = Workbook()
        >>> wb.active["B3"] = "x"
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "band0.xlsx"
        >>> wb.save(file)
        >>> read_band(file, "Sheet")
        Band(rows=[['x']], start=(2, 1), end=(2, 1), merged=[])
    """
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(file))
    try:
        sheet = book.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=True)
        return Band(rows, sheet.start, sheet.end, sheet.merged_cell_ranges or [])
    finally:
        book.close()  # the band's file is removed next


def read_in_bands(
    path: Path, member: str, name: str, xml: Inflated, parts: int
) -> tuple[list[list[object]], list] | None:
    """A sheet's rows and merged ranges, read as ``parts`` bands on as many threads.

    Each band's workbook is parsed by ``read_band`` (python-calamine releases the GIL while
    it parses, so the bands are parsed at once). None when the sheet cannot be cut
    (``row_cuts``) or joined (``join_bands``), or a band cannot be read: the caller reads
    the sheet whole, which reports any problem as it would have.

    Args:
        path: The workbook, already checked (``xlsx_scan.open_package``).
        member: The sheet's zip member.
        name: The sheet's name.
        xml: The sheet's XML, as ``xlsx_scan.check_reach`` kept it.
        parts: How many bands.

    Examples:
        >>> import pathlib, tempfile
        >>> from openpyxl import Workbook
        >>> from analysis.load.xlsx_scan import check_reach, open_package
        >>> wb = Workbook()
        >>> for i in range(6):
        ...     wb.active.append([f"E{i}", i])
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> wb.save(file)
        >>> xml = check_reach(open_package(file), "Sheet", keep=True)
        >>> rows, merged = read_in_bands(file, "xl/worksheets/sheet1.xml", "Sheet", xml, 3)
        >>> rows[4:]
        [['E4', 4.0], ['E5', 5.0]]
    """
    cuts = row_cuts(xml, parts)
    if cuts is None:
        return None
    folder = Path(tempfile.mkdtemp(prefix="kechuang-bands-"))
    try:
        shared = band_parts(path, member)

        def band(k: int) -> Band:
            # Each band's thread writes its own workbook: the writes go side by side too.
            file = write_band(folder / f"band{k}.xlsx", shared, member, xml, cuts, k)
            return read_band(file, name)

        with ThreadPoolExecutor(len(cuts) - 2, thread_name_prefix="band") as pool:
            later = [pool.submit(band, k) for k in range(1, len(cuts) - 1)]
            bands = [band(0)] + [future.result() for future in later]
    except BaseException as exc:  # calamine raises unrelated types, even Rust panics
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        return None  # read whole: the reader's own error, if any, is the one to report
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rows = join_bands(bands)
    return None if rows is None else (rows, bands[0].merged)


__all__ = [
    "MIN_BAND_BYTES",
    "Band",
    "band_parts",
    "join_bands",
    "read_band",
    "read_in_bands",
    "row_cuts",
    "write_band",
]
