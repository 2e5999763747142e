"""Narrow a ledger to one programme and period for the notebooks, and load it so."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from analysis.errors import UserError
from analysis.load import load_ledger
from analysis.report.sources import ledger_source

if TYPE_CHECKING:
    from analysis.ledger import Ledger

_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–/至~]\s*(\d{4}))?\s*年?\s*$")


def period_years(period: str | int | None) -> tuple[int, int] | None:
    """Read a notebook's ``period`` parameter as a (first, last) year range.

    ``None`` or ``""`` means every year.

    Raises:
        UserError: the text is not a year or a year range.

    Examples:
        >>> period_years("2021-2023"), period_years(2023), period_years(None)
        ((2021, 2023), (2023, 2023), None)
        >>> period_years("2021–2022年")
        (2021, 2022)
    """
    if period is None or str(period).strip() == "":
        return None
    match = _PERIOD.match(str(period))
    if not match:
        raise UserError(f"期间 period 应为年份或年份区间，如 2023 或 2021-2023：{period!r}")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise UserError(f"期间 period 的起始年份晚于结束年份：{period!r}")
    return first, last


def in_scope(
    table: pd.DataFrame,
    programme: str | None = None,
    period: str | int | None = None,
    *,
    strict: bool = True,
) -> pd.DataFrame:
    """Keep the rows of an indicator table for ``programme`` and the years of ``period``.

    A filter applies only when the table has the column (``programme``, ``year``).

    Raises:
        UserError: ``strict`` and ``programme`` is given but no row has it (the message
            lists those there are); without ``strict`` the result is then empty.

    Examples:
        >>> t = pd.DataFrame({"programme": ["A", "A", "B"], "year": [2022, 2023, 2023]})
        >>> in_scope(t, "A", "2023").to_dict("records")
        [{'programme': 'A', 'year': 2023}]
        >>> len(in_scope(t))
        3
    """
    keep = pd.Series(True, index=table.index)
    if programme and "programme" in table.columns:
        names = table["programme"].astype(str)
        if strict and not (names == programme).any():
            known = "、".join(sorted(set(names)))
            raise UserError(f"数据中没有项目 programme {programme!r}；已有：{known}")
        keep &= names == programme
    years = period_years(period)
    if years and "year" in table.columns:
        year = pd.to_numeric(table["year"], errors="coerce")
        keep &= year.between(*years)
    return table[keep].reset_index(drop=True)


def require_programme(ledger, programme: str | None) -> None:
    """Refuse a ``programme`` the ledger does not name, listing those it does.

    Raises:
        UserError: ``programme`` is given and no table of the ledger names it.

    Examples:
        >>> from analysis.ledger import Ledger
        >>> led = Ledger()
        >>> led.events = pd.DataFrame({"programme": ["甲"]})
        >>> require_programme(led, "乙")
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 数据中没有项目 programme '乙'；已有：甲
    """
    from analysis.report.sections import programme_names

    known = programme_names(ledger)
    if programme and known and programme not in known:
        raise UserError(f"数据中没有项目 programme {programme!r}；已有：{'、'.join(known)}")


def years_text(years: Iterable[object]) -> str:
    """The span of ``years`` for a title: ``2021–2023年`` or ``2023年``.

    Examples:
        >>> years_text([2023, 2021, 2022]), years_text(["2023"]), years_text([])
        ('2021–2023年', '2023年', '')
    """
    values = sorted({int(y) for y in years if pd.notna(y)})
    if not values:
        return ""
    if values[0] == values[-1]:
        return f"{values[0]}年"
    return f"{values[0]}–{values[-1]}年"


def ledger_years(ledger) -> list[int]:
    """Years that occur in a ledger's events, signings, 5G cases and budget, sorted.

    Examples:
        >>> from analysis.ledger import Ledger
        >>> led = Ledger()
        >>> led.events = pd.DataFrame({"year": [2023, 2021, None]})
        >>> ledger_years(led)
        [2021, 2023]
    """
    years: set[int] = set()
    for name in ("events", "signings", "fiveg_cases", "budget"):
        table = getattr(ledger, name)
        if "year" in table.columns:
            values = pd.to_numeric(table["year"], errors="coerce").dropna()
            years.update(int(y) for y in values)
    return sorted(years)


def scoped_ledger(ledger, programme: str | None = None, period: str | int | None = None):
    """A copy of ``ledger`` keeping one programme and the years of ``period``.

    Tables with a ``programme`` or ``year`` column are filtered on it (``in_scope``);
    conversions follow the signings they belong to. A row without a year is kept only
    when no period is given.

    Examples:
        >>> from analysis.ledger import Ledger
        >>> led = Ledger()
        >>> led.signings = pd.DataFrame({"signing_id": ["S1", "S2"], "programme": ["P", "P"],
        ...     "year": [2022, 2023]})
        >>> led.conversions = pd.DataFrame({"conversion_id": ["C1", "C2"],
        ...     "signing_id": ["S1", "S2"]})
        >>> scoped = scoped_ledger(led, "P", "2023")
        >>> scoped.signings["signing_id"].tolist(), scoped.conversions["conversion_id"].tolist()
        (['S2'], ['C2'])
    """
    from dataclasses import replace

    if not programme and period_years(period) is None:
        return ledger
    require_programme(ledger, programme)
    tables = {}
    for name, table in ledger.tables().items():
        if name in ("programmes", "targets"):
            tables[name] = in_scope(table, programme, strict=False) if len(table) else table
        elif name != "conversions" and len(table):
            tables[name] = in_scope(table, programme, period, strict=False)
        else:
            tables[name] = table
    if len(tables["conversions"]):
        kept = tables["conversions"]["signing_id"].isin(tables["signings"]["signing_id"])
        tables["conversions"] = tables["conversions"][kept].reset_index(drop=True)
    return replace(ledger, **tables)


def load_scoped(
    data_path: str | os.PathLike,
    programme: str | None = None,
    period: str | int | None = None,
    mapping_path: str | os.PathLike | None = None,
) -> tuple[Ledger, str]:
    """The set-up every ledger notebook shares: load, scope, and name the source.

    Loads the ledger at ``data_path``, keeps ``programme`` and the years of ``period``
    (``scoped_ledger``) and gives the source line for its figures (``ledger_source``).

    Args:
        data_path: The ledger workbook, CSV folder or CSV file (the notebook parameter).
        programme: Keep only this programme; ``None`` keeps every programme.
        period: A year or year range such as ``"2021-2023"``; ``None`` keeps every year.
        mapping_path: A mapping file for sheet names, headers and values (docs/ledger.md).

    Returns:
        ``(ledger, source)``: the scoped ``Ledger`` and the source line text.

    Raises:
        UserError: The file cannot be read, ``programme`` is not in it, or ``period`` is
            not a year or year range.

    Examples:
        >>> from analysis import paths
        >>> ledger, source = load_scoped(paths.SAMPLE_LEDGER, period="2023")
        >>> sorted(set(ledger.signings["year"].astype(int)))
        [2023]
        >>> source
        '示例工作台账 sample_ledger.xlsx（合成数据，非真实项目）'
    """
    loaded = load_ledger(data_path, mapping=mapping_path, programme=programme)
    ledger = scoped_ledger(loaded, programme, period)
    return ledger, ledger_source(data_path, programme)
