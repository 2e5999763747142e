"""Tests for analysis.extract.word: Word reports read in body order, tables cell by cell."""

import docx

from analysis.extract import extract_document, read_document
from analysis.extract.word import read_docx_document


def test_paragraphs_and_tables_in_body_order_with_locations(tmp_path):
    d = docx.Document()
    d.add_paragraph("经费使用情况如下（单位：万元）：")
    t = d.add_table(rows=2, cols=3)
    for c, value in enumerate(["项目", "年初预算数", "全年执行数"]):
        t.cell(0, c).text = value
    for c, value in enumerate(["会务费", "20", "18.5"]):
        t.cell(1, c).text = value
    d.add_paragraph("全年共举办活动3场。")
    path = tmp_path / "r.docx"
    d.save(path)
    df = extract_document(read_document(path))
    # The caption paragraph before the table gives the unit: 20 万元, 18.5 万元.
    assert df[["quantity_text", "value", "unit", "location"]].values.tolist() == [
        ["20", 200_000.0, "yuan", "表1第2行第2列"],
        ["18.5", 185_000.0, "yuan", "表1第2行第3列"],
        ["3场", 3.0, "event", "第2段"],
    ]


def test_a_merged_cell_is_read_once(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "项目名称"
    t.cell(0, 2).text = "人数（人）"
    t.cell(1, 0).text = "培训"
    t.cell(1, 2).text = "120"
    path = tmp_path / "m.docx"
    d.save(path)
    doc = read_docx_document(path)
    assert doc.text.split("\n")[0] == "项目名称\t\t人数（人）"  # the grid's columns kept
    df = extract_document(doc)
    assert df[["value", "unit"]].values.tolist() == [[120.0, "person"]]
