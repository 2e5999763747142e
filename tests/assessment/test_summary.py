"""Tests for analysis.assessment.summary: the markdown summary."""

from analysis.assessment import assess
from analysis.assessment.summary import summary_markdown


def test_summary_sections_and_values(stats, targets):
    text = summary_markdown(assess(stats, targets, info={"year": 2023, "name": "示例"}))
    lines = text.splitlines()
    assert lines[0] == "# 绩效自评：示例（2023年度）"
    assert "总分 **91.83**，等级 **优**。" in lines  # hand-worked in test_assess
    # Budget: 20万 planned, 19万 spent, 95%, 9.50 points.
    assert "| 20.00 | 19.00 | 95.00% | 10 | 9.50 |" in lines
    assert "| 产出指标 | 60 | 56.33 |" in lines
    assert any(line.startswith("- T3：未达到年度指标值") for line in lines)
    assert "- 高于目标（≤）：分值×目标÷实际。" in lines


def test_user_text_cannot_break_the_table(stats, targets):
    targets.loc[0, "level3"] = "人数|含线上\n线下"
    text = summary_markdown(assess(stats, targets))
    row = next(line for line in text.splitlines() if line.startswith("| T1 |"))
    # Pipe replaced by a full-width one and the line break by a space: still 10 cells.
    assert "人数｜含线上 线下" in row
    assert row.count("|") == 10
