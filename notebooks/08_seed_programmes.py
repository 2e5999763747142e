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
# # 08 种子项目复现 · The seed programmes reproduced
#
# 五份公开报告（中国航空学会低空经济会议、江西“03专项”5G试点、中国科协“百千万”行动、常州5·18展洽会、
# 广州市科协）中的统计数，每个数与它所在的原文短句并列，再把各项目并排比较。数字的限定词
# （近、余、多、超）保留：“5万余人次”记为下限 50,000。
# *Each seed's headline figures beside the quote they come from; the programmes side by side.*

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
from matplotlib.ticker import MaxNLocator

from analysis.figures import PALETTE, add_source_line, amount_bars, bar_by_category
from analysis.figures import save_figure, use_house_style
from analysis.indicators import compare_programmes, with_derived
from analysis.load import load_statistics
from analysis.report import measure_label, read_seed_programmes, seed_source
from analysis.reference import miit_5g_milestones
from analysis.schema import QUALIFIERS

use_house_style("zh")
pd.set_option("display.max_rows", 120)
pd.set_option("display.max_colwidth", 40)
statistics = load_statistics(statistics_path)
seeds = read_seed_programmes()
qualifier_zh = {code: text.split("（")[0] for code, text in QUALIFIERS.items()}

# %% [markdown]
# ## 每个数与原文 · Each figure beside its quote

# %%
# NBVAL_CHECK_OUTPUT
quotes = pd.DataFrame({
    "项目": statistics["programme"],
    "期间": statistics["period"],
    "指标": statistics["measure"].map(measure_label),
    "分项": statistics["breakdown"].fillna(""),
    "原文数字": statistics["quantity_text"],
    "数值": statistics["value"],
    "限定词": statistics["qualifier"].map(qualifier_zh),
    "原文": statistics["quote"],
})
quotes

# %% [markdown]
# ## 中国航空学会：五阶段经费预算 · CSAA budget in five phases

# %%
csaa = statistics[(statistics["programme"] == "csaa_low_altitude_2023")
                  & (statistics["measure"] == "budget_planned")
                  & statistics["breakdown"].notna()]
phases = csaa.set_index(csaa["breakdown"].str.replace("（", "\n（", regex=False))["value"]
fig, ax = amount_bars(phases, unit="万元",
                      title="2023年“科创中国”低空数字经济产学融合会议各阶段经费预算（共20万元）")
ax.set_xlabel("")
add_source_line(fig, seed_source("csaa_low_altitude_2023", seeds))
save_figure(fig, "08_seed_programmes", "csaa_budget", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 第四阶段（10月召开会议）占预算的一半；报告只给出计划数，没有执行数，因此算不出执行率。

# %% [markdown]
# ## 江西“03专项”：5G应用覆盖与全国 · Jiangxi 5G coverage against the nation

# %%
milestones = miit_5g_milestones()
jiangxi = statistics[(statistics["programme"] == "jiangxi_03_5g")
                     & (statistics["measure"] == "fiveg_divisions_covered")].iloc[0]
bars = pd.Series({f"全国\n{d.year}年{d.month}月": float(v) for d, v in
                  zip(pd.to_datetime(milestones["date"]), milestones["divisions_covered"],
                      strict=True)})
bars = pd.concat([pd.Series({"江西\n截至2024年7月": jiangxi["value"]}), bars])
fig, ax = bar_by_category(bars.rename("value").rename_axis("who").reset_index(), "who", "value",
                          value_format=lambda v: f"{v:.0f}",
                          title="5G应用覆盖国民经济行业大类数：江西（2024年7月）与全国（2022–2025年）")
ax.patches[0].set_color(PALETTE[1])
ax.texts[0].set_text(f"{jiangxi['quantity_text']}（下限）")
ax.axhline(97, color="#999999", linewidth=0.8, linestyle="--")
ax.annotate("大类总数 97", (1.0, 97), xycoords=("axes fraction", "data"), xytext=(0, 3),
            textcoords="offset points", ha="right", fontsize=8, color="#999999")
ax.set_ylim(0, 105)
fig.set_size_inches(10, 5)
ax.set_xlabel("")
ax.set_ylabel("覆盖行业大类数（个，共97个）")
add_source_line(fig, seed_source("jiangxi_03_5g", seeds) + "；全国：工业和信息化部")
save_figure(fig, "08_seed_programmes", "jiangxi_5g_coverage", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 江西的“50余个”大类（≥ 51.5%）介于全国2022年6月的40个与2023年9月的67个之间；全国数统计全国任一地区的应用，二者口径不同。

# %% [markdown]
# ## 常州5·18展洽会：参会规模 · Changzhou exposition: who came

# %%
changzhou = statistics[(statistics["programme"] == "changzhou_518_2019")
                       & statistics["measure"].isin(["organizations", "guests", "academicians",
                                                     "foreign_guests", "firm_representatives",
                                                     "universities_institutes"])]
people = pd.DataFrame({
    "who": changzhou["measure"].map(measure_label),
    "value": changzhou["value"],
    "text": changzhou["quantity_text"].str.replace(" ", "", regex=False),
}).sort_values("value", ascending=False)
fig, ax = bar_by_category(people, "who", "value", horizontal=True,
                          value_format=lambda v: f"{v:,.0f}",
                          title="2019年第十四届常州5·18展洽会参会规模（原文数字）")
ax.set_xscale("log")
ax.set_xlim(10, 5000)
for text, original in zip(ax.texts, people["text"], strict=True):
    text.set_text(original)
ax.set_xlabel("人数或单位数（对数刻度；“余/多”为下限）")
ax.set_ylabel("")
add_source_line(fig, seed_source("changzhou_518_2019", seeds))
save_figure(fig, "08_seed_programmes", "changzhou_participants", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 企业代表（2000多位）和嘉宾（500多位）是下限；院士15名、外籍嘉宾25名是确数。对数刻度让相差百倍的数并列可读。

# %% [markdown]
# ## 广州市科协：成果转化金额 · Guangzhou: converted value

# %%
guangzhou = statistics[(statistics["programme"] == "guangzhou_cast_2015_2021")
                       & (statistics["measure"] == "converted_value")]
values = pd.Series(guangzhou["value"].to_numpy(), index=[
    f"{b}\n{p}" for b, p in zip(guangzhou["breakdown"], guangzhou["period"], strict=True)])
fig, ax = amount_bars(values, unit="亿元", title="广州市科协促成成果转化涉及金额（2015–2021年）")
for text, original, q in zip(ax.texts, guangzhou["quantity_text"], guangzhou["qualifier"],
                             strict=True):
    text.set_text(original + ("（约数）" if q == "approx" else ""))
ax.set_xlabel("")
add_source_line(fig, seed_source("guangzhou_cast_2015_2021", seeds))
save_figure(fig, "08_seed_programmes", "guangzhou_converted_value", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 创交会六届累计“近500亿元”（约数）对应600多个项目，交易中心不到一年35.71亿元对应117项，平均每项约3,052万元。

# %% [markdown]
# ## 各项目并排 · The programmes side by side
#
# 各项目报告的指标几乎不重合，这本身就是结论：没有共同的台账口径，项目之间难以直接比较。下表列出每个项目的
# 总计数（不含分项），每万元预算的产出只有报告了预算的项目才能算出。

# %%
# NBVAL_CHECK_OUTPUT
side = compare_programmes(with_derived(statistics), min_programmes=1, period="latest")
wide = side.pivot(index="measure", columns="programme", values="value")
wide.index = [measure_label(m) for m in wide.index]
wide.columns = [seeds.loc[p, "name_zh"][:12] + "…" if len(seeds.loc[p, "name_zh"]) > 12
                else seeds.loc[p, "name_zh"] for p in wide.columns]
wide.round(2)

# %%
counts = (statistics.assign(q=statistics["qualifier"].map(qualifier_zh))
          .pivot_table(index="programme", columns="q", values="value", aggfunc="size",
                       fill_value=0)
          .reindex(columns=[qualifier_zh[c] for c in QUALIFIERS if qualifier_zh[c] in
                            set(statistics["qualifier"].map(qualifier_zh))]))
counts.index = [seeds.loc[p, "place"] + "·" + seeds.loc[p, "organiser"].split("（")[0]
                .split("；")[0] for p in counts.index]
fig, ax = plt.subplots(figsize=(8, 4.2))
left = None
for i, column in enumerate(counts.columns):
    ax.barh(counts.index, counts[column], left=left, color=PALETTE[i], label=column)
    left = counts[column] if left is None else left + counts[column]
ax.invert_yaxis()
ax.legend(title="限定词", loc="upper right")
ax.xaxis.set_major_locator(MaxNLocator(integer=True))
ax.set_xlabel("报告中的统计数（个）")
ax.set_title("五份种子报告（2019–2024年发布）中的统计数及其限定词")
add_source_line(fig, "五份种子报告（data/seeds/programmes.csv）；统计摘录：data/seeds/statistics.csv")
save_figure(fig, "08_seed_programmes", "figures_by_qualifier", out_dir=figures_dir)
plt.show()

# %% [markdown]
# 除中国科协“百千万”指导文件（只有目标数）外，每份报告都有两成或更多的数字带“余、多、近、超”等限定词；复现时这些数只能当下限或约数使用，不能当确数相加。

# %% [markdown]
# ## 种子项目的自评 · Seed programmes with targets
#
# 有目标表的两个种子项目（中国航空学会低空经济会议、常州5·18展洽会）：目标值多为本项目的假设
# （见 data/seeds/targets/README.md），实际值来自报告原文的统计。

# %%
# NBVAL_CHECK_OUTPUT
from pathlib import Path

from analysis.assessment import assess
from analysis.assessment.inputs import programme_info
from analysis.assessment.summary import summary_markdown
from analysis.export import write_form, write_text_atomic
from analysis.load import load_table

out = Path(out_dir)
targets_dir = Path(statistics_path).parent / "targets"
scored_seeds = []
for pid in ("csaa_low_altitude_2023", "changzhou_518_2019"):
    targets = load_table(targets_dir / f"{pid}.csv", "targets")
    info = programme_info(load_table(targets_dir / "programmes.csv", "programmes"), pid)
    scored = assess(statistics, targets, info=info)
    write_form(scored, out / f"{pid}_自评表.xlsx")
    write_text_atomic(out / f"{pid}_自评.md", summary_markdown(scored))
    scored_seeds.append({"项目": pid, "来源": seed_source(pid), "总分": scored.total,
                         "等级": scored.grade})
pd.DataFrame(scored_seeds)
