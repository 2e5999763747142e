"""Tests for analysis.load.package: what a file is by its bytes, and the zip bounds."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from analysis.load import package
from analysis.load.package import UnsafePackageError, check_members, sniff


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return zipfile.ZipFile(buffer)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "xls"),
        (b"%PDF-1.7\n", "pdf"),
        (gzip.compress(b"a,b\n", mtime=0), "gzip"),
        (b"\xef\xbb\xbf<html><table>", "html"),
        ("编号,金额\n".encode("gb18030"), "text"),
        ("编号\t金额\n".encode("utf-16"), "text"),  # Excel's Unicode text: NULs after a BOM
        (b"\x01\x02\x00\x03", "binary"),
    ],
)
def test_sniff_by_content(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    assert sniff(path) == kind


def test_sniff_tells_xlsx_ods_and_plain_zip_apart(tmp_path: Path) -> None:
    wb = Workbook()
    wb.save(tmp_path / "a.xls")  # an .xlsx under another suffix
    ods = tmp_path / "b.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    plain = tmp_path / "c.xlsx"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("readme.txt", "hi")
    assert [sniff(tmp_path / n) for n in ("a.xls", "b.xlsx", "c.xlsx")] == ["xlsx", "ods", "zip"]


def test_members_within_bounds_pass() -> None:
    check_members(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>" * 1000}))


def test_too_many_members(monkeypatch) -> None:
    monkeypatch.setattr(package, "MAX_ENTRIES", 3)
    with pytest.raises(UnsafePackageError, match="4 个部件，超过上限 3"):
        check_members(_zip({f"{i}.xml": b"" for i in range(4)}))


def test_duplicate_names_differing_only_in_case() -> None:
    with pytest.raises(UnsafePackageError, match="duplicate part names"):
        check_members(_zip({"xl/workbook.xml": b"<a/>", "XL/Workbook.xml": b"<b/>"}))


def test_ratio_counts_only_above_the_floor(monkeypatch) -> None:
    # 1 MiB of spaces deflates about 1,000 times; under an 8 MiB floor it is no bomb.
    blanks = {"xl/worksheets/sheet1.xml": b" " * 2**20}
    check_members(_zip(blanks))
    monkeypatch.setattr(package, "RATIO_FLOOR", 2**10)
    with pytest.raises(UnsafePackageError, match=r"压缩比 \d+:1 超过 200:1"):
        check_members(_zip(blanks))


def test_total_inflated_size(monkeypatch) -> None:
    monkeypatch.setattr(package, "MAX_UNCOMPRESSED", 2**20)
    # Stored, not deflated: no ratio to speak of, only the size.
    members = {"a.xml": b"x" * 2**19, "b.xml": b"y" * (2**19 + 1)}
    with pytest.raises(UnsafePackageError, match=r"b\.xml 处"):
        check_members(_zip(members, zipfile.ZIP_STORED))
