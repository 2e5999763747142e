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
# 示例台账用自带的“绩效目标”表；另对有目标表的两个种子项目（中国航空学会低空经济会议、常州5·18展洽会）评分。
# *Scored table, grade, and the exported form.*

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

from analysis.assessment import assess
from analysis.export import write_form, write_text_atomic
from analysis.assessment.inputs import programme_info
from analysis.assessment.summary import summary_markdown
from analysis.figures import add_source_line, bar_by_category, save_figure, use_house_style
from analysis.load import load_statistics, load_table
from analysis.report import load_scoped, period_years, seed_source

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
years = period_years(period)
year = str(years[1]) if years and years[0] == years[1] else None
out = Path(out_dir)
stem = "sample" if "合成数据" in source else Path(data_path).stem

# %% [markdown]
# ## 台账项目的自评 · The ledger's programme

# %%
# NBVAL_CHECK_OUTPUT
result = assess(ledger, programme=programme, period=year)
print(f"{result.programme}：总分 {result.total:.2f}，等级 {result.grade}")
print(f"预算执行率 {result.budget.rate:.2%}，得分 {result.budget.points:.2f}/{result.budget.weight:.0f}")
columns = {"indicator_id": "编号", "level1": "一级指标", "level2": "二级指标", "level3": "三级指标",
           "target": "年度指标值", "actual": "实际完成值", "weight": "分值", "points": "得分",
           "flags": "提示"}
result.rows[list(columns)].rename(columns=columns)

# %%
written = [write_form(result, out / f"{stem}_自评表.xlsx")]
written.append(write_text_atomic(out / f"{stem}_自评.md", summary_markdown(result)))
print("已写出：", ", ".join(p.name for p in written))

# %%
budget_row = pd.DataFrame({"label": ["预算执行率"], "points": [result.budget.points],
                           "weight": [result.budget.weight]})
rows = pd.concat([budget_row, result.rows.assign(
    label=result.rows["indicator_id"] + " " + result.rows["level3"])], ignore_index=True)
fig, ax = bar_by_category(rows, "label", "points", horizontal=True,
                          value_format=lambda v: f"{v:.2f}".rstrip("0").rstrip("."),
                          title=f"{result.info.get('year', '')}年度绩效自评各指标得分"
                                f"（总分 {result.total:.2f}，{result.grade}）")
ax.barh(rows["label"], rows["weight"], color="none", edgecolor="#999999", linewidth=0.8)
fig.set_size_inches(8, 5.5)
ax.set_xlim(0, rows["weight"].max() * 1.12)
ax.set_xlabel("得分（分；灰框为分值）")
ax.set_ylabel("")
add_source_line(fig, source + "；目标：台账“绩效目标”表")
save_figure(fig, "07_self_assessment", "indicator_points", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 实心条是各指标得分，灰框是该指标的分值；实心条未填满灰框的（如示例中的预算执行率90.65%，得9.07分）未得满分，需在自评表“偏差原因分析及改进措施”中说明。

# %% [markdown]
# ## 种子项目的自评 · Seed programmes with targets
#
# 目标值多为本项目的假设（见 data/seeds/targets/README.md），实际值来自报告原文的统计。

# %%
# NBVAL_CHECK_OUTPUT
statistics = load_statistics(statistics_path)
targets_dir = Path(statistics_path).parent / "targets"
seeds = []
for pid in ("csaa_low_altitude_2023", "changzhou_518_2019"):
    targets = load_table(targets_dir / f"{pid}.csv", "targets")
    info = programme_info(load_table(targets_dir / "programmes.csv", "programmes"), pid)
    scored = assess(statistics, targets, info=info)
    write_form(scored, out / f"{pid}_自评表.xlsx")
    write_text_atomic(out / f"{pid}_自评.md", summary_markdown(scored))
    seeds.append({"项目": pid, "来源": seed_source(pid), "总分": scored.total,
                  "等级": scored.grade})
pd.DataFrame(seeds)
