"""A report as one text with its places (pages, paragraphs, table cells); text files read here."""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from analysis.errors import UserError
from analysis.load.text import DecodeError, decode_text

__all__ = [
    "TEXT_SUFFIXES",
    "Cell",
    "Document",
    "DocumentBuilder",
    "Part",
    "Table",
    "read_document",
    "read_report",
]

#: Suffixes read as plain text (decoded as UTF-8, UTF-8 with BOM, UTF-16 or GB18030).
TEXT_SUFFIXES = (".txt", ".text", ".md", "")


@dataclass(frozen=True)
class Part:
    """A stretch of the document text and where it is in the file.

    Attributes:
        start: Offset of its first character in ``Document.text``.
        end: Offset just after its last character.
        location: Where it is, as a reader names it (``第2页第3段``, ``第5段``).
    """

    start: int
    end: int
    location: str


@dataclass(frozen=True)
class Cell:
    """One cell of a table: its row and column (from 0) and its span in ``Document.text``."""

    row: int
    col: int
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A table of the document, its cells given as spans of ``Document.text``.

    Attributes:
        start: Offset of the table's first character.
        end: Offset just after its last character.
        rows: The cells, row by row (rows may have different lengths).
        location: The table's name for people (``表1``, ``第2页表1``, ``工作表“经费”``).
        cell_names: Optional names of the cells (``B3``) by (row, col), for spreadsheets.
    """

    start: int
    end: int
    rows: tuple[tuple[Cell, ...], ...]
    location: str
    cell_names: dict[tuple[int, int], str] = field(default_factory=dict, compare=False)

    def cell_location(self, cell: Cell) -> str:
        """Where a cell is, for people: ``表1第2行第3列`` or the sheet's cell name."""
        name = self.cell_names.get((cell.row, cell.col))
        if name:
            return f"{self.location}{name}"
        return f"{self.location}第{cell.row + 1}行第{cell.col + 1}列"


@dataclass(frozen=True)
class Document:
    """A report as one text, with the places of its parts and the tables found by its reader.

    Attributes:
        text: The whole text; table rows are cells joined by tabs, one row a line.
        parts: Paragraphs or pages, in order, with their location.
        tables: Tables the reader knew as tables (Word, PDF and spreadsheet tables); tables
            laid out in plain text are found later by ``analysis.extract.tables``.
        source: The file name, for the ``source`` column.
    """

    text: str
    parts: tuple[Part, ...] = ()
    tables: tuple[Table, ...] = ()
    source: str = ""

    @cached_property
    def _starts(self) -> list[int]:
        return [p.start for p in self.parts]

    def location(self, pos: int) -> str:
        """The location of the part holding offset ``pos`` ('' when none does).

        Examples:
            >>> d = Document("ab\\ncd", (Part(0, 2, "第1段"), Part(3, 5, "第2段")))
            >>> d.location(4)
            '第2段'
        """
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.parts[i].end:
            return self.parts[i].location
        return ""


class DocumentBuilder:
    """Build a ``Document`` from paragraphs and tables in reading order.

    Examples:
        >>> b = DocumentBuilder("r.docx")
        >>> b.paragraph("共举办3场活动", "第1段")
        >>> b.table([["项目", "金额（万元）"], ["会务", "2"]], "表1")
        >>> doc = b.build()
        >>> doc.text
        '共举办3场活动\\n项目\\t金额（万元）\\n会务\\t2'
        >>> cell = doc.tables[0].rows[1][1]
        >>> doc.text[cell.start:cell.end], doc.tables[0].cell_location(cell)
        ('2', '表1第2行第2列')
    """

    def __init__(self, source: str = "") -> None:
        self.source = source
        self.chunks: list[str] = []
        self.size = 0
        self.parts: list[Part] = []
        self.tables: list[Table] = []

    def _add(self, s: str) -> int:
        if self.chunks:
            self.chunks.append("\n")
            self.size += 1
        start = self.size
        self.chunks.append(s)
        self.size += len(s)
        return start

    def paragraph(self, text: str, location: str) -> None:
        """Add a paragraph (its own line breaks kept)."""
        start = self._add(text)
        self.parts.append(Part(start, self.size, location))

    def table(
        self,
        rows: list[list[str]],
        location: str,
        cell_names: dict[tuple[int, int], str] | None = None,
    ) -> None:
        """Add a table: one line per row, cells joined by tabs (tabs and breaks in a cell
        become spaces so that the layout stays a table)."""
        start_table = None
        out_rows = []
        for r, row in enumerate(rows):
            clean = [" ".join(str(c).split()) for c in row]
            line_start = self._add("\t".join(clean))
            if start_table is None:
                start_table = line_start
            cells, pos = [], line_start
            for c, value in enumerate(clean):
                cells.append(Cell(r, c, pos, pos + len(value)))
                pos += len(value) + 1
            out_rows.append(tuple(cells))
        if start_table is None:
            return
        self.parts.append(Part(start_table, self.size, location))
        self.tables.append(
            Table(start_table, self.size, tuple(out_rows), location, dict(cell_names or {}))
        )

    def build(self) -> Document:
        """The document made of what was added."""
        return Document("".join(self.chunks), tuple(self.parts), tuple(self.tables), self.source)


def text_document(text: str, source: str = "") -> Document:
    """A plain text as a document whose parts are its lines (``第N行``).

    Examples:
        >>> d = text_document("甲\\n\\n乙")
        >>> [p.location for p in d.parts], d.location(3)
        (['第1行', '第3行'], '第3行')
    """
    parts, pos = [], 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            parts.append(Part(pos, pos + len(line), f"第{n}行"))
        pos += len(line) + 1
    return Document(text, tuple(parts), (), source)


def read_text(path: Path) -> str:
    """Text in UTF-8 (with or without BOM), UTF-16 or GB18030, by the one decoder.

    Raises:
        UserError: The bytes are in none of those encodings.
    """
    try:
        text, _ = decode_text(path.read_bytes())
    except DecodeError as exc:
        raise UserError(f"{path} 既不是 UTF-8 也不是 GB18030 编码的文本：{exc}") from None
    return text


def read_document(path: str | os.PathLike) -> Document:
    """Read a report: .pdf, .docx, .xlsx, or text (.txt/.md) in UTF-8, UTF-16 or GB18030.

    Args:
        path: The report file.

    Returns:
        The ``Document``: its text and the location of every part (page, paragraph, line or
        table cell).

    Raises:
        UserError: Missing file, unknown suffix, unreadable file.

    Examples:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "r.txt"
        >>> _ = p.write_bytes("标题\\n签约35项".encode("gb18030"))
        >>> doc = read_document(p)
        >>> doc.text, doc.location(4), doc.source
        ('标题\\n签约35项', '第2行', 'r.txt')
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from analysis.extract.word import read_docx_document

        return read_docx_document(path)
    if suffix == ".pdf":
        from analysis.extract.pdf import read_pdf

        return read_pdf(path)
    if suffix in (".xlsx", ".xlsm"):
        from analysis.extract.sheets import read_xlsx

        return read_xlsx(path)
    if suffix not in TEXT_SUFFIXES:
        raise UserError(
            f"不支持的文件类型 {path.suffix}（{path}）：请提供 .txt、.md、.docx、.pdf 或 .xlsx"
        )
    return text_document(read_text(path), path.name)


def read_report(path: str | os.PathLike) -> str:
    """The text of a report (see ``read_document``), without its places.

    Examples:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "r.txt"
        >>> _ = p.write_bytes("签约35项".encode("gb18030"))
        >>> read_report(p)
        '签约35项'
    """
    return read_document(path).text
