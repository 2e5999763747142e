"""The load report as a person reads it: a text report, or one CSV row per rejection."""

from __future__ import annotations

import io

import pandas as pd

from analysis.export.safe import csv_text
from analysis.load import LoadReport


def render_text(report: LoadReport) -> str:
    """The text report: counts per table, warnings, then every rejection.

    Examples:
        >>> print(render_text(LoadReport()).splitlines()[-1])
        没有被拒绝的行 (no rows rejected)
    """
    lines = [report.summary(), ""]
    if report.ok:
        lines.append("没有被拒绝的行 (no rows rejected)")
    else:
        lines.append(f"被拒绝 {len(report.rejections)} 处 (rejections):")
        lines += [f"  {r}" for r in report.rejections]
    return "\n".join(lines) + "\n"


def render_csv(report: LoadReport) -> str:
    """Rejections as CSV with a header row (file, sheet, row, column, value, reason, table).

    Every text cell that Excel would run as a formula gets a leading apostrophe
    (``csv_text``): values, headers, reasons (they quote cells) and file and sheet names
    too, which the user chose (a file named ``=1+1.xlsx``).

    Examples:
        >>> render_csv(LoadReport())
        'table,file,sheet,row,column,value,reason\\n'
        >>> from analysis.load import Rejection
        >>> report = LoadReport(rejections=[
        ...     Rejection("events", "=1+1.xlsx", "@活动", 2, "-列", "=2", "+原因")])
        >>> render_csv(report).splitlines()[1]
        "events,'=1+1.xlsx,'@活动,2,'-列,'=2,'+原因"
    """
    buffer = io.StringIO(newline="")
    frame = report.to_frame()
    # Every text field is something the user wrote or named, formulas included: keep them inert.
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].astype(object).map(csv_text)
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
