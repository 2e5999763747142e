"""Tests for the ``extract`` sub-command (python -m analysis extract FILE)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from analysis.cli import main
from analysis.errors import UserError
from analysis.extract import read_report
from analysis.extract.long_table import EXTRA_COLUMNS
from analysis.load import load_statistics, load_table
from analysis.schema import STATISTICS

CORPUS = Path(__file__).resolve().parent / "data" / "extract" / "corpus" / "dev"
LONG_COLUMNS = [*STATISTICS.names, *EXTRA_COLUMNS]

REPORT = (
    "2023年度展洽会工作总结\n"
    "展洽会期间举办活动146场，其中重点专题活动35场；近300人参加，签约金额达1.25亿元。\n"
)
# Hand-read from REPORT: 146 events, 35 events, about 300 people, 125,000,000 yuan.
EXPECTED = [
    ("146场", 146.0, "event", "exact"),
    ("35场", 35.0, "event", "exact"),
    ("近300人", 300.0, "person", "approx"),
    ("1.25亿元", 1.25e8, "yuan", "exact"),
]


def as_tuples(df: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in df[["quantity_text", "value", "unit", "qualifier"]].values]


def test_csv_to_stdout_is_the_statistics_long_table(tmp_path, capsys):
    src = tmp_path / "report.txt"
    src.write_text(REPORT, encoding="utf-8")
    assert main(["extract", str(src)]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"period": str})
    assert list(df.columns) == LONG_COLUMNS
    assert as_tuples(df) == EXPECTED
    # programme from the file name, period from the title, measures from the words
    assert set(df["programme"]) == {"report"} and set(df["period"]) == {"2023"}
    assert df["measure"].tolist() == [
        "events_held",
        "key_events_held",
        "attendees_onsite",
        "deal_value",
    ]
    assert df["location"].tolist() == ["第2行"] * 4
    assert df["source"].tolist() == ["report.txt"] * 4


def test_gb18030_text_and_csv_file_read_back_by_the_statistics_loader(tmp_path):
    src = tmp_path / "report.txt"
    src.write_bytes(REPORT.encode("gb18030"))
    out = tmp_path / "out.csv"
    assert main(["extract", str(src), "-o", str(out), "--programme", "fair"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel on Windows
    stats = load_statistics(out)  # the loader every command uses: no row rejected
    assert as_tuples(stats) == EXPECTED
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert REPORT[df["start"][0] : df["end"][0]] == "146场"  # offsets into the decoded text


def test_indicators_reads_what_extract_writes(tmp_path, capsys):
    # The budget table of a corpus report (tests/data/extract/corpus/dev/city_summary.txt):
    # 单位：万元, so 合计 115.00 is 1,150,000 元 planned and 108.95 is 1,089,500 元 spent.
    out = tmp_path / "city.csv"
    src = CORPUS / "city_summary.pdf"
    assert main(["extract", str(src), "-o", str(out)]) == 0
    ind = tmp_path / "ind.csv"
    assert main(["indicators", str(out), "-o", str(ind)]) == 0
    table = pd.read_csv(ind, encoding="utf-8-sig", dtype={"period": str})
    totals = table[table["breakdown"].isna()].set_index("measure")["value"]
    assert totals["budget_planned"] == 1_150_000
    assert totals["budget_spent"] == 1_089_500
    assert set(table["period"]) == {"2024"}


def test_docx_paragraphs_and_tables_with_locations(tmp_path, capsys):
    src = tmp_path / "report.docx"
    d = docx.Document()
    d.add_paragraph("展洽会期间举办活动146场，其中重点专题活动35场；")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "数值"
    table.cell(1, 0).text = "参会人数"
    table.cell(1, 1).text = "近300人"
    d.save(src)
    assert main(["extract", str(src), "--format", "json", "--period", "2023"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["quantity_text"], r["value"], r["unit"], r["location"]) for r in records] == [
        ("146场", 146.0, "event", "第1段"),
        ("35场", 35.0, "event", "第1段"),
        ("近300人", 300.0, "person", "表1第2行第2列"),
    ]
    assert records[0]["low"] is None


def test_xlsx_output_keeps_text_as_text(tmp_path):
    src = tmp_path / "report.txt"
    src.write_text("=HYPERLINK(1) 签约项目35项。\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert main(["extract", str(src), "-o", str(out), "--period", "2023"]) == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["项目", "期间", "指标代码"] and len(header) == len(LONG_COLUMNS)
    row = dict(zip(LONG_COLUMNS, (c.value for c in ws[2]), strict=True))
    assert row["quantity_text"] == "35项" and row["value"] == 35.0
    quote = ws.cell(row=2, column=LONG_COLUMNS.index("quote") + 1)
    assert quote.value.startswith("=HYPERLINK") and quote.data_type == "s"
    assert load_statistics(out)["value"].tolist() == [35.0]  # the loader reads the sheet


def test_an_excel_report_is_read_sheet_by_sheet(tmp_path, capsys):
    src = tmp_path / "经费.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "预算执行"
    ws.append(["科目", "年初预算数（元）", "执行率"])
    ws.append(["会务费", 3724055, 0.9685])
    ws["C2"].number_format = "0.00%"
    wb.save(src)
    assert main(["extract", str(src), "--period", "2020"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    # (元) is read in 元, never rescaled; the percent format shows 96.85%.
    assert df[["quantity_text", "value", "unit", "location"]].values.tolist() == [
        ["3724055", 3724055.0, "yuan", "工作表“预算执行”B2"],
        ["96.85%", 96.85, "percent", "工作表“预算执行”C2"],
    ]


def test_forms_writes_the_self_assessment_rows_as_a_targets_table(tmp_path):
    out = tmp_path / "stats.csv"
    forms = tmp_path / "targets.csv"
    src = CORPUS / "park_self_assessment.docx"
    assert main(["extract", str(src), "-o", str(out), "--forms", str(forms)]) == 0
    targets = load_table(forms, "targets")
    # Seven indicator rows in the 自评表 of the text (hand-counted).
    assert len(targets) == 7
    first = targets.iloc[0]
    assert (first["level1"], first["level3"], first["target"], first["actual"]) == (
        "产出指标",
        "举办园区对接活动场次",
        "≥8场",
        "10场",
    )
    assert first["weight"] == 15


def test_no_year_in_the_title_asks_for_a_period(tmp_path, capsys):
    src = tmp_path / "news.txt"
    src.write_text("对接会举办\n共举办3场活动。\n", encoding="utf-8")
    assert main(["extract", str(src)]) == 2
    assert "--period" in capsys.readouterr().err
    assert main(["extract", str(src), "--period", "2021-2023"]) == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "找不到文件"),
        ("report.odt", b"x", "不支持的文件类型"),
        ("report.pdf", b"%PDF-1.4 garbage", "无法读取 PDF 文件"),
        ("report.xlsx", b"not a zip", "无法读取 Excel 文件"),
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
    assert out.read_text(encoding="utf-8-sig").startswith("programme,")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
