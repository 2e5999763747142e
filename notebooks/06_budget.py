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
# # 06 预算执行与单位产出成本 · Budget execution and cost per output
#
# 各年、各阶段的预算数与执行数、执行率（执行数 ÷ 预算数），以及每位线下参会者、每个签约项目、
# 每万元签约金额的成本。执行率是绩效自评预算执行率一栏（10分）的输入。
# *Planned against spent, execution rate, cost per output.*

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
import matplotlib.pyplot as plt
import pandas as pd

from analysis.figures import add_source_line, budget_bars, save_figure, use_house_style
from analysis.indicators import budget_execution
from analysis.report import load_scoped, wide_table, years_text

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
budget = budget_execution(ledger, by=("programme", "year"))
span = years_text(budget["year"])
totals = budget[budget["phase"] == ""]

# %% [markdown]
# ## 按年份 · By year（金额单位：万元）

# %%
# NBVAL_CHECK_OUTPUT
wide_table(totals, "year", ["budget_planned", "budget_spent", "budget_execution_rate",
                           "cost_per_attendee", "cost_per_deal", "cost_per_10k_deal_value"])

# %% [markdown]
# ## 最近一年各阶段 · Phases of the latest year

# %%
# NBVAL_CHECK_OUTPUT
latest = int(budget["year"].max())
phases = budget[(budget["year"] == latest) & (budget["phase"] != "")]
wide_table(phases, "phase", ["budget_planned", "budget_spent", "budget_execution_rate",
                             "budget_phase_share"])

# %%
planned = phases[phases["measure"] == "budget_planned"].set_index("phase")["value"]
spent = phases[phases["measure"] == "budget_spent"].set_index("phase")["value"]
fig, ax = budget_bars(planned, spent, unit="万元", title=f"{latest}年各阶段预算与执行")
fig.set_size_inches(9, 4.8)
ax.set_xticks(ax.get_xticks(), [p.replace(" ", "\n", 1) for p in planned.index])
add_source_line(fig, source)
save_figure(fig, "06_budget", "phases", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 每组左柱为预算数、右柱为执行数（万元），柱上为该阶段执行率；执行率明显低于其他阶段的，需在自评表中说明原因。
