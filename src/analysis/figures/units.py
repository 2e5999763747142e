"""Money on figures: values in yuan shown in 万元 or 亿元, on axes and as text."""

from __future__ import annotations

import math
from collections.abc import Iterable

from matplotlib.ticker import Formatter

from analysis.quantities import MONEY_UNITS

_ENGLISH = {"元": "yuan", "万元": "10,000 yuan", "亿元": "100 million yuan"}
#: Display units for amounts in yuan: name → (divisor, English name).
YUAN_UNITS = {word: (scale, _ENGLISH[word]) for word, scale in MONEY_UNITS.items()}


def format_number(value: float, decimals: int = 2) -> str:
    """``value`` with thousands separators and at most ``decimals`` decimals, zeros trimmed.

    Examples:
        >>> format_number(3052.0), format_number(35.7142), format_number(-0.0), format_number(2.5)
        ('3,052', '35.71', '0', '2.5')
    """
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def choose_yuan_scale(values: Iterable[float]) -> tuple[str, float]:
    """Unit for a set of amounts in yuan: 亿元 when the largest reaches 1亿, else 万元.

    Missing values (NaN, ``None``) are ignored; no values gives 万元.

    Examples:
        >>> choose_yuan_scale([20_000, 100_000])
        ('万元', 10000.0)
        >>> choose_yuan_scale([3.571e9, float("nan")])
        ('亿元', 100000000.0)
    """
    finite = [abs(float(v)) for v in values if v is not None and not math.isnan(float(v))]
    largest = max(finite, default=0.0)
    unit = "亿元" if largest >= 1e8 else "万元"
    return unit, YUAN_UNITS[unit][0]


def format_yuan(value: float, unit: str = "auto", decimals: int = 2) -> str:
    """Format an amount in yuan with its unit: ``35.71亿元``, ``3,052万元``, ``5,000元``.

    Args:
        value: Amount in yuan (base unit).
        unit: ``"元"``, ``"万元"``, ``"亿元"`` or ``"auto"`` (亿元 from 1亿, 万元 from 1万,
            else 元).
        decimals: Most decimals shown; trailing zeros are dropped.

    Examples:
        >>> format_yuan(3_571_000_000), format_yuan(30_520_000), format_yuan(20_000)
        ('35.71亿元', '3,052万元', '2万元')
        >>> format_yuan(5_000), format_yuan(25_000, unit="亿元", decimals=4)
        ('5,000元', '0.0003亿元')
    """
    if value is None or math.isnan(float(value)):
        return "—"
    if unit == "auto":
        size = abs(float(value))
        unit = "亿元" if size >= 1e8 else "万元" if size >= 1e4 else "元"
    if unit not in YUAN_UNITS:
        raise ValueError(f"unknown unit {unit!r}; use one of {[*YUAN_UNITS, 'auto']}")
    return format_number(float(value) / YUAN_UNITS[unit][0], decimals) + unit


def unit_label(unit: str, lang: str = "zh") -> str:
    """Axis-label form of a money unit.

    Examples:
        >>> unit_label("万元"), unit_label("亿元", "en")
        ('万元', '100 million yuan')
    """
    return unit if lang == "zh" else YUAN_UNITS[unit][1]


class YuanFormatter(Formatter):
    """Tick formatter for an axis whose data are yuan, showing numbers in 万元 or 亿元.

    With ``unit="auto"`` the unit follows the axis range at draw time
    (``choose_yuan_scale`` on the view limits); ``current_unit`` tells which.

    Examples:
        >>> f = YuanFormatter("万元")
        >>> f(50_000), f(30_520_000), f(0)
        ('5', '3,052', '0')
    """

    def __init__(self, unit: str = "auto", decimals: int = 2):
        if unit != "auto" and unit not in YUAN_UNITS:
            raise ValueError(f"unknown unit {unit!r}; use one of {[*YUAN_UNITS, 'auto']}")
        self.unit = unit
        self.decimals = decimals

    @property
    def current_unit(self) -> str:
        """The unit in use now (resolves ``auto`` from the axis view limits)."""
        if self.unit != "auto":
            return self.unit
        if self.axis is None:
            return "万元"
        return choose_yuan_scale(self.axis.get_view_interval())[0]

    def __call__(self, x, pos=None) -> str:
        return format_number(x / YUAN_UNITS[self.current_unit][0], self.decimals)


def yuan_formatter(scale: str = "auto", decimals: int = 2) -> YuanFormatter:
    """Axis formatter for amounts in yuan, in ``scale`` (``"万元"``, ``"亿元"`` or ``"auto"``).

    Examples:
        >>> yuan_formatter("亿元")(3_571_000_000)
        '35.71'
    """
    return YuanFormatter(scale, decimals)
