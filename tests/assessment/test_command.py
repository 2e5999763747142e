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


def test_assess_without_data_from_a_budget_system_export(tmp_path, capsys):
    # tests/data/targets/README.md: 95.10 under the central rules, 89.00 with the caps.
    from pathlib import Path

    export = Path(__file__).parents[1] / "data" / "targets" / "预算系统绩效目标表.xlsx"
    out = tmp_path / "form.xlsx"
    base = ["assess", "--targets", str(export), "--out", str(out), "--name", "某县项目"]
    money = ["--budget", "50万元", "--spent", "37.5万元", "--year", "2023"]
    assert main([*base, *money]) == 0
    printed = capsys.readouterr().out
    assert "总分 95.10，等级 优" in printed and "合并单元格" in printed
    assert "表头“主管部门”未知" in printed
    assert main([*base, *money, "--execution-caps"]) == 0
    assert "总分 89.00，等级 良" in capsys.readouterr().out
    assert main([*base, *money, "--over-target", "deduct", "--layout", "sichuan"]) == 0
    assert "总分 93.10" in capsys.readouterr().out
    assert load_workbook(out).sheetnames[0] == "部门预算项目支出绩效自评表"


def test_assess_money_options_need_a_unit(tmp_path, capsys):
    code = main(
        ["assess", "--targets", "t.xlsx", "--out", str(tmp_path / "f.xlsx"), "--budget", "50"]
    )
    assert code == 2
    assert "--budget“50”须为带单位的确数金额" in capsys.readouterr().err


def test_assess_needs_data_or_targets(tmp_path, capsys):
    assert main(["assess", "--out", str(tmp_path / "f.xlsx")]) == 2
    assert "--targets" in capsys.readouterr().err


def test_export_without_programme_takes_the_programmes_file(tmp_path, capsys):
    # The export names no programme; the programmes file's only row gives header and budget.
    import shutil
    from pathlib import Path

    export = Path(__file__).parents[1] / "data" / "targets" / "预算系统绩效目标表.csv"
    targets = tmp_path / "绩效目标表.csv"
    shutil.copy(export, targets)
    pd.DataFrame(
        {
            "项目名称": ["某县项目"],
            "主管部门": ["某县科学技术局"],
            "实施单位": ["某县成果转化中心"],
            "年度": ["2023"],
            "年初预算数": ["40万元"],
            "全年预算数": ["50万元"],
        }
    ).to_csv(tmp_path / "programmes.csv", index=False, encoding="gb18030")
    out = tmp_path / "form.xlsx"
    assert (
        main(["assess", "--targets", str(targets), "--out", str(out), "--spent", "37.5万元"]) == 0
    )
    printed = capsys.readouterr().out
    assert "某县项目: 总分 95.10" in printed and "header" not in printed
    ws = load_workbook(out)[FORM_SHEET]
    assert (ws[CELLS["department"]].value, ws[CELLS["budget_initial"]].value) == (
        "某县科学技术局",
        40,
    )


def test_assess_writes_evidence_and_sensitivity(tmp_path, stats, targets, capsys):
    # The form gets a 佐证 sheet naming each actual's source; --sensitivity adds its section
    # to the summary, prints the sentence and draws the distribution.
    from analysis.export.form import EVIDENCE_SHEET

    stats_csv, targets_csv = _write_inputs(tmp_path, stats, targets)
    out, md = tmp_path / "form.xlsx", tmp_path / "summary.md"
    args = ["assess", str(stats_csv), "--targets", str(targets_csv), "--out", str(out)]
    assert main([*args, "--summary", str(md), "--sensitivity"]) == 0
    printed = capsys.readouterr().out
    assert "按其他评分规则和权重、定性档位的随机变动重算，总分在" in printed
    assert (tmp_path / "form_稳健性.png").stat().st_size > 10_000
    sheet = load_workbook(out)[EVIDENCE_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("指标编号", "三级指标", "实际完成值", "来源")
    # T1 is read from the statistics table (its source column: hand-built), T4 typed.
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["T1"][3:5] == ("统计表", "hand-built")
    assert by_id["T4"][3:5] == ("填写", "targets.csv")
    summary = md.read_text(encoding="utf-8")
    assert "## 实际完成值的来源（佐证）" in summary and "## 评分稳健性" in summary
    assert "| platform-2022 | 89.83 | 良 |" in summary  # T2 loses 2 points at 150%
