"""The load report as a person reads it: a text report, or one CSV row per rejection."""

from __future__ import annotations

import io

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

    Values that Excel would run as formulas get a leading apostrophe (``csv_text``).

    Examples:
        >>> render_csv(LoadReport())
        'table,file,sheet,row,column,value,reason\\n'
    """
    buffer = io.StringIO(newline="")
    frame = report.to_frame()
    # Rejected values are whatever the user typed, formulas included: keep them inert.
    for column in ("column", "value"):
        frame[column] = frame[column].map(csv_text)
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
