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
# # 03 签约—转化漏斗 · Signing-to-conversion funnel
#
# 项目从意向（意向）到签约（签约）再到落地转化（落地）：各阶段项目数、转化率和签约到落地的天数，
# 按《促进科技成果转化法》第十六条的转化方式分列。
# *Intention → signed → converted, by conversion mode (Article 16).*

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

from analysis.figures import add_source_line, bar_by_category, funnel_bars, save_figure
from analysis.figures import use_house_style
from analysis.indicators import funnel
from analysis.report import load_scoped, wide_table, years_text

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
by_year = funnel(ledger, by=("programme", "year"))
by_mode = funnel(ledger, by=("programme", "year", "mode"))
span = years_text(by_year["year"])
stages = ["deals_intention", "deals_signed", "deals_converted"]

# %% [markdown]
# ## 按年份 · By year
#
# 漏斗按签约年份归组（队列口径）：近年签约的项目落地时间还短，落地率偏低。

# %%
# NBVAL_CHECK_OUTPUT
wide_table(by_year, "year", [*stages, "signing_rate", "conversion_rate",
                             "days_to_conversion_median"], decimals=1)

# %% [markdown]
# ## 按转化方式 · By conversion mode

# %%
# NBVAL_CHECK_OUTPUT
mode_counts = (by_mode[by_mode["measure"].isin(stages)]
               .groupby(["mode", "measure"], sort=False, as_index=False)["value"].sum())
table = wide_table(mode_counts, "mode", stages, decimals=0)
table["签约落地率（%）"] = (table["转化落地项目数"] / table["签约项目数"] * 100).round(1)
table

# %%
totals = by_year[by_year["measure"].isin(stages)].groupby("measure")["value"].sum()
fig, ax = funnel_bars(totals.reindex(stages), title=f"{span}签约转化漏斗（项目数）")
ax.set_xlabel("项目数（项）")
add_source_line(fig, source)
save_figure(fig, "03_funnel", "stages", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 每条右侧的百分比是该阶段占上一阶段的比例；在示例数据中，意向项目约三分之二签约，签约项目四成以上已落地。

# %%
signed = mode_counts[mode_counts["measure"] == "deals_signed"]
fig, ax = bar_by_category(signed, "mode", "value", value_format=lambda v: f"{v:.0f}",
                          title=f"{span}签约项目数（按转化方式）")
ax.set_xlabel("转化方式")
ax.set_ylabel("签约项目数（项）")
add_source_line(fig, source)
save_figure(fig, "03_funnel", "by_mode", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 在示例数据中，转让和许可占签约项目的大多数，作价投资最少（示例按全国年度报告中各方式的多少生成）。
