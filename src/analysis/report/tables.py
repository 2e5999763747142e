"""Tables the notebooks show: indicators in Chinese, load counts, qualifiers, coverage."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.figures.labels import label
from analysis.measures import MEASURES
from analysis.quantities import MONEY_UNITS
from analysis.reference import divisions as bundled_divisions
from analysis.schema import QUALIFIERS, TABLES


def measure_label(code: str) -> str:
    """Chinese label of a measure code (the code itself when it is not in the catalogue).

    Examples:
        >>> measure_label("deals_signed"), measure_label("no_such_code")
        ('签约项目数', 'no_such_code')
    """
    found = MEASURES.get(code)
    return found.zh if found is not None else code


def _unit_suffix(code: str, money: str) -> tuple[str, float]:
    """Label suffix and divisor for measure ``code``: yuan → ``money``, percent → ``%``."""
    found = MEASURES.get(code)
    unit = found.unit if found is not None else ""
    if unit == "yuan":
        return f"（{money}）", MONEY_UNITS[money]
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
    marks: bool = True,
) -> pd.DataFrame:
    """Pivot a long indicator table to one column per measure, with Chinese labels and units.

    Index values that are category codes (event types, conversion modes) are shown
    in Chinese; amounts in yuan are shown in ``money`` (元, 万元 or 亿元) and rates
    in percent, each named in the column label; values are rounded to ``decimals``.
    With ``marks``, a value that is not exact keeps its qualifier as text before the
    number (``QUALIFIER_MARKS``: 约 approximate, ≥ lower bound, ≤ upper bound).

    Examples:
        >>> long = pd.DataFrame({"mode": ["transfer", "transfer", "licence"],
        ...     "measure": ["deals_signed", "deal_value", "deals_signed"],
        ...     "value": [3.0, 1.5e6, 2.0]})
        >>> table = wide_table(long, "mode", ["deals_signed", "deal_value"])
        >>> list(table.columns), list(table.index), table["签约项目数"].tolist()
        (['签约项目数', '签约金额（万元）'], ['转让', '许可'], [3, 2])
        >>> long["qualifier"] = ["exact", "at_least", "exact"]
        >>> wide_table(long, "mode", ["deals_signed", "deal_value"])["签约金额（万元）"].tolist()
        ['≥150', nan]
    """
    if money not in MONEY_UNITS:
        raise ValueError(f"money must be one of {sorted(MONEY_UNITS)}: {money!r}")
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
    for code in table.columns:
        # Counts (events, deals, people) are shown as whole numbers, not 4.0.
        found = MEASURES.get(code)
        values = table[code].dropna()
        whole = values.empty or bool((values == values.round()).all())
        if found is not None and found.unit in _COUNT_UNITS and whole:
            table[code] = table[code].astype("Int64")
    if marks and "qualifier" in frame.columns:
        table = _with_marks(table, frame, keys, decimals)
    table.columns = names
    table.columns.name = None
    if len(keys) == 1:
        table.index = [label(k, "zh", strict=False) for k in table.index]
    table.index.names = [label(k, "zh", strict=False) for k in keys]
    return table


#: How a table cell shows a value that is not exact (the words 近/余/不到 in sentences).
QUALIFIER_MARKS = {"approx": "约", "at_least": "≥", "at_most": "≤"}


#: Units whose values are counts of things, shown without decimals when whole.
_COUNT_UNITS = frozenset({"event", "item", "person", "person_time", "organization"})


def _with_marks(table: pd.DataFrame, frame: pd.DataFrame, keys: list[str], decimals: int):
    """``table`` with each column that holds a non-exact value written as text, marks first.

    The whole column becomes text (``10,281`` beside ``约6,149``) so that its numbers are
    written alike.
    """
    qualifiers = frame.pivot_table(
        index=keys, columns="measure", values="qualifier", aggfunc="first", sort=False
    ).reindex(index=table.index, columns=table.columns)
    for code in table.columns:
        marks = qualifiers[code].map(QUALIFIER_MARKS)
        if marks.notna().any():
            numbers = table[code].map(lambda v: "" if pd.isna(v) else _grouped(v, decimals))
            table[code] = (marks.fillna("") + numbers).where(table[code].notna())
    return table


def _grouped(value: float, decimals: int) -> str:
    """``value`` with thousands separators and at most ``decimals`` decimals, zeros trimmed."""
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def load_counts(report) -> pd.DataFrame:
    """Rows read, accepted, rejected and skipped per table of a ``LoadReport``, in Chinese.

    Skipped rows are title, blank, total and footer rows (the load report names each).

    Examples:
        >>> from analysis.load import LoadReport, TableCount
        >>> r = LoadReport(counts={"events": TableCount("events", "a.xlsx", "活动", None, 5, 4, 1)})
        >>> [str(v) for v in load_counts(r).iloc[0]]
        ['活动', '活动', '5', '4', '1', '0']
    """
    rows = [
        {
            "表": TABLES[c.table].zh if c.table in TABLES else c.table,
            "工作表/文件": c.sheet or c.file or "",
            "读取行数": c.rows_read,
            "接受行数": c.rows_accepted,
            "拒绝行数": c.rows_rejected,
            "略过行数": c.rows_skipped,
        }
        for c in report.counts.values()
    ]
    columns = ["表", "工作表/文件", "读取行数", "接受行数", "拒绝行数", "略过行数"]
    return pd.DataFrame(rows, columns=columns)


def load_summary_text(report) -> str:
    """The load report in a few lines for a document's header: one line per table.

    Examples:
        >>> from analysis.load import LoadReport, TableCount
        >>> count = TableCount("events", "a.xlsx", "活动表", None, 5, 3, 1, 1)
        >>> r = LoadReport(counts={"events": count})
        >>> load_summary_text(r)
        '活动（活动表）：读取 5 行，接受 3、拒绝 1、略过 1'
    """
    lines = []
    for c in report.counts.values():
        zh = TABLES[c.table].zh if c.table in TABLES else c.table
        where = c.sheet or c.file or ""
        lines.append(
            f"{zh}（{where}）：读取 {c.rows_read} 行，接受 {c.rows_accepted}、"
            f"拒绝 {c.rows_rejected}、略过 {c.rows_skipped}"
        )
    return "\n".join(lines) or "（没有读入任何表）"


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
        divisions: The division list (``analysis.reference.divisions()`` by default).

    Returns:
        Columns section, section_name, covered, total, one row per section A–T.

    Examples:
        >>> cov = pd.DataFrame({"section": ["A", "B"], "measure": ["fiveg_divisions_covered"] * 2,
        ...     "value": [2.0, 0.0]})
        >>> section_coverage(cov).head(2).to_dict("records")[0]
        {'section': 'A', 'section_name': '农、林、牧、渔业', 'covered': 2, 'total': 5}
    """
    if divisions is None:
        divisions = bundled_divisions()
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
