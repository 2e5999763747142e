# ruff: noqa: E501
# (ledger rows are kept one per line, as an analyst sees them in Excel)
"""Build the five hand-made ledgers for the report's edge cases (工作台账) in this folder.

Run from anywhere:  python tests/data/report_ledgers/build_report_ledgers.py

Each workbook lacks something a report has to cope with: no 5G cases, no 绩效目标 sheet, a
budget without a year, two programmes in one workbook, only an events sheet.  Every cell
below is typed as an analyst would type it; nothing is random.  The expectations beside
each workbook (``<stem>.expected.toml``) were computed by hand from these cells, not from
this script and not from the project's loader.

The cell helpers and the zip rewrite (fixed 2024-01-01 zip entries and docProps
created/modified) are those of ``tests/data/ledgers/build_ledgers.py``, imported from
there, so a rerun gives byte-identical files.

Words as a person reads them are those of ``build_ledgers.py``; the only new reading here
is "不详" in a head-count column (no figure) and a bare "300余" / "近200" without 人.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledgers"))
import build_ledgers
from build_ledgers import (
    FOOTER,
    D,
    fresh,
    header,
    numbered,
    put_rows,
    title,
    widths,
)

HERE = Path(__file__).resolve().parent


def save(wb, name: str):
    """Save in this folder, as ``build_ledgers.save`` does (fixed docProps and zip times)."""
    build_ledgers.save(wb, name, HERE)


# ------------------------------------------------------------- R1 进贤县科技局: no 5G cases
JINXIAN = "进贤县2023年科技成果转化对接专项行动"


def build_no_fiveg():
    """A 县科技局 officer: 项目信息 with one row, events, one deal sheet with 状态, a budget
    with 年度, a short 绩效目标 sheet, and no 5G应用案例 sheet at all."""
    wb = fresh()
    ws = wb.create_sheet("项目信息")
    cols = ["项目名称", "主管部门", "实施单位", "年度", "全年预算数（万元）"]
    title(ws, 1, "项目基本情况", len(cols))
    header(ws, 2, cols)
    put_rows(ws, 3, [[JINXIAN, "进贤县科学技术局", "进贤县生产力促进中心", 2023, 30]])
    widths(ws, {"A": 38, "B": 18, "C": 22, "D": 8, "E": 14})

    ws = wb.create_sheet("活动台账")
    cols = ["序号", "活动名称", "活动类型", "举办日期", "举办地点", "参会人数（人）", "备注"]
    title(ws, 1, "2023年活动开展情况登记表", len(cols))
    header(ws, 2, cols)
    # fmt: off
    events = [
        ["进贤县科技成果转化政策宣讲会", "会议", D(2023, 3, 16), "县政务服务中心", 120, None],
        ["医疗器械产业成果对接会", "对接会", "2023年4月20日", "进贤县医疗器械产业园", 150, None],
        ["文港毛笔产业技术调研", "调研", "2023/5/11", "文港镇", 12, "走访企业6家"],
        ["高校院所科技成果路演", "路演", D(2023, 6, 28), "县科创中心", 85, None],
        ["技术经纪人专题培训", "培训", "2023.08.09", "县委党校", 60, None],
        ["产学研合作座谈会", "座谈", D(2023, 10, 17), "县科技局会议室", "不详", "签到表遗失"],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(events))  # rows 3..8
    ws.cell(row=r, column=1, value="合计")  # row 9
    ws.cell(row=r, column=6, value=427)
    widths(ws, {"A": 6, "B": 30, "C": 10, "D": 14, "E": 22, "F": 14, "G": 14})

    ws = wb.create_sheet("签约台账")
    cols = [
        "序号",
        "项目名称",
        "技术领域",
        "转化方式",
        "承接企业",
        "合同金额（万元）",
        "签约日期",
        "状态",
        "备注",
    ]
    title(ws, 1, "2023年科技成果转化签约项目台账", len(cols))
    header(ws, 2, cols)
    # fmt: off
    deals = [
        ["医用导管挤出成型工艺", "医疗器械", "技术转让", "江西洪达医疗器械集团有限公司", 180, D(2023, 4, 20), "已签约", "对接会现场签约"],
        ["一次性输注器具自动化装配", "先进制造", "合作实施", "江西三鑫医疗科技股份有限公司", 420, D(2023, 4, 20), "已落地", "对接会现场签约"],
        ["毛笔笔头智能分拣设备", "先进制造", "技术开发", "进贤县文港笔业有限公司", 35, "2023/5/26", "签约", None],
        ["水产品冷链保鲜技术", "现代农业", "专利许可", "江西军山湖水产有限公司", 60, "2023年6月30日", "已落地", None],
        ["高分子医用敷料配方", "生物医药", "技术许可", "江西康宁医用材料有限公司", 150, None, "意向", None],
        ["光伏组件清洗机器人", "新能源", "作价入股", "江西进贤光能科技有限公司", "1200万元", D(2023, 9, 12), "已签约", None],
        ["稻渔综合种养技术", "现代农业", "技术服务", "进贤县三阳集稻渔专业合作社", 8.5, D(2023, 10, 8), "已落地", None],
        ["钢制家具粉末喷涂工艺", "先进制造", "技术转让", "江西李渡家具制造有限公司", 90, D(2023, 11, 3), "终止", "企业转产"],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(deals))  # rows 3..10
    ws.cell(row=r, column=1, value="合计")  # row 11
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(row=r, column=6, value=2143.5)
    ws.cell(row=r + 2, column=1, value=FOOTER)  # row 13
    widths(ws, {"A": 6, "B": 28, "C": 10, "D": 10, "E": 30, "F": 14, "G": 14, "H": 8, "I": 16})

    ws = wb.create_sheet("经费")
    cols = ["序号", "年度", "支出科目", "预算数（万元）", "执行数（万元）", "备注"]
    title(ws, 1, "2023年项目经费预算执行表", len(cols))
    header(ws, 2, cols)
    # fmt: off
    lines = [
        [2023, "活动组织费", 12, 11.4, None],
        [2023, "专家咨询费", 6, 5.2, None],
        [2023, "技术经纪服务费", 8, 6.5, "尾款2024年支付"],
        [2023, "宣传推广费", 3, 2.9, None],
        [2023, "资料印刷费", 1, 0.8, None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(lines))  # rows 3..7
    ws.cell(row=r, column=1, value="合计")  # row 8
    ws.cell(row=r, column=4, value=30)
    ws.cell(row=r, column=5, value=26.8)
    widths(ws, {"A": 6, "B": 8, "C": 18, "D": 14, "E": 14, "F": 16})

    ws = wb.create_sheet("绩效目标")
    header(ws, 1, ["序号", "一级指标", "二级指标", "三级指标", "年度指标值", "分值", "实际完成值"])
    # fmt: off
    put_rows(ws, 2, [
        [1, "产出指标", "数量指标", "举办对接活动场次", "≥6场", 20, "6场"],
        [2, "产出指标", "数量指标", "签约项目数", "≥5项", 20, "6项"],
        [3, "效益指标", "经济效益指标", "技术合同成交额", "≥1500万元", 20, "1903.5万元"],
        [4, "满意度指标", "服务对象满意度指标", "参会企业满意度", "≥90%", 10, "95%"],
    ])
    # fmt: on
    widths(ws, {"A": 6, "B": 12, "C": 18, "D": 18, "E": 12, "F": 6, "G": 12})
    save(wb, "无5G案例台账.xlsx")


# --------------------------------------------------- R2 南昌县: 5G cases, no 绩效目标 sheet
NANCHANG = "2023年南昌县“科创中国”5G+工业互联网成果转化项目"


def build_no_targets():
    """A 科协 analyst running a 5G pilot: the programme only in the deal sheet's title,
    合同编号 ids, 行业大类代码 typed mostly as text, a budget with 年度 typed "2023年", no
    title on the budget sheet, and no 绩效目标 sheet."""
    wb = fresh()
    ws = wb.create_sheet("签约项目")
    cols = ["合同编号", "成果名称", "合作方式", "受让方", "成交金额（万元）", "签订日期", "进展"]
    title(ws, 1, NANCHANG + "工作台账", len(cols))
    header(ws, 2, cols)
    # fmt: off
    deals = [
        ["NCX-2023-01", "5G+机器视觉质检系统", "技术许可", "江西小蓝汽车零部件有限公司", 260, D(2023, 3, 8), "已签约"],
        ["NCX-2023-02", "5G工业网关协议转换技术", "技术转让", "江西联智通信设备有限公司", 140, D(2023, 4, 12), "已落地"],
        ["NCX-2023-03", "5G远程设备运维平台", "技术开发", "南昌县恒通机电有限公司", 95, D(2023, 5, 19), "已签约"],
        ["NCX-2023-04", "5G+AGV集群调度算法", "作价入股", "江西智行物流装备有限公司", "1,500", D(2023, 7, 3), "已签约"],
        ["NCX-2023-05", "5G智慧电网巡检终端", "合作实施", "国网南昌县供电公司", 380, D(2023, 8, 21), "已落地"],
        ["NCX-2023-06", "5G+农产品加工产线改造", "技术服务", "江西南昌县米业有限公司", 45, "2023年9月", "洽谈中"],
        ["NCX-2023-07", "5G+企业能耗在线监测", "专利转让", "江西小蓝能源管理有限公司", 70, D(2023, 11, 2), "已转化"],
    ]
    # fmt: on
    r = put_rows(ws, 3, deals)  # rows 3..9
    ws.cell(row=r, column=1, value="合计")  # row 10
    ws.cell(row=r, column=5, value=2490)
    widths(ws, {"A": 14, "B": 28, "C": 10, "D": 30, "E": 14, "F": 12, "G": 8})

    ws = wb.create_sheet("活动")
    cols = ["序号", "活动名称", "形式", "时间", "地点", "参加人数"]
    title(ws, 1, "2023年活动开展情况", len(cols))
    header(ws, 2, cols)
    # fmt: off
    events = [
        ["5G+工业互联网技术对接会", "对接会", D(2023, 3, 8), "小蓝经开区管委会", 180],
        ["5G应用场景企业调研", "调研", "2023/4/6", "辖区重点企业", 16],
        ["5G+智能制造专题培训", "培训", "2023年6月15日", "县委党校", 95],
        ["5G产业发展座谈会", "座谈会", D(2023, 9, 20), "县科协会议室", 28],
    ]
    # fmt: on
    put_rows(ws, 3, numbered(events))  # rows 3..6
    widths(ws, {"A": 6, "B": 28, "C": 8, "D": 14, "E": 20, "F": 10})

    ws = wb.create_sheet("5G应用案例")
    cols = ["编号", "案例名称", "应用企业", "行业大类代码", "年度", "是否国家级试点"]
    title(ws, 1, "5G应用案例汇总表", len(cols))
    header(ws, 2, cols)
    # fmt: off
    cases = [
        ["5G-01", "汽车零部件5G+机器视觉质检", "江西小蓝汽车零部件有限公司", "36", 2023, "否"],
        ["5G-02", "电机装配线5G+AGV物流", "江西智行物流装备有限公司", "38", 2023, "是"],
        ["5G-03", "电子元器件5G远程运维", "南昌县恒通机电有限公司", "39", 2023, "否"],
        ["5G-04", "汽车焊装车间5G专网", "江铃汽车小蓝工厂", 36, 2023, "否"],
        ["5G-05", "大米加工5G+能耗监测", "江西南昌县米业有限公司", "13", 2023, "否"],
    ]
    # fmt: on
    put_rows(ws, 3, cases)  # rows 3..7
    widths(ws, {"A": 8, "B": 28, "C": 28, "D": 12, "E": 8, "F": 14})

    ws = wb.create_sheet("经费")
    header(ws, 1, ["年度", "支出项目", "预算（万元）", "支出（万元）"])
    # fmt: off
    lines = [
        ["2023年", "对接活动组织", 6, 5.8],
        ["2023年", "企业调研", 1.5, 1.2],
        ["2023年", "专题培训", 3, 3],
        ["2023年", "5G案例征集与宣传", 2.5, 1.6],
    ]
    # fmt: on
    r = put_rows(ws, 2, lines)  # rows 2..5
    ws.cell(row=r, column=1, value="合计")  # row 6
    ws.cell(row=r, column=3, value=13)
    ws.cell(row=r, column=4, value=11.6)
    widths(ws, {"A": 8, "B": 20, "C": 12, "D": 12})
    save(wb, "无绩效目标台账.xlsx")


# ---------------------------------------------- R3 青山湖区科协: a budget without any year
QINGSHANHU = "青山湖区科协2023年产学研协同创新项目"


def build_budget_no_year():
    """A 区科协 analyst: the programme in the events title, deals in 元 with one 待定, and a
    经费 sheet with 预算数/执行数 but no 年度 column (nothing on it says which year)."""
    wb = fresh()
    ws = wb.create_sheet("活动台账")
    cols = ["序号", "活动主题", "活动类别", "活动日期", "参会人数", "备注"]
    title(ws, 1, QINGSHANHU + "活动台账", len(cols))
    header(ws, 2, cols)
    # fmt: off
    events = [
        ["高校院所科技成果发布会", "会议", D(2023, 3, 22), "近200人", None],
        ["新材料产业技术对接会", "对接会", D(2023, 5, 17), 140, None],
        ["纺织服装企业技术需求调研", "调研", "2023年6月", 10, "走访企业5家"],
        ["青年科技工作者座谈会", "座谈会", "2023.09.14", 32, None],
        ["科技成果项目路演", "路演", D(2023, 11, 9), "约80人", None],
    ]
    # fmt: on
    put_rows(ws, 3, numbered(events))  # rows 3..7
    widths(ws, {"A": 6, "B": 28, "C": 10, "D": 14, "E": 10, "F": 14})

    ws = wb.create_sheet("签约")
    cols = ["序号", "项目名称", "转化方式", "承接企业", "合同金额（元）", "签约时间", "阶段"]
    title(ws, 1, "签约项目明细", len(cols))
    header(ws, 2, cols)
    # fmt: off
    deals = [
        ["高性能纤维纺丝工艺", "技术转让", "江西华春色纺科技有限公司", 850000, D(2023, 4, 11), "已签约"],
        ["服装智能裁剪算法", "技术许可", "南昌青山湖服装产业有限公司", "1,200,000", D(2023, 5, 17), "已落地"],
        ["废旧纺织品再生利用", "合作实施", "江西再纺环保科技有限公司", "300万元", D(2023, 7, 6), "签约"],
        ["功能性面料涂层技术", "专利转让", "江西锦绣纺织有限公司", "待定", D(2023, 8, 30), "已签约"],
        ["印染废水深度处理", "技术服务", "南昌青山湖印染有限公司", 180000, D(2023, 10, 25), "已落地"],
        ["智能仓储分拣系统", "技术转让", "江西物联仓储有限公司", 500000, None, "意向"],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(deals))  # rows 3..8
    ws.cell(row=r, column=2, value="合计")  # row 9
    ws.cell(row=r, column=5, value=5730000)
    widths(ws, {"A": 6, "B": 24, "C": 10, "D": 30, "E": 14, "F": 12, "G": 8})

    ws = wb.create_sheet("经费")
    cols = ["序号", "支出科目", "预算数（万元）", "执行数（万元）", "备注"]
    title(ws, 1, "经费使用情况", len(cols))
    header(ws, 2, cols)
    # fmt: off
    lines = [
        ["成果发布会", 4, 3.6, None],
        ["技术对接会", 5, 4.75, None],
        ["企业调研", 1, 0.6, None],
        ["座谈会", 0.8, 0.8, None],
        ["项目路演", 3.2, 2.9, None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(lines))  # rows 3..7
    ws.cell(row=r, column=1, value="合计")  # row 8
    ws.cell(row=r, column=3, value=14)
    ws.cell(row=r, column=4, value=12.65)
    ws.cell(row=r + 2, column=1, value=FOOTER)  # row 10
    widths(ws, {"A": 6, "B": 16, "C": 14, "D": 14, "E": 10})
    save(wb, "经费无年度台账.xlsx")


# ------------------------------------------- R4 two programmes told apart by 项目名称
LITHIUM = "“科创中国”锂电新能源产业协同创新项目"
VILLAGE = "“百会万企”科技服务乡村振兴行动"


def build_two_programmes():
    """A 市科协 analyst keeping two programmes on the same sheets, each row naming its
    programme in a 项目名称 column (typed on every row, not merged); 5G cases for the
    lithium programme only; no 项目信息 sheet."""
    wb = fresh()
    ws = wb.create_sheet("活动")
    cols = ["序号", "项目名称", "活动名称", "活动类型", "活动日期", "参会人数（人）", "备注"]
    title(ws, 1, "2023年活动开展情况汇总", len(cols))
    header(ws, 2, cols)
    # fmt: off
    events = [
        [LITHIUM, "锂电产业链供需对接会", "对接会", D(2023, 4, 18), "300余", None],
        [LITHIUM, "固态电池技术论坛", "论坛", D(2023, 6, 9), 150, None],
        [LITHIUM, "锂电企业技术需求调研", "调研", D(2023, 7, 12), 20, None],
        [LITHIUM, "储能项目路演", "路演", D(2023, 9, 26), 130, None],
        [VILLAGE, "乡村振兴科技服务对接会", "对接会", D(2023, 3, 29), "近200", None],
        [VILLAGE, "农技专家田间培训", "培训", D(2023, 5, 10), 45, None],
        [VILLAGE, "特色农产品加工调研", "调研", D(2023, 6, 21), 12, None],
        [VILLAGE, "村级科普带头人座谈", "座谈会", D(2023, 8, 15), 23, None],
        [VILLAGE, "农产品电商直播培训", "培训", D(2023, 10, 19), 40, None],
        [VILLAGE, "乡村振兴线上科普讲座", "培训", D(2023, 11, 23), None, "线上举办，未统计现场人数"],
    ]
    # fmt: on
    put_rows(ws, 3, numbered(events))  # rows 3..12
    widths(ws, {"A": 6, "B": 36, "C": 26, "D": 10, "E": 12, "F": 14, "G": 26})

    ws = wb.create_sheet("签约台账")
    cols = [
        "序号",
        "项目名称",
        "成果名称",
        "转化方式",
        "承接单位",
        "合同金额（万元）",
        "签约日期",
        "项目状态",
    ]
    title(ws, 1, "2023年签约项目台账", len(cols))
    header(ws, 2, cols)
    # fmt: off
    deals = [
        [LITHIUM, "磷酸铁锂正极材料改性技术", "技术转让", "江西赣锋锂电科技有限公司", 800, D(2023, 4, 18), "已落地"],
        [LITHIUM, "锂电池回收湿法冶金工艺", "技术许可", "江西循环锂业有限公司", 1500, D(2023, 4, 18), "已签约"],
        [LITHIUM, "固态电解质薄膜制备", "作价投资", "江西固锂新能源有限公司", "2800万元", D(2023, 6, 9), "已签约"],
        [LITHIUM, "电池管理系统均衡算法", "技术开发", "江西储能电控有限公司", 260, D(2023, 9, 26), "已落地"],
        [LITHIUM, "储能集装箱热管理", "合作实施", "江西储能装备有限公司", 450, None, "意向"],
        [VILLAGE, "脐橙保鲜贮藏技术", "技术转让", "江西橙乡果业专业合作社", 35, D(2023, 3, 29), "已落地"],
        [VILLAGE, "稻米低温烘干工艺", "合作实施", "江西丰谷粮食加工有限公司", 48, D(2023, 5, 10), "已签约"],
        [VILLAGE, "富硒茶加工技术", "专利许可", "江西硒山茶业有限公司", 22.5, D(2023, 6, 21), "已落地"],
        [VILLAGE, "农村生活污水处理", "技术服务", "江西清村环境工程有限公司", 16, D(2023, 8, 15), "终止"],
        [VILLAGE, "畜禽粪污资源化利用", "自行投资实施", "江西绿牧生态农业有限公司", 60, D(2023, 10, 19), "已实施"],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(deals))  # rows 3..12
    ws.cell(row=r, column=1, value="合计")  # row 13
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(row=r, column=6, value=5991.5)
    widths(ws, {"A": 6, "B": 36, "C": 26, "D": 12, "E": 28, "F": 14, "G": 12, "H": 10})

    ws = wb.create_sheet("经费")
    header(ws, 1, ["项目名称", "年度", "支出科目", "预算数（万元）", "执行数（万元）"])
    # fmt: off
    lines = [
        [LITHIUM, 2023, "对接会组织", 8, 7.6],
        [LITHIUM, 2023, "论坛举办", 10, 9.5],
        [LITHIUM, 2023, "企业调研", 2, 1.4],
        [LITHIUM, 2023, "项目路演", 5, 4.8],
        [VILLAGE, 2023, "对接活动", 3, 2.7],
        [VILLAGE, 2023, "专家培训", 4, 3.6],
        [VILLAGE, 2023, "调研座谈", 1.5, 1.1],
        [VILLAGE, 2023, "线上科普", 1.5, None],
    ]
    # fmt: on
    r = put_rows(ws, 2, lines)  # rows 2..9
    ws.cell(row=r, column=1, value="合计")  # row 10
    ws.cell(row=r, column=4, value=35)
    ws.cell(row=r, column=5, value=30.7)
    widths(ws, {"A": 36, "B": 8, "C": 14, "D": 14, "E": 14})

    ws = wb.create_sheet("5G应用案例")
    header(ws, 1, ["项目名称", "案例名称", "行业大类代码", "所在地区"])
    # fmt: off
    put_rows(ws, 2, [
        [LITHIUM, "锂电池极片车间5G+质检", "38", "新余市"],
        [LITHIUM, "电池管理芯片5G测试线", "39", "新余市"],
        [LITHIUM, "储能电站5G远程监控", "44", "宜春市"],
        [LITHIUM, "动力电池包5G柔性产线", "38", "新余市"],
    ])  # rows 2..5
    # fmt: on
    widths(ws, {"A": 36, "B": 26, "C": 12, "D": 10})
    save(wb, "两个项目合并台账.xlsx")


# ------------------------------------------------ R5 经开区科协: only an events sheet
JINGKAI = "南昌经开区科协2023年“科创中国”科技服务团项目"


def build_events_only():
    """A 科协 analyst who only logs events: one sheet 活动, the programme in its title, a
    blank row before a typed 合计, and a footer."""
    wb = fresh()
    ws = wb.create_sheet("活动")
    cols = ["序号", "活动名称", "活动形式", "活动时间", "地点", "参加人数", "线上观看人次", "备注"]
    title(ws, 1, JINGKAI + "活动台账", len(cols))
    header(ws, 2, cols)
    # fmt: off
    events = [
        ["科技服务团进企业启动仪式", "会议", D(2023, 2, 23), "经开区管委会", "100多人", None, None],
        ["汽车零部件产业技术对接会", "对接会", "2023/4/13", "经开区科创园", 85, None, None],
        ["光电企业技术需求调研", "调研", "2023年5月9日", "辖区光电企业", 14, None, "走访企业7家"],
        ["企业技术骨干专题培训", "培训", "2023.07.20", "经开区人才大厦", "60余人", None, None],
        ["企业家科技座谈会", "座谈", D(2023, 9, 7), "区科协会议室", 26, None, None],
        ["科创成果线上路演", "路演", D(2023, 11, 16), "线上", None, "3000余人次", "直播"],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(events))  # rows 3..8
    ws.cell(row=r + 1, column=1, value="合计")  # row 10 (row 9 blank)
    ws.cell(row=r + 1, column=6, value=285)
    ws.cell(row=r + 3, column=1, value=FOOTER)  # row 12
    widths(ws, {"A": 6, "B": 28, "C": 10, "D": 14, "E": 16, "F": 10, "G": 14, "H": 12})
    save(wb, "仅活动台账.xlsx")


def main():
    build_no_fiveg()
    build_no_targets()
    build_budget_no_year()
    build_two_programmes()
    build_events_only()


if __name__ == "__main__":
    main()
