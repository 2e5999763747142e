"""The in-memory ledger: one validated DataFrame per table, plus the load report."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import pandas as pd

from analysis.schema import TABLES


def empty_table(name: str) -> pd.DataFrame:
    """Return an empty DataFrame with the columns of table ``name``.

    Quantity columns come with their ``<column>_qualifier`` companion.

    Examples:
        >>> list(empty_table("conversions").columns)[:3]
        ['conversion_id', 'signing_id', 'date']
    """
    columns: list[str] = []
    for column in TABLES[name].columns:
        columns.append(column.name)
        if column.kind == "quantity":
            columns.append(f"{column.name}_qualifier")
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


@dataclass
class Ledger:
    """A programme ledger (工作台账) as validated tables.

    Each attribute is a DataFrame with the English column names of
    ``analysis.schema``. A ``quantity`` column holds floats in base units
    (yuan, persons, ...) and is followed by ``<column>_qualifier`` holding
    ``exact``/``approx``/``at_least``/``at_most``. Tables missing from the
    source are empty, with their columns.

    Examples:
        >>> Ledger().signings.empty
        True
    """

    programmes: pd.DataFrame = field(default_factory=lambda: empty_table("programmes"))
    events: pd.DataFrame = field(default_factory=lambda: empty_table("events"))
    signings: pd.DataFrame = field(default_factory=lambda: empty_table("signings"))
    conversions: pd.DataFrame = field(default_factory=lambda: empty_table("conversions"))
    fiveg_cases: pd.DataFrame = field(default_factory=lambda: empty_table("fiveg_cases"))
    budget: pd.DataFrame = field(default_factory=lambda: empty_table("budget"))
    targets: pd.DataFrame = field(default_factory=lambda: empty_table("targets"))
    report: object | None = None

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables by name, in workbook order.

        Examples:
            >>> list(Ledger().tables())[:2]
            ['programmes', 'events']
        """
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "report"}
