"""Pandera schemas built from ``analysis.schema``: the last gate on loaded tables."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from analysis.ledger import LONG_TABLES, column_dtype, has_companion
from analysis.quantities import UNIT_LABELS
from analysis.schema import QUALIFIERS, YEAR_RANGE, Table

#: Schemas built so far, by table object and divisions (the table is kept, so that its id
#: is not reused): every load validates the same few tables.
_BUILT: dict[tuple[int, frozenset[str]], tuple[Table, pa.DataFrameSchema]] = {}


def table_schema(table: Table, divisions: frozenset[str]) -> pa.DataFrameSchema:
    """The pandera schema of a loaded ``table``, built once per table and divisions.

    Examples:
        >>> from analysis.schema import TABLES
        >>> events = TABLES["events"]
        >>> table_schema(events, frozenset()) is table_schema(events, frozenset())
        True
    """
    key = (id(table), divisions)
    if key not in _BUILT:
        _BUILT[key] = (table, build_schema(table, divisions))
    return _BUILT[key][1]


def build_schema(table: Table, divisions: frozenset[str]) -> pa.DataFrameSchema:
    """Build the pandera schema of a loaded ``table``.

    Checks dtypes, required (non-null) columns, uniqueness of the key,
    allowed categories, year and date ranges, non-negative quantities and
    division codes.

    Args:
        table: Table definition from ``analysis.schema``.
        divisions: Valid two-digit GB/T 4754 division codes.

    Examples:
        >>> from analysis.schema import TABLES
        >>> schema = build_schema(TABLES["conversions"], frozenset())
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
