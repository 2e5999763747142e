"""The categories of a ledger (stages, modes, contract types, events) and the words for them."""

# Each *_WORDS map takes a word to a code. The loader accepts a cell that is a code, its label
# or one of these words; failing that, a cell that contains words of one code only
# (项目路演 → roadshow, 已签约 → signed). docs/indicators.md lists the mapping.

from __future__ import annotations

from types import MappingProxyType

#: Conversion modes of Article 16 of the 促进科技成果转化法, English code → Chinese label.
CONVERSION_MODES = MappingProxyType(
    {
        "self_implementation": "自行投资实施",
        "transfer": "转让",
        "licence": "许可",
        "joint_implementation": "合作实施",
        "equity": "作价投资",
        "other": "其他",
    }
)

#: Event types, English code → Chinese label.
EVENT_TYPES = MappingProxyType(
    {
        "conference": "会议",
        "exposition": "展洽会",
        "matchmaking": "对接会",
        "roadshow": "路演",
        "field_trip": "调研",
        "symposium": "座谈",
        "training": "培训",
        "other": "其他",
    }
)

#: Deal stages, English code → Chinese label. ``landed`` is a signed deal the ledger marks as
#: landed (落地/已转化); the loader adds its conversion. ``terminated`` deals count as
#: intentions that went no further.
SIGNING_STAGES = MappingProxyType(
    {"intention": "意向", "signed": "签约", "landed": "落地", "terminated": "终止"}
)

#: Deal status words (状态/阶段/进展) → stage. A landed deal is a signed deal with a landing.
STAGE_WORDS = MappingProxyType(
    {
        "意向": "intention",
        "有意向": "intention",
        "洽谈": "intention",
        "洽谈中": "intention",
        "对接中": "intention",
        "拟签约": "intention",
        "签约": "signed",
        "已签约": "signed",
        "签订": "signed",
        "已签订": "signed",
        "落地": "landed",
        "已落地": "landed",
        "转化": "landed",
        "已转化": "landed",
        "实施": "landed",
        "已实施": "landed",
        "投产": "landed",
        "已投产": "landed",
        "终止": "terminated",
        "已终止": "terminated",
        "中止": "terminated",
        "取消": "terminated",
        "已取消": "terminated",
    }
)

#: Conversion-mode words (转化方式/合作方式) → the six modes of Article 16 of the
#: 促进科技成果转化法 (自行投资实施, 转让, 许可, 合作实施, 作价投资, 其他).
MODE_WORDS = MappingProxyType(
    {
        "技术转让": "transfer",
        "专利转让": "transfer",
        "专利权转让": "transfer",
        "成果转让": "transfer",
        "技术许可": "licence",
        "专利许可": "licence",
        "专利实施许可": "licence",
        "独占许可": "licence",
        "排他许可": "licence",
        "普通许可": "licence",
        "作价入股": "equity",
        "技术入股": "equity",
        "作价出资": "equity",
        "共同实施": "joint_implementation",
        "合作转化": "joint_implementation",
        # 产学研合作 in a 转化方式 column: the result put to use together with a partner.
        "产学研合作": "joint_implementation",
        "自行实施": "self_implementation",
        "自行转化": "self_implementation",
    }
)

#: Technology-contract types of the Civil Code that are not Article-16 modes: a 转化方式 cell
#: holding one of them is read as the deal's contract type (合同类型), not as a mode.
CONTRACT_TYPES = MappingProxyType(
    {"development": "技术开发", "service": "技术服务", "consulting": "技术咨询"}
)
CONTRACT_TYPE_WORDS = MappingProxyType(
    {
        "开发": "development",
        "委托开发": "development",
        "合作开发": "development",
        "技术开发合同": "development",
        "服务": "service",
        "技术服务合同": "service",
        "咨询": "consulting",
        "技术咨询合同": "consulting",
    }
)

#: Event-form words (活动形式/活动类型) → event type.
EVENT_WORDS = MappingProxyType(
    {
        "大会": "conference",
        "论坛": "conference",
        "峰会": "conference",
        "年会": "conference",
        "研讨会": "conference",
        "发布会": "conference",
        "宣讲会": "conference",
        "展会": "exposition",
        "博览会": "exposition",
        "展览": "exposition",
        "交易会": "exposition",
        "对接": "matchmaking",
        "对接会": "matchmaking",
        "洽谈会": "matchmaking",
        "推介会": "matchmaking",
        "项目路演": "roadshow",
        "考察": "field_trip",
        "走访": "field_trip",
        "座谈会": "symposium",
        "讲座": "training",
    }
)

#: Cells that say "no value yet": read as blank, and the load report lists them.
UNKNOWN_WORDS = frozenset(
    {
        "待定",
        "未定",
        "暂无",
        "无",
        "不详",
        "未知",
        "面议",
        "另议",
        "保密",
        "待确定",
        "待核实",
        "未公开",
    }
    | {"/", "-", "—", "——", "--"}
)

#: What a form shows in an unknown header or budget field, so that it is seen and filled in.
FORM_UNKNOWN = "【未填写】"
#: What a form shows in an empty reason cell where the rules require a reason.
FORM_REASON_NEEDED = "【须填写原因】"
