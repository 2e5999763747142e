"""The one text decoder (UTF-8, UTF-8 with BOM, GB18030) and the CSV reader built on it."""

from __future__ import annotations

import codecs
import csv
import io
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
    encodings Excel uses for CSV on Chinese Windows).

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
            return _check_text(data.decode(codec)), label
        except UnicodeDecodeError as exc:
            if codec == "utf-8":
                _check_mixed(data, exc.start)
            continue
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


def read_csv(path: Path) -> tuple[list[list[object]], str | None]:
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
        rows: list[list[object]] = [list(r) for r in reader]
    except csv.Error as exc:
        raise UserError(
            f"{path.name} 第 {reader.line_num} 行 CSV 格式错误，多半是引号不配对"
            f" (malformed CSV, unbalanced quote): {exc}"
        ) from exc
    if delimiter != ",":
        encoding = f"{encoding}, {_DELIMITER_NAMES[delimiter]}"
    return rows, encoding
