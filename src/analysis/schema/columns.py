"""How a table and its columns are described: kinds, units, choices, header aliases."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Kind = Literal["id", "text", "category", "date", "year", "int", "quantity", "bool", "division"]

#: Qualifier codes, English code → Chinese label.
QUALIFIERS = MappingProxyType(
    {
        "exact": "确数",
        "approx": "约数",
        "at_least": "下限（余/多/超）",
        "at_most": "上限（不到/不足）",
    }
)


#: Years accepted in ``year`` and ``date`` columns.
YEAR_RANGE = (1900, 2100)


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Attributes:
        name: English column name used in code.
        zh: Chinese header written to templates and exports.
        kind: How cells are read (see ``Kind``).
        required: Whether a row without a value is rejected.
        unit: For ``quantity`` columns, the unit code a bare number is taken in
            (``yuan``, ``person``, ...); a cell whose own unit differs is rejected.
        choices: For ``category`` columns, allowed English codes → Chinese labels.
        ref: ``"table.column"`` that a value must exist in, if any.
        aliases: Other headers accepted for this column (English name and ``zh``
            are always accepted).
        note: What goes in the column, in Chinese, for the template.
        words: For ``category`` columns, more words accepted for a code (word → code;
            ``analysis.words``).
    """

    name: str
    zh: str
    kind: Kind = "text"
    required: bool = False
    unit: str | None = None
    choices: MappingProxyType | None = None
    ref: str | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""
    words: MappingProxyType | None = None

    @property
    def headers(self) -> tuple[str, ...]:
        """All accepted headers: English name, Chinese header, then aliases."""
        return (self.name, self.zh, *self.aliases)


@dataclass(frozen=True)
class Table:
    """A table of the ledger or the statistics long table.

    Attributes:
        name: English table name (also the sheet / CSV file stem accepted).
        zh: Chinese sheet name.
        columns: Column definitions in template order.
        key: Column holding a unique row id, if any.
        aliases: Other sheet names accepted.
        note: What the table records, in Chinese.
    """

    name: str
    zh: str
    columns: tuple[Column, ...]
    key: str | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""
    _by_name: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_name.update({c.name: c for c in self.columns})

    def column(self, name: str) -> Column:
        """Return the column called ``name``.

        Examples:
            >>> from analysis.schema import TABLES
            >>> TABLES["signings"].column("value").zh
            '合同金额'
        """
        return self._by_name[name]

    @property
    def names(self) -> tuple[str, ...]:
        """English column names in order."""
        return tuple(c.name for c in self.columns)

    @property
    def sheet_names(self) -> tuple[str, ...]:
        """Accepted sheet names / CSV stems: English, Chinese, aliases."""
        return (self.name, self.zh, *self.aliases)


#: Chinese names of the column kinds, for templates and the data dictionary.
KIND_ZH = {
    "id": "编号", "text": "文本", "category": "类别", "date": "日期", "year": "年份",
    "int": "整数", "quantity": "数量", "bool": "是/否", "division": "行业大类代码",
}  # fmt: skip
