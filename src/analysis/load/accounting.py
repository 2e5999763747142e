"""The load report: every rejected row with its place and reason, and row counts per table."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field

import pandas as pd

from analysis.errors import UserError

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
class Skipped:
    """A row read but not data: a title, blank, 合计/小计 or footer (填表人) row.

    Attributes:
        table: English table name.
        file: File name the row came from.
        sheet: Sheet name, or None for CSV.
        row: Row number as Excel shows it (CSV: the line number).
        reason: Why it is not data, in Chinese with English in brackets.
        text: The row's first cell with text, shortened, so a reader can find it.
    """

    table: str
    file: str
    sheet: str | None
    row: int
    reason: str
    text: str | None = None

    def __str__(self) -> str:
        where = self.file + (f"［{self.sheet}］" if self.sheet else "")
        shown = f"“{self.text}”" if self.text else ""
        return f"{where} 第{self.row}行{shown}：{self.reason}"


@dataclass(frozen=True)
class TableCount:
    """Row accounting for one table: ``rows_read == accepted + rejected + skipped``."""

    table: str
    file: str | None
    sheet: str | None
    encoding: str | None
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rows_skipped: int = 0

    def __post_init__(self) -> None:
        # Not an ``assert`` statement: this must hold even under ``python -O``.
        total = self.rows_accepted + self.rows_rejected + self.rows_skipped
        if self.rows_read != total:
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
    skipped: list[Skipped] = field(default_factory=list)
    #: Where the programme name came from (项目信息, --programme, a sheet title, the file name).
    programme_source: str | None = None
    #: Titles of sheets that hold no table (a 封面), which may name the programme.
    sheet_titles: list[str] = field(default_factory=list)

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
            "跳过 skipped",
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
                str(c.rows_skipped),
            )
            for c in self.counts.values()
        ]
        lines = [_format_row(row, _widths([header, *body])) for row in [header, *body]]
        if self.programme_source:
            lines += ["", f"项目名称 (programme): {self.programme_source}"]
        if self.skipped:
            lines += ["", "跳过的行 (rows skipped, not data):", *(f"  - {r}" for r in self.skipped)]
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
