"""Load one table: find the header, coerce the cells, check keys and references, account."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis.ledger import (
    LONG_TABLES,
    column_dtype,
    empty_frame,
    has_companion,
)
from analysis.load.accounting import LoadReport, Rejection, Skipped, TableCount
from analysis.load.cells import (
    REQUIRED_MISSING,
    cell_text,
    coerce_column,
    header_scale,
    is_blank,
    normalise_header,
    qualifier_categorical,
)
from analysis.load.checks import check_key, check_refs, long_table_columns
from analysis.load.deals import match_by_title
from analysis.load.gate import surely_valid, table_schema
from analysis.load.headers import (
    HEADER_SEARCH_ROWS,
    find_header_row,
    garbled_hint,
    header_lookup,
    match_row,
    suggest,
)
from analysis.load.layout import (
    SKIP_BLANK,
    SKIP_TITLE,
    first_text,
    may_skip_each,
    sheet_unit,
    skip_reason,
    titles,
    vertical_pairs,
)
from analysis.load.notes import cell_notes, rows_text
from analysis.load.programmes import plain_name
from analysis.load.sources import Source
from analysis.quantities import MONEY_UNITS

#: Headers of a column that only numbers the rows (序号 1, 2, 3 … restarting per group).
ROW_NUMBER_HEADERS = frozenset({"序号", "行号", "no", "no."})
#: Tables whose rows an analyst's sheet often leaves without an id: each gets its Excel row.
GENERATED_KEYS = frozenset({"events", "signings", "conversions", "fiveg_cases", "budget"})


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
        *,
        extra_headers: Mapping[str, str] | None = None,
        values: object | None = None,
        default_programme: str | None = None,
        fill_blanks: bool = True,
        part: int = 0,
        in_ledger: bool = True,
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
        #: Rows read that are not records (titles, blanks, totals, footers).
        self.skipped: list[Skipped] = []
        #: Titles above the header (a programme's name may be among them).
        self.titles: list[str] = []
        #: The key column is absent and each row is numbered by its Excel row.
        self.generated_key = False
        #: Headers offered as "did you mean" for unknown columns.
        self.suggested: set[str | None] = set()
        #: The stage of every row of a deal sheet that has no status column (签约项目).
        self.default_stage: str | None = None
        #: Headers from a mapping file for this table (header → column name).
        self.extra_headers = extra_headers
        #: The programme of rows that name none (项目信息, --programme, a title, the file).
        self.default_programme = default_programme
        self.programme_known = default_programme is not None
        self.fill_blanks = fill_blanks
        #: 0 for a table's first sheet; 1, 2 … for more sheets of it (一季度, 二季度 …), whose
        #: counts and row-number ids are kept apart by the sheet name.
        self.part = part
        #: Read as part of a ledger, whose 项目信息 can name the programme of every record.
        self.in_ledger = in_ledger
        #: Cell values a mapping file rewrites: (table, column) → {text → value}.
        self.values = getattr(values, "values", {}) or {}

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
        lookup = header_lookup(self.table, self.extra_headers)
        found = find_header_row(self.source.rows, self.table, lookup)
        if found is None:
            return None
        best = found[0]
        positions = match_row(self.source.rows[best], self.table, lookup)
        written: dict[str, str] = {}
        for j, cell in enumerate(self.source.rows[best]):
            if is_blank(cell):
                continue
            text = cell_text(cell)
            name = positions.get(j)
            if name is None:
                known = lookup.get(normalise_header(cell))
                if known is not None or (self.table.name == "signings" and text == "项目名称"):
                    self.warn(
                        f"列“{text}”与“{written.get(known, text)}”是同一列，只读取前一个"
                        " (duplicate column ignored)"
                    )
                    continue
                if normalise_header(cell) in ROW_NUMBER_HEADERS:
                    self.warn(f"“{text}”列是行的顺序号，未读取 (row numbers, not read)")
                    continue
                near = suggest(cell, self.table, positions.values())
                self.suggested.add(near)
                hint = f"；是“{near}”吗？(did you mean {near}?)" if near else ""
                self.warn(f"未知列“{text}”已忽略 (unknown column ignored){hint}")
                continue
            written[name] = text
        unit = sheet_unit(self.source.rows[:best])
        for name in positions.values():
            column = self.table.column(name)
            scale = header_scale(written[name], column)
            if scale is None and unit is not None and column.unit == "yuan":
                scale = (MONEY_UNITS[unit], unit)
                where = "表头上方注明"
            else:
                where = "表头注明"
            if scale is not None and scale[0] != 1.0:
                self.scales[name] = scale[0]
                self.warn(
                    f"“{written[name]}”列中没有写单位的数字按{scale[1]}读取（{where}）"
                    f" (plain numbers read in {scale[1]})"
                )
        self.titles = titles(self.source.rows[:best])
        return best, positions, written

    def load(self) -> pd.DataFrame:
        rows = self.source.rows
        offset = 0
        if self.table.name == "programmes":
            lookup = header_lookup(self.table, self.extra_headers)
            found = find_header_row(rows, self.table, lookup)
            if found is None or found[1] <= 1:
                pairs, used = vertical_pairs(rows, set(lookup), normalise_header)
                if used is not None:
                    # One programme written as label/value pairs down the sheet: one record,
                    # at the first pair's row; other filled rows are titles.
                    for i, row in enumerate(rows):
                        filled = [c for c in row if not is_blank(c)]
                        if i in used or not filled:
                            continue
                        # A merged title is filled across its row: one distinct text.
                        if len({cell_text(c) for c in filled}) == 1:
                            self.skip(i + 1, SKIP_TITLE, row)
                        else:
                            self.warn(f"未知项“{cell_text(filled[0])}”已忽略 (unknown label)")
                    self.warn(
                        "“项目信息”按竖排（标签在左、数值在右）读取 (read as label/value pairs)"
                    )
                    rows = self.source.rows = pairs
                    offset = used[0] - 1
        header = self.find_header()
        start = 0 if header is None else header[0] + 1
        for i in range(max(start - 1, 0)):
            texts = {cell_text(c) for c in rows[i] if not is_blank(c)}
            # The row just above a header that spreads over the columns (基本信息 | 合同情况)
            # is the header's first row, read with it, not a title.
            if i == start - 2 and len(texts) >= 2:
                continue
            if texts:
                self.skip(i + 1, SKIP_TITLE, rows[i])
        body = rows[start:]
        # map(len, …) walks the rows in C: a sheet can reach a million rows.
        width = max(map(len, rows), default=0)
        grid = np.full((len(body), width), None, dtype=object)
        if body and min(map(len, body)) == width:
            grid[:] = body  # calamine sheets are rectangular: one bulk copy
        else:
            for i, row in enumerate(body):
                grid[i, : len(row)] = row
        excel_rows = np.arange(start + 1, start + 1 + len(body), dtype="int64") + offset
        coded = CodedGrid(grid)
        nonblank = _nonblank_rows(coded)
        # Blank rows after the last filled one are no part of the table; inside it they are
        # read and skipped, so that every row between the header and the end is named.
        last = int(np.flatnonzero(nonblank)[-1]) + 1 if nonblank.any() else 0
        coded, excel_rows, nonblank = coded.rows(slice(0, last)), excel_rows[:last], nonblank[:last]
        keep = nonblank & ~self.skip_rows(coded, excel_rows, nonblank)
        for i in np.flatnonzero(~nonblank):
            self.skip(int(excel_rows[i]), SKIP_BLANK, None)
        coded, excel_rows = coded.rows(keep), excel_rows[keep]
        grid = coded.grid
        n = len(excel_rows)
        if header is None and n == 0:
            self.warn("工作表或文件为空，按空表处理 (empty sheet or file read as an empty table)")
            return self.finish(empty_frame(self.table), 0)
        if header is None:
            expected = "、".join(self.required_headers())
            self.reject(
                None,
                None,
                None,
                f"前 {HEADER_SEARCH_ROWS} 行中找不到表头，应含：{expected} (no header row found)"
                + garbled_hint(self.table, self.source.rows),
            )
            return self.finish(empty_frame(self.table), n)
        _, positions, written = header
        key = self.table.key
        generate = key is not None and key not in written and self.table.name in GENERATED_KEYS
        # An unknown header that looks like the id column (活动编码) is a misspelt id, not
        # a sheet without ids: its values must not be replaced by row numbers.
        if generate and self.table.column(key).zh not in self.suggested:
            # An analyst's sheet numbers its rows (序号) or not at all: the Excel row is the id.
            zh = self.table.column(key).zh
            self.generated_key = True
            self.warn(
                f"没有“{zh}”列，按 Excel 行号编号（“行5”即第5行）"
                f" (no {key} column: rows are numbered by their Excel row)"
            )
        missing = [c for c in self.table.columns if c.required and c.name not in written]
        if self.generated_key:
            missing = [c for c in missing if c.name != key]
        if self.table.name == "conversions" and "title" in written:
            # Landings listed by the deal's name (项目名称), not by its 签约编号.
            missing = [c for c in missing if c.name != "signing_id"]
        if self.table.name == "signings" and "stage" not in written and self.all_signed():
            self.warn(
                "没有状态（阶段）列；表名或标题说明是签约项目，全部按“签约”读取"
                " (no status column: every row read as signed)"
            )
            self.default_stage = "signed"
            missing = [c for c in missing if c.name != "stage"]
        if self.programme_known:
            missing = [c for c in missing if c.name != "programme"]
        for column in missing:
            if column.name == "programme" and self.in_ledger:
                self.reject(
                    None,
                    "所属项目",
                    None,
                    "缺少“所属项目”列：项目信息表没有给出唯一的项目，每行须注明所属项目"
                    " (no programme column, and no single programme to assume)",
                )
                continue
            self.reject(None, column.zh, None, f"缺少必填列“{column.zh}” (required column missing)")
        if missing:
            return self.finish(empty_frame(self.table), n)
        self.written = written
        extra = self.unnamed_cells(coded, self.source.rows[header[0]])
        return self.coerce(coded, excel_rows, positions, written, extra)

    def all_signed(self) -> bool:
        """Whether the sheet's name or title says every row on it is a signed deal."""
        words = ("签约", "成交", "合同", "交易")
        names = [self.source.sheet or self.source.file, *self.titles]
        return any(w in n for n in names for w in words) and not any("意向" in n for n in names)

    def required_headers(self) -> list[str]:
        """The headers a sheet of this table must have, as a person would write them."""
        out = []
        for column in self.table.columns:
            if not column.required:
                continue
            if column.name == self.table.key and self.table.name in GENERATED_KEYS:
                continue  # numbered by the Excel row when absent
            if column.name == "programme" and self.in_ledger:
                if self.programme_known:
                    continue
                out.append("所属项目")
                continue
            out.append(column.zh)
        return out

    def skip(self, row: int, reason: str, cells: list[object] | None) -> None:
        text = first_text(list(cells)) if cells is not None else None
        self.skipped.append(
            Skipped(self.table.name, self.source.file, self.source.sheet, row, reason, text)
        )

    def skip_rows(
        self, coded: CodedGrid, excel_rows: np.ndarray, nonblank: np.ndarray
    ) -> np.ndarray:
        """Rows that are totals (合计/小计) or footers (填表人…), recorded as skipped.

        Only rows with a marker in their first columns, or with those columns blank, are
        looked at cell by cell, so a large sheet costs a few column scans. Each such row
        is judged on its own: a 说明 row inside the data hides none of the rows below it.
        """
        grid = coded.grid
        skipped = np.zeros(len(grid), dtype=bool)
        candidates = np.zeros(len(grid), dtype=bool)
        leading_blank = np.ones(len(grid), dtype=bool)
        for j in range(min(grid.shape[1], 4)):
            candidates |= coded.mask(j, may_skip_each)
            leading_blank &= coded.mask(j, _blank_each)
        candidates |= leading_blank
        for i in np.flatnonzero(candidates & nonblank):
            reason = skip_reason(list(grid[i]), False)
            if reason is not None and reason != SKIP_BLANK:
                skipped[i] = True
                self.skip(int(excel_rows[i]), reason, list(grid[i]))
        return skipped

    def prepare(self, raw: dict[str, pd.Series], index: pd.RangeIndex) -> None:
        """Fill in the default programme and rewrite the values a mapping file names."""
        default = self.default_programme
        if default and "programme" in self.table.names:
            given = raw.get("programme")
            if given is None:
                raw["programme"] = pd.Series(default, index=index, dtype=object)
            elif self.fill_blanks:
                raw["programme"] = given.where(~_blank_mask(given.to_numpy(dtype=object)), default)
        if self.default_stage and "stage" not in raw:
            raw["stage"] = pd.Series(self.default_stage, index=index, dtype=object)
        for (table, name), values in self.values.items():
            if table == self.table.name and name in raw:
                text = raw[name].map(lambda v: cell_text(v).strip() if not is_blank(v) else v)
                raw[name] = raw[name].where(~text.isin(list(values)), text.map(values))

    def signings_by_title(
        self, out: dict[str, pd.Series], errors: dict[str, np.ndarray], raw: dict[str, pd.Series]
    ) -> None:
        """Find each landing's deal by its name when the sheet gives no 签约编号."""
        signed = self.accepted.get("signings")
        frame = signed.frame if signed is not None else None
        out["signing_id"], errors["title"] = match_by_title(out["title"], frame)
        errors["signing_id"] = np.full(len(out["title"]), None, dtype=object)
        raw["signing_id"] = out["signing_id"].astype(object)
        header = self.written.get("title", "项目名称")
        self.written.setdefault("signing_id", header)
        self.warn(f"没有签约编号，按“{header}”对应签约表中的项目 (landings matched by name)")

    def ticks_only(self, column, result, excel_rows: np.ndarray):
        """A yes/no column that only ticks the yes rows (√ or 是, the rest blank): blank is no.

        Such a list marks what is a national pilot and leaves the others empty; reading the
        blanks as unknown would make every count a lower bound.
        """
        values = result.values
        ticked = values.fillna(False).to_numpy(dtype=bool)
        if not ticked.any() or (values == False).any() or not result.blank.any():  # noqa: E712
            return result
        blank = result.blank & (result.errors == None)  # noqa: E711
        header = self.written.get(column.name, column.zh)
        self.warn(
            f"“{header}”列只标了“是/√”，第 {rows_text(excel_rows[blank])} 行空白按“否”读取"
            " (blank read as no in a column that only ticks yes)"
        )
        filled = values.where(~pd.Series(blank, index=values.index), False)
        return replace(result, values=filled.astype("boolean"), blank=np.zeros_like(blank))

    def title_year(self, out: dict[str, pd.Series], index: pd.RangeIndex) -> None:
        """Rows without a year take the one year the sheet's title names (……清单（2024年）)."""
        if "year" not in out or not out["year"].isna().any():
            return
        # Every year the title names counts, not only those before 年: 2023—2024年 is two.
        years = {int(y) for t in self.titles for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", t)}
        if len(years) != 1 or not any("年" in t for t in self.titles):
            return
        year = years.pop()
        missing = out["year"].isna()
        out["year"] = out["year"].fillna(year)
        self.warn(
            f"{int(missing.sum())} 行没有年份，按工作表标题的“{year}年”计"
            " (year taken from the sheet title)"
        )

    def contract_types(
        self, mode: pd.Series, out: dict[str, pd.Series], errors: dict[str, np.ndarray]
    ) -> None:
        """转化方式 cells that name a technology-contract type (技术开发) are that type."""
        column = self.table.column("contract_type")
        bad = errors["mode"] != None  # noqa: E711 (object array compare)
        if not bad.any():
            return
        typed = coerce_column(mode, column, self.divisions)
        found = bad & (typed.errors == None) & ~typed.blank  # noqa: E711
        if not found.any():
            return
        errors["mode"][found] = None
        given = out["contract_type"]
        out["contract_type"] = given.where(given.notna() | ~found, typed.values)
        self.warn(
            f"{int(found.sum())} 行的“{self.written['mode']}”是技术合同类型（技术开发/服务/咨询），"
            "记为合同类型，不算转化方式 (contract types, not conversion modes)"
        )

    def unnamed_cells(self, coded: CodedGrid, header_row: list[object]) -> dict[int, np.ndarray]:
        """Cells in columns without a header: CSV rows with them are rejected, sheets warn.

        In a CSV a row longer than the header almost always means an unquoted comma
        (1,200,000 split in three), which would shift or truncate values silently.
        """
        extra: dict[int, np.ndarray] = {}
        for j in range(coded.grid.shape[1]):
            if j < len(header_row) and not is_blank(header_row[j]):
                continue
            filled = ~coded.mask(j, _blank_each)
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

    def coerce(
        self,
        coded: CodedGrid,
        excel_rows: np.ndarray,
        positions: dict[int, str],
        written: dict[str, str],
        extra: dict[int, np.ndarray] | None = None,
    ) -> pd.DataFrame:
        table, n = self.table, len(excel_rows)
        grid = coded.grid
        index = pd.RangeIndex(n)
        # Raw cells stay object: inferring Arrow strings here and converting back costs more
        # than the coercion itself on big sheets.
        # Views of the grid's columns, not copies: nothing writes to a sheet's cells.
        raw = {
            name: pd.Series(grid[:, j], index=index, dtype=object, copy=False)
            for j, name in positions.items()
        }
        given = dict(raw)
        self.prepare(raw, index)
        # A column as the sheet had it (prepare replaces the ones it fills or rewrites) keeps
        # the factorization the blank and marker passes made.
        factorized = {
            name: coded.factorized(j)
            for j, name in positions.items()
            if raw.get(name) is given[name]
        }
        out: dict[str, pd.Series] = {}
        errors: dict[str, np.ndarray] = {}
        quals: dict[str, np.ndarray] = {}
        units: dict[str, np.ndarray] = {}
        for column in table.columns:
            if column.name == table.key and self.generated_key:
                prefix = f"{self.source.sheet or self.source.file}" if self.part else ""
                out[column.name] = pd.Series(
                    pd.array([f"{prefix}行{r}" for r in excel_rows], dtype="str"), index=index
                )
                errors[column.name] = np.full(n, None, dtype=object)
                continue
            if column.name not in raw:
                # All missing, in the column's dtype (what empty_frame's column reindexed is).
                out[column.name] = pd.Series(index=index, dtype=column_dtype(column, table))
                if has_companion(table, column):
                    quals[column.name] = np.full(n, None, dtype=object)
                continue
            result = coerce_column(
                raw[column.name],
                column,
                self.divisions,
                scale=self.scales.get(column.name, 1.0),
                factorized=factorized.get(column.name),
            )
            if column.kind == "bool":
                result = self.ticks_only(column, result, excel_rows)
            out[column.name] = result.values
            errs = result.errors.copy()
            if column.required:
                errs[result.blank] = REQUIRED_MISSING
            errors[column.name] = errs
            header = self.written.get(column.name, column.zh)
            for note in cell_notes(
                table.name, column, header, raw[column.name], result, excel_rows
            ):
                self.warn(note)
            if column.kind == "quantity":
                quals[column.name] = result.qualifiers
                units[column.name] = result.units
        if table.name == "conversions" and "signing_id" not in raw and "title" in out:
            self.signings_by_title(out, errors, raw)
        if "programme" in raw and "programme" in out:
            names = out["programme"]
            plain = {v: plain_name(v) for v in names.dropna().unique()}
            changed = {v: p for v, p in plain.items() if p != v}
            if changed:
                out["programme"] = names.replace(changed)
        if table.name == "signings" and "mode" in raw:
            self.contract_types(raw["mode"], out, errors)
        if "year" in out and "date" in out:
            # A blank year is taken from the date; a year that is given is kept as written.
            derived = pd.array(out["date"].dt.year, dtype="Int64")
            out["year"] = out["year"].fillna(pd.Series(derived, index=index))
        if table.name == "fiveg_cases":
            self.title_year(out, index)
        if table.name in LONG_TABLES:
            long_table_columns(out, errors, quals, units)
        check_key(table, out, errors, excel_rows)
        check_refs(table, self.accepted, out, errors)

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
        # Built in output_columns' order (the gate checks it), so no selection copies it.
        frame = pd.DataFrame(data, index=index)
        if rejected.any():
            frame = frame.loc[~rejected].reset_index(drop=True)
        frame = self.gate(frame)
        return self.finish(frame, n)

    def gate(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Validate with pandera; rows it fails become rejections (should be none)."""
        schema = table_schema(self.table, self.divisions)
        if surely_valid(schema, frame):
            return frame  # what pandera would pass, told in a fraction of its time
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

    def finish(self, frame: pd.DataFrame, rows_records: int) -> pd.DataFrame:
        """Account for the table: records accepted or rejected, other rows skipped."""
        rows = [r.row for r in self.rejections if r.row is not None]
        table_level = any(r.row is None for r in self.rejections)
        rejected = rows_records if table_level else len(set(rows))
        if table_level:
            frame = empty_frame(self.table)
        self.rejections.sort(key=lambda r: (r.row is not None, r.row or 0))
        self.report.rejections.extend(self.rejections)
        self.skipped.sort(key=lambda r: r.row)
        self.report.skipped.extend(self.skipped)
        key = self.table.name if not self.part else f"{self.table.name}:{self.source.sheet}"
        self.report.counts[key] = TableCount(
            self.table.name,
            self.source.file,
            self.source.sheet,
            self.source.encoding,
            rows_records + len(self.skipped),
            len(frame),
            rejected,
            len(self.skipped),
        )
        return frame


def _nonblank_rows(coded: CodedGrid) -> np.ndarray:
    """Rows with at least one non-blank cell.

    Columns are checked left to right on the rows not yet known to hold something, so a
    sheet whose first column (the id) is filled costs one column's check, not all of them.
    """
    grid = coded.grid
    nonblank = np.zeros(len(grid), dtype=bool)
    for j in range(grid.shape[1] if grid.ndim == 2 else 0):
        rest = np.flatnonzero(~nonblank)
        if not len(rest):
            break
        nonblank[rest] = ~coded.mask(j, _blank_each)[rest]
    return nonblank


class CodedGrid:
    """A sheet's cells with each column factorized once, for every pass that tests them.

    The blank and marker tests and the coercion all look at each distinct value of a
    column; hashing a column of 10^5 cells costs more than the tests, so it is done once
    and the codes follow the rows that are kept.

    Examples:
        >>> coded = CodedGrid(np.array([["a", None], ["  ", "b"], ["a", "c"]], dtype=object))
        >>> coded.mask(0, _blank_each).tolist(), coded.mask(1, _blank_each).tolist()
        ([False, True, False], [True, False, False])
        >>> kept = coded.rows(np.array([True, False, True]))
        >>> kept.grid[:, 0].tolist(), kept.mask(0, _blank_each).tolist()
        (['a', 'a'], [False, False])
    """

    def __init__(self, grid: np.ndarray) -> None:
        self.grid = grid
        self._factorized: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._tested: dict[tuple[int, object], np.ndarray] = {}

    def factorized(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        """Column ``j``'s codes (-1 for missing) and distinct values, as ``pd.factorize``."""
        if j not in self._factorized:
            self._factorized[j] = pd.factorize(self.grid[:, j], use_na_sentinel=True)
        return self._factorized[j]

    def mask(self, j: int, test) -> np.ndarray:
        """``test`` of column ``j``'s cells, from a test of its distinct values.

        ``test(uniques)`` answers for each distinct value and, in one slot more, for a
        missing cell.
        """
        codes, uniques = self.factorized(j)
        if (j, test) not in self._tested:
            self._tested[j, test] = test(uniques)
        return self._tested[j, test][np.where(codes < 0, len(uniques), codes)]

    def rows(self, which: np.ndarray | slice) -> CodedGrid:
        """The same grid restricted to ``which`` rows, keeping what was already worked out."""
        if isinstance(which, np.ndarray) and which.dtype == bool and which.all():
            return self  # every row kept: nothing to copy
        out = CodedGrid(self.grid[which])
        out._factorized = {j: (c[which], u) for j, (c, u) in self._factorized.items()}
        out._tested = dict(self._tested)
        return out


def _blank_each(uniques: np.ndarray) -> np.ndarray:
    """Distinct cells that are blank (``is_blank``), and a missing cell, which is."""
    if pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        return np.array([not v.strip() for v in uniques] + [True], dtype=bool)
    return np.array([is_blank(v) for v in uniques] + [True], dtype=bool)


def _blank_mask(cells: np.ndarray) -> np.ndarray:
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    return _blank_each(uniques)[np.where(codes < 0, len(uniques), codes)]
