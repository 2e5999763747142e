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
# # 06 预算执行与单位产出成本 · Budget execution and cost per output
#
# 各年、各阶段的预算数与执行数、执行率（执行数 ÷ 预算数），以及每位线下参会者、每个签约项目、
# 每万元签约金额的成本。执行率是绩效自评预算执行率一栏（10分）的输入。台账含几个项目时每个项目单列。
# *Planned against spent, execution rate, cost per output, one programme at a time.*

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

from analysis.figures import add_source_line, budget_bars, save_figure, use_house_style
from analysis.indicators import budget_execution
from analysis.report import load_scoped, programme_parts, show_text, skip_section, wide_table
from analysis.report.sections import measure_qualifiers, measure_values
from analysis.report.sentences import budget_sentence, phases_sentence

use_house_style("zh")
ledger, source = load_scoped(data_path, programme, period, mapping_path)
parts = programme_parts(ledger, programme)
costs = ["budget_planned", "budget_spent", "budget_execution_rate", "cost_per_attendee",
         "cost_per_deal", "cost_per_10k_deal_value"]


def has_years(table: pd.DataFrame) -> bool:
    """Whether a budget table gives a year on any row (a 经费 sheet may have no 年度 column)."""
    return "year" in table.columns and pd.to_numeric(table["year"], errors="coerce").notna().any()


# Per programme: whether its budget is by year, and its budget table (by year, or one total).
yearly = {part.index: has_years(part.ledger.budget) for part in parts}
budgets = {part.index: budget_execution(part.ledger, by=("year",) if yearly[part.index] else ())
           for part in parts if len(part.ledger.budget)}


# %% [markdown]
# ## 按年份 · By year（金额单位：万元）

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    if part.index not in budgets:
        skip_section(part.absent("经费表"))
        continue
    totals = budgets[part.index][budgets[part.index]["phase"] == ""]
    key = "year" if yearly[part.index] else "phase"
    if not yearly[part.index]:
        totals = totals.assign(phase="合计")
        show_text("经费表没有年度一栏，下表为全部经费合计。")
    display(wide_table(totals, key, costs))
    show_text(budget_sentence(measure_values(totals, "budget_planned", key),
                              measure_values(totals, "budget_spent", key),
                              measure_qualifiers(totals, "budget_spent", key).to_dict()))

# %% [markdown]
# ## 最近一年各阶段 · Phases of the latest year

# %%
# NBVAL_CHECK_OUTPUT
for part in parts:
    part.heading()
    if part.index not in budgets:
        skip_section(part.absent("经费表"))
        continue
    budget = budgets[part.index]
    latest = int(budget["year"].max()) if yearly[part.index] else None
    phases = budget[budget["phase"] != ""]
    if latest is not None:
        phases = phases[phases["year"] == latest]
    if phases.empty:
        skip_section(part.title("经费表没有分阶段的预算，本节从略。"))
        continue
    when = f"{latest}年" if latest else ""
    display(wide_table(phases, "phase", ["budget_planned", "budget_spent",
                                         "budget_execution_rate", "budget_phase_share"]))
    show_text(phases_sentence(measure_values(phases, "budget_execution_rate", "phase")))
    planned = measure_values(phases, "budget_planned", "phase")
    spent = measure_values(phases, "budget_spent", "phase").reindex(planned.index)
    if planned.dropna().empty:
        continue
    fig, ax = budget_bars(planned, spent, unit="万元", title=part.title(f"{when}各阶段预算与执行"))
    fig.set_size_inches(9, 4.8)
    ax.set_xticks(ax.get_xticks(), [str(p).replace(" ", "\n", 1) for p in planned.index])
    add_source_line(fig, part.source(data_path))
    save_figure(fig, "06_budget", part.figure("phases"), out_dir=figures_dir)
    plt.show()

# %% [markdown]
# 图中每组左柱为预算数、右柱为执行数（万元），柱上为该阶段执行率。
