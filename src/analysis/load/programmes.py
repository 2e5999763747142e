"""Which programme a ledger's rows belong to: 项目信息, --programme, a sheet title, the file."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

#: Words that end a sheet title or file name without naming the programme.
_SUFFIXES = re.compile(
    r"(?:工作台账|台账|汇总表|汇总|登记表|统计表|一览表|明细表|明细|情况表|开展情况|使用情况|"
    r"执行情况|清单|报表|表|活动|签约项目|经费)+$"
)
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]|\[[^\]]*\]")
_YEAR = re.compile(r"\d{4}\s*年度?")
#: What makes a title name one programme rather than a kind of table: a place or an
#: organisation, a quoted name, or a word for a programme.
_SPECIFIC = re.compile(
    r"[省市区县镇乡]|科协|科技局|协会|中心|大学|学院|“|「|《|行动|计划|工程|专项|试点"
)
#: File-name decorations that are not part of a name: copies, versions, owners (-王), _csv.
_FILE_NOISE = re.compile(
    r"^(?:副本|复件)|[-_ ]+(?:csv|终稿|定稿|最终版|修改版|v\d+|[^-_ ]{1,3})$", re.I
)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip()
    # Keep Chinese quotes (“科创中国”): NFKC leaves them, but strip the half-width kind.
    text = _BRACKETS.sub("", text).strip()
    previous = None
    while previous != text:
        previous = text
        text = _SUFFIXES.sub("", text).strip(" -_、，,:：")
    return text


_ENCLOSING = (("“", "”"), ('"', '"'), ("「", "」"), ("『", "』"))


def plain_name(name: str) -> str:
    """A programme name without quotes that wrap all of it (“某项目” → 某项目).

    Examples:
        >>> plain_name("“高新区2023年成果转化项目”"), plain_name("“科创中国”低空经济项目")
        ('高新区2023年成果转化项目', '“科创中国”低空经济项目')
    """
    text = name.strip()
    for left, right in _ENCLOSING:
        inner = text[len(left) : -len(right)]
        if (
            text.startswith(left)
            and text.endswith(right)
            and left not in inner
            and right not in inner
        ):
            return inner.strip()
    return text


def name_from_title(title: str) -> str | None:
    """The programme a sheet title names, or None for a title that names only a table.

    Examples:
        >>> name_from_title("2023年西湖区“科创中国”技术交易服务项目工作台账（单位：万元）")
        '2023年西湖区“科创中国”技术交易服务项目'
        >>> name_from_title("2023年新建区产学研合作项目汇总表")
        '2023年新建区产学研合作项目'
        >>> name_from_title("科技成果转化项目登记表"), name_from_title("2023年签约项目明细")
        (None, None)
    """
    text = _clean(title)
    core = _YEAR.sub("", text)
    if len(core) < 4 or not _SPECIFIC.search(core):
        return None
    return text


def name_from_path(path: str | Path) -> str:
    """The programme name a ledger's file or folder name gives (the last resort).

    Examples:
        >>> name_from_path("东湖区科协2023年成果转化台账.xlsx")
        '东湖区科协2023年成果转化'
        >>> name_from_path("湾里区科协2023年产学研对接_csv")
        '湾里区科协2023年产学研对接'
        >>> name_from_path("成果转化专项台账-王.xlsx"), name_from_path("副本项目汇总(1).xlsx")
        ('成果转化专项', '项目')
    """
    path = Path(path)
    stem = path.name if path.is_dir() else path.stem
    text = _BRACKETS.sub("", unicodedata.normalize("NFKC", stem)).strip()
    text = _FILE_NOISE.sub("", text).strip()
    return _clean(text) or stem


def choose_programme(
    listed: Iterable[str],
    given: str | None,
    titles: Iterable[str],
    path: str | Path,
) -> tuple[str | None, str]:
    """The programme for rows that name none, and where it came from.

    In this order: the only programme of 项目信息; ``--programme``; the first sheet title
    that names a programme; the file or folder name. With several programmes in 项目信息
    no default is taken: each row must name its own.

    Examples:
        >>> choose_programme(["P"], None, [], "x.xlsx")
        ('P', '项目信息表（唯一的项目）')
        >>> choose_programme(["P", "Q"], None, [], "x.xlsx")[0] is None
        True
        >>> choose_programme([], None, ["科技成果转化项目登记表"], "东湖区科协2023年台账.xlsx")
        ('东湖区科协2023年', '文件名“东湖区科协2023年台账.xlsx”')
    """
    listed = sorted({p for p in listed if p and not pd.isna(p)})
    if len(listed) == 1:
        return listed[0], "项目信息表（唯一的项目）"
    if len(listed) > 1:
        return None, f"项目信息表列出 {len(listed)} 个项目，每行须注明所属项目"
    if given:
        return given, "--programme 参数"
    for title in titles:
        name = name_from_title(title)
        if name:
            return name, f"工作表标题“{title}”"
    return name_from_path(path), f"文件名“{Path(path).name}”"
