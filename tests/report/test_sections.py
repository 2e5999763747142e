"""analysis.report.sections on a real workbook: one part per programme, no row left out."""

from pathlib import Path

from openpyxl import load_workbook

from analysis.load import load_ledger
from analysis.report import programme_parts

LEDGER = Path(__file__).resolve().parents[1] / "data" / "report_ledgers" / "两个项目合并台账.xlsx"


def test_every_row_is_in_one_part_or_in_the_load_report(tmp_path):
    # 两个项目合并台账: 活动 rows 3–6 are the lithium programme, 7–12 the village one
    # (its expected.toml). Blank the 项目名称 of row 12, as an analyst might forget it: the
    # row names no programme, so it is rejected with its cell, never pooled or dropped.
    wb = load_workbook(LEDGER)
    ws = wb["活动"]
    column = next(c.column for c in ws[2] if c.value == "项目名称")
    ws.cell(row=12, column=column).value = None
    path = tmp_path / "两个项目合并台账.xlsx"
    wb.save(path)

    ledger = load_ledger(path)
    parts = programme_parts(ledger)
    events = {p.name: p.ledger.events["_row"].tolist() for p in parts}
    assert events == {
        "“科创中国”锂电新能源产业协同创新项目": [3, 4, 5, 6],
        "“百会万企”科技服务乡村振兴行动": [7, 8, 9, 10, 11],
    }
    rejected = [(r.sheet, r.row, r.column) for r in ledger.report.rejections]
    assert rejected == [("活动", 12, "项目名称")]
