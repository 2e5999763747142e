# ruff: noqa: E501
# (case rows are kept one per line, as an analyst sees them in Excel)
"""Build the six hand-made "5G+" application case lists (5G应用案例清单) in this folder.

Run from anywhere:  python tests/data/fiveg_lists/build_fiveg_lists.py

Each workbook is a provincial, city or county case list typed the way a different analyst
would type it. None has the loader's 行业大类代码 column of clean two-digit codes. The industry
column holds names, short forms, section letters with codes, codes with names, codes Excel
stored as numbers, full-width characters, stray spaces, sections naming no division, codes
whose name disagrees, and unknown words. Every cell below is fixed; nothing is random.

The expectations beside each workbook (``<stem>.expected.toml``) were computed by hand from
these cells, not from this script and not from the project's loader. README.md gives every
reading choice (which short form means which division, why "C 制造业" names none).

The cell helpers and the zip rewrite (fixed 2024-01-01 zip entries and docProps
created/modified) are those of ``tests/data/ledgers/build_ledgers.py``, imported from there,
so a rerun gives byte-identical files.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ledgers"))
import build_ledgers
from build_ledgers import (
    UP,
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


def merged_line(ws, row: int, text: str, ncols: int):
    """One text cell merged across the table (a 合计 sentence), left-aligned."""
    title(ws, row, text, ncols, size=11, align="left")


# ------------------------------------------------- F1 江西省 (设区市, 是/否, year in title)
def build_jiangxi():
    """The provincial list: one sheet, year only in the title, cities, 是/否 pilots."""
    wb = fresh()
    ws = wb.create_sheet("5G应用案例清单")
    cols = ["序号", "案例名称", "申报单位", "设区市", "所属行业", "是否国家级试点", "备注"]
    title(ws, 1, "江西省2024年“5G+”应用案例清单", len(cols))
    header(ws, 2, cols)
    # fmt: off
    cases = [
        ["5G+智能网联汽车总装车间", "江铃汽车股份有限公司", "南昌市", "汽车制造业", "是", None],
        ["5G+智慧水厂", "南昌水业集团有限责任公司", "南昌市", "水的生产和供应业", "否", None],
        ["5G+双师课堂", "赣州市第一中学", "赣州市", "教育", "否", None],
        ["5G+远程会诊", "江西省人民医院", "南昌市", "卫生", "是", None],
        ["5G+电机智能工厂", "江西特种电机股份有限公司", "宜春市", "C38电气机械和器材制造业", "否", None],
        ["5G+稀土分离智能控制", "中国南方稀土集团有限公司", "赣州市", 32, "是", None],
        ["5G+露天矿无人驾驶", "江西铜业股份有限公司德兴铜矿", "上饶市", "采矿业", "是", None],
        ["5G+钨矿井下巡检", "江西西华山钨业有限公司", "赣州市", 9, "否", None],
        ["5G+智慧园区", "景德镇高新区管委会", "景德镇市", "智慧城市", "否", None],
        ["5G+锂电池智能制造", "江西赣锋锂电科技股份有限公司", "新余市", "38 汽车制造业", "否", "动力电池"],
        ["5G+陶瓷窑炉智能控制", "景德镇陶瓷集团有限公司", "景德镇市", "制造业", "是", None],
        ["5G+智慧港口", "九江港务集团有限公司", "九江市", "G59 装卸搬运和仓储业", "是", None],
        ["5G+中药智能制造", "江中药业股份有限公司", "南昌市", "医药制造", "否", None],
        ["5G+智慧景区", "三清山风景名胜区管委会", "上饶市", "其他", "否", None],
        ["5G+光伏组件工厂", "晶科能源股份有限公司", "上饶市", 38, "是", None],
        ["5G+电子元器件检测", "江西红板科技股份有限公司", "吉安市", "Ｃ３９", "否", None],
        ["5G+智慧电厂", "国家能源集团九江发电有限公司", "九江市", "44 电力、热力生产和供应业", "否", None],
        ["5G+智慧工地", "江西省建工集团有限责任公司", "南昌市", None, "否", "行业待核"],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(cases))  # rows 3..20
    merged_line(ws, r, "合计：18个案例，其中国家级试点7个", len(cols))  # row 21
    ws.cell(
        row=r + 2, column=1, value="填表人：刘洋  审核：陈静  填表日期：2024年12月20日"
    )  # row 23
    widths(ws, {"A": 6, "B": 26, "C": 30, "D": 10, "E": 28, "F": 14, "G": 12})
    save(wb, "江西省2024年“5G+”应用案例清单.xlsx")


# ------------------------------- F2 赣州市 工业互联网 (县（市、区）, √, year in brackets)
def build_ganzhou():
    """A city list of manufacturing cases: a note row above the header, √ for national
    pilots, codes typed every which way, no 合计 but a blank row and a 填表人 footer."""
    wb = fresh()
    ws = wb.create_sheet("5G+工业互联网案例")
    cols = ["序号", "案例名称", "实施企业", "县（市、区）", "行业", "国家试点", "备注"]
    title(ws, 1, "赣州市“5G+工业互联网”应用案例清单（2024年）", len(cols))
    title(
        ws,
        2,
        "填报单位：赣州市工业和信息化局          报送日期：2024年11月",
        len(cols),
        size=10,
        align="left",
    )
    header(ws, 3, cols)
    # fmt: off
    cases = [
        ["5G+实木家具柔性生产线", "江西团团圆家具有限公司", "南康区", "21家具制造业", "√", None],
        ["5G+稀土永磁电机数字化车间", "江西金力永磁科技股份有限公司", "赣县区", "38 电气机械和器材制造业", "√", None],
        ["5G+新能源汽车总装", "国机智骏汽车有限公司", "章贡区", "36-汽车制造业", None, None],
        ["5G+硬质合金智能制造", "崇义章源钨业股份有限公司", "崇义县", "C32", None, None],
        ["5G+印制电路板AOI检测", "信丰福昌发电子有限公司", "信丰县", " 39 ", "√", None],
        ["5G+脐橙智能分选", "信丰县绿源果业有限公司", "信丰县", "C13农副食品加工业", None, None],
        ["5G+锂电铜箔生产", "江西龙南铜箔科技有限公司", "龙南市", "Ｃ３２", None, None],
        ["5G+服装智能吊挂", "江西于都红领服饰有限公司", "于都县", 18, "√", None],
        ["5G+钨矿智能通风", "江西漂塘钨业有限公司", "大余县", "B09 有色金属矿采选业", None, None],
        ["5G+机器视觉质检", "江西赣州智造科技有限公司", "章贡区", "C 制造业", None, None],
        ["5G+电机绕线车间", "赣州东磁电机有限公司", "章贡区", "36 电气机械和器材制造业", "√", None],
        ["5G+智能仓储物流", "南康家具产业智联仓储有限公司", "南康区", "G59", None, None],
        ["5G+中成药数字化车间", "江西青峰药业有限公司", "章贡区", "27医药制造业", "√", None],
        ["5G+园区安防", "赣州经开区投资发展有限公司", "章贡区", None, None, None],
        ["5G+废旧锂电池回收", "赣州市豪鹏科技有限公司", "赣县区", "42 废弃资源综合利用业", "√", None],
        ["5G+智慧工厂", "江西瑞金电子科技有限公司", "瑞金市", "制造业", None, None],
        ["5G+智能配电", "国网赣州供电公司", "章贡区", "D44", None, None],
    ]
    # fmt: on
    r = put_rows(ws, 4, numbered(cases))  # rows 4..20
    ws.cell(
        row=r + 1, column=1, value="填表人：钟敏    联系电话：0797-8200000"
    )  # row 22 (21 blank)
    widths(ws, {"A": 6, "B": 28, "C": 30, "D": 12, "E": 26, "F": 10, "G": 10})
    save(wb, "赣州市5G+工业互联网案例（2024年）.xlsx")


# ------------------------------------ F3 萍乡市 (Sheet1, 申报年度, Y/N, 所在区县, blank row)
def build_pingxiang():
    """A hurried analyst's WPS copy: cases on Sheet1 (Sheet2/Sheet3 empty), a 申报年度 column
    typed as numbers and text, Y/N pilots, a blank row where a case was deleted."""
    wb = fresh()
    ws = wb.create_sheet("Sheet1")
    cols = ["序号", "案例名称", "牵头单位", "所在区县", "应用行业", "申报年度", "国家级试点(Y/N)"]
    title(ws, 1, "萍乡市“5G+”应用场景案例汇总表", len(cols), size=12)
    header(ws, 2, cols)
    # fmt: off
    cases = [
        ["5G+智慧煤矿综采工作面", "江西萍乡矿业集团有限责任公司", "安源区", 6, 2022, "Y"],
        ["5G+井下无人值守变电所", "萍乡市白源煤矿", "湘东区", "06", "2023年", "N"],
        ["5G+烟花爆竹智能生产", "江西李渡烟花集团有限公司", "上栗县", "C26", 2023, "N"],
        ["5G+工业陶瓷窑炉", "萍乡市华星环保工程技术有限公司", "湘东区", "非金属矿物制品业", 2024, "Y"],
        ["5G+智慧农业大棚", "莲花县现代农业示范园", "莲花县", 1, "2024", "N"],
        ["5G+高速公路智慧管控", "江西省交通投资集团萍乡管理中心", "芦溪县", "道路运输业", 2023, "n"],
        None,
        ["5G+输配电设备制造", "江西萍乡输变电设备有限公司", "芦溪县", "Ｃ38", 2022, "Y"],
        ["5G+网络切片示范", "中国移动萍乡分公司", "安源区", "电信", 2022, "Y"],
        ["5G+智能炼钢", "萍乡萍钢安源钢铁有限公司", "安源区", "31 黑色金属冶炼和压延加工业", 2024, "Y"],
        ["5G+智慧社区", "安源区凤凰街道办事处", "安源区", "智慧城市", 2024, "N"],
        ["5G+急救车", "萍乡市人民医院", "安源区", "医疗卫生", 2023, "Y"],
        ["5G+机械加工", "萍乡市恒达机械有限公司", "湘东区", "C", 2024, "N"],
        ["5G+矿山安全监测", "上栗县宏源矿业有限公司", "上栗县", "采矿业", 2023, "N"],
        ["5G+化工填料数字化", "萍乡市金鑫化工填料有限公司", "湘东区", "30 非金属矿物制品业", 2024, "N"],
        ["5G+新能源汽车电机", "萍乡经开区新能源科技有限公司", "萍乡经开区", "39 电气机械和器材制造业", 2024, "N"],
        ["5G+智慧文旅", "武功山风景名胜区管委会", "芦溪县", "其他", 2024, "N"],
    ]
    # fmt: on
    put_rows(ws, 3, numbered(cases))  # rows 3..19, row 9 blank
    widths(ws, {"A": 5, "B": 24, "C": 30, "D": 10, "E": 28, "F": 10, "G": 14})
    wb.create_sheet("Sheet2")
    wb.create_sheet("Sheet3")
    save(wb, "萍乡5G案例汇总（更新版）.xlsx")


# ------------------------------ F4 省通信管理局 (two programmes, 区域, 年份, 国家级/省级)
P_03 = "江西省“03专项”成果转化试点"
P_IIOT = "“5G+工业互联网”融合应用先导区建设专项"


def build_two_programmes():
    """Two programmes on one sheet, told apart by 所属专项 merged over each block; regions,
    a 年份 column and a 级别 column of 国家级/省级."""
    wb = fresh()
    ws = wb.create_sheet("典型案例")
    cols = [
        "序号",
        "所属专项",
        "案例名称",
        "建设单位",
        "区域",
        "国民经济行业",
        "年份",
        "级别",
        "备注",
    ]
    title(ws, 1, "江西省5G融合应用典型案例汇总表", len(cols))
    header(ws, 2, cols)
    # fmt: off
    cases = [
        [P_03, "5G+智慧电网巡检", "国网江西省电力有限公司", "赣北", "D44 电力、热力生产和供应业", 2023, "国家级", None],
        [UP, "5G+智慧水务管网", "九江市水务有限公司", "赣北", "D46", 2023, "省级", None],
        [UP, "5G+智慧金融网点", "江西银行股份有限公司", "赣北", "66货币金融服务", 2023, "省级", None],
        [UP, "5G+智慧工地", "江西省建工集团有限责任公司", "赣北", "建筑业", "2023年", "省级", None],
        [UP, "5G+智慧物业", "南昌万科物业服务有限公司", "赣北", "房地产业", 2023, "省级", None],
        [UP, "5G+工业APP平台", "江西中至数据科技有限公司", "赣中", "I65软件和信息技术服务业", 2024, "国家级", None],
        [UP, "5G+保险远程查勘", "中国人民财产保险股份有限公司江西省分公司", "赣中", "金融业", 2024, "省级", None],
        [UP, "5G+智慧农场", "吉安市井冈蜜柚农业发展有限公司", "赣中", "A01 农业", 2024, "国家级", None],
        [UP, "5G+智慧高速", "江西省交通投资集团有限责任公司", "赣西", 54, 2024, "省级", None],
        [P_IIOT, "5G+汽车焊装车间", "江铃汽车股份有限公司", "赣北", "36 汽车制造业", 2023, "国家级", None],
        [UP, "5G+铜冶炼智能工厂", "江西铜业股份有限公司贵溪冶炼厂", "赣东北", "32有色金属冶炼和压延加工业", 2023, "国家级", None],
        [UP, "5G+光伏电池片车间", "晶科能源股份有限公司", "赣东北", "C38", "2023年", "省级", None],
        [UP, "5G+航空装备总装", "江西洪都航空工业集团有限责任公司", "赣北", "37 铁路、船舶、航空航天和其他运输设备制造业", 2024, "国家级", None],
        [UP, "5G+汽车零部件工厂", "江西萍乡汽车零部件有限公司", "赣西", "38 汽车制造业", 2024, "省级", None],
        [UP, "5G+智能终端制造", "吉安立讯射频科技有限公司", "赣中", "39", 2024, "国家级", None],
        [UP, "5G+石化智能工厂", "中国石油化工股份有限公司九江分公司", "赣北", "25 石油、煤炭及其他燃料加工业", 2024, "国家级", None],
        [UP, "5G+中小企业数字化转型", "赣州市中小企业服务中心", "赣南", "C 制造业", 2024, "省级", None],
        [UP, "5G+电子信息产业园", "赣州高新区电子信息产业园", "赣南", "电子信息", 2024, "省级", None],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(cases))  # rows 3..20; B3:B11 = P_03, B12:B20 = P_IIOT
    ws.cell(row=r, column=1, value="合计")  # row 21
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
    ws.cell(row=r, column=4, value="18个案例")
    widths(ws, {"A": 5, "B": 30, "C": 24, "D": 34, "E": 8, "F": 34, "G": 8, "H": 8, "I": 8})
    save(wb, "省通信管理局5G融合应用典型案例（两个专项）.xlsx")


# -------------------------------- F5 宜春市 智慧社会 (县（市、区）, √, year in brackets)
def build_yichun():
    """A list of social-sector cases (education, health, culture): exact names and short
    forms, sections typed by their names, a 合计 row that counts the √ and a footer."""
    wb = fresh()
    ws = wb.create_sheet("5G应用案例")
    cols = ["序号", "案例名称", "申报单位", "县（市、区）", "行业领域", "国家级试点示范", "联系人"]
    title(ws, 1, "宜春市“5G+智慧社会”应用案例清单（2023年）", len(cols))
    header(ws, 2, cols)
    # fmt: off
    cases = [
        ["5G+智慧课堂", "宜春市第一中学", "袁州区", "教育", "√", "王老师"],
        ["5G+远程超声诊断", "宜春市人民医院", "袁州区", "卫生", "√", "刘医生"],
        ["5G+县域医共体", "丰城市人民医院", "丰城市", "医疗卫生", None, "陈科长"],
        ["5G+智慧养老", "樟树市社会福利院", "樟树市", "社会工作", None, "李院长"],
        ["5G+VR思政课", "宜春学院", "袁州区", "83教育", None, "张老师"],
        ["5G+急救指挥", "高安市急救中心", "高安市", "Q84 卫生", "√", "周主任"],
        ["5G+智慧体育场馆", "宜春市体育中心", "袁州区", "体育", None, "吴经理"],
        ["5G+云展厅", "宜春市博物馆", "袁州区", "文化艺术业", None, "郑馆长"],
        ["5G+智慧中医院", "樟树市中医院", "樟树市", "卫生和社会工作", None, "钱科长"],
        ["5G+农村远程教育", "靖安县教育体育局", "靖安县", "８３", None, "孙股长"],
        ["5G+直播带货", "奉新县电子商务产业园", "奉新县", "其他", None, "冯经理"],
        ["5G+全民健身", "万载县文化广电新闻出版旅游局", "万载县", "文化、体育和娱乐业", None, "何股长"],
        ["5G+慢病管理", "上高县人民医院", "上高县", " 84", None, "许医生"],
        ["5G+智慧校园", "宜丰中学", "宜丰县", 83, "√", "黄老师"],
        ["5G+社区卫生服务", "铜鼓县永宁镇社区卫生服务中心", "铜鼓县", "85 卫生", None, "邓主任"],
        ["5G+智慧广电", "宜春广电网络传输有限公司", "袁州区", "87广播、电视、电影和录音制作业", None, "曹经理"],
        ["5G+智慧党建", "宜春市直机关工委", "袁州区", None, None, "彭科长"],
    ]
    # fmt: on
    r = put_rows(ws, 3, numbered(cases))  # rows 3..19
    ws.cell(row=r, column=1, value="合计")  # row 20
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.cell(row=r, column=6, value="4个")
    ws.cell(
        row=r + 1, column=1, value="填表人：黄丽  审核人：邹强  填表时间：2023年12月8日"
    )  # row 21
    widths(ws, {"A": 6, "B": 22, "C": 30, "D": 12, "E": 30, "F": 14, "G": 10})
    save(wb, "宜春市5G+智慧社会案例清单2023.xlsx")


# -------------------------- F6 九江市 (所在地, 国家级/省级/市级, year in title, 合计+footer)
def build_jiujiang():
    """A city list of port, energy and materials cases: letter + code everywhere, a note
    row above the header, 试点级别 国家级/省级/市级, a 合计 row and a footer."""
    wb = fresh()
    ws = wb.create_sheet("案例清单")
    cols = ["序号", "案例名称", "企业名称", "所在地", "所属行业", "试点级别", "备注"]
    title(ws, 1, "九江市2023年“5G+”行业融合应用案例清单", len(cols))
    title(ws, 2, "（按申报顺序排列）", len(cols), size=10, align="right")
    header(ws, 3, cols)
    # fmt: off
    cases = [
        ["5G+智慧长江航运", "九江港口集团有限公司", "濂溪区", "G55 水上运输业", "国家级", None],
        ["5G+智慧水厂", "九江市自来水有限公司", "浔阳区", "D46", "省级", None],
        ["5G+石化智能工厂", "中国石油化工股份有限公司九江分公司", "濂溪区", "C25", "国家级", None],
        ["5G+风电场智能运维", "华能九江风力发电有限公司", "彭泽县", "D44", "省级", None],
        ["5G+铁路货场", "中国铁路南昌局集团有限公司九江货运中心", "濂溪区", "G53铁路运输业", "市级", None],
        ["5G+水利枢纽监测", "江西省柘林水库管理局", "永修县", "N76 水利管理业", "省级", None],
        ["5G+集装箱码头", "九江红光国际港务有限公司", "湖口县", 59, "国家级", None],
        ["5G+玻纤智能制造", "巨石集团九江有限公司", "柴桑区", "C30 非金属矿物制品业", "国家级", None],
        ["5G+有机硅智能工厂", "江西星火有机硅有限公司", "永修县", "Ｃ２６", "省级", None],
        ["5G+羽绒服柔性生产", "共青城鸭鸭服饰有限公司", "共青城市", "C18纺织服装、服饰业", "市级", None],
        ["5G+铜板带智能车间", "江西瑞昌铜板带有限公司", "瑞昌市", " C32 ", "省级", None],
        ["5G+智慧矿山", "修水香炉山钨业有限责任公司", "修水县", "采矿业", "市级", None],
        ["5G+智慧景区", "庐山风景名胜区管理局", "庐山市", "文旅", "市级", None],
        ["5G+船舶智能制造", "九江同方江新造船有限公司", "湖口县", 37, "国家级", None],
        ["5G+电子元件工厂", "共青城电子科技有限公司", "共青城市", "39 医药制造业", "省级", None],
        ["5G+智慧物流园", "都昌县现代物流园有限公司", "都昌县", "G58 多式联运和运输代理业", "市级", None],
        ["5G+园区数字化", "九江经开区管理委员会", "九江经开区", "制造业", "省级", None],
    ]
    # fmt: on
    r = put_rows(ws, 4, numbered(cases))  # rows 4..20
    ws.cell(row=r, column=1, value="合计")  # row 21
    ws.cell(row=r, column=2, value="17个")
    ws.cell(row=r, column=6, value="国家级5个")
    ws.cell(
        row=r + 1, column=1, value="填表人：周涛  联系电话：0792-8100000  填报日期：2023年12月15日"
    )  # row 22
    widths(ws, {"A": 6, "B": 22, "C": 36, "D": 12, "E": 28, "F": 10, "G": 8})
    save(wb, "九江市2023年5G+行业应用案例（第一批）.xlsx")


def main():
    build_jiangxi()
    build_ganzhou()
    build_pingxiang()
    build_two_programmes()
    build_yichun()
    build_jiujiang()


if __name__ == "__main__":
    main()
