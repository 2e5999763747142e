"""One deal sheet, two tables: the landings a deal sheet's status column records."""

from __future__ import annotations

import pandas as pd

from analysis.ledger import empty_frame
from analysis.schema import TABLES

#: Note on each conversion made from a deal's status, so a reader can tell it from a typed one.
FROM_STATUS = "由签约表的状态（落地）生成"


def landed_conversions(signings: pd.DataFrame, conversions: pd.DataFrame) -> pd.DataFrame:
    """The conversions table plus one row per landed deal it does not name yet.

    A deal whose status says it landed (已落地, 已转化, 已实施 …) is a conversion: its
    date is the deal's 落地日期 when given (blank otherwise: a landing of unknown date), its
    value the 落地金额/到位金额 when given, else the contract value with its qualifier.

    Examples:
        >>> s = pd.DataFrame({"signing_id": ["行4", "行5"], "programme": ["P", "P"],
        ...     "stage": ["signed", "landed"], "value": [1e6, 2e6],
        ...     "value_qualifier": ["exact", "approx"], "landing_date": [pd.NaT, pd.NaT],
        ...     "landed_value": [float("nan")] * 2, "landed_value_qualifier": [None, None],
        ...     "_row": [4, 5]})
        >>> out = landed_conversions(s, empty_frame(TABLES["conversions"]))
        >>> out[["conversion_id", "signing_id", "value", "value_qualifier"]].values.tolist()
        [['行5-落地', '行5', 2000000.0, 'approx']]
    """
    landed = signings[signings["stage"].astype("object") == "landed"]
    named = set(conversions["signing_id"].dropna())
    new = landed[~landed["signing_id"].isin(named)]
    if new.empty:
        return conversions
    given = new["landed_value"].notna()
    value = new["landed_value"].where(given, new["value"])
    qualifier = (
        new["landed_value_qualifier"]
        .astype("object")
        .where(given, new["value_qualifier"].astype("object"))
    )
    dates = pd.to_datetime(new["landing_date"])
    rows = pd.DataFrame(
        {
            "conversion_id": (new["signing_id"].astype("str") + "-落地").to_numpy(),
            "signing_id": new["signing_id"].to_numpy(),
            "date": dates.to_numpy(dtype="datetime64[ns]"),
            "year": pd.array(dates.dt.year, dtype="Int64"),
            "value": value.to_numpy(dtype="float64"),
            "value_qualifier": qualifier.to_numpy(dtype=object),
            "note": FROM_STATUS,
            "_row": new["_row"].to_numpy(dtype="int64"),
        }
    )
    template = empty_frame(TABLES["conversions"])
    rows = rows.astype({c: template[c].dtype for c in template.columns})
    return pd.concat([conversions, rows], ignore_index=True)[list(template.columns)]
