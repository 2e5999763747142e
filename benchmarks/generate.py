"""Seeded large synthetic ledgers for the benchmarks: Parquet tables and a big ``.xlsx``.

Usage: ``PYTHONPATH=src python benchmarks/generate.py [--rows 1000000 10000000] [--xlsx 200000]``.

A ledger of ``rows`` deals has ``rows`` signings (intentions and signed deals; the
conversions follow from them, about 28% of the signings), ``rows // 10`` events and
``rows`` 5G cases, drawn by ``analysis.devtools.synthetic.make_ledger`` (vectorised numpy). The
tables are stored as the loader returns them (``analysis.load.gate`` dtypes:
categoricals, ``str``, ``Int64``, qualifier categoricals, ``_row``), one Parquet file per
table under ``benchmarks/data/ledger_<rows>/``, so every benchmark starts from the same
typed tables. The workbook is written with openpyxl's write-only mode (the library
writer formats every cell and is slow at this size); its cells are the ones
``analysis.export.ledger_workbook`` writes, including the analysts' qualified texts (“近300人”).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.devtools.synthetic import PROGRAMME, make_ledger
from analysis.export.ledger_workbook import _cells
from analysis.export.safe import atomic_path, is_formula_like
from analysis.ledger import Ledger, column_dtype, has_companion, output_columns
from analysis.schema import LEDGER_TABLES, QUALIFIERS, TABLES

DATA = Path(__file__).resolve().parent / "data"
SEED = 20240601
#: The dtype of every ``<column>_qualifier`` column once loaded.
QUALIFIER_DTYPE = pd.CategoricalDtype(list(QUALIFIERS))
#: Events and 5G cases per deal row in a generated ledger.
EVENTS_PER_ROW = 0.1
CASES_PER_ROW = 1.0


def ledger_sizes(rows: int) -> dict[str, int]:
    """``make_ledger`` sizes for a ledger of ``rows`` deals.

    Examples:
        >>> ledger_sizes(1_000_000)
        {'n_events': 100000, 'n_signings': 1000000, 'n_cases': 1000000, 'n_divisions': 97}
    """
    return {
        "n_events": max(int(rows * EVENTS_PER_ROW), 10),
        "n_signings": rows,
        "n_cases": max(int(rows * CASES_PER_ROW), 97),
        "n_divisions": 97,
    }


def as_loaded(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Cast generated tables to the columns and dtypes ``load_ledger`` returns.

    The analysts' ``<column>_text`` cells are dropped (the loader parses them into the value
    and qualifier, which the generator already holds) and ``_row`` numbers the rows as a
    sheet with one header row would.

    Examples:
        >>> t = as_loaded(make_ledger(1, n_events=5, n_signings=5, n_cases=5, n_divisions=2))
        >>> str(t["signings"]["mode"].dtype), str(t["signings"]["year"].dtype)
        ('category', 'Int64')
        >>> list(t["conversions"].columns)[-2:]
        ['note', '_row']
    """
    out: dict[str, pd.DataFrame] = {}
    for name, frame in tables.items():
        table = TABLES[name]
        data: dict[str, object] = {}
        for column in table.columns:
            dtype = column_dtype(column, table)
            series = frame[column.name] if column.name in frame else pd.Series(index=frame.index)
            if column.kind == "bool":
                series = series.astype("boolean")
            data[column.name] = series.astype(dtype)
            if has_companion(table, column):
                qualifier = f"{column.name}_qualifier"
                data[qualifier] = frame[qualifier].astype(QUALIFIER_DTYPE)
        data["_row"] = np.arange(2, len(frame) + 2, dtype="int64")
        out[name] = pd.DataFrame(data, index=pd.RangeIndex(len(frame)))[output_columns(table)]
    return out


def ledger_dir(rows: int, root: Path = DATA) -> Path:
    """Folder of the Parquet ledger of ``rows`` deals.

    Examples:
        >>> ledger_dir(1_000_000, Path("d")).as_posix()
        'd/ledger_1000000'
    """
    return root / f"ledger_{rows}"


def write_parquet(rows: int, root: Path = DATA, seed: int = SEED) -> Path:
    """Generate the ledger of ``rows`` deals and write one Parquet file per table.

    Returns the folder. A ``done`` marker is written last, so a half-written folder is
    generated again.
    """
    folder = ledger_dir(rows, root)
    folder.mkdir(parents=True, exist_ok=True)
    tables = as_loaded(make_ledger(seed, **ledger_sizes(rows)))
    for name, frame in tables.items():
        with atomic_path(folder / f"{name}.parquet") as tmp:
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)
    (folder / "done").write_text(f"seed={seed}\n", encoding="utf-8")
    return folder


def ensure_parquet(rows: int, root: Path = DATA, seed: int = SEED) -> Path:
    """The Parquet ledger folder of ``rows`` deals, generated first if missing."""
    folder = ledger_dir(rows, root)
    if (folder / "done").exists():
        return folder
    return write_parquet(rows, root, seed)


def read_ledger(folder: Path) -> Ledger:
    """Read a Parquet ledger written by ``write_parquet`` into a ``Ledger``."""
    frames = {name: pd.read_parquet(folder / f"{name}.parquet") for name in LEDGER_TABLES}
    return Ledger(**frames)


def xlsx_sizes(rows: int) -> dict[str, int]:
    """``make_ledger`` sizes giving a workbook of about ``rows`` data rows in all.

    Signings make ~65% of the rows, their conversions ~18%, events and 5G cases the rest.

    Examples:
        >>> ledger_sizes(10)["n_signings"], xlsx_sizes(200_000)["n_signings"]
        (10, 130000)
    """
    return {
        "n_events": max(rows // 20, 10),
        "n_signings": max(rows * 13 // 20, 10),
        "n_cases": max(rows // 10, 97),
        "n_divisions": 97,
    }


def xlsx_path(rows: int, root: Path = DATA) -> Path:
    """Path of the benchmark workbook of about ``rows`` rows."""
    return root / f"ledger_{rows}.xlsx"


def write_xlsx(rows: int, root: Path = DATA, seed: int = SEED) -> Path:
    """Write a ledger workbook of about ``rows`` data rows with openpyxl's write-only mode.

    One sheet per table, Chinese sheet names and headers in the first row, the cells
    ``analysis.export.ledger_workbook`` would write (dates as dates, quantities as numbers or the
    analyst's text, categories as their Chinese labels).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    path = xlsx_path(rows, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    tables = make_ledger(seed, **xlsx_sizes(rows))
    wb = Workbook(write_only=True)
    wb.properties.title = PROGRAMME
    for name in LEDGER_TABLES:
        table, frame = TABLES[name], tables[name]
        ws = wb.create_sheet(table.zh)
        ws.append([column.zh for column in table.columns])
        columns = [_cells(frame, column) for column in table.columns]
        for row in zip(*columns, strict=True):
            ws.append([_text_cell(ws, v, WriteOnlyCell) if _formula_like(v) else v for v in row])
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _formula_like(value: object) -> bool:
    return isinstance(value, str) and is_formula_like(value)


def _text_cell(ws, value: str, cell_class):
    # Write-only cells turn "=..." into formulas; keep user text as text.
    cell = cell_class(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def ensure_xlsx(rows: int, root: Path = DATA, seed: int = SEED) -> Path:
    """The benchmark workbook of about ``rows`` rows, written first if missing."""
    path = xlsx_path(rows, root)
    return path if path.exists() else write_xlsx(rows, root, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000_000, 10_000_000])
    parser.add_argument("--xlsx", type=int, nargs="*", default=[200_000])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args(argv)
    for rows in args.rows:
        t0 = time.perf_counter()
        folder = write_parquet(rows, args.out, args.seed)
        print(f"{folder}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    for rows in args.xlsx:
        t0 = time.perf_counter()
        path = write_xlsx(rows, args.out, args.seed)
        print(f"{path}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
