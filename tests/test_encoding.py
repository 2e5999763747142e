"""Tests for analysis.encoding: the three encodings Excel and WPS write CSV in."""

import codecs

import pytest

from analysis.encoding import DecodeError, decode_text

TEXT = "签约编号,合同金额\nS1,35.71亿元\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("gb18030"), "GB18030"),
        (TEXT.encode("gbk"), "GB18030"),  # GBK is a subset of GB18030
    ],
)
def test_decodes_and_names_the_encoding(data: bytes, label: str) -> None:
    assert decode_text(data) == (TEXT, label)


def test_binary_is_refused() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_text(b"a\x00b")


def test_broken_bom_file_is_refused() -> None:
    with pytest.raises(DecodeError, match="BOM"):
        decode_text(codecs.BOM_UTF8 + "合同".encode("gb18030"))
