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
# # 05 5G应用覆盖 · 5G application coverage
#
# “5G+”应用案例覆盖了GB/T 4754-2017 的97个行业大类中的多少个，按20个门类分列，
# 并与工业和信息化部公布的全国里程碑（2022年6月40个 … 2025年11月91个）对照。
# 台账含几个项目时每个项目单列：覆盖数是各项目自己的，不跨项目相加。
# *Divisions covered of 97, by section, against the national milestones.*

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
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from analysis.figures import PALETTE, add_source_line, coverage_bars
from analysis.figures import save_figure, use_house_style
from analysis.indicators import compare_with_national, fiveg_coverage, fiveg_coverage_over_time
from analysis.reference import divisions as read_divisions
from analysis.reference import miit_5g_milestones
from analysis.report import load_scoped, programme_parts, section_coverage, show_text
from analysis.report import skip_section, years_text
from analysis.report.sections import measure_values
from analysis.report.sentences import coverage_sentence, national_sentence
from analysis.report.sentences import unresolved_cases_sentence

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
parts = programme_parts(ledger, programme)
divisions = read_divisions()
milestones = miit_5g_milestones()
with_cases = [part for part in parts if len(part.ledger.fiveg_cases)]
for part in parts:
    if not len(part.ledger.fiveg_cases):
        skip_section(part.absent("5G应用案例"))

# %% [markdown]
# ## 总体与按门类 · Overall and by section

# %%
# NBVAL_CHECK_OUTPUT
for part in with_cases:
    part.heading()
    total = fiveg_coverage(part.ledger, by=())
    covered = int(measure_values(total, "fiveg_divisions_covered").sum())
    sections = section_coverage(fiveg_coverage(part.ledger, by=("section",)), divisions)
    cases = part.ledger.fiveg_cases
    show_text(coverage_sentence(covered, len(divisions), sections)
              + unresolved_cases_sentence(int(cases["division_code"].isna().sum()), len(cases)))
    display(sections[sections["covered"] > 0].rename(columns={
        "section": "门类", "section_name": "门类名称", "covered": "已覆盖大类", "total": "大类数"}).set_index("门类"))
    span = part.span("fiveg_cases")
    fig, ax = coverage_bars(sections, total=len(divisions), title=part.title(
        f"{span}5G应用覆盖行业大类：{covered}/{len(divisions)}（按门类）"))
    fig.set_size_inches(8, 7)
    add_source_line(fig, part.source(data_path) + "；行业分类：GB/T 4754-2017")
    save_figure(fig, "05_fiveg_coverage", part.figure("by_section"), out_dir=figures_dir)
    plt.show()

# %% [markdown]
# 图中绿色为有案例的大类，灰色为尚无案例的大类；门类内大类多（如制造业C的31个）时，灰色长并不代表覆盖差。

# %% [markdown]
# ## 与全国里程碑对照 · Against the national milestones
#
# 全国数统计的是全国任一地区的应用，地方项目低于全国是常态。

# %%
# NBVAL_CHECK_OUTPUT
for part in with_cases:
    part.heading()
    over_time = fiveg_coverage_over_time(part.ledger, by=())
    if over_time.empty:
        skip_section(part.title("5G应用案例没有年份，无法与全国里程碑逐年对照，本节从略。"))
        continue
    versus = compare_with_national(over_time, milestones)
    show_text(national_sentence(versus))
    display(versus.round({"coverage": 1, "national_coverage": 1, "gap": 1}).rename(columns={
        "year": "年份", "coverage": "本项目覆盖率（%）", "national_coverage": "全国覆盖率（%）",
        "national_date": "全国数日期", "gap": "差（百分点）"}).set_index("年份"))
    cumulative = over_time[over_time["measure"] == "fiveg_divisions_covered"]
    year_end = pd.to_datetime(cumulative["year"].astype(int).astype(str) + "-12-31")
    dates = pd.to_datetime(milestones["date"])
    fig, ax = plt.subplots(figsize=(9, 4.8))
    ax.plot(year_end, cumulative["value"], marker="o", color=PALETTE[0],
            label="本项目（截至年底累计）")
    for xi, yi in zip(year_end, cumulative["value"], strict=True):
        ax.annotate(f"{yi:.0f}", (xi, yi), xytext=(0, 7), textcoords="offset points",
                    ha="center", fontsize=9)
    ax.scatter(dates, milestones["divisions_covered"], marker="s", color=PALETTE[3], zorder=3,
               label="全国（工业和信息化部公布）")
    for xi, yi, d in zip(dates, milestones["divisions_covered"], dates, strict=True):
        ax.annotate(f"{d.year}年{d.month}月：{yi}", (xi, yi), xytext=(-6, 0),
                    textcoords="offset points", ha="right", va="center", fontsize=8)
    ax.axhline(len(divisions), color="#999999", linewidth=0.8, linestyle="--")
    ax.annotate(f"大类总数 {len(divisions)}", (0.01, len(divisions)),
                xycoords=("axes fraction", "data"), xytext=(0, -12),
                textcoords="offset points", fontsize=8, color="#999999")
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_ylim(0, len(divisions) + 5)
    ax.set_xlabel("日期（本项目为各年年底）")
    ax.set_ylabel("覆盖行业大类数（个）")
    ax.set_title(part.title(f"{years_text(cumulative['year'])}累计覆盖行业大类数与全国里程碑"))
    ax.legend(loc="lower right")
    add_source_line(fig, part.source(data_path) + "；全国里程碑：工业和信息化部公布数（data/reference）")
    save_figure(fig, "05_fiveg_coverage", part.figure("vs_national"), out_dir=figures_dir)
    plt.show()
