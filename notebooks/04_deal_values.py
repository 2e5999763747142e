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
# 合同金额不是到账金额；金额高度偏斜，均值须与中位数一起看。台账含几个项目时每个项目单列。
# *Contract values by conversion mode, in 万元/亿元, one programme at a time.*

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
from IPython.display import display

from analysis.figures import add_source_line, amount_bars, save_figure, use_house_style
from analysis.indicators import deal_values
from analysis.report import load_scoped, programme_parts, show_text, skip_section, wide_table
from analysis.report.sections import measure_values, name_missing
from analysis.report.sentences import largest_sentence, mean_median_sentence

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
parts = programme_parts(ledger, programme)
money = ["deal_value", "deal_value_mean", "deal_value_median", "converted_value"]

# %% [markdown]
# ## 按转化方式 · By conversion mode（金额单位：万元）

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    by_mode = name_missing(deal_values(part.ledger, by=("mode",)), "mode", "未写明转化方式")
    whole = deal_values(part.ledger, by=())
    valued = measure_values(whole, "deals_valued")
    if whole.empty or valued.empty or not valued.iloc[0]:
        skip_section(part.absent("填写合同金额的签约项目"))
        continue
    display(wide_table(by_mode, "mode", ["deals_valued", *money, "top10_share"], decimals=1))
    total_qualifier = whole.loc[whole["measure"] == "deal_value", "qualifier"].iloc[0]
    span = part.span("signings")
    values = measure_values(by_mode, "deal_value", "mode").dropna()
    show_text(largest_sentence(values, f"{span}签约金额", "yuan", qualifier=total_qualifier,
                               unnamed="未写明转化方式")
              + mean_median_sentence(measure_values(whole, "deal_value_mean").iloc[0],
                                     measure_values(whole, "deal_value_median").iloc[0],
                                     valued.iloc[0]))
    if not (values > 0).any():
        show_text("没有正的签约金额，不画图；请核对台账中为负或为零的金额。")
        continue
    fig, ax = amount_bars(values[values > 0], unit="auto",
                          title=part.title(f"{span}签约金额（按转化方式）"))
    ax.set_xlabel("转化方式")
    add_source_line(fig, part.source(data_path))
    save_figure(fig, "04_deal_values", part.figure("value_by_mode"), out_dir=figures_dir)
    plt.show()
