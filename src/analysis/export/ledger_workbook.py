"""Write ledger tables to a deterministic Excel workbook, and the empty ledger template."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.packaging.core import DocumentProperties
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analysis.export.safe import set_text_cell
from analysis.export.xlsx import CREATOR, FIXED_TIME, is_missing, save_workbook, write_table
from analysis.quantities import DISPLAY_WORDS
from analysis.reference import divisions as read_divisions
from analysis.schema import KIND_ZH, LEDGER_TABLES, TABLES, Column, Table

NOTES_SHEET = "说明"
DIVISIONS_SHEET = "行业大类"

#: Excel number formats.
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0"

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_HEADER_FONT = Font(bold=True)
_KIND_ZH = {**KIND_ZH, "category": "类别（下拉选择）"}
#: Prefixes used to write a qualified number when no original text is given.
_QUALIFIER_PREFIX = {"approx": "约", "at_least": "超", "at_most": "不足"}
#: Rows of the template that get drop-down validation and the text format.
_TEMPLATE_ROWS = 1000

_HOW_TO_FILL = (
    "每个工作表是一张台账表；第一行是表头，请不要改动表头文字，从第二行起每行填写一条记录。",
    "橙色表头的列为必填；蓝色表头的列可留空。",
    "日期可填Excel日期，或写成“2023-10-28”“2023年10月28日”。年度留空时由日期推出。",
    "数量列可填数字，也可照原文写带限定词的数，如“近300人”“500多人”“5万余人次”“35.71亿元”；"
    "金额只填数字时按“元”计。",
    "类别列（活动类型、阶段、转化方式、国家级试点）请从下拉列表中选择。",
    "行业大类代码填两位代码01–97（GB/T 4754-2017），可在“行业大类”工作表中查找。",
    "签约表中的活动编号须在“活动”表中存在；转化落地表中的签约编号须在“签约”表中存在。",
    "也可把每张表另存为CSV文件（UTF-8或GB18030编码），文件名用工作表名，如“签约.csv”。",
    "下表逐列说明各表应填写的内容。",
)


def _number(value: float) -> int | float:
    """Return an int for integral floats so cells read back as whole numbers."""
    if math.isfinite(value) and value == int(value) and abs(value) < 2**53:
        return int(value)
    return float(value)


def _format_plain(value: float) -> str:
    number = _number(value)
    return f"{number}" if isinstance(number, int) else f"{number:g}"


def _quantity_cells(frame: pd.DataFrame, column: Column) -> list[object]:
    """Values of a quantity column: the analyst's text if given, else a number.

    A non-exact qualifier without original text is written as a prefixed
    number (``约300``) so that it survives a round trip through the loader.
    """
    n = len(frame)
    values = (
        pd.to_numeric(frame[column.name], errors="coerce").to_numpy(dtype="float64")
        if column.name in frame
        else np.full(n, np.nan)
    )
    texts = frame.get(f"{column.name}_text")
    qualifiers = frame.get(f"{column.name}_qualifier")
    text_list = list(texts) if texts is not None else [None] * n
    qual_list = list(qualifiers) if qualifiers is not None else [None] * n
    out: list[object] = []
    for value, text, qualifier in zip(values, text_list, qual_list, strict=True):
        if not is_missing(text) and str(text).strip():
            out.append(str(text))
        elif math.isnan(value):
            out.append(None)
        elif not is_missing(qualifier) and qualifier in _QUALIFIER_PREFIX:
            out.append(_QUALIFIER_PREFIX[qualifier] + _format_plain(value))
        else:
            out.append(_number(value))
    return out


def _cells(frame: pd.DataFrame, column: Column) -> list[object]:
    """Return the Python values to write for ``column`` (None for empty cells)."""
    if column.kind == "quantity":
        return _quantity_cells(frame, column)
    if column.name not in frame:
        return [None] * len(frame)
    series = frame[column.name]
    out: list[object] = []
    if column.kind == "date":
        stamps = pd.to_datetime(series, errors="coerce")
        return [None if is_missing(s) else s.to_pydatetime().date() for s in stamps]
    for value in series:
        if is_missing(value):
            out.append(None)
        elif column.kind == "category" and column.choices is not None:
            out.append(column.choices.get(value, str(value)))
        elif column.kind == "bool":
            out.append(("是" if value else "否") if isinstance(value, bool | np.bool_) else value)
        elif column.kind == "division":
            is_int = isinstance(value, int | np.integer) or (
                isinstance(value, float) and value.is_integer()
            )
            out.append(f"{int(value):02d}" if is_int else str(value))
        elif column.kind in ("year", "int") and isinstance(value, int | float | np.number):
            out.append(_number(float(value)))
        elif isinstance(value, np.generic):
            out.append(value.item())
        else:
            out.append(value if isinstance(value, int | float | dt.date) else str(value))
    return out


def _check_tables(tables: Mapping[str, pd.DataFrame]) -> None:
    unknown = sorted(set(tables) - set(LEDGER_TABLES))
    if unknown:
        raise ValueError(f"not ledger tables: {unknown}; expected some of {list(LEDGER_TABLES)}")
    for name, frame in tables.items():
        known = set(TABLES[name].names)
        extra = [
            c
            for c in frame.columns
            if c not in known
            and not str(c).startswith("_")
            and not (str(c).endswith(("_qualifier", "_text")) and str(c).rsplit("_", 1)[0] in known)
        ]
        if extra:
            raise ValueError(f"table {name!r} has columns not in the schema: {extra}")


def _style_header(ws: Worksheet, table: Table) -> None:
    """Bold centred headers; orange for required columns, blue for the others."""
    for j, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=1, column=j)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")


def _write_table(ws: Worksheet, table: Table, frame: pd.DataFrame) -> int:
    """Write header and rows; return the number of data rows written."""
    cells = pd.DataFrame(
        {column.name: _cells(frame, column) for column in table.columns},
        index=pd.RangeIndex(len(frame)),
        dtype=object,
    )
    n = write_table(
        ws,
        cells,
        headers={column.name: column.zh for column in table.columns},
        number_formats={
            column.name: DATE_FORMAT if column.kind == "date" else MONEY_FORMAT
            for column in table.columns
            if column.kind == "date" or (column.kind == "quantity" and column.unit == "yuan")
        },
        widths=True,
        # Room for an Excel date (yyyy-mm-dd) even in an empty column.
        min_widths={column.name: 11 for column in table.columns if column.kind == "date"},
        freeze=True,
        autofilter=True,
    )
    _style_header(ws, table)
    return n


def _add_validations(ws: Worksheet, table: Table, rows: int, divisions: bool) -> None:
    """Drop-down lists for category, bool and (when a reference sheet exists) division columns."""
    last_row = rows + 1
    for j, column in enumerate(table.columns, start=1):
        letter = get_column_letter(j)
        if column.kind == "category" and column.choices is not None:
            formula = '"' + ",".join(column.choices.values()) + '"'
        elif column.kind == "bool":
            formula = '"是,否"'
        elif column.kind == "division" and divisions:
            formula = f"'{DIVISIONS_SHEET}'!$A$2:$A$98"
            # Text format keeps the leading zero of codes such as 01 when typed by hand.
            ws.column_dimensions[letter].number_format = "@"
        else:
            continue
        validation = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=not column.required,
            showErrorMessage=True,
            errorTitle="取值不在列表中",
            error=f"“{column.zh}”请从下拉列表中选择",
        )
        validation.add(f"{letter}2:{letter}{last_row}")
        ws.add_data_validation(validation)


def _column_notes_rows() -> list[tuple[str, ...]]:
    rows = []
    for name in LEDGER_TABLES:
        table = TABLES[name]
        for column in table.columns:
            choices = "、".join(column.choices.values()) if column.choices else ""
            if column.kind == "bool":
                choices = "是、否"
            unit = DISPLAY_WORDS.get(column.unit or "", column.unit or "")
            rows.append(
                (
                    table.zh,
                    column.zh,
                    "必填" if column.required else "",
                    _KIND_ZH.get(column.kind, column.kind),
                    unit,
                    choices,
                    column.note,
                )
            )
    return rows


def _write_notes(ws: Worksheet, title: str | None, how_to_fill: bool) -> None:
    row = 1
    if title:
        set_text_cell(ws.cell(row=row, column=1), title)
        ws.cell(row=row, column=1).font = Font(bold=True, size=14)
        row += 2
    if how_to_fill:
        set_text_cell(ws.cell(row=row, column=1), "填写说明")
        ws.cell(row=row, column=1).font = _HEADER_FONT
        row += 1
        for k, line in enumerate(_HOW_TO_FILL, start=1):
            set_text_cell(ws.cell(row=row, column=1), f"{k}. {line}")
            row += 1
        row += 1
    for name in LEDGER_TABLES:
        table = TABLES[name]
        set_text_cell(ws.cell(row=row, column=1), f"“{table.zh}”表：{table.note}")
        row += 1
    row += 1
    headers = ("工作表", "列名", "是否必填", "类型", "单位", "可选值", "说明")
    for j, header in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=j)
        set_text_cell(cell, header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for values in _column_notes_rows():
        row += 1
        for j, value in enumerate(values, start=1):
            if value:
                set_text_cell(ws.cell(row=row, column=j), value)
    for letter, width in zip("ABCDEFG", (12, 22, 10, 16, 8, 40, 60), strict=True):
        ws.column_dimensions[letter].width = width


def _write_divisions(ws: Worksheet) -> None:
    divisions = read_divisions()[["division_code", "division_name", "section_code", "section_name"]]
    headers = ("行业大类代码", "行业大类名称", "门类代码", "门类名称")
    for j, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=j)
        set_text_cell(cell, header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for i, record in enumerate(divisions.itertuples(index=False), start=2):
        for j, value in enumerate(record, start=1):
            set_text_cell(ws.cell(row=i, column=j), str(value))
    for letter, width in zip("ABCD", (14, 40, 10, 40), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"


def _fixed_properties(title: str | None) -> DocumentProperties:
    return DocumentProperties(
        creator=CREATOR,
        lastModifiedBy=CREATOR,
        title=title,
        created=FIXED_TIME,
        modified=FIXED_TIME,
    )


def write_ledger_workbook(
    tables: Mapping[str, pd.DataFrame],
    path: str | os.PathLike,
    *,
    notes: bool = True,
    title: str | None = None,
) -> Path:
    """Write ledger tables (English column names) to an Excel workbook with Chinese headers.

    One sheet per table in ``LEDGER_TABLES`` order, named by ``Table.zh``;
    tables missing from ``tables`` get a header-only sheet. Category codes are
    written as their Chinese labels, booleans as 是/否, division codes as two-digit
    text, dates as Excel dates. A quantity column is written as a number, or as
    the analyst's own text when a ``<column>_text`` column holds one for that
    row (so “近300人” stays as typed). Every string goes through
    ``set_text_cell``, so text never turns into a formula. The file is
    byte-for-byte reproducible.

    Args:
        tables: DataFrames by ledger table name.
        path: Where to write the ``.xlsx`` file (replaced atomically).
        notes: Add a 说明 sheet explaining every column (必填 marks required ones).
        title: Workbook title, also written at the top of the 说明 sheet.

    Returns:
        The path written.

    Raises:
        ValueError: a table name or column is not in ``analysis.schema``.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import load_workbook
        >>> signings = pd.DataFrame({"signing_id": ["S1"], "mode": ["equity"], "value": [9.46e6]})
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "ledger.xlsx"
        >>> ws = load_workbook(write_ledger_workbook({"signings": signings}, out))["签约"]
        >>> ws["A1"].value, ws["F2"].value, ws["L2"].value
        ('签约编号', '作价投资', 9460000)
    """
    _check_tables(tables)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties = _fixed_properties(title)
    for name in LEDGER_TABLES:
        table = TABLES[name]
        ws = wb.create_sheet(table.zh)
        frame = tables.get(name)
        if frame is None:
            frame = pd.DataFrame(columns=list(table.names))
        n = _write_table(ws, table, frame.reset_index(drop=True))
        _add_validations(ws, table, max(n, _TEMPLATE_ROWS), divisions=False)
    if notes:
        _write_notes(wb.create_sheet(NOTES_SHEET), title, how_to_fill=False)
    return save_workbook(wb, path)


def write_template(path: str | os.PathLike) -> Path:
    """Write the empty ledger template analysts fill in.

    Header-only sheets for every ledger table, drop-down lists for category
    and 是/否 columns, the 97 GB/T 4754-2017 divisions on a 行业大类 sheet used
    as the drop-down source of division codes, and a 说明 sheet saying how to
    fill each column. Byte-for-byte reproducible.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import load_workbook
        >>> out = write_template(pathlib.Path(tempfile.mkdtemp()) / "template.xlsx")
        >>> load_workbook(out).sheetnames[-2:]
        ['说明', '行业大类']
    """
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties = _fixed_properties("成果转化工作台账模板")
    for name in LEDGER_TABLES:
        table = TABLES[name]
        ws = wb.create_sheet(table.zh)
        _write_table(ws, table, pd.DataFrame(columns=list(table.names)))
        _add_validations(ws, table, _TEMPLATE_ROWS, divisions=True)
    _write_notes(wb.create_sheet(NOTES_SHEET), "成果转化工作台账模板", how_to_fill=True)
    _write_divisions(wb.create_sheet(DIVISIONS_SHEET))
    return save_workbook(wb, path)
