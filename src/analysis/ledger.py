"""The in-memory ledger: one validated DataFrame per table, plus the load report."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.schema import QUALIFIERS, TABLES, Column, Table

#: pandas 3 default string dtype (``"str"``): missing values are NaN.
STR_DTYPE = pd.StringDtype(na_value=np.nan)


def id_text(column: pd.Series) -> pa.ChunkedArray:
    """An id column as Arrow ``large_string``, to compare ids as text: categorical, object
    and ``str`` columns can meet.

    Examples:
        >>> id_text(pd.Series(pd.Categorical(["S1", None]))).to_pylist()
        ['S1', None]
    """
    if not (pd.api.types.is_string_dtype(column) and not pd.api.types.is_object_dtype(column)):
        column = column.astype("str")
    array = pa.chunked_array(pa.array(column, from_pandas=True))
    return array.cast(pa.large_string()) if array.type != pa.large_string() else array


#: Stages that mean a contract was signed (a landed deal was signed first).
SIGNED_STAGES = ("signed", "landed")


def signed_stage(stage: pd.Series) -> np.ndarray:
    """Whether each row's stage is a signed one (``SIGNED_STAGES``), as ``isin`` tells.

    A loaded stage column is categorical: its few categories are looked up, and every row
    reads its answer by code (-1, a blank stage, reads the trailing False).

    Examples:
        >>> signed_stage(pd.Series(pd.Categorical(["landed", None, "intention"]))).tolist()
        [True, False, False]
    """
    if isinstance(stage.dtype, pd.CategoricalDtype):
        answers = np.append(stage.cat.categories.isin(SIGNED_STAGES), False)
        return answers[stage.cat.codes.to_numpy()]
    return stage.isin(SIGNED_STAGES).to_numpy(dtype=bool)


#: The statistics long table carries its unit and qualifier in columns of its own, so its
#: ``value`` gets no ``value_qualifier`` companion and its ``qualifier`` is categorical.
LONG_TABLES = frozenset({"statistics"})


def has_companion(table: Table, column: Column) -> bool:
    """Whether ``column`` is followed by a ``<name>_qualifier`` column once loaded.

    Examples:
        >>> from analysis.schema import TABLES
        >>> has_companion(TABLES["signings"], TABLES["signings"].column("value"))
        True
        >>> has_companion(TABLES["statistics"], TABLES["statistics"].column("value"))
        False
    """
    return column.kind == "quantity" and table.name not in LONG_TABLES


def output_columns(table: Table) -> list[str]:
    """Column names of a loaded table: schema columns, qualifier companions, then ``_row``.

    Examples:
        >>> output_columns(__import__("analysis.schema").schema.TABLES["budget"])[-4:]
        ['spent', 'spent_qualifier', 'note', '_row']
    """
    names: list[str] = []
    for column in table.columns:
        names.append(column.name)
        if has_companion(table, column):
            names.append(f"{column.name}_qualifier")
    return [*names, "_row"]


def column_dtype(column: Column, table: Table | None = None) -> object:
    """The pandas dtype a loaded column has.

    Examples:
        >>> column_dtype(Column("year", "年度", kind="year"))
        'Int64'
    """
    kind = column.kind
    if table is not None and table.name in LONG_TABLES and column.name == "qualifier":
        return pd.CategoricalDtype(list(QUALIFIERS))
    if kind == "category":
        return pd.CategoricalDtype(list(column.choices or {}))
    return {
        "date": "datetime64[ns]",
        "year": "Int64",
        "int": "Int64",
        "quantity": "float64",
        "bool": "boolean",
    }.get(kind, STR_DTYPE)


def empty_frame(table: Table) -> pd.DataFrame:
    """An empty table with the loader's column names and dtypes.

    Examples:
        >>> from analysis.schema import TABLES
        >>> empty_frame(TABLES["events"])["date"].dtype
        dtype('<M8[ns]')
    """
    data: dict[str, pd.Series] = {}
    for column in table.columns:
        data[column.name] = pd.Series(dtype=column_dtype(column, table))
        if has_companion(table, column):
            data[f"{column.name}_qualifier"] = pd.Series(
                pd.Categorical([], categories=list(QUALIFIERS))
            )
    data["_row"] = pd.Series(dtype="int64")
    return pd.DataFrame(data)


def empty_table(name: str) -> pd.DataFrame:
    """An empty table ``name`` with the loader's columns and dtypes (see ``empty_frame``).

    Examples:
        >>> t = empty_table("conversions")
        >>> str(t["date"].dtype), str(t["value"].dtype), list(t["value_qualifier"].cat.categories)
        ('datetime64[ns]', 'float64', ['exact', 'approx', 'at_least', 'at_most'])
    """
    return empty_frame(TABLES[name])


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
