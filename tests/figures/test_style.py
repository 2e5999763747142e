"""Tests for analysis.figures.style: rcParams of the house style, palette, language."""

import matplotlib
import pytest

from analysis.figures import fonts, style
from analysis.figures.fonts import FontNotFoundError
from analysis.figures.style import PALETTE, current_lang, use_house_style

# Okabe & Ito (2008), "Color Universal Design", the eight colours in sRGB hex.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


def test_palette_is_okabe_ito_with_strong_colours_first():
    assert set(PALETTE) == OKABE_ITO and len(PALETTE) == 8
    # The first series colours must stay visible on white: not yellow, not black.
    assert "#F0E442" not in PALETTE[:4] and "#000000" not in PALETTE[:4]


def test_house_style_settings():
    with matplotlib.rc_context():
        family = use_house_style("zh")
        rc = matplotlib.rcParams
        assert rc["font.sans-serif"][0] == family
        assert rc["axes.unicode_minus"] is False
        assert rc["svg.hashsalt"] == "kechuang-eval"
        assert rc["svg.fonttype"] == "path"
        assert rc["axes.prop_cycle"].by_key()["color"] == list(PALETTE)
        assert current_lang() == "zh"


def test_language_switch_and_bad_language():
    with matplotlib.rc_context():
        use_house_style("en")
        assert current_lang() == "en"
        use_house_style("zh")
        assert current_lang() == "zh"
    with pytest.raises(ValueError, match="unknown language"):
        use_house_style("de")


def test_without_a_cjk_font_chinese_fails_and_english_warns(monkeypatch):
    monkeypatch.setattr(fonts, "find_cjk_font", lambda: None)
    monkeypatch.setitem(style._STATE, "lang", "zh")
    with matplotlib.rc_context():
        with pytest.raises(FontNotFoundError, match="fonts-noto-cjk"):
            use_house_style("zh")
        with pytest.warns(UserWarning, match="fonts-noto-cjk"):
            assert use_house_style("en") is None
        assert matplotlib.rcParams["font.sans-serif"] == ["DejaVu Sans"]
