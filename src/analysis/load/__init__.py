"""Read every file a user hands over: ledgers, statistics, targets and programme tables."""

from __future__ import annotations

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
from analysis.load.sources import WORKBOOK_SUFFIXES, read_sources
from analysis.load.table import Accepted, TableLoader
from analysis.reference import division_codes
from analysis.schema import LEDGER_TABLES, TABLES


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
    sources = read_sources(Path(path), tables, report, fallback, mapping)
    divisions = division_codes()
    accepted: dict[str, Accepted] = {}
    frames: dict[str, pd.DataFrame] = {}
    # Only a ledger's records get a programme from elsewhere; a statistics or targets table
    # names its own in every row.
    default = None if "programmes" in tables else ("", False)
    for name in tables:
        if name != "programmes" and "programme" in TABLES[name].names and default is None:
            default = _default_programme(frames, sources, programme, path, report)
        name_given, firm = default or ("", False)
        # Popped, so that a table's raw cells can be freed once it is loaded.
        source = sources.pop(name, None)
        if source is None:
            report.warnings.append(f"缺少“{TABLES[name].zh}”表，按空表处理 (table {name} missing)")
            frames[name] = empty_frame(TABLES[name])
            continue
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
                in_ledger="programmes" in tables,
            )
            parts.append(loader.load())
            rejected_keys.update(loader.rejected_keys)
        frame = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
        frames[name] = frame
        accepted[name] = Accepted(frame, rejected_keys)
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
    # Only the rows above a sheet's header are its title (a 填报单位 line below the data
    # is not).
    titles = []
    for source in sources.values():
        found = find_header_row(source.rows, source.table, header_lookup(source.table))
        titles += source_titles(source.rows[: found[0] if found else 0])
    titles += report.sheet_titles
    name, where = choose_programme(list(listed), given, titles, path)
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
