"""A programme's mean deal by conversion mode set against the national mean of the same year."""

from __future__ import annotations

import pandas as pd

from analysis.indicators._common import safe_ratio
from analysis.indicators._qualifiers import ratio_qualifier
from analysis.indicators._statistics import normalise
from analysis.reference import national_conversion
from analysis.schema import CONVERSION_MODES

#: Article-16 modes the annual report counts one to one (its other categories do not map).
NATIONAL_MODES = ("transfer", "licence", "equity")
NATIONAL_COLUMNS = (
    "programme",
    "period",
    "breakdown",
    "mode",
    "value",
    "qualifier",
    "deals",
    "deals_qualifier",
    "national_mean",
    "national_contracts",
    "vs_national_pct",
    "vs_national_pct_qualifier",
    "national_source",
)


def national_means(national: pd.DataFrame | None = None) -> pd.DataFrame:
    """The national mean contract value per mode and data year, labelled as ledgers label modes.

    Examples:
        >>> m = national_means()
        >>> m[m.period == "2023"][["breakdown", "national_mean"]].values.tolist()
        [['转让', 461000.0], ['许可', 635000.0], ['作价投资', 9460000.0]]
    """
    table = national_conversion() if national is None else national
    rows = table[table["mode"].isin(NATIONAL_MODES) & table["mean_value_yuan"].notna()]
    return pd.DataFrame(
        {
            "period": rows["data_year"].astype(int).astype(str),
            "mode": rows["mode"],
            "breakdown": rows["mode"].map(dict(CONVERSION_MODES)),
            "national_mean": rows["mean_value_yuan"].astype("float64"),
            "national_contracts": rows["contracts"].astype("float64"),
            "national_source": rows["report"] + "：" + rows["source"],
        }
    ).reset_index(drop=True)


def against_national(
    statistics: pd.DataFrame, national: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each programme's mean deal value by mode beside the national mean of the same year.

    Uses ``deal_value_mean`` rows broken down by mode (转让, 许可, 作价投资; pass
    ``with_derived`` output or a ledger rollup) whose period is one year with a national
    figure (``data/reference/national_conversion_by_mode.csv``; data year 2023 only today). A
    span (2021-2023) or a year without national figures gets no row: a programme's 2021 is
    never set against the nation's 2023. ``vs_national_pct`` = value ÷ national mean × 100
    (qualifier ``combine_ratio``; the national mean counts as exact). ``deals`` is the
    programme's ``deals_signed`` of that mode and year, to show how few deals a mean rests on.

    Returns:
        Columns programme, period, breakdown, mode, value, qualifier, deals,
        deals_qualifier, national_mean, national_contracts, vs_national_pct,
        vs_national_pct_qualifier, national_source; modes in Article-16 order.

    Examples:
        >>> s = pd.DataFrame({"programme": ["P", "P"], "period": ["2023", "2023"],
        ...     "measure": ["deal_value_mean", "deals_signed"], "breakdown": ["许可", "许可"],
        ...     "value": [127e4, 3.0], "qualifier": ["at_least", "exact"], "source": "s"})
        >>> a = against_national(s)
        >>> a[["breakdown", "national_mean", "vs_national_pct", "vs_national_pct_qualifier"]
        ...   ].values.tolist()
        [['许可', 635000.0, 200.0, 'at_least']]
    """
    stats = normalise(statistics)
    means = stats[(stats["measure"] == "deal_value_mean") & stats["value"].notna()]
    means = means.drop_duplicates(["programme", "period", "breakdown"], keep="first")
    deals = stats.loc[
        stats["measure"] == "deals_signed",
        ["programme", "period", "breakdown", "value", "qualifier"],
    ].drop_duplicates(["programme", "period", "breakdown"], keep="first")
    deals = deals.rename(columns={"value": "deals", "qualifier": "deals_qualifier"})
    rows = means.merge(national_means(national), on=["period", "breakdown"], how="inner")
    rows = rows.merge(deals, on=["programme", "period", "breakdown"], how="left")
    rows["vs_national_pct"] = safe_ratio(rows["value"], rows["national_mean"], 100)
    rows["vs_national_pct_qualifier"] = ratio_qualifier(rows["qualifier"], "exact")
    order = rows["mode"].map({m: i for i, m in enumerate(CONVERSION_MODES)})
    rows = rows.assign(_o=order).sort_values(["programme", "period", "_o"], kind="stable")
    return rows[list(NATIONAL_COLUMNS)].reset_index(drop=True)
