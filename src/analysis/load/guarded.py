"""Read a workbook no scan can bound (.xls, .ods) in a child process with a memory limit."""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import UserError

#: Memory the child may take beyond what it inherits (the parent's address space). An
#: .xls or .ods ledger of 100,000 rows needs about 300 MB; a file that asks for more is
#: one whose declared sizes (an .xls string table, .ods repeated rows and columns) lie.
MEMORY_BUDGET = 1 * 2**30
#: Seconds the child may take; the sample ledger's sheets are read in well under one.
TIMEOUT = 120


@dataclass(frozen=True)
class SheetInfo:
    """A sheet's name and visibility, as ``python_calamine.SheetMetadata`` gives them."""

    name: str
    visible: str


@dataclass(frozen=True)
class _Sheet:
    rows: list[list[object]]
    merged_cell_ranges: list

    def to_python(self, skip_empty_area: bool = False) -> list[list[object]]:
        return self.rows


class ReadWorkbook:
    """The sheets a child process read, answering as much of ``CalamineWorkbook`` as the
    loader asks (``sheets_metadata``, ``get_sheet_by_name``)."""

    def __init__(self, metadata: list[SheetInfo], sheets: dict[str, _Sheet]) -> None:
        self.sheets_metadata = metadata
        self._sheets = sheets

    def get_sheet_by_name(self, name: str) -> _Sheet:
        return self._sheets[name]


def _address_space() -> int:
    """Bytes of virtual memory this process has mapped (what RLIMIT_AS counts)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _child(path: str, by_name: bool, limit: int, conn, stderr: int) -> None:
    import faulthandler
    import resource

    # What a dying native reader prints (Rust's "memory allocation of … failed" and its
    # backtrace, Python's fault handler) goes to a file the parent quotes from.
    faulthandler.disable()
    os.dup2(stderr, 2)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        book = _read_all(Path(path), by_name)
        conn.send(("ok", book.sheets_metadata, book._sheets))
    except BaseException as exc:  # calamine raises unrelated types, even Rust panics
        conn.send(("error", type(exc).__name__, str(exc)[:500]))
    finally:
        conn.close()


def read_guarded(path: Path, what: str, *, by_name: bool = False) -> ReadWorkbook:
    """Read every sheet of ``path`` in a child process limited to ``MEMORY_BUDGET`` more.

    A native reader that meets a lying size aborts the whole process (Rust's allocation
    failure is no exception); in a child that abort is a dead child, told to the user as a
    clear error. Where the platform has no ``fork`` and no ``RLIMIT_AS`` (Windows), the
    workbook is read in this process.

    Args:
        path: An .xls or .ods file (any suffix: calamine tells the kind by content).
        what: How the file is named to the user (``KIND_NAMES``).
        by_name: The suffix says the file's kind: calamine opens it by name (and names
            what is wrong with it), else from its bytes.

    Raises:
        UserError: The child died, ran out of its memory or time, or calamine refused
            the file.

    Examples:
        >>> read_guarded(Path("no/such.xls"), "Excel 97-2003 工作簿 (.xls)")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 无法打开工作簿 such.xls...(corrupt or unreadable workbook)...
    """
    if sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods():
        return _read_all(path, by_name)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    limit = _address_space() + MEMORY_BUDGET
    with tempfile.TemporaryFile() as stderr:
        child = context.Process(
            target=_child, args=(str(path), by_name, limit, send, stderr.fileno())
        )
        child.start()
        send.close()
        try:
            answer = receive.recv() if receive.poll(TIMEOUT) else None
        except EOFError:
            answer = None
        finally:
            receive.close()
            child.join(5)
            if child.is_alive():
                child.kill()
                child.join()
        stderr.seek(0)
        said = stderr.read(4096).decode("utf-8", "replace").strip().splitlines()
    if answer is None:
        died = child.exitcode is not None and child.exitcode != 0
        why = (
            f"读取进程异常退出（退出码 {child.exitcode}），多半是文件声明的大小超出内存上限 "
            f"{MEMORY_BUDGET >> 20} MiB (the reader died: declared sizes beyond the memory limit)"
            if died
            else f"读取超过 {TIMEOUT} 秒，已停止 (reading took longer than {TIMEOUT} s)"
        )
        detail = f"：{said[0][:200]}" if said else ""
        raise UserError(f"无法读取工作簿 {path.name}（{what}）：{why}{detail}")
    if answer[0] == "error":
        _name, kind, message = answer
        if kind == "PasswordError":
            raise UserError(
                f"工作簿 {path.name} 设有打开密码，请在 Excel 中取消密码后另存再试"
                " (password-protected workbook)"
            )
        if kind == "MemoryError" or "memory allocation" in message:
            message = f"超出内存上限 {MEMORY_BUDGET >> 20} MiB (over the memory limit)"
        raise UserError(
            f"无法打开工作簿 {path.name}（内容是{what}），文件可能已损坏"
            f" (corrupt or unreadable workbook): {kind}: {message}".rstrip(": ")
        )
    _ok, metadata, sheets = answer
    return ReadWorkbook(metadata, sheets)


def _read_all(path: Path, by_name: bool) -> ReadWorkbook:
    from python_calamine import CalamineWorkbook

    if by_name:
        # By name calamine reads the kind its suffix says and names what is wrong with it;
        # from bytes it tries each kind and says only "Cannot detect file format".
        book = CalamineWorkbook.from_path(str(path))
    else:
        with path.open("rb") as handle:
            book = CalamineWorkbook.from_filelike(handle)
    metadata = [SheetInfo(m.name, str(m.visible)) for m in book.sheets_metadata]
    sheets = {}
    for meta in metadata:
        sheet = book.get_sheet_by_name(meta.name)
        sheets[meta.name] = _Sheet(
            sheet.to_python(skip_empty_area=False), list(sheet.merged_cell_ranges or [])
        )
    return ReadWorkbook(metadata, sheets)


__all__ = ["MEMORY_BUDGET", "TIMEOUT", "ReadWorkbook", "SheetInfo", "read_guarded"]
