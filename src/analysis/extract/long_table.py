"""Extracted statistics as the long table that ``indicators``, ``assess`` and ``compare`` read."""

from __future__ import annotations

import re

import pandas as pd

from analysis.errors import UserError
from analysis.schema import STATISTICS

__all__ = ["EXTRA_COLUMNS", "UNCLASSIFIED", "period_of", "statistics_table"]

#: Measure code of a statistic whose measure the extractor could not tell: the analyst
#: replaces it with a code from docs/measures.md (or drops the row).
UNCLASSIFIED = "unclassified"

#: Columns written after the long table's own: where each number was found, its whole
#: sentence (or table row) and how it was read.
EXTRA_COLUMNS = {
    "location": "位置",
    "sentence": "原文句子",
    "what": "统计对象",
    "low": "下限",
    "high": "上限",
    "start": "起始位置",
    "end": "结束位置",
}

_QUOTE = 40
_YEARS = re.compile(r"((?:19|20)[0-9]{2})\s*(?:[-—–~至到]\s*((?:19|20)[0-9]{2}))?\s*年")


def period_of(text: str) -> str | None:
    """The period a report is about, from its title (its first non-blank line).

    Examples:
        >>> period_of("某市科协2024年度工作总结\\n……"), period_of("2021—2023年工作总结")
        ('2024', '2021-2023')
        >>> period_of("关于开展对接活动的报道") is None
        True
    """
    title = next((line for line in text.split("\n") if line.strip()), "")
    m = _YEARS.search(title)
    if m is None:
        return None
    return f"{m.group(1)}-{m.group(2)}" if m.group(2) else m.group(1)


def _quote(sentence: str, quantity: str) -> str:
    """The sentence cut to about 40 characters around the quantity."""
    if len(sentence) <= _QUOTE:
        return sentence
    k = sentence.find(quantity)
    if k < 0:
        return sentence[:_QUOTE]
    left = max(0, min(k - (_QUOTE - len(quantity)) // 2, len(sentence) - _QUOTE))
    return sentence[left : left + max(_QUOTE, len(quantity))]


def statistics_table(
    stats: pd.DataFrame,
    *,
    programme: str,
    period: str | None,
    source: str,
    text: str = "",
) -> pd.DataFrame:
    """The extracted rows as the statistics long table (``analysis.schema.STATISTICS``).

    Args:
        stats: Rows of ``analysis.extract.extract_document``.
        programme: The programme the report is about.
        period: Its period (``2023``, ``2021-2023``); ``None`` takes it from the title.
        source: The file name, for the ``source`` column.
        text: The report's text, for the period when ``period`` is ``None``.

    Returns:
        The long table's columns, in its order, then ``EXTRA_COLUMNS``. A row without a
        measure gets ``UNCLASSIFIED``; a table cell's quote is its row and column labels.

    Raises:
        UserError: No period given and none in the report's title.

    Examples:
        >>> from analysis.extract import extract_statistics
        >>> rows = extract_statistics("2023年度工作总结\\n线上观看人数达到5万余人次。")
        >>> t = statistics_table(rows, programme="P", period=None, source="r.txt",
        ...                      text="2023年度工作总结")
        >>> t[["programme", "period", "measure", "value", "qualifier", "quote"]].values.tolist()
        [['P', '2023', 'online_views', 50000.0, 'at_least', '线上观看人数达到5万余人次。']]
    """
    if period is None:
        period = period_of(text)
        if period is None:
            raise UserError(
                f"{source} 的标题里没有年份：请用 --period 指定期间（如 2023 或 2021-2023）"
                " (no year in the report's title: give --period)"
            )
    table_cell = stats["location"].str.contains("表", regex=False) & stats["what"].ne("")
    quote = [
        (f"{what}：{qt}" if cell else _quote(sentence, qt))
        for what, qt, sentence, cell in zip(
            stats["what"], stats["quantity_text"], stats["sentence"], table_cell, strict=True
        )
    ]
    out = pd.DataFrame(
        {
            "programme": programme,
            "period": str(period),
            "measure": stats["measure"].fillna(UNCLASSIFIED).astype(str),
            "breakdown": stats["breakdown"].astype(str),
            "value": stats["value"].astype("float64"),
            "unit": stats["unit"].fillna("").astype(str),
            "qualifier": stats["qualifier"].astype(str),
            "quantity_text": stats["quantity_text"].astype(str),
            "source": source,
            "quote": quote,
        },
        index=stats.index,
    )
    out = out[list(STATISTICS.names)]
    for name in EXTRA_COLUMNS:
        out[name] = stats[name]
    return out.reset_index(drop=True)
