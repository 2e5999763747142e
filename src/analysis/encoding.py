"""Decode CSV bytes written by Excel or WPS: UTF-8, UTF-8 with BOM, or GB18030."""

from __future__ import annotations

import codecs

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

    A UTF-8 byte order mark is removed and reported as ``"UTF-8 with BOM"``.
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
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"文件以 UTF-8 BOM 开头但内容不是有效的 UTF-8：{exc}") from exc
        return _check_text(text), "UTF-8 with BOM"
    for codec, label in CANDIDATES:
        try:
            return _check_text(data.decode(codec)), label
        except UnicodeDecodeError:
            continue
    tried = "、".join(["UTF-8 with BOM", *(label for _, label in CANDIDATES)])
    raise DecodeError(f"无法识别文件编码（已尝试 {tried}）(unknown text encoding)")


def _check_text(text: str) -> str:
    if "\x00" in text:
        raise DecodeError("文件含有 NUL 字符，不是文本文件 (binary file, not CSV text)")
    return text
