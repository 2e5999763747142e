"""What a notebook shows besides tables and figures: sentences, sections left out, programmes."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from analysis.ledger import Ledger

#: Key of the output metadata that marks a section a notebook left out, and why.
MARK = "kechuang"

#: Ledger tables whose ``programme`` column names the programmes a report covers.
_PROGRAMME_TABLES = ("programmes", "events", "signings", "fiveg_cases", "budget", "targets")


def show_text(text: str) -> None:
    """Show ``text`` (Markdown) as the output of the current notebook cell.

    Outside a notebook (a plain script, a test) the text is printed instead.
    """
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:  # pragma: no cover - IPython comes with the notebook extra
        print(text)
        return
    if get_ipython() is None:
        print(text)
        return
    display(Markdown(text))


def skip_section(reason: str) -> None:
    """Say in one sentence that a section is left out, and mark it for the run summary.

    The sentence is shown as Markdown; its output metadata carries the reason under
    ``MARK`` so that ``report`` can list every section left out (``skipped_sections``).
    """
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:  # pragma: no cover
        print(reason)
        return
    if get_ipython() is None:
        print(reason)
        return
    display(Markdown(reason), metadata={MARK: {"skipped": reason}})


def skipped_sections(notebook: dict) -> list[str]:
    """The reasons of every section an executed notebook left out, in cell order.

    Examples:
        >>> nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
        ...     "metadata": {"kechuang": {"skipped": "本台账没有5G应用案例，本节从略。"}}}]}]}
        >>> skipped_sections(nb)
        ['本台账没有5G应用案例，本节从略。']
    """
    reasons = []
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) or []:
            reason = skip_reason(output)
            if reason:
                reasons.append(reason)
    return reasons


def skip_reason(output: dict) -> str | None:
    """The reason of one output that ``skip_section`` marked, else ``None``.

    Examples:
        >>> skip_reason({"metadata": {"kechuang": {"skipped": "从略"}}}), skip_reason({})
        ('从略', None)
    """
    mark = (output.get("metadata") or {}).get(MARK)
    if isinstance(mark, dict) and mark.get("skipped"):
        return str(mark["skipped"])
    return None


@dataclass(frozen=True)
class Part:
    """One programme's share of a ledger, as a notebook shows it.

    Attributes:
        name: The programme's name (``None`` when the ledger names none).
        ledger: The ledger narrowed to this programme.
        index: 1-based position among the parts (names figure files apart).
        count: How many parts the ledger has.
    """

    name: str | None
    ledger: Ledger
    index: int = 1
    count: int = 1

    @property
    def several(self) -> bool:
        """Whether the ledger holds more than one programme."""
        return self.count > 1

    def figure(self, name: str) -> str:
        """A figure file name: ``name`` alone, or ``name_2`` for the second programme.

        Examples:
            >>> from analysis.ledger import Ledger
            >>> Part("A", Ledger()).figure("stages"), Part("B", Ledger(), 2, 3).figure("stages")
            ('stages', 'stages_2')
        """
        return name if not self.several else f"{name}_{self.index}"

    def source(self, data_path: str | os.PathLike) -> str:
        """The source line under this part's figures: the ledger file and the programme.

        Examples:
            >>> from analysis.ledger import Ledger
            >>> Part("甲项目", Ledger()).source("/home/me/台账.xlsx")
            '甲项目 工作台账 台账.xlsx'
        """
        from analysis.report.sources import ledger_source

        return ledger_source(data_path, self.name)

    def span(self, table: str) -> str:
        """The years of one of this part's tables for a title: ``2021–2023年`` (or ``""``).

        Examples:
            >>> from analysis.ledger import Ledger
            >>> led = Ledger()
            >>> led.events = pd.DataFrame({"year": [2023, 2021]})
            >>> Part("甲", led).span("events"), Part("甲", led).span("budget")
            ('2021–2023年', '')
        """
        from analysis.report.scoping import years_text

        frame = getattr(self.ledger, table)
        return years_text(frame["year"]) if "year" in frame.columns else ""

    def heading(self) -> None:
        """Show the programme's name as a sub-heading when the ledger holds several."""
        if self.several:
            show_text(f"### {self.index}. {self.name}")

    def absent(self, what: str, rest: str = "本节从略。") -> str:
        """The sentence for a section left out because this part has no ``what``.

        Examples:
            >>> from analysis.ledger import Ledger
            >>> Part("甲", Ledger()).absent("5G应用案例")
            '本台账没有5G应用案例，本节从略。'
            >>> Part("甲", Ledger(), 1, 2).absent("5G应用案例")
            '甲：没有5G应用案例，本节从略。'
        """
        if self.several:
            return f"{self.name}：没有{what}，{rest}"
        return f"本台账没有{what}，{rest}"

    def title(self, text: str) -> str:
        """A figure title, prefixed with the programme's name when there are several.

        Examples:
            >>> from analysis.ledger import Ledger
            >>> two, one = Part("甲项目", Ledger(), 1, 2), Part("甲", Ledger())
            >>> two.title("签约金额"), one.title("签约金额")
            ('甲项目：签约金额', '签约金额')
        """
        return f"{self.name}：{text}" if self.several and self.name else text


def programme_names(ledger: Ledger) -> list[str]:
    """The programmes a ledger names, in the order they first appear.

    Examples:
        >>> from analysis.ledger import Ledger
        >>> led = Ledger()
        >>> led.events = pd.DataFrame({"programme": ["乙", "甲", "乙", None]})
        >>> programme_names(led)
        ['乙', '甲']
    """
    names: dict[str, None] = {}
    for table_name in _PROGRAMME_TABLES:
        table = getattr(ledger, table_name)
        if "programme" not in table.columns or table.empty:
            continue
        for value in table["programme"].dropna().astype(str):
            value = value.strip()
            if value:
                names.setdefault(value)
    return list(names)


def programme_parts(ledger: Ledger, programme: str | None = None) -> list[Part]:
    """Split a ledger into one part per programme, for notebooks to show one section each.

    Means, medians and rates are computed per part, never across programmes. A ledger
    with one programme (or none named) is one part, unchanged.

    Args:
        ledger: The loaded (and already scoped) ledger.
        programme: The programme the report was asked for; then only that one part.

    Examples:
        >>> from analysis.ledger import Ledger
        >>> led = Ledger()
        >>> led.events = pd.DataFrame({"programme": ["甲", "乙", "甲"], "event_id": list("123")})
        >>> [(p.name, len(p.ledger.events), p.index, p.count) for p in programme_parts(led)]
        [('甲', 2, 1, 2), ('乙', 1, 2, 2)]
    """
    from analysis.report.scoping import scoped_ledger

    names = [programme] if programme else programme_names(ledger)
    if len(names) <= 1:
        return [Part(names[0] if names else None, ledger)]
    return [
        Part(name, scoped_ledger(ledger, name), i, len(names))
        for i, name in enumerate(names, start=1)
    ]


_UNSAFE_FILE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_stem(text: str, limit: int = 60) -> str:
    """A file-name-safe stem from a programme or file name (keeps Chinese, drops ``/\\:*?"<>|``).

    Examples:
        >>> file_stem("某市/区“科创中国”: 2023"), file_stem("  "), file_stem("=1+1")
        ('某市_区“科创中国”_ 2023', 'report', '1+1')
    """
    stem = _UNSAFE_FILE.sub("_", str(text)).strip(" ._")
    # A leading = + - @ could read as a formula where the name is shown in a cell.
    stem = stem.lstrip("=+-@").strip(" ._")
    return stem[:limit] or "report"


def measure_values(long: pd.DataFrame, measure: str, key: str | None = None) -> pd.Series:
    """The values of one measure of a long indicator table, indexed by ``key`` when given.

    Examples:
        >>> long = pd.DataFrame({"year": [2022, 2023, 2023], "measure": ["a", "a", "b"],
        ...     "value": [1.0, 2.0, 3.0]})
        >>> measure_values(long, "a", "year").to_dict()
        {2022: 1.0, 2023: 2.0}
    """
    rows = long[long["measure"] == measure] if len(long) else long
    if key is None:
        return rows["value"].reset_index(drop=True) if len(rows) else pd.Series(dtype=float)
    if not len(rows):
        return pd.Series(dtype=float)
    return rows.set_index(key)["value"]


def measure_qualifiers(long: pd.DataFrame, measure: str, key: str) -> pd.Series:
    """The qualifiers of one measure, indexed by ``key`` (``exact`` where none is stored).

    Examples:
        >>> long = pd.DataFrame({"year": [2023], "measure": ["a"], "value": [1.0],
        ...     "qualifier": ["at_least"]})
        >>> measure_qualifiers(long, "a", "year").to_dict()
        {2023: 'at_least'}
    """
    rows = long[long["measure"] == measure] if len(long) else long
    if not len(rows):
        return pd.Series(dtype=str)
    if "qualifier" not in rows.columns:
        return pd.Series("exact", index=rows[key])
    return rows.set_index(key)["qualifier"].fillna("exact").astype(str)


def name_missing(long: pd.DataFrame, column: str, text: str) -> pd.DataFrame:
    """``long`` with blank keys in ``column`` named ``text``, so tables and sentences show them.

    A deal without a conversion mode, or an event without a type, still counts in the
    totals; a table or sentence that dropped its row would not add up.

    Examples:
        >>> long = pd.DataFrame({"mode": ["transfer", None], "value": [3.0, 2.0]})
        >>> name_missing(long, "mode", "未写明转化方式")["mode"].tolist()
        ['transfer', '未写明转化方式']
    """
    if column not in long.columns or not long[column].isna().any():
        return long
    return long.assign(**{column: long[column].astype(object).where(long[column].notna(), text)})
