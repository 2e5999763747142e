"""Read an Excel workbook handed over as a report: each sheet a table, cells as Excel shows them."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

from analysis.errors import UserError
from analysis.extract.documents import Document, DocumentBuilder

__all__ = ["cell_text", "read_xlsx"]


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def cell_text(value, number_format: str = "General") -> str:
    """A cell's value written as the sheet shows it: a percent format shows ×100 and ``%``.

    Examples:
        >>> cell_text(0.9685, "0.00%"), cell_text(3724055.0), cell_text("≥300人")
        ('96.85%', '3724055', '≥300人')
        >>> cell_text(dt.datetime(2023, 10, 28))
        '2023-10-28'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return _number(round(value * 100, 10)) + "%"
        return _number(value)
    return str(value)


def read_xlsx(path: str | os.PathLike) -> Document:
    """Read every visible sheet of a workbook as a table (``工作表“经费”``), cells named ``B3``.

    Formulas are read as their cached values, the numbers Excel last showed.

    Raises:
        UserError: The file is not a readable workbook.

    Examples:
        >>> import tempfile, openpyxl
        >>> p = Path(tempfile.mkdtemp()) / "r.xlsx"
        >>> wb = openpyxl.Workbook(); ws = wb.active; ws.title = "经费"
        >>> ws.append(["科目", "预算（万元）"]); ws.append(["会务", 2]); wb.save(p)
        >>> doc = read_xlsx(p)
        >>> doc.text, doc.tables[0].cell_location(doc.tables[0].rows[1][1])
        ('科目\\t预算（万元）\\n会务\\t2', '工作表“经费”B2')
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UserError(f"无法读取 Excel 文件 {path}：{exc}") from None
    builder = DocumentBuilder(path.name)
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            rows, names = [], {}
            for r, row in enumerate(ws.iter_rows(), start=1):
                texts = [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                while texts and not texts[-1].strip():
                    texts.pop()
                if not texts:
                    continue
                for c in range(len(texts)):
                    names[(len(rows), c)] = f"{get_column_letter(c + 1)}{r}"
                rows.append(texts)
            builder.table(rows, f"工作表“{ws.title}”", names)
    finally:
        wb.close()
    return builder.build()
