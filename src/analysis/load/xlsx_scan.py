"""Scan an ``.xlsx`` before it is read: its bounds, uncached formulas, error cells, hidden parts."""

from __future__ import annotations

import bisect
import io
import posixpath
import re
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from analysis.load.package import UnsafePackageError, check_members, check_size

_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix
#: SpreadsheetML and its relationships, transitional first, then Strict OOXML (ISO 29500
#: strict, "Strict Open XML Spreadsheet" in Excel's Save As), which only renames them.
_MAIN_NS = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_REL_NS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Excel's sheet size: a cell beyond it is no cell Excel could have written.
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
#: At most this many cells between a sheet's first and last cell: the reader holds the
#: whole rectangle (about 32 bytes a cell), so one stray cell at XFD1048576 would ask for
#: 550 GB. 20 million cells (a million rows of 20 columns) is about 640 MB.
MAX_CELLS = 20_000_000
#: Each shared string takes at least ``<si/>`` (5 bytes); a larger declared count is a lie
#: the reader would believe (it reserves 24 bytes per declared string up front).
MIN_SHARED_STRING_BYTES = 5
#: Excel's error values (a cell of type ``e``), also typed as text; see ``analysis.load.cells``.
_ERROR_HINT = re.compile(rb"""\bt\s*=\s*["']e["']""")
#: A cell reference's column letters (``r="XFD5"``; a row's ``r="5"`` has none), and a row's number.
#: The quick look at a sheet's reach: column names of two letters or more and row numbers of
#: six digits or more, spelt as Excel and the libraries write them (``r="``), so that nearly
#: every attribute fails at its first byte; ``_ODD`` finds any other spelling of an ``r``
#: attribute (blanks around ``=``, single quotes), which sends the sheet to the full count.
#: ``_reach_refs`` finds what the first two match with numpy; they stay as its definition.
_WIDE_REF = re.compile(rb'r="([A-Z]{2,4})\d')
_BIG_ROW = re.compile(rb'r="[A-Z]{0,4}(\d{6,})')
_ODD = re.compile(rb"r(?:[ \t\r\n]+=|=[ \t\r\n'])")
#: What the quick look assumes when it finds no wider column or longer row number.
_NARROW, _SHORT = 26, 99_999
_CELL_LETTERS = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,4})\d""")
_CELL_ROW = re.compile(rb"""\sr\s*=\s*["'][A-Z]{1,4}(\d+)""")
_ROW_R = re.compile(rb"<" + _P + rb"""row\b[^>]*?\sr\s*=\s*["'](\d+)""")
_SST_HEAD = re.compile(rb"<" + _P + rb"sst\b([^>]*)>")
_UNIQUE_COUNT = re.compile(rb"""\buniqueCount\s*=\s*["'](\d+)["']""")
_DATE1904 = re.compile(rb"""\bdate1904\s*=\s*["'](?:1|true|on)["']""")
#: The end of a formula followed by no value or an empty one, then the end of the cell:
#: ``</f></c>``, ``</f><v></v></c>``, ``<f t="shared" si="0"/></c>``. A computed formula
#: always has ``<v>result</v>`` in between, so sheets without this pattern are not parsed.
_UNCACHED_HINT = re.compile(
    rb"(?:</" + _P + rb"f>|<" + _P + rb"f\b[^>]*/>)\s*"
    rb"(?:<" + _P + rb"v\s*/>|<" + _P + rb"v>\s*</" + _P + rb"v>)?\s*</" + _P + rb"c>"
)
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_ROW_TAG = re.compile(rb"<" + _P + rb"row\b([^>]*)>")
_COL_TAG = re.compile(rb"<" + _P + rb"col\b([^>]*)>")
_HIDDEN = re.compile(rb'\bhidden\s*=\s*["\'](?:1|true)["\']')
_ROW_NUMBER = re.compile(rb'\br\s*=\s*["\'](\d+)["\']')
_COL_SPAN = re.compile(rb'\bmin\s*=\s*["\'](\d+)["\'][^>]*?\bmax\s*=\s*["\'](\d+)["\']')
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_CHUNK = 1 << 20


class UnsafeWorkbookError(ValueError):
    """The workbook's XML declares entities (a possible entity bomb) or is not XML."""


@dataclass(frozen=True)
class UncachedFormula:
    """A formula cell whose result was never computed (no cached value in the file).

    Files written by scripts (openpyxl, pandas) hold formulas without results until
    Excel opens and saves them; a reader that only sees cached values gets an
    empty cell. The loader puts this marker in the cell so that the row is
    rejected instead of silently losing the value.

    Examples:
        >>> str(UncachedFormula("SUM(A2:A3)"))
        '=SUM(A2:A3)'
    """

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"


@dataclass(frozen=True)
class ErrorValue:
    """A cell holding one of Excel's error values (``#N/A``, ``#DIV/0!`` …).

    python-calamine reads such a cell as empty; the loader puts this marker in it so
    the row is rejected naming the error instead of being read as a blank.

    Examples:
        >>> str(ErrorValue("#DIV/0!"))
        '#DIV/0!'
    """

    code: str

    def __str__(self) -> str:
        return self.code


class Number1904(float):
    """A number from a workbook whose dates count from 1904-01-01 (``workbookPr date1904``).

    It is a float everywhere; only a date column reads it as a serial of the 1904 system,
    where 0 is 1904-01-01 (1,462 days after the 1900 system's day 0, 1899-12-30).

    Examples:
        >>> Number1904(3.5) + 1
        4.5
    """

    __slots__ = ()


def column_index(letters: str) -> int:
    """Zero-based index of an Excel column name.

    Examples:
        >>> column_index("A"), column_index("Z"), column_index("AA")
        (0, 25, 26)
    """
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _tag(elem, name: str) -> bool:
    """Whether ``elem`` is SpreadsheetML's ``name`` in either namespace."""
    return elem.tag in (f"{{{ns}}}{name}" for ns in _MAIN_NS)


def _sheet_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], str, bool]:
    """Sheet name → zip member, the shared-strings member, and whether dates count from 1904."""
    data = archive.read("xl/workbook.xml")
    if _DOCTYPE.search(data):
        raise UnsafeWorkbookError("xl/workbook.xml declares a document type or entities")
    workbook = SafeET.fromstring(data)
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    shared = "xl/sharedStrings.xml"
    for rel in rels.iter(f"{{{_PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id")] = posixpath.normpath(path)
        if rel.get("Type", "").endswith("/sharedStrings"):
            shared = posixpath.normpath(path)
    parts = {}
    for sheet in workbook.iter():
        if not _tag(sheet, "sheet"):
            continue
        rid = next((sheet.get(f"{{{ns}}}id") for ns in _REL_NS if sheet.get(f"{{{ns}}}id")), None)
        if rid in targets:
            parts[sheet.get("name")] = targets[rid]
    return parts, shared, bool(_DATE1904.search(data))


class _Counter:
    """The bytes that really come out of the package, against ``package.check_size``."""

    def __init__(self) -> None:
        self.total = 0
        self._lock = threading.Lock()  # sheets are scanned on several threads

    def add(self, info: zipfile.ZipInfo, size: int, chunk: int) -> None:
        with self._lock:
            self.total += chunk
            total = self.total
        check_size(info.filename, size, info.compress_size, total)


def _refuse_doctype(archive: zipfile.ZipFile, member: str, counter: _Counter) -> bytes:
    """Stream a part, refusing entity declarations; return its first chunk."""
    tail, first, size = b"", b"", 0
    info = archive.getinfo(member)
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            first = first or chunk
            size += len(chunk)
            counter.add(info, size, len(chunk))
            if _DOCTYPE.search(tail + chunk):
                raise UnsafeWorkbookError(f"{member} declares a document type or entities")
            tail = chunk[-16:]
    return first


def _check_shared_strings(member: str, first: bytes, size: int) -> None:
    """Refuse a shared-strings part that declares more strings than its bytes can hold."""
    head = _SST_HEAD.search(first[:4096])
    found = _UNIQUE_COUNT.search(head.group(1)) if head else None
    if found is None:
        return
    declared, possible = int(found.group(1)), size // MIN_SHARED_STRING_BYTES
    if declared > possible:
        raise UnsafePackageError(
            f"{member} 声明有 {declared} 个共享字符串，但它只有 {size} 字节，"
            f"最多容纳 {possible} 个；"
            "读取它会先申请巨量内存，拒绝读取 (declared string count larger than the part)"
        )


def _follows(window: np.ndarray, char: bytes, before: bytes) -> np.ndarray:
    """Positions of ``char`` in ``window`` (bytes as uint8) just after one of ``before``."""
    at = np.flatnonzero(window[1:] == ord(char)) + 1
    if len(at):
        at = at[np.isin(window[at - 1], np.frombuffer(before, np.uint8))]
    return at


def _inside(window: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The positions ``at`` that have a byte after them in ``window``."""
    return at[at + 1 < len(window)]


def _reach_hints(window: bytes) -> tuple[bool, bool]:
    """Whether a chunk may hold a document type declaration, or an ``r`` spelt oddly.

    The same answer as ``b"<!" in window``, and a superset of ``_ODD``'s matches, found
    with numpy, which looks at the bytes without holding the GIL: a large sheet is
    scanned beside other work.

    Examples:
        >>> _reach_hints(b"<!DOCTYPE x><c r = 'A1'/>"), _reach_hints(b'<c r="A1"/>')
        ((True, True), (False, False))
    """
    a = np.frombuffer(window, np.uint8)
    doctype = bool(len(_follows(a, b"!", b"<")))
    # _ODD: r, blanks, = or r, =, a blank or a single quote. Any = after a blank, or after
    # an r and before a blank or quote, sends the chunk to the regular expression.
    equals = np.flatnonzero(a[1:] == ord("=")) + 1
    blanks = np.frombuffer(b" \t\r\n", np.uint8)
    odd = bool(np.any(np.isin(a[equals - 1], blanks)))
    if not odd:
        inside = _inside(a, equals)
        after = a[inside + 1]
        odd = bool(
            np.any((a[inside - 1] == ord("r")) & (np.isin(after, blanks) | (after == ord("'"))))
        )
    return doctype, odd


#: Bytes looked at after each ``r="``: up to four letters, then the digits.
_REF_SPAN = 16


def _run(cells: np.ndarray, low: str, high: str) -> np.ndarray:
    """How many of each row's bytes, from the first, lie in ``low``–``high`` (at most all)."""
    inside = (cells >= ord(low)) & (cells <= ord(high))
    return np.where(inside.all(axis=1), cells.shape[1], np.argmax(~inside, axis=1))


def _positional(values: np.ndarray, count: np.ndarray, base: int) -> np.ndarray:
    """Each row's first ``count`` values read as one number in ``base`` (int64).

    Examples:
        >>> _positional(np.array([[1, 2, 3], [4, 5, 6]]), np.array([3, 1]), 10).tolist()
        [123, 4]
    """
    number = np.zeros(len(values), np.int64)
    for place in range(values.shape[1]):  # Horner's rule, one column at a time
        number = np.where(place < count, number * base + values[:, place], number)
    return number


def _reach_refs(window: bytes) -> tuple[int, int]:
    """The largest row and column that the ``r="…"`` references of a chunk reach.

    The row is the largest of six digits or more (``_BIG_ROW``: up to four letters, then
    the digits), else 0; the column the largest named with two to four letters followed
    by a digit (``_WIDE_REF``), else 0. The same numbers as those expressions' matches,
    found with numpy (see ``_reach_hints``).

    Examples:
        >>> _reach_refs(b'<c r="A1"/><c r="AB123456"/><c r="C7"/>')
        (123456, 28)
        >>> _reach_refs(b'<c r="ABCDE1234567"/><row r="5">')
        (0, 0)
    """
    a = np.frombuffer(window, np.uint8)
    quotes = np.flatnonzero(a[2:] == ord('"')) + 2
    opening = np.flatnonzero((a[quotes - 1] == ord("=")) & (a[quotes - 2] == ord("r")))
    if not len(opening):
        return 0, 0
    padded = np.concatenate([a, np.zeros(2 * _REF_SPAN, np.uint8)])
    start = quotes[opening] + 1
    # Most references are short (one letter, five digits or fewer): keep only those that
    # may reach, by the bytes before the next quote. Six digits need six bytes, seven
    # after a letter; two letters and a digit need three, the second a letter.
    length = np.append(quotes, len(a) + _REF_SPAN)[opening + 1] - start
    first, second = padded[start], padded[start + 1]
    long = (length >= 7) | ((length >= 6) & (first >= ord("0")) & (first <= ord("9")))
    maybe = long | ((length >= 3) & (second >= ord("A")) & (second <= ord("Z")))
    start, long = start[maybe], long[maybe]
    if not len(start):
        return 0, 0
    span = np.arange(_REF_SPAN)
    head = padded[start[:, None] + span[:5]]
    letters = _run(head, "A", "Z")  # 5: five letters or more, which neither expression takes
    fit = letters <= 4
    after = start + np.minimum(letters, 4)
    column, row = 0, 0
    wide = fit & (letters >= 2) & (padded[after] >= ord("0")) & (padded[after] <= ord("9"))
    if wide.any():
        named = head[wide, :4].astype(np.int64) - (ord("A") - 1)
        column = int(_positional(named, letters[wide], 26).max())
    long &= fit
    digits = padded[after[long][:, None] + span]
    count = _run(digits, "0", "9")
    big = count >= 6
    longest = big & (count >= _REF_SPAN)
    for at in after[long][longest]:  # longer than the span: read the whole run
        row = max(row, int(re.match(rb"\d+", window[int(at) :]).group()))
    short = big & ~longest
    if short.any():
        row = max(row, int(_positional(digits[short] - ord("0"), count[short], 10).max()))
    return row, column


def _row_ends(chunk: bytes) -> int:
    """``chunk.count(b"row>") - chunk.count(b"<row>")``, counted with numpy (no GIL).

    Examples:
        >>> _row_ends(b'<row r="1"><c/></row><row><c/></row><x:row/>')
        2
    """
    a = np.frombuffer(chunk, np.uint8)
    at = np.flatnonzero(a == ord("w"))
    at = at[(at >= 2) & (at + 1 < len(a))]
    ends = at[(a[at + 1] == ord(">")) & (a[at - 1] == ord("o")) & (a[at - 2] == ord("r"))]
    opened = ends[ends >= 3]
    return len(ends) - int(np.count_nonzero(a[opened - 3] == ord("<")))


def _detail_hints(window: bytes) -> tuple[bool, bool]:
    """Whether a chunk may hold a formula element, or a cell typed as an error.

    The same answers as ``b"<f" in window or b"/f>" in window or b":f" in window``
    (an ``<f>``, a prefixed ``<x:f>`` or the end of one) and ``b"'e'" in window or
    b'"e"' in window``, found with numpy (see ``_reach_hints``).

    Examples:
        >>> _detail_hints(b'<c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
        (True, True)
        >>> _detail_hints(b"</x:f></c>"), _detail_hints(b'<c t="inlineStr"><is><t>e</t></is></c>')
        ((True, False), (False, False))
    """
    a = np.frombuffer(window, np.uint8)
    closing = _inside(a, _follows(a, b"f", b"/"))
    formula = bool(len(_follows(a, b"f", b"<:"))) or bool(np.any(a[closing + 1] == ord(">")))
    quoted = _inside(a, _follows(a, b"e", b"'\""))
    error = bool(np.any(a[quoted + 1] == a[quoted - 1]))
    return formula, error


@dataclass
class _Pass:
    """What one streaming pass over a sheet found."""

    formulas: bool = False
    errors: bool = False
    rows: set[int] = field(default_factory=set)
    columns: set[int] = field(default_factory=set)
    last_row: int = 0
    row_tags: int = 0
    last_column: int = 0
    odd: bool = False


def _reach_pass(
    archive: zipfile.ZipFile, member: str, counter: _Counter, keep: list[bytes] | None = None
) -> _Pass:
    """Stream a sheet once for what must be known before a reader allocates for it: how far
    its cells reach, the bytes it inflates to, and no document type declaration.

    A document type declaration is refused on the way: sheets never need one, and it is
    how entity bombs and external entities get in. The inflated chunks go into ``keep``
    when it is given.
    """
    found = _Pass()
    tail, size = b"", 0
    info = archive.getinfo(member)
    widest = 0
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            counter.add(info, size, len(chunk))
            if keep is not None:
                keep.append(chunk)
            window = tail + chunk
            # Cheap looks first (_reach_hints): the regular expressions cost more than the
            # decompression on a large sheet, and most chunks cannot match them.
            doctype, odd = _reach_hints(window)
            if doctype and _DOCTYPE.search(window):
                raise UnsafeWorkbookError(f"{member} declares a document type or entities")
            # How far the cells reach: the reader holds the whole rectangle up to the
            # last row and column.
            row, column = _reach_refs(window)
            found.last_row = max(found.last_row, row)
            widest = max(widest, column)
            found.odd = found.odd or (odd and bool(_ODD.search(window)))
            # Rows without an r attribute are numbered one after another: count their ends.
            found.row_tags += _row_ends(chunk)
            tail = chunk[-256:]
    found.last_column = widest or _NARROW
    if found.odd or max(found.last_row, found.row_tags, _SHORT) * found.last_column > MAX_CELLS:
        found.last_row, found.last_column = _exact_extent(archive, member)
    return found


class Inflated:
    """A sheet's XML as it inflated, in the chunks it came in: searched and sliced in place,
    since joining 10^8 bytes would copy them into memory the process has not touched yet.

    Examples:
        >>> xml = Inflated([b"<a><row", b' r="1"/></a>'])
        >>> len(xml), xml.find(b'<row r="'), xml.rfind(b"</a>"), bytes(b"".join(xml.views(3, 9)))
        (19, 3, 15, b'<row r')
    """

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.offsets = [0]
        for chunk in chunks:
            self.offsets.append(self.offsets[-1] + len(chunk))

    def __len__(self) -> int:
        return self.offsets[-1]

    def _edge(self, i: int, n: int) -> tuple[int, bytes]:
        """Where the bytes around the end of chunk ``i`` start, and they (``n - 1`` a side)."""
        chunk = self.chunks[i]
        left = chunk[max(len(chunk) - (n - 1), 0) :]
        return self.offsets[i] + len(chunk) - len(left), left + self.chunks[i + 1][: n - 1]

    def find(self, needle: bytes, start: int = 0, end: int | None = None) -> int:
        """The first ``needle`` wholly in ``start``–``end``, as ``bytes.find``; -1 if none."""
        end = len(self) if end is None else end
        n, last = len(needle), len(self.chunks) - 1
        i = max(bisect.bisect_right(self.offsets, start) - 1, 0)
        while i <= last and self.offsets[i] < end:
            base = self.offsets[i]
            at = self.chunks[i].find(needle, max(start - base, 0))
            if at >= 0:
                return base + at if base + at + n <= end else -1
            if i < last and n > 1:
                where, edge = self._edge(i, n)
                at = edge.find(needle, max(start - where, 0))
                if at >= 0:
                    return where + at if where + at + n <= end else -1
            i += 1
        return -1

    def rfind(self, needle: bytes) -> int:
        """The last ``needle``, as ``bytes.rfind``; -1 if none."""
        n = len(needle)
        for i in range(len(self.chunks) - 1, -1, -1):
            if i + 1 < len(self.chunks) and n > 1:
                where, edge = self._edge(i, n)
                if (at := edge.rfind(needle)) >= 0:
                    return where + at
            if (at := self.chunks[i].rfind(needle)) >= 0:
                return self.offsets[i] + at
        return -1

    def views(self, start: int, end: int):
        """The bytes from ``start`` to ``end``, as views of the chunks they lie in."""
        i = max(bisect.bisect_right(self.offsets, start) - 1, 0)
        while i < len(self.chunks) and self.offsets[i] < end:
            base = self.offsets[i]
            view = memoryview(self.chunks[i])[max(start - base, 0) : max(end - base, 0)]
            if len(view):
                yield view
            i += 1


def _chunks(archive: zipfile.ZipFile, member: str, xml: Inflated | None):
    """A sheet's XML in chunks: inflated from ``archive``, or those of ``xml`` when given."""
    if xml is not None:
        yield from xml.chunks
        return
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk


def _detail_pass(archive: zipfile.ZipFile, member: str, xml: Inflated | None = None) -> _Pass:
    """Stream a sheet once more: may a formula lack its value, or a cell hold an error? Which
    rows and columns are hidden? (``_reach_pass`` has counted and checked the same bytes,
    and may have kept them: ``xml``.)
    """
    found = _Pass()
    tail = b""
    for chunk in _chunks(archive, member, xml):
        window = tail + chunk
        formula, error = _detail_hints(window)
        found.formulas = found.formulas or (formula and bool(_UNCACHED_HINT.search(window)))
        found.errors = found.errors or bool(error and _ERROR_HINT.search(window))
        # A plain byte search rules out hidden rows and columns in most chunks;
        # matching every row tag of a large sheet costs more than reading it.
        if b"hidden" in window:
            for attributes in _ROW_TAG.findall(window):
                if _HIDDEN.search(attributes) and (number := _ROW_NUMBER.search(attributes)):
                    found.rows.add(int(number.group(1)))
            for attributes in _COL_TAG.findall(window):
                span = _COL_SPAN.search(attributes)
                if _HIDDEN.search(attributes) and span:
                    found.columns.update(range(int(span.group(1)), int(span.group(2)) + 1))
        tail = chunk[-256:]
    return found


def _exact_extent(archive: zipfile.ZipFile, member: str) -> tuple[int, int]:
    """The last row and column any row or cell of a sheet names, however it is spelt."""
    last_row, columns, tail = 0, set(), b""
    for chunk in _chunks(archive, member, None):
        window = tail + chunk
        columns.update(_CELL_LETTERS.findall(window))
        numbers = _ROW_R.findall(window) + _CELL_ROW.findall(window)
        if numbers:
            last_row = max(last_row, *map(int, numbers))
        tail = chunk[-256:]
    return last_row, max((column_index(c.decode()) + 1 for c in columns), default=0)


def _check_extent(member: str, found: _Pass) -> None:
    rows, columns = max(found.last_row, found.row_tags), found.last_column
    if found.last_row > EXCEL_ROWS or columns > EXCEL_COLUMNS:
        raise UnsafePackageError(
            f"{member} 中有单元格超出 Excel 的表格范围（{EXCEL_ROWS} 行 × {EXCEL_COLUMNS} 列）"
            f"：第 {found.last_row} 行、第 {columns} 列，拒绝读取 (cell beyond Excel's sheet size)"
        )
    if rows * columns > MAX_CELLS:
        raise UnsafePackageError(
            f"{member} 的单元格从第 1 行第 1 列铺到第 {rows} 行第 {columns} 列，"
            f"共 {rows * columns} 格，"
            f"超过上限 {MAX_CELLS}；多半是远处有误填的单元格，请删除空行空列后另存 "
            "(sheet extent over the cell limit)"
        )


def _scan_sheet(
    archive: zipfile.ZipFile, member: str
) -> tuple[dict[tuple[int, int], UncachedFormula], dict[tuple[int, int], ErrorValue]]:
    formulas: dict[tuple[int, int], UncachedFormula] = {}
    errors: dict[tuple[int, int], ErrorValue] = {}
    with archive.open(member) as handle:
        for _event, elem in SafeET.iterparse(handle, events=("end",)):
            if not _tag(elem, "c"):
                continue
            match = _CELL_REF.fullmatch(elem.get("r", ""))
            key = (int(match.group(2)) - 1, column_index(match.group(1))) if match else None
            formula = value = None
            for child in elem:
                if _tag(child, "f"):
                    formula = child
                elif _tag(child, "v"):
                    value = child
            text = value.text or "" if value is not None else ""
            if key is not None and elem.get("t") == "e":
                errors[key] = ErrorValue(text.strip() or "#N/A")
            elif (
                formula is not None
                and not text
                and elem.get("t") not in ("str", "inlineStr")
                and key is not None
            ):
                # A formula whose result is the empty string is stored as t="str" with an
                # empty <v>; any other formula with no or an empty <v> was never computed.
                formulas[key] = UncachedFormula(formula.text or "")
            elem.clear()
    return formulas, errors


@dataclass(frozen=True)
class SheetScan:
    """What the cell values alone do not tell about one sheet.

    Attributes:
        formulas: Uncached formula cells keyed by 0-based (row, column).
        hidden_rows: Excel row numbers (1-based) hidden or filtered out.
        hidden_columns: Excel column numbers (1-based) hidden.
        errors: Cells holding an Excel error value, keyed by 0-based (row, column).
    """

    formulas: dict[tuple[int, int], UncachedFormula]
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[int, ...] = ()
    errors: dict[tuple[int, int], ErrorValue] = field(default_factory=dict)


@dataclass(frozen=True)
class PackageScan:
    """A workbook package checked and scanned: per-sheet findings and its date system.

    Attributes:
        sheets: One ``SheetScan`` per sheet name.
        date1904: Dates count from 1904-01-01 (``workbookPr date1904``, old Mac Excel).
    """

    sheets: dict[str, SheetScan]
    date1904: bool = False


@dataclass
class PackageHead:
    """A package whose directory and non-sheet parts passed the checks: what is left to scan.

    Attributes:
        path: The workbook file.
        sheets: Sheet name → zip member of its XML (present in the package).
        date1904: Dates count from 1904-01-01.
        counter: The bytes inflated so far, shared by the sheet scans (``scan_sheet``).
        sizes: Sheet name → the inflated size its zip entry declares (a hint for the order
            of work, never a bound: the scans count the real bytes).
    """

    path: Path
    sheets: dict[str, str]
    date1904: bool
    counter: _Counter = field(default_factory=lambda: _Counter())
    sizes: dict[str, int] = field(default_factory=dict)


def open_package(path: str | Path) -> PackageHead:
    """Check an ``.xlsx``'s directory and every part but its sheets, before a reader opens it.

    The central directory is checked first (``package.check_members``). Every part that is
    no sheet is streamed once, counting the bytes that really come out and refusing
    document type and entity declarations; the shared strings' declared count is held
    against their size (the reader reserves memory for it when it opens the workbook).
    Sheets are scanned by ``scan_sheet``, each before the reader parses it.

    Raises:
        UnsafeWorkbookError, UnsafePackageError, zipfile.BadZipFile, KeyError: As
            ``scan_package``.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> Workbook().save(file)
        >>> open_package(file).sheets
        {'Sheet': 'xl/worksheets/sheet1.xml'}
    """
    counter = _Counter()
    try:
        with zipfile.ZipFile(path) as archive:
            check_members(archive)
            members = set(archive.namelist())
            sheets, shared, date1904 = _sheet_parts(archive)
            for member in sorted(members - set(sheets.values())):
                if member.endswith((".xml", ".rels")):
                    first = _refuse_doctype(archive, member, counter)
                    if member == shared:
                        _check_shared_strings(member, first, archive.getinfo(member).file_size)
            present = {name: member for name, member in sheets.items() if member in members}
            sizes = {name: archive.getinfo(member).file_size for name, member in present.items()}
    except (DefusedXmlException, SafeET.ParseError) as exc:
        raise UnsafeWorkbookError(str(exc)) from exc
    return PackageHead(Path(path), present, date1904, counter, sizes)


def scan_sheet(head: PackageHead, name: str) -> SheetScan:
    """Scan one sheet of a checked package: bounds first, then what its values do not tell.

    ``check_reach`` then ``scan_details``; the loader runs the second beside the reader's
    parse (``analysis.load.sheets``). Strict OOXML reads as transitional. Each call opens
    the package itself, so sheets can be scanned on several threads.

    Raises:
        UnsafeWorkbookError, UnsafePackageError: As ``scan_package``.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> wb = Workbook()
        >>> wb.active.append(["#N/A"])
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> wb.save(file)
        >>> scan_sheet(open_package(file), "Sheet").errors
        {(0, 0): ErrorValue(code='#N/A')}
    """
    check_reach(head, name)
    return scan_details(head, name)


def check_reach(head: PackageHead, name: str, *, keep: bool = False) -> Inflated | None:
    """Refuse a sheet a reader must not parse: what has to hold before it allocates.

    The stream tells how far the cells reach (``MAX_CELLS``, Excel's sheet size), counts
    the bytes it inflates to against the package's bound, and refuses document type and
    entity declarations. With ``keep``, the sheet's XML is returned as it inflated, so that
    later passes need not inflate it again (``scan_details``, ``xlsx_bands``); else None.

    Raises:
        UnsafeWorkbookError, UnsafePackageError: As ``scan_package``.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> wb = Workbook()
        >>> wb.active["XFD1048576"] = 1
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> wb.save(file)
        >>> try:
        ...     check_reach(open_package(file), "Sheet")
        ... except UnsafePackageError as exc:
        ...     print(str(exc)[-34:])
        (sheet extent over the cell limit)
    """
    member = head.sheets[name]
    kept: list[bytes] | None = [] if keep else None
    with zipfile.ZipFile(head.path) as archive:
        _check_extent(member, _reach_pass(archive, member, head.counter, kept))
    return None if kept is None else Inflated(kept)


def scan_details(head: PackageHead, name: str, xml: Inflated | None = None) -> SheetScan:
    """What a sheet's values do not tell: uncached formulas, error cells, hidden parts.

    Meant for a sheet ``check_reach`` passed; ``xml`` is the XML it kept, if it did. Only a
    sheet where a formula seems to lack its value, or a cell holds an error, is parsed,
    with ``defusedxml``.

    Raises:
        UnsafeWorkbookError: The sheet is parsed and is not well-formed XML.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> wb = Workbook()
        >>> wb.active.append([1, "=A1*2"])
        >>> wb.active.row_dimensions[1].hidden = True
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> wb.save(file)
        >>> scan = scan_details(open_package(file), "Sheet")
        >>> scan.formulas, scan.hidden_rows
        ({(0, 1): UncachedFormula(formula='A1*2')}, (1,))
    """
    member = head.sheets[name]
    try:
        with zipfile.ZipFile(head.path) as archive:
            found = _detail_pass(archive, member, xml)
            formulas, errors = (
                _scan_sheet(archive, member) if found.formulas or found.errors else ({}, {})
            )
    except (DefusedXmlException, SafeET.ParseError) as exc:
        raise UnsafeWorkbookError(str(exc)) from exc
    return SheetScan(formulas, tuple(sorted(found.rows)), tuple(sorted(found.columns)), errors)


def scan_package(path: str | Path) -> PackageScan:
    """Check an ``.xlsx`` against the package bounds and scan every sheet, one after another.

    ``open_package`` then ``scan_sheet`` for each sheet; the loader runs the sheet scans
    beside the parsing instead (``analysis.load.sheets``).

    Raises:
        UnsafeWorkbookError: An XML part declares a document type or entities, or a
            parsed sheet is not well-formed XML.
        UnsafePackageError: A bound of ``analysis.load.package`` or of this module.
        zipfile.BadZipFile, KeyError: Not a readable workbook package.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> wb = Workbook()
        >>> wb.active.append(["#N/A"])
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> wb.save(file)
        >>> scan = scan_package(file)
        >>> scan.sheets["Sheet"].errors, scan.date1904
        ({(0, 0): ErrorValue(code='#N/A')}, False)
    """
    head = open_package(path)
    sheets = {name: scan_sheet(head, name) for name in head.sheets}
    return PackageScan(sheets, head.date1904)


#: The error values python-calamine reads (as an empty cell); on any other (Excel 365's #SPILL!,
#: #CALC!, #GETTING_DATA …) it refuses the whole sheet.
CALAMINE_ERRORS = frozenset({"#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"})
_ERROR_VALUE = re.compile(
    rb"""(<""" + _P + rb"""c\b[^>]*\bt\s*=\s*["']e["'][^>]*>\s*<""" + _P + rb"""v>)\s*(#[^<]*)<"""
)


def readable_copy(path: str | Path, scan: PackageScan) -> bytes | None:
    """The package with error values python-calamine cannot read written as ``#N/A``.

    The scan's ``ErrorValue`` markers, which keep the real code, replace those cells
    afterwards, so nothing is lost. None when every error value is one calamine reads.

    Examples:
        >>> readable_copy("any.xlsx", PackageScan({})) is None
        True
    """
    codes = {e.code for sheet in scan.sheets.values() for e in sheet.errors.values()}
    if codes <= CALAMINE_ERRORS:
        return None

    def known(match: re.Match) -> bytes:
        code = match.group(2).strip().decode("utf-8", "replace")
        return match.group(1) + (code.encode() if code in CALAMINE_ERRORS else b"#N/A") + b"<"

    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".xml") and b"e" in data:
                data = _ERROR_VALUE.sub(known, data)
            dst.writestr(info.filename, data, compresslevel=1)
    return out.getvalue()


def scan_workbook(path: str | Path) -> dict[str, SheetScan]:
    """Scan an ``.xlsx`` for uncached formulas, error cells and hidden rows and columns.

    The same as ``scan_package(path).sheets``.

    Args:
        path: An ``.xlsx``/``.xlsm`` file.

    Returns:
        One ``SheetScan`` per sheet of the workbook.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> wb = Workbook()
        >>> wb.active.title = "s"
        >>> wb.active.append([1, "=A1*2"])
        >>> wb.active.row_dimensions[1].hidden = True
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> wb.save(file)
        >>> scan_workbook(file)["s"]
        SheetScan(formulas={(0, 1): UncachedFormula(formula='A1*2')}, hidden_rows=(1,), \
hidden_columns=(), errors={})
    """
    return scan_package(path).sheets


def uncached_formulas(path: str | Path) -> dict[str, dict[tuple[int, int], UncachedFormula]]:
    """Formula cells without a cached value, per sheet name, keyed by 0-based (row, column).

    Only sheets with at least one appear; see ``scan_package`` for how the file is read.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> wb = Workbook()
        >>> wb.active.title = "s"
        >>> wb.active.append([1, "=A1*2"])
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> wb.save(file)
        >>> uncached_formulas(file)
        {'s': {(0, 1): UncachedFormula(formula='A1*2')}}
    """
    return {name: scan.formulas for name, scan in scan_workbook(path).items() if scan.formulas}


__all__ = [
    "CALAMINE_ERRORS",
    "EXCEL_COLUMNS",
    "EXCEL_ROWS",
    "MAX_CELLS",
    "ErrorValue",
    "Number1904",
    "PackageHead",
    "PackageScan",
    "SheetScan",
    "UncachedFormula",
    "UnsafePackageError",
    "UnsafeWorkbookError",
    "column_index",
    "open_package",
    "readable_copy",
    "scan_package",
    "scan_sheet",
    "scan_workbook",
    "uncached_formulas",
]
