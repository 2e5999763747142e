"""Fixtures and row builders for indicator tests: small ledgers typed as the loader types them."""

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


def signing(signing_id: str, stage: str, mode: str, date: str = "2023-03-01", **fields) -> dict:
    """A signings row of programme P in 南昌, field 低空, titled by its id; ``fields`` override."""
    row = dict(
        signing_id=signing_id,
        programme="P",
        title=signing_id,
        stage=stage,
        mode=mode,
        region="南昌",
        field="低空",
        date=date,
    )
    return row | fields


def event(event_id: str, name: str, event_type: str, date: str, **fields) -> dict:
    """An events row of programme P in 南昌; ``fields`` add counts or override the defaults."""
    row = dict(
        event_id=event_id,
        programme="P",
        name=name,
        event_type=event_type,
        region="南昌",
        date=date,
    )
    return row | fields


def fiveg_case(case_id: str, division: str, year: int, pilot=False, **fields) -> dict:
    """A 5G case row of programme P in 南昌, named by its id; ``fields`` override the defaults."""
    row = dict(
        case_id=case_id,
        programme="P",
        name=case_id,
        division_code=division,
        region="南昌",
        year=year,
        national_pilot=pilot,
    )
    return row | fields


def budget_line(line_id: str, phase: str, planned: float, **fields) -> dict:
    """A budget row of programme P in 2023; ``fields`` add ``spent`` or override the defaults."""
    return dict(line_id=line_id, programme="P", year=2023, phase=phase, planned=planned) | fields


def by_measure(table: pd.DataFrame, **where) -> dict:
    """Measure → (value, qualifier) of the rows of ``table`` where each column equals its value."""
    for column, value in where.items():
        table = table[table[column] == value]
    return table.set_index("measure")[["value", "qualifier"]].apply(tuple, axis=1).to_dict()


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
