"""Small helpers the report notebooks share: scope filters, Chinese tables, source lines."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis import paths
from analysis.errors import UserError
from analysis.figures.labels import label
from analysis.measures import MEASURES

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
    table: pd.DataFrame, programme: str | None = None, period: str | int | None = None
) -> pd.DataFrame:
    """Keep the rows of an indicator table for ``programme`` and the years of ``period``.

    A filter applies only when the table has the column (``programme``, ``year``).

    Raises:
        UserError: ``programme`` is given but no row has it (the message lists those there are).

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
        if not (names == programme).any():
            known = "、".join(sorted(set(names)))
            raise UserError(f"数据中没有项目 programme {programme!r}；已有：{known}")
        keep &= names == programme
    years = period_years(period)
    if years and "year" in table.columns:
        year = pd.to_numeric(table["year"], errors="coerce")
        keep &= year.between(*years)
    return table[keep].reset_index(drop=True)


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


def measure_label(code: str) -> str:
    """Chinese label of a measure code (the code itself when it is not in the catalogue).

    Examples:
        >>> measure_label("deals_signed"), measure_label("no_such_code")
        ('签约项目数', 'no_such_code')
    """
    found = MEASURES.get(code)
    return found.zh if found is not None else code


_MONEY_SCALE = {"元": 1.0, "万元": 1e4, "亿元": 1e8}


def _unit_suffix(code: str, money: str) -> tuple[str, float]:
    """Label suffix and divisor for measure ``code``: yuan → ``money``, percent → ``%``."""
    found = MEASURES.get(code)
    unit = found.unit if found is not None else ""
    if unit == "yuan":
        return f"（{money}）", _MONEY_SCALE[money]
    if unit == "percent":
        return "（%）", 1.0
    if unit.startswith("yuan_per_"):
        return "（元）", 1.0
    return "", 1.0


def wide_table(
    long: pd.DataFrame,
    index: str | Sequence[str],
    measures: Sequence[str] | None = None,
    decimals: int = 2,
    money: str = "万元",
) -> pd.DataFrame:
    """Pivot a long indicator table to one column per measure, with Chinese labels and units.

    Index values that are category codes (event types, conversion modes) are shown
    in Chinese; amounts in yuan are shown in ``money`` (元, 万元 or 亿元) and rates
    in percent, each named in the column label; values are rounded to ``decimals``.

    Examples:
        >>> long = pd.DataFrame({"mode": ["transfer", "transfer", "licence"],
        ...     "measure": ["deals_signed", "deal_value", "deals_signed"],
        ...     "value": [3.0, 1.5e6, 2.0]})
        >>> table = wide_table(long, "mode", ["deals_signed", "deal_value"])
        >>> list(table.columns), list(table.index), table.loc["转让"].tolist()
        (['签约项目数', '签约金额（万元）'], ['转让', '许可'], [3.0, 150.0])
    """
    if money not in _MONEY_SCALE:
        raise ValueError(f"money must be one of {sorted(_MONEY_SCALE)}: {money!r}")
    keys = [index] if isinstance(index, str) else list(index)
    frame = long if measures is None else long[long["measure"].isin(list(measures))]
    order = list(dict.fromkeys(frame["measure"])) if measures is None else list(measures)
    table = frame.pivot_table(
        index=keys, columns="measure", values="value", aggfunc="first", sort=False
    )
    table = table.reindex(columns=[m for m in order if m in table.columns])
    names = []
    for code in table.columns:
        suffix, divisor = _unit_suffix(code, money)
        table[code] = table[code] / divisor
        names.append(measure_label(code) + suffix)
    table = table.round(decimals)
    table.columns = names
    table.columns.name = None
    if len(keys) == 1:
        table.index = [label(k, "zh", strict=False) for k in table.index]
    table.index.names = [label(k, "zh", strict=False) for k in keys]
    return table


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
    if path.resolve() == Path(paths.SAMPLE_LEDGER).resolve():
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


def load_counts(report) -> pd.DataFrame:
    """Rows read, accepted and rejected per table of a ``LoadReport``, with Chinese labels.

    Examples:
        >>> from analysis.load import LoadReport, TableCount
        >>> r = LoadReport(counts={"events": TableCount("events", "a.xlsx", "活动", None, 5, 4, 1)})
        >>> load_counts(r).to_dict("records")
        [{'表': '活动', '工作表/文件': '活动', '读取行数': 5, '接受行数': 4, '拒绝行数': 1}]
    """
    from analysis.schema import TABLES

    rows = [
        {
            "表": TABLES[c.table].zh if c.table in TABLES else c.table,
            "工作表/文件": c.sheet or c.file or "",
            "读取行数": c.rows_read,
            "接受行数": c.rows_accepted,
            "拒绝行数": c.rows_rejected,
        }
        for c in report.counts.values()
    ]
    return pd.DataFrame(rows, columns=["表", "工作表/文件", "读取行数", "接受行数", "拒绝行数"])


def qualifier_counts(ledger) -> pd.DataFrame:
    """Filled quantity cells per table by qualifier (确数/约数/下限/上限).

    Shows how much of a ledger is typed as approximate or bounded text
    (“近300人”, “5万余人次”) rather than exact numbers.

    Examples:
        >>> from analysis.ledger import Ledger
        >>> led = Ledger()
        >>> led.events = pd.DataFrame({"attendees_onsite": [300.0, 200.0, None],
        ...     "attendees_onsite_qualifier": ["approx", "exact", None]})
        >>> qualifier_counts(led).to_dict("index")
        {'活动': {'确数': 1, '约数': 1, '下限': 0, '上限': 0}}
    """
    from analysis.schema import QUALIFIERS, TABLES

    codes = list(QUALIFIERS)
    rows = {}
    for name, table in ledger.tables().items():
        columns = [c for c in table.columns if c.endswith("_qualifier")]
        if not columns:
            continue
        values = pd.concat([table[c] for c in columns], ignore_index=True).dropna()
        if values.empty:
            continue
        counts = values.astype(str).value_counts()
        zh = TABLES[name].zh if name in TABLES else name
        rows[zh] = [int(counts.get(code, 0)) for code in codes]
    names = [QUALIFIERS[c].split("（")[0] for c in codes]
    return pd.DataFrame.from_dict(rows, orient="index", columns=names)


def section_coverage(coverage: pd.DataFrame, divisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Divisions covered and divisions in each GB/T 4754 section, for ``coverage_bars``.

    Args:
        coverage: ``fiveg_coverage(..., by=("section",))`` (long table).
        divisions: The division list (``analysis.load.read_divisions()`` by default).

    Returns:
        Columns section, section_name, covered, total, one row per section A–T.

    Examples:
        >>> cov = pd.DataFrame({"section": ["A", "B"], "measure": ["fiveg_divisions_covered"] * 2,
        ...     "value": [2.0, 0.0]})
        >>> section_coverage(cov).head(2).to_dict("records")[0]
        {'section': 'A', 'section_name': '农、林、牧、渔业', 'covered': 2, 'total': 5}
    """
    if divisions is None:
        from analysis.load import read_divisions

        divisions = read_divisions()
    totals = (
        divisions.groupby(["section_code", "section_name"], sort=True)
        .size()
        .rename("total")
        .reset_index()
        .rename(columns={"section_code": "section"})
    )
    rows = coverage[coverage["measure"] == "fiveg_divisions_covered"]
    covered = rows.groupby("section")["value"].sum().rename("covered")
    out = totals.merge(covered, left_on="section", right_index=True, how="left")
    out["covered"] = out["covered"].fillna(0).astype(int)
    return out[["section", "section_name", "covered", "total"]].reset_index(drop=True)


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
    tables = {}
    for name, table in ledger.tables().items():
        if name in ("programmes", "targets"):
            tables[name] = in_scope(table, programme) if len(table) else table
        elif name != "conversions" and len(table):
            tables[name] = in_scope(table, programme, period)
        else:
            tables[name] = table
    if len(tables["conversions"]):
        kept = tables["conversions"]["signing_id"].isin(tables["signings"]["signing_id"])
        tables["conversions"] = tables["conversions"][kept].reset_index(drop=True)
    return replace(ledger, **tables)


def load_scoped(
    data_path: str | os.PathLike, programme: str | None = None, period: str | int | None = None
) -> tuple[Ledger, str]:
    """The set-up every ledger notebook shares: load, scope, and name the source.

    Loads the ledger at ``data_path``, keeps ``programme`` and the years of ``period``
    (``scoped_ledger``) and gives the source line for its figures (``ledger_source``).

    Args:
        data_path: The ledger workbook, CSV folder or CSV file (the notebook parameter).
        programme: Keep only this programme; ``None`` keeps every programme.
        period: A year or year range such as ``"2021-2023"``; ``None`` keeps every year.

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
    from analysis.load import load_ledger

    ledger = scoped_ledger(load_ledger(data_path), programme, period)
    return ledger, ledger_source(data_path, programme)
