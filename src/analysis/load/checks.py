"""Checks across rows and tables: unique ids, references, the long table's unit columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from analysis.ledger import id_text, signed_stage
from analysis.load.cells import normalise_header, qualifier_categorical
from analysis.quantities import UNIT_LABELS
from analysis.schema import QUALIFIERS, TABLES, Table

SIGNING_LABEL_INTENTION = TABLES["signings"].column("stage").choices["intention"]


def long_table_columns(
    out: dict[str, pd.Series],
    errors: dict[str, np.ndarray],
    quals: dict[str, np.ndarray],
    units: dict[str, np.ndarray],
) -> None:
    """Statistics: explicit unit/qualifier columns win; blanks come from the value text."""
    n = len(out["value"])
    qualifier_codes = {normalise_header(k): k for k in QUALIFIERS} | {
        normalise_header(v): k for k, v in QUALIFIERS.items()
    }
    unit_codes = {normalise_header(k): k for k in UNIT_LABELS}
    for name, codes, parsed, what in (
        ("qualifier", qualifier_codes, quals.get("value"), "限定 qualifier"),
        ("unit", unit_codes, units.get("value"), "单位 unit"),
    ):
        given = out[name].to_numpy(dtype=object, na_value=None)
        lookup = {v: codes.get(normalise_header(v), "?") for v in pd.unique(out[name].dropna())}
        mapped = np.array(pd.Series(given).map(lookup).astype(object), dtype=object)
        mapped[pd.isna(mapped)] = None
        bad = mapped == "?"
        if bad.any():
            errs = errors.setdefault(name, np.full(n, None, dtype=object))
            errs[bad] = f"未知的{what}，应为 {'/'.join(dict.fromkeys(codes.values()))}"
            mapped[bad] = None
        if parsed is not None:
            mapped = np.where(pd.isna(given), parsed, mapped)
        if name == "qualifier":
            out[name] = pd.Series(qualifier_categorical(mapped), index=out["value"].index)
        else:
            out[name] = pd.Series(pd.array(mapped, dtype="str"), index=out["value"].index)


def check_key(
    table: Table,
    out: dict[str, pd.Series],
    errors: dict[str, np.ndarray],
    excel_rows: np.ndarray,
) -> None:
    """A repeated id: every repeat after the first is an error that names the first row."""
    key = table.key
    if key is None:
        return
    values = out[key]
    present = values.notna().to_numpy()
    if present.all() and values.is_unique:  # the usual sheet: a distinct count settles it
        return
    dup = values.duplicated(keep="first").to_numpy() & present
    if not dup.any():
        return
    first = pd.Series(excel_rows[present & ~dup], index=values[present & ~dup].to_numpy())
    errs = errors[key]
    for i in np.flatnonzero(dup):
        row = int(first[values.iat[i]])
        reason = f"编号重复，首次出现在第 {row} 行 (duplicate id, first at row {row})"
        errs[i] = reason if errs[i] is None else errs[i]


def key_positions(keys: pd.Series, values: pd.Series) -> np.ndarray:
    """Position of each of ``values`` in the distinct ``keys`` (-1 where none is equal),
    compared as text in Arrow, without a Python object per id.

    Examples:
        >>> key_positions(pd.Series(["S1", "S2"], dtype="str"), pd.Series(["S2", "S9", None]))
        array([ 1, -1, -1])
    """
    found = pc.index_in(id_text(values), value_set=id_text(keys).combine_chunks())
    return pc.fill_null(found, -1).to_numpy().astype(np.int64)


def check_refs(
    table: Table,
    accepted: dict,
    out: dict[str, pd.Series],
    errors: dict[str, np.ndarray],
) -> None:
    """References to other tables: to their accepted rows, and landings to signed deals."""
    for column in table.columns:
        if not column.ref or column.ref.startswith("divisions.") or column.name not in errors:
            continue
        ref_table, ref_column = column.ref.split(".")
        target = accepted.get(ref_table)
        values = out[column.name]
        given = values.notna().to_numpy() & (errors[column.name] == None)  # noqa: E711
        if not given.any():
            continue
        zh = TABLES[ref_table].zh
        known = target.frame[ref_column] if target is not None else pd.Series(dtype="str")
        position = key_positions(known, values)
        found = position >= 0
        errs = errors[column.name]
        for i in np.flatnonzero(given & ~found):
            value = values.iat[i]
            if target is None:
                errs[i] = f"没有“{zh}”表，无法核对编号 (refers to missing table {ref_table})"
            elif value in target.rejected_rows:
                row = target.rejected_rows[value]
                errs[i] = f"对应的“{zh}”第 {row} 行已被拒绝 (refers to a rejected {ref_table} row)"
            else:
                errs[i] = f"“{zh}”表中没有这个编号 (unknown {ref_table} id)"
        if column.ref == "signings.signing_id" and target is not None:
            signed = np.zeros(len(values), dtype=bool)
            signed[found] = signed_stage(target.frame["stage"])[position[found]]
            for i in np.flatnonzero(given & found & ~signed):
                errs[i] = (
                    f"对应签约仍为“{SIGNING_LABEL_INTENTION}”阶段，不能落地 "
                    "(signing is not at stage signed)"
                )
