"""Tests for analysis.assessment.assess on hand-built statistics and targets."""

import sys

import pandas as pd
import pytest

from analysis.assessment import Rules, assess
from analysis.errors import UserError
from analysis.ledger import Ledger

from .conftest import PROGRAMME, statistics_table, targets_table

# Hand-worked points of the fixture rows:
#   T1 near 300 of ≥300 → 20; T2 3 of ≥2 → 10 (150%, flagged); T3 24 of ≥30 → 10 × 24/30 = 8;
#   T4 October vs end of October → 10; T5 6万 vs ≤5万 → 10 × 5/6 = 8.33;
#   T6 partly → top of 60–80% = 16; T7 ≥92% vs ≥90% → 10.
EXPECTED_POINTS = [20.0, 10.0, 8.0, 10.0, 8.33, 16.0, 10.0]


def test_rows_points(stats, targets):
    result = assess(stats, targets)
    assert list(result.rows["points"]) == EXPECTED_POINTS
    assert list(result.rows["indicator_id"]) == ["T1", "T2", "T3", "T4", "T5", "T6", "T7"]


def test_subtotals_budget_total_grade(stats, targets):
    result = assess(stats, targets)
    subtotals = result.subtotals.set_index("level1")
    # 产出 20 + 10 + 8 + 10 + 8.33 = 56.33; 效益 16; 满意度 10
    assert subtotals.loc["产出指标", "points"] == 56.33
    assert subtotals.loc["效益指标", "points"] == 16.0
    assert subtotals.loc["满意度指标", "points"] == 10.0
    assert list(subtotals.index) == ["产出指标", "效益指标", "满意度指标"]
    assert result.budget.rate == pytest.approx(0.95)
    assert result.budget.points == 9.5
    # 9.50 + 56.33 + 16 + 10 = 91.83 → 优
    assert result.total == 91.83
    assert result.grade == "优"


def test_flags(stats, targets):
    flags = assess(stats, targets).flags
    by_row = flags.groupby("indicator_id")["flag"].apply(list).to_dict()
    assert by_row["T1"] == ["approx"]
    assert by_row["T2"] == ["target_low"]  # 3 ÷ 2 = 150% ≥ 130%
    assert by_row["T3"] == ["shortfall"]  # no reason written
    assert by_row["T5"] == ["shortfall_explained"]  # reason given
    assert by_row["T6"] == ["shortfall", "qualitative_default"]
    assert by_row["T7"] == ["at_least"]
    assert "T4" not in by_row


def test_linear_rule_and_integer_rounding(stats, targets):
    rules = Rules(le_rule="linear", rounding="integer")
    result = assess(stats, targets, rules)
    # T5 linear: 10 × (1 − 1/5) = 8; T3 8; budget 9.5 → 10 (half up)
    assert list(result.rows["points"]) == [20.0, 10.0, 8.0, 10.0, 8.0, 16.0, 10.0]
    assert result.budget.points == 10.0
    assert result.total == 92.0


def test_budget_capped_at_weight(targets):
    stats = statistics_table(
        [
            ("attendees_onsite", "", 300.0, "person", "exact"),
            ("field_trips", "", 2.0, "event", "exact"),
            ("deals_signed", "", 30.0, "item", "exact"),
            ("budget_planned", "", 100000.0, "yuan", "exact"),
            ("budget_spent", "", 120000.0, "yuan", "exact"),  # 120% executed
        ]
    )
    result = assess(stats, targets)
    assert result.budget.rate == pytest.approx(1.2)
    assert result.budget.points == 10.0


def test_budget_phases_summed_and_programme_info(targets):
    # No total row: the phases 2 + 2 + 5 + 10 + 1 = 20万 are summed; spent from info-less data.
    stats = statistics_table(
        [
            ("attendees_onsite", "", 300.0, "person", "exact"),
            ("field_trips", "", 2.0, "event", "exact"),
            ("deals_signed", "", 30.0, "item", "exact"),
            *[
                ("budget_planned", f"第{i}阶段", v, "yuan", "exact")
                for i, v in enumerate([2e4, 2e4, 5e4, 1e5, 1e4], start=1)
            ],
            ("budget_spent", "", 150000.0, "yuan", "exact"),
        ]
    )
    result = assess(stats, targets, info={"budget_initial": 180000.0, "department": "某局"})
    assert result.budget.full_year == 200000.0
    assert result.budget.initial == 180000.0
    assert result.budget.points == 7.5  # 10 × 15 ÷ 20
    assert result.info["department"] == "某局"


def test_budget_spent_unknown_scores_zero_and_flags(stats, targets):
    result = assess(stats[stats["measure"] != "budget_spent"], targets)
    assert result.budget.points == 0.0 and result.budget.rate is None
    assert "budget_spent_missing" in set(result.flags["flag"])


def test_breakdown_lookup(stats, targets):
    targets.loc[targets["indicator_id"] == "T3", ["target", "measure"]] = [
        "≥15人",
        "academicians:两院",
    ]
    result = assess(stats, targets)
    assert result.rows.set_index("indicator_id").loc["T3", "points"] == 10.0


def test_weights_not_summing_to_100_name_the_rows(stats, targets):
    targets.loc[0, "weight"] = 25
    with pytest.raises(UserError, match=r"分值合计为 105.*T1=25"):
        assess(stats, targets)


def test_bad_weight_names_the_row(stats, targets):
    targets["weight"] = targets["weight"].astype(object)
    targets.loc[1, "weight"] = "十分"
    with pytest.raises(UserError, match=r"指标 T2（实地调研次数）：分值“十分”"):
        assess(stats, targets)


def test_unknown_measure_names_the_row(stats, targets):
    targets.loc[2, "measure"] = "deals_singed"
    with pytest.raises(UserError, match=r"指标 T3（签约项目数）：未知的指标代码“deals_singed”"):
        assess(stats, targets)


def test_missing_measure_data_names_the_row(stats, targets):
    with pytest.raises(
        UserError, match=r"指标 T2（实地调研次数）：统计数据中没有指标代码“field_trips”"
    ):
        assess(stats[stats["measure"] != "field_trips"], targets)


def test_unparseable_target_names_the_row(stats, targets):
    targets.loc[0, "target"] = "≥三百多公顷亩"
    with pytest.raises(UserError, match=r"指标 T1（线下参会人数）：无法读取年度指标值"):
        assess(stats, targets)


def test_all_row_errors_reported_together(stats, targets):
    targets.loc[0, "target"] = "≥abc"
    targets.loc[2, "measure"] = "nope"
    with pytest.raises(UserError) as info:
        assess(stats, targets)
    assert "T1" in str(info.value) and "T3" in str(info.value)


def test_measure_and_typed_actual_together_is_an_error(stats, targets):
    targets.loc[0, "actual"] = "300人"
    with pytest.raises(UserError, match="只能填其一"):
        assess(stats, targets)


def test_several_periods_need_a_choice(stats, targets):
    extra = stats[stats["measure"] == "field_trips"].assign(period="2022", value=5.0)
    both = pd.concat([stats, extra], ignore_index=True)
    # No year known → two field_trips values → error naming the periods.
    with pytest.raises(UserError, match="2022、2023"):
        assess(both, targets)
    # The programme year picks its period; an explicit period wins.
    assert assess(both, targets, info={"year": 2023}).rows.loc[1, "points"] == 10.0
    assert assess(both, targets, period="2023").rows.loc[1, "points"] == 10.0


def test_several_programmes_need_a_choice(stats, targets):
    other = targets.assign(programme="另一项目")
    with pytest.raises(UserError, match="多个项目"):
        assess(stats, pd.concat([targets, other], ignore_index=True))
    result = assess(stats, pd.concat([targets, other]), programme=PROGRAMME)
    assert len(result.rows) == 7


def test_ledger_is_rolled_up_and_its_budget_used(monkeypatch, stats, targets):
    # Stand-in for analysis.indicators.rollup: returns the hand-built table.
    fake = lambda ledger: stats[~stats["measure"].str.startswith("budget")]  # noqa: E731
    monkeypatch.setattr(sys.modules["analysis.assessment.assess"], "rollup", fake)
    ledger = Ledger()
    ledger.budget = pd.DataFrame(
        {
            "line_id": ["B1", "B2", "B3"],
            "programme": [PROGRAMME] * 3,
            "year": [2023, 2023, 2022],
            "phase": ["一", "二", "往年"],
            "planned": [100000.0, 100000.0, 999999.0],
            "spent": [90000.0, 80000.0, 1.0],
        }
    )
    ledger.programmes = pd.DataFrame(
        {
            "programme": [PROGRAMME],
            "department": ["某科协"],
            "year": [2023],
            "budget_initial": [150000.0],
            "budget_full_year": [None],
        }
    )
    ledger.targets = targets
    result = assess(ledger)
    # 2023 lines only: planned 20万, spent 17万 → 85% → 8.50
    assert result.budget.full_year == 200000.0 and result.budget.spent == 170000.0
    assert result.budget.points == 8.5
    assert result.info["department"] == "某科协"
    assert list(result.rows["points"]) == EXPECTED_POINTS


def test_not_a_table():
    with pytest.raises(UserError, match="统计长表"):
        assess([1, 2, 3], targets_table([]))


def test_bad_programme_year_is_a_user_error(stats, targets):
    with pytest.raises(UserError, match="年度“二〇二三”不是数字"):
        assess(stats, targets, info={"year": "二〇二三"})


def test_not_applicable_rows_are_dropped_and_the_rest_rescaled(stats, targets):
    # T3 (10 of the 90 indicator points) is 不适用: the other 80 are scaled by 90 ÷ 80.
    targets.loc[targets["indicator_id"] == "T3", ["measure", "actual"]] = ["", "不适用"]
    with pytest.raises(UserError, match=r"不适用.*--not-applicable drop"):
        assess(stats, targets)
    result = assess(stats, targets, Rules(not_applicable="drop"))
    assert "T3" not in set(result.rows["indicator_id"])
    assert result.rows["weight"].sum() == pytest.approx(90.0)
    # T1 20 → 22.5 (full); T5 10 → 11.25 × 5 ÷ 6 = 9.375 → 9.38 (round2).
    weights = dict(zip(result.rows["indicator_id"], result.rows["weight"], strict=True))
    assert weights["T1"] == 22.5
    points = dict(zip(result.rows["indicator_id"], result.rows["points"], strict=True))
    assert points["T5"] == 9.38
    assert "not_applicable" in set(result.flags["flag"])


def test_required_reasons_are_flagged_and_marked(stats, targets):
    # T2: 3 trips against ≥2 is 150% with no reason written.
    plain = assess(stats, targets)
    assert not plain.rows["reason_required"].any()
    strict = assess(stats, targets, Rules(reason_over_target=True))
    marked = strict.rows.set_index("indicator_id")["reason_required"]
    assert marked["T2"] and not marked["T1"]
    # 执行率 95% is not below 90%; at 80% the budget needs a reason.
    rules = Rules(reason_rate_below=0.9)
    assert not assess(stats, targets, rules).budget.reason_missing
    low = assess(stats, targets, rules, info={"budget_spent": 160000.0})
    assert low.budget.reason_missing and low.budget.rate == 0.8
    given = {"budget_spent": 160000.0, "budget_reason": "设备采购延后"}
    assert not assess(stats, targets, rules, info=given).budget.reason_missing


def test_execution_rate_on_the_initial_budget(stats, targets):
    info = {"budget_initial": 250000.0}
    full_year = assess(stats, targets, info=info)
    initial = assess(stats, targets, Rules(execution_base="initial"), info=info)
    assert full_year.budget.rate == 0.95  # 19万 ÷ 20万
    assert initial.budget.rate == 0.76  # 19万 ÷ 25万
    assert initial.budget.points == 7.6


def test_initial_budget_is_never_taken_from_the_full_year(stats, targets):
    result = assess(stats, targets)
    assert result.budget.initial is None and result.budget.full_year == 200000.0
    assert "budget_initial_missing" in set(result.flags["flag"])
    header = result.flags[result.flags["indicator_id"] == "header"]["message"]
    assert any("主管部门" in m for m in header) and any("年度" in m for m in header)


def test_typed_actuals_need_no_data(targets):
    typed = targets[targets["measure"] == ""].copy()
    typed["weight"] = typed["weight"] * 90 / typed["weight"].sum()
    result = assess(None, typed, info={"budget_full_year": 2e5, "budget_spent": 2e5})
    assert result.budget.points == 10.0
    with pytest.raises(UserError, match="需要台账或统计表"):
        assess(None, targets)
