# ruff: noqa: E501
# (ledger rows are kept one per line, as an analyst sees them in Excel)
"""Build three more hand-made analyst ledgers (工作台账) in this folder.

Run from anywhere:  python tests/data/ledgers/build_third_ledgers.py

These three show what the eleven of ``build_ledgers.py`` and ``build_more_ledgers.py`` do
not:

1. ``安义县科技局2023年技术转移专项行动台账.xlsx``: a 科技局 officer who keeps signed deals
   (``签约项目``) and landed results (``落地项目``) on SEPARATE sheets.  Neither sheet has an
   id; the 落地 sheet names the deal by its 项目名称 and gives 落地时间 and 落地金额（万元）.
   A person matches a landed row to its signed row by the project name.  ``签约项目`` has
   no status column: every row on it is a signed deal; it is landed when its name is on
   ``落地项目``.  ``活动`` has a 日期 column of Excel datetimes (with a time of day) mixed
   with text dates, and plain 参会人数 counts.
2. ``成果转化项目查询结果_20240105093015.xlsx``: an export from a reporting system.  Header
   on row 1, EVERY cell is a text cell (numbers such as "1200000.00", dates such as
   "2023-05-06 00:00:00"), a 当前阶段 column (意向 / 签约 / 实施 / 终止), money in 元
   (合同金额（元）), the programme only in a 所属专项 column repeated on every row, and a
   final row "共 18 条记录".
3. ``赣江新区科协2023年5G成果转化台账.xlsx``: a 科协 running a 5G "科创中国" pilot.  Its
   budget sheet has two levels (一级科目 / 二级科目): amounts on the 二级 rows, a 小计 row
   per 一级 (the word 小计 in the 二级 column, 一级 merged over its block), and a 合计.
   Its deal sheet has two 转化方式 cells holding two modes separated by "/" ("许可/转让",
   "转让/作价入股"): a careful reader cannot choose one mode for them.

Every cell below is typed as an analyst (or the export) would type it; nothing is random.
The expectations beside each workbook (``<stem>.expected.toml``) were computed by hand
from these cells, not from this script and not from the project's loader.  The helpers
(and the fixed 2024-01-01 zip entries and docProps created/modified) are those of
``build_ledgers.py``, so a rerun gives byte-identical files.

How a person reads the words new in these ledgers
-------------------------------------------------
Status:  当前阶段 实施 (the funnel 意向 -> 签约 -> 实施) -> landed; 意向 / 签约 / 终止 as before.
Dates:   "2023-05-06 00:00:00" (text) is 2023-05-06; an Excel datetime 2023-03-15 09:30 is
         the day 2023-03-15.
Modes:   "许可/转让" names two modes: ambiguous, the row cannot be counted under one mode.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl.styles import Alignment, Font

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_ledgers import (
    FOOTER,
    UP,
    D,
    fresh,
    header,
    numbered,
    put_rows,
    save,
    title,
    widths,
)

T = dt.datetime


# ------------------------------------------------- X1 安义县科技局 (separate 签约 / 落地 sheets)
def build_anyi():
    wb = fresh()
    ws = wb.create_sheet("签约项目")
    cols = [
        "序号",
        "项目名称",
        "技术领域",
        "转化方式",
        "受让单位",
        "合同金额（万元）",
        "签约时间",
        "备注",
    ]
    title(ws, 1, "2023年技术转移签约项目", len(cols))
    header(ws, 2, cols)
    # fmt: off
    signed = [
        ["高纯氧化铝粉体制备技术", "新材料", "技术转让", "江西铝源新材料有限公司", 320, D(2023, 2, 16), None],
        ["工业锅炉低氮燃烧改造技术", "节能环保", "专利许可", "南昌热能设备有限公司", 150, D(2023, 3, 8), None],
        ["中药饮片智能炮制设备", "生物医药", "合作实施", "江西杏林制药装备有限公司", 480, D(2023, 3, 29), None],
        ["电力电缆局部放电在线监测", "电子信息", "技术开发", "江西电研智能科技有限公司", 95, D(2023, 4, 20), None],
        ["汽车座椅骨架轻量化设计", "先进制造", "技术转让", "南昌恒驰汽车零部件有限公司", 210, D(2023, 5, 11), None],
        ["钠离子电池负极材料", "新能源", "作价入股", "江西钠能科技有限公司", 1600, D(2023, 6, 2), "成立合资公司"],
        ["智慧园区能耗管理平台", "电子信息", "技术服务", "安义县城市建设投资有限公司", 38, D(2023, 6, 27), None],
        ["茶园病虫害绿色防控技术", "现代农业", "专利转让", "江西安义茶业有限公司", 45, D(2023, 7, 19), None],
        ["精密铸件缺陷X射线检测", "先进制造", "独占许可", "江西安义精密铸造有限公司", 260, D(2023, 8, 30), None],
        ["污泥低温干化技术", "节能环保", "自行投资实施", "江西安源环保科技有限公司", 180, D(2023, 9, 14), None],
        ["城市供水管网漏损分析", "电子信息", "技术咨询", "安义县自来水有限公司", 22, D(2023, 10, 25), None],
        ["铜基复合导电材料", "新材料", "技术转让", "江西铜创材料有限公司", 540, D(2023, 11, 28), None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(signed))  # rows 3..14
    ws.cell(row=r, column=1, value="合计")  # row 15
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(row=r, column=6, value=3940)
    ws.cell(row=r + 2, column=1, value=FOOTER)  # row 17
    widths(ws, {"A": 6, "B": 28, "C": 10, "D": 12, "E": 30, "F": 14, "G": 12, "H": 14})

    ws = wb.create_sheet("落地项目")
    cols = ["序号", "项目名称", "落地企业", "落地时间", "落地金额（万元）", "备注"]
    title(ws, 1, "2023年技术转移落地项目", len(cols))
    header(ws, 2, cols)
    # fmt: off
    landed = [
        ["高纯氧化铝粉体制备技术", "江西铝源新材料有限公司", D(2023, 5, 18), 320, None],
        ["钠离子电池负极材料", "江西钠能科技有限公司", D(2023, 9, 1), 800, "首期出资到位"],
        ["中药饮片智能炮制设备", "江西杏林制药装备有限公司", "2023年7月6日", 300, None],
        ["污泥低温干化技术", "江西安源环保科技有限公司", D(2023, 12, 8), 180, None],
        ["茶园病虫害绿色防控技术", "江西安义茶业有限公司", "2023/10/12", 45, None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(landed))  # rows 3..7
    ws.cell(row=r, column=1, value="合计")  # row 8
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    ws.cell(row=r, column=5, value=1645)
    widths(ws, {"A": 6, "B": 28, "C": 30, "D": 14, "E": 14, "F": 14})

    ws = wb.create_sheet("活动")
    cols = ["序号", "活动名称", "活动类型", "日期", "地点", "参会人数"]
    header(ws, 1, cols)  # no title row
    # fmt: off
    events = [
        ["科技成果转化政策解读会", "会议", T(2023, 3, 15, 9, 30), "县行政中心三楼会议室", 120],
        ["新材料产业成果对接会", "对接会", "2023年4月20日", "安义县科创中心", 85],
        ["高校院所科技成果路演", "路演", T(2023, 5, 26, 14, 0), "安义县科创中心", 60],
        ["重点企业技术需求调研", "调研", "2023-06-13", "县工业园区企业", 12],
        ["技术经纪人专题培训", "专题培训", T(2023, 7, 20, 0, 0), "县委党校", "90人"],
        ["企业家座谈会", "座谈会", "2023.08.17", "县科技局会议室", 25],
        ["安义县科技成果展洽会", "展洽会", T(2023, 10, 18, 9, 0), "安义古村群游客中心", 300],
        ["生物医药项目路演", "项目路演", "2023/11/23", "安义县科创中心", 45],
    ]
    # fmt: on
    r = 2
    for values in numbered(events):  # rows 2..9
        for j, v in enumerate(values, start=1):
            c = ws.cell(row=r, column=j, value=v)
            if isinstance(v, dt.datetime):
                c.number_format = (
                    "yyyy/m/d" if v.hour == 0 and v.minute == 0 else "yyyy-mm-dd hh:mm"
                )
        r += 1
    widths(ws, {"A": 6, "B": 28, "C": 10, "D": 18, "E": 24, "F": 10})
    save(wb, "安义县科技局2023年技术转移专项行动台账.xlsx")


# ------------------------------------------------ X2 reporting-system export (all text, 元)
def _yuan(v: int) -> str:
    return f"{v:.2f}"


def _stamp(d: dt.date | None) -> str | None:
    return None if d is None else f"{d:%Y-%m-%d} 00:00:00"


def build_export():
    wb = fresh()
    ws = wb.create_sheet("查询结果")
    cols = [
        "序号",
        "项目编号",
        "项目名称",
        "所属专项",
        "技术领域",
        "转化方式",
        "受让单位",
        "合同金额（元）",
        "签约日期",
        "当前阶段",
        "填报单位",
        "更新时间",
    ]
    for j, name in enumerate(cols, start=1):
        ws.cell(row=1, column=j, value=name).font = Font(bold=True)
    prog = "进贤县2023年科技成果转移转化示范项目"
    unit = "进贤县科学技术局"
    # fmt: off
    rows = [
        ["高性能锂电隔膜涂覆技术", "新能源", "技术转让", "江西隔膜科技有限公司", 1200000, D(2023, 1, 16), "签约"],
        ["稻米蛋白提取工艺", "现代农业", "技术许可", "江西谷源生物科技有限公司", 350000, D(2023, 2, 9), "实施"],
        ["工业视觉缺陷检测系统", "电子信息", "技术开发", "南昌慧眼智能装备有限公司", 880000, D(2023, 2, 27), "签约"],
        ["钢渣微粉综合利用技术", "节能环保", "作价投资", "江西新钢环保建材有限公司", 5000000, D(2023, 3, 14), "实施"],
        ["抗肿瘤中药复方制剂", "生物医药", "专利转让", "江西济世药业有限公司", 2600000, D(2023, 3, 30), "签约"],
        ["农机北斗导航自动驾驶", "先进制造", "合作实施", "江西农机装备有限公司", 1500000, None, "意向"],
        ["5G智慧矿山通信系统", "电子信息", "合作实施", "江西矿联通信科技有限公司", 3200000, D(2023, 4, 25), "实施"],
        ["建筑光伏一体化构件", "新能源", "技术服务", "南昌光建新能源有限公司", 180000, D(2023, 5, 6), "签约"],
        ["高端轴承热处理工艺", "先进制造", "独占许可", "江西精轴科技有限公司", 950000, D(2023, 5, 22), "终止"],
        ["水产品冷链保鲜技术", "现代农业", "技术转让", "江西鄱湖水产有限公司", 420000, D(2023, 6, 8), "签约"],
        ["柔性电子皮肤传感器", "新材料", "专利许可", "南昌柔感科技有限公司", 760000, D(2023, 6, 29), "实施"],
        ["医疗废物微波消毒设备", "节能环保", "自行投资实施", "江西洁康环保设备有限公司", 1350000, D(2023, 7, 17), "签约"],
        ["智能网联汽车V2X终端", "电子信息", "技术转让", "江西车联科技有限公司", 680000, None, "意向"],
        ["石墨烯导热膜制备", "新材料", "技术转让", "江西烯材科技有限公司", 2100000, D(2023, 8, 21), "实施"],
        ["中小企业数字化诊断", "电子信息", "技术咨询", "南昌数智咨询有限公司", 95000, D(2023, 9, 12), "签约"],
        ["鄱阳湖湿地生态修复", "节能环保", "其他", "江西湿地生态工程有限公司", 600000, D(2023, 10, 10), "签约"],
        ["氢能叉车燃料电池系统", "新能源", "作价投资", "江西氢驰动力有限公司", 4000000, D(2023, 11, 3), "终止"],
        ["蓝莓深加工冻干技术", "现代农业", "技术许可", "江西蓝韵食品有限公司", 300000, None, "意向"],
    ]
    # fmt: on
    for i, (name, field, mode, firm, yuan, day, stage) in enumerate(rows, start=1):
        values = [
            str(i),
            f"XM2023{i:03d}",
            name,
            prog,
            field,
            mode,
            firm,
            _yuan(yuan),
            _stamp(day),
            stage,
            unit,
            f"2023-12-28 16:{i + 10:02d}:05",
        ]
        for j, v in enumerate(values, start=1):
            if v is not None:
                ws.cell(row=i + 1, column=j, value=v)  # rows 2..19, every value a str
    ws.cell(row=len(rows) + 2, column=1, value=f"共 {len(rows)} 条记录")  # row 20
    widths(
        ws,
        {
            "A": 6,
            "B": 12,
            "C": 26,
            "D": 34,
            "E": 10,
            "F": 12,
            "G": 28,
            "H": 16,
            "I": 20,
            "J": 10,
            "K": 18,
            "L": 20,
        },
    )
    save(wb, "成果转化项目查询结果_20240105093015.xlsx")


# -------------------------------------------- X3 赣江新区科协 5G (two-level budget, "A/B" modes)
def build_ganjiang():
    wb = fresh()
    ws = wb.create_sheet("项目信息")
    header(ws, 1, ["项目名称", "主管部门", "实施单位", "年度"])
    for j, v in enumerate(
        [
            "赣江新区“科创中国”5G+工业互联网成果转化试点项目",
            "赣江新区科学技术协会",
            "赣江新区5G产业创新联盟",
            2023,
        ],
        start=1,
    ):
        ws.cell(row=2, column=j, value=v)
    widths(ws, {"A": 46, "B": 22, "C": 24, "D": 8})

    ws = wb.create_sheet("5G应用项目签约台账")
    cols = [
        "序号",
        "项目名称",
        "应用行业",
        "转化方式",
        "合作单位",
        "合同金额（万元）",
        "签约日期",
        "状态",
    ]
    title(ws, 1, "5G应用成果转化项目签约台账", len(cols))
    header(ws, 2, cols)
    # fmt: off
    deals = [
        ["5G+智能工厂设备联网方案", "制造业", "技术转让", "江西江铃集团智能制造有限公司", 260, D(2023, 2, 20), "已签约"],
        ["5G远程医疗会诊平台", "卫生", "技术许可", "南昌大学第一附属医院", 180, D(2023, 3, 15), "已落地"],
        ["5G智慧港口龙门吊远程操控", "交通运输", "合作实施", "九江港务集团有限公司", 520, D(2023, 4, 6), "已签约"],
        ["5G+AR电力设备巡检系统", "电力", "技术开发", "国网江西省电力有限公司电力科学研究院", 150, D(2023, 4, 28), "已签约"],
        ["5G矿山无人驾驶矿卡", "采矿业", "许可/转让", "江西铜业股份有限公司德兴铜矿", 800, D(2023, 5, 18), "已签约"],
        ["5G智慧课堂互动系统", "教育", "技术服务", "南昌市第二中学", 35, D(2023, 6, 9), "已签约"],
        ["5G智慧农业大棚监测", "农业", "技术转让", "江西绿能农业发展有限公司", 60, None, "意向"],
        ["5G电网差动保护装置", "电力", "作价入股", "江西赣电智联科技有限公司", 1200, D(2023, 7, 12), "已落地"],
        ["5G网联无人机物流配送", "交通运输", "独占许可", "江西翼达航空科技有限公司", 340, D(2023, 8, 3), "已签约"],
        ["5G工业视觉质检平台", "制造业", "转让/作价入股", "江西晶科光伏材料有限公司", 950, D(2023, 8, 25), "已落地"],
        ["5G智慧文旅沉浸式导览", "文化旅游", "技术咨询", "江西省旅游集团有限责任公司", 25, D(2023, 9, 14), "已签约"],
        ["5G车路协同示范路段", "交通运输", "合作实施", "江西省交通投资集团有限责任公司", 680, D(2023, 10, 19), "终止"],
        ["5G智慧水务管网监测", "水利", "专利转让", "南昌水业集团有限责任公司", 210, D(2023, 11, 8), "已落地"],
        ["5G+工业互联网标识解析节点", "制造业", "自行投资实施", "江西工业互联网研究院有限公司", 400, D(2023, 12, 1), "已签约"],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(deals))  # rows 3..16
    ws.cell(row=r, column=1, value="合计")  # row 17
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(row=r, column=6, value=5810)
    ws.cell(row=r + 2, column=1, value=FOOTER)  # row 19
    widths(ws, {"A": 6, "B": 28, "C": 10, "D": 14, "E": 34, "F": 14, "G": 12, "H": 8})

    ws = wb.create_sheet("经费预算执行")
    cols = ["一级科目", "二级科目", "预算数（万元）", "执行数（万元）", "备注"]
    title(ws, 1, "2023年项目经费预算执行情况表", len(cols))
    header(ws, 2, cols)
    # fmt: off
    lines = [
        ["会议费", "场地租赁费", 3, 2.8, None],
        [UP, "会务服务费", 2, 1.9, None],
        [UP, "小计", 5, 4.7, None],
        ["专家咨询费", "院士专家咨询费", 4, 3.6, None],
        [UP, "专家评审费", 1.5, 1.5, None],
        [UP, "小计", 5.5, 5.1, None],
        ["调研差旅费", "城市间交通费", 1.2, 1.05, None],
        [UP, "住宿费", 0.8, 0.62, None],
        [UP, "市内交通费", 0.5, 0.33, None],
        [UP, "小计", 2.5, 2.0, None],
        ["宣传推广费", "案例汇编印刷费", 2.5, 2.4, "5G+应用案例集"],
        [UP, "网络直播服务费", 1.5, 1.5, None],
        [UP, "小计", 4, 3.9, None],
        ["合计", None, 17, 15.7, None],
    ]
    # fmt: on
    put_rows(ws, 3, lines)  # rows 3..16
    for rr in (5, 8, 12, 15, 16):
        for cc in (2, 3, 4):
            ws.cell(row=rr, column=cc).font = Font(bold=True)
    ws.cell(row=16, column=1).alignment = Alignment(horizontal="center")
    widths(ws, {"A": 14, "B": 18, "C": 14, "D": 14, "E": 16})
    save(wb, "赣江新区科协2023年5G成果转化台账.xlsx")


def main():
    build_anyi()
    build_export()
    build_ganjiang()


if __name__ == "__main__":
    main()
