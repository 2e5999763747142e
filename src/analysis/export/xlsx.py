"""One deterministic xlsx save and one table-to-sheet writer for every workbook we write."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from analysis.export.safe import atomic_path, set_text_cell

#: Default timestamp of the document properties and of every zip entry.
FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)
#: Author written in the document properties of every workbook.
CREATOR = "kechuang-eval"

#: Column widths ``write_table`` chooses stay within these bounds (Excel character units).
MIN_WIDTH = 8
MAX_WIDTH = 60
#: Values looked at to size a column.
_WIDTH_SAMPLE = 1000
#: Room beside the header text for the filter button, and around every column.
_HEADER_PAD = 4
_PAD = 2


def display_width(text: str) -> int:
    """Return the width of ``text`` in Excel character units (CJK characters count two).

    Examples:
        >>> display_width("签约"), display_width("S2023-0001")
        (4, 10)
    """
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def workbook_bytes(wb: Workbook, timestamp: dt.datetime = FIXED_TIME) -> bytes:
    """The ``.xlsx`` bytes of ``wb``, the same every time for the same content.

    openpyxl stamps the document properties with the clock and the zip entries
    with the local time. Here ``created`` (unless unset) and ``modified`` become
    ``timestamp``, and every zip entry gets ``FIXED_TIME``, mode 0644 and
    deflate level 6.

    Args:
        wb: The workbook; its ``properties`` are updated in place.
        timestamp: Creation and modification time written in ``docProps/core.xml``.

    Returns:
        The bytes of the package.

    Examples:
        >>> wb = Workbook()
        >>> wb.active["A1"] = "x"
        >>> workbook_bytes(wb) == workbook_bytes(wb)
        True
        >>> data = workbook_bytes(wb, dt.datetime(2023, 12, 31))
        >>> core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")
        >>> core.count(b"2023-12-31T00:00:00Z")
        2
    """
    if wb.properties.created is not None:
        wb.properties.created = timestamp
    buffer = io.BytesIO()
    wb.save(buffer)
    wb.properties.modified = timestamp
    core = tostring(wb.properties.to_tree())
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = core if info.filename == "docProps/core.xml" else src.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data, compresslevel=6)
    return out.getvalue()


def save_workbook(
    wb: Workbook, path: str | os.PathLike, timestamp: dt.datetime = FIXED_TIME
) -> Path:
    """Save an openpyxl workbook atomically and reproducibly: equal content, equal bytes.

    Args:
        wb: The workbook to save.
        path: Where to write the ``.xlsx`` file (replaced atomically).
        timestamp: Creation and modification time of the document (see ``workbook_bytes``).

    Returns:
        The path written.

    Examples:
        >>> import tempfile, pathlib
        >>> wb = Workbook()
        >>> wb.active["A1"] = "x"
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> a = save_workbook(wb, folder / "a.xlsx").read_bytes()
        >>> a == save_workbook(wb, folder / "b.xlsx").read_bytes()
        True
    """
    data = workbook_bytes(wb, timestamp)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def is_missing(value: object) -> bool:
    """Whether a table value leaves its cell empty: None, NaN, NaT or NA.

    Examples:
        >>> [is_missing(v) for v in (None, float("nan"), pd.NaT, pd.NA, "", 0)]
        [True, True, True, True, False, False]
    """
    if value is None or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def write_table(
    ws: Worksheet,
    frame: pd.DataFrame,
    *,
    headers: Mapping[str, str] | Sequence[str] | None = None,
    number_formats: Mapping[str, str] | None = None,
    widths: bool = False,
    min_widths: Mapping[str, int] | None = None,
    freeze: bool = False,
    autofilter: bool = False,
) -> int:
    """Write ``frame`` to ``ws`` from cell A1: a header row, then one row per record.

    Every cell goes through ``set_text_cell``, so text can never become a formula.
    Missing values (None, NaN, NaT, NA) leave the cell empty. Values are written
    as they are, so convert them to what the sheet should show before calling.

    Args:
        ws: The worksheet to fill (expected empty).
        frame: The table; its columns become the sheet's columns, in order.
        headers: Header texts, by column name or one per column; default the column names.
        number_formats: Excel number format by column name, for its non-text cells.
        widths: Size each column to its header and first 1000 values (CJK counts two),
            within ``MIN_WIDTH`` and ``MAX_WIDTH``.
        min_widths: With ``widths``, a width each named column gets at least.
        freeze: Keep the header row in view (freeze panes at A2).
        autofilter: Put filter buttons on the header row.

    Returns:
        The number of data rows written.

    Examples:
        >>> ws = Workbook().active
        >>> write_table(ws, pd.DataFrame({"what": ["=1+1", None], "n": [3, 4]}),
        ...             headers={"what": "统计对象"}, widths=True, freeze=True)
        2
        >>> ws["A1"].value, ws["A2"].value, ws["A2"].data_type, ws["A3"].value, ws["B3"].value
        ('统计对象', '=1+1', 's', None, 4)
        >>> ws.column_dimensions["A"].width, ws.freeze_panes
        (14.0, 'A2')
    """
    names = [str(name) for name in frame.columns]
    if headers is None:
        texts = names
    elif isinstance(headers, Mapping):
        texts = [headers.get(name, name) for name in names]
    else:
        texts = list(headers)
        if len(texts) != len(names):
            raise ValueError(f"{len(texts)} headers for {len(names)} columns")
    number_formats = number_formats or {}
    min_widths = min_widths or {}
    for j, text in enumerate(texts, start=1):
        set_text_cell(ws.cell(row=1, column=j), text)
    if freeze:
        ws.freeze_panes = "A2"
    for j, (name, text) in enumerate(zip(names, texts, strict=True), start=1):
        values = [None if is_missing(v) else v for v in frame.iloc[:, j - 1]]
        number_format = number_formats.get(name)
        for i, value in enumerate(values, start=2):
            if value is None:
                continue
            cell = ws.cell(row=i, column=j)
            set_text_cell(cell, value)
            if number_format and not isinstance(value, str):
                cell.number_format = number_format
        if widths:
            sample = [display_width(str(v)) for v in values[:_WIDTH_SAMPLE] if v is not None]
            if name in min_widths:
                sample.append(min_widths[name])
            width = max([display_width(text) + _HEADER_PAD, *sample]) + _PAD
            ws.column_dimensions[get_column_letter(j)].width = min(max(width, MIN_WIDTH), MAX_WIDTH)
    if autofilter and names:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(frame) + 1}"
    return len(frame)
