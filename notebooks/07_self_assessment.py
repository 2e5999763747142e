# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 07 绩效自评 · Self-assessment
#
# 按财预〔2020〕10号和地方做法给绩效目标打分：预算执行率10分，其余指标按“实际 ÷ 目标”计分，
# 总分定等级（优 ≥ 90，良 80–90，中 60–80，差 < 60），并导出项目支出绩效自评表（Excel）和摘要（Markdown）。
# 目标来自台账的“绩效目标”表；台账含几个项目时每个项目一张自评表。
# *Scored table, grade, and the exported form, one per programme with targets.*

# %% tags=["parameters"]
from analysis import paths

data_path = str(paths.SAMPLE_LEDGER)
statistics_path = str(paths.SEED_STATISTICS_CSV)
out_dir = str(paths.REPORTS)
figures_dir = str(paths.FIGURES)
programme = None
period = None
mapping_path = None  # a mapping file of headers and values to read differently (see ledger.md)

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from analysis.assessment import assess
from analysis.assessment.evidence import EVIDENCE_HEADERS, evidence
from analysis.assessment.sensitivity import sensitivity
from analysis.assessment.summary import evidence_markdown, summary_markdown
from analysis.errors import UserError
from analysis.export import write_form, write_text_atomic
from analysis.figures import add_source_line, bar_by_category, save_figure, use_house_style
from analysis.figures.charts import score_distribution
from analysis.report import file_stem, is_sample, load_scoped, period_years, programme_parts
from analysis.report import show_text, skip_section
from analysis.report.sentences import assessment_sentence, sensitivity_sentence

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
parts = programme_parts(ledger, programme)
years = period_years(period)
year = str(years[1]) if years and years[0] == years[1] else None
out = Path(out_dir)
stem = "sample" if is_sample(data_path) else file_stem(Path(data_path).stem)
columns = {"indicator_id": "编号", "level1": "一级指标", "level2": "二级指标", "level3": "三级指标",
           "target": "年度指标值", "actual": "实际完成值", "weight": "分值", "points": "得分",
           "flags": "提示"}

# %% [markdown]
# ## 台账项目的自评 · The ledger's programmes

# %%
# NBVAL_CHECK_OUTPUT
results, traces = {}, {}
for part in parts:
    part.heading()
    if not len(part.ledger.targets):
        skip_section(part.absent("绩效目标表", "本节从略；可用 assess --targets 指定目标表。"))
        continue
    try:
        result = assess(part.ledger, programme=part.name, period=year)
    except UserError as exc:
        skip_section(part.title(f"绩效目标表无法评分，本节从略：{exc}"))
        continue
    results[part.name] = result
    name = stem if not part.several else f"{stem}_{file_stem(part.name)}"
    traced = traces[part.name] = evidence(result, part.ledger, period=year)
    written = [write_form(result, out / f"{name}_自评表.xlsx", evidence=traced),
               write_text_atomic(out / f"{name}_自评.md",
                                 summary_markdown(result) + "\n" + evidence_markdown(traced))]
    show_text(assessment_sentence(result.total, result.grade, result.rows, result.budget.points,
                                  result.budget.weight))
    print(f"预算执行率 {result.budget.rate:.2%}，得分 {result.budget.points:.2f}/{result.budget.weight:.0f}")
    print("已写出：", ", ".join(p.name for p in written))
    display(result.rows[list(columns)].rename(columns=columns).set_index("编号"))
    budget_row = pd.DataFrame({"label": ["预算执行率"], "points": [result.budget.points],
                               "weight": [result.budget.weight]})
    rows = pd.concat([budget_row, result.rows.assign(
        label=result.rows["indicator_id"] + " " + result.rows["level3"])], ignore_index=True)
    fig, ax = bar_by_category(rows, "label", "points", horizontal=True,
                              value_format=lambda v: f"{v:.2f}".rstrip("0").rstrip("."),
                              title=part.title(f"{result.info.get('year', '')}年度绩效自评各指标得分"
                                               f"（总分 {result.total:.2f}，{result.grade}）"))
    ax.barh(rows["label"], rows["weight"], color="none", edgecolor="#999999", linewidth=0.8)
    fig.set_size_inches(8, max(3.0, 0.4 * len(rows) + 1.2))
    ax.set_xlim(0, rows["weight"].max() * 1.12)
    ax.set_xlabel("得分（分；灰框为分值）")
    ax.set_ylabel("")
    add_source_line(fig, part.source(data_path) + "；目标：台账“绩效目标”表")
    save_figure(fig, "07_self_assessment", part.figure("indicator_points"), out_dir=figures_dir)
    plt.show()

# %% [markdown]
# 图中实心条是各指标得分，灰框是该指标的分值；未填满灰框的指标未得满分，需在自评表“偏差原因分析及改进措施”中说明。

# %% [markdown]
# ## 实际完成值的来源 · Evidence behind each actual
#
# 每个实际完成值来自哪里：台账的哪张表、哪些 Excel 行，按什么规则汇总；或目标表上填写的值。
# 核查自评表时可据此逐项回到台账。

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    if part.name not in results:
        continue
    part.heading()
    table = traces[part.name]
    counts = table["kind"].value_counts()
    show_text(
        f"{len(table)} 项数值中，{counts.get('台账', 0)} 项由台账汇总（列出所在行），"
        f"{counts.get('填写', 0)} 项为目标表上填写，{counts.get('统计表', 0)} 项来自统计表。"
    )
    display(table.rename(columns=EVIDENCE_HEADERS).set_index("指标编号"))

# %% [markdown]
# ## 评分稳健性 · How firm the grade is
#
# 同一组目标在不同的评分规则（超标扣分方式、取舍方式）、同一级指标内权重 ±20% 的调整和定性指标
# 在档内的不同位置下重算 2000 次（固定随机种子，结果可重现），看总分和等级会变多少；
# Sobol 指数说明哪一类选择对总分影响最大。

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    if part.name not in results:
        continue
    part.heading()
    result = results[part.name]
    firm = sensitivity(result)
    show_text(sensitivity_sentence(result.total, result.grade, firm.low, firm.high, firm.grades,
                                   firm.strongest))
    display(firm.presets.rename(columns={"preset": "评分规则", "total": "总分", "grade": "等级"})
            .set_index("评分规则"))
    display(firm.indices.rename(columns={"factor": "选择", "first_order": "一阶指数",
                                         "total_order": "总效应指数"}).set_index("选择").round(3))
    fig, ax = score_distribution(firm.draws["total"], result.rules.grade_bounds,
                                 score=result.total,
                                 title=part.title(f"重算 {len(firm.draws)} 次的总分分布"
                                                  f"（表上 {result.total:.2f}，{result.grade}）"))
    add_source_line(fig, part.source(data_path) + f"；随机种子 {firm.seed}")
    save_figure(fig, "07_self_assessment", part.figure("score_sensitivity"), out_dir=figures_dir)
    plt.show()
