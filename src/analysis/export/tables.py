"""Write a table as CSV, JSON or a one-sheet workbook, formula-proof and reproducible."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from analysis.errors import UserError
from analysis.export.safe import csv_text, write_text_atomic

FORMATS = ("csv", "json", "xlsx")


def output_format(fmt: str | None, output: str | os.PathLike | None) -> str:
    """The format asked for, else the one the output's suffix names, else csv.

    Raises:
        UserError: xlsx without an output file (a workbook cannot go to the terminal).

    Examples:
        >>> output_format(None, "t.xlsx"), output_format(None, None), output_format("json", None)
        ('xlsx', 'csv', 'json')
    """
    if fmt is None:
        suffix = Path(output).suffix.lower().lstrip(".") if output else ""
        fmt = suffix if suffix in FORMATS else "csv"
    if fmt == "xlsx" and output is None:
        raise UserError("--format xlsx 需要用 -o 指定输出文件: xlsx output needs -o OUT")
    return fmt


def table_text(frame: pd.DataFrame, fmt: str) -> str:
    """``frame`` as CSV (text cells formula-proof) or JSON records (blanks as null).

    Examples:
        >>> print(table_text(pd.DataFrame({"项目": ["=1+1"], "值": [2.0]}), "csv"), end="")
        项目,值
        '=1+1,2.0
        >>> print(table_text(pd.DataFrame({"=地区": ["杭州"]}), "csv"), end="")
        '=地区
        杭州
        >>> table_text(pd.DataFrame({"a": [None]}), "json")
        '[\\n {\\n  "a": null\\n }\\n]\\n'
    """
    if fmt == "json":
        records = [
            {k: (None if pd.isna(v) else v) for k, v in row.items()}
            for row in frame.to_dict(orient="records")
        ]
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    # Names, quotes and sentences are user text: Excel must never run them as formulas.
    text = frame.select_dtypes(exclude=["number", "bool"]).columns
    safe = frame.assign(**{c: frame[c].astype(object).map(csv_text) for c in text})
    # Headers can be user text too (a programme or region as a column of a pivot).
    safe.columns = [csv_text(str(c)) if isinstance(c, str) else c for c in safe.columns]
    buffer = io.StringIO(newline="")
    safe.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def write_table_file(
    frame: pd.DataFrame,
    output: str | os.PathLike | None,
    fmt: str,
    *,
    sheet: str = "Sheet1",
    headers: Mapping[str, str] | Sequence[str] | None = None,
    freeze: bool = False,
) -> Path | None:
    """Write ``frame`` to ``output`` in ``fmt`` (csv, json, xlsx); CSV/JSON to stdout if None.

    CSV files get a BOM so that Excel on Windows opens the Chinese text correctly; a
    workbook has one sheet named ``sheet`` with ``headers`` and is byte-for-byte the same
    for the same table.

    Examples:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "t.csv"
        >>> write_table_file(pd.DataFrame({"a": [1]}), path, "csv").read_bytes()[:4]
        b'\\xef\\xbb\\xbfa'
    """
    if fmt == "xlsx":
        from openpyxl import Workbook

        from analysis.export.xlsx import save_workbook, write_table

        workbook = Workbook()
        workbook.active.title = sheet
        write_table(workbook.active, frame, headers=headers, freeze=freeze)
        return save_workbook(workbook, output)
    text = table_text(frame, fmt)
    if output is None:
        sys.stdout.write(text)
        return None
    return write_text_atomic(output, text, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
