"""Sensitivity of a self-assessment's total and grade to the rule choices."""

import numpy as np
import pandas as pd
import pytest

from analysis.assessment import assess
from analysis.assessment.assess import Assessment, Budget
from analysis.assessment.rules import Rules
from analysis.assessment.sensitivity import rescore, sensitivity


@pytest.fixture
def assessment(stats, targets):
    # conftest: 91.83, 优 (T5 ≤5万元 at 6万元 = 10 × 5 ÷ 6 = 8.33; T6 部分达到 at the band top).
    return assess(stats, targets)


def test_rescore_under_the_form_rules_gives_the_form_total(assessment):
    assert rescore(assessment, assessment.rules) == assessment.total == 91.83


def test_presets_by_hand(assessment):
    # platform-2022: T2 (3 trips of ≥2, 150%) loses 2 points → 89.83, 良 (95% 执行率, no cap);
    # guangxi and sichuan change only where a reason is required, so they are not repeated;
    # linear: T5 = 10 × (1 − 1 ÷ 5) = 8 → 91.5; truncate2: 8.333… → 8.33, unchanged;
    # integer: T5 8, budget 9.5 → 10 (half up), the rest whole → 20+10+8+10+8+16+10+10 = 92.
    result = sensitivity(assessment, draws=100, base_samples=64)
    assert result.presets["preset"].tolist() == [
        "表上规则",
        "platform-2022",
        "超标（≤）线性扣分",
        "截断两位小数",
        "取整",
    ]
    assert result.presets["total"].tolist() == [91.83, 89.83, 91.5, 91.83, 92.0]
    assert result.presets["grade"].tolist() == ["优", "良", "优", "优", "优"]


def test_bottom_of_the_band(assessment):
    # T6 部分达到 at the bottom of 60–80% of 20: 12 instead of 16 → 87.83, 良.
    assert rescore(assessment, assessment.rules, positions=np.array([0.0])) == 87.83


def test_grade_probabilities_and_range(assessment):
    result = sensitivity(assessment, draws=500, base_samples=64)
    assert result.grades.index.tolist() == ["优", "良", "中", "差"]
    assert result.grades.sum() == pytest.approx(1.0)
    # The position in T6's band alone spans 87.83–91.83; weights move the rest a little.
    assert 0.0 < result.grades["良"] < 1.0
    assert result.low < 88.5 and result.high > 91.5
    assert result.high <= 100.0
    assert result.strongest == "定性指标档内位置"


def test_seeded_and_reproducible(assessment):
    one = sensitivity(assessment, draws=200, base_samples=64)
    two = sensitivity(assessment, draws=200, base_samples=64)
    other = sensitivity(assessment, draws=200, base_samples=64, seed=7)
    pd.testing.assert_frame_equal(one.draws, two.draws)
    pd.testing.assert_frame_equal(one.indices, two.indices)
    assert not one.draws["total"].equals(other.draws["total"])


def test_weights_stay_whole_and_blocks_keep_their_totals(assessment):
    # With one preset and positions fixed by a stated share, only weights move; every
    # total must stay within what whole weights of the same block totals allow.
    result = sensitivity(assessment, {"only": assessment.rules}, draws=300, base_samples=64)
    assert set(result.indices["factor"]) == {"权重：产出指标", "定性指标档内位置"}
    assert (result.draws["total"] <= 100).all()


def test_nothing_varies():
    rows = pd.DataFrame(
        {"level1": ["产出指标"], "target": ["≥10场"], "actual": ["12场"], "weight": [90.0]}
    )
    a = Assessment(
        "P", {}, rows, pd.DataFrame(), Budget(1, 1, 1, 10.0, 1.0, 10.0), 100.0, "优", pd.DataFrame()
    )
    result = sensitivity(a, {"only": Rules()}, draws=50)
    assert result.draws["total"].eq(100.0).all()
    assert result.strongest is None
    assert result.grades["优"] == 1.0
