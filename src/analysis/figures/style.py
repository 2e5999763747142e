"""The house style: CJK font, colour-blind-safe palette, sizes, and the figure language."""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler

from analysis.figures.fonts import register_cjk_font
from analysis.figures.labels import check_lang, label

#: Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable with the
#: common colour-vision deficiencies. Ordered for use: yellow and black come last because
#: yellow is faint on white and black reads as text.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
)

#: Grey for secondary marks (source lines, "not covered" bars).
GREY = "#999999"

#: Salt for SVG element ids, so that the same figure gives the same SVG bytes.
SVG_HASHSALT = "kechuang-eval"

#: Resolution of saved PNG files.
SAVE_DPI = 150

_STATE = {"lang": "zh"}


def current_lang() -> str:
    """Language set by the last ``use_house_style`` call (``"zh"`` before any call).

    Examples:
        >>> current_lang() in ("zh", "en")
        True
    """
    return _STATE["lang"]


def resolve_lang(lang: str | None) -> str:
    """``lang`` checked, or the current language when ``None``.

    Examples:
        >>> resolve_lang("en")
        'en'
    """
    return check_lang(current_lang() if lang is None else lang)


def house_rcparams(family: str | None) -> dict:
    """The rcParams of the house style, with ``family`` (a CJK font) first in line.

    Examples:
        >>> house_rcparams("Noto Sans CJK SC")["font.sans-serif"][:2]
        ['Noto Sans CJK SC', 'DejaVu Sans']
        >>> house_rcparams(None)["svg.hashsalt"]
        'kechuang-eval'
    """
    fonts = [family] if family else []
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [*fonts, "DejaVu Sans"],
        # The CJK font draws ASCII hyphen-minus well; U+2212 would be a second font lookup.
        "axes.unicode_minus": False,
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 10,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "legend.fontsize": 9,
        "legend.frameon": False,
        "axes.prop_cycle": cycler(color=list(PALETTE)),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.grid.axis": "y",
        "axes.axisbelow": True,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.6,
        "figure.figsize": (7.0, 4.2),
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "figure.constrained_layout.use": True,
        "savefig.dpi": SAVE_DPI,
        "savefig.facecolor": "white",
        "path.simplify": True,
        # Glyphs as paths: the SVG looks the same without the font installed, and with a
        # fixed salt its ids (hence its bytes) do not change from run to run.
        "svg.fonttype": "path",
        "svg.hashsalt": SVG_HASHSALT,
    }


def use_house_style(lang: str = "zh") -> str | None:
    """Apply the house style to matplotlib and set the figure language.

    Finds and registers a CJK font (see ``analysis.figures.fonts``). Chinese
    figures need one, so with ``lang="zh"`` a missing font raises; with
    ``lang="en"`` it only warns, since data values may still be Chinese.

    Args:
        lang: ``"zh"`` (default) or ``"en"``: the language of labels drawn by the
            chart helpers.

    Returns:
        The CJK font family in use, or ``None`` (English, no font found).

    Raises:
        analysis.figures.fonts.FontNotFoundError: ``lang="zh"`` and no CJK font.

    Examples:
        >>> family = use_house_style("zh")
        >>> import matplotlib
        >>> matplotlib.rcParams["font.sans-serif"][0] == family
        True
    """
    check_lang(lang)
    family = register_cjk_font(required=(lang == "zh"))
    mpl.rcParams.update(house_rcparams(family))
    _STATE["lang"] = lang
    return family


def source_text(text: str, lang: str | None = None) -> str:
    """The source line under a figure: ``数据来源：…`` (``Source: …`` in English).

    Examples:
        >>> source_text("2024年活动总结报告", "zh")
        '数据来源：2024年活动总结报告'
    """
    return label("source", resolve_lang(lang)) + text
