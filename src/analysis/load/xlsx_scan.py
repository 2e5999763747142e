"""Find formula cells an ``.xlsx`` stores without a computed value, parsing its XML safely."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix
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


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML, from workbook.xml and its relationships."""
    workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels.iter(f"{{{_PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        targets[rel.get("Id")] = posixpath.normpath(path)
    parts = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        rid = sheet.get(f"{{{_REL_NS}}}id")
        if rid in targets:
            parts[sheet.get("name")] = targets[rid]
    return parts


def _refuse_doctype(archive: zipfile.ZipFile, member: str) -> None:
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            if _DOCTYPE.search(tail + chunk):
                raise UnsafeWorkbookError(f"{member} declares a document type or entities")
            tail = chunk[-16:]


def _may_hold_formula(window: bytes) -> bool:
    """Whether the bytes could hold an ``<f>`` element: ``<f``, ``/f>`` or a prefixed ``:f``.

    Examples:
        >>> _may_hold_formula(b'<c r="A1"><f>A2*2</f></c>'), _may_hold_formula(b"<x:f/>")
        (True, True)
        >>> _may_hold_formula(b'<c r="A1" t="inlineStr"><is><t>text</t></is></c>')
        False
    """
    return b"<f" in window or b"/f>" in window or b":f" in window


def _first_pass(archive: zipfile.ZipFile, member: str) -> tuple[bool, set[int], set[int]]:
    """Stream a sheet once: may a formula lack its value? Which rows and columns are hidden?

    A document type declaration is refused on the way: sheets never need one, and it is
    how entity bombs and external entities get in.
    """
    tail, hint = b"", False
    rows: set[int] = set()
    columns: set[int] = set()
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            window = tail + chunk
            # Plain byte searches first: the regular expressions cost more than the
            # decompression on a large sheet, and most chunks cannot match them.
            if b"<!" in window and _DOCTYPE.search(window):
                raise UnsafeWorkbookError(f"{member} declares a document type or entities")
            hint = hint or (_may_hold_formula(window) and bool(_UNCACHED_HINT.search(window)))
            # A plain byte search rules out hidden rows and columns in most chunks;
            # matching every row tag of a large sheet costs more than reading it.
            if b"hidden" in window:
                for attributes in _ROW_TAG.findall(window):
                    if _HIDDEN.search(attributes) and (number := _ROW_NUMBER.search(attributes)):
                        rows.add(int(number.group(1)))
                for attributes in _COL_TAG.findall(window):
                    span = _COL_SPAN.search(attributes)
                    if _HIDDEN.search(attributes) and span:
                        columns.update(range(int(span.group(1)), int(span.group(2)) + 1))
            tail = chunk[-256:]
    return hint, rows, columns


def _scan_sheet(archive: zipfile.ZipFile, member: str) -> dict[tuple[int, int], UncachedFormula]:
    found: dict[tuple[int, int], UncachedFormula] = {}
    cell_tag, f_tag, v_tag = (f"{{{_MAIN_NS}}}{t}" for t in ("c", "f", "v"))
    with archive.open(member) as handle:
        for _event, elem in SafeET.iterparse(handle, events=("end",)):
            if elem.tag != cell_tag:
                continue
            formula = elem.find(f_tag)
            if formula is not None:
                value = elem.find(v_tag)
                # A formula whose result is the empty string is stored as t="str" with an
                # empty <v>; any other formula with no or an empty <v> was never computed.
                empty = value is None or not (value.text or "")
                if empty and elem.get("t") not in ("str", "inlineStr"):
                    match = _CELL_REF.fullmatch(elem.get("r", ""))
                    if match:
                        key = (int(match.group(2)) - 1, column_index(match.group(1)))
                        found[key] = UncachedFormula(formula.text or "")
            elem.clear()
    return found


@dataclass(frozen=True)
class SheetScan:
    """What the cell values alone do not tell about one sheet.

    Attributes:
        formulas: Uncached formula cells keyed by 0-based (row, column).
        hidden_rows: Excel row numbers (1-based) hidden or filtered out.
        hidden_columns: Excel column numbers (1-based) hidden.
    """

    formulas: dict[tuple[int, int], UncachedFormula]
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[int, ...] = ()


def scan_workbook(path: str | Path) -> dict[str, SheetScan]:
    """Scan an ``.xlsx`` for uncached formulas and hidden rows and columns, per sheet name.

    Every XML part costs one streaming byte search, which also refuses document type
    and entity declarations anywhere in the package (entity bombs, external entities);
    only sheets where a formula seems to lack its value are parsed, with ``defusedxml``.

    Args:
        path: An ``.xlsx``/``.xlsm`` file.

    Returns:
        One ``SheetScan`` per sheet of the workbook.

    Raises:
        UnsafeWorkbookError: An XML part declares a document type or entities, or a
            parsed sheet is not well-formed XML.
        zipfile.BadZipFile, KeyError: Not a readable workbook package.

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
hidden_columns=())
    """
    result: dict[str, SheetScan] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
            sheets = _sheet_parts(archive)
            for member in sorted(members - set(sheets.values())):
                if member.endswith((".xml", ".rels")):
                    _refuse_doctype(archive, member)
            for sheet, member in sheets.items():
                if member not in members:
                    continue
                hint, rows, columns = _first_pass(archive, member)
                formulas = _scan_sheet(archive, member) if hint else {}
                result[sheet] = SheetScan(formulas, tuple(sorted(rows)), tuple(sorted(columns)))
    except (DefusedXmlException, SafeET.ParseError) as exc:
        raise UnsafeWorkbookError(str(exc)) from exc
    return result


def uncached_formulas(path: str | Path) -> dict[str, dict[tuple[int, int], UncachedFormula]]:
    """Formula cells without a cached value, per sheet name, keyed by 0-based (row, column).

    Only sheets with at least one appear; see ``scan_workbook`` for how the file is read.

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
    "SheetScan",
    "UncachedFormula",
    "UnsafeWorkbookError",
    "column_index",
    "scan_workbook",
    "uncached_formulas",
]
