"""Tests for ``python -m analysis assess`` (analysis.commands.assess)."""

import pandas as pd
from openpyxl import load_workbook

from analysis.cli import main
from analysis.export.form import CELLS, FORM_SHEET


def _write_inputs(tmp_path, stats, targets):
    stats_csv = tmp_path / "statistics.csv"
    stats.to_csv(stats_csv, index=False, encoding="utf-8")
    targets_csv = tmp_path / "targets.csv"
    # Chinese headers and GB18030, as an analyst's Excel would save them.
    zh = {
        "indicator_id": "指标编号",
        "programme": "项目名称",
        "level1": "一级指标",
        "level2": "二级指标",
        "level3": "三级指标",
        "target": "年度指标值",
        "weight": "分值",
        "measure": "指标代码",
        "actual": "实际完成值",
        "reason": "偏差原因",
        "direction": "方向",
    }
    targets.rename(columns=zh).to_csv(targets_csv, index=False, encoding="gb18030")
    pd.DataFrame(
        {"项目名称": ["示例项目"], "主管部门": ["某局"], "年度": ["2023"], "全年预算数": ["200000"]}
    ).to_csv(tmp_path / "programmes.csv", index=False, encoding="utf-8")
    return stats_csv, targets_csv


def test_assess_command_writes_form_and_summary(tmp_path, stats, targets, capsys):
    stats_csv, targets_csv = _write_inputs(tmp_path, stats, targets)
    out, md = tmp_path / "form.xlsx", tmp_path / "summary.md"
    code = main(
        [
            "assess",
            str(stats_csv),
            "--targets",
            str(targets_csv),
            "--out",
            str(out),
            "--summary",
            str(md),
        ]
    )
    assert code == 0
    assert "总分 91.83，等级 优" in capsys.readouterr().out  # hand-worked in test_assess
    ws = load_workbook(out)[FORM_SHEET]
    assert ws[CELLS["department"]].value == "某局"  # programmes.csv beside the targets
    summary = md.read_text(encoding="utf-8")
    assert "总分 **91.83**，等级 **优**" in summary
    assert "| T5 | 产出指标 | 成本指标 | 会务费用 | ≤5万元 | 6万元 | 10 | 8.33 |" in summary


def test_assess_command_rule_options(tmp_path, stats, targets, capsys):
    stats_csv, targets_csv = _write_inputs(tmp_path, stats, targets)
    code = main(
        [
            "assess",
            str(stats_csv),
            "--targets",
            str(targets_csv),
            "--out",
            str(tmp_path / "f.xlsx"),
            "--le-rule",
            "linear",
            "--rounding",
            "integer",
        ]
    )
    assert code == 0
    # Same as test_linear_rule_and_integer_rounding: 92.
    assert "总分 92.00，等级 优" in capsys.readouterr().out


def test_assess_command_bad_weights_exit_2(tmp_path, stats, targets, capsys):
    targets.loc[0, "weight"] = 30
    stats_csv, targets_csv = _write_inputs(tmp_path, stats, targets)
    code = main(
        ["assess", str(stats_csv), "--targets", str(targets_csv), "--out", str(tmp_path / "f.xlsx")]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "分值合计为 110" in err and "T1=30" in err and "Traceback" not in err
    assert not (tmp_path / "f.xlsx").exists()


def test_assess_command_missing_file(tmp_path, capsys):
    code = main(["assess", str(tmp_path / "none.csv"), "--targets", "t.csv", "--out", "f.xlsx"])
    assert code == 2
    assert "找不到文件" in capsys.readouterr().err
