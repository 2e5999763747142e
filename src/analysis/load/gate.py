"""Pandera schemas built from ``analysis.schema``: the last gate on loaded tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from analysis.ledger import LONG_TABLES, column_dtype, has_companion
from analysis.quantities import UNIT_LABELS
from analysis.schema import QUALIFIERS, YEAR_RANGE, Table

#: Schemas built so far, by table object and divisions (the table is kept, so that its id
#: is not reused): every load validates the same few tables.
_BUILT: dict[tuple[int, frozenset[str]], tuple[Table, pa.DataFrameSchema]] = {}
#: pandera's types of the pandas dtypes seen so far (``_engine_dtype``).
_ENGINE_DTYPES: dict[object, object] = {}


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


def surely_valid(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> bool:
    """Whether ``frame`` passes ``schema`` for sure, told by a few vectorised tests.

    pandera spends about 2 ms on each column whatever its length, more than the loader's
    own work on a small sheet, and the gate should never fail. This reads the schema's own
    columns, dtypes (with pandera's dtype test), nullability, uniqueness and the built-in
    checks ``build_schema`` uses (isin, in_range, ge, nulls ignored as pandera ignores
    them), and says True only when every one holds. Anything else (another check, a frame
    check, a regex column, any failure) gives False: then pandera validates and names the
    failures.

    Examples:
        >>> from analysis.schema import TABLES
        >>> from analysis.ledger import empty_frame
        >>> schema = build_schema(TABLES["budget"], frozenset())
        >>> frame = empty_frame(TABLES["budget"])
        >>> surely_valid(schema, frame)
        True
        >>> surely_valid(schema, frame.iloc[:, ::-1])  # columns out of order
        False
    """
    if not (schema.strict is True and schema.ordered) or schema.checks or schema.unique:
        return False
    if schema.index is not None or schema.coerce or list(frame.columns) != list(schema.columns):
        return False
    return all(_column_holds(column, frame[name]) for name, column in schema.columns.items())


def _engine_dtype(dtype):
    """pandera's type for a pandas dtype, looked up once per dtype (the lookup is slow)."""
    # A categorical dtype hashes its categories each time: its few categories are the key.
    key = (
        ("category", tuple(dtype.categories), dtype.ordered)
        if isinstance(dtype, pd.CategoricalDtype)
        else dtype
    )
    if key not in _ENGINE_DTYPES:
        _ENGINE_DTYPES[key] = pandas_engine.Engine.dtype(dtype)
    return _ENGINE_DTYPES[key]


def _column_holds(column: pa.Column, values: pd.Series) -> bool:
    if column.regex or column.coerce or column.dtype is None:
        return False
    # pandera's own dtype test, called as pandera calls it: text dtypes answer per element.
    fits = column.dtype.check(_engine_dtype(values.dtype), values)
    if not (fits if isinstance(fits, bool) else bool(np.all(fits))):
        return False
    missing = values.isna().to_numpy(dtype=bool)
    if not column.nullable and missing.any():
        return False
    if column.unique and not values.is_unique:
        return False
    if not column.checks:
        return True
    known = values[~missing] if missing.any() else values
    return all(_check_holds(check, known) for check in column.checks)


def _check_holds(check: pa.Check, known: pd.Series) -> bool:
    """One built-in check on the column's non-null values; False for any other check."""
    if not check.ignore_na or check.groupby is not None or check.element_wise:
        return False
    stats = check.statistics or {}
    if check.name == "isin":
        allowed = stats["allowed_values"]
        if isinstance(known.dtype, pd.CategoricalDtype) and set(known.dtype.categories) <= set(
            allowed
        ):
            return True  # a categorical holds nothing but its categories
        return bool(known.isin(allowed).all())
    if check.name == "greater_than_or_equal_to":
        return bool(np.all(known >= stats["min_value"]))
    if check.name == "in_range":
        low, high = stats["min_value"], stats["max_value"]
        above = known >= low if stats.get("include_min", True) else known > low
        below = known <= high if stats.get("include_max", True) else known < high
        return bool(np.all(above & below))
    return False
