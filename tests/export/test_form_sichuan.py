"""Tests for analysis.export.form_sichuan, and both layouts converted to PDF by LibreOffice."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from analysis.assessment import Rules, assess
from analysis.assessment.target_sheet import read_target_sheet
from analysis.export.form import FORM_SHEET, REASON_NEEDED, UNKNOWN, write_form
from analysis.export.form_sichuan import REPORT_NUMBER, SICHUAN_FIRST_ROW, SICHUAN_SHEET

EXPORT = Path(__file__).parents[1] / "data" / "targets" / "预算系统绩效目标表.xlsx"
INFO = {
    "name": "某县科技成果转化服务项目",
    "department": "某县科学技术局",
    "implementer": "=某县成果转化中心",  # user text that looks like a formula
    "year": 2023,
    "budget_full_year": 500000.0,
    "budget_spent": 375000.0,
}


@pytest.fixture
def result():
    table = read_target_sheet(EXPORT).table.assign(programme=INFO["name"])
    return assess(None, table, Rules(reason_rate_below=0.9), info=INFO)


def test_sichuan_cells(tmp_path, result):
    ws = load_workbook(write_form(result, tmp_path / "s.xlsx", layout="sichuan"))[SICHUAN_SHEET]
    assert ws["A1"].value == "部门预算项目支出绩效自评表"
    assert REPORT_NUMBER in ws["I2"].value and ws["A2"].value == "（2023年度）"
    assert ws["I4"].value == "=某县成果转化中心" and ws["I4"].data_type == "s"
    # 预算执行情况: 年初预算 unknown (marked), 调整后预算数 50, 执行数 37.5, 75%, 7.5 points.
    assert [ws[c].value for c in ("D6", "E6", "F6", "G6", "H6", "I6")] == [
        UNKNOWN,
        50.0,
        37.5,
        0.75,
        10.0,
        7.5,
    ]
    assert ws["J6"].value == REASON_NEEDED  # 执行率 < 90% and no reason written
    assert [ws[f"B{r}"].value for r in range(6, 11)] == [
        "总额",
        "财政资金",
        "财政专户管理资金",
        "单位资金",
        "其他资金",
    ]
    first = SICHUAN_FIRST_ROW
    header = [ws.cell(first - 1, c).value for c in range(2, 12)]
    assert header == [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因分析",
    ]
    # Row 9 of the export: ≥ 90 百分比 → 指标性质 ≥, 指标值 90, 度量单位 %.
    last = first + 8
    assert [ws.cell(last, c).value for c in range(5, 11)] == ["≥", "90", "%", "92%", 10, 10]
    assert ws.cell(last + 1, 10).value == 95.1
    assert ws.cell(last + 2, 1).value == "评价结论"
    assert {str(r) for r in ws.merged_cells.ranges} >= {f"B{first}:B{first + 5}"}


def test_central_form_marks_unknown_header(tmp_path, result):
    info = {k: v for k, v in INFO.items() if k not in ("department", "year")}
    table = read_target_sheet(EXPORT).table.assign(programme=INFO["name"])
    bare = assess(None, table, info=info)
    ws = load_workbook(write_form(bare, tmp_path / "c.xlsx"))[FORM_SHEET]
    assert ws["A2"].value == f"（年度{UNKNOWN}）"
    assert ws["C4"].value == UNKNOWN and ws["E6"].value == UNKNOWN


def test_unknown_layout(tmp_path, result):
    from analysis.errors import UserError

    with pytest.raises(UserError, match="未知的自评表式样"):
        write_form(result, tmp_path / "x.xlsx", layout="beijing")


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="needs LibreOffice (soffice) and poppler (pdftotext)",
)
@pytest.mark.parametrize(
    ("layout", "words"),
    [
        ("central", ("项目支出绩效自评表", "年度资金总额", "偏差原因分析及改进措施", "95.10")),
        ("sichuan", ("部门预算项目支出绩效自评表", REPORT_NUMBER, "调整后预算数", "95.10")),
    ],
)
def test_layouts_convert_to_pdf(tmp_path, result, layout, words):
    form = write_form(result, tmp_path / f"{layout}.xlsx", layout=layout)
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo'}"
    subprocess.run(
        [
            "soffice",
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(form),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = form.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])
    assert pages == 2  # the form on one page, the 评分说明 sheet on the next
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for word in words:
        assert word in re.sub(r"\s", "", text), word  # cells wrap their labels
