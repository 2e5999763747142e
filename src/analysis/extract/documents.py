"""Read the text of a report handed over for extraction: plain text or a Word document."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from defusedxml import ElementTree

from analysis.errors import UserError
from analysis.load.text import DecodeError, decode_text

#: Suffixes read as plain text (decoded as UTF-8, UTF-8 with BOM, UTF-16 or GB18030).
TEXT_SUFFIXES = (".txt", ".text", ".md", "")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: str | os.PathLike) -> str:
    """The text of a Word document, one line per paragraph (table cells included).

    Args:
        path: A ``.docx`` file.

    Returns:
        The paragraphs joined by newlines; tabs and line breaks inside a paragraph kept.

    Raises:
        UserError: The file is not a readable .docx.

    Examples:
        >>> import tempfile, docx
        >>> p = Path(tempfile.mkdtemp()) / "r.docx"
        >>> d = docx.Document(); _ = d.add_paragraph("共举办3场活动"); d.save(p)
        >>> read_docx(p)
        '共举办3场活动'
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise UserError(f"无法读取 Word 文件 {path}：{exc}") from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise UserError(f"Word 文件 {path} 的内容已损坏：{exc}") from None
    lines = []
    for para in root.iter(f"{_W}p"):
        parts = []
        for node in para.iter():
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines)


def read_report(path: str | os.PathLike) -> str:
    """Read a report: .docx, or text in UTF-8 (with or without BOM), UTF-16 or GB18030.

    Text is decoded by ``analysis.load.text.decode_text``, the one decoder of the package.

    Args:
        path: A ``.docx`` file or a text file (``.txt``, ``.text``, ``.md`` or no suffix).

    Returns:
        The text of the report.

    Raises:
        UserError: Missing file, unknown suffix, or text in none of those encodings.

    Examples:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "r.txt"
        >>> _ = p.write_bytes("签约35项".encode("gb18030"))
        >>> read_report(p)
        '签约35项'
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix not in TEXT_SUFFIXES:
        raise UserError(f"不支持的文件类型 {path.suffix}（{path}）：请提供 .txt 或 .docx")
    try:
        text, _ = decode_text(path.read_bytes())
    except DecodeError as exc:
        raise UserError(f"{path} 既不是 UTF-8 也不是 GB18030 编码的文本：{exc}") from None
    return text
