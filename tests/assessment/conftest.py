"""Hand-built inputs for the assessment tests (no loader or indicators needed)."""

import pandas as pd
import pytest

PROGRAMME = "示例项目"


def statistics_table(rows):
    """A statistics long table from (measure, breakdown, value, unit, qualifier) tuples."""
    frame = pd.DataFrame(rows, columns=["measure", "breakdown", "value", "unit", "qualifier"])
    frame.insert(0, "period", "2023")
    frame.insert(0, "programme", PROGRAMME)
    frame["source"] = "hand-built"
    return frame


def targets_table(rows):
    """A targets table from (id, level1-3, target, weight, measure, actual, reason) tuples."""
    columns = ["indicator_id", "level1", "level2", "level3", "target", "weight", "measure"]
    frame = pd.DataFrame(rows, columns=[*columns, "actual", "reason"])
    frame.insert(1, "programme", PROGRAMME)
    frame["direction"] = ""
    return frame


@pytest.fixture
def stats():
    # budget: 20万 planned, 19万 spent → rate 95%, budget points 10 × 0.95 = 9.50
    return statistics_table(
        [
            ("attendees_onsite", "", 300.0, "person", "approx"),
            ("online_views", "", 50000.0, "person_time", "at_least"),
            ("field_trips", "", 3.0, "event", "exact"),
            ("deals_signed", "", 24.0, "item", "exact"),
            ("budget_planned", "", 200000.0, "yuan", "exact"),
            ("budget_spent", "", 190000.0, "yuan", "exact"),
            ("academicians", "两院", 15.0, "person", "exact"),
        ]
    )


@pytest.fixture
def targets():
    # Weights: 产出 20+10+10+10+10 = 60, 效益 20, 满意度 10; with the budget's 10 → 100.
    return targets_table(
        [
            (
                "T1",
                "产出指标",
                "数量指标",
                "线下参会人数",
                "≥300人",
                20,
                "attendees_onsite",
                "",
                "",
            ),
            ("T2", "产出指标", "数量指标", "实地调研次数", "≥2次", 10, "field_trips", "", ""),
            ("T3", "产出指标", "数量指标", "签约项目数", "≥30项", 10, "deals_signed", "", ""),
            ("T4", "产出指标", "时效指标", "会议举办时间", "2023年10月底前", 10, "", "10月", ""),
            ("T5", "产出指标", "成本指标", "会务费用", "≤5万元", 10, "", "6万元", "场地涨价"),
            ("T6", "效益指标", "社会效益指标", "政企沟通机制", "形成机制", 20, "", "部分达到", ""),
            ("T7", "满意度指标", "服务对象满意度指标", "满意度", "≥90%", 10, "", "≥92%", ""),
        ]
    )
