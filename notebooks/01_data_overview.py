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
# 读入工作台账，逐表核对读取、接受、拒绝和略过的行数（读取 = 接受 + 拒绝 + 略过），列出拒绝的单元格及原因，
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
from analysis.report import ledger_source, ledger_years, load_counts, programme_names
from analysis.report import qualifier_counts, show_text, years_text
from analysis.report.sentences import rows_sentence

use_house_style("zh")
ledger = load_ledger(data_path, mapping=mapping_path, programme=programme)
source = ledger_source(data_path, programme)
span = years_text(ledger_years(ledger))
names = programme_names(ledger)

# %% [markdown]
# ## 各表行数 · Rows per table

# %%
# NBVAL_CHECK_OUTPUT
counts = load_counts(ledger.report)
counts

# %%
# NBVAL_CHECK_OUTPUT
show_text(rows_sentence(counts, len(ledger.report.rejections)))
if len(names) > 1:
    show_text(f"台账含 {len(names)} 个项目：{'、'.join(names)}；后续各节每个项目单列，"
              "均值和比率只在项目内计算。")

# %% [markdown]
# ## 拒绝的行与提示 · Rejected rows and warnings

# %%
# NBVAL_CHECK_OUTPUT
rejected = ledger.report.to_frame()
show_text(f"拒绝 {len(rejected)} 处单元格，下表列出前 20 处（全部见 validate 的输出）。"
          if len(rejected) else "没有拒绝的单元格。")
for warning in ledger.report.warnings:
    print("提示：", warning)
rejected.head(20) if len(rejected) else None

# %% [markdown]
# ## 数量单元格的限定词 · Qualifiers of quantity cells
#
# 约数（近、约、左右）和下限（余、多、超）在后续指标中保留：含下限的合计仍是下限。

# %%
# NBVAL_CHECK_OUTPUT
qualifiers = qualifier_counts(ledger)
if qualifiers.empty:
    show_text("台账没有填写数量的单元格。")
qualifiers

# %%
accepted = counts[counts["接受行数"] > 0]
if accepted.empty:
    show_text("没有接受的行，不画图。")
else:
    fig, ax = bar_by_category(
        accepted, "表", "接受行数", horizontal=True, value_format=lambda v: f"{v:,.0f}",
        title=f"{span}工作台账各表接受行数",
    )
    ax.set_xlabel("接受行数（行）")
    ax.set_ylabel("")
    add_source_line(fig, source)
    save_figure(fig, "01_data_overview", "rows_per_table", out_dir=figures_dir)
    plt.show()
