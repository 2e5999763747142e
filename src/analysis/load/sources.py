"""Find the tables in a workbook, a CSV folder or one CSV file, and read their raw cells."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import UserError
from analysis.load.accounting import LoadReport
from analysis.load.cells import is_blank, normalise_header
from analysis.load.guarded import read_guarded
from analysis.load.headers import (
    HEADER_SEARCH_ROWS,
    find_header_row,
    header_lookup,
    match_row,
    recognise,
)
from analysis.load.layout import titles
from analysis.load.mapping import Mapping
from analysis.load.package import KIND_NAMES, check_members, sniff
from analysis.load.sheets import (
    SheetCells,
    SheetReading,
    package_error,
    read_sheets,
    reraise_interrupts,
)
from analysis.load.text import not_regular, read_csv
from analysis.load.xlsx_scan import PackageHead, open_package
from analysis.schema import TABLES, Table

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
#: The suffixes under which python-calamine, opening by name, reads each kind.
_SUFFIXES_OF = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls",), "ods": (".ods",)}


@dataclass
class Source:
    """The raw cells of one table: one sheet or one CSV file."""

    table: Table
    file: str
    sheet: str | None
    encoding: str | None
    rows: list[list[object]]
    #: The sheet was taken for its headers, not for its name.
    by_headers: bool = False
    #: More sheets of the same table, laid out alike (一季度, 二季度 …), read after this one.
    more: list[Source] = field(default_factory=list)


def _name_lookup(tables: Iterable[str], mapping: Mapping) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name in tables:
        for sheet_name in TABLES[name].sheet_names:
            lookup.setdefault(normalise_header(sheet_name), name)
    tables = set(tables)
    lookup.update({k: v for k, v in mapping.sheets.items() if v in tables})
    return lookup


class _Recogniser:
    """Sheets whose names say no table, read as the table their headers match."""

    def __init__(self, tables: Iterable[str], mapping: Mapping, report: LoadReport) -> None:
        self.tables = tuple(tables)
        self.mapping = mapping
        self.report = report

    def place(
        self, sources: dict[str, Source], label: str, file: str, sheet: str | None, rows, encoding
    ) -> None:
        if not any(any(not is_blank(c) for c in row) for row in rows[:HEADER_SEARCH_ROWS]):
            self.report.warnings.append(f"{label}是空的，已忽略 (empty sheet or file ignored)")
            return
        name, why = recognise(rows, self.tables, self.mapping.headers)
        if name is None:
            self.report.warnings.append(
                f"{label}不对应任何表，已忽略 (unknown sheet or file ignored)：{why}"
            )
            # A cover sheet's title may name the programme.
            self.report.sheet_titles += titles(rows[:HEADER_SEARCH_ROWS])
            return
        source = Source(TABLES[name], file, sheet, encoding, rows, by_headers=True)
        first = sources.get(name)
        if first is None:
            self.report.warnings.append(f"{label}按表头读作“{TABLES[name].zh}”表：{why}")
            sources[name] = source
            return
        where = first.sheet or first.file
        if first.by_headers and _same_columns(first, source) and not _SUMMARY.search(label):
            # Sheets of one table split by period (一季度 … 四季度): read one after another.
            self.report.warnings.append(
                f"{label}与“{where}”表头相同，都读作“{TABLES[name].zh}”表，合并读取"
                f" (read together with {where})"
            )
            first.more.append(source)
            return
        self.report.warnings.append(
            f"{label}的表头像“{TABLES[name].zh}”表，但已读取“{where}”作为该表，"
            f"此表未读取 (a second {name} table ignored)"
        )


#: Sheet names of summaries, which repeat the records of the sheets they sum up.
_SUMMARY = re.compile(r"汇总|合计|总表|全年|累计|统计")


def _same_columns(a: Source, b: Source) -> bool:
    """Whether two sheets of a table have their headers on the same columns."""
    lookup = header_lookup(a.table)
    found_a = find_header_row(a.rows, a.table, lookup)
    found_b = find_header_row(b.rows, b.table, lookup)
    if found_a is None or found_b is None:
        return False
    return match_row(a.rows[found_a[0]], a.table, lookup) == match_row(
        b.rows[found_b[0]], b.table, lookup
    )


class Reading:
    """The tables of a path being read (``start_sources``); ``finish()`` gives their sources.

    Only the sheets of an ``.xlsx`` are read on threads; for them ``early(name)`` gives a
    table's source before the other sheets are read, when a sheet of the workbook is named
    for the table, so that the caller can load it meanwhile. A table ``early`` gives is
    the same ``Source`` in ``finish()``: no other sheet can take its place.
    """

    def __init__(self, finish, early=None, largest: str | None = None) -> None:
        self._finish, self._early = finish, early
        #: The table whose sheet is largest, which the others are read beside.
        self.largest = largest

    def early(self, name: str) -> Source | None:
        """The source of table ``name`` from the sheet named for it, or None.

        A sheet before the largest one waits for the sheets before it, and raises the
        first one's error; a sheet after it waits for itself only, and gives None when it
        could not be read (``finish()`` raises the errors in the order of the sheets).
        None too when no sheet is named for the table, or the file is no ``.xlsx``.
        """
        return self._early(name) if self._early is not None else None

    def finish(self) -> dict[str, Source]:
        """Every table's source, with the warnings about the sheets added to the report."""
        return self._finish()


def start_sources(
    path: Path,
    tables: tuple[str, ...],
    report: LoadReport,
    fallback: str | None = None,
    mapping: Mapping | None = None,
) -> Reading:
    """Start reading the raw cells of each table in a workbook, a CSV folder or a CSV file.

    A sheet (or CSV file) is a table when its name is the table's name or an alias, when
    the mapping file names it, or else when its headers match the table (``recognise``).
    The sheets of an ``.xlsx`` are read on threads from here on; ``Reading.finish()``
    waits for them and gives every table's source.

    Raises:
        UserError: the path is missing, of an unsupported type, unreadable, or holds no
            table; a sheet that cannot be read raises when its source or ``finish()`` is
            asked for.

    Examples:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "活动.csv").write_text("活动编号,活动名称\\nE1,对接会\\n", "utf-8")
        >>> sources = start_sources(folder, ("events",), LoadReport()).finish()
        >>> sources["events"].rows
        [['活动编号', '活动名称'], ['E1', '对接会']]
    """
    if not path.exists():
        raise UserError(f"找不到文件或文件夹 (no such file or folder): {path}")
    mapping = mapping or Mapping()
    lookup = _name_lookup(tables, mapping)
    recogniser = _Recogniser(tables, mapping, report)
    kind = None if path.is_dir() else not_regular(path)
    if kind is not None:
        raise UserError(f"{path} 是{kind}，不是普通文件，未读取 (not a regular file, not opened)")

    def found(sources: dict[str, Source]) -> dict[str, Source]:
        if not sources:
            expected = "、".join(f"{TABLES[t].zh}（{t}）" for t in tables)
            why = "".join(f"\n  - {w}" for w in report.warnings if "已忽略" in w)
            raise UserError(
                f"在 {path} 中找不到任何可识别的表 (no known table found)；应有：{expected}{why}"
            )
        return sources

    if path.is_dir():
        return Reading(lambda: found(_read_folder(path, lookup, report, recogniser)))
    if path.suffix.lower() == ".csv":
        name = lookup.get(normalise_header(path.stem), fallback)
        if name is None:
            expected = "、".join(TABLES[t].zh for t in tables)
            raise UserError(
                f"CSV 文件名“{path.name}”不对应任何表，请以表名命名（{expected}）"
                f" (file name does not name a table)"
            )
        rows, encoding = read_csv(path)
        if not rows:
            raise UserError(f"文件为空 (empty file): {path}")
        sources = {name: Source(TABLES[name], path.name, None, encoding, rows)}
        return Reading(lambda: sources)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _start_workbook(path, lookup, report, fallback, recogniser, found)
    raise UserError(
        f"不支持的文件类型 (unsupported file type) “{path.suffix}”: {path}；"
        "请提供 .xlsx 工作簿、.csv 文件或 CSV 文件夹"
    )


def _read_folder(
    path: Path, lookup: dict[str, str], report: LoadReport, recogniser: _Recogniser
) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    unknown = []
    for file in sorted(path.iterdir()):
        if file.name.startswith((".", "~$")) or file.suffix.lower() != ".csv":
            continue
        refused = _refused_entry(path, file)
        if refused:
            report.warnings.append(refused)
            continue
        name = lookup.get(normalise_header(file.stem))
        if name is None:
            unknown.append(file)
            continue
        if name in sources:
            report.warnings.append(
                f"文件“{file.name}”与“{sources[name].file}”都是“{TABLES[name].zh}”表，"
                f"只读取前一个 (duplicate table file ignored)"
            )
            continue
        rows, encoding = read_csv(file)
        sources[name] = Source(TABLES[name], file.name, None, encoding, rows)
    # Files named for no table come after the named ones, so a name always wins.
    for file in unknown:
        rows, encoding = read_csv(file)
        recogniser.place(sources, f"文件“{file.name}”", file.name, None, rows, encoding)
    return sources


def _refused_entry(folder: Path, file: Path) -> str | None:
    """Why a ``.csv`` entry of a folder is not read: a link leading out of it, or no regular
    file (a named pipe would block the reader forever). Decided from ``lstat``/``stat``
    alone, without opening the entry."""
    if stat.S_ISLNK(os.lstat(file).st_mode):
        target = file.resolve()
        if not target.is_relative_to(folder.resolve()):
            return (
                f"文件“{file.name}”是指向文件夹以外（{target}）的链接，未读取"
                " (link leading outside the folder ignored)"
            )
    kind = not_regular(file)
    if kind is not None:
        return f"文件“{file.name}”是{kind}，不是普通文件，未读取 (not a regular file, not opened)"
    return None


@dataclass
class _Book:
    """A workbook opened through the checks: its kind, package head, reader and sheets."""

    kind: str
    head: PackageHead | None
    workbook: object
    by_name: bool
    metadata: list
    #: A warning when the suffix does not say what the content is, else empty.
    note: str

    @property
    def parallel(self) -> bool:
        """Whether sheets may be parsed several at once (an .xlsx that can be reopened)."""
        return self.by_name and self.kind == "xlsx"


def _opened(path: Path) -> _Book:
    """Sniff, check and open a workbook, and list its sheets; every reader comes here."""
    kind = _workbook_kind(path)
    head = _check(path, kind)
    workbook, by_name = _open(path, kind)
    try:
        metadata = list(workbook.sheets_metadata)
    except BaseException as exc:  # calamine raises unrelated types, even Rust panics
        reraise_interrupts(exc)
        raise UserError(
            f"无法打开工作簿 {path.name}，文件可能已损坏 (corrupt or unreadable workbook): {exc}"
        ) from exc
    note = ""
    if path.suffix.lower() not in _SUFFIXES_OF[kind]:
        note = (
            f"{path.name} 的内容是{KIND_NAMES[kind]}，与扩展名不符，按其实际格式读取"
            f" (read as {kind}, whatever its suffix says)"
        )
    return _Book(kind, head, workbook, by_name, metadata, note)


def _start_workbook(
    path: Path,
    lookup: dict[str, str],
    report: LoadReport,
    fallback: str | None,
    recogniser: _Recogniser,
    found,
) -> Reading:
    book = _opened(path)
    if book.note:
        report.warnings.append(book.note)
    visible = [m for m in book.metadata if str(m.visible).endswith("Visible")]
    # Warnings about the choice of sheets, and the sheets to read, in workbook order.
    plan: list[str | tuple[str, str]] = []
    chosen: dict[str, str] = {}
    for meta in book.metadata:
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
            plan.append(("?", meta.name))
            continue
        if name in chosen:
            plan.append(
                f"工作表“{meta.name}”与“{chosen[name]}”都是“{TABLES[name].zh}”表，"
                f"只读取前一个 (duplicate sheet ignored)"
            )
            continue
        chosen[name] = meta.name
        plan.append((name, meta.name))
    wanted = [step[1] for step in plan if not isinstance(step, str)]
    reading = SheetReading(book.workbook, path, wanted, head=book.head, parallel=book.parallel)
    handed: dict[str, Source] = {}

    def early(name: str) -> Source | None:
        if name not in chosen or not book.parallel:
            return None
        i = wanted.index(chosen[name])
        if name not in handed:
            if i < wanted.index(chosen[largest]):
                cells = reading.cells(i)
            # Not behind the largest sheet, which finish() waits for; a sheet after it that
            # failed raises in finish(), in the order of the sheets.
            elif (cells := reading.read_alone(i)) is None:
                return None
            rows = cells.rows
            handed[name] = Source(TABLES[name], path.name, chosen[name], None, rows)
        return handed[name]

    def finish() -> dict[str, Source]:
        try:
            cells = {name: reading.cells(i) for i, name in enumerate(wanted)}
            reading.close()
        finally:
            reading.stop()
        # From here the sources hold the cells, so that each table's are freed once it is
        # loaded (the caller pops them), not when the whole load ends.
        reading.release()
        sources: dict[str, Source] = {}
        for step in plan:
            if isinstance(step, str):
                report.warnings.append(step)
                continue
            name, sheet_name = step
            if name == "?":
                continue
            sheet = cells[sheet_name]
            report.warnings.extend(f"{path.name}［{sheet_name}］：{note}" for note in sheet.notes)
            sources[name] = handed.pop(name, None) or Source(
                TABLES[name], path.name, sheet_name, None, sheet.rows
            )
        # Sheets named for no table are placed after the named ones, so a name always wins.
        for _, sheet_name in (s for s in plan if not isinstance(s, str) and s[0] == "?"):
            sheet = cells[sheet_name]
            before = len(sources)
            recogniser.place(
                sources, f"工作表“{sheet_name}”", path.name, sheet_name, sheet.rows, None
            )
            if len(sources) > before:
                report.warnings.extend(
                    f"{path.name}［{sheet_name}］：{note}" for note in sheet.notes
                )
        return found(sources)

    sizes = book.head.sizes if book.head is not None else {}
    largest = max(chosen, key=lambda n: sizes.get(chosen[n], 0), default=None)
    return Reading(finish, early, largest)


def _workbook_kind(path: Path) -> str:
    """What a workbook file holds, by content; refuse what no workbook reader reads."""
    try:
        kind = sniff(path)
    except OSError as exc:
        raise UserError(f"无法读取文件 (cannot read file) {path}: {exc.strerror}") from exc
    if kind == "empty":
        raise UserError(f"文件为空 (empty file): {path}")
    if kind == "zip":
        raise UserError(
            f"无法打开工作簿 {path.name}：它是{KIND_NAMES[kind]}，里面没有工作表"
            " (corrupt or unreadable workbook: a zip without a workbook)"
        )
    if kind not in _SUFFIXES_OF:
        advice = (
            "请用 Excel 打开后另存为 .xlsx，或改回 .csv"
            if kind in ("html", "text")
            else "请提供 .xlsx 工作簿或 CSV 文件"
        )
        raise UserError(
            f"{path.name} 不是 Excel 工作簿 (not an Excel workbook)：内容是{KIND_NAMES[kind]}"
            f" ({kind})；{advice}"
        )
    return kind


def _check(path: Path, kind: str) -> PackageHead | None:
    """Check a package before the reader opens it: an ``.xlsx``'s directory and non-sheet
    parts (its sheets are scanned as they are read), an ``.ods``'s directory (its reader runs
    in a child, ``guarded``)."""
    try:
        if kind == "ods":
            with zipfile.ZipFile(path) as archive:
                check_members(archive)
        return open_package(path) if kind == "xlsx" else None
    except Exception as exc:  # a broken package: zipfile and XML raise unrelated types
        raise package_error(path, exc) from exc


def _open(path: Path, kind: str) -> tuple[object, bool]:
    """Open a workbook with python-calamine: by name when the suffix says its kind, else
    from its bytes (calamine then tells the kind by content). Also says whether it was
    opened by name (then it can be reopened for more threads)."""
    from python_calamine import CalamineWorkbook

    by_name = path.suffix.lower() in _SUFFIXES_OF[kind]
    if kind != "xlsx":
        # No scan bounds what an .xls or .ods declares: read it where an abort is no crash.
        return read_guarded(path, KIND_NAMES[kind], by_name=by_name), by_name
    try:
        if by_name:
            return CalamineWorkbook.from_path(str(path)), True
        with path.open("rb") as handle:
            return CalamineWorkbook.from_filelike(handle), False
    except BaseException as exc:  # calamine raises unrelated types, even Rust panics
        reraise_interrupts(exc)
        if type(exc).__name__ == "PasswordError":
            raise UserError(
                f"工作簿 {path.name} 设有打开密码，请在 Excel 中取消密码后另存再试"
                " (password-protected workbook)"
            ) from exc
        raise UserError(
            f"无法打开工作簿 {path.name}（内容是{KIND_NAMES[kind]}），文件可能已损坏"
            f" (corrupt or unreadable workbook): {exc}"
        ) from exc


def read_workbook(path: str | Path) -> tuple[list[SheetCells], list[str]]:
    """Read every visible sheet of a workbook, as bounded as a ledger is read.

    The file's kind is told by content (an .xls renamed .xlsx is read as an .xls); an
    ``.xlsx`` package is checked before the reader opens it and each sheet scanned as it
    is parsed; an ``.xls`` or ``.ods`` is read in a child with a memory limit
    (``analysis.load.guarded``). For readers of one-off workbooks: forms, target exports.

    Returns:
        The sheets (cells as Excel shows them, merged ranges filled) and warnings for the
        user (hidden sheets left out, a suffix that lies about the content).

    Raises:
        UserError: the file is missing, not a workbook, unsafe or unreadable.

    Examples:
        >>> import tempfile
        >>> from openpyxl import Workbook
        >>> wb = Workbook(); wb.active.title = "表1"; wb.active.append(["一级指标", 10])
        >>> file = Path(tempfile.mkdtemp()) / "f.xlsx"; wb.save(file)
        >>> sheets, notes = read_workbook(file)
        >>> [(s.name, s.rows) for s in sheets], notes
        ([('表1', [['一级指标', 10.0]])], [])
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到文件 (file not found): {path}")
    book = _opened(path)
    notes = [book.note] if book.note else []
    names = []
    for meta in book.metadata:
        if str(meta.visible).endswith("Visible"):
            names.append(meta.name)
        else:
            notes.append(f"隐藏的工作表“{meta.name}”已忽略 (hidden sheet ignored)")
    sheets = read_sheets(book.workbook, path, names, head=book.head, parallel=book.parallel)
    return sheets, notes


def sheet_names(path: str | Path) -> list[str]:
    """The sheet names of a workbook, opened as boundedly as ``read_workbook`` opens it.

    Raises:
        UserError: the file is not a workbook, or is unsafe or unreadable.

    Examples:
        >>> import tempfile
        >>> from openpyxl import Workbook
        >>> wb = Workbook(); wb.active.title = "统计"
        >>> file = Path(tempfile.mkdtemp()) / "s.xlsx"; wb.save(file)
        >>> sheet_names(file)
        ['统计']
    """
    return [meta.name for meta in _opened(Path(path)).metadata]
