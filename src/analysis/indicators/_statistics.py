"""Derived measures on the statistics long table: ratios of reported figures, qualifiers kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.indicators._common import STAT_COLUMNS, as_float, safe_ratio
from analysis.indicators._qualifiers import ratio_qualifier
from analysis.measures import MEASURES

_KEYS = ["programme", "period", "breakdown"]
_ORDER = {code: i for i, code in enumerate(MEASURES)}


@dataclass(frozen=True)
class Ratio:
    """``out = numerator / denominator × scale``, matched on programme, period and breakdown.

    Attributes:
        out: Measure code of the result.
        numerator: Measure code on top.
        denominator: Measure code below, or ``None`` when ``constant`` is used.
        scale: Factor (100 for percentages).
        constant: An exact denominator (97 divisions) instead of a measure; only totals
            (blank breakdown) are divided by it.
        against_total: Divide each breakdown row by the programme's total row (breakdown
            blank), as for a phase's share of the budget.
    """

    out: str
    numerator: str
    denominator: str | None
    scale: float = 1.0
    constant: float | None = None
    against_total: bool = False


def normalise(stats: pd.DataFrame) -> pd.DataFrame:
    """Return the statistics columns with text keys, float values and a qualifier everywhere.

    A blank breakdown becomes ``""`` so that totals match each other; a blank qualifier is
    taken as exact; a blank unit is the measure's unit from the catalogue.

    Examples:
        >>> s = pd.DataFrame({"programme": ["P"], "period": [2023], "measure": ["deal_value"],
        ...                   "value": ["5"], "source": ["x"]})
        >>> row = normalise(s).iloc[0]
        >>> row["period"], row["breakdown"], float(row["value"]), row["qualifier"]
        ('2023', '', 5.0, 'exact')
    """
    out = pd.DataFrame(index=stats.index)
    for name in STAT_COLUMNS:
        column = stats[name] if name in stats else pd.Series(pd.NA, index=stats.index)
        if name == "value":
            out[name] = as_float(column)
            continue
        if name == "period" and pd.api.types.is_numeric_dtype(column):
            # Years read as numbers (2023.0 when a cell is blank) must read "2023".
            column = column.astype("Float64").round().astype("Int64")
        out[name] = column.astype("object").where(column.notna(), "").astype(str)
    out["qualifier"] = out["qualifier"].mask(out["qualifier"] == "", "exact")
    catalogue_unit = out["measure"].map({c: m.unit or "" for c, m in MEASURES.items()})
    out["unit"] = out["unit"].mask(out["unit"] == "", catalogue_unit.fillna(""))
    return out.reset_index(drop=True)


def _one_per_key(rows: pd.DataFrame) -> pd.DataFrame:
    # A figure reported twice (two sources) is used once: the first, in input order.
    return rows.drop_duplicates(subset=[*_KEYS, "measure"], keep="first")


def apply_ratio(stats: pd.DataFrame, rule: Ratio) -> pd.DataFrame:
    """Rows of ``rule.out`` derivable from normalised ``stats`` and not already reported.

    Examples:
        >>> s = normalise(pd.DataFrame({
        ...     "programme": ["P", "P"], "period": ["2021", "2021"],
        ...     "measure": ["deal_value", "deals_signed"], "value": [10.0, 4.0],
        ...     "qualifier": ["at_least", "exact"], "source": ["a.txt", "a.txt"]}))
        >>> r = apply_ratio(s, Ratio("deal_value_mean", "deal_value", "deals_signed"))
        >>> r[["measure", "value", "qualifier", "source"]].values.tolist()
        [['deal_value_mean', 2.5, 'at_least', 'a.txt']]
    """
    num = _one_per_key(stats[(stats["measure"] == rule.numerator) & stats["value"].notna()])
    if rule.constant is not None:
        # A constant is a whole-economy denominator (97 divisions): a breakdown row (one
        # section's divisions) over it is no share of anything, and the rollup of a ledger
        # does not write one either, so a table read back stays the same.
        num = num[num["breakdown"] == ""]
        pairs = num.assign(
            value_den=float(rule.constant), qualifier_den="exact", source_den=num["source"]
        )
        pairs = pairs.rename(
            columns={"value": "value_num", "qualifier": "qualifier_num", "source": "source_num"}
        )
    else:
        den = _one_per_key(stats[(stats["measure"] == rule.denominator) & stats["value"].notna()])
        on = ["programme", "period"] if rule.against_total else _KEYS
        if rule.against_total:
            den = den[den["breakdown"] == ""]
            num = num[num["breakdown"] != ""]
        pairs = num.merge(
            den[[*on, "value", "qualifier", "source"]],
            on=on,
            how="inner",
            suffixes=("_num", "_den"),
        )
    reported = stats.loc[stats["measure"] == rule.out, _KEYS]
    pairs = pairs.merge(reported.drop_duplicates(), on=_KEYS, how="left", indicator=True)
    pairs = pairs[pairs["_merge"] == "left_only"]
    value = safe_ratio(pairs["value_num"], pairs["value_den"], rule.scale)
    same = pairs["source_num"] == pairs["source_den"]
    out = pd.DataFrame(
        {
            "programme": pairs["programme"],
            "period": pairs["period"],
            "measure": rule.out,
            "breakdown": pairs["breakdown"],
            "value": value,
            "unit": MEASURES[rule.out].unit,
            "qualifier": ratio_qualifier(pairs["qualifier_num"], pairs["qualifier_den"]),
            "quantity_text": "",
            "source": pairs["source_num"].where(
                same, pairs["source_num"] + "; " + pairs["source_den"]
            ),
            "quote": "",
        }
    )
    return out[out["value"].notna()].reset_index(drop=True)


def derive(stats: pd.DataFrame, codes: Sequence[str], rules: Sequence[Ratio]) -> pd.DataFrame:
    """Reported rows of ``codes`` plus every row ``rules`` can derive, sorted.

    Derived rows carry the source(s) of their inputs, an empty quote and empty
    ``quantity_text``: that is how they are told apart from reported figures.

    Examples:
        >>> s = pd.DataFrame({"programme": ["P"], "period": ["2023"],
        ...                   "measure": ["fiveg_divisions_covered"], "value": [50.0],
        ...                   "qualifier": ["at_least"], "source": ["j.txt"]})
        >>> d = derive(s, ["fiveg_divisions_covered", "fiveg_division_coverage"],
        ...            [Ratio("fiveg_division_coverage", "fiveg_divisions_covered", None,
        ...                   scale=100, constant=97)])
        >>> d[["measure", "qualifier"]].values.tolist()
        [['fiveg_divisions_covered', 'at_least'], ['fiveg_division_coverage', 'at_least']]
    """
    pool = normalise(stats)
    parts = [pool[pool["measure"].isin(list(codes))]]
    # Rules see earlier rules' results (a derived total can feed a later ratio) and every
    # reported measure, not only this family's (cost per attendee needs attendees).
    for rule in rules:
        derived = apply_ratio(pool, rule)
        if not derived.empty:
            parts.append(derived)
            pool = pd.concat([pool, derived], ignore_index=True)
    return sort_statistics(pd.concat(parts, ignore_index=True))


def sort_statistics(stats: pd.DataFrame) -> pd.DataFrame:
    """Sort a statistics table by programme, period and measure (catalogue order).

    Within a measure the total (blank breakdown) comes first and breakdowns keep their input
    order, so phases stay 第一…第五 and modes stay in the order of Article 16 (sorting
    Chinese text would put 第三 before 第二).

    Examples:
        >>> s = pd.DataFrame({"programme": ["P"] * 4, "period": ["2023"] * 4,
        ...     "measure": ["deal_value", "budget_planned", "budget_planned", "budget_planned"],
        ...     "breakdown": ["", "第二阶段", "第三阶段", ""]})
        >>> sort_statistics(s)[["measure", "breakdown"]].values.tolist()
        [['deal_value', ''], ['budget_planned', ''], ['budget_planned', '第二阶段'], \
['budget_planned', '第三阶段']]
    """
    order = stats["measure"].map(_ORDER).fillna(len(_ORDER))
    part = (stats["breakdown"].fillna("") != "").astype("int8")
    out = stats.assign(_order=order, _part=part).sort_values(
        ["programme", "period", "_order", "_part"], kind="stable"
    )
    return out.drop(columns=["_order", "_part"]).reset_index(drop=True)
