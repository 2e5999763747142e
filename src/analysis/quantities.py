"""Parse and format Chinese report quantities such as 35.71亿元, 5万余人次, 近300人 and 十三届."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from analysis.errors import QuantityError
from analysis.numerals import (
    DIGITS,
    MULTIPLIER_RE,
    NUMERAL_RE,
    PLACE_VALUES,
    PLACES,
    Numeral,
    fail,
    read_numeral,
    short,
)

__all__ = [
    "QUALIFIERS",
    "UNITS",
    "Quantity",
    "QuantityError",
    "combine_ratio",
    "combine_sum",
    "format_quantity",
    "parse_form_quantity",
    "parse_number",
    "parse_quantity",
    "parse_range",
]

UNITS = ("yuan", "person", "person_time", "organization", "item", "event", "percent", "other")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")

#: Unit codes with the Chinese word used in messages.
UNIT_LABELS = {
    "yuan": "元",
    "person": "人",
    "person_time": "人次",
    "organization": "家（单位）",
    "item": "项/个",
    "event": "场/次",
    "percent": "%",
    "other": "其他",
}
#: Units of derived measures (durations, per-event and per-output ratios). No report
#: quantity is parsed into them, but ``indicators`` writes them in its unit column, so a
#: statistics table must accept them to be read back unchanged.
DERIVED_UNIT_LABELS = {
    "day": "天",
    "person_per_event": "人/场",
    "person_time_per_event": "人次/场",
    "organization_per_event": "家/场",
    "yuan_per_person": "元/人",
    "yuan_per_item": "元/项",
    "yuan_per_10k_yuan": "元/万元",
}
UNIT_LABELS.update(DERIVED_UNIT_LABELS)

# Unit words as they appear in reports. Matching is longest first, so 人次 wins over 人,
# 个单位 / 个百分点 over 个 and 场次 over 场. 万元 / 亿元 are a multiplier followed by 元.
UNIT_WORDS: dict[str, str] = {
    "元": "yuan",
    "人": "person",
    "名": "person",
    "位": "person",
    "人次": "person_time",
    "家": "organization",
    "所": "organization",
    "个单位": "organization",
    "个": "item",
    "项": "item",
    "件": "item",
    "份": "item",
    "篇": "item",
    "套": "item",
    "场": "event",
    "次": "event",
    "场次": "event",
    "届": "event",
    "期": "event",
    "批": "event",
    "%": "percent",
    # Known units outside the programme's own categories. 个百分点 is a difference of two
    # percentages, so it must never become "percent".
    "个百分点": "other",
    "户": "other",
    "倍": "other",
    "台": "other",
    "辆": "other",
    "座": "other",
    "亩": "other",
    "吨": "other",
    "公顷": "other",
    "公里": "other",
    "平方米": "other",
    "平方公里": "other",
}

#: Units of measurement seen on self-assessment forms (绩效自评表) and budget-system target
#: exports: word → (dimension, size in the dimension's base unit). Values read with
#: ``parse_form_quantity`` are in that base unit, so 50厘米 and 0.5米 compare equal, while
#: different dimensions (千瓦 power, 千瓦时 energy) never do. 1亩 = 10000/15 平方米 (the
#: 市制 conversion 1 公顷 = 15 亩, ≈ 666.67 m²). 1年 = 12个月 and 1天 = 24小时; 天 and 个月
#: are different dimensions because months differ in length.
#: Count words (个, 项, 次, 名 …) keep the codes of ``UNIT_WORDS``; 户, 台, 册 and similar
#: count only like the same word (see ``FORM_COUNT_WORDS``).
FORM_UNITS: dict[str, tuple[str, float]] = {
    "毫米": ("length", 0.001),
    "厘米": ("length", 0.01),
    "米": ("length", 1.0),
    "千米": ("length", 1000.0),
    "公里": ("length", 1000.0),
    "平方米": ("area", 1.0),
    "亩": ("area", 10000.0 / 15.0),
    "公顷": ("area", 10000.0),
    "平方公里": ("area", 1e6),
    "平方千米": ("area", 1e6),
    "立方米": ("volume", 1.0),
    "克": ("mass", 0.001),
    "千克": ("mass", 1.0),
    "公斤": ("mass", 1.0),
    "吨": ("mass", 1000.0),
    "瓦": ("power", 0.001),
    "千瓦": ("power", 1.0),
    "兆瓦": ("power", 1000.0),
    "千瓦时": ("energy", 1.0),
    "兆瓦时": ("energy", 1000.0),
    "分钟": ("hours", 1.0 / 60.0),
    "小时": ("hours", 1.0),
    "天": ("hours", 24.0),
    "日": ("hours", 24.0),
    "周": ("hours", 24.0 * 7),
    "个月": ("months", 1.0),
    "月": ("months", 1.0),
    "年": ("months", 12.0),
}

#: Count words of forms outside ``UNIT_WORDS``' categories: each counts only like itself.
FORM_COUNT_WORDS = (
    "册",
    "本",
    "部",
    "台",
    "套",
    "户",
    "辆",
    "座",
    "株",
    "头",
    "只",
    "棵",
    "块",
    "条",
    "处",
    "支",
    "门",
    "课时",
    "学时",
    "工作日",
    "个工作日",
    "人天",
    "人日",
    "批次",
    "家次",
    "户次",
    "件次",
    "项次",
)

# Qualifier words by position. 余/多 sit between the number (or its 万/亿) and the unit.
PREFIX_QUALIFIERS: dict[str, str] = {
    "近": "approx",
    "约": "approx",
    "大约": "approx",
    "将近": "approx",
    "大概": "approx",
    "超": "at_least",
    "超过": "at_least",
    "逾": "at_least",
    "突破": "at_least",
    "多于": "at_least",
    "不少于": "at_least",
    "至少": "at_least",
    "不到": "at_most",
    "不足": "at_most",
    "不超过": "at_most",
    "未满": "at_most",
    "少于": "at_most",
    "至多": "at_most",
}
INFIX_QUALIFIERS: dict[str, str] = {"余": "at_least", "多": "at_least"}
SUFFIX_QUALIFIERS: dict[str, str] = {
    "左右": "approx",
    "上下": "approx",
    "以上": "at_least",
    "以内": "at_most",
    "以下": "at_most",
}

#: Money units a table or figure shows amounts in: word → yuan per unit.
MONEY_UNITS = {"元": 1.0, "万元": 1e4, "亿元": 1e8}

#: Default unit word written by format_quantity (and templates) for each unit code.
DISPLAY_WORDS = {
    "yuan": "元",
    "person": "人",
    "person_time": "人次",
    "organization": "家",
    "item": "个",
    "event": "场",
    "percent": "%",
    "other": "",
}

_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
_RANGE_SEPARATOR = re.compile(r"\s*(?:——|—|―|–|‐|‑|−|-|~|〜|至|到)\s*")
_WHITESPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class Quantity:
    """A number read from report text, in base units, with its unit and qualifier.

    Attributes:
        value: Value in base units: 35.71亿元 -> 3.571e9 (yuan), 5万余人次 -> 50000.0;
            percentages as written (40.7% -> 40.7).
        unit: One of ``UNITS``, or ``None`` for a bare number such as ``20万``.
        qualifier: One of ``QUALIFIERS``.
        text: The input exactly as given.
        unit_text: The unit word as written (after NFKC normalisation): ``人次``, ``户``,
            ``个百分点``, ``%``, ``百分之``; for yuan it includes a multiplier written right
            before 元 (``亿元``, ``万元``, ``千元``). ``None`` when there is no unit.

    Examples:
        >>> Quantity(300.0, "person", "approx", "近300人", "人").value
        300.0
    """

    value: float
    unit: str | None
    qualifier: str
    text: str
    unit_text: str | None = None


@dataclass(frozen=True)
class _Parsed:
    numeral: Numeral
    value: Decimal
    unit: str | None
    unit_text: str | None
    qualifiers: tuple[str, ...]


def _normalise(text: str) -> str:
    """NFKC (full-width digits, ％, ，), join line breaks, strip outer whitespace."""
    return _LINE_BREAKS.sub("", unicodedata.normalize("NFKC", text)).strip()


def _word_re(table: dict[str, str]) -> re.Pattern[str]:
    """An alternation of the table's words, longest first (人次 before 人)."""
    return re.compile("|".join(re.escape(w) for w in sorted(table, key=len, reverse=True)))


_WORD_RES = {
    id(table): _word_re(table)
    for table in (UNIT_WORDS, PREFIX_QUALIFIERS, INFIX_QUALIFIERS, SUFFIX_QUALIFIERS)
}


# Unit words of forms: the report words plus FORM_UNITS and FORM_COUNT_WORDS ("form:" codes
# name the word itself, so 户 compares only with 户).
_FORM_WORDS: dict[str, str] = {
    **UNIT_WORDS,
    **{word: f"form:{word}" for word in FORM_COUNT_WORDS},
    **{word: dimension for word, (dimension, _size) in FORM_UNITS.items()},
}
# Units starting with 千 are read through a stand-in, so that 千 is not taken as a multiplier.
_FORM_TOKENS = {"\ue000": "千瓦时", "\ue001": "千瓦", "\ue002": "千米", "\ue003": "千克"}
_FORM_WORDS.update({token: _FORM_WORDS[word] for token, word in _FORM_TOKENS.items()})
_WORD_RES[id(_FORM_WORDS)] = _word_re(_FORM_WORDS)


def _match_word(s: str, pos: int, table: dict[str, str]) -> str | None:
    match = _WORD_RES[id(table)].match(s, pos)
    return match.group(0) if match else None


def _skip_space(s: str, pos: int) -> int:
    return _WHITESPACE.match(s, pos).end()  # type: ignore[union-attr]


def _parse(
    text: str, allow_qualifiers: bool = True, units: dict[str, str] | None = None
) -> _Parsed:
    """Tokenise qualifier? 百分之? numeral 余/多? 万/亿? unit? qualifier? and check the order."""
    if not isinstance(text, str):
        raise QuantityError(f"数量必须是文本，得到 {type(text).__name__}：{text!r}")
    s = _normalise(text)
    if not s:
        raise fail(text, "内容为空")
    qualifiers: list[str] = []
    pos = 0
    word = _match_word(s, pos, PREFIX_QUALIFIERS)
    if word:
        qualifiers.append(PREFIX_QUALIFIERS[word])
        pos = _skip_space(s, pos + len(word))
    unit = unit_text = None
    if s.startswith("百分之", pos):
        unit, unit_text = "percent", "百分之"
        pos = _skip_space(s, pos + 3)
    match = NUMERAL_RE.match(s, pos)
    if not match:
        raise fail(text, f"在“{short(s[pos:] or s)}”处找不到数字")
    numeral = read_numeral(match, text)
    value = numeral.value
    multiplier_text = numeral.multiplier_text
    pos = _skip_space(s, match.end())
    word = _match_word(s, pos, INFIX_QUALIFIERS)
    if word:
        qualifiers.append(INFIX_QUALIFIERS[word])
        pos = _skip_space(s, pos + len(word))
        late = MULTIPLIER_RE.match(s, pos)
        if late:
            # 50余万元, 一万多亿元: the multiplier follows 余/多 and must be larger than any
            # 万/亿 already in the numeral (5万余万 is malformed).
            late_word = "".join(PLACES[c] for c in late.group(0))
            if late_word not in ("万", "亿", "万亿") or numeral.big_exponent >= (
                4 if late_word.startswith("万") else 8
            ):
                reason = f"“{late.group(0)}”与数字“{short(numeral.raw)}”的倍数重复或顺序不对"
                raise fail(text, reason)
            for c in late_word:
                value *= PLACE_VALUES[c]
            multiplier_text = late.group(0)
            pos = _skip_space(s, late.end())
    if unit is None:
        table = UNIT_WORDS if units is None else units
        word = _match_word(s, pos, table)
        if word:
            unit, unit_text = table[word], word
            if unit == "yuan":
                adjacent = s[pos - len(multiplier_text) : pos] == multiplier_text
                unit_text = (multiplier_text if adjacent else "") + word
            pos = _skip_space(s, pos + len(word))
    if unit == "percent" and multiplier_text:
        raise fail(text, "百分数不能带万、亿")
    word = _match_word(s, pos, SUFFIX_QUALIFIERS)
    if word:
        qualifiers.append(SUFFIX_QUALIFIERS[word])
        pos = _skip_space(s, pos + len(word))
    if pos != len(s):
        raise fail(text, f"无法识别“{short(s[pos:])}”")
    if len(set(qualifiers)) > 1:
        raise fail(text, "限定词相互矛盾")
    if qualifiers and not allow_qualifiers:
        raise fail(text, "范围的端点不能带限定词")
    if not math.isfinite(float(value)):
        raise fail(text, "数值过大")
    return _Parsed(numeral, value, unit, unit_text, tuple(qualifiers))


def parse_quantity(text: str) -> Quantity:
    """Read one quantity: qualifier, numeral, multiplier, unit, in report order.

    Accepts Arabic, Chinese and financial numerals (see ``parse_number``), 万/亿 multipliers,
    the unit words in ``UNIT_WORDS`` (longest first) and qualifiers before the number (近, 约,
    超, 不到 …), between number and unit (余, 多) or after the unit (左右, 以上, 以内 …).
    Whitespace is allowed only between those parts; line breaks are removed anywhere.

    Args:
        text: The text of one quantity, e.g. a ledger cell.

    Returns:
        The quantity, value in base units (元, 人, 个 …); percentages as written.

    Raises:
        QuantityError: Empty text, leftover characters, malformed or ambiguous numerals,
            or conflicting qualifiers. The message names the text.

    Examples:
        >>> q = parse_quantity("35.71亿元")
        >>> q.value, q.unit, q.qualifier, q.unit_text
        (3571000000.0, 'yuan', 'exact', '亿元')
        >>> q = parse_quantity("5万余人次")
        >>> q.value, q.unit, q.qualifier
        (50000.0, 'person_time', 'at_least')
        >>> parse_quantity("近300人").qualifier
        'approx'
        >>> parse_quantity("20万").unit is None
        True
        >>> parse_quantity("3个百分点").unit
        'other'
        >>> parse_quantity("三个方面")
        Traceback (most recent call last):
        ...
        analysis.errors.QuantityError: 无法识别的数量“三个方面”：无法识别“方面”
    """
    parsed = _parse(text)
    qualifier = parsed.qualifiers[0] if parsed.qualifiers else "exact"
    return Quantity(float(parsed.value), parsed.unit, qualifier, text, parsed.unit_text)


_PERCENT_WORD = re.compile(r"(?<=[\d.])\s*(?:百分比|百分率|百分数)$")


def parse_form_quantity(text: str) -> Quantity:
    """Read a quantity of a self-assessment form: ``parse_quantity`` plus form units.

    Besides the report units it reads lengths, areas, masses, power, energy and durations
    (``FORM_UNITS``), giving the value in the dimension's base unit and the dimension as the
    unit code (``length``, ``area`` …), and count words such as 台, 册, 户 (``FORM_COUNT_WORDS``)
    as ``form:<word>``. 户, 台 and 亩, 吨, 公顷 … (``other`` in ``parse_quantity``) get their
    form codes here. The word as written stays in ``unit_text``.

    Raises:
        QuantityError: as ``parse_quantity``.

    Examples:
        >>> q = parse_form_quantity("≥50厘米".removeprefix("≥")); q.value, q.unit, q.unit_text
        (0.5, 'length', '厘米')
        >>> parse_form_quantity("15亩").value
        10000.0
        >>> parse_form_quantity("3台").unit, parse_form_quantity("5万元").value
        ('form:台', 50000.0)
        >>> parse_form_quantity("2千瓦时").unit == parse_form_quantity("2千瓦").unit
        False
        >>> q = parse_form_quantity("100百分比"); q.value, q.unit
        (100.0, 'percent')
    """
    read = text
    if isinstance(text, str):
        # Budget systems write the unit 百分比 after the number ("≥100百分比", published 2022
        # Anhui county forms): it is %, and its 百 must not multiply the number.
        read = _PERCENT_WORD.sub("%", read)
        # 千 of 千瓦时 / 千米 / 千克 is part of the unit, not a multiplier of the number.
        for token, word in _FORM_TOKENS.items():
            read = read.replace(word, token)
    parsed = _parse(read, units=_FORM_WORDS)
    qualifier = parsed.qualifiers[0] if parsed.qualifiers else "exact"
    value, word = parsed.value, _FORM_TOKENS.get(parsed.unit_text, parsed.unit_text)
    if word in FORM_UNITS:
        size = Fraction(FORM_UNITS[word][1]).limit_denominator(1000)
        value = value * size.numerator / size.denominator
    return Quantity(float(value), parsed.unit, qualifier, text, word)


def parse_number(text: str) -> float:
    """Read a numeral alone, with an optional 万/亿 multiplier but no unit or qualifier.

    Arabic numerals may use ``,`` thousands separators and full-width forms (NFKC). Chinese
    numerals (一…九, 两, 零, 〇, 十, 百, 千, 万, 亿, 点) and financial numerals (壹贰叁…拾佰仟,
    萬, 億) must be spelled canonically: 一百零一, not 一百一 (colloquially 110); 十十 and 万十
    are rejected. Digit strings such as 二〇二三 are read positionally.

    Args:
        text: The numeral.

    Returns:
        Its value as a float.

    Raises:
        QuantityError: Anything else (empty, units, qualifiers, malformed numerals).

    Examples:
        >>> parse_number("１，２３４")
        1234.0
        >>> parse_number("一千零一万零一")
        10010001.0
        >>> parse_number("零点零一")
        0.01
        >>> parse_number("壹佰")
        100.0
        >>> parse_number("1953.1万")
        19531000.0
        >>> parse_number("十十")
        Traceback (most recent call last):
        ...
        analysis.errors.QuantityError: 无法识别的数量“十十”：中文数字“十十”写法不规范或有歧义
    """
    parsed = _parse(text, allow_qualifiers=False)
    if parsed.unit is not None or parsed.value != parsed.numeral.value:
        raise fail(text, "只应包含数字（不含单位）")
    return float(parsed.value)


def _borrowed_multiplier(low: Numeral, high: Numeral) -> Decimal:
    """The multiplier a bare lower bound shares with the upper bound (2—3万元 -> 万)."""
    if low.multiplier_text or low.big_exponent:
        return Decimal(1)
    head, places = high.raw[:1], high.raw[1:]
    single_digit = len(low.raw) == 1 and (low.raw in DIGITS or low.raw.isdigit())
    digit_then_places = head in DIGITS and places and all(c in PLACES for c in places)
    if not high.arabic and single_digit and digit_then_places:
        # 二至三十万 -> 二十万 to 三十万: the lower digit takes all of the upper's places.
        return high.value / DIGITS[head]
    factor = Decimal(1)
    for c in high.multiplier_text:
        factor *= PLACE_VALUES[PLACES[c]]
    return factor


def parse_range(text: str) -> tuple[Quantity, Quantity]:
    """Read a range such as ``2—3万元`` as a lower (at_least) and upper (at_most) bound.

    The separator is one of —, ——, –, -, ~, 〜, 至, 到. A lower bound written without its own
    multiplier or unit shares the upper bound's: ``2—3万元`` is 2万元 to 3万元, ``10~20人`` is 10
    to 20 persons, ``二至三十万`` is 二十万 to 三十万. Both bounds keep the whole text as
    ``text``. Qualifiers inside a range are rejected.

    Args:
        text: The range text.

    Returns:
        ``(lower, upper)`` with qualifiers ``at_least`` and ``at_most``.

    Raises:
        QuantityError: No or several separators, a malformed bound, different units, or a
            lower bound above the upper bound.

    Examples:
        >>> low, high = parse_range("2—3万元")
        >>> low.value, high.value, high.unit, high.unit_text
        (20000.0, 30000.0, 'yuan', '万元')
        >>> low.qualifier, high.qualifier
        ('at_least', 'at_most')
        >>> [q.value for q in parse_range("10~20人")]
        [10.0, 20.0]
    """
    if not isinstance(text, str):
        raise QuantityError(f"范围必须是文本，得到 {type(text).__name__}：{text!r}")
    s = _normalise(text)
    parts = _RANGE_SEPARATOR.split(s)
    if len(parts) != 2:
        raise fail(text, "范围应恰好包含一个分隔符（—、-、~、至、到）")
    try:
        low, high = (_parse(part, allow_qualifiers=False) for part in parts)
    except QuantityError as error:
        raise fail(text, f"范围的端点有误（{error}）") from None
    if low.unit is not None and low.unit != high.unit:
        raise fail(text, "范围两端的单位不一致")
    low_value = low.value
    if low.unit is None:
        low_value *= _borrowed_multiplier(low.numeral, high.numeral)
    if low_value > high.value:
        raise fail(text, "范围下限大于上限")
    return (
        Quantity(float(low_value), high.unit, "at_least", text, high.unit_text),
        Quantity(float(high.value), high.unit, "at_most", text, high.unit_text),
    )


def _check_qualifier(qualifier: str) -> str:
    if qualifier not in QUALIFIERS:
        raise QuantityError(f"未知的限定词“{qualifier}”，应为 {', '.join(QUALIFIERS)} 之一")
    return qualifier


def combine_sum(qualifiers: Iterable[str]) -> str:
    """The qualifier of a sum of terms with the given qualifiers.

    Rules: all exact (or no terms) -> exact; any approx -> approx; at_least and at_most
    mixed -> approx (the error can go either way); otherwise the bound shared by the
    non-exact terms (exact + at_least -> at_least, exact + at_most -> at_most).

    Args:
        qualifiers: One qualifier per term.

    Returns:
        One of ``QUALIFIERS``.

    Raises:
        QuantityError: An unknown qualifier.

    Examples:
        >>> combine_sum(["exact", "at_least", "at_least"])
        'at_least'
        >>> combine_sum(["at_least", "at_most"])
        'approx'
        >>> combine_sum([])
        'exact'
    """
    seen = {_check_qualifier(q) for q in qualifiers} - {"exact"}
    if not seen:
        return "exact"
    if len(seen) == 1:
        return seen.pop()
    return "approx"


def combine_ratio(numerator: str, denominator: str) -> str:
    """The qualifier of ``numerator / denominator`` (positive values).

    A larger numerator or a smaller denominator makes the ratio larger, so: numerator
    at_least with denominator exact or at_most -> at_least; numerator at_most with
    denominator exact or at_least -> at_most; numerator exact with denominator at_least ->
    at_most; numerator exact with denominator at_most -> at_least; exact / exact -> exact;
    any approx, or bounds pulling the same way on both sides (at_least / at_least,
    at_most / at_most) -> approx.

    Args:
        numerator: Qualifier of the numerator.
        denominator: Qualifier of the denominator.

    Returns:
        One of ``QUALIFIERS``.

    Raises:
        QuantityError: An unknown qualifier.

    Examples:
        >>> combine_ratio("at_least", "exact")
        'at_least'
        >>> combine_ratio("exact", "at_least")
        'at_most'
        >>> combine_ratio("at_least", "at_least")
        'approx'
    """
    _check_qualifier(numerator)
    _check_qualifier(denominator)
    # A lower-bounded denominator bounds the ratio from above, so the denominator's bound
    # flips; the two bounds then combine exactly like the terms of a sum.
    flip = {"exact": "exact", "approx": "approx", "at_least": "at_most", "at_most": "at_least"}
    return combine_sum([numerator, flip[denominator]])


def _trim(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def format_quantity(
    value: float, unit: str | None, qualifier: str = "exact", unit_text: str | None = None
) -> str:
    """Display a quantity the way Chinese reports write it.

    Values of at least 1e8 are shown in 亿, of at least 1e4 in 万 (percent never), with at
    most two decimals and trailing zeros trimmed. approx is written 近…, at_most 不到…,
    at_least as …余 (whole numbers of ten or more, 5万余, 300余) or otherwise 超….

    Args:
        value: Value in base units (percent as written).
        unit: One of ``UNITS`` or ``None``.
        qualifier: One of ``QUALIFIERS``.
        unit_text: Unit word to write instead of the default (人, 人次, 家, 个, 场, %); needed
            for ``other`` (户, 倍 …). Not allowed for yuan, percent or a bare number.

    Returns:
        The display text; ``parse_quantity`` reads it back (to the displayed precision).
        Negative values (e.g. a fall of 3个百分点) get a minus sign, which reports use but
        ``parse_quantity`` does not read.

    Raises:
        QuantityError: Unknown unit or qualifier, a non-finite value or a misplaced unit_text.

    Examples:
        >>> format_quantity(3.571e9, "yuan")
        '35.71亿元'
        >>> format_quantity(50000, "person_time", "at_least")
        '5万余人次'
        >>> format_quantity(300, "person", "approx")
        '近300人'
        >>> format_quantity(40.7, "percent")
        '40.7%'
        >>> format_quantity(2e5, "yuan")
        '20万元'
        >>> format_quantity(19531000, "other", unit_text="户")
        '1953.1万户'
    """
    _check_qualifier(qualifier)
    if unit is not None and unit not in UNITS:
        raise QuantityError(f"未知的单位“{unit}”，应为 {', '.join(UNITS)} 之一")
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise QuantityError(f"无法显示数值 {value!r}") from None
    if not math.isfinite(value):
        raise QuantityError(f"无法显示数值 {value!r}")
    if unit_text is not None and unit in (None, "yuan", "percent"):
        raise QuantityError(f"单位 {unit} 不能指定单位文字“{unit_text}”")
    word = unit_text if unit_text is not None else ("" if unit is None else DISPLAY_WORDS[unit])
    scale, big = 1.0, ""
    if unit != "percent":
        for size, name in ((1e8, "亿"), (1e4, "万")):
            if abs(value) >= size:
                scale, big = size, name
                break
        # 99999999 would round to 10000万: move up to the next multiplier instead.
        if big == "万" and abs(float(_trim(value / 1e4))) >= 1e4:
            scale, big = 1e8, "亿"
    number = _trim(value / scale)
    if number == "-0":
        number = "0"
    if qualifier == "approx":
        return f"近{number}{big}{word}"
    if qualifier == "at_most":
        return f"不到{number}{big}{word}"
    if qualifier == "at_least":
        whole = "." not in number and unit != "percent" and (big or abs(value) >= 10)
        return f"{number}{big}余{word}" if whole else f"超{number}{big}{word}"
    return f"{number}{big}{word}"
