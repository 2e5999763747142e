# ruff: noqa: E501
# (ledger rows are kept one per line, as an analyst sees them in Excel)
"""Build the hand-made analyst ledgers (工作台账) in this folder.

Run from anywhere:  python tests/data/ledgers/build_ledgers.py

Every cell below is typed as an analyst would type it; nothing is random.  The
expectations beside each workbook (``<stem>.expected.toml``) were computed by hand
from these cells, not from this script and not from the project's loader.

After each workbook is saved, its zip is rewritten with fixed entry timestamps and
docProps/core.xml created/modified set to 2024-01-01T00:00:00Z, so a rerun gives
byte-identical files.

How a person reads the words in these ledgers
---------------------------------------------
Conversion modes (Article 16 of 促进科技成果转化法):
    技术转让 / 专利转让 / 转让                      -> transfer
    技术许可 / 专利许可 / 独占许可 / 普通许可 / 许可  -> licence
    作价入股 / 作价投资                              -> equity
    合作实施 / 共同实施                              -> joint_implementation
    自行实施 / 自行投资实施                          -> self_implementation
    其他                                             -> other
Contract types (Civil Code), NOT Article-16 modes, counted in by_contract_type:
    技术开发 -> development, 技术服务 -> service, 技术咨询 -> consulting
Deal status:
    意向 / 洽谈中                    -> intention
    签约 / 已签约                    -> signed (not landed)
    已落地 / 已转化 / 落地 / 已实施    -> landed (a landed deal is also signed)
    终止                             -> terminated
Event forms:
    会议 / 论坛 / 大会 -> conference;  展洽会 / 博览会 -> exposition;
    对接会 / 成果对接会 / 洽谈会 -> matchmaking;  路演 / 项目路演 -> roadshow;
    调研 / 考察 -> field_trip;  座谈 / 座谈会 -> symposium;  培训 / 专题培训 -> training
Numbers: a bare number is in the column's unit (from the header, else the sheet
title / unit row); a cell's own unit wins ("3.5亿元" in a 万元 column is 35000万元,
"80万元" in a 元 column is 800000元).  近/约/左右 = approx, 余/多 = at least.
Dates: "2023/7/1-7/3" is a range and its start date counts; "2023年8月" is a month.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2024, 1, 1, 0, 0, 0)
FOOTER = "填表人：张三  审核：李四  填表日期：2024年1月5日"
UP = object()  # "merged with the cell above" (the analyst merged the cells vertically)

D = dt.date
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# ----------------------------------------------------------------------------- helpers
def title(ws, row: int, text: str, ncols: int, *, size: int = 14, align: str = "center"):
    ws.cell(row=row, column=1, value=text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    c = ws.cell(row=row, column=1)
    c.font = Font(bold=size >= 12, size=size)
    c.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)


def header(ws, row: int, names: list[str]):
    for j, name in enumerate(names, start=1):
        c = ws.cell(row=row, column=j, value=name)
        c.font = Font(bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = BOX


def put_rows(ws, first_row: int, rows: list, *, date_format: str = "yyyy/m/d") -> int:
    """Write rows (lists of cell values; None = row left blank) and merge UP cells.

    Returns the row after the last one written."""
    r = first_row
    for values in rows:
        if values is not None:
            for j, v in enumerate(values, start=1):
                if v is UP or v is None:
                    continue
                c = ws.cell(row=r, column=j, value=v)
                c.border = BOX
                if isinstance(v, dt.date):
                    c.number_format = date_format
        r += 1
    # merge every run of UP cells into the cell above the run
    for j in range(1, max(len(v) for v in rows if v is not None) + 1):
        i = 0
        while i < len(rows):
            if rows[i] is not None and j <= len(rows[i]) and rows[i][j - 1] is UP:
                start = i - 1
                while i < len(rows) and rows[i] is not None and rows[i][j - 1] is UP:
                    i += 1
                ws.merge_cells(
                    start_row=first_row + start,
                    start_column=j,
                    end_row=first_row + i - 1,
                    end_column=j,
                )
                ws.cell(row=first_row + start, column=j).alignment = Alignment(vertical="center")
            else:
                i += 1
    return r


def widths(ws, cols: dict[str, float]):
    for letter, w in cols.items():
        ws.column_dimensions[letter].width = w


def numbered(rows: list, start: int = 1) -> list:
    """Prefix 序号 to each non-blank row."""
    out, n = [], start
    for values in rows:
        if values is None:
            out.append(None)
        else:
            out.append([n, *values])
            n += 1
    return out


def save(wb: Workbook, name: str, folder: Path = HERE):
    """Save ``name`` in ``folder`` (this one by default) with fixed docProps and zip times."""
    wb.properties.creator = "张三"
    wb.properties.lastModifiedBy = "李四"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    path = folder / name
    wb.save(path)
    _freeze_zip(path)


def _freeze_zip(path: Path):
    """Rewrite the saved xlsx with fixed timestamps (docProps and zip entries)."""
    with zipfile.ZipFile(path) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    stamp = b"2024-01-01T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            if name == "docProps/core.xml":
                for tag in (b"created", b"modified"):
                    data = re.sub(
                        rb"(<dcterms:" + tag + rb"[^>]*>)[^<]*(</dcterms:" + tag + rb">)",
                        rb"\g<1>" + stamp + rb"\g<2>",
                        data,
                    )
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, data)
    path.write_bytes(out.getvalue())


def fresh() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


# ------------------------------------------------------------------ W1 东湖区科协 (file name)
def build_donghu():
    """District 科协 analyst, tidy: 序号, unit row, merged 所在区, real dates mostly."""
    wb = fresh()
    ws = wb.create_sheet("成果转化台账")
    cols = [
        "序号",
        "项目名称",
        "技术领域",
        "转化方式",
        "承接企业",
        "所在区",
        "合同金额（万元）",
        "签约时间",
        "状态",
        "备注",
    ]
    title(ws, 1, "科技成果转化项目登记表", len(cols))
    title(ws, 2, "单位：万元", len(cols), size=10, align="right")
    header(ws, 3, cols)
    # fmt: off
    deals = [
        ["高效光伏组件封装技术", "新能源", "技术转让", "江西晶能新材料有限公司", "东湖区", 1200, D(2023, 3, 5), "已签约", None],
        ["锂电池正极材料低温烧结工艺", "新材料", "专利许可", "南昌赣锋储能科技有限公司", UP, "1,200.5", "2023年3月18日", "已落地", "已投产"],
        ["智能配电网故障定位系统", "电子信息", "合作实施", "江西华电智控有限公司", UP, 350, D(2023, 4, 2), "签约", None],
        ["中药材种苗组培快繁技术", "生物医药", "技术转让", "江西本草源农业科技有限公司", "青山湖区", 85, D(2023, 4, 20), "已转化", None],
        ["稀土永磁电机控制算法", "先进制造", "独占许可", "南昌磁驱动力科技有限公司", UP, "1200万", "2023/5/6", "已签约", None],
        ["工业废水膜处理回用技术", "节能环保", "作价入股", "江西清源环保股份有限公司", UP, "3.5亿元", D(2023, 5, 30), "已落地", "成立合资公司"],
        ["水稻病虫害智能识别平台", "现代农业", "技术开发", "江西农旺数字科技有限公司", "红谷滩区", 60, D(2023, 6, 12), "已签约", None],
        ["航空复合材料无损检测方法", "航空航天", "技术许可", "江西洪都检测技术有限公司", "红谷滩区", 480, "2023.06.28", "洽谈中", "合同在审"],
        None,
        ["陶瓷3D打印成型工艺", "新材料", "自行投资实施", "江西科大陶瓷材料研究院有限公司", "新建区", 200, D(2023, 7, 10), "已实施", None],
        ["农村污水一体化处理设备", "节能环保", "共同实施", "江西碧水环境工程有限公司", UP, "1200万元", D(2023, 7, 25), "签约", None],
        ["VR课堂教学内容生成系统", "电子信息", "技术服务", "南昌唯视教育科技有限公司", UP, 45.5, D(2023, 8, 3), "已签约", None],
        ["柑橘保鲜涂膜技术", "现代农业", "专利转让", "赣南果业（南昌）有限公司", "东湖区", 30, D(2023, 8, 16), "意向", None],
        ["高速列车轴承润滑监测", "先进制造", "技术许可", "南昌轨道装备有限公司", "青山湖区", 260, D(2023, 9, 1), "已落地", None],
        ["氢燃料电池双极板涂层", "新能源", "作价投资", "江西氢途能源科技有限公司", "红谷滩区", 1500, D(2023, 9, 20), "终止", "企业放弃"],
        ["医用可降解镁合金支架", "生物医药", "技术转让", "江西康瑞医疗器械有限公司", "红谷滩区", 900, D(2023, 10, 11), "已签约", None],
        ["数字孪生水务调度平台", "电子信息", "技术咨询", "南昌水业集团有限责任公司", "东湖区", 18, D(2023, 10, 26), "已签约", None],
        ["茶叶精深加工萃取工艺", "现代农业", "合作实施", "江西婺源茶业股份有限公司", "新建区", "待定", None, "洽谈中", None],
        ["钙钛矿叠层电池制备", "新能源", "专利许可", "江西昌大光电科技有限公司", "青山湖区", 680, D(2023, 11, 20), "已签约", None],
        ["智能仓储机器人调度算法", "先进制造", "技术转让", "南昌物联智造有限公司", "新建区", 150, D(2023, 12, 5), "已转化", None],
        ["生物基可降解地膜", "新材料", "自行实施", "江西绿农生物材料有限公司", "东湖区", 75, D(2023, 12, 18), "已签约", None],
    ]
    # fmt: on
    r = put_rows(ws, 4, numbered(deals))  # rows 4..24, row 12 blank
    ws.cell(row=r, column=1, value="合计")
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
    ws.cell(row=r, column=7, value=44634)  # row 25: typed by the analyst (all rows, 待定 as 0)
    ws.cell(row=r + 2, column=1, value=FOOTER)  # row 27
    widths(
        ws, {"A": 6, "B": 30, "C": 10, "D": 12, "E": 32, "F": 10, "G": 14, "H": 14, "I": 8, "J": 14}
    )

    ws = wb.create_sheet("活动")
    cols = ["序号", "活动名称", "活动形式", "举办时间", "地点", "参加人数", "备注"]
    title(ws, 1, "2023年活动开展情况", len(cols))
    header(ws, 2, cols)
    # fmt: off
    events = [
        ["东湖区科技成果转化政策宣讲会", "会议", D(2023, 3, 10), "区政务服务中心三楼会议室", 150, None],
        ["新能源产业成果对接会", "成果对接会", "2023年4月15日", "东湖区科创中心", "近200人", None],
        ["高校科技成果项目路演（第一期）", "项目路演", "2023/5/20", "南昌大学前湖校区", "120余人", None],
        ["企业技术需求调研", "调研", "2023年6月", "辖区重点企业", 15, "走访企业8家"],
        ["技术经理人专题培训", "专题培训", "2023/7/1-7/3", "区委党校", "60人左右", "为期三天"],
        ["科技工作者座谈会", "座谈", D(2023, 8, 18), "区科协会议室", 35, None],
        ["第二届东湖科技成果展洽会", "展洽会", "2023.09.22", "江西省展览中心", "近千人", None],
        ["生物医药项目路演", "路演", "2023-11-8", "东湖区科创中心", "100多人", None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(events))  # rows 3..10
    ws.cell(row=r + 1, column=1, value=FOOTER)  # row 12 (row 11 blank)
    widths(ws, {"A": 6, "B": 32, "C": 12, "D": 14, "E": 26, "F": 10, "G": 14})

    ws = wb.create_sheet("经费使用情况")
    cols = ["序号", "支出科目", "预算数", "实际支出", "备注"]
    title(ws, 1, "经费使用情况（单位：万元）", len(cols))
    header(ws, 2, cols)
    # fmt: off
    lines = [
        ["会议费", 5, 4.6, None],
        ["培训费", 3, 2.85, None],
        ["专家咨询费", 4, 3.2, None],
        ["宣传印刷费", 2, 1.75, None],
        ["差旅费", 1.5, "1.2", None],
        ["展会场地及搭建费", 8, 7.9, "展洽会"],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(lines))  # rows 3..8
    ws.cell(row=r, column=1, value="合计")  # row 9
    ws.cell(row=r, column=3, value=23.5)
    ws.cell(row=r, column=4, value=21.5)
    ws.cell(row=r + 2, column=1, value=FOOTER)  # row 11
    widths(ws, {"A": 6, "B": 20, "C": 10, "D": 10, "E": 12})
    save(wb, "东湖区科协2023年成果转化台账.xlsx")


# ------------------------------------------------------- W2 西湖区 技术交易 (title row, 90 rows)
# fmt: off
W2_GROUPS = {
    "西湖区": [
        ["城市内涝积水监测预警系统", "电子信息", "技术转让", "江西智水科技有限公司", 120, D(2023, 1, 12), "已签约", None],
        ["高强度竹纤维复合板材", "新材料", "专利转让", "江西竹韵新材料有限公司", 80, "2023年2月8日", "已落地", None],
        ["老年慢病远程监护终端", "生物医药", "技术许可", "南昌康护电子有限公司", 150, "2023/2/20", "签约", None],
        ["电动汽车电池热管理技术", "新能源", "技术开发", "江西赣电新能源汽车有限公司", 300, "2023.03.05", "已签约", "分两期付款"],
        ["智慧停车诱导平台", "电子信息", "技术服务", "南昌城投停车管理有限公司", 45, "2023-3-15", "已签约", None],
        ["钕铁硼废料回收提纯工艺", "新材料", "作价入股", "江西稀金循环科技有限公司", 600, D(2023, 3, 28), "已落地", None],
        ["富硒大米加工工艺", "现代农业", "合作实施", "江西硒谷米业有限公司", 60, "2023年4月", "已签约", None],
        ["工业机器人视觉引导系统", "先进制造", "专利许可", "南昌智眼机器人有限公司", 200, D(2023, 4, 18), "已转化", None],
        ["社区养老服务信息平台", "电子信息", "技术咨询", "南昌颐康养老服务有限公司", 12, D(2023, 5, 9), "已签约", None],
        ["微生物菌剂土壤修复技术", "节能环保", "技术转让", "江西绿壤生态科技有限公司", 95, D(2023, 5, 23), "落地", None],
        ["光纤传感桥梁健康监测", "电子信息", "合作实施", "江西交投智能科技有限公司", 400, D(2023, 6, 6), "签约", None],
        ["艾草精油超临界提取技术", "生物医药", "技术转让", "江西艾香生物科技有限公司", 35, None, "意向", None],
        ["无人机巡检图像识别算法", "电子信息", "独占许可", "南昌翼飞科技有限公司", 280, D(2023, 6, 30), "已签约", None],
        ["高导热陶瓷基板制备", "新材料", "技术转让", "江西瓷芯电子材料有限公司", "1,200.5", D(2023, 7, 14), "已签约", None],
        ["稻虾共作智能投喂系统", "现代农业", "技术开发", "南昌渔耕农业科技有限公司", 50, "2023/7/28", "已签约", None],
        ["冷链物流温控追溯系统", "电子信息", "技术许可", "江西鲜达冷链物流有限公司", 75, D(2023, 8, 10), "已落地", None],
        ["LED植物照明光谱调控", "新能源", "专利转让", "江西光合照明科技有限公司", 110, D(2023, 9, 4), "终止", "企业资金链断裂"],
        ["建筑垃圾再生骨料制备", "节能环保", "自行投资实施", "江西城建环保材料有限公司", 500, D(2023, 9, 19), "已实施", None],
    ],
    "东湖区": [
        ["中药配方颗粒质量控制方法", "生物医药", "技术转让", "江西济民中药有限公司", 180, D(2023, 1, 30), "已签约", None],
        ["5G专网工业数据采集网关", "电子信息", "合作实施", "江西联创通信设备有限公司", 350, "2023年2月14日", "已落地", None],
        ["电解铝余热回收利用", "节能环保", "技术许可", "江西铝业节能服务有限公司", 220, D(2023, 3, 3), "已签约", None],
        ["柔性OLED封装薄膜", "新材料", "作价投资", "南昌柔显光电科技有限公司", "1.2亿元", D(2023, 3, 21), "已签约", "重大项目"],
        ["景区客流智能疏导系统", "电子信息", "技术服务", "江西文旅数字科技有限公司", 28, "2023/4/7", "已签约", None],
        ["猪场粪污资源化利用", "现代农业", "技术转让", "江西正合环保农业有限公司", 65, "2023.04.19", "已转化", None],
        ["碳纤维自行车车架成型", "先进制造", "专利许可", "南昌骑迹运动器材有限公司", 90, None, "洽谈中", None],
        ["智能电表计量芯片", "电子信息", "技术开发", "江西国芯微电子有限公司", 450, D(2023, 5, 16), "签约", None],
        ["锂云母提锂新工艺", "新材料", "其他", "宜春锂源矿业有限公司", 800, "2023-6-2", "已签约", None],
        ["农产品区块链溯源平台", "电子信息", "技术许可", "江西农链科技有限公司", 40, D(2023, 6, 25), "已落地", None],
        ["高分子防水卷材配方", "新材料", "技术转让", "江西东方防水材料有限公司", 130, D(2023, 7, 11), "终止", None],
        ["儿童哮喘雾化给药装置", "生物医药", "合作实施", "南昌呼吸健康科技有限公司", 260, D(2023, 7, 26), "已签约", None],
        ["电梯物联网安全监测", "电子信息", "技术转让", "江西通达电梯服务有限公司", 70, "2023年8月", "已落地", None],
        ["茶油冷榨精炼工艺", "现代农业", "技术转让", "江西山茶油业有限公司", 55, None, "意向", None],
        ["航空铝合金焊接工艺", "先进制造", "独占许可", "江西航材精工有限公司", 520, D(2023, 9, 8), "已签约", None],
        ["城市燃气管网泄漏检测", "节能环保", "技术咨询", "南昌燃气工程技术有限公司", 20, D(2023, 9, 27), "已签约", None],
        ["氮化镓功率器件封装", "电子信息", "技术转让", "江西镓能半导体有限公司", 680, D(2023, 10, 20), "已落地", None],
        ["生物有机肥发酵菌种", "现代农业", "自行实施", "江西农大科技开发有限公司", 150, D(2023, 11, 15), "已实施", None],
    ],
    "青云谱区": [
        ["轨道交通齿轮箱降噪技术", "先进制造", "技术转让", "江西洪都传动机械有限公司", 240, D(2023, 2, 3), "已签约", None],
        ["汽车轻量化镁合金压铸", "新材料", "技术许可", "江西江铃零部件有限公司", 310, D(2023, 2, 27), "已落地", None],
        ["食品级再生PET瓶片", "节能环保", "合作实施", "江西绿源再生资源有限公司", 180, "2023/3/13", "已签约", None],
        ["工业互联网设备预测维护", "电子信息", "技术开发", "南昌赛博工业软件有限公司", 160, "2023年3月30日", "签约", None],
        ["纺织印染废水脱色", "节能环保", "技术转让", "江西青云纺织印染有限公司", 85, D(2023, 4, 12), "已转化", None],
        ["老旧小区加装电梯结构方案", "先进制造", "技术咨询", "南昌安居工程咨询有限公司", 15, D(2023, 4, 28), "已签约", None],
        ["便携式水质快检仪", "电子信息", "专利转让", "江西清测仪器有限公司", 48, None, "意向", None],
        ["高铁座椅阻燃面料", "新材料", "作价入股", "江西锦纶功能材料有限公司", 900, D(2023, 5, 19), "已落地", None],
        ["仓储AGV导航定位", "先进制造", "专利许可", "南昌迅捷物流装备有限公司", 125, "2023.06.09", "已签约", None],
        ["中小学实验室安全管理平台", "电子信息", "技术服务", "江西教装科技有限公司", 22, D(2023, 6, 21), "已签约", None],
        ["高温合金叶片精密铸造", "先进制造", "技术转让", "江西航发精铸有限公司", 750, D(2023, 7, 5), "已签约", None],
        ["中药饮片智能炮制设备", "生物医药", "共同实施", "江西樟树药业装备有限公司", 210, "2023-7-19", "落地", None],
        ["废旧锂电池梯次利用", "新能源", "技术许可", "江西循能电池科技有限公司", 330, D(2023, 8, 22), "终止", "技术指标未达预期"],
        ["家具甲醛净化涂层", "新材料", "技术转让", "南昌美居新材料有限公司", 60, D(2023, 9, 6), "已签约", None],
        ["物流车辆路径优化算法", "电子信息", "技术开发", "江西顺路物流科技有限公司", 80, None, "洽谈中", None],
        ["手术机器人力反馈控制", "生物医药", "独占许可", "南昌精准医疗机器人有限公司", "1200万元", D(2023, 10, 9), "已签约", None],
        ["污泥低温干化技术", "节能环保", "自行投资实施", "江西洪城水务环保有限公司", 400, D(2023, 11, 2), "已实施", None],
        ["智慧菜市场管理系统", "电子信息", "技术转让", "南昌市场服务有限公司", 36, D(2023, 12, 1), "已签约", None],
    ],
    "红谷滩区": [
        ["金融风控知识图谱", "电子信息", "技术许可", "江西赣银金融科技有限公司", 260, D(2023, 1, 18), "已签约", None],
        ["数字人民币场景终端", "电子信息", "技术开发", "南昌红谷数字科技有限公司", 190, "2023年2月22日", "已签约", None],
        ["会展场馆节能照明改造", "节能环保", "合作实施", "江西会展建设运营有限公司", 140, D(2023, 3, 9), "已落地", None],
        ["跨境电商智能客服系统", "电子信息", "技术转让", "江西丝路电商有限公司", 75, D(2023, 3, 24), "已签约", None],
        ["基因检测试剂盒", "生物医药", "作价投资", "南昌基因谷生物科技有限公司", 1500, "2023/4/11", "已落地", None],
        ["城市级CIM平台", "电子信息", "技术服务", "红谷滩城市建设集团有限公司", 88, D(2023, 4, 26), "已签约", None],
        ["装配式建筑连接节点", "先进制造", "专利许可", "江西建工装配式建筑有限公司", 115, None, "洽谈中", None],
        ["智能网联汽车测试场景库", "电子信息", "技术开发", "江西智行汽车检测有限公司", 230, D(2023, 5, 25), "已签约", None],
        ["水上运动器材碳纤维", "新材料", "技术转让", "南昌赣江体育用品有限公司", 42, "2023.06.15", "已转化", None],
        ["人工智能辅助阅片系统", "生物医药", "独占许可", "江西医智影像科技有限公司", 650, D(2023, 6, 29), "签约", None],
        ["写字楼空调负荷预测", "节能环保", "技术咨询", "南昌楼宇能源管理有限公司", 25, D(2023, 7, 13), "已签约", None],
        ["元宇宙展厅交互技术", "电子信息", "技术转让", "江西元境数字科技有限公司", 160, None, "意向", None],
        ["轨道交通站台屏蔽门控制", "先进制造", "专利转让", "南昌地铁装备有限公司", 210, "2023-8-17", "已签约", None],
        ["区块链电子证照平台", "电子信息", "共同实施", "红谷滩政务数据服务有限公司", 320, D(2023, 8, 31), "落地", None],
        ["高端医用敷料", "生物医药", "技术转让", "江西医美生物材料有限公司", 95, D(2023, 9, 14), "终止", None],
        ["智慧律所文书生成", "电子信息", "技术许可", "南昌法智科技有限公司", 55, "2023年10月", "已签约", None],
        ["江豚保护水声监测", "节能环保", "技术转让", "江西鄱湖生态科技有限公司", 68, D(2023, 11, 21), "已落地", None],
        ["电竞场馆低延时网络", "电子信息", "自行投资实施", "江西电竞产业发展有限公司", 300, D(2023, 12, 12), "已实施", None],
    ],
    "南昌县": [
        ["水稻机插秧智能导航", "现代农业", "技术转让", "江西沃丰农机有限公司", 110, D(2023, 1, 9), "已签约", None],
        ["生猪疫病快速检测", "生物医药", "技术许可", "南昌县畜牧科技服务有限公司", 70, D(2023, 2, 16), "已落地", None],
        ["汽车线束自动化装配", "先进制造", "合作实施", "江西小蓝汽车电子有限公司", 280, "2023/3/2", "已签约", None],
        ["莲藕深加工保鲜技术", "现代农业", "专利转让", "江西莲乡食品有限公司", 38, "2023年3月17日", "已转化", None],
        ["新能源汽车电机控制器", "新能源", "技术开发", "南昌小蓝电驱科技有限公司", 520, D(2023, 4, 4), "已签约", None],
        ["乡村污水生态处理", "节能环保", "技术服务", "南昌县城乡环境服务有限公司", 32, D(2023, 4, 24), "签约", None],
        ["预制菜冷冻锁鲜工艺", "现代农业", "技术转让", "江西赣味食品有限公司", 66, None, "意向", None],
        ["光伏农业大棚一体化", "新能源", "作价入股", "江西光农新能源有限公司", 860, D(2023, 5, 12), "已落地", None],
        ["医药中间体连续流合成", "生物医药", "独占许可", "江西小蓝医药化工有限公司", 480, "2023.05.31", "已签约", None],
        ["农机北斗作业监测", "电子信息", "技术咨询", "南昌县农机服务中心", 10, D(2023, 6, 14), "已签约", None],
        ["工程机械液压阀", "先进制造", "技术转让", "江西工液液压件有限公司", 300, D(2023, 7, 3), "已落地", None],
        ["稻田甲烷减排技术", "节能环保", "技术转让", "江西碳汇农业有限公司", 45, D(2023, 7, 20), "终止", None],
        ["智能温室环控系统", "现代农业", "技术许可", "南昌县现代农业发展有限公司", 130, "2023-8-9", "已签约", None],
        ["汽车内饰可回收材料", "新材料", "合作实施", "江西小蓝内饰件有限公司", 190, D(2023, 8, 28), "签约", None],
        ["中草药种植病害防控", "现代农业", "技术转让", "江西药都种植专业合作社", 28, None, "洽谈中", None],
        ["电动叉车锂电池包", "新能源", "专利许可", "江西叉车动力有限公司", 240, "2023年10月", "已签约", None],
        ["农产品电商冷链仓", "电子信息", "自行实施", "江西南昌县供销电商有限公司", 150, D(2023, 11, 10), "已实施", None],
        ["有机稻米品牌溯源", "电子信息", "技术转让", "江西富硒稻米合作社联合社", 20, D(2023, 12, 20), "已签约", None],
    ],
}
# fmt: on
# 小计 of each group, typed by the analyst (all rows of the group, whatever the stage)
W2_SUBTOTALS = {
    "西湖区": 4312.5,
    "东湖区": 16108,
    "青云谱区": 5151,
    "红谷滩区": 4523,
    "南昌县": 3569,
}


def build_xihu():
    """A 技术交易服务 project office: 90 deals grouped by 所属区县 with 小计 rows,
    two title/notes rows, unit only in the title, header 成交金额 without unit."""
    wb = fresh()
    ws = wb.create_sheet("技术交易台账")
    cols = [
        "序号",
        "项目名称",
        "所属领域",
        "合作方式",
        "受让方",
        "所属区县",
        "成交金额",
        "签约时间",
        "阶段",
        "备注",
    ]
    title(ws, 1, "2023年西湖区“科创中国”技术交易服务项目工作台账（单位：万元）", len(cols))
    title(
        ws,
        2,
        "说明：1.成交金额为合同约定金额；2.阶段以2023年12月31日为准；3.按所属区县分组统计。",
        len(cols),
        size=10,
        align="left",
    )
    header(ws, 3, cols)
    r, n = 4, 1
    for district, rows in W2_GROUPS.items():
        block = []
        for i, (name, field, mode, buyer, amount, date, stage, note) in enumerate(rows):
            block.append(
                [n, name, field, mode, buyer, district if i == 0 else UP, amount, date, stage, note]
            )
            n += 1
        r = put_rows(ws, r, block)
        ws.cell(row=r, column=2, value="小计")
        ws.cell(row=r, column=7, value=W2_SUBTOTALS[district])
        for j in (2, 7):
            ws.cell(row=r, column=j).font = Font(bold=True)
        r += 1
        if district == "东湖区":
            r += 1  # the analyst left a blank row here (row 42)
    ws.cell(row=r, column=1, value="合计")  # row 100
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
    ws.cell(row=r, column=7, value=33663.5)
    ws.cell(row=r + 3, column=1, value=FOOTER)  # row 103 (101, 102 blank)
    widths(
        ws, {"A": 6, "B": 28, "C": 10, "D": 12, "E": 30, "F": 10, "G": 12, "H": 14, "I": 8, "J": 18}
    )
    save(wb, "技术交易台账2023（终稿）.xlsx")


# --------------------------------------------- W3 青山湖区 科技局 (项目信息, 元, 落地时间/到位金额)
def build_qingshanhu():
    wb = fresh()
    ws = wb.create_sheet("项目信息")
    header(ws, 1, ["项目名称", "主管部门", "实施单位", "年度", "项目负责人", "备注"])
    put_rows(
        ws,
        2,
        [
            [
                "青山湖区2023年科技成果转化专项行动",
                "青山湖区科学技术局",
                "青山湖区科技成果转化服务中心",
                2023,
                "王敏",
                None,
            ]
        ],
    )
    widths(ws, {"A": 36, "B": 20, "C": 30, "D": 8, "E": 10})

    ws = wb.create_sheet("项目台账")
    cols = [
        "序号",
        "项目名称",
        "技术领域",
        "转化方式",
        "受让方",
        "所在区",
        "成交金额（元）",
        "签约时间",
        "状态",
        "落地时间",
        "到位金额（元）",
        "备注",
    ]
    title(ws, 1, "2023年成果转化项目台账", len(cols))
    header(ws, 2, cols)
    # fmt: off
    deals = [
        ["高效光伏组件封装技术", "新能源", "技术转让", "江西晶科光能有限公司", "青山湖区", 1500000, D(2023, 2, 10), "已落地", D(2023, 5, 20), 1500000, None],
        ["电子级氢氟酸提纯工艺", "新材料", "专利许可", "江西氟化学有限公司", "青山湖区", "2,350,000", "2023年3月1日", "已签约", None, None, None],
        ["针织面料数码印花技术", "先进制造", "技术转让", "南昌针纺科技有限公司", "青山湖区", 680000, "2023/3/22", "已落地", None, None, None],
        ["食品添加剂微胶囊化", "现代农业", "作价入股", "江西食研生物科技有限公司", "经开区", "1200万", D(2023, 4, 8), "已落地", "2023年9月", 9000000, None],
        ["高铁制动闸片材料", "新材料", "合作实施", "江西轨道新材料有限公司", "青山湖区", 3200000, D(2023, 4, 25), "签约", None, None, None],
        ["城市排水管网机器人检测", "先进制造", "技术服务", "南昌排水管网服务有限公司", "青山湖区", 450000, "2023.05.16", "已签约", None, None, None],
        ["羽绒服面料防钻绒处理", "新材料", "技术转让", "江西鸭鸭服饰有限公司", "青山湖区", 520000, D(2023, 6, 1), "已转化", D(2023, 8, 15), 520000, None],
        ["中医药健康大数据平台", "生物医药", "技术开发", "江西中医药数据有限公司", "青山湖区", 900000, None, "洽谈中", None, None, None],
        None,
        ["汽车空调压缩机降噪", "先进制造", "独占许可", "南昌汽车空调有限公司", "经开区", 1800000, D(2023, 7, 7), "已签约", None, None, None],
        ["可降解快递包装材料", "节能环保", "自行投资实施", "江西绿邮包装有限公司", "青山湖区", "80万元", "2023-7-21", "已实施", "2023/10/8", 800000, None],
        ["肿瘤早筛液体活检", "生物医药", "技术许可", "江西精准医学检验有限公司", "高新区", 2600000, D(2023, 8, 4), "终止", None, None, "企业未通过审批"],
        ["工业园区能耗监测", "节能环保", "技术咨询", "青山湖区工业园区管理委员会", "青山湖区", 150000, D(2023, 8, 30), "已签约", None, None, None],
        ["陶瓷膜过滤组件", "节能环保", "共同实施", "江西膜科技有限公司", "高新区", 2100000, "2023年9月12日", "落地", None, 1000000, None],
        ["智能门锁指纹模组", "电子信息", "专利转让", "南昌安居智能科技有限公司", "青山湖区", 300000, None, "意向", None, None, None],
        ["纳米银导电浆料", "新材料", "技术转让", "江西银研电子材料有限公司", "高新区", 1250000, D(2023, 11, 6), "已签约", None, None, None],
        ["产业园区安全生产AI监控", "电子信息", "技术开发", "江西安智科技有限公司", "青山湖区", 750000, D(2023, 12, 1), "已签约", None, None, None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(deals), date_format="yyyy-mm-dd")  # rows 3..19, row 11 blank
    for row in ws.iter_rows(min_row=3, max_row=r - 1, min_col=7, max_col=11):
        for c in row:
            if isinstance(c.value, int):
                c.number_format = "#,##0"
    ws.cell(row=r, column=1, value="合计")  # row 20
    ws.cell(row=r, column=7, value=31350000).number_format = "#,##0"
    ws.cell(row=r, column=11, value=12820000).number_format = "#,##0"
    ws.cell(row=r + 2, column=1, value=FOOTER)  # row 22
    widths(
        ws,
        {
            "A": 6,
            "B": 26,
            "C": 10,
            "D": 12,
            "E": 28,
            "F": 10,
            "G": 14,
            "H": 14,
            "I": 8,
            "J": 12,
            "K": 14,
            "L": 16,
        },
    )

    ws = wb.create_sheet("活动开展情况")
    header(ws, 1, ["序号", "活动名称", "活动形式", "举办时间", "地点", "参会人数", "备注"])
    # fmt: off
    events = [
        ["青山湖区科技成果直通车对接会", "对接会", D(2023, 3, 16), "区科创园", "150人", None],
        ["纺织服装产业技术需求调研", "调研", "2023年4月", "辖区纺织企业", 12, None],
        ["成果转化政策专题培训", "专题培训", "2023/5/11", "区行政中心", "近200人", None],
        ["高校院所科技成果路演", "路演", "2023.06.20", "南昌航空大学", 85, None],
        ["企业家与科学家座谈会", "座谈会", D(2023, 9, 7), "区科技局会议室", "30人左右", None],
        ["第三届青山湖科技成果洽谈会", "洽谈会", "2023-11-3", "青山湖万达会展中心", "300余人", None],
    ]
    # fmt: on
    put_rows(ws, 2, numbered(events), date_format="yyyy-mm-dd")  # rows 2..7
    widths(ws, {"A": 6, "B": 30, "C": 10, "D": 14, "E": 22, "F": 10})

    ws = wb.create_sheet("预算执行表")
    cols = ["序号", "支出科目", "预算数（元）", "执行数（元）", "执行率", "备注"]
    title(ws, 1, "2023年项目预算执行表", len(cols))
    header(ws, 2, cols)
    # fmt: off
    lines = [
        ["活动组织费", 80000, 76500, "95.6%", None],
        ["专家评审费", 30000, 28800, "96.0%", None],
        ["技术经纪服务费", 50000, 42000, "84.0%", "部分合同跨年支付"],
        ["宣传推广费", 20000, 19600, "98.0%", None],
        ["资料印刷费", 10000, 8400, "84.0%", None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(lines))  # rows 3..7
    ws.cell(row=r, column=2, value="合计")  # row 8
    ws.cell(row=r, column=3, value=190000)
    ws.cell(row=r, column=4, value=175300)
    ws.cell(row=r, column=5, value="92.3%")
    ws.cell(row=r + 2, column=1, value=FOOTER)  # row 10
    widths(ws, {"A": 6, "B": 18, "C": 14, "D": 14, "E": 8, "F": 18})
    save(wb, "成果转化专项台账-王.xlsx")


# ----------------------------------------- W4 新建区 (Sheet1, title row, contract types, 约800)
def build_xinjian():
    """A hurried analyst's WPS workbook: deals on Sheet1, empty Sheet2/Sheet3,
    amounts typed as text with units, dates typed as text."""
    wb = fresh()
    ws = wb.create_sheet("Sheet1")
    cols = [
        "序号",
        "项目名称",
        "技术领域",
        "合作方式",
        "承接企业",
        "金额（万元）",
        "签约时间",
        "进展",
        "备注",
    ]
    title(ws, 1, "2023年新建区产学研合作项目汇总表", len(cols), size=12)
    header(ws, 2, cols)
    # fmt: off
    deals = [
        ["竹木材料阻燃改性技术", "新材料", "技术开发", "江西竹海木业有限公司", 120, "2023年3月5日", "已签约", None],
        ["红壤改良生物炭应用", "现代农业", "技术服务", "新建区农业技术推广中心", 25, "2023/3/12", "签约", None],
        ["汽车零部件激光熔覆再制造", "先进制造", "技术转让", "江西长力汽车零部件有限公司", "1200万", "2023.04.06", "已落地", None],
        ["中药材GAP基地数字化", "现代农业", "技术咨询", "江西新建中药材种植有限公司", 8.5, "2023-4-20", "已签约", None],
        ["锂电隔膜涂覆工艺", "新能源", "作价投资", "江西隔膜新能源科技有限公司", "3.5亿元", "2023年5月", "已签约", "评估作价"],
        ["乡村旅游智慧导览系统", "电子信息", "技术开发", "新建区文旅投资有限公司", 40, D(2023, 5, 18), "已落地", None],
        ["智能灌溉水肥一体机", "现代农业", "合作实施", "江西田丰智能装备有限公司", "约800", "2023/6/8", "已签约", "金额以最终合同为准"],
        ["电力电缆局放检测技术", "电子信息", "专利许可", "江西电缆检测技术有限公司", "1,200.5", "2023年6月21日", "已转化", None],
        ["工业固废制备透水砖", "节能环保", "技术转让", "江西固源建材有限公司", 300, None, "意向", None],
        ["新型电子雾化芯", "电子信息", "技术开发", "南昌雾芯科技有限公司", 260, "2023/7/15", "终止", None],
        ["生态鱼塘尾水处理", "节能环保", "技术服务", "新建区渔业专业合作社", 18, "2023-8-2", "已签约", None],
        ["农机具轻量化设计", "先进制造", "技术开发", "江西农机装备有限公司", "500万元", "2023.09.13", "签约", None],
        ["米粉生产线智能化改造", "先进制造", "自行投资实施", "江西新建米粉食品有限公司", 150, D(2023, 10, 10), "已实施", None],
        ["电子元器件可靠性测试", "电子信息", "技术服务", "江西赛宝检测有限公司", 36, None, "洽谈中", None],
        ["数字乡村治理平台", "电子信息", "技术咨询", "新建区大数据中心", 12, "2023/12/6", "已签约", None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(deals), date_format="yyyy/m/d")  # rows 3..17
    ws.cell(row=r, column=2, value="合计")  # row 18
    ws.cell(row=r, column=6, value=39670)
    ws.cell(row=r + 3, column=1, value=FOOTER)  # row 21 (19, 20 blank)
    widths(ws, {"A": 5, "B": 26, "C": 10, "D": 12, "E": 28, "F": 12, "G": 14, "H": 8, "I": 18})
    wb.create_sheet("Sheet2")
    wb.create_sheet("Sheet3")
    save(wb, "副本项目汇总(1).xlsx")


# ----------------------------------------------- W5 市科协 two programmes (项目信息 with 2 rows)
P1 = "“科创中国”低空经济产学研融合项目"
P2 = "“百校千企”成果转化行动"


def build_shikexie():
    wb = fresh()
    ws = wb.create_sheet("项目信息")
    title(ws, 1, "项目基本信息", 6)
    header(ws, 2, ["序号", "项目名称", "主管部门", "实施单位", "年度", "预算（万元）"])
    # fmt: off
    put_rows(ws, 3, [[1, P1, "南昌市科学技术协会", "南昌市科技服务中心", 2023, 20],
                     [2, P2, "南昌市科学技术协会", "南昌市企业科协联合会", 2023, 20]])
    widths(ws, {"A": 6, "B": 36, "C": 20, "D": 24, "E": 8, "F": 12})

    ws = wb.create_sheet("2023年签约项目")
    cols = ["序号", "所属项目", "项目名称", "技术领域", "转化方式", "承接企业", "所在区",
            "合同金额(万元)", "签约时间", "阶段", "备注"]
    title(ws, 1, "2023年签约项目明细", len(cols))
    header(ws, 2, cols)
    deals = [
        [P1, "低空物流无人机航线规划", "电子信息", "技术许可", "江西翔宇无人机有限公司", "红谷滩区", 300, D(2023, 10, 28), "已签约", "大会现场签约"],
        [UP, "eVTOL复合材料机身", "新材料", "合作实施", "江西洪都航空复材有限公司", "青云谱区", 1800, D(2023, 10, 28), "签约", "大会现场签约"],
        [UP, "无人机电池快换系统", "新能源", "技术转让", "南昌飞能科技有限公司", "新建区", 150, "2023年11月3日", "已落地", None],
        [UP, "低空飞行监视雷达", "电子信息", "作价入股", "江西天眼雷达科技有限公司", "红谷滩区", "2000万元", "2023/11/15", "已签约", None],
        [UP, "农林植保无人机喷洒作业", "现代农业", "技术服务", "南昌县绿野植保专业合作社", "南昌县", 20, "2023.11.20", "已签约", None],
        [UP, "航空发动机叶片检测", "先进制造", "专利许可", "江西航检科技有限公司", "青云谱区", 260, None, "意向", None],
        [UP, "城市空中交通仿真平台", "电子信息", "技术开发", "江西智航数字科技有限公司", "红谷滩区", 180, "2023-12-8", "已落地", None],
        [P2, "钢结构防腐涂层", "新材料", "技术转让", "江西钢构防腐有限公司", "青山湖区", 95, D(2023, 3, 20), "已转化", None],
        [UP, "中小企业数字化诊断", "电子信息", "技术咨询", "南昌数智服务有限公司", "东湖区", 15, D(2023, 4, 11), "已签约", None],
        [UP, "铜箔表面处理工艺", "新材料", "技术许可", "江西铜博科技有限公司", "经开区", "1,200.5", "2023年5月9日", "已落地", None],
        [UP, "农产品烘干热泵", "节能环保", "自行投资实施", "江西热泵科技有限公司", "南昌县", 240, "2023/6/1", "已实施", None],
        [UP, "高分子医用导管", "生物医药", "专利转让", "南昌医导科技有限公司", "高新区", 360, "2023.06.26", "终止", None],
        [UP, "智能制造产线仿真", "先进制造", "共同实施", "江西智造工场有限公司", "经开区", 520, "2023年7月", "已签约", None],
        [UP, "光学镜头镀膜技术", "电子信息", "独占许可", "江西凤凰光学有限公司", "高新区", 680, D(2023, 8, 14), "已签约", None],
        [UP, "污水厂除臭生物滤池", "节能环保", "技术转让", "南昌水务环保有限公司", "青山湖区", 110, None, "洽谈中", None],
        [UP, "稀土发光材料", "新材料", "作价投资", "江西稀光新材料有限公司", "高新区", "1.5亿元", D(2023, 9, 5), "落地", None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(deals))  # rows 3..18; B3:B9 = P1, B10:B18 = P2
    ws.cell(row=r, column=1, value="合计")  # row 19
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
    ws.cell(row=r, column=8, value=22930.5)
    ws.cell(row=r + 2, column=1, value=FOOTER)  # row 21
    widths(
        ws,
        {
            "A": 5,
            "B": 24,
            "C": 24,
            "D": 10,
            "E": 12,
            "F": 28,
            "G": 10,
            "H": 12,
            "I": 14,
            "J": 8,
            "K": 14,
        },
    )

    ws = wb.create_sheet("活动台账")
    cols = ["序号", "所属项目", "活动名称", "活动形式", "举办时间", "地点", "参加人数", "备注"]
    title(ws, 1, "2023年活动台账", len(cols))
    header(ws, 2, cols)
    # fmt: off
    events = [
        [P1, "“科创中国”低空经济产学研融合大会", "大会", D(2023, 10, 28), "南昌国际博览中心", "近300人", "线上直播"],
        [UP, "低空经济重点企业调研", "调研", "2023/10/27", "南昌航空产业园", 20, None],
        [UP, "低空经济发展座谈会", "座谈会", "2023年10月28日", "博览中心会议室", 45, None],
        [UP, "无人机项目路演", "项目路演", "2023.10.29", "南昌国际博览中心", "100多人", None],
        [P2, "“百校千企”成果对接会（第一场）", "成果对接会", D(2023, 4, 20), "南昌大学", "150余人", None],
        [UP, "企业科技特派员专题培训", "专题培训", "2023/6/12-6/14", "市科协培训中心", "80人左右", None],
        [UP, "第五届南昌科技成果博览会", "博览会", "2023年9月", "绿地国际博览中心", "近千人", None],
        [UP, "高校专利转化论坛", "论坛", "2023-11-22", "江西师范大学", 260, None],
    ]
    # fmt: on
    put_rows(ws, 3, numbered(events))  # rows 3..10
    widths(ws, {"A": 5, "B": 24, "C": 32, "D": 10, "E": 16, "F": 20, "G": 10, "H": 10})

    ws = wb.create_sheet("经费")
    header(ws, 1, ["所属项目", "支出科目", "预算数（万元）", "执行数（万元）", "备注"])
    # fmt: off
    lines = [
        [P1, "前期调研", 2, 1.8, None],
        [UP, "专家邀请", 2, 2, None],
        [UP, "会场租赁及搭建", 5, 4.7, None],
        [UP, "大会组织实施", 10, 9.6, None],
        [UP, "总结宣传", 1, 0.9, None],
        [P2, "对接活动费", 6, 5.5, None],
        [UP, "培训费", 3, 2.4, None],
        [UP, "展会参展费", 8, 8, None],
        [UP, "论坛组织费", 3, 2.6, None],
    ]
    # fmt: on
    r = put_rows(ws, 2, lines)  # rows 2..10
    ws.cell(row=r, column=1, value="合计")  # row 11
    ws.cell(row=r, column=3, value=40)
    ws.cell(row=r, column=4, value=37.5)
    widths(ws, {"A": 30, "B": 16, "C": 14, "D": 14, "E": 10})
    save(wb, "市科协2023年科创中国试点项目台账.xlsx")


# ------------------------------------------ W6 青云谱区 科技局 (vertical 项目信息, 3 rows above)
def build_qingyunpu():
    wb = fresh()
    ws = wb.create_sheet("项目信息")
    title(ws, 1, "项目信息", 2)
    # fmt: off
    put_rows(ws, 2, [
        ["项目名称", "青云谱区2023年科技成果转化服务能力提升项目"],
        ["主管部门", "青云谱区科学技术局"],
        ["实施单位", "青云谱区生产力促进中心"],
        ["年度", "2023年"],
        ["项目负责人", "李华"],
    ])
    # fmt: on
    widths(ws, {"A": 14, "B": 44})

    ws = wb.create_sheet("签约落地台账")
    cols = [
        "序号",
        "项目名称",
        "所属领域",
        "转化方式",
        "承接企业",
        "所在区",
        "合同金额（万元）",
        "签约时间",
        "项目进展",
        "备注",
    ]
    title(ws, 1, "成果转化工作台账", len(cols))
    title(
        ws,
        2,
        "填报单位：青云谱区科学技术局（盖章）          报送时间：2024年1月",
        len(cols),
        size=10,
        align="left",
    )
    title(ws, 3, "单位：万元", len(cols), size=10, align="right")
    header(ws, 4, cols)
    # fmt: off
    deals = [
        ["飞机起落架表面强化技术", "先进制造", "技术转让", "江西航宇精密制造有限公司", "青云谱区", 420, D(2023, 2, 15), "已落地", None],
        ["火电厂脱硝催化剂再生", "节能环保", "技术许可", "江西电投环保有限公司", UP, "1,200.5", D(2023, 3, 8), "已签约", None],
        ["服装智能吊挂系统", "先进制造", "合作实施", "南昌洪都服饰有限公司", UP, 96, "2023年3月", "已签约", None],
        ["铁路货车轴承检测", "先进制造", "专利许可", "江西铁路装备检修有限公司", "西湖区", 185, "2023.04.17", "落地", None],
        ["老字号食品工艺数字化", "现代农业", "技术服务", "南昌老字号食品有限公司", UP, 22, "2023-5-4", "已签约", None],
        ["新型干法水泥窑协同处置", "节能环保", "作价入股", "江西万年青环保有限公司", "新建区", 2600, D(2023, 6, 6), "已签约", None],
        ["医疗废物微波消毒", "节能环保", "技术转让", "江西医废处置有限公司", UP, 140, D(2023, 7, 12), "终止", "受让方撤回"],
        ["智能晾衣机控制板", "电子信息", "自行实施", "南昌好太太电器有限公司", "青云谱区", 60, "2023/8/23", "已实施", None],
        ["数控机床热误差补偿", "先进制造", "技术开发", "江西机床工业有限公司", "青云谱区", 310, D(2023, 9, 15), "签约", None],
        ["再生铝保级利用", "新材料", "共同实施", "江西再生铝业有限公司", "新建区", 780, None, "洽谈中", None],
        ["电动两轮车换电柜", "新能源", "专利转让", "南昌易换新能源有限公司", "西湖区", 130, D(2023, 11, 28), "已转化", None],
        ["产业园区碳排放核算", "节能环保", "技术咨询", "青云谱区产业园管理委员会", "青云谱区", 9.8, D(2023, 12, 14), "已签约", None],
        ["智慧社区安防视频分析", "电子信息", "技术转让", "江西安视科技有限公司", "青云谱区", 45, None, "意向", None],
    ]
    # fmt: on
    r = put_rows(ws, 5, numbered(deals), date_format='yyyy"年"m"月"d"日"')  # rows 5..17
    ws.cell(row=r, column=1, value="合计")  # row 18
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=6)
    ws.cell(row=r, column=7, value=5998.3)
    f = r + 2  # row 20: footer split over three cells
    ws.cell(row=f, column=1, value="填表人：张三")
    ws.cell(row=f, column=5, value="审核：李四")
    ws.cell(row=f, column=8, value="填表日期：2024年1月5日")
    widths(
        ws,
        {"A": 6, "B": 26, "C": 10, "D": 12, "E": 28, "F": 10, "G": 14, "H": 16, "I": 10, "J": 12},
    )

    ws = wb.create_sheet("填报说明")
    ws["A1"] = "填报说明"
    ws["A2"] = "1.本表由实施单位每季度更新一次，年底汇总报送区科技局。"
    ws["A3"] = "2.“项目进展”填写：意向、洽谈中、签约、落地、终止。"
    ws["A4"] = "3.金额以合同约定为准，单位万元。"
    save(wb, "成果转化台账2023（李）.xlsx")


# --------------------------------------------------------------- CSV folder 湾里区科协 (GB18030)
def build_wanli_csv():
    folder = HERE / "湾里区科协2023年产学研对接_csv"
    folder.mkdir(exist_ok=True)

    def write(name: str, rows: list[list]):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        for row in rows:
            w.writerow(["" if v is None else v for v in row])
        (folder / name).write_bytes(buf.getvalue().encode("gb18030"))

    n = 10
    deal_cols = [
        "序号",
        "项目名称",
        "技术领域",
        "转化方式",
        "承接企业",
        "所属区县",
        "合同金额(万元)",
        "签约时间",
        "进展",
        "备注",
    ]
    # fmt: off
    write("2023年签约项目.csv", [
        ["2023年签约项目"] + [None] * (n - 1),
        deal_cols,
        [1, "森林康养环境智慧监测", "电子信息", "技术转让", "江西梅岭康养有限公司", "湾里区", 80, "2023/3/5", "已签约", None],
        [2, "林下中药材仿野生种植", "现代农业", "技术许可", "南昌湾里林下经济专业合作社", "湾里区", "1,200.5", "2023年4月12日", "已落地", None],
        [3, "竹笋保鲜加工技术", "现代农业", "合作实施", "江西梅岭食品有限公司", "湾里区", "150万", "2023.05.20", "签约", None],
        [4, "民宿智能门禁系统", "电子信息", "技术服务", "南昌山居民宿管理有限公司", "湾里区", 12, "2023-6-8", "已签约", None],
        [5, "山地光伏支架系统", "新能源", "作价投资", "江西山能光伏有限公司", "新建区", "1.2亿元", "2023年7月", "已签约", None],
        [6, "生态茶园病虫害绿色防控", "现代农业", "专利转让", "江西梅岭茶业有限公司", "湾里区", 36, "2023/8/16", "已转化", None],
        [7, "户外运动装备轻量化", "新材料", "技术开发", "江西山野户外用品有限公司", "新建区", 95, None, "洽谈中", None],
        [8, "山体滑坡监测预警", "电子信息", "自行投资实施", "江西地勘科技有限公司", "湾里区", 260, "2023/9/28", "已实施", None],
        [9, "水源地水质在线监测", "节能环保", "技术转让", "南昌水源保护有限公司", "湾里区", 70, "2023/10/19", "终止", "企业搬迁"],
        [10, "旅游大数据客流分析", "电子信息", "技术咨询", "南昌梅岭旅游发展有限公司", "湾里区", 15, "2023/11/30", "已签约", None],
        [None] * n,
        [None, "合计", None, None, None, None, 13918.5, None, None, None],
        [None] * n,
        [FOOTER] + [None] * (n - 1),
    ])
    # fmt: on
    # fmt: off
    write("活动.csv", [
        ["序号", "活动名称", "活动形式", "举办时间", "地点", "参加人数", "备注"],
        [1, "梅岭生态产业技术对接会", "对接会", "2023/4/8", "梅岭镇人民政府", "120余人", None],
        [2, "林业科技专题培训", "专题培训", "2023年5月16日", "区农业农村局", "近200人", None],
        [3, "民宿产业发展调研", "调研", "2023.06.02", "太平镇", 18, None],
        [4, "生态旅游项目路演", "路演", "2023/7/1-7/3", "湾里区会展中心", "60人左右", None],
        [5, "科技工作者座谈", "座谈", "2023-9-10", "区科协会议室", 40, None],
        [6, "梅岭绿色发展论坛", "论坛", "2023年10月", "梅岭国际会议中心", "近千人", None],
        [None, "合计", None, None, None, 1438, None],
    ])
    # fmt: on
    # fmt: off
    write("经费.csv", [
        ["经费使用情况（单位：元）", None, None, None],
        ["序号", "支出科目", "预算数", "实际支出"],
        [1, "活动场地费", 30000, 28000],
        [2, "专家劳务费", 20000, "18,500"],
        [3, "培训资料费", 8000, 7200],
        [4, "宣传费", 12000, 11800],
        ["合计", None, 70000, 65500],
    ])
    # fmt: on


def main():
    build_donghu()
    build_xihu()
    build_qingshanhu()
    build_xinjian()
    build_shikexie()
    build_qingyunpu()
    build_wanli_csv()


if __name__ == "__main__":
    main()
