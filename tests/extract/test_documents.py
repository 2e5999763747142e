"""Tests for analysis.extract.documents: reports read from text and Word files."""

import codecs

import docx
import pytest

from analysis.errors import UserError
from analysis.extract import read_report
from analysis.extract.word import read_docx

TEXT = "共举办活动3场，签约项目35项。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("utf-16"),  # Notepad's "Unicode", with its byte order mark
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "utf-16"],
)
def test_text_in_every_encoding_of_the_one_decoder(tmp_path, data):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    assert read_report(path) == TEXT


def test_suffix_is_case_blind_and_optional(tmp_path):
    for name in ("REPORT.TXT", "notes.md", "README"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
        assert read_report(tmp_path / name) == TEXT


def test_word_paragraphs_tables_and_breaks(tmp_path):
    document = docx.Document()
    document.add_paragraph("第一段")
    run = document.add_paragraph().add_run("甲")
    run.add_break()
    run.add_text("乙")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "表格3项"
    path = tmp_path / "r.docx"
    document.save(path)
    assert read_docx(path) == "第一段\n甲\n乙\n表格3项"
    assert read_report(path) == read_docx(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "找不到文件"),
        ("report.pdf", b"%PDF-1.4", "无法读取 PDF 文件"),
        ("report.odt", b"x", "不支持的文件类型"),
        ("report.txt", b"\x80\xff\x80\xff", "GB18030"),
        ("binary.txt", b"abc\x00def", "NUL"),
        ("report.docx", b"not a zip", "无法读取 Word 文件"),
    ],
)
def test_unreadable_reports_are_user_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read_report(path)
