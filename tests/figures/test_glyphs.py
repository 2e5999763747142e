"""Every character drawn in the house style has a glyph; a missing glyph fails loudly."""

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest

from analysis.figures.save import MissingGlyphError, missing_glyphs, save_figure

#: The words the issue names, plus the money units and punctuation our figures print.
PROBE = "科技成果转化 万元 亿元 院士"
EXTRA = "数据来源：（2024年）“科创中国”、5G应用 35.71亿元 -12%"


def _draw_probe():
    fig, ax = plt.subplots()
    ax.set_title(PROBE)
    ax.bar(["万元", "亿元"], [1, -2])
    ax.set_ylabel("院士（人）")
    fig.text(0.01, 0.01, EXTRA)
    return fig


def test_house_style_draws_the_probe_without_missing_glyphs(house_zh, recwarn):
    fig = _draw_probe()
    fig.canvas.draw()
    glyph_warnings = [w for w in recwarn if "missing from font" in str(w.message)]
    assert glyph_warnings == []
    assert missing_glyphs(fig) == []


def test_the_check_catches_a_font_without_chinese():
    # DejaVu Sans has Latin but no CJK ideographs: 科 (U+79D1) must be reported.
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        fig = _draw_probe()
        found = missing_glyphs(fig)
    assert any("CJK UNIFIED IDEOGRAPH-79D1" in m for m in found)
    assert all("DejaVu Sans" in m for m in found)


def test_saving_refuses_a_figure_with_missing_glyphs(tmp_path):
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        fig = _draw_probe()
        with pytest.raises(MissingGlyphError, match="fonts-noto-cjk"):
            save_figure(fig, "00_test", "probe", tmp_path)
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_other_warnings_are_not_swallowed(house_zh):
    fig = _draw_probe()
    fig.axes[0].plot([1, 2], [1, 2], label="_hidden")
    with warnings.catch_warnings(record=True) as records:
        warnings.simplefilter("always")
        fig.axes[0].legend()  # no labelled artists: matplotlib warns, and we must pass it on
        missing_glyphs(fig)
    assert any("No artists with labels" in str(r.message) for r in records)
