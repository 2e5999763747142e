"""Sentences under the report's tables and figures, computed from the numbers they describe."""

# ruff: noqa: E501 (the doctests show whole sentences; a Chinese sentence is not wrapped)

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from analysis.figures.labels import label
from analysis.quantities import format_quantity


def quantity(
    value: float, unit: str | None, qualifier: str = "exact", word: str | None = None
) -> str:
    """A number as a report writes it, with its qualifier: ``5万余人``, ``近300人``, ``12项``.

    Examples:
        >>> quantity(50000, "person", "at_least"), quantity(12, "item", word="项")
        ('5万余人', '12项')
    """
    if unit in ("yuan", "percent", None):
        word = None
    return format_quantity(float(value), unit, qualifier or "exact", unit_text=word)


def percent(part: float, whole: float, decimals: int = 1) -> str:
    """``part`` as a percentage of ``whole``: ``40.0%`` (``—`` when ``whole`` is 0).

    Examples:
        >>> percent(2, 5), percent(1, 0)
        ('40.0%', '—')
    """
    if not whole or not math.isfinite(whole):
        return "—"
    return f"{part / whole * 100:.{decimals}f}%"


def change(now: float, before: float, year: object, previous: object) -> str:
    """The change on the previous year, in words.

    Examples:
        >>> change(120, 100, 2023, 2022), change(80, 100, 2023, 2022), change(5, 5, 2023, 2022)
        ('比2022年增加20.0%', '比2022年减少20.0%', '与2022年持平')
        >>> change(5, 0, 2023, 2022)
        '2022年为0'
    """
    if before == 0:
        return f"{previous}年为0"
    ratio = (now - before) / before * 100
    if abs(ratio) < 0.05:
        return f"与{previous}年持平"
    word = "增加" if ratio > 0 else "减少"
    return f"比{previous}年{word}{abs(ratio):.1f}%"


def _zh(code: object) -> str:
    return label(code, "zh", strict=False)


def _largest(values: pd.Series) -> tuple[object, float]:
    """The key and value of the largest entry; ties go to the first in order."""
    position = int(values.to_numpy().argmax())
    return values.index[position], float(values.iloc[position])


def rows_sentence(counts: pd.DataFrame, rejected_cells: int) -> str:
    """What the load counts say: rows accepted, the largest table, what to fix first.

    Args:
        counts: ``load_counts(report)`` (columns 表, 读取行数, 接受行数, 拒绝行数).
        rejected_cells: How many cells were rejected (``len(report.rejections)``).

    Examples:
        >>> counts = pd.DataFrame({"表": ["活动", "签约"], "读取行数": [12, 30],
        ...     "接受行数": [11, 30], "拒绝行数": [1, 0]})
        >>> rows_sentence(counts, 1)
        '各表共接受 41 行，签约表最多（30 行）；拒绝 1 行（1 处单元格），先按上面的拒绝清单改正台账，再读后续各节。'
        >>> rows_sentence(counts.iloc[1:], 0)
        '各表共接受 30 行，签约表最多（30 行）；没有拒绝的行。'
    """
    accepted = counts.set_index("表")["接受行数"].astype(int)
    if accepted.sum() == 0:
        return "台账中没有可接受的行，后续各节都没有数据。"
    name, most = _largest(accepted)
    text = f"各表共接受 {int(accepted.sum())} 行，{name}表最多（{int(most)} 行）"
    rejected = int(counts["拒绝行数"].sum())
    if rejected:
        return (
            f"{text}；拒绝 {rejected} 行（{rejected_cells} 处单元格），"
            "先按上面的拒绝清单改正台账，再读后续各节。"
        )
    return f"{text}；没有拒绝的行。"


def events_sentence(held: pd.Series, unnamed: str | None = None) -> str:
    """Events by type: the total and the type held most often.

    Args:
        held: Events held per event-type code.
        unnamed: The key of events that name no type: counted, never called the largest.

    Examples:
        >>> events_sentence(pd.Series({"matchmaking": 6, "roadshow": 3, "training": 1}))
        '共举办活动 10 场，对接会最多（6 场，占 60.0%），其次是路演（3 场）。'
        >>> events_sentence(pd.Series({"roadshow": 2, "training": 1, "conference": 1}))
        '共举办活动 4 场，路演最多（2 场，占 50.0%），其余 2 类各 1 场。'
        >>> events_sentence(pd.Series({"roadshow": 2, "training": 2}))
        '共举办活动 4 场，路演和培训各 2 场。'
        >>> events_sentence(pd.Series({"training": 2}))
        '共举办活动 2 场，都是培训。'
        >>> events_sentence(pd.Series({"training": 1, "未写明类型": 3}), unnamed="未写明类型")
        '共举办活动 4 场，都是培训（另有 3 场未写明类型）。'
    """
    held = held[held > 0]
    total = float(held.sum())
    if held.empty:
        return "没有举办活动的记录。"
    rest = ""
    if unnamed is not None and unnamed in held.index:
        rest = f"（另有 {float(held[unnamed]):.0f} 场{unnamed}）"
        held = held.drop(unnamed)
        if held.empty:
            return f"共举办活动 {total:.0f} 场，都{unnamed}。"
    held = held.sort_values(ascending=False, kind="stable")
    text = f"共举办活动 {total:.0f} 场，"
    first, most = held.index[0], float(held.iloc[0])
    if len(held) == 1:
        return f"{text}都是{_zh(first)}{rest}。"
    if (held == most).all():
        return f"{text}{'和'.join(_zh(k) for k in held.index)}各 {most:.0f} 场{rest}。"
    text += f"{_zh(first)}最多（{most:.0f} 场，占 {percent(most, total)}）"
    others = held.iloc[1:]
    if len(others) > 1 and (others == others.iloc[0]).all():
        return f"{text}，其余 {len(others)} 类各 {others.iloc[0]:.0f} 场{rest}。"
    return f"{text}，其次是{_zh(others.index[0])}（{others.iloc[0]:.0f} 场）{rest}。"


def without_year_sentence(total: float, in_years: float, what: str, word: str) -> str:
    """Say how many rows count in the total but not in the by-year table (no year given).

    Examples:
        >>> without_year_sentence(20, 19, "签约项目", "项")
        '另有 1 项签约项目未填年份：计入合计，不在分年数中。'
        >>> without_year_sentence(20, 20, "签约项目", "项")
        ''
    """
    missing = total - in_years
    if missing <= 0:
        return ""
    return f"另有 {missing:.0f} {word}{what}未填年份：计入合计，不在分年数中。"


def yearly_sentence(
    values: pd.Series, qualifiers: pd.Series | None, what: str, unit: str, word: str | None = None
) -> str:
    """A yearly series: the latest year, and its change on the year before.

    A total that holds a lower bound (“500多人”) is a lower bound itself, and is said so.

    Examples:
        >>> values = pd.Series({2022: 1200.0, 2023: 1500.0})
        >>> yearly_sentence(values, pd.Series({2022: "exact", 2023: "at_least"}), "线下参会人数", "person")
        '2023年线下参会人数1500余人，比2022年增加25.0%（含下限，实际不少于此数）。'
        >>> yearly_sentence(pd.Series({2023: 300.0}), None, "线下参会人数", "person")
        '台账只有2023年的数据：线下参会人数300人。'
    """
    values = values.dropna().sort_index()
    if values.empty:
        return f"台账没有{what}的数据。"
    qualifiers = qualifiers if qualifiers is not None else pd.Series("exact", index=values.index)
    year = values.index[-1]
    latest = quantity(values.iloc[-1], unit, qualifiers.get(year, "exact"), word)
    if len(values) == 1:
        return f"台账只有{year}年的数据：{what}{latest}。"
    previous = values.index[-2]
    text = f"{year}年{what}{latest}，{change(values.iloc[-1], values.iloc[-2], year, previous)}"
    bounded = {qualifiers.get(year, "exact"), qualifiers.get(previous, "exact")}
    if "at_least" in bounded:
        return f"{text}（含下限，实际不少于此数）。"
    if "approx" in bounded:
        return f"{text}（含约数）。"
    return f"{text}。"


def funnel_sentence(intention: float, signed: float, converted: float) -> str:
    """The funnel in one sentence: how many of the intentions were signed, and landed.

    Examples:
        >>> funnel_sentence(90, 60, 26)
        '意向项目 90 项中 60 项签约（66.7%），签约项目中 26 项已落地（43.3%）。'
        >>> funnel_sentence(0, 0, 0)
        '台账中没有签约或意向项目。'
    """
    if not intention and not signed:
        return "台账中没有签约或意向项目。"
    return (
        f"意向项目 {intention:.0f} 项中 {signed:.0f} 项签约（{percent(signed, intention)}），"
        f"签约项目中 {converted:.0f} 项已落地（{percent(converted, signed)}）。"
    )


def largest_sentence(
    values: pd.Series,
    what: str,
    unit: str,
    word: str | None = None,
    qualifier: str = "exact",
    unnamed: str | None = None,
) -> str:
    """Which category holds most of a total, with its share; and which holds least.

    ``qualifier`` is the total's (a sum of lower bounds is a lower bound). The entry keyed
    ``unnamed`` (rows that name no category) counts in the total but is never called the
    largest or the least. A tie is said as a tie.

    Examples:
        >>> signed = pd.Series({"transfer": 30.0, "licence": 20.0, "equity": 2.0})
        >>> largest_sentence(signed, "签约项目", "item", "项")
        '签约项目共52项，转让最多（30项，占 57.7%），作价投资最少（2项）。'
        >>> largest_sentence(pd.Series({"transfer": 4.0}), "签约项目", "item", "项")
        '签约项目共4项，都是转让。'
        >>> mixed = pd.Series({"transfer": 1.0, "licence": 1.0, "equity": 1.0, "未写明": 2.0})
        >>> largest_sentence(mixed, "签约项目", "item", "项", unnamed="未写明")
        '签约项目共5项，转让、许可、作价投资各1项，另有2项未写明。'
        >>> largest_sentence(pd.Series({"transfer": 3.0, "licence": 3.0, "equity": 1.0}), "签约项目", "item", "项")
        '签约项目共7项，转让、许可并列最多（各3项），作价投资最少（1项）。'
    """
    values = values[values > 0]
    if values.empty:
        return f"没有{what}。"
    total = float(values.sum())
    text = f"{what}共{quantity(total, unit, qualifier, word=word)}"
    rest = ""
    if unnamed is not None and unnamed in values.index:
        rest = f"，另有{quantity(float(values[unnamed]), unit, word=word)}{unnamed}"
        values = values.drop(unnamed)
    values = values.sort_values(ascending=False, kind="stable")
    if values.empty:
        return f"{text}{rest}。"
    most, least = float(values.iloc[0]), float(values.iloc[-1])
    top = [_zh(k) for k, v in values.items() if v == most]
    if len(values) == 1 and not rest:
        return f"{text}，都是{top[0]}。"
    if len(values) == 1:
        return f"{text}，{top[0]}{quantity(most, unit, word=word)}{rest}。"
    if most == least:
        return f"{text}，{'、'.join(top)}各{quantity(most, unit, word=word)}{rest}。"
    if len(top) == 1:
        text += f"，{top[0]}最多（{quantity(most, unit, word=word)}，占 {percent(most, total)}）"
    else:
        text += f"，{'、'.join(top)}并列最多（各{quantity(most, unit, word=word)}）"
    bottom = [_zh(k) for k, v in values.items() if v == least]
    if len(bottom) == 1 and len(values) > 2:
        text += f"，{bottom[0]}最少（{quantity(least, unit, word=word)}）"
    return f"{text}{rest}。"


def mean_median_sentence(mean: float, median: float, deals: float) -> str:
    """Mean against median of the deal values: how skewed they are.

    Examples:
        >>> mean_median_sentence(250000, 100000, 12)
        '有金额的 12 项签约单项平均25万元、中位数10万元：均值是中位数的 2.5 倍，少数大额项目拉高了均值。'
        >>> mean_median_sentence(100000, 90000, 3)
        '有金额的 3 项签约单项平均10万元、中位数9万元，两者相近。'
    """
    text = f"有金额的 {deals:.0f} 项签约单项平均{quantity(mean, 'yuan')}、中位数{quantity(median, 'yuan')}"
    if median > 0 and mean / median >= 1.5:
        return f"{text}：均值是中位数的 {mean / median:.1f} 倍，少数大额项目拉高了均值。"
    return f"{text}，两者相近。"


def coverage_sentence(covered: int, total: int, sections: pd.DataFrame) -> str:
    """Divisions covered of all, and the section with most divisions covered.

    Args:
        covered: Divisions with at least one case.
        total: Divisions in GB/T 4754-2017 (97).
        sections: ``section_coverage`` (section, section_name, covered, total).

    Examples:
        >>> sections = pd.DataFrame({"section": ["A", "C"], "section_name": ["农、林、牧、渔业", "制造业"],
        ...     "covered": [1, 6], "total": [5, 31]})
        >>> coverage_sentence(7, 97, sections)
        '5G应用案例覆盖97个行业大类中的7个（7.2%），分布在 2 个门类；覆盖最多的是制造业（C，31个大类中的6个）。'
    """
    if covered == 0:
        return f"5G应用案例没有覆盖任何行业大类（共{total}个）。"
    with_cases = sections[sections["covered"] > 0]
    best = with_cases.sort_values("covered", ascending=False, kind="stable").iloc[0]
    return (
        f"5G应用案例覆盖{total}个行业大类中的{covered}个（{percent(covered, total)}），"
        f"分布在 {len(with_cases)} 个门类；覆盖最多的是{best['section_name']}"
        f"（{best['section']}，{int(best['total'])}个大类中的{int(best['covered'])}个）。"
    )


def unresolved_cases_sentence(unresolved: int, cases: int) -> str:
    """Cases whose industry names no division: counted as cases, not in the coverage.

    Examples:
        >>> unresolved_cases_sentence(6, 18)
        '18 个案例中有 6 个的行业没有写明大类（只写门类、写法不明或代码与名称不符），计为案例、不计入覆盖，所以覆盖数是下限；逐行见数据概况一节的提示。'
        >>> unresolved_cases_sentence(0, 18)
        ''
    """
    if not unresolved:
        return ""
    return (
        f"{cases} 个案例中有 {unresolved} 个的行业没有写明大类（只写门类、写法不明或代码与名称不符），"
        "计为案例、不计入覆盖，所以覆盖数是下限；逐行见数据概况一节的提示。"
    )


def national_sentence(versus: pd.DataFrame) -> str:
    """The latest year's coverage against the national milestone of that year.

    Args:
        versus: ``compare_with_national`` (year, coverage, national_coverage, national_date,
            gap; coverages in percent of the 97 divisions).

    Examples:
        >>> versus = pd.DataFrame({"year": [2022, 2023], "coverage": [56.7, 61.86],
        ...     "national_coverage": [41.24, 69.07],
        ...     "national_date": pd.to_datetime(["2022-06-01", "2023-09-01"]),
        ...     "gap": [15.46, -7.21]})
        >>> national_sentence(versus)
        '截至2023年底覆盖61.9%的行业大类，全国同期（2023年9月）为69.1%，低7.2个百分点。'
        >>> national_sentence(versus.iloc[:0])
        '本台账的年份没有可对照的全国里程碑（2022年6月起）。'
    """
    rows = versus.dropna(subset=["national_coverage"]) if len(versus) else versus
    if rows.empty:
        return "本台账的年份没有可对照的全国里程碑（2022年6月起）。"
    last = rows.iloc[-1]
    date = pd.Timestamp(last["national_date"])
    gap = float(last["coverage"]) - float(last["national_coverage"])
    if abs(gap) < 0.05:
        compared = "与全国持平"
    else:
        compared = f"{'高' if gap > 0 else '低'}{abs(gap):.1f}个百分点"
    return (
        f"截至{int(last['year'])}年底覆盖{float(last['coverage']):.1f}%的行业大类，"
        f"全国同期（{date.year}年{date.month}月）为{float(last['national_coverage']):.1f}%，{compared}。"
    )


def budget_sentence(
    planned: pd.Series, spent: pd.Series, qualifiers: Mapping[object, str] | None = None
) -> str:
    """Budget and spending of the latest year, the execution rate and its change.

    Args:
        planned: Planned amounts (元) by year (or one value under any key).
        spent: Spent amounts (元) by the same keys.
        qualifiers: Qualifier of the spent amount per key, if not exact.

    Examples:
        >>> budget_sentence(pd.Series({2022: 4e5, 2023: 5e5}), pd.Series({2022: 3e5, 2023: 4.5e5}))
        '2023年预算50万元，执行45万元，执行率90.0%（2022年为75.0%）。'
        >>> budget_sentence(pd.Series({"合计": 2e5}), pd.Series({"合计": 1.8e5}))
        '预算20万元，执行18万元，执行率90.0%。'
    """
    both = pd.DataFrame({"planned": planned, "spent": spent}).dropna(how="all")
    if both.empty:
        return "台账没有经费数据。"
    key = both.index[-1]
    row = both.iloc[-1]
    when = f"{key}年" if str(key).strip().isdigit() else ""
    qualifier = (qualifiers or {}).get(key, "exact")
    if pd.isna(row["planned"]) or not row["planned"]:
        return f"{when}执行{quantity(row['spent'], 'yuan', qualifier)}，没有预算数，算不出执行率。"
    if pd.isna(row["spent"]):
        return f"{when}预算{quantity(row['planned'], 'yuan')}，没有执行数，算不出执行率。"
    rate = row["spent"] / row["planned"] * 100
    text = (
        f"{when}预算{quantity(row['planned'], 'yuan')}，执行{quantity(row['spent'], 'yuan', qualifier)}，"
        f"执行率{rate:.1f}%"
    )
    if len(both) > 1:
        before = both.iloc[-2]
        if before["planned"] and pd.notna(before["spent"]):
            text += f"（{both.index[-2]}年为{before['spent'] / before['planned'] * 100:.1f}%）"
    return f"{text}。"


def phases_sentence(rates: pd.Series) -> str:
    """Which budget phase was executed least, against the others.

    Examples:
        >>> phases_sentence(pd.Series({"第一阶段": 100.0, "第二阶段": 62.5, "第三阶段": 95.0}))
        '执行率最低的是第二阶段（62.5%），最高的是第一阶段（100.0%）；相差 37.5 个百分点，须在自评表中说明原因。'
        >>> phases_sentence(pd.Series({"一": 91.0, "二": 95.0}))
        '执行率最低的是一（91.0%），最高的是二（95.0%），各阶段相差不到 10 个百分点。'
        >>> phases_sentence(pd.Series({"全年": 90.0}))
        '只有一个阶段（全年），执行率90.0%。'
    """
    rates = rates.dropna()
    if rates.empty:
        return "各阶段都没有执行率。"
    if len(rates) == 1:
        return f"只有一个阶段（{rates.index[0]}），执行率{rates.iloc[0]:.1f}%。"
    low, high = rates.idxmin(), rates.idxmax()
    if rates[low] == rates[high]:
        return f"各阶段执行率相同，都是{rates[low]:.1f}%。"
    text = f"执行率最低的是{low}（{rates[low]:.1f}%），最高的是{high}（{rates[high]:.1f}%）"
    if rates[high] - rates[low] >= 10:
        return f"{text}；相差 {rates[high] - rates[low]:.1f} 个百分点，须在自评表中说明原因。"
    return f"{text}，各阶段相差不到 10 个百分点。"


def assessment_sentence(
    total: float, grade: str, rows: pd.DataFrame, budget_points: float, budget_weight: float
) -> str:
    """The grade, and which indicators lost points (they need a reason on the form).

    Args:
        total: The total score.
        grade: 优/良/中/差.
        rows: Scored indicator rows (level3, weight, points).
        budget_points: Points of the budget-execution line.
        budget_weight: Its weight (10).

    Examples:
        >>> rows = pd.DataFrame({"level3": ["参会人数", "签约项目数", "满意度"],
        ...     "weight": [30.0, 30.0, 30.0], "points": [30.0, 24.0, 27.5]})
        >>> assessment_sentence(91.5, "优", rows, 10.0, 10.0)
        '总分91.50，等级优；未得满分的指标 2 个：签约项目数（24/30）、满意度（27.5/30），须在“偏差原因分析及改进措施”中说明。'
        >>> assessment_sentence(100.0, "优", rows.assign(points=rows["weight"]), 10.0, 10.0)
        '总分100.00，等级优；各指标都得满分。'
    """
    lost = [
        (str(r["level3"]), float(r["points"]), float(r["weight"]))
        for _, r in rows.iterrows()
        if pd.notna(r["points"]) and float(r["points"]) < float(r["weight"]) - 1e-9
    ]
    if budget_points < budget_weight - 1e-9:
        lost.insert(0, ("预算执行率", budget_points, budget_weight))
    text = f"总分{total:.2f}，等级{grade}"
    if not lost:
        return f"{text}；各指标都得满分。"

    def points(x: float) -> str:
        return f"{x:.2f}".rstrip("0").rstrip(".")

    listed = "、".join(f"{name}（{points(p)}/{points(w)}）" for name, p, w in lost)
    return f"{text}；未得满分的指标 {len(lost)} 个：{listed}，须在“偏差原因分析及改进措施”中说明。"


def sensitivity_sentence(
    total: float,
    grade: str,
    low: float,
    high: float,
    grades: pd.Series,
    strongest: str | None,
) -> str:
    """How firm a grade is: the range of re-scored totals, the chance of the same grade,
    and the choice that moves the total most.

    Args:
        total: The total on the form.
        grade: Its grade.
        low: Lowest re-scored total.
        high: Highest re-scored total.
        grades: Share of the draws per grade (优, 良, 中, 差).
        strongest: The factor group with the largest total-order index, if any.

    Examples:
        >>> shares = pd.Series({"优": 0.62, "良": 0.38, "中": 0.0, "差": 0.0})
        >>> sensitivity_sentence(91.83, "优", 87.5, 92.0, shares, "定性指标档内位置")
        '按其他评分规则和权重、定性档位的随机变动重算，总分在87.50至92.00之间；62%的情形仍为“优”，38%为“良”；对总分影响最大的是定性指标档内位置。'
        >>> sensitivity_sentence(100.0, "优", 100.0, 100.0, pd.Series({"优": 1.0}), None)
        '按其他评分规则和权重、定性档位的随机变动重算，总分都是100.00，等级都是“优”。'
    """
    lead = "按其他评分规则和权重、定性档位的随机变动重算，"
    if abs(high - low) < 1e-9:
        return f"{lead}总分都是{total:.2f}，等级都是“{grade}”。"
    same = float(grades.get(grade, 0.0))
    others = [
        f"{share:.0%}为“{name}”"
        for name, share in grades.items()
        if name != grade and share > 0.0005
    ]
    text = f"{lead}总分在{low:.2f}至{high:.2f}之间；{same:.0%}的情形仍为“{grade}”"
    if others:
        text += "，" + "、".join(others)
    if strongest:
        text += f"；对总分影响最大的是{strongest}"
    return text + "。"
