"""Audit of filled forms: our own forms audit clean, each hand alteration gives its finding."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from analysis.assessment import assess
from analysis.assessment.audit import AUDIT_COLUMNS, audit_forms
from analysis.export.form import FORM_SHEET, write_form

FORMS = Path(__file__).parents[1] / "data" / "forms"


@pytest.fixture
def form(tmp_path, stats, targets):
    # conftest: T1 20, T2 10, T3 8 (10×24÷30), T4 10, T5 8.33 (10×5÷6), T6 16 (部分达到 at the
    # top of 60–80% of 20), T7 10, budget 9.5 (10×19÷20) → 91.83, 优. Rows 13–19, total row 20.
    return write_form(assess(stats, targets), tmp_path / "自评表.xlsx")


def _altered(path: Path, changes: dict[str, object]) -> Path:
    wb = load_workbook(path)
    ws = wb[FORM_SHEET]
    for ref, value in changes.items():
        ws[ref] = value
    out = path.with_name("altered.xlsx")
    wb.save(out)
    return out


def _findings(path: Path) -> list[tuple[str, str]]:
    table = audit_forms([path]).table
    found = table[table["finding"] != ""]
    names = found["level3"].where(found["level3"] != "", found["level1"])
    return list(zip(names, found["finding"], strict=True))


def test_our_own_form_audits_clean(form):
    result = audit_forms([form])
    assert list(result.table.columns) == list(AUDIT_COLUMNS)
    assert result.findings == 0
    assert list(result.table["score_recomputed"]) == [20, 10, 8, 10, 8.33, 16, 10, 9.5, 91.83]
    assert result.table["excel_row"].tolist()[:8] == [13, 14, 15, 16, 17, 18, 19, 6]


def test_a_wrong_score(form):
    # T3 given full points (10 instead of 8); the total follows, so only the row is wrong.
    found = _findings(_altered(form, {"H15": 10, "H20": 93.83}))
    assert found == [("签约项目数", "得分 10 与规则算出的 8 不符（相差 +2.00）")]


def test_weights_summing_to_95(form):
    # T1's weight cut from 20 to 15 (its score follows: full points), total 86.83 → 良.
    found = _findings(
        _altered(form, {"G13": 15, "H13": 15, "G20": 95, "H20": 86.83, "I20": "自评等级：良"})
    )
    assert found == [("总分", "分值合计 95（预算执行 10 + 指标 85），应为 100")]


def test_a_qualitative_score_outside_its_band(form):
    # T6 部分达到 allows 60–80% of 20 = 12–16; 17 is above the band.
    found = _findings(_altered(form, {"H18": 17, "H20": 92.83}))
    assert found == [("政企沟通机制", "定性得分 17 不在“部分达到”档 60%–80%（12–16 分）之内")]


def test_a_wrong_grade(form):
    found = _findings(_altered(form, {"I20": "自评等级：良"}))
    assert found == [("总分", "自评等级“良”与总分 91.83 不符，应为“优”")]


def test_a_wrong_total(form):
    found = _findings(_altered(form, {"H20": 95}))
    assert found == [("总分", "总分 95 与各项得分之和 91.83 不符")]


def test_wrong_budget_points(form):
    # 10 × 19 ÷ 20 = 9.5, written as 10; the total follows.
    found = _findings(_altered(form, {"J6": 10, "H20": 92.33}))
    assert found == [("执行率", "预算执行得分 10 与 分值×执行率 = 9.5 不符（相差 +0.50）")]


def test_sichuan_form_re_scores_to_its_points():
    # Hand-worked (tests/data/forms/make_forms.py): 12≥10 → 20; 15÷20 × 20 = 15; 30≤50 → 10;
    # 基本达到 = 部分达到 band 12–16, 14 stands; 93%≥90% → 20; 执行率 30÷40 (调整后预算数)
    # = 75% → 7.5; total 86.5, 良.
    table = audit_forms([FORMS / "sichuan_made_up.xlsx"]).table
    assert list(table["score_recomputed"]) == [20, 15, 10, 14, 20, 7.5, 86.5]
    assert (table["finding"] == "").all()


@pytest.mark.parametrize(
    ("name", "points"),
    [
        # Published points of the 2022 棠溪镇 forms (sources in tests/data/forms/make_forms.py).
        ("tangxi_2022_weituo.xlsx", [8, 8, 8, 8, 8, 10, 10, 10, 10]),
        ("tangxi_2022_cunji.xlsx", [8, 8, 8, 8, 8, 10, 10, 10]),
    ],
)
def test_published_rows_re_score_to_their_points(name, points):
    table = audit_forms([FORMS / name]).table
    rows = table.iloc[: len(points)]
    assert list(rows["score"]) == points
    assert list(rows["score_recomputed"]) == points
    assert (rows["finding"] == "").all()


def test_published_budget_line_is_found_wrong():
    # 年度资金总额 shows 0 points; 本年财政拨款 spent 132.912 of 132.912 (全年预算数) → 10.
    table = audit_forms([FORMS / "tangxi_2022_cunji.xlsx"]).table
    budget = table[table["level3"] == "执行率"].iloc[0]
    assert (budget["score"], budget["score_recomputed"]) == (0, 10)
    assert "预算执行得分 0 与 分值×执行率 = 10 不符" in budget["finding"]


def test_several_forms_in_one_run(form):
    result = audit_forms([form, FORMS / "sichuan_made_up.xlsx"])
    assert list(dict.fromkeys(result.table["form"])) == ["自评表.xlsx", "sichuan_made_up.xlsx"]


def test_a_missing_required_reason(tmp_path, stats, targets):
    # T2: 3 field trips against ≥2 is 150%; under the Guangxi rule a reason is required there
    # and the central form left it empty: exactly that finding.
    from analysis.assessment.rules import preset

    form = write_form(assess(stats, targets), tmp_path / "central.xlsx")
    table = audit_forms([form], preset("guangxi")).table
    found = table[table["finding"] != ""]
    assert list(zip(found["level3"], found["finding"], strict=True)) == [
        ("实地调研次数", "实际值为目标的 150%，达到 130%，须填写偏差原因，但为空")
    ]
    # A form written under the same rule shows 【须填写原因】 there, which is no reason either.
    marked = write_form(assess(stats, targets, preset("guangxi")), tmp_path / "guangxi.xlsx")
    assert audit_forms([marked], preset("guangxi")).findings == 1


def test_deduction_and_caps_follow_the_rules(tmp_path, stats, targets):
    # platform-2022: T2 at 150% loses 2 points (10 → 8), total 91.83 − 2 = 89.83, 良; the
    # execution rate (95%) is above every cap. Audited under its own rules the form is clean;
    # under the central rules T2 should have 10.
    from analysis.assessment.rules import preset

    platform = preset("platform-2022")
    form = write_form(assess(stats, targets, platform), tmp_path / "platform.xlsx")
    assert audit_forms([form], platform).findings == 0
    table = audit_forms([form]).table
    found = table[table["finding"] != ""]
    # The stated total and grade agree with the stated scores, so only T2 is named.
    assert list(zip(found["level3"], found["finding"], strict=True)) == [
        ("实地调研次数", "得分 8 与规则算出的 10 不符（相差 -2.00）")
    ]
    assert table["score_recomputed"].iloc[-1] == 91.83


def test_sichuan_budget_reason_required():
    # 执行率 30 ÷ 40 = 75% < 90% and the 原因 cell is empty: a finding under the Sichuan rule.
    from analysis.assessment.rules import preset

    table = audit_forms([FORMS / "sichuan_made_up.xlsx"], preset("sichuan")).table
    found = table[table["finding"] != ""]
    assert list(zip(found["level3"], found["finding"], strict=True)) == [
        ("执行率", "执行率 75.00% 低于 90%，须填写原因，但为空")
    ]


def test_a_capped_total_is_consistent_under_its_rules(tmp_path, stats, targets):
    # Spent 13万 of 20万: 执行率 65% → budget 6.5; platform-2022 deducts 2 from T2 → items
    # 20+8+8+10+8.33+16+10 = 80.33, total 86.83, capped at 79 (65% < 70%) → 中.
    from analysis.assessment.rules import preset

    platform = preset("platform-2022")
    spent = stats["measure"] == "budget_spent"
    low = stats.assign(value=stats["value"].where(~spent, 130000.0))
    result = assess(low, targets, platform)
    assert (result.total, result.grade) == (79.0, "中")
    form = write_form(result, tmp_path / "capped.xlsx")
    assert audit_forms([form], platform).findings == 0
    # Without the caps the same form's total is not the sum of its scores.
    table = audit_forms([form], platform.with_options(execution_caps=())).table
    assert table["finding"].iloc[-1] == "总分 79 与各项得分之和 86.83 不符"


def test_our_own_sichuan_form_audits_clean(tmp_path, stats, targets):
    # The Sichuan layout keeps sign and unit in columns of their own; read back they make
    # the same targets, and the form is consistent under the Sichuan rule.
    from analysis.assessment.rules import preset

    rules = preset("sichuan")
    form = write_form(assess(stats, targets, rules), tmp_path / "四川.xlsx", layout="sichuan")
    result = audit_forms([form], rules)
    assert result.forms[0].layout == "sichuan"
    assert result.findings == 0
    assert result.table["score_recomputed"].iloc[-1] == 91.83
