"""Propose the statistics written in a narrative report, each with its place in the text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from analysis import extract_rules as rules
from analysis.quantities import UNIT_WORDS, QuantityError, parse_number, parse_quantity, parse_range

__all__ = ["COLUMNS", "Statistic", "extract_statistics", "find_statistics"]

#: Columns of the table ``extract_statistics`` returns, in order.
COLUMNS = (
    "quantity_text",
    "value",
    "unit",
    "qualifier",
    "start",
    "end",
    "sentence",
    "what",
    "measure",
    "low",
    "high",
)

#: Longest a ``sentence`` cell gets; longer sentences are cut around the quantity.
MAX_SENTENCE = 160


@dataclass(frozen=True)
class Statistic:
    """One statistic found in a text.

    Attributes:
        quantity_text: The quantity exactly as written (``text[start:end]``).
        value: Value in base units (percent as written); the lower bound of a range.
        unit: Unit code (see ``analysis.quantities``), or ``None``.
        qualifier: exact, approx, at_least or at_most.
        start: Offset of the first character in the text.
        end: Offset just after the last character.
        sentence: The sentence it stands in, whitespace collapsed.
        what: What is counted (verb and noun from the context), may be empty.
        measure: Measure code from ``analysis.measures``, or ``None``.
        low: Lower bound of a range, else ``None``.
        high: Upper bound of a range, else ``None``.
    """

    quantity_text: str
    value: float
    unit: str | None
    qualifier: str
    start: int
    end: int
    sentence: str
    what: str
    measure: str | None
    low: float | None = None
    high: float | None = None


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WS = r"[ \t\r]*(?:\n[ \t\r]*)?"
_DIG = r"[0-9]+(?:\n[0-9]+)*(?:,[0-9]{3}(?![0-9]))*(?:\.\n?[0-9]+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+[万亿]*)?"
_NUM = rf"(?:{_DIG}(?:{_WS}[十百千万亿]+)?|{_CN})"
_QUAL = _alternation(rules.QUALIFIERS_BEFORE)
_UNIT = _alternation(w for w in UNIT_WORDS if w != "%")
_SEP = r"——|[-—–―‐‑−~〜至到]"

_SCANNER = re.compile(
    rf"""
    (?:(?P<qual>(?:{_QUAL})(?:{_WS}(?:{_QUAL}))?){_WS})?
    (?:
        (?P<half>一半)
      | (?P<frac>(?P<den>{_NUM})分之(?P<nom>{_NUM}))
      | (?P<pct>百分之{_NUM})
      | (?P<num>{_NUM})
        (?:{_WS}(?P<pct1>%))?
        (?:{_WS}(?P<sep>{_SEP}){_WS}(?P<num2>{_NUM}))?
        (?:{_WS}(?P<more>[余多]))?
        (?:{_WS}(?P<mult>[万亿]+))?
        (?:{_WS}(?P<unit>%|{_UNIT}))?
    )
    (?:{_WS}(?P<post>{_alternation(rules.QUALIFIERS_AFTER)}))?
    """,
    re.VERBOSE,
)

# Short quoted names (“百千万”, "1+3") and whole titles 《…》: numbers inside are names.
_NAMES = re.compile(r"“[^”\n]{0,12}”|\"[^\"\n]{0,12}\"|「[^」\n]{0,12}」|《[^》\n]{0,80}》")
_IDIOM = re.compile(_alternation(rules.IDIOMS))
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_CN_ONLY = re.compile(rf"[{rules.CN_NUMERAL}]+")
_BARE_BIG = re.compile(r"^[百千万]$")
_CJK = re.compile(r"[\u4e00-\u9fff0-9A-Za-z+]+")
# Where the next quantity starts inside a noun phrase (院士和近百名专家, 高校和20家).
_NEXT_QUANTITY = re.compile(
    rf"[和与及]?(?:{_QUAL})?(?:[0-9.]+|[{rules.CN_NUMERAL}]+)[余多]?[万亿]?(?:%|{_UNIT})"
)
_QUANTITY_IN = re.compile(rf"(?:[0-9.]+|[{rules.CN_NUMERAL}]+)[余多]?[万亿]?(?:%|{_UNIT})")
# Words joining two nouns (高校和院所, 单位的嘉宾); 及 alone is not one (普及率, 及时).
_JOINERS = re.compile(r"和|与|以及|及其|的|等")


class _Spans:
    """Sorted, non-overlapping character intervals with a fast membership test."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in pattern.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _prev_char(text: str, pos: int) -> str:
    """The nearest non-blank character before ``pos`` (or '')."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    return text[i] if i >= 0 else ""


def _follows(text: str, pos: int, words) -> bool:
    return any(text.startswith(w, pos) for w in words)


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _qualifier_start(t: str, m: re.Match[str]) -> int:
    """Where the quantity starts: at its qualifier, unless the qualifier belongs to a word."""
    qual = m.group("qual")
    if not qual:
        return m.start()
    first = next(q for q in sorted(rules.QUALIFIERS_BEFORE, key=len, reverse=True)
                 if qual.startswith(q))
    left = rules.QUALIFIER_WORD_LEFT.get(first)
    if left is not None and m.start() > 0 and t[m.start() - 1] in left:
        rest = m.start() + len(first)
        return _skip_ws(t, rest) if rest < m.end() else m.start()
    return m.start()


def _is_excluded(t: str, m: re.Match[str], start: int, names: _Spans) -> bool:
    """Whether the candidate is a date, ordinal, name, duration, idiom or rhetorical count."""
    num_start = m.start("num") if m.group("num") else m.start("half") if m.group("half") else (
        m.start("frac") if m.group("frac") else m.start("pct"))
    num = m.group("num") or ""
    unit = m.group("unit")
    end = m.end()
    before = _prev_char(t, start)
    if names.covers(num_start):
        return True
    if before == "第" or (before == "前" and _prev_char(t, start - 1) not in rules.NOT_ORDINAL_QIAN):
        return True
    if before == "每" or t[max(0, start - 2) : start].endswith(rules.VAGUE_BEFORE):
        return True
    if num and num[0].isascii() and (
        _ASCII_LETTER.match(before) or _ASCII_LETTER.match(t[m.end("num") : m.end("num") + 1])
    ):
        return True
    win = t[max(0, num_start - 3) : end + 3]
    if _IDIOM.search(win):
        return True
    cn_only = bool(num) and _CN_ONLY.fullmatch(num) is not None
    if cn_only and not (m.group("qual") or m.group("more") or m.group("post")):
        if num == "一" or num == "二":
            # 一 is the indefinite article (一批, 一项工作); 二 compounds (二次开发, 二元).
            return True
    after = _skip_ws(t, end)
    if unit and _follows(t, after, rules.RHETORICAL_NOUNS):
        return True
    if unit == "个":
        k = after
        while k < len(t) and t[k] in "多余半":
            k += 1
        if _follows(t, k, rules.TIME_AFTER_CLASSIFIER):
            return True
    if unit in ("届", "次") and rules.SESSION_AFTER.match(t, after):
        return True
    if unit == "位" and t.startswith("数", end):
        return True
    if cn_only and _BARE_BIG.match(num):
        # 千头万绪, 千家万户: a bare 百/千/万 count answered by another numeral is an idiom.
        if re.match(rf"[^{rules.CN_NUMERAL}]?[{rules.CN_NUMERAL}]", t[end : end + 2]) and (
            t[end : end + 1] in rules.CN_NUMERAL or t[end + 1 : end + 2] in "百千万"
        ):
            return True
        if _follows(t, end, rules.NAME_AFTER):
            return True
    return False


def _context_unit(t: str, m: re.Match[str], sentence: str, clause_before: str) -> str | None:
    """The unit of a bare 万/亿 amount, from the words around it (经费 → yuan)."""
    num = m.group("num") or ""
    big = (m.group("mult") or "") + num
    if not re.search(r"[万亿]", big) or _BARE_BIG.match(num) or num in ("万", "亿"):
        return None
    for word, unit in rules.PEOPLE_CONTEXT.items():
        if word in clause_before:
            return unit
    if any(w in sentence for w in rules.MONEY_CONTEXT):
        return "yuan"
    return None


def _bounds(t: str, pos: int, step: int, stops: str, limit: int) -> int:
    i = pos
    n = 0
    while 0 <= i + (step if step < 0 else 0) < len(t) and n < limit:
        c = t[i - 1] if step < 0 else t[i]
        if c in stops:
            break
        i += step
        n += 1
    return i


def _sentence_bounds(t: str, start: int, end: int) -> tuple[int, int]:
    left = _bounds(t, start, -1, rules.SENTENCE_END, 10_000)
    right = _bounds(t, end, 1, rules.SENTENCE_END, 10_000)
    if right < len(t) and t[right] in "。！？!?":
        right += 1
    return left, right


def _sentence(text: str, left: int, right: int, start: int, end: int) -> str:
    """The sentence, cut to ``MAX_SENTENCE`` characters around the quantity if longer."""
    if right - left > MAX_SENTENCE:
        half = max((MAX_SENTENCE - (end - start)) // 2, 0)
        left = max(left, start - half)
        right = max(min(right, left + MAX_SENTENCE), end)
    return " ".join(text[left:right].split())


def _clean(s: str) -> str:
    return "".join(_CJK.findall(s))


def _last_verb(s: str) -> tuple[int, str]:
    """Position and spelling of the rightmost verb in ``s`` ((-1, '') when none)."""
    pos, verb = -1, ""
    for v in rules.VERBS:
        k = s.rfind(v)
        if k > pos or (k == pos and k >= 0 and len(v) > len(verb)):
            pos, verb = k, v
    return pos, verb


def _noun_after(after: str) -> str:
    """The noun a quantity counts when it follows the number (19个专家指导组)."""
    a = _clean(after)
    if a.startswith("的"):
        a = a[1:]  # 80%的参展项目
    if a.startswith(rules.LINKS):
        return ""  # 36家增至66家: what follows is a change, not the noun
    cut = len(a)
    for stop in rules.NOUN_STOPS:
        k = a.find(stop)
        if 0 <= k < cut:
            cut = k
    nxt = _NEXT_QUANTITY.search(a, 0, cut)
    if nxt:
        cut = nxt.start()
    return a[: min(cut, 12)].rstrip("和与及")


def _strip_links(b: str) -> str:
    """Drop copulas and change verbs at the end (收入达, 普及率提升至, 效率平均提升)."""
    changed = True
    while changed and b:
        changed = False
        for link in rules.LINKS:
            if b.endswith(link):
                b = b[: -len(link)]
                changed = True
                break
    return b


def _what(t: str, start: int, end: int, cl_left: int, cl_right: int) -> str:
    """What the quantity at ``start:end`` in the clause ``cl_left:cl_right`` counts."""
    before = t[cl_left:start]
    noun = _noun_after(t[end:cl_right])
    b = _strip_links(_clean(before))
    vpos, verb = _last_verb(b)
    if noun:
        return ((verb + noun) if verb and not noun.startswith(verb) else noun)
    if verb:
        pieces = [p for p in re.split(_JOINERS, _QUANTITY_IN.sub("的", b[vpos + len(verb) :])) if p]
        return verb + (pieces[-1][-10:] if pieces else "")
    if b:
        return re.split(_JOINERS, b.rstrip("等"))[-1][-10:] or b[-10:]
    # Nothing in the clause (2万；): the clause before says what it is for.
    if cl_left > 0:
        prev_left = _bounds(t, cl_left - 1, -1, rules.CLAUSE_END, 40)
        prev = _clean(t[prev_left : cl_left - 1])
        first = min((k for k in (prev.find(v) for v in rules.VERBS) if k >= 0), default=-1)
        if first >= 0:
            return prev[first:][:16]
        return re.split(_JOINERS, prev)[-1][-10:]
    return ""


def _measure(unit: str | None, context: str) -> str | None:
    """The first measure code whose unit is ``unit`` and one of whose words is in ``context``.

    Examples:
        >>> _measure("person_time", "线上累计观看人数5万余人次")
        'online_views'
        >>> _measure("person", "线上累计观看人数") is None
        True
    """
    for rule_unit, words, code in rules.MEASURE_RULES:
        if rule_unit == unit and any(w in context for w in words):
            return code
    return None


def _value(m: re.Match[str], core: str) -> tuple[float, str | None, str, float | None, float | None]:
    """Value, unit, qualifier and range bounds of the quantity text without its prefix."""
    if m.group("half"):
        return 50.0, "percent", "exact", None, None
    if m.group("frac"):
        den = parse_number(m.group("den"))
        nom = parse_number(m.group("nom"))
        if den == 0:
            raise QuantityError(f"分母为零：{core}")
        return round(100 * nom / den, 4), "percent", "exact", None, None
    if m.group("sep"):
        low, high = parse_range(core)
        return low.value, low.unit, "at_least", low.value, high.value
    q = parse_quantity(core)
    return q.value, q.unit, q.qualifier, None, None


def find_statistics(text: str) -> list[Statistic]:
    """Find the statistics in ``text``, in order of position.

    Args:
        text: A report as one string (any newline convention, full- or half-width).

    Returns:
        One ``Statistic`` per quantity that counts or measures something; dates, years,
        ordinals, names, durations and rhetorical counts are left out (docs/extraction.md).

    Raises:
        TypeError: ``text`` is not a string.

    Examples:
        >>> [s.quantity_text for s in find_statistics("2023年共举办3场活动，近300人参加。")]
        ['3场', '近300人']
        >>> s = find_statistics("线上观看人数达到5万余人次。")[0]
        >>> s.value, s.unit, s.qualifier, s.measure
        (50000.0, 'person_time', 'at_least', 'online_views')
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    t = text.translate(rules.FULLWIDTH)
    names = _Spans(_NAMES, t)
    out: list[Statistic] = []
    for m in _SCANNER.finditer(t):
        if not (m.group("num") or m.group("half") or m.group("frac") or m.group("pct")):
            continue
        start = _qualifier_start(t, m)
        end = m.end()
        has_unit = bool(m.group("unit") or m.group("pct1") or m.group("pct") or m.group("half")
                        or m.group("frac"))
        if _is_excluded(t, m, start, names):
            continue
        left, right = _sentence_bounds(t, start, end)
        sentence = _sentence(text, left, right, start, end)
        # A qualifier that belongs to a word (签约3项) still belongs to the clause before.
        cl_left = _bounds(t, m.start(), -1, rules.CLAUSE_END, 40)
        cl_right = _bounds(t, end, 1, rules.CLAUSE_END, 40)
        what = _what(t, m.start(), end, cl_left, cl_right)
        clause_before = t[cl_left:start]
        unit_from_context = None
        if not has_unit:
            unit_from_context = _context_unit(t, m, t[left:right], clause_before)
            if unit_from_context is None:
                continue
        qual_text = t[start : m.end("qual")] if m.group("qual") and start < m.end("qual") else ""
        core_start = start + len(qual_text)
        core_start = _skip_ws(t, core_start)
        core = t[core_start:end]
        if m.group("num") in ("万", "亿"):
            # A bare 万 counts ten thousand only before a counting unit (万名, 万人).
            if m.group("num") == "亿" or (unit_from_context or UNIT_WORDS.get(m.group("unit"))) in (
                None,
                "yuan",
            ):
                continue
            core = "一" + core
        try:
            value, unit, qualifier, low, high = _value(m, core)
        except QuantityError:
            continue
        if qual_text.strip():
            words = sorted(rules.QUALIFIERS_BEFORE, key=len, reverse=True)
            outer = next(w for w in words if qual_text.strip().startswith(w))
            qualifier = rules.QUALIFIERS_BEFORE[outer]
        if unit is None:
            unit = unit_from_context
        out.append(
            Statistic(
                quantity_text=text[start:end],
                value=float(value),
                unit=unit,
                qualifier=qualifier,
                start=start,
                end=end,
                sentence=sentence,
                what=what,
                measure=_measure(unit, what + t[start:cl_right]),
                low=low,
                high=high,
            )
        )
    return out


def extract_statistics(text: str) -> pd.DataFrame:
    """Propose the statistics in a report as a table, one row per statistic.

    Args:
        text: The report text.

    Returns:
        A DataFrame with ``COLUMNS``: quantity_text, value (float, base units, percent as
        written), unit and qualifier (codes as ``analysis.quantities.parse_quantity``),
        start and end (offsets: ``text[start:end] == quantity_text``), sentence, what,
        measure, and low/high (the bounds of a range, else missing).

    Examples:
        >>> df = extract_statistics("已建成5G基站9万个，用户渗透率达40.7%。")
        >>> df[["quantity_text", "value", "unit"]].values.tolist()
        [['9万个', 90000.0, 'item'], ['40.7%', 40.7, 'percent']]
        >>> extract_statistics("").shape
        (0, 11)
    """
    rows = [
        (s.quantity_text, s.value, s.unit, s.qualifier, s.start, s.end, s.sentence, s.what,
         s.measure, s.low, s.high)
        for s in find_statistics(text)
    ]
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    return df.astype(
        {
            "quantity_text": "str",
            "value": "float64",
            "unit": "str",
            "qualifier": "str",
            "start": "int64",
            "end": "int64",
            "sentence": "str",
            "what": "str",
            "measure": "str",
            "low": "float64",
            "high": "float64",
        }
    )
