"""Programmes, regions or years side by side on aligned periods: growth, per-unit, peers, nation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.errors import IndicatorInputError
from analysis.indicators._common import safe_ratio
from analysis.indicators._qualifiers import ratio_qualifier
from analysis.indicators._statistics import normalise
from analysis.indicators.growth import growth
from analysis.indicators.national import national_means
from analysis.indicators.peers import percentile_ranks
from analysis.indicators.rollup import rollup, with_derived
from analysis.ledger import Ledger
from analysis.measures import MEASURES
from analysis.quantities import UNIT_LABELS, UNITS, format_quantity

#: Units of volumes that scale with money, events or deals; rates, shares and means do not.
VOLUME_UNITS = ("item", "person", "person_time", "organization", "event", "yuan")
#: What ``by`` may name: the programmes, the regions of ledgers, or the years of each programme.
BY = ("programme", "region", "year")
#: ``per`` → (denominator measure, scale, Chinese label of the per-unit column).
PER = {
    "budget": ("budget_planned", 1e4, "每万元预算"),
    "event": ("events_held", 1.0, "每场活动"),
    "deal": ("deals_signed", 1.0, "每项签约"),
}
COMPARE_COLUMNS = (
    "programme",
    "period",
    "measure",
    "value",
    "unit",
    "qualifier",
    "budget",
    "budget_qualifier",
    "per_10k_budget",
    "per_10k_budget_qualifier",
)
COMPARISON_COLUMNS = (
    "programme",
    "period",
    "measure",
    "measure_zh",
    "breakdown",
    "value",
    "unit",
    "qualifier",
    "display",
    "previous_period",
    "previous",
    "previous_qualifier",
    "change_pct",
    "change_pct_qualifier",
    "per_unit",
    "per_unit_qualifier",
    "percentile",
    "percentile_qualifier",
    "peers",
    "national_mean",
    "vs_national_pct",
    "vs_national_pct_qualifier",
    "national_source",
    "source",
)
#: The "region" of records whose region cell is blank: shown, but never ranked among peers.
UNNAMED_REGION = "未写明地区"
_ORDER = {code: i for i, code in enumerate(MEASURES)}
_KEYS = ["programme", "period", "measure", "breakdown"]
_QUALIFIER_WORDS = {"exact": "", "approx": "约", "at_least": "至少", "at_most": "至多"}


def normalise_period(period: pd.Series) -> pd.Series:
    """Write spans one way (``2021—2023``, ``2021～2023``, ``2021至2023`` → ``2021-2023``).

    Examples:
        >>> normalise_period(pd.Series(["2021—2023", "2021至2023", "2023", "2017-09/2024-07"])
        ...     ).tolist()
        ['2021-2023', '2021-2023', '2023', '2017-09/2024-07']
    """
    text = period.astype("object").fillna("").astype(str).str.strip()
    return text.str.replace(r"^(\d{4})\s*(?:[-–—~～至到]|－)\s*(\d{4})$", r"\1-\2", regex=True)


def _years(period: pd.Series) -> pd.Series:
    single = period.str.fullmatch(r"\d{4}").fillna(False).astype(bool)
    return pd.to_numeric(period.where(single), errors="coerce")


def display(value: pd.Series, unit: pd.Series, qualifier: pd.Series) -> pd.Series:
    """The figure as a report writes it (近300人, 5万余人次), qualifier kept.

    Units of derived measures (天, 元/人 …) and negative values get the number with four
    significant digits and the unit's Chinese label.

    Examples:
        >>> display(pd.Series([300.0, 45.5]), pd.Series(["person", "day"]),
        ...         pd.Series(["approx", "at_least"])).tolist()
        ['近300人', '至少45.5天']
    """
    out = []
    for v, u, q in zip(value, unit, qualifier, strict=True):
        if pd.isna(v):
            out.append("")
        elif u in UNITS and v >= 0:
            out.append(format_quantity(float(v), u, q))
        else:
            word = "%" if u == "percent" else UNIT_LABELS.get(u, u or "")
            out.append(f"{_QUALIFIER_WORDS.get(q, '')}{float(v):.4g}{word}")
    return pd.Series(out, index=value.index, dtype="object")


def by_region(ledger: Ledger) -> Ledger:
    """The ledger with each record's region in place of its programme, to roll up by region.

    Tables without a region (budget, programme sheet, targets) are left empty: money is not
    split between regions by guess. Conversions follow their signing. Records without a
    region are grouped as ``UNNAMED_REGION`` (未写明地区).

    Examples:
        >>> events = pd.DataFrame({"programme": ["P", "P"], "region": ["甲市", "乙市"]})
        >>> by_region(Ledger(events=events)).events["programme"].tolist()
        ['甲市', '乙市']
    """
    tables = {}
    for name in ("events", "signings", "fiveg_cases"):
        table = getattr(ledger, name)
        if "region" in table and "programme" in table:
            region = table["region"].astype("object")
            blank = region.isna() | (region.astype(str).str.strip() == "")
            table = table.assign(programme=region.mask(blank, UNNAMED_REGION))
        tables[name] = table
    return Ledger(conversions=ledger.conversions, **tables)


def statistics_of(data: Ledger | pd.DataFrame, by: str = "programme") -> pd.DataFrame:
    """The statistics long table (derived measures included) of one ledger or statistics table.

    Raises:
        IndicatorInputError: ``by="region"`` for a statistics table (it names no region).

    Examples:
        >>> s = pd.DataFrame({"programme": ["P"], "period": ["2023"],
        ...     "measure": ["budget_planned"], "value": [2e5], "source": ["s"]})
        >>> statistics_of(s)["measure"].tolist()
        ['budget_planned']
    """
    if by not in BY:
        raise IndicatorInputError(f"by 应为 {'/'.join(BY)} 之一: {by!r}")
    if isinstance(data, pd.DataFrame):
        if by == "region":
            raise IndicatorInputError(
                "统计表没有地区列，按地区比较需要台账 (a statistics table names no region; "
                "--by region needs ledgers)"
            )
        return normalise(with_derived(data))
    return normalise(rollup(by_region(data) if by == "region" else data))


def combine_statistics(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """One statistics table from several; a figure given twice is used once (the first input's).

    Examples:
        >>> a = pd.DataFrame({"programme": ["P"], "period": ["2023"], "measure": ["events_held"],
        ...                   "value": [4.0], "source": ["a"]})
        >>> combine_statistics([a, a.assign(value=5.0, source="b")])["source"].tolist()
        ['a']
    """
    parts = [normalise(t) for t in tables]
    if not parts:
        return normalise(pd.DataFrame(columns=_KEYS))
    stats = pd.concat(parts, ignore_index=True)
    stats["period"] = normalise_period(stats["period"])
    return stats.drop_duplicates(_KEYS, keep="first").reset_index(drop=True)


def _span(period: str) -> tuple[int, int] | None:
    parts = normalise_period(pd.Series([period])).iloc[0].split("-")
    if len(parts) == 2 and all(p.isdigit() and len(p) == 4 for p in parts):
        return int(parts[0]), int(parts[1])
    return None


def _aligned(stats: pd.DataFrame, by: str, period: str | None, min_entities: int) -> pd.DataFrame:
    if by == "year":
        years = _years(stats["period"])
        rows = stats[years.notna()]
        if period is not None:
            span = _span(period)
            low, high = (
                span if span else (int(period), int(period)) if period.isdigit() else (0, -1)
            )
            rows = rows[_years(rows["period"]).between(low, high)]
        group, entity = ["programme", "measure", "breakdown"], "period"
    else:
        rows = stats if period is None else stats[stats["period"] == period]
        group, entity = ["period", "measure", "breakdown"], "programme"
    reach = rows.groupby(group, sort=False)[entity].transform("nunique")
    return rows[reach >= (min_entities if period is None or by == "year" else 1)]


def compare(
    statistics: pd.DataFrame,
    *,
    by: str = "programme",
    period: str | None = None,
    per: str | None = None,
    measures: Sequence[str] | None = None,
    min_entities: int = 2,
) -> pd.DataFrame:
    """Figures side by side on aligned periods, with growth, per-unit values, peers and nation.

    Alignment: with ``by`` programme or region, figures sit side by side only when their
    period is the same text (``2023`` beside ``2023``, ``2021-2023`` beside ``2021-2023``):
    never a year beside a span or another year. Without ``period``, a figure (period,
    measure, breakdown) is shown when at least ``min_entities`` programmes report it; with
    ``period``, every programme's figure of that period is shown. With ``by="year"`` the
    single years of each programme sit side by side (spans are left out; ``period``
    ``2021-2023`` picks those years).

    For each row: ``previous``/``change_pct`` are the value of the calendar year before
    (single-year periods only; see ``growth``); ``per_unit`` divides volumes (counts,
    persons, 元) by the same programme's and period's budget in 万元 (``per="budget"``),
    events held (``"event"``) or deals signed (``"deal"``), qualifiers by ``combine_ratio``;
    ``percentile`` is the row's position among the compared entities of its group
    (``percentile_ranks``); ``national_mean`` and ``vs_national_pct`` set a mean deal value
    by mode (转让, 许可, 作价投资) against the national mean of the same year
    (``against_national``).

    Args:
        statistics: A statistics long table (``statistics_of`` / ``combine_statistics``).
        by: ``programme``, ``region`` (the table's programme column holds regions) or ``year``.
        period: ``"2023"`` or ``"2021-2023"``; default: every period shared (see above).
        per: ``budget``, ``event``, ``deal`` or None.
        measures: Measure codes to show (default: all).
        min_entities: Without ``period``: how many programmes (or years) must share a figure.

    Returns:
        Columns ``COMPARISON_COLUMNS``, sorted by measure (catalogue order), breakdown
        (total first), period, then programme in input order; ``attrs["periods"]`` maps each
        programme to the periods it reports.
        ``side_by_side(result)`` gives the wide view.

    Examples:
        >>> s = pd.DataFrame({"programme": ["A", "A", "B", "B", "A"],
        ...     "period": ["2023", "2021-2023", "2023", "2023", "2022"],
        ...     "measure": ["events_held", "events_held", "events_held", "budget_planned",
        ...                 "events_held"],
        ...     "value": [4.0, 9.0, 12.0, 3e5, 2.0], "qualifier": "exact", "source": "s"})
        >>> c = compare(s, per="budget")
        >>> c[["programme", "period", "value", "change_pct", "per_unit", "percentile"]
        ...   ].values.tolist()
        [['A', '2023', 4.0, 100.0, nan, 0.0], ['B', '2023', 12.0, nan, 0.4, 100.0]]
    """
    if by not in BY:
        raise IndicatorInputError(f"by 应为 {'/'.join(BY)} 之一: {by!r}")
    if per is not None and per not in PER:
        raise IndicatorInputError(f"per 应为 {'/'.join(PER)} 之一: {per!r}")
    stats = normalise(statistics)
    stats["period"] = normalise_period(stats["period"])
    stats = stats[stats["value"].notna()].drop_duplicates(_KEYS, keep="first")
    wanted = stats if measures is None else stats[stats["measure"].isin(list(measures))]
    period = None if period is None else normalise_period(pd.Series([str(period)])).iloc[0]
    rows = _aligned(wanted, by, period, min_entities).copy()

    changes = growth(stats, period="period", keys=["programme", "measure", "breakdown", "unit"])
    changes = changes[[*_KEYS, "previous", "previous_qualifier", "change_pct"]].assign(
        change_pct_qualifier=changes["change_pct_qualifier"]
    )
    rows = rows.merge(changes, on=_KEYS, how="left")
    year = _years(rows["period"])
    rows["previous_period"] = (
        (year - 1).astype("Int64").astype("string").where(rows["previous"].notna())
    )

    rows["per_unit"], rows["per_unit_qualifier"] = np.nan, None
    if per is not None:
        code, scale, _ = PER[per]
        den = stats[(stats["measure"] == code) & (stats["breakdown"] == "")]
        den = den[["programme", "period", "value", "qualifier"]].rename(
            columns={"value": "_den", "qualifier": "_den_q"}
        )
        rows = rows.merge(den, on=["programme", "period"], how="left")
        volume = rows["unit"].isin(VOLUME_UNITS) & (rows["measure"] != code)
        if per == "budget":
            volume &= ~rows["measure"].str.startswith("budget_")
        # per 万元: value ÷ (budget ÷ 10,000)
        rows["per_unit"] = safe_ratio(rows["value"], rows["_den"] / scale).where(volume)
        rows["per_unit_qualifier"] = ratio_qualifier(
            rows["qualifier"], rows["_den_q"].fillna("exact")
        ).where(rows["per_unit"].notna())
        rows = rows.drop(columns=["_den", "_den_q"])

    entity = "period" if by == "year" else "programme"
    keys = (
        ["programme", "measure", "breakdown"]
        if by == "year"
        else ["period", "measure", "breakdown"]
    )
    # Records without a region are no peer: they are shown but not ranked.
    ranked = rows["programme"] != UNNAMED_REGION if by == "region" else rows["programme"].notna()
    rows = pd.concat(
        [percentile_ranks(rows[ranked], keys=keys, entity=entity), rows[~ranked]]
    ).sort_index()

    national = national_means()[["period", "breakdown", "national_mean", "national_source"]]
    rows = rows.merge(national, on=["period", "breakdown"], how="left")
    mean_deal = rows["measure"] == "deal_value_mean"
    rows["national_mean"] = rows["national_mean"].where(mean_deal)
    rows["national_source"] = rows["national_source"].where(mean_deal)
    rows["vs_national_pct"] = safe_ratio(rows["value"], rows["national_mean"], 100)
    rows["vs_national_pct_qualifier"] = ratio_qualifier(rows["qualifier"], "exact").where(
        rows["vs_national_pct"].notna()
    )

    rows["measure_zh"] = rows["measure"].map({c: m.zh for c, m in MEASURES.items()}).fillna("")
    rows["display"] = display(rows["value"], rows["unit"], rows["qualifier"])
    first_seen = {p: i for i, p in enumerate(dict.fromkeys(stats["programme"]))}
    rows = rows.assign(
        _m=rows["measure"].map(_ORDER).fillna(len(_ORDER)),
        _b=(rows["breakdown"] != "").astype("int8"),
        _p=rows["programme"].map(first_seen),
        # Breakdowns keep their input order (第一…第五阶段, Article-16 modes), not text order.
        _d=rows.groupby("measure", sort=False)["breakdown"].transform(
            lambda b: pd.Series(pd.factorize(b)[0], index=b.index)
        ),
    )
    order = ["_m", "_b", "_d", "period", "_p"]
    if by == "year":
        order = ["_p", "_m", "_b", "_d", "period"]
    rows = rows.sort_values(order, kind="stable")
    out = rows[list(COMPARISON_COLUMNS)].reset_index(drop=True)
    # What each input reports, for the message when nothing aligns.
    out.attrs["periods"] = {
        str(p): sorted(set(g)) for p, g in stats.groupby("programme", sort=False)["period"]
    }
    return out


def side_by_side(comparison: pd.DataFrame, by: str = "programme", column: str = "display"):
    """The wide view of ``compare``: one row per figure, one column per programme (or year).

    Examples:
        >>> c = pd.DataFrame({"programme": ["A", "B"], "period": "2023",
        ...     "measure": "events_held", "measure_zh": "活动场次", "breakdown": "",
        ...     "display": ["4场", "12场"]})
        >>> side_by_side(c).values.tolist()
        [['4场', '12场']]
    """
    entity = "period" if by == "year" else "programme"
    index = ["programme" if by == "year" else "period", "measure_zh", "breakdown"]
    wide = comparison.pivot_table(
        index=index, columns=entity, values=column, aggfunc="first", sort=False
    )
    wide.columns.name = None
    return wide


def compare_sources(
    sources: Sequence[Ledger | pd.DataFrame],
    *,
    by: str = "programme",
    period: str | None = None,
    per: str | None = None,
    measures: Sequence[str] | None = None,
) -> pd.DataFrame:
    """``compare`` over loaded ledgers and statistics tables, in the order given.

    Examples:
        >>> a = pd.DataFrame({"programme": ["A"], "period": ["2023"],
        ...     "measure": ["events_held"], "value": [4.0], "source": ["a"]})
        >>> compare_sources([a, a.assign(programme="B", value=6.0)])["value"].tolist()
        [4.0, 6.0]
    """
    stats = combine_statistics([statistics_of(s, by) for s in sources])
    return compare(stats, by=by, period=period, per=per, measures=measures)


def _latest(stats: pd.DataFrame) -> pd.DataFrame:
    # The end year of a period ("2015-2021" → 2021, "2023-10-28" → 2023) ranks the rows.
    end = stats["period"].str.findall(r"(?<!\d)(\d{4})(?!\d)").str[-1]
    ranked = stats.assign(_end=pd.to_numeric(end, errors="coerce").fillna(-1))
    ranked = ranked.sort_values("_end", ascending=False, kind="stable")
    return ranked.drop_duplicates(["programme", "measure"], keep="first").drop(columns="_end")


def _latest_shared(stats: pd.DataFrame, min_programmes: int) -> pd.DataFrame:
    # Per measure, the latest period that at least min_programmes programmes report.
    reach = stats.groupby(["measure", "period"])["programme"].transform("nunique")
    shared = stats[reach >= min_programmes]
    end = shared["period"].str.findall(r"(?<!\d)(\d{4})(?!\d)").str[-1]
    ranked = shared.assign(_end=pd.to_numeric(end, errors="coerce").fillna(-1))
    best = ranked.groupby("measure")["_end"].transform("max")
    ranked = ranked[ranked["_end"] == best]
    # Two periods ending the same year (2023 and 2021-2023): the single year wins.
    ranked = ranked.assign(_span=~ranked["period"].str.fullmatch(r"\d{4}"))
    first = ranked.groupby("measure")["_span"].transform("min")
    return ranked[ranked["_span"] == first].drop(columns=["_end", "_span"])


def compare_programmes(
    statistics: pd.DataFrame,
    measures: Sequence[str] | None = None,
    *,
    min_programmes: int = 2,
    period: str = "aligned",
) -> pd.DataFrame:
    """Programmes side by side on shared totals, with volumes per 10,000 yuan of budget.

    Uses total rows (blank breakdown) of a statistics long table; derived measures take part
    when the table has them (pass ``with_derived(statistics)``). Which period:

    - ``"aligned"`` (default): per measure, the latest period that at least
      ``min_programmes`` programmes report, and only those programmes: a year is never set
      beside a span or another year (a single year wins over a span ending that year);
    - ``"latest"``: each programme's own latest period (by its last year), for a catalogue
      of what each reports; the ``period`` column says which, and they may differ;
    - a period text (``"2023"``, ``"2021-2023"``): that period only.

    ``budget`` is the programme's total ``budget_planned`` of the same period; for volumes
    (counts, persons, yuan) ``per_10k_budget`` = value ÷ (budget ÷ 10,000), with
    ``combine_ratio`` qualifiers; rates and per-unit measures are not normalised.

    Args:
        statistics: A statistics long table.
        measures: Measure codes to show.
        min_programmes: How many programmes must report a measure (``"aligned"`` and, without
            ``measures``, ``"latest"``).
        period: ``"aligned"``, ``"latest"`` or a period.

    Returns:
        Columns programme, period, measure, value, unit, qualifier, budget,
        budget_qualifier, per_10k_budget, per_10k_budget_qualifier; sorted by measure (catalogue
        order) then programme.

    Examples:
        >>> s = pd.DataFrame({"programme": ["A", "B", "A", "B"],
        ...     "period": ["2023", "2023", "2023", "2021-2023"],
        ...     "measure": ["attendees_onsite", "attendees_onsite", "budget_planned",
        ...                 "budget_planned"],
        ...     "value": [300.0, 500.0, 2e5, 6e5], "qualifier": ["approx", "at_least", "exact",
        ...     "exact"], "source": ["a", "b", "a", "b"]})
        >>> c = compare_programmes(s)
        >>> c[["programme", "value", "per_10k_budget", "per_10k_budget_qualifier"]].values.tolist()
        [['A', 300.0, 15.0, 'approx'], ['B', 500.0, nan, nan]]
    """
    stats = normalise(statistics)
    stats["period"] = normalise_period(stats["period"])
    totals = stats[(stats["breakdown"] == "") & stats["value"].notna()]
    totals = totals.drop_duplicates(["programme", "period", "measure"], keep="first")
    budget = totals.loc[
        totals["measure"] == "budget_planned", ["programme", "period", "value", "qualifier"]
    ].rename(columns={"value": "budget", "qualifier": "budget_qualifier"})
    pool = totals if measures is None else totals[totals["measure"].isin(list(measures))]
    if period == "aligned":
        rows = _latest_shared(pool, min_programmes)
    elif period == "latest":
        rows = _latest(pool)
        if measures is None:
            reach = rows.groupby("measure")["programme"].transform("nunique")
            rows = rows[reach >= min_programmes]
    else:
        rows = pool[pool["period"] == normalise_period(pd.Series([str(period)])).iloc[0]]
    rows = rows.merge(budget, on=["programme", "period"], how="left", validate="many_to_one")
    volume = rows["unit"].isin(VOLUME_UNITS) & ~rows["measure"].str.startswith("budget_")
    rows["per_10k_budget"] = safe_ratio(rows["value"], rows["budget"], 1e4).where(volume)
    rows["per_10k_budget_qualifier"] = ratio_qualifier(
        rows["qualifier"], rows["budget_qualifier"].fillna("exact")
    ).where(rows["per_10k_budget"].notna())
    rows["budget_qualifier"] = rows["budget_qualifier"].where(rows["budget"].notna())
    order = rows["measure"].map(_ORDER).fillna(len(_ORDER))
    rows = rows.assign(_order=order).sort_values(["_order", "programme"], kind="stable")
    return rows[list(COMPARE_COLUMNS)].reset_index(drop=True)
