"""Sentences for notebook 09, computed from compare() tables: growth, peers, national means."""

from __future__ import annotations

import math

import pandas as pd

#: How a qualified percentage is written (a ratio of bounds is rarely a bound itself).
_PCT_WORDS = {"exact": "", "approx": "约", "at_least": "至少", "at_most": "至多"}


def _pct(value: float, qualifier: str | None = "exact") -> str:
    return f"{_PCT_WORDS.get(qualifier or 'exact', '')}{value:.0f}%"


def _signed_pct(value: float, qualifier: str | None = "exact") -> str:
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{_PCT_WORDS.get(qualifier or 'exact', '')}{sign}{abs(value):.1f}%"


def growth_sentence(rows: pd.DataFrame) -> str:
    """One sentence on the change of each figure from the year before.

    Args:
        rows: ``compare`` rows of one programme and one year, with ``measure_zh``,
            ``display``, ``unit``, ``value``, ``previous``, ``previous_period``,
            ``change_pct`` and ``change_pct_qualifier``. Rates (unit percent) change in
            percentage points (个百分点), other figures in percent.

    Examples:
        >>> r = pd.DataFrame({"period": "2023", "measure_zh": ["活动场次", "签约数", "落地率"],
        ...     "display": ["107场", "695个", "31.8%"], "previous_period": "2022",
        ...     "unit": ["event", "item", "percent"], "value": [107.0, 695.0, 31.8],
        ...     "previous": [95.0, 716.0, 49.1], "change_pct": [12.63, -3.0, -35.2],
        ...     "change_pct_qualifier": ["exact", "approx", "exact"]})
        >>> growth_sentence(r)
        '2023年与2022年相比：活动场次107场（+12.6%），签约数695个（约−3.0%），落地率31.8%（−17.3个百分点）。'
    """
    rows = rows[rows["change_pct"].notna()]
    if rows.empty:
        return "没有上一年的数字可比，增长率从略。"
    year, before = rows["period"].iloc[0], rows["previous_period"].iloc[0]
    parts = []
    for r in rows.itertuples():
        if getattr(r, "unit", None) == "percent":
            # A rate's change is a difference in percentage points, not a ratio of rates.
            points = r.value - r.previous
            change = (
                f"{'+' if points > 0 else ('−' if points < 0 else '±')}{abs(points):.1f}个百分点"
            )
            change = _PCT_WORDS.get(r.change_pct_qualifier or "exact", "") + change
        else:
            change = _signed_pct(r.change_pct, r.change_pct_qualifier)
        parts.append(f"{r.measure_zh}{r.display}（{change}）")
    return f"{year}年与{before}年相比：" + "，".join(parts) + "。"


def peer_sentence(rows: pd.DataFrame, noun: str = "项目") -> str:
    """Who is highest and lowest in a peer group, with percentiles.

    Args:
        rows: ``compare`` rows of one (period, measure, breakdown) group.
        noun: What the entities are (项目, 地区).

    Examples:
        >>> r = pd.DataFrame({"programme": ["甲市", "乙市", "丙市"], "period": "2023",
        ...     "measure_zh": "签约项目数", "value": [30.0, 10.0, 20.0],
        ...     "display": ["30个", "10个", "20个"], "percentile": [100.0, 0.0, 50.0],
        ...     "percentile_qualifier": "exact"})
        >>> peer_sentence(r, "地区")
        '2023年签约项目数：3个地区中甲市最高（30个，百分位100），乙市最低（10个，百分位0）。'
    """
    rows = rows[rows["value"].notna()]
    if len(rows) < 2:
        return f"可比的{noun}不足两个，百分位从略。"
    top = rows.loc[rows["value"].idxmax()]
    low = rows.loc[rows["value"].idxmin()]
    approx = "约" if (rows["percentile_qualifier"] == "approx").any() else ""
    text = (
        f"{top['period']}年{top['measure_zh']}：{len(rows)}个{noun}中{top['programme']}最高"
        f"（{top['display']}，百分位{approx}{top['percentile']:.0f}），"
        f"{low['programme']}最低（{low['display']}，百分位{approx}{low['percentile']:.0f}）。"
    )
    if top["value"] == low["value"]:
        text = (
            f"{top['period']}年{top['measure_zh']}：{len(rows)}个{noun}相同（{top['display']}）。"
        )
    return text


def national_sentence(rows: pd.DataFrame) -> str:
    """A programme's mean deal by mode against the national mean, one clause per mode.

    Args:
        rows: ``against_national`` rows of one programme and year.

    Examples:
        >>> r = pd.DataFrame({"period": ["2023"], "breakdown": ["转让"], "value": [489118.1],
        ...     "qualifier": ["exact"], "deals": [282.0], "national_mean": [461000.0],
        ...     "vs_national_pct": [106.1], "vs_national_pct_qualifier": ["exact"]})
        >>> national_sentence(r)
        '2023年平均每项合同金额：转让48.91万元（282项），为全国高校院所均值46.1万元的106%。'
    """
    from analysis.quantities import format_quantity

    if rows.empty:
        return "没有与全国数据同年的分方式平均合同金额，本节从略。"
    parts = []
    for r in rows.itertuples():
        deals = "" if r.deals is None or math.isnan(r.deals) else f"（{r.deals:.0f}项）"
        parts.append(
            f"{r.breakdown}{format_quantity(r.value, 'yuan', r.qualifier)}{deals}，"
            f"为全国高校院所均值{format_quantity(r.national_mean, 'yuan')}的"
            f"{_pct(r.vs_national_pct, r.vs_national_pct_qualifier)}"
        )
    return f"{rows['period'].iloc[0]}年平均每项合同金额：" + "；".join(parts) + "。"
