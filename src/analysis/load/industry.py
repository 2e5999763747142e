"""Read an industry cell of a 5G case list into a GB/T 4754-2017 division, or say why not."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.reference import divisions as bundled_divisions

#: Kinds of ``Industry.problem``.
SECTION, UNKNOWN, MISMATCH = "section", "unknown", "mismatch"

# A section letter, a one- or two-digit code, then an optional name after a separator:
# C38电气机械和器材制造业, D46, G59 装卸搬运和仓储业, 38-电气机械和器材制造业.
# A 3- or 4-digit code is a group or class (中类, 小类) of GB/T 4754: its first two digits
# are the division (C3670 汽车零部件及配件制造 is in 36).
_CODED = re.compile(
    r"(?P<letter>[A-Ta-t])?[-—–_·.:：]?(?P<code>\d{1,2})(?P<finer>\d{1,2})?"
    r"(?:[-—–_·.、:：()（）]*(?P<name>\D.*))?"
)
# A name with its code after it in brackets: 汽车制造业（36）.
_NAME_THEN_CODE = re.compile(r"(?P<name>\D+?)[(（](?P<letter>[A-Ta-t])?(?P<code>\d{2})[)）]")
# Section name, then a division name: 制造业-汽车制造业, 制造业/汽车制造业.
_PATH = re.compile(r"[-—–/>＞→·:：]")
_LETTER_ONLY = re.compile(r"(?P<letter>[A-Ta-t])(?:[-—–_·.、:：]*(?P<name>\D.*))?")
_DROP = re.compile(r"[\s、，,·()（）《》“”\"']+")

#: Words analysts write for a division that are not its name nor a part of it, each naming
#: one division without doubt. 医疗卫生: hospitals and clinics are groups 841 医院 and 842
#: 基层医疗卫生服务 of division 84 卫生 (GB/T 4754-2017); 85 社会工作 is care and welfare.
SHORT_FORMS = {"医疗卫生": "84"}


def _key(text: str) -> str:
    """A name as compared: NFKC, no spaces or punctuation, without a trailing 行业 or 业."""
    key = _DROP.sub("", unicodedata.normalize("NFKC", text))
    if key.endswith("行业") and len(key) > 3:
        key = key[:-2]
    return key[:-1] if key.endswith("业") and len(key) > 2 else key


@dataclass(frozen=True)
class Industry:
    """What an industry cell says.

    Attributes:
        code: The two-digit division, when the cell names one without doubt.
        problem: ``section`` (names a section only), ``unknown`` (names nothing known) or
            ``mismatch`` (a code and a name, or a letter, that disagree); ``None`` when read.
        candidates: For a section, its letter; for a mismatch, the codes in question.
        reason: The load report's words for a problem.
    """

    code: str | None
    problem: str | None = None
    candidates: str = ""
    reason: str = ""


@dataclass(frozen=True)
class _Names:
    division_of: dict[str, str]  # name key → code
    name_of: dict[str, str]  # code → name
    section_of: dict[str, str]  # code → section letter
    section_by_name: dict[str, str]  # section-name key → letter
    section_name: dict[str, str]  # letter → name
    section_size: dict[str, int]
    section_span: dict[str, str]  # letter → its divisions, "13–43"


@lru_cache(maxsize=4)
def _names_from(rows: tuple[tuple[str, str, str, str], ...]) -> _Names:
    division_of: dict[str, str] = {}
    for code, name, _letter, _section in rows:
        division_of.setdefault(_key(name), code)
    # The first part of a name listed with 、 (电信 of 电信、广播电视和卫星传输服务) when no
    # other division's name contains it: 电力 is 44, but 石油 is in 07's name and 25's.
    keys = {code: _key(name) for code, name, _letter, _section in rows}
    for code, name, _letter, _section in rows:
        first = _key(re.split("[、，]", name)[0])
        others = [k for c, k in keys.items() if c != code and first in k]
        if "、" in name and len(first) >= 2 and not others:
            division_of.setdefault(first, code)
    for word, code in SHORT_FORMS.items():
        division_of.setdefault(_key(word), code)
    section_by_name = {_key(section): letter for _c, _n, letter, section in rows}
    sizes: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    for code, _name, letter, _section in rows:
        sizes[letter] = sizes.get(letter, 0) + 1
        members.setdefault(letter, []).append(code)
    spans = {
        letter: codes[0] if len(codes) == 1 else f"{min(codes)}–{max(codes)}"
        for letter, codes in members.items()
    }
    # A division named like its section (none in GB/T 4754-2017 today) stays a division.
    return _Names(
        division_of=division_of,
        name_of={code: name for code, name, _l, _s in rows},
        section_of={code: letter for code, _n, letter, _s in rows},
        section_by_name={k: v for k, v in section_by_name.items() if k not in division_of},
        section_name={letter: section for _c, _n, letter, section in rows},
        section_size=sizes,
        section_span=spans,
    )


@lru_cache(maxsize=1)
def _bundled_names() -> _Names:
    return _names_of(bundled_divisions())


def _names(divisions: pd.DataFrame | None) -> _Names:
    # Called once per distinct cell: the bundled list is turned into lookups only once.
    return _bundled_names() if divisions is None else _names_of(divisions)


def _names_of(table: pd.DataFrame) -> _Names:
    rows = tuple(
        zip(
            table["division_code"].astype(str).str.zfill(2),
            table["division_name"].astype(str),
            table["section_code"].astype(str),
            table["section_name"].astype(str),
            strict=True,
        )
    )
    return _names_from(rows)


def _section(names: _Names, letter: str, shown: str) -> Industry:
    size = names.section_size.get(letter, 0)
    return Industry(
        None,
        SECTION,
        letter,
        f"“{shown}”只写了门类 {letter}（{names.section_name.get(letter, '')}，{size} 个大类），"
        f"没有写明大类；候选大类 {names.section_span.get(letter, '')}",
    )


def resolve_industry(value: object, divisions: pd.DataFrame | None = None) -> Industry:
    """Read an industry cell: a code, a section letter and code, a name, or a section.

    The division is taken by its two-digit code (also as Excel stored it, ``6`` for ``06``),
    a section letter and code (``C38``), a code with its name (``38 电气机械和器材制造业``),
    or its exact name after NFKC, without spaces, punctuation or a trailing 业
    (``汽车制造``, ``卫生``). A letter or name given beside a code is checked against it:
    a disagreement is a ``mismatch``, never a guess. A section alone (``制造业``, ``C``,
    ``C 制造业``) names no division.

    Args:
        value: The cell as read (text or a number).
        divisions: The division list (``analysis.reference.divisions()`` by default).

    Examples:
        >>> resolve_industry("C38电气机械和器材制造业").code, resolve_industry(6).code
        ('38', '06')
        >>> resolve_industry("Ｇ５９ 装卸搬运和仓储业").code, resolve_industry("卫生").code
        ('59', '84')
        >>> r = resolve_industry("制造业")
        >>> r.problem, r.candidates
        ('section', 'C')
        >>> r = resolve_industry("38 汽车制造业")
        >>> r.code, r.problem, r.candidates
        (None, 'mismatch', '38/36')
        >>> resolve_industry("智慧城市").problem
        'unknown'
    """
    names = _names(divisions)
    if isinstance(value, bool):
        return Industry(None, UNKNOWN, "", f"“{value}”不是行业")
    if isinstance(value, int | float):
        if not float(value).is_integer():
            return Industry(None, UNKNOWN, "", f"“{value}”不是两位大类代码")
        return _coded(names, f"{int(value):02d}", None, None, str(int(value)))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    compact = re.sub(r"\s+", "", text)
    if re.search(r"\d[、，,；;和及]\D?\d", compact):
        return Industry(None, UNKNOWN, "", f"“{text}”写了不止一个大类")
    match = _CODED.fullmatch(compact)
    if match:
        code = match.group("code").zfill(2)
        finer = bool(match.group("finer"))
        if finer and (
            len(match.group("code")) < 2 or not (match.group("letter") or match.group("name"))
        ):
            # C3670 or 3670 汽车零部件 is a class of 36; a bare 123 may as well be a typo.
            return Industry(
                None, UNKNOWN, "", f"“{text}”不是两位大类代码（3、4 位代码须带门类字母或名称）"
            )
        return _coded(names, code, match.group("letter"), match.group("name"), text, finer)
    after = _NAME_THEN_CODE.fullmatch(compact)
    if after:
        return _coded(names, after.group("code"), after.group("letter"), after.group("name"), text)
    key = _key(compact)
    if key in names.division_of:
        return Industry(names.division_of[key])
    if key in names.section_by_name:
        return _section(names, names.section_by_name[key], text)
    parts = [p for p in _PATH.split(compact) if p]
    if len(parts) == 2 and _key(parts[1]) in names.division_of:
        # 制造业-汽车制造业: the division, when the section before it is its own.
        code = names.division_of[_key(parts[1])]
        section = names.section_by_name.get(_key(parts[0]))
        if section == names.section_of[code]:
            return Industry(code)
        if section is not None:
            return Industry(
                None,
                MISMATCH,
                f"{section}/{names.section_of[code]}",
                f"“{text}”：大类 {code}（{names.name_of[code]}）不在门类 {section}",
            )
    letter_only = _LETTER_ONLY.fullmatch(compact)
    if letter_only:
        letter = letter_only.group("letter").upper()
        name = letter_only.group("name")
        if letter in names.section_size and (
            not name or names.section_by_name.get(_key(name)) == letter
        ):
            return _section(names, letter, text)
    return Industry(None, UNKNOWN, "", f"“{text}”不是 GB/T 4754-2017 的大类代码或名称")


def _coded(
    names: _Names,
    code: str,
    letter: str | None,
    name: str | None,
    shown: str,
    finer: bool = False,
):
    if code not in names.name_of:
        return Industry(None, UNKNOWN, "", f"“{shown}”：{code} 不是 GB/T 4754-2017 的大类代码")
    section = names.section_of[code]
    if letter and letter.upper() != section:
        return Industry(
            None,
            MISMATCH,
            f"{letter.upper()}/{section}",
            f"“{shown}”：大类 {code}（{names.name_of[code]}）属于门类 {section}，"
            f"不是 {letter.upper()}",
        )
    if name:
        key = _key(name)
        own = _key(names.name_of[code])
        if key == own or names.section_by_name.get(key) == section or key in own:
            return Industry(code)
        other = names.division_of.get(key)
        if finer and (other is None or other == code):
            # A group or class code names its own group (汽车零部件及配件制造 in 36), which the
            # division list does not hold: only another division's name is a disagreement.
            return Industry(code)
        found = f"{other}（{names.name_of[other]}）" if other else "任何大类"
        return Industry(
            None,
            MISMATCH,
            f"{code}/{other}" if other else code,
            f"“{shown}”：代码 {code} 是“{names.name_of[code]}”，名称却是{found}",
        )
    return Industry(code)
