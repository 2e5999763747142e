# ruff: noqa: E501
# (ledger rows are kept one per line, as an analyst sees them in Excel)
"""Build four more hand-made analyst ledgers (工作台账) in this folder.

Run from anywhere:  python tests/data/ledgers/build_more_ledgers.py

These four show what the seven of ``build_ledgers.py`` do not: a WPS two-row header with
merged group cells and line breaks inside header cells, full-width digits and separators,
qualified amounts (约 / 左右 / 不足), money in 元 with 万元 and 亿元 cells, Excel date serial
numbers stored as plain numbers, other status / mode / contract-type / event words, a
budget sheet with phase headings, 小计 per phase and 合计, deals split over one sheet per
quarter beside a summary sheet, a cover sheet, a statistical-form layout (table starting
in column B, a 栏次 row and the 合计 directly under the header), and an online-views column
in 人次 next to the head count.

Every cell below is typed as an analyst would type it; nothing is random.  The
expectations beside each workbook (``<stem>.expected.toml``) were computed by hand from
these cells, not from this script and not from the project's loader.  The helpers (and
the fixed 2024-01-01 zip entries and docProps created/modified) are those of
``build_ledgers.py``, so a rerun gives byte-identical files.

How a person reads the words new in these ledgers (besides those in build_ledgers.py)
-----------------------------------------------------------------------------------
Status:  已签订合同 / 签约完成 -> signed;  已完成转化 -> landed;  意向洽谈 -> intention;
         已终止 -> terminated.
Modes:   专利权转让 / 技术秘密转让 -> transfer;  专利实施许可 / 普通许可 -> licence;
         技术入股 -> equity;  其他方式 -> other.
Contract types: 委托开发 -> development;  技术服务合同 -> service.
Events:  专家座谈会 -> symposium;  线上路演 -> roadshow;  产业对接活动 -> matchmaking;
         技术培训班 -> training;  实地考察 -> field_trip.
Numbers: full-width digits and separators are the same digits ("１２００" = 1200,
         "1，200" = 1200); 约 / 左右 / 近 = approx, 余 / 多 = at least, 不足 = at most;
         Chinese numerals count ("约三十人" = about 30, "一百多人" = at least 100);
         "面议" (price to be negotiated) is no amount.
Dates:   a plain number such as 45005 in a date column is an Excel date serial whose
         number format was lost (45005 = 2023-03-20); "2023年4月11日至13日" starts 4/11.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl.styles import Alignment, Font

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_ledgers import (
    BOX,
    D,
    fresh,
    header,
    numbered,
    put_rows,
    save,
    title,
    widths,
)


def header_at(ws, row: int, col: int, names: list[str]):
    """Like header(), but starting in column ``col``."""
    for j, name in enumerate(names, start=col):
        c = ws.cell(row=row, column=j, value=name)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = BOX


def merged(ws, ref: str, value, *, bold: bool = True):
    """Write ``value`` in the first cell of ``ref`` and merge the range."""
    first = ref.split(":")[0]
    ws[first] = value
    ws.merge_cells(ref)
    c = ws[first]
    c.font = Font(bold=bold)
    c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in ws[ref]:
        for cell in row:
            cell.border = BOX


def number_format(ws, col: int, rows: range, fmt: str):
    for r in rows:
        c = ws.cell(row=r, column=col)
        if isinstance(c.value, (int, float)):
            c.number_format = fmt


# ------------------------------------------ W8 高新区 WPS: two-row header, full-width digits
def build_gaoxin():
    """A 高新区 analyst in WPS: 项目信息 with extra columns, a blank row, a note and a footer;
    the deal sheet has a two-row header (序号 / 项目状态 / 备注 merged down over both rows,
    基本信息 and 合同情况 merged across), 合同金额 with a line break before （万元）, full-width
    digits and commas; 填报说明 and an empty Sheet3."""
    wb = fresh()
    ws = wb.create_sheet("项目信息")
    cols = [
        "序号",
        "项目名称",
        "主管部门",
        "实施单位",
        "年度",
        "项目负责人",
        "联系电话",
        "项目周期",
        "预算金额（万元）",
    ]
    title(ws, 1, "项目基本情况表", len(cols))
    header(ws, 2, cols)
    # fmt: off
    put_rows(ws, 3, [[1, "“高新区2023年科技成果转化促进项目”", "南昌高新区科技创新和经济发展局", "南昌高新区技术转移中心",
                      2023, "刘敏", "0791-88000000", "2023年1月-12月", 30]])
    # fmt: on
    ws["A5"] = "备注：项目周期以立项批复为准；预算金额为年初批复数。"  # row 4 left blank
    ws["A6"] = "填报人：刘敏    审核：陈刚    填报日期：2024年1月8日"
    widths(ws, {"A": 6, "B": 38, "C": 30, "D": 24, "E": 8, "F": 10, "G": 14, "H": 16, "I": 12})

    ws = wb.create_sheet("签约台账")
    title(ws, 1, "科技成果转化签约项目台账", 10)
    # two header rows: rows 2-3
    merged(ws, "A2:A3", "序号")
    merged(ws, "B2:E2", "基本信息")
    merged(ws, "F2:H2", "合同情况")
    merged(ws, "I2:I3", "项目状态")
    merged(ws, "J2:J3", "备注")
    for j, name in enumerate(
        [
            "项目名称",
            "技术领域",
            "承接单位",
            "所在区",
            "转化方式",
            "合同金额\n（万元）",
            "签订日期",
        ],
        start=2,
    ):
        c = ws.cell(row=3, column=j, value=name)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = BOX
    ws.row_dimensions[3].height = 30
    # fmt: off
    deals = [
        ["半导体激光器芯片封装", "电子信息", "江西光芯半导体有限公司", "高新区", "专利权转让", "１２００", D(2023, 2, 20), "已签订合同", None],
        ["有机硅改性防水涂料", "新材料", "江西硅科新材料有限公司", "高新区", "普通许可", 85, D(2023, 3, 14), "已完成转化", None],
        ["工业机器人视觉引导系统", "先进制造", "南昌智视机器人有限公司", "高新区", "委托开发", "1，200", "2023年4月6日", "签约完成", None],
        ["抗肿瘤药物缓释制剂", "生物医药", "江西济民药业有限公司", "经开区", "技术入股", "２５００", D(2023, 4, 28), "已签订合同", "评估作价"],
        ["废旧锂电池湿法回收", "节能环保", "江西循环再生科技有限公司", "经开区", "专利权转让", 360, D(2023, 5, 19), "意向洽谈", None],
        ["5G工业网关", "电子信息", "南昌网联通信技术有限公司", "高新区", "技术服务合同", 45, D(2023, 6, 2), "签约完成", None],
        ["高纯氧化铝粉体制备", "新材料", "江西晶瓷新材料有限公司", "高新区", "普通许可", "３８０", D(2023, 6, 30), "已完成转化", None],
        ["智慧园区能耗管理平台", "节能环保", "南昌高新置业有限公司", "高新区", "其他方式", 70, "2023.07.18", "已签订合同", None],
        ["微生物菌剂土壤修复", "现代农业", "江西绿源生物科技有限公司", "青山湖区", "委托开发", 150, D(2023, 8, 8), "已终止", "企业资金不到位"],
        ["光伏逆变器散热结构", "新能源", "江西阳光电源科技有限公司", "高新区", "专利权转让", 96.5, D(2023, 8, 25), "已完成转化", None],
        ["医用敷料静电纺丝工艺", "生物医药", "江西康乐医疗器械有限公司", "青山湖区", "技术入股", "1，500", D(2023, 9, 12), "签约完成", None],
        ["车规级MCU测试方法", "电子信息", "南昌芯测科技有限公司", "高新区", "技术服务合同", 28, D(2023, 10, 10), "已签订合同", None],
        ["柔性显示盖板材料", "新材料", "江西柔显科技有限公司", "高新区", "普通许可", 640, D(2023, 10, 26), "意向洽谈", None],
        ["稀土冶炼废渣综合利用", "节能环保", "江西稀冶环保有限公司", "经开区", "其他方式", 210, D(2023, 11, 15), "已完成转化", None],
        ["水产养殖智能投喂系统", "现代农业", "江西渔丰科技有限公司", "青山湖区", "委托开发", "５５", D(2023, 12, 5), "签约完成", None],
        ["航空铝合金焊接工艺", "先进制造", "江西航铝精工有限公司", "经开区", "专利权转让", 420, D(2023, 12, 20), "已签订合同", None],
    ]
    # fmt: on
    r = put_rows(ws, 4, numbered(deals), date_format="yyyy-mm-dd")  # rows 4..19
    ws.cell(row=r, column=1, value="合计")  # row 20
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
    ws.cell(row=r, column=7, value=8939.5)
    ws.cell(row=r + 2, column=1, value="制表：刘敏    审核：陈刚    日期：2024年1月8日")  # row 22
    widths(
        ws,
        {"A": 6, "B": 24, "C": 10, "D": 28, "E": 10, "F": 14, "G": 12, "H": 14, "I": 12, "J": 16},
    )

    ws = wb.create_sheet("活动开展情况")
    cols = ["序号", "活动名称", "形式", "活动日期", "地点", "参加人数（人）", "备注"]
    title(ws, 1, "2023年活动开展情况", len(cols))
    header(ws, 2, cols)
    # fmt: off
    events = [
        ["成果转化政策专家座谈会", "专家座谈会", D(2023, 3, 9), "高新区管委会", 25, None],
        ["新材料项目线上路演（第一期）", "线上路演", D(2023, 4, 18), "线上（腾讯会议）", None, "线上观看1200余人次"],
        ["光电产业对接活动", "产业对接活动", D(2023, 5, 25), "南昌光谷展示中心", "约500人", None],
        ["技术经理人技术培训班", "技术培训班", "2023/7/10-7/14", "高新区创新大厦", 80, "为期五天"],
        ["生物医药产业对接活动", "产业对接活动", D(2023, 9, 20), "高新区创新大厦", "200余人", None],
        ["电子信息项目线上路演（第二期）", "线上路演", D(2023, 11, 7), "线上", None, "线上观看800余人次"],
        ["年度转化工作专家座谈会", "专家座谈会", D(2023, 12, 12), "高新区管委会", 18, None],
    ]
    # fmt: on
    put_rows(ws, 3, numbered(events), date_format="yyyy-mm-dd")  # rows 3..9
    widths(ws, {"A": 6, "B": 30, "C": 12, "D": 14, "E": 18, "F": 12, "G": 20})

    ws = wb.create_sheet("经费")
    header(ws, 1, ["序号", "支出科目", "预算金额\n（万元）", "实际支出\n（万元）", "备注"])
    ws.row_dimensions[1].height = 30
    # fmt: off
    lines = [
        ["专家咨询费", 4, 3.6, None],
        ["活动组织费", 10, 9.2, None],
        ["线上路演平台服务费", 5, 4.5, None],
        ["培训费", 6, 5.4, None],
        ["宣传推广费", 3, 2.7, None],
        ["资料印刷费", 2, 1.6, None],
    ]
    # fmt: on
    r = put_rows(ws, 2, numbered(lines))  # rows 2..7
    ws.cell(row=r, column=1, value="合计")  # row 8
    ws.cell(row=r, column=3, value=30)
    ws.cell(row=r, column=4, value=27)
    widths(ws, {"A": 6, "B": 20, "C": 12, "D": 12, "E": 12})

    ws = wb.create_sheet("填报说明")
    ws["A1"] = "填报说明"
    ws["A2"] = "1.“项目状态”填写：意向洽谈、已签订合同（签约完成）、已完成转化、已终止。"
    ws["A3"] = "2.合同金额以万元为单位，保留一位小数。"
    ws["A4"] = "3.线上活动不填写参加人数，观看人次写在备注中。"
    wb.create_sheet("Sheet3")
    save(wb, "高新区2023年成果转化台账（WPS版）.xlsx")


# ------------------------------- W9 generic file name; programme only in the 活动 title; 元
HONGGUTAN = "红谷滩区2023年“科创中国”创新枢纽城市建设项目"


def build_honggutan():
    """No 项目信息; the file name and the deal sheet's title are generic, the programme is
    named only in the title of the 活动 sheet.  The deal sheet is in 元 (交易额(元)) with
    万元 and 亿元 cells, 约 / 左右, and dates partly as bare Excel serial numbers.  The budget
    sheet has phase headings (一、二、三), a 小计 per phase and a 合计."""
    wb = fresh()
    ws = wb.create_sheet("合同明细")
    cols = [
        "序号",
        "合同名称",
        "技术领域",
        "转化方式",
        "受让方",
        "交易额(元)",
        "签订时间",
        "状态",
        "备注",
    ]
    title(ws, 1, "技术合同登记明细", len(cols))
    header(ws, 2, cols)
    # fmt: off
    deals = [
        ["高速列车制动盘材料", "新材料", "技术转让", "江西轨交材料有限公司", 1500000, 45005, "已签约", None],
        ["城市内涝预警模型", "电子信息", "技术开发", "南昌市城投数字科技有限公司", 880000, 45030, "已签约", None],
        ["钙钛矿电池封装", "新能源", "作价入股", "江西钙钛新能源有限公司", "约1.2亿元", D(2023, 4, 27), "已落地", "评估值待备案"],
        ["智慧停车诱导系统", "电子信息", "合作实施", "红谷滩城市运营有限公司", "500万左右", "2023年5月", "已签约", None],
        ["茶叶深加工提取工艺", "现代农业", "技术许可", "江西茶语生物科技有限公司", "35万元", 45082, "已转化", None],
        ["会展场馆声学优化", "先进制造", "技术咨询", "南昌国际会展中心", 120000, 45090, "已签约", None],
        ["金融风控大模型", "电子信息", "技术许可", "江西金控科技有限公司", "2,600,000", D(2023, 7, 3), "意向", None],
        ["建筑垃圾再生骨料", "节能环保", "技术转让", "江西再生建材有限公司", 950000, 45140, "已落地", None],
        ["VR文旅展示平台", "电子信息", "技术服务", "江西文旅数字有限公司", 300000, "2023年8月", "已签约", None],
        ["医用超声探头", "生物医药", "专利转让", "南昌声科医疗有限公司", 2000000, 45170, "终止", "受让方撤回"],
        ["新能源汽车热管理", "新能源", "合作实施", "江西热控科技有限公司", 4200000, 45190, "已签约", None],
        ["供应链金融区块链平台", "电子信息", "自行投资实施", "江西金链科技有限公司", 1800000, 45210, "已实施", None],
        ["水下机器人推进器", "先进制造", "独占许可", "江西深蓝装备有限公司", 760000, "2023年10月", "已签约", None],
        ["智慧医院物流机器人", "先进制造", "技术转让", "南昌医疗物流有限公司", 1350000, 45250, "已转化", None],
        ["幼儿园膳食营养系统", "电子信息", "技术服务", "红谷滩区教育服务中心", 60000, 45265, "已签约", None],
        ["高端装备润滑油添加剂", "新材料", "技术许可", "江西润达化工有限公司", 500000, None, "洽谈中", None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(deals))  # rows 3..18; serials stay plain numbers (General)
    number_format(ws, 6, range(3, r), "#,##0")
    ws.cell(row=r, column=1, value="合计")  # row 19
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(row=r, column=6, value=142370000).number_format = "#,##0"
    ws.cell(row=r + 1, column=1, value="注：交易额以合同文本为准，作价入股按评估值填写。")  # row 20
    ws.cell(row=r + 2, column=1, value="填表人：周琳    审核：吴涛")  # row 21
    widths(ws, {"A": 6, "B": 24, "C": 10, "D": 12, "E": 28, "F": 16, "G": 12, "H": 8, "I": 16})

    ws = wb.create_sheet("活动开展情况")
    cols = [
        "序号",
        "活动名称",
        "活动类别",
        "举办日期",
        "举办地点",
        "参与人数",
        "其中：企业（家）",
        "备注",
    ]
    title(ws, 1, HONGGUTAN + "活动开展情况统计表", len(cols), size=12)
    header(ws, 2, cols)
    # fmt: off
    events = [
        ["数字经济产业对接活动", "产业对接活动", 45015, "红谷滩会展中心", "150人", 32, None],
        ["青年科技人才技术培训班", "技术培训班", "2023年4月11日至13日", "区委党校", 60, None, None],
        ["创新枢纽建设专家座谈会", "专家座谈会", D(2023, 5, 16), "区科协会议室", 22, None, None],
        ["科创企业项目路演", "项目路演", D(2023, 6, 28), "红谷滩创新中心", 95, 12, None],
        ["重点企业实地考察", "实地考察", D(2023, 7, 20), "江西金控科技有限公司等", 15, 6, None],
        ["金融科技产业对接活动", "产业对接活动", D(2023, 9, 14), "红谷滩会展中心", "300余人", 45, None],
        ["科技成果转化技术培训班", "技术培训班", D(2023, 10, 19), "区委党校", 70, None, None],
        ["年度创新枢纽论坛", "论坛", D(2023, 11, 30), "南昌国际会展中心", "约400人", 60, "线上同步直播"],
    ]
    # fmt: on
    put_rows(ws, 3, numbered(events))  # rows 3..10
    widths(ws, {"A": 6, "B": 26, "C": 14, "D": 20, "E": 22, "F": 10, "G": 12, "H": 14})

    ws = wb.create_sheet("经费")
    cols = ["序号", "支出内容", "年初预算（万元）", "已支出（万元）", "备注"]
    title(ws, 1, "项目经费预算及执行情况", len(cols))
    header(ws, 2, cols)
    # fmt: off
    rows = [
        ["一", "前期调研阶段", None, None, None],        # row 3: phase heading
        [1, "调研差旅费", 1.5, 1.2, None],
        [2, "专家咨询费", 2, 1.8, None],
        [None, "小计", 3.5, 3.0, None],                 # row 6
        ["二", "活动实施阶段", None, None, None],        # row 7
        [3, "对接活动场地及搭建", 8, 7.6, None],
        [4, "培训班组织费", 5, 4.8, None],
        [5, "路演活动组织费", 3, 2.5, None],
        [6, "论坛组织费", 6, 6, None],
        [None, "小计", 22, 20.9, None],                 # row 12
        ["三", "总结宣传阶段", None, None, None],        # row 13
        [7, "宣传报道费", 1.5, 1.1, None],
        [8, "总结材料印制", 1, 0.6, "部分跨年支付"],
        [None, "小计", 2.5, 1.7, None],                 # row 16
        ["合计", None, 28, 25.6, None],                 # row 17
    ]
    # fmt: on
    r = put_rows(ws, 3, rows)  # rows 3..17
    ws.cell(row=r, column=1, value="填表人：周琳    填表日期：2024年1月10日")  # row 18
    widths(ws, {"A": 6, "B": 22, "C": 16, "D": 14, "E": 14})
    save(wb, "台账汇总2023-定稿.xlsx")


# --------------------------------- W10 cover sheet; one deal sheet per quarter; summary sheet
NANCHANGXIAN = "南昌县2023年“科技副总”产学研协同项目"


def build_nanchangxian():
    """The programme is named on a 封面 (cover) sheet.  Deals are kept on one sheet per
    quarter, each with its own 本季度合计, and a 全年汇总 sheet repeats the quarters' counts.
    到账金额 is given for some deals (one signed-not-landed deal already has a first payment).
    Amounts include "不足100万" (at most), "120 " with a trailing space, "65万元" and "面议"."""
    wb = fresh()
    ws = wb.create_sheet("封面")
    ws["A2"] = NANCHANGXIAN
    ws["A2"].font = Font(bold=True, size=18)
    ws["A3"] = "工作台账"
    ws["A3"].font = Font(bold=True, size=18)
    ws["A6"] = "填报单位：南昌县科学技术协会"
    ws["A7"] = "填报时间：2024年1月"
    widths(ws, {"A": 60})

    cols = [
        "序号",
        "项目名称",
        "合作高校院所",
        "合作企业",
        "合作方式",
        "合同金额（万元）",
        "到账金额（万元）",
        "签约日期",
        "状态",
    ]
    # fmt: off
    quarters = {
        "一季度": ("2023年第一季度签约项目", [
            ["低温等离子体废气处理", "南昌大学", "江西蓝天环保设备有限公司", "技术秘密转让", 68, 68, D(2023, 1, 16), "已落地"],
            ["水稻直播机排种器", "江西农业大学", "南昌县农机制造有限公司", "专利实施许可", 25, None, D(2023, 2, 22), "已签约"],
            ["食品级PET回收造粒", "华东交通大学", "江西绿塑再生材料有限公司", "技术开发", "120 ", 30, D(2023, 3, 9), "已签约"],
            ["中药饮片炮制标准化", "江西中医药大学", "江西樟树药业有限公司", "转让", 45, None, None, "洽谈中"],
        ], 258, 98),
        "二季度": ("2023年第二季度签约项目", [
            ["汽车座椅骨架轻量化", "南昌航空大学", "江西恒达汽车部件有限公司", "共同实施", 380, None, D(2023, 4, 12), "已签约"],
            ["猪场粪污厌氧发酵", "江西农业大学", "南昌县牧原养殖有限公司", "许可", "不足100万", None, D(2023, 5, 8), "已签约"],
            ["光纤传感桥梁监测", "华东交通大学", "江西交投智能科技有限公司", "作价投资", 900, 600, D(2023, 5, 26), "已落地"],
            ["智能温室环境控制", "江西农业大学", "南昌县蔬菜产业有限公司", "技术咨询", 8, 8, D(2023, 6, 15), "已落地"],
            ["陶瓷3D打印成型", "景德镇陶瓷大学", "江西瓷创科技有限公司", "转让", "面议", None, None, "意向"],
        ], 1388, 608),
        "三季度": ("2023年第三季度签约项目", [
            ["锂云母提锂尾渣利用", "南昌大学", "江西宜春锂材有限公司", "技术秘密转让", 560, 560, D(2023, 7, 10), "已落地"],
            ["电梯物联网安全监测", "南昌工程学院", "江西电梯检测有限公司", "技术开发", "65万元", None, "2023年9月", "已签约"],
            ["纳米银线导电膜", "南昌大学", "江西纳晶电子材料有限公司", "专利实施许可", 240, None, D(2023, 8, 3), "终止"],
            ["稻渔综合种养模式", "江西省农业科学院", "南昌县稻渔专业合作社", "合作实施", 36, 36, D(2023, 9, 19), "已落地"],
        ], 901, 596),
        "四季度": ("2023年第四季度签约项目", [
            ["工业互联网标识解析", "南昌大学", "江西工联网科技有限公司", "技术服务", 48, None, D(2023, 10, 11), "已签约"],
            ["柑橘节水灌溉", "江西农业大学", "南昌县果业发展有限公司", "转让", 30, None, D(2023, 11, 2), "已落地"],
            ["氢燃料电池双极板", "南昌航空大学", "江西氢能动力科技有限公司", "作价投资", 1500, None, D(2023, 11, 24), "已签约"],
            ["乡村污水一体化处理", "南昌工程学院", "南昌县水务有限公司", "技术开发", 150, None, None, "洽谈中"],
        ], 1728, 0),
    }
    # fmt: on
    for name, (heading, deals, total, arrived) in quarters.items():
        ws = wb.create_sheet(name)
        title(ws, 1, heading, len(cols))
        header(ws, 2, cols)
        r = put_rows(ws, 3, numbered(deals), date_format="yyyy-mm-dd")
        ws.cell(row=r, column=1, value="本季度合计")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        ws.cell(row=r, column=6, value=total)
        ws.cell(row=r, column=7, value=arrived)
        widths(ws, {"A": 6, "B": 22, "C": 16, "D": 28, "E": 14, "F": 14, "G": 14, "H": 12, "I": 8})

    ws = wb.create_sheet("全年汇总")
    cols = ["季度", "签约项目数（项）", "合同金额（万元）", "落地项目数（项）"]
    title(ws, 1, "2023年产学研协同项目全年汇总", len(cols))
    header(ws, 2, cols)
    put_rows(
        ws,
        3,
        [
            ["一季度", 3, 213, 1],
            ["二季度", 4, 1388, 2],
            ["三季度", 3, 661, 2],
            ["四季度", 3, 1578, 1],
            ["全年", 13, 3840, 6],
        ],
    )
    ws["A9"] = "注：签约项目数含已落地项目，不含洽谈中、意向和终止项目。"
    widths(ws, {"A": 10, "B": 16, "C": 16, "D": 16})

    ws = wb.create_sheet("活动记录")  # no title row; the date comes first
    header(ws, 1, ["日期", "活动主题", "类型", "参加对象", "人数", "备注"])
    # fmt: off
    put_rows(ws, 2, [
        [D(2023, 3, 8), "科技副总选派工作座谈会", "座谈", "高校专家、企业负责人", "三十余人", None],
        ["2023.4.20", "科技副总岗前培训", "培训", "选派专家", 56, None],
        [D(2023, 5, 18), "校企对接会（南昌大学专场）", "对接会", "县内企业", "近百人", None],
        ["2023/7/6", "企业技术需求调研", "调研", "重点企业", 12, "走访企业6家"],
        [D(2023, 9, 21), "产学研合作成果路演", "路演", "投资机构、企业", 130, None],
        [D(2023, 11, 16), "年度工作总结会议", "会议", "全体科技副总", 85, None],
    ], date_format='yyyy"年"m"月"d"日"')
    # fmt: on
    widths(ws, {"A": 16, "B": 28, "C": 8, "D": 22, "E": 10, "F": 14})

    ws = wb.create_sheet("经费")
    cols = ["科目", "预算", "支出", "结余", "执行率"]
    title(ws, 1, "经费使用情况", len(cols))
    title(ws, 2, "金额单位：万元", len(cols), size=10, align="right")
    header(ws, 3, cols)
    # fmt: off
    r = put_rows(ws, 4, [
        ["专家补贴", 12, 11.5, 0.5, 0.958],
        ["培训费", 3, 2.8, 0.2, 0.933],
        ["对接活动费", 4, 4, 0, 1],
        ["调研差旅费", 1, 0.6, 0.4, 0.6],
        ["宣传费", 1, 0.9, 0.1, 0.9],
        ["合计", 21, 19.8, 1.2, 0.943],
    ])
    # fmt: on
    number_format(ws, 5, range(4, r), "0.0%")
    widths(ws, {"A": 14, "B": 10, "C": 10, "D": 10, "E": 10})
    save(wb, "2023年台账（按季度）.xlsx")


# ------------------------- W11 statistical-form layout: column A empty, 栏次 row, 合计 on top
def build_xihu_kexie():
    """A 科协 analyst who copies the layout of 统计报表: the table starts in column B, a
    填报单位 row carries the unit (单位：万元), a 栏次 row (甲 乙 … 1 2) follows the header and
    the 合计 comes first, before the deals.  其中：到位金额 is filled for landed deals.  The
    活动 sheet has a 线上观看（人次） column beside 参加人数 and Chinese-numeral head counts."""
    wb = fresh()
    ws = wb.create_sheet("签约项目")
    cols = [
        "序号",
        "项目名称",
        "技术领域",
        "转化方式",
        "受让单位",
        "合同金额",
        "其中：到位金额",
        "签约日期",
        "项目状态",
    ]
    ws["B1"] = "2023年度签约项目统计表"
    ws.merge_cells("B1:J1")
    ws["B1"].font = Font(bold=True, size=14)
    ws["B1"].alignment = Alignment(horizontal="center")
    ws["B2"] = "填报单位：西湖区科学技术协会                    单位：万元"
    ws.merge_cells("B2:J2")
    header_at(ws, 3, 2, cols)
    header_at(ws, 4, 2, ["甲", "乙", "丙", "丁", "戊", "1", "2", "己", "庚"])
    ws.cell(row=5, column=2, value="合计")
    ws.merge_cells("B5:F5")
    ws.cell(row=5, column=7, value=4521)
    ws.cell(row=5, column=8, value=1444)
    # fmt: off
    deals = [
        ["城市燃气管网泄漏监测", "电子信息", "技术转让", "南昌燃气集团有限公司", 320, 320, D(2023, 2, 8), "已落地"],
        ["老旧小区加装电梯结构", "先进制造", "技术开发", "西湖区城建投资有限公司", 56, None, D(2023, 3, 1), "已签约"],
        ["文物数字化采集技术", "电子信息", "技术服务", "江西省博物馆", 18.5, None, "2023年3月", "已签约"],
        ["特种光纤预制棒", "新材料", "独占许可", "江西光纤科技有限公司", "1,200.50", 800, D(2023, 4, 19), "已落地"],
        ["养老机器人陪护系统", "电子信息", "合作实施", "西湖区康养服务有限公司", 90, None, D(2023, 5, 30), "已签约"],
        ["建筑光伏一体化幕墙", "新能源", "作价入股", "江西光幕新能源有限公司", 1800, None, D(2023, 6, 21), "已签约"],
        ["餐饮油烟净化装置", "节能环保", "专利转让", "南昌净烟环保有限公司", 24, 24, D(2023, 7, 5), "已转化"],
        ["儿童近视防控光学", "生物医药", "技术许可", "江西明眸医疗科技有限公司", 450, None, None, "洽谈中"],
        ["地铁隧道病害检测", "先进制造", "技术咨询", "南昌轨道交通集团有限公司", 35, None, D(2023, 8, 17), "已签约"],
        ["生物降解餐盒", "新材料", "自行投资实施", "江西绿餐环保科技有限公司", 260, 260, D(2023, 9, 6), "已实施"],
        ["商圈客流大数据分析", "电子信息", "技术服务", "西湖区商务局", 12, None, D(2023, 10, 12), "终止"],
        ["中药配方颗粒质控", "生物医药", "技术转让", "江西药都制药有限公司", 150, None, D(2023, 11, 9), "已签约"],
        ["电动自行车锂电安全", "新能源", "专利许可", "南昌骑安科技有限公司", 75, 40, D(2023, 12, 1), "已落地"],
        ["社区团购冷链保鲜", "现代农业", "其他", "江西鲜链物流有限公司", 30, None, D(2023, 12, 22), "已签约"],
    ]
    # fmt: on
    # column A stays empty (the analyst's margin): each row starts with None
    r = put_rows(
        ws, 6, [[None, *row] for row in numbered(deals)], date_format="yyyy-mm-dd"
    )  # rows 6..19
    ws.cell(
        row=r + 1, column=2, value="注：到位金额为截至2023年12月31日实际到账数。"
    )  # row 21 (20 blank)
    ws.cell(
        row=r + 2, column=2, value="单位负责人：赵强    填表人：孙悦    报出日期：2024年1月12日"
    )  # row 22
    widths(
        ws, {"A": 2, "B": 6, "C": 24, "D": 10, "E": 12, "F": 26, "G": 10, "H": 14, "I": 12, "J": 10}
    )

    ws = wb.create_sheet("活动")
    cols = ["序号", "活动名称", "活动形式", "时间", "参加人数", "线上观看（人次）", "备注"]
    ws["B1"] = "2023年活动开展情况"
    ws.merge_cells("B1:H1")
    ws["B1"].font = Font(bold=True, size=14)
    header_at(ws, 2, 2, cols)
    # fmt: off
    events = [
        ["“科创中国”服务站揭牌大会", "会议", D(2023, 3, 18), 120, 20000, None],
        ["企业技术需求座谈", "座谈会", "2023年4月", "约三十人", None, None],
        ["科技成果展洽会", "展洽会", D(2023, 6, 9), "500余人", "1.5万", None],
        ["生物医药专场对接会", "对接会", D(2023, 8, 24), 85, None, None],
        ["知识产权专题培训", "专题培训", D(2023, 10, 13), "一百多人", 3000, "线上线下同步"],
        ["服务站年度考察", "考察", D(2023, 11, 21), 16, None, None],
    ]
    # fmt: on
    put_rows(
        ws, 3, [[None, *row] for row in numbered(events)], date_format="yyyy-mm-dd"
    )  # rows 3..8
    widths(ws, {"A": 2, "B": 6, "C": 28, "D": 10, "E": 12, "F": 10, "G": 14, "H": 14})
    save(wb, "西湖区科协2023年“科创中国”服务站建设台账.xlsx")


def main():
    build_gaoxin()
    build_honggutan()
    build_nanchangxian()
    build_xihu_kexie()


if __name__ == "__main__":
    main()
