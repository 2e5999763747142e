"""Turn raw spreadsheet cells into typed column values, one distinct value at a time."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.load.industry import resolve_industry
from analysis.load.xlsx_scan import ErrorValue, Number1904, UncachedFormula
from analysis.quantities import UNIT_LABELS, QuantityError, parse_quantity
from analysis.schema import QUALIFIERS, YEAR_RANGE, Column
from analysis.words import UNKNOWN_WORDS

_TRUE = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "✔", "对", "国家级"})
_FALSE = frozenset({"否", "n", "no", "false", "0", "×", "✗", "错", "省级", "市级", "县级"})
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
_YEAR = re.compile(r"(\d{4})\s*(?:年度?)?")
# A month without a day (2023年8月, 2023-08, 2023/8), and a span of days whose start counts
# (2023/7/1-7/3, 2023年6月12日-14日, 2023.6.12—6.14).
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:份)?")
_SPAN = re.compile(
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)\s*(?:-|~|～|—|–|至|到)\s*"
    r"(?:\d{1,2}\s*[-/.月]\s*)?\d{1,2}\s*日?"
)
# Excel's 1900 date system counts days from 1899-12-30 (serial 60 is the fictitious 1900-02-29);
# the 1904 system (old Mac Excel, workbookPr date1904) from 1904-01-01.
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_SERIAL_1950 = (dt.datetime(1950, 1, 1) - _EXCEL_EPOCH).days
#: Excel's 1900 system counts a 29 February 1900 that never was (serial 60, kept for Lotus
#: 1-2-3), so every serial up to it is off by one day or names no day: dates before
#: 1900-03-01 are refused, whatever the reader made of them.
_LEAP_BUG_END = dt.date(1900, 3, 1)
#: Excel's error values, as an error cell holds them or as someone typed them. #SPILL!, #CALC!,
#: #FIELD!, #BLOCKED!, #CONNECT!, #BUSY! and #UNKNOWN! come from Excel 365's dynamic arrays
#: and data types; #GETTING_DATA is shown while a cube formula waits.
EXCEL_ERRORS = frozenset(
    {
        "#N/A",
        "#DIV/0!",
        "#REF!",
        "#VALUE!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#GETTING_DATA",
    }
)
#: Text that Python or pandas would read as a non-number: never a value someone meant.
_NOT_A_NUMBER = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_UNIT_SUFFIX = re.compile(r"\([^()]*\)$")
_SPACE = re.compile(r"\s+")
_PLAIN_NUMBER = re.compile(r"\s*\d+(?:\.\d+)?\s*")


#: Reason for a formula cell that was saved without its result (see ``analysis.load.xlsx_scan``).
FORMULA_REASON = (
    "公式没有计算结果，请用 Excel 打开并保存后再试 "
    "(formula without a computed value: open and save the file in Excel)"
)


def error_reason(code: str) -> str:
    """Reason for a cell holding an Excel error value.

    Examples:
        >>> error_reason("#DIV/0!")
        'Excel 错误值 #DIV/0!，公式出错，不是数值 (Excel error value #DIV/0!)'
    """
    return f"Excel 错误值 {code}，公式出错，不是数值 (Excel error value {code})"


#: Reason for NaN or infinity typed as text.
NOT_A_NUMBER_REASON = "“{}”不是数值（NaN/无穷大）(not a number: NaN or infinity)"


#: Reason for a blank cell in a column every record must fill.
REQUIRED_MISSING = "必填项为空 (required value missing)"


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; ``str()`` is the reason."""


@dataclass
class Coerced:
    """Result of coercing one column.

    Attributes:
        values: Typed values (NA where blank or rejected), same length as the input.
        errors: Object array holding a reason string where a cell was rejected, else None.
        blank: Boolean array, True where the cell was empty.
        qualifiers: For quantity columns, qualifier codes (object array), else None.
        units: For quantity columns, the unit code each cell was read in, else None.
        unknown: True where the cell says there is no value yet (待定, 暂无, /) and was read
            as blank; None when no cell does.
        unresolved: For industry cells that name no division (a section only, an unknown
            name, a code and name that disagree), the reason; the row is kept with no
            division. None when no cell is such.
    """

    values: pd.Series
    errors: np.ndarray
    blank: np.ndarray
    qualifiers: np.ndarray | None = None
    units: np.ndarray | None = None
    unknown: np.ndarray | None = None
    unresolved: np.ndarray | None = None


class Unresolved(CellError):
    """A cell that is no error but names no value this column can hold (制造业 for a division)."""


def normalise_header(text: object) -> str:
    """Normalise a header or sheet name for matching.

    NFKC (full-width brackets and letters become ASCII), case-folded, all
    whitespace removed, and a trailing unit in brackets dropped.

    Examples:
        >>> normalise_header(" 合同金额（元） ")
        '合同金额'
        >>> normalise_header("Signing ID")
        'signingid'
        >>> normalise_header("5G 应用案例")
        '5g应用案例'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    norm = _SPACE.sub("", unicodedata.normalize("NFKC", str(text))).casefold()
    # 其中：到位金额 is a part of the column before it, and named as such.
    norm = norm.removeprefix("其中:")
    stripped = _UNIT_SUFFIX.sub("", norm)
    return stripped or norm


def is_blank(value: object) -> bool:
    """Whether a raw cell counts as empty (None, NaN, or only whitespace).

    Examples:
        >>> [is_blank(v) for v in (None, float("nan"), " \\u3000", "0", 0)]
        [True, True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, str):
        return not value.strip()
    return False


def cell_text(value: object) -> str | None:
    """Render a raw cell as the text a user sees, for ids, text and messages.

    Excel stores every number as a float, so whole numbers lose their ``.0``;
    dates at midnight print as ``YYYY-MM-DD``.

    Examples:
        >>> cell_text(1.0), cell_text(2.5), cell_text(" a "), cell_text(None)
        ('1', '2.5', 'a', None)
        >>> cell_text(dt.datetime(2023, 10, 28))
        '2023-10-28'
    """
    if is_blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _norm_value(value: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", value)).casefold()


def _text(value: object, _column: Column) -> str:
    return cell_text(value)


def _id(value: object, _column: Column) -> str:
    # Ids are matched across tables: a full-width Ｅ１ typed with a Chinese IME is E1.
    return unicodedata.normalize("NFKC", cell_text(value))


#: A category cell that starts with one of these denies the word after it (未签约).
_NEGATIONS = ("未", "尚未", "暂未", "没有", "不", "非")


def _category_parser(column: Column) -> Callable[[object, Column], str]:
    lookup = {}
    for code, label in (column.choices or {}).items():
        lookup[_norm_value(code)] = code
        lookup[_norm_value(label)] = code
    for word, code in (column.words or {}).items():
        lookup[_norm_value(word)] = code
    # Words to look for inside a longer cell (项目路演 → 路演).
    inner = [(w, c) for w, c in lookup.items() if not w.isascii()]
    words = sorted((w for w, _ in inner), key=len, reverse=True)
    pending = (
        re.compile(f"(?:待|未|尚未|暂未|没有)(?:{'|'.join(map(re.escape, words))})")
        if words
        else None
    )
    allowed = "/".join((column.choices or {}).values())

    def parse(value: object, _column: Column) -> str:
        key = _norm_value(cell_text(value))
        if key in lookup:
            return lookup[key]
        if not key.startswith(_NEGATIONS):
            # A word that is still to come (已签约待落地, 未转化) says nothing of the stage.
            key = pending.sub("", key) if pending else key
            # Every word found must point to one code: 技术转让、许可 names two modes.
            codes = {c for w, c in inner if w in key}
            if len(codes) == 1:
                return codes.pop()
            if codes:
                labels = "、".join((column.choices or {}).get(c, c) for c in sorted(codes))
                raise CellError(f"类别不明确，可能是 {labels} (ambiguous category)")
        raise CellError(f"未知类别，应为 {allowed} (unknown category)")

    return parse


def _check_year(year: int) -> int:
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise CellError(f"年份 {year} 超出 {YEAR_RANGE[0]}–{YEAR_RANGE[1]} (year out of range)")
    return year


def _from_serial(serial: float) -> np.datetime64:
    if serial == 60 and not isinstance(serial, Number1904):
        raise CellError(_LEAP_BUG_REASON)
    epoch = _EPOCH_1904 if isinstance(serial, Number1904) else _EXCEL_EPOCH
    first = _SERIAL_1950 - ((_EPOCH_1904 - _EXCEL_EPOCH).days if epoch is _EPOCH_1904 else 0)
    # Serials below 1950-01-01 are refused: a small number in a date column is far more
    # likely a year (2023 would otherwise become 1905-07-15) than a date before 1950.
    if not (first <= serial < 2958466) or not float(serial).is_integer():
        shown = cell_text(serial)
        raise CellError(f"数字 {shown} 不是日期，请写成 2023-10-28 (number is not a date)")
    day = epoch + dt.timedelta(days=int(serial))
    _check_year(day.year)
    return np.datetime64(day.date(), "ns")


_LEAP_BUG_REASON = (
    "Excel 序列号 60 是不存在的 1900-02-29（Excel 1900 日期系统的闰年错误），"
    "1900-03-01 以前的日期都不可靠 (serial 60: Excel's fictitious 1900-02-29)"
)


def date_note(value: object) -> str | None:
    """How a date cell that is not one day was read: the first day of its month or span.

    Examples:
        >>> date_note("2023年8月"), date_note("2023/7/1-7/3"), date_note("2023-07-01")
        ('只写了月份，按当月1日计', '写的是时间段，按开始日计', None)
    """
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if _MONTH.fullmatch(text):
        return "只写了月份，按当月1日计"
    if _SPAN.fullmatch(text):
        return "写的是时间段，按开始日计"
    return None


def _date(value: object, _column: Column) -> np.datetime64:
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        if day < _LEAP_BUG_END:
            raise CellError(_LEAP_BUG_REASON)
        _check_year(day.year)
        return np.datetime64(day, "ns")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    if not isinstance(value, str):
        raise CellError("无法识别的日期 (unreadable date)")
    text = unicodedata.normalize("NFKC", value).strip()
    span = _SPAN.fullmatch(text)
    if span:
        text = span.group(1).strip()
    month = _MONTH.fullmatch(text)
    match = _DATE.fullmatch(text)
    if month and not match:
        parts = (int(month.group(1)), int(month.group(2)), 1)
    elif match:
        parts = tuple(int(g) for g in match.groups())
    elif re.fullmatch(r"\d{8}", text):
        parts = (int(text[:4]), int(text[4:6]), int(text[6:]))
    elif re.fullmatch(r"\d{5}", text):
        return _from_serial(float(text))
    else:
        raise CellError("无法识别的日期 (unreadable date)")
    try:
        day = dt.date(*parts)
    except ValueError as exc:
        raise CellError("日期不存在 (invalid calendar date)") from exc
    _check_year(day.year)
    return np.datetime64(day, "ns")


def _year(value: object, _column: Column) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not float(value).is_integer():
            raise CellError("年份须为整数 (year must be a whole number)")
        return _check_year(int(value))
    if isinstance(value, str):
        match = _YEAR.fullmatch(unicodedata.normalize("NFKC", value).strip())
        if match:
            return _check_year(int(match.group(1)))
    raise CellError("无法识别的年份 (unreadable year)")


def _int(value: object, _column: Column) -> int:
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace(",", "")
        try:
            value = float(text)
        except ValueError as exc:
            raise CellError("无法识别的整数 (unreadable integer)") from exc
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if numeric and math.isfinite(value) and float(value).is_integer():
        return int(value)
    raise CellError("无法识别的整数 (unreadable integer)")


def header_scale(header: object, column: Column) -> tuple[float, str] | None:
    """The multiplier a unit written in a quantity column's header puts on plain numbers.

    ``合同金额（万元）`` means a cell holding 120 is 120万元. Only a bracketed unit at
    the end of the header that is the column's own unit counts.

    Returns:
        ``(factor, unit text)``, or None when the header names no unit of this column.

    Examples:
        >>> from analysis.schema import TABLES
        >>> value = TABLES["signings"].column("value")
        >>> header_scale("合同金额（万元）", value), header_scale("合同金额(元)", value)
        ((10000.0, '万元'), (1.0, '元'))
        >>> header_scale("合同金额", value) is None, header_scale("金额（人）", value) is None
        (True, True)
    """
    if column.kind != "quantity" or column.unit is None or header is None:
        return None
    match = _UNIT_SUFFIX.search(_SPACE.sub("", unicodedata.normalize("NFKC", str(header))))
    if not match:
        return None
    inner = match.group(0)[1:-1]
    try:
        quantity = parse_quantity("1" + inner)
    except QuantityError:
        return None
    if quantity.unit != column.unit or quantity.qualifier != "exact":
        return None
    return float(quantity.value), inner


#: Largest believable value per unit; bigger is a typo (extra zeros, a pasted id).
#: 1e13 元 = 10万亿元, about three times China's total R&D spending in 2023 (3.34万亿元,
#: National Bureau of Statistics, 2023 national R&D funding bulletin); 1e10 people is more
#: than the world population; views and other counts get more room.
PLAUSIBLE_MAX = {
    "yuan": 1e13,
    "person": 1e10,
    "person_time": 1e12,
    "organization": 1e9,
}
_DEFAULT_MAX = 1e15
_NEGATIVE = re.compile(r"\s*[-−－–]\s*\d")
_MULTIPLIER = re.compile(r"[万萬亿億]")
NEGATIVE_REASON = "数量不能为负 (negative quantity)"


def _quantity_parser(scale: float) -> Callable[[object, Column], tuple[float, str, str | None]]:
    def parse(value: object, column: Column) -> tuple[float, str, str | None]:
        return _quantity(value, column, scale)

    return parse


def _quantity(value: object, column: Column, scale: float = 1.0) -> tuple[float, str, str | None]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number, qualifier, unit = float(value) * scale, "exact", column.unit
    elif isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
        # CSV cells are text: plain numbers skip the full parser (a large share of big files).
        number, qualifier, unit = float(value) * scale, "exact", column.unit
    elif isinstance(value, str):
        try:
            quantity = parse_quantity(value.strip())
        except QuantityError as exc:
            if _NEGATIVE.match(unicodedata.normalize("NFKC", value)):
                raise CellError(NEGATIVE_REASON) from exc
            raise CellError("无法识别的数量 (unreadable quantity)") from exc
        number, qualifier = float(quantity.value), quantity.qualifier
        if quantity.unit is None and not _MULTIPLIER.search(value):
            # A bare number (约120, 1,200.5) is in the header's unit, like a plain number. One
            # with its own 万/亿 (1200万 in a 万元 column) already says its size: 1200万元.
            number *= scale
        unit = quantity.unit if quantity.unit is not None else column.unit
        if column.unit is not None and quantity.unit not in (None, column.unit):
            raise CellError(
                f"单位不符：应为{UNIT_LABELS.get(column.unit, column.unit)}，"
                f"却是{quantity.unit_text or quantity.unit} "
                f"(unit mismatch: expected {column.unit}, got {quantity.unit})"
            )
    else:
        raise CellError("无法识别的数量 (unreadable quantity)")
    if not math.isfinite(number):
        raise CellError("无法识别的数量 (unreadable quantity)")
    if number < 0:
        raise CellError(NEGATIVE_REASON)
    limit = PLAUSIBLE_MAX.get(unit or "", _DEFAULT_MAX)
    if number > limit:
        raise CellError(
            f"数值大得不合理（超过 {limit:.0e} {UNIT_LABELS.get(unit or '', '')}），"
            f"请检查是否多写了零 (implausibly large value)"
        )
    return number, qualifier, unit


def _bool(value: object, _column: Column) -> bool:
    if isinstance(value, bool):
        return value
    key = _norm_value(cell_text(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError("应填“是”或“否” (expected yes/no)")


def _division_parser(divisions: frozenset[str]) -> Callable[[object, Column], str]:
    def parse(value: object, _column: Column) -> str:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and not float(value).is_integer():
            raise CellError("行业大类代码须为两位整数 (division code must be two digits)")
        found = resolve_industry(value)
        if found.code is None:
            raise Unresolved(found.reason)
        if divisions and found.code not in divisions:
            raise CellError(
                f"{found.code} 不是 GB/T 4754-2017 的行业大类代码 01–97 (not a GB/T 4754 division)"
            )
        return found.code

    return parse


def _parser(
    column: Column, divisions: frozenset[str], scale: float = 1.0
) -> Callable[[object, Column], object]:
    return {
        "id": _id,
        "text": _text,
        "category": _category_parser(column),
        "date": _date,
        "year": _year,
        "int": _int,
        "quantity": _quantity_parser(scale),
        "bool": _bool,
        "division": _division_parser(divisions),
    }[column.kind]


def coerce_column(
    raw: pd.Series,
    column: Column,
    divisions: frozenset[str],
    *,
    scale: float = 1.0,
    factorized: tuple[np.ndarray, np.ndarray] | None = None,
) -> Coerced:
    """Coerce raw cells to ``column``'s kind.

    Each distinct raw value is parsed once (``pd.factorize``) and the results are
    spread back by position, so a column of a million rows with a few thousand
    distinct values costs a few thousand parses.

    Args:
        raw: Raw cells (object dtype: str, float, datetime, None ...).
        column: Column definition from ``analysis.schema``.
        divisions: The valid two-digit division codes.
        scale: For quantity columns, the multiplier for numbers written without a unit
            (10000 when the header says 万元; see ``header_scale``).
        factorized: ``raw``'s codes and distinct values from ``pd.factorize`` (missing
            as -1), when the caller has them; the distinct values may include some that
            ``raw`` no longer holds.

    Returns:
        The coerced column with per-cell errors and blank flags.

    Examples:
        >>> from analysis.schema import TABLES
        >>> col = TABLES["signings"].column("mode")
        >>> out = coerce_column(pd.Series(["转让", "licence", "卖掉", None]), col, frozenset())
        >>> list(out.values.astype(object).where(out.values.notna(), None))
        ['transfer', 'licence', None, None]
        >>> out.errors[2]
        '未知类别，应为 自行投资实施/转让/许可/合作实施/作价投资/其他 (unknown category)'
        >>> out.blank.tolist()
        [False, False, False, True]
    """
    if factorized is None:
        factorized = pd.factorize(np.asarray(raw, dtype=object), use_na_sentinel=True)
    codes, uniques = factorized
    parse = _parser(column, divisions, scale)
    n = len(uniques)
    # One extra slot at the end for missing cells (factorize code -1).
    take = np.where(codes < 0, n, codes)
    results: list[object] = [None] * (n + 1)
    errors = np.full(n + 1, None, dtype=object)
    blank = np.ones(n + 1, dtype=bool)
    if parse in (_text, _id) and pd.api.types.infer_dtype(uniques, skipna=False) == "string":
        # All distinct cells are strings (the usual text or id column): strip them in one
        # pass instead of a blank test and a parser call per value; same result as the loop.
        stripped = [value.strip() for value in uniques]
        if parse is _id:
            # NFKC leaves ASCII alone, and ids are nearly always ASCII.
            stripped = [t if t.isascii() else unicodedata.normalize("NFKC", t) for t in stripped]
        blank[:n] = [not text for text in stripped]
        results[:n] = [text or None for text in stripped]
        uniques = ()
    unknown = np.zeros(n + 1, dtype=bool)
    unresolved = np.full(n + 1, None, dtype=object)
    done = _plain_quantities(uniques, column, scale, results, blank)
    for i, value in enumerate(uniques):
        if done is not None and done[i]:
            continue
        if is_blank(value):
            continue
        said = column.kind not in ("text", "id") and isinstance(value, str)
        if said and _SPACE.sub("", unicodedata.normalize("NFKC", value)) in UNKNOWN_WORDS:
            unknown[i] = True
            continue
        blank[i] = False
        if isinstance(value, UncachedFormula):
            errors[i] = FORMULA_REASON
            continue
        if isinstance(value, ErrorValue):
            errors[i] = error_reason(value.code)
            continue
        # Text and id columns keep what was typed; only values are refused for it.
        if said and (reason := _typed_error(value)):
            errors[i] = reason
            continue
        try:
            results[i] = parse(value, column)
        except Unresolved as exc:
            unresolved[i] = str(exc)
        except CellError as exc:
            errors[i] = str(exc)
    qualifiers = units = None
    if column.kind == "quantity":
        qualifiers = np.array([r[1] if r else None for r in results], dtype=object)[take]
        units = np.array([r[2] if r else None for r in results], dtype=object)[take]
        results = [r[0] if r else None for r in results]
    # take, not [take]: an Arrow string array's indexing checks the positions first.
    values = pd.Series(_typed(results, column).take(take), index=raw.index, name=column.name)
    # Tested after the spread: a distinct value may belong to no row left (``factorized``).
    said = unknown[take] if unknown.any() else None
    said = said if said is not None and said.any() else None
    open_ = unresolved[take] if (unresolved != None).any() else None  # noqa: E711
    open_ = open_ if open_ is not None and (open_ != None).any() else None  # noqa: E711
    return Coerced(values, errors[take], blank[take], qualifiers, units, said, open_)


def _plain_quantities(
    uniques, column: Column, scale: float, results: list, blank: np.ndarray
) -> np.ndarray | None:
    """Parse the distinct cells of a quantity column that are plain numbers, all at once.

    What ``_quantity`` does with a number, in numpy: scaled, exact, in the header's unit,
    kept when finite, not negative and not implausibly large. Those are written into
    ``results`` and ``blank``; the mask of them is returned (None for other columns), and
    every other cell, a refused number included, goes through ``_quantity`` for its reason.

    Examples:
        >>> from analysis.schema import TABLES
        >>> column = TABLES["signings"].column("value")
        >>> results, blank = [None] * 4, np.ones(4, dtype=bool)
        >>> _plain_quantities([5, 2.5, -1.0], column, 1e4, results, blank).tolist()
        [True, True, False]
        >>> results[:2]
        [(50000.0, 'exact', 'yuan'), (25000.0, 'exact', 'yuan')]
    """
    if column.kind != "quantity" or not len(uniques):
        return None
    # Exact types: a bool is no number here, and a Number1904 takes the full parser.
    plain = np.fromiter((type(v) is float or type(v) is int for v in uniques), bool, len(uniques))
    if not plain.any():
        return None
    at = np.flatnonzero(plain)
    try:
        numbers = np.array([uniques[i] for i in at], dtype="float64") * scale
    except OverflowError:  # an integer beyond any float: the full parser says why
        return None
    limit = PLAUSIBLE_MAX.get(column.unit or "", _DEFAULT_MAX)
    kept = np.isfinite(numbers) & (numbers >= 0) & (numbers <= limit)
    for i, number in zip(at[kept].tolist(), numbers[kept].tolist(), strict=True):
        results[i] = (number, "exact", column.unit)
    blank[at[kept]] = False
    done = np.zeros(len(uniques), dtype=bool)
    done[at[kept]] = True
    return done


def _typed_error(text: str) -> str | None:
    """Why a text cell is an error value or NaN/infinity, else None.

    Examples:
        >>> _typed_error(" #n/a ")
        'Excel 错误值 #N/A，公式出错，不是数值 (Excel error value #N/A)'
        >>> _typed_error("-Infinity")
        '“-Infinity”不是数值（NaN/无穷大）(not a number: NaN or infinity)'
        >>> _typed_error("N/A") is None
        True
    """
    stripped = text.strip()
    if stripped.startswith("#") and (code := stripped.upper()) in EXCEL_ERRORS:
        return error_reason(code)
    if _NOT_A_NUMBER.fullmatch(stripped):
        return NOT_A_NUMBER_REASON.format(stripped)
    return None


def _typed(values: list, column: Column):
    kind = column.kind
    if kind == "category":
        return pd.Categorical(values, categories=list(column.choices or {}))
    if kind == "date":
        nat = np.datetime64("NaT", "ns")
        return np.array([nat if v is None else v for v in values], dtype="datetime64[ns]")
    if kind in ("year", "int"):
        return pd.array(values, dtype="Int64")
    if kind == "quantity":
        return np.array([np.nan if v is None else v for v in values], dtype="float64")
    if kind == "bool":
        return pd.array(values, dtype="boolean")
    return pd.array(values, dtype="str")


def qualifier_categorical(values: np.ndarray | list) -> pd.Categorical:
    """Qualifier codes as a categorical over the four codes of ``QUALIFIERS``.

    Anything else (None) is missing. The distinct values are looked up, not every cell:
    a column of 10^5 cells holds two or three.

    Examples:
        >>> list(qualifier_categorical(["exact", None]).categories)
        ['exact', 'approx', 'at_least', 'at_most']
        >>> qualifier_categorical(["approx", None, "at_most"]).tolist()
        ['approx', nan, 'at_most']
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    known = list(QUALIFIERS)
    where = np.array([known.index(u) if u in known else -1 for u in uniques] + [-1], dtype="int8")
    return pd.Categorical.from_codes(where[codes], dtype=_QUALIFIER_DTYPE)


#: The dtype of every qualifier column (``qualifier_categorical``).
_QUALIFIER_DTYPE = pd.CategoricalDtype(list(QUALIFIERS))
