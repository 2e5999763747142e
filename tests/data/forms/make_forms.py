"""Write the filled-form fixtures of tests/assessment/test_audit.py (run from the repo root).

Each workbook is written cell by cell with openpyxl, in a layout other than our own form
writer's, so that the audit is tried on forms it did not produce:

- ``tangxi_2022_weituo.xlsx`` reconstructs the published 2022 self-assessment form of the
  委托业务项目 of 池州市贵池区棠溪镇人民政府 (Anhui), central 财预〔2020〕10号 layout as the
  county budget system exports it: 一级 labels with their points ("产出指标(50分)"), merged
  一级/二级 cells, a colon after 年度资金总额 whose amounts are 0 while the 本年财政拨款 row
  holds them. Source: http://www.anthempetcare.com/upload_cz/download?id=502364&siteId=2
  (the published form; the copy we could read stops after the 效益 block, so the 满意度 rows,
  the total and the grade are left out and the weight sum is knowingly short).
- ``tangxi_2022_cunji.xlsx``: the same town's 村级补助及运转经费 form of 2022, with the
  一级/二级 cells left blank below their label instead of merged. Source:
  http://www.anthempetcare.com/upload_cz/download?id=502367&siteId=2 (same cut-off).
- ``sichuan_made_up.xlsx``: a made-up programme in the Sichuan layout (部门预算项目支出
  绩效自评表, 报表编号 510000_0013zp, as described in shared/domain.md): 调整后预算数, a
  指标性质 column, 度量单位 in its own column, actuals typed without their unit. Its
  expected points are worked by hand in tests/assessment/test_audit.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent


def _save(wb: Workbook, name: str) -> None:
    wb.properties.created = wb.properties.modified = dt.datetime(2023, 1, 1)
    wb.save(HERE / name)


def _central(title: str, name: str, budget: list, rows: list, *, merge: bool) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["附件："])
    ws.append(["项目支出绩效自评表"])
    ws.append(["（2022年度）"])
    ws.append(["项目名称", None, name])
    ws.append(
        [
            "主管部门",
            None,
            "219-池州市贵池区棠溪镇人民政府",
            None,
            None,
            "实施单位",
            None,
            "219001-池州市贵池区棠溪镇人民政府",
        ]
    )
    ws.append(
        [
            "项目资金（万元）",
            None,
            None,
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ]
    )
    ws.append([None, None, "年度资金总额：", 0, 0, 0, 10, 0, 0])
    ws.append([None, None, "其中：本年财政拨款", *budget])
    ws.append([None, None, "上年结转资金"])
    ws.append([None, None, "其他资金"])
    ws.append(["年度总体目标", "预期目标", None, None, None, "实际完成情况"])
    ws.append([None, title])
    ws.append(
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
    )
    first = ws.max_row + 1
    previous = (None, None)
    for level1, level2, *rest in rows:
        # The label is written once, on the first row of its run; merged or left blank below.
        shown1 = level1 if level1 != previous[0] else None
        shown2 = level2 if (level1, level2) != previous else None
        ws.append([None, shown1, shown2, *rest])
        previous = (level1, level2)
    if merge:
        for col, key in (("B", lambda r: r[0]), ("C", lambda r: (r[0], r[1]))):
            start = 0
            for index in range(1, len(rows) + 1):
                if index == len(rows) or key(rows[index]) != key(rows[start]):
                    if index - start > 1:
                        ws.merge_cells(f"{col}{first + start}:{col}{first + index - 1}")
                    start = index
        ws.merge_cells(f"A{first - 1}:A{ws.max_row}")
    return wb


# Published rows: (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分).
WEITUO = [
    ("产出指标(50分)", "数量指标", "基建工程委托业务项目数量", "≥50个", "50", 8, 8),
    ("产出指标(50分)", "质量指标", "委托业务报告合格率", "≥100百分比", "100", 8, 8),
    ("产出指标(50分)", "质量指标", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", 8, 8),
    (
        "产出指标(50分)",
        "时效指标",
        "提交报告及时性",
        "在项目计划完成时间内完成",
        "达成预期指标",
        8,
        8,
    ),
    ("产出指标(50分)", "成本指标", "项目总成本", "≤90万元", "90", 8, 8),
    ("产出指标(50分)", "成本指标", "单项业务成本", "符合相关规定", "达成预期指标", 10, 10),
    (
        "效益指标(30分)",
        "社会效益指标",
        "对维护基建市场公平的影响程度",
        "效果明显",
        "达成预期指标",
        10,
        10,
    ),
    (
        "效益指标(30分)",
        "生态效益指标",
        "对控制基建项目成本影响程度",
        "效果明显",
        "达成预期指标",
        10,
        10,
    ),
    (
        "效益指标(30分)",
        "可持续影响指标",
        "对推动基建项目“四项制度”健全和落实的持续性影响",
        "效果明显",
        "达成预期指标",
        10,
        10,
    ),
]
CUNJI = [
    ("产出指标(50分)", "数量指标", "补助村(社区)数量", "=8个", "8", 8, 8),
    ("产出指标(50分)", "数量指标", "保障村干部人数", "=42个", "42", 8, 8),
    ("产出指标(50分)", "质量指标", "补助资格合规性", "合规", "达成预期指标", 8, 8),
    (
        "产出指标(50分)",
        "质量指标",
        "经费审批流程规范性",
        "严格执行相关制度规定",
        "达成预期指标",
        8,
        8,
    ),
    ("产出指标(50分)", "时效指标", "补助经费到位及时性", "及时", "达成预期指标", 8, 8),
    ("产出指标(50分)", "成本指标", "项目总成本", "≤202.6万元", "132.9", 10, 10),
    (
        "效益指标(30分)",
        "经济效益指标",
        "对保障村(社区)两委机构正常运行的影响程度",
        "效果明显",
        "达成预期指标",
        10,
        10,
    ),
    (
        "效益指标(30分)",
        "社会效益指标",
        "提高村(社区)干部工作积极性的影响程度",
        "效果明显",
        "达成预期指标",
        10,
        10,
    ),
]


def sichuan() -> Workbook:
    """A made-up form in the Sichuan layout; expected points in test_audit.py."""
    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append(["部门预算项目支出绩效自评表"])
    ws.append(["报表编号：510000_0013zp", None, None, None, "（2023年度）"])
    ws.append(["项目名称", "示例科技成果转化对接活动"])
    ws.append(["主管部门", "示例市科学技术协会", None, "实施单位", "示例市科技服务中心"])
    ws.append(
        [
            "预算执行情况(10分)",
            "资金来源",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            "原因",
        ]
    )
    ws.append([None, "总额", 50, 40, 30, "75.00%", 10, 7.5, None])
    ws.append([None, "财政资金", 50, 40, 30])
    ws.append([None, "单位资金"])
    ws.append(
        [
            "绩效指标(90分)",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
            "未完成原因分析",
        ]
    )
    ws.append(
        [None, "产出指标", "数量指标", "举办对接活动场次", "≥", "10", "场", "12", 20, 20, None]
    )
    ws.append([None, None, None, "签约项目数", "≥", "20", "项", "15", 20, 15, "部分企业推迟签约"])
    ws.append([None, None, "成本指标", "活动总成本", "≤", "50", "万元", "30", 10, 10, None])
    ws.append(
        [
            None,
            "效益指标",
            "社会效益指标",
            "带动企业技术升级",
            "定性",
            "明显提升",
            None,
            "基本达到",
            20,
            14,
            None,
        ]
    )
    ws.append(
        [
            None,
            "满意度指标",
            "服务对象满意度指标",
            "参会企业满意度",
            "≥",
            "90",
            "%",
            "93",
            20,
            20,
            None,
        ]
    )
    ws.append(["评价结论", "良"])
    ws.append(["合计", None, None, None, None, None, None, None, 100, 86.5])
    return wb


def main() -> None:
    _save(
        _central(
            "基建工程项目预算编制、审计与设计测绘委托业务",
            "委托业务项目",
            [90, 89.974, 89.974],
            WEITUO,
            merge=True,
        ),
        "tangxi_2022_weituo.xlsx",
    )
    _save(
        _central(
            "保障村（社区）组织运转",
            "村级补助及运转经费",
            [202.64, 132.912, 132.912],
            CUNJI,
            merge=False,
        ),
        "tangxi_2022_cunji.xlsx",
    )
    _save(sichuan(), "sichuan_made_up.xlsx")


if __name__ == "__main__":
    main()
