"""Bundled reference tables: GB/T 4754-2017 divisions, MIIT 5G milestones, national conversions."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import UserError

MIIT_5G_MILESTONES_CSV = paths.REFERENCE / "miit_5g_milestones.csv"
NATIONAL_CONVERSION_CSV = paths.REFERENCE / "national_conversion_by_mode.csv"
#: Who the national conversion figures describe (the annual report covers these units only).
NATIONAL_LABEL = "全国高校院所"
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


def national_conversion(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """National conversions of universities and institutes by mode (中国科技成果转化年度报告).

    Rows are the figures the annual report publishes (高等院校与科研院所篇), each with its
    source; only what could be cited is bundled (``data/reference/README.md``). ``mode`` is
    an Article-16 code where the report's category maps one to one (transfer, licence,
    equity), else ``three_modes`` (those three together) or ``six_ways`` (with 技术开发、咨询、
    服务). Means are the report's own (rounded to 0.1万元), blank where it gives none.

    Returns:
        Columns ``data_year`` (int), ``mode``, ``mode_zh``, ``contracts``, ``contract_value_yuan``,
        ``mean_value_yuan`` (float, NaN where not published), ``reporting_units``, ``report``,
        ``source``; newest year first, modes in file order.

    Examples:
        >>> n = national_conversion()
        >>> row = n[(n.data_year == 2023) & (n["mode"] == "transfer")].iloc[0]
        >>> value, mean = row["contract_value_yuan"] / 1e8, row["mean_value_yuan"] / 1e4
        >>> int(row["contracts"]), float(value), float(mean)
        (23006, 106.1, 46.1)
    """
    frame = _read(
        path or NATIONAL_CONVERSION_CSV,
        "全国高校院所科技成果转化",
        {"mode": str, "mode_zh": str, "report": str, "source": str},
    )
    for column in ("contracts", "contract_value_yuan", "mean_value_yuan"):
        frame[column] = pd.to_numeric(frame[column].replace("", None), errors="raise").astype(
            "float64"
        )
    frame["data_year"] = frame["data_year"].astype(int)
    frame["reporting_units"] = frame["reporting_units"].astype(int)
    return frame.sort_values("data_year", ascending=False, kind="stable").reset_index(drop=True)
