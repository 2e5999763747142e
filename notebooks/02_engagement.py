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
# 台账含几个项目时每个项目单列：场均数在项目内计算，不跨项目相加；含“余/多”的合计是下限（表中记“≥”）。
# *Events held and engagement by year and event type, one programme at a time.*

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
from matplotlib.ticker import StrMethodFormatter

from analysis.figures import add_source_line, bar_by_category, line_over_time, save_figure
from analysis.figures import use_house_style
from analysis.indicators import engagement
from analysis.report import load_scoped, programme_parts, show_text, skip_section, wide_table
from analysis.report import years_text
from analysis.report.sections import measure_qualifiers, measure_values, name_missing
from analysis.report.sentences import events_sentence, without_year_sentence, yearly_sentence

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
parts = programme_parts(ledger, programme)
headline = ["events_held", "attendees_onsite", "online_views", "organizations", "firms",
            "academicians", "attendees_onsite_per_event"]

# %% [markdown]
# ## 按年份 · By year
#
# 表中“≥”为下限（如“500多人”），“约”为约数。

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    held = measure_values(engagement(part.ledger, by=()), "events_held").sum()
    if not held:
        skip_section(part.absent("活动记录"))
        continue
    # Events without a date or year count in the totals, not in a year.
    by_year = engagement(part.ledger, by=("year",)).dropna(subset=["year"])
    if by_year.empty:
        show_text(f"{held:.0f} 场活动都没有填日期或年份，按年份的表和图从略。")
        continue
    display(wide_table(by_year, "year", headline, decimals=1))
    attendees = by_year[by_year["measure"] == "attendees_onsite"]
    show_text(yearly_sentence(measure_values(by_year, "attendees_onsite", "year"),
                              measure_qualifiers(by_year, "attendees_onsite", "year"),
                              "线下参会人数", "person")
              + without_year_sentence(held, measure_values(by_year, "events_held").sum(),
                                      "活动", "场"))
    # One year is a point, not a trend: the sentence above says it, no figure is drawn.
    if attendees["value"].notna().sum() >= 2:
        span = years_text(by_year["year"])
        fig, ax = line_over_time(attendees, "year", "value",
                                 title=part.title(f"{span}线下参会人数（按年份）"))
        ax.set_ylabel("线下参会人数（人）")
        ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.set_ylim(bottom=0)
        add_source_line(fig, part.source(data_path) + "；含“余/多”的合计为下限")
        save_figure(fig, "02_engagement", part.figure("attendees_by_year"), out_dir=figures_dir)
        plt.show()

# %% [markdown]
# ## 按活动类型 · By event type

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    by_type = name_missing(engagement(part.ledger, by=("event_type",)), "event_type", "未写明类型")
    if by_type.empty:
        skip_section(part.absent("活动记录"))
        continue
    display(wide_table(by_type, "event_type",
                       ["events_held", "attendees_onsite", "online_views", "firms"], decimals=0))
    held = measure_values(by_type, "events_held", "event_type")
    show_text(events_sentence(held, unnamed="未写明类型"))
    span = part.span("events")
    fig, ax = bar_by_category(held.rename("events_held").reset_index(), "event_type",
                              "events_held", value_format=lambda v: f"{v:.0f}",
                              title=part.title(f"{span}举办活动场次（按活动类型）"))
    ax.set_ylabel("场次（场）")
    add_source_line(fig, part.source(data_path))
    save_figure(fig, "02_engagement", part.figure("events_by_type"), out_dir=figures_dir)
    plt.show()
