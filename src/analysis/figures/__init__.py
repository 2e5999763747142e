"""Figures: house style, CJK fonts, bilingual labels, money units, charts, deterministic saving."""

from analysis.figures.charts import (
    amount_bars,
    bar_by_category,
    budget_bars,
    coverage_bars,
    funnel_bars,
    line_over_time,
)
from analysis.figures.fonts import FontNotFoundError, find_cjk_font, register_cjk_font
from analysis.figures.labels import label
from analysis.figures.save import MissingGlyphError, add_source_line, missing_glyphs, save_figure
from analysis.figures.style import PALETTE, use_house_style
from analysis.figures.units import choose_yuan_scale, format_yuan, yuan_formatter

__all__ = [
    "PALETTE",
    "FontNotFoundError",
    "MissingGlyphError",
    "add_source_line",
    "amount_bars",
    "bar_by_category",
    "budget_bars",
    "choose_yuan_scale",
    "coverage_bars",
    "find_cjk_font",
    "format_yuan",
    "funnel_bars",
    "label",
    "line_over_time",
    "missing_glyphs",
    "register_cjk_font",
    "save_figure",
    "use_house_style",
    "yuan_formatter",
]
