"""Word lists that decide what in a report is a statistic (see docs/extraction.md)."""

from __future__ import annotations

import re

#: Full-width characters mapped to their ASCII forms, one character for one, so that offsets
#: into the mapped text are offsets into the original.
FULLWIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "％": "%",
        "＋": "+",
        "－": "-",
        "～": "~",
        "＞": ">",
        "＜": "<",
        "≧": "≥",
        "≦": "≤",
        "\u3000": " ",
        "\u00a0": " ",
    }
)

#: Chinese numeral characters (digits and multipliers).
CN_DIGITS = "零〇一二两三四五六七八九"
CN_MULTIPLIERS = "十百千万亿"
CN_NUMERAL = CN_DIGITS + CN_MULTIPLIERS

#: Qualifiers written before a number, longest first, with their code.
QUALIFIERS_BEFORE = {
    "不少于": "at_least",
    "不低于": "at_least",
    "不超过": "at_most",
    "不多于": "at_most",
    "不高于": "at_most",
    "超过了": "at_least",
    "将近": "approx",
    "接近": "approx",
    "大约": "approx",
    "约为": "approx",
    "超过": "at_least",
    "突破": "at_least",
    "多于": "at_least",
    "高于": "at_least",
    "至少": "at_least",
    "不足": "at_most",
    "不到": "at_most",
    "少于": "at_most",
    "低于": "at_most",
    "最多": "at_most",
    "约": "approx",
    "近": "approx",
    "超": "at_least",
    "逾": "at_least",
    "大于": "at_least",
    "小于": "at_most",
    # targets in a self-assessment form: ≥300人, ≤20万元
    "≥": "at_least",
    "≤": "at_most",
    ">": "at_least",
    "<": "at_most",
}

#: Qualifiers written after the unit.
QUALIFIERS_AFTER = {
    "左右": "approx",
    "上下": "approx",
    "以上": "at_least",
    "以下": "at_most",
    "以内": "at_most",
}

#: Characters that, written just before a one-character qualifier, make a word of it
#: (签约, 最近, 赶超): the qualifier is then part of that word and qualifies nothing.
QUALIFIER_WORD_LEFT = {
    "约": "签预合契节制公条履违特邀相婉隐守践",
    "近": "最附邻临就亲靠贴逼",
    "超": "赶高",
    "逾": "",
}

#: Words that begin with 成 (成员, 成果): after a number, 成 is then not "tenths" (三成 = 30%).
CHENG_WORDS = "员为立果功交就本熟长效绩都型形品套才人年批片群"

#: Separators between the two bounds of a range (2—3万元, 5至8家).
RANGE_SEPARATORS = "-—–~至到"

#: Words after a classifier that turn a count into a length of time (6个多月, 3个工作日).
TIME_AFTER_CLASSIFIER = ("月", "小时", "钟头", "星期", "礼拜", "工作日", "季度", "年头", "学期")

#: Nouns after a count that make it rhetorical (三个方面, 两个突破) rather than a statistic.
RHETORICAL_NOUNS = (
    "方面",
    "突破",
    "重点",
    "原则",
    "特点",
    "环节",
    "层面",
    "维度",
    "阶段",
    "步骤",
    "方向",
    "关系",
    "意识",
    "自信",
    "必须",
    "坚持",
    "转变",
    "统一",
    "结合",
    "面向",
    "全面",
    "着力",
    "到位",
    "优先",
    "导向",
    "思路",
    "理念",
    "服务",
    "维护",
    "作用",
    "代表",
    "有利于",
    "确保",
    "不变",
)

#: What follows 届/次 in the name of a session (十九届二中全会, 十三届全国人大): an ordinal.
SESSION_AFTER = re.compile(
    r"[一二三四五六七八九十]中|全会|全国|人大|政协|中央|代表大会|委员会|理事会|会员代表|常委"
)

#: Words before 前 that make it "now" or "before" rather than "the first N" (目前, 此前).
NOT_ORDINAL_QIAN = ("目", "此", "之", "以", "提", "当", "日", "年", "月", "眼", "空", "面", "跟")

#: Words right after a count of a bare 百/千/万 that make it a programme's name (千人计划).
NAME_AFTER = ("计划", "工程", "行动", "战略", "人才计划")

#: Idioms that contain a numeral and a unit character.
IDIOMS = (
    "百家争鸣",
    "千家万户",
    "千方百计",
    "万家灯火",
    "一五一十",
    "三番五次",
    "三位一体",
    "五花八门",
    "千篇一律",
    "成千上万",
    "成百上千",
    "数以万计",
    "数以千计",
    "一举两得",
    "万里挑一",
    "千人一面",
    "九牛一毛",
)

#: Words for a vague amount just before a numeral (数十个, 几百人, 若干项): no value.
VAGUE_BEFORE = ("数", "几", "若干", "上")

#: Words in the sentence that make a bare 万/亿 amount money.
MONEY_CONTEXT = (
    "经费",
    "预算",
    "资金",
    "金额",
    "投入",
    "投资",
    "收入",
    "营收",
    "产值",
    "销售额",
    "成交额",
    "交易额",
    "费用",
    "拨款",
    "补助",
    "奖励",
    "融资",
    "支出",
    "成本",
    "造价",
    "税收",
    "利润",
    "合同额",
)

#: Words in the clause that make a bare 万 amount a count of people or person-times.
PEOPLE_CONTEXT = {"人次": "person_time", "人数": "person"}

#: Characters that end a sentence (the ``sentence`` column) or a clause (for ``what``).
SENTENCE_END = "。！？!?\n"
CLAUSE_END = "。！？!?\n，,；;：:、（）()《》"

#: Verbs whose object is what a number counts, longest first.
VERBS = tuple(
    sorted(
        {
            "举办",
            "举行",
            "召开",
            "组织",
            "开展",
            "签约",
            "签订",
            "签署",
            "促成",
            "发布",
            "引进",
            "引入",
            "邀请",
            "吸引",
            "建成",
            "建设",
            "建立",
            "组建",
            "成立",
            "设立",
            "梳理",
            "培育",
            "培养",
            "打造",
            "覆盖",
            "入选",
            "参加",
            "参与",
            "涉及",
            "获得",
            "完成",
            "实现",
            "带动",
            "服务",
            "对接",
            "转化",
            "落地",
            "征集",
            "达成",
            "投入",
            "支持",
            "资助",
            "推广",
            "认定",
            "授权",
            "申请",
            "孵化",
            "走访",
            "调研",
            "考察",
            "接待",
            "观看",
            "遴选",
            "面向",
            "包括",
            "提升",
            "增至",
            "发放",
            "培训",
            "新增",
            "累计",
            "共有",
            "拥有",
            "吸纳",
            "聘请",
            "聚集",
            "集聚",
        },
        key=len,
        reverse=True,
    )
)

#: Words that end the noun after a number (the counted noun stops before them).
NOUN_STOPS = (
    "参加",
    "参会",
    "参与",
    "入选",
    "加入",
    "活跃",
    "建有",
    "主持",
    "落户",
    "进行",
    "踊跃",
    "提升",
    "增长",
    "密切",
    "及其",
    "我们",
    "我",
    "并",
    "将",
    "已",
    "均",
    "都",
    "也",
    "还",
    "近",
    "与",
    "在",
    "中的",
    "的",
    "等",
    "到",
    "为",
    "是",
    "被",
)

#: Copulas and adverbs between a noun and its number (人数达到5万, 共有252位).
LINKS = (
    "提升至",
    "提升到",
    "提高至",
    "提高到",
    "增加到",
    "增加至",
    "下降至",
    "下降到",
    "增至",
    "降至",
    "达到",
    "提升",
    "提高",
    "增长",
    "下降",
    "平均",
    "共有",
    "共计",
    "累计",
    "合计",
    "分别",
    "达",
    "为",
    "共",
    "计",
    "有",
    "已",
    "超",
    "约",
)

#: Measure codes: (unit code, words of which one must be in ``what`` or the clause, code).
#: The first rule that fits wins, so the more specific come first.
MEASURE_RULES = (
    # Specific phrases first: the first rule whose unit and word match wins.
    ("item", ("专家指导组", "指导组"), "expert_groups"),
    ("item", ("基站",), "fiveg_base_stations"),
    ("item", ("重点项目",), "projects_introduced"),
    ("other", ("5G用户", "5G移动用户", "移动用户"), "fiveg_users"),
    ("percent", ("渗透率",), "fiveg_penetration"),
    ("percent", ("数字化普及率",), "digitalisation_rate"),
    ("percent", ("生产效率",), "productivity_gain"),
    ("yuan", ("主营业务收入", "营业收入"), "revenue_driven"),
    ("organization", ("成员单位",), "consortium_members"),
    ("organization", ("创新联合体", "联合体"), "innovation_consortia"),
    ("organization", ("示范企业",), "demo_firms"),
    ("organization", ("转化基地",), "conversion_bases"),
    ("organization", ("工作站",), "workstations"),
    ("person", ("人才",), "talents_introduced"),
    ("person", ("专家",), "experts"),
    ("person_time", ("观看", "线上", "直播", "浏览", "点击"), "online_views"),
    ("person", ("外籍",), "foreign_guests"),
    ("person", ("院士",), "academicians"),
    ("person", ("企业代表",), "firm_representatives"),
    ("person", ("嘉宾",), "guests"),
    ("person", ("线下", "参会", "参加", "出席", "到场", "现场"), "attendees_onsite"),
    ("organization", ("高校院所",), "universities_institutes"),
    ("organization", ("高校", "大学", "院校"), "universities"),
    ("organization", ("研究院所", "研究所", "科研院所", "研究院"), "research_institutes"),
    ("organization", ("企业",), "firms"),
    ("organization", ("单位", "机构"), "organizations"),
    ("event", ("届",), "editions_held"),
    ("event", ("座谈",), "symposia"),
    ("event", ("考察", "调研"), "field_trips"),
    ("event", ("重点", "专题"), "key_events_held"),
    ("event", ("活动", "会", "路演", "论坛", "培训", "沙龙"), "events_held"),
    ("item", ("5G+", "应用案例"), "fiveg_cases"),
    ("item", ("国家级试点", "国家级示范"), "fiveg_national_pilots"),
    ("item", ("签约",), "deals_signed"),
    ("item", ("意向",), "deals_intention"),
    ("item", ("转化", "落地", "交易"), "deals_converted"),
    ("item", ("发布",), "results_released"),
    ("yuan", ("预算", "经费"), "budget_planned"),
    ("yuan", ("执行", "支出"), "budget_spent"),
    ("yuan", ("落地", "转化"), "converted_value"),
    ("yuan", ("签约", "合同", "成交", "交易", "涉及金额"), "deal_value"),
    ("percent", ("执行率",), "budget_execution_rate"),
    ("percent", ("签约率",), "signing_rate"),
    ("percent", ("落地率", "转化率"), "conversion_rate"),
    ("percent", ("大类覆盖率", "行业覆盖率"), "fiveg_division_coverage"),
)

#: Words of a table header that make its bare numbers money (预算数, 执行数, 支出).
MONEY_HEADER_WORDS = ("预算", "执行数", "支出", "金额", "资金", "经费", "费用", "决算", "拨付")

#: Words of a table header that make its bare numbers a rate in percent (执行率, 支出进度).
RATE_HEADER_WORDS = ("率", "进度", "占比", "比重", "比例", "增幅", "百分比")

#: Table headers of columns whose numbers are not statistics: row numbers, years, dates,
#: phone numbers and codes.
SKIP_COLUMNS = (
    r"序号|编号|代码|编码|年度$|^年份|年份$|日期|时间|电话|手机|联系方式|邮编|邮箱|身份证|账号|文号"
)

#: Headers and labels that mark a table row as the total (its breakdown is left empty).
TOTAL_LABELS = ("合计", "总计", "总额", "全部", "总体")

#: Headers of the column that names a table's rows, most specific first (三级指标 in a 自评表).
LABEL_HEADERS = ("三级指标", "指标名称", "绩效指标", "支出科目", "科目", "项目名称", "名称")

#: Headers of columns that hold targets (年度指标值): their numbers are plans, not results.
TARGET_HEADERS = ("指标值", "目标", "计划", "预期")

#: Classifiers the quantity rules do not know that count items in reports (460余条需求,
#: 15支队伍, 3部标准): read as 个 with this unit code.
EXTRA_CLASSIFIERS = {
    "条": "item",
    "支": "item",
    "部": "item",
    "本": "item",
    "册": "item",
    "款": "item",
}

#: Nouns after N大 that make 大 count events (12大主题活动); other N大 (三大平台) are rhetoric.
DA_EVENT_NOUNS = ("活动", "论坛", "赛事", "会议", "展会", "峰会", "行动")

#: Units with which 一 right after a verb of doing is a count (成立一家联盟, 举办一场论坛).
ONE_COUNT_UNITS = ("家", "所", "场", "届", "次", "期", "名", "位")

#: Words that make a row of labels inside a table a header for the rows below it.
HEADER_WORDS = ("指标", "预算", "执行", "分值", "得分", "完成", "金额", "科目", "目标", "单位")

#: Header endings that name what a column's bare numbers count, with the unit word they
#: are read with (参与人次 → 人次, 场次 → 场, 企业数 → 家).
HEADER_COUNT_UNITS = (
    ("人次", "人次"),
    ("人数", "人"),
    ("场次", "场"),
    ("次数", "次"),
    ("届数", "届"),
    ("家数", "家"),
    ("企业数", "家"),
    ("机构数", "家"),
    ("单位数", "家"),
    ("项目数", "项"),
    ("成果数", "项"),
    ("项数", "项"),
    ("件数", "件"),
    ("个数", "个"),
)
