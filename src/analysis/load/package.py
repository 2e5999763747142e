"""Say what a file is by its first bytes, and bound a workbook's zip package before reading it."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

#: At most this many members in a workbook package; Excel's own files hold a few dozen,
#: a workbook with hundreds of sheets and images a few thousand.
MAX_ENTRIES = 10_000
#: At most this many bytes once every member is inflated. The largest ledger we expect
#: (a million rows of 20 columns) is about 400 MB of sheet XML; a bigger package costs more
#: memory to read than a laptop has, and is how zip bombs look.
MAX_UNCOMPRESSED = 512 * 2**20
#: A member that inflates more than this many times its compressed size is refused when it
#: is also larger than ``RATIO_FLOOR``: sheet XML compresses 5–30 times (the bundled sample:
#: at most 15), deflate cannot do better than about 1,030, and bombs sit near that limit.
MAX_RATIO = 200
RATIO_FLOOR = 8 * 2**20

#: What a file's first bytes say it is, checked in order: (kind, prefix).
_MAGIC = (
    ("zip", b"PK\x03\x04"),
    ("zip", b"PK\x05\x06"),  # an empty zip
    ("xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ("pdf", b"%PDF-"),
    ("gzip", b"\x1f\x8b"),
    ("7z", b"7z\xbc\xaf\x27\x1c"),
    ("rar", b"Rar!\x1a\x07"),
    ("png", b"\x89PNG"),
    ("jpeg", b"\xff\xd8\xff"),
)

#: How each kind is named to the user.
KIND_NAMES = {
    "xlsx": "Excel 工作簿 (.xlsx)",
    "ods": "OpenDocument 表格 (.ods, WPS/LibreOffice)",
    "xls": "Excel 97-2003 工作簿 (.xls)",
    "zip": "zip 压缩包（不是工作簿）",
    "pdf": "PDF 文档",
    "html": "网页（HTML/XML），常见于业务系统导出的“Excel”",
    "text": "文本，可能是改了扩展名的 CSV",
    "gzip": "gzip 压缩文件",
    "7z": "7z 压缩包",
    "rar": "rar 压缩包",
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "binary": "无法识别的二进制文件",
    "empty": "空文件",
}


class UnsafePackageError(ValueError):
    """A workbook package beyond a bound (members, inflated size, ratio, duplicate names)."""


def sniff(path: str | Path) -> str:
    """What a file is by its content: a key of ``KIND_NAMES``.

    A zip is an ``xlsx`` when it holds ``[Content_Types].xml`` and ``xl/`` parts, an ``ods``
    when its ``mimetype`` member says so; text is ``html`` when it starts with ``<``.

    Examples:
        >>> import tempfile, pathlib
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "a.xlsx"
        >>> _ = file.write_bytes(b"%PDF-1.7 ...")
        >>> sniff(file)
        'pdf'
        >>> _ = file.write_text("活动编号,日期\\nE1,2023-10-28\\n", encoding="gb18030")
        >>> sniff(file)
        'text'
    """
    with Path(path).open("rb") as handle:
        head = handle.read(4096)
    if not head:
        return "empty"
    kind = next((k for k, magic in _MAGIC if head.startswith(magic)), None)
    if kind == "zip":
        return _zip_kind(path)
    if kind is not None:
        return kind
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "html"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def _zip_kind(path: str | Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mimetype:
                    return "ods"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return "xlsx"  # a broken package: the reader names what is wrong with it
    if "[Content_Types].xml" in names or any(n.startswith("xl/") for n in names):
        return "xlsx"
    return "zip"


def check_members(archive: zipfile.ZipFile) -> None:
    """Refuse a package with too many members, duplicate part names or a bomb's sizes.

    Only the central directory is read (sizes as declared); ``xlsx_scan`` counts the
    bytes that really come out while it streams each part, so a lying size is caught too.

    Raises:
        UnsafePackageError: Naming the bound crossed and its value.

    Examples:
        >>> import io
        >>> buffer = io.BytesIO()
        >>> with zipfile.ZipFile(buffer, "w") as z:
        ...     z.writestr("a.xml", "<a/>")
        ...     z.writestr("A.xml", "<a/>")
        >>> check_members(zipfile.ZipFile(buffer))
        Traceback (most recent call last):
        ...
        analysis.load.package.UnsafePackageError: 压缩包中有重名的部件 a.xml，\
拒绝读取 (duplicate part names in the package)
    """
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise UnsafePackageError(
            f"压缩包有 {len(infos)} 个部件，超过上限 {MAX_ENTRIES} (too many zip members)"
        )
    # Part names are case-insensitive in OOXML: two spellings of one name are a duplicate.
    names = Counter(info.filename.casefold() for info in infos)
    duplicates = sorted(name for name, n in names.items() if n > 1)
    if duplicates:
        raise UnsafePackageError(
            f"压缩包中有重名的部件 {'、'.join(duplicates[:3])}，拒绝读取"
            " (duplicate part names in the package)"
        )
    total = 0
    for info in infos:
        total += info.file_size
        check_size(info.filename, info.file_size, info.compress_size, total)


def check_size(member: str, size: int, compressed: int, total: int) -> None:
    """Refuse one member by its inflated ``size`` and the package's running ``total``.

    Examples:
        >>> check_size("xl/worksheets/sheet1.xml", 10 * 2**20, 2**20, 10 * 2**20)
        >>> check_size("xl/worksheets/sheet1.xml", 2**30, 2**20, 2**30)
        Traceback (most recent call last):
        ...
        analysis.load.package.UnsafePackageError: 工作簿解压后超过 512 MiB（xl/worksheets/\
sheet1.xml 处已达 1024 MiB），疑似压缩炸弹，拒绝读取 (zip bomb: inflated size over the limit)
    """
    if total > MAX_UNCOMPRESSED:
        raise UnsafePackageError(
            f"工作簿解压后超过 {MAX_UNCOMPRESSED >> 20} MiB（{member} 处已达 "
            f"{total >> 20} MiB），疑似压缩炸弹，拒绝读取 (zip bomb: inflated size over the limit)"
        )
    if size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise UnsafePackageError(
            f"{member} 压缩比 {size // max(compressed, 1)}:1 超过 {MAX_RATIO}:1，"
            "疑似压缩炸弹，拒绝读取 (zip bomb: compression ratio over the limit)"
        )


__all__ = [
    "KIND_NAMES",
    "MAX_ENTRIES",
    "MAX_RATIO",
    "MAX_UNCOMPRESSED",
    "RATIO_FLOOR",
    "UnsafePackageError",
    "check_members",
    "check_size",
    "sniff",
]
