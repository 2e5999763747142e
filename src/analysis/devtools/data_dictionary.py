"""The ledger data dictionary (docs/ledger_columns.md), written from ``analysis.schema``."""

from __future__ import annotations

from analysis.schema import KIND_ZH, TABLES


def describe_markdown() -> str:
    """Return the data dictionary of every table as markdown (the source of docs/ledger_columns.md).

    Examples:
        >>> describe_markdown().splitlines()[0]
        '# 台账数据字典 / Ledger data dictionary'
    """
    lines = [
        "# 台账数据字典 / Ledger data dictionary",
        "",
        "Generated from `analysis.schema` by",
        "`python -m analysis.devtools.data_dictionary > docs/ledger_columns.md`;",
        "a test keeps the two in step. Headers may be written in Chinese (表头) or English",
        "(name) or any listed alias. Quantity cells may carry units and qualifiers",
        "(`35.71亿元`, `近300人`, `5万余人次`); a bare number is read in the column's unit.",
        "",
    ]
    for table in TABLES.values():
        lines += [f"## {table.zh} (`{table.name}`)", "", table.note, ""]
        if table.aliases:
            lines += ["Sheet names accepted: " + ", ".join(table.sheet_names), ""]
        lines += [
            "| 表头 | name | 类型 | 必填 | 单位 | 说明 / allowed values | aliases |",
            "|---|---|---|---|---|---|---|",
        ]
        for c in table.columns:
            note = c.note
            if c.choices:
                note = " / ".join(c.choices.values())
            if c.ref:
                note = f"{note}（须在 `{c.ref}` 中）" if note else f"须在 `{c.ref}` 中"
            lines.append(
                f"| {c.zh} | `{c.name}` | {KIND_ZH[c.kind]} | {'是' if c.required else ''} "
                f"| {c.unit or ''} | {note} | {', '.join(c.aliases)} |"
            )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(describe_markdown(), end="")
