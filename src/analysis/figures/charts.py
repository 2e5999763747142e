"""Thin house-styled chart helpers over tidy data; each returns ``(fig, ax)``."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from analysis.figures.labels import label
from analysis.figures.style import GREY, PALETTE, resolve_lang
from analysis.figures.units import (
    choose_yuan_scale,
    format_number,
    format_yuan,
    unit_label,
    yuan_formatter,
)


def _axes(ax):
    if ax is None:
        return plt.subplots()
    return ax.figure, ax


def _series(values, name: str) -> pd.Series:
    """A float Series from a Series or a mapping, keeping its order."""
    series = values if isinstance(values, pd.Series) else pd.Series(dict(values), dtype=float)
    if series.empty:
        raise ValueError(f"{name} is empty: nothing to draw")
    return series.astype(float)


def _rows(df: pd.DataFrame, y: str) -> pd.DataFrame:
    """``df`` when it has a value of ``y`` to draw; an empty table would give bare axes.

    Examples:
        >>> _rows(pd.DataFrame({"n": [float("nan")]}), "n")
        Traceback (most recent call last):
        ...
        ValueError: n has no value: nothing to draw
    """
    if df.empty or df[y].isna().all():
        raise ValueError(f"{y} has no value: nothing to draw")
    return df


def _tick_labels(keys, lang: str) -> list[str]:
    return [label(k, lang, strict=False) for k in keys]


def amount_axis_label(unit: str, lang: str) -> str:
    """Axis label for amounts: ``金额（万元）`` or ``Amount (10,000 yuan)``.

    Examples:
        >>> amount_axis_label("亿元", "zh"), amount_axis_label("万元", "en")
        ('金额（亿元）', 'Amount (10,000 yuan)')
    """
    if lang == "zh":
        return f"{label('amount', lang)}（{unit}）"
    return f"{label('amount', lang)} ({unit_label(unit, lang)})"


def axes_title(ax) -> str:
    """The title of ``ax``, wherever it is placed (the house style puts it on the left).

    Examples:
        >>> fig, ax = plt.subplots()
        >>> _ = ax.set_title("标题", loc="left")
        >>> axes_title(ax)
        '标题'
        >>> plt.close(fig)
    """
    return "".join(ax.get_title(loc) for loc in ("left", "center", "right"))


def _finish(ax, title, xlabel, ylabel):
    if title:
        ax.set_title(title)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)


def bar_by_category(
    df: pd.DataFrame,
    x: str,
    y: str,
    *,
    lang: str | None = None,
    horizontal: bool = False,
    value_format: Callable[[float], str] | None = None,
    title: str | None = None,
    ax=None,
):
    """Bars of ``df[y]`` for each category ``df[x]``, labelled with their values.

    Category codes and column names known to ``analysis.figures.labels`` are
    shown in ``lang``; other values are shown as they are.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"event_type": ["matchmaking", "roadshow"], "count": [3, 5]})
        >>> fig, ax = bar_by_category(df, "event_type", "count", lang="zh")
        >>> [t.get_text() for t in ax.get_xticklabels()], ax.get_ylabel()
        (['对接会', '路演'], '数量')
        >>> plt.close(fig)
    """
    lang = resolve_lang(lang)
    df = _rows(df, y)
    fig, ax = _axes(ax)
    names = _tick_labels(df[x], lang)
    values = df[y].astype(float).to_numpy()
    fmt = value_format or (lambda v: format_number(v, 2))
    if horizontal:
        bars = ax.barh(names, values, color=PALETTE[0])
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        _finish(ax, title, label(y, lang, strict=False), label(x, lang, strict=False))
    else:
        bars = ax.bar(names, values, color=PALETTE[0])
        _finish(ax, title, label(x, lang, strict=False), label(y, lang, strict=False))
    ax.bar_label(bars, labels=[fmt(v) for v in values], padding=2)
    return fig, ax


def amount_bars(
    values_in_yuan,
    *,
    unit: str = "auto",
    lang: str | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    ax=None,
):
    """Bars of amounts given in yuan, on an axis in 万元 or 亿元, each bar labelled.

    Args:
        values_in_yuan: Series or mapping, category → amount in yuan, in display order.
        unit: ``"万元"``, ``"亿元"`` or ``"auto"`` (``choose_yuan_scale``).

    Examples:
        >>> fig, ax = amount_bars({"第一阶段": 20_000, "第二阶段": 50_000}, lang="zh")
        >>> ax.get_ylabel(), [t.get_text() for t in ax.texts if t.get_text()]
        ('金额（万元）', ['2万元', '5万元'])
        >>> plt.close(fig)
    """
    lang = resolve_lang(lang)
    series = _series(values_in_yuan, "values_in_yuan")
    if unit == "auto":
        unit = choose_yuan_scale(series)[0]
    fig, ax = _axes(ax)
    bars = ax.bar(_tick_labels(series.index, lang), series.to_numpy(), color=PALETTE[0])
    ax.yaxis.set_major_formatter(yuan_formatter(unit))
    ax.bar_label(bars, labels=[format_yuan(v, unit) for v in series], padding=2)
    _finish(ax, title, xlabel, amount_axis_label(unit, lang))
    return fig, ax


def budget_bars(
    planned,
    spent,
    *,
    unit: str = "auto",
    lang: str | None = None,
    title: str | None = None,
    ax=None,
):
    """Planned against spent budget per item, grouped bars, execution rate above each pair.

    Items are the union of both indexes in ``planned`` order; an item without a
    spent amount (NaN) gets no rate.

    Examples:
        >>> import pandas as pd
        >>> fig, ax = budget_bars(pd.Series({"会务": 100_000}), pd.Series({"会务": 80_000}))
        >>> [t.get_text() for t in ax.texts]
        ['执行率 80.0%']
        >>> plt.close(fig)
    """
    lang = resolve_lang(lang)
    plan = _series(planned, "planned")
    done = _series(spent, "spent")
    items = plan.index.union(done.index, sort=False)
    plan, done = plan.reindex(items), done.reindex(items)
    if unit == "auto":
        unit = choose_yuan_scale([*plan, *done])[0]
    fig, ax = _axes(ax)
    pos = np.arange(len(plan))
    width = 0.38
    ax.bar(pos - width / 2, plan.to_numpy(), width, label=label("planned", lang), color=PALETTE[0])
    ax.bar(pos + width / 2, done.to_numpy(), width, label=label("spent", lang), color=PALETTE[1])
    ax.set_xticks(pos, _tick_labels(plan.index, lang))
    ax.yaxis.set_major_formatter(yuan_formatter(unit))
    rate_word = label("execution_rate", lang)
    for i, (p, s) in enumerate(zip(plan, done, strict=True)):
        if p > 0 and not np.isnan(s):
            top = np.nanmax([p, s])
            ax.annotate(
                f"{rate_word} {s / p:.1%}",
                (pos[i], top),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
            )
    ax.legend()
    ax.margins(y=0.12)
    _finish(ax, title, None, amount_axis_label(unit, lang))
    return fig, ax


def funnel_bars(stage_counts, *, lang: str | None = None, title: str | None = None, ax=None):
    """Horizontal bars for funnel stages, top to bottom, with each stage's share of the one before.

    Args:
        stage_counts: Series or mapping, stage (code or text) → count, in funnel order.

    Examples:
        >>> fig, ax = funnel_bars({"deals_intention": 40, "deals_signed": 18, "deals_converted": 9})
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['意向项目数', '签约项目数', '转化落地项目数']
        >>> [t.get_text() for t in ax.texts]
        ['40', '18（占上一阶段 45.0%）', '9（占上一阶段 50.0%）']
        >>> plt.close(fig)
    """
    lang = resolve_lang(lang)
    series = _series(stage_counts, "stage_counts")
    fig, ax = _axes(ax)
    names = _tick_labels(series.index, lang)
    ax.barh(names, series.to_numpy(), color=PALETTE[0])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    share = label("share_of_previous", lang)
    previous = None
    for i, value in enumerate(series):
        text = format_number(value, 2)
        if previous:
            rate = f"{value / previous:.1%}"
            text += f"（{share} {rate}）" if lang == "zh" else f" ({rate} {share})"
        ax.annotate(
            text, (value, i), xytext=(4, 0), textcoords="offset points", va="center", fontsize=9
        )
        previous = value
    ax.margins(x=0.3)
    _finish(ax, title, label("count", lang), None)
    return fig, ax


def coverage_bars(
    section_coverage: pd.DataFrame,
    *,
    total: int | None = None,
    lang: str | None = None,
    title: str | None = None,
    ax=None,
):
    """Divisions covered out of divisions in each GB/T 4754 section (A–T), stacked bars.

    Args:
        section_coverage: One row per section with columns ``section`` (letter),
            ``covered`` and ``total`` (division counts) and optionally
            ``section_name`` (shown with the letter in Chinese figures).
        total: Divisions in the classification (97 in GB/T 4754-2017); default the
            sum of ``total``.
        title: Default: covered / total divisions and the share.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"section": ["A", "C"], "covered": [1, 10], "total": [5, 31]})
        >>> fig, ax = coverage_bars(df, total=97, lang="en")
        >>> axes_title(ax)
        'Divisions covered: 11 of 97 (11.3%)'
        >>> plt.close(fig)
    """
    lang = resolve_lang(lang)
    missing = {"section", "covered", "total"} - set(section_coverage.columns)
    if missing:
        raise ValueError(f"section_coverage lacks columns {sorted(missing)}")
    df = section_coverage.sort_values("section")
    if (df["covered"] > df["total"]).any():
        bad = df.loc[df["covered"] > df["total"], "section"].tolist()
        raise ValueError(f"covered exceeds total in sections {bad}")
    if lang == "zh" and "section_name" in df.columns:
        names = [f"{s} {n}" for s, n in zip(df["section"], df["section_name"], strict=True)]
    else:
        names = df["section"].astype(str).tolist()
    covered = df["covered"].astype(float).to_numpy()
    rest = df["total"].astype(float).to_numpy() - covered
    fig, ax = _axes(ax)
    ax.barh(names, covered, color=PALETTE[2], label=label("covered", lang))
    ax.barh(names, rest, left=covered, color=GREY, alpha=0.35, label=label("not_covered", lang))
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="lower right")
    n_total = int(df["total"].sum()) if total is None else total
    n_covered = int(df["covered"].sum())
    if title is None:
        share = f"{n_covered / n_total:.1%}" if n_total else "—"
        if lang == "zh":
            title = f"覆盖行业大类 {n_covered}/{n_total}（{share}）"
        else:
            title = f"Divisions covered: {n_covered} of {n_total} ({share})"
    _finish(ax, title, label("division_count", lang), None)
    return fig, ax


def line_over_time(
    df: pd.DataFrame,
    x: str,
    y: str,
    hue: str | None = None,
    *,
    yuan: bool = False,
    lang: str | None = None,
    title: str | None = None,
    ax=None,
):
    """Lines with markers of ``y`` over ``x`` (sorted), one line per ``hue`` group.

    Args:
        yuan: ``y`` is an amount in yuan: the axis is shown in 万元 or 亿元.

    Examples:
        >>> import pandas as pd
        >>> df = pd.DataFrame({"year": [2023, 2022], "deals_signed": [12, 8]})
        >>> fig, ax = line_over_time(df, "year", "deals_signed", lang="en")
        >>> ax.lines[0].get_xdata().tolist(), ax.get_ylabel()
        ([2022, 2023], 'deals signed')
        >>> plt.close(fig)
    """
    lang = resolve_lang(lang)
    df = _rows(df, y)
    fig, ax = _axes(ax)
    groups = [(None, df)] if hue is None else list(df.groupby(hue, sort=True))
    for i, (key, part) in enumerate(groups):
        part = part.sort_values(x)
        ax.plot(
            part[x].to_numpy(),
            part[y].astype(float).to_numpy(),
            marker="o",
            color=PALETTE[i % len(PALETTE)],
            label=None if key is None else label(key, lang, strict=False),
        )
    if hue is not None:
        ax.legend(title=label(hue, lang, strict=False))
    if df[x].dtype.kind in "iu":
        ax.set_xticks(sorted(df[x].unique()))
    ylabel = label(y, lang, strict=False)
    if yuan:
        unit = choose_yuan_scale(df[y].astype(float))[0]
        ax.yaxis.set_major_formatter(yuan_formatter(unit))
        ylabel = f"{ylabel}（{unit}）" if lang == "zh" else f"{ylabel} ({unit_label(unit, lang)})"
    _finish(ax, title, label(x, lang, strict=False), ylabel)
    return fig, ax


#: Grade names in English, best first (the Chinese ones are the grades themselves).
_GRADES_EN = {"优": "excellent", "良": "good", "中": "fair", "差": "poor"}


def score_distribution(
    totals,
    grade_bounds: tuple[float, float, float] = (90.0, 80.0, 60.0),
    *,
    score: float | None = None,
    lang: str | None = None,
    title: str | None = None,
    ax=None,
):
    """Histogram of re-scored totals over the grade bands (优/良/中/差), the form's total marked.

    Args:
        totals: The totals of the draws (a sequence or Series).
        grade_bounds: Lowest total of 优, 良 and 中 (``Rules.grade_bounds``).
        score: The total on the form, drawn as a vertical line.

    Examples:
        >>> fig, ax = score_distribution([84.0, 86.5, 91.0, 91.0], score=88.0)
        >>> [t.get_text() for t in ax.texts]  # the bands the range 82–93 reaches
        ['优（≥90）', '良（≥80）']
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('总分', '抽样次数')
        >>> plt.close(fig)
    """
    lang = resolve_lang(lang)
    values = np.asarray(pd.Series(totals, dtype=float).dropna())
    if values.size == 0:
        raise ValueError("score_distribution needs at least one total")
    fig, ax = _axes(ax)
    low = min(float(values.min()), score if score is not None else values.min())
    high = max(float(values.max()), score if score is not None else values.max())
    pad = max(2.0, (high - low) * 0.15)
    left, right = max(0.0, low - pad), min(100.0, high + pad)
    if right <= left:
        left, right = max(0.0, right - 4.0), min(100.0, left + 4.0)
    edges = (100.0, *grade_bounds, 0.0)
    names = ("优", "良", "中", "差")
    colours = (PALETTE[2], PALETTE[0], PALETTE[1], GREY)
    for name, top, bottom, colour in zip(names, edges[:-1], edges[1:], colours, strict=True):
        if bottom >= right or top <= left:
            continue  # a band outside the range drawn gets neither shade nor name
        ax.axvspan(bottom, top, color=colour, alpha=0.12, lw=0)
        middle = (max(bottom, left) + min(top, right)) / 2
        shown = name if lang == "zh" else _GRADES_EN[name]
        # Inside the axes, under the top edge: above it the name would meet the title.
        ax.text(
            middle,
            0.97,
            f"{shown}（≥{bottom:g}）" if bottom > 0 else shown,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=10,
        )
    bins = np.linspace(left, right, 31)
    ax.hist(values, bins=bins, color=PALETTE[0], alpha=0.85)
    if score is not None:
        ax.axvline(score, color="black", lw=1.2, ls="--", label=label("score_on_form", lang))
        ax.legend(loc="upper left", frameon=False, fontsize=9)
    ax.set_xlim(left, right)
    ax.grid(axis="x", visible=False)
    _finish(ax, title, label("total_score", lang), label("draws", lang))
    return fig, ax
