"""Bundled reference tables: GB/T 4754-2017 divisions and the MIIT 5G coverage milestones."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import UserError

MIIT_5G_MILESTONES_CSV = paths.REFERENCE / "miit_5g_milestones.csv"
#: Number of two-digit divisions (大类) in GB/T 4754-2017.
DIVISION_COUNT = 97


def _read(path: str | os.PathLike, what: str, dtype: dict) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到参考表 {path}（{what}）: reference file missing")
    return pd.read_csv(path, dtype=dtype, encoding="utf-8", keep_default_na=False)


@lru_cache(maxsize=4)
def _divisions(path: str) -> pd.DataFrame:
    frame = _read(path, "GB/T 4754-2017 行业大类", {"division_code": str, "section_code": str})
    frame["division_code"] = frame["division_code"].str.zfill(2)
    return frame


def divisions(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The 97 divisions of GB/T 4754-2017 with their sections A–T.

    Returns:
        Columns ``division_code`` (``"01"``–``"97"``), ``division_name``, ``section_code``,
        ``section_name``, in code order. A fresh copy each call.

    Examples:
        >>> d = divisions()
        >>> len(d), d["section_code"].nunique(), d.iloc[0]["division_code"]
        (97, 20, '01')
    """
    return _divisions(str(path or paths.DIVISIONS_CSV)).copy()


@lru_cache(maxsize=1)
def division_codes() -> frozenset[str]:
    """The 97 two-digit division codes, for checking a ledger's 行业大类代码.

    Examples:
        >>> codes = division_codes()
        >>> len(codes), "38" in codes, "98" in codes
        (97, True, False)
    """
    return frozenset(_divisions(str(paths.DIVISIONS_CSV))["division_code"])


def miit_5g_milestones(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """National 5G application coverage milestones published by MIIT.

    Returns:
        Columns ``date`` (datetime64, first of the month reported), ``divisions_covered``
        (Int64, of 97), ``coverage`` (percent of 97) and ``source``, oldest first.

    Examples:
        >>> m = miit_5g_milestones()
        >>> m["divisions_covered"].tolist()[:2], round(float(m["coverage"].iloc[-1]), 1)
        ([40, 67], 93.8)
    """
    frame = _read(path or MIIT_5G_MILESTONES_CSV, "工信部5G应用覆盖里程碑", {"source": str})
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m")
    frame["divisions_covered"] = frame["divisions_covered"].astype("Int64")
    frame["coverage"] = frame["divisions_covered"].astype("float64") / DIVISION_COUNT * 100
    frame = frame[["date", "divisions_covered", "coverage", "source"]]
    return frame.sort_values("date", kind="stable").reset_index(drop=True)
