"""Numerals in report text: Arabic with 万/亿 suffixes and canonical Chinese numerals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from analysis.errors import QuantityError

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
PLACES = {
    "十": "十", "拾": "十", "百": "百", "佰": "百", "千": "千", "仟": "千",
    "万": "万", "萬": "万", "亿": "亿", "億": "亿",
}  # fmt: skip
PLACE_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_CANON_DIGITS = "零一二三四五六七八九"
_CN_INT = "".join(DIGITS) + "".join(PLACES)
_CN_FRAC = "".join(d for d in DIGITS if d not in "两兩")
BIG = "万萬亿億"

# One numeral: Arabic with optional thousands separators, decimals and a trailing multiplier
# (1953.1万, 1.2万亿, 3千万), or a run of Chinese numeral characters with an optional decimal
# part (三点五万). Character classes are disjoint from unit and qualifier words, so matching
# never backtracks beyond a single run.
NUMERAL_RE = re.compile(
    r"(?P<arabic>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)"
    r"(?P<suffix>[十拾百佰千仟]?[万萬]?[亿億]?)"
    rf"|(?P<cn>[{_CN_INT}]+(?:点[{_CN_FRAC}]+[{BIG}]*)?)"
)
MULTIPLIER_RE = re.compile(rf"[{BIG}]+")


@dataclass(frozen=True)
class Numeral:
    """A parsed numeral and what a range's lower bound may borrow from it."""

    value: Decimal
    raw: str
    arabic: bool
    big_exponent: int  # 8 if 亿 is written in the numeral, else 4 if 万 is, else 0
    multiplier_text: str  # multiplier chars written at the end of the numeral


def short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def fail(text: str, reason: str) -> QuantityError:
    return QuantityError(f"无法识别的数量“{short(text)}”：{reason}")


def _render_cn(n: int, leading: bool = True) -> str:
    """The canonical Chinese numeral of ``n`` (一千零一万零一, 十三, 一亿零五百万)."""
    if n < 10:
        return _CANON_DIGITS[n]
    for size, word, gap in ((10**8, "亿", 10**7), (10**4, "万", 10**3)):
        if n >= size:
            high, low = divmod(n, size)
            out = _render_cn(high, leading) + word
            if low:
                out += ("零" if low < gap else "") + _render_cn(low, leading=False)
            return out
    out, started, zero = "", False, False
    for place, word in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            zero = zero or started
            continue
        if zero:
            out, zero = out + "零", False
        if place == 10 and digit == 1 and not started and leading:
            out += "十"
        else:
            out += _CANON_DIGITS[digit] + word
        started = True
    return out


def _cn_integer(raw: str, text: str) -> int:
    """Read a Chinese integer, accepting only canonical spellings (never guessing)."""
    canon = "".join(_CANON_DIGITS[DIGITS[c]] if c in DIGITS else PLACES[c] for c in raw)
    if all(c in DIGITS for c in raw):
        # 二〇二三 is positional; 三四 ("three or four") is a vague count, not 34.
        if len(raw) == 1:
            return DIGITS[raw]
        if canon[0] == "零" or any(c in "两兩" for c in raw) or len(raw) > 12:
            raise fail(text, f"数字“{short(raw)}”写法不规范")
        if "零" in canon or len(raw) >= 3:
            return int("".join(str(DIGITS[c]) for c in raw))
        raise fail(text, f"“{short(raw)}”可能是约数（如“三四个”），不能确定数值")
    # Canonical numerals have at most one 亿 and one 万 on each side of it; rejecting more
    # early also keeps absurd inputs (万万万…) from building huge integers.
    if canon.count("亿") > 1 or any(part.count("万") > 1 for part in canon.split("亿")):
        raise fail(text, f"中文数字“{short(raw)}”中的万、亿重复")
    total = middle = section = 0
    digit: int | None = None
    for c in canon:
        if c in _CANON_DIGITS:
            if digit:
                raise fail(text, f"数字“{short(raw)}”中有连写的数字")
            digit = _CANON_DIGITS.index(c)
        elif c in "十百千":
            section += (1 if digit is None else digit) * PLACE_VALUES[c]
            digit = None
        elif c == "万":
            # A leading 万 reads as 一万, like 百 and 千 (万名科技工作者 = 10,000).
            if not (total or middle or section or digit):
                digit = 1
            middle = (middle + section + (digit or 0)) * 10**4
            section, digit = 0, None
        else:  # 亿
            if not (total or middle or section or digit):
                digit = 1
            total = (total + middle + section + (digit or 0)) * 10**8
            middle = section = 0
            digit = None
    value = total + middle + section + (digit or 0)
    canonical = _render_cn(value)
    # 十三 / 一十三 and 一百万 / 百万 are both standard spellings.
    accepted = {canonical}
    if canonical.startswith("十"):
        accepted.add("一" + canonical)
    if canonical[:2] in ("一百", "一千", "一万", "一亿"):
        accepted.add(canonical[1:])
    if canon not in accepted:
        raise fail(text, f"中文数字“{short(raw)}”写法不规范或有歧义")
    return value


def read_numeral(match: re.Match[str], text: str) -> Numeral:
    raw = match.group(0)
    if match.group("arabic") is not None:
        suffix = match.group("suffix")
        value = Decimal(match.group("arabic").replace(",", ""))
        for c in suffix:
            value *= PLACE_VALUES[PLACES[c]]
        canon = "".join(PLACES[c] for c in suffix)
        exponent = 8 if "亿" in canon else 4 if "万" in canon else 0
        return Numeral(value, raw, True, exponent, suffix)
    integer, _, rest = raw.partition("点")
    if not integer:
        raise fail(text, "小数点前没有数字")
    multiplier = MULTIPLIER_RE.search(rest)
    fraction = rest[: multiplier.start()] if multiplier else rest
    value = Decimal(_cn_integer(integer, text))
    if fraction:
        value += Decimal("0." + "".join(str(DIGITS[c]) for c in fraction))
    if multiplier:
        # 三点五万: only 万, 亿 or 万亿 may follow a Chinese decimal, and only once.
        word = "".join(PLACES[c] for c in multiplier.group(0))
        if word not in ("万", "亿", "万亿") or any(c in BIG for c in integer):
            raise fail(text, f"倍数“{multiplier.group(0)}”写法不规范")
        for c in word:
            value *= PLACE_VALUES[c]
    canon = "".join(PLACES.get(c, "") for c in raw)
    exponent = 8 if "亿" in canon else 4 if "万" in canon else 0
    tail = re.search(rf"[{BIG}]+$", raw)
    return Numeral(value, raw, False, exponent, tail.group(0) if tail else "")
