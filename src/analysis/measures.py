"""The controlled list of measure codes used in the statistics long table."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Measure:
    """A measure code with its labels and base unit.

    Attributes:
        code: Snake-case code stored in the ``measure`` column.
        zh: Chinese label for tables and figures.
        en: English label.
        unit: Base unit code of its values (see ``analysis.quantities``).
        group: Which indicator family it belongs to.
    """

    code: str
    zh: str
    en: str
    unit: str | None
    group: str


_ROWS = (
    # engagement (活动与参与)
    ("events_held", "举办活动场次", "events held", "event", "engagement"),
    ("key_events_held", "重点专题活动场次", "key events held", "event", "engagement"),
    ("editions_held", "累计举办届数", "editions held", "event", "engagement"),
    ("field_trips", "实地考察调研次数", "field trips", "event", "engagement"),
    ("symposia", "座谈交流次数", "symposia", "event", "engagement"),
    ("attendees_onsite", "线下参会人数", "on-site attendees", "person", "engagement"),
    ("online_views", "线上观看人次", "online views", "person_time", "engagement"),
    ("guests", "邀请嘉宾人数", "invited guests", "person", "engagement"),
    ("organizations", "参会单位数", "participating organisations", "organization", "engagement"),
    ("universities", "高校数", "universities", "organization", "engagement"),
    ("research_institutes", "科研院所数", "research institutes", "organization", "engagement"),
    (
        "universities_institutes",
        "高校院所数",
        "universities and institutes",
        "organization",
        "engagement",
    ),
    ("academicians", "院士人数", "academicians", "person", "engagement"),
    ("foreign_guests", "外籍嘉宾人数", "foreign guests", "person", "engagement"),
    ("firm_representatives", "企业代表人数", "firm representatives", "person", "engagement"),
    ("firms", "参与企业数", "firms", "organization", "engagement"),
    ("experts", "专家人数", "experts", "person", "engagement"),
    ("activity_themes", "活动板块数", "activity themes", "item", "engagement"),
    (
        "intl_projects_exhibited",
        "每届国际参展项目数",
        "international projects exhibited per edition",
        "item",
        "engagement",
    ),
    (
        "sei_share",
        "战略性新兴产业相关占比",
        "share related to strategic emerging industries",
        "percent",
        "engagement",
    ),
    # signing and conversion (签约与转化)
    ("results_released", "发布成果数", "results released", "item", "funnel"),
    ("deals_intention", "意向项目数", "deals at intention", "item", "funnel"),
    ("deals_signed", "签约项目数", "deals signed", "item", "funnel"),
    ("deals_converted", "转化落地项目数", "deals converted", "item", "funnel"),
    ("signing_rate", "意向签约率", "intention-to-signing rate", "percent", "funnel"),
    ("conversion_rate", "签约落地率", "signing-to-conversion rate", "percent", "funnel"),
    # deal values (交易金额)
    ("deal_value", "签约金额", "contract value", "yuan", "deal_values"),
    ("converted_value", "落地金额", "converted value", "yuan", "deal_values"),
    ("deal_value_mean", "单项平均金额", "mean value per deal", "yuan", "deal_values"),
    ("deal_value_median", "单项金额中位数", "median value per deal", "yuan", "deal_values"),
    ("top10_share", "前10%项目金额占比", "share of top 10% of deals", "percent", "deal_values"),
    # 5G applications (5G应用)
    ("fiveg_cases", "5G应用案例数", "5G application cases", "item", "fiveg"),
    ("fiveg_divisions_covered", "覆盖行业大类数", "divisions covered", "item", "fiveg"),
    ("fiveg_division_coverage", "行业大类覆盖率", "division coverage of 97", "percent", "fiveg"),
    ("fiveg_national_pilots", "国家级试点示范项目数", "national pilot projects", "item", "fiveg"),
    ("fiveg_base_stations", "5G基站数", "5G base stations", "item", "fiveg"),
    # 户 (subscriber accounts) has no unit code of its own, hence "other"
    ("fiveg_users", "5G移动用户数（户）", "5G mobile subscribers", "other", "fiveg"),
    ("fiveg_penetration", "5G用户渗透率", "5G subscriber penetration", "percent", "fiveg"),
    # budget (经费)
    ("budget_planned", "预算金额", "budget planned", "yuan", "budget"),
    ("budget_spent", "执行金额", "budget spent", "yuan", "budget"),
    ("budget_execution_rate", "预算执行率", "budget execution rate", "percent", "budget"),
    # regional impact (区域带动成效)
    ("revenue_driven", "带动相关产业主营业务收入", "industry revenue driven", "yuan", "impact"),
    ("projects_introduced", "引进重点项目数", "key projects brought in", "item", "impact"),
    ("key_technologies_listed", "关键技术目录技术数", "key technologies listed", "item", "impact"),
    ("technology_fields", "关键技术领域数", "key technology fields", "item", "impact"),
    ("flagship_programmes", "品牌应用工程数", "flagship application programmes", "item", "impact"),
    (
        "digitalisation_rate",
        "企业经营管理数字化普及率",
        "firm digitalisation rate",
        "percent",
        "impact",
    ),
    (
        "demo_firms",
        "数字化转型示范企业数",
        "digital-transformation model firms",
        "organization",
        "impact",
    ),
    ("productivity_gain", "生产效率平均提升", "mean productivity gain", "percent", "impact"),
    # organisation and platforms (组织与平台)
    ("working_groups", "协同机制工作组数", "coordination working groups", "item", "organisation"),
    ("expert_groups", "专家指导组数", "expert guidance groups", "item", "organisation"),
    (
        "innovation_consortia",
        "创新联合体数",
        "innovation consortia",
        "organization",
        "organisation",
    ),
    (
        "consortium_members",
        "创新联合体成员单位数",
        "consortium member organisations",
        "organization",
        "organisation",
    ),
    ("conversion_bases", "成果转化基地数", "conversion bases", "organization", "organisation"),
    (
        "workstations",
        "院士专家工作站数",
        "academician workstations",
        "organization",
        "organisation",
    ),
    (
        "workstation_academicians",
        "建站院士人数",
        "academicians with a workstation",
        "person",
        "organisation",
    ),
    ("talents_introduced", "引进人才数", "talents brought in", "person", "organisation"),
    ("host_units", "建站单位数", "workstation host units", "organization", "organisation"),
    ("host_firm_share", "建站企业占比", "share of host firms", "percent", "organisation"),
    # target framework (目标框架)
    (
        "target_societies",
        "遴选全国学会数",
        "national societies to select",
        "organization",
        "framework",
    ),
    ("target_firms", "面向企业数", "firms to serve", "organization", "framework"),
    ("target_workers", "组织科技工作者人数", "S&T workers to mobilise", "person", "framework"),
    ("key_tasks", "重点任务数", "key tasks", "item", "framework"),
    ("task_groups", "重点任务类别数", "groups of key tasks", "item", "framework"),
    ("platforms_planned", "拟建平台与基地数", "platforms and bases planned", "item", "framework"),
    # ---- derived indicators (analysis.indicators; docs/indicators.md) ----
    # engagement: per-event means over events with a recorded figure
    (
        "attendees_onsite_per_event",
        "场均线下参会人数",
        "on-site attendees per event",
        "person_per_event",
        "engagement",
    ),
    (
        "online_views_per_event",
        "场均线上观看人次",
        "online views per event",
        "person_time_per_event",
        "engagement",
    ),
    (
        "organizations_per_event",
        "场均参会单位数",
        "organisations per event",
        "organization_per_event",
        "engagement",
    ),
    (
        "universities_institutes_per_event",
        "场均高校院所数",
        "universities and institutes per event",
        "organization_per_event",
        "engagement",
    ),
    (
        "academicians_per_event",
        "场均院士人数",
        "academicians per event",
        "person_per_event",
        "engagement",
    ),
    (
        "foreign_guests_per_event",
        "场均外籍嘉宾人数",
        "foreign guests per event",
        "person_per_event",
        "engagement",
    ),
    (
        "firms_per_event",
        "场均参与企业数",
        "firms per event",
        "organization_per_event",
        "engagement",
    ),
    # funnel
    (
        "intention_conversion_rate",
        "意向落地率",
        "intention-to-conversion rate",
        "percent",
        "funnel",
    ),
    ("results_conversion_rate", "成果转化落地比例", "results converted share", "percent", "funnel"),
    (
        "days_to_conversion_median",
        "签约至落地天数中位数",
        "days signing to landing, median",
        "day",
        "funnel",
    ),
    (
        "days_to_conversion_q1",
        "签约至落地天数下四分位",
        "days signing to landing, Q1",
        "day",
        "funnel",
    ),
    (
        "days_to_conversion_q3",
        "签约至落地天数上四分位",
        "days signing to landing, Q3",
        "day",
        "funnel",
    ),
    # deal values
    ("deals_valued", "已填金额签约项目数", "signed deals with a value", "item", "deal_values"),
    ("deal_value_q1", "单项金额下四分位", "value per deal, Q1", "yuan", "deal_values"),
    ("deal_value_q3", "单项金额上四分位", "value per deal, Q3", "yuan", "deal_values"),
    ("converted_value_mean", "单项平均落地金额", "mean converted value", "yuan", "deal_values"),
    # 5G
    (
        "fiveg_section_coverage",
        "门类内大类覆盖率",
        "division coverage within a section",
        "percent",
        "fiveg",
    ),
    ("fiveg_national_pilot_share", "国家级试点占比", "national pilot share", "percent", "fiveg"),
    # budget and cost per output
    ("budget_phase_share", "阶段预算占比", "phase share of the budget", "percent", "budget"),
    ("cost_per_attendee", "人均成本", "cost per on-site attendee", "yuan_per_person", "budget"),
    ("cost_per_deal", "每签约项目成本", "cost per signed deal", "yuan_per_item", "budget"),
    (
        "cost_per_10k_deal_value",
        "每万元签约额成本",
        "cost per 10,000 yuan of deal value",
        "yuan_per_10k_yuan",
        "budget",
    ),
)

#: Every measure code, by code.
MEASURES: MappingProxyType = MappingProxyType({r[0]: Measure(*r) for r in _ROWS})


def measure(code: str) -> Measure:
    """Return the measure called ``code``.

    Raises:
        KeyError: naming the unknown code.

    Examples:
        >>> measure("deal_value").unit
        'yuan'
    """
    try:
        return MEASURES[code]
    except KeyError:
        raise KeyError(f"unknown measure code {code!r}; see docs/measures.md") from None
