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
# # 09 对比 · Comparing years, regions, programmes and the nation
#
# 同一期间的数字才并排：某年对某年、同一跨期对同一跨期，绝不把一年与一个跨期或另一年放在一起。
# 增长率是与上一年相比；百分位是在同组（同期间、同指标）中的位置（规则见 docs/indicators.md）；
# 分方式的平均合同金额与同一年的全国高校院所均值（中国科技成果转化年度报告）相比。
# 台账只有一个项目时，项目之间的并排与百分位从略。
# *Years, regions and programmes side by side on aligned periods; peers; national means.*

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
import numpy as np
from IPython.display import display

from analysis.figures import PALETTE, add_source_line, bar_by_category, save_figure
from analysis.figures import use_house_style
from analysis.indicators.compare import UNNAMED_REGION, compare, side_by_side, statistics_of
from analysis.indicators.national import against_national
from analysis.report import load_scoped, programme_names, programme_parts, show_text
from analysis.report import skip_section
from analysis.report.comparison_sentences import growth_sentence, national_sentence
from analysis.report.comparison_sentences import peer_sentence

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
parts = programme_parts(ledger, programme)
HEADLINE = ["events_held", "attendees_onsite", "organizations", "deals_intention",
            "deals_signed", "deals_converted", "deal_value", "signing_rate", "conversion_rate",
            "fiveg_cases", "budget_planned", "budget_spent"]
REGIONAL = ["events_held", "attendees_onsite", "deals_signed", "deals_converted", "deal_value",
            "conversion_rate", "fiveg_cases"]


def total_rows(table, measures):
    rows = table[(table["breakdown"] == "") & table["measure"].isin(measures)]
    return rows.assign(_o=rows["measure"].map(measures.index)).sort_values(
        ["_o", "period"], kind="stable").drop(columns="_o")


# %% [markdown]
# ## 年度对比与增长 · Years side by side, growth on the year before
#
# 每年的总数并排；“余/多”的合计为下限，写作“余”或“超”，约数写作“近”。

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    years = total_rows(compare(statistics_of(part.ledger), by="year"), HEADLINE)
    if years["period"].nunique() < 2:
        skip_section(part.absent("两个以上年份的记录", "年度对比从略。"))
        continue
    display(side_by_side(years, by="year").droplevel(["programme", "breakdown"]))
    latest = years[years["period"] == years["period"].max()]
    show_text(growth_sentence(latest))
    # Rates change in percentage points (in the sentence); the figure shows volumes only.
    changed = latest[latest["change_pct"].notna() & (latest["unit"] != "percent")]
    fig, ax = bar_by_category(changed, "measure_zh", "change_pct", horizontal=True,
                              value_format=lambda v: f"{v:+.1f}%",
                              title=part.title(f"{latest['period'].iloc[0]}年比上年增长率"))
    low, high = min(changed["change_pct"].min(), 0), max(changed["change_pct"].max(), 0)
    ax.set_xlim(low - 0.25 * (high - low) - 1, high + 0.18 * (high - low) + 1)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_xlabel("比上年增长（%）")
    ax.set_ylabel("")
    add_source_line(fig, part.source(data_path) + "；含限定词的增长率为近似值")
    save_figure(fig, "09_compare", part.figure("growth"), out_dir=figures_dir)
    plt.show()

# %% [markdown]
# ## 项目并排 · Programmes side by side
#
# 台账含几个项目时，各项目同一期间的数字并排，并给出每个项目在同组中的百分位。

# %%
# NBVAL_CHECK_OUTPUT
names = programme_names(ledger)
if len(names) < 2:
    skip_section("本台账只有一个项目，项目之间的并排比较与百分位从略。")
else:
    side = total_rows(compare(statistics_of(ledger), per="budget"), HEADLINE)
    display(side_by_side(side))
    signed = side[side["measure"] == "deals_signed"]
    if not signed.empty:
        show_text(peer_sentence(signed[signed["period"] == signed["period"].max()], "项目"))

# %% [markdown]
# ## 地区对比与同组百分位 · Regions and their peer position
#
# 按各条记录所在地区汇总（经费表不分地区，不计入；没有填地区的记录列为“未写明地区”，不参与百分位）。百分位：同组 n 个地区中，低于它的个数加上
# 与它相同的个数的一半，除以 n − 1，再乘 100；最高为 100，最低为 0。

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    regional = statistics_of(part.ledger, by="region")
    years = sorted(p for p in regional["period"].unique() if p.isdigit())
    named = regional[regional["programme"] != UNNAMED_REGION]
    regions = named.loc[named["period"].isin(years[-1:]), "programme"].nunique()
    if not years or regions < 2:
        skip_section(part.absent("两个以上地区的记录", "地区对比从略。"))
        continue
    year = years[-1]
    table = total_rows(compare(regional, by="region", period=year, per="event"), REGIONAL)
    display(side_by_side(table).droplevel(["period", "breakdown"]))
    # Records without a region are shown in the table but are no peer of the regions.
    ranked = table[table["programme"] != UNNAMED_REGION]
    signed = ranked[ranked["measure"] == "deals_signed"]
    show_text(peer_sentence(signed, "地区"))
    grid = ranked.pivot_table(index="programme", columns="measure_zh", values="percentile",
                              sort=False)
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(grid) + 1.6))
    ax.imshow(grid.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=100, aspect="auto")
    for (i, j), value in np.ndenumerate(grid.to_numpy(dtype=float)):
        if not np.isnan(value):
            ax.text(j, i, f"{value:.0f}", ha="center", va="center",
                    color="white" if value > 60 else "0.15")
    ax.set_xticks(range(len(grid.columns)), grid.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(grid.index)), grid.index)
    ax.grid(False)
    ax.set_title(part.title(f"{year}年各地区同组百分位（0 最低，100 最高）"))
    add_source_line(fig, part.source(data_path))
    save_figure(fig, "09_compare", part.figure("region_percentiles"), out_dir=figures_dir)
    plt.show()

# %% [markdown]
# ## 与全国均值对比 · Mean deal by mode against the national mean
#
# 全国数字：中国科技成果转化年度报告（高等院校与科研院所篇），只含高校院所；只有转让、许可、
# 作价投资三种方式与第十六条的方式一一对应。只与同一年的全国数字相比（目前只有2023年的分方式数字）。

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    national = against_national(statistics_of(part.ledger))
    if national.empty:
        skip_section(part.absent("与全国数据同年（2023年）的分方式签约金额", "本节从略。"))
        continue
    for year, rows in national.groupby("period", sort=True):
        display(rows[["breakdown", "value", "deals", "national_mean", "vs_national_pct"]]
                .rename(columns={"breakdown": "转化方式", "value": "本项目平均（元）",
                                 "deals": "签约项数", "national_mean": "全国高校院所平均（元）",
                                 "vs_national_pct": "相对全国（%）"})
                .round(1).set_index("转化方式"))
        show_text(national_sentence(rows))
        # The bar labels keep the qualifier (约114% for a mean over approximate values).
        marks = iter(rows["vs_national_pct_qualifier"].map({"exact": ""}).fillna("约"))
        fig, ax = bar_by_category(rows, "breakdown", "vs_national_pct",
                                  value_format=lambda v: f"{next(marks)}{v:.0f}%",
                                  title=part.title(f"{year}年平均每项合同金额相对全国高校院所均值"))
        ax.axhline(100, color=PALETTE[1], linewidth=1.2, linestyle="--")
        ax.text(len(rows) - 0.5, 100, "全国均值 = 100%", color=PALETTE[1], ha="right",
                va="bottom")
        ax.set_ylim(0, max(rows["vs_national_pct"].max(), 100) * 1.18)
        ax.set_xlabel("转化方式")
        ax.set_ylabel("本项目平均 ÷ 全国平均（%）")
        add_source_line(fig, part.source(data_path) + "；全国：中国科技成果转化2024年度报告")
        save_figure(fig, "09_compare", part.figure(f"national_{year}"), out_dir=figures_dir)
        plt.show()
