"""Fixtures for indicator tests: small ledgers typed the way the loader types them."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.ledger import Ledger, empty_table
from analysis.schema import QUALIFIERS, TABLES


def typed_table(name: str, rows: list[dict] | None = None) -> pd.DataFrame:
    """A table of ``name`` with the loader's dtypes: categoricals, datetimes, Int64, float64.

    Columns not given are blank; a quantity given without its qualifier is exact.
    """
    frame = pd.DataFrame(rows or [], columns=list(empty_table(name).columns))
    for column in TABLES[name].columns:
        values = frame[column.name]
        if column.kind == "category":
            frame[column.name] = pd.Categorical(values, categories=list(column.choices))
        elif column.kind == "date":
            frame[column.name] = pd.to_datetime(values)
        elif column.kind == "year":
            frame[column.name] = pd.to_numeric(values).astype("Int64")
        elif column.kind == "quantity":
            frame[column.name] = pd.to_numeric(values).astype("float64")
            given = frame[f"{column.name}_qualifier"].astype("object")
            qual = given.where(given.notna(), "exact").where(values.notna())
            frame[f"{column.name}_qualifier"] = pd.Categorical(qual, categories=list(QUALIFIERS))
        elif column.kind == "bool":
            frame[column.name] = values.astype("boolean")
        else:
            frame[column.name] = values.astype("object")
    return frame


@pytest.fixture
def make_ledger():
    """Build a ``Ledger`` from lists of row dicts, one keyword per table."""

    def build(**tables: list[dict]) -> Ledger:
        return Ledger(**{name: typed_table(name, rows) for name, rows in tables.items()})

    return build


@pytest.fixture
def seed_quotes():
    """Return a check: seed prefix (``"004"``) and locator quotes → assert each is in the text.

    Skips the test when the seed reports are absent (they live outside the repository).
    """
    from analysis.paths import SHARED_SEEDS

    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"seed reports not found at {SHARED_SEEDS} (set ANALYSIS_SHARED_SEEDS)")

    def check(prefix: str, *quotes: str) -> None:
        (path,) = sorted(SHARED_SEEDS.glob(f"{prefix}_*.txt"))
        text = path.read_text(encoding="utf-8")
        for quote in quotes:
            assert quote in text, f"{path.name} no longer says {quote!r}"

    return check
