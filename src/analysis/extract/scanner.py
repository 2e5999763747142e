"""Propose the statistics written in a report, in its sentences and tables, each with its place."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from analysis.extract import rules
from analysis.extract.documents import Document, Table, text_document
from analysis.extract.tables import find_text_tables, is_bare, label_unit, read_bare, sections
from analysis.quantities import UNIT_WORDS, QuantityError, parse_number, parse_quantity, parse_range

__all__ = [
    "COLUMNS",
    "Statistic",
    "all_tables",
    "document_statistics",
    "extract_document",
    "extract_statistics",
    "find_statistics",
]

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
    "location",
    "breakdown",
)

#: Longest a ``sentence`` cell gets; longer sentences are cut around the quantity.
MAX_SENTENCE = 160
# How far to look for the ends of a sentence (for context words) and of a clause (for what).
_SENTENCE_LIMIT = 2_000
_CLAUSE_LIMIT = 40


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
        location: Where it is in the file: page, paragraph, line or table cell.
        breakdown: For a table cell, the row it is in (``活动组织费``); '' for a total.
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
    location: str = ""
    breakdown: str = ""


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WS = r"[ \t\r]*(?:\n[ \t\r]*)?"
_DIG = r"[0-9]+(?:\n[0-9]+)*(?:,[0-9]{3}(?![0-9]))*(?:\.\n?[0-9]+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+[万亿]*)?"
# 1万2千 and 3亿5千万 write the next smaller place in digits again.
_NUM = rf"(?:{_DIG}(?:{_WS}[十百千万亿]+(?:[0-9]+[十百千万]*)?)?|{_CN})"
_COMPOUND = re.compile(r"([0-9.,\s]+[万亿]+)\s*([0-9]+[十百千万]*)")
_QUAL = _alternation(rules.QUALIFIERS_BEFORE)
_FULLWIDTH_CHARS = re.compile("[" + "".join(chr(c) for c in rules.FULLWIDTH) + "]+")
_RHETORICAL = re.compile(_alternation(rules.RHETORICAL_NOUNS))
_TIME_AFTER = re.compile(_alternation(rules.TIME_AFTER_CLASSIFIER))
_NAME_AFTER = re.compile(_alternation(rules.NAME_AFTER))
_VERB = re.compile(_alternation(rules.VERBS))
_QUAL_WORDS = sorted(rules.QUALIFIERS_BEFORE, key=len, reverse=True)
_BIG = re.compile("[万亿]")
_UNIT = _alternation([*(w for w in UNIT_WORDS if w != "%"), *rules.EXTRA_CLASSIFIERS])
_DA_NOUNS = _alternation(rules.DA_EVENT_NOUNS)
_SEP = r"——|[-—–―‐‑−~〜至到]"

# The look-ahead on the first character lets the regex engine skip most of the text fast.
_FIRST = "".join(sorted({w[0] for w in rules.QUALIFIERS_BEFORE} | set(rules.CN_NUMERAL)))
_SCANNER = re.compile(
    rf"""
    (?=[0-9{_FIRST}])
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
        (?:{_WS}(?P<unit>%|{_UNIT}|成(?![{rules.CHENG_WORDS}])|(?P<da>大)(?=[\u4e00-\u9fff]{{0,4}}?(?:{_DA_NOUNS}))))?
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


def _follows(text: str, pos: int, words: re.Pattern[str]) -> bool:
    return words.match(text, pos) is not None


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _qualifier_start(t: str, m: re.Match[str]) -> int:
    """Where the quantity starts: at its qualifier, unless the qualifier belongs to a word."""
    qual = m.group("qual")
    if not qual:
        return m.start()
    first = next(q for q in _QUAL_WORDS if qual.startswith(q))
    left = rules.QUALIFIER_WORD_LEFT.get(first)
    if left is not None and m.start() > 0 and t[m.start() - 1] in left:
        rest = m.start() + len(first)
        return _skip_ws(t, rest) if rest < m.end() else m.start()
    return m.start()


def _is_excluded(t: str, m: re.Match[str], start: int, names: _Spans) -> bool:
    """Whether the candidate is a date, ordinal, name, duration, idiom or rhetorical count."""
    num_start = (
        m.start("num")
        if m.group("num")
        else m.start("half")
        if m.group("half")
        else (m.start("frac") if m.group("frac") else m.start("pct"))
    )
    num = m.group("num") or ""
    unit = m.group("unit")
    end = m.end()
    before = _prev_char(t, start)
    if names.covers(num_start):
        return True
    if before == "第" or (
        before == "前" and _prev_char(t, start - 1) not in rules.NOT_ORDINAL_QIAN
    ):
        return True
    cn_only = bool(num) and _CN_ONLY.fullmatch(num) is not None
    if before == "每" or (cn_only and t[max(0, start - 2) : start].endswith(rules.VAGUE_BEFORE)):
        return True  # 每一件, 每万人; 数十个, 上千人 (人数300人 is not vague)
    if (
        num
        and num[0].isascii()
        and (_ASCII_LETTER.match(before) or _ASCII_LETTER.match(t[m.end("num") : m.end("num") + 1]))
    ):
        return True
    win = t[max(0, num_start - 3) : end + 3]
    if _IDIOM.search(win):
        return True
    # 一 is the indefinite article (一批, 一项工作) and 二 compounds (二次开发), unless a verb
    # of doing comes right before a counting unit: 成立一家联盟, 举办一场论坛.
    counted_one = num == "一" and unit in rules.ONE_COUNT_UNITS and _verb_before(t, start)
    if (
        num in ("一", "二")
        and not (m.group("qual") or m.group("more") or m.group("post"))
        and not counted_one
    ):
        return True
    after = _skip_ws(t, end)
    if unit and cn_only and _follows(t, after, _RHETORICAL):
        # 三个方面 is rhetoric; digits count (分3个阶段推进).
        return True
    if unit == "个":
        k = after
        while k < len(t) and t[k] in "多余半":
            k += 1
        if _follows(t, k, _TIME_AFTER):
            return True
    if unit in ("届", "次") and rules.SESSION_AFTER.match(t, after):
        return True
    if unit == "位" and t.startswith("数", end):
        return True
    if cn_only and _BARE_BIG.match(num):
        # 千头万绪, 千家万户: a bare 百/千/万 answered by another one is an idiom;
        # 千人计划 is a programme's name.
        return any(c in "百千万" for c in t[end : end + 2]) or _follows(t, end, _NAME_AFTER)
    return False


def _verb_before(t: str, start: int) -> bool:
    """Whether a verb of doing ends right before ``start`` (成立一家, 举办了一场).

    Examples:
        >>> _verb_before("发起成立一家联盟", 4), _verb_before("这是一家企业", 3)
        (True, False)
    """
    before = t[max(0, start - 6) : start].rstrip(" 了")
    return any(before.endswith(v) for v in rules.VERBS)


def _context_unit(sentence: str, clause_before: str) -> str | None:
    """The unit of a bare 万/亿 amount from the words around it (经费 → yuan, 人数 → person).

    Examples:
        >>> _context_unit("对经费预算（共20万）进行了安排", "共"), _context_unit("建成基地", "")
        ('yuan', None)
    """
    for word, unit in rules.PEOPLE_CONTEXT.items():
        if word in clause_before:
            return unit
    if any(w in sentence for w in rules.MONEY_CONTEXT):
        return "yuan"
    return None


class _Stops:
    """Positions of the characters that end a sentence or clause, for fast look-ups."""

    def __init__(self, t: str, chars: str) -> None:
        self.n = len(t)
        self.pos = [m.start() for m in re.finditer(f"[{re.escape(chars)}]", t)]

    def left(self, pos: int, limit: int) -> int:
        """Start of the span ending at ``pos``: just after the last stop before ``pos``."""
        i = bisect.bisect_left(self.pos, pos) - 1
        return max(self.pos[i] + 1 if i >= 0 else 0, pos - limit)

    def right(self, pos: int, limit: int) -> int:
        """End of the span starting at ``pos``: the first stop at or after ``pos``."""
        i = bisect.bisect_left(self.pos, pos)
        return min(self.pos[i] if i < len(self.pos) else self.n, pos + limit)


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
    """Position and spelling of the rightmost verb in ``s`` ((-1, '') when none).

    Examples:
        >>> _last_verb("组织召开会议并签约")
        (7, '签约')
    """
    pos, verb = -1, ""
    for m in _VERB.finditer(s):
        pos, verb = m.start(), m.group()
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


def _what(t: str, start: int, end: int, cl_left: int, cl_right: int, clauses: _Stops) -> str:
    """What the quantity at ``start:end`` in the clause ``cl_left:cl_right`` counts."""
    before = t[cl_left:start]
    noun = _noun_after(t[end:cl_right])
    b = _strip_links(_clean(before))
    vpos, verb = _last_verb(b)
    if noun:
        return (verb + noun) if verb and not noun.startswith(verb) else noun
    if verb:
        pieces = [p for p in re.split(_JOINERS, _QUANTITY_IN.sub("的", b[vpos + len(verb) :])) if p]
        return verb + (pieces[-1][-10:] if pieces else "")
    if b:
        return re.split(_JOINERS, b.rstrip("等"))[-1][-10:] or b[-10:]
    # Nothing in the clause (2万；): the clause before says what it is for.
    if cl_left > 0:
        prev_left = clauses.left(cl_left - 1, _CLAUSE_LIMIT)
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


def _compound_number(m: re.Match[str]) -> str:
    """Digits for a number that repeats digits after 万/亿 (1万2千 → 12000).

    Raises:
        QuantityError: The second part is not smaller than the first part's place (1万2万).

    Examples:
        >>> _compound_number(_COMPOUND.fullmatch("3亿5千万"))
        '350000000'
    """
    high, low = parse_number(m.group(1)), parse_number(m.group(2))
    place = 1e8 if "亿" in m.group(1) else 1e4
    if low >= place:
        raise QuantityError(f"数字“{m.group(0)}”写法不规范")
    total = high + low
    return str(int(total)) if total == int(total) else repr(total)


def _value(
    m: re.Match[str], core: str
) -> tuple[float, str | None, str, float | None, float | None]:
    """Value, unit, qualifier and range bounds of the quantity text without its prefix."""
    if m.group("half"):
        return 50.0, "percent", "exact", None, None
    if m.group("frac"):
        den = parse_number(m.group("den"))
        nom = parse_number(m.group("nom"))
        if den == 0:
            raise QuantityError(f"分母为零：{core}")
        return round(100 * nom / den, 4), "percent", "exact", None, None
    if m.group("unit") == "成":
        # 三成 is three tenths: 30 percent; only one to ten tenths make sense.
        q = parse_quantity(core[: core.rindex("成")])
        if q.unit is not None or not 0 < q.value <= 10:
            raise QuantityError(f"不是成数：{core}")
        qualifier = rules.QUALIFIERS_AFTER.get(m.group("post") or "", q.qualifier)
        return q.value * 10, "percent", qualifier, None, None
    if m.group("da"):
        # 12大主题活动: 大 counts the events named after it.
        q = parse_quantity(core[: core.rindex("大")])
        if q.unit is not None:
            raise QuantityError(f"不是计数：{core}")
        return q.value, "event", q.qualifier, None, None
    extra = m.group("unit")
    if extra in rules.EXTRA_CLASSIFIERS:
        # 460余条: a classifier the quantity rules do not know counts items like 个.
        i = core.rindex(extra)
        q = parse_quantity(core[:i] + "个" + core[i + len(extra) :])
        return q.value, rules.EXTRA_CLASSIFIERS[extra], q.qualifier, None, None
    if m.group("sep"):
        low, high = parse_range(core)
        return low.value, low.unit, "at_least", low.value, high.value
    q = parse_quantity(core)
    return q.value, q.unit, q.qualifier, None, None


_RANGE_BETWEEN = re.compile(rf"\s*(?:{_SEP})\s*")


def _join_ranges(text: str, stats: list[Statistic]) -> list[Statistic]:
    """Join two quantities written as a range with the unit on both ends (2000万元至5000万元).

    Examples:
        >>> [(s.quantity_text, s.value, s.low, s.high) for s in _scan("投资2万元至5万元")]
        [('2万元至5万元', 20000.0, 20000.0, 50000.0)]
    """
    out: list[Statistic] = []
    for s in stats:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.unit == s.unit
            and prev.low is None
            and s.low is None
            and prev.qualifier == s.qualifier == "exact"
            and prev.value < s.value
            and _RANGE_BETWEEN.fullmatch(text, prev.end, s.start)
        ):
            out[-1] = Statistic(
                **{
                    **prev.__dict__,
                    "quantity_text": text[prev.start : s.end],
                    "end": s.end,
                    "qualifier": "at_least",
                    "low": prev.value,
                    "high": s.value,
                }
            )
        else:
            out.append(s)
    return out


def _scan(text: str) -> list[Statistic]:
    """The statistics written in the sentences of ``text`` (tables not yet told apart)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    t = _FULLWIDTH_CHARS.sub(lambda c: c.group().translate(rules.FULLWIDTH), text)
    names = _Spans(_NAMES, t)
    sentences = _Stops(t, rules.SENTENCE_END)
    clauses = _Stops(t, rules.CLAUSE_END)
    out: list[Statistic] = []
    for m in _SCANNER.finditer(t):
        num = m.group("num")
        has_unit = bool(
            m.group("unit")
            or m.group("pct1")
            or m.group("pct")
            or m.group("half")
            or m.group("frac")
        )
        if not has_unit and not (num and _BIG.search(num + (m.group("mult") or ""))):
            continue  # a bare number is a statistic only as a 万/亿 amount (经费20万)
        if num in ("万", "亿") and (
            num == "亿" or UNIT_WORDS.get(m.group("unit")) in (None, "yuan")
        ):
            continue  # a bare 万 counts ten thousand only before a counting unit (万名)
        start = _qualifier_start(t, m)
        end = m.end()
        if _is_excluded(t, m, start, names):
            continue
        left = sentences.left(start, _SENTENCE_LIMIT)
        right = sentences.right(end, _SENTENCE_LIMIT)
        # A qualifier that belongs to a word (签约3项) still belongs to the clause before.
        cl_left = clauses.left(m.start(), _CLAUSE_LIMIT)
        cl_right = clauses.right(end, _CLAUSE_LIMIT)
        context_unit = None
        if not has_unit:
            context_unit = _context_unit(t[left:right], t[cl_left:start])
            if context_unit is None:
                continue
        qual_end = m.end("qual") if m.group("qual") else -1
        qual_text = t[start:qual_end].strip() if qual_end > start else ""
        core = t[_skip_ws(t, start + len(qual_text)) if qual_text else start : end]
        if num == "万":
            core = core.replace("万", "一万", 1)
        try:
            if num and (compound := _COMPOUND.fullmatch(num)):
                core = core.replace(num, _compound_number(compound), 1)
            value, unit, qualifier, low, high = _value(m, core)
        except QuantityError:
            continue  # not a well-formed number (十三五, 三四个): no value to propose
        if qual_text:
            # The outermost qualifier wins (超过近千万元 is at least about 10 million).
            outer = next(w for w in _QUAL_WORDS if qual_text.startswith(w))
            qualifier = rules.QUALIFIERS_BEFORE[outer]
        unit = unit or context_unit
        what = _what(t, m.start(), end, cl_left, cl_right, clauses)
        if right < len(t) and t[right] in "。！？!?":
            right += 1
        out.append(
            Statistic(
                quantity_text=text[start:end],
                value=float(value),
                unit=unit,
                qualifier=qualifier,
                start=start,
                end=end,
                sentence=_sentence(text, left, right, start, end),
                what=what,
                measure=_measure(unit, what + t[start:cl_right]),
                low=low,
                high=high,
            )
        )
    return _join_ranges(text, out)


# A table cell longer than this (or with a comma or full stop) is a sentence, even in a header.
_LONG_CELL = 20


def _shift(st: Statistic, offset: int, location: str) -> Statistic:
    """A statistic found in a cell's text, moved to its place in the document."""
    return Statistic(
        **{**st.__dict__, "start": st.start + offset, "end": st.end + offset, "location": location}
    )


def _caption(text: str, start: int) -> str:
    """The two lines before a table: where 单位：万元 and its title are written."""
    before = text[max(0, start - 200) : start].rstrip("\n")
    return "\n".join(before.split("\n")[-2:])


def _label_column(columns: tuple[str, ...]) -> int:
    """The column that names a row: 三级指标 in a 自评表, else the first."""
    for word in rules.LABEL_HEADERS:
        for c, h in enumerate(columns):
            if word in h:
                return c
    return 0


def _breakdown(label: str) -> str:
    label = " ".join(label.split())
    return "" if any(label.startswith(w) for w in rules.TOTAL_LABELS) else label


def _cell_measure(unit: str | None, header: str, label: str) -> str | None:
    # A target column (年度指标值) states a plan, not what was reached: no measure for it.
    if any(w in header for w in rules.TARGET_HEADERS):
        return None
    return _measure(unit, header) or _measure(unit, header + label)


def table_statistics(text: str, table: Table) -> list[Statistic]:
    """The statistics in the cells of ``table`` (a table of ``text``), in reading order.

    A bare number (``85.00``, ``≥300``) takes its unit from its column's header, the
    table's caption (``单位：万元``) or its row label (``培训农民（人次）``), read by the
    quantity rules; a cell with words is read like a sentence. Row numbers, years, dates
    and phone numbers (by their column's header) are left out.

    Examples:
        >>> text = "单位：万元\\n项目\\t年初预算数\\t执行率(%)\\n合计\\t115.00\\t94.74"
        >>> t = find_text_tables(text)[0]
        >>> [(s.quantity_text, s.value, s.unit, s.measure, s.location)
        ...  for s in table_statistics(text, t)]
        [('115.00', 1150000.0, 'yuan', 'budget_planned', '文本表1第2行第2列'), \
('94.74', 94.74, 'percent', 'budget_execution_rate', '文本表1第2行第3列')]
    """
    rows = [[text[c.start : c.end] for c in row] for row in table.rows]
    parts = sections(rows, _caption(text, table.start))
    out: list[Statistic] = []
    for r, row in enumerate(table.rows):
        lay = next(lay for begin, lay in reversed(parts) if begin <= r)
        if lay.header is not None and r <= lay.header:
            # Header cells name columns; only a cell that is a sentence is read (a sheet
            # of notes, one paragraph a cell).
            for cell in row:
                raw = rows[r][cell.col]
                if len(raw.strip()) > _LONG_CELL or any(ch in raw for ch in "，。；！？"):
                    out.extend(
                        _shift(st, cell.start, table.cell_location(cell)) for st in _scan(raw)
                    )
            continue
        label_col = _label_column(lay.columns)
        cells = rows[r]
        label = cells[label_col].strip() if label_col < len(cells) else ""
        row_unit = label_unit(cells[0]) if cells else ""
        sentence = " | ".join(" ".join(c.split()) for c in cells)
        for cell in row:
            raw = cells[cell.col]
            if not raw.strip():
                continue
            header = lay.columns[cell.col] if cell.col < len(lay.columns) else ""
            bare = is_bare(raw)
            if cell.col in lay.skip and (bare or cell.col != 0):
                continue
            what = " ".join(p for p in (label, header) if p and p != raw.strip())
            location = table.cell_location(cell)
            breakdown = _breakdown(label)
            if bare:
                unit_word = (lay.units[cell.col] if cell.col < len(lay.units) else "") or row_unit
                read = read_bare(raw, unit_word)
                if read is None:
                    continue
                a = cell.start + len(raw) - len(raw.lstrip())
                b = cell.start + len(raw.rstrip())
                out.append(
                    Statistic(
                        quantity_text=text[a:b],
                        value=read.value,
                        unit=read.unit,
                        qualifier=read.qualifier,
                        start=a,
                        end=b,
                        sentence=sentence,
                        what=what,
                        measure=_cell_measure(read.unit, header, label),
                        location=location,
                        breakdown=breakdown,
                    )
                )
                continue
            for st in _scan(raw):
                out.append(
                    Statistic(
                        quantity_text=st.quantity_text,
                        value=st.value,
                        unit=st.unit,
                        qualifier=st.qualifier,
                        start=st.start + cell.start,
                        end=st.end + cell.start,
                        sentence=sentence if len(raw) < 20 else st.sentence,
                        what=st.what or what,
                        measure=_cell_measure(st.unit, header, label) or st.measure,
                        low=st.low,
                        high=st.high,
                        location=location,
                        breakdown=breakdown,
                    )
                )
    return out


def document_statistics(doc: Document) -> list[Statistic]:
    """The statistics of a document: its sentences and its tables, in order of position.

    Tables are those its reader found (Word, PDF, Excel) and those laid out in its text
    with tabs, runs of spaces or pipes; each number gets the location of its part or cell.

    Examples:
        >>> from analysis.extract.documents import text_document
        >>> doc = text_document("共举办3场活动。\\n科目\\t金额（元）\\n会务\\t2,000")
        >>> [(s.quantity_text, s.value, s.unit, s.location) for s in document_statistics(doc)]
        [('3场', 3.0, 'event', '第1行'), ('2,000', 2000.0, 'yuan', '文本表1第2行第2列')]
    """
    text = doc.text
    tables = all_tables(doc)
    spans = _TableSpans(tables)
    found = _scan(text)
    found += _labelled(text, found)
    out = [_with_location(s, doc.location(s.start)) for s in found if not spans.covers(s.start)]
    for table in tables:
        out.extend(table_statistics(text, table))
    return sorted(out, key=lambda s: (s.start, s.end))


# A label with its unit, a colon and a bare number: 年度资金总额（元）：3,724,055.00.
# The pattern starts at the bracket (a rare character, found fast); the label is read back.
_LABEL_BEFORE = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,16}$")
_LABELLED = re.compile(
    r"[（(]\s*(?P<unit>[^（）()\n]{1,6}?)\s*[）)]"
    r"\s*[：:]\s*(?P<num>(?:≥|≤|约|近|超过)?\s*[0-9０-９][0-9０-９,]*(?:[.．][0-9０-９]+)?)"
    r"(?![0-9０-９.．%％万亿\u4e00-\u9fff]|,[0-9])"
)


def _labelled(text: str, found: list[Statistic]) -> list[Statistic]:
    """Bare numbers whose label gives their unit (年度资金总额（元）：3,724,055.00), read by
    the quantity rules at that unit, where no other statistic was found.

    Examples:
        >>> found = _labelled("全年执行数（万元）：360.67，执行率96.85%。", [])
        >>> [(s.quantity_text, s.value, s.unit) for s in found]
        [('360.67', 3606700.0, 'yuan')]
    """
    taken = _TableSpans([Table(s.start, s.end, (), "") for s in found])
    out = []
    for m in _LABELLED.finditer(text):
        label_match = _LABEL_BEFORE.search(text, max(0, m.start() - 16), m.start())
        unit_word = label_unit(f"（{m.group('unit')}）")
        if label_match is None or not unit_word or taken.covers(m.start("num")):
            continue
        read = read_bare(m.group("num"), unit_word)
        if read is None:
            continue
        a, b = m.start("num"), m.end("num")
        label = label_match.group()
        out.append(
            Statistic(
                quantity_text=text[a:b],
                value=read.value,
                unit=read.unit,
                qualifier=read.qualifier,
                start=a,
                end=b,
                sentence=_sentence(text, max(0, a - 40), min(len(text), b + 40), a, b),
                what=label,
                measure=_measure(read.unit, label),
            )
        )
    return out


def all_tables(doc: Document) -> list[Table]:
    """The tables its reader found and those laid out in its text, in order.

    Examples:
        >>> from analysis.extract.documents import text_document
        >>> [t.location for t in all_tables(text_document("甲\\t1\\n乙\\t2"))]
        ['文本表1']
    """
    known = list(doc.tables)
    found = find_text_tables(doc.text, [(t.start, t.end) for t in known])
    return sorted(known + found, key=lambda t: t.start)


class _TableSpans:
    def __init__(self, tables: list[Table]) -> None:
        pairs = sorted((t.start, t.end) for t in tables)
        self.starts = [a for a, _ in pairs]
        self.ends = [b for _, b in pairs]

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _with_location(s: Statistic, location: str) -> Statistic:
    return Statistic(**{**s.__dict__, "location": location})


def find_statistics(text: str) -> list[Statistic]:
    """Find the statistics in ``text``, in its sentences and its tables, in order of position.

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
        >>> s.value, s.unit, s.qualifier, s.measure, s.location
        (50000.0, 'person_time', 'at_least', 'online_views', '第1行')
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    return document_statistics(text_document(text))


def _frame(stats: list[Statistic]) -> pd.DataFrame:
    rows = [tuple(getattr(s, c) for c in COLUMNS) for s in stats]
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
            "location": "str",
            "breakdown": "str",
        }
    )


def extract_document(doc: Document) -> pd.DataFrame:
    """Propose the statistics of a document as a table (see ``extract_statistics``).

    Examples:
        >>> from analysis.extract.documents import text_document
        >>> df = extract_document(text_document("签约3项"))
        >>> df[["quantity_text", "location"]].values.tolist()
        [['3项', '第1行']]
    """
    return _frame(document_statistics(doc))


def extract_statistics(text: str) -> pd.DataFrame:
    """Propose the statistics in a report as a table, one row per statistic.

    Args:
        text: The report text.

    Returns:
        A DataFrame with ``COLUMNS``: quantity_text, value (float, base units, percent as
        written), unit and qualifier (codes as ``analysis.quantities.parse_quantity``),
        start and end (offsets: ``text[start:end] == quantity_text``), sentence, what,
        measure, low/high (the bounds of a range, else missing), location (line or table
        cell) and breakdown (a table row's label).

    Examples:
        >>> df = extract_statistics("已建成5G基站9万个，用户渗透率达40.7%。")
        >>> df[["quantity_text", "value", "unit"]].values.tolist()
        [['9万个', 90000.0, 'item'], ['40.7%', 40.7, 'percent']]
        >>> extract_statistics("").shape
        (0, 13)
    """
    return _frame(find_statistics(text))
