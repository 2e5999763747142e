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
# # 01 数据概况与质量 · Data overview and quality
#
# 读入工作台账，逐表核对读取、接受和拒绝的行数（读取 = 接受 + 拒绝），列出拒绝的单元格及原因，
# 并统计以约数或上下限填写的数量（如“近300人”“5万余人次”）。
# *Loads the ledger and accounts for every row: the load report.*

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

from analysis.figures import add_source_line, bar_by_category, save_figure, use_house_style
from analysis.load import load_ledger
from analysis.report import ledger_source, ledger_years, load_counts, qualifier_counts, years_text

use_house_style("zh")
ledger = load_ledger(data_path, mapping=mapping_path, programme=programme)
source = ledger_source(data_path, programme)
span = years_text(ledger_years(ledger))

# %% [markdown]
# ## 各表行数 · Rows per table

# %%
# NBVAL_CHECK_OUTPUT
counts = load_counts(ledger.report)
counts

# %% [markdown]
# ## 拒绝的行与提示 · Rejected rows and warnings

# %%
# NBVAL_CHECK_OUTPUT
print(f"拒绝 {len(ledger.report.rejections)} 处 / rejected cells")
for warning in ledger.report.warnings:
    print("提示：", warning)
ledger.report.to_frame().head(20)

# %% [markdown]
# ## 数量单元格的限定词 · Qualifiers of quantity cells
#
# 约数（近、约、左右）和下限（余、多、超）在后续指标中保留：含下限的合计仍是下限。

# %%
# NBVAL_CHECK_OUTPUT
qualifiers = qualifier_counts(ledger)
qualifiers

# %%
fig, ax = bar_by_category(
    counts, "表", "接受行数", horizontal=True, value_format=lambda v: f"{v:,.0f}",
    title=f"{span}工作台账各表接受行数",
)
ax.set_xlabel("接受行数（行）")
ax.set_ylabel("")
add_source_line(fig, source)
save_figure(fig, "01_data_overview", "rows_per_table", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 图中每条为一张表通过校验的行数；若上表的拒绝行数不为零，先按拒绝清单改正台账，再读后续笔记本。
