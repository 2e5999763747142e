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
# # 04 签约金额 · Deal values
#
# 签约合同金额的合计、均值、中位数和前10%项目所占份额，按转化方式分列；金额以万元、亿元显示。
# 合同金额不是到账金额；金额高度偏斜，均值须与中位数一起看。
# *Contract values by conversion mode, in 万元/亿元.*

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

from analysis.figures import add_source_line, amount_bars, format_yuan, save_figure
from analysis.figures import use_house_style
from analysis.indicators import deal_values
from analysis.report import load_scoped, wide_table, years_text

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
by_year = deal_values(ledger, by=("programme", "year"))
by_mode = deal_values(ledger, by=("programme", "mode"))
span = years_text(by_year["year"])

# %% [markdown]
# ## 按转化方式 · By conversion mode（金额单位：万元）

# %%
# NBVAL_CHECK_OUTPUT
money = ["deal_value", "deal_value_mean", "deal_value_median", "converted_value"]
table = wide_table(by_mode, "mode", ["deals_valued", *money, "top10_share"], decimals=1)
table

# %%
# NBVAL_CHECK_OUTPUT
total = by_year[by_year["measure"] == "deal_value"]["value"].sum()
print(f"{span}签约金额合计 {format_yuan(total, '亿元')}")

# %%
values = (by_mode[by_mode["measure"] == "deal_value"].groupby("mode", sort=False)["value"].sum())
fig, ax = amount_bars(values, unit="亿元", title=f"{span}签约金额（按转化方式）")
ax.set_xlabel("转化方式")
add_source_line(fig, source)
save_figure(fig, "04_deal_values", "value_by_mode", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 柱高为各方式签约合同金额之和（亿元）；在示例数据中，作价投资项目少但单项金额大，合计金额与项目多的方式相当。
