"""Tests for the ``extract`` sub-command (python -m analysis extract FILE)."""

from __future__ import annotations

import io
import json

import docx
import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.cli import main
from analysis.errors import UserError
from analysis.extract import COLUMNS, read_report

REPORT = "展洽会期间举办活动146场，其中重点专题活动35场；近300人参加，签约金额达1.25亿元。\n"
# Hand-read from REPORT: 146 events, 35 events, about 300 people, 125,000,000 yuan.
EXPECTED = [
    ("146场", 146.0, "event", "exact"),
    ("35场", 35.0, "event", "exact"),
    ("近300人", 300.0, "person", "approx"),
    ("1.25亿元", 1.25e8, "yuan", "exact"),
]


def as_tuples(df: pd.DataFrame) -> list[tuple]:
    return list(df[["quantity_text", "value", "unit", "qualifier"]].itertuples(index=False))


def test_csv_to_stdout_has_the_columns_in_order(tmp_path, capsys):
    src = tmp_path / "report.txt"
    src.write_text(REPORT, encoding="utf-8")
    assert main(["extract", str(src)]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(df.columns) == list(COLUMNS)
    assert [tuple(r) for r in as_tuples(df)] == EXPECTED


def test_gb18030_text_and_csv_file(tmp_path):
    src = tmp_path / "report.txt"
    src.write_bytes(REPORT.encode("gb18030"))
    out = tmp_path / "out.csv"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel on Windows
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert [tuple(r) for r in as_tuples(df)] == EXPECTED
    # offsets refer to the decoded text
    assert REPORT[df["start"][0] : df["end"][0]] == "146场"


def test_docx_paragraphs_and_tables(tmp_path, capsys):
    src = tmp_path / "report.docx"
    d = docx.Document()
    d.add_paragraph("展洽会期间举办活动146场，其中重点专题活动35场；")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "参会人数"
    table.cell(0, 1).text = "近300人"
    d.save(src)
    assert main(["extract", str(src), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["quantity_text"], r["value"], r["unit"]) for r in records] == [
        ("146场", 146.0, "event"),
        ("35场", 35.0, "event"),
        ("近300人", 300.0, "person"),
    ]
    assert records[0]["low"] is None


def test_xlsx_keeps_text_as_text(tmp_path):
    src = tmp_path / "report.txt"
    src.write_text("=HYPERLINK(1) 签约项目35项。\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert main(["extract", str(src), "-o", str(out)]) == 0  # format from the suffix
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[0] == "原文数值 quantity_text" and len(header) == len(COLUMNS)
    row = [c.value for c in ws[2]]
    assert row[0] == "35项" and row[1] == 35.0
    sentence = ws.cell(row=2, column=COLUMNS.index("sentence") + 1)
    assert sentence.value.startswith("=HYPERLINK") and sentence.data_type == "s"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "找不到文件"),
        ("report.pdf", b"%PDF-1.4", "无法读取 PDF 文件"),
        ("report.odt", b"x", "不支持的文件类型"),
        ("report.txt", b"\xff\xfe\x00\xd8\x00\xd8", "GB18030"),
        ("report.docx", b"not a zip", "无法读取 Word 文件"),
    ],
)
def test_bad_input_is_a_user_error(tmp_path, capsys, name, content, message):
    src = tmp_path / name
    if content is not None:
        src.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read_report(src)
    assert main(["extract", str(src)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_xlsx_needs_an_output_file(tmp_path, capsys):
    src = tmp_path / "report.txt"
    src.write_text(REPORT, encoding="utf-8")
    assert main(["extract", str(src), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err


def test_output_replaces_a_previous_file_without_leftovers(tmp_path):
    src = tmp_path / "report.txt"
    src.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("previous", encoding="utf-8")
    main(["extract", str(src), "-o", str(out)])
    assert out.read_text(encoding="utf-8-sig").startswith("quantity_text,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
