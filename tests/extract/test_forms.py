"""Tests for analysis.extract.forms: a 自评表 in a report as rows of the targets table."""

from pathlib import Path

from analysis.extract import read_document
from analysis.extract.forms import form_rows
from analysis.schema import TARGETS

EDGE = Path(__file__).resolve().parents[1] / "data" / "extract" / "edge_cases"


def test_the_indicator_part_of_a_whole_self_assessment_table():
    # edge_cases/self_assessment_form.txt: one table with a budget part and three indicator
    # rows; the second indicator row leaves its merged 一级指标 cell empty.
    rows = form_rows(read_document(EDGE / "self_assessment_form.txt"), "P")
    assert list(rows.columns) == list(TARGETS.names)
    assert rows[["level1", "level2", "level3", "target", "actual", "weight"]].values.tolist() == [
        ["产出指标", "数量指标", "举办对接活动", "≥20场", "24场", "20"],
        ["产出指标", "质量指标", "成果转化率", "≥30%", "32.5%", "20"],
        ["效益指标", "社会效益指标", "服务企业数", "≥200家", "近260家", "30"],
    ]
    assert rows["indicator_id"].tolist() == ["F01", "F02", "F03"]
    assert set(rows["measure"]) == {""}  # the report's actual stands
    assert rows.loc[0, "note"].endswith("指标代码可为 events_held")


def test_a_budget_table_is_no_form():
    doc = read_document(EDGE / "self_assessment_form.txt")
    text_only_budget = doc.text.split("一级指标")[0]
    from analysis.extract.documents import text_document

    assert form_rows(text_document(text_only_budget), "P").empty
