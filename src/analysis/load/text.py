"""The one text decoder (UTF-8, GB18030, Windows-1252 by evidence) and the CSV reader on it."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import stat
from pathlib import Path

from analysis.errors import UserError

#: Encodings tried in order, as (Python codec, label shown in the load report).
#: UTF-8 goes first because a GB18030 decoder accepts most UTF-8 byte strings too and would
#: silently turn them into mojibake; the reverse mistake cannot happen since GB18030 text
#: with Chinese characters is almost never valid UTF-8.
CANDIDATES = (
    ("utf-8", "UTF-8"),
    ("gb18030", "GB18030"),
)


class DecodeError(ValueError):
    """The bytes are not valid text in any supported encoding."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode ``data`` strictly and say which encoding it was.

    A UTF-8 byte order mark is removed and reported as ``"UTF-8 with BOM"``; a UTF-16
    byte order mark (Excel's "Unicode text" export) means UTF-16.
    Otherwise UTF-8 is tried, then GB18030 (which covers GBK and GB2312, the
    encodings Excel uses for CSV on Chinese Windows), told apart from Windows-1252
    (Western Windows) by evidence (``_gb18030_or_windows_1252``).

    Args:
        data: Raw file content.

    Returns:
        The text and a label for the encoding found.

    Raises:
        DecodeError: If no candidate decodes ``data`` without errors, or the
            text contains NUL characters (a binary file).

    Examples:
        >>> decode_text("编号,金额".encode("gb18030"))
        ('编号,金额', 'GB18030')
        >>> decode_text(codecs.BOM_UTF8 + "编号".encode())
        ('编号', 'UTF-8 with BOM')
        >>> decode_text(b"id,value")
        ('id,value', 'UTF-8')
        >>> decode_text("编号,金额".encode("utf-16"))
        ('编号,金额', 'UTF-16')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Excel's "Unicode text" (Unicode 文本) export: UTF-16 with a byte order mark.
        try:
            return _check_text(data.decode("utf-16")), "UTF-16"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"文件以 UTF-16 BOM 开头但内容不是有效的 UTF-16：{exc}") from exc
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"文件以 UTF-8 BOM 开头但内容不是有效的 UTF-8：{exc}") from exc
        return _check_text(text), "UTF-8 with BOM"
    for codec, label in CANDIDATES:
        try:
            text = _check_text(data.decode(codec))
        except UnicodeDecodeError as exc:
            if codec == "utf-8":
                _check_mixed(data, exc.start)
            continue
        if codec == "gb18030":
            return _gb18030_or_windows_1252(data, text)
        return text, label
    latin = _windows_1252(data)
    if latin is not None:
        # Not GB18030 either (é before a space is no GBK character): Western Windows text.
        return _check_text(latin), "Windows-1252（不是 UTF-8 或 GB18030，按西文文本读取）"
    tried = "、".join(["UTF-8 with BOM", *(label for _, label in CANDIDATES)])
    raise DecodeError(f"无法识别文件编码（已尝试 {tried}）(unknown text encoding)")


#: Chinese characters read as UTF-8 before the first invalid byte that show a file mixes
#: UTF-8 and GB18030 (GB18030 text is essentially never valid UTF-8 for this long).
_MIXED_MIN_CJK = 4


def _check_mixed(data: bytes, bad: int) -> None:
    """Refuse a file whose first part is UTF-8 Chinese and a later part is not (pasted CSVs)."""
    head = data[:bad].decode("utf-8", errors="ignore")
    if sum("\u4e00" <= ch <= "\u9fff" for ch in head) >= _MIXED_MIN_CJK:
        line = head.count("\n") + 1
        raise DecodeError(
            f"文件混用了两种编码：前 {line - 1} 行是 UTF-8，第 {line} 行起不是；"
            "请统一另存为 UTF-8 (mixed encodings in one file)"
        )


#: Share of a Windows-1252 reading's non-ASCII characters that may touch another one: English
#: or French text has them alone between letters (Women’s, café); Chinese bytes read as
#: Windows-1252 come in runs (科创 → ¿Æ´´).
_LATIN_RUNS = 0.1


def _gb18030_or_windows_1252(data: bytes, gb: str) -> tuple[str, str]:
    """Choose between the GB18030 and the Windows-1252 reading of non-UTF-8 bytes by evidence.

    A byte of Windows-1252 punctuation (0x92 ’) followed by a letter is also a valid GBK
    character (0x92 0x73 is 抯), so "Women’s Innovation Fund" saved by English Windows
    reads as "Women抯 Innovation Fund". Such characters lie outside GB2312 (their second
    byte is ASCII), while real Chinese text has runs of GB2312 characters. So: GB18030
    unless the Windows-1252 reading has its accented letters and punctuation alone among
    ASCII and the GB18030 reading has no GB2312 character; when both readings have
    evidence, refuse and show both.

    Examples:
        >>> _gb18030_or_windows_1252("科创中国".encode("gb18030"), "科创中国")
        ('科创中国', 'GB18030')
        >>> data = b"Women\\x92s Innovation Fund"
        >>> _gb18030_or_windows_1252(data, data.decode("gb18030"))[1]
        'Windows-1252（不是 GB18030：“Women抯”应读作“Women’s”）'
    """
    latin = _windows_1252(data)
    if latin is None:
        return gb, "GB18030"
    chinese = [ch for ch in gb if ord(ch) > 127 and _in_gb2312(ch)]
    gb_word, latin_word = _first_difference(gb, latin)
    if chinese:
        raise DecodeError(
            "无法确定文件编码：按 GB18030 读是"
            f"“{gb_word}”，按 Windows-1252（西文 Windows）读是“{latin_word}”；"
            "请另存为 UTF-8 后再试 (ambiguous encoding: GB18030 or Windows-1252)"
        )
    return latin, f"Windows-1252（不是 GB18030：“{gb_word}”应读作“{latin_word}”）"


def _windows_1252(data: bytes) -> str | None:
    """The Windows-1252 reading of ``data`` when its non-ASCII characters stand alone
    among ASCII ones (Women’s, café), as in Western text; else None.

    Examples:
        >>> _windows_1252("Café".encode("cp1252")), _windows_1252("科创".encode("gb18030"))
        ('Café', None)
    """
    try:
        latin = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = {i for i, ch in enumerate(latin) if ord(ch) > 127}
    if not high:
        return None
    touching = sum(1 for i in high if i + 1 in high or i - 1 in high)
    return None if touching > _LATIN_RUNS * len(high) else latin


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _first_difference(gb: str, latin: str) -> tuple[str, str]:
    """The first word that the two readings spell differently, as each reads it."""
    for a, b in zip(gb.split(), latin.split(), strict=False):
        if a != b:
            return a[:30], b[:30]
    return gb[:30], latin[:30]


def _check_text(text: str) -> str:
    if "\x00" in text:
        raise DecodeError("文件含有 NUL 字符，不是文本文件 (binary file, not CSV text)")
    return text


#: Ways UTF-8 text gets garbled: its bytes decoded in another encoding, then saved again.
MOJIBAKE_CODECS = ("gb18030", "latin-1")


def repair_mojibake(text: str) -> str | None:
    """Undo one round of UTF-8 bytes mis-read as GB18030 or Latin-1, if that is what happened.

    A UTF-8 CSV opened as GBK (or as Latin-1) in an editor and saved again holds
    text like ``娲诲姩缂栧彿``; re-encoding it that way and decoding as UTF-8
    gives the original back. Returns None when the text does not round-trip to
    something different (so ordinary text is left alone).

    Examples:
        >>> repair_mojibake("娲诲姩缂栧彿")
        '活动编号'
        >>> repair_mojibake("活动编号".encode("utf-8").decode("latin-1"))
        '活动编号'
        >>> repair_mojibake("活动编号") is None
        True
    """
    for codec in MOJIBAKE_CODECS:
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != text:
            return repaired
    return None


#: The first bytes of an .xlsx (zip) and an .xls (OLE2) file.
XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"

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


#: What a path that is no regular file is, for messages (by ``stat.S_IFMT``).
_FILE_TYPES = {
    stat.S_IFIFO: "命名管道 (named pipe)",
    stat.S_IFCHR: "字符设备 (character device)",
    stat.S_IFBLK: "块设备 (block device)",
    stat.S_IFSOCK: "套接字 (socket)",
    stat.S_IFDIR: "文件夹 (directory)",
    stat.S_IFLNK: "符号链接 (symbolic link)",
}

#: The longest CSV cell read, in characters. Python's csv module stops at 131,072 by default
#: and says "field larger than field limit"; Excel holds at most 32,767 characters in a cell,
#: so a longer one is pasted text, kept up to this bound and refused beyond it.
MAX_CSV_FIELD = 16 * 2**20


def not_regular(path: Path) -> str | None:
    """What ``path`` is when it is no regular file (after links), else None; never opens it.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> os.mkfifo(folder / "活动.csv")
        >>> not_regular(folder / "活动.csv"), not_regular(folder)
        ('命名管道 (named pipe)', '文件夹 (directory)')
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: the reader says so
    if stat.S_ISREG(mode):
        return None
    return _FILE_TYPES.get(stat.S_IFMT(mode), "特殊文件 (special file)")


def read_csv(path: Path) -> tuple[list[list[object]], str | None]:
    kind = not_regular(path)
    if kind is not None:
        # Opening a named pipe waits for a writer forever; a device can stream without end.
        raise UserError(
            f"{path.name} 是{kind}，不是普通文件，未读取 (not a regular file, not opened): {path}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件 (cannot read file) {path}: {exc.strerror}") from exc
    if data.startswith((XLSX_MAGIC, XLS_MAGIC)):
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
        with _field_limit(MAX_CSV_FIELD):
            rows: list[list[object]] = [list(r) for r in reader]
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise UserError(
                f"{path.name} 第 {reader.line_num} 行有单元格超过 {MAX_CSV_FIELD} 个字符，拒绝读取"
                f" (a cell longer than {MAX_CSV_FIELD} characters)"
            ) from exc
        raise UserError(
            f"{path.name} 第 {reader.line_num} 行 CSV 格式错误，多半是引号不配对"
            f" (malformed CSV, unbalanced quote): {exc}"
        ) from exc
    if delimiter != ",":
        encoding = f"{encoding}, {_DELIMITER_NAMES[delimiter]}"
    return rows, encoding


@contextlib.contextmanager
def _field_limit(limit: int):
    """Raise the csv module's process-wide cell limit while one file is read."""
    before = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(before)
