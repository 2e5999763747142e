"""Programmes side by side on the measures they share, normalised by budget where known."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.indicators._common import safe_ratio
from analysis.indicators._qualifiers import ratio_qualifier
from analysis.indicators._statistics import normalise
from analysis.measures import MEASURES

#: Units of volumes that scale with money; rates, shares and per-unit figures do not.
VOLUME_UNITS = ("item", "person", "person_time", "organization", "event", "yuan")
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
_ORDER = {code: i for i, code in enumerate(MEASURES)}


def _latest(stats: pd.DataFrame) -> pd.DataFrame:
    # The end year of a period ("2015-2021" → 2021, "2023-10-28" → 2023) ranks the rows.
    end = stats["period"].str.findall(r"(?<!\d)(\d{4})(?!\d)").str[-1]
    ranked = stats.assign(_end=pd.to_numeric(end, errors="coerce").fillna(-1))
    ranked = ranked.sort_values("_end", ascending=False, kind="stable")
    return ranked.drop_duplicates(["programme", "measure"], keep="first").drop(columns="_end")


def compare_programmes(
    statistics: pd.DataFrame,
    measures: Sequence[str] | None = None,
    *,
    min_programmes: int = 2,
) -> pd.DataFrame:
    """Programmes side by side on shared totals, with volumes per 10,000 yuan of budget.

    Uses total rows (blank breakdown) of a statistics long table; derived measures take part
    when the table has them (pass ``with_derived(statistics)``). For each programme and
    measure the row with the latest period (by its last year) is kept. Without ``measures``,
    only measures of at least ``min_programmes`` programmes are shown. ``budget`` is the
    programme's total ``budget_planned`` (latest period); for volumes (counts, persons,
    yuan) ``per_10k_budget`` = value ÷ (budget ÷ 10,000), with ``combine_ratio`` qualifiers;
    rates and per-unit measures are not normalised.

    Args:
        statistics: A statistics long table.
        measures: Measure codes to show (all of them, however many programmes report them).
        min_programmes: Without ``measures``: how many programmes must report a measure.

    Returns:
        Columns programme, period, measure, value, unit, qualifier, budget,
        budget_qualifier, per_10k_budget, per_10k_budget_qualifier; sorted by measure
        (catalogue order) then programme. ``pivot(index="measure", columns="programme",
        values="value")`` gives the side-by-side view.

    Examples:
        >>> s = pd.DataFrame({"programme": ["A", "B", "A"], "period": ["2023"] * 3,
        ...     "measure": ["attendees_onsite", "attendees_onsite", "budget_planned"],
        ...     "value": [300.0, 500.0, 2e5], "qualifier": ["approx", "at_least", "exact"],
        ...     "source": ["a", "b", "a"]})
        >>> c = compare_programmes(s)
        >>> c[["programme", "value", "per_10k_budget", "per_10k_budget_qualifier"]].values.tolist()
        [['A', 300.0, 15.0, 'approx'], ['B', 500.0, nan, nan]]
    """
    stats = normalise(statistics)
    totals = _latest(stats[(stats["breakdown"] == "") & stats["value"].notna()])
    budget = totals.loc[totals["measure"] == "budget_planned", ["programme", "value", "qualifier"]]
    budget = budget.rename(columns={"value": "budget", "qualifier": "budget_qualifier"})
    if measures is not None:
        rows = totals[totals["measure"].isin(list(measures))]
    else:
        reach = totals.groupby("measure")["programme"].transform("nunique")
        rows = totals[reach >= min_programmes]
    rows = rows.merge(budget, on="programme", how="left", validate="many_to_one")
    volume = rows["unit"].isin(VOLUME_UNITS) & ~rows["measure"].str.startswith("budget_")
    rows["per_10k_budget"] = safe_ratio(rows["value"], rows["budget"], 1e4).where(volume)
    rows["per_10k_budget_qualifier"] = ratio_qualifier(
        rows["qualifier"], rows["budget_qualifier"]
    ).where(rows["per_10k_budget"].notna())
    rows["budget_qualifier"] = rows["budget_qualifier"].where(rows["budget"].notna())
    order = rows["measure"].map(_ORDER).fillna(len(_ORDER))
    rows = rows.assign(_order=order).sort_values(["_order", "programme"], kind="stable")
    return rows[list(COMPARE_COLUMNS)].reset_index(drop=True)
