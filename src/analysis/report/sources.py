"""Source lines under figures: the bundled sample, the user's ledger or a seed report."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import UserError


def is_sample(data_path: str | os.PathLike) -> bool:
    """Whether ``data_path`` is the bundled synthetic sample ledger.

    Examples:
        >>> from analysis import paths
        >>> is_sample(paths.SAMPLE_LEDGER), is_sample("my_ledger.xlsx")
        (True, False)
    """
    return Path(data_path).resolve() == Path(paths.SAMPLE_LEDGER).resolve()


def ledger_source(data_path: str | os.PathLike, programme: str | None = None) -> str:
    """Source line text for a figure drawn from a ledger: synthetic sample or the user's file.

    The bundled sample is called 合成数据 (synthetic) so no reader mistakes it for a
    real programme; for any other file the line names the file (never its folder).

    Examples:
        >>> from analysis import paths
        >>> ledger_source(paths.SAMPLE_LEDGER)
        '示例工作台账 sample_ledger.xlsx（合成数据，非真实项目）'
        >>> ledger_source("/home/me/2023台账.xlsx", "某市对接活动")
        '某市对接活动 工作台账 2023台账.xlsx'
    """
    path = Path(data_path)
    if is_sample(path):
        return f"示例工作台账 {path.name}（合成数据，非真实项目）"
    prefix = f"{programme} " if programme else ""
    return f"{prefix}工作台账 {path.name}"


def read_seed_programmes(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The seed programmes table (id, name_zh, organiser, place, period, source), as text.

    Examples:
        >>> read_seed_programmes().loc["csaa_low_altitude_2023", "place"]
        '江西南昌'
    """
    source = Path(path or paths.SEED_PROGRAMMES_CSV)
    return pd.read_csv(source, dtype=str, keep_default_na=False).set_index("id")


def seed_source(programme: str, programmes: pd.DataFrame | None = None) -> str:
    """Source line text for a seed figure: the report's programme, organiser and file.

    Raises:
        UserError: ``programme`` is not in the seed programmes table.

    Examples:
        >>> seed_source("changzhou_518_2019")
        '第十四届中国常州先进制造技术成果展示洽谈会（产学研对接），常州市科学技术局（2019）'
    """
    table = read_seed_programmes() if programmes is None else programmes
    if programme not in table.index:
        raise UserError(f"种子项目表中没有 {programme!r}")
    row = table.loc[programme]
    return f"{row['name_zh']}，{row['organiser']}（{row['period']}）"
