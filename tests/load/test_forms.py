"""Reading filled 自评表 workbooks back: layouts our own writer did not produce."""

from pathlib import Path

import pytest

from analysis.errors import UserError
from analysis.load.forms import read_forms

FORMS = Path(__file__).parents[1] / "data" / "forms"


def test_published_county_form_with_merged_levels():
    # tests/data/forms/make_forms.py: the published 2022 委托业务项目 form of 棠溪镇.
    [form] = read_forms(FORMS / "tangxi_2022_weituo.xlsx")
    assert (form.programme, form.year, form.layout) == ("委托业务项目", 2022, "central")
    assert form.department == "219-池州市贵池区棠溪镇人民政府"
    assert form.implementer == "219001-池州市贵池区棠溪镇人民政府"
    assert len(form.rows) == 9
    first, cost = form.rows[0], form.rows[4]
    # "产出指标(50分)" is the label and its points; merged 一级/二级 cells reach every row.
    assert (first.level1, first.level1_points, first.level2) == ("产出指标", 50.0, "数量指标")
    assert (cost.level2, cost.level3, cost.target, cost.actual) == (
        "成本指标",
        "项目总成本",
        "≤90万元",
        "90",
    )
    assert [r.level1_points for r in form.rows[-3:]] == [30.0, 30.0, 30.0]
    assert sum(r.weight for r in form.rows) == 80  # 50 + 30: the 满意度 rows are cut off
    # 年度资金总额 reads 0 0 0 on the published form; the 本年财政拨款 row holds the money.
    budget = form.budget
    assert (budget.initial, budget.full_year, budget.spent) == (90, 89.974, 89.974)
    assert (budget.weight, budget.rate, budget.score) == (10, 0, 0)
    assert any("按第 8 行" in note for note in form.notes)


def test_blank_levels_are_filled_down_and_said():
    [form] = read_forms(FORMS / "tangxi_2022_cunji.xlsx")
    assert [r.level2 for r in form.rows[:6]] == ["数量指标"] * 2 + ["质量指标"] * 2 + [
        "时效指标",
        "成本指标",
    ]
    assert {r.level1 for r in form.rows[6:]} == {"效益指标"}
    assert form.rows[1].filled == ("level1", "level2")
    assert any("15、16、17、18、19 等 6 行" in note for note in form.notes)


def test_sichuan_layout_sign_and_unit_columns():
    [form] = read_forms(FORMS / "sichuan_made_up.xlsx")
    assert form.layout == "sichuan"
    assert [(r.target, r.actual) for r in form.rows] == [
        ("≥10场", "12场"),
        ("≥20项", "15项"),
        ("≤50万元", "30万元"),
        ("明显提升", "基本达到"),
        ("≥90%", "93%"),
    ]
    assert form.rows[1].reason == "部分企业推迟签约"
    budget = form.budget
    assert (budget.initial, budget.adjusted, budget.spent, budget.rate) == (50, 40, 30, 0.75)
    # 评价结论 comes before 合计 in this layout.
    assert (form.total_weight, form.total_score, form.grade) == (100, 86.5, "良")


def test_a_workbook_without_a_form_is_refused(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["编号", "名称"])
    wb.save(tmp_path / "ledger.xlsx")
    with pytest.raises(UserError, match="没有找到自评表"):
        read_forms(tmp_path / "ledger.xlsx")


def test_missing_file_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="找不到文件"):
        read_forms(tmp_path / "none.xlsx")


def test_reordered_columns_and_other_labels(tmp_path):
    # A layout of our own making: weight before the target, labels with units, a score
    # typed "8分", 执行率 as text, the reason column named differently, 总分 as 合计.
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称：", "某区技术转移服务"])
    ws.append([None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    ws.append(["年度资金总额", 10, 10, 9, 10, "90.00%", 9])
    ws.append(
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "权重（分）",
            "年度指标值",
            "全年实际完成值",
            "得分",
            "偏差原因及整改措施",
        ]
    )
    ws.append(["产出指标", "数量指标", "服务企业数", 50, "≥100家", "80家", "40分", "需求不足"])
    ws.append(["效益指标", "社会效益指标", "服务满意度", 40, "≥90%", "95%", 40, None])
    ws.append(["合计", None, None, 100, None, None, 89])
    wb.save(tmp_path / "form.xlsx")
    [form] = read_forms(tmp_path / "form.xlsx")
    assert form.programme == "某区技术转移服务"
    assert [(r.weight, r.target, r.actual, r.score, r.reason) for r in form.rows] == [
        (50.0, "≥100家", "80家", 40.0, "需求不足"),
        (40.0, "≥90%", "95%", 40.0, ""),
    ]
    assert (form.budget.spent, form.budget.full_year, form.budget.rate) == (9, 10, 0.9)
    assert (form.total_weight, form.total_score) == (100, 89)
