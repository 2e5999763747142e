"""Read every file a user hands over: ledgers, statistics, targets and programme tables."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from analysis.errors import UserError
from analysis.ledger import Ledger, empty_frame
from analysis.load.accounting import LedgerError, LoadReport, Rejection, Skipped, TableCount
from analysis.load.deals import landed_conversions
from analysis.load.headers import find_header_row, header_lookup
from analysis.load.layout import titles as source_titles
from analysis.load.mapping import Mapping, read_mapping
from analysis.load.programmes import choose_programme
from analysis.load.sources import WORKBOOK_SUFFIXES, start_sources
from analysis.load.table import Accepted, TableLoader
from analysis.reference import division_codes
from analysis.schema import LEDGER_TABLES, TABLES


@contextmanager
def _collector_paused():
    """Pause Python's cycle collector while a file loads; it runs as before afterwards.

    A sheet's cells are millions of objects that live until its table is built, and the
    collector walks every one of them each time it looks at the oldest objects, several
    times a load (0.5 s of 5.5 s for 200k rows), though loading makes next to no cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_collector_paused()
def _load_tables(
    path: str | Path,
    tables: tuple[str, ...],
    fallback: str | None = None,
    *,
    mapping: Mapping | str | Path | None = None,
    programme: str | None = None,
) -> tuple[dict[str, pd.DataFrame], LoadReport]:
    report = LoadReport()
    if mapping is not None and not isinstance(mapping, Mapping):
        mapping = read_mapping(mapping)
    mapping = mapping or Mapping()
    if mapping.source:
        report.warnings.append(f"按映射文件“{mapping.source}”改读工作表、表头和取值 (mapping file)")
    reading = start_sources(Path(path), tables, report, fallback, mapping)
    divisions = division_codes()
    # Only a ledger's records get a programme from elsewhere; a statistics or targets table
    # names its own in every row.
    default = None if "programmes" in tables else ("", False)
    ahead = _Ahead(reading, tables, divisions, mapping, programme, path, default)
    sources = reading.finish()
    accepted: dict[str, Accepted] = {}
    frames: dict[str, pd.DataFrame] = {}
    for name in tables:
        if name in ahead.loaded:
            # Loaded while the largest sheet was read: its report joins in table order.
            frame, rejected_keys, scratch, found = ahead.loaded[name]
            _join(report, scratch)
            sources.pop(name, None)
            frames[name], accepted[name] = frame, Accepted(frame, rejected_keys)
            default = found or default
            continue
        if name != "programmes" and "programme" in TABLES[name].names and default is None:
            default = _default_programme(frames, sources, programme, path, report)
        loaded = _load_table(
            name,
            sources.pop(name, None),  # popped: its raw cells are freed once it is loaded
            report,
            divisions,
            accepted,
            mapping,
            default,
            "programmes" in tables,
        )
        if loaded is None:
            frames[name] = empty_frame(TABLES[name])
            continue
        frames[name], rejected_keys = loaded
        accepted[name] = Accepted(frames[name], rejected_keys)
    _check_programmes(frames, report)
    if default is not None and default[0]:
        _name_where_programmes_came_from(frames, default[0], report)
    if "signings" in frames and "conversions" in frames:
        before = len(frames["conversions"])
        frames["conversions"] = landed_conversions(frames["signings"], frames["conversions"])
        made = frames["conversions"].iloc[before:]
        if len(made):
            undated = int(made["date"].isna().sum())
            report.warnings.append(
                f"签约表中 {len(made)} 项状态为落地，已记为转化落地"
                + (f"，其中 {undated} 项没有落地日期（落地天数留空）" if undated else "")
                + f" ({len(made)} landed deals made conversions, {undated} without a date)"
            )
    return frames, report


def _load_table(name, source, report, divisions, accepted, mapping, default, in_ledger):
    """One table from its source, and the keys of its rejected rows; None when it is missing."""
    name_given, firm = default or ("", False)
    if source is None:
        report.warnings.append(f"缺少“{TABLES[name].zh}”表，按空表处理 (table {name} missing)")
        return None
    parts, rejected_keys = [], {}
    for part, piece in enumerate([source, *source.more]):
        loader = TableLoader(
            piece,
            report,
            divisions,
            accepted,
            extra_headers=mapping.headers.get(name),
            values=mapping,
            default_programme=name_given or None,
            fill_blanks=firm,
            part=part,
            in_ledger=in_ledger,
        )
        parts.append(loader.load())
        rejected_keys.update(loader.rejected_keys)
    frame = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    return frame, rejected_keys


class _NotYet(Exception):
    """The default programme needs every sheet's title, and not every sheet is read yet."""


class _Ahead:
    """Tables loaded while the largest sheet of a workbook is still being parsed.

    The parse releases the GIL, so the smaller tables can be loaded meanwhile. A table is
    loaded ahead when its sheet is named for it (no other sheet can take its place), it is
    not the largest sheet's, every table it refers to was loaded ahead, and the programme
    of rows that name none is known without the other sheets' titles. Each one writes into
    a report of its own, joined into the load report in table order, so that the report
    reads as if the tables had been loaded one after another once every sheet was read.
    A table that fails to load ahead raises after the sheets' errors, as it would then.
    """

    def __init__(self, reading, tables, divisions, mapping, given, path, default) -> None:
        #: Table → (frame, rejected keys, its own report, the default programme it used).
        self.loaded: dict[str, tuple] = {}
        frames: dict[str, pd.DataFrame] = {}
        accepted: dict[str, Accepted] = {}
        # The default programme is worked out at the first table that names programmes;
        # when that one is not loaded ahead, no table that needs the default is.
        blocked = False
        for name in tables:
            table = TABLES[name]
            refs = {c.ref.split(".")[0] for c in table.columns if c.ref} - {"divisions"}
            needs = name != "programmes" and "programme" in table.names
            waits = needs and default is None
            # Its default programme worked out ahead, from 项目信息 loaded ahead.
            known = not waits or (not blocked and "programmes" in self.loaded)
            source = None
            if name != reading.largest and refs <= set(self.loaded) and known:
                try:
                    source = reading.early(name)
                except Exception:
                    reading.finish()  # raises the first sheet's error, as it would then
                    raise
            if source is None:
                blocked = blocked or waits
                continue
            own = LoadReport()
            try:
                found = default
                if waits:
                    found = _default_programme(frames, None, given, path, own)
                frame, rejected_keys = _load_table(
                    name, source, own, divisions, accepted, mapping, found, "programmes" in tables
                )
            except _NotYet:
                blocked = True
                continue
            except Exception:
                reading.finish()
                raise
            frames[name], accepted[name] = frame, Accepted(frame, rejected_keys)
            self.loaded[name] = (frame, rejected_keys, own, found if needs else None)
            default = found if needs else default


def _join(report: LoadReport, part: LoadReport) -> None:
    """Add what one table's load wrote into its own report to the load report."""
    report.warnings.extend(part.warnings)
    report.rejections.extend(part.rejections)
    report.skipped.extend(part.skipped)
    report.counts.update(part.counts)
    report.sheet_titles.extend(part.sheet_titles)
    if part.programme_source is not None:
        report.programme_source = part.programme_source


def _name_where_programmes_came_from(frames, default: str, report: LoadReport) -> None:
    """Say that the rows named their programmes when the guessed default was never used.

    A name taken from a title or the file name only stands in for rows that name none; when
    every row has its own 项目名称, the load report names those instead of the guess.
    """
    named: dict[str, None] = {}
    for name, frame in frames.items():
        if name != "programmes" and "programme" in frame.columns:
            # Distinct names first (in order of appearance): a column of 10^5 rows names few.
            named.update(dict.fromkeys(str(p) for p in frame["programme"].dropna().unique()))
    if named and default not in named:
        report.programme_source = (
            f"{'、'.join(named)}（来自各行的项目名称列，共 {len(named)} 个项目）"
        )


def _check_programmes(frames: dict[str, pd.DataFrame], report: LoadReport) -> None:
    """Records that name a programme 项目信息 does not list: a typo, or a table to add."""
    listed = frames.get("programmes")
    if listed is None or listed.empty:
        return
    known = set(listed["programme"].dropna())
    for name, frame in frames.items():
        if name == "programmes" or "programme" not in frame or frame.empty:
            continue
        unknown = frame[~frame["programme"].isin(known) & frame["programme"].notna()]
        for programme, rows in unknown.groupby("programme", sort=True)["_row"]:
            shown = "、".join(str(r) for r in rows.head(10))
            report.warnings.append(
                f"“{TABLES[name].zh}”第 {shown} 行的项目“{programme}”不在项目信息表中"
                f" (programme not listed in 项目信息)"
            )


def _default_programme(frames, sources, given, path, report) -> tuple[str, bool]:
    """The programme of rows that name none ("" when each row must name its own).

    The second value says whether it also fills blank cells of a programme column: only a
    name the ledger or the user states (项目信息, --programme) does; one guessed from a
    title or the file name only stands in for a sheet that has no programme column.
    """
    listed = frames["programmes"]["programme"] if "programmes" in frames else []

    def titles():
        # Looked at only when 项目信息 and --programme name no programme. Only the rows
        # above a sheet's header are its title (a 填报单位 line below the data is not).
        if sources is None:
            raise _NotYet
        for source in sources.values():
            found = find_header_row(source.rows, source.table, header_lookup(source.table))
            yield from source_titles(source.rows[: found[0] if found else 0])
        yield from report.sheet_titles

    name, where = choose_programme(list(listed), given, titles(), path)
    report.programme_source = f"{name}（来自{where}）" if name else where
    firm = where.startswith(("项目信息", "--programme"))
    if given and name != given:
        report.warnings.append(
            f"--programme“{given}”未用于没有注明项目的行：{where} (programme option not used)"
        )
    return name or "", firm


def load_ledger(
    path: str | Path,
    *,
    strict: bool = False,
    mapping: Mapping | str | Path | None = None,
    programme: str | None = None,
) -> Ledger:
    """Load a ledger workbook (``.xlsx``), a folder of CSV files, or one CSV file.

    Rules the loader follows (also in the ``validate`` command's help):

    * A workbook has one sheet per table, found by ``Table.sheet_names`` ignoring case and
      spaces, by the mapping file, or else by its headers (docs/ledger.md); a folder holds
      one CSV per table, found the same way by file stem. Hidden sheets and sheets that
      match no table are ignored with a warning; missing tables are empty, with a warning.
    * The header row is the row, among the first 10, that matches the most known headers, so
      title and note rows above it are fine. Unknown headers are ignored with a warning.
    * Every row from the first title row to the last filled row is *read* and ends up
      *accepted*, *rejected* or *skipped* (titles above the header, blank rows, 合计/小计
      rows and footers, each listed with its reason):
      ``rows_read == rows_accepted + rows_rejected + rows_skipped``.
    * A table missing a required column gets one table-level rejection (row ``None``) per
      missing column, and all its rows count as rejected: nothing from it is used.
    * A row with several problems gets one rejection per problem and counts once.
    * References are checked against the *accepted* rows of the referenced table, in workbook
      order (events before signings before conversions); a reference to a table that is absent
      is dangling.

    Args:
        path: The workbook, folder or CSV file.
        strict: Raise ``LedgerError`` listing every problem if any row is rejected.
        mapping: A mapping file (``read_mapping``) for sheet names, headers and values the
            ledger's keeper cannot rename.
        programme: The programme of rows that name none, when 项目信息 does not give one.

    Returns:
        A ``Ledger`` of accepted rows; ``ledger.report`` is the ``LoadReport``.

    Raises:
        UserError: The path is missing or unreadable (corrupt workbook, unknown encoding).
        LedgerError: ``strict`` and something was rejected.

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "转化落地.csv").write_text(
        ...     "落地编号,签约编号,落地日期,落地金额\\nC1,S1,2023/10/28,120万元\\n",
        ...     encoding="utf-8",
        ... )
        >>> ledger = load_ledger(folder)
        >>> ledger.report.counts["conversions"].rows_rejected
        1
        >>> ledger.report.rejections[0].reason
        '没有“签约”表，无法核对编号 (refers to missing table signings)'
    """
    frames, report = _load_tables(path, LEDGER_TABLES, mapping=mapping, programme=programme)
    if strict and not report.ok:
        raise LedgerError(report)
    return Ledger(**frames, report=report)


def load_table(path: str | Path, table: str, *, strict: bool = True) -> pd.DataFrame:
    """Load one table (统计, 绩效目标, 项目信息 …) from a CSV file, a CSV folder or a workbook.

    A single CSV file is read as ``table`` whatever its name; in a workbook the sheet named
    like the table is used, or the only visible sheet. Cells are read exactly as in a ledger
    (units, qualifiers, dates), so a table gives the same typed frame from any source.

    Args:
        path: The file or folder.
        table: The table name in ``analysis.schema.TABLES`` (``"statistics"``, ``"targets"``,
            ``"programmes"`` …).
        strict: Raise ``LedgerError`` if any row is rejected; otherwise the report is in
            ``frame.attrs["load_report"]``.

    Raises:
        UserError: The path is missing or unreadable.
        LedgerError: ``strict`` and something was rejected.

    Examples:
        >>> import tempfile, pathlib
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "项目.csv"
        >>> text = "项目名称,主管部门,全年预算数\\n某项目,某市科协,20万\\n"
        >>> _ = file.write_text(text, encoding="gb18030")
        >>> frame = load_table(file, "programmes")
        >>> frame.loc[0, "department"], frame.loc[0, "budget_full_year"]
        ('某市科协', np.float64(200000.0))
    """
    frames, report = _load_tables(path, (table,), fallback=table)
    if strict and not report.ok:
        raise LedgerError(report)
    frame = frames[table]
    if not strict:
        frame.attrs["load_report"] = report
    return frame


def load_statistics(path: str | Path, *, strict: bool = True) -> pd.DataFrame:
    """Load the statistics long table from a CSV file, a CSV folder or a workbook.

    The same as ``load_table(path, "statistics")``: every command reads statistics so.

    Examples:
        >>> import tempfile, pathlib
        >>> file = pathlib.Path(tempfile.mkdtemp()) / "stats.csv"
        >>> _ = file.write_text(
        ...     "项目,期间,指标代码,数值,来源\\n某项目,2023,deals_value,35.71亿元,a.docx\\n",
        ...     encoding="utf-8",
        ... )
        >>> frame = load_statistics(file)
        >>> frame.loc[0, "value"], frame.loc[0, "unit"], frame.loc[0, "qualifier"]
        (np.float64(3571000000.0), 'yuan', 'exact')
    """
    return load_table(path, "statistics", strict=strict)


def is_statistics_file(path: str | Path) -> bool:
    """Whether ``path`` is read as a statistics long table rather than as a ledger.

    A single CSV file is; so is a workbook with a 统计 sheet (as ``indicators --format xlsx``
    writes) and no ledger sheet, so that every table the project writes reads back.

    Examples:
        >>> is_statistics_file("stats.csv"), is_statistics_file("no/such/ledger.xlsx")
        (True, False)
    """
    path = Path(path)
    if path.suffix.lower() == ".csv" and not path.is_dir():
        return True
    return path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES and _statistics_book(path)


def _statistics_book(path: Path) -> bool:
    from analysis.load.cells import normalise_header
    from analysis.load.sources import sheet_names

    try:
        # The same bounded opening as the ledger reader: a hostile file never reaches
        # calamine unchecked, here or there.
        names = {normalise_header(n) for n in sheet_names(path)}
    except UserError:  # the ledger reader reports it, with its message
        return False
    ledger = {normalise_header(n) for t in LEDGER_TABLES for n in TABLES[t].sheet_names}
    statistics = {normalise_header(n) for n in TABLES["statistics"].sheet_names}
    return bool(names & statistics) and not names & ledger


def load_data(
    path: str | Path,
    *,
    mapping: Mapping | str | Path | None = None,
    programme: str | None = None,
) -> Ledger | pd.DataFrame:
    """A ledger (workbook or CSV folder) or a statistics table (a CSV file, or a workbook whose
    only table is a 统计 sheet), by its path.

    ``mapping`` and ``programme`` go to ``load_ledger`` when the path is a ledger.

    Raises:
        UserError: a missing path or an unsupported file type.

    Examples:
        >>> load_data("no/such/ledger.xlsx")
        Traceback (most recent call last):
        ...
        analysis.errors.UserError: 找不到文件 no/such/ledger.xlsx: no such file or folder
    """
    path = Path(path)
    if not path.exists():
        raise UserError(f"找不到文件 {path}: no such file or folder")
    if is_statistics_file(path):
        return load_statistics(path)
    if path.is_dir() or path.suffix.lower() in WORKBOOK_SUFFIXES:
        return load_ledger(path, mapping=mapping, programme=programme)
    raise UserError(
        f"不支持的文件类型 {path.suffix or '(无后缀)'}：{path}; give a ledger workbook "
        f"({', '.join(WORKBOOK_SUFFIXES)}), a folder of ledger CSV files, or a statistics CSV"
    )


__all__ = [
    "WORKBOOK_SUFFIXES",
    "LedgerError",
    "LoadReport",
    "Rejection",
    "Skipped",
    "TableCount",
    "is_statistics_file",
    "load_data",
    "load_ledger",
    "load_statistics",
    "load_table",
    "read_mapping",
]
