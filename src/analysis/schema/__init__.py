"""Ledger and statistics table definitions: columns, header aliases, kinds, allowed values."""

from __future__ import annotations

from types import MappingProxyType

from analysis.schema.columns import KIND_ZH, QUALIFIERS, YEAR_RANGE, Column, Kind, Table
from analysis.words import (
    CONTRACT_TYPE_WORDS,
    CONTRACT_TYPES,
    CONVERSION_MODES,
    EVENT_TYPES,
    EVENT_WORDS,
    MODE_WORDS,
    SIGNING_STAGES,
    STAGE_WORDS,
)

__all__ = [
    "CONTRACT_TYPES",
    "CONVERSION_MODES",
    "EVENT_TYPES",
    "KIND_ZH",
    "QUALIFIERS",
    "SIGNING_STAGES",
    "YEAR_RANGE",
    "Column",
    "Kind",
    "Table",
]

_PROGRAMME = Column(
    "programme",
    "项目名称",
    required=True,
    aliases=("所属项目", "计划名称", "项目", "所属计划", "所属专项", "专项名称"),
    note="所属项目（计划）名称，与“项目信息”表一致；只有一个项目时可不填",
)
_REGION = Column(
    "region",
    "地区",
    aliases=(
        "城市",
        "区域",
        "所在地区",
        "所在区",
        "所属区县",
        "区县",
        "所在地",
        "所在区县",
        "设区市",
        "所在设区市",
        "地市",
        "所在地市",
        "所在城市",
        "所属地市",
        "县（市、区）",
        "县市区",
    ),
    note="地级市或区县名称",
)
_YEAR = Column(
    "year",
    "年度",
    kind="year",
    aliases=("年份", "申报年度", "入选年度", "申报年份"),
    note="四位年份；留空时由日期推出（5G应用案例：由工作表标题的年份推出）",
)


EVENTS = Table(
    "events",
    "活动",
    key="event_id",
    aliases=("活动台账",),
    note="每行一场活动：会议、展洽会、对接会、路演、调研、座谈、培训",
    columns=(
        Column(
            "event_id",
            "活动编号",
            kind="id",
            required=True,
            aliases=("编号",),
            note="唯一编号，如 E2023-001；没有这一列时按行号编号",
        ),
        _PROGRAMME,
        Column("name", "活动名称", required=True, aliases=("名称", "活动主题", "会议名称")),
        Column(
            "event_type",
            "活动类型",
            kind="category",
            required=True,
            choices=EVENT_TYPES,
            aliases=("类型", "活动形式", "形式", "活动方式", "活动类别", "活动类型及形式"),
            note="会议/展洽会/对接会/路演/调研/座谈/培训/其他",
            words=EVENT_WORDS,
        ),
        _REGION,
        Column(
            "date",
            "日期",
            kind="date",
            required=True,
            aliases=("举办日期", "活动日期", "举办时间", "活动时间", "时间"),
            note="2023-10-28 或 2023年10月28日",
        ),
        _YEAR,
        Column(
            "attendees_onsite",
            "线下参会人数",
            kind="quantity",
            unit="person",
            aliases=("参会人数", "现场人数", "参加人数", "参与人数", "人数", "参会人员"),
            note="可写“近300人”“500多人”",
        ),
        Column(
            "online_views",
            "线上观看人次",
            kind="quantity",
            unit="person_time",
            aliases=("线上观看", "直播观看人次"),
            note="可写“5万余人次”",
        ),
        Column(
            "organizations",
            "参会单位数",
            kind="quantity",
            unit="organization",
            aliases=("参与单位数",),
        ),
        Column(
            "universities_institutes",
            "高校院所数",
            kind="quantity",
            unit="organization",
            aliases=("高校院所",),
        ),
        Column("academicians", "院士人数", kind="quantity", unit="person", aliases=("院士",)),
        Column(
            "foreign_guests", "外籍嘉宾人数", kind="quantity", unit="person", aliases=("外籍嘉宾",)
        ),
        Column(
            "firms",
            "参会企业数",
            kind="quantity",
            unit="organization",
            aliases=("企业数", "企业代表数"),
        ),
        Column("note", "备注", aliases=("说明",)),
    ),
)

SIGNINGS = Table(
    "signings",
    "签约",
    key="signing_id",
    aliases=("签约项目", "签约台账", "deals"),
    note="每行一项意向或签约的成果转化项目",
    columns=(
        Column(
            "signing_id",
            "签约编号",
            kind="id",
            required=True,
            aliases=("项目编号", "合同编号"),
            note="唯一编号，如 S2023-0001；没有这一列时按行号编号",
        ),
        _PROGRAMME,
        Column(
            "event_id",
            "活动编号",
            kind="id",
            ref="events.event_id",
            note="签约所在活动的编号，可留空",
        ),
        Column(
            "title",
            "成果名称",
            required=True,
            aliases=("签约项目名称", "项目内容", "技术名称", "成果项目名称", "合同名称"),
            note="没有“成果名称”列时，“项目名称”列读作成果名称",
        ),
        Column(
            "stage",
            "阶段",
            kind="category",
            required=True,
            choices=SIGNING_STAGES,
            aliases=(
                "状态",
                "进展",
                "项目进展",
                "进展情况",
                "当前状态",
                "项目状态",
                "当前阶段",
                "项目阶段",
                "进度",
            ),
            note="意向/签约/落地/终止；也可写洽谈中、已签约、已落地、已转化、已实施",
            words=STAGE_WORDS,
        ),
        Column(
            "mode",
            "转化方式",
            kind="category",
            choices=CONVERSION_MODES,
            aliases=("方式", "合作方式", "转化形式", "交易方式"),
            note="自行投资实施/转让/许可/合作实施/作价投资/其他；技术开发/服务/咨询读作合同类型",
            words=MODE_WORDS,
        ),
        Column(
            "contract_type",
            "合同类型",
            kind="category",
            choices=CONTRACT_TYPES,
            aliases=("技术合同类型",),
            note="技术开发/技术服务/技术咨询（不是转化方式）",
            words=CONTRACT_TYPE_WORDS,
        ),
        _REGION,
        Column("field", "技术领域", aliases=("领域", "产业领域", "所属领域", "行业领域")),
        Column(
            "date",
            "签约日期",
            kind="date",
            aliases=("日期", "签约时间", "签订日期", "签订时间", "合同签订时间", "合同签订日期"),
        ),
        _YEAR,
        Column(
            "value",
            "合同金额",
            kind="quantity",
            unit="yuan",
            aliases=(
                "金额",
                "合同金额（元）",
                "涉及金额",
                "成交金额",
                "交易金额",
                "合同额",
                "交易额",
                "成交额",
                "技术交易额",
                "合同总额",
                "签约金额",
            ),
            note="元；可写“35.71亿元”“120万元”“近500万元”",
        ),
        Column(
            "landing_date",
            "落地日期",
            kind="date",
            aliases=("落地时间", "转化日期", "转化时间", "实施日期"),
            note="状态为落地时填写；可留空",
        ),
        Column(
            "landed_value",
            "落地金额",
            kind="quantity",
            unit="yuan",
            aliases=("到位金额", "转化金额", "实际到位金额", "到账金额", "实际到账金额"),
            note="状态为落地时的到位金额；留空则按合同金额",
        ),
        Column("seller", "成果持有方", aliases=("技术供给方", "高校院所", "转让方", "供给方")),
        Column("buyer", "承接企业", aliases=("技术需求方", "企业", "受让方", "承接单位", "需求方")),
        Column("note", "备注", aliases=("说明",)),
    ),
)

CONVERSIONS = Table(
    "conversions",
    "转化落地",
    key="conversion_id",
    aliases=("落地", "转化", "落地台账", "落地项目", "转化项目", "已落地项目", "落地情况"),
    note="每行一项已落地（转化）的签约项目",
    columns=(
        Column(
            "conversion_id",
            "落地编号",
            kind="id",
            required=True,
            aliases=("编号",),
            note="没有这一列时按行号编号",
        ),
        Column(
            "signing_id",
            "签约编号",
            kind="id",
            required=True,
            ref="signings.signing_id",
            note="须为“签约”表中已有的编号；没有编号时按“项目名称”对应",
        ),
        Column(
            "title",
            "项目名称",
            aliases=("成果名称", "签约项目名称"),
            note="没有签约编号时，按签约表的成果名称（项目名称）找到这一项",
        ),
        Column("date", "落地日期", kind="date", aliases=("日期", "转化日期"), note="不详可留空"),
        _YEAR,
        Column(
            "value",
            "落地金额",
            kind="quantity",
            unit="yuan",
            aliases=("转化金额", "到位金额"),
            note="元；可写“1200万元”",
        ),
        Column("note", "备注", aliases=("说明",)),
    ),
)

FIVEG_CASES = Table(
    "fiveg_cases",
    "5G应用案例",
    key="case_id",
    aliases=("5G案例", "应用案例", "5g_cases"),
    note="每行一个“5G+”行业应用案例",
    columns=(
        Column("case_id", "案例编号", kind="id", required=True, aliases=("编号",)),
        _PROGRAMME,
        Column("name", "案例名称", required=True, aliases=("名称",)),
        Column(
            "division_code",
            "行业大类代码",
            kind="division",
            ref="divisions.division_code",
            aliases=(
                "国民经济行业大类",
                "行业代码",
                "行业大类",
                "所属行业",
                "行业",
                "应用行业",
                "行业领域",
                "所属领域",
                "国民经济行业",
                "国民经济行业分类",
                "所属国民经济行业",
                "行业类别",
            ),
            note=(
                "GB/T 4754-2017 大类：两位代码（06、6）、门类字母加代码（C38）、代码加名称"
                "或大类名称（汽车制造业）；只写门类或写不明的，计为案例、不计覆盖"
            ),
        ),
        _REGION,
        _YEAR,
        Column(
            "national_pilot",
            "国家级试点",
            kind="bool",
            aliases=(
                "是否国家级试点",
                "国家试点",
                "是否国家试点",
                "国家级",
                "是否国家级",
                "级别",
                "试点级别",
                "入选级别",
                "国家级试点示范",
                "是否国家级试点示范",
            ),
            note="是/否、√、Y/N、国家级/省级；只标“是/√”的列，空白读作否",
        ),
        Column("note", "备注", aliases=("说明",)),
    ),
)

BUDGET = Table(
    "budget",
    "经费",
    key="line_id",
    aliases=("预算", "经费预算", "预算执行"),
    note="每行一个预算阶段或支出科目",
    columns=(
        Column(
            "line_id",
            "序号",
            kind="id",
            required=True,
            aliases=("编号",),
            note="没有这一列时按行号编号",
        ),
        _PROGRAMME,
        _YEAR,
        Column(
            "phase",
            "阶段",
            required=True,
            aliases=(
                "支出阶段",
                "科目",
                "支出科目",
                "支出项目",
                "经费科目",
                "预算科目",
                "支出内容",
                "费用项目",
                "开支项目",
                "支出类别",
                "二级科目",
                "明细科目",
            ),
            note="如“第一阶段 专家考察调研”",
        ),
        Column("period_text", "时间", aliases=("起止时间",), note="如“4月-7月”"),
        Column(
            "planned",
            "预算金额",
            kind="quantity",
            unit="yuan",
            required=True,
            aliases=("预算数", "计划金额", "预算", "预算额", "年初预算", "预算资金", "预算经费"),
            note="元；可写“2万”",
        ),
        Column(
            "spent",
            "执行金额",
            kind="quantity",
            unit="yuan",
            aliases=(
                "实际支出",
                "支出",
                "执行数",
                "支出金额",
                "已支出",
                "实际执行",
                "支出数",
                "累计支出",
                "已使用",
                "使用金额",
            ),
            note="元；未执行留空",
        ),
        Column("note", "备注", aliases=("说明",)),
    ),
)

TARGETS = Table(
    "targets",
    "绩效目标",
    key="indicator_id",
    aliases=("绩效指标", "指标"),
    note="绩效自评的指标：一级/二级/三级指标、年度指标值、分值",
    columns=(
        Column("indicator_id", "指标编号", kind="id", required=True, aliases=("编号", "序号")),
        _PROGRAMME,
        Column("level1", "一级指标", kind="text", required=True),
        Column("level2", "二级指标", kind="text", required=True),
        Column("level3", "三级指标", kind="text", required=True),
        Column(
            "target",
            "年度指标值",
            kind="text",
            required=True,
            aliases=("目标值",),
            note="如“≥300人”“≤20万元”“=1次”“100%”“2023年10月底前”或定性表述",
        ),
        Column("weight", "分值", kind="quantity", required=True, aliases=("权重",)),
        Column(
            "measure",
            "指标代码",
            kind="text",
            aliases=("数据来源",),
            note="从台账或统计表计算实际值的指标代码，见 docs/measures.md；留空则填“实际完成值”",
        ),
        Column(
            "actual",
            "实际完成值",
            kind="text",
            aliases=("完成值",),
            note="手工填写的实际值，如“600余人”“≥90%”",
        ),
        Column(
            "direction", "方向", kind="text", note="ge/le/eq/qualitative，留空则由年度指标值推断"
        ),
        Column("reason", "偏差原因分析及改进措施", aliases=("偏差原因",)),
        Column("note", "备注", aliases=("说明",), note="目标与实际值的依据，不进入自评表"),
    ),
)

PROGRAMMES = Table(
    "programmes",
    "项目信息",
    key="programme",
    aliases=("项目", "基本信息"),
    note="自评表表头与资金情况，每个项目一行",
    columns=(
        Column("programme", "项目名称", kind="text", required=True),
        Column(
            "name",
            "项目全称",
            aliases=("表头名称",),
            note="自评表表头写的名称；留空则用项目名称",
        ),
        Column("department", "主管部门", aliases=("主管单位",)),
        Column("implementer", "实施单位", aliases=("承担单位", "承办单位")),
        _YEAR,
        Column("budget_initial", "年初预算数", kind="quantity", unit="yuan"),
        Column(
            "budget_full_year", "全年预算数", kind="quantity", unit="yuan", aliases=("项目预算",)
        ),
        Column("goal", "预期目标", aliases=("年度总体目标",)),
        Column("outcome", "实际完成情况"),
    ),
)

STATISTICS = Table(
    "statistics",
    "统计",
    aliases=("统计数据", "指标数据"),
    note="长表：每行一个观测值（项目、期间、指标、数值、单位、限定、来源、原文）",
    columns=(
        Column("programme", "项目", kind="text", required=True, aliases=("项目名称",)),
        Column("period", "期间", kind="text", required=True, note="如 2023、2015-2021、2023-10-28"),
        Column("measure", "指标代码", kind="text", required=True),
        Column(
            "breakdown",
            "分项",
            kind="text",
            note="指标的分项，如“第一阶段”“转让”“C 制造业”；总量留空",
        ),
        Column(
            "value", "数值", kind="quantity", required=True, note="基本单位下的数值（元、人、项…）"
        ),
        Column("unit", "单位", kind="text", note="单位代码：yuan/person/person_time/…"),
        Column("qualifier", "限定", kind="text", note="exact/approx/at_least/at_most"),
        Column("quantity_text", "原文数值", kind="text", note="原文中的数字写法，如“5万余人次”"),
        Column("source", "来源", kind="text", required=True, note="来源文件"),
        Column("quote", "原文", kind="text", note="数字所在的原文短句（不超过约40字）"),
    ),
)

#: Every table the loader knows, by English name, in workbook order.
TABLES: MappingProxyType = MappingProxyType(
    {
        t.name: t
        for t in (
            PROGRAMMES,
            EVENTS,
            SIGNINGS,
            CONVERSIONS,
            FIVEG_CASES,
            BUDGET,
            TARGETS,
            STATISTICS,
        )
    }
)

#: Tables that make up a ledger workbook (statistics travel separately).
LEDGER_TABLES = (
    "programmes",
    "events",
    "signings",
    "conversions",
    "fiveg_cases",
    "budget",
    "targets",
)
