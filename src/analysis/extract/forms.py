"""A self-assessment form (自评表) found in a report, as rows of the targets table (绩效目标)."""

from __future__ import annotations

import pandas as pd

from analysis.extract.documents import Document, Table
from analysis.extract.scanner import all_tables, table_statistics
from analysis.extract.tables import sections
from analysis.schema import TARGETS

__all__ = ["form_rows"]

# Headers of a 自评表, by the targets column they fill (first match wins).
_HEADERS = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标名称"),
    "target": ("年度指标值", "指标值", "目标值", "年度目标"),
    "actual": ("实际完成值", "完成值", "实际值"),
    "weight": ("分值", "权重"),
    "reason": ("偏差原因", "原因分析"),
}


def _columns(headers: tuple[str, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    for name, words in _HEADERS.items():
        for c, h in enumerate(headers):
            if c not in found.values() and any(w in h for w in words):
                found[name] = c
                break
    return found


def _is_form(found: dict[str, int]) -> bool:
    return {"level3", "target", "weight"} <= set(found)


def _table_rows(doc: Document, table: Table, programme: str, first: int) -> list[dict]:
    rows = [[doc.text[c.start : c.end].strip() for c in row] for row in table.rows]
    measures = {
        s.start: s.measure for s in table_statistics(doc.text, table) if s.measure is not None
    }
    parts = sections(rows)
    out: list[dict] = []
    for k, (_, lay) in enumerate(parts):
        found = _columns(lay.columns)
        if lay.header is None or not _is_form(found):
            continue
        stop = parts[k + 1][0] if k + 1 < len(parts) else len(rows)
        last = {"level1": "", "level2": ""}
        for r in range(lay.header + 1, stop):
            cells = rows[r]

            def get(name: str, cells=cells, found=found) -> str:
                c = found.get(name)
                return cells[c] if c is not None and c < len(cells) else ""

            for name in ("level1", "level2"):
                # A merged cell is read once: the rows below it belong to it too.
                last[name] = get(name) or last[name]
            level3 = get("level3")
            if not level3 or not get("target"):
                continue
            actual_col = found.get("actual")
            cell = None
            if actual_col is not None and actual_col < len(table.rows[r]):
                cell = table.rows[r][actual_col]
            measure = ""
            if cell is not None:
                measure = next(
                    (m for pos, m in measures.items() if cell.start <= pos < cell.end), ""
                )
            out.append(
                {
                    "indicator_id": f"F{first + len(out):02d}",
                    "programme": programme,
                    "level1": last["level1"],
                    "level2": last["level2"],
                    "level3": level3,
                    "target": get("target"),
                    "weight": get("weight"),
                    # The report's own 实际完成值 is the actual: no measure, so that assess
                    # does not replace it with a figure computed from elsewhere.
                    "measure": "",
                    "actual": get("actual"),
                    "direction": "",
                    "reason": get("reason"),
                    "note": f"来自 {doc.source} {table.location}第{r + 1}行"
                    + (f"；指标代码可为 {measure}" if measure else ""),
                }
            )
    return out


def form_rows(doc: Document, programme: str) -> pd.DataFrame:
    """The rows of every 自评表 in ``doc`` as the targets table (``analysis.schema.TARGETS``).

    A table is a 自评表 when its header names the 三级指标, the 指标值 and the 分值. Target
    and actual are kept as written (``≥300人``, ``约620万元``) for ``assess`` to read with its
    own target rules; the measure is left empty so that the report's actual stands (the
    note suggests a code). Merged 一级/二级指标 cells are carried down.

    Examples:
        >>> from analysis.extract.documents import text_document
        >>> doc = text_document(
        ...     "一级指标\\t二级指标\\t三级指标\\t年度指标值\\t实际完成值\\t分值\\n"
        ...     "产出指标\\t数量指标\\t举办对接活动场次\\t≥8场\\t10场\\t15", "r.txt")
        >>> rows = form_rows(doc, "P")
        >>> rows[["level3", "target", "actual", "weight"]].values.tolist()
        [['举办对接活动场次', '≥8场', '10场', '15']]
        >>> rows.loc[0, "note"]
        '来自 r.txt 文本表1第2行；指标代码可为 events_held'

    """
    rows: list[dict] = []
    for table in all_tables(doc):
        rows += _table_rows(doc, table, programme, len(rows) + 1)
    return pd.DataFrame(rows, columns=list(TARGETS.names))
