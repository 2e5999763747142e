"""Load a ledger workbook or CSV folder into validated tables, accounting for every row.

Rules the loader follows (also in the ``validate`` command's help):

* A workbook has one sheet per table, found by ``Table.sheet_names`` ignoring case and
  spaces; a folder holds one CSV per table, found by file stem the same way. Hidden sheets
  and unknown sheets are ignored with a warning; missing tables are empty, with a warning.
* The header row is the row, among the first 10, that matches the most known headers, so
  title and note rows above it are fine. Unknown headers are ignored with a warning.
* Fully blank rows are skipped and not counted. Every other row below the header is *read*
  and ends up either *accepted* or *rejected*: ``rows_read == rows_accepted + rows_rejected``.
* A table missing a required column gets one table-level rejection (row ``None``) per
  missing column, and all its rows count as rejected: nothing from it is used.
* A row with several problems gets one rejection per problem and counts once.
* References are checked against the *accepted* rows of the referenced table, in workbook
  order (events before signings before conversions); a reference to a table that is absent
  is dangling.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis import paths
from analysis.coerce import (
    UNIT_LABELS,
    cell_text,
    coerce_column,
    header_scale,
    is_blank,
    normalise_header,
    qualifier_categorical,
)
from analysis.encoding import DecodeError, decode_text, repair_mojibake
from analysis.errors import UserError
from analysis.ledger import Ledger
from analysis.schema import LEDGER_TABLES, QUALIFIERS, TABLES, Table
from analysis.schema_checks import (
    LONG_TABLES,
    empty_frame,
    has_companion,
    output_columns,
    table_schema,
)
from analysis.sheet_reader import read_sheets, reraise_interrupts

#: How many rows from the top of a sheet are searched for the header row.
HEADER_SEARCH_ROWS = 10
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
REQUIRED_MISSING = "必填项为空 (required value missing)"
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"

_REJECTION_FIELDS = ("table", "file", "sheet", "row", "column", "value", "reason")


@dataclass(frozen=True)
class Rejection:
    """One problem with one cell, one row or a whole table.

    Attributes:
        table: English table name.
        file: File name the row came from.
        sheet: Sheet name, or None for CSV.
        row: Row number as Excel shows it (CSV: the record's line number), or None for a
            problem with the whole table.
        column: The header as the user wrote it (the Chinese header when it is missing).
        value: The cell as text, or None when empty.
        reason: What is wrong, in Chinese with English in brackets.
    """

    table: str
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file + (f"［{self.sheet}］" if self.sheet else "")
        where += f" 第{self.row}行" if self.row is not None else " 整表"
        if self.column:
            where += f"“{self.column}”列"
        shown = f" 值“{self.value}”" if self.value is not None else ""
        return f"{where}{shown}：{self.reason}"


@dataclass(frozen=True)
class TableCount:
    """Row accounting for one table; ``rows_read == rows_accepted + rows_rejected``."""

    table: str
    file: str | None
    sheet: str | None
    encoding: str | None
    rows_read: int
    rows_accepted: int
    rows_rejected: int

    def __post_init__(self) -> None:
        # Not an ``assert`` statement: this must hold even under ``python -O``.
        if self.rows_read != self.rows_accepted + self.rows_rejected:
            raise AssertionError(f"row accounting broken for {self.table}: {self}")


@dataclass
class LoadReport:
    """What the loader did: counts per table, every rejection, and warnings.

    Examples:
        >>> report = LoadReport()
        >>> report.ok, len(report.to_frame())
        (True, 0)
    """

    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, TableCount] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing was rejected (warnings do not count)."""
        return not self.rejections

    def to_frame(self) -> pd.DataFrame:
        """Rejections as a DataFrame (columns as in ``Rejection``; ``row`` is Int64).

        Examples:
            >>> list(LoadReport().to_frame().columns)
            ['table', 'file', 'sheet', 'row', 'column', 'value', 'reason']
        """
        frame = pd.DataFrame(
            [asdict(r) for r in self.rejections], columns=list(_REJECTION_FIELDS), dtype=object
        )
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def summary(self) -> str:
        """Plain-text table of row counts per table, then the warnings.

        Examples:
            >>> LoadReport().summary().split("  ")[:3]
            ['表 table', '文件 file', '工作表 sheet']
        """
        header = (
            "表 table",
            "文件 file",
            "工作表 sheet",
            "编码 encoding",
            "读取 read",
            "接受 accepted",
            "拒绝 rejected",
        )
        body = [
            (
                c.table,
                c.file or "-",
                c.sheet or "-",
                c.encoding or "-",
                str(c.rows_read),
                str(c.rows_accepted),
                str(c.rows_rejected),
            )
            for c in self.counts.values()
        ]
        lines = [_format_row(row, _widths([header, *body])) for row in [header, *body]]
        if self.warnings:
            lines += ["", "提示 (warnings):", *(f"  - {w}" for w in self.warnings)]
        return "\n".join(line.rstrip() for line in lines)

    def problems(self) -> str:
        """Every rejection, one per line.

        Examples:
            >>> LoadReport([Rejection("events", "a.csv", None, 3, "日期", "x", "坏")]).problems()
            'a.csv 第3行“日期”列 值“x”：坏'
        """
        return "\n".join(str(r) for r in self.rejections)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _widths(rows: list[tuple[str, ...]]) -> list[int]:
    return [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]


def _format_row(row: tuple[str, ...], widths: list[int]) -> str:
    return "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True))


class LedgerError(UserError):
    """Rows were rejected while loading with ``strict=True``; ``.report`` has the details.

    Examples:
        >>> problem = Rejection("events", "a.csv", None, 3, "日期", "x", "坏")
        >>> print(LedgerError(LoadReport([problem])))
        台账有 1 处问题 (1 problem(s) in the ledger):
        a.csv 第3行“日期”列 值“x”：坏
    """

    def __init__(self, report: LoadReport) -> None:
        self.report = report
        n = len(report.rejections)
        super().__init__(f"台账有 {n} 处问题 ({n} problem(s) in the ledger):\n{report.problems()}")


@cache
def read_divisions() -> pd.DataFrame:
    """The 97 divisions (大类) of GB/T 4754-2017 from ``data/reference``.

    Returns:
        Columns ``division_code`` ('01'..'97'), ``division_name``, ``section_code``,
        ``section_name``, all strings.

    Examples:
        >>> divisions = read_divisions()
        >>> len(divisions), divisions["division_code"].iloc[0]
        (97, '01')
    """
    if not paths.DIVISIONS_CSV.is_file():
        raise UserError(f"找不到行业分类参考表 (missing reference table): {paths.DIVISIONS_CSV}")
    frame = pd.read_csv(paths.DIVISIONS_CSV, dtype="str", encoding="utf-8", keep_default_na=False)
    return frame


def _division_codes() -> frozenset[str]:
    return frozenset(read_divisions()["division_code"])


# ---------------------------------------------------------------------------- reading sources


@dataclass
class _Source:
    """The raw cells of one table: one sheet or one CSV file."""

    table: Table
    file: str
    sheet: str | None
    encoding: str | None
    rows: list[list[object]]


def _name_lookup(tables: Iterable[str]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name in tables:
        for sheet_name in TABLES[name].sheet_names:
            lookup.setdefault(normalise_header(sheet_name), name)
    return lookup


def _read_sources(
    path: Path, tables: tuple[str, ...], report: LoadReport, fallback: str | None = None
) -> dict[str, _Source]:
    if not path.exists():
        raise UserError(f"找不到文件或文件夹 (no such file or folder): {path}")
    lookup = _name_lookup(tables)
    if path.is_dir():
        sources = _read_folder(path, lookup, report)
    elif path.suffix.lower() == ".csv":
        name = lookup.get(normalise_header(path.stem), fallback)
        if name is None:
            expected = "、".join(TABLES[t].zh for t in tables)
            raise UserError(
                f"CSV 文件名“{path.name}”不对应任何表，请以表名命名（{expected}）"
                f" (file name does not name a table)"
            )
        rows, encoding = _read_csv(path)
        if not rows:
            raise UserError(f"文件为空 (empty file): {path}")
        sources = {name: _Source(TABLES[name], path.name, None, encoding, rows)}
    elif path.suffix.lower() in WORKBOOK_SUFFIXES:
        sources = _read_workbook(path, lookup, report, fallback)
    else:
        raise UserError(
            f"不支持的文件类型 (unsupported file type) “{path.suffix}”: {path}；"
            "请提供 .xlsx 工作簿、.csv 文件或 CSV 文件夹"
        )
    if not sources:
        expected = "、".join(f"{TABLES[t].zh}（{t}）" for t in tables)
        raise UserError(
            f"在 {path} 中找不到任何可识别的表 (no known table found)；应有：{expected}"
        )
    return sources


def _read_folder(path: Path, lookup: dict[str, str], report: LoadReport) -> dict[str, _Source]:
    sources: dict[str, _Source] = {}
    for file in sorted(path.iterdir()):
        if not file.is_file() or file.name.startswith((".", "~$")):
            continue
        if file.suffix.lower() != ".csv":
            continue
        name = lookup.get(normalise_header(file.stem))
        if name is None:
            report.warnings.append(f"文件“{file.name}”不对应任何表，已忽略 (unknown file ignored)")
            continue
        if name in sources:
            report.warnings.append(
                f"文件“{file.name}”与“{sources[name].file}”都是“{TABLES[name].zh}”表，"
                f"只读取前一个 (duplicate table file ignored)"
            )
            continue
        rows, encoding = _read_csv(file)
        sources[name] = _Source(TABLES[name], file.name, None, encoding, rows)
    return sources


_DELIMITER_NAMES = {",": "逗号分隔", "\t": "制表符分隔", ";": "分号分隔"}


def _delimiter(text: str) -> str:
    """Comma, unless the first line is split by tabs (Excel's text exports) or semicolons.

    Examples:
        >>> _delimiter("编号\\t名称\\n"), _delimiter("编号;名称"), _delimiter("a,b;c\\n")
        ('\\t', ';', ',')
    """
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in _DELIMITER_NAMES}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(path: Path) -> tuple[list[list[object]], str | None]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件 (cannot read file) {path}: {exc.strerror}") from exc
    if data.startswith((_XLSX_MAGIC, _XLS_MAGIC)):
        raise UserError(
            f"{path.name} 是 Excel 工作簿而不是 CSV 文本 (an Excel workbook named .csv)："
            "请把扩展名改回 .xlsx，或在 Excel 中另存为 CSV"
        )
    if not data.strip():
        # An empty file in a folder is an empty table (the loader warns); alone it is an error.
        return [], None
    try:
        text, encoding = decode_text(data)
    except DecodeError as exc:
        raise UserError(f"{path}: {exc}") from exc
    delimiter = _delimiter(text)
    # strict: a quote left open would otherwise swallow every later row into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows: list[list[object]] = [list(r) for r in reader]
    except csv.Error as exc:
        raise UserError(
            f"{path.name} 第 {reader.line_num} 行 CSV 格式错误，多半是引号不配对"
            f" (malformed CSV, unbalanced quote): {exc}"
        ) from exc
    if delimiter != ",":
        encoding = f"{encoding}, {_DELIMITER_NAMES[delimiter]}"
    return rows, encoding


def _read_workbook(
    path: Path, lookup: dict[str, str], report: LoadReport, fallback: str | None
) -> dict[str, _Source]:
    from python_calamine import CalamineWorkbook

    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise UserError(f"无法读取文件 (cannot read file) {path}: {exc.strerror}") from exc
    if not head:
        raise UserError(f"文件为空 (empty file): {path}")
    if not head.startswith((_XLSX_MAGIC, _XLS_MAGIC)):
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            looks = "网页（HTML/XML），常见于业务系统导出的“Excel”"
        else:
            looks = "文本，可能是改了扩展名的 CSV"
        raise UserError(
            f"{path.name} 不是 Excel 工作簿 (not an Excel workbook)：内容像是{looks}；"
            "请用 Excel 打开后另存为 .xlsx，或改回 .csv"
        )
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        metadata = list(workbook.sheets_metadata)
    except BaseException as exc:  # calamine raises unrelated types, even Rust panics
        reraise_interrupts(exc)
        if type(exc).__name__ == "PasswordError":
            raise UserError(
                f"工作簿 {path.name} 设有打开密码，请在 Excel 中取消密码后另存再试"
                " (password-protected workbook)"
            ) from exc
        raise UserError(
            f"无法打开工作簿 {path.name}，文件可能已损坏 (corrupt or unreadable workbook): {exc}"
        ) from exc
    visible = [m for m in metadata if str(m.visible).endswith("Visible")]
    # Warnings about the choice of sheets, and the sheets to read, in workbook order.
    plan: list[str | tuple[str, str]] = []
    chosen: dict[str, str] = {}
    for meta in metadata:
        name = lookup.get(normalise_header(meta.name))
        if meta not in visible:
            plan.append(f"隐藏的工作表“{meta.name}”已忽略 (hidden sheet ignored)")
            continue
        if name is None and fallback is not None and len(visible) == 1:
            name = fallback
            plan.append(
                f"工作表“{meta.name}”按唯一的工作表读作“{TABLES[name].zh}”"
                f" (only sheet read as {name})"
            )
        if name is None:
            plan.append(f"工作表“{meta.name}”不对应任何表，已忽略 (unknown sheet ignored)")
            continue
        if name in chosen:
            plan.append(
                f"工作表“{meta.name}”与“{chosen[name]}”都是“{TABLES[name].zh}”表，"
                f"只读取前一个 (duplicate sheet ignored)"
            )
            continue
        chosen[name] = meta.name
        plan.append((name, meta.name))
    sheets = read_sheets(workbook, path, list(chosen.values()), xlsx=head.startswith(_XLSX_MAGIC))
    cells = {sheet.name: sheet for sheet in sheets}
    sources: dict[str, _Source] = {}
    for step in plan:
        if isinstance(step, str):
            report.warnings.append(step)
            continue
        name, sheet_name = step
        sheet = cells[sheet_name]
        report.warnings.extend(f"{path.name}［{sheet_name}］：{note}" for note in sheet.notes)
        sources[name] = _Source(TABLES[name], path.name, sheet_name, None, sheet.rows)
    return sources


# ---------------------------------------------------------------------------- one table


@dataclass
class _Accepted:
    """What later tables need from an earlier one to check references."""

    frame: pd.DataFrame
    rejected_rows: dict[str, int]


class _TableLoader:
    """Coerce and check the rows of one source, recording rejections in the report."""

    def __init__(
        self,
        source: _Source,
        report: LoadReport,
        divisions: frozenset[str],
        accepted: dict[str, _Accepted],
    ) -> None:
        self.source = source
        self.table = source.table
        self.report = report
        self.divisions = divisions
        self.accepted = accepted
        self.rejections: list[Rejection] = []
        #: Key value → Excel row of rejected rows, to explain references to them.
        self.rejected_keys: dict[str, int] = {}
        #: Column name → header as the user wrote it.
        self.written: dict[str, str] = {}
        #: Column name → multiplier from a unit in its header (合同金额（万元）: 10000).
        self.scales: dict[str, float] = {}

    def reject(self, row: int | None, column: str | None, value: object, reason: str) -> None:
        self.rejections.append(
            Rejection(
                self.table.name,
                self.source.file,
                self.source.sheet,
                row,
                column,
                cell_text(value),
                reason,
            )
        )

    def warn(self, text: str) -> None:
        where = self.source.file + (f"［{self.source.sheet}］" if self.source.sheet else "")
        self.report.warnings.append(f"{where}：{text}")

    def find_header(self) -> tuple[int, dict[int, str], dict[str, str]] | None:
        """Header row index, sheet column index → column name, column name → header text."""
        known = {normalise_header(h): c.name for c in self.table.columns for h in c.headers}
        best, best_score = None, 0
        for i, row in enumerate(self.source.rows[:HEADER_SEARCH_ROWS]):
            score = len({known[n] for n in map(normalise_header, row) if n in known})
            if score > best_score:
                best, best_score = i, score
        if best is None:
            return None
        positions: dict[int, str] = {}
        written: dict[str, str] = {}
        for j, cell in enumerate(self.source.rows[best]):
            if is_blank(cell):
                continue
            text = cell_text(cell)
            name = known.get(normalise_header(cell))
            if name is None:
                self.warn(f"未知列“{text}”已忽略 (unknown column ignored)")
            elif name in written:
                self.warn(
                    f"列“{text}”与“{written[name]}”是同一列，只读取前一个"
                    " (duplicate column ignored)"
                )
            else:
                positions[j] = name
                written[name] = text
                scale = header_scale(text, self.table.column(name))
                if scale is not None and scale[0] != 1.0:
                    self.scales[name] = scale[0]
                    self.warn(
                        f"“{text}”列中没有写单位的数字按{scale[1]}读取"
                        f" (plain numbers read in {scale[1]})"
                    )
        return best, positions, written

    def load(self) -> pd.DataFrame:
        header = self.find_header()
        if header is None:
            body = self.source.rows
            first_row = 1
        else:
            body = self.source.rows[header[0] + 1 :]
            first_row = header[0] + 2
        width = max((len(r) for r in self.source.rows), default=0)
        grid = np.full((len(body), width), None, dtype=object)
        if body and all(len(row) == width for row in body):
            grid[:] = body  # calamine sheets are rectangular: one bulk copy
        else:
            for i, row in enumerate(body):
                grid[i, : len(row)] = row
        excel_rows = np.arange(first_row, first_row + len(body), dtype="int64")
        nonblank = _nonblank_rows(grid)
        grid, excel_rows = grid[nonblank], excel_rows[nonblank]
        n = len(excel_rows)
        if header is None and n == 0:
            self.warn("工作表或文件为空，按空表处理 (empty sheet or file read as an empty table)")
            return self.finish(empty_frame(self.table), 0)
        if header is None:
            expected = "、".join(c.zh for c in self.table.columns if c.required)
            self.reject(
                None,
                None,
                None,
                f"前 {HEADER_SEARCH_ROWS} 行中找不到表头，应含：{expected} (no header row found)"
                + self.garbled_hint(),
            )
            return self.finish(empty_frame(self.table), n)
        _, positions, written = header
        missing = [c for c in self.table.columns if c.required and c.name not in written]
        for column in missing:
            self.reject(None, column.zh, None, f"缺少必填列“{column.zh}” (required column missing)")
        if missing:
            return self.finish(empty_frame(self.table), n)
        self.written = written
        extra = self.unnamed_cells(grid, self.source.rows[header[0]])
        return self.coerce(grid, excel_rows, positions, written, extra)

    def unnamed_cells(self, grid: np.ndarray, header_row: list[object]) -> dict[int, np.ndarray]:
        """Cells in columns without a header: CSV rows with them are rejected, sheets warn.

        In a CSV a row longer than the header almost always means an unquoted comma
        (1,200,000 split in three), which would shift or truncate values silently.
        """
        extra: dict[int, np.ndarray] = {}
        for j in range(grid.shape[1]):
            if j < len(header_row) and not is_blank(header_row[j]):
                continue
            filled = ~_blank_mask(grid[:, j])
            if not filled.any():
                continue
            if self.source.sheet is None:
                extra[j] = filled
            else:
                self.warn(
                    f"第 {j + 1} 列没有表头，其中 {int(filled.sum())} 个值已忽略"
                    " (values in a column without a header ignored)"
                )
        return extra

    def garbled_hint(self) -> str:
        """Explain a missing header that is really text garbled by a wrong encoding."""
        known = {normalise_header(h): h for c in self.table.columns for h in c.headers}
        for row in self.source.rows[:HEADER_SEARCH_ROWS]:
            for cell in row:
                if not isinstance(cell, str) or not cell.strip():
                    continue
                if "\ufffd" in cell:
                    return (
                        "；表头含有乱码字符“\ufffd”，文件曾用错误的编码打开并保存，原文已无法恢复"
                        " (garbled text: the file was saved in the wrong encoding)"
                    )
                repaired = repair_mojibake(cell.strip())
                if repaired is not None and normalise_header(repaired) in known:
                    return (
                        f"；表头是乱码（“{cell.strip()}”应为“{repaired}”），文件曾用错误的编码"
                        "打开并保存，请从原始 UTF-8 文件重新导出"
                        " (garbled header: the file was re-saved in the wrong encoding)"
                    )
        return ""

    def coerce(
        self,
        grid: np.ndarray,
        excel_rows: np.ndarray,
        positions: dict[int, str],
        written: dict[str, str],
        extra: dict[int, np.ndarray] | None = None,
    ) -> pd.DataFrame:
        table, n = self.table, len(excel_rows)
        index = pd.RangeIndex(n)
        # Raw cells stay object: inferring Arrow strings here and converting back costs more
        # than the coercion itself on big sheets.
        raw = {
            name: pd.Series(grid[:, j], index=index, dtype=object) for j, name in positions.items()
        }
        out: dict[str, pd.Series] = {}
        errors: dict[str, np.ndarray] = {}
        quals: dict[str, np.ndarray] = {}
        units: dict[str, np.ndarray] = {}
        empty = empty_frame(table)
        for column in table.columns:
            if column.name not in raw:
                out[column.name] = empty[column.name].reindex(index)
                if has_companion(table, column):
                    quals[column.name] = np.full(n, None, dtype=object)
                continue
            result = coerce_column(
                raw[column.name], column, self.divisions, scale=self.scales.get(column.name, 1.0)
            )
            out[column.name] = result.values
            errs = result.errors.copy()
            if column.required:
                errs[result.blank] = REQUIRED_MISSING
            errors[column.name] = errs
            if column.kind == "quantity":
                quals[column.name] = result.qualifiers
                units[column.name] = result.units
        if "year" in out and "date" in out:
            # A blank year is taken from the date; a year that is given is kept as written.
            derived = pd.array(out["date"].dt.year, dtype="Int64")
            out["year"] = out["year"].fillna(pd.Series(derived, index=index))
        if table.name in LONG_TABLES:
            self.long_table_columns(out, errors, quals, units)
        self.check_key(out, errors, excel_rows)
        self.check_refs(out, errors)

        rejected = np.zeros(n, dtype=bool)
        for errs in errors.values():
            rejected |= pd.notna(errs) & (errs != None)  # noqa: E711 (object array compare)
        for j, filled in (extra or {}).items():
            rejected |= filled
            for i in np.flatnonzero(filled):
                self.reject(
                    int(excel_rows[i]),
                    f"第{j + 1}列",
                    grid[i, j],
                    "该行比表头多出内容，多半是没加引号的逗号（如 1,200,000）"
                    " (more cells than headers: unquoted comma?)",
                )
        if table.key is not None:
            keys = out[table.key]
            for i in np.flatnonzero(rejected & keys.notna().to_numpy()):
                self.rejected_keys.setdefault(keys.iat[i], int(excel_rows[i]))
        checked = [c.name for c in table.columns if c.name in errors]
        for i in np.flatnonzero(rejected):
            for name in checked:
                reason = errors[name][i]
                if reason is not None:
                    self.reject(int(excel_rows[i]), written[name], raw[name].iat[i], reason)
        data: dict[str, object] = {}
        for column in table.columns:
            data[column.name] = out[column.name]
            if has_companion(table, column):
                data[f"{column.name}_qualifier"] = qualifier_categorical(quals[column.name])
        data["_row"] = excel_rows
        frame = pd.DataFrame(data, index=index)[output_columns(table)]
        frame = frame.loc[~rejected].reset_index(drop=True)
        frame = self.gate(frame)
        return self.finish(frame, n)

    def long_table_columns(
        self,
        out: dict[str, pd.Series],
        errors: dict[str, np.ndarray],
        quals: dict[str, np.ndarray],
        units: dict[str, np.ndarray],
    ) -> None:
        """Statistics: explicit unit/qualifier columns win; blanks come from the value text."""
        n = len(out["value"])
        qualifier_codes = {normalise_header(k): k for k in QUALIFIERS} | {
            normalise_header(v): k for k, v in QUALIFIERS.items()
        }
        unit_codes = {normalise_header(k): k for k in UNIT_LABELS}
        for name, codes, parsed, what in (
            ("qualifier", qualifier_codes, quals.get("value"), "限定 qualifier"),
            ("unit", unit_codes, units.get("value"), "单位 unit"),
        ):
            given = out[name].to_numpy(dtype=object, na_value=None)
            lookup = {v: codes.get(normalise_header(v), "?") for v in pd.unique(out[name].dropna())}
            mapped = np.array(pd.Series(given).map(lookup).astype(object), dtype=object)
            mapped[pd.isna(mapped)] = None
            bad = mapped == "?"
            if bad.any():
                errs = errors.setdefault(name, np.full(n, None, dtype=object))
                errs[bad] = f"未知的{what}，应为 {'/'.join(dict.fromkeys(codes.values()))}"
                mapped[bad] = None
            if parsed is not None:
                mapped = np.where(pd.isna(given), parsed, mapped)
            if name == "qualifier":
                out[name] = pd.Series(qualifier_categorical(mapped), index=out["value"].index)
            else:
                out[name] = pd.Series(pd.array(mapped, dtype="str"), index=out["value"].index)

    def check_key(
        self, out: dict[str, pd.Series], errors: dict[str, np.ndarray], excel_rows: np.ndarray
    ) -> None:
        key = self.table.key
        if key is None:
            return
        values = out[key]
        present = values.notna().to_numpy()
        dup = values.duplicated(keep="first").to_numpy() & present
        if not dup.any():
            return
        first = pd.Series(excel_rows[present & ~dup], index=values[present & ~dup].to_numpy())
        errs = errors[key]
        for i in np.flatnonzero(dup):
            row = int(first[values.iat[i]])
            reason = f"编号重复，首次出现在第 {row} 行 (duplicate id, first at row {row})"
            errs[i] = reason if errs[i] is None else errs[i]

    def check_refs(self, out: dict[str, pd.Series], errors: dict[str, np.ndarray]) -> None:
        for column in self.table.columns:
            if not column.ref or column.ref.startswith("divisions.") or column.name not in errors:
                continue
            ref_table, ref_column = column.ref.split(".")
            target = self.accepted.get(ref_table)
            values = out[column.name]
            given = values.notna().to_numpy() & (errors[column.name] == None)  # noqa: E711
            if not given.any():
                continue
            zh = TABLES[ref_table].zh
            known = target.frame[ref_column] if target is not None else pd.Series(dtype="str")
            # Positions in the referenced key column (unique once loaded), by an object hash
            # table: isin on Arrow strings goes through Python lists.
            position = pd.Index(known.to_numpy(dtype=object)).get_indexer(
                values.to_numpy(dtype=object)
            )
            found = position >= 0
            errs = errors[column.name]
            for i in np.flatnonzero(given & ~found):
                value = values.iat[i]
                if target is None:
                    errs[i] = f"没有“{zh}”表，无法核对编号 (refers to missing table {ref_table})"
                elif value in target.rejected_rows:
                    row = target.rejected_rows[value]
                    errs[i] = (
                        f"对应的“{zh}”第 {row} 行已被拒绝 (refers to a rejected {ref_table} row)"
                    )
                else:
                    errs[i] = f"“{zh}”表中没有这个编号 (unknown {ref_table} id)"
            if column.ref == "signings.signing_id" and target is not None:
                stages = target.frame["stage"].to_numpy(dtype=object)
                signed = np.zeros(len(values), dtype=bool)
                signed[found] = stages[position[found]] == "signed"
                for i in np.flatnonzero(given & found & ~signed):
                    errs[i] = (
                        f"对应签约仍为“{SIGNING_LABEL_INTENTION}”阶段，不能落地 "
                        "(signing is not at stage signed)"
                    )

    def gate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Validate with pandera; rows it fails become rejections (should be none)."""
        schema = table_schema(self.table, self.divisions)
        try:
            schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            bad_rows: set[int] = set()
            for case in cases.itertuples(index=False):
                reason = f"数据检查未通过 (schema check failed): {case.check}"
                name = str(case.column).removesuffix("_qualifier")
                header = self.written.get(name, case.column)
                if pd.isna(case.index):
                    self.reject(None, header, None, reason)
                    return frame.iloc[0:0]
                position = int(case.index)
                bad_rows.add(position)
                self.reject(int(frame["_row"].iat[position]), header, case.failure_case, reason)
            frame = frame.drop(index=sorted(bad_rows)).reset_index(drop=True)
        return frame

    def finish(self, frame: pd.DataFrame, rows_read: int) -> pd.DataFrame:
        rows = [r.row for r in self.rejections if r.row is not None]
        table_level = any(r.row is None for r in self.rejections)
        rejected = rows_read if table_level else len(set(rows))
        if table_level:
            frame = empty_frame(self.table)
        self.rejections.sort(key=lambda r: (r.row is not None, r.row or 0))
        self.report.rejections.extend(self.rejections)
        self.report.counts[self.table.name] = TableCount(
            self.table.name,
            self.source.file,
            self.source.sheet,
            self.source.encoding,
            rows_read,
            len(frame),
            rejected,
        )
        return frame


SIGNING_LABEL_INTENTION = TABLES["signings"].column("stage").choices["intention"]


def _nonblank_rows(grid: np.ndarray) -> np.ndarray:
    """Rows with at least one non-blank cell.

    Columns are checked left to right on the rows not yet known to hold something, so a
    sheet whose first column (the id) is filled costs one column's check, not all of them.
    """
    nonblank = np.zeros(len(grid), dtype=bool)
    for j in range(grid.shape[1] if grid.ndim == 2 else 0):
        rest = np.flatnonzero(~nonblank)
        if not len(rest):
            break
        nonblank[rest] = ~_blank_mask(grid[rest, j])
    return nonblank


def _blank_mask(cells: np.ndarray) -> np.ndarray:
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        blank = np.array([not v.strip() for v in uniques] + [True], dtype=bool)
    else:
        blank = np.array([is_blank(v) for v in uniques] + [True], dtype=bool)
    return blank[np.where(codes < 0, len(uniques), codes)]


# ---------------------------------------------------------------------------- public API


def _load_tables(
    path: str | Path, tables: tuple[str, ...], fallback: str | None = None
) -> tuple[dict[str, pd.DataFrame], LoadReport]:
    report = LoadReport()
    sources = _read_sources(Path(path), tables, report, fallback)
    divisions = _division_codes()
    accepted: dict[str, _Accepted] = {}
    frames: dict[str, pd.DataFrame] = {}
    for name in tables:
        # Popped, so that a table's raw cells can be freed once it is loaded.
        source = sources.pop(name, None)
        if source is None:
            report.warnings.append(f"缺少“{TABLES[name].zh}”表，按空表处理 (table {name} missing)")
            frames[name] = empty_frame(TABLES[name])
            continue
        loader = _TableLoader(source, report, divisions, accepted)
        frame = loader.load()
        frames[name] = frame
        accepted[name] = _Accepted(frame, loader.rejected_keys)
    return frames, report


def load_ledger(path: str | Path, *, strict: bool = False) -> Ledger:
    """Load a ledger workbook (``.xlsx``), a folder of CSV files, or one CSV file.

    Args:
        path: The workbook, folder or CSV file.
        strict: Raise ``LedgerError`` listing every problem if any row is rejected.

    Returns:
        A ``Ledger`` of accepted rows; ``ledger.report`` is the ``LoadReport``.

    Raises:
        UserError: The path is missing or unreadable (corrupt workbook, unknown encoding).
        LedgerError: ``strict`` and something was rejected.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "转化落地.csv").write_text(
        ...     "落地编号,签约编号,落地日期,落地金额\\nC1,S1,2023/10/28,120万元\\n",
        ...     encoding="utf-8",
        ... )
        >>> ledger = load_ledger(folder)
        >>> ledger.report.counts["conversions"].rows_rejected
        1
        >>> ledger.report.rejections[0].reason
        '没有“签约”表，无法核对编号 (refers to missing table signings)'
    """
    frames, report = _load_tables(path, LEDGER_TABLES)
    if strict and not report.ok:
        raise LedgerError(report)
    return Ledger(**frames, report=report)


def load_statistics(path: str | Path, *, strict: bool = True) -> pd.DataFrame:
    """Load the statistics long table from a CSV file, a CSV folder or a workbook.

    A single CSV file is read as the statistics table whatever its name; in a workbook
    the sheet named like the table (统计/statistics) is used, or the only visible sheet.

    Args:
        path: The file or folder.
        strict: Raise ``LedgerError`` if any row is rejected; otherwise the report is in
            ``frame.attrs["load_report"]``.

    Examples:
        >>> import tempfile, pathlib
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "stats.csv"
        >>> _ = file.write_text(
        ...     "项目,期间,指标代码,数值,来源\\n某项目,2023,deals_value,35.71亿元,a.docx\\n",
        ...     encoding="utf-8",
        ... )
        >>> frame = load_statistics(file)
        >>> frame.loc[0, "value"], frame.loc[0, "unit"], frame.loc[0, "qualifier"]
        (np.float64(3571000000.0), 'yuan', 'exact')
    """
    frames, report = _load_tables(path, ("statistics",), fallback="statistics")
    if strict and not report.ok:
        raise LedgerError(report)
    frame = frames["statistics"]
    if not strict:
        frame.attrs["load_report"] = report
    return frame


__all__ = [
    "LedgerError",
    "LoadReport",
    "Rejection",
    "TableCount",
    "load_ledger",
    "load_statistics",
    "read_divisions",
]
