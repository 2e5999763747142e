"""A user's mapping file: sheet names, headers and cell values they cannot rename in place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.errors import UserError
from analysis.load.cells import coerce_column, normalise_header
from analysis.load.text import read_csv
from analysis.schema import TABLES

_KINDS = {"工作表": "sheet", "sheet": "sheet", "表头": "header", "header": "header",
          "列名": "header", "取值": "value", "value": "value", "值": "value"}  # fmt: skip
_COLUMNS = {
    "类型": "kind",
    "kind": "kind",
    "表": "table",
    "table": "table",
    "原文": "from",
    "from": "from",
    "改为": "to",
    "to": "to",
    "列": "column",
    "column": "column",
}


@dataclass
class Mapping:
    """What a mapping file says: sheet → table, header → column, value → value.

    Attributes:
        sheets: Normalised sheet or CSV file name → table name.
        headers: Table name → {header as written → column name}.
        values: (table name, column name) → {cell text → what it means}.
        source: The file it was read from, for the load report.
    """

    sheets: dict[str, str] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    values: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    source: str | None = None


def _table(text: str, where: str) -> str:
    key = normalise_header(text)
    for name, table in TABLES.items():
        if key in {normalise_header(n) for n in table.sheet_names}:
            return name
    raise UserError(f"{where}：没有名为“{text}”的表 (unknown table)")


def _column(table: str, text: str, where: str) -> str:
    key = normalise_header(text)
    for column in TABLES[table].columns:
        if key in {normalise_header(h) for h in column.headers}:
            return column.name
    raise UserError(f"{where}：“{TABLES[table].zh}”表没有“{text}”列 (unknown column)")


def _check_value(table: str, column: str, target: str, where: str) -> None:
    """A category value a mapping gives must be one the column knows (自行投资实施, 路演 …)."""
    spec = TABLES[table].column(column)
    if spec.kind != "category":
        return
    result = coerce_column(pd.Series([target], dtype=object), spec, frozenset())
    if result.errors[0] is not None:
        allowed = "/".join((spec.choices or {}).values())
        raise UserError(f"{where}：“{target}”不是“{spec.zh}”的取值，应为 {allowed} (unknown value)")


def read_mapping(path: str | os.PathLike) -> Mapping:
    """Read a mapping CSV (UTF-8 or GB18030) with columns 类型, 表, 原文, 改为, 列.

    类型 is 工作表 (a sheet or CSV file name → a table), 表头 (a header → a column of 表)
    or 取值 (a cell value of column 列 of 表 → a value the loader knows). English headers
    kind, table, from, to, column and kinds sheet, header, value work too.

    Raises:
        UserError: the file is missing, a row names an unknown kind, table or column, or
            a required cell is blank; the message gives the line.

    Examples:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "map.csv"
        >>> _ = p.write_text("类型,表,原文,改为,列\\n工作表,,我的台账,签约,\\n"
        ...     "表头,签约,签订时间,签约日期,\\n取值,签约,产业化,自行投资实施,转化方式\\n",
        ...     encoding="gb18030")
        >>> m = read_mapping(p)
        >>> m.sheets, m.headers
        ({'我的台账': 'signings'}, {'signings': {'签订时间': 'date'}})
        >>> m.values
        {('signings', 'mode'): {'产业化': '自行投资实施'}}
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到映射文件 (no such mapping file): {path}")
    rows, _ = read_csv(path)
    if not rows:
        raise UserError(f"映射文件为空 (empty mapping file): {path}")
    header = [_COLUMNS.get(normalise_header(h)) for h in rows[0]]
    if not {"kind", "from", "to"} <= set(header):
        raise UserError(
            f"{path.name}：映射文件应有列 类型、表、原文、改为、列 (kind, table, from, to, column)"
        )
    mapping = Mapping(source=path.name)
    for number, row in enumerate(rows[1:], start=2):
        cells = {h: str(v).strip() for h, v in zip(header, row, strict=False) if h}
        if not any(cells.values()):
            continue
        where = f"{path.name} 第{number}行"
        kind = _KINDS.get(normalise_header(cells.get("kind", "")))
        source, target = cells.get("from", ""), cells.get("to", "")
        if kind is None or not source or not target:
            raise UserError(
                f"{where}：类型应为 工作表/表头/取值，原文和改为不能为空 (bad mapping row)"
            )
        if kind == "sheet":
            mapping.sheets[normalise_header(source)] = _table(target, where)
            continue
        table = _table(cells.get("table", ""), where)
        if kind == "header":
            mapping.headers.setdefault(table, {})[source] = _column(table, target, where)
        else:
            if not cells.get("column"):
                raise UserError(
                    f"{where}：取值行须在“列”中写明是哪一列 (value row without a column)"
                )
            column = _column(table, cells["column"], where)
            _check_value(table, column, target, where)
            mapping.values.setdefault((table, column), {})[source] = target
    return mapping
