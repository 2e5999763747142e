"""Safe outputs: atomic file writes and Excel cells that can never become formulas."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: Leading characters that make Excel (or LibreOffice) read a text as a formula or command.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` only on success.

    Whatever the block writes to the temporary path replaces ``path`` in one
    ``os.replace``; if the block raises, ``path`` keeps its previous content and
    the temporary file is removed.

    Examples:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> with atomic_path(target) as tmp:
        ...     _ = tmp.write_text("ok", encoding="utf-8")
        >>> target.read_text(encoding="utf-8")
        'ok'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    # mkstemp creates 0600 files; give outputs the permissions a plain open() would.
    os.chmod(tmp, 0o666 & ~_current_umask())
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_text_atomic(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically and return the path.

    Examples:
        >>> import tempfile, pathlib
        >>> p = write_text_atomic(pathlib.Path(tempfile.mkdtemp()) / "a.md", "# 标题\\n")
        >>> p.read_text(encoding="utf-8")
        '# 标题\\n'
    """
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding, newline="\n")
    return Path(path)


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would treat ``text`` as a formula if typed into a cell.

    Examples:
        >>> is_formula_like("=1+1"), is_formula_like("-5"), is_formula_like("签约")
        (True, True, False)
    """
    return text.startswith(FORMULA_TRIGGERS)


def set_text_cell(cell, value: object) -> None:
    """Put user text into an openpyxl cell so that it stays text, never a formula.

    Numbers, dates and ``None`` are stored as they are. A string is always stored
    with the string data type; one that starts like a formula also gets Excel's
    quote prefix, so Excel shows it as typed and does not evaluate it on edit.

    Examples:
        >>> from openpyxl import Workbook
        >>> ws = Workbook().active
        >>> set_text_cell(ws["A1"], "=1+1")
        >>> ws["A1"].value, ws["A1"].data_type, ws["A1"].quotePrefix
        ('=1+1', 's', True)
    """
    if not isinstance(value, str):
        cell.value = value
        return
    cell.value = value
    cell.data_type = "s"
    if is_formula_like(value):
        cell.quotePrefix = True


def csv_text(value: object) -> object:
    """Make a value safe for a CSV file that someone will open in Excel.

    A CSV cell has no "text" type: Excel evaluates ``=…``, ``+…``, ``-…`` and ``@…``
    when it opens the file. Strings that start like a formula get a leading
    apostrophe (what Excel itself shows for quote-prefixed text); anything else
    is returned unchanged, numbers included.

    Examples:
        >>> print(csv_text('=HYPERLINK("http://evil","x")'))
        '=HYPERLINK("http://evil","x")
        >>> csv_text("签约"), csv_text(-5)
        ('签约', -5)
    """
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def refuse_overwriting_inputs(output: str | os.PathLike | None, *inputs) -> None:
    """Raise ``UserError`` if ``output`` is the same file as one of the ``inputs``.

    ``validate ledger.xlsx -o ledger.xlsx`` would otherwise replace the user's ledger with
    the report. ``None`` entries (optional arguments not given) are skipped.

    Examples:
        >>> refuse_overwriting_inputs("report.csv", "ledger.xlsx")
        >>> refuse_overwriting_inputs("./ledger.xlsx", "ledger.xlsx")
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 输出文件就是输入文件，会覆盖原始数据，请换一个文件名 \
(output would overwrite an input): ./ledger.xlsx
    """
    from analysis.errors import UserError

    if output is None:
        return
    target = Path(output).resolve()
    for given in inputs:
        if given is None:
            continue
        source = Path(given).resolve()
        if target == source:
            raise UserError(
                "输出文件就是输入文件，会覆盖原始数据，请换一个文件名 "
                f"(output would overwrite an input): {output}"
            )
