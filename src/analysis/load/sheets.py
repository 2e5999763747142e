"""Read the cells of chosen workbook sheets with python-calamine, several sheets at once."""

from __future__ import annotations

import io
import os
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from analysis.errors import UserError
from analysis.load.xlsx_bands import MIN_BAND_BYTES, read_in_bands
from analysis.load.xlsx_scan import (
    CALAMINE_ERRORS,
    ErrorValue,
    Inflated,
    Number1904,
    PackageHead,
    PackageScan,
    SheetScan,
    UnsafePackageError,
    UnsafeWorkbookError,
    check_reach,
    readable_copy,
    scan_details,
)

#: At most this many sheets, or bands of the largest sheet, are parsed at once (each thread
#: opens the workbook once).
MAX_THREADS = 4


@dataclass
class SheetCells:
    """The cells of one sheet, as Excel shows them, and what the reader noticed.

    Attributes:
        name: The sheet's name.
        rows: Cell values row by row (calamine's types: str, float, int, bool,
            datetime, date, time, timedelta; ``""`` for an empty cell). Merged ranges
            hold their top-left value; uncached formulas hold an ``UncachedFormula``.
        notes: Warnings for the load report (merged cells, hidden rows or columns),
            without the file and sheet name.
    """

    name: str
    rows: list[list[object]]
    notes: list[str] = field(default_factory=list)


def read_sheets(
    workbook: object,
    path: Path,
    names: Sequence[str],
    *,
    head: PackageHead | None = None,
    parallel: bool = False,
) -> list[SheetCells]:
    """Parse the named sheets of an open workbook, several at once when ``parallel``.

    python-calamine releases the GIL while it parses an ``.xlsx`` sheet, and one
    workbook object cannot parse two sheets at once, so each thread takes a workbook
    from a pool and opens another only when all are busy; the largest sheet starts first.
    Before a sheet of an ``.xlsx`` is parsed, its reach and inflated size are checked
    (``xlsx_scan.check_reach``), so no sheet reaches the reader unchecked; the rest of its
    scan (``xlsx_scan.scan_details``: uncached formulas, error cells, hidden rows) runs on
    another thread while the reader parses it. The markers go into the cells and hidden
    rows are named; in a workbook whose dates count from 1904 every number becomes a
    ``Number1904``. An ``.xls`` or ``.ods`` is parsed whole when it is opened, so its
    sheets are read one after another from ``workbook``. Errors are raised in the order
    of ``names``.

    Args:
        workbook: The ``CalamineWorkbook`` of ``path``, already open.
        path: The workbook file.
        names: Sheet names to read, in the order wanted.
        head: The checked package of an ``.xlsx`` (``xlsx_scan.open_package``); each
            sheet is checked just before it is parsed and scanned beside it. None for
            other formats.
        parallel: Open ``path`` again for more threads (an ``.xlsx`` named as one).

    Returns:
        One ``SheetCells`` per name, in the order of ``names``.

    Raises:
        UserError: A sheet cannot be parsed, or the package is unsafe or broken.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> from python_calamine import CalamineWorkbook
        >>> from analysis.load.xlsx_scan import open_package
        >>> wb = Workbook()
        >>> wb.active.title = "活动"
        >>> wb.active.append(["编号", "=A1"])
        >>> wb.active.merge_cells("A2:B2")
        >>> wb.active["A2"] = "E1"
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> wb.save(file)
        >>> book = CalamineWorkbook.from_path(str(file))
        >>> [cells] = read_sheets(book, file, ["活动"], head=open_package(file))
        >>> cells.rows
        [['编号', UncachedFormula(formula='A1')], ['E1', 'E1']]
        >>> cells.notes
        ['合并单元格 A2:B2 按左上角的值填充 (merged cells read as their top-left value)']
    """
    reading = SheetReading(workbook, path, names, head=head, parallel=parallel)
    try:
        cells = [reading.cells(i) for i in range(len(names))]
        reading.close()
        return cells
    finally:
        reading.stop()


class SheetReading:
    """Sheets of one workbook being read on threads, handed out in the order asked for.

    ``read_sheets`` in pieces: the sheets start when it is made; ``cells(i)`` waits for
    sheet ``i`` (raising the first failure among sheets ``0 … i``, so errors come in the
    order of ``names`` however the threads finish); ``ready(i)`` says whether that would
    wait; ``close()`` checks the sheets that are not read; ``stop()`` ends the threads.

    Examples:
        >>> import tempfile, pathlib
        >>> from openpyxl import Workbook
        >>> from python_calamine import CalamineWorkbook
        >>> wb = Workbook()
        >>> wb.active.title = "活动"
        >>> wb.active.append(["编号"])
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "f.xlsx"
        >>> wb.save(file)
        >>> reading = SheetReading(CalamineWorkbook.from_path(str(file)), file, ["活动"])
        >>> reading.cells(0).rows, reading.ready(0)
        ([['编号']], True)
        >>> reading.close(); reading.stop()
    """

    def __init__(
        self,
        workbook: object,
        path: Path,
        names: Sequence[str],
        *,
        head: PackageHead | None = None,
        parallel: bool = False,
    ) -> None:
        self.path, self.names = path, list(names)
        self._date1904 = head is not None and head.date1904
        self._done: dict[int, SheetCells] = {}
        self._start(workbook, path, self.names, head, parallel)

    def ready(self, i: int) -> bool:
        """Whether sheets ``0 … i`` are read, so that ``cells(i)`` will not wait."""
        return all(j in self._done or self._started[j].done() for j in range(i + 1))

    def read_alone(self, i: int) -> SheetCells | None:
        """Sheet ``i``'s cells once it is read, or None when it could not be read.

        Waits for sheet ``i`` only: the sheets before it may still be read, or fail, and
        ``cells`` raises their errors and this one's, in order.
        """
        future = self._started[i]
        if i not in self._done and future.exception() is not None:
            return None
        if i not in self._done:
            self._done[i] = _cells(self.path, self.names[i], future, self._date1904)
        return self._done[i]

    def cells(self, i: int) -> SheetCells:
        """Sheet ``i``'s cells, once sheets ``0 … i`` are read (their errors first)."""
        for j in range(i + 1):
            if j not in self._done:
                future = self._started[j]
                self._done[j] = _cells(self.path, self.names[j], future, self._date1904)
        return self._done[i]

    def close(self) -> None:
        """Wait for the checks of the sheets not read, raising what they refuse."""
        for future in self._scanned:
            _result(self.path, future)

    def release(self) -> None:
        """Let go of every sheet's cells (whoever took them keeps them), once all are taken."""
        self._done.clear()
        self._started.clear()

    def stop(self) -> None:
        """End the threads (after any failure too)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._beside.shutdown(wait=True, cancel_futures=True)

    def _start(self, workbook, path, names, head, parallel) -> None:
        from python_calamine import CalamineWorkbook

        workbooks: queue.SimpleQueue = queue.SimpleQueue()
        workbooks.put(workbook)
        copies: list[object] = []
        copy_lock = threading.Lock()

        def parse(name: str, xml: Inflated | None = None) -> tuple[list[list[object]], list]:
            if xml is not None:
                # A large sheet in bands of rows, one per core; None when it is read whole.
                bands = min(os.cpu_count() or 1, MAX_THREADS)
                banded = read_in_bands(path, head.sheets[name], name, xml, bands)
                if banded is not None:
                    return banded
            try:
                book = workbooks.get_nowait()
            except queue.Empty:
                book = CalamineWorkbook.from_path(str(path))
            try:
                sheet = book.get_sheet_by_name(name)
                return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or []
            finally:
                workbooks.put(book)

        def parse_copy(name: str) -> tuple[list[list[object]], list]:
            """A sheet of the workbook opened from ``readable_copy``, made once for all sheets."""
            with copy_lock:
                if not copies:
                    codes = PackageScan({"": SheetScan({}, errors={(0, 0): ErrorValue("#SPILL!")})})
                    copy = io.BytesIO(readable_copy(path, codes))
                    copies.append(CalamineWorkbook.from_filelike(copy))
                sheet = copies[0].get_sheet_by_name(name)
            return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or []

        def checked(step, name: str):
            try:
                return step(head, name)
            except (UnsafePackageError, UnsafeWorkbookError):
                raise
            except Exception as exc:  # a broken package: zipfile and zlib raise unrelated types
                raise package_error(path, exc) from exc

        def read(name: str, reached: threading.Event, banded: bool = False):
            # The sheet's reach is checked before the reader allocates for it; the rest of the
            # scan (formulas, error cells, hidden rows) runs beside the parse, which releases
            # the GIL. A sheet read in bands keeps its XML from the check for both.
            xml = None
            try:
                if head is not None:
                    xml = checked(partial(check_reach, keep=banded), name)
            finally:
                reached.set()
            if head is None:
                return None, parse(name)
            details = beside.submit(checked, partial(scan_details, xml=xml), name)
            try:
                parsed, failure = parse(name, xml), None
            except BaseException as exc:  # calamine raises unrelated types, even Rust panics
                reraise_interrupts(exc)
                parsed, failure = None, exc
            scan = details.result()
            if any(e.code not in CALAMINE_ERRORS for e in scan.errors.values()):
                # calamine refuses a sheet with an error value it does not know (#SPILL!): read
                # a copy where they are #N/A; the scan's markers put the real codes back.
                return scan, parse_copy(name)
            if failure is not None:
                raise failure
            return scan, parsed

        wanted = set(names)
        others = [n for n in (head.sheets if head is not None else {}) if n not in wanted]
        threads = min(len(names) + len(others), os.cpu_count() or 1, MAX_THREADS) if parallel else 1
        pool = ThreadPoolExecutor(max_workers=max(threads, 1), thread_name_prefix="sheet")
        beside = ThreadPoolExecutor(max_workers=max(threads, 1), thread_name_prefix="scan")
        sizes = head.sizes if head is not None else {}
        self._pool, self._beside = pool, beside
        # The largest sheet first: its parse is the longest, and the others fit beside it,
        # in the order they are asked for (they may be used while the largest is parsed).
        largest = max(range(len(names)), key=lambda i: sizes.get(names[i], 0), default=0)
        order = [largest, *(i for i in range(len(names)) if i != largest)][: len(names)]
        self._started: dict[int, Future] = {}
        for n, i in enumerate(order):
            reached = threading.Event()
            # Only the largest sheet, and only when it is large, is read in bands: its XML is
            # held in memory while they are parsed.
            banded = n == 0 and threads > 1 and sizes.get(names[i], 0) >= MIN_BAND_BYTES
            self._started[i] = pool.submit(read, names[i], reached, banded)
            if n == 0:
                # The largest sheet is checked with the GIL to itself: everything waits on
                # its parse, and the other sheets fit in the time that takes.
                reached.wait()
        # Sheets not read are checked too: an entity declaration anywhere is refused.
        self._scanned = [pool.submit(checked, check_reach, name) for name in others]


def package_error(path: Path, exc: BaseException) -> UserError:
    """The user's message for a package the scan refused, or one too broken to scan.

    Examples:
        >>> package_error(Path("a.xlsx"), UnsafePackageError("too many zip members"))
        UserError('工作簿 a.xlsx 超出安全读取的上限 (workbook over a limit): too many zip members')
    """
    if isinstance(exc, UnsafePackageError):
        return UserError(f"工作簿 {path.name} 超出安全读取的上限 (workbook over a limit): {exc}")
    if isinstance(exc, UnsafeWorkbookError):
        return UserError(
            f"工作簿 {path.name} 的 XML 含有实体声明或格式错误，出于安全考虑拒绝读取"
            f" (unsafe or malformed workbook XML): {exc}"
        )
    return UserError(
        f"无法打开工作簿 {path.name}，文件可能已损坏 (corrupt or unreadable workbook): {exc}"
    )


def _result(path: Path, future: Future, sheet: str | None = None):
    """A scan's or parse's result, its refusal as the user's message.

    Any other failure is a broken package, or, for the parse of ``sheet``, that sheet
    unreadable.
    """
    try:
        return future.result()
    except (UnsafePackageError, UnsafeWorkbookError) as exc:
        raise package_error(path, exc) from exc
    except UserError:
        raise
    except BaseException as exc:  # calamine raises unrelated types, even Rust panics
        reraise_interrupts(exc)
        if sheet is None:
            raise package_error(path, exc) from exc
        raise UserError(f"无法读取工作表“{sheet}”({path.name}) (unreadable sheet): {exc}") from exc


def _cells(path: Path, name: str, future: Future, date1904: bool = False) -> SheetCells:
    scan, (rows, merged) = _result(path, future, name)
    cells = SheetCells(name, rows)
    if merged:
        cells.rows = fill_merged(rows, merged)
        shown = "、".join(range_name(r) for r in merged[:3])
        more = f" 等 {len(merged)} 处" if len(merged) > 3 else ""
        cells.notes.append(
            f"合并单元格 {shown}{more} 按左上角的值填充 (merged cells read as their top-left value)"
        )
    if date1904:
        # Only numbers can be serials; calamine already turned date-formatted cells into dates.
        cells.rows = [
            [Number1904(v) if type(v) is float or type(v) is int else v for v in row]
            for row in cells.rows
        ]
        cells.notes.append(
            "工作簿使用 1904 日期系统，日期列中的数字按 1904-01-01 起算"
            " (1904 date system: serial numbers in date columns count from 1904)"
        )
    if scan is not None:
        for (r, c), marker in (scan.formulas | scan.errors).items():
            if r < len(cells.rows) and c < len(cells.rows[r]):
                cells.rows[r][c] = marker
        cells.notes.extend(_hidden_notes(scan, cells.rows))
    return cells


def reraise_interrupts(exc: BaseException) -> None:
    """Let Ctrl-C and exits through; a Rust panic in calamine (a BaseException) is an input
    problem like any other broken file.

    Examples:
        >>> reraise_interrupts(ValueError("a broken sheet"))  # returns: handled by caller
    """
    if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
        raise exc


def _hidden_notes(scan: SheetScan, rows: list[list[object]]) -> list[str]:
    """Hidden or filtered-out rows and hidden columns are read; say so, naming them."""
    from openpyxl.utils import get_column_letter

    notes = []
    hidden_rows = [r for r in scan.hidden_rows if r <= len(rows)]
    width = max(map(len, rows), default=0)
    hidden_columns = [c for c in scan.hidden_columns if c <= width]
    if hidden_rows:
        shown = "、".join(map(str, hidden_rows[:5])) + (
            f" 等 {len(hidden_rows)} 行" if len(hidden_rows) > 5 else ""
        )
        notes.append(
            f"第 {shown} 行在 Excel 中被隐藏或筛选掉，仍照常读取 (hidden or filtered rows are read)"
        )
    if hidden_columns:
        shown = "、".join(get_column_letter(c) for c in hidden_columns[:5])
        notes.append(f"{shown} 列在 Excel 中被隐藏，仍照常读取 (hidden columns are read)")
    return notes


def range_name(cells: tuple[tuple[int, int], tuple[int, int]]) -> str:
    """A calamine merged range (0-based corners) as Excel writes it.

    Examples:
        >>> range_name(((0, 0), (1, 2)))
        'A1:C2'
    """
    from openpyxl.utils import get_column_letter

    (r0, c0), (r1, c1) = cells
    return f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}"


def fill_merged(
    rows: list[list[object]], ranges: list[tuple[tuple[int, int], tuple[int, int]]]
) -> list[list[object]]:
    """Copy each merged range's top-left value into all its cells, as Excel shows them.

    Examples:
        >>> fill_merged([["a", ""], ["", ""]], [((0, 0), (1, 0))])
        [['a', ''], ['a', '']]
    """
    height = max([len(rows)] + [r1 + 1 for (_, _), (r1, _) in ranges])
    width = max([len(r) for r in rows] + [c1 + 1 for (_, _), (_, c1) in ranges])
    grid = [list(row) + [""] * (width - len(row)) for row in rows]
    grid += [[""] * width for _ in range(height - len(grid))]
    for (r0, c0), (r1, c1) in ranges:
        value = grid[r0][c0]
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid[r][c] = value
    return grid


__all__ = ["MAX_THREADS", "SheetCells", "fill_merged", "range_name", "read_sheets"]
