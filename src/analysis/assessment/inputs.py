"""Read the CSV inputs of an assessment: targets, programme header, statistics long table."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis.errors import UserError
from analysis.schema import TABLES

_ENCODINGS = ("utf-8-sig", "gb18030")


def read_csv_table(path: str | os.PathLike, table: str) -> pd.DataFrame:
    """Read a CSV file of table ``table``, mapping Chinese or alias headers to column names.

    Cells stay text (empty cells are ""); columns the table does not know are kept
    as they are (e.g. a ``note`` column). UTF-8 (with or without BOM) and GB18030
    files are both read.

    Raises:
        UserError: when the file is missing, cannot be decoded, or lacks a required column.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
        >>> _ = p.write_text("指标编号,项目名称,一级指标,二级指标,三级指标,年度指标值,分值\\n"
        ...     "1,P,产出指标,数量指标,场次,≥1次,90\\n", encoding="gb18030")
        >>> list(read_csv_table(p, "targets").columns)[:3]
        ['indicator_id', 'programme', 'level1']
    """
    source = Path(path)
    if not source.is_file():
        raise UserError(f"找不到文件 {source}")
    frame = None
    for encoding in _ENCODINGS:
        try:
            frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding=encoding)
            break
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError as exc:
            raise UserError(f"无法读取 {source}：{exc}") from None
    if frame is None:
        raise UserError(f"无法读取 {source}：既不是 UTF-8 也不是 GB18030 编码")
    spec = TABLES[table]
    names = {}
    for column in spec.columns:
        for header in column.headers:
            names.setdefault(header.strip(), column.name)
    frame = frame.rename(columns=lambda h: names.get(str(h).strip(), str(h).strip()))
    missing = [
        f"{c.zh}（{c.name}）" for c in spec.columns if c.required and c.name not in frame.columns
    ]
    if missing and table != "statistics":
        raise UserError(f"{source}：缺少必填列 {'、'.join(missing)}")
    return frame


def read_statistics(path: str | os.PathLike) -> pd.DataFrame:
    """Read a statistics long table CSV; ``value`` becomes a float column.

    Raises:
        UserError: for a missing column or a value that is not a number (naming the row).

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
        >>> _ = p.write_text("programme,period,measure,breakdown,value,unit,qualifier,source\\n"
        ...     "P,2023,symposia,,2,event,exact,x.txt\\n", encoding="utf-8")
        >>> read_statistics(p)["value"].tolist()
        [2.0]
    """
    frame = read_csv_table(path, "statistics")
    missing = {"programme", "measure", "value"} - set(frame.columns)
    if missing:
        raise UserError(f"{path}：统计表缺少列 {'、'.join(sorted(missing))}")
    values = pd.to_numeric(frame["value"], errors="coerce")
    bad = values.isna()
    if bad.any():
        first = int(bad.idxmax())
        raise UserError(f"{path} 第 {first + 2} 行：数值“{frame.loc[first, 'value']}”不是数字")
    frame["value"] = values.astype("float64")
    return frame


def read_programme_info(path: str | os.PathLike, programme: str) -> dict:
    """Return the header row of ``programme`` from a programmes CSV ({} when absent).

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "p.csv"
        >>> _ = p.write_text("项目名称,主管部门,全年预算数\\nP,某局,200000\\n", encoding="utf-8")
        >>> read_programme_info(p, "P")["budget_full_year"]
        200000.0
    """
    frame = read_csv_table(path, "programmes")
    match = frame[frame["programme"].str.strip() == programme]
    if match.empty:
        return {}
    info = {k: v for k, v in match.iloc[0].to_dict().items() if str(v).strip()}
    for key in ("budget_initial", "budget_full_year", "year"):
        if key in info:
            try:
                info[key] = float(info[key])
            except ValueError:
                raise UserError(f"{path}：项目“{programme}”的 {key}“{info[key]}”不是数字") from None
    return info
