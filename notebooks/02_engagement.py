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
# # 02 活动与参与 · Events and engagement
#
# 按年份和活动类型统计举办场次、线下参会人数、线上观看人次、参与单位和企业。
# *Events held and engagement by year and event type.*

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
from matplotlib.ticker import StrMethodFormatter

from analysis.figures import add_source_line, bar_by_category, line_over_time, save_figure
from analysis.figures import use_house_style
from analysis.indicators import engagement
from analysis.report import load_scoped, wide_table, years_text

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
by_year = engagement(ledger, by=("programme", "year"))
by_type = engagement(ledger, by=("programme", "year", "event_type"))
span = years_text(by_year["year"])

# %% [markdown]
# ## 按年份 · By year

# %%
# NBVAL_CHECK_OUTPUT
headline = ["events_held", "attendees_onsite", "online_views", "organizations", "firms",
            "academicians", "attendees_onsite_per_event"]
wide_table(by_year.groupby(["year", "measure"], sort=False, as_index=False)["value"].sum(),
           "year", headline, decimals=1)

# %% [markdown]
# ## 按活动类型 · By event type

# %%
# NBVAL_CHECK_OUTPUT
held = (by_type[by_type["measure"] == "events_held"]
        .groupby("event_type", sort=False, as_index=False)["value"].sum()
        .rename(columns={"value": "events_held"}))
wide_table(by_type.groupby(["event_type", "measure"], sort=False, as_index=False)["value"].sum(),
           "event_type", ["events_held", "attendees_onsite", "online_views", "firms"], decimals=0)

# %%
fig, ax = bar_by_category(held, "event_type", "events_held", value_format=lambda v: f"{v:.0f}",
                          title=f"{span}举办活动场次（按活动类型）")
ax.set_ylabel("场次（场）")
add_source_line(fig, source)
save_figure(fig, "02_engagement", "events_by_type", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 在示例数据中，对接会和路演场次最多；场次多不等于参与多，下图看每年的线下参会人数。

# %%
attendees = by_year[by_year["measure"] == "attendees_onsite"]
fig, ax = line_over_time(attendees, "year", "value",
                         title=f"{span}线下参会人数（按年份）")
ax.set_ylabel("线下参会人数（人）")
ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
ax.set_ylim(bottom=0)
add_source_line(fig, source + "；含“余/多”的合计为下限")
save_figure(fig, "02_engagement", "attendees_by_year", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 折线为每年各场活动线下参会人数之和；有空白或“500多人”之类单元格的年份，合计是下限（见上表的限定词）。
