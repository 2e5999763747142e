"""The made-up programme the synthetic ledger describes: places, years, mixes and sizes."""

PROGRAMME = "示例：某省“科创中国”产学研对接行动（合成数据）"
DEPARTMENT = "示例省科学技术协会（合成）"
IMPLEMENTER = "示例省科技交流中心（合成）"
#: Fictional cities: the Heavenly Stems make it plain that no real place is meant.
CITIES = ("甲市", "乙市", "丙市", "丁市", "戊市", "己市")
CITY_WEIGHTS = (0.30, 0.22, 0.16, 0.13, 0.11, 0.08)
YEARS = (2021, 2022, 2023)
SEED = 20231028

FIELDS = ("新一代信息技术", "生物医药", "新材料", "高端装备", "新能源", "现代农业", "节能环保")
FIELD_WEIGHTS = (0.24, 0.16, 0.17, 0.17, 0.10, 0.09, 0.07)
#: Three technology topics per field, used to build deal titles.
TOPICS = (
    ("工业互联网平台", "边缘计算网关", "机器视觉检测"),
    ("单克隆抗体制备", "医用缓释材料", "体外诊断试剂"),
    ("高性能防腐涂层", "稀土永磁材料", "碳纤维复合材料"),
    ("数控机床主轴", "工业机器人减速器", "智能焊接装备"),
    ("钙钛矿光伏组件", "储能电池管理", "氢燃料电池电堆"),
    ("水稻抗逆育种", "智慧灌溉系统", "果蔬保鲜技术"),
    ("工业废水处理", "余热回收利用", "固废资源化"),
)
SELLER_KINDS = ("大学", "理工学院", "工业技术研究院", "农业科学院", "医学院")

#: Event type code → (probability, median on-site attendees, lognormal sigma, name suffix).
EVENT_PROFILE = {
    "conference": (0.08, 300.0, 0.5, "产业发展大会"),
    "exposition": (0.05, 1500.0, 0.6, "科技成果展洽会"),
    "matchmaking": (0.25, 120.0, 0.5, "产学研对接会"),
    "roadshow": (0.20, 80.0, 0.5, "科技成果路演"),
    "field_trip": (0.12, 15.0, 0.4, "企业实地调研"),
    "symposium": (0.12, 25.0, 0.4, "校企座谈会"),
    "training": (0.15, 60.0, 0.5, "技术经理人培训班"),
    "other": (0.03, 50.0, 0.6, "科普开放日活动"),
}
#: Median online views of events that are streamed, and the share streamed.
ONLINE_PROFILE = {
    "conference": (20000.0, 0.8),
    "exposition": (50000.0, 0.9),
    "matchmaking": (3000.0, 0.5),
    "roadshow": (5000.0, 0.6),
    "training": (1500.0, 0.3),
}
#: Event types at which deals are signed.
SIGNING_EVENT_TYPES = ("conference", "exposition", "matchmaking", "roadshow")

#: Conversion mode → (share of deals, mean contract value in yuan, lognormal sigma).
#: Means of transfer, licence and equity are the national means for 2023 in the
#: 中国科技成果转化年度报告 (46.1万, 63.5万, 946.0万; see shared/domain.md); transfer
#: and licence are common and equity is rare, as in those national counts. The
#: other three modes have no national anchor here; their means are our assumption.
MODE_PROFILE = {
    "transfer": (0.40, 461_000.0, 1.2),
    "licence": (0.25, 635_000.0, 1.2),
    "joint_implementation": (0.20, 800_000.0, 1.1),
    "self_implementation": (0.06, 1_200_000.0, 1.0),
    "equity": (0.02, 9_460_000.0, 1.0),
    "other": (0.07, 300_000.0, 1.0),
}
SIGNED_SHARE = 0.65
#: Chance that a signed deal lands, and the median lag in days from signing to landing.
LANDING_SHARE = 0.5
LANDING_LAG_MEDIAN_DAYS = 120.0

FIVEG_SCENARIOS = (
    "智能巡检",
    "远程控制",
    "机器视觉质检",
    "智慧园区",
    "无人配送",
    "远程运维",
    "数字孪生",
)
NATIONAL_PILOT_SHARE = 0.08

#: Budget phases: (name, months text, share of the yearly budget).
PHASES = (
    ("第一阶段 需求征集与调研", "1月-3月", 0.10),
    ("第二阶段 专家考察调研", "3月-5月", 0.15),
    ("第三阶段 对接活动组织", "5月-10月", 0.45),
    ("第四阶段 成果路演与签约", "9月-11月", 0.22),
    ("第五阶段 总结评估", "11月-12月", 0.08),
)
#: Yearly budget in yuan before scaling with the size of the ledger.
BASE_BUDGET = {2021: 2_000_000.0, 2022: 2_200_000.0, 2023: 2_400_000.0}

#: A handful of cells typed with qualifiers, as analysts do: (column, value, qualifier, text).
ATTENDEE_TEXTS = (
    ("attendees_onsite", 300.0, "approx", "近300人"),
    ("attendees_onsite", 500.0, "at_least", "500多人"),
    ("attendees_onsite", 200.0, "at_least", "200余人"),
    ("attendees_onsite", 1000.0, "approx", "约1000人"),
    ("online_views", 50_000.0, "at_least", "5万余人次"),
    ("online_views", 100_000.0, "at_least", "超10万人次"),
    ("online_views", 30_000.0, "approx", "近3万人次"),
)
VALUE_TEXTS = ((5_000_000.0, "approx", "近500万元"), (1_200_000.0, "exact", "120万元"))

#: The word a deal title ends with, by mode (“……技术转让”).
MODE_TITLE_WORDS = {
    "transfer": "转让",
    "licence": "许可",
    "joint_implementation": "合作实施",
    "self_implementation": "产业化",
    "equity": "作价入股",
    "other": "技术服务",
}
