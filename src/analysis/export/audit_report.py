"""Write an audit of filled 自评表 forms as a table (csv/xlsx) or a markdown summary."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis.assessment.audit import AUDIT_HEADERS, Audit
from analysis.export.tables import write_table_file

FORMATS = ("csv", "xlsx", "md")


def md_text(value: object) -> str:
    r"""User text as one markdown table cell: no pipes or line breaks.

    Examples:
        >>> md_text("a|b\nc")
        'a｜b c'
    """
    return str(value if value is not None else "").replace("|", "｜").replace("\n", " ").strip()


def _number(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def audit_markdown(audit: Audit) -> str:
    """The audit as markdown: per form, its total, grade and every finding with its row.

    Examples:
        >>> table = pd.DataFrame({"form": ["f.xlsx", "f.xlsx"], "excel_row": [13, None],
        ...     "level1": ["产出指标", "总分"], "level2": ["数量指标", ""],
        ...     "level3": ["场次", ""], "target": ["≥2场", ""], "actual": ["1场", "优"],
        ...     "weight": [90.0, 100.0], "score": [90.0, 100.0],
        ...     "score_recomputed": [45.0, 55.0], "finding": ["得分 90 与规则算出的 45 不符", ""]})
        >>> print(audit_markdown(Audit(table)))  # doctest: +NORMALIZE_WHITESPACE
        # 自评表核查
        <BLANKLINE>
        共 1 张自评表，1 处问题。
        <BLANKLINE>
        ## f.xlsx
        <BLANKLINE>
        表上总分 100，按规则重算 55；自评等级“优”。
        <BLANKLINE>
        | 行号 | 指标 | 得分 | 重算得分 | 问题 |
        |---|---|---|---|---|
        | 13 | 产出指标 / 数量指标 / 场次 | 90 | 45 | 得分 90 与规则算出的 45 不符 |
        <BLANKLINE>
    """
    table = audit.table
    forms = list(dict.fromkeys(table["form"]))
    lines = ["# 自评表核查", "", f"共 {len(forms)} 张自评表，{audit.findings} 处问题。", ""]
    if audit.notes:
        lines += ["读取说明：", ""] + [f"- {md_text(note)}" for note in audit.notes] + [""]
    for form in forms:
        rows = table[table["form"] == form]
        total = rows[rows["level1"] == "总分"].iloc[-1]
        grade = f"自评等级“{md_text(total['actual'])}”" if total["actual"] else "表上没有自评等级"
        lines += [
            f"## {md_text(form)}",
            "",
            f"表上总分 {_number(total['score']) or '空'}，按规则重算"
            f" {_number(total['score_recomputed']) or '无法重算'}；{grade}。",
            "",
        ]
        found = rows[rows["finding"] != ""]
        if found.empty:
            lines += ["未发现问题。", ""]
            continue
        lines += ["| 行号 | 指标 | 得分 | 重算得分 | 问题 |", "|---|---|---|---|---|"]
        for _, row in found.iterrows():
            name = " / ".join(md_text(row[k]) for k in ("level1", "level2", "level3") if row[k])
            where = "" if pd.isna(row["excel_row"]) else str(int(row["excel_row"]))
            lines.append(
                f"| {where} | {name} | {_number(row['score'])} |"
                f" {_number(row['score_recomputed'])} | {md_text(row['finding'])} |"
            )
        lines.append("")
    return "\n".join(lines)


def write_audit(audit: Audit, output: str | os.PathLike | None, fmt: str) -> Path | None:
    """Write ``audit`` as csv (codes as headers), xlsx (Chinese headers) or md.

    CSV and markdown go to stdout when ``output`` is ``None``.

    Examples:
        >>> import tempfile
        >>> table = pd.DataFrame({k: [] for k in AUDIT_HEADERS})
        >>> path = Path(tempfile.mkdtemp()) / "audit.csv"
        >>> write_audit(Audit(table), path, "csv").read_text(encoding="utf-8-sig")[:14]
        'form,excel_row'
    """
    from analysis.export.safe import write_text_atomic

    if fmt == "md":
        text = audit_markdown(audit)
        if output is None:
            print(text, end="")
            return None
        return write_text_atomic(output, text, encoding="utf-8")
    headers = AUDIT_HEADERS if fmt == "xlsx" else None
    return write_table_file(audit.table, output, fmt, sheet="核查", headers=headers, freeze=True)


__all__ = ["FORMATS", "audit_markdown", "write_audit"]
