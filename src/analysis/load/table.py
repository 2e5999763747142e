"""Load one table: find the header, coerce the cells, check keys and references, account."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis.ledger import LONG_TABLES, empty_frame, has_companion, output_columns
from analysis.load.accounting import LoadReport, Rejection, TableCount
from analysis.load.cells import (
    cell_text,
    coerce_column,
    header_scale,
    is_blank,
    normalise_header,
    qualifier_categorical,
)
from analysis.load.gate import table_schema
from analysis.load.sources import Source
from analysis.load.text import repair_mojibake
from analysis.quantities import UNIT_LABELS
from analysis.schema import QUALIFIERS, TABLES

#: How many rows from the top of a sheet are searched for the header row.
HEADER_SEARCH_ROWS = 10
REQUIRED_MISSING = "必填项为空 (required value missing)"


@dataclass
class Accepted:
    """What later tables need from an earlier one to check references."""

    frame: pd.DataFrame
    rejected_rows: dict[str, int]


class TableLoader:
    """Coerce and check the rows of one source, recording rejections in the report."""

    def __init__(
        self,
        source: Source,
        report: LoadReport,
        divisions: frozenset[str],
        accepted: dict[str, Accepted],
    ) -> None:
        self.source = source
        self.table = source.table
        self.report = report
        self.divisions = divisions
        self.accepted = accepted
        self.rejections: list[Rejection] = []
        #: Key value → Excel row of rejected rows, to explain references to them.
        self.rejected_keys: dict[str, int] = {}
        #: Column name → header as the user wrote it.
        self.written: dict[str, str] = {}
        #: Column name → multiplier from a unit in its header (合同金额（万元）: 10000).
        self.scales: dict[str, float] = {}

    def reject(self, row: int | None, column: str | None, value: object, reason: str) -> None:
        self.rejections.append(
            Rejection(
                self.table.name,
                self.source.file,
                self.source.sheet,
                row,
                column,
                cell_text(value),
                reason,
            )
        )

    def warn(self, text: str) -> None:
        where = self.source.file + (f"［{self.source.sheet}］" if self.source.sheet else "")
        self.report.warnings.append(f"{where}：{text}")

    def find_header(self) -> tuple[int, dict[int, str], dict[str, str]] | None:
        """Header row index, sheet column index → column name, column name → header text."""
        known = {normalise_header(h): c.name for c in self.table.columns for h in c.headers}
        best, best_score = None, 0
        for i, row in enumerate(self.source.rows[:HEADER_SEARCH_ROWS]):
            score = len({known[n] for n in map(normalise_header, row) if n in known})
            if score > best_score:
                best, best_score = i, score
        if best is None:
            return None
        positions: dict[int, str] = {}
        written: dict[str, str] = {}
        for j, cell in enumerate(self.source.rows[best]):
            if is_blank(cell):
                continue
            text = cell_text(cell)
            name = known.get(normalise_header(cell))
            if name is None:
                self.warn(f"未知列“{text}”已忽略 (unknown column ignored)")
            elif name in written:
                self.warn(
                    f"列“{text}”与“{written[name]}”是同一列，只读取前一个"
                    " (duplicate column ignored)"
                )
            else:
                positions[j] = name
                written[name] = text
                scale = header_scale(text, self.table.column(name))
                if scale is not None and scale[0] != 1.0:
                    self.scales[name] = scale[0]
                    self.warn(
                        f"“{text}”列中没有写单位的数字按{scale[1]}读取"
                        f" (plain numbers read in {scale[1]})"
                    )
        return best, positions, written

    def load(self) -> pd.DataFrame:
        header = self.find_header()
        if header is None:
            body = self.source.rows
            first_row = 1
        else:
            body = self.source.rows[header[0] + 1 :]
            first_row = header[0] + 2
        width = max((len(r) for r in self.source.rows), default=0)
        grid = np.full((len(body), width), None, dtype=object)
        if body and all(len(row) == width for row in body):
            grid[:] = body  # calamine sheets are rectangular: one bulk copy
        else:
            for i, row in enumerate(body):
                grid[i, : len(row)] = row
        excel_rows = np.arange(first_row, first_row + len(body), dtype="int64")
        nonblank = _nonblank_rows(grid)
        grid, excel_rows = grid[nonblank], excel_rows[nonblank]
        n = len(excel_rows)
        if header is None and n == 0:
            self.warn("工作表或文件为空，按空表处理 (empty sheet or file read as an empty table)")
            return self.finish(empty_frame(self.table), 0)
        if header is None:
            expected = "、".join(c.zh for c in self.table.columns if c.required)
            self.reject(
                None,
                None,
                None,
                f"前 {HEADER_SEARCH_ROWS} 行中找不到表头，应含：{expected} (no header row found)"
                + self.garbled_hint(),
            )
            return self.finish(empty_frame(self.table), n)
        _, positions, written = header
        missing = [c for c in self.table.columns if c.required and c.name not in written]
        for column in missing:
            self.reject(None, column.zh, None, f"缺少必填列“{column.zh}” (required column missing)")
        if missing:
            return self.finish(empty_frame(self.table), n)
        self.written = written
        extra = self.unnamed_cells(grid, self.source.rows[header[0]])
        return self.coerce(grid, excel_rows, positions, written, extra)

    def unnamed_cells(self, grid: np.ndarray, header_row: list[object]) -> dict[int, np.ndarray]:
        """Cells in columns without a header: CSV rows with them are rejected, sheets warn.

        In a CSV a row longer than the header almost always means an unquoted comma
        (1,200,000 split in three), which would shift or truncate values silently.
        """
        extra: dict[int, np.ndarray] = {}
        for j in range(grid.shape[1]):
            if j < len(header_row) and not is_blank(header_row[j]):
                continue
            filled = ~_blank_mask(grid[:, j])
            if not filled.any():
                continue
            if self.source.sheet is None:
                extra[j] = filled
            else:
                self.warn(
                    f"第 {j + 1} 列没有表头，其中 {int(filled.sum())} 个值已忽略"
                    " (values in a column without a header ignored)"
                )
        return extra

    def garbled_hint(self) -> str:
        """Explain a missing header that is really text garbled by a wrong encoding."""
        known = {normalise_header(h): h for c in self.table.columns for h in c.headers}
        for row in self.source.rows[:HEADER_SEARCH_ROWS]:
            for cell in row:
                if not isinstance(cell, str) or not cell.strip():
                    continue
                if "\ufffd" in cell:
                    return (
                        "；表头含有乱码字符“\ufffd”，文件曾用错误的编码打开并保存，原文已无法恢复"
                        " (garbled text: the file was saved in the wrong encoding)"
                    )
                repaired = repair_mojibake(cell.strip())
                if repaired is not None and normalise_header(repaired) in known:
                    return (
                        f"；表头是乱码（“{cell.strip()}”应为“{repaired}”），文件曾用错误的编码"
                        "打开并保存，请从原始 UTF-8 文件重新导出"
                        " (garbled header: the file was re-saved in the wrong encoding)"
                    )
        return ""

    def coerce(
        self,
        grid: np.ndarray,
        excel_rows: np.ndarray,
        positions: dict[int, str],
        written: dict[str, str],
        extra: dict[int, np.ndarray] | None = None,
    ) -> pd.DataFrame:
        table, n = self.table, len(excel_rows)
        index = pd.RangeIndex(n)
        # Raw cells stay object: inferring Arrow strings here and converting back costs more
        # than the coercion itself on big sheets.
        raw = {
            name: pd.Series(grid[:, j], index=index, dtype=object) for j, name in positions.items()
        }
        out: dict[str, pd.Series] = {}
        errors: dict[str, np.ndarray] = {}
        quals: dict[str, np.ndarray] = {}
        units: dict[str, np.ndarray] = {}
        empty = empty_frame(table)
        for column in table.columns:
            if column.name not in raw:
                out[column.name] = empty[column.name].reindex(index)
                if has_companion(table, column):
                    quals[column.name] = np.full(n, None, dtype=object)
                continue
            result = coerce_column(
                raw[column.name], column, self.divisions, scale=self.scales.get(column.name, 1.0)
            )
            out[column.name] = result.values
            errs = result.errors.copy()
            if column.required:
                errs[result.blank] = REQUIRED_MISSING
            errors[column.name] = errs
            if column.kind == "quantity":
                quals[column.name] = result.qualifiers
                units[column.name] = result.units
        if "year" in out and "date" in out:
            # A blank year is taken from the date; a year that is given is kept as written.
            derived = pd.array(out["date"].dt.year, dtype="Int64")
            out["year"] = out["year"].fillna(pd.Series(derived, index=index))
        if table.name in LONG_TABLES:
            self.long_table_columns(out, errors, quals, units)
        self.check_key(out, errors, excel_rows)
        self.check_refs(out, errors)

        rejected = np.zeros(n, dtype=bool)
        for errs in errors.values():
            rejected |= pd.notna(errs) & (errs != None)  # noqa: E711 (object array compare)
        for j, filled in (extra or {}).items():
            rejected |= filled
            for i in np.flatnonzero(filled):
                self.reject(
                    int(excel_rows[i]),
                    f"第{j + 1}列",
                    grid[i, j],
                    "该行比表头多出内容，多半是没加引号的逗号（如 1,200,000）"
                    " (more cells than headers: unquoted comma?)",
                )
        if table.key is not None:
            keys = out[table.key]
            for i in np.flatnonzero(rejected & keys.notna().to_numpy()):
                self.rejected_keys.setdefault(keys.iat[i], int(excel_rows[i]))
        checked = [c.name for c in table.columns if c.name in errors]
        for i in np.flatnonzero(rejected):
            for name in checked:
                reason = errors[name][i]
                if reason is not None:
                    self.reject(int(excel_rows[i]), written[name], raw[name].iat[i], reason)
        data: dict[str, object] = {}
        for column in table.columns:
            data[column.name] = out[column.name]
            if has_companion(table, column):
                data[f"{column.name}_qualifier"] = qualifier_categorical(quals[column.name])
        data["_row"] = excel_rows
        frame = pd.DataFrame(data, index=index)[output_columns(table)]
        frame = frame.loc[~rejected].reset_index(drop=True)
        frame = self.gate(frame)
        return self.finish(frame, n)

    def long_table_columns(
        self,
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
        self, out: dict[str, pd.Series], errors: dict[str, np.ndarray], excel_rows: np.ndarray
    ) -> None:
        key = self.table.key
        if key is None:
            return
        values = out[key]
        present = values.notna().to_numpy()
        dup = values.duplicated(keep="first").to_numpy() & present
        if not dup.any():
            return
        first = pd.Series(excel_rows[present & ~dup], index=values[present & ~dup].to_numpy())
        errs = errors[key]
        for i in np.flatnonzero(dup):
            row = int(first[values.iat[i]])
            reason = f"编号重复，首次出现在第 {row} 行 (duplicate id, first at row {row})"
            errs[i] = reason if errs[i] is None else errs[i]

    def check_refs(self, out: dict[str, pd.Series], errors: dict[str, np.ndarray]) -> None:
        for column in self.table.columns:
            if not column.ref or column.ref.startswith("divisions.") or column.name not in errors:
                continue
            ref_table, ref_column = column.ref.split(".")
            target = self.accepted.get(ref_table)
            values = out[column.name]
            given = values.notna().to_numpy() & (errors[column.name] == None)  # noqa: E711
            if not given.any():
                continue
            zh = TABLES[ref_table].zh
            known = target.frame[ref_column] if target is not None else pd.Series(dtype="str")
            # Positions in the referenced key column (unique once loaded), by an object hash
            # table: isin on Arrow strings goes through Python lists.
            position = pd.Index(known.to_numpy(dtype=object)).get_indexer(
                values.to_numpy(dtype=object)
            )
            found = position >= 0
            errs = errors[column.name]
            for i in np.flatnonzero(given & ~found):
                value = values.iat[i]
                if target is None:
                    errs[i] = f"没有“{zh}”表，无法核对编号 (refers to missing table {ref_table})"
                elif value in target.rejected_rows:
                    row = target.rejected_rows[value]
                    errs[i] = (
                        f"对应的“{zh}”第 {row} 行已被拒绝 (refers to a rejected {ref_table} row)"
                    )
                else:
                    errs[i] = f"“{zh}”表中没有这个编号 (unknown {ref_table} id)"
            if column.ref == "signings.signing_id" and target is not None:
                stages = target.frame["stage"].to_numpy(dtype=object)
                signed = np.zeros(len(values), dtype=bool)
                signed[found] = stages[position[found]] == "signed"
                for i in np.flatnonzero(given & found & ~signed):
                    errs[i] = (
                        f"对应签约仍为“{SIGNING_LABEL_INTENTION}”阶段，不能落地 "
                        "(signing is not at stage signed)"
                    )

    def gate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Validate with pandera; rows it fails become rejections (should be none)."""
        schema = table_schema(self.table, self.divisions)
        try:
            schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            cases = exc.failure_cases
            bad_rows: set[int] = set()
            for case in cases.itertuples(index=False):
                reason = f"数据检查未通过 (schema check failed): {case.check}"
                name = str(case.column).removesuffix("_qualifier")
                header = self.written.get(name, case.column)
                if pd.isna(case.index):
                    self.reject(None, header, None, reason)
                    return frame.iloc[0:0]
                position = int(case.index)
                bad_rows.add(position)
                self.reject(int(frame["_row"].iat[position]), header, case.failure_case, reason)
            frame = frame.drop(index=sorted(bad_rows)).reset_index(drop=True)
        return frame

    def finish(self, frame: pd.DataFrame, rows_read: int) -> pd.DataFrame:
        rows = [r.row for r in self.rejections if r.row is not None]
        table_level = any(r.row is None for r in self.rejections)
        rejected = rows_read if table_level else len(set(rows))
        if table_level:
            frame = empty_frame(self.table)
        self.rejections.sort(key=lambda r: (r.row is not None, r.row or 0))
        self.report.rejections.extend(self.rejections)
        self.report.counts[self.table.name] = TableCount(
            self.table.name,
            self.source.file,
            self.source.sheet,
            self.source.encoding,
            rows_read,
            len(frame),
            rejected,
        )
        return frame


SIGNING_LABEL_INTENTION = TABLES["signings"].column("stage").choices["intention"]


def _nonblank_rows(grid: np.ndarray) -> np.ndarray:
    """Rows with at least one non-blank cell.

    Columns are checked left to right on the rows not yet known to hold something, so a
    sheet whose first column (the id) is filled costs one column's check, not all of them.
    """
    nonblank = np.zeros(len(grid), dtype=bool)
    for j in range(grid.shape[1] if grid.ndim == 2 else 0):
        rest = np.flatnonzero(~nonblank)
        if not len(rest):
            break
        nonblank[rest] = ~_blank_mask(grid[rest, j])
    return nonblank


def _blank_mask(cells: np.ndarray) -> np.ndarray:
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        blank = np.array([not v.strip() for v in uniques] + [True], dtype=bool)
    else:
        blank = np.array([is_blank(v) for v in uniques] + [True], dtype=bool)
    return blank[np.where(codes < 0, len(uniques), codes)]
