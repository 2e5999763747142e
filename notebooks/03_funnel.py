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
# 按《促进科技成果转化法》第十六条的转化方式分列。台账含几个项目时每个项目单列，比率在项目内计算。
# *Intention → signed → converted, by conversion mode (Article 16), one programme at a time.*

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

from analysis.figures import add_source_line, bar_by_category, funnel_bars, save_figure
from analysis.figures import use_house_style
from analysis.indicators import funnel
from analysis.report import load_scoped, programme_parts, show_text, skip_section, wide_table
from analysis.report import years_text
from analysis.report.sections import measure_values, name_missing
from analysis.report.sentences import funnel_sentence, largest_sentence, without_year_sentence

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
parts = programme_parts(ledger, programme)
stages = ["deals_intention", "deals_signed", "deals_converted"]

# %% [markdown]
# ## 按年份 · By year
#
# 漏斗按签约年份归组（队列口径）：近年签约的项目落地时间还短，落地率偏低。

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    whole = funnel(part.ledger, by=())
    counts = {m: float(measure_values(whole, m).sum()) for m in stages}
    if not counts["deals_intention"]:
        skip_section(part.absent("签约或意向项目"))
        continue
    # Deals without a date or year count in the totals, not in a year.
    by_year = funnel(part.ledger, by=("year",)).dropna(subset=["year"])
    if by_year.empty:
        show_text("签约台账都没有填日期或年份，按年份的表从略。")
    else:
        display(wide_table(by_year, "year", [*stages, "signing_rate", "conversion_rate",
                                             "days_to_conversion_median"], decimals=1))
    show_text(funnel_sentence(*(counts[m] for m in stages))
              + without_year_sentence(counts["deals_intention"],
                                      measure_values(by_year, "deals_intention").sum(),
                                      "签约台账记录", "项"))
    fig, ax = funnel_bars(pd.Series(counts).reindex(stages),
                          title=part.title(f"{years_text(by_year['year'])}签约转化漏斗（项目数）"))
    ax.set_xlabel("项目数（项）")
    add_source_line(fig, part.source(data_path))
    save_figure(fig, "03_funnel", part.figure("stages"), out_dir=figures_dir)
    plt.show()

# %% [markdown]
# ## 按转化方式 · By conversion mode
#
# 签约项目按第十六条的转化方式归类；技术开发、咨询、服务合同不是转化方式，不在此列。

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    by_mode = name_missing(funnel(part.ledger, by=("mode",)), "mode", "未写明转化方式")
    signed = measure_values(by_mode, "deals_signed", "mode")
    if by_mode.empty or not (signed > 0).any():
        skip_section(part.absent("写明转化方式的签约项目"))
        continue
    table = wide_table(by_mode, "mode", [*stages, "conversion_rate"], decimals=1)
    display(table)
    show_text(largest_sentence(signed, "签约项目", "item", "项", unnamed="未写明转化方式"))
    span = part.span("signings")
    fig, ax = bar_by_category(signed[signed > 0].rename("value").reset_index(), "mode", "value",
                              value_format=lambda v: f"{v:.0f}",
                              title=part.title(f"{span}签约项目数（按转化方式）"))
    ax.set_xlabel("转化方式")
    ax.set_ylabel("签约项目数（项）")
    add_source_line(fig, part.source(data_path))
    save_figure(fig, "03_funnel", part.figure("by_mode"), out_dir=figures_dir)
    plt.show()
