"""Bilingual (Chinese / English) labels for codes that appear on figures."""

from __future__ import annotations

from types import MappingProxyType

from analysis.measures import MEASURES
from analysis.schema import CONVERSION_MODES, EVENT_TYPES, QUALIFIERS, SIGNING_STAGES

#: Languages a figure can be labelled in; Chinese is the default.
LANGUAGES = ("zh", "en")

# English labels for the schema's category codes (the schema holds only the Chinese ones).
_EVENT_TYPES_EN = {
    "conference": "conference",
    "exposition": "exposition",
    "matchmaking": "matchmaking meeting",
    "roadshow": "roadshow",
    "field_trip": "field trip",
    "symposium": "symposium",
    "training": "training",
    "other": "other",
}
_CONVERSION_MODES_EN = {
    "self_implementation": "own implementation",
    "transfer": "transfer",
    "licence": "licence",
    "joint_implementation": "joint implementation",
    "equity": "equity investment",
    "other": "other",
}
_SIGNING_STAGES_EN = {
    "intention": "intention",
    "signed": "signed",
    "landed": "landed",
    "terminated": "terminated",
}
_QUALIFIERS_EN = {
    "exact": "exact",
    "approx": "approximate",
    "at_least": "at least",
    "at_most": "at most",
}

#: Words used on axes, legends and source lines that are not codes of the schema.
_WORDS = {
    "amount": ("金额", "Amount"),
    "count": ("数量", "Count"),
    "year": ("年份", "Year"),
    "month": ("月份", "Month"),
    "period": ("期间", "Period"),
    "date": ("日期", "Date"),
    "stage": ("阶段", "Stage"),
    "item": ("项目", "Item"),
    "programme": ("项目名称", "Programme"),
    "section": ("行业门类", "Industry section"),
    "division": ("行业大类", "Industry division"),
    "division_count": ("行业大类数", "Divisions"),
    "event_type": ("活动类型", "Event type"),
    "conversion_mode": ("转化方式", "Conversion mode"),
    "mode": ("转化方式", "Conversion mode"),
    "contract_type": ("合同类型", "Contract type"),
    "phase": ("阶段", "Phase"),
    "covered": ("已覆盖大类", "Divisions covered"),
    "not_covered": ("未覆盖大类", "Divisions not covered"),
    "planned": ("预算", "Planned"),
    "spent": ("执行", "Spent"),
    "execution_rate": ("执行率", "Execution rate"),
    "share_of_previous": ("占上一阶段", "of previous stage"),
    "source": ("数据来源：", "Source: "),
    "total": ("合计", "Total"),
    "converted": ("转化落地", "converted"),
    "total_score": ("总分", "Total score"),
    "draws": ("抽样次数", "Draws"),
    "score_on_form": ("表上总分", "Score on the form"),
}


def _build() -> MappingProxyType:
    table: dict[str, tuple[str, str]] = {}
    for code, zh in EVENT_TYPES.items():
        table[code] = (zh, _EVENT_TYPES_EN[code])
    for code, zh in CONVERSION_MODES.items():
        table[code] = (zh, _CONVERSION_MODES_EN[code])
    for code, zh in SIGNING_STAGES.items():
        table[code] = (zh, _SIGNING_STAGES_EN[code])
    for code, zh in QUALIFIERS.items():
        table[code] = (zh, _QUALIFIERS_EN[code])
    table.update(_WORDS)
    # Measures last: their labels are the most specific and must not be shadowed.
    for code, m in MEASURES.items():
        table[code] = (m.zh, m.en)
    return MappingProxyType(table)


#: Every known code → ``(Chinese label, English label)``.
LABELS = _build()


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise ``ValueError``.

    Examples:
        >>> check_lang("en")
        'en'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGUAGES}")
    return lang


def label(key: object, lang: str = "zh", strict: bool = True) -> str:
    """Label of a measure code, schema category code or axis word in ``lang``.

    Args:
        key: A code such as ``"deals_signed"``, ``"matchmaking"`` or ``"amount"``.
        lang: ``"zh"`` (default) or ``"en"``.
        strict: Raise ``KeyError`` for an unknown key (``True``) or return it as text.

    Examples:
        >>> label("deals_signed"), label("deals_signed", "en")
        ('签约项目数', 'deals signed')
        >>> label("matchmaking"), label("equity", "en")
        ('对接会', 'equity investment')
        >>> label("第一阶段", strict=False)
        '第一阶段'
    """
    check_lang(lang)
    pair = LABELS.get(key) if isinstance(key, str) else None
    if pair is None:
        if strict:
            raise KeyError(f"no label for {key!r}; add it to analysis.figures.labels")
        return str(key)
    return pair[0] if lang == "zh" else pair[1]
