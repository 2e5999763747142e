"""Write the budget-system target exports of tests/data/targets/ (openpyxl, not our writer).

Run from the repository root: ``python tests/data/targets/build_targets.py``. The layout
imitates a 预算管理一体化 绩效目标表 export: a title row, a programme row, one header row,
merged 一级/二级 cells, a separate 指标方向 column, 度量单位 in its own column and the
实际完成值 typed in by the unit, mostly without units. README.md gives the hand-worked totals.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
HEADERS = (
    "序号",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标方向",
    "指标值",
    "度量单位",
    "分值",
    "实际完成值",
    "偏差原因分析及改进措施",
)
# (一级, 二级, 三级, 方向, 指标值, 度量单位, 分值, 实际完成值, 偏差原因)
ROWS = (
    ("产出指标", "数量指标", "举办成果对接活动", "≥", 5, "场", 10, 6, ""),
    ("产出指标", "数量指标", "培训技术经纪人", "≥", 500, "人次", 10, "480人", "部分学员未到"),
    ("产出指标", "数量指标", "建设中试示范基地", "≥", 100, "亩", 10, "6.67公顷", ""),
    ("产出指标", "质量指标", "技术合同登记合格率", "≥", 95, "%", 10, 98, ""),
    ("产出指标", "时效指标", "项目完成时间", "≤", "2023年12月31日前", "", 10, "达成预期指标", ""),
    ("产出指标", "成本指标", "对接活动经费", "≤", 20, "万元", 10, 25, "场地费上涨"),
    ("效益指标", "经济效益指标", "促成技术合同成交额", "≥", 5, "万元", 10, 5, ""),
    ("效益指标", "经济效益指标", "带动企业新增研发投入", "≥", 100, "万元", 10, "150", ""),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", 90, "百分比", 10, 92, ""),
)
TITLE = "2023年度项目支出绩效目标表"
PROGRAMME = "项目名称：某县科技成果转化服务项目"


def write_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标"
    ws.append([TITLE])
    ws.merge_cells("A1:J1")
    ws.append([PROGRAMME])
    ws.merge_cells("A2:J2")
    ws.append(list(HEADERS))
    for number, row in enumerate(ROWS, start=1):
        ws.append([number, *row])
    ws.append(["合计", "", "", "", "", "", "", 90, "", ""])
    # The export merges runs of equal 一级 and 二级 labels and leaves only the first filled.
    first = 4
    for col, index in (("B", 0), ("C", 1)):
        start = 0
        for i in range(1, len(ROWS) + 1):
            if i == len(ROWS) or ROWS[i][: index + 1] != ROWS[start][: index + 1]:
                if i - start > 1:
                    ws.merge_cells(f"{col}{first + start}:{col}{first + i - 1}")
                start = i
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
    wb.save(path)


def write_csv(path: Path) -> None:
    """The same table as a GB18030 CSV, 一级/二级 left blank below the first of a run."""
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        previous = ("", "")
        for number, row in enumerate(ROWS, start=1):
            level1 = row[0] if row[0] != previous[0] else ""
            level2 = row[1] if row[:2] != previous else ""
            writer.writerow([number, level1, level2, *row[2:]])
            previous = row[:2]


if __name__ == "__main__":
    write_xlsx(HERE / "预算系统绩效目标表.xlsx")
    write_csv(HERE / "预算系统绩效目标表.csv")
