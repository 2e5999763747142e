"""Pandera schemas built from ``analysis.schema``: the last gate on loaded tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis.coerce import UNIT_LABELS, YEAR_RANGE
from analysis.schema import QUALIFIERS, Column, Table

#: pandas 3 default string dtype (``"str"``): missing values are NaN.
STR_DTYPE = pd.StringDtype(na_value=np.nan)

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
        >>> output_columns(__import__("analysis.schema").schema.TABLES["conversions"])
        ['conversion_id', 'signing_id', 'date', 'year', 'value', 'value_qualifier', 'note', '_row']
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


def table_schema(table: Table, divisions: frozenset[str]) -> pa.DataFrameSchema:
    """Build the pandera schema of a loaded ``table``.

    Checks dtypes, required (non-null) columns, uniqueness of the key,
    allowed categories, year and date ranges, non-negative quantities and
    division codes.

    Args:
        table: Table definition from ``analysis.schema``.
        divisions: Valid two-digit GB/T 4754 division codes.

    Examples:
        >>> from analysis.schema import TABLES
        >>> schema = table_schema(TABLES["conversions"], frozenset())
        >>> schema.columns["conversion_id"].unique, schema.columns["value"].nullable
        (True, True)
    """
    low, high = YEAR_RANGE
    columns: dict[str, pa.Column] = {}
    for column in table.columns:
        checks: list[pa.Check] = []
        if column.kind == "category":
            checks.append(pa.Check.isin(list(column.choices or {})))
        elif column.kind == "year":
            checks.append(pa.Check.in_range(low, high))
        elif column.kind == "date":
            checks.append(pa.Check.in_range(pd.Timestamp(low, 1, 1), pd.Timestamp(high, 12, 31)))
        elif column.kind == "quantity":
            checks.append(pa.Check.ge(0))
        elif column.kind == "division":
            checks.append(pa.Check.isin(sorted(divisions)))
        if table.name in LONG_TABLES and column.name == "unit":
            checks.append(pa.Check.isin(list(UNIT_LABELS)))
        columns[column.name] = pa.Column(
            column_dtype(column, table),
            checks=checks,
            nullable=not column.required,
            unique=column.name == table.key,
        )
        if has_companion(table, column):
            columns[f"{column.name}_qualifier"] = pa.Column(
                pd.CategoricalDtype(list(QUALIFIERS)), nullable=not column.required
            )
    columns["_row"] = pa.Column("int64", pa.Check.ge(1), unique=True)
    return pa.DataFrameSchema(columns, strict=True, ordered=True, name=table.name)
