"""Pick one programme's header (项目名称, 主管部门, budget lines) from a loaded programmes table."""

from __future__ import annotations

import math

import pandas as pd


def _blank(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def programme_info(programmes: pd.DataFrame, programme: str) -> dict:
    """The filled cells of ``programme``'s row in a programmes table ({} when it has none).

    Args:
        programmes: A programmes table as ``analysis.load.load_table(path, "programmes")``
            or ``Ledger.programmes`` gives it (amounts in yuan).
        programme: The 项目名称 to pick.

    Examples:
        >>> table = pd.DataFrame({"programme": ["P", "Q"], "department": ["某局", None],
        ...                       "budget_full_year": [200000.0, float("nan")]})
        >>> programme_info(table, "P")
        {'programme': 'P', 'department': '某局', 'budget_full_year': 200000.0}
        >>> programme_info(table, "Q"), programme_info(table, "R")
        ({'programme': 'Q'}, {})
    """
    names = programmes["programme"].astype("object").map(lambda v: "" if _blank(v) else str(v))
    match = programmes[names.str.strip() == programme]
    if match.empty:
        return {}
    row = match.iloc[0].to_dict()
    return {k: v for k, v in row.items() if not k.startswith("_") and not _blank(v)}
