"""One deal sheet, two tables: the landings a deal sheet's status column records."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.ledger import empty_frame
from analysis.load.cells import REQUIRED_MISSING, normalise_header
from analysis.schema import TABLES

#: Note on each conversion made from a deal's status, so a reader can tell it from a typed one.
FROM_STATUS = "由签约表的状态（落地）生成"


def landed_conversions(signings: pd.DataFrame, conversions: pd.DataFrame) -> pd.DataFrame:
    """The conversions table plus one row per landed deal it does not name yet.

    A deal whose status says it landed (已落地, 已转化, 已实施 …) is a conversion: its
    date is the deal's 落地日期 when given (blank otherwise: a landing of unknown date), its
    value the 落地金额/到位金额 when given, else the contract value with its qualifier.

    Examples:
        >>> s = pd.DataFrame({"signing_id": ["行4", "行5"], "title": ["a", "b"],
        ...     "programme": ["P", "P"], "stage": ["signed", "landed"], "value": [1e6, 2e6],
        ...     "value_qualifier": ["exact", "approx"], "landing_date": [pd.NaT, pd.NaT],
        ...     "landed_value": [float("nan")] * 2, "landed_value_qualifier": [None, None],
        ...     "_row": [4, 5]})
        >>> out = landed_conversions(s, empty_frame(TABLES["conversions"]))
        >>> out[["conversion_id", "signing_id", "value", "value_qualifier"]].values.tolist()
        [['行5-落地', '行5', 2000000.0, 'approx']]
    """
    landed = signings[(signings["stage"] == "landed").to_numpy(dtype=bool, na_value=False)]
    if landed.empty:
        return conversions
    # Arrow's set lookup: pandas' isin walks the conversions' ids one by one in Python.
    named = pa.array(conversions["signing_id"].dropna().astype("str"), type=pa.large_string())
    ids = pa.array(landed["signing_id"].astype("str"), type=pa.large_string())
    found = pc.fill_null(pc.is_in(ids, value_set=named), False)
    new = landed[~found.to_numpy(zero_copy_only=False)]
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
            "title": new["title"].to_numpy() if "title" in new else None,
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


#: The reason of a landing whose name names no deal, or several.
NO_DEAL = "签约表中没有这个项目名称 (no signed deal of this name)"


def match_by_title(
    titles: pd.Series, signings: pd.DataFrame | None
) -> tuple[pd.Series, np.ndarray]:
    """The 签约编号 of each landing listed by its deal's name, and why where there is none.

    Names are compared as headers are (full-width, spaces and case aside). A name two deals
    share matches neither: which one landed cannot be told.

    Examples:
        >>> deals = pd.DataFrame({"signing_id": ["行3", "行4", "行5"],
        ...                       "title": ["光伏封装", "储能", "储能"]})
        >>> ids, why = match_by_title(pd.Series(["光伏 封装", "储能", "氢能"]), deals)
        >>> ids.tolist()
        ['行3', nan, nan]
        >>> [w[:9] if w else None for w in why]
        [None, '签约表中有 2 项', '签约表中没有这个项']
    """
    if signings is None:
        signings = pd.DataFrame({"signing_id": [], "title": []})
    key = signings["title"].map(normalise_header)
    counts = key.value_counts()
    lookup = dict(zip(key, signings["signing_id"], strict=True))
    wanted = titles.map(lambda t: normalise_header(t) if isinstance(t, str) else None)
    found = wanted.map(lambda k: lookup.get(k) if counts.get(k, 0) == 1 else None)
    why = np.full(len(found), None, dtype=object)
    for i, k in enumerate(wanted):
        if k is None:
            why[i] = REQUIRED_MISSING
        elif counts.get(k, 0) > 1:
            why[i] = f"签约表中有 {counts[k]} 项同名，无法对应 (name shared by several deals)"
        elif k not in lookup:
            why[i] = NO_DEAL
    return pd.Series(pd.array(found, dtype="str"), index=titles.index), why
