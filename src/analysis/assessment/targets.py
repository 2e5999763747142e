"""Read target texts (年度指标值) and actual texts (实际完成值) into comparable values."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from analysis.errors import UserError
from analysis.quantities import (
    FORM_UNITS,
    UNIT_WORDS,
    Quantity,
    QuantityError,
    parse_form_quantity,
    parse_range,
)

Direction = Literal["ge", "le", "eq", "qualitative"]
DIRECTIONS = ("ge", "le", "eq", "qualitative")
#: What the 方向 column may hold besides the codes themselves.
DIRECTION_ALIASES = {
    "≥": "ge",
    ">=": "ge",
    "＞＝": "ge",
    "≧": "ge",
    ">": "ge",
    "＞": "ge",
    "大于等于": "ge",
    "不低于": "ge",
    "不少于": "ge",
    "大于": "ge",
    "正向": "ge",
    "正向指标": "ge",
    "≤": "le",
    "<=": "le",
    "＜＝": "le",
    "≦": "le",
    "<": "le",
    "＜": "le",
    "小于等于": "le",
    "不高于": "le",
    "不超过": "le",
    "小于": "le",
    "反向": "le",
    "反向指标": "le",
    "=": "eq",
    "＝": "eq",
    "等于": "eq",
    "定性": "qualitative",
    "定性指标": "qualitative",
}

# Direction words before the number; longest first so "大于等于" wins over "大于".
_PREFIXES: tuple[tuple[str, Direction], ...] = (
    ("大于等于", "ge"),
    ("小于等于", "le"),
    ("不少于", "ge"),
    ("不低于", "ge"),
    ("不小于", "ge"),
    ("至少", "ge"),
    ("达到", "ge"),
    ("不超过", "le"),
    ("不高于", "le"),
    ("不大于", "le"),
    ("控制在", "le"),
    ("等于", "eq"),
    (">=", "ge"),
    ("≥", "ge"),
    ("＞＝", "ge"),
    ("≧", "ge"),
    ("<=", "le"),
    ("≤", "le"),
    ("＜＝", "le"),
    ("≦", "le"),
    ("=", "eq"),
    ("＝", "eq"),
    (">", "ge"),
    ("＞", "ge"),
    ("<", "le"),
    ("＜", "le"),
)
_SUFFIXES: tuple[tuple[str, Direction], ...] = (("以内", "le"), ("以下", "le"))

_DEADLINE = re.compile(
    r"^(?:(?P<year>\d{4})\s*年)?\s*(?:(?P<month>\d{1,2})\s*月(?:份)?)?"
    r"\s*(?:(?P<day>\d{1,2})\s*[日号]|(?P<part>上旬|中旬|下旬))?"
    r"\s*(?P<end>底|末)?\s*(?P<before>前|之前|以前|内)?\s*(?:完成)?$"
)
# Last day of each ten-day part of a month (下旬 ends with the month).
_PARTS = {"上旬": "10", "中旬": "20"}
_ISO_DATE = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})(?:[-/.](?P<day>\d{1,2}))?$")
_HAS_NUMBER = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class Target:
    """A parsed target (年度指标值).

    Attributes:
        direction: ``ge`` (higher is better), ``le`` (lower is better),
            ``eq`` (exactly) or ``qualitative``.
        value: Target value in base units (``None`` for deadlines and qualitative targets).
        unit: Unit code of ``value`` (``None`` for a bare number).
        deadline: ``(year or None, month, day)`` of the last day allowed, for deadline targets.
        qualitative: Whether the target is a qualitative statement.
        text: The target as written.
        unit_text: The unit word as written (``万元``, ``米``, ``人次``), ``None`` without one.
        suffix: What follows the target's number (``万元`` of ``≥5万元``): an actual typed
            without a unit is read with it, so "5" against "≥5万元" is 5万元.
    """

    direction: Direction
    value: float | None = None
    unit: str | None = None
    deadline: tuple[int | None, int, int] | None = None
    qualitative: bool = False
    text: str = ""
    unit_text: str | None = None
    suffix: str = ""


@dataclass(frozen=True)
class Actual:
    """A parsed actual (实际完成值).

    Attributes:
        value: Value in base units (``None`` for dates and qualitative bands).
        unit: Unit code (``None`` for a bare number).
        qualifier: ``exact``, ``approx``, ``at_least`` or ``at_most``.
        date: ``(year or None, month, day)`` for a completion date.
        band: ``achieved``/``partly``/``not`` for a qualitative actual.
        share: Evaluator's share of the weight inside the band, if given (0–1).
        text: The actual as written (or formatted).
        unit_text: The unit word as written (or taken from the target).
        unit_from_target: The actual was typed without a unit and read in the target's.
    """

    value: float | None = None
    unit: str | None = None
    qualifier: str = "exact"
    date: tuple[int | None, int, int] | None = None
    band: str | None = None
    share: float | None = None
    text: str = ""
    unit_text: str | None = None
    unit_from_target: bool = False


def _clean(text: str) -> str:
    # NFKC: full-width digits, ％ and ＝ read as their ASCII forms (≥ and ≤ stay).
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).strip()


# A number (Arabic with an optional 万/亿, or Chinese) followed by words that are no unit we
# know: "10家企业", "3个工作站". The tail is kept as the unit word and compared only with itself.
_NUMBER_THEN_WORDS = re.compile(
    r"^(?P<number>[0-9０-９][0-9０-９,，.．]*[十百千万亿]*)(?P<tail>[^0-9０-９%％]+)$"
)
_LEADING_NUMBER = re.compile(r"^[0-9０-９][0-9０-９,，.．]*")


def read_quantity(text: str) -> Quantity:
    """Read a target's or actual's number: form units, or an unknown unit word kept as is.

    A count word followed by a noun ("10家企业", "3个工作站") counts as the count word (家,
    个); any other unknown word is kept and compares only with itself.

    Examples:
        >>> q = read_quantity("266米"); (q.value, q.unit)
        (266.0, 'length')
        >>> q = read_quantity("10家企业"); (q.value, q.unit, q.unit_text)
        (10.0, 'organization', '家企业')
        >>> q = read_quantity("5个工作日"); (q.value, q.unit)
        (5.0, 'form:个工作日')
        >>> q = read_quantity("3孔窑洞"); (q.value, q.unit)
        (3.0, 'form:孔窑洞')
    """
    try:
        return parse_form_quantity(text)
    except QuantityError:
        match = _NUMBER_THEN_WORDS.match(text)
        tail = match["tail"] if match else ""
        # A unit of measure followed by more words ("300公顷亩") is a typo, not a new unit.
        if not tail or re.search(r"[余多近约超逾]", tail) or tail.startswith(tuple(FORM_UNITS)):
            raise
        number = parse_form_quantity(match["number"])
        if number.unit is not None:
            raise
        counted = next(
            (
                UNIT_WORDS[w]
                for w in sorted(UNIT_WORDS, key=len, reverse=True)
                if tail.startswith(w)
            ),
            None,
        )
        unit = counted if counted not in (None, "yuan", "percent", "other") else f"form:{tail}"
        return Quantity(number.value, unit, "exact", text, tail)


# A target written with words before its sign ("满意度≥90%", "参训人数不少于300人").
_EMBEDDED_SIGN = re.compile(
    r"^[\u4e00-\u9fff（）()]+?(?=(?:≥|≤|=|>=|<=|>|<|大于等于|小于等于|不少于|不低于|不超过|不高于|达到)"
    r"\s*[0-9])"
)


def _embedded(text: str) -> tuple[Direction, Quantity, str] | None:
    """(direction, quantity, number text) of "满意度≥90%" or a range "90%-100%" (its floor)."""
    words = _EMBEDDED_SIGN.match(text)
    if words:
        direction, number_text = _split_direction(text[words.end() :])
        with contextlib.suppress(QuantityError, ValueError):
            return direction or "ge", read_quantity(number_text), number_text
    with contextlib.suppress(QuantityError, ValueError):
        # "90%-100%" / "10~20人": met from the lower bound up; the upper bound's unit is read.
        low, _high = parse_range(re.sub(r"%(?=\s*[-~—–至到])", "", text))
        upper = re.split(r"[-~—–至到]+", text)[-1]
        return "ge", low, upper
    return None


def _suffix(number_text: str) -> str:
    """What follows the leading Arabic number: "5万元" → "万元"; empty for Chinese numerals."""
    match = _LEADING_NUMBER.match(number_text)
    if not match:
        return ""
    tail = number_text[match.end() :]
    for word in ("以上", "以内", "以下", "左右"):
        tail = tail.removesuffix(word)
    return tail


def _split_direction(text: str) -> tuple[Direction | None, str]:
    for word, direction in _PREFIXES:
        if text.startswith(word):
            return direction, text[len(word) :]
    for word, direction in _SUFFIXES:
        if text.endswith(word):
            return direction, text[: -len(word)]
    return None, text


def _deadline(text: str) -> tuple[int | None, int, int] | None:
    """Read "2023年10月底前", "11月底前", "12月31日前", "2023年内完成" into (year, month, day).

    A date with its year ("2023年12月", "2023年12月31日", "2023-12-31前", "2023.12.31") is
    a deadline too: budget systems put the sign (≤) in a column of its own.
    """
    core = text.removesuffix("完成")
    iso = _ISO_DATE.match(re.sub(r"(?:之前|以前|前)$", "", core))
    if iso:
        return _resolve_day(int(iso["year"]), int(iso["month"]), iso["day"], text)
    if not core.endswith(("前", "底", "末", "内")):
        dated = _DEADLINE.match(core)
        if dated and dated["year"] and dated["month"]:
            day = dated["day"] or _PARTS.get(dated["part"])
            return _resolve_day(int(dated["year"]), int(dated["month"]), day, text)
        return None
    match = _DEADLINE.match(core)
    if not match or not (match["month"] or match["year"]):
        return None
    year = int(match["year"]) if match["year"] else None
    month = int(match["month"]) if match["month"] else 12
    return _resolve_day(year, month, match["day"] or _PARTS.get(match["part"]), text)


def _resolve_day(year: int | None, month: int, day: str | None, text: str):
    if not 1 <= month <= 12:
        raise UserError(f"日期“{text}”中的月份 {month} 不存在")
    last = calendar.monthrange(year or 2000, month)[1]
    number = int(day) if day else last
    if not 1 <= number <= last:
        raise UserError(f"日期“{text}”中的日 {number} 不存在")
    return (year, month, number)


def parse_target(text: str, direction: str | None = None) -> Target:
    """Parse a target text; ``direction`` overrides the one read from the text.

    Direction words: ≥/不少于/不低于/以上 → ``ge``; ≤/不超过/以内 → ``le``; = → ``eq``;
    a bare number or rate → ``ge``; a deadline ("2023年10月底前") → ``le``; a text
    with no number → ``qualitative``.

    Raises:
        UserError: when the text has a number or a direction sign but cannot be read.

    Examples:
        >>> t = parse_target("≥300人"); (t.direction, t.value)
        ('ge', 300.0)
        >>> parse_target("≤20万元").value
        200000.0
        >>> parse_target("11月底前").deadline
        (None, 11, 30)
        >>> parse_target("有效提升企业创新能力").direction
        'qualitative'
    """
    raw = "" if text is None else str(text)
    cleaned = _clean(raw)
    if direction is not None:
        direction = DIRECTION_ALIASES.get(str(direction).strip(), str(direction).strip().lower())
        if direction not in DIRECTIONS:
            raise UserError(
                f"方向“{direction}”无效：只能是 ge、le、eq、qualitative（或 ≥、≤、=、定性）"
            )
    if not cleaned:
        raise UserError("年度指标值为空")
    if direction == "qualitative":
        return Target("qualitative", qualitative=True, text=raw)
    read_direction, number_text = _split_direction(cleaned)
    # "≤2023年12月31日前": a sign column put before a deadline changes nothing.
    deadline = _deadline(cleaned) or (_deadline(number_text) if read_direction else None)
    if deadline is not None:
        return Target(direction or "le", deadline=deadline, text=raw)
    # "达到预期" / "不低于上年": a direction word before words, not a number, is qualitative;
    # a sign before words ("≥abc人") is an unreadable target.
    worded = read_direction is not None and not re.match(r"[<>=≤≥≦≧＜＞＝]", cleaned)
    if (read_direction is None or worded) and not _HAS_NUMBER.search(cleaned):
        try:
            quantity = parse_form_quantity(number_text)
        except (QuantityError, ValueError):
            return Target("qualitative", qualitative=True, text=raw)
    else:
        try:
            quantity = read_quantity(number_text)
        except (QuantityError, ValueError) as exc:
            found = _embedded(cleaned) if read_direction is None else None
            if found is None:
                raise UserError(f"无法读取年度指标值“{raw}”：{exc}") from None
            read_direction, quantity, number_text = found
    if read_direction is None:
        qualifier = getattr(quantity, "qualifier", "exact")
        read_direction = {"at_least": "ge", "at_most": "le"}.get(qualifier, "ge")
    return Target(
        direction or read_direction,
        value=float(quantity.value),
        unit=quantity.unit,
        text=raw,
        unit_text=quantity.unit_text,
        suffix=_suffix(number_text) if quantity.unit else "",
    )


# Band words of a qualitative actual, checked in this order: "not" first, so that 未达到 and
# 未按期完成 are not read as 达到 / 按期完成, then "partly" (部分/基本), then "achieved".
_BAND_WORDS = (
    (
        "not",
        (
            "未达到",
            "未达成",
            "未完成",
            "未实现",
            "未按期",
            "未按时",
            "未如期",
            "没有",
            "逾期",
            "不及时",
            "延期",
            "滞后",
            "不满意",
            "不达标",
            "不合格",
            "不是",
            "不好",
            "不明显",
            "无进展",
            "否",
        ),
    ),
    (
        "partly",
        (
            "部分达到",
            "部分达成",
            "部分完成",
            "部分实现",
            "基本达到",
            "基本达成",
            "基本完成",
            "基本实现",
            "基本满意",
            "基本按期",
            "基本符合",
            "较好",
            "一般",
        ),
    ),
    (
        "achieved",
        (
            "达到",
            "达成",
            "完成",
            "实现",
            "满意",
            "达标",
            "合格",
            "符合",
            "按期",
            "按时",
            "如期",
            "及时",
            "优秀",
            "优良",
            "是",
            "好",
            "显著",
            "明显",
        ),
    ),
)


def parse_band(text: str) -> tuple[str | None, float | None]:
    """Read a qualitative actual into (band, share): "基本达到（70%）" → ("partly", 0.7).

    Examples:
        >>> parse_band("达到预期"), parse_band("基本达到 70%"), parse_band("未完成")
        (('achieved', None), ('partly', 0.7), ('not', None))
        >>> parse_band("达成预期指标")[0], parse_band("如期完成")[0], parse_band("未按期完成")[0]
        ('achieved', 'achieved', 'not')
    """
    cleaned = _clean(text)
    band = None
    for name, words in _BAND_WORDS:
        if any(word in cleaned for word in words):
            band = name
            break
    share = None
    match = re.search(r"(\d+(?:\.\d+)?)\s*[%％]", cleaned)
    if match:
        share = float(match[1]) / 100.0
    elif re.fullmatch(r"0?\.\d+|1(?:\.0+)?", cleaned):
        share = float(cleaned)
    return band, share


def _parse_date(text: str) -> tuple[int | None, int, int] | None:
    cleaned = _clean(text)
    iso = _ISO_DATE.match(cleaned)
    if iso:
        return _resolve_day(int(iso["year"]), int(iso["month"]), iso["day"], text)
    match = _DEADLINE.match(cleaned)
    if match and match["month"]:
        year = int(match["year"]) if match["year"] else None
        day = match["day"] or _PARTS.get(match["part"])
        return _resolve_day(year, int(match["month"]), day, text)
    return None


def parse_actual(value: object, target: Target) -> Actual:
    """Read an actual (typed text, number, date or quantity) in the terms of ``target``.

    A typed sign keeps its meaning: "≥90%" is 90% "at least"; "600余人" is 600
    "at least"; "10月" against a deadline is the end of October.

    Raises:
        UserError: when the actual cannot be read for this kind of target.

    Examples:
        >>> a = parse_actual("600余人", parse_target("≥500人")); (a.value, a.qualifier)
        (600.0, 'at_least')
        >>> parse_actual("10月", parse_target("11月底前")).date
        (None, 10, 31)
        >>> parse_actual("基本达到", parse_target("服务质量明显提升")).band
        'partly'
    """
    if isinstance(value, Actual):
        return value
    if value is None or (isinstance(value, float) and value != value):
        raise UserError("缺少实际完成值")
    if hasattr(value, "value") and hasattr(value, "qualifier") and hasattr(value, "unit"):
        text = getattr(value, "text", "") or str(value.value)
        return Actual(float(value.value), value.unit, value.qualifier or "exact", text=text)
    if target.qualitative:
        band, share = parse_band(str(value))
        if band is None and share is None:
            raise UserError(f"无法读取定性实际值“{value}”：请写“达到”“部分达到”或“未达到”")
        return Actual(band=band, share=share, text=str(value))
    if target.deadline is not None:
        if isinstance(value, dt.datetime | dt.date):
            return Actual(date=(value.year, value.month, value.day), text=str(value)[:10])
        date = _parse_date(str(value))
        if date is None:
            band, share = _phrase(value)
            if band is not None:
                return Actual(band=band, share=share, text=str(value))
            raise UserError(
                f"无法读取完成时间“{value}”：请写“2023年10月28日”“10月”或“按期完成”“未按期完成”"
            )
        return Actual(date=date, text=str(value))
    if isinstance(value, bool):
        raise UserError(f"实际完成值“{value}”不是数值")
    if isinstance(value, int | float):
        return _bare(f"{value:g}", float(value), "exact", target, f"{value:g}")
    text = _clean(str(value))
    sign, number_text = _split_direction(text)
    try:
        quantity = read_quantity(number_text)
    except (QuantityError, ValueError) as exc:
        # "完成95%", "实际培训480人次": words before the number are read past.
        words = _WORDS_BEFORE_NUMBER.match(text) if sign is None else None
        quantity = _quiet_read(text[words.end() :]) if words else None
        if quantity is not None:
            sign, number_text = _split_direction(text[words.end() :])
        else:
            band, share = _phrase(value) if sign is None else (None, None)
            if band is not None:
                return Actual(band=band, share=share, text=str(value))
            raise UserError(f"无法读取实际完成值“{value}”：{exc}") from None
    qualifier = quantity.qualifier or "exact"
    if sign == "ge" and qualifier == "exact":
        qualifier = "at_least"
    elif sign == "le" and qualifier == "exact":
        qualifier = "at_most"
    if quantity.unit is None:
        return _bare(number_text, float(quantity.value), qualifier, target, str(value))
    return Actual(
        float(quantity.value),
        quantity.unit,
        qualifier,
        text=str(value),
        unit_text=quantity.unit_text,
    )


_WORDS_BEFORE_NUMBER = re.compile(r"^[\u4e00-\u9fff]+?(?=(?:≥|≤|不少于|不低于|近|约|超|逾)?[0-9])")


def _quiet_read(text: str) -> Quantity | None:
    _sign, number_text = _split_direction(text)
    try:
        return read_quantity(number_text)
    except (QuantityError, ValueError):
        return None


def _phrase(value: object) -> tuple[str | None, float | None]:
    """A phrase such as 达成预期指标 or 按期完成 typed as a numeric or deadline actual."""
    text = _clean(str(value))
    if _HAS_NUMBER.search(text) and not re.search(r"\d+(?:\.\d+)?[%％]$", text):
        return None, None
    return parse_band(text)


def _bare(number_text: str, value: float, qualifier: str, target: Target, text: str) -> Actual:
    """An actual typed without a unit: read in the target's unit ("5" vs "≥5万元" is 5万元)."""
    if target.unit is None:
        return Actual(value, None, qualifier, text=text)
    # 5 of "≥5万元" is 5万元: the number is read again with what follows the target's number.
    digits = _LEADING_NUMBER.match(number_text)
    if target.suffix and digits and digits.end() == len(number_text):
        with contextlib.suppress(QuantityError):
            value = parse_form_quantity(number_text + target.suffix).value
    shown = text if not digits or digits.end() != len(number_text) else text + target.suffix
    return Actual(
        value,
        target.unit,
        qualifier,
        text=shown if target.suffix else text,
        unit_text=target.unit_text,
        unit_from_target=True,
    )


def date_key(date: tuple[int | None, int, int], default_year: int) -> dt.date:
    """Turn a (year or None, month, day) triple into a date, filling a missing year.

    Examples:
        >>> date_key((None, 2, 29), 2024)
        datetime.date(2024, 2, 29)
    """
    year, month, day = date
    year = year or default_year
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
